/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-list"

#include "config.h"

#include "crm-ticket-store-private.h"
#include "crm-ticket-list.h"

/**
 * CrmTicketList:
 *
 * The tickets a #CrmTicketFilter lets through, as a #CrmPagedList: their
 * ids read on a worker, the rows when a view asks for them. Changes to
 * tickets made through the store, by another process or by mail the
 * engine imports are picked up in one coalesced reload at idle, which
 * reports only what moved and reads again only the tickets that
 * changed.
 */
struct _CrmTicketList
{
  CrmPagedList     parent_instance;

  CrmSession        *session;
  CrmTicketFilter  filter;   /* strings owned */
  gulong           changed_handler;
  gulong           mail_handler;
};

G_DEFINE_FINAL_TYPE (CrmTicketList, crm_ticket_list, CRM_TYPE_PAGED_LIST)

/* The list's own filter: limit and offset are the list's business. */
static void
copy_filter (CrmTicketFilter       *to,
             const CrmTicketFilter *from)
{
  _crm_ticket_filter_copy (to, from);
  to->limit = 0;
  to->offset = 0;
}

static gpointer
crm_ticket_list_dup_query (CrmPagedList *list)
{
  CrmTicketFilter *query = g_new0 (CrmTicketFilter, 1);

  copy_filter (query, &CRM_TICKET_LIST (list)->filter);

  return query;
}

static GArray *
crm_ticket_list_load_ids (CrmPagedList  *list,
                          gpointer       query,
                          CrmSession    *session,
                          GCancellable  *cancellable,
                          GError       **error)
{
  return crm_ticket_store_list_ids (crm_ticket_store_from_session (session), query, cancellable, error);
}

/* The first @n of them: shown while the others are read. */
static GArray *
crm_ticket_list_load_head_ids (CrmPagedList  *list,
                               gpointer       query,
                               CrmSession    *session,
                               guint          n,
                               GCancellable  *cancellable,
                               GError       **error)
{
  CrmTicketFilter head = *(CrmTicketFilter *) query;

  head.limit = n;
  head.offset = 0;

  return crm_ticket_store_list_ids (crm_ticket_store_from_session (session), &head, cancellable, error);
}

static GPtrArray *
crm_ticket_list_load_items (CrmPagedList  *list,
                            CrmSession    *session,
                            gpointer       query,
                            const gint64  *ids,
                            guint          n_ids,
                            GError       **error)
{
  const CrmTicketFilter *filter = query != NULL ? query : &CRM_TICKET_LIST (list)->filter;

  return crm_ticket_store_get_many (crm_ticket_store_from_session (session), ids, n_ids, filter->reader, error);
}

/* Where the tickets that changed stand now: a count on the list's
 * index each (a search's order is its hits': not so). */
static gboolean
crm_ticket_list_locate_ids (CrmPagedList  *list,
                            gpointer       query,
                            CrmSession    *session,
                            const gint64  *ids,
                            guint          n_ids,
                            gint64        *positions,
                            GError       **error)
{
  const CrmTicketFilter *filter = query;

  if (filter->search != NULL && *filter->search != '\0')
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    if (!crm_ticket_store_locate (crm_ticket_store_from_session (session), filter, ids[i], &positions[i], error))
      return FALSE;

  return TRUE;
}

static gint64
crm_ticket_list_get_item_id (CrmPagedList *list,
                             gpointer      item)
{
  return crm_ticket_get_id (item);
}

static void
store_changed_cb (CrmTicketList *self,
                  const char    *entity,
                  gint64         id,
                  CrmSession    *session)
{
  crm_paged_list_item_changed (CRM_PAGED_LIST (self), id);
}

/* A message came, went or moved: its ticket may have changed, but the
 * message's id says nothing about which; only the journal's ticket
 * records do. */
static void
message_changed_cb (CrmTicketList *self,
                    const char    *entity,
                    gint64         id,
                    CrmSession    *session)
{
  crm_paged_list_queue_reload (CRM_PAGED_LIST (self));
}

static void
crm_ticket_list_dispose (GObject *object)
{
  CrmTicketList *self = CRM_TICKET_LIST (object);

  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->changed_handler, crm_session_get_database (self->session));
      g_clear_signal_handler (&self->mail_handler, crm_session_get_database (self->session));
    }
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_ticket_list_parent_class)->dispose (object);
}

static void
crm_ticket_list_finalize (GObject *object)
{
  _crm_ticket_filter_clear (&CRM_TICKET_LIST (object)->filter);

  G_OBJECT_CLASS (crm_ticket_list_parent_class)->finalize (object);
}

static void
crm_ticket_list_class_init (CrmTicketListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_ticket_list_dispose;
  G_OBJECT_CLASS (klass)->finalize = crm_ticket_list_finalize;
  CRM_PAGED_LIST_CLASS (klass)->dup_query = crm_ticket_list_dup_query;
  CRM_PAGED_LIST_CLASS (klass)->free_query = _crm_ticket_filter_free;
  CRM_PAGED_LIST_CLASS (klass)->load_ids = crm_ticket_list_load_ids;
  CRM_PAGED_LIST_CLASS (klass)->load_head_ids = crm_ticket_list_load_head_ids;
  CRM_PAGED_LIST_CLASS (klass)->load_items = crm_ticket_list_load_items;
  CRM_PAGED_LIST_CLASS (klass)->get_item_id = crm_ticket_list_get_item_id;
  CRM_PAGED_LIST_CLASS (klass)->locate_ids = crm_ticket_list_locate_ids;
}

static void
crm_ticket_list_init (CrmTicketList *self)
{
}

/**
 * crm_ticket_list_new:
 * @store: the store to read
 *
 * Returns: (transfer full): a list of all tickets, newest activity first
 */
CrmTicketList *
crm_ticket_list_new (CrmSession *session)
{
  CrmTicketList *self;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_TICKET_LIST, "item-type", CRM_TYPE_TICKET, NULL);
  self->session = g_object_ref (session);
  crm_paged_list_set_session (CRM_PAGED_LIST (self), session);
  self->changed_handler = g_signal_connect_object (crm_session_get_database (session), "changed::ticket", G_CALLBACK (store_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
  /* mail imported by the engine's own connection is announced as mail */
  self->mail_handler = g_signal_connect_object (crm_session_get_database (session), "changed::message", G_CALLBACK (message_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  crm_paged_list_reload (CRM_PAGED_LIST (self));

  return self;
}

/**
 * crm_ticket_list_set_filter:
 * @self: a #CrmTicketList
 * @filter: which tickets to hold, in which order (limit and offset are
 *   the list's own business and ignored)
 *
 * Changes what the list holds: the ids are read on the list's worker
 * (#CrmPagedList:loading), the rows when they are asked for.
 */
void
crm_ticket_list_set_filter (CrmTicketList         *self,
                            const CrmTicketFilter *filter)
{
  g_return_if_fail (CRM_IS_TICKET_LIST (self));
  g_return_if_fail (filter != NULL);

  _crm_ticket_filter_clear (&self->filter);
  copy_filter (&self->filter, filter);
  crm_paged_list_reload (CRM_PAGED_LIST (self));
}

/**
 * crm_ticket_list_get_filter:
 * @self: a #CrmTicketList
 * @filter: (out caller-allocates): the filter; its strings belong to
 *   the list
 */
void
crm_ticket_list_get_filter (CrmTicketList   *self,
                            CrmTicketFilter *filter)
{
  g_return_if_fail (CRM_IS_TICKET_LIST (self));

  *filter = self->filter;
}
