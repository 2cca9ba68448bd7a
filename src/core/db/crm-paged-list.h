/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-session.h"

G_BEGIN_DECLS

#define CRM_TYPE_PAGED_LIST (crm_paged_list_get_type ())

G_DECLARE_DERIVABLE_TYPE (CrmPagedList, crm_paged_list, CRM, PAGED_LIST, GObject)

/**
 * CrmPagedListClass:
 * @count: (optional): how many items there are now; lists without
 *   @load_ids only
 * @load_page: (optional): reads the @page_size items from @first on, in
 *   order; lists without @load_ids only
 * @dup_query: takes a snapshot of what the list shows (its filter), for
 *   a worker thread; freed with @free_query
 * @free_query: frees what @dup_query returned
 * @load_ids: called on a worker thread with a connection of its own:
 *   the ids of the items @query lets through, in the list's order
 * @load_head_ids: (nullable): on a worker thread, like @load_ids, the
 *   first @n of them only: a list's first reading shows them before
 *   the others come
 * @load_items: reads the items of @ids (in any order; missing ones are
 *   left out) through @session, for @query (what @dup_query took, or
 *   %NULL: the list's own); called on a worker thread with a connection
 *   of its own (a page the worker reads with the ids, and on a team's
 *   server every page), or on the list's thread with the list's own
 * @get_item_id: the id of one of the list's items
 * @locate_ids: (nullable): on a worker thread, for a few items that
 *   changed: where each of @ids stands now in the list @query gives
 *   (how many items come before it, or -1 when it is not in it);
 *   %FALSE without @error when @query's order cannot be worked out so
 *   (then every id is read again)
 *
 * Lists that implement @load_ids keep their order as a snapshot of ids
 * read off the main thread, and report what changed between two
 * snapshots as precise ranges, keeping each item's identity by its id.
 */
struct _CrmPagedListClass
{
  GObjectClass parent_class;

  guint      (*count)       (CrmPagedList  *self);
  GPtrArray *(*load_page)   (CrmPagedList  *self,
                             guint          first,
                             guint          page_size);

  gpointer   (*dup_query)   (CrmPagedList  *self);
  void       (*free_query)  (gpointer       query);
  GArray    *(*load_ids)    (CrmPagedList  *self,
                             gpointer       query,
                             CrmSession      *session,
                             GCancellable  *cancellable,
                             GError       **error);
  GArray    *(*load_head_ids) (CrmPagedList *self,
                               gpointer      query,
                               CrmSession   *session,
                               guint         n,
                               GCancellable *cancellable,
                               GError      **error);
  GPtrArray *(*load_items)  (CrmPagedList  *self,
                             CrmSession      *session,
                             gpointer       query,
                             const gint64  *ids,
                             guint          n_ids,
                             GError       **error);
  gint64     (*get_item_id) (CrmPagedList  *self,
                             gpointer       item);
  gboolean   (*locate_ids)  (CrmPagedList  *self,
                             gpointer       query,
                             CrmSession    *session,
                             const gint64  *ids,
                             guint          n_ids,
                             gint64        *positions,
                             GError       **error);
};

void     crm_paged_list_set_session   (CrmPagedList *self,
                                       CrmSession   *session);
void     crm_paged_list_set_read_on_worker (CrmPagedList *self,
                                            gboolean      on_worker);
gboolean crm_paged_list_get_complete  (CrmPagedList *self);
void     crm_paged_list_reload        (CrmPagedList *self);
void     crm_paged_list_queue_reload  (CrmPagedList *self);
void     crm_paged_list_item_changed  (CrmPagedList *self,
                                       gint64        id);
gboolean crm_paged_list_get_loading   (CrmPagedList *self);
void     crm_paged_list_set_paused    (CrmPagedList *self,
                                       gboolean      paused);
guint    crm_paged_list_find_id       (CrmPagedList *self,
                                       gint64        id);
guint    crm_paged_list_count_loading (void);
gboolean crm_paged_list_wait          (CrmPagedList *self,
                                       guint         timeout_ms);

G_END_DECLS
