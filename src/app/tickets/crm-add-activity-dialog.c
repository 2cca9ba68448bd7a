/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-add-activity-dialog"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "crm-add-activity-dialog.h"

/**
 * CrmAddActivityDialog:
 *
 * "Add Call or Chat…" (TK6): a call or chat entered by hand for the
 * ticket's client: a call or a chat, when (now to begin with), how
 * long, the number (the client's first to begin with) and what was
 * said. What cannot be added is said under the fields as they are
 * typed, and Add waits until it can. Says #CrmAddActivityDialog::add.
 */
struct _CrmAddActivityDialog
{
  AdwMessageDialog  parent_instance;

  /* template widgets */
  AdwComboRow      *kind_row;
  AdwEntryRow      *when_row;
  GtkSpinButton    *minutes;
  AdwEntryRow      *number_row;
  GtkTextView      *note;
  GtkLabel         *hint;

  /* owned */
  CrmSession       *session;
  gint64            contact_id;
};

G_DEFINE_FINAL_TYPE (CrmAddActivityDialog, crm_add_activity_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  ADD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "09:15" today, "2026-12-07 09:15", or ISO 8601 */
static gint64
parse_when (CrmAddActivityDialog  *self,
            const char            *text,
            GError               **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GDateTime) now = crm_clock_now (crm_session_get_clock (self->session));
  g_autoptr(GDateTime) local = g_date_time_to_local (now);
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) when = NULL;
  int year, month, day, hour, minute;
  char end;

  if (sscanf (stripped, "%d:%d%c", &hour, &minute, &end) == 2)
    when = g_date_time_new (zone, g_date_time_get_year (local), g_date_time_get_month (local),
                            g_date_time_get_day_of_month (local), hour, minute, 0);
  else if (sscanf (stripped, "%d-%d-%d %d:%d%c", &year, &month, &day, &hour, &minute, &end) == 5)
    when = g_date_time_new (zone, year, month, day, hour, minute, 0);
  else
    when = g_date_time_new_from_iso8601 (stripped, zone);
  if (when == NULL)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is what the user typed; keep the example's form */
                   _("“%s” is not a time: write it as 2026-12-07 09:15, or 09:15 for today."), stripped);
      return 0;
    }

  return g_date_time_to_unix (when);
}

/**
 * crm_add_activity_dialog_dup_activity:
 * @self: a #CrmAddActivityDialog
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the call or chat the fields say, or %NULL
 *   with @error saying what to correct
 */
CrmActivity *
crm_add_activity_dialog_dup_activity (CrmAddActivityDialog  *self,
                                      GError               **error)
{
  g_autoptr(CrmActivity) activity = NULL;
  g_autofree char *note = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  gint64 at;

  g_return_val_if_fail (CRM_IS_ADD_ACTIVITY_DIALOG (self), NULL);

  if (!(at = parse_when (self, gtk_editable_get_text (GTK_EDITABLE (self->when_row)), error)))
    return NULL;
  buffer = gtk_text_view_get_buffer (self->note);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  activity = crm_activity_new (adw_combo_row_get_selected (self->kind_row) == 1 ? CRM_ACTIVITY_CHAT : CRM_ACTIVITY_CALL,
                               self->contact_id, gtk_editable_get_text (GTK_EDITABLE (self->number_row)), at,
                               (gint64) gtk_spin_button_get_value_as_int (self->minutes) * 60, note);
  if (!crm_activity_store_check (crm_activity_store_from_session (self->session), activity, error))
    return NULL;

  return g_steal_pointer (&activity);
}

static void
changed_cb (CrmAddActivityDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmActivity) activity = NULL;

  /* the fields are filled before the session is known */
  if (self->session == NULL)
    return;
  activity = crm_add_activity_dialog_dup_activity (self, &error);

  gtk_label_set_text (self->hint, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint), error != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", activity != NULL);
}

static void
crm_add_activity_dialog_response (AdwMessageDialog *dialog,
                                  const char       *response)
{
  CrmAddActivityDialog *self = CRM_ADD_ACTIVITY_DIALOG (dialog);
  g_autoptr(CrmActivity) activity = NULL;

  if (ADW_MESSAGE_DIALOG_CLASS (crm_add_activity_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (crm_add_activity_dialog_parent_class)->response (dialog, response);
  if (g_str_equal (response, "add") && (activity = crm_add_activity_dialog_dup_activity (self, NULL)) != NULL)
    g_signal_emit (self, signals[ADD], 0, activity);
}

static void
crm_add_activity_dialog_dispose (GObject *object)
{
  CrmAddActivityDialog *self = CRM_ADD_ACTIVITY_DIALOG (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_add_activity_dialog_parent_class)->dispose (object);
}

static void
crm_add_activity_dialog_class_init (CrmAddActivityDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_add_activity_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = crm_add_activity_dialog_response;

  /**
   * CrmAddActivityDialog::add:
   * @self: the dialog
   * @activity: the call or chat as entered, checked
   *
   * The user chose to add it.
   */
  signals[ADD] =
    g_signal_new ("add",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CRM_TYPE_ACTIVITY);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-add-activity-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmAddActivityDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAddActivityDialog, when_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAddActivityDialog, minutes);
  gtk_widget_class_bind_template_child (widget_class, CrmAddActivityDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAddActivityDialog, note);
  gtk_widget_class_bind_template_child (widget_class, CrmAddActivityDialog, hint);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
crm_add_activity_dialog_init (CrmAddActivityDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->note), "changed", G_CALLBACK (changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * crm_add_activity_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @session: the session, for the clock and the checks
 * @ticket: the ticket the call or chat is for
 * @client: (nullable): the ticket's client: who it was with, and their
 *   first number to begin with
 *
 * Returns: (transfer none): a new dialog
 */
GtkWidget *
crm_add_activity_dialog_new (GtkWindow  *parent,
                             CrmSession *session,
                             CrmTicket  *ticket,
                             CrmContact *client)
{
  CrmAddActivityDialog *self = g_object_new (CRM_TYPE_ADD_ACTIVITY_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (CRM_IS_TICKET (ticket), NULL);

  self->session = g_object_ref (session);
  /* Translators: a dialog's heading; a ticket's number */
  heading = g_strdup_printf (_("Add a Call or Chat to Ticket #%lld"), (long long) crm_ticket_get_id (ticket));
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  if (client != NULL)
    {
      const char * const *phones = crm_contact_get_phones (client);
      g_autofree char *body = NULL;

      self->contact_id = crm_contact_get_id (client);
      if (phones != NULL && phones[0] != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->number_row), phones[0]);
      /* Translators: a dialog's text; a contact's name */
      body = g_strdup_printf (_("With %s; it shows in the ticket’s conversation."), crm_contact_get_name (client));
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
    }

  now = crm_clock_now (crm_session_get_clock (session));
  local = g_date_time_to_local (now);
  when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  gtk_editable_set_text (GTK_EDITABLE (self->when_row), when);
  changed_cb (self);

  return GTK_WIDGET (self);
}
