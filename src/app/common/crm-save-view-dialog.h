/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_SAVE_VIEW_DIALOG (crm_save_view_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmSaveViewDialog, crm_save_view_dialog, CRM, SAVE_VIEW_DIALOG, AdwMessageDialog)

CrmSaveViewDialog *crm_save_view_dialog_new      (GtkWindow         *parent,
                                                  CrmSession        *session,
                                                  const char        *module,
                                                  GVariant          *filter);
void               crm_save_view_dialog_set_name (CrmSaveViewDialog *self,
                                                  const char        *name);

G_END_DECLS
