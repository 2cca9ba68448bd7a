/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm.h"
#include "crm-test-util.h"
#include "dovecot-fixture.h"
#include "imap-proxy.h"

/* CrmImapClient against a real Dovecot on loopback, started by the
 * fixture with its own configuration and mail in a temporary folder. */

typedef struct
{
  char        *dir;
  GSubprocess *server;
  guint16      port;
  guint16      tls_port;
} Fixture;

/* @data: the server's option: "tls" or NULL */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = crm_test_dovecot_start_with (&fixture->dir, &fixture->port, &fixture->tls_port, data);
  if (g_strcmp0 (data, "tls") == 0)
    {
      g_autofree char *ca = g_build_filename (fixture->dir, "ca.pem", NULL);

      g_setenv ("CRM_CA_FILE", ca, TRUE);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unsetenv ("CRM_CA_FILE");
  crm_test_dovecot_stop (fixture->server, fixture->dir);
  g_free (fixture->dir);
}

static void
deliver (Fixture    *fixture,
         const char *message)
{
  crm_test_dovecot_deliver (fixture->dir, message);
}

static char *
make_message (guint i)
{
  g_autoptr(GString) body = g_string_new (NULL);

  /* lines with leading dots, and every tenth message a large one */
  g_string_append (body, ".\r\n..two dots\r\n");
  for (guint line = 0; line < (i % 10 == 0 ? 20000 : 3); line++)
    g_string_append_printf (body, "Line %u of message %u — zażółć\r\n", line, i);

  return g_strdup_printf ("From: Anna <anna@example.com>\r\nTo: biuro@example.com\r\n"
                          "Subject: Request %u\r\nMessage-ID: <m%u@example.com>\r\n"
                          "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                          "Content-Transfer-Encoding: 8bit\r\n\r\n%s",
                          i, i, body->str);
}

static CrmImapClient *
connect_office (Fixture     *fixture,
                const char  *password,
                GError     **error)
{
  g_autoptr(CrmImapClient) client = crm_imap_client_new ("127.0.0.1", fixture->port, "none",
                                                          "office", password);

  crm_imap_client_set_timeout (client, 20);
  if (!crm_imap_client_connect_sync (client, NULL, error))
    return NULL;

  return g_steal_pointer (&client);
}

static void
test_unread_fetch_and_seen (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImapClient) client = NULL;
  g_autoptr(GArray) unseen = NULL;
  g_autoptr(GArray) still_unseen = NULL;
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func (g_free);
  guint32 uidvalidity = 0;
  guint32 uidnext = 0;
  guint fetched = 0;

  for (guint i = 1; i <= 300; i++)
    {
      char *message = make_message (i);

      deliver (fixture, message);
      g_ptr_array_add (sent, message);
    }

  client = connect_office (fixture, "pass word", &error);
  g_assert_no_error (error);
  g_assert_true (crm_imap_client_select_sync (client, "INBOX", &uidvalidity, &uidnext, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (uidvalidity, >, 0);
  g_assert_cmpuint (uidnext, ==, 301);

  unseen = crm_imap_client_search_unseen_sync (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unseen->len, ==, 300);

  /* batches of 50: every message byte for byte, none marked read by fetching */
  for (guint start = 0; start < unseen->len; start += 50)
    {
      g_autoptr(GPtrArray) messages = NULL;

      messages = crm_imap_client_fetch_sync (client, &g_array_index (unseen, guint32, start),
                                             MIN (50, unseen->len - start), NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (messages->len, ==, MIN (50, unseen->len - start));

      for (guint i = 0; i < messages->len; i++)
        {
          CrmImapMessage *message = g_ptr_array_index (messages, i);
          const char *expected = g_ptr_array_index (sent, message->uid - 1);

          g_assert_false (message->seen);
          g_assert_nonnull (message->internal_date);
          g_assert_cmpuint (message->size, ==, g_bytes_get_size (message->raw));
          g_assert_cmpmem (g_bytes_get_data (message->raw, NULL), g_bytes_get_size (message->raw),
                           expected, strlen (expected));
          fetched++;
        }
    }
  g_assert_cmpuint (fetched, ==, 300);

  g_assert_true (crm_imap_client_mark_seen_sync (client, (const guint32 *) unseen->data, 10, NULL, &error));
  g_assert_no_error (error);
  still_unseen = crm_imap_client_search_unseen_sync (client, NULL, &error);
  g_assert_cmpuint (still_unseen->len, ==, 290);
  g_assert_cmpuint (g_array_index (still_unseen, guint32, 0), ==, 11);

  crm_imap_client_logout (client);
}

static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImapClient) client = connect_office (fixture, "not the password", &error);

  g_assert_null (client);
  g_assert_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_AUTH_FAILED);
  /* the server's own words */
  g_assert_nonnull (strstr (error->message, "AUTHENTICATIONFAILED"));
}

static void
test_starttls_required (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImapClient) client = crm_imap_client_new ("127.0.0.1", fixture->port, "starttls",
                                                          "office", "pass word");
  g_autofree char *log = g_build_filename (fixture->dir, "dovecot.log", NULL);
  g_autofree char *contents = NULL;

  g_assert_false (crm_imap_client_connect_sync (client, NULL, &error));
  g_assert_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_TLS_REQUIRED);

  /* no login was tried in clear text */
  g_assert_true (g_file_get_contents (log, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "Login: user=<office>"));
}

static void
assert_logged_in (CrmImapClient *client)
{
  g_autoptr(GError) error = NULL;
  guint32 uidvalidity = 0;

  g_assert_true (crm_imap_client_select_sync (client, "INBOX", &uidvalidity, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (uidvalidity, >, 0);
}

static void
test_implicit_tls (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImapClient) client = crm_imap_client_new ("127.0.0.1", fixture->tls_port, "tls",
                                                          "office", "pass word");

  crm_imap_client_set_timeout (client, 20);
  g_assert_true (crm_imap_client_connect_sync (client, NULL, &error));
  g_assert_no_error (error);
  assert_logged_in (client);
  crm_imap_client_logout (client);
}

static void
test_starttls (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImapClient) client = crm_imap_client_new ("127.0.0.1", fixture->port, "starttls",
                                                          "office", "pass word");
  g_autofree char *log = g_build_filename (fixture->dir, "dovecot.log", NULL);
  g_autofree char *contents = NULL;

  crm_imap_client_set_timeout (client, 20);
  g_assert_true (crm_imap_client_connect_sync (client, NULL, &error));
  g_assert_no_error (error);
  assert_logged_in (client);
  crm_imap_client_logout (client);

  /* the login went over TLS; Dovecot writes its log line a moment
   * after it answers, so wait for it (10 s at most) */
  for (int i = 0; i < 100; i++)
    {
      g_clear_pointer (&contents, g_free);
      g_assert_true (g_file_get_contents (log, &contents, NULL, NULL));
      if (strstr (contents, "Login: user=<office>") != NULL)
        break;
      g_usleep (100 * 1000);
    }
  g_assert_nonnull (strstr (contents, "Login: user=<office>"));
  g_assert_nonnull (strstr (contents, "TLS"));
}

static void
test_untrusted_certificate (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImapClient) tls = NULL;
  g_autoptr(CrmImapClient) starttls = NULL;
  g_autofree char *log = g_build_filename (fixture->dir, "dovecot.log", NULL);
  g_autofree char *contents = NULL;

  /* the system does not know the test CA */
  g_unsetenv ("CRM_CA_FILE");

  tls = crm_imap_client_new ("127.0.0.1", fixture->tls_port, "tls", "office", "pass word");
  g_assert_false (crm_imap_client_connect_sync (tls, NULL, &error));
  g_assert_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_NETWORK);
  g_clear_error (&error);

  starttls = crm_imap_client_new ("127.0.0.1", fixture->port, "starttls", "office", "pass word");
  g_assert_false (crm_imap_client_connect_sync (starttls, NULL, &error));
  g_assert_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_NETWORK);

  g_assert_true (g_file_get_contents (log, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "Login: user=<office>"));
}

/* anna's password has non-ASCII letters, quotes and a backslash:
 * AUTHENTICATE PLAIN carries it in base64. */
static void
test_unquotable_password (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImapClient) client = crm_imap_client_new ("127.0.0.1", fixture->port, "none",
                                                          "anna", "zażółć \"1\" \\");
  g_autoptr(CrmImapClient) wrong = crm_imap_client_new ("127.0.0.1", fixture->port, "none",
                                                         "anna", "zażółć \"1\"");

  crm_imap_client_set_timeout (client, 20);
  g_assert_true (crm_imap_client_connect_sync (client, NULL, &error));
  g_assert_no_error (error);
  assert_logged_in (client);
  crm_imap_client_logout (client);

  g_assert_false (crm_imap_client_connect_sync (wrong, NULL, &error));
  g_assert_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_AUTH_FAILED);
}

/* A server without AUTHENTICATE PLAIN: LOGIN, with the password that
 * cannot be quoted sent as a literal. */
static void
test_login_literal (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Proxy *proxy = proxy_start_stripping (fixture->port, " AUTH=PLAIN");
  g_autoptr(CrmImapClient) client = crm_imap_client_new ("127.0.0.1", proxy->port, "none",
                                                          "anna", "zażółć \"1\" \\");
  g_autofree char *sent = NULL;

  crm_imap_client_set_timeout (client, 20);
  g_assert_true (crm_imap_client_connect_sync (client, NULL, &error));
  g_assert_no_error (error);
  assert_logged_in (client);
  crm_imap_client_logout (client);

  sent = proxy_dup_sent (proxy);
  g_assert_nonnull (strstr (sent, "LOGIN \"anna\" {"));
  g_assert_null (strstr (sent, "AUTHENTICATE"));
  proxy_stop (proxy);
}

static gpointer
deliver_later (gpointer data)
{
  Fixture *fixture = data;

  g_usleep (G_USEC_PER_SEC / 2);
  deliver (fixture, "From: anna@example.com\r\nSubject: While idle\r\n\r\nHello.\r\n");

  return NULL;
}

static void
test_idle (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImapClient) client = connect_office (fixture, "pass word", &error);
  g_autoptr(GArray) unseen = NULL;
  GThread *thread;
  gboolean changed = TRUE;
  gint64 start;

  g_assert_no_error (error);
  g_assert_true (crm_imap_client_can_idle (client));
  assert_logged_in (client);

  /* nothing happens: the wait ends at its time, the connection still works */
  start = g_get_monotonic_time ();
  g_assert_true (crm_imap_client_idle_sync (client, 1, &changed, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (changed);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);

  /* new mail ends the wait at once */
  thread = g_thread_new ("deliver", deliver_later, fixture);
  g_assert_true (crm_imap_client_idle_sync (client, 60, &changed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_thread_join (thread);

  unseen = crm_imap_client_search_unseen_sync (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unseen->len, ==, 1);
  crm_imap_client_logout (client);
}

static void
test_sent_folder (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *raw = "From: biuro@example.com\r\nTo: anna@example.com\r\nSubject: Copy\r\n\r\n.dot\r\nBody\r\n";
  g_autoptr(GBytes) message = g_bytes_new_static (raw, strlen (raw));
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImapClient) client = connect_office (fixture, "pass word", &error);
  g_autoptr(GPtrArray) fetched = NULL;
  g_autofree char *sent = NULL;
  guint32 uid = 1;

  g_assert_no_error (error);
  sent = crm_imap_client_find_sent_sync (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sent, ==, "Sent");

  g_assert_true (crm_imap_client_append_sync (client, sent, message, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (crm_imap_client_select_sync (client, sent, NULL, NULL, NULL, &error));
  fetched = crm_imap_client_fetch_sync (client, &uid, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fetched->len, ==, 1);
  g_assert_true (((CrmImapMessage *) g_ptr_array_index (fetched, 0))->seen);
  g_assert_cmpmem (g_bytes_get_data (((CrmImapMessage *) g_ptr_array_index (fetched, 0))->raw, NULL),
                   g_bytes_get_size (((CrmImapMessage *) g_ptr_array_index (fetched, 0))->raw),
                   raw, strlen (raw));
  crm_imap_client_logout (client);
}

/* The asynchronous calls on the main loop, as the window would use
 * them: one after another from the callbacks. */
typedef struct
{
  GMainLoop *loop;
  GError    *error;
  GArray    *unseen;
  GPtrArray *messages;
  guint32    uidvalidity;
} Chain;

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Chain *chain = user_data;

  chain->messages = crm_imap_client_fetch_finish (CRM_IMAP_CLIENT (source), result, &chain->error);
  g_main_loop_quit (chain->loop);
}

static void
searched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Chain *chain = user_data;

  chain->unseen = crm_imap_client_search_unseen_finish (CRM_IMAP_CLIENT (source), result, &chain->error);
  if (chain->unseen == NULL)
    {
      g_main_loop_quit (chain->loop);
      return;
    }
  crm_imap_client_fetch_async (CRM_IMAP_CLIENT (source), (const guint32 *) chain->unseen->data,
                               chain->unseen->len, NULL, fetched_cb, chain);
}

static void
selected_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Chain *chain = user_data;

  if (!crm_imap_client_select_finish (CRM_IMAP_CLIENT (source), result, &chain->uidvalidity, NULL,
                                      &chain->error))
    {
      g_main_loop_quit (chain->loop);
      return;
    }
  crm_imap_client_search_unseen_async (CRM_IMAP_CLIENT (source), NULL, searched_cb, chain);
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Chain *chain = user_data;

  if (!crm_imap_client_connect_finish (CRM_IMAP_CLIENT (source), result, &chain->error))
    {
      g_main_loop_quit (chain->loop);
      return;
    }
  crm_imap_client_select_async (CRM_IMAP_CLIENT (source), "INBOX", NULL, selected_cb, chain);
}

static void
test_async_chain (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CrmImapClient) client = crm_imap_client_new ("127.0.0.1", fixture->port, "none",
                                                          "office", "pass word");
  Chain chain = { g_main_loop_new (NULL, FALSE), NULL, NULL, NULL, 0 };
  const char *message = "From: anna@example.com\r\nSubject: Async\r\n\r\n.\r\nHello.\r\n";

  deliver (fixture, message);
  crm_imap_client_connect_async (client, NULL, connected_cb, &chain);
  g_main_loop_run (chain.loop);

  g_assert_no_error (chain.error);
  g_assert_cmpuint (chain.uidvalidity, >, 0);
  g_assert_cmpuint (chain.unseen->len, ==, 1);
  g_assert_cmpuint (chain.messages->len, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (((CrmImapMessage *) g_ptr_array_index (chain.messages, 0))->raw, NULL),
                   g_bytes_get_size (((CrmImapMessage *) g_ptr_array_index (chain.messages, 0))->raw),
                   message, strlen (message));
  crm_imap_client_logout (client);

  g_array_unref (chain.unseen);
  g_ptr_array_unref (chain.messages);
  g_main_loop_unref (chain.loop);
}

static void
connect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Chain *chain = user_data;

  crm_imap_client_connect_finish (CRM_IMAP_CLIENT (source), result, &chain->error);
  g_main_loop_quit (chain->loop);
}

/* A server that accepts and says nothing: the client gives up after
 * its timeout; and a connection can be cancelled. */
static void
test_timeout_and_cancel (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImapClient) silent = NULL;
  g_autoptr(CrmImapClient) cancelled = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Chain chain = { g_main_loop_new (NULL, FALSE), NULL, NULL, NULL, 0 };
  gint64 start;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);

  silent = crm_imap_client_new ("127.0.0.1", port, "none", "office", "pass word");
  crm_imap_client_set_timeout (silent, 1);
  start = g_get_monotonic_time ();
  crm_imap_client_connect_async (silent, NULL, connect_done_cb, &chain);
  g_main_loop_run (chain.loop);
  g_assert_error (chain.error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_NETWORK);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_clear_error (&chain.error);

  cancelled = crm_imap_client_new ("127.0.0.1", port, "none", "office", "pass word");
  crm_imap_client_connect_async (cancelled, cancellable, connect_done_cb, &chain);
  g_cancellable_cancel (cancellable);
  g_main_loop_run (chain.loop);
  g_assert_error (chain.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&chain.error);

  g_main_loop_unref (chain.loop);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, option, func) \
  g_test_add (path, Fixture, option, fixture_set_up, func, fixture_tear_down)

  ADD ("/imap/unread-fetch-and-seen", NULL, test_unread_fetch_and_seen);
  ADD ("/imap/wrong-password", NULL, test_wrong_password);
  ADD ("/imap/starttls-required", NULL, test_starttls_required);
  ADD ("/imap/implicit-tls", "tls", test_implicit_tls);
  ADD ("/imap/starttls", "tls", test_starttls);
  ADD ("/imap/untrusted-certificate", "tls", test_untrusted_certificate);
  ADD ("/imap/unquotable-password", NULL, test_unquotable_password);
  ADD ("/imap/login-literal", NULL, test_login_literal);
  ADD ("/imap/idle", NULL, test_idle);
  ADD ("/imap/async-chain", NULL, test_async_chain);
  ADD ("/imap/timeout-and-cancel", NULL, test_timeout_and_cancel);
  ADD ("/imap/sent-folder", NULL, test_sent_folder);

#undef ADD

  return g_test_run ();
}
