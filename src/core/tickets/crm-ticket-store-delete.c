/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-ticket-store-private.h"

/* Deleting a ticket (TK22), administrators only: the ticket leaves
 * every list, the contact's history and the figures at once (its row
 * goes), but for 30 days an administrator finds it among the deleted
 * tickets, its mail still stored (messages.deleted_ticket_id, 0032) and
 * its calls and chats set aside (activities.deleted_ticket_id, 0034),
 * and can put it back as it was: its row, comments, tags, followers,
 * read marks and projects (0035) are kept in the deleted_tickets row,
 * as the columns the schema has (read from the schema itself, so that
 * a column added later is kept too). After 30 days they are purged.
 * Undo restores. */

#define KEPT_DAYS 30

/* The columns of @table, in the schema's order. */
static GPtrArray *
table_columns (CrmTicketStore  *self,
               const char      *table,
               GError         **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self,
                        crm_database_get_dialect (_crm_store_db (self)) == CRM_DIALECT_POSTGRESQL
                        ? "SELECT column_name FROM information_schema.columns WHERE table_name = ?1 "
                          "AND table_schema = current_schema () AND is_generated = 'NEVER' ORDER BY ordinal_position"
                        : "SELECT name FROM pragma_table_info (?1) ORDER BY cid",
                        error);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_text (stmt, 1, table);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    g_ptr_array_add (columns, g_strdup (crm_statement_get_text (stmt, 0)));
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&columns);
}

/* The rows @sql (?1 the ticket) selects, each as an "a{sms}" of its
 * columns, named as in @columns, in the text the database gives. */
static GVariant *
keep_rows (CrmTicketStore  *self,
           const char      *table,
           const char      *where,
           gint64           ticket_id,
           GError         **error)
{
  g_autoptr(GPtrArray) columns = table_columns (self, table, error);
  g_autoptr(GString) sql = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  g_auto(GVariantBuilder) rows = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sms}"));
  int rc;

  if (columns == NULL)
    return NULL;
  sql = g_string_new ("SELECT ");
  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (columns, i));
  g_string_append_printf (sql, " FROM %s WHERE %s", table, where);
  /* statements are kept by their text's address: an interned one */
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      g_auto(GVariantBuilder) row = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sms}"));

      for (guint i = 0; i < columns->len; i++)
        g_variant_builder_add (&row, "{sms}", (const char *) g_ptr_array_index (columns, i),
                               crm_statement_is_null (stmt, (int) i) ? NULL : crm_statement_get_text (stmt, (int) i));
      g_variant_builder_add_value (&rows, g_variant_builder_end (&row));
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_variant_builder_end (&rows);
}

/* Inserts the rows keep_rows() kept into @table again. */
static gboolean
put_rows (CrmTicketStore  *self,
          const char      *table,
          GVariant        *rows,
          GError         **error)
{
  GVariantIter iter;
  GVariant *row;

  g_variant_iter_init (&iter, rows);
  while ((row = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) held = row;
      g_autoptr(GString) names = g_string_new (NULL);
      g_autoptr(GString) places = g_string_new (NULL);
      g_autoptr(GPtrArray) values = g_ptr_array_new ();
      g_autoptr(CrmStatement) insert = NULL;
      g_autofree char *sql = NULL;
      GVariantIter columns;
      const char *name;
      const char *value;

      g_variant_iter_init (&columns, held);
      while (g_variant_iter_next (&columns, "{&sm&s}", &name, &value))
        {
          g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", name);
          g_string_append_printf (places, "%s?%u", places->len > 0 ? ", " : "", values->len + 1);
          g_ptr_array_add (values, (gpointer) value);
        }
      sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", table, names->str, places->str);
      if (!(insert = _crm_store_prepare (self, g_intern_string (sql), error)))
        return FALSE;
      for (guint i = 0; i < values->len; i++)
        if (g_ptr_array_index (values, i) != NULL)
          crm_statement_bind_text (insert, (int) i + 1, g_ptr_array_index (values, i));
        else
          crm_statement_bind_null (insert, (int) i + 1);
      if (!_crm_store_step_done (self, insert, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_admin (CrmTicketStore  *self,
          GError         **error)
{
  return _crm_tickets_check_admin (self, _("Only an administrator may delete tickets."), error);
}

/* What was deleted more than KEPT_DAYS ago goes for good. */
static gboolean
purge (CrmTicketStore  *self,
       GError         **error)
{
  gint64 before = crm_clock_now_unix (crm_session_get_clock (_crm_session (self))) - KEPT_DAYS * 86400;
  static const char *steps[] = {
    "DELETE FROM messages_fts WHERE rowid IN (SELECT m.id FROM messages m JOIN deleted_tickets d "
    "ON d.id = m.deleted_ticket_id WHERE d.deleted_at < ?1)",
    "DELETE FROM messages WHERE deleted_ticket_id IN (SELECT id FROM deleted_tickets WHERE deleted_at < ?1)",
    /* its calls and chats happened all the same: offered for linking again */
    "UPDATE activities SET deleted_ticket_id = NULL WHERE deleted_ticket_id IN "
    "(SELECT id FROM deleted_tickets WHERE deleted_at < ?1)",
    "DELETE FROM deleted_tickets WHERE deleted_at < ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, steps[i], error);

      if (stmt == NULL)
        return FALSE;
      crm_statement_bind_int64 (stmt, 1, before);
      if (!_crm_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  gint64  ticket_id;
  gint64  step;   /* out */
} Deleting;

static gboolean
delete_tx (CrmSession  *session,
           gpointer     user_data,
           GError     **error)
{
  CrmTicketStore *self = crm_ticket_store_from_session (session);
  Deleting *deleting = user_data;
  g_autoptr(CrmTicket) ticket = NULL;
  g_autoptr(GVariantDict) kept = g_variant_dict_new (NULL);
  g_autoptr(CrmStatement) save = NULL;
  g_autoptr(CrmStatement) detach = NULL;
  g_autoptr(CrmStatement) set_aside = NULL;
  g_autoptr(CrmStatement) drop = NULL;
  g_autoptr(GVariantDict) state = g_variant_dict_new (NULL);
  g_autofree char *text = NULL;
  static const struct { const char *table; const char *where; } parts[] = {
    { "tickets", "id = ?1" },
    { "ticket_comments", "ticket_id = ?1 ORDER BY id" },
    { "ticket_tags", "ticket_id = ?1" },
    { "ticket_followers", "ticket_id = ?1" },
    { "ticket_reads", "ticket_id = ?1" },
    { "projects", "ticket_id = ?1 ORDER BY id" },
    { "project_items", "project_id IN (SELECT id FROM projects WHERE ticket_id = ?1) ORDER BY id" },
  };

  if (!is_admin (self, error) || !(ticket = crm_ticket_store_get (self, deleting->ticket_id, 0, error)))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      GVariant *rows = keep_rows (self, parts[i].table, parts[i].where, deleting->ticket_id, error);

      if (rows == NULL)
        return FALSE;
      g_variant_dict_insert_value (kept, parts[i].table, rows);
    }
  {
    g_autoptr(GArray) merged = _crm_store_collect_ids (self, "SELECT id FROM tickets WHERE merged_into = ?",
                                                       deleting->ticket_id, error);
    g_auto(GVariantBuilder) ids = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("ax"));

    if (merged == NULL)
      return FALSE;
    for (guint i = 0; i < merged->len; i++)
      g_variant_builder_add (&ids, "x", g_array_index (merged, gint64, i));
    g_variant_dict_insert_value (kept, "merged_here", g_variant_builder_end (&ids));
  }

  /* the kept row, then the mail set aside, then the ticket gone */
  if (!(save = _crm_store_prepare (self,
                                   "INSERT INTO deleted_tickets (id, subject, client_label, deleted_at, deleted_by, snapshot) "
                                   "VALUES (?1, ?2, ?3, ?4, (SELECT id FROM users WHERE id = ?5), ?6)",
                                   error)))
    return FALSE;
  {
    g_autoptr(GVariant) snapshot = g_variant_ref_sink (g_variant_dict_end (kept));
    g_autofree char *printed = g_variant_print (snapshot, TRUE);

    crm_statement_bind_int64 (save, 1, deleting->ticket_id);
    crm_statement_bind_text (save, 2, crm_ticket_get_subject (ticket));
    if (crm_ticket_get_client_label (ticket) != NULL)
      crm_statement_bind_text (save, 3, crm_ticket_get_client_label (ticket));
    else
      crm_statement_bind_null (save, 3);
    crm_statement_bind_int64 (save, 4, crm_clock_now_unix (crm_session_get_clock (session)));
    crm_statement_bind_int64 (save, 5, crm_session_get_user_id (session));
    crm_statement_bind_text_copy (save, 6, printed);
    if (!_crm_store_step_done (self, save, error))
      return FALSE;
  }
  if (!(detach = _crm_store_prepare (self, "UPDATE messages SET deleted_ticket_id = ?1, ticket_id = NULL "
                                           "WHERE ticket_id = ?1", error)) ||
      !(set_aside = _crm_store_prepare (self, "UPDATE activities SET deleted_ticket_id = ?1, ticket_id = NULL "
                                              "WHERE ticket_id = ?1", error)) ||
      !(drop = _crm_store_prepare (self, "DELETE FROM tickets WHERE id = ?1", error)))
    return FALSE;
  crm_statement_bind_int64 (detach, 1, deleting->ticket_id);
  crm_statement_bind_int64 (set_aside, 1, deleting->ticket_id);
  crm_statement_bind_int64 (drop, 1, deleting->ticket_id);
  if (!_crm_store_step_done (self, detach, error) || !_crm_store_step_done (self, set_aside, error) ||
      !_crm_store_step_done (self, drop, error))
    return FALSE;

  /* Translators: the audit line of a deleted ticket; its subject */
  text = g_strdup_printf (_("Deleted “%s”"), crm_ticket_get_subject (ticket));
  if (!crm_session_append_history (session, "ticket", deleting->ticket_id, "deleted", text, error) ||
      !purge (self, error))
    return FALSE;

  deleting->step = _crm_tickets_journal (self, "delete", deleting->ticket_id, g_variant_dict_end (state), error);

  return deleting->step != 0;
}

/**
 * crm_ticket_store_delete:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @error: return location for a #GError
 *
 * Deletes a ticket (TK22): administrators only (the team's server
 * refuses anyone else too). It leaves every list, the contact's history
 * and the figures; for 30 days an administrator finds it, with its
 * mail, among the deleted tickets (crm_ticket_store_list_deleted())
 * and can restore it; then it is purged. An audit row says who did it.
 * Can be undone (crm_ticket_store_undo()).
 *
 * Returns: the undo step, or 0 with @error set
 */
gint64
crm_ticket_store_delete (CrmTicketStore  *self,
                         gint64           ticket_id,
                         GError         **error)
{
  Deleting deleting = { ticket_id, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  if (!crm_session_run_in_transaction (_crm_session (self), delete_tx, &deleting, error))
    return 0;

  _crm_store_emit_changed (self, "ticket", ticket_id);

  return deleting.step;
}

/* Puts a deleted ticket back as it was (restore, or undo). */
static gboolean
restore (CrmTicketStore  *self,
         gint64           ticket_id,
         GError         **error)
{
  static const char *tables[] = { "tickets", "ticket_comments", "ticket_tags", "ticket_followers", "ticket_reads",
                                  "projects", "project_items" };
  g_autoptr(CrmStatement) read = NULL;
  g_autoptr(CrmStatement) attach = NULL;
  g_autoptr(CrmStatement) relink = NULL;
  g_autoptr(CrmStatement) forget = NULL;
  g_autoptr(GVariant) snapshot = NULL;
  g_autoptr(GVariantDict) kept = NULL;
  g_autoptr(GVariant) merged = NULL;
  g_autoptr(GError) parse_error = NULL;
  gboolean row = FALSE;

  if (!(read = _crm_store_prepare (self, "SELECT snapshot FROM deleted_tickets WHERE id = ?1", error)))
    return FALSE;
  crm_statement_bind_int64 (read, 1, ticket_id);
  if (!_crm_store_step_row (self, read, &row, error))
    return FALSE;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                   _("Ticket #%lld is not among the deleted tickets (they are kept 30 days)."), (long long) ticket_id);
      return FALSE;
    }
  if (!(snapshot = g_variant_parse (G_VARIANT_TYPE_VARDICT, crm_statement_get_text (read, 0), NULL, NULL, &parse_error)))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("The deleted ticket’s record is damaged: %s"),
                   parse_error->message);
      return FALSE;
    }
  kept = g_variant_dict_new (snapshot);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autoptr(GVariant) rows = g_variant_dict_lookup_value (kept, tables[i], G_VARIANT_TYPE ("aa{sms}"));

      if (rows != NULL && !put_rows (self, tables[i], rows, error))
        return FALSE;
    }
  if ((merged = g_variant_dict_lookup_value (kept, "merged_here", G_VARIANT_TYPE ("ax"))) != NULL)
    {
      g_autoptr(CrmStatement) point = _crm_store_prepare (self, "UPDATE tickets SET merged_into = ?1 WHERE id = ?2",
                                                          error);
      GVariantIter iter;
      gint64 id;

      if (point == NULL)
        return FALSE;
      g_variant_iter_init (&iter, merged);
      while (g_variant_iter_next (&iter, "x", &id))
        {
          crm_statement_reset (point);
          crm_statement_bind_int64 (point, 1, ticket_id);
          crm_statement_bind_int64 (point, 2, id);
          if (!_crm_store_step_done (self, point, error))
            return FALSE;
        }
    }

  if (!(attach = _crm_store_prepare (self, "UPDATE messages SET ticket_id = ?1, deleted_ticket_id = NULL "
                                           "WHERE deleted_ticket_id = ?1", error)) ||
      !(relink = _crm_store_prepare (self, "UPDATE activities SET ticket_id = ?1, deleted_ticket_id = NULL "
                                           "WHERE deleted_ticket_id = ?1", error)) ||
      !(forget = _crm_store_prepare (self, "DELETE FROM deleted_tickets WHERE id = ?1", error)))
    return FALSE;
  crm_statement_bind_int64 (attach, 1, ticket_id);
  crm_statement_bind_int64 (relink, 1, ticket_id);
  crm_statement_bind_int64 (forget, 1, ticket_id);

  return _crm_store_step_done (self, attach, error) && _crm_store_step_done (self, relink, error) &&
         _crm_store_step_done (self, forget, error);
}

/* Undo of a delete. */
char *
_crm_tickets_undo_delete (CrmTicketStore  *self,
                          gint64           ticket_id,
                          GVariantDict    *state,
                          GError         **error)
{
  if (!is_admin (self, error) || !restore (self, ticket_id, error))
    return NULL;

  /* Translators: a system comment in a ticket */
  return g_strdup (_("Deleting undone: the ticket is back"));
}

typedef struct
{
  gint64 ticket_id;
} Restoring;

static gboolean
restore_tx (CrmSession  *session,
            gpointer     user_data,
            GError     **error)
{
  CrmTicketStore *self = crm_ticket_store_from_session (session);
  Restoring *restoring = user_data;

  return is_admin (self, error) && purge (self, error) && restore (self, restoring->ticket_id, error) &&
         /* Translators: a system comment in a ticket */
         _crm_tickets_record_change (self, restoring->ticket_id, "restored", _("Restored from the deleted tickets"), error);
}

/**
 * crm_ticket_store_restore:
 * @self: a #CrmTicketStore
 * @ticket_id: a deleted ticket's number
 * @error: return location for a #GError
 *
 * Puts a ticket deleted in the last 30 days back as it was, with its
 * mail, comments, tags and followers. Administrators only.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_ticket_store_restore (CrmTicketStore  *self,
                          gint64           ticket_id,
                          GError         **error)
{
  Restoring restoring = { ticket_id };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), restore_tx, &restoring, error))
    return FALSE;

  _crm_store_emit_changed (self, "ticket", ticket_id);

  return TRUE;
}

G_DEFINE_BOXED_TYPE (CrmDeletedTicket, crm_deleted_ticket, crm_deleted_ticket_copy, crm_deleted_ticket_free)

/**
 * crm_deleted_ticket_copy:
 * @ticket: a #CrmDeletedTicket
 *
 * Returns: (transfer full): a copy
 */
CrmDeletedTicket *
crm_deleted_ticket_copy (const CrmDeletedTicket *ticket)
{
  CrmDeletedTicket *copy = g_new0 (CrmDeletedTicket, 1);

  copy->id = ticket->id;
  copy->subject = g_strdup (ticket->subject);
  copy->client = g_strdup (ticket->client);
  copy->deleted_at = ticket->deleted_at;
  copy->deleted_by = g_strdup (ticket->deleted_by);
  copy->messages = ticket->messages;

  return copy;
}

/**
 * crm_deleted_ticket_free:
 * @ticket: a #CrmDeletedTicket
 */
void
crm_deleted_ticket_free (CrmDeletedTicket *ticket)
{
  if (ticket == NULL)
    return;
  g_free (ticket->subject);
  g_free (ticket->client);
  g_free (ticket->deleted_by);
  g_free (ticket);
}

/**
 * crm_ticket_store_list_deleted:
 * @self: a #CrmTicketStore
 * @error: return location for a #GError
 *
 * The tickets deleted in the last 30 days, newest first. Reads only:
 * from a reader's session too. Administrators only.
 *
 * Returns: (transfer full) (element-type CrmDeletedTicket): the list, or
 *   %NULL with @error set
 */
GPtrArray *
crm_ticket_store_list_deleted (CrmTicketStore  *self,
                               GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_deleted_ticket_free);
  int rc;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  /* read only: what expired is purged by the next delete, and not
   * listed meanwhile */
  if (!is_admin (self, error))
    return NULL;
  if (!(stmt = _crm_store_prepare (self,
                                   "SELECT d.id, d.subject, d.client_label, d.deleted_at, u.name, "
                                   "(SELECT count (*) FROM messages m WHERE m.deleted_ticket_id = d.id) "
                                   "FROM deleted_tickets d LEFT JOIN users u ON u.id = d.deleted_by "
                                   "WHERE d.deleted_at >= ?1 ORDER BY d.deleted_at DESC, d.id DESC",
                                   error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))) - KEPT_DAYS * 86400);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmDeletedTicket *ticket = g_new0 (CrmDeletedTicket, 1);

      ticket->id = crm_statement_get_int64 (stmt, 0);
      ticket->subject = g_strdup (crm_statement_get_text (stmt, 1));
      ticket->client = g_strdup (crm_statement_get_text (stmt, 2));
      ticket->deleted_at = crm_statement_get_int64 (stmt, 3);
      ticket->deleted_by = g_strdup (crm_statement_get_text (stmt, 4));
      ticket->messages = (guint) crm_statement_get_int64 (stmt, 5);
      g_ptr_array_add (tickets, ticket);
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&tickets);
}
