/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"
#include "crm-account.h"

G_BEGIN_DECLS

#define CRM_TYPE_ACCOUNT_STORE (crm_account_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmAccountStore, crm_account_store, CRM, ACCOUNT_STORE, CrmStore)

CrmAccountStore *crm_account_store_from_session (CrmSession *session);

gboolean    crm_host_is_loopback            (const char           *host);
gint64      crm_account_store_add           (CrmAccountStore      *self,
                                             CrmAccount           *account,
                                             const char           *password,
                                             gboolean              allow_insecure,
                                             GError              **error);
void        crm_account_store_add_async     (CrmAccountStore      *self,
                                             CrmAccount           *account,
                                             const char           *password,
                                             gboolean              allow_insecure,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gint64      crm_account_store_add_finish    (CrmAccountStore      *self,
                                             GAsyncResult         *result,
                                             GError              **error);
GListModel *crm_account_store_list          (CrmAccountStore      *self,
                                             GError              **error);
CrmAccount *crm_account_store_get           (CrmAccountStore      *self,
                                             gint64                id,
                                             GError              **error);
gboolean    crm_account_store_check         (CrmAccountStore      *self,
                                             CrmAccount           *account,
                                             const char           *password,
                                             gboolean              allow_insecure,
                                             GError              **error);
gboolean    crm_account_store_update        (CrmAccountStore      *self,
                                             CrmAccount           *account,
                                             const char           *password,
                                             gboolean              allow_insecure,
                                             GError              **error);
void        crm_account_store_update_async  (CrmAccountStore      *self,
                                             CrmAccount           *account,
                                             const char           *password,
                                             gboolean              allow_insecure,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean    crm_account_store_remove        (CrmAccountStore      *self,
                                             gint64                id,
                                             GError              **error);
void        crm_account_store_remove_async  (CrmAccountStore      *self,
                                             gint64                id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean    crm_account_store_change_finish (CrmAccountStore      *self,
                                             GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
