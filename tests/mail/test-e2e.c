/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm.h"
#include "crm-test-util.h"
#include "dovecot-fixture.h"
#include "smtp-fixture.h"

/* The whole way: the outbox sends over SMTP (aiosmtpd), which delivers
 * over LMTP into a real Dovecot; the sync reads it back over IMAP. The
 * body's lines that start with "." must arrive byte for byte, and a
 * copy must be in the Sent folder. */

typedef struct
{
  char        *mail_dir;
  char        *spool;
  char        *dir;
  GSubprocess *dovecot;
  GSubprocess *smtp;
  guint16      imap_port;
  CrmStore    *store;
  gint64       account;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autofree char *path = NULL;
  g_autofree char *lmtp = NULL;
  const char *options[] = { "--lmtp", NULL, NULL };
  guint16 smtp_port;

  fixture->dovecot = crm_test_dovecot_start (&fixture->mail_dir, &fixture->imap_port);
  lmtp = g_build_filename (fixture->mail_dir, "run", "lmtp", NULL);
  options[1] = lmtp;
  fixture->smtp = crm_test_smtp_start_with (&fixture->spool, &smtp_port, options);

  fixture->dir = g_dir_make_tmp ("crm-e2e-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->store = crm_store_open_file (path, NULL, &error);
  g_assert_no_error (error);

  account = crm_account_new (0, "office@example.com", "Biuro", "127.0.0.1", fixture->imap_port, "none",
                             "127.0.0.1", smtp_port, "none", "office");
  fixture->account = crm_store_add_account (fixture->store, account, "pass word", FALSE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  crm_test_remove_data_dir (fixture->dir);
  crm_test_smtp_stop (fixture->smtp, fixture->spool);
  crm_test_dovecot_stop (fixture->dovecot, fixture->mail_dir);
  g_free (fixture->dir);
  g_free (fixture->spool);
  g_free (fixture->mail_dir);
}

static GBytes *
read_spooled (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->spool, "0001.eml", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
assert_ends_with (GBytes *whole,
                  GBytes *tail)
{
  gsize whole_size = g_bytes_get_size (whole);
  gsize tail_size = g_bytes_get_size (tail);

  g_assert_cmpuint (whole_size, >=, tail_size);
  g_assert_cmpmem ((const char *) g_bytes_get_data (whole, NULL) + whole_size - tail_size, tail_size,
                   g_bytes_get_data (tail, NULL), tail_size);
}

static void
test_whole_way (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOutgoingMessage) out = crm_outgoing_message_new ("Biuro", "office@example.com");
  g_autoptr(CrmSyncResult) result = NULL;
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(CrmMessage) message = NULL;
  g_autoptr(GBytes) sent = NULL;
  g_autoptr(GBytes) received = NULL;
  g_autoptr(CrmImapClient) imap = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  guint32 first = 1;
  gint64 id;

  crm_outgoing_message_add_to (out, "office@example.com");
  crm_outgoing_message_set_subject (out, "Dots");
  /* a line of one dot would end DATA if it were not stuffed */
  crm_outgoing_message_set_body (out, "First line.\n.\n..two dots\n.leading dot\nLast line.\n");
  id = crm_outbox_queue (fixture->store, fixture->account, out, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_outbox_run_due (fixture->store, NULL, &error), ==, 1);
  g_assert_no_error (error);

  sent = read_spooled (fixture);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (sent, NULL), g_bytes_get_size (sent), "\r\n.\r\n..two dots\r\n"));

  result = crm_mail_sync (fixture->store, fixture->account, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->fetched, ==, 1);
  g_assert_cmpuint (result->imported, ==, 1);

  /* Dovecot put its trace headers on top; the rest is what was sent */
  messages = crm_store_list_messages (fixture->store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 1);
  message = g_list_model_get_item (messages, 0);
  g_assert_cmpstr (crm_message_get_subject (message), ==, "Dots");
  received = crm_store_get_message_raw (fixture->store, crm_message_get_id (message), &error);
  g_assert_no_error (error);
  assert_ends_with (received, sent);

  /* and a copy, exactly as sent, in the Sent folder */
  imap = crm_imap_client_new ("127.0.0.1", fixture->imap_port, "none", "office", "pass word");
  g_assert_true (crm_imap_client_connect_sync (imap, NULL, &error));
  g_assert_true (crm_imap_client_select_sync (imap, "Sent", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  copies = crm_imap_client_fetch_sync (imap, &first, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copies->len, ==, 1);
  g_assert_true (g_bytes_equal (((CrmImapMessage *) g_ptr_array_index (copies, 0))->raw, sent));
  crm_imap_client_logout (imap);

  g_assert_cmpint (id, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/e2e/smtp-dovecot-imap", Fixture, NULL, fixture_set_up, test_whole_way, fixture_tear_down);

  return g_test_run ();
}
