/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"
#include "crm-automation-choices.h"

G_BEGIN_DECLS

#define CRM_TYPE_AUTOMATION_STEP_DIALOG (crm_automation_step_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmAutomationStepDialog, crm_automation_step_dialog, CRM, AUTOMATION_STEP_DIALOG, AdwWindow)

GtkWidget *crm_automation_step_dialog_new (GtkWindow                   *parent,
                                           const CrmAutomationChoices  *choices,
                                           const CrmAutomationStep     *step);

G_END_DECLS
