/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "automations-ui-test-util.h"
#include "crm-automation-text.h"

/* More of the Automations page with the real mouse and keys (xdotool,
 * through the X server): the banner of the steps caught up after the
 * application was closed, one for each catch-up policy, dismissed; an
 * active automation switched off (the question asked, cancelled, then
 * confirmed) and the scheduler doing nothing more of it, switched on
 * again; a log of more than one page scrolled with the mouse wheel to
 * its end; the editor's steps reordered by dragging a row and with
 * Alt+Down and Alt+Up, saved. Screenshots of each. */

/* An automation of requests in "Pending" with a task step for each of
 * @titles (the record's responsible user's), @delay days after the
 * record entered at @minute_of_day (-1: the time it entered). */
static gint64
add_automation (Fixture           *fixture,
                const char        *name,
                CrmCatchUp         catch_up,
                guint              delay,
                int                minute_of_day,
                const char * const *titles)
{
  g_autoptr(GError) error = NULL;
  CrmAutomationStore *store = crm_automation_store_from_session (fixture->session);
  gint64 pending = crm_automation_store_find_status (store, "Pending", &error);
  gint64 id;

  g_assert_no_error (error);
  id = crm_automation_store_add (store, "requests", name, pending, 0, FALSE, FALSE, catch_up, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  for (guint i = 0; titles[i] != NULL; i++)
    {
      g_autoptr(CrmAutomationStep) step = crm_automation_step_new (CRM_AUTOMATION_STEP_TASK);

      step->task_title = g_strdup (titles[i]);
      step->delay_days = delay + i;
      step->minute_of_day = minute_of_day;
      g_assert_cmpint (crm_automation_store_add_step (store, id, step, &error), >, 0);
      g_assert_no_error (error);
    }

  return id;
}

static CrmAutomation *
get_automation (Fixture *fixture,
                gint64   id)
{
  g_autoptr(GError) error = NULL;
  CrmAutomation *automation = crm_automation_store_get (crm_automation_store_from_session (fixture->session), id,
                                                        &error);

  g_assert_no_error (error);
  g_assert_nonnull (automation);

  return automation;
}

static GPtrArray *
all_runs (Fixture *fixture,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *runs = crm_automation_store_list_runs (crm_automation_store_from_session (fixture->session), id, 0,
                                                    10000, &error);

  g_assert_no_error (error);
  g_assert_nonnull (runs);

  return runs;
}

static gboolean
revealed (gpointer data)
{
  return gtk_revealer_get_child_revealed (data) && gtk_revealer_get_reveal_child (data);
}

static gboolean
hidden (gpointer data)
{
  return !gtk_revealer_get_reveal_child (data) && !gtk_revealer_get_child_revealed (data);
}

/* Steps of three automations, one for each catch-up policy, fell due
 * while the application was closed: the scheduler's first pass at
 * start catches them up, and the window's banner says what became of
 * them; dismissed, it goes and stays gone. */
static void
test_caught_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const late_titles[] = { "Call back (late)", NULL };
  static const char * const next_titles[] = { "Call back (next)", NULL };
  static const char * const skip_titles[] = { "Call back (skip)", NULL };
  g_autoptr(GError) error = NULL;
  CrmAutomationStore *store = crm_automation_store_from_session (fixture->session);
  CrmAutomationPass pass = { 0 };
  CrmAutomationsPage *page;
  GtkWidget *revealer, *label;
  gint64 late, next, skip;

  /* a day after the request entered, at 09:00 */
  late = add_automation (fixture, "Late", CRM_CATCH_UP_LATE, 1, 9 * 60, late_titles);
  next = add_automation (fixture, "Next", CRM_CATCH_UP_NEXT, 1, 9 * 60, next_titles);
  skip = add_automation (fixture, "Skip", CRM_CATCH_UP_SKIP, 1, 9 * 60, skip_titles);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (crm_automation_store_activate (store, (gint64[]) { late, next, skip }[i], &error));
      g_assert_no_error (error);
    }

  /* the application closed for three days; the pass at its start */
  crm_clock_advance (fixture->clock, 3 * G_TIME_SPAN_DAY);
  g_assert_true (crm_automation_store_run_pass (store, &pass, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pass.caught_up, ==, 3);
  g_assert_cmpuint (pass.done, ==, 1);
  g_assert_cmpuint (pass.moved, ==, 1);

  page = open_automations_page (fixture, "requests");
  g_assert_cmpuint (crm_automations_page_get_n_rows (page), ==, 3);
  label = find_label (GTK_WIDGET (page), "3 steps fell due");
  g_assert_nonnull (label);
  revealer = gtk_widget_get_ancestor (label, GTK_TYPE_REVEALER);
  wait_until (revealed, revealer);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "3 steps fell due while the application was closed: 1 ran late, "
                   "1 was moved to its next allowed time, 1 was skipped.");
  g_assert_true (gtk_widget_get_mapped (label));
  take_screenshot (GTK_WIDGET (fixture->window), "automations-caught-up");

  /* each run's log says so too */
  {
    g_autoptr(GPtrArray) runs = all_runs (fixture, late);
    CrmAutomationRun *run = g_ptr_array_index (runs, 0);

    g_assert_true (run->caught_up);
    g_assert_cmpint (run->state, ==, CRM_AUTOMATION_RUN_DONE);
  }
  {
    g_autoptr(GPtrArray) runs = all_runs (fixture, next);
    CrmAutomationRun *run = g_ptr_array_index (runs, 0);

    g_assert_true (run->caught_up);
    g_assert_cmpint (run->state, ==, CRM_AUTOMATION_RUN_WAITING);
    g_assert_cmpint (run->due_at, >, crm_clock_now_unix (fixture->clock));
  }
  {
    g_autoptr(GPtrArray) runs = all_runs (fixture, skip);
    CrmAutomationRun *run = g_ptr_array_index (runs, 0);

    g_assert_true (run->caught_up);
    g_assert_cmpint (run->state, ==, CRM_AUTOMATION_RUN_SKIPPED);
  }

  /* dismissed with the mouse */
  click (GTK_WIDGET (fixture->window), find_tooltip (revealer, GTK_TYPE_BUTTON, "Dismiss"));
  wait_until (hidden, revealer);
  take_screenshot (GTK_WIDGET (fixture->window), "automations-caught-up-dismissed");

  /* and not told again when the page reads its list again */
  crm_automations_page_set_module (page, "tickets");
  wait_until (page_idle, page);
  crm_automations_page_set_module (page, "requests");
  wait_until (page_idle, page);
  crm_test_settle ();
  g_assert_cmpuint (crm_automations_page_get_n_rows (page), ==, 3);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
}

static gboolean
dialog_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The switch of the page's only automation clicked, and the question
 * that opens answered with @response ("_Cancel", "_Deactivate"). */
static void
switch_off_answering (Fixture            *fixture,
                      CrmAutomationsPage *page,
                      const char         *response,
                      const char         *screenshot)
{
  GtkWidget *active = find_child (GTK_WIDGET (page), GTK_TYPE_SWITCH, NULL);
  GtkWidget *dialog;
  gpointer weak;

  g_assert_nonnull (active);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (active)));
  click (GTK_WIDGET (fixture->window), active);
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Deactivate “Follow-up”?");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "1 record inside leaves it. 2 steps waiting are skipped. Activated again, it starts afresh.");
  if (screenshot != NULL)
    take_screenshot (dialog, screenshot);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  click (dialog, find_child (dialog, GTK_TYPE_BUTTON, response));
  wait_until (dialog_gone, &weak);
  crm_test_settle ();
  wait_until (page_idle, page);
  crm_test_settle ();
}

/* An active automation switched off with the mouse: asked first (Cancel
 * keeps it running), then confirmed; in the store it is inactive, its
 * waiting steps skipped, and the scheduler's pass past their time does
 * nothing; switched on again, the request enters afresh. */
static void
test_deactivate (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const titles[] = { "Call the client", "Call again", NULL };
  g_autoptr(GError) error = NULL;
  CrmAutomationStore *store = crm_automation_store_from_session (fixture->session);
  CrmAutomationPass pass = { 0 };
  CrmAutomationsPage *page;
  GtkWidget *active;
  gint64 id;

  id = add_automation (fixture, "Follow-up", CRM_CATCH_UP_LATE, 1, 9 * 60, titles);
  g_assert_true (crm_automation_store_activate (store, id, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CrmAutomation) automation = get_automation (fixture, id);

    g_assert_true (automation->active);
    g_assert_cmpuint (automation->n_entered, ==, 1);
    g_assert_cmpuint (automation->n_waiting, ==, 2);
  }

  page = open_automations_page (fixture, "requests");
  g_assert_cmpuint (crm_automations_page_get_n_rows (page), ==, 1);

  /* switched off, the question cancelled: it runs on */
  switch_off_answering (fixture, page, "_Cancel", "automations-deactivate-question");
  active = find_child (GTK_WIDGET (page), GTK_TYPE_SWITCH, NULL);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (active)));
  {
    g_autoptr(CrmAutomation) automation = get_automation (fixture, id);

    g_assert_true (automation->active);
    g_assert_cmpuint (automation->n_waiting, ==, 2);
  }

  /* switched off, confirmed */
  switch_off_answering (fixture, page, "_Deactivate", NULL);
  {
    g_autoptr(CrmAutomation) automation = get_automation (fixture, id);
    g_autoptr(GPtrArray) runs = all_runs (fixture, id);

    g_assert_false (automation->active);
    g_assert_cmpuint (automation->n_entered, ==, 0);
    g_assert_cmpuint (automation->n_waiting, ==, 0);
    g_assert_cmpuint (runs->len, ==, 2);
    for (guint i = 0; i < runs->len; i++)
      {
        CrmAutomationRun *run = g_ptr_array_index (runs, i);

        g_assert_cmpint (run->state, ==, CRM_AUTOMATION_RUN_SKIPPED);
        g_assert_cmpstr (run->reason, ==, "The automation was deactivated.");
      }
  }
  active = find_child (GTK_WIDGET (page), GTK_TYPE_SWITCH, NULL);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (active)));
  g_assert_true (gtk_widget_get_sensitive (active));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Status “Pending” · Inactive"));
  take_screenshot (GTK_WIDGET (fixture->window), "automations-deactivated");

  /* the scheduler past both steps' time: nothing runs, nothing enters */
  crm_clock_advance (fixture->clock, 3 * G_TIME_SPAN_DAY);
  g_assert_true (crm_automation_store_run_pass (store, &pass, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pass.done + pass.entered + pass.moved + pass.caught_up + pass.failed, ==, 0);
  {
    g_autoptr(GPtrArray) runs = all_runs (fixture, id);

    g_assert_cmpuint (runs->len, ==, 2);
    for (guint i = 0; i < runs->len; i++)
      g_assert_cmpint (((CrmAutomationRun *) g_ptr_array_index (runs, i))->state, ==, CRM_AUTOMATION_RUN_SKIPPED);
  }

  /* switched on again with the mouse: no question, the request enters afresh */
  click (GTK_WIDGET (fixture->window), active);
  crm_test_settle ();
  wait_until (page_idle, page);
  crm_test_settle ();
  {
    g_autoptr(CrmAutomation) automation = get_automation (fixture, id);
    g_autoptr(GPtrArray) runs = all_runs (fixture, id);

    g_assert_true (automation->active);
    g_assert_cmpuint (automation->n_entered, ==, 1);
    g_assert_cmpuint (automation->n_waiting, ==, 2);
    g_assert_cmpuint (runs->len, ==, 4);
  }
  active = find_child (GTK_WIDGET (page), GTK_TYPE_SWITCH, NULL);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (active)));
  take_screenshot (GTK_WIDGET (fixture->window), "automations-reactivated");

  /* and its steps run again when due */
  crm_clock_advance (fixture->clock, 1 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR);
  g_assert_true (crm_automation_store_run_pass (store, &pass, NULL, &error));
  g_assert_no_error (error);
  crm_clock_advance (fixture->clock, 1 * G_TIME_SPAN_DAY);
  g_assert_true (crm_automation_store_run_pass (store, &pass, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CrmAutomation) automation = get_automation (fixture, id);

    g_assert_cmpuint (automation->n_waiting, <, 2);
  }
}

/* the row's bottom edge within the scrolled window's view */
static gboolean
row_in_view (GtkWidget *scrolled,
             GtkWidget *row)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (row, scrolled, &bounds))
    return FALSE;

  return bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled) + 1;
}

static gboolean
log_idle (gpointer data)
{
  return !crm_automation_log_is_loading (data);
}

/* the last row of @list */
static GtkWidget *
last_row (GtkWidget *list)
{
  for (GtkWidget *child = gtk_widget_get_last_child (list); child != NULL; child = gtk_widget_get_prev_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      return child;
  g_assert_not_reached ();
}

/* An automation with 62 runs: the log shows the first 50, and scrolled
 * to its end with the mouse wheel over the list, reads the rest; the
 * last run's row shows. */
static void
test_log_paging (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const titles[] = { "Call the client", "Call again", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *last_title = NULL;
  g_autofree char *xid = NULL;
  CrmAutomationStore *store = crm_automation_store_from_session (fixture->session);
  CrmTicketStore *tickets = crm_ticket_store_from_session (fixture->session);
  CrmAutomationPass pass = { 0 };
  CrmAutomationsPage *page;
  CrmAutomationRun *last;
  GtkWidget *log, *list, *scrolled, *row;
  gint64 id;
  int x, y;
  guint rows = 0;

  /* 30 more requests in "Pending": 31 with the fixture's */
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *subject = g_strdup_printf ("Mieszkanie %u", i + 2);
      gint64 request = crm_ticket_store_record_request (tickets, subject, 1, fixture->client, "Czy jest wolne?", "phone",
                                                        &error);

      g_assert_no_error (error);
      g_assert_true (crm_ticket_store_assign (tickets, request, crm_user_get_id (fixture->user), &error));
      g_assert_true (crm_ticket_store_set (tickets, request, "Pending", NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  /* the first task at once, the second a day later: 62 runs, 31 done */
  id = add_automation (fixture, "Many", CRM_CATCH_UP_LATE, 0, -1, titles);
  g_assert_true (crm_automation_store_activate (store, id, &error));
  g_assert_no_error (error);
  g_assert_true (crm_automation_store_run_pass (store, &pass, NULL, &error));
  g_assert_no_error (error);
  runs = all_runs (fixture, id);
  g_assert_cmpuint (runs->len, ==, 62);
  last = g_ptr_array_index (runs, runs->len - 1);
  last_title = g_strdup_printf ("%s — %u. %s", last->record_label, last->position,
                                crm_automation_kind_label (last->kind));

  page = open_automations_page (fixture, "requests");
  click (GTK_WIDGET (fixture->window), find_tooltip (GTK_WIDGET (page), GTK_TYPE_BUTTON, "Log"));
  log = wait_for_toplevel (CRM_TYPE_AUTOMATION_LOG);
  g_assert_nonnull (log);
  wait_until (log_ready, log);
  crm_test_settle ();
  wait_for_frame (log);

  /* the first page */
  g_assert_cmpuint (crm_automation_log_get_n_rows (CRM_AUTOMATION_LOG (log)), ==, 50);
  list = find_child (log, GTK_TYPE_LIST_BOX, NULL);
  scrolled = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  take_screenshot (log, "automations-log-first-page");

  /* the mouse wheel over the list, turned down until the last row shows
   * (each turn moves the view a little; a bound keeps a broken list
   * from spinning for ever) */
  xid = window_xid (log);
  point_of (log, scrolled, 0.5, 0.5, &x, &y);
  {
    g_autofree char *sx = g_strdup_printf ("%d", x);
    g_autofree char *sy = g_strdup_printf ("%d", y);

    xdotool ("mousemove", "--sync", "--window", xid, sx, sy, NULL);
  }
  for (guint turns = 0; turns < 100; turns++)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      wait_until (log_idle, log);
      crm_test_settle ();
      wait_for_frame (log);
      row = last_row (list);
      if (crm_automation_log_get_n_rows (CRM_AUTOMATION_LOG (log)) == runs->len && row_in_view (scrolled, row) &&
          gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
          gtk_adjustment_get_upper (adjustment) - 1)
        break;
      /* button 5: the wheel turned down */
      xdotool ("click", "--repeat", "5", "--delay", "30", "5", NULL);
    }

  /* all of it, once each, the last run's row at the bottom, in view */
  g_assert_cmpuint (crm_automation_log_get_n_rows (CRM_AUTOMATION_LOG (log)), ==, 62);
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      rows++;
  g_assert_cmpuint (rows, ==, 62);
  row = last_row (list);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, last_title);
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_true (row_in_view (scrolled, row));
  take_screenshot (log, "automations-log-last-page");
  gtk_window_destroy (GTK_WINDOW (log));
}

/* The row of the editor's step at @index. */
static GtkWidget *
step_row (GtkWidget *editor,
          guint      index)
{
  g_autofree char *first = g_strdup_printf ("1. %s", crm_automation_kind_label (CRM_AUTOMATION_STEP_TASK));
  GtkWidget *label = find_label (editor, first);
  GtkWidget *list;
  GtkListBoxRow *row;

  g_assert_nonnull (label);
  list = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX);
  g_assert_nonnull (list);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) index);
  g_assert_nonnull (row);

  return GTK_WIDGET (row);
}

static void
assert_order (GtkWidget          *editor,
              const char * const *titles)
{
  CrmAutomationEditor *self = CRM_AUTOMATION_EDITOR (editor);

  g_assert_cmpuint (crm_automation_editor_get_n_steps (self), ==, g_strv_length ((char **) titles));
  for (guint i = 0; titles[i] != NULL; i++)
    g_assert_cmpstr (crm_automation_editor_get_step (self, i)->task_title, ==, titles[i]);
}

/* The index of the step row with the focus, or -1. */
static int
focused_index (GtkWidget *editor)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (editor));

  if (focus == NULL || !GTK_IS_LIST_BOX_ROW (focus))
    return -1;

  return gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (focus));
}

/* The editor's steps reordered by dragging a row with the mouse (the
 * last onto the top of the first, and the first onto the bottom of
 * another), then with Alt+Down and Alt+Up pressed on the focused row;
 * saved, the store has them in that order. */
static void
test_reorder (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const titles[] = { "A: call", "B: write", "C: visit", "D: offer", NULL };
  g_autoptr(GError) error = NULL;
  CrmAutomationsPage *page;
  GtkWidget *editor;
  gpointer weak;
  gint64 id;
  int x0, y0, x1, y1;

  id = add_automation (fixture, "Reorder", CRM_CATCH_UP_LATE, 1, 9 * 60, titles);
  page = open_automations_page (fixture, "requests");
  click (GTK_WIDGET (fixture->window), find_tooltip (GTK_WIDGET (page), GTK_TYPE_BUTTON, "Edit…"));
  editor = wait_for_toplevel (CRM_TYPE_AUTOMATION_EDITOR);
  g_assert_nonnull (editor);
  wait_until (editor_ready, editor);
  crm_test_settle ();
  wait_for_frame (editor);
  assert_order (editor, titles);

  /* the last row pressed (left of its buttons), dragged onto the upper
   * part of the first: it goes first */
  point_of (editor, step_row (editor, 3), 0.3, 0.5, &x0, &y0);
  point_of (editor, step_row (editor, 0), 0.3, 0.25, &x1, &y1);
  drag_between (editor, x0, y0, x1, y1);
  wait_for_frame (editor);
  assert_order (editor, (const char * const[]) { "D: offer", "A: call", "B: write", "C: visit", NULL });

  /* the first dragged onto the lower part of the third: it goes after it */
  point_of (editor, step_row (editor, 0), 0.3, 0.5, &x0, &y0);
  point_of (editor, step_row (editor, 2), 0.3, 0.75, &x1, &y1);
  drag_between (editor, x0, y0, x1, y1);
  wait_for_frame (editor);
  assert_order (editor, (const char * const[]) { "A: call", "B: write", "D: offer", "C: visit", NULL });
  take_screenshot (editor, "automations-editor-dragged");

  /* the moved row has the focus: Alt+Down moves it down, the focus with it */
  g_assert_cmpint (focused_index (editor), ==, 2);
  xdotool ("key", "alt+Down", NULL);
  crm_test_settle ();
  assert_order (editor, (const char * const[]) { "A: call", "B: write", "C: visit", "D: offer", NULL });
  g_assert_cmpint (focused_index (editor), ==, 3);
  /* Up twice to the second row, Alt+Up moves it first */
  xdotool ("key", "Up", "key", "Up", NULL);
  crm_test_settle ();
  g_assert_cmpint (focused_index (editor), ==, 1);
  xdotool ("key", "alt+Up", NULL);
  crm_test_settle ();
  assert_order (editor, (const char * const[]) { "B: write", "A: call", "C: visit", "D: offer", NULL });
  g_assert_cmpint (focused_index (editor), ==, 0);
  take_screenshot (editor, "automations-editor-reordered");

  /* saved */
  weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  click (editor, find_child (editor, GTK_TYPE_BUTTON, "_Save"));
  wait_until (window_gone, &weak);
  crm_test_settle ();
  wait_until (page_idle, page);
  {
    g_autoptr(CrmAutomation) automation = get_automation (fixture, id);
    static const char * const saved[] = { "B: write", "A: call", "C: visit", "D: offer" };

    g_assert_cmpuint (automation->steps->len, ==, 4);
    for (guint i = 0; i < 4; i++)
      {
        CrmAutomationStep *step = g_ptr_array_index (automation->steps, i);

        g_assert_cmpstr (step->task_title, ==, saved[i]);
        g_assert_cmpuint (step->position, ==, i + 1);
      }
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

  g_test_add ("/automations-ui-more/caught-up", Fixture, NULL, fixture_set_up, test_caught_up, fixture_tear_down);
  g_test_add ("/automations-ui-more/deactivate", Fixture, NULL, fixture_set_up, test_deactivate, fixture_tear_down);
  g_test_add ("/automations-ui-more/log-paging", Fixture, NULL, fixture_set_up, test_log_paging, fixture_tear_down);
  g_test_add ("/automations-ui-more/reorder", Fixture, NULL, fixture_set_up, test_reorder, fixture_tear_down);

  return g_test_run ();
}
