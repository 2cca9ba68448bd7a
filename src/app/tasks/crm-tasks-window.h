/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_TASKS_WINDOW (crm_tasks_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmTasksWindow, crm_tasks_window, CRM, TASKS_WINDOW, AdwWindow)

GtkWidget  *crm_tasks_window_new      (GtkWindow      *parent,
                                       CrmSession     *session,
                                       CrmUser        *user);
GListModel *crm_tasks_window_get_list (CrmTasksWindow *self);
void        crm_tasks_window_show     (CrmTasksWindow *self,
                                       gint64          user_id,
                                       gboolean        open_only,
                                       gboolean        done_only);

G_END_DECLS
