/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"
#include "crm-dashboard-tile.h"
#include "crm-dashboard-tiles.h"

G_BEGIN_DECLS

/**
 * CrmDashboardPeriod:
 * @CRM_DASHBOARD_PERIOD_THIS_WEEK: Monday to Sunday of this week
 * @CRM_DASHBOARD_PERIOD_THIS_MONTH: this month
 * @CRM_DASHBOARD_PERIOD_LAST_MONTH: the month before
 * @CRM_DASHBOARD_PERIOD_CUSTOM: the days chosen on the calendars
 *
 * The periods of the Dashboard page, in its drop-down's order.
 */
typedef enum
{
  CRM_DASHBOARD_PERIOD_THIS_WEEK,
  CRM_DASHBOARD_PERIOD_THIS_MONTH,
  CRM_DASHBOARD_PERIOD_LAST_MONTH,
  CRM_DASHBOARD_PERIOD_CUSTOM,
} CrmDashboardPeriod;

#define CRM_TYPE_DASHBOARD_PAGE (crm_dashboard_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmDashboardPage, crm_dashboard_page, CRM, DASHBOARD_PAGE, GtkWidget)

void               crm_dashboard_page_set_session       (CrmDashboardPage  *self,
                                                         CrmSession        *session);
CrmDashboard      *crm_dashboard_page_get_dashboard     (CrmDashboardPage  *self);
gboolean           crm_dashboard_page_get_busy          (CrmDashboardPage  *self);
void               crm_dashboard_page_get_period        (CrmDashboardPage  *self,
                                                         gint64            *from,
                                                         gint64            *to);
void               crm_dashboard_page_get_scope         (CrmDashboardPage  *self,
                                                         gint64            *queue_id,
                                                         gint64            *user_id);
CrmDashboardTile  *crm_dashboard_page_get_tile          (CrmDashboardPage  *self,
                                                         CrmDashboardTileKind  which);
void               crm_dashboard_page_set_print_to_file (CrmDashboardPage  *self,
                                                         const char        *path);

G_END_DECLS
