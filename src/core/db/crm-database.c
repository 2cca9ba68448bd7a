/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-database"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-core-resources.h"
#include "crm-database-private.h"
#include "crm-history-entry.h"

/**
 * CrmDatabase:
 *
 * The office's database: its connection, schema migrations,
 * transactions, office settings, audit history and the journal of
 * changes that other connections follow. It knows nothing of any
 * module: each module's store holds that module's SQL and maps its
 * rows, through the statements a database prepares.
 *
 * It is an interface so that a second backend (the team's server) is a
 * second implementation; the one today is #CrmSqliteDatabase.
 */

G_DEFINE_INTERFACE (CrmDatabase, crm_database, G_TYPE_OBJECT)
G_DEFINE_QUARK (crm-database-error-quark, crm_database_error)

enum {
  CHANGED,
  ANNOUNCED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MIGRATIONS_DIR "/org/example/Crm/core/migrations"

static void
crm_database_default_init (CrmDatabaseInterface *iface)
{
  /**
   * CrmDatabase::changed:
   * @self: the database
   * @entity: the kind of record ("contact", "user", …)
   * @id: the record's id, or 0 for many
   *
   * A record was created, changed or deleted, through this connection
   * or (once crm_database_follow_changes() was called) another one.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);

  /**
   * CrmDatabase::announced:
   * @self: the database
   * @message: what another desktop said (crm_database_announce())
   *
   * Another desktop on the same database said what its user is doing
   * (on the team's server; nobody else shares this desk's file).
   */
  signals[ANNOUNCED] =
    g_signal_new ("announced",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

/**
 * crm_database_announce:
 * @self: a #CrmDatabase
 * @message: what this desktop's user is doing, for the others
 * @error: return location for a #GError
 *
 * Tells the other desktops following this database (their
 * #CrmDatabase::announced), at once, nothing stored: "who is replying
 * to which ticket". On a desk's own file, nobody else listens, and it
 * does nothing. Call it on a writer, off the main thread.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_database_announce (CrmDatabase  *self,
                       const char   *message,
                       GError      **error)
{
  CrmDatabaseInterface *iface;

  g_return_val_if_fail (CRM_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  iface = CRM_DATABASE_GET_IFACE (self);

  return iface->announce == NULL || iface->announce (self, message, error);
}

void
crm_database_emit_announced (CrmDatabase *self,
                             const char  *message)
{
  g_return_if_fail (CRM_IS_DATABASE (self));

  g_signal_emit (self, signals[ANNOUNCED], 0, message);
}

/**
 * crm_database_prepare:
 * @self: a #CrmDatabase
 * @sql: the statement, a string that lives as long as @self (a literal):
 *   it keys the cache
 * @error: return location for a #GError
 *
 * Returns: (transfer none): a cached statement, released with
 *   g_autoptr(CrmStatement), or %NULL with @error set
 */
CrmStatement *
crm_database_prepare (CrmDatabase  *self,
                      const char   *sql,
                      GError      **error)
{
  g_return_val_if_fail (CRM_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  return CRM_DATABASE_GET_IFACE (self)->prepare (self, sql, error);
}

gboolean
crm_database_exec (CrmDatabase  *self,
                   const char   *sql,
                   GError      **error)
{
  g_return_val_if_fail (CRM_IS_DATABASE (self), FALSE);

  return CRM_DATABASE_GET_IFACE (self)->exec (self, sql, error);
}

void
crm_database_set_error (CrmDatabase  *self,
                        GError      **error)
{
  g_return_if_fail (CRM_IS_DATABASE (self));

  CRM_DATABASE_GET_IFACE (self)->set_error (self, error);
}

gboolean
crm_database_is_unique_violation (CrmDatabase *self)
{
  g_return_val_if_fail (CRM_IS_DATABASE (self), FALSE);

  return CRM_DATABASE_GET_IFACE (self)->is_unique_violation (self);
}

gint64
crm_database_last_insert_id (CrmDatabase *self)
{
  g_return_val_if_fail (CRM_IS_DATABASE (self), 0);

  return CRM_DATABASE_GET_IFACE (self)->last_insert_id (self);
}

gint64
crm_database_count_changes (CrmDatabase *self)
{
  g_return_val_if_fail (CRM_IS_DATABASE (self), 0);

  return CRM_DATABASE_GET_IFACE (self)->count_changes (self);
}

gboolean
crm_database_in_transaction (CrmDatabase *self)
{
  g_return_val_if_fail (CRM_IS_DATABASE (self), FALSE);

  return CRM_DATABASE_GET_IFACE (self)->in_transaction (self);
}

/**
 * crm_database_interrupt:
 * @self: a #CrmDatabase
 *
 * Makes the statement running on @self stop soon with an error; safe
 * from another thread than the one using @self.
 */
void
crm_database_interrupt (CrmDatabase *self)
{
  g_return_if_fail (CRM_IS_DATABASE (self));

  CRM_DATABASE_GET_IFACE (self)->interrupt (self);
}

/**
 * crm_database_open_reader:
 * @self: an open #CrmDatabase
 * @error: return location for a #GError
 *
 * A second connection to the same database, for reading on another
 * thread while this one writes. It refuses to write, does not migrate,
 * and must be used by one thread at a time.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
CrmDatabase *
crm_database_open_reader (CrmDatabase  *self,
                          GError      **error)
{
  g_return_val_if_fail (CRM_IS_DATABASE (self), NULL);

  return CRM_DATABASE_GET_IFACE (self)->open_reader (self, error);
}

/**
 * crm_database_open_writer:
 * @self: an open #CrmDatabase
 * @error: return location for a #GError
 *
 * A second connection to the same database that writes, for one worker
 * thread: what a window saves without waiting. What it writes is told
 * by its own #CrmDatabase::changed on that thread, and not by @self
 * when @self follows the journal: the one who asked for the write
 * tells it on its own thread (crm_session_write_async ()).
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
CrmDatabase *
crm_database_open_writer (CrmDatabase  *self,
                          GError      **error)
{
  g_return_val_if_fail (CRM_IS_DATABASE (self), NULL);

  return CRM_DATABASE_GET_IFACE (self)->open_writer (self, error);
}

/**
 * crm_database_open_another:
 * @self: a #CrmDatabase
 * @error: return location for a #GError
 *
 * Another connection to the same database (the same file, or the same
 * server with the same login), for a thread of its own that works
 * apart from this one (a mail engine's worker): what it commits reaches
 * @self as another desktop's changes do.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
CrmDatabase *
crm_database_open_another (CrmDatabase  *self,
                           GError      **error)
{
  g_return_val_if_fail (CRM_IS_DATABASE (self), NULL);

  return CRM_DATABASE_GET_IFACE (self)->open_another (self, error);
}

/**
 * crm_database_follow_changes:
 * @self: a #CrmDatabase
 * @interval_ms: how often to look, or 0 to stop
 *
 * Makes @self notice what other connections commit (another window,
 * crmctl, the mail engine) and emit #CrmDatabase::changed for it on
 * the thread-default main context of the caller.
 */
void
crm_database_follow_changes (CrmDatabase *self,
                             guint        interval_ms)
{
  g_return_if_fail (CRM_IS_DATABASE (self));

  CRM_DATABASE_GET_IFACE (self)->follow_changes (self, interval_ms);
}

CrmDialect
crm_database_get_dialect (CrmDatabase *self)
{
  g_return_val_if_fail (CRM_IS_DATABASE (self), CRM_DIALECT_SQLITE);

  return CRM_DATABASE_GET_IFACE (self)->get_dialect (self);
}

/* Where the database is, for people: a file's path, a server's name. */
const char *
crm_database_get_name (CrmDatabase *self)
{
  g_return_val_if_fail (CRM_IS_DATABASE (self), NULL);

  return CRM_DATABASE_GET_IFACE (self)->get_name (self);
}

int
crm_database_get_schema_version (CrmDatabase *self)
{
  g_return_val_if_fail (CRM_IS_DATABASE (self), 0);

  return CRM_DATABASE_GET_IFACE (self)->get_schema_version (self);
}

/**
 * crm_database_grow_cache:
 * @self: a #CrmDatabase
 * @kib: the cache wanted, in KiB
 *
 * For a bulk write on this connection (the import of a mailbox).
 *
 * Returns: what crm_database_restore_cache() takes to undo it, or 0
 */
gint64
crm_database_grow_cache (CrmDatabase *self,
                         gint64       kib)
{
  g_return_val_if_fail (CRM_IS_DATABASE (self), 0);

  return CRM_DATABASE_GET_IFACE (self)->grow_cache (self, kib);
}

void
crm_database_restore_cache (CrmDatabase *self,
                            gint64       previous)
{
  g_return_if_fail (CRM_IS_DATABASE (self));

  if (previous != 0)
    CRM_DATABASE_GET_IFACE (self)->restore_cache (self, previous);
}

void
crm_database_emit_changed (CrmDatabase *self,
                           const char  *entity,
                           gint64       id)
{
  g_return_if_fail (CRM_IS_DATABASE (self));

  g_signal_emit (self, signals[CHANGED], g_quark_from_string (entity), entity, id);
}

static void
roll_back (CrmDatabase *self,
           gboolean     outer)
{
  crm_database_exec (self, outer ? "ROLLBACK" : "ROLLBACK TO nested; RELEASE nested", NULL);
}

/**
 * crm_database_run_in_transaction:
 * @self: a #CrmDatabase
 * @func: (scope call): the work
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Runs @func in a write transaction, or in a savepoint when one is
 * already open, and commits when it returns %TRUE. When it fails,
 * nothing it did is kept.
 *
 * Returns: %TRUE when committed
 */
gboolean
crm_database_run_in_transaction (CrmDatabase                 *self,
                                 CrmDatabaseTransactionFunc   func,
                                 gpointer                     user_data,
                                 GError                     **error)
{
  gboolean outer;

  g_return_val_if_fail (CRM_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  outer = !crm_database_in_transaction (self);

  /* the write lock at once: SQLite's, so that a transaction that reads
   * first never fails to upgrade later; the office's on PostgreSQL
   * (crm-pg-database.c), so that the journal of changes is numbered in
   * the order transactions commit */
  if (!crm_database_exec (self,
                          !outer ? "SAVEPOINT nested"
                          : crm_database_get_dialect (self) == CRM_DIALECT_SQLITE ? "BEGIN IMMEDIATE"
                          : "BEGIN; SELECT pg_advisory_xact_lock (1129467185)",
                          error))
    return FALSE;

  if (!func (self, user_data, error))
    {
      roll_back (self, outer);
      return FALSE;
    }

  if (!crm_database_exec (self, outer ? "COMMIT" : "RELEASE nested", error))
    {
      roll_back (self, outer);
      return FALSE;
    }

  return TRUE;
}

gboolean
crm_database_step_done (CrmDatabase   *self,
                        CrmStatement  *stmt,
                        GError       **error)
{
  if (crm_statement_step (stmt) == CRM_STEP_ERROR)
    {
      crm_database_set_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_database_step_row:
 * @self: a #CrmDatabase
 * @stmt: a bound statement
 * @row: (out): whether a row is ready to be read
 * @error: return location for a #GError
 *
 * Steps @stmt once.
 *
 * Returns: %TRUE with *@row set, or %FALSE with @error set
 */
gboolean
crm_database_step_row (CrmDatabase   *self,
                       CrmStatement  *stmt,
                       gboolean      *row,
                       GError       **error)
{
  switch (crm_statement_step (stmt))
    {
    case CRM_STEP_ROW:
      *row = TRUE;
      return TRUE;
    case CRM_STEP_DONE:
      *row = FALSE;
      return TRUE;
    case CRM_STEP_ERROR:
    default:
      *row = FALSE;
      crm_database_set_error (self, error);
      return FALSE;
    }
}

/* Steps a bound statement to its end, adding its first column, an
 * id, to @ids. */
gboolean
crm_database_step_ids (CrmDatabase   *self,
                       CrmStatement  *stmt,
                       GArray        *ids,
                       GError       **error)
{
  CrmStep rc;

  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      gint64 id = crm_statement_get_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != CRM_STEP_DONE)
    {
      crm_database_set_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/* The ids @sql selects for the one id it takes as ?1, or %NULL with
 * @error set. */
GArray *
crm_database_collect_ids (CrmDatabase  *self,
                          const char   *sql,
                          gint64        id,
                          GError      **error)
{
  g_autoptr(CrmStatement) stmt = crm_database_prepare (self, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, id);
  if (!crm_database_step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * crm_database_collect:
 *
 * Steps @stmt to its end, turning each row into an item with
 * @row_func (which returns a new reference).
 *
 * Returns: (transfer full): a #GListStore of @item_type, or %NULL
 */
GListModel *
crm_database_collect (CrmDatabase   *self,
                      CrmStatement  *stmt,
                      GType          item_type,
                      CrmRowFunc     row_func,
                      GError       **error)
{
  g_autoptr(GListStore) list = g_list_store_new (item_type);
  CrmStep rc;

  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      g_autoptr(GObject) item = row_func (stmt);

      g_list_store_append (list, item);
    }

  if (rc != CRM_STEP_DONE)
    {
      crm_database_set_error (self, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* Like crm_database_collect(), into an array of objects. */
GPtrArray *
crm_database_collect_objects (CrmDatabase   *self,
                              CrmStatement  *stmt,
                              CrmRowFunc     row_func,
                              GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  CrmStep rc;

  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    g_ptr_array_add (items, row_func (stmt));

  if (rc != CRM_STEP_DONE)
    {
      crm_database_set_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&items);
}

/* @ids as a JSON array, for "IN (SELECT value FROM json_each (?))". */
char *
crm_database_ids_json (const gint64 *ids,
                       guint         n_ids)
{
  GString *json = g_string_sized_new (2 + n_ids * 8);

  g_string_append_c (json, '[');
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

/**
 * crm_database_get_setting:
 * @self: a #CrmDatabase
 * @key: the office setting
 * @default_value: (nullable): what to return when it is not set
 *
 * Office-wide settings live in the database, not in GSettings, so that
 * everyone who shares it shares them.
 *
 * Returns: (transfer full) (nullable): the value
 */
char *
crm_database_get_setting (CrmDatabase *self,
                          const char  *key,
                          const char  *default_value)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_DATABASE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = crm_database_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt == NULL)
    return g_strdup (default_value);

  crm_statement_bind_text (stmt, 1, key);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return g_strdup (crm_statement_get_text (stmt, 0));

  return g_strdup (default_value);
}

gboolean
crm_database_set_setting (CrmDatabase  *self,
                          const char   *key,
                          const char   *value,
                          GError      **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    stmt = crm_database_prepare (self, "DELETE FROM settings WHERE key = ?1", error);
  else
    stmt = crm_database_prepare (self,
                                 "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                 error);
  if (stmt == NULL)
    return FALSE;

  crm_statement_bind_text (stmt, 1, key);
  if (value != NULL)
    crm_statement_bind_text (stmt, 2, value);

  if (!crm_database_step_done (self, stmt, error))
    return FALSE;

  crm_database_emit_changed (self, "setting", 0);

  return TRUE;
}

/**
 * crm_database_append_history:
 * @self: a #CrmDatabase
 * @at: when, in seconds since the epoch
 * @user_id: who, or 0
 * @entity: the kind of record ("contact", "user", …)
 * @entity_id: its id
 * @action: a stable verb ("created", "updated", "deleted", …)
 * @detail: (nullable): a human summary
 * @error: return location for a #GError
 *
 * Appends an audit row.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_database_append_history (CrmDatabase  *self,
                             gint64        at,
                             gint64        user_id,
                             const char   *entity,
                             gint64        entity_id,
                             const char   *action,
                             const char   *detail,
                             GError      **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  stmt = crm_database_prepare (self,
                               "INSERT INTO history (at, user_id, entity, entity_id, action, detail) "
                               "VALUES (?, (SELECT id FROM users WHERE id = ?), ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;

  crm_statement_bind_int64 (stmt, 1, at);
  crm_statement_bind_int64 (stmt, 2, user_id);
  crm_statement_bind_text (stmt, 3, entity);
  crm_statement_bind_int64 (stmt, 4, entity_id);
  crm_statement_bind_text (stmt, 5, action);
  if (detail != NULL)
    crm_statement_bind_text (stmt, 6, detail);

  return crm_database_step_done (self, stmt, error);
}

static gpointer
history_entry_from_row (CrmStatement *stmt)
{
  return crm_history_entry_new (crm_statement_get_int64 (stmt, 0),
                                crm_statement_get_text (stmt, 1),
                                crm_statement_get_text (stmt, 2),
                                crm_statement_get_text (stmt, 3));
}

/**
 * crm_database_list_history:
 * @self: a #CrmDatabase
 * @entity: the kind of record
 * @entity_id: its id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the newest 200 #CrmHistoryEntry rows, newest first
 */
GListModel *
crm_database_list_history (CrmDatabase  *self,
                           const char   *entity,
                           gint64        entity_id,
                           GError      **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_DATABASE (self), NULL);

  stmt = crm_database_prepare (self,
                               "SELECT h.at, u.name, h.action, h.detail FROM history h "
                               "LEFT JOIN users u ON u.id = h.user_id "
                               "WHERE h.entity = ? AND h.entity_id = ? "
                               "ORDER BY h.at DESC, h.id DESC LIMIT 200",
                               error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_text (stmt, 1, entity);
  crm_statement_bind_int64 (stmt, 2, entity_id);

  return crm_database_collect (self, stmt, CRM_TYPE_HISTORY_ENTRY, history_entry_from_row, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * crm_database_list_migrations:
 * @resource_dir: (nullable): where the steps are, or %NULL for the core's
 * @error: return location for a #GError
 *
 * Migration steps are named NNNN-what.sql, numbered 1, 2, 3… without gaps.
 *
 * Returns: (transfer full) (element-type utf8): their names in order
 */
GPtrArray *
crm_database_list_migrations (const char  *resource_dir,
                              GError     **error)
{
  g_auto(GStrv) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  /* Referencing the resource keeps it linked in (and so registered)
   * when the core is a static library. */
  (void) crm_core_get_resource ();

  children = g_resources_enumerate_children (resource_dir ? resource_dir : MIGRATIONS_DIR, 0, error);
  if (children == NULL)
    return NULL;

  for (guint i = 0; children[i] != NULL; i++)
    if (g_str_has_suffix (children[i], ".sql"))
      g_ptr_array_add (names, g_strdup (children[i]));

  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (g_ascii_strtoull (name, NULL, 10) != i + 1)
        {
          g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_MIGRATION,
                       "migration %s is out of sequence", name);
          return NULL;
        }
    }

  return g_steal_pointer (&names);
}

/*
 * _crm_database_apply_migrations:
 * @self: a backend, in the transaction it began under its lock
 * @resource_dir: where the steps are
 * @names: the steps, in order (crm_database_list_migrations())
 * @current: the step the database is at
 * @version_sql: the statement that records the step reached, but for
 *   its number, which ends it ("PRAGMA user_version = ")
 * @error: return location for a #GError
 *
 * What both backends do to bring a schema up to date: every pending
 * step in a savepoint of the one transaction, then the commit; the
 * first step that fails rolls everything back and is named. A schema
 * newer than this build is refused.
 */
gboolean
_crm_database_apply_migrations (CrmDatabase  *self,
                                const char   *resource_dir,
                                GPtrArray    *names,
                                int           current,
                                const char   *version_sql,
                                GError      **error)
{
  if (current > (int) names->len)
    {
      crm_database_exec (self, "ROLLBACK", NULL);
      g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_NEWER_SCHEMA,
                   _("The database “%s” was written by a newer version of CRM "
                     "(schema %d; this version knows schema %u). "
                     "Install the newer version to open it."),
                   crm_database_get_name (self), current, names->len);
      return FALSE;
    }

  for (guint i = current; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *resource = g_build_path ("/", resource_dir, name, NULL);
      g_autofree char *version = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *sql = NULL;
      gsize len;

      bytes = g_resources_lookup_data (resource, 0, &local_error);
      if (bytes != NULL)
        {
          const char *data = g_bytes_get_data (bytes, &len);

          sql = g_strndup (data, len);
          version = g_strdup_printf ("%s%u", version_sql, i + 1);
        }

      if (bytes == NULL ||
          !crm_database_exec (self, "SAVEPOINT migration", &local_error) ||
          !crm_database_exec (self, sql, &local_error) ||
          !crm_database_exec (self, version, &local_error) ||
          !crm_database_exec (self, "RELEASE migration", &local_error))
        {
          crm_database_exec (self, "ROLLBACK", NULL);
          g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_MIGRATION,
                       /* Translators: the first %s is a step such as
                        * 0002-tickets.sql, the second the database's reason */
                       _("Updating the database failed at step %u (%s): %s. "
                         "The database was left as it was."),
                       i + 1, name, local_error->message);
          return FALSE;
        }

      g_debug ("applied migration %s", name);
    }

  if (!crm_database_exec (self, "COMMIT", error))
    {
      crm_database_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_database_get_latest_schema_version:
 *
 * Returns: the schema version this build creates
 */
int
crm_database_get_latest_schema_version (void)
{
  g_autoptr(GPtrArray) names = crm_database_list_migrations (NULL, NULL);

  return names != NULL ? (int) names->len : 0;
}

/* Keeps the journal of changes short: other connections that fell
 * behind its start read everything again. */
#define CHANGES_KEPT 20000
#define PRUNE_BATCH 5000

/**
 * crm_database_prune_changes:
 * @self: a #CrmDatabase
 * @error: return location for a #GError
 *
 * Forgets all but the last 20,000 changes of the journal, in short
 * writes of their own: a long backlog never holds the write lock for
 * more than a moment. Rows after a durable follower's cursor (table
 * change_cursors: the automations' scheduler) are kept until it has
 * read them. Called by the mail engine on its own connection,
 * off the main thread.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_database_prune_changes (CrmDatabase  *self,
                            GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM changes WHERE seq IN (SELECT seq FROM changes WHERE seq < "
                                          "(SELECT max (seq) FROM changes) - %d AND "
                                          "seq <= coalesce ((SELECT min (c.seq) FROM change_cursors c), seq) "
                                          "ORDER BY seq LIMIT %d)",
                                          CHANGES_KEPT, PRUNE_BATCH);

  g_return_val_if_fail (CRM_IS_DATABASE (self), FALSE);

  do
    {
      if (!crm_database_exec (self, sql, error))
        return FALSE;
    }
  while (crm_database_count_changes (self) == PRUNE_BATCH);

  return TRUE;
}

/* $CRM_DEBUG, read once: main-thread, slow-statements (comma- or
 * space-separated, or "all") */
guint
_crm_database_debug_flags (void)
{
  static gsize flags = 0;

  if (g_once_init_enter (&flags))
    {
      static const GDebugKey keys[] = {
        { "main-thread", CRM_DEBUG_MAIN_THREAD },
        { "slow-statements", CRM_DEBUG_SLOW_STATEMENTS },
      };

      /* one more bit, so that no flags is not 0 */
      g_once_init_leave (&flags, (g_parse_debug_string (g_getenv ("CRM_DEBUG"), keys, G_N_ELEMENTS (keys)) << 1) | 1);
    }

  return flags >> 1;
}

/* CRM_DEBUG=main-thread: every statement the main loop waits for on
 * the database is told, to find what should run on a worker (on the
 * team's server, each is a round trip a frame may wait for) */
void
_crm_database_check_thread (const char *sql)
{
  if (G_UNLIKELY (_crm_database_debug_flags () & CRM_DEBUG_MAIN_THREAD) &&
      g_main_context_is_owner (g_main_context_default ()))
    g_message ("the main thread waits on the database for: %.160s", sql);
}

/* CRM_DEBUG=slow-statements: a statement that took 5 ms or more is
 * told, with how long */
void
_crm_database_check_time (const char *sql,
                          gint64      usec)
{
  if (usec >= 5000)
    g_message ("%.1f ms: %.900s", usec / 1000.0, sql);
}
