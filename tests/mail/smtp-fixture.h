/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>


#ifndef CRM_TEST_DIE_WITH_PARENT
#define CRM_TEST_DIE_WITH_PARENT
static inline void
crm_test_die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}
#endif

/* Starts tests/mail/smtp-server.py (aiosmtpd on 127.0.0.1) with a new
 * spool directory and the script's @options (--starttls DIR, --lmtp
 * SOCKET); returns the server, its port and the spool. */
static inline GSubprocess *
crm_test_smtp_start_with (char               **spool,
                          guint16             *port,
                          const char * const  *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "smtp-server.py", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  GSubprocess *server;

  *spool = g_dir_make_tmp ("crm-smtp-XXXXXX", NULL);
  g_strv_builder_add_many (builder, script, *spool, NULL);
  if (options != NULL)
    g_strv_builder_addv (builder, (const char **) options);
  argv = g_strv_builder_end (builder);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* a test that fails does not leave its server behind */
  g_subprocess_launcher_set_child_setup (launcher, crm_test_die_with_parent, NULL, NULL);
  server = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  *port = (guint16) g_ascii_strtoull (line, NULL, 10);
  g_assert_cmpuint (*port, >, 0);

  return server;
}

static inline GSubprocess *
crm_test_smtp_start (char    **spool,
                     guint16  *port)
{
  return crm_test_smtp_start_with (spool, port, NULL);
}

static inline void
crm_test_smtp_stop (GSubprocess *server,
                    const char  *spool)
{
  g_autoptr(GDir) dir = g_dir_open (spool, 0, NULL);
  const char *name;

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_object_unref (server);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (spool, name, NULL);

      g_remove (path);
    }
  g_rmdir (spool);
}

/* How many messages the server accepted. */
static inline guint
crm_test_smtp_count (const char *spool)
{
  g_autoptr(GDir) dir = g_dir_open (spool, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".eml"))
      n++;

  return n;
}
