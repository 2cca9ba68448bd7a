/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm.h"
#include "crm-schedule.h"

/* Wall-clock schedules of automation steps (AU6, issue 15) in an
 * office in Warsaw: the day and hour kept across daylight-saving
 * changes, the skipped and the repeated hour, an hour already past,
 * weekdays, and what a step missed while the application was closed
 * becomes under each catch-up policy. */

static GTimeZone *warsaw;

/* A local time in Warsaw, as Unix time. */
static gint64
local (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new (warsaw, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static char *
utc (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (time, "%Y-%m-%dT%H:%MZ");
}

#define assert_utc(unix_time, expected) \
  G_STMT_START { g_autofree char *got_ = utc (unix_time); g_assert_cmpstr (got_, ==, expected); } G_STMT_END

/* Two days after a Friday morning, at 09:00: Sunday 28 March 2027, the
 * day clocks go forward, still 09:00 in Warsaw (07:00 UTC, not 08:00);
 * without a time of day, the entry's 10:00 the next day, 23 hours on. */
static void
test_across_dst (void)
{
  assert_utc (crm_schedule_due (warsaw, local (2027, 3, 26, 10, 0), 2, 9 * 60, 0), "2027-03-28T07:00Z");
  assert_utc (crm_schedule_due (warsaw, local (2027, 3, 26, 10, 0), 1, 9 * 60, 0), "2027-03-27T08:00Z");
  assert_utc (crm_schedule_due (warsaw, local (2027, 3, 27, 10, 0), 1, -1, 0), "2027-03-28T08:00Z");
  /* and back in October: 09:00 CET again (08:00 UTC), 25 hours on */
  assert_utc (crm_schedule_due (warsaw, local (2027, 10, 30, 10, 0), 1, 9 * 60, 0), "2027-10-31T08:00Z");
  assert_utc (crm_schedule_due (warsaw, local (2027, 10, 30, 10, 0), 1, -1, 0), "2027-10-31T09:00Z");
}

/* 02:30 does not happen on 28 March 2027: the step runs when the
 * skipped hour ends, 03:00 CEST; it happens twice on 31 October 2027:
 * the step runs once, at the second, standard-time one (01:30 UTC). */
static void
test_skipped_and_repeated_hour (void)
{
  gint64 skipped = crm_schedule_due (warsaw, local (2027, 3, 27, 12, 0), 1, 2 * 60 + 30, 0);
  gint64 repeated = crm_schedule_due (warsaw, local (2027, 10, 30, 12, 0), 1, 2 * 60 + 30, 0);

  assert_utc (skipped, "2027-03-28T01:00Z");
  assert_utc (repeated, "2027-10-31T01:30Z");
  /* entered in the first 02:30 itself: not before it entered */
  g_assert_cmpint (crm_schedule_due (warsaw, repeated - 3600, 0, 2 * 60 + 30, 0), ==, repeated);
}

/* "At 09:00" for a record entering at 10:00 is tomorrow's 09:00, never
 * now; entering at 08:00, today's. */
static void
test_hour_already_past (void)
{
  assert_utc (crm_schedule_due (warsaw, local (2026, 12, 7, 10, 0), 0, 9 * 60, 0), "2026-12-08T08:00Z");
  assert_utc (crm_schedule_due (warsaw, local (2026, 12, 7, 8, 0), 0, 9 * 60, 0), "2026-12-07T08:00Z");
  /* exactly at the hour: now is allowed, it is the hour itself */
  assert_utc (crm_schedule_due (warsaw, local (2026, 12, 7, 9, 0), 0, 9 * 60, 0), "2026-12-07T08:00Z");
}

/* Weekdays only: Friday after 09:00 waits for Monday; a delay landing on
 * a Saturday moves to Monday too. */
static void
test_weekdays (void)
{
  CrmWeekdays weekdays = 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (crm_weekdays_parse ("mon,tue,wed,thu,fri", &weekdays, &error));
  g_assert_no_error (error);
  assert_utc (crm_schedule_due (warsaw, local (2026, 12, 11, 10, 0), 0, 9 * 60, weekdays), "2026-12-14T08:00Z");
  assert_utc (crm_schedule_due (warsaw, local (2026, 12, 10, 10, 0), 2, 9 * 60, weekdays), "2026-12-14T08:00Z");
  assert_utc (crm_schedule_due (warsaw, local (2026, 12, 10, 10, 0), 2, -1, weekdays), "2026-12-14T09:00Z");

  g_assert_true (crm_weekdays_parse (" Sat , SUN", &weekdays, &error));
  g_assert_cmpint (weekdays, ==, CRM_WEEKDAY_SATURDAY | CRM_WEEKDAY_SUNDAY);
  text = crm_weekdays_to_string (weekdays);
  g_assert_cmpstr (text, ==, "sat,sun");
  g_assert_false (crm_weekdays_parse ("mon,someday", &weekdays, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "someday"));
  g_clear_error (&error);
  g_assert_false (crm_weekdays_parse ("", &weekdays, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
}

/* A 09:00 step due on Monday, found on Thursday 11:00 after three days
 * closed: "late" runs it now, "next" on Friday at 09:00, "skip" not at
 * all; found within the grace of a tick, every policy runs it now. */
static void
test_catch_up (void)
{
  gint64 due = local (2026, 12, 7, 9, 0);
  gint64 now = local (2026, 12, 10, 11, 0);
  gint64 run_at = 0;

  g_assert_true (crm_schedule_catch_up (warsaw, CRM_CATCH_UP_LATE, due, now, 9 * 60, 0, &run_at));
  g_assert_cmpint (run_at, ==, now);
  g_assert_true (crm_schedule_catch_up (warsaw, CRM_CATCH_UP_NEXT, due, now, 9 * 60, 0, &run_at));
  assert_utc (run_at, "2026-12-11T08:00Z");
  g_assert_false (crm_schedule_catch_up (warsaw, CRM_CATCH_UP_SKIP, due, now, 9 * 60, 0, &run_at));
  for (CrmCatchUp policy = CRM_CATCH_UP_LATE; policy <= CRM_CATCH_UP_SKIP; policy++)
    {
      g_assert_true (crm_schedule_catch_up (warsaw, policy, due, due + 60, 9 * 60, 0, &run_at));
      g_assert_cmpint (run_at, ==, due + 60);
    }
}

static void
test_zone (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = crm_schedule_zone_new ("Europe/Budapest", &error);

  g_assert_no_error (error);
  g_assert_nonnull (zone);
  g_assert_null (crm_schedule_zone_new ("Europe/Atlantis", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Europe/Atlantis"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  warsaw = crm_schedule_zone_new ("Europe/Warsaw", &error);
  g_assert_no_error (error);

  g_test_add_func ("/schedule/across-dst", test_across_dst);
  g_test_add_func ("/schedule/skipped-and-repeated-hour", test_skipped_and_repeated_hour);
  g_test_add_func ("/schedule/hour-already-past", test_hour_already_past);
  g_test_add_func ("/schedule/weekdays", test_weekdays);
  g_test_add_func ("/schedule/catch-up", test_catch_up);
  g_test_add_func ("/schedule/zone", test_zone);
  status = g_test_run ();
  g_time_zone_unref (warsaw);

  return status;
}
