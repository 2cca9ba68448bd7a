/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-offer-mail-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-offer-mail-dialog.h"
#include "crm-offer-store.h"

/**
 * CrmOfferMailDialog:
 *
 * A mail with offers as it went to the client (OF9): to whom, from
 * which address, the subject, when and by whom it was sent, and the
 * text, read from the outbox's copy of the message; when the client
 * replied, "Open Ticket" opens the ticket that holds the conversation.
 * What the "Open Mail" button of an offer's or a search's history
 * opens (issue 10, defect 17).
 */
struct _CrmOfferMailDialog
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  AdwActionRow   *to_row;
  AdwActionRow   *from_row;
  AdwActionRow   *subject_row;
  AdwActionRow   *state_row;
  GtkLabel       *body_label;
  GtkWidget      *ticket_button;

  gint64          mail_id;
  gint64          ticket_id;
};

G_DEFINE_FINAL_TYPE (CrmOfferMailDialog, crm_offer_mail_dialog, ADW_TYPE_WINDOW)

static char *
dup_offer_numbers (CrmOfferMail *mail)
{
  GListModel *matches = crm_offer_mail_get_matches (mail);
  g_autoptr(GString) numbers = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(CrmMatch) match = g_list_model_get_item (matches, i);
      gint64 id = crm_offer_get_id (crm_match_get_offer (match));

      if (!g_hash_table_add (seen, g_memdup2 (&id, sizeof id)))
        continue;
      g_string_append_printf (numbers, "%s%lld", n++ > 0 ? ", " : "", (long long) id);
    }

  /* Translators: which offers a mail presented; %s is a list of numbers */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offer No. %s", "Offers No. %s", n), numbers->str);
}

static char *
dup_state (CrmOfferMail *mail)
{
  const char *state = crm_offer_mail_get_state (mail);
  const char *agent = crm_offer_mail_get_sender_name (mail);
  gboolean automatic = g_strcmp0 (crm_offer_mail_get_kind (mail), "automatic") == 0;
  g_autofree char *when = NULL;

  if (g_strcmp0 (state, "sent") != 0)
    {
      if (g_strcmp0 (state, "queued") == 0)
        return g_strdup (_("Waiting in the outbox"));
      if (g_strcmp0 (state, "failed") == 0)
        return g_strdup (_("Could not be sent"));
      if (g_strcmp0 (state, "cancelled") == 0)
        return g_strdup (_("Cancelled before it went"));
      return g_strdup (_("Prepared, not sent yet"));
    }

  when = crm_format_date_time (crm_offer_mail_get_sent (mail));
  if (automatic || agent == NULL)
    /* Translators: when a mail with offers went; %s is a date and time */
    return g_strdup_printf (_("%s, automatically"), when);

  /* Translators: when a mail with offers went, and who sent it */
  return g_strdup_printf (_("%s by %s"), when, agent);
}

static void
fill (CrmOfferMailDialog *self,
      CrmSession         *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOfferMail) mail = crm_offer_store_get_mail (crm_offer_store_from_session (session), self->mail_id, &error);
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(CrmParsedMessage) message = NULL;
  g_autofree char *title = NULL;
  g_autofree char *numbers = NULL;
  g_autofree char *state = NULL;
  g_autofree char *to = NULL;
  g_autofree char *from = NULL;

  if (mail == NULL || !(raw = crm_offer_store_dup_mail_message (crm_offer_store_from_session (session), self->mail_id, &error)))
    {
      gtk_label_set_text (self->body_label, error->message);
      return;
    }
  message = crm_parsed_message_new (raw);

  /* Translators: the title of a sent mail with offers; %s is the client */
  title = g_strdup_printf (_("Mail to %s"), crm_offer_mail_get_client_name (mail));
  numbers = dup_offer_numbers (mail);
  state = dup_state (mail);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, numbers);
  gtk_window_set_title (GTK_WINDOW (self), title);

  to = message->to != NULL && message->to[0] != NULL ? g_strjoinv (", ", message->to)
                                                     : g_strdup (crm_offer_mail_get_client_email (mail));
  if (message->from_name != NULL && *message->from_name != '\0')
    from = g_strdup_printf ("%s <%s>", message->from_name, message->from_address ? message->from_address : "");
  else
    from = g_strdup (message->from_address);

  adw_action_row_set_subtitle (self->to_row, to ? to : "");
  adw_action_row_set_subtitle (self->from_row, from ? from : "");
  adw_action_row_set_subtitle (self->subject_row, message->subject ? message->subject : "");
  adw_action_row_set_subtitle (self->state_row, state);
  gtk_label_set_text (self->body_label, message->text ? message->text : "");

  self->ticket_id = crm_offer_store_find_mail_ticket (crm_offer_store_from_session (session), self->mail_id);
  gtk_widget_set_visible (self->ticket_button, self->ticket_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.open-ticket", self->ticket_id != 0);
}

static void
open_ticket_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CrmOfferMailDialog *self = CRM_OFFER_MAIL_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (self->ticket_id == 0 || parent == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-ticket", "x", self->ticket_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
crm_offer_mail_dialog_class_init (CrmOfferMailDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/offers/crm-offer-mail-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmOfferMailDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferMailDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferMailDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferMailDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferMailDialog, state_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferMailDialog, body_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferMailDialog, ticket_button);

  gtk_widget_class_install_action (widget_class, "mail.open-ticket", NULL, open_ticket_action);
}

static void
crm_offer_mail_dialog_init (CrmOfferMailDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.open-ticket", FALSE);
}

/**
 * crm_offer_mail_dialog_new:
 * @store: the store
 * @mail_id: a mail with offers that went to the outbox
 *
 * Returns: (transfer full): a new dialog showing the mail
 */
CrmOfferMailDialog *
crm_offer_mail_dialog_new (CrmSession *session,
                           gint64      mail_id)
{
  CrmOfferMailDialog *self;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_OFFER_MAIL_DIALOG, NULL);
  self->mail_id = mail_id;
  fill (self, session);

  return self;
}

gint64
crm_offer_mail_dialog_get_mail_id (CrmOfferMailDialog *self)
{
  g_return_val_if_fail (CRM_IS_OFFER_MAIL_DIALOG (self), 0);

  return self->mail_id;
}

/**
 * crm_offer_mail_dialog_get_text:
 * @self: a #CrmOfferMailDialog
 *
 * Returns: the mail's text as shown
 */
const char *
crm_offer_mail_dialog_get_text (CrmOfferMailDialog *self)
{
  g_return_val_if_fail (CRM_IS_OFFER_MAIL_DIALOG (self), NULL);

  return gtk_label_get_text (self->body_label);
}

/**
 * crm_offer_mail_dialog_get_ticket_id:
 * @self: a #CrmOfferMailDialog
 *
 * Returns: the ticket "Open Ticket" opens, or 0 when none holds the mail
 */
gint64
crm_offer_mail_dialog_get_ticket_id (CrmOfferMailDialog *self)
{
  g_return_val_if_fail (CRM_IS_OFFER_MAIL_DIALOG (self), 0);

  return self->ticket_id;
}
