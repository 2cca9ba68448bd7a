/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_AUTOMATION_EDITOR (crm_automation_editor_get_type ())

G_DECLARE_FINAL_TYPE (CrmAutomationEditor, crm_automation_editor, CRM, AUTOMATION_EDITOR, AdwWindow)

GtkWidget *crm_automation_editor_new         (GtkWindow   *parent,
                                              CrmSession  *session,
                                              const char  *module,
                                              gint64       automation_id);
gboolean   crm_automation_editor_is_loading  (CrmAutomationEditor *self);
guint      crm_automation_editor_get_n_steps (CrmAutomationEditor *self);
const CrmAutomationStep *crm_automation_editor_get_step (CrmAutomationEditor *self,
                                                         guint                position);

G_END_DECLS
