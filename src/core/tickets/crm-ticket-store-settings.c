/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tickets"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-ticket-store-private.h"

/* Queues, statuses, priorities, categories and rules of tickets (TK). */

/* Queues */

static void
queue_info_free (gpointer data)
{
  CrmQueueInfo *info = data;

  g_free (info->name);
  g_free (info->closed_mail);
  g_free (info);
}

/**
 * crm_ticket_store_add_queue:
 * @self: a #CrmTicketStore
 * @name: the queue's name
 * @error: return location for a #GError
 *
 * Returns: the new queue's id, or 0 with @error set
 */
gint64
crm_ticket_store_add_queue (CrmTicketStore  *self,
                            const char      *name,
                            GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));
  gint64 id;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  if (*clean == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Enter a name for the queue."));
      return 0;
    }
  if (crm_ticket_store_find_queue (self, clean, NULL) != 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT, _("There is already a queue called “%s”."), clean);
      return 0;
    }

  stmt = _crm_store_prepare (self, "INSERT INTO queues (name, created_at) VALUES (?, ?)", error);
  if (stmt == NULL)
    return 0;
  crm_statement_bind_text (stmt, 1, clean);
  crm_statement_bind_int64 (stmt, 2, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));
  if (!_crm_store_step_done (self, stmt, error))
    return 0;
  id = _crm_store_last_insert_id (self);

  crm_session_append_history (_crm_session (self), "queue", id, "created", clean, NULL);
  _crm_store_emit_changed (self, "queue", id);

  return id;
}

/**
 * crm_ticket_store_find_queue:
 * @self: a #CrmTicketStore
 * @name: a queue's name (any case) or id
 * @error: return location for a #GError
 *
 * Returns: the queue's id, or 0 with @error set
 */
gint64
crm_ticket_store_find_queue (CrmTicketStore  *self,
                             const char      *name,
                             GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  stmt = _crm_store_prepare (self, "SELECT id FROM queues WHERE name = ?1 OR CAST (id AS TEXT) = ?1", error);
  if (stmt == NULL)
    return 0;
  crm_statement_bind_text (stmt, 1, name);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return crm_statement_get_int64 (stmt, 0);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no queue “%s”."), name);
  return 0;
}

/**
 * crm_ticket_store_list_queues:
 * @self: a #CrmTicketStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmQueueInfo): the queues, by name
 */
GPtrArray *
crm_ticket_store_list_queues (CrmTicketStore  *self,
                              GError         **error)
{
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func (queue_info_free);
  g_autoptr(CrmStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT id, name, closed_mail FROM queues ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmQueueInfo *info = g_new0 (CrmQueueInfo, 1);

      info->id = crm_statement_get_int64 (stmt, 0);
      info->name = g_strdup (crm_statement_get_text (stmt, 1));
      info->closed_mail = g_strdup (crm_statement_get_text (stmt, 2));
      g_ptr_array_add (queues, info);
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&queues);
}

/**
 * crm_ticket_store_set_queue_reopens:
 * @self: a #CrmTicketStore
 * @queue_id: the queue
 * @reopen: whether a mail to a closed ticket of this queue reopens it
 *   (else it opens a new ticket)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_ticket_store_set_queue_reopens (CrmTicketStore  *self,
                                    gint64           queue_id,
                                    gboolean         reopen,
                                    GError         **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self, "UPDATE queues SET closed_mail = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_text (stmt, 1, reopen ? "reopen" : "new");
  crm_statement_bind_int64 (stmt, 2, queue_id);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;

  _crm_store_emit_changed (self, "queue", queue_id);

  return TRUE;
}

/* Named lookups: statuses, priorities, categories, tags */

gint64
_crm_tickets_find_named (CrmTicketStore *self,
                         const char     *table_sql,
                         const char     *name)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, table_sql, NULL);

  if (stmt == NULL)
    return 0;
  crm_statement_bind_text (stmt, 1, name);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return crm_statement_get_int64 (stmt, 0);

  return 0;
}

gint64
_crm_tickets_find_status (CrmTicketStore  *self,
                          const char      *name,
                          GError         **error)
{
  gint64 id = _crm_tickets_find_named (self, "SELECT id FROM statuses WHERE name = ?1 OR kind = lower (?1) "
                          "OR CAST (id AS TEXT) = ?1 ORDER BY id LIMIT 1", name);

  if (id == 0)
    g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no status “%s”."), name);

  return id;
}

gint64
_crm_tickets_find_priority (CrmTicketStore  *self,
                            const char      *name,
                            GError         **error)
{
  gint64 id = _crm_tickets_find_named (self, "SELECT id FROM priorities WHERE name = ?1 OR CAST (id AS TEXT) = ?1", name);

  if (id == 0)
    g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no priority “%s”."), name);

  return id;
}

static gint64
ensure_named (CrmTicketStore  *self,
              const char      *select_sql,
              const char      *insert_sql,
              const char      *name,
              GError         **error)
{
  g_autoptr(CrmStatement) find = _crm_store_prepare (self, select_sql, error);
  g_autoptr(CrmStatement) insert = NULL;

  if (find == NULL)
    return 0;
  crm_statement_bind_text (find, 1, name);
  if (crm_statement_step (find) == CRM_STEP_ROW)
    return crm_statement_get_int64 (find, 0);

  if (!(insert = _crm_store_prepare (self, insert_sql, error)))
    return 0;
  crm_statement_bind_text (insert, 1, name);
  if (!_crm_store_step_done (self, insert, error))
    return 0;

  return _crm_store_last_insert_id (self);
}

gint64
_crm_tickets_ensure_tag (CrmTicketStore  *self,
                         const char      *name,
                         GError         **error)
{
  return ensure_named (self, "SELECT id FROM tags WHERE name = ?", "INSERT INTO tags (name) VALUES (?)", name, error);
}

gint64
_crm_tickets_ensure_category (CrmTicketStore  *self,
                              const char      *name,
                              GError         **error)
{
  return ensure_named (self, "SELECT id FROM categories WHERE name = ?", "INSERT INTO categories (name) VALUES (?)",
                       name, error);
}

static GStrv
list_names (CrmTicketStore  *self,
            const char      *sql,
            GError         **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
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
 * crm_ticket_store_list_statuses:
 * @self: a #CrmTicketStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the statuses' names, in their order
 */
GStrv
crm_ticket_store_list_statuses (CrmTicketStore  *self,
                                GError         **error)
{
  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  return list_names (self, "SELECT name FROM statuses ORDER BY position, id", error);
}

/**
 * crm_ticket_store_list_priorities:
 * @self: a #CrmTicketStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the priorities' names, lowest first
 */
GStrv
crm_ticket_store_list_priorities (CrmTicketStore  *self,
                                  GError         **error)
{
  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  return list_names (self, "SELECT name FROM priorities ORDER BY position, id", error);
}

static void
priority_info_free (gpointer data)
{
  CrmPriorityInfo *info = data;

  g_free (info->name);
  g_free (info);
}

/**
 * crm_ticket_store_list_priority_times:
 * @self: a #CrmTicketStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmPriorityInfo): the
 *   priorities, lowest first, with their response and resolution times
 */
GPtrArray *
crm_ticket_store_list_priority_times (CrmTicketStore  *self,
                                      GError         **error)
{
  g_autoptr(GPtrArray) priorities = g_ptr_array_new_with_free_func (priority_info_free);
  g_autoptr(CrmStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self,
                                   "SELECT id, name, coalesce (response_minutes, 0), coalesce (resolution_minutes, 0) "
                                   "FROM priorities ORDER BY position, id",
                                   error)))
    return NULL;
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmPriorityInfo *info = g_new0 (CrmPriorityInfo, 1);

      info->id = crm_statement_get_int64 (stmt, 0);
      info->name = g_strdup (crm_statement_get_text (stmt, 1));
      info->response_minutes = crm_statement_get_int64 (stmt, 2);
      info->resolution_minutes = crm_statement_get_int64 (stmt, 3);
      g_ptr_array_add (priorities, info);
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&priorities);
}

/**
 * crm_ticket_store_set_priority_times:
 * @self: a #CrmTicketStore
 * @priority_id: the priority
 * @response_minutes: the time to a first answer, or 0 for none
 * @resolution_minutes: the time to resolve, or 0 for none
 * @error: return location for a #GError
 *
 * The office's response and resolution times (SLA) for a priority.
 * Tickets opened from now on, or given this priority, are due by the
 * new times; the due times of the others stay as promised.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_ticket_store_set_priority_times (CrmTicketStore  *self,
                                     gint64           priority_id,
                                     gint64           response_minutes,
                                     gint64           resolution_minutes,
                                     GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  /* a year at most: beyond that, no promise is kept anyway */
  const gint64 max = 366 * 24 * 60;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);

  if (response_minutes < 0 || resolution_minutes < 0 || response_minutes > max || resolution_minutes > max)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Response and resolution times are between 0 (none) and 366 days."));
      return FALSE;
    }
  if (response_minutes > 0 && resolution_minutes > 0 && resolution_minutes < response_minutes)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("The time to resolve cannot be shorter than the time to a first answer."));
      return FALSE;
    }
  if (!(stmt = _crm_store_prepare (self, "UPDATE priorities SET response_minutes = ?, resolution_minutes = ? "
                                         "WHERE id = ?", error)))
    return FALSE;
  if (response_minutes > 0)
    crm_statement_bind_int64 (stmt, 1, response_minutes);
  if (resolution_minutes > 0)
    crm_statement_bind_int64 (stmt, 2, resolution_minutes);
  crm_statement_bind_int64 (stmt, 3, priority_id);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;
  if (_crm_store_count_changes (self) == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no priority with id %lld."),
                   (long long) priority_id);
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_ticket_store_list_categories:
 * @self: a #CrmTicketStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the ticket categories' names, sorted
 */
GStrv
crm_ticket_store_list_categories (CrmTicketStore  *self,
                                  GError         **error)
{
  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  return list_names (self, "SELECT name FROM categories ORDER BY name", error);
}

/**
 * crm_ticket_store_list_tags:
 * @self: a #CrmTicketStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the tags some ticket has, sorted
 */
GStrv
crm_ticket_store_list_tags (CrmTicketStore  *self,
                            GError         **error)
{
  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);

  return list_names (self,
                     "SELECT g.name FROM tags g WHERE EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.tag_id = g.id) "
                     "ORDER BY g.name",
                     error);
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (*stripped == '\0' || strlen (stripped) > 100)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Enter a name of 1 to 100 characters."));
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_ticket_store_add_category:
 * @self: a #CrmTicketStore
 * @name: the new category
 * @error: return location for a #GError
 *
 * Returns: the category's id (an existing one of that name is kept),
 *   or 0 with @error set
 */
gint64
crm_ticket_store_add_category (CrmTicketStore  *self,
                               const char      *name,
                               GError         **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  if (!check_name (name, error))
    return 0;
  stripped = g_strstrip (g_strdup (name));

  return _crm_tickets_ensure_category (self, stripped, error);
}

typedef struct
{
  const char *name;
  const char *kind;
  gint64      id;   /* out */
} NewStatus;

/* after the last of its kind, the later ones moved down: the kinds keep
 * their order */
static gboolean
add_status_tx (CrmSession  *session,
               gpointer     user_data,
               GError     **error)
{
  CrmTicketStore *self = crm_ticket_store_from_session (session);
  NewStatus *status = user_data;
  g_autoptr(CrmStatement) last = NULL;
  g_autoptr(CrmStatement) shift = NULL;
  g_autoptr(CrmStatement) insert = NULL;
  gint64 position = 0;

  if (!(last = _crm_store_prepare (self, "SELECT coalesce (max (position), 0) FROM statuses WHERE kind = ?", error)) ||
      !(shift = _crm_store_prepare (self, "UPDATE statuses SET position = position + 1 WHERE position > ?", error)) ||
      !(insert = _crm_store_prepare (self, "INSERT INTO statuses (name, kind, position) VALUES (?, ?, ?)", error)))
    return FALSE;
  crm_statement_bind_text (last, 1, status->kind);
  if (crm_statement_step (last) == CRM_STEP_ROW)
    position = crm_statement_get_int64 (last, 0);
  crm_statement_bind_int64 (shift, 1, position);
  crm_statement_bind_text (insert, 1, status->name);
  crm_statement_bind_text (insert, 2, status->kind);
  crm_statement_bind_int64 (insert, 3, position + 1);
  if (!_crm_store_step_done (self, shift, error) || !_crm_store_step_done (self, insert, error))
    return FALSE;
  status->id = _crm_store_last_insert_id (self);

  return TRUE;
}

/**
 * crm_ticket_store_add_status:
 * @self: a #CrmTicketStore
 * @name: the new status, e.g. "Waiting for parts"
 * @kind: what it means: "new", "open", "pending" or "closed"
 * @error: return location for a #GError
 *
 * The office's own status, placed after the others of its @kind.
 *
 * Returns: the status's id, or 0 with @error set
 */
gint64
crm_ticket_store_add_status (CrmTicketStore  *self,
                             const char      *name,
                             const char      *kind,
                             GError         **error)
{
  static const char * const kinds[] = { "new", "open", "pending", "closed", NULL };
  g_autofree char *stripped = NULL;
  NewStatus status = { NULL, NULL, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  if (!check_name (name, error))
    return 0;
  if (kind == NULL || !g_strv_contains (kinds, kind))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   _("“%s” is not a kind of status: use new, open, pending or closed."), kind ? kind : "");
      return 0;
    }
  stripped = g_strstrip (g_strdup (name));
  if (_crm_tickets_find_named (self, "SELECT id FROM statuses WHERE name = ?1", stripped) != 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("There is already a status “%s”."), stripped);
      return 0;
    }
  status.name = stripped;
  status.kind = kind;
  if (!crm_session_run_in_transaction (_crm_session (self), add_status_tx, &status, error))
    return 0;

  return status.id;
}

/* Rules (TK17) */

static void
rule_info_free (gpointer data)
{
  CrmRuleInfo *info = data;

  g_free (info->field);
  g_free (info->contains);
  g_free (info->queue);
  g_free (info->priority);
  g_free (info->tag);
  g_free (info);
}

/**
 * crm_ticket_store_add_rule:
 * @self: a #CrmTicketStore
 * @field: "from", "to" or "subject"
 * @contains: the text to look for, in any case
 * @queue_id: the queue for matching mail
 * @priority: (nullable): a priority's name, or %NULL to keep the default
 * @tag: (nullable): a tag to add
 * @error: return location for a #GError
 *
 * Adds a rule after the others: the first rule that matches wins.
 *
 * Returns: the rule's id, or 0 with @error set
 */
gint64
crm_ticket_store_add_rule (CrmTicketStore  *self,
                           const char      *field,
                           const char      *contains,
                           gint64           queue_id,
                           const char      *priority,
                           const char      *tag,
                           GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(CrmStatement) queue = NULL;
  gint64 priority_id = 0;
  gint64 tag_id = 0;
  gint64 id;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  if (g_strcmp0 (field, "from") != 0 && g_strcmp0 (field, "to") != 0 && g_strcmp0 (field, "subject") != 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   _("A rule looks at “from”, “to” or “subject”, not “%s”."), field ? field : "");
      return 0;
    }
  if (contains == NULL || *contains == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Enter the text the rule looks for."));
      return 0;
    }
  queue = _crm_store_prepare (self, "SELECT 1 FROM queues WHERE id = ?", error);
  if (queue == NULL)
    return 0;
  crm_statement_bind_int64 (queue, 1, queue_id);
  if (crm_statement_step (queue) != CRM_STEP_ROW)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("The rule’s queue does not exist."));
      return 0;
    }
  if (priority != NULL && !(priority_id = _crm_tickets_find_priority (self, priority, error)))
    return 0;
  if (tag != NULL && *tag != '\0' && !(tag_id = _crm_tickets_ensure_tag (self, tag, error)))
    return 0;

  stmt = _crm_store_prepare (self,
                             "INSERT INTO rules (position, field, contains, queue_id, priority_id, tag_id) "
                             "VALUES ((SELECT coalesce (max (position), 0) + 1 FROM rules), ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return 0;
  crm_statement_bind_text (stmt, 1, field);
  crm_statement_bind_text (stmt, 2, contains);
  crm_statement_bind_int64 (stmt, 3, queue_id);
  if (priority_id != 0)
    crm_statement_bind_int64 (stmt, 4, priority_id);
  if (tag_id != 0)
    crm_statement_bind_int64 (stmt, 5, tag_id);
  if (!_crm_store_step_done (self, stmt, error))
    return 0;
  id = _crm_store_last_insert_id (self);

  _crm_store_emit_changed (self, "rule", id);

  return id;
}

/**
 * crm_ticket_store_list_rules:
 * @self: a #CrmTicketStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmRuleInfo): the rules, in
 *   the order they are tried
 */
GPtrArray *
crm_ticket_store_list_rules (CrmTicketStore  *self,
                             GError         **error)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (rule_info_free);
  g_autoptr(CrmStatement) stmt = NULL;
  int rc;

  stmt = _crm_store_prepare (self,
                             "SELECT r.id, r.field, r.contains, q.name, p.name, g.name FROM rules r "
                             "JOIN queues q ON q.id = r.queue_id LEFT JOIN priorities p ON p.id = r.priority_id "
                             "LEFT JOIN tags g ON g.id = r.tag_id ORDER BY r.position",
                             error);
  if (stmt == NULL)
    return NULL;
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmRuleInfo *info = g_new0 (CrmRuleInfo, 1);

      info->id = crm_statement_get_int64 (stmt, 0);
      info->field = g_strdup (crm_statement_get_text (stmt, 1));
      info->contains = g_strdup (crm_statement_get_text (stmt, 2));
      info->queue = g_strdup (crm_statement_get_text (stmt, 3));
      info->priority = g_strdup (crm_statement_get_text (stmt, 4));
      info->tag = g_strdup (crm_statement_get_text (stmt, 5));
      g_ptr_array_add (rules, info);
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&rules);
}
