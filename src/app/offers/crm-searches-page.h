/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"
#include "crm-search-detail.h"
#include "crm-search-editor.h"

G_BEGIN_DECLS

#define CRM_TYPE_SEARCHES_PAGE (crm_searches_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmSearchesPage, crm_searches_page, CRM, SEARCHES_PAGE, GtkWidget)

void               crm_searches_page_set_session   (CrmSearchesPage *self,
                                                    CrmSession      *session);
void               crm_searches_page_set_user      (CrmSearchesPage *self,
                                                    CrmUser         *user);
void               crm_searches_page_set_settings  (CrmSearchesPage *self,
                                                    GSettings       *settings);
void               crm_searches_page_set_filter    (CrmSearchesPage *self,
                                                    gboolean         mine,
                                                    gboolean         stale);
CrmSearchList     *crm_searches_page_get_list      (CrmSearchesPage *self);
GtkSelectionModel *crm_searches_page_get_selection (CrmSearchesPage *self);
CrmSearchDetail   *crm_searches_page_get_detail    (CrmSearchesPage *self);
void               crm_searches_page_show_search   (CrmSearchesPage *self,
                                                    gint64           id);
guint              crm_searches_page_bump_selected (CrmSearchesPage *self);
CrmSearchEditor   *crm_searches_page_new_search    (CrmSearchesPage *self);

void crm_searches_page_show_view (CrmSearchesPage *self,
                                  CrmSavedView    *view);

G_END_DECLS
