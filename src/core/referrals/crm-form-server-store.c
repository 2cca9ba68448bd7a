/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-forms"

#include "config.h"

#include "crm-error.h"
#include "crm-form-server-private.h"
#include "crm-referral-store.h"

/*
 * What the forms' server asks of the referrals' store, on the session's
 * workers, never on the server's thread: a form by its link (open, or
 * revoked or expired), its investments and the identity number the
 * office asks for; and a submission stored, once per submission id.
 */

void
_crm_form_entry_free (CrmFormEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->nonce);
  g_free (entry->name);
  g_clear_pointer (&entry->investments, g_ptr_array_unref);
  g_clear_pointer (&entry->pages, g_hash_table_unref);
  g_free (entry);
}

gboolean
_crm_form_lookup_read (CrmSession    *reader,
             gpointer       data,
             gpointer      *result,
             GCancellable  *cancellable,
             GError       **error)
{
  gint64 form_id = *(gint64 *) data;
  CrmReferralStore *store = crm_referral_store_from_session (reader);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CrmReferralForm) form = NULL;
  g_autoptr(GPtrArray) investments = NULL;
  CrmFormEntry *entry = g_new0 (CrmFormEntry, 1);

  entry->form_id = form_id;
  entry->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  entry->investments = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_form_choice_free);
  if (!(form = crm_referral_store_lookup_form (store, form_id, &local_error)))
    {
      if (!g_error_matches (local_error, CRM_ERROR, CRM_ERROR_NOT_FOUND))
        {
          _crm_form_entry_free (entry);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      *result = entry;
      return TRUE;
    }

  entry->found = TRUE;
  entry->gone = !crm_referral_form_is_open (form, crm_session_now (reader));
  entry->nonce = g_strdup (form->nonce);
  entry->name = g_strdup (form->broker_name);
  switch (crm_referral_store_get_identifier (store))
    {
    case CRM_REFERRAL_ASK_ID_CARD:
      entry->id_kind = CRM_FORM_ID_CARD;
      break;
    case CRM_REFERRAL_ASK_BOTH:
      entry->id_kind = CRM_FORM_ID_BOTH;
      break;
    case CRM_REFERRAL_ASK_PESEL:
    default:
      entry->id_kind = CRM_FORM_ID_PESEL;
      break;
    }
  if (!entry->gone)
    {
      if (!(investments = crm_referral_store_list_investments (store, error)))
        {
          _crm_form_entry_free (entry);
          return FALSE;
        }
      for (guint i = 0; i < investments->len; i++)
        {
          CrmInvestment *investment = g_ptr_array_index (investments, i);
          CrmFormChoice *choice = g_new0 (CrmFormChoice, 1);

          choice->id = investment->id;
          choice->name = g_strdup (investment->name);
          g_ptr_array_add (entry->investments, choice);
        }
    }
  *result = entry;

  return TRUE;
}

gboolean
_crm_form_submit_write (CrmSession    *writer,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  CrmReferralSubmission *submission = data;
  gboolean duplicate = FALSE;
  gint64 id;

  id = crm_referral_store_submit (crm_referral_store_from_session (writer), submission, &duplicate, error);
  if (id <= 0)
    return FALSE;
  g_debug ("referral %" G_GINT64_FORMAT " from form %" G_GINT64_FORMAT "%s", id, submission->form_id,
           duplicate ? " (sent again: stored once)" : "");
  *result = GINT_TO_POINTER (1);

  return TRUE;
}
