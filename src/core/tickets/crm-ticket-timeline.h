/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-outbox.h"
#include "crm-session.h"

G_BEGIN_DECLS

/**
 * CrmTimelineEntryKind:
 * @CRM_TIMELINE_ENTRY_IN: a mail from the client
 * @CRM_TIMELINE_ENTRY_OUT: our mail
 * @CRM_TIMELINE_ENTRY_COMMENT: a user's internal comment
 * @CRM_TIMELINE_ENTRY_SYSTEM: what the system did (a status changed…)
 * @CRM_TIMELINE_ENTRY_ACTIVITY: a call or chat linked to the ticket (TK6)
 */
typedef enum
{
  CRM_TIMELINE_ENTRY_IN,
  CRM_TIMELINE_ENTRY_OUT,
  CRM_TIMELINE_ENTRY_COMMENT,
  CRM_TIMELINE_ENTRY_SYSTEM,
  CRM_TIMELINE_ENTRY_ACTIVITY,
} CrmTimelineEntryKind;

/**
 * CrmTimelineEntry:
 * @kind: what it is
 * @message_id: the mail's id, or 0 for a comment or a call
 * @at: when it happened (Unix time)
 * @who: (nullable): the sender, the recipient or the author; for a
 *   call or chat, the contact it was with
 * @text: (nullable): the text; for a call or chat, its note
 * @note: (nullable): why the mail is in this ticket, or how it came;
 *   for a call or chat, its one line ("Call with … · 4 min · +48…")
 * @outbox: (nullable): our mail's sending: waiting, sent or failed
 * @attachments: (nullable) (element-type CrmAttachment): the mail's files
 * @key: "m" and the mail's id, "c" and the comment's, or "a" and the
 *   call's or chat's: stays the same across reads
 * @role: (nullable): an interned "forward" for our forward of the
 *   ticket, "third-party" for what its recipients answered (TK18)
 *
 * One entry of a ticket's conversation.
 */
typedef struct
{
  CrmTimelineEntryKind    kind;
  gint64                  message_id;
  gint64                  at;
  gint64                  order;
  char                   *who;
  char                   *text;
  char                   *note;
  CrmOutboxItem          *outbox;
  GListModel             *attachments;
  char                   *key;
  const char             *role;
} CrmTimelineEntry;

void        crm_timeline_entry_free      (gpointer       entry);
const char *crm_timeline_entry_kind_name (CrmTimelineEntryKind kind);
GPtrArray  *crm_ticket_timeline_read     (CrmSession    *session,
                                          gint64         ticket_id,
                                          gboolean      *outbox_pending,
                                          GCancellable  *cancellable,
                                          GError       **error);

G_END_DECLS
