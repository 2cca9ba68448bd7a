/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "crm-test-util.h"
#include "pg-fixture.h"

#include "crm.h"
#include "crm-sqlite-database.h"
#include "crm-ticket-store-private.h"
#include "crm-offer-store-private.h"

/* Users, contacts (create, read, update, delete, validation), notes
 * and lookups by address and phone number. */

typedef struct
{
  char     *dir;
  char     *path;
  CrmSession *session;
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
  fixture->session = crm_test_session_open (fixture->path, clock, &error);
  g_assert_no_error (error);
  fixture->manager = crm_user_store_add (crm_user_store_from_session (fixture->session), "Ewa Kowalska", "ewa@example.com",
                                         CRM_ROLE_MANAGER, &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, fixture->manager);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->session);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* One number read straight from the file, past the store's API. */
static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  gint64 value = -1;

  stmt = crm_database_prepare (crm_session_get_database (fixture->session), sql, &error);
  g_assert_no_error (error);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    value = crm_statement_get_int64 (stmt, 0);

  return value;
}

static guint
history_length (Fixture    *fixture,
                const char *entity,
                gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) history = crm_session_list_history (fixture->session, entity, id, &error);

  g_assert_no_error (error);

  return g_list_model_get_n_items (history);
}

/* The newest history entry of a record: its action and detail. */
static void
assert_last_history (Fixture    *fixture,
                     const char *entity,
                     gint64      id,
                     const char *action,
                     const char *detail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) history = crm_session_list_history (fixture->session, entity, id, &error);
  g_autoptr(CrmHistoryEntry) last = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), >, 0);
  last = g_list_model_get_item (history, 0);
  g_assert_cmpstr (crm_history_entry_get_action (last), ==, action);
  g_assert_cmpstr (crm_history_entry_get_detail (last), ==, detail);
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
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), contact, &error));
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

  id = crm_user_store_add (crm_user_store_from_session (fixture->session), "  Adam Zięba ", "Adam@Example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);

  found = crm_user_store_find (crm_user_store_from_session (fixture->session), "ADAM@example.COM", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_get_id (found), ==, id);
  g_assert_cmpstr (crm_user_get_name (found), ==, "Adam Zięba");
  g_assert_cmpint (crm_user_get_role (found), ==, CRM_ROLE_AGENT);
  g_clear_object (&found);

  found = crm_user_store_find (crm_user_store_from_session (fixture->session), "adam zięba", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_get_id (found), ==, id);
  g_clear_object (&found);

  found = crm_user_store_find (crm_user_store_from_session (fixture->session), "1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_get_id (found), ==, fixture->manager);
  g_clear_object (&found);

  found = crm_user_store_find (crm_user_store_from_session (fixture->session), "nobody", &error);
  g_assert_null (found);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), "Other", "adam@EXAMPLE.com", CRM_ROLE_ADMIN, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), " ", "x@example.com", CRM_ROLE_ADMIN, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), "X", "x@", CRM_ROLE_ADMIN, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  users = crm_user_store_list (crm_user_store_from_session (fixture->session), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (users), ==, 2);

  history = crm_session_list_history (fixture->session, "user", id, &error);
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
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), company, &error));
  g_assert_no_error (error);

  crm_contact_set_name (person, "  Anna Nowak ");
  crm_contact_set_company_id (person, crm_contact_get_id (company));
  crm_contact_set_manager_id (person, fixture->manager);
  crm_contact_set_emails (person, emails);
  crm_contact_set_phones (person, phones);
  crm_contact_set_tags (person, tags);
  crm_contact_set_note (person, "Prefers mornings");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), person, &error));
  g_assert_no_error (error);

  /* trimmed, without duplicates, with names of related records */
  read = crm_contact_store_get (crm_contact_store_from_session (fixture->session), crm_contact_get_id (person), &error);
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

  members = crm_contact_store_list_company_members (crm_contact_store_from_session (fixture->session), crm_contact_get_id (company), &error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 1);

  /* update */
  edit = crm_contact_copy (read);
  crm_contact_set_name (edit, "Anna Nowak-Wiśniewska");
  crm_contact_set_phones (edit, (const char *[]) { "+48 601 234 567", "12 345 67 89", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), edit, &error));
  g_assert_no_error (error);
  history = crm_session_list_history (fixture->session, "contact", crm_contact_get_id (edit), &error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  last = g_list_model_get_item (history, 0);
  g_assert_cmpstr (crm_history_entry_get_action (last), ==, "updated");
  g_assert_cmpstr (crm_history_entry_get_detail (last), ==, "name, phones");
  g_assert_cmpstr (crm_history_entry_get_actor (last), ==, "Ewa Kowalska");

  /* notes */
  g_assert_cmpint (crm_contact_store_add_note (crm_contact_store_from_session (fixture->session), crm_contact_get_id (edit), " Called back ", &error), >, 0);
  g_assert_cmpint (crm_contact_store_add_note (crm_contact_store_from_session (fixture->session), crm_contact_get_id (edit), "   ", &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_contact_store_add_note (crm_contact_store_from_session (fixture->session), 9999, "x", &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  notes = crm_contact_store_list_notes (crm_contact_store_from_session (fixture->session), crm_contact_get_id (edit), &error);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  note = g_list_model_get_item (notes, 0);
  g_assert_cmpstr (crm_note_get_body (note), ==, "Called back");
  g_assert_cmpstr (crm_note_get_author (note), ==, "Ewa Kowalska");

  /* deleting the company keeps its person, without company */
  g_assert_true (crm_contact_store_delete (crm_contact_store_from_session (fixture->session), crm_contact_get_id (company), &error));
  g_clear_object (&read);
  read = crm_contact_store_get (crm_contact_store_from_session (fixture->session), crm_contact_get_id (person), &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_contact_get_company_id (read), ==, 0);
  g_assert_null (crm_contact_get_company_name (read));

  /* deleting the person takes addresses and phones with it; history stays */
  g_assert_true (crm_contact_store_delete (crm_contact_store_from_session (fixture->session), crm_contact_get_id (person), &error));
  g_assert_null (crm_contact_store_get (crm_contact_store_from_session (fixture->session), crm_contact_get_id (person), &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&members);
  members = crm_contact_store_find_by_email (crm_contact_store_from_session (fixture->session), "anna@example.com", &error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 0);
  g_clear_object (&history);
  history = crm_session_list_history (fixture->session, "contact", crm_contact_get_id (person), &error);
  g_clear_object (&last);
  last = g_list_model_get_item (history, 0);
  g_assert_cmpstr (crm_history_entry_get_action (last), ==, "deleted");
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (fixture->session)), ==, 0);

  g_assert_false (crm_contact_store_delete (crm_contact_store_from_session (fixture->session), crm_contact_get_id (person), &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
}

static void
assert_invalid (Fixture    *fixture,
                CrmContact *contact)
{
  g_autoptr(GError) error = NULL;
  gint64 before = crm_contact_store_count (crm_contact_store_from_session (fixture->session));

  g_assert_false (crm_contact_store_save (crm_contact_store_from_session (fixture->session), contact, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (fixture->session)), ==, before);
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
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), company, &error));
  crm_contact_set_company_id (company, crm_contact_get_id (company));
  assert_invalid (fixture, company);

  /* with a company by name, a bad address leaves no company behind */
  g_clear_object (&contact);
  contact = crm_contact_new (CRM_CONTACT_PERSON);
  crm_contact_set_name (contact, "Piotr");
  crm_contact_set_emails (contact, (const char *[]) { "piotr@@example.com", NULL });
  g_assert_false (crm_contact_store_save_with_company (crm_contact_store_from_session (fixture->session), contact, "Brand New Ltd", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (fixture->session)), ==, 2);
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

  found = crm_contact_store_find_by_email (crm_contact_store_from_session (fixture->session), " ANNA@example.COM", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autoptr(CrmContact) contact = NULL;

      found = crm_contact_store_find_by_phone (crm_contact_store_from_session (fixture->session), numbers[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
      contact = g_list_model_get_item (found, 0);
      g_assert_cmpint (crm_contact_get_id (contact), ==, anna);
      g_clear_object (&found);
    }

  found = crm_contact_store_find_by_phone (crm_contact_store_from_session (fixture->session), "not a number", &error);
  g_assert_null (found);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  /* the office's country decides how national numbers are read */
  g_assert_true (crm_session_set_setting (fixture->session, "phone-country", "HU", &error));
  hu = add_person (fixture, "Ádám", NULL, (const char *[]) { "06 30 123 4567", NULL });
  found = crm_contact_store_find_by_phone (crm_contact_store_from_session (fixture->session), "+36 30 123 4567", &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);
  found = crm_contact_store_find_by_phone (crm_contact_store_from_session (fixture->session), "601 234 567", &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
  g_clear_object (&found);
  g_assert_cmpint (hu, >, anna);
}

static void
test_users_get_and_list (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) users = NULL;
  g_autoptr(CrmUser) user = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(CrmHistoryEntry) created = NULL;
  g_autofree char *name_200 = NULL;
  g_autofree char *name_201 = NULL;
  g_autofree char *id_text = NULL;
  static const char *expected[] = { "adam Bury", "Ewa Kowalska", "Zofia Adamska" };
  gint64 zofia;
  gint64 adam;

  zofia = crm_user_store_add (crm_user_store_from_session (fixture->session), "Zofia Adamska", "zofia@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  adam = crm_user_store_add (crm_user_store_from_session (fixture->session), "adam Bury", " ADAM.BURY@example.com ", CRM_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zofia, >, fixture->manager);
  g_assert_cmpint (adam, >, zofia);
  g_assert_cmpuint (crm_user_store_count (crm_user_store_from_session (fixture->session)), ==, 3);

  /* by id: the address as entered (trimmed), the role */
  user = crm_user_store_get (crm_user_store_from_session (fixture->session), adam, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_get_id (user), ==, adam);
  g_assert_cmpstr (crm_user_get_name (user), ==, "adam Bury");
  g_assert_cmpstr (crm_user_get_email (user), ==, "ADAM.BURY@example.com");
  g_assert_cmpint (crm_user_get_role (user), ==, CRM_ROLE_ADMIN);
  g_clear_object (&user);

  g_assert_null (crm_user_store_get (crm_user_store_from_session (fixture->session), 9999, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* listed by name, ignoring case */
  users = crm_user_store_list (crm_user_store_from_session (fixture->session), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (users), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(CrmUser) listed = g_list_model_get_item (users, i);

      g_assert_cmpstr (crm_user_get_name (listed), ==, expected[i]);
    }

  /* found by id as text, by address in any case, by name */
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, zofia);
  user = crm_user_store_find (crm_user_store_from_session (fixture->session), id_text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_get_id (user), ==, zofia);
  g_clear_object (&user);
  user = crm_user_store_find (crm_user_store_from_session (fixture->session), "adam.bury@EXAMPLE.com", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_get_id (user), ==, adam);
  g_clear_object (&user);
  user = crm_user_store_find (crm_user_store_from_session (fixture->session), "Zofia Adamska", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_get_id (user), ==, zofia);
  g_clear_object (&user);
  g_assert_null (crm_user_store_find (crm_user_store_from_session (fixture->session), "9999", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (crm_user_store_find (crm_user_store_from_session (fixture->session), "Zofia", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a "created" row at the clock's time */
  history = crm_session_list_history (fixture->session, "user", adam, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
  created = g_list_model_get_item (history, 0);
  g_assert_cmpstr (crm_history_entry_get_action (created), ==, "created");
  g_assert_cmpstr (crm_history_entry_get_detail (created), ==, "adam Bury <ADAM.BURY@example.com>, admin");
  g_assert_cmpint (crm_history_entry_get_at (created), ==,
                   crm_clock_now_unix (crm_session_get_clock (fixture->session)));

  /* names up to 200 characters, counted as characters */
  {
    g_autoptr(GString) long_name = g_string_new (NULL);

    for (guint i = 0; i < 200; i++)
      g_string_append (long_name, "ż");
    name_200 = g_strdup (long_name->str);
    g_string_append (long_name, "ż");
    name_201 = g_strdup (long_name->str);
  }
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), name_200, "long@example.com", CRM_ROLE_AGENT, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), name_201, "longer@example.com", CRM_ROLE_AGENT, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  /* nothing is written by the ones refused */
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), "Zofia Bis", " ZOFIA@example.com", CRM_ROLE_AGENT, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), "No Address", "", CRM_ROLE_AGENT, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), "Bad Address", "bad@example", CRM_ROLE_AGENT, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (fixture->session), NULL, "null@example.com", CRM_ROLE_AGENT, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (crm_user_store_count (crm_user_store_from_session (fixture->session)), ==, 4);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM history WHERE entity = 'user'"), ==, 4);
}

/* RQ3: once a client has a manager, an administrator changes it */
static void
test_manager_change (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) read = NULL;
  gint64 admin = crm_user_store_add (crm_user_store_from_session (fixture->session), "Adam Admin", "adam@example.com", CRM_ROLE_ADMIN, &error);
  gint64 agent = crm_user_store_add (crm_user_store_from_session (fixture->session), "Ola Agent", "ola@example.com", CRM_ROLE_AGENT, &error);

  g_assert_no_error (error);
  /* the first manager is anyone's to set (the first who replies, RQ3) */
  crm_contact_set_name (client, "Anna Kowalska");
  crm_contact_set_manager_id (client, fixture->manager);
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), client, &error));

  crm_session_set_user_id (fixture->session, agent);
  crm_contact_set_manager_id (client, agent);
  g_assert_false (crm_contact_store_save (crm_contact_store_from_session (fixture->session), client, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  read = crm_contact_store_get (crm_contact_store_from_session (fixture->session), crm_contact_get_id (client), &error);
  g_assert_cmpint (crm_contact_get_manager_id (read), ==, fixture->manager);
  /* other fields stay the agent's to change */
  crm_contact_set_manager_id (client, fixture->manager);
  crm_contact_set_note (client, "Dzwonić po 16.");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), client, &error));

  crm_session_set_user_id (fixture->session, admin);
  crm_contact_set_manager_id (client, agent);
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), client, &error));
  g_assert_no_error (error);
  g_clear_object (&read);
  read = crm_contact_store_get (crm_contact_store_from_session (fixture->session), crm_contact_get_id (client), &error);
  g_assert_cmpint (crm_contact_get_manager_id (read), ==, agent);
}

static void
test_update_history (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) company = crm_contact_new (CRM_CONTACT_COMPANY);
  g_autoptr(CrmContact) person = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) edit = NULL;
  g_autoptr(CrmContact) read = NULL;
  CrmClock *clock = crm_session_get_clock (fixture->session);
  gint64 created_at = crm_clock_now_unix (clock);
  gint64 agent;
  gint64 id;

  agent = crm_user_store_add (crm_user_store_from_session (fixture->session), "Olek Agent", "olek@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  crm_contact_set_name (company, "Acme");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), company, &error));
  g_assert_no_error (error);

  crm_contact_set_name (person, "Jan Nowak");
  crm_contact_set_emails (person, (const char *[]) { "jan@example.com", NULL });
  crm_contact_set_phones (person, (const char *[]) { "601 234 567", NULL });
  crm_contact_set_tags (person, (const char *[]) { "lead", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), person, &error));
  g_assert_no_error (error);
  id = crm_contact_get_id (person);
  assert_last_history (fixture, "contact", id, "created", "Jan Nowak");
  g_assert_cmpuint (history_length (fixture, "contact", id), ==, 1);

  /* saving what is stored records nothing */
  edit = crm_contact_copy (person);
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), edit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (history_length (fixture, "contact", id), ==, 1);

  /* every changed field is named, in a stable order */
  crm_clock_advance (clock, G_TIME_SPAN_HOUR);
  crm_contact_set_company_id (edit, crm_contact_get_id (company));
  crm_contact_set_manager_id (edit, agent);
  crm_contact_set_emails (edit, (const char *[]) { "jan@example.com", "jan.nowak@acme.pl", NULL });
  crm_contact_set_tags (edit, (const char *[]) { "customer", NULL });
  crm_contact_set_note (edit, "Met at the fair");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), edit, &error));
  g_assert_no_error (error);
  assert_last_history (fixture, "contact", id, "updated", "company, manager, emails, tags, note");
  g_assert_cmpuint (history_length (fixture, "contact", id), ==, 2);

  read = crm_contact_store_get (crm_contact_store_from_session (fixture->session), id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_contact_get_created (read), ==, created_at);
  g_assert_cmpint (crm_contact_get_updated (read), ==, created_at + 3600);
  g_assert_cmpstr (crm_contact_get_company_name (read), ==, "Acme");
  g_assert_cmpstr (crm_contact_get_manager_name (read), ==, "Olek Agent");
  g_assert_cmpstr (crm_contact_get_tags (read)[0], ==, "customer");
  g_assert_null (crm_contact_get_tags (read)[1]);
  g_assert_cmpstr (crm_contact_get_emails (read)[1], ==, "jan.nowak@acme.pl");

  /* removing things is a change too; an empty note is no note */
  crm_contact_set_company_id (edit, 0);
  crm_contact_set_phones (edit, NULL);
  crm_contact_set_note (edit, "   ");
  crm_contact_set_name (edit, "Jan Nowak ");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), edit, &error));
  g_assert_no_error (error);
  assert_last_history (fixture, "contact", id, "updated", "company, phones, note");
  g_clear_object (&read);
  read = crm_contact_store_get (crm_contact_store_from_session (fixture->session), id, &error);
  g_assert_cmpint (crm_contact_get_company_id (read), ==, 0);
  g_assert_null (crm_contact_get_note (read));
  g_assert_cmpstr (crm_contact_get_phones (read)[0], ==, NULL);

  /* the id of a contact that is gone */
  g_clear_object (&edit);
  edit = crm_contact_copy (read);
  g_assert_true (crm_contact_store_delete (crm_contact_store_from_session (fixture->session), id, &error));
  g_assert_false (crm_contact_store_save (crm_contact_store_from_session (fixture->session), edit, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
}

static void
test_delete_cascade (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) company = crm_contact_new (CRM_CONTACT_COMPANY);
  g_autoptr(CrmContact) anna = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) jan = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) read = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autofree char *anna_children = NULL;
  gint64 company_id;
  gint64 anna_id;

  crm_contact_set_name (company, "Acme");
  crm_contact_set_emails (company, (const char *[]) { "office@acme.pl", NULL });
  crm_contact_set_phones (company, (const char *[]) { "22 123 45 67", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), company, &error));
  g_assert_no_error (error);
  company_id = crm_contact_get_id (company);

  crm_contact_set_name (anna, "Anna");
  crm_contact_set_company_id (anna, company_id);
  crm_contact_set_emails (anna, (const char *[]) { "anna@acme.pl", "anna@example.com", NULL });
  crm_contact_set_phones (anna, (const char *[]) { "601 234 567", "602 345 678", NULL });
  crm_contact_set_tags (anna, (const char *[]) { "vip", "lead", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), anna, &error));
  g_assert_no_error (error);
  anna_id = crm_contact_get_id (anna);
  g_assert_cmpint (crm_contact_store_add_note (crm_contact_store_from_session (fixture->session), anna_id, "First call", &error), >, 0);
  g_assert_no_error (error);

  crm_contact_set_name (jan, "Jan");
  crm_contact_set_company_id (jan, company_id);
  crm_contact_set_tags (jan, (const char *[]) { "vip", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), jan, &error));
  g_assert_no_error (error);

  members = crm_contact_store_list_company_members (crm_contact_store_from_session (fixture->session), company_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 2);
  g_clear_object (&members);

  anna_children = g_strdup_printf ("SELECT (SELECT count(*) FROM contact_emails WHERE contact_id = %1$" G_GINT64_FORMAT ")"
                                   " + (SELECT count(*) FROM contact_phones WHERE contact_id = %1$" G_GINT64_FORMAT ")"
                                   " + (SELECT count(*) FROM contact_tags WHERE contact_id = %1$" G_GINT64_FORMAT ")"
                                   " + (SELECT count(*) FROM notes WHERE contact_id = %1$" G_GINT64_FORMAT ")"
                                   " + (SELECT count(*) FROM contacts_fts WHERE rowid = %1$" G_GINT64_FORMAT ")",
                                   anna_id);
  g_assert_cmpint (query_int (fixture, anna_children), ==, 2 + 2 + 2 + 1 + 1);

  /* a person goes with everything that is hers */
  g_assert_true (crm_contact_store_delete (crm_contact_store_from_session (fixture->session), anna_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, anna_children), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM contact_emails"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM contact_phones"), ==, 1);
  g_assert_null (crm_contact_store_get (crm_contact_store_from_session (fixture->session), anna_id, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  members = crm_contact_store_list_company_members (crm_contact_store_from_session (fixture->session), company_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 1);
  g_clear_object (&members);

  /* her history stays, ending in "deleted" with her name */
  assert_last_history (fixture, "contact", anna_id, "deleted", "Anna");
  g_assert_cmpuint (history_length (fixture, "contact", anna_id), ==, 3);

  /* a company goes; its people stay, without a company */
  g_assert_true (crm_contact_store_delete (crm_contact_store_from_session (fixture->session), company_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (fixture->session)), ==, 1);
  read = crm_contact_store_get (crm_contact_store_from_session (fixture->session), crm_contact_get_id (jan), &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_contact_get_company_id (read), ==, 0);
  g_assert_null (crm_contact_get_company_name (read));
  g_assert_cmpstr (crm_contact_get_tags (read)[0], ==, "vip");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM contact_emails"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM contact_phones"), ==, 0);
  assert_last_history (fixture, "contact", company_id, "deleted", "Acme");
  members = crm_contact_store_find_by_phone (crm_contact_store_from_session (fixture->session), "22 123 45 67", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 0);

  /* and her person can be saved again afterwards */
  g_clear_object (&read);
  read = crm_contact_store_get (crm_contact_store_from_session (fixture->session), crm_contact_get_id (jan), &error);
  crm_contact_set_note (read, "still here");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), read, &error));
  g_assert_no_error (error);
  assert_last_history (fixture, "contact", crm_contact_get_id (jan), "updated", "note");
}

static void
test_validation_limits (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) edit = NULL;
  g_autoptr(CrmContact) read = NULL;
  g_autoptr(CrmContact) company = crm_contact_new (CRM_CONTACT_COMPANY);
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *tag_50 = g_strnfill (50, 't');
  g_autofree char *tag_51 = g_strnfill (51, 't');
  g_autofree char *note_max = g_strnfill (20000, 'n');
  g_autofree char *note_over = g_strnfill (20001, 'n');
  gint64 id;

  /* 200 characters is the most, counted as characters, not bytes */
  for (guint i = 0; i < 200; i++)
    g_string_append (name, "ą");
  crm_contact_set_name (contact, name->str);
  crm_contact_set_tags (contact, (const char *[]) { tag_50, NULL });
  crm_contact_set_note (contact, note_max);
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), contact, &error));
  g_assert_no_error (error);
  id = crm_contact_get_id (contact);
  read = crm_contact_store_get (crm_contact_store_from_session (fixture->session), id, &error);
  g_assert_cmpstr (crm_contact_get_name (read), ==, name->str);
  g_assert_cmpstr (crm_contact_get_tags (read)[0], ==, tag_50);
  g_assert_cmpint (strlen (crm_contact_get_note (read)), ==, 20000);
  g_clear_object (&read);

  g_clear_object (&contact);
  contact = crm_contact_new (CRM_CONTACT_PERSON);
  g_string_append (name, "ą");
  crm_contact_set_name (contact, name->str);
  assert_invalid (fixture, contact);
  crm_contact_set_name (contact, "Jan");
  crm_contact_set_tags (contact, (const char *[]) { tag_51, NULL });
  assert_invalid (fixture, contact);
  crm_contact_set_tags (contact, NULL);
  crm_contact_set_note (contact, note_over);
  assert_invalid (fixture, contact);
  crm_contact_set_note (contact, NULL);
  crm_contact_set_name (contact, NULL);
  assert_invalid (fixture, contact);

  /* a refused edit leaves the stored contact and its history alone */
  edit = crm_contact_store_get (crm_contact_store_from_session (fixture->session), id, &error);
  g_assert_no_error (error);
  crm_contact_set_name (edit, "");
  crm_contact_set_phones (edit, (const char *[]) { "601 234 567", NULL });
  assert_invalid (fixture, edit);
  crm_contact_set_name (edit, "Renamed");
  crm_contact_set_phones (edit, (const char *[]) { "601 234 567", "nope", NULL });
  assert_invalid (fixture, edit);
  read = crm_contact_store_get (crm_contact_store_from_session (fixture->session), id, &error);
  g_assert_cmpuint (g_utf8_strlen (crm_contact_get_name (read), -1), ==, 200);
  g_assert_true (g_str_has_prefix (name->str, crm_contact_get_name (read)));
  g_assert_null (crm_contact_get_phones (read)[0]);
  g_assert_cmpuint (history_length (fixture, "contact", id), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM contact_phones"), ==, 0);

  /* a company is given no company, not even by name */
  crm_contact_set_name (company, "Holding");
  g_assert_false (crm_contact_store_save_with_company (crm_contact_store_from_session (fixture->session), company, "Parent Ltd", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (fixture->session)), ==, 1);
}

static void
test_with_company (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) first = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) second = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) company = NULL;
  g_autoptr(GListModel) members = NULL;
  gint64 company_id;

  crm_contact_set_name (first, "Łukasz");
  g_assert_true (crm_contact_store_save_with_company (crm_contact_store_from_session (fixture->session), first, "  Żabka Nieruchomości ", &error));
  g_assert_no_error (error);
  company_id = crm_contact_get_company_id (first);
  g_assert_cmpint (company_id, >, 0);
  g_assert_cmpstr (crm_contact_get_company_name (first), ==, "Żabka Nieruchomości");
  company = crm_contact_store_get (crm_contact_store_from_session (fixture->session), company_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_contact_get_kind (company), ==, CRM_CONTACT_COMPANY);
  g_assert_cmpstr (crm_contact_get_name (company), ==, "Żabka Nieruchomości");

  /* the same company, written without accents in another case */
  crm_contact_set_name (second, "Maria");
  g_assert_true (crm_contact_store_save_with_company (crm_contact_store_from_session (fixture->session), second, "ZABKA NIERUCHOMOSCI", &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_contact_get_company_id (second), ==, company_id);
  g_assert_cmpint (crm_contact_store_ensure_company (crm_contact_store_from_session (fixture->session), "żabka nieruchomości", &error), ==, company_id);
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (fixture->session)), ==, 3);

  /* an empty name takes the company away */
  g_assert_true (crm_contact_store_save_with_company (crm_contact_store_from_session (fixture->session), first, " ", &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_contact_get_company_id (first), ==, 0);
  members = crm_contact_store_list_company_members (crm_contact_store_from_session (fixture->session), company_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 1);
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (fixture->session)), ==, 3);

  /* a company with no name is not made */
  g_assert_cmpint (crm_contact_store_ensure_company (crm_contact_store_from_session (fixture->session), "  ", &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (fixture->session)), ==, 3);
}

static void
test_lookup_country (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(CrmContact) first = NULL;
  gint64 anna;
  gint64 adam;
  gint64 twin;

  anna = add_person (fixture, "Anna", (const char *[]) { "shared@example.com", NULL },
                     (const char *[]) { "601 234 567", NULL });
  /* two owners only when the user confirmed it (issue 10, defect 8) */
  {
    g_autoptr(CrmContact) aaron = crm_contact_new (CRM_CONTACT_PERSON);

    crm_contact_set_name (aaron, "Aaron");
    crm_contact_set_emails (aaron, (const char *[]) { "SHARED@example.com", NULL });
    g_assert_true (crm_contact_store_save_full (crm_contact_store_from_session (fixture->session), aaron, NULL, CRM_SAVE_CONTACT_ALLOW_DUPLICATE, &error));
    g_assert_no_error (error);
    twin = crm_contact_get_id (aaron);
  }

  /* both owners of an address, in name order */
  found = crm_contact_store_find_by_email (crm_contact_store_from_session (fixture->session), "Shared@Example.Com", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 2);
  first = g_list_model_get_item (found, 0);
  g_assert_cmpint (crm_contact_get_id (first), ==, twin);
  g_clear_object (&found);
  found = crm_contact_store_find_by_email (crm_contact_store_from_session (fixture->session), "nobody@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
  g_clear_object (&found);
  g_assert_null (crm_contact_store_find_by_email (crm_contact_store_from_session (fixture->session), "not an address", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  /* in Poland, "06 30 123 4567" is a Polish number */
  found = crm_contact_store_find_by_phone (crm_contact_store_from_session (fixture->session), "06 30 123 4567", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
  g_clear_object (&found);

  g_assert_true (crm_session_set_setting (fixture->session, "phone-country", "HU", &error));
  g_assert_no_error (error);
  adam = add_person (fixture, "Ádám", NULL, (const char *[]) { "06 30 123 4567", NULL });
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM contact_phones WHERE number_norm = '+36301234567'"), ==, 1);

  {
    static const char *numbers[] = { "06 30 123 4567", "30 123 4567", "+36 30 123 4567", "0036301234567" };

    for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
      {
        g_autoptr(CrmContact) contact = NULL;

        found = crm_contact_store_find_by_phone (crm_contact_store_from_session (fixture->session), numbers[i], &error);
        g_assert_no_error (error);
        g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
        contact = g_list_model_get_item (found, 0);
        g_assert_cmpint (crm_contact_get_id (contact), ==, adam);
        g_clear_object (&found);
      }
  }

  /* the Polish number stays findable in its international forms */
  found = crm_contact_store_find_by_phone (crm_contact_store_from_session (fixture->session), "+48 601 234 567", &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);
  found = crm_contact_store_find_by_phone (crm_contact_store_from_session (fixture->session), "0048 601 234 567", &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);

  /* back in Poland, the Hungarian national form no longer finds Ádám */
  g_assert_true (crm_session_set_setting (fixture->session, "phone-country", NULL, &error));
  found = crm_contact_store_find_by_phone (crm_contact_store_from_session (fixture->session), "06 30 123 4567", &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
  g_clear_object (&found);
  found = crm_contact_store_find_by_phone (crm_contact_store_from_session (fixture->session), "601 234 567", &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_assert_cmpint (anna, <, adam);
}

/* Issue 10, defect 8: two contacts do not share an address unless the
 * user says so; the refusal names the contact that has it. */
static void
test_duplicate_email (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) jan = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) owner = NULL;
  g_autoptr(CrmContact) other = NULL;
  g_autofree char *address = NULL;
  gint64 anna;

  anna = add_person (fixture, "Anna Kowalska", (const char *[]) { "anna@example.com", NULL }, NULL);

  crm_contact_set_name (jan, "Jan Kowalski");
  crm_contact_set_emails (jan, (const char *[]) { "jan@example.com", " ANNA@Example.com ", NULL });
  g_assert_false (crm_contact_store_save (crm_contact_store_from_session (fixture->session), jan, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Anna Kowalska"));
  g_assert_nonnull (strstr (error->message, "ANNA@Example.com"));
  g_clear_error (&error);
  g_assert_cmpint (crm_contact_get_id (jan), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM contacts"), ==, 1);

  /* the same with a company made on the way: none is left behind */
  g_assert_false (crm_contact_store_save_with_company (crm_contact_store_from_session (fixture->session), jan, "Kowalscy sp.j.", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM contacts"), ==, 1);

  /* the window asks whom: the contact that has it */
  owner = crm_contact_store_find_email_owner (crm_contact_store_from_session (fixture->session), jan, &address, &error);
  g_assert_no_error (error);
  g_assert_nonnull (owner);
  g_assert_cmpint (crm_contact_get_id (owner), ==, anna);
  g_assert_cmpstr (address, ==, "ANNA@Example.com");

  /* confirmed: saved */
  g_assert_true (crm_contact_store_save_full (crm_contact_store_from_session (fixture->session), jan, NULL, CRM_SAVE_CONTACT_ALLOW_DUPLICATE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM contact_emails WHERE address_norm = 'anna@example.com'"),
                   ==, 2);

  /* an address a contact has already does not stop other changes */
  crm_contact_set_note (jan, "Brat Anny.");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), jan, &error));
  g_assert_no_error (error);
  g_clear_object (&owner);
  owner = crm_contact_store_find_email_owner (crm_contact_store_from_session (fixture->session), jan, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (owner);

  /* nor does a contact's own address, nor an invalid one, for the lookup */
  other = crm_contact_store_get (crm_contact_store_from_session (fixture->session), anna, &error);
  crm_contact_set_emails (other, (const char *[]) { "anna@example.com", "not an address", NULL });
  g_clear_object (&owner);
  owner = crm_contact_store_find_email_owner (crm_contact_store_from_session (fixture->session), other, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (owner);
}

/* Issue 10, defect 20: the postal address (FD1), kept, validated,
 * searched and recorded in the history. */
static void
test_postal_address (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) company = crm_contact_new (CRM_CONTACT_COMPANY);
  g_autoptr(CrmContact) read = NULL;
  g_autoptr(CrmContact) copy = NULL;
  g_autoptr(CrmContactList) list = crm_contact_list_new (fixture->session);
  g_autofree char *text = NULL;
  static const struct { const char *search; guint found; } searches[] = {
    { "florianska", 1 }, { "Floriańska 3", 1 }, { "31-019", 1 }, { "31", 1 },
    { "krakow", 1 }, { "lodz", 0 }, { "polska", 1 }, { "gdansk", 0 },
  };

  crm_contact_set_name (company, "Biuro Nieruchomości Wawel");
  crm_contact_set_street (company, "  ul. Floriańska 3/5 ");
  crm_contact_set_postal_code (company, "31-019");
  crm_contact_set_city (company, "Kraków");
  crm_contact_set_country (company, "Polska");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), company, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_contact_get_street (company), ==, "ul. Floriańska 3/5");

  read = crm_contact_store_get (crm_contact_store_from_session (fixture->session), crm_contact_get_id (company), &error);
  g_assert_cmpstr (crm_contact_get_street (read), ==, "ul. Floriańska 3/5");
  g_assert_cmpstr (crm_contact_get_postal_code (read), ==, "31-019");
  g_assert_cmpstr (crm_contact_get_city (read), ==, "Kraków");
  g_assert_cmpstr (crm_contact_get_country (read), ==, "Polska");
  text = crm_contact_dup_postal_address (read);
  g_assert_cmpstr (text, ==, "ul. Floriańska 3/5\n31-019 Kraków\nPolska");
  copy = crm_contact_copy (read);
  g_assert_cmpstr (crm_contact_get_city (copy), ==, "Kraków");

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      crm_contact_list_set_search (list, searches[i].search);
      crm_paged_list_wait (CRM_PAGED_LIST (list), G_MAXUINT);
      if (g_list_model_get_n_items (G_LIST_MODEL (list)) != searches[i].found)
        g_error ("search “%s”: %u found, expected %u", searches[i].search,
                 g_list_model_get_n_items (G_LIST_MODEL (list)), searches[i].found);
    }

  /* moved: the history says so, the old city is found no more */
  crm_contact_set_street (copy, "ul. Piotrkowska 100");
  crm_contact_set_postal_code (copy, "90-001");
  crm_contact_set_city (copy, "Łódź");
  crm_contact_set_country (copy, "");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), copy, &error));
  g_assert_no_error (error);
  g_assert_null (crm_contact_get_country (copy));
  assert_last_history (fixture, "contact", crm_contact_get_id (copy), "updated", "address");
  g_clear_pointer (&text, g_free);
  text = crm_contact_dup_postal_address (copy);
  g_assert_cmpstr (text, ==, "ul. Piotrkowska 100\n90-001 Łódź");
  crm_contact_list_set_search (list, "lodz");
  crm_paged_list_wait (CRM_PAGED_LIST (list), G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  crm_contact_list_set_search (list, "krakow");
  crm_paged_list_wait (CRM_PAGED_LIST (list), G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  /* too long, or on two lines: refused, nothing changed */
  crm_contact_set_postal_code (copy, "123456789012345678901");
  g_assert_false (crm_contact_store_save (crm_contact_store_from_session (fixture->session), copy, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  crm_contact_set_postal_code (copy, "90-001");
  crm_contact_set_street (copy, "ul. Piotrkowska\n100");
  g_assert_false (crm_contact_store_save (crm_contact_store_from_session (fixture->session), copy, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&read);
  read = crm_contact_store_get (crm_contact_store_from_session (fixture->session), crm_contact_get_id (copy), &error);
  g_assert_cmpstr (crm_contact_get_street (read), ==, "ul. Piotrkowska 100");

  /* none known: no address at all */
  g_clear_object (&read);
  read = crm_contact_new (CRM_CONTACT_PERSON);
  g_assert_null (crm_contact_dup_postal_address (read));
  crm_contact_set_country (read, "Węgry");
  g_clear_pointer (&text, g_free);
  text = crm_contact_dup_postal_address (read);
  g_assert_cmpstr (text, ==, "Węgry");
}

/* Migration 0014 on a database of schema 13: the contacts' search rows
 * survive the new index, and the contacts get their address. */
static void
test_address_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("crm-contacts-migration-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crm.sqlite", NULL);
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmContactList) list = NULL;
  g_autoptr(CrmContact) contact = NULL;
  sqlite3 *db = NULL;

  if (crm_test_on_postgresql ())
    {
      /* the same on the team's database: its migrations to 13 */
      g_autofree char *uri = crm_test_pg_new_database ();
      const char *name = strrchr (uri, '/') + 1;

      for (guint i = 1; i <= 13; i++)
        {
          g_autofree char *prefix = g_strdup_printf ("%04u-", i);
          g_auto(GStrv) names = g_resources_enumerate_children ("/org/example/Crm/core/migrations-pg", 0, &error);
          g_autoptr(GBytes) sql = NULL;

          g_assert_no_error (error);
          for (guint j = 0; names[j] != NULL && sql == NULL; j++)
            if (g_str_has_prefix (names[j], prefix))
              {
                g_autofree char *resource = g_strconcat ("/org/example/Crm/core/migrations-pg/", names[j], NULL);

                sql = g_resources_lookup_data (resource, 0, &error);
                g_assert_no_error (error);
              }
          g_assert_nonnull (sql);
          {
            g_autofree char *text = g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));

            crm_test_pg_exec (name, text);
          }
        }
      crm_test_pg_exec (name,
                        "CREATE TABLE crm_schema (version integer NOT NULL);"
                        "INSERT INTO crm_schema (version) VALUES (13);"
                        "INSERT INTO contacts (id, kind, name, sort_key, created_at, updated_at) "
                        "VALUES (7, 'person', 'Łucja Wróbel', 'lucja wrobel', 0, 0);"
                        "INSERT INTO contacts_fts (rowid, name, emails) "
                        "VALUES (7, 'Łucja Wróbel Lucja Wróbel', 'lucja@example.com');");
      session = crm_session_open_uri (uri, NULL, NULL, &error);
    }
  else
    {
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      for (guint i = 1; i <= 13; i++)
        {
          g_autofree char *prefix = g_strdup_printf ("%04u-", i);
          g_auto(GStrv) names = g_resources_enumerate_children ("/org/example/Crm/core/migrations", 0, &error);
          g_autoptr(GBytes) sql = NULL;

          g_assert_no_error (error);
          for (guint j = 0; names[j] != NULL && sql == NULL; j++)
            if (g_str_has_prefix (names[j], prefix))
              {
                g_autofree char *resource = g_strconcat ("/org/example/Crm/core/migrations/", names[j], NULL);

                sql = g_resources_lookup_data (resource, 0, &error);
                g_assert_no_error (error);
              }
          g_assert_nonnull (sql);
          g_assert_cmpint (sqlite3_exec (db, g_bytes_get_data (sql, NULL), NULL, NULL, NULL), ==, SQLITE_OK);
        }
      g_assert_cmpint (sqlite3_exec (db,
                                     "PRAGMA user_version = 13;"
                                     "INSERT INTO contacts (id, kind, name, sort_key, created_at, updated_at) "
                                     "VALUES (7, 'person', 'Łucja Wróbel', 'lucja wrobel', 0, 0);"
                                     "INSERT INTO contacts_fts (rowid, name, emails) "
                                     "VALUES (7, 'Łucja Wróbel Lucja Wróbel', 'lucja@example.com');",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      session = crm_session_open_file (path, NULL, &error);
    }
  g_assert_no_error (error);
  g_assert_cmpint (crm_database_get_schema_version (crm_session_get_database (session)), ==, crm_database_get_latest_schema_version ());

  list = crm_contact_list_new (session);
  crm_contact_list_set_search (list, "lucja@example");
  crm_paged_list_wait (CRM_PAGED_LIST (list), G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  contact = crm_contact_store_get (crm_contact_store_from_session (session), 7, &error);
  g_assert_no_error (error);
  g_assert_null (crm_contact_get_city (contact));
  crm_contact_set_city (contact, "Wrocław");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (session), contact, &error));
  g_assert_no_error (error);
  crm_contact_list_set_search (list, "wroclaw");
  crm_paged_list_wait (CRM_PAGED_LIST (list), G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  g_clear_object (&list);
  g_clear_object (&contact);
  g_assert_finalize_object (g_steal_pointer (&session));
  crm_test_remove_data_dir (dir);
}

/* Saving off the main thread, as the window does: the copy saved is
 * the result, the contact given stays as it was, and what the store
 * refuses is said the same way. */
static void
test_save_async (Fixture       *fixture,
                 gconstpointer  data)
{
  CrmContactStore *contacts = crm_contact_store_from_session (fixture->session);
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) twin = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) saved = NULL;
  g_autoptr(CrmContact) read = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *emails[] = { "zofia@example.com", NULL };

  crm_contact_set_name (contact, "Zofia Kowalska");
  crm_contact_set_emails (contact, emails);
  crm_contact_store_save_async (contacts, contact, "Kowalski i Syn", CRM_SAVE_CONTACT_NONE, NULL, crm_test_async_done_cb,
                                &result);
  saved = crm_contact_store_save_finish (contacts, crm_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_contact_get_id (saved), >, 0);
  g_assert_cmpint (crm_contact_get_id (contact), ==, 0);
  read = crm_contact_store_get (contacts, crm_contact_get_id (saved), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_contact_get_name (read), ==, "Zofia Kowalska");
  g_assert_cmpstr (crm_contact_get_company_name (read), ==, "Kowalski i Syn");

  /* the same address on another contact: said before a save starts,
   * in the words the save uses; refused, unless allowed */
  g_clear_object (&result);
  crm_contact_set_name (twin, "Zofia Nowak");
  crm_contact_set_emails (twin, emails);
  g_assert_false (crm_contact_store_check_emails (contacts, twin, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  {
    g_autofree char *said = g_strdup (error->message);

    g_clear_error (&error);
    g_assert_false (crm_contact_store_save (contacts, twin, &error));
    g_assert_cmpstr (error->message, ==, said);
    g_assert_nonnull (strstr (said, "Zofia Kowalska"));
    g_clear_error (&error);
  }
  g_assert_true (crm_contact_store_check_emails (contacts, saved, &error));
  g_assert_no_error (error);
  crm_contact_store_save_async (contacts, twin, NULL, CRM_SAVE_CONTACT_NONE, NULL, crm_test_async_done_cb, &result);
  g_assert_null (crm_contact_store_save_finish (contacts, crm_test_wait_result (&result), &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_object (&result);
  crm_contact_store_save_async (contacts, twin, NULL, CRM_SAVE_CONTACT_ALLOW_DUPLICATE, NULL, crm_test_async_done_cb, &result);
  g_clear_object (&saved);
  saved = crm_contact_store_save_finish (contacts, crm_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_contact_store_count (contacts), ==, 3);
}

/* Two desktops edit one contact at once: the first save stands; the
 * second is refused with CRM_ERROR_CHANGED, nothing of it written, and
 * saved again over what the first left, both changes are kept. */
static void
test_changed_meanwhile (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) other = crm_session_open_another (fixture->session, &error);
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) mine = NULL;
  g_autoptr(CrmContact) theirs = NULL;
  g_autoptr(CrmContact) stored = NULL;
  const char *phones[] = { "+48 600 100 200", NULL };
  gint64 version;

  g_assert_no_error (error);
  crm_contact_set_name (contact, "Anna Kowalska");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), contact, &error));
  g_assert_no_error (error);
  version = crm_contact_get_version (contact);
  g_assert_cmpint (version, >, 0);

  /* both open it */
  mine = crm_contact_store_get (crm_contact_store_from_session (fixture->session), crm_contact_get_id (contact), &error);
  theirs = crm_contact_store_get (crm_contact_store_from_session (other), crm_contact_get_id (contact), &error);
  g_assert_no_error (error);

  /* they save first */
  crm_contact_set_name (theirs, "Anna Nowak");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (other), theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_contact_get_version (theirs), >, version);

  /* mine is refused, and writes nothing */
  crm_contact_set_phones (mine, phones);
  g_assert_false (crm_contact_store_save (crm_contact_store_from_session (fixture->session), mine, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "Anna Kowalska"));
  g_clear_error (&error);
  stored = crm_contact_store_get (crm_contact_store_from_session (fixture->session), crm_contact_get_id (contact), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_contact_get_name (stored), ==, "Anna Nowak");
  g_assert_cmpstr (crm_contact_get_phones (stored)[0], ==, NULL);
  g_assert_cmpint (history_length (fixture, "contact", crm_contact_get_id (contact)), ==, 2);

  /* made again over theirs: both stand */
  crm_contact_set_phones (stored, phones);
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), stored, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = crm_contact_store_get (crm_contact_store_from_session (other), crm_contact_get_id (contact), &error);
  g_assert_cmpstr (crm_contact_get_name (stored), ==, "Anna Nowak");
  g_assert_cmpstr (crm_contact_get_phones (stored)[0], ==, "+48 600 100 200");
}

/* A search gives its contacts in the list's order (by name), whichever
 * was added first, and a contact renamed moves to its new place among
 * them (on PostgreSQL the sort key is kept beside the search text,
 * 0027). */
static void
test_search_order (Fixture       *fixture,
                   gconstpointer  data)
{
  CrmContactStore *store = crm_contact_store_from_session (fixture->session);
  const char *names[] = { "Celina Wiśniewska", "Beata Wiśniewska", "Adam Wiśniewski" };
  gint64 ids[G_N_ELEMENTS (names)];
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) again = NULL;
  g_autoptr(CrmContact) renamed = NULL;

  /* added backwards: the order is not the order of adding */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);

      crm_contact_set_name (contact, names[i]);
      g_assert_true (crm_contact_store_save (store, contact, &error));
      g_assert_no_error (error);
      ids[i] = crm_contact_get_id (contact);
    }

  found = crm_contact_store_list_ids (store, "\"wisniewsk\"*", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, ids[2]);
  g_assert_cmpint (g_array_index (found, gint64, 1), ==, ids[1]);
  g_assert_cmpint (g_array_index (found, gint64, 2), ==, ids[0]);

  renamed = crm_contact_store_get (store, ids[2], &error);
  crm_contact_set_name (renamed, "Zofia Wiśniewska");
  g_assert_true (crm_contact_store_save (store, renamed, &error));
  g_assert_no_error (error);
  again = crm_contact_store_list_ids (store, "\"wisniewsk\"*", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 3);
  g_assert_cmpint (g_array_index (again, gint64, 0), ==, ids[1]);
  g_assert_cmpint (g_array_index (again, gint64, 1), ==, ids[0]);
  g_assert_cmpint (g_array_index (again, gint64, 2), ==, ids[2]);
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
  ADD ("/contacts/users/get-and-list", test_users_get_and_list);
  ADD ("/contacts/update-history", test_update_history);
  ADD ("/contacts/manager-change", test_manager_change);
  ADD ("/contacts/delete-cascade", test_delete_cascade);
  ADD ("/contacts/validation/limits", test_validation_limits);
  ADD ("/contacts/with-company", test_with_company);
  ADD ("/contacts/lookup/country", test_lookup_country);
  ADD ("/contacts/duplicate-email", test_duplicate_email);
  ADD ("/contacts/postal-address", test_postal_address);
  ADD ("/contacts/save-async", test_save_async);
  ADD ("/contacts/changed-meanwhile", test_changed_meanwhile);
  ADD ("/contacts/search-order", test_search_order);
  g_test_add_func ("/contacts/postal-address/migration", test_address_migration);

#undef ADD

  return g_test_run ();
}
