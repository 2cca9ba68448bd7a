/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "crm.h"

/* Shared by the UI tests: waiting for a painted frame, PNG screenshots
 * into the build directory, finding a widget in a window; the real
 * mouse and keys through the X server (xdotool), menus, dialogs and
 * toasts waited for. */

static char *screenshot_dir;

static inline void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Runs the main loop until idle handlers (list refreshes, bindings)
 * have run and the lists' workers have read what they were asked for. */
static inline void
crm_test_settle (void)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (crm_paged_list_count_loading () == 0 && crm_session_count_reading () == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Runs the main loop until @widget's window has painted a frame. */
static inline void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  crm_test_settle ();

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (gtk_widget_get_native (widget)));
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (gtk_widget_get_native (widget)));

  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handler_disconnect (clock, handler);
  g_assert_true (painted);
}

static inline void
take_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  wait_for_frame (widget);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  /* a widget between two states may draw nothing for a frame */
  for (guint tries = 0; node == NULL && tries < 10; tries++)
    {
      if (tries > 0)
        wait_for_frame (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  filename = g_strconcat (name, ".png", NULL);
  path = g_build_filename (screenshot_dir, filename, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static inline GtkWidget *
find_child (GtkWidget  *root,
            GType       type,
            const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      if (title == NULL)
        return root;
      if (ADW_IS_PREFERENCES_ROW (root) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
        return root;
      if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), title) == 0)
        return root;
      if (GTK_IS_ENTRY (root) && g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (root)), title) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The application's style sheet, as AdwApplication loads it, so that
 * screenshots look as the window does. */
static inline void
crm_test_load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/org/example/Crm/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Keeps the result of an asynchronous call in the #GAsyncResult
 * pointer @user_data points to. */
static inline void
crm_test_result_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The first widget of @type under @root with @tooltip. */
static inline GtkWidget *
find_tooltip (GtkWidget  *root,
              GType       type,
              const char *tooltip)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip (child, type, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}


/* Runs xdotool against the X display the window is on, letting the
 * main loop run meanwhile so that the window sees the keys and the
 * clicks. */
static inline void
xdotool (const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  child = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (child, NULL, crm_test_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_wait_check_finish (child, result, &error);
  g_assert_no_error (error);
}

/* Waits (10 s at most) until @window has shrunk back to its natural
 * height, after something in it was hidden: on a busy machine the
 * window's resize comes many frames late, and a click computed before it
 * lands where the widget no longer is. (The natural height counts the
 * window's frame too: a little more than the allocation once shrunk.) */
static inline void
wait_for_natural_height (GtkWidget *window)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      int natural = 0;

      gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (window), NULL, &natural, NULL, NULL);
      if (gtk_widget_get_height (window) <= natural || g_get_monotonic_time () > deadline)
        break;
      wait_for_frame (window);
      crm_test_settle ();
    }
  crm_test_settle ();
  wait_for_frame (window);
}

/* The X window of @window, as xdotool's --window takes it. */
static inline char *
window_xid (GtkWidget *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  return g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
}

/* A click of the real mouse on @widget, in the middle of it, through
 * the X server; @window is the toplevel (or popover) it is in. */
static inline void
click (GtkWidget *window,
       GtkWidget *widget)
{
  g_autofree char *xid = window_xid (window);
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  graphene_point_t centre;

  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_compute_point (widget, window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                                 gtk_widget_get_height (widget) / 2.f),
                                           &centre));
  x = g_strdup_printf ("%d", (int) centre.x);
  y = g_strdup_printf ("%d", (int) centre.y);
  xdotool ("mousemove", "--sync", "--window", xid, x, y, NULL);
  xdotool ("click", "1", NULL);
}

/* The label of a popover menu's item that reads @text (or any label
 * under @root that does, by its markup or its text). */
static inline GtkWidget *
menu_item (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) &&
      (g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0 ||
       g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = menu_item (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The menu of @button opened with the mouse, and @label in it clicked. */
static inline void
choose_from_menu (GtkWidget  *window,
                  GtkWidget  *button,
                  const char *label)
{
  GtkWidget *popover;

  g_assert_true (GTK_IS_MENU_BUTTON (button));
  click (window, button);
  crm_test_settle ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_true (gtk_widget_get_mapped (popover));
  wait_for_frame (popover);
  click (popover, menu_item (popover, label));
}

/* The menu of the ticket @view shows in @window ("More Ticket
 * Actions") opened with the mouse, and @label in it clicked. */
static inline void
choose_from_ticket_menu (GtkWidget  *window,
                         GtkWidget  *view,
                         const char *label)
{
  choose_from_menu (window, find_tooltip (view, GTK_TYPE_MENU_BUTTON, "More Ticket Actions"), label);
}

/* The first visible toplevel of @type, with the CSS class @css_class
 * unless that is %NULL, waited for (10 s at the most) and painted. */
static inline GtkWidget *
wait_for_toplevel_with_class (GType       type,
                              const char *css_class)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

          if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_mapped (toplevel) &&
              (css_class == NULL || gtk_widget_has_css_class (toplevel, css_class)))
            {
              wait_for_frame (toplevel);
              return toplevel;
            }
        }
      g_main_context_iteration (NULL, TRUE);
    }

  return NULL;
}

/* The first visible toplevel of @type, waited for. */
static inline GtkWidget *
wait_for_toplevel (GType type)
{
  return wait_for_toplevel_with_class (type, NULL);
}

/* The Undo button of the toast that says what was done, in @window,
 * once it shows. */
static inline GtkWidget *
wait_for_undo (GtkWidget *window)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GtkWidget *undo;

  while ((undo = find_child (window, GTK_TYPE_BUTTON, "_Undo")) == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (undo);

  return undo;
}

/* Runs the main loop until @done says so, looking again every 10 ms
 * (what it waits for may be written by another thread or process);
 * asserts it did within 10 s. */
static inline void
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_true (done (data));
}
