/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-offers"

#include "config.h"

#include "crm-offer-store-private.h"

/* Manual matching (OF3): an offer against the searches, a search against
 * the offers. */

/* Manual matching (OF3) */

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  CrmMatch *x = *(CrmMatch * const *) a;
  CrmMatch *y = *(CrmMatch * const *) b;
  double dx = crm_match_get_distance (x);
  double dy = crm_match_get_distance (y);

  if (crm_match_is_match (x) != crm_match_is_match (y))
    return crm_match_is_match (x) ? -1 : 1;
  if (dx != dy)
    return dx < dy ? -1 : 1;
  /* then the newest offer, the most recently updated search */
  if (crm_offer_get_id (crm_match_get_offer (x)) != crm_offer_get_id (crm_match_get_offer (y)))
    return crm_offer_get_id (crm_match_get_offer (x)) > crm_offer_get_id (crm_match_get_offer (y)) ? -1 : 1;
  if (crm_search_get_updated (crm_match_get_search (x)) != crm_search_get_updated (crm_match_get_search (y)))
    return crm_search_get_updated (crm_match_get_search (x)) > crm_search_get_updated (crm_match_get_search (y))
           ? -1 : 1;

  return crm_search_get_id (crm_match_get_search (x)) > crm_search_get_id (crm_match_get_search (y)) ? -1 : 1;
}

static GListModel *
sorted_matches (GPtrArray *matches,
                guint      limit)
{
  GListStore *list = g_list_store_new (CRM_TYPE_MATCH);

  g_ptr_array_sort (matches, compare_matches);
  for (guint i = 0; i < matches->len && (limit == 0 || i < limit); i++)
    g_list_store_append (list, g_ptr_array_index (matches, i));

  return G_LIST_MODEL (list);
}

/* Keeps @offer against @search when it fits or nearly does. */
static void
consider (GPtrArray *matches,
          CrmOffer  *offer,
          CrmSearch *search)
{
  g_autoptr(CrmMatch) match = crm_match_new (offer, search);

  if (crm_match_is_match (match) || crm_match_is_near_miss (match))
    g_ptr_array_add (matches, g_steal_pointer (&match));
}

/* OF3, issue 10 defect 14: each match says when its search's client
 * last got its offer by mail (sent, or queued in the outbox). */
gboolean
_crm_offers_mark_sent (CrmOfferStore  *self,
                       GListModel     *matches,
                       GError        **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GString) ids = g_string_new ("[");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n = g_list_model_get_n_items (matches);
  int rc;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmMatch) match = g_list_model_get_item (matches, i);
      gint64 offer_id = crm_offer_get_id (crm_match_get_offer (match));

      if (g_hash_table_add (seen, g_memdup2 (&offer_id, sizeof offer_id)))
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 1 ? "," : "", offer_id);
    }
  g_string_append_c (ids, ']');
  if (n == 0)
    return TRUE;

  stmt = _crm_store_prepare (self,
                             "SELECT i.offer_id, m.client_id, max (coalesce (m.sent_at, m.created_at)) "
                             "FROM offer_mail_items i JOIN offer_mails m ON m.id = i.mail_id "
                             "WHERE i.offer_id IN (SELECT value FROM json_each (?)) "
                             "AND m.state IN ('sent', 'queued') GROUP BY i.offer_id, m.client_id",
                             error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_text_copy (stmt, 1, ids->str);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      gint64 when = crm_statement_get_int64 (stmt, 2);

      g_hash_table_insert (sent,
                           g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                            (gint64) crm_statement_get_int64 (stmt, 0),
                                            (gint64) crm_statement_get_int64 (stmt, 1)),
                           g_memdup2 (&when, sizeof when));
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmMatch) match = g_list_model_get_item (matches, i);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                              crm_offer_get_id (crm_match_get_offer (match)),
                                              crm_search_get_client_id (crm_match_get_search (match)));
      gint64 *when = g_hash_table_lookup (sent, key);

      _crm_match_set_sent (match, when != NULL ? *when : 0);
    }

  return TRUE;
}

static GListModel *
sorted_marked_matches (CrmOfferStore  *self,
                       GPtrArray      *matches,
                       guint           limit,
                       GError        **error)
{
  g_autoptr(GListModel) sorted = sorted_matches (matches, limit);

  if (!_crm_offers_mark_sent (self, sorted, error))
    return NULL;

  return g_steal_pointer (&sorted);
}

/* Manual matching from a search judges at most this many of the newest
 * offers of each of its places: enough for an office, bounded for the
 * window that asks. */
#define MATCH_CANDIDATES 5000

/**
 * crm_offer_store_match_search:
 * @self: a #CrmOfferStore
 * @search_id: a search
 * @limit: at most this many, or 0
 * @error: return location for a #GError
 *
 * The offers that fit a search (OF3): every match first, newest offer
 * first, then the near misses (#CrmMatch:near-miss), nearest first.
 * Each says why, criterion by criterion.
 *
 * Each match says when the client last got the offer
 * (#CrmMatch:sent).
 *
 * Returns: (transfer full): #CrmMatch items, or %NULL with @error set
 */
GListModel *
crm_offer_store_match_search (CrmOfferStore  *self,
                              gint64          search_id,
                              guint           limit,
                              GError        **error)
{
  g_autoptr(CrmSearch) search = NULL;
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 price_min, price_max;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), NULL);

  if (!(search = crm_search_store_get (_crm_search_store_of (self), search_id, error)) ||
      !(places = _crm_offers_parse_places (crm_search_get_locations (search), error)))
    return NULL;

  /* near misses are at most 10 % off the price */
  crm_search_get_price_range (search, &price_min, &price_max);

  for (guint i = 0; i < MAX (places->len, 1); i++)
    {
      Place *place = places->len > 0 ? g_ptr_array_index (places, i) : NULL;
      g_autoptr(CrmStatement) stmt = NULL;
      int rc;

      stmt = _crm_store_prepare (self,
                                 place != NULL
                                 ? "SELECT " CRM_OFFER_COLUMNS " FROM offers o " CRM_OFFER_JOINS
                                   "WHERE o.deal = ?1 AND o.city_key = ?2 AND (?3 = '' OR o.district_key = ?3) "
                                   "AND (CAST (?4 AS DOUBLE PRECISION) IS NULL OR o.price >= ?4) "
                                   "AND (CAST (?5 AS DOUBLE PRECISION) IS NULL OR o.price <= ?5) "
                                   "ORDER BY o.id DESC LIMIT " G_STRINGIFY (MATCH_CANDIDATES)
                                 : "SELECT " CRM_OFFER_COLUMNS " FROM offers o " CRM_OFFER_JOINS
                                   "WHERE o.deal = ?1 AND (CAST (?4 AS DOUBLE PRECISION) IS NULL OR o.price >= ?4) "
                                   "AND (CAST (?5 AS DOUBLE PRECISION) IS NULL OR o.price <= ?5) "
                                   "ORDER BY o.id DESC LIMIT " G_STRINGIFY (MATCH_CANDIDATES),
                                 error);
      if (stmt == NULL)
        return NULL;
      crm_statement_bind_text (stmt, 1, crm_deal_to_string (crm_search_get_deal (search)));
      if (place != NULL)
        {
          crm_statement_bind_text (stmt, 2, place->city_key);
          crm_statement_bind_text (stmt, 3, place->district_key);
        }
      if (price_min != CRM_OFFER_ANY)
        crm_statement_bind_double (stmt, 4, price_min * 0.9);
      if (price_max != CRM_OFFER_ANY)
        crm_statement_bind_double (stmt, 5, price_max * 1.1);

      while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
        {
          gint64 id = crm_statement_get_int64 (stmt, 0);
          g_autoptr(CrmOffer) offer = NULL;

          if (g_hash_table_contains (seen, &id))
            continue;
          g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
          offer = _crm_offer_new_from_row (stmt, 0);
          consider (matches, offer, search);
        }
      if (rc != CRM_STEP_DONE)
        {
          _crm_store_set_sql_error (self, error);
          return NULL;
        }
    }

  return sorted_marked_matches (self, matches, limit, error);
}

/**
 * crm_offer_store_match_offer:
 * @self: a #CrmOfferStore
 * @offer_id: an offer
 * @limit: at most this many, or 0
 * @error: return location for a #GError
 *
 * The searches an offer fits (OF3), whatever their notification and
 * last update: every match first, the most recently updated search
 * first, then the near misses, nearest first. Of a very large office,
 * the 2,000 most recently updated searches that could fit are judged.
 * Each match says when the search's client last got the offer
 * (#CrmMatch:sent).
 *
 * Returns: (transfer full): #CrmMatch items, or %NULL with @error set
 */
GListModel *
crm_offer_store_match_offer (CrmOfferStore  *self,
                             gint64          offer_id,
                             guint           limit,
                             GError        **error)
{
  g_autoptr(CrmOffer) offer = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *city_key = NULL;
  g_autofree char *district_key = NULL;
  double price;
  double area;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), NULL);

  if (!(offer = crm_offer_store_get (self, offer_id, error)))
    return NULL;

  city_key = _crm_place_key (crm_offer_get_city (offer));
  district_key = _crm_place_key (crm_offer_get_district (offer));
  price = crm_offer_get_price (offer);
  area = crm_offer_get_area (offer);

  /* the candidates: the transaction, type and place hold, the ranges
   * are within a near miss; the most recently updated first */
  stmt = _crm_store_prepare (self,
                             "SELECT l.search_id FROM search_locations l "
                             "WHERE l.notifying IN (0, 1) AND l.deal = ?1 AND l.city_key IN ('', ?2) "
                             "AND l.district_key IN ('', ?3) AND (l.types = 0 OR (l.types & ?4) <> 0) "
                             "AND (l.price_min IS NULL OR l.price_min * 0.9 <= ?5) "
                             "AND (l.price_max IS NULL OR l.price_max * 1.1 >= ?5) "
                             "AND (l.area_min IS NULL OR l.area_min * 0.9 <= ?6) "
                             "AND (l.area_max IS NULL OR l.area_max * 1.1 >= ?6) "
                             "AND (CAST (?7 AS BIGINT) IS NULL OR ((l.rooms_min IS NULL OR l.rooms_min <= ?7 + 1) "
                             "AND (l.rooms_max IS NULL OR l.rooms_max >= ?7 - 1))) "
                             "AND (CAST (?8 AS BIGINT) IS NULL OR ((l.floor_min IS NULL OR l.floor_min <= ?8 + 1) "
                             "AND (l.floor_max IS NULL OR l.floor_max >= ?8 - 1))) "
                             "GROUP BY l.search_id ORDER BY max (l.updated_at) DESC, l.search_id DESC LIMIT 2000",
                             error);
  if (stmt == NULL)
    return NULL;
  crm_statement_bind_text (stmt, 1, crm_deal_to_string (crm_offer_get_deal (offer)));
  crm_statement_bind_text (stmt, 2, city_key);
  crm_statement_bind_text (stmt, 3, district_key);
  crm_statement_bind_int64 (stmt, 4, crm_offer_get_property_type (offer));
  crm_statement_bind_double (stmt, 5, price);
  crm_statement_bind_double (stmt, 6, area);
  if (crm_offer_get_rooms (offer) != CRM_OFFER_ANY)
    crm_statement_bind_int64 (stmt, 7, crm_offer_get_rooms (offer));
  if (crm_offer_get_floor (offer) != CRM_OFFER_ANY_FLOOR)
    crm_statement_bind_int64 (stmt, 8, crm_offer_get_floor (offer));
  if (!_crm_store_step_ids (self, stmt, ids, error))
    return NULL;
  g_clear_pointer (&stmt, crm_statement_release);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CrmSearch) search = crm_search_store_get (_crm_search_store_of (self), g_array_index (ids, gint64, i), error);

      if (search == NULL)
        return NULL;
      consider (matches, offer, search);
    }

  return sorted_marked_matches (self, matches, limit, error);
}
