/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-account-check"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-account-check.h"
#include "crm-imap-client.h"
#include "crm-secrets.h"
#include "crm-smtp-client.h"

/*
 * "Test connection" (crmctl account test, and the account page of the
 * preferences): logs in to the IMAP and the SMTP server of an account
 * with the password from the Secret Service and reports each
 * separately, with the server's own words when it refuses.
 */

#define CHECK_TIMEOUT 20

/**
 * crm_account_check_sync:
 * @account: the account
 * @imap_error: (out) (optional): why IMAP failed, or %NULL
 * @smtp_error: (out) (optional): why SMTP failed, or %NULL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError: no password could be read
 *
 * Blocks; see crm_account_check_async().
 *
 * Returns: %FALSE with @error set when nothing could be tried
 */
gboolean
crm_account_check_sync (CrmAccount    *account,
                        GError       **imap_error,
                        GError       **smtp_error,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return crm_account_check_password_sync (account, NULL, imap_error, smtp_error, cancellable, error);
}

/**
 * crm_account_check_password_sync:
 * @account: the account, stored or not
 * @given: (nullable): the password to try, or %NULL for the one kept
 *   in the Secret Service
 * @imap_error: (out) (optional): why IMAP failed, or %NULL
 * @smtp_error: (out) (optional): why SMTP failed, or %NULL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError: no password could be read
 *
 * Tries settings before they are saved: the preferences test a new or
 * corrected account first.
 *
 * Returns: %FALSE with @error set when nothing could be tried
 */
gboolean
crm_account_check_password_sync (CrmAccount    *account,
                                 const char    *given,
                                 GError       **imap_error,
                                 GError       **smtp_error,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(CrmImapClient) imap = NULL;
  g_autoptr(CrmSmtpClient) smtp = NULL;
  g_autofree char *password = NULL;

  g_return_val_if_fail (CRM_IS_ACCOUNT (account), FALSE);

  if (given != NULL && *given != '\0')
    password = g_strdup (given);
  else if (crm_account_get_id (account) == 0)
    {
      g_set_error_literal (error, CRM_SECRETS_ERROR, CRM_SECRETS_ERROR_MISSING,
                           _("Enter the password for the mail servers."));
      return FALSE;
    }
  else
    password = crm_secrets_lookup_password (crm_account_get_id (account), cancellable, error);
  if (password == NULL)
    return FALSE;

  imap = crm_imap_client_new (crm_account_get_imap_host (account),
                              (guint16) crm_account_get_imap_port (account),
                              crm_account_get_imap_security (account),
                              crm_account_get_username (account), password);
  crm_imap_client_set_timeout (imap, CHECK_TIMEOUT);
  if (crm_imap_client_connect_sync (imap, cancellable, imap_error))
    crm_imap_client_logout (imap);

  smtp = crm_smtp_client_new (crm_account_get_smtp_host (account),
                              (guint16) crm_account_get_smtp_port (account),
                              crm_account_get_smtp_security (account),
                              crm_account_get_username (account), password);
  crm_smtp_client_set_timeout (smtp, CHECK_TIMEOUT);
  crm_smtp_client_check_sync (smtp, cancellable, smtp_error);
  memset (password, 0, strlen (password));

  return TRUE;
}

typedef struct
{
  GError *imap_error;
  GError *smtp_error;
} Outcome;

typedef struct
{
  CrmAccount *account;
  char       *password;
} Check;

static void
check_free (gpointer data)
{
  Check *check = data;

  g_clear_object (&check->account);
  if (check->password != NULL)
    memset (check->password, 0, strlen (check->password));
  g_free (check->password);
  g_free (check);
}

static void
outcome_free (gpointer data)
{
  Outcome *outcome = data;

  g_clear_error (&outcome->imap_error);
  g_clear_error (&outcome->smtp_error);
  g_free (outcome);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Check *check = task_data;
  Outcome *outcome = g_new0 (Outcome, 1);
  GError *error = NULL;

  if (!crm_account_check_password_sync (check->account, check->password, &outcome->imap_error,
                                        &outcome->smtp_error, cancellable, &error))
    {
      outcome_free (outcome);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, outcome, outcome_free);
}

/**
 * crm_account_check_async:
 * @account: the account
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with both answers
 * @user_data: data for @callback
 *
 * Logs in to both servers of @account in a worker thread.
 */
void
crm_account_check_async (CrmAccount          *account,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  crm_account_check_password_async (account, NULL, cancellable, callback, user_data);
}

/**
 * crm_account_check_password_async:
 * @account: the account, stored or not
 * @password: (nullable): the password to try, or %NULL for the one kept
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with both answers (crm_account_check_finish())
 * @user_data: data for @callback
 *
 * crm_account_check_password_sync() in a worker thread.
 */
void
crm_account_check_password_async (CrmAccount          *account,
                                  const char          *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Check *check;

  g_return_if_fail (CRM_IS_ACCOUNT (account));

  check = g_new0 (Check, 1);
  check->account = g_object_ref (account);
  check->password = g_strdup (password);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_account_check_async);
  g_task_set_task_data (task, check, check_free);
  g_task_run_in_thread (task, check_thread);
}

/**
 * crm_account_check_finish:
 * @result: the result
 * @imap_error: (out) (optional): why IMAP failed, or %NULL
 * @smtp_error: (out) (optional): why SMTP failed, or %NULL
 * @error: return location for a #GError: nothing could be tried
 *
 * Returns: %FALSE with @error set when nothing could be tried (no
 *   Secret Service, no password, cancelled)
 */
gboolean
crm_account_check_finish (GAsyncResult  *result,
                          GError       **imap_error,
                          GError       **smtp_error,
                          GError       **error)
{
  Outcome *outcome;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  outcome = g_task_propagate_pointer (G_TASK (result), error);
  if (outcome == NULL)
    return FALSE;

  if (imap_error != NULL)
    *imap_error = g_steal_pointer (&outcome->imap_error);
  if (smtp_error != NULL)
    *smtp_error = g_steal_pointer (&outcome->smtp_error);
  outcome_free (outcome);

  return TRUE;
}
