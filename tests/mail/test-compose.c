/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm.h"
#include "crm-gmime-private.h"

/* Outgoing mail built with GMime: encodings, threading headers, limits
 * and header injection, read back with GMime's parser. */

static CrmClock *
fixed_clock (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 5, 1, 9, 0, 0);

  return crm_clock_new_fixed (now);
}

static GMimeMessage *
parse (GBytes *bytes)
{
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  stream = g_mime_stream_mem_new_with_buffer (data, size);
  parser = g_mime_parser_new_with_stream (stream);

  return g_mime_parser_construct_message (parser, NULL);
}

static char *
part_text (GMimeObject *object)
{
  g_assert_true (GMIME_IS_TEXT_PART (object));

  return g_mime_text_part_get_text (GMIME_TEXT_PART (object));
}

static void
assert_crlf (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  for (gsize i = 0; i < size; i++)
    if (data[i] == '\n')
      g_assert_true (i > 0 && data[i - 1] == '\r');
}

static void
test_plain (void)
{
  g_autoptr(CrmClock) clock = fixed_clock ();
  g_autoptr(CrmOutgoingMessage) out = crm_outgoing_message_new ("Biuro Nieruchomości", "biuro@example.com");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) recipients = NULL;
  const char *body = "Dzień dobry,\n.\n.. dwie kropki\nŁódź, Kraków — ceny w zł.\n";
  g_autofree char *raw = NULL;
  GDateTime *date;

  crm_outgoing_message_add_to (out, "anna@example.com");
  crm_outgoing_message_add_cc (out, "jan@example.com");
  crm_outgoing_message_add_bcc (out, "hidden@example.com");
  crm_outgoing_message_set_subject (out, "Zażółć gęślą jaźń – oferta [#12]");
  crm_outgoing_message_set_body (out, body);

  bytes = crm_outgoing_message_build (out, clock, &id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  assert_crlf (bytes);

  raw = g_ascii_strdown (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_null (strstr (raw, "hidden@example.com"));
  g_assert_nonnull (strstr (raw, "subject: =?utf-8?"));
  g_assert_true (crm_message_id_is_ours (id));
  g_assert_true (g_str_has_suffix (id, "@example.com"));

  recipients = crm_outgoing_message_dup_recipients (out);
  g_assert_cmpuint (g_strv_length (recipients), ==, 3);
  g_assert_cmpstr (recipients[2], ==, "hidden@example.com");

  message = parse (bytes);
  g_assert_nonnull (message);
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, "Zażółć gęślą jaźń – oferta [#12]");
  g_assert_cmpstr (g_mime_message_get_message_id (message), ==, id);
  g_assert_cmpstr (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (
                     internet_address_list_get_address (g_mime_message_get_from (message), 0))),
                   ==, "biuro@example.com");
  g_assert_cmpstr (internet_address_get_name (internet_address_list_get_address (g_mime_message_get_from (message), 0)),
                   ==, "Biuro Nieruchomości");
  date = g_mime_message_get_date (message);
  g_assert_cmpint (g_date_time_to_unix (date), ==, crm_clock_now_unix (clock));

  text = part_text (g_mime_message_get_mime_part (message));
  g_assert_cmpstr (text, ==, body);
  /* 8-bit text travels encoded: quoted-printable or base64, whichever is shorter */
  g_assert_true (g_mime_part_get_content_encoding (GMIME_PART (g_mime_message_get_mime_part (message)))
                 == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
                 g_mime_part_get_content_encoding (GMIME_PART (g_mime_message_get_mime_part (message)))
                 == GMIME_CONTENT_ENCODING_BASE64);
}

static void
test_reply_headers (void)
{
  g_autoptr(CrmClock) clock = fixed_clock ();
  g_autoptr(CrmOutgoingMessage) out = crm_outgoing_message_new (NULL, "biuro@example.com");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  const char *references[] = { "first@client.example", "crm.abc@example.com", NULL };

  crm_outgoing_message_add_to (out, "anna@example.com");
  crm_outgoing_message_set_subject (out, "Re: flat");
  crm_outgoing_message_set_body (out, "Yes.");
  crm_outgoing_message_set_reply (out, "crm.abc@example.com", references);

  bytes = crm_outgoing_message_build (out, clock, NULL, &error);
  g_assert_no_error (error);
  message = parse (bytes);
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (message), "In-Reply-To"), ==,
                   "<crm.abc@example.com>");
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (message), "References"), ==,
                   "<first@client.example> <crm.abc@example.com>");

  g_assert_false (crm_message_id_is_ours ("<first@client.example>"));
  g_assert_true (crm_message_id_is_ours ("<crm.abc@example.com>"));
}

static void
test_header_injection (void)
{
  g_autoptr(CrmClock) clock = fixed_clock ();
  g_autoptr(CrmOutgoingMessage) out = crm_outgoing_message_new ("Evil\r\nBcc: x@example.com", "biuro@example.com");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  GMimeHeaderList *headers;

  crm_outgoing_message_add_to (out, "anna@example.com");
  crm_outgoing_message_set_subject (out, "Hello\r\nBcc: victim@example.com\nX-Spam: yes");
  crm_outgoing_message_set_body (out, "Body");
  crm_outgoing_message_set_reply (out, "id@example.com>\r\nBcc: <victim@example.com", NULL);

  bytes = crm_outgoing_message_build (out, clock, NULL, &error);
  g_assert_no_error (error);
  message = parse (bytes);
  headers = g_mime_object_get_header_list (GMIME_OBJECT (message));
  g_assert_false (g_mime_header_list_contains (headers, "Bcc"));
  g_assert_false (g_mime_header_list_contains (headers, "X-Spam"));
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, "Hello  Bcc: victim@example.com X-Spam: yes");
}

static void
test_limits (void)
{
  g_autoptr(CrmClock) clock = fixed_clock ();
  g_autoptr(CrmOutgoingMessage) out = crm_outgoing_message_new (NULL, "biuro@example.com");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) big = NULL;
  g_autoptr(GBytes) too_big = NULL;
  g_autoptr(CrmOutgoingMessage) empty = crm_outgoing_message_new (NULL, "biuro@example.com");
  g_autoptr(CrmOutgoingMessage) bad = crm_outgoing_message_new (NULL, "biuro@example.com");
  char *data;

  crm_outgoing_message_add_to (out, "anna@example.com");
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *cc = g_strdup_printf ("cc%u@example.com", i);

      crm_outgoing_message_add_cc (out, cc);
    }
  bytes = crm_outgoing_message_build (out, clock, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);

  crm_outgoing_message_add_cc (out, "cc30@example.com");
  bytes = crm_outgoing_message_build (out, clock, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "30"));
  g_clear_error (&error);

  /* 25 MB is allowed, a byte more is not */
  g_clear_object (&out);
  out = crm_outgoing_message_new (NULL, "biuro@example.com");
  crm_outgoing_message_add_to (out, "anna@example.com");
  data = g_malloc0 (CRM_OUTGOING_MAX_ATTACHMENT + 1);
  big = g_bytes_new_static (data, CRM_OUTGOING_MAX_ATTACHMENT);
  crm_outgoing_message_add_attachment (out, "plan.pdf", NULL, big);
  bytes = crm_outgoing_message_build (out, clock, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, CRM_OUTGOING_MAX_ATTACHMENT);
  g_clear_pointer (&bytes, g_bytes_unref);

  too_big = g_bytes_new_static (data, CRM_OUTGOING_MAX_ATTACHMENT + 1);
  crm_outgoing_message_add_attachment (out, "scan.tiff", "image/tiff", too_big);
  bytes = crm_outgoing_message_build (out, clock, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "scan.tiff"));
  g_clear_error (&error);
  g_clear_pointer (&big, g_bytes_unref);
  g_clear_pointer (&too_big, g_bytes_unref);
  g_free (data);

  g_assert_null (crm_outgoing_message_build (empty, clock, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  crm_outgoing_message_add_to (bad, "anna at example");
  g_assert_null (crm_outgoing_message_build (bad, clock, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
}

static void
test_attachment_roundtrip (void)
{
  g_autoptr(CrmClock) clock = fixed_clock ();
  g_autoptr(CrmOutgoingMessage) out = crm_outgoing_message_new (NULL, "biuro@example.com");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GMimeStream) decoded = NULL;
  GMimeMultipart *mixed;
  GMimePart *part;
  g_autoptr(GByteArray) array = g_byte_array_new ();
  g_autofree char *mime_type = NULL;
  guint8 binary[256];

  for (guint i = 0; i < sizeof binary; i++)
    binary[i] = i;
  content = g_bytes_new (binary, sizeof binary);

  crm_outgoing_message_add_to (out, "anna@example.com");
  crm_outgoing_message_set_body (out, "See the plan.");
  crm_outgoing_message_add_attachment (out, "Rzut mieszkania.pdf", NULL, content);
  bytes = crm_outgoing_message_build (out, clock, NULL, &error);
  g_assert_no_error (error);
  assert_crlf (bytes);

  message = parse (bytes);
  mixed = GMIME_MULTIPART (g_mime_message_get_mime_part (message));
  g_assert_true (GMIME_IS_MULTIPART (mixed));
  g_assert_cmpint (g_mime_multipart_get_count (mixed), ==, 2);
  part = GMIME_PART (g_mime_multipart_get_part (mixed, 1));
  g_assert_cmpstr (g_mime_part_get_filename (part), ==, "Rzut mieszkania.pdf");
  mime_type = g_mime_content_type_get_mime_type (g_mime_object_get_content_type (GMIME_OBJECT (part)));
  g_assert_cmpstr (mime_type, ==, "application/pdf");

  decoded = g_mime_stream_mem_new_with_byte_array (array);
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (decoded), FALSE);
  g_mime_data_wrapper_write_to_stream (g_mime_part_get_content (part), decoded);
  g_assert_cmpmem (array->data, array->len, binary, sizeof binary);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/compose/plain", test_plain);
  g_test_add_func ("/compose/reply-headers", test_reply_headers);
  g_test_add_func ("/compose/header-injection", test_header_injection);
  g_test_add_func ("/compose/limits", test_limits);
  g_test_add_func ("/compose/attachment-roundtrip", test_attachment_roundtrip);

  return g_test_run ();
}
