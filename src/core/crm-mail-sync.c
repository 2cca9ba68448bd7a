/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-mail-sync"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-imap-client.h"
#include "crm-mail-sync.h"
#include "crm-parsed-message.h"
#include "crm-secrets.h"
#include "crm-store-private.h"

/*
 * Import of unread mail from INBOX (TK10). Each message is parsed and
 * stored with its exact bytes, attachments and search row in one
 * transaction; only after the commit is \Seen set on the server. So a
 * crash or a dropped connection at any point loses nothing, and the
 * next run finds the message either unread and not stored (imported
 * then) or stored under its (account, UIDVALIDITY, UID) (a duplicate,
 * marked read then). A byte-identical copy under the same Message-ID
 * (the same mail delivered twice) is stored once; different messages
 * sharing a Message-ID are all kept. After a UIDVALIDITY change every
 * unread message is looked at again, and the Message-ID and hash keep
 * it from being stored twice.
 */

#define BATCH 100
#define FOLDER "INBOX"

static void
failure_free (gpointer data)
{
  CrmSyncFailure *failure = data;

  g_free (failure->reason);
  g_free (failure);
}

void
crm_sync_result_free (CrmSyncResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->failures, g_ptr_array_unref);
  g_free (result);
}

typedef struct
{
  gint64          account_id;
  guint32         uidvalidity;
  CrmImapMessage *fetched;
  gboolean        duplicate;
} Store;

static char *
join (GStrv strv)
{
  return strv && strv[0] ? g_strjoinv (", ", strv) : NULL;
}

static gboolean
record_uid (CrmStore  *store,
            Store     *job,
            gint64     message,
            GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (store,
                        "INSERT OR IGNORE INTO message_uids (account_id, folder, uidvalidity, uid, message) "
                        "VALUES (?, '" FOLDER "', ?, ?, ?)",
                        error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, job->account_id);
  sqlite3_bind_int64 (stmt, 2, job->uidvalidity);
  sqlite3_bind_int64 (stmt, 3, job->fetched->uid);
  sqlite3_bind_int64 (stmt, 4, message);

  return _crm_store_step_done (store, stmt, error);
}

static gboolean
store_tx (CrmStore  *store,
          gpointer   user_data,
          GError   **error)
{
  Store *job = user_data;
  g_autoptr(CrmParsedMessage) parsed = NULL;
  g_autoptr(CrmStoreStmt) known = NULL;
  g_autoptr(CrmStoreStmt) same = NULL;
  g_autoptr(CrmStoreStmt) insert = NULL;
  g_autoptr(CrmStoreStmt) fts = NULL;
  g_autofree char *to = NULL;
  g_autofree char *cc = NULL;
  g_autofree char *refs = NULL;
  g_autofree char *addresses = NULL;
  gint64 id;

  /* stored before, and the run died before \Seen */
  known = _crm_store_prepare (store,
                              "SELECT message FROM message_uids WHERE account_id = ? AND folder = '" FOLDER "' "
                              "AND uidvalidity = ? AND uid = ?",
                              error);
  if (known == NULL)
    return FALSE;
  sqlite3_bind_int64 (known, 1, job->account_id);
  sqlite3_bind_int64 (known, 2, job->uidvalidity);
  sqlite3_bind_int64 (known, 3, job->fetched->uid);
  if (sqlite3_step (known) == SQLITE_ROW)
    {
      job->duplicate = TRUE;
      return TRUE;
    }

  parsed = crm_parsed_message_new (job->fetched->raw);

  /* the same bytes under the same Message-ID */
  same = _crm_store_prepare (store, "SELECT id FROM messages WHERE message_id = ? AND raw_hash = ?", error);
  if (same == NULL)
    return FALSE;
  sqlite3_bind_text (same, 1, parsed->message_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (same, 2, parsed->hash, -1, SQLITE_STATIC);
  if (sqlite3_step (same) == SQLITE_ROW)
    {
      job->duplicate = TRUE;
      return record_uid (store, job, sqlite3_column_int64 (same, 0), error);
    }

  to = join (parsed->to);
  cc = join (parsed->cc);
  refs = parsed->references && parsed->references[0] ? g_strjoinv (" ", parsed->references) : NULL;
  insert = _crm_store_prepare (store,
                               "INSERT INTO messages (account_id, direction, message_id, synthetic_id, raw_hash, "
                               "in_reply_to, refs, from_name, from_address, to_addresses, cc_addresses, subject, "
                               "date, body_text, auto_reply, raw, created_at) "
                               "VALUES (?, 'in', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, job->account_id);
  sqlite3_bind_text (insert, 2, parsed->message_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (insert, 3, parsed->synthetic_id);
  sqlite3_bind_text (insert, 4, parsed->hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 5, parsed->in_reply_to, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 6, refs, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 7, parsed->from_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 8, parsed->from_address, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 9, to, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 10, cc, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 11, parsed->subject, -1, SQLITE_STATIC);
  if (parsed->date != 0)
    sqlite3_bind_int64 (insert, 12, parsed->date);
  sqlite3_bind_text (insert, 13, parsed->text, -1, SQLITE_STATIC);
  sqlite3_bind_int (insert, 14, parsed->auto_reply);
  sqlite3_bind_blob64 (insert, 15, g_bytes_get_data (job->fetched->raw, NULL),
                       g_bytes_get_size (job->fetched->raw), SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 16, crm_clock_now_unix (crm_store_get_clock (store)));
  if (!_crm_store_step_done (store, insert, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (_crm_store_get_db (store));

  for (guint i = 0; i < parsed->attachments->len; i++)
    {
      CrmParsedAttachment *attachment = g_ptr_array_index (parsed->attachments, i);
      g_autoptr(CrmStoreStmt) stmt =
        _crm_store_prepare (store,
                            "INSERT INTO attachments (message, name, mime_type, size, data) VALUES (?, ?, ?, ?, ?)",
                            error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, attachment->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, attachment->mime_type, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, g_bytes_get_size (attachment->data));
      sqlite3_bind_blob64 (stmt, 5, g_bytes_get_data (attachment->data, NULL),
                           g_bytes_get_size (attachment->data), SQLITE_STATIC);
      if (!_crm_store_step_done (store, stmt, error))
        return FALSE;
    }

  addresses = g_strdup_printf ("%s %s %s %s", parsed->from_name ? parsed->from_name : "",
                               parsed->from_address ? parsed->from_address : "",
                               to ? to : "", cc ? cc : "");
  fts = _crm_store_prepare (store,
                            "INSERT INTO messages_fts (rowid, subject, body, addresses) VALUES (?, ?, ?, ?)",
                            error);
  if (fts == NULL)
    return FALSE;
  sqlite3_bind_int64 (fts, 1, id);
  sqlite3_bind_text (fts, 2, parsed->subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (fts, 3, parsed->text, -1, SQLITE_STATIC);
  sqlite3_bind_text (fts, 4, addresses, -1, SQLITE_STATIC);
  if (!_crm_store_step_done (store, fts, error))
    return FALSE;

  /* threaded into a ticket in the same transaction */
  if (!_crm_store_route_message (store, id, parsed, error))
    return FALSE;

  return record_uid (store, job, id, error);
}

static gboolean
remember_folder (CrmStore  *store,
                 gint64     account_id,
                 guint32    uidvalidity,
                 guint32    uidnext,
                 GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (store,
                        "INSERT INTO folders (account_id, name, uidvalidity, uidnext, synced_at) "
                        "VALUES (?1, '" FOLDER "', ?2, ?3, ?4) ON CONFLICT (account_id, name) DO UPDATE "
                        "SET uidvalidity = ?2, uidnext = ?3, synced_at = ?4",
                        error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int64 (stmt, 2, uidvalidity);
  sqlite3_bind_int64 (stmt, 3, uidnext);
  sqlite3_bind_int64 (stmt, 4, crm_clock_now_unix (crm_store_get_clock (store)));

  return _crm_store_step_done (store, stmt, error);
}

/**
 * crm_mail_sync_folder:
 * @store: a #CrmStore
 * @account_id: the account @imap is logged in to
 * @imap: a connected #CrmImapClient
 * @progress: (nullable) (scope call): told after each batch
 * @user_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError: the connection
 *
 * One pass over INBOX on a connection that stays open (the engine
 * goes on to IDLE on it): every unread message is imported or counted
 * as a duplicate or a failure, then marked read. Blocks.
 *
 * Returns: (transfer full): the counts, or %NULL with @error set
 */
CrmSyncResult *
crm_mail_sync_folder (CrmStore         *store,
                      gint64            account_id,
                      CrmImapClient    *imap,
                      CrmSyncProgress   progress,
                      gpointer          user_data,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_autoptr(CrmSyncResult) result = g_new0 (CrmSyncResult, 1);
  g_autoptr(GArray) unseen = NULL;
  guint32 uidvalidity = 0;
  guint32 uidnext = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (imap), NULL);

  result->failures = g_ptr_array_new_with_free_func (failure_free);

  if (!crm_imap_client_select_sync (imap, FOLDER, &uidvalidity, &uidnext, cancellable, error) ||
      !(unseen = crm_imap_client_search_unseen_sync (imap, cancellable, error)))
    return NULL;

  if (progress != NULL)
    progress (0, unseen->len, user_data);

  for (guint start = 0; start < unseen->len; start += BATCH)
    {
      g_autoptr(GPtrArray) messages = NULL;
      g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (guint32));

      messages = crm_imap_client_fetch_sync (imap, &g_array_index (unseen, guint32, start),
                                             MIN (BATCH, unseen->len - start), cancellable, error);
      if (messages == NULL)
        return NULL;

      for (guint i = 0; i < messages->len; i++)
        {
          g_autoptr(GError) store_error = NULL;
          Store job = { account_id, uidvalidity, g_ptr_array_index (messages, i), FALSE };

          result->fetched++;
          if (crm_store_run_in_transaction (store, store_tx, &job, &store_error))
            {
              if (job.duplicate)
                result->duplicates++;
              else
                result->imported++;
              g_array_append_val (done, job.fetched->uid);
            }
          else
            {
              CrmSyncFailure *failure = g_new0 (CrmSyncFailure, 1);

              failure->uid = job.fetched->uid;
              failure->reason = g_strdup (store_error->message);
              g_ptr_array_add (result->failures, failure);
              result->failed++;
            }
        }

      /* only what is safely stored is marked read */
      if (!crm_imap_client_mark_seen_sync (imap, (const guint32 *) done->data, done->len, cancellable, error))
        return NULL;

      if (progress != NULL)
        progress (MIN (start + BATCH, unseen->len), unseen->len, user_data);
    }

  if (!remember_folder (store, account_id, uidvalidity, uidnext, error))
    return NULL;

  if (result->imported > 0)
    _crm_store_emit_changed (store, "message", 0);

  return g_steal_pointer (&result);
}

/**
 * crm_mail_connect:
 * @store: a #CrmStore
 * @account_id: the account
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Looks the password up in the Secret Service and logs in to the
 * account's IMAP server. Blocks.
 *
 * Returns: (transfer full): the connected client, or %NULL with @error set
 */
CrmImapClient *
crm_mail_connect (CrmStore      *store,
                  gint64         account_id,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmImapClient) imap = NULL;
  g_autofree char *password = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!(account = crm_store_get_account (store, account_id, error)) ||
      !(password = crm_secrets_lookup_password (account_id, cancellable, error)))
    return NULL;

  imap = crm_imap_client_new (crm_account_get_imap_host (account),
                              (guint16) crm_account_get_imap_port (account),
                              crm_account_get_imap_security (account),
                              crm_account_get_username (account), password);
  memset (password, 0, strlen (password));

  if (!crm_imap_client_connect_sync (imap, cancellable, error))
    return NULL;

  return g_steal_pointer (&imap);
}

/**
 * crm_mail_sync:
 * @store: a #CrmStore
 * @account_id: the account whose INBOX to read
 * @progress: (nullable) (scope call): told after each batch
 * @user_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError: the connection or the login
 *
 * Connects, makes one pass over INBOX (see crm_mail_sync_folder())
 * and logs out. Blocks: run it in a worker thread or from crmctl.
 *
 * Returns: (transfer full): the counts, or %NULL with @error set
 */
CrmSyncResult *
crm_mail_sync (CrmStore         *store,
               gint64            account_id,
               CrmSyncProgress   progress,
               gpointer          user_data,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(CrmImapClient) imap = NULL;
  g_autoptr(CrmSyncResult) result = NULL;

  if (!(imap = crm_mail_connect (store, account_id, cancellable, error)) ||
      !(result = crm_mail_sync_folder (store, account_id, imap, progress, user_data, cancellable, error)))
    return NULL;

  crm_imap_client_logout (imap);

  return g_steal_pointer (&result);
}
