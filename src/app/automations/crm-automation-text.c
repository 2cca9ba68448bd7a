/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-automation-text.h"

/* How the automations' pages name modules, steps, states and times. */

const char * const crm_automation_modules[] = { "tickets", "requests", "contacts", "offers", "searches", NULL };

const char *
crm_automation_module_label (const char *module)
{
  if (g_strcmp0 (module, "tickets") == 0)
    return _("Tickets");
  if (g_strcmp0 (module, "requests") == 0)
    return _("Requests");
  if (g_strcmp0 (module, "contacts") == 0)
    return _("Contacts");
  if (g_strcmp0 (module, "offers") == 0)
    return _("Offers");
  if (g_strcmp0 (module, "searches") == 0)
    return _("Searches");

  return module;
}

const char *
crm_automation_kind_label (CrmAutomationStepKind kind)
{
  switch (kind)
    {
    case CRM_AUTOMATION_STEP_EMAIL_CONTACT:
      /* Translators: a step of an automation */
      return _("Mail to the contact");
    case CRM_AUTOMATION_STEP_EMAIL_USER:
      /* Translators: a step of an automation */
      return _("Mail to a user");
    case CRM_AUTOMATION_STEP_TASK:
      /* Translators: a step of an automation */
      return _("Task for a user");
    default:
      return "";
    }
}

const char *
crm_automation_state_label (CrmAutomationRunState state)
{
  switch (state)
    {
    case CRM_AUTOMATION_RUN_WAITING:
      /* Translators: a step of an automation's log */
      return C_("automation run", "Waiting");
    case CRM_AUTOMATION_RUN_DONE:
      return C_("automation run", "Done");
    case CRM_AUTOMATION_RUN_SKIPPED:
      return C_("automation run", "Skipped");
    case CRM_AUTOMATION_RUN_FAILED:
      return C_("automation run", "Failed");
    default:
      return "";
    }
}

const char *
crm_automation_catch_up_label (CrmCatchUp policy)
{
  switch (policy)
    {
    case CRM_CATCH_UP_LATE:
      /* Translators: what becomes of a step due while the application was closed */
      return _("Run it late");
    case CRM_CATCH_UP_NEXT:
      return _("Move it to the next allowed time");
    case CRM_CATCH_UP_SKIP:
      return _("Skip it");
    default:
      return "";
    }
}

/* "09:00", or what a step without a time of day does */
char *
crm_automation_time_label (int minute_of_day)
{
  if (minute_of_day < 0)
    /* Translators: a step without its own time of day */
    return g_strdup (_("at the time the record entered"));

  /* Translators: a step's time of day, HH:MM */
  return g_strdup_printf (_("at %02d:%02d"), minute_of_day / 60, minute_of_day % 60);
}

char *
crm_automation_weekdays_label (CrmWeekdays weekdays)
{
  /* Translators: the short names of the weekdays a step may run on */
  const char *names[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun") };
  GString *text;

  if ((weekdays & CRM_WEEKDAYS_ALL) == CRM_WEEKDAYS_ALL || weekdays == 0)
    return g_strdup (_("any day"));
  text = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (weekdays & (1 << i))
      {
        if (text->len > 0)
          g_string_append (text, ", ");
        g_string_append (text, _(names[i]));
      }

  return g_string_free (text, FALSE);
}

/* "After 2 days, at 09:00, Mon, Tue" */
char *
crm_automation_step_summary (const CrmAutomationStep *step)
{
  g_autofree char *at = crm_automation_time_label (step->minute_of_day);
  g_autofree char *days = crm_automation_weekdays_label (step->weekdays);
  g_autofree char *delay = step->delay_days == 0 ? g_strdup (_("On entry"))
                                                  : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "After %u day",
                                                                                  "After %u days", step->delay_days),
                                                                     step->delay_days);

  /* Translators: a step's timing: "After 2 days", "at 09:00", "any day" */
  return g_strdup_printf (_("%s, %s, %s"), delay, at, days);
}

/* "Template: Welcome · To: the responsible user · From: Ewa Nowak" */
char *
crm_automation_step_details (const CrmAutomationStep *step)
{
  const char *responsible = _("the responsible user");
  const char *recipient = step->recipient_user_id > 0 && step->recipient_name ? step->recipient_name : responsible;
  const char *sender = step->sender_user_id > 0 && step->sender_name ? step->sender_name : responsible;

  switch (step->kind)
    {
    case CRM_AUTOMATION_STEP_EMAIL_CONTACT:
      /* Translators: a mail step: its template, who it is sent as */
      return g_strdup_printf (_("Template: %s · From: %s"), step->template_name ? step->template_name : _("none"),
                              sender);
    case CRM_AUTOMATION_STEP_EMAIL_USER:
      /* Translators: a mail step: its template, to whom, who it is sent as */
      return g_strdup_printf (_("Template: %s · To: %s · From: %s"),
                              step->template_name ? step->template_name : _("none"), recipient, sender);
    case CRM_AUTOMATION_STEP_TASK:
      /* Translators: a task step: its title, for whom */
      return g_strdup_printf (_("“%s” · For: %s"), step->task_title ? step->task_title : "", recipient);
    default:
      return g_strdup ("");
    }
}
