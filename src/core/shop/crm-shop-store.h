/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"
#include "crm-shop-client.h"

G_BEGIN_DECLS

#define CRM_TYPE_SHOP_STORE (crm_shop_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmShopStore, crm_shop_store, CRM, SHOP_STORE, CrmStore)

CrmShopStore  *crm_shop_store_from_session      (CrmSession           *session);

char          *crm_shop_store_get_url           (CrmShopStore         *self);
gboolean       crm_shop_store_set_url           (CrmShopStore         *self,
                                                 const char           *url,
                                                 GError              **error);
gboolean       crm_shop_store_set_keys          (CrmShopStore         *self,
                                                 const char           *consumer_key,
                                                 const char           *consumer_secret,
                                                 GError              **error);
gboolean       crm_shop_store_has_keys          (CrmShopStore         *self,
                                                 GError              **error);
CrmShopClient *crm_shop_store_open_client       (CrmShopStore         *self,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void           crm_shop_store_last_order_async  (CrmShopStore         *self,
                                                 const char * const   *emails,
                                                 gboolean              fresh,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
CrmShopOrder  *crm_shop_store_last_order_finish (CrmShopStore         *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
