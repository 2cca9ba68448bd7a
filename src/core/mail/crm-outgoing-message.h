/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-clock.h"

G_BEGIN_DECLS

#define CRM_OUTGOING_MAX_CC 30
#define CRM_OUTGOING_MAX_ATTACHMENT (25 * 1024 * 1024)

#define CRM_TYPE_OUTGOING_MESSAGE (crm_outgoing_message_get_type ())

G_DECLARE_FINAL_TYPE (CrmOutgoingMessage, crm_outgoing_message, CRM, OUTGOING_MESSAGE, GObject)

CrmOutgoingMessage *crm_outgoing_message_new         (const char         *from_name,
                                                      const char         *from_address);
void                crm_outgoing_message_add_to      (CrmOutgoingMessage *self,
                                                      const char         *address);
void                crm_outgoing_message_add_cc      (CrmOutgoingMessage *self,
                                                      const char         *address);
void                crm_outgoing_message_add_bcc     (CrmOutgoingMessage *self,
                                                      const char         *address);
void                crm_outgoing_message_set_subject (CrmOutgoingMessage *self,
                                                      const char         *subject);
void                crm_outgoing_message_set_body    (CrmOutgoingMessage *self,
                                                      const char         *text);
void                crm_outgoing_message_set_html    (CrmOutgoingMessage *self,
                                                      const char         *html);
void                crm_outgoing_message_set_reply_to   (CrmOutgoingMessage  *self,
                                                         const char          *address);
void                crm_outgoing_message_set_auto_submitted (CrmOutgoingMessage *self,
                                                             const char         *value);
void                crm_outgoing_message_set_reply      (CrmOutgoingMessage  *self,
                                                         const char          *in_reply_to,
                                                         const char * const  *references);
void        crm_outgoing_message_add_attachment (CrmOutgoingMessage  *self,
                                                 const char          *filename,
                                                 const char          *mime_type,
                                                 GBytes              *data);
const char *crm_outgoing_message_get_subject    (CrmOutgoingMessage  *self);
GStrv       crm_outgoing_message_dup_recipients (CrmOutgoingMessage  *self);
GBytes     *crm_outgoing_message_build          (CrmOutgoingMessage  *self,
                                                 CrmClock            *clock,
                                                 char               **message_id,
                                                 GError             **error);
gboolean    crm_message_id_is_ours              (const char          *message_id);

G_END_DECLS
