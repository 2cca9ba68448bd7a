/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-offer-store.h"
#include "crm-search-store.h"
#include "crm-paged-list.h"

G_BEGIN_DECLS

#define CRM_TYPE_OFFER_LIST (crm_offer_list_get_type ())

G_DECLARE_FINAL_TYPE (CrmOfferList, crm_offer_list, CRM, OFFER_LIST, CrmPagedList)

CrmOfferList *crm_offer_list_new        (CrmSession           *session);
void          crm_offer_list_set_filter (CrmOfferList         *self,
                                         const CrmOfferFilter *filter);
void          crm_offer_list_get_filter (CrmOfferList         *self,
                                         CrmOfferFilter       *filter);
guint         crm_offer_list_find       (CrmOfferList         *self,
                                         gint64                offer_id);

G_END_DECLS
