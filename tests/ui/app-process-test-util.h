/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>
#include <cairo-xlib.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <gio/gio.h>

/* Tests of the real program (src/app/crm) as the desktop runs it: on a
 * bus of the test's own (GTestDBus) from which D-Bus starts it as the
 * installed org.example.Crm.service does, its window on the X server
 * (Xvfb), looked at and clicked from outside with xdotool. */

/* A bus on which org.example.Crm is started from the build's program,
 * on the desk's data in @dir; returns a connection to it. */
static inline GDBusConnection *
app_bus_up (const char  *dir,
            GTestDBus  **bus)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *services = g_build_filename (dir, "services", NULL);
  g_autofree char *service = NULL;
  g_autofree char *service_path = NULL;
  static char *display;
  GDBusConnection *connection;

  /* as the test started: g_test_dbus_down () unsets it too */
  if (display == NULL)
    display = g_strdup (g_getenv ("DISPLAY"));
  g_assert_nonnull (display);
  g_assert_cmpint (g_mkdir (services, 0700), ==, 0);
  service = g_strdup_printf ("[D-BUS Service]\nName=org.example.Crm\nExec=%s --gapplication-service\n",
                             g_test_get_filename (G_TEST_BUILT, "..", "src", "app", "crm", NULL));
  service_path = g_build_filename (services, "org.example.Crm.service", NULL);
  g_assert_true (g_file_set_contents (service_path, service, -1, &error));
  g_setenv ("CRM_DATA_DIR", dir, TRUE);
  g_setenv ("G_DEBUG", "gc-friendly", TRUE);

  *bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_add_service_dir (*bus, services);
  /* g_test_dbus_up () unsets DISPLAY, for tests that must not reach an
   * X server: these look at the window on Xvfb's */
  g_test_dbus_up (*bus);
  g_setenv ("DISPLAY", display, TRUE);
  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (*bus),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);

  return connection;
}

/* The screen, as the user sees it. */
static inline void
screenshot (const char *name)
{
  Display *display = XOpenDisplay (NULL);
  Screen *screen;
  cairo_surface_t *surface;
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_assert_nonnull (display);
  screen = DefaultScreenOfDisplay (display);
  g_mkdir_with_parents (dir, 0755);
  surface = cairo_xlib_surface_create (display, RootWindowOfScreen (screen), DefaultVisualOfScreen (screen),
                                       WidthOfScreen (screen), HeightOfScreen (screen));
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  XCloseDisplay (display);
  g_test_message ("screenshot: %s", path);
}

/* The title of the application's window, once one is mapped. */
static inline char *
window_name (void)
{
  g_autofree char *out = NULL;
  g_autofree char *name = NULL;
  int status = 0;

  if (!g_spawn_command_line_sync ("xdotool search --onlyvisible --class [Cc]rm", &out, NULL, &status, NULL) ||
      status != 0 || out == NULL || *out == '\0')
    return NULL;
  g_strstrip (out);
  if (strchr (out, '\n') != NULL)
    *strchr (out, '\n') = '\0';
  {
    g_autofree char *command = g_strdup_printf ("xdotool getwindowname %s", out);

    if (!g_spawn_command_line_sync (command, &name, NULL, &status, NULL) || status != 0)
      return NULL;
  }

  return g_strstrip (g_steal_pointer (&name));
}

/* Runs "xdotool WHAT --window ID ARGS" on the application's window. */
static inline void
xdotool_on_window (const char *what,
                   const char *args_after)
{
  g_autofree char *out = NULL;
  g_autofree char *args = NULL;
  g_autofree char *command = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync ("xdotool search --onlyvisible --class [Cc]rm", &out, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
  g_strstrip (out);
  if (strchr (out, '\n') != NULL)
    *strchr (out, '\n') = '\0';
  args = g_strdup_printf ("%s --window %s %s", what, out, args_after);
  command = g_strconcat ("xdotool ", args, NULL);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
}

/* Until the window's middle is drawn (Xvfb's screen is black under no
 * window, and the window's first frames). */
static inline void
wait_for_drawn (void)
{
  Display *display = XOpenDisplay (NULL);
  Window root = DefaultRootWindow (display);

  for (guint i = 0; i < 600; i++)
    {
      XImage *image = XGetImage (display, root, 550, 300, 1, 1, AllPlanes, ZPixmap);
      unsigned long pixel = XGetPixel (image, 0, 0);

      XDestroyImage (image);
      if ((pixel & 0xffffff) != 0)
        break;
      g_usleep (100000);
    }
  XCloseDisplay (display);
}
