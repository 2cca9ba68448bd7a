/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_PROJECT_ITEM_ROW (crm_project_item_row_get_type ())

G_DECLARE_FINAL_TYPE (CrmProjectItemRow, crm_project_item_row, CRM, PROJECT_ITEM_ROW, GtkListBoxRow)

/**
 * CrmProjectItemField:
 * @CRM_PROJECT_ITEM_FIELD_MATERIAL: the material entry
 * @CRM_PROJECT_ITEM_FIELD_QUANTITY: the quantity entry
 * @CRM_PROJECT_ITEM_FIELD_UNIT: the unit entry
 * @CRM_PROJECT_ITEM_FIELD_PRICE: the unit price entry
 * @CRM_PROJECT_ITEM_FIELD_TOTAL: the line's total
 * @CRM_PROJECT_ITEM_FIELD_TERMS: the terms entry
 * @CRM_PROJECT_ITEM_FIELD_REMOVE: the button that removes the item
 *
 * The columns of an item row, in order.
 */
typedef enum
{
  CRM_PROJECT_ITEM_FIELD_MATERIAL,
  CRM_PROJECT_ITEM_FIELD_QUANTITY,
  CRM_PROJECT_ITEM_FIELD_UNIT,
  CRM_PROJECT_ITEM_FIELD_PRICE,
  CRM_PROJECT_ITEM_FIELD_TOTAL,
  CRM_PROJECT_ITEM_FIELD_TERMS,
  CRM_PROJECT_ITEM_FIELD_REMOVE,
  CRM_PROJECT_ITEM_N_FIELDS
} CrmProjectItemField;

GtkWidget      *crm_project_item_row_new       (const CrmProjectItem *item);
GtkWidget      *crm_project_item_row_get_field (CrmProjectItemRow    *self,
                                                CrmProjectItemField   field);
gboolean        crm_project_item_row_is_blank  (CrmProjectItemRow    *self);
gint64          crm_project_item_row_get_total (CrmProjectItemRow    *self);
CrmProjectItem *crm_project_item_row_read      (CrmProjectItemRow    *self,
                                                GError              **error);

G_END_DECLS
