/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_PORTLET (crm_portlet_get_type ())

G_DECLARE_DERIVABLE_TYPE (CrmPortlet, crm_portlet, CRM, PORTLET, GtkWidget)

/**
 * CrmPortletClass:
 * @reload: shows again what the store holds for the user; called when
 *   the store, the user or the store's records change
 * @watches: whether a change of @entity in the store concerns the
 *   portlet; %TRUE for all by default
 */
struct _CrmPortletClass
{
  GtkWidgetClass parent_class;

  void     (*reload)  (CrmPortlet *self);
  gboolean (*watches) (CrmPortlet *self,
                       const char *entity);
};

const char *crm_portlet_get_portlet_id (CrmPortlet *self);
const char *crm_portlet_get_title      (CrmPortlet *self);
void        crm_portlet_set_title      (CrmPortlet *self,
                                        const char *title);
GtkWidget  *crm_portlet_get_content    (CrmPortlet *self);
void        crm_portlet_set_content    (CrmPortlet *self,
                                        GtkWidget  *content);
CrmStore   *crm_portlet_get_store      (CrmPortlet *self);
CrmUser    *crm_portlet_get_user       (CrmPortlet *self);
GSettings  *crm_portlet_get_settings   (CrmPortlet *self);
void        crm_portlet_set_context    (CrmPortlet *self,
                                        CrmStore   *store,
                                        CrmUser    *user,
                                        GSettings  *settings);
void        crm_portlet_reload         (CrmPortlet *self);

G_END_DECLS
