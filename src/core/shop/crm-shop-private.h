/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "crm-shop-order.h"

G_BEGIN_DECLS

CrmShopOrder *_crm_shop_order_new_from_json (JsonObject  *object,
                                             GError     **error);
char         *_crm_shop_decode_entities     (const char  *text);

G_END_DECLS
