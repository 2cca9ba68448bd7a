/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_LINK_CLIENT_DIALOG (crm_link_client_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmLinkClientDialog, crm_link_client_dialog, CRM, LINK_CLIENT_DIALOG, AdwMessageDialog)

GtkWidget *crm_link_client_dialog_new (GtkWindow  *parent,
                                       CrmSession *session,
                                       const char *address);

G_END_DECLS
