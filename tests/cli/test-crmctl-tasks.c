/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-test-util.h"
#include <json-glib/json-glib.h>

/*
 * Tasks through the real crmctl binary (CRMCTL.md, "Saved views, tasks,
 * automations"): tasks add, list --user --open, show, done, undone;
 * their JSON, and what bad input gets: a clear error and exit status 2,
 * nothing stored. The clock is CRM_NOW.
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
  fixture->dir = g_dir_make_tmp ("crmctl-tasks-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Runs crmctl on the fixture's data directory at NOW with @argv (after
 * the options). With json, the output must parse. */
static void
crmctl_argv (Fixture            *fixture,
             Run                *run,
             gboolean            json,
             const char * const *argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  run_clear (run);
  g_ptr_array_add (args, (gpointer) g_getenv ("CRMCTL"));
  g_ptr_array_add (args, (gpointer) "--data-dir");
  g_ptr_array_add (args, fixture->dir);
  if (json)
    g_ptr_array_add (args, (gpointer) "--json");
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
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

/* crmctl_argv () with a NULL-terminated list of arguments. */
static void
crmctl (Fixture  *fixture,
        Run      *run,
        gboolean  json,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, json);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  crmctl_argv (fixture, run, json, (const char * const *) args->pdata);
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

/* Runs a bad command: exit status 2, @message on stderr, nothing on
 * stdout. */
static void
refused (Fixture    *fixture,
         const char *message,
         ...)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, message);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  crmctl_argv (fixture, &run, TRUE, (const char * const *) args->pdata);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, message));
}

static void
test_tasks (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *contact = NULL;
  g_autofree char *first_id = NULL;
  JsonObject *task;
  JsonObject *record;
  JsonArray *history;
  gint64 first, second, third;

  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Jan Kos", "--email", "jan@example.com", "--role", "agent",
          NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Ewa Nowak", "--email", "ewa@example.com", "--role",
          "manager", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Zofia Kamińska", NULL);
  contact = g_strdup_printf ("contacts:%" G_GINT64_FORMAT, id_of (&run));

  /* added: for a record, overdue already; for none, later; Ewa's */
  crmctl (fixture, &run, TRUE, "tasks", "add", "--user", "jan@example.com", "--title", "Oddzwonić do pani Zofii",
          "--due", "2026-12-07T09:00:00Z", "--record", contact, NULL);
  first = id_of (&run);
  crmctl (fixture, &run, TRUE, "tasks", "add", "--user", "Jan Kos", "--title", "Umowa", "--due",
          "2026-12-08T09:00:00+01:00", NULL);
  second = id_of (&run);
  crmctl (fixture, &run, TRUE, "tasks", "add", "--user", "2", "--title", "Raport", "--due", "2026-12-07T08:00:00Z",
          "--as", "jan@example.com", NULL);
  third = id_of (&run);
  g_assert_cmpint (first, <, second);
  g_assert_cmpint (second, <, third);

  crmctl (fixture, &run, TRUE, "tasks", "list", "--user", "jan@example.com", "--open", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run.json)), ==, 2);
  task = element (&run, 0);
  g_assert_cmpint (json_object_get_int_member (task, "id"), ==, first);
  g_assert_cmpstr (json_object_get_string_member (task, "title"), ==, "Oddzwonić do pani Zofii");
  g_assert_cmpstr (json_object_get_string_member (task, "user"), ==, "Jan Kos");
  g_assert_cmpstr (json_object_get_string_member (task, "due"), ==, "2026-12-07T09:00:00+00:00");
  record = json_object_get_object_member (task, "record");
  g_assert_cmpstr (json_object_get_string_member (record, "module"), ==, "contacts");
  g_assert_cmpint (json_object_get_int_member (record, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (record, "label"), ==, "Zofia Kamińska");
  g_assert_true (json_object_get_null_member (task, "done"));
  g_assert_true (json_object_get_boolean_member (task, "overdue"));
  g_assert_true (json_object_get_null_member (task, "created_by"));
  g_assert_true (json_object_get_null_member (task, "automation"));
  task = element (&run, 1);
  g_assert_cmpint (json_object_get_int_member (task, "id"), ==, second);
  g_assert_cmpstr (json_object_get_string_member (task, "due"), ==, "2026-12-08T08:00:00+00:00");
  g_assert_true (json_object_get_null_member (task, "record"));
  g_assert_false (json_object_get_boolean_member (task, "overdue"));

  /* everyone's */
  crmctl (fixture, &run, TRUE, "tasks", "list", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run.json)), ==, 3);
  task = element (&run, 0);
  g_assert_cmpint (json_object_get_int_member (task, "id"), ==, third);
  g_assert_cmpstr (json_object_get_string_member (task, "user"), ==, "Ewa Nowak");
  g_assert_cmpstr (json_object_get_string_member (task, "created_by"), ==, "Jan Kos");

  /* done: out of --open, shown done; once */
  first_id = g_strdup_printf ("%" G_GINT64_FORMAT, first);
  crmctl (fixture, &run, TRUE, "tasks", "done", first_id, "--as", "jan@example.com", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (run.json), "done"), ==,
                   "2026-12-07T10:00:00+00:00");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (run.json), "done_by"), ==, "Jan Kos");
  crmctl (fixture, &run, TRUE, "tasks", "list", "--user", "1", "--open", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run.json)), ==, 1);
  crmctl (fixture, &run, TRUE, "tasks", "done", first_id, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "is done already"));

  /* not Jan's to mark: Ewa's task */
  crmctl (fixture, &run, TRUE, "tasks", "done", "3", "--as", "jan@example.com", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "only they, a manager or an administrator"));

  /* undone, and its history */
  crmctl (fixture, &run, TRUE, "tasks", "undone", first_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_object_get_null_member (json_node_get_object (run.json), "done"));
  crmctl (fixture, &run, TRUE, "tasks", "show", first_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  task = json_node_get_object (run.json);
  g_assert_cmpstr (json_object_get_string_member (task, "title"), ==, "Oddzwonić do pani Zofii");
  history = json_object_get_array_member (task, "history");
  g_assert_cmpuint (json_array_get_length (history), ==, 3);
  crmctl (fixture, &run, FALSE, "tasks", "show", first_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Contact · Zofia Kamińska"));
  crmctl (fixture, &run, TRUE, "tasks", "show", "99", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "There is no task #99."));

  /* bad input: said, exit 2, nothing stored */
  refused (fixture, "There is no user “nobody”", "tasks", "add", "--user", "nobody", "--title", "X", "--due",
           "2026-12-08T09:00:00Z", NULL);
  refused (fixture, "“jutro” is not a time", "tasks", "add", "--user", "1", "--title", "X", "--due", "jutro", NULL);
  refused (fixture, "There is no ticket or request #5.", "tasks", "add", "--user", "1", "--title", "X", "--due",
           "2026-12-08T09:00:00Z", "--record", "requests:5", NULL);
  refused (fixture, "“deals:5” is not a record", "tasks", "add", "--user", "1", "--title", "X", "--due",
           "2026-12-08T09:00:00Z", "--record", "deals:5", NULL);
  refused (fixture, "the task needs a title", "tasks", "add", "--user", "1", "--title", " ", "--due",
           "2026-12-08T09:00:00Z", NULL);
  crmctl (fixture, &run, TRUE, "tasks", "add", "--user", "1", "--title", "X", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--due"));
  crmctl (fixture, &run, TRUE, "tasks", "list", "--user", "nobody", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "tasks", "list", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run.json)), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/crmctl/tasks", Fixture, NULL, fixture_set_up, test_tasks, fixture_tear_down);

  return g_test_run ();
}
