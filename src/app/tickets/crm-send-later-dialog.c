/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-send-later-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-send-later-dialog.h"

/**
 * CrmSendLaterDialog:
 *
 * Asks when a reply should go out (TK8): a day on a calendar and a
 * time, tomorrow at nine to begin with, not in the past and at most 14
 * days ahead. Schedule says #CrmSendLaterDialog::schedule with the
 * time chosen.
 */
struct _CrmSendLaterDialog
{
  AdwMessageDialog  parent_instance;

  CrmClock         *clock;
  GtkCalendar      *calendar;
  GtkSpinButton    *hour;
  GtkSpinButton    *minute;
  GtkLabel         *hint;
};

G_DEFINE_FINAL_TYPE (CrmSendLaterDialog, crm_send_later_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  SCHEDULE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MAX_DAYS_AHEAD 14

/**
 * crm_send_later_dialog_get_at:
 * @self: a #CrmSendLaterDialog
 *
 * Returns: the time the fields say, as a Unix time, or 0
 */
gint64
crm_send_later_dialog_get_at (CrmSendLaterDialog *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) when = NULL;

  g_return_val_if_fail (CRM_IS_SEND_LATER_DIALOG (self), 0);

  day = gtk_calendar_get_date (self->calendar);
  when = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (self->hour),
                                gtk_spin_button_get_value_as_int (self->minute), 0);

  return when != NULL ? g_date_time_to_unix (when) : 0;
}

static void
update (CrmSendLaterDialog *self)
{
  gint64 now = crm_clock_now_unix (self->clock);
  gint64 at = crm_send_later_dialog_get_at (self);
  gboolean past = at <= now;
  gboolean far = at > now + MAX_DAYS_AHEAD * 24 * 3600;

  gtk_label_set_text (self->hint, past ? _("Choose a time in the future.")
                      : far ? _("A mail can be scheduled at most 14 days ahead.") : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint), past || far);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "schedule", !past && !far);
}

static void
crm_send_later_dialog_response (AdwMessageDialog *dialog,
                                const char       *response)
{
  CrmSendLaterDialog *self = CRM_SEND_LATER_DIALOG (dialog);

  if (ADW_MESSAGE_DIALOG_CLASS (crm_send_later_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (crm_send_later_dialog_parent_class)->response (dialog, response);
  if (g_str_equal (response, "schedule"))
    g_signal_emit (self, signals[SCHEDULE], 0, crm_send_later_dialog_get_at (self));
}

static GtkWidget *
time_spin (double max,
           double value)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (spin), GTK_ORIENTATION_VERTICAL);

  return spin;
}

static void
crm_send_later_dialog_dispose (GObject *object)
{
  g_clear_object (&CRM_SEND_LATER_DIALOG (object)->clock);

  G_OBJECT_CLASS (crm_send_later_dialog_parent_class)->dispose (object);
}

static void
crm_send_later_dialog_class_init (CrmSendLaterDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_send_later_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = crm_send_later_dialog_response;

  /**
   * CrmSendLaterDialog::schedule:
   * @self: the dialog
   * @at: the time chosen (Unix time)
   *
   * The user chose Schedule; the time may have passed meanwhile.
   */
  signals[SCHEDULE] =
    g_signal_new ("schedule",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
crm_send_later_dialog_init (CrmSendLaterDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *time_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  self->hour = GTK_SPIN_BUTTON (time_spin (23, 9));
  self->minute = GTK_SPIN_BUTTON (time_spin (59, 0));
  self->hint = GTK_LABEL (gtk_label_new (NULL));

  gtk_widget_set_halign (time_box, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->hour), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Hour"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->minute), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Minute"), -1);
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (self->hour));
  gtk_box_append (GTK_BOX (time_box), gtk_label_new (":"));
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (self->minute));
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "error");
  gtk_label_set_wrap (self->hint, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
  gtk_box_append (GTK_BOX (box), time_box);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->hint));

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Send Later"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               _("The reply waits until then; “Cancel Sending” under it in the conversation stops it."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"), "schedule", _("_Schedule"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "schedule", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->hour, "value-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->minute, "value-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
}

/**
 * crm_send_later_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @clock: the clock "now" is read from
 *
 * Returns: (transfer none): a new dialog, tomorrow at nine chosen
 */
GtkWidget *
crm_send_later_dialog_new (GtkWindow *parent,
                           CrmClock  *clock)
{
  CrmSendLaterDialog *self;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;

  g_return_val_if_fail (CRM_IS_CLOCK (clock), NULL);

  self = g_object_new (CRM_TYPE_SEND_LATER_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->clock = g_object_ref (clock);
  now = g_date_time_new_from_unix_local (crm_clock_now_unix (clock));
  tomorrow = g_date_time_add_days (now, 1);
  gtk_calendar_select_day (self->calendar, tomorrow);
  update (self);

  return GTK_WIDGET (self);
}
