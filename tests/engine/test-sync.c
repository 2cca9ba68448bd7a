/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm.h"
#include "crm-test-util.h"
#include "dovecot-fixture.h"
#include "db-query.h"

/* The import of unread mail: a real Dovecot, a real GNOME Keyring. */

typedef struct
{
  char        *mail_dir;
  char        *dir;
  GSubprocess *server;
  CrmSession    *session;
  gint64       account;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autofree char *path = NULL;
  guint16 port;

  fixture->server = crm_test_dovecot_start (&fixture->mail_dir, &port);
  fixture->dir = g_dir_make_tmp ("crm-sync-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->session = crm_test_session_open (path, NULL, &error);
  g_assert_no_error (error);

  account = crm_account_new (0, "biuro@example.com", "Biuro", "127.0.0.1", port, "none",
                             "127.0.0.1", 1, "none", "office");
  fixture->account = crm_account_store_add (crm_account_store_from_session (fixture->session), account, "pass word", FALSE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->session);
  crm_test_remove_data_dir (fixture->dir);
  crm_test_dovecot_stop (fixture->server, fixture->mail_dir);
  g_free (fixture->dir);
  g_free (fixture->mail_dir);
}

static CrmSyncResult *
sync_now (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CrmSyncResult *result = crm_mail_sync (fixture->session, fixture->account, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->fetched, ==, result->imported + result->duplicates + result->failed);

  return result;
}

static void
test_import_and_duplicates (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *twice = "From: Anna <anna@example.com>\r\nTo: biuro@example.com\r\nSubject: Twice\r\n"
                      "Message-ID: <twice@example.com>\r\n\r\nDelivered two times.\r\n";
  const char *same_id = "From: Jan <jan@example.com>\r\nTo: biuro@example.com\r\nSubject: Same id\r\n"
                        "Message-ID: <twice@example.com>\r\n\r\nA different message.\r\n";
  const char *no_id = "From: Ola <ola@example.com>\r\nTo: biuro@example.com\r\n"
                      "Subject: =?UTF-8?Q?Bez_identyfikatora_=C5=81=C3=B3d=C5=BA?=\r\n\r\nTreść.\r\n";
  const char *broken = "Subject: Broken\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\nnever ends";
  g_autoptr(CrmSyncResult) first = NULL;
  g_autoptr(CrmSyncResult) second = NULL;

  crm_test_dovecot_deliver (fixture->mail_dir, twice);
  crm_test_dovecot_deliver (fixture->mail_dir, twice);
  crm_test_dovecot_deliver (fixture->mail_dir, same_id);
  crm_test_dovecot_deliver (fixture->mail_dir, no_id);
  crm_test_dovecot_deliver (fixture->mail_dir, broken);

  first = sync_now (fixture);
  g_assert_cmpuint (first->fetched, ==, 5);
  /* the byte-identical copy once; the other message with its id kept */
  g_assert_cmpuint (first->imported, ==, 4);
  g_assert_cmpuint (first->duplicates, ==, 1);
  g_assert_cmpuint (first->failed, ==, 0);

  /* all read now: nothing more */
  second = sync_now (fixture);
  g_assert_cmpuint (second->fetched, ==, 0);
}

/* The server renumbers its messages (a new UIDVALIDITY) and they are
 * unread again: the re-scan stores nothing twice. */
static void
test_uidvalidity_change (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CrmSyncResult) first = NULL;
  g_autoptr(CrmSyncResult) again = NULL;
  g_autofree char *conf = g_build_filename (fixture->mail_dir, "dovecot.conf", NULL);
  g_autofree char *flags = NULL;
  g_autofree char *wipe = NULL;
  int status = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *message = g_strdup_printf ("From: a@example.com\r\nSubject: %u\r\n"
                                                  "Message-ID: <v%u@example.com>\r\n\r\nBody %u\r\n", i, i, i);

      crm_test_dovecot_deliver (fixture->mail_dir, message);
    }
  first = sync_now (fixture);
  g_assert_cmpuint (first->imported, ==, 3);

  /* unread again, and Dovecot's UID list gone: a new UIDVALIDITY */
  flags = g_strdup_printf ("doveadm -c '%s' flags remove -u office '\\Seen' mailbox INBOX all", conf);
  g_assert_true (g_spawn_command_line_sync (flags, NULL, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
  wipe = g_strdup_printf ("sh -c \"rm -f '%s'/mail/office/dovecot-uidlist '%s'/mail/office/dovecot.index*\"",
                          fixture->mail_dir, fixture->mail_dir);
  g_assert_true (g_spawn_command_line_sync (wipe, NULL, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);

  again = sync_now (fixture);
  g_assert_cmpuint (again->fetched, ==, 3);
  g_assert_cmpuint (again->imported, ==, 0);
  g_assert_cmpuint (again->duplicates, ==, 3);
}

/* crmctl sync: the contract's JSON */
static void
test_crmctl (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  const char *option = NULL;
  const char *where = crm_test_crmctl_where (fixture->session, fixture->dir, &option);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *message = g_strdup_printf ("From: a@example.com\r\nSubject: %u\r\n"
                                                  "Message-ID: <c%u@example.com>\r\n\r\nBody %u\r\n", i, i, i);

      crm_test_dovecot_deliver (fixture->mail_dir, message);
    }

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              g_getenv ("CRMCTL"), option, where, "--json", "sync", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (out, "\"fetched\" : 3"));
  g_assert_nonnull (strstr (out, "\"imported\" : 3"));
  g_assert_nonnull (strstr (out, "\"duplicates\" : 0"));
  g_assert_nonnull (strstr (out, "\"failures\" : ["));

  /* messages list: the contract's keys */
  {
    g_autoptr(GSubprocess) list = NULL;
    g_autofree char *listed = NULL;

    list = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             g_getenv ("CRMCTL"), option, where, "--json", "messages", "list", NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (list, NULL, NULL, &listed, NULL, &error);
    g_assert_cmpint (g_subprocess_get_exit_status (list), ==, 0);
    g_assert_nonnull (strstr (listed, "\"message_id\" : \"c0@example.com\""));
    /* every message opened a ticket of its own */
    g_assert_nonnull (strstr (listed, "\"ticket_id\" : 1,"));
    g_assert_nonnull (strstr (listed, "\"direction\" : \"in\""));
    g_assert_nonnull (strstr (listed, "\"attachments\" : ["));
  }

  /* messages show --raw: the exact bytes Dovecot had */
  {
    g_autoptr(GSubprocess) show = NULL;
    g_autoptr(GBytes) raw = NULL;
    const char *expected = "From: a@example.com\r\nSubject: 0\r\nMessage-ID: <c0@example.com>\r\n\r\nBody 0\r\n";

    show = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             g_getenv ("CRMCTL"), option, where, "messages", "show", "1", "--raw", NULL);
    g_assert_no_error (error);
    g_subprocess_communicate (show, NULL, NULL, &raw, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (show), ==, 0);
    g_assert_cmpmem (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), expected, strlen (expected));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/import-and-duplicates", Fixture, NULL, fixture_set_up, test_import_and_duplicates,
              fixture_tear_down);
  g_test_add ("/sync/uidvalidity-change", Fixture, NULL, fixture_set_up, test_uidvalidity_change,
              fixture_tear_down);
  g_test_add ("/sync/crmctl", Fixture, NULL, fixture_set_up, test_crmctl, fixture_tear_down);

  return g_test_run ();
}
