/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-deleted-tickets-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-deleted-tickets-dialog.h"
#include "crm-format.h"
#include "crm-toast.h"
#include "crm-widget-write.h"

/**
 * CrmDeletedTicketsDialog:
 *
 * The tickets deleted in the last 30 days, for administrators (TK22):
 * who deleted each and when, how much mail it holds, and Restore, which
 * puts it back as it was. Read on a worker, again after each restore.
 */
struct _CrmDeletedTicketsDialog
{
  AdwWindow   parent_instance;

  GtkStack   *stack;
  GtkListBox *list;

  CrmSession *session;
  gboolean    read;
};

G_DEFINE_FINAL_TYPE (CrmDeletedTicketsDialog, crm_deleted_tickets_dialog, ADW_TYPE_WINDOW)

static void reload (CrmDeletedTicketsDialog *self);

static gboolean
restore_write (CrmSession  *writer,
               GVariant    *args,
               GError     **error)
{
  return crm_ticket_store_restore (crm_ticket_store_from_session (writer), g_variant_get_int64 (args), error);
}

static void
restored_cb (GtkWidget    *widget,
             GVariant     *args,
             const GError *error)
{
  CrmDeletedTicketsDialog *self = CRM_DELETED_TICKETS_DIALOG (widget);
  g_autofree char *text = NULL;

  if (error != NULL)
    {
      crm_toast_show (widget, error->message);
      return;
    }
  /* Translators: a toast; a ticket's number */
  text = g_strdup_printf (_("Ticket #%lld restored"), (long long) g_variant_get_int64 (args));
  crm_toast_show (widget, text);
  reload (self);
}

static void
restore_clicked_cb (GtkButton               *button,
                    CrmDeletedTicketsDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "crm-ticket-id"));

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  crm_widget_write (GTK_WIDGET (self), self->session, restore_write, g_variant_new_int64 (id), restored_cb);
}

static gboolean
read_deleted (CrmSession    *reader,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  *result = crm_ticket_store_list_deleted (crm_ticket_store_from_session (reader), error);

  return *result != NULL;
}

static void
deleted_read_cb (GtkWidget    *widget,
                 gpointer      result,
                 const GError *error)
{
  CrmDeletedTicketsDialog *self = CRM_DELETED_TICKETS_DIALOG (widget);
  GPtrArray *tickets = result;
  GtkWidget *child;

  if (tickets == NULL)
    {
      crm_toast_show (widget, error->message);
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < tickets->len; i++)
    {
      CrmDeletedTicket *ticket = g_ptr_array_index (tickets, i);
      g_autofree char *title = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *when = crm_format_date_time (ticket->deleted_at);
      g_autofree char *subtitle = NULL;
      g_autofree char *subtitle_escaped = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore"));

      /* Translators: a deleted ticket: its number and subject */
      title = g_strdup_printf (_("#%lld · %s"), (long long) ticket->id, ticket->subject);
      escaped = g_markup_escape_text (title, -1);
      /* Translators: a deleted ticket: who deleted it, when, how many messages it holds */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deleted by %s · %s · %u message",
                                               "Deleted by %s · %s · %u messages", ticket->messages),
                                  ticket->deleted_by != NULL ? ticket->deleted_by : _("someone"), when, ticket->messages);
      subtitle_escaped = g_markup_escape_text (subtitle, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_escaped);
      gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (restore), "crm-ticket-id", GSIZE_TO_POINTER ((gsize) ticket->id));
      g_signal_connect (restore, "clicked", G_CALLBACK (restore_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);
      gtk_list_box_append (self->list, row);
    }
  gtk_stack_set_visible_child_name (self->stack, tickets->len > 0 ? "list" : "empty");
  self->read = TRUE;
}

static void
reload (CrmDeletedTicketsDialog *self)
{
  self->read = FALSE;
  crm_widget_read (GTK_WIDGET (self), self->session, read_deleted, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                   NULL, deleted_read_cb);
}

static void
crm_deleted_tickets_dialog_dispose (GObject *object)
{
  CrmDeletedTicketsDialog *self = CRM_DELETED_TICKETS_DIALOG (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_deleted_tickets_dialog_parent_class)->dispose (object);
}

static void
crm_deleted_tickets_dialog_class_init (CrmDeletedTicketsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_deleted_tickets_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-deleted-tickets-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmDeletedTicketsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmDeletedTicketsDialog, list);
}

static void
crm_deleted_tickets_dialog_init (CrmDeletedTicketsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_deleted_tickets_dialog_new:
 * @session: the session
 *
 * Returns: (transfer floating): the dialog, its list being read
 */
CrmDeletedTicketsDialog *
crm_deleted_tickets_dialog_new (CrmSession *session)
{
  CrmDeletedTicketsDialog *self;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_DELETED_TICKETS_DIALOG, NULL);
  self->session = g_object_ref (session);
  reload (self);

  return self;
}

/**
 * crm_deleted_tickets_dialog_is_read:
 * @self: a #CrmDeletedTicketsDialog
 *
 * Returns: whether the list shown is as read last
 */
gboolean
crm_deleted_tickets_dialog_is_read (CrmDeletedTicketsDialog *self)
{
  g_return_val_if_fail (CRM_IS_DELETED_TICKETS_DIALOG (self), FALSE);

  return self->read;
}
