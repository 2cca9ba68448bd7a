/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_MERGE_TICKET_DIALOG (crm_merge_ticket_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmMergeTicketDialog, crm_merge_ticket_dialog, CRM, MERGE_TICKET_DIALOG, AdwMessageDialog)

GtkWidget *crm_merge_ticket_dialog_new (GtkWindow  *parent,
                                        CrmTicket  *ticket,
                                        GListModel *candidates);
void       crm_merge_ticket_dialog_set_notify (CrmMergeTicketDialog *self,
                                               gboolean              notify);

G_END_DECLS
