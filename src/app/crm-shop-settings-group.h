/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_SHOP_SETTINGS_GROUP (crm_shop_settings_group_get_type ())

G_DECLARE_FINAL_TYPE (CrmShopSettingsGroup, crm_shop_settings_group, CRM, SHOP_SETTINGS_GROUP, AdwPreferencesGroup)

void crm_shop_settings_group_set_session (CrmShopSettingsGroup *self,
                                          CrmSession           *session,
                                          gboolean              admin);
const char *crm_shop_settings_group_get_status (CrmShopSettingsGroup *self);

G_END_DECLS
