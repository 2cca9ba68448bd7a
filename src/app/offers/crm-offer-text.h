/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

/* How the real-estate pages word offers and searches (OF): prices,
 * ranges and history entries, translated. */

char       *crm_offer_text_price         (CrmSession *session,
                                          gint64      price);
char       *crm_offer_text_area          (double      area);
char       *crm_offer_text_area_number   (double      area);
const char *crm_offer_text_deal          (CrmDeal     deal);
const char *crm_offer_text_market        (CrmMarket   market);
char       *crm_offer_text_size          (CrmOffer   *offer);
char       *crm_offer_text_price_range   (CrmSession *session,
                                          gint64      min,
                                          gint64      max);
char       *crm_offer_text_area_range    (double      min,
                                          double      max);
char       *crm_offer_text_int_range     (int         min,
                                          int         max,
                                          int         unset);
gint64      crm_offer_text_days_ago      (CrmSession *session,
                                          gint64      when);
char       *crm_offer_text_last_update   (CrmSession *session,
                                          gint64      updated);
GtkWidget  *crm_offer_text_history_row   (gpointer    entry,
                                          gpointer    user_data);
GtkWidget  *crm_offer_text_open_mail     (GtkWidget  *parent,
                                          CrmSession *session,
                                          gint64      mail_id);
GtkWidget  *crm_offer_text_matching_help (GtkWidget  *parent,
                                          CrmSession *session);

G_END_DECLS
