/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CrmReferralDocument:
 * @id: the document's id once stored, 0 before
 * @file_name: the file's name as the broker's browser gave it
 * @content_type: its MIME type
 * @bytes: (nullable): its content; %NULL in a referral's card until
 *   read with crm_referral_store_get_document()
 * @size: its size in bytes
 *
 * A file attached in a referral's form (RF9).
 */
typedef struct
{
  gint64  id;
  char   *file_name;
  char   *content_type;
  GBytes *bytes;
  gsize   size;
} CrmReferralDocument;

#define CRM_TYPE_REFERRAL_DOCUMENT (crm_referral_document_get_type ())

GType                crm_referral_document_get_type (void) G_GNUC_CONST;
CrmReferralDocument *crm_referral_document_new      (const char                *file_name,
                                                     const char                *content_type,
                                                     GBytes                    *bytes);
CrmReferralDocument *crm_referral_document_copy     (const CrmReferralDocument *document);
void                 crm_referral_document_free     (CrmReferralDocument       *document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmReferralDocument, crm_referral_document_free)

/**
 * CrmReferralSubmission:
 * @form_id: the form (source) it came through
 * @submission_id: made by the form's page, once per filled form: a
 *   resend or a double click with the same id stores one referral
 * @investment_id: the investment chosen, 0 for none
 * @client_name: the client's name
 * @phone: (nullable): the client's phone, E.164
 * @email: (nullable): the client's e-mail address, normalised
 * @pesel: (nullable): the client's PESEL, checked
 * @id_card: (nullable): the client's ID card number, checked, in capitals
 * @advisor_name: the broker's advisor who refers the client
 * @advisor_email: (nullable): the advisor's address
 * @advisor_phone: (nullable): the advisor's phone, E.164
 * @consent: whether the consent line was ticked
 * @remote_address: (nullable): where the form was sent from, for the log
 * @documents: (element-type CrmReferralDocument): the files attached
 *
 * One filled referral form, as the form server hands it to
 * crm_referral_store_submit(). Every text is checked and normalised by
 * the caller; the store checks again what it must not store wrong.
 */
typedef struct
{
  gint64     form_id;
  char      *submission_id;
  gint64     investment_id;
  char      *client_name;
  char      *phone;
  char      *email;
  char      *pesel;
  char      *id_card;
  char      *advisor_name;
  char      *advisor_email;
  char      *advisor_phone;
  gboolean   consent;
  char      *remote_address;
  GPtrArray *documents;
} CrmReferralSubmission;

#define CRM_TYPE_REFERRAL_SUBMISSION (crm_referral_submission_get_type ())

GType                  crm_referral_submission_get_type (void) G_GNUC_CONST;
CrmReferralSubmission *crm_referral_submission_new      (void);
CrmReferralSubmission *crm_referral_submission_copy     (const CrmReferralSubmission *submission);
void                   crm_referral_submission_free     (CrmReferralSubmission       *submission);
void                   crm_referral_submission_add_document (CrmReferralSubmission   *submission,
                                                             const char              *file_name,
                                                             const char              *content_type,
                                                             GBytes                  *bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmReferralSubmission, crm_referral_submission_free)

G_END_DECLS
