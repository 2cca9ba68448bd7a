/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-forms-server-group"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-form-settings.h"
#include "crm-forms-server-group.h"
#include "crm-toast.h"
#include "crm-widget-write.h"

/**
 * CrmFormsServerGroup:
 *
 * The referral forms' server in Preferences › Referrals: whether the
 * office's engine serves the forms, the address and port it listens on,
 * whether that address may be other than this computer's own (the
 * forms reach the Internet through the office's reverse proxy), and the
 * proxy whose X-Forwarded-For is believed (#CrmFormSettings). Office
 * settings, administrators only; the engine takes them when it starts
 * next. Read and written off the main loop.
 *
 * Built once the form server's branch (crm-form-settings.h) is in: add
 * this file to src/app/meson.build (po/POTFILES.in lists it already),
 * and the group to data/ui/crm-referral-settings-page.ui, after the
 * group of the forms' public address:
 *
 *   <child>
 *     <object class="CrmFormsServerGroup" id="server_group"/>
 *   </child>
 *
 * with, in crm-referral-settings-page.c, the template child bound,
 * g_type_ensure (CRM_TYPE_FORMS_SERVER_GROUP) in class_init and
 * crm_forms_server_group_set_session (self->server_group, session,
 * self->admin) in crm_referral_settings_page_set_session().
 */
struct _CrmFormsServerGroup
{
  AdwPreferencesGroup  parent_instance;

  /* widgets */
  GtkSwitch           *enabled_switch;
  AdwEntryRow         *listen_row;
  GtkSwitch           *public_switch;
  AdwEntryRow         *proxy_row;
  GtkLabel            *hint_label;

  /* owned */
  CrmSession          *session;
  CrmFormSettings     *stored;     /* as read, or last saved */
  gboolean             filling;    /* widgets set from what was read */
};

G_DEFINE_FINAL_TYPE (CrmFormsServerGroup, crm_forms_server_group, ADW_TYPE_PREFERENCES_GROUP)

static void
show_hint (CrmFormsServerGroup *self,
           const char          *message)
{
  gtk_label_set_text (self->hint_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), message != NULL);
}

static void
show_toast (CrmFormsServerGroup *self,
            const char          *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), crm_toast_new (message));
  else
    crm_toast_show (GTK_WIDGET (self), message);
}

static char *
listen_text (const CrmFormSettings *settings)
{
  return strchr (settings->address, ':') != NULL ? g_strdup_printf ("[%s]:%u", settings->address, settings->port)
                                                 : g_strdup_printf ("%s:%u", settings->address, settings->port);
}

static void
show_settings (CrmFormsServerGroup *self)
{
  g_autofree char *text = listen_text (self->stored);

  self->filling = TRUE;
  gtk_switch_set_active (self->enabled_switch, self->stored->enabled);
  gtk_switch_set_active (self->public_switch, self->stored->public_address);
  gtk_editable_set_text (GTK_EDITABLE (self->listen_row), text);
  gtk_editable_set_text (GTK_EDITABLE (self->proxy_row), self->stored->trusted_proxy != NULL ?
                                                         self->stored->trusted_proxy : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->listen_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->proxy_row), "error");
  show_hint (self, NULL);
  self->filling = FALSE;
}

static gboolean
read_settings (CrmSession    *reader,
               gpointer       data,
               gpointer      *result,
               GCancellable  *cancellable,
               GError       **error)
{
  *result = crm_form_settings_load (reader);

  return TRUE;
}

static void
settings_read_cb (GtkWidget    *widget,
                  gpointer      result,
                  const GError *error)
{
  CrmFormsServerGroup *self = CRM_FORMS_SERVER_GROUP (widget);

  if (result == NULL)
    {
      show_hint (self, error->message);
      return;
    }
  g_clear_pointer (&self->stored, crm_form_settings_free);
  self->stored = crm_form_settings_copy (result);
  show_settings (self);
}

static void
load (CrmFormsServerGroup *self)
{
  if (self->session == NULL)
    return;
  crm_widget_read (GTK_WIDGET (self), self->session, read_settings, NULL, NULL,
                   (GDestroyNotify) crm_form_settings_free, NULL, settings_read_cb);
}

/* The settings the widgets say, or %NULL with @error set. */
static CrmFormSettings *
typed_settings (CrmFormsServerGroup  *self,
                GError              **error)
{
  g_autoptr(CrmFormSettings) settings = g_new0 (CrmFormSettings, 1);
  g_autofree char *listen = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->listen_row))));
  g_autofree char *proxy = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->proxy_row))));

  settings->enabled = gtk_switch_get_active (self->enabled_switch);
  settings->public_address = gtk_switch_get_active (self->public_switch);
  settings->trusted_proxy = *proxy != '\0' ? g_steal_pointer (&proxy) : NULL;
  if (!crm_form_settings_parse_listen (listen, &settings->address, &settings->port, error) ||
      !crm_form_settings_check (settings, error))
    return NULL;

  return g_steal_pointer (&settings);
}

/* The fields checked as typed: what is wrong is said under them. */
static void
fields_changed_cb (CrmFormsServerGroup *self)
{
  g_autoptr(CrmFormSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listen = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->listen_row))));
  g_autofree char *address = NULL;
  guint port = 0;

  if (self->filling)
    return;
  settings = typed_settings (self, &error);
  show_hint (self, error != NULL ? error->message : NULL);
  if (!crm_form_settings_parse_listen (listen, &address, &port, NULL))
    gtk_widget_add_css_class (GTK_WIDGET (self->listen_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->listen_row), "error");
}

static gboolean
save_write (CrmSession  *writer,
            GVariant    *args,
            GError     **error)
{
  CrmFormSettings settings = { FALSE };
  const char *proxy;

  g_variant_get (args, "(b&subs)", &settings.enabled, &settings.address, &settings.port,
                 &settings.public_address, &proxy);
  settings.trusted_proxy = *proxy != '\0' ? (char *) proxy : NULL;

  return crm_form_settings_save (&settings, writer, error);
}

static void
saved_cb (GtkWidget    *widget,
          GVariant     *args,
          const GError *error)
{
  CrmFormsServerGroup *self = CRM_FORMS_SERVER_GROUP (widget);

  if (self->session == NULL)
    return;
  if (error != NULL)
    show_toast (self, error->message);
  else
    show_toast (self, _("Saved: the office’s engine serves the forms so from its next start."));
  load (self);
}

/* A switch turned, or an address applied: saved when the whole is
 * acceptable, else said and nothing saved. */
static void
save (CrmFormsServerGroup *self)
{
  g_autoptr(CrmFormSettings) settings = NULL;
  g_autoptr(GError) error = NULL;

  if (self->filling || self->session == NULL)
    return;
  if (!(settings = typed_settings (self, &error)))
    {
      show_hint (self, error->message);
      return;
    }
  crm_widget_write (GTK_WIDGET (self), self->session, save_write,
                    g_variant_new ("(bsubs)", settings->enabled, settings->address, settings->port,
                                   settings->public_address,
                                   settings->trusted_proxy != NULL ? settings->trusted_proxy : ""),
                    saved_cb);
}

static GtkSwitch *
switch_row (CrmFormsServerGroup *self,
            const char          *title,
            const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (save), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);

  return GTK_SWITCH (toggle);
}

static AdwEntryRow *
entry_row (CrmFormsServerGroup *self,
           const char          *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect_object (row, "changed", G_CALLBACK (fields_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "apply", G_CALLBACK (save), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);

  return ADW_ENTRY_ROW (row);
}

static void
crm_forms_server_group_dispose (GObject *object)
{
  CrmFormsServerGroup *self = CRM_FORMS_SERVER_GROUP (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->stored, crm_form_settings_free);

  G_OBJECT_CLASS (crm_forms_server_group_parent_class)->dispose (object);
}

static void
crm_forms_server_group_class_init (CrmFormsServerGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_forms_server_group_dispose;
}

static void
crm_forms_server_group_init (CrmFormsServerGroup *self)
{
  /* the rows are made one by one: none is checked before all are there */
  self->filling = TRUE;
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Forms’ Server"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("The office’s engine serves the brokers’ forms itself, on this computer’s "
                                           "own address; the office’s web server passes the forms’ public address on "
                                           "to it. Changes take effect when the engine starts next."));
  self->enabled_switch = switch_row (self, _("Serve the Forms"), _("Brokers’ links answer while the engine runs"));
  self->listen_row = entry_row (self, _("Listen On (address:port)"));
  gtk_editable_set_text (GTK_EDITABLE (self->listen_row), "127.0.0.1:8088");
  self->public_switch = switch_row (self, _("Listen on Another Computer’s Address"),
                                    _("Only with a reason: the forms reach the Internet through the web server"));
  self->proxy_row = entry_row (self, _("Trusted Proxy (IP address, optional)"));
  self->hint_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->hint_label, TRUE);
  gtk_label_set_xalign (self->hint_label, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->hint_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->hint_label));
  self->filling = FALSE;
}

/**
 * crm_forms_server_group_set_session:
 * @self: a #CrmFormsServerGroup
 * @session: the window's session
 * @editable: whether who works may change them (administrators)
 */
void
crm_forms_server_group_set_session (CrmFormsServerGroup *self,
                                    CrmSession          *session,
                                    gboolean             editable)
{
  g_return_if_fail (CRM_IS_FORMS_SERVER_GROUP (self));
  g_return_if_fail (CRM_IS_SESSION (session));

  g_set_object (&self->session, session);
  gtk_widget_set_sensitive (GTK_WIDGET (self), editable);
  load (self);
}
