/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-imap-client.h"
#include "crm-session.h"

G_BEGIN_DECLS

/**
 * CrmSyncFailure:
 * @uid: the message's UID on the server
 * @reason: why it could not be stored
 */
typedef struct
{
  guint32  uid;
  char    *reason;
} CrmSyncFailure;

/**
 * CrmSyncResult:
 * @fetched: messages fetched from the server
 * @imported: stored now
 * @duplicates: already stored (same place on the server, or the same bytes under the same Message-ID)
 * @failed: could not be stored; see @failures
 * @failures: (element-type CrmSyncFailure): each failed message with the reason
 *
 * Always @fetched = @imported + @duplicates + @failed.
 */
typedef struct
{
  guint      fetched;
  guint      imported;
  guint      duplicates;
  guint      failed;
  GPtrArray *failures;
} CrmSyncResult;

typedef void (*CrmSyncProgress) (guint    done,
                                 guint    total,
                                 gpointer user_data);

CrmSyncResult *crm_mail_sync        (CrmSession       *session,
                                     gint64            account_id,
                                     CrmSyncProgress   progress,
                                     gpointer          user_data,
                                     GCancellable     *cancellable,
                                     GError          **error);
CrmImapClient *crm_mail_connect     (CrmSession       *session,
                                     gint64            account_id,
                                     GCancellable     *cancellable,
                                     GError          **error);
CrmSyncResult *crm_mail_sync_folder (CrmSession       *session,
                                     gint64            account_id,
                                     CrmImapClient    *imap,
                                     CrmSyncProgress   progress,
                                     gpointer          user_data,
                                     GCancellable     *cancellable,
                                     GError          **error);
void           crm_sync_result_free (CrmSyncResult    *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSyncResult, crm_sync_result_free)

G_END_DECLS
