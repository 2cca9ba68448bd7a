/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CRM_TYPE_EMPTY_PAGE (crm_empty_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmEmptyPage, crm_empty_page, CRM, EMPTY_PAGE, GtkWidget)

G_END_DECLS
