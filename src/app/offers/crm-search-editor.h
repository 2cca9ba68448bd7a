/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_SEARCH_EDITOR (crm_search_editor_get_type ())

G_DECLARE_FINAL_TYPE (CrmSearchEditor, crm_search_editor, CRM, SEARCH_EDITOR, AdwWindow)

CrmSearchEditor *crm_search_editor_new        (CrmSession      *session,
                                               CrmSearch       *search);
void             crm_search_editor_set_client (CrmSearchEditor *self,
                                               gint64           client_id);
gboolean         crm_search_editor_save       (CrmSearchEditor *self);
const char      *crm_search_editor_get_error  (CrmSearchEditor *self);

G_END_DECLS
