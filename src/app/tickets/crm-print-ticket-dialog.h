/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_PRINT_TICKET_DIALOG (crm_print_ticket_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmPrintTicketDialog, crm_print_ticket_dialog, CRM, PRINT_TICKET_DIALOG, AdwMessageDialog)

GtkWidget *crm_print_ticket_dialog_new (GtkWindow *parent,
                                        gint64     ticket_id,
                                        GPtrArray *entries);

G_END_DECLS
