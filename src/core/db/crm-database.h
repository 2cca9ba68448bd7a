/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-statement.h"

G_BEGIN_DECLS

/**
 * CrmDatabaseError:
 * @CRM_DATABASE_ERROR_OPEN: the database cannot be opened or created
 * @CRM_DATABASE_ERROR_NEWER_SCHEMA: it was written by a newer version
 * @CRM_DATABASE_ERROR_MIGRATION: a migration step failed; nothing was changed
 * @CRM_DATABASE_ERROR_SQL: a statement failed (disk full, corruption, lock)
 */
typedef enum
{
  CRM_DATABASE_ERROR_OPEN,
  CRM_DATABASE_ERROR_NEWER_SCHEMA,
  CRM_DATABASE_ERROR_MIGRATION,
  CRM_DATABASE_ERROR_SQL,
} CrmDatabaseError;

/**
 * CrmDialect:
 * @CRM_DIALECT_SQLITE: SQLite 3 with FTS5
 * @CRM_DIALECT_POSTGRESQL: PostgreSQL 15
 *
 * Which SQL a database speaks, for the few statements (full-text
 * search, the schema's own tables) that differ between backends.
 */
typedef enum
{
  CRM_DIALECT_SQLITE,
  CRM_DIALECT_POSTGRESQL,
} CrmDialect;

#define CRM_DATABASE_ERROR (crm_database_error_quark ())
#define CRM_TYPE_DATABASE (crm_database_get_type ())

G_DECLARE_INTERFACE (CrmDatabase, crm_database, CRM, DATABASE, GObject)

/**
 * CrmDatabaseInterface:
 * @prepare: a cached statement for @sql (a string that outlives the database)
 * @exec: runs one or more statements that return no rows
 * @set_error: sets @error from the last failure on this connection
 * @is_unique_violation: whether the last failure broke a UNIQUE constraint
 * @last_insert_id: the id of the row the last INSERT made
 * @count_changes: how many rows the last statement changed
 * @in_transaction: whether a transaction is open on this connection
 * @interrupt: makes what runs on this connection stop soon (from any thread)
 * @open_reader: a read-only connection of its own, for one worker thread
 * @open_writer: a connection of its own that writes, for one worker thread
 * @follow_changes: notice other connections' commits every @interval_ms
 * @get_dialect: which SQL it speaks
 * @get_name: where it is, for people (a file, a server)
 * @get_schema_version: the migration it is at
 * @grow_cache: gives this connection at least @kib KiB of cache for a
 *   bulk write; returns what restores it, or 0 when it stays
 * @restore_cache: restores what @grow_cache changed
 * @announce: (nullable): tells the other desktops, nothing stored
 * @open_another: another connection to the same database, of its own
 *   (not a writer of this one: what it commits is told here as another
 *   desktop's would be)
 *
 * A backend of the office's database. Every module's store reaches it
 * only through these, so a second backend is a second implementation.
 */
struct _CrmDatabaseInterface
{
  GTypeInterface parent_iface;

  CrmStatement *(*prepare)            (CrmDatabase  *self,
                                       const char   *sql,
                                       GError      **error);
  gboolean      (*exec)               (CrmDatabase  *self,
                                       const char   *sql,
                                       GError      **error);
  void          (*set_error)          (CrmDatabase  *self,
                                       GError      **error);
  gboolean      (*is_unique_violation) (CrmDatabase *self);
  gint64        (*last_insert_id)     (CrmDatabase  *self);
  gint64        (*count_changes)      (CrmDatabase  *self);
  gboolean      (*in_transaction)     (CrmDatabase  *self);
  void          (*interrupt)          (CrmDatabase  *self);
  CrmDatabase  *(*open_reader)        (CrmDatabase  *self,
                                       GError      **error);
  CrmDatabase  *(*open_writer)        (CrmDatabase  *self,
                                       GError      **error);
  void          (*follow_changes)     (CrmDatabase  *self,
                                       guint         interval_ms);
  CrmDialect    (*get_dialect)        (CrmDatabase  *self);
  const char   *(*get_name)           (CrmDatabase  *self);
  int           (*get_schema_version) (CrmDatabase  *self);
  gint64        (*grow_cache)         (CrmDatabase  *self,
                                       gint64        kib);
  void          (*restore_cache)      (CrmDatabase  *self,
                                       gint64        previous);
  gboolean      (*announce)           (CrmDatabase  *self,
                                       const char   *message,
                                       GError      **error);
  CrmDatabase  *(*open_another)       (CrmDatabase  *self,
                                       GError      **error);
};

/**
 * CrmDatabaseTransactionFunc:
 * @database: the database
 * @user_data: closure data
 * @error: return location for a #GError
 *
 * Returns: %TRUE to commit, %FALSE (with @error set) to roll back
 */
typedef gboolean (*CrmDatabaseTransactionFunc) (CrmDatabase  *database,
                                                gpointer      user_data,
                                                GError      **error);

/**
 * CrmRowFunc:
 * @stmt: a statement on a row
 *
 * Returns: (transfer full): the row as an object
 */
typedef gpointer (*CrmRowFunc) (CrmStatement *stmt);

GQuark crm_database_error_quark (void);

CrmStatement *crm_database_prepare             (CrmDatabase  *self,
                                                const char   *sql,
                                                GError      **error);
gboolean      crm_database_exec                (CrmDatabase  *self,
                                                const char   *sql,
                                                GError      **error);
void          crm_database_set_error           (CrmDatabase  *self,
                                                GError      **error);
gboolean      crm_database_is_unique_violation (CrmDatabase  *self);
gint64        crm_database_last_insert_id      (CrmDatabase  *self);
gint64        crm_database_count_changes       (CrmDatabase  *self);
gboolean      crm_database_in_transaction      (CrmDatabase  *self);
void          crm_database_interrupt           (CrmDatabase  *self);
CrmDatabase  *crm_database_open_reader         (CrmDatabase  *self,
                                                GError      **error);
CrmDatabase  *crm_database_open_writer         (CrmDatabase  *self,
                                                GError      **error);
CrmDatabase  *crm_database_open_another        (CrmDatabase  *self,
                                                GError      **error);
void          crm_database_follow_changes      (CrmDatabase  *self,
                                                guint         interval_ms);
CrmDialect    crm_database_get_dialect         (CrmDatabase  *self);
const char   *crm_database_get_name            (CrmDatabase  *self);
int           crm_database_get_schema_version  (CrmDatabase  *self);
gint64        crm_database_grow_cache          (CrmDatabase  *self,
                                                gint64        kib);
void          crm_database_restore_cache       (CrmDatabase  *self,
                                                gint64        previous);
void          crm_database_emit_changed        (CrmDatabase  *self,
                                                const char   *entity,
                                                gint64        id);
gboolean      crm_database_announce            (CrmDatabase  *self,
                                                const char   *message,
                                                GError      **error);
void          crm_database_emit_announced      (CrmDatabase  *self,
                                                const char   *message);

gboolean    crm_database_run_in_transaction (CrmDatabase                 *self,
                                             CrmDatabaseTransactionFunc   func,
                                             gpointer                     user_data,
                                             GError                     **error);
gboolean    crm_database_step_done          (CrmDatabase                 *self,
                                             CrmStatement                *stmt,
                                             GError                     **error);
gboolean    crm_database_step_row           (CrmDatabase                 *self,
                                             CrmStatement                *stmt,
                                             gboolean                    *row,
                                             GError                     **error);
gboolean    crm_database_step_ids           (CrmDatabase                 *self,
                                             CrmStatement                *stmt,
                                             GArray                      *ids,
                                             GError                     **error);
GArray     *crm_database_collect_ids        (CrmDatabase                 *self,
                                             const char                  *sql,
                                             gint64                       id,
                                             GError                     **error);
GListModel *crm_database_collect            (CrmDatabase                 *self,
                                             CrmStatement                *stmt,
                                             GType                        item_type,
                                             CrmRowFunc                   row_func,
                                             GError                     **error);
GPtrArray  *crm_database_collect_objects    (CrmDatabase                 *self,
                                             CrmStatement                *stmt,
                                             CrmRowFunc                   row_func,
                                             GError                     **error);
char       *crm_database_ids_json           (const gint64                *ids,
                                             guint                        n_ids);

char       *crm_database_get_setting    (CrmDatabase  *self,
                                         const char   *key,
                                         const char   *default_value);
gboolean    crm_database_set_setting    (CrmDatabase  *self,
                                         const char   *key,
                                         const char   *value,
                                         GError      **error);
gboolean    crm_database_append_history (CrmDatabase  *self,
                                         gint64        at,
                                         gint64        user_id,
                                         const char   *entity,
                                         gint64        entity_id,
                                         const char   *action,
                                         const char   *detail,
                                         GError      **error);
GListModel *crm_database_list_history   (CrmDatabase  *self,
                                         const char   *entity,
                                         gint64        entity_id,
                                         GError      **error);

gboolean crm_database_prune_changes (CrmDatabase  *self,
                                     GError      **error);

GPtrArray *crm_database_list_migrations           (const char  *resource_dir,
                                                   GError     **error);
int        crm_database_get_latest_schema_version (void);

G_END_DECLS
