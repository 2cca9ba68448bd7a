/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"
#include "crm-portlet.h"

G_BEGIN_DECLS

#define CRM_TYPE_START_PAGE (crm_start_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmStartPage, crm_start_page, CRM, START_PAGE, GtkWidget)

void        crm_start_page_set_session  (CrmStartPage *self,
                                         CrmSession   *session);
void        crm_start_page_set_user     (CrmStartPage *self,
                                         CrmUser      *user);
void        crm_start_page_set_settings (CrmStartPage *self,
                                         GSettings    *settings);
CrmPortlet *crm_start_page_get_portlet  (CrmStartPage *self,
                                         const char   *portlet_id);
const char * const *crm_start_page_get_portlet_ids (CrmStartPage *self);
gboolean crm_start_page_add_portlet    (CrmStartPage *self,
                                        const char   *portlet_id);
gboolean crm_start_page_remove_portlet (CrmStartPage *self,
                                        const char   *portlet_id);

G_END_DECLS
