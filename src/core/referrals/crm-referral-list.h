/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-paged-list.h"
#include "crm-referral.h"
#include "crm-session.h"

G_BEGIN_DECLS

#define CRM_TYPE_REFERRAL_LIST (crm_referral_list_get_type ())

G_DECLARE_FINAL_TYPE (CrmReferralList, crm_referral_list, CRM, REFERRAL_LIST, CrmPagedList)

CrmReferralList *crm_referral_list_new        (CrmSession              *session);
void             crm_referral_list_set_filter (CrmReferralList         *self,
                                               const CrmReferralFilter *filter);
CrmSession      *crm_referral_list_get_session (CrmReferralList        *self);

G_END_DECLS
