/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-test-util.h"
#include "pg-fixture.h"
#include "smtp-fixture.h"

#include "crm.h"

/* Automations (AU1-AU8, issue 15) on both backends, the clock moved:
 * wall-clock steps across the daylight-saving changes of Europe/Warsaw,
 * an hour already past, weekdays, records entering and leaving, only
 * new ones, one-time runs, catch-up after the application was closed
 * under each policy, versions, the daily cap, the pause after failing
 * mails (a real SMTP server refusing), the automated mail's headers,
 * two schedulers racing for the same steps, the scheduler's own
 * thread, and a simulation that then happens as simulated. The kill -9
 * of a running `crmctl scheduler run` is in test-automations-kill.c. */

typedef struct
{
  char       *dir;
  CrmClock   *clock;
  CrmSession *session;
  gint64      anna;
  gint64      bob;
  gint64      client;
  gint64      account;
  gint64      template_id;
} Fixture;

static GDateTime *
parse (const char *iso)
{
  GDateTime *time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);

  return time;
}

static gint64
unix_at (const char *iso)
{
  g_autoptr(GDateTime) time = parse (iso);

  return g_date_time_to_unix (time);
}

/* The clock at @iso ("2026-03-28T10:00:00+01:00"). */
static void
at (Fixture    *fixture,
    const char *iso)
{
  g_autoptr(GDateTime) time = parse (iso);

  crm_clock_set_fixed (fixture->clock, time);
}

static void
at_unix (Fixture *fixture,
         gint64   time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);

  crm_clock_set_fixed (fixture->clock, utc);
}

static CrmAutomationStore *
store (Fixture *fixture)
{
  return crm_automation_store_from_session (fixture->session);
}

static CrmTicketStore *
tickets (Fixture *fixture)
{
  return crm_ticket_store_from_session (fixture->session);
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (fixture->session),
                                                       g_intern_string (sql), &error);

  g_assert_no_error (error);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);

  return crm_statement_get_int64 (stmt, 0);
}

static void
exec (Fixture    *fixture,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_database_exec (crm_session_get_database (fixture->session), sql, &error));
  g_assert_no_error (error);
}

static gint64
add_contact (Fixture    *fixture,
             const char *name,
             const char *address)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);

  crm_contact_set_name (contact, name);
  if (address != NULL)
    crm_contact_set_emails (contact, (const char *[]) { address, NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), contact, &error));
  g_assert_no_error (error);

  return crm_contact_get_id (contact);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autofree char *path = NULL;
  CrmUserStore *users;

  fixture->dir = g_dir_make_tmp ("crm-automations-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  {
    g_autoptr(GDateTime) now = parse ("2026-03-02T08:00:00+01:00");

    fixture->clock = crm_clock_new_fixed (now);
  }
  fixture->session = crm_test_session_open (path, fixture->clock, &error);
  g_assert_no_error (error);

  users = crm_user_store_from_session (fixture->session);
  fixture->anna = crm_user_store_add (users, "Anna Nowak", "anna@example.com", CRM_ROLE_AGENT, &error);
  fixture->bob = crm_user_store_add (users, "Bob Kos", "bob@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  fixture->client = add_contact (fixture, "Zofia Kamińska", "zofia@przyklad.pl");

  /* the office's account; its SMTP server is started by the test that sends */
  account = crm_account_new (0, "biuro@example.com", "Biuro", "127.0.0.1", 1, "none", "127.0.0.1", 1, "none", "office");
  fixture->account = crm_account_store_add (crm_account_store_from_session (fixture->session), account, "pass word",
                                            TRUE, &error);
  g_assert_no_error (error);
  fixture->template_id = crm_template_store_add (crm_template_store_from_session (fixture->session), "Follow-up",
                                                 "Dzień dobry {client_first_name},\nczy coś jeszcze?\n{agent_name}",
                                                 &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->session);
  g_clear_object (&fixture->clock);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
}

/* A request of @contact, assigned to Anna, in @status. */
static gint64
ticket_of (Fixture    *fixture,
           gint64      contact,
           const char *status)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_ticket_store_record_request (tickets (fixture), "Mieszkanie na Mokotowie", 1, contact,
                                               "Czy mieszkanie jest wolne?", "phone", &error);

  g_assert_no_error (error);
  g_assert_true (crm_ticket_store_assign (tickets (fixture), id, fixture->anna, &error));
  g_assert_no_error (error);
  if (status != NULL)
    {
      g_assert_true (crm_ticket_store_set (tickets (fixture), id, status, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  return id;
}

static gint64
ticket (Fixture    *fixture,
        const char *status)
{
  return ticket_of (fixture, fixture->client, status);
}

static void
set_status (Fixture    *fixture,
            gint64      id,
            const char *status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_ticket_store_set (tickets (fixture), id, status, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* An automation of requests in "Pending" (status 3). */
static gint64
automation (Fixture    *fixture,
            gboolean    only_new,
            gboolean    one_time,
            CrmCatchUp  catch_up)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_automation_store_add (store (fixture), "requests", "Follow-up", 3, 0, only_new, one_time, catch_up,
                                        &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static gint64
step (Fixture               *fixture,
      gint64                 automation_id,
      CrmAutomationStepKind  kind,
      guint                  delay_days,
      int                    minute_of_day,
      CrmWeekdays            weekdays)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAutomationStep) step = crm_automation_step_new (kind);
  gint64 id;

  step->delay_days = delay_days;
  step->minute_of_day = minute_of_day;
  step->weekdays = weekdays;
  step->template_id = fixture->template_id;
  step->task_title = g_strdup ("Call {client_name}");
  id = crm_automation_store_add_step (store (fixture), automation_id, step, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static void
activate (Fixture *fixture,
          gint64   id)
{
  g_autoptr(GError) error = NULL;

  crm_automation_store_activate (store (fixture), id, &error);
  g_assert_no_error (error);
}

static CrmAutomationPass
pass (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CrmAutomationPass result;

  g_assert_true (crm_automation_store_run_pass (store (fixture), &result, NULL, &error));
  g_assert_no_error (error);

  return result;
}

static GPtrArray *
runs (Fixture *fixture,
      gint64   automation_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = crm_automation_store_list_runs (store (fixture), automation_id, 0, 0, &error);

  g_assert_no_error (error);

  return list;
}

static CrmAutomationRun *
run_at (GPtrArray *list,
        guint      index)
{
  g_assert_cmpuint (index, <, list->len);

  return g_ptr_array_index (list, index);
}

static gint64
automated_mails (Fixture *fixture)
{
  return query_int (fixture, "SELECT count (*) FROM outbox WHERE owner = 'automation'");
}

/* "At 09:00" is 09:00 in Warsaw on both sides of a change of the clocks,
 * the skipped hour runs when it ends and the repeated one once, through
 * the scheduler's pass with the clock moved: nothing before the time,
 * the mail at it. */
static void
test_dst (Fixture       *fixture,
          gconstpointer  data)
{
  struct
  {
    const char *enter;   /* when the record enters */
    guint       delay;
    int         minute;
    const char *due;     /* when its step must run */
  } cases[] = {
    /* March: Sunday the 29th, 02:00 CET becomes 03:00 CEST */
    { "2026-03-28T10:00:00+01:00", 1, 9 * 60, "2026-03-29T09:00:00+02:00" },
    { "2026-03-28T10:00:00+01:00", 1, 2 * 60 + 30, "2026-03-29T03:00:00+02:00" },
    { "2026-03-28T10:00:00+01:00", 2, -1, "2026-03-30T10:00:00+02:00" },
    /* October: Sunday the 25th, 03:00 CEST becomes 02:00 CET */
    { "2026-10-24T10:00:00+02:00", 1, 9 * 60, "2026-10-25T09:00:00+01:00" },
    { "2026-10-24T10:00:00+02:00", 1, 2 * 60 + 30, "2026-10-25T02:30:00+01:00" },
    { "2026-10-24T10:00:00+02:00", 2, -1, "2026-10-26T10:00:00+01:00" },
  };
  g_autoptr(GError) cap_error = NULL;

  /* Anna gets several on a day here */
  g_assert_true (crm_automation_store_set_daily_cap (store (fixture), 10, &cap_error));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GError) error = NULL;
      gint64 id, record, due = unix_at (cases[i].due), mails = automated_mails (fixture);
      CrmAutomationPass result;

      at (fixture, cases[i].enter);
      id = automation (fixture, FALSE, FALSE, CRM_CATCH_UP_LATE);
      step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_USER, cases[i].delay, cases[i].minute, CRM_WEEKDAYS_ALL);
      record = ticket (fixture, "Pending");
      activate (fixture, id);
      list = runs (fixture, id);
      g_assert_cmpuint (list->len, ==, 1);
      g_assert_cmpint (run_at (list, 0)->due_at, ==, due);
      g_clear_pointer (&list, g_ptr_array_unref);

      /* a second early: nothing; on time: the mail, once */
      at_unix (fixture, due - 1);
      result = pass (fixture);
      g_assert_cmpuint (result.done, ==, 0);
      g_assert_cmpint (result.next_due, ==, due);
      at_unix (fixture, due);
      result = pass (fixture);
      g_assert_cmpuint (result.done, ==, 1);
      g_assert_cmpuint (result.caught_up, ==, 0);
      list = runs (fixture, id);
      g_assert_cmpint (run_at (list, 0)->state, ==, CRM_AUTOMATION_RUN_DONE);
      g_assert_cmpint (run_at (list, 0)->done_at, ==, due);
      g_assert_null (run_at (list, 0)->reason);
      g_assert_cmpint (automated_mails (fixture), ==, mails + 1);
      g_assert_cmpuint (pass (fixture).done, ==, 0);
      g_assert_true (crm_automation_store_deactivate (store (fixture), id, &error));
      g_assert_no_error (error);
      set_status (fixture, record, "Open");
    }
}

/* A time of day already past when the record enters is the next allowed
 * day's, never "now"; weekdays only move it to the next allowed day. */
static void
test_hour_passed (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  gint64 id;

  /* Friday 2026-03-06, 10:00 */
  at (fixture, "2026-03-06T10:00:00+01:00");
  id = automation (fixture, FALSE, FALSE, CRM_CATCH_UP_LATE);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_USER, 0, 9 * 60, CRM_WEEKDAYS_ALL);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_USER, 0, 9 * 60,
        CRM_WEEKDAY_MONDAY | CRM_WEEKDAY_TUESDAY | CRM_WEEKDAY_WEDNESDAY | CRM_WEEKDAY_THURSDAY | CRM_WEEKDAY_FRIDAY);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_USER, 0, 11 * 60, CRM_WEEKDAYS_ALL);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_USER, 1, 9 * 60, CRM_WEEKDAY_WEDNESDAY);
  ticket (fixture, "Pending");
  activate (fixture, id);

  list = runs (fixture, id);
  g_assert_cmpuint (list->len, ==, 4);
  /* 09:00 has passed: Saturday's */
  g_assert_cmpint (run_at (list, 0)->due_at, ==, unix_at ("2026-03-07T09:00:00+01:00"));
  /* … and on weekdays only: Monday's */
  g_assert_cmpint (run_at (list, 1)->due_at, ==, unix_at ("2026-03-09T09:00:00+01:00"));
  /* 11:00 has not: today's */
  g_assert_cmpint (run_at (list, 2)->due_at, ==, unix_at ("2026-03-06T11:00:00+01:00"));
  /* a day later is Saturday; on Wednesdays only: the next one */
  g_assert_cmpint (run_at (list, 3)->due_at, ==, unix_at ("2026-03-11T09:00:00+01:00"));

  /* nothing runs now */
  g_assert_cmpuint (pass (fixture).done, ==, 0);
  g_assert_cmpint (automated_mails (fixture), ==, 0);
}

/* Continuous: records enter as they start matching and leave as they
 * stop, their waiting steps skipped with the reason; coming back, a new
 * entry. */
static void
test_enter_leave (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  CrmAutomationPass result;
  gint64 id, first, second;

  at (fixture, "2026-03-02T08:00:00+01:00");
  id = automation (fixture, FALSE, FALSE, CRM_CATCH_UP_LATE);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_CONTACT, 2, 9 * 60, CRM_WEEKDAYS_ALL);
  first = ticket (fixture, NULL);
  activate (fixture, id);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM automation_entries"), ==, 0);

  set_status (fixture, first, "Pending");
  second = ticket (fixture, "Pending");
  result = pass (fixture);
  g_assert_cmpuint (result.entered, ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM automation_entries WHERE left_at IS NULL"), ==, 2);
  /* nothing changed since: nothing enters twice */
  g_assert_cmpuint (pass (fixture).entered, ==, 0);

  set_status (fixture, first, "Open");
  result = pass (fixture);
  g_assert_cmpuint (result.left, ==, 1);
  list = runs (fixture, id);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (run_at (list, 0)->record_id, ==, first);
  g_assert_cmpint (run_at (list, 0)->state, ==, CRM_AUTOMATION_RUN_SKIPPED);
  g_assert_cmpstr (run_at (list, 0)->reason, ==, "The ticket’s status is no longer “Pending”.");
  g_assert_cmpint (run_at (list, 1)->state, ==, CRM_AUTOMATION_RUN_WAITING);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* back: a new entry, its steps from now */
  at (fixture, "2026-03-03T12:00:00+01:00");
  set_status (fixture, first, "Pending");
  g_assert_cmpuint (pass (fixture).entered, ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM automation_entries"), ==, 3);
  list = runs (fixture, id);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (run_at (list, 2)->record_id, ==, first);
  g_assert_cmpint (run_at (list, 2)->due_at, ==, unix_at ("2026-03-05T09:00:00+01:00"));

  /* a record that leaves between passes is found out at run time too */
  exec (fixture, "UPDATE tickets SET status_id = 2 WHERE id IN (SELECT record_id FROM automation_entries)");
  exec (fixture, "DELETE FROM changes");
  at (fixture, "2026-03-05T09:00:00+01:00");
  result = pass (fixture);
  g_assert_cmpuint (result.done, ==, 0);
  g_assert_cmpint (automated_mails (fixture), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM automation_entries WHERE left_at IS NULL"), ==, 0);
  (void) second;
}

/* Only new: the records matching at activation stay out; those that
 * start matching after it enter. */
static void
test_only_new (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  gint64 id, old, fresh;

  id = automation (fixture, TRUE, FALSE, CRM_CATCH_UP_LATE);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_CONTACT, 1, 9 * 60, CRM_WEEKDAYS_ALL);
  old = ticket (fixture, "Pending");
  activate (fixture, id);
  g_assert_cmpuint (pass (fixture).entered, ==, 0);

  fresh = ticket (fixture, "Pending");
  set_status (fixture, old, "Pending");
  g_assert_cmpuint (pass (fixture).entered, ==, 1);
  list = runs (fixture, id);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (run_at (list, 0)->record_id, ==, fresh);

  /* without it, those matching at activation enter */
  {
    g_autoptr(GError) error = NULL;
    gint64 all = automation (fixture, FALSE, FALSE, CRM_CATCH_UP_LATE);

    step (fixture, all, CRM_AUTOMATION_STEP_EMAIL_CONTACT, 1, 9 * 60, CRM_WEEKDAYS_ALL);
    activate (fixture, all);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = runs (fixture, all);
    g_assert_cmpuint (list->len, ==, 2);
    g_assert_no_error (error);
  }
}

/* One-time: one bulk run over the records matching at activation; a
 * record that matches later does not enter. */
static void
test_one_time (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, late;

  for (guint i = 0; i < 3; i++)
    ticket (fixture, "Pending");
  id = automation (fixture, FALSE, TRUE, CRM_CATCH_UP_LATE);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_USER, 0, -1, CRM_WEEKDAYS_ALL);
  activate (fixture, id);
  late = ticket (fixture, "Pending");
  g_assert_cmpuint (pass (fixture).done, ==, 1);
  g_assert_cmpuint (pass (fixture).entered, ==, 0);
  list = runs (fixture, id);
  g_assert_cmpuint (list->len, ==, 3);
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpint (run_at (list, i)->record_id, !=, late);
  /* the cap: Anna has her one automated mail of the day */
  g_assert_cmpint (run_at (list, 0)->state, ==, CRM_AUTOMATION_RUN_DONE);
  g_assert_cmpint (run_at (list, 1)->state, ==, CRM_AUTOMATION_RUN_SKIPPED);
  g_assert_nonnull (strstr (run_at (list, 1)->reason, "at most 1 a day"));

  /* "only new" makes no sense for it */
  g_assert_cmpint (crm_automation_store_add (store (fixture), "requests", "Both", 3, 0, TRUE, TRUE, CRM_CATCH_UP_LATE,
                                             &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
}

/* Three days closed: under "late" the step runs at the start, under
 * "next" at its next allowed time, under "skip" never; each says so. */
static void
test_catch_up (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmCatchUp policies[] = { CRM_CATCH_UP_LATE, CRM_CATCH_UP_NEXT, CRM_CATCH_UP_SKIP };
  gint64 ids[3];
  CrmAutomationPass result;

  g_assert_true (crm_automation_store_set_daily_cap (store (fixture), 5, &error));
  g_assert_no_error (error);
  /* Monday 08:00: due at 09:00 */
  at (fixture, "2026-03-02T08:00:00+01:00");
  ticket (fixture, "Pending");
  for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
    {
      ids[i] = automation (fixture, FALSE, FALSE, policies[i]);
      step (fixture, ids[i], CRM_AUTOMATION_STEP_EMAIL_CONTACT, 0, 9 * 60, CRM_WEEKDAYS_ALL);
      activate (fixture, ids[i]);
    }

  /* closed until Thursday 10:00 */
  at (fixture, "2026-03-05T10:00:00+01:00");
  result = pass (fixture);
  g_assert_cmpuint (result.caught_up, ==, 3);
  g_assert_cmpuint (result.done, ==, 1);
  g_assert_cmpuint (result.moved, ==, 1);
  g_assert_cmpuint (result.skipped, ==, 1);
  g_assert_cmpint (result.next_due, ==, unix_at ("2026-03-06T09:00:00+01:00"));
  {
    g_autoptr(GPtrArray) late = runs (fixture, ids[0]);
    g_autoptr(GPtrArray) next = runs (fixture, ids[1]);
    g_autoptr(GPtrArray) skip = runs (fixture, ids[2]);

    g_assert_cmpint (run_at (late, 0)->state, ==, CRM_AUTOMATION_RUN_DONE);
    g_assert_true (run_at (late, 0)->caught_up);
    g_assert_cmpint (run_at (late, 0)->done_at, ==, unix_at ("2026-03-05T10:00:00+01:00"));
    g_assert_cmpstr (run_at (late, 0)->reason, ==,
                     "Caught up: it fell due at 2026-03-02 09:00 while the application was closed, and ran late.");
    g_assert_cmpint (run_at (next, 0)->state, ==, CRM_AUTOMATION_RUN_WAITING);
    g_assert_true (run_at (next, 0)->caught_up);
    g_assert_cmpint (run_at (next, 0)->due_at, ==, unix_at ("2026-03-06T09:00:00+01:00"));
    g_assert_cmpstr (run_at (next, 0)->reason, ==,
                     "Caught up: it fell due at 2026-03-02 09:00 while the application was closed, and was moved to "
                     "2026-03-06 09:00.");
    g_assert_cmpint (run_at (skip, 0)->state, ==, CRM_AUTOMATION_RUN_SKIPPED);
    g_assert_true (run_at (skip, 0)->caught_up);
    g_assert_cmpstr (run_at (skip, 0)->reason, ==,
                     "Caught up: it fell due at 2026-03-02 09:00 while the application was closed, and was skipped.");
  }
  g_assert_cmpint (automated_mails (fixture), ==, 1);

  /* the moved one, on time */
  at (fixture, "2026-03-06T09:00:00+01:00");
  result = pass (fixture);
  g_assert_cmpuint (result.done, ==, 1);
  g_assert_cmpuint (result.caught_up, ==, 0);
  g_assert_cmpint (automated_mails (fixture), ==, 2);
  g_assert_cmpint (pass (fixture).next_due, ==, 0);
  {
    g_autoptr(GPtrArray) next = runs (fixture, ids[1]);

    /* done, and its log still says it was moved */
    g_assert_cmpint (run_at (next, 0)->state, ==, CRM_AUTOMATION_RUN_DONE);
    g_assert_true (run_at (next, 0)->caught_up);
    g_assert_cmpstr (run_at (next, 0)->reason, ==,
                     "Caught up: it fell due at 2026-03-02 09:00 while the application was closed, and was moved to "
                     "2026-03-06 09:00.");
  }
}

/* Two steps changed in one transaction, as the editor saves. */
static gboolean
edit_twice_tx (CrmSession  *session,
               gpointer     user_data,
               GError     **error)
{
  CrmAutomation *automation = user_data;
  CrmAutomationStore *automations = crm_automation_store_from_session (session);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CrmAutomationStep) copy = crm_automation_step_copy (g_ptr_array_index (automation->steps, i));
      g_autoptr(CrmAutomation) now = crm_automation_store_get (automations, automation->id, error);

      if (now == NULL)
        return FALSE;
      copy->delay_days = 4 + i;
      if (crm_automation_store_update_step (automations, ((CrmAutomationStep *) g_ptr_array_index (now->steps, i))->id,
                                            copy, error) == 0)
        return FALSE;
    }

  return TRUE;
}

/* Editing an active automation makes a new version: a record inside
 * keeps its version's steps, a record entering after gets the new. */
static void
test_versions (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAutomation) read = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 id, first, moved;

  id = automation (fixture, FALSE, FALSE, CRM_CATCH_UP_LATE);
  first = step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_CONTACT, 1, 9 * 60, CRM_WEEKDAYS_ALL);
  /* inactive, no one inside: edited in place */
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_USER, 2, 9 * 60, CRM_WEEKDAYS_ALL);
  read = crm_automation_store_get (store (fixture), id, &error);
  g_assert_cmpint (read->version, ==, 1);
  g_clear_pointer (&read, crm_automation_free);

  ticket (fixture, "Pending");
  activate (fixture, id);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_USER, 3, 9 * 60, CRM_WEEKDAYS_ALL);
  read = crm_automation_store_get (store (fixture), id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->version, ==, 2);
  g_assert_cmpuint (read->steps->len, ==, 3);
  g_clear_pointer (&read, crm_automation_free);

  /* the old step's id is of the old version now */
  g_assert_cmpint (crm_automation_store_move_step (store (fixture), first, 2, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CHANGED);
  g_clear_error (&error);
  read = crm_automation_store_get (store (fixture), id, &error);
  moved = crm_automation_store_move_step (store (fixture), ((CrmAutomationStep *) g_ptr_array_index (read->steps, 2))->id,
                                          1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&read, crm_automation_free);
  read = crm_automation_store_get (store (fixture), id, &error);
  /* no record entered version 2 yet: the move changed it in place, so
   * that the editor's save of several changes makes one version */
  g_assert_cmpint (read->version, ==, 2);
  g_assert_cmpint (((CrmAutomationStep *) g_ptr_array_index (read->steps, 0))->id, ==, moved);
  g_assert_cmpuint (((CrmAutomationStep *) g_ptr_array_index (read->steps, 0))->delay_days, ==, 3);
  g_clear_pointer (&read, crm_automation_free);

  ticket (fixture, "Pending");
  g_assert_cmpuint (pass (fixture).entered, ==, 1);
  list = runs (fixture, id);
  g_assert_cmpuint (list->len, ==, 5);
  g_assert_cmpint (run_at (list, 0)->version, ==, 1);
  g_assert_cmpint (run_at (list, 1)->version, ==, 1);
  g_assert_cmpint (run_at (list, 2)->version, ==, 2);
  g_assert_cmpuint (run_at (list, 2)->position, ==, 1);
  g_assert_cmpint (run_at (list, 2)->kind, ==, CRM_AUTOMATION_STEP_EMAIL_USER);
  g_assert_cmpint (query_int (fixture, "SELECT count (DISTINCT version) FROM automation_entries"), ==, 2);

  /* a record entered version 2: the next edit makes version 3, and a
   * second edit in the same transaction stays in it */
  read = crm_automation_store_get (store (fixture), id, &error);
  g_assert_no_error (error);
  g_assert_true (crm_session_run_in_transaction (fixture->session, edit_twice_tx, read, &error));
  g_assert_no_error (error);
  g_clear_pointer (&read, crm_automation_free);
  read = crm_automation_store_get (store (fixture), id, &error);
  g_assert_cmpint (read->version, ==, 3);
  g_assert_cmpuint (read->steps->len, ==, 3);
  g_assert_cmpuint (((CrmAutomationStep *) g_ptr_array_index (read->steps, 0))->delay_days, ==, 4);
  g_assert_cmpuint (((CrmAutomationStep *) g_ptr_array_index (read->steps, 1))->delay_days, ==, 5);
}

/* At most N automated mails to one address a local day, whatever the
 * automation: over it, skipped with the reason. */
static void
test_caps (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  gint64 a, b;

  g_assert_cmpuint (crm_automation_store_get_daily_cap (store (fixture)), ==, 1);
  g_assert_false (crm_automation_store_set_daily_cap (store (fixture), 0, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  ticket (fixture, "Pending");
  a = automation (fixture, FALSE, FALSE, CRM_CATCH_UP_LATE);
  b = automation (fixture, FALSE, FALSE, CRM_CATCH_UP_LATE);
  step (fixture, a, CRM_AUTOMATION_STEP_EMAIL_CONTACT, 0, 10 * 60, CRM_WEEKDAYS_ALL);
  step (fixture, b, CRM_AUTOMATION_STEP_EMAIL_CONTACT, 0, 11 * 60, CRM_WEEKDAYS_ALL);
  step (fixture, b, CRM_AUTOMATION_STEP_EMAIL_CONTACT, 1, 9 * 60, CRM_WEEKDAYS_ALL);
  activate (fixture, a);
  activate (fixture, b);

  at (fixture, "2026-03-02T11:00:00+01:00");
  g_assert_cmpuint (pass (fixture).done, ==, 1);
  first = runs (fixture, a);
  second = runs (fixture, b);
  g_assert_cmpint (run_at (first, 0)->state, ==, CRM_AUTOMATION_RUN_DONE);
  g_assert_cmpstr (run_at (first, 0)->recipient, ==, "zofia@przyklad.pl");
  g_assert_cmpint (run_at (second, 0)->state, ==, CRM_AUTOMATION_RUN_SKIPPED);
  g_assert_cmpstr (run_at (second, 0)->reason, ==,
                   "zofia@przyklad.pl had an automated mail that day already: at most 1 a day.");
  g_clear_pointer (&first, g_ptr_array_unref);
  g_clear_pointer (&second, g_ptr_array_unref);

  /* a new local day */
  at (fixture, "2026-03-03T09:00:00+01:00");
  g_assert_cmpuint (pass (fixture).done, ==, 1);
  g_assert_cmpint (automated_mails (fixture), ==, 2);
}

/* The queued mail: Auto-Submitted, the sender's name on the office's
 * address, answers to the sender, the template filled; a client whose
 * last mail was automatic gets none. */
static void
test_headers (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CrmAutomationStep) sender = crm_automation_step_new (CRM_AUTOMATION_STEP_EMAIL_CONTACT);
  g_autofree char *text = NULL;
  gint64 id, answered, other = add_contact (fixture, "Jan Wiśniewski", "jan@przyklad.pl");

  ticket (fixture, "Pending");
  answered = ticket_of (fixture, other, "Pending");
  id = automation (fixture, FALSE, FALSE, CRM_CATCH_UP_LATE);
  sender->delay_days = 0;
  sender->minute_of_day = 9 * 60;
  sender->template_id = fixture->template_id;
  sender->sender_user_id = fixture->bob;
  g_assert_cmpint (crm_automation_store_add_step (store (fixture), id, sender, &error), >, 0);
  g_assert_no_error (error);
  activate (fixture, id);

  /* Jan's last mail to his ticket was an out-of-office notice */
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO messages (account_id, direction, message_id, raw_hash, "
                                            "from_address, subject, date, body_text, raw, created_at, ticket_id, "
                                            "automatic) VALUES (%" G_GINT64_FORMAT ", 'in', 'ooo@przyklad.pl', 'x', "
                                            "'jan@przyklad.pl', 'Out of office', 0, '', 'x', 0, %" G_GINT64_FORMAT ", "
                                            "'auto-reply')",
                                            fixture->account, answered);

    exec (fixture, sql);
  }

  at (fixture, "2026-03-02T09:00:00+01:00");
  g_assert_cmpuint (pass (fixture).done, ==, 1);
  list = runs (fixture, id);
  g_assert_cmpint (run_at (list, 1)->record_id, ==, answered);
  g_assert_cmpint (run_at (list, 1)->state, ==, CRM_AUTOMATION_RUN_SKIPPED);
  g_assert_cmpstr (run_at (list, 1)->reason, ==,
                   "The client’s last mail was automatic: automated mail never answers it.");
  g_assert_cmpint (run_at (list, 0)->state, ==, CRM_AUTOMATION_RUN_DONE);
  g_assert_cmpint (run_at (list, 0)->outbox_id, >, 0);
  g_assert_cmpint (crm_automation_store_find_run_for_outbox (store (fixture), run_at (list, 0)->outbox_id, &error), ==,
                   run_at (list, 0)->id);

  {
    g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (fixture->session),
                                                         "SELECT raw, owner FROM outbox WHERE id = ?1", &error);
    gsize length = 0;
    gconstpointer bytes;

    g_assert_no_error (error);
    crm_statement_bind_int64 (stmt, 1, run_at (list, 0)->outbox_id);
    g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);
    bytes = crm_statement_get_blob (stmt, 0, &length);
    text = g_strndup (bytes, length);
    g_assert_cmpstr (crm_statement_get_text (stmt, 1), ==, "automation");
  }
  g_assert_nonnull (strstr (text, "Auto-Submitted: auto-generated"));
  g_assert_nonnull (strstr (text, "From: Bob Kos <biuro@example.com>"));
  g_assert_nonnull (strstr (text, "Reply-To: bob@example.com"));
  g_assert_nonnull (strstr (text, "To: zofia@przyklad.pl"));
  g_assert_nonnull (strstr (text, "[#"));
}

/* Two schedulers (two connections, two threads) on the same due steps:
 * each step done once, one mail each. */
typedef struct
{
  CrmSession        *session;
  CrmAutomationPass  pass;
} Racer;

static gpointer
race_thread (gpointer data)
{
  Racer *racer = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_automation_store_run_pass (crm_automation_store_from_session (racer->session), &racer->pass, NULL,
                                                &error));
  g_assert_no_error (error);

  return NULL;
}

static void
test_race (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Racer racers[2] = { { 0 } };
  GThread *threads[2];
  gint64 id;

  g_assert_true (crm_automation_store_set_daily_cap (store (fixture), 20, &error));
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("Klient %u", i);
      g_autofree char *address = g_strdup_printf ("klient%u@przyklad.pl", i);

      ticket_of (fixture, add_contact (fixture, name, address), "Pending");
    }
  id = automation (fixture, FALSE, FALSE, CRM_CATCH_UP_LATE);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_CONTACT, 0, 9 * 60, CRM_WEEKDAYS_ALL);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_CONTACT, 0, 9 * 60, CRM_WEEKDAYS_ALL);
  activate (fixture, id);
  at (fixture, "2026-03-02T09:00:00+01:00");

  for (guint i = 0; i < 2; i++)
    {
      racers[i].session = crm_session_open_another (fixture->session, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("racer", race_thread, &racers[i]);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);

  g_assert_cmpuint (racers[0].pass.done + racers[1].pass.done, ==, 120);
  g_assert_cmpint (automated_mails (fixture), ==, 120);
  g_assert_cmpint (query_int (fixture, "SELECT count (DISTINCT outbox_id) FROM automation_runs WHERE state = 'done'"),
                   ==, 120);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM automation_runs WHERE state <> 'done'"), ==, 0);
  for (guint i = 0; i < 2; i++)
    g_assert_finalize_object (racers[i].session);
}

/* Three mails in a row refused by the server (550, a real SMTP server):
 * the automation pauses with the server's words; the next step waits;
 * activating it again goes on. */
static void
test_pause (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAutomation) read = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *spool = NULL;
  g_autofree char *sql = NULL;
  GSubprocess *smtp;
  guint16 port;
  gint64 id;

  smtp = crm_test_smtp_start (&spool, &port);
  sql = g_strdup_printf ("UPDATE accounts SET smtp_port = %u", port);
  exec (fixture, sql);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *address = g_strdup_printf ("reject@n%u.example.com", i);

      ticket_of (fixture, add_contact (fixture, "Nikt", address), "Pending");
    }
  id = automation (fixture, FALSE, FALSE, CRM_CATCH_UP_LATE);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_CONTACT, 0, 9 * 60, CRM_WEEKDAYS_ALL);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_USER, 1, 9 * 60, CRM_WEEKDAYS_ALL);
  activate (fixture, id);
  at (fixture, "2026-03-02T09:00:00+01:00");
  g_assert_cmpuint (pass (fixture).done, ==, 3);
  crm_outbox_run_due (crm_outbox_from_session (fixture->session), NULL, &error);
  g_assert_no_error (error);

  read = crm_automation_store_get (store (fixture), id, &error);
  g_assert_nonnull (read->paused_reason);
  g_assert_nonnull (strstr (read->paused_reason, "3 mails in a row failed"));
  g_assert_nonnull (strstr (read->paused_reason, "550"));
  g_assert_true (read->active);
  g_clear_pointer (&read, crm_automation_free);
  list = runs (fixture, id);
  g_assert_cmpint (run_at (list, 0)->state, ==, CRM_AUTOMATION_RUN_FAILED);
  g_assert_nonnull (strstr (run_at (list, 0)->reason, "No such user"));
  g_clear_pointer (&list, g_ptr_array_unref);

  /* paused: the next day's steps wait */
  at (fixture, "2026-03-03T09:00:00+01:00");
  g_assert_cmpuint (pass (fixture).done, ==, 0);
  g_assert_cmpint (crm_automation_store_next_due (store (fixture), &error), ==, 0);
  activate (fixture, id);
  read = crm_automation_store_get (store (fixture), id, &error);
  g_assert_null (read->paused_reason);
  /* on time: Anna's, once a day */
  g_assert_cmpuint (pass (fixture).done, ==, 1);

  crm_test_smtp_stop (smtp, spool);
}

/* The scheduler's own thread: woken when automations change, it runs
 * what is due at the clock's time. */
static void
test_scheduler_thread (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) own = crm_session_open_another (fixture->session, &error);
  g_autoptr(CrmAutomationScheduler) scheduler = NULL;
  gint64 id, deadline;
  guint passes;

  g_assert_no_error (error);
  ticket (fixture, "Pending");
  id = automation (fixture, FALSE, FALSE, CRM_CATCH_UP_LATE);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_CONTACT, 0, 9 * 60, CRM_WEEKDAYS_ALL);
  scheduler = crm_automation_scheduler_new (own);
  crm_automation_scheduler_start (scheduler);
  activate (fixture, id);

  at (fixture, "2026-03-02T09:00:00+01:00");
  passes = crm_automation_scheduler_get_passes (scheduler);
  crm_automation_scheduler_wake (scheduler);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while ((automated_mails (fixture) == 0 || crm_automation_scheduler_get_passes (scheduler) <= passes) &&
         g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
  g_assert_cmpint (automated_mails (fixture), ==, 1);
  crm_automation_scheduler_stop (scheduler);
  /* what its thread posted to this context before it stopped, let go */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (&scheduler));
}

/* Inside the office's one engine: started with it, woken when an
 * automation changes (here by another connection, as another window's
 * or crmctl's would), stopped with it. */
static void
test_engine (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) other = crm_session_open_another (fixture->session, &error);
  g_autoptr(CrmMailEngine) engine = NULL;
  gint64 id, deadline;

  g_assert_no_error (error);
  ticket (fixture, "Pending");
  id = automation (fixture, FALSE, FALSE, CRM_CATCH_UP_LATE);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_CONTACT, 0, 9 * 60, CRM_WEEKDAYS_ALL);
  engine = crm_mail_engine_new (fixture->session, "test-automations");
  g_assert_true (crm_mail_engine_start (engine, &error));
  g_assert_no_error (error);

  at (fixture, "2026-03-02T09:00:00+01:00");
  g_assert_true (crm_automation_store_activate (crm_automation_store_from_session (other), id, &error));
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (automated_mails (fixture) == 0 && g_get_monotonic_time () < deadline)
    crm_test_iterate ();
  g_assert_cmpint (automated_mails (fixture), ==, 1);

  crm_mail_engine_stop (engine);
  /* what its threads and workers posted to this context, let go */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (&engine));
  g_assert_finalize_object (g_steal_pointer (&other));
}

/* What the simulation says is what then happens, step for step, as the
 * clock moves from due time to due time. */
static void
test_simulate (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_free);
  gint64 id, none = add_contact (fixture, "Bez adresu", NULL);
  guint entering = 0, skipped = 0;

  at (fixture, "2026-03-06T10:00:00+01:00");
  ticket (fixture, "Pending");
  ticket (fixture, "Pending");
  ticket_of (fixture, none, "Pending");
  id = automation (fixture, FALSE, FALSE, CRM_CATCH_UP_LATE);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_CONTACT, 0, 9 * 60, CRM_WEEKDAY_MONDAY | CRM_WEEKDAY_FRIDAY);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_USER, 2, -1, CRM_WEEKDAYS_ALL);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_CONTACT, 30, 9 * 60, CRM_WEEKDAYS_ALL);

  plans = crm_automation_store_simulate (store (fixture), id, 7, 0, &entering, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entering, ==, 3);
  /* 3 records × the 2 steps within a week */
  g_assert_cmpuint (plans->len, ==, 6);
  for (guint i = 0; i < plans->len; i++)
    {
      CrmAutomationPlan *plan = g_ptr_array_index (plans, i);

      g_assert_true (plan->entering);
      if (plan->skip_reason != NULL)
        skipped++;
    }
  /* Anna gets three mails on Sunday, one allowed by the cap; Zofia two
   * on Monday, one allowed; the client without an address leaves at
   * Monday's step */
  g_assert_cmpuint (skipped, ==, 4);
  /* nothing written */
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM automation_entries"), ==, 0);

  activate (fixture, id);
  /* active: the same, from the steps now waiting */
  {
    g_autoptr(GPtrArray) again = crm_automation_store_simulate (store (fixture), id, 7, 0, &entering, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (entering, ==, 0);
    g_assert_cmpuint (again->len, ==, plans->len);
    for (guint i = 0; i < plans->len; i++)
      {
        CrmAutomationPlan *before = g_ptr_array_index (plans, i);
        CrmAutomationPlan *after = g_ptr_array_index (again, i);

        g_assert_false (after->entering);
        g_assert_cmpint (after->record_id, ==, before->record_id);
        g_assert_cmpint (after->step_id, ==, before->step_id);
        g_assert_cmpint (after->due_at, ==, before->due_at);
        g_assert_cmpstr (after->recipient, ==, before->recipient);
        g_assert_cmpstr (after->skip_reason, ==, before->skip_reason);
      }
  }
  for (;;)
    {
      gint64 next = crm_automation_store_next_due (store (fixture), &error);

      g_assert_no_error (error);
      if (next == 0 || next > unix_at ("2026-03-13T10:00:00+01:00"))
        break;
      at_unix (fixture, MAX (next, crm_clock_now_unix (fixture->clock)));
      pass (fixture);
    }

  list = runs (fixture, id);
  for (guint i = 0; i < plans->len; i++)
    {
      CrmAutomationPlan *plan = g_ptr_array_index (plans, i);
      gboolean found = FALSE;

      for (guint j = 0; j < list->len; j++)
        {
          CrmAutomationRun *run = run_at (list, j);

          if (run->record_id != plan->record_id || run->step_id != plan->step_id)
            continue;
          found = TRUE;
          g_assert_cmpint (run->due_at, ==, plan->due_at);
          g_assert_cmpint (run->state, ==, plan->skip_reason != NULL ? CRM_AUTOMATION_RUN_SKIPPED
                                                                     : CRM_AUTOMATION_RUN_DONE);
          g_assert_cmpstr (run->reason, ==, plan->skip_reason);
          if (plan->skip_reason == NULL)
            {
              g_assert_cmpint (run->done_at, ==, plan->due_at);
              g_assert_cmpstr (run->recipient, ==, plan->recipient);
            }
        }
      g_assert_true (found);
    }
  /* and nothing else ran: the 30-day steps still wait */
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM automation_runs WHERE state = 'waiting'"), ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM automation_runs WHERE state <> 'waiting'"), ==, 7);
}

/* A task step: a task for the responsible user (or the one chosen),
 * its title filled for the record, linked both ways; the daily cap is
 * for mails only. */
static void
test_task (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CrmAutomationStep) for_bob = crm_automation_step_new (CRM_AUTOMATION_STEP_TASK);
  gint64 id, record;

  record = ticket (fixture, "Pending");
  id = automation (fixture, FALSE, FALSE, CRM_CATCH_UP_LATE);
  step (fixture, id, CRM_AUTOMATION_STEP_TASK, 0, 9 * 60, CRM_WEEKDAYS_ALL);
  for_bob->minute_of_day = 9 * 60;
  for_bob->task_title = g_strdup ("Write to {client_first_name}");
  for_bob->recipient_user_id = fixture->bob;
  g_assert_cmpint (crm_automation_store_add_step (store (fixture), id, for_bob, &error), >, 0);
  g_assert_no_error (error);
  activate (fixture, id);

  at (fixture, "2026-03-02T09:00:00+01:00");
  g_assert_cmpuint (pass (fixture).done, ==, 2);
  list = runs (fixture, id);
  for (guint i = 0; i < 2; i++)
    {
      CrmAutomationRun *run = run_at (list, i);
      g_autoptr(CrmTask) task = NULL;

      g_assert_cmpint (run->state, ==, CRM_AUTOMATION_RUN_DONE);
      g_assert_cmpint (run->task_id, >, 0);
      g_assert_cmpint (run->outbox_id, ==, 0);
      task = crm_task_store_get (crm_task_store_from_session (fixture->session), run->task_id, &error);
      g_assert_no_error (error);
      g_assert_cmpint (crm_task_get_automation_run_id (task), ==, run->id);
      g_assert_cmpint (crm_task_get_record_id (task), ==, record);
      g_assert_cmpstr (crm_task_get_record_module (task), ==, "tickets");
      g_assert_cmpint (crm_task_get_due (task), ==, unix_at ("2026-03-02T09:00:00+01:00"));
      g_assert_cmpint (crm_task_get_user_id (task), ==, i == 0 ? fixture->anna : fixture->bob);
      g_assert_cmpstr (crm_task_get_title (task), ==, i == 0 ? "Call Zofia Kamińska" : "Write to Zofia");
    }
  g_assert_cmpint (automated_mails (fixture), ==, 0);
}

/* Settings and the checks of what is given. */
static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *zone = crm_automation_store_dup_time_zone (store (fixture));
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CrmAutomationStep) offer_mail = crm_automation_step_new (CRM_AUTOMATION_STEP_EMAIL_CONTACT);
  gint64 id;

  g_assert_cmpstr (zone, ==, "Europe/Warsaw");
  g_assert_false (crm_automation_store_set_time_zone (store (fixture), "Mars/Olympus", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (crm_automation_store_set_time_zone (store (fixture), "Europe/Budapest", &error));
  g_assert_no_error (error);
  g_free (zone);
  zone = crm_automation_store_dup_time_zone (store (fixture));
  g_assert_cmpstr (zone, ==, "Europe/Budapest");

  /* contacts have no statuses; offers no client; an inactive one with no step */
  g_assert_cmpint (crm_automation_store_add (store (fixture), "contacts", "X", 3, 0, FALSE, FALSE, CRM_CATCH_UP_LATE,
                                             &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_automation_store_add (store (fixture), "invoices", "X", 3, 0, FALSE, FALSE, CRM_CATCH_UP_LATE,
                                             &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  id = automation (fixture, FALSE, FALSE, CRM_CATCH_UP_LATE);
  g_assert_false (crm_automation_store_activate (store (fixture), id, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  offer_mail->template_id = 999;
  g_assert_cmpint (crm_automation_store_add_step (store (fixture), id, offer_mail, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  list = crm_automation_store_list (store (fixture), "requests", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((CrmAutomation *) g_ptr_array_index (list, 0))->status_name, ==, "Pending");
  g_assert_false (((CrmAutomation *) g_ptr_array_index (list, 0))->active);
  g_assert_true (crm_automation_store_delete (store (fixture), id, &error));
  g_assert_no_error (error);
}

/* Selection by a saved view (AU2, FD4): the office's view "VIP
 * requests" (tagged vip) chooses the records; a record tagged later
 * enters, one untagged leaves with the reason; a view of another list
 * is refused. */
static void
test_by_view (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmViewStore *views = crm_view_store_from_session (fixture->session);
  CrmTicketFilter filter = { 0 };
  g_autoptr(GPtrArray) list = NULL;
  gint64 view, contacts_view, id, first, second, third;

  at (fixture, "2026-03-02T08:00:00+01:00");
  first = ticket (fixture, NULL);
  second = ticket (fixture, NULL);
  third = ticket (fixture, NULL);
  g_assert_true (crm_ticket_store_set (tickets (fixture), first, NULL, NULL, NULL, NULL, "vip", &error));
  g_assert_true (crm_ticket_store_set (tickets (fixture), second, NULL, NULL, NULL, NULL, "vip", &error));
  g_assert_no_error (error);
  filter.tag = "vip";
  view = crm_view_store_add (views, "requests", "VIP requests", TRUE, crm_ticket_filter_to_variant (&filter), &error);
  g_assert_no_error (error);
  {
    CrmContactFilter contacts = { 0 };

    contacts.search = "zofia";
    contacts_view = crm_view_store_add (views, "contacts", "Zofie", TRUE, crm_contact_filter_to_variant (&contacts),
                                        &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (crm_automation_store_add (store (fixture), "requests", "Wrong list", 0, contacts_view, FALSE, FALSE,
                                             CRM_CATCH_UP_LATE, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  id = crm_automation_store_add (store (fixture), "requests", "VIP follow-up", 0, view, FALSE, FALSE, CRM_CATCH_UP_LATE,
                                 &error);
  g_assert_no_error (error);
  step (fixture, id, CRM_AUTOMATION_STEP_EMAIL_CONTACT, 1, 9 * 60, CRM_WEEKDAYS_ALL);
  activate (fixture, id);
  pass (fixture);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM automation_entries WHERE left_at IS NULL"), ==, 2);

  g_assert_true (crm_ticket_store_set (tickets (fixture), third, NULL, NULL, NULL, NULL, "vip", &error));
  g_assert_true (crm_ticket_store_untag (tickets (fixture), first, "vip", &error));
  g_assert_no_error (error);
  pass (fixture);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM automation_entries WHERE left_at IS NULL"), ==, 2);
  list = runs (fixture, id);
  for (guint i = 0; i < list->len; i++)
    {
      CrmAutomationRun *run = g_ptr_array_index (list, i);

      if (run->record_id == first)
        g_assert_cmpint (run->state, ==, CRM_AUTOMATION_RUN_SKIPPED);
      else
        g_assert_cmpint (run->state, ==, CRM_AUTOMATION_RUN_WAITING);
    }
  g_assert_cmpuint (list->len, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* not isolated: the SMTP client asks the system's proxy settings */
  g_test_init (&argc, &argv, NULL);
  crm_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/automations/dst", test_dst);
  ADD ("/automations/hour-passed", test_hour_passed);
  ADD ("/automations/enter-leave", test_enter_leave);
  ADD ("/automations/by-view", test_by_view);
  ADD ("/automations/only-new", test_only_new);
  ADD ("/automations/one-time", test_one_time);
  ADD ("/automations/catch-up", test_catch_up);
  ADD ("/automations/versions", test_versions);
  ADD ("/automations/caps", test_caps);
  ADD ("/automations/headers", test_headers);
  ADD ("/automations/task", test_task);
  ADD ("/automations/race", test_race);
  ADD ("/automations/pause", test_pause);
  ADD ("/automations/scheduler-thread", test_scheduler_thread);
  ADD ("/automations/engine", test_engine);
  ADD ("/automations/simulate", test_simulate);
  ADD ("/automations/settings", test_settings);

  status = g_test_run ();
  crm_test_wait_for_threads ();

  return status;
}
