/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_ADD_CLIENT_DIALOG (crm_add_client_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmAddClientDialog, crm_add_client_dialog, CRM, ADD_CLIENT_DIALOG, AdwMessageDialog)

GtkWidget *crm_add_client_dialog_new (GtkWindow  *parent,
                                      const char *address,
                                      const char *name);

G_END_DECLS
