/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm.h"
#include "crm-test-util.h"
#include "dovecot-fixture.h"
#include "db-query.h"

/* Incoming mail threaded into tickets, on real message shapes that go
 * through a real Dovecot and the real import; replies through the
 * outbox; a clock the test moves for the response times. */

typedef struct
{
  char        *mail_dir;
  char        *dir;
  GSubprocess *server;
  CrmClock    *clock;
  CrmSession    *session;
  gint64       account;
  gint64       agent;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 5, 4, 9, 0, 0);
  g_autofree char *path = NULL;
  guint16 port;

  fixture->server = crm_test_dovecot_start (&fixture->mail_dir, &port);
  fixture->dir = g_dir_make_tmp ("crm-threading-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->clock = crm_clock_new_fixed (now);
  fixture->session = crm_test_session_open (path, fixture->clock, &error);
  g_assert_no_error (error);

  account = crm_account_new (0, "biuro@example.com", "Biuro", "127.0.0.1", port, "none",
                             "127.0.0.1", 1, "none", "office");
  fixture->account = crm_account_store_add (crm_account_store_from_session (fixture->session), account, "pass word", FALSE, &error);
  g_assert_no_error (error);
  fixture->agent = crm_user_store_add (crm_user_store_from_session (fixture->session), "Ewa Nowak", "ewa@example.com", CRM_ROLE_MANAGER, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->session);
  g_clear_object (&fixture->clock);
  crm_test_remove_data_dir (fixture->dir);
  crm_test_dovecot_stop (fixture->server, fixture->mail_dir);
  g_free (fixture->dir);
  g_free (fixture->mail_dir);
}

/* Delivers @message and imports it; returns the ticket it went to (0: none). */
static gint64
arrive (Fixture    *fixture,
        const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSyncResult) result = NULL;
  gint64 ticket = -1;

  crm_test_dovecot_deliver (fixture->mail_dir, message);
  result = crm_mail_sync (fixture->session, fixture->account, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->imported, ==, 1);

  ticket = crm_test_query_int64 (fixture->session, "SELECT coalesce (ticket_id, 0) FROM messages WHERE direction = 'in' "
                                                   "ORDER BY id DESC LIMIT 1", 0);

  return ticket;
}

static char *
last_reason (Fixture *fixture)
{
  return crm_test_query_text (fixture->session, "SELECT thread_reason FROM messages WHERE direction = 'in' "
                                                "ORDER BY id DESC LIMIT 1", 0);
}

/* The raw bytes of an outbox row. */
static char *
outbox_raw (Fixture *fixture,
            gint64   id)
{
  g_autoptr(CrmStatement) stmt = crm_test_query_row (fixture->session, "SELECT raw FROM outbox WHERE id = ?", id, NULL);
  gsize length = 0;
  gconstpointer data = crm_statement_get_blob (stmt, 0, &length);

  return g_strndup (data, length);
}

static const char *first =
  "From: Anna Kowalska <anna@example.com>\r\nTo: biuro@example.com\r\nSubject: Mieszkanie na Mokotowie\r\n"
  "Message-ID: <first@anna.example.com>\r\nDate: Mon, 4 May 2026 08:00:00 +0000\r\n\r\nDzień dobry, pytam o ofertę.\r\n";

static void
test_headers_and_tokens (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CrmTicket) ticket = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *message = NULL;
  gint64 id;

  id = arrive (fixture, first);
  g_assert_cmpint (id, >, 0);
  ticket = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), id, 0, NULL);
  g_assert_cmpstr (crm_ticket_get_subject (ticket), ==, "Mieszkanie na Mokotowie");
  g_assert_cmpstr (crm_ticket_get_status_kind (ticket), ==, "new");
  g_assert_cmpstr (crm_ticket_get_queue (ticket), ==, "Inbox");
  g_assert_cmpstr (crm_ticket_get_client_address (ticket), ==, "anna@example.com");
  g_assert_true (crm_ticket_get_unread (ticket));
  reason = last_reason (fixture);
  g_assert_cmpstr (reason, ==, "A new ticket");
  g_clear_pointer (&reason, g_free);

  /* a reply with full References */
  g_assert_cmpint (arrive (fixture, "From: anna@example.com\r\nSubject: Re: Mieszkanie\r\n"
                                    "Message-ID: <second@anna.example.com>\r\n"
                                    "References: <other@x> <first@anna.example.com>\r\n\r\nJeszcze jedno.\r\n"), ==, id);
  reason = last_reason (fixture);
  g_assert_nonnull (strstr (reason, "<first@anna.example.com>"));
  g_clear_pointer (&reason, g_free);

  /* Outlook-style: In-Reply-To only, from someone copied in */
  g_assert_cmpint (arrive (fixture, "From: Jan <jan@example.com>\r\nSubject: RE: Mieszkanie\r\n"
                                    "In-Reply-To: <second@anna.example.com>\r\n\r\nTeż jestem zainteresowany.\r\n"), ==, id);

  /* neither header, the token in the subject, from the client: joins */
  message = g_strdup_printf ("From: anna@example.com\r\nSubject: Mieszkanie [#%" G_GINT64_FORMAT "]\r\n\r\nHalo?\r\n", id);
  g_assert_cmpint (arrive (fixture, message), ==, id);
  reason = last_reason (fixture);
  g_assert_nonnull (strstr (reason, "takes part"));
  g_clear_pointer (&message, g_free);

  /* the jan who was in the conversation is a participant too */
  message = g_strdup_printf ("From: jan@example.com\r\nSubject: Odp: [#%" G_GINT64_FORMAT "]\r\n\r\nJan.\r\n", id);
  g_assert_cmpint (arrive (fixture, message), ==, id);
  g_clear_pointer (&message, g_free);

  /* the same token from a stranger (a forward, say): a new ticket */
  message = g_strdup_printf ("From: obcy@example.org\r\nSubject: Fwd: Mieszkanie [#%" G_GINT64_FORMAT "]\r\n\r\n"
                             "Forwarded.\r\n", id);
  g_assert_cmpint (arrive (fixture, message), !=, id);
}

static void
test_automatic_replies (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 id = arrive (fixture, first);

  /* an out-of-office that answers nothing we know: no ticket, no loop */
  g_assert_cmpint (arrive (fixture, "From: robot@example.org\r\nSubject: Out of office\r\n"
                                    "Auto-Submitted: auto-replied\r\n\r\nI am away.\r\n"), ==, 0);
  g_assert_cmpint (arrive (fixture, "From: MAILER-DAEMON@example.org\r\nSubject: Undelivered Mail\r\n\r\n"
                                    "Delivery failed.\r\n"), ==, 0);

  /* one that answers a message of a ticket stays with it */
  g_assert_cmpint (arrive (fixture, "From: anna@example.com\r\nSubject: Auto: away\r\nPrecedence: auto_reply\r\n"
                                    "Auto-Submitted: auto-replied\r\nIn-Reply-To: <first@anna.example.com>\r\n\r\n"
                                    "Away.\r\n"), ==, id);
}

/* Issue 11: list and bulk mail opens tickets; automatic mail that opens
 * none is listed with its reason and can open one by hand. */
static void
test_bulk_and_automatic (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) automatic = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(CrmMessage) away = NULL;
  g_autoptr(GListModel) mail = NULL;
  g_autoptr(CrmMessage) first_mail = NULL;
  gint64 list;
  gint64 bulk;
  gint64 opened;

  list = arrive (fixture, "From: Jan <jan@example.com>\r\nTo: klienci@lists.example.com\r\nSubject: Re: Osiedle\r\n"
                          "List-Id: Klienci <klienci.lists.example.com>\r\nPrecedence: list\r\n"
                          "Message-ID: <list@jan.example.com>\r\n\r\nCzy są jeszcze mieszkania?\r\n");
  g_assert_cmpint (list, >, 0);
  bulk = arrive (fixture, "From: zamowienia@sklep.example.com\r\nSubject: Formularz zamówienia\r\n"
                          "Precedence: bulk\r\n\r\nZamówienie nr 7.\r\n");
  g_assert_cmpint (bulk, >, 0);
  g_assert_cmpint (bulk, !=, list);
  /* it only never gets an automatic answer */
  mail = crm_message_store_list_ticket_mail (crm_message_store_from_session (fixture->session), list, &error);
  g_assert_no_error (error);
  first_mail = g_list_model_get_item (mail, 0);
  g_assert_true (crm_message_get_bulk (first_mail));
  g_assert_null (crm_message_get_automatic (first_mail));

  g_assert_cmpint (arrive (fixture, "From: robot@example.org\r\nSubject: Out of office\r\n"
                                    "Auto-Submitted: auto-replied\r\n\r\nI am away.\r\n"), ==, 0);
  automatic = crm_ticket_store_list_automatic_mail (crm_ticket_store_from_session (fixture->session), 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (automatic), ==, 1);
  away = g_list_model_get_item (automatic, 0);
  g_assert_cmpstr (crm_message_get_from (away), ==, "robot@example.org");
  g_assert_cmpstr (crm_message_get_automatic (away), ==, "auto-reply");
  g_assert_cmpstr (crm_message_get_reason (away), ==,
                   "An automatic reply (Auto-Submitted: auto-replied) that answers no ticket");

  /* by hand: a ticket, once */
  opened = crm_ticket_store_open_from_message (crm_ticket_store_from_session (fixture->session), crm_message_get_id (away), &error);
  g_assert_no_error (error);
  g_assert_cmpint (opened, >, bulk);
  g_assert_cmpint (crm_ticket_store_open_from_message (crm_ticket_store_from_session (fixture->session), crm_message_get_id (away), &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (crm_ticket_store_open_from_message (crm_ticket_store_from_session (fixture->session), 9999, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = crm_ticket_store_list_automatic_mail (crm_ticket_store_from_session (fixture->session), 100, &error);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 0);
}

/* Runs crmctl on the fixture's database; returns its output. */
static char *
run_crmctl (Fixture    *fixture,
            int         expected_status,
            const char *first_arg,
            ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  char *out = NULL;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("CRMCTL"));
  crm_test_add_crmctl_database (args, fixture->session, fixture->dir);
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, expected_status);

  return out;
}

/* TK1, TK9: a request taken by phone is the client's own message, in
 * the conversation and the client's history, with who entered it and
 * how it came; from crmctl as from the store. */
static void
test_request_on_behalf (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmTicket) ticket = NULL;
  g_autoptr(GListModel) mail = NULL;
  g_autoptr(CrmMessage) first_message = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autofree char *body_path = g_build_filename (fixture->dir, "request.txt", NULL);
  g_autofree char *contact_arg = NULL;
  g_autofree char *made = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *refused = NULL;
  gint64 id;

  crm_contact_set_name (contact, "Zofia Wrona");
  crm_contact_set_emails (contact, (const char *[]) { "zofia@example.com", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), contact, &error));
  crm_session_set_user_id (fixture->session, fixture->agent);

  id = crm_ticket_store_record_request (crm_ticket_store_from_session (fixture->session), "Klucze", 1, crm_contact_get_id (contact),
                                 "Proszę o drugi komplet kluczy.", "phone", &error);
  g_assert_no_error (error);
  ticket = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), id, 0, &error);
  g_assert_cmpstr (crm_ticket_get_source (ticket), ==, "phone");
  mail = crm_message_store_list_ticket_mail (crm_message_store_from_session (fixture->session), id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (mail), ==, 1);
  first_message = g_list_model_get_item (mail, 0);
  g_assert_cmpstr (crm_message_get_direction (first_message), ==, "in");
  g_assert_cmpstr (crm_message_get_from_name (first_message), ==, "Zofia Wrona");
  g_assert_cmpstr (crm_message_get_from (first_message), ==, "zofia@example.com");
  comments = crm_ticket_store_list_comments (crm_ticket_store_from_session (fixture->session), id, &error);
  for (guint i = 0; i < comments->len; i++)
    g_assert_false (((CrmTicketComment *) g_ptr_array_index (comments, i))->internal);
  history = crm_ticket_store_list_contact_tickets (crm_ticket_store_from_session (fixture->session), crm_contact_get_id (contact), 10, &error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);

  /* e-mail is not a way to record a request: mail is sent with --to */
  g_assert_cmpint (crm_ticket_store_record_request (crm_ticket_store_from_session (fixture->session), "X", 1, crm_contact_get_id (contact), "Y", "email",
                                             &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  /* crmctl: recorded, then listed in the client's history */
  g_assert_true (g_file_set_contents (body_path, "Dzwoniła w sprawie umowy.", -1, &error));
  contact_arg = g_strdup_printf ("%" G_GINT64_FORMAT, crm_contact_get_id (contact));
  made = run_crmctl (fixture, 0, "--json", "tickets", "new", "--subject", "Umowa", "--queue", "Inbox",
                     "--on-behalf-of", contact_arg, "--source", "letter", "--body-file", body_path, NULL);
  shown = run_crmctl (fixture, 0, "--json", "contacts", "show", contact_arg, NULL);
  g_assert_nonnull (strstr (shown, "Umowa"));
  g_assert_nonnull (strstr (shown, "Klucze"));
  refused = run_crmctl (fixture, 2, "tickets", "new", "--subject", "Umowa", "--queue", "Inbox",
                        "--on-behalf-of", contact_arg, "--source", "pigeon", "--body-file", body_path, NULL);
}

static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Counts the window shows are read on a worker with a connection of
 * its own, and agree with the store's own count. */
static void
test_count_async (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) dropped = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CrmTicketFilter open = { 0 };

  arrive (fixture, "From: a@example.com\r\nSubject: Jeden\r\n\r\nA.\r\n");
  arrive (fixture, "From: b@example.com\r\nSubject: Dwa\r\n\r\nB.\r\n");
  open.open_only = TRUE;

  crm_ticket_store_count_async (crm_ticket_store_from_session (fixture->session), &open, NULL, counted_cb, &result);
  g_assert_cmpuint (crm_session_count_reading (), ==, 1);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (crm_ticket_store_count_finish (crm_ticket_store_from_session (fixture->session), result, &error), ==,
                    crm_ticket_store_count (crm_ticket_store_from_session (fixture->session), &open, NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_ticket_store_count (crm_ticket_store_from_session (fixture->session), &open, NULL), ==, 2);
  while (crm_session_count_reading () > 0)
    g_main_context_iteration (NULL, TRUE);

  /* a count the window no longer wants says so */
  g_cancellable_cancel (cancellable);
  crm_ticket_store_count_async (crm_ticket_store_from_session (fixture->session), &open, cancellable, counted_cb, &dropped);
  while (dropped == NULL)
    g_main_context_iteration (NULL, TRUE);
  crm_ticket_store_count_finish (crm_ticket_store_from_session (fixture->session), dropped, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  while (crm_session_count_reading () > 0)
    g_main_context_iteration (NULL, TRUE);
}

/* What the window changes on a ticket goes as a CrmTicketEdit to a
 * worker: made there in the user's name, told here before the answer;
 * what can be told at once is told before anything is written. */
static void
ticket_changed_cb (CrmDatabase *database,
                   const char  *entity,
                   gint64       id,
                   guint       *told)
{
  if (g_strcmp0 (entity, "ticket") == 0)
    (*told)++;
}

static gint64
apply_and_wait (Fixture       *fixture,
                CrmTicketEdit *edit,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_ticket_store_apply_async (crm_ticket_store_from_session (fixture->session), edit, NULL, counted_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return crm_ticket_store_apply_finish (crm_ticket_store_from_session (fixture->session), result, error);
}

static void
test_apply_async (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicket) ticket = NULL;
  g_autoptr(CrmTicketEdit) status = NULL;
  g_autoptr(CrmTicketEdit) empty = NULL;
  g_autoptr(CrmTicketEdit) far = NULL;
  g_autoptr(CrmTicketEdit) reply = NULL;
  g_autoptr(CrmTicketEdit) unknown = NULL;
  g_autoptr(CrmOutboxItem) queued = NULL;
  g_autoptr(GListModel) history = NULL;
  gint64 id = arrive (fixture, first);
  gint64 now = crm_clock_now_unix (fixture->clock);
  guint told = 0;
  gint64 outbox;

  crm_session_set_user_id (fixture->session, fixture->agent);
  g_signal_connect (crm_session_get_database (fixture->session), "changed", G_CALLBACK (ticket_changed_cb), &told);

  /* a status, made on the worker, told before the answer */
  status = crm_ticket_edit_new (id, CRM_TICKET_EDIT_STATUS, "Pending");
  g_assert_cmpint (apply_and_wait (fixture, status, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (told, >=, 1);
  ticket = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), id, 0, &error);
  g_assert_cmpstr (crm_ticket_get_status (ticket), ==, "Pending");

  /* what cannot be, said at once, nothing written */
  empty = crm_ticket_edit_new_reply (id, "", NULL, NULL, now + 30);
  g_assert_false (crm_ticket_store_check_edit (crm_ticket_store_from_session (fixture->session), empty, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  far = crm_ticket_edit_new_reply (id, "Za miesiąc.", NULL, NULL, now + 15 * 24 * 3600);
  g_assert_false (crm_ticket_store_check_edit (crm_ticket_store_from_session (fixture->session), far, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (apply_and_wait (fixture, far, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_outbox_next_due (crm_outbox_from_session (fixture->session)), ==, 0);

  /* a reply: its outbox row, in the agent's name */
  reply = crm_ticket_edit_new_reply (id, "Zapraszam.", NULL, NULL, now + 30);
  outbox = apply_and_wait (fixture, reply, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outbox, >, 0);
  queued = crm_outbox_get (crm_outbox_from_session (fixture->session), outbox, &error);
  g_assert_cmpstr (crm_outbox_item_get_state (queued), ==, "waiting");
  history = crm_session_list_history (fixture->session, "ticket", id, &error);
  g_assert_no_error (error);
  {
    gboolean replied = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (history); i++)
      {
        g_autoptr(CrmHistoryEntry) entry = g_list_model_get_item (history, i);

        if (g_strcmp0 (crm_history_entry_get_action (entry), "replied") == 0)
          {
            g_assert_cmpstr (crm_history_entry_get_actor (entry), ==, "Ewa Nowak");
            replied = TRUE;
          }
      }
    g_assert_true (replied);
  }

  /* the database refuses: said in the answer */
  unknown = crm_ticket_edit_new (id, CRM_TICKET_EDIT_QUEUE, "No Such Queue");
  g_assert_cmpint (apply_and_wait (fixture, unknown, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_signal_handlers_disconnect_by_data (crm_session_get_database (fixture->session), &told);
  while (crm_session_count_reading () > 0)
    g_main_context_iteration (NULL, TRUE);
}

/* A reply about to go asks first when a colleague answered the client
 * after the ticket was opened: whom, when; not one's own answer, nor
 * one from before. */
static void
test_answered_meanwhile (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *by = NULL;
  gint64 id = arrive (fixture, first);
  gint64 opened = crm_clock_now_unix (fixture->clock);
  gint64 jan, at = 0;

  jan = crm_user_store_add (crm_user_store_from_session (fixture->session), "Jan Kos", "jan@example.com",
                            CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);

  /* nobody yet */
  g_assert_true (crm_ticket_store_find_answer (crm_ticket_store_from_session (fixture->session), id, opened, jan, &by,
                                               &at, &error));
  g_assert_no_error (error);
  g_assert_null (by);

  /* Ewa answers a minute later, while Jan writes */
  crm_clock_advance (fixture->clock, 60 * G_TIME_SPAN_SECOND);
  crm_session_set_user_id (fixture->session, fixture->agent);
  g_assert_cmpint (crm_ticket_store_reply (crm_ticket_store_from_session (fixture->session), id, "Zapraszam.", NULL,
                                           NULL, crm_clock_now_unix (fixture->clock) + 30, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (crm_ticket_store_find_answer (crm_ticket_store_from_session (fixture->session), id, opened, jan, &by,
                                               &at, &error));
  g_assert_cmpstr (by, ==, "Ewa Nowak");
  g_assert_cmpint (at, ==, opened + 60);
  g_clear_pointer (&by, g_free);

  /* Ewa's own answer is no news to her; nor is one before Jan opened it */
  g_assert_true (crm_ticket_store_find_answer (crm_ticket_store_from_session (fixture->session), id, opened,
                                               fixture->agent, &by, NULL, &error));
  g_assert_null (by);
  g_assert_true (crm_ticket_store_find_answer (crm_ticket_store_from_session (fixture->session), id, opened + 61, jan,
                                               &by, NULL, &error));
  g_assert_null (by);
  g_assert_no_error (error);
}

/* Two agents change the same ticket at once, each from what they saw:
 * the first change is made, the second is refused with what the ticket
 * is now, and nothing of the first is lost. */
static void
test_concurrent_edits (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicket) seen = NULL;
  g_autoptr(CrmTicket) now = NULL;
  g_autoptr(CrmTicketEdit) ewa_takes = NULL;
  g_autoptr(CrmTicketEdit) jan_takes = NULL;
  g_autoptr(CrmTicketEdit) ewa_closes = NULL;
  g_autoptr(CrmTicketEdit) jan_reopens = NULL;
  gint64 id = arrive (fixture, first);
  gint64 jan;

  jan = crm_user_store_add (crm_user_store_from_session (fixture->session), "Jan Kos", "jan@example.com",
                            CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  seen = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), id, 0, &error);
  g_assert_no_error (error);

  /* both see it unassigned and take it */
  ewa_takes = crm_ticket_edit_new_assign (id, fixture->agent);
  crm_ticket_edit_expect (ewa_takes, seen);
  jan_takes = crm_ticket_edit_new_assign (id, jan);
  crm_ticket_edit_expect (jan_takes, seen);
  g_assert_cmpint (crm_ticket_store_apply (crm_ticket_store_from_session (fixture->session), ewa_takes, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (crm_ticket_store_apply (crm_ticket_store_from_session (fixture->session), jan_takes, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Ewa Nowak"));
  g_clear_error (&error);
  now = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), id, 0, &error);
  g_assert_cmpint (crm_ticket_get_assignee_id (now), ==, fixture->agent);

  /* one closes it; the other's change of status, from before, is refused */
  ewa_closes = crm_ticket_edit_new (id, CRM_TICKET_EDIT_STATUS, "Closed");
  crm_ticket_edit_expect (ewa_closes, seen);
  jan_reopens = crm_ticket_edit_new (id, CRM_TICKET_EDIT_STATUS, "Pending");
  crm_ticket_edit_expect (jan_reopens, seen);
  g_assert_cmpint (crm_ticket_store_apply (crm_ticket_store_from_session (fixture->session), ewa_closes, &error), ==, 1);
  g_assert_cmpint (crm_ticket_store_apply (crm_ticket_store_from_session (fixture->session), jan_reopens, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Closed"));
  g_clear_error (&error);
  g_clear_object (&now);
  now = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), id, 0, &error);
  g_assert_cmpstr (crm_ticket_get_status (now), ==, "Closed");
}

/* The same from crmctl: listed with the reason, opened by hand. */
static void
test_crmctl_automatic (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *listed = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *again = NULL;
  g_autofree char *empty = NULL;

  g_assert_cmpint (arrive (fixture, "From: anna@example.com\r\nSubject: Automatic reply: Mieszkanie\r\n"
                                    "X-Autoreply: yes\r\n\r\nJestem na urlopie.\r\n"), ==, 0);
  listed = run_crmctl (fixture, 0, "--json", "messages", "list", "--automatic", NULL);
  g_assert_nonnull (strstr (listed, "\"automatic\" : \"auto-reply\""));
  g_assert_nonnull (strstr (listed, "\"reason\" : \"An automatic reply (X-Autoreply) that answers no ticket\""));
  g_assert_nonnull (strstr (listed, "\"ticket_id\" : null"));

  opened = run_crmctl (fixture, 0, "--json", "tickets", "new", "--from-message", "1", NULL);
  g_assert_nonnull (strstr (opened, "\"id\" : 1"));
  /* in a ticket now: refused, as input the user can correct */
  again = run_crmctl (fixture, 2, "tickets", "new", "--from-message", "1", NULL);
  empty = run_crmctl (fixture, 0, "--json", "messages", "list", "--automatic", NULL);
  g_assert_null (strstr (empty, "\"id\""));
}

/* Issue 11: a bounce of our reply joins the ticket and says to whom. */
static void
test_bounce (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(CrmParsedMessage) sent = NULL;
  g_autoptr(GBytes) raw_bytes = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *report = NULL;
  g_autofree char *reason = NULL;
  gint64 id = arrive (fixture, first);
  gint64 outbox;

  crm_session_set_user_id (fixture->session, fixture->agent);
  outbox = crm_ticket_store_reply (crm_ticket_store_from_session (fixture->session), id, "Zapraszam.", NULL, NULL,
                                   crm_clock_now_unix (fixture->clock) + 30, &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, 0);
  raw = outbox_raw (fixture, outbox);
  raw_bytes = g_bytes_new_static (raw, strlen (raw));
  sent = crm_parsed_message_new (raw_bytes);

  /* the report names our mail only in its attached headers */
  report = g_strdup_printf ("From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\r\n"
                            "To: biuro@example.com\r\nSubject: Undelivered Mail Returned to Sender\r\n"
                            "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
                            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
                            "--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
                            "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.com\r\n\r\n"
                            "Final-Recipient: rfc822; anna@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                            "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n"
                            "--B\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: biuro@example.com\r\n"
                            "To: anna@example.com\r\nMessage-ID: <%s>\r\nSubject: Re: Mieszkanie\r\n\r\n--B--\r\n",
                            sent->message_id);
  g_assert_cmpint (arrive (fixture, report), ==, id);
  reason = last_reason (fixture);
  g_assert_nonnull (strstr (reason, "delivery report"));
  comments = crm_ticket_store_list_comments (crm_ticket_store_from_session (fixture->session), id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((CrmTicketComment *) g_ptr_array_index (comments, comments->len - 1))->body, ==,
                   "Mail to anna@example.com bounced: 550 5.1.1 User unknown");

  /* a report on mail we never sent opens nothing and is listed */
  g_assert_cmpint (arrive (fixture, "From: MAILER-DAEMON@example.org\r\nSubject: Undelivered Mail\r\n\r\n"
                                    "Delivery failed.\r\n"), ==, 0);
  {
    g_autoptr(GListModel) automatic = crm_ticket_store_list_automatic_mail (crm_ticket_store_from_session (fixture->session), 100, &error);
    g_autoptr(CrmMessage) unknown = g_list_model_get_item (automatic, 0);

    g_assert_cmpuint (g_list_model_get_n_items (automatic), ==, 1);
    g_assert_cmpstr (crm_message_get_automatic (unknown), ==, "delivery-report");
  }
}

/* Issue 11: replies to a message we do not hold meet in one ticket,
 * whatever came first (JWZ). */
static void
test_missing_parent (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *reason = NULL;
  gint64 a;

  /* the root never reached this mailbox; two replies to it */
  a = arrive (fixture, "From: anna@example.com\r\nSubject: Re: Dom\r\nMessage-ID: <r1@a.example.com>\r\n"
                       "In-Reply-To: <root@gone.example.com>\r\nReferences: <root@gone.example.com>\r\n\r\nA.\r\n");
  g_assert_cmpint (a, >, 0);
  g_assert_cmpint (arrive (fixture, "From: jan@example.com\r\nSubject: Re: Dom\r\nMessage-ID: <r2@j.example.com>\r\n"
                                    "In-Reply-To: <root@gone.example.com>\r\n\r\nB.\r\n"), ==, a);
  reason = last_reason (fixture);
  g_assert_cmpstr (reason, ==, "Refers to <root@gone.example.com>, as mail in this ticket does");

  /* a reply to a reply we never got either, with the root in References */
  g_assert_cmpint (arrive (fixture, "From: ola@example.com\r\nSubject: Re: Dom\r\n"
                                    "In-Reply-To: <gone2@x.example.com>\r\n"
                                    "References: <root@gone.example.com> <gone2@x.example.com>\r\n\r\nC.\r\n"), ==, a);

  /* the parent comes late: it joins its children */
  g_assert_cmpint (arrive (fixture, "From: x@example.com\r\nSubject: Re: Dom\r\nMessage-ID: <gone2@x.example.com>\r\n"
                                    "\r\nLate.\r\n"), ==, a);
  g_clear_pointer (&reason, g_free);
  reason = last_reason (fixture);
  g_assert_cmpstr (reason, ==, "Mail in this ticket answers it");
}

/* Issue 11: mail that names two tickets' conversations makes them one;
 * a ticket someone has worked on stays, the untouched one joins it. */
static void
test_join_tickets (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicket) joined = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GArray) mail = NULL;
  g_autofree char *expected = NULL;
  gint64 a;
  gint64 b;
  gint64 c;
  gint64 d;

  /* Outlook answers two messages we never got: two tickets */
  a = arrive (fixture, "From: anna@example.com\r\nSubject: RE: Dom\r\nMessage-ID: <a@a.example.com>\r\n"
                       "In-Reply-To: <x@gone.example.com>\r\n\r\nA.\r\n");
  b = arrive (fixture, "From: jan@example.com\r\nSubject: RE: Dom\r\nMessage-ID: <b@j.example.com>\r\n"
                       "In-Reply-To: <y@gone.example.com>\r\n\r\nB.\r\n");
  g_assert_cmpint (a, !=, b);

  /* a mail reader's reply names both: one ticket, the other closed with a note */
  g_assert_cmpint (arrive (fixture, "From: ola@example.com\r\nSubject: Re: Dom\r\n"
                                    "In-Reply-To: <b@j.example.com>\r\n"
                                    "References: <root@gone.example.com> <x@gone.example.com> <y@gone.example.com> "
                                    "<b@j.example.com>\r\n\r\nC.\r\n"), ==, b);
  mail = crm_ticket_store_list_messages (crm_ticket_store_from_session (fixture->session), b, &error);
  g_assert_cmpuint (mail->len, ==, 3);
  joined = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), a, 0, &error);
  g_assert_cmpstr (crm_ticket_get_status_kind (joined), ==, "closed");
  comments = crm_ticket_store_list_comments (crm_ticket_store_from_session (fixture->session), a, &error);
  expected = g_strdup_printf ("Joined ticket #%" G_GINT64_FORMAT ": its mail is the same conversation", b);
  g_assert_cmpstr (((CrmTicketComment *) g_ptr_array_index (comments, comments->len - 1))->body, ==, expected);
  g_clear_pointer (&comments, g_ptr_array_unref);
  g_clear_pointer (&mail, g_array_unref);

  /* someone works on c; d is untouched: d joins c, whichever mail named first */
  c = arrive (fixture, "From: anna@example.com\r\nSubject: RE: Biuro\r\nMessage-ID: <c@a.example.com>\r\n"
                       "In-Reply-To: <p@gone.example.com>\r\n\r\nC.\r\n");
  d = arrive (fixture, "From: jan@example.com\r\nSubject: RE: Biuro\r\nMessage-ID: <d@j.example.com>\r\n"
                       "In-Reply-To: <q@gone.example.com>\r\n\r\nD.\r\n");
  crm_session_set_user_id (fixture->session, fixture->agent);
  g_assert_true (crm_ticket_store_comment (crm_ticket_store_from_session (fixture->session), c, "Dzwoniłam.", &error));
  crm_session_set_user_id (fixture->session, 0);
  g_assert_cmpint (arrive (fixture, "From: ola@example.com\r\nSubject: Re: Biuro\r\n"
                                    "In-Reply-To: <d@j.example.com>\r\n"
                                    "References: <p@gone.example.com> <q@gone.example.com> <d@j.example.com>\r\n"
                                    "\r\nE.\r\n"), ==, c);
  mail = crm_ticket_store_list_messages (crm_ticket_store_from_session (fixture->session), c, &error);
  g_assert_cmpuint (mail->len, ==, 3);
  g_clear_pointer (&mail, g_array_unref);

  /* a closed ticket keeps its mail (RQ11): no joining across it */
  g_assert_true (crm_ticket_store_set (crm_ticket_store_from_session (fixture->session), c, "Closed", NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  d = arrive (fixture, "From: jan@example.com\r\nSubject: RE: Inne\r\nMessage-ID: <f@j.example.com>\r\n"
                       "In-Reply-To: <r@gone.example.com>\r\n\r\nF.\r\n");
  g_assert_cmpint (arrive (fixture, "From: ola@example.com\r\nSubject: Re: Inne\r\n"
                                    "In-Reply-To: <f@j.example.com>\r\n"
                                    "References: <p@gone.example.com> <r@gone.example.com> <f@j.example.com>\r\n"
                                    "\r\nG.\r\n"), ==, d);
  mail = crm_ticket_store_list_messages (crm_ticket_store_from_session (fixture->session), c, &error);
  g_assert_cmpuint (mail->len, ==, 3);
}

static void
test_closed_ticket (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicket) reopened = NULL;
  g_autofree char *reason = NULL;
  gint64 id = arrive (fixture, first);
  gint64 other;

  g_assert_true (crm_ticket_store_set (crm_ticket_store_from_session (fixture->session), id, "Closed", NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* RQ11: closing affects that request only; new mail opens another */
  other = arrive (fixture, "From: anna@example.com\r\nSubject: Re: Mieszkanie\r\n"
                           "In-Reply-To: <first@anna.example.com>\r\n\r\nJednak jeszcze pytanie.\r\n");
  g_assert_cmpint (other, >, id);
  reason = last_reason (fixture);
  g_assert_nonnull (strstr (reason, "closed"));

  /* a queue that reopens instead: the ticket the mail answers */
  g_assert_true (crm_ticket_store_set_queue_reopens (crm_ticket_store_from_session (fixture->session), 1, TRUE, &error));
  g_assert_cmpint (arrive (fixture, "From: anna@example.com\r\nSubject: Re: Mieszkanie\r\n"
                                    "In-Reply-To: <first@anna.example.com>\r\n\r\nI jeszcze raz.\r\n"), ==, id);
  reopened = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), id, 0, &error);
  g_assert_cmpstr (crm_ticket_get_status_kind (reopened), ==, "open");

  /* the new request RQ11 made stays apart, though its mail names the same */
  {
    g_autoptr(GArray) apart = crm_ticket_store_list_messages (crm_ticket_store_from_session (fixture->session), other, &error);

    g_assert_cmpuint (apart->len, ==, 1);
  }
}

static void
test_rules_and_manager (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmTicket) invoice = NULL;
  g_autoptr(CrmTicket) known = NULL;
  g_auto(GStrv) tags = NULL;
  const char *emails[] = { "klient@example.com", NULL };
  gint64 billing;
  gint64 sales;

  billing = crm_ticket_store_add_queue (crm_ticket_store_from_session (fixture->session), "Księgowość", &error);
  g_assert_no_error (error);
  sales = crm_ticket_store_add_queue (crm_ticket_store_from_session (fixture->session), "Sprzedaż", &error);
  g_assert_cmpint (crm_ticket_store_add_queue (crm_ticket_store_from_session (fixture->session), "sprzedaż", &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);

  /* the first rule that matches wins */
  g_assert_cmpint (crm_ticket_store_add_rule (crm_ticket_store_from_session (fixture->session), "subject", "FAKTURA", billing, "High", "faktury", &error), >, 0);
  g_assert_cmpint (crm_ticket_store_add_rule (crm_ticket_store_from_session (fixture->session), "from", "example.com", sales, NULL, NULL, &error), >, 0);
  g_assert_cmpint (crm_ticket_store_add_rule (crm_ticket_store_from_session (fixture->session), "body", "x", sales, NULL, NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  invoice = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session),
                                  arrive (fixture, "From: firma@example.com\r\nSubject: Faktura 12/2026\r\n\r\nW załączeniu.\r\n"),
                                  0, &error);
  g_assert_cmpstr (crm_ticket_get_queue (invoice), ==, "Księgowość");
  g_assert_cmpstr (crm_ticket_get_priority (invoice), ==, "High");
  tags = crm_ticket_dup_tags (invoice);
  g_assert_cmpstr (tags[0], ==, "faktury");

  /* RQ2: a known client's mail goes to the client's manager */
  crm_contact_set_name (client, "Klient Znany");
  crm_contact_set_emails (client, emails);
  crm_contact_set_manager_id (client, fixture->agent);
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), client, &error));
  known = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session),
                                arrive (fixture, "From: KLIENT@example.com\r\nSubject: Pytanie\r\n\r\nDzień dobry.\r\n"),
                                0, &error);
  g_assert_cmpstr (crm_ticket_get_queue (known), ==, "Sprzedaż");
  g_assert_cmpint (crm_ticket_get_client_id (known), ==, crm_contact_get_id (client));
  g_assert_cmpint (crm_ticket_get_assignee_id (known), ==, fixture->agent);
  g_assert_cmpstr (crm_ticket_get_assignee (known), ==, "Ewa Nowak");
}

static void
test_reply_and_sla (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicket) before = NULL;
  g_autoptr(CrmTicket) after = NULL;
  g_autoptr(CrmContact) contact = NULL;
  g_autoptr(GArray) messages = NULL;
  g_autoptr(GArray) undone = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *quoted = NULL;
  gint64 created = crm_clock_now_unix (fixture->clock);
  gint64 id = arrive (fixture, first);
  gint64 outbox;
  gint64 cancelled;

  /* Normal: answer within 8 hours, resolve within 2 days */
  before = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), id, 0, &error);
  g_assert_cmpint (crm_ticket_get_response_due (before), ==, created + 8 * 3600);
  g_assert_cmpint (crm_ticket_get_resolution_due (before), ==, created + 48 * 3600);

  crm_clock_advance (fixture->clock, 2 * G_TIME_SPAN_HOUR);
  crm_session_set_user_id (fixture->session, fixture->agent);
  outbox = crm_ticket_store_reply (crm_ticket_store_from_session (fixture->session), id, "Dzień dobry, zapraszam na oglądanie.", NULL, NULL,
                                   crm_clock_now_unix (fixture->clock) + 30, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outbox, >, 0);

  raw = outbox_raw (fixture, outbox);
  g_assert_nonnull (strstr (raw, "In-Reply-To: <first@anna.example.com>"));
  g_assert_nonnull (strstr (raw, "To: anna@example.com"));
  /* no machine reference in what the client reads (issue 10, 18) */
  reference = crm_ticket_store_dup_reference (crm_ticket_store_from_session (fixture->session), id);
  g_assert_null (strstr (raw, reference));
  g_assert_null (strstr (raw, "CRM-REF"));
  {
    g_autofree char *token = g_strdup_printf ("[#%" G_GINT64_FORMAT "]", id);

    g_assert_nonnull (strstr (raw, token));
  }

  after = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), id, fixture->agent, &error);
  g_assert_cmpint (crm_ticket_get_response_due (after), ==, 0);
  g_assert_cmpstr (crm_ticket_get_status_kind (after), ==, "open");
  g_assert_false (crm_ticket_get_unread (after));
  messages = crm_ticket_store_list_messages (crm_ticket_store_from_session (fixture->session), id, &error);
  g_assert_cmpuint (messages->len, ==, 2);

  /* RQ7: the unknown sender became a contact of the one who answered */
  g_assert_cmpint (crm_ticket_get_client_id (after), >, 0);
  contact = crm_contact_store_get (crm_contact_store_from_session (fixture->session), crm_ticket_get_client_id (after), &error);
  g_assert_cmpstr (crm_contact_get_name (contact), ==, "Anna Kowalska");
  g_assert_cmpint (crm_contact_get_manager_id (contact), ==, fixture->agent);

  /* TK1, TK9: a request recorded on the client's behalf is the
   * client's own message, so the ticket is in their history */
  {
    g_autoptr(GListModel) history = NULL;
    g_autoptr(GListModel) still = NULL;
    gint64 phone = crm_ticket_store_create (crm_ticket_store_from_session (fixture->session), "Telefon w sprawie kluczy", 1, NULL,
                                         crm_contact_get_id (contact), "Dzwoniła w sprawie kluczy.", 0, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (phone, >, 0);
    history = crm_ticket_store_list_contact_tickets (crm_ticket_store_from_session (fixture->session), crm_contact_get_id (contact), 10, &error);
    g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
    still = crm_ticket_store_list_client_tickets (crm_ticket_store_from_session (fixture->session), phone, 3, &error);
    g_assert_cmpuint (g_list_model_get_n_items (still), ==, 1);
  }

  /* undo: the reply leaves the conversation */
  cancelled = crm_ticket_store_reply (crm_ticket_store_from_session (fixture->session), id, "Pomyłka.", NULL, NULL,
                                      crm_clock_now_unix (fixture->clock) + 30, &error);
  g_assert_true (crm_outbox_cancel (crm_outbox_from_session (fixture->session), cancelled, &error));
  undone = crm_ticket_store_list_messages (crm_ticket_store_from_session (fixture->session), id, &error);
  g_assert_cmpuint (undone->len, ==, 2);

  /* the client answers from a program that drops the headers and the
   * subject, quoting the reference line of an earlier version's mail:
   * it still leads back */
  quoted = g_strdup_printf ("From: anna.k@example.net\r\nSubject: odpowiedz\r\n\r\nDziękuję!\r\n\r\n> %s\r\n", reference);
  g_assert_cmpint (arrive (fixture, quoted), ==, id);

  /* a made-up reference does not */
  g_assert_cmpint (arrive (fixture, "From: x@example.net\r\nSubject: hi\r\n\r\nCRM-REF:1-00000000\r\n"), !=, id);
}

static void
test_comments_and_changes (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(CrmTicket) ticket = NULL;
  gint64 id = arrive (fixture, first);

  crm_session_set_user_id (fixture->session, fixture->agent);
  g_assert_true (crm_ticket_store_comment (crm_ticket_store_from_session (fixture->session), id, "Klientka dzwoniła rano.", &error));
  g_assert_false (crm_ticket_store_comment (crm_ticket_store_from_session (fixture->session), id, "   ", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (crm_ticket_store_assign (crm_ticket_store_from_session (fixture->session), id, fixture->agent, &error));
  g_assert_true (crm_ticket_store_set (crm_ticket_store_from_session (fixture->session), id, "Pending", NULL, "Urgent", "Wynajem", "pilne", &error));
  g_assert_no_error (error);

  /* all or nothing: an unknown status changes nothing */
  g_assert_false (crm_ticket_store_set (crm_ticket_store_from_session (fixture->session), id, "Nowhere", NULL, "Low", NULL, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  ticket = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), id, 0, &error);
  g_assert_cmpstr (crm_ticket_get_status (ticket), ==, "Pending");
  g_assert_cmpstr (crm_ticket_get_priority (ticket), ==, "Urgent");
  /* Urgent: four hours to resolve, from when the ticket came */
  g_assert_cmpint (crm_ticket_get_resolution_due (ticket), ==, crm_ticket_get_created (ticket) + 4 * 3600);
  g_assert_cmpstr (crm_ticket_get_category (ticket), ==, "Wynajem");
  g_assert_cmpint (crm_ticket_get_assignee_id (ticket), ==, fixture->agent);

  comments = crm_ticket_store_list_comments (crm_ticket_store_from_session (fixture->session), id, &error);
  g_assert_cmpuint (comments->len, ==, 6);
  g_assert_true (((CrmTicketComment *) g_ptr_array_index (comments, 0))->internal);
  g_assert_false (((CrmTicketComment *) g_ptr_array_index (comments, 1))->internal);
  g_assert_cmpstr (((CrmTicketComment *) g_ptr_array_index (comments, 1))->body, ==, "Assigned to Ewa Nowak");
  g_assert_cmpstr (((CrmTicketComment *) g_ptr_array_index (comments, 1))->author, ==, "Ewa Nowak");
}

/* a reply refused whole: 31 copies, or a file over 25 MB (TK4, TK5);
 * someone copied on the first mail answering with the token only */
static void
test_reply_limits (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cc = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GArray) mail = NULL;
  g_autofree char *message = NULL;
  CrmTicketAttachment big = { (char *) "big.bin", (char *) "application/octet-stream", NULL };
  gint64 id = arrive (fixture, "From: anna@example.com\r\nTo: biuro@example.com\r\nCc: Ola <ola@example.com>\r\n"
                               "Subject: Remont\r\nMessage-ID: <remont@anna.example.com>\r\n\r\nPytanie.\r\n");

  crm_session_set_user_id (fixture->session, fixture->agent);
  for (guint i = 0; i < 31; i++)
    g_ptr_array_add (cc, g_strdup_printf ("kopia%u@example.com", i));
  g_ptr_array_add (cc, NULL);
  g_assert_cmpint (crm_ticket_store_reply (crm_ticket_store_from_session (fixture->session), id, "Odpowiedź.", (const char * const *) cc->pdata, NULL,
                                           crm_clock_now_unix (fixture->clock) + 30, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  big.data = g_bytes_new_take (g_malloc0 (25 * 1024 * 1024 + 1), 25 * 1024 * 1024 + 1);
  g_ptr_array_add (files, &big);
  g_assert_cmpint (crm_ticket_store_reply (crm_ticket_store_from_session (fixture->session), id, "Odpowiedź.", NULL, files,
                                           crm_clock_now_unix (fixture->clock) + 30, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_bytes_unref (big.data);

  /* nothing of either was kept */
  mail = crm_ticket_store_list_messages (crm_ticket_store_from_session (fixture->session), id, &error);
  g_assert_cmpuint (mail->len, ==, 1);

  /* Ola was copied on the first mail: her answer with the token joins */
  message = g_strdup_printf ("From: ola@example.com\r\nSubject: Re: Remont [#%" G_GINT64_FORMAT "]\r\n\r\nOla.\r\n", id);
  g_assert_cmpint (arrive (fixture, message), ==, id);
}

/* tags on and off, the source, followers, category removed; each with
 * its system comment; the list's filters by tag, source and follower */
static void
test_more_properties (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(CrmTicket) ticket = NULL;
  g_autoptr(GArray) followers = NULL;
  g_autoptr(GListModel) found = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) used = NULL;
  CrmTicketFilter filter = { 0 };
  gint64 id = arrive (fixture, first);
  gint64 other = arrive (fixture, "From: jan@example.org\r\nSubject: Inna sprawa\r\n\r\nTekst.\r\n");
  guint n;

  g_assert_cmpint (other, !=, id);
  crm_session_set_user_id (fixture->session, fixture->agent);
  g_assert_true (crm_ticket_store_set (crm_ticket_store_from_session (fixture->session), id, NULL, NULL, NULL, "Wynajem", "pilne", &error));
  g_assert_true (crm_ticket_store_set (crm_ticket_store_from_session (fixture->session), id, NULL, NULL, NULL, NULL, "vip", &error));
  g_assert_true (crm_ticket_store_untag (crm_ticket_store_from_session (fixture->session), id, "pilne", &error));
  /* a tag the ticket does not have: nothing to do, and nothing said */
  n = (comments = crm_ticket_store_list_comments (crm_ticket_store_from_session (fixture->session), id, &error))->len;
  g_clear_pointer (&comments, g_ptr_array_unref);
  g_assert_true (crm_ticket_store_untag (crm_ticket_store_from_session (fixture->session), id, "pilne", &error));
  g_assert_false (crm_ticket_store_untag (crm_ticket_store_from_session (fixture->session), id, "nigdy", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (crm_ticket_store_set_source (crm_ticket_store_from_session (fixture->session), id, "phone", &error));
  g_assert_false (crm_ticket_store_set_source (crm_ticket_store_from_session (fixture->session), id, "fax", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (crm_ticket_store_follow (crm_ticket_store_from_session (fixture->session), id, fixture->agent, TRUE, &error));
  g_assert_true (crm_ticket_store_follow (crm_ticket_store_from_session (fixture->session), id, fixture->agent, TRUE, &error));
  g_assert_true (crm_ticket_store_set (crm_ticket_store_from_session (fixture->session), id, NULL, NULL, NULL, "", NULL, &error));
  g_assert_no_error (error);

  ticket = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), id, 0, &error);
  tags = crm_ticket_dup_tags (ticket);
  g_assert_cmpuint (g_strv_length (tags), ==, 1);
  g_assert_cmpstr (tags[0], ==, "vip");
  g_assert_cmpstr (crm_ticket_get_source (ticket), ==, "phone");
  g_assert_null (crm_ticket_get_category (ticket));
  followers = crm_ticket_store_list_followers (crm_ticket_store_from_session (fixture->session), id, &error);
  g_assert_cmpuint (followers->len, ==, 1);
  g_assert_cmpint (g_array_index (followers, gint64, 0), ==, fixture->agent);

  comments = crm_ticket_store_list_comments (crm_ticket_store_from_session (fixture->session), id, &error);
  /* source, follows (once), category removed after the untouched untag */
  g_assert_cmpuint (comments->len, ==, n + 3);
  g_assert_cmpstr (((CrmTicketComment *) g_ptr_array_index (comments, n - 1))->body, ==, "Tag pilne removed");
  g_assert_cmpstr (((CrmTicketComment *) g_ptr_array_index (comments, n))->body, ==, "Source set to phone");
  g_assert_cmpstr (((CrmTicketComment *) g_ptr_array_index (comments, n + 1))->body, ==, "Ewa Nowak follows the ticket");
  g_assert_cmpstr (((CrmTicketComment *) g_ptr_array_index (comments, n + 2))->body, ==, "Category removed");

  used = crm_ticket_store_list_tags (crm_ticket_store_from_session (fixture->session), &error);
  g_assert_cmpuint (g_strv_length (used), ==, 1);

  filter.tag = "vip";
  found = crm_ticket_store_list (crm_ticket_store_from_session (fixture->session), &filter, &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);
  filter.tag = NULL;
  filter.source = "phone";
  g_assert_cmpuint (crm_ticket_store_count (crm_ticket_store_from_session (fixture->session), &filter, &error), ==, 1);
  filter.source = "email";
  g_assert_cmpuint (crm_ticket_store_count (crm_ticket_store_from_session (fixture->session), &filter, &error), ==, 1);
  filter.source = NULL;
  filter.follower_id = fixture->agent;
  g_assert_cmpuint (crm_ticket_store_count (crm_ticket_store_from_session (fixture->session), &filter, &error), ==, 1);
  /* involved: assigned or followed, each ticket once */
  filter.follower_id = 0;
  filter.involved_id = fixture->agent;
  g_assert_cmpuint (crm_ticket_store_count (crm_ticket_store_from_session (fixture->session), &filter, &error), ==, 1);
  g_assert_true (crm_ticket_store_assign (crm_ticket_store_from_session (fixture->session), id, fixture->agent, &error));
  g_assert_cmpuint (crm_ticket_store_count (crm_ticket_store_from_session (fixture->session), &filter, &error), ==, 1);
  g_assert_true (crm_ticket_store_assign (crm_ticket_store_from_session (fixture->session), other, fixture->agent, &error));
  g_assert_cmpuint (crm_ticket_store_count (crm_ticket_store_from_session (fixture->session), &filter, &error), ==, 2);
  filter.involved_id = 0;
  filter.follower_id = fixture->agent;
  g_assert_true (crm_ticket_store_follow (crm_ticket_store_from_session (fixture->session), id, fixture->agent, FALSE, &error));
  g_assert_cmpuint (crm_ticket_store_count (crm_ticket_store_from_session (fixture->session), &filter, &error), ==, 0);
  /* with a search too */
  filter.follower_id = 0;
  filter.tag = "vip";
  filter.search = "ofertę";
  found = crm_ticket_store_list (crm_ticket_store_from_session (fixture->session), &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);

  /* categories and the office's statuses */
  g_assert_cmpint (crm_ticket_store_add_category (crm_ticket_store_from_session (fixture->session), "Serwis", &error), >, 0);
  g_assert_cmpint (crm_ticket_store_add_category (crm_ticket_store_from_session (fixture->session), "", &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_ticket_store_add_status (crm_ticket_store_from_session (fixture->session), "Nowe od klienta", "new", &error), >, 0);
  {
    g_auto(GStrv) statuses = crm_ticket_store_list_statuses (crm_ticket_store_from_session (fixture->session), &error);
    g_auto(GStrv) categories = crm_ticket_store_list_categories (crm_ticket_store_from_session (fixture->session), &error);

    g_assert_cmpstr (statuses[1], ==, "Nowe od klienta");
    g_assert_cmpstr (statuses[2], ==, "Open");
    g_assert_cmpuint (g_strv_length (categories), ==, 2);
  }
  /* the files exchanged with the client, on the client's card (RQ4) */
  {
    g_autoptr(GPtrArray) files = g_ptr_array_new ();
    CrmTicketAttachment plan = { (char *) "plan.pdf", (char *) "application/pdf", NULL };
    g_autoptr(CrmTicket) answered = NULL;
    g_autoptr(GListModel) sent = NULL;
    g_autoptr(CrmAttachment) first_file = NULL;

    plan.data = g_bytes_new_static ("%PDF-1.4", 8);
    g_ptr_array_add (files, &plan);
    g_assert_cmpint (crm_ticket_store_reply (crm_ticket_store_from_session (fixture->session), id, "Plan w załączniku.", NULL, files,
                                             crm_clock_now_unix (fixture->clock) + 30, &error), >, 0);
    g_assert_no_error (error);
    g_bytes_unref (plan.data);
    answered = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), id, 0, &error);
    g_assert_cmpint (crm_ticket_get_client_id (answered), >, 0);
    sent = crm_message_store_list_contact_files (crm_message_store_from_session (fixture->session), crm_ticket_get_client_id (answered), 10, &error);
    g_assert_cmpuint (g_list_model_get_n_items (sent), ==, 1);
    first_file = g_list_model_get_item (sent, 0);
    g_assert_cmpstr (crm_attachment_get_name (first_file), ==, "plan.pdf");
    g_assert_cmpint (crm_attachment_get_size (first_file), ==, 8);
  }

  /* a status of the kind "new" counts as new in the lists */
  g_assert_true (crm_ticket_store_set (crm_ticket_store_from_session (fixture->session), other, "Nowe od klienta", NULL, NULL, NULL, NULL, &error));
  memset (&filter, 0, sizeof filter);
  filter.status = "new";
  /* the answered one is open now */
  g_assert_cmpuint (crm_ticket_store_count (crm_ticket_store_from_session (fixture->session), &filter, &error), ==, 1);
  filter.status = "Nowe od klienta";
  g_assert_cmpuint (crm_ticket_store_count (crm_ticket_store_from_session (fixture->session), &filter, &error), ==, 1);
  filter.status = "open";
  g_assert_cmpuint (crm_ticket_store_count (crm_ticket_store_from_session (fixture->session), &filter, &error), ==, 1);
}

static void
test_lists (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) oldest = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GListModel) unassigned = NULL;
  CrmTicketFilter filter = { 0 };
  gint64 a = arrive (fixture, first);
  gint64 b;

  crm_clock_advance (fixture->clock, G_TIME_SPAN_HOUR);
  b = arrive (fixture, "From: piotr@example.com\r\nSubject: Dom pod Warszawą\r\n\r\nSzukam domu z ogrodem.\r\n");
  g_assert_true (crm_ticket_store_assign (crm_ticket_store_from_session (fixture->session), b, fixture->agent, &error));

  all = crm_ticket_store_list (crm_ticket_store_from_session (fixture->session), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);
  g_assert_cmpint (crm_ticket_get_id (g_list_model_get_item (all, 0)), ==, b);
  g_object_unref (g_list_model_get_item (all, 0));

  filter.oldest_first = TRUE;
  oldest = crm_ticket_store_list (crm_ticket_store_from_session (fixture->session), &filter, &error);
  g_assert_cmpint (crm_ticket_get_id (g_list_model_get_item (oldest, 0)), ==, a);
  g_object_unref (g_list_model_get_item (oldest, 0));

  /* search over bodies, accent-insensitive */
  filter.search = "ogrod";
  found = crm_ticket_store_list (crm_ticket_store_from_session (fixture->session), &filter, &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);

  filter.search = NULL;
  filter.assignee_id = -1;
  unassigned = crm_ticket_store_list (crm_ticket_store_from_session (fixture->session), &filter, &error);
  g_assert_cmpuint (g_list_model_get_n_items (unassigned), ==, 1);

  /* the lazy list of the tickets page: filters, and changes at idle */
  {
    g_autoptr(CrmTicketList) list = crm_ticket_list_new (fixture->session);
    g_autoptr(CrmTicket) top = NULL;
    CrmTicketFilter mine = { 0 };

    g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (list), 10000));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
    top = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpint (crm_ticket_get_id (top), ==, b);
    g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 2));

    mine.assignee_id = fixture->agent;
    crm_ticket_list_set_filter (list, &mine);
    g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (list), 10000));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

    g_assert_true (crm_ticket_store_assign (crm_ticket_store_from_session (fixture->session), a, fixture->agent, &error));
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (list), 10000));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  }
}

static void
test_templates (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicket) ticket = NULL;
  g_autoptr(CrmUser) agent = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  gint64 id = arrive (fixture, first);
  gint64 greeting;

  greeting = crm_template_store_add (CRM_TEMPLATES (fixture->session), "Powitanie",
                                     "Dzień dobry {client_first_name},\ndziękujemy za zgłoszenie nr {ticket_number} "
                                     "({ticket_subject}). {nieznane}\n{agent_name}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_template_store_add (CRM_TEMPLATES (fixture->session), "powitanie", "x", &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (crm_template_store_add (CRM_TEMPLATES (fixture->session), "Pusty", "  \n", &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  templates = crm_template_store_list (CRM_TEMPLATES (fixture->session), &error);
  g_assert_cmpuint (templates->len, ==, 1);

  ticket = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), id, 0, &error);
  agent = crm_user_store_get (crm_user_store_from_session (fixture->session), fixture->agent, &error);
  text = crm_template_expand (((CrmTemplateInfo *) g_ptr_array_index (templates, 0))->body, ticket, agent);
  expected = g_strdup_printf ("Dzień dobry anna,\ndziękujemy za zgłoszenie nr %lld "
                              "(Mieszkanie na Mokotowie). {nieznane}\nEwa Nowak", (long long) id);
  /* the sender is no contact yet: the address stands for the name, up to the @ */
  g_assert_cmpstr (text, ==, expected);

  g_assert_true (crm_template_store_delete (CRM_TEMPLATES (fixture->session), greeting, &error));
  g_assert_false (crm_template_store_delete (CRM_TEMPLATES (fixture->session), greeting, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
}

/* TK13: the sender of a ticket becomes a contact, or is linked to one. */
static void
test_set_client (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicket) first_ticket = NULL;
  g_autoptr(CrmTicket) second_ticket = NULL;
  g_autoptr(CrmTicket) y_other = NULL;
  g_autoptr(CrmContact) jan = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  gint64 x1 = arrive (fixture, "From: Jan Obcy <x@example.org>\r\nSubject: Pierwsze\r\n\r\nA.\r\n");
  gint64 x2 = arrive (fixture, "From: x@example.org\r\nSubject: Drugie\r\n\r\nB.\r\n");
  gint64 y1 = arrive (fixture, "From: y@example.org\r\nSubject: Z innego adresu\r\n\r\nC.\r\n");
  gint64 y2 = arrive (fixture, "From: y@example.org\r\nSubject: Jeszcze raz\r\n\r\nD.\r\n");
  gint64 contact;

  crm_session_set_user_id (fixture->session, fixture->agent);
  contact = crm_ticket_store_add_client (crm_ticket_store_from_session (fixture->session), x1, CRM_CONTACT_PERSON, "Jan Obcy", "Firma Obca", &error);
  g_assert_no_error (error);
  g_assert_cmpint (contact, >, 0);

  /* every ticket from the address has the new client */
  first_ticket = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), x1, 0, &error);
  second_ticket = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), x2, 0, &error);
  g_assert_cmpint (crm_ticket_get_client_id (first_ticket), ==, contact);
  g_assert_cmpint (crm_ticket_get_client_id (second_ticket), ==, contact);
  jan = crm_contact_store_get (crm_contact_store_from_session (fixture->session), contact, &error);
  g_assert_cmpstr (crm_contact_get_emails (jan)[0], ==, "x@example.org");
  g_assert_cmpstr (crm_contact_get_company_name (jan), ==, "Firma Obca");
  g_assert_cmpint (crm_contact_get_manager_id (jan), ==, fixture->agent);
  comments = crm_ticket_store_list_comments (crm_ticket_store_from_session (fixture->session), x1, &error);
  g_assert_cmpstr (((CrmTicketComment *) g_ptr_array_index (comments, comments->len - 1))->body, ==,
                   "The client is Jan Obcy");

  /* another address of the same man: this ticket only, address kept */
  g_clear_object (&jan);
  g_assert_true (crm_ticket_store_link_client (crm_ticket_store_from_session (fixture->session), y1, contact, TRUE, FALSE, &error));
  g_assert_no_error (error);
  jan = crm_contact_store_get (crm_contact_store_from_session (fixture->session), contact, &error);
  g_assert_cmpstr (crm_contact_get_emails (jan)[1], ==, "y@example.org");
  y_other = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), y2, 0, &error);
  g_assert_cmpint (crm_ticket_get_client_id (y_other), ==, 0);

  /* an empty name is refused and changes nothing */
  g_assert_cmpint (crm_ticket_store_add_client (crm_ticket_store_from_session (fixture->session), y2, CRM_CONTACT_PERSON, "", NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
}

/* Issue 10, defect 9: the names people give in their addresses name
 * the contacts made of them. */
static void
test_display_names (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicket) ticket = NULL;
  g_autoptr(CrmTicket) again = NULL;
  g_autoptr(CrmContact) client = NULL;
  g_autofree char *proposed = NULL;
  g_autofree char *bare = NULL;
  gint64 named = arrive (fixture, "From: =?UTF-8?Q?Ma=C5=82gorzata_Zieli=C5=84ska-D=C4=85browska?= "
                                  "<Gosia.ZD@example.com>\r\nSubject: Mieszkanie\r\n\r\nA.\r\n");
  gint64 unnamed = arrive (fixture, "From: \"jan.obcy@example.org\" <jan.obcy@example.org>\r\n"
                                    "Subject: Pytanie\r\n\r\nB.\r\n");
  gint64 id;

  /* "Add…" proposes the name from the From header, else the address's start */
  proposed = crm_contact_store_propose_client_name (crm_contact_store_from_session (fixture->session), named);
  g_assert_cmpstr (proposed, ==, "Małgorzata Zielińska-Dąbrowska");
  bare = crm_contact_store_propose_client_name (crm_contact_store_from_session (fixture->session), unnamed);
  g_assert_cmpstr (bare, ==, "jan.obcy");

  /* a new ticket to "Name <address>" makes a contact of that name */
  crm_session_set_user_id (fixture->session, fixture->agent);
  id = crm_ticket_store_create (crm_ticket_store_from_session (fixture->session), "Oferta", 1, "Piotr Wiśniewski <Piotr.W@example.net>", 0,
                             "Dzień dobry.", 0, NULL, &error);
  g_assert_no_error (error);
  ticket = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), id, 0, &error);
  g_assert_cmpint (crm_ticket_get_client_id (ticket), >, 0);
  client = crm_contact_store_get (crm_contact_store_from_session (fixture->session), crm_ticket_get_client_id (ticket), &error);
  g_assert_cmpstr (crm_contact_get_name (client), ==, "Piotr Wiśniewski");
  g_assert_cmpstr (crm_contact_get_emails (client)[0], ==, "piotr.w@example.net");
  g_assert_cmpint (crm_contact_get_manager_id (client), ==, fixture->agent);

  /* the address known, another name makes no second contact */
  id = crm_ticket_store_create (crm_ticket_store_from_session (fixture->session), "Oferta 2", 1, "\"Wiśniewski, P.\" <piotr.w@example.net>", 0,
                             "Dzień dobry.", 0, NULL, &error);
  g_assert_no_error (error);
  again = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), id, 0, &error);
  g_assert_cmpint (crm_ticket_get_client_id (again), ==, crm_contact_get_id (client));

  /* what is not an address is refused */
  g_assert_cmpint (crm_ticket_store_create (crm_ticket_store_from_session (fixture->session), "Oferta 3", 1, "Piotr <piotr>", 0, "Dzień dobry.", 0,
                                         NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  /* the sender became a contact after the mail came: a reply makes that
   * contact the client, and no second one with the same address */
  {
    g_autoptr(CrmContact) gosia = crm_contact_new (CRM_CONTACT_PERSON);
    g_autoptr(CrmTicket) answered = NULL;
    g_autoptr(GListModel) owners = NULL;

    crm_contact_set_name (gosia, "Gosia Zielińska");
    crm_contact_set_emails (gosia, (const char *[]) { "gosia.zd@example.com", NULL });
    g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), gosia, &error));
    g_assert_no_error (error);
    g_assert_cmpint (crm_ticket_store_reply (crm_ticket_store_from_session (fixture->session), named, "Dzień dobry.", NULL, NULL, 0, &error), >, 0);
    g_assert_no_error (error);
    answered = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), named, 0, &error);
    g_assert_cmpint (crm_ticket_get_client_id (answered), ==, crm_contact_get_id (gosia));
    owners = crm_contact_store_find_by_email (crm_contact_store_from_session (fixture->session), "gosia.zd@example.com", &error);
    g_assert_cmpuint (g_list_model_get_n_items (owners), ==, 1);
  }
}

/* A ticket's conversation is read in a few statements for the whole
 * ticket (each a round trip on a team's server): each entry's text,
 * files and sending as the per-message functions give them, and
 * nothing of another ticket's mail. */
static void
test_timeline (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const char *with_file =
    "From: Anna Kowalska <anna@example.com>\r\nTo: biuro@example.com\r\nSubject: Umowa najmu\r\n"
    "Message-ID: <file@anna.example.com>\r\nDate: Mon, 4 May 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "Przesyłam umowę.\r\n--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; "
    "filename=\"umowa.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n";
  const char *other =
    "From: Jan Nowak <jan@example.com>\r\nTo: biuro@example.com\r\nSubject: Faktura\r\n"
    "Message-ID: <other@jan.example.com>\r\nDate: Mon, 4 May 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\nContent-Type: text/plain\r\n\r\n"
    "Faktura w zalaczniku.\r\n--c\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; "
    "filename=\"faktura.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--c--\r\n";
  gint64 ticket = arrive (fixture, with_file);
  gint64 reply;
  gboolean pending = FALSE;
  guint in = 0, out = 0;

  g_assert_cmpint (ticket, >, 0);
  g_assert_cmpint (arrive (fixture, other), !=, ticket);
  reply = crm_ticket_store_reply (crm_ticket_store_from_session (fixture->session), ticket, "Dziękujemy, umowa jest u nas.",
                                  NULL, NULL, crm_clock_now_unix (crm_session_get_clock (fixture->session)) + 3600,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (reply, >, 0);

  entries = crm_ticket_timeline_read (fixture->session, ticket, &pending, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pending);
  for (guint i = 0; i < entries->len; i++)
    {
      CrmTimelineEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *text = NULL;
      g_autoptr(GListModel) files = NULL;
      g_autoptr(CrmOutboxItem) sending = NULL;

      if (entry->message_id == 0)
        continue;
      text = crm_message_store_get_text (crm_message_store_from_session (fixture->session), entry->message_id, &error);
      g_assert_no_error (error);
      files = crm_message_store_list_attachments (crm_message_store_from_session (fixture->session), entry->message_id,
                                                  &error);
      g_assert_no_error (error);
      g_assert_cmpstr (entry->text, ==, text);
      g_assert_nonnull (entry->attachments);
      g_assert_cmpuint (g_list_model_get_n_items (entry->attachments), ==, g_list_model_get_n_items (files));
      for (guint j = 0; j < g_list_model_get_n_items (files); j++)
        {
          g_autoptr(CrmAttachment) want = g_list_model_get_item (files, j);
          g_autoptr(CrmAttachment) got = g_list_model_get_item (entry->attachments, j);

          g_assert_cmpint (crm_attachment_get_id (got), ==, crm_attachment_get_id (want));
          g_assert_cmpstr (crm_attachment_get_name (got), ==, crm_attachment_get_name (want));
        }
      if (entry->kind == CRM_TIMELINE_ENTRY_IN)
        {
          in++;
          g_assert_cmpuint (g_list_model_get_n_items (entry->attachments), ==, 1);
          g_assert_null (entry->outbox);
        }
      else
        {
          out++;
          sending = crm_outbox_get_for_message (crm_outbox_from_session (fixture->session), entry->message_id, &error);
          g_assert_no_error (error);
          g_assert_nonnull (entry->outbox);
          g_assert_cmpint (crm_outbox_item_get_id (entry->outbox), ==, crm_outbox_item_get_id (sending));
          g_assert_cmpstr (crm_outbox_item_get_state (entry->outbox), ==, "waiting");
          g_assert_cmpuint (g_list_model_get_n_items (entry->attachments), ==, 0);
        }
    }
  g_assert_cmpuint (in, ==, 1);
  g_assert_cmpuint (out, ==, 1);
}

/* Merge and split on real message shapes through Dovecot (issue 14):
 * an HTML mail with an attachment and a plain one of the same client,
 * merged; replies to the merged ticket's mail and to its number come
 * to the ticket that holds both; the HTML mail split off keeps its
 * attachment, and a reply to it still goes to the ticket it came in. */
static void
test_merge_and_split_mail (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char *html =
    "From: Anna Kowalska <anna@example.com>\r\nTo: biuro@example.com\r\nSubject: Rzut mieszkania\r\n"
    "Message-ID: <plan@anna.example.com>\r\nDate: Mon, 4 May 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"M\"\r\n\r\n"
    "--M\r\nContent-Type: multipart/alternative; boundary=\"A\"\r\n\r\n"
    "--A\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nW załączniku rzut.\r\n"
    "--A\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>W załączniku <b>rzut</b>.</p>\r\n--A--\r\n"
    "--M\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"rzut.pdf\"\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--M--\r\n";
  static const char *plain =
    "From: Anna Kowalska <anna@example.com>\r\nTo: biuro@example.com\r\nSubject: Parking\r\n"
    "Message-ID: <parking@anna.example.com>\r\nDate: Mon, 4 May 2026 08:30:00 +0000\r\n\r\nCzy jest parking?\r\n";
  CrmTicketStore *store = crm_ticket_store_from_session (fixture->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) mail = NULL;
  g_autoptr(GListModel) files = NULL;
  g_autofree char *token = NULL;
  g_autofree char *text = NULL;
  gint64 a, b, split, made = 0, plan;

  a = arrive (fixture, html);
  plan = crm_test_query_int64 (fixture->session, "SELECT id FROM messages WHERE message_id LIKE '%plan@anna.example.com%'", 0);
  b = arrive (fixture, plain);
  g_assert_cmpint (a, >, 0);
  g_assert_cmpint (b, !=, a);

  crm_session_set_user_id (fixture->session, fixture->agent);
  g_assert_cmpint (crm_ticket_store_merge (store, b, a, FALSE, &error), >, 0);
  g_assert_no_error (error);

  /* a reply to the merged ticket's mail, and one naming its number */
  g_assert_cmpint (arrive (fixture, "From: anna@example.com\r\nTo: biuro@example.com\r\nSubject: Re: Parking\r\n"
                                    "Message-ID: <p2@anna.example.com>\r\nIn-Reply-To: <parking@anna.example.com>\r\n"
                                    "\r\nDwa miejsca.\r\n"), ==, a);
  token = g_strdup_printf ("From: anna@example.com\r\nTo: biuro@example.com\r\nSubject: Parking [#%" G_GINT64_FORMAT "]\r\n"
                           "Message-ID: <p3@anna.example.com>\r\n\r\nJeszcze jedno.\r\n", b);
  g_assert_cmpint (arrive (fixture, token), ==, a);
  mail = crm_ticket_store_list_messages (store, a, &error);
  g_assert_cmpuint (mail->len, ==, 4);

  /* the HTML mail a ticket of its own, with its file */
  split = crm_ticket_store_split (store, plan, &made, &error);
  g_assert_no_error (error);
  g_assert_cmpint (split, >, 0);
  g_clear_pointer (&mail, g_array_unref);
  mail = crm_ticket_store_list_messages (store, made, &error);
  g_assert_cmpuint (mail->len, ==, 1);
  files = crm_message_store_list_attachments (crm_message_store_from_session (fixture->session),
                                              g_array_index (mail, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (files), ==, 1);
  text = crm_message_store_get_text (crm_message_store_from_session (fixture->session), g_array_index (mail, gint64, 0),
                                     &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "rzut"));

  /* a reply to the HTML mail: where it came in, not the copy's */
  g_assert_cmpint (arrive (fixture, "From: anna@example.com\r\nTo: biuro@example.com\r\nSubject: Re: Rzut mieszkania\r\n"
                                    "Message-ID: <r1@anna.example.com>\r\nIn-Reply-To: <plan@anna.example.com>\r\n"
                                    "\r\nI drugi rzut.\r\n"), ==, a);
}

/* Forward on real message shapes through Dovecot (TK18): an HTML mail
 * with a file forwarded to a supplier, who gets the text and the file;
 * their HTML answer with a file of their own, In-Reply-To the forward,
 * and a second one naming only the ticket's number in the subject, come
 * into the ticket as a third party's; the client's next mail is the
 * client's again. */
static void
test_forward_reply (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char *html =
    "From: Anna Kowalska <anna@example.com>\r\nTo: biuro@example.com\r\nSubject: Przeciek w łazience\r\n"
    "Message-ID: <leak@anna.example.com>\r\nDate: Mon, 4 May 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"M\"\r\n\r\n"
    "--M\r\nContent-Type: multipart/alternative; boundary=\"A\"\r\n\r\n"
    "--A\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nCieknie spod wanny.\r\n"
    "--A\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Cieknie spod <b>wanny</b>.</p>\r\n--A--\r\n"
    "--M\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"wanna.jpg\"\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRgABAQ==\r\n--M--\r\n";
  CrmTicketStore *store = crm_ticket_store_from_session (fixture->session);
  const char *to[] = { "hydraulik@serwis.example", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *forward_id = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *token = NULL;
  gint64 ticket, outbox, answered;

  ticket = arrive (fixture, html);
  g_assert_cmpint (ticket, >, 0);
  crm_session_set_user_id (fixture->session, fixture->agent);
  outbox = crm_ticket_store_forward (store, ticket, to, "Proszę o wycenę naprawy.", FALSE, TRUE, 0, &error);
  g_assert_no_error (error);
  raw = outbox_raw (fixture, outbox);
  g_assert_nonnull (strstr (raw, "wanna.jpg"));
  g_assert_nonnull (strstr (raw, "To: hydraulik@serwis.example"));
  forward_id = crm_test_query_text (fixture->session, "SELECT message_id FROM outbox WHERE id = ?", outbox);
  g_assert_nonnull (forward_id);

  answer = g_strdup_printf ("From: Serwis <hydraulik@serwis.example>\r\nTo: biuro@example.com\r\n"
                            "Subject: Re: Fwd: Przeciek w łazience [#%" G_GINT64_FORMAT "]\r\n"
                            "Message-ID: <wycena@serwis.example>\r\nIn-Reply-To: <%s>\r\nReferences: <%s>\r\n"
                            "Date: Mon, 4 May 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                            "Content-Type: multipart/mixed; boundary=\"S\"\r\n\r\n"
                            "--S\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Wycena: 450 zł.</p>\r\n"
                            "--S\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; "
                            "filename=\"wycena.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--S--\r\n",
                            ticket, forward_id, forward_id);
  g_assert_cmpint (arrive (fixture, answer), ==, ticket);
  answered = crm_test_query_int64 (fixture->session, "SELECT id FROM messages WHERE direction = 'in' ORDER BY id DESC LIMIT 1", 0);
  g_assert_cmpint (crm_test_query_int64 (fixture->session, "SELECT count (*) FROM messages WHERE id = ? AND role = 'third-party'",
                                         answered), ==, 1);
  g_assert_cmpint (crm_test_query_int64 (fixture->session, "SELECT count (*) FROM attachments WHERE message = ?", answered), ==, 1);
  g_assert_cmpint (crm_test_query_int64 (fixture->session, "SELECT count (*) FROM tickets WHERE id = ? AND awaiting_since IS NULL",
                                         ticket), ==, 1);

  /* by the number in the subject only */
  token = g_strdup_printf ("From: hydraulik@serwis.example\r\nTo: biuro@example.com\r\n"
                           "Subject: Termin [#%" G_GINT64_FORMAT "]\r\nMessage-ID: <termin@serwis.example>\r\n\r\n"
                           "Możemy w środę.\r\n", ticket);
  g_assert_cmpint (arrive (fixture, token), ==, ticket);
  g_assert_cmpint (crm_test_query_int64 (fixture->session, "SELECT count (*) FROM messages WHERE ticket_id = ? "
                                                           "AND role = 'third-party'", ticket), ==, 2);

  /* the client's next mail is theirs */
  g_assert_cmpint (arrive (fixture, "From: anna@example.com\r\nTo: biuro@example.com\r\nSubject: Re: Przeciek w łazience\r\n"
                                    "Message-ID: <leak2@anna.example.com>\r\nIn-Reply-To: <leak@anna.example.com>\r\n"
                                    "\r\nI jeszcze kapie.\r\n"), ==, ticket);
  g_assert_cmpint (crm_test_query_int64 (fixture->session, "SELECT count (*) FROM messages WHERE ticket_id = ? "
                                                           "AND role IS NULL AND direction = 'in'", ticket), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/threading/headers-and-tokens", test_headers_and_tokens);
  ADD ("/threading/automatic-replies", test_automatic_replies);
  ADD ("/threading/bulk-and-automatic", test_bulk_and_automatic);
  ADD ("/threading/bounce", test_bounce);
  ADD ("/threading/crmctl-automatic", test_crmctl_automatic);
  ADD ("/threading/request-on-behalf", test_request_on_behalf);
  ADD ("/threading/count-async", test_count_async);
  ADD ("/threading/apply-async", test_apply_async);
  ADD ("/threading/answered-meanwhile", test_answered_meanwhile);
  ADD ("/threading/concurrent-edits", test_concurrent_edits);
  ADD ("/threading/missing-parent", test_missing_parent);
  ADD ("/threading/join-tickets", test_join_tickets);
  ADD ("/threading/merge-and-split-mail", test_merge_and_split_mail);
  ADD ("/threading/forward-reply", test_forward_reply);
  ADD ("/threading/closed-ticket", test_closed_ticket);
  ADD ("/threading/rules-and-manager", test_rules_and_manager);
  ADD ("/threading/reply-and-sla", test_reply_and_sla);
  ADD ("/threading/comments-and-changes", test_comments_and_changes);
  ADD ("/threading/lists", test_lists);
  ADD ("/threading/more-properties", test_more_properties);
  ADD ("/threading/reply-limits", test_reply_limits);
  ADD ("/threading/templates", test_templates);
  ADD ("/threading/set-client", test_set_client);
  ADD ("/threading/display-names", test_display_names);
  ADD ("/threading/timeline", test_timeline);

#undef ADD

  return g_test_run ();
}
