/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-search-list"

#include "config.h"

#include "crm-search-list.h"
#include "crm-search-store.h"

/**
 * CrmSearchList:
 *
 * The searches a #CrmSearchFilter lets through, as a #CrmPagedList:
 * newest first, or with stale_only the agent's searches not updated
 * for 30 days, oldest first (the Start page's list, OF10). Changes to
 * searches made through the store are picked up in one coalesced
 * reload at idle.
 */
struct _CrmSearchList
{
  CrmPagedList     parent_instance;

  CrmSession        *session;
  CrmSearchFilter  filter;
  gulong           changed_handler;
};

G_DEFINE_FINAL_TYPE (CrmSearchList, crm_search_list, CRM_TYPE_PAGED_LIST)

static gpointer
crm_search_list_dup_query (CrmPagedList *list)
{
  return g_memdup2 (&CRM_SEARCH_LIST (list)->filter, sizeof (CrmSearchFilter));
}

static GArray *
crm_search_list_load_ids (CrmPagedList  *list,
                          gpointer       query,
                          CrmSession    *session,
                          GCancellable  *cancellable,
                          GError       **error)
{
  return crm_search_store_list_ids (crm_search_store_from_session (session), query, error);
}

static GPtrArray *
crm_search_list_load_items (CrmPagedList  *list,
                            CrmSession    *session,
                            gpointer       query,
                            const gint64  *ids,
                            guint          n_ids,
                            GError       **error)
{
  return crm_search_store_get_many (crm_search_store_from_session (session), ids, n_ids, error);
}

static gint64
crm_search_list_get_item_id (CrmPagedList *list,
                             gpointer      item)
{
  return crm_search_get_id (item);
}

static void
store_changed_cb (CrmSearchList *self,
                  const char    *entity,
                  gint64         id,
                  CrmSession    *session)
{
  crm_paged_list_item_changed (CRM_PAGED_LIST (self), id);
}

static void
crm_search_list_dispose (GObject *object)
{
  CrmSearchList *self = CRM_SEARCH_LIST (object);

  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_handler, crm_session_get_database (self->session));
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_search_list_parent_class)->dispose (object);
}

static void
crm_search_list_class_init (CrmSearchListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_search_list_dispose;
  CRM_PAGED_LIST_CLASS (klass)->dup_query = crm_search_list_dup_query;
  CRM_PAGED_LIST_CLASS (klass)->free_query = g_free;
  CRM_PAGED_LIST_CLASS (klass)->load_ids = crm_search_list_load_ids;
  CRM_PAGED_LIST_CLASS (klass)->load_items = crm_search_list_load_items;
  CRM_PAGED_LIST_CLASS (klass)->get_item_id = crm_search_list_get_item_id;
}

static void
crm_search_list_init (CrmSearchList *self)
{
}

/**
 * crm_search_list_new:
 * @store: the store to read
 *
 * Returns: (transfer full): a list of all searches, newest first
 */
CrmSearchList *
crm_search_list_new (CrmSession *session)
{
  CrmSearchList *self;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_SEARCH_LIST, "item-type", CRM_TYPE_SEARCH, NULL);
  self->session = g_object_ref (session);
  crm_paged_list_set_session (CRM_PAGED_LIST (self), session);
  self->changed_handler = g_signal_connect_object (crm_session_get_database (session), "changed::search", G_CALLBACK (store_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
  crm_paged_list_reload (CRM_PAGED_LIST (self));

  return self;
}

/**
 * crm_search_list_set_filter:
 * @self: a #CrmSearchList
 * @filter: which searches to hold (limit and offset are the list's own
 *   business and ignored)
 */
void
crm_search_list_set_filter (CrmSearchList         *self,
                            const CrmSearchFilter *filter)
{
  g_return_if_fail (CRM_IS_SEARCH_LIST (self));
  g_return_if_fail (filter != NULL);

  self->filter = *filter;
  self->filter.limit = 0;
  self->filter.offset = 0;
  crm_paged_list_reload (CRM_PAGED_LIST (self));
}

/**
 * crm_search_list_get_filter:
 * @self: a #CrmSearchList
 * @filter: (out caller-allocates): the filter
 */
void
crm_search_list_get_filter (CrmSearchList   *self,
                            CrmSearchFilter *filter)
{
  g_return_if_fail (CRM_IS_SEARCH_LIST (self));

  *filter = self->filter;
}

/**
 * crm_search_list_find:
 * @self: a #CrmSearchList
 * @search_id: the search to look for
 *
 * Finds where a search stands in the list without reading the rows
 * before it, to select it when it is opened from elsewhere.
 *
 * Returns: its position, or %G_MAXUINT when the list does not hold it
 */
guint
crm_search_list_find (CrmSearchList *self,
                      gint64         search_id)
{
  g_return_val_if_fail (CRM_IS_SEARCH_LIST (self), G_MAXUINT);

  return crm_paged_list_find_id (CRM_PAGED_LIST (self), search_id);
}
