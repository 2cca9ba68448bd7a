/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crmctl-test-util.h"

#include "crm.h"

/*
 * crmctl dashboard (FD6), the real binary on a fresh data directory:
 * requests recorded, assigned and closed with each outcome on days
 * CRM_NOW moves through, a task overdue; the JSON has the contract's
 * keys with the figures the store computes for the same period, the
 * office's days, the default month, a user's and a queue's; bad input
 * is refused with exit status 2.
 */

typedef CrmctlFixture Fixture;

static gint64
unix_at (const char *text)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

  return g_date_time_to_unix (time);
}

static void
at (const char *now)
{
  g_setenv ("CRM_NOW", now, TRUE);
}

static gint64
member (JsonObject *object,
        const char *group,
        const char *name)
{
  JsonObject *inner = json_object_get_object_member (object, group);

  g_assert_nonnull (inner);
  g_assert_true (json_object_has_member (inner, name));

  return json_object_get_int_member (inner, name);
}

static void
build_office (Fixture *fixture)
{
  g_auto(Run) run = { 0 };
  g_autofree char *body = g_build_filename (fixture->dir, "body.txt", NULL);

  at ("2026-03-01T09:00:00Z");
  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Ewa", "--email", "ewa@example.com", "--role", "admin", NULL);
  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Jan", "--email", "jan@example.com", "--role", "agent", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Zofia", "--email", "zofia@example.com", NULL);
  crmctl (fixture, &run, FALSE, "queues", "add", "Sales", NULL);
  crmctl (fixture, &run, TRUE, "reasons", "add", "Too expensive", "--as", "Ewa", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_set_contents (body, "Is the flat free?", -1, NULL));

  /* four requests, one a day from the 27th (Warsaw's 29th has 23 hours) */
  at ("2026-03-26T23:30:00Z");   /* the 27th at 00:30 in Warsaw */
  crmctl (fixture, &run, TRUE, "tickets", "new", "--subject", "Flat 1", "--queue", "Sales", "--on-behalf-of", "1",
          "--source", "phone", "--body-file", body, "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  at ("2026-03-28T09:00:00Z");
  crmctl (fixture, &run, TRUE, "tickets", "new", "--subject", "Flat 2", "--queue", "Inbox", "--on-behalf-of", "1",
          "--source", "phone", "--body-file", body, "--as", "Jan", NULL);
  at ("2026-03-29T22:30:00Z");   /* the 30th at 00:30 in Warsaw */
  crmctl (fixture, &run, TRUE, "tickets", "new", "--subject", "Flat 3", "--queue", "Sales", "--on-behalf-of", "1",
          "--source", "phone", "--body-file", body, "--as", "Jan", NULL);
  crmctl (fixture, &run, TRUE, "tickets", "new", "--subject", "Flat 4", "--queue", "Inbox", "--on-behalf-of", "1",
          "--source", "phone", "--body-file", body, "--as", "Ewa", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, FALSE, "tickets", "assign", "1", "Jan", NULL);
  crmctl (fixture, &run, FALSE, "tickets", "assign", "2", "Jan", NULL);
  crmctl (fixture, &run, FALSE, "tickets", "assign", "3", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);

  at ("2026-03-30T10:00:00Z");
  crmctl (fixture, &run, TRUE, "tickets", "close", "1", "--as-won", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "close", "2", "--wont-buy", "Too expensive", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tickets", "close", "4", "--spam", "--as", "Ewa", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "tasks", "add", "--user", "Jan", "--title", "Call Zofia", "--due",
          "2026-03-30T12:00:00Z", NULL);
  g_assert_cmpint (run.status, ==, 0);
  at ("2026-03-31T10:00:00Z");
}

/* The store's figures, on its own session of the same file */
static CrmDashboard *
store_figures (Fixture *fixture,
               gint64   from,
               gint64   to,
               gint64   queue,
               gint64   user)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-03-31T10:00:00Z", NULL);
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (now);
  g_autofree char *path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  g_autoptr(CrmSession) session = crm_session_open_file (path, clock, &error);
  CrmDashboard *dashboard;

  g_assert_no_error (error);
  dashboard = crm_dashboard_store_compute (crm_dashboard_store_from_session (session), from, to, queue, user, &error);
  g_assert_no_error (error);

  return dashboard;
}

static void
assert_same (JsonObject         *json,
             const CrmDashboard *dashboard)
{
  JsonArray *days = json_object_get_array_member (json_object_get_object_member (json, "tickets"), "days");
  JsonArray *agents = json_object_get_array_member (json, "agents");
  JsonObject *wont_buy = json_object_get_object_member (json_object_get_object_member (json, "requests"), "wont_buy");

  g_assert_cmpint (member (json, "tickets", "opened"), ==, dashboard->tickets.opened);
  g_assert_cmpint (member (json, "tickets", "closed"), ==, dashboard->tickets.closed);
  g_assert_cmpint (member (json, "tickets", "open_now"), ==, dashboard->tickets.open_now);
  g_assert_cmpint (member (json, "tickets", "open_start"), ==, dashboard->tickets.open_start);
  g_assert_cmpint (member (json, "tickets", "sla_breaches"), ==, dashboard->tickets.breaches);
  g_assert_cmpint (member (json, "requests", "won"), ==, dashboard->requests.won);
  g_assert_cmpint (member (json, "requests", "spam"), ==, dashboard->requests.spam);
  g_assert_cmpint (json_object_get_size (wont_buy), ==, dashboard->requests.reasons->len);
  for (guint i = 0; i < dashboard->requests.reasons->len; i++)
    {
      const CrmDashboardReason *reason = g_ptr_array_index (dashboard->requests.reasons, i);

      g_assert_cmpint (json_object_get_int_member (wont_buy, reason->reason), ==, reason->count);
    }
  g_assert_cmpint (member (json, "offers", "added"), ==, dashboard->offers.added);
  g_assert_cmpint (member (json, "offers", "mailed"), ==, dashboard->offers.mailed);
  g_assert_cmpint (member (json, "searches", "stale"), ==, dashboard->searches.stale);
  g_assert_cmpint (member (json, "referrals", "received"), ==, dashboard->referrals.received);
  g_assert_cmpint (member (json, "referrals", "accepted"), ==, dashboard->referrals.accepted);
  g_assert_cmpint (member (json, "referrals", "rejected"), ==, dashboard->referrals.rejected);
  g_assert_cmpint (member (json, "automations", "done"), ==, dashboard->automations.done);
  g_assert_cmpint (member (json, "automations", "skipped"), ==, dashboard->automations.skipped);
  g_assert_cmpint (member (json, "automations", "failed"), ==, dashboard->automations.failed);
  g_assert_cmpint (member (json, "tasks", "overdue"), ==, dashboard->tasks.overdue);

  g_assert_cmpuint (json_array_get_length (days), ==, dashboard->tickets.days->len);
  for (guint i = 0; i < dashboard->tickets.days->len; i++)
    {
      JsonObject *day = json_array_get_object_element (days, i);
      const CrmDashboardDay *expected = &g_array_index (dashboard->tickets.days, CrmDashboardDay, i);

      g_assert_cmpint (json_object_get_int_member (day, "opened"), ==, expected->opened);
      g_assert_cmpint (json_object_get_int_member (day, "closed"), ==, expected->closed);
      g_assert_cmpint (json_object_get_int_member (day, "open"), ==, expected->open);
    }

  g_assert_cmpuint (json_array_get_length (agents), ==, dashboard->agents->len);
  for (guint i = 0; i < dashboard->agents->len; i++)
    {
      JsonObject *agent = json_array_get_object_element (agents, i);
      const CrmDashboardAgent *expected = g_ptr_array_index (dashboard->agents, i);

      g_assert_cmpstr (json_object_get_string_member (agent, "user"), ==, expected->name);
      g_assert_cmpint (json_object_get_int_member (agent, "open"), ==, expected->open);
      g_assert_cmpint (json_object_get_int_member (agent, "answered"), ==, expected->answered_today);
    }
}

static void
test_dashboard (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(CrmDashboard) week = NULL;
  g_autoptr(CrmDashboard) month = NULL;
  g_autoptr(CrmDashboard) jan = NULL;
  g_autoptr(CrmDashboard) sales = NULL;
  gint64 from, to;
  JsonObject *json;
  JsonArray *days;

  build_office (fixture);
  from = unix_at ("2026-03-27T00:00:00+01:00");
  to = unix_at ("2026-04-01T00:00:00+02:00");

  /* 27-31 March, the 31st whole */
  crmctl (fixture, &run, TRUE, "dashboard", "--from", "2026-03-27", "--to", "2026-03-31", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json = json_node_get_object (run.json);
  week = store_figures (fixture, from, to, 0, 0);
  assert_same (json, week);
  g_assert_cmpstr (json_object_get_string_member (json, "from"), ==, "2026-03-26T23:00:00+00:00");
  g_assert_cmpstr (json_object_get_string_member (json, "to"), ==, "2026-03-31T22:00:00+00:00");
  g_assert_cmpint (member (json, "tickets", "opened"), ==, 4);
  g_assert_cmpint (member (json, "tickets", "closed"), ==, 3);
  g_assert_cmpint (member (json, "tickets", "open_now"), ==, 1);
  g_assert_cmpint (member (json, "requests", "won"), ==, 1);
  g_assert_cmpint (member (json, "requests", "spam"), ==, 1);
  g_assert_cmpint (member (json, "tasks", "overdue"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (json,
                                                                                                               "requests"),
                                                                              "wont_buy"),
                                               "Too expensive"), ==, 1);
  days = json_object_get_array_member (json_object_get_object_member (json, "tickets"), "days");
  g_assert_cmpuint (json_array_get_length (days), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (days, 0), "day"), ==, "2026-03-27");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (days, 0), "opened"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (days, 2), "opened"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (days, 3), "opened"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (days, 3), "closed"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (days, 4), "open"), ==, 1);

  /* this month by default */
  crmctl (fixture, &run, TRUE, "dashboard", NULL);
  g_assert_cmpint (run.status, ==, 0);
  month = store_figures (fixture, 0, 0, 0, 0);
  assert_same (json_node_get_object (run.json), month);
  g_assert_cmpuint (month->tickets.days->len, ==, 31);

  /* Jan's, in Sales */
  crmctl (fixture, &run, TRUE, "dashboard", "--from", "2026-03-27", "--to", "2026-03-31", "--user", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  jan = store_figures (fixture, from, to, 0, 2);
  assert_same (json_node_get_object (run.json), jan);
  g_assert_cmpint (member (json_node_get_object (run.json), "requests", "spam"), ==, 0);
  g_assert_cmpuint (jan->agents->len, ==, 1);
  crmctl (fixture, &run, TRUE, "dashboard", "--from", "2026-03-27", "--to", "2026-03-31", "--queue", "Sales", NULL);
  g_assert_cmpint (run.status, ==, 0);
  sales = store_figures (fixture, from, to, 2, 0);
  assert_same (json_node_get_object (run.json), sales);
  g_assert_cmpint (member (json_node_get_object (run.json), "tickets", "opened"), ==, 2);

  /* readable without --json */
  crmctl (fixture, &run, FALSE, "dashboard", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Dashboard 2026-03-01 – 2026-03-31"));

  /* bad input: exit status 2, a message that says what to write */
  crmctl (fixture, &run, TRUE, "dashboard", "--from", "31.03.2026", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "YYYY-MM-DD"));
  crmctl (fixture, &run, TRUE, "dashboard", "--from", "2026-03-31", "--to", "2026-03-01", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "dashboard", "--user", "Nobody", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "dashboard", "--queue", "Nowhere", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "dashboard", "extra", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_unsetenv ("CRM_NOW");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("CRMCTL"));
  crm_init ();

  g_test_add ("/crmctl/dashboard", Fixture, NULL, crmctl_fixture_set_up, test_dashboard, crmctl_fixture_tear_down);

  return g_test_run ();
}
