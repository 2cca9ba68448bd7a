/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referral-forms-group"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-referral-form-dialog.h"
#include "crm-referral-forms-group.h"
#include "crm-toast.h"
#include "crm-widget-write.h"

/**
 * CrmReferralFormsGroup:
 *
 * The brokers' forms in Preferences › Referrals (RF1): each with its
 * broker, when it was made and when its link expires, or that it was
 * revoked or has expired; New Form… (#CrmReferralFormDialog), and per
 * form Copy Link (the link signed on a reader: the form key is in the
 * Secret Service) and Revoke, asked first. Administrators and managers
 * make and revoke forms; anyone may copy a link.
 */
struct _CrmReferralFormsGroup
{
  AdwPreferencesGroup  parent_instance;

  /* template widgets */
  GtkListBox          *forms_list;

  /* owned */
  CrmSession          *session;
  GHashTable          *names;   /* form id → its name, for the questions */
  gboolean             editable;
};

G_DEFINE_FINAL_TYPE (CrmReferralFormsGroup, crm_referral_forms_group, ADW_TYPE_PREFERENCES_GROUP)

static void
show_toast (CrmReferralFormsGroup *self,
            const char            *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), crm_toast_new (message));
  else
    crm_toast_show (GTK_WIDGET (self), message);
}

static char *
format_day (gint64 unix_time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (unix_time);

  /* Translators: a day, see strftime(3): e.g. "7 Dec 2026" */
  return date != NULL ? g_date_time_format (date, _("%-d %b %Y")) : g_strdup ("");
}

/* "Broker · address · phone", then "Created … · Expires …" */
static char *
form_subtitle (const CrmReferralForm *form)
{
  g_autoptr(GString) text = g_string_new (form->broker_name);
  g_autofree char *created = format_day (form->created);

  g_string_append_printf (text, " · %s", form->broker_email);
  if (form->broker_phone != NULL)
    g_string_append_printf (text, " · %s", form->broker_phone);
  g_string_append_c (text, '\n');
  if (form->created_by != NULL)
    /* Translators: a broker's form: the day it was made, then who made it */
    g_string_append_printf (text, _("Created %s by %s"), created, form->created_by);
  else
    /* Translators: a broker's form: the day it was made */
    g_string_append_printf (text, _("Created %s"), created);
  g_string_append (text, " · ");
  if (form->expires != 0)
    {
      g_autofree char *expires = format_day (form->expires - 1);

      /* Translators: the last day a broker's form link works */
      g_string_append_printf (text, _("Works until %s"), expires);
    }
  else
    g_string_append (text, _("Never expires"));
  if (form->n_referrals > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u referral", "%u referrals", form->n_referrals),
                              form->n_referrals);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
form_row (CrmReferralFormsGroup *self,
          const CrmReferralForm *form,
          gint64                 now)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = form_subtitle (form);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), form->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  if (form->revoked != 0 || !crm_referral_form_is_open (form, now))
    {
      g_autofree char *revoked = form->revoked != 0 ? format_day (form->revoked) : NULL;
      /* Translators: %s is the day a broker's form was revoked */
      g_autofree char *state = revoked != NULL ? g_strdup_printf (_("Revoked %s"), revoked) : g_strdup (_("Expired"));
      GtkWidget *label = gtk_label_new (state);

      gtk_widget_add_css_class (label, form->revoked != 0 ? "error" : "dim-label");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else
    {
      GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

      gtk_widget_set_tooltip_text (copy, _("Copy Link"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy Link"), -1);
      gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (copy, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "forms.copy-link");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (copy), "x", form->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
    }
  if (form->revoked == 0 && self->editable)
    {
      GtkWidget *revoke = gtk_button_new_with_mnemonic (_("_Revoke…"));

      gtk_widget_set_tooltip_text (revoke, _("Revoke the form: its link stops working"));
      gtk_widget_set_valign (revoke, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (revoke, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (revoke), "forms.revoke");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (revoke), "x", form->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), revoke);
    }

  return row;
}

static gboolean
read_forms (CrmSession    *reader,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  GPtrArray *forms = crm_referral_store_list_forms (crm_referral_store_from_session (reader), error);

  *result = forms;

  return forms != NULL;
}

static void
forms_read_cb (GtkWidget    *widget,
               gpointer      result,
               const GError *error)
{
  CrmReferralFormsGroup *self = CRM_REFERRAL_FORMS_GROUP (widget);
  GPtrArray *forms = result;
  GtkListBoxRow *row;
  gint64 now;

  if (forms == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  /* the rows, not the placeholder */
  while ((row = gtk_list_box_get_row_at_index (self->forms_list, 0)) != NULL)
    gtk_list_box_remove (self->forms_list, GTK_WIDGET (row));
  g_hash_table_remove_all (self->names);
  now = crm_clock_now_unix (crm_session_get_clock (self->session));
  for (guint i = 0; i < forms->len; i++)
    {
      CrmReferralForm *form = g_ptr_array_index (forms, i);

      g_hash_table_insert (self->names, g_memdup2 (&form->id, sizeof form->id), g_strdup (form->name));
      gtk_list_box_append (self->forms_list, form_row (self, form, now));
    }
}

static void
load (CrmReferralFormsGroup *self)
{
  if (self->session == NULL)
    return;
  crm_widget_read (GTK_WIDGET (self), self->session, read_forms, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                   NULL, forms_read_cb);
}

/* Copy Link */

static gboolean
link_read (CrmSession    *reader,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  char *url = crm_referral_store_dup_form_url (crm_referral_store_from_session (reader), *(gint64 *) data, error);

  *result = url;

  return url != NULL;
}

static void
link_read_cb (GtkWidget    *widget,
              gpointer      result,
              const GError *error)
{
  CrmReferralFormsGroup *self = CRM_REFERRAL_FORMS_GROUP (widget);
  g_autofree char *message = NULL;

  if (result == NULL)
    {
      /* Translators: %s says why (the Secret Service's message) */
      message = g_strdup_printf (_("The form’s link could not be made: %s"), error->message);
      show_toast (self, message);
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), result);
  show_toast (self, _("Link copied"));
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmReferralFormsGroup *self = CRM_REFERRAL_FORMS_GROUP (widget);
  gint64 id = g_variant_get_int64 (parameter);

  if (self->session == NULL)
    return;
  crm_widget_read (widget, self->session, link_read, g_memdup2 (&id, sizeof id), g_free, g_free, NULL, link_read_cb);
}

/* Revoke */

static gboolean
revoke_write (CrmSession  *writer,
              GVariant    *args,
              GError     **error)
{
  gint64 id;

  g_variant_get (args, "(x)", &id);

  return crm_referral_store_revoke_form (crm_referral_store_from_session (writer), id, error);
}

static void
revoked_cb (GtkWidget    *widget,
            GVariant     *args,
            const GError *error)
{
  CrmReferralFormsGroup *self = CRM_REFERRAL_FORMS_GROUP (widget);

  if (self->session == NULL)
    return;
  show_toast (self, error != NULL ? error->message : _("Form revoked"));
  load (self);
}

static void
revoke_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  CrmReferralFormsGroup *self = g_object_get_data (G_OBJECT (dialog), "crm-group");
  gint64 id = *(gint64 *) user_data;

  if (!g_str_equal (response, "revoke") || self->session == NULL)
    return;
  crm_widget_write (GTK_WIDGET (self), self->session, revoke_write, g_variant_new ("(x)", id), revoked_cb);
}

static void
revoke_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmReferralFormsGroup *self = CRM_REFERRAL_FORMS_GROUP (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const char *name = g_hash_table_lookup (self->names, &id);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s is the form's name */
  body = g_strdup_printf (_("The link of “%s” will answer that the form is no longer available, and the broker can send "
                            "nothing more through it. The referrals it brought stay. This cannot be undone."),
                          name != NULL ? name : "");
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Revoke the Form?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "revoke", _("_Revoke"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "revoke", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "crm-group", g_object_ref (self), g_object_unref);
  g_signal_connect_data (dialog, "response", G_CALLBACK (revoke_response_cb), g_memdup2 (&id, sizeof id),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* New Form… */

static void
new_form_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CrmReferralFormsGroup *self = CRM_REFERRAL_FORMS_GROUP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->session == NULL)
    return;
  dialog = crm_referral_form_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->session);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A form made, revoked (here, by another desktop or by crmctl). */
static void
database_changed_cb (CrmReferralFormsGroup *self,
                     const char            *entity,
                     gint64                 id)
{
  if (g_strcmp0 (entity, "referral-form") == 0 || g_strcmp0 (entity, "user") == 0)
    load (self);
}

static void
crm_referral_forms_group_dispose (GObject *object)
{
  CrmReferralFormsGroup *self = CRM_REFERRAL_FORMS_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_REFERRAL_FORMS_GROUP);
  g_clear_object (&self->session);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (crm_referral_forms_group_parent_class)->dispose (object);
}

static void
crm_referral_forms_group_class_init (CrmReferralFormsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_referral_forms_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/crm-referral-forms-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmReferralFormsGroup, forms_list);

  gtk_widget_class_install_action (widget_class, "forms.new", NULL, new_form_action);
  gtk_widget_class_install_action (widget_class, "forms.copy-link", "x", copy_link_action);
  gtk_widget_class_install_action (widget_class, "forms.revoke", "x", revoke_action);
}

static void
crm_referral_forms_group_init (CrmReferralFormsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "forms.new", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "forms.revoke", FALSE);
}

/**
 * crm_referral_forms_group_set_session:
 * @self: a #CrmReferralFormsGroup
 * @session: the window's session
 * @editable: whether who works may make and revoke forms
 *   (administrators and managers)
 */
void
crm_referral_forms_group_set_session (CrmReferralFormsGroup *self,
                                      CrmSession            *session,
                                      gboolean               editable)
{
  g_return_if_fail (CRM_IS_REFERRAL_FORMS_GROUP (self));
  g_return_if_fail (CRM_IS_SESSION (session));

  g_set_object (&self->session, session);
  self->editable = editable;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "forms.new", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "forms.revoke", editable);
  g_signal_connect_object (crm_session_get_database (session), "changed", G_CALLBACK (database_changed_cb), self,
                           G_CONNECT_SWAPPED);
  load (self);
}
