/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-outbox-item.h"
#include "crm-outgoing-message.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_OUTBOX_MAX_SCHEDULE (14 * 24 * 3600)

/**
 * CrmOutboxHook:
 * @store: the store, inside the outbox's transaction
 * @outbox_id: the outbox row
 * @outcome: "sent", "failed" or "cancelled"
 * @user_data: what crm_outbox_add_hook() was given
 * @error: return location for a #GError
 *
 * What the owner of a mail does when it is sent, fails or is
 * cancelled, in the same transaction as the outbox's own change: when
 * it fails, nothing of the change is kept (for "cancelled" and
 * "failed"; a sent mail stays sent, and its records are written after).
 *
 * Returns: %TRUE when done
 */
typedef gboolean (*CrmOutboxHook) (CrmStore    *store,
                                   gint64       outbox_id,
                                   const char  *outcome,
                                   gpointer     user_data,
                                   GError     **error);

void        crm_outbox_add_hook     (const char          *owner,
                                     CrmOutboxHook        hook,
                                     gpointer             user_data);
gint64      crm_outbox_queue        (CrmStore            *store,
                                     const char          *owner,
                                     gint64               account_id,
                                     CrmOutgoingMessage  *message,
                                     gint64               due,
                                     GError             **error);
gboolean    crm_outbox_cancel       (CrmStore            *store,
                                     gint64               id,
                                     GError             **error);
GListModel *crm_outbox_list         (CrmStore            *store,
                                     GError             **error);
CrmOutboxItem *crm_outbox_get       (CrmStore            *store,
                                     gint64               id,
                                     GError             **error);
CrmOutboxItem *crm_outbox_get_for_message (CrmStore        *store,
                                           gint64           id,
                                           GError         **error);
guint       crm_outbox_run_due      (CrmStore            *store,
                                     GCancellable        *cancellable,
                                     GError             **error);
gint64      crm_outbox_next_due     (CrmStore            *store);
char       *crm_outbox_dup_send_problem (CrmStore        *store);
gint64      crm_outbox_next_copy_due (CrmStore           *store);
gint64      crm_outbox_retry_delay  (guint                attempts);

G_END_DECLS
