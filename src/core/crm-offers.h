/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-match.h"
#include "crm-offer.h"
#include "crm-offer-mail.h"
#include "crm-offer-types.h"
#include "crm-search.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Property offers and clients' searches (OF): the store's part. */

/**
 * CrmOfferFilter:
 * @deal: (nullable): only "sale" or "rent"
 * @property_type: (nullable): only "flat", "house", "plot" or "commercial"
 * @city: (nullable): only offers in a city whose name begins with
 *   this (any case or accents): "krak" finds Kraków
 * @agent_id: only this agent's offers, or 0
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

/**
 * CrmSearchFilter:
 * @agent_id: only this agent's searches, or 0
 * @client_id: only this client's searches, or 0
 * @stale_only: only searches not updated for the office's stale days
 *   (30), oldest first (OF10); else newest first
 * @limit: at most this many, or 0
 * @offset: skip this many
 */
typedef struct
{
  gint64   agent_id;
  gint64   client_id;
  gboolean stale_only;
  guint    limit;
  guint    offset;
} CrmSearchFilter;

gboolean crm_store_check_offer_filter  (CrmStore               *self,
                                        const CrmOfferFilter   *filter,
                                        GError                **error);
gboolean crm_store_check_search_filter (CrmStore               *self,
                                        const CrmSearchFilter  *filter,
                                        GError                **error);

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

/* Offers (OF1, OF5) */
gboolean     crm_store_save_offer              (CrmStore                 *self,
                                                CrmOffer                 *offer,
                                                GArray                  **matched,
                                                GError                  **error);
CrmOffer    *crm_store_get_offer               (CrmStore                 *self,
                                                gint64                    id,
                                                GError                  **error);
gboolean     crm_store_delete_offer            (CrmStore                 *self,
                                                gint64                    id,
                                                GError                  **error);
GListModel  *crm_store_list_offers             (CrmStore                 *self,
                                                const CrmOfferFilter     *filter,
                                                GError                  **error);
guint        crm_store_find_offer              (CrmStore                 *self,
                                                const CrmOfferFilter     *filter,
                                                gint64                    offer_id);
guint        crm_store_count_offers            (CrmStore                 *self,
                                                const CrmOfferFilter     *filter,
                                                GError                  **error);
GArray      *crm_store_list_offer_ids          (CrmStore                 *self,
                                                const CrmOfferFilter     *filter,
                                                GError                  **error);
GPtrArray   *crm_store_get_offers              (CrmStore                 *self,
                                                const gint64             *ids,
                                                guint                     n_ids,
                                                GError                  **error);
gboolean     crm_store_import_offers           (CrmStore                 *self,
                                                const char               *csv,
                                                gssize                    length,
                                                GArray                  **ids,
                                                guint                    *n_matched,
                                                GError                  **error);

/* Searches (OF2, OF4, OF6, OF10) */
gboolean     crm_store_save_search             (CrmStore                 *self,
                                                CrmSearch                *search,
                                                gboolean                  bump,
                                                GError                  **error);
CrmSearch   *crm_store_get_search              (CrmStore                 *self,
                                                gint64                    id,
                                                GError                  **error);
gboolean     crm_store_delete_search           (CrmStore                 *self,
                                                gint64                    id,
                                                GError                  **error);
GListModel  *crm_store_list_searches           (CrmStore                 *self,
                                                const CrmSearchFilter    *filter,
                                                GError                  **error);
guint        crm_store_find_search             (CrmStore                 *self,
                                                const CrmSearchFilter    *filter,
                                                gint64                    search_id);
guint        crm_store_count_searches          (CrmStore                 *self,
                                                const CrmSearchFilter    *filter,
                                                GError                  **error);
GArray      *crm_store_list_search_ids         (CrmStore                 *self,
                                                const CrmSearchFilter    *filter,
                                                GError                  **error);
GPtrArray   *crm_store_get_searches            (CrmStore                 *self,
                                                const gint64             *ids,
                                                guint                     n_ids,
                                                GError                  **error);
gboolean     crm_store_bump_searches           (CrmStore                 *self,
                                                const gint64             *ids,
                                                guint                     n_ids,
                                                GError                  **error);
guint        crm_store_get_offers_match_days   (CrmStore                 *self);
guint        crm_store_get_offers_stale_days   (CrmStore                 *self);
gboolean     crm_store_set_offers_days         (CrmStore                 *self,
                                                guint                     match_days,
                                                guint                     stale_days,
                                                GError                  **error);
gboolean     crm_store_search_is_fresh         (CrmStore                 *self,
                                                CrmSearch                *search);

/* Manual matching (OF3) */
GListModel  *crm_store_match_search            (CrmStore                 *self,
                                                gint64                    search_id,
                                                guint                     limit,
                                                GError                  **error);
GListModel  *crm_store_match_offer             (CrmStore                 *self,
                                                gint64                    offer_id,
                                                guint                     limit,
                                                GError                  **error);

/* The language of mail to clients */
char        *crm_store_dup_office_language     (CrmStore                 *self);
gboolean     crm_store_set_office_language     (CrmStore                 *self,
                                                const char               *code,
                                                GError                  **error);
char        *crm_store_dup_contact_language    (CrmStore                 *self,
                                                gint64                    contact_id,
                                                GError                  **error);
char        *crm_store_dup_client_language     (CrmStore                 *self,
                                                gint64                    contact_id);
gboolean     crm_store_set_contact_language    (CrmStore                 *self,
                                                gint64                    contact_id,
                                                const char               *code,
                                                GError                  **error);

/* Mails with offers (OF7, OF8, OF9) */
GListModel  *crm_store_list_offer_mails        (CrmStore                 *self,
                                                const CrmOfferMailFilter *filter,
                                                GError                  **error);
CrmOfferMail *crm_store_get_offer_mail         (CrmStore                 *self,
                                                gint64                    id,
                                                GError                  **error);
gboolean     crm_store_send_offer_mails        (CrmStore                 *self,
                                                const gint64             *mail_ids,
                                                guint                     n_mails,
                                                gboolean                  again,
                                                gint64                    due,
                                                GError                  **error);
gint64       crm_store_send_offers             (CrmStore                 *self,
                                                gint64                    search_id,
                                                const gint64             *offer_ids,
                                                guint                     n_offers,
                                                gboolean                  again,
                                                gint64                    due,
                                                gint64                   *outbox_id,
                                                GError                  **error);
gboolean     crm_store_remove_offer_from_mail  (CrmStore                 *self,
                                                gint64                    mail_id,
                                                gint64                    offer_id,
                                                GError                  **error);
gboolean     crm_store_discard_offer_mail      (CrmStore                 *self,
                                                gint64                    mail_id,
                                                GError                  **error);
GListModel  *crm_store_list_offer_history      (CrmStore                 *self,
                                                const char               *entity,
                                                gint64                    id,
                                                GError                  **error);
GBytes      *crm_store_dup_offer_mail_message  (CrmStore                 *self,
                                                gint64                    mail_id,
                                                GError                  **error);
gint64       crm_store_find_offer_mail_ticket  (CrmStore                 *self,
                                                gint64                    mail_id);

G_END_DECLS
