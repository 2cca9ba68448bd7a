/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT_EDITOR (crm_contact_editor_get_type ())

G_DECLARE_FINAL_TYPE (CrmContactEditor, crm_contact_editor, CRM, CONTACT_EDITOR, AdwWindow)

CrmContactEditor *crm_contact_editor_new                  (CrmSession       *session,
                                                           CrmContact       *contact);
gboolean          crm_contact_editor_save                 (CrmContactEditor *self);
CrmContact       *crm_contact_editor_get_contact          (CrmContactEditor *self);
const char       *crm_contact_editor_get_error            (CrmContactEditor *self);
AdwMessageDialog *crm_contact_editor_get_duplicate_dialog (CrmContactEditor *self);

G_END_DECLS
