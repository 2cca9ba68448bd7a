/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "crm-session.h"

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

  /* GType → the store of that module working in this session */
  GHashTable  *stores;
};

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
  g_clear_object (&self->database);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (crm_session_parent_class)->finalize (object);
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
