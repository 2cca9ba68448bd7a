/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-clock.h"
#include "crm-shop-order.h"

G_BEGIN_DECLS

/**
 * CrmShopError:
 * @CRM_SHOP_ERROR_NOT_CONFIGURED: the office has no e-shop
 * @CRM_SHOP_ERROR_NO_KEYS: this computer keeps no API keys for the shop
 * @CRM_SHOP_ERROR_UNREACHABLE: no answer: the name is unknown, the
 *   connection refused or not secure, the shop too slow or failing
 * @CRM_SHOP_ERROR_REFUSED: the shop refused the keys
 * @CRM_SHOP_ERROR_BAD_ANSWER: what answered is not WooCommerce's REST API
 *
 * Why the shop's last order of a client could not be had. Messages
 * are translated and say what to do.
 */
typedef enum
{
  CRM_SHOP_ERROR_NOT_CONFIGURED,
  CRM_SHOP_ERROR_NO_KEYS,
  CRM_SHOP_ERROR_UNREACHABLE,
  CRM_SHOP_ERROR_REFUSED,
  CRM_SHOP_ERROR_BAD_ANSWER,
} CrmShopError;

#define CRM_SHOP_ERROR (crm_shop_error_quark ())

GQuark crm_shop_error_quark (void);

/* how long a client's last order is taken as it is */
#define CRM_SHOP_CACHE_SECONDS 120
/* how long a lookup may take, all its requests together */
#define CRM_SHOP_TIMEOUT_SECONDS 8

#define CRM_TYPE_SHOP_CLIENT (crm_shop_client_get_type ())

G_DECLARE_FINAL_TYPE (CrmShopClient, crm_shop_client, CRM, SHOP_CLIENT, GObject)

char          *crm_shop_normalize_url            (const char           *url,
                                                  GError              **error);
gboolean       crm_shop_check_keys               (const char           *consumer_key,
                                                  const char           *consumer_secret,
                                                  GError              **error);

CrmShopClient *crm_shop_client_new               (const char           *url,
                                                  const char           *consumer_key,
                                                  const char           *consumer_secret);
const char    *crm_shop_client_get_url           (CrmShopClient        *self);
void           crm_shop_client_set_clock         (CrmShopClient        *self,
                                                  CrmClock             *clock);
void           crm_shop_client_set_timeout       (CrmShopClient        *self,
                                                  guint                 seconds);
void           crm_shop_client_forget            (CrmShopClient        *self,
                                                  const char           *email);
void           crm_shop_client_last_order_async  (CrmShopClient        *self,
                                                  const char           *email,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
CrmShopOrder  *crm_shop_client_last_order_finish (CrmShopClient        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void           crm_shop_client_check_async       (CrmShopClient        *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       crm_shop_client_check_finish      (CrmShopClient        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
