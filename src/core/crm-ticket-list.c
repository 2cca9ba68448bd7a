/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-list"

#include "config.h"

#include <string.h>

#include "crm-ticket-list.h"

/**
 * CrmTicketList:
 *
 * The tickets a #CrmTicketFilter lets through, as a #CrmPagedList: the
 * count up front, pages of rows when a view asks for them. Changes to
 * tickets made through the store (and mail the engine imports) are
 * picked up in one coalesced reload at idle.
 */
struct _CrmTicketList
{
  CrmPagedList     parent_instance;

  CrmStore        *store;
  CrmTicketFilter  filter;   /* strings owned */
  gulong           changed_handler;
  gulong           mail_handler;
};

G_DEFINE_FINAL_TYPE (CrmTicketList, crm_ticket_list, CRM_TYPE_PAGED_LIST)

static guint
crm_ticket_list_count (CrmPagedList *list)
{
  CrmTicketList *self = CRM_TICKET_LIST (list);
  g_autoptr(GError) error = NULL;
  guint n = crm_store_count_tickets (self->store, &self->filter, &error);

  if (error != NULL)
    g_warning ("Counting tickets failed: %s", error->message);

  return n;
}

static GPtrArray *
crm_ticket_list_load_page (CrmPagedList *list,
                           guint         first,
                           guint         page_size)
{
  CrmTicketList *self = CRM_TICKET_LIST (list);
  CrmTicketFilter filter = self->filter;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tickets = NULL;
  GPtrArray *rows = g_ptr_array_new_full (page_size, g_object_unref);

  filter.offset = first;
  filter.limit = page_size;
  tickets = crm_store_list_tickets (self->store, &filter, &error);
  if (tickets == NULL)
    {
      g_warning ("Reading tickets failed: %s", error->message);
      return rows;
    }

  for (guint i = 0; i < g_list_model_get_n_items (tickets); i++)
    g_ptr_array_add (rows, g_list_model_get_item (tickets, i));

  return rows;
}

static void
store_changed_cb (CrmTicketList *self,
                  const char    *entity,
                  gint64         id,
                  CrmStore      *store)
{
  crm_paged_list_queue_reload (CRM_PAGED_LIST (self));
}

static void
clear_filter (CrmTicketFilter *filter)
{
  g_free ((char *) filter->status);
  g_free ((char *) filter->search);
  g_free ((char *) filter->tag);
  g_free ((char *) filter->source);
  memset (filter, 0, sizeof *filter);
}

static void
crm_ticket_list_dispose (GObject *object)
{
  CrmTicketList *self = CRM_TICKET_LIST (object);

  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->changed_handler, self->store);
      g_clear_signal_handler (&self->mail_handler, self->store);
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_ticket_list_parent_class)->dispose (object);
}

static void
crm_ticket_list_finalize (GObject *object)
{
  clear_filter (&CRM_TICKET_LIST (object)->filter);

  G_OBJECT_CLASS (crm_ticket_list_parent_class)->finalize (object);
}

static void
crm_ticket_list_class_init (CrmTicketListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_ticket_list_dispose;
  G_OBJECT_CLASS (klass)->finalize = crm_ticket_list_finalize;
  CRM_PAGED_LIST_CLASS (klass)->count = crm_ticket_list_count;
  CRM_PAGED_LIST_CLASS (klass)->load_page = crm_ticket_list_load_page;
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
crm_ticket_list_new (CrmStore *store)
{
  CrmTicketList *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_TICKET_LIST, "item-type", CRM_TYPE_TICKET, NULL);
  self->store = g_object_ref (store);
  self->changed_handler = g_signal_connect_object (store, "changed::ticket", G_CALLBACK (store_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
  /* mail imported by the engine's own connection is announced as mail */
  self->mail_handler = g_signal_connect_object (store, "changed::message", G_CALLBACK (store_changed_cb), self,
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
 * Changes what the list holds; the count is read at once, the rows
 * when they are asked for.
 */
void
crm_ticket_list_set_filter (CrmTicketList         *self,
                            const CrmTicketFilter *filter)
{
  g_return_if_fail (CRM_IS_TICKET_LIST (self));
  g_return_if_fail (filter != NULL);

  clear_filter (&self->filter);
  self->filter = *filter;
  self->filter.status = g_strdup (filter->status);
  self->filter.search = g_strdup (filter->search);
  self->filter.tag = g_strdup (filter->tag);
  self->filter.source = g_strdup (filter->source);
  self->filter.limit = 0;
  self->filter.offset = 0;
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
