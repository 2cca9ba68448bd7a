/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-automations"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-automation-store-private.h"
#include "crm-error.h"

/* The office's settings automations follow: its time zone ("at 09:00"
 * is 09:00 there) and the daily cap of automated mails to one
 * recipient. Both are office settings in the database (administrators
 * change them, on the team's server). */

#define SETTING_ZONE "time-zone"
#define SETTING_CAP "automation-daily-cap"

/**
 * crm_automation_store_dup_time_zone:
 * @self: a #CrmAutomationStore
 *
 * The office's time zone (an office setting, "time-zone"): "at 09:00"
 * in a step means 09:00 there.
 *
 * Returns: (transfer full): its name, %CRM_AUTOMATION_DEFAULT_TIME_ZONE
 *   when none was set
 */
char *
crm_automation_store_dup_time_zone (CrmAutomationStore *self)
{
  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), NULL);

  return crm_session_get_setting (_crm_session (self), SETTING_ZONE, CRM_AUTOMATION_DEFAULT_TIME_ZONE);
}

/**
 * crm_automation_store_get_zone:
 * @self: a #CrmAutomationStore
 *
 * Returns: (transfer full): the office's time zone; the default one
 *   when this computer does not know the one set
 */
GTimeZone *
crm_automation_store_get_zone (CrmAutomationStore *self)
{
  g_autofree char *name = crm_automation_store_dup_time_zone (self);
  GTimeZone *zone = crm_schedule_zone_new (name, NULL);

  if (zone == NULL)
    {
      g_debug ("the office's time zone “%s” is not known here", name);
      zone = crm_schedule_zone_new (CRM_AUTOMATION_DEFAULT_TIME_ZONE, NULL);
    }

  return zone != NULL ? zone : g_time_zone_new_utc ();
}

/**
 * crm_automation_store_set_time_zone:
 * @self: a #CrmAutomationStore
 * @identifier: a time zone's name, "Europe/Warsaw"
 * @error: return location for a #GError
 *
 * An office setting (administrators, on the team's server). Steps
 * already waiting keep the times they were given.
 *
 * Returns: %TRUE on success; %CRM_ERROR_INVALID for a zone this
 *   computer does not know
 */
gboolean
crm_automation_store_set_time_zone (CrmAutomationStore  *self,
                                    const char          *identifier,
                                    GError             **error)
{
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), FALSE);

  if (identifier == NULL || *identifier == '\0' || !(zone = crm_schedule_zone_new (identifier, error)))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Give a time zone, as Europe/Warsaw."));
      return FALSE;
    }

  return crm_session_set_setting (_crm_session (self), SETTING_ZONE, identifier, error);
}

/**
 * crm_automation_store_get_daily_cap:
 * @self: a #CrmAutomationStore
 *
 * Returns: the most automated mails one recipient gets in one local
 *   day (an office setting, "automation-daily-cap"; 1 by default); a
 *   step over it is skipped, and its log says why
 */
guint
crm_automation_store_get_daily_cap (CrmAutomationStore *self)
{
  g_autofree char *text = NULL;
  guint64 cap;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), CRM_AUTOMATION_DEFAULT_DAILY_CAP);

  text = crm_session_get_setting (_crm_session (self), SETTING_CAP, NULL);
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, CRM_AUTOMATION_MAX_DAILY_CAP, &cap, NULL))
    return CRM_AUTOMATION_DEFAULT_DAILY_CAP;

  return (guint) cap;
}

/**
 * crm_automation_store_set_daily_cap:
 * @self: a #CrmAutomationStore
 * @cap: 1 to %CRM_AUTOMATION_MAX_DAILY_CAP
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_automation_store_set_daily_cap (CrmAutomationStore  *self,
                                    guint                cap,
                                    GError             **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), FALSE);

  if (cap < 1 || cap > CRM_AUTOMATION_MAX_DAILY_CAP)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   _("Allow 1 to %d automated mails a day to one recipient."), CRM_AUTOMATION_MAX_DAILY_CAP);
      return FALSE;
    }
  text = g_strdup_printf ("%u", cap);

  return crm_session_set_setting (_crm_session (self), SETTING_CAP, text, error);
}
