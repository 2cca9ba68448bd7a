/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-forms"

#include "config.h"

#include <string.h>

#include "crm-form-server-private.h"

/*
 * A posted form read into its fields and files: multipart/form-data as
 * the page sends it (or a urlencoded body without files), every part's
 * name and file name from its Content-Disposition, documents over the
 * limit refused, and each document's type told by its first bytes, not
 * by what the client claims.
 */

/* a form of a dozen fields and five documents has no more parts */
#define MAX_PARTS 40

void
_crm_form_file_free (CrmFormFile *file)
{
  if (file == NULL)
    return;
  g_free (file->file_name);
  g_free (file->content_type);
  g_clear_pointer (&file->bytes, g_bytes_unref);
  g_free (file);
}

void
_crm_form_input_free (CrmFormInput *input)
{
  if (input == NULL)
    return;
  g_clear_pointer (&input->fields, g_hash_table_unref);
  g_clear_pointer (&input->files, g_ptr_array_unref);
  g_free (input);
}

static CrmFormInput *
input_new (void)
{
  CrmFormInput *input = g_new0 (CrmFormInput, 1);

  input->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  input->files = g_ptr_array_new_with_free_func ((GDestroyNotify) _crm_form_file_free);

  return input;
}

/* A field's text; a NUL in it becomes another control character, which
 * the checks refuse like the rest of them. */
static char *
field_text (const char *data,
            gsize       length)
{
  /* not g_strndup (), which stops at the NUL */
  char *text = g_malloc (length + 1);

  memcpy (text, data, length);
  text[length] = '\0';
  for (gsize i = 0; i < length; i++)
    if (text[i] == '\0')
      text[i] = '\x01';

  return text;
}

static void
add_field (CrmFormInput *input,
           const char   *name,
           char         *value)
{
  if (g_hash_table_contains (input->fields, name))
    {
      g_free (value);
      return;
    }
  g_hash_table_insert (input->fields, g_strdup (name), value);
}

/* the last part of a path, one line of valid UTF-8, not too long */
static char *
clean_file_name (const char *name)
{
  const char *base = name;
  g_autofree char *valid = NULL;
  GString *clean;

  for (const char *p = name; *p != '\0'; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;
  valid = g_utf8_make_valid (base, -1);
  clean = g_string_new (NULL);
  for (const char *p = valid; *p != '\0' && g_utf8_strlen (clean->str, -1) < CRM_FORM_MAX_FIELD;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == '"')
        continue;
      g_string_append_unichar (clean, c);
    }
  g_strstrip (clean->str);
  if (clean->str[0] == '\0' || g_str_equal (clean->str, ".") || g_str_equal (clean->str, ".."))
    g_string_assign (clean, "document");

  return g_string_free (clean, FALSE);
}

/**
 * _crm_form_sniff_type:
 * @bytes: a document's content
 *
 * Returns: (nullable): "application/pdf", "image/jpeg" or "image/png"
 *   by the content's signature; %NULL for anything else
 */
const char *
_crm_form_sniff_type (GBytes *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  if (length >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return "application/pdf";
  if (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";

  return NULL;
}

static CrmFormInput *
parse_multipart (SoupMessageHeaders *headers,
                 GBytes             *body,
                 guint              *status)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (headers, body);
  g_autoptr(CrmFormInput) input = NULL;
  int parts;

  if (multipart == NULL)
    {
      *status = SOUP_STATUS_BAD_REQUEST;
      return NULL;
    }
  parts = soup_multipart_get_length (multipart);
  if (parts > MAX_PARTS)
    {
      *status = SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;
      return NULL;
    }

  input = input_new ();
  for (int i = 0; i < parts; i++)
    {
      SoupMessageHeaders *part_headers;
      GBytes *part_body;
      g_autofree char *disposition = NULL;
      g_autoptr(GHashTable) params = NULL;
      const char *name;
      const char *file_name;
      gsize length;
      const char *data;

      if (!soup_multipart_get_part (multipart, i, &part_headers, &part_body) ||
          !soup_message_headers_get_content_disposition (part_headers, &disposition, &params) ||
          g_ascii_strcasecmp (disposition, "form-data") != 0 ||
          (name = g_hash_table_lookup (params, "name")) == NULL)
        {
          *status = SOUP_STATUS_BAD_REQUEST;
          return NULL;
        }
      data = g_bytes_get_data (part_body, &length);
      file_name = g_hash_table_lookup (params, "filename");
      if (file_name == NULL)
        {
          add_field (input, name, field_text (data, length));
          continue;
        }
      /* a file input left empty is still sent, without a name or bytes */
      if (*file_name == '\0' && length == 0)
        continue;
      if (length > CRM_FORM_MAX_FILE)
        {
          *status = SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;
          return NULL;
        }
      if (!g_str_equal (name, CRM_FORM_FIELD_DOCUMENTS))
        continue;
      input->file_parts++;
      {
        CrmFormFile *file = g_new0 (CrmFormFile, 1);
        const char *type = _crm_form_sniff_type (part_body);

        file->file_name = clean_file_name (file_name);
        file->content_type = g_strdup (type);
        file->bytes = g_bytes_ref (part_body);
        g_ptr_array_add (input->files, file);
      }
    }

  return g_steal_pointer (&input);
}

static CrmFormInput *
parse_urlencoded (GBytes *body,
                  guint  *status)
{
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) decoded = NULL;
  CrmFormInput *input;
  GHashTableIter iter;
  const char *name;
  const char *value;

  if (length > 0 && memchr (data, '\0', length) != NULL)
    {
      *status = SOUP_STATUS_BAD_REQUEST;
      return NULL;
    }
  text = g_strndup (data, length);
  decoded = soup_form_decode (text);
  input = input_new ();
  g_hash_table_iter_init (&iter, decoded);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &value))
    add_field (input, name, g_strdup (value));

  return input;
}

/**
 * _crm_form_input_parse:
 * @headers: the request's headers
 * @body: its body
 * @status: (out): why it was refused: 400, 413 or 415
 *
 * Returns: (transfer full) (nullable): the fields and the documents
 */
CrmFormInput *
_crm_form_input_parse (SoupMessageHeaders *headers,
                       GBytes             *body,
                       guint              *status)
{
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  if (g_bytes_get_size (body) > CRM_FORM_MAX_BODY)
    {
      *status = SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;
      return NULL;
    }
  if (type != NULL && g_ascii_strcasecmp (type, "multipart/form-data") == 0)
    return parse_multipart (headers, body, status);
  if (type != NULL && g_ascii_strcasecmp (type, "application/x-www-form-urlencoded") == 0)
    return parse_urlencoded (body, status);

  *status = SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE;
  return NULL;
}
