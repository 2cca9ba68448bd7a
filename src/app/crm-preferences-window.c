/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-preferences-window.h"
#include "crm-accounts-group.h"
#include "crm-toast.h"
#include "crm-referral-settings-page.h"
#include "crm-shop-settings-group.h"
#include "crm-ticket-settings-page.h"
#include "crm-contact-store.h"
#include "crm-offer-store.h"
#include "crm-template-store.h"
#include "crm-user-store.h"
#include "crm-widget-write.h"

/**
 * CrmPreferencesWindow:
 *
 * Office settings and users. Office settings live in the database and
 * are shared by everyone who works on it; only administrators change
 * them (FD2). The user form adds, or saves over the one being edited;
 * the office's mail accounts are a #CrmAccountsGroup of their own.
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
  AdwEntryRow          *user_login_row;
  AdwEntryRow          *user_password_row;
  GtkLabel             *user_error_label;
  GtkButton            *user_save_button;
  GtkWidget            *user_cancel_button;
  GtkWidget            *admin_only_label;
  CrmTicketSettingsPage *tickets_page;
  CrmReferralSettingsPage *referrals_page;
  CrmShopSettingsGroup  *shop_group;
  GtkWidget            *offers_group;
  AdwComboRow          *offer_template_row;
  GArray               *offer_template_ids;   /* of the row's items after the first */
  gboolean              filling_offer_template;
  GtkSpinButton        *match_days_spin;
  GtkSpinButton        *stale_days_spin;
  AdwComboRow          *client_language_row;
  CrmAccountsGroup     *accounts_group;
  AdwPreferencesGroup  *templates_group;
  GtkFontButton        *composer_font_button;
  GtkSwitch            *background_switch;
  GtkWidget            *add_template_group;
  AdwEntryRow          *template_name_row;
  GtkTextView          *template_text;
  GtkLabel             *template_error_label;

  /* owned */
  CrmSession             *session;
  CrmUser              *user;
  GPtrArray            *template_rows;
  GSettings            *settings;

  /* the user the form edits, or 0 for a new one */
  gint64                editing_user_id;
};

G_DEFINE_FINAL_TYPE (CrmPreferencesWindow, crm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* A flat button of a row that activates @action for @id. */
static GtkWidget *
row_button (const char *icon_name,
            const char *label,
            const char *tooltip,
            const char *action,
            gint64      id)
{
  GtkWidget *button = icon_name ? gtk_button_new_from_icon_name (icon_name) : gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);

  return button;
}

static GtkWidget *
create_user_row (gpointer item,
                 gpointer user_data)
{
  CrmPreferencesWindow *self = user_data;
  CrmUser *user = item;
  gint64 id = crm_user_get_id (user);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *avatar = adw_avatar_new (32, crm_user_get_name (user), TRUE);
  g_autofree char *subtitle = NULL;

  if (crm_user_get_active (user))
    subtitle = g_strdup_printf ("%s · %s", crm_role_get_label (crm_user_get_role (user)), crm_user_get_email (user));
  else
    /* Translators: a user's role and e-mail address, then that they were deactivated */
    subtitle = g_strdup_printf (_("%s · %s · Deactivated"), crm_role_get_label (crm_user_get_role (user)),
                                crm_user_get_email (user));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_user_get_name (user));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  if (!crm_user_get_active (user))
    gtk_widget_add_css_class (avatar, "dim-label");

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("document-edit-symbolic", NULL, _("Edit the user"), "prefs.edit-user", id));
  /* no one deactivates themselves: another administrator does */
  if (!crm_user_get_active (user))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               row_button (NULL, _("_Reactivate"), _("Let the user work again"),
                                           "prefs.reactivate-user", id));
  else if (self->user == NULL || id != crm_user_get_id (self->user))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               row_button (NULL, _("_Deactivate"), _("The user keeps their history but works no more"),
                                           "prefs.deactivate-user", id));

  return row;
}

static void
reload_users (CrmPreferencesWindow *self)
{
  g_autoptr(GListModel) users = crm_user_store_list (crm_user_store_from_session (self->session), NULL);

  gtk_list_box_bind_model (self->users_list, users, create_user_row, self, NULL);
}

/* A confirmation dialog of this window with Cancel and @verb. */
static AdwMessageDialog *
confirm (CrmPreferencesWindow *self,
         const char           *heading,
         const char           *body,
         const char           *response,
         const char           *verb)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, verb, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  return dialog;
}

static void
composer_font_set_cb (CrmPreferencesWindow *self,
                      GtkFontButton        *button)
{
  g_autofree char *font = gtk_font_chooser_get_font (GTK_FONT_CHOOSER (button));

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "composer-font", font ? font : "");
}

static void
composer_font_reset_cb (CrmPreferencesWindow *self)
{
  if (self->settings != NULL)
    g_settings_reset (self->settings, "composer-font");
}

static void reload_templates (CrmPreferencesWindow *self);

/* A change refused by the database: said in a toast. */
static void
written_cb (GtkWidget    *widget,
            GVariant     *args,
            const GError *error)
{
  if (error != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (widget), crm_toast_new (error->message));
}

static void
templates_written_cb (GtkWidget    *widget,
                      GVariant     *args,
                      const GError *error)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (widget);

  written_cb (widget, args, error);
  if (self->session != NULL)
    reload_templates (self);
}

static gboolean
delete_template_write (CrmSession  *writer,
                       GVariant    *args,
                       GError     **error)
{
  gint64 id;

  g_variant_get (args, "(x)", &id);

  return crm_template_store_delete (crm_template_store_from_session (writer), id, error);
}

static CrmTemplateStore *
template_store (CrmPreferencesWindow *self)
{
  return crm_template_store_from_session (self->session);
}

static void
delete_template_cb (CrmPreferencesWindow *self,
                    GtkButton            *button)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "crm-template-id"));

  crm_widget_write (GTK_WIDGET (self), self->session, delete_template_write, g_variant_new ("(x)", id),
                    templates_written_cb);
}

static void
reload_templates (CrmPreferencesWindow *self)
{
  g_autoptr(GPtrArray) templates = crm_template_store_list (template_store (self), NULL);

  for (guint i = 0; i < self->template_rows->len; i++)
    adw_preferences_group_remove (self->templates_group, g_ptr_array_index (self->template_rows, i));
  g_ptr_array_set_size (self->template_rows, 0);

  for (guint i = 0; templates != NULL && i < templates->len; i++)
    {
      CrmTemplateInfo *info = g_ptr_array_index (templates, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *first_line = g_strndup (info->body, strcspn (info->body, "\n"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), first_line);
      gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (delete, "flat");
      gtk_widget_set_tooltip_text (delete, _("Delete the template"));
      gtk_widget_set_sensitive (delete, gtk_widget_get_sensitive (self->add_template_group));
      g_object_set_data (G_OBJECT (delete), "crm-template-id", GSIZE_TO_POINTER ((gsize) info->id));
      g_signal_connect_object (delete, "clicked", G_CALLBACK (delete_template_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);
      adw_preferences_group_add (self->templates_group, row);
      g_ptr_array_add (self->template_rows, row);
    }

  /* the text of offer mails: built in, or one of these */
  {
    g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
    g_autofree char *chosen = crm_session_get_setting (self->session, "offer-mail-template", NULL);
    guint selected = 0;

    g_array_set_size (self->offer_template_ids, 0);
    gtk_string_list_append (names, _("Built-in Text"));
    for (guint i = 0; templates != NULL && i < templates->len; i++)
      {
        CrmTemplateInfo *info = g_ptr_array_index (templates, i);
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, info->id);

        gtk_string_list_append (names, info->name);
        g_array_append_val (self->offer_template_ids, info->id);
        if (g_strcmp0 (id, chosen) == 0)
          selected = i + 1;
      }
    self->filling_offer_template = TRUE;
    adw_combo_row_set_model (self->offer_template_row, G_LIST_MODEL (names));
    adw_combo_row_set_selected (self->offer_template_row, selected);
    self->filling_offer_template = FALSE;
  }
}

static gboolean
offer_template_write (CrmSession  *writer,
                      GVariant    *args,
                      GError     **error)
{
  gint64 id;

  g_variant_get (args, "(x)", &id);

  return crm_template_store_set_offer_mail_template (crm_template_store_from_session (writer), id, error);
}

static void
offer_template_changed_cb (CrmPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->offer_template_row);
  gint64 id = 0;

  if (self->filling_offer_template || self->session == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected > 0 && selected - 1 < self->offer_template_ids->len)
    id = g_array_index (self->offer_template_ids, gint64, selected - 1);
  crm_widget_write (GTK_WIDGET (self), self->session, offer_template_write, g_variant_new ("(x)", id), written_cb);
}

static gboolean
add_template_write (CrmSession  *writer,
                    GVariant    *args,
                    GError     **error)
{
  const char *name, *text;

  g_variant_get (args, "(&s&s)", &name, &text);

  return crm_template_store_add (crm_template_store_from_session (writer), name, text, error) != 0;
}

/**
 * crm_preferences_window_add_template:
 * @self: a #CrmPreferencesWindow
 *
 * Adds the template described in the "New Template" fields, on a
 * worker; a toast says if the database refuses it.
 *
 * Returns: %TRUE when it went to be added; else the form says why
 */
gboolean
crm_preferences_window_add_template (CrmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  const char *name;

  g_return_val_if_fail (CRM_IS_PREFERENCES_WINDOW (self), FALSE);

  buffer = gtk_text_view_get_buffer (self->template_text);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  name = gtk_editable_get_text (GTK_EDITABLE (self->template_name_row));
  if (!crm_template_store_check (template_store (self), name, text, &error))
    {
      gtk_label_set_label (self->template_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->template_error_label), TRUE);
      return FALSE;
    }

  crm_widget_write (GTK_WIDGET (self), self->session, add_template_write, g_variant_new ("(ss)", name, text),
                    templates_written_cb);
  gtk_widget_set_visible (GTK_WIDGET (self->template_error_label), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->template_name_row), "");
  gtk_text_buffer_set_text (buffer, "", -1);

  return TRUE;
}

static void
add_template_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  crm_preferences_window_add_template (CRM_PREFERENCES_WINDOW (widget));
}

static gboolean
setting_write (CrmSession  *writer,
               GVariant    *args,
               GError     **error)
{
  const char *key, *value;

  g_variant_get (args, "(&s&s)", &key, &value);

  return crm_session_set_setting (writer, key, value, error);
}

static void
country_changed_cb (CrmPreferencesWindow *self,
                    GParamSpec           *pspec,
                    AdwComboRow          *row)
{
  const char * const *countries = crm_phone_countries ();
  guint selected = adw_combo_row_get_selected (row);

  if (self->session == NULL || selected >= g_strv_length ((char **) countries))
    return;

  crm_widget_write (GTK_WIDGET (self), self->session, setting_write,
                    g_variant_new ("(ss)", "phone-country", countries[selected]), written_cb);
}

/* The office's day counts for offers and searches (OF6, OF10). */
static gboolean
offers_days_write (CrmSession  *writer,
                   GVariant    *args,
                   GError     **error)
{
  gint32 match_days, stale_days;

  g_variant_get (args, "(ii)", &match_days, &stale_days);

  return crm_offer_store_set_days (crm_offer_store_from_session (writer), match_days, stale_days, error);
}

static void
offers_days_changed_cb (CrmPreferencesWindow *self)
{
  if (self->session == NULL)
    return;

  crm_widget_write (GTK_WIDGET (self), self->session, offers_days_write,
                    g_variant_new ("(ii)", gtk_spin_button_get_value_as_int (self->match_days_spin),
                                   gtk_spin_button_get_value_as_int (self->stale_days_spin)),
                    written_cb);
}

static gboolean
office_language_write (CrmSession  *writer,
                       GVariant    *args,
                       GError     **error)
{
  const char *code;

  g_variant_get (args, "(&s)", &code);

  return crm_offer_store_set_office_language (crm_offer_store_from_session (writer), code, error);
}

/* The language of mail to clients without their own (issue 10, defect 12). */
static void
client_language_changed_cb (CrmPreferencesWindow *self,
                            GParamSpec           *pspec,
                            AdwComboRow          *row)
{
  const char * const *codes = crm_language_get_codes ();
  guint selected = adw_combo_row_get_selected (row);

  if (self->session == NULL || selected >= g_strv_length ((char **) codes))
    return;

  crm_widget_write (GTK_WIDGET (self), self->session, office_language_write, g_variant_new ("(s)", codes[selected]),
                    written_cb);
}

/* The form back to "New User", empty. */
static void
reset_user_form (CrmPreferencesWindow *self)
{
  self->editing_user_id = 0;
  gtk_editable_set_text (GTK_EDITABLE (self->user_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_email_row), "");
  adw_combo_row_set_selected (self->user_role_row, CRM_ROLE_MANAGER);
  gtk_editable_set_text (GTK_EDITABLE (self->user_login_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_password_row), "");
  adw_preferences_group_set_title (self->add_user_group, _("New User"));
  gtk_button_set_label (self->user_save_button, _("_Add User"));
  gtk_widget_set_visible (self->user_cancel_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->user_error_label), FALSE);
}

static gboolean
save_user_write (CrmSession  *writer,
                 GVariant    *args,
                 GError     **error)
{
  CrmUserStore *users = crm_user_store_from_session (writer);
  const char *name, *email, *login, *password;
  gint64 id;
  guint32 role;

  g_variant_get (args, "(x&s&su&s&s)", &id, &name, &email, &role, &login, &password);
  if (id != 0 ? !crm_user_store_update (users, id, name, email, role, error)
              : (id = crm_user_store_add (users, name, email, role, error)) == 0)
    return FALSE;

  /* on the team's server: their login, and its password if one is given */
  return *login == '\0' || crm_user_store_set_login (users, id, login, *password != '\0' ? password : NULL, error);
}

/* Said once it is stored, or why it is not. */
static void
user_saved_cb (GtkWidget    *widget,
               GVariant     *args,
               const GError *error)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (widget);
  g_autofree char *title = NULL;
  const char *name;
  gint64 id;

  if (self->session == NULL)
    return;
  g_variant_get (args, "(x&s&su&s&s)", &id, &name, NULL, NULL, NULL, NULL);
  if (error != NULL)
    title = g_strdup (error->message);
  else if (id != 0)
    /* Translators: %s is a person's name */
    title = g_strdup_printf (_("%s was saved"), name);
  else
    /* Translators: %s is a person's name */
    title = g_strdup_printf (_("%s can now work in CRM"), name);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), crm_toast_new (title));
  reload_users (self);
}

/**
 * crm_preferences_window_add_user:
 * @self: a #CrmPreferencesWindow
 *
 * Adds the user described in the user form, or saves it over the user
 * being edited, on a worker.
 *
 * Returns: %TRUE when the user went to be added or saved; else the form
 *   says why
 */
gboolean
crm_preferences_window_add_user (CrmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  CrmRole role = adw_combo_row_get_selected (self->user_role_row);
  g_autofree char *name = NULL;
  const char *email;

  g_return_val_if_fail (CRM_IS_PREFERENCES_WINDOW (self), FALSE);

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_name_row))));
  email = gtk_editable_get_text (GTK_EDITABLE (self->user_email_row));
  if (!crm_user_store_check (crm_user_store_from_session (self->session), self->editing_user_id, name, email, role,
                             &error))
    {
      gtk_label_set_label (self->user_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->user_error_label), TRUE);
      return FALSE;
    }
  crm_widget_write (GTK_WIDGET (self), self->session, save_user_write,
                    g_variant_new ("(xssuss)", self->editing_user_id, name, email, (guint32) role,
                                   gtk_editable_get_text (GTK_EDITABLE (self->user_login_row)),
                                   gtk_editable_get_text (GTK_EDITABLE (self->user_password_row))),
                    user_saved_cb);
  reset_user_form (self);

  return TRUE;
}

/**
 * crm_preferences_window_edit_user:
 * @self: a #CrmPreferencesWindow
 * @id: a user's id
 *
 * Fills the user form with the user, to rename them or change their
 * address or role.
 *
 * Returns: %FALSE when there is no such user
 */
gboolean
crm_preferences_window_edit_user (CrmPreferencesWindow *self,
                                  gint64                id)
{
  g_autoptr(CrmUser) user = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (CRM_IS_PREFERENCES_WINDOW (self), FALSE);

  if (!(user = crm_user_store_get (crm_user_store_from_session (self->session), id, NULL)))
    return FALSE;

  reset_user_form (self);
  self->editing_user_id = id;
  gtk_editable_set_text (GTK_EDITABLE (self->user_name_row), crm_user_get_name (user));
  gtk_editable_set_text (GTK_EDITABLE (self->user_email_row), crm_user_get_email (user));
  adw_combo_row_set_selected (self->user_role_row, crm_user_get_role (user));
  /* Translators: %s is a person's name */
  title = g_strdup_printf (_("Edit %s"), crm_user_get_name (user));
  adw_preferences_group_set_title (self->add_user_group, title);
  gtk_button_set_label (self->user_save_button, _("_Save User"));
  gtk_widget_set_visible (self->user_cancel_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->user_name_row));

  return TRUE;
}

static void
user_activated_cb (GtkWidget    *widget,
                   GVariant     *args,
                   const GError *error)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (widget);
  g_autofree char *title = NULL;
  const char *name;
  gboolean active;

  if (self->session == NULL)
    return;
  g_variant_get (args, "(xb&s)", NULL, &active, &name);
  if (error != NULL)
    title = g_strdup (error->message);
  else if (active)
    /* Translators: %s is a person's name */
    title = g_strdup_printf (_("%s can work again"), name);
  else
    /* Translators: %s is a person's name */
    title = g_strdup_printf (_("%s was deactivated; their history stays"), name);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), crm_toast_new (title));
  reload_users (self);
}

static gboolean
set_active_write (CrmSession  *writer,
                  GVariant    *args,
                  GError     **error)
{
  gint64 id;
  gboolean active;

  g_variant_get (args, "(xb&s)", &id, &active, NULL);

  return crm_user_store_set_active (crm_user_store_from_session (writer), id, active, error);
}

/**
 * crm_preferences_window_set_user_active:
 * @self: a #CrmPreferencesWindow
 * @id: a user's id
 * @active: %FALSE to deactivate them, %TRUE to reactivate them
 *
 * Without asking (the action asks first), on a worker; a toast says
 * what happened, or why not.
 *
 * Returns: %TRUE when it went to be done
 */
gboolean
crm_preferences_window_set_user_active (CrmPreferencesWindow *self,
                                        gint64                id,
                                        gboolean              active)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmUser) user = NULL;

  g_return_val_if_fail (CRM_IS_PREFERENCES_WINDOW (self), FALSE);

  if (!(user = crm_user_store_get (crm_user_store_from_session (self->session), id, &error)) ||
      !crm_user_store_check_active (crm_user_store_from_session (self->session), id, active, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), crm_toast_new (error->message));
      return FALSE;
    }
  crm_widget_write (GTK_WIDGET (self), self->session, set_active_write,
                    g_variant_new ("(xbs)", id, active, crm_user_get_name (user)), user_activated_cb);
  if (self->editing_user_id == id)
    reset_user_form (self);

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
cancel_user_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  reset_user_form (CRM_PREFERENCES_WINDOW (widget));
}

static void
edit_user_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  crm_preferences_window_edit_user (CRM_PREFERENCES_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
reactivate_user_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  crm_preferences_window_set_user_active (CRM_PREFERENCES_WINDOW (widget), g_variant_get_int64 (parameter), TRUE);
}

static void
deactivate_response_cb (CrmPreferencesWindow *self,
                        const char           *response,
                        AdwMessageDialog     *dialog)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-user-id"));

  if (g_strcmp0 (response, "deactivate") == 0)
    crm_preferences_window_set_user_active (self, id, FALSE);
}

static void
deactivate_user_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(CrmUser) user = crm_user_store_get (crm_user_store_from_session (self->session), id, NULL);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (user == NULL)
    return;

  /* Translators: %s is a person's name */
  heading = g_strdup_printf (_("Deactivate %s?"), crm_user_get_name (user));
  dialog = confirm (self, heading,
                    _("Their name stays on their tickets, comments and offers, but they can no longer choose "
                      "themselves at “Who is working?” nor be given work. An administrator can reactivate them."),
                    "deactivate", _("_Deactivate"));
  g_object_set_data (G_OBJECT (dialog), "crm-user-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (deactivate_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
crm_preferences_window_dispose (GObject *object)
{
  CrmPreferencesWindow *self = (CrmPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFERENCES_WINDOW);
  g_clear_pointer (&self->template_rows, g_ptr_array_unref);
  g_clear_pointer (&self->offer_template_ids, g_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->dispose (object);
}

static void
crm_preferences_window_class_init (CrmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_preferences_window_dispose;
  g_type_ensure (CRM_TYPE_TICKET_SETTINGS_PAGE);
  g_type_ensure (CRM_TYPE_REFERRAL_SETTINGS_PAGE);
  g_type_ensure (CRM_TYPE_SHOP_SETTINGS_GROUP);
  g_type_ensure (CRM_TYPE_ACCOUNTS_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/crm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, country_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, users_list);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, add_user_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_email_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_role_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_login_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_password_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, admin_only_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, tickets_page);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, referrals_page);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, shop_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, templates_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, composer_font_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_callback (widget_class, composer_font_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, composer_font_reset_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, add_template_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, template_name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, template_text);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, template_error_label);
  gtk_widget_class_bind_template_callback (widget_class, country_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, offers_days_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, client_language_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, client_language_row);
  gtk_widget_class_bind_template_callback (widget_class, offer_template_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, offer_template_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, offers_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, match_days_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, stale_days_spin);

  gtk_widget_class_install_action (widget_class, "prefs.add-user", NULL, add_user_action);
  gtk_widget_class_install_action (widget_class, "prefs.cancel-user", NULL, cancel_user_action);
  gtk_widget_class_install_action (widget_class, "prefs.edit-user", "x", edit_user_action);
  gtk_widget_class_install_action (widget_class, "prefs.deactivate-user", "x", deactivate_user_action);
  gtk_widget_class_install_action (widget_class, "prefs.reactivate-user", "x", reactivate_user_action);
  gtk_widget_class_install_action (widget_class, "prefs.add-template", NULL, add_template_action);
}

static void
crm_preferences_window_init (CrmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->template_rows = g_ptr_array_new ();
  self->offer_template_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  {
    GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
    g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

    if (schema != NULL)
      {
        g_autofree char *font = NULL;

        self->settings = g_settings_new (APP_ID);
        g_settings_bind (self->settings, "run-in-background", self->background_switch, "active",
                         G_SETTINGS_BIND_DEFAULT);
        font = g_settings_get_string (self->settings, "composer-font");
        if (*font != '\0')
          gtk_font_chooser_set_font (GTK_FONT_CHOOSER (self->composer_font_button), font);
      }
  }
}

/**
 * crm_preferences_window_new:
 * @store: the store
 * @user: who is working; only administrators may change anything
 *
 * Returns: (transfer none): a new preferences window
 */
CrmPreferencesWindow *
crm_preferences_window_new (CrmSession *session,
                            CrmUser    *user)
{
  CrmPreferencesWindow *self;
  g_autoptr(GtkStringList) countries = gtk_string_list_new (NULL);
  g_autofree char *country = NULL;
  const char * const *codes = crm_phone_countries ();
  gboolean admin;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (CRM_IS_USER (user), NULL);

  self = g_object_new (CRM_TYPE_PREFERENCES_WINDOW, NULL);
  self->user = g_object_ref (user);
  /* on the team's server each user logs in as themselves */
  gtk_widget_set_visible (GTK_WIDGET (self->user_login_row),
                          crm_database_get_dialect (crm_session_get_database (session)) == CRM_DIALECT_POSTGRESQL);
  gtk_widget_set_visible (GTK_WIDGET (self->user_password_row),
                          crm_database_get_dialect (crm_session_get_database (session)) == CRM_DIALECT_POSTGRESQL);
  admin = crm_user_get_role (user) == CRM_ROLE_ADMIN;
  {
    const char *admin_actions[] = {
      "prefs.add-user", "prefs.cancel-user", "prefs.edit-user", "prefs.deactivate-user", "prefs.reactivate-user",
    };

    for (guint i = 0; i < G_N_ELEMENTS (admin_actions); i++)
      gtk_widget_action_set_enabled (GTK_WIDGET (self), admin_actions[i], admin);
  }

  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autofree char *label = crm_phone_country_dup_label (codes[i]);

      gtk_string_list_append (countries, label);
    }

  country = crm_contact_store_dup_phone_country (crm_contact_store_from_session (session));
  adw_combo_row_set_model (self->country_row, G_LIST_MODEL (countries));
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], country) == 0)
      adw_combo_row_set_selected (self->country_row, i);

  gtk_spin_button_set_value (self->match_days_spin, crm_offer_store_get_match_days (crm_offer_store_from_session (session)));
  gtk_spin_button_set_value (self->stale_days_spin, crm_offer_store_get_stale_days (crm_offer_store_from_session (session)));
  {
    g_autoptr(GtkStringList) languages = gtk_string_list_new (NULL);
    g_autofree char *language = crm_offer_store_dup_office_language (crm_offer_store_from_session (session));
    const char * const *language_codes = crm_language_get_codes ();

    for (guint i = 0; language_codes[i] != NULL; i++)
      gtk_string_list_append (languages, crm_language_get_name (language_codes[i]));
    adw_combo_row_set_model (self->client_language_row, G_LIST_MODEL (languages));
    for (guint i = 0; language_codes[i] != NULL; i++)
      if (g_strcmp0 (language_codes[i], language) == 0)
        adw_combo_row_set_selected (self->client_language_row, i);
  }

  /* connect the store last, so filling in does not write settings */
  self->session = g_object_ref (session);
  reload_users (self);
  crm_accounts_group_set_session (self->accounts_group, session, admin);

  gtk_widget_set_sensitive (GTK_WIDGET (self->country_row), admin);
  gtk_widget_set_sensitive (self->offers_group, admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_user_group), admin);
  gtk_widget_set_sensitive (self->add_template_group, admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->offer_template_row), admin);
  reload_templates (self);
  crm_ticket_settings_page_set_session (self->tickets_page, session, admin);
  crm_referral_settings_page_set_session (self->referrals_page, session, crm_user_get_role (user));
  crm_shop_settings_group_set_session (self->shop_group, session, admin);
  gtk_widget_set_visible (self->admin_only_label, !admin);

  return self;
}

/* The mail accounts' calls, kept for the application's "Account
 * Settings" and for tests: each forwards to the Mail page's
 * #CrmAccountsGroup, whose functions of the same names say what they
 * do. */

gboolean
crm_preferences_window_test_connection (CrmPreferencesWindow *self)
{
  g_return_val_if_fail (CRM_IS_PREFERENCES_WINDOW (self), FALSE);

  return crm_accounts_group_test_connection (self->accounts_group);
}

void
crm_preferences_window_add_account (CrmPreferencesWindow *self)
{
  g_return_if_fail (CRM_IS_PREFERENCES_WINDOW (self));

  crm_accounts_group_add_account (self->accounts_group);
}

void
crm_preferences_window_save_account_untested (CrmPreferencesWindow *self)
{
  g_return_if_fail (CRM_IS_PREFERENCES_WINDOW (self));

  crm_accounts_group_save_account_untested (self->accounts_group);
}

gboolean
crm_preferences_window_edit_account (CrmPreferencesWindow *self,
                                     gint64                id)
{
  g_return_val_if_fail (CRM_IS_PREFERENCES_WINDOW (self), FALSE);

  return crm_accounts_group_edit_account (self->accounts_group, id);
}

void
crm_preferences_window_remove_account (CrmPreferencesWindow *self,
                                       gint64                id)
{
  g_return_if_fail (CRM_IS_PREFERENCES_WINDOW (self));

  crm_accounts_group_remove_account (self->accounts_group, id);
}

/* Shows the Mail page, for the banner's "Account Settings"; with one
 * account and an administrator at work, that account is in the form. */
void
crm_preferences_window_show_accounts (CrmPreferencesWindow *self)
{
  g_return_if_fail (CRM_IS_PREFERENCES_WINDOW (self));

  crm_accounts_group_show_accounts (self->accounts_group);
}
