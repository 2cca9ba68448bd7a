/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_TASK_ROW (crm_task_row_get_type ())

G_DECLARE_FINAL_TYPE (CrmTaskRow, crm_task_row, CRM, TASK_ROW, GtkWidget)

GtkWidget *crm_task_row_new         (void);
CrmTask   *crm_task_row_get_task    (CrmTaskRow *self);
void       crm_task_row_set_task    (CrmTaskRow *self,
                                     CrmTask    *task,
                                     gint64      now);
void       crm_task_row_set_show_record (CrmTaskRow *self,
                                         gboolean    show_record);
void       crm_task_row_set_show_user   (CrmTaskRow *self,
                                         gboolean    show_user);
gboolean   crm_task_row_open_record (CrmTaskRow *self);

G_END_DECLS
