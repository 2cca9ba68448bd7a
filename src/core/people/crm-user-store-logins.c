/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-pg-database.h"
#include "crm-store-private.h"
#include "crm-people-private.h"
#include "crm-user-store.h"

/* On the team's database people log in as themselves: a user's login
 * is a role of the server's, in this office's group roles
 * (crm-pg-database.c, migration 0020), and the server enforces what an
 * administrator alone may do. */

typedef struct
{
  gint64      user_id;
  const char *login;
  const char *password;
} Login;

static gboolean
set_login_tx (CrmSession  *session,
              gpointer     user_data,
              GError     **error)
{
  CrmUserStore *self = crm_user_store_from_session (session);
  Login *login = user_data;
  g_autoptr(CrmUser) user = NULL;
  g_autoptr(CrmStatement) stmt = NULL;

  if (!(user = crm_user_store_get (self, login->user_id, error)) ||
      !crm_pg_database_set_login (CRM_PG_DATABASE (_crm_store_db (self)), login->login, login->password,
                                  crm_user_get_role (user) == CRM_ROLE_ADMIN, error))
    return FALSE;

  stmt = _crm_store_prepare (self, "UPDATE users SET login = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_text (stmt, 1, login->login);
  crm_statement_bind_int64 (stmt, 2, login->user_id);
  if (crm_statement_step (stmt) != CRM_STEP_DONE)
    {
      if (_crm_store_unique_violated (self))
        g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT, _("Another user logs in as “%s”."), login->login);
      else
        _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  return crm_session_append_history (_crm_session (self), "user", login->user_id, "login", login->login, error);
}

/**
 * crm_user_store_set_login:
 * @self: a #CrmUserStore on the team's database
 * @user_id: the user
 * @login: the server's role they will connect as
 * @password: (nullable): their password, or %NULL to keep the one
 *   the role has
 * @error: return location for a #GError
 *
 * Lets the user log in to the team's database as themselves, with an
 * administrator's rights on the server when they are one. Done by an
 * administrator (their role needs CREATEROLE).
 *
 * Returns: %TRUE on success
 */
gboolean
crm_user_store_set_login (CrmUserStore  *self,
                          gint64         user_id,
                          const char    *login,
                          const char    *password,
                          GError       **error)
{
  Login data = { user_id, login, password };

  g_return_val_if_fail (CRM_IS_USER_STORE (self), FALSE);

  if (crm_database_get_dialect (_crm_store_db (self)) != CRM_DIALECT_POSTGRESQL)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Logins are for the team’s database on a server; this computer’s own has none."));
      return FALSE;
    }
  if (!crm_session_run_in_transaction (_crm_session (self), set_login_tx, &data, error))
    return FALSE;

  _crm_store_emit_changed (self, "user", user_id);

  return TRUE;
}

/*
 * _crm_user_store_sync_login:
 * @self: a #CrmUserStore, in the transaction that changed the user
 * @user_id: the user
 * @role: their role now
 * @active: whether they may work
 * @error: return location for a #GError
 *
 * On the team's database, the user's login follows what they are: an
 * administrator's rights on the server, or none; no login at all once
 * deactivated. Nothing on a desk's file, or for a user with no login.
 *
 * Returns: %TRUE on success
 */
gboolean
_crm_user_store_sync_login (CrmUserStore  *self,
                            gint64         user_id,
                            CrmRole        role,
                            gboolean       active,
                            GError       **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *login = NULL;
  gboolean row = FALSE;
  CrmPgDatabase *server;

  if (crm_database_get_dialect (_crm_store_db (self)) != CRM_DIALECT_POSTGRESQL)
    return TRUE;
  server = CRM_PG_DATABASE (_crm_store_db (self));

  stmt = _crm_store_prepare (self, "SELECT login FROM users WHERE id = ? AND login IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, user_id);
  if (!crm_database_step_row (_crm_store_db (self), stmt, &row, error))
    return FALSE;
  if (!row)
    return TRUE;
  login = g_strdup (crm_statement_get_text (stmt, 0));
  g_clear_pointer (&stmt, crm_statement_release);

  if (!active)
    return crm_pg_database_disable_login (server, login, error);

  return crm_pg_database_set_login (server, login, NULL, role == CRM_ROLE_ADMIN, error);
}
