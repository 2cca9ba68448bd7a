/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_TICKET_PROJECTS (crm_ticket_projects_get_type ())

G_DECLARE_FINAL_TYPE (CrmTicketProjects, crm_ticket_projects, CRM, TICKET_PROJECTS, GtkWidget)

void crm_ticket_projects_set_session (CrmTicketProjects   *self,
                                      CrmSession          *session);
void crm_ticket_projects_show        (CrmTicketProjects   *self,
                                      const CrmTicketCard *card);
void crm_ticket_projects_create      (CrmTicketProjects   *self);

G_END_DECLS
