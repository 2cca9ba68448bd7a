/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <gio/gio.h>


#ifndef CRM_TEST_DIE_WITH_PARENT
#define CRM_TEST_DIE_WITH_PARENT
static inline void
crm_test_die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}
#endif

/* Starts tests/mail/dovecot-server in a new folder with @option
 * ("tls" or %NULL) and waits until it listens; returns
 * the server, its port, its implicit TLS port (with "tls") and the
 * folder. */
static inline GSubprocess *
crm_test_dovecot_start_with (char       **dir,
                             guint16     *port,
                             guint16     *tls_port,
                             const char  *option)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "dovecot-server", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  GSubprocess *server;

  *dir = g_dir_make_tmp ("crm-imap-XXXXXX", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* a test that fails does not leave its server behind */
  g_subprocess_launcher_set_child_setup (launcher, crm_test_die_with_parent, NULL, NULL);
  server = g_subprocess_launcher_spawn (launcher, &error, script, *dir, option, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  *port = (guint16) g_ascii_strtoull (line, NULL, 10);
  if (g_strcmp0 (option, "tls") == 0)
    {
      g_autofree char *second = g_data_input_stream_read_line (out, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (second);
      g_assert_nonnull (tls_port);
      *tls_port = (guint16) g_ascii_strtoull (second, NULL, 10);
    }

  /* the port is printed before Dovecot starts: wait until it listens */
  for (guint tries = 0; tries < 100; tries++)
    {
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      g_autoptr(GSocketConnection) connection =
        g_socket_client_connect_to_host (client, "127.0.0.1", *port, NULL, NULL);

      if (connection != NULL)
        return server;
      g_usleep (100 * 1000);
    }

  g_error ("Dovecot did not start listening on port %u", *port);
}

static inline GSubprocess *
crm_test_dovecot_start (char    **dir,
                        guint16  *port)
{
  return crm_test_dovecot_start_with (dir, port, NULL, NULL);
}

static inline void
crm_test_dovecot_stop (GSubprocess *server,
                       const char  *dir)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_object_unref (server);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
}

/* Delivers a message into the INBOX of "office" with Dovecot's own tool. */
static inline void
crm_test_dovecot_deliver (const char *dir,
                          const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) save = NULL;
  g_autofree char *conf = g_build_filename (dir, "dovecot.conf", NULL);

  save = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE, &error,
                           "doveadm", "-c", conf, "save", "-u", "office", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (save, message, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (save));
}
