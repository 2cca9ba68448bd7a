/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_AUTOMATION_LOG (crm_automation_log_get_type ())

G_DECLARE_FINAL_TYPE (CrmAutomationLog, crm_automation_log, CRM, AUTOMATION_LOG, AdwWindow)

GtkWidget *crm_automation_log_new         (GtkWindow   *parent,
                                           CrmSession  *session,
                                           gint64       automation_id);
guint      crm_automation_log_get_n_rows  (CrmAutomationLog *self);
gboolean   crm_automation_log_is_loading  (CrmAutomationLog *self);

G_END_DECLS
