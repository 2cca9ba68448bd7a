/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_PORTLET (crm_portlet_get_type ())

G_DECLARE_DERIVABLE_TYPE (CrmPortlet, crm_portlet, CRM, PORTLET, GtkWidget)

/**
 * CrmPortletClass:
 * @prepare: on the main thread, as a reload begins: sets what needs no
 *   store and returns what @read needs (freed with @query_free)
 * @query_free: frees what @prepare returned
 * @read: on a worker thread, with a store of its own: reads what the
 *   portlet shows; touches no widget
 * @result_free: frees what @read returned
 * @apply: on the main thread: shows what @read returned
 * @watches: whether a change of @entity in the store concerns the
 *   portlet; %TRUE for all by default
 *
 * A portlet shows again what the store holds for the user when the
 * store, the user or the store's records change: @prepare, then @read
 * off the main thread, then @apply. A newer reload drops an older one.
 */
struct _CrmPortletClass
{
  GtkWidgetClass parent_class;

  gpointer       (*prepare) (CrmPortlet  *self);
  GDestroyNotify   query_free;
  gpointer       (*read)    (CrmSession    *reader,
                             gpointer     query,
                             GError     **error);
  GDestroyNotify   result_free;
  void           (*apply)   (CrmPortlet  *self,
                             gpointer     result);
  gboolean       (*watches) (CrmPortlet  *self,
                             const char  *entity);
};

const char *crm_portlet_get_portlet_id (CrmPortlet *self);
const char *crm_portlet_get_title      (CrmPortlet *self);
void        crm_portlet_set_title      (CrmPortlet *self,
                                        const char *title);
GtkWidget  *crm_portlet_get_content    (CrmPortlet *self);
void        crm_portlet_set_content    (CrmPortlet *self,
                                        GtkWidget  *content);
CrmSession *crm_portlet_get_session    (CrmPortlet *self);
CrmUser    *crm_portlet_get_user       (CrmPortlet *self);
GSettings  *crm_portlet_get_settings   (CrmPortlet *self);
void        crm_portlet_set_context    (CrmPortlet *self,
                                        CrmSession *session,
                                        CrmUser    *user,
                                        GSettings  *settings);
void        crm_portlet_reload         (CrmPortlet *self);

G_END_DECLS
