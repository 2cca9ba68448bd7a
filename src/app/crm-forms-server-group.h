/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_FORMS_SERVER_GROUP (crm_forms_server_group_get_type ())

G_DECLARE_FINAL_TYPE (CrmFormsServerGroup, crm_forms_server_group, CRM, FORMS_SERVER_GROUP, AdwPreferencesGroup)

void crm_forms_server_group_set_session (CrmFormsServerGroup *self,
                                         CrmSession          *session,
                                         gboolean             editable);

G_END_DECLS
