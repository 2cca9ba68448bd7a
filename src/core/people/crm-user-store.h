/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"
#include "crm-types.h"
#include "crm-user.h"

G_BEGIN_DECLS

#define CRM_TYPE_USER_STORE (crm_user_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmUserStore, crm_user_store, CRM, USER_STORE, CrmStore)

CrmUserStore *crm_user_store_from_session (CrmSession *session);

gint64      crm_user_store_add             (CrmUserStore  *self,
                                            const char    *name,
                                            const char    *email,
                                            CrmRole        role,
                                            GError       **error);
void        crm_user_store_add_async       (CrmUserStore         *self,
                                            const char           *name,
                                            const char           *email,
                                            CrmRole               role,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
CrmUser    *crm_user_store_add_finish      (CrmUserStore         *self,
                                            GAsyncResult         *result,
                                            GError              **error);
void        crm_user_store_keep_up_to_date (CrmUserStore  *self);
gboolean    crm_user_store_read_and_keep   (CrmUserStore  *self,
                                            GError       **error);
void        crm_user_store_keep_up_to_date_from (CrmUserStore *self,
                                                 CrmUserStore *source);
guint       crm_user_store_count           (CrmUserStore  *self);
GListModel *crm_user_store_list            (CrmUserStore  *self,
                                            GError       **error);
GListModel *crm_user_store_list_active     (CrmUserStore  *self,
                                            GError       **error);
GListModel *crm_user_store_list_assignable (CrmUserStore  *self,
                                            gint64         keep_id,
                                            GError       **error);
gboolean    crm_user_store_update          (CrmUserStore  *self,
                                            gint64         id,
                                            const char    *name,
                                            const char    *email,
                                            CrmRole        role,
                                            GError       **error);
gboolean    crm_user_store_set_active      (CrmUserStore  *self,
                                            gint64         id,
                                            gboolean       active,
                                            GError       **error);
gboolean    crm_user_store_check           (CrmUserStore  *self,
                                            gint64         id,
                                            const char    *name,
                                            const char    *email,
                                            CrmRole        role,
                                            GError       **error);
gboolean    crm_user_store_check_active    (CrmUserStore  *self,
                                            gint64         id,
                                            gboolean       active,
                                            GError       **error);
CrmUser    *crm_user_store_get             (CrmUserStore  *self,
                                            gint64         id,
                                            GError       **error);
CrmUser    *crm_user_store_find            (CrmUserStore  *self,
                                            const char    *reference,
                                            GError       **error);
CrmUser    *crm_user_store_find_active     (CrmUserStore  *self,
                                            const char    *reference,
                                            GError       **error);
gboolean    crm_user_store_set_login       (CrmUserStore  *self,
                                            gint64         user_id,
                                            const char    *login,
                                            const char    *password,
                                            GError       **error);

G_END_DECLS
