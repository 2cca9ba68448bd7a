/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-offer-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_OFFER (crm_offer_get_type ())

G_DECLARE_FINAL_TYPE (CrmOffer, crm_offer, CRM, OFFER, GObject)

CrmOffer         *crm_offer_new               (void);
CrmOffer         *crm_offer_copy              (CrmOffer          *self);
gint64            crm_offer_get_id            (CrmOffer          *self);
CrmDeal           crm_offer_get_deal          (CrmOffer          *self);
void              crm_offer_set_deal          (CrmOffer          *self,
                                               CrmDeal            deal);
CrmPropertyTypes  crm_offer_get_property_type (CrmOffer          *self);
void              crm_offer_set_property_type (CrmOffer          *self,
                                               CrmPropertyTypes   type);
const char       *crm_offer_get_city          (CrmOffer          *self);
void              crm_offer_set_city          (CrmOffer          *self,
                                               const char        *city);
const char       *crm_offer_get_district      (CrmOffer          *self);
void              crm_offer_set_district      (CrmOffer          *self,
                                               const char        *district);
const char       *crm_offer_get_street        (CrmOffer          *self);
void              crm_offer_set_street        (CrmOffer          *self,
                                               const char        *street);
gint64            crm_offer_get_price         (CrmOffer          *self);
void              crm_offer_set_price         (CrmOffer          *self,
                                               gint64             price);
double            crm_offer_get_area          (CrmOffer          *self);
void              crm_offer_set_area          (CrmOffer          *self,
                                               double             area);
int               crm_offer_get_rooms         (CrmOffer          *self);
void              crm_offer_set_rooms         (CrmOffer          *self,
                                               int                rooms);
int               crm_offer_get_floor         (CrmOffer          *self);
void              crm_offer_set_floor         (CrmOffer          *self,
                                               int                floor);
CrmMarket         crm_offer_get_market        (CrmOffer          *self);
void              crm_offer_set_market        (CrmOffer          *self,
                                               CrmMarket          market);
const char       *crm_offer_get_description   (CrmOffer          *self);
void              crm_offer_set_description   (CrmOffer          *self,
                                               const char        *description);
gint64            crm_offer_get_agent_id      (CrmOffer          *self);
void              crm_offer_set_agent_id      (CrmOffer          *self,
                                               gint64             agent_id);
const char       *crm_offer_get_agent_name    (CrmOffer          *self);
gint64            crm_offer_get_created       (CrmOffer          *self);
gint64            crm_offer_get_updated       (CrmOffer          *self);
gint64            crm_offer_get_version       (CrmOffer          *self);
gboolean          crm_offer_set_field         (CrmOffer          *self,
                                               const char        *name,
                                               const char        *value,
                                               GError           **error);
const char * const *crm_offer_field_names     (void);
char *crm_offer_dup_title    (CrmOffer *self);
char *crm_offer_dup_location (CrmOffer *self);
char *crm_offer_dup_summary  (CrmOffer *self);

G_END_DECLS
