/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"
#include "crm-message.h"

G_BEGIN_DECLS

#define CRM_TYPE_MESSAGE_STORE (crm_message_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmMessageStore, crm_message_store, CRM, MESSAGE_STORE, CrmStore)

CrmMessageStore *crm_message_store_from_session (CrmSession *session);

GListModel *crm_message_store_list                (CrmMessageStore  *self,
                                                   guint             limit,
                                                   GError          **error);
char       *crm_message_store_get_text            (CrmMessageStore  *self,
                                                   gint64            id,
                                                   GError          **error);
GListModel *crm_message_store_list_ticket_mail    (CrmMessageStore  *self,
                                                   gint64            ticket_id,
                                                   GError          **error);
GBytes     *crm_message_store_get_attachment_data (CrmMessageStore  *self,
                                                   gint64            attachment_id,
                                                   GError          **error);
GListModel *crm_message_store_list_contact_files  (CrmMessageStore  *self,
                                                   gint64            contact_id,
                                                   guint             limit,
                                                   GError          **error);
gboolean    crm_message_store_read_ticket_extras (CrmMessageStore  *self,
                                                  gint64            ticket_id,
                                                  GHashTable      **texts,
                                                  GHashTable      **attachments,
                                                  GError          **error);
GListModel *crm_message_store_list_attachments    (CrmMessageStore  *self,
                                                   gint64            message_id,
                                                   GError          **error);
GBytes     *crm_message_store_get_raw             (CrmMessageStore  *self,
                                                   gint64            id,
                                                   GError          **error);

G_END_DECLS
