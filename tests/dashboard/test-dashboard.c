/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-test-util.h"
#include "pg-fixture.h"
#include "smtp-fixture.h"

#include "crm.h"

/* The managers' dashboard (FD6) on both backends: a small office built
 * with the stores on a moving clock over the last days of March 2026,
 * across the change to summer time in Warsaw (Sunday the 29th has 23
 * hours), and every figure of it for the office, a queue and a user:
 * tickets opened, closed and open each day, first answers and
 * closings against their times and the breaches, how requests ended,
 * projects, offers added, matched and mailed (through a real SMTP
 * server), stale searches, referrals by broker, the automations'
 * steps, overdue tasks, and each agent's load. */

typedef struct
{
  char        *dir;
  char        *spool;
  GSubprocess *smtp;
  CrmClock    *clock;
  CrmSession  *session;
  gint64       admin;
  gint64       anna;
  gint64       bob;
  gint64       client;
  gint64       sales;
  gint64       form;
  gint64       other_form;
  gint64       tickets[8];   /* A … H */
  gint64       from;
  gint64       to;
} Fixture;

enum { A, B, C, D, E, F, G, H };

static gint64
unix_at (const char *text)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (time);

  return g_date_time_to_unix (time);
}

/* the clock at @text, and the session working as @user */
static void
at (Fixture    *fixture,
    const char *text,
    gint64      user)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (time);
  crm_clock_set_fixed (fixture->clock, time);
  crm_session_set_user_id (fixture->session, user);
}

static CrmTicketStore *
tickets (Fixture *fixture)
{
  return crm_ticket_store_from_session (fixture->session);
}

static gint64
open_ticket (Fixture    *fixture,
             const char *when,
             const char *subject,
             gint64      queue,
             gint64      assignee)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  at (fixture, when, assignee);
  id = crm_ticket_store_record_request (tickets (fixture), subject, queue, fixture->client, "Czy mieszkanie jest wolne?",
                                        "phone", &error);
  g_assert_no_error (error);
  g_assert_true (crm_ticket_store_assign (tickets (fixture), id, assignee, &error));
  g_assert_no_error (error);

  return id;
}

static void
reply (Fixture    *fixture,
       const char *when,
       gint64      user,
       gint64      ticket)
{
  g_autoptr(GError) error = NULL;

  at (fixture, when, user);
  g_assert_cmpint (crm_ticket_store_reply (tickets (fixture), ticket, "Dzień dobry, tak.", NULL, NULL, 0, &error), >, 0);
  g_assert_no_error (error);
}

static void
close_ticket (Fixture          *fixture,
              const char       *when,
              gint64            user,
              gint64            ticket,
              CrmTicketOutcome  outcome,
              const char       *reason)
{
  g_autoptr(GError) error = NULL;

  at (fixture, when, user);
  if (outcome == CRM_TICKET_OUTCOME_SOLVED)
    g_assert_true (crm_ticket_store_set (tickets (fixture), ticket, "Closed", NULL, NULL, NULL, NULL, &error));
  else
    g_assert_cmpint (crm_ticket_store_close (tickets (fixture), ticket, outcome, reason, FALSE, &error), >, 0);
  g_assert_no_error (error);
}

static gint64
save_offer (Fixture    *fixture,
            const char *when,
            const char *city)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOffer) offer = crm_offer_new ();
  g_autoptr(GArray) matched = NULL;

  at (fixture, when, fixture->anna);
  crm_offer_set_city (offer, city);
  crm_offer_set_price (offer, 640000);
  crm_offer_set_area (offer, 48.5);
  crm_offer_set_rooms (offer, 2);
  g_assert_true (crm_offer_store_save (crm_offer_store_from_session (fixture->session), offer, &matched, &error));
  g_assert_no_error (error);

  return crm_offer_get_id (offer);
}

static void
save_search (Fixture    *fixture,
             const char *when,
             CrmNotify   notify)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSearch) search = crm_search_new (fixture->client, CRM_DEAL_SALE);
  const char *places[] = { "Kraków", NULL };

  at (fixture, when, fixture->anna);
  crm_search_set_locations (search, places);
  crm_search_set_notify (search, notify);
  g_assert_true (crm_search_store_save (crm_search_store_from_session (fixture->session), search, TRUE, &error));
  g_assert_no_error (error);
}

static gint64
refer (Fixture    *fixture,
       const char *when,
       gint64      form,
       const char *submission_id,
       const char *client_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmReferralSubmission) filled = crm_referral_submission_new ();
  gint64 id;

  at (fixture, when, 0);
  filled->form_id = form;
  filled->submission_id = g_strdup (submission_id);
  filled->client_name = g_strdup (client_name);
  filled->phone = g_strdup ("600 100 200");
  filled->advisor_name = g_strdup ("Marta Pośredniczka");
  filled->consent = TRUE;
  id = crm_referral_store_submit (crm_referral_store_from_session (fixture->session), filled, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static gint64
automation (Fixture    *fixture,
            const char *module,
            gint64      status,
            CrmCatchUp  catch_up,
            gint64      template_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAutomationStep) step = crm_automation_step_new (CRM_AUTOMATION_STEP_EMAIL_USER);
  CrmAutomationStore *store = crm_automation_store_from_session (fixture->session);
  gint64 id = crm_automation_store_add (store, module, "Follow-up", status, 0, FALSE, FALSE, catch_up, &error);

  g_assert_no_error (error);
  step->delay_days = 0;
  step->minute_of_day = 9 * 60;
  step->weekdays = CRM_WEEKDAYS_ALL;
  step->template_id = template_id;
  g_assert_cmpint (crm_automation_store_add_step (store, id, step, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (crm_automation_store_activate (store, id, &error));
  g_assert_no_error (error);

  return id;
}

static gint64
add_task (Fixture    *fixture,
          gint64      user,
          const char *due)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_task_store_add (crm_task_store_from_session (fixture->session), user, "Zadzwonić do klienta",
                                  unix_at (due), NULL, 0, &error);

  g_assert_no_error (error);

  return id;
}

/* The office of the tests (times in Warsaw; the period is 27-31 March):
 *
 *  A  Sales, Anna: opened the 20th, answered the 26th, open (no reply
 *     from the client since: flagged after 3 days); two projects
 *  B  Inbox, Bob: opened the 25th, closed the 28th, a day late
 *  C  Sales, Anna: opened the 27th, answered in an hour, won the 29th
 *     at the last second of its resolution time
 *  D  Inbox, Bob: opened the 28th, answered an hour late, won't buy
 *     (too expensive) the 30th
 *  E  Sales, Anna: opened and closed as spam the 29th
 *  F  Sales, Anna: opened the 30th at 00:30 (the 29th is 23 hours),
 *     never answered, waiting for the client
 *  G  Inbox, Bob: opened and closed, won't buy (bought elsewhere) the
 *     31st
 *  H  Inbox, Bob: opened the 31st, answered today */
static void
build_office (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CrmReferralStore *referrals = crm_referral_store_from_session (fixture->session);
  CrmProjectStore *projects = crm_project_store_from_session (fixture->session);
  CrmAutomationStore *automations = crm_automation_store_from_session (fixture->session);
  gint64 *t = fixture->tickets;
  gint64 first_project, second_project, r1, r2, r3, template_id, gone_template, task;
  CrmAutomationPass pass;

  at (fixture, "2026-02-01T10:00:00+01:00", fixture->admin);
  g_assert_cmpint (crm_ticket_store_add_close_reason (tickets (fixture), "Too expensive", &error), >, 0);
  g_assert_cmpint (crm_ticket_store_add_close_reason (tickets (fixture), "Bought elsewhere", &error), >, 0);
  g_assert_no_error (error);
  template_id = crm_template_store_add (crm_template_store_from_session (fixture->session), "Follow-up",
                                       "Dzień dobry {client_first_name}", &error);
  gone_template = crm_template_store_add (crm_template_store_from_session (fixture->session), "Old",
                                          "Stary szablon", &error);
  g_assert_no_error (error);
  g_assert_true (crm_automation_store_set_daily_cap (automations, 10, &error));
  g_assert_no_error (error);
  /* a search not updated since February: stale */
  save_search (fixture, "2026-02-01T10:00:00+01:00", CRM_NOTIFY_OFF);

  t[A] = open_ticket (fixture, "2026-03-20T10:00:00+01:00", "Mieszkanie A", fixture->sales, fixture->anna);
  t[B] = open_ticket (fixture, "2026-03-25T10:00:00+01:00", "Mieszkanie B", 1, fixture->bob);
  at (fixture, "2026-03-10T10:00:00+01:00", fixture->anna);
  second_project = crm_project_store_add (projects, t[A], "Kuchnia", NULL, &error);
  g_assert_no_error (error);
  reply (fixture, "2026-03-26T10:00:00+01:00", fixture->anna, t[A]);
  r1 = refer (fixture, "2026-03-20T10:00:00+01:00", fixture->form, "s1", "Jan Kowalski");

  /* A is open: an automation of open tickets, from before the period,
   * whose step the application misses and skips */
  at (fixture, "2026-03-26T12:00:00+01:00", fixture->admin);
  automation (fixture, "tickets", 2, CRM_CATCH_UP_SKIP, template_id);

  t[C] = open_ticket (fixture, "2026-03-27T09:00:00+01:00", "Mieszkanie C", fixture->sales, fixture->anna);
  reply (fixture, "2026-03-27T10:00:00+01:00", fixture->anna, t[C]);
  at (fixture, "2026-03-27T11:00:00+01:00", fixture->anna);
  first_project = crm_project_store_add (projects, t[A], "Łazienka", NULL, &error);
  g_assert_no_error (error);
  save_search (fixture, "2026-03-27T11:00:00+01:00", CRM_NOTIFY_CLIENT);
  r2 = refer (fixture, "2026-03-27T10:00:00+01:00", fixture->form, "s2", "Ewa Zielińska");
  at (fixture, "2026-03-27T12:00:00+01:00", fixture->anna);
  g_assert_cmpint (crm_referral_store_accept (referrals, r1, "Zapraszamy.", 0, &error), >, 0);
  g_assert_no_error (error);

  t[D] = open_ticket (fixture, "2026-03-28T11:00:00+01:00", "Mieszkanie D", 1, fixture->bob);
  r3 = refer (fixture, "2026-03-28T10:00:00+01:00", fixture->other_form, "s3", "Piotr Wiśniewski");
  /* an offer matched to the fresh search, mailed to the client */
  save_offer (fixture, "2026-03-28T11:30:00+01:00", "Kraków");
  g_assert_cmpuint (crm_outbox_run_due (crm_outbox_from_session (fixture->session), NULL, &error), >, 0);
  g_assert_no_error (error);
  close_ticket (fixture, "2026-03-28T12:00:00+01:00", fixture->bob, t[B], CRM_TICKET_OUTCOME_SOLVED, NULL);
  at (fixture, "2026-03-28T16:00:00+01:00", fixture->bob);
  g_assert_true (crm_referral_store_reject (referrals, r3, "Klient już kupił.", &error));
  g_assert_no_error (error);
  reply (fixture, "2026-03-28T20:00:00+01:00", fixture->bob, t[D]);

  t[E] = open_ticket (fixture, "2026-03-29T09:00:00+02:00", "Wygrałeś!", fixture->sales, fixture->anna);
  close_ticket (fixture, "2026-03-29T10:00:00+02:00", fixture->anna, t[C], CRM_TICKET_OUTCOME_WON, NULL);
  close_ticket (fixture, "2026-03-29T10:00:00+02:00", fixture->anna, t[E], CRM_TICKET_OUTCOME_SPAM, NULL);

  t[F] = open_ticket (fixture, "2026-03-30T00:30:00+02:00", "Mieszkanie F", fixture->sales, fixture->anna);
  save_offer (fixture, "2026-03-30T09:00:00+02:00", "Gdańsk");
  close_ticket (fixture, "2026-03-30T10:00:00+02:00", fixture->bob, t[D], CRM_TICKET_OUTCOME_WONT_BUY, "Too expensive");
  at (fixture, "2026-03-30T10:00:00+02:00", fixture->anna);
  g_assert_true (crm_ticket_store_set (tickets (fixture), t[F], "Pending", NULL, NULL, NULL, NULL, &error));
  g_assert_true (crm_project_store_close (projects, first_project, NULL, &error));
  g_assert_no_error (error);
  refer (fixture, "2026-03-30T10:00:00+02:00", fixture->form, "s4", "Adam Nowicki");
  /* F waits for the client: an automation that mails Anna at 09:00,
   * and one whose template is deleted before its step */
  at (fixture, "2026-03-30T11:00:00+02:00", fixture->admin);
  automation (fixture, "requests", 3, CRM_CATCH_UP_LATE, template_id);
  automation (fixture, "requests", 3, CRM_CATCH_UP_LATE, gone_template);
  g_assert_true (crm_template_store_delete (crm_template_store_from_session (fixture->session), gone_template, &error));
  g_assert_no_error (error);

  t[G] = open_ticket (fixture, "2026-03-31T08:00:00+02:00", "Mieszkanie G", 1, fixture->bob);
  close_ticket (fixture, "2026-03-31T09:00:00+02:00", fixture->bob, t[G], CRM_TICKET_OUTCOME_WONT_BUY,
                "Bought elsewhere");
  at (fixture, "2026-03-31T09:00:00+02:00", 0);
  g_assert_true (crm_automation_store_run_pass (automations, &pass, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pass.done, ==, 1);
  g_assert_cmpuint (pass.skipped, ==, 1);
  g_assert_cmpuint (pass.failed, ==, 1);
  t[H] = open_ticket (fixture, "2026-03-31T09:00:00+02:00", "Mieszkanie H", 1, fixture->bob);
  reply (fixture, "2026-03-31T10:00:00+02:00", fixture->bob, t[H]);
  at (fixture, "2026-03-31T11:00:00+02:00", fixture->anna);
  g_assert_cmpint (crm_referral_store_accept (referrals, r2, "Zapraszamy.", 0, &error), >, 0);
  g_assert_no_error (error);

  /* tasks: Anna's overdue, Bob's not yet due, Anna's done */
  add_task (fixture, fixture->anna, "2026-03-30T12:00:00+02:00");
  add_task (fixture, fixture->bob, "2026-04-02T12:00:00+02:00");
  task = add_task (fixture, fixture->anna, "2026-03-29T12:00:00+02:00");
  g_assert_true (crm_task_store_set_done (crm_task_store_from_session (fixture->session), task, &error));
  g_assert_no_error (error);
  (void) second_project;

  /* now: Tuesday 31 March, 12:00 */
  at (fixture, "2026-03-31T12:00:00+02:00", 0);
  fixture->from = unix_at ("2026-03-27T00:00:00+01:00");
  fixture->to = unix_at ("2026-04-01T00:00:00+02:00");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 2, 1, 9, 0, 0);
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);
  g_autofree char *path = NULL;
  CrmUserStore *users;
  CrmReferralStore *referrals;
  guint16 port;

  fixture->smtp = crm_test_smtp_start (&fixture->spool, &port);
  fixture->dir = g_dir_make_tmp ("crm-dashboard-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->clock = crm_clock_new_fixed (now);
  fixture->session = crm_test_session_open (path, fixture->clock, &error);
  g_assert_no_error (error);

  account = crm_account_new (0, "biuro@example.com", "Biuro", "127.0.0.1", 1, "none", "127.0.0.1", port, "none",
                             "office");
  crm_account_store_add (crm_account_store_from_session (fixture->session), account, "pass word", FALSE, &error);
  g_assert_no_error (error);
  users = crm_user_store_from_session (fixture->session);
  fixture->admin = crm_user_store_add (users, "Ewa Admin", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  fixture->anna = crm_user_store_add (users, "Anna Nowak", "anna@example.com", CRM_ROLE_AGENT, &error);
  fixture->bob = crm_user_store_add (users, "Bob Kos", "bob@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, fixture->admin);
  fixture->sales = crm_ticket_store_add_queue (crm_ticket_store_from_session (fixture->session), "Sales", &error);
  g_assert_no_error (error);
  crm_contact_set_name (client, "Zofia Kamińska");
  crm_contact_set_emails (client, (const char *[]) { "zofia@przyklad.pl", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), client, &error));
  g_assert_no_error (error);
  fixture->client = crm_contact_get_id (client);

  referrals = crm_referral_store_from_session (fixture->session);
  fixture->form = crm_referral_store_add_form (referrals, "Dom Partner Kraków", "Dom Partner Sp. z o.o.",
                                               "biuro@dompartner.example", NULL, 0, &error);
  fixture->other_form = crm_referral_store_add_form (referrals, "Nieruchomości Nowak", "Jan Nowak",
                                                     "jan@nowak.example", NULL, 0, &error);
  g_assert_no_error (error);

  build_office (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->session);
  g_clear_object (&fixture->clock);
  crm_test_remove_data_dir (fixture->dir);
  crm_test_smtp_stop (fixture->smtp, fixture->spool);
  g_free (fixture->dir);
  g_free (fixture->spool);
}

static CrmDashboard *
compute (Fixture *fixture,
         gint64   queue,
         gint64   user)
{
  g_autoptr(GError) error = NULL;
  CrmDashboard *dashboard = crm_dashboard_store_compute (crm_dashboard_store_from_session (fixture->session),
                                                         fixture->from, fixture->to, queue, user, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dashboard);

  return dashboard;
}

static const CrmDashboardDay *
day_of (const CrmDashboard *dashboard,
        guint               i)
{
  g_assert_cmpuint (i, <, dashboard->tickets.days->len);

  return &g_array_index (dashboard->tickets.days, CrmDashboardDay, i);
}

static const CrmDashboardBreach *
breach_of (const CrmDashboard *dashboard,
           guint               i)
{
  g_assert_cmpuint (i, <, dashboard->tickets.breach_list->len);

  return g_ptr_array_index (dashboard->tickets.breach_list, i);
}

static void
assert_agent (const CrmDashboard *dashboard,
              gint64              user,
              guint               open,
              guint               answered_today,
              guint               answered,
              guint               waiting,
              guint               no_reply)
{
  const CrmDashboardAgent *agent = crm_dashboard_find_agent (dashboard, user);

  g_assert_nonnull (agent);
  g_assert_cmpuint (agent->open, ==, open);
  g_assert_cmpuint (agent->answered_today, ==, answered_today);
  g_assert_cmpuint (agent->answered, ==, answered);
  g_assert_cmpuint (agent->waiting, ==, waiting);
  g_assert_cmpuint (agent->no_reply, ==, no_reply);
}

/* Every figure of the office for the period. */
static void
test_office (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CrmDashboard) dashboard = compute (fixture, 0, 0);
  const CrmDashboardBroker *broker;

  g_assert_cmpint (dashboard->from, ==, fixture->from);
  g_assert_cmpint (dashboard->to, ==, fixture->to);
  g_assert_cmpint (dashboard->today, ==, unix_at ("2026-03-31T00:00:00+02:00"));

  g_assert_cmpuint (dashboard->tickets.opened, ==, 6);
  g_assert_cmpuint (dashboard->tickets.closed, ==, 5);
  g_assert_cmpuint (dashboard->tickets.open_start, ==, 2);
  g_assert_cmpuint (dashboard->tickets.open_now, ==, 3);

  /* first answers: C in an hour, D an hour late, H in an hour */
  g_assert_cmpuint (dashboard->tickets.responded, ==, 3);
  g_assert_cmpuint (dashboard->tickets.response_met, ==, 2);
  g_assert_cmpint (dashboard->tickets.response_median, ==, 3600);
  /* closed, spam left out: B in 74 hours (late), C in 48, D in 46, G in 1 */
  g_assert_cmpuint (dashboard->tickets.resolved, ==, 4);
  g_assert_cmpuint (dashboard->tickets.resolution_met, ==, 3);
  g_assert_cmpint (dashboard->tickets.resolution_median, ==, 46 * 3600);

  /* F still unanswered 27.5 hours past its time, B closed 26 hours
   * late, D answered an hour late */
  g_assert_cmpuint (dashboard->tickets.breaches, ==, 3);
  g_assert_cmpuint (dashboard->tickets.breach_list->len, ==, 3);
  g_assert_cmpint (breach_of (dashboard, 0)->ticket_id, ==, fixture->tickets[F]);
  g_assert_cmpstr (breach_of (dashboard, 0)->subject, ==, "Mieszkanie F");
  g_assert_cmpint (breach_of (dashboard, 0)->target, ==, CRM_DASHBOARD_TARGET_RESPONSE);
  g_assert_cmpint (breach_of (dashboard, 0)->due, ==, unix_at ("2026-03-30T08:30:00+02:00"));
  g_assert_cmpint (breach_of (dashboard, 0)->late, ==, 27 * 3600 + 1800);
  g_assert_false (breach_of (dashboard, 0)->done);
  g_assert_cmpint (breach_of (dashboard, 1)->ticket_id, ==, fixture->tickets[B]);
  g_assert_cmpint (breach_of (dashboard, 1)->target, ==, CRM_DASHBOARD_TARGET_RESOLUTION);
  g_assert_cmpint (breach_of (dashboard, 1)->late, ==, 26 * 3600);
  g_assert_true (breach_of (dashboard, 1)->done);
  g_assert_cmpint (breach_of (dashboard, 2)->ticket_id, ==, fixture->tickets[D]);
  g_assert_cmpint (breach_of (dashboard, 2)->target, ==, CRM_DASHBOARD_TARGET_RESPONSE);
  g_assert_cmpint (breach_of (dashboard, 2)->late, ==, 3600);
  g_assert_true (breach_of (dashboard, 2)->done);

  g_assert_cmpuint (dashboard->requests.won, ==, 1);
  g_assert_cmpuint (dashboard->requests.wont_buy, ==, 2);
  g_assert_cmpuint (dashboard->requests.spam, ==, 1);
  g_assert_cmpuint (dashboard->requests.reasons->len, ==, 2);
  g_assert_cmpuint (crm_dashboard_count_reason (dashboard, "Too expensive"), ==, 1);
  g_assert_cmpuint (crm_dashboard_count_reason (dashboard, "Bought elsewhere"), ==, 1);
  g_assert_cmpuint (dashboard->projects.opened, ==, 1);
  g_assert_cmpuint (dashboard->projects.closed, ==, 1);

  g_assert_cmpuint (dashboard->offers.added, ==, 2);
  g_assert_cmpuint (dashboard->offers.matched, ==, 1);
  g_assert_cmpuint (dashboard->offers.matches, ==, 1);
  g_assert_cmpuint (dashboard->offers.mailed, ==, 1);
  g_assert_cmpuint (dashboard->searches.stale, ==, 1);

  /* received: s2, s3, s4; decided: s1 after 7 days 2 hours, s3 after
   * 6 hours, s2 after 4 days */
  g_assert_cmpuint (dashboard->referrals.received, ==, 3);
  g_assert_cmpuint (dashboard->referrals.accepted, ==, 2);
  g_assert_cmpuint (dashboard->referrals.rejected, ==, 1);
  g_assert_cmpint (dashboard->referrals.decision_median, ==, 4 * 86400);
  g_assert_cmpuint (dashboard->referrals.brokers->len, ==, 2);
  broker = crm_dashboard_find_broker (dashboard, fixture->form);
  g_assert_nonnull (broker);
  g_assert_cmpstr (broker->broker, ==, "Dom Partner Sp. z o.o.");
  g_assert_cmpuint (broker->received, ==, 2);
  g_assert_cmpuint (broker->accepted, ==, 2);
  g_assert_cmpuint (broker->rejected, ==, 0);
  g_assert_cmpint (broker->decision_median, ==, 4 * 86400);
  broker = crm_dashboard_find_broker (dashboard, fixture->other_form);
  g_assert_nonnull (broker);
  g_assert_cmpuint (broker->received, ==, 1);
  g_assert_cmpuint (broker->rejected, ==, 1);
  g_assert_cmpint (broker->decision_median, ==, 6 * 3600);

  g_assert_cmpuint (dashboard->automations.done, ==, 1);
  g_assert_cmpuint (dashboard->automations.skipped, ==, 1);
  g_assert_cmpuint (dashboard->automations.failed, ==, 1);
  g_assert_cmpuint (dashboard->tasks.overdue, ==, 1);

  /* by name; Ewa has no load but is a user of the office */
  g_assert_cmpuint (dashboard->agents->len, ==, 3);
  g_assert_cmpstr (((CrmDashboardAgent *) g_ptr_array_index (dashboard->agents, 0))->name, ==, "Anna Nowak");
  g_assert_cmpstr (((CrmDashboardAgent *) g_ptr_array_index (dashboard->agents, 1))->name, ==, "Bob Kos");
  g_assert_cmpstr (((CrmDashboardAgent *) g_ptr_array_index (dashboard->agents, 2))->name, ==, "Ewa Admin");
  assert_agent (dashboard, fixture->anna, 2, 0, 1, 1, 1);
  assert_agent (dashboard, fixture->bob, 1, 1, 2, 0, 0);
  assert_agent (dashboard, fixture->admin, 0, 0, 0, 0, 0);
}

/* The days are Warsaw's: the 29th has 23 hours, and F, opened on the
 * 30th at 00:30 (22:30 UTC the day before), is the 30th's. The open
 * ones at each day's end follow from those at the start. */
static void
test_days (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CrmDashboard) dashboard = compute (fixture, 0, 0);
  const char *starts[] = { "2026-03-27T00:00:00+01:00", "2026-03-28T00:00:00+01:00", "2026-03-29T00:00:00+01:00",
                           "2026-03-30T00:00:00+02:00", "2026-03-31T00:00:00+02:00" };
  guint opened[] = { 1, 1, 1, 1, 2 };
  guint closed[] = { 0, 1, 2, 1, 1 };
  guint open[] = { 3, 3, 2, 2, 3 };

  g_assert_cmpuint (dashboard->tickets.days->len, ==, G_N_ELEMENTS (starts));
  g_assert_cmpint (day_of (dashboard, 3)->start - day_of (dashboard, 2)->start, ==, 23 * 3600);
  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      g_assert_cmpint (day_of (dashboard, i)->start, ==, unix_at (starts[i]));
      g_assert_cmpuint (day_of (dashboard, i)->opened, ==, opened[i]);
      g_assert_cmpuint (day_of (dashboard, i)->closed, ==, closed[i]);
      g_assert_cmpuint (day_of (dashboard, i)->open, ==, open[i]);
    }

  /* a period that begins mid-day: its first day begins with it */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CrmDashboard) part = crm_dashboard_store_compute (crm_dashboard_store_from_session (fixture->session),
                                                                unix_at ("2026-03-29T12:00:00+02:00"), fixture->to,
                                                                0, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (part->tickets.days->len, ==, 3);
    g_assert_cmpint (day_of (part, 0)->start, ==, unix_at ("2026-03-29T12:00:00+02:00"));
    g_assert_cmpuint (day_of (part, 0)->opened, ==, 0);
    g_assert_cmpuint (part->tickets.open_start, ==, 2);
    g_assert_cmpuint (day_of (part, 2)->open, ==, 3);
  }
}

/* A team (the Sales queue) and a user (Bob). */
static void
test_scopes (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CrmDashboard) sales = compute (fixture, fixture->sales, 0);
  g_autoptr(CrmDashboard) bob = compute (fixture, 0, fixture->bob);

  /* Sales: A, C, E, F */
  g_assert_cmpint (sales->queue_id, ==, fixture->sales);
  g_assert_cmpuint (sales->tickets.opened, ==, 3);
  g_assert_cmpuint (sales->tickets.closed, ==, 2);
  g_assert_cmpuint (sales->tickets.open_start, ==, 1);
  g_assert_cmpuint (sales->tickets.open_now, ==, 2);
  g_assert_cmpuint (day_of (sales, 4)->open, ==, 2);
  g_assert_cmpuint (sales->tickets.responded, ==, 1);
  g_assert_cmpuint (sales->tickets.breaches, ==, 1);
  g_assert_cmpint (breach_of (sales, 0)->ticket_id, ==, fixture->tickets[F]);
  g_assert_cmpuint (sales->requests.won, ==, 1);
  g_assert_cmpuint (sales->requests.wont_buy, ==, 0);
  g_assert_cmpuint (sales->requests.spam, ==, 1);
  g_assert_cmpuint (sales->projects.opened, ==, 1);
  assert_agent (sales, fixture->anna, 2, 0, 1, 1, 1);
  assert_agent (sales, fixture->bob, 0, 0, 0, 0, 0);
  /* the office's */
  g_assert_cmpuint (sales->offers.added, ==, 2);
  g_assert_cmpuint (sales->referrals.received, ==, 3);
  g_assert_cmpuint (sales->tasks.overdue, ==, 1);

  /* Bob: B, D, G, H */
  g_assert_cmpuint (bob->tickets.opened, ==, 3);
  g_assert_cmpuint (bob->tickets.closed, ==, 3);
  g_assert_cmpuint (bob->tickets.open_start, ==, 1);
  g_assert_cmpuint (bob->tickets.open_now, ==, 1);
  g_assert_cmpuint (bob->tickets.breaches, ==, 2);
  g_assert_cmpuint (bob->requests.won, ==, 0);
  g_assert_cmpuint (bob->requests.wont_buy, ==, 2);
  g_assert_cmpuint (bob->projects.opened, ==, 0);
  g_assert_cmpuint (bob->agents->len, ==, 1);
  assert_agent (bob, fixture->bob, 1, 1, 2, 0, 0);
  /* his: no offers, his decision, no overdue task */
  g_assert_cmpuint (bob->offers.added, ==, 0);
  g_assert_cmpuint (bob->offers.mailed, ==, 0);
  g_assert_cmpuint (bob->searches.stale, ==, 0);
  g_assert_cmpuint (bob->referrals.received, ==, 3);
  g_assert_cmpuint (bob->referrals.accepted, ==, 0);
  g_assert_cmpuint (bob->referrals.rejected, ==, 1);
  g_assert_cmpuint (bob->tasks.overdue, ==, 0);
}

/* What the window opens: a figure the list's filter can say lists
 * exactly what it counts. */
static void
test_links (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDashboard) sales = compute (fixture, fixture->sales, 0);
  g_autoptr(CrmDashboardLink) open = crm_dashboard_get_link (sales, CRM_DASHBOARD_CARD_TICKETS_OPEN_NOW, 0);
  g_autoptr(CrmDashboardLink) waiting = crm_dashboard_get_link (sales, CRM_DASHBOARD_CARD_AGENT_WAITING, fixture->anna);
  g_autoptr(CrmDashboardLink) stale = crm_dashboard_get_link (sales, CRM_DASHBOARD_CARD_SEARCHES_STALE, 0);
  g_autoptr(CrmDashboardLink) received = crm_dashboard_get_link (sales, CRM_DASHBOARD_CARD_REFERRALS_RECEIVED,
                                                                 fixture->form);
  g_autoptr(CrmDashboardLink) tasks = crm_dashboard_get_link (sales, CRM_DASHBOARD_CARD_TASKS_OVERDUE, 0);
  g_autoptr(CrmDashboardLink) won = crm_dashboard_get_link (sales, CRM_DASHBOARD_CARD_REQUESTS_WON, 0);
  g_autoptr(GArray) ids = NULL;
  CrmTicketFilter filter;
  CrmSearchFilter searches;
  CrmReferralFilter referrals;

  g_assert_cmpstr (open->module, ==, "tickets");
  g_assert_true (open->exact);
  g_assert_true (crm_ticket_filter_from_variant (open->filter, 0, &filter, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_ticket_store_count (tickets (fixture), &filter, &error), ==, sales->tickets.open_now);

  g_assert_true (waiting->exact);
  g_assert_true (crm_ticket_filter_from_variant (waiting->filter, 0, &filter, &error));
  g_assert_cmpuint (crm_ticket_store_count (tickets (fixture), &filter, &error), ==,
                    crm_dashboard_find_agent (sales, fixture->anna)->waiting);
  g_assert_no_error (error);

  g_assert_cmpstr (stale->module, ==, "searches");
  g_assert_true (stale->exact);
  g_assert_true (crm_search_filter_from_variant (stale->filter, 0, &searches, &error));
  g_assert_cmpuint (crm_search_store_count (crm_search_store_from_session (fixture->session), &searches, &error), ==,
                    sales->searches.stale);
  g_assert_no_error (error);

  g_assert_cmpstr (received->module, ==, "referrals");
  g_assert_true (received->exact);
  g_assert_true (crm_dashboard_link_get_referral_filter (received, &referrals, &error));
  g_assert_no_error (error);
  ids = crm_referral_store_list_ids (crm_referral_store_from_session (fixture->session), &referrals, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, crm_dashboard_find_broker (sales, fixture->form)->received);

  /* no filter of the list says "overdue", "won" or a period */
  g_assert_cmpstr (tasks->module, ==, "tasks");
  g_assert_null (tasks->filter);
  g_assert_false (tasks->exact);
  g_assert_cmpstr (won->module, ==, "requests");
  g_assert_false (won->exact);
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CrmDashboard **dashboard = user_data;
  g_autoptr(GError) error = NULL;

  /* the source is the session, as of every read on its reader */
  *dashboard = crm_dashboard_store_compute_finish (crm_dashboard_store_from_session (CRM_SESSION (source)), result,
                                                   &error);
  g_assert_no_error (error);
}

/* The window's: on the reader, the same figures; a bad period is an
 * error that says what to do. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDashboard) sync = compute (fixture, 0, fixture->anna);
  g_autoptr(CrmDashboard) month = NULL;
  CrmDashboardStore *store = crm_dashboard_store_from_session (fixture->session);
  CrmDashboard *async = NULL;
  gint64 when;

  crm_dashboard_store_compute_async (store, fixture->from, fixture->to, 0, fixture->anna, NULL, computed_cb, &async);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (async->tickets.opened, ==, sync->tickets.opened);
  g_assert_cmpuint (async->tickets.breaches, ==, sync->tickets.breaches);
  g_assert_cmpuint (async->agents->len, ==, 1);
  assert_agent (async, fixture->anna, 2, 0, 1, 1, 1);
  crm_dashboard_unref (async);

  /* this month by default; its days, Warsaw's */
  month = crm_dashboard_store_compute (store, 0, 0, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (month->from, ==, unix_at ("2026-03-01T00:00:00+01:00"));
  g_assert_cmpint (month->to, ==, unix_at ("2026-04-01T00:00:00+02:00"));
  g_assert_cmpuint (month->tickets.days->len, ==, 31);
  g_assert_cmpuint (month->tickets.opened, ==, 8);

  g_assert_true (crm_dashboard_store_parse_day (store, "2026-03-29", TRUE, &when, &error));
  g_assert_cmpint (when, ==, unix_at ("2026-03-30T00:00:00+02:00"));
  g_assert_false (crm_dashboard_store_parse_day (store, "29.03.2026", FALSE, &when, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (crm_dashboard_store_compute (store, fixture->to, fixture->from, 0, 0, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (crm_dashboard_store_compute (store, fixture->from, fixture->to, 99, 0, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  /* not G_TEST_OPTION_ISOLATE_DIRS: the keyring's session and the
   * system's proxy settings the SMTP client reads must stay seen */
  g_test_init (&argc, &argv, NULL);
  crm_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/dashboard/office", test_office);
  ADD ("/dashboard/days", test_days);
  ADD ("/dashboard/scopes", test_scopes);
  ADD ("/dashboard/links", test_links);
  ADD ("/dashboard/async", test_async);

#undef ADD

  return g_test_run ();
}
