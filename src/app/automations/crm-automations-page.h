/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_AUTOMATIONS_PAGE (crm_automations_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmAutomationsPage, crm_automations_page, CRM, AUTOMATIONS_PAGE, AdwBin)

void        crm_automations_page_set_session  (CrmAutomationsPage *self,
                                               CrmSession         *session);
void        crm_automations_page_set_settings (CrmAutomationsPage *self,
                                               GSettings          *settings);
void        crm_automations_page_set_module   (CrmAutomationsPage *self,
                                               const char         *module);
guint       crm_automations_page_get_n_rows   (CrmAutomationsPage *self);
gboolean    crm_automations_page_is_busy      (CrmAutomationsPage *self);
GtkWidget  *crm_automations_page_open_log     (CrmAutomationsPage *self,
                                               gint64              automation_id);
GtkWidget  *crm_automations_page_open_simulation (CrmAutomationsPage *self,
                                                  gint64              automation_id);

G_END_DECLS
