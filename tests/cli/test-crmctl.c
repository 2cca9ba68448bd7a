/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "crmctl-test-util.h"

/*
 * The real crmctl binary on a fresh data directory per test: its
 * commands, its JSON and every exit status of the contract.
 */

typedef CrmctlFixture Fixture;

static guint
count_contacts (Fixture *fixture)
{
  g_auto(Run) run = { 0 };

  crmctl (fixture, &run, TRUE, "contacts", "list", NULL);

  return array_length (&run);
}

static void
test_init (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *db = g_build_filename (fixture->dir, "crm.sqlite", NULL);

  crmctl (fixture, &run, FALSE, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));

  crmctl (fixture, &run, TRUE, "init", NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (run.json), "schema_version"), >=, 1);

  crmctl (fixture, &run, FALSE, "init", "extra", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_users (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  JsonObject *user;
  gint64 id;

  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Ewa Kowalska",
          "--email", "Ewa@Example.com", "--role", "admin", NULL);
  id = object_id (&run);
  g_assert_cmpint (id, >, 0);

  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Piotr Nowak",
          "--email", "piotr@example.com", "--role", "manager", NULL);
  object_id (&run);

  crmctl (fixture, &run, TRUE, "users", "list", NULL);
  g_assert_cmpuint (array_length (&run), ==, 2);
  user = json_array_get_object_element (json_node_get_array (run.json), 0);
  g_assert_cmpint (json_object_get_int_member (user, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (user, "name"), ==, "Ewa Kowalska");
  g_assert_cmpstr (json_object_get_string_member (user, "email"), ==, "Ewa@Example.com");
  g_assert_cmpstr (json_object_get_string_member (user, "role"), ==, "admin");

  /* invalid input: exit 2, message, nothing added */
  crmctl (fixture, &run, FALSE, "users", "add", "--name", "X", "--email", "ewa@example.com", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "already exists"));
  crmctl (fixture, &run, FALSE, "users", "add", "--name", "X", "--email", "x@example.com",
          "--role", "boss", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "users", "add", "--email", "y@example.com", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "users", "add", "--name", "Z", "--email", "not-an-address", NULL);
  g_assert_cmpint (run.status, ==, 2);

  crmctl (fixture, &run, TRUE, "users", "list", NULL);
  g_assert_cmpuint (array_length (&run), ==, 2);

  crmctl (fixture, &run, FALSE, "users", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Piotr Nowak"));
}

static void
test_contacts (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  JsonObject *contact;
  JsonArray *array;
  gint64 anna;
  char id_text[32];

  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Ewa Kowalska",
          "--email", "ewa@example.com", "--role", "manager", NULL);
  object_id (&run);

  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Anna Nowak", "--company", "Żabka Sp. z o.o.",
          "--email", "anna@example.com", "--email", "Anna.Nowak@Work.example.com",
          "--phone", "601 234 567", "--manager", "ewa@example.com", "--tag", "vip", NULL);
  anna = object_id (&run);

  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "John Smith",
          "--phone", "+44 7700 900123", NULL);
  object_id (&run);

  /* person, company, person */
  g_assert_cmpuint (count_contacts (fixture), ==, 3);

  crmctl (fixture, &run, TRUE, "contacts", "list", "--search", "anna", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);
  contact = json_array_get_object_element (json_node_get_array (run.json), 0);
  g_assert_cmpint (json_object_get_int_member (contact, "id"), ==, anna);
  g_assert_cmpstr (json_object_get_string_member (contact, "name"), ==, "Anna Nowak");
  g_assert_cmpstr (json_object_get_string_member (contact, "company"), ==, "Żabka Sp. z o.o.");
  g_assert_cmpstr (json_object_get_string_member (contact, "manager"), ==, "Ewa Kowalska");
  array = json_object_get_array_member (contact, "emails");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  array = json_object_get_array_member (contact, "phones");
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "601 234 567");

  /* search by e-mail word, phone digits, company without accents, two words */
  crmctl (fixture, &run, TRUE, "contacts", "list", "--search", "work.example", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);
  crmctl (fixture, &run, TRUE, "contacts", "list", "--search", "48601", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);
  crmctl (fixture, &run, TRUE, "contacts", "list", "--search", "zabka", NULL);
  g_assert_cmpuint (array_length (&run), ==, 2);
  crmctl (fixture, &run, TRUE, "contacts", "list", "--search", "smith jo", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);
  crmctl (fixture, &run, TRUE, "contacts", "list", "--search", "\"OR*", NULL);
  g_assert_cmpuint (array_length (&run), ==, 0);
  crmctl (fixture, &run, TRUE, "contacts", "list", "--limit", "2", NULL);
  g_assert_cmpuint (array_length (&run), ==, 2);
  crmctl (fixture, &run, FALSE, "contacts", "list", "--limit", "0", NULL);
  g_assert_cmpint (run.status, ==, 2);

  g_snprintf (id_text, sizeof id_text, "%" G_GINT64_FORMAT, anna);
  crmctl (fixture, &run, TRUE, "contacts", "note", id_text, "--text", "Wants a flat in Kraków", NULL);
  object_id (&run);

  crmctl (fixture, &run, TRUE, "contacts", "show", id_text, NULL);
  g_assert_cmpint (run.status, ==, 0);
  contact = json_node_get_object (run.json);
  g_assert_cmpstr (json_object_get_string_member (contact, "kind"), ==, "person");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (contact, "notes")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (contact, "history")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (contact, "tags"), 0), ==, "vip");

  crmctl (fixture, &run, FALSE, "contacts", "show", id_text, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Wants a flat in Kraków"));

  crmctl (fixture, &run, TRUE, "contacts", "delete", id_text, NULL);
  g_assert_cmpint (object_id (&run), ==, anna);
  crmctl (fixture, &run, FALSE, "contacts", "show", id_text, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpuint (count_contacts (fixture), ==, 2);
}

static void
test_invalid_input (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Kept", NULL);
  object_id (&run);

  /* each refused with 2 and a message, the database unchanged */
  crmctl (fixture, &run, FALSE, "contacts", "add", "--email", "a@example.com", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, !=, "");
  crmctl (fixture, &run, FALSE, "contacts", "add", "--name", "Bad Mail", "--company", "New Company",
          "--email", "no-at-sign", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "no-at-sign"));
  crmctl (fixture, &run, FALSE, "contacts", "add", "--name", "Bad Phone", "--phone", "call me", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "contacts", "add", "--name", "   ", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "contacts", "add", "--name", "X", "--manager", "nobody@example.com", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "contacts", "add", "--name", "X", "--kind", "robot", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpuint (count_contacts (fixture), ==, 1);

  crmctl (fixture, &run, FALSE, "contacts", "show", "abc", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "contacts", "show", "999", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "contacts", "show", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "contacts", "delete", "999", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "contacts", "note", "1", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* usage */
  crmctl (fixture, &run, FALSE, "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "contacts", "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "contacts", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "contacts", "list", "--colour", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "--verbose", "init", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "demo", "--offers", "-5", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "demo", "--messages", "10", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "demo", "--contacts", "many", NULL);
  g_assert_cmpint (run.status, ==, 2);

  g_assert_cmpuint (count_contacts (fixture), ==, 1);

  crmctl (fixture, &run, FALSE, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "contacts add"));
}

static void
test_unusable_database (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *db = g_build_filename (fixture->dir, "crm.sqlite", NULL);

  /* a directory where the file should be */
  g_assert_cmpint (g_mkdir (db, 0700), ==, 0);
  crmctl (fixture, &run, FALSE, "contacts", "list", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, !=, "");
  g_assert_cmpint (g_rmdir (db), ==, 0);

  /* garbage */
  g_assert_true (g_file_set_contents (db, "this is not a database, not at all, no. "
                                      "this is not a database, not at all, no.", -1, NULL));
  crmctl (fixture, &run, FALSE, "init", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, !=, "");
}

static void
test_newer_schema (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *db = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  sqlite3 *handle = NULL;

  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Kept", NULL);
  object_id (&run);

  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  crmctl (fixture, &run, FALSE, "contacts", "list", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "newer version"));

  /* the data is still there */
  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT count(*) FROM contacts", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (handle);
}

static void
test_account (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  /* without a Secret Service: a failure, and nothing half-saved */
  crmctl_input (fixture, &run, "s3cret\n", TRUE,
                "account", "add", "--address", "office@example.com", "--imap-host", "imap.example.com",
                "--smtp-host", "smtp.example.com", "--username", "office", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Secret Service"));
  crmctl (fixture, &run, TRUE, "account", "list", NULL);
  g_assert_cmpuint (array_length (&run), ==, 0);

  /* the password never comes from the command line */
  crmctl_input (fixture, &run, "", TRUE,
                "account", "add", "--address", "office@example.com", "--imap-host", "imap.example.com",
                "--smtp-host", "smtp.example.com", "--username", "office", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* clear text to another computer needs confirming */
  crmctl_input (fixture, &run, "s3cret\n", TRUE,
                "account", "add", "--address", "office@example.com", "--imap-host", "imap.example.com",
                "--imap-security", "none", "--smtp-host", "smtp.example.com", "--username", "office",
                "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "clear text"));

  crmctl_input (fixture, &run, "s3cret\n", TRUE,
                "account", "add", "--address", "not an address", "--imap-host", "imap.example.com",
                "--smtp-host", "smtp.example.com", "--username", "office", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  JsonObject *object;

  crmctl (fixture, &run, TRUE, "demo", "--contacts", "2000", NULL);
  g_assert_cmpint (run.status, ==, 0);
  object = json_node_get_object (run.json);
  g_assert_cmpint (json_object_get_int_member (object, "total_contacts"), ==, 2000);
  g_assert_cmpuint (count_contacts (fixture), ==, 2000);

  /* demo managers were made, and the search index covers the data */
  crmctl (fixture, &run, TRUE, "users", "list", NULL);
  g_assert_cmpuint (array_length (&run), ==, 3);
  crmctl (fixture, &run, TRUE, "contacts", "list", "--search", "gmail", NULL);
  g_assert_cmpuint (array_length (&run), >, 0);

  /* tickets with their mail, searchable, in the demo queues */
  crmctl (fixture, &run, TRUE, "demo", "--tickets", "300", "--messages", "1000", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "list", NULL);
  g_assert_cmpuint (array_length (&run), ==, 300);
  crmctl (fixture, &run, TRUE, "tickets", "list", "--queue", "Serwis", NULL);
  g_assert_cmpuint (array_length (&run), >, 0);
  g_assert_cmpuint (array_length (&run), <, 300);
  crmctl (fixture, &run, TRUE, "tickets", "list", "--search", "balkon", NULL);
  g_assert_cmpuint (array_length (&run), >, 3);
  /* the first N, as the whole list orders them */
  {
    g_autoptr(JsonNode) all = json_node_copy (run.json);

    crmctl (fixture, &run, TRUE, "tickets", "list", "--search", "balkon", "--limit", "3", NULL);
    g_assert_cmpuint (array_length (&run), ==, 3);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_node_get_array (run.json), i), "id"), ==,
                       json_object_get_int_member (json_array_get_object_element (json_node_get_array (all), i), "id"));
  }
  crmctl (fixture, &run, TRUE, "tickets", "list", "--limit", "5", NULL);
  g_assert_cmpuint (array_length (&run), ==, 5);
  crmctl (fixture, &run, TRUE, "tickets", "list", "--limit", "0", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--limit"));
  crmctl (fixture, &run, TRUE, "messages", "list", "--limit", "2000", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1000);
}

/* category, tags, source and followers of a ticket; the office's own
 * statuses and categories */
static void
test_ticket_properties (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  JsonArray *statuses;

  crmctl (fixture, &run, TRUE, "demo", "--contacts", "50", NULL);
  crmctl (fixture, &run, TRUE, "demo", "--tickets", "20", "--messages", "40", NULL);
  g_assert_cmpint (run.status, ==, 0);

  crmctl (fixture, &run, TRUE, "categories", "add", "Reklamacja", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "categories", "add", "  ", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "categories", "list", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);

  /* a status of the office's own sits after the others of its kind */
  crmctl (fixture, &run, TRUE, "statuses", "add", "Czeka na części", "--kind", "pending", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "statuses", "add", "Dziwny", "--kind", "someday", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "statuses", "add", "open", "--kind", "open", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "statuses", "list", NULL);
  statuses = json_node_get_array (run.json);
  g_assert_cmpuint (json_array_get_length (statuses), ==, 5);
  g_assert_cmpstr (json_array_get_string_element (statuses, 3), ==, "Czeka na części");
  g_assert_cmpstr (json_array_get_string_element (statuses, 4), ==, "Closed");
  crmctl (fixture, &run, FALSE, "tickets", "set", "1", "--status", "Czeka na części", NULL);
  g_assert_cmpint (run.status, ==, 0);

  crmctl (fixture, &run, FALSE, "tickets", "set", "1", "--category", "Reklamacja", "--tag", "pilne", "--source", "phone",
          NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "list", "--tag", "pilne", "--status", "pending", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);
  crmctl (fixture, &run, TRUE, "tickets", "list", "--source", "phone", NULL);
  g_assert_cmpuint (array_length (&run), >=, 1);
  crmctl (fixture, &run, TRUE, "tickets", "list", "--source", "fax", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* all of it or nothing: the tag is not added when the status is wrong */
  crmctl (fixture, &run, FALSE, "tickets", "set", "1", "--tag", "nowy", "--status", "Nowhere", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "tickets", "list", "--tag", "nowy", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "nowy"));

  crmctl (fixture, &run, FALSE, "tickets", "set", "1", "--untag", "pilne", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "list", "--tag", "pilne", NULL);
  g_assert_cmpuint (array_length (&run), ==, 0);

  /* following */
  crmctl (fixture, &run, FALSE, "tickets", "follow", "2", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "tickets", "follow", "2", "--as", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "list", "--following", "--as", "1", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);
  crmctl (fixture, &run, FALSE, "tickets", "follow", "2", "--as", "1", "--stop", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "list", "--following", "--as", "1", NULL);
  g_assert_cmpuint (array_length (&run), ==, 0);

  /* the conversation as the window shows it: mail, comments and what
   * the system did, in the order it happened */
  {
    g_autofree char *body = g_build_filename (fixture->dir, "comment.txt", NULL);
    JsonArray *timeline;
    const char *last_at = "";
    gboolean status_changed = FALSE;
    guint n;

    g_assert_true (g_file_set_contents (body, "Zadzwonić jutro\nsecond line", -1, NULL));
    crmctl (fixture, &run, FALSE, "tickets", "comment", "1", "--body-file", body, "--as", "1", NULL);
    g_assert_cmpint (run.status, ==, 0);
    crmctl (fixture, &run, TRUE, "tickets", "show", "1", NULL);
    g_assert_cmpint (run.status, ==, 0);
    timeline = json_object_get_array_member (json_node_get_object (run.json), "timeline");
    n = json_array_get_length (timeline);
    g_assert_cmpuint (n, >=, 3);
    for (guint i = 0; i < n; i++)
      {
        JsonObject *entry = json_array_get_object_element (timeline, i);
        const char *at = json_object_get_string_member (entry, "at");

        g_assert_cmpstr (at, >=, last_at);
        last_at = at;
        if (g_str_equal (json_object_get_string_member (entry, "kind"), "system") &&
            strstr (json_object_get_string_member (entry, "text"), "Czeka na części") != NULL)
          status_changed = TRUE;
      }
    g_assert_true (status_changed);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (timeline, n - 1), "kind"), ==,
                     "comment");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (timeline, n - 1), "text"), ==,
                     "Zadzwonić jutro\nsecond line");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (timeline, 0), "kind"), ==, "in");
    g_assert_true (json_object_has_member (json_array_get_object_element (timeline, 0), "message"));

    crmctl (fixture, &run, FALSE, "tickets", "show", "1", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "comment · "));
    g_assert_nonnull (strstr (run.out, ": Zadzwonić jutro\n"));
    g_assert_null (strstr (run.out, "second line"));
  }
}

/* Offers and searches: the commands of CRMCTL.md, with CRM_NOW moving
 * the clock of each run. */
static void
test_offers (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *good = g_build_filename (fixture->dir, "offers.csv", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.csv", NULL);
  char old_id[32], day60_id[32], fresh_id[32], mail_id[32];
  JsonObject *object;
  JsonArray *array;
  JsonArray *criteria;

  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Ewa Agent", "--email", "ewa@example.com",
          "--role", "agent", NULL);
  object_id (&run);
  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Anna Nowak", "--email", "anna@example.com",
          "--manager", "ewa@example.com", NULL);
  g_assert_cmpint (object_id (&run), ==, 1);

  /* 61 and 60 days before 1 May */
  g_setenv ("CRM_NOW", "2026-03-01T09:00:00Z", TRUE);
  crmctl (fixture, &run, TRUE, "searches", "add", "--client", "1", "--transaction", "sale", "--notify", "agent", NULL);
  g_snprintf (old_id, sizeof old_id, "%" G_GINT64_FORMAT, object_id (&run));
  g_setenv ("CRM_NOW", "2026-03-02T09:00:00Z", TRUE);
  crmctl (fixture, &run, TRUE, "searches", "add", "--client", "1", "--transaction", "sale", "--notify", "agent", NULL);
  g_snprintf (day60_id, sizeof day60_id, "%" G_GINT64_FORMAT, object_id (&run));
  g_setenv ("CRM_NOW", "2026-05-01T09:00:00Z", TRUE);
  crmctl (fixture, &run, TRUE, "searches", "add", "--client", "1", "--transaction", "sale", "--type", "flat",
          "--type", "house", "--location", "Kraków", "--location", "Warszawa/Mokotów", "--price-max", "700000",
          "--rooms-min", "2", "--notify", "agent", NULL);
  g_snprintf (fresh_id, sizeof fresh_id, "%" G_GINT64_FORMAT, object_id (&run));
  crmctl (fixture, &run, TRUE, "searches", "add", "--client", "1", "--transaction", "rent", "--notify", "client",
          NULL);
  object_id (&run);

  /* bad input: 2, nothing saved */
  crmctl (fixture, &run, FALSE, "searches", "add", "--client", "1", "--transaction", "swap", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "searches", "add", "--client", "99", "--transaction", "sale", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "searches", "add", "--client", "1", "--transaction", "sale", "--price-min", "9",
          "--price-max", "1", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* a new offer: the fresh searches it fits, not the one of 61 days */
  crmctl (fixture, &run, TRUE, "offers", "add", "--transaction", "sale", "--type", "flat", "--city", "krakow",
          "--district", "Podgórze", "--price", "650000", "--area", "54.5", "--rooms", "3", "--floor", "2",
          "--market", "primary", NULL);
  g_assert_cmpint (object_id (&run), ==, 1);
  array = json_object_get_array_member (json_node_get_object (run.json), "matched");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpint (json_array_get_int_element (array, 0), ==, g_ascii_strtoll (day60_id, NULL, 10));
  g_assert_cmpint (json_array_get_int_element (array, 1), ==, g_ascii_strtoll (fresh_id, NULL, 10));

  crmctl (fixture, &run, FALSE, "offers", "add", "--transaction", "sale", "--type", "flat", "--city", "Kraków",
          "--price", "a lot", "--area", "50", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "a lot"));
  crmctl (fixture, &run, FALSE, "offers", "add", "--transaction", "sale", "--type", "castle", "--city", "Kraków",
          "--price", "1", "--area", "50", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "offers", "add", "--type", "flat", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* import: all or nothing, a bad row named by its line */
  g_assert_true (g_file_set_contents (good, "transaction,type,city,district,price,area,rooms\n"
                                      "sale,flat,Kraków,,690000,60,2\n"
                                      "sale,house,Gdańsk,Oliwa,\"1 200 000\",180,5\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "transaction,type,city,price,area\n"
                                      "sale,flat,Kraków,500000,50\n"
                                      "sale,flat,Kraków,500000,huge\n", -1, NULL));
  crmctl (fixture, &run, FALSE, "offers", "import", bad, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Line 3"));
  crmctl (fixture, &run, TRUE, "offers", "list", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);
  crmctl (fixture, &run, TRUE, "offers", "import", good, NULL);
  g_assert_cmpint (run.status, ==, 0);
  object = json_node_get_object (run.json);
  g_assert_cmpint (json_object_get_int_member (object, "imported"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "matched"), ==, 3);
  crmctl (fixture, &run, TRUE, "offers", "list", "--city", "gdansk", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);
  g_assert_cmpint (json_object_get_int_member (array_object (&run, 0), "price"), ==, 1200000);
  crmctl (fixture, &run, FALSE, "offers", "import", "/nonexistent.csv", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* the "Emails to send" box: one prepared mail for Anna, three offers */
  crmctl (fixture, &run, TRUE, "matches", "list", "--pending", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);
  object = array_object (&run, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "client"), ==, "Anna Nowak");
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "pending");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "offers")), ==, 5);
  g_snprintf (mail_id, sizeof mail_id, "%" G_GINT64_FORMAT, json_object_get_int_member (object, "id"));
  crmctl (fixture, &run, FALSE, "matches", "send", mail_id, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "mail account"));
  crmctl (fixture, &run, FALSE, "matches", "send", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* manual matching, with the reason of each criterion */
  crmctl (fixture, &run, TRUE, "matches", "for-search", fresh_id, NULL);
  g_assert_cmpuint (array_length (&run), ==, 2);
  object = array_object (&run, 0);
  g_assert_true (json_object_get_boolean_member (object, "match"));
  criteria = json_object_get_array_member (object, "criteria");
  g_assert_cmpuint (json_array_get_length (criteria), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (criteria, 3), "name"), ==,
                   "price");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (criteria, 3), "outcome"), ==,
                   "passed");
  crmctl (fixture, &run, TRUE, "matches", "for-offer", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, FALSE, "matches", "for-search", fresh_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Price: 650 000, wanted up to 700 000"));
  crmctl (fixture, &run, FALSE, "matches", "for-offer", "999", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* OF10: not updated for 30 days; bump */
  crmctl (fixture, &run, TRUE, "searches", "list", "--stale", NULL);
  g_assert_cmpuint (array_length (&run), ==, 2);
  g_assert_cmpint (json_object_get_int_member (array_object (&run, 0), "id"), ==, g_ascii_strtoll (old_id, NULL, 10));
  g_assert_false (json_object_get_boolean_member (array_object (&run, 0), "fresh"));
  crmctl (fixture, &run, TRUE, "searches", "bump", old_id, day60_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "searches", "list", "--stale", NULL);
  g_assert_cmpuint (array_length (&run), ==, 0);
  crmctl (fixture, &run, FALSE, "searches", "bump", "999", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "searches", "show", old_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  array = json_object_get_array_member (json_node_get_object (run.json), "history");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "action"), ==,
                   "bumped");

  /* the demo makes searches and offers for the benchmarks */
  crmctl (fixture, &run, TRUE, "demo", "--searches", "500", "--offers", "200", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "offers", "list", "--limit", "1000", NULL);
  g_assert_cmpuint (array_length (&run), ==, 203);

  g_unsetenv ("CRM_NOW");
}

/* Issue 10, defects 12, 13, 14 and 17 from the command line: a contact's
 * language of mail, whose prepared mails are whose, offers a client
 * already got, and the mail a history entry names. */
static void
test_offer_mails_people (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *db = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  char search_id[32], piotrs_id[32], mail_id[32];
  sqlite3 *handle = NULL;
  JsonObject *object;
  JsonArray *array;

  g_setenv ("CRM_NOW", "2026-05-01T09:00:00Z", TRUE);
  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Ewa Agent", "--email", "ewa@example.com",
          "--role", "manager", NULL);
  object_id (&run);
  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Piotr Agent", "--email", "piotr@example.com",
          "--role", "agent", NULL);
  object_id (&run);

  /* defect 12: a language of their own, or the office's */
  crmctl (fixture, &run, FALSE, "contacts", "add", "--name", "Jan", "--language", "klingon", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "klingon"));
  g_assert_cmpuint (count_contacts (fixture), ==, 0);
  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Anna Nowak", "--email", "anna@example.com",
          "--manager", "ewa@example.com", "--language", "pl", NULL);
  g_assert_cmpint (object_id (&run), ==, 1);
  crmctl (fixture, &run, TRUE, "contacts", "show", "1", NULL);
  object = json_node_get_object (run.json);
  g_assert_cmpstr (json_object_get_string_member (object, "language"), ==, "pl");
  g_assert_cmpstr (json_object_get_string_member (object, "mail_language"), ==, "pl");
  crmctl (fixture, &run, FALSE, "contacts", "show", "1", NULL);
  g_assert_nonnull (strstr (run.out, "Polski"));
  crmctl (fixture, &run, TRUE, "contacts", "edit", "1", "--language", "office", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "offers", "language", "ru", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (run.json), "language"), ==, "ru");
  crmctl (fixture, &run, FALSE, "offers", "language", "xx", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "contacts", "show", "1", NULL);
  object = json_node_get_object (run.json);
  g_assert_true (json_object_get_null_member (object, "language"));
  g_assert_cmpstr (json_object_get_string_member (object, "mail_language"), ==, "ru");
  crmctl (fixture, &run, FALSE, "contacts", "edit", "1", "--language", "xx", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* defect 13: Piotr works one of Anna's searches; Ewa is her manager */
  crmctl (fixture, &run, TRUE, "searches", "add", "--client", "1", "--transaction", "sale", "--notify", "agent",
          NULL);
  g_snprintf (search_id, sizeof search_id, "%" G_GINT64_FORMAT, object_id (&run));
  crmctl (fixture, &run, TRUE, "searches", "add", "--client", "1", "--transaction", "sale", "--notify", "agent",
          "--agent", "piotr@example.com", "--location", "Kraków", NULL);
  g_snprintf (piotrs_id, sizeof piotrs_id, "%" G_GINT64_FORMAT, object_id (&run));
  crmctl (fixture, &run, TRUE, "offers", "add", "--transaction", "sale", "--type", "flat", "--city", "Kraków",
          "--price", "500000", "--area", "50", NULL);
  g_assert_cmpint (object_id (&run), ==, 1);
  crmctl (fixture, &run, TRUE, "offers", "add", "--transaction", "sale", "--type", "flat", "--city", "Gdańsk",
          "--price", "400000", "--area", "40", NULL);
  g_assert_cmpint (object_id (&run), ==, 2);
  crmctl (fixture, &run, TRUE, "matches", "list", "--pending", "--agent", "piotr@example.com", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);
  object = array_object (&run, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "agent"), ==, "Piotr Agent");
  array = json_object_get_array_member (object, "offers");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0), "search_id"), ==,
                   g_ascii_strtoll (piotrs_id, NULL, 10));
  crmctl (fixture, &run, TRUE, "matches", "list", "--pending", "--agent", "ewa@example.com", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (array_object (&run, 0), "agent"), ==, "Ewa Agent");
  crmctl (fixture, &run, TRUE, "matches", "list", "--pending", NULL);
  g_assert_cmpuint (array_length (&run), ==, 2);

  /* defect 14: an account to send from (the password is not needed to queue) */
  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "INSERT INTO accounts (address, address_norm, display_name, imap_host, imap_port, "
                                 "imap_security, smtp_host, smtp_port, smtp_security, username, created_at) VALUES "
                                 "('biuro@example.com', 'biuro@example.com', 'Biuro', '127.0.0.1', 1, 'none', "
                                 "'127.0.0.1', 1, 'none', 'office', 0)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  crmctl (fixture, &run, TRUE, "matches", "present", search_id, "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "matches", "for-search", search_id, NULL);
  g_assert_cmpuint (array_length (&run), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      object = array_object (&run, i);
      if (json_object_get_int_member (object, "offer_id") == 1)
        g_assert_cmpstr (json_object_get_string_member (object, "already_sent"), ==, "2026-05-01T09:00:00+00:00");
      else
        g_assert_true (json_object_get_null_member (object, "already_sent"));
    }
  crmctl (fixture, &run, FALSE, "matches", "for-offer", "1", NULL);
  g_assert_nonnull (strstr (run.out, "already sent to the client"));

  /* refused, naming offer 1 and not 2; nothing queued */
  crmctl (fixture, &run, FALSE, "matches", "present", search_id, "1", "2", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "1 (sent"));
  g_assert_null (strstr (run.err, "2 (sent"));
  g_assert_nonnull (strstr (run.err, "--again"));
  crmctl (fixture, &run, TRUE, "outbox", "list", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);

  /* the prepared mail of Ewa's box holds offer 1 too */
  crmctl (fixture, &run, TRUE, "matches", "list", "--pending", "--agent", "ewa@example.com", NULL);
  g_snprintf (mail_id, sizeof mail_id, "%" G_GINT64_FORMAT, json_object_get_int_member (array_object (&run, 0), "id"));
  crmctl (fixture, &run, FALSE, "matches", "send", mail_id, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "1 (sent"));
  crmctl (fixture, &run, TRUE, "matches", "send", mail_id, "--again", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "matches", "present", search_id, "1", "2", "--again", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "outbox", "list", NULL);
  g_assert_cmpuint (array_length (&run), ==, 3);

  /* defect 17: a mail with offers opens as it went */
  crmctl (fixture, &run, TRUE, "matches", "show", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_object_get_null_member (json_node_get_object (run.json), "ticket_id"));
  object = json_object_get_object_member (json_node_get_object (run.json), "message");
  g_assert_nonnull (object);
  g_assert_nonnull (strstr (json_object_get_string_member (object, "to"), "anna@example.com"));
  g_assert_nonnull (json_object_get_string_member (object, "subject"));
  crmctl (fixture, &run, FALSE, "matches", "show", "1", "--raw", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Message-I"));
  crmctl (fixture, &run, FALSE, "matches", "show", "999", NULL);
  g_assert_cmpint (run.status, ==, 2);

  g_unsetenv ("CRM_NOW");
}

/* Exit 2, nothing on standard output, and a message naming @name. */
static void
assert_unknown (Run        *run,
                const char *name)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, name));
}

/* A mistyped status, queue, user, tag, source… is an error that says
 * so, in every command that takes one: never an empty list. */
static void
test_unknown_names (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *body = g_build_filename (fixture->dir, "body.txt", NULL);

  g_assert_true (g_file_set_contents (body, "Dzień dobry.\n", -1, NULL));
  crmctl (fixture, &run, TRUE, "demo", "--contacts", "20", NULL);
  crmctl (fixture, &run, TRUE, "demo", "--tickets", "5", "--messages", "5", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, FALSE, "tickets", "set", "1", "--tag", "pilne", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* tickets list: each filter */
  crmctl (fixture, &run, TRUE, "tickets", "list", "--status", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  g_assert_nonnull (strstr (run.err, "Open"));
  crmctl (fixture, &run, TRUE, "tickets", "list", "--queue", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, TRUE, "tickets", "list", "--assignee", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, TRUE, "tickets", "list", "--tag", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, TRUE, "tickets", "list", "--source", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, TRUE, "tickets", "list", "--as", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  /* known names that match nothing are an empty list */
  crmctl (fixture, &run, TRUE, "tickets", "list", "--tag", "pilne", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);
  crmctl (fixture, &run, FALSE, "tickets", "set", "1", "--status", "pending", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "list", "--status", "closed", "--tag", "pilne", NULL);
  g_assert_cmpuint (array_length (&run), ==, 0);

  /* tickets set, assign, new */
  crmctl (fixture, &run, FALSE, "tickets", "set", "1", "--status", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, FALSE, "tickets", "set", "1", "--queue", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, FALSE, "tickets", "set", "1", "--untag", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, FALSE, "tickets", "set", "1", "--source", "Bogus", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "tickets", "set", "1", "--status", "open", "--as", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, FALSE, "tickets", "assign", "1", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, FALSE, "tickets", "new", "--subject", "S", "--queue", "Bogus", "--on-behalf-of", "1",
          "--body-file", body, NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, FALSE, "tickets", "comment", "1", "--body-file", body, "--as", "Bogus", NULL);
  assert_unknown (&run, "Bogus");

  /* rules and queues */
  crmctl (fixture, &run, FALSE, "rules", "add", "--field", "from", "--contains", "x", "--queue", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, FALSE, "rules", "add", "--field", "Bogus", "--contains", "x", "--queue", "1", NULL);
  assert_unknown (&run, "Bogus");

  /* messages */
  crmctl (fixture, &run, TRUE, "messages", "list", "--ticket", "9999", NULL);
  assert_unknown (&run, "9999");

  /* offers, searches and their mails */
  crmctl (fixture, &run, TRUE, "offers", "list", "--type", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, TRUE, "offers", "list", "--transaction", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, TRUE, "offers", "list", "--agent", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, TRUE, "offers", "add", "--transaction", "sale", "--type", "flat", "--city", "Kraków",
          "--price", "500000", "--area", "50", "--agent", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, TRUE, "searches", "list", "--agent", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, TRUE, "searches", "list", "--client", "9999", NULL);
  assert_unknown (&run, "9999");
  crmctl (fixture, &run, TRUE, "searches", "add", "--client", "1", "--transaction", "sale", "--agent", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, TRUE, "matches", "list", "--agent", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Nowy", "--manager", "Bogus", NULL);
  assert_unknown (&run, "Bogus");
}

static JsonObject *
find_user (Fixture *fixture,
           Run     *run,
           gint64   id)
{
  crmctl (fixture, run, TRUE, "users", "list", NULL);
  g_assert_cmpint (run->status, ==, 0);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (run->json)); i++)
    {
      JsonObject *user = json_array_get_object_element (json_node_get_array (run->json), i);

      if (json_object_get_int_member (user, "id") == id)
        return user;
    }

  g_assert_not_reached ();
}

/* users edit, deactivate, reactivate: a deactivated user keeps their
 * history and gets no new work; an office always keeps an active
 * administrator. */
static void
test_users_lifecycle (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *body = g_build_filename (fixture->dir, "body.txt", NULL);
  JsonObject *user;
  JsonArray *comments;
  gint64 admin;
  gint64 agent;
  gboolean found = FALSE;

  g_assert_true (g_file_set_contents (body, "Proszę o telefon.\n", -1, NULL));
  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Ewa Kowalska", "--email", "ewa@example.com",
          "--role", "admin", NULL);
  admin = object_id (&run);
  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Piotr Nowak", "--email", "piotr@example.com",
          "--role", "agent", NULL);
  agent = object_id (&run);
  crmctl (fixture, &run, TRUE, "queues", "add", "Sprzedaż", NULL);
  object_id (&run);
  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Anna Klient", "--email", "anna@example.com", NULL);
  object_id (&run);
  crmctl (fixture, &run, TRUE, "tickets", "new", "--subject", "Mieszkanie", "--queue", "Sprzedaż",
          "--on-behalf-of", "1", "--body-file", body, "--as", "2", NULL);
  object_id (&run);
  crmctl (fixture, &run, FALSE, "tickets", "assign", "1", "piotr@example.com", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, FALSE, "tickets", "comment", "1", "--body-file", body, "--as", "Piotr Nowak", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* edit: a new name, address and role; the rest stays */
  crmctl (fixture, &run, FALSE, "users", "edit", "2", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "users", "edit", "2", "--name", "Piotr Nowak-Wiśniewski", "--role", "manager", NULL);
  g_assert_cmpint (object_id (&run), ==, agent);
  user = find_user (fixture, &run, agent);
  g_assert_cmpstr (json_object_get_string_member (user, "name"), ==, "Piotr Nowak-Wiśniewski");
  g_assert_cmpstr (json_object_get_string_member (user, "email"), ==, "piotr@example.com");
  g_assert_cmpstr (json_object_get_string_member (user, "role"), ==, "manager");
  g_assert_true (json_object_get_boolean_member (user, "active"));
  crmctl (fixture, &run, FALSE, "users", "edit", "2", "--email", "EWA@example.com", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "already exists"));
  crmctl (fixture, &run, FALSE, "users", "edit", "2", "--role", "boss", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "users", "edit", "99", "--name", "X", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* the last active administrator stays one */
  crmctl (fixture, &run, FALSE, "users", "deactivate", "1", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "last active administrator"));
  crmctl (fixture, &run, FALSE, "users", "edit", "1", "--role", "agent", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "last active administrator"));
  user = find_user (fixture, &run, admin);
  g_assert_cmpstr (json_object_get_string_member (user, "role"), ==, "admin");

  /* deactivated: history kept, no new work, no acting */
  crmctl (fixture, &run, TRUE, "users", "deactivate", "2", NULL);
  g_assert_cmpint (object_id (&run), ==, agent);
  user = find_user (fixture, &run, agent);
  g_assert_false (json_object_get_boolean_member (user, "active"));
  crmctl (fixture, &run, TRUE, "tickets", "show", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (run.json), "assignee"), ==,
                   "Piotr Nowak-Wiśniewski");
  comments = json_object_get_array_member (json_node_get_object (run.json), "comments");
  for (guint i = 0; i < json_array_get_length (comments); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (comments, i), "author"),
                   "Piotr Nowak-Wiśniewski") == 0)
      found = TRUE;
  g_assert_true (found);
  crmctl (fixture, &run, TRUE, "tickets", "list", "--assignee", "2", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);

  crmctl (fixture, &run, FALSE, "tickets", "assign", "1", "Ewa Kowalska", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, FALSE, "tickets", "assign", "1", "2", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "deactivated"));
  crmctl (fixture, &run, FALSE, "tickets", "comment", "1", "--body-file", body, "--as", "2", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "contacts", "add", "--name", "Jan", "--manager", "2", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "offers", "add", "--transaction", "sale", "--type", "flat", "--city", "Kraków",
          "--price", "500000", "--area", "50", "--agent", "2", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "users", "deactivate", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* another administrator lets the first one go */
  crmctl (fixture, &run, FALSE, "users", "reactivate", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, FALSE, "tickets", "assign", "1", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, FALSE, "users", "edit", "2", "--role", "admin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, FALSE, "users", "deactivate", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, FALSE, "users", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "deactivated"));
}

/* Issue 10, defects 8 and 20: postal addresses through add, show, edit
 * and the search; an address two contacts would share is refused,
 * naming the contact that has it, unless --allow-duplicate. */
static void
test_contacts_address_and_duplicates (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  JsonObject *contact;
  JsonArray *people;
  gint64 company;
  gint64 anna;
  gint64 twin;

  crmctl (fixture, &run, TRUE, "contacts", "add", "--kind", "company", "--name", "Wawel Nieruchomości",
          "--street", "ul. Floriańska 3", "--postal-code", "31-019", "--city", "Kraków", "--country", "Polska", NULL);
  company = object_id (&run);
  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Anna Kowalska", "--company", "Wawel Nieruchomości",
          "--email", "anna@example.com", NULL);
  anna = object_id (&run);

  crmctl (fixture, &run, TRUE, "contacts", "show", "1", NULL);
  contact = json_node_get_object (run.json);
  g_assert_cmpstr (json_object_get_string_member (contact, "street"), ==, "ul. Floriańska 3");
  g_assert_cmpstr (json_object_get_string_member (contact, "postal_code"), ==, "31-019");
  g_assert_cmpstr (json_object_get_string_member (contact, "city"), ==, "Kraków");
  g_assert_cmpstr (json_object_get_string_member (contact, "country"), ==, "Polska");
  /* a company's card lists its people */
  people = json_object_get_array_member (contact, "people");
  g_assert_cmpuint (json_array_get_length (people), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (people, 0), "id"), ==, anna);
  crmctl (fixture, &run, FALSE, "contacts", "show", "1", NULL);
  g_assert_nonnull (strstr (run.out, "31-019 Kraków"));
  g_assert_nonnull (strstr (run.out, "Anna Kowalska"));

  /* the address is searched */
  crmctl (fixture, &run, TRUE, "contacts", "list", "--search", "florianska", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);

  /* edit changes only what it is given; an empty value clears */
  crmctl (fixture, &run, TRUE, "contacts", "edit", "1", "--city", "Kraków-Podgórze", "--country", "", NULL);
  g_assert_cmpint (object_id (&run), ==, company);
  crmctl (fixture, &run, TRUE, "contacts", "show", "1", NULL);
  contact = json_node_get_object (run.json);
  g_assert_cmpstr (json_object_get_string_member (contact, "street"), ==, "ul. Floriańska 3");
  g_assert_cmpstr (json_object_get_string_member (contact, "city"), ==, "Kraków-Podgórze");
  g_assert_true (json_object_get_null_member (contact, "country"));
  g_assert_cmpstr (json_object_get_string_member (contact, "name"), ==, "Wawel Nieruchomości");
  crmctl (fixture, &run, TRUE, "contacts", "edit", "2", "--postal-code", "123456789012345678901", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "contacts", "edit", "99", "--city", "X", NULL);
  g_assert_cmpint (run.status, ==, 2);
  /* the person keeps her company when it is not named */
  crmctl (fixture, &run, TRUE, "contacts", "edit", "2", "--street", "ul. Długa 1", NULL);
  g_assert_cmpint (object_id (&run), ==, anna);
  crmctl (fixture, &run, TRUE, "contacts", "show", "2", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (run.json), "company"), ==,
                   "Wawel Nieruchomości");

  /* another contact with Anna's address: refused, named, nothing saved */
  crmctl (fixture, &run, FALSE, "contacts", "add", "--name", "Jan Kowalski", "--email", "ANNA@example.com", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Anna Kowalska"));
  g_assert_nonnull (strstr (run.err, "--allow-duplicate"));
  g_assert_cmpuint (count_contacts (fixture), ==, 2);
  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Jan Kowalski", "--email", "ANNA@example.com",
          "--allow-duplicate", NULL);
  twin = object_id (&run);
  g_assert_cmpuint (count_contacts (fixture), ==, 3);

  /* so is edit: giving the company Anna's address */
  crmctl (fixture, &run, FALSE, "contacts", "edit", "1", "--email", "anna@example.com", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Anna Kowalska"));
  /* the twin's other changes go through: the address is its own already */
  crmctl (fixture, &run, TRUE, "contacts", "edit", "3", "--note", "Brat Anny", NULL);
  g_assert_cmpint (object_id (&run), ==, twin);
}

/* What "tickets split" refuses. */
static void
crm_cli_split_checks (Fixture    *fixture,
                      Run        *run,
                      const char *message)
{
  crmctl (fixture, run, TRUE, "tickets", "split", "2", NULL);
  g_assert_cmpint (run->status, ==, 2);
  crmctl (fixture, run, TRUE, "tickets", "split", "1", "--message", message, NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "not in ticket #1"));
}

/* Closing with an outcome, the office's reasons and their statistics,
 * moving to a queue, and undo, as a script does them (issue 14). */
static void
test_closing (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *body = g_build_filename (fixture->dir, "body.txt", NULL);
  JsonObject *ticket;
  JsonObject *count;

  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Ewa", "--email", "ewa@example.com", "--role", "admin", NULL);
  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Jan", "--email", "jan@example.com", "--role", "agent", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Zofia", "--email", "zofia@example.com", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "queues", "add", "Sales", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_set_contents (body, "Is the flat free?", -1, NULL));
  for (guint i = 0; i < 2; i++)
    {
      crmctl (fixture, &run, TRUE, "tickets", "new", "--subject", "Flat", "--queue", "Inbox", "--on-behalf-of", "1",
              "--source", "phone", "--body-file", body, "--as", "Jan", NULL);
      g_assert_cmpint (run.status, ==, 0);
    }

  /* the reasons: an administrator's */
  crmctl (fixture, &run, TRUE, "reasons", "add", "Too expensive", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "administrator"));
  crmctl (fixture, &run, TRUE, "reasons", "add", "Too expensive", "--as", "Ewa", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "reasons", "add", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "reasons", "list", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);

  /* one outcome at a time; a reason the office has */
  crmctl (fixture, &run, FALSE, "tickets", "close", "1", "--as-won", "--spam", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "tickets", "close", "1", "--block-sender", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "tickets", "close", "1", "--wont-buy", "Too far", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Too far"));
  crmctl (fixture, &run, TRUE, "tickets", "close", "1", "--wont-buy", "too expensive", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (run.json), "undo_step"), >, 0);
  crmctl (fixture, &run, TRUE, "tickets", "show", "1", NULL);
  ticket = json_node_get_object (run.json);
  g_assert_cmpstr (json_object_get_string_member (ticket, "status"), ==, "Closed");
  g_assert_cmpstr (json_object_get_string_member (ticket, "outcome"), ==, "wont_buy");
  g_assert_cmpstr (json_object_get_string_member (ticket, "close_reason"), ==, "Too expensive");
  crmctl (fixture, &run, TRUE, "tickets", "close", "2", "--as-won", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);

  crmctl (fixture, &run, TRUE, "reasons", "stats", "--from", "2000-01-01", NULL);
  g_assert_cmpuint (array_length (&run), ==, 2);
  count = json_array_get_object_element (json_node_get_array (run.json), 1);
  g_assert_cmpstr (json_object_get_string_member (count, "outcome"), ==, "wont_buy");
  g_assert_cmpstr (json_object_get_string_member (count, "reason"), ==, "Too expensive");
  g_assert_cmpstr (json_object_get_string_member (count, "manager"), ==, "Jan");
  g_assert_cmpint (json_object_get_int_member (count, "count"), ==, 1);
  crmctl (fixture, &run, TRUE, "reasons", "stats", "--from", "yesterday-ish", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* undo: Jan's last first; Ewa has nothing to undo */
  crmctl (fixture, &run, TRUE, "undo", "--as", "Ewa", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "undo", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (run.json), "ticket"), ==, 2);
  crmctl (fixture, &run, TRUE, "tickets", "show", "2", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (run.json), "status"), ==, "New");

  /* a move gives the ticket to the one chosen there, else nobody */
  crmctl (fixture, &run, TRUE, "tickets", "move", "2", "--queue", "Sales", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "show", "2", NULL);
  ticket = json_node_get_object (run.json);
  g_assert_cmpstr (json_object_get_string_member (ticket, "queue"), ==, "Sales");
  g_assert_true (json_object_get_null_member (ticket, "assignee"));
  crmctl (fixture, &run, FALSE, "undo", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "#2: "));
  crmctl (fixture, &run, TRUE, "tickets", "show", "2", NULL);
  ticket = json_node_get_object (run.json);
  g_assert_cmpstr (json_object_get_string_member (ticket, "queue"), ==, "Inbox");
  g_assert_cmpstr (json_object_get_string_member (ticket, "assignee"), ==, "Jan");
  crmctl (fixture, &run, TRUE, "tickets", "move", "2", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "tickets", "move", "2", "--queue", "Nowhere", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* a merge, and its undo */
  crmctl (fixture, &run, TRUE, "tickets", "merge", "2", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "tickets", "merge", "2", "--into", "2", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "tickets", "merge", "2", "--into", "1", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "show", "2", NULL);
  ticket = json_node_get_object (run.json);
  g_assert_cmpint (json_object_get_int_member (ticket, "merged_into"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ticket, "messages")), ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "show", "1", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (run.json), "messages")),
                    ==, 2);
  crmctl (fixture, &run, TRUE, "undo", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "show", "2", NULL);
  ticket = json_node_get_object (run.json);
  g_assert_true (json_object_get_null_member (ticket, "merged_into"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ticket, "messages")), ==, 1);

  /* a split: the new ticket's number; its undo */
  {
    gint64 message = json_array_get_int_element (json_object_get_array_member (ticket, "messages"), 0);
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, message);
    gint64 made;

    crm_cli_split_checks (fixture, &run, id);
    crmctl (fixture, &run, TRUE, "tickets", "split", "2", "--message", id, "--as", "Jan", NULL);
    made = object_id (&run);
    g_assert_cmpint (made, ==, 3);
    crmctl (fixture, &run, TRUE, "tickets", "show", "3", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (run.json), "status"), ==, "New");
    crmctl (fixture, &run, TRUE, "undo", "--as", "Jan", NULL);
    g_assert_cmpint (run.status, ==, 0);
    crmctl (fixture, &run, TRUE, "tickets", "show", "3", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  /* the client taken off, and pinned again */
  crmctl (fixture, &run, TRUE, "tickets", "unpin", "2", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "show", "2", NULL);
  g_assert_true (json_object_get_null_member (json_node_get_object (run.json), "client_id"));
  crmctl (fixture, &run, TRUE, "tickets", "unpin", "2", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "undo", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "show", "2", NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (run.json), "client_id"), ==, 1);

  /* deleted by an administrator only; listed, restored; undone */
  crmctl (fixture, &run, TRUE, "tickets", "delete", "2", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "tickets", "delete", "2", "--as", "Ewa", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "show", "2", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "tickets", "deleted", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "tickets", "deleted", "--as", "Ewa", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);
  crmctl (fixture, &run, FALSE, "tickets", "restore", "2", "--as", "Ewa", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "show", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "delete", "2", "--as", "Ewa", NULL);
  crmctl (fixture, &run, TRUE, "undo", "--as", "Ewa", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "show", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static guint
occurrences (const char *text,
             const char *word)
{
  guint n = 0;

  for (const char *at = strstr (text, word); at != NULL; at = strstr (at + 1, word))
    n++;

  return n;
}

/* Runs a program to its end; its standard output. */
static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  char *out = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0);

  return out;
}

/* A ticket printed into a PDF (TK15): all its messages, or those asked
 * for, with their attachments named; read back with pdftotext, and
 * its first page made a PNG (pdftoppm) to look at. */
static void
test_print (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *pdf = g_build_filename (fixture->dir, "ticket.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *one = NULL;
  g_autofree char *first = NULL;
  g_autofree char *png = NULL;
  JsonArray *messages;
  guint n_messages;

  crmctl (fixture, &run, TRUE, "demo", "--contacts", "20", "--tickets", "3", "--messages", "12", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "show", "1", NULL);
  messages = json_object_get_array_member (json_node_get_object (run.json), "messages");
  /* the run's JSON goes with the next run: what is needed of it, kept */
  n_messages = json_array_get_length (messages);
  g_assert_cmpuint (n_messages, >=, 2);
  first = g_strdup_printf ("%" G_GINT64_FORMAT, json_array_get_int_element (messages, 0));

  crmctl (fixture, &run, FALSE, "tickets", "print", "1", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "tickets", "print", "1", "--messages", "999999", "--pdf", pdf, NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "tickets", "print", "1", "--pdf", "/nonexistent/dir/t.pdf", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_cmpstr (run.err, !=, "");

  crmctl (fixture, &run, FALSE, "tickets", "print", "1", "--attachments-marker", "--pdf", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = run_tool ((const char *[]) { "pdftotext", pdf, "-", NULL });
  g_assert_nonnull (strstr (text, "Ticket #1: "));
  g_assert_cmpuint (occurrences (text, "From ") + occurrences (text, "To "), >=, n_messages);

  /* one message */
  crmctl (fixture, &run, FALSE, "tickets", "print", "1", "--messages", first, "--pdf", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  one = run_tool ((const char *[]) { "pdftotext", pdf, "-", NULL });
  g_assert_cmpuint (strlen (one), <, strlen (text));

  /* to look at */
  if (g_getenv ("G_TEST_BUILDDIR") != NULL)
    {
      g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", NULL);
      g_autofree char *out = NULL;

      g_mkdir_with_parents (dir, 0755);
      png = g_build_filename (dir, "ticket-print", NULL);
      crmctl (fixture, &run, FALSE, "tickets", "print", "1", "--attachments-marker", "--pdf", pdf, NULL);
      out = run_tool ((const char *[]) { "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, png,
                                         NULL });
    }
}

/* tickets forward (TK18): the addresses checked, the note required; the
 * forward waits in the outbox with the ticket's number, and shows in
 * tickets show as "forward"; with --with-comments the internal comment
 * goes too. */
static void
test_forward (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *db = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  g_autofree char *body = g_build_filename (fixture->dir, "body.txt", NULL);
  g_autofree char *note = g_build_filename (fixture->dir, "note.txt", NULL);
  sqlite3 *handle = NULL;
  JsonArray *timeline;
  gboolean seen = FALSE;

  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Jan", "--email", "jan@example.com", "--role", "agent", NULL);
  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Zofia", "--email", "zofia@example.com", NULL);
  g_assert_true (g_file_set_contents (body, "The heating is off.", -1, NULL));
  g_assert_true (g_file_set_contents (note, "Could you have a look?", -1, NULL));
  crmctl (fixture, &run, TRUE, "tickets", "new", "--subject", "Heating", "--queue", "Inbox", "--on-behalf-of", "1",
          "--source", "phone", "--body-file", body, "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, FALSE, "tickets", "comment", "1", "--body-file", note, "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);

  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "INSERT INTO accounts (address, address_norm, display_name, imap_host, imap_port, "
                                 "imap_security, smtp_host, smtp_port, smtp_security, username, created_at) VALUES "
                                 "('biuro@example.com', 'biuro@example.com', 'Biuro', '127.0.0.1', 1, 'none', "
                                 "'127.0.0.1', 1, 'none', 'office', 0)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  crmctl (fixture, &run, FALSE, "tickets", "forward", "1", "--note-file", note, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--to"));
  crmctl (fixture, &run, FALSE, "tickets", "forward", "1", "--to", "plumber@", "--note-file", note, "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "plumber@"));
  crmctl (fixture, &run, TRUE, "outbox", "list", NULL);
  g_assert_cmpuint (array_length (&run), ==, 0);

  crmctl (fixture, &run, TRUE, "tickets", "forward", "1", "--to", "plumber@example.org", "--to", "boss@example.org",
          "--note-file", note, "--with-comments", "--replies-here", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (object_id (&run), >, 0);
  crmctl (fixture, &run, TRUE, "outbox", "list", NULL);
  g_assert_cmpuint (array_length (&run), ==, 1);
  g_assert_nonnull (strstr (run.out, "Fwd: Heating [#1]"));

  crmctl (fixture, &run, TRUE, "tickets", "show", "1", NULL);
  timeline = json_object_get_array_member (json_node_get_object (run.json), "timeline");
  for (guint i = 0; i < json_array_get_length (timeline); i++)
    {
      JsonObject *entry = json_array_get_object_element (timeline, i);

      if (json_object_get_null_member (entry, "role") ||
          g_strcmp0 (json_object_get_string_member (entry, "role"), "forward") != 0)
        continue;
      g_assert_cmpstr (json_object_get_string_member (entry, "kind"), ==, "out");
      g_assert_nonnull (strstr (json_object_get_string_member (entry, "text"), "Could you have a look?"));
      g_assert_nonnull (strstr (json_object_get_string_member (entry, "text"), "The heating is off."));
      g_assert_nonnull (strstr (json_object_get_string_member (entry, "text"), "Forwarded by: Jan"));
      seen = TRUE;
    }
  g_assert_true (seen);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_assert_nonnull (g_getenv ("CRMCTL"));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, crmctl_fixture_set_up, func, crmctl_fixture_tear_down)

  ADD ("/crmctl/init", test_init);
  ADD ("/crmctl/users", test_users);
  ADD ("/crmctl/contacts", test_contacts);
  ADD ("/crmctl/contacts/address-and-duplicates", test_contacts_address_and_duplicates);
  ADD ("/crmctl/invalid-input", test_invalid_input);
  ADD ("/crmctl/unusable-database", test_unusable_database);
  ADD ("/crmctl/newer-schema", test_newer_schema);
  ADD ("/crmctl/demo", test_demo);
  ADD ("/crmctl/account", test_account);
  ADD ("/crmctl/offers", test_offers);
  ADD ("/crmctl/offer-mails-people", test_offer_mails_people);
  ADD ("/crmctl/ticket-properties", test_ticket_properties);
  ADD ("/crmctl/unknown-names", test_unknown_names);
  ADD ("/crmctl/users-lifecycle", test_users_lifecycle);
  ADD ("/crmctl/closing", test_closing);
  ADD ("/crmctl/print", test_print);
  ADD ("/crmctl/forward", test_forward);

#undef ADD

  return g_test_run ();
}
