/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_FORWARD_TICKET_DIALOG (crm_forward_ticket_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmForwardTicketDialog, crm_forward_ticket_dialog, CRM, FORWARD_TICKET_DIALOG, AdwMessageDialog)

GtkWidget *crm_forward_ticket_dialog_new (GtkWindow *parent,
                                          CrmTicket *ticket);

G_END_DECLS
