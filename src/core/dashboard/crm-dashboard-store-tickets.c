/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-dashboard"

#include "config.h"

#include "crm-dashboard-store-private.h"
#include "crm-ticket-store.h"

/* The dashboard's tickets and requests: opened and closed in the
 * period and on each of its days, open at each day's end (from those
 * open at its start and the days' opened and closed: no query a day),
 * open now; the first answers and the closings against the priority's
 * times (SLA), and the tickets that missed them; each agent's load.
 * Each query reads a range of an index of 0040 (or 0024, 0031). */

#define NOT_SPAM " AND (t.outcome IS NULL OR t.outcome <> 'spam')"

static gboolean
failed (CrmDashboardRun  *run,
        GError          **error)
{
  _crm_store_set_sql_error (run->store, error);

  return FALSE;
}

static void
add_late (CrmDashboardRun    *run,
          gint64              ticket_id,
          CrmDashboardTarget  target,
          gint64              due,
          gint64              until,
          gboolean            done)
{
  CrmDashboardLate late = { ticket_id, due, until - due, target, done };

  g_array_append_val (run->late, late);
}

/* Opened in the period, on each day. */
static gboolean
count_opened (CrmDashboardRun  *run,
              GError          **error)
{
  CrmDashboard *dashboard = run->dashboard;
  g_autoptr(CrmStatement) stmt = NULL;
  int rc;

  stmt = _crm_dashboard_prepare (run,
                                 _crm_dashboard_scoped_sql (run, "SELECT t.created_at FROM tickets t "
                                                            "WHERE t.created_at >= ?1 AND t.created_at < ?2",
                                                            "t.assignee_id", NULL),
                                 error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      guint day = _crm_dashboard_day_of (run, crm_statement_get_int64 (stmt, 0));

      g_array_index (dashboard->tickets.days, CrmDashboardDay, day).opened++;
      dashboard->tickets.opened++;
    }

  return rc == CRM_STEP_DONE || failed (run, error);
}

/* Closed in the period, on each day; the closings against their
 * resolution time, spam left out. */
static gboolean
count_closed (CrmDashboardRun  *run,
              GError          **error)
{
  CrmDashboard *dashboard = run->dashboard;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = _crm_dashboard_prepare (run,
                                 _crm_dashboard_scoped_sql (run,
                                                            "SELECT t.id, t.created_at, t.closed_at, "
                                                            "coalesce (t.resolution_due, 0), "
                                                            "CASE WHEN t.outcome = 'spam' THEN 1 ELSE 0 END "
                                                            "FROM tickets t "
                                                            "WHERE t.closed_at >= ?1 AND t.closed_at < ?2",
                                                            "t.assignee_id", NULL),
                                 error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      gint64 created = crm_statement_get_int64 (stmt, 1);
      gint64 closed = crm_statement_get_int64 (stmt, 2);
      gint64 due = crm_statement_get_int64 (stmt, 3);
      gint64 time = closed - created;

      g_array_index (dashboard->tickets.days, CrmDashboardDay, _crm_dashboard_day_of (run, closed)).closed++;
      dashboard->tickets.closed++;
      if (crm_statement_get_int (stmt, 4))
        continue;
      dashboard->tickets.resolved++;
      g_array_append_val (times, time);
      if (due == 0 || closed <= due)
        dashboard->tickets.resolution_met++;
      else
        add_late (run, crm_statement_get_int64 (stmt, 0), CRM_DASHBOARD_TARGET_RESOLUTION, due, closed, TRUE);
    }
  if (rc != CRM_STEP_DONE)
    return failed (run, error);
  dashboard->tickets.resolution_median = _crm_dashboard_median (times);

  return TRUE;
}

/* Open at the period's start, by their closing times: those not
 * closed, and those closed since, opened before it. */
static gboolean
count_open_start (CrmDashboardRun  *run,
                  GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *sql = NULL;
  const char *open = _crm_dashboard_scoped_sql (run, "SELECT count (*) FROM tickets t "
                                                "WHERE t.closed_at IS NULL AND t.created_at < ?1",
                                                "t.assignee_id", NULL);
  const char *closed = _crm_dashboard_scoped_sql (run, "SELECT count (*) FROM tickets t "
                                                  "WHERE t.closed_at >= ?1 AND t.created_at < ?1",
                                                  "t.assignee_id", NULL);

  sql = g_strdup_printf ("SELECT (%s), (%s)", open, closed);
  if (!(stmt = _crm_dashboard_prepare (run, g_intern_string (sql), error)))
    return FALSE;
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    return failed (run, error);
  run->dashboard->tickets.open_start = (guint) (crm_statement_get_int64 (stmt, 0) + crm_statement_get_int64 (stmt, 1));

  return TRUE;
}

gboolean
_crm_dashboard_count_tickets (CrmDashboardRun  *run,
                              GError          **error)
{
  CrmDashboard *dashboard = run->dashboard;
  gint64 open;

  g_array_set_size (dashboard->tickets.days, run->starts->len);
  for (guint i = 0; i < run->starts->len; i++)
    g_array_index (dashboard->tickets.days, CrmDashboardDay, i).start = g_array_index (run->starts, gint64, i);

  if (!count_opened (run, error) || !count_closed (run, error) || !count_open_start (run, error))
    return FALSE;

  open = dashboard->tickets.open_start;
  for (guint i = 0; i < dashboard->tickets.days->len; i++)
    {
      CrmDashboardDay *day = &g_array_index (dashboard->tickets.days, CrmDashboardDay, i);

      open += (gint64) day->opened - (gint64) day->closed;
      day->open = (guint) MAX (open, 0);
    }

  return TRUE;
}

/* First answers in the period against the response time (the
 * priority's minutes from the ticket's opening, as
 * _crm_tickets_set_due_times () sets response_due, which the answer
 * clears). */
static gboolean
count_responses (CrmDashboardRun  *run,
                 GError          **error)
{
  CrmDashboard *dashboard = run->dashboard;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = _crm_dashboard_prepare (run,
                                 _crm_dashboard_scoped_sql (run,
                                                            "SELECT t.id, t.created_at, t.responded_at, "
                                                            "coalesce (p.response_minutes, -1) "
                                                            "FROM tickets t JOIN priorities p ON p.id = t.priority_id "
                                                            "WHERE t.responded_at >= ?1 AND t.responded_at < ?2" NOT_SPAM,
                                                            "t.assignee_id", NULL),
                                 error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      gint64 created = crm_statement_get_int64 (stmt, 1);
      gint64 responded = crm_statement_get_int64 (stmt, 2);
      gint64 minutes = crm_statement_get_int64 (stmt, 3);
      gint64 time = responded - created;

      dashboard->tickets.responded++;
      g_array_append_val (times, time);
      if (minutes < 0 || responded <= created + minutes * 60)
        dashboard->tickets.response_met++;
      else
        add_late (run, crm_statement_get_int64 (stmt, 0), CRM_DASHBOARD_TARGET_RESPONSE, created + minutes * 60,
                  responded, TRUE);
    }
  if (rc != CRM_STEP_DONE)
    return failed (run, error);
  dashboard->tickets.response_median = _crm_dashboard_median (times);

  return TRUE;
}

/* Due in the period, before now, and still not answered (or closed
 * after it without an answer) or not closed. */
static gboolean
count_overdue (CrmDashboardRun  *run,
               GError          **error)
{
  CrmDashboard *dashboard = run->dashboard;
  g_autoptr(CrmStatement) response = NULL;
  g_autoptr(CrmStatement) resolution = NULL;
  gint64 until = MIN (dashboard->to, dashboard->now);
  int rc;

  response = _crm_dashboard_prepare (run,
                                     _crm_dashboard_scoped_sql (run,
                                                                "SELECT t.id, t.response_due, coalesce (t.closed_at, 0) "
                                                                "FROM tickets t WHERE t.responded_at IS NULL "
                                                                "AND t.response_due >= ?1 AND t.response_due < ?3 "
                                                                "AND (t.closed_at IS NULL OR t.closed_at > t.response_due)"
                                                                NOT_SPAM,
                                                                "t.assignee_id", NULL),
                                     error);
  if (response == NULL)
    return FALSE;
  crm_statement_bind_int64 (response, 3, until);
  while ((rc = crm_statement_step (response)) == CRM_STEP_ROW)
    {
      gint64 closed = crm_statement_get_int64 (response, 2);

      add_late (run, crm_statement_get_int64 (response, 0), CRM_DASHBOARD_TARGET_RESPONSE,
                crm_statement_get_int64 (response, 1), closed != 0 ? closed : dashboard->now, closed != 0);
    }
  if (rc != CRM_STEP_DONE)
    return failed (run, error);

  resolution = _crm_dashboard_prepare (run,
                                       _crm_dashboard_scoped_sql (run,
                                                                  "SELECT t.id, t.resolution_due FROM tickets t "
                                                                  "WHERE t.closed_at IS NULL "
                                                                  "AND t.resolution_due >= ?1 AND t.resolution_due < ?3",
                                                                  "t.assignee_id", NULL),
                                       error);
  if (resolution == NULL)
    return FALSE;
  crm_statement_bind_int64 (resolution, 3, until);
  while ((rc = crm_statement_step (resolution)) == CRM_STEP_ROW)
    add_late (run, crm_statement_get_int64 (resolution, 0), CRM_DASHBOARD_TARGET_RESOLUTION,
              crm_statement_get_int64 (resolution, 1), dashboard->now, FALSE);

  return rc == CRM_STEP_DONE || failed (run, error);
}

static int
compare_late (gconstpointer a,
              gconstpointer b)
{
  const CrmDashboardLate *x = a;
  const CrmDashboardLate *y = b;

  if (x->late != y->late)
    return x->late > y->late ? -1 : 1;
  if (x->ticket_id != y->ticket_id)
    return x->ticket_id < y->ticket_id ? -1 : 1;

  return x->target - y->target;
}

/* The breaches listed, the latest first, with their subjects. */
static gboolean
list_breaches (CrmDashboardRun  *run,
               GError          **error)
{
  CrmDashboard *dashboard = run->dashboard;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) subjects = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *json = NULL;
  guint n;
  int rc;

  g_array_sort (run->late, compare_late);
  dashboard->tickets.breaches = run->late->len;
  n = MIN (run->late->len, CRM_DASHBOARD_MAX_BREACHES);
  if (n == 0)
    return TRUE;
  for (guint i = 0; i < n; i++)
    g_array_append_val (ids, g_array_index (run->late, CrmDashboardLate, i).ticket_id);

  json = _crm_store_ids_json ((const gint64 *) ids->data, ids->len);
  if (!(stmt = _crm_store_prepare (run->store, "SELECT t.id, t.subject FROM tickets t "
                                   "WHERE t.id IN (SELECT value FROM json_each (?1))",
                                   error)))
    return FALSE;
  crm_statement_bind_text (stmt, 1, json);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    g_hash_table_insert (subjects, g_memdup2 ((gint64[]) { crm_statement_get_int64 (stmt, 0) }, sizeof (gint64)),
                         g_strdup (crm_statement_get_text (stmt, 1)));
  if (rc != CRM_STEP_DONE)
    return failed (run, error);

  for (guint i = 0; i < n; i++)
    {
      const CrmDashboardLate *late = &g_array_index (run->late, CrmDashboardLate, i);
      CrmDashboardBreach *breach = g_new0 (CrmDashboardBreach, 1);
      const char *subject = g_hash_table_lookup (subjects, &late->ticket_id);

      breach->ticket_id = late->ticket_id;
      breach->subject = g_strdup (subject != NULL ? subject : "");
      breach->target = late->target;
      breach->due = late->due;
      breach->late = late->late;
      breach->done = late->done;
      g_ptr_array_add (dashboard->tickets.breach_list, breach);
    }

  return TRUE;
}

gboolean
_crm_dashboard_count_sla (CrmDashboardRun  *run,
                          GError          **error)
{
  return count_responses (run, error) && count_overdue (run, error) && list_breaches (run, error);
}

/* The load of @user_id, made when first counted */
static CrmDashboardAgent *
agent_of (CrmDashboardRun *run,
          gint64           user_id)
{
  CrmDashboardAgent *agent = g_hash_table_lookup (run->agents, &user_id);

  if (agent == NULL)
    {
      agent = g_new0 (CrmDashboardAgent, 1);
      agent->user_id = user_id;
      g_hash_table_insert (run->agents, &agent->user_id, agent);
    }

  return agent;
}

/* Open now (not in a closed status, as the lists show them), for the
 * scope and each assignee; those waiting for the client (a status of
 * the "pending" kind). By status, then assignee: the order of the
 * index of 0040, read alone. */
static gboolean
count_open_now (CrmDashboardRun  *run,
                GError          **error)
{
  g_autoptr(CrmStatement) statuses = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GHashTable) pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int rc;

  if (!(statuses = _crm_store_prepare (run->store, "SELECT id FROM statuses WHERE kind = 'pending'", error)))
    return FALSE;
  while ((rc = crm_statement_step (statuses)) == CRM_STEP_ROW)
    g_hash_table_add (pending, g_memdup2 ((gint64[]) { crm_statement_get_int64 (statuses, 0) }, sizeof (gint64)));
  if (rc != CRM_STEP_DONE)
    return failed (run, error);

  stmt = _crm_dashboard_prepare (run,
                                 _crm_dashboard_scoped_sql (run,
                                                            "SELECT t.status_id, t.assignee_id, count (*) FROM tickets t "
                                                            "WHERE t.status_id IN (SELECT id FROM statuses WHERE kind <> 'closed')",
                                                            "t.assignee_id", " GROUP BY t.status_id, t.assignee_id"),
                                 error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      gint64 status_id = crm_statement_get_int64 (stmt, 0);
      gint64 user_id = crm_statement_get_int64 (stmt, 1);
      guint n = (guint) crm_statement_get_int64 (stmt, 2);

      run->dashboard->tickets.open_now += n;
      if (user_id == 0)
        continue;
      agent_of (run, user_id)->open += n;
      if (g_hash_table_contains (pending, &status_id))
        agent_of (run, user_id)->waiting += n;
    }

  return rc == CRM_STEP_DONE || failed (run, error);
}

/* Waiting for the client's answer to our last mail for the office's
 * days (RQ12: crm_ticket_no_answer_days ()), not closed. */
static gboolean
count_no_reply (CrmDashboardRun  *run,
                GError          **error)
{
  guint days = crm_ticket_store_get_no_answer_days (crm_ticket_store_from_session (_crm_session (run->store)));
  g_autoptr(CrmStatement) stmt = NULL;
  int rc;

  if (days == 0)
    return TRUE;
  stmt = _crm_dashboard_prepare (run,
                                 _crm_dashboard_scoped_sql (run,
                                                            "SELECT t.assignee_id, count (*) FROM tickets t "
                                                            "WHERE t.awaiting_since IS NOT NULL AND t.awaiting_since <= ?3 "
                                                            "AND t.assignee_id IS NOT NULL AND t.status_id NOT IN "
                                                            "(SELECT id FROM statuses WHERE kind = 'closed')",
                                                            "t.assignee_id", " GROUP BY t.assignee_id"),
                                 error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 3, run->dashboard->now - (gint64) days * 86400);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    agent_of (run, crm_statement_get_int64 (stmt, 0))->no_reply += (guint) crm_statement_get_int64 (stmt, 1);

  return rc == CRM_STEP_DONE || failed (run, error);
}

/* Our replies in tickets (the mail we sent, by who wrote it; not
 * forwards) from @from to @to, into the agents' @today or period
 * count. */
static gboolean
count_answered (CrmDashboardRun  *run,
                gint64            from,
                gint64            to,
                gboolean          today,
                GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  int rc;

  stmt = _crm_dashboard_prepare (run,
                                 _crm_dashboard_scoped_sql (run,
                                                            "SELECT m.author_id, count (*) FROM messages m "
                                                            "JOIN tickets t ON t.id = m.ticket_id "
                                                            "WHERE m.direction = 'out' AND m.author_id IS NOT NULL "
                                                            "AND m.role IS NULL AND m.created_at >= ?3 AND m.created_at < ?4",
                                                            "m.author_id", " GROUP BY m.author_id"),
                                 error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 3, from);
  crm_statement_bind_int64 (stmt, 4, to);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmDashboardAgent *agent = agent_of (run, crm_statement_get_int64 (stmt, 0));
      guint n = (guint) crm_statement_get_int64 (stmt, 1);

      if (today)
        agent->answered_today += n;
      else
        agent->answered += n;
    }

  return rc == CRM_STEP_DONE || failed (run, error);
}

static int
compare_agents (gconstpointer a,
                gconstpointer b)
{
  const CrmDashboardAgent *x = *(CrmDashboardAgent * const *) a;
  const CrmDashboardAgent *y = *(CrmDashboardAgent * const *) b;
  int by_name = g_utf8_collate (x->name, y->name);

  if (by_name != 0)
    return by_name;

  return x->user_id < y->user_id ? -1 : x->user_id > y->user_id;
}

/* Every active user (the scope's only), and any other with a figure,
 * by name. */
static gboolean
list_agents (CrmDashboardRun  *run,
             GError          **error)
{
  CrmDashboard *dashboard = run->dashboard;
  g_autoptr(CrmStatement) stmt = NULL;
  int rc;

  stmt = _crm_dashboard_prepare (run,
                                 dashboard->user_id != 0
                                 ? "SELECT id, name, 1 FROM users WHERE id = ?9"
                                 : "SELECT id, name, CASE WHEN deactivated_at IS NULL THEN 1 ELSE 0 END FROM users",
                                 error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      gint64 user_id = crm_statement_get_int64 (stmt, 0);
      CrmDashboardAgent *agent = g_hash_table_lookup (run->agents, &user_id);

      if (agent == NULL && !crm_statement_get_int (stmt, 2))
        continue;
      agent = agent_of (run, user_id);
      g_hash_table_steal (run->agents, &user_id);
      agent->name = g_strdup (crm_statement_get_text (stmt, 1));
      g_ptr_array_add (dashboard->agents, agent);
    }
  if (rc != CRM_STEP_DONE)
    return failed (run, error);
  g_ptr_array_sort (dashboard->agents, compare_agents);

  return TRUE;
}

gboolean
_crm_dashboard_count_agents (CrmDashboardRun  *run,
                             GError          **error)
{
  return count_open_now (run, error) &&
         count_no_reply (run, error) &&
         count_answered (run, run->dashboard->from, run->dashboard->to, FALSE, error) &&
         count_answered (run, run->dashboard->today, run->today_end, TRUE, error) &&
         list_agents (run, error);
}
