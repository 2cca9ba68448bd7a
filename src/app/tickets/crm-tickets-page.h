/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"
#include "crm-deleted-tickets-dialog.h"
#include "crm-outcomes-window.h"
#include "crm-ticket-view.h"

G_BEGIN_DECLS

#define CRM_TYPE_TICKETS_PAGE (crm_tickets_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmTicketsPage, crm_tickets_page, CRM, TICKETS_PAGE, GtkWidget)

void           crm_tickets_page_focus_search        (CrmTicketsPage *self);
gint64         crm_tickets_page_get_selected_id     (CrmTicketsPage *self);
void           crm_tickets_page_set_session         (CrmTicketsPage *self,
                                                     CrmSession     *session);
void           crm_tickets_page_set_user            (CrmTicketsPage *self,
                                                     CrmUser        *user);
CrmTicketList *crm_tickets_page_get_list            (CrmTicketsPage *self);
void           crm_tickets_page_reply_ticket        (CrmTicketsPage *self);
void           crm_tickets_page_show_ticket         (CrmTicketsPage *self,
                                                     gint64          ticket_id);
void           crm_tickets_page_select              (CrmTicketsPage *self,
                                                     guint           position);
CrmTicketView *crm_tickets_page_get_view            (CrmTicketsPage *self);
GtkWidget     *crm_tickets_page_new_ticket          (CrmTicketsPage *self);
GtkWidget     *crm_tickets_page_show_automatic_mail (CrmTicketsPage *self);
GtkWidget     *crm_tickets_page_import_activities   (CrmTicketsPage *self);
GtkWidget     *crm_tickets_page_save_view           (CrmTicketsPage *self);
void           crm_tickets_page_show_view           (CrmTicketsPage *self,
                                                     CrmSavedView   *view);
const char    *crm_tickets_page_get_view_name       (CrmTicketsPage *self);

CrmOutcomesWindow       *crm_tickets_page_show_outcomes (CrmTicketsPage *self);
CrmDeletedTicketsDialog *crm_tickets_page_show_deleted  (CrmTicketsPage *self);

G_END_DECLS
