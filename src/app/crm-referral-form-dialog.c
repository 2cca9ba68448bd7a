/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referral-form-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-referral-form-dialog.h"
#include "crm-toast.h"
#include "crm-widget-write.h"

/**
 * CrmReferralFormDialog:
 *
 * New Form… in Preferences › Referrals (RF1): a broker's form, its
 * name (the referrals' source), the broker's name, e-mail address
 * (checked as typed) and phone, and when its link expires, if ever.
 * Create makes it on a writer, then signs its link on a reader (the
 * form key is in the Secret Service, which may be slow or locked);
 * the dialog shows the link with Copy Link, or why there is none.
 */
struct _CrmReferralFormDialog
{
  AdwWindow         parent_instance;

  /* template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkWidget        *cancel_button;
  GtkWidget        *create_button;
  GtkSpinner       *spinner;
  GtkStack         *stack;
  AdwEntryRow      *name_row;
  AdwEntryRow      *broker_row;
  AdwEntryRow      *email_row;
  AdwEntryRow      *phone_row;
  AdwExpanderRow   *expiry_row;
  GtkCalendar      *calendar;
  GtkLabel         *error_label;
  AdwStatusPage    *link_page;
  GtkLabel         *link_label;
  GtkWidget        *copy_button;

  /* owned */
  CrmSession       *session;
  GCancellable     *cancellable;
  char             *url;
  gint64            form_id;
  gboolean          busy;
};

G_DEFINE_FINAL_TYPE (CrmReferralFormDialog, crm_referral_form_dialog, ADW_TYPE_WINDOW)

static char *
typed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
mark (AdwEntryRow *row,
      gboolean     wrong)
{
  if (wrong)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
show_error (CrmReferralFormDialog *self,
            const char            *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* When the link expires: the end of the day chosen (local time), or 0
 * for never. */
static gint64
expires_at (CrmReferralFormDialog *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) next = NULL;

  if (!adw_expander_row_get_enable_expansion (self->expiry_row))
    return 0;
  day = gtk_calendar_get_date (self->calendar);
  midnight = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                    g_date_time_get_day_of_month (day), 0, 0, 0);
  next = midnight != NULL ? g_date_time_add_days (midnight, 1) : NULL;

  return next != NULL ? g_date_time_to_unix (next) : 0;
}

/* Checks the fields as typed: Create is on when they would be taken,
 * and what is wrong is said under them. */
static void
fields_changed_cb (CrmReferralFormDialog *self)
{
  g_autofree char *name = typed (self->name_row);
  g_autofree char *broker = typed (self->broker_row);
  g_autofree char *email = typed (self->email_row);
  g_autofree char *phone = typed (self->phone_row);
  g_autofree char *normalized = NULL;
  g_autoptr(GError) email_error = NULL;
  g_autoptr(GError) phone_error = NULL;
  const char *problem = NULL;
  gint64 expires = expires_at (self);
  gboolean email_ok, phone_ok, expiry_ok;

  email_ok = *email != '\0' && (normalized = crm_normalize_email (email, &email_error)) != NULL;
  g_clear_pointer (&normalized, g_free);
  phone_ok = *phone == '\0' || (normalized = crm_normalize_phone (phone, "PL", &phone_error)) != NULL;
  expiry_ok = expires == 0 || expires > crm_clock_now_unix (crm_session_get_clock (self->session));

  mark (self->email_row, *email != '\0' && !email_ok);
  mark (self->phone_row, !phone_ok);
  if (*email != '\0' && !email_ok)
    problem = email_error->message;
  else if (!phone_ok)
    problem = phone_error->message;
  else if (!expiry_ok)
    problem = _("The link would have expired already: choose a later day.");
  else if (g_utf8_strlen (name, -1) > 200)
    problem = _("Give the form a name of at most 200 characters.");
  else if (g_utf8_strlen (broker, -1) > 200)
    problem = _("Give the broker’s name, at most 200 characters.");
  show_error (self, problem);

  if (expires != 0)
    {
      g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
      /* Translators: the last day a broker's form link works, see strftime(3) */
      g_autofree char *text = g_date_time_format (day, _("Works until the end of %-d %B %Y"));

      adw_expander_row_set_subtitle (self->expiry_row, text);
    }
  else
    adw_expander_row_set_subtitle (self->expiry_row, _("Never"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.create",
                                 !self->busy && *name != '\0' && *broker != '\0' && email_ok && phone_ok &&
                                 expiry_ok && problem == NULL);
}

static void
set_busy (CrmReferralFormDialog *self,
          gboolean               busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  fields_changed_cb (self);
}

/* on the worker */
typedef struct
{
  char   *name;
  char   *broker;
  char   *email;
  char   *phone;
  gint64  expires;
} NewForm;

static void
new_form_free (gpointer data)
{
  NewForm *form = data;

  g_free (form->name);
  g_free (form->broker);
  g_free (form->email);
  g_free (form->phone);
  g_free (form);
}

static gboolean
create_write (CrmSession    *writer,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  NewForm *form = data;
  gint64 id;

  if (!(id = crm_referral_store_add_form (crm_referral_store_from_session (writer), form->name, form->broker,
                                          form->email, form->phone, form->expires, error)))
    return FALSE;
  *result = g_memdup2 (&id, sizeof id);

  return TRUE;
}

/* The link, on a reader: signing it may wait on the Secret Service
 * (made there the first time, or a locked keyring unlocked). */
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
  CrmReferralFormDialog *self = CRM_REFERRAL_FORM_DIALOG (widget);
  g_autofree char *broker = typed (self->broker_row);
  g_autofree char *description = NULL;

  set_busy (self, FALSE);
  self->url = g_strdup (result);
  if (self->url != NULL && g_str_has_prefix (self->url, CRM_REFERRAL_FORMS_URL "/"))
    /* Translators: %s is the broker's name */
    description = g_strdup_printf (_("The forms have no public address yet, so this link works only on this "
                                     "computer: once an administrator gives one in Preferences › Referrals, copy "
                                     "the link again from the list of forms and hand it to %s."), broker);
  else if (self->url != NULL)
    /* Translators: %s is the broker's name */
    description = g_strdup_printf (_("Hand this link to %s: the referrals sent through it come in with the form’s "
                                     "name as their source."), broker);
  else
    /* Translators: %s says why the link could not be made (the Secret Service's message) */
    description = g_strdup_printf (_("The form is made, but its link could not be signed: %s Copy the link from the "
                                     "list of forms once that is put right."), error->message);

  adw_status_page_set_description (self->link_page, description);
  gtk_label_set_text (self->link_label, self->url != NULL ? self->url : "");
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->link_label)), self->url != NULL);
  gtk_widget_set_visible (self->copy_button, self->url != NULL);
  if (self->url == NULL)
    {
      adw_status_page_set_icon_name (self->link_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->link_page, _("Form Made Without a Link"));
    }
  gtk_widget_set_visible (self->create_button, FALSE);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
  gtk_stack_set_visible_child_name (self->stack, "link");
  gtk_widget_grab_focus (self->url != NULL ? self->copy_button : self->cancel_button);
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CrmReferralFormDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = crm_session_write_finish (CRM_SESSION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (id == NULL)
    {
      set_busy (self, FALSE);
      show_error (self, error->message);
      return;
    }
  self->form_id = *id;
  /* no going back: the form is made */
  gtk_widget_set_sensitive (gtk_stack_get_child_by_name (self->stack, "fields"), FALSE);
  crm_widget_read (GTK_WIDGET (self), self->session, link_read, g_memdup2 (id, sizeof *id), g_free, g_free,
                   self->cancellable, link_read_cb);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmReferralFormDialog *self = CRM_REFERRAL_FORM_DIALOG (widget);
  NewForm *form = g_new0 (NewForm, 1);

  form->name = typed (self->name_row);
  form->broker = typed (self->broker_row);
  form->email = typed (self->email_row);
  form->phone = typed (self->phone_row);
  form->expires = expires_at (self);
  show_error (self, NULL);
  set_busy (self, TRUE);
  crm_session_write_async (self->session, create_write, form, new_form_free, g_free, self->cancellable,
                           created_cb, g_object_ref (self));
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmReferralFormDialog *self = CRM_REFERRAL_FORM_DIALOG (widget);

  if (self->url == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->url);
  adw_toast_overlay_add_toast (self->toast_overlay, crm_toast_new (_("Link copied")));
}

static void
entry_activated_cb (CrmReferralFormDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "form.create", NULL);
}

static void
crm_referral_form_dialog_dispose (GObject *object)
{
  CrmReferralFormDialog *self = CRM_REFERRAL_FORM_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->url, g_free);

  G_OBJECT_CLASS (crm_referral_form_dialog_parent_class)->dispose (object);
}

static void
crm_referral_form_dialog_class_init (CrmReferralFormDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_referral_form_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/crm-referral-form-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmReferralFormDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralFormDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralFormDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralFormDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralFormDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralFormDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralFormDialog, broker_row);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralFormDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralFormDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralFormDialog, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralFormDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralFormDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralFormDialog, link_page);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralFormDialog, link_label);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralFormDialog, copy_button);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "form.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "form.copy-link", NULL, copy_link_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_referral_form_dialog_init (CrmReferralFormDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.create", FALSE);
}

/**
 * crm_referral_form_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @session: the session the form is made on
 *
 * Returns: (transfer none): a new dialog, its fields empty, the link
 *   expiring in 30 days once an expiry is switched on
 */
GtkWidget *
crm_referral_form_dialog_new (GtkWindow  *parent,
                              CrmSession *session)
{
  CrmReferralFormDialog *self;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) later = NULL;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_REFERRAL_FORM_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  now = g_date_time_new_from_unix_local (crm_clock_now_unix (crm_session_get_clock (session)));
  later = g_date_time_add_days (now, 30);
  gtk_calendar_select_day (self->calendar, later);
  fields_changed_cb (self);

  return GTK_WIDGET (self);
}

/**
 * crm_referral_form_dialog_get_form_id:
 * @self: a #CrmReferralFormDialog
 *
 * Returns: the form made, or 0 while none is
 */
gint64
crm_referral_form_dialog_get_form_id (CrmReferralFormDialog *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL_FORM_DIALOG (self), 0);

  return self->form_id;
}
