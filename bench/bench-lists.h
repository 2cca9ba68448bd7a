/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What bench/tickets and bench/team do with a list as the tickets page
 * does: wait for a screen's rows, then read them. */

#include "crm.h"

/* the rows of a screen */
#define SCREEN_ROWS 50

static inline double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Runs the main loop until the list shows a screen's rows (the head of
 * its first reading comes before the rest) or has read everything. */
static inline void
wait_first_rows (CrmPagedList *list)
{
  while (g_list_model_get_n_items (G_LIST_MODEL (list)) < SCREEN_ROWS && crm_paged_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

static inline void
read_rows (GListModel *model)
{
  guint n = MIN (SCREEN_ROWS, g_list_model_get_n_items (model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert (item != NULL);
    }
}
