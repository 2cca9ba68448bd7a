/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-preferences-window.h"

/**
 * CrmPreferencesWindow:
 *
 * Office settings and users. Office settings live in the database and
 * are shared by everyone who works on it; only administrators change
 * them (FD2).
 */
struct _CrmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwComboRow          *country_row;
  GtkListBox           *users_list;
  AdwPreferencesGroup  *add_user_group;
  AdwEntryRow          *user_name_row;
  AdwEntryRow          *user_email_row;
  AdwComboRow          *user_role_row;
  GtkLabel             *user_error_label;
  GtkWidget            *admin_only_label;

  /* owned */
  CrmStore             *store;
  CrmUser              *user;
};

G_DEFINE_FINAL_TYPE (CrmPreferencesWindow, crm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GtkWidget *
create_user_row (gpointer item,
                 gpointer user_data)
{
  CrmUser *user = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = g_strdup_printf ("%s · %s",
                                               crm_role_get_label (crm_user_get_role (user)),
                                               crm_user_get_email (user));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_user_get_name (user));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), adw_avatar_new (32, crm_user_get_name (user), TRUE));

  return row;
}

static void
reload_users (CrmPreferencesWindow *self)
{
  g_autoptr(GListModel) users = crm_store_list_users (self->store, NULL);

  gtk_list_box_bind_model (self->users_list, users, create_user_row, NULL, NULL);
}

static void
country_changed_cb (CrmPreferencesWindow *self,
                    GParamSpec           *pspec,
                    AdwComboRow          *row)
{
  const char * const *countries = crm_phone_countries ();
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || selected >= g_strv_length ((char **) countries))
    return;

  if (!crm_store_set_setting (self->store, "phone-country", countries[selected], &error))
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
    }
}

/**
 * crm_preferences_window_add_user:
 * @self: a #CrmPreferencesWindow
 *
 * Adds the user described in the "New User" fields.
 *
 * Returns: %TRUE when the user was added
 */
gboolean
crm_preferences_window_add_user (CrmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  CrmRole role = adw_combo_row_get_selected (self->user_role_row);
  g_autofree char *toast_title = NULL;
  const char *name;
  gint64 id;

  g_return_val_if_fail (CRM_IS_PREFERENCES_WINDOW (self), FALSE);

  name = gtk_editable_get_text (GTK_EDITABLE (self->user_name_row));
  id = crm_store_add_user (self->store, name,
                           gtk_editable_get_text (GTK_EDITABLE (self->user_email_row)),
                           role, &error);
  if (id == 0)
    {
      gtk_label_set_label (self->user_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->user_error_label), TRUE);
      return FALSE;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->user_error_label), FALSE);
  /* Translators: %s is a person's name */
  toast_title = g_strdup_printf (_("%s can now work in CRM"), name);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (toast_title));
  gtk_editable_set_text (GTK_EDITABLE (self->user_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_email_row), "");
  reload_users (self);

  return TRUE;
}

static void
add_user_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  crm_preferences_window_add_user (CRM_PREFERENCES_WINDOW (widget));
}

static void
crm_preferences_window_dispose (GObject *object)
{
  CrmPreferencesWindow *self = (CrmPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->dispose (object);
}

static void
crm_preferences_window_class_init (CrmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/crm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, country_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, users_list);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, add_user_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_email_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_role_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, admin_only_label);
  gtk_widget_class_bind_template_callback (widget_class, country_changed_cb);

  gtk_widget_class_install_action (widget_class, "prefs.add-user", NULL, add_user_action);
}

static void
crm_preferences_window_init (CrmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_preferences_window_new:
 * @store: the store
 * @user: who is working; only administrators may change anything
 *
 * Returns: (transfer none): a new preferences window
 */
CrmPreferencesWindow *
crm_preferences_window_new (CrmStore *store,
                            CrmUser  *user)
{
  CrmPreferencesWindow *self;
  g_autoptr(GtkStringList) countries = gtk_string_list_new (NULL);
  g_autofree char *country = NULL;
  const char * const *codes = crm_phone_countries ();
  gboolean admin;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_USER (user), NULL);

  self = g_object_new (CRM_TYPE_PREFERENCES_WINDOW, NULL);
  self->user = g_object_ref (user);
  admin = crm_user_get_role (user) == CRM_ROLE_ADMIN;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autofree char *label = crm_phone_country_dup_label (codes[i]);

      gtk_string_list_append (countries, label);
    }

  country = crm_store_dup_phone_country (store);
  adw_combo_row_set_model (self->country_row, G_LIST_MODEL (countries));
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], country) == 0)
      adw_combo_row_set_selected (self->country_row, i);

  /* connect the store last, so filling in does not write settings */
  self->store = g_object_ref (store);
  reload_users (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->country_row), admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_user_group), admin);
  gtk_widget_set_visible (self->admin_only_label, !admin);

  return self;
}
