/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "crm.h"
#include "crm-test-util.h"
#include "smtp-fixture.h"
#include "pg-fixture.h"

/* The durable outbox over a real SMTP server (aiosmtpd) and a real
 * Secret Service (GNOME Keyring), on a clock the test moves. */

typedef struct
{
  char        *dir;
  char        *uri;      /* the database on the PostgreSQL server, or NULL */
  char        *spool;
  GSubprocess *server;
  CrmClock    *clock;
  CrmSession    *session;
  gint64       account;
} Fixture;

/* Another connection to the fixture's database (its file, or on
 * PostgreSQL its database on the test server). */
static CrmSession *
open_session (Fixture  *fixture,
              GError  **error)
{
  g_autofree char *path = g_build_filename (fixture->dir, "crm.sqlite", NULL);

  if (fixture->uri != NULL)
    return crm_session_open_uri (fixture->uri, NULL, fixture->clock, error);

  return crm_session_open_file (path, fixture->clock, error);
}

/* SQL run on the fixture's database past the stores, as another
 * program would */
static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  g_autofree char *path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  sqlite3 *db = NULL;

  if (fixture->uri != NULL)
    {
      crm_test_pg_exec (strrchr (fixture->uri, '/') + 1, sql);
      return;
    }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 5, 1, 9, 0, 0);
  g_autoptr(CrmAccount) account = NULL;
  guint16 port;

  fixture->server = crm_test_smtp_start (&fixture->spool, &port);
  fixture->dir = g_dir_make_tmp ("crm-outbox-XXXXXX", NULL);
  fixture->clock = crm_clock_new_fixed (now);
  if (crm_test_on_postgresql ())
    fixture->uri = crm_test_pg_new_database ();
  fixture->session = open_session (fixture, &error);
  g_assert_no_error (error);

  /* no IMAP server listens on port 1: "account test" must say so */
  account = crm_account_new (0, "biuro@example.com", "Biuro", "127.0.0.1", 1, "none",
                             "127.0.0.1", port, "none", "office");
  fixture->account = crm_account_store_add (crm_account_store_from_session (fixture->session), account, "pass word", FALSE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->session);
  g_clear_object (&fixture->clock);
  crm_test_remove_data_dir (fixture->dir);
  crm_test_smtp_stop (fixture->server, fixture->spool);
  g_free (fixture->dir);
  g_free (fixture->uri);
  g_free (fixture->spool);
}

static CrmOutgoingMessage *
message_to (const char *address)
{
  CrmOutgoingMessage *out = crm_outgoing_message_new ("Biuro", "biuro@example.com");

  crm_outgoing_message_add_to (out, address);
  crm_outgoing_message_set_subject (out, "Oferta");
  crm_outgoing_message_set_body (out, "Dzień dobry.\n");

  return out;
}

static gint64
queue (Fixture    *fixture,
       const char *address,
       gint64      delay)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOutgoingMessage) out = message_to (address);
  gint64 id;

  id = crm_outbox_queue (crm_outbox_from_session (fixture->session), NULL, fixture->account, out,
                         crm_clock_now_unix (fixture->clock) + delay, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static void
assert_state (Fixture    *fixture,
              gint64      id,
              const char *state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOutboxItem) item = crm_outbox_get (crm_outbox_from_session (fixture->session), id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (crm_outbox_item_get_state (item), ==, state);
}

static guint
run (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  guint sent = crm_outbox_run_due (crm_outbox_from_session (fixture->session), NULL, &error);

  g_assert_no_error (error);

  return sent;
}

static void
test_undo_window (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 kept = queue (fixture, "anna@example.com", 30);
  gint64 undone = queue (fixture, "jan@example.com", 30);

  /* inside the undo window nothing leaves */
  g_assert_cmpuint (run (fixture), ==, 0);
  g_assert_cmpuint (crm_test_smtp_count (fixture->spool), ==, 0);
  assert_state (fixture, kept, "waiting");

  g_assert_true (crm_outbox_cancel (crm_outbox_from_session (fixture->session), undone, &error));
  g_assert_no_error (error);
  assert_state (fixture, undone, "cancelled");

  crm_clock_advance (fixture->clock, 30 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (run (fixture), ==, 1);
  g_assert_cmpuint (crm_test_smtp_count (fixture->spool), ==, 1);
  assert_state (fixture, kept, "sent");
  assert_state (fixture, undone, "cancelled");

  /* sent is final: neither cancelled nor sent again */
  g_assert_false (crm_outbox_cancel (crm_outbox_from_session (fixture->session), kept, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_assert_cmpuint (run (fixture), ==, 0);
  g_assert_cmpuint (crm_test_smtp_count (fixture->spool), ==, 1);

  /* the window's Undo of several at once, on a worker: the one still
   * waiting is cancelled, the one gone says so */
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GAsyncResult) result = NULL;
    gint64 waiting = queue (fixture, "ewa@example.com", 30);
    guint n_cancelled = 0;

    g_array_append_val (ids, kept);
    g_array_append_val (ids, waiting);
    crm_outbox_cancel_async (crm_outbox_from_session (fixture->session), ids, NULL, crm_test_async_done_cb, &result);
    crm_test_wait_result (&result);
    g_clear_error (&error);
    g_assert_false (crm_outbox_cancel_finish (crm_outbox_from_session (fixture->session), result, &n_cancelled,
                                              &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
    g_assert_cmpuint (n_cancelled, ==, 1);
    assert_state (fixture, waiting, "cancelled");
    assert_state (fixture, kept, "sent");
  }
}

static void
test_schedule (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOutgoingMessage) late = message_to ("anna@example.com");
  gint64 id = queue (fixture, "anna@example.com", 2 * 24 * 3600);

  g_assert_cmpint (crm_outbox_next_due (crm_outbox_from_session (fixture->session)), ==, crm_clock_now_unix (fixture->clock) + 2 * 24 * 3600);
  crm_clock_advance (fixture->clock, G_TIME_SPAN_DAY);
  g_assert_cmpuint (run (fixture), ==, 0);
  crm_clock_advance (fixture->clock, G_TIME_SPAN_DAY);
  g_assert_cmpuint (run (fixture), ==, 1);
  assert_state (fixture, id, "sent");

  /* at most 14 days ahead */
  g_assert_cmpint (crm_outbox_queue (crm_outbox_from_session (fixture->session), NULL, fixture->account, late,
                                     crm_clock_now_unix (fixture->clock) + 15 * 24 * 3600, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
}

static void
test_temporary_then_permanent (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOutboxItem) item = NULL;
  gint64 busy = queue (fixture, "temp-fail@example.com", 0);
  gint64 refused = queue (fixture, "reject@example.com", 0);

  g_assert_cmpuint (run (fixture), ==, 0);

  /* 4xx: back to waiting, a minute later, with the server's words */
  item = crm_outbox_get (crm_outbox_from_session (fixture->session), busy, &error);
  g_assert_cmpstr (crm_outbox_item_get_state (item), ==, "waiting");
  g_assert_cmpint (crm_outbox_item_get_attempts (item), ==, 1);
  g_assert_cmpint (crm_outbox_item_get_due (item), ==, crm_clock_now_unix (fixture->clock) + 60);
  g_assert_nonnull (strstr (crm_outbox_item_get_last_error (item), "try again later"));
  g_clear_object (&item);

  /* 5xx: failed for good, with the server's words */
  item = crm_outbox_get (crm_outbox_from_session (fixture->session), refused, &error);
  g_assert_cmpstr (crm_outbox_item_get_state (item), ==, "failed");
  g_assert_nonnull (strstr (crm_outbox_item_get_last_error (item), "No such user here"));
  g_clear_object (&item);

  /* the backoff doubles */
  crm_clock_advance (fixture->clock, 60 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (run (fixture), ==, 0);
  item = crm_outbox_get (crm_outbox_from_session (fixture->session), busy, &error);
  g_assert_cmpint (crm_outbox_item_get_attempts (item), ==, 2);
  g_assert_cmpint (crm_outbox_item_get_due (item), ==, crm_clock_now_unix (fixture->clock) + 120);
  g_assert_cmpint (crm_outbox_retry_delay (1), ==, 60);
  g_assert_cmpint (crm_outbox_retry_delay (3), ==, 240);
  g_assert_cmpint (crm_outbox_retry_delay (20), ==, 3600);
}

/* A 4xx, then the server takes the message at the next try. */
static void
test_temporary_then_sent (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOutboxItem) item = NULL;
  gint64 id = queue (fixture, "busy-once@example.com", 0);

  g_assert_cmpuint (run (fixture), ==, 0);
  assert_state (fixture, id, "waiting");
  g_assert_cmpuint (crm_test_smtp_count (fixture->spool), ==, 0);

  /* not before its time */
  crm_clock_advance (fixture->clock, 59 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (run (fixture), ==, 0);

  crm_clock_advance (fixture->clock, G_TIME_SPAN_SECOND);
  g_assert_cmpuint (run (fixture), ==, 1);
  item = crm_outbox_get (crm_outbox_from_session (fixture->session), id, &error);
  g_assert_cmpstr (crm_outbox_item_get_state (item), ==, "sent");
  g_assert_cmpint (crm_outbox_item_get_attempts (item), ==, 2);
  g_assert_cmpuint (crm_test_smtp_count (fixture->spool), ==, 1);
}

static void
test_sending_left_over (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = queue (fixture, "anna@example.com", 3600);
  g_autofree char *sql = g_strdup_printf ("UPDATE outbox SET state = 'sending' WHERE id = %" G_GINT64_FORMAT, id);

  /* a run that died in the middle of the conversation */
  exec_sql (fixture, sql);

  g_assert_cmpuint (run (fixture), ==, 1);
  assert_state (fixture, id, "sent");

  list = crm_outbox_list (crm_outbox_from_session (fixture->session), &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

static gpointer
run_in_thread (gpointer data)
{
  CrmSession *worker = data;
  g_autoptr(GError) error = NULL;
  guint sent = crm_outbox_run_due (crm_outbox_from_session (worker), NULL, &error);

  g_assert_no_error (error);

  return GUINT_TO_POINTER (sent);
}

/* The engine sends from its own connection, one due mail after
 * another; a mail cancelled in the window meanwhile stays cancelled. */
static void
test_cancel_during_run (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *second = g_build_filename (fixture->spool, "0002.eml", NULL);
  g_autoptr(CrmSession) worker = open_session (fixture, &error);
  gint64 slow = queue (fixture, "slow@example.com", 0);
  gint64 next = queue (fixture, "anna@example.com", 0);
  GThread *thread;

  g_assert_no_error (error);
  thread = g_thread_new ("outbox", run_in_thread, worker);
  /* the worker is in the first mail's conversation, the second waits */
  g_usleep (1000 * 1000);
  g_assert_true (crm_outbox_cancel (crm_outbox_from_session (fixture->session), next, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (thread)), ==, 1);

  assert_state (fixture, slow, "sent");
  assert_state (fixture, next, "cancelled");
  g_assert_false (g_file_test (second, G_FILE_TEST_EXISTS));
}

/* Lines of a file in the spool, or of every file with @suffix */
static GHashTable *
spool_lines (Fixture    *fixture,
             const char *name,
             const char *suffix,
             guint      *n_lines)
{
  GHashTable *lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) dir = g_dir_open (fixture->spool, 0, NULL);
  const char *file;

  *n_lines = 0;
  while (dir != NULL && (file = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->spool, file, NULL);
      g_autofree char *contents = NULL;
      g_auto(GStrv) split = NULL;

      if ((name != NULL && !g_str_equal (file, name)) || (suffix != NULL && !g_str_has_suffix (file, suffix)) ||
          !g_file_get_contents (path, &contents, NULL, NULL))
        continue;

      split = g_strsplit (contents, "\n", -1);
      for (guint i = 0; split[i] != NULL; i++)
        if (*split[i] != '\0')
          {
            g_hash_table_add (lines, g_strdup (split[i]));
            (*n_lines)++;
          }
    }

  return lines;
}

/* All due mail of an account goes over one connection, RSET between
 * the messages; a refused recipient leaves it open for the next. */
static void
test_one_connection (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GHashTable) peers = NULL;
  g_autoptr(GHashTable) resets = NULL;
  g_autofree char **peer = NULL;
  guint n_peers, n_resets;
  gint64 first = queue (fixture, "anna@example.com", 0);
  gint64 refused = queue (fixture, "reject@example.com", 0);
  gint64 second = queue (fixture, "jan@example.com", 0);
  gint64 third = queue (fixture, "ewa@example.com", 0);

  g_assert_cmpuint (run (fixture), ==, 3);
  assert_state (fixture, first, "sent");
  assert_state (fixture, refused, "failed");
  assert_state (fixture, second, "sent");
  assert_state (fixture, third, "sent");

  peers = spool_lines (fixture, NULL, ".peer", &n_peers);
  g_assert_cmpuint (n_peers, ==, 3);
  g_assert_cmpuint (g_hash_table_size (peers), ==, 1);

  resets = spool_lines (fixture, "rset", NULL, &n_resets);
  g_assert_cmpuint (n_resets, ==, 3);
  peer = (char **) g_hash_table_get_keys_as_array (peers, NULL);
  g_assert_true (g_hash_table_contains (resets, peer[0]));
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  g_autofree char *path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (fixture->uri != NULL)
    {
      PGconn *conn = PQconnectdb (fixture->uri);
      PGresult *result = PQexec (conn, sql);

      g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
      g_assert_cmpint (PQntuples (result), >=, 1);
      value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      PQclear (result);
      PQfinish (conn);

      return value;
    }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* "sent" stands the moment the server took the message, while the
 * copy for the Sent folder still waits on an IMAP server that does not
 * answer; that copy is left for later, never a cause to send again. */
static void
test_sent_before_copy (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) silent = g_socket_listener_new ();
  g_autoptr(CrmAccount) first = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmOutgoingMessage) out = message_to ("anna@example.com");
  g_autoptr(GSocketConnection) connection = NULL;
  g_autofree char *later = NULL;
  g_autoptr(CrmSession) worker = NULL;
  g_autoptr(CrmOutboxItem) item = NULL;
  GThread *thread;
  gint64 account_id, id;
  guint16 imap_port;
  gint64 waited = 0;

  /* connections are taken in, never answered */
  imap_port = g_socket_listener_add_any_inet_port (silent, NULL, &error);
  g_assert_no_error (error);
  first = crm_account_store_get (crm_account_store_from_session (fixture->session), fixture->account, &error);
  g_assert_no_error (error);
  account = crm_account_new (0, "oferty@example.com", "Oferty", "127.0.0.1", imap_port, "none",
                             "127.0.0.1", crm_account_get_smtp_port (first), "none", "office");
  account_id = crm_account_store_add (crm_account_store_from_session (fixture->session), account, "pass word", TRUE, &error);
  g_assert_no_error (error);
  id = crm_outbox_queue (crm_outbox_from_session (fixture->session), NULL, account_id, out, crm_clock_now_unix (fixture->clock), &error);
  g_assert_no_error (error);

  worker = open_session (fixture, &error);
  g_assert_no_error (error);
  thread = g_thread_new ("outbox", run_in_thread, worker);

  while (crm_test_smtp_count (fixture->spool) == 0 || !g_str_equal (crm_outbox_item_get_state (item), "sent"))
    {
      g_assert_cmpint (waited, <, 10 * G_USEC_PER_SEC);
      g_usleep (20 * 1000);
      waited += 20 * 1000;
      g_clear_object (&item);
      item = crm_outbox_get (crm_outbox_from_session (fixture->session), id, &error);
      g_assert_no_error (error);
    }

  /* still waiting for the IMAP server's greeting; then the server
   * hangs up without one */
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM outbox WHERE copy_state = 'pending'"), ==, 1);
  connection = g_socket_listener_accept (silent, NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (thread)), ==, 1);

  assert_state (fixture, id, "sent");
  later = g_strdup_printf ("SELECT count (*) FROM outbox WHERE copy_state = 'pending' AND copy_error IS NOT NULL "
                           "AND copy_due_at = %" G_GINT64_FORMAT, crm_clock_now_unix (fixture->clock) + 60);
  g_assert_cmpint (query_int (fixture, later), ==, 1);

  /* the next run leaves the copy to its own time, and sends nothing again */
  g_assert_cmpuint (run (fixture), ==, 0);
  g_assert_cmpuint (crm_test_smtp_count (fixture->spool), ==, 1);
}

/* A run that died after the whole message had gone but before the
 * server's answer was recorded: the server may have it, so it is
 * recorded as sent, and never sent again. One that died earlier in
 * the conversation is sent again. */
static void
test_died_at_final_dot (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 ended = queue (fixture, "anna@example.com", 0);
  gint64 early = queue (fixture, "jan@example.com", 0);
  g_autofree char *sql =
    g_strdup_printf ("UPDATE outbox SET state = 'sending', attempts = 1; "
                     "UPDATE outbox SET data_ended_at = 1777625000 WHERE id = %" G_GINT64_FORMAT, ended);

  exec_sql (fixture, sql);

  g_assert_cmpuint (run (fixture), ==, 2);
  assert_state (fixture, ended, "sent");
  assert_state (fixture, early, "sent");
  g_assert_cmpuint (crm_test_smtp_count (fixture->spool), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM outbox WHERE data_ended_at IS NULL "
                                       "AND sent_at = 1777625000"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM history WHERE entity = 'outbox' AND "
                                       "action = 'sent' AND detail IS NOT NULL"), ==, 1);
}

static int
crmctl (Fixture     *fixture,
        char       **out,
        const char  *first,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("CRMCTL"));
  g_ptr_array_add (args, (gpointer) "--data-dir");
  g_ptr_array_add (args, fixture->dir);
  if (fixture->uri != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--database");
      g_ptr_array_add (args, fixture->uri);
    }
  g_ptr_array_add (args, (gpointer) "--json");
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, NULL, &error);
  g_assert_no_error (error);

  return g_subprocess_get_exit_status (process);
}

/* crmctl send, outbox run, outbox list, outbox cancel */
static void
test_crmctl (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *body = g_build_filename (fixture->dir, "body.txt", NULL);
  g_autofree char *out = NULL;
  g_autofree char *list = NULL;
  g_autofree char *ignored = NULL;

  /* the fixture's store is closed first: crmctl opens the file itself */
  g_assert_true (g_file_set_contents (body, "Dzień dobry,\n.\nline after a lone dot\n", -1, NULL));

  g_assert_cmpint (crmctl (fixture, &out, "send", "--to", "anna@example.com", "--subject", "Oferta",
                           "--body-file", body, "--delay", "0", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"id\""));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (crmctl (fixture, &out, "outbox", "run", "--until-empty", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"sent\" : 1"));
  g_assert_cmpuint (crm_test_smtp_count (fixture->spool), ==, 1);

  g_assert_cmpint (crmctl (fixture, &list, "outbox", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (list, "\"state\" : \"sent\""));

  /* too late to cancel: bad input, exit 2 */
  g_assert_cmpint (crmctl (fixture, &ignored, "outbox", "cancel", "1", NULL), ==, 2);

  /* a scheduled one can be cancelled */
  g_clear_pointer (&ignored, g_free);
  g_assert_cmpint (crmctl (fixture, &ignored, "send", "--to", "anna@example.com", "--subject", "Later",
                           "--body-file", body, "--delay", "3600", NULL), ==, 0);
  g_clear_pointer (&ignored, g_free);
  g_assert_cmpint (crmctl (fixture, &ignored, "outbox", "cancel", "2", NULL), ==, 0);
  g_clear_pointer (&ignored, g_free);
  g_assert_cmpint (crmctl (fixture, &ignored, "send", "--to", "anna@example.com", "--subject", "Too late",
                           "--body-file", body, "--at", "2099-01-01T00:00:00Z", NULL), ==, 2);

  /* account test reports each server on its own, with the reason */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (crmctl (fixture, &out, "account", "test", "1", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "\"smtp\" : {\n    \"ok\" : true"));
  g_assert_nonnull (strstr (out, "\"imap\" : {\n    \"ok\" : false"));
  g_assert_nonnull (strstr (out, "refused"));
}

static guint
count_rows (const char *list)
{
  guint n = 0;

  for (const char *p = list; (p = strstr (p, "\"state\"")) != NULL; p++)
    n++;

  return n;
}

/* The limits refuse with exit 2 and store nothing; a time fixed with
 * CRM_NOW decides when a scheduled mail goes. */
static void
test_crmctl_limits_and_schedule (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *body = g_build_filename (fixture->dir, "body.txt", NULL);
  g_autofree char *big = g_build_filename (fixture->dir, "scan.pdf", NULL);
  g_autofree char *list = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *too_big = g_malloc0 (CRM_OUTGOING_MAX_ATTACHMENT + 1);

  g_assert_true (g_file_set_contents (body, "Dzień dobry.\n", -1, NULL));
  g_assert_true (g_file_set_contents (big, too_big, CRM_OUTGOING_MAX_ATTACHMENT + 1, NULL));

  /* 31 CCs */
  g_ptr_array_add (args, g_strdup (g_getenv ("CRMCTL")));
  g_ptr_array_add (args, g_strdup ("--data-dir"));
  g_ptr_array_add (args, g_strdup (fixture->dir));
  if (fixture->uri != NULL)
    {
      g_ptr_array_add (args, g_strdup ("--database"));
      g_ptr_array_add (args, g_strdup (fixture->uri));
    }
  g_ptr_array_add (args, g_strdup ("send"));
  g_ptr_array_add (args, g_strdup ("--to=anna@example.com"));
  g_ptr_array_add (args, g_strdup ("--subject=Many"));
  g_ptr_array_add (args, g_strdup_printf ("--body-file=%s", body));
  for (guint i = 0; i < 31; i++)
    g_ptr_array_add (args, g_strdup_printf ("--cc=cc%u@example.com", i));
  g_ptr_array_add (args, NULL);
  process = g_subprocess_newv ((const char * const *) args->pdata, G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &out, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_nonnull (strstr (out, "30"));

  /* an attachment of 25 MB and a byte */
  g_assert_cmpint (crmctl (fixture, &list, "send", "--to", "anna@example.com", "--subject", "Big",
                           "--body-file", body, "--attach", big, NULL), ==, 2);
  g_clear_pointer (&list, g_free);
  g_assert_cmpint (crmctl (fixture, &list, "outbox", "list", NULL), ==, 0);
  g_assert_cmpuint (count_rows (list), ==, 0);
  g_clear_pointer (&list, g_free);

  /* scheduled for ten o'clock: not at half past nine, then at ten */
  g_setenv ("CRM_NOW", "2026-05-01T09:00:00Z", TRUE);
  g_assert_cmpint (crmctl (fixture, &list, "send", "--to", "anna@example.com", "--subject", "At ten",
                           "--body-file", body, "--at", "2026-05-01T10:00:00Z", NULL), ==, 0);
  g_clear_pointer (&list, g_free);
  g_setenv ("CRM_NOW", "2026-05-01T09:30:00Z", TRUE);
  g_assert_cmpint (crmctl (fixture, &list, "outbox", "run", NULL), ==, 0);
  g_assert_cmpuint (crm_test_smtp_count (fixture->spool), ==, 0);
  g_clear_pointer (&list, g_free);
  g_setenv ("CRM_NOW", "2026-05-01T10:00:00Z", TRUE);
  g_assert_cmpint (crmctl (fixture, &list, "outbox", "run", NULL), ==, 0);
  g_assert_cmpuint (crm_test_smtp_count (fixture->spool), ==, 1);
  g_unsetenv ("CRM_NOW");
}

/* What an owner's hook saw, and whether it refuses. */
typedef struct
{
  guint     calls;
  char     *outcome;
  gboolean  refuse;
} HookLog;

static HookLog hook_log;

static gboolean
logging_hook (CrmSession  *session,
              gint64       outbox_id,
              const char  *outcome,
              gpointer     user_data,
              GError     **error)
{
  HookLog *log = user_data;

  log->calls++;
  g_free (log->outcome);
  log->outcome = g_strdup (outcome);
  if (log->refuse)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "refused by the owner");
      return FALSE;
    }

  return TRUE;
}

/* The owner of a mail follows it through its hook, inside the outbox's
 * transaction: a hook that fails undoes the cancel; the outcome of a
 * send reaches it; mail of nobody's, or of another owner, does not. */
static void
test_hooks (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOutgoingMessage) out = message_to ("anna@example.com");
  g_autoptr(CrmOutgoingMessage) plain = message_to ("jan@example.com");
  gint64 now = crm_clock_now_unix (fixture->clock);
  gint64 id;

  crm_outbox_add_hook ("test-owner", logging_hook, &hook_log);

  id = crm_outbox_queue (crm_outbox_from_session (fixture->session), "test-owner", fixture->account, out, now + 60, &error);
  g_assert_no_error (error);
  hook_log.refuse = TRUE;
  g_assert_false (crm_outbox_cancel (crm_outbox_from_session (fixture->session), id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (hook_log.calls, ==, 1);
  assert_state (fixture, id, "waiting");

  hook_log.refuse = FALSE;
  g_assert_true (crm_outbox_cancel (crm_outbox_from_session (fixture->session), id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hook_log.calls, ==, 2);
  g_assert_cmpstr (hook_log.outcome, ==, "cancelled");
  assert_state (fixture, id, "cancelled");

  /* sent: the owner hears it; nobody's mail reaches no hook */
  id = crm_outbox_queue (crm_outbox_from_session (fixture->session), "test-owner", fixture->account, out, now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_outbox_queue (crm_outbox_from_session (fixture->session), NULL, fixture->account, plain, now, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (run (fixture), ==, 2);
  assert_state (fixture, id, "sent");
  g_assert_cmpuint (hook_log.calls, ==, 3);
  g_assert_cmpstr (hook_log.outcome, ==, "sent");

  g_clear_pointer (&hook_log.outcome, g_free);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/outbox/undo-window", test_undo_window);
  ADD ("/outbox/schedule", test_schedule);
  ADD ("/outbox/temporary-then-permanent", test_temporary_then_permanent);
  ADD ("/outbox/temporary-then-sent", test_temporary_then_sent);
  ADD ("/outbox/sending-left-over", test_sending_left_over);
  ADD ("/outbox/cancel-during-run", test_cancel_during_run);
  ADD ("/outbox/one-connection", test_one_connection);
  ADD ("/outbox/sent-before-copy", test_sent_before_copy);
  ADD ("/outbox/died-at-final-dot", test_died_at_final_dot);
  ADD ("/outbox/hooks", test_hooks);
  ADD ("/outbox/crmctl", test_crmctl);
  ADD ("/outbox/crmctl-limits-and-schedule", test_crmctl_limits_and_schedule);

#undef ADD

  status = g_test_run ();
  crm_test_wait_for_threads ();

  return status;
}
