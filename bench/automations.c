/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "crm.h"

/*
 * bench/automations DATA-DIR | URI: the automations' scheduler (issue
 * 15) on an office after years (made with `crmctl demo --contacts
 * 100000 --tickets 100000 --messages 1000000`; its tickets are moved
 * to one status first, so that 100,000 records are enrolled):
 *
 *   activation:    100,000 records entering, each with its step;
 *   idle pass:     one pass of the scheduler with nothing due (the
 *                  index of due times probed; target < 5 ms);
 *   leaving and entering as records change: 1,000 tickets leave the
 *                  status, then come back; one pass each, per change
 *                  (target < 1 ms a change);
 *   catch-up after 7 days closed, every step due once: under "skip"
 *                  (the catch-up alone, no mail) and under "late" (every
 *                  step's mail queued in the outbox); target < 2 s plus
 *                  the queuing.
 *
 * Prints, never asserts. The clock is a fixed one, moved by the bench.
 */

#define MONDAY_EIGHT "2026-03-02T08:00:00+01:00"
#define CHANGES 1000
#define IDLE_PASSES 200

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
  g_print ("%-34s median %8.3f ms   p95 %8.3f ms   (n=%u)\n", what, g_array_index (samples, double, samples->len / 2),
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

static void
exec (CrmSession *session,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!crm_database_exec (crm_session_get_database (session), sql, &error))
    g_error ("%s: %s", sql, error->message);
}

static void
set_clock (CrmClock *clock,
           gint64    time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);

  crm_clock_set_fixed (clock, utc);
}

static CrmAutomationPass
pass (CrmAutomationStore *store)
{
  g_autoptr(GError) error = NULL;
  CrmAutomationPass result;

  if (!crm_automation_store_run_pass (store, &result, NULL, &error))
    g_error ("the pass failed: %s", error->message);

  return result;
}

/* An automation of the tickets in Pending, one mail to the client a
 * day after entry at 09:00, activated at Monday 08:00; how long the
 * activation took. */
static gint64
enrol (CrmSession         *session,
       CrmClock           *clock,
       gint64              template_id,
       CrmCatchUp          policy,
       double             *activation_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAutomationStep) step = crm_automation_step_new (CRM_AUTOMATION_STEP_EMAIL_CONTACT);
  g_autoptr(GDateTime) monday = g_date_time_new_from_iso8601 (MONDAY_EIGHT, NULL);
  CrmAutomationStore *store = crm_automation_store_from_session (session);
  gint64 id, start;

  crm_clock_set_fixed (clock, monday);
  id = crm_automation_store_add (store, "tickets", policy == CRM_CATCH_UP_SKIP ? "bench (skip)" : "bench (late)", 3, 0,
                                 FALSE, FALSE, policy, &error);
  g_assert_no_error (error);
  step->delay_days = 1;
  step->minute_of_day = 9 * 60;
  step->template_id = template_id;
  crm_automation_store_add_step (store, id, step, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  crm_automation_store_activate (store, id, &error);
  g_assert_no_error (error);
  *activation_ms = elapsed_ms (start);

  return id;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmClock) clock = NULL;
  g_autoptr(GDateTime) monday = g_date_time_new_from_iso8601 (MONDAY_EIGHT, NULL);
  g_autoptr(GArray) idle = g_array_new (FALSE, FALSE, sizeof (double));
  CrmAutomationStore *store;
  CrmAutomationPass result;
  gint64 template_id, skip, late, start, now, enrolled;
  double activation, ms;

  crm_init ();
  if (argc < 2)
    {
      g_printerr ("usage: bench-automations DATA-DIR | postgresql://…\n");
      return 2;
    }
  clock = crm_clock_new_fixed (monday);
  if (g_str_has_prefix (argv[1], "postgresql:"))
    session = crm_session_open_uri (argv[1], NULL, clock, &error);
  else
    {
      g_autofree char *path = g_build_filename (argv[1], "crm.sqlite", NULL);

      session = crm_session_open_file (path, clock, &error);
    }
  g_assert_no_error (error);
  store = crm_automation_store_from_session (session);

  /* the office: every ticket in Pending, a mail account, a template, a
   * cap no client reaches */
  if (query_int (session, "SELECT count (*) FROM accounts") == 0)
    exec (session, "INSERT INTO accounts (id, address, address_norm, imap_host, imap_port, imap_security, smtp_host, "
                   "smtp_port, smtp_security, username, created_at) VALUES (1, 'biuro@example.com', "
                   "'biuro@example.com', '127.0.0.1', 993, 'tls', '127.0.0.1', 465, 'tls', 'office', 0)");
  exec (session, "UPDATE tickets SET status_id = 3, merged_into = NULL WHERE status_id <> 3 OR merged_into IS NOT NULL");
  crm_database_prune_changes (crm_session_get_database (session), &error);
  g_assert_no_error (error);
  template_id = crm_template_store_add (crm_template_store_from_session (session), "bench/automations",
                                        "Dzień dobry {client_first_name},\nczy sprawa jest aktualna?\n{agent_name}",
                                        &error);
  if (template_id == 0)
    {
      g_clear_error (&error);
      template_id = query_int (session, "SELECT id FROM templates WHERE name = 'bench/automations'");
    }
  crm_automation_store_set_daily_cap (store, CRM_AUTOMATION_MAX_DAILY_CAP, &error);
  g_assert_no_error (error);
  g_print ("database: %s, %" G_GINT64_FORMAT " tickets in Pending, %" G_GINT64_FORMAT " messages\n",
           crm_database_get_name (crm_session_get_database (session)),
           query_int (session, "SELECT count (*) FROM tickets"), query_int (session, "SELECT count (*) FROM messages"));

  /* 100,000 records enrolled */
  skip = enrol (session, clock, template_id, CRM_CATCH_UP_SKIP, &activation);
  enrolled = query_int (session, "SELECT count (*) FROM automation_entries WHERE left_at IS NULL");
  g_print ("%-34s %8.0f ms   (%" G_GINT64_FORMAT " records entered, %" G_GINT64_FORMAT " steps waiting)\n",
           "activation", activation, enrolled,
           query_int (session, "SELECT count (*) FROM automation_runs WHERE state = 'waiting'"));

  /* a pass with nothing due */
  now = crm_clock_now_unix (clock) + 1800;
  for (int i = 0; i < IDLE_PASSES; i++)
    {
      set_clock (clock, now + i);
      start = g_get_monotonic_time ();
      result = pass (store);
      g_array_append_val (idle, (double) { elapsed_ms (start) });
      g_assert_cmpuint (result.done + result.skipped + result.entered, ==, 0);
    }
  report ("idle pass (nothing due)", idle);

  /* records leaving, and entering again, as they change */
  exec (session, "UPDATE tickets SET status_id = 2 WHERE id IN (SELECT id FROM tickets ORDER BY id LIMIT 1000)");
  start = g_get_monotonic_time ();
  result = pass (store);
  ms = elapsed_ms (start);
  g_print ("%-34s %8.3f ms a change   (%u left, %.0f ms in all)\n", "leaving (status changed)", ms / CHANGES,
           result.left, ms);
  exec (session, "UPDATE tickets SET status_id = 3 WHERE id IN (SELECT id FROM tickets ORDER BY id LIMIT 1000)");
  start = g_get_monotonic_time ();
  result = pass (store);
  ms = elapsed_ms (start);
  g_print ("%-34s %8.3f ms a change   (%u entered, %.0f ms in all)\n", "entering (status changed)", ms / CHANGES,
           result.entered, ms);
  /* changes that keep records matching: checked, nothing else */
  exec (session, "UPDATE tickets SET updated_at = updated_at + 1 WHERE id IN (SELECT id FROM tickets ORDER BY id "
                 "DESC LIMIT 1000)");
  start = g_get_monotonic_time ();
  result = pass (store);
  ms = elapsed_ms (start);
  g_print ("%-34s %8.3f ms a change   (%.0f ms in all)\n", "changed, still matching", ms / CHANGES, ms);

  /* seven days closed: every step due once */
  set_clock (clock, crm_clock_now_unix (clock) + 7 * 86400 + 2 * 3600);
  start = g_get_monotonic_time ();
  result = pass (store);
  ms = elapsed_ms (start);
  g_print ("%-34s %8.0f ms   (%u caught up, %u skipped)\n", "catch-up, 7 days, skip: no mail", ms, result.caught_up,
           result.skipped);
  crm_automation_store_deactivate (store, skip, &error);
  g_assert_no_error (error);

  late = enrol (session, clock, template_id, CRM_CATCH_UP_LATE, &activation);
  set_clock (clock, crm_clock_now_unix (clock) + 7 * 86400 + 2 * 3600);
  start = g_get_monotonic_time ();
  result = pass (store);
  ms = elapsed_ms (start);
  g_print ("%-34s %8.0f ms   (%u caught up, %u mails queued, %u skipped)\n", "catch-up, 7 days, late: mails",
           ms, result.caught_up, result.done, result.skipped);
  crm_automation_store_deactivate (store, late, &error);
  g_assert_no_error (error);

  return 0;
}
