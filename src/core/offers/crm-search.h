/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-offer-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_SEARCH (crm_search_get_type ())

G_DECLARE_FINAL_TYPE (CrmSearch, crm_search, CRM, SEARCH, GObject)

CrmSearch        *crm_search_new              (gint64            client_id,
                                               CrmDeal           deal);
CrmSearch        *crm_search_copy             (CrmSearch        *self);
gint64            crm_search_get_id           (CrmSearch        *self);
gint64            crm_search_get_client_id    (CrmSearch        *self);
void              crm_search_set_client_id    (CrmSearch        *self,
                                               gint64            client_id);
const char       *crm_search_get_client_name  (CrmSearch        *self);
const char       *crm_search_get_client_email (CrmSearch        *self);
gint64            crm_search_get_agent_id     (CrmSearch        *self);
void              crm_search_set_agent_id     (CrmSearch        *self,
                                               gint64            agent_id);
const char       *crm_search_get_agent_name   (CrmSearch        *self);
CrmDeal           crm_search_get_deal         (CrmSearch        *self);
void              crm_search_set_deal         (CrmSearch        *self,
                                               CrmDeal           deal);
CrmPropertyTypes  crm_search_get_types        (CrmSearch        *self);
void              crm_search_set_types        (CrmSearch        *self,
                                               CrmPropertyTypes  types);
const char * const *crm_search_get_locations    (CrmSearch          *self);
void                crm_search_set_locations    (CrmSearch          *self,
                                                 const char * const *locations);
void        crm_search_get_price_range (CrmSearch  *self,
                                        gint64     *min,
                                        gint64     *max);
void        crm_search_set_price_range (CrmSearch  *self,
                                        gint64      min,
                                        gint64      max);
void        crm_search_get_area_range  (CrmSearch  *self,
                                        double     *min,
                                        double     *max);
void        crm_search_set_area_range  (CrmSearch  *self,
                                        double      min,
                                        double      max);
void        crm_search_get_rooms_range (CrmSearch  *self,
                                        int        *min,
                                        int        *max);
void        crm_search_set_rooms_range (CrmSearch  *self,
                                        int         min,
                                        int         max);
void        crm_search_get_floor_range (CrmSearch  *self,
                                        int        *min,
                                        int        *max);
void        crm_search_set_floor_range (CrmSearch  *self,
                                        int         min,
                                        int         max);
CrmMarket   crm_search_get_market      (CrmSearch  *self);
void        crm_search_set_market      (CrmSearch  *self,
                                        CrmMarket   market);
CrmNotify   crm_search_get_notify      (CrmSearch  *self);
void        crm_search_set_notify      (CrmSearch  *self,
                                        CrmNotify   notify);
const char *crm_search_get_note        (CrmSearch  *self);
void        crm_search_set_note        (CrmSearch  *self,
                                        const char *note);
gint64      crm_search_get_created     (CrmSearch  *self);
gint64      crm_search_get_updated     (CrmSearch  *self);
gint64      crm_search_get_version     (CrmSearch  *self);
char       *crm_search_dup_summary     (CrmSearch  *self);

G_END_DECLS
