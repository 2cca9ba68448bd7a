/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_TICKET (crm_ticket_get_type ())

G_DECLARE_FINAL_TYPE (CrmTicket, crm_ticket, CRM, TICKET, GObject)

gint64      crm_ticket_get_id             (CrmTicket *self);
const char *crm_ticket_get_subject        (CrmTicket *self);
const char *crm_ticket_get_status         (CrmTicket *self);
const char *crm_ticket_get_status_kind    (CrmTicket *self);
const char *crm_ticket_get_queue          (CrmTicket *self);
const char *crm_ticket_get_priority       (CrmTicket *self);
const char *crm_ticket_get_category       (CrmTicket *self);
const char *crm_ticket_get_source         (CrmTicket *self);
gint64      crm_ticket_get_assignee_id    (CrmTicket *self);
const char *crm_ticket_get_assignee       (CrmTicket *self);
gint64      crm_ticket_get_client_id      (CrmTicket *self);
const char *crm_ticket_get_client_name    (CrmTicket *self);
const char *crm_ticket_get_client_address (CrmTicket *self);
const char *crm_ticket_get_sender_name    (CrmTicket *self);
const char *crm_ticket_get_client_label   (CrmTicket *self);
const char *crm_ticket_get_client_manager (CrmTicket *self);
gint64      crm_ticket_get_created        (CrmTicket *self);
gint64      crm_ticket_get_updated        (CrmTicket *self);
gint64      crm_ticket_get_response_due   (CrmTicket *self);
gint64      crm_ticket_get_resolution_due (CrmTicket *self);
gboolean    crm_ticket_get_unread         (CrmTicket *self);
GStrv       crm_ticket_dup_tags           (CrmTicket *self);
const char *crm_ticket_get_outcome        (CrmTicket *self);
const char *crm_ticket_get_close_reason   (CrmTicket *self);
gint64      crm_ticket_get_merged_into    (CrmTicket *self);
gint64      crm_ticket_get_awaiting_since (CrmTicket *self);

const char *crm_ticket_display_name (const char *stored);

G_END_DECLS
