/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-session.h"

G_BEGIN_DECLS

#define CRM_TYPE_AUTOMATION_SCHEDULER (crm_automation_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (CrmAutomationScheduler, crm_automation_scheduler, CRM, AUTOMATION_SCHEDULER, GObject)

CrmAutomationScheduler *crm_automation_scheduler_new         (CrmSession             *session);
void                    crm_automation_scheduler_start       (CrmAutomationScheduler *self);
void                    crm_automation_scheduler_stop        (CrmAutomationScheduler *self);
void                    crm_automation_scheduler_wake        (CrmAutomationScheduler *self);
guint                   crm_automation_scheduler_get_passes  (CrmAutomationScheduler *self);
char                   *crm_automation_scheduler_dup_problem (CrmAutomationScheduler *self);

G_END_DECLS
