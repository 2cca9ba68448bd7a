/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_OFFER_DETAIL (crm_offer_detail_get_type ())

G_DECLARE_FINAL_TYPE (CrmOfferDetail, crm_offer_detail, CRM, OFFER_DETAIL, GtkWidget)

void        crm_offer_detail_set_session   (CrmOfferDetail *self,
                                            CrmSession     *session);
void        crm_offer_detail_set_user      (CrmOfferDetail *self,
                                            CrmUser        *user);
CrmOffer   *crm_offer_detail_get_offer     (CrmOfferDetail *self);
void        crm_offer_detail_set_offer_id  (CrmOfferDetail *self,
                                            gint64          id);
void        crm_offer_detail_set_show_back (CrmOfferDetail *self,
                                            gboolean        show_back);
GListModel *crm_offer_detail_get_matches   (CrmOfferDetail *self);
GListModel *crm_offer_detail_get_history   (CrmOfferDetail *self);

G_END_DECLS
