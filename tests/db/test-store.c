/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "crm-test-util.h"

#include "crm.h"
#include "crm-demo.h"
#include "crm-sqlite-database.h"
#include "crm-ticket-store-private.h"
#include "crm-store-private.h"
#include "crm-offer-store-private.h"

/* CrmSession: migrations, their rollback, newer schemas, transactions
 * and a reader beside a writer, on real SQLite files. */

typedef struct
{
  char     *dir;
  char     *path;
  char     *wal_path;
  CrmClock *clock;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 5, 1, 9, 0, 0);

  fixture->dir = g_dir_make_tmp ("crm-store-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->wal_path = g_strconcat (fixture->path, "-wal", NULL);
  fixture->clock = crm_clock_new_fixed (now);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->wal_path);
  g_free (fixture->dir);
  g_clear_object (&fixture->clock);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static gboolean
table_exists (const char *path,
              const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE name = '%s'", table);

  return query_int (path, sql) == 1;
}

static void
test_migrate_from_empty (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  sqlite3_stmt *stmt = NULL;

  session = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_database_get_schema_version (crm_session_get_database (session)), ==, crm_database_get_latest_schema_version ());
  g_assert_cmpint (crm_database_get_schema_version (crm_session_get_database (session)), >=, 1);

  {
    static const char *tables[] = { "settings", "users", "contacts", "contact_emails", "contact_phones",
                                    "tags", "contact_tags", "notes", "history", "contacts_fts" };

    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      if (!table_exists (fixture->path, tables[i]))
        g_error ("no table %s", tables[i]);
  }
  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==, crm_database_get_latest_schema_version ());

  /* WAL, foreign keys on, on this connection */
  g_assert_cmpint (sqlite3_prepare_v2 (crm_sqlite_database_get_handle (CRM_SQLITE_DATABASE (crm_session_get_database (session))), "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (crm_sqlite_database_get_handle (CRM_SQLITE_DATABASE (crm_session_get_database (session))), "PRAGMA foreign_keys", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);

  /* and enforced: an address needs its contact */
  g_assert_false (crm_database_exec (crm_session_get_database (session),
                                   "INSERT INTO contact_emails (contact_id, position, address, address_norm) "
                                   "VALUES (4242, 0, 'a@b.pl', 'a@b.pl')",
                                   &error));
  g_assert_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_SQL);
  g_clear_error (&error);

  /* WAL is a property of the file: a plain connection finds it too */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  crm_user_store_add (crm_user_store_from_session (session), "Ewa", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  g_clear_object (&session);

  /* reopening an up-to-date file changes nothing */
  session = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_user_store_count (crm_user_store_from_session (session)), ==, 1);
  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==, crm_database_get_latest_schema_version ());
}

static void
test_failing_migration (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;

  session = _crm_session_open_with_migrations (fixture->path, fixture->clock,
                                           "/org/example/Crm/tests/migrations-good", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_database_get_schema_version (crm_session_get_database (session)), ==, 1);
  g_clear_object (&session);

  session = _crm_session_open_with_migrations (fixture->path, fixture->clock,
                                           "/org/example/Crm/tests/migrations-bad", &error);
  g_assert_null (session);
  g_assert_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_MIGRATION);
  g_assert_nonnull (strstr (error->message, "step 2"));
  g_assert_nonnull (strstr (error->message, "0002-broken.sql"));
  g_assert_nonnull (strstr (error->message, "no_such_table"));

  /* exactly as it was */
  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==, 1);
  g_assert_false (table_exists (fixture->path, "half_made"));
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM first"), ==, 1);
}

static void
test_failing_migration_new_file (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;

  session = _crm_session_open_with_migrations (fixture->path, fixture->clock,
                                           "/org/example/Crm/tests/migrations-bad", &error);
  g_assert_null (session);
  g_assert_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_MIGRATION);

  /* all pending steps are one transaction: step 1 is gone too */
  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==, 0);
  g_assert_false (table_exists (fixture->path, "first"));
}

static void
test_newer_schema (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  sqlite3 *db = NULL;

  session = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  crm_user_store_add (crm_user_store_from_session (session), "Ewa", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  g_clear_object (&session);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  session = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_null (session);
  g_assert_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_assert_nonnull (strstr (error->message, "99"));

  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==, 99);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM users"), ==, 1);
}

static void
test_unusable_file (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;

  g_assert_true (g_file_set_contents (fixture->path,
                                      "garbage garbage garbage garbage garbage garbage garbage garbage "
                                      "garbage garbage garbage garbage garbage garbage garbage garbage",
                                      -1, NULL));
  session = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_null (session);
  g_assert_true (error->domain == CRM_DATABASE_ERROR);
}

typedef struct
{
  CrmSession *reader;
  gint64    seen_inside;
} ReaderCheck;

static gboolean
write_then_read_elsewhere (CrmSession  *session,
                           gpointer     user_data,
                           GError     **error)
{
  ReaderCheck *check = user_data;
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
  gint64 start = g_get_monotonic_time ();

  crm_contact_set_name (contact, "Written");
  if (!crm_contact_store_save (crm_contact_store_from_session (session), contact, error))
    return FALSE;

  /* the other connection reads at once, and does not see it yet */
  check->seen_inside = crm_contact_store_count (crm_contact_store_from_session (check->reader));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  return TRUE;
}

static void
test_reader_during_write (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) writer = NULL;
  g_autoptr(CrmSession) reader = NULL;
  ReaderCheck check = { 0 };

  writer = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  reader = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);

  check.reader = reader;
  g_assert_true (crm_session_run_in_transaction (writer, write_then_read_elsewhere, &check, &error));
  g_assert_no_error (error);
  g_assert_cmpint (check.seen_inside, ==, 0);
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (reader)), ==, 1);
}

static gboolean
add_user_and_fail (CrmSession  *session,
                   gpointer     user_data,
                   GError     **error)
{
  if (!crm_user_store_add (crm_user_store_from_session (session), user_data, "gone@example.com", CRM_ROLE_AGENT, error))
    return FALSE;

  g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, "changed my mind");
  return FALSE;
}

static gboolean
add_user_nested (CrmSession  *session,
                 gpointer     user_data,
                 GError     **error)
{
  g_autoptr(GError) inner_error = NULL;

  if (!crm_user_store_add (crm_user_store_from_session (session), "Outer", "outer@example.com", CRM_ROLE_AGENT, error))
    return FALSE;

  /* a failing inner transaction rolls back only itself */
  g_assert_false (crm_session_run_in_transaction (session, add_user_and_fail, (gpointer) "Inner", &inner_error));
  g_assert_error (inner_error, CRM_ERROR, CRM_ERROR_INVALID);

  return TRUE;
}

static void
test_transactions (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;

  session = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);

  g_assert_false (crm_session_run_in_transaction (session, add_user_and_fail, (gpointer) "Gone", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (crm_user_store_count (crm_user_store_from_session (session)), ==, 0);

  g_assert_true (crm_session_run_in_transaction (session, add_user_nested, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_user_store_count (crm_user_store_from_session (session)), ==, 1);
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_autofree char *country = NULL;
  g_autofree char *missing = NULL;

  g_assert_no_error (error);
  country = crm_contact_store_dup_phone_country (crm_contact_store_from_session (session));
  g_assert_cmpstr (country, ==, "PL");
  g_assert_true (crm_session_set_setting (session, "phone-country", "HU", &error));
  g_clear_pointer (&country, g_free);
  country = crm_contact_store_dup_phone_country (crm_contact_store_from_session (session));
  g_assert_cmpstr (country, ==, "HU");
  missing = crm_session_get_setting (session, "nothing", "default");
  g_assert_cmpstr (missing, ==, "default");
}

/* A session keeps the settings it read for a moment (a list shows one
 * on every row), but another desktop's change of one is seen as soon
 * as it is told, not when the moment is over. */
static void
test_settings_changed_elsewhere (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) window = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_autoptr(CrmSession) other = NULL;
  CrmTestFollowed followed = { g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *before = NULL;
  g_autofree char *cached = NULL;
  g_autofree char *after = NULL;
  gint64 deadline;

  g_assert_no_error (error);
  other = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  g_assert_true (crm_session_set_setting (window, "currency", "PLN", &error));
  before = crm_session_get_setting (window, "currency", NULL);
  g_assert_cmpstr (before, ==, "PLN");

  g_signal_connect (crm_session_get_database (window), "changed", G_CALLBACK (crm_test_followed_cb), &followed);
  crm_database_follow_changes (crm_session_get_database (window), 20);
  g_assert_true (crm_session_set_setting (other, "currency", "EUR", &error));
  g_assert_no_error (error);
  /* not told yet: what was read stands */
  cached = crm_session_get_setting (window, "currency", NULL);
  g_assert_cmpstr (cached, ==, "PLN");

  deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (!crm_test_followed_has (&followed, "setting 0") && g_get_monotonic_time () < deadline)
    crm_test_iterate ();
  g_assert_true (crm_test_followed_has (&followed, "setting 0"));
  after = crm_session_get_setting (window, "currency", NULL);
  g_assert_cmpstr (after, ==, "EUR");
  g_ptr_array_unref (followed.seen);
}

/* The window's settings, read on a worker and answered from memory,
 * read again when another desktop changes one. */
static void
test_settings_kept (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) window = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_autoptr(CrmSession) other = NULL;
  gint64 deadline;

  g_assert_no_error (error);
  other = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  g_assert_true (crm_session_set_setting (other, "currency", "PLN", &error));

  crm_database_follow_changes (crm_session_get_database (window), 20);
  crm_session_keep_settings (window);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!_crm_session_settings_kept (window) && g_get_monotonic_time () < deadline)
    crm_test_iterate ();
  g_assert_true (_crm_session_settings_kept (window));
  {
    g_autofree char *currency = crm_session_get_setting (window, "currency", NULL);
    g_autofree char *unset = crm_session_get_setting (window, "no-such-setting", "default");

    g_assert_cmpstr (currency, ==, "PLN");
    g_assert_cmpstr (unset, ==, "default");
  }

  /* another desktop's change: from memory until told, then read again */
  g_assert_true (crm_session_set_setting (other, "currency", "EUR", &error));
  {
    g_autofree char *stale = crm_session_get_setting (window, "currency", NULL);

    g_assert_cmpstr (stale, ==, "PLN");
  }
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *now = _crm_session_settings_kept (window) ? crm_session_get_setting (window, "currency", NULL)
                                                                 : NULL;

      if (g_strcmp0 (now, "EUR") == 0)
        break;
      crm_test_iterate ();
    }
  g_assert_true (_crm_session_settings_kept (window));
  {
    g_autofree char *currency = crm_session_get_setting (window, "currency", NULL);

    g_assert_cmpstr (currency, ==, "EUR");
  }
}

/* The window's templates, the same way. */
static void
test_templates_kept (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) window = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_autoptr(CrmSession) other = NULL;
  CrmTemplateStore *templates;
  gint64 deadline;

  g_assert_no_error (error);
  other = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_template_store_add (crm_template_store_from_session (other), "Powitanie", "Dzień dobry", &error),
                   >, 0);

  templates = crm_template_store_from_session (window);
  crm_database_follow_changes (crm_session_get_database (window), 20);
  crm_template_store_keep_up_to_date (templates);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (_crm_store_get_kept (CRM_STORE (templates)) == NULL && g_get_monotonic_time () < deadline)
    crm_test_iterate ();
  g_assert_nonnull (_crm_store_get_kept (CRM_STORE (templates)));

  g_assert_cmpint (crm_template_store_add (crm_template_store_from_session (other), "Oferta", "{offers}", &error), >, 0);
  {
    g_autoptr(GPtrArray) stale = crm_template_store_list (templates, NULL);

    g_assert_cmpuint (stale->len, ==, 1);
    g_assert_cmpstr (((CrmTemplateInfo *) g_ptr_array_index (stale, 0))->body, ==, "Dzień dobry");
  }
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GPtrArray) now = NULL;

      if (_crm_store_get_kept (CRM_STORE (templates)) != NULL &&
          (now = crm_template_store_list (templates, NULL))->len == 2)
        break;
      crm_test_iterate ();
    }
  g_assert_nonnull (_crm_store_get_kept (CRM_STORE (templates)));
  {
    g_autoptr(GPtrArray) listed = crm_template_store_list (templates, NULL);

    g_assert_cmpuint (listed->len, ==, 2);
    g_assert_cmpstr (((CrmTemplateInfo *) g_ptr_array_index (listed, 0))->name, ==, "Oferta");
  }
}

static guint
n_users (GListModel *users)
{
  return users != NULL ? g_list_model_get_n_items (users) : 0;
}

/* The window's users, read on a worker and answered from memory (no
 * round trip on the main thread for a chooser), read again when
 * another desktop changes one. */
static void
test_users_kept (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) window = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_autoptr(CrmSession) other = NULL;
  CrmUserStore *users;
  CrmTestFollowed followed = { g_ptr_array_new_with_free_func (g_free) };
  gint64 anna, piotr, deadline;

  g_assert_no_error (error);
  other = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  anna = crm_user_store_add (crm_user_store_from_session (other), "Anna Nowak", "anna@example.com", CRM_ROLE_AGENT,
                             &error);
  g_assert_no_error (error);

  users = crm_user_store_from_session (window);
  g_signal_connect (crm_session_get_database (window), "changed", G_CALLBACK (crm_test_followed_cb), &followed);
  crm_database_follow_changes (crm_session_get_database (window), 20);
  crm_user_store_keep_up_to_date (users);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!_crm_user_store_is_kept (users) && g_get_monotonic_time () < deadline)
    crm_test_iterate ();
  g_assert_true (_crm_user_store_is_kept (users));

  {
    g_autoptr(GListModel) all = crm_user_store_list (users, NULL);
    g_autoptr(CrmUser) found = crm_user_store_get (users, anna, NULL);

    g_assert_cmpuint (crm_user_store_count (users), ==, n_users (all));
    g_assert_nonnull (found);
    g_assert_cmpstr (crm_user_get_name (found), ==, "Anna Nowak");
    g_assert_null (crm_user_store_get (users, anna + 1000, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* another desktop adds Piotr and deactivates Anna: what was read
   * stands until told (answered from memory) … */
  piotr = crm_user_store_add (crm_user_store_from_session (other), "Piotr Zieliński", "piotr@example.com",
                              CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  g_assert_true (crm_user_store_set_active (crm_user_store_from_session (other), anna, FALSE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CrmUser) stale = crm_user_store_get (users, anna, NULL);

    g_assert_true (crm_user_get_active (stale));
    g_assert_null (crm_user_store_get (users, piotr, NULL));
  }

  /* … then read again, once told */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(CrmUser) now = NULL;
      g_autoptr(CrmUser) added = NULL;

      if (_crm_user_store_is_kept (users) && (now = crm_user_store_get (users, anna, NULL)) != NULL &&
          !crm_user_get_active (now) && (added = crm_user_store_get (users, piotr, NULL)) != NULL)
        break;
      crm_test_iterate ();
    }
  g_assert_true (_crm_user_store_is_kept (users));
  {
    g_autoptr(CrmUser) now = crm_user_store_get (users, anna, NULL);
    g_autoptr(CrmUser) added = crm_user_store_get (users, piotr, NULL);
    g_autoptr(GListModel) active = crm_user_store_list_active (users, NULL);
    g_autoptr(GListModel) keeping_anna = crm_user_store_list_assignable (users, anna, NULL);
    g_autoptr(GListModel) assignable = crm_user_store_list_assignable (users, 0, NULL);

    g_assert_false (crm_user_get_active (now));
    g_assert_nonnull (added);
    /* the chooser keeps the one a record has, deactivated or not */
    g_assert_cmpuint (n_users (keeping_anna), ==, n_users (assignable) + 1);
    g_assert_cmpuint (n_users (active), ==, n_users (assignable));
  }
  g_ptr_array_unref (followed.seen);
}

static gboolean
write_read_and_fail (CrmSession  *session,
                     gpointer     user_data,
                     GError     **error)
{
  ReaderCheck *check = user_data;

  if (!write_then_read_elsewhere (session, user_data, error))
    return FALSE;

  /* the writer sees its own change */
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (session)), ==, 1);
  g_assert_cmpint (check->seen_inside, ==, 0);

  g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, "abandoned");
  return FALSE;
}

static void
test_reopen_is_noop (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  gint64 objects;
  gint64 history;

  /* a step that inserts a row would insert it twice if run again */
  for (guint i = 0; i < 3; i++)
    {
      session = _crm_session_open_with_migrations (fixture->path, fixture->clock,
                                               "/org/example/Crm/tests/migrations-good", &error);
      g_assert_no_error (error);
      g_assert_cmpint (crm_database_get_schema_version (crm_session_get_database (session)), ==, 1);
      g_clear_object (&session);
      g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==, 1);
      g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM first"), ==, 1);
    }

  /* the real migrations, on their own file */
  g_assert_false (g_file_test (fixture->wal_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_remove (fixture->path), ==, 0);
  session = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  crm_user_store_add (crm_user_store_from_session (session), "Ewa", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  g_clear_object (&session);
  objects = query_int (fixture->path, "SELECT count(*) FROM sqlite_master");
  history = query_int (fixture->path, "SELECT count(*) FROM history");
  g_assert_cmpint (objects, >, 10);
  g_assert_cmpint (history, ==, 1);

  for (guint i = 0; i < 2; i++)
    {
      session = crm_session_open_file (fixture->path, fixture->clock, &error);
      g_assert_no_error (error);
      g_assert_cmpint (crm_database_get_schema_version (crm_session_get_database (session)), ==, crm_database_get_latest_schema_version ());
      g_clear_object (&session);
      g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM sqlite_master"), ==, objects);
      g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM history"), ==, history);
      g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM users"), ==, 1);
    }
}

static void
test_failing_migration_then_good (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmSession) other = NULL;

  session = _crm_session_open_with_migrations (fixture->path, fixture->clock,
                                           "/org/example/Crm/tests/migrations-good", &error);
  g_assert_no_error (error);

  /* a second process fails to migrate while the first keeps the file open */
  other = _crm_session_open_with_migrations (fixture->path, fixture->clock,
                                           "/org/example/Crm/tests/migrations-bad", &error);
  g_assert_null (other);
  g_assert_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_MIGRATION);
  g_clear_error (&error);

  /* the failure left no lock and no open transaction behind */
  g_assert_true (sqlite3_get_autocommit (crm_sqlite_database_get_handle (CRM_SQLITE_DATABASE (crm_session_get_database (session)))));
  g_assert_true (crm_database_exec (crm_session_get_database (session), "INSERT INTO first (name) VALUES ('later')", &error));
  g_assert_no_error (error);
  g_clear_object (&session);

  session = _crm_session_open_with_migrations (fixture->path, fixture->clock,
                                           "/org/example/Crm/tests/migrations-good", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_database_get_schema_version (crm_session_get_database (session)), ==, 1);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM first"), ==, 2);
  g_assert_false (table_exists (fixture->path, "half_made"));

  /* a resource folder that does not exist is a failure too */
  g_clear_object (&session);
  session = _crm_session_open_with_migrations (fixture->path, fixture->clock,
                                           "/org/example/Crm/tests/no-such-folder", &error);
  g_assert_null (session);
  g_assert_nonnull (error);
  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==, 1);
}

static void
test_open_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autofree char *missing_dir = g_build_filename (fixture->dir, "no", "such", "crm.sqlite", NULL);
  g_autofree char *data_dir = g_build_filename (fixture->dir, "data", "deeper", NULL);
  g_autofree char *data_file = g_build_filename (data_dir, "crm.sqlite", NULL);
  g_autofree char *parent = g_path_get_dirname (data_dir);
  g_autofree char *resolved = NULL;

  /* crm_session_open_file() does not make folders */
  session = crm_session_open_file (missing_dir, fixture->clock, &error);
  g_assert_null (session);
  g_assert_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_OPEN);
  g_clear_error (&error);

  /* crm_session_open() does, on the default clock */
  session = crm_session_open (data_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_session_get_path (session), ==, data_file);
  g_assert_true (crm_session_get_clock (session) == crm_clock_get_default ());
  g_assert_true (g_file_test (data_file, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&session);
  crm_test_remove_data_dir (data_dir);
  g_assert_cmpint (g_rmdir (parent), ==, 0);

  resolved = crm_session_resolve_data_dir ("/somewhere");
  g_assert_cmpstr (resolved, ==, "/somewhere");
}

static gboolean
add_named_user (CrmSession  *session,
                gpointer     user_data,
                GError     **error)
{
  g_autofree char *email = g_strdup_printf ("%s@example.com", (const char *) user_data);

  return crm_user_store_add (crm_user_store_from_session (session), user_data, email, CRM_ROLE_AGENT, error) != 0;
}

static gboolean
inner_ok_outer_fails (CrmSession  *session,
                      gpointer     user_data,
                      GError     **error)
{
  g_assert_true (crm_session_run_in_transaction (session, add_named_user, (gpointer) "inner", error));
  g_assert_no_error (*error);
  g_assert_cmpuint (crm_user_store_count (crm_user_store_from_session (session)), ==, 2);

  g_set_error_literal (error, CRM_ERROR, CRM_ERROR_PERMISSION, "outer says no");
  return FALSE;
}

static gboolean
three_levels (CrmSession  *session,
              gpointer     user_data,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!add_named_user (session, (gpointer) "level1", error))
    return FALSE;

  /* level 2 adds a user, then a level 3 that fails, then succeeds */
  g_assert_true (crm_session_run_in_transaction (session, add_user_nested, NULL, &local_error));
  g_assert_no_error (local_error);

  /* a failure inside the store's own transaction (a conflict) keeps the rest */
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (session), "Again", "level1@example.com", CRM_ROLE_AGENT, &local_error), ==, 0);
  g_assert_error (local_error, CRM_ERROR, CRM_ERROR_CONFLICT);

  return TRUE;
}

static void
test_transactions_more (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;

  session = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);

  /* committed: another connection sees it */
  g_assert_true (crm_session_run_in_transaction (session, add_named_user, (gpointer) "first", &error));
  g_assert_no_error (error);
  g_assert_true (sqlite3_get_autocommit (crm_sqlite_database_get_handle (CRM_SQLITE_DATABASE (crm_session_get_database (session)))));
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM users"), ==, 1);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM history"), ==, 1);

  /* an inner success is undone with its failing outer transaction */
  g_assert_false (crm_session_run_in_transaction (session, inner_ok_outer_fails, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (sqlite3_get_autocommit (crm_sqlite_database_get_handle (CRM_SQLITE_DATABASE (crm_session_get_database (session)))));
  g_assert_cmpuint (crm_user_store_count (crm_user_store_from_session (session)), ==, 1);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM users WHERE name = 'inner'"), ==, 0);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM history"), ==, 1);

  /* three levels: only the failing one is gone */
  g_assert_true (crm_session_run_in_transaction (session, three_levels, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sqlite3_get_autocommit (crm_sqlite_database_get_handle (CRM_SQLITE_DATABASE (crm_session_get_database (session)))));
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM users"), ==, 3);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM users WHERE name IN ('level1', 'Outer')"), ==, 2);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM users WHERE name = 'Inner'"), ==, 0);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM history"), ==, 3);
}

static void
test_reader_sees_committed_only (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) writer = NULL;
  g_autoptr(CrmSession) reader = NULL;
  ReaderCheck check = { 0 };

  writer = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  reader = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);

  /* a transaction that fails is never seen by the reader */
  check.reader = reader;
  g_assert_false (crm_session_run_in_transaction (writer, write_read_and_fail, &check, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_cmpint (check.seen_inside, ==, 0);
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (reader)), ==, 0);
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (writer)), ==, 0);
}

static void
test_clock (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) with_offset = crm_clock_parse_time ("2026-05-01T11:00:00+02:00", &error);
  g_autoptr(GDateTime) without = crm_clock_parse_time ("2026-05-01T09:00:00", &error);
  g_autoptr(GDateTime) date_only = crm_clock_parse_time ("2026-05-01", &error);
  g_autoptr(GDateTime) bad = NULL;
  g_autoptr(CrmClock) clock = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_to_unix (with_offset), ==, g_date_time_to_unix (without));
  g_assert_cmpint (g_date_time_to_unix (date_only), ==, g_date_time_to_unix (without) - 9 * 3600);

  bad = crm_clock_parse_time ("next tuesday", &error);
  g_assert_null (bad);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);

  clock = crm_clock_new_fixed (with_offset);
  g_assert_true (crm_clock_is_fixed (clock));
  g_assert_cmpint (crm_clock_now_unix (clock), ==, g_date_time_to_unix (without));
  crm_clock_advance (clock, G_TIME_SPAN_DAY);
  g_assert_cmpint (crm_clock_now_unix (clock), ==, g_date_time_to_unix (without) + 86400);

  text = crm_clock_format_unix (g_date_time_to_unix (without));
  g_assert_cmpstr (text, ==, "2026-05-01T09:00:00+00:00");
}

static void
test_clock_parse (void)
{
  static const struct { const char *text; gint64 unix_time; } good[] = {
    { "2026-05-01T09:00:00Z", 1777626000 },
    { "2026-05-01T09:00:00", 1777626000 },
    { "2026-05-01T09:00:00+00:00", 1777626000 },
    { "2026-05-01T11:00:00+02:00", 1777626000 },
    { "2026-05-01T04:30:00-04:30", 1777626000 },
    { "2026-05-01T09:00:00.500Z", 1777626000 },
    { "2026-05-01", 1777593600 },
    { "1970-01-01T00:00:00Z", 0 },
  };
  static const char *bad[] = {
    "", "next tuesday", "2026-13-01", "2026-05-32", "2026-05-01T25:00:00", "2026-05-01T09:00:00+25:00",
    "01.05.2026", "1777626000", "2026-05-01T", "T09:00:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) dt = crm_clock_parse_time (good[i].text, &error);

      if (dt == NULL)
        g_error ("“%s”: %s", good[i].text, error->message);
      g_assert_cmpint (g_date_time_to_unix (dt), ==, good[i].unix_time);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) dt = crm_clock_parse_time (bad[i], &error);

      if (dt != NULL)
        g_error ("“%s” was read as a time", bad[i]);
      g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

static void
test_clock_fixed_and_wall (void)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 5, 1, 9, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2027, 1, 2, 3, 4, 5);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(CrmClock) fixed = crm_clock_new_fixed (start);
  g_autoptr(CrmClock) wall = crm_clock_new ();
  gint64 real = g_get_real_time () / G_USEC_PER_SEC;

  /* a fixed clock stands still until told */
  g_assert_true (crm_clock_is_fixed (fixed));
  g_assert_cmpint (crm_clock_now_unix (fixed), ==, 1777626000);
  g_assert_cmpint (crm_clock_now_unix (fixed), ==, 1777626000);
  now = crm_clock_now (fixed);
  g_assert_true (g_date_time_equal (now, start));
  g_assert_cmpint (g_date_time_get_utc_offset (now), ==, 0);
  crm_clock_advance (fixed, 90 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (crm_clock_now_unix (fixed), ==, 1777626090);
  crm_clock_set_fixed (fixed, later);
  g_assert_cmpint (crm_clock_now_unix (fixed), ==, g_date_time_to_unix (later));

  /* a wall clock follows the real time */
  g_assert_false (crm_clock_is_fixed (wall));
  g_assert_cmpint (crm_clock_now_unix (wall), >=, real);
  g_assert_cmpint (crm_clock_now_unix (wall), <=, real + 5);
}

static void
test_history_uses_clock (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_autoptr(GListModel) history = NULL;
  g_autoptr(CrmHistoryEntry) entry = NULL;
  gint64 id;

  g_assert_no_error (error);
  id = crm_user_store_add (crm_user_store_from_session (session), "Ewa", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  crm_session_set_user_id (session, id);
  crm_clock_advance (fixture->clock, 3 * G_TIME_SPAN_HOUR);
  g_assert_true (crm_session_append_history (session, "contact", 7, "called", "about the flat", &error));

  history = crm_session_list_history (session, "contact", 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
  entry = g_list_model_get_item (history, 0);
  g_assert_cmpint (crm_history_entry_get_at (entry), ==, crm_clock_now_unix (fixture->clock));
  g_assert_cmpstr (crm_history_entry_get_actor (entry), ==, "Ewa");
  g_assert_cmpstr (crm_history_entry_get_action (entry), ==, "called");
  g_assert_cmpstr (crm_history_entry_get_detail (entry), ==, "about the flat");

  /* a contact's times, its notes and its history follow the same clock */
  {
    g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
    g_autoptr(CrmContact) read = NULL;
    g_autoptr(GListModel) notes = NULL;
    g_autoptr(CrmNote) note = NULL;
    gint64 created = crm_clock_now_unix (fixture->clock);

    crm_contact_set_name (contact, "Timed");
    g_assert_true (crm_contact_store_save (crm_contact_store_from_session (session), contact, &error));
    g_assert_no_error (error);
    crm_clock_advance (fixture->clock, 2 * G_TIME_SPAN_DAY);
    g_assert_cmpint (crm_contact_store_add_note (crm_contact_store_from_session (session), crm_contact_get_id (contact), "later", &error), >, 0);
    crm_contact_set_name (contact, "Timed again");
    g_assert_true (crm_contact_store_save (crm_contact_store_from_session (session), contact, &error));
    g_assert_no_error (error);

    read = crm_contact_store_get (crm_contact_store_from_session (session), crm_contact_get_id (contact), &error);
    g_assert_cmpint (crm_contact_get_created (read), ==, created);
    g_assert_cmpint (crm_contact_get_updated (read), ==, created + 2 * 86400);
    notes = crm_contact_store_list_notes (crm_contact_store_from_session (session), crm_contact_get_id (contact), &error);
    note = g_list_model_get_item (notes, 0);
    g_assert_cmpint (crm_note_get_at (note), ==, created + 2 * 86400);

    g_clear_object (&history);
    history = crm_session_list_history (session, "contact", crm_contact_get_id (contact), &error);
    g_assert_cmpuint (g_list_model_get_n_items (history), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        static const char *actions[] = { "updated", "note-added", "created" };
        g_autoptr(CrmHistoryEntry) row = g_list_model_get_item (history, i);

        g_assert_cmpstr (crm_history_entry_get_action (row), ==, actions[i]);
        g_assert_cmpint (crm_history_entry_get_at (row), ==, i == 2 ? created : created + 2 * 86400);
        g_assert_cmpstr (crm_history_entry_get_actor (row), ==, "Ewa");
      }
  }
}

/* What another connection (crmctl, crmctl serve, another desk) commits
 * reaches this one as changes of the records it touched, and a list
 * shows it without being asked. */
static void
test_follow_changes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) window = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_autoptr(CrmSession) other = NULL;
  g_autoptr(CrmContactList) list = NULL;
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
  g_autofree char *expected = NULL;
  CrmTestFollowed followed = { g_ptr_array_new_with_free_func (g_free) };
  gint64 deadline;

  g_assert_no_error (error);
  other = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);

  list = crm_contact_list_new (window);
  g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (list), 10000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  g_signal_connect (crm_session_get_database (window), "changed", G_CALLBACK (crm_test_followed_cb), &followed);
  crm_database_follow_changes (crm_session_get_database (window), 20);

  crm_contact_set_name (contact, "Zofia Kowalska");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (other), contact, &error));
  g_assert_no_error (error);
  /* the other connection's own signal does not reach this one */
  g_assert_cmpuint (followed.seen->len, ==, 0);

  expected = g_strdup_printf ("contact %" G_GINT64_FORMAT, crm_contact_get_id (contact));
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!(crm_test_followed_has (&followed, expected) && !crm_paged_list_get_loading (CRM_PAGED_LIST (list))) &&
         g_get_monotonic_time () < deadline)
    crm_test_iterate ();
  g_assert_true (crm_test_followed_has (&followed, expected));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* nothing more is said until something more is committed */
  g_ptr_array_set_size (followed.seen, 0);
  {
    gint64 quiet = g_get_monotonic_time () + 200 * 1000;

    while (g_get_monotonic_time () < quiet)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpuint (followed.seen->len, ==, 0);

  /* a deletion elsewhere takes the row away */
  g_assert_true (crm_contact_store_delete (crm_contact_store_from_session (other), crm_contact_get_id (contact), &error));
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (G_LIST_MODEL (list)) != 0 && g_get_monotonic_time () < deadline)
    crm_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  crm_database_follow_changes (crm_session_get_database (window), 0);
  g_signal_handlers_disconnect_by_data (window, &followed);
  g_ptr_array_unref (followed.seen);
}

static gboolean
save_then_fail (CrmSession  *session,
                gpointer     user_data,
                GError     **error)
{
  if (!crm_contact_store_save (crm_contact_store_from_session (session), user_data, error))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "rolled back on purpose");

  return FALSE;
}

/* Waits until @followed has @entry, or 5 s. */
static gboolean
wait_followed (CrmTestFollowed   *followed,
               const char *entry)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!crm_test_followed_has (followed, entry) && g_get_monotonic_time () < deadline)
    crm_test_iterate ();

  return crm_test_followed_has (followed, entry);
}

/* What a connection writes itself it says when it writes it: another
 * connection's commit does not make it say it again (an open ticket
 * read again, a list reloaded for nothing). A write it rolled back
 * hides nothing another connection commits after it. */
static void
test_follow_own_changes (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) window = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_autoptr(CrmSession) other = NULL;
  g_autoptr(CrmContact) mine = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) theirs = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) lost = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) later = crm_contact_new (CRM_CONTACT_PERSON);
  g_autofree char *mine_entry = NULL;
  g_autofree char *theirs_entry = NULL;
  g_autofree char *later_entry = NULL;
  CrmTestFollowed followed = { g_ptr_array_new_with_free_func (g_free) };
  guint said = 0;

  g_assert_no_error (error);
  other = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);

  g_signal_connect (crm_session_get_database (window), "changed", G_CALLBACK (crm_test_followed_cb), &followed);
  crm_database_follow_changes (crm_session_get_database (window), 20);

  crm_contact_set_name (mine, "Zofia Kowalska");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (window), mine, &error));
  g_assert_no_error (error);
  mine_entry = g_strdup_printf ("contact %" G_GINT64_FORMAT, crm_contact_get_id (mine));
  g_assert_true (crm_test_followed_has (&followed, mine_entry));

  crm_contact_set_name (theirs, "Jan Nowak");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (other), theirs, &error));
  g_assert_no_error (error);
  theirs_entry = g_strdup_printf ("contact %" G_GINT64_FORMAT, crm_contact_get_id (theirs));
  g_assert_true (wait_followed (&followed, theirs_entry));

  for (guint i = 0; i < followed.seen->len; i++)
    if (g_str_equal (g_ptr_array_index (followed.seen, i), mine_entry))
      said++;
  g_assert_cmpuint (said, ==, 1);

  /* a write rolled back here, then one committed there: the journal
   * may give the second the number the first had */
  crm_contact_set_name (lost, "Nikt");
  g_assert_false (crm_session_run_in_transaction (window, save_then_fail, lost, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_ptr_array_set_size (followed.seen, 0);
  crm_contact_set_name (later, "Anna Wiśniewska");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (other), later, &error));
  g_assert_no_error (error);
  later_entry = g_strdup_printf ("contact %" G_GINT64_FORMAT, crm_contact_get_id (later));
  g_assert_true (wait_followed (&followed, later_entry));

  crm_database_follow_changes (crm_session_get_database (window), 0);
  g_signal_handlers_disconnect_by_data (window, &followed);
  g_ptr_array_unref (followed.seen);
}

/* A write off the main thread (a window saving): it runs on a
 * connection of its own in the session's name, and what it changed is
 * told once, on the caller's thread, before its callback: not again
 * when the session follows the journal. */
typedef struct
{
  gboolean  done;
  gint64    id;
  GError   *error;
  guint     said_when_done;
  CrmTestFollowed *followed;
} Written;

static gboolean
add_contact_write (CrmSession    *writer,
                   gpointer       data,
                   gpointer      *result,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);

  /* not on the caller's thread */
  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  crm_contact_set_name (contact, data);
  if (!crm_contact_store_save (crm_contact_store_from_session (writer), contact, error))
    return FALSE;
  *result = GSIZE_TO_POINTER (crm_contact_get_id (contact));

  return TRUE;
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Written *written = user_data;

  written->id = GPOINTER_TO_SIZE (crm_session_write_finish (CRM_SESSION (source), result, &written->error));
  written->said_when_done = written->followed->seen->len;
  written->done = TRUE;
}

static void
test_write_async (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) window = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_autoptr(GListModel) history = NULL;
  g_autoptr(CrmHistoryEntry) created = NULL;
  g_autofree char *entry = NULL;
  CrmTestFollowed followed = { g_ptr_array_new_with_free_func (g_free) };
  Written written = { FALSE, 0, NULL, 0, &followed };
  gint64 ewa;
  guint said = 0;

  g_assert_no_error (error);
  ewa = crm_user_store_add (crm_user_store_from_session (window), "Ewa", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  crm_session_set_user_id (window, ewa);
  g_signal_connect (crm_session_get_database (window), "changed", G_CALLBACK (crm_test_followed_cb), &followed);
  crm_database_follow_changes (crm_session_get_database (window), 20);

  crm_session_write_async (window, add_contact_write, (gpointer) "Zofia Kowalska", NULL, NULL, NULL,
                           written_cb, &written);
  while (!written.done)
    crm_test_iterate ();
  g_assert_no_error (written.error);
  g_assert_cmpint (written.id, >, 0);
  entry = g_strdup_printf ("contact %" G_GINT64_FORMAT, written.id);
  /* told before the callback ran */
  g_assert_true (crm_test_followed_has (&followed, entry));
  g_assert_cmpuint (written.said_when_done, >=, 1);

  /* not told again by the journal, however long the window follows it */
  {
    gint64 until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  for (guint i = 0; i < followed.seen->len; i++)
    if (g_str_equal (g_ptr_array_index (followed.seen, i), entry))
      said++;
  g_assert_cmpuint (said, ==, 1);

  /* written in the session's user's name, and readable at once here */
  history = crm_session_list_history (window, "contact", written.id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
  created = g_list_model_get_item (history, 0);
  g_assert_cmpstr (crm_history_entry_get_actor (created), ==, "Ewa");

  /* a write that fails says why, and leaves nothing */
  written.done = FALSE;
  crm_session_write_async (window, add_contact_write, (gpointer) "", NULL, NULL, NULL, written_cb, &written);
  while (!written.done)
    crm_test_iterate ();
  g_assert_error (written.error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&written.error);
  g_assert_cmpint (crm_contact_store_count (crm_contact_store_from_session (window)), ==, 1);

  crm_database_follow_changes (crm_session_get_database (window), 0);
  g_signal_handlers_disconnect_by_data (crm_session_get_database (window), &followed);
  g_ptr_array_unref (followed.seen);
}

/* Writes of one session are made in the order they were asked for,
 * whichever worker takes each, and in the name of whoever asked: a
 * spin button's last value is the one stored, never an earlier one
 * that a slower worker made after it. (Their answers may come back in
 * another order.) */
typedef struct
{
  GHashTable *users;     /* value → the user it was written as */
  guint       pending;
} InOrder;

static gboolean
set_value_write (CrmSession    *writer,
                 gpointer       data,
                 gpointer      *result,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree char *value = g_strdup_printf ("%u", GPOINTER_TO_UINT (data));
  g_autofree char *before = crm_session_get_setting (writer, "test-value", NULL);
  gint64 *made;

  /* the one asked for before this one was made before it */
  g_assert_cmpuint (before != NULL ? (guint) g_ascii_strtoull (before, NULL, 10) + 1 : 1, ==, GPOINTER_TO_UINT (data));
  if (!crm_session_set_setting (writer, "test-value", value, error))
    return FALSE;
  made = g_new (gint64, 2);
  made[0] = GPOINTER_TO_UINT (data);
  made[1] = crm_session_get_user_id (writer);
  *result = made;

  return TRUE;
}

static void
value_written_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  InOrder *order = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *made = crm_session_write_finish (CRM_SESSION (source), result, &error);

  g_assert_no_error (error);
  g_hash_table_insert (order->users, GINT_TO_POINTER ((int) made[0]), GINT_TO_POINTER ((int) made[1]));
  order->pending--;
}

static void
test_writes_in_order (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) window = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_autofree char *last = NULL;
  InOrder order = { g_hash_table_new (NULL, NULL), 0 };
  gint64 ewa, jan;

  g_assert_no_error (error);
  ewa = crm_user_store_add (crm_user_store_from_session (window), "Ewa", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  jan = crm_user_store_add (crm_user_store_from_session (window), "Jan", "jan@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);

  for (guint i = 1; i <= 200; i++)
    {
      /* the user changes halfway: the writes asked for before stay Ewa's */
      crm_session_set_user_id (window, i <= 100 ? ewa : jan);
      crm_session_write_async (window, set_value_write, GUINT_TO_POINTER (i), NULL, g_free, NULL, value_written_cb,
                               &order);
      order.pending++;
    }
  while (order.pending > 0)
    crm_test_iterate ();

  last = crm_session_get_setting (window, "test-value", NULL);
  g_assert_cmpstr (last, ==, "200");
  g_assert_cmpuint (g_hash_table_size (order.users), ==, 200);
  for (guint i = 1; i <= 200; i++)
    g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (order.users, GINT_TO_POINTER (i))), ==, i <= 100 ? ewa : jan);
  g_hash_table_unref (order.users);
}

/* A bulk load (crmctl demo) leaves only the journal's recent end: the
 * next engine to start has no million rows to prune, and a window that
 * fell behind the journal's start reads everything again. */
static void
test_follow_bulk_load (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) window = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_autoptr(CrmSession) other = NULL;
  g_autoptr(CrmContactList) list = NULL;
  gint64 deadline;
  gint64 contacts;

  g_assert_no_error (error);
  other = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);

  list = crm_contact_list_new (window);
  g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (list), 10000));
  crm_database_follow_changes (crm_session_get_database (window), 20);

  g_assert_true (crm_demo_generate_contacts (other, 25000, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM changes"), <=, 20001);

  contacts = crm_contact_store_count (crm_contact_store_from_session (other));
  g_assert_cmpint (contacts, >=, 25000);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((g_list_model_get_n_items (G_LIST_MODEL (list)) != contacts ||
          crm_paged_list_get_loading (CRM_PAGED_LIST (list))) &&
         g_get_monotonic_time () < deadline)
    crm_test_iterate ();
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, contacts);

  crm_database_follow_changes (crm_session_get_database (window), 0);
}

/* A deactivated user gets no new work: explicit changes are refused
 * with a translated error, automatic ones leave the work unassigned,
 * and what they already have stays theirs (issue 10, defect 16). */
static void
test_deactivated_user_work (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmTicket) ticket = NULL;
  g_autoptr(CrmSearch) search = NULL;
  g_autoptr(CrmSearch) read_search = NULL;
  g_autoptr(CrmOffer) offer = crm_offer_new ();
  g_autoptr(CrmUser) gone = NULL;
  g_autoptr(GListModel) users = NULL;
  gint64 admin;
  gint64 agent;
  gint64 queue;
  gint64 old_ticket;
  gint64 new_ticket;

  g_assert_no_error (error);
  admin = crm_user_store_add (crm_user_store_from_session (session), "Ewa", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  agent = crm_user_store_add (crm_user_store_from_session (session), "Jan", "jan@example.com", CRM_ROLE_AGENT, &error);
  queue = crm_ticket_store_add_queue (crm_ticket_store_from_session (session), "Sprzedaż", &error);
  g_assert_no_error (error);
  crm_session_set_user_id (session, admin);
  crm_contact_set_name (client, "Anna Klient");
  crm_contact_set_manager_id (client, agent);
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (session), client, &error));
  old_ticket = crm_ticket_store_create (crm_ticket_store_from_session (session), "Stare", queue, NULL, crm_contact_get_id (client), "Dzień dobry.", 0,
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_true (crm_offer_set_field (offer, "transaction", "sale", &error) &&
                 crm_offer_set_field (offer, "type", "flat", &error) &&
                 crm_offer_set_field (offer, "city", "Kraków", &error) &&
                 crm_offer_set_field (offer, "price", "500000", &error) &&
                 crm_offer_set_field (offer, "area", "50", &error));
  crm_offer_set_agent_id (offer, admin);
  g_assert_true (crm_offer_store_save (crm_offer_store_from_session (session), offer, NULL, &error));
  g_assert_no_error (error);

  /* the last active administrator stays one */
  g_assert_false (crm_user_store_set_active (crm_user_store_from_session (session), admin, FALSE, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (crm_user_store_update (crm_user_store_from_session (session), admin, "Ewa", "ewa@example.com", CRM_ROLE_MANAGER, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (crm_user_store_set_active (crm_user_store_from_session (session), agent, FALSE, &error));
  g_assert_no_error (error);
  gone = crm_user_store_get (crm_user_store_from_session (session), agent, &error);
  g_assert_false (crm_user_get_active (gone));
  users = crm_user_store_list_active (crm_user_store_from_session (session), &error);
  g_assert_cmpuint (g_list_model_get_n_items (users), ==, 1);
  g_assert_null (crm_user_store_find_active (crm_user_store_from_session (session), "jan@example.com", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  /* what was theirs stays theirs */
  ticket = crm_ticket_store_get (crm_ticket_store_from_session (session), old_ticket, 0, &error);
  g_assert_cmpint (crm_ticket_get_assignee_id (ticket), ==, agent);
  g_assert_cmpstr (crm_ticket_get_assignee (ticket), ==, "Jan");
  g_clear_object (&ticket);
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (session), client, &error));
  g_assert_no_error (error);

  /* explicit new work: refused in words */
  g_assert_true (crm_ticket_store_assign (crm_ticket_store_from_session (session), old_ticket, admin, &error));
  g_assert_false (crm_ticket_store_assign (crm_ticket_store_from_session (session), old_ticket, agent, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "deactivated"));
  g_clear_error (&error);
  crm_offer_set_agent_id (offer, agent);
  g_assert_false (crm_offer_store_save (crm_offer_store_from_session (session), offer, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  /* automatic new work: the manager's rule passes them by, nothing fails */
  new_ticket = crm_ticket_store_create (crm_ticket_store_from_session (session), "Nowe", queue, NULL, crm_contact_get_id (client), "Dzień dobry.", 0,
                                     NULL, &error);
  g_assert_no_error (error);
  ticket = crm_ticket_store_get (crm_ticket_store_from_session (session), new_ticket, 0, &error);
  g_assert_cmpint (crm_ticket_get_assignee_id (ticket), !=, agent);
  search = crm_search_new (crm_contact_get_id (client), CRM_DEAL_SALE);
  g_assert_true (crm_search_store_save (crm_search_store_from_session (session), search, FALSE, &error));
  g_assert_no_error (error);
  read_search = crm_search_store_get (crm_search_store_from_session (session), crm_search_get_id (search), &error);
  g_assert_cmpint (crm_search_get_agent_id (read_search), ==, admin);

  /* back to work */
  g_assert_true (crm_user_store_set_active (crm_user_store_from_session (session), agent, TRUE, &error));
  g_assert_true (crm_ticket_store_assign (crm_ticket_store_from_session (session), new_ticket, agent, &error));
  g_assert_no_error (error);
}

/* Two sessions on one database (two windows, a window and crmctl):
 * each one's changes are in the name of its own user, whatever the
 * other sets, and a session without a user names nobody. */
static void
test_sessions_own_user (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) first = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_autoptr(CrmSession) second = NULL;
  g_autoptr(GListModel) history = NULL;
  gint64 ewa, jan;
  static const char *actors[] = { NULL, "Jan", "Ewa" };

  g_assert_no_error (error);
  ewa = crm_user_store_add (crm_user_store_from_session (first), "Ewa", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  jan = crm_user_store_add (crm_user_store_from_session (first), "Jan", "jan@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);

  second = crm_session_new (crm_session_get_database (first), fixture->clock);
  g_assert_true (crm_session_get_database (second) == crm_session_get_database (first));
  g_assert_cmpint (crm_session_get_user_id (second), ==, 0);

  crm_session_set_user_id (first, ewa);
  crm_session_set_user_id (second, jan);
  g_assert_cmpint (crm_session_get_user_id (first), ==, ewa);
  g_assert_cmpint (crm_session_get_user_id (second), ==, jan);

  g_assert_true (crm_session_append_history (first, "contact", 7, "called", NULL, &error));
  crm_clock_advance (fixture->clock, G_TIME_SPAN_MINUTE);
  g_assert_true (crm_session_append_history (second, "contact", 7, "wrote", NULL, &error));
  crm_clock_advance (fixture->clock, G_TIME_SPAN_MINUTE);
  crm_session_set_user_id (second, 0);
  g_assert_true (crm_session_append_history (second, "contact", 7, "imported", NULL, &error));
  g_assert_no_error (error);

  history = crm_session_list_history (first, "contact", 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CrmHistoryEntry) row = g_list_model_get_item (history, i);

      g_assert_cmpstr (crm_history_entry_get_actor (row), ==, actors[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/migrate-from-empty", test_migrate_from_empty);
  ADD ("/store/failing-migration", test_failing_migration);
  ADD ("/store/failing-migration-new-file", test_failing_migration_new_file);
  ADD ("/store/newer-schema", test_newer_schema);
  ADD ("/store/unusable-file", test_unusable_file);
  ADD ("/store/reader-during-write", test_reader_during_write);
  ADD ("/store/transactions", test_transactions);
  ADD ("/store/settings", test_settings);
  ADD ("/store/settings-changed-elsewhere", test_settings_changed_elsewhere);
  ADD ("/store/users-kept", test_users_kept);
  ADD ("/store/settings-kept", test_settings_kept);
  ADD ("/store/templates-kept", test_templates_kept);
  ADD ("/store/history-uses-clock", test_history_uses_clock);
  ADD ("/store/sessions-own-user", test_sessions_own_user);
  ADD ("/store/reopen-is-noop", test_reopen_is_noop);
  ADD ("/store/failing-migration-then-good", test_failing_migration_then_good);
  ADD ("/store/open-errors", test_open_errors);
  ADD ("/store/transactions/nested", test_transactions_more);
  ADD ("/store/reader-sees-committed-only", test_reader_sees_committed_only);
  ADD ("/store/follow-changes", test_follow_changes);
  ADD ("/store/follow-own-changes", test_follow_own_changes);
  ADD ("/store/write-async", test_write_async);
  ADD ("/store/writes-in-order", test_writes_in_order);
  ADD ("/store/follow-bulk-load", test_follow_bulk_load);
  ADD ("/store/deactivated-user-work", test_deactivated_user_work);
  g_test_add_func ("/clock/parse-and-move", test_clock);
  g_test_add_func ("/clock/parse", test_clock_parse);
  g_test_add_func ("/clock/fixed-and-wall", test_clock_fixed_and_wall);

#undef ADD

  return g_test_run ();
}
