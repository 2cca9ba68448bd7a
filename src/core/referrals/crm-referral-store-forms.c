/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-normalize.h"
#include "crm-referral-store-private.h"
#include "crm-referral-token.h"

/*
 * The brokers' forms (RF1): one per broker (source), with the broker's
 * address the decisions and messages are mailed to. Its link is the
 * office's forms address, "/f/" and a token (crm-referral-token.c)
 * signed with the row's nonce and expiry: revoking a form keeps its row
 * (its referrals name it as their source) and makes its link answer
 * 410.
 */

#define FORM_COLUMNS \
  "f.id, f.name, f.broker_name, f.broker_email, f.broker_phone, f.nonce, f.created_at, u.name, " \
  "coalesce (f.expires_at, 0), coalesce (f.revoked_at, 0), " \
  "(SELECT count (*) FROM referrals r WHERE r.form_id = f.id) " \
  "FROM referral_forms f LEFT JOIN users u ON u.id = f.created_by "

static CrmReferralForm *
form_from_row (CrmStatement *stmt)
{
  CrmReferralForm *form = g_new0 (CrmReferralForm, 1);

  form->id = crm_statement_get_int64 (stmt, 0);
  form->name = g_strdup (crm_statement_get_text (stmt, 1));
  form->broker_name = g_strdup (crm_statement_get_text (stmt, 2));
  form->broker_email = g_strdup (crm_statement_get_text (stmt, 3));
  form->broker_phone = g_strdup (crm_statement_get_text (stmt, 4));
  form->nonce = g_strdup (crm_statement_get_text (stmt, 5));
  form->created = crm_statement_get_int64 (stmt, 6);
  form->created_by = g_strdup (crm_statement_get_text (stmt, 7));
  form->expires = crm_statement_get_int64 (stmt, 8);
  form->revoked = crm_statement_get_int64 (stmt, 9);
  form->n_referrals = (guint) crm_statement_get_int64 (stmt, 10);

  return form;
}

typedef struct
{
  char   *name;
  char   *broker_name;
  char   *broker_email;
  char   *broker_phone;
  char   *nonce;
  gint64  expires;
  gint64  id;
} AddForm;

static gboolean
add_form_tx (CrmSession  *session,
             gpointer     user_data,
             GError     **error)
{
  CrmReferralStore *self = crm_referral_store_from_session (session);
  AddForm *add = user_data;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *detail = NULL;

  if (!(stmt = _crm_store_prepare (self,
                                   "INSERT INTO referral_forms (name, broker_name, broker_email, broker_phone, nonce, "
                                   "created_by, created_at, expires_at) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, (SELECT id FROM users WHERE id = ?6), ?7, ?8) RETURNING id",
                                   error)))
    return FALSE;
  crm_statement_bind_text (stmt, 1, add->name);
  crm_statement_bind_text (stmt, 2, add->broker_name);
  crm_statement_bind_text (stmt, 3, add->broker_email);
  _crm_referral_bind_text (stmt, 4, add->broker_phone);
  crm_statement_bind_text (stmt, 5, add->nonce);
  crm_statement_bind_int64 (stmt, 6, crm_session_get_user_id (session));
  crm_statement_bind_int64 (stmt, 7, _crm_referral_store_now (self));
  if (add->expires != 0)
    crm_statement_bind_int64 (stmt, 8, add->expires);
  else
    crm_statement_bind_null (stmt, 8);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  add->id = crm_statement_get_int64 (stmt, 0);
  detail = g_strdup_printf ("%s (%s <%s>)", add->name, add->broker_name, add->broker_email);

  return crm_session_append_history (session, "referral-form", add->id, "created", detail, error);
}

/**
 * crm_referral_store_add_form:
 * @self: a #CrmReferralStore
 * @name: the form's name: the referrals' source
 * @broker_name: the broker (agency)
 * @broker_email: where the decisions and messages go
 * @broker_phone: (nullable): the broker's phone
 * @expires: when its link expires (Unix time, after now), or 0 for never
 * @error: return location for a #GError (%CRM_ERROR_INVALID)
 *
 * Makes a broker's form, with an audit row. Its link is
 * crm_referral_store_dup_form_url().
 *
 * Returns: the form's id, or 0 with @error set
 */
gint64
crm_referral_store_add_form (CrmReferralStore  *self,
                             const char        *name,
                             const char        *broker_name,
                             const char        *broker_email,
                             const char        *broker_phone,
                             gint64             expires,
                             GError           **error)
{
  AddForm add = { NULL };
  gint64 id = 0;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), 0);

  if (!(add.name = _crm_referral_clean_line (name, 200, _("Give the form a name of at most 200 characters: it is shown as the "
                                            "referrals’ source."), error)) ||
      !(add.broker_name = _crm_referral_clean_line (broker_name, 200, _("Give the broker’s name, at most 200 characters."), error)) ||
      !(add.broker_email = crm_normalize_email (broker_email, error)))
    goto out;
  if (broker_phone != NULL && strspn (broker_phone, " \t") != strlen (broker_phone) &&
      !(add.broker_phone = crm_normalize_phone (broker_phone, "PL", error)))
    goto out;
  if (expires != 0 && expires <= _crm_referral_store_now (self))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("The link would have expired already: give a later date."));
      goto out;
    }
  add.expires = MAX (expires, 0);
  add.nonce = crm_referral_token_new_nonce ();
  if (crm_session_run_in_transaction (_crm_session (self), add_form_tx, &add, error))
    {
      id = add.id;
      _crm_store_emit_changed (self, "referral-form", id);
    }

out:
  g_free (add.name);
  g_free (add.broker_name);
  g_free (add.broker_email);
  g_free (add.broker_phone);
  g_free (add.nonce);

  return id;
}

/**
 * crm_referral_store_list_forms:
 * @self: a #CrmReferralStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmReferralForm): every form,
 *   revoked ones too, newest first; %NULL with @error set
 */
GPtrArray *
crm_referral_store_list_forms (CrmReferralStore  *self,
                               GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GPtrArray) forms = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_referral_form_free);
  CrmStep step;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, "SELECT " FORM_COLUMNS "ORDER BY f.created_at DESC, f.id DESC", error)))
    return NULL;
  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    g_ptr_array_add (forms, form_from_row (stmt));
  if (step == CRM_STEP_ERROR)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&forms);
}

/**
 * crm_referral_store_lookup_form:
 * @self: a #CrmReferralStore
 * @form_id: the form's id, from its token
 * @error: return location for a #GError
 *
 * The form server's question: which form a link names. It answers 404
 * for %NULL, 410 for a form not crm_referral_form_is_open(), and
 * compares the token's nonce with the form's.
 *
 * Returns: (transfer full): the form, revoked and expired ones too, or
 *   %NULL with %CRM_ERROR_NOT_FOUND when there is none
 */
CrmReferralForm *
crm_referral_store_lookup_form (CrmReferralStore  *self,
                                gint64             form_id,
                                GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, "SELECT " FORM_COLUMNS "WHERE f.id = ?", error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, form_id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return NULL;
  if (!row)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("No such form."));
      return NULL;
    }

  return form_from_row (stmt);
}

typedef struct
{
  gint64 id;
  char  *name;
} RevokeForm;

static gboolean
revoke_form_tx (CrmSession  *session,
                gpointer     user_data,
                GError     **error)
{
  CrmReferralStore *self = crm_referral_store_from_session (session);
  RevokeForm *revoke = user_data;
  g_autoptr(CrmStatement) stmt = NULL;

  if (!(stmt = _crm_store_prepare (self, "UPDATE referral_forms SET revoked_at = ?1, "
                                         "revoked_by = (SELECT id FROM users WHERE id = ?2) "
                                         "WHERE id = ?3 AND revoked_at IS NULL", error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, _crm_referral_store_now (self));
  crm_statement_bind_int64 (stmt, 2, crm_session_get_user_id (session));
  crm_statement_bind_int64 (stmt, 3, revoke->id);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;
  if (_crm_store_count_changes (self) == 0)
    return TRUE;

  return crm_session_append_history (session, "referral-form", revoke->id, "revoked", revoke->name, error);
}

/**
 * crm_referral_store_revoke_form:
 * @self: a #CrmReferralStore
 * @form_id: the form
 * @error: return location for a #GError (%CRM_ERROR_NOT_FOUND)
 *
 * Revokes a form: its link answers 410 from now on; its referrals stay.
 * Revoking a revoked form changes nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_referral_store_revoke_form (CrmReferralStore  *self,
                                gint64             form_id,
                                GError           **error)
{
  g_autoptr(CrmReferralForm) form = NULL;
  RevokeForm revoke = { form_id, NULL };

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), FALSE);

  if (!(form = crm_referral_store_lookup_form (self, form_id, error)))
    return FALSE;
  revoke.name = form->name;
  if (!crm_session_run_in_transaction (_crm_session (self), revoke_form_tx, &revoke, error))
    return FALSE;
  _crm_store_emit_changed (self, "referral-form", form_id);

  return TRUE;
}

/**
 * crm_referral_store_dup_form_url:
 * @self: a #CrmReferralStore
 * @form_id: the form
 * @error: return location for a #GError: %CRM_ERROR_NOT_FOUND, or the
 *   Secret Service's
 *
 * The link to hand to the broker: the forms' address, "/f/" and the
 * form's token, signed with the office's form key (made in this
 * desktop's keyring when it keeps none). Blocks on the Secret Service
 * the first time: call it from crmctl or a worker.
 *
 * Returns: (transfer full): the link, or %NULL with @error set
 */
char *
crm_referral_store_dup_form_url (CrmReferralStore  *self,
                                 gint64             form_id,
                                 GError           **error)
{
  g_autoptr(CrmReferralForm) form = NULL;
  g_autofree char *token = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), NULL);

  if (!(form = crm_referral_store_lookup_form (self, form_id, error)) ||
      !(token = crm_referral_token_make (form->id, form->nonce, form->expires, error)))
    return NULL;
  base = crm_referral_store_get_forms_url (self);

  return g_strconcat (base, "/f/", token, NULL);
}
