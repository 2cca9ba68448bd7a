/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_REFERRAL_DETAIL (crm_referral_detail_get_type ())

G_DECLARE_FINAL_TYPE (CrmReferralDetail, crm_referral_detail, CRM, REFERRAL_DETAIL, GtkWidget)

void                   crm_referral_detail_set_session     (CrmReferralDetail *self,
                                                            CrmSession        *session);
void                   crm_referral_detail_set_referral_id (CrmReferralDetail *self,
                                                            gint64             id);
gint64                 crm_referral_detail_get_referral_id (CrmReferralDetail *self);
const CrmReferralCard *crm_referral_detail_get_card        (CrmReferralDetail *self);
void                   crm_referral_detail_set_show_back   (CrmReferralDetail *self,
                                                            gboolean           show_back);
GtkWidget             *crm_referral_detail_decide          (CrmReferralDetail *self,
                                                            CrmReferralStatus  decision);

void                   crm_referral_status_style           (GtkWidget         *label,
                                                            CrmReferralStatus  status);

G_END_DECLS
