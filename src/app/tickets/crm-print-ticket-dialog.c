/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-print-ticket-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-print-ticket-dialog.h"

/**
 * CrmPrintTicketDialog:
 *
 * "Print…" (TK15): a checkbox for each message of the ticket, all
 * checked, and whether its attachments are named. Says
 * #CrmPrintTicketDialog::print with the choice; the print dialog
 * (printers, preview, a PDF) comes after.
 */
struct _CrmPrintTicketDialog
{
  AdwMessageDialog  parent_instance;

  GtkListBox       *messages;
  GtkSwitch        *marker;

  GPtrArray        *checks;   /* (element-type GtkCheckButton) */
};

G_DEFINE_FINAL_TYPE (CrmPrintTicketDialog, crm_print_ticket_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PRINT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_sensitive (CrmPrintTicketDialog *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->checks->len; i++)
    any |= gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "print", any);
}

static void
crm_print_ticket_dialog_response (AdwMessageDialog *dialog,
                                  const char       *response)
{
  CrmPrintTicketDialog *self = CRM_PRINT_TICKET_DIALOG (dialog);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (ADW_MESSAGE_DIALOG_CLASS (crm_print_ticket_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (crm_print_ticket_dialog_parent_class)->response (dialog, response);
  if (!g_str_equal (response, "print"))
    return;

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "crm-message-id"));

      if (gtk_check_button_get_active (check))
        g_array_append_val (ids, id);
    }
  g_signal_emit (self, signals[PRINT], 0, ids, gtk_switch_get_active (self->marker));
}

static void
crm_print_ticket_dialog_finalize (GObject *object)
{
  CrmPrintTicketDialog *self = CRM_PRINT_TICKET_DIALOG (object);

  g_ptr_array_unref (self->checks);

  G_OBJECT_CLASS (crm_print_ticket_dialog_parent_class)->finalize (object);
}

static void
crm_print_ticket_dialog_class_init (CrmPrintTicketDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = crm_print_ticket_dialog_finalize;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = crm_print_ticket_dialog_response;

  /**
   * CrmPrintTicketDialog::print:
   * @self: the dialog
   * @message_ids: (element-type gint64): the messages checked
   * @marker: whether each message's attachments are named
   *
   * The user chose what to print.
   */
  signals[PRINT] =
    g_signal_new ("print",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_ARRAY, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-print-ticket-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPrintTicketDialog, messages);
  gtk_widget_class_bind_template_child (widget_class, CrmPrintTicketDialog, marker);
}

static void
crm_print_ticket_dialog_init (CrmPrintTicketDialog *self)
{
  self->checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_print_ticket_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @ticket_id: the ticket
 * @entries: (element-type CrmTimelineEntry): its conversation
 *
 * Returns: (transfer none): a new dialog
 */
GtkWidget *
crm_print_ticket_dialog_new (GtkWindow *parent,
                             gint64     ticket_id,
                             GPtrArray *entries)
{
  CrmPrintTicketDialog *self = g_object_new (CRM_TYPE_PRINT_TICKET_DIALOG, "transient-for", parent, NULL);
  g_autofree char *heading = NULL;

  /* Translators: a dialog's heading; a ticket's number */
  heading = g_strdup_printf (_("Print Ticket #%lld"), (long long) ticket_id);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);

  for (guint i = 0; i < entries->len; i++)
    {
      CrmTimelineEntry *entry = g_ptr_array_index (entries, i);
      GtkWidget *row, *check;
      g_autofree char *time = NULL;
      g_autofree char *title = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *first_line = NULL;
      guint n_files;

      if ((entry->kind != CRM_TIMELINE_ENTRY_IN && entry->kind != CRM_TIMELINE_ENTRY_OUT) || entry->message_id == 0)
        continue;
      time = crm_format_date_time (entry->at);
      n_files = entry->attachments != NULL ? g_list_model_get_n_items (entry->attachments) : 0;
      title = entry->kind == CRM_TIMELINE_ENTRY_IN
              /* Translators: a message to print: sender, time */
              ? g_strdup_printf (_("From %s · %s"), entry->who ? entry->who : "", time)
              /* Translators: a reply to print: recipient, time */
              : g_strdup_printf (_("To %s · %s"), entry->who ? entry->who : "", time);
      escaped = g_markup_escape_text (title, -1);
      first_line = g_strstrip (g_strdup (entry->text ? entry->text : ""));
      first_line[strcspn (first_line, "\r\n")] = '\0';

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      if (n_files > 0)
        {
          /* Translators: a message's first line, then how many files it has */
          g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u attachment",
                                                                    "%s · %u attachments", n_files),
                                                       first_line, n_files);
          g_autofree char *subtitle_escaped = g_markup_escape_text (subtitle, -1);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_escaped);
        }
      else
        {
          g_autofree char *subtitle_escaped = g_markup_escape_text (first_line, -1);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_escaped);
        }
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      check = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (check), "crm-message-id", GSIZE_TO_POINTER ((gsize) entry->message_id));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_sensitive), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->messages, row);
      g_ptr_array_add (self->checks, check);
    }
  update_sensitive (self);

  return GTK_WIDGET (self);
}
