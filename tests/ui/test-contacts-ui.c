/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "crm.h"
#include "crm-contact-detail.h"
#include "crm-contact-editor.h"
#include "crm-contacts-page.h"
#include "crm-tickets-page.h"
#include "crm-window.h"
#include "crm-test-util.h"
#include "crm-ui-test-util.h"

/*
 * Contacts in the window (issue 10, defects 8 and 20): the postal
 * address on the card and in the editor, found by the search; a
 * company's people, each opened with a click; an e-mail address
 * another contact has, with "Open Existing" and "Save Anyway".
 */

typedef struct
{
  char      *dir;
  CrmSession  *session;
  GSettings *settings;
  CrmUser   *user;
  gint64     company;
  gint64     anna;
  gint64     jan;
} Fixture;

static void
settle (void)
{
  /* idle reloads, the lists' workers, then whatever they queued */
  for (guint i = 0; i < 3; i++)
    crm_test_settle ();
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

static gint64
add_contact (Fixture        *fixture,
             CrmContactKind  kind,
             const char     *name,
             gint64          company,
             const char     *email)
{
  g_autoptr(CrmContact) contact = crm_contact_new (kind);
  const char *emails[] = { email, NULL };
  g_autoptr(GError) error = NULL;

  crm_contact_set_name (contact, name);
  crm_contact_set_company_id (contact, company);
  crm_contact_set_emails (contact, emails);
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), contact, &error));
  g_assert_no_error (error);

  return crm_contact_get_id (contact);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) company = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("crm-contacts-ui-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->session = crm_session_open_file (path, NULL, &error);
  g_assert_no_error (error);
  crm_user_store_add (crm_user_store_from_session (fixture->session), "Ewa Kowalska", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  fixture->user = crm_user_store_find (crm_user_store_from_session (fixture->session), "ewa@example.com", &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, crm_user_get_id (fixture->user));

  fixture->company = add_contact (fixture, CRM_CONTACT_COMPANY, "Wawel Nieruchomości", 0, NULL);
  company = crm_contact_store_get (crm_contact_store_from_session (fixture->session), fixture->company, &error);
  crm_contact_set_street (company, "ul. Floriańska 3/5, wejście od podwórza");
  crm_contact_set_postal_code (company, "31-019");
  crm_contact_set_city (company, "Kraków");
  crm_contact_set_country (company, "Polska");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), company, &error));
  g_assert_no_error (error);
  fixture->anna = add_contact (fixture, CRM_CONTACT_PERSON, "Anna Kowalska", fixture->company, "anna@example.com");
  fixture->jan = add_contact (fixture, CRM_CONTACT_PERSON, "Jan Nowak", fixture->company, "jan@example.com");

  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "sidebar-page");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->user);
  g_clear_object (&fixture->session);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
}

static CrmWindow *
open_window (Fixture *fixture)
{
  CrmWindow *window = crm_window_new (NULL, fixture->session, fixture->settings);

  crm_window_set_user (window, fixture->user);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 860);
  gtk_window_present (GTK_WINDOW (window));
  settle ();

  return window;
}

static gint64
selected_id (CrmContactsPage *page)
{
  CrmContact *contact = crm_contacts_page_get_selected (page);

  return contact != NULL ? crm_contact_get_id (contact) : 0;
}

/* The editor "New Contact" opens (Ctrl+N on the contacts page). */
static CrmContactEditor *
open_editor (CrmContactsPage *page)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  gtk_widget_activate_action (GTK_WIDGET (page), "contacts.new", NULL);
  settle ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (CRM_IS_CONTACT_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return CRM_CONTACT_EDITOR (window);
    }

  g_assert_not_reached ();
}

/* The postal address on the company's card; its people open with a click. */
static void
test_address_and_people (Fixture       *fixture,
                         gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmContactsPage *page = CRM_CONTACTS_PAGE (crm_window_get_page_widget (CRM_WINDOW (window), "contacts"));
  GtkWidget *detail = find_child (GTK_WIDGET (page), CRM_TYPE_CONTACT_DETAIL, NULL);
  GtkWidget *address;
  GtkWidget *person;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-contact", "x", fixture->company);
  settle ();
  g_assert_cmpint (selected_id (page), ==, fixture->company);

  address = find_child (detail, ADW_TYPE_ACTION_ROW,
                        "ul. Floriańska 3/5, wejście od podwórza\n31-019 Kraków\nPolska");
  g_assert_nonnull (address);
  g_assert_true (gtk_widget_is_visible (address));
  person = find_child (detail, ADW_TYPE_ACTION_ROW, "Jan Nowak");
  g_assert_nonnull (person);
  g_assert_true (gtk_widget_is_visible (person));
  g_assert_nonnull (find_child (detail, ADW_TYPE_ACTION_ROW, "Anna Kowalska"));
  take_screenshot (GTK_WIDGET (window), "contact-company-address");

  /* a click on one of its people opens that person */
  g_assert_true (gtk_widget_activate (person));
  settle ();
  g_assert_cmpint (selected_id (page), ==, fixture->jan);
  take_screenshot (GTK_WIDGET (window), "contact-company-person-opened");

  /* the address is searched */
  crm_contacts_page_set_search (page, "florianska krakow");
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_contacts_page_get_list (page))), ==, 1);
  crm_contacts_page_set_search (page, "31-019");
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_contacts_page_get_list (page))), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* The editor takes the address; a shared e-mail address is asked about. */
static void
test_editor_address_and_duplicate (Fixture       *fixture,
                                   gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmContactsPage *page = CRM_CONTACTS_PAGE (crm_window_get_page_widget (CRM_WINDOW (window), "contacts"));
  g_autoptr(CrmContactEditor) editor = NULL;
  g_autoptr(GListModel) owners = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  gint64 count;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "contacts");
  settle ();
  count = crm_contact_store_count (crm_contact_store_from_session (fixture->session));

  /* a new person with Anna's address: not saved, the question asked */
  editor = g_object_ref (open_editor (page));
  type_into (GTK_WIDGET (editor), "Name", "Małgorzata Zielińska-Dąbrowska");
  type_into (GTK_WIDGET (editor), "E-mail Address", "Anna@Example.com");
  type_into (GTK_WIDGET (editor), "Street and Number", "ul. Piotrkowska 100");
  type_into (GTK_WIDGET (editor), "Postal Code", "90-001");
  type_into (GTK_WIDGET (editor), "City", "Łódź");
  type_into (GTK_WIDGET (editor), "Country", "Polska");
  gtk_widget_grab_focus (find_child (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "Country"));
  take_screenshot (GTK_WIDGET (editor), "contact-editor-address");
  /* refused by the store on its worker, then asked about */
  g_assert_true (crm_contact_editor_save (editor));
  settle ();
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (fixture->session)), ==, count);
  dialog = crm_contact_editor_get_duplicate_dialog (editor);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Anna Kowalska"));
  g_assert_nonnull (strstr (crm_contact_editor_get_error (editor), "Anna Kowalska"));
  take_screenshot (GTK_WIDGET (dialog), "contact-duplicate-dialog");

  /* "Save Anyway": both have it, the editor is done */
  adw_message_dialog_response (dialog, "save");
  settle ();
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (fixture->session)), ==, count + 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  owners = crm_contact_store_find_by_email (crm_contact_store_from_session (fixture->session), "anna@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (owners), ==, 2);
  {
    g_autoptr(CrmContact) saved = NULL;

    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(CrmContact) owner = g_list_model_get_item (owners, i);

        if (crm_contact_get_id (owner) != fixture->anna)
          saved = g_object_ref (owner);
      }
    g_assert_nonnull (saved);
    g_assert_cmpstr (crm_contact_get_city (saved), ==, "Łódź");
    g_assert_cmpstr (crm_contact_get_postal_code (saved), ==, "90-001");
    g_assert_cmpint (selected_id (page), ==, crm_contact_get_id (saved));
  }
  take_screenshot (GTK_WIDGET (window), "contact-saved-with-address");
  g_clear_object (&editor);

  /* "Open Existing": nothing saved, Anna shown */
  editor = g_object_ref (open_editor (page));
  type_into (GTK_WIDGET (editor), "Name", "Anna K.");
  type_into (GTK_WIDGET (editor), "E-mail Address", "anna@example.com");
  g_assert_true (crm_contact_editor_save (editor));
  settle ();
  dialog = crm_contact_editor_get_duplicate_dialog (editor);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "open");
  settle ();
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (fixture->session)), ==, count + 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (crm_window_get_page (window), ==, "contacts");
  g_assert_cmpint (selected_id (page), ==, fixture->anna);
  g_clear_object (&editor);

  /* "Cancel": the editor stays, with what was typed */
  editor = g_object_ref (open_editor (page));
  type_into (GTK_WIDGET (editor), "Name", "Anna K.");
  type_into (GTK_WIDGET (editor), "E-mail Address", "anna@example.com");
  g_assert_true (crm_contact_editor_save (editor));
  settle ();
  adw_message_dialog_response (crm_contact_editor_get_duplicate_dialog (editor), "cancel");
  settle ();
  g_assert_null (crm_contact_editor_get_duplicate_dialog (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_child (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW,
                                                                     "E-mail Address"))),
                   ==, "anna@example.com");
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (fixture->session)), ==, count + 1);
  gtk_window_destroy (GTK_WINDOW (editor));
  g_clear_object (&editor);

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* A new ticket to "Name <address>" can be sent (issue 10, defect 9):
 * the core names the new contact after it. */
static void
test_new_ticket_named_address (Fixture       *fixture,
                               gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmTicketsPage *tickets = CRM_TICKETS_PAGE (crm_window_get_page_widget (CRM_WINDOW (window), "tickets"));
  GtkWidget *dialog;
  GtkLabel *who;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "tickets");
  settle ();
  dialog = crm_tickets_page_new_ticket (tickets);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "crm-subject"), "Oferta");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (g_object_get_data (G_OBJECT (dialog), "crm-text")),
                            "Dzień dobry.", -1);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "crm-to"),
                         "Małgorzata Zielińska-Dąbrowska <gosia.zd@example.com>");
  settle ();
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send"));
  who = g_object_get_data (G_OBJECT (dialog), "crm-who");
  g_assert_cmpstr (gtk_label_get_text (who), ==, _("No contact has this address: Send writes to it."));
  take_screenshot (dialog, "ticket-new-named-address");

  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "crm-to"), "Małgorzata <gosia.zd>");
  settle ();
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* The card and the editor come and go without leaks. */
static void
test_widgets_finalize (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CrmContact) company = crm_contact_store_get (crm_contact_store_from_session (fixture->session), fixture->company, NULL);
  GtkWidget *detail = g_object_ref_sink (g_object_new (CRM_TYPE_CONTACT_DETAIL, NULL));
  GtkWidget *editor;

  crm_contact_detail_set_session (CRM_CONTACT_DETAIL (detail), fixture->session);
  crm_contact_detail_set_contact (CRM_CONTACT_DETAIL (detail), company);
  g_assert_finalize_object (detail);

  editor = GTK_WIDGET (crm_contact_editor_new (fixture->session, company));
  g_object_ref (editor);
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_finalize_object (editor);
}

/* A colleague saves the contact while it is open here: saving says
 * so, keeps theirs, and the form shows the contact as they left it. */
static void
test_editor_changed_meanwhile (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) colleague = crm_session_open_another (fixture->session, &error);
  g_autoptr(CrmContact) anna = crm_contact_store_get (crm_contact_store_from_session (fixture->session), fixture->anna,
                                                      &error);
  g_autoptr(CrmContact) theirs = NULL;
  g_autoptr(CrmContact) stored = NULL;
  CrmContactEditor *editor;

  g_assert_no_error (error);
  editor = crm_contact_editor_new (fixture->session, anna);
  gtk_window_present (GTK_WINDOW (editor));
  settle ();

  theirs = crm_contact_store_get (crm_contact_store_from_session (colleague), fixture->anna, &error);
  g_assert_no_error (error);
  crm_contact_set_name (theirs, "Anna Kowalska-Wiśniewska");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (colleague), theirs, &error));
  g_assert_no_error (error);

  type_into (GTK_WIDGET (editor), "City", "Gdańsk");
  g_assert_true (crm_contact_editor_save (editor));
  settle ();

  /* told, still open, showing theirs */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_nonnull (crm_contact_editor_get_error (editor));
  g_assert_nonnull (strstr (crm_contact_editor_get_error (editor), "Someone changed Anna Kowalska"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_child (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "Name"))),
                   ==, "Anna Kowalska-Wiśniewska");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_child (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "City"))),
                   ==, "");
  take_screenshot (GTK_WIDGET (editor), "contact-editor-changed-meanwhile");
  stored = crm_contact_store_get (crm_contact_store_from_session (fixture->session), fixture->anna, &error);
  g_assert_cmpstr (crm_contact_get_name (stored), ==, "Anna Kowalska-Wiśniewska");
  g_assert_cmpstr (crm_contact_get_city (stored), ==, NULL);

  /* made again: saved over theirs */
  type_into (GTK_WIDGET (editor), "City", "Gdańsk");
  g_assert_true (crm_contact_editor_save (editor));
  settle ();
  g_clear_object (&stored);
  stored = crm_contact_store_get (crm_contact_store_from_session (colleague), fixture->anna, &error);
  g_assert_cmpstr (crm_contact_get_name (stored), ==, "Anna Kowalska-Wiśniewska");
  g_assert_cmpstr (crm_contact_get_city (stored), ==, "Gdańsk");
  settle ();
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
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/org/example/Crm/icons");
  /* screenshots show the end of a transition, not its middle */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  screenshot_dir = g_build_filename (builddir ? builddir : ".", "screenshots", NULL);
  g_mkdir_with_parents (screenshot_dir, 0755);

  g_test_add ("/contacts-ui/widgets-finalize", Fixture, NULL, fixture_set_up, test_widgets_finalize,
              fixture_tear_down);
  g_test_add ("/contacts-ui/address-and-people", Fixture, NULL, fixture_set_up, test_address_and_people,
              fixture_tear_down);
  g_test_add ("/contacts-ui/editor-address-and-duplicate", Fixture, NULL, fixture_set_up,
              test_editor_address_and_duplicate, fixture_tear_down);
  g_test_add ("/contacts-ui/new-ticket-named-address", Fixture, NULL, fixture_set_up,
              test_new_ticket_named_address, fixture_tear_down);
  g_test_add ("/contacts-ui/editor-changed-meanwhile", Fixture, NULL, fixture_set_up,
              test_editor_changed_meanwhile, fixture_tear_down);

  return g_test_run ();
}
