/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-clock.h"
#include "crm-database.h"

G_BEGIN_DECLS

#define CRM_TYPE_SESSION (crm_session_get_type ())

G_DECLARE_FINAL_TYPE (CrmSession, crm_session, CRM, SESSION, GObject)

CrmSession  *crm_session_new          (CrmDatabase *database,
                                       CrmClock    *clock);
CrmDatabase *crm_session_get_database (CrmSession  *self);
CrmClock    *crm_session_get_clock    (CrmSession  *self);
gint64       crm_session_get_user_id  (CrmSession  *self);
void         crm_session_set_user_id  (CrmSession  *self,
                                       gint64       user_id);
gint64       crm_session_now          (CrmSession  *self);
gpointer     crm_session_get_store    (CrmSession  *self,
                                       GType        store_type);
gboolean     crm_session_append_history (CrmSession *self,
                                       const char  *entity,
                                       gint64       entity_id,
                                       const char  *action,
                                       const char  *detail,
                                       GError     **error);

G_END_DECLS
