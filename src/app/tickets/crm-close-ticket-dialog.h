/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_CLOSE_TICKET_DIALOG (crm_close_ticket_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmCloseTicketDialog, crm_close_ticket_dialog, CRM, CLOSE_TICKET_DIALOG, AdwMessageDialog)

GtkWidget *crm_close_ticket_dialog_new (GtkWindow          *parent,
                                        CrmTicket          *ticket,
                                        const char * const *reasons,
                                        CrmTicketOutcome    outcome);

G_END_DECLS
