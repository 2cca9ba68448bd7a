/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-template-expand.h"
#include "crm-template-store.h"
#include "crm-ticket-store-private.h"

/* Merging tickets (TK19): the tickets of one client that turn out to be
 * one matter become one. The merged ticket gives its mail, comments,
 * tags and followers to the other, whose conversation then holds both,
 * interleaved by time; it stays, closed, under its number, pointing to
 * the other (merged_into, 0029), so that mail naming its number, a
 * search for it and replies to its mail all come to the other. Undo
 * gives both back as they were (crm-ticket-store-undo.c). */

/* The ids @sql (with ?1 the ticket) selects, as a GVariant "ax". */
static GVariant *
collect (CrmTicketStore  *self,
         const char      *sql,
         gint64           ticket_id,
         gint64           other_id,
         GError         **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, sql, error);
  g_auto(GVariantBuilder) ids = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("ax"));
  int rc;

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  if (other_id != 0)
    crm_statement_bind_int64 (stmt, 2, other_id);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    g_variant_builder_add (&ids, "x", crm_statement_get_int64 (stmt, 0));
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_variant_builder_end (&ids);
}

static gboolean
run (CrmTicketStore  *self,
     const char      *sql,
     gint64           first,
     gint64           second,
     GError         **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, first);
  crm_statement_bind_int64 (stmt, 2, second);

  return _crm_store_step_done (self, stmt, error);
}

/* Whether the two tickets are the same client's: the same contact, the
 * same address, or the address of one the other's contact's. */
static gboolean
same_client (CrmTicketStore  *self,
             gint64           from,
             gint64           into,
             GError         **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self,
                        "SELECT 1 FROM tickets a, tickets b WHERE a.id = ?1 AND b.id = ?2 AND ("
                        "(a.client_id IS NOT NULL AND a.client_id = b.client_id) "
                        "OR (a.client_address IS NOT NULL AND lower (a.client_address) = lower (b.client_address)) "
                        "OR (a.client_id IS NOT NULL AND EXISTS (SELECT 1 FROM contact_emails e "
                        "WHERE e.contact_id = a.client_id AND e.address_norm = lower (b.client_address))) "
                        "OR (b.client_id IS NOT NULL AND EXISTS (SELECT 1 FROM contact_emails e "
                        "WHERE e.contact_id = b.client_id AND e.address_norm = lower (a.client_address))))",
                        error);
  gboolean row = FALSE;

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, from);
  crm_statement_bind_int64 (stmt, 2, into);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return FALSE;
  if (!row)
    g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                 /* Translators: two tickets' numbers */
                 _("Tickets #%lld and #%lld are not the same client’s: only a client’s own tickets are merged."),
                 (long long) from, (long long) into);

  return row;
}

/* The columns of the ticket a merge changes, as they were. */
static gboolean
remember_ticket (CrmTicketStore  *self,
                 gint64           ticket_id,
                 const char      *prefix,
                 GVariantDict    *state,
                 gint64          *merged_into,
                 GError         **error)
{
  static const char *columns[] = { "status_id", "closed_at", "closed_by", "has_mail", "last_message_at" };
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self,
                        "SELECT status_id, coalesce (closed_at, 0), coalesce (closed_by, 0), has_mail, last_message_at, "
                        "coalesce (merged_into, 0), outcome FROM tickets WHERE id = ?1",
                        error);
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
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *key = g_strconcat (prefix, columns[i], NULL);

      g_variant_dict_insert (state, key, "x", crm_statement_get_int64 (stmt, i));
    }
  if (!crm_statement_is_null (stmt, 6))
    {
      g_autofree char *key = g_strconcat (prefix, "outcome", NULL);

      g_variant_dict_insert (state, key, "s", crm_statement_get_text (stmt, 6));
    }
  *merged_into = crm_statement_get_int64 (stmt, 5);

  return TRUE;
}

/* The office's notice to the client of a merge: its template's text
 * (crm_ticket_store_set_merge_notice ()), filled in for the ticket that
 * holds both, with {merged_ticket_number} the merged one's number; else
 * the built-in text. */
static char *
merge_notice (CrmTicketStore  *self,
              gint64           from,
              gint64           into,
              GError         **error)
{
  g_autofree char *chosen = crm_session_get_setting (_crm_session (self), "merge-notice-template", NULL);
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(CrmTicket) ticket = NULL;
  g_autoptr(CrmUser) agent = NULL;
  g_autofree char *number = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *text = NULL;
  gint64 user_id = crm_session_get_user_id (_crm_session (self));

  if (chosen != NULL && *chosen != '\0')
    {
      if (!(stmt = _crm_store_prepare (self, "SELECT body FROM templates WHERE CAST (id AS TEXT) = ?", error)))
        return NULL;
      crm_statement_bind_text (stmt, 1, chosen);
    }
  /* none chosen, or the chosen one deleted since: the built-in text */
  if (stmt == NULL || crm_statement_step (stmt) != CRM_STEP_ROW)
    /* Translators: a mail to the client; two tickets' numbers */
    return g_strdup_printf (_("Your request #%lld is now handled together with #%lld. To add anything, please "
                              "reply to this message."),
                            (long long) from, (long long) into);

  number = g_strdup_printf ("%" G_GINT64_FORMAT, from);
  parts = g_strsplit (crm_statement_get_text (stmt, 0), "{merged_ticket_number}", -1);
  text = g_strjoinv (number, parts);
  if (!(ticket = crm_ticket_store_get (self, into, 0, error)))
    return NULL;
  if (user_id != 0)
    agent = crm_user_store_get (_crm_user_store_of (self), user_id, NULL);

  return crm_template_expand (text, ticket, agent);
}

typedef struct
{
  gint64    from;
  gint64    into;
  gboolean  notify;
  gint64    step;   /* out */
} Merge;

static gboolean
merge_tx (CrmSession  *session,
          gpointer     user_data,
          GError     **error)
{
  CrmTicketStore *self = crm_ticket_store_from_session (session);
  Merge *merge = user_data;
  g_autoptr(GVariantDict) state = g_variant_dict_new (NULL);
  g_autoptr(CrmStatement) close = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *joined = NULL;
  GVariant *ids;
  gint64 from_merged = 0, into_merged = 0;

  if (!remember_ticket (self, merge->from, "from_", state, &from_merged, error) ||
      !remember_ticket (self, merge->into, "into_", state, &into_merged, error))
    return FALSE;
  if (from_merged != 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT, _("Ticket #%lld was merged into #%lld already."),
                   (long long) merge->from, (long long) from_merged);
      return FALSE;
    }
  if (into_merged != 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   _("Ticket #%lld was merged into #%lld: merge into that one."),
                   (long long) merge->into, (long long) into_merged);
      return FALSE;
    }
  if (!same_client (self, merge->from, merge->into, error))
    return FALSE;

  g_variant_dict_insert (state, "from", "x", merge->from);
  /* what goes, by id, to give back */
  if (!(ids = collect (self, "SELECT id FROM messages WHERE ticket_id = ?1 ORDER BY id", merge->from, 0, error)))
    return FALSE;
  g_variant_dict_insert_value (state, "messages", ids);
  if (!(ids = collect (self, "SELECT id FROM ticket_comments WHERE ticket_id = ?1 ORDER BY id", merge->from, 0, error)))
    return FALSE;
  g_variant_dict_insert_value (state, "comments", ids);
  if (!(ids = collect (self, "SELECT tag_id FROM ticket_tags WHERE ticket_id = ?1 AND tag_id NOT IN "
                             "(SELECT tag_id FROM ticket_tags WHERE ticket_id = ?2)", merge->from, merge->into, error)))
    return FALSE;
  g_variant_dict_insert_value (state, "tags", ids);
  if (!(ids = collect (self, "SELECT user_id FROM ticket_followers WHERE ticket_id = ?1 AND user_id NOT IN "
                             "(SELECT user_id FROM ticket_followers WHERE ticket_id = ?2)", merge->from, merge->into,
                       error)))
    return FALSE;
  g_variant_dict_insert_value (state, "followers", ids);
  if (!(ids = collect (self, "SELECT id FROM activities WHERE ticket_id = ?1 ORDER BY id", merge->from, 0, error)))
    return FALSE;
  g_variant_dict_insert_value (state, "activities", ids);

  /* the conversation: both, interleaved by time as the timeline reads it */
  if (!run (self, "UPDATE messages SET ticket_id = ?1 WHERE ticket_id = ?2", merge->into, merge->from, error) ||
      !run (self, "UPDATE ticket_comments SET ticket_id = ?1 WHERE ticket_id = ?2", merge->into, merge->from, error) ||
      !run (self, "UPDATE activities SET ticket_id = ?1 WHERE ticket_id = ?2", merge->into, merge->from, error) ||
      !run (self, "INSERT INTO ticket_tags (ticket_id, tag_id) SELECT ?1, tag_id FROM ticket_tags "
                  "WHERE ticket_id = ?2 ON CONFLICT DO NOTHING", merge->into, merge->from, error) ||
      !run (self, "INSERT INTO ticket_followers (ticket_id, user_id) SELECT ?1, user_id FROM ticket_followers "
                  "WHERE ticket_id = ?2 ON CONFLICT DO NOTHING", merge->into, merge->from, error) ||
      !run (self, "UPDATE tickets SET last_message_at = (SELECT max (last_message_at) FROM tickets "
                  "WHERE id IN (?1, ?2)), has_mail = (SELECT max (has_mail) FROM tickets WHERE id IN (?1, ?2)) "
                  "WHERE id = ?1", merge->into, merge->from, error))
    return FALSE;

  /* the merged one: closed, pointing to where its mail is */
  if (!(close = _crm_store_prepare (self,
                                    "UPDATE tickets SET status_id = (SELECT id FROM statuses WHERE kind = 'closed' "
                                    "ORDER BY position LIMIT 1), closed_at = ?1, closed_by = (SELECT id FROM users "
                                    "WHERE id = ?2), has_mail = 0, outcome = NULL, close_reason_id = NULL, "
                                    "merged_into = ?3 WHERE id = ?4",
                                    error)))
    return FALSE;
  crm_statement_bind_int64 (close, 1, crm_clock_now_unix (crm_session_get_clock (session)));
  crm_statement_bind_int64 (close, 2, crm_session_get_user_id (session));
  crm_statement_bind_int64 (close, 3, merge->into);
  crm_statement_bind_int64 (close, 4, merge->from);
  if (!_crm_store_step_done (self, close, error))
    return FALSE;

  /* Translators: a system comment in a ticket merged into another; its number */
  gone = g_strdup_printf (_("Merged into ticket #%lld: its mail and comments are there"), (long long) merge->into);
  /* Translators: a system comment in a ticket; the number of the ticket merged into it */
  joined = g_strdup_printf (_("Ticket #%lld was merged into this one"), (long long) merge->from);
  if (!_crm_tickets_record_change (self, merge->from, "merged", gone, error) ||
      !_crm_tickets_record_change (self, merge->into, "merged", joined, error))
    return FALSE;

  /* the client told, through the outbox (with its undo window) */
  if (merge->notify)
    {
      g_autofree char *notice = merge_notice (self, merge->from, merge->into, error);

      if (notice == NULL || crm_ticket_store_reply (self, merge->into, notice, NULL, NULL, 0, error) == 0)
        return FALSE;
    }

  merge->step = _crm_tickets_journal (self, "merge", merge->into, g_variant_dict_end (state), error);

  return merge->step != 0;
}

/**
 * crm_ticket_store_merge:
 * @self: a #CrmTicketStore
 * @from: the ticket merged
 * @into: the ticket that holds both from now
 * @notify_client: whether the client is told, by a mail through the
 *   outbox
 * @error: return location for a #GError
 *
 * Merges two tickets of the same client (TK19): @into's conversation
 * holds the mail and comments of both, interleaved by time, and their
 * tags and followers; @from stays, closed, pointing to @into, so that
 * mail and searches naming its number find @into. A system comment in
 * each says so. Can be undone (crm_ticket_store_undo()).
 *
 * Returns: the undo step, or 0 with @error set
 */
gint64
crm_ticket_store_merge (CrmTicketStore  *self,
                        gint64           from,
                        gint64           into,
                        gboolean         notify_client,
                        GError         **error)
{
  Merge merge = { from, into, notify_client, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  if (from == into)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("A ticket cannot be merged into itself."));
      return 0;
    }
  if (!crm_session_run_in_transaction (_crm_session (self), merge_tx, &merge, error))
    return 0;

  _crm_store_emit_changed (self, "ticket", from);
  _crm_store_emit_changed (self, "ticket", into);

  return merge.step;
}

/* The ticket that holds @ticket_id's mail now: itself, or the one it
 * was merged into (and so on). */
gint64
_crm_tickets_follow_merges (CrmTicketStore *self,
                            gint64          ticket_id)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "SELECT merged_into FROM tickets WHERE id = ?1", NULL);

  /* a chain of merges is short; a loop is impossible (a merged ticket
   * takes no merge), the bound only in case */
  for (guint i = 0; stmt != NULL && i < 16; i++)
    {
      crm_statement_reset (stmt);
      crm_statement_bind_int64 (stmt, 1, ticket_id);
      if (crm_statement_step (stmt) != CRM_STEP_ROW || crm_statement_is_null (stmt, 0))
        break;
      ticket_id = crm_statement_get_int64 (stmt, 0);
    }

  return ticket_id;
}

static gboolean
set_last_message (CrmTicketStore  *self,
                  gint64           ticket_id,
                  gint64           last,
                  gint64           merged,
                  GError         **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self, "UPDATE tickets SET last_message_at = ?1 WHERE id = ?2 AND last_message_at = ?3", error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, last);
  crm_statement_bind_int64 (stmt, 2, ticket_id);
  crm_statement_bind_int64 (stmt, 3, merged);

  return _crm_store_step_done (self, stmt, error);
}

/* Gives a merge back: the merged ticket's mail, comments and state;
 * the tags and followers it brought taken off the other. Refused when
 * the other is gone or merged on since. */
char *
_crm_tickets_undo_merge (CrmTicketStore  *self,
                         gint64           into,
                         GVariantDict    *state,
                         GError         **error)
{
  static const char *columns[] = { "status_id", "closed_at", "closed_by", "has_mail", "last_message_at" };
  g_autoptr(GVariant) messages = g_variant_dict_lookup_value (state, "messages", G_VARIANT_TYPE ("ax"));
  g_autoptr(GVariant) comments = g_variant_dict_lookup_value (state, "comments", G_VARIANT_TYPE ("ax"));
  g_autoptr(GVariant) tags = g_variant_dict_lookup_value (state, "tags", G_VARIANT_TYPE ("ax"));
  g_autoptr(GVariant) followers = g_variant_dict_lookup_value (state, "followers", G_VARIANT_TYPE ("ax"));
  g_autoptr(GVariant) activities = g_variant_dict_lookup_value (state, "activities", G_VARIANT_TYPE ("ax"));
  g_autoptr(CrmStatement) from_now = NULL;
  g_autoptr(CrmStatement) restore = NULL;
  g_autofree char *outcome = NULL;
  gint64 from = 0;
  gboolean row = FALSE;
  struct { GVariant *ids; const char *sql; gint64 to; } moves[] = {
    { messages, "UPDATE messages SET ticket_id = ?1 WHERE id = ?2 AND ticket_id = ?3", 0 },
    { comments, "UPDATE ticket_comments SET ticket_id = ?1 WHERE id = ?2 AND ticket_id = ?3", 0 },
    { activities, "UPDATE activities SET ticket_id = ?1 WHERE id = ?2 AND ticket_id = ?3", 0 },
    { tags, "DELETE FROM ticket_tags WHERE ticket_id = ?3 AND tag_id = ?2 AND ?1 <> 0", 0 },
    { followers, "DELETE FROM ticket_followers WHERE ticket_id = ?3 AND user_id = ?2 AND ?1 <> 0", 0 },
  };

  g_variant_dict_lookup (state, "from", "x", &from);
  if (!(from_now = _crm_store_prepare (self, "SELECT coalesce (merged_into, 0) FROM tickets WHERE id = ?1", error)))
    return NULL;
  crm_statement_bind_int64 (from_now, 1, from);
  if (!_crm_store_step_row (self, from_now, &row, error))
    return NULL;
  if (!row || crm_statement_get_int64 (from_now, 0) != into)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   _("Ticket #%lld was changed since, so this cannot be undone: it is “%s” now."),
                   (long long) from, "");
      return NULL;
    }

  for (guint m = 0; m < G_N_ELEMENTS (moves); m++)
    {
      g_autoptr(CrmStatement) stmt = NULL;
      GVariantIter iter;
      gint64 id;

      if (moves[m].ids == NULL)
        continue;
      if (!(stmt = _crm_store_prepare (self, moves[m].sql, error)))
        return NULL;
      g_variant_iter_init (&iter, moves[m].ids);
      while (g_variant_iter_next (&iter, "x", &id))
        {
          crm_statement_reset (stmt);
          crm_statement_bind_int64 (stmt, 1, from);
          crm_statement_bind_int64 (stmt, 2, id);
          crm_statement_bind_int64 (stmt, 3, into);
          if (!_crm_store_step_done (self, stmt, error))
            return NULL;
        }
    }

  /* both as they were; @into keeps a newer mail's time */
  if (!(restore = _crm_store_prepare (self,
                                      "UPDATE tickets SET status_id = ?1, closed_at = CASE WHEN CAST (?2 AS BIGINT) <> 0 "
                                      "THEN CAST (?2 AS BIGINT) END, closed_by = (SELECT id FROM users WHERE id = ?3), "
                                      "has_mail = ?4, last_message_at = ?5, merged_into = NULL, outcome = ?6 "
                                      "WHERE id = ?7",
                                      error)))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *key = g_strconcat ("from_", columns[i], NULL);
      gint64 value = 0;

      g_variant_dict_lookup (state, key, "x", &value);
      crm_statement_bind_int64 (restore, i + 1, value);
    }
  if (g_variant_dict_lookup (state, "from_outcome", "s", &outcome))
    crm_statement_bind_text (restore, 6, outcome);
  else
    crm_statement_bind_null (restore, 6);
  crm_statement_bind_int64 (restore, 7, from);
  if (!_crm_store_step_done (self, restore, error))
    return NULL;
  {
    gint64 has_mail = 0, last = 0, from_last = 0;

    g_variant_dict_lookup (state, "from_last_message_at", "x", &from_last);
    g_variant_dict_lookup (state, "into_has_mail", "x", &has_mail);
    g_variant_dict_lookup (state, "into_last_message_at", "x", &last);
    if (!run (self, "UPDATE tickets SET has_mail = CASE WHEN EXISTS (SELECT 1 FROM messages WHERE ticket_id = ?1) "
                    "THEN CAST (?2 AS BIGINT) ELSE 0 END WHERE id = ?1", into, MAX (has_mail, 1), error) ||
        /* its own time back, unless mail came since the merge */
        !set_last_message (self, into, last, MAX (last, from_last), error))
      return NULL;
  }

  {
    /* Translators: a system comment in the ticket a merge went to; the merged ticket's number */
    g_autofree char *back = g_strdup_printf (_("Merge undone: ticket #%lld has its mail again"), (long long) from);

    if (!_crm_tickets_record_change (self, from, "undone", back, error))
      return NULL;

    return g_steal_pointer (&back);
  }
}

/**
 * crm_ticket_store_get_merge_notice:
 * @self: a #CrmTicketStore
 * @template_id: (out) (optional): the template of the notice, or 0 for
 *   the built-in text
 *
 * The office's notice to the client when their tickets are merged
 * (TK19).
 *
 * Returns: whether the client is told by default
 */
gboolean
crm_ticket_store_get_merge_notice (CrmTicketStore *self,
                                   gint64         *template_id)
{
  g_autofree char *by_default = NULL;
  g_autofree char *chosen = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);

  by_default = crm_session_get_setting (_crm_session (self), "merge-notice-default", NULL);
  if (template_id != NULL)
    {
      guint64 id = 0;

      chosen = crm_session_get_setting (_crm_session (self), "merge-notice-template", NULL);
      if (chosen == NULL || !g_ascii_string_to_unsigned (chosen, 10, 1, G_MAXINT64, &id, NULL))
        id = 0;
      *template_id = (gint64) id;
    }

  return g_strcmp0 (by_default, "1") == 0;
}

/**
 * crm_ticket_store_set_merge_notice:
 * @self: a #CrmTicketStore
 * @by_default: whether the client is told by default
 * @template_id: the office's template of the notice (it may use
 *   {merged_ticket_number} besides the usual placeholders), or 0 for the
 *   built-in text
 * @error: return location for a #GError
 *
 * An office setting: administrators only.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_ticket_store_set_merge_notice (CrmTicketStore  *self,
                                   gboolean         by_default,
                                   gint64           template_id,
                                   GError         **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);

  if (template_id != 0)
    {
      gboolean exists = FALSE;

      if (!_crm_store_exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM templates WHERE id = ?)", NULL,
                              template_id, &exists, error))
        return FALSE;
      if (!exists)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no template with id %lld."),
                       (long long) template_id);
          return FALSE;
        }
      id = g_strdup_printf ("%" G_GINT64_FORMAT, template_id);
    }

  return crm_session_set_setting (_crm_session (self), "merge-notice-default", by_default ? "1" : "0", error) &&
         crm_session_set_setting (_crm_session (self), "merge-notice-template", id ? id : "", error);
}
