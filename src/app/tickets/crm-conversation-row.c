/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-conversation-row"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-attachment-chip.h"
#include "crm-conversation-row.h"
#include "crm-format.h"

/**
 * CrmConversationRow:
 *
 * One entry of a ticket's conversation (a #CrmTimelineEntry): a
 * heading, and below it the text, the files and why the mail is in the
 * ticket, or whether our mail waits, went or failed. A folded entry
 * shows its first line only; crm_conversation_row_toggle() opens or
 * folds it. Our mail that waits has Cancel Sending, which says
 * #CrmConversationRow::cancel-sending.
 */
struct _CrmConversationRow
{
  GtkListBoxRow  parent_instance;

  /* template widgets */
  GtkLabel      *title;
  GtkLabel      *snippet;
  GtkRevealer   *revealer;
  GtkWidget     *body;
  GtkLabel      *text;
  GtkWidget     *files;
  GtkLabel      *note;
  GtkWidget     *waiting_line;
  GtkLabel      *waiting_label;
  GtkLabel      *failed_label;
  GtkWidget     *split_button;

  gboolean       folds;      /* FALSE for a system entry: nothing to fold */
  char          *key;
  gint64         outbox_id;  /* our mail that waits, or 0 */
  gint64         message_id; /* the stored message shown, or 0 */
  char          *shown;      /* what the row shows but the text (entry_digest ()) */
};

G_DEFINE_FINAL_TYPE (CrmConversationRow, crm_conversation_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CANCEL_SENDING,
  SPLIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cancel_clicked_cb (CrmConversationRow *self)
{
  g_signal_emit (self, signals[CANCEL_SENDING], 0, self->outbox_id);
}

static void
split_clicked_cb (CrmConversationRow *self)
{
  g_signal_emit (self, signals[SPLIT], 0, self->message_id);
}

static void
crm_conversation_row_finalize (GObject *object)
{
  CrmConversationRow *self = CRM_CONVERSATION_ROW (object);

  g_free (self->key);
  g_free (self->shown);

  G_OBJECT_CLASS (crm_conversation_row_parent_class)->finalize (object);
}

static void
crm_conversation_row_class_init (CrmConversationRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = crm_conversation_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-conversation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmConversationRow, title);
  gtk_widget_class_bind_template_child (widget_class, CrmConversationRow, snippet);
  gtk_widget_class_bind_template_child (widget_class, CrmConversationRow, revealer);
  gtk_widget_class_bind_template_child (widget_class, CrmConversationRow, body);
  gtk_widget_class_bind_template_child (widget_class, CrmConversationRow, text);
  gtk_widget_class_bind_template_child (widget_class, CrmConversationRow, files);
  gtk_widget_class_bind_template_child (widget_class, CrmConversationRow, note);
  gtk_widget_class_bind_template_child (widget_class, CrmConversationRow, waiting_line);
  gtk_widget_class_bind_template_child (widget_class, CrmConversationRow, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, CrmConversationRow, failed_label);
  gtk_widget_class_bind_template_child (widget_class, CrmConversationRow, split_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, split_clicked_cb);

  /**
   * CrmConversationRow::cancel-sending:
   * @self: the row
   * @outbox_id: the outbox row of the mail that waits
   *
   * The user asked not to send the mail after all.
   */
  signals[CANCEL_SENDING] =
    g_signal_new ("cancel-sending",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * CrmConversationRow::split:
   * @self: the row
   * @message_id: the stored message
   *
   * The user asked for a ticket of its own for the message (TK14).
   */
  signals[SPLIT] =
    g_signal_new ("split",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
crm_conversation_row_init (CrmConversationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* All that a row shows of @entry but its text (compared as it is): its
 * heading, why it is there, its files and how its sending stands. */
static char *
entry_digest (const CrmTimelineEntry *entry)
{
  GString *digest = g_string_new (NULL);
  guint n_files = entry->attachments != NULL ? g_list_model_get_n_items (entry->attachments) : 0;
  /* as said today: "today" is another day tomorrow */
  g_autofree char *time = crm_format_date_time (entry->at);

  g_string_append_printf (digest, "%d %s\x1f%s\x1f%s\x1f%u", entry->kind, time,
                          entry->who ? entry->who : "", entry->note ? entry->note : "", n_files);
  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(CrmAttachment) attachment = g_list_model_get_item (entry->attachments, i);

      g_string_append_printf (digest, " %" G_GINT64_FORMAT, crm_attachment_get_id (attachment));
    }
  if (entry->outbox != NULL)
    g_string_append_printf (digest, "\x1f%s %" G_GINT64_FORMAT " %s", crm_outbox_item_get_state (entry->outbox),
                            crm_outbox_item_get_due (entry->outbox),
                            crm_outbox_item_get_last_error (entry->outbox) ? crm_outbox_item_get_last_error (entry->outbox) : "");

  return g_string_free (digest, FALSE);
}

/**
 * crm_conversation_row_new:
 * @session: the session the files are read from when opened or saved
 * @entry: the entry
 * @folded: whether it shows its first line only
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
crm_conversation_row_new (CrmSession             *session,
                          const CrmTimelineEntry *entry,
                          gboolean                folded)
{
  g_autofree char *time = crm_format_date_time (entry->at);
  g_autofree char *heading = NULL;
  g_autofree char *first_line = NULL;
  CrmConversationRow *self = g_object_new (CRM_TYPE_CONVERSATION_ROW, NULL);
  gboolean system = entry->kind == CRM_TIMELINE_ENTRY_SYSTEM;
  gboolean activity = entry->kind == CRM_TIMELINE_ENTRY_ACTIVITY;
  guint n_files = entry->attachments != NULL ? g_list_model_get_n_items (entry->attachments) : 0;

  if (entry->kind == CRM_TIMELINE_ENTRY_IN && g_strcmp0 (entry->role, "third-party") == 0)
    /* Translators: an answer to a ticket's forward (TK18): sender, time */
    heading = g_strdup_printf (_("%s wrote (third party) · %s"), entry->who ? entry->who : _("Unknown sender"), time);
  else if (entry->kind == CRM_TIMELINE_ENTRY_IN)
    /* Translators: a mail in a ticket: sender, time */
    heading = g_strdup_printf (_("%s wrote · %s"), entry->who ? entry->who : _("Unknown sender"), time);
  else if (entry->kind == CRM_TIMELINE_ENTRY_OUT && g_strcmp0 (entry->role, "forward") == 0)
    /* Translators: our forward of a ticket (TK18): the recipients, time */
    heading = g_strdup_printf (_("Forwarded to %s · %s"), entry->who ? entry->who : "", time);
  else if (entry->kind == CRM_TIMELINE_ENTRY_OUT)
    /* Translators: our reply in a ticket: the recipient, time */
    heading = g_strdup_printf (_("Reply to %s · %s"), entry->who ? entry->who : "", time);
  else if (entry->kind == CRM_TIMELINE_ENTRY_COMMENT)
    /* Translators: an internal comment: its author, time */
    heading = g_strdup_printf (_("Internal comment by %s · %s"), entry->who ? entry->who : _("someone"), time);
  else if (activity)
    /* Translators: a call or chat linked to a ticket: its line ("Call with Zofia · 4 min · +48…"), time */
    heading = g_strdup_printf (_("%s · %s"), entry->note ? entry->note : "", time);
  else
    heading = g_strdup_printf ("%s · %s", entry->who ? entry->who : _("System"), time);

  gtk_label_set_text (self->title, heading);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), system ? "dim-label" : "heading");

  /* a client's mail can become a ticket of its own (TK14) */
  self->message_id = entry->message_id;
  gtk_widget_set_visible (self->split_button, entry->kind == CRM_TIMELINE_ENTRY_IN && entry->role == NULL &&
                                              entry->message_id != 0);

  first_line = g_strstrip (g_strdup (entry->text ? entry->text : ""));
  first_line[strcspn (first_line, "\r\n")] = '\0';
  gtk_label_set_text (self->snippet, first_line);
  gtk_widget_set_visible (GTK_WIDGET (self->snippet), folded);

  gtk_label_set_text (self->text, entry->text);
  if (system)
    gtk_widget_add_css_class (GTK_WIDGET (self->text), "dim-label");

  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(CrmAttachment) attachment = g_list_model_get_item (entry->attachments, i);

      gtk_box_append (GTK_BOX (self->files), crm_attachment_chip_new (session, attachment));
    }
  gtk_widget_set_visible (self->files, n_files > 0);

  /* a call's or chat's line is its heading; its note its text */
  if (activity)
    gtk_widget_set_visible (GTK_WIDGET (self->text), entry->text != NULL && *entry->text != '\0');
  else if (entry->note != NULL)
    {
      gtk_label_set_text (self->note, entry->note);
      gtk_widget_set_visible (GTK_WIDGET (self->note), TRUE);
    }

  if (entry->outbox != NULL)
    {
      const char *state = crm_outbox_item_get_state (entry->outbox);
      g_autofree char *said = NULL;

      if (g_str_equal (state, "waiting"))
        {
          g_autofree char *due_time = crm_format_date_time (crm_outbox_item_get_due (entry->outbox));

          if (crm_outbox_item_get_last_error (entry->outbox) != NULL)
            /* Translators: our mail could not be sent yet; the server's words, and when it is tried again */
            said = g_strdup_printf (_("Not sent yet: %s. Trying again at %s."),
                                    crm_outbox_item_get_last_error (entry->outbox), due_time);
          else
            /* Translators: our mail waits in the outbox; the date and time it goes */
            said = g_strdup_printf (_("Waiting to be sent at %s"), due_time);
          gtk_label_set_text (self->waiting_label, said);
          self->outbox_id = crm_outbox_item_get_id (entry->outbox);
          gtk_widget_set_visible (self->waiting_line, TRUE);
        }
      else if (g_str_equal (state, "failed"))
        {
          /* Translators: our mail could not be sent; the server's words */
          said = g_strdup_printf (_("Not sent: %s"), crm_outbox_item_get_last_error (entry->outbox)
                                                     ? crm_outbox_item_get_last_error (entry->outbox) : "");
          gtk_label_set_text (self->failed_label, said);
          gtk_widget_set_visible (GTK_WIDGET (self->failed_label), TRUE);
        }
    }

  /* only a mail that waits has a way to stop it */
  if (self->outbox_id == 0)
    {
      gtk_box_remove (GTK_BOX (self->body), self->waiting_line);
      self->waiting_line = NULL;
      self->waiting_label = NULL;
    }

  gtk_revealer_set_reveal_child (self->revealer, !folded);
  /* a folded message's text is not laid out until it is unfolded: a
   * long conversation opens at the cost of its last message */
  gtk_widget_set_visible (self->body, !folded);

  if (entry->kind == CRM_TIMELINE_ENTRY_COMMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "ticket-comment");
  else if (activity)
    gtk_widget_add_css_class (GTK_WIDGET (self), "ticket-activity");
  /* the forward and its answers are not the client's conversation */
  if (entry->role != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "ticket-third-party");
  /* a system comment is one line, a call or chat a line and its note:
   * nothing to fold */
  self->folds = !system && !activity;
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), self->folds);
  if (self->folds)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->title), folded ? _("Show the whole message") : _("Fold the message"));
  self->key = g_strdup (entry->key);
  self->shown = entry_digest (entry);

  return GTK_WIDGET (self);
}

/**
 * crm_conversation_row_shows:
 * @self: a #CrmConversationRow
 * @entry: an entry of the conversation, as read now
 * @folded: whether it is to show its first line only
 *
 * Whether the row shows @entry as it is now, folded or not as asked: a
 * conversation read again keeps such rows rather than making them anew.
 *
 * Returns: %TRUE when nothing of what the row shows has changed
 */
gboolean
crm_conversation_row_shows (CrmConversationRow     *self,
                            const CrmTimelineEntry *entry,
                            gboolean                folded)
{
  g_autofree char *digest = NULL;

  g_return_val_if_fail (CRM_IS_CONVERSATION_ROW (self), FALSE);

  if (g_strcmp0 (self->key, entry->key) != 0 ||
      g_strcmp0 (gtk_label_get_text (self->text), entry->text ? entry->text : "") != 0 ||
      (self->folds && gtk_revealer_get_reveal_child (self->revealer) == folded))
    return FALSE;
  digest = entry_digest (entry);

  return g_str_equal (digest, self->shown);
}

/**
 * crm_conversation_row_get_key:
 * @self: a #CrmConversationRow
 *
 * Returns: the entry's key (#CrmTimelineEntry), the same across reads
 */
const char *
crm_conversation_row_get_key (CrmConversationRow *self)
{
  g_return_val_if_fail (CRM_IS_CONVERSATION_ROW (self), NULL);

  return self->key;
}

/**
 * crm_conversation_row_toggle:
 * @self: a #CrmConversationRow
 * @folded: (out) (optional): whether it is folded now
 *
 * Opens a folded entry, or folds an open one, as a click on it does.
 *
 * Returns: %FALSE for an entry that does not fold (what the system did)
 */
gboolean
crm_conversation_row_toggle (CrmConversationRow *self,
                             gboolean           *folded)
{
  gboolean unfold;

  g_return_val_if_fail (CRM_IS_CONVERSATION_ROW (self), FALSE);

  if (!self->folds)
    return FALSE;

  unfold = !gtk_revealer_get_reveal_child (self->revealer);
  if (unfold)
    gtk_widget_set_visible (self->body, TRUE);
  gtk_revealer_set_reveal_child (self->revealer, unfold);
  gtk_widget_set_visible (GTK_WIDGET (self->snippet), !unfold);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title), unfold ? _("Fold the message") : _("Show the whole message"));
  if (folded != NULL)
    *folded = !unfold;

  return TRUE;
}
