/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "crm.h"
#include "crm-demo.h"
#include "crm-application.h"
#include "crm-contact-detail.h"
#include "crm-contact-editor.h"
#include "crm-contacts-page.h"
#include "crm-empty-page.h"
#include "crm-preferences-window.h"
#include "crm-setup-page.h"
#include "crm-start-page.h"
#include "crm-ticket-settings-page.h"
#include "crm-toast.h"
#include "crm-user-chooser.h"
#include "crm-window.h"
#include "crm-database-chooser.h"

/*
 * The application in a real window (under Xvfb in `meson test`): first
 * run, every page, a contact created through the form, with a PNG
 * screenshot of each step in the build directory.
 */

#include "crm-test-util.h"
#include "crm-ui-test-util.h"

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static void
type_into (GtkWidget  *root,
           const char *title,
           const char *text)
{
  GtkWidget *row = find_child (root, ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

typedef struct
{
  char           *data_dir;
  CrmApplication *app;
  gboolean        done;
} UiFixture;

/* A label showing exactly @text. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The stack of the first-run page and the user chooser. */
static GtkWidget *
find_main_stack (GtkWidget *root)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_child_by_name (GTK_STACK (root), "users") != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_main_stack (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
run_scenario (UiFixture *fixture)
{
  CrmWindow *window = CRM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)));
  CrmSession *session = crm_application_get_session (fixture->app);
  static const char *pages[] = {
    "start", "tickets", "contacts", "offers", "searches", "referrals", "automations", "dashboard",
  };
  GtkWidget *setup;
  GtkWidget *main_stack;
  CrmContactsPage *contacts_page;
  CrmContactEditor *editor;
  CrmContact *selected;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *prefs;
  gint64 anna_id;

  g_assert_true (CRM_IS_WINDOW (window));
  g_assert_true (CRM_IS_SESSION (session));
  main_stack = find_main_stack (GTK_WIDGET (window));
  g_assert_nonnull (main_stack);

  /* First run: nobody exists, the window asks for the first administrator. */
  g_assert_cmpuint (crm_user_store_count (crm_user_store_from_session (session)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (main_stack)), ==, "setup");
  setup = find_child (GTK_WIDGET (window), CRM_TYPE_SETUP_PAGE, NULL);
  take_screenshot (GTK_WIDGET (window), "setup");

  /* A wrong address is refused with a message, and nothing is created. */
  type_into (setup, "Full Name", "Ewa Kowalska");
  type_into (setup, "E-mail Address", "ewa-at-example");
  gtk_widget_activate_action (setup, "setup.create", NULL);
  g_assert_cmpuint (crm_user_store_count (crm_user_store_from_session (session)), ==, 0);
  g_assert_null (crm_window_get_user (window));
  take_screenshot (GTK_WIDGET (window), "setup-error");

  type_into (setup, "E-mail Address", "ewa@example.com");
  gtk_widget_activate_action (setup, "setup.create", NULL);
  crm_test_settle ();
  g_assert_cmpuint (crm_user_store_count (crm_user_store_from_session (session)), ==, 1);
  g_assert_nonnull (crm_window_get_user (window));
  g_assert_cmpint (crm_user_get_role (crm_window_get_user (window)), ==, CRM_ROLE_ADMIN);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (main_stack)), ==, "work");

  /* Every page of the sidebar. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strconcat ("page-", pages[i], NULL);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i]);
      g_assert_cmpstr (crm_window_get_page (window), ==, pages[i]);
      take_screenshot (GTK_WIDGET (window), name);
    }

  /* Ctrl+N: a new contact through the form. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-contact", NULL);
  g_assert_cmpstr (crm_window_get_page (window), ==, "contacts");
  editor = CRM_CONTACT_EDITOR (find_toplevel (CRM_TYPE_CONTACT_EDITOR));
  g_assert_nonnull (editor);

  type_into (GTK_WIDGET (editor), "Name", "Anna Nowak");
  type_into (GTK_WIDGET (editor), "Company", "Żabka Nieruchomości");
  type_into (GTK_WIDGET (editor), "E-mail Address", "anna.nowak@@example");
  type_into (GTK_WIDGET (editor), "Phone Number", "601 234 567");
  type_into (GTK_WIDGET (editor), "Tags, Separated by Commas", "vip, Kraków");

  /* invalid: stays open, says why, nothing stored */
  g_assert_false (crm_contact_editor_save (editor));
  g_assert_nonnull (crm_contact_editor_get_error (editor));
  g_assert_true (strstr (crm_contact_editor_get_error (editor), "anna.nowak@@example") != NULL);
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (session)), ==, 0);
  take_screenshot (GTK_WIDGET (editor), "editor-error");

  type_into (GTK_WIDGET (editor), "E-mail Address", "Anna.Nowak@Example.com");
  take_screenshot (GTK_WIDGET (editor), "editor");
  g_assert_true (crm_contact_editor_save (editor));
  crm_test_settle ();
  g_assert_null (find_toplevel (CRM_TYPE_CONTACT_EDITOR));

  /* The person and the company exist, found by address and by phone. */
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (session)), ==, 2);
  found = crm_contact_store_find_by_email (crm_contact_store_from_session (session), "anna.nowak@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);
  found = crm_contact_store_find_by_phone (crm_contact_store_from_session (session), "+48 601-234-567", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);

  contacts_page = CRM_CONTACTS_PAGE (crm_window_get_page_widget (CRM_WINDOW (window), "contacts"));
  take_screenshot (GTK_WIDGET (window), "contacts");
  selected = crm_contacts_page_get_selected (contacts_page);
  g_assert_nonnull (selected);
  g_assert_cmpstr (crm_contact_get_name (selected), ==, "Anna Nowak");
  g_assert_cmpstr (crm_contact_get_company_name (selected), ==, "Żabka Nieruchomości");
  anna_id = crm_contact_get_id (selected);

  /* Search as you type: by company word, accent-insensitive. */
  crm_contacts_page_set_search (contacts_page, "zabka");
  crm_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_contacts_page_get_list (contacts_page))), ==, 2);
  crm_contacts_page_set_search (contacts_page, "nowak anna");
  crm_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_contacts_page_get_list (contacts_page))), ==, 1);
  take_screenshot (GTK_WIDGET (window), "contacts-search");
  crm_contacts_page_set_search (contacts_page, "nobody-has-this");
  crm_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_contacts_page_get_list (contacts_page))), ==, 0);
  take_screenshot (GTK_WIDGET (window), "contacts-no-results");
  crm_contacts_page_set_search (contacts_page, NULL);
  crm_test_settle ();

  /* Edit the selected contact: a second phone number */
  crm_contacts_page_select (contacts_page, anna_id);
  g_assert_cmpint (crm_contact_get_id (crm_contacts_page_get_selected (contacts_page)), ==, anna_id);
  gtk_widget_activate_action (GTK_WIDGET (contacts_page), "contacts.edit", NULL);
  editor = CRM_CONTACT_EDITOR (find_toplevel (CRM_TYPE_CONTACT_EDITOR));
  g_assert_nonnull (editor);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-phone", NULL);
  {
    GtkWidget *rows = find_child (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "Phone Number");
    GtkWidget *second = NULL;

    /* the new row is the second "Phone Number" row */
    for (GtkWidget *w = gtk_widget_get_next_sibling (rows); w != NULL; w = gtk_widget_get_next_sibling (w))
      if (ADW_IS_ENTRY_ROW (w))
        {
          second = w;
          break;
        }
    g_assert_nonnull (second);
    gtk_editable_set_text (GTK_EDITABLE (second), "+36 30 123 4567");
  }
  g_assert_true (crm_contact_editor_save (editor));
  crm_test_settle ();
  g_clear_object (&found);
  found = crm_contact_store_find_by_phone (crm_contact_store_from_session (session), "+36301234567", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  take_screenshot (GTK_WIDGET (window), "contacts-edited");

  /* Delete the company, after confirming; its person stays */
  crm_contacts_page_set_search (contacts_page, "zabka");
  crm_test_settle ();
  crm_contacts_page_select (contacts_page, crm_contact_get_company_id (crm_contacts_page_get_selected (contacts_page)));
  g_assert_cmpint (crm_contact_get_kind (crm_contacts_page_get_selected (contacts_page)), ==, CRM_CONTACT_COMPANY);
  gtk_widget_activate_action (GTK_WIDGET (contacts_page), "contacts.delete", NULL);
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

    g_assert_nonnull (dialog);
    take_screenshot (GTK_WIDGET (dialog), "delete-dialog");
    adw_message_dialog_response (dialog, "delete");
  }
  crm_test_settle ();
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (session)), ==, 1);
  crm_contacts_page_set_search (contacts_page, NULL);
  crm_test_settle ();
  take_screenshot (GTK_WIDGET (window), "contacts-deleted");

  /* Preferences */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  prefs = find_toplevel (CRM_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  take_screenshot (GTK_WIDGET (prefs), "preferences");
  gtk_window_destroy (prefs);

  /* Switching user goes back to "who is working" */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-user", NULL);
  g_assert_null (crm_window_get_user (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (main_stack)), ==, "users");
  take_screenshot (GTK_WIDGET (window), "users");

  fixture->done = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
}

static void
activate_cb (GApplication *app,
             UiFixture    *fixture)
{
  GtkWindow *first = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkWidget *chooser;
  GtkWidget *local;

  /* A new desktop asks where the office's work is kept: this computer */
  g_assert_nonnull (first);
  g_assert_false (CRM_IS_WINDOW (first));
  chooser = find_child (GTK_WIDGET (first), CRM_TYPE_DATABASE_CHOOSER, NULL);
  g_assert_nonnull (chooser);
  g_assert_true (crm_application_is_first_run (CRM_APPLICATION (app)));
  take_screenshot (GTK_WIDGET (first), "first-run-where");
  local = find_child (chooser, ADW_TYPE_ACTION_ROW, "_Just This Computer");
  g_assert_nonnull (local);
  g_signal_emit_by_name (local, "activated");
  crm_test_settle ();

  run_scenario (fixture);
}

static void
test_first_run (void)
{
  UiFixture fixture = { 0 };
  char *argv[] = { (char *) "crm", NULL };
  int status;

  fixture.data_dir = g_dir_make_tmp ("crm-ui-XXXXXX", NULL);
  g_assert_nonnull (fixture.data_dir);
  g_setenv ("CRM_DATA_DIR", fixture.data_dir, TRUE);

  fixture.app = crm_application_new ();
  g_application_set_flags (G_APPLICATION (fixture.app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (fixture.app, "activate", G_CALLBACK (activate_cb), &fixture);

  status = g_application_run (G_APPLICATION (fixture.app), 1, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (fixture.done);

  g_assert_finalize_object (fixture.app);
  g_free (fixture.data_dir);
}

/* Preferences › Tickets: queues, response times, statuses, categories */
static void
test_ticket_settings (void)
{
  g_autofree char *dir = g_dir_make_tmp ("crm-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crm.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = crm_session_open_file (path, NULL, &error);
  g_autoptr(CrmUser) admin = NULL;
  g_autoptr(CrmUser) agent = NULL;
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(GPtrArray) times = NULL;
  CrmPreferencesWindow *prefs;
  CrmTicketSettingsPage *page;
  GtkWidget *entry;
  GtkWidget *row;
  GtkWidget *spin;
  gint64 template_id, chosen = 0;

  g_assert_no_error (error);
  crm_user_store_add (crm_user_store_from_session (session), "Ewa", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  crm_user_store_add (crm_user_store_from_session (session), "Jan", "jan@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  admin = crm_user_store_find (crm_user_store_from_session (session), "ewa@example.com", &error);
  agent = crm_user_store_find (crm_user_store_from_session (session), "jan@example.com", &error);

  template_id = crm_template_store_add (crm_template_store_from_session (session), "Połączone sprawy",
                                        "Sprawa #{merged_ticket_number} jest teraz w #{ticket_number}.", &error);
  g_assert_no_error (error);
  prefs = crm_preferences_window_new (session, admin);
  page = CRM_TICKET_SETTINGS_PAGE (find_child (GTK_WIDGET (prefs), CRM_TYPE_TICKET_SETTINGS_PAGE, NULL));
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (prefs));

  /* a queue: refused without a name, then added; its mail may reopen */
  entry = find_child (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, "New queue");
  g_assert_false (crm_ticket_settings_page_add_queue (page));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Serwis");
  g_assert_true (crm_ticket_settings_page_add_queue (page));
  crm_test_settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  row = find_child (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, "Serwis");
  g_assert_nonnull (row);
  gtk_switch_set_active (GTK_SWITCH (find_child (row, GTK_TYPE_SWITCH, NULL)), TRUE);
  crm_test_settle ();
  queues = crm_ticket_store_list_queues (crm_ticket_store_from_session (session), &error);
  for (guint i = 0; i < queues->len; i++)
    {
      CrmQueueInfo *queue = g_ptr_array_index (queues, i);

      g_assert_cmpstr (queue->closed_mail, ==, g_str_equal (queue->name, "Serwis") ? "reopen" : "new");
    }

  /* half an hour to answer an urgent ticket; resolving cannot be quicker */
  row = find_child (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, "Urgent");
  spin = find_child (row, GTK_TYPE_SPIN_BUTTON, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0.5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_next_sibling (spin)), 0.25);
  crm_test_settle ();
  times = crm_ticket_store_list_priority_times (crm_ticket_store_from_session (session), &error);
  for (guint i = 0; i < times->len; i++)
    {
      CrmPriorityInfo *priority = g_ptr_array_index (times, i);

      if (g_str_equal (priority->name, "Urgent"))
        {
          g_assert_cmpint (priority->response_minutes, ==, 30);
          g_assert_cmpint (priority->resolution_minutes, ==, 240);
        }
    }

  /* the office's own status and a category */
  gtk_editable_set_text (GTK_EDITABLE (find_child (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, "New status")),
                         "Czeka na części");
  g_assert_true (crm_ticket_settings_page_add_status (page));
  crm_test_settle ();
  g_assert_nonnull (find_child (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, "Czeka na części"));
  gtk_editable_set_text (GTK_EDITABLE (find_child (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, "New category")),
                         "Reklamacja");
  g_assert_true (crm_ticket_settings_page_add_category (page));
  gtk_editable_set_text (GTK_EDITABLE (find_child (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, "New category")),
                         "reklamacja");
  /* the same name again: kept once */
  g_assert_true (crm_ticket_settings_page_add_category (page));
  crm_test_settle ();
  {
    g_auto(GStrv) statuses = crm_ticket_store_list_statuses (crm_ticket_store_from_session (session), &error);
    g_auto(GStrv) categories = crm_ticket_store_list_categories (crm_ticket_store_from_session (session), &error);

    g_assert_cmpstr (statuses[3], ==, "Czeka na części");
    g_assert_cmpuint (g_strv_length (categories), ==, 1);
  }
  /* why clients do not buy (RQ9): offered when a request closes so */
  gtk_editable_set_text (GTK_EDITABLE (find_child (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, "New reason")),
                         "Za drogo");
  g_assert_true (crm_ticket_settings_page_add_reason (page));
  crm_test_settle ();
  g_assert_nonnull (find_child (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, "Za drogo"));
  {
    g_auto(GStrv) reasons = crm_ticket_store_list_close_reasons (crm_ticket_store_from_session (session), &error);

    g_assert_cmpstrv (reasons, ((const char *[]) { "Za drogo", NULL }));
  }
  /* the no-reply reminder's days (RQ12) */
  {
    GtkWidget *days = find_child (find_child (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, "Days Without an Answer"),
                                  GTK_TYPE_SPIN_BUTTON, NULL);

    g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (days)), ==, 3);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (days), 5);
    crm_test_settle ();
    g_assert_cmpuint (crm_ticket_store_get_no_answer_days (crm_ticket_store_from_session (session)), ==, 5);
  }
  /* the notice of a merge (TK19): told by default, in the office's template */
  {
    GtkWidget *notify = find_child (find_child (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, "Tell the Client by Default"),
                                    GTK_TYPE_SWITCH, NULL);
    GtkWidget *text = find_child (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW, "Notice Text");

    g_assert_false (gtk_switch_get_active (GTK_SWITCH (notify)));
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (text)), ==, 0);
    adw_combo_row_set_selected (ADW_COMBO_ROW (text), 1);
    gtk_switch_set_active (GTK_SWITCH (notify), TRUE);
    crm_test_settle ();
    g_assert_true (crm_ticket_store_get_merge_notice (crm_ticket_store_from_session (session), &chosen));
    g_assert_cmpint (chosen, ==, template_id);
  }
  take_screenshot (GTK_WIDGET (prefs), "preferences-tickets");

  /* the office's day counts for offers and searches (OF6, OF10) */
  row = find_child (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, "Days a Search Takes Part in Matching");
  g_assert_nonnull (row);
  spin = find_child (row, GTK_TYPE_SPIN_BUTTON, NULL);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 60);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 45);
  crm_test_settle ();
  g_assert_cmpuint (crm_offer_store_get_match_days (crm_offer_store_from_session (session)), ==, 45);
  g_assert_cmpuint (crm_offer_store_get_stale_days (crm_offer_store_from_session (session)), ==, 30);
  g_assert_false (crm_offer_store_set_days (crm_offer_store_from_session (session), 0, 30, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (crm_offer_store_get_match_days (crm_offer_store_from_session (session)), ==, 45);
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* an agent sees them and changes nothing */
  prefs = crm_preferences_window_new (session, agent);
  page = CRM_TICKET_SETTINGS_PAGE (find_child (GTK_WIDGET (prefs), CRM_TYPE_TICKET_SETTINGS_PAGE, NULL));
  /* the queues come from a worker */
  crm_test_settle ();
  g_assert_false (gtk_widget_get_sensitive (find_child (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, "New queue")));
  g_assert_false (gtk_widget_get_sensitive (find_child (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, "New reason")));
  g_assert_false (gtk_widget_get_sensitive (find_child (find_child (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW,
                                                                    "Days Without an Answer"),
                                                        GTK_TYPE_SPIN_BUTTON, NULL)));
  g_assert_false (gtk_widget_get_sensitive (find_child (GTK_WIDGET (page), GTK_TYPE_SWITCH, NULL)));
  g_assert_false (gtk_widget_is_sensitive (find_child (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW,
                                                       "Days a Search Takes Part in Matching")));
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* a client's manager: an administrator changes it, an agent does not (RQ3) */
  {
    g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);
    CrmContactEditor *editor;

    crm_contact_set_name (client, "Anna Kowalska");
    crm_contact_set_manager_id (client, crm_user_get_id (admin));
    g_assert_true (crm_contact_store_save (crm_contact_store_from_session (session), client, &error));
    crm_session_set_user_id (session, crm_user_get_id (agent));
    editor = crm_contact_editor_new (session, client);
    g_assert_false (gtk_widget_get_sensitive (find_child (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, "Manager")));
    gtk_window_destroy (GTK_WINDOW (editor));
    crm_session_set_user_id (session, crm_user_get_id (admin));
    editor = crm_contact_editor_new (session, client);
    g_assert_true (gtk_widget_get_sensitive (find_child (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, "Manager")));
    gtk_window_destroy (GTK_WINDOW (editor));
  }

  g_clear_object (&session);
  crm_test_remove_data_dir (dir);
}

static void
test_widgets_finalize (void)
{
  g_autofree char *dir = g_dir_make_tmp ("crm-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crm.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = crm_session_open_file (path, NULL, &error);
  g_autoptr(CrmUser) user = NULL;
  GType types[] = {
    CRM_TYPE_EMPTY_PAGE, CRM_TYPE_SETUP_PAGE, CRM_TYPE_USER_CHOOSER, CRM_TYPE_START_PAGE,
    CRM_TYPE_CONTACTS_PAGE, CRM_TYPE_CONTACT_DETAIL, CRM_TYPE_TICKET_SETTINGS_PAGE,
  };
  GtkWidget *window;

  g_assert_no_error (error);
  crm_user_store_add (crm_user_store_from_session (session), "Ewa", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  user = crm_user_store_find (crm_user_store_from_session (session), "ewa@example.com", &error);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *widget = g_object_ref_sink (g_object_new (types[i], NULL));

      if (CRM_IS_CONTACTS_PAGE (widget))
        crm_contacts_page_set_session (CRM_CONTACTS_PAGE (widget), session);
      g_assert_finalize_object (widget);
    }

  /* a toast shows any text as written: libadwaita 1.2 reads titles as markup */
  {
    g_autoptr(AdwToast) toast = g_object_ref_sink (crm_toast_new ("Smith & Sons <b>"));

    g_assert_cmpstr (adw_toast_get_title (toast), ==, "Smith &amp; Sons &lt;b&gt;");
  }

  window = GTK_WIDGET (crm_contact_editor_new (session, NULL));
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  window = GTK_WIDGET (crm_preferences_window_new (session, user));
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static gboolean
label_in_tree (GtkWidget  *root,
               const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_in_tree (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
label_holding (GtkWidget  *root,
               const char *part)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), part) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_holding (child, part))
      return TRUE;

  return FALSE;
}

/* A well-filled address book, as an office has it: the list, a
 * selected person and the search. */
static void
test_demo_data (void)
{
  g_autofree char *dir = g_dir_make_tmp ("crm-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crm.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmUser) user = NULL;
  CrmContactsPage *page;
  CrmContact *selected;
  CrmWindow *window;

  session = crm_session_open_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (crm_demo_generate_contacts (session, 500, 7, &error));
  g_assert_no_error (error);
  user = crm_user_store_find (crm_user_store_from_session (session), "1", &error);
  g_assert_no_error (error);

  window = crm_window_new (NULL, session, NULL);
  crm_window_set_user (window, user);
  crm_window_show_page (window, "contacts");
  gtk_window_present (GTK_WINDOW (window));

  page = CRM_CONTACTS_PAGE (crm_window_get_page_widget (CRM_WINDOW (window), "contacts"));
  crm_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_contacts_page_get_list (page))), ==, 500);

  wait_for_frame (GTK_WIDGET (window));

  /* a person with a company, picked by position without reading the rows before */
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(CrmContact) contact = g_list_model_get_item (G_LIST_MODEL (crm_contacts_page_get_list (page)), i);

      if (i >= 5 && crm_contact_get_company_name (contact) != NULL)
        {
          crm_contacts_page_select (page, crm_contact_get_id (contact));
          break;
        }
    }
  selected = crm_contacts_page_get_selected (page);
  g_assert_nonnull (selected);
  g_assert_nonnull (crm_contact_get_company_name (selected));
  /* the list view settles its scroll position over a couple of frames */
  wait_for_frame (GTK_WIDGET (window));
  wait_for_frame (GTK_WIDGET (window));
  take_screenshot (GTK_WIDGET (window), "demo-contacts");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* LANGUAGE=pl (ru, hu) shows a translated window, from the catalogues
 * built in this build directory. */
static void
test_translated (void)
{
  static const char *languages[] = { "pl", "ru", "hu" };
  const char *localedir = g_getenv ("CRM_TEST_LOCALEDIR");
  g_autofree char *dir = g_dir_make_tmp ("crm-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crm.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmUser) user = NULL;

  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  session = crm_session_open_file (path, NULL, &error);
  g_assert_no_error (error);
  crm_user_store_add (crm_user_store_from_session (session), "Ewa Kowalska", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  user = crm_user_store_find (crm_user_store_from_session (session), "ewa@example.com", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *shot = g_strconcat ("translated-", languages[i], NULL);
      const char *contacts;
      CrmWindow *window;

      g_setenv ("LANGUAGE", languages[i], TRUE);
      setlocale (LC_ALL, "");
      textdomain (GETTEXT_PACKAGE); /* as main () does; drops gettext's cache */

      contacts = g_dgettext (GETTEXT_PACKAGE, "Contacts");
      g_assert_cmpstr (contacts, !=, "Contacts");

      window = crm_window_new (NULL, session, NULL);
      crm_window_set_user (window, user);
      crm_window_show_page (window, "contacts");
      gtk_window_present (GTK_WINDOW (window));
      take_screenshot (GTK_WIDGET (window), shot);

      g_assert_true (label_in_tree (GTK_WIDGET (window), contacts));
      g_assert_false (label_in_tree (GTK_WIDGET (window), "Contacts"));
      /* strings from C code, not only from templates (the first
       * language's window has no contact yet) */
      g_assert_cmpstr (gettext ("No Contacts"), !=, "No Contacts");
      g_assert_true (i > 0 || label_in_tree (GTK_WIDGET (window), gettext ("No Contacts")));

      /* the built-in statuses are shown in the user's language, in the
       * list's rows as on the card (issue 10, defect 10) */
      {
        const char *status = g_dpgettext2 (GETTEXT_PACKAGE, "ticket status", "New");
        g_autofree char *in_row = g_strdup_printf (" · %s · ", status);
        g_autofree char *tickets_shot = g_strconcat ("translated-tickets-", languages[i], NULL);

        g_assert_cmpstr (status, !=, "New");
        if (i == 0)
          {
            g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);

            crm_contact_set_name (client, "Anna Kowalska");
            g_assert_true (crm_contact_store_save (crm_contact_store_from_session (session), client, &error));
            g_assert_cmpint (crm_ticket_store_create (crm_ticket_store_from_session (session), "Oddzwonić", 1, NULL, crm_contact_get_id (client),
                                                   "Proszę.", 0, NULL, &error), >, 0);
            g_assert_no_error (error);
          }
        crm_window_show_page (window, "tickets");
        take_screenshot (GTK_WIDGET (window), tickets_shot);
        g_assert_true (label_holding (GTK_WIDGET (window), in_row));
        g_assert_false (label_holding (GTK_WIDGET (window), " · New · "));
      }
      gtk_window_destroy (GTK_WINDOW (window));
    }

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  textdomain (GETTEXT_PACKAGE);
}

/* The message dialog shown with @heading, if any. */
static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* Preferences › Users: edit, deactivate (asked first), reactivate; a
 * deactivated user is not offered at "Who is working?" nor as an
 * assignee, and the last active administrator stays (issue 10,
 * defect 16). */
static void
test_users_edit_deactivate (void)
{
  g_autofree char *dir = g_dir_make_tmp ("crm-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crm.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = crm_session_open_file (path, NULL, &error);
  g_autoptr(CrmUser) admin = NULL;
  g_autoptr(CrmUser) jan = NULL;
  g_autoptr(CrmUser) agent = NULL;
  g_autoptr(GListModel) active = NULL;
  g_autoptr(GListModel) choices = NULL;
  CrmPreferencesWindow *prefs;
  AdwMessageDialog *dialog;
  CrmUserChooser *chooser;
  GtkWidget *window;
  GtkWidget *row;
  GtkWidget *page;
  gint64 jan_id;
  guint rows = 0;

  g_assert_no_error (error);
  crm_user_store_add (crm_user_store_from_session (session), "Ewa Kowalska", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  jan_id = crm_user_store_add (crm_user_store_from_session (session), "Jan Nowak", "jan@example.com", CRM_ROLE_AGENT, &error);
  crm_user_store_add (crm_user_store_from_session (session), "Piotr Wiśniewski", "piotr@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  admin = crm_user_store_find (crm_user_store_from_session (session), "ewa@example.com", &error);

  prefs = crm_preferences_window_new (session, admin);
  page = find_child (GTK_WIDGET (prefs), ADW_TYPE_PREFERENCES_PAGE, NULL);
  for (; page != NULL; page = gtk_widget_get_next_sibling (page))
    if (ADW_IS_PREFERENCES_PAGE (page) &&
        g_strcmp0 (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (page)), "Users") == 0)
      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (prefs));

  /* rename and promote, through the form */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.edit-user", "x", jan_id));
  g_assert_nonnull (find_child (GTK_WIDGET (prefs), GTK_TYPE_BUTTON, "_Save User"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_child (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW,
                                                                    "Full Name"))), ==, "Jan Nowak");
  gtk_editable_set_text (GTK_EDITABLE (find_child (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, "Full Name")),
                         "Jan Nowak-Zieliński");
  gtk_editable_set_text (GTK_EDITABLE (find_child (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, "E-mail Address")),
                         "ewa@example.com");
  /* another user's address: refused with the reason, nothing saved */
  g_assert_false (crm_preferences_window_add_user (prefs));
  gtk_editable_set_text (GTK_EDITABLE (find_child (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, "E-mail Address")),
                         "jan.nz@example.com");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_child (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, "Role")),
                              CRM_ROLE_MANAGER);
  take_screenshot (GTK_WIDGET (prefs), "users-edit-form");
  g_assert_true (crm_preferences_window_add_user (prefs));
  crm_test_settle ();
  jan = crm_user_store_get (crm_user_store_from_session (session), jan_id, &error);
  g_assert_cmpstr (crm_user_get_name (jan), ==, "Jan Nowak-Zieliński");
  g_assert_cmpstr (crm_user_get_email (jan), ==, "jan.nz@example.com");
  g_assert_cmpint (crm_user_get_role (jan), ==, CRM_ROLE_MANAGER);
  g_assert_nonnull (find_child (GTK_WIDGET (prefs), GTK_TYPE_BUTTON, "_Add User"));
  row = find_child (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, "Jan Nowak-Zieliński");
  g_assert_nonnull (row);

  /* deactivate: asked first; Cancel changes nothing */
  g_assert_null (find_child (find_child (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, "Ewa Kowalska"),
                             GTK_TYPE_BUTTON, "_Deactivate"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.deactivate-user", "x", jan_id));
  dialog = find_dialog ("Deactivate Jan Nowak-Zieliński?");
  g_assert_nonnull (dialog);
  take_screenshot (GTK_WIDGET (dialog), "users-deactivate-dialog");
  adw_message_dialog_response (dialog, "cancel");
  g_clear_object (&jan);
  jan = crm_user_store_get (crm_user_store_from_session (session), jan_id, &error);
  g_assert_true (crm_user_get_active (jan));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.deactivate-user", "x", jan_id));
  adw_message_dialog_response (find_dialog ("Deactivate Jan Nowak-Zieliński?"), "deactivate");
  crm_test_settle ();
  g_clear_object (&jan);
  jan = crm_user_store_get (crm_user_store_from_session (session), jan_id, &error);
  g_assert_false (crm_user_get_active (jan));
  row = find_child (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, "Jan Nowak-Zieliński");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Deactivated"));
  g_assert_nonnull (find_child (row, GTK_TYPE_BUTTON, "_Reactivate"));
  take_screenshot (GTK_WIDGET (prefs), "users-deactivated");

  /* the last active administrator stays one */
  g_assert_false (crm_preferences_window_set_user_active (prefs, crm_user_get_id (admin), FALSE));
  g_assert_true (crm_user_get_active (admin));

  /* not at "Who is working?", not among the choices of new work */
  window = gtk_window_new ();
  chooser = g_object_new (CRM_TYPE_USER_CHOOSER, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (chooser));
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 560);
  crm_user_chooser_set_session (chooser, session);
  gtk_window_present (GTK_WINDOW (window));
  crm_test_settle ();
  g_assert_null (find_label (GTK_WIDGET (chooser), "Jan Nowak-Zieliński"));
  g_assert_nonnull (find_label (GTK_WIDGET (chooser), "Piotr Wiśniewski"));
  for (GtkWidget *child = gtk_widget_get_first_child (find_child (GTK_WIDGET (chooser), GTK_TYPE_LIST_BOX, NULL));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    rows++;
  g_assert_cmpuint (rows, ==, 2);
  take_screenshot (window, "users-who-is-working");
  gtk_window_destroy (GTK_WINDOW (window));
  active = crm_user_store_list_active (crm_user_store_from_session (session), &error);
  g_assert_cmpuint (g_list_model_get_n_items (active), ==, 2);
  choices = crm_user_store_list_assignable (crm_user_store_from_session (session), jan_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 3);

  /* and back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.reactivate-user", "x", jan_id));
  crm_test_settle ();
  g_clear_object (&jan);
  jan = crm_user_store_get (crm_user_store_from_session (session), jan_id, &error);
  g_assert_true (crm_user_get_active (jan));
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* an agent sees the users and changes nothing */
  agent = crm_user_store_find (crm_user_store_from_session (session), "piotr@example.com", &error);
  prefs = crm_preferences_window_new (session, agent);
  row = find_child (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, "Jan Nowak-Zieliński");
  g_assert_false (gtk_widget_is_sensitive (find_child (row, GTK_TYPE_BUTTON, "_Deactivate")));
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.edit-user", "x", jan_id);
  g_assert_nonnull (find_child (GTK_WIDGET (prefs), GTK_TYPE_BUTTON, "_Add User"));
  g_assert_null (find_child (GTK_WIDGET (prefs), GTK_TYPE_BUTTON, "_Save User"));
  gtk_window_destroy (GTK_WINDOW (prefs));

  g_clear_object (&session);
  crm_test_remove_data_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");

  gtk_test_init (&argc, &argv, NULL);
  textdomain (GETTEXT_PACKAGE);
  adw_init ();
  crm_test_load_style ();
  /* screenshots show the end of a transition, not its middle */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  screenshot_dir = g_build_filename (builddir ? builddir : ".", "screenshots", NULL);
  g_mkdir_with_parents (screenshot_dir, 0755);

  g_test_add_func ("/ui/widgets-finalize", test_widgets_finalize);
  g_test_add_func ("/ui/ticket-settings", test_ticket_settings);
  g_test_add_func ("/ui/users-edit-deactivate", test_users_edit_deactivate);
  g_test_add_func ("/ui/first-run", test_first_run);
  g_test_add_func ("/ui/demo-data", test_demo_data);
  g_test_add_func ("/ui/translated", test_translated);

  return g_test_run ();
}
