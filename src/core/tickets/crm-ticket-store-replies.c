/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tickets"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-gmime-private.h"
#include "crm-normalize.h"
#include "crm-outbox.h"
#include "crm-ticket-store-private.h"

/* Replying to tickets, opening them by hand and linking their client (TK,
 * RQ). */

/* Replying and opening tickets */

static gboolean
ticket_has_mail (CrmTicketStore *store,
                 gint64          ticket_id)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (store, "SELECT has_mail FROM tickets WHERE id = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, ticket_id);

  return crm_statement_step (stmt) == CRM_STEP_ROW && crm_statement_get_int (stmt, 0) != 0;
}

gint64
_crm_tickets_sending_account (CrmTicketStore  *store,
                              gint64           ticket_id,
                              GError         **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (store,
                        "SELECT coalesce ((SELECT m.account_id FROM messages m JOIN accounts a ON a.id = m.account_id "
                        "AND a.removed_at IS NULL WHERE m.ticket_id = ? ORDER BY m.id DESC LIMIT 1), "
                        "(SELECT min (id) FROM accounts WHERE removed_at IS NULL))",
                        error);

  if (stmt == NULL)
    return 0;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW && !crm_statement_is_null (stmt, 0))
    return crm_statement_get_int64 (stmt, 0);

  g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                       _("There is no mail account to send from: add one in Preferences."));
  return 0;
}

typedef struct
{
  gint64               ticket_id;
  const char          *body;
  const char * const  *cc;
  GPtrArray           *attachments;   /* CrmTicketAttachment */
  gint64               due;
  gint64               outbox_id;     /* out */
} Reply;

/* The sent message as part of the conversation, with its search row;
 * @role: %NULL for the conversation with the client, "forward" (TK18) */
gboolean
_crm_tickets_store_outgoing (CrmTicketStore  *store,
                             gint64           ticket_id,
                             gint64           outbox_id,
                             const char      *body,
                             const char      *role,
                             const char      *reason,
                             GError         **error)
{
  g_autoptr(CrmStatement) insert = NULL;
  gint64 id;

  insert = _crm_store_prepare (store,
                               "INSERT INTO messages (account_id, direction, message_id, raw_hash, from_address, "
                               "to_addresses, subject, date, body_text, raw, created_at, ticket_id, thread_reason, "
                               "author_id, outbox_id, role) "
                               "SELECT o.account_id, 'out', o.message_id, '', o.sender, "
                               "replace (o.recipients, '\x1f', ', '), coalesce (o.subject, ''), o.due_at, ?1, o.raw, "
                               "o.created_at, ?2, NULL, (SELECT id FROM users WHERE id = ?3), o.id, ?5 "
                               "FROM outbox o WHERE o.id = ?4",
                               error);
  if (insert == NULL)
    return FALSE;
  crm_statement_bind_text (insert, 1, body);
  crm_statement_bind_int64 (insert, 2, ticket_id);
  crm_statement_bind_int64 (insert, 3, crm_session_get_user_id (_crm_session (store)));
  crm_statement_bind_int64 (insert, 4, outbox_id);
  if (role != NULL)
    crm_statement_bind_text (insert, 5, role);
  if (!_crm_store_step_done (store, insert, error))
    return FALSE;
  id = _crm_store_last_insert_id (store);

  /* its files, as for mail that came in: chips in the conversation */
  {
    g_autoptr(GBytes) raw = crm_message_store_get_raw (_crm_message_store_of (store), id, error);
    g_autoptr(CrmParsedMessage) parsed = NULL;

    if (raw == NULL)
      return FALSE;
    parsed = crm_parsed_message_new (raw);
    for (guint i = 0; i < parsed->attachments->len; i++)
      {
        CrmParsedAttachment *attachment = g_ptr_array_index (parsed->attachments, i);
        g_autoptr(CrmStatement) file =
          _crm_store_prepare (store,
                              "INSERT INTO attachments (message, name, mime_type, size, data) VALUES (?, ?, ?, ?, ?)",
                              error);

        if (file == NULL)
          return FALSE;
        crm_statement_bind_int64 (file, 1, id);
        crm_statement_bind_text (file, 2, attachment->name);
        crm_statement_bind_text (file, 3, attachment->mime_type);
        crm_statement_bind_int64 (file, 4, g_bytes_get_size (attachment->data));
        crm_statement_bind_blob (file, 5, g_bytes_get_data (attachment->data, NULL), g_bytes_get_size (attachment->data));
        if (!_crm_store_step_done (store, file, error))
          return FALSE;
      }
  }

  return _crm_message_store_index (_crm_message_store_of (store), &id, 1, error) &&
         _crm_tickets_attach_message (store, id, ticket_id, reason, FALSE, error);
}

/* Who a reply goes to: the client's first address, else the sender's. */
char *
_crm_tickets_client_address (CrmTicketStore  *store,
                             gint64           ticket_id,
                             GError         **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (store,
                        "SELECT coalesce ((SELECT e.address FROM contact_emails e WHERE e.contact_id = t.client_id "
                        "ORDER BY e.position LIMIT 1), t.client_address) FROM tickets t WHERE t.id = ?",
                        error);

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW && !crm_statement_is_null (stmt, 0))
    return g_strdup (crm_statement_get_text (stmt, 0));

  g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                       _("This ticket has no client address to write to."));
  return NULL;
}

/* RQ7: answering an unknown sender makes them a contact of the one who
 * answers; RQ3: a client without a manager gets the first who answers. */
static gboolean
attach_client (CrmTicketStore  *store,
               gint64           ticket_id,
               GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gint64 actor = crm_session_get_user_id (_crm_session (store));
  gint64 client_id;
  gint64 manager_id;
  g_autofree char *address = NULL;
  g_autofree char *name = NULL;

  stmt = _crm_store_prepare (store,
                             "SELECT t.client_id, c.manager_id, t.client_address, (SELECT m.from_name FROM messages m "
                             "WHERE m.ticket_id = t.id AND m.direction = 'in' AND m.role IS NULL ORDER BY m.id LIMIT 1) "
                             "FROM tickets t LEFT JOIN contacts c ON c.id = t.client_id WHERE t.id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    return TRUE;
  client_id = crm_statement_get_int64 (stmt, 0);
  manager_id = crm_statement_get_int64 (stmt, 1);
  address = g_strdup (crm_statement_get_text (stmt, 2));
  name = g_strdup (crm_statement_get_text (stmt, 3));
  crm_statement_reset (stmt);

  if (actor == 0 || (client_id != 0 && manager_id != 0))
    return TRUE;

  /* the address became a contact's after the mail came: that contact is
   * the client, not a second one with the same address */
  if (client_id == 0 && address != NULL && (client_id = _crm_tickets_find_client (store, address, &manager_id)) != 0 &&
      !_crm_tickets_update_column (store, "UPDATE tickets SET client_id = ?1, client_address = NULL WHERE id = ?2",
                      ticket_id, client_id, error))
    return FALSE;

  if (client_id == 0 && address != NULL)
    {
      g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
      const char *emails[] = { address, NULL };
      g_autofree char *text = NULL;

      crm_contact_set_name (contact, name && *name ? name : address);
      crm_contact_set_emails (contact, emails);
      crm_contact_set_manager_id (contact, actor);
      if (!crm_contact_store_save (_crm_contact_store_of (store), contact, error))
        return FALSE;
      /* Translators: a system comment in a ticket; a person's name */
      text = g_strdup_printf (_("%s was added to the contacts"), crm_contact_get_name (contact));
      return _crm_tickets_update_column (store, "UPDATE tickets SET client_id = ?1, client_address = NULL WHERE id = ?2",
                            ticket_id, crm_contact_get_id (contact), error) &&
             _crm_tickets_update_column (store, "UPDATE tickets SET client_id = ?1 WHERE client_address = "
                            "(SELECT e.address FROM contact_emails e WHERE e.contact_id = ?1 LIMIT 1) AND id <> ?2",
                            ticket_id, crm_contact_get_id (contact), error) &&
             _crm_tickets_record_change (store, ticket_id, "client", text, error);
    }

  if (client_id != 0 && manager_id == 0)
    return _crm_tickets_update_column (store, "UPDATE contacts SET manager_id = ?1, version = version + 1 WHERE id = ?2", client_id, actor, error) &&
           crm_session_append_history (_crm_session (store), "contact", client_id, "manager", NULL, error);

  return TRUE;
}

static gboolean
reply_tx (CrmSession  *session,
          gpointer     user_data,
          GError     **error)
{
  CrmTicketStore *store = crm_ticket_store_from_session (session);
  Reply *reply = user_data;
  g_autoptr(CrmTicket) ticket = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmOutgoingMessage) out = NULL;
  g_autoptr(CrmStatement) last = NULL;
  g_autoptr(CrmStatement) done = NULL;
  g_autofree char *to = NULL;
  g_autofree char *subject = NULL;
  gint64 account_id;
  gint64 now = crm_clock_now_unix (crm_session_get_clock (_crm_session (store)));

  if (!(ticket = crm_ticket_store_get (store, reply->ticket_id, 0, error)) ||
      !(account_id = _crm_tickets_sending_account (store, reply->ticket_id, error)) ||
      !(account = crm_account_store_get (_crm_account_store_of (store), account_id, error)) ||
      !(to = _crm_tickets_client_address (store, reply->ticket_id, error)))
    return FALSE;

  out = crm_outgoing_message_new (crm_account_get_display_name (account), crm_account_get_address (account));
  crm_outgoing_message_add_to (out, to);
  for (guint i = 0; reply->cc != NULL && reply->cc[i] != NULL; i++)
    crm_outgoing_message_add_cc (out, reply->cc[i]);

  subject = _crm_tickets_subject_token (crm_ticket_get_subject (ticket)) == reply->ticket_id
            ? g_strdup (crm_ticket_get_subject (ticket))
            : g_strdup_printf ("%s%s [#%" G_GINT64_FORMAT "]",
                               ticket_has_mail (store, reply->ticket_id) ? "Re: " : "",
                               crm_ticket_get_subject (ticket), reply->ticket_id);
  crm_outgoing_message_set_subject (out, subject);

  /* the client reads the reply as written: the ticket travels in the
   * subject's [#N] and in References, out of sight; the body marker of
   * earlier versions is still understood when quoted back */
  crm_outgoing_message_set_body (out, reply->body);

  /* In-Reply-To and References: the client's last mail */
  last = _crm_store_prepare (store,
                             "SELECT message_id, refs FROM messages WHERE ticket_id = ? AND direction = 'in' AND role IS NULL "
                             "ORDER BY id DESC LIMIT 1",
                             error);
  if (last == NULL)
    return FALSE;
  crm_statement_bind_int64 (last, 1, reply->ticket_id);
  if (crm_statement_step (last) == CRM_STEP_ROW)
    {
      const char *message_id = crm_statement_get_text (last, 0);
      const char *refs = crm_statement_get_text (last, 1);
      g_autofree char *chain = g_strjoin (" ", refs ? refs : "", message_id, NULL);
      g_auto(GStrv) references = g_strsplit_set (g_strstrip (chain), " ", -1);

      crm_outgoing_message_set_reply (out, message_id, (const char * const *) references);
    }

  for (guint i = 0; reply->attachments != NULL && i < reply->attachments->len; i++)
    {
      CrmTicketAttachment *attachment = g_ptr_array_index (reply->attachments, i);

      crm_outgoing_message_add_attachment (out, attachment->name, attachment->mime_type, attachment->data);
    }

  if (!(reply->outbox_id = crm_outbox_queue (_crm_outbox_of (store), "ticket-reply", account_id, out, MAX (reply->due, now), error)) ||
      !_crm_tickets_store_outgoing (store, reply->ticket_id, reply->outbox_id, reply->body, NULL, NULL, error) ||
      !attach_client (store, reply->ticket_id, error))
    return FALSE;

  /* answered: the response time is met, a new ticket is open, and an
   * unassigned one belongs to whoever answered */
  done = _crm_store_prepare (store,
                             "UPDATE tickets SET responded_at = coalesce (responded_at, ?1), response_due = NULL, "
                             "status_id = CASE status_id WHEN 1 THEN 2 ELSE status_id END, "
                             "assignee_id = coalesce (assignee_id, (SELECT id FROM users WHERE id = ?3)) WHERE id = ?2",
                             error);
  if (done == NULL)
    return FALSE;
  crm_statement_bind_int64 (done, 1, now);
  crm_statement_bind_int64 (done, 2, reply->ticket_id);
  crm_statement_bind_int64 (done, 3, crm_session_get_user_id (_crm_session (store)));

  return _crm_store_step_done (store, done, error) &&
         crm_session_append_history (_crm_session (store), "ticket", reply->ticket_id, "replied", NULL, error) &&
         (crm_session_get_user_id (_crm_session (store)) == 0 ||
          crm_ticket_store_mark_read (store, reply->ticket_id, crm_session_get_user_id (_crm_session (store)), error));
}

/**
 * crm_ticket_store_reply:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @body: the reply's text
 * @cc: (nullable) (array zero-terminated=1): more recipients, at most 30
 * @attachments: (nullable) (element-type CrmTicketAttachment): files,
 *   25 MB each at most
 * @due: when it goes: now plus the undo window, or a scheduled time
 * @error: return location for a #GError
 *
 * Replies to the client through the outbox (TK4, TK8): the reply is in
 * the conversation at once and can be cancelled while it waits
 * (crm_outbox_cancel()).
 *
 * Returns: the outbox row's id, or 0 with @error set
 */
gint64
crm_ticket_store_reply (CrmTicketStore            *self,
                        gint64               ticket_id,
                        const char          *body,
                        const char * const  *cc,
                        GPtrArray           *attachments,
                        gint64               due,
                        GError             **error)
{
  Reply reply = { ticket_id, body, cc, attachments, due, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  if (body == NULL || *body == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Write the reply first."));
      return 0;
    }
  if (!crm_session_run_in_transaction (_crm_session (self), reply_tx, &reply, error))
    return 0;

  _crm_store_emit_changed (self, "ticket", ticket_id);
  _crm_store_emit_changed (self, "message", 0);

  return reply.outbox_id;
}

typedef struct
{
  const char *subject;
  gint64      queue_id;
  const char *to;
  gint64      contact_id;
  const char *body;
  gint64      due;
  const char *source;      /* a request recorded on the client's behalf: how it came */
  gint64      ticket_id;   /* out */
  gint64      outbox_id;   /* out */
} NewTicket;

/* A client's request that came by phone, letter or in person, entered
 * by the user who took it: kept as the client's own message, in the
 * conversation and the client's history like mail from them (TK1,
 * TK9), with who entered it and how it came. */
static gsize gmime_ready;

static gboolean
store_entered_request (CrmTicketStore  *store,
                       gint64           ticket_id,
                       gint64           contact_id,
                       const char      *subject,
                       const char      *body,
                       const char      *source,
                       GError         **error)
{
  g_autoptr(CrmContact) contact = crm_contact_store_get (_crm_contact_store_of (store), contact_id, error);
  g_autoptr(CrmUser) user = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GMimeTextPart) part = NULL;
  g_autoptr(CrmStatement) insert = NULL;
  g_autoptr(GDateTime) now = crm_clock_now (crm_session_get_clock (_crm_session (store)));
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *message_id = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *reason = NULL;
  const char * const *emails;
  const char *address = NULL;
  gint64 id;

  if (contact == NULL)
    return FALSE;
  if (g_once_init_enter (&gmime_ready))
    {
      g_mime_init ();
      g_once_init_leave (&gmime_ready, 1);
    }
  emails = crm_contact_get_emails (contact);
  if (emails != NULL && emails[0] != NULL)
    address = emails[0];
  if (crm_session_get_user_id (_crm_session (store)) != 0)
    user = crm_user_store_get (_crm_user_store_of (store), crm_session_get_user_id (_crm_session (store)), NULL);

  /* a message of its own, never to be answered by mail threading */
  message_id = g_strdup_printf ("crm.entered.%" G_GINT64_FORMAT ".%s@crm.invalid", ticket_id, uuid);
  message = g_mime_message_new (TRUE);
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM, crm_contact_get_name (contact),
                              address != NULL ? address : "");
  g_mime_message_set_subject (message, subject, "utf-8");
  g_mime_message_set_message_id (message, message_id);
  g_mime_message_set_date (message, now);
  part = g_mime_text_part_new_with_subtype ("plain");
  g_mime_text_part_set_text (part, body);
  g_mime_message_set_mime_part (message, GMIME_OBJECT (part));
  raw = g_mime_object_to_string (GMIME_OBJECT (message), NULL);

  if (user != NULL)
    /* Translators: a client's request recorded by a user; the user's name, and how it came (phone, letter…) */
    reason = g_strdup_printf (_("Entered by %s (%s)"), crm_user_get_name (user), _crm_tickets_source_label (source));
  else
    /* Translators: a client's request recorded from the command line; how it came (phone, letter…) */
    reason = g_strdup_printf (_("Entered on the client’s behalf (%s)"), _crm_tickets_source_label (source));

  insert = _crm_store_prepare (store,
                               "INSERT INTO messages (account_id, direction, message_id, raw_hash, from_name, "
                               "from_address, to_addresses, subject, date, body_text, raw, created_at, author_id) "
                               "VALUES (NULL, 'in', ?1, '', ?2, ?3, '', ?4, ?5, ?6, ?7, ?5, "
                               "(SELECT id FROM users WHERE id = ?8))",
                               error);
  if (insert == NULL)
    return FALSE;
  crm_statement_bind_text (insert, 1, message_id);
  crm_statement_bind_text (insert, 2, crm_contact_get_name (contact));
  if (address != NULL)
    crm_statement_bind_text (insert, 3, address);
  crm_statement_bind_text (insert, 4, subject);
  crm_statement_bind_int64 (insert, 5, g_date_time_to_unix (now));
  crm_statement_bind_text (insert, 6, body);
  crm_statement_bind_blob (insert, 7, raw, strlen (raw));
  crm_statement_bind_int64 (insert, 8, crm_session_get_user_id (_crm_session (store)));
  if (!_crm_store_step_done (store, insert, error))
    return FALSE;
  id = _crm_store_last_insert_id (store);

  /* entered by the one who works it: not unread for them */
  return _crm_message_store_index (_crm_message_store_of (store), &id, 1, error) &&
         _crm_tickets_attach_message (store, id, ticket_id, reason, FALSE, error);
}

static gboolean
new_ticket_tx (CrmSession  *session,
               gpointer     user_data,
               GError     **error)
{
  CrmTicketStore *store = crm_ticket_store_from_session (session);
  NewTicket *new = user_data;
  g_autofree char *address = NULL;
  gint64 manager_id = 0;
  gint64 client_id = new->contact_id;

  if (new->to != NULL)
    {
      g_autofree char *display_name = NULL;

      /* "Name <address>": the new client is called as the user wrote */
      if (!(address = crm_normalize_mailbox (new->to, &display_name, error)))
        return FALSE;
      client_id = _crm_tickets_find_client (store, address, &manager_id);
      if (client_id == 0 && display_name != NULL &&
          !(client_id = _crm_contact_store_add_mailbox_contact (_crm_contact_store_of (store), display_name, address, &manager_id, error)))
        return FALSE;
    }
  else
    {
      g_autoptr(CrmContact) contact = crm_contact_store_get (_crm_contact_store_of (store), new->contact_id, error);

      if (contact == NULL)
        return FALSE;
      manager_id = crm_contact_get_manager_id (contact);
    }

  new->ticket_id = _crm_tickets_create_ticket (store, new->subject, new->to ? "email" : new->source, new->queue_id, 2, client_id,
                                  client_id ? NULL : address, manager_id ? manager_id : crm_session_get_user_id (_crm_session (store)),
                                  error);
  if (new->ticket_id == 0)
    return FALSE;

  if (new->to != NULL)
    {
      /* "to the client": saved and sent (TK1) */
      Reply reply = { new->ticket_id, new->body, NULL, NULL, new->due, 0 };

      if (!reply_tx (_crm_session (store), &reply, error))
        return FALSE;
      new->outbox_id = reply.outbox_id;
      return TRUE;
    }

  /* "on behalf of the client": saved only, the client's own words */
  return store_entered_request (store, new->ticket_id, client_id, new->subject, new->body, new->source, error);
}

static gint64 new_ticket (CrmTicketStore  *self,
                          NewTicket       *new_,
                          gint64          *outbox_id,
                          GError         **error);

/**
 * crm_ticket_store_create:
 * @self: a #CrmTicketStore
 * @subject: the subject (required, TK3)
 * @queue_id: the queue (required, TK3)
 * @to: (nullable): write to this address: the ticket is saved and sent;
 *   as "Name <address>" it makes an unknown address a contact of that name
 * @contact_id: else the client on whose behalf the ticket is saved
 * @body: the first mail's text, or the client's request
 * @due: when the mail goes (with @to)
 * @outbox_id: (out) (optional): the outbox row of the mail (with @to),
 *   for an Undo
 * @error: return location for a #GError
 *
 * Returns: the new ticket's id, or 0 with @error set
 */
gint64
crm_ticket_store_create (CrmTicketStore  *self,
                         const char      *subject,
                         gint64           queue_id,
                         const char      *to,
                         gint64           contact_id,
                         const char      *body,
                         gint64           due,
                         gint64          *outbox_id,
                         GError         **error)
{
  NewTicket new = { subject, queue_id, to, contact_id, body, due, "other", 0, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  return new_ticket (self, &new, outbox_id, error);
}

/**
 * crm_ticket_store_record_request:
 * @self: a #CrmTicketStore
 * @subject: the subject (required, TK3)
 * @queue_id: the queue (required, TK3)
 * @contact_id: the client who asked
 * @body: what the client asked, in the words the user took down
 * @source: how it came: one of crm_ticket_sources() but "email"
 * @error: return location for a #GError
 *
 * Records a request the client made by phone, letter or in person
 * (TK1): a new ticket whose first message is the client's own, saying
 * who entered it and how it came; nothing is sent.
 *
 * Returns: the new ticket's id, or 0 with @error set
 */
gint64
crm_ticket_store_record_request (CrmTicketStore  *self,
                                 const char      *subject,
                                 gint64           queue_id,
                                 gint64           contact_id,
                                 const char      *body,
                                 const char      *source,
                                 GError         **error)
{
  NewTicket new = { subject, queue_id, NULL, contact_id, body, 0, source, 0, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);
  g_return_val_if_fail (contact_id > 0, 0);

  if (source == NULL || g_str_equal (source, "email") ||
      !g_strv_contains (crm_ticket_sources (), source))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is what the user gave; the list of sources follows in the command's help */
                   _("“%s” is not a way a request comes in: use phone, sms, chat, web, letter or other."),
                   source ? source : "");
      return 0;
    }

  return new_ticket (self, &new, NULL, error);
}

typedef struct
{
  char   *subject;
  gint64  queue_id;
  char   *to;
  gint64  contact_id;
  char   *body;
  gint64  due;
  char   *source;      /* a request recorded: how it came */
  gint64  ticket_id;   /* out */
  gint64  outbox_id;   /* out */
} NewTicketJob;

static void
new_ticket_job_free (gpointer data)
{
  NewTicketJob *job = data;

  g_free (job->subject);
  g_free (job->to);
  g_free (job->body);
  g_free (job->source);
  g_free (job);
}

static gboolean
new_ticket_write (CrmSession    *writer,
                  gpointer       data,
                  gpointer      *result,
                  GCancellable  *cancellable,
                  GError       **error)
{
  CrmTicketStore *store = crm_ticket_store_from_session (writer);
  NewTicketJob *job = data;
  gint64 *made;

  if (job->source != NULL)
    job->ticket_id = crm_ticket_store_record_request (store, job->subject, job->queue_id, job->contact_id, job->body,
                                                      job->source, error);
  else
    job->ticket_id = crm_ticket_store_create (store, job->subject, job->queue_id, job->to, job->contact_id, job->body,
                                              job->due, &job->outbox_id, error);
  if (job->ticket_id == 0)
    return FALSE;

  made = g_new (gint64, 2);
  made[0] = job->ticket_id;
  made[1] = job->outbox_id;
  *result = made;

  return TRUE;
}

static void
new_ticket_async (CrmTicketStore      *self,
                  NewTicketJob        *job,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  crm_session_write_async (_crm_session (self), new_ticket_write, job, new_ticket_job_free, g_free, cancellable,
                           callback, user_data);
}

/**
 * crm_ticket_store_create_async:
 * @self: a #CrmTicketStore
 * @subject: as for crm_ticket_store_create()
 * @queue_id: as for crm_ticket_store_create()
 * @to: (nullable): as for crm_ticket_store_create()
 * @contact_id: as for crm_ticket_store_create()
 * @body: as for crm_ticket_store_create()
 * @due: as for crm_ticket_store_create()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when made, or not
 * @user_data: for @callback
 *
 * crm_ticket_store_create() on a writer of its own
 * (crm_session_write_async()): for the window.
 */
void
crm_ticket_store_create_async (CrmTicketStore      *self,
                               const char          *subject,
                               gint64               queue_id,
                               const char          *to,
                               gint64               contact_id,
                               const char          *body,
                               gint64               due,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  NewTicketJob *job;

  g_return_if_fail (CRM_IS_TICKET_STORE (self));

  job = g_new0 (NewTicketJob, 1);
  job->subject = g_strdup (subject);
  job->queue_id = queue_id;
  job->to = g_strdup (to);
  job->contact_id = contact_id;
  job->body = g_strdup (body);
  job->due = due;
  new_ticket_async (self, job, cancellable, callback, user_data);
}

/**
 * crm_ticket_store_record_request_async:
 * @self: a #CrmTicketStore
 * @subject: as for crm_ticket_store_record_request()
 * @queue_id: as for crm_ticket_store_record_request()
 * @contact_id: as for crm_ticket_store_record_request()
 * @body: as for crm_ticket_store_record_request()
 * @source: as for crm_ticket_store_record_request()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when made, or not
 * @user_data: for @callback
 *
 * crm_ticket_store_record_request() on a writer of its own
 * (crm_session_write_async()): for the window. Finish with
 * crm_ticket_store_create_finish().
 */
void
crm_ticket_store_record_request_async (CrmTicketStore      *self,
                                       const char          *subject,
                                       gint64               queue_id,
                                       gint64               contact_id,
                                       const char          *body,
                                       const char          *source,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  NewTicketJob *job;

  g_return_if_fail (CRM_IS_TICKET_STORE (self));

  job = g_new0 (NewTicketJob, 1);
  job->subject = g_strdup (subject);
  job->queue_id = queue_id;
  job->contact_id = contact_id;
  job->body = g_strdup (body);
  job->source = g_strdup (source != NULL ? source : "");
  new_ticket_async (self, job, cancellable, callback, user_data);
}

/**
 * crm_ticket_store_create_finish:
 * @self: a #CrmTicketStore
 * @result: the result given to the callback
 * @outbox_id: (out) (optional): the outbox row of the mail, for an Undo
 * @error: return location for a #GError
 *
 * Returns: the new ticket's id, or 0 with @error set
 */
gint64
crm_ticket_store_create_finish (CrmTicketStore  *self,
                                GAsyncResult    *result,
                                gint64          *outbox_id,
                                GError         **error)
{
  g_autofree gint64 *made = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  made = crm_session_write_finish (_crm_session (self), result, error);
  if (outbox_id != NULL)
    *outbox_id = made != NULL ? made[1] : 0;

  return made != NULL ? made[0] : 0;
}

static gint64
new_ticket (CrmTicketStore  *self,
            NewTicket       *new_,
            gint64          *outbox_id,
            GError         **error)
{
  NewTicket new = *new_;
  const char *subject = new.subject;
  const char *body = new.body;

  if (subject == NULL || *subject == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Enter a subject for the ticket."));
      return 0;
    }
  if (body == NULL || *body == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Write the ticket’s text first."));
      return 0;
    }
  if (!crm_session_run_in_transaction (_crm_session (self), new_ticket_tx, &new, error))
    return 0;

  _crm_store_emit_changed (self, "ticket", new.ticket_id);
  if (outbox_id != NULL)
    *outbox_id = new.outbox_id;

  return new.ticket_id;
}

/* TK13: who the client of a ticket is */

typedef struct
{
  gint64        ticket_id;
  gint64        contact_id;     /* in: an existing contact, or 0 for a new one */
  CrmContactKind kind;          /* for a new one */
  const char   *name;
  const char   *company;        /* a new person's company, by name, or NULL */
  gboolean      add_address;
  gboolean      all_from_address;
} SetClient;

static gboolean
set_client_tx (CrmSession  *session,
               gpointer     user_data,
               GError     **error)
{
  CrmTicketStore *store = crm_ticket_store_from_session (session);
  SetClient *set = user_data;
  g_autoptr(CrmTicket) ticket = crm_ticket_store_get (store, set->ticket_id, 0, error);
  g_autoptr(CrmContact) contact = NULL;
  g_autofree char *text = NULL;
  g_autofree char *address = NULL;
  g_autoptr(CrmStatement) stmt = NULL;

  if (ticket == NULL)
    return FALSE;
  address = g_strdup (crm_ticket_get_client_address (ticket));

  if (set->contact_id == 0)
    {
      const char *emails[] = { address, NULL };

      /* a new person, company, or person in a (new or known) company */
      contact = crm_contact_new (set->kind);
      crm_contact_set_name (contact, set->name);
      if (address != NULL)
        crm_contact_set_emails (contact, emails);
      crm_contact_set_manager_id (contact, crm_session_get_user_id (_crm_session (store)));
      if (!crm_contact_store_save_with_company (_crm_contact_store_of (store), contact, set->company, error))
        return FALSE;
    }
  else
    {
      if (!(contact = crm_contact_store_get (_crm_contact_store_of (store), set->contact_id, error)))
        return FALSE;
      if (set->add_address && address != NULL)
        {
          const char * const *old = crm_contact_get_emails (contact);
          g_autoptr(GStrvBuilder) emails = g_strv_builder_new ();
          g_auto(GStrv) all = NULL;

          if (old != NULL)
            g_strv_builder_addv (emails, (const char **) old);
          if (old == NULL || !g_strv_contains (old, address))
            g_strv_builder_add (emails, address);
          all = g_strv_builder_end (emails);
          crm_contact_set_emails (contact, (const char * const *) all);
          if (!crm_contact_store_save (_crm_contact_store_of (store), contact, error))
            return FALSE;
        }
    }

  stmt = _crm_store_prepare (store,
                             "UPDATE tickets SET client_id = ?1, client_address = NULL "
                             "WHERE id = ?2 OR (?3 AND client_address = ?4 AND client_id IS NULL)",
                             error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, crm_contact_get_id (contact));
  crm_statement_bind_int64 (stmt, 2, set->ticket_id);
  crm_statement_bind_int64 (stmt, 3, set->all_from_address);
  crm_statement_bind_text (stmt, 4, address);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;

  /* Translators: a system comment in a ticket; a contact's name */
  text = g_strdup_printf (_("The client is %s"), crm_contact_get_name (contact));
  set->contact_id = crm_contact_get_id (contact);

  return _crm_tickets_record_change (store, set->ticket_id, "client", text, error);
}

static gint64
set_client (CrmTicketStore  *self,
            SetClient       *set,
            GError         **error)
{
  if (!crm_session_run_in_transaction (_crm_session (self), set_client_tx, set, error))
    return 0;

  _crm_store_emit_changed (self, "contact", set->contact_id);
  _crm_store_emit_changed (self, "ticket", set->all_from_address ? 0 : set->ticket_id);

  return set->contact_id;
}

/**
 * crm_ticket_store_link_client:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @contact_id: the contact who is its client
 * @add_address: also give the contact the sender's address
 * @all_from_address: and make the contact the client of every other
 *   ticket from that address that has none
 * @error: return location for a #GError
 *
 * TK13: assigns an existing contact to a ticket of an unknown sender.
 *
 * Returns: %TRUE on success; a system comment says who did it
 */
gboolean
crm_ticket_store_link_client (CrmTicketStore  *self,
                              gint64           ticket_id,
                              gint64           contact_id,
                              gboolean         add_address,
                              gboolean         all_from_address,
                              GError         **error)
{
  SetClient set = { ticket_id, contact_id, CRM_CONTACT_PERSON, NULL, NULL, add_address, all_from_address };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);
  g_return_val_if_fail (contact_id > 0, FALSE);

  return set_client (self, &set, error) != 0;
}

/**
 * crm_ticket_store_add_client:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @kind: a person or a company
 * @name: the new contact's name
 * @company: (nullable): a person's company, by name: found, or made
 * @error: return location for a #GError
 *
 * TK13: makes the sender of a ticket a new contact (a person, a
 * company, or both), with the sender's address, managed by the user
 * who does it, and the client of every ticket from that address.
 *
 * Returns: the new contact's id, or 0 with @error set
 */
gint64
crm_ticket_store_add_client (CrmTicketStore  *self,
                             gint64           ticket_id,
                             CrmContactKind   kind,
                             const char      *name,
                             const char      *company,
                             GError         **error)
{
  SetClient set = { ticket_id, 0, kind, name, company, TRUE, TRUE };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  return set_client (self, &set, error);
}

/* A reply undone (Undo, Cancel Sending) leaves its ticket's
 * conversation, in the outbox's transaction: never a cancelled mail
 * left showing as the ticket's last reply. */
static gboolean
ticket_reply_hook (CrmSession  *session,
                   gint64       outbox_id,
                   const char  *outcome,
                   gpointer     user_data,
                   GError     **error)
{
  CrmTicketStore *store = crm_ticket_store_from_session (session);
  g_autoptr(CrmStatement) fts = NULL;
  g_autoptr(CrmStatement) drop = NULL;

  if (!g_str_equal (outcome, "cancelled"))
    return TRUE;

  fts = _crm_store_prepare (store, "DELETE FROM messages_fts WHERE rowid IN "
                            "(SELECT id FROM messages WHERE outbox_id = ? AND direction = 'out')", error);
  if (fts == NULL)
    return FALSE;
  crm_statement_bind_int64 (fts, 1, outbox_id);
  if (!_crm_store_step_done (store, fts, error))
    return FALSE;

  {
    g_autoptr(GArray) tickets = _crm_store_collect_ids (store, "SELECT DISTINCT ticket_id FROM messages "
                                                              "WHERE outbox_id = ? AND direction = 'out' "
                                                              "AND ticket_id IS NOT NULL", outbox_id, error);

    if (tickets == NULL)
      return FALSE;
    drop = _crm_store_prepare (store, "DELETE FROM messages WHERE outbox_id = ? AND direction = 'out'", error);
    if (drop == NULL)
      return FALSE;
    crm_statement_bind_int64 (drop, 1, outbox_id);
    if (!_crm_store_step_done (store, drop, error))
      return FALSE;
    /* a reply never sent waits for no answer */
    for (guint i = 0; i < tickets->len; i++)
      if (!_crm_tickets_update_awaiting (store, g_array_index (tickets, gint64, i), error))
        return FALSE;
  }

  return TRUE;
}

void
_crm_tickets_register_outbox_hook (void)
{
  crm_outbox_add_hook ("ticket-reply", ticket_reply_hook, NULL);
}
