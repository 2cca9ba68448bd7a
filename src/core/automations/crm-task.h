/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CRM_TASK_TITLE_MAX:
 *
 * How many characters a task's title may have.
 */
#define CRM_TASK_TITLE_MAX 200

const char * const *crm_task_record_modules      (void);
gboolean            crm_task_record_module_valid (const char  *module);
const char         *crm_task_record_module_name  (const char  *module);
gboolean            crm_task_parse_record        (const char  *text,
                                                  char       **module,
                                                  gint64      *record_id,
                                                  GError     **error);

#define CRM_TYPE_TASK (crm_task_get_type ())

G_DECLARE_FINAL_TYPE (CrmTask, crm_task, CRM, TASK, GObject)

gint64       crm_task_get_id                 (CrmTask *self);
const char  *crm_task_get_title              (CrmTask *self);
gint64       crm_task_get_user_id            (CrmTask *self);
const char  *crm_task_get_user_name          (CrmTask *self);
gint64       crm_task_get_due                (CrmTask *self);
const char  *crm_task_get_record_module      (CrmTask *self);
gint64       crm_task_get_record_id          (CrmTask *self);
const char  *crm_task_get_record_label       (CrmTask *self);
gint64       crm_task_get_done               (CrmTask *self);
const char  *crm_task_get_done_by            (CrmTask *self);
gint64       crm_task_get_created_by_id      (CrmTask *self);
const char  *crm_task_get_created_by         (CrmTask *self);
gint64       crm_task_get_created            (CrmTask *self);
gint64       crm_task_get_notified           (CrmTask *self);
gint64       crm_task_get_automation_run_id  (CrmTask *self);
gboolean     crm_task_is_overdue             (CrmTask *self,
                                              gint64   now);
char        *crm_task_dup_record_text        (CrmTask *self);

G_END_DECLS
