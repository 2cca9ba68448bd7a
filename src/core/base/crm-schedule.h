/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CrmWeekdays:
 * @CRM_WEEKDAY_MONDAY: Monday
 * @CRM_WEEKDAY_TUESDAY: Tuesday
 * @CRM_WEEKDAY_WEDNESDAY: Wednesday
 * @CRM_WEEKDAY_THURSDAY: Thursday
 * @CRM_WEEKDAY_FRIDAY: Friday
 * @CRM_WEEKDAY_SATURDAY: Saturday
 * @CRM_WEEKDAY_SUNDAY: Sunday
 * @CRM_WEEKDAYS_ALL: every day
 *
 * The days a scheduled step may run on.
 */
typedef enum
{
  CRM_WEEKDAY_MONDAY    = 1 << 0,
  CRM_WEEKDAY_TUESDAY   = 1 << 1,
  CRM_WEEKDAY_WEDNESDAY = 1 << 2,
  CRM_WEEKDAY_THURSDAY  = 1 << 3,
  CRM_WEEKDAY_FRIDAY    = 1 << 4,
  CRM_WEEKDAY_SATURDAY  = 1 << 5,
  CRM_WEEKDAY_SUNDAY    = 1 << 6,
  CRM_WEEKDAYS_ALL      = 0x7f,
} CrmWeekdays;

/**
 * CrmCatchUp:
 * @CRM_CATCH_UP_LATE: a step missed while nothing ran runs as soon as it can
 * @CRM_CATCH_UP_NEXT: it moves to its next allowed day and time
 * @CRM_CATCH_UP_SKIP: it is skipped, and the log says why
 *
 * What becomes of a step that fell due while the application was closed.
 */
typedef enum
{
  CRM_CATCH_UP_LATE,
  CRM_CATCH_UP_NEXT,
  CRM_CATCH_UP_SKIP,
} CrmCatchUp;

/* How late a step may run and still count as on time: a scheduler's tick. */
#define CRM_SCHEDULE_GRACE_SECONDS (15 * 60)

gint64       crm_schedule_due          (GTimeZone   *zone,
                                        gint64       entered_at,
                                        guint        delay_days,
                                        int          minute_of_day,
                                        CrmWeekdays  weekdays);
gint64       crm_schedule_next_allowed (GTimeZone   *zone,
                                        gint64       not_before,
                                        int          minute_of_day,
                                        CrmWeekdays  weekdays);
gboolean     crm_schedule_catch_up     (GTimeZone   *zone,
                                        CrmCatchUp   policy,
                                        gint64       due,
                                        gint64       now,
                                        int          minute_of_day,
                                        CrmWeekdays  weekdays,
                                        gint64      *run_at);
gboolean     crm_weekdays_parse        (const char  *text,
                                        CrmWeekdays *weekdays,
                                        GError     **error);
char        *crm_weekdays_to_string    (CrmWeekdays  weekdays);
GTimeZone   *crm_schedule_zone_new     (const char  *identifier,
                                        GError     **error);

G_END_DECLS
