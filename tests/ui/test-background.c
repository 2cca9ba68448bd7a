/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "crm-test-util.h"
#include "app-process-test-util.h"

#include "crm.h"

/* Working in the background (issue 17): the real program, started by
 * D-Bus on the test's own bus, its window closed with the mouse on the
 * X server (Xvfb). With "Run in the Background" on (the user's setting,
 * in a keyfile the program reads), the program stays on the bus, its
 * engine running, until Quit; opening it again shows the window; with
 * the setting off, closing the window ends it. */

typedef struct
{
  char            *dir;
  GTestDBus       *bus;
  GDBusConnection *connection;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autofree char *settings_dir = NULL;
  g_autofree char *keyfile = NULL;
  gboolean background = GPOINTER_TO_INT (data);

  fixture->dir = g_dir_make_tmp ("crm-background-XXXXXX", NULL);
  session = crm_session_open (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (session), "Ewa Nowak", "ewa@example.com",
                                       CRM_ROLE_MANAGER, &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&session);

  /* the user's settings, as the desktop keeps them */
  settings_dir = g_build_filename (fixture->dir, "config", "glib-2.0", "settings", NULL);
  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_assert_true (g_file_set_contents (keyfile, background ? "[org/example/Crm]\nrun-in-background=true\n"
                                                          : "[org/example/Crm]\nrun-in-background=false\n",
                                      -1, &error));
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  {
    g_autofree char *config = g_build_filename (fixture->dir, "config", NULL);

    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  }

  fixture->connection = app_bus_up (fixture->dir, &fixture->bus);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_dbus_connection_call_sync (fixture->connection, "org.example.Crm", "/org/example/Crm", "org.gtk.Actions",
                               "Activate", g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                               G_DBUS_CALL_FLAGS_NO_AUTO_START, 10000, NULL, NULL);
  g_clear_object (&fixture->connection);
  g_test_dbus_down (fixture->bus);
  g_clear_object (&fixture->bus);
  crm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Whether the program is on the bus. */
static gboolean
running (Fixture *fixture)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (fixture->connection, "org.freedesktop.DBus",
                                                           "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                                           "NameHasOwner", g_variant_new ("(s)", "org.example.Crm"),
                                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                                           NULL);
  gboolean has = FALSE;

  g_assert_nonnull (reply);
  g_variant_get (reply, "(b)", &has);

  return has;
}

/* The program started, or asked, as a launcher does: its window. */
static void
open_application (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (fixture->connection, "org.example.Crm",
                                                           "/org/example/Crm", "org.freedesktop.Application",
                                                           "Activate", g_variant_new ("(a{sv})", NULL), NULL,
                                                           G_DBUS_CALL_FLAGS_NONE, 60000, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *name = window_name ();

      if (name != NULL)
        break;
      g_usleep (100000);
    }
  g_assert_cmpstr (window_name (), ==, "CRM");
  wait_for_drawn ();
}

/* The window's close button, clicked (the window at the screen's
 * corner, as Xvfb without a window manager puts it). */
static void
close_window (void)
{
  xdotool_on_window ("mousemove", "1071 27 click 1");
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *name = window_name ();

      if (name == NULL)
        return;
      g_usleep (100000);
    }
  g_assert_null (window_name ());
}

static gboolean
wait_for_running (Fixture  *fixture,
                  gboolean  wanted,
                  guint     seconds)
{
  for (guint i = 0; i < seconds * 10; i++)
    {
      if (running (fixture) == wanted)
        return TRUE;
      g_usleep (100000);
    }

  return running (fixture) == wanted;
}

static void
test_background (Fixture       *fixture,
                 gconstpointer  data)
{
  open_application (fixture);
  screenshot ("background-window");
  close_window ();

  /* no window, still working: GApplication's service would have ended
   * by now (its inactivity timeout) without the hold */
  g_assert_false (wait_for_running (fixture, FALSE, 25));
  g_assert_null (window_name ());

  /* opened again, closed again: still there */
  open_application (fixture);
  close_window ();
  g_assert_false (wait_for_running (fixture, FALSE, 3));

  /* Quit ends it */
  g_dbus_connection_call_sync (fixture->connection, "org.example.Crm", "/org/example/Crm", "org.gtk.Actions",
                               "Activate", g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                               G_DBUS_CALL_FLAGS_NO_AUTO_START, 10000, NULL, NULL);
  g_assert_true (wait_for_running (fixture, FALSE, 30));
}

static void
test_no_background (Fixture       *fixture,
                    gconstpointer  data)
{
  open_application (fixture);
  close_window ();
  /* the program ends with its window (after GApplication's inactivity
   * timeout of a D-Bus started program) */
  g_assert_true (wait_for_running (fixture, FALSE, 40));
}

int
main (int   argc,
      char *argv[])
{
  crm_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/background/on", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_background, fixture_tear_down);
  g_test_add ("/background/off", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_no_background,
              fixture_tear_down);

  return g_test_run ();
}
