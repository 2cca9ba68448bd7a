/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-outbox-item.h"
#include "crm-outgoing-message.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_OUTBOX (crm_outbox_get_type ())

G_DECLARE_FINAL_TYPE (CrmOutbox, crm_outbox, CRM, OUTBOX, CrmStore)

#define CRM_OUTBOX_MAX_SCHEDULE (14 * 24 * 3600)

/**
 * CrmOutboxHook:
 * @session: the session, inside the outbox's transaction
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
typedef gboolean (*CrmOutboxHook) (CrmSession  *session,
                                   gint64       outbox_id,
                                   const char  *outcome,
                                   gpointer     user_data,
                                   GError     **error);

CrmOutbox     *crm_outbox_from_session     (CrmSession          *session);
void           crm_outbox_add_hook         (const char          *owner,
                                            CrmOutboxHook        hook,
                                            gpointer             user_data);
gint64         crm_outbox_queue            (CrmOutbox           *store,
                                            const char          *owner,
                                            gint64               account_id,
                                            CrmOutgoingMessage  *message,
                                            gint64               due,
                                            GError             **error);
gboolean       crm_outbox_cancel           (CrmOutbox           *store,
                                            gint64               id,
                                            GError             **error);
void           crm_outbox_cancel_async     (CrmOutbox           *store,
                                            GArray              *ids,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean       crm_outbox_cancel_finish    (CrmOutbox           *store,
                                            GAsyncResult        *result,
                                            guint               *n_cancelled,
                                            GError             **error);
GListModel    *crm_outbox_list             (CrmOutbox           *store,
                                            GError             **error);
CrmOutboxItem *crm_outbox_get              (CrmOutbox           *store,
                                            gint64               id,
                                            GError             **error);
GHashTable    *crm_outbox_list_for_ticket  (CrmOutbox           *store,
                                            gint64               ticket_id,
                                            GError             **error);
CrmOutboxItem *crm_outbox_get_for_message  (CrmOutbox           *store,
                                            gint64               id,
                                            GError             **error);
guint          crm_outbox_run_due          (CrmOutbox           *store,
                                            GCancellable        *cancellable,
                                            GError             **error);
gint64         crm_outbox_next_due         (CrmOutbox           *store);
char          *crm_outbox_dup_send_problem (CrmOutbox           *store);
gint64         crm_outbox_next_copy_due    (CrmOutbox           *store);
gint64         crm_outbox_retry_delay      (guint                attempts);

G_END_DECLS
