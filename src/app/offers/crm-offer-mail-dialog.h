/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_OFFER_MAIL_DIALOG (crm_offer_mail_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmOfferMailDialog, crm_offer_mail_dialog, CRM, OFFER_MAIL_DIALOG, AdwWindow)

CrmOfferMailDialog *crm_offer_mail_dialog_new           (CrmSession         *session,
                                                         gint64              mail_id);
gint64              crm_offer_mail_dialog_get_mail_id   (CrmOfferMailDialog *self);
const char         *crm_offer_mail_dialog_get_text      (CrmOfferMailDialog *self);
gint64              crm_offer_mail_dialog_get_ticket_id (CrmOfferMailDialog *self);

G_END_DECLS
