/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-database.h"

G_BEGIN_DECLS

#define CRM_TYPE_PG_DATABASE (crm_pg_database_get_type ())

G_DECLARE_FINAL_TYPE (CrmPgDatabase, crm_pg_database, CRM, PG_DATABASE, GObject)

/**
 * CrmImportCount:
 * @table: a table of the office's database
 * @rows: how many rows it got
 */
typedef struct
{
  char   *table;
  gint64  rows;
} CrmImportCount;

void         crm_import_count_free          (CrmImportCount *count);
gboolean     crm_pg_database_import         (CrmPgDatabase  *self,
                                             CrmDatabase    *source,
                                             GPtrArray     **counts,
                                             GError        **error);

CrmDatabase *crm_pg_database_open           (const char     *uri,
                                             const char     *password,
                                             const char     *resource_dir,
                                             GError        **error);
gboolean     crm_pg_database_is_uri         (const char     *location);
int          crm_pg_database_get_backend_pid (CrmPgDatabase *self);
gint64       crm_pg_database_get_login_user_id (CrmPgDatabase *self);
GStrv        crm_pg_database_list_desktops   (CrmPgDatabase  *self,
                                              GError        **error);
gboolean     crm_pg_database_set_login       (CrmPgDatabase  *self,
                                              const char     *login,
                                              const char     *password,
                                              gboolean        admin,
                                              GError        **error);
gboolean     crm_pg_database_try_lock        (CrmPgDatabase  *self,
                                              gint64          key,
                                              gboolean       *got,
                                              GError        **error);
gboolean     crm_pg_database_disable_login   (CrmPgDatabase  *self,
                                              const char     *login,
                                              GError        **error);

char        *_crm_pg_translate_parameters      (const char  *sql,
                                                int         *n_params);
char        *_crm_pg_translate_parameters_full (const char  *sql,
                                                int         *n_params,
                                                GArray     **named);

G_END_DECLS
