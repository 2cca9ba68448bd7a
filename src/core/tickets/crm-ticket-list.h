/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-paged-list.h"
#include "crm-session.h"
#include "crm-ticket-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_TICKET_LIST (crm_ticket_list_get_type ())

G_DECLARE_FINAL_TYPE (CrmTicketList, crm_ticket_list, CRM, TICKET_LIST, CrmPagedList)

CrmTicketList *crm_ticket_list_new        (CrmSession            *session);
void           crm_ticket_list_set_filter (CrmTicketList         *self,
                                           const CrmTicketFilter *filter);
void           crm_ticket_list_get_filter (CrmTicketList         *self,
                                           CrmTicketFilter       *filter);

G_END_DECLS
