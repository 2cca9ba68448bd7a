/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-referral-decide-dialog.h"

/**
 * CrmReferralDecideDialog:
 *
 * "Accept…" or "Reject…" on a pending referral (RF11): the comment
 * e-mailed to the broker with the decision (required to reject, so that
 * the broker learns why), and on acceptance whom it is for: a new client
 * made of the referral, or one of the similar clients the CRM has.
 * Nothing is chosen for the user while the CRM has similar clients: the
 * user looks and says. The "decide" response is offered only when what
 * it needs is there; the caller decides on it.
 */
struct _CrmReferralDecideDialog
{
  AdwMessageDialog   parent_instance;

  /* template widgets */
  GtkWidget         *clients_box;
  GtkListBox        *clients_list;
  GtkCheckButton    *new_client;
  GtkTextView       *comment_view;
  GtkLabel          *note_label;

  /* owned */
  CrmReferralStatus  decision;
  gint64             referral_id;
  GPtrArray         *checks;       /* the similar clients' check buttons */
};

G_DEFINE_FINAL_TYPE (CrmReferralDecideDialog, crm_referral_decide_dialog, ADW_TYPE_MESSAGE_DIALOG)

/**
 * crm_referral_decide_dialog_dup_comment:
 * @self: a #CrmReferralDecideDialog
 *
 * Returns: (transfer full): the comment written, as written
 */
char *
crm_referral_decide_dialog_dup_comment (CrmReferralDecideDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CRM_IS_REFERRAL_DECIDE_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->comment_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GtkCheckButton *
chosen_check (CrmReferralDecideDialog *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      return g_ptr_array_index (self->checks, i);

  return NULL;
}

/**
 * crm_referral_decide_dialog_get_chosen:
 * @self: a #CrmReferralDecideDialog
 *
 * Returns: whether the client it is for is chosen (a rejection needs none)
 */
gboolean
crm_referral_decide_dialog_get_chosen (CrmReferralDecideDialog *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL_DECIDE_DIALOG (self), FALSE);

  return self->decision == CRM_REFERRAL_REJECTED || gtk_check_button_get_active (self->new_client) ||
         chosen_check (self) != NULL;
}

static void
update_response (CrmReferralDecideDialog *self)
{
  g_autofree char *comment = crm_referral_decide_dialog_dup_comment (self);
  gboolean written = strspn (comment, " \t\r\n") < strlen (comment);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "decide",
                                           crm_referral_decide_dialog_get_chosen (self) &&
                                           (self->decision == CRM_REFERRAL_ACCEPTED || written));
}

static void
choice_toggled_cb (CrmReferralDecideDialog *self)
{
  update_response (self);
}

static void
crm_referral_decide_dialog_dispose (GObject *object)
{
  CrmReferralDecideDialog *self = CRM_REFERRAL_DECIDE_DIALOG (object);

  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_referral_decide_dialog_parent_class)->dispose (object);
}

static void
crm_referral_decide_dialog_class_init (CrmReferralDecideDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_referral_decide_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Crm/ui/referrals/crm-referral-decide-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmReferralDecideDialog, clients_box);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralDecideDialog, clients_list);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralDecideDialog, new_client);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralDecideDialog, comment_view);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralDecideDialog, note_label);
  gtk_widget_class_bind_template_callback (widget_class, choice_toggled_cb);
}

static void
crm_referral_decide_dialog_init (CrmReferralDecideDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_ptr_array_new ();
  g_signal_connect_object (gtk_text_view_get_buffer (self->comment_view), "changed", G_CALLBACK (update_response),
                           self, G_CONNECT_SWAPPED);
}

/* A similar client to link the referral to. */
static void
add_client (CrmReferralDecideDialog *self,
            const CrmReferralMatch  *match)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  /* Translators: on accepting a referral: link it to this existing client */
  title = g_strdup_printf (_("Link to %s"), match->name);
  for (guint i = 0; match->matched != NULL && match->matched[i] != NULL; i++)
    {
      const char *field = match->matched[i];

      if (subtitle->len > 0)
        g_string_append (subtitle, _(", "));
      g_string_append (subtitle, g_str_equal (field, "phone") ? _("phone")
                                 : g_str_equal (field, "email") ? _("e-mail")
                                 : g_str_equal (field, "pesel") ? _("PESEL")
                                 : g_str_equal (field, "id_card") ? _("ID number")
                                 : _("name"));
    }
  {
    /* Translators: on accepting a referral, under a similar client: what matched, how alike */
    g_autofree char *text = g_strdup_printf (_("Matched: %s · %d%% alike"), subtitle->str,
                                             (int) (match->score * 100 + 0.5));

    g_string_assign (subtitle, text);
  }
  if (match->detail != NULL && *match->detail != '\0')
    g_string_append_printf (subtitle, " · %s", match->detail);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->new_client);
  g_signal_connect_object (check, "toggled", G_CALLBACK (choice_toggled_cb), self, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (check), "crm-id", GSIZE_TO_POINTER ((gsize) match->id));
  g_object_set_data_full (G_OBJECT (check), "crm-name", g_strdup (match->name), g_free);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_list_box_append (self->clients_list, row);
  g_ptr_array_add (self->checks, check);
}

/**
 * crm_referral_decide_dialog_new:
 * @parent: (nullable): the window
 * @card: the card of a pending referral
 * @decision: %CRM_REFERRAL_ACCEPTED or %CRM_REFERRAL_REJECTED
 *
 * Returns: (transfer none): the dialog, not shown yet
 */
GtkWidget *
crm_referral_decide_dialog_new (GtkWindow             *parent,
                                const CrmReferralCard *card,
                                CrmReferralStatus      decision)
{
  CrmReferralDecideDialog *self;
  CrmReferral *referral;
  GPtrArray *clients;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *note = NULL;
  const char *to;

  g_return_val_if_fail (card != NULL, NULL);
  g_return_val_if_fail (decision != CRM_REFERRAL_PENDING, NULL);

  referral = card->referral;
  clients = card->similar != NULL ? card->similar->clients : NULL;
  self = g_object_new (CRM_TYPE_REFERRAL_DECIDE_DIALOG, "transient-for", parent, NULL);
  self->decision = decision;
  self->referral_id = crm_referral_get_id (referral);
  to = crm_referral_get_advisor_email (referral) != NULL ? crm_referral_get_advisor_email (referral)
                                                         : crm_referral_get_broker_email (referral);

  if (decision == CRM_REFERRAL_ACCEPTED)
    {
      heading = g_strdup (_("Accept the Referral?"));
      /* Translators: the accept dialog; the client's name, then the investment */
      body = g_strdup_printf (_("%s becomes a client of the office, for %s."), crm_referral_get_client_name (referral),
                              crm_referral_get_investment (referral) != NULL ? crm_referral_get_investment (referral)
                                                                             : _("no investment named"));
      /* Translators: under the comment; %s is the broker's address */
      note = g_strdup_printf (_("The acceptance is e-mailed to %s with the comment, if you write one."), to);
      adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "decide", _("_Accept"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "decide", ADW_RESPONSE_SUGGESTED);
      for (guint i = 0; clients != NULL && i < clients->len; i++)
        add_client (self, g_ptr_array_index (clients, i));
      /* nothing like them in the CRM: a new client it is */
      if (self->checks->len == 0)
        gtk_check_button_set_active (self->new_client, TRUE);
    }
  else
    {
      heading = g_strdup (_("Reject the Referral?"));
      /* Translators: the reject dialog; the client's name */
      body = g_strdup_printf (_("The referral of %s is rejected, and it and its documents are deleted after the "
                                "office’s retention."), crm_referral_get_client_name (referral));
      /* Translators: under the comment; %s is the broker's address */
      note = g_strdup_printf (_("The rejection is e-mailed to %s with the comment: say why."), to);
      adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "decide", _("_Reject"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "decide", ADW_RESPONSE_DESTRUCTIVE);
      gtk_widget_set_visible (self->clients_box, FALSE);
    }
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  gtk_label_set_text (self->note_label, note);
  update_response (self);
  gtk_widget_grab_focus (decision == CRM_REFERRAL_REJECTED || self->checks->len == 0
                         ? GTK_WIDGET (self->comment_view) : GTK_WIDGET (self->new_client));

  return GTK_WIDGET (self);
}

/**
 * crm_referral_decide_dialog_get_decision:
 * @self: a #CrmReferralDecideDialog
 *
 * Returns: what the dialog decides
 */
CrmReferralStatus
crm_referral_decide_dialog_get_decision (CrmReferralDecideDialog *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL_DECIDE_DIALOG (self), CRM_REFERRAL_PENDING);

  return self->decision;
}

/**
 * crm_referral_decide_dialog_get_referral_id:
 * @self: a #CrmReferralDecideDialog
 *
 * Returns: the referral it decides
 */
gint64
crm_referral_decide_dialog_get_referral_id (CrmReferralDecideDialog *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL_DECIDE_DIALOG (self), 0);

  return self->referral_id;
}

/**
 * crm_referral_decide_dialog_get_contact_id:
 * @self: a #CrmReferralDecideDialog
 *
 * Returns: the similar client chosen, or 0 for a new client (or none)
 */
gint64
crm_referral_decide_dialog_get_contact_id (CrmReferralDecideDialog *self)
{
  GtkCheckButton *check;

  g_return_val_if_fail (CRM_IS_REFERRAL_DECIDE_DIALOG (self), 0);

  check = chosen_check (self);

  return check != NULL ? (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "crm-id")) : 0;
}

/**
 * crm_referral_decide_dialog_get_contact_name:
 * @self: a #CrmReferralDecideDialog
 *
 * Returns: (nullable): the name of the similar client chosen
 */
const char *
crm_referral_decide_dialog_get_contact_name (CrmReferralDecideDialog *self)
{
  GtkCheckButton *check;

  g_return_val_if_fail (CRM_IS_REFERRAL_DECIDE_DIALOG (self), NULL);

  check = chosen_check (self);

  return check != NULL ? g_object_get_data (G_OBJECT (check), "crm-name") : NULL;
}
