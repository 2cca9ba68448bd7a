/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "crm.h"

/*
 * bench/dashboard DATA-DIR | URI: the managers' dashboard (FD6) on an
 * office after years (made with `crmctl demo --contacts 100000
 * --tickets 100000 --messages 1000000`; run it on a copy: opening it
 * migrates it), "now" its newest ticket's time:
 *
 *   month:        this month, the whole office (target < 300 ms);
 *   switch:       the month before, then this one again, as the window
 *                 does when the period changes (target < 100 ms);
 *   week:         the last seven days;
 *   90 days:      a custom range of 90 days;
 *   user, queue:  this month for one user, one queue;
 *   async:        this month on the session's reader, from the call to
 *                 its callback on the main loop.
 *
 * Each 20 times, median and p95; the first run of all apart (cold
 * statements). Prints this month's figures. Prints, never asserts.
 */

#define RUNS 20

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *samples)
{
  g_array_sort (samples, compare_doubles);
  g_print ("%-22s median %8.2f ms   p95 %8.2f ms   (n=%u)\n", what, g_array_index (samples, double, samples->len / 2),
           g_array_index (samples, double, MIN (samples->len - 1, samples->len * 95 / 100)), samples->len);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gint64
query_int (CrmSession *session,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (session), sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);

  return crm_statement_get_int64 (stmt, 0);
}

static double
compute_ms (CrmDashboardStore *store,
            gint64             from,
            gint64             to,
            gint64             queue,
            gint64             user)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDashboard) dashboard = NULL;
  gint64 start = g_get_monotonic_time ();

  dashboard = crm_dashboard_store_compute (store, from, to, queue, user, &error);
  if (dashboard == NULL)
    g_error ("dashboard: %s", error->message);

  return elapsed_ms (start);
}

static void
measure (const char        *what,
         CrmDashboardStore *store,
         gint64             from,
         gint64             to,
         gint64             queue,
         gint64             user)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < RUNS; i++)
    {
      double ms = compute_ms (store, from, to, queue, user);

      g_array_append_val (samples, ms);
    }
  report (what, samples);
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CrmDashboard **dashboard = user_data;
  g_autoptr(GError) error = NULL;

  *dashboard = crm_dashboard_store_compute_finish (crm_dashboard_store_from_session (CRM_SESSION (source)), result,
                                                   &error);
  if (*dashboard == NULL)
    g_error ("dashboard: %s", error->message);
}

static void
measure_async (CrmDashboardStore *store,
               gint64             from,
               gint64             to)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < RUNS; i++)
    {
      CrmDashboard *dashboard = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      crm_dashboard_store_compute_async (store, from, to, 0, 0, NULL, computed_cb, &dashboard);
      while (dashboard == NULL)
        g_main_context_iteration (NULL, TRUE);
      ms = elapsed_ms (start);
      g_array_append_val (samples, ms);
      crm_dashboard_unref (dashboard);
    }
  report ("month, async", samples);
}

static void
print_figures (CrmDashboard *dashboard)
{
  g_print ("\nthis month: %u days; tickets opened %u, closed %u, open at the start %u, open now %u, breaches %u "
           "(listed %u); first answers %u (%u in time), closed %u (%u in time)\n",
           dashboard->tickets.days->len, dashboard->tickets.opened, dashboard->tickets.closed,
           dashboard->tickets.open_start, dashboard->tickets.open_now, dashboard->tickets.breaches,
           dashboard->tickets.breach_list->len, dashboard->tickets.responded, dashboard->tickets.response_met,
           dashboard->tickets.resolved, dashboard->tickets.resolution_met);
  g_print ("requests won %u, won't buy %u, spam %u; projects %u/%u; offers added %u, matched %u, mailed %u; "
           "stale searches %u; referrals %u/%u/%u; automation steps %u/%u/%u; tasks overdue %u\n",
           dashboard->requests.won, dashboard->requests.wont_buy, dashboard->requests.spam, dashboard->projects.opened,
           dashboard->projects.closed, dashboard->offers.added, dashboard->offers.matched, dashboard->offers.mailed,
           dashboard->searches.stale, dashboard->referrals.received, dashboard->referrals.accepted,
           dashboard->referrals.rejected, dashboard->automations.done, dashboard->automations.skipped,
           dashboard->automations.failed, dashboard->tasks.overdue);
  for (guint i = 0; i < dashboard->agents->len; i++)
    {
      CrmDashboardAgent *agent = g_ptr_array_index (dashboard->agents, i);

      g_print ("  %-24s open %6u  answered today %4u  in the month %5u  waiting %6u  no reply %5u\n", agent->name,
               agent->open, agent->answered_today, agent->answered, agent->waiting, agent->no_reply);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmClock) clock = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(CrmDashboard) month = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  CrmDashboardStore *store;
  gint64 from, to, before, today, user, queue, start;
  double cold;

  crm_init ();
  if (argc < 2)
    {
      g_printerr ("usage: bench-dashboard DATA-DIR | postgresql://…\n");
      return 2;
    }
  clock = crm_clock_new ();
  if (g_str_has_prefix (argv[1], "postgresql:"))
    session = crm_session_open_uri (argv[1], NULL, clock, &error);
  else
    {
      g_autofree char *path = g_build_filename (argv[1], "crm.sqlite", NULL);

      session = crm_session_open_file (path, clock, &error);
    }
  g_assert_no_error (error);

  /* now: the office's newest ticket */
  now = g_date_time_new_from_unix_utc (query_int (session, "SELECT coalesce (max (created_at), 0) FROM tickets"));
  crm_clock_set_fixed (clock, now);
  store = crm_dashboard_store_from_session (session);
  zone = crm_dashboard_store_get_zone (store);
  crm_dashboard_store_get_month (store, &from, &to);
  {
    g_autoptr(GDateTime) first = g_date_time_new_from_unix_utc (from - 1);
    g_autoptr(GDateTime) local = g_date_time_to_timezone (first, zone);
    g_autoptr(GDateTime) month_before = g_date_time_new (zone, g_date_time_get_year (local),
                                                         g_date_time_get_month (local), 1, 0, 0, 0);
    g_autoptr(GDateTime) local_now = g_date_time_to_timezone (now, zone);
    g_autoptr(GDateTime) midnight = g_date_time_new (zone, g_date_time_get_year (local_now),
                                                     g_date_time_get_month (local_now),
                                                     g_date_time_get_day_of_month (local_now), 0, 0, 0);

    before = g_date_time_to_unix (month_before);
    today = g_date_time_to_unix (midnight);
  }
  user = query_int (session, "SELECT min (id) FROM users");
  queue = query_int (session, "SELECT max (id) FROM queues");
  {
    g_autofree char *text = g_date_time_format_iso8601 (now);

    g_print ("%lld tickets, %lld messages; now %s\n", (long long) query_int (session, "SELECT count (*) FROM tickets"),
             (long long) query_int (session, "SELECT count (*) FROM messages"), text);
  }

  start = g_get_monotonic_time ();
  month = crm_dashboard_store_compute (store, from, to, 0, 0, &error);
  g_assert_no_error (error);
  cold = elapsed_ms (start);
  g_print ("%-22s %8.2f ms\n", "month, first", cold);

  measure ("month", store, from, to, 0, 0);
  {
    g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < RUNS; i++)
      {
        double ms = compute_ms (store, before, from, 0, 0);

        g_array_append_val (samples, ms);
        ms = compute_ms (store, from, to, 0, 0);
        g_array_append_val (samples, ms);
      }
    report ("switch (month, before)", samples);
  }
  measure ("week", store, today - 6 * 86400, today + 86400, 0, 0);
  measure ("90 days", store, today - 89 * 86400, today + 86400, 0, 0);
  measure ("month, one user", store, from, to, 0, user);
  measure ("month, one queue", store, from, to, queue, 0);
  measure_async (store, from, to);

  print_figures (month);

  return 0;
}
