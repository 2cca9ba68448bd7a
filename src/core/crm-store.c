/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-core-resources.h"
#include "crm-error.h"
#include "crm-history-entry.h"
#include "crm-store-private.h"
#include "crm-thread-private.h"

/**
 * CrmStore:
 *
 * One SQLite database file: the whole office's data. The store opens
 * it in WAL mode (readers never wait for the writer), with foreign keys
 * on and a busy timeout, and brings its schema up to date with the
 * numbered migrations shipped in the core's resources. All pending
 * migrations run inside one transaction, each in a savepoint, so a
 * failing step leaves the file exactly as it was and names the step.
 *
 * SQL stays inside the store and its private helpers, so that a second
 * backend stays possible.
 */
struct _CrmStore
{
  GObject     parent_instance;

  /* owned */
  sqlite3    *db;
  char       *path;
  CrmClock   *clock;
  GHashTable *statements;

  int         schema_version;
  gint64      actor;

  /* reads off the main thread: a connection of their own, one at a time */
  CrmStore   *reader;
  GMutex      reader_lock;

  /* following other connections' changes */
  guint       follow_source;
  gint64      data_version;
  gint64      last_change;
};

G_DEFINE_FINAL_TYPE (CrmStore, crm_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (crm-store-error-quark, crm_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_ACTOR,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define MIGRATIONS_DIR "/org/example/Crm/core/migrations"
#define DATABASE_NAME "crm.sqlite"
#define BUSY_TIMEOUT_MS 5000

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Migration files are named NNNN-what.sql; they must be numbered 1, 2,
 * 3… without gaps. */
static GPtrArray *
list_migrations (const char  *resource_dir,
                 GError     **error)
{
  g_auto(GStrv) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  children = g_resources_enumerate_children (resource_dir, 0, error);
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
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_MIGRATION,
                       "migration %s is out of sequence", name);
          return NULL;
        }
    }

  return g_steal_pointer (&names);
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_SQL,
                           message ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
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
migrate (CrmStore    *self,
         const char  *resource_dir,
         GError     **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) local_error = NULL;
  int current;

  if (!(names = list_migrations (resource_dir, error)))
    return FALSE;

  /* Take the write lock before reading the version, so that two
   * processes opening a new file do not both migrate it. */
  if (!exec_sql (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  current = read_user_version (self->db);

  if (current > (int) names->len)
    {
      exec_sql (self->db, "ROLLBACK", NULL);
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NEWER_SCHEMA,
                   _("The database “%s” was written by a newer version of CRM "
                     "(schema %d; this version knows schema %u). "
                     "Install the newer version to open it."),
                   self->path, current, names->len);
      return FALSE;
    }

  for (guint i = current; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *resource = g_build_path ("/", resource_dir, name, NULL);
      g_autofree char *pragma = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *sql = NULL;
      gsize len;

      bytes = g_resources_lookup_data (resource, 0, &local_error);
      if (bytes != NULL)
        {
          const char *data = g_bytes_get_data (bytes, &len);

          sql = g_strndup (data, len);
          pragma = g_strdup_printf ("PRAGMA user_version = %u", i + 1);
        }

      if (bytes == NULL ||
          !exec_sql (self->db, "SAVEPOINT migration", &local_error) ||
          !exec_sql (self->db, sql, &local_error) ||
          !exec_sql (self->db, pragma, &local_error) ||
          !exec_sql (self->db, "RELEASE migration", &local_error))
        {
          exec_sql (self->db, "ROLLBACK", NULL);
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_MIGRATION,
                       /* Translators: the first %s is a step such as
                        * 0002-tickets.sql, the second the database's reason */
                       _("Updating the database failed at step %u (%s): %s. "
                         "The database was left as it was."),
                       i + 1, name, local_error->message);
          return FALSE;
        }

      g_debug ("applied migration %s", name);
    }

  if (!exec_sql (self->db, "COMMIT", error))
    {
      exec_sql (self->db, "ROLLBACK", NULL);
      return FALSE;
    }

  self->schema_version = names->len;

  return TRUE;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
crm_store_finalize (GObject *object)
{
  CrmStore *self = (CrmStore *)object;

  g_clear_handle_id (&self->follow_source, g_source_remove);
  g_clear_object (&self->reader);
  g_mutex_clear (&self->reader_lock);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (crm_store_parent_class)->finalize (object);
}

static void
crm_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CrmStore *self = CRM_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_ACTOR:
      g_value_set_int64 (value, self->actor);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_store_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CrmStore *self = CRM_STORE (object);

  switch (prop_id)
    {
    case PROP_ACTOR:
      crm_store_set_actor (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_store_class_init (CrmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_store_finalize;
  object_class->get_property = crm_store_get_property;
  object_class->set_property = crm_store_set_property;

  /* the modules that queue mail follow it through the outbox's hooks */
  _crm_offers_register_outbox_hook ();
  _crm_tickets_register_outbox_hook ();

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * CrmStore:actor:
   *
   * The id of the user working through this store; history rows name them.
   */
  properties[PROP_ACTOR] =
    g_param_spec_int64 ("actor", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmStore::changed:
   * @self: the store
   * @entity: the kind of record ("contact", "user", …)
   * @id: the record's id, or 0 for many
   *
   * A record was created, changed or deleted through this store.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
}

static void
crm_store_init (CrmStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  g_mutex_init (&self->reader_lock);
}

CrmStore *
_crm_store_open_with_migrations (const char  *path,
                                 CrmClock    *clock,
                                 const char  *resource_dir,
                                 GError     **error)
{
  g_autoptr(CrmStore) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (!clock || CRM_IS_CLOCK (clock), NULL);

  /* Referencing the resource keeps it linked in (and so registered)
   * when the core is a static library. */
  (void) crm_core_get_resource ();

  self = g_object_new (CRM_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->clock = clock ? g_object_ref (clock) : g_object_ref (crm_clock_get_default ());

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                   _("Could not open the database “%s”: %s"),
                   path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!exec_sql (self->db,
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = NORMAL;"
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA temp_store = MEMORY;",
                 error))
    {
      g_prefix_error (error, _("Could not open the database “%s”: "), path);
      return NULL;
    }

  if (!migrate (self, resource_dir, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Keeps the journal of changes short: other connections that fell
 * behind its start read everything again (see follow_changes_cb). */
#define CHANGES_KEPT 20000
#define PRUNE_BATCH 5000

/* Called by the mail engine on its own connection, off the main
 * thread: the window never waits on it. */
gboolean
_crm_store_prune_changes (CrmStore  *self,
                          GError   **error)
{
  /* in batches, each its own short write: a long backlog never holds
   * the database's write lock for more than a moment */
  g_autofree char *sql = g_strdup_printf ("DELETE FROM changes WHERE seq IN (SELECT seq FROM changes WHERE seq < "
                                          "(SELECT max (seq) FROM changes) - %d ORDER BY seq LIMIT %d)",
                                          CHANGES_KEPT, PRUNE_BATCH);

  do
    {
      if (!exec_sql (self->db, sql, error))
        return FALSE;
    }
  while (sqlite3_changes (self->db) == PRUNE_BATCH);

  return TRUE;
}

/**
 * _crm_store_open_reader:
 * @primary: an open store
 * @error: return location for a #GError
 *
 * A second connection to @primary's database, for reading on another
 * thread (WAL lets it read while the first one writes). It refuses to
 * write, does not migrate, and must be used by one thread at a time.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
CrmStore *
_crm_store_open_reader (CrmStore  *primary,
                        GError   **error)
{
  g_autoptr(CrmStore) self = NULL;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (primary), NULL);

  self = g_object_new (CRM_TYPE_STORE, NULL);
  self->path = g_strdup (primary->path);
  self->clock = g_object_ref (primary->clock);
  self->schema_version = primary->schema_version;
  self->actor = primary->actor;

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                   _("Could not open the database “%s”: %s"),
                   self->path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  if (!exec_sql (self->db,
                 "PRAGMA query_only = ON;"
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA temp_store = MEMORY;",
                 error))
    return NULL;

  return g_steal_pointer (&self);
}

static gint64
read_data_version (CrmStore *self)
{
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (self, "PRAGMA data_version", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}

static gint64
read_last_change (CrmStore *self)
{
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (self, "SELECT ifnull (max (seq), 0) FROM changes", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

/* at most this many records named one by one per look; beyond, each
 * kind of record is said to have changed as a whole */
#define CHANGES_PER_LOOK 2000

static gboolean
follow_changes_cb (gpointer user_data)
{
  CrmStore *self = user_data;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GHashTable) whole = NULL;
  g_autoptr(CrmStoreStmt) stmt = NULL;
  gint64 version = read_data_version (self);
  gint64 first = 0, last = self->last_change;
  guint n = 0;
  int rc;

  if (version == self->data_version || version < 0)
    return G_SOURCE_CONTINUE;
  self->data_version = version;

  /* what this connection wrote itself it has said already, when it
   * wrote it (temp.own_changes, kept by a trigger of its own) */
  stmt = _crm_store_prepare (self,
                             "SELECT seq, entity, entity_id, seq IN (SELECT seq FROM temp.own_changes) "
                             "FROM changes WHERE seq > ? ORDER BY seq",
                             NULL);
  if (stmt == NULL)
    return G_SOURCE_CONTINUE;
  sqlite3_bind_int64 (stmt, 1, self->last_change);

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  whole = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pending = g_ptr_array_new_with_free_func (g_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      const char *entity = (const char *) sqlite3_column_text (stmt, 1);
      gint64 id = sqlite3_column_int64 (stmt, 2);
      char *key;

      if (first == 0)
        first = seq;
      last = seq;
      if (sqlite3_column_int (stmt, 3))
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
  g_clear_pointer (&stmt, _crm_store_stmt_release);

  /* the journal was pruned past what this connection saw: everything */
  if (first > self->last_change + 1 && self->last_change > 0)
    {
      const char *entities[] = { "contact", "ticket", "message", "offer", "search", "offer-mail",
                                 "user", "account", "outbox", "queue", "template", "setting" };

      for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
        g_hash_table_add (whole, g_strdup (entities[i]));
    }
  self->last_change = last;
  {
    g_autoptr(CrmStoreStmt) forget = _crm_store_prepare (self, "DELETE FROM temp.own_changes WHERE seq <= ?", NULL);

    if (forget != NULL)
      {
        sqlite3_bind_int64 (forget, 1, last);
        sqlite3_step (forget);
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
          _crm_store_emit_changed (self, entry, g_ascii_strtoll (space + 1, NULL, 10));
      }

    g_hash_table_iter_init (&iter, whole);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      _crm_store_emit_changed (self, key, 0);
  }
  g_object_unref (self);

  return G_SOURCE_CONTINUE;
}

/**
 * crm_store_follow_changes:
 * @self: a #CrmStore
 * @interval_ms: how often to look, or 0 to stop
 *
 * Makes the store notice what other connections to its database
 * commit (another window, crmctl, crmctl serve, the mail engine): every
 * @interval_ms it asks SQLite whether anything was committed elsewhere
 * (a read of shared memory) and, if so, reads the journal of changes
 * since it last looked and emits #CrmStore::changed for each record
 * named there, on the main context.
 */
void
crm_store_follow_changes (CrmStore *self,
                          guint     interval_ms)
{
  g_return_if_fail (CRM_IS_STORE (self));

  g_clear_handle_id (&self->follow_source, g_source_remove);
  if (interval_ms == 0)
    return;

  /* The journal's records this connection writes: their changes are
   * emitted as they are made, and are not said again when another
   * connection's commit makes the store read the journal. A temporary
   * table follows the transaction: a rolled back record is not kept. */
  if (!exec_sql (self->db,
                 "CREATE TEMP TABLE IF NOT EXISTS own_changes (seq INTEGER PRIMARY KEY);"
                 "CREATE TEMP TRIGGER IF NOT EXISTS own_changes_insert AFTER INSERT ON main.changes "
                 "BEGIN INSERT OR IGNORE INTO own_changes (seq) VALUES (new.seq); END;",
                 NULL))
    g_warning ("Could not tell this connection's changes from others'");

  self->data_version = read_data_version (self);
  self->last_change = read_last_change (self);
  self->follow_source = g_timeout_add (interval_ms, follow_changes_cb, self);
}

typedef struct
{
  CrmStore            *store;     /* released on the caller's thread, never on the worker */
  CrmStoreReadFunc     func;
  gpointer             data;
  GDestroyNotify       destroy;
  GDestroyNotify       result_free;
  GAsyncReadyCallback  callback;
  gint64               queued_at;
  gint64               began_at;
  gint64               ended_at;
  gpointer             user_data;
} ReadJob;

/* reads on their way, in the whole process */
static guint n_reading;

/**
 * crm_store_count_reading:
 *
 * For benchmarks and tests, which wait until what the user asked for
 * is on screen: how many reads of crm_store_read_async() and the
 * crm_store_*_async() built on it are on their way.
 *
 * Returns: the number of reads not yet answered
 */
guint
crm_store_count_reading (void)
{
  return g_atomic_int_get (&n_reading);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReadJob *job = g_task_get_task_data (G_TASK (result));

  g_debug ("read %p: waited %.1f ms, read in %.1f ms, answered %.1f ms later", job->func,
           job->began_at ? (job->began_at - job->queued_at) / 1000.0 : 0.0,
           job->began_at ? (job->ended_at - job->began_at) / 1000.0 : 0.0,
           job->ended_at ? (g_get_monotonic_time () - job->ended_at) / 1000.0 : 0.0);
  if (job->callback != NULL)
    job->callback (G_OBJECT (job->store), result, job->user_data);
  g_clear_object (&job->store);
  g_atomic_int_dec_and_test (&n_reading);
}

static void
read_job_free (gpointer data)
{
  ReadJob *job = data;

  if (job->destroy != NULL)
    job->destroy (job->data);
  g_free (job);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  CrmStore *self = job->store;
  g_autoptr(GError) error = NULL;
  gpointer result = NULL;
  gboolean ok;

  /* a read the caller gave up before it began is not run at all */
  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->reader_lock);
  job->began_at = g_get_monotonic_time ();
  if (self->reader == NULL)
    self->reader = _crm_store_open_reader (self, &error);
  ok = self->reader != NULL && job->func (self->reader, job->data, &result, cancellable, &error);
  job->ended_at = g_get_monotonic_time ();
  g_mutex_unlock (&self->reader_lock);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, job->result_free);
}

/**
 * crm_store_read_async:
 * @self: a #CrmStore
 * @func: reads what is wanted, on a worker thread, with a connection
 *   of its own (no writes, no widgets)
 * @data: for @func; freed with @data_free once the read is done
 * @data_free: (nullable): frees @data
 * @result_free: (nullable): frees what @func read when nobody takes it
 *   (the read was cancelled meanwhile)
 * @cancellable: (nullable): a #GCancellable; a read cancelled before
 *   it began is not run
 * @callback: called on the thread-default main context of the caller
 * @user_data: for @callback
 *
 * Runs a read off the caller's thread, so that a window never waits
 * on a slow query; reads of one store run one after the other. Get the
 * result with crm_store_read_finish().
 */
void
crm_store_read_async (CrmStore            *self,
                      CrmStoreReadFunc     func,
                      gpointer             data,
                      GDestroyNotify       data_free,
                      GDestroyNotify       result_free,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadJob *job = g_new0 (ReadJob, 1);

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (func != NULL);

  job->store = g_object_ref (self);
  job->func = func;
  job->data = data;
  job->destroy = data_free;
  job->result_free = result_free;
  job->callback = callback;
  job->user_data = user_data;
  job->queued_at = g_get_monotonic_time ();
  g_atomic_int_inc (&n_reading);
  /* not the task's source object: the worker may drop the task last */
  task = g_task_new (NULL, cancellable, read_done_cb, NULL);
  g_task_set_source_tag (task, crm_store_read_async);
  g_task_set_task_data (task, job, read_job_free);
  _crm_task_run_in_background (task, read_thread);
}

/**
 * crm_store_read_finish:
 * @self: a #CrmStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what the read function read,
 *   or %NULL with @error set
 */
gpointer
crm_store_read_finish (CrmStore      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == crm_store_read_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
warm_up_read (CrmStore      *reader,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  /* the first statement parses the schema; then its pages are cached */
  stmt = _crm_store_prepare (reader, "SELECT count(*) FROM users", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_step (stmt);
  *result = GINT_TO_POINTER (1);

  return TRUE;
}

/**
 * crm_store_warm_up:
 * @self: a #CrmStore
 *
 * Opens the connection crm_store_read_async() reads with, and has it
 * read the schema, on a worker: called as a window starts, so that the
 * first page a user opens does not wait for it.
 */
void
crm_store_warm_up (CrmStore *self)
{
  g_return_if_fail (CRM_IS_STORE (self));

  crm_store_read_async (self, warm_up_read, NULL, NULL, NULL, NULL, NULL, NULL);
}

static gboolean
count_tickets_read (CrmStore      *reader,
                    gpointer       data,
                    gpointer      *result,
                    GCancellable  *cancellable,
                    GError       **error)
{
  GError *local_error = NULL;
  guint n = crm_store_count_tickets (reader, data, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *result = GUINT_TO_POINTER (n + 1);

  return TRUE;
}

/**
 * crm_store_count_tickets_async:
 * @self: a #CrmStore
 * @filter: which tickets to count (copied)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the count
 * @user_data: for @callback
 *
 * Counts the tickets @filter lets through on a worker thread with a
 * connection of its own: for counts a window shows (the unread
 * tickets in the sidebar) over an office's years of tickets.
 */
void
crm_store_count_tickets_async (CrmStore              *self,
                               const CrmTicketFilter *filter,
                               GCancellable          *cancellable,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data)
{
  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (filter != NULL);

  crm_store_read_async (self, count_tickets_read, _crm_ticket_filter_dup (filter), _crm_ticket_filter_free, NULL,
                        cancellable, callback, user_data);
}

/**
 * crm_store_count_tickets_finish:
 * @self: a #CrmStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: the count, or 0 with @error set
 */
guint
crm_store_count_tickets_finish (CrmStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  gpointer n = crm_store_read_finish (self, result, error);

  return n != NULL ? GPOINTER_TO_UINT (n) - 1 : 0;
}

/**
 * crm_store_resolve_data_dir:
 * @override: (nullable): a directory given on the command line
 *
 * The data directory: @override, else `$CRM_DATA_DIR`, else
 * `$XDG_DATA_HOME/org.example.Crm`.
 *
 * Returns: (transfer full): the directory
 */
char *
crm_store_resolve_data_dir (const char *override)
{
  const char *env = g_getenv ("CRM_DATA_DIR");

  if (override != NULL && *override != '\0')
    return g_strdup (override);
  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "org.example.Crm", NULL);
}

/**
 * crm_store_open:
 * @data_dir: (nullable): the data directory, or %NULL for the default
 * @error: return location for a #GError
 *
 * Opens (creating it and its directory when needed) the database in the
 * data directory, on the default clock, and brings it up to date.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
CrmStore *
crm_store_open (const char  *data_dir,
                GError     **error)
{
  g_autofree char *dir = crm_store_resolve_data_dir (data_dir);
  g_autofree char *path = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                   _("Could not create the data directory “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  path = g_build_filename (dir, DATABASE_NAME, NULL);

  return crm_store_open_file (path, NULL, error);
}

/**
 * crm_store_open_file:
 * @path: the database file
 * @clock: (nullable): the clock, or %NULL for the default one
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
CrmStore *
crm_store_open_file (const char  *path,
                     CrmClock    *clock,
                     GError     **error)
{
  return _crm_store_open_with_migrations (path, clock, MIGRATIONS_DIR, error);
}

/**
 * crm_store_get_latest_schema_version:
 *
 * Returns: the schema version this build creates
 */
int
crm_store_get_latest_schema_version (void)
{
  g_autoptr(GPtrArray) names = NULL;

  (void) crm_core_get_resource ();
  names = list_migrations (MIGRATIONS_DIR, NULL);

  return names ? (int) names->len : 0;
}

const char *
crm_store_get_path (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return self->path;
}

/**
 * crm_store_get_clock:
 * @self: a #CrmStore
 *
 * Returns: (transfer none): the clock every rule of this store uses
 */
CrmClock *
crm_store_get_clock (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return self->clock;
}

int
crm_store_get_schema_version (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  return self->schema_version;
}

gint64
crm_store_get_actor (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  return self->actor;
}

void
crm_store_set_actor (CrmStore *self,
                     gint64    user_id)
{
  g_return_if_fail (CRM_IS_STORE (self));

  if (self->actor == user_id)
    return;

  self->actor = user_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
}

sqlite3 *
_crm_store_get_db (CrmStore *self)
{
  return self->db;
}

void
_crm_store_set_sql_error (CrmStore  *self,
                          GError   **error)
{
  int rc = sqlite3_extended_errcode (self->db);

  if ((rc & 0xff) == SQLITE_FULL)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_SQL,
                 _("The disk holding the database is full: %s"), sqlite3_errmsg (self->db));
  else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_SQL,
                 _("The database is busy in another program; try again: %s"),
                 sqlite3_errmsg (self->db));
  else if (rc == SQLITE_CONSTRAINT_TRIGGER && g_strcmp0 (sqlite3_errmsg (self->db), "crm-user-deactivated") == 0)
    /* migration 0015: no new work for a deactivated user */
    g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                         _("That user was deactivated and cannot be given new work: choose an active user."));
  else
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_SQL,
                 _("Database error: %s"), sqlite3_errmsg (self->db));
}

/**
 * _crm_store_prepare:
 *
 * Returns a cached statement for @sql; @sql must be a string that lives
 * as long as the store (a literal), since it keys the cache. Release it
 * with g_autoptr(CrmStoreStmt).
 */
CrmStoreStmt *
_crm_store_prepare (CrmStore    *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  g_assert (CRM_IS_STORE (self));

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _crm_store_set_sql_error (self, error);
      /* a reader's query interrupted because the user moved on */
      if (sqlite3_errcode (self->db) != SQLITE_INTERRUPT)
        g_critical ("cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);

  return stmt;
}

void
_crm_store_stmt_release (CrmStoreStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

gboolean
_crm_store_step_done (CrmStore      *self,
                      CrmStoreStmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/* Steps a bound statement to its end, adding its first column, an
 * id, to @ids. */
gboolean
_crm_store_step_ids (CrmStore      *self,
                     CrmStoreStmt  *stmt,
                     GArray        *ids,
                     GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/* The ids @sql selects for the one id it takes as ?1, or %NULL with
 * @error set. */
GArray *
_crm_store_collect_ids (CrmStore    *self,
                        const char  *sql,
                        gint64       id,
                        GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (self, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_crm_store_step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

gboolean
_crm_store_exec (CrmStore    *self,
                 const char  *sql,
                 GError     **error)
{
  if (!exec_sql (self->db, sql, NULL))
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * _crm_store_collect:
 *
 * Steps @stmt to its end, turning each row into an item with
 * @row_func (which returns a new reference).
 *
 * Returns: (transfer full): a #GListStore of @item_type, or %NULL
 */
GListModel *
_crm_store_collect (CrmStore         *self,
                    CrmStoreStmt     *stmt,
                    GType             item_type,
                    CrmStoreRowFunc   row_func,
                    GError          **error)
{
  g_autoptr(GListStore) list = g_list_store_new (item_type);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GObject) item = row_func (stmt);

      g_list_store_append (list, item);
    }

  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* Like _crm_store_collect(), into an array of objects. */
GPtrArray *
_crm_store_collect_objects (CrmStore         *self,
                            CrmStoreStmt     *stmt,
                            CrmStoreRowFunc   row_func,
                            GError          **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, row_func (stmt));

  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&items);
}

/* @ids as a JSON array, for "IN (SELECT value FROM json_each (?))". */
char *
_crm_store_ids_json (const gint64 *ids,
                     guint         n_ids)
{
  GString *json = g_string_sized_new (2 + n_ids * 8);

  g_string_append_c (json, '[');
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

void
_crm_store_emit_changed (CrmStore   *self,
                         const char *entity,
                         gint64      id)
{
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (entity), entity, id);
}

/**
 * crm_store_run_in_transaction:
 * @self: a #CrmStore
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
crm_store_run_in_transaction (CrmStore                 *self,
                              CrmStoreTransactionFunc   func,
                              gpointer                  user_data,
                              GError                  **error)
{
  gboolean outer;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  outer = sqlite3_get_autocommit (self->db);

  if (!_crm_store_exec (self, outer ? "BEGIN IMMEDIATE" : "SAVEPOINT nested", error))
    return FALSE;

  if (!func (self, user_data, error))
    {
      if (outer)
        exec_sql (self->db, "ROLLBACK", NULL);
      else
        exec_sql (self->db, "ROLLBACK TO nested; RELEASE nested", NULL);
      return FALSE;
    }

  if (!_crm_store_exec (self, outer ? "COMMIT" : "RELEASE nested", error))
    {
      if (outer)
        exec_sql (self->db, "ROLLBACK", NULL);
      else
        exec_sql (self->db, "ROLLBACK TO nested; RELEASE nested", NULL);
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_store_get_setting:
 * @self: a #CrmStore
 * @key: the office setting
 * @default_value: (nullable): what to return when it is not set
 *
 * Office-wide settings live in the database, not in GSettings, so that
 * everyone who shares the file shares them.
 *
 * Returns: (transfer full) (nullable): the value
 */
char *
crm_store_get_setting (CrmStore   *self,
                       const char *key,
                       const char *default_value)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = _crm_store_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt == NULL)
    return g_strdup (default_value);

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  return g_strdup (default_value);
}

gboolean
crm_store_set_setting (CrmStore    *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    stmt = _crm_store_prepare (self, "DELETE FROM settings WHERE key = ?1", error);
  else
    stmt = _crm_store_prepare (self,
                               "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);

  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;

  _crm_store_emit_changed (self, "setting", 0);

  return TRUE;
}

/**
 * crm_store_dup_phone_country:
 * @self: a #CrmStore
 *
 * Returns: (transfer full): the ISO 3166 code assumed for national phone
 *   numbers (office setting "phone-country", default "PL")
 */
char *
crm_store_dup_phone_country (CrmStore *self)
{
  return crm_store_get_setting (self, "phone-country", "PL");
}

/**
 * crm_store_append_history:
 * @self: a #CrmStore
 * @entity: the kind of record ("contact", "user", …)
 * @entity_id: its id
 * @action: a stable verb ("created", "updated", "deleted", …)
 * @detail: (nullable): a human summary
 * @error: return location for a #GError
 *
 * Appends an audit row in the name of #CrmStore:actor at the clock's now.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_append_history (CrmStore    *self,
                          const char  *entity,
                          gint64       entity_id,
                          const char  *action,
                          const char  *detail,
                          GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  stmt = _crm_store_prepare (self,
                             "INSERT INTO history (at, user_id, entity, entity_id, action, detail) "
                             "VALUES (?, (SELECT id FROM users WHERE id = ?), ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, crm_clock_now_unix (self->clock));
  sqlite3_bind_int64 (stmt, 2, self->actor);
  sqlite3_bind_text (stmt, 3, entity, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, entity_id);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_STATIC);
  if (detail != NULL)
    sqlite3_bind_text (stmt, 6, detail, -1, SQLITE_STATIC);

  return _crm_store_step_done (self, stmt, error);
}

static gpointer
history_entry_from_row (CrmStoreStmt *stmt)
{
  return crm_history_entry_new (sqlite3_column_int64 (stmt, 0),
                                (const char *) sqlite3_column_text (stmt, 1),
                                (const char *) sqlite3_column_text (stmt, 2),
                                (const char *) sqlite3_column_text (stmt, 3));
}

/**
 * crm_store_list_history:
 * @self: a #CrmStore
 * @entity: the kind of record
 * @entity_id: its id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the newest 200 #CrmHistoryEntry rows, newest first
 */
GListModel *
crm_store_list_history (CrmStore    *self,
                        const char  *entity,
                        gint64       entity_id,
                        GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT h.at, u.name, h.action, h.detail FROM history h "
                             "LEFT JOIN users u ON u.id = h.user_id "
                             "WHERE h.entity = ? AND h.entity_id = ? "
                             "ORDER BY h.at DESC, h.id DESC LIMIT 200",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, entity_id);

return _crm_store_collect (self, stmt, CRM_TYPE_HISTORY_ENTRY, history_entry_from_row, error);
}
