/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <string.h>

#include "crm-test-util.h"
#include "crm-ui-test-util.h"
#include "dunst-test-util.h"

#include "crm.h"
#include "crm-contact-detail.h"
#include "crm-record-tasks.h"
#include "crm-start-page.h"
#include "crm-task-dialog.h"
#include "crm-task-row.h"
#include "crm-task-watch.h"
#include "crm-tasks-portlet.h"
#include "crm-tasks-window.h"
#include "crm-ticket-view.h"
#include "crm-window.h"

/* Tasks in the window (FD5), with the real mouse and keys (xdotool,
 * through the X server): "My Tasks" on the Start page shows the user's
 * open tasks, the overdue one marked; a click on a task's check marks it
 * done, Undo on the toast opens it again; a click on its record opens
 * it; "Add Task…" typed into; "All Tasks…"; the contact card's tasks;
 * and the desktop notification of a task fallen due, through a real
 * notification server (dunst), once. */

/* The label under @root whose text begins with @start. */
static GtkWidget *
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

typedef struct
{
  char       *dir;
  char       *path;
  CrmSession *session;
  CrmUser    *user;
  CrmWindow  *window;
  gint64      colleague;
  gint64      client;
  gint64      overdue;   /* Ewa's, of the client, due an hour ago */
  gint64      later;     /* Ewa's, of none, due in two days */
} Fixture;

static gint64
hours_from_now (double hours)
{
  return g_get_real_time () / G_USEC_PER_SEC + (gint64) (hours * 3600);
}

static gint64
add_task (Fixture    *fixture,
          gint64      user_id,
          const char *title,
          gint64      due,
          const char *module,
          gint64      record_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_task_store_add (crm_task_store_from_session (fixture->session), user_id, title, due, module,
                                  record_id, &error);

  g_assert_no_error (error);

  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);

  fixture->dir = g_dir_make_tmp ("crm-tasks-ui-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->session = crm_session_open_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), "Ewa Nowak", "ewa@example.com",
                                       CRM_ROLE_MANAGER, &error), >, 0);
  fixture->colleague = crm_user_store_add (crm_user_store_from_session (fixture->session), "Jan Kos",
                                           "jan@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  fixture->user = crm_user_store_find (crm_user_store_from_session (fixture->session), "1", &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, crm_user_get_id (fixture->user));

  crm_contact_set_name (client, "Anna Kowalska");
  crm_contact_set_emails (client, (const char *[]) { "anna@example.com", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), client, &error));
  fixture->client = crm_contact_get_id (client);

  fixture->overdue = add_task (fixture, crm_user_get_id (fixture->user), "Oddzwonić do pani Anny", hours_from_now (-1),
                               "contacts", fixture->client);
  fixture->later = add_task (fixture, crm_user_get_id (fixture->user), "Przygotować umowę najmu", hours_from_now (48),
                             NULL, 0);
  add_task (fixture, fixture->colleague, "Zadanie Jana", hours_from_now (24), "contacts", fixture->client);
}

static void
open_window (Fixture *fixture)
{
  fixture->window = crm_window_new (NULL, fixture->session, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 860);
  crm_window_set_user (fixture->window, fixture->user);
  crm_window_show_page (fixture->window, "start");
  /* My Tasks under the greeting, where the mouse reaches it */
  {
    CrmStartPage *start = CRM_START_PAGE (crm_window_get_page_widget (fixture->window, "start"));

    crm_start_page_remove_portlet (start, "offer-mails");
    crm_start_page_remove_portlet (start, "stale-searches");
  }
  gtk_window_present (GTK_WINDOW (fixture->window));
  crm_test_settle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  crm_test_settle ();
  g_clear_object (&fixture->user);
  g_assert_finalize_object (fixture->session);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static CrmTask *
get_task (Fixture *fixture,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  CrmTask *task = crm_task_store_get (crm_task_store_from_session (fixture->session), id, &error);

  g_assert_no_error (error);

  return task;
}

/* Waits until the task is done (or not), as the database says. */
static gboolean
wait_for_done (Fixture  *fixture,
               gint64    id,
               gboolean  done)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(CrmTask) task = get_task (fixture, id);

      if ((crm_task_get_done (task) != 0) == done)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }

  return FALSE;
}

static CrmTasksPortlet *
portlet (Fixture *fixture)
{
  CrmStartPage *start = CRM_START_PAGE (crm_window_get_page_widget (fixture->window, "start"));
  CrmPortlet *found = crm_start_page_get_portlet (start, "tasks");

  g_assert_true (CRM_IS_TASKS_PORTLET (found));

  return CRM_TASKS_PORTLET (found);
}

/* The portlet's row of @id, once it shows it. */
static GtkWidget *
wait_for_row (Fixture *fixture,
              gint64   id)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GtkWidget *row;

  while ((row = crm_tasks_portlet_get_row (portlet (fixture), id)) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return row;
}

/* "My Tasks": Ewa's open tasks, the overdue one first and marked, not
 * Jan's; its check clicked marks it done, Undo opens it again; its
 * record clicked opens the contact. */
static void
test_portlet (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *row, *later_row, *check, *undo, *record;
  GListModel *shown;

  open_window (fixture);
  row = wait_for_row (fixture, fixture->overdue);
  g_assert_nonnull (row);
  shown = crm_tasks_portlet_get_tasks (portlet (fixture));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  later_row = crm_tasks_portlet_get_row (portlet (fixture), fixture->later);
  g_assert_nonnull (later_row);
  g_assert_true (gtk_widget_get_next_sibling (gtk_widget_get_parent (row)) == gtk_widget_get_parent (later_row));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (gtk_widget_get_last_child (gtk_widget_get_first_child (row)))));
  g_assert_false (gtk_widget_is_visible (gtk_widget_get_last_child (gtk_widget_get_first_child (later_row))));
  wait_for_frame (GTK_WIDGET (fixture->window));
  take_screenshot (GTK_WIDGET (fixture->window), "tasks-portlet");

  /* done with a real click; gone from My Tasks; Undo brings it back */
  check = find_child (row, GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_nonnull (check);
  click (GTK_WIDGET (fixture->window), check);
  g_assert_true (wait_for_done (fixture, fixture->overdue, TRUE));
  undo = wait_for_undo (GTK_WIDGET (fixture->window));
  crm_test_settle ();
  g_assert_null (crm_tasks_portlet_get_row (portlet (fixture), fixture->overdue));
  wait_for_frame (GTK_WIDGET (fixture->window));
  take_screenshot (GTK_WIDGET (fixture->window), "tasks-portlet-done");
  click (GTK_WIDGET (fixture->window), undo);
  g_assert_true (wait_for_done (fixture, fixture->overdue, FALSE));
  row = wait_for_row (fixture, fixture->overdue);
  g_assert_nonnull (row);

  /* its record, clicked, opens the contact */
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  record = find_tooltip (row, GTK_TYPE_BUTTON, "Open What the Task Belongs To");
  g_assert_nonnull (record);
  g_assert_true (gtk_widget_get_visible (record));
  click (GTK_WIDGET (fixture->window), record);
  crm_test_settle ();
  g_assert_cmpstr (crm_window_get_page (fixture->window), ==, "contacts");
  {
    CrmContactDetail *detail = CRM_CONTACT_DETAIL (find_child (GTK_WIDGET (fixture->window), CRM_TYPE_CONTACT_DETAIL,
                                                               NULL));
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while ((crm_contact_detail_get_contact (detail) == NULL ||
            crm_contact_get_id (crm_contact_detail_get_contact (detail)) != fixture->client) &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpint (crm_contact_get_id (crm_contact_detail_get_contact (detail)), ==, fixture->client);
  }
}

/* "Add Task…": the title typed for real, for Ewa (the user working),
 * due tomorrow at 09:00 as offered; a time that is not one is said at
 * once and Add waits. */
static void
test_add_dialog (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  GtkWidget *button, *dialog, *title, *due, *add, *hint;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GDateTime) nine = NULL;
  CrmTaskFilter filter = { 0 };
  CrmTask *added = NULL;
  gint64 deadline;

  open_window (fixture);
  g_assert_nonnull (wait_for_row (fixture, fixture->later));
  wait_for_frame (GTK_WIDGET (fixture->window));
  button = find_child (GTK_WIDGET (portlet (fixture)), GTK_TYPE_BUTTON, "Add _Task…");
  g_assert_nonnull (button);
  click (GTK_WIDGET (fixture->window), button);
  dialog = wait_for_toplevel (CRM_TYPE_TASK_DIALOG);
  g_assert_nonnull (dialog);
  add = find_child (dialog, GTK_TYPE_BUTTON, "_Add");
  g_assert_false (gtk_widget_get_sensitive (add));

  title = find_child (dialog, ADW_TYPE_ENTRY_ROW, "What to Do");
  click (dialog, title);
  xdotool ("type", "--delay", "20", "Zadzwonic do banku", NULL);
  crm_test_settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Zadzwonic do banku");
  g_assert_true (gtk_widget_get_sensitive (add));

  /* not a time: said, Add waits; then the offered one again */
  due = find_child (dialog, ADW_TYPE_ENTRY_ROW, "Due");
  {
    g_autofree char *offered = g_strdup (gtk_editable_get_text (GTK_EDITABLE (due)));

    g_assert_true (g_str_has_suffix (offered, " 09:00"));
    gtk_editable_set_text (GTK_EDITABLE (due), "jutro");
    crm_test_settle ();
    g_assert_false (gtk_widget_get_sensitive (add));
    hint = find_label (dialog, "“jutro” is not a time");
    g_assert_nonnull (hint);
    g_assert_true (gtk_widget_get_visible (hint));
    gtk_editable_set_text (GTK_EDITABLE (due), offered);
    crm_test_settle ();
  }
  g_assert_true (gtk_widget_get_sensitive (add));
  /* the hint gone, the dialog shrinks back */
  wait_for_natural_height (dialog);
  take_screenshot (dialog, "task-dialog");
  click (dialog, add);

  filter.user_id = crm_user_get_id (fixture->user);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (added == NULL && g_get_monotonic_time () < deadline)
    {
      g_clear_pointer (&tasks, g_ptr_array_unref);
      tasks = crm_task_store_list (crm_task_store_from_session (fixture->session), &filter, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < tasks->len; i++)
        if (g_strcmp0 (crm_task_get_title (g_ptr_array_index (tasks, i)), "Zadzwonic do banku") == 0)
          added = g_ptr_array_index (tasks, i);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_nonnull (added);
  g_assert_null (crm_task_get_record_module (added));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    tomorrow = g_date_time_add_days (now, 1);
  }
  nine = g_date_time_new_local (g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                                g_date_time_get_day_of_month (tomorrow), 9, 0, 0);
  g_assert_cmpint (crm_task_get_due (added), ==, g_date_time_to_unix (nine));
  g_assert_cmpint (crm_task_get_created_by_id (added), ==, crm_user_get_id (fixture->user));
  g_assert_nonnull (wait_for_row (fixture, crm_task_get_id (added)));
}

/* The contact card: its tasks, everyone's, with "Add Task…" for it. */
static void
test_contact_card (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *detail, *tasks, *button, *dialog, *record_row;
  gint64 deadline;

  g_assert_true (crm_task_store_set_done (crm_task_store_from_session (fixture->session), fixture->overdue, &error));
  g_assert_no_error (error);
  open_window (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-contact", "x", fixture->client);
  crm_test_settle ();
  detail = find_child (GTK_WIDGET (fixture->window), CRM_TYPE_CONTACT_DETAIL, NULL);
  tasks = find_child (detail, CRM_TYPE_RECORD_TASKS, NULL);
  g_assert_nonnull (tasks);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (crm_record_tasks_get_tasks (CRM_RECORD_TASKS (tasks))) < 2 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (crm_record_tasks_get_tasks (CRM_RECORD_TASKS (tasks))), ==, 2);
  {
    g_autoptr(CrmTask) first = g_list_model_get_item (crm_record_tasks_get_tasks (CRM_RECORD_TASKS (tasks)), 0);
    g_autoptr(CrmTask) second = g_list_model_get_item (crm_record_tasks_get_tasks (CRM_RECORD_TASKS (tasks)), 1);

    /* Jan's, open; Ewa's, done */
    g_assert_cmpstr (crm_task_get_title (first), ==, "Zadanie Jana");
    g_assert_cmpint (crm_task_get_id (second), ==, fixture->overdue);
    g_assert_cmpint (crm_task_get_done (second), !=, 0);
  }
  gtk_widget_grab_focus (tasks);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  take_screenshot (GTK_WIDGET (fixture->window), "tasks-contact-card");

  button = find_tooltip (tasks, GTK_TYPE_BUTTON, "Add a Task for This Record");
  g_assert_nonnull (button);
  click (GTK_WIDGET (fixture->window), button);
  dialog = wait_for_toplevel (CRM_TYPE_TASK_DIALOG);
  g_assert_nonnull (dialog);
  record_row = find_child (dialog, ADW_TYPE_ACTION_ROW, "Belongs To");
  g_assert_true (gtk_widget_get_visible (record_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (record_row)), ==, "Contact · Anna Kowalska");
  take_screenshot (dialog, "task-dialog-contact");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Beside a ticket: its tasks, with "Add Task…" for it. */
static void
test_ticket_panel (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *view, *tasks;
  gint64 ticket, deadline;

  ticket = crm_ticket_store_record_request (crm_ticket_store_from_session (fixture->session), "Mieszkanie na Mokotowie",
                                            1, fixture->client, "Czy jest wolne?", "phone", &error);
  g_assert_no_error (error);
  add_task (fixture, fixture->colleague, "Umówić oglądanie", hours_from_now (3), "tickets", ticket);
  open_window (fixture);
  crm_window_show_ticket (fixture->window, ticket);
  crm_test_settle ();
  view = find_child (GTK_WIDGET (fixture->window), CRM_TYPE_TICKET_VIEW, NULL);
  tasks = find_child (view, CRM_TYPE_RECORD_TASKS, NULL);
  g_assert_nonnull (tasks);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (crm_record_tasks_get_tasks (CRM_RECORD_TASKS (tasks))) < 1 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (crm_record_tasks_get_tasks (CRM_RECORD_TASKS (tasks))), ==, 1);
  g_assert_nonnull (find_tooltip (tasks, GTK_TYPE_BUTTON, "Add a Task for This Record"));
  wait_for_frame (GTK_WIDGET (fixture->window));
  take_screenshot (GTK_WIDGET (fixture->window), "tasks-ticket-panel");
}

/* "All Tasks…": a manager's, Ewa's open ones first; everyone's, open
 * and done. */
static void
test_all_tasks (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *button, *window;
  GListModel *list;

  g_assert_true (crm_task_store_set_done (crm_task_store_from_session (fixture->session), fixture->later, &error));
  g_assert_no_error (error);
  open_window (fixture);
  g_assert_nonnull (wait_for_row (fixture, fixture->overdue));
  wait_for_frame (GTK_WIDGET (fixture->window));
  button = find_child (GTK_WIDGET (portlet (fixture)), GTK_TYPE_BUTTON, "_All Tasks…");
  g_assert_nonnull (button);
  click (GTK_WIDGET (fixture->window), button);
  window = wait_for_toplevel (CRM_TYPE_TASKS_WINDOW);
  g_assert_nonnull (window);
  list = crm_tasks_window_get_list (CRM_TASKS_WINDOW (window));
  g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (list), 10000));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  crm_tasks_window_show (CRM_TASKS_WINDOW (window), 0, FALSE, FALSE);
  g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (list), 10000));
  crm_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  {
    g_autoptr(CrmTask) last = g_list_model_get_item (list, 2);

    g_assert_cmpint (crm_task_get_id (last), ==, fixture->later);
  }
  wait_for_frame (window);
  take_screenshot (window, "tasks-window");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Each templated widget made and destroyed leaves nothing behind. */
static void
test_new_destroy (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *widgets[3];
  GtkWidget *windows[2];

  widgets[0] = crm_task_row_new ();
  widgets[1] = g_object_new (CRM_TYPE_RECORD_TASKS, NULL);
  widgets[2] = g_object_new (CRM_TYPE_TASKS_PORTLET, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      g_object_ref_sink (widgets[i]);
      g_assert_finalize_object (widgets[i]);
    }

  windows[0] = crm_task_dialog_new (window, fixture->session, "contacts", fixture->client, "Contact · Anna Kowalska");
  windows[1] = crm_tasks_window_new (NULL, fixture->session, fixture->user);
  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      g_object_ref (windows[i]);
      gtk_window_destroy (GTK_WINDOW (windows[i]));
      crm_test_settle ();
      g_assert_finalize_object (windows[i]);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Desktop notifications, through dunst on the run's display and bus */

static void
activate_cb (GApplication *application)
{
}

/* the overdue task's summary as dunstctl's history gives it */
#define SUMMARY "\"data\" : \"Oddzwonić do pani Anny\""

/* A task fallen due is told once, on the window's user's desktop, by
 * the watch the application makes; told again neither by a second
 * check, nor by a watch after a restart; the watch waits for the next
 * due time, not a second more than a minute. */
static void
test_notified (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) dunst = start_dunst ();
  g_autoptr(GtkApplication) application = NULL;
  g_autoptr(CrmTaskWatch) watch = NULL;
  g_autoptr(CrmSession) restarted = NULL;
  g_autofree char *history = NULL;
  gint64 deadline;

  application = gtk_application_new ("org.example.Crm.TasksTest", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (application, "activate", G_CALLBACK (activate_cb), NULL);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  open_window (fixture);
  gtk_window_set_application (GTK_WINDOW (fixture->window), application);
  crm_test_settle ();

  watch = crm_task_watch_new (application, fixture->session);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      g_clear_pointer (&history, g_free);
      crm_test_settle ();
      history = dunst_history ();
    }
  while (count_in (history, SUMMARY) == 0 && g_get_monotonic_time () < deadline);
  g_test_message ("%s", history);
  g_assert_cmpuint (count_in (history, SUMMARY), ==, 1);
  g_assert_nonnull (strstr (history, "Contact · Anna Kowalska"));
  g_assert_cmpuint (count_in (history, "Przygotować umowę najmu"), ==, 0);
  g_assert_cmpuint (count_in (history, "Zadanie Jana"), ==, 0);
  {
    g_autoptr(CrmTask) told = get_task (fixture, fixture->overdue);

    g_assert_cmpint (crm_task_get_notified (told), >, 0);
  }
  /* the next is two days away: a minute at most */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (crm_task_watch_get_delay (watch) != 60 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (crm_task_watch_get_delay (watch), ==, 60);

  /* a task due in twenty seconds: the watch waits for it, no longer */
  add_task (fixture, crm_user_get_id (fixture->user), "Za chwilę", hours_from_now (20.0 / 3600), NULL, 0);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (crm_task_watch_get_delay (watch) > 20 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (crm_task_watch_get_delay (watch), <=, 20);
  g_assert_cmpuint (crm_task_watch_get_delay (watch), >, 0);

  /* once: checked again, and by a desktop started again */
  crm_task_watch_check (watch);
  crm_test_settle ();
  g_clear_object (&watch);
  restarted = crm_session_open_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  watch = crm_task_watch_new (application, restarted);
  crm_task_watch_check (watch);
  crm_test_settle ();
  g_usleep (500 * 1000);
  crm_test_settle ();
  g_clear_pointer (&history, g_free);
  history = dunst_history ();
  g_assert_cmpuint (count_in (history, SUMMARY), ==, 1);

  /* the notification's click: the task's record */
  crm_window_show_page (fixture->window, "start");
  crm_task_watch_open_task (watch, fixture->overdue);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_strcmp0 (crm_window_get_page (fixture->window), "contacts") != 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (crm_window_get_page (fixture->window), ==, "contacts");

  g_clear_object (&watch);
  crm_test_settle ();
  g_assert_finalize_object (g_steal_pointer (&restarted));
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  crm_test_settle ();
  g_subprocess_send_signal (dunst, SIGTERM);
  g_subprocess_wait (dunst, NULL, NULL);
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

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/tasks-ui/portlet", test_portlet);
  ADD ("/tasks-ui/add-dialog", test_add_dialog);
  ADD ("/tasks-ui/contact-card", test_contact_card);
  ADD ("/tasks-ui/ticket-panel", test_ticket_panel);
  ADD ("/tasks-ui/all-tasks", test_all_tasks);
  ADD ("/tasks-ui/new-destroy", test_new_destroy);
  ADD ("/tasks-ui/notified", test_notified);

#undef ADD

  return g_test_run ();
}
