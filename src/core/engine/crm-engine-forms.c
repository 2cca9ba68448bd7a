/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-engine"

#include "config.h"

#include "crm-engine-forms.h"

/**
 * CrmEngineForms:
 *
 * The referral forms' server in the office's one engine
 * (ARCHITECTURE.md, "Engine ownership"): started with the engine when
 * the office's settings say so (crmctl settings forms-server), or as
 * `crmctl serve --http` tells it (crm_engine_forms_set_override ()),
 * and stopped with it. Reading the settings and starting the server
 * wait on neither the database nor the Secret Service on the main
 * loop. #CrmEngineForms:port is where it listens, 0 when it does not;
 * #CrmEngineForms:problem why it could not.
 */

struct _CrmEngineForms
{
  GObject          parent_instance;

  CrmFormSettings *override;
  CrmFormServer   *server;
  GCancellable    *cancellable;
  guint            port;
  char            *problem;
};

G_DEFINE_FINAL_TYPE (CrmEngineForms, crm_engine_forms, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PORT,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_state (CrmEngineForms *self,
           guint           port,
           const char     *problem)
{
  if (self->port != port)
    {
      self->port = port;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
    }
  if (g_strcmp0 (self->problem, problem) != 0)
    {
      g_free (self->problem);
      self->problem = g_strdup (problem);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
    }
}

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CrmEngineForms) self = user_data;
  CrmFormServer *server = CRM_FORM_SERVER (object);
  g_autoptr(GError) error = NULL;

  if (!crm_form_server_start_finish (server, result, &error))
    {
      if (self->server == server)
        {
          g_clear_object (&self->server);
          set_state (self, 0, error->message);
        }
      return;
    }
  if (self->server != server)
    {
      /* stopped meanwhile */
      crm_form_server_stop (server);
      return;
    }
  g_debug ("serving the referral forms on %s port %u", crm_form_server_get_address (server),
           crm_form_server_get_port (server));
  set_state (self, crm_form_server_get_port (server), NULL);
}

static void
serve (CrmEngineForms        *self,
       CrmSession            *session,
       const CrmFormSettings *settings)
{
  if (!settings->enabled)
    return;
  self->server = crm_form_server_new (session, settings);
  crm_form_server_start_async (self->server, self->cancellable, started_cb, g_object_ref (self));
}

static gboolean
settings_read (CrmSession    *reader,
               gpointer       data,
               gpointer      *result,
               GCancellable  *cancellable,
               GError       **error)
{
  *result = crm_form_settings_load (reader);

  return TRUE;
}

typedef struct
{
  CrmEngineForms *self;
  CrmSession     *session;
} Reading;

static void
settings_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Reading *reading = user_data;
  g_autoptr(CrmEngineForms) self = reading->self;
  g_autoptr(CrmSession) session = reading->session;
  g_autoptr(CrmFormSettings) settings = NULL;
  g_autoptr(GError) error = NULL;

  g_free (reading);
  settings = crm_session_read_finish (CRM_SESSION (object), result, &error);
  if (settings == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_state (self, 0, error->message);
      return;
    }
  serve (self, session, settings);
}

/* Overrides */

static void
crm_engine_forms_dispose (GObject *object)
{
  CrmEngineForms *self = CRM_ENGINE_FORMS (object);

  _crm_engine_forms_stop (self);

  G_OBJECT_CLASS (crm_engine_forms_parent_class)->dispose (object);
}

static void
crm_engine_forms_finalize (GObject *object)
{
  CrmEngineForms *self = CRM_ENGINE_FORMS (object);

  g_clear_pointer (&self->override, crm_form_settings_free);
  g_free (self->problem);

  G_OBJECT_CLASS (crm_engine_forms_parent_class)->finalize (object);
}

static void
crm_engine_forms_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrmEngineForms *self = CRM_ENGINE_FORMS (object);

  switch (prop_id)
    {
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_engine_forms_class_init (CrmEngineFormsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_engine_forms_dispose;
  object_class->finalize = crm_engine_forms_finalize;
  object_class->get_property = crm_engine_forms_get_property;

  /**
   * CrmEngineForms:port:
   *
   * The port the forms are served on; 0 when they are not.
   */
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, 65535, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CrmEngineForms:problem:
   *
   * Why the forms could not be served (the address is taken, not this
   * computer's…), or %NULL.
   */
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_engine_forms_init (CrmEngineForms *self)
{
}

/* Public API */

CrmEngineForms *
_crm_engine_forms_new (void)
{
  return g_object_new (CRM_TYPE_ENGINE_FORMS, NULL);
}

/*
 * With the engine: serves the forms when the office's settings (or the
 * override) say so.
 */
void
_crm_engine_forms_start (CrmEngineForms *self,
                         CrmSession     *session)
{
  Reading *reading;

  g_return_if_fail (CRM_IS_ENGINE_FORMS (self));
  g_return_if_fail (CRM_IS_SESSION (session));

  _crm_engine_forms_stop (self);
  self->cancellable = g_cancellable_new ();
  if (self->override != NULL)
    {
      serve (self, session, self->override);
      return;
    }
  reading = g_new0 (Reading, 1);
  reading->self = g_object_ref (self);
  reading->session = g_object_ref (session);
  crm_session_read_async (session, settings_read, NULL, NULL, (GDestroyNotify) crm_form_settings_free,
                          self->cancellable, settings_read_cb, reading);
}

/* With the engine: stops serving, waiting for a submission being stored. */
void
_crm_engine_forms_stop (CrmEngineForms *self)
{
  g_return_if_fail (CRM_IS_ENGINE_FORMS (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->server != NULL)
    crm_form_server_stop (self->server);
  g_clear_object (&self->server);
  set_state (self, 0, self->problem);
}

/**
 * crm_engine_forms_set_override:
 * @self: a #CrmEngineForms
 * @settings: (nullable): where to serve the forms, whatever the
 *   office's settings; %NULL for the office's
 *
 * `crmctl serve --http ADDRESS:PORT`. Takes effect when the engine
 * starts.
 */
void
crm_engine_forms_set_override (CrmEngineForms        *self,
                               const CrmFormSettings *settings)
{
  g_return_if_fail (CRM_IS_ENGINE_FORMS (self));

  g_clear_pointer (&self->override, crm_form_settings_free);
  if (settings != NULL)
    self->override = crm_form_settings_copy (settings);
}

/**
 * crm_engine_forms_get_port:
 * @self: a #CrmEngineForms
 *
 * Returns: the port the forms are served on; 0 when they are not
 */
guint
crm_engine_forms_get_port (CrmEngineForms *self)
{
  g_return_val_if_fail (CRM_IS_ENGINE_FORMS (self), 0);

  return self->port;
}

/**
 * crm_engine_forms_get_problem:
 * @self: a #CrmEngineForms
 *
 * Returns: (nullable): why the forms could not be served
 */
const char *
crm_engine_forms_get_problem (CrmEngineForms *self)
{
  g_return_val_if_fail (CRM_IS_ENGINE_FORMS (self), NULL);

  return self->problem;
}
