/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <string.h>
#include <libsecret/secret.h>
#include <sqlite3.h>

#include "crm.h"
#include "crm-test-util.h"
#include "dovecot-fixture.h"
#include "pg-fixture.h"

/* Mail accounts: settings in the database, the password in a real Secret
 * Service (GNOME Keyring on a private D-Bus session). */

typedef struct
{
  char     *dir;
  char     *uri;      /* the database on the PostgreSQL server, or NULL */
  CrmSession *session;
} Fixture;

/* the running test's database on PostgreSQL, for file_contains () */
static const char *current_uri;

/* The fixture's database, opened again (its file, or on PostgreSQL its
 * database on the test server). */
static CrmSession *
open_session (Fixture  *fixture,
              GError  **error)
{
  g_autofree char *path = g_build_filename (fixture->dir, "crm.sqlite", NULL);

  if (fixture->uri != NULL)
    return crm_session_open_uri (fixture->uri, NULL, NULL, error);

  return crm_session_open_file (path, NULL, error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("crm-accounts-XXXXXX", NULL);
  if (crm_test_on_postgresql ())
    fixture->uri = crm_test_pg_new_database ();
  current_uri = fixture->uri;
  fixture->session = open_session (fixture, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->session);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->uri);
  current_uri = NULL;
}

static CrmAccount *
office_account (const char *imap_host,
                const char *security)
{
  return crm_account_new (0, "Biuro@Example.com", "Biuro", imap_host, 993, security,
                          "smtp.example.com", 465, "tls", "biuro");
}

static gboolean
file_contains (const char *dir,
               const char *needle)
{
  static const char *names[] = { "crm.sqlite", "crm.sqlite-wal" };

  /* on PostgreSQL: everything the test's database holds, as pg_dump
   * writes it */
  if (current_uri != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) dump = NULL;
      g_autoptr(GBytes) data = NULL;
      gsize len = 0;
      const char *text;

      dump = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "/bin/sh", "-c",
                               "bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); "
                               "exec \"$bin/pg_dump\" --data-only \"$1\"", "sh", current_uri, NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_communicate (dump, NULL, NULL, &data, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_successful (dump));
      text = g_bytes_get_data (data, &len);

      return len > 0 && memmem (text, len, needle, strlen (needle)) != NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (g_file_get_contents (path, &data, &len, NULL) &&
          memmem (data, len, needle, strlen (needle)) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
test_add_and_password (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAccount) account = office_account ("imap.example.com", "tls");
  g_autoptr(CrmAccount) read = NULL;
  g_autoptr(GListModel) accounts = NULL;
  char *password;
  gint64 id;

  id = crm_account_store_add (crm_account_store_from_session (fixture->session), account, "Zażółć-gęślą-jaźń", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  read = crm_account_store_get (crm_account_store_from_session (fixture->session), id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_account_get_address (read), ==, "Biuro@Example.com");
  g_assert_cmpstr (crm_account_get_imap_security (read), ==, "tls");
  g_assert_cmpint (crm_account_get_smtp_port (read), ==, 465);

  password = crm_secrets_lookup_password (id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "Zażółć-gęślą-jaźń");
  g_free (password);

  /* the password is nowhere in the database files */
  g_assert_false (file_contains (fixture->dir, "gęślą"));
  g_assert_true (file_contains (fixture->dir, "imap.example.com"));

  /* the same address twice */
  g_assert_cmpint (crm_account_store_add (crm_account_store_from_session (fixture->session), account, "x", FALSE, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);

  accounts = crm_account_store_list (crm_account_store_from_session (fixture->session), &error);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);

  g_assert_true (crm_secrets_clear_password (id, NULL, &error));
  password = crm_secrets_lookup_password (id, NULL, &error);
  g_assert_null (password);
  g_assert_error (error, CRM_SECRETS_ERROR, CRM_SECRETS_ERROR_MISSING);
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  static const struct { const char *host; const char *security; } bad[] = {
    { "", "tls" },
    { "mail example.com", "tls" },
    { "imap.example.com", "ssl" },
    { "imap.example.com", "none" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmAccount) account = office_account (bad[i].host, bad[i].security);

      g_assert_cmpint (crm_account_store_add (crm_account_store_from_session (fixture->session), account, "pw", FALSE, &error), ==, 0);
      g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CrmAccount) account = office_account ("imap.example.com", "tls");
    g_autoptr(CrmAccount) port = crm_account_new (0, "a@example.com", NULL, "imap.example.com", 70000,
                                                   "tls", "smtp.example.com", 465, "tls", "a");
    g_autoptr(CrmAccount) insecure = office_account ("imap.example.com", "none");
    g_autoptr(CrmAccount) loopback = crm_account_new (0, "b@example.com", NULL, "127.0.0.1", 143, "none",
                                                       "::1", 25, "none", "b");

    g_assert_cmpint (crm_account_store_add (crm_account_store_from_session (fixture->session), account, "", FALSE, &error), ==, 0);
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (crm_account_store_add (crm_account_store_from_session (fixture->session), port, "pw", FALSE, &error), ==, 0);
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_clear_error (&error);

    /* clear text is for this computer, or when confirmed */
    g_assert_cmpint (crm_account_store_add (crm_account_store_from_session (fixture->session), loopback, "pw", FALSE, &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpint (crm_account_store_add (crm_account_store_from_session (fixture->session), insecure, "pw", TRUE, &error), >, 0);
    g_assert_no_error (error);
  }

  g_assert_true (crm_host_is_loopback ("localhost"));
  g_assert_true (crm_host_is_loopback ("127.0.0.53"));
  g_assert_true (crm_host_is_loopback ("::1"));
  g_assert_false (crm_host_is_loopback ("10.0.0.1"));
  g_assert_false (crm_host_is_loopback ("localhost.example.com"));
}

/* crmctl account add: the password from standard input to the keyring */
static void
test_crmctl (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  char *password;
  gint64 id;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                              G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              g_getenv ("CRMCTL"), "--data-dir", fixture->dir,
                              /* the fixture's database: its file, or on PostgreSQL its URI */
                              "--database", fixture->uri != NULL ? fixture->uri : "",
                              "account", "add", "--address", "office@example.com",
                              "--imap-host", "127.0.0.1", "--imap-port", "10143", "--imap-security", "none",
                              "--smtp-host", "localhost", "--smtp-port", "10025", "--smtp-security", "none",
                              "--username", "office", "--password-stdin", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, "pass word with spaces\n", NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  id = g_ascii_strtoll (out, NULL, 10);
  g_assert_cmpint (id, >, 0);
  password = crm_secrets_lookup_password (id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "pass word with spaces");
  g_free (password);
  g_assert_false (file_contains (fixture->dir, "pass word"));
}

/* Runs crmctl on the fixture's data directory with @input on standard
 * input; returns its exit status and, in @out, what it printed. */
static int
run_crmctl (Fixture     *fixture,
            const char  *input,
            char       **out,
            ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
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
  va_start (ap, out);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input ? input : "", NULL, &text, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != 0)
    g_test_message ("crmctl: %s", err);
  if (out != NULL)
    *out = g_steal_pointer (&text);

  return g_subprocess_get_exit_status (process);
}

static char *
kept_password (gint64 id)
{
  g_autoptr(GError) error = NULL;
  char *password = crm_secrets_lookup_password (id, NULL, &error);

  g_assert_no_error (error);

  return password;
}

/* A wrong password or server is corrected in place: a new password
 * replaces the one in the keyring; removing an account deletes it. */
static void
test_edit_and_remove (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAccount) account = office_account ("imap.example.com", "tls");
  g_autoptr(CrmAccount) other = crm_account_new (0, "sprzedaz@example.com", NULL, "imap.example.com", 993, "tls",
                                                 "smtp.example.com", 465, "tls", "sprzedaz");
  g_autoptr(CrmAccount) edited = NULL;
  g_autoptr(CrmAccount) read = NULL;
  g_autoptr(GListModel) accounts = NULL;
  g_autofree char *body = g_build_filename (fixture->dir, "body.txt", NULL);
  g_autofree char *out = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *outbox_id = NULL;
  char *password;
  gint64 id;
  gint64 other_id;
  gint64 again;

  id = crm_account_store_add (crm_account_store_from_session (fixture->session), account, "stare hasło", FALSE, &error);
  g_assert_no_error (error);
  other_id = crm_account_store_add (crm_account_store_from_session (fixture->session), other, "inne", FALSE, &error);
  g_assert_no_error (error);

  /* settings and password together */
  edited = crm_account_new (id, "Biuro@Example.com", "Biuro Nowe", "imap2.example.com", 143, "starttls",
                            "smtp.example.com", 587, "starttls", "biuro2");
  g_assert_true (crm_account_store_update (crm_account_store_from_session (fixture->session), edited, "nowe hasło", FALSE, &error));
  g_assert_no_error (error);
  read = crm_account_store_get (crm_account_store_from_session (fixture->session), id, &error);
  g_assert_cmpstr (crm_account_get_imap_host (read), ==, "imap2.example.com");
  g_assert_cmpint (crm_account_get_imap_port (read), ==, 143);
  g_assert_cmpstr (crm_account_get_username (read), ==, "biuro2");
  g_assert_cmpstr (crm_account_get_display_name (read), ==, "Biuro Nowe");
  password = kept_password (id);
  g_assert_cmpstr (password, ==, "nowe hasło");
  g_free (password);
  g_assert_false (file_contains (fixture->dir, "nowe hasło"));

  /* no password given: the kept one stays */
  g_assert_true (crm_account_store_update (crm_account_store_from_session (fixture->session), edited, NULL, FALSE, &error));
  password = kept_password (id);
  g_assert_cmpstr (password, ==, "nowe hasło");
  g_free (password);

  /* what add refuses, edit refuses, and nothing changes */
  g_clear_object (&edited);
  edited = crm_account_new (id, "sprzedaz@example.com", NULL, "imap.example.com", 993, "tls",
                            "smtp.example.com", 465, "tls", "biuro");
  g_assert_false (crm_account_store_update (crm_account_store_from_session (fixture->session), edited, "x", FALSE, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (crm_account_store_check (crm_account_store_from_session (fixture->session), edited, NULL, FALSE, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_object (&edited);
  edited = crm_account_new (id, "biuro@example.com", NULL, "imap.example.com", 143, "none",
                            "smtp.example.com", 465, "tls", "biuro");
  g_assert_false (crm_account_store_update (crm_account_store_from_session (fixture->session), edited, NULL, FALSE, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&read);
  read = crm_account_store_get (crm_account_store_from_session (fixture->session), id, &error);
  g_assert_cmpstr (crm_account_get_imap_host (read), ==, "imap2.example.com");
  password = kept_password (id);
  g_assert_cmpstr (password, ==, "nowe hasło");
  g_free (password);

  /* crmctl account edit: the password from standard input */
  g_clear_object (&fixture->session);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_assert_cmpint (run_crmctl (fixture, "najnowsze hasło\n", NULL, "account", "edit", id_text,
                               "--imap-host", "imap3.example.com", "--imap-security", "tls", "--password-stdin",
                               NULL), ==, 0);
  password = kept_password (id);
  g_assert_cmpstr (password, ==, "najnowsze hasło");
  g_free (password);
  g_assert_cmpint (run_crmctl (fixture, NULL, &out, "--json", "account", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "imap3.example.com"));
  /* tls takes its usual port along */
  g_assert_nonnull (strstr (out, "\"imap_port\" : 993"));
  g_assert_cmpint (run_crmctl (fixture, NULL, NULL, "account", "edit", id_text, NULL), ==, 2);
  g_assert_cmpint (run_crmctl (fixture, NULL, NULL, "account", "edit", "99", "--username", "x", NULL), ==, 2);
  g_assert_cmpint (run_crmctl (fixture, NULL, NULL, "account", "edit", id_text, "--imap-port", "0",
                               "--imap-host", "bad host", NULL), ==, 2);

  /* mail waiting to go from it: not removed */
  g_assert_true (g_file_set_contents (body, "Dzień dobry.\n", -1, NULL));
  g_assert_cmpint (run_crmctl (fixture, NULL, &outbox_id, "send", "--to", "klient@example.com", "--subject", "Oferta",
                               "--body-file", body, "--delay", "600", NULL), ==, 0);
  g_strstrip (outbox_id);
  g_assert_cmpint (run_crmctl (fixture, NULL, NULL, "account", "remove", id_text, NULL), ==, 2);
  password = kept_password (id);
  g_assert_cmpstr (password, ==, "najnowsze hasło");
  g_free (password);
  g_assert_cmpint (run_crmctl (fixture, NULL, NULL, "outbox", "cancel", outbox_id, NULL), ==, 0);
  /* as if it had gone, its copy for the Sent folder still to be made */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
    g_autofree char *sql = g_strdup_printf ("UPDATE outbox SET state = 'sent', copy_state = 'pending', "
                                            "copy_due_at = 0 WHERE id = %s", outbox_id);
    sqlite3 *db = NULL;

    if (fixture->uri != NULL)
      crm_test_pg_exec (strrchr (fixture->uri, '/') + 1, sql);
    else
      {
        g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
        sqlite3_close (db);
      }
  }

  /* removed: the password leaves the keyring, the account the lists */
  g_assert_cmpint (run_crmctl (fixture, NULL, NULL, "account", "remove", id_text, NULL), ==, 0);
  password = crm_secrets_lookup_password (id, NULL, &error);
  g_assert_null (password);
  g_assert_error (error, CRM_SECRETS_ERROR, CRM_SECRETS_ERROR_MISSING);
  g_clear_error (&error);
  g_assert_cmpint (run_crmctl (fixture, NULL, NULL, "account", "test", id_text, NULL), ==, 2);
  g_assert_cmpint (run_crmctl (fixture, NULL, NULL, "account", "remove", id_text, NULL), ==, 2);

  fixture->session = open_session (fixture, &error);
  g_assert_no_error (error);
  accounts = crm_account_store_list (crm_account_store_from_session (fixture->session), &error);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
  /* the copy is given up, with the reason, and never tried again */
  if (fixture->uri != NULL)
    {
      PGconn *conn = PQconnectdb (fixture->uri);
      PGresult *result = PQexec (conn, "SELECT copy_state, copy_due_at IS NULL, copy_error FROM outbox");

      g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
      g_assert_cmpint (PQntuples (result), >=, 1);
      g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "failed");
      g_assert_cmpstr (PQgetvalue (result, 0, 1), ==, "t");
      g_assert_nonnull (strstr (PQgetvalue (result, 0, 2), "removed"));
      PQclear (result);
      PQfinish (conn);
    }
  else
    {
      g_autofree char *path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT copy_state, copy_due_at IS NULL, copy_error FROM outbox",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "failed");
      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
      g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 2), "removed"));
      sqlite3_finalize (stmt);
      sqlite3_close (db);
    }
  g_assert_null (crm_account_store_get (crm_account_store_from_session (fixture->session), id, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* the address is free again: adding it does not say it exists */
  again = crm_account_store_add (crm_account_store_from_session (fixture->session), account, "od nowa", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, >, other_id);
  g_assert_true (crm_account_store_remove (crm_account_store_from_session (fixture->session), other_id, &error));
  g_assert_no_error (error);
}

/* The defect as a user met it: a mistyped password, the server says
 * no; corrected with "account edit", the server says yes. */
static void
test_correct_password (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) imap_error = NULL;
  g_autoptr(GError) smtp_error = NULL;
  g_autoptr(GSubprocess) dovecot = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmAccount) read = NULL;
  g_autofree char *mail_dir = NULL;
  g_autofree char *imap_port = NULL;
  g_autofree char *id_text = NULL;
  guint16 port;
  gint64 id;

  dovecot = crm_test_dovecot_start (&mail_dir, &port);
  imap_port = g_strdup_printf ("%u", port);
  account = crm_account_new (0, "biuro@example.com", "Biuro", "127.0.0.1", port, "none",
                             "127.0.0.1", 1, "none", "office");
  id = crm_account_store_add (crm_account_store_from_session (fixture->session), account, "pass wrod", FALSE, &error);
  g_assert_no_error (error);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  read = crm_account_store_get (crm_account_store_from_session (fixture->session), id, &error);
  g_assert_no_error (error);

  g_assert_true (crm_account_check_sync (read, &imap_error, &smtp_error, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (imap_error);
  g_clear_error (&imap_error);
  g_clear_error (&smtp_error);

  /* tried before saving: the right password, not yet kept */
  g_assert_true (crm_account_check_password_sync (account, "pass word", &imap_error, &smtp_error, NULL, &error));
  g_assert_no_error (imap_error);
  g_clear_error (&smtp_error);

  g_assert_cmpint (run_crmctl (fixture, "pass word\n", NULL, "account", "edit", id_text, "--password-stdin", NULL),
                   ==, 0);
  g_clear_object (&read);
  read = crm_account_store_get (crm_account_store_from_session (fixture->session), id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_account_get_imap_port (read), ==, port);
  g_assert_true (crm_account_check_sync (read, &imap_error, &smtp_error, NULL, &error));
  g_assert_no_error (error);
  g_assert_no_error (imap_error);
  /* nothing listens on port 1: SMTP still says why */
  g_assert_nonnull (smtp_error);

  crm_test_dovecot_stop (g_steal_pointer (&dovecot), mail_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/accounts/add-and-password", Fixture, NULL, fixture_set_up, test_add_and_password, fixture_tear_down);
  g_test_add ("/accounts/crmctl", Fixture, NULL, fixture_set_up, test_crmctl, fixture_tear_down);
  g_test_add ("/accounts/validation", Fixture, NULL, fixture_set_up, test_validation, fixture_tear_down);
  g_test_add ("/accounts/edit-and-remove", Fixture, NULL, fixture_set_up, test_edit_and_remove, fixture_tear_down);
  g_test_add ("/accounts/correct-password", Fixture, NULL, fixture_set_up, test_correct_password,
              fixture_tear_down);

  return g_test_run ();
}
