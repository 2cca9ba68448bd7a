/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-merge-ticket-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-merge-ticket-dialog.h"

/**
 * CrmMergeTicketDialog:
 *
 * "Merge Into…" (TK19): the client's other tickets to choose from, and
 * whether the client is told. Says #CrmMergeTicketDialog::merge.
 */
struct _CrmMergeTicketDialog
{
  AdwMessageDialog  parent_instance;

  GtkListBox       *tickets;
  GtkSwitch        *notify;

  GtkCheckButton   *group;     /* the first row's, the others join it */
  gint64            chosen;
};

G_DEFINE_FINAL_TYPE (CrmMergeTicketDialog, crm_merge_ticket_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  MERGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
crm_merge_ticket_dialog_response (AdwMessageDialog *dialog,
                                  const char       *response)
{
  CrmMergeTicketDialog *self = CRM_MERGE_TICKET_DIALOG (dialog);

  if (ADW_MESSAGE_DIALOG_CLASS (crm_merge_ticket_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (crm_merge_ticket_dialog_parent_class)->response (dialog, response);
  if (g_str_equal (response, "merge") && self->chosen != 0)
    g_signal_emit (self, signals[MERGE], 0, self->chosen, gtk_switch_get_active (self->notify));
}

static void
choice_toggled_cb (GtkCheckButton       *button,
                   CrmMergeTicketDialog *self)
{
  if (!gtk_check_button_get_active (button))
    return;
  self->chosen = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "crm-ticket-id"));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "merge", TRUE);
}

static void
crm_merge_ticket_dialog_class_init (CrmMergeTicketDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  ADW_MESSAGE_DIALOG_CLASS (klass)->response = crm_merge_ticket_dialog_response;

  /**
   * CrmMergeTicketDialog::merge:
   * @self: the dialog
   * @into: the ticket chosen to hold both
   * @notify: whether the client is told
   *
   * The user chose to merge.
   */
  signals[MERGE] =
    g_signal_new ("merge",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-merge-ticket-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmMergeTicketDialog, tickets);
  gtk_widget_class_bind_template_child (widget_class, CrmMergeTicketDialog, notify);
}

static void
crm_merge_ticket_dialog_init (CrmMergeTicketDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
add_row (CrmMergeTicketDialog *self,
         CrmTicket            *ticket)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *when = crm_format_date_time (crm_ticket_get_updated (ticket));

  /* Translators: a ticket in a list: its number and subject */
  title = g_strdup_printf (_("#%lld · %s"), (long long) crm_ticket_get_id (ticket), crm_ticket_get_subject (ticket));
  escaped = g_markup_escape_text (title, -1);
  /* Translators: a ticket's status and when it last changed */
  subtitle = g_strdup_printf (_("%s · %s"), crm_ticket_display_name (crm_ticket_get_status (ticket)), when);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (self->group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->group);
  else
    self->group = GTK_CHECK_BUTTON (check);
  g_object_set_data (G_OBJECT (check), "crm-ticket-id", GSIZE_TO_POINTER ((gsize) crm_ticket_get_id (ticket)));
  g_signal_connect (check, "toggled", G_CALLBACK (choice_toggled_cb), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_list_box_append (self->tickets, row);
}

/**
 * crm_merge_ticket_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @ticket: the ticket to merge
 * @candidates: (element-type CrmTicket): the client's other tickets
 *
 * Returns: (transfer none): a new dialog
 */
GtkWidget *
crm_merge_ticket_dialog_new (GtkWindow  *parent,
                             CrmTicket  *ticket,
                             GListModel *candidates)
{
  CrmMergeTicketDialog *self = g_object_new (CRM_TYPE_MERGE_TICKET_DIALOG, "transient-for", parent, NULL);
  g_autofree char *heading = NULL;
  guint n;

  g_return_val_if_fail (CRM_IS_TICKET (ticket), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (candidates), NULL);

  /* Translators: a dialog's heading; a ticket's number */
  heading = g_strdup_printf (_("Merge Ticket #%lld Into…"), (long long) crm_ticket_get_id (ticket));
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);

  n = g_list_model_get_n_items (candidates);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmTicket) candidate = g_list_model_get_item (candidates, i);

      add_row (self, candidate);
    }
  if (n == 0)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                 _("The client has no other ticket with mail to merge this one into."));

  return GTK_WIDGET (self);
}

/**
 * crm_merge_ticket_dialog_set_notify:
 * @self: a #CrmMergeTicketDialog
 * @notify: whether "Tell the Client" starts on (the office's choice)
 */
void
crm_merge_ticket_dialog_set_notify (CrmMergeTicketDialog *self,
                                    gboolean              notify)
{
  g_return_if_fail (CRM_IS_MERGE_TICKET_DIALOG (self));

  gtk_switch_set_active (self->notify, notify);
}
