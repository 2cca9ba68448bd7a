/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tasks"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-task-store-private.h"
#include "crm-user-store.h"

/**
 * CrmTaskStore:
 *
 * Tasks (FD5; table tasks, 0036): added by a user for anyone in the
 * office, or by an automation (crm_task_store_add_full()), perhaps
 * about a record; marked done and not done again by their user, a
 * manager or an administrator; deleted by whoever created them or an
 * administrator. Every change leaves an audit row (entity "task").
 * Lists are in crm-task-store-lists.c. When a task falls due, its
 * user's desktop claims it (crm_task_store_claim_due(),
 * crm-task-store-due.c) and tells them, once. Times come from the
 * session's clock.
 */
struct _CrmTaskStore
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmTaskStore, crm_task_store, CRM_TYPE_STORE)

static void
crm_task_store_class_init (CrmTaskStoreClass *klass)
{
}

static void
crm_task_store_init (CrmTaskStore *self)
{
}

/**
 * crm_task_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the tasks' store of @session
 */
CrmTaskStore *
crm_task_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_TASK_STORE);
}

gpointer
_crm_task_from_row (CrmStatement *stmt)
{
  return g_object_new (CRM_TYPE_TASK,
                       "id", crm_statement_get_int64 (stmt, 0),
                       "title", crm_statement_get_text (stmt, 1),
                       "user-id", crm_statement_get_int64 (stmt, 2),
                       "user-name", crm_statement_get_text (stmt, 3),
                       "due", crm_statement_get_int64 (stmt, 4),
                       "record-module", crm_statement_get_text (stmt, 5),
                       "record-id", crm_statement_get_int64 (stmt, 6),
                       "record-label", crm_statement_get_text (stmt, 7),
                       "done", crm_statement_get_int64 (stmt, 8),
                       "done-by", crm_statement_get_text (stmt, 9),
                       "created-by-id", crm_statement_get_int64 (stmt, 10),
                       "created-by", crm_statement_get_text (stmt, 11),
                       "created", crm_statement_get_int64 (stmt, 12),
                       "notified", crm_statement_get_int64 (stmt, 13),
                       "automation-run-id", crm_statement_get_int64 (stmt, 14),
                       NULL);
}

static gint64
now_unix (CrmTaskStore *self)
{
  return crm_session_now (_crm_session (self));
}

/**
 * crm_task_store_check:
 * @self: a #CrmTaskStore
 * @title: what is to be done
 * @due: when, a Unix time
 * @error: return location for a #GError
 *
 * Says at once, without the database, what crm_task_store_add() refuses
 * whatever is stored: no title, one longer than %CRM_TASK_TITLE_MAX
 * characters, no due time. A window checks this while the user types.
 *
 * Returns: %TRUE when it can be added as far as this can tell
 */
gboolean
crm_task_store_check (CrmTaskStore  *self,
                      const char    *title,
                      gint64         due,
                      GError       **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (title != NULL ? title : ""));

  g_return_val_if_fail (CRM_IS_TASK_STORE (self), FALSE);

  if (*clean == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Say what is to be done: the task needs a title."));
      return FALSE;
    }
  if (!g_utf8_validate (clean, -1, NULL) || g_utf8_strlen (clean, -1) > CRM_TASK_TITLE_MAX)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %d is the most characters a task's title may have */
                   _("The title is too long: use at most %d characters, and put the rest in the record."),
                   CRM_TASK_TITLE_MAX);
      return FALSE;
    }
  if (due <= 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Say when the task is due."));
      return FALSE;
    }

  return TRUE;
}

/* Whether @module's record @record_id exists. */
static gboolean
check_record (CrmTaskStore  *self,
              const char    *module,
              gint64         record_id,
              GError       **error)
{
  const char *sql;
  gboolean found = FALSE;

  if (!crm_task_record_module_valid (module))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is what was given; keep the module names as they are */
                   _("A task cannot belong to “%s”: choose tickets, contacts, offers or searches."), module);
      return FALSE;
    }
  if (g_str_equal (module, "tickets"))
    sql = "SELECT EXISTS (SELECT 1 FROM tickets WHERE id = ?1)";
  else if (g_str_equal (module, "contacts"))
    sql = "SELECT EXISTS (SELECT 1 FROM contacts WHERE id = ?1)";
  else if (g_str_equal (module, "offers"))
    sql = "SELECT EXISTS (SELECT 1 FROM offers WHERE id = ?1)";
  else
    sql = "SELECT EXISTS (SELECT 1 FROM searches WHERE id = ?1)";
  if (!_crm_store_exists (CRM_STORE (self), sql, NULL, record_id, &found, error))
    return FALSE;
  if (!found)
    {
      if (g_str_equal (module, "tickets"))
        g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no ticket or request #%lld."),
                     (long long) record_id);
      else if (g_str_equal (module, "contacts"))
        g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no contact #%lld."), (long long) record_id);
      else if (g_str_equal (module, "offers"))
        g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no offer No. %lld."), (long long) record_id);
      else
        g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no search No. %lld."), (long long) record_id);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  gint64      user_id;
  const char *title;   /* stripped */
  gint64      due;
  const char *module;
  gint64      record_id;
  gint64      automation_run_id;
  gint64      id;      /* out */
} Adding;

static gboolean
add_tx (CrmSession  *session,
        gpointer     user_data,
        GError     **error)
{
  CrmTaskStore *self = crm_task_store_from_session (session);
  Adding *adding = user_data;
  g_autoptr(CrmUser) user = NULL;
  g_autoptr(CrmStatement) insert = NULL;
  gint64 actor = crm_session_get_user_id (session);

  if (!(user = crm_user_store_get (_crm_user_store_of (self), adding->user_id, NULL)))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no user #%lld."), (long long) adding->user_id);
      return FALSE;
    }
  if (!crm_user_get_active (user))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is a user's name */
                   _("%s was deactivated and cannot be given new work: choose an active user."),
                   crm_user_get_name (user));
      return FALSE;
    }
  if (adding->module != NULL && !check_record (self, adding->module, adding->record_id, error))
    return FALSE;

  if (!(insert = _crm_store_prepare (self,
                                     "INSERT INTO tasks (title, user_id, due_at, record_module, record_id, created_by, "
                                     "created_at, automation_run_id) VALUES (?1, ?2, ?3, ?4, ?5, "
                                     "(SELECT id FROM users WHERE id = ?6), ?7, ?8) RETURNING id",
                                     error)))
    return FALSE;
  crm_statement_bind_text (insert, 1, adding->title);
  crm_statement_bind_int64 (insert, 2, adding->user_id);
  crm_statement_bind_int64 (insert, 3, adding->due);
  if (adding->module != NULL)
    {
      crm_statement_bind_text (insert, 4, adding->module);
      crm_statement_bind_int64 (insert, 5, adding->record_id);
    }
  else
    {
      crm_statement_bind_null (insert, 4);
      crm_statement_bind_null (insert, 5);
    }
  crm_statement_bind_int64 (insert, 6, actor);
  crm_statement_bind_int64 (insert, 7, now_unix (self));
  if (adding->automation_run_id != 0)
    crm_statement_bind_int64 (insert, 8, adding->automation_run_id);
  else
    crm_statement_bind_null (insert, 8);
  if (crm_statement_step (insert) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  adding->id = crm_statement_get_int64 (insert, 0);

  return crm_session_append_history (session, "task", adding->id, "created", adding->title, error);
}

/**
 * crm_task_store_add_full:
 * @self: a #CrmTaskStore
 * @user_id: the user it is for, active
 * @title: what is to be done, at most %CRM_TASK_TITLE_MAX characters
 * @due: when it falls due, a Unix time (one already past is allowed:
 *   the task is overdue at once)
 * @module: (nullable): the module of the record it belongs to, as
 *   crm_task_record_modules() names them, or %NULL for none
 * @record_id: the record, with @module
 * @automation_run_id: the automation's step that creates it, or 0
 * @error: return location for a #GError
 *
 * Adds a task, in a transaction of its own, with an audit row; created
 * by the session's user (none for an automation or crmctl without
 * --as). Refused with %CRM_ERROR_INVALID as crm_task_store_check()
 * says or for a deactivated user, with %CRM_ERROR_NOT_FOUND for a user
 * or record that does not exist; nothing is stored then.
 *
 * Returns: the new task's id, or 0 with @error set
 */
gint64
crm_task_store_add_full (CrmTaskStore  *self,
                         gint64         user_id,
                         const char    *title,
                         gint64         due,
                         const char    *module,
                         gint64         record_id,
                         gint64         automation_run_id,
                         GError       **error)
{
  g_autofree char *clean = NULL;
  Adding adding = { 0 };

  g_return_val_if_fail (CRM_IS_TASK_STORE (self), 0);

  if (!crm_task_store_check (self, title, due, error))
    return 0;
  if (module != NULL && record_id <= 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Say which record the task belongs to."));
      return 0;
    }
  clean = g_strstrip (g_strdup (title));
  adding.user_id = user_id;
  adding.title = clean;
  adding.due = due;
  adding.module = module;
  adding.record_id = module != NULL ? record_id : 0;
  adding.automation_run_id = MAX (automation_run_id, 0);
  if (!crm_session_run_in_transaction (_crm_session (self), add_tx, &adding, error))
    return 0;

  _crm_store_emit_changed (self, "task", adding.id);

  return adding.id;
}

/**
 * crm_task_store_add:
 * @self: a #CrmTaskStore
 * @user_id: the user it is for
 * @title: what is to be done
 * @due: when it falls due, a Unix time
 * @module: (nullable): the module of the record it belongs to, or %NULL
 * @record_id: the record, with @module
 * @error: return location for a #GError
 *
 * crm_task_store_add_full() for a task a user adds.
 *
 * Returns: the new task's id, or 0 with @error set
 */
gint64
crm_task_store_add (CrmTaskStore  *self,
                    gint64         user_id,
                    const char    *title,
                    gint64         due,
                    const char    *module,
                    gint64         record_id,
                    GError       **error)
{
  return crm_task_store_add_full (self, user_id, title, due, module, record_id, 0, error);
}

typedef struct
{
  gint64  user_id;
  char   *title;
  gint64  due;
  char   *module;
  gint64  record_id;
} AddJob;

static void
add_job_free (gpointer data)
{
  AddJob *job = data;

  g_free (job->title);
  g_free (job->module);
  g_free (job);
}

static gboolean
add_write (CrmSession    *writer,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  CrmTaskStore *self = crm_task_store_from_session (writer);
  AddJob *job = data;
  gint64 id = crm_task_store_add (self, job->user_id, job->title, job->due, job->module, job->record_id, error);

  return id != 0 && (*result = crm_task_store_get (self, id, error)) != NULL;
}

/**
 * crm_task_store_add_async:
 * @self: a #CrmTaskStore
 * @user_id: the user it is for
 * @title: what is to be done
 * @due: when it falls due, a Unix time
 * @module: (nullable): the module of the record it belongs to, or %NULL
 * @record_id: the record, with @module
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is added, or not
 * @user_data: for @callback
 *
 * crm_task_store_add() on the session's writer: for the window.
 */
void
crm_task_store_add_async (CrmTaskStore        *self,
                          gint64               user_id,
                          const char          *title,
                          gint64               due,
                          const char          *module,
                          gint64               record_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  AddJob *job;

  g_return_if_fail (CRM_IS_TASK_STORE (self));

  job = g_new0 (AddJob, 1);
  job->user_id = user_id;
  job->title = g_strdup (title);
  job->due = due;
  job->module = g_strdup (module);
  job->record_id = record_id;
  crm_session_write_async (_crm_session (self), add_write, job, add_job_free, g_object_unref, cancellable, callback,
                           user_data);
}

/**
 * crm_task_store_add_finish:
 * @self: a #CrmTaskStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the task added, or %NULL with @error set
 */
CrmTask *
crm_task_store_add_finish (CrmTaskStore  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (CRM_IS_TASK_STORE (self), NULL);

  return crm_session_write_finish (_crm_session (self), result, error);
}

/**
 * crm_task_store_get:
 * @self: a #CrmTaskStore
 * @id: a task's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the task, or %NULL with %CRM_ERROR_NOT_FOUND
 */
CrmTask *
crm_task_store_get (CrmTaskStore  *self,
                    gint64         id,
                    GError       **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (CRM_IS_TASK_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, "SELECT " CRM_TASK_COLUMNS " FROM tasks k " CRM_TASK_JOINS "WHERE k.id = ?1",
                                   error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return NULL;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no task #%lld."), (long long) id);
      return NULL;
    }

  return _crm_task_from_row (stmt);
}

/* The role of the session's user, or -1 with no user (the store itself:
 * crmctl without --as, an automation). */
static int
actor_role (CrmTaskStore *self)
{
  g_autoptr(CrmUser) actor = NULL;
  gint64 user_id = crm_session_get_user_id (_crm_session (self));

  if (user_id == 0 || !(actor = crm_user_store_get (_crm_user_store_of (self), user_id, NULL)))
    return -1;

  return crm_user_get_role (actor);
}

typedef struct
{
  gint64   id;
  gboolean done;
} Marking;

static gboolean
mark_tx (CrmSession  *session,
         gpointer     user_data,
         GError     **error)
{
  CrmTaskStore *self = crm_task_store_from_session (session);
  Marking *marking = user_data;
  g_autoptr(CrmTask) task = crm_task_store_get (self, marking->id, error);
  g_autoptr(CrmStatement) update = NULL;
  gint64 actor = crm_session_get_user_id (session);
  int role;

  if (task == NULL)
    return FALSE;
  role = actor_role (self);
  if (role != -1 && crm_task_get_user_id (task) != actor && role != CRM_ROLE_MANAGER && role != CRM_ROLE_ADMIN)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_PERMISSION,
                   /* Translators: %s is a user's name */
                   _("This is %s’s task: only they, a manager or an administrator can mark it done or not done."),
                   crm_task_get_user_name (task));
      return FALSE;
    }

  if (marking->done)
    {
      if (!(update = _crm_store_prepare (self,
                                         "UPDATE tasks SET done_at = ?2, done_by = (SELECT id FROM users WHERE id = ?3) "
                                         "WHERE id = ?1 AND done_at IS NULL",
                                         error)))
        return FALSE;
      crm_statement_bind_int64 (update, 2, now_unix (self));
      crm_statement_bind_int64 (update, 3, actor);
    }
  else if (!(update = _crm_store_prepare (self,
                                          "UPDATE tasks SET done_at = NULL, done_by = NULL "
                                          "WHERE id = ?1 AND done_at IS NOT NULL",
                                          error)))
    return FALSE;
  crm_statement_bind_int64 (update, 1, marking->id);
  if (!_crm_store_step_done (self, update, error))
    return FALSE;
  if (_crm_store_count_changes (self) == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   marking->done ? _("Task #%lld is done already.") : _("Task #%lld is not done."),
                   (long long) marking->id);
      return FALSE;
    }

  return crm_session_append_history (session, "task", marking->id, marking->done ? "done" : "undone",
                                     crm_task_get_title (task), error);
}

static gboolean
mark (CrmTaskStore  *self,
      gint64         id,
      gboolean       done,
      GError       **error)
{
  Marking marking = { id, done };

  if (!crm_session_run_in_transaction (_crm_session (self), mark_tx, &marking, error))
    return FALSE;

  _crm_store_emit_changed (self, "task", id);

  return TRUE;
}

/**
 * crm_task_store_set_done:
 * @self: a #CrmTaskStore
 * @id: an open task
 * @error: return location for a #GError
 *
 * Marks a task done, now, by the session's user, with an audit row.
 * Refused with %CRM_ERROR_PERMISSION unless the session's user is the
 * task's, a manager or an administrator (or the session has no user),
 * with %CRM_ERROR_CONFLICT when it is done already.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
crm_task_store_set_done (CrmTaskStore  *self,
                         gint64         id,
                         GError       **error)
{
  g_return_val_if_fail (CRM_IS_TASK_STORE (self), FALSE);

  return mark (self, id, TRUE, error);
}

/**
 * crm_task_store_set_undone:
 * @self: a #CrmTaskStore
 * @id: a task done
 * @error: return location for a #GError
 *
 * Opens a task done again (Undo, or done by mistake), as
 * crm_task_store_set_done() allows; with an audit row. A task told of
 * already is not told of again.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
crm_task_store_set_undone (CrmTaskStore  *self,
                           gint64         id,
                           GError       **error)
{
  g_return_val_if_fail (CRM_IS_TASK_STORE (self), FALSE);

  return mark (self, id, FALSE, error);
}

static gboolean
mark_write (CrmSession    *writer,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  CrmTaskStore *self = crm_task_store_from_session (writer);
  Marking *marking = data;

  return mark (self, marking->id, marking->done, error) &&
         (*result = crm_task_store_get (self, marking->id, error)) != NULL;
}

/**
 * crm_task_store_set_done_async:
 * @self: a #CrmTaskStore
 * @id: a task
 * @done: %TRUE to mark it done, %FALSE to open it again
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is marked, or not
 * @user_data: for @callback
 *
 * crm_task_store_set_done() or crm_task_store_set_undone() on the
 * session's writer: for the window.
 */
void
crm_task_store_set_done_async (CrmTaskStore        *self,
                               gint64               id,
                               gboolean             done,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Marking *marking;

  g_return_if_fail (CRM_IS_TASK_STORE (self));

  marking = g_new0 (Marking, 1);
  marking->id = id;
  marking->done = done;
  crm_session_write_async (_crm_session (self), mark_write, marking, g_free, g_object_unref, cancellable, callback,
                           user_data);
}

/**
 * crm_task_store_set_done_finish:
 * @self: a #CrmTaskStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the task as it is now, or %NULL with @error
 *   set
 */
CrmTask *
crm_task_store_set_done_finish (CrmTaskStore  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (CRM_IS_TASK_STORE (self), NULL);

  return crm_session_write_finish (_crm_session (self), result, error);
}

static gboolean
delete_tx (CrmSession  *session,
           gpointer     user_data,
           GError     **error)
{
  CrmTaskStore *self = crm_task_store_from_session (session);
  gint64 id = *(gint64 *) user_data;
  g_autoptr(CrmTask) task = crm_task_store_get (self, id, error);
  g_autoptr(CrmStatement) stmt = NULL;
  int role;

  if (task == NULL)
    return FALSE;
  role = actor_role (self);
  if (role != -1 && role != CRM_ROLE_ADMIN && crm_task_get_created_by_id (task) != crm_session_get_user_id (session))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_PERMISSION,
                           _("Only whoever created a task, or an administrator, can delete it."));
      return FALSE;
    }
  if (!(stmt = _crm_store_prepare (self, "DELETE FROM tasks WHERE id = ?1", error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, id);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;

  return crm_session_append_history (session, "task", id, "deleted", crm_task_get_title (task), error);
}

/**
 * crm_task_store_delete:
 * @self: a #CrmTaskStore
 * @id: a task
 * @error: return location for a #GError
 *
 * Deletes a task, with an audit row that keeps its title. Refused with
 * %CRM_ERROR_PERMISSION unless the session's user created it or is an
 * administrator (or the session has no user).
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
crm_task_store_delete (CrmTaskStore  *self,
                       gint64         id,
                       GError       **error)
{
  g_return_val_if_fail (CRM_IS_TASK_STORE (self), FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), delete_tx, &id, error))
    return FALSE;

  _crm_store_emit_changed (self, "task", id);

  return TRUE;
}
