/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-referral-decide-dialog.h"
#include "crm-referral-detail-private.h"
#include "crm-toast.h"

/**
 * CrmReferralDetail:
 *
 * A referral's details (RF5-RF12): every field of the broker's form,
 * the source and the broker, the status section with the client made
 * or linked on acceptance, the documents, what is like the client in
 * the CRM, and the messages with the broker with a composer. The PESEL
 * and the ID number are masked until "Reveal", which the core records.
 * "Accept…" and "Reject…" ask for the comment mailed to the broker.
 * The card is read on the session's reader (crm_referral_store_get_card_async ())
 * and read again when the database says the referral changed.
 */

G_DEFINE_FINAL_TYPE (CrmReferralDetail, crm_referral_detail, GTK_TYPE_WIDGET)

enum {
  BACK,
  DECIDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_value (GtkLabel   *label,
           const char *value)
{
  gtk_label_set_text (label, value != NULL && *value != '\0' ? value : "—");
}

/* A row that says nothing when there is nothing to say is hidden. */
static void
set_optional (GtkWidget  *row,
              GtkLabel   *label,
              const char *value)
{
  set_value (label, value);
  gtk_widget_set_visible (row, value != NULL && *value != '\0');
}

void
_crm_referral_detail_show_numbers (CrmReferralDetail *self)
{
  CrmReferral *referral = self->card->referral;
  const char *pesel = self->revealed ? self->pesel : crm_referral_get_pesel_masked (referral);
  const char *id_card = self->revealed ? self->id_card : crm_referral_get_id_card_masked (referral);

  set_optional (self->pesel_row, self->pesel_value, pesel);
  set_optional (self->id_card_row, self->id_card_value, id_card);
  gtk_widget_set_visible (self->reveal_button,
                          !self->revealed && (crm_referral_get_pesel_masked (referral) != NULL ||
                                              crm_referral_get_id_card_masked (referral) != NULL));
}

static void
show_card (CrmReferralDetail *self)
{
  CrmReferral *referral = self->card->referral;
  CrmReferralStatus status = crm_referral_get_status (referral);
  g_autofree char *subtitle = NULL;
  g_autofree char *received = crm_format_date_time (crm_referral_get_received (referral));
  g_autofree char *changed = NULL;
  const char *investment = crm_referral_get_investment (referral);

  gtk_label_set_text (self->title_label, crm_referral_get_client_name (referral));
  /* Translators: under a referral's client: its number and the broker who sent it */
  subtitle = g_strdup_printf (_("Referral no. %lld from %s"), (long long) crm_referral_get_id (referral),
                              crm_referral_get_broker_name (referral));
  gtk_label_set_text (self->subtitle_label, subtitle);
  crm_referral_status_style (self->status_pill, status);
  gtk_widget_set_visible (self->decision_box, status == CRM_REFERRAL_PENDING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "referral.accept", status == CRM_REFERRAL_PENDING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "referral.reject", status == CRM_REFERRAL_PENDING);

  /* RF5: the form's fields */
  set_value (self->investment_value, investment);
  set_value (self->phone_value, crm_referral_get_phone (referral));
  set_value (self->email_value, crm_referral_get_email (referral));
  _crm_referral_detail_show_numbers (self);
  gtk_label_set_text (self->consent_value, crm_referral_get_consent (referral) ? _("Given in the form")
                                                                               : _("Not given"));
  set_value (self->source_value, crm_referral_get_source (referral));
  set_value (self->broker_value, crm_referral_get_broker_name (referral));
  set_value (self->broker_email_value, crm_referral_get_broker_email (referral));
  set_optional (self->broker_phone_row, self->broker_phone_value, crm_referral_get_broker_phone (referral));
  set_value (self->advisor_value, crm_referral_get_advisor_name (referral));
  set_optional (self->advisor_email_row, self->advisor_email_value, crm_referral_get_advisor_email (referral));
  set_optional (self->advisor_phone_row, self->advisor_phone_value, crm_referral_get_advisor_phone (referral));

  /* RF6, RF7: the status section */
  gtk_label_set_text (self->received_value, received);
  if (crm_referral_get_status_changed (referral) > 0)
    changed = crm_format_date_time (crm_referral_get_status_changed (referral));
  set_value (self->changed_value, changed);
  set_optional (self->changed_by_row, self->changed_by_value, crm_referral_get_status_changed_by (referral));
  gtk_widget_set_visible (self->client_row, crm_referral_get_contact_id (referral) != 0);
  set_value (self->client_value, crm_referral_get_contact_name (referral));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "referral.open-client", crm_referral_get_contact_id (referral) != 0);

  _crm_referral_detail_show_sections (self);
  gtk_stack_set_visible_child_name (self->stack, "referral");
}

static void
card_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmReferralDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  CrmReferralCard *card = crm_referral_store_get_card_finish (crm_referral_store_from_session (CRM_SESSION (object)), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (card == NULL || crm_referral_get_id (card->referral) != self->id)
    {
      g_clear_pointer (&card, crm_referral_card_free);
      /* gone (purged after its retention, say): nothing to show */
      if (error != NULL && !g_error_matches (error, CRM_ERROR, CRM_ERROR_NOT_FOUND))
        crm_toast_show (GTK_WIDGET (self), error->message);
      g_clear_pointer (&self->card, crm_referral_card_free);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  g_clear_pointer (&self->card, crm_referral_card_free);
  self->card = card;
  show_card (self);
}

static void
load (CrmReferralDetail *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session == NULL || self->id == 0)
    return;

  self->cancellable = g_cancellable_new ();
  crm_referral_store_get_card_async (crm_referral_store_from_session (self->session), self->id, self->cancellable,
                                     card_read_cb, g_object_ref (self));
}

static gboolean
reload_cb (gpointer user_data)
{
  CrmReferralDetail *self = user_data;

  self->reload_source = 0;
  load (self);

  return G_SOURCE_REMOVE;
}

/* What the database says changed: read again once, at idle. */
static void
referral_changed_cb (CrmReferralDetail *self,
                     const char        *entity,
                     gint64             id)
{
  if (self->id == 0 || (id != 0 && id != self->id) || self->reload_source != 0)
    return;

  self->reload_source = g_idle_add (reload_cb, self);
}

/* Anything its similar records or its messages' mail show. */
static void
other_changed_cb (CrmReferralDetail *self)
{
  if (self->id != 0 && self->reload_source == 0)
    self->reload_source = g_idle_add (reload_cb, self);
}

/* Reveal (audited) */

typedef struct
{
  CrmReferralDetail *self;
  gint64             id;
} Asked;

static Asked *
asked_new (CrmReferralDetail *self)
{
  Asked *asked = g_new0 (Asked, 1);

  asked->self = g_object_ref (self);
  asked->id = self->id;

  return asked;
}

static void
asked_free (Asked *asked)
{
  g_clear_object (&asked->self);
  g_free (asked);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Asked, asked_free)

static void
revealed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Asked) asked = user_data;
  CrmReferralDetail *self = asked->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *pesel = NULL;
  g_autofree char *id_card = NULL;
  gint64 id = asked->id;

  self->revealing = FALSE;
  if (!crm_referral_store_reveal_finish (crm_referral_store_from_session (CRM_SESSION (object)), result, &pesel, &id_card, &error))
    {
      crm_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  /* another referral is shown now */
  if (id != self->id)
    return;
  g_free (self->pesel);
  g_free (self->id_card);
  self->pesel = g_steal_pointer (&pesel);
  self->id_card = g_steal_pointer (&id_card);
  self->revealed = TRUE;
  if (self->card != NULL)
    _crm_referral_detail_show_numbers (self);
  /* the focus was on the button, gone now: on what it showed */
  gtk_widget_grab_focus (GTK_WIDGET (self->pesel_value));
  gtk_label_select_region (self->pesel_value, 0, 0);
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmReferralDetail *self = CRM_REFERRAL_DETAIL (widget);

  /* asked once: the button stays as it is while its click ends */
  if (self->card == NULL || self->revealing)
    return;
  self->revealing = TRUE;
  crm_referral_store_reveal_async (crm_referral_store_from_session (self->session), self->id, NULL, revealed_cb,
                                   asked_new (self));
}

/* Accept and reject (RF11) */

typedef struct
{
  CrmReferralDetail *self;
  gint64             id;
  CrmReferralStatus  decision;
  char              *client;   /* the client linked, or made, by name */
  gboolean           linked;
} Decision;

static void
decision_free (Decision *decision)
{
  g_clear_object (&decision->self);
  g_free (decision->client);
  g_free (decision);
}

static void
decided_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Decision *decision = user_data;
  CrmReferralDetail *self = decision->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!crm_referral_store_decide_finish (crm_referral_store_from_session (CRM_SESSION (object)), result, &error))
    {
      /* decided meanwhile by someone else, no mail account… */
      crm_toast_show (GTK_WIDGET (self), error->message);
      decision_free (decision);
      if (self->id != 0)
        load (self);
      return;
    }

  if (decision->decision == CRM_REFERRAL_REJECTED)
    text = g_strdup (_("Referral rejected; the broker is told by e-mail"));
  else if (decision->linked)
    /* Translators: a toast; %s is the client the referral was linked to */
    text = g_strdup_printf (_("Referral accepted and linked to %s; the broker is told by e-mail"), decision->client);
  else
    /* Translators: a toast; %s is the new client's name */
    text = g_strdup_printf (_("Referral accepted: %s is a new client; the broker is told by e-mail"),
                            decision->client);
  crm_toast_show (GTK_WIDGET (self), text);
  g_signal_emit (self, signals[DECIDED], 0, decision->id);
  if (self->id == decision->id)
    load (self);
  decision_free (decision);
}

static void
decide_response_cb (CrmReferralDetail        *self,
                    const char               *response,
                    CrmReferralDecideDialog  *dialog)
{
  g_autofree char *comment = NULL;
  Decision *decision;

  if (!g_str_equal (response, "decide") || self->card == NULL)
    return;

  comment = crm_referral_decide_dialog_dup_comment (dialog);
  decision = g_new0 (Decision, 1);
  decision->self = g_object_ref (self);
  decision->id = crm_referral_decide_dialog_get_referral_id (dialog);
  decision->decision = crm_referral_decide_dialog_get_decision (dialog);
  decision->linked = crm_referral_decide_dialog_get_contact_id (dialog) != 0;
  decision->client = g_strdup (decision->linked ? crm_referral_decide_dialog_get_contact_name (dialog)
                                                : crm_referral_get_client_name (self->card->referral));
  crm_referral_store_decide_async (crm_referral_store_from_session (self->session), decision->id, decision->decision,
                                   comment, crm_referral_decide_dialog_get_contact_id (dialog), NULL, decided_cb,
                                   decision);
}

/**
 * crm_referral_detail_decide:
 * @self: a #CrmReferralDetail showing a pending referral
 * @decision: %CRM_REFERRAL_ACCEPTED or %CRM_REFERRAL_REJECTED
 *
 * Opens the dialog that accepts or rejects the referral shown.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWidget *
crm_referral_detail_decide (CrmReferralDetail *self,
                            CrmReferralStatus  decision)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_val_if_fail (CRM_IS_REFERRAL_DETAIL (self), NULL);

  if (self->card == NULL || crm_referral_get_status (self->card->referral) != CRM_REFERRAL_PENDING)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = crm_referral_decide_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->card, decision);
  g_signal_connect_object (dialog, "response", G_CALLBACK (decide_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  crm_referral_detail_decide (CRM_REFERRAL_DETAIL (widget), CRM_REFERRAL_ACCEPTED);
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  crm_referral_detail_decide (CRM_REFERRAL_DETAIL (widget), CRM_REFERRAL_REJECTED);
}

/* Messages to the broker (RF12) */

static char *
composer_text (CrmReferralDetail *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->composer_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_send (CrmReferralDetail *self)
{
  g_autofree char *text = composer_text (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "referral.send",
                                 !self->sending && strspn (text, " \t\r\n") < strlen (text));
}

static void
composer_changed_cb (CrmReferralDetail *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->composer_error), FALSE);
  update_send (self);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Asked) asked = user_data;
  CrmReferralDetail *self = asked->self;
  g_autoptr(GError) error = NULL;
  gint64 id = asked->id;

  self->sending = FALSE;
  if (!crm_referral_store_send_message_finish (crm_referral_store_from_session (CRM_SESSION (object)), result, &error))
    {
      /* the text stays, with why it did not go */
      gtk_label_set_text (self->composer_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->composer_error), TRUE);
      crm_toast_show (GTK_WIDGET (self), error->message);
      update_send (self);
      return;
    }
  if (id == self->id)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->composer_view), "", -1);
  update_send (self);
  crm_toast_show (GTK_WIDGET (self), _("Message to the broker queued"));
  if (id == self->id)
    load (self);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmReferralDetail *self = CRM_REFERRAL_DETAIL (widget);
  g_autofree char *text = composer_text (self);

  if (self->id == 0 || self->sending)
    return;
  self->sending = TRUE;
  update_send (self);
  crm_referral_store_send_message_async (crm_referral_store_from_session (self->session), self->id, text, NULL,
                                         sent_cb, asked_new (self));
}

static void
open_client_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CrmReferralDetail *self = CRM_REFERRAL_DETAIL (widget);

  if (self->card != NULL && crm_referral_get_contact_id (self->card->referral) != 0)
    gtk_widget_activate_action (widget, "win.show-contact", "x", crm_referral_get_contact_id (self->card->referral));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static void
similar_activated_cb (CrmReferralDetail *self,
                      GtkListBoxRow     *row)
{
  _crm_referral_detail_similar_activated (self, row);
}

static void
crm_referral_detail_dispose (GObject *object)
{
  CrmReferralDetail *self = CRM_REFERRAL_DETAIL (object);
  GtkWidget *child;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_REFERRAL_DETAIL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->card, crm_referral_card_free);
  g_clear_pointer (&self->pesel, g_free);
  g_clear_pointer (&self->id_card, g_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_referral_detail_parent_class)->dispose (object);
}

static void
crm_referral_detail_class_init (CrmReferralDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_referral_detail_dispose;

  /**
   * CrmReferralDetail::back:
   *
   * The user goes back to the list (a folded window).
   */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
  /**
   * CrmReferralDetail::decided:
   * @id: the referral
   *
   * A referral was accepted or rejected here.
   */
  signals[DECIDED] = g_signal_new ("decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/referrals/crm-referral-detail.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CrmReferralDetail, name)
  BIND (stack);
  BIND (scroller);
  BIND (back_button);
  BIND (title_label);
  BIND (subtitle_label);
  BIND (status_pill);
  BIND (decision_box);
  BIND (reveal_button);
  BIND (investment_value);
  BIND (phone_value);
  BIND (email_value);
  BIND (pesel_row);
  BIND (pesel_value);
  BIND (id_card_row);
  BIND (id_card_value);
  BIND (consent_value);
  BIND (source_value);
  BIND (broker_value);
  BIND (broker_email_value);
  BIND (broker_phone_row);
  BIND (broker_phone_value);
  BIND (advisor_value);
  BIND (advisor_email_row);
  BIND (advisor_email_value);
  BIND (advisor_phone_row);
  BIND (advisor_phone_value);
  BIND (received_value);
  BIND (changed_value);
  BIND (changed_by_row);
  BIND (changed_by_value);
  BIND (client_row);
  BIND (client_value);
  BIND (history_list);
  BIND (documents_list);
  BIND (documents_empty);
  BIND (similar_clients_title);
  BIND (similar_clients_list);
  BIND (similar_referrals_title);
  BIND (similar_referrals_list);
  BIND (similar_leads_title);
  BIND (similar_leads_list);
  BIND (similar_empty);
  BIND (messages_list);
  BIND (messages_empty);
  BIND (composer_view);
  BIND (composer_error);
  BIND (send_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, similar_activated_cb);

  gtk_widget_class_install_action (widget_class, "referral.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "referral.accept", NULL, accept_action);
  gtk_widget_class_install_action (widget_class, "referral.reject", NULL, reject_action);
  gtk_widget_class_install_action (widget_class, "referral.reveal", NULL, reveal_action);
  gtk_widget_class_install_action (widget_class, "referral.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "referral.open-client", NULL, open_client_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_referral_detail_init (CrmReferralDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->composer_view), "changed", G_CALLBACK (composer_changed_cb),
                           self, G_CONNECT_SWAPPED);
  update_send (self);
}

/**
 * crm_referral_detail_set_session:
 * @self: a #CrmReferralDetail
 * @session: the window's session
 */
void
crm_referral_detail_set_session (CrmReferralDetail *self,
                                 CrmSession        *session)
{
  CrmDatabase *database;

  g_return_if_fail (CRM_IS_REFERRAL_DETAIL (self));
  g_return_if_fail (CRM_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  database = crm_session_get_database (session);
  g_signal_connect_object (database, "changed::referral", G_CALLBACK (referral_changed_cb), self, G_CONNECT_SWAPPED);
  /* its mail sent, its client renamed */
  g_signal_connect_object (database, "changed::outbox", G_CALLBACK (other_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (database, "changed::contact", G_CALLBACK (other_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * crm_referral_detail_set_referral_id:
 * @self: a #CrmReferralDetail
 * @id: the referral to show, or 0 for none
 */
void
crm_referral_detail_set_referral_id (CrmReferralDetail *self,
                                     gint64             id)
{
  g_return_if_fail (CRM_IS_REFERRAL_DETAIL (self));

  if (id == self->id)
    return;
  self->id = id;
  /* numbers revealed are this referral's alone */
  self->revealed = FALSE;
  g_clear_pointer (&self->pesel, g_free);
  g_clear_pointer (&self->id_card, g_free);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->composer_view), "", -1);
  gtk_widget_set_visible (GTK_WIDGET (self->composer_error), FALSE);
  if (id == 0)
    {
      g_clear_pointer (&self->card, crm_referral_card_free);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  load (self);
}

/**
 * crm_referral_detail_get_referral_id:
 * @self: a #CrmReferralDetail
 *
 * Returns: the referral shown, or 0
 */
gint64
crm_referral_detail_get_referral_id (CrmReferralDetail *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL_DETAIL (self), 0);

  return self->id;
}

/**
 * crm_referral_detail_get_card:
 * @self: a #CrmReferralDetail
 *
 * Returns: (transfer none) (nullable): the card shown, as last read
 */
const CrmReferralCard *
crm_referral_detail_get_card (CrmReferralDetail *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL_DETAIL (self), NULL);

  return self->card;
}

/**
 * crm_referral_detail_set_show_back:
 * @self: a #CrmReferralDetail
 * @show_back: whether to show the button back to the list
 */
void
crm_referral_detail_set_show_back (CrmReferralDetail *self,
                                   gboolean           show_back)
{
  g_return_if_fail (CRM_IS_REFERRAL_DETAIL (self));

  gtk_widget_set_visible (self->back_button, show_back);
}
