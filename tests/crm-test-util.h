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
