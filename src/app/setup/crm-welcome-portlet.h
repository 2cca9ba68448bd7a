/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-portlet.h"

G_BEGIN_DECLS

#define CRM_TYPE_WELCOME_PORTLET (crm_welcome_portlet_get_type ())

G_DECLARE_FINAL_TYPE (CrmWelcomePortlet, crm_welcome_portlet, CRM, WELCOME_PORTLET, CrmPortlet)

G_END_DECLS
