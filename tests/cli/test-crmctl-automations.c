/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-test-util.h"
#include <json-glib/json-glib.h>

/*
 * Automations through the real crmctl binary (CRMCTL.md, "Saved views,
 * tasks, automations"): templates add, automations add, step,
 * move-step, show, simulate, activate, runs, deactivate, list,
 * scheduler run with the clock moved (CRM_NOW), settings time-zone and
 * automation-daily-cap; their JSON, and what bad input gets: a clear
 * error and exit status 2, nothing stored. The office's account keeps
 * its password in a real GNOME Keyring.
 */

#define MONDAY "2026-03-02T07:00:00+00:00"          /* 08:00 in Warsaw */
#define TUESDAY_NINE "2026-03-03T08:00:00+00:00"    /* 09:00 in Warsaw */

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
  fixture->dir = g_dir_make_tmp ("crmctl-automations-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  crm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Runs crmctl --json at @now with the NULL-terminated arguments, @input
 * on its standard input; the output must parse when it succeeds. */
static void
crmctl_at (Fixture    *fixture,
           Run        *run,
           const char *now,
           const char *input,
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
  g_ptr_array_add (args, (gpointer) "--json");
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "CRM_NOW", now, TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
  if (run->status == 0 && run->out[0] != '\0')
    {
      run->json = json_from_string (run->out, &error);
      g_assert_no_error (error);
    }
}

#define crmctl(fixture, run, ...) crmctl_at ((fixture), (run), MONDAY, NULL, __VA_ARGS__)

static JsonObject *
object (Run *run)
{
  g_assert_cmpint (run->status, ==, 0);

  return json_node_get_object (run->json);
}

static JsonArray *
array (Run *run)
{
  g_assert_cmpint (run->status, ==, 0);

  return json_node_get_array (run->json);
}

static gint64
id_of (Run *run)
{
  return json_object_get_int_member (object (run), "id");
}

/* The error said, and nothing else, with exit status 2. */
static void
assert_refused (Run        *run,
                const char *words)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, words));
}

static void
test_flow (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *body = g_build_filename (fixture->dir, "template.txt", NULL);
  g_autofree char *automation = NULL;
  g_autofree char *step_id = NULL;
  JsonArray *steps, *runs;
  JsonObject *plan;

  g_assert_true (g_file_set_contents (body, "Dzień dobry {client_first_name},\npiszę w sprawie mieszkania.\n"
                                            "{agent_name}\n", -1, NULL));
  crmctl (fixture, &run, "users", "add", "--name", "Jan Kowal", "--email", "jan@example.com", "--role", "agent", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, "contacts", "add", "--name", "Zofia Kamińska", "--email", "zofia@example.com", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl_at (fixture, &run, MONDAY, "pass word\n", "account", "add", "--address", "biuro@example.com", "--imap-host",
             "127.0.0.1", "--imap-security", "none", "--smtp-host", "127.0.0.1", "--smtp-security", "none",
             "--username", "office", "--password-stdin", "--allow-insecure", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, "templates", "add", "--name", "Follow-up", "--body-file", body, NULL);
  g_assert_cmpint (id_of (&run), ==, 1);
  crmctl (fixture, &run, "tickets", "new", "--subject", "Mieszkanie", "--queue", "Inbox", "--on-behalf-of", "1",
          "--source", "phone", "--body-file", body, "--as", "Jan Kowal", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, "tickets", "assign", "1", "Jan Kowal", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, "tickets", "set", "1", "--status", "Pending", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* refused: the module, the selection, the kind, the time, the zone */
  crmctl (fixture, &run, "automations", "add", "--module", "invoices", "--name", "X", "--status", "Pending", NULL);
  assert_refused (&run, "not a module");
  crmctl (fixture, &run, "automations", "add", "--module", "requests", "--name", "X", NULL);
  assert_refused (&run, "--status or --view");
  crmctl (fixture, &run, "automations", "add", "--module", "requests", "--name", "X", "--status", "Lost", NULL);
  assert_refused (&run, "no status “Lost”");
  crmctl (fixture, &run, "automations", "add", "--module", "requests", "--name", "X", "--status", "Pending",
          "--catch-up", "never", NULL);
  assert_refused (&run, "catch-up policy");
  crmctl (fixture, &run, "automations", "list", NULL);
  g_assert_cmpuint (json_array_get_length (array (&run)), ==, 0);

  crmctl (fixture, &run, "automations", "add", "--module", "requests", "--name", "Follow-up", "--status", "pending",
          "--catch-up", "next", NULL);
  automation = g_strdup_printf ("%" G_GINT64_FORMAT, id_of (&run));
  crmctl (fixture, &run, "automations", "step", automation, "--kind", "fax", "--delay-days", "1", NULL);
  assert_refused (&run, "not a kind of step");
  crmctl (fixture, &run, "automations", "step", automation, "--kind", "email-contact", "--delay-days", "1",
          "--at-time", "25:00", "--template", "1", NULL);
  assert_refused (&run, "not a time of day");
  crmctl (fixture, &run, "automations", "step", automation, "--kind", "email-contact", "--delay-days", "1",
          "--weekdays", "mon,someday", "--template", "1", NULL);
  assert_refused (&run, "not a day");
  crmctl (fixture, &run, "automations", "step", automation, "--kind", "email-contact", "--delay-days", "1",
          "--at-time", "09:00", "--template", "1", "--sender", "Jan Kowal", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, "automations", "step", automation, "--kind", "email-user", "--delay-days", "0",
          "--template", "1", "--recipient", "jan@example.com", NULL);
  step_id = g_strdup_printf ("%" G_GINT64_FORMAT, id_of (&run));

  /* the keyboard's way of dragging: the second step first */
  crmctl (fixture, &run, "automations", "move-step", automation, "--step", step_id, "--to", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, "automations", "show", automation, NULL);
  g_assert_cmpint (json_object_get_int_member (object (&run), "version"), ==, 1);
  g_assert_false (json_object_get_boolean_member (object (&run), "active"));
  g_assert_cmpstr (json_object_get_string_member (object (&run), "status"), ==, "Pending");
  g_assert_cmpstr (json_object_get_string_member (object (&run), "catch_up"), ==, "next");
  steps = json_object_get_array_member (object (&run), "steps");
  g_assert_cmpuint (json_array_get_length (steps), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 0), "kind"), ==, "email-user");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 0), "recipient"), ==,
                   "Jan Kowal");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 1), "at_time"), ==, "09:00");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 1), "sender"), ==, "Jan Kowal");

  /* what it would do, writing nothing */
  crmctl (fixture, &run, "automations", "simulate", automation, "--days", "0", NULL);
  assert_refused (&run, "Simulate 1 to");
  crmctl (fixture, &run, "automations", "simulate", automation, "--days", "3", NULL);
  g_assert_cmpint (json_object_get_int_member (object (&run), "entering"), ==, 1);
  steps = json_object_get_array_member (object (&run), "steps");
  g_assert_cmpuint (json_array_get_length (steps), ==, 2);
  plan = json_array_get_object_element (steps, 0);
  g_assert_cmpstr (json_object_get_string_member (plan, "kind"), ==, "email-user");
  g_assert_cmpstr (json_object_get_string_member (plan, "due"), ==, MONDAY);
  g_assert_cmpstr (json_object_get_string_member (plan, "recipient"), ==, "jan@example.com");
  g_assert_cmpstr (json_object_get_string_member (plan, "what"), ==, "Follow-up");
  g_assert_true (json_object_get_null_member (plan, "skipped"));
  plan = json_array_get_object_element (steps, 1);
  g_assert_cmpstr (json_object_get_string_member (plan, "due"), ==, TUESDAY_NINE);
  g_assert_cmpstr (json_object_get_string_member (plan, "recipient"), ==, "zofia@example.com");
  crmctl (fixture, &run, "automations", "runs", automation, NULL);
  g_assert_cmpuint (json_array_get_length (array (&run)), ==, 0);

  crmctl (fixture, &run, "automations", "activate", automation, NULL);
  g_assert_true (json_object_get_boolean_member (object (&run), "active"));
  g_assert_cmpint (json_object_get_int_member (object (&run), "entered"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object (&run), "waiting"), ==, 2);
  crmctl (fixture, &run, "automations", "activate", automation, NULL);
  assert_refused (&run, "active already");

  /* the clock moved: each step at its time, once */
  crmctl (fixture, &run, "scheduler", "run", NULL);
  g_assert_cmpint (json_object_get_int_member (object (&run), "done"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (object (&run), "next_due"), ==, TUESDAY_NINE);
  crmctl (fixture, &run, "scheduler", "run", NULL);
  g_assert_cmpint (json_object_get_int_member (object (&run), "done"), ==, 0);
  crmctl_at (fixture, &run, TUESDAY_NINE, NULL, "scheduler", "run", NULL);
  g_assert_cmpint (json_object_get_int_member (object (&run), "done"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object (&run), "caught_up"), ==, 0);
  g_assert_true (json_object_get_null_member (object (&run), "next_due"));

  crmctl (fixture, &run, "automations", "runs", automation, NULL);
  runs = array (&run);
  g_assert_cmpuint (json_array_get_length (runs), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *one = json_array_get_object_element (runs, i);

      g_assert_cmpstr (json_object_get_string_member (one, "state"), ==, "done");
      g_assert_cmpint (json_object_get_int_member (one, "outbox"), >, 0);
      g_assert_true (json_object_get_null_member (one, "task"));
      g_assert_cmpint (json_object_get_int_member (one, "record"), ==, 1);
      g_assert_false (json_object_get_boolean_member (one, "caught_up"));
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (runs, 1), "done_at"), ==,
                   TUESDAY_NINE);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (runs, 1), "recipient"), ==,
                   "zofia@example.com");
  crmctl (fixture, &run, "outbox", "list", NULL);
  g_assert_cmpuint (json_array_get_length (array (&run)), ==, 2);

  crmctl (fixture, &run, "automations", "deactivate", automation, NULL);
  g_assert_false (json_object_get_boolean_member (object (&run), "active"));
  crmctl (fixture, &run, "automations", "list", "--module", "requests", NULL);
  g_assert_cmpuint (json_array_get_length (array (&run)), ==, 1);
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (array (&run), 0), "active"));
  crmctl (fixture, &run, "automations", "show", "99", NULL);
  assert_refused (&run, "no automation #99");
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  crmctl (fixture, &run, "settings", "time-zone", NULL);
  g_assert_cmpstr (json_object_get_string_member (object (&run), "time_zone"), ==, "Europe/Warsaw");
  crmctl (fixture, &run, "settings", "time-zone", "Mars/Olympus", NULL);
  assert_refused (&run, "not a time zone");
  crmctl (fixture, &run, "settings", "time-zone", "Europe/Budapest", NULL);
  g_assert_cmpstr (json_object_get_string_member (object (&run), "time_zone"), ==, "Europe/Budapest");
  crmctl (fixture, &run, "settings", "automation-daily-cap", NULL);
  g_assert_cmpint (json_object_get_int_member (object (&run), "automation_daily_cap"), ==, 1);
  crmctl (fixture, &run, "settings", "automation-daily-cap", "0", NULL);
  assert_refused (&run, "Allow 1 to");
  crmctl (fixture, &run, "settings", "automation-daily-cap", "3", NULL);
  g_assert_cmpint (json_object_get_int_member (object (&run), "automation_daily_cap"), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crmctl-automations/flow", Fixture, NULL, fixture_set_up, test_flow, fixture_tear_down);
  g_test_add ("/crmctl-automations/settings", Fixture, NULL, fixture_set_up, test_settings, fixture_tear_down);

  return g_test_run ();
}
