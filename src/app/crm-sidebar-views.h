/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_SIDEBAR_VIEWS (crm_sidebar_views_get_type ())

G_DECLARE_FINAL_TYPE (CrmSidebarViews, crm_sidebar_views, CRM, SIDEBAR_VIEWS, GObject)

CrmSidebarViews *crm_sidebar_views_new        (GtkWidget       *window,
                                               CrmSession      *session,
                                               GListModel      *pages);
GListModel      *crm_sidebar_views_get_model  (CrmSidebarViews *self);
void             crm_sidebar_views_set_user   (CrmSidebarViews *self,
                                               CrmUser         *user);
GtkWidget       *crm_sidebar_views_create_row (CrmSidebarViews *self,
                                               CrmSavedView    *view);
CrmSavedView    *crm_sidebar_views_find       (CrmSidebarViews *self,
                                               gint64           view_id);
GtkWidget       *crm_sidebar_views_rename     (CrmSidebarViews *self,
                                               gint64           view_id);
GtkWidget       *crm_sidebar_views_delete     (CrmSidebarViews *self,
                                               gint64           view_id);

G_END_DECLS
