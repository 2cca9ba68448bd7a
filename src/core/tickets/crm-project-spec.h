/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-session.h"

G_BEGIN_DECLS

#define CRM_TYPE_PROJECT_SPEC (crm_project_spec_get_type ())

G_DECLARE_FINAL_TYPE (CrmProjectSpec, crm_project_spec, CRM, PROJECT_SPEC, GObject)

CrmProjectSpec *crm_project_spec_read          (CrmSession      *session,
                                                gint64           project_id,
                                                GError         **error);
char           *crm_project_spec_dup_file_name (CrmProjectSpec  *self);
gboolean        crm_project_spec_to_pdf        (CrmProjectSpec  *self,
                                                const char      *path,
                                                GError         **error);

G_END_DECLS
