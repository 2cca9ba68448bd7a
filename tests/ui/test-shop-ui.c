/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "crm.h"
#include "crm-contact-detail.h"
#include "crm-contacts-page.h"
#include "crm-last-order-row.h"
#include "crm-preferences-window.h"
#include "crm-shop-settings-group.h"
#include "crm-ticket-client-panel.h"
#include "crm-window.h"
#include "crm-test-util.h"
#include "crm-ui-test-util.h"
#include "shop-fixture.h"

/*
 * The client's last e-shop order in the window (TK7): on the contact
 * card and in the ticket's side panel, looked up without blocking the
 * card; no orders; the shop gone, said with Retry (clicked for real
 * through the X server with xdotool); the keys missing on this
 * computer; the E-Shop group of Preferences with Test Connection.
 *
 * WooCommerce cannot run here: the shop is
 * tests/fixtures/woocommerce-server.py, which answers over HTTPS on
 * loopback exactly as WooCommerce's REST API documentation shows. The
 * keys are kept in a real GNOME Keyring (dbus-run-session and
 * fixtures/with-keyring).
 */

typedef struct
{
  char        *dir;
  CrmClock    *clock;
  CrmSession  *session;
  GSettings   *settings;
  CrmUser     *user;
  CrmTestShop  shop;
  gint64       anna;
  gint64       jan;
  gint64       nobody;
  gint64       slow;
} Fixture;

static void
settle (void)
{
  for (guint i = 0; i < 3; i++)
    crm_test_settle ();
}

/* A real click in the middle of @widget, once @window has painted a
 * frame and @widget shows. */
static void
click_shown (GtkWidget *window,
             GtkWidget *widget)
{
  wait_for_frame (window);
  g_assert_true (gtk_widget_is_visible (widget));
  click (window, widget);
}

static gint64
add_contact (Fixture    *fixture,
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
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 7, 10, 0, 0);
  g_autofree char *path = NULL;
  CrmShopStore *shop;

  fixture->dir = g_dir_make_tmp ("crm-shop-ui-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->clock = crm_clock_new_fixed (now);
  fixture->session = crm_session_open_file (path, fixture->clock, &error);
  g_assert_no_error (error);
  crm_user_store_add (crm_user_store_from_session (fixture->session), "Ewa Kowalska", "ewa@example.com",
                      CRM_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  fixture->user = crm_user_store_find (crm_user_store_from_session (fixture->session), "ewa@example.com", &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, crm_user_get_id (fixture->user));

  fixture->anna = add_contact (fixture, "Anna Kowalska", "anna.kowalska@example.com");
  fixture->jan = add_contact (fixture, "Jan Gość", "jan.gosc@example.com");
  fixture->nobody = add_contact (fixture, "Nikt Nowy", "nobody@example.com");
  fixture->slow = add_contact (fixture, "Marek Powolny", "slow@example.com");

  crm_test_shop_start (&fixture->shop);
  shop = crm_shop_store_from_session (fixture->session);
  g_assert_true (crm_shop_store_set_url (shop, fixture->shop.url, &error));
  g_assert_true (crm_shop_store_set_keys (shop, CRM_TEST_SHOP_KEY, CRM_TEST_SHOP_SECRET, &error));
  g_assert_no_error (error);

  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "sidebar-page");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  crm_test_shop_clear (&fixture->shop);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->user);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->clock);
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

/* Runs the main loop until @row shows something other than @state. */
static const char *
wait_for_answer (CrmLastOrderRow *row,
                 const char      *state)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_str_equal (crm_last_order_row_get_state (row), state) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  settle ();

  return crm_last_order_row_get_state (row);
}

static GtkWidget *
action_row_of (CrmLastOrderRow *row)
{
  GtkWidget *found = find_child (GTK_WIDGET (row), ADW_TYPE_ACTION_ROW, NULL);

  g_assert_nonnull (found);

  return found;
}

static const char *
title_of (CrmLastOrderRow *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (action_row_of (row)));
}

static const char *
subtitle_of (CrmLastOrderRow *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (action_row_of (row)));
}

static CrmLastOrderRow *
contact_row (CrmWindow *window)
{
  GtkWidget *page = crm_window_get_page_widget (window, "contacts");
  GtkWidget *detail = find_child (page, CRM_TYPE_CONTACT_DETAIL, NULL);

  g_assert_nonnull (detail);

  return CRM_LAST_ORDER_ROW (find_child (detail, CRM_TYPE_LAST_ORDER_ROW, NULL));
}

static void
show_contact (CrmWindow *window,
              gint64     id)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-contact", "x", id);
}

static const char *state_when_shown;

static void
contact_shown_cb (GObject         *detail,
                  GParamSpec      *pspec,
                  CrmLastOrderRow *row)
{
  if (state_when_shown == NULL)
    state_when_shown = crm_last_order_row_get_state (row);
}

/* New and destroyed, also while a lookup is under way. */
static void
test_widgets_finalize (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *row = g_object_ref_sink (g_object_new (CRM_TYPE_LAST_ORDER_ROW, NULL));
  GtkWidget *group = g_object_ref_sink (g_object_new (CRM_TYPE_SHOP_SETTINGS_GROUP, NULL));
  const char *emails[] = { "anna.kowalska@example.com", NULL };

  crm_last_order_row_set_session (CRM_LAST_ORDER_ROW (row), fixture->session);
  crm_last_order_row_set_emails (CRM_LAST_ORDER_ROW (row), emails);
  g_assert_cmpstr (crm_last_order_row_get_state (CRM_LAST_ORDER_ROW (row)), ==, "looking");
  g_assert_finalize_object (row);

  crm_shop_settings_group_set_session (CRM_SHOP_SETTINGS_GROUP (group), fixture->session, TRUE);
  g_assert_finalize_object (group);
  settle ();
}

/* The contact card: the order looked up while the card already shows
 * the contact; a guest's; none; a slow shop's late answer for the
 * client shown before never shows on the next; the shop gone once the
 * answer kept is old, with Retry clicked, then back. */
static void
test_contact_card (Fixture       *fixture,
                   gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmLastOrderRow *row;
  GtkWidget *retry;
  g_autofree char *log = NULL;

  row = contact_row (window);
  g_signal_connect (gtk_widget_get_ancestor (GTK_WIDGET (row), CRM_TYPE_CONTACT_DETAIL), "notify::contact",
                    G_CALLBACK (contact_shown_cb), row);
  show_contact (window, fixture->anna);
  /* not blocked: the card showed the contact while the row still asked */
  while (state_when_shown == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (state_when_shown, ==, "looking");
  g_assert_cmpstr (wait_for_answer (row, "looking"), ==, "order");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (row)));
  g_assert_cmpstr (title_of (row), ==, "#1234 · 3 Dec 2026 · Completed · 120.50 EUR");
  g_assert_cmpstr (subtitle_of (row), ==, "2 × Chair, 1 × Table");
  take_screenshot (GTK_WIDGET (window), "shop-contact-order");

  show_contact (window, fixture->jan);
  settle ();
  g_assert_cmpstr (wait_for_answer (row, "looking"), ==, "order");
  g_assert_cmpstr (title_of (row), ==, "#1188 · 20 Nov 2026 · Processing · 89.00 EUR");
  g_assert_cmpstr (subtitle_of (row), ==, "1 × Shelf – Oak, 80 cm");

  show_contact (window, fixture->nobody);
  g_assert_cmpstr (wait_for_answer (row, "looking"), ==, "none");
  g_assert_cmpstr (title_of (row), ==, "No orders in the shop");
  take_screenshot (GTK_WIDGET (window), "shop-contact-none");

  /* the slow shop has the question; the user moves on to Anna, whose
   * answer is kept: the slow one is dropped, never shown */
  show_contact (window, fixture->slow);
  settle ();
  for (;;)
    {
      g_free (log);
      log = crm_test_shop_log (&fixture->shop);
      if (strstr (log, "search=slow%40example.com") != NULL)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpstr (crm_last_order_row_get_state (row), ==, "looking");
  take_screenshot (GTK_WIDGET (window), "shop-contact-looking");
  show_contact (window, fixture->anna);
  settle ();
  g_assert_cmpstr (crm_last_order_row_get_state (row), ==, "order");
  g_assert_cmpint (crm_shop_order_get_id (crm_last_order_row_get_order (row)), ==, 1234);

  /* the shop goes away; what was kept ages out */
  crm_test_shop_stop_server (&fixture->shop);
  crm_clock_advance (fixture->clock, (CRM_SHOP_CACHE_SECONDS + 1) * G_TIME_SPAN_SECOND);
  show_contact (window, fixture->jan);
  settle ();
  show_contact (window, fixture->anna);
  g_assert_cmpstr (wait_for_answer (row, "looking"), ==, "failed");
  g_assert_cmpstr (title_of (row), ==, "The shop cannot be reached");
  g_assert_nonnull (strstr (subtitle_of (row), "cannot be reached"));
  retry = find_child (GTK_WIDGET (row), GTK_TYPE_BUTTON, "_Retry");
  g_assert_nonnull (retry);
  g_assert_true (gtk_widget_is_visible (retry));
  take_screenshot (GTK_WIDGET (window), "shop-contact-unreachable");

  /* back: Retry, clicked */
  crm_test_shop_start (&fixture->shop);
  click_shown (GTK_WIDGET (window), retry);
  g_assert_cmpstr (wait_for_answer (row, "failed"), !=, "failed");
  g_assert_cmpstr (wait_for_answer (row, "looking"), ==, "order");
  g_assert_cmpstr (title_of (row), ==, "#1234 · 3 Dec 2026 · Completed · 120.50 EUR");
  g_assert_false (gtk_widget_is_visible (retry));
  take_screenshot (GTK_WIDGET (window), "shop-contact-after-retry");

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* The ticket's side panel shows the client's order; the office without
 * a shop shows no row at all. */
static void
test_ticket_panel (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ticket = crm_ticket_store_record_request (crm_ticket_store_from_session (fixture->session),
                                                   "Krzesła do biura", 1, fixture->anna,
                                                   "Czy mogę dokupić dwa krzesła?", "phone", &error);
  CrmWindow *window;
  GtkWidget *panel;
  CrmLastOrderRow *row;

  g_assert_no_error (error);
  window = open_window (fixture);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-ticket", "x", ticket);
  settle ();
  panel = find_child (crm_window_get_page_widget (window, "tickets"), CRM_TYPE_TICKET_CLIENT_PANEL, NULL);
  g_assert_nonnull (panel);
  row = CRM_LAST_ORDER_ROW (find_child (panel, CRM_TYPE_LAST_ORDER_ROW, NULL));
  g_assert_cmpstr (wait_for_answer (row, "looking"), ==, "order");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (row)));
  g_assert_cmpstr (title_of (row), ==, "#1234 · 3 Dec 2026 · Completed · 120.50 EUR");
  take_screenshot (GTK_WIDGET (window), "shop-ticket-panel-order");
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();

  g_assert_true (crm_shop_store_set_url (crm_shop_store_from_session (fixture->session), NULL, &error));
  g_assert_no_error (error);
  window = open_window (fixture);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-ticket", "x", ticket);
  settle ();
  panel = find_child (crm_window_get_page_widget (window, "tickets"), CRM_TYPE_TICKET_CLIENT_PANEL, NULL);
  row = CRM_LAST_ORDER_ROW (find_child (panel, CRM_TYPE_LAST_ORDER_ROW, NULL));
  g_assert_cmpstr (wait_for_answer (row, "looking"), ==, "hidden");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (row)));
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static void
type_into (GtkWidget  *root,
           GType       type,
           const char *title,
           const char *text)
{
  GtkWidget *row = find_child (root, type, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static const char *
wait_for_status (GtkWidget  *group,
                 const char *status)
{
  CrmShopSettingsGroup *shop = CRM_SHOP_SETTINGS_GROUP (group);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_str_equal (crm_shop_settings_group_get_status (shop), status) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return crm_shop_settings_group_get_status (shop);
}

/* This computer keeps no keys (a colleague's desktop in a team): the
 * card says so; Preferences, E-Shop says so too, tests the keys typed
 * (refused, then right) and keeps them; the card then shows the order. */
static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmWindow *window;
  CrmPreferencesWindow *preferences;
  CrmLastOrderRow *row;
  GtkWidget *group;
  const char *said;

  g_assert_true (crm_secrets_clear_shop_keys (fixture->shop.url, NULL, &error));
  g_assert_no_error (error);

  window = open_window (fixture);
  show_contact (window, fixture->anna);
  row = contact_row (window);
  g_assert_cmpstr (wait_for_answer (row, "looking"), ==, "failed");
  g_assert_cmpstr (title_of (row), ==, "The shop’s keys are not on this computer");
  g_assert_nonnull (strstr (subtitle_of (row), "each computer keeps them in its own keyring"));
  take_screenshot (GTK_WIDGET (window), "shop-contact-no-keys");

  preferences = crm_preferences_window_new (fixture->session, fixture->user);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (preferences), 900, 900);
  gtk_window_present (GTK_WINDOW (preferences));
  settle ();
  group = find_child (GTK_WIDGET (preferences), CRM_TYPE_SHOP_SETTINGS_GROUP, NULL);
  g_assert_nonnull (group);
  gtk_widget_grab_focus (find_child (group, ADW_TYPE_ENTRY_ROW, "Shop Address (https://…)"));
  settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_child (group, ADW_TYPE_ENTRY_ROW,
                                                                    "Shop Address (https://…)"))),
                   ==, fixture->shop.url);
  said = wait_for_status (group, "");
  g_assert_nonnull (strstr (said, "This computer keeps no keys for the shop"));
  take_screenshot (GTK_WIDGET (preferences), "shop-preferences-no-keys");

  /* a secret mistyped: Test Connection says what the shop said */
  type_into (group, ADW_TYPE_PASSWORD_ENTRY_ROW, "Consumer Key", CRM_TEST_SHOP_KEY);
  type_into (group, ADW_TYPE_PASSWORD_ENTRY_ROW, "Consumer Secret", "cs_typo");
  click_shown (GTK_WIDGET (preferences), find_child (group, GTK_TYPE_BUTTON, "_Test Connection"));
  said = wait_for_status (group, said);
  said = wait_for_status (group, "Asking the shop…");
  g_assert_nonnull (strstr (said, "The shop refused the API keys (“Consumer secret is invalid.”)"));
  take_screenshot (GTK_WIDGET (preferences), "shop-preferences-refused");

  type_into (group, ADW_TYPE_PASSWORD_ENTRY_ROW, "Consumer Secret", CRM_TEST_SHOP_SECRET);
  click_shown (GTK_WIDGET (preferences), find_child (group, GTK_TYPE_BUTTON, "_Test Connection"));
  said = wait_for_status (group, said);
  said = wait_for_status (group, "Asking the shop…");
  g_assert_cmpstr (said, ==, "The shop answered: these keys can read its orders.");
  take_screenshot (GTK_WIDGET (preferences), "shop-preferences-tested");

  click_shown (GTK_WIDGET (preferences), find_child (group, GTK_TYPE_BUTTON, "_Save"));
  said = wait_for_status (group, said);
  g_assert_cmpstr (said, ==, "This computer keeps the shop’s keys.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_child (group, ADW_TYPE_PASSWORD_ENTRY_ROW,
                                                                    "Consumer Secret"))), ==, "");
  take_screenshot (GTK_WIDGET (preferences), "shop-preferences-saved");
  gtk_window_destroy (GTK_WINDOW (preferences));
  settle ();

  /* the card, asked again, has the order */
  click_shown (GTK_WIDGET (window), find_child (GTK_WIDGET (row), GTK_TYPE_BUTTON, "_Retry"));
  g_assert_cmpstr (wait_for_answer (row, "failed"), !=, "failed");
  g_assert_cmpstr (wait_for_answer (row, "looking"), ==, "order");
  g_assert_cmpint (crm_shop_order_get_id (crm_last_order_row_get_order (row)), ==, 1234);

  gtk_window_destroy (GTK_WINDOW (window));
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
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  screenshot_dir = g_build_filename (builddir ? builddir : ".", "screenshots", NULL);
  g_mkdir_with_parents (screenshot_dir, 0755);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/shop-ui/widgets-finalize", test_widgets_finalize);
  ADD ("/shop-ui/contact-card", test_contact_card);
  ADD ("/shop-ui/ticket-panel", test_ticket_panel);
  ADD ("/shop-ui/preferences", test_preferences);

#undef ADD

  return g_test_run ();
}
