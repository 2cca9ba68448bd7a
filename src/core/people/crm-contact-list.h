/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-paged-list.h"
#include "crm-session.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT_LIST (crm_contact_list_get_type ())

G_DECLARE_FINAL_TYPE (CrmContactList, crm_contact_list, CRM, CONTACT_LIST, CrmPagedList)

CrmContactList *crm_contact_list_new         (CrmSession     *session);
CrmSession     *crm_contact_list_get_session (CrmContactList *self);
const char     *crm_contact_list_get_search  (CrmContactList *self);
void            crm_contact_list_set_search  (CrmContactList *self,
                                              const char     *search);
void            crm_contact_list_refresh     (CrmContactList *self);
guint           crm_contact_list_find        (CrmContactList *self,
                                              gint64          contact_id);

G_END_DECLS
