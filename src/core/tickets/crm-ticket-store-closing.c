/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tickets"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-ticket-store-private.h"

/* Closing a ticket or a request with its outcome (RQ9, RQ10): solved,
 * won, won't buy (with one of the office's reasons) or spam, whose
 * sender's later mail is kept out of the tickets; the office's list of
 * reasons; and the reasons' statistics for managers. A close is
 * journaled for undo (crm-ticket-store-undo.c). */

static const char *outcomes[] = { NULL, "won", "wont_buy", "spam" };

/**
 * crm_ticket_outcome_from_string:
 * @text: (nullable): "won", "wont_buy", "spam", or %NULL
 *
 * Returns: the outcome, %CRM_TICKET_OUTCOME_SOLVED for %NULL or any
 *   other text
 */
CrmTicketOutcome
crm_ticket_outcome_from_string (const char *text)
{
  for (guint i = 1; i < G_N_ELEMENTS (outcomes); i++)
    if (g_strcmp0 (text, outcomes[i]) == 0)
      return (CrmTicketOutcome) i;

  return CRM_TICKET_OUTCOME_SOLVED;
}

/**
 * crm_ticket_outcome_to_string:
 * @outcome: an outcome
 *
 * Returns: (nullable): as stored: "won", "wont_buy", "spam", or %NULL
 *   for a solved ticket
 */
const char *
crm_ticket_outcome_to_string (CrmTicketOutcome outcome)
{
  g_return_val_if_fail (outcome <= CRM_TICKET_OUTCOME_SPAM, NULL);

  return outcomes[outcome];
}

/* The office's first closed status. */
static gint64
closed_status (CrmTicketStore  *self,
               GError         **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self, "SELECT id FROM statuses WHERE kind = 'closed' ORDER BY position LIMIT 1", error);
  gboolean row = FALSE;

  if (stmt == NULL || !_crm_store_step_row (self, stmt, &row, error))
    return 0;
  if (!row)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("The office has no closed status."));
      return 0;
    }

  return crm_statement_get_int64 (stmt, 0);
}

/* The offered reason named @name (case aside), or 0 with @error set;
 * *@stored: its name as the office wrote it. */
static gint64
find_reason (CrmTicketStore  *self,
             const char      *name,
             char           **stored,
             GError         **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "SELECT id, name FROM close_reasons WHERE name = ?1 AND offered = 1",
                                                     error);
  gboolean row = FALSE;

  if (stmt == NULL)
    return 0;
  crm_statement_bind_text (stmt, 1, name);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return 0;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                   /* Translators: %s is what the user gave as a reason */
                   _("“%s” is not one of the office’s reasons; an administrator adds reasons in Preferences › Tickets."),
                   name);
      return 0;
    }

  *stored = g_strdup (crm_statement_get_text (stmt, 1));

  return crm_statement_get_int64 (stmt, 0);
}

/* Whom the ticket's mail comes from: its client's address while they
 * are not a contact, else the sender of its first mail. */
static char *
sender_of (CrmTicketStore *self,
           gint64          ticket_id)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self,
                        "SELECT coalesce (t.client_address, (SELECT lower (m.from_address) FROM messages m "
                        "WHERE m.ticket_id = t.id AND m.direction = 'in' AND m.role IS NULL ORDER BY m.id LIMIT 1)) "
                        "FROM tickets t WHERE t.id = ?1",
                        NULL);

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW || crm_statement_is_null (stmt, 0))
    return NULL;

  return g_ascii_strdown (crm_statement_get_text (stmt, 0), -1);
}

typedef struct
{
  gint64            ticket_id;
  CrmTicketOutcome  outcome;
  const char       *reason;
  gboolean          block;
  gint64            step;      /* out */
  const char       *comment;   /* nullable: the system comment, if not the outcome's */
  gboolean          no_undo;   /* closed by another change, which is reversed its own way */
} Closing;

/* Closes the ticket, in the transaction the caller runs. */
static gboolean
close_ticket (CrmTicketStore  *self,
              Closing         *closing,
              GError         **error)
{
  CrmSession *session = _crm_session (self);
  g_autoptr(CrmStatement) before = NULL;
  g_autoptr(CrmStatement) update = NULL;
  g_autoptr(GVariantDict) state = g_variant_dict_new (NULL);
  g_autofree char *blocked = NULL;
  g_autofree char *text = NULL;
  g_autofree char *reason = NULL;
  gint64 user_id = crm_session_get_user_id (session);
  gint64 now = crm_clock_now_unix (crm_session_get_clock (session));
  gint64 status_id, reason_id = 0;
  gboolean row = FALSE;

  if (!(status_id = closed_status (self, error)))
    return FALSE;
  if (closing->outcome == CRM_TICKET_OUTCOME_WONT_BUY &&
      !(reason_id = find_reason (self, closing->reason, &reason, error)))
    return FALSE;

  /* what the close changes, as it was: for undo */
  if (!(before = _crm_store_prepare (self,
                                     "SELECT t.status_id, s.kind, t.closed_at, t.outcome, t.close_reason_id, t.closed_by "
                                     "FROM tickets t JOIN statuses s ON s.id = t.status_id WHERE t.id = ?1",
                                     error)))
    return FALSE;
  crm_statement_bind_int64 (before, 1, closing->ticket_id);
  if (!_crm_store_step_row (self, before, &row, error))
    return FALSE;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no ticket #%lld."), (long long) closing->ticket_id);
      return FALSE;
    }
  if (g_str_equal (crm_statement_get_text (before, 1), "closed"))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT, _("Ticket #%lld is already closed."),
                   (long long) closing->ticket_id);
      return FALSE;
    }
  g_variant_dict_insert (state, "status_id", "x", crm_statement_get_int64 (before, 0));
  g_variant_dict_insert (state, "closed_at", "x", crm_statement_get_int64 (before, 2));
  g_variant_dict_insert (state, "closed_by", "x", crm_statement_get_int64 (before, 5));
  g_variant_dict_insert (state, "set_status_id", "x", status_id);
  g_variant_dict_insert (state, "set_outcome", "s", closing->outcome != CRM_TICKET_OUTCOME_SOLVED
                                                    ? outcomes[closing->outcome] : "");

  if (!(update = _crm_store_prepare (self,
                                     "UPDATE tickets SET status_id = ?1, closed_at = ?2, outcome = ?3, "
                                     "close_reason_id = ?4, closed_by = (SELECT id FROM users WHERE id = ?5) "
                                     "WHERE id = ?6",
                                     error)))
    return FALSE;
  crm_statement_bind_int64 (update, 1, status_id);
  crm_statement_bind_int64 (update, 2, now);
  if (closing->outcome != CRM_TICKET_OUTCOME_SOLVED)
    crm_statement_bind_text (update, 3, outcomes[closing->outcome]);
  else
    crm_statement_bind_null (update, 3);
  if (reason_id != 0)
    crm_statement_bind_int64 (update, 4, reason_id);
  else
    crm_statement_bind_null (update, 4);
  crm_statement_bind_int64 (update, 5, user_id);
  crm_statement_bind_int64 (update, 6, closing->ticket_id);
  if (!_crm_store_step_done (self, update, error))
    return FALSE;

  /* the spammer's later mail goes to "Automatic mail" */
  if (closing->outcome == CRM_TICKET_OUTCOME_SPAM && closing->block &&
      (blocked = sender_of (self, closing->ticket_id)) != NULL)
    {
      g_autoptr(CrmStatement) block =
        _crm_store_prepare (self,
                            "INSERT INTO blocked_senders (address, ticket_id, blocked_by, blocked_at) "
                            "VALUES (?1, ?2, (SELECT id FROM users WHERE id = ?3), ?4) ON CONFLICT DO NOTHING",
                            error);

      if (block == NULL)
        return FALSE;
      crm_statement_bind_text (block, 1, blocked);
      crm_statement_bind_int64 (block, 2, closing->ticket_id);
      crm_statement_bind_int64 (block, 3, user_id);
      crm_statement_bind_int64 (block, 4, now);
      if (!_crm_store_step_done (self, block, error))
        return FALSE;
      /* only what this close blocked is unblocked by its undo */
      if (_crm_store_count_changes (self) > 0)
        g_variant_dict_insert (state, "blocked", "s", blocked);
    }

  switch (closing->outcome)
    {
    case CRM_TICKET_OUTCOME_WON:
      /* Translators: a system comment in a ticket */
      text = g_strdup (_("Closed as won"));
      break;
    case CRM_TICKET_OUTCOME_WONT_BUY:
      /* Translators: a system comment in a ticket; the reason the client gave */
      text = g_strdup_printf (_("Closed: the client won’t buy (%s)"), reason);
      break;
    case CRM_TICKET_OUTCOME_SPAM:
      text = blocked != NULL && g_variant_dict_contains (state, "blocked")
             /* Translators: a system comment in a ticket; an e-mail address */
             ? g_strdup_printf (_("Closed as spam; mail from %s is blocked"), blocked)
             /* Translators: a system comment in a ticket */
             : g_strdup (_("Closed as spam"));
      break;
    case CRM_TICKET_OUTCOME_SOLVED:
    default:
      /* Translators: a system comment in a ticket */
      text = g_strdup (_("Closed"));
      break;
    }
  if (!_crm_tickets_record_change (self, closing->ticket_id, "closed",
                                   closing->comment != NULL ? closing->comment : text, error))
    return FALSE;
  if (closing->no_undo)
    return TRUE;

  closing->step = _crm_tickets_journal (self, "close", closing->ticket_id, g_variant_dict_end (state), error);

  return closing->step != 0;
}

static gboolean
close_tx (CrmSession  *session,
          gpointer     user_data,
          GError     **error)
{
  return close_ticket (crm_ticket_store_from_session (session), user_data, error);
}

/* A request whose last project closed closes itself (RQ13), as won,
 * with @comment, in the caller's transaction; the project's reopening
 * reverses it (_crm_tickets_reopen ()), not an undo step. */
gboolean
_crm_tickets_close_as_won (CrmTicketStore  *self,
                           gint64           ticket_id,
                           const char      *comment,
                           GError         **error)
{
  Closing closing = { ticket_id, CRM_TICKET_OUTCOME_WON, NULL, FALSE, 0, comment, TRUE };

  return close_ticket (self, &closing, error);
}

/* Opens a closed ticket again with the office's first open status, its
 * outcome gone, and @comment, in the caller's transaction. */
gboolean
_crm_tickets_reopen (CrmTicketStore  *self,
                     gint64           ticket_id,
                     const char      *comment,
                     GError         **error)
{
  g_autoptr(CrmStatement) status = NULL;
  g_autoptr(CrmStatement) update = NULL;
  gboolean row = FALSE;

  if (!(status = _crm_store_prepare (self,
                                     "SELECT id FROM statuses WHERE kind IN ('open', 'new') "
                                     "ORDER BY CASE kind WHEN 'open' THEN 0 ELSE 1 END, position LIMIT 1",
                                     error)) ||
      !_crm_store_step_row (self, status, &row, error))
    return FALSE;
  if (!row)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("The office has no open status."));
      return FALSE;
    }
  if (!(update = _crm_store_prepare (self,
                                     "UPDATE tickets SET status_id = ?1, closed_at = NULL, closed_by = NULL, "
                                     "outcome = NULL, close_reason_id = NULL WHERE id = ?2",
                                     error)))
    return FALSE;
  crm_statement_bind_int64 (update, 1, crm_statement_get_int64 (status, 0));
  crm_statement_bind_int64 (update, 2, ticket_id);

  return _crm_store_step_done (self, update, error) &&
         _crm_tickets_record_change (self, ticket_id, "reopened", comment, error);
}

/**
 * crm_ticket_store_close:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket or request
 * @outcome: how it ended
 * @reason: (nullable): for %CRM_TICKET_OUTCOME_WONT_BUY, one of the
 *   office's reasons (crm_ticket_store_list_close_reasons())
 * @block_sender: for %CRM_TICKET_OUTCOME_SPAM, whether the sender's
 *   later mail goes to "Automatic mail" instead of a ticket
 * @error: return location for a #GError
 *
 * Closes the ticket with the office's closed status and its outcome; a
 * system comment and an audit row say how. This ticket only: the
 * client's next mail opens a new one (RQ11). Can be undone
 * (crm_ticket_store_undo()).
 *
 * Returns: the undo step, or 0 with @error set
 */
gint64
crm_ticket_store_close (CrmTicketStore    *self,
                        gint64             ticket_id,
                        CrmTicketOutcome   outcome,
                        const char        *reason,
                        gboolean           block_sender,
                        GError           **error)
{
  Closing closing = { ticket_id, outcome, reason, block_sender, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);
  g_return_val_if_fail (outcome <= CRM_TICKET_OUTCOME_SPAM, 0);

  if (outcome == CRM_TICKET_OUTCOME_WONT_BUY && (reason == NULL || *reason == '\0'))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Choose why the client won’t buy."));
      return 0;
    }
  if (!crm_session_run_in_transaction (_crm_session (self), close_tx, &closing, error))
    return 0;

  _crm_store_emit_changed (self, "ticket", ticket_id);

  return closing.step;
}

/* The office's reasons */

/**
 * crm_ticket_store_add_close_reason:
 * @self: a #CrmTicketStore
 * @name: a reason why clients do not buy ("Too expensive")
 * @error: return location for a #GError
 *
 * Adds a reason after the others, or offers again one that was no
 * longer offered. Administrators only (the team's server refuses
 * anyone else too).
 *
 * Returns: the reason's id, or 0 with @error set
 */
gint64
crm_ticket_store_add_close_reason (CrmTicketStore  *self,
                                   const char      *name,
                                   GError         **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autoptr(CrmStatement) insert = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  if (*stripped == '\0' || g_utf8_strlen (stripped, -1) > 100)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Enter a reason of 1 to 100 characters."));
      return 0;
    }
  if (!_crm_tickets_check_admin (self, _("Only an administrator may do that."), error))
    return 0;

  if (!(insert = _crm_store_prepare (self,
                                     "INSERT INTO close_reasons (name, position) VALUES "
                                     "(?1, (SELECT coalesce (max (position), 0) + 1 FROM close_reasons)) "
                                     "ON CONFLICT (name) DO UPDATE SET offered = 1 RETURNING id",
                                     error)))
    return 0;
  crm_statement_bind_text (insert, 1, stripped);
  if (crm_statement_step (insert) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return 0;
    }
  _crm_store_emit_changed (self, "settings", 0);

  return crm_statement_get_int64 (insert, 0);
}

/**
 * crm_ticket_store_list_close_reasons:
 * @self: a #CrmTicketStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the reasons offered, in the office's order
 */
GStrv
crm_ticket_store_list_close_reasons (CrmTicketStore  *self,
                                     GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, "SELECT name FROM close_reasons WHERE offered = 1 ORDER BY position, id", error)))
    return NULL;
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    g_strv_builder_add (names, crm_statement_get_text (stmt, 0));
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_strv_builder_end (names);
}

/**
 * crm_ticket_store_is_blocked:
 * @self: a #CrmTicketStore
 * @address: an e-mail address
 *
 * Returns: whether mail from @address is kept out of the tickets
 *   (closed as spam, the sender blocked)
 */
gboolean
crm_ticket_store_is_blocked (CrmTicketStore *self,
                             const char     *address)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);

  if (address == NULL || *address == '\0' ||
      !(stmt = _crm_store_prepare (self, "SELECT 1 FROM blocked_senders WHERE address = ?1", NULL)))
    return FALSE;
  crm_statement_bind_text (stmt, 1, address);

  return crm_statement_step (stmt) == CRM_STEP_ROW;
}

/* Whether the session's user may do what only administrators may; the
 * store itself, with no user (crmctl without --as), may. Else @error
 * says @refusal. */
gboolean
_crm_tickets_check_admin (CrmTicketStore  *self,
                          const char      *refusal,
                          GError         **error)
{
  g_autoptr(CrmUser) actor = NULL;
  gint64 user_id = crm_session_get_user_id (_crm_session (self));

  if (user_id == 0 || !(actor = crm_user_store_get (_crm_user_store_of (self), user_id, NULL)) ||
      crm_user_get_role (actor) == CRM_ROLE_ADMIN)
    return TRUE;
  g_set_error_literal (error, CRM_ERROR, CRM_ERROR_PERMISSION, refusal);

  return FALSE;
}

/* Statistics */

G_DEFINE_BOXED_TYPE (CrmOutcomeCount, crm_outcome_count, crm_outcome_count_copy, crm_outcome_count_free)

/**
 * crm_outcome_count_copy:
 * @count: a #CrmOutcomeCount
 *
 * Returns: (transfer full): a copy
 */
CrmOutcomeCount *
crm_outcome_count_copy (const CrmOutcomeCount *count)
{
  CrmOutcomeCount *copy = g_new0 (CrmOutcomeCount, 1);

  copy->outcome = count->outcome;
  copy->reason = g_strdup (count->reason);
  copy->manager_id = count->manager_id;
  copy->manager = g_strdup (count->manager);
  copy->count = count->count;

  return copy;
}

/**
 * crm_outcome_count_free:
 * @count: a #CrmOutcomeCount
 */
void
crm_outcome_count_free (CrmOutcomeCount *count)
{
  if (count == NULL)
    return;
  g_free (count->reason);
  g_free (count->manager);
  g_free (count);
}

/**
 * crm_ticket_store_count_outcomes:
 * @self: a #CrmTicketStore
 * @from: the period's start, a Unix time (0: from the beginning)
 * @to: the period's end, a Unix time, excluded (0: until now)
 * @error: return location for a #GError
 *
 * How the tickets and requests closed in the period ended, for each
 * outcome but "solved", each reason and each manager (the ticket's
 * assignee, else who closed it): the reasons' statistics (RQ9).
 * Ordered by outcome, then the most frequent reason first.
 *
 * Returns: (transfer full) (element-type CrmOutcomeCount): the counts,
 *   or %NULL with @error set
 */
GPtrArray *
crm_ticket_store_count_outcomes (CrmTicketStore  *self,
                                 gint64           from,
                                 gint64           to,
                                 GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_outcome_count_free);
  int rc;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT t.outcome, r.name, u.id, u.name, count (*) AS n "
                             "FROM tickets t LEFT JOIN close_reasons r ON r.id = t.close_reason_id "
                             "LEFT JOIN users u ON u.id = coalesce (t.assignee_id, t.closed_by) "
                             "WHERE t.outcome IS NOT NULL AND t.closed_at >= ?1 AND t.closed_at < ?2 "
                             "GROUP BY t.outcome, r.name, u.id, u.name "
                             "ORDER BY CASE t.outcome WHEN 'won' THEN 1 WHEN 'wont_buy' THEN 2 ELSE 3 END, "
                             "sum (count (*)) OVER (PARTITION BY t.outcome, r.name) DESC, r.name, n DESC, u.name",
                             error);
  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, from);
  crm_statement_bind_int64 (stmt, 2, to > 0 ? to : G_MAXINT64);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmOutcomeCount *count = g_new0 (CrmOutcomeCount, 1);

      count->outcome = crm_ticket_outcome_from_string (crm_statement_get_text (stmt, 0));
      count->reason = g_strdup (crm_statement_get_text (stmt, 1));
      count->manager_id = crm_statement_get_int64 (stmt, 2);
      count->manager = g_strdup (crm_statement_get_text (stmt, 3));
      count->count = (guint) crm_statement_get_int64 (stmt, 4);
      g_ptr_array_add (counts, count);
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&counts);
}
