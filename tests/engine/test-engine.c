/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm.h"
#include "crm-pg-database.h"
#include "crm-test-util.h"
#include "dovecot-fixture.h"
#include "engine-test-util.h"
#include "pg-fixture.h"
#include "imap-proxy.h"
#include "smtp-fixture.h"

/* The mail engine, in this process (state, progress, errors) and as
 * `crmctl serve` (IDLE, the outbox, the lock, SIGTERM), against a real
 * Dovecot, a real SMTP server and a real Secret Service. */

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
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dovecot = crm_test_dovecot_start (&fixture->mail_dir, &fixture->imap_port);
  fixture->smtp = crm_test_smtp_start (&fixture->spool, &fixture->smtp_port);
  fixture->dir = g_dir_make_tmp ("crm-engine-XXXXXX", NULL);
  if (crm_test_on_postgresql ())
    fixture->uri = crm_test_pg_new_database ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  crm_test_remove_tree (fixture->dir);
  crm_test_smtp_stop (fixture->smtp, fixture->spool);
  crm_test_dovecot_stop (fixture->dovecot, fixture->mail_dir);
  g_free (fixture->dir);
  g_free (fixture->uri);
  g_free (fixture->spool);
  g_free (fixture->mail_dir);
}

static CrmSession *
open_store (Fixture    *fixture,
            const char *password,
            gint64     *account_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  CrmSession *session = fixture->uri != NULL ? crm_session_open_uri (fixture->uri, NULL, NULL, &error)
                                             : crm_session_open_file (path, NULL, &error);

  g_assert_no_error (error);
  account = crm_account_new (0, "biuro@example.com", "Biuro", "127.0.0.1", fixture->imap_port, "none",
                             "127.0.0.1", fixture->smtp_port, "none", "office");
  *account_id = crm_account_store_add (crm_account_store_from_session (session), account, password, FALSE, &error);
  g_assert_no_error (error);

  return session;
}

typedef struct
{
  guint   notifications;
  double  last;
  gboolean between;
  guint   imported;
  guint   synced;
} Progress;

static void
progress_cb (CrmMailEngine *engine,
             GParamSpec    *pspec,
             Progress      *progress)
{
  double value = crm_mail_engine_get_progress (engine);

  progress->notifications++;
  if (value > 0 && value < 1)
    progress->between = TRUE;
  progress->last = value;
}

static void
synced_cb (CrmMailEngine *engine,
           gint64         account_id,
           guint          imported,
           Progress      *progress)
{
  progress->imported += imported;
  progress->synced++;
}

static void
test_states_and_progress (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmMailEngine) engine = NULL;
  g_autoptr(CrmMailEngine) second = NULL;
  g_autoptr(GListModel) messages = NULL;
  Progress progress = { 0 };
  gint64 account_id;

  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *message = g_strdup_printf ("From: anna@example.com\r\nSubject: Nr %u\r\n"
                                                  "Message-ID: <n%u@example.com>\r\n\r\nHello.\r\n", i, i);

      crm_test_dovecot_deliver (fixture->mail_dir, message);
    }

  session = open_store (fixture, "pass word", &account_id);
  /* the application's engine, by its id */
  engine = crm_mail_engine_new (session, APP_ID);
  g_assert_cmpint (crm_mail_engine_get_state (engine), ==, CRM_MAIL_STATE_STOPPED);
  g_signal_connect (engine, "notify::progress", G_CALLBACK (progress_cb), &progress);
  g_signal_connect (engine, "synced", G_CALLBACK (synced_cb), &progress);

  g_assert_true (crm_mail_engine_start (engine, &error));
  g_assert_no_error (error);
  g_assert_true (crm_mail_engine_get_running (engine));

  /* a second engine on the same database is refused, with who holds it */
  second = crm_mail_engine_new (session, "another test");
  g_assert_false (crm_mail_engine_start (second, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  /* said in the reader's words, not as the holder stored its name */
  g_assert_nonnull (strstr (error->message, "by the CRM application (process"));
  g_clear_error (&error);

  crm_test_wait_for_state (engine, CRM_MAIL_STATE_WAITING);
  while (progress.synced == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (progress.imported, ==, 250);
  g_assert_true (progress.between);
  g_assert_null (crm_mail_engine_get_error_message (engine));

  messages = crm_message_store_list (crm_message_store_from_session (session), 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 250);

  /* new mail while waiting: IDLE wakes the engine */
  crm_test_dovecot_deliver (fixture->mail_dir, "From: jan@example.com\r\nSubject: Later\r\n\r\nHi.\r\n");
  {
    guint timeout = g_timeout_add_seconds (30, crm_test_timeout_cb, (gpointer) "IDLE");

    while (progress.imported < 251)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (timeout);
  }

  crm_mail_engine_stop (engine);
  g_assert_cmpint (crm_mail_engine_get_state (engine), ==, CRM_MAIL_STATE_STOPPED);

  /* the lock is free again */
  g_assert_true (crm_mail_engine_start (second, &error));
  g_assert_no_error (error);
  crm_mail_engine_stop (second);
}

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  if (!crm_mail_engine_start_finish (CRM_MAIL_ENGINE (object), result, error) && *error == NULL)
    g_assert_not_reached ();
  /* done: the test's loop stops waiting */
  g_object_set_data (object, "test-started", GINT_TO_POINTER (1));
}

static void
wait_started (CrmMailEngine *engine)
{
  guint timeout = g_timeout_add_seconds (30, crm_test_timeout_cb, (gpointer) "the engine's start");

  while (g_object_get_data (G_OBJECT (engine), "test-started") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_object_set_data (G_OBJECT (engine), "test-started", NULL);
}

/* Starts @engine once the lock is free: on the team's server the
 * office's lock goes with its holder's connection, a moment after the
 * holder let it go. Never while another engine holds it. */
static void
start_when_free (CrmMailEngine *engine)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  g_autoptr(GError) error = NULL;

  while (!crm_mail_engine_start (engine, &error))
    {
      g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_clear_error (&error);
      g_usleep (50 * 1000);
    }
  g_assert_no_error (error);
}

/* On the team's server the office's lock alone decides: a desktop that
 * holds it (its row already given back, its connection still going) is
 * still the engine, and no other starts. */
static void
test_office_lock_decides (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmSession) holder = NULL;
  g_autoptr(CrmMailEngine) engine = NULL;
  gint64 account_id;
  gboolean got = FALSE;

  if (!crm_test_on_postgresql ())
    {
      g_test_skip ("the office's lock is the team's server's");
      return;
    }
  session = open_store (fixture, "pass word", &account_id);
  holder = crm_session_open_another (session, &error);
  g_assert_no_error (error);
  /* the engine's lock key, "CRM3": held, and no row says by whom */
  g_assert_true (crm_pg_database_try_lock (CRM_PG_DATABASE (crm_session_get_database (holder)), 1129467187,
                                           &got, &error));
  g_assert_true (got);

  engine = crm_mail_engine_new (session, APP_ID);
  g_assert_false (crm_mail_engine_start (engine, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_assert_false (crm_mail_engine_get_running (engine));
  g_clear_error (&error);

  /* the holder gone, the lock with it */
  g_clear_object (&holder);
  start_when_free (engine);
  g_assert_true (crm_mail_engine_get_running (engine));
  crm_mail_engine_stop (engine);
}

/* The window's start: the lock, the accounts and the connections are
 * had on a worker (the call returns at once, the engine not yet
 * running), the threads started when they are in; a stop before then
 * leaves nothing running and the lock free. */
static void
test_start_async (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmMailEngine) engine = NULL;
  g_autoptr(CrmMailEngine) second = NULL;
  g_autoptr(GListModel) messages = NULL;
  gint64 account_id;

  crm_test_dovecot_deliver (fixture->mail_dir, "From: anna@example.com\r\nSubject: Umowa\r\n"
                                               "Message-ID: <a1@example.com>\r\n\r\nHello.\r\n");
  session = open_store (fixture, "pass word", &account_id);

  /* stopped before its start came: nothing runs, the lock is free */
  engine = crm_mail_engine_new (session, APP_ID);
  crm_mail_engine_start_async (engine, NULL, started_cb, &error);
  g_assert_false (crm_mail_engine_get_running (engine));
  crm_mail_engine_stop (engine);
  wait_started (engine);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (crm_mail_engine_get_running (engine));
  second = crm_mail_engine_new (session, "another test");
  start_when_free (second);
  crm_mail_engine_stop (second);

  /* started for real: running once the worker is done, and working */
  crm_mail_engine_start_async (engine, NULL, started_cb, &error);
  g_assert_false (crm_mail_engine_get_running (engine));
  wait_started (engine);
  g_assert_no_error (error);
  g_assert_true (crm_mail_engine_get_running (engine));
  g_assert_false (crm_mail_engine_start (second, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  crm_test_wait_for_state (engine, CRM_MAIL_STATE_WAITING);
  messages = crm_message_store_list (crm_message_store_from_session (session), 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 1);

  /* refused while another holds the lock, with the reason kept */
  crm_mail_engine_stop (engine);
  start_when_free (second);
  crm_mail_engine_start_async (engine, NULL, started_cb, &error);
  wait_started (engine);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_assert_false (crm_mail_engine_get_running (engine));
  g_assert_nonnull (strstr (crm_mail_engine_get_error_message (engine), "another test"));
  crm_mail_engine_stop (engine);
  crm_mail_engine_stop (second);
}

static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmMailEngine) engine = NULL;
  gint64 account_id;

  session = open_store (fixture, "not the password", &account_id);
  engine = crm_mail_engine_new (session, "test");
  g_assert_true (crm_mail_engine_start (engine, &error));
  crm_test_wait_for_state (engine, CRM_MAIL_STATE_OFFLINE);

  /* the reason, with the server's own words */
  g_assert_nonnull (strstr (crm_mail_engine_get_error_message (engine), "AUTHENTICATIONFAILED"));
  crm_mail_engine_stop (engine);
}

/* A server without IDLE: the engine looks for mail every poll interval. */
static void
test_polling (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmMailEngine) engine = NULL;
  Proxy *proxy = proxy_start_stripping (fixture->imap_port, " IDLE");
  Progress progress = { 0 };
  g_autofree char *sent = NULL;
  gint64 account_id;
  guint timeout;

  fixture->imap_port = proxy->port;
  session = open_store (fixture, "pass word", &account_id);
  engine = crm_mail_engine_new (session, "test");
  crm_mail_engine_set_poll_interval (engine, 1);
  g_signal_connect (engine, "synced", G_CALLBACK (synced_cb), &progress);
  g_assert_true (crm_mail_engine_start (engine, &error));
  crm_test_wait_for_state (engine, CRM_MAIL_STATE_WAITING);

  crm_test_dovecot_deliver (fixture->mail_dir, "From: jan@example.com\r\nSubject: Polled\r\n\r\nHi.\r\n");
  timeout = g_timeout_add_seconds (30, crm_test_timeout_cb, (gpointer) "a poll");
  while (progress.imported < 1)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_assert_cmpuint (progress.synced, >=, 2);

  crm_mail_engine_stop (engine);
  sent = proxy_dup_sent (proxy);
  g_assert_null (strstr (sent, " IDLE\r\n"));
  proxy_stop (proxy);
}

static void
offline_cb (CrmMailEngine *engine,
            GParamSpec    *pspec,
            gboolean      *seen)
{
  if (crm_mail_engine_get_state (engine) == CRM_MAIL_STATE_OFFLINE)
    *seen = TRUE;
}

/* The connection breaks inside a message: the engine says so, tries
 * again after a while, and in the end has every message once. */
static void
test_reconnect (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmMailEngine) engine = NULL;
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  Proxy *proxy = proxy_start (fixture->imap_port, 1, 20000);
  Progress progress = { 0 };
  gboolean offline = FALSE;
  gint64 account_id;
  guint timeout;

  for (guint line = 0; line < 60; line++)
    g_string_append_printf (body, "Line %u of a longer request, so that the answer is cut inside.\r\n", line);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *message = g_strdup_printf ("From: anna@example.com\r\nSubject: Long %u\r\n"
                                                  "Message-ID: <long%u@example.com>\r\n\r\n%s",
                                                  i, i, body->str);

      crm_test_dovecot_deliver (fixture->mail_dir, message);
    }

  fixture->imap_port = proxy->port;
  session = open_store (fixture, "pass word", &account_id);
  engine = crm_mail_engine_new (session, "test");
  g_signal_connect (engine, "synced", G_CALLBACK (synced_cb), &progress);
  g_signal_connect (engine, "notify::state", G_CALLBACK (offline_cb), &offline);
  g_assert_true (crm_mail_engine_start (engine, &error));

  timeout = g_timeout_add_seconds (60, crm_test_timeout_cb, (gpointer) "the import after the break");
  while (progress.imported < 20)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  g_assert_true (proxy->cut);
  g_assert_true (offline);
  messages = crm_message_store_list (crm_message_store_from_session (session), 100, &error);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 20);
  crm_mail_engine_stop (engine);
  proxy_stop (proxy);
}

static GSubprocess *
crmctl (Fixture             *fixture,
        GSubprocessFlags     flags,
        const char * const  *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_auto(GStrv) argv = NULL;
  GSubprocess *process;

  g_strv_builder_add_many (builder, g_getenv ("CRMCTL"), "--data-dir", fixture->dir, NULL);
  if (fixture->uri != NULL)
    g_strv_builder_add_many (builder, "--database", fixture->uri, NULL);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  /* a failing test does not leave `crmctl serve` behind */
  g_subprocess_launcher_set_child_setup (launcher, crm_test_die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);

  return process;
}

static char *
run (Fixture             *fixture,
     const char          *input,
     int                  expected_status,
     const char * const  *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  char *out = NULL;

  process = crmctl (fixture, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                    G_SUBPROCESS_FLAGS_STDERR_PIPE, args);
  g_assert_true (g_subprocess_communicate_utf8 (process, input, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, expected_status);

  return out;
}

static guint
count_messages (Fixture *fixture)
{
  const char *args[] = { "--json", "messages", "list", NULL };
  g_autofree char *out = run (fixture, NULL, 0, args);
  guint n = 0;

  for (const char *p = out; (p = strstr (p, "\"message_id\"")) != NULL; p++)
    n++;

  return n;
}

static void
test_serve (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *imap_port = g_strdup_printf ("%u", fixture->imap_port);
  g_autofree char *smtp_port = g_strdup_printf ("%u", fixture->smtp_port);
  g_autofree char *body = g_build_filename (fixture->dir, "body.txt", NULL);
  const char *init[] = { "init", NULL };
  const char *add[] = { "account", "add", "--address", "biuro@example.com", "--imap-host", "127.0.0.1",
                        "--imap-port", imap_port, "--imap-security", "none", "--smtp-host", "127.0.0.1",
                        "--smtp-port", smtp_port, "--smtp-security", "none", "--username", "office",
                        "--password-stdin", NULL };
  const char *serve[] = { "serve", NULL };
  const char *send[] = { "send", "--to", "anna@example.com", "--subject", "From serve", "--body-file", body,
                         "--delay", "0", NULL };
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *refused = NULL;
  gint64 deadline;

  g_free (run (fixture, NULL, 0, init));
  g_free (run (fixture, "pass word\n", 0, add));
  g_assert_true (g_file_set_contents (body, "Hello from the engine.\n", -1, NULL));

  /* queued while no engine ran: goes out when one starts */
  g_free (run (fixture, NULL, 0, send));
  server = crmctl (fixture, G_SUBPROCESS_FLAGS_STDERR_SILENCE, serve);

  /* new mail arrives by IDLE */
  crm_test_dovecot_deliver (fixture->mail_dir, "From: anna@example.com\r\nSubject: For serve\r\n\r\nHi.\r\n");
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (count_messages (fixture) < 1 && g_get_monotonic_time () < deadline)
    g_usleep (G_USEC_PER_SEC / 5);
  g_assert_cmpuint (count_messages (fixture), ==, 1);

  /* one engine per database */
  {
    g_autoptr(GSubprocess) second = crmctl (fixture, G_SUBPROCESS_FLAGS_STDERR_PIPE, serve);

    /* on the team's server a second one stands by, saying whose the
     * engine is (CRMCTL.md), until it is stopped */
    if (crm_test_on_postgresql ())
      {
        g_usleep (2 * G_USEC_PER_SEC);
        g_subprocess_send_signal (second, SIGTERM);
      }
    g_assert_true (g_subprocess_communicate_utf8 (second, NULL, NULL, NULL, &refused, &error));
    g_assert_cmpint (g_subprocess_get_exit_status (second), ==, crm_test_on_postgresql () ? 0 : 1);
    g_assert_nonnull (strstr (refused, "crmctl serve"));
  }

  /* mail queued by another command while it runs goes out too */
  g_free (run (fixture, NULL, 0, send));
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (crm_test_smtp_count (fixture->spool) < 2 && g_get_monotonic_time () < deadline)
    g_usleep (G_USEC_PER_SEC / 5);
  g_assert_cmpuint (crm_test_smtp_count (fixture->spool), ==, 2);

  /* SIGTERM ends it cleanly and frees the lock */
  g_subprocess_send_signal (server, SIGTERM);
  g_assert_true (g_subprocess_wait (server, NULL, &error));
  g_assert_true (g_subprocess_get_if_exited (server));
  g_assert_cmpint (g_subprocess_get_exit_status (server), ==, 0);

  /* it got the lock if it says what it does (else it says why not, and ends) */
  again = crmctl (fixture, G_SUBPROCESS_FLAGS_STDERR_PIPE, serve);
  {
    g_autoptr(GDataInputStream) err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (again));
    g_autofree char *line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (line);
    g_assert_null (strstr (line, "crmctl:"));
  }
  g_subprocess_send_signal (again, SIGTERM);
  g_assert_true (g_subprocess_wait (again, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (again), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/engine/states-and-progress", test_states_and_progress);
  ADD ("/engine/start-async", test_start_async);
  ADD ("/engine/office-lock-decides", test_office_lock_decides);
  ADD ("/engine/wrong-password", test_wrong_password);
  ADD ("/engine/polling", test_polling);
  ADD ("/engine/reconnect", test_reconnect);
  ADD ("/engine/serve", test_serve);

#undef ADD

  return g_test_run ();
}
