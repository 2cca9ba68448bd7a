/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_LINK_ACTIVITY_DIALOG (crm_link_activity_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmLinkActivityDialog, crm_link_activity_dialog, CRM, LINK_ACTIVITY_DIALOG, AdwMessageDialog)

GtkWidget *crm_link_activity_dialog_new (GtkWindow *parent,
                                         CrmTicket *ticket,
                                         GPtrArray *activities,
                                         guint      n_first);

G_END_DECLS
