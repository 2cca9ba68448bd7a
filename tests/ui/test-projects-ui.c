/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "crm-test-util.h"
#include "crm-ui-test-util.h"

#include "crm.h"
#include "crm-project-dialog.h"
#include "crm-project-item-row.h"
#include "crm-tickets-page.h"
#include "crm-ticket-composer.h"
#include "crm-ticket-projects.h"
#include "crm-ticket-view.h"
#include "crm-window.h"

/* Projects from a request in the window (RQ8, RQ13), as a user makes
 * them: "Create Project…" from the request's menu, the name and two
 * items typed for real (xdotool, through the X server), a row that
 * cannot be read refused and removed, the project created; its
 * specification attached to the reply; closed from its menu, and the
 * request closes with it. */

/* Clicks @entry and types @text into it, for real. */
static void
type_into (GtkWidget  *window,
           GtkWidget  *entry,
           const char *text)
{
  click (window, entry);
  crm_test_settle ();
  xdotool ("type", "--delay", "15", text, NULL);
  crm_test_settle ();
}

/* The first widget under @root whose action is @action. */
static GtkWidget *
find_action (GtkWidget  *root,
             const char *action)
{
  if (GTK_IS_ACTIONABLE (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  char        *dir;
  CrmSession  *session;
  CrmUser     *user;
  CrmWindow   *window;
  gint64       ticket;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);

  fixture->dir = g_dir_make_tmp ("crm-projects-ui-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->session = crm_session_open_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), "Ewa Nowak", "ewa@example.com",
                                       CRM_ROLE_MANAGER, &error), >, 0);
  fixture->user = crm_user_store_find (crm_user_store_from_session (fixture->session), "1", &error);
  g_assert_no_error (error);

  crm_contact_set_name (client, "Anna Kowalska");
  crm_contact_set_emails (client, (const char *[]) { "anna@example.com", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), client, &error));
  crm_session_set_user_id (fixture->session, crm_user_get_id (fixture->user));
  fixture->ticket = crm_ticket_store_record_request (crm_ticket_store_from_session (fixture->session), "Brama wjazdowa",
                                                     1, crm_contact_get_id (client),
                                                     "Proszę o wycenę bramy przesuwnej.", "phone", &error);
  g_assert_no_error (error);

  fixture->window = crm_window_new (NULL, fixture->session, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 860);
  crm_window_set_user (fixture->window, fixture->user);
  crm_window_show_page (fixture->window, "requests");
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

/* The requests page (RQ5): the tickets page that is the requests'. */
static CrmTicketsPage *
requests_page (GtkWidget *root)
{
  gboolean requests = FALSE;

  if (CRM_IS_TICKETS_PAGE (root))
    {
      g_object_get (root, "requests", &requests, NULL);
      if (requests)
        return CRM_TICKETS_PAGE (root);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      CrmTicketsPage *found = requests_page (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
project_stored (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GPtrArray) projects = crm_project_store_list (crm_project_store_from_session (fixture->session),
                                                          fixture->ticket, NULL);

  return projects != NULL && projects->len == 1;
}

static gboolean
project_shown (gpointer data)
{
  GtkWidget *view = data;

  return find_child (view, ADW_TYPE_ACTION_ROW, "Brama przesuwna") != NULL;
}

static gboolean
request_closed (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(CrmTicket) ticket = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session),
                                                      fixture->ticket, 0, NULL);

  return ticket != NULL && g_strcmp0 (crm_ticket_get_status_kind (ticket), "closed") == 0;
}

static gboolean
spec_attached (gpointer data)
{
  return crm_attachment_tray_get_files (crm_ticket_composer_get_tray (data))->len > 0;
}

static GtkWidget *
nth_row (GtkWidget *dialog,
         guint      n)
{
  GtkWidget *row = find_child (dialog, CRM_TYPE_PROJECT_ITEM_ROW, NULL);

  for (guint i = 0; row != NULL && i < n; i++)
    row = gtk_widget_get_next_sibling (row);
  g_assert_true (CRM_IS_PROJECT_ITEM_ROW (row));

  return row;
}

static void
type_item (GtkWidget  *dialog,
           GtkWidget  *row,
           const char *material,
           const char *quantity,
           const char *unit,
           const char *price,
           const char *terms)
{
  CrmProjectItemRow *item = CRM_PROJECT_ITEM_ROW (row);

  type_into (dialog, crm_project_item_row_get_field (item, CRM_PROJECT_ITEM_FIELD_MATERIAL), material);
  type_into (dialog, crm_project_item_row_get_field (item, CRM_PROJECT_ITEM_FIELD_QUANTITY), quantity);
  if (unit != NULL)
    type_into (dialog, crm_project_item_row_get_field (item, CRM_PROJECT_ITEM_FIELD_UNIT), unit);
  if (price != NULL)
    type_into (dialog, crm_project_item_row_get_field (item, CRM_PROJECT_ITEM_FIELD_PRICE), price);
  if (terms != NULL)
    type_into (dialog, crm_project_item_row_get_field (item, CRM_PROJECT_ITEM_FIELD_TERMS), terms);
}

#define REFUSAL "Item 3: “abc” is not a quantity: write a number above 0 and below 1 000 000, with at most 3 decimals, " \
                "as 2.5."

/* The whole way: created with two items through the dialog, the
 * specification attached, closed; the request closes with it. */
static void
test_create_and_close (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  CrmTicketsPage *page = requests_page (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(CrmProject) project = NULL;
  g_autoptr(CrmTicket) closed = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  GtkWidget *view, *dialog, *row, *name, *composer;
  CrmTicketAttachment *attachment;
  gboolean said = FALSE;

  g_assert_nonnull (page);
  crm_tickets_page_show_ticket (page, fixture->ticket);
  crm_test_settle ();
  wait_for_frame (window);
  view = GTK_WIDGET (crm_tickets_page_get_view (page));
  /* no project yet: nothing of them shows */
  g_assert_false (gtk_widget_get_visible (find_child (view, CRM_TYPE_TICKET_PROJECTS, NULL)));

  /* "Create Project…" from the request's menu */
  choose_from_ticket_menu (window, view, "Create _Project…");
  dialog = wait_for_toplevel (CRM_TYPE_PROJECT_DIALOG);
  g_assert_nonnull (dialog);
  name = find_child (dialog, ADW_TYPE_ENTRY_ROW, "Project Name");
  type_into (dialog, name, "Brama przesuwna");
  take_screenshot (dialog, "project-dialog-name");
  click (dialog, find_child (dialog, GTK_TYPE_BUTTON, "_Next"));
  crm_test_settle ();
  wait_for_frame (dialog);

  /* two items, typed; a third that cannot be read */
  type_item (dialog, nth_row (dialog, 0), "Slupek stalowy 80x80", "2,5", "m", "120.40", "Dostawa 14 dni");
  click (dialog, find_action (dialog, "project.add-item"));
  crm_test_settle ();
  type_item (dialog, nth_row (dialog, 1), "Skrzydlo bramy", "1", "pcs", "4999.99", NULL);
  click (dialog, find_action (dialog, "project.add-item"));
  crm_test_settle ();
  type_item (dialog, nth_row (dialog, 2), "Furtka", "abc", NULL, "10", NULL);
  wait_for_frame (dialog);
  g_assert_true (gtk_widget_has_css_class (crm_project_item_row_get_field (CRM_PROJECT_ITEM_ROW (nth_row (dialog, 2)),
                                                                           CRM_PROJECT_ITEM_FIELD_QUANTITY), "error"));
  /* 2.5 × 120.40 + 4999.99, the unreadable line left out */
  g_assert_nonnull (menu_item (dialog, "Total: 5\u00a0300.99 PLN"));
  click (dialog, find_child (dialog, GTK_TYPE_BUTTON, "_Create"));
  crm_test_settle ();
  wait_for_frame (dialog);
  take_screenshot (dialog, "project-dialog-refused");
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_false (project_stored (fixture));
  {
    GtkWidget *refusal = menu_item (dialog, REFUSAL);

    g_assert_nonnull (refusal);
    g_assert_true (gtk_widget_get_visible (refusal));
  }

  /* the row removed, the project created */
  click (dialog, crm_project_item_row_get_field (CRM_PROJECT_ITEM_ROW (nth_row (dialog, 2)),
                                                 CRM_PROJECT_ITEM_FIELD_REMOVE));
  crm_test_settle ();
  wait_for_frame (dialog);
  /* what was refused is not said any more */
  g_assert_null (menu_item (dialog, REFUSAL));
  take_screenshot (dialog, "project-dialog");
  click (dialog, find_child (dialog, GTK_TYPE_BUTTON, "_Create"));
  wait_until (project_stored, fixture);
  projects = crm_project_store_list (crm_project_store_from_session (fixture->session), fixture->ticket, &error);
  g_assert_no_error (error);
  project = crm_project_store_get (crm_project_store_from_session (fixture->session),
                                   ((CrmProject *) g_ptr_array_index (projects, 0))->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (project->name, ==, "Brama przesuwna");
  g_assert_cmpuint (project->items->len, ==, 2);
  g_assert_cmpint (project->total, ==, 530099);
  g_assert_cmpstr (((CrmProjectItem *) g_ptr_array_index (project->items, 0))->material, ==, "Slupek stalowy 80x80");
  g_assert_cmpint (((CrmProjectItem *) g_ptr_array_index (project->items, 0))->quantity, ==, 2500);
  g_assert_cmpstr (((CrmProjectItem *) g_ptr_array_index (project->items, 0))->terms, ==, "Dostawa 14 dni");

  /* the card shows it */
  wait_until (project_shown, view);
  crm_test_settle ();
  wait_for_frame (window);
  take_screenshot (window, "project-created");
  row = find_child (view, ADW_TYPE_ACTION_ROW, "Brama przesuwna");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Open · 5\u00a0300.99 PLN");

  /* its specification, attached to the reply */
  composer = find_child (view, CRM_TYPE_TICKET_COMPOSER, NULL);
  choose_from_menu (window, find_tooltip (row, GTK_TYPE_MENU_BUTTON, "Project Actions"),
                    "_Attach Specification to Reply");
  wait_until (spec_attached, composer);
  attachment = g_ptr_array_index (crm_attachment_tray_get_files (crm_ticket_composer_get_tray (CRM_TICKET_COMPOSER (composer))), 0);
  g_assert_cmpstr (attachment->name, ==, "Specification 1 - Brama przesuwna.pdf");
  {
    g_autofree char *pdf = g_build_filename (screenshot_dir, "project-spec-ui.pdf", NULL);
    g_autofree char *png = g_build_filename (screenshot_dir, "project-spec-ui", NULL);
    g_autoptr(GSubprocess) tool = NULL;
    g_autofree char *text = NULL;

    g_assert_true (g_file_set_contents (pdf, g_bytes_get_data (attachment->data, NULL),
                                        (gssize) g_bytes_get_size (attachment->data), &error));
    tool = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "pdftotext", pdf, "-", NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (tool, NULL, NULL, &text, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "Specification: Brama przesuwna"));
    g_assert_nonnull (strstr (text, "Skrzydlo bramy"));
    g_assert_nonnull (strstr (text, "Client: Anna Kowalska"));
    g_clear_object (&tool);
    tool = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1",
                             "-singlefile", pdf, png, NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait_check (tool, NULL, &error));
  }
  wait_for_frame (window);
  take_screenshot (window, "project-spec-attached");

  /* closed from its menu: the request closes with its last project */
  choose_from_menu (window, find_tooltip (row, GTK_TYPE_MENU_BUTTON, "Project Actions"), "_Close Project");
  wait_until (request_closed, fixture);
  closed = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), fixture->ticket, 0, &error);
  g_assert_cmpstr (crm_ticket_get_outcome (closed), ==, "won");
  comments = crm_ticket_store_list_comments (crm_ticket_store_from_session (fixture->session), fixture->ticket, &error);
  for (guint i = 0; i < comments->len; i++)
    said = said || g_strcmp0 (((CrmTicketComment *) g_ptr_array_index (comments, i))->body,
                              "Closed because its last project, Brama przesuwna, was closed") == 0;
  g_assert_true (said);
  crm_test_settle ();
  wait_for_frame (window);
  row = find_child (view, ADW_TYPE_ACTION_ROW, "Brama przesuwna");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Closed · 5\u00a0300.99 PLN");
  g_assert_nonnull (find_child (view, GTK_TYPE_BUTTON, "_Reopen"));
  take_screenshot (window, "project-closed");
}

/* Each templated widget of projects goes when dropped. */
static void
test_widgets_finalize (void)
{
  g_autofree char *dir = g_dir_make_tmp ("crm-projects-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crm.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = crm_session_open_file (path, NULL, &error);
  g_autoptr(CrmProjectItem) item = crm_project_item_new ("Blacha", 1500, "m²", 1250, NULL);
  GtkWidget *widget;

  g_assert_no_error (error);
  widget = g_object_ref_sink (crm_project_item_row_new (item));
  g_assert_finalize_object (widget);
  widget = g_object_ref_sink (g_object_new (CRM_TYPE_TICKET_PROJECTS, NULL));
  crm_ticket_projects_set_session (CRM_TICKET_PROJECTS (widget), session);
  g_assert_finalize_object (widget);
  widget = g_object_ref (crm_project_dialog_new (NULL, session, 1, "PLN"));
  gtk_window_destroy (GTK_WINDOW (widget));
  g_assert_finalize_object (widget);
  g_clear_object (&session);
  crm_test_remove_data_dir (dir);
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

  g_test_add_func ("/projects-ui/widgets-finalize", test_widgets_finalize);
  g_test_add ("/projects-ui/create-and-close", Fixture, NULL, fixture_set_up, test_create_and_close,
              fixture_tear_down);

  return g_test_run ();
}
