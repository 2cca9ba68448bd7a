/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_TICKET_CLIENT_PANEL (crm_ticket_client_panel_get_type ())

G_DECLARE_FINAL_TYPE (CrmTicketClientPanel, crm_ticket_client_panel, CRM, TICKET_CLIENT_PANEL, GtkWidget)

void crm_ticket_client_panel_show        (CrmTicketClientPanel *self,
                                          const CrmTicketCard  *card);
void crm_ticket_client_panel_set_session (CrmTicketClientPanel *self,
                                          CrmSession           *session);

G_END_DECLS
