/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_APPLICATION (crm_application_get_type ())

G_DECLARE_FINAL_TYPE (CrmApplication, crm_application, CRM, APPLICATION, AdwApplication)

CrmApplication *crm_application_new          (void);
CrmSession     *crm_application_get_session  (CrmApplication *self);
GSettings      *crm_application_get_settings (CrmApplication *self);
gboolean        crm_application_is_first_run (CrmApplication *self);
CrmSession     *crm_application_open_for_search (CrmApplication *self);

G_END_DECLS
