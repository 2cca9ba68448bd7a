/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"

G_BEGIN_DECLS

void crm_search_bump (GtkWidget    *widget,
                      CrmSession   *session,
                      const gint64 *ids,
                      guint         n_ids);

G_END_DECLS
