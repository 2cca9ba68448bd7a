/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-automations"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-automation-store-private.h"
#include "crm-error.h"

/* Activating an automation (AU8): its steps checked again, the journal
 * followed from that moment (its cursor kept from then on), and the
 * records matching entering in pages (crm-automation-store-members.c);
 * or letting a paused one go on. Deactivating: every record inside
 * leaves, every step waiting is skipped, with the reason. */

static gboolean
activate_tx (CrmSession  *session,
             gpointer     user_data,
             GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  gint64 id = *(gint64 *) user_data;
  g_autoptr(CrmAutomationState) state = _crm_automation_read_state (self, id, error);
  g_autoptr(CrmStatement) stmt = NULL;
  CrmAutomation *automation;

  if (state == NULL)
    return FALSE;
  automation = state->automation;
  if (automation->active && !state->paused)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   /* Translators: an automation's name */
                   _("The automation “%s” is active already."), automation->name);
      return FALSE;
    }
  /* paused after failures: it goes on, its records inside */
  if (automation->active)
    {
      if (!(stmt = _crm_store_prepare (self,
                                       "UPDATE automations SET paused_reason = NULL, failures = 0, updated_at = ?2 "
                                       "WHERE id = ?1",
                                       error)))
        return FALSE;
      crm_statement_bind_int64 (stmt, 1, id);
      crm_statement_bind_int64 (stmt, 2, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));
      return _crm_store_step_done (self, stmt, error) && _crm_automation_audit (self, id, "resumed", automation->name, error);
    }

  if (automation->steps->len == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Add a step to the automation before activating it."));
      return FALSE;
    }
  for (guint i = 0; i < automation->steps->len; i++)
    {
      g_autoptr(GError) step_error = NULL;

      if (!_crm_automation_check_step (self, automation->module, g_ptr_array_index (automation->steps, i), &step_error))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: a step's place in the automation, then what is wrong with it */
                       _("Step %u: %s"), i + 1, step_error->message);
          return FALSE;
        }
    }
  if (automation->view_id > 0 && !_crm_automation_view_exists (self, automation->module, automation->view_id, error))
    return FALSE;

  /* the records matching now enter in pages of their own (without
   * steps when only new ones get them); the journal is followed from here */
  if (!(stmt = _crm_store_prepare (self,
                                   "UPDATE automations SET active = 1, activated_at = ?2, updated_at = ?2, "
                                   "since_seq = coalesce ((SELECT max (seq) FROM changes), 0), paused_reason = NULL, "
                                   "failures = 0, pending_from = 0 "
                                   "WHERE id = ?1",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, id);
  crm_statement_bind_int64 (stmt, 2, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, crm_statement_release);

  /* the journal is kept from here until the scheduler has read it */
  if (!automation->one_time &&
      !((stmt = _crm_store_prepare (self,
                                    "INSERT INTO change_cursors (name, seq) SELECT 'automations', "
                                    "coalesce (max (seq), 0) FROM changes WHERE true ON CONFLICT (name) DO NOTHING",
                                    error)) &&
        _crm_store_step_done (self, stmt, error)))
    return FALSE;

  return _crm_automation_audit (self, id, "activated", automation->name, error);
}

/**
 * crm_automation_store_activate:
 * @self: a #CrmAutomationStore
 * @id: an automation
 * @error: return location for a #GError
 *
 * Activates an automation (AU8), or lets a paused one go on. Unless
 * only new records enter it, the records matching now enter, each with
 * all its steps waiting, in pages of their own transactions: with many
 * records this takes a while (call it on a writer,
 * crm_session_write_async ()); if the program stops meanwhile, its
 * scheduler enters the rest.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_automation_store_activate (CrmAutomationStore  *self,
                               gint64               id,
                               GError             **error)
{
  guint entered = 0;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), activate_tx, &id, error))
    return FALSE;
  _crm_store_emit_changed (self, "automation", id);

  return _crm_automation_enter_pending (self, &entered, NULL, error);
}

static gboolean
deactivate_tx (CrmSession  *session,
               gpointer     user_data,
               GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  gint64 id = *(gint64 *) user_data;
  g_autoptr(CrmAutomationState) state = _crm_automation_read_state (self, id, error);
  g_autoptr(CrmStatement) runs = NULL;
  g_autoptr(CrmStatement) entries = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  const char *reason = _("The automation was deactivated.");

  if (state == NULL)
    return FALSE;
  if (!state->automation->active)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   /* Translators: an automation's name */
                   _("The automation “%s” is not active."), state->automation->name);
      return FALSE;
    }
  if (!(runs = _crm_store_prepare (self,
                                   "UPDATE automation_runs SET state = 'skipped', done_at = ?2, reason = ?3 "
                                   "WHERE automation_id = ?1 AND state = 'waiting'",
                                   error)) ||
      !(entries = _crm_store_prepare (self,
                                      "UPDATE automation_entries SET left_at = ?2, left_reason = ?3 "
                                      "WHERE automation_id = ?1 AND left_at IS NULL",
                                      error)) ||
      !(stmt = _crm_store_prepare (self,
                                   "UPDATE automations SET active = 0, pending_from = NULL, paused_reason = NULL, "
                                   "failures = 0, updated_at = ?2 WHERE id = ?1",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (runs, 1, id);
  crm_statement_bind_int64 (runs, 2, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));
  crm_statement_bind_text (runs, 3, reason);
  crm_statement_bind_int64 (entries, 1, id);
  crm_statement_bind_int64 (entries, 2, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));
  crm_statement_bind_text (entries, 3, reason);
  crm_statement_bind_int64 (stmt, 1, id);
  crm_statement_bind_int64 (stmt, 2, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));

  return _crm_store_step_done (self, runs, error) && _crm_store_step_done (self, entries, error) &&
         _crm_store_step_done (self, stmt, error) && _crm_automation_audit (self, id, "deactivated", state->automation->name, error);
}

/**
 * crm_automation_store_deactivate:
 * @self: a #CrmAutomationStore
 * @id: an active automation
 * @error: return location for a #GError
 *
 * Deactivates an automation (AU8): every record inside leaves it, and
 * its steps still waiting are skipped, the log saying why. Activating
 * it again starts afresh.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_automation_store_deactivate (CrmAutomationStore  *self,
                                 gint64               id,
                                 GError             **error)
{
  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), deactivate_tx, &id, error))
    return FALSE;
  _crm_store_emit_changed (self, "automation", id);

  return TRUE;
}
