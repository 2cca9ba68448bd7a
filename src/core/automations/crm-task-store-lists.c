/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tasks"

#include "config.h"

#include "crm-task-store-private.h"

/* The tasks' lists (FD5): a user's, everyone's, open or done, in one
 * order (open first by due time, then the last done first); their ids
 * for the paged list; a record's; and the overdue count. */

/* The conditions of @filter, for "… FROM tasks k … WHERE TRUE"; its
 * user is ?1. */
static void
append_filter (GString             *sql,
               const CrmTaskFilter *filter)
{
  if (filter->user_id != 0)
    g_string_append (sql, " AND k.user_id = ?1");
  if (filter->open_only)
    g_string_append (sql, " AND k.done_at IS NULL");
  if (filter->done_only)
    g_string_append (sql, " AND k.done_at IS NOT NULL");
}

static CrmStatement *
prepare_list (CrmTaskStore         *self,
              const char           *columns,
              const CrmTaskFilter  *filter,
              GError              **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  CrmStatement *stmt;

  g_string_append (sql, columns);
  g_string_append (sql, " FROM tasks k " CRM_TASK_JOINS "WHERE TRUE");
  append_filter (sql, filter);
  g_string_append (sql, CRM_TASK_ORDER);
  if (filter->limit > 0)
    g_string_append_printf (sql, " LIMIT %u", filter->limit);
  /* the statement cache is keyed by the text's address */
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  if (filter->user_id != 0)
    crm_statement_bind_int64 (stmt, 1, filter->user_id);

  return stmt;
}

/**
 * crm_task_store_list:
 * @self: a #CrmTaskStore
 * @filter: (nullable): which tasks; %NULL for all
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmTask): the tasks, open first
 *   by due time, then the done ones, the last done first; or %NULL with
 *   @error set
 */
GPtrArray *
crm_task_store_list (CrmTaskStore         *self,
                     const CrmTaskFilter  *filter,
                     GError              **error)
{
  CrmTaskFilter all = { 0 };
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_TASK_STORE (self), NULL);

  if (!(stmt = prepare_list (self, CRM_TASK_COLUMNS, filter != NULL ? filter : &all, error)))
    return NULL;

  return _crm_store_collect_objects (self, stmt, _crm_task_from_row, error);
}

/**
 * crm_task_store_list_ids:
 * @self: a #CrmTaskStore
 * @filter: (nullable): which tasks (its limit counts)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the ids of the tasks
 *   in crm_task_store_list()'s order, or %NULL with @error set
 */
GArray *
crm_task_store_list_ids (CrmTaskStore         *self,
                         const CrmTaskFilter  *filter,
                         GError              **error)
{
  CrmTaskFilter all = { 0 };
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CRM_IS_TASK_STORE (self), NULL);

  if (!(stmt = prepare_list (self, "k.id", filter != NULL ? filter : &all, error)) ||
      !_crm_store_step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * crm_task_store_get_many:
 * @self: a #CrmTaskStore
 * @ids: (array length=n_ids): tasks
 * @n_ids: how many
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmTask): those of the tasks of
 *   @ids that exist, in no particular order, or %NULL with @error set
 */
GPtrArray *
crm_task_store_get_many (CrmTaskStore  *self,
                         const gint64  *ids,
                         guint          n_ids,
                         GError       **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (CRM_IS_TASK_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, "SELECT " CRM_TASK_COLUMNS " FROM tasks k " CRM_TASK_JOINS
                                         "WHERE k.id IN (SELECT value FROM json_each (?1))", error)))
    return NULL;
  json = _crm_store_ids_json (ids, n_ids);
  crm_statement_bind_text (stmt, 1, json);

  return _crm_store_collect_objects (self, stmt, _crm_task_from_row, error);
}

/**
 * crm_task_store_list_for_record:
 * @self: a #CrmTaskStore
 * @module: the record's module, as crm_task_record_modules() names them
 * @record_id: the record
 * @error: return location for a #GError
 *
 * The tasks of one record, everyone's, for its card: the open ones
 * first by due time, then the done ones, at most 100.
 *
 * Returns: (transfer full) (element-type CrmTask): the tasks, or %NULL
 *   with @error set
 */
GPtrArray *
crm_task_store_list_for_record (CrmTaskStore  *self,
                                const char    *module,
                                gint64         record_id,
                                GError       **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_TASK_STORE (self), NULL);
  g_return_val_if_fail (module != NULL, NULL);

  if (!(stmt = _crm_store_prepare (self, "SELECT " CRM_TASK_COLUMNS " FROM tasks k " CRM_TASK_JOINS
                                         "WHERE k.record_module = ?1 AND k.record_id = ?2" CRM_TASK_ORDER " LIMIT 100",
                                   error)))
    return NULL;
  crm_statement_bind_text (stmt, 1, module);
  crm_statement_bind_int64 (stmt, 2, record_id);

  return _crm_store_collect_objects (self, stmt, _crm_task_from_row, error);
}

/**
 * crm_task_store_count_overdue:
 * @self: a #CrmTaskStore
 * @user_id: whose tasks, or 0 for everyone's
 * @error: return location for a #GError
 *
 * Returns: how many open tasks are past their due time by the
 *   session's clock (the dashboard's "tasks overdue"); 0 with @error set
 *   when they cannot be counted
 */
guint
crm_task_store_count_overdue (CrmTaskStore  *self,
                              gint64         user_id,
                              GError       **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_TASK_STORE (self), 0);

  if (user_id != 0)
    stmt = _crm_store_prepare (self, "SELECT count (*) FROM tasks WHERE user_id = ?2 AND done_at IS NULL AND due_at < ?1",
                               error);
  else
    stmt = _crm_store_prepare (self, "SELECT count (*) FROM tasks WHERE done_at IS NULL AND due_at < ?1", error);
  if (stmt == NULL)
    return 0;
  crm_statement_bind_int64 (stmt, 1, crm_session_now (_crm_session (self)));
  if (user_id != 0)
    crm_statement_bind_int64 (stmt, 2, user_id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return 0;
    }

  return (guint) crm_statement_get_int64 (stmt, 0);
}
