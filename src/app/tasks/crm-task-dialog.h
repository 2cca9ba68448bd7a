/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_TASK_DIALOG (crm_task_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmTaskDialog, crm_task_dialog, CRM, TASK_DIALOG, AdwMessageDialog)

GtkWidget *crm_task_dialog_new    (GtkWidget      *from,
                                   CrmSession     *session,
                                   const char     *module,
                                   gint64          record_id,
                                   const char     *record_text);
gboolean   crm_task_dialog_check  (CrmTaskDialog  *self,
                                   gint64         *user_id,
                                   char          **title,
                                   gint64         *due,
                                   GError        **error);

G_END_DECLS
