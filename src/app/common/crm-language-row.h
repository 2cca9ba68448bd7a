/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

char       *crm_language_row_describe (CrmSession  *session,
                                       gint64       contact_id);
void        crm_language_row_fill     (AdwComboRow *row,
                                       CrmSession  *session,
                                       gint64       contact_id);
const char *crm_language_row_get_code (AdwComboRow *row);
gboolean    crm_language_row_get_changed (AdwComboRow *row);

G_END_DECLS
