/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "crm-session.h"

G_BEGIN_DECLS

#define CRM_TYPE_TICKET_PRINT (crm_ticket_print_get_type ())

G_DECLARE_FINAL_TYPE (CrmTicketPrint, crm_ticket_print, CRM, TICKET_PRINT, GObject)

CrmTicketPrint *crm_ticket_print_read       (CrmSession      *session,
                                             gint64           ticket_id,
                                             const gint64    *message_ids,
                                             guint            n_message_ids,
                                             gboolean         attachments_marker,
                                             GError         **error);
guint           crm_ticket_print_paginate   (CrmTicketPrint  *self,
                                             PangoContext    *context,
                                             double           width,
                                             double           height);
void            crm_ticket_print_draw_page  (CrmTicketPrint  *self,
                                             cairo_t         *cr,
                                             guint            page);
gboolean        crm_ticket_print_to_pdf     (CrmTicketPrint  *self,
                                             const char      *path,
                                             GError         **error);

G_END_DECLS
