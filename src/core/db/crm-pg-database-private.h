/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libpq-fe.h>

#include "crm-pg-database.h"

G_BEGIN_DECLS

/* Shared by the connection (crm-pg-database.c) and the thread that
 * follows the other connections' changes for it (crm-pg-follower.c). */

/* the office's write lock (an advisory lock): "CRM1" */
#define _CRM_PG_WRITE_LOCK_KEY 1129467185

typedef struct _CrmPgFollower CrmPgFollower;

/* The server processes of a connection's writers: what they committed
 * was told by the session that wrote it (crm_session_write_async ()),
 * so the connection does not tell it again when it follows the
 * journal. */
typedef struct
{
  gatomicrefcount  ref;
  GMutex           lock;
  GArray          *pids;   /* int */
} Writers;

struct _CrmPgDatabase
{
  GObject     parent_instance;

  PGconn     *conn;
  char       *uri;
  char       *password;
  char       *name;
  GHashTable *statements;
  guint       n_prepared;
  int         schema_version;
  int         pid;
  gint64      login_user_id;   /* the user whose login this is, or 0 */

  /* the last failure, and what the last statement did */
  char       *error_state;
  char       *error_message;
  gint64      n_changed;
  char       *inserted_table;

  GMutex      cancel_lock;
  PGcancel   *cancel;

  /* following other connections' changes */
  Writers    *writers;           /* a primary's: its writers' */
  Writers    *primary_writers;   /* a writer's: its primary's */
  CrmPgFollower *follower;      /* a primary's, once it follows */
};

PGconn        *_crm_pg_database_get_conn (CrmPgDatabase  *self);

Writers       *_crm_pg_writers_new       (void);
Writers       *_crm_pg_writers_ref       (Writers        *writers);
void           _crm_pg_writers_unref     (Writers        *writers);
gboolean       _crm_pg_writers_contain   (Writers        *writers,
                                          int             pid);

gboolean       _crm_pg_database_connect  (CrmPgDatabase  *self,
                                          gboolean        read_only,
                                          GError        **error);
gboolean       _crm_pg_database_exec     (CrmPgDatabase  *self,
                                          const char     *sql,
                                          GError        **error);

CrmPgFollower *_crm_pg_follower_start    (CrmPgDatabase  *primary,
                                          gint64          last_change);
void           _crm_pg_follower_stop     (CrmPgFollower  *follower);

G_END_DECLS
