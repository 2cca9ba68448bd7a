/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the mail module's storage and the modules above it. */

#include "crm-store-private.h"
#include "crm-account-store.h"
#include "crm-message-store.h"
#include "crm-outbox.h"
#include "crm-template-store.h"
#include "crm-parsed-message.h"

G_BEGIN_DECLS

gboolean _crm_message_store_index (CrmMessageStore  *store,
                                   const gint64     *ids,
                                   guint             n_ids,
                                   GError          **error);

gboolean _crm_message_store_find_imported   (CrmMessageStore   *self,
                                             gint64             account_id,
                                             const char        *folder,
                                             guint32            uidvalidity,
                                             guint32            uid,
                                             gboolean          *known,
                                             GError           **error);
gboolean _crm_message_store_find_same       (CrmMessageStore   *self,
                                             CrmParsedMessage  *parsed,
                                             gint64            *id,
                                             GError           **error);
gboolean _crm_message_store_record_uid      (CrmMessageStore   *self,
                                             gint64             account_id,
                                             const char        *folder,
                                             guint32            uidvalidity,
                                             guint32            uid,
                                             gint64             message,
                                             GError           **error);
gint64   _crm_message_store_add_incoming    (CrmMessageStore   *self,
                                             gint64             account_id,
                                             CrmParsedMessage  *parsed,
                                             GBytes            *raw,
                                             GError           **error);
gboolean _crm_message_store_remember_folder (CrmMessageStore   *self,
                                             gint64             account_id,
                                             const char        *folder,
                                             guint32            uidvalidity,
                                             guint32            uidnext,
                                             GError           **error);

G_END_DECLS
