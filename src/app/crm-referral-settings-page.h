/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_REFERRAL_SETTINGS_PAGE (crm_referral_settings_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmReferralSettingsPage, crm_referral_settings_page, CRM, REFERRAL_SETTINGS_PAGE, AdwPreferencesPage)

void crm_referral_settings_page_set_session (CrmReferralSettingsPage *self,
                                             CrmSession              *session,
                                             CrmRole                  role);

G_END_DECLS
