/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_SEARCH_DETAIL (crm_search_detail_get_type ())

G_DECLARE_FINAL_TYPE (CrmSearchDetail, crm_search_detail, CRM, SEARCH_DETAIL, GtkWidget)

void        crm_search_detail_set_session   (CrmSearchDetail *self,
                                             CrmSession      *session);
void        crm_search_detail_set_user      (CrmSearchDetail *self,
                                             CrmUser         *user);
void        crm_search_detail_set_settings  (CrmSearchDetail *self,
                                             GSettings       *settings);
CrmSearch  *crm_search_detail_get_search    (CrmSearchDetail *self);
void        crm_search_detail_set_search_id (CrmSearchDetail *self,
                                             gint64           id);
void        crm_search_detail_set_show_back (CrmSearchDetail *self,
                                             gboolean         show_back);
GListModel *crm_search_detail_get_matches   (CrmSearchDetail *self);
GListModel *crm_search_detail_get_history   (CrmSearchDetail *self);
void        crm_search_detail_set_ticked    (CrmSearchDetail *self,
                                             gint64           offer_id,
                                             gboolean         ticked);
gboolean    crm_search_detail_send          (CrmSearchDetail *self);

G_END_DECLS
