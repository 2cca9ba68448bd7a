/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACTS_PAGE (crm_contacts_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmContactsPage, crm_contacts_page, CRM, CONTACTS_PAGE, GtkWidget)

void            crm_contacts_page_set_session  (CrmContactsPage *self,
                                                CrmSession      *session);
CrmContactList *crm_contacts_page_get_list     (CrmContactsPage *self);
CrmContact     *crm_contacts_page_get_selected (CrmContactsPage *self);
void            crm_contacts_page_select       (CrmContactsPage *self,
                                                gint64           contact_id);
void            crm_contacts_page_focus_search (CrmContactsPage *self);
void            crm_contacts_page_set_search   (CrmContactsPage *self,
                                                const char      *text);
void            crm_contacts_page_show_view    (CrmContactsPage *self,
                                                CrmSavedView    *view);

G_END_DECLS
