/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the mail module's storage and the modules above it. */

#include "crm-store-private.h"
#include "crm-account-store.h"
#include "crm-message-store.h"
#include "crm-outbox.h"
#include "crm-template-store.h"

G_BEGIN_DECLS

gboolean       _crm_message_store_index         (CrmMessageStore *store,
                                                 const gint64    *ids,
                                                 guint            n_ids,
                                                 GError         **error);

G_END_DECLS
