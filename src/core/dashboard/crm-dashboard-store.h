/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-dashboard.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_DASHBOARD_STORE (crm_dashboard_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmDashboardStore, crm_dashboard_store, CRM, DASHBOARD_STORE, CrmStore)

/**
 * CRM_DASHBOARD_MAX_DAYS:
 *
 * The longest period the dashboard counts, in days.
 */
#define CRM_DASHBOARD_MAX_DAYS 1830

/**
 * CRM_DASHBOARD_MAX_BREACHES:
 *
 * The most breaches a dashboard lists (it counts them all).
 */
#define CRM_DASHBOARD_MAX_BREACHES 100

CrmDashboardStore *crm_dashboard_store_from_session  (CrmSession          *session);
GTimeZone         *crm_dashboard_store_get_zone      (CrmDashboardStore   *self);
void               crm_dashboard_store_get_month     (CrmDashboardStore   *self,
                                                      gint64              *from,
                                                      gint64              *to);
gboolean           crm_dashboard_store_parse_day     (CrmDashboardStore   *self,
                                                      const char          *text,
                                                      gboolean             end,
                                                      gint64              *when,
                                                      GError             **error);
CrmDashboard      *crm_dashboard_store_compute       (CrmDashboardStore   *self,
                                                      gint64               from,
                                                      gint64               to,
                                                      gint64               queue_id,
                                                      gint64               user_id,
                                                      GError             **error);
void               crm_dashboard_store_compute_async (CrmDashboardStore   *self,
                                                      gint64               from,
                                                      gint64               to,
                                                      gint64               queue_id,
                                                      gint64               user_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
CrmDashboard      *crm_dashboard_store_compute_finish (CrmDashboardStore  *self,
                                                       GAsyncResult       *result,
                                                       GError            **error);

G_END_DECLS
