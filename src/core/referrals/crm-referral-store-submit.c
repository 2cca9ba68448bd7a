/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-normalize.h"
#include "crm-referral-store-private.h"

/*
 * A filled form, stored (RF1, RF9): the referral, its documents and an
 * audit row in one transaction, once per submission id (UNIQUE): the
 * page makes the id when it is shown, so a double click or a resend
 * finds the referral the first one stored. Every value is checked
 * again here, whatever the form server checked: nothing with a line
 * break reaches a row that a mail's header is made of. Sends nothing.
 */

#define MAX_DOCUMENTS 20
#define MAX_DOCUMENTS_SIZE (50 * 1024 * 1024)
#define MAX_SUBMISSION_ID 100

typedef struct
{
  CrmReferralSubmission *in;
  char                  *client_name;
  char                  *name_key;
  char                  *phone;
  char                  *email;
  char                  *pesel;
  char                  *id_card;
  char                  *advisor_name;
  char                  *advisor_key;
  char                  *advisor_email;
  char                  *advisor_phone;
  gint64                 id;
  gboolean               duplicate;
} Submit;

static void
submit_clear (Submit *submit)
{
  g_free (submit->client_name);
  g_free (submit->name_key);
  g_free (submit->phone);
  g_free (submit->email);
  g_free (submit->pesel);
  g_free (submit->id_card);
  g_free (submit->advisor_name);
  g_free (submit->advisor_key);
  g_free (submit->advisor_email);
  g_free (submit->advisor_phone);
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || strspn (text, " \t") == strlen (text);
}

static gboolean
check_submission (CrmReferralStore  *self,
                  Submit            *submit,
                  GError           **error)
{
  CrmReferralSubmission *in = submit->in;
  gsize total = 0;

  if (in->submission_id == NULL || *in->submission_id == '\0' || strlen (in->submission_id) > MAX_SUBMISSION_ID)
    goto bad_id;
  for (const char *p = in->submission_id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      goto bad_id;

  if (!(submit->client_name = _crm_referral_clean_line (in->client_name, 200, _("Give the client’s name."), error)) ||
      !(submit->advisor_name = _crm_referral_clean_line (in->advisor_name, 200, _("Give the advisor’s name."), error)))
    return FALSE;
  if (!is_blank (in->phone) && !(submit->phone = crm_normalize_phone (in->phone, "PL", error)))
    return FALSE;
  if (!is_blank (in->email) && !(submit->email = crm_normalize_email (in->email, error)))
    return FALSE;
  if (submit->phone == NULL && submit->email == NULL)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Give the client’s phone or e-mail address."));
      return FALSE;
    }
  if (!is_blank (in->pesel))
    {
      if (!crm_pesel_check (in->pesel, NULL, error))
        return FALSE;
      submit->pesel = g_strstrip (g_strdup (in->pesel));
    }
  if (!is_blank (in->id_card))
    {
      if (!crm_id_card_check (in->id_card, error))
        return FALSE;
      submit->id_card = crm_id_card_normalize (in->id_card);
    }
  if (!is_blank (in->advisor_phone) && !(submit->advisor_phone = crm_normalize_phone (in->advisor_phone, "PL", error)))
    return FALSE;
  if (!is_blank (in->advisor_email) && !(submit->advisor_email = crm_normalize_email (in->advisor_email, error)))
    return FALSE;
  if (!in->consent)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("The client’s consent is needed to send a referral."));
      return FALSE;
    }

  for (guint i = 0; in->documents != NULL && i < in->documents->len; i++)
    {
      CrmReferralDocument *document = g_ptr_array_index (in->documents, i);

      if (document->bytes == NULL || document->file_name == NULL || *document->file_name == '\0' ||
          !g_utf8_validate (document->file_name, -1, NULL) || strpbrk (document->file_name, "\r\n/\\") != NULL)
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("A document has no name or no content."));
          return FALSE;
        }
      total += g_bytes_get_size (document->bytes);
    }
  if ((in->documents != NULL && in->documents->len > MAX_DOCUMENTS) || total > MAX_DOCUMENTS_SIZE)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   _("Attach at most %d documents of at most %d MB together."), MAX_DOCUMENTS,
                   MAX_DOCUMENTS_SIZE / (1024 * 1024));
      return FALSE;
    }

  submit->name_key = crm_referral_fold_name (submit->client_name);
  submit->advisor_key = crm_referral_fold_name (submit->advisor_name);

  return TRUE;

bad_id:
  g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("The form was sent without its submission number."));
  return FALSE;
}

static gint64
find_submission (CrmReferralStore  *self,
                 const char        *submission_id,
                 GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean row = FALSE;

  if (!(stmt = _crm_store_prepare (self, "SELECT id FROM referrals WHERE submission_id = ?", error)))
    return -1;
  crm_statement_bind_text (stmt, 1, submission_id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return -1;

  return row ? crm_statement_get_int64 (stmt, 0) : 0;
}

static gboolean
check_form_and_investment (CrmReferralStore  *self,
                           Submit            *submit,
                           GError           **error)
{
  g_autoptr(CrmReferralForm) form = NULL;

  if (!(form = crm_referral_store_lookup_form (self, submit->in->form_id, error)))
    return FALSE;
  if (!crm_referral_form_is_open (form, _crm_referral_store_now (self)))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_PERMISSION,
                           _("This form no longer takes referrals: ask the developer for a new link."));
      return FALSE;
    }
  if (submit->in->investment_id != 0)
    {
      gboolean found = FALSE;

      if (!_crm_store_exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM investments WHERE id = ?)", NULL,
                              submit->in->investment_id, &found, error))
        return FALSE;
      if (!found)
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Choose one of the investments listed."));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
submit_tx (CrmSession  *session,
           gpointer     user_data,
           GError     **error)
{
  CrmReferralStore *self = crm_referral_store_from_session (session);
  Submit *submit = user_data;
  CrmReferralSubmission *in = submit->in;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *detail = NULL;
  gint64 existing;

  if ((existing = find_submission (self, in->submission_id, error)) < 0)
    return FALSE;
  if (existing > 0)
    {
      submit->id = existing;
      submit->duplicate = TRUE;
      return TRUE;
    }
  if (!check_form_and_investment (self, submit, error))
    return FALSE;

  if (!(stmt = _crm_store_prepare (self,
                                   "INSERT INTO referrals (submission_id, form_id, investment_id, client_name, name_key, "
                                   "phone, email, pesel, id_card, advisor_name, advisor_key, advisor_email, "
                                   "advisor_phone, consent, remote_address, status, received_at) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                                   "'pending', ?16) RETURNING id",
                                   error)))
    return FALSE;
  crm_statement_bind_text (stmt, 1, in->submission_id);
  crm_statement_bind_int64 (stmt, 2, in->form_id);
  if (in->investment_id != 0)
    crm_statement_bind_int64 (stmt, 3, in->investment_id);
  else
    crm_statement_bind_null (stmt, 3);
  crm_statement_bind_text (stmt, 4, submit->client_name);
  crm_statement_bind_text (stmt, 5, submit->name_key);
  _crm_referral_bind_text (stmt, 6, submit->phone);
  _crm_referral_bind_text (stmt, 7, submit->email);
  _crm_referral_bind_text (stmt, 8, submit->pesel);
  _crm_referral_bind_text (stmt, 9, submit->id_card);
  crm_statement_bind_text (stmt, 10, submit->advisor_name);
  crm_statement_bind_text (stmt, 11, submit->advisor_key);
  _crm_referral_bind_text (stmt, 12, submit->advisor_email);
  _crm_referral_bind_text (stmt, 13, submit->advisor_phone);
  crm_statement_bind_int64 (stmt, 14, 1);
  _crm_referral_bind_text (stmt, 15, in->remote_address);
  crm_statement_bind_int64 (stmt, 16, _crm_referral_store_now (self));
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  submit->id = crm_statement_get_int64 (stmt, 0);
  g_clear_pointer (&stmt, crm_statement_release);

  for (guint i = 0; in->documents != NULL && i < in->documents->len; i++)
    {
      CrmReferralDocument *document = g_ptr_array_index (in->documents, i);
      gsize size = 0;
      gconstpointer data = g_bytes_get_data (document->bytes, &size);

      if (!(stmt = _crm_store_prepare (self,
                                       "INSERT INTO referral_documents (referral_id, file_name, content_type, size, data) "
                                       "VALUES (?1, ?2, ?3, ?4, ?5)", error)))
        return FALSE;
      crm_statement_bind_int64 (stmt, 1, submit->id);
      crm_statement_bind_text (stmt, 2, document->file_name);
      crm_statement_bind_text (stmt, 3, document->content_type != NULL ? document->content_type
                                                                        : "application/octet-stream");
      crm_statement_bind_int64 (stmt, 4, (gint64) size);
      crm_statement_bind_blob (stmt, 5, size > 0 ? data : "", size);
      if (!_crm_store_step_done (self, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, crm_statement_release);
    }

  /* Translators: an audit row: a referral came through a form; %lld is the form's number */
  detail = g_strdup_printf (_("Received through form %lld from %s"), (long long) in->form_id,
                            in->remote_address != NULL ? in->remote_address : "?");

  return crm_session_append_history (session, "referral", submit->id, "received", detail, error);
}

/**
 * crm_referral_store_submit:
 * @self: a #CrmReferralStore
 * @submission: a filled form (its form open, its values checked)
 * @out_duplicate: (out) (optional): %TRUE when @submission's id was
 *   stored before: nothing new was stored
 * @error: return location for a #GError: %CRM_ERROR_INVALID (a value
 *   is wrong: the message says which), %CRM_ERROR_NOT_FOUND (no such
 *   form), %CRM_ERROR_PERMISSION (the form is revoked or expired)
 *
 * Stores a referral and its documents in one transaction, with an
 * audit row; a second submit with the same submission id returns the
 * first one's id. Sends nothing. Safe from the form server's threads,
 * each with a session of its own.
 *
 * Returns: the referral's id, or 0 with @error set
 */
gint64
crm_referral_store_submit (CrmReferralStore       *self,
                           CrmReferralSubmission  *submission,
                           gboolean               *out_duplicate,
                           GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  Submit submit = { submission };
  gint64 id = 0;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), 0);
  g_return_val_if_fail (submission != NULL, 0);

  if (out_duplicate != NULL)
    *out_duplicate = FALSE;

  if (!check_submission (self, &submit, error))
    goto out;
  if (!crm_session_run_in_transaction (_crm_session (self), submit_tx, &submit, &local_error))
    {
      gint64 existing;

      /* the same submission stored by another connection meanwhile */
      if ((existing = find_submission (self, submission->submission_id, NULL)) > 0)
        {
          submit.id = existing;
          submit.duplicate = TRUE;
        }
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto out;
        }
    }
  id = submit.id;
  if (out_duplicate != NULL)
    *out_duplicate = submit.duplicate;
  if (!submit.duplicate)
    {
      g_info ("referral %" G_GINT64_FORMAT " received through form %" G_GINT64_FORMAT " from %s",
              id, submission->form_id, submission->remote_address != NULL ? submission->remote_address : "?");
      _crm_store_emit_changed (self, "referral", id);
    }

out:
  submit_clear (&submit);

  return id;
}
