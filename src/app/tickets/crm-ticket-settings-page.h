/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_TICKET_SETTINGS_PAGE (crm_ticket_settings_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmTicketSettingsPage, crm_ticket_settings_page, CRM, TICKET_SETTINGS_PAGE, AdwPreferencesPage)

void     crm_ticket_settings_page_set_session  (CrmTicketSettingsPage *self,
                                                CrmSession            *session,
                                                gboolean               editable);
gboolean crm_ticket_settings_page_add_queue    (CrmTicketSettingsPage *self);
gboolean crm_ticket_settings_page_add_status   (CrmTicketSettingsPage *self);
gboolean crm_ticket_settings_page_add_reason   (CrmTicketSettingsPage *self);
gboolean crm_ticket_settings_page_add_category (CrmTicketSettingsPage *self);

G_END_DECLS
