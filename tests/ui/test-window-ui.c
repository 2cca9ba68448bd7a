/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "crm-test-util.h"
#include "crm-ui-test-util.h"

#include "crm.h"
#include "crm-close-ticket-dialog.h"
#include "crm-contact-detail.h"
#include "crm-deleted-tickets-dialog.h"
#include "crm-forward-ticket-dialog.h"
#include "crm-merge-ticket-dialog.h"
#include "crm-move-ticket-dialog.h"
#include "crm-names-dropdown.h"
#include "crm-outcomes-window.h"
#include "crm-print-ticket-dialog.h"
#include "crm-conversation-row.h"
#include "crm-format.h"
#include "crm-stale-searches-portlet.h"
#include "crm-start-page.h"
#include "crm-tickets-page.h"
#include "crm-ticket-view.h"
#include "crm-window.h"

/* The window as a user meets it: long texts that must stay inside it,
 * and keys typed into it for real (xdotool, through the X server), not
 * actions activated from the test. */

typedef struct
{
  char      *dir;
  CrmSession  *session;
  CrmUser   *user;
  CrmWindow *window;
  gint64     ticket;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);
  const char *subject = data;

  fixture->dir = g_dir_make_tmp ("crm-window-ui-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->session = crm_session_open_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), "Ewa Nowak", "ewa@example.com", CRM_ROLE_ADMIN, &error), >, 0);
  fixture->user = crm_user_store_find (crm_user_store_from_session (fixture->session), "1", &error);
  g_assert_no_error (error);

  crm_contact_set_name (client, "Anna Kowalska");
  crm_contact_set_emails (client, (const char *[]) { "anna@example.com", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), client, &error));
  crm_session_set_user_id (fixture->session, crm_user_get_id (fixture->user));
  fixture->ticket = crm_ticket_store_create (crm_ticket_store_from_session (fixture->session), subject, 1, NULL, crm_contact_get_id (client),
                                          "Proszę o kontakt.", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->ticket, >, 0);

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

static CrmTicketsPage *
tickets_page (Fixture *fixture)
{
  return CRM_TICKETS_PAGE (find_child (GTK_WIDGET (fixture->window), CRM_TYPE_TICKETS_PAGE, NULL));
}

/* A 10,000-character subject (one word, so that nothing breaks it)
 * stays inside the window: the window keeps its size, within the
 * screen, when the ticket is opened, and again when it is opened a
 * second time. */
static void
test_long_subject (Fixture       *fixture,
                   gconstpointer  data)
{
  CrmTicketsPage *page = tickets_page (fixture);

  for (guint round = 0; round < 2; round++)
    {
      crm_tickets_page_show_ticket (page, fixture->ticket);
      take_screenshot (GTK_WIDGET (fixture->window), "ticket-long-subject");
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 1280);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture->window)), <=, 900);
      crm_tickets_page_show_ticket (page, 0);
      wait_for_frame (GTK_WIDGET (fixture->window));
    }
}

/* Ctrl+Enter typed in the composer sends what it holds (here an
 * internal comment), instead of adding a new line to it. */
static void
test_ctrl_enter (Fixture       *fixture,
                 gconstpointer  data)
{
  CrmTicketsPage *page = tickets_page (fixture);
  CrmTicketView *view = crm_tickets_page_get_view (page);
  GtkTextView *composer = crm_ticket_view_get_composer (view);
  GtkWidget *comment = find_tooltip (GTK_WIDGET (view), GTK_TYPE_CHECK_BUTTON,
                                    "Saved in the ticket for the office, never sent to the client");
  g_autofree char *xid = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter start, end;
  g_autofree char *left = NULL;
  gboolean found = FALSE;
  gint64 deadline;

  crm_tickets_page_show_ticket (page, fixture->ticket);
  wait_for_frame (GTK_WIDGET (fixture->window));
  g_assert_true (GTK_IS_CHECK_BUTTON (comment));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (comment), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (composer));
  wait_for_frame (GTK_WIDGET (fixture->window));

  xid = window_xid (GTK_WIDGET (fixture->window));
  xdotool ("windowfocus", "--sync", xid, NULL);
  xdotool ("type", "--delay", "20", "Called back, all clear", NULL);
  xdotool ("key", "ctrl+Return", NULL);

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!found && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_clear_pointer (&comments, g_ptr_array_unref);
      comments = crm_ticket_store_list_comments (crm_ticket_store_from_session (fixture->session), fixture->ticket, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < comments->len; i++)
        {
          CrmTicketComment *c = g_ptr_array_index (comments, i);

          if (c->internal && g_strcmp0 (c->body, "Called back, all clear") == 0)
            found = TRUE;
        }
    }
  take_screenshot (GTK_WIDGET (fixture->window), "ticket-ctrl-enter");
  g_assert_true (found);

  /* and the composer is empty again, with no new line left in it */
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (composer), &start, &end);
  left = gtk_text_buffer_get_text (gtk_text_view_get_buffer (composer), &start, &end, FALSE);
  g_assert_cmpstr (left, ==, "");
}

static gboolean
label_with_text (GtkWidget  *root,
                 const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_drawable (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (label_with_text (child, text))
      return TRUE;

  return FALSE;
}

/* A ticket's card is read on a worker: opening one returns at once,
 * the card takes no action while the next ticket is read, and a ticket
 * left before its read ends is never shown over the one chosen after. */
static void
test_card_read_aside (Fixture       *fixture,
                      gconstpointer  data)
{
  CrmTicketsPage *page = tickets_page (fixture);
  CrmTicketView *view = crm_tickets_page_get_view (page);
  GtkWidget *stack = gtk_widget_get_first_child (GTK_WIDGET (view));
  g_autoptr(GError) error = NULL;
  gint64 busy;

  busy = crm_ticket_store_create (crm_ticket_store_from_session (fixture->session), "Długa rozmowa", 1, NULL, 1, "Pierwsza wiadomość.", 0, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *text = g_strdup_printf ("Notatka %u", i);

      g_assert_true (crm_ticket_store_comment (crm_ticket_store_from_session (fixture->session), busy, text, &error));
      g_assert_no_error (error);
    }

  crm_tickets_page_show_ticket (page, fixture->ticket);
  wait_for_frame (GTK_WIDGET (fixture->window));
  g_assert_true (label_with_text (GTK_WIDGET (view), "Oddzwonić"));
  g_assert_true (gtk_widget_get_sensitive (stack));

  /* asked for, not yet read: the main loop did not read it */
  crm_tickets_page_show_ticket (page, busy);
  g_assert_cmpuint (crm_session_count_reading (), >, 0);
  g_assert_false (gtk_widget_get_sensitive (stack));
  /* the user moves on before it is read */
  crm_tickets_page_show_ticket (page, fixture->ticket);
  wait_for_frame (GTK_WIDGET (fixture->window));
  g_assert_true (gtk_widget_get_sensitive (stack));
  g_assert_true (label_with_text (GTK_WIDGET (view), "Oddzwonić"));
  g_assert_false (label_with_text (GTK_WIDGET (view), "Notatka 299"));

  crm_tickets_page_show_ticket (page, busy);
  wait_for_frame (GTK_WIDGET (fixture->window));
  g_assert_true (label_with_text (GTK_WIDGET (view), "Długa rozmowa"));
  g_assert_true (label_with_text (GTK_WIDGET (view), "Notatka 299"));
  /* it opens at its newest entry, really scrolled there */
  {
    GtkWidget *list = find_child (GTK_WIDGET (view), GTK_TYPE_LIST_BOX, NULL);
    GtkWidget *scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
    graphene_point_t at;

    g_assert_true (gtk_widget_compute_point (gtk_widget_get_last_child (list), scroller,
                                             &GRAPHENE_POINT_INIT (0, 0), &at));
    g_assert_cmpfloat (at.y, >=, 0);
    g_assert_cmpfloat (at.y, <, gtk_widget_get_height (scroller));
  }
  take_screenshot (GTK_WIDGET (fixture->window), "ticket-read-aside");
}

static void
assert_formats (int         year,
                int         month,
                int         day,
                int         hour,
                const char *expected)
{
  g_autoptr(GDateTime) then = g_date_time_new_local (year, month, day, hour, 5, 0);
  g_autofree char *text = crm_format_date_time (g_date_time_to_unix (then));

  g_assert_cmpstr (text, ==, expected);
}

/* Every moment is written one way, by the office clock and the user's
 * language: not m/d/y in lists and ISO on cards. */
static void
test_dates (void)
{
  CrmClock *clock = crm_clock_get_default ();
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 12, 2, 15, 30, 0);
  g_autoptr(GDateTime) was = crm_clock_now (clock);

  crm_clock_set_fixed (clock, now);
  assert_formats (2026, 12, 2, 9, "09:05");
  assert_formats (2026, 12, 1, 23, "Yesterday 23:05");
  assert_formats (2026, 12, 3, 8, "Tomorrow 08:05");
  assert_formats (2026, 3, 1, 10, "1 Mar 10:05");
  assert_formats (2025, 12, 24, 10, "24 Dec 2025 10:05");
  /* the contact card's and the offers' dates are the same */
  {
    g_autoptr(GDateTime) then = g_date_time_new_local (2026, 3, 1, 10, 5, 0);
    g_autofree char *text = crm_format_date_time (g_date_time_to_unix (then));

    g_assert_cmpstr (text, ==, "1 Mar 10:05");
  }
  crm_clock_set_fixed (clock, was);
}

/* TK1, TK9: what a client asked by letter, recorded with Save, is the
 * client's own message in the conversation, saying who entered it and
 * how it came, never an internal comment. */
static void
test_request_on_behalf (Fixture       *fixture,
                        gconstpointer  data)
{
  CrmTicketsPage *page = tickets_page (fixture);
  GtkWidget *dialog = crm_tickets_page_new_ticket (page);
  GtkWidget *to = find_child (dialog, ADW_TYPE_ENTRY_ROW, "Client (address, or a contact’s name)");
  GtkWidget *subject = find_child (dialog, ADW_TYPE_ENTRY_ROW, "Subject");
  GtkWidget *source = find_child (dialog, ADW_TYPE_COMBO_ROW, "Request Came By");
  GtkWidget *text = find_child (dialog, GTK_TYPE_TEXT_VIEW, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) mail = NULL;
  g_autoptr(CrmMessage) message = NULL;
  g_autoptr(CrmTicket) ticket = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  gint64 id;

  g_assert_nonnull (source);
  gtk_editable_set_text (GTK_EDITABLE (to), "Anna Kowalska");
  gtk_editable_set_text (GTK_EDITABLE (subject), "Umowa najmu");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text)), "Proszę o przedłużenie umowy.", -1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (source), 4);   /* Letter */
  crm_test_settle ();
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  take_screenshot (dialog, "ticket-new-on-behalf");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  crm_test_settle ();

  id = crm_tickets_page_get_selected_id (page);
  if (id == 0)
    {
      g_autoptr(CrmTicket) top = g_list_model_get_item (G_LIST_MODEL (crm_tickets_page_get_list (page)), 0);

      id = crm_ticket_get_id (top);
    }
  ticket = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), id, 0, &error);
  g_assert_cmpstr (crm_ticket_get_subject (ticket), ==, "Umowa najmu");
  g_assert_cmpstr (crm_ticket_get_source (ticket), ==, "letter");
  mail = crm_message_store_list_ticket_mail (crm_message_store_from_session (fixture->session), id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (mail), ==, 1);
  message = g_list_model_get_item (mail, 0);
  g_assert_cmpstr (crm_message_get_direction (message), ==, "in");
  comments = crm_ticket_store_list_comments (crm_ticket_store_from_session (fixture->session), id, &error);
  for (guint i = 0; i < comments->len; i++)
    g_assert_false (((CrmTicketComment *) g_ptr_array_index (comments, i))->internal);

  crm_tickets_page_show_ticket (page, id);
  wait_for_frame (GTK_WIDGET (fixture->window));
  take_screenshot (GTK_WIDGET (fixture->window), "ticket-on-behalf");
}

/* The toggle of the properties beside the conversation. */
static GtkWidget *
properties_button (GtkWidget *root)
{
  if (GTK_IS_TOGGLE_BUTTON (root) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (root), "Show or Hide the Properties") == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = properties_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The rows of the conversation shown, in order. */
static GPtrArray *
conversation_rows (Fixture *fixture)
{
  GtkWidget *first = find_child (GTK_WIDGET (fixture->window), CRM_TYPE_CONVERSATION_ROW, NULL);
  GPtrArray *rows = g_ptr_array_new ();

  g_assert_nonnull (first);
  for (GtkWidget *row = gtk_widget_get_first_child (gtk_widget_get_parent (first)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (CRM_IS_CONVERSATION_ROW (row))
      g_ptr_array_add (rows, row);

  return rows;
}

/* A ticket read again after a change keeps the rows of its conversation
 * that show the same as before (a long conversation is not made and
 * laid out anew for one line more), makes anew only what changed (a
 * message folded now that a newer one came), and keeps the order. */
static void
test_conversation_kept (Fixture       *fixture,
                        gconstpointer  data)
{
  CrmTicketStore *store = crm_ticket_store_from_session (fixture->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) closed = NULL;
  g_autoptr(GPtrArray) commented = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gboolean folded;

  g_assert_true (crm_ticket_store_comment (store, fixture->ticket, "Oddzwoniłam, bez odpowiedzi.", &error));
  g_assert_true (crm_ticket_store_comment (store, fixture->ticket, "Drugi telefon jutro.", &error));
  crm_window_show_ticket (fixture->window, fixture->ticket);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  before = conversation_rows (fixture);
  g_assert_cmpuint (before->len, >=, 3);
  /* held: a row made anew must not take a gone one's address */
  g_ptr_array_set_free_func (before, g_object_unref);
  for (guint i = 0; i < before->len; i++)
    g_object_ref (g_ptr_array_index (before, i));

  /* the user opens the first message with the mouse: it stays open
   * across reads */
  click (GTK_WIDGET (fixture->window), g_ptr_array_index (before, 0));
  crm_test_settle ();

  g_assert_true (crm_ticket_store_set (store, fixture->ticket, "closed", NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  closed = conversation_rows (fixture);
  /* one line more (the status changed), every row before it the same */
  g_assert_cmpuint (closed->len, ==, before->len + 1);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (g_ptr_array_index (closed, i) == g_ptr_array_index (before, i));

  g_assert_true (crm_ticket_store_comment (store, fixture->ticket, "Klient oddzwonił.", &error));
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  commented = conversation_rows (fixture);
  g_assert_cmpuint (commented->len, ==, closed->len + 1);
  /* the first message kept, open as the user left it */
  g_assert_true (g_ptr_array_index (commented, 0) == g_ptr_array_index (before, 0));
  g_assert_true (crm_conversation_row_toggle (g_ptr_array_index (commented, 0), &folded));
  g_assert_true (folded);
  /* the comment that was the newest is folded now: made anew */
  g_assert_false (g_ptr_array_find (commented, g_ptr_array_index (before, before->len - 1), NULL));

  /* in the conversation's order, each entry once */
  entries = crm_ticket_timeline_read (fixture->session, fixture->ticket, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, commented->len);
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpstr (crm_conversation_row_get_key (g_ptr_array_index (commented, i)), ==,
                     ((CrmTimelineEntry *) g_ptr_array_index (entries, i))->key);
  take_screenshot (GTK_WIDGET (fixture->window), "conversation-kept");
}

static CrmWindow *
open_remembering_window (Fixture   *fixture,
                         GSettings *settings)
{
  CrmWindow *window = crm_window_new (NULL, fixture->session, settings);

  crm_window_set_user (window, fixture->user);
  crm_window_show_ticket (window, fixture->ticket);
  gtk_window_present (GTK_WINDOW (window));
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (window));

  return window;
}

/* Defect 11: the window's size and the properties pane are as the user
 * left them when the window opens again; both changed for real, by
 * resizing the X window and clicking the toggle with the mouse. */
static void
test_remembered (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.example.Crm");
  CrmWindow *window;
  GtkWidget *toggle;
  g_autofree char *xid = NULL;
  gboolean shown;
  int width = 0, height = 0, initial_width, resized_width, resized_height;
  gint64 deadline;

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
  g_settings_reset (settings, "ticket-properties-shown");

  window = open_remembering_window (fixture, settings);
  xid = window_xid (GTK_WIDGET (window));

  /* the window made larger, as a window manager would (the X window
   * holds the client-side shadow around the widget too) */
  initial_width = gtk_widget_get_width (GTK_WIDGET (window));
  xdotool ("windowsize", "--sync", xid, "1700", "900", NULL);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gtk_widget_get_width (GTK_WIDGET (window)) == initial_width && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  wait_for_frame (GTK_WIDGET (window));
  resized_width = gtk_widget_get_width (GTK_WIDGET (window));
  g_test_message ("resized to %d x %d", resized_width, gtk_widget_get_height (GTK_WIDGET (window)));
  resized_height = gtk_widget_get_height (GTK_WIDGET (window));
  g_assert_cmpint (resized_width, >, initial_width);

  /* wide enough for the pane beside the conversation */
  g_assert_false (adw_flap_get_folded (ADW_FLAP (find_child (find_child (GTK_WIDGET (window), CRM_TYPE_TICKET_VIEW, NULL),
                                                             ADW_TYPE_FLAP, NULL))));

  /* the properties hidden (or shown) with a click */
  toggle = properties_button (GTK_WIDGET (window));
  g_assert_nonnull (toggle);
  g_assert_true (gtk_widget_is_drawable (toggle));
  shown = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle));
  click (GTK_WIDGET (window), toggle);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)) == shown && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)), !=, shown);
  take_screenshot (GTK_WIDGET (window), "window-remembered-before");

  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  crm_test_settle ();
  g_assert_finalize_object (window);

  /* opened again: the same size, the pane as it was left */
  window = open_remembering_window (fixture, settings);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, g_settings_get_int (settings, "window-width"));
  g_assert_cmpint (height, ==, g_settings_get_int (settings, "window-height"));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, resized_width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, resized_height);
  toggle = properties_button (GTK_WIDGET (window));
  g_assert_nonnull (toggle);
  g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)), !=, shown);
  take_screenshot (GTK_WIDGET (window), "window-remembered-after");
  gtk_window_destroy (GTK_WINDOW (window));
  crm_test_settle ();
}

static GtkWidget *
shortcuts_group (GtkWidget  *root,
                 const char *title)
{
  if (GTK_IS_SHORTCUTS_GROUP (root))
    {
      g_autofree char *group_title = NULL;

      g_object_get (root, "title", &group_title, NULL);
      if (g_strcmp0 (group_title, title) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = shortcuts_group (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Defect 19: Ctrl+? typed into the window shows the shortcuts, the
 * tickets' among them; the window is built only when first asked for. */
static void
test_shortcuts (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *xid = window_xid (GTK_WIDGET (fixture->window));
  GtkWidget *shortcuts = NULL;
  gint64 deadline;

  xdotool ("windowfocus", "--sync", xid, NULL);
  xdotool ("key", "ctrl+question", NULL);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (shortcuts == NULL && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

          if (GTK_IS_SHORTCUTS_WINDOW (toplevel) && gtk_widget_get_visible (toplevel))
            shortcuts = toplevel;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (shortcuts)) == GTK_WINDOW (fixture->window));
  g_assert_nonnull (shortcuts_group (shortcuts, "Tickets and requests"));
  take_screenshot (shortcuts, "shortcuts");
  gtk_window_close (GTK_WINDOW (shortcuts));
}

/* The Start page of whoever worked last is read under the user
 * chooser; when they pick their name it is there, not read again. */
static void
test_last_user_ready (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.example.Crm");
  g_autoptr(CrmUser) same = NULL;
  g_autoptr(GError) error = NULL;
  CrmWindow *window;
  CrmStartPage *start = NULL;
  CrmStaleSearchesPortlet *stale = NULL;
  GListModel *read_ahead;
  gint64 deadline;

  g_settings_set_int64 (settings, "last-user", crm_user_get_id (fixture->user));
  window = crm_window_new (NULL, fixture->session, settings);
  crm_window_show_page (window, "start");
  gtk_window_present (GTK_WINDOW (window));

  /* nobody works yet: the page is built and read under the chooser */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      GtkWidget *found = find_child (GTK_WIDGET (window), CRM_TYPE_START_PAGE, NULL);

      start = found != NULL ? CRM_START_PAGE (found) : NULL;
      stale = start ? CRM_STALE_SEARCHES_PORTLET (crm_start_page_get_portlet (start, "stale-searches")) : NULL;
      if (stale != NULL && crm_stale_searches_portlet_get_searches (stale) != NULL &&
          crm_session_count_reading () == 0)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_nonnull (stale);
  g_assert_null (crm_window_get_user (window));
  read_ahead = crm_stale_searches_portlet_get_searches (stale);
  g_assert_nonnull (read_ahead);

  /* they pick their name (another object for the same user) */
  same = crm_user_store_get (crm_user_store_from_session (fixture->session), crm_user_get_id (fixture->user), &error);
  g_assert_no_error (error);
  crm_window_set_user (window, same);
  /* nothing left to read: the page and the sidebar's count of their
   * unread tickets were read under the chooser */
  g_assert_cmpuint (crm_session_count_reading (), ==, 0);
  crm_test_settle ();
  g_assert_true (crm_stale_searches_portlet_get_searches (stale) == read_ahead);
  take_screenshot (GTK_WIDGET (window), "start-last-user");

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  crm_test_settle ();
  g_assert_finalize_object (window);
}

/* Whether the ticket's status kind is @kind, waited for. */
static gboolean
wait_for_status (Fixture    *fixture,
                 const char *kind)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(CrmTicket) ticket = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session),
                                                          fixture->ticket, 0, NULL);

      if (ticket != NULL && g_strcmp0 (crm_ticket_get_status_kind (ticket), kind) == 0)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }

  return FALSE;
}

/* "Close Ticket" asks how it ended (issue 14): the user clicks it,
 * picks "Won't Buy" and the office's reason with the mouse, and closes;
 * the ticket is closed so, and Undo on the toast opens it again. */
static void
test_close_with_reason (Fixture       *fixture,
                        gconstpointer  data)
{
  CrmTicketStore *store = crm_ticket_store_from_session (fixture->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicket) closed = NULL;
  GtkWidget *view, *close_button, *dialog, *wont_buy, *confirm, *undo;

  g_assert_cmpint (crm_ticket_store_add_close_reason (store, "Za drogo", &error), >, 0);
  g_assert_cmpint (crm_ticket_store_add_close_reason (store, "Kupił gdzie indziej", &error), >, 0);
  g_assert_no_error (error);
  crm_window_show_ticket (fixture->window, fixture->ticket);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));

  view = find_child (GTK_WIDGET (fixture->window), CRM_TYPE_TICKET_VIEW, NULL);
  close_button = find_child (view, GTK_TYPE_BUTTON, "_Close Ticket");
  g_assert_nonnull (close_button);
  click (GTK_WIDGET (fixture->window), close_button);
  dialog = wait_for_toplevel (CRM_TYPE_CLOSE_TICKET_DIALOG);
  g_assert_nonnull (dialog);

  /* a helpdesk ticket: "Solved" to begin with; the user picks Won't Buy */
  wont_buy = find_child (dialog, ADW_TYPE_ACTION_ROW, "Won’t _Buy");
  g_assert_nonnull (wont_buy);
  click (dialog, wont_buy);
  crm_test_settle ();
  wait_for_frame (dialog);
  g_assert_true (gtk_widget_get_sensitive (find_child (wont_buy, GTK_TYPE_DROP_DOWN, NULL)));
  take_screenshot (dialog, "close-ticket-dialog");

  confirm = find_child (dialog, GTK_TYPE_BUTTON, "_Close");
  g_assert_nonnull (confirm);
  click (dialog, confirm);
  g_assert_true (wait_for_status (fixture, "closed"));
  closed = crm_ticket_store_get (store, fixture->ticket, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_ticket_get_outcome (closed), ==, "wont_buy");
  g_assert_cmpstr (crm_ticket_get_close_reason (closed), ==, "Za drogo");

  /* the toast's Undo, clicked */
  undo = wait_for_undo (GTK_WIDGET (fixture->window));
  wait_for_frame (GTK_WIDGET (fixture->window));
  take_screenshot (GTK_WIDGET (fixture->window), "close-ticket-undo");
  click (GTK_WIDGET (fixture->window), undo);
  g_assert_true (wait_for_status (fixture, "new"));
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  g_assert_nonnull (find_child (view, GTK_TYPE_BUTTON, "_Close Ticket"));
}

/* The drop-down whose names include @name. */
static GtkWidget *
names_dropdown (GtkWidget  *root,
                const char *name)
{
  const char * const *names;

  if (GTK_IS_DROP_DOWN (root) && (names = g_object_get_data (G_OBJECT (root), "crm-names")) != NULL &&
      g_strv_contains (names, name))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = names_dropdown (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Another queue chosen asks whom the ticket goes to there (TK16):
 * nobody to begin with; moved with the one chosen, and Undo puts both
 * back. Cancelled, the queue shown is the ticket's again. */
static void
test_move_queue (Fixture       *fixture,
                 gconstpointer  data)
{
  CrmTicketStore *store = crm_ticket_store_from_session (fixture->session);
  g_autoptr(GError) error = NULL;
  GtkWidget *view, *queues, *dialog, *undo;
  gint64 jan, deadline;
  guint serwis = G_MAXUINT;

  g_assert_cmpint (crm_ticket_store_add_queue (store, "Serwis", &error), >, 0);
  jan = crm_user_store_add (crm_user_store_from_session (fixture->session), "Jan Kos", "jan@example.com",
                            CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  g_assert_true (crm_ticket_store_assign (store, fixture->ticket, crm_user_get_id (fixture->user), &error));
  crm_window_show_ticket (fixture->window, fixture->ticket);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  view = find_child (GTK_WIDGET (fixture->window), CRM_TYPE_TICKET_VIEW, NULL);
  queues = names_dropdown (view, "Serwis");
  g_assert_nonnull (queues);
  {
    const char * const *names = g_object_get_data (G_OBJECT (queues), "crm-names");

    for (guint i = 0; names[i] != NULL; i++)
      if (g_str_equal (names[i], "Serwis"))
        serwis = i;
  }

  /* changed their mind */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (queues), serwis);
  dialog = wait_for_toplevel (CRM_TYPE_MOVE_TICKET_DIALOG);
  g_assert_nonnull (dialog);
  click (dialog, find_child (dialog, GTK_TYPE_BUTTON, "_Cancel"));
  crm_test_settle ();
  g_assert_cmpstr (crm_names_dropdown_get_name (GTK_DROP_DOWN (queues)), ==, "Inbox");

  /* moved, to Jan */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (queues), serwis);
  dialog = wait_for_toplevel (CRM_TYPE_MOVE_TICKET_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_child (dialog, ADW_TYPE_COMBO_ROW, NULL))), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_child (dialog, ADW_TYPE_COMBO_ROW, NULL)), 2);
  wait_for_frame (dialog);
  take_screenshot (dialog, "move-ticket-dialog");
  click (dialog, find_child (dialog, GTK_TYPE_BUTTON, "_Move"));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr(CrmTicket) ticket = crm_ticket_store_get (store, fixture->ticket, 0, NULL);

      if (g_strcmp0 (crm_ticket_get_queue (ticket), "Serwis") == 0 || g_get_monotonic_time () > deadline)
        {
          g_assert_cmpstr (crm_ticket_get_queue (ticket), ==, "Serwis");
          g_assert_cmpint (crm_ticket_get_assignee_id (ticket), ==, jan);
          break;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }

  undo = wait_for_undo (GTK_WIDGET (fixture->window));
  wait_for_frame (GTK_WIDGET (fixture->window));
  click (GTK_WIDGET (fixture->window), undo);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr(CrmTicket) ticket = crm_ticket_store_get (store, fixture->ticket, 0, NULL);

      if (g_strcmp0 (crm_ticket_get_queue (ticket), "Inbox") == 0 || g_get_monotonic_time () > deadline)
        {
          g_assert_cmpstr (crm_ticket_get_queue (ticket), ==, "Inbox");
          g_assert_cmpint (crm_ticket_get_assignee_id (ticket), ==, crm_user_get_id (fixture->user));
          break;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

/* A count from the test's database. */
static gint64
count_sql (Fixture    *fixture,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (fixture->session),
                                                       g_intern_string (sql), &error);

  g_assert_no_error (error);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);

  return crm_statement_get_int64 (stmt, 0);
}

/* Waits until @sql counts @expected, or 10 s. */
static void
wait_for_count (Fixture    *fixture,
                const char *sql,
                gint64      expected)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (count_sql (fixture, sql) != expected && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpint (count_sql (fixture, sql), ==, expected);
}

/* "Forward…" from the ticket's menu (TK18): the address typed for real,
 * Forward disabled while it is not one; the note typed; Forward clicked.
 * The forward is in the conversation ("Forwarded to …") and waits in the
 * undo window: Undo on the toast takes it back, out of the
 * conversation and the outbox. */
static void
test_forward_ticket (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) account = NULL;
  g_autofree char *forwards = g_strdup_printf ("SELECT count (*) FROM messages WHERE ticket_id = %" G_GINT64_FORMAT
                                               " AND role = 'forward'", fixture->ticket);
  GtkWidget *view, *dialog, *to, *note, *undo;

  account = crm_database_prepare (crm_session_get_database (fixture->session),
                                  "INSERT INTO accounts (id, address, address_norm, imap_host, imap_port, imap_security, "
                                  "smtp_host, smtp_port, smtp_security, username, created_at) VALUES (1, "
                                  "'office@example.com', 'office@example.com', '127.0.0.1', 993, 'tls', '127.0.0.1', 465, "
                                  "'tls', 'office', 0)",
                                  &error);
  g_assert_no_error (error);
  g_assert_true (crm_database_step_done (crm_session_get_database (fixture->session), account, &error));
  g_assert_no_error (error);

  crm_window_show_ticket (fixture->window, fixture->ticket);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  view = find_child (GTK_WIDGET (fixture->window), CRM_TYPE_TICKET_VIEW, NULL);
  choose_from_ticket_menu (GTK_WIDGET (fixture->window), view, "_Forward…");
  dialog = wait_for_toplevel (CRM_TYPE_FORWARD_TICKET_DIALOG);
  g_assert_nonnull (dialog);
  crm_test_settle ();
  wait_for_frame (dialog);

  to = find_child (dialog, ADW_TYPE_ENTRY_ROW, "_To");
  g_assert_nonnull (to);
  click (dialog, to);
  xdotool ("type", "--delay", "20", "serwis@", NULL);
  crm_test_settle ();
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "forward"));
  wait_for_frame (dialog);
  take_screenshot (dialog, "forward-ticket-bad-address");
  xdotool ("type", "--delay", "20", "dostawca.example", NULL);
  crm_test_settle ();
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "forward"));
  /* the problem said no more, the dialog shrinks back */
  wait_for_natural_height (dialog);

  note = find_child (dialog, GTK_TYPE_TEXT_VIEW, NULL);
  click (dialog, note);
  xdotool ("type", "--delay", "20", "Please check the pump", NULL);
  crm_test_settle ();
  wait_for_frame (dialog);
  take_screenshot (dialog, "forward-ticket-dialog");
  click (dialog, find_child (dialog, GTK_TYPE_BUTTON, "_Forward"));

  wait_for_count (fixture, forwards, 1);
  undo = wait_for_undo (GTK_WIDGET (fixture->window));
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  take_screenshot (GTK_WIDGET (fixture->window), "forward-ticket-forwarded");
  g_assert_cmpint (count_sql (fixture, "SELECT count (*) FROM outbox WHERE recipients = 'serwis@dostawca.example' "
                                       "AND state = 'waiting'"), ==, 1);

  click (GTK_WIDGET (fixture->window), undo);
  wait_for_count (fixture, forwards, 0);
  g_assert_cmpint (count_sql (fixture, "SELECT count (*) FROM outbox WHERE state = 'cancelled'"), ==, 1);
}

/* "Merge Into Another Ticket…" from the ticket's menu, opened with the
 * mouse, the item clicked: the client's other ticket picked in the
 * dialog with the mouse; merged, and the toast's Undo gives both
 * back (TK19). */
static void
test_merge_tickets (Fixture       *fixture,
                    gconstpointer  data)
{
  CrmTicketStore *store = crm_ticket_store_from_session (fixture->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicket) first = crm_ticket_store_get (store, fixture->ticket, 0, &error);
  GtkWidget *view, *dialog, *row, *undo;
  gint64 second, deadline;

  second = crm_ticket_store_create (store, "Jeszcze raz o mieszkaniu", 1, NULL, crm_ticket_get_client_id (first),
                                    "Czy mieszkanie jest wolne?", 0, NULL, &error);
  g_assert_no_error (error);
  /* the office tells clients by default (Preferences › Tickets) */
  g_assert_true (crm_ticket_store_set_merge_notice (store, TRUE, 0, &error));
  g_assert_no_error (error);
  crm_window_show_ticket (fixture->window, second);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  view = find_child (GTK_WIDGET (fixture->window), CRM_TYPE_TICKET_VIEW, NULL);
  choose_from_ticket_menu (GTK_WIDGET (fixture->window), view, "_Merge Into Another Ticket…");
  dialog = wait_for_toplevel (CRM_TYPE_MERGE_TICKET_DIALOG);
  g_assert_nonnull (dialog);
  crm_test_settle ();
  wait_for_frame (dialog);
  {
    GtkWidget *notify = find_child (dialog, GTK_TYPE_SWITCH, NULL);

    /* on, as the office chose; this time the user turns it off */
    g_assert_true (gtk_switch_get_active (GTK_SWITCH (notify)));
    click (dialog, notify);
    crm_test_settle ();
    g_assert_false (gtk_switch_get_active (GTK_SWITCH (notify)));
  }

  /* the other ticket, chosen with the mouse */
  row = find_child (dialog, ADW_TYPE_ACTION_ROW, NULL);
  while (row != NULL && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "_Tell the Client") == 0)
    row = NULL;
  g_assert_nonnull (row);
  click (dialog, row);
  crm_test_settle ();
  wait_for_frame (dialog);
  take_screenshot (dialog, "merge-ticket-dialog");
  click (dialog, find_child (dialog, GTK_TYPE_BUTTON, "_Merge"));

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr(CrmTicket) merged = crm_ticket_store_get (store, second, 0, NULL);

      if (crm_ticket_get_merged_into (merged) == fixture->ticket || g_get_monotonic_time () > deadline)
        {
          g_assert_cmpint (crm_ticket_get_merged_into (merged), ==, fixture->ticket);
          break;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }

  undo = wait_for_undo (GTK_WIDGET (fixture->window));
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  take_screenshot (GTK_WIDGET (fixture->window), "merge-ticket-merged");
  click (GTK_WIDGET (fixture->window), undo);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr(CrmTicket) back = crm_ticket_store_get (store, second, 0, NULL);

      if (crm_ticket_get_merged_into (back) == 0 || g_get_monotonic_time () > deadline)
        {
          g_assert_cmpint (crm_ticket_get_merged_into (back), ==, 0);
          g_assert_cmpstr (crm_ticket_get_status_kind (back), !=, "closed");
          break;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

static gint64
count_tickets (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CrmTicketFilter all = { 0 };
  guint n = crm_ticket_store_count (crm_ticket_store_from_session (fixture->session), &all, &error);

  g_assert_no_error (error);

  return n;
}

/* "Split Into a New Ticket" under a client's message, clicked: a
 * ticket of its own; Undo on the toast removes it again (TK14). */
static void
test_split_message (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *view, *split, *undo;
  gint64 deadline;

  crm_window_show_ticket (fixture->window, fixture->ticket);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  view = find_child (GTK_WIDGET (fixture->window), CRM_TYPE_TICKET_VIEW, NULL);
  split = find_child (view, GTK_TYPE_BUTTON, "_Split Into a New Ticket");
  g_assert_nonnull (split);
  g_assert_true (gtk_widget_is_drawable (split));
  take_screenshot (GTK_WIDGET (fixture->window), "split-message");
  click (GTK_WIDGET (fixture->window), split);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (count_tickets (fixture) < 2 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpint (count_tickets (fixture), ==, 2);

  undo = wait_for_undo (GTK_WIDGET (fixture->window));
  /* the conversation says where the message went */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!label_with_text (view, "A message of this ticket was split into ticket #2") &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (label_with_text (view, "A message of this ticket was split into ticket #2"));
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  take_screenshot (GTK_WIDGET (fixture->window), "split-message-done");
  click (GTK_WIDGET (fixture->window), undo);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (count_tickets (fixture) > 1 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpint (count_tickets (fixture), ==, 1);
}

/* "Unpin the Client" from the ticket's menu with the mouse (TK21): the
 * card offers to add or link the sender; Undo pins the client again. */
static void
test_unpin_client (Fixture       *fixture,
                   gconstpointer  data)
{
  CrmTicketStore *store = crm_ticket_store_from_session (fixture->session);
  GtkWidget *view, *undo;
  gint64 deadline;

  crm_window_show_ticket (fixture->window, fixture->ticket);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  view = find_child (GTK_WIDGET (fixture->window), CRM_TYPE_TICKET_VIEW, NULL);
  choose_from_ticket_menu (GTK_WIDGET (fixture->window), view, "_Unpin the Client");

  /* the card offers to add or link the sender again */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!gtk_widget_is_drawable (find_child (view, GTK_TYPE_BUTTON, "_Link…")) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_is_drawable (find_child (view, GTK_TYPE_BUTTON, "_Link…")));
  {
    g_autoptr(CrmTicket) ticket = crm_ticket_store_get (store, fixture->ticket, 0, NULL);

    g_assert_cmpint (crm_ticket_get_client_id (ticket), ==, 0);
  }
  undo = find_child (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo);
  wait_for_frame (GTK_WIDGET (fixture->window));
  take_screenshot (GTK_WIDGET (fixture->window), "unpin-client");
  click (GTK_WIDGET (fixture->window), undo);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gtk_widget_is_drawable (find_child (view, GTK_TYPE_BUTTON, "_Link…")) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_is_drawable (find_child (view, GTK_TYPE_BUTTON, "_Open Contact")));
  {
    g_autoptr(CrmTicket) ticket = crm_ticket_store_get (store, fixture->ticket, 0, NULL);

    g_assert_cmpint (crm_ticket_get_client_id (ticket), !=, 0);
  }
}

/* The tickets page shown (the helpdesk's or the requests'). */
static GtkWidget *
drawable_tickets_page (GtkWidget *root)
{
  if (CRM_IS_TICKETS_PAGE (root) && gtk_widget_is_drawable (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = drawable_tickets_page (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* "How Requests Ended", opened with the mouse from the Requests page:
 * the outcomes, the reasons as bars and each manager's figures of this
 * month (RQ9). */
static void
test_outcomes (Fixture       *fixture,
               gconstpointer  data)
{
  CrmTicketStore *store = crm_ticket_store_from_session (fixture->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicket) first = crm_ticket_store_get (store, fixture->ticket, 0, &error);
  GtkWidget *page, *button, *window;
  gint64 deadline;

  g_assert_cmpint (crm_ticket_store_add_close_reason (store, "Za drogo", &error), >, 0);
  g_assert_cmpint (crm_ticket_store_add_close_reason (store, "Kupił gdzie indziej", &error), >, 0);
  for (guint i = 0; i < 4; i++)
    {
      gint64 id = crm_ticket_store_record_request (store, "Mieszkanie", 1, crm_ticket_get_client_id (first), "Cena?",
                                                   "phone", &error);

      g_assert_no_error (error);
      g_assert_true (crm_ticket_store_assign (store, id, crm_user_get_id (fixture->user), &error));
      g_assert_cmpint (crm_ticket_store_close (store, id, i == 0 ? CRM_TICKET_OUTCOME_WON : CRM_TICKET_OUTCOME_WONT_BUY,
                                               i == 3 ? "Kupił gdzie indziej" : "Za drogo", FALSE, &error), >, 0);
      g_assert_no_error (error);
    }

  crm_window_show_page (fixture->window, "requests");
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  page = drawable_tickets_page (GTK_WIDGET (fixture->window));
  g_assert_nonnull (page);
  {
    gboolean requests = FALSE;

    g_object_get (page, "requests", &requests, NULL);
    g_assert_true (requests);
  }
  button = find_tooltip (page, GTK_TYPE_BUTTON, "How Requests Ended: outcomes and reasons by manager");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (button));
  click (GTK_WIDGET (fixture->window), button);
  window = wait_for_toplevel (CRM_TYPE_OUTCOMES_WINDOW);
  g_assert_nonnull (window);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!crm_outcomes_window_is_read (CRM_OUTCOMES_WINDOW (window)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (crm_outcomes_window_is_read (CRM_OUTCOMES_WINDOW (window)));
  wait_for_frame (window);
  g_assert_nonnull (find_child (window, ADW_TYPE_ACTION_ROW, "Za drogo"));
  g_assert_nonnull (find_child (window, ADW_TYPE_ACTION_ROW, "Kupił gdzie indziej"));
  g_assert_nonnull (find_child (window, ADW_TYPE_ACTION_ROW, "Ewa Nowak"));
  g_assert_nonnull (find_child (window, GTK_TYPE_LEVEL_BAR, NULL));
  take_screenshot (window, "outcomes-window");
  gtk_window_close (GTK_WINDOW (window));
}

/* Whether a label shown under @root ends with @end. */
static gboolean
label_ending (GtkWidget  *root,
              const char *end)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_drawable (root) && g_str_has_suffix (gtk_label_get_text (GTK_LABEL (root)), end))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (label_ending (child, end))
      return TRUE;

  return FALSE;
}

/* A ticket whose mail, ours, has waited five days for the client's
 * answer is flagged in the list and on its card (RQ12). */
static void
test_no_answer_flag (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) wait = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE tickets SET awaiting_since = %" G_GINT64_FORMAT,
                                          g_get_real_time () / G_USEC_PER_SEC - 5 * 86400 - 60);
  GtkWidget *view;
  gint64 deadline;

  wait = crm_database_prepare (crm_session_get_database (fixture->session), g_intern_string (sql), &error);
  g_assert_no_error (error);
  g_assert_true (crm_database_step_done (crm_session_get_database (fixture->session), wait, &error));
  g_assert_no_error (error);
  crm_database_emit_changed (crm_session_get_database (fixture->session), "ticket", fixture->ticket);
  crm_window_show_ticket (fixture->window, fixture->ticket);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  view = find_child (GTK_WIDGET (fixture->window), CRM_TYPE_TICKET_VIEW, NULL);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!label_with_text (view, "#1 · Anna Kowalska · No answer for 5 days") && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (label_with_text (view, "#1 · Anna Kowalska · No answer for 5 days"));
  g_assert_true (label_ending (GTK_WIDGET (tickets_page (fixture)), " · no answer for 5 days"));
  take_screenshot (GTK_WIDGET (fixture->window), "no-answer-flag");
}

/* "Print…" from the ticket's menu with the mouse (TK15): the messages
 * to print checked in a dialog, printed (to a PDF file, as the print
 * dialog's "Print to File" does); the PDF's first page made a PNG to
 * look at. */
static void
test_print_ticket (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (screenshot_dir, "window-print.pdf", NULL);
  g_autofree char *png = g_build_filename (screenshot_dir, "window-print", NULL);
  g_autoptr(GSubprocess) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  GtkWidget *view, *dialog;
  gint64 deadline;

  g_remove (pdf);
  crm_window_show_ticket (fixture->window, fixture->ticket);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  view = find_child (GTK_WIDGET (fixture->window), CRM_TYPE_TICKET_VIEW, NULL);
  crm_ticket_view_set_print_to_file (CRM_TICKET_VIEW (view), pdf);
  choose_from_ticket_menu (GTK_WIDGET (fixture->window), view, "_Print…");
  dialog = wait_for_toplevel (CRM_TYPE_PRINT_TICKET_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_child (dialog, GTK_TYPE_CHECK_BUTTON, NULL))));
  take_screenshot (dialog, "print-ticket-dialog");
  click (dialog, find_child (dialog, GTK_TYPE_BUTTON, "_Print…"));

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!g_file_test (pdf, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  text = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "pdftotext", pdf, "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (text, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "Ticket #1: Oddzwonić"));
  g_assert_nonnull (strstr (out, "Proszę o kontakt."));
  g_clear_object (&text);
  text = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1",
                           "-singlefile", pdf, png, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (text, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
ticket_exists (Fixture *fixture)
{
  g_autoptr(CrmTicket) ticket = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), fixture->ticket, 0,
                                                      NULL);

  return ticket != NULL;
}

static void
wait_for_ticket (Fixture  *fixture,
                 gboolean  exists)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (ticket_exists (fixture) != exists && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_true (ticket_exists (fixture) == exists);
}

/* "Delete…" from the ticket's menu, an administrator's (TK22): asked
 * first, naming what goes; deleted; then found among the deleted
 * tickets (the page's button) and restored with the mouse. */
static void
test_delete_ticket (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *view, *confirm, *page, *button, *dialog, *restore;
  gint64 deadline;

  crm_window_show_ticket (fixture->window, fixture->ticket);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
  view = find_child (GTK_WIDGET (fixture->window), CRM_TYPE_TICKET_VIEW, NULL);
  choose_from_ticket_menu (GTK_WIDGET (fixture->window), view, "_Delete…");
  confirm = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)), "“Oddzwonić”"));
  take_screenshot (confirm, "delete-ticket-confirm");
  click (confirm, find_child (confirm, GTK_TYPE_BUTTON, "_Delete"));
  wait_for_ticket (fixture, FALSE);

  /* among the deleted, restored */
  page = drawable_tickets_page (GTK_WIDGET (fixture->window));
  button = find_tooltip (page, GTK_TYPE_BUTTON, "Deleted Tickets: restore one deleted in the last 30 days");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (button));
  click (GTK_WIDGET (fixture->window), button);
  dialog = wait_for_toplevel (CRM_TYPE_DELETED_TICKETS_DIALOG);
  g_assert_nonnull (dialog);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!crm_deleted_tickets_dialog_is_read (CRM_DELETED_TICKETS_DIALOG (dialog)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  wait_for_frame (dialog);
  take_screenshot (dialog, "deleted-tickets");
  restore = find_child (dialog, GTK_TYPE_BUTTON, "_Restore");
  g_assert_nonnull (restore);
  click (dialog, restore);
  wait_for_ticket (fixture, TRUE);
  gtk_window_close (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *long_subject = NULL;
  GString *subject = g_string_new (NULL);

  gtk_test_init (&argc, &argv, NULL);
  textdomain (GETTEXT_PACKAGE);
  adw_init ();
  crm_test_load_style ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  screenshot_dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                     "screenshots", NULL);
  g_mkdir_with_parents (screenshot_dir, 0755);

  while (subject->len < 10000)
    g_string_append (subject, "Zażółćgęśląjaźń");
  long_subject = g_string_free (subject, FALSE);

  g_test_add_func ("/window/dates", test_dates);
  g_test_add ("/window/long-subject", Fixture, long_subject, fixture_set_up, test_long_subject, fixture_tear_down);
  g_test_add ("/window/request-on-behalf", Fixture, "Oddzwonić", fixture_set_up, test_request_on_behalf,
              fixture_tear_down);
  g_test_add ("/window/ctrl-enter", Fixture, "Oddzwonić", fixture_set_up, test_ctrl_enter, fixture_tear_down);
  g_test_add ("/window/card-read-aside", Fixture, "Oddzwonić", fixture_set_up, test_card_read_aside,
              fixture_tear_down);
  g_test_add ("/window/conversation-kept", Fixture, "Oddzwonić", fixture_set_up, test_conversation_kept,
              fixture_tear_down);
  g_test_add ("/window/shortcuts", Fixture, "Oddzwonić", fixture_set_up, test_shortcuts, fixture_tear_down);
  g_test_add ("/window/last-user-ready", Fixture, "Oddzwonić", fixture_set_up, test_last_user_ready,
              fixture_tear_down);
  g_test_add ("/window/close-with-reason", Fixture, "Oddzwonić", fixture_set_up, test_close_with_reason,
              fixture_tear_down);
  g_test_add ("/window/move-queue", Fixture, "Oddzwonić", fixture_set_up, test_move_queue, fixture_tear_down);
  g_test_add ("/window/merge-tickets", Fixture, "Oddzwonić", fixture_set_up, test_merge_tickets, fixture_tear_down);
  g_test_add ("/window/forward-ticket", Fixture, "Oddzwonić", fixture_set_up, test_forward_ticket, fixture_tear_down);
  g_test_add ("/window/split-message", Fixture, "Oddzwonić", fixture_set_up, test_split_message, fixture_tear_down);
  g_test_add ("/window/unpin-client", Fixture, "Oddzwonić", fixture_set_up, test_unpin_client, fixture_tear_down);
  g_test_add ("/window/outcomes", Fixture, "Oddzwonić", fixture_set_up, test_outcomes, fixture_tear_down);
  g_test_add ("/window/no-answer-flag", Fixture, "Oddzwonić", fixture_set_up, test_no_answer_flag, fixture_tear_down);
  g_test_add ("/window/print-ticket", Fixture, "Oddzwonić", fixture_set_up, test_print_ticket, fixture_tear_down);
  g_test_add ("/window/delete-ticket", Fixture, "Oddzwonić", fixture_set_up, test_delete_ticket, fixture_tear_down);
  g_test_add ("/window/remembered", Fixture, "Oddzwonić", fixture_set_up, test_remembered, fixture_tear_down);

  return g_test_run ();
}
