/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>

/* crm-thread-private.h */
guint _crm_background_count_threads (void);

/* Removes a temporary data directory and the database in it, with the
 * WAL and shared-memory files SQLite keeps beside it. */
static inline void
crm_test_remove_data_dir (const char *dir)
{
  static const char *names[] = { "crm.sqlite-wal", "crm.sqlite-shm", "crm.sqlite" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (g_remove (path) != 0)
        g_rmdir (path);
    }

  g_rmdir (dir);
}

/* Removes a temporary folder and everything in it. */
static inline void
crm_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        crm_test_remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

/* How many of GLib's pool threads (GTask, the resolver, TLS
 * handshakes) this process has, the one that starts them aside, the
 * project's background threads (named as they are) among them. */
static inline guint
crm_test_count_pool_threads (void)
{
  g_autoptr(GDir) tasks = g_dir_open ("/proc/self/task", 0, NULL);
  const char *name;
  guint n = 0;

  while (tasks != NULL && (name = g_dir_read_name (tasks)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", name, "comm", NULL);
      g_autofree char *comm = NULL;

      if (g_file_get_contents (path, &comm, NULL, NULL) && g_str_has_prefix (comm, "pool-") &&
          !g_str_has_prefix (comm, "pool-spawner"))
        n++;
    }

  return n;
}

/* Call before a test program returns: GLib's pool threads end on
 * timers of their own (half a second after their last task, or
 * fifteen), and one ending while LeakSanitizer stops the world at exit
 * crashes its tracer. Tells the idle ones to end and waits until they
 * have; the project's own threads are joined where they are started. */
static inline void
crm_test_wait_for_threads (void)
{
  g_thread_pool_set_max_unused_threads (0);
  for (guint tries = 0; tries < 200; tries++)
    {
      g_thread_pool_stop_unused_threads ();
      /* the project's background threads live as long as the process */
      if (crm_test_count_pool_threads () <= _crm_background_count_threads ())
        return;
      g_usleep (20 * 1000);
    }

  g_error ("GLib's pool threads did not end");
}

/* The templates' store working in @session (crm-template-store.h). */
#define CRM_TEMPLATES(session) (crm_template_store_from_session (session))

/* For an _async () call in a test: keeps its result in *@user_data
 * (a GAsyncResult *), for crm_test_wait_result (). */
static inline void
crm_test_async_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the main context until crm_test_async_done_cb () kept a result. */
static inline GAsyncResult *
crm_test_wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* What a database told (its "changed" signal), as "entity id" strings,
 * for tests that follow changes: connect crm_test_followed_cb with a
 * CrmTestFollowed. */
typedef struct
{
  GPtrArray *seen;
} CrmTestFollowed;

static inline void
crm_test_followed_cb (gpointer         database,
                      const char      *entity,
                      gint64           id,
                      CrmTestFollowed *followed)
{
  g_ptr_array_add (followed->seen, g_strdup_printf ("%s %" G_GINT64_FORMAT, entity, id));
}

static inline gboolean
crm_test_woken_cb (gpointer user_data)
{
  *(guint *) user_data = 0;

  return G_SOURCE_REMOVE;
}

/* One iteration of the default main context, woken after 50 ms at the
 * latest: a loop waiting for something with a deadline sees the
 * deadline pass even when nothing comes. */
static inline void
crm_test_iterate (void)
{
  guint source = 0;

  source = g_timeout_add (50, crm_test_woken_cb, &source);
  g_main_context_iteration (NULL, TRUE);
  if (source != 0)
    g_source_remove (source);
}

static inline gboolean
crm_test_followed_has (CrmTestFollowed *followed,
                       const char      *entry)
{
  for (guint i = 0; i < followed->seen->len; i++)
    if (g_str_equal (g_ptr_array_index (followed->seen, i), entry))
      return TRUE;

  return FALSE;
}
