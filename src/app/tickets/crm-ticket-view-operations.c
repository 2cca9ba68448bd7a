/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-view"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-close-ticket-dialog.h"
#include "crm-forward-ticket-dialog.h"
#include "crm-merge-ticket-dialog.h"
#include "crm-move-ticket-dialog.h"
#include "crm-print-ticket-dialog.h"
#include "crm-tickets-page.h"
#include "crm-toast.h"
#include "crm-ticket-view-private.h"
#include "crm-widget-write.h"

/* What a user does to a whole ticket from its card (issue 14): close
 * it with an outcome, move it to a queue with a new assignee, merge it,
 * split a message off, unpin its client, print it, delete it; each
 * applied on a writer (_crm_ticket_view_apply ()), and said on a toast
 * whose Undo reverses it. */

static void
undone_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CrmTicketView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;
  if (crm_ticket_store_undo_finish (crm_ticket_store_from_session (self->session), result, &error) == 0)
    _crm_ticket_view_report_error (self, error);
  else
    _crm_ticket_view_show_toast (self, _("Undone"));
}

static void
undo_clicked_cb (AdwToast      *toast,
                 CrmTicketView *self)
{
  gint64 step = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "crm-undo-step"));

  if (self->session == NULL || step == 0)
    return;
  crm_ticket_store_undo_async (crm_ticket_store_from_session (self->session), step, NULL, undone_cb,
                               g_object_ref (self));
}

/* What was done, on a toast with Undo (issue 14). */
void
_crm_ticket_view_offer_undo (CrmTicketView     *self,
                             CrmTicketEditKind  kind,
                             gint64             ticket_id,
                             gint64             step)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  switch (kind)
    {
    case CRM_TICKET_EDIT_ASSIGN:
      /* Translators: a toast; a ticket's number */
      text = g_strdup_printf (_("Ticket #%lld assigned"), (long long) ticket_id);
      break;
    case CRM_TICKET_EDIT_CLOSE:
      /* Translators: a toast; a ticket's number */
      text = g_strdup_printf (_("Ticket #%lld closed"), (long long) ticket_id);
      break;
    case CRM_TICKET_EDIT_MOVE:
      /* Translators: a toast; a ticket's number */
      text = g_strdup_printf (_("Ticket #%lld moved"), (long long) ticket_id);
      break;
    case CRM_TICKET_EDIT_MERGE:
      /* Translators: a toast; a ticket's number */
      text = g_strdup_printf (_("Ticket #%lld merged"), (long long) ticket_id);
      break;
    case CRM_TICKET_EDIT_DELETE:
      /* Translators: a toast; a ticket's number */
      text = g_strdup_printf (_("Ticket #%lld deleted"), (long long) ticket_id);
      break;
    case CRM_TICKET_EDIT_UNPIN:
      /* Translators: a toast; a ticket's number */
      text = g_strdup_printf (_("The client was taken off ticket #%lld"), (long long) ticket_id);
      break;
    case CRM_TICKET_EDIT_SPLIT:
      /* Translators: a toast; a ticket's number */
      text = g_strdup_printf (_("A message of ticket #%lld split into a new ticket"), (long long) ticket_id);
      break;
    case CRM_TICKET_EDIT_FORWARD:
      {
        /* Translators: a toast; a ticket's number */
        g_autofree char *forwarded = g_strdup_printf (_("Ticket #%lld forwarded"), (long long) ticket_id);

        /* a forward waits in the undo window as a reply does: Undo takes it back */
        crm_ticket_view_show_undo (self, forwarded, step);
      }
      return;
    case CRM_TICKET_EDIT_LINK_ACTIVITY:
      /* Translators: a toast; a ticket's number */
      text = g_strdup_printf (_("Call or chat linked to ticket #%lld"), (long long) ticket_id);
      break;
    case CRM_TICKET_EDIT_ADD_ACTIVITY:
      /* Translators: a toast; a ticket's number */
      text = g_strdup_printf (_("Call or chat added to ticket #%lld"), (long long) ticket_id);
      break;
    default:
      return;
    }

  if (!(toast = crm_toast_show (GTK_WIDGET (self), text)))
    return;
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data (G_OBJECT (toast), "crm-undo-step", GSIZE_TO_POINTER ((gsize) step));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
}

static void
move_answered_cb (GtkWidget     *dialog,
                  gboolean       chosen,
                  const char    *queue,
                  gint64         assignee_id,
                  CrmTicketView *self)
{
  gint64 ticket_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-ticket-id"));

  if (chosen)
    {
      _crm_ticket_view_apply (self, crm_ticket_edit_new_move (ticket_id, queue, assignee_id));
      return;
    }

  /* the user changed their mind: the queue it is in */
  if (self->ticket != NULL && crm_ticket_get_id (self->ticket) == ticket_id)
    {
      const char * const *names = g_object_get_data (G_OBJECT (self->queue_dropdown), "crm-names");

      self->filling = TRUE;
      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        if (g_strcmp0 (names[i], crm_ticket_get_queue (self->ticket)) == 0)
          gtk_drop_down_set_selected (self->queue_dropdown, i);
      self->filling = FALSE;
    }
}

/* Another queue chosen: whom it goes to there (TK16). */
void
_crm_ticket_view_ask_move (CrmTicketView *self,
                           const char    *queue)
{
  GtkWidget *dialog;

  if (queue == NULL)
    return;
  dialog = crm_move_ticket_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->ticket, queue,
                                       (const char * const *) self->user_names,
                                       (const gint64 *) self->user_ids->data, self->user_ids->len);
  g_object_set_data (G_OBJECT (dialog), "crm-ticket-id", GSIZE_TO_POINTER ((gsize) crm_ticket_get_id (self->ticket)));
  g_signal_connect_object (dialog, "move", G_CALLBACK (move_answered_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_crm_ticket_view_split_message_cb (CrmTicketView *self,
                                   gint64         message_id)
{
  if (self->ticket == NULL)
    return;
  _crm_ticket_view_apply (self, crm_ticket_edit_new_split (crm_ticket_get_id (self->ticket), message_id));
}

static void
merge_chosen_cb (GtkWidget     *dialog,
                 gint64         into,
                 gboolean       notify,
                 CrmTicketView *self)
{
  gint64 ticket_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-ticket-id"));

  _crm_ticket_view_apply (self, crm_ticket_edit_new_merge (ticket_id, into, notify));
}

static gboolean
read_merge_candidates (CrmSession    *reader,
                       gpointer       data,
                       gpointer      *result,
                       GCancellable  *cancellable,
                       GError       **error)
{
  CrmTicketStore *store = crm_ticket_store_from_session (reader);

  *result = crm_ticket_store_list_client_tickets (store, GPOINTER_TO_SIZE (data), 50, error);
  /* whether the office tells the client by default (Preferences) */
  if (*result != NULL)
    g_object_set_data (G_OBJECT (*result), "crm-notify-by-default",
                       GINT_TO_POINTER (crm_ticket_store_get_merge_notice (store, NULL)));

  return *result != NULL;
}

static void
merge_candidates_read_cb (GtkWidget    *widget,
                          gpointer      result,
                          const GError *error)
{
  CrmTicketView *self = CRM_TICKET_VIEW (widget);
  GtkWidget *dialog;

  if (result == NULL)
    {
      _crm_ticket_view_show_toast (self, error->message);
      return;
    }
  if (self->ticket == NULL)
    return;
  dialog = crm_merge_ticket_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->ticket, result);
  crm_merge_ticket_dialog_set_notify (CRM_MERGE_TICKET_DIALOG (dialog),
                                      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (result), "crm-notify-by-default")));
  g_object_set_data (G_OBJECT (dialog), "crm-ticket-id", GSIZE_TO_POINTER ((gsize) crm_ticket_get_id (self->ticket)));
  g_signal_connect_object (dialog, "merge", G_CALLBACK (merge_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Printing (TK15): the pages laid out by CrmTicketPrint, through the
 * print dialog (printers, preview, a PDF). */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                CrmTicketPrint    *print)
{
  PangoContext *pango = gtk_print_context_create_pango_context (context);

  gtk_print_operation_set_n_pages (operation,
                                   crm_ticket_print_paginate (print, pango, gtk_print_context_get_width (context),
                                                              gtk_print_context_get_height (context)));
  g_object_unref (pango);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              CrmTicketPrint    *print)
{
  crm_ticket_print_draw_page (print, gtk_print_context_get_cairo_context (context), (guint) page);
}

typedef struct
{
  gint64   ticket_id;
  GArray  *ids;
  gboolean marker;
} PrintAsked;

static void
print_asked_free (gpointer data)
{
  PrintAsked *asked = data;

  g_array_unref (asked->ids);
  g_free (asked);
}

static gboolean
read_print (CrmSession    *reader,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  PrintAsked *asked = data;

  *result = crm_ticket_print_read (reader, asked->ticket_id, (const gint64 *) asked->ids->data, asked->ids->len,
                                   asked->marker, error);

  return *result != NULL;
}

static void
print_read_cb (GtkWidget    *widget,
               gpointer      result,
               const GError *error)
{
  CrmTicketView *self = CRM_TICKET_VIEW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) failed = NULL;
  GtkPrintOperationResult done;

  if (result == NULL)
    {
      _crm_ticket_view_show_toast (self, error->message);
      return;
    }
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print_cb), result, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), result, 0);
  if (self->print_to_file != NULL)
    gtk_print_operation_set_export_filename (operation, self->print_to_file);
  done = gtk_print_operation_run (operation,
                                  self->print_to_file != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                              : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                  GTK_WINDOW (gtk_widget_get_root (widget)), &failed);
  if (done == GTK_PRINT_OPERATION_RESULT_ERROR)
    _crm_ticket_view_show_toast (self, failed->message);
}

static void
print_chosen_cb (GtkWidget     *dialog,
                 GArray        *ids,
                 gboolean       marker,
                 CrmTicketView *self)
{
  PrintAsked *asked = g_new0 (PrintAsked, 1);

  asked->ticket_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-ticket-id"));
  asked->ids = g_array_ref (ids);
  asked->marker = marker;
  crm_widget_read (GTK_WIDGET (self), self->session, read_print, asked, print_asked_free, g_object_unref, NULL,
                   print_read_cb);
}

static gboolean
read_entries (CrmSession    *reader,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  *result = crm_ticket_timeline_read (reader, GPOINTER_TO_SIZE (data), NULL, cancellable, error);

  return *result != NULL;
}

static void
print_entries_read_cb (GtkWidget    *widget,
                       gpointer      result,
                       const GError *error)
{
  CrmTicketView *self = CRM_TICKET_VIEW (widget);
  GtkWidget *dialog;

  if (result == NULL)
    {
      _crm_ticket_view_show_toast (self, error->message);
      return;
    }
  if (self->ticket == NULL)
    return;
  dialog = crm_print_ticket_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), crm_ticket_get_id (self->ticket),
                                        result);
  g_object_set_data (G_OBJECT (dialog), "crm-ticket-id", GSIZE_TO_POINTER ((gsize) crm_ticket_get_id (self->ticket)));
  g_signal_connect_object (dialog, "print", G_CALLBACK (print_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Print…": which messages, read on a worker (TK15). */
void
_crm_ticket_view_print_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CrmTicketView *self = CRM_TICKET_VIEW (widget);

  if (self->ticket == NULL || self->session == NULL)
    return;
  crm_widget_read (widget, self->session, read_entries, GSIZE_TO_POINTER ((gsize) crm_ticket_get_id (self->ticket)),
                   NULL, (GDestroyNotify) g_ptr_array_unref, NULL, print_entries_read_cb);
}

/**
 * crm_ticket_view_set_print_to_file:
 * @self: a #CrmTicketView
 * @path: (nullable): a PDF file
 *
 * Printing writes @path as the print dialog's "Print to File" would,
 * without showing the dialog: for tests and scripts. %NULL: the dialog.
 */
void
crm_ticket_view_set_print_to_file (CrmTicketView *self,
                                   const char    *path)
{
  g_return_if_fail (CRM_IS_TICKET_VIEW (self));

  g_free (self->print_to_file);
  self->print_to_file = g_strdup (path);
}

static void
delete_answered_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CrmTicketView    *self)
{
  gint64 ticket_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-ticket-id"));

  if (g_str_equal (response, "delete"))
    _crm_ticket_view_apply (self, crm_ticket_edit_new (ticket_id, CRM_TICKET_EDIT_DELETE, NULL));
}

/* "Delete…" (TK22): administrators only, after a confirmation that
 * names what goes; Undo on the toast, and 30 days among the deleted. */
void
_crm_ticket_view_delete_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  CrmTicketView *self = CRM_TICKET_VIEW (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->ticket == NULL)
    return;
  /* Translators: a dialog's heading; a ticket's number */
  heading = g_strdup_printf (_("Delete Ticket #%lld?"), (long long) crm_ticket_get_id (self->ticket));
  /* Translators: a dialog's text; a ticket's subject */
  body = g_strdup_printf (_("“%s”, its mail and comments leave every list, the client’s history and the figures. "
                            "An administrator can restore it for 30 days."),
                          crm_ticket_get_subject (self->ticket));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "crm-ticket-id", GSIZE_TO_POINTER ((gsize) crm_ticket_get_id (self->ticket)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_answered_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Unpin the Client" (TK21), with Undo on its toast. */
void
_crm_ticket_view_unpin_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CrmTicketView *self = CRM_TICKET_VIEW (widget);

  if (self->ticket == NULL || crm_ticket_get_client_id (self->ticket) == 0)
    return;
  _crm_ticket_view_apply (self, crm_ticket_edit_new (crm_ticket_get_id (self->ticket), CRM_TICKET_EDIT_UNPIN, NULL));
}

/* "Merge Into Another Ticket…": the client's other tickets, read on a
 * worker, to choose from (TK19). */
void
_crm_ticket_view_merge_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CrmTicketView *self = CRM_TICKET_VIEW (widget);

  if (self->ticket == NULL || self->session == NULL)
    return;
  crm_widget_read (widget, self->session, read_merge_candidates,
                   GSIZE_TO_POINTER ((gsize) crm_ticket_get_id (self->ticket)), NULL, g_object_unref, NULL,
                   merge_candidates_read_cb);
}

static void
forward_chosen_cb (GtkWidget          *dialog,
                   const char * const *to,
                   const char         *note,
                   gboolean            with_comments,
                   gboolean            replies_here,
                   CrmTicketView      *self)
{
  gint64 ticket_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-ticket-id"));

  _crm_ticket_view_apply (self, crm_ticket_edit_new_forward (ticket_id, to, note, with_comments, replies_here,
                                                             crm_ticket_view_get_send_due (self)));
}

/* "Forward…" (TK18): to whom, with a note; sent after the undo window. */
void
_crm_ticket_view_forward_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  CrmTicketView *self = CRM_TICKET_VIEW (widget);
  GtkWidget *dialog;

  if (self->ticket == NULL)
    return;
  dialog = crm_forward_ticket_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->ticket);
  g_object_set_data (G_OBJECT (dialog), "crm-ticket-id", GSIZE_TO_POINTER ((gsize) crm_ticket_get_id (self->ticket)));
  g_signal_connect_object (dialog, "forward", G_CALLBACK (forward_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_chosen_cb (GtkWidget     *dialog,
                 int            outcome,
                 const char    *reason,
                 gboolean       block,
                 CrmTicketView *self)
{
  gint64 ticket_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-ticket-id"));

  _crm_ticket_view_apply (self, crm_ticket_edit_new_close (ticket_id, (CrmTicketOutcome) outcome, reason, block));
}

void
_crm_ticket_view_toggle_closed_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  CrmTicketView *self = CRM_TICKET_VIEW (widget);
  gboolean closed;

  if (self->ticket == NULL)
    return;

  closed = g_strcmp0 (crm_ticket_get_status_kind (self->ticket), "closed") == 0;
  if (closed)
    {
      _crm_ticket_view_apply (self, crm_ticket_edit_new (crm_ticket_get_id (self->ticket), CRM_TICKET_EDIT_STATUS, "Open"));
      return;
    }

  /* how it ended: a request is won, most often; a helpdesk ticket solved */
  {
    GtkWidget *page = gtk_widget_get_ancestor (widget, CRM_TYPE_TICKETS_PAGE);
    gboolean requests = FALSE;
    GtkWidget *dialog;

    if (page != NULL)
      g_object_get (page, "requests", &requests, NULL);
    dialog = crm_close_ticket_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->ticket,
                                          (const char * const *) self->close_reasons,
                                          requests ? CRM_TICKET_OUTCOME_WON : CRM_TICKET_OUTCOME_SOLVED);
    g_object_set_data (G_OBJECT (dialog), "crm-ticket-id", GSIZE_TO_POINTER ((gsize) crm_ticket_get_id (self->ticket)));
    g_signal_connect_object (dialog, "close", G_CALLBACK (close_chosen_cb), self, 0);
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

/* "Create Project…" (RQ8): its name, then its items, in the dialog the
 * request's projects open. */
void
_crm_ticket_view_create_project_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  CrmTicketView *self = CRM_TICKET_VIEW (widget);

  if (self->ticket == NULL)
    return;
  crm_ticket_projects_create (self->projects);
}

/* A project's specification goes with the reply, as a file attached. */
void
_crm_ticket_view_project_attach_cb (CrmTicketView *self,
                                    const char    *name,
                                    GBytes        *data)
{
  crm_ticket_view_add_attachment (self, name, data);
}
