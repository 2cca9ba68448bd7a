/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-automation"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "crm-automation.h"
#include "crm-error.h"

/* The values of automations (their steps, their log, their simulation)
 * and the names they have in the database and in crmctl. */

G_DEFINE_BOXED_TYPE (CrmAutomationStep, crm_automation_step, crm_automation_step_copy, crm_automation_step_free)
G_DEFINE_BOXED_TYPE (CrmAutomation, crm_automation, crm_automation_copy, crm_automation_free)
G_DEFINE_BOXED_TYPE (CrmAutomationRun, crm_automation_run, crm_automation_run_copy, crm_automation_run_free)
G_DEFINE_BOXED_TYPE (CrmAutomationPlan, crm_automation_plan, crm_automation_plan_copy, crm_automation_plan_free)

static const char * const step_kinds[] = { "email-contact", "email-user", "task" };
static const char * const run_states[] = { "waiting", "done", "skipped", "failed" };
static const char * const catch_ups[] = { "late", "next", "skip" };
static const char * const modules[] = { "tickets", "requests", "contacts", "offers", "searches", NULL };

/**
 * crm_automation_step_new:
 * @kind: what the step does
 *
 * Returns: (transfer full): a step at once on the day the record
 *   entered, at the time it entered, any day, for the responsible user
 */
CrmAutomationStep *
crm_automation_step_new (CrmAutomationStepKind kind)
{
  CrmAutomationStep *step = g_new0 (CrmAutomationStep, 1);

  step->kind = kind;
  step->minute_of_day = -1;
  step->weekdays = CRM_WEEKDAYS_ALL;

  return step;
}

CrmAutomationStep *
crm_automation_step_copy (const CrmAutomationStep *step)
{
  CrmAutomationStep *copy;

  g_return_val_if_fail (step != NULL, NULL);

  copy = g_memdup2 (step, sizeof *step);
  copy->template_name = g_strdup (step->template_name);
  copy->task_title = g_strdup (step->task_title);
  copy->recipient_name = g_strdup (step->recipient_name);
  copy->sender_name = g_strdup (step->sender_name);

  return copy;
}

void
crm_automation_step_free (CrmAutomationStep *step)
{
  if (step == NULL)
    return;

  g_free (step->template_name);
  g_free (step->task_title);
  g_free (step->recipient_name);
  g_free (step->sender_name);
  g_free (step);
}

CrmAutomation *
crm_automation_copy (const CrmAutomation *automation)
{
  CrmAutomation *copy;

  g_return_val_if_fail (automation != NULL, NULL);

  copy = g_memdup2 (automation, sizeof *automation);
  copy->module = g_strdup (automation->module);
  copy->name = g_strdup (automation->name);
  copy->status_name = g_strdup (automation->status_name);
  copy->paused_reason = g_strdup (automation->paused_reason);
  copy->created_by = g_strdup (automation->created_by);
  copy->steps = NULL;
  if (automation->steps != NULL)
    {
      copy->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_automation_step_free);
      for (guint i = 0; i < automation->steps->len; i++)
        g_ptr_array_add (copy->steps, crm_automation_step_copy (g_ptr_array_index (automation->steps, i)));
    }

  return copy;
}

void
crm_automation_free (CrmAutomation *automation)
{
  if (automation == NULL)
    return;

  g_free (automation->module);
  g_free (automation->name);
  g_free (automation->status_name);
  g_free (automation->paused_reason);
  g_free (automation->created_by);
  g_clear_pointer (&automation->steps, g_ptr_array_unref);
  g_free (automation);
}

CrmAutomationRun *
crm_automation_run_copy (const CrmAutomationRun *run)
{
  CrmAutomationRun *copy;

  g_return_val_if_fail (run != NULL, NULL);

  copy = g_memdup2 (run, sizeof *run);
  copy->record_label = g_strdup (run->record_label);
  copy->reason = g_strdup (run->reason);
  copy->recipient = g_strdup (run->recipient);

  return copy;
}

void
crm_automation_run_free (CrmAutomationRun *run)
{
  if (run == NULL)
    return;

  g_free (run->record_label);
  g_free (run->reason);
  g_free (run->recipient);
  g_free (run);
}

CrmAutomationPlan *
crm_automation_plan_copy (const CrmAutomationPlan *plan)
{
  CrmAutomationPlan *copy;

  g_return_val_if_fail (plan != NULL, NULL);

  copy = g_memdup2 (plan, sizeof *plan);
  copy->record_label = g_strdup (plan->record_label);
  copy->recipient = g_strdup (plan->recipient);
  copy->what = g_strdup (plan->what);
  copy->skip_reason = g_strdup (plan->skip_reason);

  return copy;
}

void
crm_automation_plan_free (CrmAutomationPlan *plan)
{
  if (plan == NULL)
    return;

  g_free (plan->record_label);
  g_free (plan->recipient);
  g_free (plan->what);
  g_free (plan->skip_reason);
  g_free (plan);
}

/* Where @text is among @names (crmctl's and the database's names of an
 * enumeration's values), or -1. */
static int
name_index (const char * const *names,
            guint               n_names,
            const char         *text)
{
  for (guint i = 0; text != NULL && i < n_names; i++)
    if (g_str_equal (text, names[i]))
      return (int) i;

  return -1;
}

/**
 * crm_automation_step_kind_to_string:
 * @kind: a step's kind
 *
 * Returns: its name in the database and in crmctl: "email-contact",
 *   "email-user" or "task"
 */
const char *
crm_automation_step_kind_to_string (CrmAutomationStepKind kind)
{
  g_return_val_if_fail (kind <= CRM_AUTOMATION_STEP_TASK, NULL);

  return step_kinds[kind];
}

/**
 * crm_automation_step_kind_parse:
 * @text: a kind's name, as crm_automation_step_kind_to_string () gives it
 * @kind: (out): the kind
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @text names a kind
 */
gboolean
crm_automation_step_kind_parse (const char             *text,
                                CrmAutomationStepKind  *kind,
                                GError                **error)
{
  int i = name_index (step_kinds, G_N_ELEMENTS (step_kinds), text);

  if (i >= 0)
    {
      *kind = (CrmAutomationStepKind) i;
      return TRUE;
    }

  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               /* Translators: what was given; the kinds are names crmctl takes, not to translate */
               _("“%s” is not a kind of step: give email-contact, email-user or task."), text ? text : "");

  return FALSE;
}

/**
 * crm_automation_run_state_to_string:
 * @state: a run's state
 *
 * Returns: "waiting", "done", "skipped" or "failed"
 */
const char *
crm_automation_run_state_to_string (CrmAutomationRunState state)
{
  g_return_val_if_fail (state <= CRM_AUTOMATION_RUN_FAILED, NULL);

  return run_states[state];
}

/**
 * crm_automation_catch_up_to_string:
 * @policy: a catch-up policy
 *
 * Returns: "late", "next" or "skip"
 */
const char *
crm_automation_catch_up_to_string (CrmCatchUp policy)
{
  g_return_val_if_fail (policy <= CRM_CATCH_UP_SKIP, NULL);

  return catch_ups[policy];
}

/**
 * crm_automation_catch_up_parse:
 * @text: "late", "next" or "skip"
 * @policy: (out): the policy
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @text names a policy
 */
gboolean
crm_automation_catch_up_parse (const char  *text,
                               CrmCatchUp  *policy,
                               GError     **error)
{
  int i = name_index (catch_ups, G_N_ELEMENTS (catch_ups), text);

  if (i >= 0)
    {
      *policy = (CrmCatchUp) i;
      return TRUE;
    }

  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               /* Translators: what was given; late, next and skip are names crmctl takes, not to translate */
               _("“%s” is not a catch-up policy: give late (run when the application starts), next (move to the "
                 "next allowed time) or skip."),
               text ? text : "");

  return FALSE;
}

/**
 * crm_automation_module_is_valid:
 * @module: (nullable): a module's name
 *
 * Returns: whether automations can select records of @module: tickets,
 *   requests, contacts, offers or searches
 */
gboolean
crm_automation_module_is_valid (const char *module)
{
  return module != NULL && g_strv_contains (modules, module);
}

/**
 * crm_automation_parse_time_of_day:
 * @text: "HH:MM", 00:00 to 23:59
 * @minute_of_day: (out): minutes after midnight
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @text is a time of day
 */
gboolean
crm_automation_parse_time_of_day (const char  *text,
                                  int         *minute_of_day,
                                  GError     **error)
{
  guint hour = 0, minute = 0;
  char end = 0;

  if (text == NULL || sscanf (text, "%2u:%2u%c", &hour, &minute, &end) != 2 || hour > 23 || minute > 59 ||
      !g_ascii_isdigit (text[0]))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: what was given as a time of day */
                   _("“%s” is not a time of day: give it as HH:MM, 00:00 to 23:59."), text ? text : "");
      return FALSE;
    }
  *minute_of_day = (int) (hour * 60 + minute);

  return TRUE;
}
