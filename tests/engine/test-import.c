/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm.h"
#include "crm-test-util.h"
#include "dovecot-fixture.h"
#include "pg-fixture.h"

/* The import of unread mail under stress: a connection cut in the
 * middle of a message, a big INBOX, legacy charsets and mail without a
 * Message-ID. A real Dovecot, a real GNOME Keyring; for the cut, a
 * proxy of the test's own between the client and Dovecot. */

#include "imap-proxy.h"

/* A cut: which UID FETCH, after how many bytes of its answer */
typedef struct
{
  guint fetch;
  gsize after;
} Cut;

typedef struct
{
  char        *mail_dir;
  char        *dir;
  GSubprocess *server;
  Proxy       *proxy;
  CrmSession    *session;
  gint64       account;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const Cut *cut = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autofree char *path = NULL;
  guint16 port;

  fixture->server = crm_test_dovecot_start (&fixture->mail_dir, &port);
  if (cut != NULL)
    {
      fixture->proxy = proxy_start (port, cut->fetch, cut->after);
      port = fixture->proxy->port;
    }
  fixture->dir = g_dir_make_tmp ("crm-import-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->session = crm_test_session_open (path, NULL, &error);
  g_assert_no_error (error);

  account = crm_account_new (0, "biuro@example.com", "Biuro", "127.0.0.1", port, "none",
                             "127.0.0.1", 1, "none", "office");
  fixture->account = crm_account_store_add (crm_account_store_from_session (fixture->session), account, "pass word", FALSE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->session);
  crm_test_remove_data_dir (fixture->dir);
  g_clear_pointer (&fixture->proxy, proxy_stop);
  crm_test_dovecot_stop (fixture->server, fixture->mail_dir);
  g_free (fixture->dir);
  g_free (fixture->mail_dir);
}

static CrmSyncResult *
sync_now (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CrmSyncResult *result = crm_mail_sync (fixture->session, fixture->account, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->fetched, ==, result->imported + result->duplicates + result->failed);
  g_assert_cmpuint (result->failures->len, ==, result->failed);

  return result;
}

static guint
count_stored (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = crm_message_store_list (crm_message_store_from_session (fixture->session), 100000, &error);

  g_assert_no_error (error);

  return g_list_model_get_n_items (list);
}

/* Every message in @expected (Message-ID → the bytes delivered) is
 * stored exactly once, with those bytes, and nothing else is. */
static void
assert_stored_once (Fixture    *fixture,
                    GHashTable *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = crm_message_store_list (crm_message_store_from_session (fixture->session), 100000, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, g_hash_table_size (expected));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CrmMessage) message = g_list_model_get_item (list, i);
      g_autoptr(GBytes) raw = crm_message_store_get_raw (crm_message_store_from_session (fixture->session), crm_message_get_id (message), &error);
      gpointer id = NULL;
      gpointer bytes = NULL;

      g_assert_no_error (error);
      g_assert_true (g_hash_table_lookup_extended (expected, crm_message_get_message_id (message), &id, &bytes));
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);
      g_assert_cmpmem (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), bytes, strlen (bytes));
    }
}

/* A column of the stored message with @message_id, read through the
 * session's own connection (SQLite or PostgreSQL). */
static char *
stored_column (Fixture    *fixture,
               const char *column,
               const char *message_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM messages WHERE message_id = ?", column);
  /* statements are cached by their text: an interned one outlives them */
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (fixture->session),
                                                       g_intern_string (sql), &error);
  char *value;

  g_assert_no_error (error);
  crm_statement_bind_text (stmt, 1, message_id);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);
  value = g_strdup (crm_statement_get_text (stmt, 0));
  /* one message with this id */
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_DONE);

  return value;
}

/* A message of about @size bytes */
static char *
sized_message (const char *prefix,
               guint       n,
               gsize       size)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text,
                          "From: Klient %u <klient%u@example.com>\r\nTo: biuro@example.com\r\n"
                          "Subject: Zapytanie %u\r\nDate: Fri, 01 May 2026 10:00:00 +0200\r\n"
                          "Message-ID: <%s%u@example.com>\r\n\r\n",
                          n, n, n, prefix, n);
  for (guint line = 0; text->len < size; line++)
    g_string_append_printf (text, "Message %03u, line %03u: the quick brown fox jumps over the lazy dog.\r\n",
                            n, line);

  return g_string_free (text, FALSE);
}

/* Delivers @n messages of about @size bytes; returns Message-ID → bytes */
static GHashTable *
deliver_many (Fixture    *fixture,
              const char *prefix,
              guint       n,
              gsize       size)
{
  GHashTable *expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < n; i++)
    {
      char *message = sized_message (prefix, i, size);

      crm_test_dovecot_deliver (fixture->mail_dir, message);
      g_hash_table_insert (expected, g_strdup_printf ("%s%u@example.com", prefix, i), message);
    }

  return expected;
}

/* The first sync loses its connection inside a literal: it fails, and
 * the next one imports the rest, nothing lost, nothing twice. The
 * @before messages of the batches fetched whole before the cut are
 * stored by the first sync. */
static void
run_cut (Fixture *fixture,
         guint    n,
         guint    before)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) expected = deliver_many (fixture, "cut", n, 4096);
  g_autoptr(CrmSyncResult) first = NULL;
  g_autoptr(CrmSyncResult) second = NULL;
  g_autoptr(CrmSyncResult) third = NULL;
  Proxy *proxy = fixture->proxy;
  guint whole;
  guint stored;

  first = crm_mail_sync (fixture->session, fixture->account, NULL, NULL, NULL, &error);

  /* the proxy did cut, inside a message, after whole ones */
  g_mutex_lock (&proxy->mutex);
  g_test_message ("cut after %" G_GSIZE_FORMAT " bytes, %u messages whole, %" G_GSIZE_FORMAT
                  " of %" G_GSIZE_FORMAT " bytes of the next one missing",
                  proxy->cut_at, proxy->literals_whole, proxy->literal_left, proxy->literal_size);
  g_assert_true (proxy->cut);
  g_assert_cmpuint (proxy->cut_at, >=, 50 * 1024);
  g_assert_cmpuint (proxy->literal_size, >, 0);
  g_assert_cmpuint (proxy->literal_left, >, 0);
  g_assert_cmpuint (proxy->literal_left, <, proxy->literal_size);
  g_assert_cmpuint (proxy->literals_whole, >, 0);
  whole = proxy->literals_whole;
  g_mutex_unlock (&proxy->mutex);

  /* a broken connection: no counts, an error to try again later */
  g_assert_null (first);
  g_assert_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_NETWORK);

  /* What was committed before the cut stays; of the batch cut, at
   * most the messages that came whole may be stored (today none are:
   * the batch fails as a whole), never the one cut short. */
  stored = count_stored (fixture);
  g_test_message ("stored by the sync cut: %u", stored);
  g_assert_cmpuint (stored, >=, before);
  g_assert_cmpuint (stored, <=, before + whole);

  second = sync_now (fixture);
  g_mutex_lock (&proxy->mutex);
  g_assert_cmpuint (proxy->connections, ==, 2);
  g_mutex_unlock (&proxy->mutex);
  /* all the rest, once; what was stored and not yet marked read
   * when the connection broke (the pipeline fetches on while a batch
   * is committed) is a duplicate now, never imported twice */
  g_assert_cmpuint (second->imported, ==, n - stored);
  g_assert_cmpuint (second->duplicates, <=, stored);
  g_assert_cmpuint (second->failed, ==, 0);
  assert_stored_once (fixture, expected);

  third = sync_now (fixture);
  g_assert_cmpuint (third->fetched, ==, 0);
  g_assert_cmpuint (count_stored (fixture), ==, n);
}

/* 30 messages of 4 KB: one UID FETCH, cut after 50 KB of its answer */
static void
test_cut_literal (Fixture       *fixture,
                  gconstpointer  data)
{
  run_cut (fixture, 30, 0);
}

/* 130 messages: the first batch (crm-mail-sync.c fetches 100 per UID
 * FETCH) is stored and marked read; the second is cut. Should BATCH
 * grow past 130, the proxy never cuts and the test says so. */
static void
test_cut_second_batch (Fixture       *fixture,
                       gconstpointer  data)
{
  run_cut (fixture, 130, 100);
}

typedef struct
{
  guint calls;
  guint done;
  guint total;
} Progress;

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, >=, progress->done);
  g_assert_cmpuint (done, <=, total);
  progress->calls++;
  progress->done = done;
  progress->total = total;
}

static void
test_three_hundred (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) expected = deliver_many (fixture, "many", 300, 600);
  g_autoptr(CrmSyncResult) first = NULL;
  g_autoptr(CrmSyncResult) second = NULL;
  Progress progress = { 0, 0, 0 };

  first = crm_mail_sync (fixture->session, fixture->account, progress_cb, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpuint (first->fetched, ==, 300);
  g_assert_cmpuint (first->imported, ==, 300);
  g_assert_cmpuint (first->duplicates, ==, 0);
  g_assert_cmpuint (first->failed, ==, 0);
  g_assert_cmpuint (first->failures->len, ==, 0);
  g_assert_cmpuint (progress.calls, >=, 2);
  g_assert_cmpuint (progress.done, ==, 300);
  g_assert_cmpuint (progress.total, ==, 300);
  assert_stored_once (fixture, expected);

  second = sync_now (fixture);
  g_assert_cmpuint (second->fetched, ==, 0);
  g_assert_cmpuint (count_stored (fixture), ==, 300);
}

/* =?charset?B/Q?...?= of @utf8 in @charset */
static char *
encoded_word (const char *utf8,
              const char *charset,
              char        encoding)
{
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  g_autofree char *bytes = g_convert (utf8, -1, charset, "UTF-8", NULL, &size, &error);
  GString *word = g_string_new (NULL);

  g_assert_no_error (error);
  g_string_append_printf (word, "=?%s?%c?", charset, encoding);
  if (encoding == 'B')
    {
      g_autofree char *base64 = g_base64_encode ((const guchar *) bytes, size);

      g_string_append (word, base64);
    }
  else
    for (gsize i = 0; i < size; i++)
      {
        guchar c = bytes[i];

        if (g_ascii_isalnum (c))
          g_string_append_c (word, c);
        else if (c == ' ')
          g_string_append_c (word, '_');
        else
          g_string_append_printf (word, "=%02X", c);
      }
  g_string_append (word, "?=");

  return g_string_free (word, FALSE);
}

/* @utf8 in @charset, as bytes for a message */
static char *
in_charset (const char *utf8,
            const char *charset)
{
  g_autoptr(GError) error = NULL;
  char *bytes = g_convert (utf8, -1, charset, "UTF-8", NULL, NULL, &error);

  g_assert_no_error (error);

  return bytes;
}

typedef struct
{
  const char *id;
  const char *name;
  const char *name_charset;
  char        name_encoding;
  const char *subject;
  const char *subject_charset;
  char        subject_encoding;
  const char *body;
  const char *body_charset;
} Encoded;

static void
test_charsets (Fixture       *fixture,
               gconstpointer  data)
{
  static const Encoded encoded[] = {
    { "pl@example.com", "Zażółć gęślą jaźń", "ISO-8859-2", 'Q', "Zażółć gęślą jaźń", "ISO-8859-2", 'B',
      "Zażółć gęślą jaźń.\r\n", "ISO-8859-2" },
    { "ru@example.com", "Привет, мир", "KOI8-R", 'B', "Привет, мир", "KOI8-R", 'Q',
      "Привет, мир! Как дела?\r\n", "KOI8-R" },
    { "hu@example.com", "Árvíztűrő tükörfúrógép", "windows-1250", 'Q', "Árvíztűrő tükörfúrógép", "ISO-8859-2", 'B',
      "Árvíztűrő tükörfúrógép.\r\n", "windows-1250" },
    { "utf8@example.com", "Łukasz Żółtowski", "UTF-8", 'B', "Łódź — Привет", "UTF-8", 'B',
      "Dzień dobry, Łódź.\r\n", "UTF-8" },
  };
  g_autoptr(CrmSyncResult) result = NULL;
  g_autofree char *raw_utf8 = NULL;
  g_autofree char *raw_latin2 = NULL;
  g_autofree char *latin2_body = in_charset ("Oferta dla Łodzi.\r\n", "ISO-8859-2");
  g_autofree char *latin2_subject = in_charset ("Oferta: Łódź", "ISO-8859-2");

  for (guint i = 0; i < G_N_ELEMENTS (encoded); i++)
    {
      g_autofree char *name = encoded_word (encoded[i].name, encoded[i].name_charset, encoded[i].name_encoding);
      g_autofree char *subject = encoded_word (encoded[i].subject, encoded[i].subject_charset,
                                               encoded[i].subject_encoding);
      g_autofree char *body = in_charset (encoded[i].body, encoded[i].body_charset);
      g_autofree char *message =
        g_strdup_printf ("From: %s <sender@example.com>\r\nTo: biuro@example.com\r\nSubject: %s\r\n"
                         "Message-ID: <%s>\r\nMIME-Version: 1.0\r\n"
                         "Content-Type: text/plain; charset=%s\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s",
                         name, subject, encoded[i].id, encoded[i].body_charset, body);

      crm_test_dovecot_deliver (fixture->mail_dir, message);
    }

  /* RFC 6532: UTF-8 in the headers as it is */
  raw_utf8 = g_strdup ("From: Paweł Świętek <raw-utf8@example.com>\r\nTo: biuro@example.com\r\n"
                       "Subject: Zażółć gęślą jaźń\r\nMessage-ID: <raw-utf8@example.com>\r\nMIME-Version: 1.0\r\n"
                       "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                       "Treść.\r\n");
  crm_test_dovecot_deliver (fixture->mail_dir, raw_utf8);

  /* an old mailer: ISO-8859-2 bytes in the Subject, no encoded word */
  raw_latin2 = g_strdup_printf ("From: stary@example.com\r\nTo: biuro@example.com\r\nSubject: %s\r\n"
                                "Message-ID: <raw-latin2@example.com>\r\nMIME-Version: 1.0\r\n"
                                "Content-Type: text/plain; charset=iso-8859-2\r\n"
                                "Content-Transfer-Encoding: 8bit\r\n\r\n%s",
                                latin2_subject, latin2_body);
  crm_test_dovecot_deliver (fixture->mail_dir, raw_latin2);

  result = sync_now (fixture);
  g_assert_cmpuint (result->fetched, ==, G_N_ELEMENTS (encoded) + 2);
  g_assert_cmpuint (result->imported, ==, G_N_ELEMENTS (encoded) + 2);
  g_assert_cmpuint (result->failed, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (encoded); i++)
    {
      g_autofree char *subject = stored_column (fixture, "subject", encoded[i].id);
      g_autofree char *from_name = stored_column (fixture, "from_name", encoded[i].id);
      g_autofree char *from_address = stored_column (fixture, "from_address", encoded[i].id);
      g_autofree char *body = stored_column (fixture, "body_text", encoded[i].id);

      g_test_message ("%s", encoded[i].id);
      g_assert_cmpstr (subject, ==, encoded[i].subject);
      g_assert_cmpstr (from_name, ==, encoded[i].name);
      g_assert_cmpstr (from_address, ==, "sender@example.com");
      g_assert_cmpstr (body, ==, encoded[i].body);
    }

  {
    g_autofree char *subject = stored_column (fixture, "subject", "raw-utf8@example.com");
    g_autofree char *from_name = stored_column (fixture, "from_name", "raw-utf8@example.com");
    g_autofree char *body = stored_column (fixture, "body_text", "raw-utf8@example.com");

    g_assert_cmpstr (subject, ==, "Zażółć gęślą jaźń");
    g_assert_cmpstr (from_name, ==, "Paweł Świętek");
    g_assert_cmpstr (body, ==, "Treść.\r\n");
  }

  /* The parser promises UTF-8, not a guess at an undeclared charset:
   * the Subject is valid UTF-8 and keeps its ASCII; the body, whose
   * charset is declared, is exact. */
  {
    g_autofree char *subject = stored_column (fixture, "subject", "raw-latin2@example.com");
    g_autofree char *body = stored_column (fixture, "body_text", "raw-latin2@example.com");
    g_autofree char *escaped = g_strescape (subject, NULL);

    g_test_message ("raw ISO-8859-2 Subject stored as \"%s\"", escaped);
    g_assert_true (g_utf8_validate (subject, -1, NULL));
    g_assert_true (g_str_has_prefix (subject, "Oferta: "));
    g_assert_cmpstr (body, ==, "Oferta dla Łodzi.\r\n");
  }
}

static void
test_no_message_id (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *no_id = "From: Ola <ola@example.com>\r\nTo: biuro@example.com\r\nSubject: Bez identyfikatora\r\n"
                      "Date: Fri, 01 May 2026 10:00:00 +0200\r\n\r\nTreść bez Message-ID.\r\n";
  const char *other = "From: Ola <ola@example.com>\r\nTo: biuro@example.com\r\nSubject: Bez identyfikatora\r\n"
                      "Date: Fri, 01 May 2026 10:05:00 +0200\r\n\r\nInna treść bez Message-ID.\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSyncResult) first = NULL;
  g_autoptr(CrmSyncResult) second = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  crm_test_dovecot_deliver (fixture->mail_dir, no_id);
  crm_test_dovecot_deliver (fixture->mail_dir, no_id);
  crm_test_dovecot_deliver (fixture->mail_dir, other);

  /* the byte-identical copy is the same message: the same synthetic id */
  first = sync_now (fixture);
  g_assert_cmpuint (first->fetched, ==, 3);
  g_assert_cmpuint (first->imported, ==, 2);
  g_assert_cmpuint (first->duplicates, ==, 1);
  g_assert_cmpuint (first->failed, ==, 0);

  list = crm_message_store_list (crm_message_store_from_session (fixture->session), 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CrmMessage) message = g_list_model_get_item (list, i);
      g_autoptr(GBytes) raw = crm_message_store_get_raw (crm_message_store_from_session (fixture->session), crm_message_get_id (message), &error);
      g_autofree char *hash = NULL;
      g_autofree char *prefix = NULL;
      g_autofree char *synthetic = NULL;
      const char *id = crm_message_get_message_id (message);

      g_assert_no_error (error);
      g_assert_nonnull (id);
      g_assert_cmpstr (id, !=, "");
      /* from the content's hash (crm-parsed-message.h) */
      hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, raw);
      prefix = g_strndup (hash, 32);
      g_assert_true (g_str_has_prefix (id, prefix));
      synthetic = stored_column (fixture, "synthetic_id", id);
      g_assert_cmpstr (synthetic, ==, "1");
      g_hash_table_add (ids, g_strdup (id));
    }
  /* different messages, different ids */
  g_assert_cmpuint (g_hash_table_size (ids), ==, 2);

  /* delivered once more, later: the id is stable across runs */
  crm_test_dovecot_deliver (fixture->mail_dir, no_id);
  second = sync_now (fixture);
  g_assert_cmpuint (second->fetched, ==, 1);
  g_assert_cmpuint (second->imported, ==, 0);
  g_assert_cmpuint (second->duplicates, ==, 1);
  g_assert_cmpuint (count_stored (fixture), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  static const Cut first_fetch = { 1, 50 * 1024 };
  static const Cut second_fetch = { 2, 50 * 1024 };

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/import/cut-literal", Fixture, &first_fetch, fixture_set_up, test_cut_literal,
              fixture_tear_down);
  g_test_add ("/import/cut-literal-second-batch", Fixture, &second_fetch, fixture_set_up, test_cut_second_batch,
              fixture_tear_down);
  g_test_add ("/import/three-hundred", Fixture, NULL, fixture_set_up, test_three_hundred, fixture_tear_down);
  g_test_add ("/import/charsets", Fixture, NULL, fixture_set_up, test_charsets, fixture_tear_down);
  g_test_add ("/import/no-message-id", Fixture, NULL, fixture_set_up, test_no_message_id, fixture_tear_down);

  return g_test_run ();
}
