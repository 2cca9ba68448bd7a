/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-offers"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-offer-store-private.h"

struct _CrmSearchStore
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmSearchStore, crm_search_store, CRM_TYPE_STORE)

static void
crm_search_store_class_init (CrmSearchStoreClass *klass)
{
}

static void
crm_search_store_init (CrmSearchStore *self)
{
}

/**
 * crm_search_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the store of this module working in @session
 */
CrmSearchStore *
crm_search_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_SEARCH_STORE);
}

/* Clients' saved searches (OF): saving, listing, bumping, and what was
 * sent for them. */

/* Searches */

static void
place_free (gpointer data)
{
  Place *place = data;

  g_free (place->display);
  g_free (place->city_key);
  g_free (place->district_key);
  g_free (place);
}

GPtrArray *
_crm_offers_parse_places (const char * const  *locations,
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
validate_search (CrmSearchStore  *self,
                 CrmSearch       *search,
                 GError         **error)
{
  g_autoptr(CrmStatement) client = NULL;
  gint64 price_min, price_max;
  double area_min, area_max;
  int rooms_min, rooms_max, floor_min, floor_max;

  client = _crm_store_prepare (self, "SELECT 1 FROM contacts WHERE id = ?", error);
  if (client == NULL)
    return FALSE;
  crm_statement_bind_int64 (client, 1, crm_search_get_client_id (search));
  if (crm_statement_step (client) != CRM_STEP_ROW)
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
         _crm_offers_check_agent (_crm_offer_store_of (self), crm_search_get_agent_id (search), error);
}

typedef struct
{
  CrmSearch *search;
  gboolean   bump;
  GPtrArray *places;   /* Place */
} SaveSearch;

static void
bind_bound (CrmStatement *stmt,
            int           column,
            double        value,
            double        unset,
            gboolean      integer)
{
  if (value == unset)
    crm_statement_bind_null (stmt, column);
  else if (integer)
    crm_statement_bind_int64 (stmt, column, (gint64) value);
  else
    crm_statement_bind_double (stmt, column, value);
}

/* The search's rows in search_locations, copied from the searches row
 * itself, so that the copy cannot differ. */
static gboolean
write_places (CrmSearchStore  *self,
              gint64           search_id,
              GPtrArray       *places,
              GError         **error)
{
  g_autoptr(CrmStatement) drop = NULL;

  drop = _crm_store_prepare (self, "DELETE FROM search_locations WHERE search_id = ?", error);
  if (drop == NULL)
    return FALSE;
  crm_statement_bind_int64 (drop, 1, search_id);
  if (!_crm_store_step_done (self, drop, error))
    return FALSE;

  for (guint i = 0; i < MAX (places->len, 1); i++)
    {
      Place *place = places->len > 0 ? g_ptr_array_index (places, i) : NULL;
      g_autoptr(CrmStatement) insert =
        _crm_store_prepare (self,
                            "INSERT INTO search_locations (notifying, deal, city_key, district_key, updated_at, "
                            "search_id, types, market, price_min, price_max, area_min, area_max, rooms_min, "
                            "rooms_max, floor_min, floor_max) "
                            "SELECT CASE WHEN notify <> 'off' THEN 1 ELSE 0 END, deal, ?2, ?3, updated_at, id, "
                            "types, market, price_min, price_max, area_min, area_max, rooms_min, rooms_max, "
                            "floor_min, floor_max "
                            "FROM searches WHERE id = ?1",
                            error);

      if (insert == NULL)
        return FALSE;
      crm_statement_bind_int64 (insert, 1, search_id);
      crm_statement_bind_text (insert, 2, place ? place->city_key : "");
      crm_statement_bind_text (insert, 3, place ? place->district_key : "");
      if (!_crm_store_step_done (self, insert, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_search_tx (CrmSession  *session,
                gpointer     user_data,
                GError     **error)
{
  CrmSearchStore *self = crm_search_store_from_session (session);
  SaveSearch *save = user_data;
  CrmSearch *search = save->search;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(CrmStatement) times = NULL;
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
                               "updated_at = CASE WHEN ?19 THEN ?17 ELSE updated_at END, version = version + 1 "
                               "WHERE id = ?20 AND version = ?21",
                               error);
  if (stmt == NULL)
    return FALSE;

  crm_search_get_price_range (search, &price_min, &price_max);
  crm_search_get_area_range (search, &area_min, &area_max);
  crm_search_get_rooms_range (search, &rooms_min, &rooms_max);
  crm_search_get_floor_range (search, &floor_min, &floor_max);

  crm_statement_bind_int64 (stmt, 1, crm_search_get_client_id (search));
  crm_statement_bind_int64 (stmt, 2, agent_id);
  crm_statement_bind_text (stmt, 3, crm_deal_to_string (crm_search_get_deal (search)));
  crm_statement_bind_int64 (stmt, 4, crm_search_get_types (search));
  crm_statement_bind_text (stmt, 5, joined);
  bind_bound (stmt, 6, price_min, CRM_OFFER_ANY, TRUE);
  bind_bound (stmt, 7, price_max, CRM_OFFER_ANY, TRUE);
  bind_bound (stmt, 8, area_min, CRM_OFFER_ANY, FALSE);
  bind_bound (stmt, 9, area_max, CRM_OFFER_ANY, FALSE);
  bind_bound (stmt, 10, rooms_min, CRM_OFFER_ANY, TRUE);
  bind_bound (stmt, 11, rooms_max, CRM_OFFER_ANY, TRUE);
  bind_bound (stmt, 12, floor_min, CRM_OFFER_ANY_FLOOR, TRUE);
  bind_bound (stmt, 13, floor_max, CRM_OFFER_ANY_FLOOR, TRUE);
  _crm_offers_bind_text_or_null (stmt, 14, crm_market_to_string (crm_search_get_market (search)));
  crm_statement_bind_text (stmt, 15, crm_notify_to_string (crm_search_get_notify (search)));
  _crm_offers_bind_text_or_null (stmt, 16, crm_search_get_note (search));
  crm_statement_bind_int64 (stmt, 17, _crm_offers_now_unix (_crm_offer_store_of (self)));
  if (id == 0)
    crm_statement_bind_int64 (stmt, 18, crm_session_get_user_id (_crm_session (self)));
  else
    {
      crm_statement_bind_int64 (stmt, 19, save->bump);
      crm_statement_bind_int64 (stmt, 20, id);
      crm_statement_bind_int64 (stmt, 21, search->version);
    }
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;

  if (id != 0 && _crm_store_count_changes (self) == 0)
    {
      gboolean found = FALSE;

      if (!_crm_store_exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM searches WHERE id = ?1)", NULL, id,
                              &found, error))
        return FALSE;
      /* a colleague saved it since it was read: theirs stays */
      if (found)
        g_set_error (error, CRM_ERROR, CRM_ERROR_CHANGED,
                     /* Translators: %s is a client's name */
                     _("Someone changed the search of %s a moment ago. Your changes were not saved: see theirs, "
                       "then make yours again."),
                     crm_search_get_client_name (search));
      else
        g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no search %lld."), (long long) id);
      return FALSE;
    }
  if (id == 0)
    id = _crm_store_last_insert_id (self);

  if (!write_places (self, id, save->places, error))
    return FALSE;

  summary = crm_search_dup_summary (search);
  if (!crm_session_append_history (_crm_session (self), "search", id, crm_search_get_id (search) == 0 ? "created" : "updated",
                                 summary, error) ||
      (crm_search_get_id (search) != 0 && save->bump &&
       !crm_session_append_history (_crm_session (self), "search", id, "bumped", NULL, error)))
    return FALSE;

  /* what the store made of it */
  times = _crm_store_prepare (self, "SELECT created_at, updated_at, agent_id, version FROM searches WHERE id = ?", error);
  if (times == NULL)
    return FALSE;
  crm_statement_bind_int64 (times, 1, id);
  if (crm_statement_step (times) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  _crm_search_set_id (search, id);
  _crm_search_set_times (search, crm_statement_get_int64 (times, 0), crm_statement_get_int64 (times, 1));
  crm_search_set_agent_id (search, crm_statement_get_int64 (times, 2));
  search->version = crm_statement_get_int64 (times, 3);
  crm_search_set_locations (search, (const char * const *) locations);

  return TRUE;
}

/**
 * crm_search_store_save:
 * @self: a #CrmSearchStore
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
crm_search_store_save (CrmSearchStore  *self,
                       CrmSearch       *search,
                       gboolean         bump,
                       GError         **error)
{
  g_autoptr(GPtrArray) places = NULL;
  SaveSearch save = { search, bump, NULL };
  gint64 old_id;

  g_return_val_if_fail (CRM_IS_SEARCH_STORE (self), FALSE);
  g_return_val_if_fail (CRM_IS_SEARCH (search), FALSE);

  if (!(places = _crm_offers_parse_places (crm_search_get_locations (search), error)))
    return FALSE;
  save.places = places;
  old_id = crm_search_get_id (search);
  if (!crm_session_run_in_transaction (_crm_session (self), save_search_tx, &save, error))
    {
      _crm_search_set_id (search, old_id);
      return FALSE;
    }

  _crm_store_emit_changed (self, "search", crm_search_get_id (search));

  return TRUE;
}

/**
 * crm_search_store_get:
 * @self: a #CrmSearchStore
 * @id: the search's number
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the search, or %NULL with %CRM_ERROR_NOT_FOUND
 */
CrmSearch *
crm_search_store_get (CrmSearchStore  *self,
                      gint64           id,
                      GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_SEARCH_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT " CRM_SEARCH_COLUMNS " FROM searches s " CRM_SEARCH_JOINS "WHERE s.id = ?",
                             error);
  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return _crm_search_new_from_row (stmt, 0);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no search %lld."), (long long) id);
  return NULL;
}

/**
 * crm_search_store_delete:
 * @self: a #CrmSearchStore
 * @id: the search
 * @error: return location for a #GError
 *
 * Returns: %TRUE when deleted
 */
gboolean
crm_search_store_delete (CrmSearchStore  *self,
                         gint64           id,
                         GError         **error)
{
  g_return_val_if_fail (CRM_IS_SEARCH_STORE (self), FALSE);

  return _crm_offers_delete_row (_crm_offer_store_of (self), "DELETE FROM searches WHERE id = ?", "search", id, error);
}

/* A search filter as SQL over "searches s"; bound by
 * _crm_searches_bind_filter (). */
void
_crm_searches_append_filter (GString               *sql,
                             const CrmSearchFilter *filter)
{
  /* a saved filter's "Mine", where nobody looks: each search's agent */
  if (filter->agent_id == CRM_USER_ME)
    g_string_append (sql, " AND s.agent_id IS NOT NULL");
  else if (filter->agent_id != 0)
    g_string_append (sql, " AND s.agent_id = ?1");
  if (filter->client_id != 0)
    g_string_append (sql, " AND s.client_id = ?2");
  if (filter->stale_only)
    g_string_append (sql, " AND s.updated_at < ?3");
}

void
_crm_searches_bind_filter (CrmSearchStore        *self,
                           CrmStatement          *stmt,
                           const CrmSearchFilter *filter)
{
  if (filter->agent_id > 0)
    crm_statement_bind_int64 (stmt, 1, filter->agent_id);
  if (filter->client_id != 0)
    crm_statement_bind_int64 (stmt, 2, filter->client_id);
  if (filter->stale_only)
    crm_statement_bind_int64 (stmt, 3, _crm_offers_stale_cutoff (_crm_offer_store_of (self)));
}

static gpointer
search_from_row (CrmStatement *stmt)
{
  return _crm_search_new_from_row (stmt, 0);
}

/**
 * crm_search_store_list:
 * @self: a #CrmSearchStore
 * @filter: (nullable): which searches
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the #CrmSearch that @filter lets through:
 *   newest first, or the stale ones oldest first
 */
GListModel *
crm_search_store_list (CrmSearchStore         *self,
                       const CrmSearchFilter  *filter,
                       GError                **error)
{
  CrmSearchFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT " CRM_SEARCH_COLUMNS " FROM searches s " CRM_SEARCH_JOINS "WHERE TRUE");
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_SEARCH_STORE (self), NULL);

  if (filter == NULL)
    filter = &all;
  _crm_searches_append_filter (sql, filter);
  g_string_append (sql, filter->stale_only ? " ORDER BY s.updated_at, s.id" : " ORDER BY s.id DESC");
  g_string_append (sql, " LIMIT ?4 OFFSET ?5");
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  _crm_searches_bind_filter (self, stmt, filter);
  crm_statement_bind_int64 (stmt, 4, filter->limit > 0 ? (gint64) filter->limit : G_MAXINT64);
  crm_statement_bind_int64 (stmt, 5, filter->offset);

  return _crm_store_collect (self, stmt, CRM_TYPE_SEARCH, search_from_row, error);
}

/**
 * crm_search_store_find:
 * @self: a #CrmSearchStore
 * @filter: (nullable): the list's filter (limit and offset do not count)
 * @search_id: a search
 *
 * Where @search_id stands in the list @filter makes, without reading
 * the rows before it.
 *
 * Returns: its position, or %G_MAXUINT when the list does not hold it
 */
guint
crm_search_store_find (CrmSearchStore        *self,
                       const CrmSearchFilter *filter,
                       gint64                 search_id)
{
  CrmSearchFilter all = { 0 };
  g_autoptr(GString) sql = NULL;
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_SEARCH_STORE (self), G_MAXUINT);

  if (filter == NULL)
    filter = &all;
  /* in the list's order: newest first, or the stale ones oldest first */
  if (filter->stale_only)
    sql = g_string_new ("SELECT count (*), max (CASE WHEN s.id = ?7 THEN 1 ELSE 0 END) FROM searches s, "
                        "(SELECT updated_at AS at FROM searches WHERE id = ?7) t "
                        "WHERE (s.updated_at < t.at OR (s.updated_at = t.at AND s.id <= ?7))");
  else
    sql = g_string_new ("SELECT count (*), max (CASE WHEN s.id = ?7 THEN 1 ELSE 0 END) FROM searches s "
                        "WHERE s.id >= ?7");
  _crm_searches_append_filter (sql, filter);
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), NULL)))
    return G_MAXUINT;
  _crm_searches_bind_filter (self, stmt, filter);
  crm_statement_bind_int64 (stmt, 7, search_id);

  return _crm_offers_position_counted (stmt);
}

/**
 * crm_search_store_count:
 * @self: a #CrmSearchStore
 * @filter: (nullable): which searches (limit and offset do not count)
 * @error: return location for a #GError
 *
 * Returns: how many searches @filter lets through
 */
guint
crm_search_store_count (CrmSearchStore         *self,
                        const CrmSearchFilter  *filter,
                        GError                **error)
{
  CrmSearchFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT count (*) FROM searches s WHERE TRUE");
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_SEARCH_STORE (self), 0);

  if (filter == NULL)
    filter = &all;
  _crm_searches_append_filter (sql, filter);
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return 0;
  _crm_searches_bind_filter (self, stmt, filter);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return 0;
    }

  return crm_statement_get_int (stmt, 0);
}

/**
 * crm_search_store_list_ids:
 * @self: a #CrmSearchStore
 * @filter: (nullable): which searches (limit and offset do not count)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the ids of the
 *   searches @filter lets through, in crm_search_store_list()'s
 *   order, or %NULL with @error set
 */
GArray *
crm_search_store_list_ids (CrmSearchStore         *self,
                           const CrmSearchFilter  *filter,
                           GError                **error)
{
  CrmSearchFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT s.id FROM searches s WHERE TRUE");
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CRM_IS_SEARCH_STORE (self), NULL);

  if (filter == NULL)
    filter = &all;
  _crm_searches_append_filter (sql, filter);
  g_string_append (sql, filter->stale_only ? " ORDER BY s.updated_at, s.id" : " ORDER BY s.id DESC");
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  _crm_searches_bind_filter (self, stmt, filter);
  if (!_crm_store_step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * crm_search_store_get_many:
 * @self: a #CrmSearchStore
 * @ids: (array length=n_ids): searches
 * @n_ids: how many
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmSearch): those of the
 *   searches of @ids that exist, in no particular order, or %NULL with
 *   @error set
 */
GPtrArray *
crm_search_store_get_many (CrmSearchStore  *self,
                           const gint64    *ids,
                           guint            n_ids,
                           GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (CRM_IS_SEARCH_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT " CRM_SEARCH_COLUMNS " FROM searches s " CRM_SEARCH_JOINS
                             "WHERE s.id IN (SELECT value FROM json_each (?))",
                             error);
  if (stmt == NULL)
    return NULL;
  json = _crm_store_ids_json (ids, n_ids);
  crm_statement_bind_text (stmt, 1, json);

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
gboolean
_crm_offers_check_not_sent (CrmSearchStore  *self,
                            gint64           client_id,
                            const char      *client_name,
                            const char      *offer_ids,
                            GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
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
  crm_statement_bind_text_copy (stmt, 1, offer_ids);
  crm_statement_bind_int64 (stmt, 2, client_id);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      g_autofree char *when = format_day (crm_statement_get_int64 (stmt, 1));

      if (n++ > 0)
        g_string_append (list, ", ");
      /* Translators: an offer the client already got, in a list: its number and when it was sent */
      g_string_append_printf (list, _("%lld (sent %s)"), (long long) crm_statement_get_int64 (stmt, 0), when);
    }
  if (rc != CRM_STEP_DONE)
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

gboolean
_crm_offers_check_mail_not_sent (CrmSearchStore  *self,
                                 gint64           mail_id,
                                 GError         **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self,
                        /* the offers as a JSON array (json_group_array () is SQLite's) */
                        "SELECT m.client_id, c.name, (SELECT '[' || coalesce (group_concat (CAST (offer_id AS TEXT), "
                        "','), '') || ']' FROM offer_mail_items WHERE mail_id = m.id) "
                        "FROM offer_mails m JOIN contacts c ON c.id = m.client_id WHERE m.id = ?",
                        error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, mail_id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    return TRUE;

  return _crm_offers_check_not_sent (self, crm_statement_get_int64 (stmt, 0), crm_statement_get_text (stmt, 1),
                         crm_statement_get_text (stmt, 2), error);
}

typedef struct
{
  const gint64 *ids;
  guint         n_ids;
} Bump;

static gboolean
bump_tx (CrmSession  *session,
         gpointer     user_data,
         GError     **error)
{
  CrmSearchStore *self = crm_search_store_from_session (session);
  Bump *bump = user_data;
  gint64 now = _crm_offers_now_unix (_crm_offer_store_of (self));

  for (guint i = 0; i < bump->n_ids; i++)
    {
      if (!_crm_offers_update_ids (_crm_offer_store_of (self), "UPDATE searches SET updated_at = ?1 WHERE id = ?2", now, bump->ids[i], error))
        return FALSE;
      if (_crm_store_count_changes (self) == 0)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no search %lld."),
                       (long long) bump->ids[i]);
          return FALSE;
        }
      if (!_crm_offers_update_ids (_crm_offer_store_of (self), "UPDATE search_locations SET updated_at = ?1 WHERE search_id = ?2", now,
                       bump->ids[i], error) ||
          !crm_session_append_history (_crm_session (self), "search", bump->ids[i], "bumped", NULL, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * crm_search_store_bump:
 * @self: a #CrmSearchStore
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
crm_search_store_bump (CrmSearchStore  *self,
                       const gint64    *ids,
                       guint            n_ids,
                       GError         **error)
{
  Bump bump = { ids, n_ids };

  g_return_val_if_fail (CRM_IS_SEARCH_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), bump_tx, &bump, error))
    return FALSE;

  _crm_store_emit_changed (self, "search", n_ids == 1 ? ids[0] : 0);

  return TRUE;
}

typedef struct
{
  CrmSearch *search;
  gboolean   bump;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_clear_object (&job->search);
  g_free (job);
}

static gboolean
save_write (CrmSession    *writer,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  SaveJob *job = data;

  if (!crm_search_store_save (crm_search_store_from_session (writer), job->search, job->bump, error))
    return FALSE;
  *result = g_object_ref (job->search);

  return TRUE;
}

/**
 * crm_search_store_save_async:
 * @self: a #CrmSearchStore
 * @search: the search (copied: the saved copy is the result)
 * @bump: as for crm_search_store_save()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when saved, or not
 * @user_data: for @callback
 *
 * crm_search_store_save() off the caller's thread
 * (crm_session_write_async()): for the window.
 */
void
crm_search_store_save_async (CrmSearchStore       *self,
                             CrmSearch            *search,
                             gboolean              bump,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  SaveJob *job;

  g_return_if_fail (CRM_IS_SEARCH_STORE (self));
  g_return_if_fail (CRM_IS_SEARCH (search));

  job = g_new0 (SaveJob, 1);
  job->search = crm_search_copy (search);
  job->bump = bump;
  crm_session_write_async (_crm_session (self), save_write, job, save_job_free, g_object_unref, cancellable, callback,
                           user_data);
}

/**
 * crm_search_store_save_finish:
 * @self: a #CrmSearchStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the search as saved (with its id), or
 *   %NULL with @error set
 */
CrmSearch *
crm_search_store_save_finish (CrmSearchStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (CRM_IS_SEARCH_STORE (self), NULL);

  return crm_session_write_finish (_crm_session (self), result, error);
}
