/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-contact.h"
#include "crm-outbox.h"
#include "crm-session.h"
#include "crm-ticket.h"
#include "crm-ticket-timeline.h"

G_BEGIN_DECLS

/**
 * CrmTicketCard:
 * @ticket: the ticket, its read state the reader's
 * @entries: (element-type CrmTimelineEntry): the conversation, in the
 *   order it happened (crm_ticket_timeline_read ())
 * @outbox_pending: a mail of the conversation waits or is being sent
 * @statuses: the statuses a ticket can have
 * @priorities: the priorities
 * @categories: the categories
 * @queues: the queues' names
 * @close_reasons: the office's reasons why clients do not buy
 * @users: (element-type CrmUser): who the ticket can be assigned to
 * @followers: (element-type CrmUser): who follows it
 * @client: (nullable): the client's contact
 * @recent: (nullable) (element-type CrmTicket): the client's other recent tickets
 * @projects: (element-type CrmProject): the projects made from the
 *   request, oldest first, without their items (RQ8, RQ13)
 * @currency: the office's currency, for the projects' totals
 *
 * Everything a ticket's card shows, read in one go, off the main
 * thread: the window applies it whole, so it never waits on a ticket
 * with many messages.
 */
typedef struct
{
  CrmTicket   *ticket;
  GPtrArray   *entries;
  gboolean     outbox_pending;
  GStrv        statuses;
  GStrv        priorities;
  GStrv        categories;
  GStrv        queues;
  GStrv        close_reasons;
  GListModel  *users;
  GPtrArray   *followers;
  CrmContact  *client;
  GListModel  *recent;
  GPtrArray   *projects;
  char        *currency;
} CrmTicketCard;

CrmTicketCard *crm_ticket_card_read         (CrmSession           *session,
                                             gint64                ticket_id,
                                             gint64                reader,
                                             GCancellable         *cancellable,
                                             GError              **error);
void           crm_ticket_card_read_async   (CrmSession           *session,
                                             gint64                ticket_id,
                                             gint64                reader,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
CrmTicketCard *crm_ticket_card_read_finish  (CrmSession           *session,
                                             GAsyncResult         *result,
                                             GError              **error);
gboolean       crm_ticket_card_is_following (const CrmTicketCard  *card,
                                             gint64                user_id);
void           crm_ticket_card_free         (CrmTicketCard        *card);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmTicketCard, crm_ticket_card_free)

G_END_DECLS
