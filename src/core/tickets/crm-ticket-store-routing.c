/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tickets"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-message.h"
#include "crm-ticket-store-private.h"

/* Routing incoming mail into tickets: see crm-ticket-store.c. */

/* Routing incoming mail */

/**
 * crm_ticket_store_dup_reference:
 * @store: a #CrmTicketStore
 * @ticket_id: a ticket
 *
 * The reference line that goes under our replies: the ticket's number
 * and a check code made with this database's secret, so that a quoted
 * reference leads back to the ticket and a made-up one does not.
 *
 * Returns: (transfer full): e.g. "CRM-REF:12-3f9a0c1d"
 */
char *
crm_ticket_store_dup_reference (CrmTicketStore *store,
                                gint64          ticket_id)
{
  g_autofree char *secret = crm_session_get_setting (_crm_session (store), "thread-secret", NULL);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, ticket_id);
  g_autofree char *mac = NULL;

  if (secret == NULL)
    {
      secret = g_uuid_string_random ();
      crm_session_set_setting (_crm_session (store), "thread-secret", secret, NULL);
    }
  mac = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret), number, -1);
  mac[8] = '\0';

  return g_strdup_printf (REFERENCE_PREFIX "%s-%s", number, mac);
}

/* The number in the first "[#N]" of @subject, or 0. */
gint64
_crm_tickets_subject_token (const char *subject)
{
  const char *open = subject ? strstr (subject, TOKEN_OPEN) : NULL;
  guint64 number = 0;
  char *end = NULL;

  if (open == NULL)
    return 0;
  number = g_ascii_strtoull (open + strlen (TOKEN_OPEN), &end, 10);
  if (end == open + strlen (TOKEN_OPEN) || *end != ']')
    return 0;

  return (gint64) number;
}

/* The ticket of the first valid reference line in @body, or 0. */
static gint64
body_reference (CrmTicketStore *store,
                const char     *body)
{
  for (const char *p = body; p != NULL && (p = strstr (p, REFERENCE_PREFIX)) != NULL; p++)
    {
      g_autofree char *expected = NULL;
      char *end = NULL;
      gint64 number = (gint64) g_ascii_strtoull (p + strlen (REFERENCE_PREFIX), &end, 10);

      if (number <= 0)
        continue;
      expected = crm_ticket_store_dup_reference (store, number);
      if (strncmp (p, expected, strlen (expected)) == 0)
        return number;
    }

  return 0;
}

typedef enum
{
  LINK_HELD,      /* a message of the ticket has this Message-ID */
  LINK_NAMED,     /* a message of the ticket names it too */
} Link;

/* A ticket that a Message-ID of an incoming message leads to. */
typedef struct
{
  gint64      ticket_id;
  Link        link;
  const char *id;         /* borrowed from the parsed message */
  gboolean    reported;   /* the mail a delivery report is about */
  gboolean    own;        /* the incoming message's own Message-ID */
} Match;

/* Adds the tickets of the messages with Message-ID @id, then of the
 * messages that name @id in In-Reply-To or References, which we may
 * not hold (JWZ: two replies to a missing parent are one thread);
 * each ticket once, the newest mail first. */
static void
add_matches (CrmTicketStore *store,
             GArray         *matches,
             const char     *id,
             gboolean        reported,
             gboolean        own)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (store,
                        "SELECT ticket_id, max (held) AS h FROM "
                        "(SELECT ticket_id, 1 AS held, id FROM messages WHERE message_id = ?1 AND ticket_id IS NOT NULL "
                        "UNION ALL SELECT m.ticket_id, 0, m.id FROM message_refs r JOIN messages m ON m.id = r.message "
                        "WHERE r.ref = ?1 AND m.ticket_id IS NOT NULL) AS x GROUP BY ticket_id ORDER BY h DESC, max (id) DESC",
                        NULL);

  if (stmt == NULL || id == NULL || *id == '\0')
    return;
  crm_statement_bind_text (stmt, 1, id);
  while (crm_statement_step (stmt) == CRM_STEP_ROW)
    {
      Match match = { crm_statement_get_int64 (stmt, 0), crm_statement_get_int (stmt, 1) ? LINK_HELD : LINK_NAMED,
                      id, reported, own };
      gboolean seen = FALSE;

      for (guint i = 0; i < matches->len && !seen; i++)
        seen = g_array_index (matches, Match, i).ticket_id == match.ticket_id;
      if (!seen)
        g_array_append_val (matches, match);
    }
}

/* Every ticket the Message-IDs of @parsed lead to, the one it belongs
 * to first: for a report the mail it reports on, then In-Reply-To, the
 * newest reference first (the message answered), and last mail that
 * answers this one and came first. */
static GArray *
message_id_matches (CrmTicketStore   *store,
                    CrmParsedMessage *parsed)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (Match));

  for (guint i = 0; parsed->reported != NULL && parsed->reported[i] != NULL; i++)
    add_matches (store, matches, parsed->reported[i], TRUE, FALSE);
  add_matches (store, matches, parsed->in_reply_to, FALSE, FALSE);
  for (guint n = parsed->references ? g_strv_length (parsed->references) : 0; n > 0; n--)
    add_matches (store, matches, parsed->references[n - 1], FALSE, FALSE);
  if (!parsed->synthetic_id)
    add_matches (store, matches, parsed->message_id, FALSE, TRUE);

  return matches;
}

/* Why a message is in the ticket of @match. */
static char *
match_reason (const Match *match)
{
  if (match->own && match->link == LINK_HELD)
    return g_strdup (_("Another copy of mail in this ticket"));
  if (match->own)
    return g_strdup (_("Mail in this ticket answers it"));
  if (match->reported && match->link == LINK_HELD)
    /* Translators: why a mail is in a ticket; a Message-ID */
    return g_strdup_printf (_("A delivery report on <%s>"), match->id);
  if (match->link == LINK_HELD)
    /* Translators: why a mail is in a ticket; a Message-ID */
    return g_strdup_printf (_("A reply to <%s>"), match->id);

  /* Translators: why a mail is in a ticket: it and mail of the ticket
   * name the same earlier message, which need not be at hand; a Message-ID */
  return g_strdup_printf (_("Refers to <%s>, as mail in this ticket does"), match->id);
}

/* Opened by mail and nothing done to it since: no reply, no comment, no
 * change, still new, and nobody has it open as read. */
static gboolean
ticket_untouched (CrmTicketStore *store,
                  gint64          ticket_id)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (store,
                        "SELECT NOT EXISTS (SELECT 1 FROM history WHERE entity = 'ticket' AND entity_id = ?1 "
                        "AND action NOT IN ('created', 'joined')) "
                        "AND NOT EXISTS (SELECT 1 FROM ticket_reads WHERE ticket_id = ?1) "
                        "AND NOT EXISTS (SELECT 1 FROM messages WHERE ticket_id = ?1 AND direction = 'out') "
                        "AND (SELECT s.kind FROM tickets t JOIN statuses s ON s.id = t.status_id WHERE t.id = ?1) = 'new'",
                        NULL);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, ticket_id);

  return crm_statement_step (stmt) == CRM_STEP_ROW && crm_statement_get_int (stmt, 0) != 0;
}

/* Every Message-ID the message names, and what kind of mail it is. */
static gboolean
remember_message (CrmTicketStore    *store,
                  gint64             message_id,
                  CrmParsedMessage  *parsed,
                  GError           **error)
{
  g_autoptr(CrmStatement) kind = NULL;
  const char *automatic[] = { NULL, "auto-reply", "delivery-report" };
  GStrv lists[] = { parsed->reported, parsed->references };

  for (guint l = 0; l < G_N_ELEMENTS (lists) + 1; l++)
    {
      const char *single[] = { parsed->in_reply_to, NULL };
      const char * const *ids = l < G_N_ELEMENTS (lists) ? (const char * const *) lists[l] : single;

      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        {
          g_autoptr(CrmStatement) ref =
            _crm_store_prepare (store, "INSERT INTO message_refs (ref, message) VALUES (?, ?) ON CONFLICT DO NOTHING", error);

          if (ref == NULL)
            return FALSE;
          if (*ids[i] == '\0' || g_str_equal (ids[i], parsed->message_id))
            continue;
          crm_statement_bind_text (ref, 1, ids[i]);
          crm_statement_bind_int64 (ref, 2, message_id);
          if (!_crm_store_step_done (store, ref, error))
            return FALSE;
        }
    }

  if (parsed->kind == CRM_MAIL_KIND_ORDINARY && !parsed->bulk)
    return TRUE;
  kind = _crm_store_prepare (store, "UPDATE messages SET automatic = ?, bulk = ? WHERE id = ?", error);
  if (kind == NULL)
    return FALSE;
  crm_statement_bind_text (kind, 1, automatic[parsed->kind]);
  crm_statement_bind_int64 (kind, 2, parsed->bulk);
  crm_statement_bind_int64 (kind, 3, message_id);

  return _crm_store_step_done (store, kind, error);
}

/* Whether @address is the ticket's client or took part in its mail. */
static gboolean
is_participant (CrmTicketStore *store,
                gint64          ticket_id,
                const char     *address)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *pattern = NULL;

  if (address == NULL || *address == '\0')
    return FALSE;

  stmt = _crm_store_prepare (store,
                             "SELECT 1 FROM tickets t WHERE t.id = ?1 AND (t.client_address = ?2 OR EXISTS "
                             "(SELECT 1 FROM contact_emails e WHERE e.contact_id = t.client_id AND e.address_norm = ?2) "
                             "OR EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = ?1 AND (lower (m.from_address) = ?2 "
                             "OR lower (m.to_addresses) LIKE ?3 OR lower (m.cc_addresses) LIKE ?3)))",
                             NULL);
  if (stmt == NULL)
    return FALSE;
  pattern = g_strdup_printf ("%%%s%%", address);
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  crm_statement_bind_text (stmt, 2, address);
  crm_statement_bind_text (stmt, 3, pattern);

  return crm_statement_step (stmt) == CRM_STEP_ROW;
}

typedef struct
{
  gint64 queue_id;
  gint64 priority_id;
  gint64 tag_id;
} Routing;

/* The first rule that matches, else the default queue. */
static void
apply_rules (CrmTicketStore   *store,
             CrmParsedMessage *parsed,
             Routing          *routing)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (store, "SELECT field, contains, queue_id, priority_id, tag_id FROM rules ORDER BY position",
                        NULL);
  g_autofree char *to = parsed->to ? g_strjoinv (" ", parsed->to) : g_strdup ("");
  g_autofree char *cc = parsed->cc ? g_strjoinv (" ", parsed->cc) : g_strdup ("");
  g_autofree char *recipients = g_utf8_casefold (to, -1);
  g_autofree char *copies = g_utf8_casefold (cc, -1);
  g_autofree char *from = g_utf8_casefold (parsed->from_address ? parsed->from_address : "", -1);
  g_autofree char *from_name = g_utf8_casefold (parsed->from_name ? parsed->from_name : "", -1);
  g_autofree char *subject = g_utf8_casefold (parsed->subject ? parsed->subject : "", -1);

  routing->queue_id = 1;
  routing->priority_id = 2;
  routing->tag_id = 0;

  while (stmt != NULL && crm_statement_step (stmt) == CRM_STEP_ROW)
    {
      const char *field = crm_statement_get_text (stmt, 0);
      g_autofree char *contains = g_utf8_casefold (crm_statement_get_text (stmt, 1), -1);
      gboolean match;

      if (g_str_equal (field, "from"))
        match = strstr (from, contains) != NULL || strstr (from_name, contains) != NULL;
      else if (g_str_equal (field, "to"))
        match = strstr (recipients, contains) != NULL || strstr (copies, contains) != NULL;
      else
        match = strstr (subject, contains) != NULL;

      if (match)
        {
          routing->queue_id = crm_statement_get_int64 (stmt, 2);
          if (!crm_statement_is_null (stmt, 3))
            routing->priority_id = crm_statement_get_int64 (stmt, 3);
          routing->tag_id = crm_statement_get_int64 (stmt, 4);
          return;
        }
    }
}

/* The contact with @address, and their manager. */
gint64
_crm_tickets_find_client (CrmTicketStore *store,
                          const char     *address,
                          gint64         *manager_id)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (store,
                        "SELECT c.id, c.manager_id FROM contact_emails e JOIN contacts c ON c.id = e.contact_id "
                        "WHERE e.address_norm = ? ORDER BY c.id LIMIT 1",
                        NULL);

  *manager_id = 0;
  if (stmt == NULL || address == NULL)
    return 0;
  crm_statement_bind_text (stmt, 1, address);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    return 0;
  *manager_id = crm_statement_get_int64 (stmt, 1);

  return crm_statement_get_int64 (stmt, 0);
}

/* SLA: due times from the priority's minutes, on the store's clock. */
gboolean
_crm_tickets_set_due_times (CrmTicketStore  *store,
                            gint64           ticket_id,
                            gint64           from,
                            GError         **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (store,
                        "UPDATE tickets SET response_due = CASE WHEN responded_at IS NULL THEN ?1 + 60 * "
                        "(SELECT response_minutes FROM priorities WHERE id = tickets.priority_id) END, "
                        "resolution_due = ?1 + 60 * (SELECT resolution_minutes FROM priorities "
                        "WHERE id = tickets.priority_id) WHERE id = ?2",
                        error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, from);
  crm_statement_bind_int64 (stmt, 2, ticket_id);

  return _crm_store_step_done (store, stmt, error);
}

gint64
_crm_tickets_create_ticket (CrmTicketStore  *store,
                            const char      *subject,
                            const char      *source,
                            gint64           queue_id,
                            gint64           priority_id,
                            gint64           client_id,
                            const char      *_crm_tickets_client_address,
                            gint64           assignee_id,
                            GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gint64 now = crm_clock_now_unix (crm_session_get_clock (_crm_session (store)));
  gint64 id;

  /* a deleted ticket's number is never given again (SQLite would give
   * the highest again; PostgreSQL's identity never does): mail naming
   * it must not reach another client's ticket, and it can be restored */
  stmt = _crm_store_prepare (store,
                             crm_database_get_dialect (_crm_store_db (store)) == CRM_DIALECT_SQLITE
                             ? "INSERT INTO tickets (id, subject, queue_id, status_id, priority_id, source, client_id, "
                               "client_address, assignee_id, created_at, updated_at, last_message_at) "
                               "VALUES (max (coalesce ((SELECT max (id) FROM tickets), 0), "
                               "coalesce ((SELECT max (id) FROM deleted_tickets), 0)) + 1, "
                               "?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8)"
                             : "INSERT INTO tickets (subject, queue_id, status_id, priority_id, source, client_id, "
                               "client_address, assignee_id, created_at, updated_at, last_message_at) "
                               "VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8)",
                             error);
  if (stmt == NULL)
    return 0;
  crm_statement_bind_text_copy (stmt, 1, subject && *subject ? subject : _("(no subject)"));
  crm_statement_bind_int64 (stmt, 2, queue_id);
  crm_statement_bind_int64 (stmt, 3, priority_id);
  crm_statement_bind_text (stmt, 4, source);
  if (client_id != 0)
    crm_statement_bind_int64 (stmt, 5, client_id);
  else
    crm_statement_bind_text (stmt, 6, _crm_tickets_client_address);
  if (assignee_id != 0)
    crm_statement_bind_int64 (stmt, 7, assignee_id);
  crm_statement_bind_int64 (stmt, 8, now);
  if (!_crm_store_step_done (store, stmt, error))
    return 0;
  id = _crm_store_last_insert_id (store);

  if (!_crm_tickets_set_due_times (store, id, now, error) ||
      !crm_session_append_history (_crm_session (store), "ticket", id, "created", NULL, error))
    return 0;

  return id;
}

gboolean
_crm_tickets_attach_message (CrmTicketStore  *store,
                             gint64           message_id,
                             gint64           ticket_id,
                             const char      *reason,
                             gboolean         incoming,
                             GError         **error)
{
  g_autoptr(CrmStatement) message = NULL;
  g_autoptr(CrmStatement) ticket = NULL;
  g_autoptr(CrmStatement) unread = NULL;

  message = _crm_store_prepare (store, "UPDATE messages SET ticket_id = ?, thread_reason = ? WHERE id = ?", error);
  if (message == NULL)
    return FALSE;
  if (ticket_id != 0)
    crm_statement_bind_int64 (message, 1, ticket_id);
  crm_statement_bind_text (message, 2, reason);
  crm_statement_bind_int64 (message, 3, message_id);
  if (!_crm_store_step_done (store, message, error))
    return FALSE;
  if (ticket_id == 0)
    return TRUE;
  /* our mail waits for the client's answer; theirs ends the wait (RQ12) */
  if (!_crm_tickets_update_awaiting (store, ticket_id, error))
    return FALSE;

  ticket = _crm_store_prepare (store,
                               "UPDATE tickets SET last_message_at = ?1, updated_at = ?1, has_mail = 1 WHERE id = ?2",
                               error);
  if (ticket == NULL)
    return FALSE;
  crm_statement_bind_int64 (ticket, 1, crm_clock_now_unix (crm_session_get_clock (_crm_session (store))));
  crm_statement_bind_int64 (ticket, 2, ticket_id);
  if (!_crm_store_step_done (store, ticket, error))
    return FALSE;

  if (!incoming)
    return TRUE;

  /* new mail: unread for everyone again (TK11) */
  unread = _crm_store_prepare (store, "DELETE FROM ticket_reads WHERE ticket_id = ?", error);
  if (unread == NULL)
    return FALSE;
  crm_statement_bind_int64 (unread, 1, ticket_id);

  return _crm_store_step_done (store, unread, error);
}

static const char *
ticket_status_kind (CrmTicketStore *store,
                    gint64          ticket_id,
                    gint64         *queue_reopens)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (store,
                        "SELECT s.kind, q.closed_mail = 'reopen' FROM tickets t JOIN statuses s ON s.id = t.status_id "
                        "JOIN queues q ON q.id = t.queue_id WHERE t.id = ?",
                        NULL);

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    return NULL;
  *queue_reopens = crm_statement_get_int (stmt, 1);

  return g_intern_string (crm_statement_get_text (stmt, 0));
}

/* A new ticket for @parsed, as its rules and its sender say. */
static gint64
open_ticket_for (CrmTicketStore    *store,
                 CrmParsedMessage  *parsed,
                 const char        *sender,
                 GError           **error)
{
  Routing routing;
  gint64 manager_id = 0;
  gint64 client_id;
  gint64 ticket_id;

  apply_rules (store, parsed, &routing);
  client_id = _crm_tickets_find_client (store, sender, &manager_id);
  ticket_id = _crm_tickets_create_ticket (store, parsed->subject, "email", routing.queue_id, routing.priority_id,
                             client_id, sender, manager_id, error);
  if (ticket_id == 0)
    return 0;
  if (routing.tag_id != 0 &&
      !_crm_tickets_update_column (store, "INSERT INTO ticket_tags (tag_id, ticket_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                      ticket_id, routing.tag_id, error))
    return 0;

  return ticket_id;
}

/* Why automatic mail opened no ticket. */
static char *
no_ticket_reason (CrmParsedMessage *parsed)
{
  if (parsed->kind == CRM_MAIL_KIND_DELIVERY_REPORT)
    /* Translators: why a mail opened no ticket; the header that shows a
     * robot sent it, e.g. "From: MAILER-DAEMON@example.org" */
    return g_strdup_printf (_("A delivery report (%s) on mail that is in no ticket"), parsed->automatic_sign);

  /* Translators: why a mail opened no ticket; the header that shows a
   * robot sent it, e.g. "Auto-Submitted: auto-replied" */
  return g_strdup_printf (_("An automatic reply (%s) that answers no ticket"), parsed->automatic_sign);
}

/* The addresses of the held message that @parsed reports on. */
static char *
reported_recipients (CrmTicketStore   *store,
                     CrmParsedMessage *parsed)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (store,
                        "SELECT to_addresses FROM messages WHERE message_id = ? AND to_addresses IS NOT NULL "
                        "ORDER BY id DESC LIMIT 1",
                        NULL);

  for (guint i = 0; stmt != NULL && parsed->reported[i] != NULL; i++)
    {
      crm_statement_reset (stmt);
      crm_statement_bind_text (stmt, 1, parsed->reported[i]);
      if (crm_statement_step (stmt) == CRM_STEP_ROW)
        return g_strdup (crm_statement_get_text (stmt, 0));
    }

  return NULL;
}

/* The ticket shows what a delivery report says: to whom mail bounced, and why. */
static gboolean
record_bounces (CrmTicketStore    *store,
                gint64             ticket_id,
                CrmParsedMessage  *parsed,
                GError           **error)
{
  guint told = 0;

  for (guint i = 0; i < parsed->recipients->len; i++)
    {
      CrmParsedRecipient *recipient = g_ptr_array_index (parsed->recipients, i);
      g_autofree char *text = NULL;

      if (g_str_equal (recipient->action, "failed") && recipient->diagnostic != NULL)
        /* Translators: a system comment in a ticket; an address, what the mail server said */
        text = g_strdup_printf (_("Mail to %s bounced: %s"), recipient->address, recipient->diagnostic);
      else if (g_str_equal (recipient->action, "failed"))
        /* Translators: a system comment in a ticket; an address */
        text = g_strdup_printf (_("Mail to %s bounced"), recipient->address);
      else if (g_str_equal (recipient->action, "delayed") && recipient->diagnostic != NULL)
        /* Translators: a system comment in a ticket; an address, what the mail server said */
        text = g_strdup_printf (_("Mail to %s is delayed: %s"), recipient->address, recipient->diagnostic);
      else if (g_str_equal (recipient->action, "delayed"))
        /* Translators: a system comment in a ticket; an address */
        text = g_strdup_printf (_("Mail to %s is delayed"), recipient->address);
      else
        continue;

      if (!_crm_tickets_record_change (store, ticket_id, "bounced", text, error))
        return FALSE;
      told++;
    }

  /* a report without a delivery-status part: the original's addresses */
  if (told == 0 && parsed->recipients->len == 0)
    {
      g_autofree char *to = reported_recipients (store, parsed);
      g_autofree char *text = NULL;

      if (to != NULL)
        /* Translators: a system comment in a ticket; an address, what the mail server said */
        text = g_strdup_printf (_("Mail to %s bounced: %s"), to, parsed->subject);
      else
        /* Translators: a system comment in a ticket; the delivery report's subject */
        text = g_strdup_printf (_("Mail of this ticket bounced: %s"), parsed->subject);
      if (!_crm_tickets_record_change (store, ticket_id, "bounced", text, error))
        return FALSE;
    }

  return TRUE;
}

/* JWZ across tickets: mail that names the conversations of two
 * tickets makes them one. Untouched @from (see ticket_untouched()) gives
 * its mail and tags to @into and is closed with a note that says where
 * its mail went, as help desks merge. */
static gboolean
join_ticket (CrmTicketStore  *store,
             gint64           from,
             gint64           into,
             GError         **error)
{
  g_autoptr(CrmStatement) opener = NULL;
  g_autoptr(CrmStatement) move = NULL;
  g_autoptr(CrmStatement) tags = NULL;
  g_autoptr(CrmStatement) close = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *joined = NULL;

  /* the mail that opened @from says where it went */
  /* Translators: why a mail is in a ticket; the number of the ticket it opened */
  opened = g_strdup_printf (_("Opened ticket #%lld, which joined this one: the same conversation"), (long long) from);
  opener = _crm_store_prepare (store,
                               "UPDATE messages SET thread_reason = ?1 WHERE id = "
                               "(SELECT min (id) FROM messages WHERE ticket_id = ?2)",
                               error);
  if (opener == NULL)
    return FALSE;
  crm_statement_bind_text (opener, 1, opened);
  crm_statement_bind_int64 (opener, 2, from);
  if (!_crm_store_step_done (store, opener, error))
    return FALSE;

  move = _crm_store_prepare (store, "UPDATE messages SET ticket_id = ?1 WHERE ticket_id = ?2", error);
  if (move == NULL)
    return FALSE;
  crm_statement_bind_int64 (move, 1, into);
  crm_statement_bind_int64 (move, 2, from);
  if (!_crm_store_step_done (store, move, error))
    return FALSE;

  tags = _crm_store_prepare (store,
                             "INSERT INTO ticket_tags (ticket_id, tag_id) "
                             "SELECT ?1, tag_id FROM ticket_tags WHERE ticket_id = ?2 ON CONFLICT DO NOTHING",
                             error);
  if (tags == NULL)
    return FALSE;
  crm_statement_bind_int64 (tags, 1, into);
  crm_statement_bind_int64 (tags, 2, from);
  if (!_crm_store_step_done (store, tags, error))
    return FALSE;

  close = _crm_store_prepare (store,
                              "UPDATE tickets SET status_id = (SELECT id FROM statuses WHERE kind = 'closed' "
                              "ORDER BY position LIMIT 1), closed_at = ?1, has_mail = 0 WHERE id = ?2",
                              error);
  if (close == NULL)
    return FALSE;
  crm_statement_bind_int64 (close, 1, crm_clock_now_unix (crm_session_get_clock (_crm_session (store))));
  crm_statement_bind_int64 (close, 2, from);
  if (!_crm_store_step_done (store, close, error))
    return FALSE;

  /* Translators: a system comment in a ticket whose mail went to another; its number */
  gone = g_strdup_printf (_("Joined ticket #%lld: its mail is the same conversation"), (long long) into);
  /* Translators: a system comment in a ticket; the number of the ticket whose mail came to it */
  joined = g_strdup_printf (_("Ticket #%lld joined this one: its mail is the same conversation"), (long long) from);
  if (!_crm_tickets_record_change (store, from, "merged", gone, error) ||
      !_crm_tickets_record_change (store, into, "joined", joined, error))
    return FALSE;

  _crm_store_emit_changed (store, "ticket", from);

  return TRUE;
}

/* Whether any ticket of @matches is closed. */
static gboolean
any_closed (CrmTicketStore *store,
            GArray         *matches)
{
  for (guint i = 0; i < matches->len; i++)
    {
      gint64 reopens = 0;
      const char *kind = ticket_status_kind (store, g_array_index (matches, Match, i).ticket_id, &reopens);

      if (kind == NULL || g_str_equal (kind, "closed"))
        return TRUE;
    }

  return FALSE;
}

/**
 * _crm_ticket_store_route_message:
 * @store: a #CrmTicketStore, in the import's transaction
 * @message_id: the stored message's row
 * @parsed: the message, parsed
 * @error: return location for a #GError
 *
 * Puts an incoming message into a ticket, or opens one (see the top
 * of this file), and keeps the reason on the message; keeps every
 * Message-ID it names for the mail that comes after it.
 *
 * Returns: %FALSE on a fault of the store only
 */
gboolean
_crm_ticket_store_route_message (CrmTicketStore    *store,
                                 gint64             message_id,
                                 CrmParsedMessage  *parsed,
                                 GError           **error)
{
  g_autoptr(GArray) matches = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *sender = NULL;
  gboolean automatic = parsed->kind != CRM_MAIL_KIND_ORDINARY;
  gboolean spans_closed;
  const char *kind;
  gint64 reopens = 0;
  gint64 ticket_id;

  sender = parsed->from_address ? g_ascii_strdown (parsed->from_address, -1) : NULL;

  if (!remember_message (store, message_id, parsed, error))
    return FALSE;

  /* a sender blocked when their request was closed as spam (RQ10):
   * listed with the automatic mail, never in a ticket */
  if (crm_ticket_store_is_blocked (store, sender))
    return _crm_tickets_attach_message (store, message_id, 0,
                                        _("The sender is blocked: their mail was closed as spam"), TRUE, error);

  matches = message_id_matches (store, parsed);
  /* before a closed ticket reopens: RQ11 keeps its conversation apart */
  spans_closed = any_closed (store, matches);

  if (matches->len > 0)
    {
      ticket_id = g_array_index (matches, Match, 0).ticket_id;
      reason = match_reason (&g_array_index (matches, Match, 0));
    }
  else if ((ticket_id = _crm_tickets_follow_merges (store, _crm_tickets_subject_token (parsed->subject))) != 0 && is_participant (store, ticket_id, sender))
    /* Translators: why a mail is in a ticket; the ticket's number */
    reason = g_strdup_printf (_("The subject names ticket #%lld and the sender takes part in it"),
                              (long long) ticket_id);
  else if ((ticket_id = body_reference (store, parsed->text)) != 0)
    reason = g_strdup (_("The text quotes this ticket’s reference"));
  else
    ticket_id = 0;

  /* a ticket merged into another (TK19): its mail is there */
  if (ticket_id != 0)
    ticket_id = _crm_tickets_follow_merges (store, ticket_id);
  /* a ticket deleted since (TK22): the mail opens a new one */
  if (ticket_id != 0)
    {
      gboolean exists = FALSE;

      if (!_crm_store_exists (CRM_STORE (store), "SELECT EXISTS (SELECT 1 FROM tickets WHERE id = ?)", NULL, ticket_id,
                              &exists, error))
        return FALSE;
      if (!exists)
        {
          ticket_id = 0;
          g_clear_pointer (&reason, g_free);
        }
    }

  /* an answer to the ticket's forward (TK18): a third party's, in the
   * ticket as it is, whatever its state; never the client's answer */
  if (ticket_id != 0 && !automatic && _crm_tickets_is_third_party (store, ticket_id, sender))
    {
      g_autoptr(CrmStatement) role = NULL;

      g_free (reason);
      /* Translators: why a mail is in a ticket */
      reason = g_strdup (_("An answer to the ticket’s forward, from a third party: the client does not see it"));
      if (!(role = _crm_store_prepare (store, "UPDATE messages SET role = 'third-party' WHERE id = ?", error)))
        return FALSE;
      crm_statement_bind_int64 (role, 1, message_id);
      if (!_crm_store_step_done (store, role, error) ||
          !_crm_tickets_attach_message (store, message_id, ticket_id, reason, TRUE, error))
        return FALSE;
      _crm_store_emit_changed (store, "ticket", ticket_id);

      return TRUE;
    }

  /* a robot's mail joins a closed ticket as it is: it neither reopens
   * it nor opens another (RFC 3834: no loops) */
  if (ticket_id != 0 && !automatic && (kind = ticket_status_kind (store, ticket_id, &reopens)) != NULL &&
      g_str_equal (kind, "closed"))
    {
      g_autofree char *text = NULL;

      if (!reopens)
        {
          gint64 closed = ticket_id;

          /* RQ11: the closed request stays closed; this is a new one */
          ticket_id = 0;
          g_free (reason);
          /* Translators: why a mail opened a new ticket; the closed ticket's number */
          reason = g_strdup_printf (_("A new ticket: #%lld it answers is closed"), (long long) closed);
        }
      else
        {
          text = g_strdup (_("Reopened by a new mail"));
          if (!_crm_tickets_update_column (store, "UPDATE tickets SET status_id = ?1, closed_at = NULL WHERE id = ?2",
                              ticket_id, 2, error) ||
              !_crm_tickets_record_change (store, ticket_id, "reopened", text, error))
            return FALSE;
        }
    }

  /* mail that names the conversations of several tickets makes them
   * one, as long as none is closed (RQ11 keeps those apart) and the
   * ones that go were left untouched; a robot's mail joins nothing */
  if (ticket_id != 0 && !automatic && matches->len > 1 && !spans_closed)
    {
      gboolean target_untouched = ticket_untouched (store, ticket_id);

      for (guint i = 1; i < matches->len; i++)
        {
          const Match *match = &g_array_index (matches, Match, i);

          if (match->ticket_id == ticket_id)
            continue;
          if (ticket_untouched (store, match->ticket_id))
            {
              if (!join_ticket (store, match->ticket_id, ticket_id, error))
                return FALSE;
            }
          else if (target_untouched)
            {
              if (!join_ticket (store, ticket_id, match->ticket_id, error))
                return FALSE;
              ticket_id = match->ticket_id;
              target_untouched = FALSE;
              g_free (reason);
              reason = match_reason (match);
            }
        }
    }

  if (ticket_id == 0)
    {
      /* automatic replies and delivery reports never open tickets; they
       * are listed with the reason (crm_ticket_store_list_automatic_mail()) */
      if (automatic)
        {
          g_autofree char *why = no_ticket_reason (parsed);

          return _crm_tickets_attach_message (store, message_id, 0, why, TRUE, error);
        }

      if ((ticket_id = open_ticket_for (store, parsed, sender, error)) == 0)
        return FALSE;
      if (reason == NULL)
        reason = g_strdup (_("A new ticket"));
    }

  if (!_crm_tickets_attach_message (store, message_id, ticket_id, reason, TRUE, error))
    return FALSE;
  if (parsed->kind == CRM_MAIL_KIND_DELIVERY_REPORT && !record_bounces (store, ticket_id, parsed, error))
    return FALSE;

  _crm_store_emit_changed (store, "ticket", ticket_id);

  return TRUE;
}

/* Mail that opens no ticket */

static gpointer
unticketed_from_row (CrmStatement *stmt)
{
  return g_object_new (CRM_TYPE_MESSAGE,
                       "id", crm_statement_get_int64 (stmt, 0),
                       "message-id", crm_statement_get_text (stmt, 1),
                       "direction", "in",
                       "from", crm_statement_get_text (stmt, 2),
                       "to", crm_statement_get_text (stmt, 3),
                       "cc", crm_statement_get_text (stmt, 4),
                       "subject", crm_statement_get_text (stmt, 5),
                       "date", crm_statement_get_int64 (stmt, 6),
                       "reason", crm_statement_get_text (stmt, 7),
                       "automatic", crm_statement_get_text (stmt, 8),
                       "bulk", crm_statement_get_int (stmt, 9) != 0,
                       "from-name", crm_statement_get_text (stmt, 10),
                       NULL);
}

/**
 * crm_ticket_store_list_automatic_mail:
 * @self: a #CrmTicketStore
 * @limit: at most this many, newest first
 * @error: return location for a #GError
 *
 * The received mail that is in no ticket: automatic replies and
 * delivery reports that answer no ticket, each with the reason
 * (#CrmMessage:reason, #CrmMessage:automatic). Nothing is hidden: any
 * of them can open a ticket by hand
 * (crm_ticket_store_open_from_message()).
 *
 * Returns: (transfer full): a list of #CrmMessage, or %NULL with
 *   @error set
 */
GListModel *
crm_ticket_store_list_automatic_mail (CrmTicketStore  *self,
                                      guint            limit,
                                      GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT id, message_id, from_address, to_addresses, cc_addresses, subject, "
                             "coalesce (date, created_at), thread_reason, automatic, bulk, from_name FROM messages "
                             "WHERE ticket_id IS NULL AND direction = 'in' AND deleted_ticket_id IS NULL "
                             /* a broker's answer is its referral's (0039) */
                             "AND referral_id IS NULL ORDER BY id DESC LIMIT ?",
                             error);
  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, limit);

  return _crm_store_collect (self, stmt, CRM_TYPE_MESSAGE, unticketed_from_row, error);
}

typedef struct
{
  gint64 message_id;
  gint64 ticket_id;   /* out */
} FromMessage;

static gboolean
open_from_message_tx (CrmSession  *session,
                      gpointer     user_data,
                      GError     **error)
{
  CrmTicketStore *store = crm_ticket_store_from_session (session);
  FromMessage *from = user_data;
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (store, "SELECT direction, ticket_id, raw FROM messages WHERE id = ?", error);
  g_autoptr(CrmParsedMessage) parsed = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *text = NULL;

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, from->message_id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                   _("There is no message with id %lld."), (long long) from->message_id);
      return FALSE;
    }
  if (!g_str_equal (crm_statement_get_text (stmt, 0), "in"))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Only mail that came in can open a ticket."));
      return FALSE;
    }
  if (!crm_statement_is_null (stmt, 1))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   _("This mail is in ticket #%lld already."), (long long) crm_statement_get_int64 (stmt, 1));
      return FALSE;
    }
  raw = crm_statement_dup_bytes (stmt, 2);
  parsed = crm_parsed_message_new (raw);
  sender = parsed->from_address ? g_ascii_strdown (parsed->from_address, -1) : NULL;

  if ((from->ticket_id = open_ticket_for (store, parsed, sender, error)) == 0)
    return FALSE;
  text = g_strdup (_("Opened by hand from a mail that opened no ticket"));

  return _crm_tickets_attach_message (store, from->message_id, from->ticket_id, text, TRUE, error) &&
         _crm_tickets_record_change (store, from->ticket_id, "opened-from-mail", text, error);
}

/**
 * crm_ticket_store_open_from_message:
 * @self: a #CrmTicketStore
 * @message_id: a received message in no ticket (see
 *   crm_ticket_store_list_automatic_mail())
 * @error: return location for a #GError
 *
 * Opens a ticket for the mail by hand, as if it had opened one when it
 * came: the rules, the client and the client's manager apply.
 *
 * Returns: the new ticket's id, or 0 with @error set
 *   (%CRM_ERROR_NOT_FOUND, %CRM_ERROR_INVALID for our own mail,
 *   %CRM_ERROR_CONFLICT when the mail is in a ticket already)
 */
gint64
crm_ticket_store_open_from_message (CrmTicketStore  *self,
                                    gint64           message_id,
                                    GError         **error)
{
  FromMessage from = { message_id, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  if (!crm_session_run_in_transaction (_crm_session (self), open_from_message_tx, &from, error))
    return 0;

  _crm_store_emit_changed (self, "ticket", from.ticket_id);

  return from.ticket_id;
}

static gboolean
open_from_message_write (CrmSession    *writer,
                         gpointer       data,
                         gpointer      *result,
                         GCancellable  *cancellable,
                         GError       **error)
{
  gint64 made = crm_ticket_store_open_from_message (crm_ticket_store_from_session (writer), *(gint64 *) data, error);

  if (made == 0)
    return FALSE;
  *result = g_memdup2 (&made, sizeof made);

  return TRUE;
}

/**
 * crm_ticket_store_open_from_message_async:
 * @self: a #CrmTicketStore
 * @message_id: as for crm_ticket_store_open_from_message()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when opened, or not
 * @user_data: for @callback
 *
 * crm_ticket_store_open_from_message() on a writer of its own
 * (crm_session_write_async()): for the window.
 */
void
crm_ticket_store_open_from_message_async (CrmTicketStore      *self,
                                          gint64               message_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (CRM_IS_TICKET_STORE (self));

  crm_session_write_async (_crm_session (self), open_from_message_write, g_memdup2 (&message_id, sizeof message_id),
                           g_free, g_free, cancellable, callback, user_data);
}

/**
 * crm_ticket_store_open_from_message_finish:
 * @self: a #CrmTicketStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: as crm_ticket_store_open_from_message()
 */
gint64
crm_ticket_store_open_from_message_finish (CrmTicketStore  *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  g_autofree gint64 *made = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  made = crm_session_write_finish (_crm_session (self), result, error);

  return made != NULL ? *made : 0;
}
