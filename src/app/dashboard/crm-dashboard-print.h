/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-dashboard-tile.h"

G_BEGIN_DECLS

gboolean crm_dashboard_print (GtkWidget         *parent,
                              CrmDashboardTile **cards,
                              guint              n_cards,
                              const char        *title,
                              const char        *export_file,
                              GError           **error);

G_END_DECLS
