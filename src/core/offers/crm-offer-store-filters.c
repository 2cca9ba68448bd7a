/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-saved-filter.h"
#include "crm-offer-store-private.h"

/* The names people type into the offers' and searches' filters,
 * checked before a list is read (see crm-ticket-store-filters.c). */

/**
 * crm_offer_store_check_filter:
 * @self: a #CrmOfferStore
 * @filter: an offer filter, as for crm_offer_store_list()
 * @error: return location for a #GError
 *
 * Checks the transaction, the property type and the agent @filter
 * names. A city is free text: one with no offers is simply empty.
 *
 * Returns: %TRUE when they exist
 */
gboolean
crm_offer_store_check_filter (CrmOfferStore         *self,
                              const CrmOfferFilter  *filter,
                              GError               **error)
{
  CrmDeal deal;
  CrmPropertyTypes type;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  if (filter->deal != NULL && !crm_deal_from_string (filter->deal, &deal))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                   _("“%s” is not a transaction: use sale or rent."), filter->deal);
      return FALSE;
    }
  if (filter->property_type != NULL && !crm_property_type_from_string (filter->property_type, &type))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                   _("“%s” is not a property type: use flat, house, plot or commercial."), filter->property_type);
      return FALSE;
    }

  return _crm_user_store_check_id (_crm_user_store_of (self), filter->agent_id, error);
}

/**
 * crm_search_store_check_filter:
 * @self: a #CrmSearchStore
 * @filter: a search filter, as for crm_search_store_list()
 * @error: return location for a #GError
 *
 * Checks that the agent and the client @filter names exist.
 *
 * Returns: %TRUE when they do
 */
gboolean
crm_search_store_check_filter (CrmSearchStore         *self,
                               const CrmSearchFilter  *filter,
                               GError                **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (CRM_IS_SEARCH_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  if (filter->client_id != 0)
    {
      if (!_crm_store_exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM contacts WHERE id = ?)", NULL, filter->client_id, &found,
                   error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                       _("There is no contact with id %lld."), (long long) filter->client_id);
          return FALSE;
        }
    }

  return _crm_user_store_check_id (_crm_user_store_of (self), filter->agent_id, error);
}

/* Saved filters (FD4): a saved view's filter of the offers or the
 * searches, and the records it lets through in id order or one at a
 * time (crm-view-store.c); see crm-ticket-store-filters.c. */

static const CrmSavedFilterKey offer_filter_keys[] = {
  { "deal", "s" },
  { "property-type", "s" },
  { "city", "s" },
  { "agent", "x" },
  { NULL, NULL }
};

static const CrmSavedFilterKey search_filter_keys[] = {
  { "agent", "x" },
  { "client", "x" },
  { "stale-only", "b" },
  { NULL, NULL }
};

static gint64
read_user (gint64 id,
           gint64 me)
{
  return id == CRM_USER_ME && me != 0 ? me : id;
}

/**
 * crm_offer_filter_to_variant:
 * @filter: an offer filter, as the list's filter bar sets it
 *
 * What @filter lets through, saved (a saved view's filter):
 * transaction, property type, city and agent (%CRM_USER_ME for
 * "Mine"); not the limit or the offset.
 *
 * Returns: (transfer floating): an a{sv} (see crm_saved_filter_check())
 */
GVariant *
crm_offer_filter_to_variant (const CrmOfferFilter *filter)
{
  GVariantBuilder builder;

  g_return_val_if_fail (filter != NULL, NULL);

  crm_saved_filter_init (&builder);
  if (filter->deal != NULL)
    g_variant_builder_add (&builder, "{sv}", "deal", g_variant_new_string (filter->deal));
  if (filter->property_type != NULL)
    g_variant_builder_add (&builder, "{sv}", "property-type", g_variant_new_string (filter->property_type));
  if (filter->city != NULL && *filter->city != '\0')
    g_variant_builder_add (&builder, "{sv}", "city", g_variant_new_string (filter->city));
  if (filter->agent_id != 0)
    g_variant_builder_add (&builder, "{sv}", "agent", g_variant_new_int64 (filter->agent_id));

  return g_variant_builder_end (&builder);
}

/**
 * crm_offer_filter_from_variant:
 * @variant: what crm_offer_filter_to_variant() made
 * @me: the user %CRM_USER_ME stands for, or 0 to leave it (each
 *   offer's own agent)
 * @filter: (out caller-allocates): the filter; its texts point into
 *   @variant, which must outlive it
 * @error: return location for a #GError
 *
 * Returns: %TRUE with @filter set; %FALSE with a %CRM_ERROR_INVALID
 *   when @variant is not an offer filter this version reads
 */
gboolean
crm_offer_filter_from_variant (GVariant        *variant,
                               gint64           me,
                               CrmOfferFilter  *filter,
                               GError         **error)
{
  g_return_val_if_fail (variant != NULL, FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  memset (filter, 0, sizeof *filter);
  if (!crm_saved_filter_check (variant, offer_filter_keys, error))
    return FALSE;
  g_variant_lookup (variant, "deal", "&s", &filter->deal);
  g_variant_lookup (variant, "property-type", "&s", &filter->property_type);
  g_variant_lookup (variant, "city", "&s", &filter->city);
  g_variant_lookup (variant, "agent", "x", &filter->agent_id);
  filter->agent_id = read_user (filter->agent_id, me);

  return TRUE;
}

/**
 * crm_offer_store_select_ids:
 * @self: a #CrmOfferStore
 * @filter: which offers (limit and offset do not count)
 * @after_id: only offers with a greater id (0: from the first)
 * @limit: at most this many, or 0 for all
 * @error: return location for a #GError
 *
 * The offers @filter lets through, in id order, a page at a time (see
 * crm_ticket_store_select_ids()).
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL
 *   with @error set
 */
GArray *
crm_offer_store_select_ids (CrmOfferStore         *self,
                            const CrmOfferFilter  *filter,
                            gint64                 after_id,
                            guint                  limit,
                            GError               **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT o.id FROM offers o WHERE o.id > ?7");
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  _crm_offers_append_filter (sql, filter);
  g_string_append (sql, " ORDER BY o.id LIMIT ?8");
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  _crm_offers_bind_filter (stmt, filter);
  crm_statement_bind_int64 (stmt, 7, after_id);
  crm_statement_bind_int64 (stmt, 8, limit > 0 ? (gint64) limit : G_MAXINT64);
  if (!_crm_store_step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * crm_offer_store_filter_matches:
 * @self: a #CrmOfferStore
 * @filter: which offers
 * @offer_id: an offer
 * @matches: (out): whether @filter lets it through now (%FALSE for an
 *   offer that does not exist)
 * @error: return location for a #GError
 *
 * Returns: %TRUE with @matches set, or %FALSE with @error set
 */
gboolean
crm_offer_store_filter_matches (CrmOfferStore         *self,
                                const CrmOfferFilter  *filter,
                                gint64                 offer_id,
                                gboolean              *matches,
                                GError               **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT 1 FROM offers o WHERE o.id = ?7");
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (matches != NULL, FALSE);

  _crm_offers_append_filter (sql, filter);
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return FALSE;
  _crm_offers_bind_filter (stmt, filter);
  crm_statement_bind_int64 (stmt, 7, offer_id);

  return _crm_store_step_row (self, stmt, matches, error);
}

/**
 * crm_search_filter_to_variant:
 * @filter: a search filter, as the list's filter bar sets it
 *
 * What @filter lets through, saved (a saved view's filter): agent
 * (%CRM_USER_ME for "Mine"), client and staleness; not the limit or
 * the offset.
 *
 * Returns: (transfer floating): an a{sv} (see crm_saved_filter_check())
 */
GVariant *
crm_search_filter_to_variant (const CrmSearchFilter *filter)
{
  GVariantBuilder builder;

  g_return_val_if_fail (filter != NULL, NULL);

  crm_saved_filter_init (&builder);
  if (filter->agent_id != 0)
    g_variant_builder_add (&builder, "{sv}", "agent", g_variant_new_int64 (filter->agent_id));
  if (filter->client_id != 0)
    g_variant_builder_add (&builder, "{sv}", "client", g_variant_new_int64 (filter->client_id));
  if (filter->stale_only)
    g_variant_builder_add (&builder, "{sv}", "stale-only", g_variant_new_boolean (TRUE));

  return g_variant_builder_end (&builder);
}

/**
 * crm_search_filter_from_variant:
 * @variant: what crm_search_filter_to_variant() made
 * @me: the user %CRM_USER_ME stands for, or 0 to leave it (each
 *   search's own agent)
 * @filter: (out caller-allocates): the filter
 * @error: return location for a #GError
 *
 * Returns: %TRUE with @filter set; %FALSE with a %CRM_ERROR_INVALID
 *   when @variant is not a search filter this version reads
 */
gboolean
crm_search_filter_from_variant (GVariant         *variant,
                                gint64            me,
                                CrmSearchFilter  *filter,
                                GError          **error)
{
  g_return_val_if_fail (variant != NULL, FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  memset (filter, 0, sizeof *filter);
  if (!crm_saved_filter_check (variant, search_filter_keys, error))
    return FALSE;
  g_variant_lookup (variant, "agent", "x", &filter->agent_id);
  g_variant_lookup (variant, "client", "x", &filter->client_id);
  g_variant_lookup (variant, "stale-only", "b", &filter->stale_only);
  filter->agent_id = read_user (filter->agent_id, me);

  return TRUE;
}

/**
 * crm_search_store_select_ids:
 * @self: a #CrmSearchStore
 * @filter: which searches (their order, limit and offset do not count)
 * @after_id: only searches with a greater id (0: from the first)
 * @limit: at most this many, or 0 for all
 * @error: return location for a #GError
 *
 * The searches @filter lets through now (a stale one by the clock's
 * today), in id order, a page at a time (see
 * crm_ticket_store_select_ids()).
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL
 *   with @error set
 */
GArray *
crm_search_store_select_ids (CrmSearchStore         *self,
                             const CrmSearchFilter  *filter,
                             gint64                  after_id,
                             guint                   limit,
                             GError                **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT s.id FROM searches s WHERE s.id > ?6");
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CRM_IS_SEARCH_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  _crm_searches_append_filter (sql, filter);
  g_string_append (sql, " ORDER BY s.id LIMIT ?7");
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  _crm_searches_bind_filter (self, stmt, filter);
  crm_statement_bind_int64 (stmt, 6, after_id);
  crm_statement_bind_int64 (stmt, 7, limit > 0 ? (gint64) limit : G_MAXINT64);
  if (!_crm_store_step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * crm_search_store_filter_matches:
 * @self: a #CrmSearchStore
 * @filter: which searches
 * @search_id: a search
 * @matches: (out): whether @filter lets it through now (%FALSE for a
 *   search that does not exist)
 * @error: return location for a #GError
 *
 * Returns: %TRUE with @matches set, or %FALSE with @error set
 */
gboolean
crm_search_store_filter_matches (CrmSearchStore         *self,
                                 const CrmSearchFilter  *filter,
                                 gint64                  search_id,
                                 gboolean               *matches,
                                 GError                **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT 1 FROM searches s WHERE s.id = ?6");
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_SEARCH_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (matches != NULL, FALSE);

  _crm_searches_append_filter (sql, filter);
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return FALSE;
  _crm_searches_bind_filter (self, stmt, filter);
  crm_statement_bind_int64 (stmt, 6, search_id);

  return _crm_store_step_row (self, stmt, matches, error);
}
