/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-forms"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-catalogue.h"
#include "crm-form-page.h"

/*
 * The referral form's HTML (issue 16, RF1): one page with its style
 * inline (the Content-Security-Policy allows that style by its hash and
 * nothing else), no script, no outside resource, so that it works in
 * any browser with JavaScript off. Every text a client typed is
 * escaped; every input has its label, its error tied to it with
 * aria-describedby, and a summary of the errors heads the page.
 */

static const char style[] =
  "*{box-sizing:border-box}"
  "body{margin:0;background:#f6f5f4;color:#241f31;font:16px/1.5 Cantarell,\"Noto Sans\",\"DejaVu Sans\",sans-serif}"
  "main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem 3rem}"
  "h1{font-size:1.6rem;margin:0 0 .25rem}"
  ".sub{color:#5e5c64;margin:0 0 1rem}"
  "fieldset{border:1px solid #deddda;border-radius:8px;background:#fff;margin:0 0 1rem;padding:.75rem 1rem 1rem}"
  "legend{font-weight:bold;padding:0 .25rem}"
  ".field{margin:.75rem 0 0}"
  "label{display:block;font-weight:600}"
  ".hint{display:block;color:#5e5c64;font-size:.9rem}"
  "input[type=text],input[type=email],input[type=tel],select{width:100%;font:inherit;padding:.45rem .55rem;"
  "border:1px solid #9a9996;border-radius:6px;background:#fff;color:inherit}"
  "input[type=file]{font:inherit;max-width:100%}"
  "input:focus,select:focus,button:focus,a:focus{outline:3px solid #3584e4;outline-offset:1px}"
  "[aria-invalid=true]{border-color:#c01c28;border-width:2px}"
  ".error{color:#c01c28;font-weight:600;margin:.2rem 0 0}"
  ".check{display:flex;gap:.6rem;align-items:flex-start}"
  ".check input{width:1.25rem;height:1.25rem;margin:.2rem 0 0;flex:none}"
  ".check label{font-weight:normal}"
  ".summary{border:3px solid #c01c28;border-radius:8px;background:#fff;padding:.75rem 1rem;margin:0 0 1rem}"
  ".summary h2{font-size:1.15rem;margin:0 0 .25rem}"
  ".summary a{color:#c01c28;font-weight:600}"
  ".notice{border-left:4px solid #e5a50a;background:#fff;padding:.5rem .75rem;margin:0 0 1rem}"
  "button{font:inherit;font-weight:bold;color:#fff;background:#1c71d8;border:0;border-radius:6px;padding:.65rem 1.4rem;"
  "cursor:pointer}"
  "button:hover{background:#1a5fb4}"
  ".req{color:#c01c28}"
  ".hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}"
  ".message{background:#fff;border:1px solid #deddda;border-radius:8px;padding:1rem 1.25rem}";

typedef enum
{
  INPUT_TEXT,
  INPUT_EMAIL,
  INPUT_TEL,
} InputKind;

static const char * const input_types[] = { "text", "email", "tel" };

/* Helpers */

static const char *
tr (const CrmFormPage *page,
    const char        *msgid)
{
  return crm_catalogue_gettext (page->language, msgid);
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

static const char *
value_of (const CrmFormPage *page,
          const char        *field)
{
  return page->values != NULL ? g_hash_table_lookup (page->values, field) : NULL;
}

static const char *
error_of (const CrmFormPage *page,
          const char        *field)
{
  return page->errors != NULL ? g_hash_table_lookup (page->errors, field) : NULL;
}

static void
append_head (GString    *out,
             const char *language,
             const char *title)
{
  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"");
  append_escaped (out, language);
  g_string_append (out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        "<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>");
  append_escaped (out, title);
  g_string_append_printf (out, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n", style);
}

static void
append_tail (GString *out)
{
  g_string_append (out, "</main>\n</body>\n</html>\n");
}

/* aria-describedby: the hint and the error, those there are */
static void
append_described_by (GString    *out,
                     const char *field,
                     gboolean    hint,
                     gboolean    error)
{
  if (!hint && !error)
    return;
  g_string_append (out, " aria-describedby=\"");
  if (hint)
    g_string_append_printf (out, "h-%s", field);
  if (error)
    g_string_append_printf (out, "%se-%s", hint ? " " : "", field);
  g_string_append_c (out, '"');
  if (error)
    g_string_append (out, " aria-invalid=\"true\"");
}

static void
append_label (GString    *out,
              const char *field,
              const char *label,
              gboolean    required)
{
  g_string_append_printf (out, "<label for=\"f-%s\">", field);
  append_escaped (out, label);
  if (required)
    g_string_append (out, " <span class=\"req\" aria-hidden=\"true\">*</span>");
  g_string_append (out, "</label>\n");
}

static void
append_hint_and_error (GString    *out,
                       const char *field,
                       const char *hint,
                       const char *error)
{
  if (hint != NULL)
    {
      g_string_append_printf (out, "<span class=\"hint\" id=\"h-%s\">", field);
      append_escaped (out, hint);
      g_string_append (out, "</span>\n");
    }
  if (error != NULL)
    {
      g_string_append_printf (out, "<p class=\"error\" id=\"e-%s\">", field);
      append_escaped (out, error);
      g_string_append (out, "</p>\n");
    }
}

static void
append_input (GString           *out,
              const CrmFormPage *page,
              const char        *field,
              InputKind          kind,
              const char        *label,
              const char        *hint,
              gboolean           required,
              const char        *autocomplete)
{
  const char *error = error_of (page, field);

  g_string_append (out, "<div class=\"field\">\n");
  append_label (out, field, label, required);
  append_hint_and_error (out, field, hint, error);
  g_string_append_printf (out, "<input type=\"%s\" id=\"f-%s\" name=\"%s\" maxlength=\"200\" autocomplete=\"%s\"",
                          input_types[kind], field, field, autocomplete);
  if (required)
    g_string_append (out, " required");
  append_described_by (out, field, hint != NULL, error != NULL);
  g_string_append (out, " value=\"");
  append_escaped (out, value_of (page, field));
  g_string_append (out, "\">\n</div>\n");
}

static void
append_investments (GString           *out,
                    const CrmFormPage *page)
{
  const char *field = CRM_FORM_FIELD_INVESTMENT;
  const char *chosen = value_of (page, field);
  const char *error = error_of (page, field);

  g_string_append (out, "<div class=\"field\">\n");
  append_label (out, field, tr (page, N_("Investment")), TRUE);
  append_hint_and_error (out, field, NULL, error);
  g_string_append_printf (out, "<select id=\"f-%s\" name=\"%s\" required", field, field);
  append_described_by (out, field, FALSE, error != NULL);
  g_string_append (out, ">\n<option value=\"\">");
  append_escaped (out, tr (page, N_("Choose an investment")));
  g_string_append (out, "</option>\n");
  for (guint i = 0; page->investments != NULL && i < page->investments->len; i++)
    {
      CrmFormChoice *choice = g_ptr_array_index (page->investments, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, choice->id);

      g_string_append_printf (out, "<option value=\"%s\"%s>", id,
                              g_strcmp0 (chosen, id) == 0 ? " selected" : "");
      append_escaped (out, choice->name);
      g_string_append (out, "</option>\n");
    }
  g_string_append (out, "</select>\n</div>\n");
}

static void
append_documents (GString           *out,
                  const CrmFormPage *page)
{
  const char *field = CRM_FORM_FIELD_DOCUMENTS;
  const char *error = error_of (page, field);
  /* Translators: the hint under the documents' field of the referral form */
  g_autofree char *hint = g_strdup_printf (crm_catalogue_gettext (page->language,
                                                                  N_("PDF, JPEG or PNG; at most %u files of up to %u MB each.")),
                                           page->max_files, page->max_file_mb);
  g_autofree char *again = NULL;

  /* uploaded files are never sent back: the page says so */
  if (page->files_again)
    error = again = g_strjoin (" ", error != NULL ? error : "",
                               tr (page, N_("The documents were not kept: choose them again.")), NULL);
  if (again != NULL)
    g_strstrip (again);

  g_string_append (out, "<div class=\"field\">\n");
  append_label (out, field, tr (page, N_("Documents")), FALSE);
  append_hint_and_error (out, field, hint, error);
  g_string_append_printf (out, "<input type=\"file\" id=\"f-%s\" name=\"%s\" multiple "
                               "accept=\".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png\"", field, field);
  append_described_by (out, field, TRUE, error != NULL);
  g_string_append (out, ">\n</div>\n");
}

static void
append_consent (GString           *out,
                const CrmFormPage *page)
{
  const char *field = CRM_FORM_FIELD_CONSENT;
  const char *error = error_of (page, field);

  g_string_append (out, "<div class=\"field\">\n");
  append_hint_and_error (out, field, NULL, error);
  g_string_append (out, "<div class=\"check\">\n");
  g_string_append_printf (out, "<input type=\"checkbox\" id=\"f-%s\" name=\"%s\" value=\"yes\" required%s",
                          field, field, value_of (page, field) != NULL && *value_of (page, field) != '\0' ? " checked" : "");
  append_described_by (out, field, FALSE, error != NULL);
  g_string_append (out, ">\n");
  append_label (out, field,
                /* Translators: the consent a broker confirms on the referral form */
                tr (page, N_("The client agrees that the data above is passed to the office, "
                             "to be contacted about the investment.")), TRUE);
  g_string_append (out, "</div>\n</div>\n");
}

static const char *
field_label (const CrmFormPage *page,
             const char        *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { CRM_FORM_FIELD_INVESTMENT, N_("Investment") },
    { CRM_FORM_FIELD_CLIENT_NAME, N_("Client’s full name") },
    { CRM_FORM_FIELD_PHONE, N_("Phone") },
    { CRM_FORM_FIELD_EMAIL, N_("E-mail") },
    { CRM_FORM_FIELD_PESEL, N_("PESEL number") },
    { CRM_FORM_FIELD_ID_CARD, N_("ID card number") },
    { CRM_FORM_FIELD_DOCUMENTS, N_("Documents") },
    { CRM_FORM_FIELD_ADVISOR_NAME, N_("Advisor’s full name") },
    { CRM_FORM_FIELD_ADVISOR_EMAIL, N_("Advisor’s e-mail") },
    { CRM_FORM_FIELD_ADVISOR_PHONE, N_("Advisor’s phone") },
    { CRM_FORM_FIELD_CONSENT, N_("Consent") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (field, labels[i].field))
      return tr (page, labels[i].label);

  return NULL;
}

/* The errors, in the page's order, each a link to its field */
static void
append_summary (GString           *out,
                const CrmFormPage *page)
{
  static const char * const order[] = {
    CRM_FORM_FIELD_FORM, CRM_FORM_FIELD_INVESTMENT, CRM_FORM_FIELD_CLIENT_NAME, CRM_FORM_FIELD_PHONE,
    CRM_FORM_FIELD_EMAIL, CRM_FORM_FIELD_PESEL, CRM_FORM_FIELD_ID_CARD, CRM_FORM_FIELD_DOCUMENTS,
    CRM_FORM_FIELD_ADVISOR_NAME, CRM_FORM_FIELD_ADVISOR_EMAIL, CRM_FORM_FIELD_ADVISOR_PHONE,
    CRM_FORM_FIELD_CONSENT,
  };

  if (page->errors == NULL || g_hash_table_size (page->errors) == 0)
    return;

  g_string_append (out, "<div class=\"summary\" role=\"alert\" aria-labelledby=\"summary-title\" tabindex=\"-1\" "
                        "id=\"summary\">\n<h2 id=\"summary-title\">");
  append_escaped (out, tr (page, N_("The referral was not sent. Please correct:")));
  g_string_append (out, "</h2>\n<ul>\n");
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *error = error_of (page, order[i]);
      const char *label;

      if (error == NULL)
        continue;
      if (g_str_equal (order[i], CRM_FORM_FIELD_FORM))
        {
          g_string_append (out, "<li>");
          append_escaped (out, error);
          g_string_append (out, "</li>\n");
          continue;
        }
      label = field_label (page, order[i]);
      g_string_append_printf (out, "<li><a href=\"#f-%s\">", order[i]);
      append_escaped (out, label);
      g_string_append (out, ": ");
      append_escaped (out, error);
      g_string_append (out, "</a></li>\n");
    }
  g_string_append (out, "</ul>\n</div>\n");
}

/* Public API */

/**
 * crm_form_choice_free:
 * @choice: (transfer full): a #CrmFormChoice
 */
void
crm_form_choice_free (CrmFormChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->name);
  g_free (choice);
}

/**
 * crm_form_page_get_style_hash:
 *
 * Returns: (transfer none): the page's inline style's SHA-256, in the
 *   form a Content-Security-Policy names it: "'sha256-…'"
 */
const char *
crm_form_page_get_style_hash (void)
{
  static char *hash;

  if (g_once_init_enter (&hash))
    {
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      guint8 digest[32];
      gsize length = sizeof digest;
      g_autofree char *base64 = NULL;

      g_checksum_update (checksum, (const guchar *) style, sizeof style - 1);
      g_checksum_get_digest (checksum, digest, &length);
      base64 = g_base64_encode (digest, length);
      g_once_init_leave (&hash, g_strdup_printf ("'sha256-%s'", base64));
    }

  return hash;
}

/**
 * crm_form_page_render:
 * @page: what the page shows
 *
 * Returns: (transfer full): the form's page, HTML in UTF-8
 */
char *
crm_form_page_render (const CrmFormPage *page)
{
  GString *out = g_string_sized_new (8192);
  const char *heading;

  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (page->language != NULL && page->action != NULL && page->stamp != NULL, NULL);

  /* Translators: the heading of the referral form brokers fill in */
  heading = tr (page, N_("Refer a client"));
  append_head (out, page->language, heading);
  g_string_append (out, "<h1>");
  append_escaped (out, heading);
  g_string_append (out, "</h1>\n");
  if (page->title != NULL && *page->title != '\0')
    {
      g_string_append (out, "<p class=\"sub\">");
      append_escaped (out, page->title);
      g_string_append (out, "</p>\n");
    }
  append_summary (out, page);

  g_string_append (out, "<form method=\"post\" enctype=\"multipart/form-data\" accept-charset=\"utf-8\" "
                        "novalidate action=\"");
  append_escaped (out, page->action);
  g_string_append (out, "\">\n<p class=\"sub\">");
  append_escaped (out, tr (page, N_("Fields marked with * are required.")));
  g_string_append (out, "</p>\n");

  g_string_append (out, "<fieldset>\n<legend>");
  append_escaped (out, tr (page, N_("Client")));
  g_string_append (out, "</legend>\n");
  append_investments (out, page);
  append_input (out, page, CRM_FORM_FIELD_CLIENT_NAME, INPUT_TEXT, tr (page, N_("Client’s full name")), NULL,
                TRUE, "off");
  append_input (out, page, CRM_FORM_FIELD_PHONE, INPUT_TEL, tr (page, N_("Phone")),
                /* Translators: an example of a phone number's form */
                tr (page, N_("For example +48 600 100 200")), TRUE, "off");
  append_input (out, page, CRM_FORM_FIELD_EMAIL, INPUT_EMAIL, tr (page, N_("E-mail")), NULL, FALSE, "off");
  if (page->id_kind == CRM_FORM_ID_BOTH)
    {
      g_string_append (out, "<p class=\"hint\">");
      append_escaped (out, tr (page, N_("Give the PESEL number or the ID card number.")));
      g_string_append (out, "</p>\n");
    }
  if (page->id_kind != CRM_FORM_ID_CARD)
    append_input (out, page, CRM_FORM_FIELD_PESEL, INPUT_TEXT, tr (page, N_("PESEL number")), NULL,
                  page->id_kind == CRM_FORM_ID_PESEL, "off");
  if (page->id_kind != CRM_FORM_ID_PESEL)
    append_input (out, page, CRM_FORM_FIELD_ID_CARD, INPUT_TEXT, tr (page, N_("ID card number")),
                  /* Translators: the form of a Polish ID card's number */
                  tr (page, N_("Three letters and six digits, for example ABA300000")),
                  page->id_kind == CRM_FORM_ID_CARD, "off");
  append_documents (out, page);
  g_string_append (out, "</fieldset>\n");

  g_string_append (out, "<fieldset>\n<legend>");
  /* Translators: the person at the broker's who refers the client */
  append_escaped (out, tr (page, N_("Broker’s advisor")));
  g_string_append (out, "</legend>\n");
  append_input (out, page, CRM_FORM_FIELD_ADVISOR_NAME, INPUT_TEXT, tr (page, N_("Advisor’s full name")), NULL,
                TRUE, "name");
  append_input (out, page, CRM_FORM_FIELD_ADVISOR_EMAIL, INPUT_EMAIL, tr (page, N_("Advisor’s e-mail")), NULL,
                TRUE, "email");
  append_input (out, page, CRM_FORM_FIELD_ADVISOR_PHONE, INPUT_TEL, tr (page, N_("Advisor’s phone")), NULL,
                FALSE, "tel");
  g_string_append (out, "</fieldset>\n");

  append_consent (out, page);

  /* people do not see it and leave it empty; form-filling robots do not */
  g_string_append (out, "<div class=\"hp\" aria-hidden=\"true\">\n");
  g_string_append_printf (out, "<label for=\"f-%s\">", CRM_FORM_FIELD_HONEYPOT);
  append_escaped (out, tr (page, N_("Leave this field empty")));
  g_string_append_printf (out, "</label>\n<input type=\"text\" id=\"f-%s\" name=\"%s\" tabindex=\"-1\" "
                               "autocomplete=\"off\" value=\"\">\n</div>\n",
                          CRM_FORM_FIELD_HONEYPOT, CRM_FORM_FIELD_HONEYPOT);
  g_string_append_printf (out, "<input type=\"hidden\" name=\"%s\" value=\"", CRM_FORM_FIELD_STAMP);
  append_escaped (out, page->stamp);
  g_string_append (out, "\">\n<p><button type=\"submit\">");
  append_escaped (out, tr (page, N_("Send the referral")));
  g_string_append (out, "</button></p>\n</form>\n");
  append_tail (out);

  return g_string_free (out, FALSE);
}

/**
 * crm_form_page_render_notice:
 * @language: the page's language
 * @notice: which
 *
 * Returns: (transfer full): a page of one message, HTML in UTF-8
 */
char *
crm_form_page_render_notice (const char    *language,
                             CrmFormNotice  notice)
{
  static const struct { const char *title; const char *text; } notices[] = {
    [CRM_FORM_NOTICE_THANKS] = {
      N_("Thank you"),
      N_("The referral was received. The office will contact the client; you will hear from us by e-mail.") },
    [CRM_FORM_NOTICE_NOT_FOUND] = {
      N_("No such form"),
      N_("This address leads to no form. Check the link you were given, or ask the office for it again.") },
    [CRM_FORM_NOTICE_GONE] = {
      N_("This form is closed"),
      N_("The link to this form is no longer valid. Ask the office for a new one.") },
    [CRM_FORM_NOTICE_TOO_MANY] = {
      N_("Too many referrals at once"),
      N_("Too many referrals were sent from here in a short time. Please wait a few minutes and send it again.") },
    [CRM_FORM_NOTICE_TOO_LARGE] = {
      N_("The documents are too large"),
      N_("Attach documents of at most 10 MB each and 25 MB together, and send the referral again.") },
    [CRM_FORM_NOTICE_BAD_REQUEST] = {
      N_("The form could not be read"),
      N_("Go back to the form, reload it and send it again.") },
    [CRM_FORM_NOTICE_FAULT] = {
      N_("The referral was not sent"),
      N_("Something went wrong on our side. Please try again in a few minutes.") },
  };
  GString *out = g_string_sized_new (2048);
  const char *title;

  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail ((guint) notice < G_N_ELEMENTS (notices), NULL);

  title = crm_catalogue_gettext (language, notices[notice].title);
  append_head (out, language, title);
  g_string_append (out, "<div class=\"message\" role=\"status\">\n<h1>");
  append_escaped (out, title);
  g_string_append (out, "</h1>\n<p>");
  append_escaped (out, crm_catalogue_gettext (language, notices[notice].text));
  g_string_append (out, "</p>\n</div>\n");
  append_tail (out);

  return g_string_free (out, FALSE);
}
