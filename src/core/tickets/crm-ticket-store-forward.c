/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-attachment.h"
#include "crm-error.h"
#include "crm-message-store.h"
#include "crm-normalize.h"
#include "crm-outbox.h"
#include "crm-outgoing-message.h"
#include "crm-ticket-store-private.h"
#include "crm-ticket-timeline.h"

/* Forwarding a ticket (TK18): to people outside the conversation (a
 * supplier, a colleague in another office) with a note, the ticket's
 * number, status and subject, who forwarded it, and its whole history:
 * the mail both ways, with their files, and the internal comments when
 * asked. The forward is our mail in the ticket (messages.role
 * 'forward', migration 0033), through the outbox and its undo window
 * like a reply; it neither answers the client nor makes the ticket wait
 * for them. What its recipients answer comes back into the ticket as a
 * third party's mail (routing: messages.role 'third-party'), never
 * taken for the client's answer and never sent on to the client. */

#define MAX_RECIPIENTS CRM_OUTGOING_MAX_CC
/* the files that go with it, together: what a mail server takes */
#define MAX_FILES_SIZE CRM_OUTGOING_MAX_ATTACHMENT

typedef struct
{
  gint64              ticket_id;
  const char * const *to;
  const char         *note;
  gboolean            with_comments;
  gboolean            replies_here;
  gint64              due;
  gint64              outbox_id;   /* out */
} Forward;

static char *
format_time (gint64 at)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (at);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/* One entry of the history as the recipients read it. */
static void
append_entry (GString                *body,
              const CrmTimelineEntry *entry)
{
  g_autofree char *at = format_time (entry->at);
  g_autofree char *heading = NULL;

  switch (entry->kind)
    {
    case CRM_TIMELINE_ENTRY_IN:
      /* Translators: a heading in a forwarded ticket's history: when, and who wrote */
      heading = g_strdup_printf (_("%s, from %s"), at, entry->who ? entry->who : "");
      break;
    case CRM_TIMELINE_ENTRY_OUT:
      /* Translators: a heading in a forwarded ticket's history: when, and to whom we wrote */
      heading = g_strdup_printf (_("%s, our mail to %s"), at, entry->who ? entry->who : "");
      break;
    case CRM_TIMELINE_ENTRY_COMMENT:
      /* Translators: a heading in a forwarded ticket's history: when, and the comment's author */
      heading = g_strdup_printf (_("%s, internal comment by %s"), at, entry->who ? entry->who : "");
      break;
    case CRM_TIMELINE_ENTRY_SYSTEM:
    default:
      return;
    }

  g_string_append_printf (body, "\n----- %s -----\n", heading);
  if (entry->text != NULL)
    {
      g_autofree char *text = g_strstrip (g_strdup (entry->text));

      g_string_append (body, text);
      g_string_append_c (body, '\n');
    }
  for (guint i = 0; entry->attachments != NULL && i < g_list_model_get_n_items (entry->attachments); i++)
    {
      g_autoptr(CrmAttachment) file = g_list_model_get_item (entry->attachments, i);

      /* Translators: a file of a mail in a forwarded ticket's history */
      g_string_append_printf (body, _("[File: %s]\n"), crm_attachment_get_name (file));
    }
}

/* The files of the history, as long as they fit together; the others
 * named in the text. */
static gboolean
add_files (CrmTicketStore      *store,
           CrmOutgoingMessage  *out,
           GPtrArray           *timeline,
           GString             *body,
           GError             **error)
{
  g_autoptr(GString) left_out = g_string_new (NULL);
  gint64 total = 0;

  for (guint i = 0; i < timeline->len; i++)
    {
      const CrmTimelineEntry *entry = g_ptr_array_index (timeline, i);

      if (entry->kind != CRM_TIMELINE_ENTRY_IN && entry->kind != CRM_TIMELINE_ENTRY_OUT)
        continue;
      for (guint j = 0; entry->attachments != NULL && j < g_list_model_get_n_items (entry->attachments); j++)
        {
          g_autoptr(CrmAttachment) file = g_list_model_get_item (entry->attachments, j);
          g_autoptr(GBytes) data = NULL;

          if (total + crm_attachment_get_size (file) > MAX_FILES_SIZE)
            {
              g_string_append_printf (left_out, "%s%s", left_out->len > 0 ? ", " : "", crm_attachment_get_name (file));
              continue;
            }
          if (!(data = crm_message_store_get_attachment_data (_crm_message_store_of (store),
                                                              crm_attachment_get_id (file), error)))
            return FALSE;
          total += g_bytes_get_size (data);
          crm_outgoing_message_add_attachment (out, crm_attachment_get_name (file),
                                               crm_attachment_get_mime_type (file), data);
        }
    }

  if (left_out->len > 0)
    /* Translators: at the end of a forwarded ticket; file names */
    g_string_append_printf (body, _("\nNot attached, too large to send together: %s\n"), left_out->str);

  return TRUE;
}

static gboolean
forward_tx (CrmSession  *session,
            gpointer     user_data,
            GError     **error)
{
  CrmTicketStore *store = crm_ticket_store_from_session (session);
  Forward *forward = user_data;
  g_autoptr(CrmTicket) ticket = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmOutgoingMessage) out = NULL;
  g_autoptr(CrmStatement) who = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) recipients = g_string_new (NULL);
  g_autofree char *subject = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *by = NULL;
  g_autofree char *by_address = NULL;
  gint64 user_id = crm_session_get_user_id (session);
  gint64 now = crm_clock_now_unix (crm_session_get_clock (session));
  gint64 account_id;

  if (!(ticket = crm_ticket_store_get (store, forward->ticket_id, 0, error)) ||
      !(account_id = _crm_tickets_sending_account (store, forward->ticket_id, error)) ||
      !(account = crm_account_store_get (_crm_account_store_of (store), account_id, error)) ||
      !(timeline = crm_ticket_timeline_read (session, forward->ticket_id, NULL, NULL, error)))
    return FALSE;

  if (!(who = _crm_store_prepare (store, "SELECT name, email FROM users WHERE id = ?", error)))
    return FALSE;
  crm_statement_bind_int64 (who, 1, user_id);
  if (crm_statement_step (who) == CRM_STEP_ROW)
    {
      by = g_strdup (crm_statement_get_text (who, 0));
      by_address = g_strdup (crm_statement_get_text (who, 1));
    }
  if (by == NULL)
    by = g_strdup (crm_account_get_display_name (account) ? crm_account_get_display_name (account)
                                                          : crm_account_get_address (account));

  out = crm_outgoing_message_new (crm_account_get_display_name (account), crm_account_get_address (account));
  for (guint i = 0; forward->to[i] != NULL; i++)
    {
      crm_outgoing_message_add_to (out, forward->to[i]);
      g_string_append_printf (recipients, "%s%s", i > 0 ? ", " : "", forward->to[i]);
    }
  /* answers to the office's mailbox come back into the ticket; else to
   * the user who forwarded it */
  if (!forward->replies_here && by_address != NULL && *by_address != '\0')
    crm_outgoing_message_set_reply_to (out, by_address);

  /* Translators: a forwarded ticket's subject: its subject and number */
  subject = g_strdup_printf (_("Fwd: %s [#%lld]"), crm_ticket_get_subject (ticket), (long long) forward->ticket_id);
  crm_outgoing_message_set_subject (out, subject);

  if (forward->note != NULL)
    {
      g_autofree char *note = g_strstrip (g_strdup (forward->note));

      if (*note != '\0')
        g_string_append_printf (body, "%s\n\n", note);
    }
  /* Translators: a forwarded ticket's text: the line before its details */
  g_string_append_printf (body, "%s\n", _("---------- Forwarded ticket ----------"));
  /* Translators: a forwarded ticket's details, one a line */
  g_string_append_printf (body, _("Ticket: #%lld\n"), (long long) forward->ticket_id);
  g_string_append_printf (body, _("Status: %s\n"), crm_ticket_get_status (ticket));
  g_string_append_printf (body, _("Subject: %s\n"), crm_ticket_get_subject (ticket));
  if (crm_ticket_get_client_name (ticket) != NULL || crm_ticket_get_client_address (ticket) != NULL)
    g_string_append_printf (body, _("Client: %s\n"), crm_ticket_get_client_name (ticket) ? crm_ticket_get_client_name (ticket)
                                                                                          : crm_ticket_get_client_address (ticket));
  g_string_append_printf (body, _("Forwarded by: %s\n"), by);
  g_string_append_printf (body, "%s\n", forward->replies_here
                                        ? _("Your reply to this mail comes back to the ticket; the client does not see it.")
                                        : _("Your reply to this mail goes to the person who forwarded it."));

  for (guint i = 0; i < timeline->len; i++)
    {
      const CrmTimelineEntry *entry = g_ptr_array_index (timeline, i);

      if (entry->kind == CRM_TIMELINE_ENTRY_COMMENT && !forward->with_comments)
        continue;
      append_entry (body, entry);
    }
  if (!add_files (store, out, timeline, body, error))
    return FALSE;
  crm_outgoing_message_set_body (out, body->str);

  /* Translators: why a forward is in its ticket: who forwarded it */
  reason = g_strdup_printf (_("Forwarded by %s"), by);
  if (!(forward->outbox_id = crm_outbox_queue (_crm_outbox_of (store), "ticket-reply", account_id, out,
                                               MAX (forward->due, now), error)) ||
      !_crm_tickets_store_outgoing (store, forward->ticket_id, forward->outbox_id, body->str, "forward", reason, error))
    return FALSE;

  comment = forward->with_comments
            /* Translators: a system comment; the addresses a ticket was forwarded to */
            ? g_strdup_printf (_("Forwarded to %s, with the internal comments"), recipients->str)
            /* Translators: a system comment; the addresses a ticket was forwarded to */
            : g_strdup_printf (_("Forwarded to %s"), recipients->str);

  return _crm_tickets_record_change (store, forward->ticket_id, "forwarded", comment, error);
}

/**
 * crm_ticket_store_forward:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @to: (array zero-terminated=1): the addresses, at most 30
 * @note: (nullable): what the user writes above the ticket
 * @with_comments: whether the internal comments go too
 * @replies_here: whether answers come back into the ticket (through the
 *   office's mailbox), rather than to the user who forwards it
 * @due: when it goes: now plus the undo window
 * @error: return location for a #GError
 *
 * Forwards the ticket (TK18): its number, status, subject, who
 * forwarded it and its whole history, with the files. What the
 * recipients answer comes back as a third party's mail.
 *
 * Returns: the outbox row's id (crm_outbox_cancel() takes it back),
 *   or 0 with @error set
 */
gint64
crm_ticket_store_forward (CrmTicketStore      *self,
                          gint64               ticket_id,
                          const char * const  *to,
                          const char          *note,
                          gboolean             with_comments,
                          gboolean             replies_here,
                          gint64               due,
                          GError             **error)
{
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
  Forward forward = { ticket_id, NULL, note, with_comments, replies_here, due, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  for (guint i = 0; to != NULL && to[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      char *address = crm_normalize_email (to[i], &local_error);

      if (address == NULL)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: an address a ticket is forwarded to, and why it is wrong */
                       _("“%s” is not an e-mail address: %s"), to[i], local_error->message);
          return 0;
        }
      if (g_ptr_array_find_with_equal_func (addresses, address, g_str_equal, NULL))
        g_free (address);
      else
        g_ptr_array_add (addresses, address);
    }
  if (addresses->len == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Say whom to forward the ticket to."));
      return 0;
    }
  if (addresses->len > MAX_RECIPIENTS)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: the most addresses a ticket is forwarded to at once */
                   _("A ticket can be forwarded to at most %d addresses at once."), MAX_RECIPIENTS);
      return 0;
    }
  g_ptr_array_add (addresses, NULL);
  forward.to = (const char * const *) addresses->pdata;

  if (!crm_session_run_in_transaction (_crm_session (self), forward_tx, &forward, error))
    return 0;

  _crm_store_emit_changed (self, "ticket", ticket_id);
  _crm_store_emit_changed (self, "message", 0);

  return forward.outbox_id;
}

/* Whether @address, not the ticket's client, is one a forward of the
 * ticket went to: their mail is a third party's (TK18). */
gboolean
_crm_tickets_is_third_party (CrmTicketStore *store,
                             gint64          ticket_id,
                             const char     *address)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *pattern = NULL;

  if (address == NULL || *address == '\0')
    return FALSE;

  stmt = _crm_store_prepare (store,
                             "SELECT 1 FROM messages m WHERE m.ticket_id = ?1 AND m.role = 'forward' "
                             "AND lower (m.to_addresses) LIKE ?3 AND NOT EXISTS (SELECT 1 FROM tickets t "
                             "WHERE t.id = ?1 AND (t.client_address = ?2 OR EXISTS (SELECT 1 FROM contact_emails e "
                             "WHERE e.contact_id = t.client_id AND e.address_norm = ?2))) LIMIT 1",
                             NULL);
  if (stmt == NULL)
    return FALSE;
  pattern = g_strdup_printf ("%%%s%%", address);
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  crm_statement_bind_text (stmt, 2, address);
  crm_statement_bind_text (stmt, 3, pattern);

  return crm_statement_step (stmt) == CRM_STEP_ROW;
}
