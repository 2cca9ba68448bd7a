/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-offer-list"

#include "config.h"

#include <string.h>

#include "crm-offer-list.h"
#include "crm-offer-store.h"

/**
 * CrmOfferList:
 *
 * The offers a #CrmOfferFilter lets through, newest first, as a
 * #CrmPagedList: their ids read on a worker, pages of #CrmOffer rows when a
 * view asks for them. Changes to offers made through the store are
 * picked up in one coalesced reload at idle.
 */
struct _CrmOfferList
{
  CrmPagedList    parent_instance;

  CrmSession       *session;
  CrmOfferFilter  filter;   /* strings owned */
  gulong          changed_handler;
};

G_DEFINE_FINAL_TYPE (CrmOfferList, crm_offer_list, CRM_TYPE_PAGED_LIST)

static void clear_filter (CrmOfferFilter *filter);

static gpointer
crm_offer_list_dup_query (CrmPagedList *list)
{
  CrmOfferFilter *query = g_memdup2 (&CRM_OFFER_LIST (list)->filter, sizeof (CrmOfferFilter));

  query->deal = g_strdup (query->deal);
  query->property_type = g_strdup (query->property_type);
  query->city = g_strdup (query->city);

  return query;
}

static void
crm_offer_list_free_query (gpointer query)
{
  clear_filter (query);
  g_free (query);
}

static GArray *
crm_offer_list_load_ids (CrmPagedList  *list,
                         gpointer       query,
                         CrmSession    *session,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return crm_offer_store_list_ids (crm_offer_store_from_session (session), query, error);
}

static GPtrArray *
crm_offer_list_load_items (CrmPagedList  *list,
                           CrmSession    *session,
                           gpointer       query,
                           const gint64  *ids,
                           guint          n_ids,
                           GError       **error)
{
  return crm_offer_store_get_many (crm_offer_store_from_session (session), ids, n_ids, error);
}

static gint64
crm_offer_list_get_item_id (CrmPagedList *list,
                            gpointer      item)
{
  return crm_offer_get_id (item);
}

static void
store_changed_cb (CrmOfferList *self,
                  const char   *entity,
                  gint64        id,
                  CrmSession   *session)
{
  crm_paged_list_item_changed (CRM_PAGED_LIST (self), id);
}

static void
clear_filter (CrmOfferFilter *filter)
{
  g_free ((char *) filter->deal);
  g_free ((char *) filter->property_type);
  g_free ((char *) filter->city);
  memset (filter, 0, sizeof *filter);
}

static void
crm_offer_list_dispose (GObject *object)
{
  CrmOfferList *self = CRM_OFFER_LIST (object);

  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_handler, crm_session_get_database (self->session));
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_offer_list_parent_class)->dispose (object);
}

static void
crm_offer_list_finalize (GObject *object)
{
  clear_filter (&CRM_OFFER_LIST (object)->filter);

  G_OBJECT_CLASS (crm_offer_list_parent_class)->finalize (object);
}

static void
crm_offer_list_class_init (CrmOfferListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_offer_list_dispose;
  G_OBJECT_CLASS (klass)->finalize = crm_offer_list_finalize;
  CRM_PAGED_LIST_CLASS (klass)->dup_query = crm_offer_list_dup_query;
  CRM_PAGED_LIST_CLASS (klass)->free_query = crm_offer_list_free_query;
  CRM_PAGED_LIST_CLASS (klass)->load_ids = crm_offer_list_load_ids;
  CRM_PAGED_LIST_CLASS (klass)->load_items = crm_offer_list_load_items;
  CRM_PAGED_LIST_CLASS (klass)->get_item_id = crm_offer_list_get_item_id;
}

static void
crm_offer_list_init (CrmOfferList *self)
{
}

/**
 * crm_offer_list_new:
 * @store: the store to read
 *
 * Returns: (transfer full): a list of all offers, newest first
 */
CrmOfferList *
crm_offer_list_new (CrmSession *session)
{
  CrmOfferList *self;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_OFFER_LIST, "item-type", CRM_TYPE_OFFER, NULL);
  self->session = g_object_ref (session);
  crm_paged_list_set_session (CRM_PAGED_LIST (self), session);
  self->changed_handler = g_signal_connect_object (crm_session_get_database (session), "changed::offer", G_CALLBACK (store_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
  crm_paged_list_reload (CRM_PAGED_LIST (self));

  return self;
}

/**
 * crm_offer_list_set_filter:
 * @self: a #CrmOfferList
 * @filter: which offers to hold (limit and offset are the list's own
 *   business and ignored)
 */
void
crm_offer_list_set_filter (CrmOfferList         *self,
                           const CrmOfferFilter *filter)
{
  g_return_if_fail (CRM_IS_OFFER_LIST (self));
  g_return_if_fail (filter != NULL);

  clear_filter (&self->filter);
  self->filter = *filter;
  self->filter.deal = g_strdup (filter->deal);
  self->filter.property_type = g_strdup (filter->property_type);
  self->filter.city = g_strdup (filter->city);
  self->filter.limit = 0;
  self->filter.offset = 0;
  crm_paged_list_reload (CRM_PAGED_LIST (self));
}

/**
 * crm_offer_list_get_filter:
 * @self: a #CrmOfferList
 * @filter: (out caller-allocates): the filter; its strings belong to
 *   the list
 */
void
crm_offer_list_get_filter (CrmOfferList   *self,
                           CrmOfferFilter *filter)
{
  g_return_if_fail (CRM_IS_OFFER_LIST (self));

  *filter = self->filter;
}

/**
 * crm_offer_list_find:
 * @self: a #CrmOfferList
 * @offer_id: the offer to look for
 *
 * Finds where an offer stands in the list as last read, without
 * reading any row, to select it when it is opened from elsewhere.
 *
 * Returns: its position, or %G_MAXUINT when the list does not hold it
 */
guint
crm_offer_list_find (CrmOfferList *self,
                     gint64        offer_id)
{
  g_return_val_if_fail (CRM_IS_OFFER_LIST (self), G_MAXUINT);

  return crm_paged_list_find_id (CRM_PAGED_LIST (self), offer_id);
}
