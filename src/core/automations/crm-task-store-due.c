/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tasks"

#include "config.h"

#include "crm-task-store-private.h"

/* Telling a user a task fell due (FD5), once: the desktop that tells
 * claims the task first, by a conditional update of notified_at that
 * only one connection can make, so that two desktops of the same user,
 * a restart, or days with the application closed never tell it twice,
 * and none is lost. Due by the session's clock. */

typedef struct
{
  gint64     user_id;
  GPtrArray *claimed;   /* out */
} Claim;

static gboolean
claim_tx (CrmSession  *session,
          gpointer     user_data,
          GError     **error)
{
  CrmTaskStore *self = crm_task_store_from_session (session);
  Claim *claim = user_data;
  gint64 now = crm_session_now (session);
  g_autoptr(CrmStatement) due = NULL;
  g_autoptr(CrmStatement) mark = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  claim->claimed = g_ptr_array_new_with_free_func (g_object_unref);

  /* on the index of a user's open tasks (0036) */
  if (!(due = _crm_store_prepare (self,
                                  "SELECT id FROM tasks WHERE user_id = ?1 AND done_at IS NULL AND notified_at IS NULL "
                                  "AND due_at <= ?2 ORDER BY due_at, id LIMIT 50",
                                  error)))
    return FALSE;
  crm_statement_bind_int64 (due, 1, claim->user_id);
  crm_statement_bind_int64 (due, 2, now);
  if (!_crm_store_step_ids (self, due, ids, error))
    return FALSE;

  /* another desktop of the user may be at it too */
  if (!(mark = _crm_store_prepare (self,
                                   "UPDATE tasks SET notified_at = ?1 WHERE id = ?2 AND notified_at IS NULL "
                                   "AND done_at IS NULL",
                                   error)))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      CrmTask *task;

      crm_statement_reset (mark);
      crm_statement_bind_int64 (mark, 1, now);
      crm_statement_bind_int64 (mark, 2, id);
      if (!_crm_store_step_done (self, mark, error))
        return FALSE;
      if (_crm_store_count_changes (self) == 0)
        continue;
      if (!(task = crm_task_store_get (self, id, error)))
        return FALSE;
      g_ptr_array_add (claim->claimed, task);
    }

  return TRUE;
}

/**
 * crm_task_store_claim_due:
 * @self: a #CrmTaskStore
 * @user_id: the user whose desktop tells
 * @error: return location for a #GError
 *
 * The user's open tasks that fell due by the session's clock and that
 * nobody was told of yet (at most 50, the oldest first), each marked
 * told: the desktop that claims a task tells its user, once.
 *
 * Returns: (transfer full) (element-type CrmTask): the tasks claimed,
 *   perhaps none, or %NULL with @error set
 */
GPtrArray *
crm_task_store_claim_due (CrmTaskStore  *self,
                          gint64         user_id,
                          GError       **error)
{
  Claim claim = { user_id, NULL };

  g_return_val_if_fail (CRM_IS_TASK_STORE (self), NULL);

  if (!crm_session_run_in_transaction (_crm_session (self), claim_tx, &claim, error))
    {
      g_clear_pointer (&claim.claimed, g_ptr_array_unref);
      return NULL;
    }
  for (guint i = 0; i < claim.claimed->len; i++)
    _crm_store_emit_changed (self, "task", crm_task_get_id (g_ptr_array_index (claim.claimed, i)));

  return claim.claimed;
}

static gboolean
claim_write (CrmSession    *writer,
             gpointer       data,
             gpointer      *result,
             GCancellable  *cancellable,
             GError       **error)
{
  *result = crm_task_store_claim_due (crm_task_store_from_session (writer), *(gint64 *) data, error);

  return *result != NULL;
}

/**
 * crm_task_store_claim_due_async:
 * @self: a #CrmTaskStore
 * @user_id: the user whose desktop tells
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the tasks claimed
 * @user_data: for @callback
 *
 * crm_task_store_claim_due() on the session's writer: for the window.
 */
void
crm_task_store_claim_due_async (CrmTaskStore        *self,
                                gint64               user_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CRM_IS_TASK_STORE (self));

  crm_session_write_async (_crm_session (self), claim_write, g_memdup2 (&user_id, sizeof user_id), g_free,
                           (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * crm_task_store_claim_due_finish:
 * @self: a #CrmTaskStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmTask): as
 *   crm_task_store_claim_due()
 */
GPtrArray *
crm_task_store_claim_due_finish (CrmTaskStore  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CRM_IS_TASK_STORE (self), NULL);

  return crm_session_write_finish (_crm_session (self), result, error);
}

/**
 * crm_task_store_get_next_due:
 * @self: a #CrmTaskStore
 * @user_id: a user
 * @due: (out): when the user's next task nobody was told of falls due
 *   (perhaps already past), or 0 when there is none
 * @error: return location for a #GError
 *
 * What a desktop waits for before it claims again
 * (crm_task_store_claim_due()).
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
crm_task_store_get_next_due (CrmTaskStore  *self,
                             gint64         user_id,
                             gint64        *due,
                             GError       **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_TASK_STORE (self), FALSE);
  g_return_val_if_fail (due != NULL, FALSE);

  *due = 0;
  if (!(stmt = _crm_store_prepare (self,
                                   "SELECT min (due_at) FROM tasks WHERE user_id = ?1 AND done_at IS NULL "
                                   "AND notified_at IS NULL",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, user_id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  if (!crm_statement_is_null (stmt, 0))
    *due = crm_statement_get_int64 (stmt, 0);

  return TRUE;
}
