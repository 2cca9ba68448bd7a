/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-offer-list"

#include "config.h"

#include <string.h>

#include "crm-offer-list.h"

/**
 * CrmOfferList:
 *
 * The offers a #CrmOfferFilter lets through, newest first, as a
 * #CrmPagedList: the count up front, pages of #CrmOffer rows when a
 * view asks for them. Changes to offers made through the store are
 * picked up in one coalesced reload at idle.
 */
struct _CrmOfferList
{
  CrmPagedList    parent_instance;

  CrmStore       *store;
  CrmOfferFilter  filter;   /* strings owned */
  gulong          changed_handler;
};

G_DEFINE_FINAL_TYPE (CrmOfferList, crm_offer_list, CRM_TYPE_PAGED_LIST)

static guint
crm_offer_list_count (CrmPagedList *list)
{
  CrmOfferList *self = CRM_OFFER_LIST (list);
  g_autoptr(GError) error = NULL;
  guint n = crm_store_count_offers (self->store, &self->filter, &error);

  if (error != NULL)
    g_warning ("Counting offers failed: %s", error->message);

  return n;
}

static GPtrArray *
crm_offer_list_load_page (CrmPagedList *list,
                          guint         first,
                          guint         page_size)
{
  CrmOfferList *self = CRM_OFFER_LIST (list);
  CrmOfferFilter filter = self->filter;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) offers = NULL;
  GPtrArray *rows = g_ptr_array_new_full (page_size, g_object_unref);

  filter.offset = first;
  filter.limit = page_size;
  offers = crm_store_list_offers (self->store, &filter, &error);
  if (offers == NULL)
    {
      g_warning ("Reading offers failed: %s", error->message);
      return rows;
    }

  for (guint i = 0; i < g_list_model_get_n_items (offers); i++)
    g_ptr_array_add (rows, g_list_model_get_item (offers, i));

  return rows;
}

static void
store_changed_cb (CrmOfferList *self,
                  const char   *entity,
                  gint64        id,
                  CrmStore     *store)
{
  crm_paged_list_queue_reload (CRM_PAGED_LIST (self));
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

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);

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
  CRM_PAGED_LIST_CLASS (klass)->count = crm_offer_list_count;
  CRM_PAGED_LIST_CLASS (klass)->load_page = crm_offer_list_load_page;
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
crm_offer_list_new (CrmStore *store)
{
  CrmOfferList *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_OFFER_LIST, "item-type", CRM_TYPE_OFFER, NULL);
  self->store = g_object_ref (store);
  self->changed_handler = g_signal_connect_object (store, "changed::offer", G_CALLBACK (store_changed_cb), self,
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
 * Finds where a offer stands in the list without reading the rows
 * before it, to select it when it is opened from elsewhere.
 *
 * Returns: its position, or %G_MAXUINT when the list does not hold it
 */
guint
crm_offer_list_find (CrmOfferList *self,
                    gint64        offer_id)
{
  g_return_val_if_fail (CRM_IS_OFFER_LIST (self), G_MAXUINT);

  return crm_store_find_offer (self->store, &self->filter, offer_id);
}
