/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CrmFormIdKind:
 * @CRM_FORM_ID_PESEL: the client's PESEL number (the default: asks for
 *   the least)
 * @CRM_FORM_ID_CARD: the number of the client's ID card
 * @CRM_FORM_ID_BOTH: either, at least one of them
 *
 * Which identity number a referral form asks for (an office setting).
 */
typedef enum
{
  CRM_FORM_ID_PESEL,
  CRM_FORM_ID_CARD,
  CRM_FORM_ID_BOTH,
} CrmFormIdKind;

/**
 * CrmFormNotice:
 * @CRM_FORM_NOTICE_THANKS: the referral was received (200)
 * @CRM_FORM_NOTICE_NOT_FOUND: no such form (404)
 * @CRM_FORM_NOTICE_GONE: the form was revoked or has expired (410)
 * @CRM_FORM_NOTICE_TOO_MANY: too many submissions a while (429)
 * @CRM_FORM_NOTICE_TOO_LARGE: the request is over the limits (413)
 * @CRM_FORM_NOTICE_BAD_REQUEST: a request no browser sends (400)
 * @CRM_FORM_NOTICE_FAULT: the office's fault (500, 503)
 *
 * The pages of one message that the form server answers with.
 */
typedef enum
{
  CRM_FORM_NOTICE_THANKS,
  CRM_FORM_NOTICE_NOT_FOUND,
  CRM_FORM_NOTICE_GONE,
  CRM_FORM_NOTICE_TOO_MANY,
  CRM_FORM_NOTICE_TOO_LARGE,
  CRM_FORM_NOTICE_BAD_REQUEST,
  CRM_FORM_NOTICE_FAULT,
} CrmFormNotice;

/* The fields' names in the page and in its submission */
#define CRM_FORM_FIELD_INVESTMENT    "investment"
#define CRM_FORM_FIELD_CLIENT_NAME   "client_name"
#define CRM_FORM_FIELD_PHONE         "phone"
#define CRM_FORM_FIELD_EMAIL         "email"
#define CRM_FORM_FIELD_PESEL         "pesel"
#define CRM_FORM_FIELD_ID_CARD       "id_card"
#define CRM_FORM_FIELD_DOCUMENTS     "documents"
#define CRM_FORM_FIELD_ADVISOR_NAME  "advisor_name"
#define CRM_FORM_FIELD_ADVISOR_EMAIL "advisor_email"
#define CRM_FORM_FIELD_ADVISOR_PHONE "advisor_phone"
#define CRM_FORM_FIELD_CONSENT       "consent"
#define CRM_FORM_FIELD_HONEYPOT      "website"
#define CRM_FORM_FIELD_STAMP         "stamp"
/* an error about the whole form, at the top only */
#define CRM_FORM_FIELD_FORM          "form"

/**
 * CrmFormChoice:
 * @id: an investment's id
 * @name: its name
 */
typedef struct
{
  gint64  id;
  char   *name;
} CrmFormChoice;

/**
 * CrmFormPage:
 * @language: the page's language (crm_catalogue_negotiate())
 * @action: the form's path, "/f/TOKEN"
 * @title: (nullable): the form's name, shown under the heading
 * @id_kind: which identity number to ask for
 * @investments: (element-type CrmFormChoice): the investments to choose from
 * @values: (nullable): field name → the text entered, when shown again
 * @errors: (nullable): field name → what is wrong, in @language
 * @files_again: documents were chosen, but must be chosen again
 * @stamp: the signed time the page was served and the submission's id
 * @max_files: how many documents at most
 * @max_file_mb: how large one document may be, in MB
 *
 * What the form's page shows.
 */
typedef struct
{
  const char    *language;
  const char    *action;
  const char    *title;
  CrmFormIdKind  id_kind;
  GPtrArray     *investments;
  GHashTable    *values;
  GHashTable    *errors;
  gboolean       files_again;
  const char    *stamp;
  guint          max_files;
  guint          max_file_mb;
} CrmFormPage;

void           crm_form_choice_free         (CrmFormChoice *choice);
const char    *crm_form_page_get_style_hash (void);
char          *crm_form_page_render         (const CrmFormPage *page);
char          *crm_form_page_render_notice  (const char        *language,
                                             CrmFormNotice      notice);

G_END_DECLS
