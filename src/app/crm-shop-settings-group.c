/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-shop-settings-group"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-shop-settings-group.h"
#include "crm-toast.h"
#include "crm-widget-write.h"

/**
 * CrmShopSettingsGroup:
 *
 * The office's e-shop in Preferences (TK7): its address, which
 * administrators set for the whole office, and its REST API keys,
 * which each computer keeps in its own keyring (any user may enter
 * them on theirs). Test Connection asks the shop for an order with the
 * keys typed, or with those kept, before anything is saved.
 */
struct _CrmShopSettingsGroup
{
  AdwPreferencesGroup  parent_instance;

  /* template widgets */
  AdwEntryRow         *url_row;
  AdwPasswordEntryRow *key_row;
  AdwPasswordEntryRow *secret_row;
  GtkLabel            *status_label;
  GtkSpinner          *spinner;

  /* owned */
  CrmSession          *session;
  char                *stored_url;
  GCancellable        *testing;
  gboolean             admin;
};

G_DEFINE_FINAL_TYPE (CrmShopSettingsGroup, crm_shop_settings_group, ADW_TYPE_PREFERENCES_GROUP)

static void
show_status (CrmShopSettingsGroup *self,
             const char           *text,
             const char           *style)
{
  gtk_label_set_text (self->status_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), style);
}

static void
set_busy (CrmShopSettingsGroup *self,
          gboolean              busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shop.test", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shop.save", !busy);
}

static char *
typed (gpointer row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* what the group shows, read on a worker (the keyring may be slow) */
typedef struct
{
  char     *url;
  gboolean  keys;
  char     *keys_error;   /* the keyring's failure, not "none kept" */
} Settings;

static void
settings_free (gpointer data)
{
  Settings *settings = data;

  g_free (settings->url);
  g_free (settings->keys_error);
  g_free (settings);
}

static gboolean
read_settings (CrmSession    *reader,
               gpointer       data,
               gpointer      *result,
               GCancellable  *cancellable,
               GError       **error)
{
  CrmShopStore *store = crm_shop_store_from_session (reader);
  Settings *settings = g_new0 (Settings, 1);
  g_autoptr(GError) keys_error = NULL;

  settings->url = crm_shop_store_get_url (store);
  if (settings->url != NULL)
    {
      settings->keys = crm_shop_store_has_keys (store, &keys_error);
      if (!settings->keys && !g_error_matches (keys_error, CRM_SHOP_ERROR, CRM_SHOP_ERROR_NO_KEYS))
        settings->keys_error = g_strdup (keys_error->message);
    }
  *result = settings;

  return TRUE;
}

static void
settings_read_cb (GtkWidget    *widget,
                  gpointer      result,
                  const GError *error)
{
  CrmShopSettingsGroup *self = CRM_SHOP_SETTINGS_GROUP (widget);
  Settings *settings = result;

  if (settings == NULL)
    {
      show_status (self, error->message, "error");
      return;
    }
  g_free (self->stored_url);
  self->stored_url = g_strdup (settings->url);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), settings->url != NULL ? settings->url : "");

  if (settings->url == NULL)
    show_status (self,
                 self->admin ? _("The office has no e-shop yet: give its address and keys, then Save.")
                             : _("The office has no e-shop: an administrator gives its address."),
                 NULL);
  else if (settings->keys)
    show_status (self, _("This computer keeps the shop’s keys."), NULL);
  else if (settings->keys_error != NULL)
    show_status (self, settings->keys_error, "error");
  else
    show_status (self,
                 _("This computer keeps no keys for the shop: enter the consumer key and secret, then Save. "
                   "In a team, each computer keeps its own."),
                 "error");
}

static void
load (CrmShopSettingsGroup *self)
{
  crm_widget_read (GTK_WIDGET (self), self->session, read_settings, NULL, NULL, settings_free, NULL,
                   settings_read_cb);
}

static gboolean
save_write (CrmSession  *writer,
            GVariant    *args,
            GError     **error)
{
  CrmShopStore *store = crm_shop_store_from_session (writer);
  const char *url, *key, *secret;
  gboolean set_url;

  g_variant_get (args, "(b&s&s&s)", &set_url, &url, &key, &secret);

  return (!set_url || crm_shop_store_set_url (store, url, error)) &&
         (*key == '\0' || crm_shop_store_set_keys (store, key, secret, error));
}

static void
saved_cb (GtkWidget    *widget,
          GVariant     *args,
          const GError *error)
{
  CrmShopSettingsGroup *self = CRM_SHOP_SETTINGS_GROUP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  set_busy (self, FALSE);
  if (error != NULL)
    {
      show_status (self, error->message, "error");
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), crm_toast_new (_("E-shop settings saved")));
  load (self);
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  CrmShopSettingsGroup *self = CRM_SHOP_SETTINGS_GROUP (widget);
  g_autofree char *url = typed (self->url_row);
  g_autofree char *key = typed (self->key_row);
  g_autofree char *secret = typed (self->secret_row);
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;
  gboolean set_url = g_strcmp0 (url, self->stored_url != NULL ? self->stored_url : "") != 0;

  if (self->session == NULL)
    return;
  if (set_url && !self->admin)
    {
      show_status (self, _("Only an administrator may change the office’s e-shop."), "error");
      return;
    }
  if (set_url && *url != '\0' && !(normalized = crm_shop_normalize_url (url, &error)))
    {
      show_status (self, error->message, "error");
      return;
    }
  if ((*key != '\0' || *secret != '\0') && !crm_shop_check_keys (key, secret, &error))
    {
      show_status (self, error->message, "error");
      return;
    }
  if (!set_url && *key == '\0')
    {
      show_status (self, _("Nothing to save: change the address, or enter the keys."), NULL);
      return;
    }

  set_busy (self, TRUE);
  crm_widget_write (widget, self->session, save_write,
                    g_variant_new ("(bsss)", set_url, normalized != NULL ? normalized : "", key, secret), saved_cb);
  memset (secret, 0, strlen (secret));
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CrmShopSettingsGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_shop_client_check_finish (CRM_SHOP_CLIENT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (error != NULL)
    show_status (self, error->message, "error");
  else
    show_status (self, _("The shop answered: these keys can read its orders."), "success");
}

static void
check (CrmShopSettingsGroup *self,
       const char           *url,
       const char           *key,
       const char           *secret)
{
  g_autoptr(CrmShopClient) client = crm_shop_client_new (url, key, secret);

  if (self->testing != NULL)
    g_cancellable_cancel (self->testing);
  g_clear_object (&self->testing);
  self->testing = g_cancellable_new ();
  show_status (self, _("Asking the shop…"), NULL);
  crm_shop_client_check_async (client, self->testing, checked_cb, g_object_ref (self));
}

typedef struct
{
  char *key;
  char *secret;
} Keys;

static void
keys_free (gpointer data)
{
  Keys *keys = data;

  if (keys->secret != NULL)
    memset (keys->secret, 0, strlen (keys->secret));
  g_free (keys->key);
  g_free (keys->secret);
  g_free (keys);
}

static gboolean
read_keys (CrmSession    *reader,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  Keys *keys = g_new0 (Keys, 1);

  if (!crm_secrets_lookup_shop_keys (data, &keys->key, &keys->secret, cancellable, error))
    {
      keys_free (keys);
      return FALSE;
    }
  *result = keys;

  return TRUE;
}

static void
keys_read_cb (GtkWidget    *widget,
              gpointer      result,
              const GError *error)
{
  CrmShopSettingsGroup *self = CRM_SHOP_SETTINGS_GROUP (widget);
  Keys *keys = result;
  g_autofree char *url = typed (self->url_row);
  g_autofree char *normalized = crm_shop_normalize_url (url, NULL);

  if (keys == NULL)
    {
      set_busy (self, FALSE);
      show_status (self, error->message, "error");
      return;
    }
  if (normalized == NULL)
    {
      set_busy (self, FALSE);
      return;
    }
  check (self, normalized, keys->key, keys->secret);
}

static void
test_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  CrmShopSettingsGroup *self = CRM_SHOP_SETTINGS_GROUP (widget);
  g_autofree char *url = typed (self->url_row);
  g_autofree char *key = typed (self->key_row);
  g_autofree char *secret = typed (self->secret_row);
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;
  if (!(normalized = crm_shop_normalize_url (url, &error)) ||
      ((*key != '\0' || *secret != '\0') && !crm_shop_check_keys (key, secret, &error)))
    {
      show_status (self, error->message, "error");
      return;
    }

  set_busy (self, TRUE);
  if (*key != '\0')
    check (self, normalized, key, secret);
  else
    {
      show_status (self, _("Asking the shop…"), NULL);
      crm_widget_read (widget, self->session, read_keys, g_steal_pointer (&normalized), g_free, keys_free, NULL,
                       keys_read_cb);
    }
  memset (secret, 0, strlen (secret));
}

static void
crm_shop_settings_group_dispose (GObject *object)
{
  CrmShopSettingsGroup *self = CRM_SHOP_SETTINGS_GROUP (object);

  if (self->testing != NULL)
    g_cancellable_cancel (self->testing);
  g_clear_object (&self->testing);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_SHOP_SETTINGS_GROUP);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_shop_settings_group_parent_class)->dispose (object);
}

static void
crm_shop_settings_group_finalize (GObject *object)
{
  CrmShopSettingsGroup *self = CRM_SHOP_SETTINGS_GROUP (object);

  g_free (self->stored_url);

  G_OBJECT_CLASS (crm_shop_settings_group_parent_class)->finalize (object);
}

static void
crm_shop_settings_group_class_init (CrmShopSettingsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_shop_settings_group_dispose;
  object_class->finalize = crm_shop_settings_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/crm-shop-settings-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmShopSettingsGroup, url_row);
  gtk_widget_class_bind_template_child (widget_class, CrmShopSettingsGroup, key_row);
  gtk_widget_class_bind_template_child (widget_class, CrmShopSettingsGroup, secret_row);
  gtk_widget_class_bind_template_child (widget_class, CrmShopSettingsGroup, status_label);
  gtk_widget_class_bind_template_child (widget_class, CrmShopSettingsGroup, spinner);
  gtk_widget_class_install_action (widget_class, "shop.test", NULL, test_cb);
  gtk_widget_class_install_action (widget_class, "shop.save", NULL, save_cb);
}

static void
crm_shop_settings_group_init (CrmShopSettingsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_shop_settings_group_set_session:
 * @self: a #CrmShopSettingsGroup
 * @session: the window's session
 * @admin: whether the user may change the address (administrators);
 *   anyone may keep keys on their computer
 */
void
crm_shop_settings_group_set_session (CrmShopSettingsGroup *self,
                                     CrmSession           *session,
                                     gboolean              admin)
{
  g_return_if_fail (CRM_IS_SHOP_SETTINGS_GROUP (self));
  g_return_if_fail (CRM_IS_SESSION (session));

  g_set_object (&self->session, session);
  self->admin = admin;
  gtk_editable_set_editable (GTK_EDITABLE (self->url_row), admin);
  load (self);
}

/**
 * crm_shop_settings_group_get_status:
 * @self: a #CrmShopSettingsGroup
 *
 * Returns: what the group says under its rows: whether this computer
 *   keeps the keys, what Test Connection or Save found
 */
const char *
crm_shop_settings_group_get_status (CrmShopSettingsGroup *self)
{
  g_return_val_if_fail (CRM_IS_SHOP_SETTINGS_GROUP (self), NULL);

  return gtk_label_get_text (self->status_label);
}
