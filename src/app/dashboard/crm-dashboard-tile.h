/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-chart.h"

G_BEGIN_DECLS

/**
 * CRM_DASHBOARD_NO_LINK:
 *
 * A figure or a row with no list behind it.
 */
#define CRM_DASHBOARD_NO_LINK (-1)

#define CRM_TYPE_DASHBOARD_TILE (crm_dashboard_tile_get_type ())

G_DECLARE_FINAL_TYPE (CrmDashboardTile, crm_dashboard_tile, CRM, DASHBOARD_TILE, GtkWidget)

CrmDashboardTile   *crm_dashboard_tile_new              (const char         *name,
                                                         const char         *title,
                                                         const char         *file_name);
const char         *crm_dashboard_tile_get_name         (CrmDashboardTile   *self);
const char         *crm_dashboard_tile_get_title        (CrmDashboardTile   *self);
CrmChart           *crm_dashboard_tile_add_chart        (CrmDashboardTile   *self,
                                                         CrmChartKind        kind,
                                                         const char         *label);
CrmChart           *crm_dashboard_tile_get_chart        (CrmDashboardTile   *self);
void                crm_dashboard_tile_clear            (CrmDashboardTile   *self);
void                crm_dashboard_tile_add_figure       (CrmDashboardTile   *self,
                                                         const char         *label,
                                                         const char         *value,
                                                         const char         *tooltip,
                                                         int                 link,
                                                         gint64              key);
guint               crm_dashboard_tile_get_n_figures    (CrmDashboardTile   *self);
GtkWidget          *crm_dashboard_tile_get_figure       (CrmDashboardTile   *self,
                                                         guint               i);
void                crm_dashboard_tile_set_columns      (CrmDashboardTile   *self,
                                                         const char * const *columns);
void                crm_dashboard_tile_add_row          (CrmDashboardTile   *self,
                                                         const char * const *cells,
                                                         int                 link,
                                                         gint64              key,
                                                         gint64              ticket_id);
void                crm_dashboard_tile_update           (CrmDashboardTile   *self,
                                                         const char         *summary);
const char * const *crm_dashboard_tile_get_columns      (CrmDashboardTile   *self);
guint               crm_dashboard_tile_get_n_rows       (CrmDashboardTile   *self);
const char * const *crm_dashboard_tile_get_row          (CrmDashboardTile   *self,
                                                         guint               i);
GtkWidget          *crm_dashboard_tile_get_row_widget   (CrmDashboardTile   *self,
                                                         guint               i);
char               *crm_dashboard_tile_get_figures_text (CrmDashboardTile   *self);
const char         *crm_dashboard_tile_get_summary      (CrmDashboardTile   *self);
char               *crm_dashboard_tile_to_csv           (CrmDashboardTile   *self);
void                crm_dashboard_tile_set_export_file  (CrmDashboardTile   *self,
                                                         GFile              *file);
void                crm_dashboard_tile_set_file_name    (CrmDashboardTile   *self,
                                                         const char         *file_name);

G_END_DECLS
