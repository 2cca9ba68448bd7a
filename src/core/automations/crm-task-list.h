/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-paged-list.h"
#include "crm-task-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_TASK_LIST (crm_task_list_get_type ())

G_DECLARE_FINAL_TYPE (CrmTaskList, crm_task_list, CRM, TASK_LIST, CrmPagedList)

CrmTaskList *crm_task_list_new        (CrmSession          *session);
void         crm_task_list_set_filter (CrmTaskList         *self,
                                       const CrmTaskFilter *filter);
void         crm_task_list_get_filter (CrmTaskList         *self,
                                       CrmTaskFilter       *filter);

G_END_DECLS
