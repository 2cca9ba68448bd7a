/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "crm-test-util.h"
#include "pg-fixture.h"

#include "crm.h"
#include "crm-ticket-store-private.h"
#include "crm-offer-store-private.h"

/* CrmContactList: the lazy, searchable address book model. */

typedef struct
{
  char           *dir;
  char           *path;
  CrmSession       *session;
  CrmContactList *list;
  guint           changes;
  guint           last_position;
  guint           last_removed;
  guint           last_added;
  guint           n_changes;        /* items-changed emissions */
  guint           n_placeholders;   /* empty items met, a page not read yet */
  guint           first_removed;    /* of the first since n_changes was 0 */
  guint           first_added;
  guint           first_n_items;    /* the list's size right after it */
} Fixture;

/* the list being tested, for drain_main_context () */
static CrmPagedList *current_list;

/* Lets the list's worker read what it was asked to. */
static void
settle (Fixture *fixture)
{
  g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (fixture->list), 10000));
}

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (crm_paged_list_wait (current_list, 10000));
}

static void
loaded_cb (CrmPagedList *list,
           Fixture      *fixture)
{
  fixture->changes++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  if (fixture->n_changes++ == 0)
    {
      fixture->first_removed = removed;
      fixture->first_added = added;
      fixture->first_n_items = g_list_model_get_n_items (model);
    }
  fixture->last_position = position;
  fixture->last_removed = removed;
  fixture->last_added = added;
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
  g_assert_true (crm_contact_store_save_with_company (crm_contact_store_from_session (fixture->session), contact, company, &error));
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
  fixture->session = crm_test_session_open (fixture->path, NULL, &error);
  g_assert_no_error (error);

  add (fixture, "Maria Zielińska", NULL, "maria@example.com", NULL, NULL);
  add (fixture, "Łukasz Wójcik", "Żabka Nieruchomości", "lukasz@zabka.pl", "601 234 567", "vip");
  add (fixture, "Lucyna Adamczyk", NULL, "lucyna@example.com", "+44 7700 900123", NULL);
  add (fixture, "adam Nowak", NULL, NULL, NULL, NULL);

  fixture->list = crm_contact_list_new (fixture->session);
  g_signal_connect (fixture->list, "items-changed", G_CALLBACK (items_changed_cb), fixture);
  g_signal_connect (fixture->list, "loaded", G_CALLBACK (loaded_cb), fixture);
  current_list = CRM_PAGED_LIST (fixture->list);
  settle (fixture);
  fixture->changes = 0;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->list);
  g_assert_finalize_object (fixture->session);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static char *
name_at (Fixture *fixture,
         guint    position)
{
  g_autoptr(CrmContact) contact = g_list_model_get_item (G_LIST_MODEL (fixture->list), position);

  /* on a team's server a page not read yet comes from the worker: an
   * empty contact stands in, and its position is said changed */
  if (contact != NULL && crm_contact_get_id (contact) == 0)
    {
      guint changes = fixture->n_changes;

      fixture->n_placeholders++;
      settle (fixture);
      g_assert_cmpuint (fixture->n_changes, >, changes);
      g_clear_object (&contact);
      contact = g_list_model_get_item (G_LIST_MODEL (fixture->list), position);
      g_assert_cmpint (crm_contact_get_id (contact), !=, 0);
    }

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
  g_assert_cmpuint (n_items (fixture), ==, crm_contact_store_count (crm_contact_store_from_session (fixture->session)));
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
      g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), contact, &error));
    }

  crm_contact_list_refresh (fixture->list);

  settle (fixture);
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
  /* the pages past the first two were read on the worker on a team's
   * server, at once from a file */
  if (crm_test_on_postgresql ())
    g_assert_cmpuint (fixture->n_placeholders, >, 0);
  else
    g_assert_cmpuint (fixture->n_placeholders, ==, 0);

  last = g_list_model_get_item (G_LIST_MODEL (fixture->list), n - 1);
  if (crm_contact_get_id (last) == 0)
    {
      settle (fixture);
      g_clear_object (&last);
      last = g_list_model_get_item (G_LIST_MODEL (fixture->list), n - 1);
    }
  g_assert_cmpstr (crm_contact_get_name (last), ==, "Żabka Nieruchomości");
  g_assert_cmpuint (crm_contact_list_find (fixture->list, crm_contact_get_id (last)), ==, n - 1);

  /* a new search that brings many rows in place of others says so in
   * two steps, so that a selection model never reads every new row to
   * find the one it had: first the rows that went, then those that came */
  crm_contact_list_set_search (fixture->list, "maria");
  settle (fixture);
  g_assert_cmpuint (n_items (fixture), ==, 1);
  fixture->n_changes = 0;
  crm_contact_list_set_search (fixture->list, "person");
  settle (fixture);
  g_assert_cmpuint (n_items (fixture), ==, 260);
  g_assert_cmpuint (fixture->n_changes, ==, 2);
  g_assert_cmpuint (fixture->first_removed, ==, 1);
  g_assert_cmpuint (fixture->first_added, ==, 0);
  g_assert_cmpuint (fixture->first_n_items, ==, 0);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, 260);
}

static void
assert_search (Fixture    *fixture,
               const char *search,
               guint       expected)
{
  crm_contact_list_set_search (fixture->list, search);
  settle (fixture);
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

  settle (fixture);
  first = name_at (fixture, 0);
  g_assert_cmpstr (first, ==, "adam Nowak");
  id = add (fixture, "Adam Zięba", NULL, NULL, NULL, NULL);
  crm_contact_list_refresh (fixture->list);
  settle (fixture);
  g_assert_cmpuint (crm_contact_list_find (fixture->list, id), ==, 1);
  crm_contact_list_set_search (fixture->list, "lucyna");
  settle (fixture);
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

  drain_main_context ();

  /* one reload for both, reporting just the two new rows */
  g_assert_cmpuint (fixture->changes, ==, 1);
  g_assert_cmpuint (n_items (fixture), ==, 7);
  g_assert_cmpuint (fixture->last_position, ==, 4);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, 2);

  /* a search change is one reload too */
  crm_contact_list_set_search (fixture->list, "new");
  settle (fixture);
  g_assert_cmpuint (fixture->changes, ==, 2);
  g_assert_cmpuint (n_items (fixture), ==, 2);
}

/* A list nobody sees keeps the store's changes and reads them once,
 * when it is shown again; a new search is read at once all the same. */
static void
test_paused (Fixture       *fixture,
             gconstpointer  data)
{
  crm_paged_list_set_paused (CRM_PAGED_LIST (fixture->list), TRUE);
  fixture->changes = 0;

  add (fixture, "Hidden One", NULL, NULL, NULL, NULL);
  add (fixture, "Hidden Two", NULL, NULL, NULL, NULL);
  drain_main_context ();
  g_assert_cmpuint (fixture->changes, ==, 0);
  g_assert_cmpuint (n_items (fixture), ==, 5);

  crm_paged_list_set_paused (CRM_PAGED_LIST (fixture->list), FALSE);
  drain_main_context ();
  g_assert_cmpuint (fixture->changes, ==, 1);
  g_assert_cmpuint (n_items (fixture), ==, 7);

  crm_paged_list_set_paused (CRM_PAGED_LIST (fixture->list), TRUE);
  crm_contact_list_set_search (fixture->list, "hidden");
  settle (fixture);
  g_assert_cmpuint (fixture->changes, ==, 2);
  g_assert_cmpuint (n_items (fixture), ==, 2);
}

/* Lucyna < Łukasz < Maria, each a hundred strong so that every page
 * boundary falls inside a run of accented names. */
static void
test_accent_order_pages (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  static const char *firsts[] = { "Maria", "Łukasz", "Lucyna" };
  guint n;

  for (guint f = 0; f < G_N_ELEMENTS (firsts); f++)
    for (guint i = 0; i < 100; i++)
      {
        g_autofree char *name = g_strdup_printf ("%s %03u", firsts[f], 99 - i);

        add (fixture, name, NULL, NULL, NULL, NULL);
      }

  g_ptr_array_add (expected, g_strdup ("adam Nowak"));
  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (expected, g_strdup_printf ("Lucyna %03u", i));
  g_ptr_array_add (expected, g_strdup ("Lucyna Adamczyk"));
  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (expected, g_strdup_printf ("Łukasz %03u", i));
  g_ptr_array_add (expected, g_strdup ("Łukasz Wójcik"));
  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (expected, g_strdup_printf ("Maria %03u", i));
  g_ptr_array_add (expected, g_strdup ("Maria Zielińska"));
  g_ptr_array_add (expected, g_strdup ("Żabka Nieruchomości"));

  /* picked up at idle */
  g_assert_cmpuint (n_items (fixture), ==, 5);
  drain_main_context ();
  n = n_items (fixture);
  g_assert_cmpuint (n, ==, expected->len);
  g_assert_cmpuint (n, ==, crm_contact_store_count (crm_contact_store_from_session (fixture->session)));
  g_assert_cmpuint (n, >, 250);

  /* backwards, so that every page is read from its end */
  for (guint i = n; i-- > 0;)
    {
      g_autofree char *name = name_at (fixture, i);

      if (g_strcmp0 (name, g_ptr_array_index (expected, i)) != 0)
        g_error ("position %u: “%s”, expected “%s”", i, name, (char *) g_ptr_array_index (expected, i));
    }

  /* and each name's position is found without reading the rows */
  for (guint i = 0; i < n; i += 7)
    {
      g_autoptr(CrmContact) contact = g_list_model_get_item (G_LIST_MODEL (fixture->list), i);

      g_assert_cmpuint (crm_contact_list_find (fixture->list, crm_contact_get_id (contact)), ==, i);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (fixture->list), n));
  g_assert_cmpuint (crm_contact_list_find (fixture->list, 99999), ==, G_MAXUINT);

  /* a search over several pages keeps the order, and find() its positions */
  crm_contact_list_set_search (fixture->list, "lukasz");
  settle (fixture);
  g_assert_cmpuint (n_items (fixture), ==, 101);
  for (guint i = 0; i < 101; i++)
    {
      g_autoptr(CrmContact) contact = g_list_model_get_item (G_LIST_MODEL (fixture->list), i);

      g_assert_cmpstr (crm_contact_get_name (contact), ==, g_ptr_array_index (expected, 102 + i));
      g_assert_cmpuint (crm_contact_list_find (fixture->list, crm_contact_get_id (contact)), ==, i);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (fixture->list), 101));

  crm_contact_list_set_search (fixture->list, "łukasz 05");

  settle (fixture);
  g_assert_cmpuint (n_items (fixture), ==, 10);
  {
    g_autofree char *first = name_at (fixture, 0);
    g_autofree char *last = name_at (fixture, 9);

    g_assert_cmpstr (first, ==, "Łukasz 050");
    g_assert_cmpstr (last, ==, "Łukasz 059");
  }
  g_assert_no_error (error);
}

static void
test_search_fields (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct { const char *search; guint n; const char *first; } cases[] = {
    /* name prefixes, in any case, with or without accents */
    { "Łuk", 1, "Łukasz Wójcik" },
    { "wojc", 1, "Łukasz Wójcik" },
    { "ZIELINSKA", 1, "Maria Zielińska" },
    { "zielińs", 1, "Maria Zielińska" },
    /* a part of an e-mail address */
    { "lucyna@example", 1, "Lucyna Adamczyk" },
    { "example.com", 2, "Lucyna Adamczyk" },
    { "zabka", 2, "Łukasz Wójcik" },
    /* phone digits, grouped as written or not, with the country code */
    { "601", 1, "Łukasz Wójcik" },
    { "601 234", 1, "Łukasz Wójcik" },
    { "601234567", 1, "Łukasz Wójcik" },
    { "48601234567", 1, "Łukasz Wójcik" },
    { "447700", 1, "Lucyna Adamczyk" },
    { "900123", 1, "Lucyna Adamczyk" },
    /* the company's name finds the company and its people */
    { "nieruchomosci", 2, "Łukasz Wójcik" },
    { "Żabka Nieruch", 2, "Łukasz Wójcik" },
    /* every word must match, in any field */
    { "łukasz żabka", 1, "Łukasz Wójcik" },
    { "łukasz vip 601", 1, "Łukasz Wójcik" },
    { "lucyna 7700", 1, "Lucyna Adamczyk" },
    { "łukasz maria", 0, NULL },
    { "maria vip", 0, NULL },
    { "xyz", 0, NULL },
    /* quotes and operators are words or nothing, never an error */
    { "\"łukasz\"", 1, "Łukasz Wójcik" },
    { "łuk*", 1, "Łukasz Wójcik" },
    { "(łukasz)", 1, "Łukasz Wójcik" },
    { "-łukasz", 1, "Łukasz Wójcik" },
    { "^łukasz", 1, "Łukasz Wójcik" },
    { "łukasz:", 1, "Łukasz Wójcik" },
    { "{name}:maria", 0, NULL },
    { "maria OR łukasz", 0, NULL },
    { "maria NOT", 0, NULL },
    { "\"maria", 1, "Maria Zielińska" },
    { "' OR 1=1 --", 0, NULL },
    { "*", 5, "adam Nowak" },
    { "   ", 5, "adam Nowak" },
    { "", 5, "adam Nowak" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *first = NULL;

      assert_search (fixture, cases[i].search, cases[i].n);
      first = name_at (fixture, 0);
      g_assert_cmpstr (first, ==, cases[i].first);
    }
}

static void
test_search_follows_changes (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(CrmContact) person = NULL;
  g_autoptr(CrmContact) company = NULL;
  gint64 person_id;

  found = crm_contact_store_find_by_email (crm_contact_store_from_session (fixture->session), "lukasz@zabka.pl", &error);
  g_assert_no_error (error);
  person = g_list_model_get_item (found, 0);
  person_id = crm_contact_get_id (person);
  company = crm_contact_store_get (crm_contact_store_from_session (fixture->session), crm_contact_get_company_id (person), &error);
  g_assert_no_error (error);

  /* a renamed company is found through its people under its new name */
  crm_contact_set_name (company, "Kruk Estates");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), company, &error));
  g_assert_no_error (error);
  drain_main_context ();
  assert_search (fixture, "kruk", 2);
  assert_search (fixture, "nieruchomosci", 0);

  /* an edited person is found by the new and not by the old */
  crm_contact_set_phones (person, (const char *[]) { "22 555 66 77", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), person, &error));
  drain_main_context ();
  assert_search (fixture, "601", 0);
  assert_search (fixture, "555", 1);

  /* a deleted company leaves its people searchable, without its name */
  g_assert_true (crm_contact_store_delete (crm_contact_store_from_session (fixture->session), crm_contact_get_id (company), &error));
  g_assert_no_error (error);
  drain_main_context ();
  assert_search (fixture, "kruk", 0);
  assert_search (fixture, "łukasz", 1);
  g_assert_cmpuint (crm_contact_list_find (fixture->list, person_id), ==, 0);

  /* a deleted person is gone from the list */
  g_assert_true (crm_contact_store_delete (crm_contact_store_from_session (fixture->session), person_id, &error));
  drain_main_context ();
  assert_search (fixture, "łukasz", 0);
  g_assert_cmpuint (crm_contact_list_find (fixture->list, person_id), ==, G_MAXUINT);
  assert_search (fixture, NULL, 3);
  g_assert_cmpuint (crm_contact_list_find (fixture->list, person_id), ==, G_MAXUINT);
}

/* "Ł" does not decompose, so SQLite keeps it where it drops other
 * accents; the store indexes such words spelt with "l" as well. */
static void
test_search_stroke_l (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct { const char *search; guint n; } cases[] = {
    { "pawel", 1 }, { "Paweł", 1 }, { "PAWEŁ", 1 }, { "lasica", 1 }, { "łasica", 1 },
    { "pawel łas", 1 }, { "lodzka", 2 }, { "łódzka spół", 2 }, { "ladny", 1 }, { "ładny", 1 },
    { "lukasz", 1 }, { "wojcik lukasz", 1 }, { "laka", 0 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) company = NULL;
  g_autofree char *plain = _crm_store_search_text ("Anna Nowak");
  g_autofree char *stroke = _crm_store_search_text ("Paweł Łasica");
  gint64 pawel;

  g_assert_cmpstr (plain, ==, "Anna Nowak");
  g_assert_cmpstr (stroke, ==, "Paweł Łasica Pawel Lasica");
  g_assert_null (_crm_store_search_text (NULL));

  pawel = add (fixture, "Paweł Łasica", "Łódzka Spółka", NULL, NULL, "ładny");
  drain_main_context ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_search (fixture, cases[i].search, cases[i].n);

  /* the shown names are as written */
  assert_search (fixture, "pawel", 1);
  {
    g_autofree char *name = name_at (fixture, 0);

    g_assert_cmpstr (name, ==, "Paweł Łasica");
  }
  g_assert_cmpuint (crm_contact_list_find (fixture->list, pawel), ==, 0);

  /* a renamed company, through its people too */
  {
    g_autoptr(CrmContact) person = crm_contact_store_get (crm_contact_store_from_session (fixture->session), pawel, &error);

    g_assert_no_error (error);
    company = crm_contact_store_get (crm_contact_store_from_session (fixture->session), crm_contact_get_company_id (person), &error);
    g_assert_no_error (error);
  }
  crm_contact_set_name (company, "Łąka");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), company, &error));
  g_assert_no_error (error);
  drain_main_context ();
  assert_search (fixture, "laka", 2);
  assert_search (fixture, "lodzka", 0);
  assert_search (fixture, "pawel laka", 1);
}

static gboolean
add_three (CrmSession  *session,
           gpointer     user_data,
           GError     **error)
{
  Fixture *fixture = user_data;

  add (fixture, "Tx One", NULL, NULL, NULL, NULL);
  add (fixture, "Tx Two", "Tx Company", NULL, NULL, NULL);

  return TRUE;
}

static void
test_changes_details (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* one reload, saying just where the new row goes */
  fixture->changes = 0;
  id = add (fixture, "Aaron", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (n_items (fixture), ==, 5);
  g_assert_cmpuint (fixture->changes, ==, 0);
  drain_main_context ();
  g_assert_cmpuint (fixture->changes, ==, 1);
  g_assert_cmpuint (fixture->last_position, ==, 0);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, 1);
  g_assert_cmpuint (crm_contact_list_find (fixture->list, id), ==, 0);

  /* several saves in one transaction are one change */
  fixture->changes = 0;
  g_assert_true (crm_session_run_in_transaction (fixture->session, add_three, fixture, &error));
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_cmpuint (fixture->changes, ==, 1);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, 3);
  g_assert_cmpuint (n_items (fixture), ==, 9);

  /* a delete is a change; a note or a user is not */
  fixture->changes = 0;
  g_assert_true (crm_contact_store_delete (crm_contact_store_from_session (fixture->session), id, &error));
  {
    g_autoptr(CrmContact) someone = g_list_model_get_item (G_LIST_MODEL (fixture->list), 3);

    g_assert_cmpint (crm_contact_store_add_note (crm_contact_store_from_session (fixture->session), crm_contact_get_id (someone), "x", &error), >, 0);
    g_assert_no_error (error);
  }
  drain_main_context ();
  g_assert_cmpuint (fixture->changes, ==, 1);
  g_assert_cmpuint (n_items (fixture), ==, 8);
  fixture->changes = 0;
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), "Ewa", "ewa@example.com", CRM_ROLE_ADMIN, &error), >, 0);
  drain_main_context ();
  g_assert_cmpuint (fixture->changes, ==, 0);

  /* a refused save changes nothing and emits nothing */
  {
    g_autoptr(CrmContact) bad = crm_contact_new (CRM_CONTACT_PERSON);

    g_assert_false (crm_contact_store_save (crm_contact_store_from_session (fixture->session), bad, &error));
    g_clear_error (&error);
    drain_main_context ();
    g_assert_cmpuint (fixture->changes, ==, 0);
  }

  /* the same search again, or one that means the same, emits nothing */
  crm_contact_list_set_search (fixture->list, "tx");
  settle (fixture);
  g_assert_cmpuint (fixture->changes, ==, 1);
  g_assert_cmpuint (n_items (fixture), ==, 3);
  crm_contact_list_set_search (fixture->list, "tx");
  settle (fixture);
  crm_contact_list_set_search (fixture->list, "TX ");
  settle (fixture);
  g_assert_cmpuint (fixture->changes, ==, 1);
  g_assert_cmpstr (crm_contact_list_get_search (fixture->list), ==, "TX ");

  /* a change while searching keeps the search */
  add (fixture, "Tx Three", NULL, NULL, NULL, NULL);
  drain_main_context ();
  g_assert_cmpuint (fixture->changes, ==, 2);
  g_assert_cmpuint (n_items (fixture), ==, 4);

  /* a list dropped while its worker reads, before idle, leaves no
   * callback behind: it goes when the worker is done, on this thread */
  {
    CrmContactList *other = crm_contact_list_new (fixture->session);
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    g_assert_true (crm_paged_list_get_loading (CRM_PAGED_LIST (other)));
    g_object_add_weak_pointer (G_OBJECT (other), (gpointer *) &other);
    add (fixture, "Gone Before Idle", NULL, NULL, NULL, NULL);
    g_object_unref (other);
    while (other != NULL && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_null (other);
    drain_main_context ();
  }
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
  ADD ("/contact-list/paused", test_paused);
  ADD ("/contact-list/accent-order-pages", test_accent_order_pages);
  ADD ("/contact-list/search-fields", test_search_fields);
  ADD ("/contact-list/search-follows-changes", test_search_follows_changes);
  ADD ("/contact-list/changes-details", test_changes_details);
  ADD ("/contact-list/search-stroke-l", test_search_stroke_l);

#undef ADD

  return g_test_run ();
}
