/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-offer-store.h"
#include "crm-search-store.h"
#include "crm-store-private.h"

/* The names people type into a filter (a status, a queue, a user, a
 * tag, a source, a property type…) checked before a list is read, so
 * that a mistyped one is an error that says so instead of an empty
 * list that looks like "nothing matches". */

static gboolean
exists (CrmStore    *self,
        const char  *sql,
        const char  *text,
        gint64       id,
        gboolean    *found,
        GError     **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (text != NULL)
    crm_statement_bind_text (stmt, 1, text);
  else
    crm_statement_bind_int64 (stmt, 1, id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  *found = crm_statement_get_int (stmt, 0) != 0;

  return TRUE;
}

static gboolean
check_user (CrmStore  *self,
            gint64     id,
            GError   **error)
{
  gboolean found = FALSE;

  if (id <= 0)
    return TRUE;
  if (!exists (self, "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?)", NULL, id, &found, error))
    return FALSE;
  if (!found)
    g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                 _("There is no user with id %lld."), (long long) id);

  return found;
}

static char *
join_names (GStrv names)
{
  return g_strjoinv (", ", names);
}

/**
 * crm_ticket_store_check_filter:
 * @self: a #CrmTicketStore
 * @filter: a ticket filter, as for crm_ticket_store_list()
 * @error: return location for a #GError
 *
 * Checks that every status, queue, user, tag and source @filter names
 * exists.
 *
 * Returns: %TRUE when it does; else %FALSE with a %CRM_ERROR_NOT_FOUND
 *   that names the unknown value and the known ones
 */
gboolean
crm_ticket_store_check_filter (CrmTicketStore *self,
                               const CrmTicketFilter  *filter,
                               GError                **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  if (filter->status != NULL)
    {
      if (!exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM statuses WHERE name = ?1 OR kind = lower (?1))",
                   filter->status, 0, &found, error))
        return FALSE;
      if (!found)
        {
          g_auto(GStrv) names = crm_ticket_store_list_statuses (self, NULL);
          g_autofree char *known = names ? join_names (names) : g_strdup ("");

          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                       /* Translators: a status that does not exist, then the list of those that do */
                       _("There is no status “%s”: use one of %s."), filter->status, known);
          return FALSE;
        }
    }

  if (filter->queue_id != 0)
    {
      if (!exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM queues WHERE id = ?)", NULL, filter->queue_id, &found,
                   error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                       _("There is no queue with id %lld."), (long long) filter->queue_id);
          return FALSE;
        }
    }

  if (filter->tag != NULL)
    {
      if (!exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM tags WHERE name = ?)", filter->tag, 0, &found, error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                       _("There is no tag “%s”."), filter->tag);
          return FALSE;
        }
    }

  if (filter->source != NULL && !g_strv_contains (crm_ticket_sources (), filter->source))
    {
      g_autofree char *known = g_strjoinv (", ", (GStrv) crm_ticket_sources ());

      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                   /* Translators: a source that does not exist, then the list of those that do */
                   _("There is no source “%s”: use one of %s."), filter->source, known);
      return FALSE;
    }

  return check_user (CRM_STORE (self), filter->assignee_id, error) &&
         check_user (CRM_STORE (self), filter->reader, error) &&
         check_user (CRM_STORE (self), filter->follower_id, error) &&
         check_user (CRM_STORE (self), filter->involved_id, error);
}

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
crm_offer_store_check_filter (CrmOfferStore *self,
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

  return check_user (CRM_STORE (self), filter->agent_id, error);
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
crm_search_store_check_filter (CrmSearchStore *self,
                               const CrmSearchFilter  *filter,
                               GError                **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (CRM_IS_SEARCH_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  if (filter->client_id != 0)
    {
      if (!exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM contacts WHERE id = ?)", NULL, filter->client_id, &found,
                   error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                       _("There is no contact with id %lld."), (long long) filter->client_id);
          return FALSE;
        }
    }

  return check_user (CRM_STORE (self), filter->agent_id, error);
}
