/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm.h"
#include "crm-test-util.h"
#include "smtp-fixture.h"

/* CrmSmtpClient against a real SMTP server on loopback (aiosmtpd,
 * started by the fixture): delivery byte for byte with dot-stuffing,
 * the envelope, authentication, and 4xx / 5xx / TLS-required
 * failures with the server's own words. */

typedef struct
{
  char        *spool;
  char        *ca_dir;
  GSubprocess *server;
  guint16      port;
} Fixture;

/* @data: NULL, or the server's TLS option: "--starttls" or
 * "--implicit-tls", with a certificate of a CA made for the test */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (data != NULL)
    {
      g_autofree char *make_ca = g_test_build_filename (G_TEST_DIST, "make-test-ca", NULL);
      g_autofree char *ca = NULL;
      const char *options[] = { data, NULL, NULL };
      const char *argv[] = { make_ca, NULL, NULL };
      int status;

      fixture->ca_dir = g_dir_make_tmp ("crm-ca-XXXXXX", NULL);
      argv[1] = fixture->ca_dir;
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   NULL, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      ca = g_build_filename (fixture->ca_dir, "ca.pem", NULL);
      g_setenv ("CRM_CA_FILE", ca, TRUE);
      options[1] = fixture->ca_dir;
      fixture->server = crm_test_smtp_start_with (&fixture->spool, &fixture->port, options);
    }
  else
    fixture->server = crm_test_smtp_start (&fixture->spool, &fixture->port);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unsetenv ("CRM_CA_FILE");
  crm_test_smtp_stop (fixture->server, fixture->spool);
  if (fixture->ca_dir != NULL)
    crm_test_remove_tree (fixture->ca_dir);
  g_free (fixture->ca_dir);
  g_free (fixture->spool);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = crm_smtp_client_send_finish (CRM_SMTP_CLIENT (source), result, &wait->error);
  wait->done = TRUE;
}

/* Sends through the main loop, as the application does. */
static gboolean
send_async (CrmSmtpClient       *client,
            const char * const  *recipients,
            GBytes              *message,
            GError             **error)
{
  Wait wait = { 0 };

  crm_smtp_client_send_async (client, "biuro@example.com", recipients, message, NULL, sent_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);

  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.ok;
}

static GBytes *
build_message (const char * const *to)
{
  g_autoptr(CrmClock) clock = crm_clock_new ();
  g_autoptr(CrmOutgoingMessage) out = crm_outgoing_message_new ("Biuro", "biuro@example.com");
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  for (guint i = 0; to[i] != NULL; i++)
    crm_outgoing_message_add_to (out, to[i]);
  crm_outgoing_message_add_bcc (out, "ukryty@example.com");
  crm_outgoing_message_set_subject (out, "Oferta – mieszkanie w Łodzi");
  /* lines that start with dots, one that is only a dot: SMTP's end of data */
  crm_outgoing_message_set_body (out, ".\n..\n.start\nplain line\n.\nZażółć gęślą jaźń\n");
  bytes = crm_outgoing_message_build (out, clock, NULL, &error);
  g_assert_no_error (error);

  return bytes;
}

static guint
spooled (Fixture *fixture)
{
  return crm_test_smtp_count (fixture->spool);
}

static void
test_delivery (Fixture       *fixture,
               gconstpointer  data)
{
  const char *to[] = { "anna@example.com", NULL };
  const char *envelope_to[] = { "anna@example.com", "ukryty@example.com", NULL };
  g_autoptr(CrmSmtpClient) client = crm_smtp_client_new ("127.0.0.1", fixture->port, "none",
                                                          "office", "pass word");
  g_autoptr(GBytes) message = build_message (to);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->spool, "0001.eml", NULL);
  g_autofree char *env_path = g_build_filename (fixture->spool, "0001.env", NULL);
  g_autofree char *received = NULL;
  g_autofree char *envelope = NULL;
  gsize len;

  g_assert_true (send_async (client, envelope_to, message, &error));
  g_assert_no_error (error);

  /* byte for byte what was built: dot-stuffing undone by the server */
  g_assert_true (g_file_get_contents (path, &received, &len, NULL));
  g_assert_cmpmem (received, len, g_bytes_get_data (message, NULL), g_bytes_get_size (message));

  g_assert_true (g_file_get_contents (env_path, &envelope, NULL, NULL));
  g_assert_cmpstr (envelope, ==, "biuro@example.com\nanna@example.com\nukryty@example.com\n");
}

static void
test_auth_login_and_sync (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *to[] = { "anna@example.com", NULL };
  g_autoptr(CrmSmtpClient) client = crm_smtp_client_new ("localhost", fixture->port, "none",
                                                          "office", "wrong");
  g_autoptr(GBytes) message = build_message (to);
  g_autoptr(GError) error = NULL;

  g_assert_false (crm_smtp_client_send_sync (client, "biuro@example.com", to, message, NULL, &error));
  g_assert_error (error, CRM_SMTP_ERROR, CRM_SMTP_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "535"));
  g_assert_cmpuint (spooled (fixture), ==, 0);
}

static void
test_recipient_replies (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *temp[] = { "anna@example.com", "temp-fail@example.com", NULL };
  const char *reject[] = { "reject@example.com", NULL };
  g_autoptr(CrmSmtpClient) client = crm_smtp_client_new ("127.0.0.1", fixture->port, "none", NULL, NULL);
  g_autoptr(GBytes) message = build_message (temp);
  g_autoptr(GError) error = NULL;

  g_assert_false (send_async (client, temp, message, &error));
  g_assert_error (error, CRM_SMTP_ERROR, CRM_SMTP_ERROR_TEMPORARY);
  g_assert_nonnull (strstr (error->message, "try again later"));
  g_clear_error (&error);

  g_assert_false (send_async (client, reject, message, &error));
  g_assert_error (error, CRM_SMTP_ERROR, CRM_SMTP_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "No such user here"));
  g_assert_cmpuint (spooled (fixture), ==, 0);
}

static void
test_starttls_required (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *to[] = { "anna@example.com", NULL };
  g_autoptr(CrmSmtpClient) client = crm_smtp_client_new ("127.0.0.1", fixture->port, "starttls",
                                                          "office", "pass word");
  g_autoptr(GBytes) message = build_message (to);
  g_autoptr(GError) error = NULL;

  g_assert_false (send_async (client, to, message, &error));
  g_assert_error (error, CRM_SMTP_ERROR, CRM_SMTP_ERROR_TLS_REQUIRED);
  g_assert_cmpuint (spooled (fixture), ==, 0);
}

static void
test_tls (Fixture       *fixture,
          gconstpointer  data)
{
  const char *to[] = { "anna@example.com", NULL };
  const char *security = g_str_equal (data, "--starttls") ? "starttls" : "tls";
  g_autoptr(CrmSmtpClient) client = crm_smtp_client_new ("127.0.0.1", fixture->port, security,
                                                          "office", "pass word");
  g_autoptr(CrmSmtpClient) untrusted = crm_smtp_client_new ("127.0.0.1", fixture->port, security,
                                                             "office", "pass word");
  g_autoptr(GBytes) message = build_message (to);
  g_autoptr(GError) error = NULL;

  crm_smtp_client_set_timeout (client, 20);
  g_assert_true (send_async (client, to, message, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (spooled (fixture), ==, 1);

  /* a certificate of an authority nobody trusts: nothing is sent */
  g_unsetenv ("CRM_CA_FILE");
  crm_smtp_client_set_timeout (untrusted, 20);
  g_assert_false (send_async (untrusted, to, message, &error));
  g_assert_error (error, CRM_SMTP_ERROR, CRM_SMTP_ERROR_TEMPORARY);
  g_assert_cmpuint (spooled (fixture), ==, 1);
}

static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *to[] = { "anna@example.com", NULL };
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(CrmSmtpClient) client = NULL;
  g_autoptr(GBytes) message = build_message (to);
  g_autoptr(GError) error = NULL;
  guint16 port;

  /* a port that was free a moment ago: nothing listens there now */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  client = crm_smtp_client_new ("127.0.0.1", port, "none", NULL, NULL);
  crm_smtp_client_set_timeout (client, 5);
  g_assert_false (send_async (client, to, message, &error));
  g_assert_error (error, CRM_SMTP_ERROR, CRM_SMTP_ERROR_TEMPORARY);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_TLS(path, option, func) \
  g_test_add (path, Fixture, option, fixture_set_up, func, fixture_tear_down)

  ADD ("/smtp/delivery", test_delivery);
  ADD ("/smtp/auth-refused", test_auth_login_and_sync);
  ADD ("/smtp/recipient-replies", test_recipient_replies);
  ADD ("/smtp/starttls-required", test_starttls_required);
  ADD ("/smtp/unreachable", test_unreachable);
  ADD_TLS ("/smtp/starttls", "--starttls", test_tls);
  ADD_TLS ("/smtp/implicit-tls", "--implicit-tls", test_tls);

#undef ADD_TLS
#undef ADD

  status = g_test_run ();
  crm_test_wait_for_threads ();

  return status;
}
