/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-tickets-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-save-view-dialog.h"
#include "crm-tickets-page-private.h"
#include "crm-toast.h"

/* Saved views on the tickets and requests pages (FD4): "Save as View…"
 * saves what the filter bar shows ("Mine" as whoever will look), and a
 * view opened from the sidebar sets the bar as it can. A view may hold
 * more than the bar shows (a colleague's tickets, a status of the
 * office's own, made with crmctl): the list follows the view whole,
 * its name above the list, for as long as the bar shows what it showed
 * of it; changing the bar, or "Leave the View", leaves it. */

static GVariant *
bar_variant (CrmTicketsPage *self)
{
  CrmTicketFilter filter;

  _crm_tickets_page_read_bar (self, &filter, CRM_USER_ME);

  return g_variant_ref_sink (crm_ticket_filter_to_variant (&filter));
}

void
_crm_tickets_page_clear_view (CrmTicketsPage *self)
{
  g_clear_pointer (&self->view_filter, g_variant_unref);
  g_clear_pointer (&self->view_shown, g_variant_unref);
  g_clear_pointer (&self->view_name, g_free);
  if (self->view_bar != NULL)
    gtk_widget_set_visible (self->view_bar, FALSE);
}

/* The view's filter, "Mine" read for the user, while the view is
 * shown; FALSE (and the view left) when the bar shows another filter
 * now. */
gboolean
_crm_tickets_page_view_filter (CrmTicketsPage  *self,
                               CrmTicketFilter *filter)
{
  gint64 me = self->user != NULL ? crm_user_get_id (self->user) : 0;

  if (self->view_filter == NULL)
    return FALSE;
  /* not while the bar is being set */
  if (self->view_shown != NULL)
    {
      g_autoptr(GVariant) now = bar_variant (self);

      if (!g_variant_equal (now, self->view_shown))
        {
          _crm_tickets_page_clear_view (self);
          return FALSE;
        }
    }
  if (!crm_ticket_filter_from_variant (self->view_filter, me, filter, NULL))
    return FALSE;
  filter->oldest_first = self->requests;

  return TRUE;
}

static guint
queue_position (CrmTicketsPage *self,
                gint64          queue_id)
{
  for (guint i = 0; self->queue_ids != NULL && queue_id != 0 && i < self->queue_ids->len; i++)
    if (*(gint64 *) g_ptr_array_index (self->queue_ids, i) == queue_id)
      return i + 1;

  return 0;
}

static guint
status_position (const CrmTicketFilter *filter)
{
  if (filter->status == NULL)
    return filter->open_only ? 0 : 5;
  for (guint i = 1; i < 5; i++)
    if (g_ascii_strcasecmp (_crm_tickets_page_statuses[i], filter->status) == 0)
      return i;

  /* the office's own status: "Any Status" on the bar, the view whole */
  return 5;
}

static guint
tag_position (CrmTicketsPage *self,
              const char     *tag)
{
  GListModel *model = gtk_drop_down_get_model (self->tag_dropdown);

  for (guint i = 1; tag != NULL && model != NULL && i < g_list_model_get_n_items (model); i++)
    if (g_utf8_collate (gtk_string_list_get_string (GTK_STRING_LIST (model), i), tag) == 0)
      return i;

  return 0;
}

static guint
source_position (const char *source)
{
  const char * const *sources = crm_ticket_sources ();

  for (guint i = 0; source != NULL && sources[i] != NULL; i++)
    if (g_str_equal (sources[i], source))
      return i + 1;

  return 0;
}

/**
 * crm_tickets_page_show_view:
 * @self: a #CrmTicketsPage
 * @view: a saved view of the tickets or the requests
 *
 * Shows the tickets @view lets through, "Mine" the user's: its filters
 * on the bar, as far as the bar has them, its name above the list.
 */
void
crm_tickets_page_show_view (CrmTicketsPage *self,
                            CrmSavedView   *view)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  CrmTicketFilter filter;
  gint64 me;
  guint who = 0;

  g_return_if_fail (CRM_IS_TICKETS_PAGE (self));
  g_return_if_fail (CRM_IS_SAVED_VIEW (view));

  if (!crm_ticket_filter_from_variant (crm_saved_view_get_filter (view), 0, &filter, &error))
    {
      crm_toast_show (GTK_WIDGET (self), error->message);
      return;
    }

  _crm_tickets_page_clear_view (self);
  self->view_filter = g_variant_ref (crm_saved_view_get_filter (view));
  self->view_name = g_strdup (crm_saved_view_get_name (view));
  me = self->user != NULL ? crm_user_get_id (self->user) : 0;
  if (filter.assignee_id == CRM_USER_ME || (me != 0 && filter.assignee_id == me))
    who = 1;
  else if (filter.assignee_id == -1)
    who = 2;
  else if (filter.follower_id == CRM_USER_ME || (me != 0 && filter.follower_id == me))
    who = 3;

  /* the bar, each change read as the view's */
  gtk_drop_down_set_selected (self->queue_dropdown, queue_position (self, filter.queue_id));
  gtk_drop_down_set_selected (self->status_dropdown, status_position (&filter));
  gtk_drop_down_set_selected (self->who_dropdown, who);
  gtk_drop_down_set_selected (self->tag_dropdown, tag_position (self, filter.tag));
  gtk_drop_down_set_selected (self->source_dropdown, source_position (filter.source));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), filter.search != NULL ? filter.search : "");
  self->view_shown = bar_variant (self);

  /* Translators: above a list, the saved view it shows */
  label = g_strdup_printf (_("View: %s"), self->view_name);
  gtk_label_set_text (self->view_label, label);
  gtk_widget_set_visible (self->view_bar, TRUE);
  /* the list, as the view says */
  g_object_notify (G_OBJECT (self->status_dropdown), "selected");
}

/**
 * crm_tickets_page_get_view_name:
 * @self: a #CrmTicketsPage
 *
 * Returns: (nullable): the name of the saved view the list shows
 */
const char *
crm_tickets_page_get_view_name (CrmTicketsPage *self)
{
  g_return_val_if_fail (CRM_IS_TICKETS_PAGE (self), NULL);

  return self->view_name;
}

static void
view_saved_cb (CrmTicketsPage    *self,
               const char        *name,
               CrmSaveViewDialog *dialog)
{
  /* Translators: a toast; the name of a saved view */
  g_autofree char *text = g_strdup_printf (_("View “%s” saved"), name);

  crm_toast_show (GTK_WIDGET (self), text);
}

/**
 * crm_tickets_page_save_view:
 * @self: a #CrmTicketsPage
 *
 * "Save as View…": the filters shown now (the view shown, whole), under
 * a name the dialog asks for.
 *
 * Returns: (transfer none): the dialog
 */
GtkWidget *
crm_tickets_page_save_view (CrmTicketsPage *self)
{
  CrmSaveViewDialog *dialog;
  g_autoptr(GVariant) filter = NULL;
  CrmTicketFilter shown;

  g_return_val_if_fail (CRM_IS_TICKETS_PAGE (self), NULL);

  /* a view shown is saved whole, "Mine" still whoever looks */
  if (_crm_tickets_page_view_filter (self, &shown))
    filter = g_variant_ref (self->view_filter);
  else
    filter = bar_variant (self);
  dialog = crm_save_view_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->session,
                                     self->requests ? "requests" : "tickets", filter);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (view_saved_cb), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (dialog);
}

void
_crm_tickets_page_save_view_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  crm_tickets_page_save_view (CRM_TICKETS_PAGE (widget));
}

void
_crm_tickets_page_leave_view_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  CrmTicketsPage *self = CRM_TICKETS_PAGE (widget);

  _crm_tickets_page_clear_view (self);
  /* the list, as the bar says */
  g_object_notify (G_OBJECT (self->status_dropdown), "selected");
}
