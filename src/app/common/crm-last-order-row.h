/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_LAST_ORDER_ROW (crm_last_order_row_get_type ())

G_DECLARE_FINAL_TYPE (CrmLastOrderRow, crm_last_order_row, CRM, LAST_ORDER_ROW, GtkWidget)

void          crm_last_order_row_set_session (CrmLastOrderRow    *self,
                                              CrmSession         *session);
void          crm_last_order_row_set_emails  (CrmLastOrderRow    *self,
                                              const char * const *emails);
const char   *crm_last_order_row_get_state   (CrmLastOrderRow    *self);
CrmShopOrder *crm_last_order_row_get_order   (CrmLastOrderRow    *self);

G_END_DECLS
