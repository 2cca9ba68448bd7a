/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-view"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-add-client-dialog.h"
#include "crm-tickets-page.h"
#include "crm-widget-write.h"
#include "crm-attachment-chip.h"
#include "crm-attachment-tray.h"
#include "crm-conversation-row.h"
#include "crm-send-later-dialog.h"
#include "crm-templates-button.h"
#include "crm-ticket-client-panel.h"
#include "crm-ticket-composer.h"
#include "crm-toast.h"
#include "crm-format.h"
#include "crm-link-client-dialog.h"
#include "crm-names-dropdown.h"
#include "crm-ticket-view-private.h"
#include "crm-contact-store.h"
#include "crm-outbox.h"
#include "crm-template-store.h"
#include "crm-ticket-store.h"

/**
 * CrmTicketView:
 *
 * The ticket card: subject and properties, the conversation (mail in
 * and out, internal and system comments, in the order they happened)
 * and the composer. Ctrl+Enter sends; a reply waits in the outbox for
 * the undo window, with Undo on a toast (TK8); a comment is never sent
 * (TK12).
 */

/* A colleague replying to the ticket shown, until a moment after they
 * last said so. */
typedef struct
{
  char   *name;
  gint64  until;   /* monotonic */
} Other;

static void
other_free (gpointer data)
{
  Other *other = data;

  g_free (other->name);
  g_free (other);
}

/* said again while the user writes; forgotten by the others if not */
#define REPLYING_SAY_AGAIN_S 10
#define REPLYING_FORGET_S 25

G_DEFINE_FINAL_TYPE (CrmTicketView, crm_ticket_view, GTK_TYPE_WIDGET)

static void
conversation_row_activated_cb (CrmTicketView *self,
                               GtkListBoxRow *row)
{
  gboolean folded;

  /* remembered as the user left it, whatever comes in later */
  if (CRM_IS_CONVERSATION_ROW (row) && crm_conversation_row_toggle (CRM_CONVERSATION_ROW (row), &folded))
    g_hash_table_insert (self->toggled, g_strdup (crm_conversation_row_get_key (CRM_CONVERSATION_ROW (row))),
                         GINT_TO_POINTER ((folded ? 1 : 0) + 1));
}

static void
show_details (CrmTicketView *self)
{
  CrmTicket *ticket = self->ticket;
  g_autofree char *details = NULL;
  const char *client = crm_ticket_get_client_label (ticket);
  gboolean closed = g_strcmp0 (crm_ticket_get_status_kind (ticket), "closed") == 0;

  gtk_label_set_text (self->subject_label, crm_ticket_get_subject (ticket));
  /* Translators: the ticket's number and client */
  details = g_strdup_printf (_("#%lld · %s"), (long long) crm_ticket_get_id (ticket), client ? client : _("no client"));
  /* our mail unanswered for the office's number of days (RQ12) */
  if (self->session != NULL)
    {
      guint days = crm_ticket_no_answer_days (ticket,
                                              crm_ticket_store_get_no_answer_days (crm_ticket_store_from_session (self->session)),
                                              crm_clock_now_unix (crm_session_get_clock (self->session)));

      if (days > 0)
        {
          /* Translators: after a ticket's number and client in its card; how many days */
          g_autofree char *waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · No answer for %u day",
                                                                   "%s · No answer for %u days", days),
                                                      details, days);

          g_free (details);
          details = g_steal_pointer (&waiting);
        }
    }
  gtk_label_set_text (self->details_label, details);
  gtk_button_set_label (self->close_button, closed ? _("_Reopen") : _("_Close Ticket"));
  gtk_widget_set_visible (self->assign_button,
                          self->user != NULL && crm_ticket_get_assignee_id (ticket) != crm_user_get_id (self->user));
  /* the menu offers only what applies to this ticket */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.unpin", crm_ticket_get_client_id (ticket) != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.merge", crm_ticket_get_merged_into (ticket) == 0);
  /* projects come from open requests (RQ8) */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.create-project",
                                 !closed && crm_ticket_get_merged_into (ticket) == 0);
  /* only administrators delete (TK22) */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.delete",
                                 self->user != NULL && crm_user_get_role (self->user) == CRM_ROLE_ADMIN);
}

static void
show_properties (CrmTicketView       *self,
                 const CrmTicketCard *card)
{
  g_autoptr(GStrvBuilder) user_names = g_strv_builder_new ();
  g_auto(GStrv) user_strv = NULL;

  g_array_set_size (self->user_ids, 0);
  for (guint i = 0; i < g_list_model_get_n_items (card->users); i++)
    {
      g_autoptr(CrmUser) user = g_list_model_get_item (card->users, i);
      gint64 id = crm_user_get_id (user);

      g_strv_builder_add (user_names, crm_user_get_name (user));
      g_array_append_val (self->user_ids, id);
    }
  user_strv = g_strv_builder_end (user_names);
  g_strfreev (self->user_names);
  self->user_names = g_strdupv (user_strv);

  g_strfreev (self->close_reasons);
  self->close_reasons = g_strdupv (card->close_reasons);

  self->filling = TRUE;
  crm_names_dropdown_fill (self->status_dropdown, (const char * const *) card->statuses, crm_ticket_get_status (self->ticket));
  crm_names_dropdown_fill (self->queue_dropdown, (const char * const *) card->queues, crm_ticket_get_queue (self->ticket));
  crm_names_dropdown_fill (self->priority_dropdown, (const char * const *) card->priorities, crm_ticket_get_priority (self->ticket));
  crm_names_dropdown_fill (self->assignee_dropdown, (const char * const *) user_strv, crm_ticket_get_assignee (self->ticket));
  self->filling = FALSE;
}

static void untag_clicked_cb (GtkButton     *button,
                              CrmTicketView *self);

static GtkWidget *
tag_chip (CrmTicketView *self,
          const char    *tag)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("Remove the tag “%s”"), tag);

  gtk_widget_add_css_class (box, "tag-chip");
  {
    GtkWidget *label = gtk_label_new (tag);

    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
    gtk_box_append (GTK_BOX (box), label);
  }
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data_full (G_OBJECT (button), "crm-tag", g_strdup (tag), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (untag_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), button);

  return box;
}

/* Category, source, tags and followers, in the side panel. */
static void
show_more_properties (CrmTicketView       *self,
                      const CrmTicketCard *card)
{
  GStrv categories = card->categories;
  g_auto(GStrv) tags = crm_ticket_dup_tags (self->ticket);
  g_autoptr(GtkStringList) category_names = gtk_string_list_new (NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  const char *category = crm_ticket_get_category (self->ticket);
  gboolean following = FALSE;
  guint selected = 0;
  GtkWidget *child;

  self->filling = TRUE;

  gtk_string_list_append (category_names, _("None"));
  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    {
      gtk_string_list_append (category_names, categories[i]);
      if (g_strcmp0 (categories[i], category) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (category_names));
  gtk_drop_down_set_selected (self->category_dropdown, selected);

  selected = g_strv_length ((char **) crm_ticket_sources ()) - 1;
  for (guint i = 0; crm_ticket_sources ()[i] != NULL; i++)
    if (g_strcmp0 (crm_ticket_sources ()[i], crm_ticket_get_source (self->ticket)) == 0)
      selected = i;
  gtk_drop_down_set_selected (self->source_dropdown, selected);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    gtk_flow_box_append (self->tags_box, tag_chip (self, tags[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), tags != NULL && tags[0] != NULL);

  following = self->user != NULL && crm_ticket_card_is_following (card, crm_user_get_id (self->user));
  for (guint i = 0; i < card->followers->len; i++)
    {
      CrmUser *user = g_ptr_array_index (card->followers, i);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, crm_user_get_name (user));
    }
  if (names->len > 0)
    {
      /* Translators: the users who follow a ticket, separated by commas */
      g_autofree char *text = g_strdup_printf (_("Followed by %s"), names->str);

      gtk_label_set_text (self->followers_label, text);
    }
  else
    gtk_label_set_text (self->followers_label, _("Nobody follows this ticket"));
  gtk_toggle_button_set_active (self->follow_button, following);
  gtk_widget_set_sensitive (GTK_WIDGET (self->follow_button), self->user != NULL);

  self->filling = FALSE;
}

typedef struct
{
  CrmTicketView     *self;
  CrmTicketEditKind  kind;
  gint64             ticket_id;
} Applying;

static void
applying_free (Applying *applying)
{
  g_clear_object (&applying->self);
  g_free (applying);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Applying, applying_free)

static void
applied_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Applying) applying = user_data;
  CrmTicketView *self = applying->self;
  g_autoptr(GError) error = NULL;
  gint64 made;

  if (self->session == NULL)
    return;
  made = crm_ticket_store_apply_finish (crm_ticket_store_from_session (self->session), result, &error);
  if (made == 0)
    _crm_ticket_view_report_error (self, error);
  else
    _crm_ticket_view_offer_undo (self, applying->kind, applying->ticket_id, made);
}

/* A change made on the ticket: stored on a worker; the card shows it
 * when the database tells it, or says why it could not be made. */
void
_crm_ticket_view_apply (CrmTicketView *self,
                        CrmTicketEdit *edit)
{
  g_autoptr(CrmTicketEdit) owned = edit;

  /* a property changes only if it is still as the user saw it: a
   * colleague's change meanwhile is said, and shown, not undone */
  if (self->ticket != NULL && crm_ticket_get_id (self->ticket) == crm_ticket_edit_get_ticket_id (edit))
    crm_ticket_edit_expect (owned, self->ticket);

  {
    Applying *applying = g_new0 (Applying, 1);

    applying->self = g_object_ref (self);
    applying->kind = crm_ticket_edit_get_kind (owned);
    applying->ticket_id = crm_ticket_edit_get_ticket_id (owned);
    crm_ticket_store_apply_async (crm_ticket_store_from_session (self->session), owned, NULL, applied_cb, applying);
  }
}

static void
detail_changed_cb (CrmTicketView *self,
                   GParamSpec    *pspec,
                   GtkDropDown   *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  gint64 id;

  if (self->filling || self->ticket == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  id = crm_ticket_get_id (self->ticket);
  if (dropdown == self->category_dropdown)
    {
      const char *name = selected == 0 ? "" : gtk_string_object_get_string (gtk_drop_down_get_selected_item (dropdown));

      if (g_strcmp0 (name, crm_ticket_get_category (self->ticket) ? crm_ticket_get_category (self->ticket) : "") != 0)
        _crm_ticket_view_apply (self, crm_ticket_edit_new (id, CRM_TICKET_EDIT_CATEGORY, name));
    }
  else if (dropdown == self->source_dropdown && selected < g_strv_length ((char **) crm_ticket_sources ()) &&
           g_strcmp0 (crm_ticket_sources ()[selected], crm_ticket_get_source (self->ticket)) != 0)
    _crm_ticket_view_apply (self, crm_ticket_edit_new (id, CRM_TICKET_EDIT_SOURCE, crm_ticket_sources ()[selected]));
}

static void
tag_entry_activate_cb (CrmTicketView *self)
{
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry))));

  if (self->ticket == NULL || *tag == '\0')
    return;

  _crm_ticket_view_apply (self, crm_ticket_edit_new (crm_ticket_get_id (self->ticket), CRM_TICKET_EDIT_TAG, tag));
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
}

static void
untag_clicked_cb (GtkButton     *button,
                  CrmTicketView *self)
{
  if (self->ticket == NULL)
    return;

  _crm_ticket_view_apply (self, crm_ticket_edit_new (crm_ticket_get_id (self->ticket), CRM_TICKET_EDIT_UNTAG,
                                    g_object_get_data (G_OBJECT (button), "crm-tag")));
}

static void
follow_toggled_cb (CrmTicketView *self)
{
  if (self->filling || self->ticket == NULL || self->user == NULL)
    return;

  _crm_ticket_view_apply (self, crm_ticket_edit_new_follow (crm_ticket_get_id (self->ticket), crm_user_get_id (self->user),
                                           gtk_toggle_button_get_active (self->follow_button)));
}

/* A property chosen in the header: changed at once, with a system
 * comment that says who did it. */
static void
property_changed_cb (CrmTicketView *self,
                     GParamSpec    *pspec,
                     GtkDropDown   *dropdown)
{
  gint64 id;

  if (self->filling || self->ticket == NULL)
    return;

  id = crm_ticket_get_id (self->ticket);

  if (dropdown == self->assignee_dropdown)
    {
      guint selected = gtk_drop_down_get_selected (dropdown);

      if (selected < self->user_ids->len &&
          g_array_index (self->user_ids, gint64, selected) != crm_ticket_get_assignee_id (self->ticket))
        _crm_ticket_view_apply (self, crm_ticket_edit_new_assign (id, g_array_index (self->user_ids, gint64, selected)));
    }
  else if (dropdown == self->status_dropdown &&
           g_strcmp0 (crm_names_dropdown_get_name (dropdown), crm_ticket_get_status (self->ticket)) != 0)
    _crm_ticket_view_apply (self, crm_ticket_edit_new (id, CRM_TICKET_EDIT_STATUS, crm_names_dropdown_get_name (dropdown)));
  else if (dropdown == self->queue_dropdown &&
           g_strcmp0 (crm_names_dropdown_get_name (dropdown), crm_ticket_get_queue (self->ticket)) != 0)
    _crm_ticket_view_ask_move (self, crm_names_dropdown_get_name (dropdown));
  else if (dropdown == self->priority_dropdown &&
           g_strcmp0 (crm_names_dropdown_get_name (dropdown), crm_ticket_get_priority (self->ticket)) != 0)
    _crm_ticket_view_apply (self, crm_ticket_edit_new (id, CRM_TICKET_EDIT_PRIORITY, crm_names_dropdown_get_name (dropdown)));
}

static gboolean
follow_end_done_cb (gpointer user_data)
{
  CrmTicketView *self = user_data;

  self->follow_end_source = 0;

  return G_SOURCE_REMOVE;
}

static gboolean
show_end_cb (GtkWidget     *scroller,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  CrmTicketView *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  self->show_end_tick = 0;
  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));

  return G_SOURCE_REMOVE;
}

/* The newest message is at the end: the conversation opens there, for
 * as long as its rows take to be measured. The adjustment grows while
 * the viewport is being allocated, which would not move its child: it
 * is scrolled at the start of the next frame. */
static void
conversation_upper_cb (CrmTicketView *self,
                       GParamSpec    *pspec,
                       GtkAdjustment *adjustment)
{
  if (self->follow_end_source != 0 && self->show_end_tick == 0)
    self->show_end_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->conversation_scroller), show_end_cb,
                                                        self, NULL);
}

/* Mail and comments fold; what the system did and a call's or chat's
 * line are one entry each, never folded. */
static gboolean
folds (const CrmTimelineEntry *entry)
{
  return entry->kind != CRM_TIMELINE_ENTRY_SYSTEM && entry->kind != CRM_TIMELINE_ENTRY_ACTIVITY;
}

static void
show_conversation (CrmTicketView       *self,
                   const CrmTicketCard *card)
{
  GPtrArray *entries = card->entries;
  GtkWidget *child;
  gint64 id = crm_ticket_get_id (card->ticket);
  guint last = G_MAXUINT;
  guint n_messages = 0;
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  GtkWidget *previous = NULL;

  self->outbox_pending = card->outbox_pending;

  /* the newest mail or comment open, the earlier ones folded when
   * there are more than two */
  for (guint i = 0; i < entries->len; i++)
    if (folds (g_ptr_array_index (entries, i)))
      {
        last = i;
        n_messages++;
      }
  /* another ticket starts afresh; the same one keeps what the user
   * folded or opened, and shows its end only when something came */
  if (id != self->conversation_ticket)
    g_hash_table_remove_all (self->toggled);

  /* the same ticket read again (a status changed, a comment came)
   * keeps the rows that show their entry as it is now: a long
   * conversation is not made and laid out anew for one line more */
  if (id == self->conversation_ticket)
    for (child = gtk_widget_get_first_child (GTK_WIDGET (self->conversation)); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (CRM_IS_CONVERSATION_ROW (child))
        g_hash_table_insert (shown, (gpointer) crm_conversation_row_get_key (CRM_CONVERSATION_ROW (child)), child);
  for (guint i = 0; i < entries->len; i++)
    {
      CrmTimelineEntry *entry = g_ptr_array_index (entries, i);
      gboolean folded = n_messages > 2 && i != last && folds (entry);
      GtkWidget *row = g_hash_table_lookup (shown, entry->key);

      if (g_hash_table_contains (self->toggled, entry->key))
        folded = GPOINTER_TO_INT (g_hash_table_lookup (self->toggled, entry->key)) - 1;
      /* kept only in the order it stands in */
      if (row != NULL && crm_conversation_row_shows (CRM_CONVERSATION_ROW (row), entry, folded))
        {
          GtkWidget *before = previous;

          if (previous != NULL)
            for (before = gtk_widget_get_prev_sibling (row); before != NULL && before != previous;
                 before = gtk_widget_get_prev_sibling (before))
              ;
          if (before == previous)
            {
              g_ptr_array_add (kept, row);
              previous = row;
              continue;
            }
        }
      g_ptr_array_add (kept, NULL);
    }
  /* what is not kept goes; the rest is made where it stands */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->conversation)); child != NULL;)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (!g_ptr_array_find (kept, child, NULL))
        gtk_list_box_remove (self->conversation, child);
      child = next;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      CrmTimelineEntry *entry = g_ptr_array_index (entries, i);
      gboolean folded = n_messages > 2 && i != last && folds (entry);
      GtkWidget *row;

      if (g_ptr_array_index (kept, i) != NULL)
        continue;
      if (g_hash_table_contains (self->toggled, entry->key))
        folded = GPOINTER_TO_INT (g_hash_table_lookup (self->toggled, entry->key)) - 1;
      row = crm_conversation_row_new (self->session, entry, folded);
      g_signal_connect_object (row, "cancel-sending", G_CALLBACK (_crm_ticket_view_cancel_sending_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "split", G_CALLBACK (_crm_ticket_view_split_message_cb), self, G_CONNECT_SWAPPED);
      gtk_list_box_insert (self->conversation, row, (int) i);
    }

  if (id != self->conversation_ticket || entries->len > self->conversation_entries)
    {
      g_clear_handle_id (&self->follow_end_source, g_source_remove);
      self->follow_end_source = g_timeout_add (300, follow_end_done_cb, self);
    }
  self->conversation_ticket = id;
  self->conversation_entries = entries->len;
}

/* The client beside the conversation: who, their other tickets (TK7),
 * and the response and resolution times. */
static void
show_side (CrmTicketView       *self,
           const CrmTicketCard *card)
{
  g_autoptr(GString) due = g_string_new (NULL);
  gint64 now = crm_clock_now_unix (crm_session_get_clock (self->session));

  crm_ticket_client_panel_show (self->client_panel, card);
  crm_ticket_projects_show (self->projects, card);

  if (crm_ticket_get_response_due (self->ticket) != 0)
    {
      g_autofree char *text = crm_format_due (_("Answer due"), crm_ticket_get_response_due (self->ticket), now);

      g_string_append (due, text);
    }
  if (crm_ticket_get_resolution_due (self->ticket) != 0 &&
      g_strcmp0 (crm_ticket_get_status_kind (self->ticket), "closed") != 0)
    {
      g_autofree char *text = crm_format_due (_("Resolution due"), crm_ticket_get_resolution_due (self->ticket), now);

      g_string_append_printf (due, "%s%s", due->len > 0 ? "\n" : "", text);
    }
  gtk_label_set_text (self->due_label, due->str);
  gtk_widget_set_visible (GTK_WIDGET (self->due_label), due->len > 0);
}

static void
recent_activated_cb (CrmTicketView *self,
                     gint64         ticket_id)
{
  crm_ticket_view_set_ticket (self, ticket_id);
}

static void
stop_spinner (CrmTicketView *self)
{
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), TRUE);
}

static void
marked_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmTicketView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;
  if (crm_ticket_store_apply_finish (crm_ticket_store_from_session (self->session), result, &error) == 0)
    g_warning ("%s", error->message);
  /* the card shows the ticket as read already: it is not read again */
  g_clear_handle_id (&self->reload_source, g_source_remove);
}

static void
card_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmTicketView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicketCard) card = crm_ticket_card_read_finish (CRM_SESSION (object), result, &error);
  gint64 reader = self->user ? crm_user_get_id (self->user) : 0;

  /* the user moved on: a newer read is on its way */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->session == NULL)
    return;
  g_clear_object (&self->cancellable);
  stop_spinner (self);

  if (card == NULL || crm_ticket_get_id (card->ticket) != self->ticket_id)
    {
      if (!g_error_matches (error, CRM_ERROR, CRM_ERROR_NOT_FOUND))
        g_warning ("Reading ticket %lld failed: %s", (long long) self->ticket_id, error->message);
      /* deleted, or merged into another */
      self->ticket_id = 0;
      g_clear_object (&self->ticket);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  g_set_object (&self->ticket, card->ticket);
  /* what the user sees is the ticket as of now */
  self->seen_at = crm_clock_now_unix (crm_session_get_clock (self->session));
  show_details (self);
  show_properties (self, card);
  show_more_properties (self, card);
  show_conversation (self, card);
  show_side (self, card);
  gtk_stack_set_visible_child_name (self->stack, "ticket");
  if (self->focus_reply)
    gtk_widget_grab_focus (GTK_WIDGET (crm_ticket_composer_get_text_view (self->composer)));
  self->focus_reply = FALSE;

  /* read now: once, so that lists are not told again and again */
  if (self->mark_read && reader != 0 && crm_ticket_get_unread (card->ticket))
    {
      g_autoptr(CrmTicketEdit) edit = crm_ticket_edit_new_mark_read (self->ticket_id, reader);

      crm_ticket_store_apply_async (crm_ticket_store_from_session (self->session), edit, NULL, marked_read_cb,
                                    g_object_ref (self));
    }
  self->mark_read = FALSE;
}

/* a read that takes longer than this shows a spinner */
#define SPINNER_AFTER_MS 150

static gboolean
spinner_cb (gpointer user_data)
{
  CrmTicketView *self = user_data;

  self->spinner_source = 0;
  gtk_stack_set_visible_child_name (self->stack, "loading");

  return G_SOURCE_REMOVE;
}

/* Reads the card of the ticket asked for on a worker; the card shows
 * it when it is read, the main loop never waiting for it. */
static void
reload (CrmTicketView *self)
{
  gint64 reader = self->user ? crm_user_get_id (self->user) : 0;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->ticket_id == 0 || self->session == NULL)
    {
      stop_spinner (self);
      g_clear_object (&self->ticket);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->cancellable = g_cancellable_new ();
  crm_ticket_card_read_async (self->session, self->ticket_id, reader, self->cancellable, card_read_cb,
                              g_object_ref (self));
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  CrmTicketView *self = user_data;

  self->reload_source = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

/* The card read again at idle (once, however many ask). */
void
_crm_ticket_view_reload_later (CrmTicketView *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

/* At idle: a change may come from inside a widget's own signal (a
 * drop-down that is being changed), and many come in a row. */
static void
store_changed_cb (CrmTicketView *self,
                  const char    *entity,
                  gint64         id,
                  CrmSession    *session)
{
  gboolean concerns;

  if (self->ticket_id == 0 || self->reload_source != 0)
    return;

  /* the engine delivered, or failed to deliver, a mail shown waiting */
  if (g_strcmp0 (entity, "outbox") == 0)
    concerns = self->outbox_pending || id == 0;
  /* this ticket; or mail the engine brought, which does not say where */
  else if (g_strcmp0 (entity, "ticket") == 0)
    concerns = id == 0 || id == self->ticket_id;
  else if (g_strcmp0 (entity, "message") == 0)
    concerns = id == 0;
  /* the client shown beside the conversation */
  else if (g_strcmp0 (entity, "contact") == 0)
    concerns = id == 0 || self->ticket == NULL || id == crm_ticket_get_client_id (self->ticket);
  /* names of statuses, queues, users the properties show */
  else
    concerns = g_strcmp0 (entity, "queue") == 0 || g_strcmp0 (entity, "user") == 0 ||
               g_strcmp0 (entity, "setting") == 0;

  if (concerns)
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

void
_crm_ticket_view_show_toast (CrmTicketView *self,
                             const char    *text)
{
  crm_toast_show (GTK_WIDGET (self), text);
}

/* What could not be changed is said, and the card shows again what is
 * stored. */
void
_crm_ticket_view_report_error (CrmTicketView *self,
                               GError        *error)
{
  _crm_ticket_view_show_toast (self, error->message);
  _crm_ticket_view_reload_later (self);
}

/**
 * crm_ticket_view_add_attachment:
 * @self: a #CrmTicketView
 * @name: the file's name
 * @data: its bytes
 *
 * Adds a file to the next reply, as the attach button does.
 */
void
crm_ticket_view_add_attachment (CrmTicketView *self,
                                const char    *name,
                                GBytes        *data)
{
  g_return_if_fail (CRM_IS_TICKET_VIEW (self));

  crm_attachment_tray_add (crm_ticket_composer_get_tray (self->composer), name, data);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  crm_attachment_tray_choose (crm_ticket_composer_get_tray (CRM_TICKET_VIEW (widget)->composer));
}

/* TK4: the composer's default font, a setting of the user's. */
static void
composer_font_changed_cb (CrmTicketView *self)
{
  g_autofree char *font = self->settings ? g_settings_get_string (self->settings, "composer-font") : NULL;

  crm_ticket_composer_set_font (self->composer, font);
}

/* presence: "replying <ticket> <user> <name>" / "stopped <ticket> <user> <name>" */

static void
announce (CrmTicketView *self,
          const char    *what,
          gint64         ticket_id)
{
  g_autofree char *message = NULL;

  if (self->user == NULL || ticket_id == 0)
    return;
  message = g_strdup_printf ("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s", what, ticket_id,
                             crm_user_get_id (self->user), crm_user_get_name (self->user));
  crm_session_announce (self->session, message);
}

void
_crm_ticket_view_stop_replying (CrmTicketView *self)
{
  if (self->announced_ticket == 0)
    return;
  announce (self, "stopped", self->announced_ticket);
  self->announced_ticket = 0;
}

/* The user writes: the other desktops hear it, now and then. */
static void
composer_text_changed_cb (CrmTicketView *self,
                          GtkTextBuffer *buffer)
{
  gint64 now = g_get_monotonic_time ();

  if (self->session == NULL || self->ticket == NULL || gtk_text_buffer_get_char_count (buffer) == 0)
    {
      _crm_ticket_view_stop_replying (self);
      return;
    }
  if (self->announced_ticket == crm_ticket_get_id (self->ticket) &&
      now - self->announced_at < REPLYING_SAY_AGAIN_S * G_USEC_PER_SEC)
    return;
  _crm_ticket_view_stop_replying (self);
  self->announced_ticket = crm_ticket_get_id (self->ticket);
  self->announced_at = now;
  announce (self, "replying", self->announced_ticket);
}

static gboolean others_tick_cb (gpointer user_data);

/* What the composer says of colleagues replying to the ticket shown. */
static void
show_others (CrmTicketView *self)
{
  g_autoptr(GString) names = g_string_new (NULL);
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->others);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Other *other = value;

      if (other->until < now)
        {
          g_hash_table_iter_remove (&iter);
          continue;
        }
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", other->name);
    }
  crm_ticket_composer_set_others_replying (self->composer, names->len > 0 ? names->str : NULL);
  if (names->len > 0 && self->others_source == 0)
    self->others_source = g_timeout_add_seconds (5, others_tick_cb, self);
}

static gboolean
others_tick_cb (gpointer user_data)
{
  CrmTicketView *self = user_data;

  self->others_source = 0;
  show_others (self);

  return G_SOURCE_REMOVE;
}

/* Another desktop said what its user does. */
static void
announced_cb (CrmTicketView *self,
              const char    *message)
{
  g_auto(GStrv) parts = g_strsplit (message, " ", 4);
  gint64 ticket_id, user_id;
  Other *other;

  if (g_strv_length (parts) < 4 || self->ticket_id == 0)
    return;
  ticket_id = g_ascii_strtoll (parts[1], NULL, 10);
  user_id = g_ascii_strtoll (parts[2], NULL, 10);
  if (ticket_id != self->ticket_id || (self->user != NULL && user_id == crm_user_get_id (self->user)))
    return;

  if (g_str_equal (parts[0], "replying"))
    {
      other = g_new0 (Other, 1);
      other->name = g_strdup (parts[3]);
      other->until = g_get_monotonic_time () + REPLYING_FORGET_S * G_USEC_PER_SEC;
      g_hash_table_replace (self->others, g_memdup2 (&user_id, sizeof user_id), other);
    }
  else if (g_str_equal (parts[0], "stopped"))
    g_hash_table_remove (self->others, &user_id);
  show_others (self);
}

static void
take_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmTicketView *self = CRM_TICKET_VIEW (widget);

  if (self->ticket == NULL || self->user == NULL)
    return;

  _crm_ticket_view_apply (self, crm_ticket_edit_new_assign (crm_ticket_get_id (self->ticket), crm_user_get_id (self->user)));
}

/* A template chosen: filled in for the ticket, where the cursor is. */
static void
template_chosen_cb (CrmTicketView *self,
                    const char    *body)
{
  g_autofree char *text = NULL;

  if (self->ticket == NULL)
    return;

  text = crm_template_expand (body, self->ticket, self->user);
  crm_ticket_composer_insert (self->composer, text);
}

/**
 * crm_ticket_view_insert_template:
 * @self: a #CrmTicketView
 * @name: a template's name
 *
 * Puts the template, filled in, where the composer's cursor is, as
 * choosing it from the Templates menu does.
 *
 * Returns: %TRUE when there is such a template and a ticket is shown
 */
gboolean
crm_ticket_view_insert_template (CrmTicketView *self,
                                 const char    *name)
{
  g_autoptr(GPtrArray) templates = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_VIEW (self), FALSE);

  /* the fields are the ticket's: none while the next one is read */
  if (self->ticket == NULL)
    return FALSE;

  templates = crm_template_store_list (crm_template_store_from_session (self->session), NULL);
  for (guint i = 0; templates != NULL && i < templates->len; i++)
    {
      CrmTemplateInfo *info = g_ptr_array_index (templates, i);

      if (g_strcmp0 (info->name, name) == 0)
        {
          template_chosen_cb (self, info->body);
          return TRUE;
        }
    }

  return FALSE;
}

/* TK13: the sender becomes a contact */
static void
add_client_cb (CrmTicketView *self,
               int            kind,
               const char    *name,
               const char    *company)
{
  if (self->ticket == NULL)
    return;

  _crm_ticket_view_apply (self, crm_ticket_edit_new_add_client (crm_ticket_get_id (self->ticket), kind, name, company));
}

/**
 * crm_ticket_view_add_client:
 * @self: a #CrmTicketView
 *
 * Asks for the new contact's name and whether it is a person or a
 * company, as "Add…" beside an unknown sender does
 * (#CrmAddClientDialog).
 *
 * Returns: (transfer none): the dialog
 */
GtkWidget *
crm_ticket_view_add_client (CrmTicketView *self)
{
  g_autofree char *guess = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (CRM_IS_TICKET_VIEW (self), NULL);

  /* the name the sender gave in From, else the address's start */
  guess = self->ticket ? crm_contact_store_propose_client_name (crm_contact_store_from_session (self->session), crm_ticket_get_id (self->ticket)) : NULL;
  dialog = crm_add_client_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                      self->ticket ? crm_ticket_get_client_address (self->ticket) : NULL, guess);
  g_signal_connect_object (dialog, "add", G_CALLBACK (add_client_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
add_client_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  crm_ticket_view_add_client (CRM_TICKET_VIEW (widget));
}

/* TK13: the sender is a contact already */
static void
link_client_cb (CrmTicketView *self,
                gint64         contact_id,
                gboolean       give_address,
                gboolean       every_ticket)
{
  if (self->ticket == NULL)
    return;

  _crm_ticket_view_apply (self, crm_ticket_edit_new_link_client (crm_ticket_get_id (self->ticket), contact_id, give_address, every_ticket));
}

/**
 * crm_ticket_view_link_client:
 * @self: a #CrmTicketView
 *
 * Asks which contact the sender is, as "Link…" does
 * (#CrmLinkClientDialog).
 *
 * Returns: (transfer none): the dialog
 */
GtkWidget *
crm_ticket_view_link_client (CrmTicketView *self)
{
  GtkWidget *dialog;

  g_return_val_if_fail (CRM_IS_TICKET_VIEW (self), NULL);

  dialog = crm_link_client_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->session,
                                       self->ticket ? crm_ticket_get_client_address (self->ticket) : NULL);
  g_signal_connect_object (dialog, "link", G_CALLBACK (link_client_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
link_client_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  crm_ticket_view_link_client (CRM_TICKET_VIEW (widget));
}

static void
crm_ticket_view_dispose (GObject *object)
{
  CrmTicketView *self = CRM_TICKET_VIEW (object);
  GtkWidget *child;

  if (self->session != NULL)
    {
      _crm_ticket_view_stop_replying (self);
      g_clear_signal_handler (&self->changed_handler, crm_session_get_database (self->session));
      g_clear_signal_handler (&self->announced_handler, crm_session_get_database (self->session));
    }
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  g_clear_handle_id (&self->others_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->follow_end_source, g_source_remove);
  if (self->show_end_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->conversation_scroller), self->show_end_tick);
  self->show_end_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TICKET_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_object (&self->user);
  g_clear_object (&self->ticket);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->user_ids, g_array_unref);
  g_clear_pointer (&self->close_reasons, g_strfreev);
  g_clear_pointer (&self->user_names, g_strfreev);
  g_clear_pointer (&self->print_to_file, g_free);
  g_clear_pointer (&self->toggled, g_hash_table_unref);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  g_clear_pointer (&self->others, g_hash_table_unref);

  G_OBJECT_CLASS (crm_ticket_view_parent_class)->dispose (object);
}

static void
crm_ticket_view_class_init (CrmTicketViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_ticket_view_dispose;

  g_type_ensure (CRM_TYPE_TICKET_CLIENT_PANEL);
  g_type_ensure (CRM_TYPE_TICKET_COMPOSER);
  g_type_ensure (CRM_TYPE_TICKET_PROJECTS);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-ticket-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, back_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, subject_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, flap);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, details_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, queue_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, priority_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, assignee_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, property_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, assign_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, close_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, conversation);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, composer);
  gtk_widget_class_bind_template_callback (widget_class, template_chosen_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, conversation_scroller);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, tags_box);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, followers_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, follow_button);
  gtk_widget_class_bind_template_callback (widget_class, detail_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, follow_toggled_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, due_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, client_panel);
  gtk_widget_class_bind_template_callback (widget_class, recent_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketView, projects);
  gtk_widget_class_bind_template_callback_full (widget_class, "project_attach_cb",
                                                G_CALLBACK (_crm_ticket_view_project_attach_cb));

  gtk_widget_class_install_action (widget_class, "ticket.send", NULL, _crm_ticket_view_send_action);
  gtk_widget_class_install_action (widget_class, "ticket.send-later", NULL, _crm_ticket_view_send_later_action);
  gtk_widget_class_install_action (widget_class, "ticket.take", NULL, take_action);
  gtk_widget_class_install_action (widget_class, "ticket.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "ticket.add-client", NULL, add_client_action);
  gtk_widget_class_install_action (widget_class, "ticket.link-client", NULL, link_client_action);
  gtk_widget_class_install_action (widget_class, "ticket.toggle-closed", NULL, _crm_ticket_view_toggle_closed_action);
  gtk_widget_class_install_action (widget_class, "ticket.merge", NULL, _crm_ticket_view_merge_action);
  gtk_widget_class_install_action (widget_class, "ticket.unpin", NULL, _crm_ticket_view_unpin_action);
  gtk_widget_class_install_action (widget_class, "ticket.forward", NULL, _crm_ticket_view_forward_action);
  gtk_widget_class_install_action (widget_class, "ticket.print", NULL, _crm_ticket_view_print_action);
  gtk_widget_class_install_action (widget_class, "ticket.delete", NULL, _crm_ticket_view_delete_action);
  gtk_widget_class_install_action (widget_class, "ticket.link-activity", NULL, _crm_ticket_view_link_activity_action);
  gtk_widget_class_install_action (widget_class, "ticket.add-activity", NULL, _crm_ticket_view_add_activity_action);
  gtk_widget_class_install_action (widget_class, "ticket.create-project", NULL,
                                   _crm_ticket_view_create_project_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
flap_revealed_cb (CrmTicketView *self)
{
  if (!adw_flap_get_folded (self->flap))
    g_settings_set_boolean (self->settings, "ticket-properties-shown", adw_flap_get_reveal_flap (self->flap));
}

static void
flap_folded_cb (CrmTicketView *self)
{
  if (!adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (self->settings, "ticket-properties-shown"));
}

static void
crm_ticket_view_init (CrmTicketView *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->user_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->toggled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->drafts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, _crm_ticket_view_draft_free);
  self->others = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, other_free);
  g_signal_connect_object (gtk_text_view_get_buffer (crm_ticket_composer_get_text_view (self->composer)), "changed",
                           G_CALLBACK (composer_text_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->conversation, "row-activated", G_CALLBACK (conversation_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->conversation_scroller), "notify::upper",
                           G_CALLBACK (conversation_upper_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->conversation_scroller), "notify::page-size",
                           G_CALLBACK (conversation_upper_cb), self, G_CONNECT_SWAPPED);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      g_signal_connect_object (self->settings, "changed::composer-font", G_CALLBACK (composer_font_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  composer_font_changed_cb (self);

  /* the properties stay as the user left them, where there is room */
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (flap_revealed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->flap, "notify::folded", G_CALLBACK (flap_folded_cb), self, G_CONNECT_SWAPPED);
      flap_folded_cb (self);
    }

  /* Ctrl+Enter sends: caught before the text view, which would take it
   * as a new line */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_alternative_trigger_new (
                                                              gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                              gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                                                            gtk_named_action_new ("ticket.send")));
    gtk_widget_add_controller (GTK_WIDGET (crm_ticket_composer_get_text_view (self->composer)), shortcuts);
  }
}

/**
 * crm_ticket_view_set_store:
 * @self: a #CrmTicketView
 * @store: the store
 */
void
crm_ticket_view_set_session (CrmTicketView *self,
                             CrmSession    *session)
{
  g_return_if_fail (CRM_IS_TICKET_VIEW (self));

  if (self->session != NULL)
    {
      _crm_ticket_view_stop_replying (self);
      g_clear_signal_handler (&self->changed_handler, crm_session_get_database (self->session));
      g_clear_signal_handler (&self->announced_handler, crm_session_get_database (self->session));
    }
  g_set_object (&self->session, session);
  crm_templates_button_set_session (crm_ticket_composer_get_templates_button (self->composer), session);
  crm_ticket_client_panel_set_session (self->client_panel, session);
  crm_ticket_projects_set_session (self->projects, session);
  if (session != NULL)
    {
      self->changed_handler = g_signal_connect_object (crm_session_get_database (session), "changed",
                                                       G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      self->announced_handler = g_signal_connect_object (crm_session_get_database (session), "announced",
                                                         G_CALLBACK (announced_cb), self, G_CONNECT_SWAPPED);
    }
}

/**
 * crm_ticket_view_set_user:
 * @self: a #CrmTicketView
 * @user: (nullable): who is working
 */
void
crm_ticket_view_set_user (CrmTicketView *self,
                          CrmUser       *user)
{
  g_return_if_fail (CRM_IS_TICKET_VIEW (self));

  g_set_object (&self->user, user);
}

/**
 * crm_ticket_view_set_ticket:
 * @self: a #CrmTicketView
 * @ticket_id: the ticket to show, or 0 for none
 *
 * Shows the ticket and marks it read for the user who is working.
 */
void
crm_ticket_view_set_ticket (CrmTicketView *self,
                            gint64         ticket_id)
{
  g_return_if_fail (CRM_IS_TICKET_VIEW (self));

  /* files and copies belong to the reply to the ticket shown; so do
   * the colleagues replying to it */
  if (ticket_id != self->ticket_id)
    {
      crm_ticket_composer_drop_copies (self->composer);
      _crm_ticket_view_stop_replying (self);
      g_hash_table_remove_all (self->others);
      crm_ticket_composer_set_others_replying (self->composer, NULL);
    }

  if (ticket_id != self->ticket_id)
    {
      /* nothing is done to the ticket that was shown while the next
       * one is read; a read that takes longer than a moment says so */
      g_clear_object (&self->ticket);
      gtk_widget_set_sensitive (GTK_WIDGET (self->stack), ticket_id == 0);
      g_clear_handle_id (&self->spinner_source, g_source_remove);
      if (ticket_id != 0)
        self->spinner_source = g_timeout_add (SPINNER_AFTER_MS, spinner_cb, self);
    }
  self->ticket_id = self->session != NULL ? ticket_id : 0;
  self->mark_read = TRUE;
  /* asked for the ticket shown before, if at all */
  self->focus_reply = FALSE;

  /* a reply to this ticket taken back while another was open */
  if (self->ticket_id != 0)
    _crm_ticket_view_restore_draft_of (self, ticket_id);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  reload (self);
}

/**
 * crm_ticket_view_focus_reply:
 * @self: a #CrmTicketView
 *
 * The reply's text takes the keyboard: now when the card is shown,
 * else once the card being read is.
 */
void
crm_ticket_view_focus_reply (CrmTicketView *self)
{
  g_return_if_fail (CRM_IS_TICKET_VIEW (self));

  if (self->cancellable == NULL && self->ticket != NULL && crm_ticket_get_id (self->ticket) == self->ticket_id)
    gtk_widget_grab_focus (GTK_WIDGET (crm_ticket_composer_get_text_view (self->composer)));
  else
    self->focus_reply = TRUE;
}

/**
 * crm_ticket_view_get_composer:
 * @self: a #CrmTicketView
 *
 * Returns: (transfer none): the composer's text view
 */
GtkTextView *
crm_ticket_view_get_composer (CrmTicketView *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_VIEW (self), NULL);

  return crm_ticket_composer_get_text_view (self->composer);
}

/**
 * crm_ticket_view_set_show_back:
 * @self: a #CrmTicketView
 * @show: whether the card stands alone (a narrow window) and needs a
 *   way back to the list
 */
void
crm_ticket_view_set_show_back (CrmTicketView *self,
                               gboolean       show)
{
  g_return_if_fail (CRM_IS_TICKET_VIEW (self));

  gtk_widget_set_visible (self->back_button, show);
}

/**
 * crm_ticket_view_get_others_replying:
 * @self: a #CrmTicketView
 *
 * Returns: (nullable): what the composer says of colleagues replying
 *   to the ticket on other desktops, or %NULL
 */
const char *
crm_ticket_view_get_others_replying (CrmTicketView *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_VIEW (self), NULL);

  return crm_ticket_composer_get_others_replying (self->composer);
}
