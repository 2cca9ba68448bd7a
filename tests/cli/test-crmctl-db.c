/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "crmctl-test-util.h"
#include "pg-fixture.h"

/* The real crmctl on the team's database: a PostgreSQL server of the
 * tests' own (tests/fixtures/pg-fixture.h); `init`, `db status`, and
 * `db migrate --from-sqlite` moving a one-desk office, all or nothing. */

/* crmctl with the NULL-terminated arguments (--database or --data-dir
 * among them); with --json among them, the output must parse */
static void
run_crmctl (Run *run,
            ...)
{
  va_list ap;

  va_start (ap, run);
  crmctl_valist (run, NULL, NULL, FALSE, FALSE, ap);
  va_end (ap);
}

/* the same, with @input on standard input */
static void
run_crmctl_input (Run        *run,
                  const char *input,
                  ...)
{
  va_list ap;

  va_start (ap, input);
  crmctl_valist (run, NULL, input, FALSE, FALSE, ap);
  va_end (ap);
}

static gint64
sqlite_count (const char *path,
              const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

static gint64
moved (JsonNode   *json,
       const char *table)
{
  JsonObject *tables = json_object_get_object_member (json_node_get_object (json), "tables");

  return json_object_has_member (tables, table) ? json_object_get_int_member (tables, table) : -1;
}

static void
test_status (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *uri = crm_test_pg_new_database ();
  JsonObject *status;

  run_crmctl (&run, "--database", uri, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_crmctl (&run, "--database", uri, "--json", "db", "status", NULL);
  g_assert_cmpint (run.status, ==, 0);
  status = json_node_get_object (run.json);
  g_assert_cmpstr (json_object_get_string_member (status, "backend"), ==, "postgresql");
  g_assert_cmpint (json_object_get_int_member (status, "schema_version"), >, 18);
  g_assert_true (json_object_get_null_member (status, "engine"));
  /* itself, at least */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (status, "desktops")), >=, 1);

  /* not a server's address: a usage error */
  run_crmctl (&run, "--database", "mysql://office/crm", "db", "status", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "postgresql://"));
}

static void
test_migrate (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("crmctl-db-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "crm.sqlite", NULL);
  g_autofree char *uri = crm_test_pg_new_database ();
  g_autofree char *broken_uri = crm_test_pg_new_database ();
  const char *tables[] = { "users", "contacts", "contact_emails", "contacts_fts", "tickets", "messages",
                           "messages_fts", "history" };

  /* a desk's office: contacts, tickets with their mail */
  run_crmctl (&run, "--data-dir", dir, "demo", "--contacts", "300", "--tickets", "40", "--messages", "200", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* moved whole: every table as many rows as the file had */
  run_crmctl (&run, "--database", uri, "--json", "db", "migrate", "--from-sqlite", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_test_message ("%s: %" G_GINT64_FORMAT, tables[i], moved (run.json, tables[i]));
      g_assert_cmpint (moved (run.json, tables[i]), ==, sqlite_count (file, tables[i]));
    }
  g_assert_cmpint (moved (run.json, "contacts"), ==, 300);

  /* and working there: a search, in the same order as on the desk (the
   * sort keys came with the contacts, whichever table came first), a
   * new contact after the highest id */
  {
    g_autoptr(GString) here = g_string_new (NULL);
    g_autoptr(GString) there = g_string_new (NULL);
    JsonArray *found;

    run_crmctl (&run, "--data-dir", dir, "--json", "contacts", "list", "--search", "kowal", NULL);
    g_assert_cmpint (run.status, ==, 0);
    found = json_node_get_array (run.json);
    for (guint i = 0; i < json_array_get_length (found); i++)
      g_string_append_printf (here, "%" G_GINT64_FORMAT " ",
                              json_object_get_int_member (json_array_get_object_element (found, i), "id"));
    run_crmctl (&run, "--database", uri, "--json", "contacts", "list", "--search", "kowal", NULL);
    g_assert_cmpint (run.status, ==, 0);
    found = json_node_get_array (run.json);
    g_assert_cmpuint (json_array_get_length (found), >, 1);
    for (guint i = 0; i < json_array_get_length (found); i++)
      g_string_append_printf (there, "%" G_GINT64_FORMAT " ",
                              json_object_get_int_member (json_array_get_object_element (found, i), "id"));
    g_assert_cmpstr (there->str, ==, here->str);
  }
  run_crmctl (&run, "--database", uri, "--json", "contacts", "add", "--name", "Zofia Nowa", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (run.json), "id"), >, 300);

  /* a second time: refused, nothing changed */
  run_crmctl (&run, "--database", uri, "db", "migrate", "--from-sqlite", file, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_crmctl (&run, "--database", uri, "--json", "contacts", "list", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run.json)), ==, 301);

  /* a file the server refuses (a note of a contact that is not there):
   * nothing of it stays */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (file, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = OFF; "
                                       "INSERT INTO notes (contact_id, author_id, created_at, body) "
                                       "VALUES (999999, NULL, 0, 'sierota')", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  run_crmctl (&run, "--database", broken_uri, "db", "migrate", "--from-sqlite", file, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "notes"));
  run_crmctl (&run, "--database", broken_uri, "--json", "contacts", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run.json)), ==, 0);

  /* no file, no server */
  run_crmctl (&run, "--database", uri, "db", "migrate", "--from-sqlite", "/nonexistent/crm.sqlite", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_crmctl (&run, "--data-dir", dir, "db", "migrate", "--from-sqlite", file, NULL);
  g_assert_cmpint (run.status, ==, 2);

  crm_test_remove_data_dir (dir);
}

/* users add --login: the user connects as themselves, with the
 * rights of their role, enforced by the server */
static void
test_logins (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *uri = crm_test_pg_new_database ();
  g_autofree char *login = g_strdup_printf ("jan_cli_%d", (int) getpid ());
  g_autofree char *as_jan = g_strdup_printf ("postgresql://%s@127.0.0.1:%u%s", login, crm_test_pg.port,
                                             strrchr (uri, '/'));

  run_crmctl (&run, "--database", uri, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_crmctl_input (&run, "tajne hasło\n", "--database", uri, "users", "add", "--name", "Jan Kos", "--email",
                    "jan@example.com", "--role", "agent", "--login", login, "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* Jan works as himself: a contact, yes; the office's settings, no */
  run_crmctl (&run, "--database", as_jan, "--json", "contacts", "add", "--name", "Anna Kowalska", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_crmctl (&run, "--database", as_jan, "offers", "language", "ru", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Only an administrator may do that."));
  run_crmctl (&run, "--database", uri, "offers", "language", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "ru"));

  /* a login needs the team's database, and a password needs a login */
  run_crmctl_input (&run, "x\n", "--database", uri, "users", "add", "--name", "Ola", "--email", "ola@example.com",
                    "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* The process that holds the office's mail engine, as db status says, or 0. */
static gint64
engine_pid (const char *uri)
{
  g_auto(Run) run = { 0 };
  JsonObject *engine;

  run_crmctl (&run, "--database", uri, "--json", "db", "status", NULL);
  g_assert_cmpint (run.status, ==, 0);
  if (json_object_get_null_member (json_node_get_object (run.json), "engine"))
    return 0;
  engine = json_object_get_object_member (json_node_get_object (run.json), "engine");

  return json_object_get_int_member (engine, "pid");
}

static gint64
wait_for_engine (const char *uri,
                 gint64      pid,
                 guint       seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  gint64 now_pid;

  while ((now_pid = engine_pid (uri)) != pid && g_get_monotonic_time () < deadline)
    g_usleep (200 * 1000);

  return now_pid;
}

static GSubprocess *
serve (const char *uri)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, g_getenv ("CRMCTL"),
                                           "--database", uri, "serve", NULL);

  g_assert_no_error (error);

  return process;
}

/* One engine per office: a second `serve` stands by; when the first is
 * killed (kill -9, its connection gone with it), the second takes over. */
static void
test_engine_handover (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *uri = crm_test_pg_new_database ();
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  gint64 first_pid, second_pid, killed_at;

  run_crmctl (&run, "--database", uri, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);

  first = serve (uri);
  first_pid = g_ascii_strtoll (g_subprocess_get_identifier (first), NULL, 10);
  g_assert_cmpint (wait_for_engine (uri, first_pid, 20), ==, first_pid);

  /* a second one waits: the first keeps the engine */
  second = serve (uri);
  second_pid = g_ascii_strtoll (g_subprocess_get_identifier (second), NULL, 10);
  g_usleep (2 * G_USEC_PER_SEC);
  g_assert_true (g_subprocess_get_identifier (second) != NULL);
  g_assert_cmpint (engine_pid (uri), ==, first_pid);

  /* the first dies without a word: the second takes over */
  killed_at = g_get_monotonic_time ();
  g_subprocess_send_signal (first, SIGKILL);
  g_subprocess_wait (first, NULL, NULL);
  g_assert_cmpint (wait_for_engine (uri, second_pid, 30), ==, second_pid);
  g_test_message ("taken over %.1f s after the first engine was killed",
                  (g_get_monotonic_time () - killed_at) / (double) G_USEC_PER_SEC);

  g_subprocess_send_signal (second, SIGTERM);
  g_subprocess_wait (second, NULL, NULL);
  /* a stopped engine gives the office's engine back */
  g_assert_cmpint (engine_pid (uri), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("CRMCTL"));

  g_test_add_func ("/crmctl-db/status", test_status);
  g_test_add_func ("/crmctl-db/migrate", test_migrate);
  g_test_add_func ("/crmctl-db/logins", test_logins);
  g_test_add_func ("/crmctl-db/engine-handover", test_engine_handover);

  return g_test_run ();
}
