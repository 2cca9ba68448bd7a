/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-view"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-add-activity-dialog.h"
#include "crm-link-activity-dialog.h"
#include "crm-ticket-view-private.h"
#include "crm-widget-write.h"

/* Calls and chats on the ticket's card (TK6): "Link Call or Chat…"
 * offers the unlinked ones, today's of the client or their numbers
 * first, read on a worker; "Add Call or Chat…" enters one by hand and
 * links it in one go. Both are applied as the card's other changes
 * (_crm_ticket_view_apply ()), with Undo on their toast. */

typedef struct
{
  GPtrArray *activities;
  guint      n_first;
} ToLink;

static void
to_link_free (gpointer data)
{
  ToLink *to_link = data;

  g_clear_pointer (&to_link->activities, g_ptr_array_unref);
  g_free (to_link);
}

static gboolean
read_to_link (CrmSession    *reader,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  ToLink *to_link = g_new0 (ToLink, 1);

  to_link->activities = crm_activity_store_list_to_link (crm_activity_store_from_session (reader),
                                                         GPOINTER_TO_SIZE (data), &to_link->n_first, error);
  if (to_link->activities == NULL)
    {
      to_link_free (to_link);
      return FALSE;
    }
  *result = to_link;

  return TRUE;
}

static void
link_chosen_cb (GtkWidget     *dialog,
                gint64         activity_id,
                CrmTicketView *self)
{
  gint64 ticket_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-ticket-id"));

  _crm_ticket_view_apply (self, crm_ticket_edit_new_link_activity (ticket_id, activity_id));
}

static void
to_link_read_cb (GtkWidget    *widget,
                 gpointer      result,
                 const GError *error)
{
  CrmTicketView *self = CRM_TICKET_VIEW (widget);
  ToLink *to_link = result;
  GtkWidget *dialog;

  if (result == NULL)
    {
      _crm_ticket_view_show_toast (self, error->message);
      return;
    }
  if (self->ticket == NULL)
    return;
  dialog = crm_link_activity_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->ticket,
                                         to_link->activities, to_link->n_first);
  g_object_set_data (G_OBJECT (dialog), "crm-ticket-id", GSIZE_TO_POINTER ((gsize) crm_ticket_get_id (self->ticket)));
  g_signal_connect_object (dialog, "link", G_CALLBACK (link_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Link Call or Chat…" (TK6) */
void
_crm_ticket_view_link_activity_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  CrmTicketView *self = CRM_TICKET_VIEW (widget);

  if (self->ticket == NULL || self->session == NULL)
    return;
  crm_widget_read (widget, self->session, read_to_link, GSIZE_TO_POINTER ((gsize) crm_ticket_get_id (self->ticket)),
                   NULL, to_link_free, NULL, to_link_read_cb);
}

static void
add_chosen_cb (GtkWidget     *dialog,
               CrmActivity   *activity,
               CrmTicketView *self)
{
  gint64 ticket_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-ticket-id"));

  _crm_ticket_view_apply (self, crm_ticket_edit_new_add_activity (ticket_id, activity));
}

static void
ask_activity (CrmTicketView *self,
              CrmContact    *client)
{
  GtkWidget *dialog;

  if (self->ticket == NULL)
    return;
  dialog = crm_add_activity_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->session,
                                        self->ticket, client);
  g_object_set_data (G_OBJECT (dialog), "crm-ticket-id", GSIZE_TO_POINTER ((gsize) crm_ticket_get_id (self->ticket)));
  g_signal_connect_object (dialog, "add", G_CALLBACK (add_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
read_client (CrmSession    *reader,
             gpointer       data,
             gpointer      *result,
             GCancellable  *cancellable,
             GError       **error)
{
  *result = crm_contact_store_get (crm_contact_store_from_session (reader), GPOINTER_TO_SIZE (data), error);

  return *result != NULL;
}

static void
client_read_cb (GtkWidget    *widget,
                gpointer      result,
                const GError *error)
{
  /* a client gone meanwhile: the call is entered by its number */
  ask_activity (CRM_TICKET_VIEW (widget), result);
}

/* "Add Call or Chat…" (TK6): the client's numbers read on a worker. */
void
_crm_ticket_view_add_activity_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  CrmTicketView *self = CRM_TICKET_VIEW (widget);

  if (self->ticket == NULL || self->session == NULL)
    return;
  if (crm_ticket_get_client_id (self->ticket) == 0)
    {
      ask_activity (self, NULL);
      return;
    }
  crm_widget_read (widget, self->session, read_client,
                   GSIZE_TO_POINTER ((gsize) crm_ticket_get_client_id (self->ticket)), NULL, g_object_unref, NULL,
                   client_read_cb);
}
