/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"
#include "crm-saved-view.h"

G_BEGIN_DECLS

#define CRM_TYPE_VIEW_STORE (crm_view_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmViewStore, crm_view_store, CRM, VIEW_STORE, CrmStore)

/**
 * CRM_VIEW_NAME_MAX:
 *
 * The longest name of a saved view, in characters.
 */
#define CRM_VIEW_NAME_MAX 80

const char * const *crm_view_modules (void);

CrmViewStore *crm_view_store_from_session (CrmSession    *session);
gboolean      crm_view_store_check        (CrmViewStore  *self,
                                           const char    *module,
                                           const char    *name,
                                           gboolean       shared,
                                           GError       **error);
gint64        crm_view_store_add          (CrmViewStore  *self,
                                           const char    *module,
                                           const char    *name,
                                           gboolean       shared,
                                           GVariant      *filter,
                                           GError       **error);
gboolean      crm_view_store_rename       (CrmViewStore  *self,
                                           gint64         view_id,
                                           const char    *name,
                                           GError       **error);
gboolean      crm_view_store_delete       (CrmViewStore  *self,
                                           gint64         view_id,
                                           GError       **error);
CrmSavedView *crm_view_store_get          (CrmViewStore  *self,
                                           gint64         view_id,
                                           GError       **error);
GPtrArray    *crm_view_store_list         (CrmViewStore  *self,
                                           const char    *module,
                                           GError       **error);
GPtrArray    *crm_view_store_list_for     (CrmViewStore  *self,
                                           gint64         user_id,
                                           const char    *module,
                                           GError       **error);
gboolean      crm_view_store_may_change   (CrmViewStore  *self,
                                           CrmSavedView  *view);

GArray       *crm_view_store_select       (CrmViewStore  *self,
                                           gint64         view_id,
                                           gint64         after_id,
                                           guint          limit,
                                           GError       **error);
gboolean      crm_view_store_matches      (CrmViewStore  *self,
                                           gint64         view_id,
                                           gint64         record_id,
                                           gboolean      *matches,
                                           GError       **error);

G_END_DECLS
