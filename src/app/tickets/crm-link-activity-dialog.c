/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-link-activity-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-link-activity-dialog.h"

/**
 * CrmLinkActivityDialog:
 *
 * "Link Call or Chat…" (TK6): the calls and chats linked to no ticket,
 * today's of the ticket's client or their numbers first, then the other
 * recent ones, to choose one from. Says #CrmLinkActivityDialog::link.
 */
struct _CrmLinkActivityDialog
{
  AdwMessageDialog  parent_instance;

  /* template widgets */
  GtkWidget        *first_label;
  GtkListBox       *first_list;
  GtkWidget        *other_label;
  GtkListBox       *other_list;

  GtkCheckButton   *group;     /* the first row's, the others join it */
  gint64            chosen;
};

G_DEFINE_FINAL_TYPE (CrmLinkActivityDialog, crm_link_activity_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
choice_toggled_cb (GtkCheckButton        *button,
                   CrmLinkActivityDialog *self)
{
  if (!gtk_check_button_get_active (button))
    return;
  self->chosen = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "crm-activity-id"));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "link", TRUE);
}

static void
crm_link_activity_dialog_response (AdwMessageDialog *dialog,
                                   const char       *response)
{
  CrmLinkActivityDialog *self = CRM_LINK_ACTIVITY_DIALOG (dialog);

  if (ADW_MESSAGE_DIALOG_CLASS (crm_link_activity_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (crm_link_activity_dialog_parent_class)->response (dialog, response);
  if (g_str_equal (response, "link") && self->chosen != 0)
    g_signal_emit (self, signals[LINK], 0, self->chosen);
}

static void
crm_link_activity_dialog_class_init (CrmLinkActivityDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  ADW_MESSAGE_DIALOG_CLASS (klass)->response = crm_link_activity_dialog_response;

  /**
   * CrmLinkActivityDialog::link:
   * @self: the dialog
   * @activity_id: the call or chat chosen
   *
   * The user chose a call or chat to link to the ticket.
   */
  signals[LINK] =
    g_signal_new ("link",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-link-activity-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmLinkActivityDialog, first_label);
  gtk_widget_class_bind_template_child (widget_class, CrmLinkActivityDialog, first_list);
  gtk_widget_class_bind_template_child (widget_class, CrmLinkActivityDialog, other_label);
  gtk_widget_class_bind_template_child (widget_class, CrmLinkActivityDialog, other_list);
}

static void
crm_link_activity_dialog_init (CrmLinkActivityDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
add_row (CrmLinkActivityDialog *self,
         GtkListBox            *list,
         CrmActivity           *activity)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *summary = crm_activity_dup_summary (activity);
  g_autofree char *when = crm_format_date_time (crm_activity_get_at (activity));
  g_autofree char *note = g_strstrip (g_strdup (crm_activity_get_note (activity) ? crm_activity_get_note (activity) : ""));
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped_title = g_markup_escape_text (summary, -1);
  g_autofree char *escaped_subtitle = NULL;

  note[strcspn (note, "\r\n")] = '\0';
  /* Translators: a call or chat in a list: when, and the first line of its note */
  subtitle = *note != '\0' ? g_strdup_printf (_("%s · %s"), when, note) : g_strdup (when);
  escaped_subtitle = g_markup_escape_text (subtitle, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (self->group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->group);
  else
    self->group = GTK_CHECK_BUTTON (check);
  g_object_set_data (G_OBJECT (check), "crm-activity-id", GSIZE_TO_POINTER ((gsize) crm_activity_get_id (activity)));
  g_signal_connect (check, "toggled", G_CALLBACK (choice_toggled_cb), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_list_box_append (list, row);
}

/**
 * crm_link_activity_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @ticket: the ticket to link a call or chat to
 * @activities: (element-type CrmActivity): the calls and chats to offer
 *   (crm_activity_store_list_to_link())
 * @n_first: how many of them, first, are today's of the ticket's client
 *
 * Returns: (transfer none): a new dialog
 */
GtkWidget *
crm_link_activity_dialog_new (GtkWindow *parent,
                              CrmTicket *ticket,
                              GPtrArray *activities,
                              guint      n_first)
{
  CrmLinkActivityDialog *self = g_object_new (CRM_TYPE_LINK_ACTIVITY_DIALOG, "transient-for", parent, NULL);
  g_autofree char *heading = NULL;

  g_return_val_if_fail (CRM_IS_TICKET (ticket), NULL);
  g_return_val_if_fail (activities != NULL, NULL);

  /* Translators: a dialog's heading; a ticket's number */
  heading = g_strdup_printf (_("Link a Call or Chat to Ticket #%lld"), (long long) crm_ticket_get_id (ticket));
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);

  for (guint i = 0; i < activities->len; i++)
    add_row (self, i < n_first ? self->first_list : self->other_list, g_ptr_array_index (activities, i));
  gtk_widget_set_visible (self->first_label, n_first > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->first_list), n_first > 0);
  gtk_widget_set_visible (self->other_label, activities->len > n_first);
  gtk_widget_set_visible (GTK_WIDGET (self->other_list), activities->len > n_first);
  if (activities->len == 0)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                 _("No call or chat of the last week waits to be linked. Enter one with "
                                   "Add Call or Chat…, or import a phone system’s log on the tickets page."));

  return GTK_WIDGET (self);
}
