/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-test-util.h"
#include "crm-ui-test-util.h"

#include "crm.h"
#include "crm-automation-editor.h"
#include "crm-automation-log.h"
#include "crm-automation-simulation.h"
#include "crm-automation-step-dialog.h"
#include "crm-automations-page.h"
#include "crm-window.h"

/* Shared by the Automations page's window tests: an office with a
 * manager, a client and a mail template, a request of hers in
 * "Pending"; the page opened in a window; the page's, the editor's and
 * the log's readiness waited for; a step's row and the palette's items
 * found; a real drag with the mouse. */

typedef struct
{
  char       *dir;
  CrmClock   *clock;
  CrmSession *session;
  CrmUser    *user;
  CrmWindow  *window;
  gint64      request;
  gint64      client;
} Fixture;

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *path = NULL;
  CrmTicketStore *tickets;

  fixture->dir = g_dir_make_tmp ("crm-automations-ui-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->clock = crm_clock_new_fixed (now);
  fixture->session = crm_session_open_file (path, fixture->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), "Ewa Nowak", "ewa@example.com",
                                       CRM_ROLE_MANAGER, &error), >, 0);
  g_assert_no_error (error);
  fixture->user = crm_user_store_find (crm_user_store_from_session (fixture->session), "1", &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, crm_user_get_id (fixture->user));

  crm_contact_set_name (client, "Zofia Kamińska");
  crm_contact_set_emails (client, (const char *[]) { "zofia@przyklad.pl", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), client, &error));
  g_assert_no_error (error);
  fixture->client = crm_contact_get_id (client);
  g_assert_cmpint (crm_template_store_add (crm_template_store_from_session (fixture->session), "Follow-up",
                                          "Dzień dobry {client_first_name},\nczy coś jeszcze?\n{agent_name}", &error),
                   >, 0);
  g_assert_no_error (error);

  /* a request in "Pending", Ewa's */
  tickets = crm_ticket_store_from_session (fixture->session);
  fixture->request = crm_ticket_store_record_request (tickets, "Mieszkanie na Mokotowie", 1,
                                                      crm_contact_get_id (client), "Czy mieszkanie jest wolne?",
                                                      "phone", &error);
  g_assert_no_error (error);
  g_assert_true (crm_ticket_store_assign (tickets, fixture->request, crm_user_get_id (fixture->user), &error));
  g_assert_true (crm_ticket_store_set (tickets, fixture->request, "Pending", NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  crm_test_settle ();
  g_clear_object (&fixture->user);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->clock);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
}

static inline gboolean
page_idle (gpointer data)
{
  return !crm_automations_page_is_busy (data);
}

static inline gboolean
editor_ready (gpointer data)
{
  return !crm_automation_editor_is_loading (data);
}

static inline gboolean
log_ready (gpointer data)
{
  return !crm_automation_log_is_loading (data) && crm_automation_log_get_n_rows (data) > 0;
}

static inline gboolean
simulation_ready (gpointer data)
{
  return !crm_automation_simulation_is_loading (data);
}

static inline gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The window, 1200×860, on the Automations page of @module, read. */
static inline CrmAutomationsPage *
open_automations_page (Fixture    *fixture,
                       const char *module)
{
  CrmAutomationsPage *page;

  fixture->window = crm_window_new (NULL, fixture->session, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 860);
  crm_window_set_user (fixture->window, fixture->user);
  crm_window_show_page (fixture->window, "automations");
  gtk_window_present (GTK_WINDOW (fixture->window));
  page = CRM_AUTOMATIONS_PAGE (crm_window_get_page_widget (fixture->window, "automations"));
  g_assert_nonnull (page);
  crm_automations_page_set_module (page, module);
  wait_until (page_idle, page);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));

  return page;
}

/* The label under @root whose text begins with @start. */
static inline GtkWidget *
find_label (GtkWidget  *root,
            const char *start)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), start))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, start);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The palette's item of the step kind @kind ("email-contact", "task"). */
static inline GtkWidget *
palette_item (GtkWidget  *editor,
              const char *kind)
{
  GtkWidget *first = find_tooltip (editor, GTK_TYPE_BUTTON, "Drag into the steps, or press to add at the end");

  g_assert_nonnull (first);
  for (GtkWidget *item = first; item != NULL; item = gtk_widget_get_next_sibling (item))
    if (g_strcmp0 (gtk_widget_get_name (item), kind) == 0)
      return item;
  g_assert_not_reached ();
}

/* @widget's point at (@fx, @fy) of its size, in @window's coordinates */
static inline void
point_of (GtkWidget *window,
          GtkWidget *widget,
          double     fx,
          double     fy,
          int       *x,
          int       *y)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) * fx,
                                                                 gtk_widget_get_height (widget) * fy),
                                           &point));
  *x = (int) point.x;
  *y = (int) point.y;
}

/* A real drag with the mouse: pressed at (@x0, @y0) of @window, moved
 * in ten steps (well beyond the drag threshold), let go at (@x1, @y1). */
static inline void
drag_between (GtkWidget *window,
              int        x0,
              int        y0,
              int        x1,
              int        y1)
{
  g_autofree char *xid = window_xid (window);

  {
    g_autofree char *x = g_strdup_printf ("%d", x0);
    g_autofree char *y = g_strdup_printf ("%d", y0);

    xdotool ("mousemove", "--sync", "--window", xid, x, y, "mousedown", "1", NULL);
  }
  for (int i = 1; i <= 10; i++)
    {
      g_autofree char *x = g_strdup_printf ("%d", x0 + (x1 - x0) * i / 10);
      g_autofree char *y = g_strdup_printf ("%d", y0 + (y1 - y0) * i / 10);

      xdotool ("mousemove", "--window", xid, x, y, "sleep", "0.05", NULL);
      crm_test_settle ();
    }
  xdotool ("mouseup", "1", NULL);
  crm_test_settle ();
}

/* A real drag with the mouse from the middle of @from to the middle of @to. */
static inline void
drag (GtkWidget *window,
      GtkWidget *from,
      GtkWidget *to)
{
  int x0, y0, x1, y1;

  point_of (window, from, 0.5, 0.5, &x0, &y0);
  point_of (window, to, 0.5, 0.5, &x1, &y1);
  drag_between (window, x0, y0, x1, y1);
}

/* The step dialog that just opened, applied with the mouse. */
static inline void
apply_step_dialog (const char *task_title)
{
  GtkWidget *dialog = wait_for_toplevel (CRM_TYPE_AUTOMATION_STEP_DIALOG);
  gpointer weak = dialog;

  g_assert_nonnull (dialog);
  if (task_title != NULL)
    {
      GtkWidget *title = find_child (dialog, ADW_TYPE_ENTRY_ROW, "Task title");

      click (dialog, title);
      xdotool ("type", "--delay", "20", task_title, NULL);
    }
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  click (dialog, find_child (dialog, GTK_TYPE_BUTTON, "_Apply"));
  wait_until (window_gone, &weak);
}

/* The first GtkListBoxRow under @root whose popover (an AdwComboRow's)
 * list has @text, chosen with the mouse. */
static inline void
choose_in_combo (GtkWidget  *window,
                 GtkWidget  *row,
                 const char *text)
{
  GtkWidget *popover;

  click (window, row);
  crm_test_settle ();
  popover = find_child (row, GTK_TYPE_POPOVER, NULL);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (popover));
  wait_for_frame (popover);
  click (popover, menu_item (popover, text));
  crm_test_settle ();
}
