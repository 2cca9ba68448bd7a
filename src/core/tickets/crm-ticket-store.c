/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tickets"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-normalize.h"
#include "crm-ticket-private.h"
#include "crm-ticket-store-private.h"

struct _CrmTicketStore
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmTicketStore, crm_ticket_store, CRM_TYPE_STORE)

static void
crm_ticket_store_class_init (CrmTicketStoreClass *klass)
{
  /* what becomes of the mail this module queues (crm_outbox_add_hook ()) */
  _crm_tickets_register_outbox_hook ();
}

static void
crm_ticket_store_init (CrmTicketStore *self)
{
}

/**
 * crm_ticket_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the store of this module working in @session
 */
CrmTicketStore *
crm_ticket_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_TICKET_STORE);
}

/*
 * Tickets (TK) and requests (RQ): one model for both.
 *
 * Incoming mail is put into a ticket in the import's own transaction
 * (_crm_ticket_store_route_message()), by the first of these that holds, and
 * the reason is kept on the message:
 *
 *  1. In-Reply-To or References name a message of a ticket (ours carry
 *     Message-IDs we generate; the client's are stored as they came),
 *     or a Message-ID that mail of a ticket names too, held or not (as
 *     mail readers thread, JWZ: replies to a missing parent meet), or
 *     mail of a ticket names this one (it came late); a delivery
 *     report goes by the Message-ID of the mail it reports on, and the
 *     ticket gets a comment on who the mail did not reach;
 *  2. the subject carries a ticket token "[#N]", and the sender is the
 *     ticket's client or took part in it (anyone else's token is not
 *     trusted: it would let a stranger into a conversation);
 *  3. the body quotes the reference line we put under our replies,
 *     with its check code (mail programs that drop headers keep it);
 *  4. else a new ticket, unless the mail is an automatic reply or a
 *     delivery report (RFC 3834): those never open tickets, so two
 *     robots cannot loop, and are listed with the reason instead
 *     (crm_ticket_store_list_automatic_mail()), to be opened by hand.
 *     List and bulk mail (Precedence, List-Id) opens tickets; it is
 *     only never answered automatically (messages.bulk).
 *
 * A mail to a closed ticket opens a new ticket (RQ11), or reopens it
 * when its queue says so; a robot's mail joins it as it is. A mail that
 * names the conversations of several open tickets makes them one, as a
 * mail reader's threads grow together: the tickets nobody has touched
 * yet give their mail to the other and are closed with a note. A new
 * ticket takes its queue, priority and tag from the first rule that matches (TK17), else the default queue;
 * the ticket of a known client goes to the client's manager (RQ2).
 */

/* Tickets */

static char *
ticket_column_dup (CrmStatement *stmt,
                   int           column)
{
  return g_strdup (crm_statement_get_text (stmt, column));
}

/* The columns of CRM_TICKET_COLUMNS, in their order. */
CrmTicket *
_crm_ticket_new_from_row (CrmStatement *stmt)
{
  CrmTicket *self = g_object_new (CRM_TYPE_TICKET, NULL);
  const char *tags = crm_statement_get_text (stmt, 18);

  self->id = crm_statement_get_int64 (stmt, 0);
  self->subject = ticket_column_dup (stmt, 1);
  self->status = ticket_column_dup (stmt, 2);
  self->status_kind = ticket_column_dup (stmt, 3);
  self->queue = ticket_column_dup (stmt, 4);
  self->priority = ticket_column_dup (stmt, 5);
  self->category = ticket_column_dup (stmt, 6);
  self->source = ticket_column_dup (stmt, 7);
  self->assignee_id = crm_statement_get_int64 (stmt, 8);
  self->assignee = ticket_column_dup (stmt, 9);
  self->client_id = crm_statement_get_int64 (stmt, 10);
  self->client_name = ticket_column_dup (stmt, 11);
  self->client_address = ticket_column_dup (stmt, 12);
  self->created = crm_statement_get_int64 (stmt, 13);
  self->updated = crm_statement_get_int64 (stmt, 14);
  self->response_due = crm_statement_get_int64 (stmt, 15);
  self->resolution_due = crm_statement_get_int64 (stmt, 16);
  self->unread = crm_statement_get_int (stmt, 17) != 0;
  self->tags = tags != NULL && *tags != '\0' ? g_strsplit (tags, "\x1f", -1) : g_new0 (char *, 1);
  self->client_manager = ticket_column_dup (stmt, 19);
  self->sender_name = ticket_column_dup (stmt, 20);
  self->outcome = ticket_column_dup (stmt, 21);
  self->close_reason = ticket_column_dup (stmt, 22);
  self->merged_into = crm_statement_get_int64 (stmt, 23);
  self->awaiting_since = crm_statement_get_int64 (stmt, 24);

  return self;
}

/**
 * crm_ticket_store_get:
 * @self: a #CrmTicketStore
 * @id: the ticket
 * @reader: the user whose read state counts, or 0 for the assignee's
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the ticket, or %NULL with @error set
 */
CrmTicket *
crm_ticket_store_get (CrmTicketStore  *self,
                      gint64           id,
                      gint64           reader,
                      GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT " CRM_TICKET_COLUMNS " FROM tickets t " CRM_TICKET_JOINS "WHERE t.id = ?2",
                             error);
  if (stmt == NULL)
    return NULL;
  if (reader != 0)
    crm_statement_bind_int64 (stmt, 1, reader);
  crm_statement_bind_int64 (stmt, 2, id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no ticket #%lld."), (long long) id);
      return NULL;
    }

  return _crm_ticket_new_from_row (stmt);
}

static gpointer
ticket_from_row (CrmStatement *stmt)
{
  return _crm_ticket_new_from_row (stmt);
}

/* The filters other than the search, as SQL over "tickets t"; bound
 * by _crm_tickets_bind_filters(). */
void
_crm_tickets_append_filters (GString               *sql,
                             const CrmTicketFilter *filter)
{
  if (filter->queue_id != 0)
    g_string_append (sql, " AND t.queue_id = ?2");
  /* statuses as a set of ids, asked once, not joined to every ticket:
   * the list's index holds each ticket's status (0024) */
  if (filter->status != NULL)
    g_string_append (sql, " AND t.status_id IN (SELECT id FROM statuses WHERE name = ?3 OR kind = lower (?3))");
  else if (filter->open_only)
    g_string_append (sql, " AND t.status_id NOT IN (SELECT id FROM statuses WHERE kind = 'closed')");
  /* a saved filter's "Mine", where nobody looks: each ticket's assignee */
  if (filter->assignee_id == CRM_USER_ME || filter->involved_id == CRM_USER_ME)
    g_string_append (sql, " AND t.assignee_id IS NOT NULL");
  if (filter->assignee_id > 0)
    g_string_append (sql, " AND t.assignee_id = ?4");
  else if (filter->assignee_id == -1)
    g_string_append (sql, " AND t.assignee_id IS NULL");
  if (filter->unread_only)
    g_string_append (sql, " AND NOT EXISTS (SELECT 1 FROM ticket_reads r WHERE r.ticket_id = t.id "
                          "AND r.user_id = coalesce (?1, t.assignee_id))");
  if (filter->tag != NULL)
    g_string_append (sql, " AND t.id IN (SELECT tt.ticket_id FROM ticket_tags tt "
                          "JOIN tags g ON g.id = tt.tag_id WHERE g.name = ?8)");
  if (filter->source != NULL)
    g_string_append (sql, " AND t.source = ?9");
  if (filter->follower_id == CRM_USER_ME)
    g_string_append (sql, " AND t.id IN (SELECT f.ticket_id FROM ticket_followers f WHERE f.user_id = t.assignee_id)");
  else if (filter->follower_id != 0)
    g_string_append (sql, " AND t.id IN (SELECT f.ticket_id FROM ticket_followers f WHERE f.user_id = ?10)");
  if (filter->involved_id > 0)
    g_string_append (sql, " AND (t.assignee_id = ?11 OR "
                          "t.id IN (SELECT f.ticket_id FROM ticket_followers f WHERE f.user_id = ?11))");
}

void
_crm_tickets_bind_filters (CrmStatement          *stmt,
                           const CrmTicketFilter *filter)
{
  if (filter->queue_id != 0)
    crm_statement_bind_int64 (stmt, 2, filter->queue_id);
  if (filter->status != NULL)
    crm_statement_bind_text (stmt, 3, filter->status);
  if (filter->assignee_id > 0)
    crm_statement_bind_int64 (stmt, 4, filter->assignee_id);
  if (filter->reader != 0)
    crm_statement_bind_int64 (stmt, 1, filter->reader);
  if (filter->tag != NULL)
    crm_statement_bind_text (stmt, 8, filter->tag);
  if (filter->source != NULL)
    crm_statement_bind_text (stmt, 9, filter->source);
  if (filter->follower_id > 0)
    crm_statement_bind_int64 (stmt, 10, filter->follower_id);
  if (filter->involved_id > 0)
    crm_statement_bind_int64 (stmt, 11, filter->involved_id);
}

/* The statement of a ticket list, or of its count, without a search;
 * built from fixed pieces: a few dozen shapes at most, each prepared
 * once and kept (an interned string is the cache's key). */
static CrmStatement *
prepare_ticket_query (CrmTicketStore         *self,
                      const CrmTicketFilter  *filter,
                      gboolean                count,
                      GError                **error)
{
  g_autoptr(GString) sql = g_string_new (count ? "SELECT count (*) FROM tickets t WHERE TRUE"
                                               : "SELECT " CRM_TICKET_COLUMNS " FROM tickets t " CRM_TICKET_JOINS
                                                 "WHERE TRUE");
  CrmStatement *stmt;

  _crm_tickets_append_filters (sql, filter);
  if (!count)
    {
      g_string_append (sql, filter->oldest_first ? " ORDER BY t.created_at, t.id"
                                                 : " ORDER BY t.last_message_at DESC, t.id DESC");
      g_string_append (sql, " LIMIT ?6 OFFSET ?7");
    }

  stmt = _crm_store_prepare (self, g_intern_string (sql->str), error);
  if (stmt == NULL)
    return NULL;
  _crm_tickets_bind_filters (stmt, filter);
  if (!count)
    {
      crm_statement_bind_int64 (stmt, 6, filter->limit > 0 ? (gint64) filter->limit : G_MAXINT64);
      crm_statement_bind_int64 (stmt, 7, filter->offset);
    }

  return stmt;
}

#define SEARCH_CAP 1000

/**
 * crm_ticket_store_list:
 * @self: a #CrmTicketStore
 * @filter: (nullable): what to show; %NULL for every ticket
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the #CrmTicket list, newest activity first
 *   unless @filter says oldest first (RQ5); with a search, the tickets
 *   of the newest matching mail first
 */
GListModel *
crm_ticket_store_list (CrmTicketStore         *self,
                       const CrmTicketFilter  *filter,
                       GError                **error)
{
  CrmTicketFilter none = { 0 };
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *match = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GListStore) tickets = NULL;
  guint end;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  if (filter == NULL)
    filter = &none;

  if (filter->search == NULL || (match = crm_normalize_search_text (filter->search)) == NULL)
    {
      stmt = prepare_ticket_query (self, filter, FALSE, error);
      if (stmt == NULL)
        return NULL;
      return _crm_store_collect (self, stmt, CRM_TYPE_TICKET, ticket_from_row, error);
    }

  ids = _crm_tickets_search_ticket_ids (self, filter, filter->limit > 0 ? filter->offset + filter->limit : 0, error);
  if (ids == NULL)
    return NULL;

  tickets = g_list_store_new (CRM_TYPE_TICKET);
  end = filter->limit > 0 ? MIN (ids->len, filter->offset + filter->limit) : ids->len;
  for (guint i = filter->offset; i < end; i++)
    {
      g_autoptr(CrmTicket) ticket = crm_ticket_store_get (self, g_array_index (ids, gint64, i), filter->reader, error);

      if (ticket == NULL)
        return NULL;
      g_list_store_append (tickets, ticket);
    }

  return G_LIST_MODEL (g_steal_pointer (&tickets));
}

/**
 * crm_ticket_store_count:
 * @self: a #CrmTicketStore
 * @filter: (nullable): which tickets; %NULL for all
 * @error: return location for a #GError
 *
 * Returns: how many tickets @filter lets through (0 with @error set on
 *   a fault); with a search, at most the 1,000 of the newest matching
 *   mail
 */
guint
crm_ticket_store_count (CrmTicketStore         *self,
                        const CrmTicketFilter  *filter,
                        GError                **error)
{
  CrmTicketFilter none = { 0 };
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *match = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  if (filter == NULL)
    filter = &none;

  if (filter->search != NULL && (match = crm_normalize_search_text (filter->search)) != NULL)
    {
      g_autoptr(GArray) ids = _crm_tickets_search_ticket_ids (self, filter, SEARCH_CAP, error);

      return ids != NULL ? ids->len : 0;
    }

  stmt = prepare_ticket_query (self, filter, TRUE, error);
  if (stmt == NULL)
    return 0;
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return 0;
    }

  return (guint) crm_statement_get_int64 (stmt, 0);
}

/**
 * crm_ticket_store_list_ids:
 * @self: a #CrmTicketStore
 * @filter: (nullable): which tickets, in which order, and at most how
 *   many (0: all; the offset does not count)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The ids of every ticket @filter lets through, in the order
 * crm_ticket_store_list() gives them; with a search, at most those of
 * the 1,000 newest matching mails. For lists that read the rows
 * themselves when they are shown.
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL
 *   with @error set
 */
GArray *
crm_ticket_store_list_ids (CrmTicketStore         *self,
                           const CrmTicketFilter  *filter,
                           GCancellable           *cancellable,
                           GError                **error)
{
  CrmTicketFilter none = { 0 };
  g_autoptr(GString) sql = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *match = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  if (filter == NULL)
    filter = &none;

  if (filter->search != NULL && (match = crm_normalize_search_text (filter->search)) != NULL)
    ids = _crm_tickets_search_ticket_ids (self, filter, filter->limit > 0 ? MIN (filter->limit, SEARCH_CAP) : SEARCH_CAP,
                                          error);
  else
    {
      sql = g_string_new ("SELECT t.id FROM tickets t WHERE TRUE");
      _crm_tickets_append_filters (sql, filter);
      g_string_append (sql, filter->oldest_first ? " ORDER BY t.created_at, t.id"
                                                 : " ORDER BY t.last_message_at DESC, t.id DESC");
      if (filter->limit > 0)
        g_string_append (sql, " LIMIT ?6");
      stmt = _crm_store_prepare (self, g_intern_string (sql->str), error);
      if (stmt == NULL)
        return NULL;
      _crm_tickets_bind_filters (stmt, filter);
      if (filter->limit > 0)
        crm_statement_bind_int64 (stmt, 6, filter->limit);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!_crm_store_step_ids (self, stmt, ids, error))
        g_clear_pointer (&ids, g_array_unref);
    }

  /* an interrupted statement has set @error already */
  if (ids == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * crm_ticket_store_locate:
 * @self: a #CrmTicketStore
 * @filter: a list's filter, without a search
 * @id: a ticket
 * @position: (out): how many tickets come before it in the list
 *   @filter gives, or -1 when @filter does not let it through
 * @error: return location for a #GError
 *
 * Where a ticket that changed stands now in a list, without reading
 * the list: for a list of tens of thousands on the team's server, one
 * count on the list's index instead of every id.
 *
 * Returns: %TRUE when located; %FALSE with %G_IO_ERROR_NOT_SUPPORTED
 *   for a search (its order is its hits'), or another error
 */
gboolean
crm_ticket_store_locate (CrmTicketStore         *self,
                         const CrmTicketFilter  *filter,
                         gint64                  id,
                         gint64                 *position,
                         GError                **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  if (filter->search != NULL && *filter->search != '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "a search's order is its hits'");
      return FALSE;
    }

  _crm_tickets_append_filters (where, filter);
  /* those before it in the list's order (as crm_ticket_store_list_ids ()
   * orders it), on the list's index */
  sql = g_string_new ("SELECT CASE WHEN EXISTS (SELECT 1 FROM tickets t WHERE t.id = ?15");
  g_string_append (sql, where->str);
  g_string_append (sql, ") THEN (SELECT count (*) FROM tickets t JOIN tickets x ON x.id = ?15 WHERE TRUE");
  g_string_append (sql, where->str);
  /* row values: a range of the index, read from its start */
  g_string_append (sql, filter->oldest_first ? " AND (t.created_at, t.id) < (x.created_at, x.id)"
                                             : " AND (t.last_message_at, t.id) > (x.last_message_at, x.id)");
  g_string_append (sql, ") ELSE -1 END");
  stmt = _crm_store_prepare (self, g_intern_string (sql->str), error);
  if (stmt == NULL)
    return FALSE;
  _crm_tickets_bind_filters (stmt, filter);
  crm_statement_bind_int64 (stmt, 15, id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  *position = crm_statement_get_int64 (stmt, 0);

  return TRUE;
}

/**
 * crm_ticket_store_get_many:
 * @self: a #CrmTicketStore
 * @ids: (array length=n_ids): tickets
 * @n_ids: how many
 * @reader: the user whose read state counts, or 0 for the assignee's
 * @error: return location for a #GError
 *
 * Reads the tickets of @ids in one query; those that are gone are left
 * out, and the order is the database's.
 *
 * Returns: (transfer full) (element-type CrmTicket): the tickets, or
 *   %NULL with @error set
 */
GPtrArray *
crm_ticket_store_get_many (CrmTicketStore  *self,
                           const gint64    *ids,
                           guint            n_ids,
                           gint64           reader,
                           GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT " CRM_TICKET_COLUMNS " FROM tickets t " CRM_TICKET_JOINS
                             "WHERE t.id IN (SELECT value FROM json_each (?2))",
                             error);
  if (stmt == NULL)
    return NULL;
  json = _crm_store_ids_json (ids, n_ids);
  if (reader != 0)
    crm_statement_bind_int64 (stmt, 1, reader);
  crm_statement_bind_text (stmt, 2, json);

  return _crm_store_collect_objects (self, stmt, ticket_from_row, error);
}

/**
 * crm_ticket_store_list_client_tickets:
 * @self: a #CrmTicketStore
 * @ticket_id: a ticket
 * @limit: at most this many
 * @error: return location for a #GError
 *
 * The client's other tickets, for the side of the ticket card (TK7):
 * those of the same contact, or of the same address while the sender is
 * no contact, newest activity first. Tickets of comments only are not
 * the client's history and are left out (TK9).
 *
 * Returns: (transfer full): a list of #CrmTicket
 */
GListModel *
crm_ticket_store_list_client_tickets (CrmTicketStore  *self,
                                      gint64           ticket_id,
                                      guint            limit,
                                      GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT " CRM_TICKET_COLUMNS " FROM tickets t " CRM_TICKET_JOINS
                             "JOIN tickets o ON o.id = ?2 WHERE t.id <> o.id AND t.has_mail = 1 AND "
                             "((o.client_id IS NOT NULL AND t.client_id = o.client_id) OR "
                             "(o.client_id IS NULL AND t.client_address = o.client_address)) "
                             "ORDER BY t.last_message_at DESC, t.id DESC LIMIT ?3",
                             error);
  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 2, ticket_id);
  crm_statement_bind_int64 (stmt, 3, limit);

  return _crm_store_collect (self, stmt, CRM_TYPE_TICKET, ticket_from_row, error);
}

/**
 * crm_ticket_store_list_contact_tickets:
 * @self: a #CrmTicketStore
 * @contact_id: a contact
 * @limit: at most this many
 * @error: return location for a #GError
 *
 * The contact's tickets for their history, newest activity first;
 * tickets of comments only are left out (TK9).
 *
 * Returns: (transfer full): a list of #CrmTicket
 */
GListModel *
crm_ticket_store_list_contact_tickets (CrmTicketStore  *self,
                                       gint64           contact_id,
                                       guint            limit,
                                       GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT " CRM_TICKET_COLUMNS " FROM tickets t " CRM_TICKET_JOINS
                             "WHERE t.client_id = ?2 AND t.has_mail = 1 "
                             "ORDER BY t.last_message_at DESC, t.id DESC LIMIT ?3",
                             error);
  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 2, contact_id);
  crm_statement_bind_int64 (stmt, 3, limit);

  return _crm_store_collect (self, stmt, CRM_TYPE_TICKET, ticket_from_row, error);
}

/**
 * crm_ticket_store_list_messages:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the ids of the
 *   ticket's mail, oldest first
 */
GArray *
crm_ticket_store_list_messages (CrmTicketStore  *self,
                                gint64           ticket_id,
                                GError         **error)
{
  return _crm_store_collect_ids (self, "SELECT id FROM messages WHERE ticket_id = ? ORDER BY id", ticket_id, error);
}

/* Comments: internal ones, and the system's (who did what) */

static gboolean
add_comment (CrmTicketStore  *self,
             gint64           ticket_id,
             const char      *kind,
             const char      *body,
             GError         **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self,
                        "INSERT INTO ticket_comments (ticket_id, kind, author_id, body, created_at) "
                        "VALUES (?, ?, (SELECT id FROM users WHERE id = ?), ?, ?)",
                        error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  crm_statement_bind_text (stmt, 2, kind);
  crm_statement_bind_int64 (stmt, 3, crm_session_get_user_id (_crm_session (self)));
  crm_statement_bind_text (stmt, 4, body);
  crm_statement_bind_int64 (stmt, 5, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));

  return _crm_store_step_done (self, stmt, error);
}

/* A change: a system comment, an audit row, the ticket touched. */
gboolean
_crm_tickets_record_change (CrmTicketStore  *self,
                            gint64           ticket_id,
                            const char      *action,
                            const char      *text,
                            GError         **error)
{
  g_autoptr(CrmStatement) touch =
    _crm_store_prepare (self, "UPDATE tickets SET updated_at = ? WHERE id = ?", error);

  if (touch == NULL)
    return FALSE;
  crm_statement_bind_int64 (touch, 1, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));
  crm_statement_bind_int64 (touch, 2, ticket_id);

  return _crm_store_step_done (self, touch, error) &&
         add_comment (self, ticket_id, "system", text, error) &&
         crm_session_append_history (_crm_session (self), "ticket", ticket_id, action, text, error);
}

typedef struct
{
  gint64      ticket_id;
  const char *body;
} Comment;

static gboolean
comment_tx (CrmSession  *session,
            gpointer     user_data,
            GError     **error)
{
  CrmTicketStore *self = crm_ticket_store_from_session (session);
  Comment *comment = user_data;
  g_autoptr(CrmTicket) ticket = crm_ticket_store_get (self, comment->ticket_id, 0, error);

  return ticket != NULL &&
         add_comment (self, comment->ticket_id, "comment", comment->body, error) &&
         crm_session_append_history (_crm_session (self), "ticket", comment->ticket_id, "commented", NULL, error);
}

/**
 * crm_ticket_store_comment:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @body: the comment; users see it, the client never does (TK12)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_ticket_store_comment (CrmTicketStore  *self,
                          gint64           ticket_id,
                          const char      *body,
                          GError         **error)
{
  Comment comment = { ticket_id, body };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);

  if (body == NULL || strspn (body, " \t\r\n") == strlen (body))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Write the comment first."));
      return FALSE;
    }
  if (!crm_session_run_in_transaction (_crm_session (self), comment_tx, &comment, error))
    return FALSE;

  _crm_store_emit_changed (self, "ticket", ticket_id);

  return TRUE;
}

/**
 * crm_ticket_store_list_comments:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmTicketComment): the
 *   ticket's comments and system comments, oldest first
 */
GPtrArray *
crm_ticket_store_list_comments (CrmTicketStore  *self,
                                gint64           ticket_id,
                                GError         **error)
{
  g_autoptr(GPtrArray) comments = g_ptr_array_new_with_free_func (crm_ticket_comment_free);
  g_autoptr(CrmStatement) stmt = NULL;
  int rc;

  stmt = _crm_store_prepare (self,
                             "SELECT c.id, c.kind, u.name, c.body, c.created_at FROM ticket_comments c "
                             "LEFT JOIN users u ON u.id = c.author_id WHERE c.ticket_id = ? ORDER BY c.id",
                             error);
  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmTicketComment *comment = g_new0 (CrmTicketComment, 1);

      comment->id = crm_statement_get_int64 (stmt, 0);
      comment->internal = g_str_equal (crm_statement_get_text (stmt, 1), "comment");
      comment->author = g_strdup (crm_statement_get_text (stmt, 2));
      comment->body = g_strdup (crm_statement_get_text (stmt, 3));
      comment->created = crm_statement_get_int64 (stmt, 4);
      g_ptr_array_add (comments, comment);
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&comments);
}

/**
 * crm_ticket_attachment_free:
 * @attachment: (transfer full): a #CrmTicketAttachment
 */
void
crm_ticket_attachment_free (gpointer data)
{
  CrmTicketAttachment *attachment = data;

  g_free (attachment->name);
  g_free (attachment->mime_type);
  g_clear_pointer (&attachment->data, g_bytes_unref);
  g_free (attachment);
}

void
crm_ticket_comment_free (gpointer data)
{
  CrmTicketComment *comment = data;

  g_free (comment->author);
  g_free (comment->body);
  g_free (comment);
}

/* Changing a ticket */

typedef struct
{
  gint64      ticket_id;
  gint64      assignee_id;
  const char *status;
  const char *queue;
  const char *priority;
  const char *category;
  const char *tag;
  const char *untag;
  const char *source;
  gint64      follower_id;
  gboolean    unfollow;
  gint64      step;         /* out: the undo step of an assignment or a move */
} Change;

static const char * const sources[] = { "email", "phone", "sms", "chat", "web", "letter", "other", NULL };

/* A filter that owns its strings: for lists and reads that keep one
 * after the caller's is gone. */
void
_crm_ticket_filter_copy (CrmTicketFilter       *to,
                         const CrmTicketFilter *from)
{
  *to = *from;
  to->status = g_strdup (from->status);
  to->search = g_strdup (from->search);
  to->tag = g_strdup (from->tag);
  to->source = g_strdup (from->source);
}

void
_crm_ticket_filter_clear (CrmTicketFilter *filter)
{
  g_free ((char *) filter->status);
  g_free ((char *) filter->search);
  g_free ((char *) filter->tag);
  g_free ((char *) filter->source);
  memset (filter, 0, sizeof *filter);
}

CrmTicketFilter *
_crm_ticket_filter_dup (const CrmTicketFilter *filter)
{
  CrmTicketFilter *copy = g_new0 (CrmTicketFilter, 1);

  _crm_ticket_filter_copy (copy, filter);

  return copy;
}

void
_crm_ticket_filter_free (gpointer filter)
{
  _crm_ticket_filter_clear (filter);
  g_free (filter);
}

/**
 * crm_ticket_sources:
 *
 * Returns: (transfer none): the ways a ticket comes in (TK2), in the
 *   order the window lists them; "other" is in person and the rest
 */
const char * const *
crm_ticket_sources (void)
{
  return sources;
}

/* Translators: how a ticket came in (TK): as shown in its history */
const char *
_crm_tickets_source_label (const char *source)
{
  if (g_str_equal (source, "email"))
    return _("e-mail");
  if (g_str_equal (source, "phone"))
    return _("phone");
  if (g_str_equal (source, "sms"))
    return _("SMS");
  if (g_str_equal (source, "chat"))
    return _("chat");
  if (g_str_equal (source, "web"))
    return _("web");
  if (g_str_equal (source, "letter"))
    return _("letter");
  return _("in person or other");
}

gboolean
_crm_tickets_update_column (CrmTicketStore  *self,
                            const char      *sql,
                            gint64           ticket_id,
                            gint64           value,
                            GError         **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (value != 0)
    crm_statement_bind_int64 (stmt, 1, value);
  crm_statement_bind_int64 (stmt, 2, ticket_id);

  return _crm_store_step_done (self, stmt, error);
}

static gboolean
change_tx (CrmSession  *session,
           gpointer     user_data,
           GError     **error)
{
  CrmTicketStore *self = crm_ticket_store_from_session (session);
  Change *change = user_data;
  g_autoptr(CrmTicket) ticket = crm_ticket_store_get (self, change->ticket_id, 0, error);
  gint64 id;

  if (ticket == NULL)
    return FALSE;

  if (change->assignee_id != 0)
    {
      g_autoptr(CrmUser) user = crm_user_store_get (_crm_user_store_of (self), change->assignee_id, error);
      g_autoptr(GVariantDict) state = g_variant_dict_new (NULL);
      g_autofree char *text = NULL;

      if (user == NULL)
        return FALSE;
      /* Translators: a system comment in a ticket; the user's name */
      text = g_strdup_printf (_("Assigned to %s"), crm_user_get_name (user));
      g_variant_dict_insert (state, "assignee_id", "x", crm_ticket_get_assignee_id (ticket));
      g_variant_dict_insert (state, "set_assignee_id", "x", change->assignee_id);
      if (!_crm_tickets_update_column (self, "UPDATE tickets SET assignee_id = ?1 WHERE id = ?2", change->ticket_id,
                          change->assignee_id, error) ||
          !_crm_tickets_record_change (self, change->ticket_id, "assigned", text, error) ||
          !(change->step = _crm_tickets_journal (self, "assign", change->ticket_id, g_variant_dict_end (state), error)))
        return FALSE;
    }

  if (change->status != NULL)
    {
      g_autoptr(CrmStatement) closed = NULL;
      g_autofree char *text = NULL;

      if (!(id = _crm_tickets_find_status (self, change->status, error)))
        return FALSE;
      /* closed by this user, as solved; reopened: no outcome */
      closed = _crm_store_prepare (self,
                                   "UPDATE tickets SET status_id = ?1, closed_at = CASE WHEN "
                                   "(SELECT kind FROM statuses WHERE id = ?1) = 'closed' THEN CAST (?3 AS BIGINT) END, "
                                   "closed_by = CASE WHEN (SELECT kind FROM statuses WHERE id = ?1) = 'closed' "
                                   "THEN (SELECT id FROM users WHERE id = ?4) END, "
                                   "outcome = NULL, close_reason_id = NULL WHERE id = ?2",
                                   error);
      if (closed == NULL)
        return FALSE;
      crm_statement_bind_int64 (closed, 1, id);
      crm_statement_bind_int64 (closed, 2, change->ticket_id);
      crm_statement_bind_int64 (closed, 3, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));
      crm_statement_bind_int64 (closed, 4, crm_session_get_user_id (_crm_session (self)));
      /* Translators: a system comment in a ticket; the new status */
      text = g_strdup_printf (_("Status changed to %s"), change->status);
      if (!_crm_store_step_done (self, closed, error) ||
          !_crm_tickets_record_change (self, change->ticket_id, "status", text, error))
        return FALSE;
    }

  if (change->queue != NULL)
    {
      g_autofree char *text = NULL;

      g_autoptr(GVariantDict) state = g_variant_dict_new (NULL);

      if (!(id = crm_ticket_store_find_queue (self, change->queue, error)))
        return FALSE;
      g_variant_dict_insert (state, "queue_id", "x",
                             _crm_tickets_find_named (self, "SELECT q.id FROM queues q WHERE q.name = ?1",
                                                      crm_ticket_get_queue (ticket)));
      g_variant_dict_insert (state, "set_queue_id", "x", id);
      /* Translators: a system comment in a ticket; the new queue */
      text = g_strdup_printf (_("Moved to the queue %s"), change->queue);
      if (!_crm_tickets_update_column (self, "UPDATE tickets SET queue_id = ?1 WHERE id = ?2", change->ticket_id, id, error) ||
          !_crm_tickets_record_change (self, change->ticket_id, "queue", text, error) ||
          !(change->step = _crm_tickets_journal (self, "move", change->ticket_id, g_variant_dict_end (state), error)))
        return FALSE;
    }

  if (change->priority != NULL)
    {
      g_autofree char *text = NULL;

      if (!(id = _crm_tickets_find_priority (self, change->priority, error)))
        return FALSE;
      /* Translators: a system comment in a ticket; the new priority */
      text = g_strdup_printf (_("Priority changed to %s"), change->priority);
      /* the times to meet follow the new priority, from the ticket's start */
      if (!_crm_tickets_update_column (self, "UPDATE tickets SET priority_id = ?1 WHERE id = ?2", change->ticket_id, id, error) ||
          !_crm_tickets_set_due_times (self, change->ticket_id, crm_ticket_get_created (ticket), error) ||
          !_crm_tickets_record_change (self, change->ticket_id, "priority", text, error))
        return FALSE;
    }

  if (change->category != NULL && *change->category == '\0')
    {
      if (!_crm_tickets_update_column (self, "UPDATE tickets SET category_id = ?1 WHERE id = ?2",
                          change->ticket_id, 0, error) ||
          /* Translators: a system comment in a ticket */
          !_crm_tickets_record_change (self, change->ticket_id, "category", _("Category removed"), error))
        return FALSE;
    }
  else if (change->category != NULL)
    {
      g_autofree char *text = NULL;

      if (!(id = _crm_tickets_ensure_category (self, change->category, error)))
        return FALSE;
      /* Translators: a system comment in a ticket; the new category */
      text = g_strdup_printf (_("Category set to %s"), change->category);
      if (!_crm_tickets_update_column (self, "UPDATE tickets SET category_id = ?1 WHERE id = ?2", change->ticket_id, id, error) ||
          !_crm_tickets_record_change (self, change->ticket_id, "category", text, error))
        return FALSE;
    }

  if (change->tag != NULL)
    {
      g_autofree char *text = NULL;

      if (!(id = _crm_tickets_ensure_tag (self, change->tag, error)))
        return FALSE;
      /* Translators: a system comment in a ticket; the tag */
      text = g_strdup_printf (_("Tagged %s"), change->tag);
      if (!_crm_tickets_update_column (self, "INSERT INTO ticket_tags (tag_id, ticket_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                          change->ticket_id, id, error) ||
          !_crm_tickets_record_change (self, change->ticket_id, "tag", text, error))
        return FALSE;
    }

  if (change->untag != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: a system comment in a ticket; the tag */
      text = g_strdup_printf (_("Tag %s removed"), change->untag);
      if (!(id = _crm_tickets_find_named (self, "SELECT id FROM tags WHERE name = ?1", change->untag)) ||
          !_crm_tickets_update_column (self, "DELETE FROM ticket_tags WHERE tag_id = ?1 AND ticket_id = ?2", change->ticket_id,
                          id, error))
        {
          if (id == 0)
            g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no tag “%s”."), change->untag);
          return FALSE;
        }
      if (_crm_store_count_changes (self) > 0 &&
          !_crm_tickets_record_change (self, change->ticket_id, "tag", text, error))
        return FALSE;
    }

  if (change->source != NULL)
    {
      g_autoptr(CrmStatement) stmt = NULL;
      g_autofree char *text = NULL;

      if (!g_strv_contains (sources, change->source))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       _("“%s” is not a source: use email, phone, sms, chat, web, letter or other."), change->source);
          return FALSE;
        }
      if (!(stmt = _crm_store_prepare (self, "UPDATE tickets SET source = ?1 WHERE id = ?2", error)))
        return FALSE;
      crm_statement_bind_text (stmt, 1, change->source);
      crm_statement_bind_int64 (stmt, 2, change->ticket_id);
      /* Translators: a system comment in a ticket; how the ticket came in */
      text = g_strdup_printf (_("Source set to %s"), _crm_tickets_source_label (change->source));
      if (!_crm_store_step_done (self, stmt, error) ||
          !_crm_tickets_record_change (self, change->ticket_id, "source", text, error))
        return FALSE;
    }

  if (change->follower_id != 0)
    {
      g_autoptr(CrmUser) user = crm_user_store_get (_crm_user_store_of (self), change->follower_id, error);
      g_autofree char *text = NULL;

      if (user == NULL)
        return FALSE;
      text = g_strdup_printf (change->unfollow ? _("%s stopped following the ticket")
                                               /* Translators: a system comment; a user's name */
                                               : _("%s follows the ticket"),
                              crm_user_get_name (user));
      if (!_crm_tickets_update_column (self, change->unfollow ? "DELETE FROM ticket_followers WHERE user_id = ?1 AND ticket_id = ?2"
                                                 : "INSERT INTO ticket_followers (user_id, ticket_id) "
                                                   "VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                          change->ticket_id, change->follower_id, error))
        return FALSE;
      if (_crm_store_count_changes (self) > 0 &&
          !_crm_tickets_record_change (self, change->ticket_id, "follow", text, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
change_ticket (CrmTicketStore  *self,
               Change          *change,
               GError         **error)
{
  if (!crm_session_run_in_transaction (_crm_session (self), change_tx, change, error))
    return FALSE;

  _crm_store_emit_changed (self, "ticket", change->ticket_id);

  return TRUE;
}

/**
 * crm_ticket_store_assign:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @user_id: the new assignee
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; a system comment says who did it
 */
gboolean
crm_ticket_store_assign (CrmTicketStore  *self,
                         gint64           ticket_id,
                         gint64           user_id,
                         GError         **error)
{
  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);
  g_return_val_if_fail (user_id > 0, FALSE);

  return _crm_tickets_assign (self, ticket_id, user_id, error) != 0;
}

/* crm_ticket_store_assign(), giving the undo step, or 0. */
gint64
_crm_tickets_assign (CrmTicketStore  *self,
                     gint64           ticket_id,
                     gint64           user_id,
                     GError         **error)
{
  Change change = { ticket_id, user_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, FALSE, 0 };

  return change_ticket (self, &change, error) ? change.step : 0;
}

/**
 * crm_ticket_store_set:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @status: (nullable): a status's name or kind
 * @queue: (nullable): a queue's name
 * @priority: (nullable): a priority's name
 * @category: (nullable): a category, made when new
 * @tag: (nullable): a tag to add
 * @error: return location for a #GError
 *
 * Changes what is given, all or nothing; each change leaves a system
 * comment and an audit row.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_ticket_store_set (CrmTicketStore  *self,
                      gint64           ticket_id,
                      const char      *status,
                      const char      *queue,
                      const char      *priority,
                      const char      *category,
                      const char      *tag,
                      GError         **error)
{
  Change change = { ticket_id, 0, status, queue, priority, category, tag, NULL, NULL, 0, FALSE, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);

  return change_ticket (self, &change, error);
}

typedef struct
{
  gint64      ticket_id;
  const char *queue;
  gint64      assignee_id;
  gint64      step;      /* out */
} Move;

static gboolean
move_tx (CrmSession  *session,
         gpointer     user_data,
         GError     **error)
{
  CrmTicketStore *self = crm_ticket_store_from_session (session);
  Move *move = user_data;
  g_autoptr(CrmTicket) ticket = crm_ticket_store_get (self, move->ticket_id, 0, error);
  g_autoptr(GVariantDict) state = g_variant_dict_new (NULL);
  g_autoptr(CrmStatement) update = NULL;
  g_autoptr(CrmUser) user = NULL;
  g_autofree char *text = NULL;
  gint64 queue_id;

  if (ticket == NULL || !(queue_id = crm_ticket_store_find_queue (self, move->queue, error)))
    return FALSE;
  if (move->assignee_id != 0 && !(user = crm_user_store_get (_crm_user_store_of (self), move->assignee_id, error)))
    return FALSE;

  g_variant_dict_insert (state, "queue_id", "x",
                         _crm_tickets_find_named (self, "SELECT q.id FROM queues q WHERE q.name = ?1",
                                                  crm_ticket_get_queue (ticket)));
  g_variant_dict_insert (state, "set_queue_id", "x", queue_id);
  g_variant_dict_insert (state, "assignee_id", "x", crm_ticket_get_assignee_id (ticket));
  g_variant_dict_insert (state, "set_assignee_id", "x", move->assignee_id);

  if (!(update = _crm_store_prepare (self, "UPDATE tickets SET queue_id = ?1, assignee_id = (SELECT id FROM users WHERE id = ?2) "
                                           "WHERE id = ?3", error)))
    return FALSE;
  crm_statement_bind_int64 (update, 1, queue_id);
  crm_statement_bind_int64 (update, 2, move->assignee_id);
  crm_statement_bind_int64 (update, 3, move->ticket_id);
  text = user != NULL
         /* Translators: a system comment in a ticket; a queue's name, a user's name */
         ? g_strdup_printf (_("Moved to the queue %s and assigned to %s"), crm_ticket_display_name (move->queue),
                            crm_user_get_name (user))
         /* Translators: a system comment in a ticket; a queue's name */
         : g_strdup_printf (_("Moved to the queue %s; nobody is assigned"), crm_ticket_display_name (move->queue));

  return _crm_store_step_done (self, update, error) &&
         _crm_tickets_record_change (self, move->ticket_id, "queue", text, error) &&
         (move->step = _crm_tickets_journal (self, "move", move->ticket_id, g_variant_dict_end (state), error)) != 0;
}

/**
 * crm_ticket_store_move:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @queue: the queue it goes to
 * @assignee_id: who takes it there, or 0 for nobody: the current
 *   assignee stays only when chosen again (TK16)
 * @error: return location for a #GError
 *
 * Changes the ticket's queue and assignee together; a system comment
 * and an audit row say so. Can be undone (crm_ticket_store_undo()).
 *
 * Returns: the undo step, or 0 with @error set
 */
gint64
crm_ticket_store_move (CrmTicketStore  *self,
                       gint64           ticket_id,
                       const char      *queue,
                       gint64           assignee_id,
                       GError         **error)
{
  Move move = { ticket_id, queue, assignee_id, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);
  g_return_val_if_fail (queue != NULL, 0);

  if (!crm_session_run_in_transaction (_crm_session (self), move_tx, &move, error))
    return 0;

  _crm_store_emit_changed (self, "ticket", ticket_id);

  return move.step;
}

/**
 * crm_ticket_store_untag:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @tag: the tag to take off
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success (also when the ticket did not have @tag)
 */
gboolean
crm_ticket_store_untag (CrmTicketStore  *self,
                        gint64           ticket_id,
                        const char      *tag,
                        GError         **error)
{
  Change change = { ticket_id, 0, NULL, NULL, NULL, NULL, NULL, tag, NULL, 0, FALSE, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  return change_ticket (self, &change, error);
}

/**
 * crm_ticket_store_set_source:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @source: how the ticket came in: "email", "phone", "sms", "chat",
 *   "web", "letter" or "other" (in person and the rest)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_ticket_store_set_source (CrmTicketStore  *self,
                             gint64           ticket_id,
                             const char      *source,
                             GError         **error)
{
  Change change = { ticket_id, 0, NULL, NULL, NULL, NULL, NULL, NULL, source, 0, FALSE, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  return change_ticket (self, &change, error);
}

/**
 * crm_ticket_store_follow:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @user_id: the user
 * @follow: %TRUE to follow the ticket, %FALSE to stop
 * @error: return location for a #GError
 *
 * A follower finds the ticket under "Following" in the ticket lists.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_ticket_store_follow (CrmTicketStore  *self,
                         gint64           ticket_id,
                         gint64           user_id,
                         gboolean         follow,
                         GError         **error)
{
  Change change = { ticket_id, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, user_id, !follow, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);
  g_return_val_if_fail (user_id > 0, FALSE);

  return change_ticket (self, &change, error);
}

/**
 * crm_ticket_store_list_followers:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the followers' user ids
 */
GArray *
crm_ticket_store_list_followers (CrmTicketStore  *self,
                                 gint64           ticket_id,
                                 GError         **error)
{
  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  return _crm_store_collect_ids (self, "SELECT user_id FROM ticket_followers WHERE ticket_id = ? ORDER BY user_id",
                                 ticket_id, error);
}

/**
 * crm_ticket_store_mark_read:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @user_id: who read it
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_ticket_store_mark_read (CrmTicketStore  *self,
                            gint64           ticket_id,
                            gint64           user_id,
                            GError         **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self, "INSERT INTO ticket_reads (ticket_id, user_id, read_at) VALUES (?, ?, ?) "
                        "ON CONFLICT (ticket_id, user_id) DO UPDATE SET read_at = excluded.read_at",
                        error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  crm_statement_bind_int64 (stmt, 2, user_id);
  crm_statement_bind_int64 (stmt, 3, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;

  _crm_store_emit_changed (self, "ticket", ticket_id);

  return TRUE;
}

static gboolean
count_read (CrmSession    *reader,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  GError *local_error = NULL;
  guint n = crm_ticket_store_count (crm_ticket_store_from_session (reader), data, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *result = GUINT_TO_POINTER (n + 1);

  return TRUE;
}

/**
 * crm_ticket_store_count_async:
 * @self: a #CrmTicketStore
 * @filter: which tickets to count (copied)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the count
 * @user_data: for @callback
 *
 * Counts the tickets @filter lets through on a worker thread with a
 * connection of its own (crm_session_read_async()): for counts a
 * window shows (the unread tickets in the sidebar) over an office's
 * years of tickets.
 */
void
crm_ticket_store_count_async (CrmTicketStore        *self,
                              const CrmTicketFilter *filter,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_return_if_fail (CRM_IS_TICKET_STORE (self));
  g_return_if_fail (filter != NULL);

  crm_session_read_async (_crm_session (self), count_read, _crm_ticket_filter_dup (filter), _crm_ticket_filter_free,
                          NULL, cancellable, callback, user_data);
}

/**
 * crm_ticket_store_count_finish:
 * @self: a #CrmTicketStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: the count, or 0 with @error set
 */
guint
crm_ticket_store_count_finish (CrmTicketStore  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  gpointer n = crm_session_read_finish (_crm_session (self), result, error);

  return n != NULL ? GPOINTER_TO_UINT (n) - 1 : 0;
}
