/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-dashboard-store.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

/* The parameters every statement of the dashboard may take: the
 * period, the scope's queue and user (bound always; a statement that
 * does not name one leaves it out, as both backends do). */
#define CRM_DASHBOARD_FROM "?1"
#define CRM_DASHBOARD_TO "?2"
#define CRM_DASHBOARD_QUEUE "?8"
#define CRM_DASHBOARD_USER "?9"

/* A ticket past a time of its priority, before its subject is read */
typedef struct
{
  gint64   ticket_id;
  gint64   due;
  gint64   late;
  int      target;
  gboolean done;
} CrmDashboardLate;

/* One computation: the dashboard being filled and what its counts
 * share. */
typedef struct
{
  CrmDashboardStore *store;
  CrmDashboard      *dashboard;
  GArray            *starts;      /* gint64: each day's first second, the period's start first */
  gint64             today_end;
  GArray            *late;        /* CrmDashboardLate */
  GHashTable        *agents;      /* user id → CrmDashboardAgent */
} CrmDashboardRun;

const char *_crm_dashboard_scoped_sql   (CrmDashboardRun  *run,
                                         const char       *head,
                                         const char       *user_column,
                                         const char       *tail);
CrmStatement *_crm_dashboard_prepare    (CrmDashboardRun  *run,
                                         const char       *sql,
                                         GError          **error);
guint     _crm_dashboard_day_of         (CrmDashboardRun  *run,
                                         gint64            when);
gint64    _crm_dashboard_median         (GArray           *values);
gboolean  _crm_dashboard_count_tickets  (CrmDashboardRun  *run,
                                         GError          **error);
gboolean  _crm_dashboard_count_sla      (CrmDashboardRun  *run,
                                         GError          **error);
gboolean  _crm_dashboard_count_agents   (CrmDashboardRun  *run,
                                         GError          **error);
gboolean  _crm_dashboard_count_sales    (CrmDashboardRun  *run,
                                         GError          **error);
gboolean  _crm_dashboard_count_referrals (CrmDashboardRun *run,
                                          GError         **error);
gboolean  _crm_dashboard_count_work     (CrmDashboardRun  *run,
                                         GError          **error);

G_END_DECLS
