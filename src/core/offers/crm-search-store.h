/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"
#include "crm-offer-types.h"
#include "crm-search.h"

G_BEGIN_DECLS

#define CRM_TYPE_SEARCH_STORE (crm_search_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmSearchStore, crm_search_store, CRM, SEARCH_STORE, CrmStore)

CrmSearchStore *crm_search_store_from_session (CrmSession *session);

/**
 * CrmSearchFilter:
 * @agent_id: only this agent's searches, or 0; %CRM_USER_ME (saved
 *   filters): those of an agent, each its own
 * @client_id: only this client's searches, or 0
 * @stale_only: only searches not updated for the office's stale days
 *   (30), oldest first (OF10); else newest first
 * @limit: at most this many, or 0
 * @offset: skip this many
 */
typedef struct
{
  gint64   agent_id;
  gint64   client_id;
  gboolean stale_only;
  guint    limit;
  guint    offset;
} CrmSearchFilter;

gboolean  crm_search_store_check_filter   (CrmSearchStore         *self,
                                          const CrmSearchFilter  *filter,
                                          GError                **error);
GVariant *crm_search_filter_to_variant    (const CrmSearchFilter  *filter);
gboolean  crm_search_filter_from_variant  (GVariant               *variant,
                                          gint64                  me,
                                          CrmSearchFilter        *filter,
                                          GError                **error);
GArray   *crm_search_store_select_ids     (CrmSearchStore         *self,
                                          const CrmSearchFilter  *filter,
                                          gint64                  after_id,
                                          guint                   limit,
                                          GError                **error);
gboolean  crm_search_store_filter_matches (CrmSearchStore         *self,
                                          const CrmSearchFilter  *filter,
                                          gint64                  search_id,
                                          gboolean               *matches,
                                          GError                **error);

gboolean    crm_search_store_save        (CrmSearchStore         *self,
                                          CrmSearch              *search,
                                          gboolean                bump,
                                          GError                **error);
void        crm_search_store_save_async  (CrmSearchStore         *self,
                                          CrmSearch              *search,
                                          gboolean                bump,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
CrmSearch  *crm_search_store_save_finish (CrmSearchStore         *self,
                                          GAsyncResult           *result,
                                          GError                **error);
CrmSearch  *crm_search_store_get         (CrmSearchStore         *self,
                                          gint64                  id,
                                          GError                **error);
gboolean    crm_search_store_delete      (CrmSearchStore         *self,
                                          gint64                  id,
                                          GError                **error);
GListModel *crm_search_store_list        (CrmSearchStore         *self,
                                          const CrmSearchFilter  *filter,
                                          GError                **error);
guint       crm_search_store_find        (CrmSearchStore         *self,
                                          const CrmSearchFilter  *filter,
                                          gint64                  search_id);
guint       crm_search_store_count       (CrmSearchStore         *self,
                                          const CrmSearchFilter  *filter,
                                          GError                **error);
GArray     *crm_search_store_list_ids    (CrmSearchStore         *self,
                                          const CrmSearchFilter  *filter,
                                          GError                **error);
GPtrArray  *crm_search_store_get_many    (CrmSearchStore         *self,
                                          const gint64           *ids,
                                          guint                   n_ids,
                                          GError                **error);
gboolean    crm_search_store_bump        (CrmSearchStore         *self,
                                          const gint64           *ids,
                                          guint                   n_ids,
                                          GError                **error);

G_END_DECLS
