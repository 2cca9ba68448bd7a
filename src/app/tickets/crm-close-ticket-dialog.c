/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-close-ticket-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-close-ticket-dialog.h"

/**
 * CrmCloseTicketDialog:
 *
 * "Close Ticket" asks how it ended (RQ9, RQ10): solved, won, won't buy
 * for one of the office's reasons, or spam, its sender blocked or not.
 * Says #CrmCloseTicketDialog::close with the choice.
 */
struct _CrmCloseTicketDialog
{
  AdwMessageDialog  parent_instance;

  GtkCheckButton   *solved;
  GtkCheckButton   *won;
  GtkCheckButton   *wont_buy;
  GtkCheckButton   *spam;
  GtkDropDown      *reason;
  AdwActionRow     *wont_buy_row;
  AdwActionRow     *block_row;
  GtkSwitch        *block;

  gboolean          has_reasons;
};

G_DEFINE_FINAL_TYPE (CrmCloseTicketDialog, crm_close_ticket_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CrmTicketOutcome
chosen (CrmCloseTicketDialog *self)
{
  if (gtk_check_button_get_active (self->won))
    return CRM_TICKET_OUTCOME_WON;
  if (gtk_check_button_get_active (self->wont_buy))
    return CRM_TICKET_OUTCOME_WONT_BUY;
  if (gtk_check_button_get_active (self->spam))
    return CRM_TICKET_OUTCOME_SPAM;

  return CRM_TICKET_OUTCOME_SOLVED;
}

static void
outcome_toggled_cb (CrmCloseTicketDialog *self)
{
  CrmTicketOutcome outcome = chosen (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->reason), outcome == CRM_TICKET_OUTCOME_WONT_BUY && self->has_reasons);
  gtk_widget_set_sensitive (GTK_WIDGET (self->block_row), outcome == CRM_TICKET_OUTCOME_SPAM);
  /* won't buy needs a reason from the office's list */
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "close",
                                           outcome != CRM_TICKET_OUTCOME_WONT_BUY || self->has_reasons);
}

static void
crm_close_ticket_dialog_response (AdwMessageDialog *dialog,
                                  const char       *response)
{
  CrmCloseTicketDialog *self = CRM_CLOSE_TICKET_DIALOG (dialog);
  CrmTicketOutcome outcome = chosen (self);
  const char *reason = NULL;

  if (ADW_MESSAGE_DIALOG_CLASS (crm_close_ticket_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (crm_close_ticket_dialog_parent_class)->response (dialog, response);
  if (!g_str_equal (response, "close"))
    return;

  if (outcome == CRM_TICKET_OUTCOME_WONT_BUY)
    {
      GtkStringObject *item = gtk_drop_down_get_selected_item (self->reason);

      if (item == NULL)
        return;
      reason = gtk_string_object_get_string (item);
    }

  g_signal_emit (self, signals[CLOSE], 0, (int) outcome, reason,
                 outcome == CRM_TICKET_OUTCOME_SPAM && gtk_switch_get_active (self->block));
}

static void
crm_close_ticket_dialog_class_init (CrmCloseTicketDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  ADW_MESSAGE_DIALOG_CLASS (klass)->response = crm_close_ticket_dialog_response;

  /**
   * CrmCloseTicketDialog::close:
   * @self: the dialog
   * @outcome: a #CrmTicketOutcome
   * @reason: (nullable): why the client won't buy
   * @block: for spam, whether the sender is blocked
   *
   * The user chose to close the ticket so.
   */
  signals[CLOSE] =
    g_signal_new ("close",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-close-ticket-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCloseTicketDialog, solved);
  gtk_widget_class_bind_template_child (widget_class, CrmCloseTicketDialog, won);
  gtk_widget_class_bind_template_child (widget_class, CrmCloseTicketDialog, wont_buy);
  gtk_widget_class_bind_template_child (widget_class, CrmCloseTicketDialog, spam);
  gtk_widget_class_bind_template_child (widget_class, CrmCloseTicketDialog, reason);
  gtk_widget_class_bind_template_child (widget_class, CrmCloseTicketDialog, wont_buy_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCloseTicketDialog, block_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCloseTicketDialog, block);
  gtk_widget_class_bind_template_callback (widget_class, outcome_toggled_cb);
}

static void
crm_close_ticket_dialog_init (CrmCloseTicketDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_close_ticket_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @ticket: the ticket to close
 * @reasons: (nullable): the office's reasons why clients do not buy
 * @outcome: the choice to begin with: solved for a helpdesk ticket,
 *   won for a request
 *
 * Returns: (transfer none): a new dialog
 */
GtkWidget *
crm_close_ticket_dialog_new (GtkWindow          *parent,
                             CrmTicket          *ticket,
                             const char * const *reasons,
                             CrmTicketOutcome    outcome)
{
  CrmCloseTicketDialog *self = g_object_new (CRM_TYPE_CLOSE_TICKET_DIALOG, "transient-for", parent, NULL);
  g_autofree char *heading = NULL;
  GtkCheckButton *buttons[] = { self->solved, self->won, self->wont_buy, self->spam };

  g_return_val_if_fail (CRM_IS_TICKET (ticket), NULL);

  /* Translators: a dialog's heading; a ticket's number */
  heading = g_strdup_printf (_("Close Ticket #%lld?"), (long long) crm_ticket_get_id (ticket));
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), crm_ticket_get_subject (ticket));

  self->has_reasons = reasons != NULL && reasons[0] != NULL;
  if (self->has_reasons)
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new (reasons);

      gtk_drop_down_set_model (self->reason, G_LIST_MODEL (list));
    }
  else
    adw_action_row_set_subtitle (self->wont_buy_row,
                                 _("The office has no reasons yet: an administrator adds them in Preferences › Tickets"));

  gtk_check_button_set_active (buttons[MIN (outcome, G_N_ELEMENTS (buttons) - 1)], TRUE);
  outcome_toggled_cb (self);

  return GTK_WIDGET (self);
}
