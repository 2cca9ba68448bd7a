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

typedef struct
{
  CrmParsedMessage *message;
  char             *plain;
  char             *html;
} Walk;

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

  if (g_mime_content_type_is_type (type, "multipart", "report"))
    walk->message->auto_reply = TRUE;

  if (!GMIME_IS_PART (part))
    return;

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

static gboolean
looks_automatic (GMimeMessage *mime,
                 const char   *from_address)
{
  GMimeObject *object = GMIME_OBJECT (mime);
  const char *auto_submitted = g_mime_object_get_header (object, "Auto-Submitted");
  const char *precedence = g_mime_object_get_header (object, "Precedence");

  if (auto_submitted != NULL)
    {
      g_autofree char *value = g_strstrip (g_strdup (auto_submitted));

      if (g_ascii_strncasecmp (value, "no", 2) != 0)
        return TRUE;
    }
  if (precedence != NULL && (strstr (precedence, "bulk") || strstr (precedence, "junk") ||
                             strstr (precedence, "list") || strstr (precedence, "auto_reply")))
    return TRUE;
  if (g_mime_object_get_header (object, "X-Autoreply") != NULL ||
      g_mime_object_get_header (object, "X-Autorespond") != NULL)
    return TRUE;
  if (from_address != NULL && (g_str_has_prefix (from_address, "mailer-daemon@") ||
                               g_str_has_prefix (from_address, "MAILER-DAEMON@") ||
                               g_str_has_prefix (from_address, "postmaster@")))
    return TRUE;

  return FALSE;
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
  Walk walk = { message, NULL, NULL };
  gsize size;
  const char *data = g_bytes_get_data (raw, &size);

  g_return_val_if_fail (raw != NULL, NULL);

  ensure_gmime ();

  message->attachments = g_ptr_array_new_with_free_func (attachment_free);
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
      message->auto_reply = looks_automatic (mime, message->from_address);

      g_mime_message_foreach (mime, walk_part, &walk);
      if (GMIME_IS_PART (g_mime_message_get_mime_part (mime)) && walk.plain == NULL && walk.html == NULL &&
          message->attachments->len == 0)
        walk_part (NULL, g_mime_message_get_mime_part (mime), &walk);
    }

  if (walk.plain != NULL)
    message->text = g_steal_pointer (&walk.plain);
  else if (walk.html != NULL)
    message->text = crm_html_to_text (walk.html);
  else
    message->text = g_strdup ("");
  g_free (walk.plain);
  g_free (walk.html);

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
