/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_REFERRAL_DECIDE_DIALOG (crm_referral_decide_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmReferralDecideDialog, crm_referral_decide_dialog, CRM, REFERRAL_DECIDE_DIALOG, AdwMessageDialog)

GtkWidget         *crm_referral_decide_dialog_new              (GtkWindow               *parent,
                                                                const CrmReferralCard   *card,
                                                                CrmReferralStatus        decision);
CrmReferralStatus  crm_referral_decide_dialog_get_decision     (CrmReferralDecideDialog *self);
gint64             crm_referral_decide_dialog_get_referral_id  (CrmReferralDecideDialog *self);
gint64             crm_referral_decide_dialog_get_contact_id   (CrmReferralDecideDialog *self);
const char        *crm_referral_decide_dialog_get_contact_name (CrmReferralDecideDialog *self);
char              *crm_referral_decide_dialog_dup_comment      (CrmReferralDecideDialog *self);
gboolean           crm_referral_decide_dialog_get_chosen       (CrmReferralDecideDialog *self);

G_END_DECLS
