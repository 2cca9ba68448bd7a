/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_IMPORT_ACTIVITIES_DIALOG (crm_import_activities_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmImportActivitiesDialog, crm_import_activities_dialog, CRM, IMPORT_ACTIVITIES_DIALOG,
                      AdwMessageDialog)

GtkWidget *crm_import_activities_dialog_new         (GtkWindow                 *parent,
                                                     CrmSession                *session);
void       crm_import_activities_dialog_import_file (CrmImportActivitiesDialog *self,
                                                     GFile                     *file);

G_END_DECLS
