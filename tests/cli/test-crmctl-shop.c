/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "crmctl-test-util.h"
#include "shop-fixture.h"

/*
 * crmctl shop set|show|last-order: the real binary on a fresh data
 * directory, its keys in a real GNOME Keyring (run under
 * dbus-run-session and fixtures/with-keyring).
 *
 * WooCommerce cannot run here: the shop is
 * tests/fixtures/woocommerce-server.py, which answers over HTTPS on
 * loopback exactly as WooCommerce's REST API documentation shows.
 */

typedef struct
{
  char        *dir;
  CrmTestShop  shop;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("crmctl-shop-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  crm_test_shop_start (&fixture->shop);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  crm_test_shop_clear (&fixture->shop);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Runs crmctl --json with the fixture's data directory and @input on
 * standard input; a NULL-terminated list of arguments. */
static void
crmctl_json (Fixture    *fixture,
             Run        *run,
             const char *input,
             ...)
{
  va_list ap;

  va_start (ap, input);
  crmctl_valist (run, fixture->dir, input, FALSE, TRUE, ap);
  va_end (ap);
}

static JsonObject *
object_of (Run *run)
{
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (run->json));

  return json_node_get_object (run->json);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  return path;
}

static void
test_shop (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *keys = g_strdup_printf ("%s\n%s\n", CRM_TEST_SHOP_KEY, CRM_TEST_SHOP_SECRET);
  g_autofree char *key_file = write_file (fixture, "key", CRM_TEST_SHOP_KEY "\n");
  g_autofree char *wrong_file = write_file (fixture, "secret", "cs_wrong\n");
  g_autofree char *contact = NULL;
  JsonObject *object;
  JsonArray *items;

  /* no shop yet */
  crmctl_json (fixture, &run, NULL, "shop", "show", NULL);
  object = object_of (&run);
  g_assert_true (json_object_get_null_member (object, "url"));
  g_assert_false (json_object_get_boolean_member (object, "keys"));
  crmctl_json (fixture, &run, NULL, "shop", "last-order", "--email", "anna.kowalska@example.com", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "The office has no e-shop"));

  /* bad input */
  crmctl_json (fixture, &run, NULL, "shop", "set", "--url", "http://shop.example.com", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "https://"));
  crmctl_json (fixture, &run, NULL, "shop", "set", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl_json (fixture, &run, CRM_TEST_SHOP_KEY "\n", "shop", "set", "--url", fixture->shop.url, "--keys-stdin", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "No consumer secret was given"));
  crmctl_json (fixture, &run, NULL, "shop", "last-order", "--email", "x@example.com", "--contact", "1", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* the address, then this computer's keys */
  crmctl_json (fixture, &run, NULL, "shop", "set", "--url", fixture->shop.url, NULL);
  object = object_of (&run);
  g_assert_cmpstr (json_object_get_string_member (object, "url"), ==, fixture->shop.url);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "woocommerce");
  g_assert_false (json_object_get_boolean_member (object, "keys"));
  crmctl_json (fixture, &run, NULL, "shop", "last-order", "--email", "anna.kowalska@example.com", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "not kept on this computer"));
  crmctl_json (fixture, &run, keys, "shop", "set", "--keys-stdin", NULL);
  g_assert_true (json_object_get_boolean_member (object_of (&run), "keys"));

  /* a contact's last order */
  crmctl_json (fixture, &run, NULL, "contacts", "add", "--name", "Anna Kowalska", "--email",
               "anna.kowalska@example.com", NULL);
  contact = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object_of (&run), "id"));
  crmctl_json (fixture, &run, NULL, "shop", "last-order", "--contact", contact, NULL);
  object = object_of (&run);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 1234);
  g_assert_cmpstr (json_object_get_string_member (object, "number"), ==, "1234");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "completed");
  g_assert_cmpstr (json_object_get_string_member (object, "created"), ==, "2026-12-03T09:15:00Z");
  g_assert_cmpstr (json_object_get_string_member (object, "total"), ==, "120.50");
  g_assert_cmpstr (json_object_get_string_member (object, "currency"), ==, "EUR");
  g_assert_cmpint (json_object_get_int_member (object, "customer_id"), ==, 26);
  items = json_object_get_array_member (object, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "name"), ==, "Chair");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "quantity"), ==, 2);

  /* a guest's, and none */
  crmctl_json (fixture, &run, NULL, "shop", "last-order", "--email", "jan.gosc@example.com", NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (&run), "id"), ==, 1188);
  g_assert_cmpint (json_object_get_int_member (object_of (&run), "customer_id"), ==, 0);
  crmctl_json (fixture, &run, NULL, "shop", "last-order", "--email", "nobody@example.com", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (JSON_NODE_HOLDS_NULL (run.json));

  /* keys from files, refused by the shop */
  crmctl_json (fixture, &run, NULL, "shop", "set", "--key-file", key_file, "--secret-file", wrong_file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl_json (fixture, &run, NULL, "shop", "last-order", "--email", "anna.kowalska@example.com", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "The shop refused the API keys (“Consumer secret is invalid.”)"));

  /* the shop gone */
  crmctl_json (fixture, &run, keys, "shop", "set", "--keys-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crm_test_shop_stop_server (&fixture->shop);
  crmctl_json (fixture, &run, NULL, "shop", "last-order", "--contact", contact, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "cannot be reached"));

  /* no shop any more */
  crmctl_json (fixture, &run, NULL, "shop", "set", "--url", "", NULL);
  g_assert_true (json_object_get_null_member (object_of (&run), "url"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crmctl/shop", Fixture, NULL, fixture_set_up, test_shop, fixture_tear_down);

  return g_test_run ();
}
