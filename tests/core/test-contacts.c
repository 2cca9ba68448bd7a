/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "crm-test-util.h"

#include "crm.h"

/* Users, contacts (create, read, update, delete, validation), notes,
 * normalisation of addresses and phone numbers, and lookups. */

typedef struct
{
  char     *dir;
  char     *path;
  CrmStore *store;
  gint64    manager;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 5, 1, 9, 0, 0);
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (now);

  fixture->dir = g_dir_make_tmp ("crm-contacts-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->store = crm_store_open_file (fixture->path, clock, &error);
  g_assert_no_error (error);
  fixture->manager = crm_store_add_user (fixture->store, "Ewa Kowalska", "ewa@example.com",
                                         CRM_ROLE_MANAGER, &error);
  g_assert_no_error (error);
  crm_store_set_actor (fixture->store, fixture->manager);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
add_person (Fixture            *fixture,
            const char         *name,
            const char * const *emails,
            const char * const *phones)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);

  crm_contact_set_name (contact, name);
  crm_contact_set_emails (contact, emails);
  crm_contact_set_phones (contact, phones);
  g_assert_true (crm_store_save_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_contact_get_id (contact), >, 0);

  return crm_contact_get_id (contact);
}

static void
test_users (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) users = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(CrmUser) found = NULL;
  gint64 id;

  id = crm_store_add_user (fixture->store, "  Adam Zięba ", "Adam@Example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);

  found = crm_store_find_user (fixture->store, "ADAM@example.COM", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_get_id (found), ==, id);
  g_assert_cmpstr (crm_user_get_name (found), ==, "Adam Zięba");
  g_assert_cmpint (crm_user_get_role (found), ==, CRM_ROLE_AGENT);
  g_clear_object (&found);

  found = crm_store_find_user (fixture->store, "adam zięba", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_get_id (found), ==, id);
  g_clear_object (&found);

  found = crm_store_find_user (fixture->store, "1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_get_id (found), ==, fixture->manager);
  g_clear_object (&found);

  found = crm_store_find_user (fixture->store, "nobody", &error);
  g_assert_null (found);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (crm_store_add_user (fixture->store, "Other", "adam@EXAMPLE.com", CRM_ROLE_ADMIN, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_add_user (fixture->store, " ", "x@example.com", CRM_ROLE_ADMIN, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_add_user (fixture->store, "X", "x@", CRM_ROLE_ADMIN, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  users = crm_store_list_users (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (users), ==, 2);

  history = crm_store_list_history (fixture->store, "user", id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
}

static void
test_crud (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) company = crm_contact_new (CRM_CONTACT_COMPANY);
  g_autoptr(CrmContact) person = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) read = NULL;
  g_autoptr(CrmContact) edit = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(CrmHistoryEntry) last = NULL;
  g_autoptr(CrmNote) note = NULL;
  const char *emails[] = { " anna@example.com ", "ANNA@example.com", "a.nowak@firma.pl", NULL };
  const char *phones[] = { "601 234 567", NULL };
  const char *tags[] = { "vip", " vip ", "Kraków", NULL };

  crm_contact_set_name (company, "Firma Sp. z o.o.");
  g_assert_true (crm_store_save_contact (fixture->store, company, &error));
  g_assert_no_error (error);

  crm_contact_set_name (person, "  Anna Nowak ");
  crm_contact_set_company_id (person, crm_contact_get_id (company));
  crm_contact_set_manager_id (person, fixture->manager);
  crm_contact_set_emails (person, emails);
  crm_contact_set_phones (person, phones);
  crm_contact_set_tags (person, tags);
  crm_contact_set_note (person, "Prefers mornings");
  g_assert_true (crm_store_save_contact (fixture->store, person, &error));
  g_assert_no_error (error);

  /* trimmed, without duplicates, with names of related records */
  read = crm_store_get_contact (fixture->store, crm_contact_get_id (person), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_contact_get_name (read), ==, "Anna Nowak");
  g_assert_cmpstr (crm_contact_get_company_name (read), ==, "Firma Sp. z o.o.");
  g_assert_cmpstr (crm_contact_get_manager_name (read), ==, "Ewa Kowalska");
  g_assert_cmpuint (g_strv_length ((char **) crm_contact_get_emails (read)), ==, 2);
  g_assert_cmpstr (crm_contact_get_emails (read)[0], ==, "anna@example.com");
  g_assert_cmpstr (crm_contact_get_phones (read)[0], ==, "601 234 567");
  g_assert_cmpuint (g_strv_length ((char **) crm_contact_get_tags (read)), ==, 2);
  g_assert_cmpstr (crm_contact_get_note (read), ==, "Prefers mornings");
  g_assert_cmpint (crm_contact_get_created (read), ==, 1777626000);

  members = crm_store_list_company_members (fixture->store, crm_contact_get_id (company), &error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 1);

  /* update */
  edit = crm_contact_copy (read);
  crm_contact_set_name (edit, "Anna Nowak-Wiśniewska");
  crm_contact_set_phones (edit, (const char *[]) { "+48 601 234 567", "12 345 67 89", NULL });
  g_assert_true (crm_store_save_contact (fixture->store, edit, &error));
  g_assert_no_error (error);
  history = crm_store_list_history (fixture->store, "contact", crm_contact_get_id (edit), &error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  last = g_list_model_get_item (history, 0);
  g_assert_cmpstr (crm_history_entry_get_action (last), ==, "updated");
  g_assert_cmpstr (crm_history_entry_get_detail (last), ==, "name, phones");
  g_assert_cmpstr (crm_history_entry_get_actor (last), ==, "Ewa Kowalska");

  /* notes */
  g_assert_cmpint (crm_store_add_note (fixture->store, crm_contact_get_id (edit), " Called back ", &error), >, 0);
  g_assert_cmpint (crm_store_add_note (fixture->store, crm_contact_get_id (edit), "   ", &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_add_note (fixture->store, 9999, "x", &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  notes = crm_store_list_notes (fixture->store, crm_contact_get_id (edit), &error);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  note = g_list_model_get_item (notes, 0);
  g_assert_cmpstr (crm_note_get_body (note), ==, "Called back");
  g_assert_cmpstr (crm_note_get_author (note), ==, "Ewa Kowalska");

  /* deleting the company keeps its person, without company */
  g_assert_true (crm_store_delete_contact (fixture->store, crm_contact_get_id (company), &error));
  g_clear_object (&read);
  read = crm_store_get_contact (fixture->store, crm_contact_get_id (person), &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_contact_get_company_id (read), ==, 0);
  g_assert_null (crm_contact_get_company_name (read));

  /* deleting the person takes addresses and phones with it; history stays */
  g_assert_true (crm_store_delete_contact (fixture->store, crm_contact_get_id (person), &error));
  g_assert_null (crm_store_get_contact (fixture->store, crm_contact_get_id (person), &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&members);
  members = crm_store_find_contacts_by_email (fixture->store, "anna@example.com", &error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 0);
  g_clear_object (&history);
  history = crm_store_list_history (fixture->store, "contact", crm_contact_get_id (person), &error);
  g_clear_object (&last);
  last = g_list_model_get_item (history, 0);
  g_assert_cmpstr (crm_history_entry_get_action (last), ==, "deleted");
  g_assert_cmpint (crm_store_count_contacts (fixture->store), ==, 0);

  g_assert_false (crm_store_delete_contact (fixture->store, crm_contact_get_id (person), &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
}

static void
assert_invalid (Fixture    *fixture,
                CrmContact *contact)
{
  g_autoptr(GError) error = NULL;
  gint64 before = crm_store_count_contacts (fixture->store);

  g_assert_false (crm_store_save_contact (fixture->store, contact, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpint (crm_store_count_contacts (fixture->store), ==, before);
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) company = crm_contact_new (CRM_CONTACT_COMPANY);
  g_autofree char *long_name = g_strnfill (201, 'x');
  gint64 person;

  crm_contact_set_name (contact, "   ");
  assert_invalid (fixture, contact);
  crm_contact_set_name (contact, long_name);
  assert_invalid (fixture, contact);

  crm_contact_set_name (contact, "Jan");
  crm_contact_set_emails (contact, (const char *[]) { "jan@example.com", "jan at example", NULL });
  assert_invalid (fixture, contact);
  crm_contact_set_emails (contact, NULL);
  crm_contact_set_phones (contact, (const char *[]) { "12", NULL });
  assert_invalid (fixture, contact);
  crm_contact_set_phones (contact, (const char *[]) { "601-ABC-567", NULL });
  assert_invalid (fixture, contact);
  crm_contact_set_phones (contact, NULL);
  crm_contact_set_company_id (contact, 4242);
  assert_invalid (fixture, contact);
  crm_contact_set_company_id (contact, 0);
  crm_contact_set_manager_id (contact, 4242);
  assert_invalid (fixture, contact);
  crm_contact_set_manager_id (contact, 0);

  /* a person is no company */
  person = add_person (fixture, "Ola", NULL, NULL);
  crm_contact_set_company_id (contact, person);
  assert_invalid (fixture, contact);

  /* a company in a company */
  crm_contact_set_name (company, "Holding");
  g_assert_true (crm_store_save_contact (fixture->store, company, &error));
  crm_contact_set_company_id (company, crm_contact_get_id (company));
  assert_invalid (fixture, company);

  /* with a company by name, a bad address leaves no company behind */
  g_clear_object (&contact);
  contact = crm_contact_new (CRM_CONTACT_PERSON);
  crm_contact_set_name (contact, "Piotr");
  crm_contact_set_emails (contact, (const char *[]) { "piotr@@example.com", NULL });
  g_assert_false (crm_store_save_contact_with_company (fixture->store, contact, "Brand New Ltd", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_cmpint (crm_store_count_contacts (fixture->store), ==, 2);
}

static void
test_normalize (void)
{
  static const struct { const char *in; const char *country; const char *out; } phones[] = {
    { "601 234 567", "PL", "+48601234567" },
    { "+48 601-234-567", "PL", "+48601234567" },
    { "0048601234567", "PL", "+48601234567" },
    { "(12) 345 67 89", "PL", "+48123456789" },
    { "06 30 123 4567", "HU", "+36301234567" },
    { "8 (495) 123-45-67", "RU", "+74951234567" },
    { "07700 900123", "GB", "+447700900123" },
    { "+44 7700 900123", "PL", "+447700900123" },
    { "601234567", NULL, "601234567" },
    { "601234567", "XX", "601234567" },
  };
  static const char *bad_phones[] = { "", "12345", "601 234 567 ext", "+48 601 234 567 890 123 4", "abc" };
  static const char *bad_emails[] = { "", "plain", "@example.com", "a@b", "a@@b.com", "a b@c.com",
                                      "a@b..com", "a@.b.com", "a@b.com.", "<a@b.com>" };

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *norm = crm_normalize_phone (phones[i].in, phones[i].country, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (norm, ==, phones[i].out);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_phones); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *norm = crm_normalize_phone (bad_phones[i], "PL", &error);

      g_assert_null (norm);
      g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_emails); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *norm = crm_normalize_email (bad_emails[i], &error);

      g_assert_null (norm);
      g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *norm = crm_normalize_email ("  Jan.Kowalski@Przykład.PL ", &error);
    g_autofree char *query = crm_normalize_search_text ("jan \"OR\" NEAR(x* kow-");
    g_autofree char *empty = crm_normalize_search_text (" -*\" ");

    g_assert_no_error (error);
    g_assert_cmpstr (norm, ==, "jan.kowalski@przykład.pl");
    g_assert_cmpstr (query, ==, "\"jan\"* \"or\"* \"near\"* \"x\"* \"kow\"*");
    g_assert_null (empty);
  }

  {
    g_autofree char *label = crm_phone_country_dup_label ("HU");

    g_assert_cmpstr (label, ==, "Hungary (+36)");
    g_assert_true (crm_phone_country_is_known ("pl"));
    g_assert_cmpstr (crm_phone_country_code ("RU"), ==, "7");
  }
}

static void
test_lookup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = NULL;
  static const char *numbers[] = { "601 234 567", "+48 601-234-567", "0048601234567", "601234567" };
  gint64 anna;
  gint64 hu;

  anna = add_person (fixture, "Anna", (const char *[]) { "Anna@Example.com", NULL },
                     (const char *[]) { "601 234 567", NULL });

  found = crm_store_find_contacts_by_email (fixture->store, " ANNA@example.COM", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autoptr(CrmContact) contact = NULL;

      found = crm_store_find_contacts_by_phone (fixture->store, numbers[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
      contact = g_list_model_get_item (found, 0);
      g_assert_cmpint (crm_contact_get_id (contact), ==, anna);
      g_clear_object (&found);
    }

  found = crm_store_find_contacts_by_phone (fixture->store, "not a number", &error);
  g_assert_null (found);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  /* the office's country decides how national numbers are read */
  g_assert_true (crm_store_set_setting (fixture->store, "phone-country", "HU", &error));
  hu = add_person (fixture, "Ádám", NULL, (const char *[]) { "06 30 123 4567", NULL });
  found = crm_store_find_contacts_by_phone (fixture->store, "+36 30 123 4567", &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);
  found = crm_store_find_contacts_by_phone (fixture->store, "601 234 567", &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
  g_clear_object (&found);
  g_assert_cmpint (hu, >, anna);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/contacts/users", test_users);
  ADD ("/contacts/crud", test_crud);
  ADD ("/contacts/validation", test_validation);
  ADD ("/contacts/lookup", test_lookup);
  g_test_add_func ("/contacts/normalize", test_normalize);

#undef ADD

  return g_test_run ();
}
