/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "crm-test-util.h"

#include "crm.h"

/* CrmContactList: the lazy, searchable address book model. */

typedef struct
{
  char           *dir;
  char           *path;
  CrmStore       *store;
  CrmContactList *list;
  guint           changes;
} Fixture;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  fixture->changes++;
}

static gint64
add (Fixture    *fixture,
     const char *name,
     const char *company,
     const char *email,
     const char *phone,
     const char *tag)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);

  crm_contact_set_name (contact, name);
  if (email != NULL)
    crm_contact_set_emails (contact, (const char *[]) { email, NULL });
  if (phone != NULL)
    crm_contact_set_phones (contact, (const char *[]) { phone, NULL });
  if (tag != NULL)
    crm_contact_set_tags (contact, (const char *[]) { tag, NULL });
  g_assert_true (crm_store_save_contact_with_company (fixture->store, contact, company, &error));
  g_assert_no_error (error);

  return crm_contact_get_id (contact);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("crm-list-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->store = crm_store_open_file (fixture->path, NULL, &error);
  g_assert_no_error (error);

  add (fixture, "Maria Zielińska", NULL, "maria@example.com", NULL, NULL);
  add (fixture, "Łukasz Wójcik", "Żabka Nieruchomości", "lukasz@zabka.pl", "601 234 567", "vip");
  add (fixture, "Lucyna Adamczyk", NULL, "lucyna@example.com", "+44 7700 900123", NULL);
  add (fixture, "adam Nowak", NULL, NULL, NULL, NULL);

  fixture->list = crm_contact_list_new (fixture->store);
  g_signal_connect (fixture->list, "items-changed", G_CALLBACK (items_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->list);
  g_assert_finalize_object (fixture->store);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static char *
name_at (Fixture *fixture,
         guint    position)
{
  g_autoptr(CrmContact) contact = g_list_model_get_item (G_LIST_MODEL (fixture->list), position);

  return contact ? g_strdup (crm_contact_get_name (contact)) : NULL;
}

static guint
n_items (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (fixture->list));
}

static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  static const char *expected[] = {
    "adam Nowak", "Lucyna Adamczyk", "Łukasz Wójcik", "Maria Zielińska", "Żabka Nieruchomości",
  };

  g_assert_cmpuint (n_items (fixture), ==, 5);
  g_assert_cmpuint (n_items (fixture), ==, crm_store_count_contacts (fixture->store));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->list)) == CRM_TYPE_CONTACT);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *name = name_at (fixture, i);

      g_assert_cmpstr (name, ==, expected[i]);
    }

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (fixture->list), 5));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (fixture->list), G_MAXUINT));
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) last = NULL;
  guint n;

  for (guint i = 0; i < 260; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %03u", i);
      g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);

      crm_contact_set_name (contact, name);
      g_assert_true (crm_store_save_contact (fixture->store, contact, &error));
    }

  crm_contact_list_refresh (fixture->list);
  n = n_items (fixture);
  g_assert_cmpuint (n, ==, 265);

  /* in order across page boundaries, read out of order */
  for (guint i = 0; i < 260; i++)
    {
      guint position = 4 + (i * 97) % 260;
      g_autofree char *name = name_at (fixture, position);
      g_autofree char *expected = g_strdup_printf ("Person %03u", position - 4);

      g_assert_cmpstr (name, ==, expected);
    }

  last = g_list_model_get_item (G_LIST_MODEL (fixture->list), n - 1);
  g_assert_cmpstr (crm_contact_get_name (last), ==, "Żabka Nieruchomości");
  g_assert_cmpuint (crm_contact_list_find (fixture->list, crm_contact_get_id (last)), ==, n - 1);
}

static void
assert_search (Fixture    *fixture,
               const char *search,
               guint       expected)
{
  crm_contact_list_set_search (fixture->list, search);
  g_assert_cmpstr (crm_contact_list_get_search (fixture->list), ==, search);
  if (n_items (fixture) != expected)
    g_error ("search “%s”: %u items, expected %u", search, n_items (fixture), expected);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *first = NULL;
  gint64 id;

  assert_search (fixture, "luk", 1);
  assert_search (fixture, "ŁUK", 1);
  assert_search (fixture, "lu", 2);
  assert_search (fixture, "zabka.pl", 1);
  assert_search (fixture, "601234", 1);
  assert_search (fixture, "48601", 1);
  assert_search (fixture, "7700", 1);
  assert_search (fixture, "żabka", 2);
  assert_search (fixture, "vip", 1);
  assert_search (fixture, "adam", 2);
  assert_search (fixture, "adam now", 1);
  assert_search (fixture, "nowak zielinska", 0);
  assert_search (fixture, "\"", 5);
  assert_search (fixture, "\"OR\" AND NOT *", 0);
  assert_search (fixture, "NEAR(a b)", 0);
  assert_search (fixture, NULL, 5);

  crm_contact_list_set_search (fixture->list, "adam");
  first = name_at (fixture, 0);
  g_assert_cmpstr (first, ==, "adam Nowak");
  id = add (fixture, "Adam Zięba", NULL, NULL, NULL, NULL);
  crm_contact_list_refresh (fixture->list);
  g_assert_cmpuint (crm_contact_list_find (fixture->list, id), ==, 1);
  crm_contact_list_set_search (fixture->list, "lucyna");
  g_assert_cmpuint (crm_contact_list_find (fixture->list, id), ==, G_MAXUINT);
}

static void
test_changes_coalesced (Fixture       *fixture,
                        gconstpointer  data)
{
  fixture->changes = 0;

  add (fixture, "New One", NULL, NULL, NULL, NULL);
  add (fixture, "New Two", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (fixture->changes, ==, 0);

  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpuint (fixture->changes, ==, 1);
  g_assert_cmpuint (n_items (fixture), ==, 7);

  /* a search change is one items-changed too */
  crm_contact_list_set_search (fixture->list, "new");
  g_assert_cmpuint (fixture->changes, ==, 2);
  g_assert_cmpuint (n_items (fixture), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/contact-list/order", test_order);
  ADD ("/contact-list/pages", test_pages);
  ADD ("/contact-list/search", test_search);
  ADD ("/contact-list/changes-coalesced", test_changes_coalesced);

#undef ADD

  return g_test_run ();
}
