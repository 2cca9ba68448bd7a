/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-view-store"

#include "config.h"

#include "crm-contact-store.h"
#include "crm-offer-store.h"
#include "crm-referral-store.h"
#include "crm-search-store.h"
#include "crm-ticket-store.h"
#include "crm-view-store-private.h"

/* The records a saved view lets through, for automations (AU2–AU4):
 * a page of them in id order for a bulk run, or whether one record
 * does, as it changes. Each module's store turns its own filter into
 * SQL (crm_ticket_store_select_ids () and the like): a walk of the
 * module's primary key from a given id, or one row by its id with each
 * condition a seek on that record's rows; never a scan of the module's
 * table for one record. */

/**
 * _crm_views_check_filter:
 *
 * Whether @filter is a filter of @module's list this version reads,
 * and the queues, statuses, users and tags it names exist.
 */
gboolean
_crm_views_check_filter (CrmViewStore  *self,
                         const char    *module,
                         GVariant      *filter,
                         GError       **error)
{
  CrmSession *session = _crm_session (self);

  if (g_str_equal (module, "tickets") || g_str_equal (module, "requests"))
    {
      CrmTicketFilter tickets;

      return crm_ticket_filter_from_variant (filter, 0, &tickets, error) &&
             crm_ticket_store_check_filter (crm_ticket_store_from_session (session), &tickets, error);
    }
  if (g_str_equal (module, "contacts"))
    {
      CrmContactFilter contacts;

      return crm_contact_filter_from_variant (filter, &contacts, error);
    }
  if (g_str_equal (module, "offers"))
    {
      CrmOfferFilter offers;

      return crm_offer_filter_from_variant (filter, 0, &offers, error) &&
             crm_offer_store_check_filter (crm_offer_store_from_session (session), &offers, error);
    }
  if (g_str_equal (module, "searches"))
    {
      CrmSearchFilter searches;

      return crm_search_filter_from_variant (filter, 0, &searches, error) &&
             crm_search_store_check_filter (crm_search_store_from_session (session), &searches, error);
    }
  if (g_str_equal (module, "referrals"))
    {
      CrmReferralFilter referrals;

      return crm_referral_filter_from_variant (filter, &referrals, error) &&
             crm_referral_store_check_filter (crm_referral_store_from_session (session), &referrals, error);
    }

  return _crm_views_check_module (module, error);
}

/* One record of @view (@record_id > 0), or a page of them after
 * @after_id (@ids), by the view's module's store; "Mine" is the owner
 * of a private view, and each record's own responsible user in a
 * shared one. */
static gboolean
ask_module (CrmViewStore  *self,
            CrmSavedView  *view,
            gint64         after_id,
            guint          limit,
            GArray       **ids,
            gint64         record_id,
            gboolean      *matches,
            GError       **error)
{
  CrmSession *session = _crm_session (self);
  const char *module = crm_saved_view_get_module (view);
  GVariant *variant = crm_saved_view_get_filter (view);
  gint64 me = crm_saved_view_get_owner_id (view);

  if (g_str_equal (module, "tickets") || g_str_equal (module, "requests"))
    {
      CrmTicketStore *store = crm_ticket_store_from_session (session);
      CrmTicketFilter filter;

      if (!crm_ticket_filter_from_variant (variant, me, &filter, error))
        return FALSE;
      if (ids != NULL)
        return (*ids = crm_ticket_store_select_ids (store, &filter, after_id, limit, error)) != NULL;
      return crm_ticket_store_filter_matches (store, &filter, record_id, matches, error);
    }
  if (g_str_equal (module, "contacts"))
    {
      CrmContactStore *store = crm_contact_store_from_session (session);
      CrmContactFilter filter;

      if (!crm_contact_filter_from_variant (variant, &filter, error))
        return FALSE;
      if (ids != NULL)
        return (*ids = crm_contact_store_select_ids (store, &filter, after_id, limit, error)) != NULL;
      return crm_contact_store_filter_matches (store, &filter, record_id, matches, error);
    }
  if (g_str_equal (module, "offers"))
    {
      CrmOfferStore *store = crm_offer_store_from_session (session);
      CrmOfferFilter filter;

      if (!crm_offer_filter_from_variant (variant, me, &filter, error))
        return FALSE;
      if (ids != NULL)
        return (*ids = crm_offer_store_select_ids (store, &filter, after_id, limit, error)) != NULL;
      return crm_offer_store_filter_matches (store, &filter, record_id, matches, error);
    }
  if (g_str_equal (module, "searches"))
    {
      CrmSearchStore *store = crm_search_store_from_session (session);
      CrmSearchFilter filter;

      if (!crm_search_filter_from_variant (variant, me, &filter, error))
        return FALSE;
      if (ids != NULL)
        return (*ids = crm_search_store_select_ids (store, &filter, after_id, limit, error)) != NULL;
      return crm_search_store_filter_matches (store, &filter, record_id, matches, error);
    }
  if (g_str_equal (module, "referrals"))
    {
      CrmReferralStore *store = crm_referral_store_from_session (session);
      CrmReferralFilter filter;

      if (!crm_referral_filter_from_variant (variant, &filter, error))
        return FALSE;
      if (ids != NULL)
        return (*ids = crm_referral_store_select_ids (store, &filter, after_id, limit, error)) != NULL;
      return crm_referral_store_filter_matches (store, &filter, record_id, matches, error);
    }

  return _crm_views_check_module (module, error);
}

/**
 * crm_view_store_select:
 * @self: a #CrmViewStore
 * @view_id: a view the session's user sees (see crm_view_store_get())
 * @after_id: only records with a greater id; 0 for the first page
 * @limit: at most this many ids, or 0 for all
 * @error: return location for a #GError
 *
 * The records of the view's module (tickets, contacts, offers,
 * searches or referrals; a "requests" view's are tickets) that its filter lets
 * through now, in id order: for a bulk run over a view, page by page,
 * each page's last id the next page's @after_id, until a page holds
 * fewer than @limit. Each page is one walk of the module's primary key
 * from @after_id (the filter's conditions checked on each row by its
 * indexes); with a search, on the search's own index where the module
 * has one (contacts).
 *
 * "Mine" (%CRM_USER_ME) is the owner of a private view; in a shared
 * view, each record's own responsible user (see #CrmViewStore). The
 * lists' caps do not apply: a view's records are all that match.
 *
 * Returns: (transfer full) (element-type gint64): the records' ids,
 *   ascending, or %NULL with @error set (%CRM_ERROR_NOT_FOUND for a
 *   view the user does not see, %CRM_ERROR_INVALID for a filter this
 *   version cannot read)
 */
GArray *
crm_view_store_select (CrmViewStore  *self,
                       gint64         view_id,
                       gint64         after_id,
                       guint          limit,
                       GError       **error)
{
  g_autoptr(CrmSavedView) view = NULL;
  GArray *ids = NULL;

  g_return_val_if_fail (CRM_IS_VIEW_STORE (self), NULL);
  g_return_val_if_fail (after_id >= 0, NULL);

  if (!(view = crm_view_store_get (self, view_id, error)) ||
      !ask_module (self, view, after_id, limit, &ids, 0, NULL, error))
    return NULL;

  return ids;
}

/**
 * crm_view_store_matches:
 * @self: a #CrmViewStore
 * @view_id: a view the session's user sees (see crm_view_store_get())
 * @record_id: a record of the view's module
 * @matches: (out): whether the view's filter lets the record through
 *   now: %FALSE for a record that does not exist (or was deleted)
 * @error: return location for a #GError
 *
 * Asks the view's filter of one record, as automations do when a
 * record changes (does it enter or leave the view?) and before each
 * step (is it still in it?): the filter's SQL with "AND id = ?", one
 * row by its primary key and a seek for each condition on that record's
 * own rows, whatever the number of records. "Mine" is read as by
 * crm_view_store_select().
 *
 * Returns: %TRUE with @matches set, or %FALSE with @error set (as
 *   crm_view_store_select())
 */
gboolean
crm_view_store_matches (CrmViewStore  *self,
                        gint64         view_id,
                        gint64         record_id,
                        gboolean      *matches,
                        GError       **error)
{
  g_autoptr(CrmSavedView) view = NULL;

  g_return_val_if_fail (CRM_IS_VIEW_STORE (self), FALSE);
  g_return_val_if_fail (matches != NULL, FALSE);

  *matches = FALSE;
  if (!(view = crm_view_store_get (self, view_id, error)))
    return FALSE;

  return ask_module (self, view, 0, 0, NULL, record_id, matches, error);
}
