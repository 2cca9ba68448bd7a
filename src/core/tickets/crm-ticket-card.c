/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-card"

#include "config.h"

#include "crm-message.h"
#include "crm-ticket-card.h"
#include "crm-user.h"
#include "crm-contact-store.h"
#include "crm-message-store.h"
#include "crm-outbox.h"
#include "crm-project-store.h"
#include "crm-ticket-store.h"
#include "crm-user-store.h"

/**
 * CrmTicketCard:
 *
 * A ticket's card is read whole on a worker (crm_ticket_card_read_async ())
 * and applied on the main thread: however many messages the ticket has,
 * the window goes on painting while it is read.
 */

/**
 * crm_ticket_card_read:
 * @store: a #CrmSession
 * @ticket_id: the ticket
 * @reader: the user whose read state counts, or 0 for the assignee's
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads everything the card of @ticket_id shows: the ticket, its
 * conversation with each mail's text, files and sending, the choices
 * of its properties, its followers, its client with their other
 * tickets, and the projects made from it.
 *
 * Returns: (transfer full): the card, or %NULL with @error set (a
 *   ticket that is gone is %CRM_ERROR_NOT_FOUND)
 */
CrmTicketCard *
crm_ticket_card_read (CrmSession    *session,
                      gint64         ticket_id,
                      gint64         reader,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(CrmTicketCard) card = g_new0 (CrmTicketCard, 1);
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(GArray) followers = NULL;
  g_autoptr(GStrvBuilder) queue_names = g_strv_builder_new ();
  gint64 client_id;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  card->ticket = crm_ticket_store_get (crm_ticket_store_from_session (session), ticket_id, reader, error);
  if (card->ticket == NULL)
    return NULL;

  if (!(card->entries = crm_ticket_timeline_read (session, ticket_id, &card->outbox_pending, cancellable, error)))
    return NULL;

  if (!(card->statuses = crm_ticket_store_list_statuses (crm_ticket_store_from_session (session), error)) ||
      !(card->priorities = crm_ticket_store_list_priorities (crm_ticket_store_from_session (session), error)) ||
      !(card->categories = crm_ticket_store_list_categories (crm_ticket_store_from_session (session), error)) ||
      !(queues = crm_ticket_store_list_queues (crm_ticket_store_from_session (session), error)) ||
      !(card->close_reasons = crm_ticket_store_list_close_reasons (crm_ticket_store_from_session (session), error)) ||
      !(card->users = crm_user_store_list_assignable (crm_user_store_from_session (session), crm_ticket_get_assignee_id (card->ticket), error)) ||
      !(followers = crm_ticket_store_list_followers (crm_ticket_store_from_session (session), ticket_id, error)))
    return NULL;

  for (guint i = 0; i < queues->len; i++)
    g_strv_builder_add (queue_names, ((CrmQueueInfo *) g_ptr_array_index (queues, i))->name);
  card->queues = g_strv_builder_end (queue_names);

  card->followers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < followers->len; i++)
    {
      CrmUser *user = crm_user_store_get (crm_user_store_from_session (session), g_array_index (followers, gint64, i), NULL);

      if (user != NULL)
        g_ptr_array_add (card->followers, user);
    }

  client_id = crm_ticket_get_client_id (card->ticket);
  if (client_id != 0)
    card->client = crm_contact_store_get (crm_contact_store_from_session (session), client_id, NULL);
  card->recent = crm_ticket_store_list_client_tickets (crm_ticket_store_from_session (session), ticket_id, 3, NULL);
  if (!(card->projects = crm_project_store_list (crm_project_store_from_session (session), ticket_id, error)))
    return NULL;
  card->currency = crm_project_store_dup_currency (crm_project_store_from_session (session));

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&card);
}

typedef struct
{
  gint64 ticket_id;
  gint64 reader;
} ReadCard;

static gboolean
read_card (CrmSession    *reader,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  ReadCard *read = data;

  *result = crm_ticket_card_read (reader, read->ticket_id, read->reader, cancellable, error);

  return *result != NULL;
}

/**
 * crm_ticket_card_read_async:
 * @store: a #CrmSession
 * @ticket_id: the ticket
 * @reader: the user whose read state counts, or 0 for the assignee's
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: for @callback
 *
 * Reads the card of @ticket_id (see crm_ticket_card_read ()) on a
 * worker with a connection of its own.
 */
void
crm_ticket_card_read_async (CrmSession          *session,
                            gint64               ticket_id,
                            gint64               reader,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  ReadCard *read = g_new0 (ReadCard, 1);

  g_return_if_fail (CRM_IS_SESSION (session));

  read->ticket_id = ticket_id;
  read->reader = reader;
  crm_session_read_async (session, read_card, read, g_free, (GDestroyNotify) crm_ticket_card_free,
                        cancellable, callback, user_data);
}

/**
 * crm_ticket_card_read_finish:
 * @store: a #CrmSession
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the card, or %NULL with @error set
 */
CrmTicketCard *
crm_ticket_card_read_finish (CrmSession    *session,
                             GAsyncResult  *result,
                             GError       **error)
{
  return crm_session_read_finish (session, result, error);
}

/**
 * crm_ticket_card_is_following:
 * @card: a card
 * @user_id: a user
 *
 * Returns: whether @user_id follows the card's ticket
 */
gboolean
crm_ticket_card_is_following (const CrmTicketCard *card,
                              gint64               user_id)
{
  for (guint i = 0; card->followers != NULL && i < card->followers->len; i++)
    if (crm_user_get_id (g_ptr_array_index (card->followers, i)) == user_id)
      return TRUE;

  return FALSE;
}

/**
 * crm_ticket_card_free:
 * @card: (transfer full) (nullable): a card
 */
void
crm_ticket_card_free (CrmTicketCard *card)
{
  if (card == NULL)
    return;

  g_clear_object (&card->ticket);
  g_clear_pointer (&card->entries, g_ptr_array_unref);
  g_strfreev (card->statuses);
  g_strfreev (card->priorities);
  g_strfreev (card->categories);
  g_strfreev (card->queues);
  g_strfreev (card->close_reasons);
  g_clear_object (&card->users);
  g_clear_pointer (&card->followers, g_ptr_array_unref);
  g_clear_object (&card->client);
  g_clear_object (&card->recent);
  g_clear_pointer (&card->projects, g_ptr_array_unref);
  g_free (card->currency);
  g_free (card);
}
