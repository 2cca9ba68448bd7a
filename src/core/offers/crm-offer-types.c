/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-offers-private.h"
#include "crm-people-private.h"
#include "crm-types-private.h"
#include "crm-offer-types.h"

/* The nicks are the stable names: stored in the database, printed and
 * read by crmctl (_crm_enum_to_nick ()). */

/**
 * crm_deal_to_string:
 * @deal: a #CrmDeal
 *
 * Returns: "sale" or "rent"
 */
const char *
crm_deal_to_string (CrmDeal deal)
{
  g_return_val_if_fail (deal <= CRM_DEAL_RENT, NULL);

  return _crm_enum_to_nick (CRM_TYPE_DEAL, deal);
}

gboolean
crm_deal_from_string (const char *text,
                      CrmDeal    *deal)
{
  int value;

  if (!_crm_enum_from_nick (CRM_TYPE_DEAL, text, &value))
    return FALSE;
  *deal = value;

  return TRUE;
}

/**
 * crm_deal_get_label:
 * @deal: a #CrmDeal
 *
 * Returns: the translated name, as in "for sale" / "for rent"
 */
const char *
crm_deal_get_label (CrmDeal deal)
{
  switch (deal)
    {
    case CRM_DEAL_SALE:
      /* Translators: the transaction of an offer or a search */
      return C_("deal", "sale");
    case CRM_DEAL_RENT:
      /* Translators: the transaction of an offer or a search */
      return C_("deal", "rent");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * crm_property_type_to_string:
 * @type: one #CrmPropertyTypes value
 *
 * Returns: (nullable): "flat", "house", "plot" or "commercial"; %NULL
 *   for anything but a single type
 */
const char *
crm_property_type_to_string (CrmPropertyTypes type)
{
  GFlagsClass *klass = g_type_class_ref (CRM_TYPE_PROPERTY_TYPES);   /* kept: nicks live on */

  for (guint i = 0; i < klass->n_values; i++)
    if ((CrmPropertyTypes) klass->values[i].value == type)
      return klass->values[i].value_nick;

  return NULL;
}

gboolean
crm_property_type_from_string (const char       *text,
                               CrmPropertyTypes *type)
{
  GFlagsClass *klass;

  if (text == NULL)
    return FALSE;

  klass = g_type_class_ref (CRM_TYPE_PROPERTY_TYPES);
  for (guint i = 0; i < klass->n_values; i++)
    if (g_ascii_strcasecmp (text, klass->values[i].value_nick) == 0)
      {
        *type = klass->values[i].value;
        return TRUE;
      }

  return FALSE;
}

/**
 * crm_property_type_get_label:
 * @type: one #CrmPropertyTypes value
 *
 * Returns: the translated name of the type, with a capital
 */
const char *
crm_property_type_get_label (CrmPropertyTypes type)
{
  switch ((int) type)
    {
    case CRM_PROPERTY_FLAT:
      return _("Flat");
    case CRM_PROPERTY_HOUSE:
      return _("House");
    case CRM_PROPERTY_PLOT:
      return _("Plot");
    case CRM_PROPERTY_COMMERCIAL:
      return _("Commercial premises");
    case CRM_PROPERTY_ANY:
      return _("Any type");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * crm_property_types_dup_label:
 * @types: a set of types
 *
 * Returns: (transfer full): the types' translated names, "Flat or House"
 */
char *
crm_property_types_dup_label (CrmPropertyTypes types)
{
  g_autoptr(GString) label = g_string_new (NULL);
  GFlagsClass *klass;

  if (types == CRM_PROPERTY_ANY)
    return g_strdup (crm_property_type_get_label (CRM_PROPERTY_ANY));

  klass = g_type_class_ref (CRM_TYPE_PROPERTY_TYPES);
  for (guint i = 0; i < klass->n_values; i++)
    {
      if ((types & klass->values[i].value) == 0)
        continue;
      if (label->len > 0)
        /* Translators: between alternatives: "Flat or House" */
        g_string_append (label, _(" or "));
      g_string_append (label, crm_property_type_get_label (klass->values[i].value));
    }

  return g_string_free (g_steal_pointer (&label), FALSE);
}

/**
 * crm_market_to_string:
 * @market: a #CrmMarket
 *
 * Returns: (nullable): "primary" or "secondary"; %NULL for any
 */
const char *
crm_market_to_string (CrmMarket market)
{
  g_return_val_if_fail (market <= CRM_MARKET_SECONDARY, NULL);

  return market == CRM_MARKET_ANY ? NULL : _crm_enum_to_nick (CRM_TYPE_MARKET, market);
}

gboolean
crm_market_from_string (const char *text,
                        CrmMarket  *market)
{
  int value;

  if (!_crm_enum_from_nick (CRM_TYPE_MARKET, text, &value))
    return FALSE;
  *market = value;

  return TRUE;
}

const char *
crm_market_get_label (CrmMarket market)
{
  switch (market)
    {
    case CRM_MARKET_ANY:
      /* Translators: the market of a property: not given */
      return C_("market", "any");
    case CRM_MARKET_PRIMARY:
      /* Translators: the market of a property: new, from the developer */
      return C_("market", "primary");
    case CRM_MARKET_SECONDARY:
      /* Translators: the market of a property: resale */
      return C_("market", "secondary");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
crm_notify_to_string (CrmNotify notify)
{
  g_return_val_if_fail (notify <= CRM_NOTIFY_CLIENT, NULL);

  return _crm_enum_to_nick (CRM_TYPE_NOTIFY, notify);
}

gboolean
crm_notify_from_string (const char *text,
                        CrmNotify  *notify)
{
  int value;

  if (!_crm_enum_from_nick (CRM_TYPE_NOTIFY, text, &value))
    return FALSE;
  *notify = value;

  return TRUE;
}

/**
 * crm_notify_get_label:
 * @notify: a #CrmNotify
 *
 * Returns: the translated name of the notification mode
 */
const char *
crm_notify_get_label (CrmNotify notify)
{
  switch (notify)
    {
    case CRM_NOTIFY_OFF:
      return _("Off");
    case CRM_NOTIFY_AGENT:
      return _("Prepare for the agent");
    case CRM_NOTIFY_CLIENT:
      return _("Send to the client");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Helpers of the module's text: src/core/crm-offers-private.h */

char *
_crm_place_key (const char *name)
{
  g_autofree char *key = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (name == NULL)
    return g_strdup ("");

  key = _crm_store_sort_key (name);
  words = g_strsplit_set (key, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (kept, words[i]);
  strv = g_strv_builder_end (kept);

  return g_strjoinv (" ", strv);
}

/**
 * _crm_place_split:
 * @place: a search's place, "City" or "City/District"
 * @city: (out): the city, trimmed
 * @district: (out): the district, trimmed; empty for the whole city
 */
void
_crm_place_split (const char  *place,
                  char       **city,
                  char       **district)
{
  const char *slash = strchr (place, '/');

  *city = g_strstrip (g_strndup (place, slash ? (gsize) (slash - place) : strlen (place)));
  *district = g_strstrip (g_strdup (slash ? slash + 1 : ""));
}

/**
 * _crm_format_price:
 *
 * A price with its thousands apart: "1 250 000".
 */
char *
_crm_format_price (gint64 price)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, price < 0 ? -price : price);
  GString *out = g_string_new (price < 0 ? "-" : "");
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

/**
 * _crm_format_area:
 *
 * An area with at most two decimals, none when whole, in the user's
 * notation: "54.5", "120".
 */
char *
_crm_format_area (double area)
{
  char *text = g_strdup_printf ("%.2f", area);
  gsize len = strlen (text);

  while (len > 0 && text[len - 1] == '0')
    text[--len] = '\0';
  if (len > 0 && !g_ascii_isdigit (text[len - 1]))
    text[--len] = '\0';

  return text;
}

/**
 * _crm_format_range:
 * @min: (nullable): the lower bound, as text
 * @max: (nullable): the upper bound, as text
 *
 * Returns: "40–60", "from 40" or "up to 60", translated
 */
char *
_crm_format_range (const char *min,
                   const char *max)
{
  if (min != NULL && max != NULL)
    /* Translators: a range of values, as "40–60" */
    return g_strdup_printf (_("%s–%s"), min, max);
  if (min != NULL)
    /* Translators: a range of values open at the top, as "from 40" */
    return g_strdup_printf (_("from %s"), min);
  if (max != NULL)
    /* Translators: a range of values open at the bottom, as "up to 60" */
    return g_strdup_printf (_("up to %s"), max);

  /* Translators: a range of values open at both ends */
  return g_strdup (_("any"));
}

/* Numbers as people type them: "650 000", "54,5", "54.5". */
static char *
compact_number (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isspace (ch) || ch == 0x00a0 || ch == 0x202f || ch == '_')
        continue;
      g_string_append_unichar (out, ch == ',' ? '.' : ch);
    }

  return g_string_free (out, FALSE);
}

/**
 * crm_parse_price:
 * @text: a price, a whole number; spaces between thousands are allowed
 * @price: (out): the price
 * @error: return location for a #GError
 *
 * Returns: %FALSE with %CRM_ERROR_INVALID when @text is no price
 */
gboolean
crm_parse_price (const char  *text,
                 gint64      *price,
                 GError     **error)
{
  g_autofree char *compact = compact_number (text ? text : "");
  guint64 value;

  if (!g_ascii_string_to_unsigned (compact, 10, 0, G_MAXINT64 / 2, &value, NULL))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is what was given */
                   _("“%s” is not a price: give a whole number, as 650000."), text ? text : "");
      return FALSE;
    }
  *price = (gint64) value;

  return TRUE;
}

/**
 * crm_parse_area:
 * @text: an area in square metres, with a decimal point or comma
 * @area: (out): the area
 * @error: return location for a #GError
 *
 * Returns: %FALSE with %CRM_ERROR_INVALID when @text is no area
 */
gboolean
crm_parse_area (const char  *text,
                double      *area,
                GError     **error)
{
  g_autofree char *compact = compact_number (text ? text : "");
  char *end = NULL;
  double value = g_ascii_strtod (compact, &end);

  if (*compact == '\0' || end == NULL || *end != '\0' || !isfinite (value) || value <= 0 || value > 1e9)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is what was given */
                   _("“%s” is not an area: give square metres, more than zero, as 54.5."), text ? text : "");
      return FALSE;
    }
  /* to the hundredth, as shown and compared */
  *area = round (value * 100) / 100;

  return TRUE;
}

static gboolean
parse_int (const char *text,
           int         min,
           int        *value)
{
  g_autofree char *compact = compact_number (text ? text : "");
  gint64 parsed;

  if (!g_ascii_string_to_signed (compact, 10, min, 1000, &parsed, NULL))
    return FALSE;
  *value = (int) parsed;

  return TRUE;
}

/**
 * crm_parse_rooms:
 * @text: a number of rooms
 * @rooms: (out): the number
 * @error: return location for a #GError
 *
 * Returns: %FALSE with %CRM_ERROR_INVALID when @text is no number of rooms
 */
gboolean
crm_parse_rooms (const char  *text,
                 int         *rooms,
                 GError     **error)
{
  if (parse_int (text, 0, rooms))
    return TRUE;

  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               /* Translators: %s is what was given */
               _("“%s” is not a number of rooms: give a whole number, 0 or more."), text ? text : "");
  return FALSE;
}

/**
 * crm_parse_floor:
 * @text: a floor: 0 the ground floor, -1 the first below
 * @floor: (out): the floor
 * @error: return location for a #GError
 *
 * Returns: %FALSE with %CRM_ERROR_INVALID when @text is no floor
 */
gboolean
crm_parse_floor (const char  *text,
                 int         *floor,
                 GError     **error)
{
  if (parse_int (text, -10, floor))
    return TRUE;

  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               /* Translators: %s is what was given */
               _("“%s” is not a floor: give a whole number, 0 for the ground floor."), text ? text : "");
  return FALSE;
}
