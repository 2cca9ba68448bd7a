/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-mail-status.h"

/**
 * CrmMailStatus:
 *
 * What the mail engine is doing, at the foot of the sidebar: a line of
 * state ("Up to date", "Importing new mail…"), a progress bar while a
 * large import runs, and a button to look for mail now. The reason of
 * a failure is shown by the window's banner (see
 * #CrmMailStatus:problem).
 */
struct _CrmMailStatus
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkImage       *icon;
  GtkLabel       *label;
  GtkProgressBar *progress_bar;

  /* owned */
  CrmMailEngine  *engine;
  char           *problem;
};

G_DEFINE_FINAL_TYPE (CrmMailStatus, crm_mail_status, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What keeps mail from being read, or from leaving, in the server's
 * words where it gave any. */
static char *
dup_problem (CrmMailStatus *self)
{
  const char *send_problem;

  if (self->engine == NULL)
    return NULL;

  switch (crm_mail_engine_get_state (self->engine))
    {
    case CRM_MAIL_STATE_OFFLINE:
    case CRM_MAIL_STATE_STOPPED:
      return g_strdup (crm_mail_engine_get_error_message (self->engine));
    default:
      break;
    }

  send_problem = crm_mail_engine_get_send_problem (self->engine);
  if (send_problem != NULL)
    /* Translators: the mail server refused our mail for now; its words */
    return g_strdup_printf (_("Mail cannot be sent: %s. It is tried again."), send_problem);

  return NULL;
}

static void
update (CrmMailStatus *self)
{
  CrmMailState state = self->engine ? crm_mail_engine_get_state (self->engine) : CRM_MAIL_STATE_STOPPED;
  const char *icon = "mail-send-receive-symbolic";
  g_autofree char *text = NULL;

  switch (state)
    {
    case CRM_MAIL_STATE_CONNECTING:
      text = g_strdup (_("Connecting…"));
      break;
    case CRM_MAIL_STATE_SYNCING:
      text = g_strdup_printf (_("Importing new mail… %d %%"),
                              (int) (crm_mail_engine_get_progress (self->engine) * 100));
      break;
    case CRM_MAIL_STATE_WAITING:
      if (crm_mail_engine_get_send_problem (self->engine) != NULL)
        {
          icon = "dialog-warning-symbolic";
          text = g_strdup (_("Mail cannot be sent"));
        }
      else
        {
          icon = "emblem-ok-symbolic";
          text = g_strdup (_("Mail is up to date"));
        }
      break;
    case CRM_MAIL_STATE_OFFLINE:
      icon = "network-offline-symbolic";
      text = g_strdup (_("Offline; trying again"));
      break;
    case CRM_MAIL_STATE_NO_ACCOUNT:
      icon = "mail-unread-symbolic";
      text = g_strdup (_("No mail account"));
      break;
    case CRM_MAIL_STATE_STOPPED:
    default:
      icon = "action-unavailable-symbolic";
      text = g_strdup (_("Mail is not read here"));
      break;
    }

  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_label_set_label (self->label, text);
  g_free (self->problem);
  self->problem = dup_problem (self);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->problem);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), state == CRM_MAIL_STATE_SYNCING);
  if (state == CRM_MAIL_STATE_SYNCING)
    gtk_progress_bar_set_fraction (self->progress_bar, crm_mail_engine_get_progress (self->engine));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static void
crm_mail_status_dispose (GObject *object)
{
  CrmMailStatus *self = CRM_MAIL_STATUS (object);
  GtkWidget *child;

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_MAIL_STATUS);
  g_clear_pointer (&CRM_MAIL_STATUS (object)->problem, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (crm_mail_status_parent_class)->dispose (object);
}

static void
crm_mail_status_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmMailStatus *self = CRM_MAIL_STATUS (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_mail_status_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrmMailStatus *self = CRM_MAIL_STATUS (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      crm_mail_status_set_engine (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_mail_status_class_init (CrmMailStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_mail_status_dispose;
  object_class->get_property = crm_mail_status_get_property;
  object_class->set_property = crm_mail_status_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, CRM_TYPE_MAIL_ENGINE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmMailStatus:problem:
   *
   * Why mail is not read now, for a banner; %NULL when all is well.
   */
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/common/crm-mail-status.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmMailStatus, icon);
  gtk_widget_class_bind_template_child (widget_class, CrmMailStatus, label);
  gtk_widget_class_bind_template_child (widget_class, CrmMailStatus, progress_bar);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
crm_mail_status_init (CrmMailStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  update (self);
}

CrmMailEngine *
crm_mail_status_get_engine (CrmMailStatus *self)
{
  g_return_val_if_fail (CRM_IS_MAIL_STATUS (self), NULL);

  return self->engine;
}

void
crm_mail_status_set_engine (CrmMailStatus *self,
                            CrmMailEngine *engine)
{
  g_return_if_fail (CRM_IS_MAIL_STATUS (self));
  g_return_if_fail (engine == NULL || CRM_IS_MAIL_ENGINE (engine));

  if (self->engine == engine)
    return;

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    {
      g_signal_connect_swapped (engine, "notify::state", G_CALLBACK (update), self);
      g_signal_connect_swapped (engine, "notify::progress", G_CALLBACK (update), self);
      g_signal_connect_swapped (engine, "notify::error-message", G_CALLBACK (update), self);
      g_signal_connect_swapped (engine, "notify::send-problem", G_CALLBACK (update), self);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}
