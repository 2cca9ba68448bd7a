/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CrmParsedAttachment:
 * @name: the file name, decoded; never %NULL
 * @mime_type: e.g. "application/pdf"
 * @data: the decoded content
 */
typedef struct
{
  char   *name;
  char   *mime_type;
  GBytes *data;
} CrmParsedAttachment;

/**
 * CrmMailKind:
 * @CRM_MAIL_KIND_ORDINARY: mail that may open a ticket
 * @CRM_MAIL_KIND_AUTO_REPLY: an automatic response (RFC 3834:
 *   Auto-Submitted other than "no", X-Autoreply, X-Autorespond, a
 *   vacation responder, a receipt); never opens a ticket
 * @CRM_MAIL_KIND_DELIVERY_REPORT: a delivery report (a bounce, a
 *   delay); never opens a ticket, joins the ticket of the mail it
 *   reports on
 */
typedef enum
{
  CRM_MAIL_KIND_ORDINARY,
  CRM_MAIL_KIND_AUTO_REPLY,
  CRM_MAIL_KIND_DELIVERY_REPORT,
} CrmMailKind;

/**
 * CrmParsedRecipient:
 * @address: a recipient a delivery report is about
 * @action: "failed", "delayed", … (RFC 3464), lower case
 * @diagnostic: what the server said, or the status code; may be %NULL
 */
typedef struct
{
  char *address;
  char *action;
  char *diagnostic;
} CrmParsedRecipient;

/**
 * CrmParsedMessage:
 *
 * What a received mail says, as far as it parses: decoded UTF-8
 * headers, the text (text/plain preferred; HTML made into plain text
 * with no remote content and no scripts), the attachments, a
 * Message-ID (a synthetic one from the content's hash when the mail
 * has none), and whether a robot sent it: an automatic response or a
 * delivery report (which opens no ticket), or list and bulk mail
 * (which does, but is never answered automatically).
 */
typedef struct
{
  char        *message_id;
  gboolean     synthetic_id;
  char        *in_reply_to;
  GStrv        references;
  char        *from_name;
  char        *from_address;
  GStrv        to;
  GStrv        cc;
  char        *subject;
  gint64       date;
  char        *text;
  char        *hash;
  gboolean     auto_reply;      /* kind is not ordinary: opens no ticket */
  CrmMailKind  kind;
  char        *automatic_sign;  /* the header that shows a robot sent it */
  gboolean     bulk;            /* list or bulk mail: never answered automatically */
  GStrv        reported;        /* a report's original Message-IDs */
  GPtrArray   *recipients;      /* CrmParsedRecipient, of a delivery report */
  GPtrArray   *attachments;     /* CrmParsedAttachment */
} CrmParsedMessage;

CrmParsedMessage *crm_parsed_message_new  (GBytes           *raw);
void              crm_parsed_message_free (CrmParsedMessage *message);
char             *crm_html_to_text        (const char       *html);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmParsedMessage, crm_parsed_message_free)

G_END_DECLS
