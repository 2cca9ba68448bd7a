/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
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
