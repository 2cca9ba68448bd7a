/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-background"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-background.h"

/**
 * CrmBackground:
 *
 * The application working on with its window closed (the per-user
 * setting "run-in-background", Preferences › Mail): the office's engine
 * (mail in and out, the automations' scheduler, the referral forms'
 * server) keeps running until the user chooses Quit — in the
 * notification that says so, in the window's menu, or by Ctrl+Q.
 *
 * The application holds itself while it works unseen, and asks the
 * desktop's Background portal (org.freedesktop.portal.Background) to be
 * let run; without the portal (not sandboxed, or no portal running) it
 * simply runs on. Opening the window again ends the background time.
 * Without a desktop session, `crmctl serve` (data/crm-serve.service, a
 * systemd user unit) runs the same engine.
 */
struct _CrmBackground
{
  GObject          parent_instance;

  GApplication    *application;   /* unowned: it owns us */
  GSettings       *settings;
  gboolean         held;
  gboolean         quitting;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (CrmBackground, crm_background, G_TYPE_OBJECT)

#define NOTIFICATION_ID "background"

static void
portal_answered_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  /* not sandboxed, or no portal: the application runs on regardless */
  if (reply == NULL)
    g_debug ("the Background portal: %s", error->message);
}

/* Asks the Background portal to let the application run unseen; the
 * answer (a Request's Response) matters only to a sandbox, which then
 * keeps or ends the application itself. */
static void
ask_portal (CrmBackground *self)
{
  GDBusConnection *bus = g_application_get_dbus_connection (self->application);
  GVariantBuilder options;

  if (bus == NULL)
    return;
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Reading and sending the office’s mail while the window is closed")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (FALSE));
  g_dbus_connection_call (bus, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                          "org.freedesktop.portal.Background", "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options), G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, self->cancellable, portal_answered_cb, NULL);
}

static void
notify (CrmBackground *self)
{
  g_autoptr(GNotification) notification = g_notification_new (_("CRM Works in the Background"));

  g_notification_set_body (notification, _("Mail is still read and sent, and automations run. Open CRM to see "
                                            "them, or quit it."));
  g_notification_set_default_action (notification, "app.activate");
  /* Translators: a button of a notification */
  g_notification_add_button (notification, C_("notification", "Open"), "app.activate");
  /* Translators: a button of a notification: the application stops */
  g_notification_add_button (notification, C_("notification", "Quit"), "app.quit");
  g_application_send_notification (self->application, NOTIFICATION_ID, notification);
}

static void
crm_background_dispose (GObject *object)
{
  CrmBackground *self = CRM_BACKGROUND (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (crm_background_parent_class)->dispose (object);
}

static void
crm_background_class_init (CrmBackgroundClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_background_dispose;
}

static void
crm_background_init (CrmBackground *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * crm_background_new:
 * @application: the application, which keeps this object
 * @settings: (nullable): the per-user settings ("run-in-background")
 *
 * Returns: (transfer full): a new #CrmBackground
 */
CrmBackground *
crm_background_new (GApplication *application,
                    GSettings    *settings)
{
  CrmBackground *self = g_object_new (CRM_TYPE_BACKGROUND, NULL);

  self->application = application;
  g_set_object (&self->settings, settings);

  return self;
}

/**
 * crm_background_window_closed:
 * @self: a #CrmBackground
 * @engine_running: whether the office's engine runs in this process
 *
 * The application's last window closed: it stays, held, when the user
 * asked it to run in the background and it has work to do; else it ends
 * as usual.
 *
 * Returns: whether the application stays
 */
gboolean
crm_background_window_closed (CrmBackground *self,
                              gboolean       engine_running)
{
  g_return_val_if_fail (CRM_IS_BACKGROUND (self), FALSE);

  if (self->held || self->quitting || !engine_running || self->settings == NULL ||
      !g_settings_get_boolean (self->settings, "run-in-background"))
    return self->held;

  self->held = TRUE;
  g_application_hold (self->application);
  ask_portal (self);
  notify (self);
  g_debug ("the window closed: working in the background");

  return TRUE;
}

/**
 * crm_background_window_opened:
 * @self: a #CrmBackground
 *
 * A window is open again: the background time ends.
 */
void
crm_background_window_opened (CrmBackground *self)
{
  g_return_if_fail (CRM_IS_BACKGROUND (self));

  if (!self->held)
    return;
  self->held = FALSE;
  g_application_withdraw_notification (self->application, NOTIFICATION_ID);
  g_application_release (self->application);
}

/**
 * crm_background_quit:
 * @self: a #CrmBackground
 *
 * The user chose Quit: closing the windows now ends the application.
 */
void
crm_background_quit (CrmBackground *self)
{
  g_return_if_fail (CRM_IS_BACKGROUND (self));

  self->quitting = TRUE;
  g_application_withdraw_notification (self->application, NOTIFICATION_ID);
}
