/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_PROJECT_DIALOG (crm_project_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmProjectDialog, crm_project_dialog, CRM, PROJECT_DIALOG, AdwWindow)

GtkWidget *crm_project_dialog_new             (GtkWindow        *parent,
                                               CrmSession       *session,
                                               gint64            ticket_id,
                                               const char       *currency);
GtkWidget *crm_project_dialog_new_for_project (GtkWindow        *parent,
                                               CrmSession       *session,
                                               const CrmProject *project,
                                               const char       *currency);

G_END_DECLS
