/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-error.h"
#include "crm-sqlite-database.h"
#include "crm-store-private.h"
#include "crm-thread-private.h"

/**
 * CrmStore:
 *
 * The office's records over one #CrmDatabase, in the name of the user
 * of one #CrmSession and by its clock. SQL stays inside the store's
 * files, and reaches the database only through its statements, so that
 * a second backend stays possible.
 */
struct _CrmStore
{
  GObject      parent_instance;

  /* owned */
  CrmSession  *session;
  CrmDatabase *database;   /* the session's */

  /* reads off the main thread: a connection of their own, one at a time */
  CrmStore    *reader;
  GMutex       reader_lock;
};

G_DEFINE_FINAL_TYPE (CrmStore, crm_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_SESSION,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define DATABASE_NAME "crm.sqlite"

static void
crm_store_dispose (GObject *object)
{
  CrmStore *self = (CrmStore *)object;

  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);

  G_OBJECT_CLASS (crm_store_parent_class)->dispose (object);
}

static void
crm_store_finalize (GObject *object)
{
  CrmStore *self = (CrmStore *)object;

  g_clear_object (&self->reader);
  g_mutex_clear (&self->reader_lock);
  self->database = NULL;
  g_clear_object (&self->session);

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
      g_value_set_string (value, crm_store_get_path (self));
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_store_class_init (CrmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_store_dispose;
  object_class->finalize = crm_store_finalize;
  object_class->get_property = crm_store_get_property;

  /* the modules that queue mail follow it through the outbox's hooks */
  _crm_offers_register_outbox_hook ();
  _crm_tickets_register_outbox_hook ();

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * CrmStore:session:
   *
   * Who works through this store, on which database, by which clock.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SESSION,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmStore::changed:
   * @self: the store
   * @entity: the kind of record ("contact", "user", …)
   * @id: the record's id, or 0 for many
   *
   * Its database's #CrmDatabase::changed: a record was created,
   * changed or deleted.
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
  g_mutex_init (&self->reader_lock);
}

static void
database_changed_cb (CrmStore    *self,
                     const char  *entity,
                     gint64       id)
{
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (entity), entity, id);
}

static CrmStore *
store_new (CrmSession *session)
{
  CrmStore *self = g_object_new (CRM_TYPE_STORE, NULL);

  self->session = session;
  self->database = crm_session_get_database (session);
  g_signal_connect_swapped (self->database, "changed", G_CALLBACK (database_changed_cb), self);

  return self;
}

/**
 * crm_store_new:
 * @session: who works, on which database
 *
 * Returns: (transfer full): a store over @session's database, working
 *   in the name of its user
 */
CrmStore *
crm_store_new (CrmSession *session)
{
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return store_new (g_object_ref (session));
}

CrmStore *
_crm_store_open_with_migrations (const char  *path,
                                 CrmClock    *clock,
                                 const char  *resource_dir,
                                 GError     **error)
{
  g_autoptr(CrmDatabase) database = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (!clock || CRM_IS_CLOCK (clock), NULL);

  database = crm_sqlite_database_open (path, resource_dir, error);
  if (database == NULL)
    return NULL;

  return store_new (crm_session_new (database, clock));
}

/* Keeps the journal of changes short: other connections that fell
 * behind its start read everything again. */
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
      if (!crm_database_exec (self->database, sql, error))
        return FALSE;
    }
  while (crm_database_count_changes (self->database) == PRUNE_BATCH);

  return TRUE;
}

/**
 * _crm_store_open_reader:
 * @primary: an open store
 * @error: return location for a #GError
 *
 * A store on a second connection to @primary's database, for reading
 * on another thread (see crm_database_open_reader()).
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
CrmStore *
_crm_store_open_reader (CrmStore  *primary,
                        GError   **error)
{
  g_autoptr(CrmDatabase) database = NULL;
  CrmSession *session;

  g_return_val_if_fail (CRM_IS_STORE (primary), NULL);

  database = crm_database_open_reader (primary->database, error);
  if (database == NULL)
    return NULL;

  session = crm_session_new (database, crm_session_get_clock (primary->session));
  crm_session_set_user_id (session, crm_session_get_user_id (primary->session));

  return store_new (session);
}

/**
 * crm_store_follow_changes:
 * @self: a #CrmStore
 * @interval_ms: how often to look, or 0 to stop
 *
 * Makes the store notice what other connections to its database
 * commit (another window, crmctl, crmctl serve, the mail engine), and
 * emit #CrmStore::changed for each record they name, on the main
 * context: see crm_database_follow_changes().
 */
void
crm_store_follow_changes (CrmStore *self,
                          guint     interval_ms)
{
  g_return_if_fail (CRM_IS_STORE (self));

  crm_database_follow_changes (self->database, interval_ms);
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
  g_autoptr(CrmStatement) stmt = NULL;

  /* the first statement parses the schema; then its pages are cached */
  stmt = _crm_store_prepare (reader, "SELECT count(*) FROM users", error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_step (stmt);
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

      g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_OPEN,
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
  return _crm_store_open_with_migrations (path, clock, NULL, error);
}

/**
 * crm_store_get_latest_schema_version:
 *
 * Returns: the schema version this build creates
 */
int
crm_store_get_latest_schema_version (void)
{
  return crm_database_get_latest_schema_version ();
}

/* The file's path, for the one-desk database; where the database is
 * otherwise. */
const char *
crm_store_get_path (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return crm_database_get_name (self->database);
}

/**
 * crm_store_get_database:
 * @self: a #CrmStore
 *
 * Returns: (transfer none): the database the store works on
 */
CrmDatabase *
crm_store_get_database (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return self->database;
}

/**
 * crm_store_get_session:
 * @self: a #CrmStore
 *
 * Returns: (transfer none): the session the store works in
 */
CrmSession *
crm_store_get_session (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return self->session;
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

  return crm_session_get_clock (self->session);
}

int
crm_store_get_schema_version (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  return crm_database_get_schema_version (self->database);
}

/* The id of the session's user, whom history rows name; 0 for none. */
gint64
crm_store_get_actor (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  return crm_session_get_user_id (self->session);
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
typedef struct
{
  CrmStore                *store;
  CrmStoreTransactionFunc  func;
  gpointer                 user_data;
} Transaction;

static gboolean
run_transaction (CrmDatabase  *database,
                 gpointer      user_data,
                 GError      **error)
{
  Transaction *transaction = user_data;

  return transaction->func (transaction->store, transaction->user_data, error);
}

gboolean
crm_store_run_in_transaction (CrmStore                 *self,
                              CrmStoreTransactionFunc   func,
                              gpointer                  user_data,
                              GError                  **error)
{
  Transaction transaction = { self, func, user_data };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return crm_database_run_in_transaction (self->database, run_transaction, &transaction, error);
}

char *
crm_store_get_setting (CrmStore   *self,
                       const char *key,
                       const char *default_value)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return crm_database_get_setting (self->database, key, default_value);
}

gboolean
crm_store_set_setting (CrmStore    *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  return crm_database_set_setting (self->database, key, value, error);
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
 * Appends an audit row in the name of the session's user at its clock's now.
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
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  return crm_session_append_history (self->session, entity, entity_id, action, detail, error);
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
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return crm_database_list_history (self->database, entity, entity_id, error);
}
