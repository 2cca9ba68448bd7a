/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "crm.h"
#include "crm-test-util.h"
#include "dovecot-fixture.h"
#include "smtp-fixture.h"
#include "db-query.h"

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
  CrmSession    *session;
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
  fixture->session = crm_test_session_open (path, NULL, &error);
  g_assert_no_error (error);

  account = crm_account_new (0, "office@example.com", "Biuro", "127.0.0.1", fixture->imap_port, "none",
                             "127.0.0.1", smtp_port, "none", "office");
  fixture->account = crm_account_store_add (crm_account_store_from_session (fixture->session), account, "pass word", FALSE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->session);
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
  id = crm_outbox_queue (crm_outbox_from_session (fixture->session), NULL, fixture->account, out, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_outbox_run_due (crm_outbox_from_session (fixture->session), NULL, &error), ==, 1);
  g_assert_no_error (error);

  sent = read_spooled (fixture);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (sent, NULL), g_bytes_get_size (sent), "\r\n.\r\n..two dots\r\n"));

  result = crm_mail_sync (fixture->session, fixture->account, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->fetched, ==, 1);
  g_assert_cmpuint (result->imported, ==, 1);

  /* Dovecot put its trace headers on top; the rest is what was sent */
  messages = crm_message_store_list (crm_message_store_from_session (fixture->session), 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 1);
  message = g_list_model_get_item (messages, 0);
  g_assert_cmpstr (crm_message_get_subject (message), ==, "Dots");
  received = crm_message_store_get_raw (crm_message_store_from_session (fixture->session), crm_message_get_id (message), &error);
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

static guint
count_sent_copies (Fixture *fixture,
                   guint32 *uidvalidity,
                   guint32 *uidnext)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImapClient) imap = crm_imap_client_new ("127.0.0.1", fixture->imap_port, "none", "office",
                                                       "pass word");
  g_autoptr(GArray) uids = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) copies = NULL;

  g_assert_true (crm_imap_client_connect_sync (imap, NULL, &error));
  g_assert_true (crm_imap_client_select_sync (imap, "Sent", uidvalidity, uidnext, NULL, &error));
  g_assert_no_error (error);
  for (guint32 uid = 1; uid < *uidnext; uid++)
    g_array_append_val (uids, uid);
  copies = crm_imap_client_fetch_sync (imap, (const guint32 *) uids->data, uids->len, NULL, &error);
  g_assert_no_error (error);
  crm_imap_client_logout (imap);

  return copies->len;
}

static void
sql (Fixture    *fixture,
     const char *statement)
{
  g_autoptr(GError) error = NULL;

  /* on the session's own connection: SQLite or PostgreSQL */
  g_assert_true (crm_database_exec (crm_session_get_database (fixture->session), statement, &error));
  g_assert_no_error (error);
}

/* The copy in the Sent folder is made once: a try that died after its
 * APPEND left the copy there, and the next one finds it instead of
 * making another; a try that died before its APPEND reached the
 * server is made again. */
static void
test_sent_copy_once (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOutgoingMessage) out = crm_outgoing_message_new ("Biuro", "office@example.com");
  g_autofree char *died_after = NULL;
  g_autofree char *died_before = NULL;
  guint32 uidvalidity = 0;
  guint32 uidnext = 0;

  crm_outgoing_message_add_to (out, "anna@example.com");
  crm_outgoing_message_set_subject (out, "Raz");
  crm_outgoing_message_set_body (out, "Jeden raz.\n");
  crm_outbox_queue (crm_outbox_from_session (fixture->session), NULL, fixture->account, out, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_outbox_run_due (crm_outbox_from_session (fixture->session), NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (count_sent_copies (fixture, &uidvalidity, &uidnext), ==, 1);
  g_assert_cmpuint (uidnext, ==, 2);

  /* died after the APPEND: its copy is at UID 1 */
  died_after = g_strdup_printf ("UPDATE outbox SET copy_state = 'pending', copy_attempts = 1, copy_due_at = 0, "
                                "copy_uidvalidity = %u, copy_uidnext = 1", uidvalidity);
  sql (fixture, died_after);
  g_assert_cmpuint (crm_outbox_run_due (crm_outbox_from_session (fixture->session), NULL, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_sent_copies (fixture, &uidvalidity, &uidnext), ==, 1);

  /* died before its APPEND reached the server: nothing at or after
   * the UID it was about to take, so the copy is made */
  died_before = g_strdup_printf ("UPDATE outbox SET copy_state = 'pending', copy_attempts = 1, copy_due_at = 0, "
                                 "copy_uidvalidity = %u, copy_uidnext = %u", uidvalidity, uidnext);
  sql (fixture, died_before);
  g_assert_cmpuint (crm_outbox_run_due (crm_outbox_from_session (fixture->session), NULL, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_sent_copies (fixture, &uidvalidity, &uidnext), ==, 2);
}

/* Runs crmctl --json on the fixture's data; returns its exit status
 * and, in @out, what it printed. */
static int
crmctl (Fixture     *fixture,
        char       **out,
        const char  *first,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *printed = NULL;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("CRMCTL"));
  crm_test_add_crmctl_database (args, fixture->session, fixture->dir);
  g_ptr_array_add (args, (gpointer) "--json");
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &printed, NULL, &error));
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&printed);

  return g_subprocess_get_exit_status (process);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not in:\n%s", part, text);
}

/* A ticket's whole life through crmctl: mail in, a rule, a comment,
 * assignment, a reply out through SMTP into Dovecot, the client's
 * answer back into the same ticket. */
static void
test_ticket_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *body = g_build_filename (fixture->dir, "body.txt", NULL);
  g_autofree char *out = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(GListModel) mail = NULL;
  g_autoptr(GError) error = NULL;
  const char *our_id = NULL;

  g_assert_true (g_file_set_contents (body, "Dzień dobry,\n.\nzapraszam w czwartek.\n", -1, NULL));
  g_assert_cmpint (crmctl (fixture, &out, "users", "add", "--name", "Ewa Nowak", "--email", "ewa@example.com",
                           "--role", "manager", NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  crm_test_dovecot_deliver (fixture->mail_dir, "From: Anna <anna@example.com>\r\nTo: office@example.com\r\n"
                                               "Subject: Pytanie o mieszkanie\r\nMessage-ID: <q1@example.com>\r\n\r\n"
                                               "Czy jest aktualne?\r\n");
  g_assert_cmpint (crmctl (fixture, &out, "sync", NULL), ==, 0);
  assert_contains (out, "\"imported\" : 1");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (crmctl (fixture, &out, "tickets", "list", NULL), ==, 0);
  assert_contains (out, "\"subject\" : \"Pytanie o mieszkanie\"");
  assert_contains (out, "\"status\" : \"New\"");
  assert_contains (out, "\"unread\" : true");
  g_clear_pointer (&out, g_free);

  /* a rule sends offers to their own queue */
  g_assert_cmpint (crmctl (fixture, &out, "queues", "add", "Sprzedaż", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (crmctl (fixture, &out, "rules", "add", "--field", "subject", "--contains", "oferta",
                           "--queue", "Sprzedaż", "--priority", "High", "--tag", "oferty", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (crmctl (fixture, &out, "rules", "add", "--field", "body", "--contains", "x",
                           "--queue", "Sprzedaż", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  crm_test_dovecot_deliver (fixture->mail_dir, "From: piotr@example.com\r\nSubject: Oferta dla mnie?\r\n\r\nTak.\r\n");
  g_assert_cmpint (crmctl (fixture, &out, "sync", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (crmctl (fixture, &out, "tickets", "list", "--queue", "Sprzedaż", NULL), ==, 0);
  assert_contains (out, "Oferta dla mnie?");
  g_assert_null (strstr (out, "Pytanie o mieszkanie"));
  g_clear_pointer (&out, g_free);

  /* working the first ticket */
  g_assert_cmpint (crmctl (fixture, NULL, "tickets", "comment", "1", "--body-file", body, "--as", "ewa@example.com",
                           NULL), ==, 0);
  g_assert_cmpint (crmctl (fixture, NULL, "tickets", "assign", "1", "ewa@example.com", NULL), ==, 0);
  g_assert_cmpint (crmctl (fixture, NULL, "tickets", "set", "1", "--priority", "Urgent", "--tag", "vip", NULL), ==, 0);
  g_assert_cmpint (crmctl (fixture, NULL, "tickets", "set", "1", "--status", "Nowhere", NULL), ==, 2);
  g_assert_cmpint (crmctl (fixture, NULL, "tickets", "set", "99", "--status", "Open", NULL), ==, 2);

  /* the reply goes out through SMTP and LMTP into Dovecot */
  g_assert_cmpint (crmctl (fixture, &out, "tickets", "reply", "1", "--body-file", body, "--delay", "0",
                           "--as", "ewa@example.com", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (crmctl (fixture, &out, "outbox", "run", "--until-empty", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpuint (crm_test_smtp_count (fixture->spool), ==, 1);
  {
    g_autoptr(GBytes) sent = read_spooled (fixture);
    g_autofree char *text = g_strndup (g_bytes_get_data (sent, NULL), g_bytes_get_size (sent));

    assert_contains (text, "[#1]");
    assert_contains (text, "In-Reply-To: <q1@example.com>");
    assert_contains (text, "\r\n.\r\n");
  }

  /* the client answers our reply: back into the same ticket */
  mail = crm_message_store_list_ticket_mail (crm_message_store_from_session (fixture->session), 1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (mail); i++)
    {
      g_autoptr(CrmMessage) message = g_list_model_get_item (mail, i);

      if (g_str_equal (crm_message_get_direction (message), "out"))
        our_id = g_intern_string (crm_message_get_message_id (message));
    }
  g_assert_nonnull (our_id);
  answer = g_strdup_printf ("From: anna@example.com\r\nSubject: Re: czwartek\r\nIn-Reply-To: <%s>\r\n\r\n"
                            "Pasuje, do zobaczenia.\r\n", our_id);
  crm_test_dovecot_deliver (fixture->mail_dir, answer);
  g_assert_cmpint (crmctl (fixture, &out, "sync", NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (crmctl (fixture, &out, "tickets", "show", "1", NULL), ==, 0);
  assert_contains (out, "\"messages\" : [\n    1,\n    3,\n    4\n  ]");
  assert_contains (out, "Assigned to Ewa Nowak");
  assert_contains (out, "\"priority\" : \"Urgent\"");
  assert_contains (out, "\"vip\"");
  g_clear_pointer (&out, g_free);

  /* messages list --ticket: the ticket's mail only */
  g_assert_cmpint (crmctl (fixture, &out, "messages", "list", "--ticket", "1", NULL), ==, 0);
  assert_contains (out, "\"direction\" : \"out\"");
  g_assert_null (strstr (out, "Oferta dla mnie?"));
  g_clear_pointer (&out, g_free);

  /* a new ticket, saved and sent; another on behalf of nobody is refused */
  g_assert_cmpint (crmctl (fixture, &out, "tickets", "new", "--subject", "Nowa oferta", "--queue", "Sprzedaż",
                           "--to", "nowy@example.com", "--body-file", body, "--delay", "0", "--as", "ewa@example.com",
                           NULL), ==, 0);
  assert_contains (out, "\"id\" : 3");
  g_clear_pointer (&out, g_free);
  /* to "Name <address>": the new client is called so (issue 10, defect 9) */
  g_assert_cmpint (crmctl (fixture, NULL, "tickets", "new", "--subject", "Oferta", "--queue", "Sprzedaż",
                           "--to", "Ola Nowa <Ola.Nowa@example.com>", "--body-file", body, "--delay", "60",
                           "--as", "ewa@example.com", NULL), ==, 0);
  g_assert_cmpint (crmctl (fixture, &out, "contacts", "list", "--search", "ola.nowa", NULL), ==, 0);
  assert_contains (out, "\"name\" : \"Ola Nowa\"");
  assert_contains (out, "\"ola.nowa@example.com\"");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (crmctl (fixture, NULL, "tickets", "new", "--subject", "X", "--queue", "Inbox",
                           "--on-behalf-of", "999", "--body-file", body, NULL), ==, 2);
  g_assert_cmpint (crmctl (fixture, NULL, "tickets", "new", "--queue", "Inbox", "--to", "a@example.com",
                           "--body-file", body, NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/e2e/smtp-dovecot-imap", Fixture, NULL, fixture_set_up, test_whole_way, fixture_tear_down);
  g_test_add ("/e2e/ticket-round-trip", Fixture, NULL, fixture_set_up, test_ticket_round_trip, fixture_tear_down);
  g_test_add ("/e2e/sent-copy-once", Fixture, NULL, fixture_set_up, test_sent_copy_once, fixture_tear_down);

  status = g_test_run ();
  crm_test_wait_for_threads ();

  return status;
}
