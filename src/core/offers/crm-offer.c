/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-offers-private.h"

/**
 * CrmOffer:
 *
 * A property for sale or to let (OF1). An offer read from the store is
 * a snapshot; to change one, edit a copy (crm_offer_copy()) and save it
 * with crm_offer_store_save(), which validates it. Saving a new offer
 * matches it against the searches (OF5).
 *
 * Rooms and floor may be unknown: %CRM_OFFER_ANY and
 * %CRM_OFFER_ANY_FLOOR.
 */
G_DEFINE_FINAL_TYPE (CrmOffer, crm_offer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DEAL,
  PROP_PROPERTY_TYPE,
  PROP_CITY,
  PROP_DISTRICT,
  PROP_STREET,
  PROP_PRICE,
  PROP_AREA,
  PROP_ROOMS,
  PROP_FLOOR,
  PROP_MARKET,
  PROP_DESCRIPTION,
  PROP_AGENT_ID,
  PROP_AGENT_NAME,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_TITLE,
  PROP_LOCATION,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_str (char       **field,
         const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

/* Price, area, rooms and floor change the summary. */
static void
notify_derived (CrmOffer *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static void
crm_offer_finalize (GObject *object)
{
  CrmOffer *self = (CrmOffer *)object;

  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->district, g_free);
  g_clear_pointer (&self->street, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->agent_name, g_free);

  G_OBJECT_CLASS (crm_offer_parent_class)->finalize (object);
}

static void
crm_offer_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CrmOffer *self = CRM_OFFER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_DEAL:
      g_value_set_enum (value, self->deal);
      break;
    case PROP_PROPERTY_TYPE:
      g_value_set_flags (value, self->type);
      break;
    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;
    case PROP_DISTRICT:
      g_value_set_string (value, self->district);
      break;
    case PROP_STREET:
      g_value_set_string (value, self->street);
      break;
    case PROP_PRICE:
      g_value_set_int64 (value, self->price);
      break;
    case PROP_AREA:
      g_value_set_double (value, self->area);
      break;
    case PROP_ROOMS:
      g_value_set_int (value, self->rooms);
      break;
    case PROP_FLOOR:
      g_value_set_int (value, self->floor);
      break;
    case PROP_MARKET:
      g_value_set_enum (value, self->market);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_AGENT_ID:
      g_value_set_int64 (value, self->agent_id);
      break;
    case PROP_AGENT_NAME:
      g_value_set_string (value, self->agent_name);
      break;
    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;
    case PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;
    case PROP_TITLE:
      g_value_take_string (value, crm_offer_dup_title (self));
      break;
    case PROP_LOCATION:
      g_value_take_string (value, crm_offer_dup_location (self));
      break;
    case PROP_SUMMARY:
      g_value_take_string (value, crm_offer_dup_summary (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_offer_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CrmOffer *self = CRM_OFFER (object);

  switch (prop_id)
    {
    case PROP_DEAL:
      crm_offer_set_deal (self, g_value_get_enum (value));
      break;
    case PROP_PROPERTY_TYPE:
      crm_offer_set_property_type (self, g_value_get_flags (value));
      break;
    case PROP_CITY:
      crm_offer_set_city (self, g_value_get_string (value));
      break;
    case PROP_DISTRICT:
      crm_offer_set_district (self, g_value_get_string (value));
      break;
    case PROP_STREET:
      crm_offer_set_street (self, g_value_get_string (value));
      break;
    case PROP_PRICE:
      crm_offer_set_price (self, g_value_get_int64 (value));
      break;
    case PROP_AREA:
      crm_offer_set_area (self, g_value_get_double (value));
      break;
    case PROP_ROOMS:
      crm_offer_set_rooms (self, g_value_get_int (value));
      break;
    case PROP_FLOOR:
      crm_offer_set_floor (self, g_value_get_int (value));
      break;
    case PROP_MARKET:
      crm_offer_set_market (self, g_value_get_enum (value));
      break;
    case PROP_DESCRIPTION:
      crm_offer_set_description (self, g_value_get_string (value));
      break;
    case PROP_AGENT_ID:
      crm_offer_set_agent_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_offer_class_init (CrmOfferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_offer_finalize;
  object_class->get_property = crm_offer_get_property;
  object_class->set_property = crm_offer_set_property;

  /**
   * CrmOffer:id:
   *
   * The offer's number; 0 until it is saved.
   */
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_DEAL] = g_param_spec_enum ("deal", NULL, NULL, CRM_TYPE_DEAL, CRM_DEAL_SALE, rw);
  properties[PROP_PROPERTY_TYPE] = g_param_spec_flags ("property-type", NULL, NULL, CRM_TYPE_PROPERTY_TYPES,
                                                       CRM_PROPERTY_FLAT, rw);
  properties[PROP_CITY] = g_param_spec_string ("city", NULL, NULL, NULL, rw);
  properties[PROP_DISTRICT] = g_param_spec_string ("district", NULL, NULL, NULL, rw);
  properties[PROP_STREET] = g_param_spec_string ("street", NULL, NULL, NULL, rw);
  properties[PROP_PRICE] = g_param_spec_int64 ("price", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_AREA] = g_param_spec_double ("area", NULL, NULL, 0, G_MAXDOUBLE, 0, rw);
  /**
   * CrmOffer:rooms:
   *
   * How many rooms, or %CRM_OFFER_ANY when not given.
   */
  properties[PROP_ROOMS] = g_param_spec_int ("rooms", NULL, NULL, CRM_OFFER_ANY, G_MAXINT, CRM_OFFER_ANY, rw);
  /**
   * CrmOffer:floor:
   *
   * The floor (0 the ground floor), or %CRM_OFFER_ANY_FLOOR when not given.
   */
  properties[PROP_FLOOR] = g_param_spec_int ("floor", NULL, NULL, G_MININT, G_MAXINT, CRM_OFFER_ANY_FLOOR, rw);
  properties[PROP_MARKET] = g_param_spec_enum ("market", NULL, NULL, CRM_TYPE_MARKET, CRM_MARKET_ANY, rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, rw);
  properties[PROP_AGENT_ID] = g_param_spec_int64 ("agent-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_AGENT_NAME] = g_param_spec_string ("agent-name", NULL, NULL, NULL, ro);
  properties[PROP_CREATED] = g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UPDATED] = g_param_spec_int64 ("updated", NULL, NULL, 0, G_MAXINT64, 0, ro);
  /**
   * CrmOffer:title:
   *
   * "Flat for sale", translated.
   */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  /**
   * CrmOffer:location:
   *
   * City, district and street, as one line.
   */
  properties[PROP_LOCATION] = g_param_spec_string ("location", NULL, NULL, NULL, ro);
  /**
   * CrmOffer:summary:
   *
   * Area, rooms, floor and price, as one line.
   */
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_offer_init (CrmOffer *self)
{
  self->type = CRM_PROPERTY_FLAT;
  self->rooms = CRM_OFFER_ANY;
  self->floor = CRM_OFFER_ANY_FLOOR;
}

/**
 * crm_offer_new:
 *
 * Returns: (transfer full): a new, unsaved flat for sale
 */
CrmOffer *
crm_offer_new (void)
{
  return g_object_new (CRM_TYPE_OFFER, NULL);
}

/**
 * crm_offer_copy:
 * @self: a #CrmOffer
 *
 * Returns: (transfer full): an editable copy with the same id
 */
CrmOffer *
crm_offer_copy (CrmOffer *self)
{
  CrmOffer *copy;

  g_return_val_if_fail (CRM_IS_OFFER (self), NULL);

  copy = crm_offer_new ();
  copy->id = self->id;
  copy->deal = self->deal;
  copy->type = self->type;
  copy->city = g_strdup (self->city);
  copy->district = g_strdup (self->district);
  copy->street = g_strdup (self->street);
  copy->price = self->price;
  copy->area = self->area;
  copy->rooms = self->rooms;
  copy->floor = self->floor;
  copy->market = self->market;
  copy->description = g_strdup (self->description);
  copy->agent_id = self->agent_id;
  copy->agent_name = g_strdup (self->agent_name);
  copy->created = self->created;
  copy->updated = self->updated;
  copy->version = self->version;

  return copy;
}


void
_crm_offer_set_id (CrmOffer *self,
                   gint64    id)
{
  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
_crm_offer_set_times (CrmOffer *self,
                      gint64    created,
                      gint64    updated)
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
crm_offer_get_id (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), 0);

  return self->id;
}

CrmDeal
crm_offer_get_deal (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), CRM_DEAL_SALE);

  return self->deal;
}

void
crm_offer_set_deal (CrmOffer *self,
                    CrmDeal   deal)
{
  g_return_if_fail (CRM_IS_OFFER (self));
  g_return_if_fail (deal <= CRM_DEAL_RENT);

  if (self->deal == deal)
    return;

  self->deal = deal;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

CrmPropertyTypes
crm_offer_get_property_type (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), CRM_PROPERTY_ANY);

  return self->type;
}

/**
 * crm_offer_set_property_type:
 * @self: a #CrmOffer
 * @type: exactly one type
 */
void
crm_offer_set_property_type (CrmOffer         *self,
                             CrmPropertyTypes  type)
{
  g_return_if_fail (CRM_IS_OFFER (self));
  g_return_if_fail (crm_property_type_to_string (type) != NULL);

  if (self->type == type)
    return;

  self->type = type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROPERTY_TYPE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
crm_offer_get_city (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), NULL);

  return self->city;
}

void
crm_offer_set_city (CrmOffer   *self,
                    const char *city)
{
  g_return_if_fail (CRM_IS_OFFER (self));

  if (!set_str (&self->city, city))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCATION]);
}

const char *
crm_offer_get_district (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), NULL);

  return self->district;
}

void
crm_offer_set_district (CrmOffer   *self,
                        const char *district)
{
  g_return_if_fail (CRM_IS_OFFER (self));

  if (!set_str (&self->district, district))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCATION]);
}

const char *
crm_offer_get_street (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), NULL);

  return self->street;
}

void
crm_offer_set_street (CrmOffer   *self,
                      const char *street)
{
  g_return_if_fail (CRM_IS_OFFER (self));

  if (!set_str (&self->street, street))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREET]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCATION]);
}

gint64
crm_offer_get_price (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), 0);

  return self->price;
}

void
crm_offer_set_price (CrmOffer *self,
                     gint64    price)
{
  g_return_if_fail (CRM_IS_OFFER (self));

  if (self->price == price)
    return;

  self->price = price;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRICE]);
  notify_derived (self);
}

double
crm_offer_get_area (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), 0);

  return self->area;
}

void
crm_offer_set_area (CrmOffer *self,
                    double    area)
{
  g_return_if_fail (CRM_IS_OFFER (self));

  if (self->area == area)
    return;

  self->area = area;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA]);
  notify_derived (self);
}

int
crm_offer_get_rooms (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), CRM_OFFER_ANY);

  return self->rooms;
}

/**
 * crm_offer_set_rooms:
 * @self: a #CrmOffer
 * @rooms: how many rooms, or %CRM_OFFER_ANY when not known
 */
void
crm_offer_set_rooms (CrmOffer *self,
                     int       rooms)
{
  g_return_if_fail (CRM_IS_OFFER (self));

  if (self->rooms == rooms)
    return;

  self->rooms = rooms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOMS]);
  notify_derived (self);
}

int
crm_offer_get_floor (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), CRM_OFFER_ANY_FLOOR);

  return self->floor;
}

/**
 * crm_offer_set_floor:
 * @self: a #CrmOffer
 * @floor: the floor, or %CRM_OFFER_ANY_FLOOR when not known
 */
void
crm_offer_set_floor (CrmOffer *self,
                     int       floor)
{
  g_return_if_fail (CRM_IS_OFFER (self));

  if (self->floor == floor)
    return;

  self->floor = floor;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOOR]);
  notify_derived (self);
}

CrmMarket
crm_offer_get_market (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), CRM_MARKET_ANY);

  return self->market;
}

void
crm_offer_set_market (CrmOffer  *self,
                      CrmMarket  market)
{
  g_return_if_fail (CRM_IS_OFFER (self));
  g_return_if_fail (market <= CRM_MARKET_SECONDARY);

  if (self->market == market)
    return;

  self->market = market;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKET]);
}

const char *
crm_offer_get_description (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), NULL);

  return self->description;
}

void
crm_offer_set_description (CrmOffer   *self,
                           const char *description)
{
  g_return_if_fail (CRM_IS_OFFER (self));

  if (set_str (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gint64
crm_offer_get_agent_id (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), 0);

  return self->agent_id;
}

/**
 * crm_offer_set_agent_id:
 * @self: a #CrmOffer
 * @agent_id: the responsible user, or 0 for the one who saves it
 */
void
crm_offer_set_agent_id (CrmOffer *self,
                        gint64    agent_id)
{
  g_return_if_fail (CRM_IS_OFFER (self));

  if (self->agent_id == agent_id)
    return;

  self->agent_id = agent_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT_ID]);
}

const char *
crm_offer_get_agent_name (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), NULL);

  return self->agent_name;
}

gint64
crm_offer_get_created (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), 0);

  return self->created;
}

gint64
crm_offer_get_updated (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), 0);

  return self->updated;
}

/**
 * crm_offer_get_version:
 * @self: a #CrmOffer
 *
 * Returns: the version of the stored offer this was read from, one
 *   more with every save; 0 for an offer not yet saved. A save over
 *   another version is refused (%CRM_ERROR_CHANGED).
 */
gint64
crm_offer_get_version (CrmOffer *self)
{
  g_return_val_if_fail (CRM_IS_OFFER (self), 0);

  return self->version;
}

/**
 * crm_offer_dup_title:
 * @self: a #CrmOffer
 *
 * Returns: (transfer full): "Flat for sale", translated
 */
char *
crm_offer_dup_title (CrmOffer *self)
{
  const char *type;

  g_return_val_if_fail (CRM_IS_OFFER (self), NULL);

  type = crm_property_type_get_label (self->type);
  if (self->deal == CRM_DEAL_RENT)
    /* Translators: an offer's title; %s is a property type such as "Flat" */
    return g_strdup_printf (_("%s for rent"), type);

  /* Translators: an offer's title; %s is a property type such as "Flat" */
  return g_strdup_printf (_("%s for sale"), type);
}

/**
 * crm_offer_dup_location:
 * @self: a #CrmOffer
 *
 * Returns: (transfer full): "Kraków, Podgórze, Długa 5"
 */
char *
crm_offer_dup_location (CrmOffer *self)
{
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  g_return_val_if_fail (CRM_IS_OFFER (self), NULL);

  if (self->city != NULL)
    g_strv_builder_add (parts, self->city);
  if (self->district != NULL)
    g_strv_builder_add (parts, self->district);
  if (self->street != NULL)
    g_strv_builder_add (parts, self->street);
  strv = g_strv_builder_end (parts);

  return g_strjoinv (", ", strv);
}

/* Area, rooms and floor: "54.5 m², 3 rooms, floor 2". */
char *
_crm_offer_dup_size (CrmOffer *self)
{
  g_autoptr(GString) size = g_string_new (NULL);
  g_autofree char *area = _crm_format_area (self->area);

  /* Translators: an area in square metres */
  g_string_append_printf (size, _("%s m²"), area);
  if (self->rooms != CRM_OFFER_ANY)
    {
      g_string_append (size, ", ");
      g_string_append_printf (size, ngettext ("%d room", "%d rooms", self->rooms), self->rooms);
    }
  if (self->floor != CRM_OFFER_ANY_FLOOR)
    {
      g_string_append (size, ", ");
      if (self->floor == 0)
        g_string_append (size, _("ground floor"));
      else
        g_string_append_printf (size, _("floor %d"), self->floor);
    }

  return g_string_free (g_steal_pointer (&size), FALSE);
}

/**
 * crm_offer_dup_summary:
 * @self: a #CrmOffer
 *
 * Returns: (transfer full): area, rooms, floor and price, translated:
 *   "54.5 m², 3 rooms, floor 2, 650 000"
 */
char *
crm_offer_dup_summary (CrmOffer *self)
{
  g_autofree char *size = NULL;
  g_autofree char *price = NULL;

  g_return_val_if_fail (CRM_IS_OFFER (self), NULL);

  size = _crm_offer_dup_size (self);
  price = _crm_format_price (self->price);

  return g_strdup_printf ("%s, %s", size, price);
}

static const char * const field_names[] = {
  "transaction", "type", "city", "district", "street", "price", "area", "rooms", "floor", "market",
  "description", NULL,
};

/**
 * crm_offer_field_names:
 *
 * Returns: (transfer none): the names crm_offer_set_field() takes: the
 *   columns of an offers CSV file and the options of `crmctl offers add`
 */
const char * const *
crm_offer_field_names (void)
{
  return field_names;
}

/**
 * crm_offer_set_field:
 * @self: a #CrmOffer
 * @name: a field's name, one of crm_offer_field_names()
 * @value: (nullable): its value as text; empty clears an optional field
 * @error: return location for a #GError
 *
 * Sets a field from text, as typed or imported: "sale", "flat",
 * "650 000", "54,5", "primary"…
 *
 * Returns: %FALSE with %CRM_ERROR_INVALID when @value does not fit
 */
gboolean
crm_offer_set_field (CrmOffer    *self,
                     const char  *name,
                     const char  *value,
                     GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (value ? value : ""));
  gboolean empty = *text == '\0';

  g_return_val_if_fail (CRM_IS_OFFER (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_str_equal (name, "transaction"))
    {
      CrmDeal deal;

      if (!crm_deal_from_string (text, &deal))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: %s is what was given */
                       _("“%s” is not a transaction: use sale or rent."), text);
          return FALSE;
        }
      crm_offer_set_deal (self, deal);
    }
  else if (g_str_equal (name, "type"))
    {
      CrmPropertyTypes type;

      if (!crm_property_type_from_string (text, &type))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: %s is what was given */
                       _("“%s” is not a property type: use flat, house, plot or commercial."), text);
          return FALSE;
        }
      crm_offer_set_property_type (self, type);
    }
  else if (g_str_equal (name, "city"))
    crm_offer_set_city (self, text);
  else if (g_str_equal (name, "district"))
    crm_offer_set_district (self, text);
  else if (g_str_equal (name, "street"))
    crm_offer_set_street (self, text);
  else if (g_str_equal (name, "description"))
    crm_offer_set_description (self, value);
  else if (g_str_equal (name, "price"))
    {
      gint64 price;

      if (!crm_parse_price (text, &price, error))
        return FALSE;
      crm_offer_set_price (self, price);
    }
  else if (g_str_equal (name, "area"))
    {
      double area;

      if (!crm_parse_area (text, &area, error))
        return FALSE;
      crm_offer_set_area (self, area);
    }
  else if (g_str_equal (name, "rooms"))
    {
      int rooms = CRM_OFFER_ANY;

      if (!empty && !crm_parse_rooms (text, &rooms, error))
        return FALSE;
      crm_offer_set_rooms (self, rooms);
    }
  else if (g_str_equal (name, "floor"))
    {
      int floor = CRM_OFFER_ANY_FLOOR;

      if (!empty && !crm_parse_floor (text, &floor, error))
        return FALSE;
      crm_offer_set_floor (self, floor);
    }
  else if (g_str_equal (name, "market"))
    {
      CrmMarket market = CRM_MARKET_ANY;

      if (!empty && (!crm_market_from_string (text, &market) || market == CRM_MARKET_ANY))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: %s is what was given */
                       _("“%s” is not a market: use primary or secondary."), text);
          return FALSE;
        }
      crm_offer_set_market (self, market);
    }
  else
    {
      g_autofree char *names = g_strjoinv (", ", (char **) field_names);

      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: the first %s is a name given, the second the names there are */
                   _("There is no field “%s” in an offer; the fields are %s."), name, names);
      return FALSE;
    }

  return TRUE;
}
