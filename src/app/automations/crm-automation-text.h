/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "crm.h"

G_BEGIN_DECLS

/* The modules automations work on, in the page's dropdown's order. */
extern const char * const crm_automation_modules[];

const char *crm_automation_module_label     (const char                *module);
const char *crm_automation_kind_label       (CrmAutomationStepKind      kind);
const char *crm_automation_state_label      (CrmAutomationRunState      state);
const char *crm_automation_catch_up_label   (CrmCatchUp                 policy);
char       *crm_automation_time_label       (int                        minute_of_day);
char       *crm_automation_weekdays_label   (CrmWeekdays                weekdays);
char       *crm_automation_step_summary     (const CrmAutomationStep   *step);
char       *crm_automation_step_details     (const CrmAutomationStep   *step);

G_END_DECLS
