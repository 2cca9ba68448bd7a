/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-referral-detail-private.h"
#include "crm-referral-document-row.h"

/* The lists of a referral's details: its status changes (RF6), its
 * documents (RF9), what is like its client in the CRM (RF8) and the
 * messages with the broker (RF10). */

/**
 * crm_referral_status_style:
 * @label: a status pill
 * @status: the status it says
 *
 * Says @status on @label, styled as its pill (the list's rows, the
 * details' title).
 */
void
crm_referral_status_style (GtkWidget         *label,
                           CrmReferralStatus  status)
{
  static const char * const classes[] = { "pending", "accepted", "rejected" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (label, classes[i]);
  if (status < G_N_ELEMENTS (classes))
    gtk_widget_add_css_class (label, classes[status]);
  gtk_label_set_text (GTK_LABEL (label), crm_referral_status_get_label (status));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
wrapped_label (const char *text,
               const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);

  return label;
}

/* RF6: each status change, who made it and the comment mailed */
static void
show_history (CrmReferralDetail *self)
{
  GPtrArray *changes = self->card->status_changes;

  clear_list (self->history_list);
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      CrmReferralStatusChange *change = g_ptr_array_index (changes, i);
      g_autofree char *at = crm_format_date_time (change->at);
      g_autofree char *title = NULL;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      GtkWidget *row = gtk_list_box_row_new ();

      if (change->user != NULL)
        /* Translators: a referral's status change: the status, who, when */
        title = g_strdup_printf (_("%s by %s · %s"), crm_referral_status_get_label (change->status), change->user, at);
      else
        /* Translators: a referral's status change: the status and when */
        title = g_strdup_printf (_("%s · %s"), crm_referral_status_get_label (change->status), at);
      gtk_widget_set_margin_top (box, 9);
      gtk_widget_set_margin_bottom (box, 9);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_box_append (GTK_BOX (box), wrapped_label (title, "heading"));
      if (change->comment != NULL && *change->comment != '\0')
        {
          GtkWidget *comment = wrapped_label (change->comment, NULL);

          gtk_label_set_selectable (GTK_LABEL (comment), TRUE);
          gtk_box_append (GTK_BOX (box), comment);
        }
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->history_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->history_list), changes != NULL && changes->len > 0);
}

/* RF9 */
static void
show_documents (CrmReferralDetail *self)
{
  GPtrArray *documents = self->card->documents;

  clear_list (self->documents_list);
  for (guint i = 0; documents != NULL && i < documents->len; i++)
    gtk_list_box_append (self->documents_list,
                         crm_referral_document_row_new (self->session, g_ptr_array_index (documents, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->documents_list), documents != NULL && documents->len > 0);
  gtk_widget_set_visible (self->documents_empty, documents == NULL || documents->len == 0);
}

/* RF8: what matched, in words: "phone, e-mail · 96% alike" */
static char *
matched_text (const CrmReferralMatch *match)
{
  g_autoptr(GString) fields = g_string_new (NULL);

  for (guint i = 0; match->matched != NULL && match->matched[i] != NULL; i++)
    {
      const char *field = match->matched[i];
      const char *word = field;

      if (g_str_equal (field, "phone"))
        /* Translators: what a similar record matched by */
        word = _("phone");
      else if (g_str_equal (field, "email"))
        /* Translators: what a similar record matched by */
        word = _("e-mail");
      else if (g_str_equal (field, "pesel"))
        /* Translators: what a similar record matched by */
        word = _("PESEL");
      else if (g_str_equal (field, "id_card"))
        /* Translators: what a similar record matched by */
        word = _("ID number");
      else if (g_str_equal (field, "name"))
        /* Translators: what a similar record matched by */
        word = _("name");
      if (fields->len > 0)
        /* Translators: between the fields a similar record matched by */
        g_string_append (fields, _(", "));
      g_string_append (fields, word);
    }

  /* Translators: a similar record: the fields that matched, then how alike, in percent */
  return g_strdup_printf (_("Matched: %s · %d%% alike"), fields->str, (int) (match->score * 100 + 0.5));
}

typedef enum
{
  SIMILAR_CLIENT,
  SIMILAR_REFERRAL,
  SIMILAR_LEAD,
} SimilarKind;

static void
show_matches (CrmReferralDetail *self,
              GtkListBox        *list,
              GtkWidget         *title,
              GPtrArray         *matches,
              SimilarKind        kind)
{
  static const char * const tooltips[] = {
    N_("Open the client’s card"),
    N_("Open the referral"),
    N_("Open the ticket"),
  };

  clear_list (list);
  for (guint i = 0; matches != NULL && i < matches->len; i++)
    {
      CrmReferralMatch *match = g_ptr_array_index (matches, i);
      g_autofree char *matched = matched_text (match);
      g_autoptr(GString) subtitle = g_string_new (matched);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      if (match->detail != NULL && *match->detail != '\0')
        g_string_append_printf (subtitle, "\n%s", match->detail);
      if (match->phone != NULL || match->email != NULL)
        {
          g_string_append_c (subtitle, '\n');
          if (match->phone != NULL)
            g_string_append (subtitle, match->phone);
          if (match->phone != NULL && match->email != NULL)
            g_string_append (subtitle, " · ");
          if (match->email != NULL)
            g_string_append (subtitle, match->email);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), match->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _(tooltips[kind]));
      g_object_set_data (G_OBJECT (row), "crm-kind", GUINT_TO_POINTER (kind));
      g_object_set_data (G_OBJECT (row), "crm-id", GSIZE_TO_POINTER ((gsize) match->id));
      gtk_list_box_append (list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (list), matches != NULL && matches->len > 0);
  gtk_widget_set_visible (title, matches != NULL && matches->len > 0);
}

void
_crm_referral_detail_similar_activated (CrmReferralDetail *self,
                                        GtkListBoxRow     *row)
{
  SimilarKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "crm-kind"));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "crm-id"));

  if (id == 0)
    return;
  if (kind == SIMILAR_CLIENT)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-contact", "x", id);
  else if (kind == SIMILAR_REFERRAL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-referral", "x", id);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-ticket", "x", id);
}

static void
show_similar (CrmReferralDetail *self)
{
  CrmReferralSimilar *similar = self->card->similar;
  gboolean any;

  show_matches (self, self->similar_clients_list, self->similar_clients_title,
                similar != NULL ? similar->clients : NULL, SIMILAR_CLIENT);
  show_matches (self, self->similar_referrals_list, self->similar_referrals_title,
                similar != NULL ? similar->referrals : NULL, SIMILAR_REFERRAL);
  show_matches (self, self->similar_leads_list, self->similar_leads_title,
                similar != NULL ? similar->leads : NULL, SIMILAR_LEAD);
  any = similar != NULL && ((similar->clients != NULL && similar->clients->len > 0) ||
                            (similar->referrals != NULL && similar->referrals->len > 0) ||
                            (similar->leads != NULL && similar->leads->len > 0));
  gtk_widget_set_visible (self->similar_empty, !any);
}

static const char *
outbox_state_label (const char *state)
{
  if (state == NULL)
    return NULL;
  if (g_str_equal (state, "waiting") || g_str_equal (state, "sending"))
    /* Translators: a message to the broker in the outbox */
    return _("Waiting to be sent");
  if (g_str_equal (state, "sent"))
    /* Translators: a message to the broker */
    return _("Sent");
  if (g_str_equal (state, "failed"))
    /* Translators: a message to the broker the outbox could not send */
    return _("Not sent");
  if (g_str_equal (state, "cancelled"))
    /* Translators: a message to the broker taken back */
    return _("Cancelled");

  return NULL;
}

/* RF10 */
static void
show_messages (CrmReferralDetail *self)
{
  GPtrArray *messages = self->card->messages;

  clear_list (self->messages_list);
  for (guint i = 0; messages != NULL && i < messages->len; i++)
    {
      CrmReferralMessage *message = g_ptr_array_index (messages, i);
      g_autofree char *at = crm_format_date_time (message->at);
      g_autoptr(GString) heading = g_string_new (NULL);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      GtkWidget *body = wrapped_label (message->body, NULL);
      const char *state = message->incoming ? NULL : outbox_state_label (message->outbox_state);
      const char *author = message->author;

      if (message->incoming)
        /* Translators: a message the broker sent; %s is their address */
        g_string_printf (heading, _("From %s"), author != NULL ? author : _("the broker"));
      else if (author != NULL)
        /* Translators: a message to the broker; %s is who wrote it */
        g_string_printf (heading, _("To the broker, by %s"), author);
      else
        g_string_assign (heading, _("To the broker"));
      if (g_strcmp0 (message->kind, "accepted") == 0)
        /* Translators: after who wrote a message: it was the mail of the decision */
        g_string_append (heading, _(" · acceptance"));
      else if (g_strcmp0 (message->kind, "rejected") == 0)
        /* Translators: after who wrote a message: it was the mail of the decision */
        g_string_append (heading, _(" · rejection"));
      g_string_append_printf (heading, " · %s", at);
      if (state != NULL)
        g_string_append_printf (heading, " · %s", state);

      gtk_widget_set_margin_top (box, 9);
      gtk_widget_set_margin_bottom (box, 9);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_box_append (GTK_BOX (box), wrapped_label (heading->str, "heading"));
      gtk_label_set_selectable (GTK_LABEL (body), TRUE);
      gtk_box_append (GTK_BOX (box), body);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (row, message->incoming ? "referral-incoming" : "referral-outgoing");
      if (g_strcmp0 (message->outbox_state, "failed") == 0)
        gtk_widget_add_css_class (row, "referral-failed");
      gtk_list_box_append (self->messages_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->messages_list), messages != NULL && messages->len > 0);
  gtk_widget_set_visible (self->messages_empty, messages == NULL || messages->len == 0);
}

void
_crm_referral_detail_show_sections (CrmReferralDetail *self)
{
  show_history (self);
  show_documents (self);
  show_similar (self);
  show_messages (self);
}
