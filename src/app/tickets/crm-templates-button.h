/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_TEMPLATES_BUTTON (crm_templates_button_get_type ())

G_DECLARE_FINAL_TYPE (CrmTemplatesButton, crm_templates_button, CRM, TEMPLATES_BUTTON, GtkWidget)

void crm_templates_button_set_session (CrmTemplatesButton *self,
                                       CrmSession         *session);

G_END_DECLS
