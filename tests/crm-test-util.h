/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

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
