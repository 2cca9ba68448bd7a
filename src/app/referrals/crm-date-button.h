/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CRM_TYPE_DATE_BUTTON (crm_date_button_get_type ())

G_DECLARE_FINAL_TYPE (CrmDateButton, crm_date_button, CRM, DATE_BUTTON, GtkWidget)

GtkWidget *crm_date_button_new      (void);
GDateTime *crm_date_button_get_date (CrmDateButton *self);
void       crm_date_button_set_date (CrmDateButton *self,
                                     GDateTime     *date);

G_END_DECLS
