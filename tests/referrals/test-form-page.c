/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm.h"
#include "crm-form-server-private.h"

/* The referral form's page, its languages, and the server's guards,
 * without a server: Accept-Language with q-values, the page's
 * escaping, labels and messages, the token buckets, the signed stamps,
 * the documents told by their bytes, and posted bodies read. */

static void
test_negotiate (void)
{
  g_assert_cmpstr (crm_catalogue_negotiate (NULL), ==, "pl");
  g_assert_cmpstr (crm_catalogue_negotiate (""), ==, "pl");
  g_assert_cmpstr (crm_catalogue_negotiate ("de-DE,de;q=0.9"), ==, "pl");
  g_assert_cmpstr (crm_catalogue_negotiate ("en-US,en;q=0.9,pl;q=0.8"), ==, "en");
  g_assert_cmpstr (crm_catalogue_negotiate ("pl;q=0.5, ru;q=0.9"), ==, "ru");
  g_assert_cmpstr (crm_catalogue_negotiate ("de, hu;q=0.7, en;q=0.3"), ==, "hu");
  g_assert_cmpstr (crm_catalogue_negotiate ("RU-ru"), ==, "ru");
  g_assert_cmpstr (crm_catalogue_negotiate ("en;q=0, ru;q=0.1"), ==, "ru");
  g_assert_cmpstr (crm_catalogue_negotiate ("en;q=0"), ==, "pl");
  g_assert_cmpstr (crm_catalogue_negotiate ("*"), ==, "pl");
  g_assert_cmpstr (crm_catalogue_negotiate ("en;q=abc, hu;q=0.9"), ==, "en");
  g_assert_cmpstr (crm_catalogue_negotiate (";;;,,,=q;"), ==, "pl");
}

/* the build tree's catalogues, whatever the process's locale */
static void
test_languages (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);

  bindtextdomain (GETTEXT_PACKAGE, dir);
  g_assert_cmpstr (crm_catalogue_gettext ("pl", "Phone"), ==, "Telefon");
  g_assert_cmpstr (crm_catalogue_gettext ("ru", "Phone"), ==, "Телефон");
  g_assert_cmpstr (crm_catalogue_gettext ("hu", "Phone"), ==, "Telefon");
  g_assert_cmpstr (crm_catalogue_gettext ("en", "Phone"), ==, "Phone");
  g_assert_cmpstr (crm_catalogue_gettext ("pl", "not in the catalogue"), ==, "not in the catalogue");
}

static GPtrArray *
investments (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_form_choice_free);
  CrmFormChoice *choice = g_new0 (CrmFormChoice, 1);

  choice->id = 7;
  choice->name = g_strdup ("Osiedle <Zielone> & \"Park\"");
  g_ptr_array_add (list, choice);

  return list;
}

static void
test_page (void)
{
  g_autoptr(GPtrArray) list = investments ();
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) errors = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *html = NULL;
  g_autofree char *empty = NULL;
  const char * const fields[] = { "investment", "client_name", "phone", "email", "pesel", "documents",
                                  "advisor_name", "advisor_email", "advisor_phone", "consent", NULL };
  CrmFormPage page = {
    .language = "en",
    .action = "/f/abc",
    .title = "Brokers <b>",
    .id_kind = CRM_FORM_ID_PESEL,
    .investments = list,
    .stamp = "1.2.3",
    .max_files = 5,
    .max_file_mb = 10,
  };

  empty = crm_form_page_render (&page);
  g_assert_nonnull (strstr (empty, "<html lang=\"en\">"));
  g_assert_null (strstr (empty, "<script"));
  g_assert_null (strstr (empty, "class=\"summary\""));
  g_assert_null (strstr (empty, "id_card"));
  g_assert_nonnull (strstr (empty, "Osiedle &lt;Zielone&gt; &amp; &quot;Park&quot;"));
  g_assert_nonnull (strstr (empty, "Brokers &lt;b&gt;"));
  g_assert_nonnull (strstr (empty, "enctype=\"multipart/form-data\""));
  /* every input has its label */
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *label = g_strdup_printf ("<label for=\"f-%s\">", fields[i]);
      g_autofree char *input = g_strdup_printf ("id=\"f-%s\" name=\"%s\"", fields[i], fields[i]);

      g_assert_nonnull (strstr (empty, label));
      g_assert_nonnull (strstr (empty, input));
    }
  /* the trap: out of sight, out of the tab order, not filled in */
  g_assert_nonnull (strstr (empty, "name=\"website\" tabindex=\"-1\" autocomplete=\"off\""));
  g_assert_nonnull (strstr (empty, "name=\"stamp\" value=\"1.2.3\""));

  g_hash_table_insert (values, (gpointer) "client_name", (gpointer) "\"><script>alert(1)</script>");
  g_hash_table_insert (values, (gpointer) "investment", (gpointer) "7");
  g_hash_table_insert (values, (gpointer) "consent", (gpointer) "");
  g_hash_table_insert (errors, (gpointer) "pesel", (gpointer) "Wrong <digit>");
  page.values = values;
  page.errors = errors;
  page.files_again = TRUE;
  page.id_kind = CRM_FORM_ID_BOTH;
  html = crm_form_page_render (&page);
  g_assert_null (strstr (html, "<script>"));
  g_assert_nonnull (strstr (html, "value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""));
  g_assert_nonnull (strstr (html, "<option value=\"7\" selected>"));
  g_assert_nonnull (strstr (html, "class=\"summary\""));
  g_assert_nonnull (strstr (html, "<a href=\"#f-pesel\">PESEL number: Wrong &lt;digit&gt;</a>"));
  g_assert_nonnull (strstr (html, "aria-describedby=\"e-pesel\" aria-invalid=\"true\""));
  g_assert_nonnull (strstr (html, "<p class=\"error\" id=\"e-pesel\">Wrong &lt;digit&gt;</p>"));
  g_assert_nonnull (strstr (html, "choose them again"));
  g_assert_nonnull (strstr (html, "name=\"id_card\""));
  g_assert_null (strstr (html, " required checked"));
}

static void
test_notices (void)
{
  g_autofree char *gone = crm_form_page_render_notice ("hu", CRM_FORM_NOTICE_GONE);
  const char *hash = crm_form_page_get_style_hash ();

  g_assert_nonnull (strstr (gone, "<html lang=\"hu\">"));
  g_assert_true (g_str_has_prefix (hash, "'sha256-"));
  g_assert_cmpuint (strlen (hash), ==, strlen ("'sha256-'") + 44);
}

static void
test_buckets (void)
{
  CrmFormBuckets *buckets = _crm_form_buckets_new (3, 10);
  gint64 now = 1000 * G_USEC_PER_SEC;
  guint retry = 0;

  for (guint i = 0; i < 3; i++)
    g_assert_true (_crm_form_buckets_take (buckets, "a", now, &retry));
  g_assert_false (_crm_form_buckets_take (buckets, "a", now, &retry));
  g_assert_cmpuint (retry, ==, 10);
  g_assert_true (_crm_form_buckets_take (buckets, "b", now, &retry));
  g_assert_false (_crm_form_buckets_take (buckets, "a", now + 4 * G_USEC_PER_SEC, &retry));
  g_assert_cmpuint (retry, ==, 6);
  g_assert_true (_crm_form_buckets_take (buckets, "a", now + 10 * G_USEC_PER_SEC, &retry));
  _crm_form_buckets_free (buckets);
}

static void
test_stamps (void)
{
  g_autoptr(GBytes) key = g_bytes_new_static ("0123456789abcdef0123456789abcdef", 32);
  g_autoptr(GBytes) other = g_bytes_new_static ("fedcba9876543210fedcba9876543210", 32);
  g_autofree char *id = _crm_form_new_submission_id ();
  g_autofree char *stamp = _crm_form_stamp_make (key, 123456, id);
  g_autofree char *read = NULL;
  g_autofree char *forged = g_strdup (stamp);
  gint64 issued = 0;

  g_assert_cmpuint (strlen (id), ==, 32);
  g_assert_true (_crm_form_stamp_check (key, stamp, &issued, &read));
  g_assert_cmpint (issued, ==, 123456);
  g_assert_cmpstr (read, ==, id);
  g_assert_false (_crm_form_stamp_check (other, stamp, &issued, &read));
  forged[0] = forged[0] == '9' ? '8' : '9';
  g_assert_false (_crm_form_stamp_check (key, forged, &issued, &read));
  g_assert_false (_crm_form_stamp_check (key, "1.2.3", &issued, &read));
  g_assert_false (_crm_form_stamp_check (key, NULL, &issued, &read));
}

static void
test_input (void)
{
  static const char body_text[] =
    "--xyz\r\nContent-Disposition: form-data; name=\"client_name\"\r\n\r\nAnna\0Nowak\r\n"
    "--xyz\r\nContent-Disposition: form-data; name=\"client_name\"\r\n\r\nsecond\r\n"
    "--xyz\r\nContent-Disposition: form-data; name=\"documents\"; filename=\"C:\\\\tmp\\\\skan.pdf\"\r\n"
    "Content-Type: image/png\r\n\r\n%PDF-1.4 x\r\n"
    "--xyz\r\nContent-Disposition: form-data; name=\"documents\"; filename=\"a.pdf\"\r\n"
    "Content-Type: application/pdf\r\n\r\nplain text\r\n"
    "--xyz\r\nContent-Disposition: form-data; name=\"documents\"; filename=\"\"\r\n\r\n\r\n"
    "--xyz--\r\n";
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GBytes) body = g_bytes_new_static (body_text, sizeof body_text - 1);
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n\x1a\n....", 12);
  g_autoptr(CrmFormInput) input = NULL;
  CrmFormFile *file;
  guint status = 0;

  soup_message_headers_replace (headers, "Content-Type", "multipart/form-data; boundary=xyz");
  input = _crm_form_input_parse (headers, body, &status);
  g_assert_nonnull (input);
  g_assert_cmpstr (g_hash_table_lookup (input->fields, "client_name"), ==, "Anna\x01Nowak");
  g_assert_cmpuint (input->file_parts, ==, 2);
  file = g_ptr_array_index (input->files, 0);
  g_assert_cmpstr (file->file_name, ==, "skan.pdf");
  g_assert_cmpstr (file->content_type, ==, "application/pdf");
  file = g_ptr_array_index (input->files, 1);
  g_assert_null (file->content_type);
  g_assert_cmpstr (_crm_form_sniff_type (png), ==, "image/png");

  soup_message_headers_replace (headers, "Content-Type", "text/plain");
  g_assert_null (_crm_form_input_parse (headers, body, &status));
  g_assert_cmpuint (status, ==, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE);
  soup_message_headers_replace (headers, "Content-Type", "multipart/form-data; boundary=nothere");
  g_assert_null (_crm_form_input_parse (headers, body, &status));
  g_assert_cmpuint (status, ==, SOUP_STATUS_BAD_REQUEST);
}

static void
test_settings_listen (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  guint port = 0;
  CrmFormSettings settings = { TRUE, (char *) "192.0.2.1", 8088, FALSE, NULL };

  g_assert_true (crm_form_settings_parse_listen ("127.0.0.1:8088", &address, &port, NULL));
  g_assert_cmpstr (address, ==, "127.0.0.1");
  g_assert_cmpuint (port, ==, 8088);
  g_clear_pointer (&address, g_free);
  g_assert_true (crm_form_settings_parse_listen ("[::1]:9000", &address, &port, NULL));
  g_assert_cmpstr (address, ==, "::1");
  g_clear_pointer (&address, g_free);
  g_assert_false (crm_form_settings_parse_listen ("example.com:80", &address, &port, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (crm_form_settings_parse_listen ("127.0.0.1:99999", &address, &port, NULL));

  /* not loopback: only when allowed */
  g_assert_false (crm_form_settings_check (&settings, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  settings.public_address = TRUE;
  g_assert_true (crm_form_settings_check (&settings, NULL));
  g_assert_true (crm_form_address_is_loopback ("127.0.0.5"));
  g_assert_true (crm_form_address_is_loopback ("::1"));
  g_assert_false (crm_form_address_is_loopback ("0.0.0.0"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/forms/negotiate", test_negotiate);
  g_test_add_func ("/forms/languages", test_languages);
  g_test_add_func ("/forms/page", test_page);
  g_test_add_func ("/forms/notices", test_notices);
  g_test_add_func ("/forms/buckets", test_buckets);
  g_test_add_func ("/forms/stamps", test_stamps);
  g_test_add_func ("/forms/input", test_input);
  g_test_add_func ("/forms/settings-listen", test_settings_listen);

  return g_test_run ();
}
