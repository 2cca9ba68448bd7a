/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-offers"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-language.h"
#include "crm-outbox.h"
#include "crm-offer-store-private.h"
#include "crm-template-store.h"

struct _CrmOfferStore
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmOfferStore, crm_offer_store, CRM_TYPE_STORE)

static void
crm_offer_store_class_init (CrmOfferStoreClass *klass)
{
  /* what becomes of the mail this module queues (crm_outbox_add_hook ()) */
  _crm_offers_register_outbox_hook ();
}

static void
crm_offer_store_init (CrmOfferStore *self)
{
}

/**
 * crm_offer_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the store of this module working in @session
 */
CrmOfferStore *
crm_offer_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_OFFER_STORE);
}

/*
 * Offers and searches (OF).
 *
 * Saving a *new* offer matches it (OF5), in the same transaction,
 * against the searches whose notification is on and which were updated
 * within the office's window (OF6; "offers-match-days", 60 by default,
 * counted in calendar days: a search updated 60 days ago takes part,
 * 61 days ago not). An edited offer is not matched again, and a search
 * whose notification is switched on later is not held against offers
 * saved before: matching happens once, when an offer is new.
 *
 * The rules of a match are written down in crm-match.c. Here they are
 * SQL over search_locations: one row per place of a search, keyed by
 * (notifying, transaction, city, district, last update), carrying the
 * search's ranges. A new offer in Kraków/Podgórze walks four short
 * stretches of that key: (Kraków, Podgórze), (Kraków, whole city), and
 * the searches without a place; only fresh rows of notifying searches;
 * then the ranges are checked on the same rows. The cost follows the
 * number of fresh candidates in the offer's city, not the number of
 * searches.
 *
 * What a match does depends on the search's notification (OF4):
 * "agent" puts the offer into the client's prepared mail in the
 * "Emails to send" box (OF7; one pending mail per client, which later
 * offers join until the agent sends it); "client" composes a mail with
 * the offer and queues it in the outbox at once (OF8), unless it cannot
 * be sent (no mail account, no address), when it is prepared for the
 * agent instead. A prepared mail is the agent's of the search (else the
 * client's manager's): a client has one pending mail per agent, so
 * offers found for one agent's search never wait in another's box.
 * Mail is written in the client's language (the contact's, else the
 * office's "client-language"). When the outbox has sent a mail with
 * offers, each of its offers and searches gets a history entry that
 * links the mail (OF9; _crm_offers_mail_outcome()).
 */

#define DEFAULT_MATCH_DAYS 60
#define DEFAULT_STALE_DAYS 30

/* Settings and days */

static guint
setting_days (CrmOfferStore *self,
              const char    *key,
              guint          fallback)
{
  g_autofree char *value = crm_session_get_setting (_crm_session (self), key, NULL);
  guint64 days;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, 3650, &days, NULL))
    return fallback;

  return (guint) days;
}

/**
 * crm_offer_store_get_match_days:
 * @self: a #CrmOfferStore
 *
 * Returns: how many days after its last update a search still takes
 *   part in the matching of new offers (office setting
 *   "offers-match-days", 60 by default)
 */
guint
crm_offer_store_get_match_days (CrmOfferStore *self)
{
  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), DEFAULT_MATCH_DAYS);

  return setting_days (self, "offers-match-days", DEFAULT_MATCH_DAYS);
}

/**
 * crm_offer_store_get_stale_days:
 * @self: a #CrmOfferStore
 *
 * Returns: after how many days without an update a search is listed
 *   for its agent (office setting "offers-stale-days", 30 by default)
 */
guint
crm_offer_store_get_stale_days (CrmOfferStore *self)
{
  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), DEFAULT_STALE_DAYS);

  return setting_days (self, "offers-stale-days", DEFAULT_STALE_DAYS);
}

typedef struct
{
  const char *match;
  const char *stale;
} Days;

static gboolean
set_days_tx (CrmSession  *session,
             gpointer     user_data,
             GError     **error)
{
  CrmOfferStore *self = crm_offer_store_from_session (session);
  Days *days = user_data;

  return crm_session_set_setting (_crm_session (self), "offers-match-days", days->match, error) &&
         crm_session_set_setting (_crm_session (self), "offers-stale-days", days->stale, error);
}

/**
 * crm_offer_store_set_days:
 * @self: a #CrmOfferStore
 * @match_days: how many days after its last update a search still
 *   takes part in the matching of new offers (OF6)
 * @stale_days: after how many days without an update a search is
 *   listed for its agent (OF10)
 * @error: return location for a #GError
 *
 * The office's two day counts, both from 1 to 3650, set together.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_offer_store_set_days (CrmOfferStore  *self,
                          guint           match_days,
                          guint           stale_days,
                          GError        **error)
{
  g_autofree char *match = NULL;
  g_autofree char *stale = NULL;
  Days days;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), FALSE);

  if (match_days < 1 || match_days > 3650 || stale_days < 1 || stale_days > 3650)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("The day counts are between 1 and 3650."));
      return FALSE;
    }
  match = g_strdup_printf ("%u", match_days);
  stale = g_strdup_printf ("%u", stale_days);
  days.match = match;
  days.stale = stale;

  return crm_session_run_in_transaction (_crm_session (self), set_days_tx, &days, error);
}

/* Languages of mail to clients (issue 10, defect 12) */

#define DEFAULT_CLIENT_LANGUAGE "en"

/**
 * crm_offer_store_dup_office_language:
 * @self: a #CrmOfferStore
 *
 * Returns: (transfer full): the language the office writes to clients
 *   who have none of their own (office setting "client-language",
 *   "en" by default)
 */
char *
crm_offer_store_dup_office_language (CrmOfferStore *self)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), NULL);

  code = crm_session_get_setting (_crm_session (self), "client-language", DEFAULT_CLIENT_LANGUAGE);
  if (!crm_language_is_known (code))
    return g_strdup (DEFAULT_CLIENT_LANGUAGE);

  return g_steal_pointer (&code);
}

static gboolean
check_language (const char  *code,
                GError     **error)
{
  g_autofree char *known = NULL;

  if (crm_language_is_known (code))
    return TRUE;

  known = g_strjoinv (", ", (GStrv) crm_language_get_codes ());
  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               /* Translators: the first %s is what was given, the second the codes known: "pl, ru, hu, en" */
               _("“%s” is not a language mail can be written in: use one of %s."), code ? code : "", known);
  return FALSE;
}

/**
 * crm_offer_store_set_office_language:
 * @self: a #CrmOfferStore
 * @code: "pl", "ru", "hu" or "en"
 * @error: return location for a #GError
 *
 * Sets the language of mail to clients who have none of their own.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_offer_store_set_office_language (CrmOfferStore  *self,
                                     const char     *code,
                                     GError        **error)
{
  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), FALSE);

  return check_language (code, error) && crm_session_set_setting (_crm_session (self), "client-language", code, error);
}

/**
 * crm_offer_store_dup_contact_language:
 * @self: a #CrmOfferStore
 * @contact_id: a contact
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the contact's own language, or
 *   %NULL when the contact takes the office's (then @error is not set)
 *   or does not exist (%CRM_ERROR_NOT_FOUND)
 */
char *
crm_offer_store_dup_contact_language (CrmOfferStore  *self,
                                      gint64          contact_id,
                                      GError        **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, "SELECT language FROM contacts WHERE id = ?", error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, contact_id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return g_strdup (crm_statement_get_text (stmt, 0));

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no contact %lld."), (long long) contact_id);
  return NULL;
}

/**
 * crm_offer_store_dup_client_language:
 * @self: a #CrmOfferStore
 * @contact_id: a contact
 *
 * Returns: (transfer full): the language to write to the contact in:
 *   their own, else the office's
 */
char *
crm_offer_store_dup_client_language (CrmOfferStore *self,
                                     gint64         contact_id)
{
  g_autofree char *own = NULL;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), NULL);

  own = crm_offer_store_dup_contact_language (self, contact_id, NULL);
  if (crm_language_is_known (own))
    return g_steal_pointer (&own);

  return crm_offer_store_dup_office_language (self);
}

typedef struct
{
  gint64      contact_id;
  const char *code;
} SetLanguage;

static gboolean
set_language_tx (CrmSession  *session,
                 gpointer     user_data,
                 GError     **error)
{
  CrmOfferStore *self = crm_offer_store_from_session (session);
  SetLanguage *set = user_data;
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "UPDATE contacts SET language = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  if (set->code != NULL)
    crm_statement_bind_text (stmt, 1, set->code);
  crm_statement_bind_int64 (stmt, 2, set->contact_id);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;
  if (_crm_store_count_changes (self) == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no contact %lld."),
                   (long long) set->contact_id);
      return FALSE;
    }

  {
    g_autofree char *detail =
      set->code != NULL
      /* Translators: in a contact's history; %s is a language's name in itself, as "Polski" */
      ? g_strdup_printf (_("Language of mail: %s"), crm_language_get_name (set->code))
      /* Translators: in a contact's history */
      : g_strdup (_("Language of mail: the office’s"));

    return crm_session_append_history (_crm_session (self), "contact", set->contact_id, "updated", detail, error);
  }
}

/**
 * crm_offer_store_set_contact_language:
 * @self: a #CrmOfferStore
 * @contact_id: a contact
 * @code: (nullable): "pl", "ru", "hu" or "en"; %NULL for the office's
 * @error: return location for a #GError
 *
 * The language the office writes to the contact in (offer mails).
 *
 * Returns: %TRUE on success
 */
gboolean
crm_offer_store_set_contact_language (CrmOfferStore  *self,
                                      gint64          contact_id,
                                      const char     *code,
                                      GError        **error)
{
  SetLanguage set = { contact_id, code };

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), FALSE);

  if (code != NULL && !check_language (code, error))
    return FALSE;
  if (!crm_session_run_in_transaction (_crm_session (self), set_language_tx, &set, error))
    return FALSE;

  _crm_store_emit_changed (self, "contact", contact_id);

  return TRUE;
}

/* The first second of the local day @days before today: a search
 * updated at or after it was updated at most @days days ago. */
static gint64
start_of_day_before (CrmOfferStore *self,
                     int            days)
{
  g_autoptr(GDateTime) now = crm_clock_now (crm_session_get_clock (_crm_session (self)));
  g_autoptr(GDateTime) local = g_date_time_to_local (now);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (local),
                                                         g_date_time_get_month (local),
                                                         g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) start = g_date_time_add_days (midnight, -days);

  return g_date_time_to_unix (start);
}

/* Searches updated at or after this take part in matching (OF6). */
gint64
_crm_offers_match_cutoff (CrmOfferStore *self)
{
  return start_of_day_before (self, crm_offer_store_get_match_days (self));
}

/* Stale: updated on the day "stale days" ago or before. */
gint64
_crm_offers_stale_cutoff (CrmOfferStore *self)
{
  return start_of_day_before (self, (int) crm_offer_store_get_stale_days (self) - 1);
}

/**
 * crm_offer_store_search_is_fresh:
 * @self: a #CrmOfferStore
 * @search: a saved search
 *
 * Returns: whether @search was updated recently enough to take part in
 *   the matching of new offers (OF6)
 */
gboolean
crm_offer_store_search_is_fresh (CrmOfferStore *self,
                                 CrmSearch     *search)
{
  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), FALSE);
  g_return_val_if_fail (CRM_IS_SEARCH (search), FALSE);

  return crm_search_get_updated (search) >= _crm_offers_match_cutoff (self);
}

/* Helpers */

void
_crm_offers_bind_text_or_null (CrmStatement *stmt,
                               int           column,
                               const char   *text)
{
  if (text != NULL)
    crm_statement_bind_text_copy (stmt, column, text);
  else
    crm_statement_bind_null (stmt, column);
}

static gboolean
user_exists (CrmOfferStore *self,
             gint64         id)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "SELECT 1 FROM users WHERE id = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, id);

  return crm_statement_step (stmt) == CRM_STEP_ROW;
}

gboolean
_crm_offers_check_agent (CrmOfferStore  *self,
                         gint64          agent_id,
                         GError        **error)
{
  if (agent_id == 0 || user_exists (self, agent_id))
    return TRUE;

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
               _("There is no user %lld to be the agent."), (long long) agent_id);
  return FALSE;
}

gboolean
_crm_offers_update_ids (CrmOfferStore  *self,
                        const char     *sql,
                        gint64          first,
                        gint64          second,
                        GError        **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, first);
  crm_statement_bind_int64 (stmt, 2, second);

  return _crm_store_step_done (self, stmt, error);
}

gint64
_crm_offers_now_unix (CrmOfferStore *self)
{
  return crm_clock_now_unix (crm_session_get_clock (_crm_session (self)));
}

/* Offers */

gboolean
_crm_offers_validate_offer (CrmOfferStore  *self,
                            CrmOffer       *offer,
                            GError        **error)
{
  const char *city = crm_offer_get_city (offer);
  double area = crm_offer_get_area (offer);

  if (city == NULL || *city == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Enter the city of the offer."));
      return FALSE;
    }
  if (crm_offer_get_price (offer) < 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Enter the price, zero or more."));
      return FALSE;
    }
  if (!isfinite (area) || area <= 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Enter the area in square metres, more than zero."));
      return FALSE;
    }
  if (crm_offer_get_rooms (offer) < CRM_OFFER_ANY)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("The number of rooms cannot be below zero."));
      return FALSE;
    }

  return _crm_offers_check_agent (self, crm_offer_get_agent_id (offer), error);
}

typedef struct
{
  gint64    search_id;
  CrmNotify notify;
  gint64    client_id;
  gint64    agent_id;
} Hit;

static gboolean
bind_offer (CrmOfferStore *self,
            CrmStatement  *stmt,
            CrmOffer      *offer)
{
  const char *district = crm_offer_get_district (offer);
  g_autofree char *city_key = _crm_place_key (crm_offer_get_city (offer));
  g_autofree char *district_key = _crm_place_key (district);
  gint64 agent_id = crm_offer_get_agent_id (offer);

  crm_statement_bind_text (stmt, 1, crm_deal_to_string (crm_offer_get_deal (offer)));
  crm_statement_bind_text (stmt, 2, crm_property_type_to_string (crm_offer_get_property_type (offer)));
  crm_statement_bind_text_copy (stmt, 3, crm_offer_get_city (offer));
  crm_statement_bind_text_copy (stmt, 4, city_key);
  _crm_offers_bind_text_or_null (stmt, 5, district);
  crm_statement_bind_text_copy (stmt, 6, district_key);
  _crm_offers_bind_text_or_null (stmt, 7, crm_offer_get_street (offer));
  crm_statement_bind_int64 (stmt, 8, crm_offer_get_price (offer));
  crm_statement_bind_double (stmt, 9, crm_offer_get_area (offer));
  if (crm_offer_get_rooms (offer) != CRM_OFFER_ANY)
    crm_statement_bind_int64 (stmt, 10, crm_offer_get_rooms (offer));
  if (crm_offer_get_floor (offer) != CRM_OFFER_ANY_FLOOR)
    crm_statement_bind_int64 (stmt, 11, crm_offer_get_floor (offer));
  _crm_offers_bind_text_or_null (stmt, 12, crm_market_to_string (crm_offer_get_market (offer)));
  _crm_offers_bind_text_or_null (stmt, 13, crm_offer_get_description (offer));
  /* the agent: the one given, else the one who saves it */
  crm_statement_bind_int64 (stmt, 14, agent_id != 0 ? agent_id : crm_session_get_user_id (_crm_session (self)));
  crm_statement_bind_int64 (stmt, 15, _crm_offers_now_unix (self));

  return TRUE;
}

/* The searches a new offer fits, for notification: see the top of this
 * file and crm-match.c. */
static GArray *
find_notified_searches (CrmOfferStore  *self,
                        CrmOffer       *offer,
                        GError        **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autofree char *city_key = _crm_place_key (crm_offer_get_city (offer));
  g_autofree char *district_key = _crm_place_key (crm_offer_get_district (offer));
  int rc;

  stmt = _crm_store_prepare (self,
                             "SELECT s.id, s.notify, s.client_id, "
                             "coalesce (s.agent_id, (SELECT u.id FROM contacts c JOIN users u ON u.id = c.manager_id "
                             "AND u.deactivated_at IS NULL WHERE c.id = s.client_id)) "
                             "FROM searches s WHERE s.id IN "
                             "(SELECT l.search_id FROM search_locations l "
                             "WHERE l.notifying = 1 AND l.deal = ?1 AND l.city_key IN ('', ?2) "
                             "AND l.district_key IN ('', ?3) AND l.updated_at >= ?4 "
                             "AND (l.types = 0 OR (l.types & ?5) <> 0) "
                             "AND (l.market IS NULL OR l.market = ?6) "
                             "AND (l.price_min IS NULL OR l.price_min <= ?7) "
                             "AND (l.price_max IS NULL OR l.price_max >= ?7) "
                             "AND (l.area_min IS NULL OR l.area_min <= ?8) "
                             "AND (l.area_max IS NULL OR l.area_max >= ?8) "
                             "AND (l.rooms_min IS NULL OR l.rooms_min <= ?9) "
                             "AND (l.rooms_max IS NULL OR l.rooms_max >= ?9) "
                             "AND (l.floor_min IS NULL OR l.floor_min <= ?10) "
                             "AND (l.floor_max IS NULL OR l.floor_max >= ?10)) "
                             "ORDER BY s.client_id, s.id",
                             error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_text (stmt, 1, crm_deal_to_string (crm_offer_get_deal (offer)));
  crm_statement_bind_text (stmt, 2, city_key);
  crm_statement_bind_text (stmt, 3, district_key);
  crm_statement_bind_int64 (stmt, 4, _crm_offers_match_cutoff (self));
  crm_statement_bind_int64 (stmt, 5, crm_offer_get_property_type (offer));
  _crm_offers_bind_text_or_null (stmt, 6, crm_market_to_string (crm_offer_get_market (offer)));
  crm_statement_bind_int64 (stmt, 7, crm_offer_get_price (offer));
  crm_statement_bind_double (stmt, 8, crm_offer_get_area (offer));
  if (crm_offer_get_rooms (offer) != CRM_OFFER_ANY)
    crm_statement_bind_int64 (stmt, 9, crm_offer_get_rooms (offer));
  if (crm_offer_get_floor (offer) != CRM_OFFER_ANY_FLOOR)
    crm_statement_bind_int64 (stmt, 10, crm_offer_get_floor (offer));

  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      Hit hit = { 0 };

      hit.search_id = crm_statement_get_int64 (stmt, 0);
      crm_notify_from_string (crm_statement_get_text (stmt, 1), &hit.notify);
      hit.client_id = crm_statement_get_int64 (stmt, 2);
      hit.agent_id = crm_statement_get_int64 (stmt, 3);
      g_array_append_val (hits, hit);
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&hits);
}

gboolean
_crm_offers_add_mail_item (CrmOfferStore  *self,
                           gint64          mail_id,
                           gint64          offer_id,
                           gint64          search_id,
                           GError        **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self, "INSERT INTO offer_mail_items (mail_id, offer_id, search_id) VALUES (?, ?, ?) "
                        "ON CONFLICT DO NOTHING",
                        error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, mail_id);
  crm_statement_bind_int64 (stmt, 2, offer_id);
  crm_statement_bind_int64 (stmt, 3, search_id);

  return _crm_store_step_done (self, stmt, error);
}

gint64
_crm_offers_insert_mail (CrmOfferStore  *self,
                         gint64          client_id,
                         gint64          agent_id,
                         const char     *kind,
                         const char     *state,
                         GError        **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self,
                        "INSERT INTO offer_mails (client_id, agent_id, kind, state, created_at) "
                        "VALUES (?, (SELECT id FROM users WHERE id = ?), ?, ?, ?)",
                        error);

  if (stmt == NULL)
    return 0;
  crm_statement_bind_int64 (stmt, 1, client_id);
  crm_statement_bind_int64 (stmt, 2, agent_id);
  crm_statement_bind_text (stmt, 3, kind);
  crm_statement_bind_text (stmt, 4, state);
  crm_statement_bind_int64 (stmt, 5, _crm_offers_now_unix (self));
  if (!_crm_store_step_done (self, stmt, error))
    return 0;

  return _crm_store_last_insert_id (self);
}

/* The client's prepared mail for @agent_id, made when there is none
 * (OF7): a client has one pending mail per agent. */
static gint64
pending_mail (CrmOfferStore  *self,
              gint64          client_id,
              gint64          agent_id,
              GError        **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self,
                        "SELECT id FROM offer_mails WHERE client_id = ?1 AND state = 'pending' "
                        "AND ifnull (agent_id, 0) = ifnull ((SELECT id FROM users WHERE id = ?2), 0)",
                        error);

  if (stmt == NULL)
    return 0;
  crm_statement_bind_int64 (stmt, 1, client_id);
  crm_statement_bind_int64 (stmt, 2, agent_id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return crm_statement_get_int64 (stmt, 0);

  return _crm_offers_insert_mail (self, client_id, agent_id, "prepared", "pending", error);
}

static gint64
sending_account (CrmOfferStore *self)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "SELECT min (id) FROM accounts WHERE removed_at IS NULL",
                                                     NULL);

  if (stmt == NULL || crm_statement_step (stmt) != CRM_STEP_ROW)
    return 0;

  return crm_statement_get_int64 (stmt, 0);
}

static GPtrArray *
mail_offers (CrmOfferStore  *self,
             gint64          mail_id,
             GError        **error)
{
  g_autoptr(GPtrArray) offers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CrmStatement) stmt = NULL;
  int rc;

  stmt = _crm_store_prepare (self,
                             "SELECT " CRM_OFFER_COLUMNS " FROM offers o " CRM_OFFER_JOINS
                             "WHERE o.id IN (SELECT offer_id FROM offer_mail_items WHERE mail_id = ?) ORDER BY o.id",
                             error);
  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, mail_id);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    g_ptr_array_add (offers, _crm_offer_new_from_row (stmt, 0));
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&offers);
}

/* Composes the mail's offers to its client and queues it in the
 * outbox, due at @due (OF7, OF8). */
gboolean
_crm_offers_queue_mail (CrmOfferStore  *self,
                        gint64          mail_id,
                        gint64          due,
                        GError        **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmOutgoingMessage) out = NULL;
  g_autofree char *client_name = NULL;
  g_autofree char *client_email = NULL;
  g_autofree char *agent_name = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *template_text = NULL;
  g_autofree char *language = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  gint64 account_id;
  gint64 outbox_id;

  stmt = _crm_store_prepare (self,
                             "SELECT c.name, (SELECT e.address FROM contact_emails e WHERE e.contact_id = c.id "
                             "ORDER BY e.position LIMIT 1), u.name, c.id FROM offer_mails m "
                             "JOIN contacts c ON c.id = m.client_id LEFT JOIN users u ON u.id = m.agent_id "
                             "WHERE m.id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, mail_id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no offer mail %lld."), (long long) mail_id);
      return FALSE;
    }
  client_name = g_strdup (crm_statement_get_text (stmt, 0));
  client_email = g_strdup (crm_statement_get_text (stmt, 1));
  agent_name = g_strdup (crm_statement_get_text (stmt, 2));
  language = crm_offer_store_dup_client_language (self, crm_statement_get_int64 (stmt, 3));
  g_clear_pointer (&stmt, crm_statement_release);

  if (client_email == NULL)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is a client's name */
                   _("%s has no e-mail address to send the offers to: add one to the contact."), client_name);
      return FALSE;
    }
  if ((account_id = sending_account (self)) == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("There is no mail account to send from: add one in Preferences."));
      return FALSE;
    }
  if (!(offers = mail_offers (self, mail_id, error)) ||
      !(account = crm_account_store_get (_crm_account_store_of (self), account_id, error)))
    return FALSE;
  if (offers->len == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   _("Mail %lld has no offers left to send."), (long long) mail_id);
      return FALSE;
    }

  currency = crm_session_get_setting (_crm_session (self), "currency", "PLN");
  template_text = crm_template_store_get_offer_mail_template (_crm_template_store_of (self));
  _crm_offer_mail_compose (offers, client_name, agent_name, currency, template_text, language, &subject, &text,
                           &html);

  out = crm_outgoing_message_new (crm_account_get_display_name (account), crm_account_get_address (account));
  crm_outgoing_message_add_to (out, client_email);
  crm_outgoing_message_set_subject (out, subject);
  crm_outgoing_message_set_body (out, text);
  crm_outgoing_message_set_html (out, html);

  if (!(outbox_id = crm_outbox_queue (_crm_outbox_of (self), "offer-mail", account_id, out, MAX (due, _crm_offers_now_unix (self)),
                                      error)))
    return FALSE;

  return _crm_offers_update_ids (self, "UPDATE offer_mails SET state = 'queued', outbox_id = ?1 WHERE id = ?2",
                     outbox_id, mail_id, error);
}

static gboolean
delete_mail (CrmOfferStore  *self,
             gint64          mail_id,
             GError        **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "DELETE FROM offer_mails WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, mail_id);

  return _crm_store_step_done (self, stmt, error);
}

static gboolean
has_address (CrmOfferStore *self,
             gint64         client_id)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self, "SELECT 1 FROM contact_emails WHERE contact_id = ? LIMIT 1", NULL);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, client_id);

  return crm_statement_step (stmt) == CRM_STEP_ROW;
}

/* One client's @n_hits hits: the offer joins the client's prepared mail,
 * or goes to the client at once when the client and the office can
 * have mail (else the agent sees it instead). */
static gboolean
notify_client (CrmOfferStore  *self,
               gint64          offer_id,
               gboolean        can_send,
               Hit            *hits,
               guint           n_hits,
               GError        **error)
{
  gint64 client_id = hits[0].client_id;
  gint64 automatic = 0;

  for (guint i = 0; i < n_hits; i++)
    {
      if (hits[i].notify != CRM_NOTIFY_CLIENT)
        continue;
      if (automatic == 0)
        {
          if (!can_send || !has_address (self, client_id))
            break;
          if (!(automatic = _crm_offers_insert_mail (self, client_id, hits[i].agent_id, "automatic", "queued", error)))
            return FALSE;
        }
      if (!_crm_offers_add_mail_item (self, automatic, offer_id, hits[i].search_id, error))
        return FALSE;
    }

  if (automatic != 0)
    {
      g_autoptr(GError) local_error = NULL;

      if (!_crm_offers_queue_mail (self, automatic, _crm_offers_now_unix (self), &local_error))
        {
          if (local_error->domain != CRM_ERROR)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_debug ("offer %" G_GINT64_FORMAT " for client %" G_GINT64_FORMAT " prepared instead: %s",
                   offer_id, client_id, local_error->message);
          if (!delete_mail (self, automatic, error))
            return FALSE;
          automatic = 0;
        }
    }

  /* each search's agent gets the offer in their own prepared mail */
  for (guint i = 0; i < n_hits; i++)
    {
      gint64 prepared;

      if (hits[i].notify == CRM_NOTIFY_CLIENT && automatic != 0)
        continue;
      if (!(prepared = pending_mail (self, client_id, hits[i].agent_id, error)) ||
          !_crm_offers_add_mail_item (self, prepared, offer_id, hits[i].search_id, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
match_new_offer (CrmOfferStore  *self,
                 CrmOffer       *offer,
                 GArray         *matched,
                 GError        **error)
{
  g_autoptr(GArray) hits = find_notified_searches (self, offer, error);
  gboolean can_send;
  guint first = 0;

  if (hits == NULL)
    return FALSE;
  can_send = hits->len > 0 && sending_account (self) != 0;

  for (guint i = 0; i < hits->len; i++)
    g_array_append_val (matched, g_array_index (hits, Hit, i).search_id);

  /* hits come by client: one mail per client */
  while (first < hits->len)
    {
      Hit *group = &g_array_index (hits, Hit, first);
      guint n = 1;

      while (first + n < hits->len && g_array_index (hits, Hit, first + n).client_id == group->client_id)
        n++;
      if (!notify_client (self, crm_offer_get_id (offer), can_send, group, n, error))
        return FALSE;
      first += n;
    }

  return TRUE;
}

gboolean
_crm_offers_save_offer_tx (CrmOfferStore  *self,
                           gpointer        user_data,
                           GError        **error)
{
  SaveOffer *save = user_data;
  CrmOffer *offer = save->offer;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *title = NULL;
  gint64 id = crm_offer_get_id (offer);
  gint64 now = _crm_offers_now_unix (self);

  if (!_crm_offers_validate_offer (self, offer, error))
    return FALSE;

  if (id == 0)
    stmt = _crm_store_prepare (self,
                               "INSERT INTO offers (deal, property_type, city, city_key, district, district_key, "
                               "street, price, area, rooms, floor, market, description, agent_id, created_at, "
                               "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                               "(SELECT id FROM users WHERE id = ?14), ?15, ?15)",
                               error);
  else
    stmt = _crm_store_prepare (self,
                               "UPDATE offers SET deal = ?1, property_type = ?2, city = ?3, city_key = ?4, "
                               "district = ?5, district_key = ?6, street = ?7, price = ?8, area = ?9, rooms = ?10, "
                               "floor = ?11, market = ?12, description = ?13, "
                               "agent_id = (SELECT id FROM users WHERE id = ?14), updated_at = ?15, "
                               "version = version + 1 WHERE id = ?16 AND version = ?17",
                               error);
  if (stmt == NULL)
    return FALSE;
  bind_offer (self, stmt, offer);
  if (id != 0)
    {
      crm_statement_bind_int64 (stmt, 16, id);
      crm_statement_bind_int64 (stmt, 17, offer->version);
    }
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;

  title = crm_offer_dup_title (offer);
  if (id != 0)
    {
      /* edited: saved, never matched again (OF5) */
      if (_crm_store_count_changes (self) == 0)
        {
          gboolean found = FALSE;

          if (!_crm_store_exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM offers WHERE id = ?1)", NULL, id, &found, error))
            return FALSE;
          /* a colleague saved it since it was read: theirs stays */
          if (found)
            g_set_error (error, CRM_ERROR, CRM_ERROR_CHANGED,
                         /* Translators: %s is an offer's title, such as "Flat for sale, Kraków" */
                         _("Someone changed the offer “%s” a moment ago. Your changes were not saved: see theirs, "
                           "then make yours again."),
                         title);
          else
            g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no offer %lld."), (long long) id);
          return FALSE;
        }
      if (!crm_session_append_history (_crm_session (self), "offer", id, "updated", title, error))
        return FALSE;
      offer->version++;
      return TRUE;
    }

  id = _crm_store_last_insert_id (self);
  _crm_offer_set_id (offer, id);
  _crm_offer_set_times (offer, now, now);
  offer->version = 1;
  if (crm_offer_get_agent_id (offer) == 0 && user_exists (self, crm_session_get_user_id (_crm_session (self))))
    crm_offer_set_agent_id (offer, crm_session_get_user_id (_crm_session (self)));

  return crm_session_append_history (_crm_session (self), "offer", id, "created", title, error) &&
         match_new_offer (self, offer, save->matched, error);
}

static gboolean
save_offer_tx (CrmSession  *session,
               gpointer     user_data,
               GError     **error)
{
  return _crm_offers_save_offer_tx (crm_offer_store_from_session (session), user_data, error);
}

/**
 * crm_offer_store_save:
 * @self: a #CrmOfferStore
 * @offer: an offer; a new one (id 0) gets its id
 * @matched: (out) (optional) (transfer full) (element-type gint64): the
 *   searches a new offer was matched to for notification (OF5, OF6);
 *   empty for an edited offer
 * @error: return location for a #GError
 *
 * Validates and saves @offer. A new offer is matched, in the same
 * transaction, against the fresh searches whose notification is on, and
 * goes into prepared or outgoing mails (see crm-offer-store.c); an
 * edited one is not matched again.
 *
 * Returns: %TRUE on success; on failure nothing is saved
 */
gboolean
crm_offer_store_save (CrmOfferStore  *self,
                      CrmOffer       *offer,
                      GArray        **matched,
                      GError        **error)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  SaveOffer save = { offer, found };
  gint64 old_id;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), FALSE);
  g_return_val_if_fail (CRM_IS_OFFER (offer), FALSE);

  old_id = crm_offer_get_id (offer);
  if (!crm_session_run_in_transaction (_crm_session (self), save_offer_tx, &save, error))
    {
      if (old_id == 0)
        {
          _crm_offer_set_id (offer, 0);
          _crm_offer_set_times (offer, 0, 0);
        }
      return FALSE;
    }

  _crm_store_emit_changed (self, "offer", crm_offer_get_id (offer));
  if (found->len > 0)
    {
      _crm_store_emit_changed (self, "offer-mail", 0);
      _crm_store_emit_changed (self, "outbox", 0);
    }
  if (matched != NULL)
    *matched = g_steal_pointer (&found);

  return TRUE;
}

/**
 * crm_offer_store_get:
 * @self: a #CrmOfferStore
 * @id: the offer's number
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the offer, or %NULL with %CRM_ERROR_NOT_FOUND
 */
CrmOffer *
crm_offer_store_get (CrmOfferStore  *self,
                     gint64          id,
                     GError        **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT " CRM_OFFER_COLUMNS " FROM offers o " CRM_OFFER_JOINS "WHERE o.id = ?",
                             error);
  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return _crm_offer_new_from_row (stmt, 0);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no offer %lld."), (long long) id);
  return NULL;
}

gboolean
_crm_offers_delete_row (CrmOfferStore  *self,
                        const char     *sql,
                        const char     *entity,
                        gint64          id,
                        GError        **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, id);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;
  if (_crm_store_count_changes (self) == 0)
    {
      if (g_str_equal (entity, "offer"))
        g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no offer %lld."), (long long) id);
      else
        g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no search %lld."), (long long) id);
      return FALSE;
    }

  crm_session_append_history (_crm_session (self), entity, id, "deleted", NULL, NULL);
  _crm_store_emit_changed (self, entity, id);
  _crm_store_emit_changed (self, "offer-mail", 0);

  return TRUE;
}

/**
 * crm_offer_store_delete:
 * @self: a #CrmOfferStore
 * @id: the offer
 * @error: return location for a #GError
 *
 * Deletes the offer; it leaves the mails that were to present it.
 *
 * Returns: %TRUE when deleted
 */
gboolean
crm_offer_store_delete (CrmOfferStore  *self,
                        gint64          id,
                        GError        **error)
{
  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), FALSE);

  return _crm_offers_delete_row (self, "DELETE FROM offers WHERE id = ?", "offer", id, error);
}

/* An offer filter as SQL over "offers o"; bound by
 * _crm_offers_bind_filter (). */
void
_crm_offers_append_filter (GString              *sql,
                           const CrmOfferFilter *filter)
{
  if (filter->deal != NULL)
    g_string_append (sql, " AND o.deal = ?1");
  if (filter->property_type != NULL)
    g_string_append (sql, " AND o.property_type = ?2");
  /* the city as typed so far: "krak" finds Kraków */
  if (filter->city != NULL)
    g_string_append (sql, " AND o.city_key >= ?3 AND o.city_key < ?3 || '\xf4\x8f\xbf\xbf'" /* U+10FFFF */);
  /* a saved filter's "Mine", where nobody looks: each offer's agent */
  if (filter->agent_id == CRM_USER_ME)
    g_string_append (sql, " AND o.agent_id IS NOT NULL");
  else if (filter->agent_id != 0)
    g_string_append (sql, " AND o.agent_id = ?4");
}

void
_crm_offers_bind_filter (CrmStatement         *stmt,
                         const CrmOfferFilter *filter)
{
  if (filter->deal != NULL)
    crm_statement_bind_text_copy (stmt, 1, filter->deal);
  if (filter->property_type != NULL)
    crm_statement_bind_text_copy (stmt, 2, filter->property_type);
  if (filter->city != NULL)
    {
      g_autofree char *key = _crm_place_key (filter->city);

      crm_statement_bind_text_copy (stmt, 3, key);
    }
  if (filter->agent_id > 0)
    crm_statement_bind_int64 (stmt, 4, filter->agent_id);
}

static gpointer
offer_from_row (CrmStatement *stmt)
{
  return _crm_offer_new_from_row (stmt, 0);
}

/**
 * crm_offer_store_list:
 * @self: a #CrmOfferStore
 * @filter: (nullable): which offers
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the #CrmOffer that @filter lets through,
 *   newest first
 */
GListModel *
crm_offer_store_list (CrmOfferStore         *self,
                      const CrmOfferFilter  *filter,
                      GError               **error)
{
  CrmOfferFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT " CRM_OFFER_COLUMNS " FROM offers o " CRM_OFFER_JOINS "WHERE TRUE");
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), NULL);

  if (filter == NULL)
    filter = &all;
  _crm_offers_append_filter (sql, filter);
  g_string_append (sql, " ORDER BY o.id DESC LIMIT ?5 OFFSET ?6");
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  _crm_offers_bind_filter (stmt, filter);
  crm_statement_bind_int64 (stmt, 5, filter->limit > 0 ? (gint64) filter->limit : G_MAXINT64);
  crm_statement_bind_int64 (stmt, 6, filter->offset);

  return _crm_store_collect (self, stmt, CRM_TYPE_OFFER, offer_from_row, error);
}

/* The position a find query counts: it selects how many rows come up
 * to and with the one sought, and whether that one is among them. */
guint
_crm_offers_position_counted (CrmStatement *stmt)
{
  if (crm_statement_step (stmt) != CRM_STEP_ROW || crm_statement_get_int (stmt, 1) != 1)
    return G_MAXUINT;

  return crm_statement_get_int (stmt, 0) - 1;
}

/**
 * crm_offer_store_find:
 * @self: a #CrmOfferStore
 * @filter: (nullable): the list's filter (limit and offset do not count)
 * @offer_id: an offer
 *
 * Where @offer_id stands in the list @filter makes, without reading the
 * rows before it: one indexed count.
 *
 * Returns: its position, or %G_MAXUINT when the list does not hold it
 */
guint
crm_offer_store_find (CrmOfferStore        *self,
                      const CrmOfferFilter *filter,
                      gint64                offer_id)
{
  CrmOfferFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT count (*), max (CASE WHEN o.id = ?7 THEN 1 ELSE 0 END) "
                                         "FROM offers o WHERE o.id >= ?7");
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), G_MAXUINT);

  if (filter == NULL)
    filter = &all;
  _crm_offers_append_filter (sql, filter);
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), NULL)))
    return G_MAXUINT;
  _crm_offers_bind_filter (stmt, filter);
  crm_statement_bind_int64 (stmt, 7, offer_id);
  /* newest first: the offers after it in number come before it */

  return _crm_offers_position_counted (stmt);
}

/**
 * crm_offer_store_count:
 * @self: a #CrmOfferStore
 * @filter: (nullable): which offers (limit and offset do not count)
 * @error: return location for a #GError
 *
 * Returns: how many offers @filter lets through
 */
guint
crm_offer_store_count (CrmOfferStore         *self,
                       const CrmOfferFilter  *filter,
                       GError               **error)
{
  CrmOfferFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT count (*) FROM offers o WHERE TRUE");
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), 0);

  if (filter == NULL)
    filter = &all;
  _crm_offers_append_filter (sql, filter);
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return 0;
  _crm_offers_bind_filter (stmt, filter);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return 0;
    }

  return crm_statement_get_int (stmt, 0);
}

/**
 * crm_offer_store_list_ids:
 * @self: a #CrmOfferStore
 * @filter: (nullable): which offers (limit and offset do not count)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the ids of the offers
 *   @filter lets through, newest first, or %NULL with @error set
 */
GArray *
crm_offer_store_list_ids (CrmOfferStore         *self,
                          const CrmOfferFilter  *filter,
                          GError               **error)
{
  CrmOfferFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT o.id FROM offers o WHERE TRUE");
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), NULL);

  if (filter == NULL)
    filter = &all;
  _crm_offers_append_filter (sql, filter);
  g_string_append (sql, " ORDER BY o.id DESC");
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  _crm_offers_bind_filter (stmt, filter);
  if (!_crm_store_step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * crm_offer_store_get_many:
 * @self: a #CrmOfferStore
 * @ids: (array length=n_ids): offers
 * @n_ids: how many
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmOffer): those of the offers
 *   of @ids that exist, in no particular order, or %NULL with @error set
 */
GPtrArray *
crm_offer_store_get_many (CrmOfferStore  *self,
                          const gint64   *ids,
                          guint           n_ids,
                          GError        **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT " CRM_OFFER_COLUMNS " FROM offers o " CRM_OFFER_JOINS
                             "WHERE o.id IN (SELECT value FROM json_each (?))",
                             error);
  if (stmt == NULL)
    return NULL;
  json = _crm_store_ids_json (ids, n_ids);
  crm_statement_bind_text (stmt, 1, json);

  return _crm_store_collect_objects (self, stmt, offer_from_row, error);
}

/**
 * CrmOfferSaved:
 * @offer: the offer as saved, with its id
 * @matched: (element-type gint64): the searches it was matched to for
 *   notification
 */
void
crm_offer_saved_free (CrmOfferSaved *saved)
{
  g_clear_object (&saved->offer);
  g_clear_pointer (&saved->matched, g_array_unref);
  g_free (saved);
}

static gboolean
save_write (CrmSession    *writer,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  CrmOffer *offer = data;
  g_autoptr(GArray) matched = NULL;
  CrmOfferSaved *saved;

  if (!crm_offer_store_save (crm_offer_store_from_session (writer), offer, &matched, error))
    return FALSE;
  saved = g_new0 (CrmOfferSaved, 1);
  saved->offer = g_object_ref (offer);
  saved->matched = g_steal_pointer (&matched);
  *result = saved;

  return TRUE;
}

/**
 * crm_offer_store_save_async:
 * @self: a #CrmOfferStore
 * @offer: the offer (copied: the saved copy is in the result)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when saved, or not
 * @user_data: for @callback
 *
 * crm_offer_store_save() off the caller's thread
 * (crm_session_write_async()): for the window.
 */
void
crm_offer_store_save_async (CrmOfferStore        *self,
                            CrmOffer             *offer,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_return_if_fail (CRM_IS_OFFER_STORE (self));
  g_return_if_fail (CRM_IS_OFFER (offer));

  crm_session_write_async (_crm_session (self), save_write, crm_offer_copy (offer), g_object_unref,
                           (GDestroyNotify) crm_offer_saved_free, cancellable, callback, user_data);
}

/**
 * crm_offer_store_save_finish:
 * @self: a #CrmOfferStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the offer as saved and its matches, or
 *   %NULL with @error set
 */
CrmOfferSaved *
crm_offer_store_save_finish (CrmOfferStore  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), NULL);

  return crm_session_write_finish (_crm_session (self), result, error);
}
