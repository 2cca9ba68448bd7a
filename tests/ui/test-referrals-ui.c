/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <string.h>

#include "crm-test-util.h"
#include "crm-ui-test-util.h"

#include "crm.h"
#include "crm-referral-decide-dialog.h"
#include "crm-referral-detail.h"
#include "crm-referrals-page.h"
#include "crm-window.h"

/* The Referrals page (RF2-RF12) with the real mouse and keys (xdotool,
 * through the X server): referrals made through the core as the form
 * server makes them, with documents, one whose client the CRM has under
 * a phone written another way; the page opened from the sidebar, the
 * Pending tile clicked, the list filtered by investment, a referral
 * opened: the similar client matched by phone, its documents, its PESEL
 * revealed (and the reveal recorded); accepted and linked to the
 * client with a comment typed (the broker's mail in the outbox, the
 * tiles' counts); another rejected; a message to the broker. And a
 * list of 100,000 referrals scrolled with the mouse to its end. */

#define PESEL "44051401359"

typedef struct
{
  char       *dir;
  char       *path;
  CrmSession *session;
  CrmUser    *user;
  CrmWindow  *window;
  gint64      zielone;    /* investments */
  gint64      oliwa;
  gint64      form;
  gint64      anna;       /* the client the CRM has */
  gint64      first;      /* Anna's referral */
  gint64      second;     /* Piotr's, rejected */
} Fixture;

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

static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (fixture->session),
                                                       g_intern_string (sql), &error);

  g_assert_no_error (error);
  g_assert_true (crm_database_step_done (crm_session_get_database (fixture->session), stmt, &error));
  g_assert_no_error (error);
}

typedef struct
{
  Fixture    *fixture;
  const char *sql;
  gint64      expected;
} Count;

static gboolean
counted (gpointer data)
{
  Count *count = data;

  return count_sql (count->fixture, count->sql) == count->expected;
}

static void
wait_for_count (Fixture    *fixture,
                const char *sql,
                gint64      expected)
{
  Count count = { fixture, sql, expected };

  wait_until (counted, &count);
}

static gint64
submit (Fixture    *fixture,
        const char *submission_id,
        const char *name,
        const char *phone,
        const char *pesel,
        gint64      investment,
        gboolean    documents)
{
  g_autoptr(CrmReferralSubmission) submission = crm_referral_submission_new ();
  g_autoptr(GError) error = NULL;
  gboolean duplicate = FALSE;
  gint64 id;

  submission->form_id = fixture->form;
  submission->submission_id = g_strdup (submission_id);
  submission->investment_id = investment;
  submission->client_name = g_strdup (name);
  submission->phone = g_strdup (phone);
  submission->pesel = g_strdup (pesel);
  submission->advisor_name = g_strdup ("Marek Nowicki");
  submission->advisor_email = g_strdup ("marek@domyplus.example");
  submission->advisor_phone = g_strdup ("+48581112233");
  submission->consent = TRUE;
  if (documents)
    {
      g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n% umowa\n", 17);
      g_autoptr(GBytes) jpeg = g_bytes_new_static ("\xff\xd8\xff\xe0 dowod", 11);

      crm_referral_submission_add_document (submission, "umowa-rezerwacyjna.pdf", "application/pdf", pdf);
      crm_referral_submission_add_document (submission, "skan-dowodu.jpg", "image/jpeg", jpeg);
    }
  id = crm_referral_store_submit (crm_referral_store_from_session (fixture->session), submission, &duplicate, &error);
  g_assert_no_error (error);
  g_assert_false (duplicate);

  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmReferralStore *store;

  fixture->dir = g_dir_make_tmp ("crm-referrals-ui-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->session = crm_session_open_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), "Ewa Nowak", "ewa@example.com",
                                       CRM_ROLE_ADMIN, &error), >, 0);
  fixture->user = crm_user_store_find (crm_user_store_from_session (fixture->session), "1", &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, crm_user_get_id (fixture->user));
  store = crm_referral_store_from_session (fixture->session);

  fixture->zielone = crm_referral_store_add_investment (store, "Osiedle Zielone", &error);
  g_assert_no_error (error);
  fixture->oliwa = crm_referral_store_add_investment (store, "Park Oliwa", &error);
  g_assert_no_error (error);
  fixture->form = crm_referral_store_add_form (store, "Domy Plus Gdańsk", "Domy Plus sp. z o.o.",
                                               "biuro@domyplus.example", "+48580001122", 0, &error);
  g_assert_no_error (error);
}

/* The referrals of the decisions' tests, and the office's mail account. */
static void
add_referrals (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) anna = crm_contact_new (CRM_CONTACT_PERSON);

  /* the CRM has her, her phone written as people write it */
  crm_contact_set_name (anna, "Anna Kowalska");
  crm_contact_set_phones (anna, (const char *[]) { "600 100 200", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), anna, &error));
  g_assert_no_error (error);
  fixture->anna = crm_contact_get_id (anna);

  exec_sql (fixture, "INSERT INTO accounts (id, address, address_norm, imap_host, imap_port, imap_security, "
                     "smtp_host, smtp_port, smtp_security, username, created_at) VALUES (1, "
                     "'biuro@dewelop.example', 'biuro@dewelop.example', '127.0.0.1', 993, 'tls', '127.0.0.1', 465, "
                     "'tls', 'biuro', 0)");

  fixture->first = submit (fixture, "s-1", "Anna Kowalska", "+48600100200", PESEL, fixture->zielone, TRUE);
  fixture->second = submit (fixture, "s-2", "Piotr Wiśniewski", "+48601222333", NULL, fixture->oliwa, FALSE);
  submit (fixture, "s-3", "Jan Zieliński", "+48602333444", NULL, fixture->oliwa, FALSE);
}

static void
open_window (Fixture *fixture)
{
  fixture->window = crm_window_new (NULL, fixture->session, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 1000);
  crm_window_set_user (fixture->window, fixture->user);
  crm_window_show_page (fixture->window, "start");
  gtk_window_present (GTK_WINDOW (fixture->window));
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
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

/* The widget under @root whose name is @name (the sidebar's rows). */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The mapped label under @root that reads @text, or begins with it. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text,
            gboolean    prefix)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      (prefix ? g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), text)
              : g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The action row under @root whose subtitle holds @text. */
static GtkWidget *
find_row_with_subtitle (GtkWidget  *root,
                        const char *text)
{
  if (ADW_IS_ACTION_ROW (root) && adw_action_row_get_subtitle (ADW_ACTION_ROW (root)) != NULL &&
      strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (root)), text) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_with_subtitle (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static CrmReferralsPage *
open_page (Fixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *row = find_named (window, "referrals");
  GtkWidget *page;

  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  click (window, row);
  crm_test_settle ();
  wait_for_frame (window);
  g_assert_cmpstr (crm_window_get_page (fixture->window), ==, "referrals");
  page = crm_window_get_page_widget (fixture->window, "referrals");
  g_assert_true (CRM_IS_REFERRALS_PAGE (page));

  return CRM_REFERRALS_PAGE (page);
}

typedef struct
{
  CrmReferralsPage *page;
  guint             pending;
  guint             accepted;
  guint             rejected;
} Tiles;

static gboolean
tiles_say (gpointer data)
{
  Tiles *tiles = data;
  CrmReferralCounts counts;

  crm_referrals_page_get_counts (tiles->page, &counts);

  return counts.pending == tiles->pending && counts.accepted == tiles->accepted && counts.rejected == tiles->rejected &&
         counts.all == tiles->pending + tiles->accepted + tiles->rejected;
}

static void
wait_for_tiles (CrmReferralsPage *page,
                guint             pending,
                guint             accepted,
                guint             rejected)
{
  Tiles tiles = { page, pending, accepted, rejected };
  g_autofree char *text = g_strdup_printf ("%u", pending);

  g_test_message ("waiting for the tiles: %u pending", pending);
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    CrmReferralCounts counts;

    while (!tiles_say (&tiles) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    crm_referrals_page_get_counts (page, &counts);
    g_test_message ("tiles: %u all, %u pending, %u accepted, %u rejected", counts.all, counts.pending, counts.accepted,
                    counts.rejected);
  }
  wait_until (tiles_say, &tiles);
  /* and the tile says it */
  g_assert_nonnull (find_label (find_tooltip (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON,
                                              "Referrals waiting for a decision"), text, FALSE));
}

static gboolean
list_has (gpointer data)
{
  gpointer *args = data;
  CrmReferralList *list = args[0];

  return !crm_paged_list_get_loading (CRM_PAGED_LIST (list)) &&
         g_list_model_get_n_items (G_LIST_MODEL (list)) == GPOINTER_TO_UINT (args[1]);
}

static void
wait_for_rows (CrmReferralsPage *page,
               guint             n)
{
  gpointer args[] = { crm_referrals_page_get_list (page), GUINT_TO_POINTER (n) };

  g_test_message ("waiting for %u rows", n);
  wait_until (list_has, args);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (page));
}

static gboolean
card_shows (gpointer data)
{
  gpointer *args = data;
  const CrmReferralCard *card = crm_referral_detail_get_card (args[0]);

  return card != NULL && crm_referral_get_id (card->referral) == *(gint64 *) args[1] &&
         crm_referral_get_status (card->referral) == (CrmReferralStatus) GPOINTER_TO_UINT (args[2]);
}

static void
wait_for_card (CrmReferralDetail *detail,
               gint64             id,
               CrmReferralStatus  status)
{
  gpointer args[] = { detail, &id, GUINT_TO_POINTER (status) };

  g_test_message ("waiting for referral %" G_GINT64_FORMAT, id);
  wait_until (card_shows, args);
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (detail));
}

/* Chooses @item in the drop-down with @tooltip, with the mouse. */
static void
choose_in_dropdown (GtkWidget  *window,
                    GtkWidget  *root,
                    const char *tooltip,
                    const char *item)
{
  GtkWidget *dropdown = find_tooltip (root, GTK_TYPE_DROP_DOWN, tooltip);
  GtkWidget *popover;

  g_assert_nonnull (dropdown);
  click (window, dropdown);
  crm_test_settle ();
  popover = find_child (dropdown, GTK_TYPE_POPOVER, NULL);
  g_assert_true (gtk_widget_get_mapped (popover));
  wait_for_frame (popover);
  click (popover, find_label (popover, item, FALSE));
  crm_test_settle ();
  /* the pointer off the list, as a user's hand goes back to it */
  {
    g_autofree char *xid = window_xid (window);

    xdotool ("mousemove", "--sync", "--window", xid, "700", "20", NULL);
  }
  /* closed, the list under it reachable again */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (gtk_widget_get_mapped (popover) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (gtk_widget_get_mapped (popover));
  }
  wait_for_frame (window);
}

/* Types @text into the text view @view of @window, with the keyboard. */
static void
type_into (GtkWidget  *window,
           GtkWidget  *view,
           const char *text)
{
  click (window, view);
  crm_test_settle ();
  xdotool ("type", "--delay", "15", text, NULL);
  crm_test_settle ();
}

/* Scrolls the scrolled window @widget is in with the mouse wheel, down
 * until @widget is near its top, or (@widget %NULL) back to its top. */
static void
wheel_to (GtkWidget *window,
          GtkWidget *scroller,
          GtkWidget *widget)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_autofree char *xid = window_xid (window);
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (scroller, window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (scroller) / 2.f, 40), &point));
  x = g_strdup_printf ("%d", (int) point.x);
  y = g_strdup_printf ("%d", (int) point.y);
  xdotool ("mousemove", "--sync", "--window", xid, x, y, NULL);
  for (guint i = 0; i < 100; i++)
    {
      if (widget != NULL)
        {
          g_assert_true (gtk_widget_compute_point (widget, scroller, &GRAPHENE_POINT_INIT (0, 0), &point));
          if (point.y < 120 || gtk_adjustment_get_value (adjustment) >=
              gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment))
            break;
        }
      else if (gtk_adjustment_get_value (adjustment) <= 0)
        break;
      xdotool ("click", widget != NULL ? "5" : "4", NULL);
      crm_test_settle ();
      wait_for_frame (window);
    }
}

/* The details' scrolled window, around the composer's own. */
static GtkWidget *
details_scroller (GtkWidget *composer)
{
  GtkWidget *own = gtk_widget_get_ancestor (composer, GTK_TYPE_SCROLLED_WINDOW);

  return gtk_widget_get_ancestor (gtk_widget_get_parent (own), GTK_TYPE_SCROLLED_WINDOW);
}

static void
test_decisions (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *window;
  CrmReferralsPage *page;
  CrmReferralDetail *detail;
  GtkWidget *list_view, *similar, *dialog, *link, *comment, *pesel, *composer;
  g_autofree char *accepted_sql = NULL;
  g_autofree char *reveals_sql = NULL;

  add_referrals (fixture);
  open_window (fixture);
  window = GTK_WIDGET (fixture->window);

  /* from the sidebar: the tiles count what there is */
  page = open_page (fixture);
  detail = crm_referrals_page_get_detail (page);
  wait_for_rows (page, 3);
  wait_for_tiles (page, 3, 0, 0);
  take_screenshot (window, "referrals-page");

  /* the Pending tile, then the investment: Anna's alone */
  click (window, find_tooltip (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON, "Referrals waiting for a decision"));
  crm_test_settle ();
  wait_for_rows (page, 3);
  choose_in_dropdown (window, GTK_WIDGET (page), "Investment", "Osiedle Zielone");
  wait_for_rows (page, 1);

  /* opened with the mouse */
  list_view = find_child (GTK_WIDGET (page), GTK_TYPE_GRID_VIEW, NULL);
  click (window, find_label (list_view, "Anna Kowalska", FALSE));
  wait_for_card (detail, fixture->first, CRM_REFERRAL_PENDING);

  /* RF8: the client the CRM has, found by the phone written another way */
  similar = find_row_with_subtitle (GTK_WIDGET (detail), "phone");
  g_assert_nonnull (similar);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (similar)), ==, "Anna Kowalska");
  /* RF9: the documents, with their sizes */
  g_assert_nonnull (find_child (GTK_WIDGET (detail), ADW_TYPE_ACTION_ROW, "umowa-rezerwacyjna.pdf"));
  g_assert_nonnull (find_child (GTK_WIDGET (detail), ADW_TYPE_ACTION_ROW, "skan-dowodu.jpg"));
  /* the PESEL masked until revealed */
  g_assert_null (find_label (GTK_WIDGET (detail), PESEL, FALSE));
  wheel_to (window, gtk_widget_get_ancestor (similar, GTK_TYPE_SCROLLED_WINDOW), similar);
  take_screenshot (window, "referrals-details");
  wheel_to (window, gtk_widget_get_ancestor (similar, GTK_TYPE_SCROLLED_WINDOW), NULL);

  /* Reveal: shown whole, and who looked is recorded */
  reveals_sql = g_strdup_printf ("SELECT count (*) FROM referral_reveals WHERE referral_id = %" G_GINT64_FORMAT
                                 " AND user_id = %" G_GINT64_FORMAT, fixture->first, crm_user_get_id (fixture->user));
  g_assert_cmpint (count_sql (fixture, reveals_sql), ==, 0);
  click (window, find_child (GTK_WIDGET (detail), GTK_TYPE_BUTTON, "Re_veal"));
  wait_for_count (fixture, reveals_sql, 1);
  crm_test_settle ();
  wait_for_frame (window);
  pesel = find_label (GTK_WIDGET (detail), PESEL, FALSE);
  g_assert_nonnull (pesel);

  /* Accept, linked to the client the CRM has, with a comment */
  click (window, find_child (GTK_WIDGET (detail), GTK_TYPE_BUTTON, "_Accept…"));
  dialog = wait_for_toplevel (CRM_TYPE_REFERRAL_DECIDE_DIALOG);
  g_assert_nonnull (dialog);
  /* nothing chosen for the user: Accept waits */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "decide"));
  link = find_child (dialog, ADW_TYPE_ACTION_ROW, "Link to Anna Kowalska");
  g_assert_nonnull (link);
  click (dialog, link);
  crm_test_settle ();
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "decide"));
  comment = find_child (dialog, GTK_TYPE_TEXT_VIEW, NULL);
  type_into (dialog, comment, "Thank you, we will call the client this week.");
  wait_for_frame (dialog);
  take_screenshot (dialog, "referrals-accept-dialog");
  click (dialog, find_child (dialog, GTK_TYPE_BUTTON, "_Accept"));

  accepted_sql = g_strdup_printf ("SELECT count (*) FROM referrals WHERE id = %" G_GINT64_FORMAT
                                  " AND status = 'accepted' AND contact_id = %" G_GINT64_FORMAT,
                                  fixture->first, fixture->anna);
  wait_for_count (fixture, accepted_sql, 1);
  /* the broker's mail, with the comment, waits in the outbox */
  g_assert_cmpint (count_sql (fixture, "SELECT count (*) FROM outbox WHERE recipients LIKE '%marek@domyplus.example%' "
                                       "AND state = 'waiting'"), ==, 1);
  g_assert_cmpint (count_sql (fixture, "SELECT count (*) FROM referral_messages WHERE kind = 'accepted' "
                                       "AND body LIKE '%we will call the client this week%'"), ==, 1);
  /* linked, no second Anna made */
  g_assert_cmpint (count_sql (fixture, "SELECT count (*) FROM contacts WHERE name = 'Anna Kowalska'"), ==, 1);
  wait_for_card (detail, fixture->first, CRM_REFERRAL_ACCEPTED);
  wait_for_tiles (page, 2, 1, 0);
  g_assert_nonnull (find_label (window, "Referral accepted and linked to Anna Kowalska", TRUE));
  g_assert_true (gtk_widget_get_visible (find_child (GTK_WIDGET (detail), GTK_TYPE_BUTTON, "_Open Client")));
  take_screenshot (window, "referrals-accepted");

  /* Reject Piotr's: the comment is required */
  choose_in_dropdown (window, GTK_WIDGET (page), "Investment", "Park Oliwa");
  wait_for_rows (page, 2);
  click (window, find_label (list_view, "Piotr Wiśniewski", FALSE));
  wait_for_card (detail, fixture->second, CRM_REFERRAL_PENDING);
  click (window, find_child (GTK_WIDGET (detail), GTK_TYPE_BUTTON, "_Reject…"));
  dialog = wait_for_toplevel (CRM_TYPE_REFERRAL_DECIDE_DIALOG);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "decide"));
  type_into (dialog, find_child (dialog, GTK_TYPE_TEXT_VIEW, NULL), "The client already bought elsewhere.");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "decide"));
  click (dialog, find_child (dialog, GTK_TYPE_BUTTON, "_Reject"));
  wait_for_card (detail, fixture->second, CRM_REFERRAL_REJECTED);
  wait_for_tiles (page, 1, 1, 1);
  g_assert_cmpint (count_sql (fixture, "SELECT count (*) FROM referral_messages WHERE kind = 'rejected'"), ==, 1);

  /* RF12: a message to the broker from the details */
  composer = find_child (GTK_WIDGET (detail), GTK_TYPE_TEXT_VIEW, NULL);
  wheel_to (window, details_scroller (composer), composer);
  type_into (window, composer, "Could you send the client's new number?");
  click (window, find_child (GTK_WIDGET (detail), GTK_TYPE_BUTTON, "_Send to Broker"));
  wait_for_count (fixture, "SELECT count (*) FROM referral_messages WHERE direction = 'out' AND kind = 'message' "
                           "AND body = 'Could you send the client''s new number?'", 1);
  crm_test_settle ();
  wait_for_frame (window);
  g_assert_nonnull (find_label (GTK_WIDGET (detail), "Could you send the client's new number?", FALSE));
  take_screenshot (window, "referrals-message");
}

/* A message with no mail account: said in the window, the text kept. */
static void
test_no_account (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *window;
  CrmReferralsPage *page;
  CrmReferralDetail *detail;
  GtkWidget *view;
  gint64 id = submit (fixture, "s-9", "Ola Lis", "+48609999000", NULL, fixture->zielone, FALSE);

  open_window (fixture);
  window = GTK_WIDGET (fixture->window);
  page = open_page (fixture);
  detail = crm_referrals_page_get_detail (page);
  wait_for_rows (page, 1);
  click (window, find_label (find_child (GTK_WIDGET (page), GTK_TYPE_GRID_VIEW, NULL), "Ola Lis", FALSE));
  wait_for_card (detail, id, CRM_REFERRAL_PENDING);
  view = find_child (GTK_WIDGET (detail), GTK_TYPE_TEXT_VIEW, NULL);
  wheel_to (window, details_scroller (view), view);
  type_into (window, view, "Hello");
  click (window, find_child (GTK_WIDGET (detail), GTK_TYPE_BUTTON, "_Send to Broker"));
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (find_label (GTK_WIDGET (detail), "There is no mail account", TRUE) == NULL &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_nonnull (find_label (GTK_WIDGET (detail), "There is no mail account", TRUE));
  g_assert_cmpint (count_sql (fixture, "SELECT count (*) FROM referral_messages"), ==, 0);
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "Hello");
  }

  /* Ctrl+F, as the application binds it: the page's search */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>f"),
                                                            gtk_named_action_new ("win.search")));
    gtk_widget_add_controller (window, shortcuts);
  }
  xdotool ("key", "ctrl+f", NULL);
  crm_test_settle ();
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (window)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         find_child (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL)));
}

/* 100,000 referrals: the list reads only what it shows, and the mouse
 * takes it to the end: the wheel, the scrollbar dragged, the wheel. */
static GtkWidget *
find_css (GtkWidget  *root,
          const char *css_name)
{
  if (g_strcmp0 (gtk_widget_get_css_name (root), css_name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_css (child, css_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_scroll (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *insert = NULL;
  g_autofree char *xid = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *bottom = NULL;
  GtkWidget *window, *list_view, *scroller, *slider, *trough;
  GtkAdjustment *adjustment;
  CrmReferralsPage *page;
  graphene_point_t point;
  double before;

  insert = g_strdup_printf ("INSERT INTO referrals (submission_id, form_id, investment_id, client_name, name_key, "
                            "advisor_name, advisor_key, received_at) "
                            "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
                            "SELECT 'bulk-' || i, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'Klient ' || i, "
                            "'klient ' || i, 'Doradca', 'doradca', 1700000000 + i * 60 FROM n",
                            fixture->form, fixture->zielone);
  exec_sql (fixture, insert);
  g_assert_cmpint (count_sql (fixture, "SELECT count (*) FROM referrals"), ==, 100000);

  open_window (fixture);
  window = GTK_WIDGET (fixture->window);
  page = open_page (fixture);
  wait_for_rows (page, 100000);
  wait_for_tiles (page, 100000, 0, 0);
  list_view = find_child (GTK_WIDGET (page), GTK_TYPE_GRID_VIEW, NULL);
  scroller = gtk_widget_get_parent (list_view);
  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_nonnull (find_label (list_view, "Klient 100000", FALSE));

  /* the wheel, over the list */
  xid = window_xid (window);
  g_assert_true (gtk_widget_compute_point (list_view, window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (list_view) / 2.f,
                                                                 gtk_widget_get_height (list_view) / 2.f), &point));
  x = g_strdup_printf ("%d", (int) point.x);
  y = g_strdup_printf ("%d", (int) point.y);
  xdotool ("mousemove", "--sync", "--window", xid, x, y, NULL);
  before = gtk_adjustment_get_value (adjustment);
  xdotool ("click", "--repeat", "30", "--delay", "15", "5", NULL);
  crm_test_settle ();
  wait_for_frame (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, before);
  g_assert_null (find_label (list_view, "Klient 100000", FALSE));

  /* the scrollbar's slider dragged to the bottom */
  slider = find_css (gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (scroller)), "slider");
  trough = gtk_widget_get_parent (slider);
  g_assert_nonnull (slider);
  xdotool ("mousemove", "--sync", "--window", xid, x, y, NULL);
  crm_test_settle ();
  wait_for_frame (window);
  g_assert_true (gtk_widget_compute_point (slider, window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (slider) / 2.f,
                                                                 gtk_widget_get_height (slider) / 2.f), &point));
  g_free (x);
  g_free (y);
  x = g_strdup_printf ("%d", (int) point.x);
  y = g_strdup_printf ("%d", (int) point.y);
  g_assert_true (gtk_widget_compute_point (trough, window,
                                           &GRAPHENE_POINT_INIT (0, gtk_widget_get_height (trough) + 40.f), &point));
  bottom = g_strdup_printf ("%d", (int) point.y);
  xdotool ("mousemove", "--sync", "--window", xid, x, y, NULL);
  crm_test_settle ();
  xdotool ("mousedown", "1", NULL);
  for (int step = 1; step <= 10; step++)
    {
      g_autofree char *at = g_strdup_printf ("%d", atoi (y) + (atoi (bottom) - atoi (y)) * step / 10);

      xdotool ("mousemove", "--sync", "--window", xid, x, at, NULL);
      crm_test_settle ();
    }
  xdotool ("mouseup", "1", NULL);
  crm_test_settle ();

  /* and the wheel at the end */
  g_assert_true (gtk_widget_compute_point (list_view, window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (list_view) / 2.f,
                                                                 gtk_widget_get_height (list_view) / 2.f), &point));
  g_free (x);
  g_free (y);
  x = g_strdup_printf ("%d", (int) point.x);
  y = g_strdup_printf ("%d", (int) point.y);
  xdotool ("mousemove", "--sync", "--window", xid, x, y, NULL);
  xdotool ("click", "--repeat", "10", "--delay", "15", "5", NULL);
  crm_test_settle ();
  wait_for_frame (window);
  crm_test_settle ();
  wait_for_frame (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >=,
                     gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 1);
  /* the oldest referral, the last row, is shown */
  g_assert_nonnull (find_label (list_view, "Klient 1", FALSE));
  take_screenshot (window, "referrals-scrolled-to-end");
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

  ADD ("/referrals-ui/decisions", test_decisions);
  ADD ("/referrals-ui/no-account", test_no_account);
  ADD ("/referrals-ui/scroll", test_scroll);

#undef ADD

  return g_test_run ();
}
