/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-ticket-store-private.h"

/* Splitting a ticket (TK14): one message of a conversation that is a
 * matter of its own becomes a new ticket. The message is copied, with
 * its attachments, under a Message-ID of its own (the client's replies
 * to the original still find the original ticket, and the two are
 * never threaded together again); the new ticket keeps the original's
 * subject, queue, assignee, priority, category and client, and starts
 * New. A system comment in each names the other. Undo removes the new
 * ticket while nothing else happened in it. */

typedef struct
{
  gint64  message;
  gint64  from;     /* out: the original ticket */
  gint64  ticket;   /* out: the new ticket */
  gint64  step;     /* out */
} Split;

static gboolean
split_tx (CrmSession  *session,
          gpointer     user_data,
          GError     **error)
{
  CrmTicketStore *self = crm_ticket_store_from_session (session);
  Split *split = user_data;
  g_autoptr(CrmStatement) original = NULL;
  g_autoptr(CrmStatement) copy = NULL;
  g_autoptr(CrmStatement) attachments = NULL;
  g_autoptr(CrmStatement) category = NULL;
  g_autoptr(GVariantDict) state = g_variant_dict_new (NULL);
  g_autofree char *message_id = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *there = NULL;
  g_autofree char *here = NULL;
  gboolean row = FALSE;
  gint64 from, copied;

  if (!(original = _crm_store_prepare (self,
                                       "SELECT t.id, t.subject, t.source, t.queue_id, t.priority_id, "
                                       "coalesce (t.client_id, 0), t.client_address, coalesce (t.assignee_id, 0), "
                                       "coalesce (t.category_id, 0) FROM messages m JOIN tickets t ON t.id = m.ticket_id "
                                       "WHERE m.id = ?1",
                                       error)))
    return FALSE;
  crm_statement_bind_int64 (original, 1, split->message);
  if (!_crm_store_step_row (self, original, &row, error))
    return FALSE;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                   /* Translators: a stored message's number */
                   _("There is no message %lld in a ticket."), (long long) split->message);
      return FALSE;
    }
  from = split->from = crm_statement_get_int64 (original, 0);

  split->ticket = _crm_tickets_create_ticket (self, crm_statement_get_text (original, 1),
                                              crm_statement_get_text (original, 2),
                                              crm_statement_get_int64 (original, 3),
                                              crm_statement_get_int64 (original, 4),
                                              crm_statement_get_int64 (original, 5),
                                              crm_statement_get_text (original, 6),
                                              crm_statement_get_int64 (original, 7), error);
  if (split->ticket == 0)
    return FALSE;
  if (crm_statement_get_int64 (original, 8) != 0)
    {
      if (!(category = _crm_store_prepare (self, "UPDATE tickets SET category_id = ?1 WHERE id = ?2", error)))
        return FALSE;
      crm_statement_bind_int64 (category, 1, crm_statement_get_int64 (original, 8));
      crm_statement_bind_int64 (category, 2, split->ticket);
      if (!_crm_store_step_done (self, category, error))
        return FALSE;
    }

  /* the message and its files, under an id of their own */
  message_id = g_strdup_printf ("<split.%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT "@crm.invalid>", split->message,
                                split->ticket);
  if (!(copy = _crm_store_prepare (self,
                                   "INSERT INTO messages (account_id, direction, message_id, synthetic_id, raw_hash, "
                                   "in_reply_to, refs, from_name, from_address, to_addresses, cc_addresses, subject, "
                                   "date, body_text, auto_reply, raw, created_at, author_id, automatic, bulk, role) "
                                   "SELECT account_id, direction, ?1, 1, raw_hash, in_reply_to, refs, from_name, "
                                   "from_address, to_addresses, cc_addresses, subject, date, body_text, auto_reply, raw, "
                                   "created_at, author_id, automatic, bulk, role FROM messages WHERE id = ?2 RETURNING id",
                                   error)))
    return FALSE;
  crm_statement_bind_text (copy, 1, message_id);
  crm_statement_bind_int64 (copy, 2, split->message);
  if (crm_statement_step (copy) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  copied = crm_statement_get_int64 (copy, 0);
  crm_statement_reset (copy);
  if (!(attachments = _crm_store_prepare (self,
                                          "INSERT INTO attachments (message, name, mime_type, size, data) "
                                          "SELECT ?1, name, mime_type, size, data FROM attachments WHERE message = ?2 "
                                          "ORDER BY id",
                                          error)))
    return FALSE;
  crm_statement_bind_int64 (attachments, 1, copied);
  crm_statement_bind_int64 (attachments, 2, split->message);
  if (!_crm_store_step_done (self, attachments, error) ||
      !_crm_message_store_index (crm_message_store_from_session (session), &copied, 1, error))
    return FALSE;

  /* Translators: why a mail is in a ticket; the number of the ticket it was split from */
  reason = g_strdup_printf (_("Split from ticket #%lld"), (long long) from);
  if (!_crm_tickets_attach_message (self, copied, split->ticket, reason, FALSE, error))
    return FALSE;

  /* Translators: a system comment in a ticket; the new ticket's number */
  there = g_strdup_printf (_("A message of this ticket was split into ticket #%lld"), (long long) split->ticket);
  /* Translators: a system comment in a new ticket; the number of the ticket it was split from */
  here = g_strdup_printf (_("Split from ticket #%lld"), (long long) from);
  if (!_crm_tickets_record_change (self, from, "split", there, error) ||
      !_crm_tickets_record_change (self, split->ticket, "split", here, error))
    return FALSE;

  g_variant_dict_insert (state, "from", "x", from);
  g_variant_dict_insert (state, "message", "x", copied);
  split->step = _crm_tickets_journal (self, "split", split->ticket, g_variant_dict_end (state), error);

  return split->step != 0;
}

/**
 * crm_ticket_store_split:
 * @self: a #CrmTicketStore
 * @message_id: a stored message of a ticket
 * @ticket_id: (out) (optional): the new ticket
 * @error: return location for a #GError
 *
 * A new ticket from one message (TK14): the message and its
 * attachments copied into it; subject, queue, assignee, priority,
 * category and client as the original's; status New. A system comment
 * in each names the other. Can be undone (crm_ticket_store_undo()).
 *
 * Returns: the undo step, or 0 with @error set
 */
gint64
crm_ticket_store_split (CrmTicketStore  *self,
                        gint64           message_id,
                        gint64          *ticket_id,
                        GError         **error)
{
  Split split = { message_id, 0, 0, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  if (!crm_session_run_in_transaction (_crm_session (self), split_tx, &split, error))
    return 0;

  _crm_store_emit_changed (self, "ticket", split.from);
  _crm_store_emit_changed (self, "ticket", split.ticket);
  if (ticket_id != NULL)
    *ticket_id = split.ticket;

  return split.step;
}

/* Removes the ticket a split made, with the message it copied, while
 * nothing else happened in it (mail, a reply, a colleague's comment). */
char *
_crm_tickets_undo_split (CrmTicketStore  *self,
                         gint64           step,
                         gint64           ticket_id,
                         GVariantDict    *state,
                         GError         **error)
{
  g_autoptr(CrmStatement) others = NULL;
  g_autoptr(CrmStatement) fts = NULL;
  g_autoptr(CrmStatement) message = NULL;
  g_autoptr(CrmStatement) ticket = NULL;
  g_autofree char *back = NULL;
  gboolean row = FALSE;
  gint64 from = 0, copied = 0;

  g_variant_dict_lookup (state, "from", "x", &from);
  g_variant_dict_lookup (state, "message", "x", &copied);

  if (!(others = _crm_store_prepare (self,
                                     "SELECT 1 FROM messages WHERE ticket_id = ?1 AND id <> ?2 UNION ALL "
                                     "SELECT 1 FROM ticket_comments WHERE ticket_id = ?1 AND kind = 'comment'",
                                     error)))
    return NULL;
  crm_statement_bind_int64 (others, 1, ticket_id);
  crm_statement_bind_int64 (others, 2, copied);
  if (!_crm_store_step_row (self, others, &row, error))
    return NULL;
  if (row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   /* Translators: a ticket's number */
                   _("Ticket #%lld has mail or comments of its own since, so the split cannot be undone."),
                   (long long) ticket_id);
      return NULL;
    }

  if (!(fts = _crm_store_prepare (self, "DELETE FROM messages_fts WHERE rowid = ?1", error)) ||
      !(message = _crm_store_prepare (self, "DELETE FROM messages WHERE id = ?1 AND ticket_id = ?2", error)))
    return NULL;
  crm_statement_bind_int64 (fts, 1, copied);
  crm_statement_bind_int64 (message, 1, copied);
  crm_statement_bind_int64 (message, 2, ticket_id);
  if (!_crm_store_step_done (self, fts, error) || !_crm_store_step_done (self, message, error))
    return NULL;

  /* tickets are deleted by administrators only; on the team's server a
   * function checks that this is the user's own split, not undone yet
   * (migrations-pg/0030) */
  if (!(ticket = _crm_store_prepare (self,
                                     crm_database_get_dialect (_crm_store_db (self)) == CRM_DIALECT_POSTGRESQL
                                     ? "SELECT crm_undo_split (?1)" : "DELETE FROM tickets WHERE id = ?1",
                                     error)))
    return NULL;
  crm_statement_bind_int64 (ticket, 1, crm_database_get_dialect (_crm_store_db (self)) == CRM_DIALECT_POSTGRESQL
                                       ? step : ticket_id);
  if (crm_statement_step (ticket) == CRM_STEP_ERROR)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  /* Translators: a system comment in a ticket; the number of the ticket its split made */
  back = g_strdup_printf (_("Split undone: ticket #%lld was removed"), (long long) ticket_id);
  if (!_crm_tickets_record_change (self, from, "undone", back, error))
    return NULL;

  return g_steal_pointer (&back);
}
