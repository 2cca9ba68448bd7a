/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "crm-store-private.h"

/**
 * CrmStore:
 *
 * What every module's store is: that module's SQL and the mapping of
 * its rows, working in one #CrmSession (whose user the history rows
 * name, whose clock dates them) over the session's #CrmDatabase. A
 * module's store is got from a session, e.g. with
 * crm_ticket_store_from_session (); the session keeps it, and a store
 * never outlives its session.
 */
typedef struct
{
  CrmSession         *session;    /* weak: the session owns its stores */
  CrmDatabase        *database;   /* the session's */

  /* _crm_store_keep (): what is kept, as last read on a worker, NULL
   * until that read is in */
  CrmSessionReadFunc  keep_read;
  GDestroyNotify      keep_free;
  gpointer            kept;
  GCancellable       *keep_reading;
} CrmStorePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CrmStore, crm_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_store_dispose (GObject *object)
{
  CrmStorePrivate *priv = crm_store_get_instance_private (CRM_STORE (object));

  g_cancellable_cancel (priv->keep_reading);
  g_clear_object (&priv->keep_reading);
  if (priv->kept != NULL)
    g_clear_pointer (&priv->kept, priv->keep_free);

  G_OBJECT_CLASS (crm_store_parent_class)->dispose (object);
}

static void
crm_store_finalize (GObject *object)
{
  CrmStorePrivate *priv = crm_store_get_instance_private (CRM_STORE (object));

  g_clear_weak_pointer (&priv->session);

  G_OBJECT_CLASS (crm_store_parent_class)->finalize (object);
}

static void
crm_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CrmStorePrivate *priv = crm_store_get_instance_private (CRM_STORE (object));

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, priv->session);
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
  CrmStorePrivate *priv = crm_store_get_instance_private (CRM_STORE (object));

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_weak_pointer (&priv->session, g_value_get_object (value));
      priv->database = crm_session_get_database (priv->session);
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
  object_class->set_property = crm_store_set_property;

  /**
   * CrmStore:session:
   *
   * The session the store works in.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_store_init (CrmStore *self)
{
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
  CrmStorePrivate *priv = crm_store_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return priv->session;
}

/**
 * crm_store_get_database:
 * @self: a #CrmStore
 *
 * Returns: (transfer none): the database of the store's session
 */
CrmDatabase *
crm_store_get_database (CrmStore *self)
{
  CrmStorePrivate *priv = crm_store_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return priv->database;
}

/* Whether the row @sql (a SELECT EXISTS with one parameter: @text, or
 * @id when @text is %NULL) finds exists: for the checks of filters. */
gboolean
_crm_store_exists (CrmStore    *self,
                   const char  *sql,
                   const char  *text,
                   gint64       id,
                   gboolean    *found,
                   GError     **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (text != NULL)
    crm_statement_bind_text (stmt, 1, text);
  else
    crm_statement_bind_int64 (stmt, 1, id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  *found = crm_statement_get_int (stmt, 0) != 0;

  return TRUE;
}

/* What a window keeps in memory */

static void
kept_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmStore) self = user_data;
  CrmStorePrivate *priv = crm_store_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  gpointer kept = crm_session_read_finish (CRM_SESSION (source), result, &error);

  /* read before a change that came meanwhile: another read is on its way */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      if (kept != NULL)
        priv->keep_free (kept);
      return;
    }
  if (kept == NULL)
    {
      g_warning ("Reading what %s keeps failed: %s", G_OBJECT_TYPE_NAME (self), error->message);
      return;
    }
  if (priv->kept != NULL)
    priv->keep_free (priv->kept);
  priv->kept = kept;
}

static void
read_kept (CrmStore *self)
{
  CrmStorePrivate *priv = crm_store_get_instance_private (self);

  g_cancellable_cancel (priv->keep_reading);
  g_clear_object (&priv->keep_reading);
  priv->keep_reading = g_cancellable_new ();
  crm_session_read_async (priv->session, priv->keep_read, NULL, NULL, priv->keep_free, priv->keep_reading,
                          kept_read_cb, g_object_ref (self));
}

static void
kept_changed_cb (CrmStore *self)
{
  CrmStorePrivate *priv = crm_store_get_instance_private (self);

  /* the database answers until the new read is in */
  if (priv->kept != NULL)
    g_clear_pointer (&priv->kept, priv->keep_free);
  read_kept (self);
}

/* Keeps what @read gives, @kept now (NULL: until a read on a worker
 * is in), read again on every change of @entity. */
static void
start_keeping (CrmStore           *self,
               const char         *entity,
               CrmSessionReadFunc  read,
               GDestroyNotify      free_func,
               gpointer            kept)
{
  CrmStorePrivate *priv = crm_store_get_instance_private (self);
  g_autofree char *signal = g_strdup_printf ("changed::%s", entity);

  priv->keep_read = read;
  priv->keep_free = free_func;
  priv->kept = kept;
  g_signal_connect_object (priv->database, signal, G_CALLBACK (kept_changed_cb), self, G_CONNECT_SWAPPED);
  if (kept == NULL)
    read_kept (self);
}

/*
 * _crm_store_keep:
 * @self: a store of the window's session
 * @entity: the kind of change (#CrmDatabase::changed) that reads it again
 * @read: reads what is kept, on a worker's session
 * @free_func: frees what @read gives
 *
 * For the window's session, whose main loop must not wait on the
 * database: what @read gives is read on a worker now and after every
 * change of @entity (this desktop's or, when it follows the database,
 * another's), and _crm_store_get_kept() gives it meanwhile, or NULL
 * until it is in (the store then reads the database as before).
 */
void
_crm_store_keep (CrmStore           *self,
                 const char         *entity,
                 CrmSessionReadFunc  read,
                 GDestroyNotify      free_func)
{
  CrmStorePrivate *priv = crm_store_get_instance_private (self);

  if (priv->keep_read == NULL)
    start_keeping (self, entity, read, free_func, NULL);
}

/*
 * _crm_store_keep_now:
 *
 * As _crm_store_keep (), but read now, on the calling thread, through
 * the store's own session: for a session opened on a worker, before it
 * is handed to the window, whose first frame then needs no read.
 */
gboolean
_crm_store_keep_now (CrmStore            *self,
                     const char          *entity,
                     CrmSessionReadFunc   read,
                     GDestroyNotify       free_func,
                     GError             **error)
{
  CrmStorePrivate *priv = crm_store_get_instance_private (self);
  gpointer kept = NULL;

  if (priv->keep_read != NULL)
    return TRUE;
  if (!read (priv->session, NULL, &kept, NULL, error))
    return FALSE;
  start_keeping (self, entity, read, free_func, kept);

  return TRUE;
}

/*
 * _crm_store_keep_from:
 * @source: the same store of another session on the same database
 * @copy: copies what @source keeps
 *
 * As _crm_store_keep (), starting from what @source keeps when it has
 * it (both are told of the same changes: their database is one), and
 * read on a worker otherwise.
 */
void
_crm_store_keep_from (CrmStore           *self,
                      CrmStore           *source,
                      const char         *entity,
                      CrmSessionReadFunc  read,
                      GBoxedCopyFunc      copy,
                      GDestroyNotify      free_func)
{
  CrmStorePrivate *priv = crm_store_get_instance_private (self);
  CrmStorePrivate *from = crm_store_get_instance_private (source);

  g_return_if_fail (from->database == priv->database);

  if (priv->keep_read == NULL)
    start_keeping (self, entity, read, free_func, from->kept != NULL ? copy (from->kept) : NULL);
}

/* (transfer none): what _crm_store_keep () read, or NULL */
gpointer
_crm_store_get_kept (CrmStore *self)
{
  CrmStorePrivate *priv = crm_store_get_instance_private (self);

  return priv->kept;
}
