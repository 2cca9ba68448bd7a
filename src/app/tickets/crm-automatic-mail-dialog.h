/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_AUTOMATIC_MAIL_DIALOG (crm_automatic_mail_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmAutomaticMailDialog, crm_automatic_mail_dialog, CRM, AUTOMATIC_MAIL_DIALOG, AdwWindow)

CrmAutomaticMailDialog *crm_automatic_mail_dialog_new         (CrmSession             *session);
guint                   crm_automatic_mail_dialog_get_n_mail  (CrmAutomaticMailDialog *self);
void                    crm_automatic_mail_dialog_open_ticket (CrmAutomaticMailDialog *self,
                                                               gint64                  message_id);

G_END_DECLS
