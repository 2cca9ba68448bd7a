/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-offers"

#include "config.h"

#include "crm-offer-store-private.h"

/* Offers and searches as their rows hold them (CRM_OFFER_COLUMNS,
 * CRM_SEARCH_COLUMNS). */

static char *
column_dup (CrmStatement *stmt,
            int           column)
{
  return g_strdup (crm_statement_get_text (stmt, column));
}

/* The columns of CRM_OFFER_COLUMNS, from @first on. */
CrmOffer *
_crm_offer_new_from_row (CrmStatement *stmt,
                         int           first)
{
  CrmOffer *self = crm_offer_new ();
  int c = first;

  self->id = crm_statement_get_int64 (stmt, c++);
  crm_deal_from_string (crm_statement_get_text (stmt, c++), &self->deal);
  crm_property_type_from_string (crm_statement_get_text (stmt, c++), &self->type);
  self->city = column_dup (stmt, c++);
  self->district = column_dup (stmt, c++);
  self->street = column_dup (stmt, c++);
  self->price = crm_statement_get_int64 (stmt, c++);
  self->area = crm_statement_get_double (stmt, c++);
  self->rooms = crm_statement_is_null (stmt, c) ? CRM_OFFER_ANY : crm_statement_get_int (stmt, c);
  c++;
  self->floor = crm_statement_is_null (stmt, c) ? CRM_OFFER_ANY_FLOOR : crm_statement_get_int (stmt, c);
  c++;
  if (!crm_market_from_string (crm_statement_get_text (stmt, c++), &self->market))
    self->market = CRM_MARKET_ANY;
  self->description = column_dup (stmt, c++);
  self->agent_id = crm_statement_get_int64 (stmt, c++);
  self->agent_name = column_dup (stmt, c++);
  self->created = crm_statement_get_int64 (stmt, c++);
  self->updated = crm_statement_get_int64 (stmt, c++);
  self->version = crm_statement_get_int64 (stmt, c++);

  return self;
}

static gint64
column_int64_or (CrmStatement *stmt,
                 int           column,
                 gint64        fallback)
{
  return crm_statement_is_null (stmt, column) ? fallback : crm_statement_get_int64 (stmt, column);
}

static double
column_double_or (CrmStatement *stmt,
                  int           column,
                  double        fallback)
{
  return crm_statement_is_null (stmt, column) ? fallback : crm_statement_get_double (stmt, column);
}

/* The columns of CRM_SEARCH_COLUMNS, from @first on. */
CrmSearch *
_crm_search_new_from_row (CrmStatement *stmt,
                          int           first)
{
  CrmSearch *self = g_object_new (CRM_TYPE_SEARCH, NULL);
  const char *locations;
  int c = first;

  self->id = crm_statement_get_int64 (stmt, c++);
  self->client_id = crm_statement_get_int64 (stmt, c++);
  self->client_name = column_dup (stmt, c++);
  self->agent_id = crm_statement_get_int64 (stmt, c++);
  self->agent_name = column_dup (stmt, c++);
  crm_deal_from_string (crm_statement_get_text (stmt, c++), &self->deal);
  self->types = crm_statement_get_int (stmt, c++);
  locations = crm_statement_get_text (stmt, c++);
  self->locations = locations != NULL && *locations != '\0' ? g_strsplit (locations, "\x1f", -1) : NULL;
  self->price_min = column_int64_or (stmt, c++, CRM_OFFER_ANY);
  self->price_max = column_int64_or (stmt, c++, CRM_OFFER_ANY);
  self->area_min = column_double_or (stmt, c++, CRM_OFFER_ANY);
  self->area_max = column_double_or (stmt, c++, CRM_OFFER_ANY);
  self->rooms_min = column_int64_or (stmt, c++, CRM_OFFER_ANY);
  self->rooms_max = column_int64_or (stmt, c++, CRM_OFFER_ANY);
  self->floor_min = column_int64_or (stmt, c++, CRM_OFFER_ANY_FLOOR);
  self->floor_max = column_int64_or (stmt, c++, CRM_OFFER_ANY_FLOOR);
  if (!crm_market_from_string (crm_statement_get_text (stmt, c++), &self->market))
    self->market = CRM_MARKET_ANY;
  crm_notify_from_string (crm_statement_get_text (stmt, c++), &self->notify);
  self->note = column_dup (stmt, c++);
  self->created = crm_statement_get_int64 (stmt, c++);
  self->updated = crm_statement_get_int64 (stmt, c++);
  self->client_email = column_dup (stmt, c++);
  self->version = crm_statement_get_int64 (stmt, c++);

  return self;
}
