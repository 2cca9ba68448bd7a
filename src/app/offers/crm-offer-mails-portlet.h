/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-portlet.h"

G_BEGIN_DECLS

#define CRM_TYPE_OFFER_MAILS_PORTLET (crm_offer_mails_portlet_get_type ())

G_DECLARE_FINAL_TYPE (CrmOfferMailsPortlet, crm_offer_mails_portlet, CRM, OFFER_MAILS_PORTLET, CrmPortlet)

GListModel *crm_offer_mails_portlet_get_mails    (CrmOfferMailsPortlet *self);
void        crm_offer_mails_portlet_set_ticked   (CrmOfferMailsPortlet *self,
                                                  gint64                mail_id,
                                                  gboolean              ticked);
guint       crm_offer_mails_portlet_send         (CrmOfferMailsPortlet *self);
gboolean    crm_offer_mails_portlet_get_show_all (CrmOfferMailsPortlet *self);
void        crm_offer_mails_portlet_set_show_all (CrmOfferMailsPortlet *self,
                                                  gboolean              show_all);

G_END_DECLS
