/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "crm-test-util.h"

/* Shared by the crmctl tests: the real crmctl binary ($CRMCTL, set by
 * meson) run on a fresh data directory, its exit status, what it wrote
 * and its JSON. */

/* One run of crmctl. */
typedef struct
{
  int       status;
  char     *out;
  char     *err;
  JsonNode *json;
} Run;

static inline void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  g_clear_pointer (&run->json, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs crmctl with --data-dir @data_dir (unless that is %NULL), --json
 * with @json, then the NULL-terminated list of arguments @ap; @input
 * on its standard input (nothing if %NULL) and, with @no_bus, no D-Bus
 * session (so no Secret Service) reachable, nor an X display. With
 * @json, or --json among the arguments, the output of a run that
 * succeeds must parse. The environment is the test's: CRM_NOW, TZ. */
static inline void
crmctl_valist (Run        *run,
               const char *data_dir,
               const char *input,
               gboolean    no_bus,
               gboolean    json,
               va_list     ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;

  run_clear (run);

  g_ptr_array_add (args, (gpointer) g_getenv ("CRMCTL"));
  if (data_dir != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--data-dir");
      g_ptr_array_add (args, (gpointer) data_dir);
    }
  if (json)
    g_ptr_array_add (args, (gpointer) "--json");

  while ((arg = va_arg (ap, const char *)) != NULL)
    {
      g_ptr_array_add (args, (gpointer) arg);
      if (g_str_equal (arg, "--json"))
        json = TRUE;
    }
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  if (no_bus)
    {
      g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);
      g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input ? input : "", NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);

  if (json && run->status == 0)
    {
      run->json = json_from_string (run->out, &error);
      g_assert_no_error (error);
      g_assert_nonnull (run->json);
    }
}

/* A crmctl test's fixture: a fresh data directory of its own, named
 * after the test program. */
typedef struct
{
  char *dir;
} CrmctlFixture;

static inline void
crmctl_fixture_set_up (CrmctlFixture *fixture,
                       gconstpointer  data)
{
  g_autofree char *program = g_path_get_basename (g_get_prgname ());
  g_autofree char *template = g_strconcat (program, "-XXXXXX", NULL);

  fixture->dir = g_dir_make_tmp (template, NULL);
  g_assert_nonnull (fixture->dir);
}

/* Removes the data directory with all that the test left in it. */
static inline void
crmctl_fixture_tear_down (CrmctlFixture *fixture,
                          gconstpointer  data)
{
  crm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Runs crmctl with the fixture's data directory; a NULL-terminated
 * list of arguments. With json, the output must parse. */
static inline void
crmctl (CrmctlFixture *fixture,
        Run           *run,
        gboolean       json,
        ...)
{
  va_list ap;

  va_start (ap, json);
  crmctl_valist (run, fixture->dir, NULL, FALSE, json, ap);
  va_end (ap);
}

/* The same, with @input on standard input and, with @no_bus, no D-Bus
 * session (so no Secret Service) reachable. */
static inline void
crmctl_input (CrmctlFixture *fixture,
              Run           *run,
              const char    *input,
              gboolean       no_bus,
              ...)
{
  va_list ap;

  va_start (ap, no_bus);
  crmctl_valist (run, fixture->dir, input, no_bus, FALSE, ap);
  va_end (ap);
}

/* The "id" of the object a run that succeeded printed. */
static inline gint64
object_id (Run *run)
{
  JsonObject *object;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (run->json));
  object = json_node_get_object (run->json);
  g_assert_true (json_object_has_member (object, "id"));

  return json_object_get_int_member (object, "id");
}

/* How many elements the array a run that succeeded printed has. */
static inline guint
array_length (Run *run)
{
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (run->json));

  return json_array_get_length (json_node_get_array (run->json));
}

/* The object at @index of the array a run printed. */
static inline JsonObject *
array_object (Run   *run,
              guint  index)
{
  return json_array_get_object_element (json_node_get_array (run->json), index);
}
