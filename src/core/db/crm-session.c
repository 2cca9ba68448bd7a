/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-session.h"
#include "crm-pg-database.h"
#include "crm-sqlite-database.h"
#include "crm-store-private.h"
#include "crm-thread-private.h"

/**
 * CrmSession:
 *
 * Who works, on which database, by which clock: what every store call
 * is made in the name of. A window holds one for the user working in
 * it, each crmctl command one for the user its `--user` names, the mail
 * engine one of its own for the office (no user). Stores read the user
 * and the time from the session they were made for: the user is never
 * a setting shared by everyone who uses a database.
 */
struct _CrmSession
{
  GObject      parent_instance;

  CrmDatabase *database;
  CrmClock    *clock;
  gint64       user_id;
  gboolean     logged_in;   /* the database says who works */

  /* GType → the store of that module working in this session */
  GHashTable  *stores;

  /* reads off the main thread: a session of their own on a connection
   * of their own (taken from idle_readers), one at a time */
  CrmSession  *reader;
  GMutex       reader_lock;

  /* the lists' readers between two of their readings (a few kept: on
   * a team's server each is a connection the office's server counts) */
  GPtrArray   *idle_readers;
  GMutex       idle_lock;

  /* writes off the main thread: the same, on a connection that writes,
   * with what it wrote to tell on the caller's thread */
  CrmSession  *writer;
  GMutex       writer_lock;
  GCond        writer_turn;
  guint64      writes_queued;    /* each write's turn, in the order asked */
  guint64      writes_done;
  GPtrArray   *writer_changes;   /* "entity\x1fid", while a write runs */

  /* office settings read lately: a list shows one on every row */
  GMutex       settings_lock;
  GHashTable  *settings;         /* key → value, or NULL when not set */
  gint64       settings_since;   /* monotonic time they were first read */
  /* crm_session_keep_settings (): all of them, as last read on a
   * worker (NULL until that read is in) */
  gboolean      keep_settings;
  GHashTable   *kept_settings;
  GCancellable *settings_reading;
};

/* how long a setting read is taken as it is, when no change says
 * otherwise (another desktop's change comes within a second anyway) */
#define SETTINGS_FRESH_USEC (2 * G_USEC_PER_SEC)

G_DEFINE_FINAL_TYPE (CrmSession, crm_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CLOCK,
  PROP_USER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_session_finalize (GObject *object)
{
  CrmSession *self = (CrmSession *)object;

  g_clear_pointer (&self->stores, g_hash_table_unref);
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  g_clear_pointer (&self->settings, g_hash_table_unref);
  g_clear_pointer (&self->kept_settings, g_hash_table_unref);
  g_clear_object (&self->settings_reading);
  g_mutex_clear (&self->settings_lock);
  g_clear_object (&self->reader);
  g_mutex_clear (&self->reader_lock);
  g_clear_pointer (&self->idle_readers, g_ptr_array_unref);
  g_mutex_clear (&self->idle_lock);
  if (self->writer != NULL)
    g_signal_handlers_disconnect_by_data (self->writer->database, self);
  g_clear_object (&self->writer);
  g_mutex_clear (&self->writer_lock);
  g_cond_clear (&self->writer_turn);
  g_clear_object (&self->database);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (crm_session_parent_class)->finalize (object);
}

static gboolean
read_settings (CrmSession    *reader,
               gpointer       data,
               gpointer      *result,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(CrmStatement) stmt = crm_database_prepare (reader->database, "SELECT key, value FROM settings", error);
  g_autoptr(GHashTable) settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  CrmStep step;

  if (stmt == NULL)
    return FALSE;
  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    g_hash_table_insert (settings, g_strdup (crm_statement_get_text (stmt, 0)),
                         g_strdup (crm_statement_get_text (stmt, 1)));
  if (step != CRM_STEP_DONE)
    {
      crm_database_set_error (reader->database, error);
      return FALSE;
    }
  *result = g_steal_pointer (&settings);

  return TRUE;
}

static void
settings_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CrmSession) self = user_data;
  g_autoptr(GError) error = NULL;
  GHashTable *settings = crm_session_read_finish (self, result, &error);

  /* read before a change that came meanwhile: another read is on its way */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_pointer (&settings, g_hash_table_unref);
      return;
    }
  if (settings == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Reading the office’s settings failed: %s", error->message);
      return;
    }
  g_mutex_lock (&self->settings_lock);
  g_clear_pointer (&self->kept_settings, g_hash_table_unref);
  self->kept_settings = settings;
  g_mutex_unlock (&self->settings_lock);
}

static void
read_kept_settings (CrmSession *self)
{
  g_cancellable_cancel (self->settings_reading);
  g_clear_object (&self->settings_reading);
  self->settings_reading = g_cancellable_new ();
  crm_session_read_async (self, read_settings, NULL, NULL, (GDestroyNotify) g_hash_table_unref,
                          self->settings_reading, settings_read_cb, g_object_ref (self));
}

/* A setting changed, here or on another desktop: read them again. */
static void
forget_settings (CrmSession *self)
{
  g_mutex_lock (&self->settings_lock);
  g_hash_table_remove_all (self->settings);
  g_clear_pointer (&self->kept_settings, g_hash_table_unref);
  g_mutex_unlock (&self->settings_lock);
  if (self->keep_settings)
    read_kept_settings (self);
}

gboolean
_crm_session_settings_kept (CrmSession *self)
{
  gboolean kept;

  g_mutex_lock (&self->settings_lock);
  kept = self->kept_settings != NULL;
  g_mutex_unlock (&self->settings_lock);

  return kept;
}

/**
 * crm_session_keep_settings:
 * @self: a #CrmSession
 *
 * For the window's session: the office's settings are read on a worker
 * now and after every change to them, and crm_session_get_setting()
 * answers from what was read, without waiting on the database; until
 * it is in, it reads the database as before.
 */
void
crm_session_keep_settings (CrmSession *self)
{
  g_return_if_fail (CRM_IS_SESSION (self));

  if (self->keep_settings)
    return;
  self->keep_settings = TRUE;
  read_kept_settings (self);
}

static void
crm_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CrmSession *self = CRM_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    case PROP_USER_ID:
      g_value_set_int64 (value, self->user_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_session_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CrmSession *self = CRM_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      if (self->database != NULL)
        g_signal_connect_swapped (self->database, "changed::setting", G_CALLBACK (forget_settings), self);
      break;

    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;

    case PROP_USER_ID:
      crm_session_set_user_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_session_constructed (GObject *object)
{
  CrmSession *self = (CrmSession *)object;

  G_OBJECT_CLASS (crm_session_parent_class)->constructed (object);

  g_assert (CRM_IS_DATABASE (self->database));
  if (self->clock == NULL)
    self->clock = g_object_ref (crm_clock_get_default ());

  /* on the team's database, the desktop is the user whose login the
   * connection is: nobody chooses */
  if (CRM_IS_PG_DATABASE (self->database) && crm_pg_database_get_login_user_id (CRM_PG_DATABASE (self->database)) != 0)
    {
      self->user_id = crm_pg_database_get_login_user_id (CRM_PG_DATABASE (self->database));
      self->logged_in = TRUE;
    }
}

static void
crm_session_class_init (CrmSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = crm_session_constructed;
  object_class->finalize = crm_session_finalize;
  object_class->get_property = crm_session_get_property;
  object_class->set_property = crm_session_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CRM_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, CRM_TYPE_CLOCK,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * CrmSession:user-id:
   *
   * The user working in this session, or 0 for none (the office's own
   * work: the mail engine, a command run without `--user`).
   */
  properties[PROP_USER_ID] =
    g_param_spec_int64 ("user-id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_session_init (CrmSession *self)
{
  self->stores = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&self->settings_lock);
  g_mutex_init (&self->reader_lock);
  self->idle_readers = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_init (&self->idle_lock);
  g_mutex_init (&self->writer_lock);
  g_cond_init (&self->writer_turn);
}

/**
 * crm_session_new:
 * @database: the database
 * @clock: (nullable): the clock, or %NULL for the default one
 *
 * Returns: (transfer full): a session with no user yet
 */
CrmSession *
crm_session_new (CrmDatabase *database,
                 CrmClock    *clock)
{
  g_return_val_if_fail (CRM_IS_DATABASE (database), NULL);
  g_return_val_if_fail (!clock || CRM_IS_CLOCK (clock), NULL);

  return g_object_new (CRM_TYPE_SESSION, "database", database, "clock", clock, NULL);
}

/**
 * crm_session_get_database:
 * @self: a #CrmSession
 *
 * Returns: (transfer none): the database
 */
CrmDatabase *
crm_session_get_database (CrmSession *self)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), NULL);

  return self->database;
}

/**
 * crm_session_get_clock:
 * @self: a #CrmSession
 *
 * Returns: (transfer none): the clock every rule of the session uses
 */
CrmClock *
crm_session_get_clock (CrmSession *self)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), NULL);

  return self->clock;
}

gint64
crm_session_get_user_id (CrmSession *self)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), 0);

  return self->user_id;
}

/**
 * crm_session_set_user_id:
 * @self: a #CrmSession
 * @user_id: who works now, or 0
 *
 * Set by the session's owner only: the window when someone else starts
 * working in it, a command when it is told who runs it.
 */
void
crm_session_set_user_id (CrmSession *self,
                         gint64      user_id)
{
  g_return_if_fail (CRM_IS_SESSION (self));

  if (self->user_id == user_id)
    return;

  self->user_id = user_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
}

/* The clock's now, in seconds since the epoch. */
gint64
crm_session_now (CrmSession *self)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), 0);

  return crm_clock_now_unix (self->clock);
}

/**
 * crm_session_get_store:
 * @self: a #CrmSession
 * @store_type: a module's store, a #GObject type with a construct-only
 *   "session" property
 *
 * The one store of @store_type working in this session, made the first
 * time it is asked for. A store does not keep its session alive: the
 * session keeps its stores. Modules wrap this (e.g.
 * crm_template_store_from_session()), so that this file knows none of
 * them.
 *
 * Returns: (transfer none) (type GObject): the store
 */
gpointer
crm_session_get_store (CrmSession *self,
                       GType       store_type)
{
  GObject *store;

  g_return_val_if_fail (CRM_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_type_is_a (store_type, G_TYPE_OBJECT), NULL);

  store = g_hash_table_lookup (self->stores, GSIZE_TO_POINTER (store_type));
  if (store == NULL)
    {
      store = g_object_new (store_type, "session", self, NULL);
      g_hash_table_insert (self->stores, GSIZE_TO_POINTER (store_type), store);
    }

  return store;
}

/**
 * crm_session_append_history:
 * @self: a #CrmSession
 * @entity: the kind of record ("contact", "user", …)
 * @entity_id: its id
 * @action: a stable verb ("created", "updated", "deleted", …)
 * @detail: (nullable): a human summary
 * @error: return location for a #GError
 *
 * Appends an audit row in the name of the session's user at its
 * clock's now.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_session_append_history (CrmSession  *self,
                            const char  *entity,
                            gint64       entity_id,
                            const char  *action,
                            const char  *detail,
                            GError     **error)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), FALSE);

  return crm_database_append_history (self->database, crm_session_now (self), self->user_id,
                                      entity, entity_id, action, detail, error);
}

#define DATABASE_NAME "crm.sqlite"

/**
 * crm_session_resolve_data_dir:
 * @override: (nullable): a directory given on the command line
 *
 * The data directory: @override, else `$CRM_DATA_DIR`, else
 * `$XDG_DATA_HOME/org.example.Crm`.
 *
 * Returns: (transfer full): the directory
 */
char *
crm_session_resolve_data_dir (const char *override)
{
  const char *env = g_getenv ("CRM_DATA_DIR");

  if (override != NULL && *override != '\0')
    return g_strdup (override);
  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "org.example.Crm", NULL);
}

/**
 * crm_session_open:
 * @data_dir: (nullable): the data directory, or %NULL for the default
 * @error: return location for a #GError
 *
 * Opens (creating it and its directory when needed) the one-desk
 * database in the data directory, brings it up to date, and starts a
 * session on it with no user, on the default clock.
 *
 * Returns: (transfer full): the session, or %NULL with @error set
 */
CrmSession *
crm_session_open (const char  *data_dir,
                  GError     **error)
{
  g_autofree char *dir = crm_session_resolve_data_dir (data_dir);
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

  return crm_session_open_file (path, NULL, error);
}

/**
 * crm_session_open_uri:
 * @uri: where the office's database is: a libpq URI
 *   (postgresql://user@host:port/database)
 * @password: (nullable): the user's password (from the Secret Service);
 *   without it, libpq's own ($PGPASSWORD, ~/.pgpass)
 * @clock: (nullable): the clock, or %NULL for the default one
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a session with no user on the office's
 *   server, its schema brought up to date, or %NULL with @error set
 */
CrmSession *
crm_session_open_uri (const char  *uri,
                      const char  *password,
                      CrmClock    *clock,
                      GError     **error)
{
  g_autoptr(CrmDatabase) database = NULL;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (!clock || CRM_IS_CLOCK (clock), NULL);

  database = crm_pg_database_open (uri, password, NULL, error);
  if (database == NULL)
    return NULL;

  return crm_session_new (database, clock);
}

/**
 * crm_session_get_logged_in:
 * @self: a #CrmSession
 *
 * Returns: whether the database says who works (a team's server the
 *   user logged in to as themselves): the user is not chosen, nor
 *   changed
 */
gboolean
crm_session_get_logged_in (CrmSession *self)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), FALSE);

  return self->logged_in;
}

/**
 * crm_session_open_file:
 * @path: the database file
 * @clock: (nullable): the clock, or %NULL for the default one
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a session with no user on the file, or
 *   %NULL with @error set
 */
CrmSession *
crm_session_open_file (const char  *path,
                       CrmClock    *clock,
                       GError     **error)
{
  return _crm_session_open_with_migrations (path, clock, NULL, error);
}

CrmSession *
_crm_session_open_with_migrations (const char  *path,
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

  return crm_session_new (database, clock);
}

/**
 * crm_session_open_another:
 * @self: a #CrmSession
 * @error: return location for a #GError
 *
 * A session with no user, by the same clock, on another connection of
 * its own to the same database (crm_database_open_another()): for a
 * thread that works apart, such as a mail engine's worker.
 *
 * Returns: (transfer full): the session, or %NULL with @error set
 */
CrmSession *
crm_session_open_another (CrmSession  *self,
                          GError     **error)
{
  g_autoptr(CrmDatabase) database = NULL;
  CrmSession *another;

  g_return_val_if_fail (CRM_IS_SESSION (self), NULL);

  if (!(database = crm_database_open_another (self->database, error)))
    return NULL;
  another = crm_session_new (database, self->clock);
  /* a worker works in nobody's name, whoever logged in */
  another->user_id = 0;
  another->logged_in = FALSE;

  return another;
}

/**
 * crm_session_open_reader:
 * @self: a #CrmSession
 * @error: return location for a #GError
 *
 * A session for the same user and clock on a read-only connection of
 * its own (crm_database_open_reader()), for one worker thread.
 *
 * Returns: (transfer full): the session, or %NULL with @error set
 */
CrmSession *
crm_session_open_reader (CrmSession  *self,
                         GError     **error)
{
  g_autoptr(CrmDatabase) database = NULL;
  CrmSession *reader;

  g_return_val_if_fail (CRM_IS_SESSION (self), NULL);

  database = crm_database_open_reader (self->database, error);
  if (database == NULL)
    return NULL;

  reader = crm_session_new (database, self->clock);
  reader->user_id = self->user_id;

  return reader;
}

/* how many readers a session keeps between two readings */
#define IDLE_READERS 2

/*
 * _crm_session_take_reader:
 *
 * For a list's worker: a reader (crm_session_open_reader ()) that
 * another reading gave back, its settings forgotten, or a new one. Any
 * thread.
 */
CrmSession *
_crm_session_take_reader (CrmSession  *self,
                          GError     **error)
{
  CrmSession *reader = NULL;

  g_mutex_lock (&self->idle_lock);
  if (self->idle_readers->len > 0)
    reader = g_ptr_array_steal_index (self->idle_readers, self->idle_readers->len - 1);
  g_mutex_unlock (&self->idle_lock);
  if (reader == NULL)
    return crm_session_open_reader (self, error);

  /* the settings it read for an earlier reading may have changed since
   * (a reader hears of no change): read again, once for this reading */
  g_mutex_lock (&reader->settings_lock);
  g_hash_table_remove_all (reader->settings);
  g_mutex_unlock (&reader->settings_lock);

  return reader;
}

/*
 * _crm_session_give_back_reader:
 *
 * A reading is done with @reader (transfer full): kept for the next
 * one, or closed when enough are kept. Any thread.
 */
void
_crm_session_give_back_reader (CrmSession *self,
                               CrmSession *reader)
{
  if (reader == NULL)
    return;
  g_mutex_lock (&self->idle_lock);
  if (self->idle_readers->len < IDLE_READERS)
    {
      g_ptr_array_add (self->idle_readers, reader);
      reader = NULL;
    }
  g_mutex_unlock (&self->idle_lock);
  g_clear_object (&reader);
}

/* The path of the database's file, or where it is (crm_database_get_name()). */
const char *
crm_session_get_path (CrmSession *self)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), NULL);

  return crm_database_get_name (self->database);
}

/**
 * crm_session_run_in_transaction:
 * @self: a #CrmSession
 * @func: (scope call): the work
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Runs @func in a write transaction of the session's database (a
 * savepoint when one is open), and commits when it returns %TRUE; when
 * it fails, nothing it did is kept.
 *
 * Returns: %TRUE when committed
 */
typedef struct
{
  CrmSession                *session;
  CrmSessionTransactionFunc  func;
  gpointer                   user_data;
} Transaction;

static gboolean
run_transaction (CrmDatabase  *database,
                 gpointer      user_data,
                 GError      **error)
{
  Transaction *transaction = user_data;

  return transaction->func (transaction->session, transaction->user_data, error);
}

gboolean
crm_session_run_in_transaction (CrmSession                 *self,
                                CrmSessionTransactionFunc   func,
                                gpointer                    user_data,
                                GError                    **error)
{
  Transaction transaction = { self, func, user_data };

  g_return_val_if_fail (CRM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return crm_database_run_in_transaction (self->database, run_transaction, &transaction, error);
}

/**
 * crm_session_get_setting:
 * @self: a #CrmSession
 * @key: the office setting
 * @default_value: (nullable): what to return when it is not set
 *
 * Returns: (transfer full) (nullable): the value (crm_database_get_setting())
 */
char *
crm_session_get_setting (CrmSession *self,
                         const char *key,
                         const char *default_value)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *value = NULL;
  gpointer cached;

  g_return_val_if_fail (CRM_IS_SESSION (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  g_mutex_lock (&self->settings_lock);
  if (self->kept_settings != NULL)
    {
      const char *kept = g_hash_table_lookup (self->kept_settings, key);
      char *copy = g_strdup (kept != NULL ? kept : default_value);

      g_mutex_unlock (&self->settings_lock);
      return copy;
    }
  /* read once for all the rows of a screen, not once a row */
  if (now - self->settings_since > SETTINGS_FRESH_USEC)
    {
      g_hash_table_remove_all (self->settings);
      self->settings_since = now;
    }
  if (g_hash_table_lookup_extended (self->settings, key, NULL, &cached))
    {
      char *copy = g_strdup (cached != NULL ? cached : default_value);

      g_mutex_unlock (&self->settings_lock);
      return copy;
    }
  g_mutex_unlock (&self->settings_lock);

  value = crm_database_get_setting (self->database, key, NULL);
  g_mutex_lock (&self->settings_lock);
  g_hash_table_insert (self->settings, g_strdup (key), g_strdup (value));
  g_mutex_unlock (&self->settings_lock);

  return g_strdup (value != NULL ? value : default_value);
}

gboolean
crm_session_set_setting (CrmSession  *self,
                         const char  *key,
                         const char  *value,
                         GError     **error)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), FALSE);

  /* told as a change of the database: forget_settings () */
  return crm_database_set_setting (self->database, key, value, error);
}

/**
 * crm_session_list_history:
 * @self: a #CrmSession
 * @entity: the kind of record
 * @entity_id: its id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the newest 200 #CrmHistoryEntry rows, newest first
 */
GListModel *
crm_session_list_history (CrmSession  *self,
                          const char  *entity,
                          gint64       entity_id,
                          GError     **error)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), NULL);

  return crm_database_list_history (self->database, entity, entity_id, error);
}

typedef struct
{
  CrmSession          *session;   /* released on the caller's thread, never on the worker */
  CrmSessionReadFunc     func;
  gpointer             data;
  GDestroyNotify       destroy;
  GDestroyNotify       result_free;
  GAsyncReadyCallback  callback;
  gint64               queued_at;
  gint64               began_at;
  gint64               ended_at;
  gpointer             user_data;
  gboolean             write;
  guint64              turn;      /* a write's place in its session's order */
  gint64               user_id;   /* who asked for it */
  GPtrArray           *changes;   /* and what it changed */
} ReadJob;

/* reads on their way, in the whole process */
static guint n_reading;

/**
 * crm_session_count_reading:
 *
 * For benchmarks and tests, which wait until what the user asked for
 * is on screen: how many reads of crm_session_read_async() and the
 * crm_*_store_*_async() built on it are on their way.
 *
 * Returns: the number of reads not yet answered
 */
guint
crm_session_count_reading (void)
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
  /* what a write changed is told here, on the caller's thread, as if
   * this session had written it (its database does not tell it again
   * when it follows the journal) */
  if (job->write)
    {
      CrmDatabase *database = job->session->database;

      for (guint i = 0; job->changes != NULL && i < job->changes->len; i++)
        {
          g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (job->changes, i), "\x1f", 2);

          crm_database_emit_changed (database, parts[0], g_ascii_strtoll (parts[1], NULL, 10));
        }
    }
  if (job->callback != NULL)
    job->callback (G_OBJECT (job->session), result, job->user_data);
  g_clear_object (&job->session);
  g_atomic_int_dec_and_test (&n_reading);
}

static void
read_job_free (gpointer data)
{
  ReadJob *job = data;

  if (job->destroy != NULL)
    job->destroy (job->data);
  g_clear_pointer (&job->changes, g_ptr_array_unref);
  g_free (job);
}

/* On the writer's thread, under writer_lock: what a write changes. */
static void
writer_changed_cb (CrmSession  *self,
                   const char  *entity,
                   gint64       id,
                   CrmDatabase *writer)
{
  if (self->writer_changes != NULL)
    g_ptr_array_add (self->writer_changes, g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT, entity, id));
}

static CrmSession *
open_writer (CrmSession  *self,
             GError     **error)
{
  g_autoptr(CrmDatabase) database = crm_database_open_writer (self->database, error);
  CrmSession *writer;

  if (database == NULL)
    return NULL;
  writer = crm_session_new (database, self->clock);
  g_signal_connect_object (database, "changed", G_CALLBACK (writer_changed_cb), self, G_CONNECT_SWAPPED);

  return writer;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  CrmSession *self = job->session;
  g_autoptr(GError) error = NULL;
  gpointer result = NULL;
  gboolean ok;

  if (job->write)
    {
      /* writes are made in the order they were asked for, whichever
       * worker takes them: a later value never goes under an earlier */
      g_mutex_lock (&self->writer_lock);
      while (self->writes_done != job->turn)
        g_cond_wait (&self->writer_turn, &self->writer_lock);
      job->began_at = g_get_monotonic_time ();
      /* a write the caller gave up before it began is not made */
      if (!g_cancellable_set_error_if_cancelled (cancellable, &error) && self->writer == NULL)
        self->writer = open_writer (self, &error);
      if (error == NULL && self->writer != NULL)
        {
          /* in the name of whoever asked */
          self->writer->user_id = job->user_id;
          self->writer_changes = g_ptr_array_new_with_free_func (g_free);
          ok = job->func (self->writer, job->data, &result, cancellable, &error);
          job->changes = g_steal_pointer (&self->writer_changes);
        }
      else
        ok = FALSE;
      job->ended_at = g_get_monotonic_time ();
      self->writes_done++;
      g_cond_broadcast (&self->writer_turn);
      g_mutex_unlock (&self->writer_lock);
    }
  else
    {
      /* a read the caller gave up before it began is not run at all */
      if (g_task_return_error_if_cancelled (task))
        return;

      g_mutex_lock (&self->reader_lock);
      job->began_at = g_get_monotonic_time ();
      /* one of the readers the session keeps, shared with its lists */
      self->reader = _crm_session_take_reader (self, &error);
      ok = self->reader != NULL && job->func (self->reader, job->data, &result, cancellable, &error);
      _crm_session_give_back_reader (self, g_steal_pointer (&self->reader));
      job->ended_at = g_get_monotonic_time ();
      g_mutex_unlock (&self->reader_lock);
    }

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, job->result_free);
}

/**
 * crm_session_read_async:
 * @self: a #CrmSession
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
 * on a slow query; reads of one session run one after the other. Get the
 * result with crm_session_read_finish().
 */
void
crm_session_read_async (CrmSession          *self,
                        CrmSessionReadFunc   func,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadJob *job = g_new0 (ReadJob, 1);

  g_return_if_fail (CRM_IS_SESSION (self));
  g_return_if_fail (func != NULL);

  job->session = g_object_ref (self);
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
  g_task_set_source_tag (task, crm_session_read_async);
  g_task_set_task_data (task, job, read_job_free);
  _crm_task_run_in_background (task, read_thread);
}

/**
 * crm_session_write_async:
 * @self: a #CrmSession
 * @func: writes, on a worker thread, with a session of its own (the
 *   same user and clock) on a connection of its own that writes
 * @data: for @func; freed with @data_free once the write is done
 * @data_free: (nullable): frees @data
 * @result_free: (nullable): frees what @func returned when nobody
 *   takes it
 * @cancellable: (nullable): a #GCancellable; a write cancelled before
 *   it began is not run
 * @callback: called on the thread-default main context of the caller
 * @user_data: for @callback
 *
 * Writes off the caller's thread, so that a window never waits on the
 * database while it saves; writes of one session run one after the
 * other. Before @callback runs, @self's database tells what the write
 * changed (#CrmDatabase::changed), as if @self had written it. Get the
 * result with crm_session_write_finish().
 */
void
crm_session_write_async (CrmSession          *self,
                         CrmSessionReadFunc   func,
                         gpointer             data,
                         GDestroyNotify       data_free,
                         GDestroyNotify       result_free,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadJob *job = g_new0 (ReadJob, 1);

  g_return_if_fail (CRM_IS_SESSION (self));
  g_return_if_fail (func != NULL);

  job->session = g_object_ref (self);
  job->func = func;
  job->data = data;
  job->destroy = data_free;
  job->result_free = result_free;
  job->callback = callback;
  job->user_data = user_data;
  job->write = TRUE;
  job->user_id = self->user_id;
  g_mutex_lock (&self->writer_lock);
  job->turn = self->writes_queued++;
  g_mutex_unlock (&self->writer_lock);
  job->queued_at = g_get_monotonic_time ();
  g_atomic_int_inc (&n_reading);
  task = g_task_new (NULL, cancellable, read_done_cb, NULL);
  g_task_set_source_tag (task, crm_session_write_async);
  g_task_set_task_data (task, job, read_job_free);
  _crm_task_run_in_background (task, read_thread);
}

static gboolean
announce_write (CrmSession    *writer,
                gpointer       data,
                gpointer      *result,
                GCancellable  *cancellable,
                GError       **error)
{
  if (!crm_database_announce (writer->database, data, error))
    return FALSE;
  *result = GINT_TO_POINTER (1);

  return TRUE;
}

static void
announced_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* a word lost is no harm: the next one says it again */
  if (crm_session_write_finish (CRM_SESSION (object), result, &error) == NULL)
    g_debug ("announcing: %s", error->message);
}

/**
 * crm_session_announce:
 * @self: a #CrmSession
 * @message: what its user is doing, for the other desktops
 *
 * crm_database_announce() off the caller's thread, on the session's
 * writer, in the order of its writes; nothing to wait for.
 */
void
crm_session_announce (CrmSession *self,
                      const char *message)
{
  g_return_if_fail (CRM_IS_SESSION (self));
  g_return_if_fail (message != NULL);

  /* only the team's database has other desktops */
  if (crm_database_get_dialect (self->database) != CRM_DIALECT_POSTGRESQL)
    return;
  crm_session_write_async (self, announce_write, g_strdup (message), g_free, NULL, NULL, announced_cb, NULL);
}

/**
 * crm_session_write_finish:
 * @self: a #CrmSession
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what the write function
 *   returned, or %NULL with @error set
 */
gpointer
crm_session_write_finish (CrmSession    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == crm_session_write_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * crm_session_read_finish:
 * @self: a #CrmSession
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what the read function read,
 *   or %NULL with @error set
 */
gpointer
crm_session_read_finish (CrmSession    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (CRM_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == crm_session_read_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
warm_up_read (CrmSession    *reader,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  /* the first statement parses the schema; then its pages are cached */
  stmt = crm_database_prepare (reader->database, "SELECT count(*) FROM users", error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_step (stmt);
  *result = GINT_TO_POINTER (1);

  return TRUE;
}

/**
 * crm_session_warm_up:
 * @self: a #CrmSession
 *
 * Opens the connection crm_session_read_async() reads with, and has it
 * read the schema, on a worker: called as a window starts, so that the
 * first page a user opens does not wait for it.
 */
void
crm_session_warm_up (CrmSession *self)
{
  g_return_if_fail (CRM_IS_SESSION (self));

  crm_session_read_async (self, warm_up_read, NULL, NULL, NULL, NULL, NULL, NULL);
}

