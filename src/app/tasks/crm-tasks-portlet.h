/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-portlet.h"

G_BEGIN_DECLS

#define CRM_TYPE_TASKS_PORTLET (crm_tasks_portlet_get_type ())

G_DECLARE_FINAL_TYPE (CrmTasksPortlet, crm_tasks_portlet, CRM, TASKS_PORTLET, CrmPortlet)

GListModel *crm_tasks_portlet_get_tasks (CrmTasksPortlet *self);
GtkWidget  *crm_tasks_portlet_get_row   (CrmTasksPortlet *self,
                                         gint64           task_id);

G_END_DECLS
