/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of the saved views' storage (crm-view-store.c,
 * crm-view-store-records.c); nothing outside them includes it. */

#include "crm-store-private.h"
#include "crm-view-store.h"

G_BEGIN_DECLS

gboolean _crm_views_check_module (const char    *module,
                                  GError       **error);
gboolean _crm_views_check_filter (CrmViewStore  *self,
                                  const char    *module,
                                  GVariant      *filter,
                                  GError       **error);

G_END_DECLS
