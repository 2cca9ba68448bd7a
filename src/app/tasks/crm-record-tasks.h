/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_RECORD_TASKS (crm_record_tasks_get_type ())

G_DECLARE_FINAL_TYPE (CrmRecordTasks, crm_record_tasks, CRM, RECORD_TASKS, AdwPreferencesGroup)

void        crm_record_tasks_set_session (CrmRecordTasks *self,
                                          CrmSession     *session);
void        crm_record_tasks_set_record  (CrmRecordTasks *self,
                                          const char     *module,
                                          gint64          record_id,
                                          const char     *record_text);
GListModel *crm_record_tasks_get_tasks   (CrmRecordTasks *self);

G_END_DECLS
