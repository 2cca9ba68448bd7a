/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "crm-test-util.h"
#include "crm-ui-test-util.h"

#include "crm.h"
#include "crm-add-activity-dialog.h"
#include "crm-conversation-row.h"
#include "crm-import-activities-dialog.h"
#include "crm-link-activity-dialog.h"
#include "crm-tickets-page.h"
#include "crm-ticket-view.h"
#include "crm-window.h"

/* Calls and chats in the window (TK6), with the real mouse and keys
 * (xdotool, through the X server): a call linked to a ticket from its
 * menu, shown in its conversation, Undo on the toast; a call entered by
 * hand and linked in one go; a PBX's export imported, what was skipped
 * said. */

typedef struct
{
  char       *dir;
  CrmSession *session;
  CrmUser    *user;
  CrmWindow  *window;
  gint64      client;
  gint64      ticket;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);

  fixture->dir = g_dir_make_tmp ("crm-activities-ui-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->session = crm_session_open_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), "Ewa Nowak", "ewa@example.com",
                                       CRM_ROLE_AGENT, &error), >, 0);
  fixture->user = crm_user_store_find (crm_user_store_from_session (fixture->session), "1", &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, crm_user_get_id (fixture->user));

  crm_contact_set_name (client, "Anna Kowalska");
  crm_contact_set_emails (client, (const char *[]) { "anna@example.com", NULL });
  crm_contact_set_phones (client, (const char *[]) { "+48 601 234 567", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), client, &error));
  fixture->client = crm_contact_get_id (client);
  fixture->ticket = crm_ticket_store_record_request (crm_ticket_store_from_session (fixture->session),
                                                     "Mieszkanie na Mokotowie", 1, fixture->client,
                                                     "Dzwoniła w sprawie mieszkania.", "phone", &error);
  g_assert_no_error (error);

  fixture->window = crm_window_new (NULL, fixture->session, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  crm_window_set_user (fixture->window, fixture->user);
  crm_window_show_page (fixture->window, "tickets");
  gtk_window_present (GTK_WINDOW (fixture->window));
  crm_test_settle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (fixture->dir, "pbx.csv", NULL);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  crm_test_settle ();
  g_clear_object (&fixture->user);
  g_assert_finalize_object (fixture->session);
  g_remove (csv);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
}

static CrmActivityStore *
store (Fixture *fixture)
{
  return crm_activity_store_from_session (fixture->session);
}

/* A call or chat stored as a PBX or crmctl would, @minutes ago. */
static gint64
add_activity (Fixture         *fixture,
              CrmActivityKind  kind,
              gint64           contact_id,
              const char      *phone,
              int              minutes,
              const char      *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmActivity) activity = crm_activity_new (kind, contact_id, phone,
                                                      crm_clock_now_unix (crm_clock_get_default ()) - minutes * 60,
                                                      240, note);
  gint64 id = crm_activity_store_add (store (fixture), activity, 0, NULL, &error);

  g_assert_no_error (error);

  return id;
}

/* The ticket shown, its menu opened with the mouse, @label clicked;
 * returns the ticket's view. */
static GtkWidget *
show_ticket_and_choose (Fixture    *fixture,
                        const char *label)
{
  GtkWidget *view;

  crm_window_show_ticket (fixture->window, fixture->ticket);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  view = find_child (GTK_WIDGET (fixture->window), CRM_TYPE_TICKET_VIEW, NULL);
  choose_from_ticket_menu (GTK_WIDGET (fixture->window), view, label);

  return view;
}

/* The ticket a call or chat is linked to, waited for until it is @ticket. */
static gboolean
wait_for_link (Fixture *fixture,
               gint64   activity_id,
               gint64   ticket)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(CrmActivity) activity = crm_activity_store_get (store (fixture), activity_id, NULL);

      if (activity != NULL && crm_activity_get_ticket_id (activity) == ticket)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }

  return FALSE;
}

/* The conversation's row of a call or chat whose heading begins with @start. */
static GtkWidget *
wait_for_activity_row (GtkWidget  *view,
                       const char *start)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      GtkWidget *first = find_child (view, CRM_TYPE_CONVERSATION_ROW, NULL);

      for (GtkWidget *row = first != NULL ? gtk_widget_get_first_child (gtk_widget_get_parent (first)) : NULL;
           row != NULL; row = gtk_widget_get_next_sibling (row))
        {
          GtkWidget *title = find_child (row, GTK_TYPE_LABEL, NULL);

          if (gtk_widget_has_css_class (row, "ticket-activity") && title != NULL &&
              g_str_has_prefix (gtk_label_get_text (GTK_LABEL (title)), start))
            return row;
        }
      g_main_context_iteration (NULL, TRUE);
    }

  return NULL;
}

/* "Link Call or Chat…" from the ticket's menu: today's call of the
 * client, and one entered with the client's number only, first; the
 * stranger's after them. The client's call chosen with the mouse and
 * linked; the conversation shows it; Undo on the toast unlinks it. */
static void
test_link_call (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *view, *dialog, *first_list, *other_list, *row, *undo;
  gint64 call, by_number, stranger;

  stranger = add_activity (fixture, CRM_ACTIVITY_CALL, 0, "+48 222 333 444", 5, "Pomyłka");
  call = add_activity (fixture, CRM_ACTIVITY_CALL, fixture->client, NULL, 20, "Pyta o termin oglądania");
  by_number = add_activity (fixture, CRM_ACTIVITY_CHAT, 0, "601 234 567", 40, "Czat ze strony");

  view = show_ticket_and_choose (fixture, "_Link Call or Chat…");
  dialog = wait_for_toplevel (CRM_TYPE_LINK_ACTIVITY_DIALOG);
  g_assert_nonnull (dialog);

  /* the client's first, the newest first; the stranger's after them */
  first_list = gtk_widget_get_next_sibling (menu_item (dialog, "Today, with This Client"));
  g_assert_true (GTK_IS_LIST_BOX (first_list));
  g_assert_true (gtk_widget_get_visible (first_list));
  row = gtk_widget_get_first_child (first_list);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Call with Anna Kowalska · 4 min");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_next_sibling (row))), ==,
                   "Chat · 4 min · +48601234567");
  other_list = gtk_widget_get_last_child (gtk_widget_get_parent (first_list));
  g_assert_true (GTK_IS_LIST_BOX (other_list));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_first_child (other_list))), ==,
                   "Call · 4 min · +48222333444");
  (void) stranger;
  (void) by_number;

  click (dialog, row);
  crm_test_settle ();
  wait_for_frame (dialog);
  take_screenshot (dialog, "link-activity-dialog");
  click (dialog, find_child (dialog, GTK_TYPE_BUTTON, "_Link"));
  g_assert_true (wait_for_link (fixture, call, fixture->ticket));

  /* shown in the conversation, with its note; and the system comment */
  row = wait_for_activity_row (view, "Call with Anna Kowalska · 4 min");
  g_assert_nonnull (row);
  g_assert_nonnull (find_child (row, GTK_TYPE_LABEL, NULL));
  undo = wait_for_undo (GTK_WIDGET (fixture->window));
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  take_screenshot (GTK_WIDGET (fixture->window), "link-activity-linked");

  click (GTK_WIDGET (fixture->window), undo);
  g_assert_true (wait_for_link (fixture, call, 0));
}

/* "Add Call or Chat…": the client's number to begin with, the note
 * typed for real; added and linked in one go. A time that is not one
 * is said at once, and Add waits. */
static void
test_add_call (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  GtkWidget *view, *dialog, *when, *note, *add, *hint;
  CrmActivity *activity;

  view = show_ticket_and_choose (fixture, "_Add Call or Chat…");
  dialog = wait_for_toplevel (CRM_TYPE_ADD_ACTIVITY_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_child (dialog, ADW_TYPE_ENTRY_ROW, "Number"))), ==,
                   "+48 601 234 567");
  add = find_child (dialog, GTK_TYPE_BUTTON, "_Add");
  g_assert_true (gtk_widget_get_sensitive (add));

  /* not a time: said, Add waits */
  when = find_child (dialog, ADW_TYPE_ENTRY_ROW, "When");
  gtk_editable_set_text (GTK_EDITABLE (when), "wczoraj");
  crm_test_settle ();
  g_assert_false (gtk_widget_get_sensitive (add));
  hint = menu_item (dialog, "“wczoraj” is not a time: write it as 2026-12-07 09:15, or 09:15 for today.");
  g_assert_nonnull (hint);
  g_assert_true (gtk_widget_get_visible (hint));
  gtk_editable_set_text (GTK_EDITABLE (when), "00:05");
  crm_test_settle ();
  g_assert_true (gtk_widget_get_sensitive (add));
  /* the hint gone, the dialog shrinks back */
  wait_for_natural_height (dialog);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_child (dialog, GTK_TYPE_SPIN_BUTTON, NULL)), 7);
  note = find_child (dialog, GTK_TYPE_TEXT_VIEW, NULL);
  click (dialog, note);
  xdotool ("type", "--delay", "20", "Oddzwonic po 17", NULL);
  crm_test_settle ();
  wait_for_frame (dialog);
  take_screenshot (dialog, "add-activity-dialog");
  click (dialog, add);

  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while ((linked == NULL || linked->len == 0) && g_get_monotonic_time () < deadline)
      {
        g_clear_pointer (&linked, g_ptr_array_unref);
        linked = crm_activity_store_list_for_ticket (store (fixture), fixture->ticket, &error);
        g_assert_no_error (error);
        g_main_context_iteration (NULL, FALSE);
      }
  }
  g_assert_cmpuint (linked->len, ==, 1);
  activity = g_ptr_array_index (linked, 0);
  g_assert_cmpint (crm_activity_get_kind (activity), ==, CRM_ACTIVITY_CALL);
  g_assert_cmpint (crm_activity_get_contact_id (activity), ==, fixture->client);
  g_assert_cmpstr (crm_activity_get_phone (activity), ==, "+48601234567");
  g_assert_cmpint (crm_activity_get_duration (activity), ==, 7 * 60);
  g_assert_cmpstr (crm_activity_get_note (activity), ==, "Oddzwonic po 17");
  g_assert_nonnull (wait_for_activity_row (view, "Call with Anna Kowalska · 7 min · +48601234567"));
  wait_for_frame (GTK_WIDGET (fixture->window));
  take_screenshot (GTK_WIDGET (fixture->window), "add-activity-added");
}

/* "Import Calls and Chats" on the tickets page: the columns said; a
 * PBX's export read and imported off the main loop; the lines skipped
 * said with why. */
static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "pbx.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *page, *button, *dialog, *result;

  g_assert_true (g_file_set_contents (path,
                                      "kind,at,duration,phone,note\n"
                                      "call,2026-12-07T08:00:00Z,125,601 234 567,Z centrali\n"
                                      "fax,2026-12-07T08:10:00Z,30,601 234 567,\n"
                                      "call,wczoraj,30,601 234 567,\n",
                                      -1, NULL));
  page = find_child (GTK_WIDGET (fixture->window), CRM_TYPE_TICKETS_PAGE, NULL);
  button = find_tooltip (page, GTK_TYPE_BUTTON, "Import Calls and Chats: a phone system’s log or a chat’s export");
  g_assert_nonnull (button);
  wait_for_frame (GTK_WIDGET (fixture->window));
  click (GTK_WIDGET (fixture->window), button);
  dialog = wait_for_toplevel (CRM_TYPE_IMPORT_ACTIVITIES_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "contact_email"));
  take_screenshot (dialog, "import-activities-dialog");

  /* the file as the chooser would give it */
  crm_import_activities_dialog_import_file (CRM_IMPORT_ACTIVITIES_DIALOG (dialog), file);
  result = wait_for_toplevel_with_class (ADW_TYPE_MESSAGE_DIALOG, "import-activities-result");
  g_assert_nonnull (result);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (result)), "1 call or chat was imported."));
  {
    GtkWidget *lines = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (result));

    g_assert_true (GTK_IS_LABEL (lines));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (lines)), "Line 3: “fax”"));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (lines)), "Line 4: “wczoraj”"));
  }
  take_screenshot (result, "import-activities-result");
  all = crm_activity_store_list (store (fixture), FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpint (crm_activity_get_contact_id (g_ptr_array_index (all, 0)), ==, fixture->client);
  gtk_window_destroy (GTK_WINDOW (result));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Each dialog made and destroyed leaves nothing behind. */
static void
test_new_destroy (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicket) ticket = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session),
                                                      fixture->ticket, 0, &error);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  GtkWidget *dialogs[3];

  g_assert_no_error (error);
  dialogs[0] = crm_link_activity_dialog_new (NULL, ticket, none, 0);
  dialogs[1] = crm_add_activity_dialog_new (NULL, fixture->session, ticket, NULL);
  dialogs[2] = crm_import_activities_dialog_new (NULL, fixture->session);
  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    {
      g_object_ref_sink (dialogs[i]);
      gtk_window_destroy (GTK_WINDOW (dialogs[i]));
      g_assert_finalize_object (dialogs[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  textdomain (GETTEXT_PACKAGE);
  /* noon today: "today's" calls are today's at any hour the tests run */
  if (g_getenv ("CRM_NOW") == NULL || *g_getenv ("CRM_NOW") == '\0')
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now), 12, 0, 0);
      g_autofree char *text = g_date_time_format_iso8601 (noon);

      g_setenv ("CRM_NOW", text, TRUE);
    }
  adw_init ();
  crm_test_load_style ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  screenshot_dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                     "screenshots", NULL);
  g_mkdir_with_parents (screenshot_dir, 0755);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/activities-ui/link-call", test_link_call);
  ADD ("/activities-ui/add-call", test_add_call);
  ADD ("/activities-ui/import", test_import);
  ADD ("/activities-ui/new-destroy", test_new_destroy);

#undef ADD

  return g_test_run ();
}
