/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-offer-store.h"
#include "crm-search-store.h"
#include "crm-paged-list.h"

G_BEGIN_DECLS

#define CRM_TYPE_SEARCH_LIST (crm_search_list_get_type ())

G_DECLARE_FINAL_TYPE (CrmSearchList, crm_search_list, CRM, SEARCH_LIST, CrmPagedList)

CrmSearchList *crm_search_list_new        (CrmSession            *session);
void           crm_search_list_set_filter (CrmSearchList         *self,
                                           const CrmSearchFilter *filter);
void           crm_search_list_get_filter (CrmSearchList         *self,
                                           CrmSearchFilter       *filter);
guint          crm_search_list_find       (CrmSearchList         *self,
                                           gint64                 search_id);

G_END_DECLS
