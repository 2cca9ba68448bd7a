/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-referral.h"
#include "crm-referral-submission.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_REFERRAL_STORE (crm_referral_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmReferralStore, crm_referral_store, CRM, REFERRAL_STORE, CrmStore)

/**
 * CrmReferralIdentifier:
 * @CRM_REFERRAL_ASK_PESEL: the form asks for the PESEL (the default)
 * @CRM_REFERRAL_ASK_ID_CARD: the form asks for the ID card number
 * @CRM_REFERRAL_ASK_BOTH: the form asks for both
 *
 * Which personal identifier the office's forms ask for: data
 * minimisation asks for one, not both, unless the office needs both.
 */
typedef enum
{
  CRM_REFERRAL_ASK_PESEL,
  CRM_REFERRAL_ASK_ID_CARD,
  CRM_REFERRAL_ASK_BOTH,
} CrmReferralIdentifier;

/**
 * CRM_REFERRAL_RETENTION_DAYS:
 *
 * How long a rejected referral and its documents are kept by default.
 */
#define CRM_REFERRAL_RETENTION_DAYS 90

/**
 * CRM_REFERRAL_FORMS_URL:
 *
 * The forms' public address while the office has set none: the form
 * server's own on loopback.
 */
#define CRM_REFERRAL_FORMS_URL "http://127.0.0.1:8088"

CrmReferralStore *crm_referral_store_from_session (CrmSession *session);

/* the office's settings (crm-referral-store.c) */
guint                 crm_referral_store_get_retention_days (CrmReferralStore      *self);
gboolean              crm_referral_store_set_retention_days (CrmReferralStore      *self,
                                                             guint                  days,
                                                             GError               **error);
char                 *crm_referral_store_get_forms_url      (CrmReferralStore      *self);
gboolean              crm_referral_store_set_forms_url      (CrmReferralStore      *self,
                                                             const char            *url,
                                                             GError               **error);
CrmReferralIdentifier crm_referral_store_get_identifier     (CrmReferralStore      *self);
gboolean              crm_referral_store_set_identifier     (CrmReferralStore      *self,
                                                             CrmReferralIdentifier  identifier,
                                                             GError               **error);
const char           *crm_referral_identifier_to_string     (CrmReferralIdentifier  identifier);
gboolean              crm_referral_identifier_from_string   (const char            *text,
                                                             CrmReferralIdentifier *identifier);
gint64                crm_referral_store_get_template       (CrmReferralStore      *self,
                                                             CrmReferralStatus      decision);
gboolean              crm_referral_store_set_template       (CrmReferralStore      *self,
                                                             CrmReferralStatus      decision,
                                                             gint64                 template_id,
                                                             GError               **error);

/* investments (crm-referral-store.c) */
gint64     crm_referral_store_add_investment   (CrmReferralStore  *self,
                                                const char        *name,
                                                GError           **error);
GPtrArray *crm_referral_store_list_investments (CrmReferralStore  *self,
                                                GError           **error);

/* the brokers' forms (crm-referral-store-forms.c) */
gint64           crm_referral_store_add_form     (CrmReferralStore  *self,
                                                  const char        *name,
                                                  const char        *broker_name,
                                                  const char        *broker_email,
                                                  const char        *broker_phone,
                                                  gint64             expires,
                                                  GError           **error);
GPtrArray       *crm_referral_store_list_forms   (CrmReferralStore  *self,
                                                  GError           **error);
CrmReferralForm *crm_referral_store_lookup_form  (CrmReferralStore  *self,
                                                  gint64             form_id,
                                                  GError           **error);
gboolean         crm_referral_store_revoke_form  (CrmReferralStore  *self,
                                                  gint64             form_id,
                                                  GError           **error);
char            *crm_referral_store_dup_form_url (CrmReferralStore  *self,
                                                  gint64             form_id,
                                                  GError           **error);

/* the form server's submissions (crm-referral-store-submit.c) */
gint64     crm_referral_store_submit           (CrmReferralStore       *self,
                                                CrmReferralSubmission  *submission,
                                                gboolean               *out_duplicate,
                                                GError                **error);

/* the list, its counts, the card (crm-referral-store-list.c) */
GArray          *crm_referral_store_list_ids      (CrmReferralStore         *self,
                                                   const CrmReferralFilter  *filter,
                                                   GError                  **error);
GArray          *crm_referral_store_list_head_ids (CrmReferralStore         *self,
                                                   const CrmReferralFilter  *filter,
                                                   guint                     n,
                                                   GError                  **error);
GPtrArray       *crm_referral_store_get_many      (CrmReferralStore         *self,
                                                   const gint64             *ids,
                                                   guint                     n_ids,
                                                   GError                  **error);
CrmReferral     *crm_referral_store_get           (CrmReferralStore         *self,
                                                   gint64                    id,
                                                   GError                  **error);
gboolean         crm_referral_store_count         (CrmReferralStore         *self,
                                                   CrmReferralCounts        *counts,
                                                   GError                  **error);
void             crm_referral_store_count_async   (CrmReferralStore         *self,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
gboolean         crm_referral_store_count_finish  (CrmReferralStore         *self,
                                                   GAsyncResult             *result,
                                                   CrmReferralCounts        *counts,
                                                   GError                  **error);
CrmReferralCard *crm_referral_store_get_card      (CrmReferralStore         *self,
                                                   gint64                    id,
                                                   GError                  **error);
void             crm_referral_store_get_card_async  (CrmReferralStore       *self,
                                                     gint64                  id,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
CrmReferralCard *crm_referral_store_get_card_finish (CrmReferralStore       *self,
                                                     GAsyncResult           *result,
                                                     GError                **error);
GBytes          *crm_referral_store_get_document  (CrmReferralStore         *self,
                                                   gint64                    document_id,
                                                   char                    **file_name,
                                                   char                    **content_type,
                                                   GError                  **error);

/* saved views of the referrals (crm-referral-filter.c) */
GVariant *crm_referral_filter_to_variant    (const CrmReferralFilter  *filter);
gboolean  crm_referral_filter_from_variant  (GVariant                 *variant,
                                             CrmReferralFilter        *filter,
                                             GError                  **error);
gboolean  crm_referral_store_check_filter   (CrmReferralStore         *self,
                                             const CrmReferralFilter  *filter,
                                             GError                  **error);
GArray   *crm_referral_store_select_ids     (CrmReferralStore         *self,
                                             const CrmReferralFilter  *filter,
                                             gint64                    after_id,
                                             guint                     limit,
                                             GError                  **error);
gboolean  crm_referral_store_filter_matches (CrmReferralStore         *self,
                                             const CrmReferralFilter  *filter,
                                             gint64                    id,
                                             gboolean                 *matches,
                                             GError                  **error);

/* similar clients, referrals and leads (crm-referral-store-similar.c) */
CrmReferralSimilar *crm_referral_store_find_similar (CrmReferralStore  *self,
                                                     gint64             id,
                                                     GError           **error);

/* decisions and messages with the broker (crm-referral-store-decide.c) */
gint64   crm_referral_store_accept          (CrmReferralStore     *self,
                                             gint64                id,
                                             const char           *comment,
                                             gint64                contact_id,
                                             GError              **error);
gboolean crm_referral_store_reject          (CrmReferralStore     *self,
                                             gint64                id,
                                             const char           *comment,
                                             GError              **error);
gint64   crm_referral_store_send_message    (CrmReferralStore     *self,
                                             gint64                id,
                                             const char           *body,
                                             GError              **error);
void     crm_referral_store_decide_async    (CrmReferralStore     *self,
                                             gint64                id,
                                             CrmReferralStatus     decision,
                                             const char           *comment,
                                             gint64                contact_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean crm_referral_store_decide_finish   (CrmReferralStore     *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void     crm_referral_store_send_message_async  (CrmReferralStore     *self,
                                                 gint64                id,
                                                 const char           *body,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean crm_referral_store_send_message_finish (CrmReferralStore     *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* personal numbers and retention (crm-referral-store-privacy.c) */
gboolean crm_referral_store_reveal          (CrmReferralStore     *self,
                                             gint64                id,
                                             char                **pesel,
                                             char                **id_card,
                                             GError              **error);
void     crm_referral_store_reveal_async    (CrmReferralStore     *self,
                                             gint64                id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean crm_referral_store_reveal_finish   (CrmReferralStore     *self,
                                             GAsyncResult         *result,
                                             char                **pesel,
                                             char                **id_card,
                                             GError              **error);
guint    crm_referral_store_purge           (CrmReferralStore     *self,
                                             GError              **error);
guint    crm_referral_store_fill_name_keys  (CrmReferralStore     *self,
                                             guint                 limit,
                                             GError              **error);

G_END_DECLS
