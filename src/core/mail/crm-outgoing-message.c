/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-outgoing-message"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include "crm-error.h"
#include "crm-gmime-private.h"
#include "crm-normalize.h"
#include "crm-outgoing-message.h"

/**
 * CrmOutgoingMessage:
 *
 * A mail to send, built with GMime into the exact bytes that go to the
 * SMTP server and to the outbox: UTF-8 text in quoted-printable or
 * base64 as fits, encoded words for non-ASCII headers, a Message-ID of
 * ours (recognisable when replies come back), In-Reply-To and
 * References for replies, and attachments.
 *
 * Limits are checked when the message is built: at most 30 CC
 * addresses (TK4) and 25 MB per attachment (TK5). A CR or LF in any
 * header value is turned into a space, so no value can add a header.
 * A message with HTML carries it beside the plain text, as
 * multipart/alternative.
 */
struct _CrmOutgoingMessage
{
  GObject    parent_instance;

  char      *from_name;
  char      *from_address;
  GPtrArray *to;
  GPtrArray *cc;
  GPtrArray *bcc;
  char      *subject;
  char      *body;
  char      *html;
  char      *in_reply_to;
  GStrv      references;
  char      *reply_to;
  char      *auto_submitted;
  GPtrArray *attachments;   /* Attachment */
};

typedef struct
{
  char   *filename;
  char   *mime_type;
  GBytes *data;
} Attachment;

G_DEFINE_FINAL_TYPE (CrmOutgoingMessage, crm_outgoing_message, G_TYPE_OBJECT)

#define OUR_ID_PREFIX "crm."

static void
attachment_free (gpointer data)
{
  Attachment *attachment = data;

  g_free (attachment->filename);
  g_free (attachment->mime_type);
  g_bytes_unref (attachment->data);
  g_free (attachment);
}

/* Header values are single lines, whatever was typed or pasted. */
static char *
one_line (const char *text)
{
  char *line = g_strdup (text ? text : "");

  for (char *p = line; *p; p++)
    if (*p == '\r' || *p == '\n')
      *p = ' ';

  return g_strstrip (line);
}

static void
ensure_gmime (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      g_mime_init ();
      g_once_init_leave (&initialized, 1);
    }
}

static void
crm_outgoing_message_finalize (GObject *object)
{
  CrmOutgoingMessage *self = (CrmOutgoingMessage *)object;

  g_free (self->from_name);
  g_free (self->from_address);
  g_ptr_array_unref (self->to);
  g_ptr_array_unref (self->cc);
  g_ptr_array_unref (self->bcc);
  g_free (self->subject);
  g_free (self->body);
  g_free (self->html);
  g_free (self->in_reply_to);
  g_free (self->reply_to);
  g_free (self->auto_submitted);
  g_strfreev (self->references);
  g_ptr_array_unref (self->attachments);

  G_OBJECT_CLASS (crm_outgoing_message_parent_class)->finalize (object);
}

static void
crm_outgoing_message_class_init (CrmOutgoingMessageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_outgoing_message_finalize;
}

static void
crm_outgoing_message_init (CrmOutgoingMessage *self)
{
  self->to = g_ptr_array_new_with_free_func (g_free);
  self->cc = g_ptr_array_new_with_free_func (g_free);
  self->bcc = g_ptr_array_new_with_free_func (g_free);
  self->attachments = g_ptr_array_new_with_free_func (attachment_free);
}

/**
 * crm_outgoing_message_new:
 * @from_name: (nullable): the sender's display name
 * @from_address: the sender's address
 *
 * Returns: (transfer full): a new, empty message
 */
CrmOutgoingMessage *
crm_outgoing_message_new (const char *from_name,
                          const char *from_address)
{
  CrmOutgoingMessage *self = g_object_new (CRM_TYPE_OUTGOING_MESSAGE, NULL);

  self->from_name = from_name ? one_line (from_name) : NULL;
  self->from_address = one_line (from_address);

  return self;
}

void
crm_outgoing_message_add_to (CrmOutgoingMessage *self,
                             const char         *address)
{
  g_return_if_fail (CRM_IS_OUTGOING_MESSAGE (self));

  g_ptr_array_add (self->to, one_line (address));
}

void
crm_outgoing_message_add_cc (CrmOutgoingMessage *self,
                             const char         *address)
{
  g_return_if_fail (CRM_IS_OUTGOING_MESSAGE (self));

  g_ptr_array_add (self->cc, one_line (address));
}

void
crm_outgoing_message_add_bcc (CrmOutgoingMessage *self,
                              const char         *address)
{
  g_return_if_fail (CRM_IS_OUTGOING_MESSAGE (self));

  g_ptr_array_add (self->bcc, one_line (address));
}

void
crm_outgoing_message_set_subject (CrmOutgoingMessage *self,
                                  const char         *subject)
{
  g_return_if_fail (CRM_IS_OUTGOING_MESSAGE (self));

  g_free (self->subject);
  self->subject = one_line (subject);
}

const char *
crm_outgoing_message_get_subject (CrmOutgoingMessage *self)
{
  g_return_val_if_fail (CRM_IS_OUTGOING_MESSAGE (self), NULL);

  return self->subject;
}

void
crm_outgoing_message_set_body (CrmOutgoingMessage *self,
                               const char         *text)
{
  g_return_if_fail (CRM_IS_OUTGOING_MESSAGE (self));

  g_free (self->body);
  self->body = g_strdup (text);
}

/**
 * crm_outgoing_message_set_html:
 * @self: a #CrmOutgoingMessage
 * @html: (nullable): the same text as HTML, for mail programs that
 *   show it
 */
void
crm_outgoing_message_set_html (CrmOutgoingMessage *self,
                               const char         *html)
{
  g_return_if_fail (CRM_IS_OUTGOING_MESSAGE (self));

  g_free (self->html);
  self->html = g_strdup (html);
}

/**
 * crm_outgoing_message_set_reply_to:
 * @self: a #CrmOutgoingMessage
 * @address: (nullable): where answers should go instead of the sender
 *
 * Sets the Reply-To header (a forward whose answers go to the user who
 * forwarded it, TK18).
 */
void
crm_outgoing_message_set_reply_to (CrmOutgoingMessage *self,
                                   const char         *address)
{
  g_return_if_fail (CRM_IS_OUTGOING_MESSAGE (self));

  g_free (self->reply_to);
  self->reply_to = address && *address ? one_line (address) : NULL;
}

/**
 * crm_outgoing_message_set_auto_submitted:
 * @self: a #CrmOutgoingMessage
 * @value: (nullable): the Auto-Submitted header's value (RFC 3834):
 *   "auto-generated" for mail no person wrote (an automation's step),
 *   %NULL for none
 *
 * Marks the message as automatic, so that other programs' automatic
 * replies (out-of-office notices) do not answer it.
 */
void
crm_outgoing_message_set_auto_submitted (CrmOutgoingMessage *self,
                                         const char         *value)
{
  g_return_if_fail (CRM_IS_OUTGOING_MESSAGE (self));

  g_free (self->auto_submitted);
  self->auto_submitted = value && *value ? one_line (value) : NULL;
}

/**
 * crm_outgoing_message_set_reply:
 * @self: a #CrmOutgoingMessage
 * @in_reply_to: (nullable): the Message-ID answered, without <>
 * @references: (nullable): the thread's Message-IDs, oldest first, without <>
 */
void
crm_outgoing_message_set_reply (CrmOutgoingMessage *self,
                                const char         *in_reply_to,
                                const char * const *references)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_if_fail (CRM_IS_OUTGOING_MESSAGE (self));

  g_free (self->in_reply_to);
  self->in_reply_to = in_reply_to ? one_line (in_reply_to) : NULL;

  for (guint i = 0; references != NULL && references[i] != NULL; i++)
    {
      g_autofree char *reference = one_line (references[i]);

      g_strv_builder_add (builder, reference);
    }
  g_strfreev (self->references);
  self->references = g_strv_builder_end (builder);
}

/**
 * crm_outgoing_message_add_attachment:
 * @self: a #CrmOutgoingMessage
 * @filename: the name the recipient sees
 * @mime_type: (nullable): e.g. "application/pdf"; guessed from the name when %NULL
 * @data: the content
 */
void
crm_outgoing_message_add_attachment (CrmOutgoingMessage *self,
                                     const char         *filename,
                                     const char         *mime_type,
                                     GBytes             *data)
{
  Attachment *attachment;

  g_return_if_fail (CRM_IS_OUTGOING_MESSAGE (self));
  g_return_if_fail (filename != NULL);
  g_return_if_fail (data != NULL);

  attachment = g_new0 (Attachment, 1);
  attachment->filename = one_line (filename);
  if (mime_type != NULL)
    attachment->mime_type = g_strdup (mime_type);
  else
    {
      g_autofree char *type = g_content_type_guess (filename, NULL, 0, NULL);

      attachment->mime_type = g_content_type_get_mime_type (type);
    }
  if (attachment->mime_type == NULL || strchr (attachment->mime_type, '/') == NULL)
    {
      g_free (attachment->mime_type);
      attachment->mime_type = g_strdup ("application/octet-stream");
    }
  attachment->data = g_bytes_ref (data);
  g_ptr_array_add (self->attachments, attachment);
}

/**
 * crm_outgoing_message_dup_recipients:
 * @self: a #CrmOutgoingMessage
 *
 * Returns: (transfer full): every envelope recipient: To, CC and BCC
 */
GStrv
crm_outgoing_message_dup_recipients (CrmOutgoingMessage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GPtrArray *lists[3];

  g_return_val_if_fail (CRM_IS_OUTGOING_MESSAGE (self), NULL);

  lists[0] = self->to;
  lists[1] = self->cc;
  lists[2] = self->bcc;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      g_strv_builder_add (builder, g_ptr_array_index (lists[l], i));

  return g_strv_builder_end (builder);
}

/**
 * crm_message_id_is_ours:
 * @message_id: a Message-ID, with or without <>
 *
 * Returns: %TRUE for the Message-IDs this application makes
 */
gboolean
crm_message_id_is_ours (const char *message_id)
{
  if (message_id == NULL)
    return FALSE;
  if (*message_id == '<')
    message_id++;

  return g_str_has_prefix (message_id, OUR_ID_PREFIX);
}

static gboolean
check_addresses (GPtrArray  *list,
                 GError    **error)
{
  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *norm = crm_normalize_email (g_ptr_array_index (list, i), error);

      if (norm == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
validate (CrmOutgoingMessage  *self,
          GError             **error)
{
  g_autofree char *from = NULL;

  if (!(from = crm_normalize_email (self->from_address, error)))
    return FALSE;

  if (self->to->len + self->cc->len + self->bcc->len == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Add at least one recipient."));
      return FALSE;
    }

  if (self->cc->len > CRM_OUTGOING_MAX_CC)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   ngettext ("A mail may have at most %d CC address; this one has %u.",
                             "A mail may have at most %d CC addresses; this one has %u.",
                             CRM_OUTGOING_MAX_CC),
                   CRM_OUTGOING_MAX_CC, self->cc->len);
      return FALSE;
    }

  if (!check_addresses (self->to, error) || !check_addresses (self->cc, error) ||
      !check_addresses (self->bcc, error))
    return FALSE;

  for (guint i = 0; i < self->attachments->len; i++)
    {
      Attachment *attachment = g_ptr_array_index (self->attachments, i);

      if (g_bytes_get_size (attachment->data) > CRM_OUTGOING_MAX_ATTACHMENT)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: %s is a file name */
                       _("“%s” is larger than 25 MB, the most a mail attachment may be. "
                         "Share it another way, or send a smaller file."),
                       attachment->filename);
          return FALSE;
        }
    }

  return TRUE;
}

static char *
make_message_id (const char *from_address)
{
  const char *at = strrchr (from_address, '@');
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf (OUR_ID_PREFIX "%s@%s", uuid, at ? at + 1 : "localhost");
}

static void
add_addresses (GMimeMessage     *message,
               GMimeAddressType  type,
               GPtrArray        *list)
{
  for (guint i = 0; i < list->len; i++)
    g_mime_message_add_mailbox (message, type, NULL, g_ptr_array_index (list, i));
}

static GMimeObject *
make_attachment_part (Attachment *attachment)
{
  g_auto(GStrv) type = g_strsplit (attachment->mime_type, "/", 2);
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeDataWrapper) content = NULL;
  GMimePart *part;
  gsize size;
  const char *data = g_bytes_get_data (attachment->data, &size);

  part = g_mime_part_new_with_type (type[0], type[1] ? type[1] : "octet-stream");
  stream = g_mime_stream_mem_new_with_buffer (data ? data : "", size);
  content = g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);
  g_mime_part_set_content (part, content);
  g_mime_part_set_filename (part, attachment->filename);
  g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);

  return GMIME_OBJECT (part);
}

/**
 * crm_outgoing_message_build:
 * @self: a #CrmOutgoingMessage
 * @clock: the clock for the Date header
 * @message_id: (out) (optional) (transfer full): the new Message-ID, without <>
 * @error: return location for a #GError
 *
 * Checks the limits and addresses, then writes the message as it will
 * be sent, with CRLF line ends. BCC addresses are in the envelope
 * (crm_outgoing_message_dup_recipients()) only, never in the headers.
 *
 * Returns: (transfer full): the message's bytes, or %NULL with
 *   %CRM_ERROR_INVALID
 */
GBytes *
crm_outgoing_message_build (CrmOutgoingMessage  *self,
                            CrmClock            *clock,
                            char               **message_id,
                            GError             **error)
{
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GMimeTextPart) text = NULL;
  g_autoptr(GMimeObject) body = NULL;
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *id = NULL;
  GMimeFormatOptions *options;
  GByteArray *buffer;

  g_return_val_if_fail (CRM_IS_OUTGOING_MESSAGE (self), NULL);
  g_return_val_if_fail (CRM_IS_CLOCK (clock), NULL);

  if (!validate (self, error))
    return NULL;

  ensure_gmime ();

  message = g_mime_message_new (TRUE);
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM, self->from_name, self->from_address);
  add_addresses (message, GMIME_ADDRESS_TYPE_TO, self->to);
  add_addresses (message, GMIME_ADDRESS_TYPE_CC, self->cc);
  if (self->reply_to != NULL)
    g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_REPLY_TO, NULL, self->reply_to);
  g_mime_message_set_subject (message, self->subject ? self->subject : "", "utf-8");

  now = crm_clock_now (clock);
  g_mime_message_set_date (message, now);

  id = make_message_id (self->from_address);
  g_mime_message_set_message_id (message, id);

  if (self->auto_submitted != NULL)
    g_mime_object_set_header (GMIME_OBJECT (message), "Auto-Submitted", self->auto_submitted, NULL);

  if (self->in_reply_to != NULL && *self->in_reply_to != '\0')
    {
      g_autofree char *value = g_strdup_printf ("<%s>", self->in_reply_to);

      g_mime_object_set_header (GMIME_OBJECT (message), "In-Reply-To", value, NULL);
    }
  if (self->references != NULL && self->references[0] != NULL)
    {
      g_autoptr(GString) value = g_string_new (NULL);

      for (guint i = 0; self->references[i] != NULL; i++)
        g_string_append_printf (value, "%s<%s>", i > 0 ? " " : "", self->references[i]);
      g_mime_object_set_header (GMIME_OBJECT (message), "References", value->str, NULL);
    }

  text = g_mime_text_part_new_with_subtype ("plain");
  g_mime_text_part_set_text (text, self->body ? self->body : "");
  body = g_object_ref (GMIME_OBJECT (text));
  if (self->html != NULL)
    {
      g_autoptr(GMimeMultipart) alternative = g_mime_multipart_new_with_subtype ("alternative");
      g_autoptr(GMimeTextPart) html = g_mime_text_part_new_with_subtype ("html");

      g_mime_text_part_set_text (html, self->html);
      g_mime_multipart_add (alternative, GMIME_OBJECT (text));
      g_mime_multipart_add (alternative, GMIME_OBJECT (html));
      g_object_unref (body);
      body = GMIME_OBJECT (g_steal_pointer (&alternative));
    }

  if (self->attachments->len == 0)
    g_mime_message_set_mime_part (message, body);
  else
    {
      g_autoptr(GMimeMultipart) mixed = g_mime_multipart_new_with_subtype ("mixed");

      g_mime_multipart_add (mixed, body);
      for (guint i = 0; i < self->attachments->len; i++)
        {
          g_autoptr(GMimeObject) part = make_attachment_part (g_ptr_array_index (self->attachments, i));

          g_mime_multipart_add (mixed, part);
        }
      g_mime_message_set_mime_part (message, GMIME_OBJECT (mixed));
    }

  /* quoted-printable or base64, whichever the text needs, for 7-bit transport */
  g_mime_object_encode (GMIME_OBJECT (message), GMIME_ENCODING_CONSTRAINT_7BIT);

  buffer = g_byte_array_new ();
  stream = g_mime_stream_mem_new_with_byte_array (buffer);
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  options = g_mime_format_options_clone (NULL);
  g_mime_format_options_set_newline_format (options, GMIME_NEWLINE_FORMAT_DOS);
  g_mime_object_write_to_stream (GMIME_OBJECT (message), options, stream);
  g_mime_format_options_free (options);

  if (message_id != NULL)
    *message_id = g_steal_pointer (&id);

  return g_byte_array_free_to_bytes (buffer);
}
