/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_TASK_WATCH (crm_task_watch_get_type ())

G_DECLARE_FINAL_TYPE (CrmTaskWatch, crm_task_watch, CRM, TASK_WATCH, GObject)

CrmTaskWatch *crm_task_watch_new       (GtkApplication *application,
                                        CrmSession     *session);
void          crm_task_watch_check     (CrmTaskWatch   *self);
guint         crm_task_watch_get_delay (CrmTaskWatch   *self);
void          crm_task_watch_open_task (CrmTaskWatch   *self,
                                        gint64          task_id);

G_END_DECLS
