/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-client-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "crm-last-order-row.h"
#include "crm-record-tasks.h"
#include "crm-ticket-client-panel.h"

/**
 * CrmTicketClientPanel:
 *
 * The client beside a ticket's conversation: who they are (their
 * contact, or the sender's name and address with Add… and Link… when
 * they are not a contact yet), their last order in the office's e-shop,
 * and their other recent tickets (TK7);
 * choosing one says #CrmTicketClientPanel::ticket-activated. Below, the
 * ticket's tasks (FD5).
 */
struct _CrmTicketClientPanel
{
  GtkWidget   parent_instance;

  GtkLabel   *client_label;
  GtkWidget  *contact_button;
  CrmLastOrderRow *last_order_row;
  GtkWidget  *unknown_box;
  GtkListBox *recent_list;
  GtkWidget  *no_recent_label;
  CrmRecordTasks *tasks_group;
};

G_DEFINE_FINAL_TYPE (CrmTicketClientPanel, crm_ticket_client_panel, GTK_TYPE_WIDGET)

enum {
  TICKET_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
recent_activated_cb (CrmTicketClientPanel *self,
                     GtkListBoxRow        *row)
{
  g_signal_emit (self, signals[TICKET_ACTIVATED], 0,
                 (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "crm-ticket-id")));
}

/**
 * crm_ticket_client_panel_show:
 * @self: a #CrmTicketClientPanel
 * @card: the ticket's card
 *
 * Shows the client of @card's ticket.
 */
void
crm_ticket_client_panel_show (CrmTicketClientPanel *self,
                              const CrmTicketCard  *card)
{
  CrmTicket *ticket = card->ticket;
  guint n_recent = card->recent != NULL ? g_list_model_get_n_items (card->recent) : 0;
  g_autoptr(GString) client = g_string_new (NULL);
  gint64 client_id = crm_ticket_get_client_id (ticket);
  GtkWidget *child;

  g_return_if_fail (CRM_IS_TICKET_CLIENT_PANEL (self));

  if (client_id != 0)
    {
      CrmContact *contact = card->client;

      if (contact != NULL)
        {
          const char * const *emails = crm_contact_get_emails (contact);
          const char * const *phones = crm_contact_get_phones (contact);

          g_string_append (client, crm_contact_get_name (contact));
          if (crm_contact_get_company_name (contact) != NULL)
            g_string_append_printf (client, "\n%s", crm_contact_get_company_name (contact));
          for (guint i = 0; emails != NULL && emails[i] != NULL; i++)
            g_string_append_printf (client, "\n%s", emails[i]);
          for (guint i = 0; phones != NULL && phones[i] != NULL; i++)
            g_string_append_printf (client, "\n%s", phones[i]);
          if (crm_contact_get_manager_name (contact) != NULL)
            /* Translators: the client's manager */
            g_string_append_printf (client, _("\nManager: %s"), crm_contact_get_manager_name (contact));
          if (crm_contact_get_note (contact) != NULL && *crm_contact_get_note (contact) != '\0')
            g_string_append_printf (client, "\n\n%s", crm_contact_get_note (contact));
        }
    }
  else if (crm_ticket_get_client_address (ticket) != NULL)
    {
      if (crm_ticket_get_sender_name (ticket) != NULL)
        g_string_append_printf (client, "%s\n", crm_ticket_get_sender_name (ticket));
      g_string_append (client, crm_ticket_get_client_address (ticket));
      g_string_append_printf (client, "\n%s", _("Not in the contacts yet: answering adds them."));
    }
  else
    g_string_append (client, _("No client"));

  if (client_id != 0)
    crm_last_order_row_set_emails (self->last_order_row,
                                   card->client != NULL ? crm_contact_get_emails (card->client) : NULL);
  else
    {
      const char *address[] = { crm_ticket_get_client_address (ticket), NULL };

      crm_last_order_row_set_emails (self->last_order_row, address[0] != NULL ? address : NULL);
    }

  gtk_label_set_text (self->client_label, client->str);
  gtk_widget_set_visible (self->contact_button, client_id != 0);
  gtk_widget_set_visible (self->unknown_box, client_id == 0 && crm_ticket_get_client_address (ticket) != NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->contact_button), "x", client_id);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
  for (guint i = 0; i < n_recent; i++)
    {
      g_autoptr(CrmTicket) other = g_list_model_get_item (card->recent, i);
      g_autofree char *subtitle = g_strdup_printf ("#%lld · %s", (long long) crm_ticket_get_id (other),
                                                   crm_ticket_display_name (crm_ticket_get_status (other)));
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_ticket_get_subject (other));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "crm-ticket-id", GSIZE_TO_POINTER ((gsize) crm_ticket_get_id (other)));
      gtk_list_box_append (self->recent_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), n_recent > 0);
  gtk_widget_set_visible (self->no_recent_label, n_recent == 0);

  {
    /* Translators: what a task added beside a ticket belongs to: "Ticket", its number, its subject */
    g_autofree char *record = g_strdup_printf (_("%s #%lld · %s"), _("Ticket"), (long long) crm_ticket_get_id (ticket),
                                               crm_ticket_get_subject (ticket));

    crm_record_tasks_set_record (self->tasks_group, "tickets", crm_ticket_get_id (ticket), record);
  }
}

static void
crm_ticket_client_panel_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_TICKET_CLIENT_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (crm_ticket_client_panel_parent_class)->dispose (object);
}

static void
crm_ticket_client_panel_class_init (CrmTicketClientPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_ticket_client_panel_dispose;

  /**
   * CrmTicketClientPanel::ticket-activated:
   * @self: the panel
   * @ticket_id: one of the client's other tickets
   *
   * The user chose another ticket of the client.
   */
  signals[TICKET_ACTIVATED] =
    g_signal_new ("ticket-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (CRM_TYPE_LAST_ORDER_ROW);
  g_type_ensure (CRM_TYPE_RECORD_TASKS);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-ticket-client-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTicketClientPanel, tasks_group);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketClientPanel, last_order_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketClientPanel, client_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketClientPanel, contact_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketClientPanel, unknown_box);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketClientPanel, recent_list);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketClientPanel, no_recent_label);
  gtk_widget_class_bind_template_callback (widget_class, recent_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
crm_ticket_client_panel_init (CrmTicketClientPanel *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_ticket_client_panel_set_session:
 * @self: a #CrmTicketClientPanel
 * @session: the window's session
 *
 * The session the client's last e-shop order and the ticket's tasks
 * are read in.
 */
void
crm_ticket_client_panel_set_session (CrmTicketClientPanel *self,
                                     CrmSession           *session)
{
  g_return_if_fail (CRM_IS_TICKET_CLIENT_PANEL (self));

  crm_last_order_row_set_session (self->last_order_row, session);
  crm_record_tasks_set_session (self->tasks_group, session);
}
