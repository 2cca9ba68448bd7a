/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-referral.h"
#include "crm-referral-store-private.h"

/**
 * CrmReferral:
 *
 * A referral from a broker's form (issue 16) as the list and the
 * details page show it: read-only values read from its row. The PESEL
 * and the ID card number are only ever held masked here: the whole
 * numbers are read by crm_referral_store_reveal(), which leaves an
 * audit row.
 */
struct _CrmReferral
{
  GObject parent_instance;
  gint64 id;
  char *client_name;
  gint64 investment_id;
  char *investment;
  gint64 received;
  CrmReferralStatus status;
  gint64 form_id;
  char *source;
  char *broker_name;
  char *broker_email;
  char *broker_phone;
  char *phone;
  char *email;
  char *pesel_masked;
  char *id_card_masked;
  char *advisor_name;
  char *advisor_email;
  char *advisor_phone;
  gboolean consent;
  gint64 status_changed;
  char *status_changed_by;
  gint64 contact_id;
  char *contact_name;
  gint64 last_message;
  gboolean awaiting_reply;
};

G_DEFINE_FINAL_TYPE (CrmReferral, crm_referral, G_TYPE_OBJECT)

static void
crm_referral_finalize (GObject *object)
{
  CrmReferral *self = CRM_REFERRAL (object);

  g_free (self->client_name);
  g_free (self->investment);
  g_free (self->source);
  g_free (self->broker_name);
  g_free (self->broker_email);
  g_free (self->broker_phone);
  g_free (self->phone);
  g_free (self->email);
  g_free (self->pesel_masked);
  g_free (self->id_card_masked);
  g_free (self->advisor_name);
  g_free (self->advisor_email);
  g_free (self->advisor_phone);
  g_free (self->status_changed_by);
  g_free (self->contact_name);

  G_OBJECT_CLASS (crm_referral_parent_class)->finalize (object);
}

static void
crm_referral_class_init (CrmReferralClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_referral_finalize;
}

static void
crm_referral_init (CrmReferral *self)
{
}

/* The columns of _CRM_REFERRAL_COLUMNS, in order. */
CrmReferral *
_crm_referral_from_row (CrmStatement *stmt)
{
  CrmReferral *self = g_object_new (CRM_TYPE_REFERRAL, NULL);
  int column = 0;

  self->id = crm_statement_get_int64 (stmt, column++);
  self->client_name = g_strdup (crm_statement_get_text (stmt, column++));
  self->investment_id = crm_statement_get_int64 (stmt, column++);
  self->investment = g_strdup (crm_statement_get_text (stmt, column++));
  self->received = crm_statement_get_int64 (stmt, column++);
  if (!crm_referral_status_from_string (crm_statement_get_text (stmt, column++), &self->status))
    self->status = CRM_REFERRAL_PENDING;
  self->form_id = crm_statement_get_int64 (stmt, column++);
  self->source = g_strdup (crm_statement_get_text (stmt, column++));
  self->broker_name = g_strdup (crm_statement_get_text (stmt, column++));
  self->broker_email = g_strdup (crm_statement_get_text (stmt, column++));
  self->broker_phone = g_strdup (crm_statement_get_text (stmt, column++));
  self->phone = g_strdup (crm_statement_get_text (stmt, column++));
  self->email = g_strdup (crm_statement_get_text (stmt, column++));
  if (!crm_statement_is_null (stmt, column))
    self->pesel_masked = crm_referral_mask (crm_statement_get_text (stmt, column));
  column++;
  if (!crm_statement_is_null (stmt, column))
    self->id_card_masked = crm_referral_mask (crm_statement_get_text (stmt, column));
  column++;
  self->advisor_name = g_strdup (crm_statement_get_text (stmt, column++));
  self->advisor_email = g_strdup (crm_statement_get_text (stmt, column++));
  self->advisor_phone = g_strdup (crm_statement_get_text (stmt, column++));
  self->consent = crm_statement_get_int64 (stmt, column++) != 0;
  self->status_changed = crm_statement_get_int64 (stmt, column++);
  self->status_changed_by = g_strdup (crm_statement_get_text (stmt, column++));
  self->contact_id = crm_statement_get_int64 (stmt, column++);
  self->contact_name = g_strdup (crm_statement_get_text (stmt, column++));
  self->last_message = crm_statement_get_int64 (stmt, column++);
  self->awaiting_reply = crm_statement_get_int64 (stmt, column++) != 0;

  return self;
}

/**
 * crm_referral_get_id:
 * @self: a #CrmReferral
 *
 * Returns: the referral's number
 */
gint64
crm_referral_get_id (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), 0);

  return self->id;
}

/**
 * crm_referral_get_client_name:
 * @self: a #CrmReferral
 *
 * Returns: the client's name
 */
const char *
crm_referral_get_client_name (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), NULL);

  return self->client_name;
}

/**
 * crm_referral_get_investment_id:
 * @self: a #CrmReferral
 *
 * Returns: the investment's id, 0 when none was chosen or it was removed
 */
gint64
crm_referral_get_investment_id (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), 0);

  return self->investment_id;
}

/**
 * crm_referral_get_investment:
 * @self: a #CrmReferral
 *
 * Returns: (nullable) the investment's name
 */
const char *
crm_referral_get_investment (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), NULL);

  return self->investment;
}

/**
 * crm_referral_get_received:
 * @self: a #CrmReferral
 *
 * Returns: when the referral came (Unix time)
 */
gint64
crm_referral_get_received (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), 0);

  return self->received;
}

/**
 * crm_referral_get_status:
 * @self: a #CrmReferral
 *
 * Returns: its status
 */
CrmReferralStatus
crm_referral_get_status (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), 0);

  return self->status;
}

/**
 * crm_referral_get_form_id:
 * @self: a #CrmReferral
 *
 * Returns: the form it came through
 */
gint64
crm_referral_get_form_id (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), 0);

  return self->form_id;
}

/**
 * crm_referral_get_source:
 * @self: a #CrmReferral
 *
 * Returns: the form's name: the referral's source
 */
const char *
crm_referral_get_source (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), NULL);

  return self->source;
}

/**
 * crm_referral_get_broker_name:
 * @self: a #CrmReferral
 *
 * Returns: the broker the form was made for
 */
const char *
crm_referral_get_broker_name (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), NULL);

  return self->broker_name;
}

/**
 * crm_referral_get_broker_email:
 * @self: a #CrmReferral
 *
 * Returns: the broker's address, where decisions and messages go
 */
const char *
crm_referral_get_broker_email (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), NULL);

  return self->broker_email;
}

/**
 * crm_referral_get_broker_phone:
 * @self: a #CrmReferral
 *
 * Returns: (nullable) the broker's phone
 */
const char *
crm_referral_get_broker_phone (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), NULL);

  return self->broker_phone;
}

/**
 * crm_referral_get_phone:
 * @self: a #CrmReferral
 *
 * Returns: (nullable) the client's phone, E.164
 */
const char *
crm_referral_get_phone (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), NULL);

  return self->phone;
}

/**
 * crm_referral_get_email:
 * @self: a #CrmReferral
 *
 * Returns: (nullable) the client's address
 */
const char *
crm_referral_get_email (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), NULL);

  return self->email;
}

/**
 * crm_referral_get_pesel_masked:
 * @self: a #CrmReferral
 *
 * Returns: (nullable) the client's PESEL, masked ("•••••••1234"); crm_referral_store_reveal() shows it whole
 */
const char *
crm_referral_get_pesel_masked (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), NULL);

  return self->pesel_masked;
}

/**
 * crm_referral_get_id_card_masked:
 * @self: a #CrmReferral
 *
 * Returns: (nullable) the client's ID card number, masked
 */
const char *
crm_referral_get_id_card_masked (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), NULL);

  return self->id_card_masked;
}

/**
 * crm_referral_get_advisor_name:
 * @self: a #CrmReferral
 *
 * Returns: the broker's advisor who referred the client
 */
const char *
crm_referral_get_advisor_name (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), NULL);

  return self->advisor_name;
}

/**
 * crm_referral_get_advisor_email:
 * @self: a #CrmReferral
 *
 * Returns: (nullable) the advisor's address
 */
const char *
crm_referral_get_advisor_email (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), NULL);

  return self->advisor_email;
}

/**
 * crm_referral_get_advisor_phone:
 * @self: a #CrmReferral
 *
 * Returns: (nullable) the advisor's phone
 */
const char *
crm_referral_get_advisor_phone (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), NULL);

  return self->advisor_phone;
}

/**
 * crm_referral_get_consent:
 * @self: a #CrmReferral
 *
 * Returns: whether the form's consent line was ticked
 */
gboolean
crm_referral_get_consent (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), 0);

  return self->consent;
}

/**
 * crm_referral_get_status_changed:
 * @self: a #CrmReferral
 *
 * Returns: when the status last changed, 0 while it is the first
 */
gint64
crm_referral_get_status_changed (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), 0);

  return self->status_changed;
}

/**
 * crm_referral_get_status_changed_by:
 * @self: a #CrmReferral
 *
 * Returns: (nullable) who changed it last
 */
const char *
crm_referral_get_status_changed_by (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), NULL);

  return self->status_changed_by;
}

/**
 * crm_referral_get_contact_id:
 * @self: a #CrmReferral
 *
 * Returns: the client made or chosen on acceptance (RF7), 0 before
 */
gint64
crm_referral_get_contact_id (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), 0);

  return self->contact_id;
}

/**
 * crm_referral_get_contact_name:
 * @self: a #CrmReferral
 *
 * Returns: (nullable) that client's name
 */
const char *
crm_referral_get_contact_name (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), NULL);

  return self->contact_name;
}

/**
 * crm_referral_get_last_message:
 * @self: a #CrmReferral
 *
 * Returns: when the last message with the broker was written, 0 for none
 */
gint64
crm_referral_get_last_message (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), 0);

  return self->last_message;
}

/**
 * crm_referral_get_awaiting_reply:
 * @self: a #CrmReferral
 *
 * Returns: whether the last message is the broker's
 */
gboolean
crm_referral_get_awaiting_reply (CrmReferral *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL (self), 0);

  return self->awaiting_reply;
}

static const char * const status_names[] = { "pending", "accepted", "rejected" };

/**
 * crm_referral_status_to_string:
 * @status: a #CrmReferralStatus
 *
 * Returns: (transfer none): its name in the database and crmctl:
 *   "pending", "accepted" or "rejected"
 */
const char *
crm_referral_status_to_string (CrmReferralStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), "pending");

  return status_names[status];
}

/**
 * crm_referral_status_from_string:
 * @text: (nullable): "pending", "accepted" or "rejected"
 * @status: (out): the status
 *
 * Returns: %TRUE when @text names a status
 */
gboolean
crm_referral_status_from_string (const char        *text,
                                 CrmReferralStatus *status)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (text, status_names[i]))
      {
        *status = (CrmReferralStatus) i;
        return TRUE;
      }

  return FALSE;
}

/**
 * crm_referral_status_get_label:
 * @status: a #CrmReferralStatus
 *
 * Returns: (transfer none): the status as users read it, translated
 */
const char *
crm_referral_status_get_label (CrmReferralStatus status)
{
  switch (status)
    {
    case CRM_REFERRAL_ACCEPTED:
      /* Translators: a referral's status */
      return _("Accepted");
    case CRM_REFERRAL_REJECTED:
      /* Translators: a referral's status */
      return _("Rejected");
    case CRM_REFERRAL_PENDING:
    default:
      /* Translators: a referral's status: waiting for a decision */
      return _("Pending");
    }
}

G_DEFINE_BOXED_TYPE (CrmInvestment, crm_investment, crm_investment_copy, crm_investment_free)
G_DEFINE_BOXED_TYPE (CrmReferralForm, crm_referral_form, crm_referral_form_copy, crm_referral_form_free)

/**
 * crm_investment_copy:
 * @investment: a #CrmInvestment
 *
 * Returns: (transfer full): a copy
 */
CrmInvestment *
crm_investment_copy (const CrmInvestment *investment)
{
  CrmInvestment *copy = g_new0 (CrmInvestment, 1);

  copy->id = investment->id;
  copy->name = g_strdup (investment->name);
  copy->created = investment->created;

  return copy;
}

/**
 * crm_investment_free:
 * @investment: (nullable): a #CrmInvestment
 */
void
crm_investment_free (CrmInvestment *investment)
{
  if (investment == NULL)
    return;
  g_free (investment->name);
  g_free (investment);
}

/**
 * crm_referral_form_copy:
 * @form: a #CrmReferralForm
 *
 * Returns: (transfer full): a copy
 */
CrmReferralForm *
crm_referral_form_copy (const CrmReferralForm *form)
{
  CrmReferralForm *copy = g_new0 (CrmReferralForm, 1);

  *copy = *form;
  copy->name = g_strdup (form->name);
  copy->broker_name = g_strdup (form->broker_name);
  copy->broker_email = g_strdup (form->broker_email);
  copy->broker_phone = g_strdup (form->broker_phone);
  copy->nonce = g_strdup (form->nonce);
  copy->created_by = g_strdup (form->created_by);

  return copy;
}

/**
 * crm_referral_form_free:
 * @form: (nullable): a #CrmReferralForm
 */
void
crm_referral_form_free (CrmReferralForm *form)
{
  if (form == NULL)
    return;
  g_free (form->name);
  g_free (form->broker_name);
  g_free (form->broker_email);
  g_free (form->broker_phone);
  g_free (form->nonce);
  g_free (form->created_by);
  g_free (form);
}

/**
 * crm_referral_form_is_open:
 * @form: a #CrmReferralForm
 * @now: the time now (Unix time, from the session's clock)
 *
 * Returns: %TRUE when the form takes referrals: neither revoked nor
 *   expired (a link that is neither answers 410)
 */
gboolean
crm_referral_form_is_open (const CrmReferralForm *form,
                           gint64                 now)
{
  g_return_val_if_fail (form != NULL, FALSE);

  return form->revoked == 0 && (form->expires == 0 || now < form->expires);
}

void
crm_referral_status_change_free (gpointer data)
{
  CrmReferralStatusChange *change = data;

  if (change == NULL)
    return;
  g_free (change->comment);
  g_free (change->user);
  g_free (change);
}

void
crm_referral_message_free (gpointer data)
{
  CrmReferralMessage *message = data;

  if (message == NULL)
    return;
  g_free (message->kind);
  g_free (message->body);
  g_free (message->author);
  g_free (message->outbox_state);
  g_free (message);
}

void
crm_referral_match_free (gpointer data)
{
  CrmReferralMatch *match = data;

  if (match == NULL)
    return;
  g_free (match->name);
  g_free (match->phone);
  g_free (match->email);
  g_free (match->detail);
  g_free (match->source);
  g_strfreev (match->matched);
  g_free (match);
}

/**
 * crm_referral_similar_free:
 * @similar: (nullable): a #CrmReferralSimilar
 */
void
crm_referral_similar_free (CrmReferralSimilar *similar)
{
  if (similar == NULL)
    return;
  g_clear_pointer (&similar->clients, g_ptr_array_unref);
  g_clear_pointer (&similar->referrals, g_ptr_array_unref);
  g_clear_pointer (&similar->leads, g_ptr_array_unref);
  g_free (similar);
}

/**
 * crm_referral_card_free:
 * @card: (nullable): a #CrmReferralCard
 */
void
crm_referral_card_free (CrmReferralCard *card)
{
  if (card == NULL)
    return;
  g_clear_object (&card->referral);
  g_clear_pointer (&card->documents, g_ptr_array_unref);
  g_clear_pointer (&card->status_changes, g_ptr_array_unref);
  g_clear_pointer (&card->messages, g_ptr_array_unref);
  g_clear_pointer (&card->similar, crm_referral_similar_free);
  g_free (card);
}
