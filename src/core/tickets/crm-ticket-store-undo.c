/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-ticket-store-private.h"

/* Undo (issue 14): every reversible operation on a ticket (assign,
 * close, move to a queue) writes, in its own transaction, a step of the
 * undo journal (undo_steps, 0028): who did it, to which ticket, and
 * what it changed as it was before, a GVariant dictionary in text. An
 * undo reverses the whole operation in one transaction, and only while
 * what the operation set is still so: a colleague's later change is
 * never undone with it. */

/* Writes a step of @operation on @ticket_id for the session's user;
 * @state (floating is taken) holds what to put back. Returns the step,
 * or 0 with @error set. */
gint64
_crm_tickets_journal (CrmTicketStore  *self,
                      const char      *operation,
                      gint64           ticket_id,
                      GVariant        *state,
                      GError         **error)
{
  g_autoptr(GVariant) held = g_variant_ref_sink (state);
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *text = g_variant_print (held, TRUE);
  CrmSession *session = _crm_session (self);

  if (!(stmt = _crm_store_prepare (self,
                                   "INSERT INTO undo_steps (user_id, at, operation, ticket_id, state) "
                                   "VALUES ((SELECT id FROM users WHERE id = ?1), ?2, ?3, ?4, ?5) RETURNING id",
                                   error)))
    return 0;
  crm_statement_bind_int64 (stmt, 1, crm_session_get_user_id (session));
  crm_statement_bind_int64 (stmt, 2, crm_clock_now_unix (crm_session_get_clock (session)));
  crm_statement_bind_text (stmt, 3, operation);
  crm_statement_bind_int64 (stmt, 4, ticket_id);
  crm_statement_bind_text (stmt, 5, text);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return 0;
    }

  return crm_statement_get_int64 (stmt, 0);
}

static gint64
lookup (GVariantDict *state,
        const char   *key)
{
  gint64 value = 0;

  g_variant_dict_lookup (state, key, "x", &value);

  return value;
}

/* What the ticket's @column (an id) is now, and the name it stands for. */
static gboolean
read_now (CrmTicketStore  *self,
          gint64           ticket_id,
          const char      *sql,
          gint64          *id,
          char           **name,
          GError         **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, sql, error);
  gboolean row = FALSE;

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return FALSE;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no ticket #%lld."), (long long) ticket_id);
      return FALSE;
    }
  *id = crm_statement_get_int64 (stmt, 0);
  *name = g_strdup (crm_statement_get_text (stmt, 1));

  return TRUE;
}

static void
set_changed_since (GError     **error,
                   gint64       ticket_id,
                   const char  *now)
{
  g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
               /* Translators: %lld is a ticket's number; %s what it is now: a status, a queue or a user */
               _("Ticket #%lld was changed since, so this cannot be undone: it is “%s” now."),
               (long long) ticket_id, now != NULL ? now : "");
}

static char *
undo_close (CrmTicketStore  *self,
            gint64           ticket_id,
            GVariantDict    *state,
            GError         **error)
{
  g_autoptr(CrmStatement) now = NULL;
  g_autoptr(CrmStatement) update = NULL;
  g_autoptr(CrmStatement) unblock = NULL;
  g_autofree char *set_outcome = NULL;
  g_autofree char *blocked = NULL;
  gboolean row = FALSE;

  g_variant_dict_lookup (state, "set_outcome", "s", &set_outcome);
  if (!(now = _crm_store_prepare (self,
                                  "SELECT t.status_id, coalesce (t.outcome, ''), s.name FROM tickets t "
                                  "JOIN statuses s ON s.id = t.status_id WHERE t.id = ?1",
                                  error)))
    return NULL;
  crm_statement_bind_int64 (now, 1, ticket_id);
  if (!_crm_store_step_row (self, now, &row, error))
    return NULL;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no ticket #%lld."), (long long) ticket_id);
      return NULL;
    }
  if (crm_statement_get_int64 (now, 0) != lookup (state, "set_status_id") ||
      g_strcmp0 (crm_statement_get_text (now, 1), set_outcome != NULL ? set_outcome : "") != 0)
    {
      set_changed_since (error, ticket_id, crm_ticket_display_name (crm_statement_get_text (now, 2)));
      return NULL;
    }

  if (!(update = _crm_store_prepare (self,
                                     "UPDATE tickets SET status_id = ?1, closed_at = CASE WHEN CAST (?2 AS BIGINT) <> 0 THEN CAST (?2 AS BIGINT) END, "
                                     "outcome = NULL, close_reason_id = NULL, "
                                     "closed_by = (SELECT id FROM users WHERE id = ?3) WHERE id = ?4",
                                     error)))
    return NULL;
  crm_statement_bind_int64 (update, 1, lookup (state, "status_id"));
  crm_statement_bind_int64 (update, 2, lookup (state, "closed_at"));
  crm_statement_bind_int64 (update, 3, lookup (state, "closed_by"));
  crm_statement_bind_int64 (update, 4, ticket_id);
  if (!_crm_store_step_done (self, update, error))
    return NULL;

  if (g_variant_dict_lookup (state, "blocked", "s", &blocked))
    {
      if (!(unblock = _crm_store_prepare (self, "DELETE FROM blocked_senders WHERE address = ?1 AND ticket_id = ?2",
                                          error)))
        return NULL;
      crm_statement_bind_text (unblock, 1, blocked);
      crm_statement_bind_int64 (unblock, 2, ticket_id);
      if (!_crm_store_step_done (self, unblock, error))
        return NULL;
    }

  /* Translators: a system comment in a ticket */
  return g_strdup (_("Closing undone: the ticket is open again"));
}

/* The user's name, or "nobody" for 0. */
static char *
user_name (CrmTicketStore *self,
           gint64          user_id)
{
  g_autoptr(CrmUser) user = NULL;

  if (user_id == 0 || !(user = crm_user_store_get (_crm_user_store_of (self), user_id, NULL)))
    return g_strdup (_("nobody"));

  return g_strdup (crm_user_get_name (user));
}

static gboolean
put_back_assignee (CrmTicketStore  *self,
                   gint64           ticket_id,
                   GVariantDict    *state,
                   GError         **error)
{
  g_autoptr(CrmStatement) update = NULL;
  g_autofree char *name = NULL;
  gint64 assignee = 0;

  if (!read_now (self, ticket_id, "SELECT coalesce (t.assignee_id, 0), u.name FROM tickets t "
                                  "LEFT JOIN users u ON u.id = t.assignee_id WHERE t.id = ?1",
                 &assignee, &name, error))
    return FALSE;
  if (assignee != lookup (state, "set_assignee_id"))
    {
      set_changed_since (error, ticket_id, name != NULL ? name : _("nobody"));
      return FALSE;
    }
  if (!(update = _crm_store_prepare (self, "UPDATE tickets SET assignee_id = (SELECT id FROM users WHERE id = ?1) "
                                           "WHERE id = ?2", error)))
    return FALSE;
  crm_statement_bind_int64 (update, 1, lookup (state, "assignee_id"));
  crm_statement_bind_int64 (update, 2, ticket_id);

  return _crm_store_step_done (self, update, error);
}

static char *
undo_assign (CrmTicketStore  *self,
             gint64           ticket_id,
             GVariantDict    *state,
             GError         **error)
{
  g_autofree char *name = NULL;

  if (!put_back_assignee (self, ticket_id, state, error))
    return NULL;
  name = user_name (self, lookup (state, "assignee_id"));

  /* Translators: a system comment in a ticket; a user's name, or "nobody" */
  return g_strdup_printf (_("Assignment undone: the ticket is %s’s again"), name);
}

static char *
undo_move (CrmTicketStore  *self,
           gint64           ticket_id,
           GVariantDict    *state,
           GError         **error)
{
  g_autoptr(CrmStatement) update = NULL;
  g_autofree char *queue = NULL;
  gint64 queue_id = 0;

  if (!read_now (self, ticket_id, "SELECT t.queue_id, q.name FROM tickets t JOIN queues q ON q.id = t.queue_id "
                                  "WHERE t.id = ?1",
                 &queue_id, &queue, error))
    return NULL;
  if (queue_id != lookup (state, "set_queue_id"))
    {
      set_changed_since (error, ticket_id, crm_ticket_display_name (queue));
      return NULL;
    }
  if (g_variant_dict_contains (state, "set_assignee_id") && !put_back_assignee (self, ticket_id, state, error))
    return NULL;
  if (!(update = _crm_store_prepare (self, "UPDATE tickets SET queue_id = ?1 WHERE id = ?2", error)))
    return NULL;
  crm_statement_bind_int64 (update, 1, lookup (state, "queue_id"));
  crm_statement_bind_int64 (update, 2, ticket_id);
  if (!_crm_store_step_done (self, update, error))
    return NULL;
  /* the queue it is back in, by the id put back */
  g_clear_pointer (&queue, g_free);
  if (!read_now (self, lookup (state, "queue_id"), "SELECT id, name FROM queues WHERE id = ?1", &queue_id, &queue,
                 error))
    return NULL;

  /* Translators: a system comment in a ticket; a queue's name */
  return g_strdup_printf (_("Move undone: the ticket is back in the queue %s"), crm_ticket_display_name (queue));
}

typedef struct
{
  gint64  step;       /* in: 0 for the user's last; out: the step undone */
  gint64  ticket_id;  /* out */
  gint64  other_id;   /* out: the other ticket a merge or split changed */
  char   *done;       /* out: what was undone */
} Undoing;

static gboolean
undo_tx (CrmSession  *session,
         gpointer     user_data,
         GError     **error)
{
  CrmTicketStore *self = crm_ticket_store_from_session (session);
  Undoing *undoing = user_data;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(CrmStatement) mark = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariantDict) state = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *operation = NULL;
  g_autofree char *text = NULL;
  gboolean row = FALSE;
  gboolean gone = FALSE;

  stmt = _crm_store_prepare (self,
                             undoing->step != 0
                             ? "SELECT id, operation, ticket_id, state, undone_at FROM undo_steps "
                               "WHERE id = ?2 AND user_id IS NOT DISTINCT FROM (SELECT id FROM users WHERE id = ?1)"
                             : "SELECT id, operation, ticket_id, state, undone_at FROM undo_steps "
                               "WHERE user_id IS NOT DISTINCT FROM (SELECT id FROM users WHERE id = ?1) "
                               "AND undone_at IS NULL ORDER BY id DESC LIMIT 1",
                             error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, crm_session_get_user_id (session));
  if (undoing->step != 0)
    crm_statement_bind_int64 (stmt, 2, undoing->step);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return FALSE;
  if (!row)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is nothing to undo."));
      return FALSE;
    }
  if (!crm_statement_is_null (stmt, 4))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_CONFLICT, _("That was undone already."));
      return FALSE;
    }
  undoing->step = crm_statement_get_int64 (stmt, 0);
  operation = g_strdup (crm_statement_get_text (stmt, 1));
  undoing->ticket_id = crm_statement_get_int64 (stmt, 2);
  variant = g_variant_parse (G_VARIANT_TYPE_VARDICT, crm_statement_get_text (stmt, 3), NULL, NULL, &parse_error);
  if (variant == NULL)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("The undo journal is damaged: %s"), parse_error->message);
      return FALSE;
    }
  state = g_variant_dict_new (variant);

  if (g_str_equal (operation, "close"))
    text = undo_close (self, undoing->ticket_id, state, error);
  else if (g_str_equal (operation, "assign"))
    text = undo_assign (self, undoing->ticket_id, state, error);
  else if (g_str_equal (operation, "move"))
    text = undo_move (self, undoing->ticket_id, state, error);
  else if (g_str_equal (operation, "delete"))
    text = _crm_tickets_undo_delete (self, undoing->ticket_id, state, error);
  else if (g_str_equal (operation, "unpin"))
    text = _crm_tickets_undo_unpin (self, undoing->ticket_id, state, error);
  else if (g_str_equal (operation, "link-activity"))
    text = _crm_tickets_undo_link_activity (self, undoing->ticket_id, state, error);
  else if (g_str_equal (operation, "merge"))
    {
      text = _crm_tickets_undo_merge (self, undoing->ticket_id, state, error);
      g_variant_dict_lookup (state, "from", "x", &undoing->other_id);
    }
  else if (g_str_equal (operation, "split"))
    {
      /* the ticket it made is gone: the original says so */
      if (!(text = _crm_tickets_undo_split (self, undoing->step, undoing->ticket_id, state, error)))
        return FALSE;
      undoing->other_id = undoing->ticket_id;
      g_variant_dict_lookup (state, "from", "x", &undoing->ticket_id);
      gone = TRUE;
    }
  else
    g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("This version cannot undo “%s”."), operation);
  if (text == NULL)
    return FALSE;

  if (!(mark = _crm_store_prepare (self, "UPDATE undo_steps SET undone_at = ?1 WHERE id = ?2", error)))
    return FALSE;
  crm_statement_bind_int64 (mark, 1, crm_clock_now_unix (crm_session_get_clock (session)));
  crm_statement_bind_int64 (mark, 2, undoing->step);
  if (!_crm_store_step_done (self, mark, error) ||
      (!gone && !_crm_tickets_record_change (self, undoing->ticket_id, "undone", text, error)))
    return FALSE;
  undoing->done = g_steal_pointer (&text);

  return TRUE;
}

/**
 * crm_ticket_store_undo:
 * @self: a #CrmTicketStore
 * @step: the step to undo (as the operation returned it), or 0 for the
 *   last the session's user did and has not undone
 * @ticket_id: (out) (optional): the ticket it changed
 * @done: (out) (optional) (transfer full): what the undo did, as the
 *   system comment it left says
 * @error: return location for a #GError
 *
 * Reverses the whole operation in one transaction: a close (with the
 * sender it blocked), an assignment, a move to a queue, an unpinned
 * client, a delete (administrators), a merge, a
 * split (while the ticket it made has nothing of its own), a call or
 * chat linked (crm_activity_store_link(); one added with the link is
 * taken away). Refused with
 * %CRM_ERROR_CONFLICT when the ticket was changed since in what the
 * operation changed, and with %CRM_ERROR_NOT_FOUND when the user has
 * nothing to undo. A user undoes their own steps only.
 *
 * Returns: the step undone, or 0 with @error set
 */
gint64
crm_ticket_store_undo (CrmTicketStore  *self,
                       gint64           step,
                       gint64          *ticket_id,
                       char           **done,
                       GError         **error)
{
  Undoing undoing = { step, 0, 0, NULL };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  if (!crm_session_run_in_transaction (_crm_session (self), undo_tx, &undoing, error))
    return 0;

  _crm_store_emit_changed (self, "ticket", undoing.ticket_id);
  if (undoing.other_id != 0)
    _crm_store_emit_changed (self, "ticket", undoing.other_id);
  if (ticket_id != NULL)
    *ticket_id = undoing.ticket_id;
  if (done != NULL)
    *done = g_steal_pointer (&undoing.done);
  g_free (undoing.done);

  return undoing.step;
}

static gboolean
undo_write (CrmSession    *writer,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  gint64 step = crm_ticket_store_undo (crm_ticket_store_from_session (writer), *(gint64 *) data, NULL, NULL, error);

  if (step == 0)
    return FALSE;
  *result = g_memdup2 (&step, sizeof step);

  return TRUE;
}

/**
 * crm_ticket_store_undo_async:
 * @self: a #CrmTicketStore
 * @step: as for crm_ticket_store_undo()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is undone, or not
 * @user_data: for @callback
 *
 * crm_ticket_store_undo() on a writer of its own: for the window's
 * toasts.
 */
void
crm_ticket_store_undo_async (CrmTicketStore      *self,
                             gint64               step,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CRM_IS_TICKET_STORE (self));

  crm_session_write_async (_crm_session (self), undo_write, g_memdup2 (&step, sizeof step), g_free, g_free,
                           cancellable, callback, user_data);
}

/**
 * crm_ticket_store_undo_finish:
 * @self: a #CrmTicketStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: the step undone, or 0 with @error set
 */
gint64
crm_ticket_store_undo_finish (CrmTicketStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_autofree gint64 *step = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  step = crm_session_write_finish (_crm_session (self), result, error);

  return step != NULL ? *step : 0;
}
