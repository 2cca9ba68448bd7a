/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-offers"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-language.h"
#include "crm-offers-private.h"
#include "crm-outbox.h"
#include "crm-outgoing-message.h"
#include "crm-store-private.h"

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
 * links the mail (OF9; _crm_store_offer_mail_outcome()).
 */

#define DEFAULT_MATCH_DAYS 60
#define DEFAULT_STALE_DAYS 30
#define UNIT_SEPARATOR "\x1f"

/* Settings and days */

static guint
setting_days (CrmStore   *self,
              const char *key,
              guint       fallback)
{
  g_autofree char *value = crm_store_get_setting (self, key, NULL);
  guint64 days;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, 3650, &days, NULL))
    return fallback;

  return (guint) days;
}

/**
 * crm_store_get_offers_match_days:
 * @self: a #CrmStore
 *
 * Returns: how many days after its last update a search still takes
 *   part in the matching of new offers (office setting
 *   "offers-match-days", 60 by default)
 */
guint
crm_store_get_offers_match_days (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), DEFAULT_MATCH_DAYS);

  return setting_days (self, "offers-match-days", DEFAULT_MATCH_DAYS);
}

/**
 * crm_store_get_offers_stale_days:
 * @self: a #CrmStore
 *
 * Returns: after how many days without an update a search is listed
 *   for its agent (office setting "offers-stale-days", 30 by default)
 */
guint
crm_store_get_offers_stale_days (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), DEFAULT_STALE_DAYS);

  return setting_days (self, "offers-stale-days", DEFAULT_STALE_DAYS);
}

typedef struct
{
  const char *match;
  const char *stale;
} Days;

static gboolean
set_days_tx (CrmStore  *self,
             gpointer   user_data,
             GError   **error)
{
  Days *days = user_data;

  return crm_store_set_setting (self, "offers-match-days", days->match, error) &&
         crm_store_set_setting (self, "offers-stale-days", days->stale, error);
}

/**
 * crm_store_set_offers_days:
 * @self: a #CrmStore
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
crm_store_set_offers_days (CrmStore  *self,
                           guint      match_days,
                           guint      stale_days,
                           GError   **error)
{
  g_autofree char *match = NULL;
  g_autofree char *stale = NULL;
  Days days;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (match_days < 1 || match_days > 3650 || stale_days < 1 || stale_days > 3650)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("The day counts are between 1 and 3650."));
      return FALSE;
    }
  match = g_strdup_printf ("%u", match_days);
  stale = g_strdup_printf ("%u", stale_days);
  days.match = match;
  days.stale = stale;

  return crm_store_run_in_transaction (self, set_days_tx, &days, error);
}

/* Languages of mail to clients (issue 10, defect 12) */

#define DEFAULT_CLIENT_LANGUAGE "en"

/**
 * crm_store_dup_office_language:
 * @self: a #CrmStore
 *
 * Returns: (transfer full): the language the office writes to clients
 *   who have none of their own (office setting "client-language",
 *   "en" by default)
 */
char *
crm_store_dup_office_language (CrmStore *self)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  code = crm_store_get_setting (self, "client-language", DEFAULT_CLIENT_LANGUAGE);
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
 * crm_store_set_office_language:
 * @self: a #CrmStore
 * @code: "pl", "ru", "hu" or "en"
 * @error: return location for a #GError
 *
 * Sets the language of mail to clients who have none of their own.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_set_office_language (CrmStore    *self,
                               const char  *code,
                               GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  return check_language (code, error) && crm_store_set_setting (self, "client-language", code, error);
}

/**
 * crm_store_dup_contact_language:
 * @self: a #CrmStore
 * @contact_id: a contact
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the contact's own language, or
 *   %NULL when the contact takes the office's (then @error is not set)
 *   or does not exist (%CRM_ERROR_NOT_FOUND)
 */
char *
crm_store_dup_contact_language (CrmStore  *self,
                                gint64     contact_id,
                                GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, "SELECT language FROM contacts WHERE id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no contact %lld."), (long long) contact_id);
  return NULL;
}

/**
 * crm_store_dup_client_language:
 * @self: a #CrmStore
 * @contact_id: a contact
 *
 * Returns: (transfer full): the language to write to the contact in:
 *   their own, else the office's
 */
char *
crm_store_dup_client_language (CrmStore *self,
                               gint64    contact_id)
{
  g_autofree char *own = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  own = crm_store_dup_contact_language (self, contact_id, NULL);
  if (crm_language_is_known (own))
    return g_steal_pointer (&own);

  return crm_store_dup_office_language (self);
}

typedef struct
{
  gint64      contact_id;
  const char *code;
} SetLanguage;

static gboolean
set_language_tx (CrmStore  *self,
                 gpointer   user_data,
                 GError   **error)
{
  SetLanguage *set = user_data;
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (self, "UPDATE contacts SET language = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  if (set->code != NULL)
    sqlite3_bind_text (stmt, 1, set->code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, set->contact_id);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (_crm_store_get_db (self)) == 0)
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

    return crm_store_append_history (self, "contact", set->contact_id, "updated", detail, error);
  }
}

/**
 * crm_store_set_contact_language:
 * @self: a #CrmStore
 * @contact_id: a contact
 * @code: (nullable): "pl", "ru", "hu" or "en"; %NULL for the office's
 * @error: return location for a #GError
 *
 * The language the office writes to the contact in (offer mails).
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_set_contact_language (CrmStore    *self,
                                gint64       contact_id,
                                const char  *code,
                                GError     **error)
{
  SetLanguage set = { contact_id, code };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (code != NULL && !check_language (code, error))
    return FALSE;
  if (!crm_store_run_in_transaction (self, set_language_tx, &set, error))
    return FALSE;

  _crm_store_emit_changed (self, "contact", contact_id);

  return TRUE;
}

/* The first second of the local day @days before today: a search
 * updated at or after it was updated at most @days days ago. */
static gint64
start_of_day_before (CrmStore *self,
                     int       days)
{
  g_autoptr(GDateTime) now = crm_clock_now (crm_store_get_clock (self));
  g_autoptr(GDateTime) local = g_date_time_to_local (now);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (local),
                                                         g_date_time_get_month (local),
                                                         g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) start = g_date_time_add_days (midnight, -days);

  return g_date_time_to_unix (start);
}

/* Searches updated at or after this take part in matching (OF6). */
gint64
_crm_store_match_cutoff (CrmStore *self)
{
  return start_of_day_before (self, crm_store_get_offers_match_days (self));
}

/* Stale: updated on the day "stale days" ago or before. */
static gint64
stale_cutoff (CrmStore *self)
{
  return start_of_day_before (self, (int) crm_store_get_offers_stale_days (self) - 1);
}

/**
 * crm_store_search_is_fresh:
 * @self: a #CrmStore
 * @search: a saved search
 *
 * Returns: whether @search was updated recently enough to take part in
 *   the matching of new offers (OF6)
 */
gboolean
crm_store_search_is_fresh (CrmStore  *self,
                           CrmSearch *search)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (CRM_IS_SEARCH (search), FALSE);

  return crm_search_get_updated (search) >= _crm_store_match_cutoff (self);
}

/* Helpers */

static void
bind_text_or_null (CrmStoreStmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
user_exists (CrmStore *self,
             gint64    id)
{
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (self, "SELECT 1 FROM users WHERE id = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
check_agent (CrmStore  *self,
             gint64     agent_id,
             GError   **error)
{
  if (agent_id == 0 || user_exists (self, agent_id))
    return TRUE;

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
               _("There is no user %lld to be the agent."), (long long) agent_id);
  return FALSE;
}

static gboolean
update_ids (CrmStore    *self,
            const char  *sql,
            gint64       first,
            gint64       second,
            GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, second);

  return _crm_store_step_done (self, stmt, error);
}

static gint64
now_unix (CrmStore *self)
{
  return crm_clock_now_unix (crm_store_get_clock (self));
}

/* Offers */

static gboolean
validate_offer (CrmStore  *self,
                CrmOffer  *offer,
                GError   **error)
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

  return check_agent (self, crm_offer_get_agent_id (offer), error);
}

typedef struct
{
  gint64    search_id;
  CrmNotify notify;
  gint64    client_id;
  gint64    agent_id;
} Hit;

typedef struct
{
  CrmOffer *offer;
  GArray   *matched;    /* gint64 search ids */
} SaveOffer;

static gboolean
bind_offer (CrmStore      *self,
            CrmStoreStmt  *stmt,
            CrmOffer      *offer)
{
  const char *district = crm_offer_get_district (offer);
  g_autofree char *city_key = _crm_place_key (crm_offer_get_city (offer));
  g_autofree char *district_key = _crm_place_key (district);
  gint64 agent_id = crm_offer_get_agent_id (offer);

  sqlite3_bind_text (stmt, 1, crm_deal_to_string (crm_offer_get_deal (offer)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, crm_property_type_to_string (crm_offer_get_property_type (offer)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, crm_offer_get_city (offer), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, city_key, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 5, district);
  sqlite3_bind_text (stmt, 6, district_key, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 7, crm_offer_get_street (offer));
  sqlite3_bind_int64 (stmt, 8, crm_offer_get_price (offer));
  sqlite3_bind_double (stmt, 9, crm_offer_get_area (offer));
  if (crm_offer_get_rooms (offer) != CRM_OFFER_ANY)
    sqlite3_bind_int (stmt, 10, crm_offer_get_rooms (offer));
  if (crm_offer_get_floor (offer) != CRM_OFFER_ANY_FLOOR)
    sqlite3_bind_int (stmt, 11, crm_offer_get_floor (offer));
  bind_text_or_null (stmt, 12, crm_market_to_string (crm_offer_get_market (offer)));
  bind_text_or_null (stmt, 13, crm_offer_get_description (offer));
  /* the agent: the one given, else the one who saves it */
  sqlite3_bind_int64 (stmt, 14, agent_id != 0 ? agent_id : crm_store_get_actor (self));
  sqlite3_bind_int64 (stmt, 15, now_unix (self));

  return TRUE;
}

/* The searches a new offer fits, for notification: see the top of this
 * file and crm-match.c. */
static GArray *
find_notified_searches (CrmStore  *self,
                        CrmOffer  *offer,
                        GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
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

  sqlite3_bind_text (stmt, 1, crm_deal_to_string (crm_offer_get_deal (offer)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, city_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, district_key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, _crm_store_match_cutoff (self));
  sqlite3_bind_int (stmt, 5, crm_offer_get_property_type (offer));
  bind_text_or_null (stmt, 6, crm_market_to_string (crm_offer_get_market (offer)));
  sqlite3_bind_int64 (stmt, 7, crm_offer_get_price (offer));
  sqlite3_bind_double (stmt, 8, crm_offer_get_area (offer));
  if (crm_offer_get_rooms (offer) != CRM_OFFER_ANY)
    sqlite3_bind_int (stmt, 9, crm_offer_get_rooms (offer));
  if (crm_offer_get_floor (offer) != CRM_OFFER_ANY_FLOOR)
    sqlite3_bind_int (stmt, 10, crm_offer_get_floor (offer));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Hit hit = { 0 };

      hit.search_id = sqlite3_column_int64 (stmt, 0);
      crm_notify_from_string ((const char *) sqlite3_column_text (stmt, 1), &hit.notify);
      hit.client_id = sqlite3_column_int64 (stmt, 2);
      hit.agent_id = sqlite3_column_int64 (stmt, 3);
      g_array_append_val (hits, hit);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&hits);
}

static gboolean
add_mail_item (CrmStore  *self,
               gint64     mail_id,
               gint64     offer_id,
               gint64     search_id,
               GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (self, "INSERT OR IGNORE INTO offer_mail_items (mail_id, offer_id, search_id) VALUES (?, ?, ?)",
                        error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mail_id);
  sqlite3_bind_int64 (stmt, 2, offer_id);
  sqlite3_bind_int64 (stmt, 3, search_id);

  return _crm_store_step_done (self, stmt, error);
}

static gint64
insert_mail (CrmStore    *self,
             gint64       client_id,
             gint64       agent_id,
             const char  *kind,
             const char  *state,
             GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (self,
                        "INSERT INTO offer_mails (client_id, agent_id, kind, state, created_at) "
                        "VALUES (?, (SELECT id FROM users WHERE id = ?), ?, ?, ?)",
                        error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_int64 (stmt, 2, agent_id);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, state, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now_unix (self));
  if (!_crm_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (_crm_store_get_db (self));
}

/* The client's prepared mail for @agent_id, made when there is none
 * (OF7): a client has one pending mail per agent. */
static gint64
pending_mail (CrmStore  *self,
              gint64     client_id,
              gint64     agent_id,
              GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (self,
                        "SELECT id FROM offer_mails WHERE client_id = ?1 AND state = 'pending' "
                        "AND ifnull (agent_id, 0) = ifnull ((SELECT id FROM users WHERE id = ?2), 0)",
                        error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_int64 (stmt, 2, agent_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);

  return insert_mail (self, client_id, agent_id, "prepared", "pending", error);
}

static gint64
sending_account (CrmStore *self)
{
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (self, "SELECT min (id) FROM accounts WHERE removed_at IS NULL",
                                                     NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

static GPtrArray *
mail_offers (CrmStore  *self,
             gint64     mail_id,
             GError   **error)
{
  g_autoptr(GPtrArray) offers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CrmStoreStmt) stmt = NULL;
  int rc;

  stmt = _crm_store_prepare (self,
                             "SELECT " CRM_OFFER_COLUMNS " FROM offers o " CRM_OFFER_JOINS
                             "WHERE o.id IN (SELECT offer_id FROM offer_mail_items WHERE mail_id = ?) ORDER BY o.id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mail_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (offers, _crm_offer_new_from_row (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&offers);
}

/* Composes the mail's offers to its client and queues it in the
 * outbox, due at @due (OF7, OF8). */
static gboolean
queue_mail (CrmStore  *self,
            gint64     mail_id,
            gint64     due,
            GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
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
  sqlite3_bind_int64 (stmt, 1, mail_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no offer mail %lld."), (long long) mail_id);
      return FALSE;
    }
  client_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  client_email = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  agent_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  language = crm_store_dup_client_language (self, sqlite3_column_int64 (stmt, 3));
  g_clear_pointer (&stmt, _crm_store_stmt_release);

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
      !(account = crm_store_get_account (self, account_id, error)))
    return FALSE;
  if (offers->len == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   _("Mail %lld has no offers left to send."), (long long) mail_id);
      return FALSE;
    }

  currency = crm_store_get_setting (self, "currency", "PLN");
  template_text = crm_store_get_offer_mail_template (self);
  _crm_offer_mail_compose (offers, client_name, agent_name, currency, template_text, language, &subject, &text,
                           &html);

  out = crm_outgoing_message_new (crm_account_get_display_name (account), crm_account_get_address (account));
  crm_outgoing_message_add_to (out, client_email);
  crm_outgoing_message_set_subject (out, subject);
  crm_outgoing_message_set_body (out, text);
  crm_outgoing_message_set_html (out, html);

  if (!(outbox_id = crm_outbox_queue (self, account_id, out, MAX (due, now_unix (self)), error)))
    return FALSE;

  return update_ids (self, "UPDATE offer_mails SET state = 'queued', outbox_id = ?1 WHERE id = ?2",
                     outbox_id, mail_id, error);
}

static gboolean
delete_mail (CrmStore  *self,
             gint64     mail_id,
             GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (self, "DELETE FROM offer_mails WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mail_id);

  return _crm_store_step_done (self, stmt, error);
}

static gboolean
has_address (CrmStore *self,
             gint64    client_id)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (self, "SELECT 1 FROM contact_emails WHERE contact_id = ? LIMIT 1", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* One client's @n_hits hits: the offer joins the client's prepared mail,
 * or goes to the client at once when the client and the office can
 * have mail (else the agent sees it instead). */
static gboolean
notify_client (CrmStore  *self,
               gint64     offer_id,
               gboolean   can_send,
               Hit       *hits,
               guint      n_hits,
               GError   **error)
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
          if (!(automatic = insert_mail (self, client_id, hits[i].agent_id, "automatic", "queued", error)))
            return FALSE;
        }
      if (!add_mail_item (self, automatic, offer_id, hits[i].search_id, error))
        return FALSE;
    }

  if (automatic != 0)
    {
      g_autoptr(GError) local_error = NULL;

      if (!queue_mail (self, automatic, now_unix (self), &local_error))
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
          !add_mail_item (self, prepared, offer_id, hits[i].search_id, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
match_new_offer (CrmStore  *self,
                 CrmOffer  *offer,
                 GArray    *matched,
                 GError   **error)
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

static gboolean
save_offer_tx (CrmStore  *self,
               gpointer   user_data,
               GError   **error)
{
  SaveOffer *save = user_data;
  CrmOffer *offer = save->offer;
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autofree char *title = NULL;
  gint64 id = crm_offer_get_id (offer);
  gint64 now = now_unix (self);

  if (!validate_offer (self, offer, error))
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
                               "agent_id = (SELECT id FROM users WHERE id = ?14), updated_at = ?15 WHERE id = ?16",
                               error);
  if (stmt == NULL)
    return FALSE;
  bind_offer (self, stmt, offer);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 16, id);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;

  title = crm_offer_dup_title (offer);
  if (id != 0)
    {
      /* edited: saved, never matched again (OF5) */
      if (sqlite3_changes (_crm_store_get_db (self)) == 0)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no offer %lld."), (long long) id);
          return FALSE;
        }
      return crm_store_append_history (self, "offer", id, "updated", title, error);
    }

  id = sqlite3_last_insert_rowid (_crm_store_get_db (self));
  _crm_offer_set_id (offer, id);
  _crm_offer_set_times (offer, now, now);
  if (crm_offer_get_agent_id (offer) == 0 && user_exists (self, crm_store_get_actor (self)))
    crm_offer_set_agent_id (offer, crm_store_get_actor (self));

  return crm_store_append_history (self, "offer", id, "created", title, error) &&
         match_new_offer (self, offer, save->matched, error);
}

/**
 * crm_store_save_offer:
 * @self: a #CrmStore
 * @offer: an offer; a new one (id 0) gets its id
 * @matched: (out) (optional) (transfer full) (element-type gint64): the
 *   searches a new offer was matched to for notification (OF5, OF6);
 *   empty for an edited offer
 * @error: return location for a #GError
 *
 * Validates and saves @offer. A new offer is matched, in the same
 * transaction, against the fresh searches whose notification is on, and
 * goes into prepared or outgoing mails (see crm-store-offers.c); an
 * edited one is not matched again.
 *
 * Returns: %TRUE on success; on failure nothing is saved
 */
gboolean
crm_store_save_offer (CrmStore  *self,
                      CrmOffer  *offer,
                      GArray   **matched,
                      GError   **error)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  SaveOffer save = { offer, found };
  gint64 old_id;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (CRM_IS_OFFER (offer), FALSE);

  old_id = crm_offer_get_id (offer);
  if (!crm_store_run_in_transaction (self, save_offer_tx, &save, error))
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
 * crm_store_get_offer:
 * @self: a #CrmStore
 * @id: the offer's number
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the offer, or %NULL with %CRM_ERROR_NOT_FOUND
 */
CrmOffer *
crm_store_get_offer (CrmStore  *self,
                     gint64     id,
                     GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT " CRM_OFFER_COLUMNS " FROM offers o " CRM_OFFER_JOINS "WHERE o.id = ?",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return _crm_offer_new_from_row (stmt, 0);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no offer %lld."), (long long) id);
  return NULL;
}

static gboolean
delete_row (CrmStore    *self,
            const char  *sql,
            const char  *entity,
            gint64       id,
            GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (_crm_store_get_db (self)) == 0)
    {
      if (g_str_equal (entity, "offer"))
        g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no offer %lld."), (long long) id);
      else
        g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no search %lld."), (long long) id);
      return FALSE;
    }

  crm_store_append_history (self, entity, id, "deleted", NULL, NULL);
  _crm_store_emit_changed (self, entity, id);
  _crm_store_emit_changed (self, "offer-mail", 0);

  return TRUE;
}

/**
 * crm_store_delete_offer:
 * @self: a #CrmStore
 * @id: the offer
 * @error: return location for a #GError
 *
 * Deletes the offer; it leaves the mails that were to present it.
 *
 * Returns: %TRUE when deleted
 */
gboolean
crm_store_delete_offer (CrmStore  *self,
                        gint64     id,
                        GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  return delete_row (self, "DELETE FROM offers WHERE id = ?", "offer", id, error);
}

static void
append_offer_filter (GString              *sql,
                     const CrmOfferFilter *filter)
{
  if (filter->deal != NULL)
    g_string_append (sql, " AND o.deal = ?1");
  if (filter->property_type != NULL)
    g_string_append (sql, " AND o.property_type = ?2");
  /* the city as typed so far: "krak" finds Kraków */
  if (filter->city != NULL)
    g_string_append (sql, " AND o.city_key >= ?3 AND o.city_key < ?3 || char (1114111)");
  if (filter->agent_id != 0)
    g_string_append (sql, " AND o.agent_id = ?4");
}

static void
bind_offer_filter (CrmStoreStmt         *stmt,
                   const CrmOfferFilter *filter)
{
  if (filter->deal != NULL)
    sqlite3_bind_text (stmt, 1, filter->deal, -1, SQLITE_TRANSIENT);
  if (filter->property_type != NULL)
    sqlite3_bind_text (stmt, 2, filter->property_type, -1, SQLITE_TRANSIENT);
  if (filter->city != NULL)
    {
      g_autofree char *key = _crm_place_key (filter->city);

      sqlite3_bind_text (stmt, 3, key, -1, SQLITE_TRANSIENT);
    }
  if (filter->agent_id != 0)
    sqlite3_bind_int64 (stmt, 4, filter->agent_id);
}

static gpointer
offer_from_row (CrmStoreStmt *stmt)
{
  return _crm_offer_new_from_row (stmt, 0);
}

/**
 * crm_store_list_offers:
 * @self: a #CrmStore
 * @filter: (nullable): which offers
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the #CrmOffer that @filter lets through,
 *   newest first
 */
GListModel *
crm_store_list_offers (CrmStore              *self,
                       const CrmOfferFilter  *filter,
                       GError               **error)
{
  CrmOfferFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT " CRM_OFFER_COLUMNS " FROM offers o " CRM_OFFER_JOINS "WHERE 1");
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (filter == NULL)
    filter = &all;
  append_offer_filter (sql, filter);
  g_string_append (sql, " ORDER BY o.id DESC LIMIT ?5 OFFSET ?6");
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  bind_offer_filter (stmt, filter);
  sqlite3_bind_int64 (stmt, 5, filter->limit > 0 ? (gint64) filter->limit : -1);
  sqlite3_bind_int64 (stmt, 6, filter->offset);

  return _crm_store_collect (self, stmt, CRM_TYPE_OFFER, offer_from_row, error);
}

/* The position a find query counts: it selects how many rows come up
 * to and with the one sought, and whether that one is among them. */
static guint
position_counted (CrmStoreStmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 1) != 1)
    return G_MAXUINT;

  return sqlite3_column_int (stmt, 0) - 1;
}

/**
 * crm_store_find_offer:
 * @self: a #CrmStore
 * @filter: (nullable): the list's filter (limit and offset do not count)
 * @offer_id: an offer
 *
 * Where @offer_id stands in the list @filter makes, without reading the
 * rows before it: one indexed count.
 *
 * Returns: its position, or %G_MAXUINT when the list does not hold it
 */
guint
crm_store_find_offer (CrmStore             *self,
                      const CrmOfferFilter *filter,
                      gint64                offer_id)
{
  CrmOfferFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT count (*), max (o.id = ?7) FROM offers o WHERE o.id >= ?7");
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), G_MAXUINT);

  if (filter == NULL)
    filter = &all;
  append_offer_filter (sql, filter);
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), NULL)))
    return G_MAXUINT;
  bind_offer_filter (stmt, filter);
  sqlite3_bind_int64 (stmt, 7, offer_id);
  /* newest first: the offers after it in number come before it */

  return position_counted (stmt);
}

/**
 * crm_store_count_offers:
 * @self: a #CrmStore
 * @filter: (nullable): which offers (limit and offset do not count)
 * @error: return location for a #GError
 *
 * Returns: how many offers @filter lets through
 */
guint
crm_store_count_offers (CrmStore              *self,
                        const CrmOfferFilter  *filter,
                        GError               **error)
{
  CrmOfferFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT count (*) FROM offers o WHERE 1");
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  if (filter == NULL)
    filter = &all;
  append_offer_filter (sql, filter);
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return 0;
  bind_offer_filter (stmt, filter);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return 0;
    }

  return sqlite3_column_int (stmt, 0);
}

/**
 * crm_store_list_offer_ids:
 * @self: a #CrmStore
 * @filter: (nullable): which offers (limit and offset do not count)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the ids of the offers
 *   @filter lets through, newest first, or %NULL with @error set
 */
GArray *
crm_store_list_offer_ids (CrmStore              *self,
                          const CrmOfferFilter  *filter,
                          GError               **error)
{
  CrmOfferFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT o.id FROM offers o WHERE 1");
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (filter == NULL)
    filter = &all;
  append_offer_filter (sql, filter);
  g_string_append (sql, " ORDER BY o.id DESC");
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  bind_offer_filter (stmt, filter);
  if (!_crm_store_step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * crm_store_get_offers:
 * @self: a #CrmStore
 * @ids: (array length=n_ids): offers
 * @n_ids: how many
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmOffer): those of the offers
 *   of @ids that exist, in no particular order, or %NULL with @error set
 */
GPtrArray *
crm_store_get_offers (CrmStore      *self,
                      const gint64  *ids,
                      guint          n_ids,
                      GError       **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT " CRM_OFFER_COLUMNS " FROM offers o " CRM_OFFER_JOINS
                             "WHERE o.id IN (SELECT value FROM json_each (?))",
                             error);
  if (stmt == NULL)
    return NULL;
  json = _crm_store_ids_json (ids, n_ids);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);

  return _crm_store_collect_objects (self, stmt, offer_from_row, error);
}

/* Importing offers */

typedef struct
{
  guint      line;
  GPtrArray *fields;   /* char * */
} CsvRow;

static void
csv_row_free (gpointer data)
{
  CsvRow *row = data;

  g_ptr_array_unref (row->fields);
  g_free (row);
}

/* RFC 4180: fields in double quotes may hold the separator, line
 * breaks and doubled quotes. Each row knows the line it starts on. */
static GPtrArray *
parse_csv (const char  *text,
           gsize        length,
           char         separator,
           GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (csv_row_free);
  g_autoptr(GString) field = g_string_new (NULL);
  CsvRow *row = NULL;
  guint line = 1;
  gsize i = 0;

  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    i = 3;

  while (i < length)
    {
      gboolean quoted = FALSE;
      guint field_line = line;

      if (row == NULL)
        {
          row = g_new0 (CsvRow, 1);
          row->line = line;
          row->fields = g_ptr_array_new_with_free_func (g_free);
        }

      g_string_truncate (field, 0);
      if (text[i] == '"')
        {
          quoted = TRUE;
          i++;
          for (;;)
            {
              if (i >= length)
                {
                  csv_row_free (row);
                  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                               /* Translators: %u is a line number of a file */
                               _("Line %u: a quoted field is not closed."), field_line);
                  return NULL;
                }
              if (text[i] == '"' && i + 1 < length && text[i + 1] == '"')
                {
                  g_string_append_c (field, '"');
                  i += 2;
                  continue;
                }
              if (text[i] == '"')
                {
                  i++;
                  break;
                }
              if (text[i] == '\n')
                line++;
              g_string_append_c (field, text[i++]);
            }
        }
      while (i < length && text[i] != separator && text[i] != '\n' && text[i] != '\r')
        {
          if (quoted && text[i] != ' ' && text[i] != '\t')
            {
              csv_row_free (row);
              g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                           /* Translators: %u is a line number of a file */
                           _("Line %u: text after a closing quote; double a quote inside a quoted field."),
                           line);
              return NULL;
            }
          if (!quoted)
            g_string_append_c (field, text[i]);
          i++;
        }
      g_ptr_array_add (row->fields, g_strdup (field->str));

      if (i < length && text[i] == separator)
        {
          i++;
          if (i == length)
            g_ptr_array_add (row->fields, g_strdup (""));
          continue;
        }
      if (i < length && text[i] == '\r')
        i++;
      if (i < length && text[i] == '\n')
        i++;
      line++;
      /* a blank line is no row */
      if (row->fields->len == 1 && *(char *) g_ptr_array_index (row->fields, 0) == '\0')
        csv_row_free (row);
      else
        g_ptr_array_add (rows, row);
      row = NULL;
    }
  if (row != NULL)
    g_ptr_array_add (rows, row);

  return g_steal_pointer (&rows);
}

typedef struct
{
  GPtrArray *offers;     /* CrmOffer, valid */
  GArray    *ids;        /* out */
  guint      n_matched;  /* out */
} Import;

static gboolean
import_tx (CrmStore  *self,
           gpointer   user_data,
           GError   **error)
{
  Import *import = user_data;
  g_autoptr(GArray) matched = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < import->offers->len; i++)
    {
      SaveOffer save = { g_ptr_array_index (import->offers, i), matched };
      gint64 id;

      g_array_set_size (matched, 0);
      if (!save_offer_tx (self, &save, error))
        return FALSE;
      id = crm_offer_get_id (save.offer);
      g_array_append_val (import->ids, id);
      import->n_matched += matched->len;
    }

  return TRUE;
}

/**
 * crm_store_import_offers:
 * @self: a #CrmStore
 * @csv: the text of a CSV file: a header row naming the columns (those
 *   of crm_offer_field_names(), and "agent": a user's id, e-mail or
 *   name), then one offer a row; separated by commas, or by semicolons
 *   when the header has no comma
 * @length: the length of @csv, or -1 when it ends with a NUL
 * @ids: (out) (optional) (transfer full) (element-type gint64): the new
 *   offers, in the file's order
 * @n_matched: (out) (optional): how many searches the new offers were
 *   matched to, in all
 * @error: return location for a #GError
 *
 * Imports new offers, each matched as if saved by hand (OF5). All or
 * nothing: every row is checked first, and a bad row stops the import
 * with %CRM_ERROR_INVALID and its line number; nothing is imported then.
 *
 * Returns: %TRUE when every row was imported
 */
gboolean
crm_store_import_offers (CrmStore     *self,
                         const char   *csv,
                         gssize        length,
                         GArray      **ids,
                         guint        *n_matched,
                         GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) offers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char * const *known = crm_offer_field_names ();
  CsvRow *header;
  const char *end_of_header;
  char separator = ',';
  Import import = { NULL, NULL, 0 };
  int agent_column = -1;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (csv != NULL, FALSE);

  if (length < 0)
    length = strlen (csv);
  if (!g_utf8_validate (csv, length, NULL))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("The file is not UTF-8 text."));
      return FALSE;
    }
  end_of_header = memchr (csv, '\n', length);
  if (memchr (csv, ',', end_of_header ? (gsize) (end_of_header - csv) : (gsize) length) == NULL &&
      memchr (csv, ';', end_of_header ? (gsize) (end_of_header - csv) : (gsize) length) != NULL)
    separator = ';';

  if (!(rows = parse_csv (csv, length, separator, error)))
    return FALSE;
  if (rows->len == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("The file is empty: the first line names the columns, as "
                             "transaction,type,city,price,area."));
      return FALSE;
    }

  header = g_ptr_array_index (rows, 0);
  for (guint c = 0; c < header->fields->len; c++)
    {
      char *name = g_strstrip (g_ascii_strdown (g_ptr_array_index (header->fields, c), -1));

      g_free (header->fields->pdata[c]);
      header->fields->pdata[c] = name;
      if (g_str_equal (name, "agent"))
        agent_column = c;
      else if (!g_strv_contains (known, name))
        {
          g_autofree char *names = g_strjoinv (", ", (char **) known);

          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: a line number, a column's name, the names there are */
                       _("Line %u: there is no column “%s”; the columns are %s and agent."),
                       header->line, name, names);
          return FALSE;
        }
    }
  {
    static const char * const required[] = { "transaction", "type", "city", "price", "area" };

    for (guint r = 0; r < G_N_ELEMENTS (required); r++)
      if (!g_ptr_array_find_with_equal_func (header->fields, required[r], g_str_equal, NULL))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: a line number, a column's name */
                       _("Line %u: the column “%s” is missing; an offer needs transaction, type, city, "
                         "price and area."),
                       header->line, required[r]);
          return FALSE;
        }
  }

  for (guint r = 1; r < rows->len; r++)
    {
      CsvRow *row = g_ptr_array_index (rows, r);
      g_autoptr(CrmOffer) offer = crm_offer_new ();
      g_autoptr(GError) local_error = NULL;

      if (row->fields->len != header->fields->len)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: a line number, then two counts of fields */
                       _("Line %u: %u fields where the header has %u."),
                       row->line, row->fields->len, header->fields->len);
          return FALSE;
        }
      for (guint c = 0; c < row->fields->len && local_error == NULL; c++)
        {
          const char *value = g_ptr_array_index (row->fields, c);

          if ((int) c == agent_column)
            {
              g_autoptr(CrmUser) agent = NULL;

              if (*value != '\0' && (agent = crm_store_find_active_user (self, value, &local_error)))
                crm_offer_set_agent_id (offer, crm_user_get_id (agent));
            }
          else
            crm_offer_set_field (offer, g_ptr_array_index (header->fields, c), value, &local_error);
        }
      if (local_error == NULL)
        validate_offer (self, offer, &local_error);
      if (local_error != NULL)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: a line number of a file, then what is wrong with it */
                       _("Line %u: %s Nothing was imported."), row->line, local_error->message);
          return FALSE;
        }
      g_ptr_array_add (offers, g_steal_pointer (&offer));
    }

  import.offers = offers;
  import.ids = new_ids;
  if (!crm_store_run_in_transaction (self, import_tx, &import, error))
    return FALSE;

  _crm_store_emit_changed (self, "offer", 0);
  if (import.n_matched > 0)
    {
      _crm_store_emit_changed (self, "offer-mail", 0);
      _crm_store_emit_changed (self, "outbox", 0);
    }
  if (ids != NULL)
    *ids = g_steal_pointer (&new_ids);
  if (n_matched != NULL)
    *n_matched = import.n_matched;

  return TRUE;
}

/* Searches */

typedef struct
{
  char *display;        /* "City" or "City/District" */
  char *city_key;
  char *district_key;   /* '' for the whole city */
} Place;

static void
place_free (gpointer data)
{
  Place *place = data;

  g_free (place->display);
  g_free (place->city_key);
  g_free (place->district_key);
  g_free (place);
}

static GPtrArray *
parse_places (const char * const  *locations,
              GError             **error)
{
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func (place_free);

  for (guint i = 0; locations != NULL && locations[i] != NULL; i++)
    {
      g_autofree char *city = NULL;
      g_autofree char *district = NULL;
      Place *place;

      _crm_place_split (locations[i], &city, &district);
      if (*city == '\0')
        {
          if (*district == '\0' && strchr (locations[i], '/') == NULL)
            continue;
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: %s is a place as typed */
                       _("“%s” is not a place: write a city, or a city and its district as City/District."),
                       locations[i]);
          return NULL;
        }

      place = g_new0 (Place, 1);
      place->display = *district != '\0' ? g_strdup_printf ("%s/%s", city, district) : g_strdup (city);
      place->city_key = _crm_place_key (city);
      place->district_key = _crm_place_key (district);
      for (guint j = 0; j < places->len; j++)
        {
          Place *other = g_ptr_array_index (places, j);

          if (g_str_equal (other->city_key, place->city_key) &&
              g_str_equal (other->district_key, place->district_key))
            {
              g_clear_pointer (&place, place_free);
              break;
            }
        }
      if (place != NULL)
        g_ptr_array_add (places, place);
    }

  return g_steal_pointer (&places);
}

static gboolean
check_range (double       min,
             double       max,
             double       unset,
             double       lowest,
             const char  *below_message,
             const char  *order_message,
             GError     **error)
{
  if ((min != unset && min < lowest) || (max != unset && max < lowest))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, below_message);
      return FALSE;
    }
  if (min != unset && max != unset && min > max)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, order_message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_search (CrmStore   *self,
                 CrmSearch  *search,
                 GError    **error)
{
  g_autoptr(CrmStoreStmt) client = NULL;
  gint64 price_min, price_max;
  double area_min, area_max;
  int rooms_min, rooms_max, floor_min, floor_max;

  client = _crm_store_prepare (self, "SELECT 1 FROM contacts WHERE id = ?", error);
  if (client == NULL)
    return FALSE;
  sqlite3_bind_int64 (client, 1, crm_search_get_client_id (search));
  if (sqlite3_step (client) != SQLITE_ROW)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                   _("There is no contact %lld to be the client of the search."),
                   (long long) crm_search_get_client_id (search));
      return FALSE;
    }
  if ((crm_search_get_types (search) & ~0xf) != 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Choose property types among flat, house, "
                                                                  "plot and commercial."));
      return FALSE;
    }

  crm_search_get_price_range (search, &price_min, &price_max);
  crm_search_get_area_range (search, &area_min, &area_max);
  crm_search_get_rooms_range (search, &rooms_min, &rooms_max);
  crm_search_get_floor_range (search, &floor_min, &floor_max);

  return check_range (price_min, price_max, CRM_OFFER_ANY, 0, _("A price cannot be below zero."),
                      _("The lowest price is above the highest."), error) &&
         check_range (area_min, area_max, CRM_OFFER_ANY, 0, _("An area cannot be below zero."),
                      _("The smallest area is above the largest."), error) &&
         check_range (rooms_min, rooms_max, CRM_OFFER_ANY, 0, _("A number of rooms cannot be below zero."),
                      _("The fewest rooms are more than the most."), error) &&
         check_range (floor_min, floor_max, CRM_OFFER_ANY_FLOOR, G_MININT, "",
                      _("The lowest floor is above the highest."), error) &&
         check_agent (self, crm_search_get_agent_id (search), error);
}

typedef struct
{
  CrmSearch *search;
  gboolean   bump;
  GPtrArray *places;   /* Place */
} SaveSearch;

static void
bind_bound (CrmStoreStmt *stmt,
            int           column,
            double        value,
            double        unset,
            gboolean      integer)
{
  if (value == unset)
    sqlite3_bind_null (stmt, column);
  else if (integer)
    sqlite3_bind_int64 (stmt, column, (gint64) value);
  else
    sqlite3_bind_double (stmt, column, value);
}

/* The search's rows in search_locations, copied from the searches row
 * itself, so that the copy cannot differ. */
static gboolean
write_places (CrmStore   *self,
              gint64      search_id,
              GPtrArray  *places,
              GError    **error)
{
  g_autoptr(CrmStoreStmt) drop = NULL;

  drop = _crm_store_prepare (self, "DELETE FROM search_locations WHERE search_id = ?", error);
  if (drop == NULL)
    return FALSE;
  sqlite3_bind_int64 (drop, 1, search_id);
  if (!_crm_store_step_done (self, drop, error))
    return FALSE;

  for (guint i = 0; i < MAX (places->len, 1); i++)
    {
      Place *place = places->len > 0 ? g_ptr_array_index (places, i) : NULL;
      g_autoptr(CrmStoreStmt) insert =
        _crm_store_prepare (self,
                            "INSERT INTO search_locations (notifying, deal, city_key, district_key, updated_at, "
                            "search_id, types, market, price_min, price_max, area_min, area_max, rooms_min, "
                            "rooms_max, floor_min, floor_max) "
                            "SELECT notify <> 'off', deal, ?2, ?3, updated_at, id, types, market, price_min, "
                            "price_max, area_min, area_max, rooms_min, rooms_max, floor_min, floor_max "
                            "FROM searches WHERE id = ?1",
                            error);

      if (insert == NULL)
        return FALSE;
      sqlite3_bind_int64 (insert, 1, search_id);
      sqlite3_bind_text (insert, 2, place ? place->city_key : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, place ? place->district_key : "", -1, SQLITE_STATIC);
      if (!_crm_store_step_done (self, insert, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_search_tx (CrmStore  *self,
                gpointer   user_data,
                GError   **error)
{
  SaveSearch *save = user_data;
  CrmSearch *search = save->search;
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autoptr(CrmStoreStmt) times = NULL;
  g_autoptr(GStrvBuilder) display = g_strv_builder_new ();
  g_auto(GStrv) locations = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *summary = NULL;
  gint64 id = crm_search_get_id (search);
  gint64 agent_id = crm_search_get_agent_id (search);
  gint64 price_min, price_max;
  double area_min, area_max;
  int rooms_min, rooms_max, floor_min, floor_max;

  if (!validate_search (self, search, error))
    return FALSE;

  for (guint i = 0; i < save->places->len; i++)
    g_strv_builder_add (display, ((Place *) g_ptr_array_index (save->places, i))->display);
  locations = g_strv_builder_end (display);
  joined = g_strjoinv (UNIT_SEPARATOR, locations);

  if (id == 0)
    stmt = _crm_store_prepare (self,
                               "INSERT INTO searches (client_id, agent_id, deal, types, locations, price_min, "
                               "price_max, area_min, area_max, rooms_min, rooms_max, floor_min, floor_max, market, "
                               "notify, note, created_at, updated_at) VALUES (?1, "
                               "coalesce ((SELECT id FROM users WHERE id = ?2), "
                               "(SELECT u.id FROM contacts c JOIN users u ON u.id = c.manager_id "
                               "AND u.deactivated_at IS NULL WHERE c.id = ?1), "
                               "(SELECT id FROM users WHERE id = ?18)), "
                               "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
                               error);
  else
    stmt = _crm_store_prepare (self,
                               "UPDATE searches SET client_id = ?1, agent_id = coalesce ((SELECT id FROM users "
                               "WHERE id = ?2), (SELECT u.id FROM contacts c JOIN users u ON u.id = c.manager_id "
                               "AND u.deactivated_at IS NULL WHERE c.id = ?1), agent_id), "
                               "deal = ?3, types = ?4, locations = ?5, price_min = ?6, price_max = ?7, "
                               "area_min = ?8, area_max = ?9, rooms_min = ?10, rooms_max = ?11, floor_min = ?12, "
                               "floor_max = ?13, market = ?14, notify = ?15, note = ?16, "
                               "updated_at = CASE WHEN ?19 THEN ?17 ELSE updated_at END WHERE id = ?20",
                               error);
  if (stmt == NULL)
    return FALSE;

  crm_search_get_price_range (search, &price_min, &price_max);
  crm_search_get_area_range (search, &area_min, &area_max);
  crm_search_get_rooms_range (search, &rooms_min, &rooms_max);
  crm_search_get_floor_range (search, &floor_min, &floor_max);

  sqlite3_bind_int64 (stmt, 1, crm_search_get_client_id (search));
  sqlite3_bind_int64 (stmt, 2, agent_id);
  sqlite3_bind_text (stmt, 3, crm_deal_to_string (crm_search_get_deal (search)), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, crm_search_get_types (search));
  sqlite3_bind_text (stmt, 5, joined, -1, SQLITE_STATIC);
  bind_bound (stmt, 6, price_min, CRM_OFFER_ANY, TRUE);
  bind_bound (stmt, 7, price_max, CRM_OFFER_ANY, TRUE);
  bind_bound (stmt, 8, area_min, CRM_OFFER_ANY, FALSE);
  bind_bound (stmt, 9, area_max, CRM_OFFER_ANY, FALSE);
  bind_bound (stmt, 10, rooms_min, CRM_OFFER_ANY, TRUE);
  bind_bound (stmt, 11, rooms_max, CRM_OFFER_ANY, TRUE);
  bind_bound (stmt, 12, floor_min, CRM_OFFER_ANY_FLOOR, TRUE);
  bind_bound (stmt, 13, floor_max, CRM_OFFER_ANY_FLOOR, TRUE);
  bind_text_or_null (stmt, 14, crm_market_to_string (crm_search_get_market (search)));
  sqlite3_bind_text (stmt, 15, crm_notify_to_string (crm_search_get_notify (search)), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 16, crm_search_get_note (search));
  sqlite3_bind_int64 (stmt, 17, now_unix (self));
  if (id == 0)
    sqlite3_bind_int64 (stmt, 18, crm_store_get_actor (self));
  else
    {
      sqlite3_bind_int (stmt, 19, save->bump);
      sqlite3_bind_int64 (stmt, 20, id);
    }
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;

  if (id != 0 && sqlite3_changes (_crm_store_get_db (self)) == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no search %lld."), (long long) id);
      return FALSE;
    }
  if (id == 0)
    id = sqlite3_last_insert_rowid (_crm_store_get_db (self));

  if (!write_places (self, id, save->places, error))
    return FALSE;

  summary = crm_search_dup_summary (search);
  if (!crm_store_append_history (self, "search", id, crm_search_get_id (search) == 0 ? "created" : "updated",
                                 summary, error) ||
      (crm_search_get_id (search) != 0 && save->bump &&
       !crm_store_append_history (self, "search", id, "bumped", NULL, error)))
    return FALSE;

  /* what the store made of it */
  times = _crm_store_prepare (self, "SELECT created_at, updated_at, agent_id FROM searches WHERE id = ?", error);
  if (times == NULL)
    return FALSE;
  sqlite3_bind_int64 (times, 1, id);
  if (sqlite3_step (times) != SQLITE_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  _crm_search_set_id (search, id);
  _crm_search_set_times (search, sqlite3_column_int64 (times, 0), sqlite3_column_int64 (times, 1));
  crm_search_set_agent_id (search, sqlite3_column_int64 (times, 2));
  crm_search_set_locations (search, (const char * const *) locations);

  return TRUE;
}

/**
 * crm_store_save_search:
 * @self: a #CrmStore
 * @search: a search; a new one (id 0) gets its id
 * @bump: for an edited search, also set its last update to now (OF10:
 *   the user is asked); a new search is always updated now
 * @error: return location for a #GError
 *
 * Validates and saves @search. Without an agent, the client's manager
 * (else the user who saves it) becomes the agent. Switching its
 * notification on does not match offers saved before (OF5).
 *
 * Returns: %TRUE on success; on failure nothing is saved
 */
gboolean
crm_store_save_search (CrmStore   *self,
                       CrmSearch  *search,
                       gboolean    bump,
                       GError    **error)
{
  g_autoptr(GPtrArray) places = NULL;
  SaveSearch save = { search, bump, NULL };
  gint64 old_id;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (CRM_IS_SEARCH (search), FALSE);

  if (!(places = parse_places (crm_search_get_locations (search), error)))
    return FALSE;
  save.places = places;
  old_id = crm_search_get_id (search);
  if (!crm_store_run_in_transaction (self, save_search_tx, &save, error))
    {
      _crm_search_set_id (search, old_id);
      return FALSE;
    }

  _crm_store_emit_changed (self, "search", crm_search_get_id (search));

  return TRUE;
}

/**
 * crm_store_get_search:
 * @self: a #CrmStore
 * @id: the search's number
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the search, or %NULL with %CRM_ERROR_NOT_FOUND
 */
CrmSearch *
crm_store_get_search (CrmStore  *self,
                      gint64     id,
                      GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT " CRM_SEARCH_COLUMNS " FROM searches s " CRM_SEARCH_JOINS "WHERE s.id = ?",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return _crm_search_new_from_row (stmt, 0);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no search %lld."), (long long) id);
  return NULL;
}

/**
 * crm_store_delete_search:
 * @self: a #CrmStore
 * @id: the search
 * @error: return location for a #GError
 *
 * Returns: %TRUE when deleted
 */
gboolean
crm_store_delete_search (CrmStore  *self,
                         gint64     id,
                         GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  return delete_row (self, "DELETE FROM searches WHERE id = ?", "search", id, error);
}

static void
append_search_filter (GString               *sql,
                      const CrmSearchFilter *filter)
{
  if (filter->agent_id != 0)
    g_string_append (sql, " AND s.agent_id = ?1");
  if (filter->client_id != 0)
    g_string_append (sql, " AND s.client_id = ?2");
  if (filter->stale_only)
    g_string_append (sql, " AND s.updated_at < ?3");
}

static void
bind_search_filter (CrmStore              *self,
                    CrmStoreStmt          *stmt,
                    const CrmSearchFilter *filter)
{
  if (filter->agent_id != 0)
    sqlite3_bind_int64 (stmt, 1, filter->agent_id);
  if (filter->client_id != 0)
    sqlite3_bind_int64 (stmt, 2, filter->client_id);
  if (filter->stale_only)
    sqlite3_bind_int64 (stmt, 3, stale_cutoff (self));
}

static gpointer
search_from_row (CrmStoreStmt *stmt)
{
  return _crm_search_new_from_row (stmt, 0);
}

/**
 * crm_store_list_searches:
 * @self: a #CrmStore
 * @filter: (nullable): which searches
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the #CrmSearch that @filter lets through:
 *   newest first, or the stale ones oldest first
 */
GListModel *
crm_store_list_searches (CrmStore               *self,
                         const CrmSearchFilter  *filter,
                         GError                **error)
{
  CrmSearchFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT " CRM_SEARCH_COLUMNS " FROM searches s " CRM_SEARCH_JOINS "WHERE 1");
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (filter == NULL)
    filter = &all;
  append_search_filter (sql, filter);
  g_string_append (sql, filter->stale_only ? " ORDER BY s.updated_at, s.id" : " ORDER BY s.id DESC");
  g_string_append (sql, " LIMIT ?4 OFFSET ?5");
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  bind_search_filter (self, stmt, filter);
  sqlite3_bind_int64 (stmt, 4, filter->limit > 0 ? (gint64) filter->limit : -1);
  sqlite3_bind_int64 (stmt, 5, filter->offset);

  return _crm_store_collect (self, stmt, CRM_TYPE_SEARCH, search_from_row, error);
}

/**
 * crm_store_find_search:
 * @self: a #CrmStore
 * @filter: (nullable): the list's filter (limit and offset do not count)
 * @search_id: a search
 *
 * Where @search_id stands in the list @filter makes, without reading
 * the rows before it.
 *
 * Returns: its position, or %G_MAXUINT when the list does not hold it
 */
guint
crm_store_find_search (CrmStore              *self,
                       const CrmSearchFilter *filter,
                       gint64                 search_id)
{
  CrmSearchFilter all = { 0 };
  g_autoptr(GString) sql = NULL;
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), G_MAXUINT);

  if (filter == NULL)
    filter = &all;
  /* in the list's order: newest first, or the stale ones oldest first */
  if (filter->stale_only)
    sql = g_string_new ("SELECT count (*), max (s.id = ?7) FROM searches s, "
                        "(SELECT updated_at AS at FROM searches WHERE id = ?7) t "
                        "WHERE (s.updated_at < t.at OR (s.updated_at = t.at AND s.id <= ?7))");
  else
    sql = g_string_new ("SELECT count (*), max (s.id = ?7) FROM searches s WHERE s.id >= ?7");
  append_search_filter (sql, filter);
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), NULL)))
    return G_MAXUINT;
  bind_search_filter (self, stmt, filter);
  sqlite3_bind_int64 (stmt, 7, search_id);

  return position_counted (stmt);
}

/**
 * crm_store_count_searches:
 * @self: a #CrmStore
 * @filter: (nullable): which searches (limit and offset do not count)
 * @error: return location for a #GError
 *
 * Returns: how many searches @filter lets through
 */
guint
crm_store_count_searches (CrmStore               *self,
                          const CrmSearchFilter  *filter,
                          GError                **error)
{
  CrmSearchFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT count (*) FROM searches s WHERE 1");
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  if (filter == NULL)
    filter = &all;
  append_search_filter (sql, filter);
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return 0;
  bind_search_filter (self, stmt, filter);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return 0;
    }

  return sqlite3_column_int (stmt, 0);
}

/**
 * crm_store_list_search_ids:
 * @self: a #CrmStore
 * @filter: (nullable): which searches (limit and offset do not count)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the ids of the
 *   searches @filter lets through, in crm_store_list_searches()'s
 *   order, or %NULL with @error set
 */
GArray *
crm_store_list_search_ids (CrmStore               *self,
                           const CrmSearchFilter  *filter,
                           GError                **error)
{
  CrmSearchFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT s.id FROM searches s WHERE 1");
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (filter == NULL)
    filter = &all;
  append_search_filter (sql, filter);
  g_string_append (sql, filter->stale_only ? " ORDER BY s.updated_at, s.id" : " ORDER BY s.id DESC");
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  bind_search_filter (self, stmt, filter);
  if (!_crm_store_step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * crm_store_get_searches:
 * @self: a #CrmStore
 * @ids: (array length=n_ids): searches
 * @n_ids: how many
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmSearch): those of the
 *   searches of @ids that exist, in no particular order, or %NULL with
 *   @error set
 */
GPtrArray *
crm_store_get_searches (CrmStore      *self,
                        const gint64  *ids,
                        guint          n_ids,
                        GError       **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT " CRM_SEARCH_COLUMNS " FROM searches s " CRM_SEARCH_JOINS
                             "WHERE s.id IN (SELECT value FROM json_each (?))",
                             error);
  if (stmt == NULL)
    return NULL;
  json = _crm_store_ids_json (ids, n_ids);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);

  return _crm_store_collect_objects (self, stmt, search_from_row, error);
}

static char *
format_day (gint64 when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/* Issue 10, defect 14: offers the client already got are sent again
 * only when the agent says so. @offer_ids is a JSON array. */
static gboolean
check_not_sent (CrmStore    *self,
                gint64       client_id,
                const char  *client_name,
                const char  *offer_ids,
                GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  guint n = 0;
  int rc;

  stmt = _crm_store_prepare (self,
                             "SELECT i.offer_id, max (coalesce (m.sent_at, m.created_at)) "
                             "FROM offer_mail_items i JOIN offer_mails m ON m.id = i.mail_id "
                             "WHERE i.offer_id IN (SELECT value FROM json_each (?1)) AND m.client_id = ?2 "
                             "AND m.state IN ('sent', 'queued') GROUP BY i.offer_id ORDER BY i.offer_id",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, offer_ids, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, client_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *when = format_day (sqlite3_column_int64 (stmt, 1));

      if (n++ > 0)
        g_string_append (list, ", ");
      /* Translators: an offer the client already got, in a list: its number and when it was sent */
      g_string_append_printf (list, _("%lld (sent %s)"), (long long) sqlite3_column_int64 (stmt, 0), when);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  if (n == 0)
    return TRUE;

  g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
               /* Translators: the first %s is a client's name, the second a list of offers such as
                * "12 (sent 2026-05-01 09:00), 14 (sent 2026-05-02 10:30)" */
               g_dngettext (GETTEXT_PACKAGE, "%s already got offer %s; nothing was sent.",
                            "%s already got offers %s; nothing was sent.", n),
               client_name ? client_name : "", list->str);
  return FALSE;
}

static gboolean
check_mail_not_sent (CrmStore  *self,
                     gint64     mail_id,
                     GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (self,
                        "SELECT m.client_id, c.name, (SELECT json_group_array (offer_id) FROM offer_mail_items "
                        "WHERE mail_id = m.id) FROM offer_mails m JOIN contacts c ON c.id = m.client_id "
                        "WHERE m.id = ?",
                        error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mail_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;

  return check_not_sent (self, sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
                         (const char *) sqlite3_column_text (stmt, 2), error);
}

typedef struct
{
  const gint64 *ids;
  guint         n_ids;
} Bump;

static gboolean
bump_tx (CrmStore  *self,
         gpointer   user_data,
         GError   **error)
{
  Bump *bump = user_data;
  gint64 now = now_unix (self);

  for (guint i = 0; i < bump->n_ids; i++)
    {
      if (!update_ids (self, "UPDATE searches SET updated_at = ?1 WHERE id = ?2", now, bump->ids[i], error))
        return FALSE;
      if (sqlite3_changes (_crm_store_get_db (self)) == 0)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no search %lld."),
                       (long long) bump->ids[i]);
          return FALSE;
        }
      if (!update_ids (self, "UPDATE search_locations SET updated_at = ?1 WHERE search_id = ?2", now,
                       bump->ids[i], error) ||
          !crm_store_append_history (self, "search", bump->ids[i], "bumped", NULL, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * crm_store_bump_searches:
 * @self: a #CrmStore
 * @ids: (array length=n_ids): searches
 * @n_ids: how many
 * @error: return location for a #GError
 *
 * "Bump the update date" (OF10): the searches count as updated now, so
 * they take part in matching again and leave the stale list. All or
 * none.
 *
 * Returns: %TRUE when every search was bumped
 */
gboolean
crm_store_bump_searches (CrmStore      *self,
                         const gint64  *ids,
                         guint          n_ids,
                         GError       **error)
{
  Bump bump = { ids, n_ids };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if (!crm_store_run_in_transaction (self, bump_tx, &bump, error))
    return FALSE;

  _crm_store_emit_changed (self, "search", n_ids == 1 ? ids[0] : 0);

  return TRUE;
}

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
static gboolean
mark_sent (CrmStore    *self,
           GListModel  *matches,
           GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
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
  sqlite3_bind_text (stmt, 1, ids->str, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 when = sqlite3_column_int64 (stmt, 2);

      g_hash_table_insert (sent,
                           g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                            (gint64) sqlite3_column_int64 (stmt, 0),
                                            (gint64) sqlite3_column_int64 (stmt, 1)),
                           g_memdup2 (&when, sizeof when));
    }
  if (rc != SQLITE_DONE)
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
sorted_marked_matches (CrmStore   *self,
                       GPtrArray  *matches,
                       guint       limit,
                       GError    **error)
{
  g_autoptr(GListModel) sorted = sorted_matches (matches, limit);

  if (!mark_sent (self, sorted, error))
    return NULL;

  return g_steal_pointer (&sorted);
}

/* Manual matching from a search judges at most this many of the newest
 * offers of each of its places: enough for an office, bounded for the
 * window that asks. */
#define MATCH_CANDIDATES 5000

/**
 * crm_store_match_search:
 * @self: a #CrmStore
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
crm_store_match_search (CrmStore  *self,
                        gint64     search_id,
                        guint      limit,
                        GError   **error)
{
  g_autoptr(CrmSearch) search = NULL;
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 price_min, price_max;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (!(search = crm_store_get_search (self, search_id, error)) ||
      !(places = parse_places (crm_search_get_locations (search), error)))
    return NULL;

  /* near misses are at most 10 % off the price */
  crm_search_get_price_range (search, &price_min, &price_max);

  for (guint i = 0; i < MAX (places->len, 1); i++)
    {
      Place *place = places->len > 0 ? g_ptr_array_index (places, i) : NULL;
      g_autoptr(CrmStoreStmt) stmt = NULL;
      int rc;

      stmt = _crm_store_prepare (self,
                                 place != NULL
                                 ? "SELECT " CRM_OFFER_COLUMNS " FROM offers o " CRM_OFFER_JOINS
                                   "WHERE o.deal = ?1 AND o.city_key = ?2 AND (?3 = '' OR o.district_key = ?3) "
                                   "AND (?4 IS NULL OR o.price >= ?4) AND (?5 IS NULL OR o.price <= ?5) "
                                   "ORDER BY o.id DESC LIMIT " G_STRINGIFY (MATCH_CANDIDATES)
                                 : "SELECT " CRM_OFFER_COLUMNS " FROM offers o " CRM_OFFER_JOINS
                                   "WHERE o.deal = ?1 AND (?4 IS NULL OR o.price >= ?4) "
                                   "AND (?5 IS NULL OR o.price <= ?5) ORDER BY o.id DESC LIMIT "
                                   G_STRINGIFY (MATCH_CANDIDATES),
                                 error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, crm_deal_to_string (crm_search_get_deal (search)), -1, SQLITE_STATIC);
      if (place != NULL)
        {
          sqlite3_bind_text (stmt, 2, place->city_key, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, place->district_key, -1, SQLITE_STATIC);
        }
      if (price_min != CRM_OFFER_ANY)
        sqlite3_bind_double (stmt, 4, price_min * 0.9);
      if (price_max != CRM_OFFER_ANY)
        sqlite3_bind_double (stmt, 5, price_max * 1.1);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_autoptr(CrmOffer) offer = NULL;

          if (g_hash_table_contains (seen, &id))
            continue;
          g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
          offer = _crm_offer_new_from_row (stmt, 0);
          consider (matches, offer, search);
        }
      if (rc != SQLITE_DONE)
        {
          _crm_store_set_sql_error (self, error);
          return NULL;
        }
    }

  return sorted_marked_matches (self, matches, limit, error);
}

/**
 * crm_store_match_offer:
 * @self: a #CrmStore
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
crm_store_match_offer (CrmStore  *self,
                       gint64     offer_id,
                       guint      limit,
                       GError   **error)
{
  g_autoptr(CrmOffer) offer = NULL;
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *city_key = NULL;
  g_autofree char *district_key = NULL;
  double price;
  double area;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (!(offer = crm_store_get_offer (self, offer_id, error)))
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
                             "AND (?7 IS NULL OR ((l.rooms_min IS NULL OR l.rooms_min <= ?7 + 1) "
                             "AND (l.rooms_max IS NULL OR l.rooms_max >= ?7 - 1))) "
                             "AND (?8 IS NULL OR ((l.floor_min IS NULL OR l.floor_min <= ?8 + 1) "
                             "AND (l.floor_max IS NULL OR l.floor_max >= ?8 - 1))) "
                             "GROUP BY l.search_id ORDER BY max (l.updated_at) DESC, l.search_id DESC LIMIT 2000",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, crm_deal_to_string (crm_offer_get_deal (offer)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, city_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, district_key, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, crm_offer_get_property_type (offer));
  sqlite3_bind_double (stmt, 5, price);
  sqlite3_bind_double (stmt, 6, area);
  if (crm_offer_get_rooms (offer) != CRM_OFFER_ANY)
    sqlite3_bind_int (stmt, 7, crm_offer_get_rooms (offer));
  if (crm_offer_get_floor (offer) != CRM_OFFER_ANY_FLOOR)
    sqlite3_bind_int (stmt, 8, crm_offer_get_floor (offer));
  if (!_crm_store_step_ids (self, stmt, ids, error))
    return NULL;
  g_clear_pointer (&stmt, _crm_store_stmt_release);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CrmSearch) search = crm_store_get_search (self, g_array_index (ids, gint64, i), error);

      if (search == NULL)
        return NULL;
      consider (matches, offer, search);
    }

  return sorted_marked_matches (self, matches, limit, error);
}

/* Mails with offers (OF7, OF8, OF9) */

static GListModel *
mail_matches (CrmStore  *self,
              gint64     mail_id,
              GError   **error)
{
  g_autoptr(GListStore) matches = g_list_store_new (CRM_TYPE_MATCH);
  g_autoptr(CrmStoreStmt) stmt = NULL;
  int rc;

  stmt = _crm_store_prepare (self,
                             "SELECT " CRM_OFFER_COLUMNS ", " CRM_SEARCH_COLUMNS " FROM offer_mail_items i "
                             "JOIN offers o ON o.id = i.offer_id " CRM_OFFER_JOINS
                             "JOIN searches s ON s.id = i.search_id " CRM_SEARCH_JOINS
                             "WHERE i.mail_id = ? ORDER BY i.offer_id, i.search_id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mail_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CrmOffer) offer = _crm_offer_new_from_row (stmt, 0);
      g_autoptr(CrmSearch) search = _crm_search_new_from_row (stmt, 16);
      g_autoptr(CrmMatch) match = crm_match_new (offer, search);

      g_list_store_append (matches, match);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&matches));
}

#define MAIL_COLUMNS \
  "SELECT m.id, m.client_id, c.name, (SELECT e.address FROM contact_emails e WHERE e.contact_id = c.id " \
  "ORDER BY e.position LIMIT 1), m.agent_id, u.name, m.kind, m.state, m.outbox_id, m.created_at, m.sent_at, " \
  "(SELECT name FROM users WHERE id = CASE WHEN m.kind = 'automatic' THEN NULL " \
  "ELSE coalesce (m.sent_by, m.agent_id) END) " \
  "FROM offer_mails m JOIN contacts c ON c.id = m.client_id LEFT JOIN users u ON u.id = m.agent_id "

static CrmOfferMail *
mail_from_row (CrmStore      *self,
               CrmStoreStmt  *stmt,
               GError       **error)
{
  g_autoptr(GListModel) matches = mail_matches (self, sqlite3_column_int64 (stmt, 0), error);
  CrmOfferMail *mail;

  if (matches == NULL)
    return NULL;
  /* a prepared mail says which of its offers the client already got */
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 7), "pending") == 0 && !mark_sent (self, matches, error))
    return NULL;

  mail = _crm_offer_mail_new (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                              (const char *) sqlite3_column_text (stmt, 2),
                              (const char *) sqlite3_column_text (stmt, 3), sqlite3_column_int64 (stmt, 4),
                              (const char *) sqlite3_column_text (stmt, 5),
                              (const char *) sqlite3_column_text (stmt, 6),
                              (const char *) sqlite3_column_text (stmt, 7), sqlite3_column_int64 (stmt, 8),
                              sqlite3_column_int64 (stmt, 9), sqlite3_column_int64 (stmt, 10), matches);
  _crm_offer_mail_set_sender_name (mail, (const char *) sqlite3_column_text (stmt, 11));

  return mail;
}

/**
 * crm_store_list_offer_mails:
 * @self: a #CrmStore
 * @filter: (nullable): which mails
 * @error: return location for a #GError
 *
 * With @filter's pending_only, the "Emails to send" box (OF7): one
 * prepared mail per client, with the offers that joined it.
 *
 * Returns: (transfer full): #CrmOfferMail items, oldest first
 */
GListModel *
crm_store_list_offer_mails (CrmStore                  *self,
                            const CrmOfferMailFilter  *filter,
                            GError                   **error)
{
  CrmOfferMailFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new (MAIL_COLUMNS "WHERE EXISTS (SELECT 1 FROM offer_mail_items i "
                                         "WHERE i.mail_id = m.id)");
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autoptr(GListStore) mails = g_list_store_new (CRM_TYPE_OFFER_MAIL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (filter == NULL)
    filter = &all;
  if (filter->pending_only)
    g_string_append (sql, " AND m.state = 'pending'");
  /* a mail with no agent (the search's agent gone) is everyone's to act on */
  if (filter->agent_id != 0)
    g_string_append (sql, " AND (m.agent_id = ?1 OR m.agent_id IS NULL)");
  g_string_append (sql, " ORDER BY m.id LIMIT ?2");
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  if (filter->agent_id != 0)
    sqlite3_bind_int64 (stmt, 1, filter->agent_id);
  sqlite3_bind_int64 (stmt, 2, filter->limit > 0 ? (gint64) filter->limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmOfferMail *mail = mail_from_row (self, stmt, error);

      if (mail == NULL)
        return NULL;
      g_list_store_append (mails, mail);
      g_object_unref (mail);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&mails));
}

/**
 * crm_store_get_offer_mail:
 * @self: a #CrmStore
 * @id: an offer mail
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the mail, or %NULL with %CRM_ERROR_NOT_FOUND
 */
CrmOfferMail *
crm_store_get_offer_mail (CrmStore  *self,
                          gint64     id,
                          GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, MAIL_COLUMNS "WHERE m.id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return mail_from_row (self, stmt, error);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no offer mail %lld."), (long long) id);
  return NULL;
}

/* The mail's state, or NULL with @error set. */
static char *
mail_state (CrmStore  *self,
            gint64     mail_id,
            GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (self, "SELECT state FROM offer_mails WHERE id = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mail_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no offer mail %lld."), (long long) mail_id);
  return NULL;
}

static gboolean
check_pending (CrmStore  *self,
               gint64     mail_id,
               GError   **error)
{
  g_autofree char *state = mail_state (self, mail_id, error);

  if (state == NULL)
    return FALSE;
  if (g_str_equal (state, "pending"))
    return TRUE;

  g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
               /* Translators: %s is a state such as "sent" */
               _("Offer mail %lld is no longer waiting in the Emails to send box: it is %s."),
               (long long) mail_id, state);
  return FALSE;
}

/* Who sends a mail by hand: the history names them (OF9). */
static gboolean
mark_sender (CrmStore  *self,
             gint64     mail_id,
             GError   **error)
{
  return update_ids (self, "UPDATE offer_mails SET sent_by = (SELECT id FROM users WHERE id = ?1) WHERE id = ?2",
                     crm_store_get_actor (self), mail_id, error);
}

typedef struct
{
  const gint64 *ids;
  guint         n_ids;
  gboolean      again;
  gint64        due;
} SendMails;

static gboolean
send_mails_tx (CrmStore  *self,
               gpointer   user_data,
               GError   **error)
{
  SendMails *send = user_data;

  for (guint i = 0; i < send->n_ids; i++)
    if (!check_pending (self, send->ids[i], error) ||
        (!send->again && !check_mail_not_sent (self, send->ids[i], error)) ||
        !queue_mail (self, send->ids[i], send->due, error) ||
        !mark_sender (self, send->ids[i], error))
      return FALSE;

  return TRUE;
}

/**
 * crm_store_send_offer_mails:
 * @self: a #CrmStore
 * @mail_ids: (array length=n_mails): prepared mails (state "pending")
 * @n_mails: how many
 * @again: send offers their clients already got (sent, or queued in
 *   the outbox) again; without it, such offers are a
 *   %CRM_ERROR_CONFLICT that names them, and nothing is sent
 * @due: when they go: now plus the undo window, or a scheduled time
 * @error: return location for a #GError
 *
 * Sends the mails the agent selected in the "Emails to send" box (OF7):
 * each is composed with its offers and queued in the outbox. All or
 * none.
 *
 * Returns: %TRUE when every mail was queued
 */
gboolean
crm_store_send_offer_mails (CrmStore      *self,
                            const gint64  *mail_ids,
                            guint          n_mails,
                            gboolean       again,
                            gint64         due,
                            GError       **error)
{
  SendMails send = { mail_ids, n_mails, again, due };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (mail_ids != NULL || n_mails == 0, FALSE);

  if (!crm_store_run_in_transaction (self, send_mails_tx, &send, error))
    return FALSE;

  _crm_store_emit_changed (self, "offer-mail", 0);
  _crm_store_emit_changed (self, "outbox", 0);

  return TRUE;
}

typedef struct
{
  gint64        search_id;
  const gint64 *offer_ids;
  guint         n_offers;
  gboolean      again;
  gint64        due;
  gint64        mail_id;     /* out */
} SendOffers;

static gboolean
send_offers_tx (CrmStore  *self,
                gpointer   user_data,
                GError   **error)
{
  SendOffers *send = user_data;
  g_autoptr(CrmSearch) search = crm_store_get_search (self, send->search_id, error);

  if (search == NULL)
    return FALSE;
  if (send->n_offers == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Choose the offers to send."));
      return FALSE;
    }
  if (!send->again)
    {
      g_autoptr(GString) ids = g_string_new ("[");

      for (guint i = 0; i < send->n_offers; i++)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", send->offer_ids[i]);
      g_string_append_c (ids, ']');
      if (!check_not_sent (self, crm_search_get_client_id (search), crm_search_get_client_name (search), ids->str,
                           error))
        return FALSE;
    }

  send->mail_id = insert_mail (self, crm_search_get_client_id (search),
                               crm_store_get_actor (self) ? crm_store_get_actor (self)
                                                          : crm_search_get_agent_id (search),
                               "manual", "queued", error);
  if (send->mail_id == 0)
    return FALSE;

  for (guint i = 0; i < send->n_offers; i++)
    {
      g_autoptr(CrmOffer) offer = crm_store_get_offer (self, send->offer_ids[i], error);

      if (offer == NULL || !add_mail_item (self, send->mail_id, send->offer_ids[i], send->search_id, error))
        return FALSE;
    }

  return queue_mail (self, send->mail_id, send->due, error) && mark_sender (self, send->mail_id, error);
}

/**
 * crm_store_send_offers:
 * @self: a #CrmStore
 * @search_id: the search the offers were picked for
 * @offer_ids: (array length=n_offers): the offers the agent picked
 * @n_offers: how many
 * @again: send offers the client already got (sent, or queued in the
 *   outbox) again; without it, such offers are a %CRM_ERROR_CONFLICT
 *   that names them, and nothing is sent
 * @due: when the mail goes: now plus the undo window, or a scheduled time
 * @outbox_id: (out) (optional): the outbox row, for an Undo
 * @error: return location for a #GError
 *
 * Sends offers picked by hand (OF3) to the search's client, in one mail
 * through the outbox.
 *
 * Returns: the offer mail's id, or 0 with @error set
 */
gint64
crm_store_send_offers (CrmStore      *self,
                       gint64         search_id,
                       const gint64  *offer_ids,
                       guint          n_offers,
                       gboolean       again,
                       gint64         due,
                       gint64        *outbox_id,
                       GError       **error)
{
  SendOffers send = { search_id, offer_ids, n_offers, again, due, 0 };

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (offer_ids != NULL || n_offers == 0, 0);

  if (!crm_store_run_in_transaction (self, send_offers_tx, &send, error))
    return 0;

  _crm_store_emit_changed (self, "offer-mail", send.mail_id);
  _crm_store_emit_changed (self, "outbox", 0);
  if (outbox_id != NULL)
    {
      g_autoptr(CrmOfferMail) mail = crm_store_get_offer_mail (self, send.mail_id, NULL);

      *outbox_id = mail != NULL ? crm_offer_mail_get_outbox_id (mail) : 0;
    }

  return send.mail_id;
}

typedef struct
{
  gint64 mail_id;
  gint64 offer_id;   /* 0: the whole mail */
} Discard;

static gboolean
discard_tx (CrmStore  *self,
            gpointer   user_data,
            GError   **error)
{
  Discard *discard = user_data;

  if (!check_pending (self, discard->mail_id, error))
    return FALSE;

  if (discard->offer_id != 0)
    {
      if (!update_ids (self, "DELETE FROM offer_mail_items WHERE mail_id = ?1 AND offer_id = ?2",
                       discard->mail_id, discard->offer_id, error))
        return FALSE;
      if (sqlite3_changes (_crm_store_get_db (self)) == 0)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("Offer %lld is not in mail %lld."),
                       (long long) discard->offer_id, (long long) discard->mail_id);
          return FALSE;
        }
    }

  /* a mail without offers is no mail */
  return update_ids (self,
                     "DELETE FROM offer_mails WHERE id = ?1 AND (?2 = 0 OR NOT EXISTS "
                     "(SELECT 1 FROM offer_mail_items WHERE mail_id = ?1))",
                     discard->mail_id, discard->offer_id, error);
}

/**
 * crm_store_remove_offer_from_mail:
 * @self: a #CrmStore
 * @mail_id: a prepared mail
 * @offer_id: one of its offers
 * @error: return location for a #GError
 *
 * The agent leaves an offer out of a prepared mail (OF7); a mail left
 * without offers goes.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_remove_offer_from_mail (CrmStore  *self,
                                  gint64     mail_id,
                                  gint64     offer_id,
                                  GError   **error)
{
  Discard discard = { mail_id, offer_id };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (offer_id != 0, FALSE);

  if (!crm_store_run_in_transaction (self, discard_tx, &discard, error))
    return FALSE;

  _crm_store_emit_changed (self, "offer-mail", mail_id);

  return TRUE;
}

/**
 * crm_store_discard_offer_mail:
 * @self: a #CrmStore
 * @mail_id: a prepared mail
 * @error: return location for a #GError
 *
 * The agent decides not to send a prepared mail.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_discard_offer_mail (CrmStore  *self,
                              gint64     mail_id,
                              GError   **error)
{
  Discard discard = { mail_id, 0 };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (!crm_store_run_in_transaction (self, discard_tx, &discard, error))
    return FALSE;

  _crm_store_emit_changed (self, "offer-mail", mail_id);

  return TRUE;
}

/* An undone prepared mail goes back to the "Emails to send" box: as
 * the client's pending mail again, or into the one that has come since
 * (a client has one pending mail per agent at most). */
static gboolean
return_to_box_tx (CrmStore  *store,
                  gpointer   user_data,
                  GError   **error)
{
  gint64 outbox_id = *(gint64 *) user_data;
  g_autoptr(CrmStoreStmt) find = NULL;
  g_autoptr(CrmStoreStmt) pending = NULL;
  g_autoptr(CrmStoreStmt) change = NULL;
  gint64 mail_id;
  gint64 other = 0;

  if (!(find = _crm_store_prepare (store,
                                   "SELECT id, client_id, ifnull (agent_id, 0) FROM offer_mails WHERE outbox_id = ? "
                                   "AND state = 'queued' AND kind = 'prepared'",
                                   error)))
    return FALSE;
  sqlite3_bind_int64 (find, 1, outbox_id);
  if (sqlite3_step (find) != SQLITE_ROW)
    return TRUE;
  mail_id = sqlite3_column_int64 (find, 0);

  if (!(pending = _crm_store_prepare (store,
                                      "SELECT id FROM offer_mails WHERE client_id = ? AND state = 'pending' "
                                      "AND ifnull (agent_id, 0) = ?",
                                      error)))
    return FALSE;
  sqlite3_bind_int64 (pending, 1, sqlite3_column_int64 (find, 1));
  sqlite3_bind_int64 (pending, 2, sqlite3_column_int64 (find, 2));
  if (sqlite3_step (pending) == SQLITE_ROW)
    other = sqlite3_column_int64 (pending, 0);

  if (other == 0)
    change = _crm_store_prepare (store, "UPDATE offer_mails SET state = 'pending', outbox_id = NULL WHERE id = ?1",
                                 error);
  else
    {
      g_autoptr(CrmStoreStmt) move = NULL;

      if (!(move = _crm_store_prepare (store,
                                       "INSERT OR IGNORE INTO offer_mail_items (mail_id, offer_id, search_id) "
                                       "SELECT ?2, offer_id, search_id FROM offer_mail_items WHERE mail_id = ?1",
                                       error)))
        return FALSE;
      sqlite3_bind_int64 (move, 1, mail_id);
      sqlite3_bind_int64 (move, 2, other);
      if (!_crm_store_step_done (store, move, error))
        return FALSE;
      change = _crm_store_prepare (store, "DELETE FROM offer_mails WHERE id = ?1", error);
    }
  if (change == NULL)
    return FALSE;
  sqlite3_bind_int64 (change, 1, mail_id);
  if (!_crm_store_step_done (store, change, error))
    return FALSE;

  _crm_store_emit_changed (store, "offer-mail", other != 0 ? other : mail_id);

  return TRUE;
}

/* A sent mail in the history of an offer or a search (OF9), in the
 * name of who sent it (none for an automatic mail), linked to it. */
static gboolean
append_mail_history (CrmStore    *store,
                     const char  *entity,
                     gint64       entity_id,
                     gint64       sender_id,
                     const char  *detail,
                     gint64       mail_id,
                     GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (store,
                        "INSERT INTO history (at, user_id, entity, entity_id, action, detail, offer_mail_id) "
                        "VALUES (?, (SELECT id FROM users WHERE id = ?), ?, ?, 'mailed', ?, ?)",
                        error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now_unix (store));
  sqlite3_bind_int64 (stmt, 2, sender_id);
  sqlite3_bind_text (stmt, 3, entity, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, entity_id);
  sqlite3_bind_text (stmt, 5, detail, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, mail_id);

  return _crm_store_step_done (store, stmt, error);
}

/* OF9: what the outbox did with a mail with offers. Runs inside the
 * outbox's own transaction that records the outcome. */
gboolean
_crm_store_offer_mail_outcome (CrmStore    *store,
                               gint64       outbox_id,
                               const char  *state,
                               GError     **error)
{
  g_autoptr(CrmStoreStmt) update = NULL;
  g_autoptr(CrmStoreStmt) mail = NULL;
  g_autoptr(GArray) offers = NULL;
  g_autoptr(GArray) searches = NULL;
  g_autofree char *recipients = NULL;
  g_autofree char *client_name = NULL;
  gint64 sender_id;
  gint64 mail_id;
  int rc;

  /* undone: a prepared mail is back in the box, not lost (OF7) */
  if (g_str_equal (state, "cancelled") &&
      !crm_store_run_in_transaction (store, return_to_box_tx, &outbox_id, error))
    return FALSE;

  update = _crm_store_prepare (store,
                               "UPDATE offer_mails SET state = ?1, sent_at = CASE WHEN ?1 = 'sent' THEN ?3 END "
                               "WHERE outbox_id = ?2 AND state = 'queued' RETURNING id",
                               error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_text (update, 1, state, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (update, 2, outbox_id);
  sqlite3_bind_int64 (update, 3, now_unix (store));
  rc = sqlite3_step (update);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_sql_error (store, error);
      return FALSE;
    }
  mail_id = sqlite3_column_int64 (update, 0);
  if (!_crm_store_step_done (store, update, error))
    return FALSE;

  _crm_store_emit_changed (store, "offer-mail", mail_id);
  if (!g_str_equal (state, "sent"))
    return TRUE;

  mail = _crm_store_prepare (store,
                             "SELECT replace (o.recipients, char (31), ', '), c.name, "
                             "CASE WHEN m.kind = 'automatic' THEN NULL ELSE coalesce (m.sent_by, m.agent_id) END "
                             "FROM offer_mails m JOIN outbox o ON o.id = m.outbox_id "
                             "JOIN contacts c ON c.id = m.client_id WHERE m.id = ?",
                             error);
  if (mail == NULL)
    return FALSE;
  sqlite3_bind_int64 (mail, 1, mail_id);
  if (sqlite3_step (mail) != SQLITE_ROW)
    return TRUE;
  recipients = g_strdup ((const char *) sqlite3_column_text (mail, 0));
  client_name = g_strdup ((const char *) sqlite3_column_text (mail, 1));
  sender_id = sqlite3_column_int64 (mail, 2);

  if (!(offers = _crm_store_collect_ids (store, "SELECT DISTINCT offer_id FROM offer_mail_items WHERE mail_id = ? "
                                                "ORDER BY 1", mail_id, error)) ||
      !(searches = _crm_store_collect_ids (store, "SELECT DISTINCT search_id FROM offer_mail_items WHERE mail_id = ? "
                                                  "ORDER BY 1", mail_id, error)))
    return FALSE;

  {
    g_autoptr(GString) offer_list = g_string_new (NULL);
    /* Translators: in an offer's history: whom a mail with it went to; a name, then addresses */
    g_autofree char *offer_detail = g_strdup_printf (_("Sent to %s (%s)"), client_name, recipients);
    g_autofree char *search_detail = NULL;

    for (guint i = 0; i < offers->len; i++)
      g_string_append_printf (offer_list, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "",
                              g_array_index (offers, gint64, i));
    search_detail =
      /* Translators: in a search's history: offer numbers, then whom they went to: a name, then addresses */
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offer %s sent to %s (%s)", "Offers %s sent to %s (%s)",
                                    offers->len),
                       offer_list->str, client_name, recipients);

    for (guint i = 0; i < offers->len; i++)
      if (!append_mail_history (store, "offer", g_array_index (offers, gint64, i), sender_id, offer_detail, mail_id,
                                error))
        return FALSE;
    for (guint i = 0; i < searches->len; i++)
      if (!append_mail_history (store, "search", g_array_index (searches, gint64, i), sender_id, search_detail,
                                mail_id, error))
        return FALSE;
  }

  return TRUE;
}

static gpointer
history_entry_from_row (CrmStoreStmt *stmt)
{
  CrmHistoryEntry *entry = crm_history_entry_new (sqlite3_column_int64 (stmt, 0),
                                                  (const char *) sqlite3_column_text (stmt, 1),
                                                  (const char *) sqlite3_column_text (stmt, 2),
                                                  (const char *) sqlite3_column_text (stmt, 3));

  _crm_history_entry_set_offer_mail_id (entry, sqlite3_column_int64 (stmt, 4));

  return entry;
}

/**
 * crm_store_list_offer_history:
 * @self: a #CrmStore
 * @entity: "offer" or "search"
 * @id: the offer's or the search's number
 * @error: return location for a #GError
 *
 * The history of an offer or a search, as crm_store_list_history()
 * gives it, where each mail sent with offers (OF9) names its offer mail
 * (crm_history_entry_get_offer_mail_id()): what went to whom, by whom,
 * and the mail itself.
 *
 * Returns: (transfer full): the newest 200 #CrmHistoryEntry rows,
 *   newest first
 */
GListModel *
crm_store_list_offer_history (CrmStore    *self,
                              const char  *entity,
                              gint64       id,
                              GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT h.at, u.name, h.action, h.detail, ifnull (h.offer_mail_id, 0) FROM history h "
                             "LEFT JOIN users u ON u.id = h.user_id WHERE h.entity = ? AND h.entity_id = ? "
                             "ORDER BY h.at DESC, h.id DESC LIMIT 200",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);

  return _crm_store_collect (self, stmt, CRM_TYPE_HISTORY_ENTRY, history_entry_from_row, error);
}

/**
 * crm_store_dup_offer_mail_message:
 * @self: a #CrmStore
 * @mail_id: an offer mail that went to the outbox
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the mail exactly as it was sent (or is to
 *   be), or %NULL with %CRM_ERROR_NOT_FOUND for a mail still prepared
 *   or unknown
 */
GBytes *
crm_store_dup_offer_mail_message (CrmStore  *self,
                                  gint64     mail_id,
                                  GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT o.raw FROM offer_mails m JOIN outbox o ON o.id = m.outbox_id WHERE m.id = ?",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mail_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no sent mail with offers %lld."),
               (long long) mail_id);
  return NULL;
}

/**
 * crm_store_find_offer_mail_ticket:
 * @self: a #CrmStore
 * @mail_id: a mail with offers that went to the outbox
 *
 * The ticket that holds the mail: the one the client's reply to it (or
 * any mail that names it in In-Reply-To or References) went to.
 *
 * Returns: the ticket's number, or 0 when no ticket holds it
 */
gint64
crm_store_find_offer_mail_ticket (CrmStore *self,
                                  gint64    mail_id)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  /* one walk of message_refs' key per form of the Message-ID */
  stmt = _crm_store_prepare (self,
                             "SELECT msg.ticket_id FROM offer_mails m JOIN outbox o ON o.id = m.outbox_id "
                             "JOIN message_refs r ON r.ref IN (o.message_id, '<' || o.message_id || '>') "
                             "JOIN messages msg ON msg.id = r.message "
                             "WHERE m.id = ? AND msg.ticket_id IS NOT NULL ORDER BY msg.id LIMIT 1",
                             NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, mail_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}
