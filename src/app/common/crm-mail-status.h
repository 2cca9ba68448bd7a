/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_MAIL_STATUS (crm_mail_status_get_type ())

G_DECLARE_FINAL_TYPE (CrmMailStatus, crm_mail_status, CRM, MAIL_STATUS, GtkWidget)

CrmMailEngine *crm_mail_status_get_engine (CrmMailStatus *self);
void           crm_mail_status_set_engine (CrmMailStatus *self,
                                           CrmMailEngine *engine);

G_END_DECLS
