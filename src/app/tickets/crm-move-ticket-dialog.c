/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-move-ticket-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-move-ticket-dialog.h"

/**
 * CrmMoveTicketDialog:
 *
 * A ticket moved to another queue goes to whom the user chooses there
 * (TK16): nobody to begin with, as the one who has it now works
 * another queue, unless chosen again. Says #CrmMoveTicketDialog::move.
 */
struct _CrmMoveTicketDialog
{
  AdwMessageDialog  parent_instance;

  AdwComboRow      *assignee;

  char             *queue;
  GArray           *user_ids;   /* gint64, of the rows after "Nobody" */
};

G_DEFINE_FINAL_TYPE (CrmMoveTicketDialog, crm_move_ticket_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  MOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
crm_move_ticket_dialog_response (AdwMessageDialog *dialog,
                                 const char       *response)
{
  CrmMoveTicketDialog *self = CRM_MOVE_TICKET_DIALOG (dialog);
  guint selected = adw_combo_row_get_selected (self->assignee);
  gint64 user_id = 0;

  if (ADW_MESSAGE_DIALOG_CLASS (crm_move_ticket_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (crm_move_ticket_dialog_parent_class)->response (dialog, response);

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected - 1 < self->user_ids->len)
    user_id = g_array_index (self->user_ids, gint64, selected - 1);
  g_signal_emit (self, signals[MOVE], 0, g_str_equal (response, "move"), self->queue, user_id);
}

static void
crm_move_ticket_dialog_finalize (GObject *object)
{
  CrmMoveTicketDialog *self = CRM_MOVE_TICKET_DIALOG (object);

  g_free (self->queue);
  g_array_unref (self->user_ids);

  G_OBJECT_CLASS (crm_move_ticket_dialog_parent_class)->finalize (object);
}

static void
crm_move_ticket_dialog_class_init (CrmMoveTicketDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = crm_move_ticket_dialog_finalize;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = crm_move_ticket_dialog_response;

  /**
   * CrmMoveTicketDialog::move:
   * @self: the dialog
   * @chosen: %TRUE to move it, %FALSE when the user changed their mind
   * @queue: the queue it goes to
   * @assignee_id: who takes it there, or 0 for nobody
   *
   * The user answered.
   */
  signals[MOVE] =
    g_signal_new ("move",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_BOOLEAN, G_TYPE_STRING, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-move-ticket-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmMoveTicketDialog, assignee);
}

static void
crm_move_ticket_dialog_init (CrmMoveTicketDialog *self)
{
  self->user_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_move_ticket_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @ticket: the ticket to move
 * @queue: the queue chosen
 * @user_names: the names of whom it can be given to
 * @user_ids: (array length=n_users): their ids, in the same order
 * @n_users: how many
 *
 * Returns: (transfer none): a new dialog
 */
GtkWidget *
crm_move_ticket_dialog_new (GtkWindow          *parent,
                            CrmTicket          *ticket,
                            const char         *queue,
                            const char * const *user_names,
                            const gint64       *user_ids,
                            guint               n_users)
{
  CrmMoveTicketDialog *self = g_object_new (CRM_TYPE_MOVE_TICKET_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;

  g_return_val_if_fail (CRM_IS_TICKET (ticket), NULL);
  g_return_val_if_fail (queue != NULL, NULL);

  self->queue = g_strdup (queue);
  /* Translators: a dialog's heading; a ticket's number and a queue's name */
  heading = g_strdup_printf (_("Move Ticket #%lld to %s?"), (long long) crm_ticket_get_id (ticket),
                             crm_ticket_display_name (queue));
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);

  /* Translators: nobody is assigned the ticket */
  gtk_string_list_append (names, C_("assignee", "Nobody"));
  for (guint i = 0; i < n_users && user_names[i] != NULL; i++)
    {
      gtk_string_list_append (names, user_names[i]);
      g_array_append_val (self->user_ids, user_ids[i]);
    }
  adw_combo_row_set_model (self->assignee, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->assignee, 0);

  return GTK_WIDGET (self);
}
