/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-account.h"

G_BEGIN_DECLS

void     crm_account_check_async          (CrmAccount           *account,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
void     crm_account_check_password_async (CrmAccount           *account,
                                           const char           *password,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean crm_account_check_finish         (GAsyncResult         *result,
                                           GError              **imap_error,
                                           GError              **smtp_error,
                                           GError              **error);
gboolean crm_account_check_sync           (CrmAccount           *account,
                                           GError              **imap_error,
                                           GError              **smtp_error,
                                           GCancellable         *cancellable,
                                           GError              **error);
gboolean crm_account_check_password_sync  (CrmAccount           *account,
                                           const char           *password,
                                           GError              **imap_error,
                                           GError              **smtp_error,
                                           GCancellable         *cancellable,
                                           GError              **error);

G_END_DECLS
