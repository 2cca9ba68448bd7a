/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-preferences-window.h"
#include "crm-toast.h"
#include "crm-ticket-settings-page.h"

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
  CrmTicketSettingsPage *tickets_page;
  GtkWidget            *offers_group;
  AdwComboRow          *offer_template_row;
  GArray               *offer_template_ids;   /* of the row's items after the first */
  gboolean              filling_offer_template;
  GtkSpinButton        *match_days_spin;
  GtkSpinButton        *stale_days_spin;
  AdwPreferencesGroup  *accounts_group;
  GtkWidget            *no_accounts_group;
  GtkWidget            *add_account_group;
  AdwEntryRow          *account_address_row;
  AdwEntryRow          *account_name_row;
  AdwEntryRow          *account_username_row;
  AdwEntryRow          *account_password_row;
  AdwEntryRow          *account_imap_host_row;
  AdwEntryRow          *account_imap_port_row;
  AdwComboRow          *account_imap_security_row;
  AdwEntryRow          *account_smtp_host_row;
  AdwEntryRow          *account_smtp_port_row;
  AdwComboRow          *account_smtp_security_row;
  GtkLabel             *account_error_label;
  AdwPreferencesGroup  *templates_group;
  GtkFontButton        *composer_font_button;
  GtkWidget            *add_template_group;
  AdwEntryRow          *template_name_row;
  GtkTextView          *template_text;
  GtkLabel             *template_error_label;

  /* owned */
  CrmStore             *store;
  CrmUser              *user;
  GCancellable         *cancellable;
  GPtrArray            *account_rows;
  GPtrArray            *checks;
  GPtrArray            *template_rows;
  GSettings            *settings;
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

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_user_get_name (user));
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

/* The rows of one account: the account, with "Test Connection", and
 * one answer per server. */
typedef struct
{
  CrmAccount *account;
  GtkWidget  *button;
  GtkWidget  *imap_row;
  GtkWidget  *smtp_row;
  GtkWidget  *imap_icon;
  GtkWidget  *smtp_icon;
} AccountRows;

static void
account_rows_free (gpointer data)
{
  AccountRows *rows = data;

  g_clear_object (&rows->account);
  g_free (rows);
}

static void
show_check (GtkWidget    *row,
            GtkWidget    *icon,
            const GError *error)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error ? error->message : _("Logged in"));
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), error ? "dialog-error-symbolic" : "emblem-ok-symbolic");
  gtk_widget_remove_css_class (icon, error ? "success" : "error");
  gtk_widget_add_css_class (icon, error ? "error" : "success");
  gtk_widget_set_visible (icon, TRUE);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWidget) button = user_data;
  g_autoptr(GError) imap_error = NULL;
  g_autoptr(GError) smtp_error = NULL;
  g_autoptr(GError) error = NULL;
  AccountRows *rows;

  /* a window closed meanwhile cancelled the check: nothing to show */
  if (!crm_account_check_finish (result, &imap_error, &smtp_error, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* no password could be read: the same reason for both */
      imap_error = g_error_copy (error);
      smtp_error = g_error_copy (error);
    }

  rows = g_object_get_data (G_OBJECT (button), "crm-account-rows");
  gtk_widget_set_sensitive (rows->button, TRUE);
  show_check (rows->imap_row, rows->imap_icon, imap_error);
  show_check (rows->smtp_row, rows->smtp_icon, smtp_error);
}

static void
test_connection_cb (CrmPreferencesWindow *self,
                    GtkButton            *button)
{
  AccountRows *rows = g_object_get_data (G_OBJECT (button), "crm-account-rows");

  gtk_widget_set_sensitive (rows->button, FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (rows->imap_row), _("Testing…"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (rows->smtp_row), _("Testing…"));
  gtk_widget_set_visible (rows->imap_icon, FALSE);
  gtk_widget_set_visible (rows->smtp_icon, FALSE);

  /* in a worker thread: a slow server never freezes the window */
  crm_account_check_async (rows->account, self->cancellable, check_done_cb, g_object_ref (button));
}

static GtkWidget *
add_server_row (CrmPreferencesWindow  *self,
                const char            *title,
                GtkWidget            **icon)
{
  GtkWidget *row = adw_action_row_new ();

  /* the subtitle gets the server's own words */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not tested yet"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  *icon = gtk_image_new ();
  gtk_widget_set_visible (*icon, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), *icon);
  adw_preferences_group_add (self->accounts_group, row);
  g_ptr_array_add (self->account_rows, row);

  return row;
}

static void
reload_accounts (CrmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) accounts = crm_store_list_accounts (self->store, &error);
  guint n = accounts ? g_list_model_get_n_items (accounts) : 0;

  for (guint i = 0; i < self->account_rows->len; i++)
    adw_preferences_group_remove (self->accounts_group, g_ptr_array_index (self->account_rows, i));
  g_ptr_array_set_size (self->account_rows, 0);
  g_ptr_array_set_size (self->checks, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmAccount) account = g_list_model_get_item (accounts, i);
      AccountRows *rows = g_new0 (AccountRows, 1);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      /* Translators: the IMAP server, then the SMTP server, as host:port */
      subtitle = g_strdup_printf (_("Incoming %s:%u · outgoing %s:%u"),
                                  crm_account_get_imap_host (account),
                                  (guint) crm_account_get_imap_port (account),
                                  crm_account_get_smtp_host (account),
                                  (guint) crm_account_get_smtp_port (account));
      rows->account = g_object_ref (account);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_account_get_address (account));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("mail-send-receive-symbolic"));

      rows->button = gtk_button_new_with_mnemonic (_("_Test Connection"));
      gtk_widget_set_valign (rows->button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (rows->button), "crm-account-rows", rows);
      g_ptr_array_add (self->checks, rows);
      g_signal_connect_object (rows->button, "clicked", G_CALLBACK (test_connection_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), rows->button);
      adw_preferences_group_add (self->accounts_group, row);
      g_ptr_array_add (self->account_rows, row);

      rows->imap_row = add_server_row (self, _("Incoming Mail (IMAP)"), &rows->imap_icon);
      rows->smtp_row = add_server_row (self, _("Outgoing Mail (SMTP)"), &rows->smtp_icon);
    }

  gtk_widget_set_visible (self->no_accounts_group, n == 0);
}

/**
 * crm_preferences_window_test_connection:
 * @self: a #CrmPreferencesWindow
 *
 * Tests the first mail account, as its "Test Connection" button does.
 *
 * Returns: %FALSE when there is no account
 */
gboolean
crm_preferences_window_test_connection (CrmPreferencesWindow *self)
{
  AccountRows *rows;

  g_return_val_if_fail (CRM_IS_PREFERENCES_WINDOW (self), FALSE);

  if (self->checks->len == 0)
    return FALSE;

  rows = g_ptr_array_index (self->checks, 0);
  g_signal_emit_by_name (rows->button, "clicked");

  return TRUE;
}

/* In the order of the security rows' choices. */
static const char * const securities[] = { "tls", "starttls", "none" };
static const guint imap_ports[] = { 993, 143, 143 };
static const guint smtp_ports[] = { 465, 587, 25 };

/* The usual port follows the security, unless someone typed another. */
static void
follow_port (AdwEntryRow   *port_row,
             guint          selected,
             const guint   *ports)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (port_row));
  g_autofree char *port = NULL;
  gboolean usual = *text == '\0';

  for (guint i = 0; i < G_N_ELEMENTS (securities); i++)
    if (g_ascii_strtoull (text, NULL, 10) == ports[i])
      usual = TRUE;

  if (usual && selected < G_N_ELEMENTS (securities))
    {
      port = g_strdup_printf ("%u", ports[selected]);
      gtk_editable_set_text (GTK_EDITABLE (port_row), port);
    }
}

static void
imap_security_changed_cb (CrmPreferencesWindow *self,
                          GParamSpec           *pspec,
                          AdwComboRow          *row)
{
  follow_port (self->account_imap_port_row, adw_combo_row_get_selected (row), imap_ports);
}

static void
smtp_security_changed_cb (CrmPreferencesWindow *self,
                          GParamSpec           *pspec,
                          AdwComboRow          *row)
{
  follow_port (self->account_smtp_port_row, adw_combo_row_get_selected (row), smtp_ports);
}

static guint
read_port (AdwEntryRow *row)
{
  guint64 port = 0;

  /* 0 for anything else: the store says what is wrong */
  if (!g_ascii_string_to_unsigned (gtk_editable_get_text (GTK_EDITABLE (row)), 10, 1, 65535, &port, NULL))
    return 0;

  return (guint) port;
}

static void
account_added_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CrmPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = crm_store_add_account_finish (CRM_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.add-account", TRUE);
  if (id <= 0)
    {
      gtk_label_set_label (self->account_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->account_error_label), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->account_error_label), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->account_password_row), "");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    crm_toast_new (_("The account was added; mail is read from now on")));
  reload_accounts (self);
}

/**
 * crm_preferences_window_add_account:
 * @self: a #CrmPreferencesWindow
 *
 * Adds the mail account described in the "New Account" fields; the
 * password goes to the Secret Service, in a worker thread.
 */
void
crm_preferences_window_add_account (CrmPreferencesWindow *self)
{
  g_autoptr(CrmAccount) account = NULL;
  guint imap_security = adw_combo_row_get_selected (self->account_imap_security_row);
  guint smtp_security = adw_combo_row_get_selected (self->account_smtp_security_row);

  g_return_if_fail (CRM_IS_PREFERENCES_WINDOW (self));

  account = crm_account_new (0,
                             gtk_editable_get_text (GTK_EDITABLE (self->account_address_row)),
                             gtk_editable_get_text (GTK_EDITABLE (self->account_name_row)),
                             gtk_editable_get_text (GTK_EDITABLE (self->account_imap_host_row)),
                             read_port (self->account_imap_port_row),
                             securities[MIN (imap_security, G_N_ELEMENTS (securities) - 1)],
                             gtk_editable_get_text (GTK_EDITABLE (self->account_smtp_host_row)),
                             read_port (self->account_smtp_port_row),
                             securities[MIN (smtp_security, G_N_ELEMENTS (securities) - 1)],
                             gtk_editable_get_text (GTK_EDITABLE (self->account_username_row)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.add-account", FALSE);
  crm_store_add_account_async (self->store, account,
                               gtk_editable_get_text (GTK_EDITABLE (self->account_password_row)),
                               FALSE, self->cancellable, account_added_cb, g_object_ref (self));
}

static void
add_account_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  crm_preferences_window_add_account (CRM_PREFERENCES_WINDOW (widget));
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

static void
delete_template_cb (CrmPreferencesWindow *self,
                    GtkButton            *button)
{
  g_autoptr(GError) error = NULL;
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "crm-template-id"));

  if (!crm_store_delete_template (self->store, id, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), crm_toast_new (error->message));
  reload_templates (self);
}

static void
reload_templates (CrmPreferencesWindow *self)
{
  g_autoptr(GPtrArray) templates = crm_store_list_templates (self->store, NULL);

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
    g_autofree char *chosen = crm_store_get_setting (self->store, "offer-mail-template", NULL);
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

static void
offer_template_changed_cb (CrmPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->offer_template_row);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (self->filling_offer_template || self->store == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected > 0 && selected - 1 < self->offer_template_ids->len)
    id = g_array_index (self->offer_template_ids, gint64, selected - 1);
  if (!crm_store_set_offer_mail_template (self->store, id, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), crm_toast_new (error->message));
}

/**
 * crm_preferences_window_add_template:
 * @self: a #CrmPreferencesWindow
 *
 * Adds the template described in the "New Template" fields.
 *
 * Returns: %TRUE when it was added
 */
gboolean
crm_preferences_window_add_template (CrmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CRM_IS_PREFERENCES_WINDOW (self), FALSE);

  buffer = gtk_text_view_get_buffer (self->template_text);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!crm_store_add_template (self->store, gtk_editable_get_text (GTK_EDITABLE (self->template_name_row)), text,
                               &error))
    {
      gtk_label_set_label (self->template_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->template_error_label), TRUE);
      return FALSE;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->template_error_label), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->template_name_row), "");
  gtk_text_buffer_set_text (buffer, "", -1);
  reload_templates (self);

  return TRUE;
}

static void
add_template_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  crm_preferences_window_add_template (CRM_PREFERENCES_WINDOW (widget));
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
      AdwToast *toast = crm_toast_new (error->message);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
    }
}

/* The office's day counts for offers and searches (OF6, OF10). */
static void
offers_days_changed_cb (CrmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (!crm_store_set_offers_days (self->store, gtk_spin_button_get_value_as_int (self->match_days_spin),
                                  gtk_spin_button_get_value_as_int (self->stale_days_spin), &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), crm_toast_new (error->message));
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
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), crm_toast_new (toast_title));
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

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFERENCES_WINDOW);
  g_clear_pointer (&self->account_rows, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->template_rows, g_ptr_array_unref);
  g_clear_pointer (&self->offer_template_ids, g_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
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
  g_type_ensure (CRM_TYPE_TICKET_SETTINGS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/crm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, country_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, users_list);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, add_user_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_email_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_role_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, admin_only_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, tickets_page);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, no_accounts_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, add_account_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, account_address_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, account_name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, account_username_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, account_password_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, account_imap_host_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, account_imap_port_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, account_imap_security_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, account_smtp_host_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, account_smtp_port_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, account_smtp_security_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, account_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, templates_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, composer_font_button);
  gtk_widget_class_bind_template_callback (widget_class, composer_font_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, composer_font_reset_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, add_template_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, template_name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, template_text);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, template_error_label);
  gtk_widget_class_bind_template_callback (widget_class, imap_security_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, smtp_security_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, offers_days_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, offer_template_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, offer_template_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, offers_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, match_days_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, stale_days_spin);

  gtk_widget_class_install_action (widget_class, "prefs.add-user", NULL, add_user_action);
  gtk_widget_class_install_action (widget_class, "prefs.add-account", NULL, add_account_action);
  gtk_widget_class_install_action (widget_class, "prefs.add-template", NULL, add_template_action);
}

static void
crm_preferences_window_init (CrmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  imap_security_changed_cb (self, NULL, self->account_imap_security_row);
  smtp_security_changed_cb (self, NULL, self->account_smtp_security_row);
  self->account_rows = g_ptr_array_new ();
  self->checks = g_ptr_array_new_with_free_func (account_rows_free);
  self->template_rows = g_ptr_array_new ();
  self->offer_template_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  {
    GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
    g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

    if (schema != NULL)
      {
        g_autofree char *font = NULL;

        self->settings = g_settings_new (APP_ID);
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

  gtk_spin_button_set_value (self->match_days_spin, crm_store_get_offers_match_days (store));
  gtk_spin_button_set_value (self->stale_days_spin, crm_store_get_offers_stale_days (store));

  /* connect the store last, so filling in does not write settings */
  self->store = g_object_ref (store);
  reload_users (self);
  reload_accounts (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->country_row), admin);
  gtk_widget_set_sensitive (self->offers_group, admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_user_group), admin);
  gtk_widget_set_sensitive (self->add_account_group, admin);
  gtk_widget_set_sensitive (self->add_template_group, admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->offer_template_row), admin);
  reload_templates (self);
  crm_ticket_settings_page_set_store (self->tickets_page, store, admin);
  gtk_widget_set_visible (self->admin_only_label, !admin);

  return self;
}
