/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-tickets-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-list-row.h"
#include "crm-ticket-view.h"
#include "crm-toast.h"
#include "crm-automatic-mail-dialog.h"
#include "crm-deleted-tickets-dialog.h"
#include "crm-import-activities-dialog.h"
#include "crm-outcomes-window.h"
#include "crm-format.h"
#include "crm-loading.h"
#include "crm-tickets-page-private.h"
#include "crm-widget-write.h"
#include "crm-ticket-store.h"

G_DEFINE_FINAL_TYPE (CrmTicketsPage, crm_tickets_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REQUESTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char * const _crm_tickets_page_statuses[6] = { NULL, "new", "open", "pending", "closed", NULL };



static void
update_count (CrmTicketsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tickets));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticket", "%u tickets", n), n);

  /* the first rows shown while the rest are read: no count yet */
  gtk_label_set_text (self->count_label, crm_paged_list_get_complete (CRM_PAGED_LIST (self->tickets)) ? text : "");
  gtk_stack_set_visible_child_name (self->list_stack,
                                    n > 0 || crm_paged_list_get_loading (CRM_PAGED_LIST (self->tickets))
                                    ? "list" : "empty");
  adw_status_page_set_title (self->empty_status,
                             gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0'
                             ? _("No Tickets Found") : _("No Tickets Here"));
}

static void
items_changed_cb (CrmTicketsPage *self,
                  guint           position,
                  guint           removed,
                  guint           added,
                  GListModel     *model)
{
  update_count (self);
}

/* After a reload the shown ticket's row is selected wherever it stands
 * (found among the ids the list holds, no row read); the card stays
 * either way. */
static void
select_shown (CrmTicketsPage *self)
{
  guint position;

  if (self->shown == 0 || self->tickets == NULL)
    return;

  position = crm_paged_list_find_id (CRM_PAGED_LIST (self->tickets), self->shown);
  if (position == gtk_single_selection_get_selected (self->selection))
    return;

  gtk_single_selection_set_selected (self->selection,
                                     position != G_MAXUINT ? position : GTK_INVALID_LIST_POSITION);
}

static void
loaded_cb (CrmTicketsPage *self,
           CrmPagedList   *list)
{
  select_shown (self);
}

static void
selection_changed_cb (CrmTicketsPage     *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  CrmTicket *ticket = gtk_single_selection_get_selected_item (selection);
  gint64 id = ticket ? crm_ticket_get_id (ticket) : 0;

  if (id == 0 || id == self->shown)
    return;

  self->shown = id;
  crm_ticket_view_set_ticket (self->view, id);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* A click on the row already shown, in a folded window: back to its card. */
static void
row_activated_cb (CrmTicketsPage *self,
                  guint           position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* The filter the bar shows, "Mine" as @me: the user, or CRM_USER_ME
 * to save it. Its texts are the widgets'. */
void
_crm_tickets_page_read_bar (CrmTicketsPage  *self,
                            CrmTicketFilter *filter,
                            gint64           me)
{
  guint queue = gtk_drop_down_get_selected (self->queue_dropdown);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint who = gtk_drop_down_get_selected (self->who_dropdown);
  guint tag = gtk_drop_down_get_selected (self->tag_dropdown);
  guint source = gtk_drop_down_get_selected (self->source_dropdown);

  memset (filter, 0, sizeof *filter);
  if (self->queue_ids != NULL && queue > 0 && queue < self->queue_ids->len + 1)
    filter->queue_id = *(gint64 *) g_ptr_array_index (self->queue_ids, queue - 1);
  if (status < G_N_ELEMENTS (_crm_tickets_page_statuses))
    filter->status = _crm_tickets_page_statuses[status];
  filter->open_only = status == 0;
  if (who == 1 && me != 0)
    filter->assignee_id = me;
  else if (who == 2)
    filter->assignee_id = -1;
  else if (who == 3 && me != 0)
    filter->follower_id = me;
  if (tag > 0 && tag != GTK_INVALID_LIST_POSITION)
    filter->tag = gtk_string_object_get_string (gtk_drop_down_get_selected_item (self->tag_dropdown));
  /* "Any Source", then the core's sources in their order */
  if (source > 0 && source != GTK_INVALID_LIST_POSITION && source <= g_strv_length ((char **) crm_ticket_sources ()))
    filter->source = crm_ticket_sources ()[source - 1];
  filter->search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  filter->oldest_first = self->requests;
}

static void
filter_changed_cb (CrmTicketsPage *self)
{
  CrmTicketFilter filter;

  if (self->tickets == NULL)
    return;

  /* a saved view, whole, while the bar shows what it showed of it */
  if (!_crm_tickets_page_view_filter (self, &filter))
    _crm_tickets_page_read_bar (self, &filter, self->user ? crm_user_get_id (self->user) : 0);
  filter.reader = self->user ? crm_user_get_id (self->user) : 0;

  crm_ticket_list_set_filter (self->tickets, &filter);
}

static void
folded_cb (CrmTicketsPage *self)
{
  crm_ticket_view_set_show_back (self->view, adw_leaflet_get_folded (self->leaflet));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmTicketsPage *self = CRM_TICKETS_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* TK1: a new ticket, to the client (saved and sent) or on behalf of
 * the client (saved only); subject and queue are required (TK3). The
 * dialog closes on a response, so a response is offered only when what
 * it needs is there. */
static char *
dialog_text (AdwMessageDialog *dialog)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (g_object_get_data (G_OBJECT (dialog), "crm-text"));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void update_responses (AdwMessageDialog *dialog);

/* The contact a "Save" is for: the one the words typed find, said
 * under the field so that the agent sees whom it will be; looked up on
 * the list's worker when the field changes, said when it is found. */
static void
found_cb (AdwMessageDialog *dialog)
{
  GtkLabel *who = g_object_get_data (G_OBJECT (dialog), "crm-who");
  CrmContactList *found = g_object_get_data (G_OBJECT (dialog), "crm-found");
  const char *client = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "crm-to"));
  g_autofree char *address = crm_normalize_mailbox (client, NULL, NULL);
  g_autoptr(CrmContact) contact = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  if (*client != '\0' && !crm_paged_list_get_loading (CRM_PAGED_LIST (found)))
    n = g_list_model_get_n_items (G_LIST_MODEL (found));
  if (n > 0)
    contact = g_list_model_get_item (G_LIST_MODEL (found), 0);
  g_object_set_data (G_OBJECT (dialog), "crm-contact-id",
                     GSIZE_TO_POINTER ((gsize) (contact != NULL ? crm_contact_get_id (contact) : 0)));

  if (contact != NULL && n == 1)
    /* Translators: under the client field of a new ticket; a contact's name */
    text = g_strdup_printf (_("Save records it for %s."), crm_contact_get_name (contact));
  else if (contact != NULL)
    /* Translators: under the client field of a new ticket; the first contact found, and how many more */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Save records it for %s (%u other contact fits too).",
                                         "Save records it for %s (%u other contacts fit too).", n - 1),
                            crm_contact_get_name (contact), n - 1);
  else if (crm_paged_list_get_loading (CRM_PAGED_LIST (found)))
    text = NULL;
  else if (address != NULL)
    text = g_strdup (_("No contact has this address: Send writes to it."));
  else if (*client != '\0')
    text = g_strdup (_("No contact is found by these words."));
  gtk_label_set_text (who, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (who), text != NULL);
  update_responses (dialog);
}

static void
to_changed_cb (AdwMessageDialog *dialog)
{
  CrmContactList *found = g_object_get_data (G_OBJECT (dialog), "crm-found");
  const char *client = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "crm-to"));

  /* Save waits for the contact the new words find */
  g_object_set_data (G_OBJECT (dialog), "crm-contact-id", NULL);
  crm_contact_list_set_search (found, *client != '\0' ? client : NULL);
  if (*client == '\0')
    found_cb (dialog);
}

static gint64
dialog_contact (AdwMessageDialog *dialog)
{
  return GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-contact-id"));
}

static void
update_responses (AdwMessageDialog *dialog)
{
  const char *subject = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "crm-subject"));
  const char *to = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "crm-to"));
  g_autofree char *text = dialog_text (dialog);
  g_autofree char *address = crm_normalize_mailbox (to, NULL, NULL);
  gboolean filled = strspn (subject, " \t") < strlen (subject) && strspn (text, " \t\r\n") < strlen (text);
  GtkWidget *problem = g_object_get_data (G_OBJECT (dialog), "crm-problem");

  adw_message_dialog_set_response_enabled (dialog, "send", filled && address != NULL);
  adw_message_dialog_set_response_enabled (dialog, "save", filled && dialog_contact (dialog) != 0);
  /* what was refused is being changed */
  if (problem != NULL)
    gtk_widget_set_visible (problem, FALSE);
}

/* A new ticket on its way to the database: the form as it was, to
 * give it back with what went wrong. */
typedef struct
{
  CrmTicketsPage *page;
  char           *to;
  char           *subject;
  char           *body;
  guint           queue;
  guint           source;
} NewTicket;

static void
new_ticket_free (NewTicket *new_)
{
  g_clear_object (&new_->page);
  g_free (new_->to);
  g_free (new_->subject);
  g_free (new_->body);
  g_free (new_);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NewTicket, new_ticket_free)

static void
new_ticket_made_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(NewTicket) new_ = user_data;
  CrmTicketsPage *self = new_->page;
  g_autoptr(GError) error = NULL;
  gint64 outbox_id = 0;
  gint64 id;

  id = crm_ticket_store_create_finish (crm_ticket_store_from_session (CRM_SESSION (object)), result, &outbox_id, &error);
  if (self->session == NULL || gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  if (id == 0)
    {
      /* the dialog closed on the answer: a new one, as it was, says why */
      GtkWidget *again = crm_tickets_page_new_ticket (self);
      GtkLabel *problem = g_object_get_data (G_OBJECT (again), "crm-problem");

      gtk_editable_set_text (g_object_get_data (G_OBJECT (again), "crm-to"), new_->to);
      gtk_editable_set_text (g_object_get_data (G_OBJECT (again), "crm-subject"), new_->subject);
      adw_combo_row_set_selected (g_object_get_data (G_OBJECT (again), "crm-queue"), new_->queue);
      adw_combo_row_set_selected (g_object_get_data (G_OBJECT (again), "crm-source"), new_->source);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (g_object_get_data (G_OBJECT (again), "crm-text")), new_->body, -1);
      gtk_label_set_text (problem, error->message);
      gtk_widget_set_visible (GTK_WIDGET (problem), TRUE);
      return;
    }

  self->shown = id;
  crm_ticket_view_set_ticket (self->view, id);
  if (outbox_id != 0)
    crm_ticket_view_show_undo (self->view, _("Message queued"), outbox_id);
}

static void
new_ticket_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CrmTicketsPage   *self)
{
  GtkEditable *to = g_object_get_data (G_OBJECT (dialog), "crm-to");
  GtkEditable *subject = g_object_get_data (G_OBJECT (dialog), "crm-subject");
  AdwComboRow *queue = g_object_get_data (G_OBJECT (dialog), "crm-queue");
  AdwComboRow *source = g_object_get_data (G_OBJECT (dialog), "crm-source");
  GArray *queue_ids = g_object_get_data (G_OBJECT (dialog), "crm-queue-ids");
  CrmTicketStore *store = crm_ticket_store_from_session (self->session);
  guint selected = adw_combo_row_get_selected (queue);
  gint64 queue_id = selected < queue_ids->len ? g_array_index (queue_ids, gint64, selected) : 0;
  gint64 contact_id = 0;
  NewTicket *new_;

  if (!g_str_equal (response, "send") && !g_str_equal (response, "save"))
    return;

  if (g_str_equal (response, "save"))
    contact_id = dialog_contact (dialog);

  new_ = g_new0 (NewTicket, 1);
  new_->page = g_object_ref (self);
  new_->to = g_strdup (gtk_editable_get_text (to));
  new_->subject = g_strdup (gtk_editable_get_text (subject));
  new_->body = dialog_text (dialog);
  new_->queue = selected;
  new_->source = adw_combo_row_get_selected (source);

  if (contact_id != 0)
    {
      /* the sources but e-mail, as the dialog lists them */
      guint came_by = new_->source + 1;

      crm_ticket_store_record_request_async (store, new_->subject, queue_id, contact_id, new_->body,
                                             came_by < g_strv_length ((char **) crm_ticket_sources ())
                                             ? crm_ticket_sources ()[came_by] : "other",
                                             NULL, new_ticket_made_cb, new_);
    }
  else
    crm_ticket_store_create_async (store, new_->subject, queue_id, new_->to, 0, new_->body,
                                   crm_ticket_view_get_send_due (self->view), NULL, new_ticket_made_cb, new_);
}

/**
 * crm_tickets_page_new_ticket:
 * @self: a #CrmTicketsPage
 *
 * Opens the form of a new ticket: "Send" writes to the address, "Save"
 * records a request of the contact it names (by phone, say).
 *
 * Returns: (transfer none): the dialog
 */
GtkWidget *
crm_tickets_page_new_ticket (CrmTicketsPage *self)
{
  GtkWidget *dialog;
  g_autoptr(CrmContactList) found = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *fields = gtk_list_box_new ();
  GtkWidget *to = adw_entry_row_new ();
  GtkWidget *subject = adw_entry_row_new ();
  GtkWidget *queue = adw_combo_row_new ();
  GtkWidget *source = adw_combo_row_new ();
  g_autoptr(GtkStringList) sources = gtk_string_list_new (NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *text = gtk_text_view_new ();
  GtkWidget *who = gtk_label_new (NULL);
  GtkWidget *problem = gtk_label_new (NULL);
  g_autoptr(GtkStringList) queues = gtk_string_list_new (NULL);
  /* as the page read them, kept up to date */
  GPtrArray *infos = self->queues;
  GArray *queue_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CRM_IS_TICKETS_PAGE (self), NULL);

  for (guint i = 0; infos != NULL && i < infos->len; i++)
    {
      CrmQueueInfo *info = g_ptr_array_index (infos, i);

      gtk_string_list_append (queues, crm_ticket_display_name (info->name));
      g_array_append_val (queue_ids, info->id);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (to), _("Client (address, or a contact’s name)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (subject), _("Subject"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (queue), _("Queue"));
  adw_combo_row_set_model (ADW_COMBO_ROW (queue), G_LIST_MODEL (queues));
  /* how a request Save records came: the sources but e-mail, in order */
  gtk_string_list_append (sources, C_("source", "Phone"));
  gtk_string_list_append (sources, C_("source", "SMS"));
  gtk_string_list_append (sources, C_("source", "Chat"));
  gtk_string_list_append (sources, C_("source", "Web"));
  gtk_string_list_append (sources, C_("source", "Letter"));
  gtk_string_list_append (sources, C_("source", "In Person or Other"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (source), _("Request Came By"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (source), _("For Save: how the client asked"));
  adw_combo_row_set_model (ADW_COMBO_ROW (source), G_LIST_MODEL (sources));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (fields), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (fields, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (fields), to);
  gtk_list_box_append (GTK_LIST_BOX (fields), subject);
  gtk_list_box_append (GTK_LIST_BOX (fields), queue);
  gtk_list_box_append (GTK_LIST_BOX (fields), source);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text), 8);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), text);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
  gtk_widget_add_css_class (scroller, "card");
  gtk_label_set_xalign (GTK_LABEL (who), 0);
  gtk_label_set_wrap (GTK_LABEL (who), TRUE);
  gtk_widget_add_css_class (who, "dim-label");
  gtk_widget_set_visible (who, FALSE);
  gtk_label_set_xalign (GTK_LABEL (problem), 0);
  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_widget_add_css_class (problem, "error");
  gtk_widget_set_visible (problem, FALSE);
  gtk_box_append (GTK_BOX (box), fields);
  gtk_box_append (GTK_BOX (box), who);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (GTK_BOX (box), problem);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("New Ticket"),
                                   _("Send writes to the client now; Save records what the client asked "
                                     "(by phone, say) without sending anything."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("Sa_ve"),
                                    "send", _("_Send"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_ticket_response_cb), self, 0);
  g_object_set_data (G_OBJECT (dialog), "crm-page", self);
  found = crm_contact_list_new (self->session);
  g_signal_connect_object (found, "loaded", G_CALLBACK (found_cb), dialog, G_CONNECT_SWAPPED);
  g_object_set_data_full (G_OBJECT (dialog), "crm-found", g_object_ref (found), g_object_unref);
  g_signal_connect_swapped (to, "changed", G_CALLBACK (to_changed_cb), dialog);
  g_signal_connect_swapped (to, "changed", G_CALLBACK (update_responses), dialog);
  g_signal_connect_swapped (subject, "changed", G_CALLBACK (update_responses), dialog);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text)), "changed",
                            G_CALLBACK (update_responses), dialog);
  g_object_set_data (G_OBJECT (dialog), "crm-to", to);
  g_object_set_data (G_OBJECT (dialog), "crm-subject", subject);
  g_object_set_data (G_OBJECT (dialog), "crm-queue", queue);
  g_object_set_data (G_OBJECT (dialog), "crm-source", source);
  g_object_set_data (G_OBJECT (dialog), "crm-text", text);
  g_object_set_data (G_OBJECT (dialog), "crm-who", who);
  g_object_set_data (G_OBJECT (dialog), "crm-problem", problem);
  g_object_set_data_full (G_OBJECT (dialog), "crm-queue-ids", queue_ids, (GDestroyNotify) g_array_unref);
  update_responses (ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
automatic_ticket_opened_cb (CrmTicketsPage         *self,
                            gint64                  ticket_id,
                            CrmAutomaticMailDialog *dialog)
{
  crm_tickets_page_show_ticket (self, ticket_id);
}

/**
 * crm_tickets_page_show_automatic_mail:
 * @self: a #CrmTicketsPage
 *
 * Lists the mail that opened no ticket, with the reason for each; a
 * ticket made from one is shown here.
 *
 * Returns: (transfer none): the dialog
 */
GtkWidget *
crm_tickets_page_show_automatic_mail (CrmTicketsPage *self)
{
  CrmAutomaticMailDialog *dialog;

  g_return_val_if_fail (CRM_IS_TICKETS_PAGE (self), NULL);

  dialog = crm_automatic_mail_dialog_new (self->session);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "ticket-opened", G_CALLBACK (automatic_ticket_opened_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WIDGET (dialog);
}

static void
automatic_mail_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  crm_tickets_page_show_automatic_mail (CRM_TICKETS_PAGE (widget));
}

/**
 * crm_tickets_page_show_outcomes:
 * @self: a #CrmTicketsPage
 *
 * Opens "How Requests Ended" (RQ9).
 *
 * Returns: (transfer none): the window
 */
CrmOutcomesWindow *
crm_tickets_page_show_outcomes (CrmTicketsPage *self)
{
  CrmOutcomesWindow *window;

  g_return_val_if_fail (CRM_IS_TICKETS_PAGE (self), NULL);

  window = crm_outcomes_window_new (self->session);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

/**
 * crm_tickets_page_show_deleted:
 * @self: a #CrmTicketsPage
 *
 * Opens the deleted tickets (administrators, TK22).
 *
 * Returns: (transfer none): the dialog
 */
CrmDeletedTicketsDialog *
crm_tickets_page_show_deleted (CrmTicketsPage *self)
{
  CrmDeletedTicketsDialog *dialog;

  g_return_val_if_fail (CRM_IS_TICKETS_PAGE (self), NULL);

  dialog = crm_deleted_tickets_dialog_new (self->session);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/**
 * crm_tickets_page_import_activities:
 * @self: a #CrmTicketsPage
 *
 * Opens "Import Calls and Chats" (TK6): which columns, then the file.
 *
 * Returns: (transfer none): the dialog
 */
GtkWidget *
crm_tickets_page_import_activities (CrmTicketsPage *self)
{
  GtkWidget *dialog;

  g_return_val_if_fail (CRM_IS_TICKETS_PAGE (self), NULL);

  dialog = crm_import_activities_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->session);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
import_activities_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  crm_tickets_page_import_activities (CRM_TICKETS_PAGE (widget));
}

static void
deleted_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  crm_tickets_page_show_deleted (CRM_TICKETS_PAGE (widget));
}

static void
outcomes_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  crm_tickets_page_show_outcomes (CRM_TICKETS_PAGE (widget));
}

static void
new_ticket_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  crm_tickets_page_new_ticket (CRM_TICKETS_PAGE (widget));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, crm_list_row_new (1));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  CrmTicketsPage *self = user_data;
  CrmTicket *ticket = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *subject = gtk_widget_get_first_child (box);
  GtkWidget *details = gtk_widget_get_next_sibling (subject);
  g_autofree char *time = crm_format_date_time (crm_ticket_get_updated (ticket));
  g_autofree char *line = NULL;
  const char *client = crm_ticket_get_client_label (ticket);
  gboolean overdue = FALSE;
  gboolean no_answer = FALSE;

  /* a row still on its way from the team's server: blank until it
   * comes (its position is then said changed, and bound again) */
  if (crm_ticket_get_id (ticket) == 0)
    {
      gtk_label_set_text (GTK_LABEL (subject), "");
      gtk_label_set_text (GTK_LABEL (details), "");
      gtk_widget_remove_css_class (details, "error");
      gtk_widget_remove_css_class (subject, "heading");
      return;
    }

  gtk_label_set_text (GTK_LABEL (subject), crm_ticket_get_subject (ticket));
  if (self->requests)
    /* Translators: a request in the list: number, client, the client's manager, time */
    line = g_strdup_printf (_("#%lld · %s · manager: %s · %s"), (long long) crm_ticket_get_id (ticket),
                            client ? client : _("no client"),
                            crm_ticket_get_client_manager (ticket) ? crm_ticket_get_client_manager (ticket)
                                                                   : _("none yet"),
                            time);
  else
    /* Translators: a ticket in the list: number, client, status, time */
    line = g_strdup_printf (_("#%lld · %s · %s · %s"), (long long) crm_ticket_get_id (ticket),
                            client ? client : _("no client"),
                            crm_ticket_display_name (crm_ticket_get_status (ticket)), time);
  /* past its response or resolution time (SLA) */
  if (g_strcmp0 (crm_ticket_get_status_kind (ticket), "closed") != 0)
    {
      gint64 now = crm_clock_now_unix (crm_session_get_clock (self->session));
      gint64 response = crm_ticket_get_response_due (ticket);
      gint64 resolution = crm_ticket_get_resolution_due (ticket);

      if ((response > 0 && response < now) || (resolution > 0 && resolution < now))
        {
          /* Translators: appended to a ticket's line in the list */
          g_autofree char *late = g_strdup_printf (_("%s · overdue"), line);

          g_free (line);
          line = g_steal_pointer (&late);
          overdue = TRUE;
        }
    }
  /* our mail unanswered for the office's number of days (RQ12) */
  {
    guint days = crm_ticket_no_answer_days (ticket,
                                            crm_ticket_store_get_no_answer_days (crm_ticket_store_from_session (self->session)),
                                            crm_clock_now_unix (crm_session_get_clock (self->session)));

    if (days > 0)
      {
        /* Translators: appended to a ticket's line in the list; how many days */
        g_autofree char *waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · no answer for %u day",
                                                                 "%s · no answer for %u days", days),
                                                    line, days);

        g_free (line);
        line = g_steal_pointer (&waiting);
        no_answer = TRUE;
      }
  }
  gtk_label_set_text (GTK_LABEL (details), line);
  if (overdue)
    gtk_widget_add_css_class (details, "error");
  else
    gtk_widget_remove_css_class (details, "error");
  if (no_answer && !overdue)
    gtk_widget_add_css_class (details, "warning");
  else
    gtk_widget_remove_css_class (details, "warning");

  /* unread in bold (TK11) */
  if (crm_ticket_get_unread (ticket))
    gtk_widget_add_css_class (subject, "heading");
  else
    gtk_widget_remove_css_class (subject, "heading");
}

/* The queues, as read: the filter's choice, and the new ticket's. The
 * queue chosen stays chosen when the list comes again. */
static void
show_queues (CrmTicketsPage *self,
             GPtrArray      *queues)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint chosen = gtk_drop_down_get_selected (self->queue_dropdown);
  gint64 chosen_id = 0;
  guint selected = 0;

  if (self->queue_ids != NULL && chosen > 0 && chosen != GTK_INVALID_LIST_POSITION && chosen < self->queue_ids->len + 1)
    chosen_id = *(gint64 *) g_ptr_array_index (self->queue_ids, chosen - 1);

  g_ptr_array_ref (queues);
  g_clear_pointer (&self->queues, g_ptr_array_unref);
  self->queues = queues;
  g_clear_pointer (&self->queue_ids, g_ptr_array_unref);
  self->queue_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (names, _("All Queues"));
  for (guint i = 0; i < queues->len; i++)
    {
      CrmQueueInfo *queue = g_ptr_array_index (queues, i);

      gtk_string_list_append (names, crm_ticket_display_name (queue->name));
      g_ptr_array_add (self->queue_ids, g_memdup2 (&queue->id, sizeof queue->id));
      if (queue->id == chosen_id)
        selected = i + 1;
    }
  gtk_drop_down_set_model (self->queue_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->queue_dropdown, selected);
}

static gboolean
read_queues (CrmSession    *reader,
             gpointer       data,
             gpointer      *result,
             GCancellable  *cancellable,
             GError       **error)
{
  return (*result = crm_ticket_store_list_queues (crm_ticket_store_from_session (reader), error)) != NULL;
}

static void
queues_read_cb (GtkWidget    *widget,
                gpointer      result,
                const GError *error)
{
  CrmTicketsPage *self = CRM_TICKETS_PAGE (widget);

  if (self->session == NULL)
    return;
  if (result == NULL)
    {
      g_warning ("Reading the queues failed: %s", error->message);
      return;
    }
  show_queues (self, result);
}

/* Read on a worker, as the page starts and whenever a queue changes. */
static void
load_queues (CrmTicketsPage *self)
{
  crm_widget_read (GTK_WIDGET (self), self->session, read_queues, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                   NULL, queues_read_cb);
}

/* The tags in use, kept up to date without losing the one chosen. */
static void
show_tags (CrmTicketsPage *self,
           GStrv           tags)
{
  GListModel *model = gtk_drop_down_get_model (self->tag_dropdown);
  guint n = tags != NULL ? g_strv_length (tags) : 0;
  g_autofree char *chosen = NULL;
  g_autoptr(GtkStringList) names = NULL;
  guint selected = 0;

  if (model != NULL && g_list_model_get_n_items (model) == n + 1)
    {
      gboolean same = TRUE;

      for (guint i = 0; same && i < n; i++)
        same = g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i + 1), tags[i]) == 0;
      if (same)
        return;
    }

  if (model != NULL && gtk_drop_down_get_selected (self->tag_dropdown) > 0 &&
      gtk_drop_down_get_selected (self->tag_dropdown) != GTK_INVALID_LIST_POSITION)
    chosen = g_strdup (gtk_string_object_get_string (gtk_drop_down_get_selected_item (self->tag_dropdown)));

  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("Any Tag"));
  for (guint i = 0; i < n; i++)
    {
      gtk_string_list_append (names, tags[i]);
      if (g_strcmp0 (tags[i], chosen) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->tag_dropdown, selected);
}

static gboolean
read_tags (CrmSession    *reader,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  return (*result = crm_ticket_store_list_tags (crm_ticket_store_from_session (reader), error)) != NULL;
}

static void
tags_read_cb (GtkWidget    *widget,
              gpointer      result,
              const GError *error)
{
  CrmTicketsPage *self = CRM_TICKETS_PAGE (widget);
  GStrv tags = result;

  if (self->session == NULL)
    return;
  if (tags == NULL)
    {
      g_warning ("Reading the tags in use failed: %s", error->message);
      return;
    }
  show_tags (self, tags);
}

/* Read on a worker: many a change brings no new tag. */
static void
load_tags (CrmTicketsPage *self)
{
  crm_widget_read (GTK_WIDGET (self), self->session, read_tags, NULL, NULL, (GDestroyNotify) g_strfreev, NULL,
                   tags_read_cb);
}

static gboolean
load_tags_idle_cb (gpointer user_data)
{
  CrmTicketsPage *self = user_data;

  self->tags_source = 0;
  load_tags (self);

  return G_SOURCE_REMOVE;
}

/* Many ticket changes come in a row while mail is imported: the tags
 * in use are read once after them. */
static void
ticket_changed_cb (CrmTicketsPage *self)
{
  if (self->tags_source == 0)
    self->tags_source = g_idle_add (load_tags_idle_cb, self);
}

static void
crm_tickets_page_dispose (GObject *object)
{
  CrmTicketsPage *self = CRM_TICKETS_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->tags_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TICKETS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->tickets != NULL)
    g_signal_handlers_disconnect_by_data (self->tickets, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->tickets);
  g_clear_object (&self->session);
  g_clear_object (&self->user);
  g_clear_pointer (&self->queues, g_ptr_array_unref);
  g_clear_pointer (&self->queue_ids, g_ptr_array_unref);
  _crm_tickets_page_clear_view (self);

  G_OBJECT_CLASS (crm_tickets_page_parent_class)->dispose (object);
}

static void
crm_tickets_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_REQUESTS:
      g_value_set_boolean (value, CRM_TICKETS_PAGE (object)->requests);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_tickets_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_REQUESTS:
      CRM_TICKETS_PAGE (object)->requests = g_value_get_boolean (value);
      /* how requests ended: the sales side's figures (RQ9) */
      gtk_widget_set_visible (CRM_TICKETS_PAGE (object)->outcomes_button, CRM_TICKETS_PAGE (object)->requests);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_tickets_page_class_init (CrmTicketsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_tickets_page_dispose;
  object_class->get_property = crm_tickets_page_get_property;
  object_class->set_property = crm_tickets_page_set_property;

  /**
   * CrmTicketsPage:requests:
   *
   * The requests inbox of the sales side (RQ5): oldest first, with the
   * client's manager on each row.
   */
  properties[PROP_REQUESTS] =
    g_param_spec_boolean ("requests", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CRM_TYPE_TICKET_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-tickets-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, queue_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, who_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, outcomes_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, deleted_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, view);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, view_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, view_label);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);
  gtk_widget_class_install_action (widget_class, "tickets.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "tickets.new", NULL, new_ticket_action);
  gtk_widget_class_install_action (widget_class, "tickets.automatic-mail", NULL, automatic_mail_action);
  gtk_widget_class_install_action (widget_class, "tickets.outcomes", NULL, outcomes_action);
  gtk_widget_class_install_action (widget_class, "tickets.deleted", NULL, deleted_action);
  gtk_widget_class_install_action (widget_class, "tickets.import-activities", NULL, import_activities_action);
  gtk_widget_class_install_action (widget_class, "tickets.save-view", NULL, _crm_tickets_page_save_view_action);
  gtk_widget_class_install_action (widget_class, "tickets.leave-view", NULL, _crm_tickets_page_leave_view_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_tickets_page_init (CrmTicketsPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}

/**
 * crm_tickets_page_set_store:
 * @self: a #CrmTicketsPage
 * @store: the store
 */
void
crm_tickets_page_set_session (CrmTicketsPage *self,
                              CrmSession     *session)
{
  g_return_if_fail (CRM_IS_TICKETS_PAGE (self));
  g_return_if_fail (CRM_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  crm_ticket_view_set_session (self->view, session);
  load_queues (self);
  load_tags (self);
  g_signal_connect_object (crm_session_get_database (session), "changed::ticket", G_CALLBACK (ticket_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (crm_session_get_database (session), "changed::queue", G_CALLBACK (load_queues), self, G_CONNECT_SWAPPED);

  g_clear_object (&self->tickets);
  g_clear_object (&self->selection);
  self->tickets = crm_ticket_list_new (session);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tickets)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->tickets, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tickets, "loaded", G_CALLBACK (loaded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tickets, "notify::loading", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  crm_loading_follow (self->loading_spinner, CRM_PAGED_LIST (self->tickets));
  crm_loading_pause_when_hidden (GTK_WIDGET (self), CRM_PAGED_LIST (self->tickets));
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  filter_changed_cb (self);
  update_count (self);
}

/**
 * crm_tickets_page_set_user:
 * @self: a #CrmTicketsPage
 * @user: (nullable): who is working: their unread tickets, "Mine"
 */
void
crm_tickets_page_set_user (CrmTicketsPage *self,
                           CrmUser        *user)
{
  g_return_if_fail (CRM_IS_TICKETS_PAGE (self));

  g_set_object (&self->user, user);
  crm_ticket_view_set_user (self->view, user);
  /* the deleted tickets are the administrators' (TK22) */
  gtk_widget_set_visible (self->deleted_button, user != NULL && crm_user_get_role (user) == CRM_ROLE_ADMIN);
  filter_changed_cb (self);
}

/**
 * crm_tickets_page_get_list:
 * @self: a #CrmTicketsPage
 *
 * Returns: (transfer none) (nullable): the tickets shown
 */
CrmTicketList *
crm_tickets_page_get_list (CrmTicketsPage *self)
{
  g_return_val_if_fail (CRM_IS_TICKETS_PAGE (self), NULL);

  return self->tickets;
}

/**
 * crm_tickets_page_select:
 * @self: a #CrmTicketsPage
 * @position: a row of the list
 *
 * Opens the ticket of that row, as a click does.
 */
void
crm_tickets_page_select (CrmTicketsPage *self,
                         guint           position)
{
  g_return_if_fail (CRM_IS_TICKETS_PAGE (self));

  row_activated_cb (self, position);
}

/**
 * crm_tickets_page_get_view:
 * @self: a #CrmTicketsPage
 *
 * Returns: (transfer none): the ticket card
 */
CrmTicketView *
crm_tickets_page_get_view (CrmTicketsPage *self)
{
  g_return_val_if_fail (CRM_IS_TICKETS_PAGE (self), NULL);

  return self->view;
}

/**
 * crm_tickets_page_get_selected_id:
 * @self: a #CrmTicketsPage
 *
 * Returns: the ticket whose row is selected, or 0
 */
gint64
crm_tickets_page_get_selected_id (CrmTicketsPage *self)
{
  CrmTicket *ticket;

  g_return_val_if_fail (CRM_IS_TICKETS_PAGE (self), 0);

  ticket = self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;

  return ticket != NULL ? crm_ticket_get_id (ticket) : 0;
}

/**
 * crm_tickets_page_focus_search:
 * @self: a #CrmTicketsPage
 *
 * Shows the list and puts the cursor in its search (Ctrl+F).
 */
void
crm_tickets_page_focus_search (CrmTicketsPage *self)
{
  g_return_if_fail (CRM_IS_TICKETS_PAGE (self));

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * crm_tickets_page_reply_ticket:
 * @self: a #CrmTicketsPage
 *
 * The reply of the ticket shown (or being read) is written: its text
 * takes the keyboard once the card is there.
 */
void
crm_tickets_page_reply_ticket (CrmTicketsPage *self)
{
  g_return_if_fail (CRM_IS_TICKETS_PAGE (self));

  crm_ticket_view_focus_reply (self->view);
}

/**
 * crm_tickets_page_show_ticket:
 * @self: a #CrmTicketsPage
 * @ticket_id: the ticket
 *
 * Shows a ticket's card, opened from elsewhere (a notification, say);
 * its row is selected when it is among the rows already read.
 */
void
crm_tickets_page_show_ticket (CrmTicketsPage *self,
                              gint64          ticket_id)
{
  g_return_if_fail (CRM_IS_TICKETS_PAGE (self));

  self->shown = ticket_id;
  crm_ticket_view_set_ticket (self->view, ticket_id);
  /* its row when the list holds it; no other row */
  select_shown (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}
