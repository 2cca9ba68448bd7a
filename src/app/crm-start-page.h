/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_START_PAGE (crm_start_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmStartPage, crm_start_page, CRM, START_PAGE, GtkWidget)

void crm_start_page_set_store (CrmStartPage *self,
                               CrmStore     *store);
void crm_start_page_set_user  (CrmStartPage *self,
                               CrmUser      *user);

G_END_DECLS
