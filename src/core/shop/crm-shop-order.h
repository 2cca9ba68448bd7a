/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_SHOP_ORDER (crm_shop_order_get_type ())

G_DECLARE_FINAL_TYPE (CrmShopOrder, crm_shop_order, CRM, SHOP_ORDER, GObject)

gint64      crm_shop_order_get_id         (CrmShopOrder *self);
const char *crm_shop_order_get_number     (CrmShopOrder *self);
const char *crm_shop_order_get_status     (CrmShopOrder *self);
GDateTime  *crm_shop_order_get_created    (CrmShopOrder *self);
const char *crm_shop_order_get_total      (CrmShopOrder *self);
const char *crm_shop_order_get_currency   (CrmShopOrder *self);
const char *crm_shop_order_get_email      (CrmShopOrder *self);
gint64      crm_shop_order_get_customer_id (CrmShopOrder *self);
guint       crm_shop_order_get_n_items    (CrmShopOrder *self);
const char *crm_shop_order_get_item       (CrmShopOrder *self,
                                           guint         index,
                                           gint64       *quantity);
char       *crm_shop_order_dup_items_text (CrmShopOrder *self);
const char *crm_shop_order_status_label   (const char   *status);

G_END_DECLS
