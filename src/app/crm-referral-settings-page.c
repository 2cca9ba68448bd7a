/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referral-settings-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-forms-server-group.h"
#include "crm-referral-forms-group.h"
#include "crm-referral-settings-page.h"
#include "crm-toast.h"
#include "crm-widget-write.h"

/**
 * CrmReferralSettingsPage:
 *
 * Preferences › Referrals (issue 16, RF1): the investments the
 * brokers' forms offer, the forms themselves (a #CrmReferralFormsGroup),
 * which identifier the forms ask for, their public address, how long
 * rejected referrals are kept and the templates of the brokers' mails.
 *
 * Investments and forms are added by administrators and managers; the
 * office's settings are an administrator's (the store refuses anyone
 * else). Everyone else sees them all, read-only. Everything is read
 * and written off the main loop.
 */
struct _CrmReferralSettingsPage
{
  AdwPreferencesPage     parent_instance;

  /* template widgets */
  AdwPreferencesGroup   *role_group;
  GtkLabel              *role_label;
  GtkListBox            *investments_list;
  CrmReferralFormsGroup *forms_group;
  CrmFormsServerGroup *server_group;
  GtkWidget             *form_settings_group;
  AdwComboRow           *identifier_row;
  GtkWidget             *address_group;
  AdwEntryRow           *forms_url_row;
  GtkWidget             *forms_url_hint;
  GtkWidget             *retention_group;
  GtkSpinButton         *retention_spin;
  GtkWidget             *templates_group;
  AdwComboRow           *accept_template_row;
  AdwComboRow           *reject_template_row;

  /* owned */
  CrmSession            *session;
  GHashTable            *investment_names;   /* casefolded name → name, for the duplicate check as typed */
  GArray                *template_ids;       /* gint64: the combo rows' items after "Built-in Text" */
  char                  *stored_url;         /* as the office set it, "" for the default */
  gboolean               filling;            /* widgets set from what was read, not by the user */
  gboolean               admin;
  gboolean               can_add;            /* investments: administrators and managers */
};

G_DEFINE_FINAL_TYPE (CrmReferralSettingsPage, crm_referral_settings_page, ADW_TYPE_PREFERENCES_PAGE)

static void load (CrmReferralSettingsPage *self);

static void
show_error (CrmReferralSettingsPage *self,
            const char              *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), crm_toast_new (message));
  else
    g_warning ("%s", message);
}

/* Removes the rows, not the placeholder. */
static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* A date, without the time. */
static char *
format_day (gint64 unix_time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (unix_time);

  /* Translators: a day, see strftime(3): e.g. "7 Dec 2026" */
  return date != NULL ? g_date_time_format (date, _("%-d %b %Y")) : g_strdup ("");
}

/* The forms' address the office may set: empty (the default), or
 * http:// or https:// and a host, without a query or fragment: what
 * crm_referral_store_set_forms_url() takes. */
static gboolean
url_acceptable (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (*text == '\0')
    return TRUE;
  if (strpbrk (text, " \t\r\n") != NULL || !(uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL)))
    return FALSE;
  scheme = g_uri_get_scheme (uri);

  return (g_strcmp0 (scheme, "https") == 0 || g_strcmp0 (scheme, "http") == 0) &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
         g_uri_get_query (uri) == NULL && g_uri_get_fragment (uri) == NULL;
}

/* what the page shows, read on a worker in one go */
typedef struct
{
  GPtrArray             *investments;   /* CrmInvestment */
  GPtrArray             *templates;     /* CrmTemplateInfo */
  CrmReferralIdentifier  identifier;
  char                  *forms_url;
  guint                  retention_days;
  gint64                 accept_template;
  gint64                 reject_template;
} Settings;

static void
settings_free (gpointer data)
{
  Settings *settings = data;

  g_clear_pointer (&settings->investments, g_ptr_array_unref);
  g_clear_pointer (&settings->templates, g_ptr_array_unref);
  g_free (settings->forms_url);
  g_free (settings);
}

static gboolean
read_settings (CrmSession    *reader,
               gpointer       data,
               gpointer      *result,
               GCancellable  *cancellable,
               GError       **error)
{
  CrmReferralStore *store = crm_referral_store_from_session (reader);
  Settings *settings = g_new0 (Settings, 1);

  if (!(settings->investments = crm_referral_store_list_investments (store, error)) ||
      !(settings->templates = crm_template_store_list (crm_template_store_from_session (reader), error)))
    {
      settings_free (settings);
      return FALSE;
    }
  settings->identifier = crm_referral_store_get_identifier (store);
  settings->forms_url = crm_referral_store_get_forms_url (store);
  settings->retention_days = crm_referral_store_get_retention_days (store);
  settings->accept_template = crm_referral_store_get_template (store, CRM_REFERRAL_ACCEPTED);
  settings->reject_template = crm_referral_store_get_template (store, CRM_REFERRAL_REJECTED);
  *result = settings;

  return TRUE;
}

static void
show_investments (CrmReferralSettingsPage *self,
                  GPtrArray               *investments)
{
  clear_list (self->investments_list);
  g_hash_table_remove_all (self->investment_names);
  for (guint i = 0; i < investments->len; i++)
    {
      CrmInvestment *investment = g_ptr_array_index (investments, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *day = format_day (investment->created);
      g_autofree char *subtitle = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), investment->name);
      /* Translators: %s is a day, e.g. "7 Dec 2026" */
      subtitle = g_strdup_printf (_("Added %s"), day);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->investments_list, row);
      g_hash_table_insert (self->investment_names, g_utf8_casefold (investment->name, -1), g_strdup (investment->name));
    }
}

static void
show_template_choice (CrmReferralSettingsPage *self,
                      AdwComboRow             *row,
                      GPtrArray               *templates,
                      gint64                   chosen)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (names, _("Built-in Text"));
  for (guint i = 0; i < templates->len; i++)
    {
      CrmTemplateInfo *info = g_ptr_array_index (templates, i);

      gtk_string_list_append (names, info->name);
      if (info->id == chosen)
        selected = i + 1;
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (row, selected);
}

static void
settings_read_cb (GtkWidget    *widget,
                  gpointer      result,
                  const GError *error)
{
  CrmReferralSettingsPage *self = CRM_REFERRAL_SETTINGS_PAGE (widget);
  Settings *settings = result;

  if (settings == NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_investments (self, settings->investments);

  self->filling = TRUE;
  adw_combo_row_set_selected (self->identifier_row, settings->identifier);
  /* the default (the forms' server on this computer) shows as none;
   * an address being typed stays */
  if (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (self->forms_url_row)), self->stored_url))
    {
      g_free (self->stored_url);
      self->stored_url = g_strdup (g_str_equal (settings->forms_url, CRM_REFERRAL_FORMS_URL) ? "" : settings->forms_url);
      gtk_editable_set_text (GTK_EDITABLE (self->forms_url_row), self->stored_url);
      gtk_widget_set_visible (self->forms_url_hint, FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->forms_url_row), "error");
    }
  else
    {
      g_free (self->stored_url);
      self->stored_url = g_strdup (g_str_equal (settings->forms_url, CRM_REFERRAL_FORMS_URL) ? "" : settings->forms_url);
    }
  gtk_spin_button_set_value (self->retention_spin, settings->retention_days);
  g_array_set_size (self->template_ids, 0);
  for (guint i = 0; i < settings->templates->len; i++)
    g_array_append_val (self->template_ids, ((CrmTemplateInfo *) g_ptr_array_index (settings->templates, i))->id);
  show_template_choice (self, self->accept_template_row, settings->templates, settings->accept_template);
  show_template_choice (self, self->reject_template_row, settings->templates, settings->reject_template);
  self->filling = FALSE;
}

static void
load (CrmReferralSettingsPage *self)
{
  if (self->session == NULL)
    return;
  crm_widget_read (GTK_WIDGET (self), self->session, read_settings, NULL, NULL, settings_free, NULL,
                   settings_read_cb);
}

/* A change refused: said, and the page shows again what is stored
 * (a change made shows already). */
static void
written_cb (GtkWidget    *widget,
            GVariant     *args,
            const GError *error)
{
  CrmReferralSettingsPage *self = CRM_REFERRAL_SETTINGS_PAGE (widget);

  if (self->session == NULL || error == NULL)
    return;
  show_error (self, error->message);
  load (self);
}

/* Investments */

static gboolean
add_investment_write (CrmSession  *writer,
                      GVariant    *args,
                      GError     **error)
{
  const char *name;

  g_variant_get (args, "(&s)", &name);

  return crm_referral_store_add_investment (crm_referral_store_from_session (writer), name, error) != 0;
}

static void
investment_added_cb (GtkWidget    *widget,
                     GVariant     *args,
                     const GError *error)
{
  CrmReferralSettingsPage *self = CRM_REFERRAL_SETTINGS_PAGE (widget);
  g_autofree char *message = NULL;
  const char *name;

  if (self->session == NULL)
    return;
  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_variant_get (args, "(&s)", &name);
  /* Translators: %s is an investment's name */
  message = g_strdup_printf (_("Investment “%s” added"), name);
  show_error (self, message);
  load (self);
}

/* The investment the page lists under @name, as the database compares
 * names (regardless of case), or %NULL. */
static const char *
find_investment (CrmReferralSettingsPage *self,
                 const char              *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  return g_hash_table_lookup (self->investment_names, folded);
}

/* The dialog's name checked as typed: Add only for a new name. */
static void
investment_name_changed_cb (GtkEditable *entry,
                            AdwMessageDialog *dialog)
{
  CrmReferralSettingsPage *self = g_object_get_data (G_OBJECT (dialog), "crm-page");
  GtkLabel *hint = g_object_get_data (G_OBJECT (dialog), "crm-hint");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *message = NULL;
  const char *existing = *name != '\0' ? find_investment (self, name) : NULL;

  if (existing != NULL)
    /* Translators: %s is an investment's name */
    message = g_strdup_printf (_("There is an investment “%s” already."), existing);
  else if (g_utf8_strlen (name, -1) > 200)
    message = g_strdup (_("Give the investment a name of at most 200 characters."));
  gtk_label_set_text (hint, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (hint), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  adw_message_dialog_set_response_enabled (dialog, "add", *name != '\0' && message == NULL);
}

static void
investment_dialog_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               gpointer          user_data)
{
  CrmReferralSettingsPage *self = g_object_get_data (G_OBJECT (dialog), "crm-page");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "crm-entry");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (!g_str_equal (response, "add") || *name == '\0' || self->session == NULL)
    return;
  crm_widget_write (GTK_WIDGET (self), self->session, add_investment_write, g_variant_new ("(s)", name),
                    investment_added_cb);
}

static void
investment_activate_cb (GtkEntry         *entry,
                        AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "add"))
    adw_message_dialog_response (dialog, "add");
}

static void
add_investment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CrmReferralSettingsPage *self = CRM_REFERRAL_SETTINGS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *hint = gtk_label_new (NULL);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Add Investment"),
                                                       _("The brokers’ forms offer it from now on.")));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Investment’s name"));
  gtk_entry_set_max_length (GTK_ENTRY (entry), 250);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Investment’s name"), -1);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "error");
  gtk_widget_set_visible (hint, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), hint);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "add", FALSE);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "crm-page", g_object_ref (self), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "crm-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "crm-hint", hint);
  g_signal_connect (entry, "changed", G_CALLBACK (investment_name_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (investment_activate_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (investment_dialog_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* The office's settings */

static gboolean
identifier_write (CrmSession  *writer,
                  GVariant    *args,
                  GError     **error)
{
  guint32 identifier;

  g_variant_get (args, "(u)", &identifier);

  return crm_referral_store_set_identifier (crm_referral_store_from_session (writer),
                                            (CrmReferralIdentifier) identifier, error);
}

static void
identifier_changed_cb (CrmReferralSettingsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->identifier_row);

  if (self->filling || self->session == NULL || selected > CRM_REFERRAL_ASK_BOTH)
    return;
  crm_widget_write (GTK_WIDGET (self), self->session, identifier_write, g_variant_new ("(u)", (guint32) selected),
                    written_cb);
}

static gboolean
forms_url_write (CrmSession  *writer,
                 GVariant    *args,
                 GError     **error)
{
  const char *url;

  g_variant_get (args, "(&s)", &url);

  return crm_referral_store_set_forms_url (crm_referral_store_from_session (writer), url, error);
}

static void
forms_url_written_cb (GtkWidget    *widget,
                      GVariant     *args,
                      const GError *error)
{
  CrmReferralSettingsPage *self = CRM_REFERRAL_SETTINGS_PAGE (widget);

  const char *url;

  if (self->session != NULL && error == NULL)
    {
      g_variant_get (args, "(&s)", &url);
      g_free (self->stored_url);
      self->stored_url = g_strdup (url);
      show_error (self, _("The forms’ address is saved: new links begin with it."));
    }
  written_cb (widget, args, error);
}

/* The address checked as typed. */
static void
forms_url_changed_cb (CrmReferralSettingsPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->forms_url_row))));
  gboolean acceptable = url_acceptable (text);

  if (self->filling)
    return;
  gtk_widget_set_visible (self->forms_url_hint, !acceptable);
  if (acceptable)
    gtk_widget_remove_css_class (GTK_WIDGET (self->forms_url_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->forms_url_row), "error");
}

static void
forms_url_apply_cb (CrmReferralSettingsPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->forms_url_row))));

  if (self->session == NULL)
    return;
  if (!url_acceptable (text))
    {
      gtk_widget_set_visible (self->forms_url_hint, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->forms_url_row), "error");
      return;
    }
  if (g_strcmp0 (text, self->stored_url) == 0)
    return;
  crm_widget_write (GTK_WIDGET (self), self->session, forms_url_write, g_variant_new ("(s)", text),
                    forms_url_written_cb);
}

static gboolean
retention_write (CrmSession  *writer,
                 GVariant    *args,
                 GError     **error)
{
  guint32 days;

  g_variant_get (args, "(u)", &days);

  return crm_referral_store_set_retention_days (crm_referral_store_from_session (writer), days, error);
}

static void
retention_changed_cb (CrmReferralSettingsPage *self)
{
  if (self->filling || self->session == NULL)
    return;
  crm_widget_write (GTK_WIDGET (self), self->session, retention_write,
                    g_variant_new ("(u)", (guint32) gtk_spin_button_get_value_as_int (self->retention_spin)),
                    written_cb);
}

static gboolean
template_write (CrmSession  *writer,
                GVariant    *args,
                GError     **error)
{
  CrmReferralStore *store = crm_referral_store_from_session (writer);
  gint64 accept, reject;

  g_variant_get (args, "(xx)", &accept, &reject);

  return crm_referral_store_set_template (store, CRM_REFERRAL_ACCEPTED, accept, error) &&
         crm_referral_store_set_template (store, CRM_REFERRAL_REJECTED, reject, error);
}

/* The template chosen in @row, or 0 for the built-in text. */
static gint64
chosen_template (CrmReferralSettingsPage *self,
                 AdwComboRow             *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected - 1 >= self->template_ids->len)
    return 0;

  return g_array_index (self->template_ids, gint64, selected - 1);
}

static void
template_changed_cb (CrmReferralSettingsPage *self)
{
  if (self->filling || self->session == NULL)
    return;
  crm_widget_write (GTK_WIDGET (self), self->session, template_write,
                    g_variant_new ("(xx)", chosen_template (self, self->accept_template_row),
                                   chosen_template (self, self->reject_template_row)),
                    written_cb);
}

/* Another desktop (or crmctl) added an investment or changed a template. */
static void
database_changed_cb (CrmReferralSettingsPage *self,
                     const char              *entity,
                     gint64                   id)
{
  if (g_strcmp0 (entity, "investment") == 0 || g_strcmp0 (entity, "template") == 0)
    load (self);
}

static void
crm_referral_settings_page_dispose (GObject *object)
{
  CrmReferralSettingsPage *self = CRM_REFERRAL_SETTINGS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_REFERRAL_SETTINGS_PAGE);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_referral_settings_page_parent_class)->dispose (object);
}

static void
crm_referral_settings_page_finalize (GObject *object)
{
  CrmReferralSettingsPage *self = CRM_REFERRAL_SETTINGS_PAGE (object);

  g_clear_pointer (&self->investment_names, g_hash_table_unref);
  g_clear_pointer (&self->template_ids, g_array_unref);
  g_free (self->stored_url);

  G_OBJECT_CLASS (crm_referral_settings_page_parent_class)->finalize (object);
}

static void
crm_referral_settings_page_class_init (CrmReferralSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_referral_settings_page_dispose;
  object_class->finalize = crm_referral_settings_page_finalize;
  g_type_ensure (CRM_TYPE_REFERRAL_FORMS_GROUP);
  g_type_ensure (CRM_TYPE_FORMS_SERVER_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/crm-referral-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmReferralSettingsPage, role_group);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralSettingsPage, role_label);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralSettingsPage, investments_list);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralSettingsPage, forms_group);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralSettingsPage, server_group);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralSettingsPage, form_settings_group);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralSettingsPage, identifier_row);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralSettingsPage, address_group);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralSettingsPage, forms_url_row);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralSettingsPage, forms_url_hint);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralSettingsPage, retention_group);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralSettingsPage, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralSettingsPage, templates_group);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralSettingsPage, accept_template_row);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralSettingsPage, reject_template_row);
  gtk_widget_class_bind_template_callback (widget_class, identifier_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, forms_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, forms_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, retention_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, template_changed_cb);

  gtk_widget_class_install_action (widget_class, "referral-settings.add-investment", NULL, add_investment_action);
}

static void
crm_referral_settings_page_init (CrmReferralSettingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->investment_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->template_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->stored_url = g_strdup ("");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "referral-settings.add-investment", FALSE);
}

/**
 * crm_referral_settings_page_set_session:
 * @self: a #CrmReferralSettingsPage
 * @session: the window's session
 * @role: the role of who works: administrators change everything,
 *   managers add investments and forms, agents only look
 *
 * Shows the office's referral settings, read off the main loop.
 */
void
crm_referral_settings_page_set_session (CrmReferralSettingsPage *self,
                                        CrmSession              *session,
                                        CrmRole                  role)
{
  g_return_if_fail (CRM_IS_REFERRAL_SETTINGS_PAGE (self));
  g_return_if_fail (CRM_IS_SESSION (session));

  g_set_object (&self->session, session);
  self->admin = role == CRM_ROLE_ADMIN;
  self->can_add = role == CRM_ROLE_ADMIN || role == CRM_ROLE_MANAGER;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "referral-settings.add-investment", self->can_add);
  gtk_widget_set_sensitive (self->form_settings_group, self->admin);
  gtk_widget_set_sensitive (self->address_group, self->admin);
  gtk_widget_set_sensitive (self->retention_group, self->admin);
  gtk_widget_set_sensitive (self->templates_group, self->admin);
  gtk_widget_set_visible (GTK_WIDGET (self->role_group), !self->admin);
  gtk_label_set_text (self->role_label,
                      self->can_add ? _("Only an administrator can change what the forms ask, their address, how long "
                                        "rejected referrals are kept and the brokers’ mail.")
                                    : _("Only administrators and managers can add investments and brokers’ forms, and "
                                        "only an administrator can change the other settings."));
  crm_referral_forms_group_set_session (self->forms_group, session, self->can_add);
  crm_forms_server_group_set_session (self->server_group, session, self->admin);
  g_signal_connect_object (crm_session_get_database (session), "changed", G_CALLBACK (database_changed_cb), self,
                           G_CONNECT_SWAPPED);
  load (self);
}
