/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_REFERRAL_FORMS_GROUP (crm_referral_forms_group_get_type ())

G_DECLARE_FINAL_TYPE (CrmReferralFormsGroup, crm_referral_forms_group, CRM, REFERRAL_FORMS_GROUP, AdwPreferencesGroup)

void crm_referral_forms_group_set_session (CrmReferralFormsGroup *self,
                                           CrmSession            *session,
                                           gboolean               editable);

G_END_DECLS
