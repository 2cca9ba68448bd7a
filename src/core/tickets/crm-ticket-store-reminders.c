/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tickets"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-ticket-private.h"
#include "crm-ticket-store-private.h"

/* The no-reply reminder (RQ12): a ticket whose last mail is ours waits
 * for the client's answer since that mail (tickets.awaiting_since,
 * 0031, kept by every mail that joins or leaves a ticket); after the
 * office's number of days it is flagged, and its manager is reminded
 * once: the reminder is claimed by a conditional update, so that one
 * desktop of the office reminds, whichever, once, however long the
 * application was closed. Times come from the session's clock. */

#define DEFAULT_DAYS 3
#define MAX_DAYS 60

/* Since when @ticket_id waits for an answer: its newest mail with the
 * client's time when that mail is ours, else never (a forward and what
 * its recipients answer are not the client's conversation, TK18); a new
 * wait is reminded anew, the same wait not again. */
#define AWAITING \
  "SELECT CASE WHEN m.direction = 'out' THEN m.created_at END FROM messages m " \
  "WHERE m.ticket_id = ?1 AND m.role IS NULL ORDER BY m.id DESC LIMIT 1"

gboolean
_crm_tickets_update_awaiting (CrmTicketStore  *self,
                              gint64           ticket_id,
                              GError         **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self,
                        "UPDATE tickets SET awaiting_since = (" AWAITING "), "
                        "reminded_at = CASE WHEN awaiting_since IS NOT DISTINCT FROM (" AWAITING ") THEN reminded_at END "
                        "WHERE id = ?1",
                        error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, ticket_id);

  return _crm_store_step_done (self, stmt, error);
}

/**
 * crm_ticket_store_get_no_answer_days:
 * @self: a #CrmTicketStore
 *
 * Returns: after how many days without the client's answer a ticket is
 *   flagged and its manager reminded (RQ12); 0 for never
 */
guint
crm_ticket_store_get_no_answer_days (CrmTicketStore *self)
{
  g_autofree char *text = NULL;
  guint64 days;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), DEFAULT_DAYS);

  text = crm_session_get_setting (_crm_session (self), "no-answer-days", NULL);
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, MAX_DAYS, &days, NULL))
    return DEFAULT_DAYS;

  return (guint) days;
}

/**
 * crm_ticket_store_set_no_answer_days:
 * @self: a #CrmTicketStore
 * @days: 0 (never) to 60
 * @error: return location for a #GError
 *
 * An office setting: administrators only.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_ticket_store_set_no_answer_days (CrmTicketStore  *self,
                                     guint            days,
                                     GError         **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);

  if (days > MAX_DAYS)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("Choose 0 (never) to %d days."), MAX_DAYS);
      return FALSE;
    }
  text = g_strdup_printf ("%u", days);

  return crm_session_set_setting (_crm_session (self), "no-answer-days", text, error);
}

/**
 * crm_ticket_no_answer_days:
 * @ticket: a ticket
 * @days: the office's number of days (crm_ticket_store_get_no_answer_days())
 * @now: the time now, a Unix time
 *
 * Returns: for how many whole days the ticket's last mail, ours, has
 *   had no answer, when that is @days or more and the ticket is not
 *   closed; else 0: the flag of the lists and the card
 */
guint
crm_ticket_no_answer_days (CrmTicket *ticket,
                           guint      days,
                           gint64     now)
{
  gint64 since;

  g_return_val_if_fail (CRM_IS_TICKET (ticket), 0);

  since = crm_ticket_get_awaiting_since (ticket);
  if (days == 0 || since == 0 || g_strcmp0 (crm_ticket_get_status_kind (ticket), "closed") == 0 ||
      now - since < (gint64) days * 86400)
    return 0;

  return (guint) ((now - since) / 86400);
}

typedef struct
{
  gint64      user_id;
  GListModel *claimed;   /* out */
} Claim;

static gboolean
claim_tx (CrmSession  *session,
          gpointer     user_data,
          GError     **error)
{
  CrmTicketStore *self = crm_ticket_store_from_session (session);
  Claim *claim = user_data;
  guint days = crm_ticket_store_get_no_answer_days (self);
  gint64 now = crm_clock_now_unix (crm_session_get_clock (session));
  g_autoptr(CrmStatement) due = NULL;
  g_autoptr(CrmStatement) mark = NULL;
  g_autoptr(GArray) ids = NULL;
  GListStore *claimed = g_list_store_new (CRM_TYPE_TICKET);

  claim->claimed = G_LIST_MODEL (claimed);
  if (days == 0)
    return TRUE;

  /* on the index of waiting tickets (0031) */
  if (!(due = _crm_store_prepare (self,
                                  "SELECT t.id FROM tickets t WHERE t.assignee_id = ?1 AND t.awaiting_since IS NOT NULL "
                                  "AND t.reminded_at IS NULL AND t.awaiting_since <= ?2 AND t.status_id NOT IN "
                                  "(SELECT id FROM statuses WHERE kind = 'closed') ORDER BY t.awaiting_since LIMIT 50",
                                  error)))
    return FALSE;
  crm_statement_bind_int64 (due, 1, claim->user_id);
  crm_statement_bind_int64 (due, 2, now - (gint64) days * 86400);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!_crm_store_step_ids (self, due, ids, error))
    return FALSE;

  /* claimed once: another desktop of the office may be at it too */
  if (!(mark = _crm_store_prepare (self, "UPDATE tickets SET reminded_at = ?1 WHERE id = ?2 AND reminded_at IS NULL",
                                   error)))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CrmTicket) ticket = NULL;
      gint64 id = g_array_index (ids, gint64, i);

      crm_statement_reset (mark);
      crm_statement_bind_int64 (mark, 1, now);
      crm_statement_bind_int64 (mark, 2, id);
      if (!_crm_store_step_done (self, mark, error))
        return FALSE;
      if (_crm_store_count_changes (self) == 0)
        continue;
      if (!(ticket = crm_ticket_store_get (self, id, claim->user_id, error)))
        return FALSE;
      g_list_store_append (claimed, ticket);
    }

  return TRUE;
}

/**
 * crm_ticket_store_claim_reminders:
 * @self: a #CrmTicketStore
 * @user_id: the manager
 * @error: return location for a #GError
 *
 * The manager's tickets that have waited the office's number of days
 * for the client's answer and were not reminded of yet, each marked
 * reminded: the desktop that claims a ticket says so, once (RQ12).
 *
 * Returns: (transfer full): a list of #CrmTicket, or %NULL with @error
 *   set
 */
GListModel *
crm_ticket_store_claim_reminders (CrmTicketStore  *self,
                                  gint64           user_id,
                                  GError         **error)
{
  Claim claim = { user_id, NULL };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  if (!crm_session_run_in_transaction (_crm_session (self), claim_tx, &claim, error))
    {
      g_clear_object (&claim.claimed);
      return NULL;
    }

  return claim.claimed;
}

static gboolean
claim_write (CrmSession    *writer,
             gpointer       data,
             gpointer      *result,
             GCancellable  *cancellable,
             GError       **error)
{
  *result = crm_ticket_store_claim_reminders (crm_ticket_store_from_session (writer), *(gint64 *) data, error);

  return *result != NULL;
}

/**
 * crm_ticket_store_claim_reminders_async:
 * @self: a #CrmTicketStore
 * @user_id: the manager
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the tickets claimed
 * @user_data: for @callback
 *
 * crm_ticket_store_claim_reminders() on a writer of its own.
 */
void
crm_ticket_store_claim_reminders_async (CrmTicketStore      *self,
                                        gint64               user_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (CRM_IS_TICKET_STORE (self));

  crm_session_write_async (_crm_session (self), claim_write, g_memdup2 (&user_id, sizeof user_id), g_free,
                           g_object_unref, cancellable, callback, user_data);
}

/**
 * crm_ticket_store_claim_reminders_finish:
 * @self: a #CrmTicketStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): as crm_ticket_store_claim_reminders()
 */
GListModel *
crm_ticket_store_claim_reminders_finish (CrmTicketStore  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  return crm_session_write_finish (_crm_session (self), result, error);
}
