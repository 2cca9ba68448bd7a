/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>
#include <gio/gio.h>

/* Desktop notifications in the window tests: a real notification
 * server, dunst, on the run's display and session bus. */

static inline GSubprocess *
start_dunst (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GSubprocess *dunst;
  gint64 deadline;

  g_assert_no_error (error);
  dunst = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, "dunst",
                            NULL);
  g_assert_no_error (error);

  /* ready when it owns the name */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GVariant) owned =
        g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                     "NameHasOwner", g_variant_new ("(s)", "org.freedesktop.Notifications"),
                                     G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      gboolean has = FALSE;

      if (owned != NULL)
        g_variant_get (owned, "(b)", &has);
      if (has)
        return dunst;
      g_usleep (50 * 1000);
    }
  g_assert_not_reached ();
}

/* What dunst has shown, as dunstctl gives its history (JSON). */
static inline char *
dunst_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) ctl = NULL;
  char *out = NULL;

  /* shown ones move to the history when closed */
  ctl = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "dunstctl", "close-all", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (ctl, NULL, &error));
  g_clear_object (&ctl);
  ctl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "dunstctl", "history", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (ctl, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);

  return out;
}

static inline guint
count_in (const char *text,
       const char *word)
{
  guint n = 0;

  for (const char *at = strstr (text, word); at != NULL; at = strstr (at + 1, word))
    n++;

  return n;
}
