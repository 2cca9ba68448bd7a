/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ticket-test-util.h"

#include "crm-mail-private.h"
#include "crm-ticket-store-private.h"

/* Working tickets and requests to the end (issue 14): closing with an
 * outcome (won, won't buy with the office's reason, spam with the
 * sender blocked), the reasons' statistics, moving to a queue with a
 * new assignee, and undo of each, on both backends. */

typedef struct
{
  char       *dir;
  CrmClock   *clock;
  CrmSession *session;
  gint64      admin;
  gint64      anna;
  gint64      bob;
  gint64      client;
  gint64      sales;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmUserStore *users;

  fixture->session = ticket_test_open ("crm-ticket-operations-XXXXXX", &fixture->dir, &fixture->clock);

  users = crm_user_store_from_session (fixture->session);
  fixture->admin = crm_user_store_add (users, "Ewa Admin", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  fixture->anna = crm_user_store_add (users, "Anna Nowak", "anna@example.com", CRM_ROLE_AGENT, &error);
  fixture->bob = crm_user_store_add (users, "Bob Kos", "bob@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  fixture->sales = crm_ticket_store_add_queue (crm_ticket_store_from_session (fixture->session), "Sales", &error);
  g_assert_no_error (error);

  fixture->client = add_client (fixture->session);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ticket_test_close (fixture->session, fixture->clock, fixture->dir);
}

static CrmTicketStore *
store (Fixture *fixture)
{
  return crm_ticket_store_from_session (fixture->session);
}

/* A new request of the fixture's client. */
static gint64
request (Fixture *fixture)
{
  return record_request (fixture->session, fixture->client);
}

static CrmTicket *
get (Fixture *fixture,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  CrmTicket *ticket = crm_ticket_store_get (store (fixture), id, 0, &error);

  g_assert_no_error (error);

  return ticket;
}

/* Won, won't buy for one of the office's reasons, spam; each closes
 * that ticket only, says how in a system comment and an audit row, and
 * reopening forgets the outcome. */
static void
test_close_outcomes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) reasons = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autofree char *comments = NULL;
  gint64 won = request (fixture), lost = request (fixture), other = request (fixture);

  /* only an administrator keeps the list */
  crm_session_set_user_id (fixture->session, fixture->anna);
  g_assert_cmpint (crm_ticket_store_add_close_reason (store (fixture), "Too expensive", &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  crm_session_set_user_id (fixture->session, fixture->admin);
  g_assert_cmpint (crm_ticket_store_add_close_reason (store (fixture), "Too expensive", &error), >, 0);
  g_assert_cmpint (crm_ticket_store_add_close_reason (store (fixture), "Bought elsewhere", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (crm_ticket_store_add_close_reason (store (fixture), "  ", &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  reasons = crm_ticket_store_list_close_reasons (store (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (reasons, ((const char *[]) { "Too expensive", "Bought elsewhere", NULL }));

  crm_session_set_user_id (fixture->session, fixture->anna);
  g_assert_true (crm_ticket_store_assign (store (fixture), won, fixture->anna, &error));
  g_assert_cmpint (crm_ticket_store_close (store (fixture), won, CRM_TICKET_OUTCOME_WON, NULL, FALSE, &error), >, 0);
  g_assert_no_error (error);

  /* a reason the office does not have, or none, is refused; nothing changes */
  g_assert_cmpint (crm_ticket_store_close (store (fixture), lost, CRM_TICKET_OUTCOME_WONT_BUY, "Too far", FALSE, &error),
                   ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (crm_ticket_store_close (store (fixture), lost, CRM_TICKET_OUTCOME_WONT_BUY, NULL, FALSE, &error),
                   ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(CrmTicket) ticket = get (fixture, lost);

    g_assert_cmpstr (crm_ticket_get_status_kind (ticket), ==, "new");
  }

  crm_session_set_user_id (fixture->session, fixture->bob);
  g_assert_cmpint (crm_ticket_store_close (store (fixture), lost, CRM_TICKET_OUTCOME_WONT_BUY, "too EXPENSIVE", FALSE,
                                           &error), >, 0);
  g_assert_no_error (error);
  {
    g_autoptr(CrmTicket) ticket = get (fixture, lost);

    g_assert_cmpstr (crm_ticket_get_status_kind (ticket), ==, "closed");
    g_assert_cmpstr (crm_ticket_get_outcome (ticket), ==, "wont_buy");
    /* as the office wrote it */
    g_assert_cmpstr (crm_ticket_get_close_reason (ticket), ==, "Too expensive");
  }
  comments = system_comments (fixture->session, lost);
  g_assert_nonnull (strstr (comments, "Closed: the client won’t buy (Too expensive)\n"));

  /* closed once only */
  g_assert_cmpint (crm_ticket_store_close (store (fixture), lost, CRM_TICKET_OUTCOME_SPAM, NULL, FALSE, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);

  /* that request only (RQ11) */
  {
    g_autoptr(CrmTicket) ticket = get (fixture, other);

    g_assert_cmpstr (crm_ticket_get_status_kind (ticket), ==, "new");
    g_assert_null (crm_ticket_get_outcome (ticket));
  }
  g_assert_cmpint (count_rows (fixture->session,
                               "SELECT count (*) FROM history WHERE entity = 'ticket' AND action = 'closed'"), ==, 2);

  /* the statistics: per outcome, reason and manager (the assignee, else who closed it) */
  counts = crm_ticket_store_count_outcomes (store (fixture), 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 2);
  {
    CrmOutcomeCount *first = g_ptr_array_index (counts, 0);
    CrmOutcomeCount *second = g_ptr_array_index (counts, 1);

    g_assert_cmpint (first->outcome, ==, CRM_TICKET_OUTCOME_WON);
    g_assert_cmpstr (first->manager, ==, "Anna Nowak");
    g_assert_cmpuint (first->count, ==, 1);
    g_assert_cmpint (second->outcome, ==, CRM_TICKET_OUTCOME_WONT_BUY);
    g_assert_cmpstr (second->reason, ==, "Too expensive");
    g_assert_cmpstr (second->manager, ==, "Bob Kos");
    g_assert_cmpuint (second->count, ==, 1);
  }
  g_clear_pointer (&counts, g_ptr_array_unref);
  /* a period before them holds none */
  counts = crm_ticket_store_count_outcomes (store (fixture), 0, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 0);
  g_clear_pointer (&counts, g_ptr_array_unref);

  /* reopened, the outcome goes: no longer counted */
  g_assert_true (crm_ticket_store_set (store (fixture), won, "Open", NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CrmTicket) ticket = get (fixture, won);

    g_assert_null (crm_ticket_get_outcome (ticket));
  }
  counts = crm_ticket_store_count_outcomes (store (fixture), 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 1);
}

/* The office's mailbox, as an administrator sets it up. */
static void
ensure_account (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) account = NULL;

  if (count_rows (fixture->session, "SELECT count (*) FROM accounts") > 0)
    return;
  account = crm_database_prepare (crm_session_get_database (fixture->session),
                                  "INSERT INTO accounts (id, address, address_norm, imap_host, imap_port, imap_security, "
                                  "smtp_host, smtp_port, smtp_security, username, created_at) VALUES (1, 'office@example.com', "
                                  "'office@example.com', '127.0.0.1', 993, 'tls', '127.0.0.1', 465, 'tls', 'office', 0)",
                                  &error);
  g_assert_no_error (error);
  g_assert_true (crm_database_step_done (crm_session_get_database (fixture->session), account, &error));
  g_assert_no_error (error);
}

/* Stores a received mail of @raw bytes and threads it. */
static gint64
receive_raw (Fixture    *fixture,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) raw = g_bytes_new (text, strlen (text));
  CrmParsedMessage *parsed = crm_parsed_message_new (raw);
  gint64 id;

  ensure_account (fixture);
  id = _crm_message_store_add_incoming (crm_message_store_from_session (fixture->session), 1, parsed, raw, &error);
  g_assert_no_error (error);
  g_assert_true (_crm_ticket_store_route_message (store (fixture), id, parsed, &error));
  g_assert_no_error (error);
  crm_parsed_message_free (parsed);

  return id;
}

/* Stores a received mail and threads it, as the import does. */
static gint64
receive (Fixture    *fixture,
         const char *from,
         const char *subject)
{
  static guint n;
  g_autofree char *text = g_strdup_printf ("From: %s\r\nTo: office@example.com\r\nSubject: %s\r\n"
                                           "Message-ID: <m%u.%" G_GINT64_FORMAT "@example.net>\r\n"
                                           "Date: Mon, 07 Dec 2026 10:00:00 +0000\r\n\r\nBuy now!\r\n",
                                           from, subject, ++n, g_get_real_time ());

  return receive_raw (fixture, text);
}

static gint64
ticket_of (Fixture *fixture,
           gint64   message)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (ticket_id, 0) FROM messages WHERE id = %" G_GINT64_FORMAT,
                                          message);

  return count_rows (fixture->session, sql);
}

/* Spam, the sender blocked: their next mail opens no ticket and is
 * listed with the automatic mail, saying why; undone, it opens one
 * again. */
static void
test_spam_blocks (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) automatic = NULL;
  g_autoptr(CrmMessage) listed = NULL;
  g_autofree char *comments = NULL;
  gint64 first, later, ticket, step;

  first = receive (fixture, "Spammer <offers@spam.example>", "Cheap pills");
  ticket = ticket_of (fixture, first);
  g_assert_cmpint (ticket, >, 0);

  crm_session_set_user_id (fixture->session, fixture->anna);
  step = crm_ticket_store_close (store (fixture), ticket, CRM_TICKET_OUTCOME_SPAM, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (step, >, 0);
  g_assert_true (crm_ticket_store_is_blocked (store (fixture), "OFFERS@spam.example"));
  comments = system_comments (fixture->session, ticket);
  g_assert_nonnull (strstr (comments, "Closed as spam; mail from offers@spam.example is blocked\n"));

  later = receive (fixture, "Spammer <offers@spam.example>", "Cheaper pills");
  g_assert_cmpint (ticket_of (fixture, later), ==, 0);
  automatic = crm_ticket_store_list_automatic_mail (store (fixture), 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (automatic), ==, 1);
  listed = g_list_model_get_item (automatic, 0);
  g_assert_cmpint (crm_message_get_id (listed), ==, later);
  g_assert_nonnull (strstr (crm_message_get_reason (listed), "blocked"));

  /* undone: open again, and the sender no longer blocked */
  g_assert_cmpint (crm_ticket_store_undo (store (fixture), step, NULL, NULL, &error), ==, step);
  g_assert_no_error (error);
  g_assert_false (crm_ticket_store_is_blocked (store (fixture), "offers@spam.example"));
  {
    g_autoptr(CrmTicket) reopened = get (fixture, ticket);

    g_assert_cmpstr (crm_ticket_get_status_kind (reopened), ==, "new");
    g_assert_null (crm_ticket_get_outcome (reopened));
  }
  g_assert_cmpint (ticket_of (fixture, receive (fixture, "offers@spam.example", "Pills again")), >, 0);
}

/* Undo reverses a whole assignment, close or move, the user's own
 * last first, and never a colleague's later change. */
static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  g_autofree char *comments = NULL;
  gint64 ticket = request (fixture);
  gint64 assigned, moved, closed, undone_ticket = 0;

  crm_session_set_user_id (fixture->session, fixture->anna);
  g_assert_cmpint (crm_ticket_store_undo (store (fixture), 0, NULL, NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  assigned = _crm_tickets_assign (store (fixture), ticket, fixture->anna, &error);
  g_assert_no_error (error);
  moved = crm_ticket_store_move (store (fixture), ticket, "Sales", fixture->bob, &error);
  g_assert_no_error (error);
  closed = crm_ticket_store_close (store (fixture), ticket, CRM_TICKET_OUTCOME_WON, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (assigned, >, 0);
  g_assert_cmpint (moved, >, assigned);
  g_assert_cmpint (closed, >, moved);
  {
    g_autoptr(CrmTicket) now = get (fixture, ticket);

    g_assert_cmpstr (crm_ticket_get_queue (now), ==, "Sales");
    g_assert_cmpint (crm_ticket_get_assignee_id (now), ==, fixture->bob);
  }

  /* a colleague's steps are theirs */
  crm_session_set_user_id (fixture->session, fixture->bob);
  g_assert_cmpint (crm_ticket_store_undo (store (fixture), 0, NULL, NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (crm_ticket_store_undo (store (fixture), closed, NULL, NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* the last first: the close */
  crm_session_set_user_id (fixture->session, fixture->anna);
  g_assert_cmpint (crm_ticket_store_undo (store (fixture), 0, &undone_ticket, &done, &error), ==, closed);
  g_assert_no_error (error);
  g_assert_cmpint (undone_ticket, ==, ticket);
  g_assert_cmpstr (done, ==, "Closing undone: the ticket is open again");
  g_clear_pointer (&done, g_free);
  {
    g_autoptr(CrmTicket) now = get (fixture, ticket);

    g_assert_cmpstr (crm_ticket_get_status_kind (now), ==, "new");
    g_assert_null (crm_ticket_get_outcome (now));
  }
  /* once */
  g_assert_cmpint (crm_ticket_store_undo (store (fixture), closed, NULL, NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);

  /* the move: queue and assignee together */
  g_assert_cmpint (crm_ticket_store_undo (store (fixture), 0, NULL, &done, &error), ==, moved);
  g_assert_no_error (error);
  g_assert_cmpstr (done, ==, "Move undone: the ticket is back in the queue Inbox");
  g_clear_pointer (&done, g_free);
  {
    g_autoptr(CrmTicket) now = get (fixture, ticket);

    g_assert_cmpstr (crm_ticket_get_queue (now), ==, "Inbox");
    g_assert_cmpint (crm_ticket_get_assignee_id (now), ==, fixture->anna);
  }

  /* a colleague took it since: the assignment is theirs now, not undone */
  crm_session_set_user_id (fixture->session, fixture->bob);
  g_assert_true (crm_ticket_store_assign (store (fixture), ticket, fixture->bob, &error));
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, fixture->anna);
  g_assert_cmpint (crm_ticket_store_undo (store (fixture), 0, NULL, NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Bob Kos"));
  g_clear_error (&error);
  {
    g_autoptr(CrmTicket) now = get (fixture, ticket);

    g_assert_cmpint (crm_ticket_get_assignee_id (now), ==, fixture->bob);
  }

  comments = system_comments (fixture->session, ticket);
  g_assert_nonnull (strstr (comments, "Moved to the queue Sales and assigned to Bob Kos\n"));
  g_assert_nonnull (strstr (comments, "Closing undone: the ticket is open again\n"));
  g_assert_cmpint (count_rows (fixture->session,
                               "SELECT count (*) FROM history WHERE entity = 'ticket' AND action = 'undone'"), ==, 2);
}

static char *
search (Fixture    *fixture,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = NULL;
  CrmTicketFilter filter = { .search = text, .limit = 10 };
  g_autoptr(GString) ids = g_string_new (NULL);

  found = crm_ticket_store_list (store (fixture), &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr(CrmTicket) ticket = g_list_model_get_item (found, i);

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "", crm_ticket_get_id (ticket));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* Two tickets of one client become one: the mail and comments of both
 * in one conversation, the merged one closed and pointing there, mail
 * and searches naming its number finding the other; undone, both are
 * as they were. Another client's ticket is refused. */
static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) messages = NULL;
  g_autofree char *comments = NULL;
  g_autofree char *numbered = NULL;
  g_autofree char *subject = NULL;
  gint64 from, into, other, step, later;

  into = ticket_of (fixture, receive (fixture, "Zofia <zofia@przyklad.pl>", "Mieszkanie"));
  from = ticket_of (fixture, receive (fixture, "Zofia <zofia@przyklad.pl>", "Balkon"));
  other = ticket_of (fixture, receive (fixture, "Jan <jan@example.net>", "Balkon"));
  g_assert_cmpint (into, >, 0);
  g_assert_cmpint (from, >, into);
  crm_session_set_user_id (fixture->session, fixture->anna);
  g_assert_true (crm_ticket_store_comment (store (fixture), from, "Zadzwonić po 15", &error));
  g_assert_true (crm_ticket_store_set (store (fixture), from, NULL, NULL, NULL, NULL, "pilne", &error));
  g_assert_no_error (error);

  /* not another client's, not itself */
  g_assert_cmpint (crm_ticket_store_merge (store (fixture), other, into, FALSE, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_ticket_store_merge (store (fixture), into, into, FALSE, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  step = crm_ticket_store_merge (store (fixture), from, into, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (step, >, 0);
  messages = crm_ticket_store_list_messages (store (fixture), into, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 2);
  comments = system_comments (fixture->session, into);
  g_assert_nonnull (strstr (comments, "was merged into this one"));
  g_clear_pointer (&comments, g_free);
  {
    g_autoptr(CrmTicket) merged = get (fixture, from);
    g_autoptr(CrmTicket) holder = get (fixture, into);
    g_auto(GStrv) tags = crm_ticket_dup_tags (holder);
    g_autoptr(GPtrArray) all = crm_ticket_store_list_comments (store (fixture), into, &error);
    gboolean moved = FALSE;

    g_assert_cmpstr (crm_ticket_get_status_kind (merged), ==, "closed");
    g_assert_cmpint (crm_ticket_get_merged_into (merged), ==, into);
    g_assert_true (g_strv_contains ((const char * const *) tags, "pilne"));
    for (guint i = 0; i < all->len; i++)
      moved |= g_strcmp0 (((CrmTicketComment *) g_ptr_array_index (all, i))->body, "Zadzwonić po 15") == 0;
    g_assert_true (moved);
  }
  /* merged once */
  g_assert_cmpint (crm_ticket_store_merge (store (fixture), from, other, FALSE, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);

  /* its number: a search, and the client's mail naming it */
  numbered = g_strdup_printf ("#%" G_GINT64_FORMAT, from);
  g_clear_pointer (&comments, g_free);
  comments = search (fixture, numbered);
  g_assert_cmpint (g_ascii_strtoll (comments, NULL, 10), ==, into);
  g_assert_null (strchr (comments, ' '));
  subject = g_strdup_printf ("Re: Balkon [#%" G_GINT64_FORMAT "]", from);
  later = receive (fixture, "zofia@przyklad.pl", subject);
  g_assert_cmpint (ticket_of (fixture, later), ==, into);

  /* undone: both as they were; the mail that came since stays */
  g_assert_cmpint (crm_ticket_store_undo (store (fixture), 0, NULL, NULL, &error), ==, step);
  g_assert_no_error (error);
  g_clear_pointer (&messages, g_array_unref);
  messages = crm_ticket_store_list_messages (store (fixture), from, &error);
  g_assert_cmpuint (messages->len, ==, 1);
  g_clear_pointer (&messages, g_array_unref);
  messages = crm_ticket_store_list_messages (store (fixture), into, &error);
  g_assert_cmpuint (messages->len, ==, 2);
  {
    g_autoptr(CrmTicket) back = get (fixture, from);
    g_autoptr(CrmTicket) holder = get (fixture, into);
    g_auto(GStrv) tags = crm_ticket_dup_tags (holder);
    g_auto(GStrv) own = crm_ticket_dup_tags (back);

    g_assert_cmpstr (crm_ticket_get_status_kind (back), ==, "new");
    g_assert_cmpint (crm_ticket_get_merged_into (back), ==, 0);
    g_assert_false (g_strv_contains ((const char * const *) tags, "pilne"));
    g_assert_true (g_strv_contains ((const char * const *) own, "pilne"));
  }
  g_clear_pointer (&comments, g_free);
  comments = system_comments (fixture->session, from);
  g_assert_nonnull (strstr (comments, "Merge undone"));
}

/* One message of a conversation becomes a ticket of its own (TK14):
 * copied with its attachment; the original's subject, queue, assignee,
 * priority, category and client kept; New; each names the other. The
 * client's reply to the message still goes to the original. Undone,
 * the new ticket is gone; once it has anything of its own, it stays. */
static void
test_split (Fixture       *fixture,
            gconstpointer  data)
{
  static const char *mail =
    "From: Zofia <zofia@przyklad.pl>\r\nTo: office@example.com\r\nSubject: Mieszkanie i parking\r\n"
    "Message-ID: <split-me@przyklad.pl>\r\nDate: Mon, 07 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "A parking też macie?\r\n--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; "
    "filename=\"plan.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n";
  static const char *reply =
    "From: zofia@przyklad.pl\r\nTo: office@example.com\r\nSubject: Re: Mieszkanie i parking\r\n"
    "Message-ID: <reply@przyklad.pl>\r\nIn-Reply-To: <split-me@przyklad.pl>\r\n"
    "Date: Mon, 07 Dec 2026 11:00:00 +0000\r\n\r\nI jeszcze jedno.\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) messages = NULL;
  g_autoptr(GListModel) files = NULL;
  g_autofree char *comments = NULL;
  g_autofree char *named = NULL;
  gint64 message, original, made = 0, step, again;

  message = receive_raw (fixture, mail);
  original = ticket_of (fixture, message);
  g_assert_cmpint (original, >, 0);
  crm_session_set_user_id (fixture->session, fixture->anna);
  g_assert_true (crm_ticket_store_assign (store (fixture), original, fixture->bob, &error));
  g_assert_true (crm_ticket_store_set (store (fixture), original, NULL, "Sales", "High", "Parking", NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (crm_ticket_store_split (store (fixture), 999999, NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  step = crm_ticket_store_split (store (fixture), message, &made, &error);
  g_assert_no_error (error);
  g_assert_cmpint (step, >, 0);
  g_assert_cmpint (made, >, original);
  {
    g_autoptr(CrmTicket) old = get (fixture, original);
    g_autoptr(CrmTicket) split = get (fixture, made);

    g_assert_cmpstr (crm_ticket_get_subject (split), ==, crm_ticket_get_subject (old));
    g_assert_cmpstr (crm_ticket_get_queue (split), ==, "Sales");
    g_assert_cmpstr (crm_ticket_get_priority (split), ==, "High");
    g_assert_cmpstr (crm_ticket_get_category (split), ==, "Parking");
    g_assert_cmpint (crm_ticket_get_assignee_id (split), ==, fixture->bob);
    g_assert_cmpint (crm_ticket_get_client_id (split), ==, crm_ticket_get_client_id (old));
    g_assert_cmpstr (crm_ticket_get_status_kind (split), ==, "new");
  }
  messages = crm_ticket_store_list_messages (store (fixture), made, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 1);
  files = crm_message_store_list_attachments (crm_message_store_from_session (fixture->session),
                                              g_array_index (messages, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (files), ==, 1);
  comments = system_comments (fixture->session, original);
  named = g_strdup_printf ("split into ticket #%" G_GINT64_FORMAT, made);
  g_assert_nonnull (strstr (comments, named));
  g_clear_pointer (&comments, g_free);
  comments = system_comments (fixture->session, made);
  g_assert_nonnull (strstr (comments, "Split from ticket #"));
  g_clear_pointer (&comments, g_free);
  /* the original message stays where it was */
  g_assert_cmpint (ticket_of (fixture, message), ==, original);

  /* the client's reply to it: the original's */
  g_assert_cmpint (ticket_of (fixture, receive_raw (fixture, reply)), ==, original);

  /* undone: gone, with its copy */
  g_assert_cmpint (crm_ticket_store_undo (store (fixture), step, NULL, NULL, &error), ==, step);
  g_assert_no_error (error);
  g_assert_null (crm_ticket_store_get (store (fixture), made, 0, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->session, "SELECT count (*) FROM messages WHERE message_id LIKE '<split.%'"),
                   ==, 0);
  comments = system_comments (fixture->session, original);
  g_assert_nonnull (strstr (comments, "Split undone"));

  /* split again; a comment in it, and it stays */
  step = crm_ticket_store_split (store (fixture), message, &again, &error);
  g_assert_no_error (error);
  g_assert_true (crm_ticket_store_comment (store (fixture), again, "Parking osobno", &error));
  g_assert_cmpint (crm_ticket_store_undo (store (fixture), step, NULL, NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  {
    g_autoptr(CrmTicket) kept = get (fixture, again);

    g_assert_nonnull (kept);
  }
}

/* The client taken off a ticket (TK21): the sender's address again,
 * gone from the contact's history; undone, pinned again. */
static void
test_unpin (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autofree char *comments = NULL;
  gint64 ticket = request (fixture), step;

  crm_session_set_user_id (fixture->session, fixture->anna);
  step = crm_ticket_store_unpin (store (fixture), ticket, &error);
  g_assert_no_error (error);
  g_assert_cmpint (step, >, 0);
  {
    g_autoptr(CrmTicket) now = get (fixture, ticket);

    g_assert_cmpint (crm_ticket_get_client_id (now), ==, 0);
    g_assert_cmpstr (crm_ticket_get_client_address (now), ==, "zofia@przyklad.pl");
  }
  history = crm_ticket_store_list_contact_tickets (store (fixture), fixture->client, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 0);
  g_clear_object (&history);
  comments = system_comments (fixture->session, ticket);
  g_assert_nonnull (strstr (comments, "Zofia Kamińska is no longer this ticket’s client\n"));

  /* nothing to take off now */
  g_assert_cmpint (crm_ticket_store_unpin (store (fixture), ticket, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_cmpint (crm_ticket_store_undo (store (fixture), 0, NULL, NULL, &error), ==, step);
  g_assert_no_error (error);
  {
    g_autoptr(CrmTicket) now = get (fixture, ticket);

    g_assert_cmpint (crm_ticket_get_client_id (now), ==, fixture->client);
  }
  history = crm_ticket_store_list_contact_tickets (store (fixture), fixture->client, 10, &error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
}

/* The no-reply reminder (RQ12): our mail unanswered for the office's
 * number of days flags the ticket and is claimed for its manager once,
 * however late the desktop looks; the client's answer ends the wait. */
static void
test_no_answer (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) claimed = NULL;
  gint64 ticket = request (fixture), other = request (fixture);
  gint64 now;

  ensure_account (fixture);
  g_assert_cmpuint (crm_ticket_store_get_no_answer_days (store (fixture)), ==, 3);
  crm_session_set_user_id (fixture->session, fixture->admin);
  g_assert_false (crm_ticket_store_set_no_answer_days (store (fixture), 61, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (crm_ticket_store_set_no_answer_days (store (fixture), 4, &error));
  g_assert_no_error (error);

  crm_session_set_user_id (fixture->session, fixture->anna);
  g_assert_true (crm_ticket_store_assign (store (fixture), ticket, fixture->anna, &error));
  g_assert_true (crm_ticket_store_assign (store (fixture), other, fixture->anna, &error));
  crm_ticket_store_reply (store (fixture), ticket, "Mieszkanie jest wolne.", NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_ticket_store_reply (store (fixture), other, "Zapraszamy.", NULL, NULL, 0, &error), >, 0);
  g_assert_no_error (error);

  /* three days on: not yet */
  crm_clock_advance (fixture->clock, 3 * G_TIME_SPAN_DAY);
  claimed = crm_ticket_store_claim_reminders (store (fixture), fixture->anna, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (claimed), ==, 0);
  g_clear_object (&claimed);

  /* the client answers one of them */
  receive (fixture, "Zofia <zofia@przyklad.pl>", "Re: x");
  {
    g_autoptr(GError) e = NULL;
    g_autoptr(CrmStatement) stmt = NULL;
    g_autofree char *sql = g_strdup_printf ("UPDATE messages SET ticket_id = %" G_GINT64_FORMAT " WHERE id = "
                                            "(SELECT max (id) FROM messages)", other);

    stmt = crm_database_prepare (crm_session_get_database (fixture->session), g_intern_string (sql), &e);
    g_assert_no_error (e);
    g_assert_true (crm_database_step_done (crm_session_get_database (fixture->session), stmt, &e));
    g_assert_true (_crm_tickets_update_awaiting (store (fixture), other, &e));
    g_assert_no_error (e);
  }

  /* five days on (the desktop closed meanwhile): the one unanswered, once */
  crm_clock_advance (fixture->clock, 2 * G_TIME_SPAN_DAY);
  now = crm_clock_now_unix (fixture->clock);
  {
    g_autoptr(CrmTicket) flagged = get (fixture, ticket);
    g_autoptr(CrmTicket) answered = get (fixture, other);

    g_assert_cmpuint (crm_ticket_no_answer_days (flagged, 4, now), ==, 5);
    g_assert_cmpuint (crm_ticket_no_answer_days (answered, 4, now), ==, 0);
    g_assert_cmpuint (crm_ticket_no_answer_days (flagged, 0, now), ==, 0);
  }
  claimed = crm_ticket_store_claim_reminders (store (fixture), fixture->anna, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (claimed), ==, 1);
  {
    g_autoptr(CrmTicket) reminded = g_list_model_get_item (claimed, 0);

    g_assert_cmpint (crm_ticket_get_id (reminded), ==, ticket);
  }
  g_clear_object (&claimed);
  claimed = crm_ticket_store_claim_reminders (store (fixture), fixture->anna, &error);
  g_assert_cmpuint (g_list_model_get_n_items (claimed), ==, 0);
  g_clear_object (&claimed);
  /* Bob's are not Anna's */
  claimed = crm_ticket_store_claim_reminders (store (fixture), fixture->bob, &error);
  g_assert_cmpuint (g_list_model_get_n_items (claimed), ==, 0);
  g_clear_object (&claimed);

  /* closed: no flag */
  g_assert_cmpint (crm_ticket_store_close (store (fixture), ticket, CRM_TICKET_OUTCOME_WON, NULL, FALSE, &error), >, 0);
  {
    g_autoptr(CrmTicket) closed = get (fixture, ticket);

    g_assert_cmpuint (crm_ticket_no_answer_days (closed, 4, now), ==, 0);
  }
}

/* A ticket deleted (TK22): administrators only; gone from the lists,
 * the contact's history and the automatic mail; listed among the
 * deleted with its mail; undone or restored as it was; after 30 days
 * no longer listed, and purged by the next delete or restore. Mail
 * naming it afterwards opens a new ticket, of another number. */
static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GListModel) automatic = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *purged = NULL;
  gint64 ticket = request (fixture), step, later;

  crm_session_set_user_id (fixture->session, fixture->anna);
  g_assert_true (crm_ticket_store_comment (store (fixture), ticket, "Oddzwonić", &error));
  g_assert_true (crm_ticket_store_set (store (fixture), ticket, NULL, NULL, NULL, NULL, "pilne", &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_ticket_store_delete (store (fixture), ticket, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);

  crm_session_set_user_id (fixture->session, fixture->admin);
  step = crm_ticket_store_delete (store (fixture), ticket, &error);
  g_assert_no_error (error);
  g_assert_cmpint (step, >, 0);
  g_assert_null (crm_ticket_store_get (store (fixture), ticket, 0, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  history = crm_ticket_store_list_contact_tickets (store (fixture), fixture->client, 10, &error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 0);
  g_clear_object (&history);
  ensure_account (fixture);
  automatic = crm_ticket_store_list_automatic_mail (store (fixture), 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (automatic), ==, 0);
  deleted = crm_ticket_store_list_deleted (store (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deleted->len, ==, 1);
  g_assert_cmpint (((CrmDeletedTicket *) g_ptr_array_index (deleted, 0))->id, ==, ticket);
  g_assert_cmpuint (((CrmDeletedTicket *) g_ptr_array_index (deleted, 0))->messages, ==, 1);
  g_assert_cmpstr (((CrmDeletedTicket *) g_ptr_array_index (deleted, 0))->deleted_by, ==, "Ewa Admin");
  g_clear_pointer (&deleted, g_ptr_array_unref);
  /* an agent does not see them */
  crm_session_set_user_id (fixture->session, fixture->bob);
  g_assert_null (crm_ticket_store_list_deleted (store (fixture), &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);

  /* mail naming it opens a new ticket */
  subject = g_strdup_printf ("Re: Mieszkanie [#%" G_GINT64_FORMAT "]", ticket);
  later = ticket_of (fixture, receive (fixture, "zofia@przyklad.pl", subject));
  g_assert_cmpint (later, >, 0);
  g_assert_cmpint (later, !=, ticket);

  /* undone: back as it was */
  crm_session_set_user_id (fixture->session, fixture->admin);
  g_assert_cmpint (crm_ticket_store_undo (store (fixture), step, NULL, NULL, &error), ==, step);
  g_assert_no_error (error);
  {
    g_autoptr(CrmTicket) back = get (fixture, ticket);
    g_auto(GStrv) tags = crm_ticket_dup_tags (back);
    g_autoptr(GArray) messages = crm_ticket_store_list_messages (store (fixture), ticket, &error);
    g_autofree char *comments = system_comments (fixture->session, ticket);

    g_assert_cmpint (crm_ticket_get_client_id (back), ==, fixture->client);
    g_assert_true (g_strv_contains ((const char * const *) tags, "pilne"));
    g_assert_cmpuint (messages->len, ==, 1);
    g_assert_nonnull (strstr (comments, "Deleting undone"));
  }
  deleted = crm_ticket_store_list_deleted (store (fixture), &error);
  g_assert_cmpuint (deleted->len, ==, 0);
  g_clear_pointer (&deleted, g_ptr_array_unref);

  /* deleted again, and restored from the list */
  g_assert_cmpint (crm_ticket_store_delete (store (fixture), ticket, &error), >, 0);
  g_assert_true (crm_ticket_store_restore (store (fixture), ticket, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CrmTicket) back = get (fixture, ticket);

    g_assert_nonnull (back);
  }

  /* deleted, and 31 days on: purged, mail and all */
  g_assert_cmpint (crm_ticket_store_delete (store (fixture), ticket, &error), >, 0);
  crm_clock_advance (fixture->clock, 31 * G_TIME_SPAN_DAY);
  deleted = crm_ticket_store_list_deleted (store (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deleted->len, ==, 0);
  g_assert_false (crm_ticket_store_restore (store (fixture), ticket, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* the next delete purges it */
  g_assert_cmpint (crm_ticket_store_delete (store (fixture), later, &error), >, 0);
  g_assert_no_error (error);
  purged = g_strdup_printf ("SELECT count (*) FROM messages WHERE deleted_ticket_id = %" G_GINT64_FORMAT, ticket);
  g_assert_cmpint (count_rows (fixture->session, purged), ==, 0);
  g_assert_cmpint (count_rows (fixture->session, "SELECT count (*) FROM deleted_tickets"), ==, 1);
}

/* A merge told to the client: a mail through the outbox, on the ticket
 * that holds both, naming both numbers. */
static void
test_merge_notice (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *sql = NULL;
  gint64 into, from, outbox_before;

  into = ticket_of (fixture, receive (fixture, "Zofia <zofia@przyklad.pl>", "Mieszkanie"));
  from = ticket_of (fixture, receive (fixture, "Zofia <zofia@przyklad.pl>", "Balkon"));
  crm_session_set_user_id (fixture->session, fixture->anna);
  outbox_before = count_rows (fixture->session, "SELECT count (*) FROM outbox");
  g_assert_cmpint (crm_ticket_store_merge (store (fixture), from, into, TRUE, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->session, "SELECT count (*) FROM outbox"), ==, outbox_before + 1);
  sql = g_strdup_printf ("SELECT count (*) FROM messages WHERE ticket_id = %" G_GINT64_FORMAT " AND direction = 'out' "
                         "AND body_text LIKE '%%#%" G_GINT64_FORMAT "%%#%" G_GINT64_FORMAT "%%'", into, from, into);
  g_assert_cmpint (count_rows (fixture->session, sql), ==, 1);

  /* the office's template instead (an administrator's setting) */
  {
    gint64 template_id, chosen = -1, third, fourth;
    g_autofree char *notice = NULL;

    g_assert_false (crm_ticket_store_get_merge_notice (store (fixture), &chosen));
    g_assert_cmpint (chosen, ==, 0);
    template_id = crm_template_store_add (crm_template_store_from_session (fixture->session), "Połączenie",
                                          "Dzień dobry {client_first_name}, sprawa #{merged_ticket_number} jest teraz "
                                          "w #{ticket_number}. {agent_name}", &error);
    g_assert_no_error (error);
    g_assert_false (crm_ticket_store_set_merge_notice (store (fixture), TRUE, template_id + 100, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
    g_clear_error (&error);
    crm_session_set_user_id (fixture->session, fixture->admin);
    g_assert_true (crm_ticket_store_set_merge_notice (store (fixture), TRUE, template_id, &error));
    g_assert_no_error (error);
    g_assert_true (crm_ticket_store_get_merge_notice (store (fixture), &chosen));
    g_assert_cmpint (chosen, ==, template_id);

    third = ticket_of (fixture, receive (fixture, "Zofia <zofia@przyklad.pl>", "Piwnica"));
    fourth = ticket_of (fixture, receive (fixture, "Zofia <zofia@przyklad.pl>", "Strych"));
    crm_session_set_user_id (fixture->session, fixture->anna);
    g_assert_cmpint (crm_ticket_store_merge (store (fixture), fourth, third, TRUE, &error), >, 0);
    g_assert_no_error (error);
    g_clear_pointer (&sql, g_free);
    sql = g_strdup_printf ("SELECT body_text FROM messages WHERE ticket_id = %" G_GINT64_FORMAT " AND direction = 'out'",
                           third);
    {
      g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (fixture->session),
                                                           g_intern_string (sql), &error);

      g_assert_no_error (error);
      g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);
      notice = g_strdup (crm_statement_get_text (stmt, 0));
    }
    body = g_strdup_printf ("Dzień dobry Zofia, sprawa #%" G_GINT64_FORMAT " jest teraz w #%" G_GINT64_FORMAT
                            ". Anna Nowak", fourth, third);
    g_assert_cmpstr (notice, ==, body);
  }
}

/* The raw mail an outbox row sends, as text. */
static char *
outbox_raw (Fixture *fixture,
            gint64   outbox_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (fixture->session),
                                                       "SELECT raw FROM outbox WHERE id = ?", &error);
  g_autoptr(GBytes) raw = NULL;

  g_assert_no_error (error);
  crm_statement_bind_int64 (stmt, 1, outbox_id);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);
  raw = crm_statement_dup_bytes (stmt, 0);

  return g_strndup (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
}

/* A raw mail's text part, decoded. */
static char *
mail_text (const char *raw)
{
  g_autoptr(GBytes) bytes = g_bytes_new (raw, strlen (raw));
  CrmParsedMessage *parsed = crm_parsed_message_new (bytes);
  char *text = g_strdup (parsed->text);

  crm_parsed_message_free (parsed);

  return text;
}

/* Forwarding (TK18): to a supplier with a note, the ticket's number,
 * status, subject, who forwarded it and the whole history with its
 * files, the internal comments only when asked; a bad address refused
 * with nothing stored. The supplier's answer comes back into the ticket
 * as a third party's, by References or by the subject's number, even
 * when the ticket was closed meanwhile (it stays closed): never the
 * client's answer (the ticket does not stop waiting for the client, our
 * next reply answers the client's mail, not theirs). Without "replies
 * here" answers go to the user who forwarded it (Reply-To). */
static void
test_forward (Fixture       *fixture,
              gconstpointer  data)
{
  static const char *mail =
    "From: Zofia <zofia@przyklad.pl>\r\nTo: office@example.com\r\nSubject: Pralka nie wiruje\r\n"
    "Message-ID: <pralka@przyklad.pl>\r\nDate: Mon, 07 Dec 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "Pralka stoi od wczoraj.\r\n--b\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; "
    "filename=\"pralka.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRgABAQ==\r\n--b--\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *forward_id = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *comments = NULL;
  const char *supplier[] = { "serwis@dostawca.example", NULL };
  const char *bad[] = { "serwis@dostawca.example", "not an address", NULL };
  gint64 ticket, outbox, outbox_count, answered, again;

  ticket = ticket_of (fixture, receive_raw (fixture, mail));
  g_assert_cmpint (ticket, >, 0);
  crm_session_set_user_id (fixture->session, fixture->anna);
  g_assert_true (crm_ticket_store_comment (store (fixture), ticket, "Klientka VIP, gwarancja do 2027", &error));
  g_assert_no_error (error);

  outbox_count = count_rows (fixture->session, "SELECT count (*) FROM outbox");
  g_assert_cmpint (crm_ticket_store_forward (store (fixture), ticket, bad, "Prosimy o diagnozę", FALSE, TRUE, 0, &error),
                   ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not an address"));
  g_clear_error (&error);
  g_assert_cmpint (crm_ticket_store_forward (store (fixture), ticket, (const char *[]) { NULL }, "x", FALSE, TRUE, 0,
                                             &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->session, "SELECT count (*) FROM outbox"), ==, outbox_count);

  /* without the comments, answers here */
  outbox = crm_ticket_store_forward (store (fixture), ticket, supplier, "Prosimy o diagnozę", FALSE, TRUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outbox, >, 0);
  raw = outbox_raw (fixture, outbox);
  text = mail_text (raw);
  sql = g_strdup_printf ("[#%" G_GINT64_FORMAT "]", ticket);
  g_assert_nonnull (strstr (raw, sql));
  g_assert_nonnull (strstr (raw, "To: serwis@dostawca.example"));
  g_assert_null (strstr (raw, "Reply-To:"));
  g_assert_nonnull (strstr (raw, "pralka.jpg"));
  g_assert_true (g_str_has_prefix (text, "Prosimy o diagnozę"));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("#%" G_GINT64_FORMAT, ticket);
  g_assert_nonnull (strstr (text, sql));
  g_assert_nonnull (strstr (text, "Pralka nie wiruje"));
  g_assert_nonnull (strstr (text, "Anna Nowak"));
  g_assert_nonnull (strstr (text, "Pralka stoi od wczoraj."));
  g_assert_null (strstr (text, "Klientka VIP"));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count (*) FROM messages WHERE ticket_id = %" G_GINT64_FORMAT " AND role = 'forward' "
                         "AND direction = 'out'", ticket);
  g_assert_cmpint (count_rows (fixture->session, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  /* a forward neither answers the client nor waits for them */
  sql = g_strdup_printf ("SELECT count (*) FROM tickets WHERE id = %" G_GINT64_FORMAT " AND awaiting_since IS NULL "
                         "AND responded_at IS NULL", ticket);
  g_assert_cmpint (count_rows (fixture->session, sql), ==, 1);
  comments = system_comments (fixture->session, ticket);
  g_assert_nonnull (strstr (comments, "Forwarded to serwis@dostawca.example"));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count (*) FROM history WHERE entity = 'ticket' AND entity_id = %" G_GINT64_FORMAT
                         " AND action = 'forwarded'", ticket);
  g_assert_cmpint (count_rows (fixture->session, sql), ==, 1);

  /* with the comments, answers to Anna */
  g_clear_pointer (&raw, g_free);
  g_clear_pointer (&text, g_free);
  outbox = crm_ticket_store_forward (store (fixture), ticket, supplier, "Jeszcze raz, z notatką", TRUE, FALSE, 0, &error);
  g_assert_no_error (error);
  raw = outbox_raw (fixture, outbox);
  text = mail_text (raw);
  g_assert_nonnull (strstr (raw, "Reply-To: anna@example.com"));
  g_assert_nonnull (strstr (text, "Klientka VIP"));

  /* the supplier answers the first forward: a third party's mail */
  {
    g_autoptr(GError) local_error = NULL;
    g_autoptr(CrmStatement) stmt =
      crm_database_prepare (crm_session_get_database (fixture->session),
                            "SELECT message_id FROM messages WHERE role = 'forward' ORDER BY id LIMIT 1", &local_error);

    g_assert_no_error (local_error);
    g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);
    forward_id = g_strdup (crm_statement_get_text (stmt, 0));
  }
  answer = g_strdup_printf ("From: Serwis <serwis@dostawca.example>\r\nTo: office@example.com\r\n"
                            "Subject: Re: Fwd: Pralka nie wiruje\r\nMessage-ID: <odp1@dostawca.example>\r\n"
                            "In-Reply-To: <%s>\r\nReferences: <%s>\r\nDate: Mon, 07 Dec 2026 12:00:00 +0000\r\n\r\n"
                            "To łożysko, wymienimy w piątek.\r\n", forward_id, forward_id);
  answered = receive_raw (fixture, answer);
  g_assert_cmpint (ticket_of (fixture, answered), ==, ticket);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count (*) FROM messages WHERE id = %" G_GINT64_FORMAT " AND role = 'third-party'",
                         answered);
  g_assert_cmpint (count_rows (fixture->session, sql), ==, 1);
  {
    g_autoptr(GPtrArray) timeline = crm_ticket_timeline_read (fixture->session, ticket, NULL, NULL, &error);
    gboolean seen = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < timeline->len; i++)
      {
        CrmTimelineEntry *entry = g_ptr_array_index (timeline, i);

        if (entry->message_id == answered)
          {
            g_assert_cmpstr (entry->role, ==, "third-party");
            seen = TRUE;
          }
      }
    g_assert_true (seen);
  }

  /* our next reply answers the client's mail, not the supplier's */
  {
    g_autofree char *reply = NULL;
    gint64 reply_outbox = crm_ticket_store_reply (store (fixture), ticket, "Serwis przyjedzie w piątek.", NULL, NULL, 0,
                                                  &error);

    g_assert_no_error (error);
    reply = outbox_raw (fixture, reply_outbox);
    g_assert_nonnull (strstr (reply, "In-Reply-To: <pralka@przyklad.pl>"));
    g_assert_null (strstr (reply, "odp1@dostawca.example"));
    g_assert_nonnull (strstr (reply, "To: zofia@przyklad.pl"));
  }

  /* closed meanwhile: a later answer by the subject's number joins it, closed */
  g_assert_cmpint (crm_ticket_store_close (store (fixture), ticket, CRM_TICKET_OUTCOME_SOLVED, NULL, FALSE, &error), >, 0);
  g_assert_no_error (error);
  g_clear_pointer (&answer, g_free);
  answer = g_strdup_printf ("From: serwis@dostawca.example\r\nTo: office@example.com\r\n"
                            "Subject: Re: Fwd: Pralka nie wiruje [#%" G_GINT64_FORMAT "]\r\n"
                            "Message-ID: <odp2@dostawca.example>\r\nDate: Tue, 08 Dec 2026 08:00:00 +0000\r\n\r\n"
                            "Części przyszły.\r\n", ticket);
  again = receive_raw (fixture, answer);
  g_assert_cmpint (ticket_of (fixture, again), ==, ticket);
  {
    g_autoptr(CrmTicket) closed = get (fixture, ticket);

    g_assert_cmpstr (crm_ticket_get_status_kind (closed), ==, "closed");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ticket-operations/close-outcomes", test_close_outcomes);
  ADD ("/ticket-operations/spam-blocks", test_spam_blocks);
  ADD ("/ticket-operations/undo", test_undo);
  ADD ("/ticket-operations/merge", test_merge);
  ADD ("/ticket-operations/merge-notice", test_merge_notice);
  ADD ("/ticket-operations/split", test_split);
  ADD ("/ticket-operations/unpin", test_unpin);
  ADD ("/ticket-operations/no-answer", test_no_answer);
  ADD ("/ticket-operations/delete", test_delete);
  ADD ("/ticket-operations/forward", test_forward);

#undef ADD

  return g_test_run ();
}
