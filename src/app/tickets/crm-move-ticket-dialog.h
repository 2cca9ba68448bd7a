/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_MOVE_TICKET_DIALOG (crm_move_ticket_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmMoveTicketDialog, crm_move_ticket_dialog, CRM, MOVE_TICKET_DIALOG, AdwMessageDialog)

GtkWidget *crm_move_ticket_dialog_new (GtkWindow          *parent,
                                       CrmTicket          *ticket,
                                       const char         *queue,
                                       const char * const *user_names,
                                       const gint64       *user_ids,
                                       guint               n_users);

G_END_DECLS
