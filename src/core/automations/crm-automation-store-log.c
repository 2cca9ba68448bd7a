/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-automations"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-automation-store-private.h"
#include "crm-error.h"

/* See before and after: an automation's log (every step of every
 * entry, waiting, done, skipped or failed, with why, and the outbox row
 * or task it made), and its simulation — what it would do over the
 * next days, computed by the functions the scheduler uses (the due
 * times of crm_schedule_due (), the recipients and reasons of
 * _crm_automation_resolve (), the daily cap), writing nothing. */

#define RUN_COLUMNS \
  "SELECT r.id, r.automation_id, r.entry_id, e.record_id, e.version, r.step_id, st.position, st.kind, r.due_at, " \
  "r.state, coalesce (r.done_at, 0), r.reason, r.caught_up, coalesce (r.outbox_id, 0), coalesce (r.task_id, 0), " \
  "r.recipient, a.module FROM automation_runs r JOIN automation_entries e ON e.id = r.entry_id " \
  "JOIN automation_steps st ON st.id = r.step_id JOIN automations a ON a.id = r.automation_id "

static CrmAutomationRun *
run_from_row (CrmStatement *stmt)
{
  CrmAutomationRun *run = g_new0 (CrmAutomationRun, 1);
  const char *state = crm_statement_get_text (stmt, 9);

  run->id = crm_statement_get_int64 (stmt, 0);
  run->automation_id = crm_statement_get_int64 (stmt, 1);
  run->entry_id = crm_statement_get_int64 (stmt, 2);
  run->record_id = crm_statement_get_int64 (stmt, 3);
  run->version = crm_statement_get_int64 (stmt, 4);
  run->step_id = crm_statement_get_int64 (stmt, 5);
  run->position = (guint) crm_statement_get_int64 (stmt, 6);
  crm_automation_step_kind_parse (crm_statement_get_text (stmt, 7), &run->kind, NULL);
  run->due_at = crm_statement_get_int64 (stmt, 8);
  for (CrmAutomationRunState s = CRM_AUTOMATION_RUN_WAITING; s <= CRM_AUTOMATION_RUN_FAILED; s++)
    if (g_strcmp0 (state, crm_automation_run_state_to_string (s)) == 0)
      run->state = s;
  run->done_at = crm_statement_get_int64 (stmt, 10);
  run->reason = g_strdup (crm_statement_get_text (stmt, 11));
  run->caught_up = crm_statement_get_int64 (stmt, 12) != 0;
  run->outbox_id = crm_statement_get_int64 (stmt, 13);
  run->task_id = crm_statement_get_int64 (stmt, 14);
  run->recipient = g_strdup (crm_statement_get_text (stmt, 15));

  return run;
}

/* Names the runs' records, each read once. */
static gboolean
label_runs (CrmAutomationStore  *self,
            GPtrArray           *runs,
            const char          *module,
            GError             **error)
{
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < runs->len; i++)
    {
      CrmAutomationRun *run = g_ptr_array_index (runs, i);
      const char *label;

      if (!g_hash_table_lookup_extended (labels, &run->record_id, NULL, (gpointer *) &label))
        {
          g_auto(CrmAutomationRecord) record = { 0 };

          if (!_crm_automation_read_record (self, module, run->record_id, &record, error))
            return FALSE;
          label = record.label;
          g_hash_table_insert (labels, g_memdup2 (&run->record_id, sizeof run->record_id),
                               g_steal_pointer (&record.label));
        }
      run->record_label = g_strdup (label);
    }

  return TRUE;
}

static GPtrArray *
collect_runs (CrmAutomationStore  *self,
              CrmStatement        *stmt,
              GError             **error)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_automation_run_free);
  g_autofree char *module = NULL;
  int rc;

  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      g_ptr_array_add (runs, run_from_row (stmt));
      if (module == NULL)
        module = g_strdup (crm_statement_get_text (stmt, 16));
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }
  crm_statement_reset (stmt);
  if (module != NULL && !label_runs (self, runs, module, error))
    return NULL;

  return g_steal_pointer (&runs);
}

/**
 * crm_automation_store_list_runs:
 * @self: a #CrmAutomationStore
 * @automation_id: an automation
 * @after_id: 0 for the first page, else the last run of the page before
 * @limit: how many at most; 0 for all
 * @error: return location for a #GError
 *
 * The automation's log: every step of every record's entry, in the
 * order they were written (entry by entry, step by step), waiting,
 * done (with the outbox row or the task), skipped or failed (with why),
 * caught up (with how).
 *
 * Returns: (transfer full) (element-type CrmAutomationRun): the runs,
 *   or %NULL with @error set
 */
GPtrArray *
crm_automation_store_list_runs (CrmAutomationStore  *self,
                                gint64               automation_id,
                                gint64               after_id,
                                guint                limit,
                                GError             **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(CrmAutomationState) state = NULL;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), NULL);

  if (!(state = _crm_automation_read_state (self, automation_id, error)) ||
      !(stmt = _crm_store_prepare (self, RUN_COLUMNS "WHERE r.automation_id = ?1 AND r.id > ?2 ORDER BY r.id LIMIT ?3",
                                   error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, automation_id);
  crm_statement_bind_int64 (stmt, 2, after_id);
  crm_statement_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : G_MAXINT64);

  return collect_runs (self, stmt, error);
}

/**
 * crm_automation_store_get_run:
 * @self: a #CrmAutomationStore
 * @run_id: a run
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the run, or %NULL with @error set
 */
CrmAutomationRun *
crm_automation_store_get_run (CrmAutomationStore  *self,
                              gint64               run_id,
                              GError             **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GPtrArray) runs = NULL;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, RUN_COLUMNS "WHERE r.id = ?1", error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, run_id);
  if (!(runs = collect_runs (self, stmt, error)))
    return NULL;
  if (runs->len == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no step #%lld in any automation’s log."),
                   (long long) run_id);
      return NULL;
    }

  return g_ptr_array_steal_index (runs, 0);
}

/**
 * crm_automation_store_find_run_for_outbox:
 * @self: a #CrmAutomationStore
 * @outbox_id: a mail of the outbox
 * @error: return location for a #GError
 *
 * The link back from a mail to the automation's step that queued it
 * (its owner in the outbox is "automation").
 *
 * Returns: the run's id, 0 when no automation queued it, or -1 with
 *   @error set
 */
gint64
crm_automation_store_find_run_for_outbox (CrmAutomationStore  *self,
                                          gint64               outbox_id,
                                          GError             **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), -1);

  if (!(stmt = _crm_store_prepare (self, "SELECT id FROM automation_runs WHERE outbox_id = ?1", error)))
    return -1;
  crm_statement_bind_int64 (stmt, 1, outbox_id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return -1;

  return row ? crm_statement_get_int64 (stmt, 0) : 0;
}

/* Simulation */

typedef struct
{
  gint64                   record_id;
  gboolean                 entering;
  gint64                   due_at;
  gint64                   order;   /* the run's id, or the place it would be written at */
  const CrmAutomationStep *step;
} Planned;

static int
compare_planned (gconstpointer a,
                 gconstpointer b)
{
  const Planned *x = a, *y = b;

  if (x->due_at != y->due_at)
    return x->due_at < y->due_at ? -1 : 1;
  /* runs written already come before those still to write */
  if (x->entering != y->entering)
    return x->entering ? 1 : -1;

  return (x->order > y->order) - (x->order < y->order);
}

static const CrmAutomationStep *
find_step (GPtrArray *steps,
           gint64     step_id)
{
  for (guint i = 0; i < steps->len; i++)
    if (((CrmAutomationStep *) g_ptr_array_index (steps, i))->id == step_id)
      return g_ptr_array_index (steps, i);

  return NULL;
}

/* The steps waiting within the horizon, their catch-up decided as the
 * scheduler would now. */
static gboolean
plan_waiting (CrmAutomationStore  *self,
              CrmAutomationState  *state,
              GTimeZone           *zone,
              gint64               now,
              gint64               horizon,
              GArray              *planned,
              GPtrArray           *steps,
              GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                     "SELECT r.id, r.due_at, e.record_id, r.step_id, st.version "
                                                     "FROM automation_runs r JOIN automation_entries e ON e.id = r.entry_id "
                                                     "JOIN automation_steps st ON st.id = r.step_id "
                                                     "WHERE r.automation_id = ?1 AND r.state = 'waiting' AND r.due_at <= ?2 "
                                                     "ORDER BY r.due_at, r.id",
                                                     error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, state->automation->id);
  crm_statement_bind_int64 (stmt, 2, horizon);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      Planned plan = { crm_statement_get_int64 (stmt, 2), FALSE, crm_statement_get_int64 (stmt, 1),
                       crm_statement_get_int64 (stmt, 0), NULL };
      gint64 step_id = crm_statement_get_int64 (stmt, 3);

      if (!(plan.step = find_step (steps, step_id)))
        {
          g_autoptr(GPtrArray) version = _crm_automation_read_steps (self, state->automation->id,
                                                                     crm_statement_get_int64 (stmt, 4), error);

          if (version == NULL)
            return FALSE;
          while (version->len > 0)
            g_ptr_array_add (steps, g_ptr_array_steal_index (version, 0));
          plan.step = find_step (steps, step_id);
        }
      if (now - plan.due_at > CRM_SCHEDULE_GRACE_SECONDS)
        {
          gint64 run_at;

          if (!crm_schedule_catch_up (zone, state->automation->catch_up, plan.due_at, now, plan.step->minute_of_day,
                                      plan.step->weekdays, &run_at))
            continue;
          plan.due_at = run_at;
        }
      else if (plan.due_at < now)
        plan.due_at = now;
      g_array_append_val (planned, plan);
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/* The records that would enter now, each with its steps within the
 * horizon. */
static gboolean
plan_entering (CrmAutomationStore  *self,
               CrmAutomationState  *state,
               GTimeZone           *zone,
               gint64               now,
               gint64               horizon,
               GArray              *planned,
               guint               *n_entering,
               GError             **error)
{
  CrmAutomation *automation = state->automation;
  gint64 after = automation->active ? state->pending_from : 0;
  gint64 order = 0;

  /* inactive: those activating it now would enter; active: those still
   * to enter in bulk */
  if (automation->active ? state->pending_from < 0 : automation->only_new)
    return TRUE;

  for (;;)
    {
      g_autoptr(GArray) ids = _crm_automation_select_page (self, automation, after, 500, error);

      if (ids == NULL)
        return FALSE;
      for (guint i = 0; i < ids->len; i++)
        {
          gint64 record_id = g_array_index (ids, gint64, i);
          gint64 open = automation->active ? _crm_automation_open_entry (self, automation->id, record_id, error) : 0;

          if (open < 0)
            return FALSE;
          if (open > 0)
            continue;
          (*n_entering)++;
          for (guint j = 0; j < automation->steps->len; j++)
            {
              const CrmAutomationStep *step = g_ptr_array_index (automation->steps, j);
              Planned plan = { record_id, TRUE, crm_schedule_due (zone, now, step->delay_days, step->minute_of_day,
                                                                  step->weekdays), order++, step };

              if (plan.due_at <= horizon)
                g_array_append_val (planned, plan);
            }
        }
      if (ids->len < 500)
        return TRUE;
      after = g_array_index (ids, gint64, ids->len - 1);
    }
}

/**
 * crm_automation_store_simulate:
 * @self: a #CrmAutomationStore
 * @id: an automation, active or not
 * @days: how far ahead, 1 to %CRM_AUTOMATION_MAX_SIMULATE_DAYS
 * @limit: how many plans at most (the first in time); 0 for all
 * @n_entering: (out) (optional): how many records would enter now
 * @error: return location for a #GError
 *
 * "Simulate": who would enter now (for an inactive automation, the
 * records activating it now would enter; for an active one, those still
 * to enter), and each step that would run over the next @days days —
 * the steps waiting and those of the records entering — when, what
 * (the template's name or the task's title), to whom, and why it would
 * be skipped as things are now (no address, automatic mail, the daily
 * cap, a deactivated user). Computed as the scheduler computes it;
 * nothing is written and nothing sent. Records that would start
 * matching later, by changing, are not foreseen.
 *
 * Returns: (transfer full) (element-type CrmAutomationPlan): the plans
 *   in the order they would run, or %NULL with @error set
 */
GPtrArray *
crm_automation_store_simulate (CrmAutomationStore  *self,
                               gint64               id,
                               guint                days,
                               guint                limit,
                               guint               *n_entering,
                               GError             **error)
{
  g_autoptr(CrmAutomationState) state = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GArray) planned = g_array_new (FALSE, FALSE, sizeof (Planned));
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_automation_step_free);
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_automation_plan_free);
  g_autoptr(GHashTable) records = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) gone = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) mails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint entering = 0;
  gint64 now, horizon;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), NULL);

  if (days < 1 || days > CRM_AUTOMATION_MAX_SIMULATE_DAYS)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("Simulate 1 to %d days."), CRM_AUTOMATION_MAX_SIMULATE_DAYS);
      return NULL;
    }
  if (!(state = _crm_automation_read_state (self, id, error)))
    return NULL;
  zone = crm_automation_store_get_zone (self);
  now = crm_clock_now_unix (crm_session_get_clock (_crm_session (self)));
  horizon = now + (gint64) days * 86400;

  if ((state->automation->active && !plan_waiting (self, state, zone, now, horizon, planned, steps, error)) ||
      !plan_entering (self, state, zone, now, horizon, planned, &entering, error))
    return NULL;
  g_array_sort (planned, compare_planned);

  for (guint i = 0; i < planned->len && (limit == 0 || plans->len < limit); i++)
    {
      Planned *item = &g_array_index (planned, Planned, i);
      CrmAutomationPlan *plan = g_new0 (CrmAutomationPlan, 1);
      g_auto(CrmAutomationRecord) record = { 0 };
      g_auto(CrmAutomationTarget) target = { 0 };
      const char *left = g_hash_table_lookup (gone, &item->record_id);

      g_ptr_array_add (plans, plan);
      plan->record_id = item->record_id;
      plan->entering = item->entering;
      plan->step_id = item->step->id;
      plan->position = item->step->position;
      plan->kind = item->step->kind;
      plan->due_at = item->due_at;
      plan->what = g_strdup (item->step->kind == CRM_AUTOMATION_STEP_TASK ? item->step->task_title
                                                                          : item->step->template_name);
      if (!_crm_automation_read_record (self, state->automation->module, item->record_id, &record, error))
        return NULL;
      plan->record_label = g_strdup (record.label);
      /* the record left at an earlier step: the later ones go with it */
      if (left != NULL)
        {
          plan->skip_reason = g_strdup (left);
          continue;
        }
      if (!_crm_automation_resolve (self, state->automation, item->step, &record, &target, error))
        return NULL;
      plan->recipient = g_strdup (target.label);
      if (target.skip_reason != NULL)
        {
          plan->skip_reason = g_strdup (target.skip_reason);
          if (target.leave)
            g_hash_table_insert (gone, g_memdup2 (&item->record_id, sizeof (gint64)), g_strdup (target.skip_reason));
          continue;
        }
      if (item->step->kind != CRM_AUTOMATION_STEP_TASK)
        {
          g_autofree char *reason = NULL;

          if (!_crm_automation_cap_reached (self, target.address, item->due_at, zone, mails, &reason, error))
            return NULL;
          if (reason != NULL)
            plan->skip_reason = g_steal_pointer (&reason);
          else
            {
              g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (item->due_at);
              g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
              g_autoptr(GDateTime) midnight = g_date_time_new (zone, g_date_time_get_year (local),
                                                               g_date_time_get_month (local),
                                                               g_date_time_get_day_of_month (local), 0, 0, 0);
              char *key = g_strdup_printf ("%s %" G_GINT64_FORMAT, target.address, g_date_time_to_unix (midnight));

              g_hash_table_replace (mails, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (mails, key)) + 1));
            }
        }
    }
  if (n_entering != NULL)
    *n_entering = entering;

  return g_steal_pointer (&plans);
}
