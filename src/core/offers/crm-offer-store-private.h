/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of the offers' and searches' storage
 * (crm-offer-store.c, crm-store-offer-{import,matching,mails}.c,
 * crm-search-store.c); nothing outside them includes it. */

#include "crm-offers-private.h"
#include "crm-mail-private.h"
#include "crm-people-private.h"
#include "crm-offer-store.h"
#include "crm-search-store.h"

G_BEGIN_DECLS

#define UNIT_SEPARATOR "\x1f"

void _crm_offers_register_outbox_hook (void);

typedef struct
{
  CrmOffer *offer;
  GArray   *matched;    /* gint64 search ids */
} SaveOffer;

typedef struct
{
  char *display;        /* "City" or "City/District" */
  char *city_key;
  char *district_key;   /* '' for the whole city */
} Place;

gint64   _crm_offers_stale_cutoff      (CrmOfferStore  *self);
void     _crm_offers_bind_text_or_null (CrmStatement   *stmt,
                                        int             column,
                                        const char     *text);
gboolean _crm_offers_check_agent       (CrmOfferStore  *self,
                                        gint64          agent_id,
                                        GError        **error);
gboolean _crm_offers_update_ids        (CrmOfferStore  *self,
                                        const char     *sql,
                                        gint64          first,
                                        gint64          second,
                                        GError        **error);
gint64   _crm_offers_now_unix          (CrmOfferStore  *self);
gboolean _crm_offers_validate_offer    (CrmOfferStore  *self,
                                        CrmOffer       *offer,
                                        GError        **error);
gboolean _crm_offers_add_mail_item     (CrmOfferStore  *self,
                                        gint64          mail_id,
                                        gint64          offer_id,
                                        gint64          search_id,
                                        GError        **error);
gint64   _crm_offers_insert_mail       (CrmOfferStore  *self,
                                        gint64          client_id,
                                        gint64          agent_id,
                                        const char     *kind,
                                        const char     *state,
                                        GError        **error);
gboolean _crm_offers_queue_mail        (CrmOfferStore  *self,
                                        gint64          mail_id,
                                        gint64          due,
                                        GError        **error);
gboolean _crm_offers_save_offer_tx     (CrmOfferStore  *self,
                                        gpointer        user_data,
                                        GError        **error);
gboolean _crm_offers_delete_row        (CrmOfferStore  *self,
                                        const char     *sql,
                                        const char     *entity,
                                        gint64          id,
                                        GError        **error);
guint    _crm_offers_position_counted  (CrmStatement   *stmt);
GPtrArray *_crm_offers_parse_places (const char * const  *locations,
                                     GError             **error);
gboolean _crm_offers_check_not_sent      (CrmSearchStore  *self,
                                          gint64           client_id,
                                          const char      *client_name,
                                          const char      *offer_ids,
                                          GError         **error);
gboolean _crm_offers_check_mail_not_sent (CrmSearchStore  *self,
                                          gint64           mail_id,
                                          GError         **error);
gboolean _crm_offers_mark_sent           (CrmOfferStore   *self,
                                          GListModel      *matches,
                                          GError         **error);

void     _crm_offers_append_filter     (GString                *sql,
                                        const CrmOfferFilter   *filter);
void     _crm_offers_bind_filter       (CrmStatement           *stmt,
                                        const CrmOfferFilter   *filter);
void     _crm_searches_append_filter   (GString                *sql,
                                        const CrmSearchFilter  *filter);
void     _crm_searches_bind_filter     (CrmSearchStore         *self,
                                        CrmStatement           *stmt,
                                        const CrmSearchFilter  *filter);

G_END_DECLS
