/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_SAVED_VIEW (crm_saved_view_get_type ())

G_DECLARE_FINAL_TYPE (CrmSavedView, crm_saved_view, CRM, SAVED_VIEW, GObject)

CrmSavedView *crm_saved_view_new            (gint64        id,
                                             const char   *module,
                                             const char   *name,
                                             gint64        owner_id,
                                             GVariant     *filter);
gint64        crm_saved_view_get_id         (CrmSavedView *self);
const char   *crm_saved_view_get_module     (CrmSavedView *self);
const char   *crm_saved_view_get_name       (CrmSavedView *self);
gboolean      crm_saved_view_get_shared     (CrmSavedView *self);
gint64        crm_saved_view_get_owner_id   (CrmSavedView *self);
GVariant     *crm_saved_view_get_filter     (CrmSavedView *self);
gint64        crm_saved_view_get_created_by (CrmSavedView *self);
gint64        crm_saved_view_get_created    (CrmSavedView *self);
gint64        crm_saved_view_get_updated    (CrmSavedView *self);
void          crm_saved_view_set_times      (CrmSavedView *self,
                                             gint64        created_by,
                                             gint64        created,
                                             gint64        updated);

G_END_DECLS
