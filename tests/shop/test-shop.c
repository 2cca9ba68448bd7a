/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-test-util.h"
#include "pg-fixture.h"
#include "shop-fixture.h"

#include "crm.h"

/* The client's last e-shop order (TK7): the office's shop's address in
 * the database (both backends), its keys in a real GNOME Keyring, and
 * WooCommerce's REST API v3.
 *
 * WooCommerce itself (WordPress, PHP, MySQL) cannot run here: the shop
 * is tests/fixtures/woocommerce-server.py, a small HTTPS server on
 * loopback that answers exactly as WooCommerce's REST API
 * documentation shows (orders and customers as "List all orders" and
 * "List all customers" give them, its 401 and 404 error bodies), and
 * logs each request so that the cache can be checked by counting them. */

typedef struct
{
  char        *dir;
  CrmClock    *clock;
  CrmSession  *session;
  CrmTestShop  shop;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 7, 10, 0, 0);
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("crm-shop-test-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->clock = crm_clock_new_fixed (now);
  fixture->session = crm_test_session_open (path, fixture->clock, &error);
  g_assert_no_error (error);
  crm_test_shop_start (&fixture->shop);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  crm_test_shop_clear (&fixture->shop);
  g_assert_finalize_object (fixture->session);
  g_clear_object (&fixture->clock);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
}

static CrmShopStore *
store (Fixture *fixture)
{
  return crm_shop_store_from_session (fixture->session);
}

/* The office's shop is the test's, with its keys on this computer. */
static void
configure (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_shop_store_set_url (store (fixture), fixture->shop.url, &error));
  g_assert_no_error (error);
  g_assert_true (crm_shop_store_set_keys (store (fixture), CRM_TEST_SHOP_KEY, CRM_TEST_SHOP_SECRET, &error));
  g_assert_no_error (error);
}

static void
got_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* The last order of @emails through the window's way (the store). */
static CrmShopOrder *
last_order (Fixture             *fixture,
            const char * const  *emails,
            gboolean             fresh,
            GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_shop_store_last_order_async (store (fixture), emails, fresh, NULL, got_cb, &result);

  return crm_shop_store_last_order_finish (store (fixture), wait_for (&result), error);
}

static CrmShopOrder *
last_order_of (Fixture     *fixture,
               const char  *email,
               GError     **error)
{
  const char *emails[] = { email, NULL };

  return last_order (fixture, emails, FALSE, error);
}

static CrmShopOrder *
client_last_order (CrmShopClient  *client,
                   const char     *email,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_shop_client_last_order_async (client, email, cancellable, got_cb, &result);

  return crm_shop_client_last_order_finish (client, wait_for (&result), error);
}

static gboolean
log_has (Fixture    *fixture,
         const char *text)
{
  g_autofree char *log = crm_test_shop_log (&fixture->shop);

  return strstr (log, text) != NULL;
}

/* A registered customer's newest order, with what the card shows; and
 * a customer whose order bills another address, found through the
 * customers' list. */
static void
test_registered (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmShopOrder) order = NULL;
  g_autoptr(CrmShopOrder) other = NULL;
  g_autofree char *items = NULL;
  g_autofree char *created = NULL;

  configure (fixture);
  order = last_order_of (fixture, "Anna.Kowalska@example.com", &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);
  g_assert_cmpint (crm_shop_order_get_id (order), ==, 1234);
  g_assert_cmpstr (crm_shop_order_get_number (order), ==, "1234");
  g_assert_cmpstr (crm_shop_order_get_status (order), ==, "completed");
  g_assert_cmpstr (crm_shop_order_status_label (crm_shop_order_get_status (order)), ==, "Completed");
  g_assert_cmpstr (crm_shop_order_get_total (order), ==, "120.50");
  g_assert_cmpstr (crm_shop_order_get_currency (order), ==, "EUR");
  g_assert_cmpint (crm_shop_order_get_customer_id (order), ==, 26);
  created = g_date_time_format_iso8601 (crm_shop_order_get_created (order));
  g_assert_cmpstr (created, ==, "2026-12-03T09:15:00Z");
  items = crm_shop_order_dup_items_text (order);
  g_assert_cmpstr (items, ==, "2 × Chair, 1 × Table");
  /* the keys went as HTTP Basic, over HTTPS */
  g_assert_true (log_has (fixture, "orders?search=anna.kowalska%40example.com&orderby=date&order=desc"));
  g_assert_false (log_has (fixture, " none\n"));

  other = last_order_of (fixture, "piotr.nowak@example.com", &error);
  g_assert_no_error (error);
  g_assert_nonnull (other);
  g_assert_cmpint (crm_shop_order_get_id (other), ==, 1222);
  g_assert_cmpstr (crm_shop_order_get_email (other), ==, "biuro@nowak-meble.pl");
  g_assert_true (log_has (fixture, "customers?email=piotr.nowak%40example.com&role=all"));
  g_assert_true (log_has (fixture, "orders?customer=27&"));
}

/* A guest's order (customer_id 0): the search's match of another
 * address is not theirs; WordPress's entities are decoded. */
static void
test_guest (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmShopOrder) order = NULL;
  const char *emails[] = { "nobody@example.com", "jan.gosc@example.com", NULL };
  gint64 quantity = 0;

  configure (fixture);
  order = last_order (fixture, emails, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);
  g_assert_cmpint (crm_shop_order_get_id (order), ==, 1188);
  g_assert_cmpint (crm_shop_order_get_customer_id (order), ==, 0);
  g_assert_cmpstr (crm_shop_order_get_status (order), ==, "processing");
  g_assert_cmpuint (crm_shop_order_get_n_items (order), ==, 1);
  g_assert_cmpstr (crm_shop_order_get_item (order, 0, &quantity), ==, "Shelf – Oak, 80 cm");
  g_assert_cmpint (quantity, ==, 1);
}

/* No orders is an answer too, kept like any: the second look asks the
 * shop nothing; after the cache's time, or with Retry, it asks again. */
static void
test_none_and_cache (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *emails[] = { "nobody@example.com", NULL };
  g_autoptr(CrmShopOrder) anna = NULL;
  g_autoptr(CrmShopOrder) again = NULL;
  CrmShopOrder *none;
  guint asked;

  configure (fixture);
  none = last_order (fixture, emails, FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  asked = crm_test_shop_count_requests (&fixture->shop);
  g_assert_cmpuint (asked, ==, 2);   /* the orders' search, the customers' */

  none = last_order (fixture, emails, FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  g_assert_cmpuint (crm_test_shop_count_requests (&fixture->shop), ==, asked);

  anna = last_order_of (fixture, "anna.kowalska@example.com", &error);
  g_assert_no_error (error);
  asked = crm_test_shop_count_requests (&fixture->shop);
  again = last_order_of (fixture, "ANNA.KOWALSKA@example.com ", &error);
  g_assert_no_error (error);
  g_assert_true (again == anna);
  g_assert_cmpuint (crm_test_shop_count_requests (&fixture->shop), ==, asked);

  /* Retry */
  g_clear_object (&again);
  again = last_order (fixture, (const char *[]) { "anna.kowalska@example.com", NULL }, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_shop_order_get_id (again), ==, 1234);
  g_assert_cmpuint (crm_test_shop_count_requests (&fixture->shop), >, asked);

  /* the cache's time, by the session's clock */
  asked = crm_test_shop_count_requests (&fixture->shop);
  crm_clock_advance (fixture->clock, (CRM_SHOP_CACHE_SECONDS - 1) * G_TIME_SPAN_SECOND);
  none = last_order (fixture, emails, FALSE, &error);
  g_assert_cmpuint (crm_test_shop_count_requests (&fixture->shop), ==, asked);
  crm_clock_advance (fixture->clock, 2 * G_TIME_SPAN_SECOND);
  none = last_order (fixture, emails, FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  g_assert_cmpuint (crm_test_shop_count_requests (&fixture->shop), ==, asked + 2);
}

/* Keys the shop refuses: its 401 JSON in words that say what to do;
 * a failure is not kept. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) unknown_error = NULL;
  g_autoptr(CrmShopOrder) order = NULL;
  g_autoptr(CrmShopClient) unknown = NULL;
  g_autoptr(CrmShopOrder) fixed = NULL;
  guint asked;

  g_assert_true (crm_shop_store_set_url (store (fixture), fixture->shop.url, &error));
  g_assert_true (crm_shop_store_set_keys (store (fixture), CRM_TEST_SHOP_KEY, "cs_wrong", &error));
  g_assert_no_error (error);
  order = last_order_of (fixture, "anna.kowalska@example.com", &error);
  g_assert_error (error, CRM_SHOP_ERROR, CRM_SHOP_ERROR_REFUSED);
  g_assert_null (order);
  g_assert_nonnull (strstr (error->message, "The shop refused the API keys (“Consumer secret is invalid.”)"));
  g_assert_nonnull (strstr (error->message, "check the consumer key and secret"));

  unknown = crm_shop_client_new (fixture->shop.url, "ck_unknown", "cs_unknown");
  order = client_last_order (unknown, "anna.kowalska@example.com", NULL, &unknown_error);
  g_assert_error (unknown_error, CRM_SHOP_ERROR, CRM_SHOP_ERROR_REFUSED);
  g_assert_nonnull (strstr (unknown_error->message, "Sorry, you cannot list resources."));

  /* the right keys, stored now, are used at once */
  asked = crm_test_shop_count_requests (&fixture->shop);
  g_assert_true (crm_shop_store_set_keys (store (fixture), CRM_TEST_SHOP_KEY, CRM_TEST_SHOP_SECRET, NULL));
  fixed = last_order_of (fixture, "anna.kowalska@example.com", NULL);
  g_assert_nonnull (fixed);
  g_assert_cmpuint (crm_test_shop_count_requests (&fixture->shop), >, asked);
}

/* The shop gone (its port refuses), too slow, or not WooCommerce. */
static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) slow_error = NULL;
  g_autoptr(GError) route_error = NULL;
  g_autoptr(CrmShopOrder) order = NULL;
  g_autoptr(CrmShopClient) slow = crm_shop_client_new (fixture->shop.url, CRM_TEST_SHOP_KEY, CRM_TEST_SHOP_SECRET);
  g_autoptr(CrmShopClient) elsewhere = NULL;
  g_autofree char *wrong_url = g_strdup_printf ("%s/blog", fixture->shop.url);

  configure (fixture);

  crm_shop_client_set_timeout (slow, 1);
  order = client_last_order (slow, "slow@example.com", NULL, &slow_error);
  g_assert_error (slow_error, CRM_SHOP_ERROR, CRM_SHOP_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (slow_error->message, "did not answer within 1 second."));

  /* a WordPress without WooCommerce: rest_no_route */
  elsewhere = crm_shop_client_new (wrong_url, CRM_TEST_SHOP_KEY, CRM_TEST_SHOP_SECRET);
  order = client_last_order (elsewhere, "anna.kowalska@example.com", NULL, &route_error);
  g_assert_error (route_error, CRM_SHOP_ERROR, CRM_SHOP_ERROR_BAD_ANSWER);
  g_assert_nonnull (strstr (route_error->message, "has no WooCommerce REST API (v3)"));

  crm_test_shop_stop_server (&fixture->shop);
  order = last_order_of (fixture, "anna.kowalska@example.com", &error);
  g_assert_error (error, CRM_SHOP_ERROR, CRM_SHOP_ERROR_UNREACHABLE);
  g_assert_null (order);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_assert_nonnull (strstr (error->message, fixture->shop.url));
}

/* A card that shows another client cancels its lookup: the answer
 * never comes. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CrmShopOrder) order = NULL;
  CrmShopStore *shop = store (fixture);

  configure (fixture);
  crm_shop_store_last_order_async (shop, (const char *[]) { "slow@example.com", NULL }, FALSE, cancellable, got_cb,
                                   &result);
  /* the shop has the question, and sits on it */
  while (!log_has (fixture, "search=slow%40example.com"))
    g_main_context_iteration (NULL, FALSE);
  g_cancellable_cancel (cancellable);
  order = crm_shop_store_last_order_finish (shop, wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (order);
}

/* Test Connection: the keys typed, before they are stored. */
static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CrmShopClient) good = crm_shop_client_new (fixture->shop.url, CRM_TEST_SHOP_KEY, CRM_TEST_SHOP_SECRET);
  g_autoptr(CrmShopClient) bad = crm_shop_client_new (fixture->shop.url, CRM_TEST_SHOP_KEY, "cs_typo");
  g_autoptr(GAsyncResult) good_result = NULL;
  g_autoptr(GAsyncResult) bad_result = NULL;
  g_autoptr(GError) error = NULL;

  crm_shop_client_check_async (good, NULL, got_cb, &good_result);
  g_assert_true (crm_shop_client_check_finish (good, wait_for (&good_result), &error));
  g_assert_no_error (error);
  g_assert_true (log_has (fixture, "orders?per_page=1 basic"));

  crm_shop_client_check_async (bad, NULL, got_cb, &bad_result);
  g_assert_false (crm_shop_client_check_finish (bad, wait_for (&bad_result), &error));
  g_assert_error (error, CRM_SHOP_ERROR, CRM_SHOP_ERROR_REFUSED);
}

/* The office's setting: administrators only, https only, kept
 * normalized, audited; the keys per computer. */
static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autofree char *url = NULL;
  g_autoptr(CrmHistoryEntry) last = NULL;
  CrmUserStore *users = crm_user_store_from_session (fixture->session);
  gint64 admin, agent;
  g_autoptr(CrmShopOrder) order = NULL;

  g_assert_null (crm_shop_store_get_url (store (fixture)));
  order = last_order_of (fixture, "anna.kowalska@example.com", &error);
  g_assert_error (error, CRM_SHOP_ERROR, CRM_SHOP_ERROR_NOT_CONFIGURED);
  g_clear_error (&error);

  admin = crm_user_store_add (users, "Ewa Admin", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  agent = crm_user_store_add (users, "Anna Nowak", "anna@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);

  crm_session_set_user_id (fixture->session, agent);
  g_assert_false (crm_shop_store_set_url (store (fixture), "https://shop.example.com", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);

  crm_session_set_user_id (fixture->session, admin);
  g_assert_false (crm_shop_store_set_url (store (fixture), "http://shop.example.com", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "https://"));
  g_clear_error (&error);
  g_assert_false (crm_shop_store_set_url (store (fixture), "shop example", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (crm_shop_store_set_url (store (fixture), " https://Shop.Example.com/wp-json/wc/v3/ ", &error));
  g_assert_no_error (error);
  url = crm_shop_store_get_url (store (fixture));
  g_assert_cmpstr (url, ==, "https://shop.example.com");
  history = crm_session_list_history (fixture->session, "settings", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), >=, 1);
  last = g_list_model_get_item (history, 0);
  g_assert_cmpstr (crm_history_entry_get_action (last), ==, "shop-set");
  g_assert_cmpstr (crm_history_entry_get_actor (last), ==, "Ewa Admin");

  /* this computer has no keys for it yet */
  g_assert_false (crm_shop_store_has_keys (store (fixture), &error));
  g_assert_error (error, CRM_SHOP_ERROR, CRM_SHOP_ERROR_NO_KEYS);
  g_clear_error (&error);
  g_assert_false (crm_shop_store_set_keys (store (fixture), "ck:colon", "cs_x", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (crm_shop_store_set_keys (store (fixture), " ck_abc ", "cs_def", &error));
  g_assert_no_error (error);
  g_assert_true (crm_shop_store_has_keys (store (fixture), &error));
  g_assert_no_error (error);

  g_assert_true (crm_shop_store_set_url (store (fixture), "", &error));
  g_assert_no_error (error);
  g_clear_pointer (&url, g_free);
  url = crm_shop_store_get_url (store (fixture));
  g_assert_null (url);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/shop/registered", test_registered);
  ADD ("/shop/guest", test_guest);
  ADD ("/shop/none-and-cache", test_none_and_cache);
  ADD ("/shop/refused", test_refused);
  ADD ("/shop/unreachable", test_unreachable);
  ADD ("/shop/cancel", test_cancel);
  ADD ("/shop/check", test_check);
  ADD ("/shop/settings", test_settings);

#undef ADD

  return g_test_run ();
}
