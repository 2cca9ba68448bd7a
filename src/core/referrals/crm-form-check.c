/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-forms"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-catalogue.h"
#include "crm-form-server-private.h"
#include "crm-normalize.h"
#include "crm-referral-check.h"

/*
 * The posted fields checked, each with a message in the page's
 * language that says what to fix: one line of text each (no NUL, CR or
 * LF can reach a mail header or a log), at most CRM_FORM_MAX_FIELD
 * characters, phones as E.164 (Polish numbers by default), e-mail
 * addresses, the PESEL or ID card number the office asks for, the
 * investment among the form's, the documents' types by their content,
 * and the consent.
 */

typedef struct
{
  CrmFormInput *input;
  const char   *language;
  GHashTable   *values;
  GHashTable   *errors;
} Check;

static void
fail (Check      *check,
      const char *field,
      char       *message)
{
  if (!g_hash_table_contains (check->errors, field))
    g_hash_table_insert (check->errors, (gpointer) field, message);
  else
    g_free (message);
}

static char *
tr (Check      *check,
    const char *msgid)
{
  return g_strdup (crm_catalogue_gettext (check->language, msgid));
}

/* What the page shows again: valid UTF-8, control characters out,
 * cut at a length the page can bear. */
static void
keep_value (Check      *check,
            const char *field,
            const char *raw)
{
  g_autofree char *valid = g_utf8_make_valid (raw, MIN (strlen (raw), (gsize) CRM_FORM_MAX_FIELD * 8));
  GString *shown = g_string_new (NULL);
  guint count = 0;

  for (const char *p = valid; *p != '\0' && count < CRM_FORM_MAX_FIELD * 2; p = g_utf8_next_char (p), count++)
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (shown, g_unichar_iscntrl (c) ? ' ' : c);
    }
  g_hash_table_insert (check->values, (gpointer) field, g_string_free (shown, FALSE));
}

/*
 * One line of text: returns it stripped, or NULL (with the field's
 * error when it is required or wrong).
 */
static char *
single_line (Check      *check,
             const char *field,
             gboolean    required)
{
  const char *raw = g_hash_table_lookup (check->input->fields, field);
  g_autofree char *text = NULL;

  if (raw == NULL)
    raw = "";
  keep_value (check, field, raw);
  if (!g_utf8_validate (raw, -1, NULL))
    {
      fail (check, field, tr (check, N_("Use only letters, digits and punctuation in one line.")));
      return NULL;
    }
  for (const char *p = raw; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        fail (check, field, tr (check, N_("Use one line of text, without line breaks or control characters.")));
        return NULL;
      }
  if (g_utf8_strlen (raw, -1) > CRM_FORM_MAX_FIELD)
    {
      fail (check, field, g_strdup_printf (crm_catalogue_gettext (check->language,
                                                                  N_("Use at most %u characters.")),
                                           (guint) CRM_FORM_MAX_FIELD));
      return NULL;
    }
  text = g_strstrip (g_strdup (raw));
  if (*text == '\0')
    {
      if (required)
        fail (check, field, tr (check, N_("Fill this in.")));
      return NULL;
    }

  return g_steal_pointer (&text);
}

static char *
phone (Check      *check,
       const char *field,
       gboolean    required)
{
  g_autofree char *text = single_line (check, field, required);
  char *normalized;

  if (text == NULL)
    return NULL;
  if (!(normalized = crm_normalize_phone (text, "PL", NULL)))
    fail (check, field, tr (check, N_("Give a phone number, for example +48 600 100 200.")));

  return normalized;
}

static char *
email (Check      *check,
       const char *field,
       gboolean    required)
{
  g_autofree char *text = single_line (check, field, required);
  char *normalized;

  if (text == NULL)
    return NULL;
  if (!(normalized = crm_normalize_email (text, NULL)))
    fail (check, field, tr (check, N_("Give an e-mail address, for example name@example.com.")));

  return normalized;
}

static gint64
investment (Check     *check,
            GPtrArray *investments)
{
  g_autofree char *text = single_line (check, CRM_FORM_FIELD_INVESTMENT, TRUE);
  gint64 id;

  if (text == NULL)
    {
      /* "Fill this in." says little for a list */
      g_hash_table_replace (check->errors, (gpointer) CRM_FORM_FIELD_INVESTMENT,
                            tr (check, N_("Choose an investment from the list.")));
      return 0;
    }
  if (g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
    for (guint i = 0; i < investments->len; i++)
      if (((CrmFormChoice *) g_ptr_array_index (investments, i))->id == id)
        return id;
  fail (check, CRM_FORM_FIELD_INVESTMENT, tr (check, N_("Choose an investment from the list.")));

  return 0;
}

static void
identity (Check                 *check,
          CrmFormIdKind          kind,
          CrmReferralSubmission *submission)
{
  g_autofree char *pesel = NULL;
  g_autofree char *id_card = NULL;

  if (kind != CRM_FORM_ID_CARD)
    pesel = single_line (check, CRM_FORM_FIELD_PESEL, kind == CRM_FORM_ID_PESEL);
  if (kind != CRM_FORM_ID_PESEL)
    id_card = single_line (check, CRM_FORM_FIELD_ID_CARD, kind == CRM_FORM_ID_CARD);

  if (pesel != NULL)
    {
      if (crm_pesel_check (pesel, NULL, NULL))
        submission->pesel = g_steal_pointer (&pesel);
      else
        fail (check, CRM_FORM_FIELD_PESEL,
              tr (check, N_("This is not a valid PESEL number: check its 11 digits.")));
    }
  if (id_card != NULL)
    {
      g_autofree char *normalized = crm_id_card_normalize (id_card);

      if (normalized != NULL && crm_id_card_check (normalized, NULL))
        submission->id_card = g_steal_pointer (&normalized);
      else
        fail (check, CRM_FORM_FIELD_ID_CARD,
              tr (check, N_("This is not a valid ID card number: three letters and six digits, as on the card.")));
    }
  if (kind == CRM_FORM_ID_BOTH && submission->pesel == NULL && submission->id_card == NULL &&
      !g_hash_table_contains (check->errors, CRM_FORM_FIELD_PESEL) &&
      !g_hash_table_contains (check->errors, CRM_FORM_FIELD_ID_CARD))
    fail (check, CRM_FORM_FIELD_PESEL, tr (check, N_("Give the PESEL number or the ID card number.")));
}

static void
documents (Check                 *check,
           CrmReferralSubmission *submission)
{
  if (check->input->file_parts > CRM_FORM_MAX_FILES)
    {
      fail (check, CRM_FORM_FIELD_DOCUMENTS,
            g_strdup_printf (crm_catalogue_gettext (check->language, N_("Attach at most %u documents.")),
                             (guint) CRM_FORM_MAX_FILES));
      return;
    }
  for (guint i = 0; i < check->input->files->len; i++)
    {
      CrmFormFile *file = g_ptr_array_index (check->input->files, i);

      if (g_bytes_get_size (file->bytes) == 0)
        {
          fail (check, CRM_FORM_FIELD_DOCUMENTS,
                /* Translators: a document's file name */
                g_strdup_printf (crm_catalogue_gettext (check->language, N_("“%s” is empty.")), file->file_name));
          return;
        }
      if (file->content_type == NULL)
        {
          fail (check, CRM_FORM_FIELD_DOCUMENTS,
                /* Translators: a document's file name */
                g_strdup_printf (crm_catalogue_gettext (check->language, N_("“%s” is not a PDF, JPEG or PNG file.")),
                                 file->file_name));
          return;
        }
      crm_referral_submission_add_document (submission, file->file_name, file->content_type, file->bytes);
    }
}

/**
 * _crm_form_check:
 * @input: the posted fields
 * @language: the page's language, for the messages
 * @id_kind: which identity number the form asks for
 * @investments: (element-type CrmFormChoice): the form's investments
 * @values: field → what was entered, to show again
 * @errors: field → what is wrong, in @language
 *
 * Returns: (transfer full) (nullable): the submission, without its
 *   form, id and address; %NULL when @errors says what to fix
 */
CrmReferralSubmission *
_crm_form_check (CrmFormInput  *input,
                 const char    *language,
                 CrmFormIdKind  id_kind,
                 GPtrArray     *investments,
                 GHashTable    *values,
                 GHashTable    *errors)
{
  g_autoptr(CrmReferralSubmission) submission = crm_referral_submission_new ();
  Check check = { input, language, values, errors };
  g_autofree char *consent = NULL;

  submission->investment_id = investment (&check, investments);
  submission->client_name = single_line (&check, CRM_FORM_FIELD_CLIENT_NAME, TRUE);
  submission->phone = phone (&check, CRM_FORM_FIELD_PHONE, TRUE);
  submission->email = email (&check, CRM_FORM_FIELD_EMAIL, FALSE);
  identity (&check, id_kind, submission);
  documents (&check, submission);
  submission->advisor_name = single_line (&check, CRM_FORM_FIELD_ADVISOR_NAME, TRUE);
  submission->advisor_email = email (&check, CRM_FORM_FIELD_ADVISOR_EMAIL, TRUE);
  submission->advisor_phone = phone (&check, CRM_FORM_FIELD_ADVISOR_PHONE, FALSE);
  consent = single_line (&check, CRM_FORM_FIELD_CONSENT, FALSE);
  submission->consent = consent != NULL;
  if (!submission->consent)
    fail (&check, CRM_FORM_FIELD_CONSENT, tr (&check, N_("Tick this: the client’s consent is needed.")));

  if (g_hash_table_size (errors) > 0)
    return NULL;

  return g_steal_pointer (&submission);
}
