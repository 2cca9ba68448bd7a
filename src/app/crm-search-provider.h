/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-application.h"

G_BEGIN_DECLS

#define CRM_TYPE_SEARCH_PROVIDER (crm_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (CrmSearchProvider, crm_search_provider, CRM, SEARCH_PROVIDER, GObject)

CrmSearchProvider *crm_search_provider_new        (CrmApplication     *application);
gboolean           crm_search_provider_register   (CrmSearchProvider  *self,
                                                   GDBusConnection    *connection,
                                                   const char         *object_path,
                                                   GError            **error);
void               crm_search_provider_unregister (CrmSearchProvider  *self);

G_END_DECLS
