/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"
#include "crm-offer-detail.h"
#include "crm-offer-editor.h"

G_BEGIN_DECLS

#define CRM_TYPE_OFFERS_PAGE (crm_offers_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmOffersPage, crm_offers_page, CRM, OFFERS_PAGE, GtkWidget)

void            crm_offers_page_set_session (CrmOffersPage *self,
                                             CrmSession    *session);
void            crm_offers_page_set_user    (CrmOffersPage *self,
                                             CrmUser       *user);
CrmOfferList   *crm_offers_page_get_list    (CrmOffersPage *self);
CrmOfferDetail *crm_offers_page_get_detail  (CrmOffersPage *self);
void            crm_offers_page_show_offer  (CrmOffersPage *self,
                                             gint64         id);
CrmOfferEditor *crm_offers_page_new_offer   (CrmOffersPage *self);
void            crm_offers_page_show_view   (CrmOffersPage *self,
                                             CrmSavedView  *view);

G_END_DECLS
