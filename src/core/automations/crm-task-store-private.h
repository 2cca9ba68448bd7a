/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-statement.h"
#include "crm-store-private.h"
#include "crm-task-store.h"

G_BEGIN_DECLS

/* A task's row, as _crm_task_from_row () reads it: with the names of
 * its people, and what its record is called now (NULL when the record
 * is gone). */
#define CRM_TASK_COLUMNS \
  "k.id, k.title, k.user_id, u.name, k.due_at, k.record_module, coalesce (k.record_id, 0), " \
  "CASE k.record_module " \
  "WHEN 'tickets' THEN (SELECT t.subject FROM tickets t WHERE t.id = k.record_id) " \
  "WHEN 'contacts' THEN (SELECT c.name FROM contacts c WHERE c.id = k.record_id) " \
  "WHEN 'offers' THEN (SELECT o.city || coalesce (', ' || o.district, '') FROM offers o WHERE o.id = k.record_id) " \
  "WHEN 'searches' THEN (SELECT c.name FROM searches s JOIN contacts c ON c.id = s.client_id " \
  "WHERE s.id = k.record_id) END, " \
  "coalesce (k.done_at, 0), d.name, coalesce (k.created_by, 0), b.name, k.created_at, coalesce (k.notified_at, 0), " \
  "coalesce (k.automation_run_id, 0)"
#define CRM_TASK_JOINS \
  "JOIN users u ON u.id = k.user_id LEFT JOIN users d ON d.id = k.done_by LEFT JOIN users b ON b.id = k.created_by "

/* the order of every list: open first, the soonest due first; then the
 * done ones, the last done first */
#define CRM_TASK_ORDER \
  " ORDER BY CASE WHEN k.done_at IS NULL THEN 0 ELSE 1 END, " \
  "CASE WHEN k.done_at IS NULL THEN k.due_at ELSE -k.done_at END, k.id"

gpointer _crm_task_from_row (CrmStatement *stmt);

G_END_DECLS
