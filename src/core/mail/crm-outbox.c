/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-outbox"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-outbox.h"
#include "crm-secrets.h"
#include "crm-imap-client.h"
#include "crm-smtp-client.h"
#include "crm-mail-private.h"

struct _CrmOutbox
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmOutbox, crm_outbox, CRM_TYPE_STORE)

static void
crm_outbox_class_init (CrmOutboxClass *klass)
{
}

static void
crm_outbox_init (CrmOutbox *self)
{
}

/**
 * crm_outbox_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the outbox working in @session
 */
CrmOutbox *
crm_outbox_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_OUTBOX);
}

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

/* The hooks of the owners of mail (crm_outbox_add_hook ()): registered
 * once, read by any thread that sends or cancels. */
typedef struct
{
  CrmOutboxHook hook;
  gpointer      user_data;
} Hook;

static GMutex hooks_lock;
static GHashTable *hooks;   /* owner → Hook */

/**
 * crm_outbox_add_hook:
 * @owner: the owner of mail, as given to crm_outbox_queue ()
 * @hook: (scope forever): what to do when its mail is sent, fails or
 *   is cancelled, inside the outbox's transaction
 * @user_data: for @hook
 *
 * Lets a module follow its own mail without the outbox knowing it: a
 * ticket's reply leaves the conversation when it is cancelled, a mail
 * of offers goes back to the box. One hook per owner; a second one
 * replaces the first.
 */
void
crm_outbox_add_hook (const char    *owner,
                     CrmOutboxHook  hook,
                     gpointer       user_data)
{
  Hook *entry;

  g_return_if_fail (owner != NULL && *owner != '\0');
  g_return_if_fail (hook != NULL);

  entry = g_new0 (Hook, 1);
  entry->hook = hook;
  entry->user_data = user_data;

  g_mutex_lock (&hooks_lock);
  if (hooks == NULL)
    hooks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (hooks, g_strdup (owner), entry);
  g_mutex_unlock (&hooks_lock);
}

/* Runs the hook of the owner of @id's mail, if it has one. */
static gboolean
run_hook (CrmOutbox   *store,
          gint64       id,
          const char  *outcome,
          GError     **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (store, "SELECT owner FROM outbox WHERE id = ?", error);
  Hook found = { NULL, NULL };

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    return TRUE;

  g_mutex_lock (&hooks_lock);
  if (hooks != NULL)
    {
      Hook *entry = g_hash_table_lookup (hooks, crm_statement_get_text (stmt, 0));

      if (entry != NULL)
        found = *entry;
    }
  g_mutex_unlock (&hooks_lock);

  return found.hook == NULL || found.hook (_crm_session (store), id, outcome, found.user_data, error);
}

typedef struct
{
  const char  *owner;
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
queue_tx (CrmSession  *session,
          gpointer     user_data,
          GError     **error)
{
  CrmOutbox *store = crm_outbox_from_session (session);
  Queue *queue = user_data;
  g_autoptr(CrmStatement) stmt = NULL;

  stmt = _crm_store_prepare (store,
                             "INSERT INTO outbox (account_id, state, created_at, due_at, message_id, "
                             "sender, recipients, subject, raw, owner) VALUES (?, 'waiting', ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  crm_statement_bind_int64 (stmt, 1, queue->account_id);
  crm_statement_bind_int64 (stmt, 2, crm_clock_now_unix (crm_session_get_clock (_crm_session (store))));
  crm_statement_bind_int64 (stmt, 3, queue->due);
  crm_statement_bind_text (stmt, 4, queue->message_id);
  crm_statement_bind_text (stmt, 5, queue->sender);
  crm_statement_bind_text (stmt, 6, queue->recipients);
  crm_statement_bind_text (stmt, 7, queue->subject);
  crm_statement_bind_blob (stmt, 8, g_bytes_get_data (queue->raw, NULL), g_bytes_get_size (queue->raw));
  crm_statement_bind_text (stmt, 9, queue->owner);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;

  queue->id = _crm_store_last_insert_id (store);

  return crm_session_append_history (_crm_session (store), "outbox", queue->id, "queued", queue->subject, error);
}

/**
 * crm_outbox_queue:
 * @store: a #CrmOutbox
 * @owner: (nullable): whose mail it is ("ticket-reply", "offer-mail"):
 *   their hook (crm_outbox_add_hook ()) follows what becomes of it
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
crm_outbox_queue (CrmOutbox           *store,
                  const char          *owner,
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

  g_return_val_if_fail (CRM_IS_OUTBOX (store), 0);
  g_return_val_if_fail (CRM_IS_OUTGOING_MESSAGE (message), 0);

  now = crm_clock_now_unix (crm_session_get_clock (_crm_session (store)));
  if (due > now + CRM_OUTBOX_MAX_SCHEDULE)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("A mail can be scheduled at most 14 days ahead."));
      return 0;
    }

  if (!(account = crm_account_store_get (_crm_account_store_of (store), account_id, error)) ||
      !(raw = crm_outgoing_message_build (message, crm_session_get_clock (_crm_session (store)), &message_id, error)))
    return 0;

  recipients = crm_outgoing_message_dup_recipients (message);
  joined = g_strjoinv (UNIT_SEPARATOR, recipients);

  queue.owner = owner != NULL ? owner : "";
  queue.account_id = account_id;
  queue.due = MAX (due, now);
  queue.message_id = message_id;
  queue.sender = crm_account_get_address (account);
  queue.recipients = joined;
  queue.subject = crm_outgoing_message_get_subject (message);
  queue.raw = raw;

  if (!crm_session_run_in_transaction (_crm_session (store), queue_tx, &queue, error))
    return 0;

  _crm_store_emit_changed (store, "outbox", queue.id);

  return queue.id;
}

static gpointer
item_from_row (CrmStatement *stmt)
{
  return crm_outbox_item_new (crm_statement_get_int64 (stmt, 0),
                              crm_statement_get_text (stmt, 1),
                              crm_statement_get_int64 (stmt, 2),
                              crm_statement_get_int64 (stmt, 3),
                              crm_statement_get_text (stmt, 4),
                              crm_statement_get_text (stmt, 5));
}

/**
 * crm_outbox_list:
 * @store: a #CrmOutbox
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the newest 500 #CrmOutboxItem, newest first
 */
GListModel *
crm_outbox_list (CrmOutbox  *store,
                 GError    **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_OUTBOX (store), NULL);

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
 * @store: a #CrmOutbox
 * @id: an outbox row
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the item, or %NULL with %CRM_ERROR_NOT_FOUND
 */
CrmOutboxItem *
crm_outbox_get (CrmOutbox  *store,
                gint64      id,
                GError    **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_OUTBOX (store), NULL);

  stmt = _crm_store_prepare (store,
                             "SELECT id, state, due_at, attempts, last_error, subject FROM outbox WHERE id = ?",
                             error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_int64 (stmt, 1, id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return item_from_row (stmt);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
               _("There is no message %lld in the outbox."), (long long) id);

  return NULL;
}

static gboolean
set_state (CrmOutbox   *store,
           gint64       id,
           const char  *state,
           const char  *only_from,
           gint64       due,
           const char  *last_error,
           gboolean     count_attempt,
           GError     **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  /* a mail tried again keeps the words of its last failure while it is
   * being sent, so that the window does not flicker between "cannot be
   * sent" and "up to date" on every try */
  stmt = _crm_store_prepare (store,
                             "UPDATE outbox SET state = ?2, due_at = coalesce (?4, due_at), "
                             "last_error = CASE WHEN ?2 = 'sending' THEN last_error ELSE ?5 END, attempts = attempts + ?6, "
                             "sent_at = CASE WHEN ?2 = 'sent' THEN ?7 ELSE sent_at END, "
                             "data_ended_at = CASE WHEN ?2 = 'sending' THEN data_ended_at ELSE NULL END "
                             "WHERE id = ?1 AND (CAST (?3 AS TEXT) IS NULL OR state = ?3)",
                             error);
  if (stmt == NULL)
    return FALSE;

  crm_statement_bind_int64 (stmt, 1, id);
  crm_statement_bind_text (stmt, 2, state);
  if (only_from != NULL)
    crm_statement_bind_text (stmt, 3, only_from);
  if (due > 0)
    crm_statement_bind_int64 (stmt, 4, due);
  if (last_error != NULL)
    crm_statement_bind_text (stmt, 5, last_error);
  crm_statement_bind_int64 (stmt, 6, count_attempt ? 1 : 0);
  crm_statement_bind_int64 (stmt, 7, crm_clock_now_unix (crm_session_get_clock (_crm_session (store))));

  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;

  return _crm_store_count_changes (store) == 1;
}

/* "cancelled" while it waits, its history and the mail's offers (back
 * in the box, OF7), all or nothing; FALSE without an error when it no
 * longer waits */
static gboolean
cancel_tx (CrmSession  *session,
           gpointer     user_data,
           GError     **error)
{
  CrmOutbox *store = crm_outbox_from_session (session);
  gint64 id = *(gint64 *) user_data;

  return set_state (store, id, "cancelled", "waiting", 0, NULL, FALSE, error) &&
         crm_session_append_history (_crm_session (store), "outbox", id, "cancelled", NULL, error) &&
         run_hook (store, id, "cancelled", error);
}

/**
 * crm_outbox_cancel:
 * @store: a #CrmOutbox
 * @id: an outbox row
 * @error: return location for a #GError
 *
 * Cancels a message that is still waiting (undo, or a scheduled send).
 *
 * Returns: %TRUE when cancelled; %FALSE with %CRM_ERROR_CONFLICT when
 *   it is no longer waiting
 */
gboolean
crm_outbox_cancel (CrmOutbox  *store,
                   gint64      id,
                   GError    **error)
{
  g_autoptr(CrmOutboxItem) item = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CRM_IS_OUTBOX (store), FALSE);

  if (!(item = crm_outbox_get (store, id, error)))
    return FALSE;

  if (!crm_session_run_in_transaction (_crm_session (store), cancel_tx, &id, &local_error))
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
  /* what its owner's hook changed (an undone reply left its ticket) */
  _crm_store_emit_changed (store, "message", 0);

  return TRUE;
}

typedef struct
{
  guint   n_cancelled;
  GError *error;        /* the first that could not be cancelled */
} Cancelled;

static void
cancelled_free (gpointer data)
{
  Cancelled *cancelled = data;

  g_clear_error (&cancelled->error);
  g_free (cancelled);
}

static gboolean
cancel_write (CrmSession    *writer,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  GArray *ids = data;
  Cancelled *cancelled = g_new0 (Cancelled, 1);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (crm_outbox_cancel (crm_outbox_from_session (writer), g_array_index (ids, gint64, i), &local_error))
        cancelled->n_cancelled++;
      else if (cancelled->error == NULL)
        cancelled->error = g_steal_pointer (&local_error);
    }
  *result = cancelled;

  return TRUE;
}

/**
 * crm_outbox_cancel_async:
 * @store: a #CrmOutbox
 * @ids: (element-type gint64): outbox rows (copied)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * crm_outbox_cancel() for each of @ids, on a writer of its own
 * (crm_session_write_async()): for the window's Undo and "Cancel
 * Sending".
 */
void
crm_outbox_cancel_async (CrmOutbox           *store,
                         GArray              *ids,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GArray *copy;

  g_return_if_fail (CRM_IS_OUTBOX (store));
  g_return_if_fail (ids != NULL);

  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_array_append_vals (copy, ids->data, ids->len);
  crm_session_write_async (_crm_session (store), cancel_write, copy, (GDestroyNotify) g_array_unref, cancelled_free,
                           cancellable, callback, user_data);
}

/**
 * crm_outbox_cancel_finish:
 * @store: a #CrmOutbox
 * @result: the result given to the callback
 * @n_cancelled: (out) (optional): how many were cancelled
 * @error: return location for a #GError: why one was not (the first),
 *   %CRM_ERROR_CONFLICT when it had gone already
 *
 * Returns: %TRUE when every one was cancelled
 */
gboolean
crm_outbox_cancel_finish (CrmOutbox     *store,
                          GAsyncResult  *result,
                          guint         *n_cancelled,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  Cancelled *cancelled;
  gboolean all;

  g_return_val_if_fail (CRM_IS_OUTBOX (store), FALSE);

  if (n_cancelled != NULL)
    *n_cancelled = 0;
  cancelled = crm_session_write_finish (_crm_session (store), result, &local_error);
  if (cancelled == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (n_cancelled != NULL)
    *n_cancelled = cancelled->n_cancelled;
  all = cancelled->error == NULL;
  if (!all)
    g_propagate_error (error, g_steal_pointer (&cancelled->error));
  cancelled_free (cancelled);

  return all;
}

/**
 * crm_outbox_next_due:
 * @store: a #CrmOutbox
 *
 * Returns: when the next waiting message is due, or 0 when none waits
 */
gint64
crm_outbox_next_due (CrmOutbox *store)
{
  g_autoptr(CrmStatement) stmt = NULL;

  stmt = _crm_store_prepare (store, "SELECT min (due_at) FROM outbox WHERE state = 'waiting'", NULL);
  if (stmt == NULL || crm_statement_step (stmt) != CRM_STEP_ROW)
    return 0;

  return crm_statement_get_int64 (stmt, 0);
}

/**
 * crm_outbox_dup_send_problem:
 * @store: the store
 *
 * Why mail is not leaving: the server's words for the newest mail that
 * was refused for now and waits to be tried again.
 *
 * Returns: (transfer full) (nullable): the words, or %NULL when
 *   nothing waits after a failed try
 */
char *
crm_outbox_dup_send_problem (CrmOutbox *store)
{
  g_autoptr(CrmStatement) stmt = NULL;

  stmt = _crm_store_prepare (store,
                             "SELECT last_error FROM outbox WHERE state IN ('waiting', 'sending') "
                             "AND last_error IS NOT NULL ORDER BY due_at DESC LIMIT 1",
                             NULL);
  if (stmt == NULL || crm_statement_step (stmt) != CRM_STEP_ROW)
    return NULL;

  return g_strdup (crm_statement_get_text (stmt, 0));
}

typedef struct
{
  gint64    id;
  gint64    account_id;
  guint     attempts;
  char     *state;       /* as read: "waiting", or "sending" left by a run that died */
  gboolean  data_ended;  /* that run died while the server took the message */
  char     *sender;
  GStrv     recipients;
} Due;

static void
due_free (gpointer data)
{
  Due *due = data;

  g_free (due->state);
  g_free (due->sender);
  g_strfreev (due->recipients);
  g_free (due);
}

/* Every due row, by account; their bytes are read one at a time. */
static GPtrArray *
take_due (CrmOutbox  *store,
          GError    **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (due_free);

  /* waiting and due, or left "sending" by a run that died */
  stmt = _crm_store_prepare (store,
                             "SELECT id, account_id, attempts, sender, recipients, state, "
                             "data_ended_at IS NOT NULL FROM outbox "
                             "WHERE (state = 'waiting' AND due_at <= ?) OR state = 'sending' "
                             "ORDER BY account_id, due_at, id",
                             error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_int64 (stmt, 1, crm_clock_now_unix (crm_session_get_clock (_crm_session (store))));
  while (crm_statement_step (stmt) == CRM_STEP_ROW)
    {
      Due *item = g_new0 (Due, 1);

      item->id = crm_statement_get_int64 (stmt, 0);
      item->account_id = crm_statement_get_int64 (stmt, 1);
      item->attempts = crm_statement_get_int (stmt, 2);
      item->sender = g_strdup (crm_statement_get_text (stmt, 3));
      item->recipients = g_strsplit (crm_statement_get_text (stmt, 4), UNIT_SEPARATOR, -1);
      item->state = g_strdup (crm_statement_get_text (stmt, 5));
      item->data_ended = crm_statement_get_int (stmt, 6) != 0;
      g_ptr_array_add (due, item);
    }

  return g_steal_pointer (&due);
}

static GBytes *
read_raw (CrmOutbox  *store,
          gint64      id,
          GError    **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (store, "SELECT raw FROM outbox WHERE id = ?", error);

  if (stmt == NULL)
    return NULL;

  crm_statement_bind_int64 (stmt, 1, id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                   _("There is no message %lld in the outbox."), (long long) id);
      return NULL;
    }

  return crm_statement_dup_bytes (stmt, 0);
}

/* Runs @sql with @id bound to ?1 and @now to ?2; a busy database is
 * tried again: what it records must stand, or a mail would go twice. */
static gboolean
update_row (CrmOutbox   *store,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  for (guint attempt = 0; attempt < 5; attempt++)
    {
      g_autoptr(CrmStatement) stmt = NULL;

      g_clear_error (&local_error);
      if ((stmt = _crm_store_prepare (store, sql, &local_error)) != NULL)
        {
          crm_statement_bind_int64 (stmt, 1, id);
          crm_statement_bind_int64 (stmt, 2, crm_clock_now_unix (crm_session_get_clock (_crm_session (store))));
          if (_crm_store_step_done (store, stmt, &local_error))
            return TRUE;
        }
      g_usleep ((attempt + 1) * 200 * 1000);
    }

  g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

/* What one run knows of one account: asked for once, used for all
 * its mail. */
typedef struct
{
  CrmOutbox      *store;
  gint64         account_id;
  CrmAccount    *account;
  char          *password;
  GError        *account_error;  /* the account or its password could not be had */
  CrmSmtpClient *smtp;
  GError        *connect_error;  /* the server could not be reached or refused the login */
} Run;

static void
run_clear (Run *run)
{
  if (run->smtp != NULL)
    crm_smtp_client_close (run->smtp);
  g_clear_object (&run->smtp);
  g_clear_object (&run->account);
  if (run->password != NULL)
    memset (run->password, 0, strlen (run->password));
  g_clear_pointer (&run->password, g_free);
  g_clear_error (&run->account_error);
  g_clear_error (&run->connect_error);
}

/* The account and its password, looked up once per run. */
static gboolean
run_prepare (Run     *run,
             GError **error)
{
  if (run->password == NULL && run->account_error == NULL)
    {
      if ((run->account = crm_account_store_get (_crm_account_store_of (run->store), run->account_id, &run->account_error)) != NULL)
        run->password = crm_secrets_lookup_password (run->account_id, NULL, &run->account_error);
    }

  if (run->account_error != NULL)
    {
      g_propagate_error (error, g_error_copy (run->account_error));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  CrmOutbox    *store;
  gint64        id;
  CrmStatement *sent;   /* the note, its answer not yet read */
} Ending;

#define NOTE_DATA_ENDED "UPDATE outbox SET data_ended_at = ?2 WHERE id = ?1"

/* The last moment before the server takes the message: from here on,
 * a run that dies leaves a row that is never sent again. The note is
 * sent without waiting for the database's answer, so that the final
 * "." follows it at once: a run killed while a server's database
 * commits it would lose the mail. Its answer is read once the mail
 * server answered (note_read()). */
static gboolean
before_end_cb (gpointer   user_data,
               GError   **error)
{
  Ending *ending = user_data;
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (ending->store, NOTE_DATA_ENDED, NULL);

  if (stmt != NULL)
    {
      crm_statement_bind_int64 (stmt, 1, ending->id);
      crm_statement_bind_int64 (stmt, 2, crm_clock_now_unix (crm_session_get_clock (_crm_session (ending->store))));
      if (crm_statement_send (stmt))
        {
          ending->sent = g_steal_pointer (&stmt);
          return TRUE;
        }
    }
  g_clear_pointer (&stmt, crm_statement_release);

  /* a busy database: tried again, waiting */
  return update_row (ending->store, NOTE_DATA_ENDED, ending->id, error);
}

/* The database's answer to the note before_end_cb() sent. */
static void
note_read (Ending *ending)
{
  g_autoptr(CrmStatement) stmt = g_steal_pointer (&ending->sent);

  if (stmt != NULL && crm_statement_finish (stmt) == CRM_STEP_ERROR)
    {
      g_autoptr(GError) error = NULL;

      crm_database_set_error (crm_session_get_database (_crm_session (ending->store)), &error);
      /* what follows records the outcome all the same */
      g_warning ("The end of message %" G_GINT64_FORMAT " could not be noted: %s", ending->id, error->message);
    }
}

static gboolean
deliver (Run           *run,
         Due           *due,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GBytes) raw = NULL;
  Ending ending = { run->store, due->id, NULL };
  gboolean was_connected, delivered;

  if (!run_prepare (run, error))
    return FALSE;

  if (run->connect_error != NULL)
    {
      g_propagate_error (error, g_error_copy (run->connect_error));
      return FALSE;
    }

  if (!(raw = read_raw (run->store, due->id, error)))
    return FALSE;

  if (run->smtp == NULL)
    run->smtp = crm_smtp_client_new (crm_account_get_smtp_host (run->account),
                                     (guint16) crm_account_get_smtp_port (run->account),
                                     crm_account_get_smtp_security (run->account),
                                     crm_account_get_username (run->account),
                                     run->password);

  was_connected = crm_smtp_client_is_connected (run->smtp);
  delivered = crm_smtp_client_deliver_sync (run->smtp, due->sender, (const char * const *) due->recipients, raw,
                                            before_end_cb, &ending, cancellable, error);
  note_read (&ending);
  if (delivered)
    return TRUE;

  /* no connection could be had: the account's other mail waits too,
   * without trying again in this run */
  if (!was_connected && !crm_smtp_client_is_connected (run->smtp) && error != NULL && *error != NULL)
    run->connect_error = g_error_copy (*error);

  return FALSE;
}

/* What follows from "sent" for the records: the history and the mail's
 * offers (OF9), in the same transaction as "sent" itself, or after it
 * when they cannot be written: the mail went, and must never go twice. */
typedef struct
{
  gint64      id;
  const char *detail;
} Sent;

static gboolean
sent_records_tx (CrmSession  *session,
                 gpointer     user_data,
                 GError     **error)
{
  CrmOutbox *store = crm_outbox_from_session (session);
  Sent *sent = user_data;

  return crm_session_append_history (_crm_session (store), "outbox", sent->id, "sent", sent->detail, error) &&
         run_hook (store, sent->id, "sent", error);
}

#define MARK_SENT \
  "UPDATE outbox SET state = 'sent', last_error = NULL, " \
  "sent_at = coalesce (data_ended_at, ?2), data_ended_at = NULL, " \
  "copy_state = 'pending', copy_due_at = ?2, copy_attempts = 0, copy_error = NULL " \
  "WHERE id = ?1"

static gboolean
sent_tx (CrmSession  *session,
         gpointer     user_data,
         GError     **error)
{
  CrmOutbox *store = crm_outbox_from_session (session);
  Sent *sent = user_data;
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (store, MARK_SENT, error);

  if (stmt == NULL)
    return FALSE;

  crm_statement_bind_int64 (stmt, 1, sent->id);
  crm_statement_bind_int64 (stmt, 2, crm_clock_now_unix (crm_session_get_clock (_crm_session (store))));

  return _crm_store_step_done (store, stmt, error) && sent_records_tx (_crm_session (store), user_data, error);
}

/* "sent", committed the moment the server took the message, with its
 * copy for the Sent folder still to make, and its records with it;
 * when the records cannot be written, "sent" alone, which must stand */
static void
mark_sent (CrmOutbox  *store,
           gint64      id,
           const char *detail)
{
  g_autoptr(GError) error = NULL;
  Sent sent = { id, detail };

  if (crm_session_run_in_transaction (_crm_session (store), sent_tx, &sent, &error))
    return;

  g_debug ("message %" G_GINT64_FORMAT ": %s; recording it as sent alone", id, error->message);
  g_clear_error (&error);
  if (!update_row (store, MARK_SENT, id, &error) ||
      !crm_session_run_in_transaction (_crm_session (store), sent_records_tx, &sent, &error))
    g_warning ("Message %" G_GINT64_FORMAT " was sent, but recording it failed: %s", id, error->message);
}

typedef struct
{
  gint64      id;
  const char *reason;
} Failed;

/* "failed", its history and the mail's offers, all or nothing */
static gboolean
failed_tx (CrmSession  *session,
           gpointer     user_data,
           GError     **error)
{
  CrmOutbox *store = crm_outbox_from_session (session);
  Failed *failed = user_data;

  return set_state (store, failed->id, "failed", NULL, 0, failed->reason, FALSE, error) &&
         crm_session_append_history (_crm_session (store), "outbox", failed->id, "failed", failed->reason, error) &&
         run_hook (store, failed->id, "failed", error);
}

/* One due row: claimed, sent on the run's connection, and its outcome
 * recorded. Returns FALSE with @error set only for faults of the store. */
static gboolean
send_one (Run           *run,
          Due           *item,
          guint         *sent,
          GCancellable  *cancellable,
          GError       **error)
{
  CrmOutbox *store = run->store;
  g_autoptr(GError) send_error = NULL;
  gint64 now = crm_clock_now_unix (crm_session_get_clock (_crm_session (store)));

  /* a run died while the server took it: the server may well have
   * it, and it is never sent twice */
  if (g_str_equal (item->state, "sending") && item->data_ended)
    {
      mark_sent (store, item->id, _("The program stopped before the server confirmed the message; "
                                    "it is not sent again."));
      (*sent)++;
      return TRUE;
    }

  /* committed before the conversation: see the top of this file;
   * only from the state it was read in, so that a mail cancelled
   * meanwhile (by the window, while this worker sent another) is
   * left alone */
  {
    g_autoptr(GError) claim_error = NULL;

    if (!set_state (store, item->id, "sending", item->state, 0, NULL, TRUE, &claim_error))
      {
        if (claim_error == NULL)
          return TRUE;
        g_propagate_error (error, g_steal_pointer (&claim_error));
        return FALSE;
      }
  }

  if (deliver (run, item, cancellable, &send_error))
    {
      mark_sent (store, item->id, NULL);
      (*sent)++;
    }
  else if ((g_error_matches (send_error, CRM_SMTP_ERROR, CRM_SMTP_ERROR_TEMPORARY) ||
            send_error->domain == CRM_SECRETS_ERROR || send_error->domain == CRM_DATABASE_ERROR) &&
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

      if (!crm_session_run_in_transaction (_crm_session (store), failed_tx, &failed, &record_error))
        g_warning ("Message %" G_GINT64_FORMAT " failed, and recording it failed too: %s", item->id,
                   record_error ? record_error->message : "?");
    }

  _crm_store_emit_changed (store, "outbox", item->id);

  return TRUE;
}

/* Copies in the Sent folder */

typedef struct
{
  gint64   id;
  char    *message_id;
  guint    attempts;     /* tries so far, this one too once claimed */
  gboolean claimed;      /* this run counted its try before the APPEND */
  guint32  uidvalidity;  /* where a try that may have died was about to put it */
  guint32  uidnext;
} Copy;

static void
copy_free (gpointer data)
{
  Copy *copy = data;

  g_free (copy->message_id);
  g_free (copy);
}

static GPtrArray *
take_copies (CrmOutbox  *store,
             gint64      account_id,
             GError    **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (copy_free);

  stmt = _crm_store_prepare (store,
                             "SELECT id, message_id, copy_attempts, coalesce (copy_uidvalidity, 0), "
                             "coalesce (copy_uidnext, 0) FROM outbox "
                             "WHERE account_id = ? AND copy_state = 'pending' AND copy_due_at <= ? ORDER BY id",
                             error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_int64 (stmt, 1, account_id);
  crm_statement_bind_int64 (stmt, 2, crm_clock_now_unix (crm_session_get_clock (_crm_session (store))));
  while (crm_statement_step (stmt) == CRM_STEP_ROW)
    {
      Copy *copy = g_new0 (Copy, 1);

      copy->id = crm_statement_get_int64 (stmt, 0);
      copy->message_id = g_strdup (crm_statement_get_text (stmt, 1));
      copy->attempts = crm_statement_get_int (stmt, 2);
      copy->uidvalidity = (guint32) crm_statement_get_int64 (stmt, 3);
      copy->uidnext = (guint32) crm_statement_get_int64 (stmt, 4);
      g_ptr_array_add (copies, copy);
    }

  return g_steal_pointer (&copies);
}

static void
copy_outcome (CrmOutbox  *store,
              Copy       *copy,
              const char *state,
              GError     *failure)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;
  guint attempts = copy->attempts + (copy->claimed ? 0 : 1);
  gboolean give_up = failure != NULL && attempts >= MAX_ATTEMPTS;
  gint64 now = crm_clock_now_unix (crm_session_get_clock (_crm_session (store)));

  if (failure != NULL)
    state = give_up ? "failed" : "pending";

  stmt = _crm_store_prepare (store,
                             "UPDATE outbox SET copy_state = ?2, copy_error = ?3, "
                             "copy_attempts = copy_attempts + ?4, copy_due_at = ?5 WHERE id = ?1",
                             &error);
  if (stmt != NULL)
    {
      crm_statement_bind_int64 (stmt, 1, copy->id);
      crm_statement_bind_text (stmt, 2, state);
      if (failure != NULL)
        crm_statement_bind_text_copy (stmt, 3, failure->message);
      /* a try that got as far as the APPEND was counted before it */
      crm_statement_bind_int64 (stmt, 4, failure != NULL && !copy->claimed ? 1 : 0);
      crm_statement_bind_int64 (stmt, 5, now + (failure != NULL ? crm_outbox_retry_delay (attempts) : 0));
    }
  if (stmt == NULL || !_crm_store_step_done (store, stmt, &error) ||
      (give_up && !crm_session_append_history (_crm_session (store), "outbox", copy->id, "sent-copy-failed", failure->message,
                                             &error)))
    g_warning ("The copy of message %" G_GINT64_FORMAT " in the Sent folder could not be recorded: %s",
               copy->id, error->message);
}

/* Whether a try that died made the copy already: it would be at or
 * after the UID that was next when it began. */
static gboolean
copy_exists (CrmImapClient  *imap,
             Copy           *copy,
             guint32         uidvalidity,
             guint32         uidnext,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(GArray) uids = NULL;
  g_autoptr(GPtrArray) messages = NULL;

  if (copy->attempts == 0 || copy->uidvalidity != uidvalidity || copy->uidnext == 0 ||
      copy->uidnext >= uidnext)
    return FALSE;

  uids = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint32 uid = copy->uidnext; uid < uidnext; uid++)
    g_array_append_val (uids, uid);

  if (!(messages = crm_imap_client_fetch_sync (imap, (const guint32 *) uids->data, uids->len, cancellable, error)))
    return FALSE;

  for (guint i = 0; i < messages->len; i++)
    {
      CrmImapMessage *message = g_ptr_array_index (messages, i);
      gsize size;
      const char *data = g_bytes_get_data (message->raw, &size);

      if (data != NULL && g_strstr_len (data, size, copy->message_id) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Records where the copy is about to go, counting the try, before the
 * APPEND. */
static gboolean
copy_claim (CrmOutbox  *store,
            Copy       *copy,
            guint32     uidvalidity,
            guint32     uidnext,
            GError    **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  stmt = _crm_store_prepare (store,
                             "UPDATE outbox SET copy_attempts = copy_attempts + 1, copy_uidvalidity = ?2, "
                             "copy_uidnext = ?3 WHERE id = ?1 AND copy_state = 'pending'",
                             error);
  if (stmt == NULL)
    return FALSE;

  crm_statement_bind_int64 (stmt, 1, copy->id);
  crm_statement_bind_int64 (stmt, 2, uidvalidity);
  crm_statement_bind_int64 (stmt, 3, uidnext);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;

  copy->attempts++;
  copy->claimed = TRUE;

  return TRUE;
}

/* The Sent copies due for the run's account, on one IMAP connection.
 * The messages are out already: a failure here is recorded and tried
 * again later, never a cause to send again. */
static void
copy_to_sent (Run          *run,
              GCancellable *cancellable)
{
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(CrmImapClient) imap = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  guint32 uidvalidity = 0;
  guint32 uidnext = 0;
  gboolean connected = FALSE;
  guint i = 0;

  if (!(copies = take_copies (run->store, run->account_id, &error)))
    {
      g_warning ("The copies for the Sent folder could not be read: %s", error->message);
      return;
    }
  if (copies->len == 0 || !run_prepare (run, &error))
    goto out;

  imap = crm_imap_client_new (crm_account_get_imap_host (run->account),
                              (guint16) crm_account_get_imap_port (run->account),
                              crm_account_get_imap_security (run->account),
                              crm_account_get_username (run->account), run->password);
  if (!crm_imap_client_connect_sync (imap, cancellable, &error))
    goto out;
  connected = TRUE;

  folder = crm_imap_client_find_sent_sync (imap, cancellable, &error);
  if (error != NULL)
    goto out;
  if (folder == NULL)
    {
      /* nowhere to copy to */
      for (; i < copies->len; i++)
        copy_outcome (run->store, g_ptr_array_index (copies, i), "none", NULL);
      goto out;
    }

  if (!crm_imap_client_select_sync (imap, folder, &uidvalidity, &uidnext, cancellable, &error))
    goto out;

  for (; i < copies->len; i++)
    {
      Copy *copy = g_ptr_array_index (copies, i);
      g_autoptr(GBytes) raw = NULL;

      if (copy_exists (imap, copy, uidvalidity, uidnext, cancellable, &error))
        {
          copy_outcome (run->store, copy, "done", NULL);
          continue;
        }
      if (error != NULL)
        goto out;

      /* the copy gets a UID at least this: each APPEND before it took one */
      if (!(raw = read_raw (run->store, copy->id, &error)) ||
          !copy_claim (run->store, copy, uidvalidity, uidnext, &error))
        goto out;

      if (!crm_imap_client_append_sync (imap, folder, raw, cancellable, &error))
        {
          /* refused for this message: the others may still go */
          if (g_error_matches (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_REFUSED))
            {
              copy_outcome (run->store, copy, NULL, error);
              g_clear_error (&error);
              continue;
            }
          goto out;
        }

      uidnext++;
      copy_outcome (run->store, copy, "done", NULL);
    }

out:
  /* what is left waits for another try, with the reason */
  for (; error != NULL && i < copies->len; i++)
    copy_outcome (run->store, g_ptr_array_index (copies, i), NULL, error);

  /* a goodbye waits for the server's answer: not on a run called off */
  if (connected && !g_cancellable_is_cancelled (cancellable))
    crm_imap_client_logout (imap);
  if (copies->len > 0)
    _crm_store_emit_changed (run->store, "outbox", 0);
}

/* Accounts with copies for the Sent folder due. */
static GArray *
accounts_with_copies (CrmOutbox *store)
{
  g_autoptr(CrmStatement) stmt = NULL;
  GArray *accounts = g_array_new (FALSE, FALSE, sizeof (gint64));

  stmt = _crm_store_prepare (store,
                             "SELECT DISTINCT account_id FROM outbox WHERE copy_state = 'pending' AND copy_due_at <= ?",
                             NULL);
  if (stmt == NULL)
    return accounts;

  crm_statement_bind_int64 (stmt, 1, crm_clock_now_unix (crm_session_get_clock (_crm_session (store))));
  while (crm_statement_step (stmt) == CRM_STEP_ROW)
    {
      gint64 id = crm_statement_get_int64 (stmt, 0);

      g_array_append_val (accounts, id);
    }

  return accounts;
}

/**
 * crm_outbox_run_due:
 * @store: a #CrmOutbox
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError (only for faults of the store)
 *
 * Sends every message that is due, in the calling thread (crmctl, or
 * the engine's worker): for each account one lookup of its password,
 * one SMTP connection for all its mail, then one IMAP connection for
 * the copies in its Sent folder that are due. Each message's own
 * outcome is recorded on its row, not returned as an error.
 *
 * Returns: how many messages were sent
 */
guint
crm_outbox_run_due (CrmOutbox     *store,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GArray) copy_accounts = NULL;
  guint sent = 0;
  guint i = 0;

  g_return_val_if_fail (CRM_IS_OUTBOX (store), 0);

  if (!(due = take_due (store, error)))
    return 0;

  while (i < due->len)
    {
      Run run = { store, ((Due *) g_ptr_array_index (due, i))->account_id };
      gboolean ok = TRUE;

      for (; ok && i < due->len && ((Due *) g_ptr_array_index (due, i))->account_id == run.account_id; i++)
        ok = send_one (&run, g_ptr_array_index (due, i), &sent, cancellable, error);

      if (run.smtp != NULL)
        crm_smtp_client_close (run.smtp);
      if (ok)
        copy_to_sent (&run, cancellable);
      run_clear (&run);

      if (!ok)
        return sent;
    }

  /* copies due for accounts that had no mail to send */
  copy_accounts = accounts_with_copies (store);
  for (guint j = 0; j < copy_accounts->len; j++)
    {
      Run run = { store, g_array_index (copy_accounts, gint64, j) };

      copy_to_sent (&run, cancellable);
      run_clear (&run);
    }

  return sent;
}

/**
 * crm_outbox_next_copy_due:
 * @store: a #CrmOutbox
 *
 * Returns: when the next copy for a Sent folder is to be tried again,
 *   or 0 when none waits
 */
gint64
crm_outbox_next_copy_due (CrmOutbox *store)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_OUTBOX (store), 0);

  stmt = _crm_store_prepare (store, "SELECT min (copy_due_at) FROM outbox WHERE copy_state = 'pending'", NULL);
  if (stmt == NULL || crm_statement_step (stmt) != CRM_STEP_ROW)
    return 0;

  return crm_statement_get_int64 (stmt, 0);
}

/**
 * crm_outbox_list_for_ticket:
 * @self: a #CrmOutbox
 * @ticket_id: a ticket
 * @error: return location for a #GError
 *
 * crm_outbox_get_for_message() for each of a ticket's messages, in one
 * statement.
 *
 * Returns: (transfer full) (element-type gint64 CrmOutboxItem): the
 *   outbox rows of the ticket's mail that went through our outbox, by
 *   message id (keys point to #gint64), or %NULL with @error set
 */
GHashTable *
crm_outbox_list_for_ticket (CrmOutbox  *self,
                            gint64      ticket_id,
                            GError    **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  CrmStep step;

  g_return_val_if_fail (CRM_IS_OUTBOX (self), NULL);

  if (!(stmt = _crm_store_prepare (self,
                                   "SELECT o.id, o.state, o.due_at, o.attempts, o.last_error, o.subject, m.id "
                                   "FROM messages m JOIN outbox o ON o.id = m.outbox_id WHERE m.ticket_id = ?",
                                   error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    g_hash_table_insert (items, g_memdup2 (&(gint64) { crm_statement_get_int64 (stmt, 6) }, sizeof (gint64)),
                         item_from_row (stmt));
  if (step != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&items);
}

/**
 * crm_outbox_get_for_message:
 * @self: a #CrmOutbox
 * @id: an outgoing message's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the outbox row that sends the
 *   message: whether it waits, went or failed; %NULL for mail that did
 *   not go through our outbox (or with @error set)
 */
CrmOutboxItem *
crm_outbox_get_for_message (CrmOutbox  *self,
                            gint64      id,
                            GError    **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gint64 outbox_id = 0;

  g_return_val_if_fail (CRM_IS_OUTBOX (self), NULL);

  if (!(stmt = _crm_store_prepare (self, "SELECT outbox_id FROM messages WHERE id = ?", error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    outbox_id = crm_statement_get_int64 (stmt, 0);
  if (outbox_id == 0)
    return NULL;

  return crm_outbox_get (self, outbox_id, error);
}
