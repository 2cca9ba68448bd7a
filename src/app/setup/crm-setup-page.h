/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_SETUP_PAGE (crm_setup_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmSetupPage, crm_setup_page, CRM, SETUP_PAGE, GtkWidget)

void crm_setup_page_set_session (CrmSetupPage *self,
                                 CrmSession   *session);

G_END_DECLS
