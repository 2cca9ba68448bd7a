/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CRM_TYPE_OFFER_MAIL (crm_offer_mail_get_type ())

G_DECLARE_FINAL_TYPE (CrmOfferMail, crm_offer_mail, CRM, OFFER_MAIL, GObject)

gint64      crm_offer_mail_get_id           (CrmOfferMail *self);
gint64      crm_offer_mail_get_client_id    (CrmOfferMail *self);
const char *crm_offer_mail_get_client_name  (CrmOfferMail *self);
const char *crm_offer_mail_get_client_email (CrmOfferMail *self);
gint64      crm_offer_mail_get_agent_id     (CrmOfferMail *self);
const char *crm_offer_mail_get_agent_name   (CrmOfferMail *self);
const char *crm_offer_mail_get_sender_name  (CrmOfferMail *self);
const char *crm_offer_mail_get_kind         (CrmOfferMail *self);
const char *crm_offer_mail_get_state        (CrmOfferMail *self);
gint64      crm_offer_mail_get_outbox_id    (CrmOfferMail *self);
gint64      crm_offer_mail_get_created      (CrmOfferMail *self);
gint64      crm_offer_mail_get_sent         (CrmOfferMail *self);
GListModel *crm_offer_mail_get_matches      (CrmOfferMail *self);

G_END_DECLS
