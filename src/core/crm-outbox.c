/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-outbox"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-outbox.h"
#include "crm-secrets.h"
#include "crm-imap-client.h"
#include "crm-offers-private.h"
#include "crm-smtp-client.h"
#include "crm-store-private.h"

/*
 * The durable outbox. Whatever sends (a reply, an offer mail, an
 * automation step) first writes a row with the exact bytes to send and
 * the time it is due: the end of the undo window, or a scheduled time
 * up to 14 days ahead. Until then it is "waiting" and can be
 * cancelled. When due it becomes "sending" (committed before the SMTP
 * conversation), then "sent" or, on a permanent (5xx) refusal,
 * "failed" with the server's words. Temporary failures (4xx, network)
 * go back to "waiting" with exponential backoff.
 *
 * A message due while nothing ran is sent at the next run. A row found
 * in "sending" (the process died during the conversation) is sent
 * again: a duplicate can happen only if the process died after the
 * server's reply to DATA and before the row became "sent" — SMTP's own
 * window, which no client can close.
 */

#define UNIT_SEPARATOR "\x1f"
#define MAX_ATTEMPTS 8

/**
 * crm_outbox_retry_delay:
 * @attempts: how many times sending was tried
 *
 * Returns: seconds to wait before the next try: 1, 2, 4 … minutes, at
 *   most an hour
 */
gint64
crm_outbox_retry_delay (guint attempts)
{
  gint64 delay = 60;

  for (guint i = 1; i < attempts && delay < 3600; i++)
    delay *= 2;

  return MIN (delay, 3600);
}

typedef struct
{
  gint64       account_id;
  gint64       due;
  const char  *message_id;
  const char  *sender;
  const char  *recipients;
  const char  *subject;
  GBytes      *raw;
  gint64       id;
} Queue;

static gboolean
queue_tx (CrmStore  *store,
          gpointer   user_data,
          GError   **error)
{
  Queue *queue = user_data;
  g_autoptr(CrmStoreStmt) stmt = NULL;

  stmt = _crm_store_prepare (store,
                             "INSERT INTO outbox (account_id, state, created_at, due_at, message_id, "
                             "sender, recipients, subject, raw) VALUES (?, 'waiting', ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, queue->account_id);
  sqlite3_bind_int64 (stmt, 2, crm_clock_now_unix (crm_store_get_clock (store)));
  sqlite3_bind_int64 (stmt, 3, queue->due);
  sqlite3_bind_text (stmt, 4, queue->message_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, queue->sender, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, queue->recipients, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, queue->subject, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 8, g_bytes_get_data (queue->raw, NULL), g_bytes_get_size (queue->raw),
                       SQLITE_STATIC);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;

  queue->id = sqlite3_last_insert_rowid (_crm_store_get_db (store));

  return crm_store_append_history (store, "outbox", queue->id, "queued", queue->subject, error);
}

/**
 * crm_outbox_queue:
 * @store: a #CrmStore
 * @account_id: the account that sends
 * @message: the message; its sender must be the account's address
 * @due: when to send, in seconds since the epoch: now plus the undo
 *   window, or a scheduled time at most 14 days ahead
 * @error: return location for a #GError
 *
 * Builds the message and writes it to the outbox as "waiting".
 *
 * Returns: the outbox row's id, or 0 with @error set
 */
gint64
crm_outbox_queue (CrmStore            *store,
                  gint64               account_id,
                  CrmOutgoingMessage  *message,
                  gint64               due,
                  GError             **error)
{
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_auto(GStrv) recipients = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *message_id = NULL;
  gint64 now;
  Queue queue = { 0 };

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_OUTGOING_MESSAGE (message), 0);

  now = crm_clock_now_unix (crm_store_get_clock (store));
  if (due > now + CRM_OUTBOX_MAX_SCHEDULE)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("A mail can be scheduled at most 14 days ahead."));
      return 0;
    }

  if (!(account = crm_store_get_account (store, account_id, error)) ||
      !(raw = crm_outgoing_message_build (message, crm_store_get_clock (store), &message_id, error)))
    return 0;

  recipients = crm_outgoing_message_dup_recipients (message);
  joined = g_strjoinv (UNIT_SEPARATOR, recipients);

  queue.account_id = account_id;
  queue.due = MAX (due, now);
  queue.message_id = message_id;
  queue.sender = crm_account_get_address (account);
  queue.recipients = joined;
  queue.subject = crm_outgoing_message_get_subject (message);
  queue.raw = raw;

  if (!crm_store_run_in_transaction (store, queue_tx, &queue, error))
    return 0;

  _crm_store_emit_changed (store, "outbox", queue.id);

  return queue.id;
}

static gpointer
item_from_row (CrmStoreStmt *stmt)
{
  return crm_outbox_item_new (sqlite3_column_int64 (stmt, 0),
                              (const char *) sqlite3_column_text (stmt, 1),
                              sqlite3_column_int64 (stmt, 2),
                              sqlite3_column_int64 (stmt, 3),
                              (const char *) sqlite3_column_text (stmt, 4),
                              (const char *) sqlite3_column_text (stmt, 5));
}

/**
 * crm_outbox_list:
 * @store: a #CrmStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the newest 500 #CrmOutboxItem, newest first
 */
GListModel *
crm_outbox_list (CrmStore  *store,
                 GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  stmt = _crm_store_prepare (store,
                             "SELECT id, state, due_at, attempts, last_error, subject FROM outbox "
                             "ORDER BY id DESC LIMIT 500",
                             error);
  if (stmt == NULL)
    return NULL;

  return _crm_store_collect (store, stmt, CRM_TYPE_OUTBOX_ITEM, item_from_row, error);
}

/**
 * crm_outbox_get:
 * @store: a #CrmStore
 * @id: an outbox row
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the item, or %NULL with %CRM_ERROR_NOT_FOUND
 */
CrmOutboxItem *
crm_outbox_get (CrmStore  *store,
                gint64     id,
                GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  stmt = _crm_store_prepare (store,
                             "SELECT id, state, due_at, attempts, last_error, subject FROM outbox WHERE id = ?",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return item_from_row (stmt);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
               _("There is no message %lld in the outbox."), (long long) id);

  return NULL;
}

static gboolean
set_state (CrmStore    *store,
           gint64       id,
           const char  *state,
           const char  *only_from,
           gint64       due,
           const char  *last_error,
           gboolean     count_attempt,
           GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  stmt = _crm_store_prepare (store,
                             "UPDATE outbox SET state = ?2, due_at = coalesce (?4, due_at), "
                             "last_error = ?5, attempts = attempts + ?6, "
                             "sent_at = CASE WHEN ?2 = 'sent' THEN ?7 ELSE sent_at END "
                             "WHERE id = ?1 AND (?3 IS NULL OR state = ?3)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, state, -1, SQLITE_STATIC);
  if (only_from != NULL)
    sqlite3_bind_text (stmt, 3, only_from, -1, SQLITE_STATIC);
  if (due > 0)
    sqlite3_bind_int64 (stmt, 4, due);
  if (last_error != NULL)
    sqlite3_bind_text (stmt, 5, last_error, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, count_attempt ? 1 : 0);
  sqlite3_bind_int64 (stmt, 7, crm_clock_now_unix (crm_store_get_clock (store)));

  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;

  return sqlite3_changes (_crm_store_get_db (store)) == 1;
}

/* "cancelled" while it waits, its history and the mail's offers (back
 * in the box, OF7), all or nothing; FALSE without an error when it no
 * longer waits */
static gboolean
cancel_tx (CrmStore  *store,
           gpointer   user_data,
           GError   **error)
{
  gint64 id = *(gint64 *) user_data;

  return set_state (store, id, "cancelled", "waiting", 0, NULL, FALSE, error) &&
         crm_store_append_history (store, "outbox", id, "cancelled", NULL, error) &&
         _crm_store_offer_mail_outcome (store, id, "cancelled", error);
}

/**
 * crm_outbox_cancel:
 * @store: a #CrmStore
 * @id: an outbox row
 * @error: return location for a #GError
 *
 * Cancels a message that is still waiting (undo, or a scheduled send).
 *
 * Returns: %TRUE when cancelled; %FALSE with %CRM_ERROR_CONFLICT when
 *   it is no longer waiting
 */
gboolean
crm_outbox_cancel (CrmStore  *store,
                   gint64     id,
                   GError   **error)
{
  g_autoptr(CrmOutboxItem) item = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!(item = crm_outbox_get (store, id, error)))
    return FALSE;

  if (!crm_store_run_in_transaction (store, cancel_tx, &id, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                     /* Translators: %s is a state such as "sent" */
                     _("Message %lld can no longer be cancelled: it is %s."),
                     (long long) id, crm_outbox_item_get_state (item));
      return FALSE;
    }

  _crm_store_emit_changed (store, "outbox", id);

  /* an undone reply leaves its ticket's conversation too */
  {
    g_autoptr(CrmStoreStmt) fts =
      _crm_store_prepare (store, "DELETE FROM messages_fts WHERE rowid IN "
                          "(SELECT id FROM messages WHERE outbox_id = ? AND direction = 'out')", NULL);
    g_autoptr(CrmStoreStmt) drop =
      _crm_store_prepare (store, "DELETE FROM messages WHERE outbox_id = ? AND direction = 'out'", NULL);

    if (fts != NULL && drop != NULL)
      {
        sqlite3_bind_int64 (fts, 1, id);
        sqlite3_bind_int64 (drop, 1, id);
        if (_crm_store_step_done (store, fts, NULL) && _crm_store_step_done (store, drop, NULL) &&
            sqlite3_changes (_crm_store_get_db (store)) > 0)
          _crm_store_emit_changed (store, "message", 0);
      }
  }

  return TRUE;
}

/**
 * crm_outbox_next_due:
 * @store: a #CrmStore
 *
 * Returns: when the next waiting message is due, or 0 when none waits
 */
gint64
crm_outbox_next_due (CrmStore *store)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  stmt = _crm_store_prepare (store, "SELECT min (due_at) FROM outbox WHERE state = 'waiting'", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

typedef struct
{
  gint64  id;
  gint64  account_id;
  guint   attempts;
  char   *state;       /* as read: "waiting", or "sending" left by a run that died */
  char   *sender;
  GStrv   recipients;
  GBytes *raw;
} Due;

static void
due_free (gpointer data)
{
  Due *due = data;

  g_free (due->state);
  g_free (due->sender);
  g_strfreev (due->recipients);
  g_bytes_unref (due->raw);
  g_free (due);
}

static GPtrArray *
take_due (CrmStore  *store,
          GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (due_free);

  /* waiting and due, or left "sending" by a run that died */
  stmt = _crm_store_prepare (store,
                             "SELECT id, account_id, attempts, sender, recipients, raw, state FROM outbox "
                             "WHERE (state = 'waiting' AND due_at <= ?) OR state = 'sending' "
                             "ORDER BY due_at, id LIMIT 50",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, crm_clock_now_unix (crm_store_get_clock (store)));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Due *item = g_new0 (Due, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->account_id = sqlite3_column_int64 (stmt, 1);
      item->attempts = sqlite3_column_int (stmt, 2);
      item->sender = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      item->recipients = g_strsplit ((const char *) sqlite3_column_text (stmt, 4), UNIT_SEPARATOR, -1);
      item->raw = g_bytes_new (sqlite3_column_blob (stmt, 5), sqlite3_column_bytes (stmt, 5));
      item->state = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (due, item);
    }

  return g_steal_pointer (&due);
}

/* A copy in the Sent folder, so that the office's other mail programs
 * show what the application sent. The message is out already: a
 * failure here is recorded, never retried as a send. */
static gboolean
copy_to_sent (CrmAccount    *account,
              const char    *password,
              GBytes        *raw,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(CrmImapClient) imap = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GError) local_error = NULL;

  imap = crm_imap_client_new (crm_account_get_imap_host (account),
                              (guint16) crm_account_get_imap_port (account),
                              crm_account_get_imap_security (account),
                              crm_account_get_username (account), password);
  if (!crm_imap_client_connect_sync (imap, cancellable, error))
    return FALSE;

  folder = crm_imap_client_find_sent_sync (imap, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (folder != NULL && !crm_imap_client_append_sync (imap, folder, raw, cancellable, error))
    return FALSE;

  crm_imap_client_logout (imap);

  return TRUE;
}

static gboolean
deliver (CrmStore      *store,
         Due           *due,
         GError       **copy_error,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmSmtpClient) client = NULL;
  char *password;
  gboolean ok;

  if (!(account = crm_store_get_account (store, due->account_id, error)))
    return FALSE;

  password = crm_secrets_lookup_password (due->account_id, cancellable, error);
  if (password == NULL)
    return FALSE;

  client = crm_smtp_client_new (crm_account_get_smtp_host (account),
                                (guint16) crm_account_get_smtp_port (account),
                                crm_account_get_smtp_security (account),
                                crm_account_get_username (account),
                                password);
  ok = crm_smtp_client_send_sync (client, due->sender, (const char * const *) due->recipients,
                                  due->raw, cancellable, error);
  if (ok)
    copy_to_sent (account, password, due->raw, cancellable, copy_error);

  memset (password, 0, strlen (password));
  g_free (password);

  return ok;
}

typedef struct
{
  gint64  id;
  GError *copy_error;
} Sent;

/* What follows from "sent" for the records: the history and the mail's
 * offers (OF9). Committed after "sent" itself, which must stand even
 * if this fails: the mail went, and must never go twice. */
static gboolean
sent_records_tx (CrmStore  *store,
                 gpointer   user_data,
                 GError   **error)
{
  Sent *sent = user_data;

  return crm_store_append_history (store, "outbox", sent->id, "sent", NULL, error) &&
         (sent->copy_error == NULL ||
          crm_store_append_history (store, "outbox", sent->id, "sent-copy-failed", sent->copy_error->message,
                                    error)) &&
         _crm_store_offer_mail_outcome (store, sent->id, "sent", error);
}

typedef struct
{
  gint64      id;
  const char *reason;
} Failed;

/* "failed", its history and the mail's offers, all or nothing */
static gboolean
failed_tx (CrmStore  *store,
           gpointer   user_data,
           GError   **error)
{
  Failed *failed = user_data;

  return set_state (store, failed->id, "failed", NULL, 0, failed->reason, FALSE, error) &&
         crm_store_append_history (store, "outbox", failed->id, "failed", failed->reason, error) &&
         _crm_store_offer_mail_outcome (store, failed->id, "failed", error);
}

/**
 * crm_outbox_run_due:
 * @store: a #CrmStore
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError (only for faults of the store)
 *
 * Sends every message that is due, one after another, in the calling
 * thread (crmctl, or the engine's worker). Each message's own outcome
 * is recorded on its row, not returned as an error.
 *
 * Returns: how many messages were sent
 */
guint
crm_outbox_run_due (CrmStore      *store,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GPtrArray) due = NULL;
  guint sent = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);

  if (!(due = take_due (store, error)))
    return 0;

  for (guint i = 0; i < due->len; i++)
    {
      Due *item = g_ptr_array_index (due, i);
      g_autoptr(GError) send_error = NULL;
      g_autoptr(GError) copy_error = NULL;
      gint64 now = crm_clock_now_unix (crm_store_get_clock (store));

      /* committed before the conversation: see the top of this file;
       * only from the state it was read in, so that a mail cancelled
       * meanwhile (by the window, while this worker sent another) is
       * left alone */
      {
        g_autoptr(GError) claim_error = NULL;

        if (!set_state (store, item->id, "sending", item->state, 0, NULL, TRUE, &claim_error))
          {
            if (claim_error == NULL)
              continue;
            g_propagate_error (error, g_steal_pointer (&claim_error));
            return sent;
          }
      }

      if (deliver (store, item, &copy_error, cancellable, &send_error))
        {
          Sent done = { item->id, copy_error };
          g_autoptr(GError) record_error = NULL;
          gboolean marked = FALSE;

          /* "sent" must stand, or the row would be sent again as one
           * left by a run that died: a busy database is tried again */
          for (guint attempt = 0; attempt < 5 && !marked; attempt++)
            {
              g_clear_error (&record_error);
              marked = set_state (store, item->id, "sent", NULL, 0, NULL, FALSE, &record_error);
              if (!marked)
                g_usleep ((attempt + 1) * 200 * 1000);
            }
          if (!marked || !crm_store_run_in_transaction (store, sent_records_tx, &done, &record_error))
            g_warning ("Message %" G_GINT64_FORMAT " was sent, but recording it failed: %s", item->id,
                       record_error ? record_error->message : "?");
          sent++;
        }
      else if ((g_error_matches (send_error, CRM_SMTP_ERROR, CRM_SMTP_ERROR_TEMPORARY) ||
                send_error->domain == CRM_SECRETS_ERROR) &&
               item->attempts + 1 < MAX_ATTEMPTS)
        {
          g_autoptr(GError) record_error = NULL;

          g_debug ("message %" G_GINT64_FORMAT ": %s", item->id, send_error->message);
          if (!set_state (store, item->id, "waiting", NULL,
                          now + crm_outbox_retry_delay (item->attempts + 1),
                          send_error->message, FALSE, &record_error))
            g_warning ("Message %" G_GINT64_FORMAT " waits for another try, but recording it failed: %s", item->id,
                       record_error ? record_error->message : "?");
        }
      else
        {
          Failed failed = { item->id, send_error->message };
          g_autoptr(GError) record_error = NULL;

          if (!crm_store_run_in_transaction (store, failed_tx, &failed, &record_error))
            g_warning ("Message %" G_GINT64_FORMAT " failed, and recording it failed too: %s", item->id,
                       record_error ? record_error->message : "?");
        }

      _crm_store_emit_changed (store, "outbox", item->id);
    }

  return sent;
}

/**
 * crm_outbox_get_for_message:
 * @self: a #CrmStore
 * @id: an outgoing message's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the outbox row that sends the
 *   message: whether it waits, went or failed; %NULL for mail that did
 *   not go through our outbox (or with @error set)
 */
CrmOutboxItem *
crm_outbox_get_for_message (CrmStore  *self,
                            gint64     id,
                            GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
  gint64 outbox_id = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, "SELECT outbox_id FROM messages WHERE id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    outbox_id = sqlite3_column_int64 (stmt, 0);
  if (outbox_id == 0)
    return NULL;

  return crm_outbox_get (self, outbox_id, error);
}
