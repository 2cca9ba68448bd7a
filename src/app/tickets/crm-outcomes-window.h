/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_OUTCOMES_WINDOW (crm_outcomes_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmOutcomesWindow, crm_outcomes_window, CRM, OUTCOMES_WINDOW, AdwWindow)

CrmOutcomesWindow *crm_outcomes_window_new       (CrmSession        *session);
void               crm_outcomes_window_set_period (CrmOutcomesWindow *self,
                                                   guint              period);
gboolean           crm_outcomes_window_is_read    (CrmOutcomesWindow *self);

G_END_DECLS
