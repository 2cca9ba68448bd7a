/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"
#include "crm-referral-detail.h"

G_BEGIN_DECLS

#define CRM_TYPE_REFERRALS_PAGE (crm_referrals_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmReferralsPage, crm_referrals_page, CRM, REFERRALS_PAGE, GtkWidget)

void               crm_referrals_page_set_session   (CrmReferralsPage *self,
                                                     CrmSession       *session);
void               crm_referrals_page_set_user      (CrmReferralsPage *self,
                                                     CrmUser          *user);
CrmReferralList   *crm_referrals_page_get_list      (CrmReferralsPage *self);
CrmReferralDetail *crm_referrals_page_get_detail    (CrmReferralsPage *self);
void               crm_referrals_page_get_counts    (CrmReferralsPage  *self,
                                                     CrmReferralCounts *counts);
void               crm_referrals_page_show_referral (CrmReferralsPage *self,
                                                     gint64            id);
void               crm_referrals_page_focus_search  (CrmReferralsPage *self);
void               crm_referrals_page_show_view     (CrmReferralsPage *self,
                                                     CrmSavedView     *view);

G_END_DECLS
