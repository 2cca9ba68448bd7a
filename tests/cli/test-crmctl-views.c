/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "crm-test-util.h"
#include <json-glib/json-glib.h>

/*
 * Saved views through the real crmctl binary (CRMCTL.md, "Saved views,
 * tasks, automations"): views add with each list's filter flags, list,
 * show, records, rename, delete; their JSON and exit statuses.
 */

#define NOW "2026-12-07T10:00:00Z"

typedef struct
{
  char *dir;
} Fixture;

typedef struct
{
  int       status;
  char     *out;
  char     *err;
  JsonNode *json;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  g_clear_pointer (&run->json, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("crmctl-views-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *note = g_build_filename (fixture->dir, "note.txt", NULL);

  g_remove (note);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Runs crmctl on the fixture's data directory at NOW; a NULL-terminated
 * list of arguments. With json, the output must parse. */
static void
crmctl (Fixture  *fixture,
        Run      *run,
        gboolean  json,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  run_clear (run);
  g_ptr_array_add (args, (gpointer) g_getenv ("CRMCTL"));
  g_ptr_array_add (args, (gpointer) "--data-dir");
  g_ptr_array_add (args, fixture->dir);
  if (json)
    g_ptr_array_add (args, (gpointer) "--json");
  va_start (ap, json);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "CRM_NOW", NOW, TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
  if (json && run->status == 0)
    {
      run->json = json_from_string (run->out, &error);
      g_assert_no_error (error);
      g_assert_nonnull (run->json);
    }
}

static gint64
id_of (Run *run)
{
  g_assert_cmpint (run->status, ==, 0);

  return json_object_get_int_member (json_node_get_object (run->json), "id");
}

static JsonObject *
element (Run   *run,
         guint  i)
{
  return json_array_get_object_element (json_node_get_array (run->json), i);
}

static guint
length (Run *run)
{
  g_assert_cmpint (run->status, ==, 0);

  return json_array_get_length (json_node_get_array (run->json));
}

/* "12,15": the ids of a records answer */
static char *
record_ids (Run *run)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < length (run); i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            json_object_get_int_member (element (run, i), "id"));

  return g_string_free (text, FALSE);
}

static gint64
new_ticket (Fixture    *fixture,
            const char *queue,
            const char *source,
            const char *subject,
            const char *body,
            const char *as)
{
  g_auto(Run) run = { 0 };
  g_autofree char *note = g_build_filename (fixture->dir, "note.txt", NULL);

  g_assert_true (g_file_set_contents (note, body, -1, NULL));
  crmctl (fixture, &run, TRUE, "tickets", "new", "--subject", subject, "--queue", queue, "--on-behalf-of", "1",
          "--source", source, "--body-file", note, "--as", as, NULL);

  return id_of (&run);
}

static void
test_views (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *open_id = NULL;
  g_autofree char *annas_id = NULL;
  g_autofree char *calls_id = NULL;
  JsonObject *view;
  JsonObject *filter;
  gint64 t1, t2, t3, open, annas, calls, people;

  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Marek", "--email", "marek@example.com", "--role", "manager",
          NULL);
  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Anna", "--email", "anna@example.com", "--role", "agent", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "queues", "add", "Sales", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Zofia Kowalska", "--email", "zofia@example.com", NULL);
  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Jan Nowak", NULL);
  g_assert_cmpint (run.status, ==, 0);
  t1 = new_ticket (fixture, "Sales", "phone", "Balkon", "Czy jest balkon?", "Anna");
  t2 = new_ticket (fixture, "Sales", "web", "Parking", "A parking?", "Marek");
  t3 = new_ticket (fixture, "Inbox", "phone", "Piwnica", "Piwnica?", "Anna");

  /* add: a manager shares, with the tickets list's flags */
  crmctl (fixture, &run, TRUE, "views", "add", "--module", "tickets", "--name", "Open in Sales", "--queue", "Sales",
          "--open", "--as", "Marek", NULL);
  open = id_of (&run);
  open_id = g_strdup_printf ("%" G_GINT64_FORMAT, open);
  /* an agent keeps hers; "mine" is whoever looks, never a fixed id */
  crmctl (fixture, &run, TRUE, "views", "add", "--module", "tickets", "--name", "Mine", "--assignee", "mine",
          "--private", "--as", "Anna", NULL);
  annas = id_of (&run);
  annas_id = g_strdup_printf ("%" G_GINT64_FORMAT, annas);
  crmctl (fixture, &run, TRUE, "views", "add", "--module", "requests", "--name", "Calls", "--source", "phone", NULL);
  calls = id_of (&run);
  calls_id = g_strdup_printf ("%" G_GINT64_FORMAT, calls);
  crmctl (fixture, &run, TRUE, "views", "add", "--module", "contacts", "--name", "Kowal", "--search", "kowal", NULL);
  people = id_of (&run);

  /* refused, exit 2, nothing saved: a flag of another list, an agent
   * sharing, a list without views yet, no name, a name taken, an
   * unknown queue or user */
  crmctl (fixture, &run, TRUE, "views", "add", "--module", "offers", "--name", "X", "--queue", "Sales", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--queue"));
  crmctl (fixture, &run, TRUE, "views", "add", "--module", "tickets", "--name", "X", "--as", "Anna", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "views", "add", "--module", "leads", "--name", "X", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "leads"));
  crmctl (fixture, &run, TRUE, "views", "add", "--module", "referrals", "--name", "X", "--city", "Gdańsk", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--city"));
  crmctl (fixture, &run, TRUE, "views", "add", "--module", "tickets", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "views", "add", "--module", "tickets", "--name", "open in sales", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "views", "add", "--module", "tickets", "--name", "X", "--queue", "Nowhere", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "views", "add", "--module", "offers", "--name", "X", "--agent", "Nobody", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* list: everything; --as: the shared ones and the user's own */
  crmctl (fixture, &run, TRUE, "views", "list", NULL);
  g_assert_cmpuint (length (&run), ==, 4);
  crmctl (fixture, &run, TRUE, "views", "list", "--module", "tickets", "--as", "Marek", NULL);
  g_assert_cmpuint (length (&run), ==, 1);
  view = element (&run, 0);
  g_assert_cmpint (json_object_get_int_member (view, "id"), ==, open);
  g_assert_cmpstr (json_object_get_string_member (view, "module"), ==, "tickets");
  g_assert_cmpstr (json_object_get_string_member (view, "name"), ==, "Open in Sales");
  g_assert_true (json_object_get_boolean_member (view, "shared"));
  g_assert_true (json_object_get_null_member (view, "owner"));
  crmctl (fixture, &run, TRUE, "views", "list", "--as", "Anna", NULL);
  g_assert_cmpuint (length (&run), ==, 4);
  view = element (&run, 0);
  g_assert_cmpstr (json_object_get_string_member (view, "name"), ==, "Mine");
  g_assert_false (json_object_get_boolean_member (view, "shared"));
  g_assert_cmpstr (json_object_get_string_member (view, "owner"), ==, "Anna");

  /* show: the view and its filter */
  crmctl (fixture, &run, TRUE, "views", "show", annas_id, "--as", "Anna", NULL);
  g_assert_cmpint (run.status, ==, 0);
  filter = json_object_get_object_member (json_node_get_object (run.json), "filter");
  g_assert_cmpstr (json_object_get_string_member (filter, "assignee"), ==, "mine");
  g_assert_cmpint (json_object_get_int_member (filter, "version"), ==, 1);
  crmctl (fixture, &run, TRUE, "views", "show", open_id, NULL);
  filter = json_object_get_object_member (json_node_get_object (run.json), "filter");
  g_assert_true (json_object_get_boolean_member (filter, "open-only"));
  g_assert_true (json_object_has_member (filter, "queue"));
  crmctl (fixture, &run, TRUE, "views", "show", annas_id, "--as", "Marek", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "views", "show", "x", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* records: what each selects now, in id order, with labels */
  crmctl (fixture, &run, TRUE, "views", "records", open_id, NULL);
  text = record_ids (&run);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, t1, t2);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (json_object_get_string_member (element (&run, 0), "label"), ==, "Balkon");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  crmctl (fixture, &run, TRUE, "views", "records", open_id, "--limit", "1", "--after", "0", NULL);
  g_assert_cmpuint (length (&run), ==, 1);
  crmctl (fixture, &run, TRUE, "views", "records", calls_id, NULL);
  text = record_ids (&run);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, t1, t3);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  /* the private "Mine": its owner's tickets (the tickets Anna opened
   * are hers) */
  crmctl (fixture, &run, TRUE, "views", "records", annas_id, "--as", "Anna", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autofree char *people_id = g_strdup_printf ("%" G_GINT64_FORMAT, people);

    crmctl (fixture, &run, TRUE, "views", "records", people_id, NULL);
    g_assert_cmpuint (length (&run), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (element (&run, 0), "label"), ==, "Zofia Kowalska");
  }
  crmctl (fixture, &run, TRUE, "views", "records", open_id, "--limit", "0", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "views", "records", "99", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* rename and delete: the owner, or managers for the shared */
  crmctl (fixture, &run, TRUE, "views", "rename", open_id, "--name", "Sales, open", "--as", "Anna", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "views", "rename", open_id, "--name", "Sales, open", "--as", "Marek", NULL);
  g_assert_cmpint (id_of (&run), ==, open);
  crmctl (fixture, &run, TRUE, "views", "delete", annas_id, "--as", "Marek", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "views", "delete", annas_id, "--as", "Anna", NULL);
  g_assert_cmpint (id_of (&run), ==, annas);
  crmctl (fixture, &run, TRUE, "views", "list", NULL);
  g_assert_cmpuint (length (&run), ==, 3);
  /* by list (tickets, requests, contacts…), then name */
  g_assert_cmpstr (json_object_get_string_member (element (&run, 0), "name"), ==, "Sales, open");
  g_assert_cmpstr (json_object_get_string_member (element (&run, 1), "name"), ==, "Calls");
  crmctl (fixture, &run, TRUE, "views", "delete", annas_id, NULL);
  g_assert_cmpint (run.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/crmctl/views", Fixture, NULL, fixture_set_up, test_views, fixture_tear_down);

  return g_test_run ();
}
