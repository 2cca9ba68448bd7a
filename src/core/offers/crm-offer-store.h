/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"
#include "crm-match.h"
#include "crm-offer.h"
#include "crm-offer-mail.h"
#include "crm-offer-types.h"
#include "crm-search.h"

G_BEGIN_DECLS

typedef struct
{
  CrmOffer *offer;
  GArray   *matched;
} CrmOfferSaved;

#define CRM_TYPE_OFFER_STORE (crm_offer_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmOfferStore, crm_offer_store, CRM, OFFER_STORE, CrmStore)

CrmOfferStore *crm_offer_store_from_session (CrmSession *session);

/**
 * CrmOfferFilter:
 * @deal: (nullable): only "sale" or "rent"
 * @property_type: (nullable): only "flat", "house", "plot" or "commercial"
 * @city: (nullable): only offers in a city whose name begins with
 *   this (any case or accents): "krak" finds Kraków
 * @agent_id: only this agent's offers, or 0; %CRM_USER_ME (saved
 *   filters): those of an agent, each its own
 * @limit: at most this many, or 0
 * @offset: skip this many
 *
 * Offers are listed newest first.
 */
typedef struct
{
  const char *deal;
  const char *property_type;
  const char *city;
  gint64      agent_id;
  guint       limit;
  guint       offset;
} CrmOfferFilter;

gboolean  crm_offer_store_check_filter   (CrmOfferStore         *self,
                                         const CrmOfferFilter  *filter,
                                         GError               **error);
GVariant *crm_offer_filter_to_variant    (const CrmOfferFilter  *filter);
gboolean  crm_offer_filter_from_variant  (GVariant              *variant,
                                         gint64                 me,
                                         CrmOfferFilter        *filter,
                                         GError               **error);
GArray   *crm_offer_store_select_ids     (CrmOfferStore         *self,
                                         const CrmOfferFilter  *filter,
                                         gint64                 after_id,
                                         guint                  limit,
                                         GError               **error);
gboolean  crm_offer_store_filter_matches (CrmOfferStore         *self,
                                         const CrmOfferFilter  *filter,
                                         gint64                 offer_id,
                                         gboolean              *matches,
                                         GError               **error);

/**
 * CrmOfferMailFilter:
 * @pending_only: only the mails waiting in the "Emails to send" box
 * @agent_id: only this agent's mails (and those of no agent), or 0
 * @limit: at most this many, or 0
 *
 * Mails are listed oldest first.
 */
typedef struct
{
  gboolean pending_only;
  gint64   agent_id;
  guint    limit;
} CrmOfferMailFilter;

gboolean       crm_offer_store_save            (CrmOfferStore         *self,
                                                CrmOffer              *offer,
                                                GArray               **matched,
                                                GError               **error);
void           crm_offer_store_save_async      (CrmOfferStore         *self,
                                                CrmOffer              *offer,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
CrmOfferSaved *crm_offer_store_save_finish     (CrmOfferStore         *self,
                                                GAsyncResult          *result,
                                                GError               **error);
void           crm_offer_saved_free            (CrmOfferSaved         *saved);
CrmOffer      *crm_offer_store_get             (CrmOfferStore         *self,
                                                gint64                 id,
                                                GError               **error);
gboolean       crm_offer_store_delete          (CrmOfferStore         *self,
                                                gint64                 id,
                                                GError               **error);
GListModel    *crm_offer_store_list            (CrmOfferStore         *self,
                                                const CrmOfferFilter  *filter,
                                                GError               **error);
guint          crm_offer_store_find            (CrmOfferStore         *self,
                                                const CrmOfferFilter  *filter,
                                                gint64                 offer_id);
guint          crm_offer_store_count           (CrmOfferStore         *self,
                                                const CrmOfferFilter  *filter,
                                                GError               **error);
GArray        *crm_offer_store_list_ids        (CrmOfferStore         *self,
                                                const CrmOfferFilter  *filter,
                                                GError               **error);
GPtrArray     *crm_offer_store_get_many        (CrmOfferStore         *self,
                                                const gint64          *ids,
                                                guint                  n_ids,
                                                GError               **error);
gboolean       crm_offer_store_import          (CrmOfferStore         *self,
                                                const char            *csv,
                                                gssize                 length,
                                                GArray               **ids,
                                                guint                 *n_matched,
                                                GError               **error);
guint          crm_offer_store_get_match_days  (CrmOfferStore         *self);
guint          crm_offer_store_get_stale_days  (CrmOfferStore         *self);
gboolean       crm_offer_store_set_days        (CrmOfferStore         *self,
                                                guint                  match_days,
                                                guint                  stale_days,
                                                GError               **error);
gboolean       crm_offer_store_search_is_fresh (CrmOfferStore         *self,
                                                CrmSearch             *search);

GListModel *crm_offer_store_match_search (CrmOfferStore  *self,
                                          gint64          search_id,
                                          guint           limit,
                                          GError        **error);
GListModel *crm_offer_store_match_offer  (CrmOfferStore  *self,
                                          gint64          offer_id,
                                          guint           limit,
                                          GError        **error);

char     *crm_offer_store_dup_office_language  (CrmOfferStore  *self);
gboolean  crm_offer_store_set_office_language  (CrmOfferStore  *self,
                                                const char     *code,
                                                GError        **error);
char     *crm_offer_store_dup_contact_language (CrmOfferStore  *self,
                                                gint64          contact_id,
                                                GError        **error);
char     *crm_offer_store_dup_client_language  (CrmOfferStore  *self,
                                                gint64          contact_id);
gboolean  crm_offer_store_set_contact_language (CrmOfferStore  *self,
                                                gint64          contact_id,
                                                const char     *code,
                                                GError        **error);

GListModel   *crm_offer_store_list_mails       (CrmOfferStore             *self,
                                                const CrmOfferMailFilter  *filter,
                                                GError                   **error);
CrmOfferMail *crm_offer_store_get_mail         (CrmOfferStore             *self,
                                                gint64                     id,
                                                GError                   **error);
gboolean      crm_offer_store_send_mails       (CrmOfferStore             *self,
                                                const gint64              *mail_ids,
                                                guint                      n_mails,
                                                gboolean                   again,
                                                gint64                     due,
                                                GError                   **error);
gint64        crm_offer_store_send             (CrmOfferStore             *self,
                                                gint64                     search_id,
                                                const gint64              *offer_ids,
                                                guint                      n_offers,
                                                gboolean                   again,
                                                gint64                     due,
                                                gint64                    *outbox_id,
                                                GError                   **error);
void          crm_offer_store_send_async       (CrmOfferStore             *self,
                                                gint64                     search_id,
                                                const gint64              *offer_ids,
                                                guint                      n_offers,
                                                gboolean                   again,
                                                gint64                     due,
                                                GCancellable              *cancellable,
                                                GAsyncReadyCallback        callback,
                                                gpointer                   user_data);
void          crm_offer_store_send_mails_async (CrmOfferStore             *self,
                                                const gint64              *mail_ids,
                                                guint                      n_mails,
                                                gboolean                   again,
                                                gint64                     due,
                                                GCancellable              *cancellable,
                                                GAsyncReadyCallback        callback,
                                                gpointer                   user_data);
GArray       *crm_offer_store_send_finish      (CrmOfferStore             *self,
                                                GAsyncResult              *result,
                                                GError                   **error);
gboolean      crm_offer_store_remove_from_mail (CrmOfferStore             *self,
                                                gint64                     mail_id,
                                                gint64                     offer_id,
                                                GError                   **error);
gboolean      crm_offer_store_discard_mail     (CrmOfferStore             *self,
                                                gint64                     mail_id,
                                                GError                   **error);
GListModel   *crm_offer_store_list_history     (CrmOfferStore             *self,
                                                const char                *entity,
                                                gint64                     id,
                                                GError                   **error);
GBytes       *crm_offer_store_dup_mail_message (CrmOfferStore             *self,
                                                gint64                     mail_id,
                                                GError                   **error);
gint64        crm_offer_store_find_mail_ticket (CrmOfferStore             *self,
                                                gint64                     mail_id);

G_END_DECLS
