/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-project.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_PROJECT_STORE (crm_project_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmProjectStore, crm_project_store, CRM, PROJECT_STORE, CrmStore)

CrmProjectStore *crm_project_store_from_session (CrmSession            *session);

gint64       crm_project_store_add          (CrmProjectStore       *self,
                                             gint64                 ticket_id,
                                             const char            *name,
                                             GPtrArray             *items,
                                             GError               **error);
gint64       crm_project_store_add_item     (CrmProjectStore       *self,
                                             gint64                 project_id,
                                             const CrmProjectItem  *item,
                                             GError               **error);
gboolean     crm_project_store_update_item  (CrmProjectStore       *self,
                                             gint64                 item_id,
                                             const CrmProjectItem  *item,
                                             GError               **error);
gboolean     crm_project_store_remove_item  (CrmProjectStore       *self,
                                             gint64                 item_id,
                                             GError               **error);
gboolean     crm_project_store_save         (CrmProjectStore       *self,
                                             gint64                 project_id,
                                             gint64                 version,
                                             const char            *name,
                                             GPtrArray             *items,
                                             GError               **error);
gboolean     crm_project_store_close        (CrmProjectStore       *self,
                                             gint64                 project_id,
                                             gboolean              *ticket_closed,
                                             GError               **error);
gboolean     crm_project_store_reopen       (CrmProjectStore       *self,
                                             gint64                 project_id,
                                             gboolean              *ticket_reopened,
                                             GError               **error);
CrmProject  *crm_project_store_get          (CrmProjectStore       *self,
                                             gint64                 project_id,
                                             GError               **error);
GPtrArray   *crm_project_store_list         (CrmProjectStore       *self,
                                             gint64                 ticket_id,
                                             GError               **error);
char        *crm_project_store_dup_currency (CrmProjectStore       *self);
char        *crm_project_store_dup_office   (CrmProjectStore       *self,
                                             gint64                 ticket_id);

G_END_DECLS
