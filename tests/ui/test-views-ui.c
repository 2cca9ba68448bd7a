/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "crm-test-util.h"
#include "crm-ui-test-util.h"

#include "crm.h"
#include "crm-save-view-dialog.h"
#include "crm-tickets-page.h"
#include "crm-window.h"

/* Saved views in the window (FD4), with the real mouse and keyboard
 * (xdotool, through the X server): a filter chosen on the Tickets
 * page's bar, "Save as View…", a name typed, the view's row under
 * Tickets in the sidebar, and the filter back on the bar when the row
 * is clicked. */

typedef struct
{
  char      *dir;
  CrmSession  *session;
  CrmUser   *user;
  CrmWindow *window;
  gint64     sales;
  gint64     tickets[3];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);
  CrmTicketStore *store;

  fixture->dir = g_dir_make_tmp ("crm-views-ui-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->session = crm_session_open_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), "Ewa Nowak", "ewa@example.com",
                                       CRM_ROLE_MANAGER, &error), >, 0);
  fixture->user = crm_user_store_find (crm_user_store_from_session (fixture->session), "1", &error);
  g_assert_no_error (error);
  store = crm_ticket_store_from_session (fixture->session);
  fixture->sales = crm_ticket_store_add_queue (store, "Sales", &error);
  g_assert_no_error (error);

  crm_contact_set_name (client, "Anna Kowalska");
  crm_contact_set_emails (client, (const char *[]) { "anna@example.com", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), client, &error));
  crm_session_set_user_id (fixture->session, crm_user_get_id (fixture->user));
  fixture->tickets[0] = crm_ticket_store_record_request (store, "Mieszkanie z balkonem", fixture->sales,
                                                         crm_contact_get_id (client), "Czy jest balkon?", "phone",
                                                         &error);
  fixture->tickets[1] = crm_ticket_store_record_request (store, "Reklamacja", 1, crm_contact_get_id (client),
                                                         "Pralka nie działa.", "phone", &error);
  fixture->tickets[2] = crm_ticket_store_record_request (store, "Dom pod Krakowem", fixture->sales,
                                                         crm_contact_get_id (client), "Cena?", "web", &error);
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
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  crm_test_settle ();
  g_clear_object (&fixture->user);
  g_assert_finalize_object (fixture->session);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Waits for the X server's events to map @widget. */
static void
wait_for_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
}

/* The window's sidebar (a templates button has such a list too). */
static GtkListBox *
sidebar (GtkWidget *root)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (GTK_IS_LIST_BOX (root) && gtk_widget_has_css_class (root, "navigation-sidebar"))
    return GTK_LIST_BOX (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkListBox *found = sidebar (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The sidebar's rows' names, a comma after each: "start,tickets,…". */
static char *
sidebar_rows (Fixture *fixture)
{
  GString *names = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (sidebar (GTK_WIDGET (fixture->window))));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      g_string_append_printf (names, "%s,", gtk_widget_get_name (row));

  return g_string_free (names, FALSE);
}

static GtkWidget *
sidebar_row (Fixture    *fixture,
             const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (sidebar (GTK_WIDGET (fixture->window))));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      return row;

  return NULL;
}

static GtkWidget *
tickets_page (Fixture *fixture)
{
  return find_child (GTK_WIDGET (fixture->window), CRM_TYPE_TICKETS_PAGE, NULL);
}

/* The drop-down of the list's filter bar with @tooltip (the card has
 * one called so too, unmapped while no ticket is open). */
static GtkWidget *
mapped_tooltip (GtkWidget  *root,
                GType       type,
                const char *tooltip)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mapped_tooltip (child, type, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkDropDown *
dropdown (Fixture    *fixture,
          const char *tooltip)
{
  GtkWidget *found = mapped_tooltip (tickets_page (fixture), GTK_TYPE_DROP_DOWN, tooltip);

  g_assert_nonnull (found);

  return GTK_DROP_DOWN (found);
}

/* How many tickets the list shows, once it is read. */
static guint
listed (Fixture *fixture)
{
  crm_test_settle ();

  return g_list_model_get_n_items (G_LIST_MODEL (crm_tickets_page_get_list (CRM_TICKETS_PAGE (tickets_page (fixture)))));
}

/* @item of a drop-down chosen with the mouse: the drop-down clicked
 * open, the item clicked. */
static void
choose (Fixture     *fixture,
        GtkDropDown *menu,
        const char  *item)
{
  GtkWidget *popover, *label;

  click (GTK_WIDGET (fixture->window), GTK_WIDGET (menu));
  popover = find_child (GTK_WIDGET (menu), GTK_TYPE_POPOVER, NULL);
  g_assert_nonnull (popover);
  wait_for_mapped (popover);
  wait_for_frame (popover);
  label = menu_item (popover, item);
  g_assert_nonnull (label);
  click (popover, label);
  crm_test_settle ();
}

static void
test_save_and_open (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) views = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *row_name = NULL;
  GtkWidget *dialog, *name, *row;
  CrmTicketFilter filter;
  gint64 deadline, id;

  wait_for_frame (GTK_WIDGET (fixture->window));
  g_assert_cmpuint (listed (fixture), ==, 3);

  /* the queue chosen on the bar, with the mouse */
  choose (fixture, dropdown (fixture, "Queue"), "Sales");
  g_assert_cmpuint (listed (fixture), ==, 2);

  /* Save as View…, a name typed */
  click (GTK_WIDGET (fixture->window), find_tooltip (tickets_page (fixture), GTK_TYPE_BUTTON, "Save as View…"));
  dialog = wait_for_toplevel (CRM_TYPE_SAVE_VIEW_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (gtk_widget_get_sensitive (find_child (dialog, GTK_TYPE_BUTTON, "_Save")));
  name = find_child (dialog, ADW_TYPE_ENTRY_ROW, "Name");
  click (dialog, name);
  xdotool ("type", "--delay", "20", "Sprzedaż otwarte", NULL);
  crm_test_settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Sprzedaż otwarte");
  wait_for_frame (dialog);
  take_screenshot (dialog, "save-view-dialog");
  click (dialog, find_child (dialog, GTK_TYPE_BUTTON, "_Save"));

  /* saved: shared with the office (a manager's), the bar's filter */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((views = crm_view_store_list (crm_view_store_from_session (fixture->session), "tickets", &error)) != NULL &&
         views->len == 0 && g_get_monotonic_time () < deadline)
    {
      g_clear_pointer (&views, g_ptr_array_unref);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (views->len, ==, 1);
  g_assert_cmpstr (crm_saved_view_get_name (g_ptr_array_index (views, 0)), ==, "Sprzedaż otwarte");
  g_assert_true (crm_saved_view_get_shared (g_ptr_array_index (views, 0)));
  id = crm_saved_view_get_id (g_ptr_array_index (views, 0));
  g_assert_true (crm_ticket_filter_from_variant (crm_saved_view_get_filter (g_ptr_array_index (views, 0)), 0, &filter,
                                                 &error));
  g_assert_cmpint (filter.queue_id, ==, fixture->sales);
  g_assert_true (filter.open_only);

  /* its row under Tickets, once the sidebar has read it */
  row_name = g_strdup_printf ("view:%" G_GINT64_FORMAT, id);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (sidebar_row (fixture, row_name) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  rows = sidebar_rows (fixture);
  expected = g_strdup_printf ("start,tickets,%s,requests,", row_name);
  g_test_message ("rows %s", rows);
  g_assert_true (g_str_has_prefix (rows, expected));

  /* the bar back to every queue: the whole list */
  choose (fixture, dropdown (fixture, "Queue"), "All Queues");
  g_assert_cmpuint (listed (fixture), ==, 3);
  wait_for_frame (GTK_WIDGET (fixture->window));

  /* the view's row clicked: its filter on the bar, its tickets listed */
  row = sidebar_row (fixture, row_name);
  click (GTK_WIDGET (fixture->window), row);
  crm_test_settle ();
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown (fixture, "Queue")), ==, 2);
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (dropdown (fixture, "Queue"))), ==,
                   "Sales");
  g_assert_cmpuint (listed (fixture), ==, 2);
  g_assert_cmpstr (crm_tickets_page_get_view_name (CRM_TICKETS_PAGE (tickets_page (fixture))), ==, "Sprzedaż otwarte");
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)));
  g_assert_cmpstr (crm_window_get_page (fixture->window), ==, "tickets");
  wait_for_frame (GTK_WIDGET (fixture->window));
  take_screenshot (GTK_WIDGET (fixture->window), "view-opened");

  /* its menu, with the right button: Delete, confirmed */
  xdotool ("mousemove", "--sync", "--window", window_xid (GTK_WIDGET (fixture->window)), "0", "0", NULL);
  {
    GtkWidget *menu_button = find_tooltip (row, GTK_TYPE_MENU_BUTTON, "View Menu");
    GtkWidget *popover, *item;

    g_assert_nonnull (menu_button);
    click (GTK_WIDGET (fixture->window), menu_button);
    popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
    wait_for_mapped (popover);
    wait_for_frame (popover);
    take_screenshot (GTK_WIDGET (fixture->window), "view-menu");
    item = menu_item (popover, "_Delete");
    g_assert_nonnull (item);
    click (popover, item);
  }
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  click (dialog, find_child (dialog, GTK_TYPE_BUTTON, "_Delete"));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (sidebar_row (fixture, row_name) != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (sidebar_row (fixture, row_name));
  g_clear_pointer (&views, g_ptr_array_unref);
  views = crm_view_store_list (crm_view_store_from_session (fixture->session), NULL, &error);
  g_assert_cmpuint (views->len, ==, 0);
}

/* The dialog as those who may not share meet it, its checks as a name
 * is typed, and gone with nothing left when closed. */
static void
test_dialog (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_name = g_string_new (NULL);
  CrmSaveViewDialog *dialog;
  GtkWidget *name, *only_mine, *save;
  gint64 agent;

  agent = crm_user_store_add (crm_user_store_from_session (fixture->session), "Jan Kos", "jan@example.com",
                              CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, agent);
  dialog = crm_save_view_dialog_new (GTK_WINDOW (fixture->window), fixture->session, "offers",
                                     g_variant_new_parsed ("{'version': <uint32 1>, 'deal': <'sale'>}"));
  g_object_ref (dialog);
  wait_for_frame (GTK_WIDGET (dialog));
  name = find_child (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Name");
  only_mine = find_child (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, NULL);
  save = find_child (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Save");
  /* an agent's views are theirs alone */
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (only_mine)));
  g_assert_false (gtk_widget_get_sensitive (only_mine));
  g_assert_false (gtk_widget_get_sensitive (save));
  for (int i = 0; i <= CRM_VIEW_NAME_MAX; i++)
    g_string_append_c (long_name, 'x');
  gtk_editable_set_text (GTK_EDITABLE (name), long_name->str);
  crm_test_settle ();
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_editable_set_text (GTK_EDITABLE (name), "Na sprzedaż");
  crm_test_settle ();
  g_assert_true (gtk_widget_get_sensitive (save));
  wait_for_frame (GTK_WIDGET (dialog));
  take_screenshot (GTK_WIDGET (dialog), "save-view-dialog-agent");

  gtk_window_destroy (GTK_WINDOW (dialog));
  crm_test_settle ();
  g_assert_finalize_object (dialog);
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

  g_test_add ("/views/save-and-open", Fixture, NULL, fixture_set_up, test_save_and_open, fixture_tear_down);
  g_test_add ("/views/dialog", Fixture, NULL, fixture_set_up, test_dialog, fixture_tear_down);

  return g_test_run ();
}
