/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-mail-sync"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-imap-client.h"
#include "crm-mail-sync.h"
#include "crm-parsed-message.h"
#include "crm-secrets.h"
#include "crm-referral-store-private.h"
#include "crm-ticket-store-private.h"

/*
 * Import of unread mail from INBOX (TK10). Each message is parsed and
 * stored with its exact bytes, attachments and search row in a
 * transaction; only after the commit is \Seen set on the server. So a
 * crash or a dropped connection at any point loses nothing, and the
 * next run finds the message either unread and not stored (imported
 * then) or stored under its (account, UIDVALIDITY, UID) (a duplicate,
 * marked read then). A byte-identical copy under the same Message-ID
 * (the same mail delivered twice) is stored once; different messages
 * sharing a Message-ID are all kept. After a UIDVALIDITY change every
 * unread message is looked at again, and the Message-ID and hash keep
 * it from being stored twice.
 *
 * Two threads share the work. A fetcher reads the messages in
 * pipelined UID FETCH commands (crm_imap_client_fetch_each_sync()),
 * parses each one as soon as it is in, and hands the messages of each
 * command on when it completes (so that a connection cut inside a
 * command's answer stores none of its messages, as before the
 * pipeline); the calling thread, which owns
 * the store, writes them in transactions of up to TX_MAX_MESSAGES, and
 * hands the UIDs of each committed transaction back to the connection
 * (crm_imap_client_mark_seen_later()), which marks them read between
 * its next commands. A transaction holds its messages' rows and then,
 * in one statement, their search rows: FTS5 writes its index out
 * whenever a later statement of the transaction could need rolling
 * back, so search rows written one by one among the other rows would
 * each become an index segment of their own. When a transaction
 * fails, its messages are stored again one per transaction, so that
 * one bad message costs only itself.
 */

/* UIDs per UID FETCH command */
#define FETCH_BATCH 100
/* messages per transaction: a tenth of the pass, so that progress
 * moves, within these bounds */
#define TX_MIN_MESSAGES 100
#define TX_MAX_MESSAGES 1000
/* how long a transaction waits for more messages before it commits */
#define TX_WAIT_USEC (250 * G_TIME_SPAN_MILLISECOND)
/* bytes fetched and not yet stored at most: the fetcher waits beyond */
#define QUEUED_BYTES (64 * 1024 * 1024)
/* the store's page cache while it imports, in KiB: a transaction of a
 * thousand messages dirties more pages than SQLite's default 2 MB
 * holds, which it would write out early and read back */
#define IMPORT_CACHE_KIB 65536
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

/* One fetched message on its way into the store. */
typedef struct
{
  CrmImapMessage   *fetched;
  CrmParsedMessage *parsed;
  gint64            id;         /* the new row; 0 for a duplicate */
  gboolean          duplicate;
} Item;

static void
item_free (gpointer data)
{
  Item *item = data;

  crm_imap_message_free (item->fetched);
  g_clear_pointer (&item->parsed, crm_parsed_message_free);
  g_free (item);
}

/* Messages stored in one transaction. */
typedef struct
{
  gint64     account_id;
  guint32    uidvalidity;
  GPtrArray *items;
} Batch;

/* One message, all but its search row. */
static gboolean
store_message (CrmSession  *session,
               Batch       *batch,
               Item        *item,
               GError     **error)
{
  CrmMessageStore *messages = crm_message_store_from_session (session);
  CrmParsedMessage *parsed = item->parsed;
  gboolean known;
  gboolean taken = FALSE;
  gint64 same_id;

  item->id = 0;
  item->duplicate = FALSE;

  /* stored before, and the run died before \Seen */
  if (!_crm_message_store_find_imported (messages, batch->account_id, FOLDER, batch->uidvalidity,
                                         item->fetched->uid, &known, error))
    return FALSE;
  if (known)
    {
      item->duplicate = TRUE;
      return TRUE;
    }

  /* the same bytes under the same Message-ID */
  if (!_crm_message_store_find_same (messages, parsed, &same_id, error))
    return FALSE;
  if (same_id != 0)
    {
      item->duplicate = TRUE;
      return _crm_message_store_record_uid (messages, batch->account_id, FOLDER, batch->uidvalidity,
                                            item->fetched->uid, same_id, error);
    }

  if (!(item->id = _crm_message_store_add_incoming (messages, batch->account_id, parsed, item->fetched->raw, error)))
    return FALSE;

  /* a broker's answer joins its referral; any other mail is threaded
   * into a ticket, in the same transaction */
  if (!_crm_referral_store_route_message (crm_referral_store_from_session (session), item->id, parsed, &taken, error))
    return FALSE;
  if (!taken && !_crm_ticket_store_route_message (crm_ticket_store_from_session (session), item->id, parsed, error))
    return FALSE;

  return _crm_message_store_record_uid (messages, batch->account_id, FOLDER, batch->uidvalidity, item->fetched->uid,
                                       item->id, error);
}

/* The search rows of the batch's new messages, in one statement, from
 * the rows just written: the subject, the text, and the addresses as
 * "from-name from-address to cc". */
static gboolean
index_messages (CrmSession  *session,
                Batch       *batch,
                GError     **error)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), batch->items->len);

  for (guint i = 0; i < batch->items->len; i++)
    {
      Item *item = g_ptr_array_index (batch->items, i);

      if (item->id != 0)
        g_array_append_val (ids, item->id);
    }
return _crm_message_store_index (crm_message_store_from_session (session), (const gint64 *) ids->data, ids->len, error);
}

static gboolean
store_batch_tx (CrmSession  *session,
                gpointer     user_data,
                GError     **error)
{
  Batch *batch = user_data;

  for (guint i = 0; i < batch->items->len; i++)
    if (!store_message (session, batch, g_ptr_array_index (batch->items, i), error))
      return FALSE;

  return index_messages (session, batch, error);
}

static void
count_stored (CrmSyncResult *result,
              Item          *item,
              GArray        *done)
{
  if (item->duplicate)
    result->duplicates++;
  else
    result->imported++;
  g_array_append_val (done, item->fetched->uid);
}

/* Stores @items, in one transaction, else one by one; counts each
 * message in @result and adds the UIDs of those safely stored to
 * @done. */
static void
store_items (CrmSession    *session,
             gint64         account_id,
             guint32        uidvalidity,
             GPtrArray     *items,
             CrmSyncResult *result,
             GArray        *done)
{
  Batch batch = { account_id, uidvalidity, items };
  g_autoptr(GError) batch_error = NULL;

  result->fetched += items->len;

  if (crm_session_run_in_transaction (session, store_batch_tx, &batch, &batch_error))
    {
      for (guint i = 0; i < items->len; i++)
        count_stored (result, g_ptr_array_index (items, i), done);
      return;
    }

  g_debug ("a transaction of %u messages failed (%s): one by one", items->len, batch_error->message);
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      g_autoptr(GError) store_error = NULL;
      Batch single = { account_id, uidvalidity, one };
      Item *item = g_ptr_array_index (items, i);

      g_ptr_array_add (one, item);
      if (crm_session_run_in_transaction (session, store_batch_tx, &single, &store_error))
        count_stored (result, item, done);
      else
        {
          CrmSyncFailure *failure = g_new0 (CrmSyncFailure, 1);

          failure->uid = item->fetched->uid;
          failure->reason = g_strdup (store_error->message);
          g_ptr_array_add (result->failures, failure);
          result->failed++;
        }
    }
}

/* The fetcher thread and what it hands over. */
typedef struct
{
  CrmImapClient *imap;
  GArray        *uids;
  GCancellable  *cancellable;

  guint          tx_messages;     /* a full transaction */

  GPtrArray     *parsed;          /* of the command under way: the fetcher's */

  GMutex         lock;
  GCond          cond;
  GQueue         items;
  gsize          bytes;           /* raw bytes in @items */
  guint          wanted;          /* the store wakes up for this many */
  gboolean       store_waiting;
  gboolean       fetcher_waiting;
  gboolean       fetching;
  gboolean       stopped;         /* cancelled: the store takes no more */
  GError        *error;           /* why the fetcher stopped early */
} Fetch;

static gsize
item_size (Item *item)
{
  return g_bytes_get_size (item->fetched->raw);
}

/* On the fetcher thread: parses each message, and queues those of a
 * UID FETCH command for the store when it completes. */
static gboolean
fetched_cb (CrmImapMessage  *message,
            gpointer         user_data,
            GError         **error)
{
  Fetch *fetch = user_data;

  if (message != NULL)
    {
      Item *item = g_new0 (Item, 1);

      item->fetched = message;
      item->parsed = crm_parsed_message_new (message->raw);
      g_ptr_array_add (fetch->parsed, item);
      return TRUE;
    }

  g_mutex_lock (&fetch->lock);
  while (fetch->bytes >= QUEUED_BYTES && !fetch->stopped)
    {
      if (fetch->store_waiting)
        g_cond_signal (&fetch->cond);
      fetch->fetcher_waiting = TRUE;
      g_cond_wait (&fetch->cond, &fetch->lock);
      fetch->fetcher_waiting = FALSE;
    }
  if (fetch->stopped)
    {
      g_mutex_unlock (&fetch->lock);
      g_cancellable_set_error_if_cancelled (fetch->cancellable, error);
      return FALSE;
    }

  for (guint i = 0; i < fetch->parsed->len; i++)
    {
      Item *item = g_ptr_array_index (fetch->parsed, i);

      fetch->bytes += item_size (item);
      g_queue_push_tail (&fetch->items, item);
    }
  g_ptr_array_set_size (fetch->parsed, 0);
  /* one wake-up per transaction, not per message */
  if (fetch->store_waiting && g_queue_get_length (&fetch->items) >= fetch->wanted)
    g_cond_signal (&fetch->cond);
  g_mutex_unlock (&fetch->lock);

  return TRUE;
}

static gpointer
fetch_thread (gpointer data)
{
  Fetch *fetch = data;
  GError *error = NULL;

  crm_imap_client_fetch_each_sync (fetch->imap, (const guint32 *) fetch->uids->data, fetch->uids->len,
                                   FETCH_BATCH, fetched_cb, fetch, fetch->cancellable, &error);

  g_mutex_lock (&fetch->lock);
  fetch->error = error;
  fetch->fetching = FALSE;
  g_cond_signal (&fetch->cond);
  g_mutex_unlock (&fetch->lock);

  return NULL;
}

/* On the store's thread: moves fetched messages into @batch until it
 * holds a full transaction, or until @deadline (set when the first one
 * comes) once it holds some. Returns %FALSE when the fetcher has ended
 * and everything is taken. */
static gboolean
take_items (Fetch     *fetch,
            GPtrArray *batch,
            gint64    *deadline)
{
  gboolean more;

  g_mutex_lock (&fetch->lock);
  for (;;)
    {
      while (batch->len < fetch->tx_messages && !g_queue_is_empty (&fetch->items))
        {
          Item *item = g_queue_pop_head (&fetch->items);

          fetch->bytes -= item_size (item);
          if (batch->len == 0)
            *deadline = g_get_monotonic_time () + TX_WAIT_USEC;
          g_ptr_array_add (batch, item);
        }
      if (fetch->fetcher_waiting && fetch->bytes < QUEUED_BYTES)
        g_cond_signal (&fetch->cond);

      if (batch->len >= fetch->tx_messages || !fetch->fetching ||
          (batch->len > 0 && g_get_monotonic_time () >= *deadline))
        break;

      /* the first messages start the clock; then, a full transaction */
      fetch->wanted = batch->len > 0 ? fetch->tx_messages - batch->len : 1;
      fetch->store_waiting = TRUE;
      if (batch->len > 0)
        g_cond_wait_until (&fetch->cond, &fetch->lock, *deadline);
      else
        g_cond_wait (&fetch->cond, &fetch->lock);
      fetch->store_waiting = FALSE;
    }
  more = fetch->fetching || !g_queue_is_empty (&fetch->items);
  g_mutex_unlock (&fetch->lock);

  return more;
}

/**
 * crm_mail_sync_folder:
 * @store: a #CrmSession
 * @account_id: the account @imap is logged in to
 * @imap: a connected #CrmImapClient
 * @progress: (nullable) (scope call): told after each transaction
 * @user_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError: the connection
 *
 * One pass over INBOX on a connection that stays open (the engine
 * goes on to IDLE on it): every unread message is imported or counted
 * as a duplicate or a failure, then marked read. Blocks; runs a
 * thread of its own for the connection while it lasts.
 *
 * Returns: (transfer full): the counts, or %NULL with @error set
 */
CrmSyncResult *
crm_mail_sync_folder (CrmSession       *session,
                      gint64            account_id,
                      CrmImapClient    *imap,
                      CrmSyncProgress   progress,
                      gpointer          user_data,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_autoptr(CrmSyncResult) result = g_new0 (CrmSyncResult, 1);
  g_autoptr(GArray) unseen = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GError) fetch_error = NULL;
  GThread *thread;
  Fetch fetch = { 0, };
  gint64 cache_was;
  guint32 uidvalidity = 0;
  guint32 uidnext = 0;
  gint64 deadline = 0;
  gboolean more = TRUE;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (imap), NULL);

  result->failures = g_ptr_array_new_with_free_func (failure_free);

  if (!crm_imap_client_select_sync (imap, FOLDER, &uidvalidity, &uidnext, cancellable, error) ||
      !(unseen = crm_imap_client_search_unseen_sync (imap, cancellable, error)))
    return NULL;

  if (progress != NULL)
    progress (0, unseen->len, user_data);

  fetch.imap = imap;
  fetch.uids = unseen;
  fetch.cancellable = cancellable;
  fetch.tx_messages = CLAMP (unseen->len / 10, TX_MIN_MESSAGES, TX_MAX_MESSAGES);
  fetch.fetching = TRUE;
  /* items are moved on, not freed, when their command completes */
  fetch.parsed = g_ptr_array_new ();
  g_mutex_init (&fetch.lock);
  g_cond_init (&fetch.cond);
  g_queue_init (&fetch.items);
  thread = g_thread_new ("crm-mail-fetch", fetch_thread, &fetch);

  batch = g_ptr_array_new_with_free_func (item_free);
  cache_was = crm_database_grow_cache (crm_session_get_database (session), IMPORT_CACHE_KIB);
  while (more && !g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GArray) done = NULL;

      more = take_items (&fetch, batch, &deadline);
      if (batch->len == 0 || (more && batch->len < fetch.tx_messages && g_get_monotonic_time () < deadline))
        continue;

      done = g_array_sized_new (FALSE, FALSE, sizeof (guint32), batch->len);
      store_items (session, account_id, uidvalidity, batch, result, done);
      g_ptr_array_set_size (batch, 0);

      /* only what is safely stored is marked read, between the next fetches */
      crm_imap_client_mark_seen_later (imap, (const guint32 *) done->data, done->len);

      if (progress != NULL)
        progress (result->fetched, unseen->len, user_data);
    }

  /* cancelled: the fetcher, perhaps waiting for room, stops too */
  g_mutex_lock (&fetch.lock);
  fetch.stopped = TRUE;
  g_cond_signal (&fetch.cond);
  g_mutex_unlock (&fetch.lock);
  g_thread_join (thread);
  /* of a command cut short: fetched again next time */
  g_ptr_array_foreach (fetch.parsed, (GFunc) item_free, NULL);
  g_ptr_array_unref (fetch.parsed);
  g_queue_clear_full (&fetch.items, item_free);
  fetch_error = g_steal_pointer (&fetch.error);
  g_cond_clear (&fetch.cond);
  g_mutex_clear (&fetch.lock);
  crm_database_restore_cache (crm_session_get_database (session), cache_was);

  if (fetch_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&fetch_error));
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!crm_imap_client_mark_seen_sync (imap, NULL, 0, cancellable, error) ||
      !_crm_message_store_remember_folder (crm_message_store_from_session (session), account_id, FOLDER, uidvalidity,
                                           uidnext, error))
    return NULL;

  if (result->imported > 0)
    crm_database_emit_changed (crm_session_get_database (session), "message", 0);

  return g_steal_pointer (&result);
}

/**
 * crm_mail_connect:
 * @store: a #CrmSession
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
crm_mail_connect (CrmSession    *session,
                  gint64         account_id,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmImapClient) imap = NULL;
  g_autofree char *password = NULL;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(account = crm_account_store_get (crm_account_store_from_session (session), account_id, error)) ||
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
 * @store: a #CrmSession
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
crm_mail_sync (CrmSession       *session,
               gint64            account_id,
               CrmSyncProgress   progress,
               gpointer          user_data,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(CrmImapClient) imap = NULL;
  g_autoptr(CrmSyncResult) result = NULL;

  if (!(imap = crm_mail_connect (session, account_id, cancellable, error)) ||
      !(result = crm_mail_sync_folder (session, account_id, imap, progress, user_data, cancellable, error)))
    return NULL;

  crm_imap_client_logout (imap);

  return g_steal_pointer (&result);
}
