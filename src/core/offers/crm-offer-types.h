/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-offer-enum-types.h"

G_BEGIN_DECLS

/**
 * CrmDeal:
 * @CRM_DEAL_SALE: the property is sold, or the client wants to buy
 * @CRM_DEAL_RENT: the property is let, or the client wants to rent
 */
typedef enum
{
  CRM_DEAL_SALE,
  CRM_DEAL_RENT,
} CrmDeal;

/**
 * CrmPropertyTypes:
 * @CRM_PROPERTY_ANY: no type: in a search, any type will do
 * @CRM_PROPERTY_FLAT: a flat
 * @CRM_PROPERTY_HOUSE: a house
 * @CRM_PROPERTY_PLOT: a plot of land
 * @CRM_PROPERTY_COMMERCIAL: commercial premises
 *
 * An offer has one type; a search accepts a set of them (alternatives).
 */
typedef enum
{
  CRM_PROPERTY_ANY        = 0, /*< skip >*/
  CRM_PROPERTY_FLAT       = 1 << 0,
  CRM_PROPERTY_HOUSE      = 1 << 1,
  CRM_PROPERTY_PLOT       = 1 << 2,
  CRM_PROPERTY_COMMERCIAL = 1 << 3,
} CrmPropertyTypes;

/**
 * CrmMarket:
 * @CRM_MARKET_ANY: not given: an offer that does not say, a search
 *   that takes either
 * @CRM_MARKET_PRIMARY: new, from the developer
 * @CRM_MARKET_SECONDARY: resale
 */
typedef enum
{
  CRM_MARKET_ANY,
  CRM_MARKET_PRIMARY,
  CRM_MARKET_SECONDARY,
} CrmMarket;

/**
 * CrmNotify:
 * @CRM_NOTIFY_OFF: new offers are not matched against the search
 * @CRM_NOTIFY_AGENT: matching offers are prepared in a mail that waits
 *   in the agent's "Emails to send" box (OF7)
 * @CRM_NOTIFY_CLIENT: matching offers are mailed to the client at once
 *   (OF8)
 */
typedef enum
{
  CRM_NOTIFY_OFF,
  CRM_NOTIFY_AGENT,
  CRM_NOTIFY_CLIENT,
} CrmNotify;

/* "Not given" for an offer's rooms, and for a bound of a search's
 * price, area or rooms range. */
#define CRM_OFFER_ANY (-1)
/* "Not given" for an offer's floor and a bound of a floor range: floors
 * can be 0 (ground) or below. */
#define CRM_OFFER_ANY_FLOOR G_MININT



const char *crm_deal_to_string            (CrmDeal           deal);
gboolean    crm_deal_from_string          (const char       *text,
                                           CrmDeal          *deal);
const char *crm_deal_get_label            (CrmDeal           deal);
const char *crm_property_type_to_string   (CrmPropertyTypes  type);
gboolean    crm_property_type_from_string (const char       *text,
                                           CrmPropertyTypes *type);
const char *crm_property_type_get_label   (CrmPropertyTypes  type);
char       *crm_property_types_dup_label  (CrmPropertyTypes  types);
const char *crm_market_to_string          (CrmMarket         market);
gboolean    crm_market_from_string        (const char       *text,
                                           CrmMarket        *market);
const char *crm_market_get_label          (CrmMarket         market);
const char *crm_notify_to_string          (CrmNotify         notify);
gboolean    crm_notify_from_string        (const char       *text,
                                           CrmNotify        *notify);
const char *crm_notify_get_label          (CrmNotify         notify);

gboolean crm_parse_price (const char  *text,
                          gint64      *price,
                          GError     **error);
gboolean crm_parse_area  (const char  *text,
                          double      *area,
                          GError     **error);
gboolean crm_parse_rooms (const char  *text,
                          int         *rooms,
                          GError     **error);
gboolean crm_parse_floor (const char  *text,
                          int         *floor,
                          GError     **error);

G_END_DECLS
