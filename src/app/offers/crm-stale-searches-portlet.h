/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-portlet.h"

G_BEGIN_DECLS

#define CRM_TYPE_STALE_SEARCHES_PORTLET (crm_stale_searches_portlet_get_type ())

G_DECLARE_FINAL_TYPE (CrmStaleSearchesPortlet, crm_stale_searches_portlet, CRM, STALE_SEARCHES_PORTLET, CrmPortlet)

GListModel *crm_stale_searches_portlet_get_searches (CrmStaleSearchesPortlet *self);

G_END_DECLS
