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

  GtkRevealer   *revealer;
  GtkWidget     *snippet;
  GtkWidget     *title;      /* NULL for a system entry: nothing to fold */
  char          *key;
  gint64         outbox_id;  /* our mail that waits, or 0 */
};

G_DEFINE_FINAL_TYPE (CrmConversationRow, crm_conversation_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CANCEL_SENDING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cancel_clicked_cb (CrmConversationRow *self)
{
  g_signal_emit (self, signals[CANCEL_SENDING], 0, self->outbox_id);
}

static void
crm_conversation_row_finalize (GObject *object)
{
  CrmConversationRow *self = CRM_CONVERSATION_ROW (object);

  g_free (self->key);

  G_OBJECT_CLASS (crm_conversation_row_parent_class)->finalize (object);
}

static void
crm_conversation_row_class_init (CrmConversationRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_conversation_row_finalize;

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
}

static void
crm_conversation_row_init (CrmConversationRow *self)
{
}

/**
 * crm_conversation_row_new:
 * @store: the store the files are read from when opened or saved
 * @entry: the entry
 * @folded: whether it shows its first line only
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
crm_conversation_row_new (CrmSession               *session,
                          const CrmTimelineEntry *entry,
                          gboolean                  folded)
{
  g_autofree char *time = crm_format_date_time (entry->at);
  g_autofree char *heading = NULL;
  g_autofree char *first_line = NULL;
  CrmConversationRow *self = g_object_new (CRM_TYPE_CONVERSATION_ROW, NULL);
  GtkWidget *row = GTK_WIDGET (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *snippet = gtk_label_new (NULL);
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *text = gtk_label_new (entry->text);
  gboolean system = entry->kind == CRM_TIMELINE_ENTRY_SYSTEM;

  if (entry->kind == CRM_TIMELINE_ENTRY_IN)
    /* Translators: a mail in a ticket: sender, time */
    heading = g_strdup_printf (_("%s wrote · %s"), entry->who ? entry->who : _("Unknown sender"), time);
  else if (entry->kind == CRM_TIMELINE_ENTRY_OUT)
    /* Translators: our reply in a ticket: the recipient, time */
    heading = g_strdup_printf (_("Reply to %s · %s"), entry->who ? entry->who : "", time);
  else if (entry->kind == CRM_TIMELINE_ENTRY_COMMENT)
    /* Translators: an internal comment: its author, time */
    heading = g_strdup_printf (_("Internal comment by %s · %s"), entry->who ? entry->who : _("someone"), time);
  else
    heading = g_strdup_printf ("%s · %s", entry->who ? entry->who : _("System"), time);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);

  gtk_label_set_text (GTK_LABEL (title), heading);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, system ? "dim-label" : "heading");
  gtk_box_append (GTK_BOX (box), title);

  first_line = g_strstrip (g_strdup (entry->text ? entry->text : ""));
  first_line[strcspn (first_line, "\r\n")] = '\0';
  gtk_label_set_text (GTK_LABEL (snippet), first_line);
  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (snippet), TRUE);
  gtk_widget_add_css_class (snippet, "message-snippet");
  gtk_widget_set_visible (snippet, folded);
  gtk_box_append (GTK_BOX (box), snippet);

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  if (system)
    gtk_widget_add_css_class (text, "dim-label");
  gtk_box_append (GTK_BOX (body), text);

  for (guint i = 0; entry->attachments != NULL && i < g_list_model_get_n_items (entry->attachments); i++)
    {
      g_autoptr(CrmAttachment) attachment = g_list_model_get_item (entry->attachments, i);

      gtk_box_append (GTK_BOX (body), crm_attachment_chip_new (session, attachment));
    }

  if (entry->note != NULL)
    {
      GtkWidget *note = gtk_label_new (entry->note);

      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (note), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (note, "caption");
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (GTK_BOX (body), note);
    }

  if (entry->outbox != NULL)
    {
      const char *state = crm_outbox_item_get_state (entry->outbox);
      g_autofree char *said = NULL;

      if (g_str_equal (state, "waiting"))
        {
          g_autofree char *due_time = crm_format_date_time (crm_outbox_item_get_due (entry->outbox));
          GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
          GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel Sending"));
          GtkWidget *waiting;

          if (crm_outbox_item_get_last_error (entry->outbox) != NULL)
            /* Translators: our mail could not be sent yet; the server's words, and when it is tried again */
            said = g_strdup_printf (_("Not sent yet: %s. Trying again at %s."),
                                    crm_outbox_item_get_last_error (entry->outbox), due_time);
          else
            /* Translators: our mail waits in the outbox; the date and time it goes */
            said = g_strdup_printf (_("Waiting to be sent at %s"), due_time);
          waiting = gtk_label_new (said);
          gtk_label_set_wrap (GTK_LABEL (waiting), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (waiting), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_xalign (GTK_LABEL (waiting), 0);
          gtk_widget_set_hexpand (waiting, TRUE);
          gtk_box_append (GTK_BOX (line), waiting);
          gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (cancel, "flat");
          self->outbox_id = crm_outbox_item_get_id (entry->outbox);
          g_signal_connect_object (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self, G_CONNECT_SWAPPED);
          gtk_box_append (GTK_BOX (line), cancel);
          gtk_widget_add_css_class (line, "accent");
          gtk_box_append (GTK_BOX (body), line);
        }
      else if (g_str_equal (state, "failed"))
        {
          GtkWidget *failed;

          /* Translators: our mail could not be sent; the server's words */
          said = g_strdup_printf (_("Not sent: %s"), crm_outbox_item_get_last_error (entry->outbox)
                                                     ? crm_outbox_item_get_last_error (entry->outbox) : "");
          failed = gtk_label_new (said);
          gtk_label_set_xalign (GTK_LABEL (failed), 0);
          gtk_label_set_wrap (GTK_LABEL (failed), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (failed), PANGO_WRAP_WORD_CHAR);
          gtk_widget_add_css_class (failed, "error");
          gtk_box_append (GTK_BOX (body), failed);
        }
    }

  gtk_revealer_set_transition_type (GTK_REVEALER (revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_reveal_child (GTK_REVEALER (revealer), !folded);
  gtk_revealer_set_child (GTK_REVEALER (revealer), body);
  /* a folded message's text is not laid out until it is unfolded: a
   * long conversation opens at the cost of its last message */
  gtk_widget_set_visible (body, !folded);
  gtk_box_append (GTK_BOX (box), revealer);

  if (entry->kind == CRM_TIMELINE_ENTRY_COMMENT)
    gtk_widget_add_css_class (row, "ticket-comment");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* a system comment is one line: nothing to fold */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), !system);
  if (!system)
    gtk_widget_set_tooltip_text (title, folded ? _("Show the whole message") : _("Fold the message"));
  self->revealer = GTK_REVEALER (revealer);
  self->snippet = snippet;
  self->title = system ? NULL : title;
  self->key = g_strdup (entry->key);

  return row;
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

  if (self->title == NULL)
    return FALSE;

  unfold = !gtk_revealer_get_reveal_child (self->revealer);
  if (unfold)
    gtk_widget_set_visible (gtk_revealer_get_child (self->revealer), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, unfold);
  gtk_widget_set_visible (self->snippet, !unfold);
  gtk_widget_set_tooltip_text (self->title, unfold ? _("Fold the message") : _("Show the whole message"));
  if (folded != NULL)
    *folded = !unfold;

  return TRUE;
}
