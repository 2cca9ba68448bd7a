/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-offer.h"
#include "crm-search.h"

G_BEGIN_DECLS

/**
 * CrmCriterionKind:
 * @CRM_CRITERION_DEAL: sale or rent
 * @CRM_CRITERION_TYPE: the property types
 * @CRM_CRITERION_LOCATION: the places
 * @CRM_CRITERION_PRICE: the price range
 * @CRM_CRITERION_AREA: the area range
 * @CRM_CRITERION_ROOMS: the range of rooms
 * @CRM_CRITERION_FLOOR: the range of floors
 * @CRM_CRITERION_MARKET: primary or secondary
 * @CRM_N_CRITERIA: how many there are
 */
typedef enum
{
  CRM_CRITERION_DEAL,
  CRM_CRITERION_TYPE,
  CRM_CRITERION_LOCATION,
  CRM_CRITERION_PRICE,
  CRM_CRITERION_AREA,
  CRM_CRITERION_ROOMS,
  CRM_CRITERION_FLOOR,
  CRM_CRITERION_MARKET,
  CRM_N_CRITERIA
} CrmCriterionKind;

/**
 * CrmCriterionOutcome:
 * @CRM_CRITERION_ANY: the search leaves it empty: anything will do
 * @CRM_CRITERION_PASSED: the offer fits it
 * @CRM_CRITERION_FAILED: the offer does not fit it, or does not say
 */
typedef enum
{
  CRM_CRITERION_ANY,
  CRM_CRITERION_PASSED,
  CRM_CRITERION_FAILED,
} CrmCriterionOutcome;

/**
 * CrmCriterion:
 * @kind: which criterion
 * @outcome: whether the offer fits it
 * @unknown: it failed because the offer does not say (rooms, floor,
 *   market)
 * @miss: how far off a failed range is: a fraction of the bound for
 *   price and area (0.03 is 3 %), rooms or floors for rooms and floor
 * @reason: why, in words (translated): "Price: 3% over the maximum (…)"
 */
typedef struct
{
  CrmCriterionKind     kind;
  CrmCriterionOutcome  outcome;
  gboolean             unknown;
  double               miss;
  char                *reason;
} CrmCriterion;

#define CRM_TYPE_MATCH (crm_match_get_type ())

G_DECLARE_FINAL_TYPE (CrmMatch, crm_match, CRM, MATCH, GObject)

const char *crm_criterion_kind_to_string (CrmCriterionKind kind);

CrmMatch           *crm_match_new           (CrmOffer         *offer,
                                             CrmSearch        *search);
CrmOffer           *crm_match_get_offer     (CrmMatch         *self);
CrmSearch          *crm_match_get_search    (CrmMatch         *self);
gboolean            crm_match_is_match      (CrmMatch         *self);
gboolean            crm_match_is_near_miss  (CrmMatch         *self);
double              crm_match_get_distance  (CrmMatch         *self);
const CrmCriterion *crm_match_get_criterion (CrmMatch         *self,
                                             CrmCriterionKind  kind);
char               *crm_match_dup_reasons   (CrmMatch         *self,
                                             gboolean          failed_only);
gint64              crm_match_get_sent      (CrmMatch         *self);

G_END_DECLS
