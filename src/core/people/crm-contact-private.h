/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-contact.h"

G_BEGIN_DECLS

/* Used by the store when it reads or writes a row. */
void _crm_contact_set_id           (CrmContact *self,
                                    gint64      id);
void _crm_contact_set_company_name (CrmContact *self,
                                    const char *company_name);
void _crm_contact_set_manager_name (CrmContact *self,
                                    const char *manager_name);
void _crm_contact_set_version      (CrmContact *self,
                                   gint64      version);
void _crm_contact_set_times        (CrmContact *self,
                                    gint64      created,
                                    gint64      updated);

G_END_DECLS
