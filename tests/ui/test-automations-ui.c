/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>

#include "automations-ui-test-util.h"

/* The Automations page with the real mouse and keys (xdotool, through
 * the X server): "New Automation…", its name typed, the status chosen
 * from its list, a "Mail to the contact" step dragged from the palette
 * into the steps (mouse down, moved, up), a task step added from the
 * keyboard and moved up with Alt+Up, saved; the automation switched on;
 * the scheduler's pass run with the clock moved and its log read; the
 * simulation of the next 14 days. Screenshots of each. */

static void
test_build_activate_log (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  CrmAutomationStore *store = crm_automation_store_from_session (fixture->session);
  CrmAutomationsPage *page;
  GtkWidget *editor, *steps, *row, *log, *simulation, *active;

  gpointer weak;
  CrmAutomationPass pass;
  CrmAutomation *automation;

  fixture->window = crm_window_new (NULL, fixture->session, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 860);
  crm_window_set_user (fixture->window, fixture->user);
  crm_window_show_page (fixture->window, "automations");
  gtk_window_present (GTK_WINDOW (fixture->window));
  page = CRM_AUTOMATIONS_PAGE (crm_window_get_page_widget (fixture->window, "automations"));
  g_assert_nonnull (page);
  crm_automations_page_set_module (page, "requests");
  wait_until (page_idle, page);
  g_assert_cmpuint (crm_automations_page_get_n_rows (page), ==, 0);
  take_screenshot (GTK_WIDGET (fixture->window), "automations-empty");

  /* New Automation… */
  click (GTK_WIDGET (fixture->window), find_child (GTK_WIDGET (page), GTK_TYPE_BUTTON, "_New Automation…"));
  editor = wait_for_toplevel (CRM_TYPE_AUTOMATION_EDITOR);
  g_assert_nonnull (editor);
  wait_until (editor_ready, editor);
  wait_for_frame (editor);

  click (editor, find_child (editor, ADW_TYPE_ENTRY_ROW, "Name"));
  xdotool ("type", "--delay", "20", "Follow-up of requests", NULL);
  choose_in_combo (editor, find_child (editor, ADW_TYPE_COMBO_ROW, "In the Status"), "Pending");

  /* a mail to the contact, dragged from the palette into the steps */
  steps = gtk_widget_get_ancestor (find_label (editor, "Drag a step here"), GTK_TYPE_LIST_BOX);
  g_assert_nonnull (steps);
  drag (editor, palette_item (editor, "email-contact"), steps);
  apply_step_dialog (NULL);
  g_assert_cmpuint (crm_automation_editor_get_n_steps (CRM_AUTOMATION_EDITOR (editor)), ==, 1);

  /* a task, from the keyboard: its palette item focused, Enter */
  gtk_widget_grab_focus (palette_item (editor, "task"));
  xdotool ("key", "Return", NULL);
  apply_step_dialog ("Call the client");
  g_assert_cmpuint (crm_automation_editor_get_n_steps (CRM_AUTOMATION_EDITOR (editor)), ==, 2);
  g_assert_cmpint (crm_automation_editor_get_step (CRM_AUTOMATION_EDITOR (editor), 1)->kind, ==,
                   CRM_AUTOMATION_STEP_TASK);
  /* the new row has the focus: Alt+Up moves it first */
  row = gtk_root_get_focus (GTK_ROOT (editor));
  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), ==, 1);
  xdotool ("key", "alt+Up", NULL);
  crm_test_settle ();
  g_assert_cmpint (crm_automation_editor_get_step (CRM_AUTOMATION_EDITOR (editor), 0)->kind, ==,
                   CRM_AUTOMATION_STEP_TASK);
  g_assert_cmpint (crm_automation_editor_get_step (CRM_AUTOMATION_EDITOR (editor), 1)->kind, ==,
                   CRM_AUTOMATION_STEP_EMAIL_CONTACT);
  take_screenshot (editor, "automations-editor");

  /* saved */
  weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  click (editor, find_child (editor, GTK_TYPE_BUTTON, "_Save"));
  wait_until (window_gone, &weak);
  crm_test_settle ();
  wait_until (page_idle, page);
  list = crm_automation_store_list (store, "requests", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  automation = g_ptr_array_index (list, 0);
  g_assert_cmpstr (automation->name, ==, "Follow-up of requests");
  g_assert_cmpstr (automation->status_name, ==, "Pending");
  g_assert_false (automation->active);
  {
    g_autoptr(CrmAutomation) whole = crm_automation_store_get (store, automation->id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (whole->steps->len, ==, 2);
    g_assert_cmpint (((CrmAutomationStep *) g_ptr_array_index (whole->steps, 0))->kind, ==,
                     CRM_AUTOMATION_STEP_TASK);
    g_assert_cmpstr (((CrmAutomationStep *) g_ptr_array_index (whole->steps, 0))->task_title, ==, "Call the client");
    g_assert_cmpint (((CrmAutomationStep *) g_ptr_array_index (whole->steps, 1))->kind, ==,
                     CRM_AUTOMATION_STEP_EMAIL_CONTACT);
  }
  g_assert_cmpuint (crm_automations_page_get_n_rows (page), ==, 1);

  /* switched on with the mouse */
  active = find_child (GTK_WIDGET (page), GTK_TYPE_SWITCH, NULL);
  g_assert_nonnull (active);
  click (GTK_WIDGET (fixture->window), active);
  crm_test_settle ();
  wait_until (page_idle, page);
  {
    g_autoptr(CrmAutomation) now_active = crm_automation_store_get (store, automation->id, &error);

    g_assert_no_error (error);
    g_assert_true (now_active->active);
  }
  take_screenshot (GTK_WIDGET (fixture->window), "automations-list");

  /* the scheduler's pass two days on: the request enters, its steps run */
  g_assert_true (crm_automation_store_run_pass (store, &pass, NULL, &error));
  g_assert_no_error (error);
  crm_clock_advance (fixture->clock, 2 * G_TIME_SPAN_DAY);
  g_assert_true (crm_automation_store_run_pass (store, &pass, NULL, &error));
  g_assert_no_error (error);
  crm_test_settle ();
  wait_until (page_idle, page);
  crm_test_settle ();

  /* its log */
  click (GTK_WIDGET (fixture->window), find_tooltip (GTK_WIDGET (page), GTK_TYPE_BUTTON, "Log"));
  crm_test_settle ();

  log = wait_for_toplevel (CRM_TYPE_AUTOMATION_LOG);
  g_assert_nonnull (log);
  wait_until (log_ready, log);
  g_assert_cmpuint (crm_automation_log_get_n_rows (CRM_AUTOMATION_LOG (log)), ==, 2);
  take_screenshot (log, "automations-log");
  g_assert_nonnull (find_label (log, "#1 Mieszkanie na Mokotowie"));
  gtk_window_destroy (GTK_WINDOW (log));

  /* Simulate: a second request in "Pending" enters at the next pass;
   * its two steps wait, and would run */
  {
    CrmTicketStore *tickets = crm_ticket_store_from_session (fixture->session);
    gint64 second = crm_ticket_store_record_request (tickets, "Dom w Wilanowie", 1, fixture->client, "Czy dom jest na sprzedaż?",
                                                     "phone", &error);

    g_assert_no_error (error);
    g_assert_true (crm_ticket_store_assign (tickets, second, crm_user_get_id (fixture->user), &error));
    g_assert_true (crm_ticket_store_set (tickets, second, "Pending", NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (crm_automation_store_run_pass (store, &pass, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (pass.entered, ==, 1);
  }
  click (GTK_WIDGET (fixture->window), find_tooltip (GTK_WIDGET (page), GTK_TYPE_BUTTON, "Simulate…"));
  simulation = wait_for_toplevel (CRM_TYPE_AUTOMATION_SIMULATION);
  g_assert_nonnull (simulation);
  wait_until (simulation_ready, simulation);
  crm_test_settle ();
  take_screenshot (simulation, "automations-simulation");
  g_assert_cmpuint (crm_automation_simulation_get_n_rows (CRM_AUTOMATION_SIMULATION (simulation)), ==, 2);
  g_assert_nonnull (find_label (simulation, "#2 Dom w Wilanowie"));
  gtk_window_destroy (GTK_WINDOW (simulation));
}

/* An automation of contacts selects by one of the office's saved views
 * (AU2, FD4): the editor offers the list's views (contacts have no
 * statuses), the view is kept with it, and activated, the view's
 * contacts enter. */
static void
test_by_view (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  CrmAutomationStore *store = crm_automation_store_from_session (fixture->session);
  CrmContactFilter filter = { 0 };
  CrmAutomationsPage *page;
  CrmAutomation *automation;
  GtkWidget *editor, *view_row;
  gpointer weak;
  gint64 view;

  filter.search = "zofia";
  view = crm_view_store_add (crm_view_store_from_session (fixture->session), "contacts", "Zofias", TRUE,
                             crm_contact_filter_to_variant (&filter), &error);
  g_assert_no_error (error);

  fixture->window = crm_window_new (NULL, fixture->session, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 860);
  crm_window_set_user (fixture->window, fixture->user);
  crm_window_show_page (fixture->window, "automations");
  gtk_window_present (GTK_WINDOW (fixture->window));
  page = CRM_AUTOMATIONS_PAGE (crm_window_get_page_widget (fixture->window, "automations"));
  crm_automations_page_set_module (page, "contacts");
  wait_until (page_idle, page);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));

  click (GTK_WIDGET (fixture->window), find_child (GTK_WIDGET (page), GTK_TYPE_BUTTON, "_New Automation…"));
  editor = wait_for_toplevel (CRM_TYPE_AUTOMATION_EDITOR);
  g_assert_nonnull (editor);
  wait_until (editor_ready, editor);
  wait_for_frame (editor);
  view_row = find_child (editor, ADW_TYPE_COMBO_ROW, "Of the Saved View");
  g_assert_nonnull (view_row);
  g_assert_true (gtk_widget_get_visible (view_row));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (view_row))), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (view_row))), 0),
                   ==, "Zofias");

  click (editor, find_child (editor, ADW_TYPE_ENTRY_ROW, "Name"));
  xdotool ("type", "--delay", "20", "Welcome", NULL);
  gtk_widget_grab_focus (palette_item (editor, "task"));
  xdotool ("key", "Return", NULL);
  apply_step_dialog ("Call them");
  take_screenshot (editor, "automations-editor-by-view");
  weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  click (editor, find_child (editor, GTK_TYPE_BUTTON, "_Save"));
  wait_until (window_gone, &weak);
  wait_until (page_idle, page);

  list = crm_automation_store_list (store, "contacts", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  automation = g_ptr_array_index (list, 0);
  g_assert_cmpint (automation->view_id, ==, view);
  crm_automation_store_activate (store, automation->id, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CrmAutomation) active = crm_automation_store_get (store, automation->id, &error);

    g_assert_no_error (error);
    g_assert_true (active->active);
    g_assert_cmpint (active->n_entered, ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  textdomain (GETTEXT_PACKAGE);
  adw_init ();
  crm_test_load_style ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  screenshot_dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                     "screenshots", NULL);
  g_mkdir_with_parents (screenshot_dir, 0755);

  g_test_add ("/automations-ui/by-view", Fixture, NULL, fixture_set_up, test_by_view, fixture_tear_down);
  g_test_add ("/automations-ui/build-activate-log", Fixture, NULL, fixture_set_up, test_build_activate_log,
              fixture_tear_down);

  return g_test_run ();
}
