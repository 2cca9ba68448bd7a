/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-automations"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-automation-store-private.h"
#include "crm-error.h"

/* An automation's steps (AU5-AU7): their checks, adding, changing,
 * removing and moving them. A version that records entered is never
 * changed: the edit goes to the next version, the current one's steps
 * copied into it first (_crm_automation_editable_version ()), and a
 * step's id changes with its version; records inside keep their
 * version's steps. A version no record entered yet is changed in place,
 * active or not: no run points at its steps, and records enter in
 * write transactions, which take turns on both backends
 * (crm_database_run_in_transaction ()), so none can enter it between
 * the check and the change. Hence several edits in one transaction (the
 * editor's save) make one new version, not one each. */

#define TITLE_MAX 200

static gboolean
check_user (CrmAutomationStore  *self,
            gint64               user_id,
            GError             **error)
{
  g_autoptr(CrmUser) user = crm_user_store_get (_crm_user_store_of (self), user_id, error);

  if (user == NULL)
    return FALSE;
  if (!crm_user_get_active (user))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: a user's name */
                   _("%s was deactivated: choose a user who works."), crm_user_get_name (user));
      return FALSE;
    }

  return TRUE;
}

gboolean
_crm_automation_check_step (CrmAutomationStore       *self,
            const char               *module,
            const CrmAutomationStep  *step,
            GError                  **error)
{
  if (step->kind > CRM_AUTOMATION_STEP_TASK)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Choose what the step does."));
      return FALSE;
    }
  if (step->kind == CRM_AUTOMATION_STEP_EMAIL_CONTACT && g_strcmp0 (module, "offers") == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("An offer has no client to write to: mail a user or give a user a task instead."));
      return FALSE;
    }
  if (step->delay_days > CRM_AUTOMATION_MAX_DELAY_DAYS)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("Give a delay of 0 to %d days."), CRM_AUTOMATION_MAX_DELAY_DAYS);
      return FALSE;
    }
  if (step->minute_of_day < -1 || step->minute_of_day >= 24 * 60)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Give a time of day from 00:00 to 23:59."));
      return FALSE;
    }
  if ((step->weekdays & CRM_WEEKDAYS_ALL) == 0 || (step->weekdays & ~CRM_WEEKDAYS_ALL) != 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Choose at least one day of the week."));
      return FALSE;
    }
  if (step->kind == CRM_AUTOMATION_STEP_TASK)
    {
      g_autofree char *title = g_strstrip (g_strdup (step->task_title != NULL ? step->task_title : ""));

      if (*title == '\0' || !g_utf8_validate (title, -1, NULL) || g_utf8_strlen (title, -1) > TITLE_MAX)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("Give the task a title (1 to %d characters)."), TITLE_MAX);
          return FALSE;
        }
    }
  else
    {
      gboolean found = FALSE;

      if (step->template_id <= 0)
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Choose the template of the step’s mail."));
          return FALSE;
        }
      if (!_crm_store_exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM templates WHERE id = ?1)", NULL, step->template_id, &found,
                              error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no template #%lld."),
                       (long long) step->template_id);
          return FALSE;
        }
    }
  if (step->recipient_user_id > 0 && step->kind != CRM_AUTOMATION_STEP_EMAIL_CONTACT &&
      !check_user (self, step->recipient_user_id, error))
    return FALSE;
  if (step->sender_user_id > 0 && step->kind != CRM_AUTOMATION_STEP_TASK && !check_user (self, step->sender_user_id, error))
    return FALSE;

  return TRUE;
}

/* The version whose steps an edit changes: the current one while no
 * record entered it; else the next, the current one's steps copied into
 * it (records inside keep theirs). */
gboolean
_crm_automation_editable_version (CrmAutomationStore  *self,
                  CrmAutomationState  *state,
                  gint64              *version,
                  GError             **error)
{
  g_autoptr(CrmStatement) copy = NULL;
  g_autoptr(CrmStatement) bump = NULL;
  gint64 next = state->automation->version + 1;

  if (state->frozen < state->automation->version)
    {
      *version = state->automation->version;
      return TRUE;
    }

  if (!(copy = _crm_store_prepare (self,
                                   "INSERT INTO automation_steps (automation_id, version, position, kind, delay_days, "
                                   "minute_of_day, weekdays, template_id, task_title, recipient_user_id, sender, "
                                   "sender_user_id) SELECT automation_id, CAST (?3 AS BIGINT), position, kind, delay_days, "
                                   "minute_of_day, weekdays, template_id, task_title, recipient_user_id, sender, "
                                   "sender_user_id FROM automation_steps WHERE automation_id = ?1 AND version = ?2",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (copy, 1, state->automation->id);
  crm_statement_bind_int64 (copy, 2, state->automation->version);
  crm_statement_bind_int64 (copy, 3, next);
  if (!_crm_store_step_done (self, copy, error))
    return FALSE;
  if (!(bump = _crm_store_prepare (self, "UPDATE automations SET version = ?2 WHERE id = ?1", error)))
    return FALSE;
  crm_statement_bind_int64 (bump, 1, state->automation->id);
  crm_statement_bind_int64 (bump, 2, next);
  if (!_crm_store_step_done (self, bump, error))
    return FALSE;
  state->automation->version = next;
  *version = next;

  return TRUE;
}

gboolean
_crm_automation_touch_updated (CrmAutomationStore  *self,
               gint64               id,
               GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "UPDATE automations SET updated_at = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, id);
  crm_statement_bind_int64 (stmt, 2, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));

  return _crm_store_step_done (self, stmt, error);
}

static void
bind_step (CrmStatement             *stmt,
           int                       first,
           const CrmAutomationStep  *step)
{
  crm_statement_bind_text (stmt, first, crm_automation_step_kind_to_string (step->kind));
  crm_statement_bind_int64 (stmt, first + 1, step->delay_days);
  if (step->minute_of_day >= 0)
    crm_statement_bind_int64 (stmt, first + 2, step->minute_of_day);
  else
    crm_statement_bind_null (stmt, first + 2);
  crm_statement_bind_int64 (stmt, first + 3, step->weekdays);
  if (step->kind != CRM_AUTOMATION_STEP_TASK)
    crm_statement_bind_int64 (stmt, first + 4, step->template_id);
  else
    crm_statement_bind_null (stmt, first + 4);
  if (step->kind == CRM_AUTOMATION_STEP_TASK)
    {
      g_autofree char *title = g_strstrip (g_strdup (step->task_title));

      crm_statement_bind_text_copy (stmt, first + 5, title);
    }
  else
    crm_statement_bind_null (stmt, first + 5);
  if (step->recipient_user_id > 0 && step->kind != CRM_AUTOMATION_STEP_EMAIL_CONTACT)
    crm_statement_bind_int64 (stmt, first + 6, step->recipient_user_id);
  else
    crm_statement_bind_null (stmt, first + 6);
  crm_statement_bind_text (stmt, first + 7, step->sender_user_id > 0 ? "user" : "owner");
  if (step->sender_user_id > 0)
    crm_statement_bind_int64 (stmt, first + 8, step->sender_user_id);
  else
    crm_statement_bind_null (stmt, first + 8);
}

/* Positions 1… in the order of @ids, through negative ones: the
 * positions are unique within a version at every moment. */
static gboolean
renumber (CrmAutomationStore  *self,
          GArray              *ids,
          GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "UPDATE automation_steps SET position = ?2 WHERE id = ?1",
                                                     error);

  if (stmt == NULL)
    return FALSE;
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < ids->len; i++)
      {
        crm_statement_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
        crm_statement_bind_int64 (stmt, 2, pass == 0 ? -(gint64) (i + 1) : (gint64) (i + 1));
        if (!_crm_store_step_done (self, stmt, error))
          return FALSE;
        crm_statement_reset (stmt);
      }

  return TRUE;
}

static GArray *
step_ids (CrmAutomationStore  *self,
          gint64               automation_id,
          gint64               version,
          GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                     "SELECT id FROM automation_steps WHERE automation_id = ?1 "
                                                     "AND version = ?2 ORDER BY position",
                                                     error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, automation_id);
  crm_statement_bind_int64 (stmt, 2, version);
  if (!_crm_store_step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/* Steps */

typedef struct
{
  gint64                   automation_id;
  gint64                   step_id;
  const CrmAutomationStep *step;
  guint                    position;
  gint64                   id;   /* out: the step's id, in the version edited */
} StepEdit;

/* The step @edit->step_id of the automation's current version, its
 * automation read; the version to edit made (and the step's id in it). */
static CrmAutomationState *
read_step_for_edit (CrmAutomationStore  *self,
                    StepEdit            *edit,
                    guint               *position,
                    GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                     "SELECT automation_id, version, position FROM automation_steps "
                                                     "WHERE id = ?1",
                                                     error);
  g_autoptr(CrmAutomationState) state = NULL;
  g_autoptr(CrmStatement) find = NULL;
  gboolean row = FALSE;
  gint64 version, step_version;

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, edit->step_id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return NULL;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no step #%lld."), (long long) edit->step_id);
      return NULL;
    }
  edit->automation_id = crm_statement_get_int64 (stmt, 0);
  step_version = crm_statement_get_int64 (stmt, 1);
  *position = (guint) crm_statement_get_int64 (stmt, 2);
  g_clear_pointer (&stmt, crm_statement_release);

  if (!(state = _crm_automation_read_state (self, edit->automation_id, error)))
    return NULL;
  if (step_version != state->automation->version)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_CHANGED,
                           _("The step belongs to an earlier version of the automation: look at it again."));
      return NULL;
    }
  if (!_crm_automation_editable_version (self, state, &version, error))
    return NULL;
  if (!(find = _crm_store_prepare (self,
                                   "SELECT id FROM automation_steps WHERE automation_id = ?1 AND version = ?2 "
                                   "AND position = ?3",
                                   error)))
    return NULL;
  crm_statement_bind_int64 (find, 1, edit->automation_id);
  crm_statement_bind_int64 (find, 2, version);
  crm_statement_bind_int64 (find, 3, *position);
  if (!_crm_store_step_row (self, find, &row, error))
    return NULL;
  g_assert (row);
  edit->id = crm_statement_get_int64 (find, 0);

  return g_steal_pointer (&state);
}

static gboolean
add_step_tx (CrmSession  *session,
             gpointer     user_data,
             GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  StepEdit *edit = user_data;
  g_autoptr(CrmAutomationState) state = _crm_automation_read_state (self, edit->automation_id, error);
  g_autoptr(CrmStatement) stmt = NULL;
  gint64 version;

  if (state == NULL || !_crm_automation_check_step (self, state->automation->module, edit->step, error))
    return FALSE;
  if (state->automation->steps->len >= CRM_AUTOMATION_MAX_STEPS)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("An automation has at most %d steps."),
                   CRM_AUTOMATION_MAX_STEPS);
      return FALSE;
    }
  if (!_crm_automation_editable_version (self, state, &version, error))
    return FALSE;
  if (!(stmt = _crm_store_prepare (self,
                                   "INSERT INTO automation_steps (automation_id, version, position, kind, delay_days, "
                                   "minute_of_day, weekdays, template_id, task_title, recipient_user_id, sender, "
                                   "sender_user_id) VALUES (?1, ?2, (SELECT coalesce (max (position), 0) + 1 FROM "
                                   "automation_steps WHERE automation_id = ?1 AND version = ?2), ?3, ?4, ?5, ?6, ?7, ?8, "
                                   "?9, ?10, ?11) RETURNING id",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, edit->automation_id);
  crm_statement_bind_int64 (stmt, 2, version);
  bind_step (stmt, 3, edit->step);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  edit->id = crm_statement_get_int64 (stmt, 0);
  g_clear_pointer (&stmt, crm_statement_release);

  return _crm_automation_touch_updated (self, edit->automation_id, error) &&
         _crm_automation_audit (self, edit->automation_id, "step-added", crm_automation_step_kind_to_string (edit->step->kind), error);
}

/**
 * crm_automation_store_add_step:
 * @self: a #CrmAutomationStore
 * @automation_id: the automation
 * @step: the step: its @kind, @delay_days, @minute_of_day, @weekdays,
 *   @template_id (mails) or @task_title (tasks), @recipient_user_id and
 *   @sender_user_id are saved
 * @error: return location for a #GError
 *
 * Appends a step (AU5, AU6, AU7): to the automation's current version,
 * or to a new one when the current one is active or records entered it.
 *
 * Returns: the new step's id, or 0 with @error set
 */
gint64
crm_automation_store_add_step (CrmAutomationStore       *self,
                               gint64                    automation_id,
                               const CrmAutomationStep  *step,
                               GError                  **error)
{
  StepEdit edit = { automation_id, 0, step, 0, 0 };

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), 0);
  g_return_val_if_fail (step != NULL, 0);

  if (!crm_session_run_in_transaction (_crm_session (self), add_step_tx, &edit, error))
    return 0;
  _crm_store_emit_changed (self, "automation", automation_id);

  return edit.id;
}

static gboolean
update_step_tx (CrmSession  *session,
                gpointer     user_data,
                GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  StepEdit *edit = user_data;
  g_autoptr(CrmAutomationState) state = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  guint position;

  if (!(state = read_step_for_edit (self, edit, &position, error)) ||
      !_crm_automation_check_step (self, state->automation->module, edit->step, error))
    return FALSE;
  if (!(stmt = _crm_store_prepare (self,
                                   "UPDATE automation_steps SET kind = ?2, delay_days = ?3, minute_of_day = ?4, "
                                   "weekdays = ?5, template_id = ?6, task_title = ?7, recipient_user_id = ?8, "
                                   "sender = ?9, sender_user_id = ?10 WHERE id = ?1",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, edit->id);
  bind_step (stmt, 2, edit->step);

  return _crm_store_step_done (self, stmt, error) && _crm_automation_touch_updated (self, edit->automation_id, error) &&
         _crm_automation_audit (self, edit->automation_id, "step-changed", crm_automation_step_kind_to_string (edit->step->kind), error);
}

/**
 * crm_automation_store_update_step:
 * @self: a #CrmAutomationStore
 * @step_id: a step of the automation's current version
 * @step: the step as it should be (as crm_automation_store_add_step ()
 *   takes it)
 * @error: return location for a #GError
 *
 * Changes a step; in a new version of the automation when the current
 * one is active or records entered it (then the step's id changes).
 *
 * Returns: the step's id from now on, or 0 with @error set
 *   (%CRM_ERROR_CHANGED when @step_id is not of the current version)
 */
gint64
crm_automation_store_update_step (CrmAutomationStore       *self,
                                  gint64                    step_id,
                                  const CrmAutomationStep  *step,
                                  GError                  **error)
{
  StepEdit edit = { 0, step_id, step, 0, 0 };

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), 0);
  g_return_val_if_fail (step != NULL, 0);

  if (!crm_session_run_in_transaction (_crm_session (self), update_step_tx, &edit, error))
    return 0;
  _crm_store_emit_changed (self, "automation", edit.automation_id);

  return edit.id;
}

/* Removes or moves the step, the others renumbered. */
static gboolean
reorder_tx (CrmSession  *session,
            gpointer     user_data,
            GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  StepEdit *edit = user_data;
  g_autoptr(CrmAutomationState) state = NULL;
  g_autoptr(GArray) ids = NULL;
  guint position, index = 0;

  if (!(state = read_step_for_edit (self, edit, &position, error)) ||
      !(ids = step_ids (self, edit->automation_id, state->automation->version, error)))
    return FALSE;
  for (index = 0; index < ids->len && g_array_index (ids, gint64, index) != edit->id; index++)
    ;
  g_assert (index < ids->len);
  g_array_remove_index (ids, index);

  if (edit->position == 0)
    {
      g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "DELETE FROM automation_steps WHERE id = ?1", error);

      if (stmt == NULL)
        return FALSE;
      crm_statement_bind_int64 (stmt, 1, edit->id);
      if (!_crm_store_step_done (self, stmt, error))
        return FALSE;
    }
  else
    {
      if (edit->position > ids->len + 1)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: how many steps the automation has */
                       _("Give a place from 1 to %u."), ids->len + 1);
          return FALSE;
        }
      g_array_insert_val (ids, edit->position - 1, edit->id);
    }

  return renumber (self, ids, error) && _crm_automation_touch_updated (self, edit->automation_id, error) &&
         _crm_automation_audit (self, edit->automation_id, edit->position == 0 ? "step-removed" : "step-moved", NULL, error);
}

/**
 * crm_automation_store_remove_step:
 * @self: a #CrmAutomationStore
 * @step_id: a step of the automation's current version
 * @error: return location for a #GError
 *
 * Removes a step (in a new version when the current one is active or
 * records entered it); the steps after it move up.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_automation_store_remove_step (CrmAutomationStore  *self,
                                  gint64               step_id,
                                  GError             **error)
{
  StepEdit edit = { 0, step_id, NULL, 0, 0 };

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), reorder_tx, &edit, error))
    return FALSE;
  _crm_store_emit_changed (self, "automation", edit.automation_id);

  return TRUE;
}

/**
 * crm_automation_store_move_step:
 * @self: a #CrmAutomationStore
 * @step_id: a step of the automation's current version
 * @position: its new place, from 1 (AU7: dragged, or moved with the
 *   keyboard)
 * @error: return location for a #GError
 *
 * Moves a step (in a new version when the current one is active or
 * records entered it); the others keep their order.
 *
 * Returns: the step's id from now on, or 0 with @error set
 */
gint64
crm_automation_store_move_step (CrmAutomationStore  *self,
                                gint64               step_id,
                                guint                position,
                                GError             **error)
{
  StepEdit edit = { 0, step_id, NULL, position, 0 };

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), 0);

  if (position == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Places are counted from 1."));
      return 0;
    }
  if (!crm_session_run_in_transaction (_crm_session (self), reorder_tx, &edit, error))
    return 0;
  _crm_store_emit_changed (self, "automation", edit.automation_id);

  return edit.id;
}
