/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-dashboard"

#include "config.h"

#include "crm-dashboard-store-private.h"
#include "crm-search-store.h"
#include "crm-task-store.h"
#include "crm-ticket-store.h"

/* The dashboard's sales side and the office's work: how requests
 * ended (RQ9, as crm_ticket_store_count_outcomes () counts them) and
 * their projects, offers added, matched and mailed, stale searches
 * (the offers' own rule and count), referrals by broker with the time
 * to decide, the automations' steps and overdue tasks (the tasks'
 * own count). */

static gboolean
failed (CrmDashboardRun  *run,
        GError          **error)
{
  _crm_store_set_sql_error (run->store, error);

  return FALSE;
}

static int
compare_reasons (gconstpointer a,
                 gconstpointer b)
{
  const CrmDashboardReason *x = *(CrmDashboardReason * const *) a;
  const CrmDashboardReason *y = *(CrmDashboardReason * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;

  return g_utf8_collate (x->reason, y->reason);
}

/* Closed in the period with an outcome; a user's are those they
 * manage (the assignee, else who closed it), as the reasons'
 * statistics count them. */
static gboolean
count_outcomes (CrmDashboardRun  *run,
                GError          **error)
{
  CrmDashboard *dashboard = run->dashboard;
  g_autoptr(CrmStatement) stmt = NULL;
  int rc;

  stmt = _crm_dashboard_prepare (run,
                                 _crm_dashboard_scoped_sql (run,
                                                            "SELECT t.outcome, r.name, count (*) FROM tickets t "
                                                            "LEFT JOIN close_reasons r ON r.id = t.close_reason_id "
                                                            "WHERE t.outcome IS NOT NULL "
                                                            "AND t.closed_at >= ?1 AND t.closed_at < ?2",
                                                            "coalesce (t.assignee_id, t.closed_by)",
                                                            " GROUP BY t.outcome, r.name"),
                                 error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmTicketOutcome outcome = crm_ticket_outcome_from_string (crm_statement_get_text (stmt, 0));
      guint n = (guint) crm_statement_get_int64 (stmt, 2);

      if (outcome == CRM_TICKET_OUTCOME_WON)
        dashboard->requests.won += n;
      else if (outcome == CRM_TICKET_OUTCOME_SPAM)
        dashboard->requests.spam += n;
      else if (outcome == CRM_TICKET_OUTCOME_WONT_BUY)
        {
          CrmDashboardReason *reason = g_new0 (CrmDashboardReason, 1);

          dashboard->requests.wont_buy += n;
          reason->reason = g_strdup (crm_statement_get_text (stmt, 1) ? crm_statement_get_text (stmt, 1) : "");
          reason->count = n;
          g_ptr_array_add (dashboard->requests.reasons, reason);
        }
    }
  if (rc != CRM_STEP_DONE)
    return failed (run, error);
  g_ptr_array_sort (dashboard->requests.reasons, compare_reasons);

  return TRUE;
}

/* Projects of the scope's requests opened and closed in the period */
static gboolean
count_projects (CrmDashboardRun  *run,
                GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *sql = NULL;
  const char *opened = _crm_dashboard_scoped_sql (run, "SELECT count (*) FROM projects p "
                                                  "JOIN tickets t ON t.id = p.ticket_id "
                                                  "WHERE p.created_at >= ?1 AND p.created_at < ?2",
                                                  "t.assignee_id", NULL);
  const char *closed = _crm_dashboard_scoped_sql (run, "SELECT count (*) FROM projects p "
                                                  "JOIN tickets t ON t.id = p.ticket_id "
                                                  "WHERE p.closed_at >= ?1 AND p.closed_at < ?2 AND p.status = 'closed'",
                                                  "t.assignee_id", NULL);

  sql = g_strdup_printf ("SELECT (%s), (%s)", opened, closed);
  if (!(stmt = _crm_dashboard_prepare (run, g_intern_string (sql), error)))
    return FALSE;
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    return failed (run, error);
  run->dashboard->projects.opened = (guint) crm_statement_get_int64 (stmt, 0);
  run->dashboard->projects.closed = (guint) crm_statement_get_int64 (stmt, 1);

  return TRUE;
}

/* Offers added in the period (the user's: their agent's), those
 * matched to a search's mail box, the pairs; mails of offers sent in
 * the period (the user's: they sent it, or it is their client's; a
 * mail has a sending time once sent only). */
static gboolean
count_offers (CrmDashboardRun  *run,
              GError          **error)
{
  CrmDashboard *dashboard = run->dashboard;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *sql = NULL;
  gboolean user = dashboard->user_id != 0;

  sql = g_strdup_printf ("SELECT (SELECT count (*) FROM offers o WHERE o.created_at >= ?1 AND o.created_at < ?2%s), "
                         "(SELECT count (*) FROM offers o WHERE o.created_at >= ?1 AND o.created_at < ?2%s "
                         "AND EXISTS (SELECT 1 FROM offer_mail_items i WHERE i.offer_id = o.id)), "
                         "(SELECT count (*) FROM offers o JOIN offer_mail_items i ON i.offer_id = o.id "
                         "WHERE o.created_at >= ?1 AND o.created_at < ?2%s), "
                         "(SELECT count (*) FROM offer_mails m WHERE m.sent_at >= ?1 AND m.sent_at < ?2%s)",
                         user ? " AND +o.agent_id = ?9" : "", user ? " AND +o.agent_id = ?9" : "",
                         user ? " AND +o.agent_id = ?9" : "",
                         user ? " AND +coalesce (m.sent_by, m.agent_id) = ?9" : "");
  if (!(stmt = _crm_dashboard_prepare (run, g_intern_string (sql), error)))
    return FALSE;
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    return failed (run, error);
  dashboard->offers.added = (guint) crm_statement_get_int64 (stmt, 0);
  dashboard->offers.matched = (guint) crm_statement_get_int64 (stmt, 1);
  dashboard->offers.matches = (guint) crm_statement_get_int64 (stmt, 2);
  dashboard->offers.mailed = (guint) crm_statement_get_int64 (stmt, 3);

  return TRUE;
}

gboolean
_crm_dashboard_count_sales (CrmDashboardRun  *run,
                            GError          **error)
{
  CrmSearchFilter stale = { 0 };
  GError *local_error = NULL;

  if (!count_outcomes (run, error) || !count_projects (run, error) || !count_offers (run, error))
    return FALSE;

  /* the searches' list's own rule (OF10): not updated for the
   * office's stale days, now */
  stale.stale_only = TRUE;
  stale.agent_id = run->dashboard->user_id;
  run->dashboard->searches.stale = crm_search_store_count (crm_search_store_from_session (_crm_session (run->store)),
                                                           &stale, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  CrmDashboardBroker *broker;
  GArray             *times;   /* gint64: seconds to decide */
} BrokerCount;

static void
broker_count_free (gpointer data)
{
  BrokerCount *count = data;

  if (count->broker != NULL)
    {
      g_free (count->broker->form);
      g_free (count->broker->broker);
      g_free (count->broker);
    }
  g_array_unref (count->times);
  g_free (count);
}

/* The brokers' forms, by id, each with its (still empty) counts */
static gboolean
read_forms (CrmDashboardRun  *run,
            GHashTable       *forms,
            GPtrArray        *brokers,
            GError          **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (run->store, "SELECT id, name, broker_name FROM referral_forms "
                                                     "ORDER BY broker_name, name, id",
                                                     error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      BrokerCount *count = g_new0 (BrokerCount, 1);

      count->broker = g_new0 (CrmDashboardBroker, 1);
      count->broker->form_id = crm_statement_get_int64 (stmt, 0);
      count->broker->form = g_strdup (crm_statement_get_text (stmt, 1));
      count->broker->broker = g_strdup (crm_statement_get_text (stmt, 2));
      count->broker->decision_median = -1;
      count->times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (forms, &count->broker->form_id, count);
      g_ptr_array_add (brokers, count);
    }

  return rc == CRM_STEP_DONE || failed (run, error);
}

/* Referrals received in the period (the office's), accepted and
 * rejected in it (the user's decisions), by broker's form, and the
 * median time from receiving to deciding. */
gboolean
_crm_dashboard_count_referrals (CrmDashboardRun  *run,
                                GError          **error)
{
  CrmDashboard *dashboard = run->dashboard;
  g_autoptr(GHashTable) forms = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) brokers = g_ptr_array_new_with_free_func (broker_count_free);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CrmStatement) received = NULL;
  g_autoptr(CrmStatement) decided = NULL;
  int rc;

  if (!read_forms (run, forms, brokers, error))
    return FALSE;

  received = _crm_dashboard_prepare (run, "SELECT r.form_id, count (*) FROM referrals r "
                                     "WHERE r.received_at >= ?1 AND r.received_at < ?2 GROUP BY r.form_id",
                                     error);
  if (received == NULL)
    return FALSE;
  while ((rc = crm_statement_step (received)) == CRM_STEP_ROW)
    {
      gint64 form_id = crm_statement_get_int64 (received, 0);
      BrokerCount *count = g_hash_table_lookup (forms, &form_id);
      guint n = (guint) crm_statement_get_int64 (received, 1);

      dashboard->referrals.received += n;
      if (count != NULL)
        count->broker->received += n;
    }
  if (rc != CRM_STEP_DONE)
    return failed (run, error);

  decided = _crm_dashboard_prepare (run,
                                    dashboard->user_id != 0
                                    ? "SELECT r.form_id, r.status, r.status_changed_at - r.received_at FROM referrals r "
                                      "WHERE r.status <> 'pending' "
                                      "AND r.status_changed_at >= ?1 AND r.status_changed_at < ?2 "
                                      "AND +r.status_changed_by = ?9"
                                    : "SELECT r.form_id, r.status, r.status_changed_at - r.received_at FROM referrals r "
                                      "WHERE r.status <> 'pending' "
                                      "AND r.status_changed_at >= ?1 AND r.status_changed_at < ?2",
                                    error);
  if (decided == NULL)
    return FALSE;
  while ((rc = crm_statement_step (decided)) == CRM_STEP_ROW)
    {
      gint64 form_id = crm_statement_get_int64 (decided, 0);
      BrokerCount *count = g_hash_table_lookup (forms, &form_id);
      gboolean accepted = g_strcmp0 (crm_statement_get_text (decided, 1), "accepted") == 0;
      gint64 time = crm_statement_get_int64 (decided, 2);

      if (accepted)
        dashboard->referrals.accepted++;
      else
        dashboard->referrals.rejected++;
      g_array_append_val (times, time);
      if (count == NULL)
        continue;
      if (accepted)
        count->broker->accepted++;
      else
        count->broker->rejected++;
      g_array_append_val (count->times, time);
    }
  if (rc != CRM_STEP_DONE)
    return failed (run, error);
  dashboard->referrals.decision_median = _crm_dashboard_median (times);

  /* the brokers with referrals in the period, by name */
  for (guint i = 0; i < brokers->len; i++)
    {
      BrokerCount *count = g_ptr_array_index (brokers, i);

      if (count->broker->received == 0 && count->broker->accepted == 0 && count->broker->rejected == 0)
        continue;
      count->broker->decision_median = _crm_dashboard_median (count->times);
      g_ptr_array_add (dashboard->referrals.brokers, g_steal_pointer (&count->broker));
    }

  return TRUE;
}

/* The automations' steps done, skipped and failed in the period (the
 * office's); open tasks overdue now (the user's). */
gboolean
_crm_dashboard_count_work (CrmDashboardRun  *run,
                           GError          **error)
{
  CrmDashboard *dashboard = run->dashboard;
  g_autoptr(CrmStatement) stmt = NULL;
  GError *local_error = NULL;
  int rc;

  stmt = _crm_dashboard_prepare (run, "SELECT r.state, count (*) FROM automation_runs r "
                                 "WHERE r.done_at >= ?1 AND r.done_at < ?2 GROUP BY r.state",
                                 error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      const char *state = crm_statement_get_text (stmt, 0);
      guint n = (guint) crm_statement_get_int64 (stmt, 1);

      if (g_strcmp0 (state, "done") == 0)
        dashboard->automations.done += n;
      else if (g_strcmp0 (state, "skipped") == 0)
        dashboard->automations.skipped += n;
      else if (g_strcmp0 (state, "failed") == 0)
        dashboard->automations.failed += n;
    }
  if (rc != CRM_STEP_DONE)
    return failed (run, error);

  dashboard->tasks.overdue = crm_task_store_count_overdue (crm_task_store_from_session (_crm_session (run->store)),
                                                           dashboard->user_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}
