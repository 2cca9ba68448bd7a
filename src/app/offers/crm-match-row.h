/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_MATCH_ROW (crm_match_row_get_type ())

G_DECLARE_FINAL_TYPE (CrmMatchRow, crm_match_row, CRM, MATCH_ROW, AdwExpanderRow)

GtkWidget *crm_match_row_new        (CrmMatch    *match,
                                     gboolean     show_offer,
                                     gboolean     selectable);
CrmMatch  *crm_match_row_get_match  (CrmMatchRow *self);
gboolean   crm_match_row_get_active (CrmMatchRow *self);
void       crm_match_row_set_active (CrmMatchRow *self,
                                     gboolean     active);

void crm_match_rows_bind     (GtkListBox                 *list,
                              GtkButton                  *more,
                              GListModel                 *matches,
                              GtkListBoxCreateWidgetFunc  create,
                              gpointer                    user_data);
void crm_match_rows_show_all (GtkListBox                 *list,
                              GtkButton                  *more);

G_END_DECLS
