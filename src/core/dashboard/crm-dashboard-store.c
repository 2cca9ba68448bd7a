/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-dashboard"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-automation-store.h"
#include "crm-dashboard-store-private.h"
#include "crm-error.h"
#include "crm-ticket-store.h"

/**
 * CrmDashboardStore:
 *
 * The managers' dashboard (FD6) of one session (see
 * crm_dashboard_store_from_session()): the figures of a period and a
 * scope, each from an aggregate query on an index (migration 0040),
 * in crm-dashboard-store-tickets.c (tickets, their days, the response
 * and resolution times, the agents' load) and
 * crm-dashboard-store-sales.c (requests' outcomes, projects, offers,
 * searches, referrals, automations, tasks).
 *
 * A period's days are the office's local days (its time zone, the
 * "time-zone" office setting the automations keep), so that a day of
 * 23 or 25 hours is one day. "Now" and "today" come from the session's
 * clock. The window reads the dashboard off the main thread:
 * crm_dashboard_store_compute_async() on the session's reader.
 */
struct _CrmDashboardStore
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmDashboardStore, crm_dashboard_store, CRM_TYPE_STORE)

typedef struct
{
  gint64 from;
  gint64 to;
  gint64 queue_id;
  gint64 user_id;
} Query;

/* The local day's first second of @when, and of the days after it */
static GDateTime *
local_midnight (GTimeZone *zone,
                gint64     when,
                int        days_after)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (local), (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
  if (days_after > 0)
    g_date_add_days (&date, (guint) days_after);

  return g_date_time_new (zone, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0);
}

static gint64
local_midnight_unix (GTimeZone *zone,
                     gint64     when,
                     int        days_after)
{
  g_autoptr(GDateTime) midnight = local_midnight (zone, when, days_after);

  return g_date_time_to_unix (midnight);
}

/* Each local day's first second from @from to @to, @from first. */
static GArray *
day_starts (GTimeZone *zone,
            gint64     from,
            gint64     to)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (starts, from);
  for (int i = 1;; i++)
    {
      gint64 next = local_midnight_unix (zone, from, i);

      if (next >= to)
        break;
      g_array_append_val (starts, next);
    }

  return starts;
}

static void
agent_free (gpointer data)
{
  CrmDashboardAgent *agent = data;

  g_free (agent->name);
  g_free (agent);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The median of @values (sorted here), the lower of the two middle
 * ones for an even number; -1 for none. */
gint64
_crm_dashboard_median (GArray *values)
{
  if (values->len == 0)
    return -1;
  g_array_sort (values, compare_int64);

  return g_array_index (values, gint64, (values->len - 1) / 2);
}

/* Which day of the period @when falls on. */
guint
_crm_dashboard_day_of (CrmDashboardRun *run,
                       gint64           when)
{
  guint low = 0, high = run->starts->len;

  /* the last start at or before @when */
  while (high - low > 1)
    {
      guint middle = (low + high) / 2;

      if (g_array_index (run->starts, gint64, middle) <= when)
        low = middle;
      else
        high = middle;
    }

  return low;
}

/* @head (which names the tickets "t"), then the scope's queue and
 * user (@user_column, "t.assignee_id" for most), then @tail: one
 * interned text per shape, for the statement cache. */
const char *
_crm_dashboard_scoped_sql (CrmDashboardRun *run,
                           const char      *head,
                           const char      *user_column,
                           const char      *tail)
{
  g_autoptr(GString) sql = g_string_new (head);

  /* "+": the period's range leads, not an index of the queue or the
   * user (SQLite has no statistics to tell a month from a quarter of
   * the table) */
  if (run->dashboard->queue_id != 0)
    g_string_append (sql, " AND +t.queue_id = " CRM_DASHBOARD_QUEUE);
  if (run->dashboard->user_id != 0 && user_column != NULL)
    g_string_append_printf (sql, " AND +%s = " CRM_DASHBOARD_USER, user_column);
  if (tail != NULL)
    g_string_append (sql, tail);

  return g_intern_string (sql->str);
}

/* @sql with the period and the scope bound */
CrmStatement *
_crm_dashboard_prepare (CrmDashboardRun  *run,
                        const char       *sql,
                        GError          **error)
{
  CrmStatement *stmt = _crm_store_prepare (run->store, sql, error);

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, run->dashboard->from);
  crm_statement_bind_int64 (stmt, 2, run->dashboard->to);
  crm_statement_bind_int64 (stmt, 8, run->dashboard->queue_id);
  crm_statement_bind_int64 (stmt, 9, run->dashboard->user_id);

  return stmt;
}

static void
crm_dashboard_store_class_init (CrmDashboardStoreClass *klass)
{
}

static void
crm_dashboard_store_init (CrmDashboardStore *self)
{
}

/**
 * crm_dashboard_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the dashboard's store of @session
 */
CrmDashboardStore *
crm_dashboard_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_DASHBOARD_STORE);
}

/**
 * crm_dashboard_store_get_zone:
 * @self: a #CrmDashboardStore
 *
 * Returns: (transfer full): the office's time zone, whose days the
 *   dashboard counts (crm_automation_store_get_zone())
 */
GTimeZone *
crm_dashboard_store_get_zone (CrmDashboardStore *self)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_STORE (self), NULL);

  return crm_automation_store_get_zone (crm_automation_store_from_session (_crm_session (self)));
}

/**
 * crm_dashboard_store_get_month:
 * @self: a #CrmDashboardStore
 * @from: (out): this month's first second in the office, a Unix time
 * @to: (out): the next month's
 *
 * The dashboard's default period: this month, by the session's clock.
 */
void
crm_dashboard_store_get_month (CrmDashboardStore *self,
                               gint64            *from,
                               gint64            *to)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) next = NULL;
  int year, month;

  g_return_if_fail (CRM_IS_DASHBOARD_STORE (self));

  zone = crm_dashboard_store_get_zone (self);
  now = g_date_time_new_from_unix_utc (crm_session_now (_crm_session (self)));
  local = g_date_time_to_timezone (now, zone);
  year = g_date_time_get_year (local);
  month = g_date_time_get_month (local);
  first = g_date_time_new (zone, year, month, 1, 0, 0, 0);
  next = g_date_time_new (zone, month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1, 0, 0, 0);
  *from = g_date_time_to_unix (first);
  *to = g_date_time_to_unix (next);
}

static gboolean
is_date (const char *text,
         int        *year,
         int        *month,
         int        *day)
{
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  *year = atoi (text);
  *month = atoi (text + 5);
  *day = atoi (text + 8);

  return g_date_valid_dmy ((GDateDay) *day, (GDateMonth) *month, (GDateYear) *year);
}

/**
 * crm_dashboard_store_parse_day:
 * @self: a #CrmDashboardStore
 * @text: a day, YYYY-MM-DD, or an ISO 8601 time
 * @end: whether @text ends a period: a day then counts whole
 * @when: (out): the day's first second in the office's time zone (the
 *   next day's for @end), or the time, a Unix time
 * @error: return location for a #GError
 *
 * Returns: %TRUE with @when set; %FALSE with a %CRM_ERROR_INVALID
 */
gboolean
crm_dashboard_store_parse_day (CrmDashboardStore  *self,
                               const char         *text,
                               gboolean            end,
                               gint64             *when,
                               GError            **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  int year, month, mday;

  g_return_val_if_fail (CRM_IS_DASHBOARD_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (is_date (text, &year, &month, &mday))
    {
      zone = crm_dashboard_store_get_zone (self);
      day = g_date_time_new (zone, year, month, mday, 0, 0, 0);
      *when = end ? local_midnight_unix (zone, g_date_time_to_unix (day), 1) : g_date_time_to_unix (day);
      return TRUE;
    }
  if (strchr (text, 'T') == NULL || !(parsed = crm_clock_parse_time (text, NULL)))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is what was given as a day of the dashboard's period */
                   _("“%s” is not a day: write YYYY-MM-DD, for example 2026-05-01."), text);
      return FALSE;
    }
  *when = g_date_time_to_unix (parsed);

  return TRUE;
}

static gboolean
check_query (CrmDashboardStore  *self,
             const Query        *query,
             GError            **error)
{
  CrmTicketFilter filter = { 0 };

  if (query->to <= query->from)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("The dashboard’s period must end after it begins."));
      return FALSE;
    }
  if (query->to - query->from > (gint64) (CRM_DASHBOARD_MAX_DAYS + 1) * 86400)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   _("The dashboard counts at most %d days: choose a shorter period."), CRM_DASHBOARD_MAX_DAYS);
      return FALSE;
    }
  if (query->queue_id < 0 || query->user_id < 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("The dashboard counts the office, a queue or a user."));
      return FALSE;
    }

  /* an unknown queue or user is an error that says so */
  filter.queue_id = query->queue_id;
  filter.assignee_id = query->user_id;

  return crm_ticket_store_check_filter (crm_ticket_store_from_session (_crm_session (self)), &filter, error);
}

static CrmDashboard *
compute (CrmDashboardStore  *self,
         const Query        *query,
         GError            **error)
{
  g_autoptr(CrmDashboard) dashboard = crm_dashboard_new ();
  g_autoptr(GTimeZone) zone = crm_dashboard_store_get_zone (self);
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GArray) late = g_array_new (FALSE, FALSE, sizeof (CrmDashboardLate));
  g_autoptr(GHashTable) agents = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, agent_free);
  CrmDashboardRun run = { self, dashboard, NULL, 0, late, agents };

  if (!check_query (self, query, error))
    return NULL;

  dashboard->from = query->from;
  dashboard->to = query->to;
  dashboard->queue_id = query->queue_id;
  dashboard->user_id = query->user_id;
  dashboard->now = crm_session_now (_crm_session (self));
  dashboard->today = local_midnight_unix (zone, dashboard->now, 0);
  run.today_end = local_midnight_unix (zone, dashboard->now, 1);
  run.starts = starts = day_starts (zone, query->from, query->to);

  if (!_crm_dashboard_count_tickets (&run, error) ||
      !_crm_dashboard_count_sla (&run, error) ||
      !_crm_dashboard_count_agents (&run, error) ||
      !_crm_dashboard_count_sales (&run, error) ||
      !_crm_dashboard_count_referrals (&run, error) ||
      !_crm_dashboard_count_work (&run, error))
    return NULL;

  return g_steal_pointer (&dashboard);
}

/**
 * crm_dashboard_store_compute:
 * @self: a #CrmDashboardStore
 * @from: the period's start, a Unix time; both @from and @to 0: this month
 *   (crm_dashboard_store_get_month())
 * @to: its end, excluded
 * @queue_id: count this queue (a team) only, or 0
 * @user_id: count this user only, or 0
 * @error: return location for a #GError
 *
 * The dashboard's figures (see #CrmDashboard). Synchronous, for
 * crmctl and workers; the window uses
 * crm_dashboard_store_compute_async().
 *
 * Returns: (transfer full): the dashboard, or %NULL with @error set:
 *   %CRM_ERROR_INVALID for a period that ends before it begins or is
 *   longer than %CRM_DASHBOARD_MAX_DAYS, %CRM_ERROR_NOT_FOUND for an
 *   unknown queue or user
 */
CrmDashboard *
crm_dashboard_store_compute (CrmDashboardStore  *self,
                             gint64              from,
                             gint64              to,
                             gint64              queue_id,
                             gint64              user_id,
                             GError            **error)
{
  Query query = { from, to, queue_id, user_id };

  g_return_val_if_fail (CRM_IS_DASHBOARD_STORE (self), NULL);

  if (from == 0 && to == 0)
    crm_dashboard_store_get_month (self, &query.from, &query.to);

  return compute (self, &query, error);
}

static gboolean
compute_read (CrmSession    *reader,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  const Query *query = data;

  *result = crm_dashboard_store_compute (crm_dashboard_store_from_session (reader), query->from, query->to,
                                         query->queue_id, query->user_id, error);

  return *result != NULL;
}

/**
 * crm_dashboard_store_compute_async:
 * @self: a #CrmDashboardStore
 * @from: as for crm_dashboard_store_compute()
 * @to: as for crm_dashboard_store_compute()
 * @queue_id: as for crm_dashboard_store_compute()
 * @user_id: as for crm_dashboard_store_compute()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the dashboard (its source object is the
 *   session, as for every crm_session_read_async())
 * @user_data: for @callback
 *
 * crm_dashboard_store_compute() on the session's reader, off the
 * caller's thread.
 */
void
crm_dashboard_store_compute_async (CrmDashboardStore   *self,
                                   gint64               from,
                                   gint64               to,
                                   gint64               queue_id,
                                   gint64               user_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Query query = { from, to, queue_id, user_id };

  g_return_if_fail (CRM_IS_DASHBOARD_STORE (self));

  crm_session_read_async (_crm_session (self), compute_read, g_memdup2 (&query, sizeof query), g_free,
                          (GDestroyNotify) crm_dashboard_unref, cancellable, callback, user_data);
}

/**
 * crm_dashboard_store_compute_finish:
 * @self: a #CrmDashboardStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): as crm_dashboard_store_compute()
 */
CrmDashboard *
crm_dashboard_store_compute_finish (CrmDashboardStore  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_STORE (self), NULL);

  return crm_session_read_finish (_crm_session (self), result, error);
}
