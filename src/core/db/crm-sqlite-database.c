/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-database"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-database-private.h"
#include "crm-error.h"
#include "crm-sqlite-database.h"

/**
 * CrmSqliteDatabase:
 *
 * The database of one desk: a SQLite file, opened in WAL mode (readers
 * never wait for the writer), with foreign keys on and a busy timeout.
 * Opening it brings its schema up to date with the numbered migrations
 * in the core's resources: all pending steps in one transaction, each
 * in a savepoint, so a failing step leaves the file exactly as it was
 * and names the step.
 *
 * Other connections' commits are noticed through `PRAGMA data_version`
 * (a read of shared memory) and the journal of changes the schema's
 * triggers keep.
 */
typedef struct _Marks Marks;

struct _CrmSqliteDatabase
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;
  int         schema_version;

  /* following other connections' changes */
  gboolean    own_changes;     /* temp.own_changes is kept */
  Marks      *writer_marks;    /* a primary's: what its writers committed */
  Marks      *primary_marks;   /* a writer's: its primary's */
  GArray     *txn_marks;       /* a writer's: what its open transaction wrote */
  guint       follow_source;
  gint64      data_version;
  gint64      last_change;
};

typedef struct
{
  CrmStatement  parent;
  sqlite3_stmt *stmt;
} SqliteStatement;

/* The journal's records a connection's writers committed (their seq),
 * shared between the connection and its writers: it does not tell
 * them when it follows the journal, since the session that wrote them
 * told them itself (crm_session_write_async ()). */
struct _Marks
{
  gatomicrefcount  ref;
  GMutex           lock;
  GHashTable      *seqs;
};

static Marks *
marks_new (void)
{
  Marks *marks = g_new0 (Marks, 1);

  g_atomic_ref_count_init (&marks->ref);
  g_mutex_init (&marks->lock);
  marks->seqs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  return marks;
}

static Marks *
marks_ref (Marks *marks)
{
  g_atomic_ref_count_inc (&marks->ref);

  return marks;
}

static void
marks_unref (Marks *marks)
{
  if (!g_atomic_ref_count_dec (&marks->ref))
    return;
  g_mutex_clear (&marks->lock);
  g_hash_table_unref (marks->seqs);
  g_free (marks);
}

static void crm_sqlite_database_iface_init (CrmDatabaseInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmSqliteDatabase, crm_sqlite_database, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CRM_TYPE_DATABASE, crm_sqlite_database_iface_init))

#define BUSY_TIMEOUT_MS 5000

/* statements */

#define STMT(s) (((SqliteStatement *) (s))->stmt)

static void
stmt_bind_int64 (CrmStatement *self, int index, gint64 value)
{
  sqlite3_bind_int64 (STMT (self), index, value);
}

static void
stmt_bind_double (CrmStatement *self, int index, double value)
{
  sqlite3_bind_double (STMT (self), index, value);
}

static void
stmt_bind_text (CrmStatement *self, int index, const char *text, gboolean copy)
{
  sqlite3_bind_text (STMT (self), index, text, -1, copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

static void
stmt_bind_blob (CrmStatement *self, int index, gconstpointer data, gsize length)
{
  sqlite3_bind_blob64 (STMT (self), index, data, length, SQLITE_STATIC);
}

static void
stmt_bind_null (CrmStatement *self, int index)
{
  sqlite3_bind_null (STMT (self), index);
}

static CrmStep
stmt_step (CrmStatement *self)
{
  if (!sqlite3_stmt_busy (STMT (self)))
    _crm_database_check_thread (sqlite3_sql (STMT (self)));
  switch (sqlite3_step (STMT (self)))
    {
    case SQLITE_ROW:
      return CRM_STEP_ROW;
    case SQLITE_DONE:
      return CRM_STEP_DONE;
    default:
      return CRM_STEP_ERROR;
    }
}

static void
stmt_reset (CrmStatement *self)
{
  sqlite3_reset (STMT (self));
}

static void
stmt_release (CrmStatement *self)
{
  sqlite3_reset (STMT (self));
  sqlite3_clear_bindings (STMT (self));
}

static gint64
stmt_get_int64 (CrmStatement *self, int column)
{
  return sqlite3_column_int64 (STMT (self), column);
}

static double
stmt_get_double (CrmStatement *self, int column)
{
  return sqlite3_column_double (STMT (self), column);
}

static const char *
stmt_get_text (CrmStatement *self, int column)
{
  return (const char *) sqlite3_column_text (STMT (self), column);
}

static gconstpointer
stmt_get_blob (CrmStatement *self, int column, gsize *length)
{
  gconstpointer data = sqlite3_column_blob (STMT (self), column);

  if (length != NULL)
    *length = sqlite3_column_bytes (STMT (self), column);

  return data;
}

static gboolean
stmt_is_null (CrmStatement *self, int column)
{
  return sqlite3_column_type (STMT (self), column) == SQLITE_NULL;
}

static const CrmStatementClass statement_class = {
  stmt_bind_int64, stmt_bind_double, stmt_bind_text, stmt_bind_blob, stmt_bind_null,
  stmt_step, stmt_reset, stmt_release,
  stmt_get_int64, stmt_get_double, stmt_get_text, stmt_get_blob, stmt_is_null,
  NULL, NULL,
};

static void
statement_free (gpointer data)
{
  SqliteStatement *statement = data;

  sqlite3_finalize (statement->stmt);
  g_free (statement);
}

/* the connection */

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error_literal (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_SQL,
                           message ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static void
crm_sqlite_database_set_error (CrmDatabase  *database,
                               GError      **error)
{
  CrmSqliteDatabase *self = CRM_SQLITE_DATABASE (database);
  int rc = sqlite3_extended_errcode (self->db);

  if ((rc & 0xff) == SQLITE_FULL)
    g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_SQL,
                 _("The disk holding the database is full: %s"), sqlite3_errmsg (self->db));
  else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_SQL,
                 _("The database is busy in another program; try again: %s"),
                 sqlite3_errmsg (self->db));
  else if (rc == SQLITE_CONSTRAINT_TRIGGER && g_strcmp0 (sqlite3_errmsg (self->db), "crm-user-deactivated") == 0)
    /* migration 0015: no new work for a deactivated user */
    g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                         _("That user was deactivated and cannot be given new work: choose an active user."));
  else
    g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_SQL,
                 _("Database error: %s"), sqlite3_errmsg (self->db));
}

static CrmStatement *
crm_sqlite_database_prepare (CrmDatabase  *database,
                             const char   *sql,
                             GError      **error)
{
  CrmSqliteDatabase *self = CRM_SQLITE_DATABASE (database);
  SqliteStatement *statement;
  sqlite3_stmt *stmt;

  statement = g_hash_table_lookup (self->statements, sql);
  if (statement != NULL)
    return &statement->parent;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      crm_sqlite_database_set_error (database, error);
      /* a reader's query interrupted because the user moved on */
      if (sqlite3_errcode (self->db) != SQLITE_INTERRUPT)
        g_critical ("cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      return NULL;
    }

  statement = g_new0 (SqliteStatement, 1);
  statement->parent.klass = &statement_class;
  statement->stmt = stmt;
  g_hash_table_insert (self->statements, (gpointer) sql, statement);

  return &statement->parent;
}

static gboolean
crm_sqlite_database_exec (CrmDatabase  *database,
                          const char   *sql,
                          GError      **error)
{
  CrmSqliteDatabase *self = CRM_SQLITE_DATABASE (database);

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      crm_sqlite_database_set_error (database, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
crm_sqlite_database_is_unique_violation (CrmDatabase *database)
{
  return sqlite3_extended_errcode (CRM_SQLITE_DATABASE (database)->db) == SQLITE_CONSTRAINT_UNIQUE;
}

static gint64
crm_sqlite_database_last_insert_id (CrmDatabase *database)
{
  return sqlite3_last_insert_rowid (CRM_SQLITE_DATABASE (database)->db);
}

static gint64
crm_sqlite_database_count_changes (CrmDatabase *database)
{
  return sqlite3_changes (CRM_SQLITE_DATABASE (database)->db);
}

static gboolean
crm_sqlite_database_in_transaction (CrmDatabase *database)
{
  return !sqlite3_get_autocommit (CRM_SQLITE_DATABASE (database)->db);
}

static void
crm_sqlite_database_interrupt (CrmDatabase *database)
{
  sqlite3_interrupt (CRM_SQLITE_DATABASE (database)->db);
}

static CrmDialect
crm_sqlite_database_get_dialect (CrmDatabase *database)
{
  return CRM_DIALECT_SQLITE;
}

static const char *
crm_sqlite_database_get_name (CrmDatabase *database)
{
  return CRM_SQLITE_DATABASE (database)->path;
}

static int
crm_sqlite_database_get_schema_version (CrmDatabase *database)
{
  return CRM_SQLITE_DATABASE (database)->schema_version;
}

static gint64
read_int (CrmSqliteDatabase *self,
          const char        *sql,
          gint64             fallback)
{
  g_autoptr(CrmStatement) stmt = crm_sqlite_database_prepare (CRM_DATABASE (self), sql, NULL);

  if (stmt == NULL || crm_statement_step (stmt) != CRM_STEP_ROW)
    return fallback;

  return crm_statement_get_int64 (stmt, 0);
}

/* Sets the page cache to @kib KiB; returns what it was (SQLite's
 * PRAGMA cache_size value: negative KiB, or pages), or 0 when it stays. */
static gint64
crm_sqlite_database_grow_cache (CrmDatabase *database,
                                gint64       kib)
{
  CrmSqliteDatabase *self = CRM_SQLITE_DATABASE (database);
  g_autofree char *sql = NULL;
  gint64 was = read_int (self, "PRAGMA cache_size", 0);

  if (was == 0 || (was < 0 ? -was >= kib : was * 4 >= kib))
    return 0;

  sql = g_strdup_printf ("PRAGMA cache_size = -%" G_GINT64_FORMAT, kib);
  return exec_sql (self->db, sql, NULL) ? was : 0;
}

static void
crm_sqlite_database_restore_cache (CrmDatabase *database,
                                   gint64       previous)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, previous);

  exec_sql (CRM_SQLITE_DATABASE (database)->db, sql, NULL);
}

static gboolean
open_connection (CrmSqliteDatabase  *self,
                 int                 flags,
                 const char         *pragmas,
                 GError            **error)
{
  int rc = sqlite3_open_v2 (self->path, &self->db, flags | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_OPEN,
                   _("Could not open the database “%s”: %s"),
                   self->path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!exec_sql (self->db, pragmas, error))
    {
      g_prefix_error (error, _("Could not open the database “%s”: "), self->path);
      return FALSE;
    }

  return TRUE;
}

static CrmDatabase *
crm_sqlite_database_open_reader (CrmDatabase  *database,
                                 GError      **error)
{
  CrmSqliteDatabase *primary = CRM_SQLITE_DATABASE (database);
  g_autoptr(CrmSqliteDatabase) self = g_object_new (CRM_TYPE_SQLITE_DATABASE, NULL);

  self->path = g_strdup (primary->path);
  self->schema_version = primary->schema_version;

  if (!open_connection (self, SQLITE_OPEN_READWRITE,
                        "PRAGMA query_only = ON;"
                        "PRAGMA foreign_keys = ON;"
                        "PRAGMA temp_store = MEMORY;",
                        error))
    return NULL;

  return CRM_DATABASE (g_steal_pointer (&self));
}

/* The journal's records this connection writes, kept by a trigger of
 * its own in a temporary table: it follows the transaction, so a rolled
 * back record is not kept. */
static void
keep_own_changes (CrmSqliteDatabase *self)
{
  if (self->own_changes)
    return;
  if (!exec_sql (self->db,
                 "CREATE TEMP TABLE IF NOT EXISTS own_changes (seq INTEGER PRIMARY KEY);"
                 "CREATE TEMP TRIGGER IF NOT EXISTS own_changes_insert AFTER INSERT ON main.changes "
                 "BEGIN INSERT OR IGNORE INTO own_changes (seq) VALUES (new.seq); END;",
                 NULL))
    g_warning ("Could not tell this connection's changes from others'");
  else
    self->own_changes = TRUE;
}

/* A writer's hooks, on its worker thread: the journal's records of the
 * open transaction are noted, and handed to the primary before the
 * commit makes them visible to it. (A record undone by rolling back
 * to a savepoint stays noted; no write of a session does that.) */
static void
writer_update_cb (void          *data,
                  int            op,
                  const char    *database,
                  const char    *table,
                  sqlite3_int64  rowid)
{
  CrmSqliteDatabase *self = data;
  gint64 seq = rowid;

  if (op == SQLITE_INSERT && g_strcmp0 (database, "main") == 0 && g_strcmp0 (table, "changes") == 0)
    g_array_append_val (self->txn_marks, seq);
}

static int
writer_commit_cb (void *data)
{
  CrmSqliteDatabase *self = data;

  g_mutex_lock (&self->primary_marks->lock);
  for (guint i = 0; i < self->txn_marks->len; i++)
    g_hash_table_add (self->primary_marks->seqs, g_memdup2 (&g_array_index (self->txn_marks, gint64, i),
                                                            sizeof (gint64)));
  g_mutex_unlock (&self->primary_marks->lock);
  g_array_set_size (self->txn_marks, 0);

  return 0;
}

static void
writer_rollback_cb (void *data)
{
  CrmSqliteDatabase *self = data;

  g_array_set_size (self->txn_marks, 0);
}

static CrmDatabase *
crm_sqlite_database_open_writer (CrmDatabase  *database,
                                 GError      **error)
{
  CrmSqliteDatabase *primary = CRM_SQLITE_DATABASE (database);
  g_autoptr(CrmSqliteDatabase) self = g_object_new (CRM_TYPE_SQLITE_DATABASE, NULL);

  self->path = g_strdup (primary->path);
  self->schema_version = primary->schema_version;

  if (!open_connection (self, SQLITE_OPEN_READWRITE,
                        "PRAGMA synchronous = NORMAL;"
                        "PRAGMA foreign_keys = ON;"
                        "PRAGMA temp_store = MEMORY;",
                        error))
    return NULL;

  if (primary->writer_marks == NULL)
    primary->writer_marks = marks_new ();
  self->primary_marks = marks_ref (primary->writer_marks);
  self->txn_marks = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_update_hook (self->db, writer_update_cb, self);
  sqlite3_commit_hook (self->db, writer_commit_cb, self);
  sqlite3_rollback_hook (self->db, writer_rollback_cb, self);

  return CRM_DATABASE (g_steal_pointer (&self));
}

/* Whether a writer of this connection committed the record @seq. */
static gboolean
take_writer_mark (CrmSqliteDatabase *self,
                  gint64             seq)
{
  gboolean found;

  if (self->writer_marks == NULL)
    return FALSE;
  g_mutex_lock (&self->writer_marks->lock);
  found = g_hash_table_remove (self->writer_marks->seqs, &seq);
  g_mutex_unlock (&self->writer_marks->lock);

  return found;
}

static int
read_user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

static gboolean
migrate (CrmSqliteDatabase  *self,
         const char         *resource_dir,
         GError            **error)
{
  g_autoptr(GPtrArray) names = NULL;
  int current;

  if (!(names = crm_database_list_migrations (resource_dir, error)))
    return FALSE;

  /* Take the write lock before reading the version, so that two
   * processes opening a new file do not both migrate it. */
  if (!exec_sql (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  current = read_user_version (self->db);

  if (!_crm_database_apply_migrations (CRM_DATABASE (self), resource_dir, names, current, "PRAGMA user_version = ",
                                       error))
    return FALSE;

  self->schema_version = names->len;

  return TRUE;
}

/* following other connections */

/* at most this many records named one by one per look; beyond, each
 * kind of record is said to have changed as a whole */
#define CHANGES_PER_LOOK 2000

static gboolean
follow_changes_cb (gpointer user_data)
{
  CrmSqliteDatabase *self = user_data;
  CrmDatabase *database = CRM_DATABASE (self);
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GHashTable) whole = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  gint64 version = read_int (self, "PRAGMA data_version", -1);
  gint64 first = 0, last = self->last_change;
  guint n = 0;

  if (version == self->data_version || version < 0)
    return G_SOURCE_CONTINUE;
  self->data_version = version;

  /* what this connection wrote itself it has said already, when it
   * wrote it (temp.own_changes, kept by a trigger of its own) */
  stmt = crm_database_prepare (database,
                               "SELECT seq, entity, entity_id, seq IN (SELECT seq FROM temp.own_changes) "
                               "FROM changes WHERE seq > ? ORDER BY seq",
                               NULL);
  if (stmt == NULL)
    return G_SOURCE_CONTINUE;
  crm_statement_bind_int64 (stmt, 1, self->last_change);

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  whole = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pending = g_ptr_array_new_with_free_func (g_free);

  while (crm_statement_step (stmt) == CRM_STEP_ROW)
    {
      gint64 seq = crm_statement_get_int64 (stmt, 0);
      const char *entity = crm_statement_get_text (stmt, 1);
      gint64 id = crm_statement_get_int64 (stmt, 2);
      char *key;

      if (first == 0)
        first = seq;
      last = seq;
      /* written here, or by a writer of this connection: told already */
      if (crm_statement_get_int64 (stmt, 3) || take_writer_mark (self, seq))
        continue;

      if (g_hash_table_contains (whole, entity))
        continue;
      if (n >= CHANGES_PER_LOOK || id == 0)
        {
          g_hash_table_add (whole, g_strdup (entity));
          continue;
        }

      key = g_strdup_printf ("%s %" G_GINT64_FORMAT, entity, id);
      if (g_hash_table_add (seen, key))
        {
          g_ptr_array_add (pending, g_strdup (key));
          n++;
        }
    }
  g_clear_pointer (&stmt, crm_statement_release);

  /* The journal was pruned past what this connection saw: every kind
   * of record it names changed as a whole. (It keeps the last 20,000
   * changes: a kind it does not name at all did not change in them.) */
  if (first > self->last_change + 1 && self->last_change > 0)
    {
      g_autoptr(CrmStatement) kinds = crm_database_prepare (database, "SELECT DISTINCT entity FROM changes", NULL);

      while (kinds != NULL && crm_statement_step (kinds) == CRM_STEP_ROW)
        g_hash_table_add (whole, g_strdup (crm_statement_get_text (kinds, 0)));
    }
  self->last_change = last;
  {
    g_autoptr(CrmStatement) forget = crm_database_prepare (database, "DELETE FROM temp.own_changes WHERE seq <= ?", NULL);

    if (forget != NULL)
      {
        crm_statement_bind_int64 (forget, 1, last);
        crm_statement_step (forget);
      }
  }

  g_object_ref (self);
  {
    GHashTableIter iter;
    gpointer key;

    for (guint i = 0; i < pending->len; i++)
      {
        char *entry = g_ptr_array_index (pending, i);
        char *space = strrchr (entry, ' ');

        *space = '\0';
        if (!g_hash_table_contains (whole, entry))
          crm_database_emit_changed (database, entry, g_ascii_strtoll (space + 1, NULL, 10));
      }

    g_hash_table_iter_init (&iter, whole);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      crm_database_emit_changed (database, key, 0);
  }
  g_object_unref (self);

  return G_SOURCE_CONTINUE;
}

static void
crm_sqlite_database_follow_changes (CrmDatabase *database,
                                    guint        interval_ms)
{
  CrmSqliteDatabase *self = CRM_SQLITE_DATABASE (database);

  g_clear_handle_id (&self->follow_source, g_source_remove);
  if (interval_ms == 0)
    return;

  /* The journal's records this connection writes: their changes are
   * emitted as they are made, and are not said again when another
   * connection's commit makes the database read the journal. */
  keep_own_changes (self);

  self->data_version = read_int (self, "PRAGMA data_version", -1);
  self->last_change = read_int (self, "SELECT ifnull (max (seq), 0) FROM changes", 0);
  self->follow_source = g_timeout_add (interval_ms, follow_changes_cb, self);
}

static void
crm_sqlite_database_finalize (GObject *object)
{
  CrmSqliteDatabase *self = (CrmSqliteDatabase *)object;

  g_clear_handle_id (&self->follow_source, g_source_remove);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->writer_marks, marks_unref);
  g_clear_pointer (&self->primary_marks, marks_unref);
  g_clear_pointer (&self->txn_marks, g_array_unref);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (crm_sqlite_database_parent_class)->finalize (object);
}

static void
crm_sqlite_database_class_init (CrmSqliteDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_sqlite_database_finalize;
}

static CrmDatabase *
crm_sqlite_database_open_another (CrmDatabase  *database,
                                  GError      **error)
{
  return crm_sqlite_database_open (CRM_SQLITE_DATABASE (database)->path, NULL, error);
}

static void
crm_sqlite_database_iface_init (CrmDatabaseInterface *iface)
{
  iface->prepare = crm_sqlite_database_prepare;
  iface->exec = crm_sqlite_database_exec;
  iface->set_error = crm_sqlite_database_set_error;
  iface->is_unique_violation = crm_sqlite_database_is_unique_violation;
  iface->last_insert_id = crm_sqlite_database_last_insert_id;
  iface->count_changes = crm_sqlite_database_count_changes;
  iface->in_transaction = crm_sqlite_database_in_transaction;
  iface->interrupt = crm_sqlite_database_interrupt;
  iface->open_reader = crm_sqlite_database_open_reader;
  iface->open_writer = crm_sqlite_database_open_writer;
  iface->follow_changes = crm_sqlite_database_follow_changes;
  iface->get_dialect = crm_sqlite_database_get_dialect;
  iface->get_name = crm_sqlite_database_get_name;
  iface->get_schema_version = crm_sqlite_database_get_schema_version;
  iface->grow_cache = crm_sqlite_database_grow_cache;
  iface->restore_cache = crm_sqlite_database_restore_cache;
  iface->open_another = crm_sqlite_database_open_another;
}

static void
crm_sqlite_database_init (CrmSqliteDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, statement_free);
}

/**
 * crm_sqlite_database_open:
 * @path: the database file, created when missing
 * @resource_dir: (nullable): where the migrations are, or %NULL for the core's
 * @error: return location for a #GError
 *
 * Opens the file and brings its schema up to date.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
CrmDatabase *
crm_sqlite_database_open (const char  *path,
                          const char  *resource_dir,
                          GError     **error)
{
  g_autoptr(CrmSqliteDatabase) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CRM_TYPE_SQLITE_DATABASE, NULL);
  self->path = g_strdup (path);

  if (!open_connection (self, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        "PRAGMA journal_mode = WAL;"
                        "PRAGMA synchronous = NORMAL;"
                        "PRAGMA foreign_keys = ON;"
                        "PRAGMA temp_store = MEMORY;",
                        error))
    return NULL;

  if (!migrate (self, resource_dir ? resource_dir : "/org/example/Crm/core/migrations", error))
    return NULL;

  return CRM_DATABASE (g_steal_pointer (&self));
}

const char *
crm_sqlite_database_get_path (CrmSqliteDatabase *self)
{
  g_return_val_if_fail (CRM_IS_SQLITE_DATABASE (self), NULL);

  return self->path;
}

/* The connection, for what only SQLite has (FTS5's tokenizers) and
 * for tests that look at the file as SQLite sees it. */
sqlite3 *
crm_sqlite_database_get_handle (CrmSqliteDatabase *self)
{
  g_return_val_if_fail (CRM_IS_SQLITE_DATABASE (self), NULL);

  return self->db;
}
