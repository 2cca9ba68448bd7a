/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of the projects' storage (crm-project-store.c,
 * crm-project-store-items.c); nothing outside them includes it. */

#include "crm-project-store.h"
#include "crm-store-private.h"
#include "crm-ticket-store-private.h"

G_BEGIN_DECLS

GPtrArray  *_crm_project_read_items    (CrmProjectStore       *self,
                                        gint64                 project_id,
                                        GError               **error);
CrmProject *_crm_project_read          (CrmProjectStore       *self,
                                        gint64                 project_id,
                                        GError               **error);
CrmProject *_crm_project_read_open     (CrmProjectStore       *self,
                                        gint64                 project_id,
                                        GError               **error);
char       *_crm_project_check_name    (const char            *name,
                                        GError               **error);
gboolean    _crm_project_check_items   (GPtrArray             *items,
                                        GError               **error);
void        _crm_project_bind_nullable (CrmStatement          *stmt,
                                        int                    index,
                                        const char            *text);
gint64      _crm_project_insert_item   (CrmProjectStore       *self,
                                        gint64                 project_id,
                                        guint                  position,
                                        const CrmProjectItem  *item,
                                        GError               **error);
gboolean    _crm_project_audit         (CrmProjectStore       *self,
                                        gint64                 project_id,
                                        const char            *action,
                                        const char            *detail,
                                        GError               **error);

G_END_DECLS
