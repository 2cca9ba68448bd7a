/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_USER_CHOOSER (crm_user_chooser_get_type ())

G_DECLARE_FINAL_TYPE (CrmUserChooser, crm_user_chooser, CRM, USER_CHOOSER, GtkWidget)

void crm_user_chooser_set_session (CrmUserChooser *self,
                                   CrmSession     *session);
void crm_user_chooser_reload      (CrmUserChooser *self);

G_END_DECLS
