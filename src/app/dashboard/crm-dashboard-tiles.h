/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm.h"
#include "crm-dashboard-tile.h"

G_BEGIN_DECLS

/* The dashboard's cards, in the page's order. */
typedef enum
{
  CRM_DASHBOARD_TILE_TICKETS,
  CRM_DASHBOARD_TILE_SLA,
  CRM_DASHBOARD_TILE_AGENTS,
  CRM_DASHBOARD_TILE_REQUESTS,
  CRM_DASHBOARD_TILE_OFFERS,
  CRM_DASHBOARD_TILE_REFERRALS,
  CRM_DASHBOARD_TILE_AUTOMATIONS,
  CRM_DASHBOARD_TILE_N
} CrmDashboardTileKind;

CrmDashboardTile *crm_dashboard_tiles_new        (CrmDashboardTileKind   which);
void              crm_dashboard_tiles_fill       (CrmDashboardTile   *card,
                                                  CrmDashboardTileKind   which,
                                                  const CrmDashboard *dashboard,
                                                  GTimeZone          *zone);
gboolean          crm_dashboard_tiles_chart_link (CrmDashboardTileKind   which,
                                                  const CrmDashboard *dashboard,
                                                  guint               category,
                                                  guint               series,
                                                  int                *link,
                                                  gint64             *key);
char             *crm_dashboard_tiles_duration   (gint64              seconds);

G_END_DECLS
