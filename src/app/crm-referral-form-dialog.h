/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_REFERRAL_FORM_DIALOG (crm_referral_form_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmReferralFormDialog, crm_referral_form_dialog, CRM, REFERRAL_FORM_DIALOG, AdwWindow)

GtkWidget *crm_referral_form_dialog_new         (GtkWindow             *parent,
                                                 CrmSession            *session);
gint64     crm_referral_form_dialog_get_form_id (CrmReferralFormDialog *self);

G_END_DECLS
