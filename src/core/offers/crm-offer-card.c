/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-offer-card"

#include "config.h"

#include "crm-history-entry.h"
#include "crm-match.h"
#include "crm-offer-card.h"
#include "crm-offer-store.h"
#include "crm-search-store.h"

typedef struct
{
  char   *kind;   /* "offer" or "search" */
  gint64  id;
  guint   max_matches;
} ReadCard;

static void
read_card_free (gpointer data)
{
  ReadCard *read = data;

  g_free (read->kind);
  g_free (read);
}

static gboolean
read_card (CrmSession    *reader,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  ReadCard *read = data;
  g_autoptr(CrmOfferCard) card = g_new0 (CrmOfferCard, 1);
  gboolean offer = g_str_equal (read->kind, "offer");

  if (offer)
    card->offer = crm_offer_store_get (crm_offer_store_from_session (reader), read->id, error);
  else
    card->search = crm_search_store_get (crm_search_store_from_session (reader), read->id, error);
  if (card->offer == NULL && card->search == NULL)
    return FALSE;

  if (card->search != NULL)
    card->fresh = crm_offer_store_search_is_fresh (crm_offer_store_from_session (reader), card->search);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  card->matches = offer ? crm_offer_store_match_offer (crm_offer_store_from_session (reader), read->id, read->max_matches, &card->matches_error)
                        : crm_offer_store_match_search (crm_offer_store_from_session (reader), read->id, read->max_matches, &card->matches_error);
  if (card->matches == NULL)
    card->matches = G_LIST_MODEL (g_list_store_new (CRM_TYPE_MATCH));
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  card->history = crm_offer_store_list_history (crm_offer_store_from_session (reader), read->kind, read->id, NULL);
  if (card->history == NULL)
    card->history = G_LIST_MODEL (g_list_store_new (CRM_TYPE_HISTORY_ENTRY));

  /* what each mail in it carried, to whom: the card says it */
  card->mails = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (card->history); i++)
    {
      g_autoptr(CrmHistoryEntry) entry = g_list_model_get_item (card->history, i);
      gint64 mail_id = crm_history_entry_get_offer_mail_id (entry);
      CrmOfferMail *mail;

      if (mail_id == 0 || g_hash_table_contains (card->mails, &mail_id))
        continue;
      mail = crm_offer_store_get_mail (crm_offer_store_from_session (reader), mail_id, NULL);
      if (mail != NULL)
        g_hash_table_insert (card->mails, g_memdup2 (&mail_id, sizeof mail_id), mail);
    }

  *result = g_steal_pointer (&card);

  return TRUE;
}

/**
 * crm_offer_card_read_async:
 * @store: a #CrmSession
 * @kind: "offer" or "search"
 * @id: the offer or the search
 * @max_matches: at most this many matches
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: for @callback
 *
 * Reads the card of an offer or a search on a worker with a
 * connection of its own: the record, its matches and its history.
 */
void
crm_offer_card_read_async (CrmSession          *session,
                           const char          *kind,
                           gint64               id,
                           guint                max_matches,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  ReadCard *read;

  g_return_if_fail (CRM_IS_SESSION (session));
  g_return_if_fail (g_strcmp0 (kind, "offer") == 0 || g_strcmp0 (kind, "search") == 0);

  read = g_new0 (ReadCard, 1);
  read->kind = g_strdup (kind);
  read->id = id;
  read->max_matches = max_matches;
  crm_session_read_async (session, read_card, read, read_card_free, (GDestroyNotify) crm_offer_card_free,
                        cancellable, callback, user_data);
}

/**
 * crm_offer_card_read_finish:
 * @store: a #CrmSession
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the card, or %NULL with @error set (an
 *   offer or search that is gone is %CRM_ERROR_NOT_FOUND)
 */
CrmOfferCard *
crm_offer_card_read_finish (CrmSession    *session,
                            GAsyncResult  *result,
                            GError       **error)
{
  return crm_session_read_finish (session, result, error);
}

/**
 * crm_offer_card_free:
 * @card: (transfer full) (nullable): a card
 */
void
crm_offer_card_free (CrmOfferCard *card)
{
  if (card == NULL)
    return;

  g_clear_object (&card->offer);
  g_clear_object (&card->search);
  g_clear_object (&card->matches);
  g_clear_error (&card->matches_error);
  g_clear_object (&card->history);
  g_clear_pointer (&card->mails, g_hash_table_unref);
  g_free (card);
}
