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
 * CrmParsedMessage:
 *
 * What a received mail says, as far as it parses: decoded UTF-8
 * headers, the text (text/plain preferred; HTML made into plain text
 * with no remote content and no scripts), the attachments, and a
 * Message-ID (a synthetic one from the content's hash when the mail
 * has none).
 */
typedef struct
{
  char      *message_id;
  gboolean   synthetic_id;
  char      *in_reply_to;
  GStrv      references;
  char      *from_name;
  char      *from_address;
  GStrv      to;
  GStrv      cc;
  char      *subject;
  gint64     date;
  char      *text;
  char      *hash;
  gboolean   auto_reply;
  GPtrArray *attachments;   /* CrmParsedAttachment */
} CrmParsedMessage;

CrmParsedMessage *crm_parsed_message_new   (GBytes           *raw);
void              crm_parsed_message_free  (CrmParsedMessage *message);
char             *crm_html_to_text         (const char       *html);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmParsedMessage, crm_parsed_message_free)

G_END_DECLS
