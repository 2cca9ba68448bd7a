/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_USER (crm_user_get_type ())

G_DECLARE_FINAL_TYPE (CrmUser, crm_user, CRM, USER, GObject)

CrmUser    *crm_user_new        (gint64      id,
                                 const char *name,
                                 const char *email,
                                 CrmRole     role);
CrmUser    *crm_user_new_full   (gint64      id,
                                 const char *name,
                                 const char *email,
                                 CrmRole     role,
                                 gboolean    active);
gint64      crm_user_get_id     (CrmUser    *self);
const char *crm_user_get_name   (CrmUser    *self);
const char *crm_user_get_email  (CrmUser    *self);
CrmRole     crm_user_get_role   (CrmUser    *self);
gboolean    crm_user_get_active (CrmUser    *self);

G_END_DECLS
