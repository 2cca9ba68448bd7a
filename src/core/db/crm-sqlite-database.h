/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "crm-database.h"

G_BEGIN_DECLS

#define CRM_TYPE_SQLITE_DATABASE (crm_sqlite_database_get_type ())

G_DECLARE_FINAL_TYPE (CrmSqliteDatabase, crm_sqlite_database, CRM, SQLITE_DATABASE, GObject)

CrmDatabase *crm_sqlite_database_open       (const char         *path,
                                             const char         *resource_dir,
                                             GError            **error);
const char  *crm_sqlite_database_get_path   (CrmSqliteDatabase  *self);
sqlite3     *crm_sqlite_database_get_handle (CrmSqliteDatabase  *self);

G_END_DECLS
