/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-account-store.h"
#include "crm-contact-store.h"
#include "crm-error.h"
#include "crm-outbox.h"
#include "crm-referral-store-private.h"
#include "crm-user-store.h"

/*
 * Accepting and rejecting (RF7, RF11) and messages with the broker
 * (RF10, RF12). A decision is one transaction: the referral's status
 * (only from pending: two users deciding at once, one wins), its
 * status change, on acceptance the client (made, or the one chosen)
 * with the referral in the client's history, the mail to the broker
 * queued in the outbox from the office's template (or the built-in
 * text) with the comment in it, and the audit rows. The mail goes to
 * the advisor who sent the referral, and to the form's broker too when
 * that is another address; its subject carries "[R#N]". The broker's
 * answers come back through the import (_crm_referral_store_route_message()):
 * by In-Reply-To or References naming one of the referral's messages,
 * or by "[R#N]" in the subject from the broker's or the advisor's
 * address; they join the referral, never a ticket.
 */

#define OUTBOX_OWNER "referral"
#define MAX_TEXT 20000

typedef struct
{
  gint64             id;
  CrmReferralStatus  status;
  char              *client_name;
  char              *investment;
  char              *phone;
  char              *email;
  char              *advisor_name;
  char              *advisor_email;
  char              *broker_name;
  char              *broker_email;
  char              *form_name;
} Facts;

static void
facts_clear (Facts *facts)
{
  g_free (facts->client_name);
  g_free (facts->investment);
  g_free (facts->phone);
  g_free (facts->email);
  g_free (facts->advisor_name);
  g_free (facts->advisor_email);
  g_free (facts->broker_name);
  g_free (facts->broker_email);
  g_free (facts->form_name);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Facts, facts_clear)

static gboolean
read_facts (CrmReferralStore  *self,
            gint64             id,
            Facts             *facts,
            GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean row = FALSE;

  if (!(stmt = _crm_store_prepare (self,
                                   "SELECT r.status, r.client_name, i.name, r.phone, r.email, r.advisor_name, "
                                   "r.advisor_email, f.broker_name, f.broker_email, f.name "
                                   "FROM referrals r JOIN referral_forms f ON f.id = r.form_id "
                                   "LEFT JOIN investments i ON i.id = r.investment_id WHERE r.id = ?",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return FALSE;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no referral %lld."), (long long) id);
      return FALSE;
    }
  facts->id = id;
  crm_referral_status_from_string (crm_statement_get_text (stmt, 0), &facts->status);
  facts->client_name = g_strdup (crm_statement_get_text (stmt, 1));
  facts->investment = g_strdup (crm_statement_get_text (stmt, 2));
  facts->phone = g_strdup (crm_statement_get_text (stmt, 3));
  facts->email = g_strdup (crm_statement_get_text (stmt, 4));
  facts->advisor_name = g_strdup (crm_statement_get_text (stmt, 5));
  facts->advisor_email = g_strdup (crm_statement_get_text (stmt, 6));
  facts->broker_name = g_strdup (crm_statement_get_text (stmt, 7));
  facts->broker_email = g_strdup (crm_statement_get_text (stmt, 8));
  facts->form_name = g_strdup (crm_statement_get_text (stmt, 9));

  return TRUE;
}

/* A comment or message: trimmed, valid UTF-8, not too long. */
static char *
clean_text (const char  *text,
            gboolean     required,
            GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (!g_utf8_validate (clean, -1, NULL) || strlen (clean) > MAX_TEXT || (required && *clean == '\0'))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   required ? _("Write the message, at most %d characters.")
                            : _("The comment is too long: at most %d characters."), MAX_TEXT);
      return NULL;
    }

  return g_steal_pointer (&clean);
}

static const char *
default_text (CrmReferralStatus decision)
{
  if (decision == CRM_REFERRAL_ACCEPTED)
    /* Translators: the built-in mail to a broker whose referral was
     * accepted; keep the {placeholders} as they are */
    return _("Hello {advisor_name},\n\n"
             "thank you for referring {client_name} ({investment}). We have accepted the referral "
             "no. {referral_number}.\n\n{comment}\n\nBest regards,\n{agent_name}");

  /* Translators: the built-in mail to a broker whose referral was
   * rejected; keep the {placeholders} as they are */
  return _("Hello {advisor_name},\n\n"
           "thank you for referring {client_name} ({investment}). We cannot accept the referral "
           "no. {referral_number}.\n\n{comment}\n\nBest regards,\n{agent_name}");
}

/* The template's text for @decision: the office's, else the built-in. */
static char *
template_text (CrmReferralStore   *self,
               CrmReferralStatus   decision,
               GError            **error)
{
  gint64 template_id = crm_referral_store_get_template (self, decision);
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean row = FALSE;

  if (template_id == 0)
    return g_strdup (default_text (decision));
  if (!(stmt = _crm_store_prepare (self, "SELECT body FROM templates WHERE id = ?", error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, template_id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return NULL;

  /* a template deleted since: the built-in text */
  return g_strdup (row ? crm_statement_get_text (stmt, 0) : default_text (decision));
}

/* Fills a referral mail's placeholders (see crm_referral_store_set_template()). */
static char *
expand (const char  *text,
        const Facts *facts,
        const char  *agent_name,
        const char  *comment)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *first_name = g_strndup (facts->client_name, strcspn (facts->client_name, " "));
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, facts->id);
  gboolean had_comment = FALSE;

  for (const char *p = text; *p; )
    {
      const char *close = *p == '{' ? strchr (p, '}') : NULL;
      g_autofree char *name = close != NULL ? g_strndup (p + 1, close - p - 1) : NULL;
      const char *value = NULL;
      gboolean known = TRUE;

      if (name == NULL)
        known = FALSE;
      else if (g_str_equal (name, "client_name"))
        value = facts->client_name;
      else if (g_str_equal (name, "client_first_name"))
        value = first_name;
      else if (g_str_equal (name, "agent_name"))
        value = agent_name;
      else if (g_str_equal (name, "broker_name"))
        value = facts->broker_name;
      else if (g_str_equal (name, "advisor_name"))
        value = facts->advisor_name;
      else if (g_str_equal (name, "investment"))
        value = facts->investment;
      else if (g_str_equal (name, "referral_number"))
        value = number;
      else if (g_str_equal (name, "comment"))
        {
          value = comment;
          had_comment = TRUE;
        }
      else
        known = FALSE;

      if (known)
        {
          g_string_append (out, value != NULL ? value : "");
          p = close + 1;
          continue;
        }
      g_string_append_c (out, *p);
      p++;
    }
  if (!had_comment && comment != NULL && *comment != '\0')
    g_string_append_printf (out, "\n\n%s", comment);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The Message-IDs of @id's messages, oldest first, for the next one's
 * References. */
static GStrv
message_ids (CrmReferralStore  *self,
             gint64             id,
             GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  CrmStep step;

  if (!(stmt = _crm_store_prepare (self, "SELECT message_id FROM referral_messages WHERE referral_id = ? "
                                         "AND message_id IS NOT NULL ORDER BY at, id", error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, id);
  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    g_strv_builder_add (ids, crm_statement_get_text (stmt, 0));
  if (step == CRM_STEP_ERROR)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_strv_builder_end (ids);
}

/* Queues a mail to the broker about @facts' referral and keeps it in
 * the referral's messages; the message's row id, or 0 with @error set. */
static gint64
queue_to_broker (CrmReferralStore  *self,
                 const Facts       *facts,
                 const char        *kind,
                 const char        *subject,
                 const char        *text,
                 const char        *body_kept,
                 GError           **error)
{
  CrmSession *session = _crm_session (self);
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmUser) sender = NULL;
  g_autoptr(CrmOutgoingMessage) out = NULL;
  g_auto(GStrv) earlier = NULL;
  g_autofree char *message_id = NULL;
  gboolean row = FALSE;
  gint64 account_id, outbox_id, user_id = crm_session_get_user_id (session);
  gint64 now = _crm_referral_store_now (self);
  const char *to = facts->advisor_email != NULL ? facts->advisor_email : facts->broker_email;

  if (!(stmt = _crm_store_prepare (self, "SELECT coalesce (min (id), 0) FROM accounts WHERE removed_at IS NULL", error)) ||
      !_crm_store_step_row (self, stmt, &row, error))
    return 0;
  account_id = crm_statement_get_int64 (stmt, 0);
  g_clear_pointer (&stmt, crm_statement_release);
  if (account_id == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("There is no mail account to write to the broker from: add one in Preferences."));
      return 0;
    }
  if (!(account = crm_account_store_get (crm_account_store_from_session (session), account_id, error)))
    return 0;
  if (user_id != 0)
    sender = crm_user_store_get (crm_user_store_from_session (session), user_id, NULL);
  if (!(earlier = message_ids (self, facts->id, error)))
    return 0;

  out = crm_outgoing_message_new (sender != NULL ? crm_user_get_name (sender) : crm_account_get_display_name (account),
                                  crm_account_get_address (account));
  crm_outgoing_message_add_to (out, to);
  if (g_strcmp0 (to, facts->broker_email) != 0)
    crm_outgoing_message_add_cc (out, facts->broker_email);
  crm_outgoing_message_set_subject (out, subject);
  crm_outgoing_message_set_body (out, text);
  if (earlier[0] != NULL)
    crm_outgoing_message_set_reply (out, earlier[g_strv_length (earlier) - 1], (const char * const *) earlier);
  if ((outbox_id = crm_outbox_queue (crm_outbox_from_session (session), OUTBOX_OWNER, account_id, out, now, error)) == 0)
    return 0;

  if (!(stmt = _crm_store_prepare (self, "SELECT message_id FROM outbox WHERE id = ?", error)) ||
      (crm_statement_bind_int64 (stmt, 1, outbox_id), !_crm_store_step_row (self, stmt, &row, error)))
    return 0;
  message_id = g_strdup (crm_statement_get_text (stmt, 0));
  g_clear_pointer (&stmt, crm_statement_release);

  if (!(stmt = _crm_store_prepare (self,
                                   "INSERT INTO referral_messages (referral_id, direction, kind, body, user_id, at, "
                                   "outbox_id, message_id) VALUES (?1, 'out', ?2, ?3, "
                                   "(SELECT id FROM users WHERE id = ?4), ?5, ?6, ?7) RETURNING id",
                                   error)))
    return 0;
  crm_statement_bind_int64 (stmt, 1, facts->id);
  crm_statement_bind_text (stmt, 2, kind);
  crm_statement_bind_text (stmt, 3, body_kept);
  crm_statement_bind_int64 (stmt, 4, user_id);
  crm_statement_bind_int64 (stmt, 5, now);
  crm_statement_bind_int64 (stmt, 6, outbox_id);
  _crm_referral_bind_text (stmt, 7, message_id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return 0;
    }
  {
    gint64 id = crm_statement_get_int64 (stmt, 0);

    g_clear_pointer (&stmt, crm_statement_release);
    if (!(stmt = _crm_store_prepare (self, "UPDATE referrals SET last_message_at = ?1, awaiting_reply = 0 WHERE id = ?2",
                                     error)))
      return 0;
    crm_statement_bind_int64 (stmt, 1, now);
    crm_statement_bind_int64 (stmt, 2, facts->id);
    if (!_crm_store_step_done (self, stmt, error))
      return 0;

    return id;
  }
}

/* The client made from @facts on acceptance: its id, or 0 */
static gint64
make_client (CrmReferralStore  *self,
             const Facts       *facts,
             GError           **error)
{
  CrmSession *session = _crm_session (self);
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
  const char *emails[] = { facts->email, NULL };
  const char *phones[] = { facts->phone, NULL };

  crm_contact_set_name (contact, facts->client_name);
  if (facts->email != NULL)
    crm_contact_set_emails (contact, emails);
  if (facts->phone != NULL)
    crm_contact_set_phones (contact, phones);
  if (crm_session_get_user_id (session) != 0)
    crm_contact_set_manager_id (contact, crm_session_get_user_id (session));
  if (!crm_contact_store_save_full (crm_contact_store_from_session (session), contact, NULL,
                                    CRM_SAVE_CONTACT_ALLOW_DUPLICATE, error))
    return 0;

  return crm_contact_get_id (contact);
}

typedef struct
{
  gint64             id;
  CrmReferralStatus  decision;
  const char        *comment;
  gint64             contact_id;   /* in: the one chosen, 0 to make one; out: the client */
} Decide;

static gboolean
decide_tx (CrmSession  *session,
           gpointer     user_data,
           GError     **error)
{
  CrmReferralStore *self = crm_referral_store_from_session (session);
  Decide *decide = user_data;
  g_auto(Facts) facts = { 0 };
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(CrmUser) agent = NULL;
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *detail = NULL;
  gint64 now = _crm_referral_store_now (self);
  gint64 user_id = crm_session_get_user_id (session);
  gboolean accept = decide->decision == CRM_REFERRAL_ACCEPTED;

  if (!read_facts (self, decide->id, &facts, error))
    return FALSE;
  if (facts.status != CRM_REFERRAL_PENDING)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   /* Translators: %lld is a referral's number, %s its status ("Accepted") */
                   _("Referral %lld was decided already: %s."), (long long) decide->id,
                   crm_referral_status_get_label (facts.status));
      return FALSE;
    }

  if (accept && decide->contact_id != 0)
    {
      gboolean found = FALSE;

      if (!_crm_store_exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM contacts WHERE id = ?)", NULL,
                              decide->contact_id, &found, error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no contact %lld."),
                       (long long) decide->contact_id);
          return FALSE;
        }
    }
  else if (accept && (decide->contact_id = make_client (self, &facts, error)) == 0)
    return FALSE;

  if (!(stmt = _crm_store_prepare (self,
                                   "UPDATE referrals SET status = ?1, status_changed_at = ?2, "
                                   "status_changed_by = (SELECT id FROM users WHERE id = ?3), contact_id = ?4 "
                                   "WHERE id = ?5 AND status = 'pending'",
                                   error)))
    return FALSE;
  crm_statement_bind_text (stmt, 1, crm_referral_status_to_string (decide->decision));
  crm_statement_bind_int64 (stmt, 2, now);
  crm_statement_bind_int64 (stmt, 3, user_id);
  if (accept)
    crm_statement_bind_int64 (stmt, 4, decide->contact_id);
  else
    crm_statement_bind_null (stmt, 4);
  crm_statement_bind_int64 (stmt, 5, decide->id);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, crm_statement_release);

  if (user_id != 0)
    agent = crm_user_store_get (crm_user_store_from_session (session), user_id, NULL);
  if (!(body = template_text (self, decide->decision, error)))
    return FALSE;
  text = expand (body, &facts, agent != NULL ? crm_user_get_name (agent) : NULL, decide->comment);
  subject = accept
    /* Translators: a mail's subject: a referral's number, the client's name, the number again */
    ? g_strdup_printf (_("Referral no. %lld accepted: %s [R#%lld]"), (long long) facts.id, facts.client_name,
                       (long long) facts.id)
    /* Translators: a mail's subject: a referral's number, the client's name, the number again */
    : g_strdup_printf (_("Referral no. %lld rejected: %s [R#%lld]"), (long long) facts.id, facts.client_name,
                       (long long) facts.id);

  if (!(stmt = _crm_store_prepare (self,
                                   "INSERT INTO referral_status_changes (referral_id, status, comment, user_id, at) "
                                   "VALUES (?1, ?2, ?3, (SELECT id FROM users WHERE id = ?4), ?5)",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, decide->id);
  crm_statement_bind_text (stmt, 2, crm_referral_status_to_string (decide->decision));
  crm_statement_bind_text (stmt, 3, decide->comment);
  crm_statement_bind_int64 (stmt, 4, user_id);
  crm_statement_bind_int64 (stmt, 5, now);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, crm_statement_release);

  if (queue_to_broker (self, &facts, crm_referral_status_to_string (decide->decision), subject, text,
                       decide->comment, error) == 0)
    return FALSE;

  if (!crm_session_append_history (session, "referral", decide->id, crm_referral_status_to_string (decide->decision),
                                   decide->comment, error))
    return FALSE;
  if (accept)
    {
      /* Translators: a client's history: %lld is the referral's number, then the form's and the broker's names */
      detail = g_strdup_printf (_("Referral no. %lld from %s (%s), advisor %s"), (long long) facts.id,
                                facts.form_name, facts.broker_name, facts.advisor_name);
      if (!crm_session_append_history (session, "contact", decide->contact_id, "referral-accepted", detail, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
decide (CrmReferralStore   *self,
        Decide             *decide,
        GError            **error)
{
  g_autofree char *comment = NULL;

  if (!(comment = clean_text (decide->comment, FALSE, error)))
    return FALSE;
  decide->comment = comment;
  if (!crm_session_run_in_transaction (_crm_session (self), decide_tx, decide, error))
    return FALSE;
  _crm_store_emit_changed (self, "referral", decide->id);
  if (decide->decision == CRM_REFERRAL_ACCEPTED)
    _crm_store_emit_changed (self, "contact", decide->contact_id);

  return TRUE;
}

/**
 * crm_referral_store_accept:
 * @self: a #CrmReferralStore
 * @id: a pending referral
 * @comment: (nullable): the comment for the broker, mailed with the decision
 * @contact_id: the existing client to link it to (one of the similar
 *   clients), or 0 to make a client of the referral's name, phone and
 *   e-mail (the session's user its manager)
 * @error: return location for a #GError: %CRM_ERROR_NOT_FOUND,
 *   %CRM_ERROR_CONFLICT (decided already, perhaps by someone else just
 *   now), %CRM_ERROR_INVALID (no mail account; a comment too long)
 *
 * Accepts a referral in one transaction: its status, the client (the
 * referral in the client's history), the mail to the broker from the
 * office's template in the outbox, audit rows. Nothing is kept when
 * any part fails.
 *
 * Returns: the client's id, or 0 with @error set
 */
gint64
crm_referral_store_accept (CrmReferralStore  *self,
                           gint64             id,
                           const char        *comment,
                           gint64             contact_id,
                           GError           **error)
{
  Decide accept = { id, CRM_REFERRAL_ACCEPTED, comment, MAX (contact_id, 0) };

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), 0);

  return decide (self, &accept, error) ? accept.contact_id : 0;
}

/**
 * crm_referral_store_reject:
 * @self: a #CrmReferralStore
 * @id: a pending referral
 * @comment: (nullable): the comment for the broker, mailed with the decision
 * @error: return location for a #GError (as crm_referral_store_accept())
 *
 * Rejects a referral, mailing the broker; it and its documents are
 * purged after the office's retention (crm_referral_store_purge()).
 *
 * Returns: %TRUE on success
 */
gboolean
crm_referral_store_reject (CrmReferralStore  *self,
                           gint64             id,
                           const char        *comment,
                           GError           **error)
{
  Decide reject = { id, CRM_REFERRAL_REJECTED, comment, 0 };

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), FALSE);

  return decide (self, &reject, error);
}

typedef struct
{
  gint64      id;
  const char *body;
  gint64      message_id;
} SendMessage;

static gboolean
send_message_tx (CrmSession  *session,
                 gpointer     user_data,
                 GError     **error)
{
  CrmReferralStore *self = crm_referral_store_from_session (session);
  SendMessage *send = user_data;
  g_auto(Facts) facts = { 0 };
  g_autofree char *subject = NULL;

  if (!read_facts (self, send->id, &facts, error))
    return FALSE;
  /* Translators: a mail's subject: a referral's number, the client's name, the number again */
  subject = g_strdup_printf (_("Referral no. %lld: %s [R#%lld]"), (long long) facts.id, facts.client_name,
                             (long long) facts.id);
  if ((send->message_id = queue_to_broker (self, &facts, "message", subject, send->body, send->body, error)) == 0)
    return FALSE;

  return crm_session_append_history (session, "referral", send->id, "message-sent", send->body, error);
}

/**
 * crm_referral_store_send_message:
 * @self: a #CrmReferralStore
 * @id: a referral
 * @body: the message
 * @error: return location for a #GError (%CRM_ERROR_NOT_FOUND,
 *   %CRM_ERROR_INVALID for an empty message or no mail account)
 *
 * A message to the broker from the referral's details page (RF12),
 * through the outbox; the broker's answer comes back into the referral.
 *
 * Returns: the message's id in the referral, or 0 with @error set
 */
gint64
crm_referral_store_send_message (CrmReferralStore  *self,
                                 gint64             id,
                                 const char        *body,
                                 GError           **error)
{
  g_autofree char *clean = NULL;
  SendMessage send = { id, NULL, 0 };

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), 0);

  if (!(clean = clean_text (body, TRUE, error)))
    return 0;
  send.body = clean;
  if (!crm_session_run_in_transaction (_crm_session (self), send_message_tx, &send, error))
    return 0;
  _crm_store_emit_changed (self, "referral", id);

  return send.message_id;
}

typedef struct
{
  gint64             id;
  CrmReferralStatus  decision;
  char              *text;
  gint64             contact_id;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->text);
  g_free (job);
}

static gboolean
decide_write (CrmSession    *writer,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  Job *job = data;
  CrmReferralStore *self = crm_referral_store_from_session (writer);
  gboolean done = job->decision == CRM_REFERRAL_ACCEPTED
                  ? crm_referral_store_accept (self, job->id, job->text, job->contact_id, error) != 0
                  : crm_referral_store_reject (self, job->id, job->text, error);

  *result = GINT_TO_POINTER (done);

  return done;
}

/**
 * crm_referral_store_decide_async:
 * @self: a #CrmReferralStore
 * @id: a pending referral
 * @decision: %CRM_REFERRAL_ACCEPTED or %CRM_REFERRAL_REJECTED
 * @comment: (nullable): the comment for the broker
 * @contact_id: on acceptance, the existing client to link, or 0
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when decided, or not
 * @user_data: for @callback
 *
 * crm_referral_store_accept() or crm_referral_store_reject() on the
 * session's writer: for the window.
 */
void
crm_referral_store_decide_async (CrmReferralStore    *self,
                                 gint64               id,
                                 CrmReferralStatus    decision,
                                 const char          *comment,
                                 gint64               contact_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CRM_IS_REFERRAL_STORE (self));
  g_return_if_fail (decision != CRM_REFERRAL_PENDING);

  job->id = id;
  job->decision = decision;
  job->text = g_strdup (comment);
  job->contact_id = contact_id;
  crm_session_write_async (_crm_session (self), decide_write, job, job_free, NULL, cancellable, callback, user_data);
}

/**
 * crm_referral_store_decide_finish:
 * @self: a #CrmReferralStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when decided
 */
gboolean
crm_referral_store_decide_finish (CrmReferralStore  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  return crm_session_write_finish (_crm_session (self), result, error) != NULL;
}

static gboolean
message_write (CrmSession    *writer,
               gpointer       data,
               gpointer      *result,
               GCancellable  *cancellable,
               GError       **error)
{
  Job *job = data;
  gboolean done = crm_referral_store_send_message (crm_referral_store_from_session (writer), job->id, job->text,
                                                   error) != 0;

  *result = GINT_TO_POINTER (done);

  return done;
}

/**
 * crm_referral_store_send_message_async:
 * @self: a #CrmReferralStore
 * @id: a referral
 * @body: the message
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when queued, or not
 * @user_data: for @callback
 *
 * crm_referral_store_send_message() on the session's writer: for the window.
 */
void
crm_referral_store_send_message_async (CrmReferralStore    *self,
                                       gint64               id,
                                       const char          *body,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CRM_IS_REFERRAL_STORE (self));

  job->id = id;
  job->text = g_strdup (body);
  crm_session_write_async (_crm_session (self), message_write, job, job_free, NULL, cancellable, callback, user_data);
}

/**
 * crm_referral_store_send_message_finish:
 * @self: a #CrmReferralStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when queued
 */
gboolean
crm_referral_store_send_message_finish (CrmReferralStore  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  return crm_session_write_finish (_crm_session (self), result, error) != NULL;
}

/* The import */

static char *
bare_id (const char *id)
{
  g_autofree char *copy = g_strstrip (g_strdup (id != NULL ? id : ""));
  gsize len = strlen (copy);

  if (len >= 2 && copy[0] == '<' && copy[len - 1] == '>')
    return g_strndup (copy + 1, len - 2);

  return g_steal_pointer (&copy);
}

static gint64
referral_of_message_id (CrmReferralStore  *self,
                        const char        *id,
                        GError           **error)
{
  g_autofree char *bare = bare_id (id);
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean row = FALSE;

  if (*bare == '\0')
    return 0;
  if (!(stmt = _crm_store_prepare (self, "SELECT referral_id FROM referral_messages WHERE message_id = ? LIMIT 1",
                                   error)))
    return -1;
  crm_statement_bind_text (stmt, 1, bare);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return -1;

  return row ? crm_statement_get_int64 (stmt, 0) : 0;
}

/* "[R#N]" in @subject, from the referral's broker or advisor */
static gint64
referral_of_subject (CrmReferralStore  *self,
                     const char        *subject,
                     const char        *sender,
                     GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  const char *tag = subject != NULL ? strstr (subject, "[R#") : NULL;
  gboolean row = FALSE;
  gint64 id;

  if (tag == NULL || sender == NULL)
    return 0;
  id = g_ascii_strtoll (tag + 3, NULL, 10);
  if (id <= 0)
    return 0;
  if (!(stmt = _crm_store_prepare (self, "SELECT r.id FROM referrals r JOIN referral_forms f ON f.id = r.form_id "
                                         "WHERE r.id = ?1 AND (r.advisor_email = ?2 OR f.broker_email = ?2)",
                                   error)))
    return -1;
  crm_statement_bind_int64 (stmt, 1, id);
  crm_statement_bind_text (stmt, 2, sender);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return -1;

  return row ? id : 0;
}

gboolean
_crm_referral_store_route_message (CrmReferralStore  *self,
                                   gint64             message_row,
                                   CrmParsedMessage  *parsed,
                                   gboolean          *taken,
                                   GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *sender = parsed->from_address != NULL ? g_ascii_strdown (parsed->from_address, -1) : NULL;
  g_autofree char *reason = NULL;
  gint64 referral = 0;
  gint64 now = _crm_referral_store_now (self);

  *taken = FALSE;
  /* robots' mail (delivery reports, automatic replies) is not the broker's answer */
  if (parsed->kind != CRM_MAIL_KIND_ORDINARY)
    return TRUE;

  if ((referral = referral_of_message_id (self, parsed->in_reply_to, error)) < 0)
    return FALSE;
  for (guint i = 0; referral == 0 && parsed->references != NULL && parsed->references[i] != NULL; i++)
    if ((referral = referral_of_message_id (self, parsed->references[i], error)) < 0)
      return FALSE;
  if (referral == 0 && (referral = referral_of_subject (self, parsed->subject, sender, error)) < 0)
    return FALSE;
  if (referral == 0)
    return TRUE;

  if (!(stmt = _crm_store_prepare (self,
                                   "INSERT INTO referral_messages (referral_id, direction, kind, body, at, message_id, "
                                   "message_row) VALUES (?1, 'in', 'message', ?2, ?3, ?4, ?5)",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, referral);
  crm_statement_bind_text (stmt, 2, parsed->text != NULL ? parsed->text : "");
  crm_statement_bind_int64 (stmt, 3, now);
  _crm_referral_bind_text (stmt, 4, parsed->message_id);
  crm_statement_bind_int64 (stmt, 5, message_row);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, crm_statement_release);

  /* Translators: why a mail is where it is; %lld is a referral's number */
  reason = g_strdup_printf (_("The broker’s answer about referral no. %lld"), (long long) referral);
  if (!(stmt = _crm_store_prepare (self, "UPDATE messages SET referral_id = ?1, thread_reason = ?2 WHERE id = ?3",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, referral);
  crm_statement_bind_text (stmt, 2, reason);
  crm_statement_bind_int64 (stmt, 3, message_row);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, crm_statement_release);

  if (!(stmt = _crm_store_prepare (self, "UPDATE referrals SET last_message_at = ?1, awaiting_reply = 1 WHERE id = ?2",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, now);
  crm_statement_bind_int64 (stmt, 2, referral);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;

  _crm_store_emit_changed (self, "referral", referral);
  *taken = TRUE;

  return TRUE;
}
