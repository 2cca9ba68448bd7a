/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-normalize.h"
#include "crm-people-private.h"

struct _CrmUserStore
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmUserStore, crm_user_store, CRM_TYPE_STORE)

/* crm_user_store_keep_up_to_date (): every user, by name, as last read
 * on a worker (NULL until the first read is in) */
#define KEPT(self) ((GPtrArray *) _crm_store_get_kept (CRM_STORE (self)))

static void
crm_user_store_class_init (CrmUserStoreClass *klass)
{
}

static void
crm_user_store_init (CrmUserStore *self)
{
}

/**
 * crm_user_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the store of this module working in @session
 */
CrmUserStore *
crm_user_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_USER_STORE);
}

/* Users: the people who work in the application (FD2). */

static gpointer
user_from_row (CrmStatement *stmt)
{
  CrmRole role = CRM_ROLE_AGENT;

  crm_role_from_string (crm_statement_get_text (stmt, 3), &role);

  return crm_user_new_full (crm_statement_get_int64 (stmt, 0),
                            crm_statement_get_text (stmt, 1),
                            crm_statement_get_text (stmt, 2),
                            role,
                            crm_statement_is_null (stmt, 4));
}

#define USER_COLUMNS "id, name, email, role, deactivated_at"

/* The name and address as stored: trimmed, checked, the address also
 * normalised for uniqueness. */
static gboolean
clean_user (const char  *name,
            const char  *email,
            CrmRole      role,
            char       **clean_name,
            char       **clean_email,
            char       **email_norm,
            GError     **error)
{
  g_autofree char *trimmed_name = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *trimmed_email = g_strstrip (g_strdup (email ? email : ""));

  if (*trimmed_name == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Enter the user’s name."));
      return FALSE;
    }
  if (g_utf8_strlen (trimmed_name, -1) > 200)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("The name is too long: use at most 200 characters."));
      return FALSE;
    }
  if (role > CRM_ROLE_AGENT)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Choose a role: administrator, manager or agent."));
      return FALSE;
    }
  if (*trimmed_email == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Enter the user’s e-mail address."));
      return FALSE;
    }
  if (!(*email_norm = crm_normalize_email (trimmed_email, error)))
    return FALSE;

  *clean_name = g_steal_pointer (&trimmed_name);
  *clean_email = g_steal_pointer (&trimmed_email);

  return TRUE;
}

typedef struct
{
  const char *name;
  const char *email;
  const char *email_norm;
  CrmRole     role;
  gint64      id;
} AddUser;

static gboolean
add_user_tx (CrmSession  *session,
             gpointer     user_data,
             GError     **error)
{
  CrmUserStore *self = crm_user_store_from_session (session);
  AddUser *add = user_data;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *detail = NULL;

  stmt = _crm_store_prepare (self,
                             "INSERT INTO users (name, email, email_norm, role, created_at) "
                             "VALUES (?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  crm_statement_bind_text (stmt, 1, add->name);
  crm_statement_bind_text (stmt, 2, add->email);
  crm_statement_bind_text (stmt, 3, add->email_norm);
  crm_statement_bind_text (stmt, 4, crm_role_to_string (add->role));
  crm_statement_bind_int64 (stmt, 5, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));

  if (crm_statement_step (stmt) != CRM_STEP_DONE)
    {
      if (_crm_store_unique_violated (self))
        g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                     _("A user with the e-mail address “%s” already exists."), add->email);
      else
        _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  add->id = _crm_store_last_insert_id (self);
  detail = g_strdup_printf ("%s <%s>, %s", add->name, add->email, crm_role_to_string (add->role));

  return crm_session_append_history (_crm_session (self), "user", add->id, "created", detail, error);
}

/**
 * crm_user_store_add:
 * @self: a #CrmUserStore
 * @name: the user's full name
 * @email: the user's e-mail address, unique among users
 * @role: the user's role
 * @error: return location for a #GError
 *
 * Returns: the new user's id, or 0 with @error set
 */
gint64
crm_user_store_add (CrmUserStore  *self,
                    const char    *name,
                    const char    *email,
                    CrmRole        role,
                    GError       **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_email = NULL;
  g_autofree char *email_norm = NULL;
  AddUser add = { 0 };

  g_return_val_if_fail (CRM_IS_USER_STORE (self), 0);

  if (!clean_user (name, email, role, &clean_name, &clean_email, &email_norm, error))
    return 0;

  add.name = clean_name;
  add.email = clean_email;
  add.email_norm = email_norm;
  add.role = role;

  if (!crm_session_run_in_transaction (_crm_session (self), add_user_tx, &add, error))
    return 0;

  _crm_store_emit_changed (self, "user", add.id);

  return add.id;
}

typedef struct
{
  char    *name;
  char    *email;
  CrmRole  role;
} AddJob;

static void
add_job_free (gpointer data)
{
  AddJob *job = data;

  g_free (job->name);
  g_free (job->email);
  g_free (job);
}

static gboolean
add_write (CrmSession    *writer,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  CrmUserStore *store = crm_user_store_from_session (writer);
  AddJob *job = data;
  gint64 id = crm_user_store_add (store, job->name, job->email, job->role, error);

  return id != 0 && (*result = crm_user_store_get (store, id, error)) != NULL;
}

/**
 * crm_user_store_add_async:
 * @self: a #CrmUserStore
 * @name: as for crm_user_store_add()
 * @email: as for crm_user_store_add()
 * @role: as for crm_user_store_add()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when added, or not
 * @user_data: for @callback
 *
 * crm_user_store_add() on a writer of its own
 * (crm_session_write_async()): for the window.
 */
void
crm_user_store_add_async (CrmUserStore        *self,
                          const char          *name,
                          const char          *email,
                          CrmRole              role,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  AddJob *job;

  g_return_if_fail (CRM_IS_USER_STORE (self));

  job = g_new0 (AddJob, 1);
  job->name = g_strdup (name);
  job->email = g_strdup (email);
  job->role = role;
  crm_session_write_async (_crm_session (self), add_write, job, add_job_free, g_object_unref, cancellable, callback,
                           user_data);
}

/**
 * crm_user_store_add_finish:
 * @self: a #CrmUserStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new user, or %NULL with @error set
 */
CrmUser *
crm_user_store_add_finish (CrmUserStore  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (CRM_IS_USER_STORE (self), NULL);

  return crm_session_write_finish (_crm_session (self), result, error);
}

/* The users read on a worker: none of the server's time on the
 * caller's thread. */

static gboolean
read_users (CrmSession    *reader,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GListModel) users = crm_user_store_list (crm_user_store_from_session (reader), error);
  GPtrArray *kept;
  guint n;

  if (users == NULL)
    return FALSE;
  n = g_list_model_get_n_items (users);
  kept = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (kept, g_list_model_get_item (users, i));
  *result = kept;

  return TRUE;
}

/**
 * crm_user_store_keep_up_to_date:
 * @self: a #CrmUserStore
 *
 * For the window's session: the users are read on a worker now and
 * after every change to them (this desktop's or, when it follows the
 * database, another's), and crm_user_store_count(), _list(),
 * _list_active(), _list_assignable() and _get() answer from what was
 * read, without waiting on the database; until it is in, they read
 * the database as before.
 */
void
crm_user_store_keep_up_to_date (CrmUserStore *self)
{
  g_return_if_fail (CRM_IS_USER_STORE (self));

  _crm_store_keep (CRM_STORE (self), "user", read_users, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * crm_user_store_read_and_keep:
 * @self: a #CrmUserStore
 * @error: return location for a #GError
 *
 * As crm_user_store_keep_up_to_date(), the users read now, on the
 * calling thread: for a session opened on a worker, before the window
 * gets it (who logged in is then known without a read).
 *
 * Returns: %TRUE when they were read
 */
gboolean
crm_user_store_read_and_keep (CrmUserStore  *self,
                              GError       **error)
{
  g_return_val_if_fail (CRM_IS_USER_STORE (self), FALSE);

  return _crm_store_keep_now (CRM_STORE (self), "user", read_users, (GDestroyNotify) g_ptr_array_unref, error);
}

/**
 * crm_user_store_keep_up_to_date_from:
 * @self: a #CrmUserStore
 * @source: the user store of another session on the same database
 *
 * As crm_user_store_keep_up_to_date(), starting from the users @source
 * keeps when it has them: a window's own session knows them from its
 * first frame.
 */
void
crm_user_store_keep_up_to_date_from (CrmUserStore *self,
                                     CrmUserStore *source)
{
  g_return_if_fail (CRM_IS_USER_STORE (self));
  g_return_if_fail (CRM_IS_USER_STORE (source));

  _crm_store_keep_from (CRM_STORE (self), CRM_STORE (source), "user", read_users,
                        (GBoxedCopyFunc) g_ptr_array_ref, (GDestroyNotify) g_ptr_array_unref);
}

gboolean
_crm_user_store_is_kept (CrmUserStore *self)
{
  return KEPT (self) != NULL;
}

/* The kept users that pass @keep (all with NULL); NULL when none were
 * read yet. */
static GListModel *
kept_users (CrmUserStore *self,
            gboolean    (*keep) (CrmUser *user, gint64 id),
            gint64        id)
{
  GPtrArray *kept = KEPT (self);
  GListStore *users;

  if (kept == NULL)
    return NULL;
  users = g_list_store_new (CRM_TYPE_USER);
  for (guint i = 0; i < kept->len; i++)
    {
      CrmUser *user = g_ptr_array_index (kept, i);

      if (keep == NULL || keep (user, id))
        g_list_store_append (users, user);
    }

  return G_LIST_MODEL (users);
}

static gboolean
is_active (CrmUser *user,
           gint64   id)
{
  return crm_user_get_active (user);
}

static gboolean
is_assignable (CrmUser *user,
               gint64   keep_id)
{
  return crm_user_get_active (user) || crm_user_get_id (user) == keep_id;
}

static gboolean
has_id (CrmUser *user,
        gint64   id)
{
  return crm_user_get_id (user) == id;
}

guint
crm_user_store_count (CrmUserStore *self)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_USER_STORE (self), 0);

  if (KEPT (self) != NULL)
    return KEPT (self)->len;
  stmt = _crm_store_prepare (self, "SELECT count(*) FROM users", NULL);
  if (stmt == NULL || crm_statement_step (stmt) != CRM_STEP_ROW)
    return 0;

  return crm_statement_get_int (stmt, 0);
}

/**
 * crm_user_store_list:
 * @self: a #CrmUserStore
 * @error: return location for a #GError
 *
 * Users are few (an office), so they are read at once.
 *
 * Returns: (transfer full): a list of #CrmUser by name
 */
GListModel *
crm_user_store_list (CrmUserStore  *self,
                     GError       **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_USER_STORE (self), NULL);

  if (KEPT (self) != NULL)
    return kept_users (self, NULL, 0);
  stmt = _crm_store_prepare (self,
                             "SELECT " USER_COLUMNS " FROM users ORDER BY name COLLATE NOCASE, id",
                             error);
  if (stmt == NULL)
    return NULL;

  return _crm_store_collect (self, stmt, CRM_TYPE_USER, user_from_row, error);
}

/**
 * crm_user_store_list_active:
 * @self: a #CrmUserStore
 * @error: return location for a #GError
 *
 * The users who may work and be given work: "Who is working?" and
 * every chooser of an assignee, agent or manager.
 *
 * Returns: (transfer full): a list of active #CrmUser by name
 */
GListModel *
crm_user_store_list_active (CrmUserStore  *self,
                            GError       **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_USER_STORE (self), NULL);

  if (KEPT (self) != NULL)
    return kept_users (self, is_active, 0);
  stmt = _crm_store_prepare (self,
                             "SELECT " USER_COLUMNS " FROM users WHERE deactivated_at IS NULL "
                             "ORDER BY name COLLATE NOCASE, id",
                             error);
  if (stmt == NULL)
    return NULL;

  return _crm_store_collect (self, stmt, CRM_TYPE_USER, user_from_row, error);
}

/**
 * crm_user_store_get:
 * @self: a #CrmUserStore
 * @id: the user's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the user, or %NULL with %CRM_ERROR_NOT_FOUND
 */
CrmUser *
crm_user_store_get (CrmUserStore  *self,
                    gint64         id,
                    GError       **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_USER_STORE (self), NULL);

  if (KEPT (self) != NULL)
    {
      g_autoptr(GListModel) found = kept_users (self, has_id, id);

      if (g_list_model_get_n_items (found) == 1)
        return g_list_model_get_item (found, 0);
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                   _("There is no user with id %lld."), (long long) id);
      return NULL;
    }
  stmt = _crm_store_prepare (self, "SELECT " USER_COLUMNS " FROM users WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_int64 (stmt, 1, id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return user_from_row (stmt);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
               _("There is no user with id %lld."), (long long) id);

  return NULL;
}

/**
 * crm_user_store_find:
 * @self: a #CrmUserStore
 * @reference: a user's id, e-mail address or exact name
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the user, or %NULL with %CRM_ERROR_NOT_FOUND
 */
CrmUser *
crm_user_store_find (CrmUserStore  *self,
                     const char    *reference,
                     GError       **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *lower = NULL;
  guint64 id;

  g_return_val_if_fail (CRM_IS_USER_STORE (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  if (g_ascii_string_to_unsigned (reference, 10, 1, G_MAXINT64, &id, NULL))
    return crm_user_store_get (self, id, error);

  stmt = _crm_store_prepare (self,
                             "SELECT " USER_COLUMNS " FROM users "
                             "WHERE email_norm = ?1 OR name = ?2 COLLATE NOCASE "
                             "ORDER BY email_norm = ?1 DESC, id LIMIT 1",
                             error);
  if (stmt == NULL)
    return NULL;

  lower = g_utf8_strdown (reference, -1);
  crm_statement_bind_text (stmt, 1, lower);
  crm_statement_bind_text (stmt, 2, reference);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return user_from_row (stmt);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
               _("There is no user “%s”: give a user’s id, e-mail address or name."),
               reference);

  return NULL;
}

/**
 * crm_user_store_list_assignable:
 * @self: a #CrmUserStore
 * @keep_id: the user chosen now, listed even if deactivated, or 0
 * @error: return location for a #GError
 *
 * The choices of an assignee, agent or manager: the active users, and
 * the one a record has now, so that editing it keeps them.
 *
 * Returns: (transfer full): a list of #CrmUser by name
 */
GListModel *
crm_user_store_list_assignable (CrmUserStore  *self,
                                gint64         keep_id,
                                GError       **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_USER_STORE (self), NULL);

  if (KEPT (self) != NULL)
    return kept_users (self, is_assignable, keep_id);
  stmt = _crm_store_prepare (self,
                             "SELECT " USER_COLUMNS " FROM users WHERE deactivated_at IS NULL OR id = ? "
                             "ORDER BY name COLLATE NOCASE, id",
                             error);
  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, keep_id);

  return _crm_store_collect (self, stmt, CRM_TYPE_USER, user_from_row, error);
}

/* Whether another active administrator than @user_id remains. */
static gboolean
other_admin_remains (CrmUserStore  *self,
                     gint64         user_id,
                     gboolean      *remains,
                     GError       **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  stmt = _crm_store_prepare (self,
                             "SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin' "
                             "AND deactivated_at IS NULL AND id <> ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, user_id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  *remains = crm_statement_get_int (stmt, 0) != 0;

  return TRUE;
}

static gboolean
keep_an_admin (CrmUserStore  *self,
               CrmUser       *user,
               GError       **error)
{
  gboolean remains = FALSE;

  if (crm_user_get_role (user) != CRM_ROLE_ADMIN || !crm_user_get_active (user))
    return TRUE;
  if (!other_admin_remains (self, crm_user_get_id (user), &remains, error))
    return FALSE;
  if (!remains)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is a person's name */
                   _("%s is the last active administrator: make another user an administrator first."),
                   crm_user_get_name (user));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  gint64      id;
  const char *name;
  const char *email;
  const char *email_norm;
  CrmRole     role;
  gboolean    active;
} EditUser;

static gboolean
update_user_tx (CrmSession  *session,
                gpointer     user_data,
                GError     **error)
{
  CrmUserStore *self = crm_user_store_from_session (session);
  EditUser *edit = user_data;
  g_autoptr(CrmUser) user = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *detail = NULL;

  if (!(user = crm_user_store_get (self, edit->id, error)))
    return FALSE;
  if (edit->role != CRM_ROLE_ADMIN && !keep_an_admin (self, user, error))
    return FALSE;

  stmt = _crm_store_prepare (self, "UPDATE users SET name = ?, email = ?, email_norm = ?, role = ? WHERE id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_text (stmt, 1, edit->name);
  crm_statement_bind_text (stmt, 2, edit->email);
  crm_statement_bind_text (stmt, 3, edit->email_norm);
  crm_statement_bind_text (stmt, 4, crm_role_to_string (edit->role));
  crm_statement_bind_int64 (stmt, 5, edit->id);
  if (crm_statement_step (stmt) != CRM_STEP_DONE)
    {
      if (_crm_store_unique_violated (self))
        g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                     _("A user with the e-mail address “%s” already exists."), edit->email);
      else
        _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  detail = g_strdup_printf ("%s <%s>, %s", edit->name, edit->email, crm_role_to_string (edit->role));

  return _crm_user_store_sync_login (self, edit->id, edit->role, crm_user_get_active (user), error) &&
         crm_session_append_history (_crm_session (self), "user", edit->id, "edited", detail, error);
}

/**
 * crm_user_store_update:
 * @self: a #CrmUserStore
 * @id: the user's id
 * @name: the user's full name
 * @email: the user's e-mail address, unique among users
 * @role: the user's role
 * @error: return location for a #GError
 *
 * Renames a user, changes their address or role. What they did keeps
 * their (new) name. The last active administrator keeps the role.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_user_store_update (CrmUserStore  *self,
                       gint64         id,
                       const char    *name,
                       const char    *email,
                       CrmRole        role,
                       GError       **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_email = NULL;
  g_autofree char *email_norm = NULL;
  EditUser edit = { 0 };

  g_return_val_if_fail (CRM_IS_USER_STORE (self), FALSE);

  if (!clean_user (name, email, role, &clean_name, &clean_email, &email_norm, error))
    return FALSE;

  edit.id = id;
  edit.name = clean_name;
  edit.email = clean_email;
  edit.email_norm = email_norm;
  edit.role = role;
  if (!crm_session_run_in_transaction (_crm_session (self), update_user_tx, &edit, error))
    return FALSE;

  _crm_store_emit_changed (self, "user", id);

  return TRUE;
}

static gboolean
set_user_active_tx (CrmSession  *session,
                    gpointer     user_data,
                    GError     **error)
{
  CrmUserStore *self = crm_user_store_from_session (session);
  EditUser *edit = user_data;
  g_autoptr(CrmUser) user = NULL;
  g_autoptr(CrmStatement) stmt = NULL;

  if (!(user = crm_user_store_get (self, edit->id, error)))
    return FALSE;
  if (crm_user_get_active (user) == edit->active)
    return TRUE;
  if (!edit->active && !keep_an_admin (self, user, error))
    return FALSE;

  stmt = _crm_store_prepare (self, "UPDATE users SET deactivated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  if (edit->active)
    crm_statement_bind_null (stmt, 1);
  else
    crm_statement_bind_int64 (stmt, 1, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));
  crm_statement_bind_int64 (stmt, 2, edit->id);

  return _crm_store_step_done (self, stmt, error) &&
         _crm_user_store_sync_login (self, edit->id, crm_user_get_role (user), edit->active, error) &&
         crm_session_append_history (_crm_session (self), "user", edit->id, edit->active ? "reactivated" : "deactivated",
                                   crm_user_get_name (user), error);
}

/**
 * crm_user_store_set_active:
 * @self: a #CrmUserStore
 * @id: the user's id
 * @active: %FALSE to deactivate the user, %TRUE to let them work again
 * @error: return location for a #GError
 *
 * A deactivated user keeps their history (tickets, comments, offers
 * still show their name), cannot be chosen at "Who is working?" and is
 * given no new work. The last active administrator stays active.
 *
 * Returns: %TRUE on success, also when nothing had to change
 */
gboolean
crm_user_store_set_active (CrmUserStore  *self,
                           gint64         id,
                           gboolean       active,
                           GError       **error)
{
  EditUser edit = { 0 };

  g_return_val_if_fail (CRM_IS_USER_STORE (self), FALSE);

  edit.id = id;
  edit.active = active;
  if (!crm_session_run_in_transaction (_crm_session (self), set_user_active_tx, &edit, error))
    return FALSE;

  _crm_store_emit_changed (self, "user", id);

  return TRUE;
}

/**
 * crm_user_store_check:
 * @self: a #CrmUserStore
 * @id: the user being edited, or 0 for a new one
 * @name: the name the form gives
 * @email: the address the form gives
 * @role: the role the form gives
 * @error: return location for a #GError
 *
 * Says, in the words crm_user_store_add() and crm_user_store_update()
 * would use, what they would refuse: a missing name or address, an
 * address another user has, the last administrator's role taken away.
 * A window asks this before it lets the change go to a worker, so that
 * the form says why at once.
 *
 * Returns: %TRUE when the change can be made, as far as is stored now
 */
gboolean
crm_user_store_check (CrmUserStore  *self,
                      gint64         id,
                      const char    *name,
                      const char    *email,
                      CrmRole        role,
                      GError       **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_email = NULL;
  g_autofree char *email_norm = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(CrmUser) user = NULL;

  g_return_val_if_fail (CRM_IS_USER_STORE (self), FALSE);

  if (!clean_user (name, email, role, &clean_name, &clean_email, &email_norm, error))
    return FALSE;

  stmt = _crm_store_prepare (self, "SELECT 1 FROM users WHERE email_norm = ? AND id <> ?", error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_text (stmt, 1, email_norm);
  crm_statement_bind_int64 (stmt, 2, id);
  switch (crm_statement_step (stmt))
    {
    case CRM_STEP_ROW:
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   _("A user with the e-mail address “%s” already exists."), clean_email);
      return FALSE;
    case CRM_STEP_DONE:
      break;
    case CRM_STEP_ERROR:
    default:
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  if (id == 0 || role == CRM_ROLE_ADMIN)
    return TRUE;

  return (user = crm_user_store_get (self, id, error)) != NULL && keep_an_admin (self, user, error);
}

/**
 * crm_user_store_check_active:
 * @self: a #CrmUserStore
 * @id: the user's id
 * @active: what crm_user_store_set_active() would be asked
 * @error: return location for a #GError
 *
 * Says what crm_user_store_set_active() would refuse (the last active
 * administrator deactivated, a user who is not there), in its words.
 *
 * Returns: %TRUE when the change can be made, as far as is stored now
 */
gboolean
crm_user_store_check_active (CrmUserStore  *self,
                             gint64         id,
                             gboolean       active,
                             GError       **error)
{
  g_autoptr(CrmUser) user = NULL;

  g_return_val_if_fail (CRM_IS_USER_STORE (self), FALSE);

  if (!(user = crm_user_store_get (self, id, error)))
    return FALSE;

  return active || keep_an_admin (self, user, error);
}

/**
 * crm_user_store_find_active:
 * @self: a #CrmUserStore
 * @reference: a user's id, e-mail address or exact name
 * @error: return location for a #GError
 *
 * As crm_user_store_find(), for someone who is to work or be given
 * work: a deactivated user is refused with %CRM_ERROR_INVALID.
 *
 * Returns: (transfer full): the user, or %NULL with @error set
 */
CrmUser *
crm_user_store_find_active (CrmUserStore  *self,
                            const char    *reference,
                            GError       **error)
{
  g_autoptr(CrmUser) user = NULL;

  g_return_val_if_fail (CRM_IS_USER_STORE (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  if (!(user = crm_user_store_find (self, reference, error)))
    return NULL;
  if (!crm_user_get_active (user))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is a person's name */
                   _("%s was deactivated and can neither work nor be given work; an administrator can "
                     "reactivate them."),
                   crm_user_get_name (user));
      return NULL;
    }

  return g_steal_pointer (&user);
}

/* For the filters' checks: %TRUE when @id is 0 (nobody) or a user. */
gboolean
_crm_user_store_check_id (CrmUserStore  *self,
                          gint64         id,
                          GError       **error)
{
  gboolean found = FALSE;

  if (id <= 0)
    return TRUE;
  if (!_crm_store_exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?)", NULL, id, &found,
                          error))
    return FALSE;
  if (!found)
    g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                 _("There is no user with id %lld."), (long long) id);

  return found;
}
