/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-forward-ticket-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-forward-ticket-dialog.h"

/**
 * CrmForwardTicketDialog:
 *
 * "Forward…" (TK18): the addresses, a note, whether the internal
 * comments go too and whether answers come back into the ticket. Says
 * #CrmForwardTicketDialog::forward; Forward is enabled once every
 * address given is one.
 */
struct _CrmForwardTicketDialog
{
  AdwMessageDialog  parent_instance;

  AdwEntryRow      *to;
  GtkLabel         *problem;
  GtkTextView      *note;
  GtkSwitch        *with_comments;
  GtkSwitch        *replies_here;
};

G_DEFINE_FINAL_TYPE (CrmForwardTicketDialog, crm_forward_ticket_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  FORWARD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The addresses typed, separated by commas, semicolons or spaces; the
 * first that is not one in @bad. */
static GStrv
read_addresses (CrmForwardTicketDialog  *self,
                char                   **bad)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (self->to)), ",; \t", -1);

  *bad = NULL;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *address = NULL;

      if (*parts[i] == '\0')
        continue;
      if (!(address = crm_normalize_email (parts[i], NULL)))
        {
          *bad = g_strdup (parts[i]);
          break;
        }
      g_strv_builder_add (builder, address);
    }

  return g_strv_builder_end (builder);
}

static void
to_changed_cb (CrmForwardTicketDialog *self)
{
  g_autofree char *bad = NULL;
  g_auto(GStrv) addresses = read_addresses (self, &bad);

  if (bad != NULL)
    {
      /* Translators: under the To field of "Forward Ticket"; what was typed */
      g_autofree char *text = g_strdup_printf (_("“%s” is not an e-mail address"), bad);

      gtk_label_set_text (self->problem, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->to), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->to), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), bad != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "forward", bad == NULL && addresses[0] != NULL);
}

static void
crm_forward_ticket_dialog_response (AdwMessageDialog *dialog,
                                    const char       *response)
{
  CrmForwardTicketDialog *self = CRM_FORWARD_TICKET_DIALOG (dialog);

  if (ADW_MESSAGE_DIALOG_CLASS (crm_forward_ticket_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (crm_forward_ticket_dialog_parent_class)->response (dialog, response);
  if (g_str_equal (response, "forward"))
    {
      g_autofree char *bad = NULL;
      g_auto(GStrv) addresses = read_addresses (self, &bad);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note);
      GtkTextIter start, end;
      g_autofree char *note = NULL;

      if (bad != NULL || addresses[0] == NULL)
        return;
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_signal_emit (self, signals[FORWARD], 0, addresses, note, gtk_switch_get_active (self->with_comments),
                     gtk_switch_get_active (self->replies_here));
    }
}

static void
crm_forward_ticket_dialog_class_init (CrmForwardTicketDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  ADW_MESSAGE_DIALOG_CLASS (klass)->response = crm_forward_ticket_dialog_response;

  /**
   * CrmForwardTicketDialog::forward:
   * @self: the dialog
   * @to: (array zero-terminated=1): the addresses, normalised
   * @note: the note above the ticket
   * @with_comments: whether the internal comments go too
   * @replies_here: whether answers come back into the ticket
   *
   * The user chose to forward.
   */
  signals[FORWARD] =
    g_signal_new ("forward",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_STRV, G_TYPE_STRING, G_TYPE_BOOLEAN, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-forward-ticket-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmForwardTicketDialog, to);
  gtk_widget_class_bind_template_child (widget_class, CrmForwardTicketDialog, problem);
  gtk_widget_class_bind_template_child (widget_class, CrmForwardTicketDialog, note);
  gtk_widget_class_bind_template_child (widget_class, CrmForwardTicketDialog, with_comments);
  gtk_widget_class_bind_template_child (widget_class, CrmForwardTicketDialog, replies_here);
  gtk_widget_class_bind_template_callback (widget_class, to_changed_cb);
}

static void
crm_forward_ticket_dialog_init (CrmForwardTicketDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_forward_ticket_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @ticket: the ticket to forward
 *
 * Returns: (transfer none): a new dialog
 */
GtkWidget *
crm_forward_ticket_dialog_new (GtkWindow *parent,
                               CrmTicket *ticket)
{
  CrmForwardTicketDialog *self = g_object_new (CRM_TYPE_FORWARD_TICKET_DIALOG, "transient-for", parent, NULL);
  g_autofree char *heading = NULL;

  g_return_val_if_fail (CRM_IS_TICKET (ticket), NULL);

  /* Translators: a dialog's heading; a ticket's number */
  heading = g_strdup_printf (_("Forward Ticket #%lld"), (long long) crm_ticket_get_id (ticket));
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  gtk_widget_grab_focus (GTK_WIDGET (self->to));

  return GTK_WIDGET (self);
}
