/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <string.h>
#include <libsecret/secret.h>

#include "crm.h"
#include "crm-test-util.h"

/* Mail accounts: settings in SQLite, the password in a real Secret
 * Service (GNOME Keyring on a private D-Bus session). */

typedef struct
{
  char     *dir;
  CrmStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("crm-accounts-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->store = crm_store_open_file (path, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
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

  id = crm_store_add_account (fixture->store, account, "Zażółć-gęślą-jaźń", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  read = crm_store_get_account (fixture->store, id, &error);
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
  g_assert_cmpint (crm_store_add_account (fixture->store, account, "x", FALSE, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);

  accounts = crm_store_list_accounts (fixture->store, &error);
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

      g_assert_cmpint (crm_store_add_account (fixture->store, account, "pw", FALSE, &error), ==, 0);
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

    g_assert_cmpint (crm_store_add_account (fixture->store, account, "", FALSE, &error), ==, 0);
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (crm_store_add_account (fixture->store, port, "pw", FALSE, &error), ==, 0);
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_clear_error (&error);

    /* clear text is for this computer, or when confirmed */
    g_assert_cmpint (crm_store_add_account (fixture->store, loopback, "pw", FALSE, &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpint (crm_store_add_account (fixture->store, insecure, "pw", TRUE, &error), >, 0);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/accounts/add-and-password", Fixture, NULL, fixture_set_up, test_add_and_password, fixture_tear_down);
  g_test_add ("/accounts/crmctl", Fixture, NULL, fixture_set_up, test_crmctl, fixture_tear_down);
  g_test_add ("/accounts/validation", Fixture, NULL, fixture_set_up, test_validation, fixture_tear_down);

  return g_test_run ();
}
