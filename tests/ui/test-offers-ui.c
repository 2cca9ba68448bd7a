/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "crm.h"
#include "crm-contact-detail.h"
#include "crm-contact-editor.h"
#include "crm-match-row.h"
#include "crm-offer-detail.h"
#include "crm-offer-editor.h"
#include "crm-offer-mail-dialog.h"
#include "crm-offer-mails-portlet.h"
#include "crm-offers-page.h"
#include "crm-portlet.h"
#include "crm-preferences-window.h"
#include "crm-search-detail.h"
#include "crm-search-editor.h"
#include "crm-searches-page.h"
#include "crm-stale-searches-portlet.h"
#include "crm-start-page.h"
#include "crm-welcome-portlet.h"
#include "crm-window.h"
#include "crm-ticket-store-private.h"
#include "crm-offer-store-private.h"
#include "crm-test-util.h"
#include "crm-ui-test-util.h"
#include "smtp-fixture.h"

/*
 * The real-estate module in the window (OF), under Xvfb with a real
 * SMTP server (aiosmtpd) and a real GNOME Keyring for the account's
 * password, on a clock the test moves: a search and an offer through
 * their forms, the offer prepared for the agent in "Emails to send" on
 * the Start page, sent from there through the outbox and recorded in
 * the histories (OF9); manual matching with a near miss; searches to
 * refresh and their bump (OF10); portlets added and removed (OF11).
 */

typedef struct
{
  char        *dir;
  char        *spool;
  GSubprocess *server;
  CrmClock    *clock;
  CrmSession    *session;
  GSettings   *settings;
  CrmUser     *user;
  gint64       anna;
  gint64       piotr;
} Fixture;

static void
settle (void)
{
  /* idle reloads, the lists' workers, then whatever they queued */
  for (guint i = 0; i < 3; i++)
    crm_test_settle ();
}

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

static void
choose (GtkWidget  *root,
        const char *title,
        guint       position)
{
  GtkWidget *row = find_child (root, ADW_TYPE_COMBO_ROW, title);

  g_assert_nonnull (row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
}

static void
tick (GtkWidget  *root,
      const char *title)
{
  GtkWidget *row = find_child (root, ADW_TYPE_ACTION_ROW, title);
  GtkWidget *check = row ? find_child (row, GTK_TYPE_CHECK_BUTTON, NULL) : NULL;

  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
}

static gint64
add_client (Fixture    *fixture,
            const char *name,
            const char *email)
{
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
  const char *emails[] = { email, NULL };
  g_autoptr(GError) error = NULL;

  crm_contact_set_name (contact, name);
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
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 5, 4, 9, 0, 0);
  g_autoptr(CrmAccount) account = NULL;
  g_autofree char *path = NULL;
  guint16 port;

  fixture->server = crm_test_smtp_start (&fixture->spool, &port);
  fixture->dir = g_dir_make_tmp ("crm-offers-ui-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->clock = crm_clock_new_fixed (now);
  fixture->session = crm_session_open_file (path, fixture->clock, &error);
  g_assert_no_error (error);

  account = crm_account_new (0, "biuro@example.com", "Biuro Nieruchomości", "127.0.0.1", 1, "none",
                             "127.0.0.1", port, "none", "office");
  crm_account_store_add (crm_account_store_from_session (fixture->session), account, "pass word", FALSE, &error);
  g_assert_no_error (error);
  crm_user_store_add (crm_user_store_from_session (fixture->session), "Ewa Kowalska", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  fixture->user = crm_user_store_find (crm_user_store_from_session (fixture->session), "ewa@example.com", &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, crm_user_get_id (fixture->user));
  fixture->anna = add_client (fixture, "Anna Nowak", "anna.nowak@example.com");
  fixture->piotr = add_client (fixture, "Piotr Wiśniewski", "piotr@example.com");

  /* the memory backend of the test environment */
  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "start-portlets");
  g_settings_reset (fixture->settings, "sidebar-page");
  g_settings_set_int (fixture->settings, "undo-send-seconds", 60);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->user);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->clock);
  crm_test_smtp_stop (fixture->server, fixture->spool);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->spool);
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

static gboolean
history_has (GListModel *history,
             const char *action,
             const char *words)
{
  for (guint i = 0; history != NULL && i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(CrmHistoryEntry) entry = g_list_model_get_item (history, i);

      if (g_strcmp0 (crm_history_entry_get_action (entry), action) == 0 &&
          (words == NULL || strstr (crm_history_entry_get_detail (entry) ?: "", words) != NULL))
        return TRUE;
    }

  return FALSE;
}

static gboolean
contacts_found_cb (gpointer data)
{
  GtkListView *list = data;

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) == 1;
}

static gboolean
offers_listed_cb (gpointer data)
{
  return g_list_model_get_n_items (data) > 0;
}

static void
saved_offer_cb (CrmOfferEditor *editor,
                gint64          id,
                guint           n_matched,
                gint64         *out)
{
  out[0] = id;
  out[1] = n_matched;
}

static void
saved_search_cb (CrmSearchEditor *editor,
                 gint64           id,
                 gint64          *out)
{
  *out = id;
}

/* OF2 through the form: the client picked by searching the contacts,
 * a wrong range refused at its field. */
static gint64
new_search (Fixture         *fixture,
            CrmSearchesPage *page)
{
  CrmSearchEditor *editor = crm_searches_page_new_search (page);
  GtkWidget *search_entry;
  GtkWidget *list;
  gint64 id = 0;

  g_assert_nonnull (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_search_cb), &id);

  /* a search entry over the contacts */
  search_entry = find_child (GTK_WIDGET (editor), GTK_TYPE_SEARCH_ENTRY, NULL);
  list = find_child (GTK_WIDGET (editor), GTK_TYPE_LIST_VIEW, NULL);
  g_assert_nonnull (search_entry);
  g_assert_nonnull (list);
  gtk_editable_set_text (GTK_EDITABLE (search_entry), "nowak");
  wait_until (contacts_found_cb, list);
  g_signal_emit_by_name (list, "activate", 0);

  tick (GTK_WIDGET (editor), "Flat");
  type_into (GTK_WIDGET (editor), "Places, Separated by Commas", "Kraków");
  type_into (GTK_WIDGET (editor), "Lowest Price", "600 000");
  type_into (GTK_WIDGET (editor), "Highest Price", "500 000");
  type_into (GTK_WIDGET (editor), "Smallest Area in m²", "40");
  type_into (GTK_WIDGET (editor), "Fewest Rooms", "2");
  choose (GTK_WIDGET (editor), "New Offers", 1);

  /* a range upside down: refused, at the field, nothing stored */
  g_assert_false (crm_search_editor_save (editor));
  g_assert_cmpstr (crm_search_editor_get_error (editor), ==, "The lowest price is above the highest.");
  g_assert_true (gtk_widget_has_css_class (find_child (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "Highest Price"),
                                           "error"));
  g_assert_cmpuint (crm_search_store_count (crm_search_store_from_session (fixture->session), NULL, NULL), ==, 0);
  take_screenshot (GTK_WIDGET (editor), "search-editor-error");

  type_into (GTK_WIDGET (editor), "Lowest Price", "");
  take_screenshot (GTK_WIDGET (editor), "search-editor");
  g_assert_true (crm_search_editor_save (editor));
  settle ();
  g_assert_cmpint (id, >, 0);
  g_assert_null (find_toplevel (CRM_TYPE_SEARCH_EDITOR));

  return id;
}

static void
test_offers_in_window (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSearch) search = NULL;
  g_autoptr(CrmOutboxItem) outbox = NULL;
  g_autoptr(GListModel) mails = NULL;
  CrmWindow *window = open_window (fixture);
  CrmStartPage *start = CRM_START_PAGE (crm_window_get_page_widget (CRM_WINDOW (window), "start"));
  CrmOffersPage *offers = CRM_OFFERS_PAGE (crm_window_get_page_widget (CRM_WINDOW (window), "offers"));
  CrmSearchesPage *searches = CRM_SEARCHES_PAGE (crm_window_get_page_widget (CRM_WINDOW (window), "searches"));
  CrmOfferDetail *offer_detail = crm_offers_page_get_detail (offers);
  CrmSearchDetail *search_detail = crm_searches_page_get_detail (searches);
  CrmOfferMailsPortlet *mails_portlet;
  CrmOfferEditor *editor;
  CrmOfferMail *mail;
  gint64 saved[2] = { 0, 0 };
  gint64 search_id, offer_id, near_id, mail_id, outbox_id;
  GListModel *matches;

  g_assert_nonnull (start);
  g_assert_nonnull (offers);
  g_assert_nonnull (searches);

  /* a fresh search whose new offers wait for the agent (OF4) */
  crm_window_show_page (window, "searches");
  search_id = new_search (fixture, searches);
  search = crm_search_store_get (crm_search_store_from_session (fixture->session), search_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_search_get_client_id (search), ==, fixture->anna);
  g_assert_cmpint (crm_search_get_notify (search), ==, CRM_NOTIFY_AGENT);
  g_assert_cmpint (crm_search_get_agent_id (search), ==, crm_user_get_id (fixture->user));
  settle ();
  g_assert_cmpint (crm_search_get_id (crm_search_detail_get_search (search_detail)), ==, search_id);

  /* a new offer through the form: first wrong, marked at the fields */
  crm_window_show_page (window, "offers");
  take_screenshot (GTK_WIDGET (window), "offers-empty");
  editor = crm_offers_page_new_offer (offers);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_offer_cb), saved);
  type_into (GTK_WIDGET (editor), "Price", "dużo");
  type_into (GTK_WIDGET (editor), "Area in m²", "54,5");
  g_assert_false (crm_offer_editor_save (editor));
  g_assert_cmpstr (crm_offer_editor_get_error (editor), ==, "Enter the city of the offer.");
  g_assert_true (gtk_widget_has_css_class (find_child (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "City"), "error"));
  g_assert_true (gtk_widget_has_css_class (find_child (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "Price"), "error"));
  g_assert_false (gtk_widget_has_css_class (find_child (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "Area in m²"),
                                            "error"));
  g_assert_cmpuint (crm_offer_store_count (crm_offer_store_from_session (fixture->session), NULL, NULL), ==, 0);
  take_screenshot (GTK_WIDGET (editor), "offer-editor-error");

  type_into (GTK_WIDGET (editor), "City", "Kraków");
  type_into (GTK_WIDGET (editor), "District", "Podgórze");
  type_into (GTK_WIDGET (editor), "Street and Number", "Limanowskiego 12");
  type_into (GTK_WIDGET (editor), "Price", "480 000");
  type_into (GTK_WIDGET (editor), "Rooms", "3");
  type_into (GTK_WIDGET (editor), "Floor (0 for the ground floor)", "2");
  choose (GTK_WIDGET (editor), "Market", 2);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_child (GTK_WIDGET (editor),
                                                                                 GTK_TYPE_TEXT_VIEW, NULL))),
                            "Bright, two balconies, near the tram.", -1);
  take_screenshot (GTK_WIDGET (editor), "offer-editor");
  g_assert_true (crm_offer_editor_save (editor));
  settle ();
  g_assert_null (find_toplevel (CRM_TYPE_OFFER_EDITOR));

  /* matched in the core when saved (OF5): one search */
  offer_id = saved[0];
  g_assert_cmpint (offer_id, >, 0);
  g_assert_cmpint (saved[1], ==, 1);
  settle ();
  g_assert_cmpint (crm_offer_get_id (crm_offer_detail_get_offer (offer_detail)), ==, offer_id);
  matches = crm_offer_detail_get_matches (offer_detail);
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 1);
  {
    g_autoptr(CrmMatch) match = g_list_model_get_item (matches, 0);

    g_assert_true (crm_match_is_match (match));
    g_assert_cmpint (crm_search_get_id (crm_match_get_search (match)), ==, search_id);
  }
  g_assert_true (history_has (crm_offer_detail_get_history (offer_detail), "created", NULL));
  take_screenshot (GTK_WIDGET (window), "offers");

  /* the filters: rent finds nothing, Kraków finds it in any case */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_tooltip (GTK_WIDGET (offers), GTK_TYPE_DROP_DOWN, "Transaction")), 2);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_offers_page_get_list (offers))), ==, 0);
  take_screenshot (GTK_WIDGET (window), "offers-filtered-empty");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_tooltip (GTK_WIDGET (offers), GTK_TYPE_DROP_DOWN, "Transaction")), 0);
  gtk_editable_set_text (GTK_EDITABLE (find_child (GTK_WIDGET (offers), GTK_TYPE_SEARCH_ENTRY, NULL)), "krakow");
  wait_until (offers_listed_cb, crm_offers_page_get_list (offers));
  gtk_editable_set_text (GTK_EDITABLE (find_child (GTK_WIDGET (offers), GTK_TYPE_SEARCH_ENTRY, NULL)), "");

  /* "Emails to send" on the Start page (OF7): the prepared mail */
  crm_window_show_page (window, "start");
  settle ();
  mails_portlet = CRM_OFFER_MAILS_PORTLET (crm_start_page_get_portlet (start, "offer-mails"));
  g_assert_nonnull (mails_portlet);
  g_assert_cmpuint (g_list_model_get_n_items (crm_offer_mails_portlet_get_mails (mails_portlet)), ==, 1);
  mail = g_list_model_get_item (crm_offer_mails_portlet_get_mails (mails_portlet), 0);
  mail_id = crm_offer_mail_get_id (mail);
  g_assert_cmpint (crm_offer_mail_get_client_id (mail), ==, fixture->anna);
  g_assert_cmpuint (g_list_model_get_n_items (crm_offer_mail_get_matches (mail)), ==, 1);
  g_object_unref (mail);
  g_assert_false (gtk_widget_is_sensitive (find_child (GTK_WIDGET (mails_portlet), GTK_TYPE_BUTTON, "_Send")));
  take_screenshot (GTK_WIDGET (window), "start-portlets");

  /* its offer number opens the offer; its search number the search */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-search", "x", search_id);
  g_assert_cmpstr (crm_window_get_page (window), ==, "searches");
  g_assert_cmpint (crm_search_get_id (crm_search_detail_get_search (search_detail)), ==, search_id);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-offer", "x", offer_id);
  g_assert_cmpstr (crm_window_get_page (window), ==, "offers");
  g_assert_cmpint (crm_offer_get_id (crm_offer_detail_get_offer (offer_detail)), ==, offer_id);

  /* tick and send: queued in the outbox for the undo window */
  crm_window_show_page (window, "start");
  crm_offer_mails_portlet_set_ticked (mails_portlet, mail_id, TRUE);
  g_assert_true (gtk_widget_is_sensitive (find_child (GTK_WIDGET (mails_portlet), GTK_TYPE_BUTTON, "_Send")));
  gtk_widget_activate_action (GTK_WIDGET (mails_portlet), "mails.send", NULL);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (crm_offer_mails_portlet_get_mails (mails_portlet)), ==, 0);
  mail = crm_offer_store_get_mail (crm_offer_store_from_session (fixture->session), mail_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_offer_mail_get_state (mail), ==, "queued");
  outbox_id = crm_offer_mail_get_outbox_id (mail);
  g_object_unref (mail);
  outbox = crm_outbox_get (crm_outbox_from_session (fixture->session), outbox_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_outbox_item_get_state (outbox), ==, "waiting");
  g_assert_cmpint (crm_outbox_item_get_due (outbox), ==, crm_clock_now_unix (fixture->clock) + 60);
  take_screenshot (GTK_WIDGET (window), "start-sent");

  /* the outbox sends it after the undo window: the histories say so (OF9) */
  crm_clock_advance (fixture->clock, 61 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (crm_outbox_run_due (crm_outbox_from_session (fixture->session), NULL, &error), ==, 1);
  g_assert_no_error (error);
  settle ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-offer", "x", offer_id);
  settle ();
  g_assert_true (history_has (crm_offer_detail_get_history (offer_detail), "mailed", "anna.nowak@example.com"));
  take_screenshot (GTK_WIDGET (window), "offer-history");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-search", "x", search_id);
  settle ();
  g_assert_true (history_has (crm_search_detail_get_history (search_detail), "mailed", "anna.nowak@example.com"));

  /* manual matching (OF3): a second offer 3 % over the price is a near miss, below the match */
  {
    g_autoptr(CrmOffer) near = crm_offer_new ();

    crm_offer_set_deal (near, CRM_DEAL_SALE);
    crm_offer_set_property_type (near, CRM_PROPERTY_FLAT);
    crm_offer_set_city (near, "Kraków");
    crm_offer_set_district (near, "Krowodrza");
    crm_offer_set_price (near, 515000);
    crm_offer_set_area (near, 61);
    crm_offer_set_rooms (near, 3);
    g_assert_true (crm_offer_store_save (crm_offer_store_from_session (fixture->session), near, NULL, &error));
    g_assert_no_error (error);
    near_id = crm_offer_get_id (near);
  }
  settle ();
  matches = crm_search_detail_get_matches (search_detail);
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 2);
  {
    g_autoptr(CrmMatch) first = g_list_model_get_item (matches, 0);
    g_autoptr(CrmMatch) second = g_list_model_get_item (matches, 1);
    g_autofree char *reasons = crm_match_dup_reasons (second, TRUE);
    GtkWidget *row = find_child (GTK_WIDGET (search_detail), CRM_TYPE_MATCH_ROW, NULL);
    GtkWidget *near_row = gtk_widget_get_next_sibling (row);

    g_assert_true (crm_match_is_match (first));
    g_assert_cmpint (crm_offer_get_id (crm_match_get_offer (first)), ==, offer_id);
    g_assert_true (crm_match_is_near_miss (second));
    g_assert_cmpint (crm_offer_get_id (crm_match_get_offer (second)), ==, near_id);
    g_assert_nonnull (strstr (reasons, "3% over the maximum"));
    /* the near miss is marked, and says why */
    g_assert_true (CRM_IS_MATCH_ROW (near_row));
    g_assert_true (gtk_widget_has_css_class (near_row, "near-miss"));
    g_assert_false (gtk_widget_has_css_class (row, "near-miss"));
    g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (near_row)), "3% over the maximum"));
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (near_row), TRUE);
  }
  take_screenshot (GTK_WIDGET (window), "search-detail-matches");

  /* the rules, in the user's words, one click from the matches */
  {
    GtkWidget *help = find_tooltip (GTK_WIDGET (window), GTK_TYPE_BUTTON, "How Matching Works");
    AdwMessageDialog *dialog;

    g_assert_nonnull (help);
    g_signal_emit_by_name (help, "clicked");
    dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "How Matching Works");
    /* the office's own day count, not a fixed text */
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (adw_message_dialog_get_extra_child (dialog))),
                              "last 60 days"));
    take_screenshot (GTK_WIDGET (dialog), "matching-help");
    adw_message_dialog_response (dialog, "close");
  }

  /* the agent ticks the near miss and sends it to the client */
  g_assert_false (gtk_widget_is_sensitive (find_child (GTK_WIDGET (search_detail), GTK_TYPE_BUTTON,
                                                       "_Send to Client")));
  crm_search_detail_set_ticked (search_detail, near_id, TRUE);
  g_assert_true (gtk_widget_is_sensitive (find_child (GTK_WIDGET (search_detail), GTK_TYPE_BUTTON,
                                                      "_Send to Client")));
  gtk_widget_activate_action (GTK_WIDGET (search_detail), "search.send", NULL);
  settle ();
  mails = crm_offer_store_list_mails (crm_offer_store_from_session (fixture->session), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mails), ==, 2);
  mail = g_list_model_get_item (mails, 1);
  g_assert_cmpstr (crm_offer_mail_get_kind (mail), ==, "manual");
  g_assert_cmpstr (crm_offer_mail_get_state (mail), ==, "queued");
  g_clear_object (&outbox);
  outbox = crm_outbox_get (crm_outbox_from_session (fixture->session), crm_offer_mail_get_outbox_id (mail), &error);
  g_assert_cmpstr (crm_outbox_item_get_state (outbox), ==, "waiting");
  g_object_unref (mail);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
stale_shown_cb (gpointer data)
{
  GListModel *searches = crm_stale_searches_portlet_get_searches (data);

  return searches != NULL && g_list_model_get_n_items (searches) == 0;
}

/* OF10: searches not updated for 30 days, on the Start page and in the
 * Searches page; bumped one by one, or several at once; an edited
 * search keeps its date unless the agent says so. */
static void
test_stale_searches (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmSearchFilter stale = { 0 };
  CrmWindow *window;
  CrmStartPage *start;
  CrmSearchesPage *page;
  CrmStaleSearchesPortlet *portlet;
  CrmSearchEditor *editor;
  AdwMessageDialog *dialog;
  gint64 ids[3];
  gint64 updated;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(CrmSearch) search = crm_search_new (i == 0 ? fixture->anna : fixture->piotr, CRM_DEAL_RENT);
      const char *places[] = { i == 2 ? "Wieliczka" : "Kraków/Kazimierz", NULL };

      crm_search_set_types (search, CRM_PROPERTY_FLAT);
      crm_search_set_locations (search, places);
      crm_search_set_price_range (search, CRM_OFFER_ANY, 3000 + 500 * i);
      g_assert_true (crm_search_store_save (crm_search_store_from_session (fixture->session), search, FALSE, &error));
      g_assert_no_error (error);
      ids[i] = crm_search_get_id (search);
      crm_clock_advance (fixture->clock, G_TIME_SPAN_DAY);
    }
  crm_clock_advance (fixture->clock, 31 * G_TIME_SPAN_DAY);
  stale.stale_only = TRUE;
  g_assert_cmpuint (crm_search_store_count (crm_search_store_from_session (fixture->session), &stale, NULL), ==, 3);

  window = open_window (fixture);
  start = CRM_START_PAGE (crm_window_get_page_widget (CRM_WINDOW (window), "start"));
  portlet = CRM_STALE_SEARCHES_PORTLET (crm_start_page_get_portlet (start, "stale-searches"));
  g_assert_nonnull (portlet);
  g_assert_cmpuint (g_list_model_get_n_items (crm_stale_searches_portlet_get_searches (portlet)), ==, 3);
  take_screenshot (GTK_WIDGET (window), "start-stale");

  /* one bumped from the portlet leaves it */
  gtk_widget_activate_action (GTK_WIDGET (portlet), "stale.bump", "x", ids[0]);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (crm_stale_searches_portlet_get_searches (portlet)), ==, 2);
  g_assert_cmpuint (crm_search_store_count (crm_search_store_from_session (fixture->session), &stale, NULL), ==, 2);

  /* the Searches page, stale only, oldest first: both selected and bumped at once */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "searches");
  page = CRM_SEARCHES_PAGE (crm_window_get_page_widget (CRM_WINDOW (window), "searches"));
  crm_searches_page_set_filter (page, TRUE, TRUE);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_searches_page_get_list (page))), ==, 2);
  gtk_selection_model_select_all (crm_searches_page_get_selection (page));
  settle ();
  take_screenshot (GTK_WIDGET (window), "searches-stale-selected");
  gtk_widget_activate_action (GTK_WIDGET (page), "searches.bump", NULL);
  settle ();
  g_assert_cmpuint (crm_search_store_count (crm_search_store_from_session (fixture->session), &stale, NULL), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_searches_page_get_list (page))), ==, 0);
  take_screenshot (GTK_WIDGET (window), "searches-stale-empty");
  /* the Start page, not shown meanwhile, read nothing; shown, it does */
  g_assert_cmpuint (g_list_model_get_n_items (crm_stale_searches_portlet_get_searches (portlet)), ==, 2);
  crm_window_show_page (window, "start");
  wait_until (stale_shown_cb, portlet);
  crm_window_show_page (window, "searches");

  /* an edited search asks; "Keep Date" keeps it */
  crm_clock_advance (fixture->clock, 2 * G_TIME_SPAN_DAY);
  crm_searches_page_set_filter (page, FALSE, FALSE);
  crm_searches_page_show_search (page, ids[1]);
  /* the card, with its matching, is read on a worker: the main loop
   * did not read it, and nothing is done to the search left meanwhile */
  g_assert_cmpuint (crm_session_count_reading (), >, 0);
  g_assert_null (crm_search_detail_get_search (crm_searches_page_get_detail (page)));
  settle ();
  g_assert_nonnull (crm_search_detail_get_search (crm_searches_page_get_detail (page)));
  updated = crm_search_get_updated (crm_search_detail_get_search (crm_searches_page_get_detail (page)));
  gtk_widget_activate_action (GTK_WIDGET (crm_searches_page_get_detail (page)), "search.edit", NULL);
  editor = CRM_SEARCH_EDITOR (find_toplevel (CRM_TYPE_SEARCH_EDITOR));
  g_assert_nonnull (editor);
  type_into (GTK_WIDGET (editor), "Most Rooms", "3");
  g_assert_true (crm_search_editor_save (editor));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  take_screenshot (GTK_WIDGET (dialog), "search-bump-question");
  adw_message_dialog_response (dialog, "keep");
  settle ();
  g_assert_null (find_toplevel (CRM_TYPE_SEARCH_EDITOR));
  {
    g_autoptr(CrmSearch) kept = crm_search_store_get (crm_search_store_from_session (fixture->session), ids[1], &error);
    int rooms_min, rooms_max;

    crm_search_get_rooms_range (kept, &rooms_min, &rooms_max);
    g_assert_cmpint (rooms_max, ==, 3);
    g_assert_cmpint (crm_search_get_updated (kept), ==, updated);
  }

  /* and "Bump Date" bumps it */
  gtk_widget_activate_action (GTK_WIDGET (crm_searches_page_get_detail (page)), "search.edit", NULL);
  editor = CRM_SEARCH_EDITOR (find_toplevel (CRM_TYPE_SEARCH_EDITOR));
  g_assert_true (crm_search_editor_save (editor));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "bump");
  settle ();
  {
    g_autoptr(CrmSearch) bumped = crm_search_store_get (crm_search_store_from_session (fixture->session), ids[1], &error);

    g_assert_cmpint (crm_search_get_updated (bumped), ==, crm_clock_now_unix (fixture->clock));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* OF11: portlets removed and added are remembered in GSettings. */
static void
test_portlets (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(GStrv) ids = NULL;
  CrmWindow *window = open_window (fixture);
  CrmStartPage *start = CRM_START_PAGE (crm_window_get_page_widget (CRM_WINDOW (window), "start"));
  GtkWidget *remove;
  CrmStartPage *other;

  g_assert_nonnull (crm_start_page_get_portlet (start, "welcome"));
  g_assert_nonnull (crm_start_page_get_portlet (start, "offer-mails"));
  g_assert_nonnull (crm_start_page_get_portlet (start, "stale-searches"));
  g_assert_false (gtk_widget_get_sensitive (find_tooltip (GTK_WIDGET (start), GTK_TYPE_MENU_BUTTON,
                                                          "Add a Portlet to the Start Page")));

  /* the close button of "Emails to send" */
  remove = find_tooltip (GTK_WIDGET (crm_start_page_get_portlet (start, "offer-mails")), GTK_TYPE_BUTTON,
                         "Remove from the Start Page");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  settle ();
  g_assert_null (crm_start_page_get_portlet (start, "offer-mails"));
  ids = g_settings_get_strv (fixture->settings, "start-portlets");
  g_assert_cmpstrv (ids, ((const char *[]) { "welcome", "stale-searches", "tasks", NULL }));
  g_clear_pointer (&ids, g_strfreev);
  g_assert_true (gtk_widget_get_sensitive (find_tooltip (GTK_WIDGET (start), GTK_TYPE_MENU_BUTTON,
                                                         "Add a Portlet to the Start Page")));
  take_screenshot (GTK_WIDGET (window), "start-removed");

  /* the welcome one too; then back from the Add Portlet menu, at the end */
  gtk_widget_activate_action (GTK_WIDGET (start), "start.remove-portlet", "s", "welcome");
  gtk_widget_activate_action (GTK_WIDGET (start), "start.add-portlet", "s", "offer-mails");
  settle ();
  ids = g_settings_get_strv (fixture->settings, "start-portlets");
  g_assert_cmpstrv (ids, ((const char *[]) { "stale-searches", "tasks", "offer-mails", NULL }));
  g_clear_pointer (&ids, g_strfreev);
  g_assert_null (crm_start_page_get_portlet (start, "welcome"));
  g_assert_true (gtk_widget_get_next_sibling (GTK_WIDGET (crm_start_page_get_portlet (start, "tasks"))) ==
                 GTK_WIDGET (crm_start_page_get_portlet (start, "offer-mails")));
  /* an unknown kind is no portlet */
  g_assert_false (crm_start_page_add_portlet (start, "no-such-portlet"));

  /* another Start page with the same settings shows the same */
  other = g_object_ref_sink (g_object_new (CRM_TYPE_START_PAGE, NULL));
  crm_start_page_set_session (other, fixture->session);
  crm_start_page_set_settings (other, fixture->settings);
  g_assert_null (crm_start_page_get_portlet (other, "welcome"));
  g_assert_nonnull (crm_start_page_get_portlet (other, "offer-mails"));
  g_assert_finalize_object (other);

  /* all gone: the page says how to get them back */
  gtk_widget_activate_action (GTK_WIDGET (start), "start.remove-portlet", "s", "offer-mails");
  gtk_widget_activate_action (GTK_WIDGET (start), "start.remove-portlet", "s", "stale-searches");
  gtk_widget_activate_action (GTK_WIDGET (start), "start.remove-portlet", "s", "tasks");
  settle ();
  g_assert_true (gtk_widget_get_visible (find_child (GTK_WIDGET (start), ADW_TYPE_STATUS_PAGE, NULL)));
  take_screenshot (GTK_WIDGET (window), "start-no-portlets");
  g_settings_reset (fixture->settings, "start-portlets");
  settle ();
  g_assert_nonnull (crm_start_page_get_portlet (start, "welcome"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every new widget comes and goes without leaking. */
static gboolean
label_shown (GtkWidget  *root,
             const char *words)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), words) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (label_shown (child, words))
      return TRUE;

  return FALSE;
}

/* The visible question with @heading: earlier tests may leave others. */
static AdwMessageDialog *
find_question (const char *heading)
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

static CrmMatchRow *
match_row_of (GtkWidget *detail,
              gint64     offer_id)
{
  for (GtkWidget *row = find_child (detail, CRM_TYPE_MATCH_ROW, NULL); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (CRM_IS_MATCH_ROW (row) &&
        crm_offer_get_id (crm_match_get_offer (crm_match_row_get_match (CRM_MATCH_ROW (row)))) == offer_id)
      return CRM_MATCH_ROW (row);

  return NULL;
}

static gint64
add_flat (Fixture *fixture,
          gint64   price)
{
  g_autoptr(CrmOffer) offer = crm_offer_new ();
  g_autoptr(GError) error = NULL;

  crm_offer_set_deal (offer, CRM_DEAL_SALE);
  crm_offer_set_property_type (offer, CRM_PROPERTY_FLAT);
  crm_offer_set_city (offer, "Kraków");
  crm_offer_set_district (offer, "Podgórze");
  crm_offer_set_price (offer, price);
  crm_offer_set_area (offer, 52);
  crm_offer_set_rooms (offer, 2);
  g_assert_true (crm_offer_store_save (crm_offer_store_from_session (fixture->session), offer, NULL, &error));
  g_assert_no_error (error);

  return crm_offer_get_id (offer);
}

/* A search that many offers fit: its card shows the first twenty and
 * a button for the rest, so that opening it stays within a frame or
 * two; the button shows them all. */
static void
test_many_matches (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CrmSearch) search = crm_search_new (fixture->anna, CRM_DEAL_SALE);
  g_autoptr(GError) error = NULL;
  CrmWindow *window;
  CrmSearchesPage *page;
  CrmSearchDetail *detail;
  GtkWidget *more;
  guint rows = 0;

  for (guint i = 0; i < 25; i++)
    add_flat (fixture, 400000 + i * 1000);
  crm_search_set_locations (search, (const char *[]) { "Kraków", NULL });
  crm_search_set_price_range (search, 0, 500000);
  g_assert_true (crm_search_store_save (crm_search_store_from_session (fixture->session), search, FALSE, &error));
  g_assert_no_error (error);

  window = open_window (fixture);
  crm_window_show_page (window, "searches");
  page = CRM_SEARCHES_PAGE (crm_window_get_page_widget (window, "searches"));
  crm_searches_page_show_search (page, crm_search_get_id (search));
  settle ();
  detail = crm_searches_page_get_detail (page);
  g_assert_cmpuint (g_list_model_get_n_items (crm_search_detail_get_matches (detail)), ==, 25);
  for (GtkWidget *row = find_child (GTK_WIDGET (detail), CRM_TYPE_MATCH_ROW, NULL); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    rows += CRM_IS_MATCH_ROW (row);
  g_assert_cmpuint (rows, ==, 20);

  more = find_child (GTK_WIDGET (detail), GTK_TYPE_BUTTON, "Show _All 25 Matches");
  g_assert_nonnull (more);
  g_assert_true (gtk_widget_get_visible (more));
  take_screenshot (GTK_WIDGET (window), "search-detail-many-matches");
  g_signal_emit_by_name (more, "clicked");
  settle ();
  rows = 0;
  for (GtkWidget *row = find_child (GTK_WIDGET (detail), CRM_TYPE_MATCH_ROW, NULL); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    rows += CRM_IS_MATCH_ROW (row);
  g_assert_cmpuint (rows, ==, 25);
  g_assert_false (gtk_widget_get_visible (more));

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* Issue 10, defects 12, 13, 14 and 17 in the window: a contact's
 * language of mail and the office's; whose mails "Emails to Send"
 * shows, and the whole office's for a manager; offers a client already
 * got, marked and asked about; the history of a sent mail in words,
 * with the mail one click away, in the client's language. */
static void
test_mails_for_people (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmUser) agent = NULL;
  g_autoptr(CrmContact) anna = NULL;
  g_autoptr(CrmSearch) pietrs_search = NULL;
  g_autoptr(CrmSearch) ewas_search = NULL;
  g_autofree char *language = NULL;
  const char *localedir = g_getenv ("CRM_TEST_LOCALEDIR");
  CrmWindow *window;
  CrmStartPage *start;
  CrmOffersPage *offers;
  CrmSearchesPage *searches;
  CrmOfferMailsPortlet *portlet;
  CrmSearchDetail *search_detail;
  CrmOfferDetail *offer_detail;
  AdwMessageDialog *question;
  gint64 agent_id;
  gint64 first, second, third;
  guint n_outbox;

  /* the catalogues built here, as the installed ones would be; the
   * window itself stays in English */
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);

  agent_id = crm_user_store_add (crm_user_store_from_session (fixture->session), "Piotr Agent", "piotr.agent@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  agent = crm_user_store_get (crm_user_store_from_session (fixture->session), agent_id, &error);
  g_assert_no_error (error);

  /* defect 12: Anna reads Polish, chosen in the contact editor */
  anna = crm_contact_store_get (crm_contact_store_from_session (fixture->session), fixture->anna, &error);
  {
    CrmContactEditor *editor = crm_contact_editor_new (fixture->session, anna);
    GtkWidget *row;

    gtk_window_present (GTK_WINDOW (editor));
    row = find_child (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, "Language of Mail");
    g_assert_nonnull (row);
    /* Anna's own is read on a worker; the row waits for it */
    g_assert_false (gtk_widget_get_sensitive (row));
    settle ();
    g_assert_true (gtk_widget_get_sensitive (row));
    /* the office's by default */
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
    take_screenshot (GTK_WIDGET (editor), "contact-editor-language");
    g_assert_true (crm_contact_editor_save (editor));
  }
  settle ();
  language = crm_offer_store_dup_contact_language (crm_offer_store_from_session (fixture->session), fixture->anna, &error);
  g_assert_cmpstr (language, ==, "pl");
  {
    GtkWidget *holder = gtk_window_new ();
    CrmContactDetail *detail = g_object_new (CRM_TYPE_CONTACT_DETAIL, NULL);
    g_autoptr(CrmContact) saved = crm_contact_store_get (crm_contact_store_from_session (fixture->session), fixture->anna, &error);
    GtkWidget *row;

    gtk_window_set_default_size (GTK_WINDOW (holder), 700, 800);
    gtk_window_set_child (GTK_WINDOW (holder), GTK_WIDGET (detail));
    crm_contact_detail_set_session (detail, fixture->session);
    crm_contact_detail_set_contact (detail, saved);
    gtk_window_present (GTK_WINDOW (holder));
    settle ();
    row = find_child (GTK_WIDGET (detail), ADW_TYPE_ACTION_ROW, "Language of Mail");
    g_assert_nonnull (row);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Polski");
    take_screenshot (holder, "contact-detail-language");
    gtk_window_destroy (GTK_WINDOW (holder));
  }

  /* saved again at once, before her language was read: it stays hers */
  {
    g_autoptr(CrmContact) again = crm_contact_store_get (crm_contact_store_from_session (fixture->session),
                                                         fixture->anna, &error);
    CrmContactEditor *editor = crm_contact_editor_new (fixture->session, again);
    g_autofree char *kept = NULL;

    gtk_window_present (GTK_WINDOW (editor));
    g_assert_true (crm_contact_editor_save (editor));
    settle ();
    kept = crm_offer_store_dup_contact_language (crm_offer_store_from_session (fixture->session), fixture->anna, &error);
    g_assert_cmpstr (kept, ==, "pl");
  }

  /* the office's language in Preferences › Office */
  {
    CrmPreferencesWindow *prefs = crm_preferences_window_new (fixture->session, fixture->user);
    GtkWidget *row;
    g_autofree char *office = NULL;

    gtk_window_present (GTK_WINDOW (prefs));
    row = find_child (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, "Language of Mail to Clients");
    g_assert_nonnull (row);
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 3);
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
    settle ();
    office = crm_offer_store_dup_office_language (crm_offer_store_from_session (fixture->session));
    g_assert_cmpstr (office, ==, "ru");
    take_screenshot (GTK_WIDGET (prefs), "preferences-office-language");
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), 3);
    settle ();
    gtk_window_destroy (GTK_WINDOW (prefs));
  }

  /* defect 13: Piotr works Anna's search; Ewa (an administrator) her own */
  pietrs_search = crm_search_new (fixture->anna, CRM_DEAL_SALE);
  crm_search_set_agent_id (pietrs_search, agent_id);
  crm_search_set_notify (pietrs_search, CRM_NOTIFY_AGENT);
  g_assert_true (crm_search_store_save (crm_search_store_from_session (fixture->session), pietrs_search, TRUE, &error));
  ewas_search = crm_search_new (fixture->piotr, CRM_DEAL_SALE);
  crm_search_set_notify (ewas_search, CRM_NOTIFY_AGENT);
  g_assert_true (crm_search_store_save (crm_search_store_from_session (fixture->session), ewas_search, TRUE, &error));
  g_assert_no_error (error);
  first = add_flat (fixture, 450000);

  window = open_window (fixture);
  start = CRM_START_PAGE (crm_window_get_page_widget (CRM_WINDOW (window), "start"));
  offers = CRM_OFFERS_PAGE (crm_window_get_page_widget (CRM_WINDOW (window), "offers"));
  searches = CRM_SEARCHES_PAGE (crm_window_get_page_widget (CRM_WINDOW (window), "searches"));
  search_detail = crm_searches_page_get_detail (searches);
  offer_detail = crm_offers_page_get_detail (offers);
  crm_window_show_page (window, "start");
  settle ();
  portlet = CRM_OFFER_MAILS_PORTLET (crm_start_page_get_portlet (start, "offer-mails"));
  g_assert_cmpuint (g_list_model_get_n_items (crm_offer_mails_portlet_get_mails (portlet)), ==, 1);
  {
    g_autoptr(CrmOfferMail) mail = g_list_model_get_item (crm_offer_mails_portlet_get_mails (portlet), 0);

    g_assert_cmpint (crm_offer_mail_get_client_id (mail), ==, fixture->piotr);
  }
  g_assert_true (label_shown (GTK_WIDGET (portlet), "Your mails"));
  g_assert_true (gtk_widget_get_visible (find_child (GTK_WIDGET (portlet), GTK_TYPE_SWITCH, NULL)));
  gtk_widget_activate_action (GTK_WIDGET (portlet), "mails.show-all", NULL);
  settle ();
  g_assert_true (crm_offer_mails_portlet_get_show_all (portlet));
  g_assert_cmpuint (g_list_model_get_n_items (crm_offer_mails_portlet_get_mails (portlet)), ==, 2);
  g_assert_true (label_shown (GTK_WIDGET (portlet), "All the office’s mails"));
  g_assert_true (label_shown (GTK_WIDGET (portlet), "for Piotr Agent"));
  take_screenshot (GTK_WIDGET (window), "start-office-mails");
  crm_offer_mails_portlet_set_show_all (portlet, FALSE);

  /* Piotr, an agent, sees his own and cannot switch */
  crm_window_set_user (window, agent);
  crm_window_show_page (window, "start");
  settle ();
  portlet = CRM_OFFER_MAILS_PORTLET (crm_start_page_get_portlet (start, "offer-mails"));
  g_assert_cmpuint (g_list_model_get_n_items (crm_offer_mails_portlet_get_mails (portlet)), ==, 1);
  {
    g_autoptr(CrmOfferMail) mail = g_list_model_get_item (crm_offer_mails_portlet_get_mails (portlet), 0);

    g_assert_cmpint (crm_offer_mail_get_client_id (mail), ==, fixture->anna);
    g_assert_cmpint (crm_offer_mail_get_agent_id (mail), ==, agent_id);
  }
  g_assert_false (gtk_widget_get_mapped (find_child (GTK_WIDGET (portlet), GTK_TYPE_SWITCH, NULL)));
  g_assert_true (label_shown (GTK_WIDGET (portlet), "Your mails"));
  take_screenshot (GTK_WIDGET (window), "start-agent-mails");
  crm_window_set_user (window, fixture->user);
  crm_session_set_user_id (fixture->session, crm_user_get_id (fixture->user));

  /* defect 14: the first offer went to Anna by hand; the search says so */
  n_outbox = 0;
  g_assert_cmpint (crm_offer_store_send (crm_offer_store_from_session (fixture->session), crm_search_get_id (pietrs_search), &first, 1, FALSE,
                                          crm_clock_now_unix (fixture->clock), NULL, &error), >, 0);
  g_assert_no_error (error);
  n_outbox++;
  crm_clock_advance (fixture->clock, G_TIME_SPAN_SECOND);
  g_assert_cmpuint (crm_outbox_run_due (crm_outbox_from_session (fixture->session), NULL, &error), ==, 1);
  second = add_flat (fixture, 460000);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-search", "x", crm_search_get_id (pietrs_search));
  settle ();
  {
    CrmMatchRow *sent_row = match_row_of (GTK_WIDGET (search_detail), first);
    CrmMatchRow *new_row = match_row_of (GTK_WIDGET (search_detail), second);

    g_assert_nonnull (sent_row);
    g_assert_nonnull (new_row);
    g_assert_true (label_shown (GTK_WIDGET (sent_row), "Already sent to the client 4 May"));
    g_assert_false (label_shown (GTK_WIDGET (new_row), "Already sent"));
  }
  crm_search_detail_set_ticked (search_detail, first, TRUE);
  crm_search_detail_set_ticked (search_detail, second, TRUE);
  g_assert_cmpint (crm_search_detail_send (search_detail), ==, 0);
  question = find_question ("Send Offers Again?");
  g_assert_nonnull (question);
  {
    g_autofree char *named = g_strdup_printf ("No. %lld", (long long) first);
    g_autofree char *not_named = g_strdup_printf ("No. %lld", (long long) second);

    g_assert_nonnull (strstr (adw_message_dialog_get_body (question), named));
    g_assert_null (strstr (adw_message_dialog_get_body (question), not_named));
  }
  take_screenshot (GTK_WIDGET (window), "search-detail-sent-marked");
  take_screenshot (GTK_WIDGET (question), "send-again-question");
  /* "Cancel" sends nothing */
  adw_message_dialog_response (question, "cancel");
  gtk_window_destroy (GTK_WINDOW (question));
  settle ();
  g_assert_cmpint (crm_outbox_next_due (crm_outbox_from_session (fixture->session)), ==, 0);
  /* "Send Again" sends both */
  g_assert_cmpint (crm_search_detail_send (search_detail), ==, 0);
  question = find_question ("Send Offers Again?");
  adw_message_dialog_response (question, "send");
  gtk_window_destroy (GTK_WINDOW (question));
  settle ();
  n_outbox++;
  {
    g_autoptr(GListModel) outbox = crm_outbox_list (crm_outbox_from_session (fixture->session), &error);

    g_assert_cmpuint (g_list_model_get_n_items (outbox), ==, n_outbox);
  }

  /* the offer's side: the search's client already got it */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-offer", "x", first);
  settle ();
  {
    GListModel *fits = crm_offer_detail_get_matches (offer_detail);
    gboolean marked = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (fits); i++)
      {
        g_autoptr(CrmMatch) match = g_list_model_get_item (fits, i);

        if (crm_search_get_id (crm_match_get_search (match)) == crm_search_get_id (pietrs_search))
          marked = crm_match_get_sent (match) != 0;
      }
    g_assert_true (marked);
  }

  /* defect 17: the history in words, and the mail opens, in Polish */
  g_assert_nonnull (find_child (GTK_WIDGET (offer_detail), GTK_TYPE_BUTTON, "_Open Mail"));
  {
    g_autofree char *title = g_strdup_printf ("Offer No. %lld mailed to Anna Nowak", (long long) first);

    g_assert_nonnull (find_child (GTK_WIDGET (offer_detail), ADW_TYPE_ACTION_ROW, title));
    g_assert_true (label_shown (GTK_WIDGET (offer_detail), "sent by Ewa Kowalska"));
    g_assert_false (label_shown (GTK_WIDGET (offer_detail), "outbox message"));
  }
  take_screenshot (GTK_WIDGET (window), "offer-history-people");
  g_signal_emit_by_name (find_child (GTK_WIDGET (offer_detail), GTK_TYPE_BUTTON, "_Open Mail"), "clicked");
  {
    CrmOfferMailDialog *dialog = CRM_OFFER_MAIL_DIALOG (find_toplevel (CRM_TYPE_OFFER_MAIL_DIALOG));

    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (crm_offer_mail_dialog_get_text (dialog), "Dzień dobry Anna Nowak"));
    g_assert_null (strstr (crm_offer_mail_dialog_get_text (dialog), "Hello"));
    g_assert_cmpint (crm_offer_mail_dialog_get_ticket_id (dialog), ==, 0);
    g_assert_false (gtk_widget_get_visible (find_child (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Open _Ticket")));
    take_screenshot (GTK_WIDGET (dialog), "offer-mail-dialog");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Anna answers; her reply is a ticket, which the mail opens */
  {
    CrmOfferMailDialog *dialog;

    g_assert_true (crm_database_exec (crm_session_get_database (fixture->session),
                                    "INSERT INTO tickets (id, subject, queue_id, status_id, priority_id, source, "
                                    "client_id, created_at, updated_at, last_message_at, has_mail) VALUES (5, "
                                    "'Re: oferta', 1, (SELECT min (id) FROM statuses), (SELECT min (id) FROM "
                                    "priorities), 'email', 1, 0, 0, 0, 1)",
                                    &error));
    g_assert_true (crm_database_exec (crm_session_get_database (fixture->session),
                                    "INSERT INTO messages (id, direction, message_id, raw_hash, subject, body_text, "
                                    "raw, created_at, ticket_id) VALUES (40, 'in', 'anna-reply@example.com', 'h', "
                                    "'Re: oferta', 'Czy mogę obejrzeć?', x'00', 0, 5)",
                                    &error));
    g_assert_true (crm_database_exec (crm_session_get_database (fixture->session),
                                    "INSERT INTO message_refs (ref, message) SELECT message_id, 40 FROM outbox "
                                    "ORDER BY id LIMIT 1",
                                    &error));
    g_assert_no_error (error);
    g_signal_emit_by_name (find_child (GTK_WIDGET (offer_detail), GTK_TYPE_BUTTON, "_Open Mail"), "clicked");
    dialog = CRM_OFFER_MAIL_DIALOG (find_toplevel (CRM_TYPE_OFFER_MAIL_DIALOG));
    g_assert_cmpint (crm_offer_mail_dialog_get_ticket_id (dialog), ==, 5);
    g_assert_true (gtk_widget_get_visible (find_child (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Open _Ticket")));
    take_screenshot (GTK_WIDGET (dialog), "offer-mail-dialog-ticket");
    gtk_widget_activate_action (GTK_WIDGET (dialog), "mail.open-ticket", NULL);
    settle ();
    g_assert_null (find_toplevel (CRM_TYPE_OFFER_MAIL_DIALOG));
    g_assert_cmpstr (crm_window_get_page (window), ==, "tickets");
  }

  /* a prepared mail with an offer the client got asks too */
  third = add_flat (fixture, 470000);
  crm_window_show_page (window, "start");
  settle ();
  portlet = CRM_OFFER_MAILS_PORTLET (crm_start_page_get_portlet (start, "offer-mails"));
  crm_offer_mails_portlet_set_show_all (portlet, TRUE);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (crm_offer_mails_portlet_get_mails (portlet)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CrmOfferMail) mail = g_list_model_get_item (crm_offer_mails_portlet_get_mails (portlet), i);

      if (crm_offer_mail_get_client_id (mail) == fixture->anna)
        crm_offer_mails_portlet_set_ticked (portlet, crm_offer_mail_get_id (mail), TRUE);
    }
  g_assert_true (label_shown (GTK_WIDGET (portlet), "Already sent"));
  take_screenshot (GTK_WIDGET (window), "start-mails-already-sent");
  g_assert_cmpuint (crm_offer_mails_portlet_send (portlet), ==, 0);
  question = find_question ("Send Offers Again?");
  g_assert_nonnull (question);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "Anna Nowak: offer No."));
  adw_message_dialog_response (question, "send");
  gtk_window_destroy (GTK_WINDOW (question));
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (crm_offer_mails_portlet_get_mails (portlet)), ==, 1);
  (void) third;

  gtk_window_destroy (GTK_WINDOW (window));
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
}

static void
test_widgets_finalize (Fixture       *fixture,
                       gconstpointer  data)
{
  GType types[] = {
    CRM_TYPE_WELCOME_PORTLET, CRM_TYPE_OFFER_MAILS_PORTLET, CRM_TYPE_STALE_SEARCHES_PORTLET,
    CRM_TYPE_OFFERS_PAGE, CRM_TYPE_OFFER_DETAIL, CRM_TYPE_SEARCHES_PAGE, CRM_TYPE_SEARCH_DETAIL,
    CRM_TYPE_START_PAGE,
  };
  GtkWidget *window;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *widget = g_object_ref_sink (g_object_new (types[i], NULL));

      if (CRM_IS_OFFERS_PAGE (widget))
        crm_offers_page_set_session (CRM_OFFERS_PAGE (widget), fixture->session);
      else if (CRM_IS_SEARCHES_PAGE (widget))
        crm_searches_page_set_session (CRM_SEARCHES_PAGE (widget), fixture->session);
      else if (CRM_IS_START_PAGE (widget))
        {
          crm_start_page_set_session (CRM_START_PAGE (widget), fixture->session);
          crm_start_page_set_settings (CRM_START_PAGE (widget), fixture->settings);
        }
      else if (CRM_IS_PORTLET (widget))
        crm_portlet_set_context (CRM_PORTLET (widget), fixture->session, fixture->user, fixture->settings);
      /* a read on its way holds the widget until it is answered */
      crm_test_settle ();
      g_assert_finalize_object (widget);
    }

  window = GTK_WIDGET (crm_offer_editor_new (fixture->session, NULL));
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  window = GTK_WIDGET (crm_search_editor_new (fixture->session, NULL));
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  /* a mail that is not there says so */
  window = GTK_WIDGET (crm_offer_mail_dialog_new (fixture->session, 999));
  g_assert_nonnull (strstr (crm_offer_mail_dialog_get_text (CRM_OFFER_MAIL_DIALOG (window)), "999"));
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* A colleague saves the offer open in the editor: the save is
 * refused, the editor stays open, says so and shows their offer; made
 * again, it is saved over theirs. */
static void
test_editor_changed_meanwhile (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) colleague = crm_session_open_another (fixture->session, &error);
  g_autoptr(CrmOffer) offer = crm_offer_new ();
  g_autoptr(CrmOffer) theirs = NULL;
  g_autoptr(CrmOffer) stored = NULL;
  CrmOfferEditor *editor;

  g_assert_no_error (error);
  crm_offer_set_city (offer, "Kraków");
  crm_offer_set_price (offer, 480000);
  crm_offer_set_area (offer, 54.5);
  g_assert_true (crm_offer_store_save (crm_offer_store_from_session (fixture->session), offer, NULL, &error));
  g_assert_no_error (error);
  editor = crm_offer_editor_new (fixture->session, offer);
  gtk_window_present (GTK_WINDOW (editor));
  settle ();

  theirs = crm_offer_store_get (crm_offer_store_from_session (colleague), crm_offer_get_id (offer), &error);
  g_assert_no_error (error);
  crm_offer_set_price (theirs, 455000);
  g_assert_true (crm_offer_store_save (crm_offer_store_from_session (colleague), theirs, NULL, &error));
  g_assert_no_error (error);

  type_into (GTK_WIDGET (editor), "Rooms", "3");
  g_assert_true (crm_offer_editor_save (editor));
  settle ();

  /* told, still open, showing theirs */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_nonnull (crm_offer_editor_get_error (editor));
  g_assert_nonnull (strstr (crm_offer_editor_get_error (editor), "Someone changed the offer"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_child (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "Price"))),
                   ==, "455000");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_child (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "Rooms"))),
                   ==, "");
  take_screenshot (GTK_WIDGET (editor), "offer-editor-changed-meanwhile");
  stored = crm_offer_store_get (crm_offer_store_from_session (fixture->session), crm_offer_get_id (offer), &error);
  g_assert_cmpint (crm_offer_get_price (stored), ==, 455000);
  g_assert_cmpint (crm_offer_get_rooms (stored), ==, CRM_OFFER_ANY);

  /* made again: saved over theirs, and the editor closes */
  type_into (GTK_WIDGET (editor), "Rooms", "3");
  g_assert_true (crm_offer_editor_save (editor));
  settle ();
  g_assert_null (find_toplevel (CRM_TYPE_OFFER_EDITOR));
  g_clear_object (&stored);
  stored = crm_offer_store_get (crm_offer_store_from_session (colleague), crm_offer_get_id (offer), &error);
  g_assert_cmpint (crm_offer_get_price (stored), ==, 455000);
  g_assert_cmpint (crm_offer_get_rooms (stored), ==, 3);
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
  /* the application's icons, as AdwApplication adds them */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/org/example/Crm/icons");
  /* screenshots show the end of a transition, not its middle */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  screenshot_dir = g_build_filename (builddir ? builddir : ".", "screenshots", NULL);
  g_mkdir_with_parents (screenshot_dir, 0755);

  g_test_add ("/offers-ui/widgets-finalize", Fixture, NULL, fixture_set_up, test_widgets_finalize,
              fixture_tear_down);
  g_test_add ("/offers-ui/in-window", Fixture, NULL, fixture_set_up, test_offers_in_window, fixture_tear_down);
  g_test_add ("/offers-ui/stale-searches", Fixture, NULL, fixture_set_up, test_stale_searches, fixture_tear_down);
  g_test_add ("/offers-ui/portlets", Fixture, NULL, fixture_set_up, test_portlets, fixture_tear_down);
  g_test_add ("/offers-ui/many-matches", Fixture, NULL, fixture_set_up, test_many_matches, fixture_tear_down);
  g_test_add ("/offers-ui/mails-for-people", Fixture, NULL, fixture_set_up, test_mails_for_people,
              fixture_tear_down);
  g_test_add ("/offers-ui/editor-changed-meanwhile", Fixture, NULL, fixture_set_up, test_editor_changed_meanwhile,
              fixture_tear_down);

  return g_test_run ();
}
