/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-statement.h"

#include "crm-ticket.h"

G_BEGIN_DECLS

/* Filled by the tickets' storage (crm-ticket-store.c). */
struct _CrmTicket
{
  GObject  parent_instance;

  gint64   id;
  char    *subject;
  char    *status;
  char    *status_kind;
  char    *queue;
  char    *priority;
  char    *category;
  char    *source;
  gint64   assignee_id;
  char    *assignee;
  gint64   client_id;
  char    *client_name;
  char    *client_address;
  char    *sender_name;
  gint64   created;
  gint64   updated;
  gint64   response_due;
  gint64   resolution_due;
  gboolean unread;
  GStrv    tags;
  char    *client_manager;
  char    *outcome;
  char    *close_reason;
  gint64   merged_into;
  gint64   awaiting_since;
};


/* What _crm_ticket_new_from_row() reads, for "SELECT " CRM_TICKET_COLUMNS
 * " FROM tickets t " CRM_TICKET_JOINS; ?1 is the reader's user id. */
#define CRM_TICKET_COLUMNS \
  "t.id, t.subject, s.name, s.kind, q.name, p.name, c.name, t.source, t.assignee_id, u.name, " \
  "t.client_id, k.name, t.client_address, t.created_at, t.last_message_at, t.response_due, " \
  "t.resolution_due, NOT EXISTS (SELECT 1 FROM ticket_reads r WHERE r.ticket_id = t.id AND r.user_id = " \
  "coalesce (?1, t.assignee_id)), " \
  "(SELECT group_concat (g.name, '\x1f') FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id " \
  "WHERE tt.ticket_id = t.id), (SELECT cm.name FROM users cm WHERE cm.id = k.manager_id), " \
  "CASE WHEN t.client_id IS NULL THEN (SELECT m.from_name FROM messages m WHERE m.ticket_id = t.id " \
  "AND m.direction = 'in' AND m.from_name <> '' ORDER BY m.id LIMIT 1) END, t.outcome, " \
  "(SELECT cr.name FROM close_reasons cr WHERE cr.id = t.close_reason_id), t.merged_into, t.awaiting_since"

#define CRM_TICKET_JOINS \
  "JOIN statuses s ON s.id = t.status_id JOIN queues q ON q.id = t.queue_id " \
  "JOIN priorities p ON p.id = t.priority_id LEFT JOIN categories c ON c.id = t.category_id " \
  "LEFT JOIN users u ON u.id = t.assignee_id LEFT JOIN contacts k ON k.id = t.client_id "

CrmTicket *_crm_ticket_new_from_row (CrmStatement *stmt);

G_END_DECLS
