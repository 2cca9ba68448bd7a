/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT_DETAIL (crm_contact_detail_get_type ())

G_DECLARE_FINAL_TYPE (CrmContactDetail, crm_contact_detail, CRM, CONTACT_DETAIL, GtkWidget)

void        crm_contact_detail_set_session (CrmContactDetail *self,
                                            CrmSession       *session);
CrmContact *crm_contact_detail_get_contact (CrmContactDetail *self);
void        crm_contact_detail_set_contact (CrmContactDetail *self,
                                            CrmContact       *contact);

G_END_DECLS
