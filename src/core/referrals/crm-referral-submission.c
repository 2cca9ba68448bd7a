/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include "crm-referral-submission.h"

/* A filled referral form and its documents, as plain boxed values: the
 * form server fills one per request on its own thread. */

G_DEFINE_BOXED_TYPE (CrmReferralDocument, crm_referral_document,
                     crm_referral_document_copy, crm_referral_document_free)
G_DEFINE_BOXED_TYPE (CrmReferralSubmission, crm_referral_submission,
                     crm_referral_submission_copy, crm_referral_submission_free)

/**
 * crm_referral_document_new:
 * @file_name: the file's name
 * @content_type: (nullable): its MIME type; %NULL for
 *   application/octet-stream
 * @bytes: (nullable): its content
 *
 * Returns: (transfer full): a new #CrmReferralDocument
 */
CrmReferralDocument *
crm_referral_document_new (const char *file_name,
                           const char *content_type,
                           GBytes     *bytes)
{
  CrmReferralDocument *document = g_new0 (CrmReferralDocument, 1);

  document->file_name = g_strdup (file_name != NULL ? file_name : "");
  document->content_type = g_strdup (content_type != NULL ? content_type : "application/octet-stream");
  document->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  document->size = bytes != NULL ? g_bytes_get_size (bytes) : 0;

  return document;
}

/**
 * crm_referral_document_copy:
 * @document: a #CrmReferralDocument
 *
 * Returns: (transfer full): a copy (sharing the bytes)
 */
CrmReferralDocument *
crm_referral_document_copy (const CrmReferralDocument *document)
{
  CrmReferralDocument *copy;

  g_return_val_if_fail (document != NULL, NULL);

  copy = crm_referral_document_new (document->file_name, document->content_type, document->bytes);
  copy->id = document->id;
  copy->size = document->size;

  return copy;
}

/**
 * crm_referral_document_free:
 * @document: (nullable): a #CrmReferralDocument
 */
void
crm_referral_document_free (CrmReferralDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->file_name);
  g_free (document->content_type);
  g_clear_pointer (&document->bytes, g_bytes_unref);
  g_free (document);
}

/**
 * crm_referral_submission_new:
 *
 * Returns: (transfer full): an empty submission with no documents
 */
CrmReferralSubmission *
crm_referral_submission_new (void)
{
  CrmReferralSubmission *submission = g_new0 (CrmReferralSubmission, 1);

  submission->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_referral_document_free);

  return submission;
}

/**
 * crm_referral_submission_add_document:
 * @submission: a #CrmReferralSubmission
 * @file_name: the file's name
 * @content_type: (nullable): its MIME type
 * @bytes: its content
 *
 * Attaches a file to @submission.
 */
void
crm_referral_submission_add_document (CrmReferralSubmission *submission,
                                      const char            *file_name,
                                      const char            *content_type,
                                      GBytes                *bytes)
{
  g_return_if_fail (submission != NULL);

  g_ptr_array_add (submission->documents, crm_referral_document_new (file_name, content_type, bytes));
}

/**
 * crm_referral_submission_copy:
 * @submission: a #CrmReferralSubmission
 *
 * Returns: (transfer full): a copy
 */
CrmReferralSubmission *
crm_referral_submission_copy (const CrmReferralSubmission *submission)
{
  CrmReferralSubmission *copy;

  g_return_val_if_fail (submission != NULL, NULL);

  copy = crm_referral_submission_new ();
  copy->form_id = submission->form_id;
  copy->submission_id = g_strdup (submission->submission_id);
  copy->investment_id = submission->investment_id;
  copy->client_name = g_strdup (submission->client_name);
  copy->phone = g_strdup (submission->phone);
  copy->email = g_strdup (submission->email);
  copy->pesel = g_strdup (submission->pesel);
  copy->id_card = g_strdup (submission->id_card);
  copy->advisor_name = g_strdup (submission->advisor_name);
  copy->advisor_email = g_strdup (submission->advisor_email);
  copy->advisor_phone = g_strdup (submission->advisor_phone);
  copy->consent = submission->consent;
  copy->remote_address = g_strdup (submission->remote_address);
  for (guint i = 0; submission->documents != NULL && i < submission->documents->len; i++)
    g_ptr_array_add (copy->documents, crm_referral_document_copy (g_ptr_array_index (submission->documents, i)));

  return copy;
}

/**
 * crm_referral_submission_free:
 * @submission: (nullable): a #CrmReferralSubmission
 */
void
crm_referral_submission_free (CrmReferralSubmission *submission)
{
  if (submission == NULL)
    return;
  g_free (submission->submission_id);
  g_free (submission->client_name);
  g_free (submission->phone);
  g_free (submission->email);
  g_free (submission->pesel);
  g_free (submission->id_card);
  g_free (submission->advisor_name);
  g_free (submission->advisor_email);
  g_free (submission->advisor_phone);
  g_free (submission->remote_address);
  g_clear_pointer (&submission->documents, g_ptr_array_unref);
  g_free (submission);
}
