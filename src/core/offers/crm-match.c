/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-offers-private.h"

/**
 * CrmMatch:
 *
 * An offer held against a search, criterion by criterion, with the
 * reason each passed or failed (OF3). The rules:
 *
 *  - every criterion the search fills must hold; a criterion the search
 *    leaves empty is "any" and holds for every offer;
 *  - ranges are inclusive at both ends, and either end may be empty
 *    (price 300 000–500 000 takes 300 000 and 500 000);
 *  - the places are alternatives: a place is a city, which takes every
 *    offer in that city, or a city and district, which takes only the
 *    offers in that district; names are compared without case, accents
 *    or extra spaces;
 *  - the property types are alternatives;
 *  - rent and sale never mix: the transaction is always a criterion;
 *  - an offer that does not say (rooms, floor, market) does not fit a
 *    search that asks for them.
 *
 * A *near miss* keeps the transaction, the type and the place, and
 * fails exactly one other criterion by a little: price or area by at
 * most 10 %, rooms or floor by one, the market, or a value the offer
 * does not give. Near misses are shown below the matches, marked, the
 * nearest first (CrmMatch:distance).
 *
 * crm_offer_store_save() finds the same matches in SQL (the index of
 * search places, then the ranges); this is the one place that says
 * why, and the tests hold both to the same boundaries.
 */
struct _CrmMatch
{
  GObject       parent_instance;

  CrmOffer     *offer;
  CrmSearch    *search;
  CrmCriterion  criteria[CRM_N_CRITERIA];
  gboolean      is_match;
  gboolean      near_miss;
  double        distance;
  gint64        sent;
};

G_DEFINE_FINAL_TYPE (CrmMatch, crm_match, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OFFER,
  PROP_SEARCH,
  PROP_OFFER_ID,
  PROP_SEARCH_ID,
  PROP_IS_MATCH,
  PROP_NEAR_MISS,
  PROP_DISTANCE,
  PROP_REASONS,
  PROP_FAILED,
  PROP_SENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define NEAR_FRACTION 0.10
#define NEAR_STEPS 1
/* a room or a floor, or a market or a value not given, weighs like 10 % */
#define STEP_DISTANCE 0.10

static const char *kind_names[CRM_N_CRITERIA] = {
  "transaction", "type", "location", "price", "area", "rooms", "floor", "market",
};

/**
 * crm_criterion_kind_to_string:
 * @kind: a #CrmCriterionKind
 *
 * Returns: the stable name: "transaction", "type", "location", "price",
 *   "area", "rooms", "floor" or "market"
 */
const char *
crm_criterion_kind_to_string (CrmCriterionKind kind)
{
  g_return_val_if_fail (kind < CRM_N_CRITERIA, NULL);

  return kind_names[kind];
}

static void
set_outcome (CrmCriterion        *criterion,
             CrmCriterionOutcome  outcome,
             char                *reason)
{
  criterion->outcome = outcome;
  criterion->reason = reason;
}

/* How far @value is beyond a bound, as a whole percentage, at least 1. */
static int
percent_off (double value,
             double bound)
{
  double fraction = bound > 0 ? fabs (value - bound) / bound : 1.0;

  return MAX (1, (int) floor (fraction * 100 + 0.5));
}

static void
judge_deal (CrmCriterion *c,
            CrmOffer     *offer,
            CrmSearch    *search)
{
  CrmDeal have = crm_offer_get_deal (offer);
  CrmDeal want = crm_search_get_deal (search);

  if (have == want)
    /* Translators: a reason in matching; %s is "sale" or "rent" */
    set_outcome (c, CRM_CRITERION_PASSED, g_strdup_printf (_("Transaction: %s"), crm_deal_get_label (have)));
  else
    set_outcome (c, CRM_CRITERION_FAILED,
                 /* Translators: a reason in matching; each %s is "sale" or "rent" */
                 g_strdup_printf (_("Transaction: the offer is for %s, the search for %s"),
                                  crm_deal_get_label (have), crm_deal_get_label (want)));
}

static void
judge_type (CrmCriterion *c,
            CrmOffer     *offer,
            CrmSearch    *search)
{
  CrmPropertyTypes have = crm_offer_get_property_type (offer);
  CrmPropertyTypes want = crm_search_get_types (search);
  g_autofree char *wanted = NULL;

  if (want == CRM_PROPERTY_ANY)
    set_outcome (c, CRM_CRITERION_ANY, g_strdup (_("Type: any")));
  else if ((want & have) != 0)
    /* Translators: a reason in matching; %s is a property type */
    set_outcome (c, CRM_CRITERION_PASSED, g_strdup_printf (_("Type: %s"), crm_property_type_get_label (have)));
  else
    {
      wanted = crm_property_types_dup_label (want);
      set_outcome (c, CRM_CRITERION_FAILED,
                   /* Translators: a reason in matching; a type, then types such as "Flat or House" */
                   g_strdup_printf (_("Type: %s, the search wants %s"), crm_property_type_get_label (have),
                                    wanted));
    }
}

/* Whether "City" or "City/District" takes an offer in @city_key and
 * @district_key. */
static gboolean
place_takes (const char *place,
             const char *city_key,
             const char *district_key)
{
  g_autofree char *city = NULL;
  g_autofree char *district = NULL;
  g_autofree char *want_city = NULL;
  g_autofree char *want_district = NULL;

  _crm_place_split (place, &city, &district);
  want_city = _crm_place_key (city);
  if (!g_str_equal (want_city, city_key))
    return FALSE;
  want_district = _crm_place_key (district);

  return *want_district == '\0' || g_str_equal (want_district, district_key);
}

static void
judge_location (CrmCriterion *c,
                CrmOffer     *offer,
                CrmSearch    *search)
{
  const char * const *places = crm_search_get_locations (search);
  g_autofree char *city_key = _crm_place_key (crm_offer_get_city (offer));
  g_autofree char *district_key = _crm_place_key (crm_offer_get_district (offer));
  g_autofree char *where = NULL;
  g_autofree char *wanted = NULL;

  if (places == NULL)
    {
      set_outcome (c, CRM_CRITERION_ANY, g_strdup (_("Location: anywhere")));
      return;
    }

  for (guint i = 0; places[i] != NULL; i++)
    if (place_takes (places[i], city_key, district_key))
      {
        /* Translators: a reason in matching; %s is a place such as "Kraków/Podgórze" */
        set_outcome (c, CRM_CRITERION_PASSED, g_strdup_printf (_("Location: %s"), places[i]));
        return;
      }

  where = crm_offer_get_district (offer) != NULL
          ? g_strdup_printf ("%s/%s", crm_offer_get_city (offer), crm_offer_get_district (offer))
          : g_strdup (crm_offer_get_city (offer));
  wanted = g_strjoinv (", ", (char **) places);
  set_outcome (c, CRM_CRITERION_FAILED,
               /* Translators: a reason in matching; the offer's place, then the search's places */
               g_strdup_printf (_("Location: %s is not among %s"), where, wanted));
}

static void
judge_price (CrmCriterion *c,
             CrmOffer     *offer,
             CrmSearch    *search)
{
  gint64 price = crm_offer_get_price (offer);
  gint64 min, max;
  g_autofree char *have = _crm_format_price (price);
  g_autofree char *min_text = NULL;
  g_autofree char *max_text = NULL;
  g_autofree char *range = NULL;

  crm_search_get_price_range (search, &min, &max);
  if (min == CRM_OFFER_ANY && max == CRM_OFFER_ANY)
    {
      set_outcome (c, CRM_CRITERION_ANY, g_strdup (_("Price: any")));
      return;
    }
  min_text = min != CRM_OFFER_ANY ? _crm_format_price (min) : NULL;
  max_text = max != CRM_OFFER_ANY ? _crm_format_price (max) : NULL;

  if (max != CRM_OFFER_ANY && price > max)
    {
      c->miss = max > 0 ? (double) (price - max) / max : G_MAXDOUBLE;
      set_outcome (c, CRM_CRITERION_FAILED,
                   /* Translators: a reason in matching: "Price: 3% over the maximum (650 000, at most 630 000)" */
                   g_strdup_printf (_("Price: %d%% over the maximum (%s, at most %s)"),
                                    percent_off (price, max), have, max_text));
    }
  else if (min != CRM_OFFER_ANY && price < min)
    {
      c->miss = (double) (min - price) / min;
      set_outcome (c, CRM_CRITERION_FAILED,
                   /* Translators: a reason in matching: "Price: 3% under the minimum (…)" */
                   g_strdup_printf (_("Price: %d%% under the minimum (%s, at least %s)"),
                                    percent_off (price, min), have, min_text));
    }
  else
    {
      range = _crm_format_range (min_text, max_text);
      set_outcome (c, CRM_CRITERION_PASSED,
                   /* Translators: a reason in matching: "Price: 650 000, wanted 500 000–700 000" */
                   g_strdup_printf (_("Price: %s, wanted %s"), have, range));
    }
}

static void
judge_area (CrmCriterion *c,
            CrmOffer     *offer,
            CrmSearch    *search)
{
  double area = crm_offer_get_area (offer);
  double min, max;
  g_autofree char *have = _crm_format_area (area);
  g_autofree char *min_text = NULL;
  g_autofree char *max_text = NULL;
  g_autofree char *range = NULL;

  crm_search_get_area_range (search, &min, &max);
  if (min == CRM_OFFER_ANY && max == CRM_OFFER_ANY)
    {
      set_outcome (c, CRM_CRITERION_ANY, g_strdup (_("Area: any")));
      return;
    }
  min_text = min != CRM_OFFER_ANY ? _crm_format_area (min) : NULL;
  max_text = max != CRM_OFFER_ANY ? _crm_format_area (max) : NULL;

  if (max != CRM_OFFER_ANY && area > max)
    {
      c->miss = max > 0 ? (area - max) / max : G_MAXDOUBLE;
      set_outcome (c, CRM_CRITERION_FAILED,
                   /* Translators: a reason in matching: "Area: 5% over the maximum (63 m², at most 60 m²)" */
                   g_strdup_printf (_("Area: %d%% over the maximum (%s m², at most %s m²)"),
                                    percent_off (area, max), have, max_text));
    }
  else if (min != CRM_OFFER_ANY && area < min)
    {
      c->miss = (min - area) / min;
      set_outcome (c, CRM_CRITERION_FAILED,
                   /* Translators: a reason in matching: "Area: 5% under the minimum (38 m², at least 40 m²)" */
                   g_strdup_printf (_("Area: %d%% under the minimum (%s m², at least %s m²)"),
                                    percent_off (area, min), have, min_text));
    }
  else
    {
      range = _crm_format_range (min_text, max_text);
      set_outcome (c, CRM_CRITERION_PASSED,
                   /* Translators: a reason in matching: "Area: 54.5 m², wanted 40–60 m²" */
                   g_strdup_printf (_("Area: %s m², wanted %s m²"), have, range));
    }
}

/* Rooms and floors: whole numbers, "not given" in the offer fails. */
static void
judge_steps (CrmCriterion *c,
             int           have,
             int           unset,
             int           min,
             int           max,
             gboolean      floors)
{
  g_autofree char *min_text = min != unset ? g_strdup_printf ("%d", min) : NULL;
  g_autofree char *max_text = max != unset ? g_strdup_printf ("%d", max) : NULL;
  g_autofree char *range = NULL;

  if (min == unset && max == unset)
    {
      set_outcome (c, CRM_CRITERION_ANY, g_strdup (floors ? _("Floor: any") : _("Rooms: any")));
      return;
    }

  range = _crm_format_range (min_text, max_text);
  if (have == unset)
    {
      c->unknown = TRUE;
      set_outcome (c, CRM_CRITERION_FAILED,
                   g_strdup_printf (floors
                                    /* Translators: a reason in matching; %s is a range such as "1–4" */
                                    ? _("Floor: the offer does not say, the search wants %s")
                                    /* Translators: a reason in matching; %s is a range such as "2–3" */
                                    : _("Rooms: the offer does not say, the search wants %s"),
                                    range));
    }
  else if (max != unset && have > max)
    {
      int off = have - max;

      c->miss = off;
      set_outcome (c, CRM_CRITERION_FAILED,
                   floors
                   /* Translators: a reason in matching; the difference, the offer's floor, the highest wanted */
                   ? g_strdup_printf (ngettext ("Floor: %d above the highest wanted (%d, at most %d)",
                                                "Floor: %d above the highest wanted (%d, at most %d)", off),
                                      off, have, max)
                   /* Translators: a reason in matching; the difference, the offer's rooms, the most wanted */
                   : g_strdup_printf (ngettext ("Rooms: %d more than the maximum (%d, at most %d)",
                                                "Rooms: %d more than the maximum (%d, at most %d)", off),
                                      off, have, max));
    }
  else if (min != unset && have < min)
    {
      int off = min - have;

      c->miss = off;
      set_outcome (c, CRM_CRITERION_FAILED,
                   floors
                   /* Translators: a reason in matching; the difference, the offer's floor, the lowest wanted */
                   ? g_strdup_printf (ngettext ("Floor: %d below the lowest wanted (%d, at least %d)",
                                                "Floor: %d below the lowest wanted (%d, at least %d)", off),
                                      off, have, min)
                   /* Translators: a reason in matching; the difference, the offer's rooms, the fewest wanted */
                   : g_strdup_printf (ngettext ("Rooms: %d fewer than the minimum (%d, at least %d)",
                                                "Rooms: %d fewer than the minimum (%d, at least %d)", off),
                                      off, have, min));
    }
  else
    set_outcome (c, CRM_CRITERION_PASSED,
                 g_strdup_printf (floors
                                  /* Translators: a reason in matching: "Floor: 2, wanted 1–4" */
                                  ? _("Floor: %d, wanted %s")
                                  /* Translators: a reason in matching: "Rooms: 3, wanted 2–3" */
                                  : _("Rooms: %d, wanted %s"),
                                  have, range));
}

static void
judge_market (CrmCriterion *c,
              CrmOffer     *offer,
              CrmSearch    *search)
{
  CrmMarket have = crm_offer_get_market (offer);
  CrmMarket want = crm_search_get_market (search);

  if (want == CRM_MARKET_ANY)
    set_outcome (c, CRM_CRITERION_ANY, g_strdup (_("Market: any")));
  else if (have == want)
    /* Translators: a reason in matching; %s is "primary" or "secondary" */
    set_outcome (c, CRM_CRITERION_PASSED, g_strdup_printf (_("Market: %s"), crm_market_get_label (have)));
  else if (have == CRM_MARKET_ANY)
    {
      c->unknown = TRUE;
      set_outcome (c, CRM_CRITERION_FAILED,
                   /* Translators: a reason in matching; %s is "primary" or "secondary" */
                   g_strdup_printf (_("Market: the offer does not say, the search wants %s"),
                                    crm_market_get_label (want)));
    }
  else
    set_outcome (c, CRM_CRITERION_FAILED,
                 /* Translators: a reason in matching; each %s is "primary" or "secondary" */
                 g_strdup_printf (_("Market: %s, the search wants %s"), crm_market_get_label (have),
                                  crm_market_get_label (want)));
}

/* A near miss and its distance: see the top of this file. */
static void
weigh (CrmMatch *self)
{
  CrmCriterion *failed = NULL;
  guint n_failed = 0;

  for (guint k = 0; k < CRM_N_CRITERIA; k++)
    if (self->criteria[k].outcome == CRM_CRITERION_FAILED)
      {
        failed = &self->criteria[k];
        n_failed++;
      }

  self->is_match = n_failed == 0;
  if (n_failed != 1 || failed->kind == CRM_CRITERION_DEAL || failed->kind == CRM_CRITERION_TYPE ||
      failed->kind == CRM_CRITERION_LOCATION)
    return;

  if (failed->unknown || failed->kind == CRM_CRITERION_MARKET)
    self->distance = STEP_DISTANCE;
  else if (failed->kind == CRM_CRITERION_PRICE || failed->kind == CRM_CRITERION_AREA)
    self->distance = failed->miss <= NEAR_FRACTION ? failed->miss : -1;
  else
    self->distance = failed->miss <= NEAR_STEPS ? failed->miss * STEP_DISTANCE : -1;

  self->near_miss = self->distance >= 0;
  if (!self->near_miss)
    self->distance = 0;
}

static void
crm_match_finalize (GObject *object)
{
  CrmMatch *self = (CrmMatch *)object;

  for (guint k = 0; k < CRM_N_CRITERIA; k++)
    g_free (self->criteria[k].reason);
  g_clear_object (&self->offer);
  g_clear_object (&self->search);

  G_OBJECT_CLASS (crm_match_parent_class)->finalize (object);
}

static void
crm_match_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CrmMatch *self = CRM_MATCH (object);

  switch (prop_id)
    {
    case PROP_OFFER:
      g_value_set_object (value, self->offer);
      break;
    case PROP_SEARCH:
      g_value_set_object (value, self->search);
      break;
    case PROP_OFFER_ID:
      g_value_set_int64 (value, crm_offer_get_id (self->offer));
      break;
    case PROP_SEARCH_ID:
      g_value_set_int64 (value, crm_search_get_id (self->search));
      break;
    case PROP_IS_MATCH:
      g_value_set_boolean (value, self->is_match);
      break;
    case PROP_NEAR_MISS:
      g_value_set_boolean (value, self->near_miss);
      break;
    case PROP_DISTANCE:
      g_value_set_double (value, self->distance);
      break;
    case PROP_REASONS:
      g_value_take_string (value, crm_match_dup_reasons (self, FALSE));
      break;
    case PROP_FAILED:
      g_value_take_string (value, crm_match_dup_reasons (self, TRUE));
      break;
    case PROP_SENT:
      g_value_set_int64 (value, self->sent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_match_class_init (CrmMatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_match_finalize;
  object_class->get_property = crm_match_get_property;

  properties[PROP_OFFER] = g_param_spec_object ("offer", NULL, NULL, CRM_TYPE_OFFER, ro);
  properties[PROP_SEARCH] = g_param_spec_object ("search", NULL, NULL, CRM_TYPE_SEARCH, ro);
  properties[PROP_OFFER_ID] = g_param_spec_int64 ("offer-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_SEARCH_ID] = g_param_spec_int64 ("search-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  /**
   * CrmMatch:is-match:
   *
   * Every criterion holds.
   */
  properties[PROP_IS_MATCH] = g_param_spec_boolean ("is-match", NULL, NULL, FALSE, ro);
  /**
   * CrmMatch:near-miss:
   *
   * One criterion fails by a little (see #CrmMatch).
   */
  properties[PROP_NEAR_MISS] = g_param_spec_boolean ("near-miss", NULL, NULL, FALSE, ro);
  /**
   * CrmMatch:distance:
   *
   * How far a near miss is off: 0.03 for a price 3 % over the maximum.
   */
  properties[PROP_DISTANCE] = g_param_spec_double ("distance", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  /**
   * CrmMatch:reasons:
   *
   * Every criterion the search fills, passed or failed, in words.
   */
  properties[PROP_REASONS] = g_param_spec_string ("reasons", NULL, NULL, NULL, ro);
  /**
   * CrmMatch:failed:
   *
   * The criteria that fail, in words; empty for a match.
   */
  properties[PROP_FAILED] = g_param_spec_string ("failed", NULL, NULL, NULL, ro);
  /**
   * CrmMatch:sent:
   *
   * When the search's client was last sent the offer (or when a mail
   * with it went to the outbox), as a Unix time; 0 when never. Set by
   * the store's manual matching (OF3).
   */
  properties[PROP_SENT] = g_param_spec_int64 ("sent", NULL, NULL, 0, G_MAXINT64, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_match_init (CrmMatch *self)
{
}

/**
 * crm_match_new:
 * @offer: an offer
 * @search: a search
 *
 * Holds @offer against @search.
 *
 * Returns: (transfer full): the outcome of each criterion
 */
CrmMatch *
crm_match_new (CrmOffer  *offer,
               CrmSearch *search)
{
  CrmMatch *self;
  int min, max;

  g_return_val_if_fail (CRM_IS_OFFER (offer), NULL);
  g_return_val_if_fail (CRM_IS_SEARCH (search), NULL);

  self = g_object_new (CRM_TYPE_MATCH, NULL);
  self->offer = g_object_ref (offer);
  self->search = g_object_ref (search);
  for (guint k = 0; k < CRM_N_CRITERIA; k++)
    self->criteria[k].kind = k;

  judge_deal (&self->criteria[CRM_CRITERION_DEAL], offer, search);
  judge_type (&self->criteria[CRM_CRITERION_TYPE], offer, search);
  judge_location (&self->criteria[CRM_CRITERION_LOCATION], offer, search);
  judge_price (&self->criteria[CRM_CRITERION_PRICE], offer, search);
  judge_area (&self->criteria[CRM_CRITERION_AREA], offer, search);
  crm_search_get_rooms_range (search, &min, &max);
  judge_steps (&self->criteria[CRM_CRITERION_ROOMS], crm_offer_get_rooms (offer), CRM_OFFER_ANY, min, max, FALSE);
  crm_search_get_floor_range (search, &min, &max);
  judge_steps (&self->criteria[CRM_CRITERION_FLOOR], crm_offer_get_floor (offer), CRM_OFFER_ANY_FLOOR, min, max,
               TRUE);
  judge_market (&self->criteria[CRM_CRITERION_MARKET], offer, search);
  weigh (self);

  return self;
}

/**
 * crm_match_get_offer:
 * @self: a #CrmMatch
 *
 * Returns: (transfer none): the offer
 */
CrmOffer *
crm_match_get_offer (CrmMatch *self)
{
  g_return_val_if_fail (CRM_IS_MATCH (self), NULL);

  return self->offer;
}

/**
 * crm_match_get_search:
 * @self: a #CrmMatch
 *
 * Returns: (transfer none): the search
 */
CrmSearch *
crm_match_get_search (CrmMatch *self)
{
  g_return_val_if_fail (CRM_IS_MATCH (self), NULL);

  return self->search;
}

gboolean
crm_match_is_match (CrmMatch *self)
{
  g_return_val_if_fail (CRM_IS_MATCH (self), FALSE);

  return self->is_match;
}

gboolean
crm_match_is_near_miss (CrmMatch *self)
{
  g_return_val_if_fail (CRM_IS_MATCH (self), FALSE);

  return self->near_miss;
}

double
crm_match_get_distance (CrmMatch *self)
{
  g_return_val_if_fail (CRM_IS_MATCH (self), 0);

  return self->distance;
}

/**
 * crm_match_get_criterion:
 * @self: a #CrmMatch
 * @kind: which criterion
 *
 * Returns: (transfer none): its outcome and reason
 */
const CrmCriterion *
crm_match_get_criterion (CrmMatch         *self,
                         CrmCriterionKind  kind)
{
  g_return_val_if_fail (CRM_IS_MATCH (self), NULL);
  g_return_val_if_fail (kind < CRM_N_CRITERIA, NULL);

  return &self->criteria[kind];
}

/**
 * crm_match_dup_reasons:
 * @self: a #CrmMatch
 * @failed_only: only the criteria that fail
 *
 * Returns: (transfer full): the reasons of the criteria the search
 *   fills (and the transaction), one a line
 */
char *
crm_match_dup_reasons (CrmMatch *self,
                       gboolean  failed_only)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (CRM_IS_MATCH (self), NULL);

  for (guint k = 0; k < CRM_N_CRITERIA; k++)
    {
      const CrmCriterion *c = &self->criteria[k];

      if (c->outcome == CRM_CRITERION_ANY || (failed_only && c->outcome != CRM_CRITERION_FAILED))
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, c->reason);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * crm_match_get_sent:
 * @self: a #CrmMatch
 *
 * Returns: when the search's client last got the offer by mail, or 0
 *   when never (#CrmMatch:sent)
 */
gint64
crm_match_get_sent (CrmMatch *self)
{
  g_return_val_if_fail (CRM_IS_MATCH (self), 0);

  return self->sent;
}

void
_crm_match_set_sent (CrmMatch *self,
                     gint64    sent)
{
  g_return_if_fail (CRM_IS_MATCH (self));

  self->sent = sent;
}
