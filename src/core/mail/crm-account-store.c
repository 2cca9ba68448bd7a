/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-normalize.h"
#include "crm-secrets.h"
#include "crm-mail-private.h"

struct _CrmAccountStore
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmAccountStore, crm_account_store, CRM_TYPE_STORE)

static void
crm_account_store_class_init (CrmAccountStoreClass *klass)
{
}

static void
crm_account_store_init (CrmAccountStore *self)
{
}

/**
 * crm_account_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the store of this module working in @session
 */
CrmAccountStore *
crm_account_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_ACCOUNT_STORE);
}

/* Mail accounts (RQ1): settings in the database, the password in the
 * Secret Service, both or neither. A removed account keeps its row for
 * the outbox and history that name it (migration 0015), but is listed
 * and used no more, and its address may be added again. */

static gpointer
account_from_row (CrmStatement *stmt)
{
  return crm_account_new (crm_statement_get_int64 (stmt, 0),
                          crm_statement_get_text (stmt, 1),
                          crm_statement_get_text (stmt, 2),
                          crm_statement_get_text (stmt, 3),
                          crm_statement_get_int64 (stmt, 4),
                          crm_statement_get_text (stmt, 5),
                          crm_statement_get_text (stmt, 6),
                          crm_statement_get_int64 (stmt, 7),
                          crm_statement_get_text (stmt, 8),
                          crm_statement_get_text (stmt, 9));
}

#define ACCOUNT_COLUMNS \
  "id, address, display_name, imap_host, imap_port, imap_security, " \
  "smtp_host, smtp_port, smtp_security, username"

/**
 * crm_host_is_loopback:
 * @host: a host name or address
 *
 * Returns: %TRUE for this computer: localhost, 127.0.0.0/8 or ::1
 */
gboolean
crm_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_str_has_suffix (host, ".localhost"))
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
validate_host (const char  *host,
               const char  *which,
               GError     **error)
{
  gboolean valid = host != NULL && *host != '\0' && strlen (host) <= 253;

  for (const char *p = host; valid && *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '.' || *p == '-' || *p == ':' || *p == '_'))
      valid = FALSE;

  if (!valid)
    g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                 /* Translators: the first %s is IMAP or SMTP, the second what was typed */
                 _("“%2$s” is not a %1$s server name: give a host name such as mail.example.com "
                   "or an IP address."),
                 which, host ? host : "");

  return valid;
}

static gboolean
validate_security (const char  *security,
                   const char  *host,
                   const char  *which,
                   gboolean     allow_insecure,
                   GError     **error)
{
  if (g_strcmp0 (security, "tls") != 0 && g_strcmp0 (security, "starttls") != 0 &&
      g_strcmp0 (security, "none") != 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is IMAP or SMTP */
                   _("Choose the %s security: tls, starttls or none."), which);
      return FALSE;
    }

  if (g_str_equal (security, "none") && !allow_insecure && !crm_host_is_loopback (host))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is IMAP or SMTP, then a host name */
                   _("Without encryption the %s password would cross the network in clear "
                     "text to %s. Use tls or starttls; “none” is for a server on this computer, "
                     "or must be confirmed explicitly."),
                   which, host);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_port (gint64       port,
               const char  *which,
               GError     **error)
{
  if (port >= 1 && port <= 65535)
    return TRUE;

  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               /* Translators: %s is IMAP or SMTP */
               _("The %s port must be a number from 1 to 65535."), which);

  return FALSE;
}

/* Every setting checked; returns the normalised address. */
static char *
validate_account (CrmAccount  *account,
                  gboolean     allow_insecure,
                  GError     **error)
{
  g_autofree char *address_norm = NULL;

  if (!(address_norm = crm_normalize_email (crm_account_get_address (account) ?: "", error)) ||
      !validate_host (crm_account_get_imap_host (account), "IMAP", error) ||
      !validate_port (crm_account_get_imap_port (account), "IMAP", error) ||
      !validate_security (crm_account_get_imap_security (account), crm_account_get_imap_host (account),
                          "IMAP", allow_insecure, error) ||
      !validate_host (crm_account_get_smtp_host (account), "SMTP", error) ||
      !validate_port (crm_account_get_smtp_port (account), "SMTP", error) ||
      !validate_security (crm_account_get_smtp_security (account), crm_account_get_smtp_host (account),
                          "SMTP", allow_insecure, error))
    return NULL;

  if (crm_account_get_username (account) == NULL || *crm_account_get_username (account) == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Enter the user name for the mail servers."));
      return NULL;
    }

  return g_steal_pointer (&address_norm);
}

/**
 * crm_account_store_check:
 * @self: a #CrmAccountStore
 * @account: settings to add (id 0) or to save over an account's
 * @password: (nullable): the password typed, if any
 * @allow_insecure: whether security "none" was confirmed for a server
 *   that is not on this computer
 * @error: return location for a #GError
 *
 * Checks settings as crm_account_store_add() and
 * crm_account_store_update() would, without saving them: the window
 * checks, then tests the servers, then saves. A new account needs a
 * password; an account saved over keeps its own when none is given.
 *
 * Returns: %TRUE when the settings could be saved
 */
gboolean
crm_account_store_check (CrmAccountStore  *self,
                         CrmAccount       *account,
                         const char       *password,
                         gboolean          allow_insecure,
                         GError          **error)
{
  g_autofree char *address_norm = NULL;
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (CRM_IS_ACCOUNT (account), FALSE);

  if (!(address_norm = validate_account (account, allow_insecure, error)))
    return FALSE;
  if (crm_account_get_id (account) == 0 && (password == NULL || *password == '\0'))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Enter the password for the mail servers."));
      return FALSE;
    }

  stmt = _crm_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM accounts WHERE address_norm = ? AND id <> ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_text (stmt, 1, address_norm);
  crm_statement_bind_int64 (stmt, 2, crm_account_get_id (account));
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  if (crm_statement_get_int (stmt, 0) != 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   _("The mail account %s exists already."), crm_account_get_address (account));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  CrmAccount *account;
  const char *address_norm;
  const char *password;
  gint64      id;
} AddAccount;

static gboolean
add_account_tx (CrmSession  *session,
                gpointer     user_data,
                GError     **error)
{
  CrmAccountStore *self = crm_account_store_from_session (session);
  AddAccount *add = user_data;
  CrmAccount *a = add->account;
  g_autoptr(CrmStatement) stmt = NULL;

  stmt = _crm_store_prepare (self,
                             "INSERT INTO accounts (address, address_norm, display_name, imap_host, "
                             "imap_port, imap_security, smtp_host, smtp_port, smtp_security, username, "
                             "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  crm_statement_bind_text (stmt, 1, crm_account_get_address (a));
  crm_statement_bind_text (stmt, 2, add->address_norm);
  crm_statement_bind_text (stmt, 3, crm_account_get_display_name (a));
  crm_statement_bind_text (stmt, 4, crm_account_get_imap_host (a));
  crm_statement_bind_int64 (stmt, 5, crm_account_get_imap_port (a));
  crm_statement_bind_text (stmt, 6, crm_account_get_imap_security (a));
  crm_statement_bind_text (stmt, 7, crm_account_get_smtp_host (a));
  crm_statement_bind_int64 (stmt, 8, crm_account_get_smtp_port (a));
  crm_statement_bind_text (stmt, 9, crm_account_get_smtp_security (a));
  crm_statement_bind_text (stmt, 10, crm_account_get_username (a));
  crm_statement_bind_int64 (stmt, 11, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));

  if (crm_statement_step (stmt) != CRM_STEP_DONE)
    {
      if (_crm_store_unique_violated (self))
        g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                     _("The mail account %s exists already."), crm_account_get_address (a));
      else
        _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  add->id = _crm_store_last_insert_id (self);

  if (!crm_session_append_history (_crm_session (self), "account", add->id, "created",
                                 crm_account_get_address (a), error))
    return FALSE;

  /* Last, so that when the Secret Service refuses, the row goes too. */
  return crm_secrets_store_password (add->id, crm_account_get_address (a), add->password,
                                     NULL, error);
}

/**
 * crm_account_store_add:
 * @self: a #CrmAccountStore
 * @account: the account's settings (its id is ignored)
 * @password: the password, kept in the Secret Service only
 * @allow_insecure: whether security "none" was confirmed for a server
 *   that is not on this computer
 * @error: return location for a #GError
 *
 * Validates and stores the account without connecting to it. When the
 * Secret Service cannot keep the password, nothing is stored.
 *
 * Returns: the new account's id, or 0 with @error set: %CRM_ERROR for
 *   bad settings, %CRM_SECRETS_ERROR without a Secret Service
 */
gint64
crm_account_store_add (CrmAccountStore  *self,
                       CrmAccount       *account,
                       const char       *password,
                       gboolean          allow_insecure,
                       GError          **error)
{
  g_autofree char *address_norm = NULL;
  AddAccount add = { 0 };

  g_return_val_if_fail (CRM_IS_ACCOUNT_STORE (self), 0);
  g_return_val_if_fail (CRM_IS_ACCOUNT (account), 0);

  if (!(address_norm = validate_account (account, allow_insecure, error)))
    return 0;
  if (password == NULL || *password == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Enter the password for the mail servers."));
      return 0;
    }

  add.account = account;
  add.address_norm = address_norm;
  add.password = password;

  if (!crm_session_run_in_transaction (_crm_session (self), add_account_tx, &add, error))
    return 0;

  _crm_store_emit_changed (self, "account", add.id);

  return add.id;
}

/**
 * crm_account_store_list:
 * @self: a #CrmAccountStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the #CrmAccount list, oldest first
 */
GListModel *
crm_account_store_list (CrmAccountStore  *self,
                        GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_ACCOUNT_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE removed_at IS NULL ORDER BY id",
                             error);
  if (stmt == NULL)
    return NULL;

  return _crm_store_collect (self, stmt, CRM_TYPE_ACCOUNT, account_from_row, error);
}

/**
 * crm_account_store_get:
 * @self: a #CrmAccountStore
 * @id: the account's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the account, or %NULL with %CRM_ERROR_NOT_FOUND
 */
CrmAccount *
crm_account_store_get (CrmAccountStore  *self,
                       gint64            id,
                       GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_ACCOUNT_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE id = ? AND removed_at IS NULL",
                             error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_int64 (stmt, 1, id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return account_from_row (stmt);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
               _("There is no mail account with id %lld."), (long long) id);

  return NULL;
}

typedef struct
{
  CrmAccount *account;
  const char *address_norm;
  const char *password;
} EditAccount;

static gboolean
update_account_tx (CrmSession  *session,
                   gpointer     user_data,
                   GError     **error)
{
  CrmAccountStore *self = crm_account_store_from_session (session);
  EditAccount *edit = user_data;
  CrmAccount *a = edit->account;
  gint64 id = crm_account_get_id (a);
  g_autoptr(CrmAccount) old = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(CrmStatement) folders = NULL;

  if (!(old = crm_account_store_get (self, id, error)))
    return FALSE;

  stmt = _crm_store_prepare (self,
                             "UPDATE accounts SET address = ?, address_norm = ?, display_name = ?, imap_host = ?, "
                             "imap_port = ?, imap_security = ?, smtp_host = ?, smtp_port = ?, smtp_security = ?, "
                             "username = ? WHERE id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_text (stmt, 1, crm_account_get_address (a));
  crm_statement_bind_text (stmt, 2, edit->address_norm);
  crm_statement_bind_text (stmt, 3, crm_account_get_display_name (a));
  crm_statement_bind_text (stmt, 4, crm_account_get_imap_host (a));
  crm_statement_bind_int64 (stmt, 5, crm_account_get_imap_port (a));
  crm_statement_bind_text (stmt, 6, crm_account_get_imap_security (a));
  crm_statement_bind_text (stmt, 7, crm_account_get_smtp_host (a));
  crm_statement_bind_int64 (stmt, 8, crm_account_get_smtp_port (a));
  crm_statement_bind_text (stmt, 9, crm_account_get_smtp_security (a));
  crm_statement_bind_text (stmt, 10, crm_account_get_username (a));
  crm_statement_bind_int64 (stmt, 11, id);
  if (crm_statement_step (stmt) != CRM_STEP_DONE)
    {
      if (_crm_store_unique_violated (self))
        g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                     _("The mail account %s exists already."), crm_account_get_address (a));
      else
        _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  /* another mailbox: where the import of the old one stood means nothing */
  if (g_ascii_strcasecmp (crm_account_get_imap_host (old), crm_account_get_imap_host (a)) != 0 ||
      crm_account_get_imap_port (old) != crm_account_get_imap_port (a) ||
      g_strcmp0 (crm_account_get_username (old), crm_account_get_username (a)) != 0)
    {
      if (!(folders = _crm_store_prepare (self, "DELETE FROM folders WHERE account_id = ?", error)))
        return FALSE;
      crm_statement_bind_int64 (folders, 1, id);
      if (!_crm_store_step_done (self, folders, error))
        return FALSE;
    }

  if (!crm_session_append_history (_crm_session (self), "account", id, "edited", crm_account_get_address (a), error))
    return FALSE;

  /* Last, so that when the Secret Service refuses, nothing changes. */
  return edit->password == NULL ||
         crm_secrets_store_password (id, crm_account_get_address (a), edit->password, NULL, error);
}

/**
 * crm_account_store_update:
 * @self: a #CrmAccountStore
 * @account: the account's new settings, with its id
 * @password: (nullable): a new password, or %NULL to keep the one kept
 * @allow_insecure: whether security "none" was confirmed for a server
 *   that is not on this computer
 * @error: return location for a #GError
 *
 * Corrects an account's settings or its password, without connecting.
 * A new password replaces the one in the Secret Service; when the
 * Secret Service cannot keep it, nothing changes.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_account_store_update (CrmAccountStore  *self,
                          CrmAccount       *account,
                          const char       *password,
                          gboolean          allow_insecure,
                          GError          **error)
{
  g_autofree char *address_norm = NULL;
  EditAccount edit = { 0 };

  g_return_val_if_fail (CRM_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (CRM_IS_ACCOUNT (account), FALSE);

  if (!(address_norm = validate_account (account, allow_insecure, error)))
    return FALSE;

  edit.account = account;
  edit.address_norm = address_norm;
  edit.password = password != NULL && *password != '\0' ? password : NULL;
  if (!crm_session_run_in_transaction (_crm_session (self), update_account_tx, &edit, error))
    return FALSE;

  _crm_store_emit_changed (self, "account", crm_account_get_id (account));

  return TRUE;
}

static gboolean
remove_account_tx (CrmSession  *session,
                   gpointer     user_data,
                   GError     **error)
{
  CrmAccountStore *self = crm_account_store_from_session (session);
  gint64 id = *(gint64 *) user_data;
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmStatement) waiting = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(CrmStatement) folders = NULL;
  g_autoptr(CrmStatement) copies = NULL;
  gint64 n_waiting;

  if (!(account = crm_account_store_get (self, id, error)))
    return FALSE;

  waiting = _crm_store_prepare (self,
                                "SELECT count (*) FROM outbox WHERE account_id = ? AND state IN ('waiting', 'sending')",
                                error);
  if (waiting == NULL)
    return FALSE;
  crm_statement_bind_int64 (waiting, 1, id);
  if (crm_statement_step (waiting) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  n_waiting = crm_statement_get_int64 (waiting, 0);
  if (n_waiting > 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   /* Translators: %lld is a number of mails, %s the account's address */
                   g_dngettext (GETTEXT_PACKAGE,
                                "%lld mail is waiting to be sent from %s: let it go or cancel it in the outbox first.",
                                "%lld mails are waiting to be sent from %s: let them go or cancel them in the outbox first.",
                                n_waiting),
                   (long long) n_waiting, crm_account_get_address (account));
      return FALSE;
    }

  /* the row stays for the outbox and the history; the address is free */
  stmt = _crm_store_prepare (self,
                             "UPDATE accounts SET removed_at = ?1, address_norm = 'removed:' || id || ':' || address_norm "
                             "WHERE id = ?2",
                             error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));
  crm_statement_bind_int64 (stmt, 2, id);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;

  if (!(folders = _crm_store_prepare (self, "DELETE FROM folders WHERE account_id = ?", error)))
    return FALSE;
  crm_statement_bind_int64 (folders, 1, id);
  if (!_crm_store_step_done (self, folders, error))
    return FALSE;

  /* copies for its Sent folder will never be made: say so, once */
  if (!(copies = _crm_store_prepare (self,
                                     "UPDATE outbox SET copy_state = 'failed', copy_due_at = NULL, copy_error = ?1 "
                                     "WHERE account_id = ?2 AND copy_state = 'pending'",
                                     error)))
    return FALSE;
  crm_statement_bind_text_copy (copies, 1, _("The mail account was removed before the copy in its Sent folder was made."));
  crm_statement_bind_int64 (copies, 2, id);
  if (!_crm_store_step_done (self, copies, error) ||
      !crm_session_append_history (_crm_session (self), "account", id, "removed", crm_account_get_address (account), error))
    return FALSE;

  /* Last, so that when the Secret Service refuses, the account stays. */
  return crm_secrets_clear_password (id, NULL, error);
}

/**
 * crm_account_store_remove:
 * @self: a #CrmAccountStore
 * @id: the account's id
 * @error: return location for a #GError
 *
 * Stops reading and sending the account's mail and deletes its password
 * from the Secret Service. Mail already imported or sent through it
 * stays; copies for its Sent folder not yet made are given up. Refused
 * while mail waits in the outbox to be sent from it.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_account_store_remove (CrmAccountStore  *self,
                          gint64            id,
                          GError          **error)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT_STORE (self), FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), remove_account_tx, &id, error))
    return FALSE;

  _crm_store_emit_changed (self, "account", id);

  return TRUE;
}

typedef struct
{
  CrmSession *primary;   /* whose database a connection of the thread's own opens */
  CrmAccount *account;
  char       *password;
  gboolean    allow_insecure;
  gint64      remove_id;
} AddAccountTask;

static void
add_account_task_free (gpointer data)
{
  AddAccountTask *task = data;

  g_clear_object (&task->primary);
  g_clear_object (&task->account);
  if (task->password != NULL)
    memset (task->password, 0, strlen (task->password));
  g_free (task->password);
  g_free (task);
}

static void
add_account_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  AddAccountTask *add = task_data;
  g_autoptr(CrmSession) session = NULL;
  GError *error = NULL;
  gint64 id;

  /* a connection of this thread's own: a session is used by one thread */
  if (!(session = crm_session_open_another (add->primary, &error)) ||
      (id = crm_account_store_add (crm_account_store_from_session (session), add->account, add->password,
                                   add->allow_insecure, &error)) == 0)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_int (task, id);
}

/**
 * crm_account_store_add_async:
 * @self: a #CrmAccountStore
 * @account: the account, as for crm_account_store_add()
 * @password: its password, for the Secret Service only
 * @allow_insecure: whether security "none" was confirmed for a server
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the account is stored, or not
 * @user_data: data for @callback
 *
 * crm_account_store_add() in a worker thread, for the window: the
 * Secret Service may take a while (it may ask to unlock the keyring).
 */
void
crm_account_store_add_async (CrmAccountStore     *self,
                             CrmAccount          *account,
                             const char          *password,
                             gboolean             allow_insecure,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AddAccountTask *add;

  g_return_if_fail (CRM_IS_ACCOUNT_STORE (self));
  g_return_if_fail (CRM_IS_ACCOUNT (account));

  add = g_new0 (AddAccountTask, 1);
  add->primary = g_object_ref (_crm_session (self));
  add->account = g_object_ref (account);
  add->password = g_strdup (password);
  add->allow_insecure = allow_insecure;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_account_store_add_async);
  /* an account stored is reported as stored, even to a caller gone */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, add, add_account_task_free);
  g_task_run_in_thread (task, add_account_thread);
}

/**
 * crm_account_store_add_finish:
 * @self: a #CrmAccountStore
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: the new account's id, or 0 with @error set
 */
gint64
crm_account_store_add_finish (CrmAccountStore  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  gint64 id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  id = g_task_propagate_int (G_TASK (result), error);
  if (id <= 0)
    return 0;

  _crm_store_emit_changed (self, "account", id);

  return id;
}

static void
update_account_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  AddAccountTask *edit = task_data;
  g_autoptr(CrmSession) session = NULL;
  CrmAccountStore *store;
  GError *error = NULL;
  gboolean done;

  if (!(session = crm_session_open_another (edit->primary, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  store = crm_account_store_from_session (session);
  if (edit->remove_id != 0)
    done = crm_account_store_remove (store, edit->remove_id, &error);
  else
    done = crm_account_store_update (store, edit->account, edit->password, edit->allow_insecure, &error);

  if (!done)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_update_task (CrmAccountStore     *self,
                 AddAccountTask      *edit,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  edit->primary = g_object_ref (_crm_session (self));
  g_task_set_source_tag (task, source_tag);
  /* a change made is reported as made, even to a caller gone */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, edit, add_account_task_free);
  g_task_run_in_thread (task, update_account_thread);
}

/**
 * crm_account_store_update_async:
 * @self: a #CrmAccountStore
 * @account: the account, as for crm_account_store_update()
 * @password: (nullable): a new password, for the Secret Service only
 * @allow_insecure: whether security "none" was confirmed for a server
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the account is saved, or not
 * @user_data: data for @callback
 *
 * crm_account_store_update() in a worker thread, for the window.
 */
void
crm_account_store_update_async (CrmAccountStore     *self,
                                CrmAccount          *account,
                                const char          *password,
                                gboolean             allow_insecure,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  AddAccountTask *edit;

  g_return_if_fail (CRM_IS_ACCOUNT_STORE (self));
  g_return_if_fail (CRM_IS_ACCOUNT (account));

  edit = g_new0 (AddAccountTask, 1);
  edit->account = g_object_ref (account);
  edit->password = g_strdup (password);
  edit->allow_insecure = allow_insecure;
  run_update_task (self, edit, crm_account_store_update_async, cancellable, callback, user_data);
}

/**
 * crm_account_store_remove_async:
 * @self: a #CrmAccountStore
 * @id: the account's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the account is removed, or not
 * @user_data: data for @callback
 *
 * crm_account_store_remove() in a worker thread, for the window.
 */
void
crm_account_store_remove_async (CrmAccountStore     *self,
                                gint64               id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  AddAccountTask *edit;

  g_return_if_fail (CRM_IS_ACCOUNT_STORE (self));
  g_return_if_fail (id > 0);

  edit = g_new0 (AddAccountTask, 1);
  edit->remove_id = id;
  run_update_task (self, edit, crm_account_store_remove_async, cancellable, callback, user_data);
}

/**
 * crm_account_store_change_finish:
 * @self: a #CrmAccountStore
 * @result: the result of crm_account_store_update_async() or
 *   crm_account_store_remove_async()
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the account was saved or removed
 */
gboolean
crm_account_store_change_finish (CrmAccountStore  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  AddAccountTask *edit;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  /* this connection's listeners hear of it too */
  edit = g_task_get_task_data (G_TASK (result));
  _crm_store_emit_changed (self, "account", edit->remove_id != 0 ? edit->remove_id : crm_account_get_id (edit->account));

  return TRUE;
}
