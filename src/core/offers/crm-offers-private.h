/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-statement.h"

#include "crm-history-entry-private.h"
#include "crm-offer-store.h"
#include "crm-search-store.h"

G_BEGIN_DECLS

/* Filled by the offers' and searches' storage (crm-offer-store-rows.c). */
struct _CrmOffer
{
  GObject           parent_instance;

  gint64            id;
  CrmDeal           deal;
  CrmPropertyTypes  type;
  char             *city;
  char             *district;
  char             *street;
  gint64            price;
  double            area;
  int               rooms;
  int               floor;
  CrmMarket         market;
  char             *description;
  gint64            agent_id;
  char             *agent_name;
  gint64            created;
  gint64            updated;
  gint64            version;   /* of the row it was read from (0025) */
};

struct _CrmSearch
{
  GObject           parent_instance;

  gint64            id;
  gint64            client_id;
  char             *client_name;
  char             *client_email;
  gint64            agent_id;
  char             *agent_name;
  CrmDeal           deal;
  CrmPropertyTypes  types;
  GStrv             locations;
  gint64            price_min;
  gint64            price_max;
  double            area_min;
  double            area_max;
  int               rooms_min;
  int               rooms_max;
  int               floor_min;
  int               floor_max;
  CrmMarket         market;
  CrmNotify         notify;
  char             *note;
  gint64            created;
  gint64            updated;
  gint64            version;   /* of the row it was read from (0025) */
};


/* What _crm_offer_new_from_row() reads, for
 * "SELECT " CRM_OFFER_COLUMNS " FROM offers o " CRM_OFFER_JOINS. */
#define CRM_OFFER_COLUMNS \
  "o.id, o.deal, o.property_type, o.city, o.district, o.street, o.price, o.area, o.rooms, o.floor, " \
  "o.market, o.description, o.agent_id, ou.name, o.created_at, o.updated_at, o.version"
/* how many they are: a search's columns may follow them */
#define CRM_OFFER_N_COLUMNS 17
#define CRM_OFFER_JOINS "LEFT JOIN users ou ON ou.id = o.agent_id "

/* What _crm_search_new_from_row() reads, for
 * "SELECT " CRM_SEARCH_COLUMNS " FROM searches s " CRM_SEARCH_JOINS. */
#define CRM_SEARCH_COLUMNS \
  "s.id, s.client_id, sc.name, s.agent_id, su.name, s.deal, s.types, s.locations, s.price_min, " \
  "s.price_max, s.area_min, s.area_max, s.rooms_min, s.rooms_max, s.floor_min, s.floor_max, s.market, " \
  "s.notify, s.note, s.created_at, s.updated_at, " \
  "(SELECT e.address FROM contact_emails e WHERE e.contact_id = s.client_id ORDER BY e.position LIMIT 1), " \
  "s.version"
#define CRM_SEARCH_JOINS \
  "JOIN contacts sc ON sc.id = s.client_id LEFT JOIN users su ON su.id = s.agent_id "

CrmOffer *_crm_offer_new_from_row (CrmStatement *stmt,
                                   int           first);
void      _crm_offer_set_id       (CrmOffer     *self,
                                   gint64        id);
void      _crm_offer_set_times    (CrmOffer     *self,
                                   gint64        created,
                                   gint64        updated);
char     *_crm_offer_dup_size     (CrmOffer     *self);

CrmSearch *_crm_search_new_from_row (CrmStatement *stmt,
                                     int           first);
void       _crm_search_set_id       (CrmSearch    *self,
                                     gint64        id);
void       _crm_search_set_times    (CrmSearch    *self,
                                     gint64        created,
                                     gint64        updated);

CrmOfferMail *_crm_offer_mail_new             (gint64         id,
                                               gint64         client_id,
                                               const char    *client_name,
                                               const char    *client_email,
                                               gint64         agent_id,
                                               const char    *agent_name,
                                               const char    *kind,
                                               const char    *state,
                                               gint64         outbox_id,
                                               gint64         created,
                                               gint64         sent,
                                               GListModel    *matches);
void          _crm_offer_mail_set_sender_name (CrmOfferMail  *self,
                                               const char    *name);
void          _crm_offer_mail_compose         (GPtrArray     *offers,
                                               const char    *client_name,
                                               const char    *agent_name,
                                               const char    *currency,
                                               const char    *template_text,
                                               const char    *language,
                                               char         **subject,
                                               char         **text,
                                               char         **html);

/* The place key of a city or district: case, accents and spaces do
 * not count ("Kraków" and " krakow" are one place). */
char *_crm_place_key    (const char  *name);
void  _crm_place_split  (const char  *place,
                         char       **city,
                         char       **district);
char *_crm_format_price (gint64       price);
char *_crm_format_area  (double       area);
char *_crm_format_range (const char  *min,
                         const char  *max);

gint64 _crm_offers_match_cutoff (CrmOfferStore *store);

void _crm_match_set_sent (CrmMatch *self,
                          gint64    sent);

/* The outbox says what became of a message it sent: "sent", "failed"
 * or "cancelled". An offer mail of that message follows it; a sent one
 * goes into the history of its offers and searches (OF9). */
gboolean _crm_offers_mail_outcome (CrmOfferStore  *store,
                                   gint64          outbox_id,
                                   const char     *state,
                                   GError        **error);

G_END_DECLS
