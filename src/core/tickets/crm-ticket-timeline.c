/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-tickets"

#include "config.h"

#include "crm-activity-store.h"
#include "crm-attachment.h"
#include "crm-message-store.h"
#include "crm-ticket-store.h"
#include "crm-ticket-timeline.h"

/* A ticket's conversation, for its card in the window (crm-ticket-card.c)
 * and for crmctl tickets show. */

void
crm_timeline_entry_free (gpointer data)
{
  CrmTimelineEntry *entry = data;

  g_free (entry->who);
  g_free (entry->text);
  g_free (entry->note);
  g_clear_object (&entry->outbox);
  g_clear_object (&entry->attachments);
  g_free (entry->key);
  g_free (entry);
}

static int
entry_compare (gconstpointer a,
               gconstpointer b)
{
  const CrmTimelineEntry *x = *(CrmTimelineEntry **) a;
  const CrmTimelineEntry *y = *(CrmTimelineEntry **) b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;

  return x->order < y->order ? -1 : x->order > y->order;
}

/**
 * crm_ticket_timeline_read:
 * @session: a #CrmSession
 * @ticket_id: the ticket
 * @outbox_pending: (out) (optional): whether a mail of the conversation
 *   waits or is being sent
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * A ticket's conversation as the window and crmctl show it: its mail
 * (the client's and ours, with each mail's text, files, why it is in
 * this ticket and our mail's sending), its internal comments, the calls
 * and chats linked to it and what the system did, in the order it
 * happened.
 *
 * Returns: (transfer full) (element-type CrmTimelineEntry): the
 *   entries, or %NULL with @error set
 */
GPtrArray *
crm_ticket_timeline_read (CrmSession    *session,
                          gint64         ticket_id,
                          gboolean      *outbox_pending,
                          GCancellable  *cancellable,
                          GError       **error)
{
  gint64 id = ticket_id;
  g_autoptr(GListModel) mail = NULL;
  g_autoptr(GHashTable) texts = NULL;
  g_autoptr(GHashTable) attachments = NULL;
  g_autoptr(GHashTable) outbox = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gboolean pending = FALSE;

  /* the whole ticket's in a few statements, not a few a message: on a
   * team's server each is a round trip */
  if (!(mail = crm_message_store_list_ticket_mail (crm_message_store_from_session (session), id, error)) ||
      !crm_message_store_read_ticket_extras (crm_message_store_from_session (session), id, &texts, &attachments,
                                             error) ||
      !(outbox = crm_outbox_list_for_ticket (crm_outbox_from_session (session), id, error)) ||
      !(comments = crm_ticket_store_list_comments (crm_ticket_store_from_session (session), id, error)) ||
      !(activities = crm_activity_store_list_for_ticket (crm_activity_store_from_session (session), id, error)))
    return NULL;

  entries = g_ptr_array_new_with_free_func (crm_timeline_entry_free);
  for (guint i = 0; i < g_list_model_get_n_items (mail); i++)
    {
      g_autoptr(CrmMessage) message = g_list_model_get_item (mail, i);
      CrmTimelineEntry *entry = g_new0 (CrmTimelineEntry, 1);
      gboolean in = g_str_equal (crm_message_get_direction (message), "in");

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          crm_timeline_entry_free (entry);
          return NULL;
        }

      entry->kind = in ? CRM_TIMELINE_ENTRY_IN : CRM_TIMELINE_ENTRY_OUT;
      entry->message_id = crm_message_get_id (message);
      entry->key = g_strdup_printf ("m%" G_GINT64_FORMAT, entry->message_id);
      entry->at = crm_message_get_date (message);
      entry->order = i;
      entry->who = in ? crm_message_dup_sender (message) : g_strdup (crm_message_get_to (message));
      /* why it is in this ticket, or who entered it and how it came */
      entry->note = g_strdup (crm_message_get_reason (message));
      entry->role = g_intern_string (crm_message_get_role (message));
      entry->text = g_strdup (g_hash_table_lookup (texts, &entry->message_id));
      {
        GListModel *files = g_hash_table_lookup (attachments, &entry->message_id);

        entry->attachments = files != NULL ? g_object_ref (files)
                                           : G_LIST_MODEL (g_list_store_new (CRM_TYPE_ATTACHMENT));
      }
      if (!in)
        {
          CrmOutboxItem *item = g_hash_table_lookup (outbox, &entry->message_id);

          entry->outbox = item != NULL ? g_object_ref (item) : NULL;
        }
      if (entry->outbox != NULL && !g_str_equal (crm_outbox_item_get_state (entry->outbox), "sent") &&
          !g_str_equal (crm_outbox_item_get_state (entry->outbox), "failed"))
        pending = TRUE;
      g_ptr_array_add (entries, entry);
    }

  for (guint i = 0; i < comments->len; i++)
    {
      CrmTicketComment *comment = g_ptr_array_index (comments, i);
      CrmTimelineEntry *entry = g_new0 (CrmTimelineEntry, 1);

      entry->kind = comment->internal ? CRM_TIMELINE_ENTRY_COMMENT : CRM_TIMELINE_ENTRY_SYSTEM;
      entry->at = comment->created;
      entry->key = g_strdup_printf ("c%" G_GINT64_FORMAT, comment->id);
      entry->order = G_MAXINT32 + (gint64) i;
      entry->who = g_strdup (comment->author);
      entry->text = g_strdup (comment->body);
      g_ptr_array_add (entries, entry);
    }

  /* calls and chats where they happened, the note their text */
  for (guint i = 0; i < activities->len; i++)
    {
      CrmActivity *activity = g_ptr_array_index (activities, i);
      CrmTimelineEntry *entry = g_new0 (CrmTimelineEntry, 1);

      entry->kind = CRM_TIMELINE_ENTRY_ACTIVITY;
      entry->at = crm_activity_get_at (activity);
      entry->key = g_strdup_printf ("a%" G_GINT64_FORMAT, crm_activity_get_id (activity));
      entry->order = 2 * (gint64) G_MAXINT32 + i;
      entry->who = g_strdup (crm_activity_get_contact_name (activity));
      entry->text = g_strdup (crm_activity_get_note (activity));
      entry->note = crm_activity_dup_summary (activity);
      g_ptr_array_add (entries, entry);
    }

  g_ptr_array_sort (entries, entry_compare);
  if (outbox_pending != NULL)
    *outbox_pending = pending;

  return g_steal_pointer (&entries);
}

/* The kind's stable name, for crmctl: "in", "out", "comment", "system",
 * "activity". */
const char *
crm_timeline_entry_kind_name (CrmTimelineEntryKind kind)
{
  switch (kind)
    {
    case CRM_TIMELINE_ENTRY_IN:
      return "in";
    case CRM_TIMELINE_ENTRY_OUT:
      return "out";
    case CRM_TIMELINE_ENTRY_COMMENT:
      return "comment";
    case CRM_TIMELINE_ENTRY_ACTIVITY:
      return "activity";
    case CRM_TIMELINE_ENTRY_SYSTEM:
    default:
      return "system";
    }
}

