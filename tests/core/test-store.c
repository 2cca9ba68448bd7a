/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "crm-test-util.h"

#include "crm.h"
#include "crm-store-private.h"

/* CrmStore: migrations, their rollback, newer schemas, transactions
 * and a reader beside a writer, on real SQLite files. */

typedef struct
{
  char     *dir;
  char     *path;
  CrmClock *clock;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 5, 1, 9, 0, 0);

  fixture->dir = g_dir_make_tmp ("crm-store-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->clock = crm_clock_new_fixed (now);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->path);
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
  g_autoptr(CrmStore) store = NULL;
  sqlite3_stmt *stmt = NULL;

  store = crm_store_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_get_schema_version (store), ==, crm_store_get_latest_schema_version ());
  g_assert_cmpint (crm_store_get_schema_version (store), >=, 1);

  for (guint i = 0; i < 6; i++)
    {
      static const char *tables[] = { "users", "contacts", "contact_emails", "contact_phones",
                                      "history", "contacts_fts" };
      g_assert_true (table_exists (fixture->path, tables[i]));
    }

  /* WAL, foreign keys on, on this connection */
  g_assert_cmpint (sqlite3_prepare_v2 (_crm_store_get_db (store), "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (_crm_store_get_db (store), "PRAGMA foreign_keys", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);

  crm_store_add_user (store, "Ewa", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* reopening an up-to-date file changes nothing */
  store = crm_store_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_store_count_users (store), ==, 1);
  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==, crm_store_get_latest_schema_version ());
}

static void
test_failing_migration (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;

  store = _crm_store_open_with_migrations (fixture->path, fixture->clock,
                                           "/org/example/Crm/tests/migrations-good", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_get_schema_version (store), ==, 1);
  g_clear_object (&store);

  store = _crm_store_open_with_migrations (fixture->path, fixture->clock,
                                           "/org/example/Crm/tests/migrations-bad", &error);
  g_assert_null (store);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_MIGRATION);
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
  g_autoptr(CrmStore) store = NULL;

  store = _crm_store_open_with_migrations (fixture->path, fixture->clock,
                                           "/org/example/Crm/tests/migrations-bad", &error);
  g_assert_null (store);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_MIGRATION);

  /* all pending steps are one transaction: step 1 is gone too */
  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==, 0);
  g_assert_false (table_exists (fixture->path, "first"));
}

static void
test_newer_schema (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  sqlite3 *db = NULL;

  store = crm_store_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  crm_store_add_user (store, "Ewa", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = crm_store_open_file (fixture->path, fixture->clock, &error);
  g_assert_null (store);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer version"));

  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==, 99);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM users"), ==, 1);
}

static void
test_unusable_file (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;

  g_assert_true (g_file_set_contents (fixture->path,
                                      "garbage garbage garbage garbage garbage garbage garbage garbage "
                                      "garbage garbage garbage garbage garbage garbage garbage garbage",
                                      -1, NULL));
  store = crm_store_open_file (fixture->path, fixture->clock, &error);
  g_assert_null (store);
  g_assert_true (error->domain == CRM_STORE_ERROR);
}

typedef struct
{
  CrmStore *reader;
  gint64    seen_inside;
} ReaderCheck;

static gboolean
write_then_read_elsewhere (CrmStore  *store,
                           gpointer   user_data,
                           GError   **error)
{
  ReaderCheck *check = user_data;
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
  gint64 start = g_get_monotonic_time ();

  crm_contact_set_name (contact, "Written");
  if (!crm_store_save_contact (store, contact, error))
    return FALSE;

  /* the other connection reads at once, and does not see it yet */
  check->seen_inside = crm_store_count_contacts (check->reader);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  return TRUE;
}

static void
test_reader_during_write (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) writer = NULL;
  g_autoptr(CrmStore) reader = NULL;
  ReaderCheck check = { 0 };

  writer = crm_store_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  reader = crm_store_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);

  check.reader = reader;
  g_assert_true (crm_store_run_in_transaction (writer, write_then_read_elsewhere, &check, &error));
  g_assert_no_error (error);
  g_assert_cmpint (check.seen_inside, ==, 0);
  g_assert_cmpint (crm_store_count_contacts (reader), ==, 1);
}

static gboolean
add_user_and_fail (CrmStore  *store,
                   gpointer   user_data,
                   GError   **error)
{
  if (!crm_store_add_user (store, user_data, "gone@example.com", CRM_ROLE_AGENT, error))
    return FALSE;

  g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, "changed my mind");
  return FALSE;
}

static gboolean
add_user_nested (CrmStore  *store,
                 gpointer   user_data,
                 GError   **error)
{
  g_autoptr(GError) inner_error = NULL;

  if (!crm_store_add_user (store, "Outer", "outer@example.com", CRM_ROLE_AGENT, error))
    return FALSE;

  /* a failing inner transaction rolls back only itself */
  g_assert_false (crm_store_run_in_transaction (store, add_user_and_fail, (gpointer) "Inner", &inner_error));
  g_assert_error (inner_error, CRM_ERROR, CRM_ERROR_INVALID);

  return TRUE;
}

static void
test_transactions (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;

  store = crm_store_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);

  g_assert_false (crm_store_run_in_transaction (store, add_user_and_fail, (gpointer) "Gone", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (crm_store_count_users (store), ==, 0);

  g_assert_true (crm_store_run_in_transaction (store, add_user_nested, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_store_count_users (store), ==, 1);
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_file (fixture->path, fixture->clock, &error);
  g_autofree char *country = NULL;
  g_autofree char *missing = NULL;

  g_assert_no_error (error);
  country = crm_store_dup_phone_country (store);
  g_assert_cmpstr (country, ==, "PL");
  g_assert_true (crm_store_set_setting (store, "phone-country", "HU", &error));
  g_clear_pointer (&country, g_free);
  country = crm_store_dup_phone_country (store);
  g_assert_cmpstr (country, ==, "HU");
  missing = crm_store_get_setting (store, "nothing", "default");
  g_assert_cmpstr (missing, ==, "default");
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
test_history_uses_clock (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_file (fixture->path, fixture->clock, &error);
  g_autoptr(GListModel) history = NULL;
  g_autoptr(CrmHistoryEntry) entry = NULL;
  gint64 id;

  g_assert_no_error (error);
  id = crm_store_add_user (store, "Ewa", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  crm_store_set_actor (store, id);
  crm_clock_advance (fixture->clock, 3 * G_TIME_SPAN_HOUR);
  g_assert_true (crm_store_append_history (store, "contact", 7, "called", "about the flat", &error));

  history = crm_store_list_history (store, "contact", 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
  entry = g_list_model_get_item (history, 0);
  g_assert_cmpint (crm_history_entry_get_at (entry), ==, crm_clock_now_unix (fixture->clock));
  g_assert_cmpstr (crm_history_entry_get_actor (entry), ==, "Ewa");
  g_assert_cmpstr (crm_history_entry_get_action (entry), ==, "called");
  g_assert_cmpstr (crm_history_entry_get_detail (entry), ==, "about the flat");
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
  ADD ("/store/history-uses-clock", test_history_uses_clock);
  g_test_add_func ("/clock/parse-and-move", test_clock);

#undef ADD

  return g_test_run ();
}
