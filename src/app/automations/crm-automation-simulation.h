/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_AUTOMATION_SIMULATION (crm_automation_simulation_get_type ())

G_DECLARE_FINAL_TYPE (CrmAutomationSimulation, crm_automation_simulation, CRM, AUTOMATION_SIMULATION, AdwWindow)

GtkWidget *crm_automation_simulation_new         (GtkWindow   *parent,
                                                  CrmSession  *session,
                                                  gint64       automation_id);
guint      crm_automation_simulation_get_n_rows  (CrmAutomationSimulation *self);
gboolean   crm_automation_simulation_is_loading  (CrmAutomationSimulation *self);

G_END_DECLS
