/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-parsed-message"

#include "config.h"

#include <string.h>

#include "crm-gmime-private.h"
#include "crm-parsed-message.h"

/*
 * Received mail, parsed with GMime as far as it parses: malformed mail
 * still yields whatever headers and text could be read, and never
 * stops an import.
 */

static void
attachment_free (gpointer data)
{
  CrmParsedAttachment *attachment = data;

  g_free (attachment->name);
  g_free (attachment->mime_type);
  g_clear_pointer (&attachment->data, g_bytes_unref);
  g_free (attachment);
}

static void
recipient_free (gpointer data)
{
  CrmParsedRecipient *recipient = data;

  g_free (recipient->address);
  g_free (recipient->action);
  g_free (recipient->diagnostic);
  g_free (recipient);
}

void
crm_parsed_message_free (CrmParsedMessage *message)
{
  if (message == NULL)
    return;

  g_free (message->message_id);
  g_free (message->in_reply_to);
  g_strfreev (message->references);
  g_free (message->from_name);
  g_free (message->from_address);
  g_strfreev (message->to);
  g_strfreev (message->cc);
  g_free (message->subject);
  g_free (message->text);
  g_free (message->hash);
  g_free (message->automatic_sign);
  g_strfreev (message->reported);
  g_clear_pointer (&message->recipients, g_ptr_array_unref);
  g_clear_pointer (&message->attachments, g_ptr_array_unref);
  g_free (message);
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

static const struct { const char *name; const char *text; } entities[] = {
  { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  { "nbsp", "\xc2\xa0" }, { "ndash", "–" }, { "mdash", "—" }, { "hellip", "…" },
  { "laquo", "«" }, { "raquo", "»" }, { "bdquo", "„" }, { "rdquo", "”" }, { "ldquo", "“" },
};

static gboolean
tag_is (const char *tag,
        const char *name)
{
  gsize len = strlen (name);

  return g_ascii_strncasecmp (tag, name, len) == 0 &&
         (tag[len] == '\0' || tag[len] == ' ' || tag[len] == '>' || tag[len] == '/' ||
          tag[len] == '\t' || tag[len] == '\n' || tag[len] == '\r');
}

/**
 * crm_html_to_text:
 * @html: an HTML document or fragment, in UTF-8
 *
 * Plain text for display and search: tags dropped (block elements
 * become line breaks), scripts, styles and heads dropped with their
 * content, entities decoded. Nothing is fetched: images and links are
 * only text.
 *
 * Returns: (transfer full): the text
 */
char *
crm_html_to_text (const char *html)
{
  GString *out = g_string_new (NULL);
  const char *p = html ? html : "";

  while (*p)
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          const char *tag = p + 1;
          gboolean closing = *tag == '/';

          if (end == NULL)
            break;
          if (closing)
            tag++;

          if (!closing && (tag_is (tag, "script") || tag_is (tag, "style") || tag_is (tag, "head")))
            {
              g_autofree char *close = g_strdup_printf ("</%.*s", (int) strcspn (tag, " >\t\r\n/"), tag);
              const char *skip = end;

              /* to the matching closing tag, whatever case it is in */
              while ((skip = strchr (skip + 1, '<')) != NULL &&
                     g_ascii_strncasecmp (skip, close, strlen (close)) != 0)
                ;
              if (skip == NULL)
                break;
              end = strchr (skip, '>');
              if (end == NULL)
                break;
            }
          else if (tag_is (tag, "br") || tag_is (tag, "p") || tag_is (tag, "div") || tag_is (tag, "tr") ||
                   tag_is (tag, "li") || tag_is (tag, "h1") || tag_is (tag, "h2") || tag_is (tag, "h3") ||
                   tag_is (tag, "blockquote") || tag_is (tag, "table"))
            {
              if (out->len > 0 && out->str[out->len - 1] != '\n')
                g_string_append_c (out, '\n');
            }

          p = end + 1;
          continue;
        }

      if (*p == '&')
        {
          const char *semi = strchr (p, ';');
          gboolean done = FALSE;

          if (semi != NULL && semi - p <= 10)
            {
              if (p[1] == '#')
                {
                  gunichar ch = p[2] == 'x' || p[2] == 'X' ? g_ascii_strtoull (p + 3, NULL, 16)
                                                           : g_ascii_strtoull (p + 2, NULL, 10);

                  if (ch != 0 && g_unichar_validate (ch))
                    {
                      g_string_append_unichar (out, ch);
                      done = TRUE;
                    }
                }
              else
                for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
                  if ((gsize) (semi - p - 1) == strlen (entities[i].name) &&
                      strncmp (p + 1, entities[i].name, semi - p - 1) == 0)
                    {
                      g_string_append (out, entities[i].text);
                      done = TRUE;
                      break;
                    }
            }

          if (done)
            {
              p = semi + 1;
              continue;
            }
        }

      /* runs of white space are one space, as a browser shows them */
      if (g_ascii_isspace (*p))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n')
            g_string_append_c (out, ' ');
          p++;
          continue;
        }

      g_string_append_c (out, *p);
      p++;
    }

  return g_strstrip (g_string_free (out, FALSE));
}

static GStrv
addresses_of (InternetAddressList *list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int n = list ? internet_address_list_length (list) : 0;

  for (int i = 0; i < n; i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_MAILBOX (address))
        g_strv_builder_add (builder, internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)));
    }

  return g_strv_builder_end (builder);
}

static GBytes *
decoded_content (GMimePart *part)
{
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  g_autoptr(GMimeStream) stream = NULL;
  GByteArray *array = g_byte_array_new ();

  if (content != NULL)
    {
      stream = g_mime_stream_mem_new_with_byte_array (array);
      g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
      g_mime_data_wrapper_write_to_stream (content, stream);
    }

  return g_byte_array_free_to_bytes (array);
}

static GStrv
message_ids_of (const char *header)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GMimeReferences *refs;

  if (header == NULL)
    return g_strv_builder_end (builder);

  refs = g_mime_references_parse (NULL, header);
  for (int i = 0; refs != NULL && i < g_mime_references_length (refs); i++)
    g_strv_builder_add (builder, g_mime_references_get_message_id (refs, i));
  if (refs != NULL)
    g_mime_references_free (refs);

  return g_strv_builder_end (builder);
}

typedef struct
{
  CrmParsedMessage *message;
  char             *plain;
  char             *html;
  char             *report_type;   /* of a multipart/report, lower case */
  GPtrArray        *reported;      /* Message-IDs of the mail a report is about */
} Walk;

static void
add_reported (Walk       *walk,
              const char *header)
{
  g_auto(GStrv) ids = message_ids_of (header);

  for (guint i = 0; ids[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (walk->reported, ids[i], g_str_equal, NULL))
      g_ptr_array_add (walk->reported, g_strdup (ids[i]));
}

/* Unfolded "Name: value" fields of a delivery-status or
 * disposition-notification body, one table per block (RFC 3464: the
 * fields of the message, then those of each recipient). */
static GPtrArray *
report_blocks (const char *text)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  GHashTable *block = NULL;
  g_autofree char *name = NULL;
  GString *value = NULL;

  for (guint i = 0; ; i++)
    {
      char *line = lines[i];
      gboolean blank;

      if (line != NULL)
        g_strchomp (line);
      blank = line == NULL || *line == '\0';

      /* a folded line continues the field before it */
      if (!blank && (*line == ' ' || *line == '\t') && value != NULL)
        {
          g_string_append_c (value, ' ');
          g_string_append (value, g_strstrip (line));
          continue;
        }

      if (value != NULL)
        {
          if (block == NULL)
            {
              block = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
              g_ptr_array_add (blocks, block);
            }
          g_hash_table_replace (block, g_steal_pointer (&name), g_strstrip (g_string_free (value, FALSE)));
          value = NULL;
        }

      if (line == NULL)
        break;
      if (blank)
        {
          block = NULL;
          continue;
        }

      {
        const char *colon = strchr (line, ':');

        if (colon == NULL)
          continue;
        name = g_ascii_strdown (line, colon - line);
        g_strstrip (name);
        value = g_string_new (colon + 1);
      }
    }

  return g_steal_pointer (&blocks);
}

/* "rfc822; anna@example.com" → "anna@example.com" */
static char *
typed_value (const char *value)
{
  const char *semicolon = value ? strchr (value, ';') : NULL;
  char *text = g_strdup (semicolon ? semicolon + 1 : value);

  g_strstrip (text);
  if (*text == '<' && text[strlen (text) - 1] == '>')
    {
      text[strlen (text) - 1] = '\0';
      memmove (text, text + 1, strlen (text));
    }

  return text;
}

static void
read_delivery_status (Walk       *walk,
                      const char *text)
{
  g_autoptr(GPtrArray) blocks = report_blocks (text);

  for (guint i = 0; i < blocks->len; i++)
    {
      GHashTable *fields = g_ptr_array_index (blocks, i);
      const char *address = g_hash_table_lookup (fields, "final-recipient");
      const char *action = g_hash_table_lookup (fields, "action");
      const char *diagnostic = g_hash_table_lookup (fields, "diagnostic-code");
      const char *status = g_hash_table_lookup (fields, "status");
      CrmParsedRecipient *recipient;

      if (address == NULL)
        address = g_hash_table_lookup (fields, "original-recipient");
      if (address == NULL)
        continue;

      recipient = g_new0 (CrmParsedRecipient, 1);
      recipient->address = typed_value (address);
      recipient->action = g_ascii_strdown (action ? action : "failed", -1);
      g_strstrip (recipient->action);
      if (diagnostic != NULL && *diagnostic != '\0')
        recipient->diagnostic = typed_value (diagnostic);
      else if (status != NULL && *status != '\0')
        recipient->diagnostic = g_strdup (status);
      g_ptr_array_add (walk->message->recipients, recipient);
    }
}

static void
read_disposition (Walk       *walk,
                  const char *text)
{
  g_autoptr(GPtrArray) blocks = report_blocks (text);

  for (guint i = 0; i < blocks->len; i++)
    add_reported (walk, g_hash_table_lookup (g_ptr_array_index (blocks, i), "original-message-id"));
}

/* The headers of a text/rfc822-headers part, parsed as a message. */
static void
read_headers (Walk       *walk,
              const char *text)
{
  g_autofree char *headers = g_strconcat (text ? text : "", "\n\n", NULL);
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new_with_buffer (headers, strlen (headers));
  g_autoptr(GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  g_autoptr(GMimeMessage) original = g_mime_parser_construct_message (parser, NULL);

  if (original != NULL)
    add_reported (walk, g_mime_object_get_header (GMIME_OBJECT (original), "Message-ID"));
}

static char *
part_text (GMimePart *part)
{
  g_autoptr(GBytes) bytes = decoded_content (part);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_utf8_make_valid (data ? data : "", size);
}

static void
walk_part (GMimeObject *parent,
           GMimeObject *part,
           gpointer     user_data)
{
  Walk *walk = user_data;
  GMimeContentType *type = g_mime_object_get_content_type (part);
  GMimeContentDisposition *disposition = g_mime_object_get_content_disposition (part);
  gboolean attachment;
  const char *filename;

  if (g_mime_content_type_is_type (type, "multipart", "report") && walk->report_type == NULL)
    {
      const char *report_type = g_mime_content_type_get_parameter (type, "report-type");

      walk->report_type = g_ascii_strdown (report_type ? report_type : "", -1);
    }

  /* the mail a report is about, whole or its headers */
  if (GMIME_IS_MESSAGE_PART (part))
    {
      GMimeMessage *original = g_mime_message_part_get_message (GMIME_MESSAGE_PART (part));

      if (original != NULL)
        add_reported (walk, g_mime_object_get_header (GMIME_OBJECT (original), "Message-ID"));
      return;
    }

  if (!GMIME_IS_PART (part))
    return;

  if (g_mime_content_type_is_type (type, "message", "delivery-status") ||
      g_mime_content_type_is_type (type, "message", "global-delivery-status"))
    {
      g_autofree char *text = part_text (GMIME_PART (part));

      read_delivery_status (walk, text);
      return;
    }
  if (g_mime_content_type_is_type (type, "message", "disposition-notification") ||
      g_mime_content_type_is_type (type, "message", "global-disposition-notification"))
    {
      g_autofree char *text = part_text (GMIME_PART (part));

      read_disposition (walk, text);
      return;
    }
  if (g_mime_content_type_is_type (type, "text", "rfc822-headers") ||
      g_mime_content_type_is_type (type, "message", "global-headers"))
    {
      g_autofree char *text = part_text (GMIME_PART (part));

      read_headers (walk, text);
      return;
    }

  filename = g_mime_part_get_filename (GMIME_PART (part));
  attachment = (disposition != NULL && g_mime_content_disposition_is_attachment (disposition)) ||
               (filename != NULL && !g_mime_content_type_is_type (type, "text", "*"));

  if (!attachment && GMIME_IS_TEXT_PART (part) && g_mime_content_type_is_type (type, "text", "plain") &&
      walk->plain == NULL)
    walk->plain = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
  else if (!attachment && GMIME_IS_TEXT_PART (part) && g_mime_content_type_is_type (type, "text", "html") &&
           walk->html == NULL)
    walk->html = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
  else if (attachment || filename != NULL)
    {
      CrmParsedAttachment *item = g_new0 (CrmParsedAttachment, 1);

      item->name = g_strdup (filename ? filename : "attachment");
      item->mime_type = g_mime_content_type_get_mime_type (type);
      item->data = decoded_content (GMIME_PART (part));
      g_ptr_array_add (walk->message->attachments, item);
    }
}

/* The first word of a header's value, lower case: "auto-replied (x)" → "auto-replied". */
static char *
header_word (GMimeObject *object,
             const char  *name)
{
  const char *value = g_mime_object_get_header (object, name);
  gsize len;

  if (value == NULL)
    return NULL;
  while (g_ascii_isspace (*value))
    value++;
  len = strcspn (value, " \t\r\n;(");

  return g_ascii_strdown (value, len);
}

/* Subjects that vacation responders without RFC 3834 headers put first. */
static const char * const vacation_subjects[] = {
  "automatic reply:", "auto-reply:", "autoreply:", "auto reply:", "out of office:", "out of office autoreply:",
  "abwesenheitsnotiz:", "automatische antwort:", "odpowiedź automatyczna:", "réponse automatique :",
  "réponse automatique:", "respuesta automática:",
};

static gboolean
is_robot_address (const char *address)
{
  return address != NULL && (g_ascii_strncasecmp (address, "mailer-daemon@", 14) == 0 ||
                             g_ascii_strncasecmp (address, "postmaster@", 11) == 0);
}

/* RFC 3834 automatic responses and delivery reports open no ticket;
 * Precedence and List-Id mark list and bulk mail, which does. */
static void
classify (GMimeMessage     *mime,
          CrmParsedMessage *message,
          const char       *report_type)
{
  GMimeObject *object = GMIME_OBJECT (mime);
  g_autofree char *auto_submitted = header_word (object, "Auto-Submitted");
  g_autofree char *precedence = header_word (object, "Precedence");
  g_autofree char *autogenerated = header_word (object, "X-Autogenerated");
  g_autofree char *subject = message->subject ? g_utf8_casefold (message->subject, -1) : NULL;
  const char *robot_headers[] = { "X-Autoreply", "X-Autorespond", "X-Autoresponder" };

  message->bulk = g_mime_object_get_header (object, "List-Id") != NULL ||
                  g_strcmp0 (precedence, "bulk") == 0 || g_strcmp0 (precedence, "list") == 0 ||
                  g_strcmp0 (precedence, "junk") == 0;

  message->kind = CRM_MAIL_KIND_AUTO_REPLY;
  if (report_type != NULL && (g_str_equal (report_type, "delivery-status") ||
                              g_str_equal (report_type, "global-delivery-status") ||
                              message->recipients->len > 0))
    {
      message->kind = CRM_MAIL_KIND_DELIVERY_REPORT;
      message->automatic_sign = g_strdup_printf ("Content-Type: multipart/report; report-type=%s", report_type);
    }
  else if (report_type != NULL)
    message->automatic_sign = g_strdup_printf ("Content-Type: multipart/report; report-type=%s", report_type);
  else if (is_robot_address (message->from_address))
    {
      message->kind = CRM_MAIL_KIND_DELIVERY_REPORT;
      message->automatic_sign = g_strdup_printf ("From: %s", message->from_address);
    }
  else if (auto_submitted != NULL && *auto_submitted != '\0' && !g_str_equal (auto_submitted, "no"))
    message->automatic_sign = g_strdup_printf ("Auto-Submitted: %s", auto_submitted);
  else if (g_strcmp0 (precedence, "auto_reply") == 0)
    message->automatic_sign = g_strdup ("Precedence: auto_reply");
  else if (g_strcmp0 (autogenerated, "reply") == 0)
    message->automatic_sign = g_strdup ("X-Autogenerated: Reply");
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (robot_headers) && message->automatic_sign == NULL; i++)
        if (g_mime_object_get_header (object, robot_headers[i]) != NULL)
          message->automatic_sign = g_strdup (robot_headers[i]);
      for (guint i = 0; i < G_N_ELEMENTS (vacation_subjects) && message->automatic_sign == NULL; i++)
        if (subject != NULL && g_str_has_prefix (subject, vacation_subjects[i]))
          message->automatic_sign = g_strdup_printf ("Subject: %s", message->subject);
    }

  if (message->automatic_sign == NULL)
    message->kind = CRM_MAIL_KIND_ORDINARY;
  message->auto_reply = message->kind != CRM_MAIL_KIND_ORDINARY;
}

/* Old-style bounces quote the original in their text: its Message-ID line. */
static void
add_quoted_message_id (Walk       *walk,
                       const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = strchr (p, '\n'), p = p ? p + 1 : NULL)
    {
      while (*p == ' ' || *p == '\t' || *p == '>')
        p++;
      if (g_ascii_strncasecmp (p, "Message-ID:", 11) == 0)
        {
          g_autofree char *line = g_strndup (p + 11, strcspn (p + 11, "\r\n"));

          add_reported (walk, line);
        }
    }
}

/**
 * crm_parsed_message_new:
 * @raw: a received message's exact bytes
 *
 * Parses as much as can be parsed; never fails.
 *
 * Returns: (transfer full): what the message says
 */
CrmParsedMessage *
crm_parsed_message_new (GBytes *raw)
{
  CrmParsedMessage *message = g_new0 (CrmParsedMessage, 1);
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  g_autoptr(GMimeMessage) mime = NULL;
  Walk walk = { message, NULL, NULL, NULL, NULL };
  gsize size;
  const char *data = g_bytes_get_data (raw, &size);

  g_return_val_if_fail (raw != NULL, NULL);

  ensure_gmime ();

  message->attachments = g_ptr_array_new_with_free_func (attachment_free);
  message->recipients = g_ptr_array_new_with_free_func (recipient_free);
  walk.reported = g_ptr_array_new_with_free_func (g_free);
  message->hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) (data ? data : ""), size);

  stream = g_mime_stream_mem_new_with_buffer (data ? data : "", size);
  parser = g_mime_parser_new_with_stream (stream);
  mime = g_mime_parser_construct_message (parser, NULL);

  if (mime != NULL)
    {
      InternetAddressList *from = g_mime_message_get_from (mime);
      GDateTime *date = g_mime_message_get_date (mime);
      const char *id = g_mime_message_get_message_id (mime);

      if (from != NULL && internet_address_list_length (from) > 0)
        {
          InternetAddress *address = internet_address_list_get_address (from, 0);

          message->from_name = g_strdup (internet_address_get_name (address));
          if (INTERNET_ADDRESS_IS_MAILBOX (address))
            message->from_address = g_strdup (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)));
        }
      message->to = addresses_of (g_mime_message_get_to (mime));
      message->cc = addresses_of (g_mime_message_get_cc (mime));
      message->subject = g_strdup (g_mime_message_get_subject (mime));
      message->date = date ? g_date_time_to_unix (date) : 0;
      if (id != NULL && *id != '\0')
        message->message_id = g_strdup (id);
      {
        g_auto(GStrv) in_reply_to = message_ids_of (g_mime_object_get_header (GMIME_OBJECT (mime), "In-Reply-To"));

        message->in_reply_to = g_strdup (in_reply_to[0]);
      }
      message->references = message_ids_of (g_mime_object_get_header (GMIME_OBJECT (mime), "References"));

      g_mime_message_foreach (mime, walk_part, &walk);
      if (GMIME_IS_PART (g_mime_message_get_mime_part (mime)) && walk.plain == NULL && walk.html == NULL &&
          message->attachments->len == 0)
        walk_part (NULL, g_mime_message_get_mime_part (mime), &walk);

      classify (mime, message, walk.report_type);
      if (message->kind == CRM_MAIL_KIND_ORDINARY)
        g_ptr_array_set_size (walk.reported, 0);
      else if (walk.reported->len == 0 && message->kind == CRM_MAIL_KIND_DELIVERY_REPORT)
        add_quoted_message_id (&walk, walk.plain);
    }

  if (walk.plain != NULL)
    message->text = g_steal_pointer (&walk.plain);
  else if (walk.html != NULL)
    message->text = crm_html_to_text (walk.html);
  else
    message->text = g_strdup ("");
  g_free (walk.plain);
  g_free (walk.html);
  g_free (walk.report_type);
  g_ptr_array_add (walk.reported, NULL);
  message->reported = (GStrv) g_ptr_array_free (walk.reported, FALSE);

  if (message->to == NULL)
    message->to = g_new0 (char *, 1);
  if (message->cc == NULL)
    message->cc = g_new0 (char *, 1);
  if (message->references == NULL)
    message->references = g_new0 (char *, 1);
  if (message->subject == NULL)
    message->subject = g_strdup ("");
  if (!g_utf8_validate (message->text, -1, NULL))
    {
      char *valid = g_utf8_make_valid (message->text, -1);

      g_free (message->text);
      message->text = valid;
    }

  if (message->message_id == NULL)
    {
      message->message_id = g_strdup_printf ("%.32s@synthetic.crm.invalid", message->hash);
      message->synthetic_id = TRUE;
    }

  return message;
}
