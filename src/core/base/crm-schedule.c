/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-schedule"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-schedule.h"

/*
 * Wall-clock schedules (AU6): "two days after entry, at 09:00, on
 * weekdays" means 09:00 where the office is (its time zone, a setting),
 * whatever the offset that day. The rules, each tested:
 *
 *  - the day is the entry's local date plus the delay, in calendar days;
 *  - a time that day already past when the record entered means the
 *    next allowed day at that time, never "now";
 *  - a day not among the allowed weekdays moves to the next allowed one;
 *  - a time in the hour skipped when clocks go forward (02:30 on the last
 *    Sunday of March in Warsaw) runs when that hour ends, at 03:00; a
 *    time in the hour that happens twice when clocks go back (02:30 on
 *    the last Sunday of October) runs once, in the second, standard-time
 *    one, as GLib resolves it (g_date_time_new ());
 *  - without a time of day, the step keeps the entry's local time of
 *    day, the delay in calendar days (23 or 25 hours across a change).
 *
 * The scheduler stores the instant these give (Unix time) as a step's
 * due time; nothing here reads a clock.
 */

#define MAX_DAYS_AHEAD 3660

static gboolean
allowed (CrmWeekdays weekdays,
         GDate      *date)
{
  /* G_DATE_MONDAY is 1 … G_DATE_SUNDAY 7 */
  return (weekdays & (1 << (g_date_get_weekday (date) - 1))) != 0;
}

static GDate *
local_date (GDateTime *time)
{
  return g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (time), (GDateMonth) g_date_time_get_month (time),
                         (GDateYear) g_date_time_get_year (time));
}

static gint64
local_instant (GTimeZone *zone,
               GDate     *date,
               int        hour,
               int        minute,
               double     seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                                               g_date_get_day (date), hour, minute, seconds);

  return time != NULL ? g_date_time_to_unix (time) : G_MAXINT64;
}

/**
 * crm_schedule_due:
 * @zone: the office's time zone
 * @entered_at: when the record entered (Unix time)
 * @delay_days: the step's delay, in days after entry
 * @minute_of_day: the time of day it runs, in minutes after local
 *   midnight (0 to 1439), or -1 for the entry's own time of day
 * @weekdays: the days it may run on; 0 for every day
 *
 * When a step falls due, by the rules at the top of this file.
 *
 * Returns: the Unix time, never before @entered_at
 */
gint64
crm_schedule_due (GTimeZone   *zone,
                  gint64       entered_at,
                  guint        delay_days,
                  int          minute_of_day,
                  CrmWeekdays  weekdays)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (entered_at);
  g_autoptr(GDateTime) entered = NULL;
  GDate *date;
  gint64 due = G_MAXINT64;
  int hour, minute;
  double seconds;

  g_return_val_if_fail (zone != NULL, entered_at);
  g_return_val_if_fail (minute_of_day >= -1 && minute_of_day < 24 * 60, entered_at);

  if (utc == NULL)
    return entered_at;
  weekdays &= CRM_WEEKDAYS_ALL;
  if (weekdays == 0)
    weekdays = CRM_WEEKDAYS_ALL;
  entered = g_date_time_to_timezone (utc, zone);
  date = local_date (entered);
  g_date_add_days (date, MIN (delay_days, MAX_DAYS_AHEAD));

  if (minute_of_day < 0)
    {
      hour = g_date_time_get_hour (entered);
      minute = g_date_time_get_minute (entered);
      seconds = g_date_time_get_seconds (entered);
    }
  else
    {
      hour = minute_of_day / 60;
      minute = minute_of_day % 60;
      seconds = 0;
    }

  /* a week and a day always hold an allowed day at that time */
  for (guint i = 0; i < 9; i++, g_date_add_days (date, 1))
    {
      if (!allowed (weekdays, date))
        continue;
      due = local_instant (zone, date, hour, minute, seconds);
      if (due >= entered_at)
        break;
    }
  g_date_free (date);

  return due != G_MAXINT64 ? MAX (due, entered_at) : entered_at;
}

/**
 * crm_schedule_next_allowed:
 * @zone: the office's time zone
 * @not_before: the earliest it may be (Unix time)
 * @minute_of_day: the time of day, or -1 for any
 * @weekdays: the days allowed; 0 for every day
 *
 * The first allowed time at or after @not_before: for a step moved on
 * after the application was closed (%CRM_CATCH_UP_NEXT).
 *
 * Returns: the Unix time
 */
gint64
crm_schedule_next_allowed (GTimeZone   *zone,
                           gint64       not_before,
                           int          minute_of_day,
                           CrmWeekdays  weekdays)
{
  return crm_schedule_due (zone, not_before, 0, minute_of_day, weekdays);
}

/**
 * crm_schedule_catch_up:
 * @zone: the office's time zone
 * @policy: the automation's catch-up policy
 * @due: when the step fell due
 * @now: now
 * @minute_of_day: the step's time of day, or -1
 * @weekdays: its days; 0 for every day
 * @run_at: (out): when it runs, when it does
 *
 * What becomes of a step found due at @now: on time (within
 * %CRM_SCHEDULE_GRACE_SECONDS) it runs now, whatever the policy; later
 * than that (the application was closed) as @policy says.
 *
 * Returns: %FALSE when the step is skipped
 */
gboolean
crm_schedule_catch_up (GTimeZone   *zone,
                       CrmCatchUp   policy,
                       gint64       due,
                       gint64       now,
                       int          minute_of_day,
                       CrmWeekdays  weekdays,
                       gint64      *run_at)
{
  g_return_val_if_fail (run_at != NULL, FALSE);

  *run_at = now;
  if (now - due <= CRM_SCHEDULE_GRACE_SECONDS)
    return TRUE;

  switch (policy)
    {
    case CRM_CATCH_UP_LATE:
      return TRUE;
    case CRM_CATCH_UP_NEXT:
      *run_at = crm_schedule_next_allowed (zone, now, minute_of_day, weekdays);
      return TRUE;
    case CRM_CATCH_UP_SKIP:
    default:
      return FALSE;
    }
}

static const char * const day_names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

/**
 * crm_weekdays_parse:
 * @text: days as crmctl takes them: "mon,tue,wed", in any case
 * @weekdays: (out): the days
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @text names one day or more, and nothing else
 */
gboolean
crm_weekdays_parse (const char   *text,
                    CrmWeekdays  *weekdays,
                    GError      **error)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  CrmWeekdays days = 0;

  g_return_val_if_fail (weekdays != NULL, FALSE);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *name = g_ascii_strdown (g_strstrip (parts[i]), -1);
      guint day;

      for (day = 0; day < G_N_ELEMENTS (day_names); day++)
        if (g_str_equal (name, day_names[day]))
          break;
      if (day == G_N_ELEMENTS (day_names))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: what was given as a day; the days are given as mon, tue, … sun */
                       _("“%s” is not a day: give days as mon, tue, wed, thu, fri, sat, sun, separated by commas."),
                       name);
          return FALSE;
        }
      days |= 1 << day;
    }
  if (days == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Give at least one day."));
      return FALSE;
    }
  *weekdays = days;

  return TRUE;
}

/**
 * crm_weekdays_to_string:
 * @weekdays: days
 *
 * Returns: (transfer full): the days as crm_weekdays_parse() takes them
 */
char *
crm_weekdays_to_string (CrmWeekdays weekdays)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint day = 0; day < G_N_ELEMENTS (day_names); day++)
    if (weekdays & (1 << day))
      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "", day_names[day]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * crm_schedule_zone_new:
 * @identifier: a time zone's name, "Europe/Warsaw"
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the zone, or %NULL with @error
 *   set when this computer does not know it
 */
GTimeZone *
crm_schedule_zone_new (const char  *identifier,
                       GError     **error)
{
  GTimeZone *zone = identifier != NULL ? g_time_zone_new_identifier (identifier) : NULL;

  if (zone == NULL)
    g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                 /* Translators: a time zone's name, as Europe/Warsaw */
                 _("“%s” is not a time zone this computer knows (give one as Europe/Warsaw)."),
                 identifier ? identifier : "");

  return zone;
}
