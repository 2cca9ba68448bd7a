/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-offers-private.h"

/**
 * CrmSearch:
 *
 * What a client is looking for (OF2): the transaction, property types
 * (alternatives), places ("City" or "City/District", alternatives),
 * ranges of price, area, rooms and floor (inclusive; a bound not given
 * is "any"), the market, the responsible agent, and whether new offers
 * that fit are prepared for the agent or mailed to the client (OF4).
 *
 * A search read from the store is a snapshot; to change one, edit a
 * copy (crm_search_copy()) and save it with crm_search_store_save().
 * Bounds not given are %CRM_OFFER_ANY (price, area, rooms) and
 * %CRM_OFFER_ANY_FLOOR (floor).
 */
G_DEFINE_FINAL_TYPE (CrmSearch, crm_search, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT_ID,
  PROP_CLIENT_NAME,
  PROP_CLIENT_EMAIL,
  PROP_AGENT_ID,
  PROP_AGENT_NAME,
  PROP_DEAL,
  PROP_TYPES,
  PROP_LOCATIONS,
  PROP_PRICE_MIN,
  PROP_PRICE_MAX,
  PROP_AREA_MIN,
  PROP_AREA_MAX,
  PROP_ROOMS_MIN,
  PROP_ROOMS_MAX,
  PROP_FLOOR_MIN,
  PROP_FLOOR_MAX,
  PROP_MARKET,
  PROP_NOTIFY,
  PROP_NOTE,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Setting a field notifies it and the summary that shows it. */
static void
changed (CrmSearch *self,
         guint      prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static void
set_int64 (CrmSearch *self,
           gint64    *field,
           gint64     value,
           guint      prop_id)
{
  if (*field == value)
    return;
  *field = value;
  changed (self, prop_id);
}

static void
set_double (CrmSearch *self,
            double    *field,
            double     value,
            guint      prop_id)
{
  if (*field == value)
    return;
  *field = value;
  changed (self, prop_id);
}

static void
set_int (CrmSearch *self,
         int       *field,
         int        value,
         guint      prop_id)
{
  if (*field == value)
    return;
  *field = value;
  changed (self, prop_id);
}

static void
crm_search_finalize (GObject *object)
{
  CrmSearch *self = (CrmSearch *)object;

  g_clear_pointer (&self->client_name, g_free);
  g_clear_pointer (&self->client_email, g_free);
  g_clear_pointer (&self->agent_name, g_free);
  g_clear_pointer (&self->locations, g_strfreev);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (crm_search_parent_class)->finalize (object);
}

static void
crm_search_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrmSearch *self = CRM_SEARCH (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    case PROP_CLIENT_NAME:
      g_value_set_string (value, self->client_name);
      break;
    case PROP_CLIENT_EMAIL:
      g_value_set_string (value, self->client_email);
      break;
    case PROP_AGENT_ID:
      g_value_set_int64 (value, self->agent_id);
      break;
    case PROP_AGENT_NAME:
      g_value_set_string (value, self->agent_name);
      break;
    case PROP_DEAL:
      g_value_set_enum (value, self->deal);
      break;
    case PROP_TYPES:
      g_value_set_flags (value, self->types);
      break;
    case PROP_LOCATIONS:
      g_value_set_boxed (value, self->locations);
      break;
    case PROP_PRICE_MIN:
      g_value_set_int64 (value, self->price_min);
      break;
    case PROP_PRICE_MAX:
      g_value_set_int64 (value, self->price_max);
      break;
    case PROP_AREA_MIN:
      g_value_set_double (value, self->area_min);
      break;
    case PROP_AREA_MAX:
      g_value_set_double (value, self->area_max);
      break;
    case PROP_ROOMS_MIN:
      g_value_set_int (value, self->rooms_min);
      break;
    case PROP_ROOMS_MAX:
      g_value_set_int (value, self->rooms_max);
      break;
    case PROP_FLOOR_MIN:
      g_value_set_int (value, self->floor_min);
      break;
    case PROP_FLOOR_MAX:
      g_value_set_int (value, self->floor_max);
      break;
    case PROP_MARKET:
      g_value_set_enum (value, self->market);
      break;
    case PROP_NOTIFY:
      g_value_set_enum (value, self->notify);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;
    case PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;
    case PROP_SUMMARY:
      g_value_take_string (value, crm_search_dup_summary (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_search_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CrmSearch *self = CRM_SEARCH (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      crm_search_set_client_id (self, g_value_get_int64 (value));
      break;
    case PROP_AGENT_ID:
      crm_search_set_agent_id (self, g_value_get_int64 (value));
      break;
    case PROP_DEAL:
      crm_search_set_deal (self, g_value_get_enum (value));
      break;
    case PROP_TYPES:
      crm_search_set_types (self, g_value_get_flags (value));
      break;
    case PROP_LOCATIONS:
      crm_search_set_locations (self, g_value_get_boxed (value));
      break;
    case PROP_PRICE_MIN:
      set_int64 (self, &self->price_min, g_value_get_int64 (value), prop_id);
      break;
    case PROP_PRICE_MAX:
      set_int64 (self, &self->price_max, g_value_get_int64 (value), prop_id);
      break;
    case PROP_AREA_MIN:
      set_double (self, &self->area_min, g_value_get_double (value), prop_id);
      break;
    case PROP_AREA_MAX:
      set_double (self, &self->area_max, g_value_get_double (value), prop_id);
      break;
    case PROP_ROOMS_MIN:
      set_int (self, &self->rooms_min, g_value_get_int (value), prop_id);
      break;
    case PROP_ROOMS_MAX:
      set_int (self, &self->rooms_max, g_value_get_int (value), prop_id);
      break;
    case PROP_FLOOR_MIN:
      set_int (self, &self->floor_min, g_value_get_int (value), prop_id);
      break;
    case PROP_FLOOR_MAX:
      set_int (self, &self->floor_max, g_value_get_int (value), prop_id);
      break;
    case PROP_MARKET:
      crm_search_set_market (self, g_value_get_enum (value));
      break;
    case PROP_NOTIFY:
      crm_search_set_notify (self, g_value_get_enum (value));
      break;
    case PROP_NOTE:
      crm_search_set_note (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_search_class_init (CrmSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_search_finalize;
  object_class->get_property = crm_search_get_property;
  object_class->set_property = crm_search_set_property;

  /**
   * CrmSearch:id:
   *
   * The search's number; 0 until it is saved.
   */
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CLIENT_ID] = g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_CLIENT_NAME] = g_param_spec_string ("client-name", NULL, NULL, NULL, ro);
  properties[PROP_CLIENT_EMAIL] = g_param_spec_string ("client-email", NULL, NULL, NULL, ro);
  properties[PROP_AGENT_ID] = g_param_spec_int64 ("agent-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_AGENT_NAME] = g_param_spec_string ("agent-name", NULL, NULL, NULL, ro);
  properties[PROP_DEAL] = g_param_spec_enum ("deal", NULL, NULL, CRM_TYPE_DEAL, CRM_DEAL_SALE, rw);
  /**
   * CrmSearch:types:
   *
   * The property types that will do; none is any type.
   */
  properties[PROP_TYPES] = g_param_spec_flags ("types", NULL, NULL, CRM_TYPE_PROPERTY_TYPES, CRM_PROPERTY_ANY, rw);
  /**
   * CrmSearch:locations:
   *
   * Places that will do, each "City" or "City/District"; none is anywhere.
   */
  properties[PROP_LOCATIONS] = g_param_spec_boxed ("locations", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_PRICE_MIN] = g_param_spec_int64 ("price-min", NULL, NULL, CRM_OFFER_ANY, G_MAXINT64,
                                                   CRM_OFFER_ANY, rw);
  properties[PROP_PRICE_MAX] = g_param_spec_int64 ("price-max", NULL, NULL, CRM_OFFER_ANY, G_MAXINT64,
                                                   CRM_OFFER_ANY, rw);
  properties[PROP_AREA_MIN] = g_param_spec_double ("area-min", NULL, NULL, CRM_OFFER_ANY, G_MAXDOUBLE,
                                                    CRM_OFFER_ANY, rw);
  properties[PROP_AREA_MAX] = g_param_spec_double ("area-max", NULL, NULL, CRM_OFFER_ANY, G_MAXDOUBLE,
                                                    CRM_OFFER_ANY, rw);
  properties[PROP_ROOMS_MIN] = g_param_spec_int ("rooms-min", NULL, NULL, CRM_OFFER_ANY, G_MAXINT,
                                                 CRM_OFFER_ANY, rw);
  properties[PROP_ROOMS_MAX] = g_param_spec_int ("rooms-max", NULL, NULL, CRM_OFFER_ANY, G_MAXINT,
                                                 CRM_OFFER_ANY, rw);
  properties[PROP_FLOOR_MIN] = g_param_spec_int ("floor-min", NULL, NULL, G_MININT, G_MAXINT,
                                                 CRM_OFFER_ANY_FLOOR, rw);
  properties[PROP_FLOOR_MAX] = g_param_spec_int ("floor-max", NULL, NULL, G_MININT, G_MAXINT,
                                                 CRM_OFFER_ANY_FLOOR, rw);
  properties[PROP_MARKET] = g_param_spec_enum ("market", NULL, NULL, CRM_TYPE_MARKET, CRM_MARKET_ANY, rw);
  properties[PROP_NOTIFY] = g_param_spec_enum ("notify", NULL, NULL, CRM_TYPE_NOTIFY, CRM_NOTIFY_OFF, rw);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, rw);
  properties[PROP_CREATED] = g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0, ro);
  /**
   * CrmSearch:updated:
   *
   * The last update: only searches updated within the office's window
   * (60 days) take part in the matching of new offers (OF6).
   */
  properties[PROP_UPDATED] = g_param_spec_int64 ("updated", NULL, NULL, 0, G_MAXINT64, 0, ro);
  /**
   * CrmSearch:summary:
   *
   * The criteria in words, translated.
   */
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_search_init (CrmSearch *self)
{
  self->price_min = self->price_max = CRM_OFFER_ANY;
  self->area_min = self->area_max = CRM_OFFER_ANY;
  self->rooms_min = self->rooms_max = CRM_OFFER_ANY;
  self->floor_min = self->floor_max = CRM_OFFER_ANY_FLOOR;
}

/**
 * crm_search_new:
 * @client_id: the client it belongs to
 * @deal: buy or rent
 *
 * Returns: (transfer full): a new, unsaved search with every other
 *   criterion "any"
 */
CrmSearch *
crm_search_new (gint64  client_id,
                CrmDeal deal)
{
  CrmSearch *self = g_object_new (CRM_TYPE_SEARCH, NULL);

  self->client_id = client_id;
  self->deal = deal;

  return self;
}

/**
 * crm_search_copy:
 * @self: a #CrmSearch
 *
 * Returns: (transfer full): an editable copy with the same id
 */
CrmSearch *
crm_search_copy (CrmSearch *self)
{
  CrmSearch *copy;

  g_return_val_if_fail (CRM_IS_SEARCH (self), NULL);

  copy = crm_search_new (self->client_id, self->deal);
  copy->id = self->id;
  copy->client_name = g_strdup (self->client_name);
  copy->client_email = g_strdup (self->client_email);
  copy->agent_id = self->agent_id;
  copy->agent_name = g_strdup (self->agent_name);
  copy->types = self->types;
  copy->locations = g_strdupv (self->locations);
  copy->price_min = self->price_min;
  copy->price_max = self->price_max;
  copy->area_min = self->area_min;
  copy->area_max = self->area_max;
  copy->rooms_min = self->rooms_min;
  copy->rooms_max = self->rooms_max;
  copy->floor_min = self->floor_min;
  copy->floor_max = self->floor_max;
  copy->market = self->market;
  copy->notify = self->notify;
  copy->note = g_strdup (self->note);
  copy->created = self->created;
  copy->updated = self->updated;
  copy->version = self->version;

  return copy;
}


void
_crm_search_set_id (CrmSearch *self,
                    gint64     id)
{
  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
_crm_search_set_times (CrmSearch *self,
                       gint64     created,
                       gint64     updated)
{
  if (self->created != created)
    {
      self->created = created;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
    }
  if (self->updated != updated)
    {
      self->updated = updated;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
    }
}

gint64
crm_search_get_id (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), 0);

  return self->id;
}

gint64
crm_search_get_client_id (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), 0);

  return self->client_id;
}

void
crm_search_set_client_id (CrmSearch *self,
                          gint64     client_id)
{
  g_return_if_fail (CRM_IS_SEARCH (self));

  if (self->client_id == client_id)
    return;

  self->client_id = client_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

const char *
crm_search_get_client_name (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), NULL);

  return self->client_name;
}

/**
 * crm_search_get_client_email:
 * @self: a #CrmSearch
 *
 * Returns: (nullable): the client's first e-mail address, where offer
 *   mails go
 */
const char *
crm_search_get_client_email (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), NULL);

  return self->client_email;
}

gint64
crm_search_get_agent_id (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), 0);

  return self->agent_id;
}

/**
 * crm_search_set_agent_id:
 * @self: a #CrmSearch
 * @agent_id: the responsible user, or 0 for the client's manager (else
 *   the one who saves it)
 */
void
crm_search_set_agent_id (CrmSearch *self,
                         gint64     agent_id)
{
  g_return_if_fail (CRM_IS_SEARCH (self));

  if (self->agent_id == agent_id)
    return;

  self->agent_id = agent_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT_ID]);
}

const char *
crm_search_get_agent_name (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), NULL);

  return self->agent_name;
}

CrmDeal
crm_search_get_deal (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), CRM_DEAL_SALE);

  return self->deal;
}

void
crm_search_set_deal (CrmSearch *self,
                     CrmDeal    deal)
{
  g_return_if_fail (CRM_IS_SEARCH (self));
  g_return_if_fail (deal <= CRM_DEAL_RENT);

  if (self->deal == deal)
    return;

  self->deal = deal;
  changed (self, PROP_DEAL);
}

CrmPropertyTypes
crm_search_get_types (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), CRM_PROPERTY_ANY);

  return self->types;
}

/**
 * crm_search_set_types:
 * @self: a #CrmSearch
 * @types: the types that will do, or %CRM_PROPERTY_ANY
 */
void
crm_search_set_types (CrmSearch        *self,
                      CrmPropertyTypes  types)
{
  g_return_if_fail (CRM_IS_SEARCH (self));

  if (self->types == types)
    return;

  self->types = types;
  changed (self, PROP_TYPES);
}

/**
 * crm_search_get_locations:
 * @self: a #CrmSearch
 *
 * Returns: (transfer none) (nullable): the places, "City" or
 *   "City/District"; %NULL for anywhere
 */
const char * const *
crm_search_get_locations (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), NULL);

  return (const char * const *) self->locations;
}

/**
 * crm_search_set_locations:
 * @self: a #CrmSearch
 * @locations: (nullable) (array zero-terminated=1): places, each
 *   "City" or "City/District"; none for anywhere
 */
void
crm_search_set_locations (CrmSearch          *self,
                          const char * const *locations)
{
  g_return_if_fail (CRM_IS_SEARCH (self));

  if (locations != NULL && locations[0] == NULL)
    locations = NULL;
  if (self->locations == NULL && locations == NULL)
    return;
  if (self->locations != NULL && locations != NULL &&
      g_strv_equal ((const char * const *) self->locations, locations))
    return;

  g_strfreev (self->locations);
  self->locations = g_strdupv ((char **) locations);
  changed (self, PROP_LOCATIONS);
}

void
crm_search_get_price_range (CrmSearch *self,
                            gint64    *min,
                            gint64    *max)
{
  g_return_if_fail (CRM_IS_SEARCH (self));

  if (min != NULL)
    *min = self->price_min;
  if (max != NULL)
    *max = self->price_max;
}

/**
 * crm_search_set_price_range:
 * @self: a #CrmSearch
 * @min: the lowest price, or %CRM_OFFER_ANY
 * @max: the highest price, or %CRM_OFFER_ANY
 */
void
crm_search_set_price_range (CrmSearch *self,
                            gint64     min,
                            gint64     max)
{
  g_return_if_fail (CRM_IS_SEARCH (self));

  set_int64 (self, &self->price_min, min, PROP_PRICE_MIN);
  set_int64 (self, &self->price_max, max, PROP_PRICE_MAX);
}

void
crm_search_get_area_range (CrmSearch *self,
                           double    *min,
                           double    *max)
{
  g_return_if_fail (CRM_IS_SEARCH (self));

  if (min != NULL)
    *min = self->area_min;
  if (max != NULL)
    *max = self->area_max;
}

/**
 * crm_search_set_area_range:
 * @self: a #CrmSearch
 * @min: the smallest area in m², or %CRM_OFFER_ANY
 * @max: the largest area in m², or %CRM_OFFER_ANY
 */
void
crm_search_set_area_range (CrmSearch *self,
                           double     min,
                           double     max)
{
  g_return_if_fail (CRM_IS_SEARCH (self));

  set_double (self, &self->area_min, min, PROP_AREA_MIN);
  set_double (self, &self->area_max, max, PROP_AREA_MAX);
}

void
crm_search_get_rooms_range (CrmSearch *self,
                            int       *min,
                            int       *max)
{
  g_return_if_fail (CRM_IS_SEARCH (self));

  if (min != NULL)
    *min = self->rooms_min;
  if (max != NULL)
    *max = self->rooms_max;
}

/**
 * crm_search_set_rooms_range:
 * @self: a #CrmSearch
 * @min: the fewest rooms, or %CRM_OFFER_ANY
 * @max: the most rooms, or %CRM_OFFER_ANY
 */
void
crm_search_set_rooms_range (CrmSearch *self,
                            int        min,
                            int        max)
{
  g_return_if_fail (CRM_IS_SEARCH (self));

  set_int (self, &self->rooms_min, min, PROP_ROOMS_MIN);
  set_int (self, &self->rooms_max, max, PROP_ROOMS_MAX);
}

void
crm_search_get_floor_range (CrmSearch *self,
                            int       *min,
                            int       *max)
{
  g_return_if_fail (CRM_IS_SEARCH (self));

  if (min != NULL)
    *min = self->floor_min;
  if (max != NULL)
    *max = self->floor_max;
}

/**
 * crm_search_set_floor_range:
 * @self: a #CrmSearch
 * @min: the lowest floor, or %CRM_OFFER_ANY_FLOOR
 * @max: the highest floor, or %CRM_OFFER_ANY_FLOOR
 */
void
crm_search_set_floor_range (CrmSearch *self,
                            int        min,
                            int        max)
{
  g_return_if_fail (CRM_IS_SEARCH (self));

  set_int (self, &self->floor_min, min, PROP_FLOOR_MIN);
  set_int (self, &self->floor_max, max, PROP_FLOOR_MAX);
}

CrmMarket
crm_search_get_market (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), CRM_MARKET_ANY);

  return self->market;
}

void
crm_search_set_market (CrmSearch *self,
                       CrmMarket  market)
{
  g_return_if_fail (CRM_IS_SEARCH (self));
  g_return_if_fail (market <= CRM_MARKET_SECONDARY);

  if (self->market == market)
    return;

  self->market = market;
  changed (self, PROP_MARKET);
}

CrmNotify
crm_search_get_notify (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), CRM_NOTIFY_OFF);

  return self->notify;
}

void
crm_search_set_notify (CrmSearch *self,
                       CrmNotify  notify)
{
  g_return_if_fail (CRM_IS_SEARCH (self));
  g_return_if_fail (notify <= CRM_NOTIFY_CLIENT);

  if (self->notify == notify)
    return;

  self->notify = notify;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFY]);
}

const char *
crm_search_get_note (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), NULL);

  return self->note;
}

void
crm_search_set_note (CrmSearch  *self,
                     const char *note)
{
  g_return_if_fail (CRM_IS_SEARCH (self));

  if (note != NULL && *note == '\0')
    note = NULL;
  if (g_strcmp0 (self->note, note) == 0)
    return;

  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

gint64
crm_search_get_created (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), 0);

  return self->created;
}

gint64
crm_search_get_updated (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), 0);

  return self->updated;
}

/**
 * crm_search_get_version:
 * @self: a #CrmSearch
 *
 * Returns: the version of the stored search this was read from, one
 *   more with every save; 0 for a search not yet saved. A save over
 *   another version is refused (%CRM_ERROR_CHANGED).
 */
gint64
crm_search_get_version (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), 0);

  return self->version;
}

static void
append_part (GString    *summary,
             const char *part)
{
  if (summary->len > 0)
    g_string_append (summary, "; ");
  g_string_append (summary, part);
}

/**
 * crm_search_dup_summary:
 * @self: a #CrmSearch
 *
 * Returns: (transfer full): the criteria in words, translated: "Flat or
 *   House to buy; Kraków, Warszawa/Mokotów; price up to 700 000; …"
 */
char *
crm_search_dup_summary (CrmSearch *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *types = NULL;

  g_return_val_if_fail (CRM_IS_SEARCH (self), NULL);

  types = crm_property_types_dup_label (self->types);
  if (self->deal == CRM_DEAL_RENT)
    /* Translators: a search; %s is property types such as "Flat or House" */
    g_string_append_printf (summary, _("%s to rent"), types);
  else
    /* Translators: a search; %s is property types such as "Flat or House" */
    g_string_append_printf (summary, _("%s to buy"), types);

  if (self->locations != NULL)
    {
      g_autofree char *places = g_strjoinv (", ", self->locations);

      append_part (summary, places);
    }
  if (self->price_min != CRM_OFFER_ANY || self->price_max != CRM_OFFER_ANY)
    {
      g_autofree char *min = self->price_min != CRM_OFFER_ANY ? _crm_format_price (self->price_min) : NULL;
      g_autofree char *max = self->price_max != CRM_OFFER_ANY ? _crm_format_price (self->price_max) : NULL;
      g_autofree char *range = _crm_format_range (min, max);
      /* Translators: %s is a range such as "from 300 000" or "300 000–500 000" */
      g_autofree char *part = g_strdup_printf (_("price %s"), range);

      append_part (summary, part);
    }
  if (self->area_min != CRM_OFFER_ANY || self->area_max != CRM_OFFER_ANY)
    {
      g_autofree char *min = self->area_min != CRM_OFFER_ANY ? _crm_format_area (self->area_min) : NULL;
      g_autofree char *max = self->area_max != CRM_OFFER_ANY ? _crm_format_area (self->area_max) : NULL;
      g_autofree char *range = _crm_format_range (min, max);
      /* Translators: %s is a range such as "40–60" */
      g_autofree char *part = g_strdup_printf (_("%s m²"), range);

      append_part (summary, part);
    }
  if (self->rooms_min != CRM_OFFER_ANY || self->rooms_max != CRM_OFFER_ANY)
    {
      g_autofree char *min = self->rooms_min != CRM_OFFER_ANY ? g_strdup_printf ("%d", self->rooms_min) : NULL;
      g_autofree char *max = self->rooms_max != CRM_OFFER_ANY ? g_strdup_printf ("%d", self->rooms_max) : NULL;
      g_autofree char *range = _crm_format_range (min, max);
      /* Translators: %s is a range such as "2–3" */
      g_autofree char *part = g_strdup_printf (_("rooms %s"), range);

      append_part (summary, part);
    }
  if (self->floor_min != CRM_OFFER_ANY_FLOOR || self->floor_max != CRM_OFFER_ANY_FLOOR)
    {
      g_autofree char *min = self->floor_min != CRM_OFFER_ANY_FLOOR ? g_strdup_printf ("%d", self->floor_min) : NULL;
      g_autofree char *max = self->floor_max != CRM_OFFER_ANY_FLOOR ? g_strdup_printf ("%d", self->floor_max) : NULL;
      g_autofree char *range = _crm_format_range (min, max);
      /* Translators: %s is a range such as "1–4" */
      g_autofree char *part = g_strdup_printf (_("floor %s"), range);

      append_part (summary, part);
    }
  if (self->market != CRM_MARKET_ANY)
    {
      /* Translators: %s is "primary" or "secondary" */
      g_autofree char *part = g_strdup_printf (_("%s market"), crm_market_get_label (self->market));

      append_part (summary, part);
    }

  return g_string_free (g_steal_pointer (&summary), FALSE);
}
