/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "crm.h"
#include "crm-test-util.h"
#include "dovecot-fixture.h"
#include "smtp-fixture.h"
#include "pg-fixture.h"

/* kill -9 at random moments: the real crmctl, as a child process, is
 * killed while it sends 100 mails over a real SMTP server (aiosmtpd)
 * and copies them into a real Dovecot's Sent folder, and while it
 * imports a few thousand messages from Dovecot; restarted after each
 * kill. Counted on the servers' side: every mail delivered once, none
 * lost, every Sent copy made once; every message imported once, and
 * the database intact. */

#define N_MAILS 100
#define N_MAIL_KILLS 100
#define SENDING_KILLS 70
#define N_IMPORT 3000
#define N_IMPORT_KILLS 8
#define N_TWICE 1000

typedef struct
{
  char        *mail_dir;
  char        *spool;
  char        *dir;
  char        *uri;       /* the PostgreSQL database, on the -pg run */
  GSubprocess *dovecot;
  GSubprocess *smtp;
  guint16      imap_port;
  guint16      smtp_port;
  gint64       account;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autofree char *path = NULL;

  fixture->dovecot = crm_test_dovecot_start (&fixture->mail_dir, &fixture->imap_port);
  fixture->smtp = crm_test_smtp_start (&fixture->spool, &fixture->smtp_port);

  fixture->dir = g_dir_make_tmp ("crm-kill-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  if (crm_test_on_postgresql ())
    fixture->uri = crm_test_pg_new_database ();
  session = fixture->uri != NULL ? crm_session_open_uri (fixture->uri, NULL, NULL, &error)
                                 : crm_session_open_file (path, NULL, &error);
  g_assert_no_error (error);

  account = crm_account_new (0, "office@example.com", "Biuro", "127.0.0.1", fixture->imap_port, "none",
                             "127.0.0.1", fixture->smtp_port, "none", "office");
  fixture->account = crm_account_store_add (crm_account_store_from_session (session), account, "pass word", TRUE, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&session));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  crm_test_remove_data_dir (fixture->dir);
  crm_test_smtp_stop (fixture->smtp, fixture->spool);
  crm_test_dovecot_stop (fixture->dovecot, fixture->mail_dir);
  g_free (fixture->dir);
  g_free (fixture->uri);
  g_free (fixture->spool);
  g_free (fixture->mail_dir);
}

/* The fixture's database, on a connection of the test's own: the
 * SQLite file, or the PostgreSQL database of the -pg run. */
static CrmSession *
open_db (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  CrmSession *db = fixture->uri != NULL ? crm_session_open_uri (fixture->uri, NULL, NULL, &error)
                                        : crm_session_open_file (path, NULL, &error);

  g_assert_no_error (error);

  return db;
}

/* @sql: a string literal (statements are cached by it) */
static gint64
query_int (CrmSession *db,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (db), sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);

  return crm_statement_get_int64 (stmt, 0);
}

/* SQLite's own check of the file; a PostgreSQL server keeps its own
 * (nothing a killed client can break): "ok" there */
static char *
integrity_check (CrmSession *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = NULL;

  if (crm_database_get_dialect (crm_session_get_database (db)) == CRM_DIALECT_POSTGRESQL)
    return g_strdup ("ok");
  stmt = crm_database_prepare (crm_session_get_database (db), "PRAGMA integrity_check", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);

  return g_strdup (crm_statement_get_text (stmt, 0));
}

static GSubprocess *
spawn_crmctl (Fixture    *fixture,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("CRMCTL"));
  g_ptr_array_add (args, (gpointer) "--data-dir");
  g_ptr_array_add (args, fixture->dir);
  if (fixture->uri != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--database");
      g_ptr_array_add (args, fixture->uri);
    }
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);

  return process;
}

/* Starts the command, kills it with SIGKILL after @delay_us, waits for
 * it; returns whether the kill found it still at work. */
static gboolean
run_and_kill (GSubprocess *process,
              gulong       delay_us)
{
  g_autoptr(GError) error = NULL;
  gboolean killed;

  g_usleep (delay_us);
  g_subprocess_force_exit (process);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);

  killed = g_subprocess_get_if_signaled (process) && g_subprocess_get_term_sig (process) == SIGKILL;
  if (!killed)
    g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  return killed;
}

static void
run_to_end (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

/* Message-ID → how many files in @dir (and its cur/ and new/) carry it */
static void
count_ids (GHashTable *counts,
           const char *dir,
           const char *suffix)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      const char *id;

      if (suffix != NULL && !g_str_has_suffix (name, suffix))
        continue;
      if (!g_file_get_contents (path, &contents, NULL, NULL) ||
          (id = strstr (contents, "kill-test-")) == NULL)
        continue;

      {
        g_autofree char *key = g_strndup (id, strcspn (id, "@>\r\n"));

        g_hash_table_insert (counts, g_steal_pointer (&key),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
      }
    }
}

static void
tally (GHashTable *counts,
       guint       n,
       guint      *twice,
       guint      *lost)
{
  *twice = *lost = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("kill-test-%u", i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      if (count == 0)
        (*lost)++;
      else if (count > 1)
        (*twice)++;
    }
}

/* The outbox's bytes of the mail carrying @key, without "\r", and
 * its row */
static char *
outbox_raw (CrmSession *db,
            const char *key,
            gint64     *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (db), "SELECT id, raw FROM outbox",
                                                       &error);

  g_assert_no_error (error);
  while (crm_statement_step (stmt) == CRM_STEP_ROW)
    {
      g_autoptr(GBytes) raw = crm_statement_dup_bytes (stmt, 1);
      g_autofree char *text = g_strndup (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));

      if (strstr (text, key) != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (text, "\r", -1);

          *id = crm_statement_get_int64 (stmt, 0);
          return g_strjoinv ("", parts);
        }
    }

  return NULL;
}

/* How often @id's history says it was sent with a word on it: the
 * program stopped before the server confirmed it */
static gint64
unconfirmed_notes (CrmSession *db,
                   gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (db),
                                                       "SELECT count (*) FROM history WHERE entity = 'outbox' "
                                                       "AND entity_id = ? AND action = 'sent' AND detail IS NOT NULL",
                                                       &error);

  g_assert_no_error (error);
  crm_statement_bind_int64 (stmt, 1, id);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);

  return crm_statement_get_int64 (stmt, 0);
}

/* Whether the server saw the whole of @key's mail but its final "."
 * before the connection ended (smtp-server.py's NNNN.cut files), and
 * the outbox's history says that the server did not confirm it. */
static gboolean
cut_at_final_dot (CrmSession *db,
                  const char *spool,
                  const char *key)
{
  g_autoptr(GDir) dir = g_dir_open (spool, 0, NULL);
  gint64 id = 0;
  g_autofree char *raw = outbox_raw (db, key, &id);
  const char *name;

  g_assert_nonnull (raw);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (spool, name, NULL);
      g_autofree char *contents = NULL;

      if (g_str_has_suffix (name, ".cut") && g_file_get_contents (path, &contents, NULL, NULL) &&
          strstr (contents, key) != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (contents, "\r", -1);
          g_autofree char *cut = g_strjoinv ("", parts);

          if (g_str_equal (cut, raw))
            return unconfirmed_notes (db, id) == 1;
        }
    }

  return FALSE;
}

static void
test_outbox (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) delivered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) copied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  g_autofree char *sent_cur = g_build_filename (fixture->mail_dir, "mail", "office", ".Sent", "cur", NULL);
  g_autofree char *sent_new = g_build_filename (fixture->mail_dir, "mail", "office", ".Sent", "new", NULL);
  guint kills = 0;
  guint killed = 0;
  guint in_conversation = 0;
  guint in_final_dot = 0;
  guint after_sending = 0;
  guint in_copy = 0;
  gint64 sent_so_far = 0;
  gint64 done = 0;
  gint64 steps = 0;
  gint64 working = 0;
  guint twice, lost, copied_twice, not_copied;
  guint cut_at_dot = 0;
  gint64 start_up;
  CrmSession *db;

  {
    g_autoptr(CrmSession) session = open_db (fixture);

    for (guint i = 0; i < N_MAILS; i++)
      {
        g_autoptr(CrmOutgoingMessage) out = crm_outgoing_message_new ("Biuro", "office@example.com");
        g_autofree char *subject = g_strdup_printf ("Oferta %u", i);
        g_autofree char *body = g_strdup_printf ("Dzień dobry,\nkill-test-%u@example.com\n", i);

        crm_outgoing_message_add_to (out, "anna@example.com");
        crm_outgoing_message_set_subject (out, subject);
        crm_outgoing_message_set_body (out, body);
        g_assert_cmpint (crm_outbox_queue (crm_outbox_from_session (session), NULL, fixture->account, out,
                                           0, &error), >, 0);
        g_assert_no_error (error);
      }
    g_assert_finalize_object (g_steal_pointer (&session));
  }

  /* how long crmctl takes to get going, with nothing to send */
  {
    gint64 start = g_get_monotonic_time ();
    g_autoptr(GSubprocess) idle = spawn_crmctl (fixture, "outbox", "list", NULL);

    run_to_end (idle);
    start_up = g_get_monotonic_time () - start;
  }

  /* The kills pace the work: each falls at a random moment within
   * twice the time its run would take for its share of the steps left
   * (a mail to send, a copy to make), at the pace kept so far, so that
   * the 100 mails go out under the first 70 kills, and the copies in
   * the Sent folder (a run copies once its mail is out) under the
   * rest, however fast or busy this machine is. */
  db = open_db (fixture);
  for (guint kill = 0; kill < N_MAIL_KILLS; kill++)
    {
      g_autoptr(GSubprocess) process = NULL;
      gint64 per_step = steps > 0 ? working / steps : 2 * 1000;
      /* the mails over the first 70 kills, the copies over the rest */
      gint64 share = kill < SENDING_KILLS ? (N_MAILS - sent_so_far) * per_step / (SENDING_KILLS - kill)
                                          : (2 * N_MAILS - done) * per_step / (N_MAIL_KILLS - kill);
      gint64 start = g_get_monotonic_time ();
      gint64 before = done;

      kills++;
      process = spawn_crmctl (fixture, "outbox", "run", "--until-empty", NULL);
      if (run_and_kill (process, (gulong) g_rand_double_range (rand, 0, MIN (2 * (start_up + share),
                                                                            2 * G_USEC_PER_SEC))))
        killed++;

      /* where the kill fell */
      if (query_int (db, "SELECT count (*) FROM outbox WHERE state = 'sending' AND data_ended_at IS NULL") > 0)
        in_conversation++;
      if (query_int (db, "SELECT count (*) FROM outbox WHERE state = 'sending' AND data_ended_at IS NOT NULL") > 0)
        in_final_dot++;
      if (query_int (db, "SELECT count (*) FROM outbox WHERE copy_attempts > 0 AND copy_state = 'pending'") > 0)
        in_copy++;
      sent_so_far = query_int (db, "SELECT count (*) FROM outbox WHERE state = 'sent'");
      if (sent_so_far == N_MAILS)
        after_sending++;

      done = sent_so_far + query_int (db, "SELECT count (*) FROM outbox WHERE copy_state = 'done'");
      working += MAX (g_get_monotonic_time () - start - start_up, 0);
      steps += done - before;
      if (done == 2 * N_MAILS)
        break;
    }
  g_object_unref (db);

  /* what the kills left, to the end */
  {
    g_autoptr(GSubprocess) last = spawn_crmctl (fixture, "outbox", "run", "--until-empty", NULL);

    run_to_end (last);
  }

  count_ids (delivered, fixture->spool, ".eml");
  count_ids (copied, sent_cur, NULL);
  count_ids (copied, sent_new, NULL);
  tally (delivered, N_MAILS, &twice, &lost);
  tally (copied, N_MAILS, &copied_twice, &not_copied);

  g_test_message ("outbox: %u mails, %u kills (%u while crmctl was at work, %u inside an SMTP conversation, "
                  "%u between the end of the message and the server's answer, %u once all mail was out, "
                  "%u inside an APPEND to Sent; start-up %" G_GINT64_FORMAT " ms); %" G_GINT64_FORMAT
                  " sent and %" G_GINT64_FORMAT " copied under kills; delivered %u, twice %u, lost %u; Sent copies %u, twice %u, missing %u",
                  N_MAILS, kills, killed, in_conversation, in_final_dot, after_sending, in_copy,
                  start_up / 1000, sent_so_far, done - sent_so_far,
                  crm_test_smtp_count (fixture->spool), twice, lost,
                  g_hash_table_size (copied), copied_twice, not_copied);

  /* Two connections, the database's and the mail server's, cannot
   * take one step together: the outbox notes "the message is ending"
   * before it sends the final ".", and a kill between the two — a
   * few microseconds, which about one run in fifty hits — leaves a
   * mail the server never took, and the outbox's history saying that
   * the program stopped before the server confirmed it (never a mail
   * sent twice, the order's choice). Such a mail is known by the
   * server having had every byte of it but the ".": any other loss
   * fails. */
  {
    g_autoptr(CrmSession) check = open_db (fixture);

    for (guint i = 0; i < N_MAILS; i++)
      {
        g_autofree char *key = g_strdup_printf ("kill-test-%u", i);
        g_autofree char *address = g_strdup_printf ("kill-test-%u@", i);

        if (g_hash_table_lookup (delivered, key) != NULL)
          continue;
        if (!cut_at_final_dot (check, fixture->spool, address))
          g_error ("mail %s was lost, and not between the outbox's note and the final \".\", "
                   "or without a word in its history", key);
        cut_at_dot++;
      }
  }
  g_test_message ("outbox: %u mails cut between the outbox's note and the final \".\"", cut_at_dot);

  g_assert_cmpuint (killed, >=, N_MAIL_KILLS / 2);
  g_assert_cmpuint (twice, ==, 0);
  g_assert_cmpuint (lost, ==, cut_at_dot);
  g_assert_cmpuint (cut_at_dot, <=, 1);
  g_assert_cmpuint (crm_test_smtp_count (fixture->spool), ==, N_MAILS - cut_at_dot);
  g_assert_cmpuint (copied_twice, ==, 0);
  g_assert_cmpuint (not_copied, ==, 0);

  db = open_db (fixture);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM outbox WHERE state = 'sent' AND copy_state = 'done'"),
                   ==, N_MAILS);
  {
    g_autofree char *integrity = integrity_check (db);

    g_assert_cmpstr (integrity, ==, "ok");
  }
  g_object_unref (db);
}

/* Writes @n messages (numbered from @first) straight into the INBOX
 * maildir of "office": thousands in a moment, where delivering each
 * would take minutes. */
static void
fill_inbox (Fixture *fixture,
            guint    first,
            guint    n)
{
  g_autofree char *home = g_build_filename (fixture->mail_dir, "mail", "office", NULL);
  g_autofree char *fresh = g_build_filename (home, "new", NULL);
  g_autofree char *cur = g_build_filename (home, "cur", NULL);
  g_autofree char *tmp = g_build_filename (home, "tmp", NULL);

  g_assert_cmpint (g_mkdir_with_parents (fresh, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (cur, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (tmp, 0700), ==, 0);

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.M%uP1.crm-test", 1700000000 + i, i);
      g_autofree char *file = g_build_filename (fresh, name, NULL);
      g_autofree char *message =
        g_strdup_printf ("From: Klient %u <klient%u@example.com>\r\nTo: office@example.com\r\n"
                         "Subject: Zapytanie %u\r\nMessage-ID: <kill-test-%u@example.com>\r\n"
                         "Date: Fri, 1 May 2026 09:00:00 +0000\r\n\r\n"
                         "Dzień dobry, pytanie numer %u.\r\n",
                         i % 97, i % 97, i, i, i);

      g_assert_true (g_file_set_contents (file, message, -1, NULL));
    }

  /* Dovecot reads and writes the mailbox as its own user */
  if (getuid () == 0)
    {
      const char *argv[] = { "chown", "-R", "dovecot:dovecot", home, NULL };
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                                   &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new ();
  g_autoptr(GSubprocess) last = NULL;
  guint killed = 0;
  gint64 stored, distinct;
  g_autofree char *integrity = NULL;
  CrmSession *db;
  gint64 imported = 0;
  gint64 importing = 0;
  gint64 start_up;

  /* how long a sync takes with nothing to import: logging in, looking */
  {
    gint64 start = g_get_monotonic_time ();
    g_autoptr(GSubprocess) empty = spawn_crmctl (fixture, "sync", NULL);

    run_to_end (empty);
    start_up = g_get_monotonic_time () - start;
  }

  fill_inbox (fixture, 0, N_IMPORT);

  /* each kill falls where the run has imported about its share of
   * what is left, at the pace kept so far, give or take a half */
  db = open_db (fixture);
  for (guint kill = 0; kill < N_IMPORT_KILLS; kill++)
    {
      g_autoptr(GSubprocess) process = spawn_crmctl (fixture, "sync", NULL);
      gint64 before = query_int (db, "SELECT count (*) FROM messages");
      gint64 share = (N_IMPORT - before) / (N_IMPORT_KILLS - kill + 1);
      gint64 window = imported > 0 ? start_up + share * importing / imported : start_up + 300 * 1000;
      gint64 start = g_get_monotonic_time ();

      if (run_and_kill (process, (gulong) g_rand_double_range (rand, window / 2, MIN (window * 3 / 2,
                                                                                      5 * G_USEC_PER_SEC))))
        killed++;
      importing += MAX (g_get_monotonic_time () - start - start_up, 1);
      imported += query_int (db, "SELECT count (*) FROM messages") - before;
    }
  g_object_unref (db);

  last = spawn_crmctl (fixture, "sync", NULL);
  run_to_end (last);

  db = open_db (fixture);
  stored = query_int (db, "SELECT count (*) FROM messages");
  distinct = query_int (db, "SELECT count (DISTINCT message_id) FROM messages WHERE message_id LIKE 'kill-test-%'");
  integrity = integrity_check (db);
  g_object_unref (db);

  g_test_message ("import: %u messages, %u kills (%u while crmctl was at work); stored %" G_GINT64_FORMAT
                  ", distinct %" G_GINT64_FORMAT "; integrity %s",
                  N_IMPORT, N_IMPORT_KILLS, killed, stored, distinct, integrity);

  g_assert_cmpuint (killed, >=, N_IMPORT_KILLS / 2);
  g_assert_cmpint (stored, ==, N_IMPORT);
  g_assert_cmpint (distinct, ==, N_IMPORT);
  g_assert_cmpstr (integrity, ==, "ok");
}

/* Two engines started at the same moment on one mailbox: two
 * `crmctl sync`, which take no lock, then two `crmctl serve`, of which
 * on the team's database one waits: whatever they share, every message
 * is imported exactly once (the dedupe holds across processes, through
 * the database, not in one process's memory). */
static void
test_two_at_once (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  CrmSession *db;
  gint64 deadline;

  fill_inbox (fixture, 0, N_TWICE);
  first = spawn_crmctl (fixture, "sync", NULL);
  second = spawn_crmctl (fixture, "sync", NULL);
  run_to_end (first);
  run_to_end (second);
  g_clear_object (&first);
  g_clear_object (&second);

  db = open_db (fixture);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM messages"), ==, N_TWICE);
  g_assert_cmpint (query_int (db, "SELECT count (DISTINCT message_id) FROM messages"), ==, N_TWICE);

  /* more mail, and two engines that keep running */
  fill_inbox (fixture, N_TWICE, N_TWICE);
  first = spawn_crmctl (fixture, "serve", NULL);
  second = spawn_crmctl (fixture, "serve", NULL);
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (query_int (db, "SELECT count (*) FROM messages") < 2 * N_TWICE && g_get_monotonic_time () < deadline)
    g_usleep (100 * 1000);
  /* a moment more: anything imported twice would be here by now */
  g_usleep (2 * G_USEC_PER_SEC);
  g_subprocess_send_signal (first, SIGTERM);
  g_subprocess_send_signal (second, SIGTERM);
  g_assert_true (g_subprocess_wait (first, NULL, NULL) && g_subprocess_wait (second, NULL, NULL));
  /* on the team's database the second waited, and stops when told; on
   * one desk's file it said at once that mail is handled already */
  g_assert_true (g_subprocess_get_if_exited (first) && g_subprocess_get_if_exited (second));
  if (fixture->uri != NULL)
    {
      g_assert_cmpint (g_subprocess_get_exit_status (first), ==, 0);
      g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);
    }
  else
    g_assert_cmpint (g_subprocess_get_exit_status (first) + g_subprocess_get_exit_status (second), ==, 1);

  g_test_message ("two at once: %" G_GINT64_FORMAT " messages stored, %" G_GINT64_FORMAT " distinct, of %u",
                  query_int (db, "SELECT count (*) FROM messages"),
                  query_int (db, "SELECT count (DISTINCT message_id) FROM messages"), 2 * N_TWICE);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM messages"), ==, 2 * N_TWICE);
  g_assert_cmpint (query_int (db, "SELECT count (DISTINCT message_id) FROM messages"), ==, 2 * N_TWICE);
  g_object_unref (db);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/kill/outbox", Fixture, NULL, fixture_set_up, test_outbox, fixture_tear_down);
  g_test_add ("/kill/import", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/kill/two-at-once", Fixture, NULL, fixture_set_up, test_two_at_once, fixture_tear_down);

  status = g_test_run ();
  crm_test_wait_for_threads ();

  return status;
}
