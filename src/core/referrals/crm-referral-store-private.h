/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-parsed-message.h"
#include "crm-referral.h"
#include "crm-referral-check.h"
#include "crm-referral-store.h"
#include "crm-statement.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

/* What the storage files of the referrals share (crm-referral-store*.c). */

/* a referral's row: _crm_referral_from_row () reads these, in order */
#define _CRM_REFERRAL_COLUMNS \
  "r.id, r.client_name, coalesce (r.investment_id, 0), i.name, r.received_at, r.status, r.form_id, f.name, " \
  "f.broker_name, f.broker_email, f.broker_phone, r.phone, r.email, r.pesel, r.id_card, r.advisor_name, " \
  "r.advisor_email, r.advisor_phone, r.consent, coalesce (r.status_changed_at, 0), u.name, " \
  "coalesce (r.contact_id, 0), c.name, coalesce (r.last_message_at, 0), r.awaiting_reply "
#define _CRM_REFERRAL_FROM \
  "FROM referrals r JOIN referral_forms f ON f.id = r.form_id " \
  "LEFT JOIN investments i ON i.id = r.investment_id " \
  "LEFT JOIN users u ON u.id = r.status_changed_by " \
  "LEFT JOIN contacts c ON c.id = r.contact_id "

CrmReferral *_crm_referral_from_row           (CrmStatement      *stmt);

gint64       _crm_referral_store_now          (CrmReferralStore  *self);
void         _crm_referral_bind_text          (CrmStatement      *stmt,
                                               int                index,
                                               const char        *text);
char        *_crm_referral_clean_line         (const char        *text,
                                               guint              max,
                                               const char        *message,
                                               GError           **error);
gboolean     _crm_referral_store_check_admin  (CrmReferralStore  *self,
                                               const char        *what,
                                               GError           **error);
CrmReferralSimilar *_crm_referral_store_similar_for (CrmReferralStore *self,
                                                     gint64            exclude_referral,
                                                     const char       *name_key,
                                                     const char       *phone,
                                                     const char       *email,
                                                     const char       *pesel,
                                                     const char       *id_card,
                                                     GError          **error);

/* the mail import: a broker's answer joins its referral
 * (crm-referral-store-decide.c); *@taken says whether it did */
GArray      *_crm_referral_store_list_ids_full (CrmReferralStore         *self,
                                               const CrmReferralFilter  *filter,
                                               gint64                    after_id,
                                               guint                     limit,
                                               GError                  **error);
gboolean     _crm_referral_store_route_message (CrmReferralStore  *self,
                                                gint64             message_row,
                                                CrmParsedMessage  *parsed,
                                                gboolean          *taken,
                                                GError           **error);

G_END_DECLS
