/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_TICKET_VIEW (crm_ticket_view_get_type ())

G_DECLARE_FINAL_TYPE (CrmTicketView, crm_ticket_view, CRM, TICKET_VIEW, GtkWidget)

void         crm_ticket_view_set_session       (CrmTicketView *self,
                                                CrmSession    *session);
void         crm_ticket_view_set_user          (CrmTicketView *self,
                                                CrmUser       *user);
void         crm_ticket_view_set_ticket        (CrmTicketView *self,
                                                gint64         ticket_id);
gboolean     crm_ticket_view_send              (CrmTicketView *self);
gboolean     crm_ticket_view_send_later        (CrmTicketView *self,
                                                gint64         at);
GtkWidget   *crm_ticket_view_send_later_dialog (CrmTicketView *self);
GtkWidget   *crm_ticket_view_add_client        (CrmTicketView *self);
GtkWidget   *crm_ticket_view_link_client       (CrmTicketView *self);
void         crm_ticket_view_add_attachment    (CrmTicketView *self,
                                                const char    *name,
                                                GBytes        *data);
gboolean     crm_ticket_view_insert_template   (CrmTicketView *self,
                                                const char    *name);
GtkTextView *crm_ticket_view_get_composer      (CrmTicketView *self);
void         crm_ticket_view_focus_reply       (CrmTicketView *self);
void         crm_ticket_view_set_show_back     (CrmTicketView *self,
                                                gboolean       show);
void         crm_ticket_view_show_undo         (CrmTicketView *self,
                                                const char    *title,
                                                gint64         outbox_id);
gint64       crm_ticket_view_get_send_due      (CrmTicketView *self);
const char  *crm_ticket_view_get_others_replying (CrmTicketView *self);

void       crm_ticket_view_set_print_to_file (CrmTicketView *self,
                                              const char    *path);

G_END_DECLS
