/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libpq-fe.h>

#include "crm-pg-database.h"

G_BEGIN_DECLS

/* the office's write lock (an advisory lock): "CRM1" */
#define _CRM_PG_WRITE_LOCK_KEY 1129467185

PGconn *_crm_pg_database_get_conn (CrmPgDatabase *self);

G_END_DECLS
