/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_MESSAGE (crm_message_get_type ())

G_DECLARE_FINAL_TYPE (CrmMessage, crm_message, CRM, MESSAGE, GObject)

CrmMessage *crm_message_new            (gint64      id,
                                        const char *message_id,
                                        const char *direction,
                                        const char *from,
                                        const char *to,
                                        const char *cc,
                                        const char *subject,
                                        gint64      date,
                                        gint64      ticket_id);
gint64      crm_message_get_id         (CrmMessage *self);
const char *crm_message_get_message_id (CrmMessage *self);
const char *crm_message_get_direction  (CrmMessage *self);
const char *crm_message_get_from       (CrmMessage *self);
const char *crm_message_get_to         (CrmMessage *self);
const char *crm_message_get_cc         (CrmMessage *self);
const char *crm_message_get_subject    (CrmMessage *self);
gint64      crm_message_get_date       (CrmMessage *self);
gint64      crm_message_get_ticket_id  (CrmMessage *self);
const char *crm_message_get_reason     (CrmMessage *self);
const char *crm_message_get_automatic  (CrmMessage *self);
gboolean    crm_message_get_bulk       (CrmMessage *self);
const char *crm_message_get_from_name  (CrmMessage *self);
const char *crm_message_get_role       (CrmMessage *self);
char       *crm_message_dup_sender     (CrmMessage *self);

G_END_DECLS
