/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_ADD_ACTIVITY_DIALOG (crm_add_activity_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmAddActivityDialog, crm_add_activity_dialog, CRM, ADD_ACTIVITY_DIALOG, AdwMessageDialog)

GtkWidget   *crm_add_activity_dialog_new          (GtkWindow            *parent,
                                                   CrmSession           *session,
                                                   CrmTicket            *ticket,
                                                   CrmContact           *client);
CrmActivity *crm_add_activity_dialog_dup_activity (CrmAddActivityDialog *self,
                                                   GError              **error);

G_END_DECLS
