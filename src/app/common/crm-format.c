/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm.h"
#include "crm-format.h"

/* Days from @then's local day to @now's: 0 today, 1 yesterday, -1
 * tomorrow. */
static int
days_between (GDateTime *then,
              GDateTime *now)
{
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_dmy (&a, g_date_time_get_day_of_month (then), g_date_time_get_month (then),
                  g_date_time_get_year (then));
  g_date_set_dmy (&b, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  return g_date_days_between (&a, &b);
}

/**
 * crm_format_date_time:
 * @unix_time: seconds since the epoch
 *
 * The one way the application writes a moment: in the local zone,
 * and in the words and order of the user's language — the time alone
 * today, "Yesterday" or "Tomorrow" beside it, the day and month within
 * this year, and the year as well beyond it. "Now" is the office
 * clock's (#CrmClock).
 *
 * Returns: (transfer full): the text
 */
char *
crm_format_date_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) now_utc = crm_clock_now (crm_clock_get_default ());
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char *format;
  int days;

  if (utc == NULL || now_utc == NULL)
    return g_strdup ("");

  then = g_date_time_to_local (utc);
  now = g_date_time_to_local (now_utc);
  days = days_between (then, now);

  if (days == 0)
    /* Translators: a time today, see strftime(3); %H:%M is 24-hour time */
    format = _("%H:%M");
  else if (days == 1)
    /* Translators: a time yesterday, see strftime(3) */
    format = _("Yesterday %H:%M");
  else if (days == -1)
    /* Translators: a time tomorrow (a due time), see strftime(3) */
    format = _("Tomorrow %H:%M");
  else if (g_date_time_get_year (then) == g_date_time_get_year (now))
    /* Translators: a day of this year with its time, see strftime(3):
     * %-d is the day without a leading zero, %b the month's short name;
     * put them in your language's order */
    format = _("%-d %b %H:%M");
  else
    /* Translators: a day of another year with its time, see strftime(3);
     * put them in your language's order */
    format = _("%-d %b %Y %H:%M");

  return g_date_time_format (then, format);
}

/**
 * crm_format_due:
 * @what: "Answer due" or "Resolution due", translated
 * @due: when (Unix time)
 * @now: now (Unix time)
 *
 * Returns: (transfer full): @what and the time, saying when it is late
 */
char *
crm_format_due (const char *what,
                gint64      due,
                gint64      now)
{
  g_autofree char *time = crm_format_date_time (due);

  if (due < now)
    /* Translators: "Answer due" or "Resolution due", then a time: late */
    return g_strdup_printf (_("%s %s — overdue"), what, time);

  /* Translators: "Answer due" or "Resolution due", then a time */
  return g_strdup_printf (_("%s %s"), what, time);
}
