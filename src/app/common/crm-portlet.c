/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-portlet"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-portlet.h"

/**
 * CrmPortlet:
 *
 * A box of the Start page (OF11): a card with a title and a button
 * that removes it from the page, around the content a subclass gives
 * (#CrmPortlet:content, set in the subclass's template). The Start
 * page hands every portlet the store, the user and the settings; the
 * portlet shows again what they hold, also after the store's records
 * change (at idle, once for many changes), reading off the main thread
 * (#CrmPortletClass).
 *
 * Derivable so that each kind of portlet is a class of its own with
 * its own template, and the Start page can hold any of them. Each
 * subclass disposes its own template; this class only unparents its
 * box: GTK 4.8's gtk_widget_dispose_template() reads the list of
 * template children from the instance's class, not from the type it
 * is given, so the base class's call would look for the subclass's
 * children (the references the template keeps go at finalize).
 */
typedef struct
{
  /* template widgets */
  GtkWidget *box;
  GtkLabel  *title_label;
  GtkWidget *remove_button;

  /* borrowed */
  GtkWidget *content;

  /* owned */
  char      *portlet_id;
  CrmSession  *session;
  CrmUser   *user;
  GSettings *settings;
  guint      reload_source;
  GCancellable *reading;
  gboolean   pending;   /* the store changed while nobody saw the portlet */
} CrmPortletPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CrmPortlet, crm_portlet, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PORTLET_ID,
  PROP_TITLE,
  PROP_CONTENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A reload's read, on the worker. */
typedef struct
{
  gpointer      (*read) (CrmSession  *reader,
                         gpointer   query,
                         GError   **error);
  gpointer        query;
  GDestroyNotify  query_free;
} ReadJob;

static void
read_job_free (gpointer data)
{
  ReadJob *job = data;

  if (job->query_free != NULL && job->query != NULL)
    job->query_free (job->query);
  g_free (job);
}

static gboolean
read_in_thread (CrmSession    *reader,
                gpointer       data,
                gpointer      *result,
                GCancellable  *cancellable,
                GError       **error)
{
  ReadJob *job = data;

  g_autoptr(GError) local_error = NULL;

  *result = job->read (reader, job->query, &local_error);
  if (*result != NULL)
    return TRUE;

  if (local_error == NULL)
    local_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "nothing read");
  g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmPortlet) self = user_data;
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);
  CrmPortletClass *klass = CRM_PORTLET_GET_CLASS (self);
  g_autoptr(GError) error = NULL;
  gpointer read = crm_session_read_finish (CRM_SESSION (object), result, &error);

  if (read == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Reading what the portlet “%s” shows failed: %s",
                   priv->portlet_id ? priv->portlet_id : "", error->message);
      return;
    }

  g_clear_object (&priv->reading);
  g_debug ("portlet %s read", priv->portlet_id ? priv->portlet_id : "");
  if (klass->apply != NULL)
    klass->apply (self, read);
  if (klass->result_free != NULL)
    klass->result_free (read);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  CrmPortlet *self = user_data;
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);

  priv->reload_source = 0;
  crm_portlet_reload (self);

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (CrmPortlet *self,
                  const char *entity,
                  gint64      id,
                  CrmSession *session)
{
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);

  if (!CRM_PORTLET_GET_CLASS (self)->watches (self, entity))
    return;
  /* nobody sees it (another page is shown): read once it is shown */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      priv->pending = TRUE;
      return;
    }
  if (priv->reload_source == 0)
    priv->reload_source = g_idle_add (reload_idle_cb, self);
}

static gboolean
crm_portlet_real_watches (CrmPortlet *self,
                          const char *entity)
{
  return TRUE;
}

static void
crm_portlet_map (GtkWidget *widget)
{
  CrmPortlet *self = CRM_PORTLET (widget);
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);

  GTK_WIDGET_CLASS (crm_portlet_parent_class)->map (widget);

  if (priv->pending)
    {
      priv->pending = FALSE;
      crm_portlet_reload (self);
    }
}

static void
crm_portlet_constructed (GObject *object)
{
  CrmPortlet *self = CRM_PORTLET (object);
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);

  G_OBJECT_CLASS (crm_portlet_parent_class)->constructed (object);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (priv->remove_button), "s",
                                    priv->portlet_id ? priv->portlet_id : "");
}

static void
crm_portlet_dispose (GObject *object)
{
  CrmPortlet *self = CRM_PORTLET (object);
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);
  GtkWidget *child;

  g_clear_handle_id (&priv->reload_source, g_source_remove);
  g_cancellable_cancel (priv->reading);
  g_clear_object (&priv->reading);
  /* not gtk_widget_dispose_template (): see the top of the file */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  priv->content = NULL;
  priv->box = NULL;
  priv->title_label = NULL;
  priv->remove_button = NULL;
  g_clear_object (&priv->session);
  g_clear_object (&priv->user);
  g_clear_object (&priv->settings);

  G_OBJECT_CLASS (crm_portlet_parent_class)->dispose (object);
}

static void
crm_portlet_finalize (GObject *object)
{
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (CRM_PORTLET (object));

  g_free (priv->portlet_id);

  G_OBJECT_CLASS (crm_portlet_parent_class)->finalize (object);
}

static void
crm_portlet_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CrmPortlet *self = CRM_PORTLET (object);
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_PORTLET_ID:
      g_value_set_string (value, priv->portlet_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, crm_portlet_get_title (self));
      break;

    case PROP_CONTENT:
      g_value_set_object (value, priv->content);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_portlet_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CrmPortlet *self = CRM_PORTLET (object);
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_PORTLET_ID:
      priv->portlet_id = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      crm_portlet_set_title (self, g_value_get_string (value));
      break;

    case PROP_CONTENT:
      crm_portlet_set_content (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_portlet_class_init (CrmPortletClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_portlet_constructed;
  object_class->dispose = crm_portlet_dispose;
  object_class->finalize = crm_portlet_finalize;
  object_class->get_property = crm_portlet_get_property;
  object_class->set_property = crm_portlet_set_property;

  widget_class->map = crm_portlet_map;

  klass->watches = crm_portlet_real_watches;

  /**
   * CrmPortlet:portlet-id:
   *
   * The portlet's name in the start-portlets setting ("welcome", …).
   */
  properties[PROP_PORTLET_ID] =
    g_param_spec_string ("portlet-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmPortlet:content:
   *
   * What the portlet shows under its title.
   */
  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL, GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/common/crm-portlet.ui");
  gtk_widget_class_bind_template_child_private (widget_class, CrmPortlet, box);
  gtk_widget_class_bind_template_child_private (widget_class, CrmPortlet, title_label);
  gtk_widget_class_bind_template_child_private (widget_class, CrmPortlet, remove_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_portlet_init (CrmPortlet *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_portlet_get_portlet_id:
 * @self: a #CrmPortlet
 *
 * Returns: (nullable): the portlet's name in the settings
 */
const char *
crm_portlet_get_portlet_id (CrmPortlet *self)
{
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_PORTLET (self), NULL);

  return priv->portlet_id;
}

const char *
crm_portlet_get_title (CrmPortlet *self)
{
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_PORTLET (self), NULL);

  return gtk_label_get_label (priv->title_label);
}

void
crm_portlet_set_title (CrmPortlet *self,
                       const char *title)
{
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);

  g_return_if_fail (CRM_IS_PORTLET (self));

  if (g_strcmp0 (title, gtk_label_get_label (priv->title_label)) == 0)
    return;

  gtk_label_set_label (priv->title_label, title ? title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * crm_portlet_get_content:
 * @self: a #CrmPortlet
 *
 * Returns: (transfer none) (nullable): what the portlet shows
 */
GtkWidget *
crm_portlet_get_content (CrmPortlet *self)
{
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_PORTLET (self), NULL);

  return priv->content;
}

void
crm_portlet_set_content (CrmPortlet *self,
                         GtkWidget  *content)
{
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);

  g_return_if_fail (CRM_IS_PORTLET (self));
  g_return_if_fail (!content || GTK_IS_WIDGET (content));

  if (priv->content == content)
    return;

  if (priv->content != NULL)
    gtk_box_remove (GTK_BOX (priv->box), priv->content);
  priv->content = content;
  if (content != NULL)
    gtk_box_append (GTK_BOX (priv->box), content);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

/**
 * crm_portlet_get_store:
 * @self: a #CrmPortlet
 *
 * Returns: (transfer none) (nullable): the store
 */
CrmSession *
crm_portlet_get_session (CrmPortlet *self)
{
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_PORTLET (self), NULL);

  return priv->session;
}

/**
 * crm_portlet_get_user:
 * @self: a #CrmPortlet
 *
 * Returns: (transfer none) (nullable): who is working
 */
CrmUser *
crm_portlet_get_user (CrmPortlet *self)
{
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_PORTLET (self), NULL);

  return priv->user;
}

/**
 * crm_portlet_get_settings:
 * @self: a #CrmPortlet
 *
 * Returns: (transfer none) (nullable): the user's settings
 */
GSettings *
crm_portlet_get_settings (CrmPortlet *self)
{
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_PORTLET (self), NULL);

  return priv->settings;
}

/**
 * crm_portlet_set_context:
 * @self: a #CrmPortlet
 * @store: (nullable): the store
 * @user: (nullable): who is working
 * @settings: (nullable): the user's settings
 *
 * What the portlet shows things from; it shows them again, once
 * someone works.
 */
void
crm_portlet_set_context (CrmPortlet *self,
                         CrmSession *session,
                         CrmUser    *user,
                         GSettings  *settings)
{
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);

  g_return_if_fail (CRM_IS_PORTLET (self));
  g_return_if_fail (!session || CRM_IS_SESSION (session));

  if (priv->session != session)
    {
      if (priv->session != NULL)
        g_signal_handlers_disconnect_by_data (priv->session, self);
      g_set_object (&priv->session, session);
      if (session != NULL)
        g_signal_connect_object (crm_session_get_database (session), "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
    }
  g_set_object (&priv->user, user);
  g_set_object (&priv->settings, settings);
  /* a page built before anyone works reads once someone does */
  if (user != NULL)
    crm_portlet_reload (self);
}

/**
 * crm_portlet_reload:
 * @self: a #CrmPortlet
 *
 * Shows again what the store holds.
 */
void
crm_portlet_reload (CrmPortlet *self)
{
  CrmPortletPrivate *priv = crm_portlet_get_instance_private (self);
  CrmPortletClass *klass;
  gpointer query;
  ReadJob *job;

  g_return_if_fail (CRM_IS_PORTLET (self));

  klass = CRM_PORTLET_GET_CLASS (self);
  priv->pending = FALSE;
  g_clear_handle_id (&priv->reload_source, g_source_remove);
  g_cancellable_cancel (priv->reading);
  g_clear_object (&priv->reading);
  if (priv->session == NULL || klass->read == NULL)
    return;

  query = klass->prepare != NULL ? klass->prepare (self) : NULL;
  job = g_new0 (ReadJob, 1);
  job->read = klass->read;
  job->query = query;
  job->query_free = klass->query_free;
  priv->reading = g_cancellable_new ();
  crm_session_read_async (priv->session, read_in_thread, job, read_job_free, klass->result_free, priv->reading,
                        read_done_cb, g_object_ref (self));
}
