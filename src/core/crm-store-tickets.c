/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tickets"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-gmime-private.h"
#include "crm-message.h"
#include "crm-normalize.h"
#include "crm-outbox.h"
#include "crm-outgoing-message.h"
#include "crm-store-private.h"
#include "crm-ticket-private.h"

/*
 * Tickets (TK) and requests (RQ): one model for both.
 *
 * Incoming mail is put into a ticket in the import's own transaction
 * (_crm_store_route_message()), by the first of these that holds, and
 * the reason is kept on the message:
 *
 *  1. In-Reply-To or References name a message of a ticket (ours carry
 *     Message-IDs we generate; the client's are stored as they came),
 *     or a Message-ID that mail of a ticket names too, held or not (as
 *     mail readers thread, JWZ: replies to a missing parent meet), or
 *     mail of a ticket names this one (it came late); a delivery
 *     report goes by the Message-ID of the mail it reports on, and the
 *     ticket gets a comment on who the mail did not reach;
 *  2. the subject carries a ticket token "[#N]", and the sender is the
 *     ticket's client or took part in it (anyone else's token is not
 *     trusted: it would let a stranger into a conversation);
 *  3. the body quotes the reference line we put under our replies,
 *     with its check code (mail programs that drop headers keep it);
 *  4. else a new ticket, unless the mail is an automatic reply or a
 *     delivery report (RFC 3834): those never open tickets, so two
 *     robots cannot loop, and are listed with the reason instead
 *     (crm_store_list_automatic_mail()), to be opened by hand.
 *     List and bulk mail (Precedence, List-Id) opens tickets; it is
 *     only never answered automatically (messages.bulk).
 *
 * A mail to a closed ticket opens a new ticket (RQ11), or reopens it
 * when its queue says so; a robot's mail joins it as it is. A mail that
 * names the conversations of several open tickets makes them one, as a
 * mail reader's threads grow together: the tickets nobody has touched
 * yet give their mail to the other and are closed with a note. A new ticket takes its queue, priority and
 * tag from the first rule that matches (TK17), else the default queue;
 * the ticket of a known client goes to the client's manager (RQ2).
 */

#define TOKEN_OPEN "[#"
#define REFERENCE_PREFIX "CRM-REF:"

static gboolean set_due_times (CrmStore  *store,
                               gint64     ticket_id,
                               gint64     from,
                               GError   **error);

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
 * crm_store_add_queue:
 * @self: a #CrmStore
 * @name: the queue's name
 * @error: return location for a #GError
 *
 * Returns: the new queue's id, or 0 with @error set
 */
gint64
crm_store_add_queue (CrmStore    *self,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  if (*clean == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Enter a name for the queue."));
      return 0;
    }
  if (crm_store_find_queue (self, clean, NULL) != 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT, _("There is already a queue called “%s”."), clean);
      return 0;
    }

  stmt = _crm_store_prepare (self, "INSERT INTO queues (name, created_at) VALUES (?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, crm_clock_now_unix (crm_store_get_clock (self)));
  if (!_crm_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (_crm_store_get_db (self));

  crm_store_append_history (self, "queue", id, "created", clean, NULL);
  _crm_store_emit_changed (self, "queue", id);

  return id;
}

/**
 * crm_store_find_queue:
 * @self: a #CrmStore
 * @name: a queue's name (any case) or id
 * @error: return location for a #GError
 *
 * Returns: the queue's id, or 0 with @error set
 */
gint64
crm_store_find_queue (CrmStore    *self,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  stmt = _crm_store_prepare (self, "SELECT id FROM queues WHERE name = ?1 OR CAST (id AS TEXT) = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no queue “%s”."), name);
  return 0;
}

/**
 * crm_store_list_queues:
 * @self: a #CrmStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmQueueInfo): the queues, by name
 */
GPtrArray *
crm_store_list_queues (CrmStore  *self,
                       GError   **error)
{
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func (queue_info_free);
  g_autoptr(CrmStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT id, name, closed_mail FROM queues ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmQueueInfo *info = g_new0 (CrmQueueInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->closed_mail = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (queues, info);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&queues);
}

/**
 * crm_store_set_queue_reopens:
 * @self: a #CrmStore
 * @queue_id: the queue
 * @reopen: whether a mail to a closed ticket of this queue reopens it
 *   (else it opens a new ticket)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_set_queue_reopens (CrmStore  *self,
                             gint64     queue_id,
                             gboolean   reopen,
                             GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (self, "UPDATE queues SET closed_mail = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reopen ? "reopen" : "new", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, queue_id);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;

  _crm_store_emit_changed (self, "queue", queue_id);

  return TRUE;
}

/* Named lookups: statuses, priorities, categories, tags */

static gint64
find_named (CrmStore    *self,
            const char  *table_sql,
            const char  *name)
{
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (self, table_sql, NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);

  return 0;
}

static gint64
find_status (CrmStore    *self,
             const char  *name,
             GError     **error)
{
  gint64 id = find_named (self, "SELECT id FROM statuses WHERE name = ?1 OR kind = lower (?1) "
                          "OR CAST (id AS TEXT) = ?1 ORDER BY id LIMIT 1", name);

  if (id == 0)
    g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no status “%s”."), name);

  return id;
}

static gint64
find_priority (CrmStore    *self,
               const char  *name,
               GError     **error)
{
  gint64 id = find_named (self, "SELECT id FROM priorities WHERE name = ?1 OR CAST (id AS TEXT) = ?1", name);

  if (id == 0)
    g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no priority “%s”."), name);

  return id;
}

static gint64
ensure_named (CrmStore    *self,
              const char  *select_sql,
              const char  *insert_sql,
              const char  *name,
              GError     **error)
{
  g_autoptr(CrmStoreStmt) find = _crm_store_prepare (self, select_sql, error);
  g_autoptr(CrmStoreStmt) insert = NULL;

  if (find == NULL)
    return 0;
  sqlite3_bind_text (find, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (find) == SQLITE_ROW)
    return sqlite3_column_int64 (find, 0);

  if (!(insert = _crm_store_prepare (self, insert_sql, error)))
    return 0;
  sqlite3_bind_text (insert, 1, name, -1, SQLITE_STATIC);
  if (!_crm_store_step_done (self, insert, error))
    return 0;

  return sqlite3_last_insert_rowid (_crm_store_get_db (self));
}

static gint64
ensure_tag (CrmStore    *self,
            const char  *name,
            GError     **error)
{
  return ensure_named (self, "SELECT id FROM tags WHERE name = ?", "INSERT INTO tags (name) VALUES (?)", name, error);
}

static gint64
ensure_category (CrmStore    *self,
                 const char  *name,
                 GError     **error)
{
  return ensure_named (self, "SELECT id FROM categories WHERE name = ?", "INSERT INTO categories (name) VALUES (?)",
                       name, error);
}

static GStrv
list_names (CrmStore    *self,
            const char  *sql,
            GError     **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_strv_builder_end (names);
}

/**
 * crm_store_list_statuses:
 * @self: a #CrmStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the statuses' names, in their order
 */
GStrv
crm_store_list_statuses (CrmStore  *self,
                         GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return list_names (self, "SELECT name FROM statuses ORDER BY position, id", error);
}

/**
 * crm_store_list_priorities:
 * @self: a #CrmStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the priorities' names, lowest first
 */
GStrv
crm_store_list_priorities (CrmStore  *self,
                           GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

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
 * crm_store_list_priority_times:
 * @self: a #CrmStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmPriorityInfo): the
 *   priorities, lowest first, with their response and resolution times
 */
GPtrArray *
crm_store_list_priority_times (CrmStore  *self,
                               GError   **error)
{
  g_autoptr(GPtrArray) priorities = g_ptr_array_new_with_free_func (priority_info_free);
  g_autoptr(CrmStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self,
                                   "SELECT id, name, coalesce (response_minutes, 0), coalesce (resolution_minutes, 0) "
                                   "FROM priorities ORDER BY position, id",
                                   error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmPriorityInfo *info = g_new0 (CrmPriorityInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->response_minutes = sqlite3_column_int64 (stmt, 2);
      info->resolution_minutes = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (priorities, info);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&priorities);
}

/**
 * crm_store_set_priority_times:
 * @self: a #CrmStore
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
crm_store_set_priority_times (CrmStore  *self,
                              gint64     priority_id,
                              gint64     response_minutes,
                              gint64     resolution_minutes,
                              GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
  /* a year at most: beyond that, no promise is kept anyway */
  const gint64 max = 366 * 24 * 60;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

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
    sqlite3_bind_int64 (stmt, 1, response_minutes);
  if (resolution_minutes > 0)
    sqlite3_bind_int64 (stmt, 2, resolution_minutes);
  sqlite3_bind_int64 (stmt, 3, priority_id);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (_crm_store_get_db (self)) == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no priority with id %lld."),
                   (long long) priority_id);
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_store_list_categories:
 * @self: a #CrmStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the ticket categories' names, sorted
 */
GStrv
crm_store_list_categories (CrmStore  *self,
                           GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return list_names (self, "SELECT name FROM categories ORDER BY name", error);
}

/**
 * crm_store_list_ticket_tags:
 * @self: a #CrmStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the tags some ticket has, sorted
 */
GStrv
crm_store_list_ticket_tags (CrmStore  *self,
                            GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

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
 * crm_store_add_category:
 * @self: a #CrmStore
 * @name: the new category
 * @error: return location for a #GError
 *
 * Returns: the category's id (an existing one of that name is kept),
 *   or 0 with @error set
 */
gint64
crm_store_add_category (CrmStore    *self,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  if (!check_name (name, error))
    return 0;
  stripped = g_strstrip (g_strdup (name));

  return ensure_category (self, stripped, error);
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
add_status_tx (CrmStore  *self,
               gpointer   user_data,
               GError   **error)
{
  NewStatus *status = user_data;
  g_autoptr(CrmStoreStmt) last = NULL;
  g_autoptr(CrmStoreStmt) shift = NULL;
  g_autoptr(CrmStoreStmt) insert = NULL;
  gint64 position = 0;

  if (!(last = _crm_store_prepare (self, "SELECT coalesce (max (position), 0) FROM statuses WHERE kind = ?", error)) ||
      !(shift = _crm_store_prepare (self, "UPDATE statuses SET position = position + 1 WHERE position > ?", error)) ||
      !(insert = _crm_store_prepare (self, "INSERT INTO statuses (name, kind, position) VALUES (?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (last, 1, status->kind, -1, SQLITE_STATIC);
  if (sqlite3_step (last) == SQLITE_ROW)
    position = sqlite3_column_int64 (last, 0);
  sqlite3_bind_int64 (shift, 1, position);
  sqlite3_bind_text (insert, 1, status->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, status->kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 3, position + 1);
  if (!_crm_store_step_done (self, shift, error) || !_crm_store_step_done (self, insert, error))
    return FALSE;
  status->id = sqlite3_last_insert_rowid (_crm_store_get_db (self));

  return TRUE;
}

/**
 * crm_store_add_status:
 * @self: a #CrmStore
 * @name: the new status, e.g. "Waiting for parts"
 * @kind: what it means: "new", "open", "pending" or "closed"
 * @error: return location for a #GError
 *
 * The office's own status, placed after the others of its @kind.
 *
 * Returns: the status's id, or 0 with @error set
 */
gint64
crm_store_add_status (CrmStore    *self,
                      const char  *name,
                      const char  *kind,
                      GError     **error)
{
  static const char * const kinds[] = { "new", "open", "pending", "closed", NULL };
  g_autofree char *stripped = NULL;
  NewStatus status = { NULL, NULL, 0 };

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  if (!check_name (name, error))
    return 0;
  if (kind == NULL || !g_strv_contains (kinds, kind))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   _("“%s” is not a kind of status: use new, open, pending or closed."), kind ? kind : "");
      return 0;
    }
  stripped = g_strstrip (g_strdup (name));
  if (find_named (self, "SELECT id FROM statuses WHERE name = ?1", stripped) != 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("There is already a status “%s”."), stripped);
      return 0;
    }
  status.name = stripped;
  status.kind = kind;
  if (!crm_store_run_in_transaction (self, add_status_tx, &status, error))
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
 * crm_store_add_rule:
 * @self: a #CrmStore
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
crm_store_add_rule (CrmStore    *self,
                    const char  *field,
                    const char  *contains,
                    gint64       queue_id,
                    const char  *priority,
                    const char  *tag,
                    GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autoptr(CrmStoreStmt) queue = NULL;
  gint64 priority_id = 0;
  gint64 tag_id = 0;
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

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
  sqlite3_bind_int64 (queue, 1, queue_id);
  if (sqlite3_step (queue) != SQLITE_ROW)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("The rule’s queue does not exist."));
      return 0;
    }
  if (priority != NULL && !(priority_id = find_priority (self, priority, error)))
    return 0;
  if (tag != NULL && *tag != '\0' && !(tag_id = ensure_tag (self, tag, error)))
    return 0;

  stmt = _crm_store_prepare (self,
                             "INSERT INTO rules (position, field, contains, queue_id, priority_id, tag_id) "
                             "VALUES ((SELECT coalesce (max (position), 0) + 1 FROM rules), ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, contains, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, queue_id);
  if (priority_id != 0)
    sqlite3_bind_int64 (stmt, 4, priority_id);
  if (tag_id != 0)
    sqlite3_bind_int64 (stmt, 5, tag_id);
  if (!_crm_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (_crm_store_get_db (self));

  _crm_store_emit_changed (self, "rule", id);

  return id;
}

/**
 * crm_store_list_rules:
 * @self: a #CrmStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmRuleInfo): the rules, in
 *   the order they are tried
 */
GPtrArray *
crm_store_list_rules (CrmStore  *self,
                      GError   **error)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (rule_info_free);
  g_autoptr(CrmStoreStmt) stmt = NULL;
  int rc;

  stmt = _crm_store_prepare (self,
                             "SELECT r.id, r.field, r.contains, q.name, p.name, g.name FROM rules r "
                             "JOIN queues q ON q.id = r.queue_id LEFT JOIN priorities p ON p.id = r.priority_id "
                             "LEFT JOIN tags g ON g.id = r.tag_id ORDER BY r.position",
                             error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmRuleInfo *info = g_new0 (CrmRuleInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->field = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->contains = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->queue = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      info->priority = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      info->tag = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (rules, info);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&rules);
}

/* Tickets */

/**
 * crm_store_get_ticket:
 * @self: a #CrmStore
 * @id: the ticket
 * @reader: the user whose read state counts, or 0 for the assignee's
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the ticket, or %NULL with @error set
 */
CrmTicket *
crm_store_get_ticket (CrmStore  *self,
                      gint64     id,
                      gint64     reader,
                      GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT " CRM_TICKET_COLUMNS " FROM tickets t " CRM_TICKET_JOINS "WHERE t.id = ?2",
                             error);
  if (stmt == NULL)
    return NULL;
  if (reader != 0)
    sqlite3_bind_int64 (stmt, 1, reader);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no ticket #%lld."), (long long) id);
      return NULL;
    }

  return _crm_ticket_new_from_row (stmt);
}

static gpointer
ticket_from_row (CrmStoreStmt *stmt)
{
  return _crm_ticket_new_from_row (stmt);
}

/* The filters other than the search, as SQL over "tickets t" joined
 * with "statuses s"; bound by bind_filters(). */
static void
append_filters (GString               *sql,
                const CrmTicketFilter *filter)
{
  if (filter->queue_id != 0)
    g_string_append (sql, " AND t.queue_id = ?2");
  if (filter->status != NULL)
    g_string_append (sql, " AND (s.name = ?3 OR s.kind = lower (?3))");
  else if (filter->open_only)
    g_string_append (sql, " AND s.kind <> 'closed'");
  if (filter->assignee_id > 0)
    g_string_append (sql, " AND t.assignee_id = ?4");
  else if (filter->assignee_id < 0)
    g_string_append (sql, " AND t.assignee_id IS NULL");
  if (filter->unread_only)
    g_string_append (sql, " AND NOT EXISTS (SELECT 1 FROM ticket_reads r WHERE r.ticket_id = t.id "
                          "AND r.user_id = coalesce (?1, t.assignee_id))");
  if (filter->tag != NULL)
    g_string_append (sql, " AND t.id IN (SELECT tt.ticket_id FROM ticket_tags tt "
                          "JOIN tags g ON g.id = tt.tag_id WHERE g.name = ?8)");
  if (filter->source != NULL)
    g_string_append (sql, " AND t.source = ?9");
  if (filter->follower_id != 0)
    g_string_append (sql, " AND t.id IN (SELECT f.ticket_id FROM ticket_followers f WHERE f.user_id = ?10)");
  if (filter->involved_id != 0)
    g_string_append (sql, " AND (t.assignee_id = ?11 OR "
                          "t.id IN (SELECT f.ticket_id FROM ticket_followers f WHERE f.user_id = ?11))");
}

static void
bind_filters (CrmStoreStmt          *stmt,
              const CrmTicketFilter *filter)
{
  if (filter->queue_id != 0)
    sqlite3_bind_int64 (stmt, 2, filter->queue_id);
  if (filter->status != NULL)
    sqlite3_bind_text (stmt, 3, filter->status, -1, SQLITE_STATIC);
  if (filter->assignee_id > 0)
    sqlite3_bind_int64 (stmt, 4, filter->assignee_id);
  if (filter->reader != 0)
    sqlite3_bind_int64 (stmt, 1, filter->reader);
  if (filter->tag != NULL)
    sqlite3_bind_text (stmt, 8, filter->tag, -1, SQLITE_STATIC);
  if (filter->source != NULL)
    sqlite3_bind_text (stmt, 9, filter->source, -1, SQLITE_STATIC);
  if (filter->follower_id != 0)
    sqlite3_bind_int64 (stmt, 10, filter->follower_id);
  if (filter->involved_id != 0)
    sqlite3_bind_int64 (stmt, 11, filter->involved_id);
}

/* The mail search (TK): every word of the search starts a word of a
 * message's subject, body or addresses, and the tickets of the newest
 * such mail come first; first those where the words stand whole.
 *
 * FTS5 answers a prefix query ("balk"*) by gathering every hit of
 * every word the prefix starts before it gives the newest: on a
 * million messages, tens to hundreds of milliseconds for a common
 * word, on every keystroke of a word being typed. Asked for those
 * words by name ("balkon" OR "balkony"), it walks their hits newest
 * first and stops at a screenful. So the words a search word starts
 * are looked up first among the index's own terms (messages_fts_terms,
 * a view that stores nothing: one seek per term, in term order), the
 * word folded as the index folds it. A word that starts more than
 * PREFIX_TERMS_MAX terms (a letter or two, the start of a number) is
 * looked for in the newest mail first, for a screenful (scan_hits()),
 * and else left to the index's prefix query. Every way finds the same
 * tickets in the same order: tests/core/test-ticket-search.c holds
 * them to the index's own prefix query. */

#define PREFIX_TERMS_MAX 64

/* The words of @search as crm_normalize_search_text() finds them (its
 * "word"* terms hold alphanumerics only), or %NULL when it holds none. */
static GPtrArray *
search_words (const char *search)
{
  g_autofree char *query = crm_normalize_search_text (search);
  g_auto(GStrv) terms = NULL;
  g_autoptr(GPtrArray) words = NULL;

  if (query == NULL)
    return NULL;

  words = g_ptr_array_new_with_free_func (g_free);
  terms = g_strsplit (query, " ", -1);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      gsize length = strlen (terms[i]);

      if (length > 3 && terms[i][0] == '"' && g_str_has_suffix (terms[i], "\"*"))
        g_ptr_array_add (words, g_strndup (terms[i] + 1, length - 3));
    }

  return words->len > 0 ? g_steal_pointer (&words) : NULL;
}

typedef struct
{
  GString *term;
  guint    n_terms;
} FoldedWord;

static int
fold_token_cb (void       *user_data,
               int         flags,
               const char *token,
               int         n_token,
               int         start,
               int         end)
{
  FoldedWord *folded = user_data;

  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;
  folded->n_terms++;
  g_string_truncate (folded->term, 0);
  g_string_append_len (folded->term, token, n_token);

  return SQLITE_OK;
}

/* The mail index's own tokenizer, with the options messages_fts was
 * made with (0004-messages.sql). */
typedef struct
{
  fts5_tokenizer api;
  Fts5Tokenizer *instance;
} MailTokenizer;

static gboolean
mail_tokenizer_open (CrmStore      *self,
                     MailTokenizer *tokenizer)
{
  static const char *options[] = { "remove_diacritics", "2" };
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (self, "SELECT fts5 (?1)", NULL);
  fts5_api *api = NULL;
  void *data = NULL;

  tokenizer->instance = NULL;
  if (stmt != NULL)
    {
      sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  if (api == NULL || api->iVersion < 2 ||
      api->xFindTokenizer (api, "unicode61", &data, &tokenizer->api) != SQLITE_OK ||
      tokenizer->api.xCreate (data, options, G_N_ELEMENTS (options), &tokenizer->instance) != SQLITE_OK)
    tokenizer->instance = NULL;

  return tokenizer->instance != NULL;
}

static void
mail_tokenizer_close (MailTokenizer *tokenizer)
{
  if (tokenizer->instance != NULL)
    tokenizer->api.xDelete (tokenizer->instance);
  tokenizer->instance = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MailTokenizer, mail_tokenizer_close)

/* Each of @words as the mail index holds its terms (case and accents
 * folded); %NULL for a word that does not make exactly one term there,
 * or for all without @tokenizer. */
static GPtrArray *
fold_search_words (MailTokenizer *tokenizer,
                   GPtrArray     *words)
{
  g_autoptr(GPtrArray) folded = g_ptr_array_new_full (words->len, g_free);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      FoldedWord fold = { g_string_new (NULL), 0 };

      if (tokenizer->instance != NULL &&
          tokenizer->api.xTokenize (tokenizer->instance, &fold, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX,
                                    word, (int) strlen (word), fold_token_cb) == SQLITE_OK &&
          fold.n_terms == 1)
        g_ptr_array_add (folded, g_string_free (fold.term, FALSE));
      else
        {
          g_string_free (fold.term, TRUE);
          g_ptr_array_add (folded, NULL);
        }
    }

  return g_steal_pointer (&folded);
}

/* The terms of the mail index that @prefix starts, in term order, each
 * found by one seek past the one before (terms hold no control
 * characters: term + "\1" is before every longer term it starts).
 * %NULL with *@too_many set when there are more than @max, or with
 * @error set on a fault. */
static GPtrArray *
index_terms_starting (CrmStore    *self,
                      const char  *prefix,
                      guint        max,
                      gboolean    *too_many,
                      GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (self,
                                                     "SELECT term FROM messages_fts_terms WHERE term >= ?1 LIMIT 1",
                                                     error);
  g_autoptr(GPtrArray) terms = NULL;
  g_autofree char *from = NULL;
  gsize length = strlen (prefix);

  *too_many = FALSE;
  if (stmt == NULL)
    return NULL;

  terms = g_ptr_array_new_with_free_func (g_free);
  from = g_strdup (prefix);
  for (;;)
    {
      const char *term;
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        break;
      if (rc != SQLITE_ROW)
        {
          _crm_store_set_sql_error (self, error);
          return NULL;
        }
      term = (const char *) sqlite3_column_text (stmt, 0);
      if (term == NULL || strncmp (term, prefix, length) != 0)
        break;
      if (terms->len == max)
        {
          *too_many = TRUE;
          return NULL;
        }
      g_ptr_array_add (terms, g_strdup (term));
      g_free (from);
      from = g_strconcat (term, "\1", NULL);
    }

  return g_steal_pointer (&terms);
}

static void
append_phrase (GString    *query,
               const char *text)
{
  g_string_append_c (query, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, *p);
    }
  g_string_append_c (query, '"');
}

/* The query of @words for the mail index, every word whole. */
static char *
mail_whole_query (GPtrArray *words)
{
  GString *query = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0)
        g_string_append_c (query, ' ');
      append_phrase (query, g_ptr_array_index (words, i));
    }

  return g_string_free (query, FALSE);
}

/* The query of @words for the mail index, every word as the start of
 * a word: as the terms it starts where they are few, else as a prefix
 * query. Sets *@query to %NULL when it would find nothing the whole
 * words do not (a word starts no term, or each word only itself).
 * FALSE with @error set on a fault. */
static gboolean
mail_prefix_query (CrmStore       *self,
                   GPtrArray      *words,
                   MailTokenizer  *tokenizer,
                   char          **query,
                   GPtrArray     **scan,
                   GError        **error)
{
  g_autoptr(GPtrArray) folded = fold_search_words (tokenizer, words);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean more = FALSE;
  gboolean many = FALSE;

  *query = NULL;
  *scan = NULL;
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      const char *term = g_ptr_array_index (folded, i);
      g_autoptr(GPtrArray) terms = NULL;
      gboolean too_many = TRUE;

      if (i > 0)
        g_string_append (out, " AND ");

      if (term != NULL)
        {
          terms = index_terms_starting (self, term, PREFIX_TERMS_MAX, &too_many, error);
          if (terms == NULL && !too_many)
            return FALSE;
        }

      if (terms == NULL)
        {
          /* the index's own prefix query */
          append_phrase (out, word);
          g_string_append_c (out, '*');
          more = TRUE;
          many = TRUE;
          continue;
        }
      /* no mail holds a word this one starts */
      if (terms->len == 0)
        return TRUE;
      if (terms->len > 1 || strcmp (g_ptr_array_index (terms, 0), term) != 0)
        more = TRUE;

      g_string_append_c (out, '(');
      for (guint j = 0; j < terms->len; j++)
        {
          if (j > 0)
            g_string_append (out, " OR ");
          append_phrase (out, g_ptr_array_index (terms, j));
        }
      g_string_append_c (out, ')');
    }

  if (more)
    *query = g_string_free (g_steal_pointer (&out), FALSE);
  /* every word one term: the newest mail can be read for them first */
  if (many && !g_ptr_array_find (folded, NULL, NULL))
    *scan = g_steal_pointer (&folded);

  return TRUE;
}

typedef struct
{
  GPtrArray *words;
  gboolean  *found;
  guint      missing;
} ScanRow;

static int
scan_token_cb (void       *user_data,
               int         flags,
               const char *token,
               int         n_token,
               int         start,
               int         end)
{
  ScanRow *row = user_data;

  for (guint i = 0; i < row->words->len; i++)
    {
      const char *word = g_ptr_array_index (row->words, i);
      gsize length = strlen (word);

      if (!row->found[i] && (gsize) n_token >= length && memcmp (token, word, length) == 0)
        {
          row->found[i] = TRUE;
          if (--row->missing == 0)
            return SQLITE_DONE;
        }
    }

  return SQLITE_OK;
}

/* Reads the newest mail, of tickets the other filters let through, for
 * whether each of @words (folded, one term each) starts a word of it,
 * as the index's prefix query would tell, and adds the tickets of
 * those that hold them all. For words that start too many terms to ask
 * for by name, most of them rare (a letter, the start of a number):
 * when together they are in much of the mail, the tickets wanted are
 * among the newest, and reading those costs far less than the index
 * gathering every hit of every term. At most SCAN_ROWS_PER_TICKET
 * messages a ticket wanted (SCAN_ROWS_MIN at least): past that the
 * index gathers faster (a message read costs some 8 µs, a hit
 * gathered some 0.2 µs). *@done is FALSE when the newest messages did
 * not fill @max: the caller goes on with the index from there (the
 * same order, so the same tickets). */
#define SCAN_ROWS_MIN 2000
#define SCAN_ROWS_PER_TICKET 16

static gboolean
scan_hits (CrmStore               *self,
           const CrmTicketFilter  *filter,
           MailTokenizer          *tokenizer,
           GPtrArray              *words,
           guint                   max,
           GArray                 *ids,
           GHashTable             *seen,
           gboolean               *done,
           GError                **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT 1 FROM tickets t JOIN statuses s ON s.id = t.status_id "
                                         "WHERE t.id = ?5");
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autoptr(CrmStoreStmt) check = NULL;
  g_autoptr(GHashTable) rejected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree gboolean *found = g_new0 (gboolean, words->len);
  guint start = ids->len;
  guint budget = MAX (SCAN_ROWS_MIN, (max - start) * SCAN_ROWS_PER_TICKET);
  guint rows = 0;
  int rc = SQLITE_DONE;

  *done = FALSE;
  /* every message counts against the budget: the filters are asked
   * once a ticket, so that a rare one gives up early too */
  append_filters (sql, filter);
  check = _crm_store_prepare (self, g_intern_string (sql->str), error);
  stmt = _crm_store_prepare (self,
                             "SELECT m.ticket_id, f.subject, f.body, f.addresses FROM messages_fts f "
                             "CROSS JOIN messages m ON m.id = f.rowid WHERE m.ticket_id IS NOT NULL "
                             "ORDER BY f.rowid DESC",
                             error);
  if (check == NULL || stmt == NULL)
    return FALSE;
  bind_filters (check, filter);

  while (ids->len < max && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      ScanRow row = { words, found, words->len };

      /* given up when the tickets wanted would take more than the
       * budget at the rate found so far */
      if (rows >= budget ||
          (rows >= budget / 10 && (guint64) rows * (max - start) > (guint64) budget * (ids->len - start)))
        break;
      rows++;
      if (g_hash_table_contains (seen, &id) || g_hash_table_contains (rejected, &id))
        continue;
      sqlite3_reset (check);
      sqlite3_bind_int64 (check, 5, id);
      rc = sqlite3_step (check);
      if (rc == SQLITE_DONE)
        {
          g_hash_table_add (rejected, g_memdup2 (&id, sizeof id));
          continue;
        }
      if (rc != SQLITE_ROW)
        break;
      memset (found, 0, words->len * sizeof (gboolean));
      for (int column = 1; column <= 3 && row.missing > 0; column++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, column);
          int trc;

          if (text == NULL)
            continue;
          trc = tokenizer->api.xTokenize (tokenizer->instance, &row, FTS5_TOKENIZE_DOCUMENT, text,
                                          sqlite3_column_bytes (stmt, column), scan_token_cb);
          if (trc != SQLITE_OK && trc != SQLITE_DONE)
            {
              g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_SQL, sqlite3_errstr (trc));
              return FALSE;
            }
        }
      if (row.missing > 0)
        continue;
      g_array_append_val (ids, id);
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  /* all the mail read, or the screen full */
  *done = rc == SQLITE_DONE || ids->len >= max;

  return TRUE;
}

/* Adds the tickets of @match's hits, newest message first, that the
 * other filters let through and @seen does not hold, up to @max. */
static gboolean
collect_hits (CrmStore               *self,
              const CrmTicketFilter  *filter,
              const char             *match,
              guint                   max,
              GArray                 *ids,
              GHashTable             *seen,
              GError                **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT m.ticket_id FROM messages_fts f JOIN messages m ON m.id = f.rowid "
                                         "JOIN tickets t ON t.id = m.ticket_id "
                                         "JOIN statuses s ON s.id = t.status_id WHERE messages_fts MATCH ?5");
  g_autoptr(CrmStoreStmt) stmt = NULL;
  int rc = SQLITE_DONE;

  append_filters (sql, filter);
  g_string_append (sql, " ORDER BY f.rowid DESC");
  stmt = _crm_store_prepare (self, g_intern_string (sql->str), error);
  if (stmt == NULL)
    return FALSE;
  bind_filters (stmt, filter);
  sqlite3_bind_text (stmt, 5, match, -1, SQLITE_STATIC);

  while ((max == 0 || ids->len < max) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (g_hash_table_contains (seen, &id))
        continue;
      g_array_append_val (ids, id);
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/* A search holds the tickets of the newest matching mail first, and
 * among them first those where the words stand whole: the hits are
 * walked in the search index's own order, so a screen costs as many
 * hits as it takes to fill it, however common the words. Only when
 * whole words do not fill it are the words taken as the start of
 * words (the last still being typed), asked for as the words they
 * start, walked the same way (mail_search_queries()). At most @max
 * tickets (0: all). */
static GArray *
search_ticket_ids (CrmStore               *self,
                   const CrmTicketFilter  *filter,
                   guint                   max,
                   GError                **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) words = search_words (filter->search);
  g_autoptr(GPtrArray) scan = NULL;
  g_auto(MailTokenizer) tokenizer = { { NULL, NULL, NULL }, NULL };
  g_autofree char *whole = NULL;
  g_autofree char *prefix = NULL;
  gboolean done = FALSE;

  if (words == NULL)
    return g_steal_pointer (&ids);

  whole = mail_whole_query (words);
  if (!collect_hits (self, filter, whole, max, ids, seen, error))
    return NULL;
  if (max > 0 && ids->len >= max)
    return g_steal_pointer (&ids);

  mail_tokenizer_open (self, &tokenizer);
  if (!mail_prefix_query (self, words, &tokenizer, &prefix, &scan, error))
    return NULL;
  /* a screenful or a list (not every ticket): first the newest mail */
  if (prefix != NULL && scan != NULL && max > 0 &&
      !scan_hits (self, filter, &tokenizer, scan, max, ids, seen, &done, error))
    return NULL;
  if (prefix != NULL && !done && !collect_hits (self, filter, prefix, max, ids, seen, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/* The statement of a ticket list, or of its count, without a search;
 * built from fixed pieces: a few dozen shapes at most, each prepared
 * once and kept (an interned string is the cache's key). */
static CrmStoreStmt *
prepare_ticket_query (CrmStore               *self,
                      const CrmTicketFilter  *filter,
                      gboolean                count,
                      GError                **error)
{
  g_autoptr(GString) sql = g_string_new (count ? "SELECT count (*) FROM tickets t "
                                                 "JOIN statuses s ON s.id = t.status_id WHERE 1"
                                               : "SELECT " CRM_TICKET_COLUMNS " FROM tickets t " CRM_TICKET_JOINS
                                                 "WHERE 1");
  CrmStoreStmt *stmt;

  append_filters (sql, filter);
  if (!count)
    {
      g_string_append (sql, filter->oldest_first ? " ORDER BY t.created_at, t.id"
                                                 : " ORDER BY t.last_message_at DESC, t.id DESC");
      g_string_append (sql, " LIMIT ?6 OFFSET ?7");
    }

  stmt = _crm_store_prepare (self, g_intern_string (sql->str), error);
  if (stmt == NULL)
    return NULL;
  bind_filters (stmt, filter);
  if (!count)
    {
      sqlite3_bind_int64 (stmt, 6, filter->limit > 0 ? (gint64) filter->limit : -1);
      sqlite3_bind_int64 (stmt, 7, filter->offset);
    }

  return stmt;
}

#define SEARCH_CAP 1000

/**
 * crm_store_list_tickets:
 * @self: a #CrmStore
 * @filter: (nullable): what to show; %NULL for every ticket
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the #CrmTicket list, newest activity first
 *   unless @filter says oldest first (RQ5); with a search, the tickets
 *   of the newest matching mail first
 */
GListModel *
crm_store_list_tickets (CrmStore                *self,
                        const CrmTicketFilter   *filter,
                        GError                 **error)
{
  CrmTicketFilter none = { 0 };
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autofree char *match = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GListStore) tickets = NULL;
  guint end;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (filter == NULL)
    filter = &none;

  if (filter->search == NULL || (match = crm_normalize_search_text (filter->search)) == NULL)
    {
      stmt = prepare_ticket_query (self, filter, FALSE, error);
      if (stmt == NULL)
        return NULL;
      return _crm_store_collect (self, stmt, CRM_TYPE_TICKET, ticket_from_row, error);
    }

  ids = search_ticket_ids (self, filter, filter->limit > 0 ? filter->offset + filter->limit : 0, error);
  if (ids == NULL)
    return NULL;

  tickets = g_list_store_new (CRM_TYPE_TICKET);
  end = filter->limit > 0 ? MIN (ids->len, filter->offset + filter->limit) : ids->len;
  for (guint i = filter->offset; i < end; i++)
    {
      g_autoptr(CrmTicket) ticket = crm_store_get_ticket (self, g_array_index (ids, gint64, i), filter->reader, error);

      if (ticket == NULL)
        return NULL;
      g_list_store_append (tickets, ticket);
    }

  return G_LIST_MODEL (g_steal_pointer (&tickets));
}

/**
 * crm_store_count_tickets:
 * @self: a #CrmStore
 * @filter: (nullable): which tickets; %NULL for all
 * @error: return location for a #GError
 *
 * Returns: how many tickets @filter lets through (0 with @error set on
 *   a fault); with a search, at most the 1,000 of the newest matching
 *   mail
 */
guint
crm_store_count_tickets (CrmStore               *self,
                         const CrmTicketFilter  *filter,
                         GError                **error)
{
  CrmTicketFilter none = { 0 };
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autofree char *match = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  if (filter == NULL)
    filter = &none;

  if (filter->search != NULL && (match = crm_normalize_search_text (filter->search)) != NULL)
    {
      g_autoptr(GArray) ids = search_ticket_ids (self, filter, SEARCH_CAP, error);

      return ids != NULL ? ids->len : 0;
    }

  stmt = prepare_ticket_query (self, filter, TRUE, error);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return 0;
    }

  return (guint) sqlite3_column_int64 (stmt, 0);
}

/**
 * crm_store_list_ticket_ids:
 * @self: a #CrmStore
 * @filter: (nullable): which tickets, in which order (limit and offset
 *   do not count)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The ids of every ticket @filter lets through, in the order
 * crm_store_list_tickets() gives them; with a search, at most those of
 * the 1,000 newest matching mails. For lists that read the rows
 * themselves when they are shown.
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL
 *   with @error set
 */
GArray *
crm_store_list_ticket_ids (CrmStore               *self,
                           const CrmTicketFilter  *filter,
                           GCancellable           *cancellable,
                           GError                **error)
{
  CrmTicketFilter none = { 0 };
  g_autoptr(GString) sql = NULL;
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *match = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (filter == NULL)
    filter = &none;

  if (filter->search != NULL && (match = crm_normalize_search_text (filter->search)) != NULL)
    ids = search_ticket_ids (self, filter, SEARCH_CAP, error);
  else
    {
      sql = g_string_new ("SELECT t.id FROM tickets t JOIN statuses s ON s.id = t.status_id WHERE 1");
      append_filters (sql, filter);
      g_string_append (sql, filter->oldest_first ? " ORDER BY t.created_at, t.id"
                                                 : " ORDER BY t.last_message_at DESC, t.id DESC");
      stmt = _crm_store_prepare (self, g_intern_string (sql->str), error);
      if (stmt == NULL)
        return NULL;
      bind_filters (stmt, filter);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!_crm_store_step_ids (self, stmt, ids, error))
        g_clear_pointer (&ids, g_array_unref);
    }

  /* an interrupted statement has set @error already */
  if (ids == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * crm_store_get_tickets:
 * @self: a #CrmStore
 * @ids: (array length=n_ids): tickets
 * @n_ids: how many
 * @reader: the user whose read state counts, or 0 for the assignee's
 * @error: return location for a #GError
 *
 * Reads the tickets of @ids in one query; those that are gone are left
 * out, and the order is the database's.
 *
 * Returns: (transfer full) (element-type CrmTicket): the tickets, or
 *   %NULL with @error set
 */
GPtrArray *
crm_store_get_tickets (CrmStore      *self,
                       const gint64  *ids,
                       guint          n_ids,
                       gint64         reader,
                       GError       **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT " CRM_TICKET_COLUMNS " FROM tickets t " CRM_TICKET_JOINS
                             "WHERE t.id IN (SELECT value FROM json_each (?2))",
                             error);
  if (stmt == NULL)
    return NULL;
  json = _crm_store_ids_json (ids, n_ids);
  if (reader != 0)
    sqlite3_bind_int64 (stmt, 1, reader);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);

  return _crm_store_collect_objects (self, stmt, ticket_from_row, error);
}

/**
 * crm_store_list_client_tickets:
 * @self: a #CrmStore
 * @ticket_id: a ticket
 * @limit: at most this many
 * @error: return location for a #GError
 *
 * The client's other tickets, for the side of the ticket card (TK7):
 * those of the same contact, or of the same address while the sender is
 * no contact, newest activity first. Tickets of comments only are not
 * the client's history and are left out (TK9).
 *
 * Returns: (transfer full): a list of #CrmTicket
 */
GListModel *
crm_store_list_client_tickets (CrmStore  *self,
                               gint64     ticket_id,
                               guint      limit,
                               GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT " CRM_TICKET_COLUMNS " FROM tickets t " CRM_TICKET_JOINS
                             "JOIN tickets o ON o.id = ?2 WHERE t.id <> o.id AND t.has_mail = 1 AND "
                             "((o.client_id IS NOT NULL AND t.client_id = o.client_id) OR "
                             "(o.client_id IS NULL AND t.client_address = o.client_address)) "
                             "ORDER BY t.last_message_at DESC, t.id DESC LIMIT ?3",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, ticket_id);
  sqlite3_bind_int64 (stmt, 3, limit);

  return _crm_store_collect (self, stmt, CRM_TYPE_TICKET, ticket_from_row, error);
}

/**
 * crm_store_list_contact_tickets:
 * @self: a #CrmStore
 * @contact_id: a contact
 * @limit: at most this many
 * @error: return location for a #GError
 *
 * The contact's tickets for their history, newest activity first;
 * tickets of comments only are left out (TK9).
 *
 * Returns: (transfer full): a list of #CrmTicket
 */
GListModel *
crm_store_list_contact_tickets (CrmStore  *self,
                                gint64     contact_id,
                                guint      limit,
                                GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT " CRM_TICKET_COLUMNS " FROM tickets t " CRM_TICKET_JOINS
                             "WHERE t.client_id = ?2 AND t.has_mail = 1 "
                             "ORDER BY t.last_message_at DESC, t.id DESC LIMIT ?3",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, contact_id);
  sqlite3_bind_int64 (stmt, 3, limit);

  return _crm_store_collect (self, stmt, CRM_TYPE_TICKET, ticket_from_row, error);
}

/**
 * crm_store_list_ticket_messages:
 * @self: a #CrmStore
 * @ticket_id: the ticket
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the ids of the
 *   ticket's mail, oldest first
 */
GArray *
crm_store_list_ticket_messages (CrmStore  *self,
                                gint64     ticket_id,
                                GError   **error)
{
  return _crm_store_collect_ids (self, "SELECT id FROM messages WHERE ticket_id = ? ORDER BY id", ticket_id, error);
}

/* Comments: internal ones, and the system's (who did what) */

static gboolean
add_comment (CrmStore    *self,
             gint64       ticket_id,
             const char  *kind,
             const char  *body,
             GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (self,
                        "INSERT INTO ticket_comments (ticket_id, kind, author_id, body, created_at) "
                        "VALUES (?, ?, (SELECT id FROM users WHERE id = ?), ?, ?)",
                        error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, crm_store_get_actor (self));
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, crm_clock_now_unix (crm_store_get_clock (self)));

  return _crm_store_step_done (self, stmt, error);
}

/* A change: a system comment, an audit row, the ticket touched. */
static gboolean
record_change (CrmStore    *self,
               gint64       ticket_id,
               const char  *action,
               const char  *text,
               GError     **error)
{
  g_autoptr(CrmStoreStmt) touch =
    _crm_store_prepare (self, "UPDATE tickets SET updated_at = ? WHERE id = ?", error);

  if (touch == NULL)
    return FALSE;
  sqlite3_bind_int64 (touch, 1, crm_clock_now_unix (crm_store_get_clock (self)));
  sqlite3_bind_int64 (touch, 2, ticket_id);

  return _crm_store_step_done (self, touch, error) &&
         add_comment (self, ticket_id, "system", text, error) &&
         crm_store_append_history (self, "ticket", ticket_id, action, text, error);
}

typedef struct
{
  gint64      ticket_id;
  const char *body;
} Comment;

static gboolean
comment_tx (CrmStore  *self,
            gpointer   user_data,
            GError   **error)
{
  Comment *comment = user_data;
  g_autoptr(CrmTicket) ticket = crm_store_get_ticket (self, comment->ticket_id, 0, error);

  return ticket != NULL &&
         add_comment (self, comment->ticket_id, "comment", comment->body, error) &&
         crm_store_append_history (self, "ticket", comment->ticket_id, "commented", NULL, error);
}

/**
 * crm_store_comment_ticket:
 * @self: a #CrmStore
 * @ticket_id: the ticket
 * @body: the comment; users see it, the client never does (TK12)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_comment_ticket (CrmStore    *self,
                          gint64       ticket_id,
                          const char  *body,
                          GError     **error)
{
  Comment comment = { ticket_id, body };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (body == NULL || strspn (body, " \t\r\n") == strlen (body))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Write the comment first."));
      return FALSE;
    }
  if (!crm_store_run_in_transaction (self, comment_tx, &comment, error))
    return FALSE;

  _crm_store_emit_changed (self, "ticket", ticket_id);

  return TRUE;
}

/**
 * crm_store_list_ticket_comments:
 * @self: a #CrmStore
 * @ticket_id: the ticket
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmTicketComment): the
 *   ticket's comments and system comments, oldest first
 */
GPtrArray *
crm_store_list_ticket_comments (CrmStore  *self,
                                gint64     ticket_id,
                                GError   **error)
{
  g_autoptr(GPtrArray) comments = g_ptr_array_new_with_free_func (crm_ticket_comment_free);
  g_autoptr(CrmStoreStmt) stmt = NULL;
  int rc;

  stmt = _crm_store_prepare (self,
                             "SELECT c.id, c.kind, u.name, c.body, c.created_at FROM ticket_comments c "
                             "LEFT JOIN users u ON u.id = c.author_id WHERE c.ticket_id = ? ORDER BY c.id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmTicketComment *comment = g_new0 (CrmTicketComment, 1);

      comment->id = sqlite3_column_int64 (stmt, 0);
      comment->internal = g_str_equal ((const char *) sqlite3_column_text (stmt, 1), "comment");
      comment->author = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      comment->body = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      comment->created = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (comments, comment);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&comments);
}

void
crm_ticket_comment_free (gpointer data)
{
  CrmTicketComment *comment = data;

  g_free (comment->author);
  g_free (comment->body);
  g_free (comment);
}

/* Changing a ticket */

typedef struct
{
  gint64      ticket_id;
  gint64      assignee_id;
  const char *status;
  const char *queue;
  const char *priority;
  const char *category;
  const char *tag;
  const char *untag;
  const char *source;
  gint64      follower_id;
  gboolean    unfollow;
} Change;

static const char * const sources[] = { "email", "phone", "sms", "chat", "web", "letter", "other", NULL };

/* A filter that owns its strings: for lists and reads that keep one
 * after the caller's is gone. */
void
_crm_ticket_filter_copy (CrmTicketFilter       *to,
                         const CrmTicketFilter *from)
{
  *to = *from;
  to->status = g_strdup (from->status);
  to->search = g_strdup (from->search);
  to->tag = g_strdup (from->tag);
  to->source = g_strdup (from->source);
}

void
_crm_ticket_filter_clear (CrmTicketFilter *filter)
{
  g_free ((char *) filter->status);
  g_free ((char *) filter->search);
  g_free ((char *) filter->tag);
  g_free ((char *) filter->source);
  memset (filter, 0, sizeof *filter);
}

CrmTicketFilter *
_crm_ticket_filter_dup (const CrmTicketFilter *filter)
{
  CrmTicketFilter *copy = g_new0 (CrmTicketFilter, 1);

  _crm_ticket_filter_copy (copy, filter);

  return copy;
}

void
_crm_ticket_filter_free (gpointer filter)
{
  _crm_ticket_filter_clear (filter);
  g_free (filter);
}

/**
 * crm_ticket_sources:
 *
 * Returns: (transfer none): the ways a ticket comes in (TK2), in the
 *   order the window lists them; "other" is in person and the rest
 */
const char * const *
crm_ticket_sources (void)
{
  return sources;
}

/* Translators: how a ticket came in (TK): as shown in its history */
static const char *
source_label (const char *source)
{
  if (g_str_equal (source, "email"))
    return _("e-mail");
  if (g_str_equal (source, "phone"))
    return _("phone");
  if (g_str_equal (source, "sms"))
    return _("SMS");
  if (g_str_equal (source, "chat"))
    return _("chat");
  if (g_str_equal (source, "web"))
    return _("web");
  if (g_str_equal (source, "letter"))
    return _("letter");
  return _("in person or other");
}

static gboolean
update_column (CrmStore    *self,
               const char  *sql,
               gint64       ticket_id,
               gint64       value,
               GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (value != 0)
    sqlite3_bind_int64 (stmt, 1, value);
  sqlite3_bind_int64 (stmt, 2, ticket_id);

  return _crm_store_step_done (self, stmt, error);
}

static gboolean
change_tx (CrmStore  *self,
           gpointer   user_data,
           GError   **error)
{
  Change *change = user_data;
  g_autoptr(CrmTicket) ticket = crm_store_get_ticket (self, change->ticket_id, 0, error);
  gint64 id;

  if (ticket == NULL)
    return FALSE;

  if (change->assignee_id != 0)
    {
      g_autoptr(CrmUser) user = crm_store_get_user (self, change->assignee_id, error);
      g_autofree char *text = NULL;

      if (user == NULL)
        return FALSE;
      /* Translators: a system comment in a ticket; the user's name */
      text = g_strdup_printf (_("Assigned to %s"), crm_user_get_name (user));
      if (!update_column (self, "UPDATE tickets SET assignee_id = ?1 WHERE id = ?2", change->ticket_id,
                          change->assignee_id, error) ||
          !record_change (self, change->ticket_id, "assigned", text, error))
        return FALSE;
    }

  if (change->status != NULL)
    {
      g_autoptr(CrmStoreStmt) closed = NULL;
      g_autofree char *text = NULL;

      if (!(id = find_status (self, change->status, error)))
        return FALSE;
      closed = _crm_store_prepare (self,
                                   "UPDATE tickets SET status_id = ?1, closed_at = CASE WHEN "
                                   "(SELECT kind FROM statuses WHERE id = ?1) = 'closed' THEN ?3 END WHERE id = ?2",
                                   error);
      if (closed == NULL)
        return FALSE;
      sqlite3_bind_int64 (closed, 1, id);
      sqlite3_bind_int64 (closed, 2, change->ticket_id);
      sqlite3_bind_int64 (closed, 3, crm_clock_now_unix (crm_store_get_clock (self)));
      /* Translators: a system comment in a ticket; the new status */
      text = g_strdup_printf (_("Status changed to %s"), change->status);
      if (!_crm_store_step_done (self, closed, error) ||
          !record_change (self, change->ticket_id, "status", text, error))
        return FALSE;
    }

  if (change->queue != NULL)
    {
      g_autofree char *text = NULL;

      if (!(id = crm_store_find_queue (self, change->queue, error)))
        return FALSE;
      /* Translators: a system comment in a ticket; the new queue */
      text = g_strdup_printf (_("Moved to the queue %s"), change->queue);
      if (!update_column (self, "UPDATE tickets SET queue_id = ?1 WHERE id = ?2", change->ticket_id, id, error) ||
          !record_change (self, change->ticket_id, "queue", text, error))
        return FALSE;
    }

  if (change->priority != NULL)
    {
      g_autofree char *text = NULL;

      if (!(id = find_priority (self, change->priority, error)))
        return FALSE;
      /* Translators: a system comment in a ticket; the new priority */
      text = g_strdup_printf (_("Priority changed to %s"), change->priority);
      /* the times to meet follow the new priority, from the ticket's start */
      if (!update_column (self, "UPDATE tickets SET priority_id = ?1 WHERE id = ?2", change->ticket_id, id, error) ||
          !set_due_times (self, change->ticket_id, crm_ticket_get_created (ticket), error) ||
          !record_change (self, change->ticket_id, "priority", text, error))
        return FALSE;
    }

  if (change->category != NULL && *change->category == '\0')
    {
      if (!update_column (self, "UPDATE tickets SET category_id = ?1 WHERE id = ?2",
                          change->ticket_id, 0, error) ||
          /* Translators: a system comment in a ticket */
          !record_change (self, change->ticket_id, "category", _("Category removed"), error))
        return FALSE;
    }
  else if (change->category != NULL)
    {
      g_autofree char *text = NULL;

      if (!(id = ensure_category (self, change->category, error)))
        return FALSE;
      /* Translators: a system comment in a ticket; the new category */
      text = g_strdup_printf (_("Category set to %s"), change->category);
      if (!update_column (self, "UPDATE tickets SET category_id = ?1 WHERE id = ?2", change->ticket_id, id, error) ||
          !record_change (self, change->ticket_id, "category", text, error))
        return FALSE;
    }

  if (change->tag != NULL)
    {
      g_autofree char *text = NULL;

      if (!(id = ensure_tag (self, change->tag, error)))
        return FALSE;
      /* Translators: a system comment in a ticket; the tag */
      text = g_strdup_printf (_("Tagged %s"), change->tag);
      if (!update_column (self, "INSERT OR IGNORE INTO ticket_tags (tag_id, ticket_id) VALUES (?1, ?2)",
                          change->ticket_id, id, error) ||
          !record_change (self, change->ticket_id, "tag", text, error))
        return FALSE;
    }

  if (change->untag != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: a system comment in a ticket; the tag */
      text = g_strdup_printf (_("Tag %s removed"), change->untag);
      if (!(id = find_named (self, "SELECT id FROM tags WHERE name = ?1", change->untag)) ||
          !update_column (self, "DELETE FROM ticket_tags WHERE tag_id = ?1 AND ticket_id = ?2", change->ticket_id,
                          id, error))
        {
          if (id == 0)
            g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no tag “%s”."), change->untag);
          return FALSE;
        }
      if (sqlite3_changes (_crm_store_get_db (self)) > 0 &&
          !record_change (self, change->ticket_id, "tag", text, error))
        return FALSE;
    }

  if (change->source != NULL)
    {
      g_autoptr(CrmStoreStmt) stmt = NULL;
      g_autofree char *text = NULL;

      if (!g_strv_contains (sources, change->source))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       _("“%s” is not a source: use email, phone, sms, chat, web, letter or other."), change->source);
          return FALSE;
        }
      if (!(stmt = _crm_store_prepare (self, "UPDATE tickets SET source = ?1 WHERE id = ?2", error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, change->source, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, change->ticket_id);
      /* Translators: a system comment in a ticket; how the ticket came in */
      text = g_strdup_printf (_("Source set to %s"), source_label (change->source));
      if (!_crm_store_step_done (self, stmt, error) ||
          !record_change (self, change->ticket_id, "source", text, error))
        return FALSE;
    }

  if (change->follower_id != 0)
    {
      g_autoptr(CrmUser) user = crm_store_get_user (self, change->follower_id, error);
      g_autofree char *text = NULL;

      if (user == NULL)
        return FALSE;
      text = g_strdup_printf (change->unfollow ? _("%s stopped following the ticket")
                                               /* Translators: a system comment; a user's name */
                                               : _("%s follows the ticket"),
                              crm_user_get_name (user));
      if (!update_column (self, change->unfollow ? "DELETE FROM ticket_followers WHERE user_id = ?1 AND ticket_id = ?2"
                                                 : "INSERT OR IGNORE INTO ticket_followers (user_id, ticket_id) "
                                                   "VALUES (?1, ?2)",
                          change->ticket_id, change->follower_id, error))
        return FALSE;
      if (sqlite3_changes (_crm_store_get_db (self)) > 0 &&
          !record_change (self, change->ticket_id, "follow", text, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
change_ticket (CrmStore  *self,
               Change    *change,
               GError   **error)
{
  if (!crm_store_run_in_transaction (self, change_tx, change, error))
    return FALSE;

  _crm_store_emit_changed (self, "ticket", change->ticket_id);

  return TRUE;
}

/**
 * crm_store_assign_ticket:
 * @self: a #CrmStore
 * @ticket_id: the ticket
 * @user_id: the new assignee
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; a system comment says who did it
 */
gboolean
crm_store_assign_ticket (CrmStore  *self,
                         gint64     ticket_id,
                         gint64     user_id,
                         GError   **error)
{
  Change change = { ticket_id, user_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, FALSE };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (user_id > 0, FALSE);

  return change_ticket (self, &change, error);
}

/**
 * crm_store_set_ticket:
 * @self: a #CrmStore
 * @ticket_id: the ticket
 * @status: (nullable): a status's name or kind
 * @queue: (nullable): a queue's name
 * @priority: (nullable): a priority's name
 * @category: (nullable): a category, made when new
 * @tag: (nullable): a tag to add
 * @error: return location for a #GError
 *
 * Changes what is given, all or nothing; each change leaves a system
 * comment and an audit row.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_set_ticket (CrmStore    *self,
                      gint64       ticket_id,
                      const char  *status,
                      const char  *queue,
                      const char  *priority,
                      const char  *category,
                      const char  *tag,
                      GError     **error)
{
  Change change = { ticket_id, 0, status, queue, priority, category, tag, NULL, NULL, 0, FALSE };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  return change_ticket (self, &change, error);
}

/**
 * crm_store_untag_ticket:
 * @self: a #CrmStore
 * @ticket_id: the ticket
 * @tag: the tag to take off
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success (also when the ticket did not have @tag)
 */
gboolean
crm_store_untag_ticket (CrmStore    *self,
                        gint64       ticket_id,
                        const char  *tag,
                        GError     **error)
{
  Change change = { ticket_id, 0, NULL, NULL, NULL, NULL, NULL, tag, NULL, 0, FALSE };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  return change_ticket (self, &change, error);
}

/**
 * crm_store_set_ticket_source:
 * @self: a #CrmStore
 * @ticket_id: the ticket
 * @source: how the ticket came in: "email", "phone", "sms", "chat",
 *   "web", "letter" or "other" (in person and the rest)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_set_ticket_source (CrmStore    *self,
                             gint64       ticket_id,
                             const char  *source,
                             GError     **error)
{
  Change change = { ticket_id, 0, NULL, NULL, NULL, NULL, NULL, NULL, source, 0, FALSE };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  return change_ticket (self, &change, error);
}

/**
 * crm_store_follow_ticket:
 * @self: a #CrmStore
 * @ticket_id: the ticket
 * @user_id: the user
 * @follow: %TRUE to follow the ticket, %FALSE to stop
 * @error: return location for a #GError
 *
 * A follower finds the ticket under "Following" in the ticket lists.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_follow_ticket (CrmStore  *self,
                         gint64     ticket_id,
                         gint64     user_id,
                         gboolean   follow,
                         GError   **error)
{
  Change change = { ticket_id, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, user_id, !follow };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (user_id > 0, FALSE);

  return change_ticket (self, &change, error);
}

/**
 * crm_store_list_ticket_followers:
 * @self: a #CrmStore
 * @ticket_id: the ticket
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the followers' user ids
 */
GArray *
crm_store_list_ticket_followers (CrmStore  *self,
                                 gint64     ticket_id,
                                 GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return _crm_store_collect_ids (self, "SELECT user_id FROM ticket_followers WHERE ticket_id = ? ORDER BY user_id",
                                 ticket_id, error);
}

/**
 * crm_store_mark_ticket_read:
 * @self: a #CrmStore
 * @ticket_id: the ticket
 * @user_id: who read it
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_mark_ticket_read (CrmStore  *self,
                            gint64     ticket_id,
                            gint64     user_id,
                            GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (self, "INSERT OR REPLACE INTO ticket_reads (ticket_id, user_id, read_at) VALUES (?, ?, ?)",
                        error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, crm_clock_now_unix (crm_store_get_clock (self)));
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;

  _crm_store_emit_changed (self, "ticket", ticket_id);

  return TRUE;
}

/* Routing incoming mail */

/**
 * crm_ticket_reference:
 * @store: a #CrmStore
 * @ticket_id: a ticket
 *
 * The reference line that goes under our replies: the ticket's number
 * and a check code made with this database's secret, so that a quoted
 * reference leads back to the ticket and a made-up one does not.
 *
 * Returns: (transfer full): e.g. "CRM-REF:12-3f9a0c1d"
 */
char *
crm_ticket_reference (CrmStore *store,
                      gint64    ticket_id)
{
  g_autofree char *secret = crm_store_get_setting (store, "thread-secret", NULL);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, ticket_id);
  g_autofree char *mac = NULL;

  if (secret == NULL)
    {
      secret = g_uuid_string_random ();
      crm_store_set_setting (store, "thread-secret", secret, NULL);
    }
  mac = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret), number, -1);
  mac[8] = '\0';

  return g_strdup_printf (REFERENCE_PREFIX "%s-%s", number, mac);
}

/* The number in the first "[#N]" of @subject, or 0. */
static gint64
subject_token (const char *subject)
{
  const char *open = subject ? strstr (subject, TOKEN_OPEN) : NULL;
  guint64 number = 0;
  char *end = NULL;

  if (open == NULL)
    return 0;
  number = g_ascii_strtoull (open + strlen (TOKEN_OPEN), &end, 10);
  if (end == open + strlen (TOKEN_OPEN) || *end != ']')
    return 0;

  return (gint64) number;
}

/* The ticket of the first valid reference line in @body, or 0. */
static gint64
body_reference (CrmStore   *store,
                const char *body)
{
  for (const char *p = body; p != NULL && (p = strstr (p, REFERENCE_PREFIX)) != NULL; p++)
    {
      g_autofree char *expected = NULL;
      char *end = NULL;
      gint64 number = (gint64) g_ascii_strtoull (p + strlen (REFERENCE_PREFIX), &end, 10);

      if (number <= 0)
        continue;
      expected = crm_ticket_reference (store, number);
      if (strncmp (p, expected, strlen (expected)) == 0)
        return number;
    }

  return 0;
}

typedef enum
{
  LINK_HELD,      /* a message of the ticket has this Message-ID */
  LINK_NAMED,     /* a message of the ticket names it too */
} Link;

/* A ticket that a Message-ID of an incoming message leads to. */
typedef struct
{
  gint64      ticket_id;
  Link        link;
  const char *id;         /* borrowed from the parsed message */
  gboolean    reported;   /* the mail a delivery report is about */
  gboolean    own;        /* the incoming message's own Message-ID */
} Match;

/* Adds the tickets of the messages with Message-ID @id, then of the
 * messages that name @id in In-Reply-To or References, which we may
 * not hold (JWZ: two replies to a missing parent are one thread);
 * each ticket once, the newest mail first. */
static void
add_matches (CrmStore   *store,
             GArray     *matches,
             const char *id,
             gboolean    reported,
             gboolean    own)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (store,
                        "SELECT ticket_id, max (held) AS h FROM "
                        "(SELECT ticket_id, 1 AS held, id FROM messages WHERE message_id = ?1 AND ticket_id IS NOT NULL "
                        "UNION ALL SELECT m.ticket_id, 0, m.id FROM message_refs r JOIN messages m ON m.id = r.message "
                        "WHERE r.ref = ?1 AND m.ticket_id IS NOT NULL) GROUP BY ticket_id ORDER BY h DESC, max (id) DESC",
                        NULL);

  if (stmt == NULL || id == NULL || *id == '\0')
    return;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Match match = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1) ? LINK_HELD : LINK_NAMED,
                      id, reported, own };
      gboolean seen = FALSE;

      for (guint i = 0; i < matches->len && !seen; i++)
        seen = g_array_index (matches, Match, i).ticket_id == match.ticket_id;
      if (!seen)
        g_array_append_val (matches, match);
    }
}

/* Every ticket the Message-IDs of @parsed lead to, the one it belongs
 * to first: for a report the mail it reports on, then In-Reply-To, the
 * newest reference first (the message answered), and last mail that
 * answers this one and came first. */
static GArray *
message_id_matches (CrmStore         *store,
                    CrmParsedMessage *parsed)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (Match));

  for (guint i = 0; parsed->reported != NULL && parsed->reported[i] != NULL; i++)
    add_matches (store, matches, parsed->reported[i], TRUE, FALSE);
  add_matches (store, matches, parsed->in_reply_to, FALSE, FALSE);
  for (guint n = parsed->references ? g_strv_length (parsed->references) : 0; n > 0; n--)
    add_matches (store, matches, parsed->references[n - 1], FALSE, FALSE);
  if (!parsed->synthetic_id)
    add_matches (store, matches, parsed->message_id, FALSE, TRUE);

  return matches;
}

/* Why a message is in the ticket of @match. */
static char *
match_reason (const Match *match)
{
  if (match->own && match->link == LINK_HELD)
    return g_strdup (_("Another copy of mail in this ticket"));
  if (match->own)
    return g_strdup (_("Mail in this ticket answers it"));
  if (match->reported && match->link == LINK_HELD)
    /* Translators: why a mail is in a ticket; a Message-ID */
    return g_strdup_printf (_("A delivery report on <%s>"), match->id);
  if (match->link == LINK_HELD)
    /* Translators: why a mail is in a ticket; a Message-ID */
    return g_strdup_printf (_("A reply to <%s>"), match->id);

  /* Translators: why a mail is in a ticket: it and mail of the ticket
   * name the same earlier message, which need not be at hand; a Message-ID */
  return g_strdup_printf (_("Refers to <%s>, as mail in this ticket does"), match->id);
}

/* Opened by mail and nothing done to it since: no reply, no comment, no
 * change, still new, and nobody has it open as read. */
static gboolean
ticket_untouched (CrmStore *store,
                  gint64    ticket_id)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (store,
                        "SELECT NOT EXISTS (SELECT 1 FROM history WHERE entity = 'ticket' AND entity_id = ?1 "
                        "AND action NOT IN ('created', 'joined')) "
                        "AND NOT EXISTS (SELECT 1 FROM ticket_reads WHERE ticket_id = ?1) "
                        "AND NOT EXISTS (SELECT 1 FROM messages WHERE ticket_id = ?1 AND direction = 'out') "
                        "AND (SELECT s.kind FROM tickets t JOIN statuses s ON s.id = t.status_id WHERE t.id = ?1) = 'new'",
                        NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);

  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
}

/* Every Message-ID the message names, and what kind of mail it is. */
static gboolean
remember_message (CrmStore          *store,
                  gint64             message_id,
                  CrmParsedMessage  *parsed,
                  GError           **error)
{
  g_autoptr(CrmStoreStmt) kind = NULL;
  const char *automatic[] = { NULL, "auto-reply", "delivery-report" };
  GStrv lists[] = { parsed->reported, parsed->references };

  for (guint l = 0; l < G_N_ELEMENTS (lists) + 1; l++)
    {
      const char *single[] = { parsed->in_reply_to, NULL };
      const char * const *ids = l < G_N_ELEMENTS (lists) ? (const char * const *) lists[l] : single;

      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        {
          g_autoptr(CrmStoreStmt) ref =
            _crm_store_prepare (store, "INSERT OR IGNORE INTO message_refs (ref, message) VALUES (?, ?)", error);

          if (ref == NULL)
            return FALSE;
          if (*ids[i] == '\0' || g_str_equal (ids[i], parsed->message_id))
            continue;
          sqlite3_bind_text (ref, 1, ids[i], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (ref, 2, message_id);
          if (!_crm_store_step_done (store, ref, error))
            return FALSE;
        }
    }

  if (parsed->kind == CRM_MAIL_KIND_ORDINARY && !parsed->bulk)
    return TRUE;
  kind = _crm_store_prepare (store, "UPDATE messages SET automatic = ?, bulk = ? WHERE id = ?", error);
  if (kind == NULL)
    return FALSE;
  sqlite3_bind_text (kind, 1, automatic[parsed->kind], -1, SQLITE_STATIC);
  sqlite3_bind_int (kind, 2, parsed->bulk);
  sqlite3_bind_int64 (kind, 3, message_id);

  return _crm_store_step_done (store, kind, error);
}

/* Whether @address is the ticket's client or took part in its mail. */
static gboolean
is_participant (CrmStore   *store,
                gint64      ticket_id,
                const char *address)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autofree char *pattern = NULL;

  if (address == NULL || *address == '\0')
    return FALSE;

  stmt = _crm_store_prepare (store,
                             "SELECT 1 FROM tickets t WHERE t.id = ?1 AND (t.client_address = ?2 OR EXISTS "
                             "(SELECT 1 FROM contact_emails e WHERE e.contact_id = t.client_id AND e.address_norm = ?2) "
                             "OR EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = ?1 AND (lower (m.from_address) = ?2 "
                             "OR lower (m.to_addresses) LIKE ?3 OR lower (m.cc_addresses) LIKE ?3)))",
                             NULL);
  if (stmt == NULL)
    return FALSE;
  pattern = g_strdup_printf ("%%%s%%", address);
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  sqlite3_bind_text (stmt, 2, address, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, pattern, -1, SQLITE_STATIC);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

typedef struct
{
  gint64 queue_id;
  gint64 priority_id;
  gint64 tag_id;
} Routing;

/* The first rule that matches, else the default queue. */
static void
apply_rules (CrmStore         *store,
             CrmParsedMessage *parsed,
             Routing          *routing)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (store, "SELECT field, contains, queue_id, priority_id, tag_id FROM rules ORDER BY position",
                        NULL);
  g_autofree char *to = parsed->to ? g_strjoinv (" ", parsed->to) : g_strdup ("");
  g_autofree char *cc = parsed->cc ? g_strjoinv (" ", parsed->cc) : g_strdup ("");
  g_autofree char *recipients = g_utf8_casefold (to, -1);
  g_autofree char *copies = g_utf8_casefold (cc, -1);
  g_autofree char *from = g_utf8_casefold (parsed->from_address ? parsed->from_address : "", -1);
  g_autofree char *from_name = g_utf8_casefold (parsed->from_name ? parsed->from_name : "", -1);
  g_autofree char *subject = g_utf8_casefold (parsed->subject ? parsed->subject : "", -1);

  routing->queue_id = 1;
  routing->priority_id = 2;
  routing->tag_id = 0;

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *field = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *contains = g_utf8_casefold ((const char *) sqlite3_column_text (stmt, 1), -1);
      gboolean match;

      if (g_str_equal (field, "from"))
        match = strstr (from, contains) != NULL || strstr (from_name, contains) != NULL;
      else if (g_str_equal (field, "to"))
        match = strstr (recipients, contains) != NULL || strstr (copies, contains) != NULL;
      else
        match = strstr (subject, contains) != NULL;

      if (match)
        {
          routing->queue_id = sqlite3_column_int64 (stmt, 2);
          if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
            routing->priority_id = sqlite3_column_int64 (stmt, 3);
          routing->tag_id = sqlite3_column_int64 (stmt, 4);
          return;
        }
    }
}

/* The contact with @address, and their manager. */
static gint64
find_client (CrmStore   *store,
             const char *address,
             gint64     *manager_id)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (store,
                        "SELECT c.id, c.manager_id FROM contact_emails e JOIN contacts c ON c.id = e.contact_id "
                        "WHERE e.address_norm = ? ORDER BY c.id LIMIT 1",
                        NULL);

  *manager_id = 0;
  if (stmt == NULL || address == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, address, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  *manager_id = sqlite3_column_int64 (stmt, 1);

  return sqlite3_column_int64 (stmt, 0);
}

/* SLA: due times from the priority's minutes, on the store's clock. */
static gboolean
set_due_times (CrmStore  *store,
               gint64     ticket_id,
               gint64     from,
               GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (store,
                        "UPDATE tickets SET response_due = CASE WHEN responded_at IS NULL THEN ?1 + 60 * "
                        "(SELECT response_minutes FROM priorities WHERE id = tickets.priority_id) END, "
                        "resolution_due = ?1 + 60 * (SELECT resolution_minutes FROM priorities "
                        "WHERE id = tickets.priority_id) WHERE id = ?2",
                        error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, ticket_id);

  return _crm_store_step_done (store, stmt, error);
}

static gint64
create_ticket (CrmStore    *store,
               const char  *subject,
               const char  *source,
               gint64       queue_id,
               gint64       priority_id,
               gint64       client_id,
               const char  *client_address,
               gint64       assignee_id,
               GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
  gint64 now = crm_clock_now_unix (crm_store_get_clock (store));
  gint64 id;

  stmt = _crm_store_prepare (store,
                             "INSERT INTO tickets (subject, queue_id, status_id, priority_id, source, client_id, "
                             "client_address, assignee_id, created_at, updated_at, last_message_at) "
                             "VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8)",
                             error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, subject && *subject ? subject : _("(no subject)"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, queue_id);
  sqlite3_bind_int64 (stmt, 3, priority_id);
  sqlite3_bind_text (stmt, 4, source, -1, SQLITE_STATIC);
  if (client_id != 0)
    sqlite3_bind_int64 (stmt, 5, client_id);
  else
    sqlite3_bind_text (stmt, 6, client_address, -1, SQLITE_STATIC);
  if (assignee_id != 0)
    sqlite3_bind_int64 (stmt, 7, assignee_id);
  sqlite3_bind_int64 (stmt, 8, now);
  if (!_crm_store_step_done (store, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (_crm_store_get_db (store));

  if (!set_due_times (store, id, now, error) ||
      !crm_store_append_history (store, "ticket", id, "created", NULL, error))
    return 0;

  return id;
}

static gboolean
attach_message (CrmStore    *store,
                gint64       message_id,
                gint64       ticket_id,
                const char  *reason,
                gboolean     incoming,
                GError     **error)
{
  g_autoptr(CrmStoreStmt) message = NULL;
  g_autoptr(CrmStoreStmt) ticket = NULL;
  g_autoptr(CrmStoreStmt) unread = NULL;

  message = _crm_store_prepare (store, "UPDATE messages SET ticket_id = ?, thread_reason = ? WHERE id = ?", error);
  if (message == NULL)
    return FALSE;
  if (ticket_id != 0)
    sqlite3_bind_int64 (message, 1, ticket_id);
  sqlite3_bind_text (message, 2, reason, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (message, 3, message_id);
  if (!_crm_store_step_done (store, message, error))
    return FALSE;
  if (ticket_id == 0)
    return TRUE;

  ticket = _crm_store_prepare (store,
                               "UPDATE tickets SET last_message_at = ?1, updated_at = ?1, has_mail = 1 WHERE id = ?2",
                               error);
  if (ticket == NULL)
    return FALSE;
  sqlite3_bind_int64 (ticket, 1, crm_clock_now_unix (crm_store_get_clock (store)));
  sqlite3_bind_int64 (ticket, 2, ticket_id);
  if (!_crm_store_step_done (store, ticket, error))
    return FALSE;

  if (!incoming)
    return TRUE;

  /* new mail: unread for everyone again (TK11) */
  unread = _crm_store_prepare (store, "DELETE FROM ticket_reads WHERE ticket_id = ?", error);
  if (unread == NULL)
    return FALSE;
  sqlite3_bind_int64 (unread, 1, ticket_id);

  return _crm_store_step_done (store, unread, error);
}

static const char *
ticket_status_kind (CrmStore *store,
                    gint64    ticket_id,
                    gint64   *queue_reopens)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (store,
                        "SELECT s.kind, q.closed_mail = 'reopen' FROM tickets t JOIN statuses s ON s.id = t.status_id "
                        "JOIN queues q ON q.id = t.queue_id WHERE t.id = ?",
                        NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  *queue_reopens = sqlite3_column_int (stmt, 1);

  return g_intern_string ((const char *) sqlite3_column_text (stmt, 0));
}

/* A new ticket for @parsed, as its rules and its sender say. */
static gint64
open_ticket_for (CrmStore          *store,
                 CrmParsedMessage  *parsed,
                 const char        *sender,
                 GError           **error)
{
  Routing routing;
  gint64 manager_id = 0;
  gint64 client_id;
  gint64 ticket_id;

  apply_rules (store, parsed, &routing);
  client_id = find_client (store, sender, &manager_id);
  ticket_id = create_ticket (store, parsed->subject, "email", routing.queue_id, routing.priority_id,
                             client_id, sender, manager_id, error);
  if (ticket_id == 0)
    return 0;
  if (routing.tag_id != 0 &&
      !update_column (store, "INSERT OR IGNORE INTO ticket_tags (tag_id, ticket_id) VALUES (?1, ?2)",
                      ticket_id, routing.tag_id, error))
    return 0;

  return ticket_id;
}

/* Why automatic mail opened no ticket. */
static char *
no_ticket_reason (CrmParsedMessage *parsed)
{
  if (parsed->kind == CRM_MAIL_KIND_DELIVERY_REPORT)
    /* Translators: why a mail opened no ticket; the header that shows a
     * robot sent it, e.g. "From: MAILER-DAEMON@example.org" */
    return g_strdup_printf (_("A delivery report (%s) on mail that is in no ticket"), parsed->automatic_sign);

  /* Translators: why a mail opened no ticket; the header that shows a
   * robot sent it, e.g. "Auto-Submitted: auto-replied" */
  return g_strdup_printf (_("An automatic reply (%s) that answers no ticket"), parsed->automatic_sign);
}

/* The addresses of the held message that @parsed reports on. */
static char *
reported_recipients (CrmStore         *store,
                     CrmParsedMessage *parsed)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (store,
                        "SELECT to_addresses FROM messages WHERE message_id = ? AND to_addresses IS NOT NULL "
                        "ORDER BY id DESC LIMIT 1",
                        NULL);

  for (guint i = 0; stmt != NULL && parsed->reported[i] != NULL; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, parsed->reported[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }

  return NULL;
}

/* The ticket shows what a delivery report says: to whom mail bounced, and why. */
static gboolean
record_bounces (CrmStore          *store,
                gint64             ticket_id,
                CrmParsedMessage  *parsed,
                GError           **error)
{
  guint told = 0;

  for (guint i = 0; i < parsed->recipients->len; i++)
    {
      CrmParsedRecipient *recipient = g_ptr_array_index (parsed->recipients, i);
      g_autofree char *text = NULL;

      if (g_str_equal (recipient->action, "failed") && recipient->diagnostic != NULL)
        /* Translators: a system comment in a ticket; an address, what the mail server said */
        text = g_strdup_printf (_("Mail to %s bounced: %s"), recipient->address, recipient->diagnostic);
      else if (g_str_equal (recipient->action, "failed"))
        /* Translators: a system comment in a ticket; an address */
        text = g_strdup_printf (_("Mail to %s bounced"), recipient->address);
      else if (g_str_equal (recipient->action, "delayed") && recipient->diagnostic != NULL)
        /* Translators: a system comment in a ticket; an address, what the mail server said */
        text = g_strdup_printf (_("Mail to %s is delayed: %s"), recipient->address, recipient->diagnostic);
      else if (g_str_equal (recipient->action, "delayed"))
        /* Translators: a system comment in a ticket; an address */
        text = g_strdup_printf (_("Mail to %s is delayed"), recipient->address);
      else
        continue;

      if (!record_change (store, ticket_id, "bounced", text, error))
        return FALSE;
      told++;
    }

  /* a report without a delivery-status part: the original's addresses */
  if (told == 0 && parsed->recipients->len == 0)
    {
      g_autofree char *to = reported_recipients (store, parsed);
      g_autofree char *text = NULL;

      if (to != NULL)
        /* Translators: a system comment in a ticket; an address, what the mail server said */
        text = g_strdup_printf (_("Mail to %s bounced: %s"), to, parsed->subject);
      else
        /* Translators: a system comment in a ticket; the delivery report's subject */
        text = g_strdup_printf (_("Mail of this ticket bounced: %s"), parsed->subject);
      if (!record_change (store, ticket_id, "bounced", text, error))
        return FALSE;
    }

  return TRUE;
}

/* JWZ across tickets: mail that names the conversations of two
 * tickets makes them one. Untouched @from (see ticket_untouched()) gives
 * its mail and tags to @into and is closed with a note that says where
 * its mail went, as help desks merge. */
static gboolean
join_ticket (CrmStore  *store,
             gint64     from,
             gint64     into,
             GError   **error)
{
  g_autoptr(CrmStoreStmt) opener = NULL;
  g_autoptr(CrmStoreStmt) move = NULL;
  g_autoptr(CrmStoreStmt) tags = NULL;
  g_autoptr(CrmStoreStmt) close = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *joined = NULL;

  /* the mail that opened @from says where it went */
  /* Translators: why a mail is in a ticket; the number of the ticket it opened */
  opened = g_strdup_printf (_("Opened ticket #%lld, which joined this one: the same conversation"), (long long) from);
  opener = _crm_store_prepare (store,
                               "UPDATE messages SET thread_reason = ?1 WHERE id = "
                               "(SELECT min (id) FROM messages WHERE ticket_id = ?2)",
                               error);
  if (opener == NULL)
    return FALSE;
  sqlite3_bind_text (opener, 1, opened, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (opener, 2, from);
  if (!_crm_store_step_done (store, opener, error))
    return FALSE;

  move = _crm_store_prepare (store, "UPDATE messages SET ticket_id = ?1 WHERE ticket_id = ?2", error);
  if (move == NULL)
    return FALSE;
  sqlite3_bind_int64 (move, 1, into);
  sqlite3_bind_int64 (move, 2, from);
  if (!_crm_store_step_done (store, move, error))
    return FALSE;

  tags = _crm_store_prepare (store,
                             "INSERT OR IGNORE INTO ticket_tags (ticket_id, tag_id) "
                             "SELECT ?1, tag_id FROM ticket_tags WHERE ticket_id = ?2",
                             error);
  if (tags == NULL)
    return FALSE;
  sqlite3_bind_int64 (tags, 1, into);
  sqlite3_bind_int64 (tags, 2, from);
  if (!_crm_store_step_done (store, tags, error))
    return FALSE;

  close = _crm_store_prepare (store,
                              "UPDATE tickets SET status_id = (SELECT id FROM statuses WHERE kind = 'closed' "
                              "ORDER BY position LIMIT 1), closed_at = ?1, has_mail = 0 WHERE id = ?2",
                              error);
  if (close == NULL)
    return FALSE;
  sqlite3_bind_int64 (close, 1, crm_clock_now_unix (crm_store_get_clock (store)));
  sqlite3_bind_int64 (close, 2, from);
  if (!_crm_store_step_done (store, close, error))
    return FALSE;

  /* Translators: a system comment in a ticket whose mail went to another; its number */
  gone = g_strdup_printf (_("Joined ticket #%lld: its mail is the same conversation"), (long long) into);
  /* Translators: a system comment in a ticket; the number of the ticket whose mail came to it */
  joined = g_strdup_printf (_("Ticket #%lld joined this one: its mail is the same conversation"), (long long) from);
  if (!record_change (store, from, "merged", gone, error) ||
      !record_change (store, into, "joined", joined, error))
    return FALSE;

  _crm_store_emit_changed (store, "ticket", from);

  return TRUE;
}

/* Whether any ticket of @matches is closed. */
static gboolean
any_closed (CrmStore *store,
            GArray   *matches)
{
  for (guint i = 0; i < matches->len; i++)
    {
      gint64 reopens = 0;
      const char *kind = ticket_status_kind (store, g_array_index (matches, Match, i).ticket_id, &reopens);

      if (kind == NULL || g_str_equal (kind, "closed"))
        return TRUE;
    }

  return FALSE;
}

/**
 * _crm_store_route_message:
 * @store: a #CrmStore, in the import's transaction
 * @message_id: the stored message's row
 * @parsed: the message, parsed
 * @error: return location for a #GError
 *
 * Puts an incoming message into a ticket, or opens one (see the top
 * of this file), and keeps the reason on the message; keeps every
 * Message-ID it names for the mail that comes after it.
 *
 * Returns: %FALSE on a fault of the store only
 */
gboolean
_crm_store_route_message (CrmStore          *store,
                          gint64             message_id,
                          CrmParsedMessage  *parsed,
                          GError           **error)
{
  g_autoptr(GArray) matches = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *sender = NULL;
  gboolean automatic = parsed->kind != CRM_MAIL_KIND_ORDINARY;
  gboolean spans_closed;
  const char *kind;
  gint64 reopens = 0;
  gint64 ticket_id;

  sender = parsed->from_address ? g_ascii_strdown (parsed->from_address, -1) : NULL;

  if (!remember_message (store, message_id, parsed, error))
    return FALSE;
  matches = message_id_matches (store, parsed);
  /* before a closed ticket reopens: RQ11 keeps its conversation apart */
  spans_closed = any_closed (store, matches);

  if (matches->len > 0)
    {
      ticket_id = g_array_index (matches, Match, 0).ticket_id;
      reason = match_reason (&g_array_index (matches, Match, 0));
    }
  else if ((ticket_id = subject_token (parsed->subject)) != 0 && is_participant (store, ticket_id, sender))
    /* Translators: why a mail is in a ticket; the ticket's number */
    reason = g_strdup_printf (_("The subject names ticket #%lld and the sender takes part in it"),
                              (long long) ticket_id);
  else if ((ticket_id = body_reference (store, parsed->text)) != 0)
    reason = g_strdup (_("The text quotes this ticket’s reference"));
  else
    ticket_id = 0;

  /* a robot's mail joins a closed ticket as it is: it neither reopens
   * it nor opens another (RFC 3834: no loops) */
  if (ticket_id != 0 && !automatic && (kind = ticket_status_kind (store, ticket_id, &reopens)) != NULL &&
      g_str_equal (kind, "closed"))
    {
      g_autofree char *text = NULL;

      if (!reopens)
        {
          gint64 closed = ticket_id;

          /* RQ11: the closed request stays closed; this is a new one */
          ticket_id = 0;
          g_free (reason);
          /* Translators: why a mail opened a new ticket; the closed ticket's number */
          reason = g_strdup_printf (_("A new ticket: #%lld it answers is closed"), (long long) closed);
        }
      else
        {
          text = g_strdup (_("Reopened by a new mail"));
          if (!update_column (store, "UPDATE tickets SET status_id = ?1, closed_at = NULL WHERE id = ?2",
                              ticket_id, 2, error) ||
              !record_change (store, ticket_id, "reopened", text, error))
            return FALSE;
        }
    }

  /* mail that names the conversations of several tickets makes them
   * one, as long as none is closed (RQ11 keeps those apart) and the
   * ones that go were left untouched; a robot's mail joins nothing */
  if (ticket_id != 0 && !automatic && matches->len > 1 && !spans_closed)
    {
      gboolean target_untouched = ticket_untouched (store, ticket_id);

      for (guint i = 1; i < matches->len; i++)
        {
          const Match *match = &g_array_index (matches, Match, i);

          if (match->ticket_id == ticket_id)
            continue;
          if (ticket_untouched (store, match->ticket_id))
            {
              if (!join_ticket (store, match->ticket_id, ticket_id, error))
                return FALSE;
            }
          else if (target_untouched)
            {
              if (!join_ticket (store, ticket_id, match->ticket_id, error))
                return FALSE;
              ticket_id = match->ticket_id;
              target_untouched = FALSE;
              g_free (reason);
              reason = match_reason (match);
            }
        }
    }

  if (ticket_id == 0)
    {
      /* automatic replies and delivery reports never open tickets; they
       * are listed with the reason (crm_store_list_automatic_mail()) */
      if (automatic)
        {
          g_autofree char *why = no_ticket_reason (parsed);

          return attach_message (store, message_id, 0, why, TRUE, error);
        }

      if ((ticket_id = open_ticket_for (store, parsed, sender, error)) == 0)
        return FALSE;
      if (reason == NULL)
        reason = g_strdup (_("A new ticket"));
    }

  if (!attach_message (store, message_id, ticket_id, reason, TRUE, error))
    return FALSE;
  if (parsed->kind == CRM_MAIL_KIND_DELIVERY_REPORT && !record_bounces (store, ticket_id, parsed, error))
    return FALSE;

  _crm_store_emit_changed (store, "ticket", ticket_id);

  return TRUE;
}

/* Mail that opens no ticket */

static gpointer
unticketed_from_row (CrmStoreStmt *stmt)
{
  return g_object_new (CRM_TYPE_MESSAGE,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "message-id", (const char *) sqlite3_column_text (stmt, 1),
                       "direction", "in",
                       "from", (const char *) sqlite3_column_text (stmt, 2),
                       "to", (const char *) sqlite3_column_text (stmt, 3),
                       "cc", (const char *) sqlite3_column_text (stmt, 4),
                       "subject", (const char *) sqlite3_column_text (stmt, 5),
                       "date", sqlite3_column_int64 (stmt, 6),
                       "reason", (const char *) sqlite3_column_text (stmt, 7),
                       "automatic", (const char *) sqlite3_column_text (stmt, 8),
                       "bulk", sqlite3_column_int (stmt, 9) != 0,
                       "from-name", (const char *) sqlite3_column_text (stmt, 10),
                       NULL);
}

/**
 * crm_store_list_automatic_mail:
 * @self: a #CrmStore
 * @limit: at most this many, newest first
 * @error: return location for a #GError
 *
 * The received mail that is in no ticket: automatic replies and
 * delivery reports that answer no ticket, each with the reason
 * (#CrmMessage:reason, #CrmMessage:automatic). Nothing is hidden: any
 * of them can open a ticket by hand
 * (crm_store_open_ticket_from_message()).
 *
 * Returns: (transfer full): a list of #CrmMessage, or %NULL with
 *   @error set
 */
GListModel *
crm_store_list_automatic_mail (CrmStore  *self,
                               guint      limit,
                               GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT id, message_id, from_address, to_addresses, cc_addresses, subject, "
                             "coalesce (date, created_at), thread_reason, automatic, bulk, from_name FROM messages "
                             "WHERE ticket_id IS NULL AND direction = 'in' ORDER BY id DESC LIMIT ?",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);

  return _crm_store_collect (self, stmt, CRM_TYPE_MESSAGE, unticketed_from_row, error);
}

typedef struct
{
  gint64 message_id;
  gint64 ticket_id;   /* out */
} FromMessage;

static gboolean
open_from_message_tx (CrmStore  *store,
                      gpointer   user_data,
                      GError   **error)
{
  FromMessage *from = user_data;
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (store, "SELECT direction, ticket_id, raw FROM messages WHERE id = ?", error);
  g_autoptr(CrmParsedMessage) parsed = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *text = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from->message_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                   _("There is no message with id %lld."), (long long) from->message_id);
      return FALSE;
    }
  if (!g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "in"))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Only mail that came in can open a ticket."));
      return FALSE;
    }
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   _("This mail is in ticket #%lld already."), (long long) sqlite3_column_int64 (stmt, 1));
      return FALSE;
    }
  raw = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
  parsed = crm_parsed_message_new (raw);
  sender = parsed->from_address ? g_ascii_strdown (parsed->from_address, -1) : NULL;

  if ((from->ticket_id = open_ticket_for (store, parsed, sender, error)) == 0)
    return FALSE;
  text = g_strdup (_("Opened by hand from a mail that opened no ticket"));

  return attach_message (store, from->message_id, from->ticket_id, text, TRUE, error) &&
         record_change (store, from->ticket_id, "opened-from-mail", text, error);
}

/**
 * crm_store_open_ticket_from_message:
 * @self: a #CrmStore
 * @message_id: a received message in no ticket (see
 *   crm_store_list_automatic_mail())
 * @error: return location for a #GError
 *
 * Opens a ticket for the mail by hand, as if it had opened one when it
 * came: the rules, the client and the client's manager apply.
 *
 * Returns: the new ticket's id, or 0 with @error set
 *   (%CRM_ERROR_NOT_FOUND, %CRM_ERROR_INVALID for our own mail,
 *   %CRM_ERROR_CONFLICT when the mail is in a ticket already)
 */
gint64
crm_store_open_ticket_from_message (CrmStore  *self,
                                    gint64     message_id,
                                    GError   **error)
{
  FromMessage from = { message_id, 0 };

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  if (!crm_store_run_in_transaction (self, open_from_message_tx, &from, error))
    return 0;

  _crm_store_emit_changed (self, "ticket", from.ticket_id);

  return from.ticket_id;
}

/* Replying and opening tickets */

static gboolean
ticket_has_mail (CrmStore *store,
                 gint64    ticket_id)
{
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (store, "SELECT has_mail FROM tickets WHERE id = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);

  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
}

static gint64
sending_account (CrmStore  *store,
                 gint64     ticket_id,
                 GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (store,
                        "SELECT coalesce ((SELECT m.account_id FROM messages m JOIN accounts a ON a.id = m.account_id "
                        "AND a.removed_at IS NULL WHERE m.ticket_id = ? ORDER BY m.id DESC LIMIT 1), "
                        "(SELECT min (id) FROM accounts WHERE removed_at IS NULL))",
                        error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return sqlite3_column_int64 (stmt, 0);

  g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                       _("There is no mail account to send from: add one in Preferences."));
  return 0;
}

typedef struct
{
  gint64               ticket_id;
  const char          *body;
  const char * const  *cc;
  GPtrArray           *attachments;   /* CrmTicketAttachment */
  gint64               due;
  gint64               outbox_id;     /* out */
} Reply;

/* The sent message as part of the conversation, with its search row. */
static gboolean
store_outgoing (CrmStore    *store,
                gint64       ticket_id,
                gint64       outbox_id,
                const char  *body,
                GError     **error)
{
  g_autoptr(CrmStoreStmt) insert = NULL;
  gint64 id;

  insert = _crm_store_prepare (store,
                               "INSERT INTO messages (account_id, direction, message_id, raw_hash, from_address, "
                               "to_addresses, subject, date, body_text, raw, created_at, ticket_id, thread_reason, "
                               "author_id, outbox_id) "
                               "SELECT o.account_id, 'out', o.message_id, '', o.sender, "
                               "replace (o.recipients, char (31), ', '), coalesce (o.subject, ''), o.due_at, ?1, o.raw, "
                               "o.created_at, ?2, NULL, (SELECT id FROM users WHERE id = ?3), o.id "
                               "FROM outbox o WHERE o.id = ?4",
                               error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, body, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 2, ticket_id);
  sqlite3_bind_int64 (insert, 3, crm_store_get_actor (store));
  sqlite3_bind_int64 (insert, 4, outbox_id);
  if (!_crm_store_step_done (store, insert, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (_crm_store_get_db (store));

  /* its files, as for mail that came in: chips in the conversation */
  {
    g_autoptr(GBytes) raw = crm_store_get_message_raw (store, id, error);
    g_autoptr(CrmParsedMessage) parsed = NULL;

    if (raw == NULL)
      return FALSE;
    parsed = crm_parsed_message_new (raw);
    for (guint i = 0; i < parsed->attachments->len; i++)
      {
        CrmParsedAttachment *attachment = g_ptr_array_index (parsed->attachments, i);
        g_autoptr(CrmStoreStmt) file =
          _crm_store_prepare (store,
                              "INSERT INTO attachments (message, name, mime_type, size, data) VALUES (?, ?, ?, ?, ?)",
                              error);

        if (file == NULL)
          return FALSE;
        sqlite3_bind_int64 (file, 1, id);
        sqlite3_bind_text (file, 2, attachment->name, -1, SQLITE_STATIC);
        sqlite3_bind_text (file, 3, attachment->mime_type, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (file, 4, g_bytes_get_size (attachment->data));
        sqlite3_bind_blob64 (file, 5, g_bytes_get_data (attachment->data, NULL), g_bytes_get_size (attachment->data),
                             SQLITE_STATIC);
        if (!_crm_store_step_done (store, file, error))
          return FALSE;
      }
  }

  return _crm_store_index_messages (store, &id, 1, error) &&
         attach_message (store, id, ticket_id, NULL, FALSE, error);
}

/* Who a reply goes to: the client's first address, else the sender's. */
static char *
client_address (CrmStore  *store,
                gint64     ticket_id,
                GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (store,
                        "SELECT coalesce ((SELECT e.address FROM contact_emails e WHERE e.contact_id = t.client_id "
                        "ORDER BY e.position LIMIT 1), t.client_address) FROM tickets t WHERE t.id = ?",
                        error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                       _("This ticket has no client address to write to."));
  return NULL;
}

/* RQ7: answering an unknown sender makes them a contact of the one who
 * answers; RQ3: a client without a manager gets the first who answers. */
static gboolean
attach_client (CrmStore  *store,
               gint64     ticket_id,
               GError   **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
  gint64 actor = crm_store_get_actor (store);
  gint64 client_id;
  gint64 manager_id;
  g_autofree char *address = NULL;
  g_autofree char *name = NULL;

  stmt = _crm_store_prepare (store,
                             "SELECT t.client_id, c.manager_id, t.client_address, (SELECT m.from_name FROM messages m "
                             "WHERE m.ticket_id = t.id AND m.direction = 'in' ORDER BY m.id LIMIT 1) "
                             "FROM tickets t LEFT JOIN contacts c ON c.id = t.client_id WHERE t.id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  client_id = sqlite3_column_int64 (stmt, 0);
  manager_id = sqlite3_column_int64 (stmt, 1);
  address = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  sqlite3_reset (stmt);

  if (actor == 0 || (client_id != 0 && manager_id != 0))
    return TRUE;

  /* the address became a contact's after the mail came: that contact is
   * the client, not a second one with the same address */
  if (client_id == 0 && address != NULL && (client_id = find_client (store, address, &manager_id)) != 0 &&
      !update_column (store, "UPDATE tickets SET client_id = ?1, client_address = NULL WHERE id = ?2",
                      ticket_id, client_id, error))
    return FALSE;

  if (client_id == 0 && address != NULL)
    {
      g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
      const char *emails[] = { address, NULL };
      g_autofree char *text = NULL;

      crm_contact_set_name (contact, name && *name ? name : address);
      crm_contact_set_emails (contact, emails);
      crm_contact_set_manager_id (contact, actor);
      if (!crm_store_save_contact (store, contact, error))
        return FALSE;
      /* Translators: a system comment in a ticket; a person's name */
      text = g_strdup_printf (_("%s was added to the contacts"), crm_contact_get_name (contact));
      return update_column (store, "UPDATE tickets SET client_id = ?1, client_address = NULL WHERE id = ?2",
                            ticket_id, crm_contact_get_id (contact), error) &&
             update_column (store, "UPDATE tickets SET client_id = ?1 WHERE client_address = "
                            "(SELECT e.address FROM contact_emails e WHERE e.contact_id = ?1 LIMIT 1) AND id <> ?2",
                            ticket_id, crm_contact_get_id (contact), error) &&
             record_change (store, ticket_id, "client", text, error);
    }

  if (client_id != 0 && manager_id == 0)
    return update_column (store, "UPDATE contacts SET manager_id = ?1 WHERE id = ?2", client_id, actor, error) &&
           crm_store_append_history (store, "contact", client_id, "manager", NULL, error);

  return TRUE;
}

static gboolean
reply_tx (CrmStore  *store,
          gpointer   user_data,
          GError   **error)
{
  Reply *reply = user_data;
  g_autoptr(CrmTicket) ticket = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmOutgoingMessage) out = NULL;
  g_autoptr(CrmStoreStmt) last = NULL;
  g_autoptr(CrmStoreStmt) done = NULL;
  g_autofree char *to = NULL;
  g_autofree char *subject = NULL;
  gint64 account_id;
  gint64 now = crm_clock_now_unix (crm_store_get_clock (store));

  if (!(ticket = crm_store_get_ticket (store, reply->ticket_id, 0, error)) ||
      !(account_id = sending_account (store, reply->ticket_id, error)) ||
      !(account = crm_store_get_account (store, account_id, error)) ||
      !(to = client_address (store, reply->ticket_id, error)))
    return FALSE;

  out = crm_outgoing_message_new (crm_account_get_display_name (account), crm_account_get_address (account));
  crm_outgoing_message_add_to (out, to);
  for (guint i = 0; reply->cc != NULL && reply->cc[i] != NULL; i++)
    crm_outgoing_message_add_cc (out, reply->cc[i]);

  subject = subject_token (crm_ticket_get_subject (ticket)) == reply->ticket_id
            ? g_strdup (crm_ticket_get_subject (ticket))
            : g_strdup_printf ("%s%s [#%" G_GINT64_FORMAT "]",
                               ticket_has_mail (store, reply->ticket_id) ? "Re: " : "",
                               crm_ticket_get_subject (ticket), reply->ticket_id);
  crm_outgoing_message_set_subject (out, subject);

  /* the client reads the reply as written: the ticket travels in the
   * subject's [#N] and in References, out of sight; the body marker of
   * earlier versions is still understood when quoted back */
  crm_outgoing_message_set_body (out, reply->body);

  /* In-Reply-To and References: the client's last mail */
  last = _crm_store_prepare (store,
                             "SELECT message_id, refs FROM messages WHERE ticket_id = ? AND direction = 'in' "
                             "ORDER BY id DESC LIMIT 1",
                             error);
  if (last == NULL)
    return FALSE;
  sqlite3_bind_int64 (last, 1, reply->ticket_id);
  if (sqlite3_step (last) == SQLITE_ROW)
    {
      const char *message_id = (const char *) sqlite3_column_text (last, 0);
      const char *refs = (const char *) sqlite3_column_text (last, 1);
      g_autofree char *chain = g_strjoin (" ", refs ? refs : "", message_id, NULL);
      g_auto(GStrv) references = g_strsplit_set (g_strstrip (chain), " ", -1);

      crm_outgoing_message_set_reply (out, message_id, (const char * const *) references);
    }

  for (guint i = 0; reply->attachments != NULL && i < reply->attachments->len; i++)
    {
      CrmTicketAttachment *attachment = g_ptr_array_index (reply->attachments, i);

      crm_outgoing_message_add_attachment (out, attachment->name, attachment->mime_type, attachment->data);
    }

  if (!(reply->outbox_id = crm_outbox_queue (store, account_id, out, MAX (reply->due, now), error)) ||
      !store_outgoing (store, reply->ticket_id, reply->outbox_id, reply->body, error) ||
      !attach_client (store, reply->ticket_id, error))
    return FALSE;

  /* answered: the response time is met, a new ticket is open, and an
   * unassigned one belongs to whoever answered */
  done = _crm_store_prepare (store,
                             "UPDATE tickets SET responded_at = coalesce (responded_at, ?1), response_due = NULL, "
                             "status_id = CASE status_id WHEN 1 THEN 2 ELSE status_id END, "
                             "assignee_id = coalesce (assignee_id, (SELECT id FROM users WHERE id = ?3)) WHERE id = ?2",
                             error);
  if (done == NULL)
    return FALSE;
  sqlite3_bind_int64 (done, 1, now);
  sqlite3_bind_int64 (done, 2, reply->ticket_id);
  sqlite3_bind_int64 (done, 3, crm_store_get_actor (store));

  return _crm_store_step_done (store, done, error) &&
         crm_store_append_history (store, "ticket", reply->ticket_id, "replied", NULL, error) &&
         (crm_store_get_actor (store) == 0 ||
          crm_store_mark_ticket_read (store, reply->ticket_id, crm_store_get_actor (store), error));
}

/**
 * crm_store_reply_ticket:
 * @self: a #CrmStore
 * @ticket_id: the ticket
 * @body: the reply's text
 * @cc: (nullable) (array zero-terminated=1): more recipients, at most 30
 * @attachments: (nullable) (element-type CrmTicketAttachment): files,
 *   25 MB each at most
 * @due: when it goes: now plus the undo window, or a scheduled time
 * @error: return location for a #GError
 *
 * Replies to the client through the outbox (TK4, TK8): the reply is in
 * the conversation at once and can be cancelled while it waits
 * (crm_outbox_cancel()).
 *
 * Returns: the outbox row's id, or 0 with @error set
 */
gint64
crm_store_reply_ticket (CrmStore            *self,
                        gint64               ticket_id,
                        const char          *body,
                        const char * const  *cc,
                        GPtrArray           *attachments,
                        gint64               due,
                        GError             **error)
{
  Reply reply = { ticket_id, body, cc, attachments, due, 0 };

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  if (body == NULL || *body == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Write the reply first."));
      return 0;
    }
  if (!crm_store_run_in_transaction (self, reply_tx, &reply, error))
    return 0;

  _crm_store_emit_changed (self, "ticket", ticket_id);
  _crm_store_emit_changed (self, "message", 0);

  return reply.outbox_id;
}

typedef struct
{
  const char *subject;
  gint64      queue_id;
  const char *to;
  gint64      contact_id;
  const char *body;
  gint64      due;
  const char *source;      /* a request recorded on the client's behalf: how it came */
  gint64      ticket_id;   /* out */
  gint64      outbox_id;   /* out */
} NewTicket;

/* A client's request that came by phone, letter or in person, entered
 * by the user who took it: kept as the client's own message, in the
 * conversation and the client's history like mail from them (TK1,
 * TK9), with who entered it and how it came. */
static gsize gmime_ready;

static gboolean
store_entered_request (CrmStore    *store,
                       gint64       ticket_id,
                       gint64       contact_id,
                       const char  *subject,
                       const char  *body,
                       const char  *source,
                       GError     **error)
{
  g_autoptr(CrmContact) contact = crm_store_get_contact (store, contact_id, error);
  g_autoptr(CrmUser) user = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GMimeTextPart) part = NULL;
  g_autoptr(CrmStoreStmt) insert = NULL;
  g_autoptr(GDateTime) now = crm_clock_now (crm_store_get_clock (store));
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *message_id = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *reason = NULL;
  const char * const *emails;
  const char *address = NULL;
  gint64 id;

  if (contact == NULL)
    return FALSE;
  if (g_once_init_enter (&gmime_ready))
    {
      g_mime_init ();
      g_once_init_leave (&gmime_ready, 1);
    }
  emails = crm_contact_get_emails (contact);
  if (emails != NULL && emails[0] != NULL)
    address = emails[0];
  if (crm_store_get_actor (store) != 0)
    user = crm_store_get_user (store, crm_store_get_actor (store), NULL);

  /* a message of its own, never to be answered by mail threading */
  message_id = g_strdup_printf ("crm.entered.%" G_GINT64_FORMAT ".%s@crm.invalid", ticket_id, uuid);
  message = g_mime_message_new (TRUE);
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM, crm_contact_get_name (contact),
                              address != NULL ? address : "");
  g_mime_message_set_subject (message, subject, "utf-8");
  g_mime_message_set_message_id (message, message_id);
  g_mime_message_set_date (message, now);
  part = g_mime_text_part_new_with_subtype ("plain");
  g_mime_text_part_set_text (part, body);
  g_mime_message_set_mime_part (message, GMIME_OBJECT (part));
  raw = g_mime_object_to_string (GMIME_OBJECT (message), NULL);

  if (user != NULL)
    /* Translators: a client's request recorded by a user; the user's name, and how it came (phone, letter…) */
    reason = g_strdup_printf (_("Entered by %s (%s)"), crm_user_get_name (user), source_label (source));
  else
    /* Translators: a client's request recorded from the command line; how it came (phone, letter…) */
    reason = g_strdup_printf (_("Entered on the client’s behalf (%s)"), source_label (source));

  insert = _crm_store_prepare (store,
                               "INSERT INTO messages (account_id, direction, message_id, raw_hash, from_name, "
                               "from_address, to_addresses, subject, date, body_text, raw, created_at, author_id) "
                               "VALUES (NULL, 'in', ?1, '', ?2, ?3, '', ?4, ?5, ?6, ?7, ?5, "
                               "(SELECT id FROM users WHERE id = ?8))",
                               error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, message_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, crm_contact_get_name (contact), -1, SQLITE_STATIC);
  if (address != NULL)
    sqlite3_bind_text (insert, 3, address, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 4, subject, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 5, g_date_time_to_unix (now));
  sqlite3_bind_text (insert, 6, body, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (insert, 7, raw, strlen (raw), SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 8, crm_store_get_actor (store));
  if (!_crm_store_step_done (store, insert, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (_crm_store_get_db (store));

  /* entered by the one who works it: not unread for them */
  return _crm_store_index_messages (store, &id, 1, error) &&
         attach_message (store, id, ticket_id, reason, FALSE, error);
}

static gboolean
new_ticket_tx (CrmStore  *store,
               gpointer   user_data,
               GError   **error)
{
  NewTicket *new = user_data;
  g_autofree char *address = NULL;
  gint64 manager_id = 0;
  gint64 client_id = new->contact_id;

  if (new->to != NULL)
    {
      g_autofree char *display_name = NULL;

      /* "Name <address>": the new client is called as the user wrote */
      if (!(address = crm_normalize_mailbox (new->to, &display_name, error)))
        return FALSE;
      client_id = find_client (store, address, &manager_id);
      if (client_id == 0 && display_name != NULL &&
          !(client_id = _crm_store_add_mailbox_contact (store, display_name, address, &manager_id, error)))
        return FALSE;
    }
  else
    {
      g_autoptr(CrmContact) contact = crm_store_get_contact (store, new->contact_id, error);

      if (contact == NULL)
        return FALSE;
      manager_id = crm_contact_get_manager_id (contact);
    }

  new->ticket_id = create_ticket (store, new->subject, new->to ? "email" : new->source, new->queue_id, 2, client_id,
                                  client_id ? NULL : address, manager_id ? manager_id : crm_store_get_actor (store),
                                  error);
  if (new->ticket_id == 0)
    return FALSE;

  if (new->to != NULL)
    {
      /* "to the client": saved and sent (TK1) */
      Reply reply = { new->ticket_id, new->body, NULL, NULL, new->due, 0 };

      if (!reply_tx (store, &reply, error))
        return FALSE;
      new->outbox_id = reply.outbox_id;
      return TRUE;
    }

  /* "on behalf of the client": saved only, the client's own words */
  return store_entered_request (store, new->ticket_id, client_id, new->subject, new->body, new->source, error);
}

static gint64 new_ticket (CrmStore   *self,
                          NewTicket  *new_,
                          gint64     *outbox_id,
                          GError    **error);

/**
 * crm_store_new_ticket:
 * @self: a #CrmStore
 * @subject: the subject (required, TK3)
 * @queue_id: the queue (required, TK3)
 * @to: (nullable): write to this address: the ticket is saved and sent;
 *   as "Name <address>" it makes an unknown address a contact of that name
 * @contact_id: else the client on whose behalf the ticket is saved
 * @body: the first mail's text, or the client's request
 * @due: when the mail goes (with @to)
 * @outbox_id: (out) (optional): the outbox row of the mail (with @to),
 *   for an Undo
 * @error: return location for a #GError
 *
 * Returns: the new ticket's id, or 0 with @error set
 */
gint64
crm_store_new_ticket (CrmStore    *self,
                      const char  *subject,
                      gint64       queue_id,
                      const char  *to,
                      gint64       contact_id,
                      const char  *body,
                      gint64       due,
                      gint64      *outbox_id,
                      GError     **error)
{
  NewTicket new = { subject, queue_id, to, contact_id, body, due, "other", 0, 0 };

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  return new_ticket (self, &new, outbox_id, error);
}

/**
 * crm_store_record_request:
 * @self: a #CrmStore
 * @subject: the subject (required, TK3)
 * @queue_id: the queue (required, TK3)
 * @contact_id: the client who asked
 * @body: what the client asked, in the words the user took down
 * @source: how it came: one of crm_ticket_sources() but "email"
 * @error: return location for a #GError
 *
 * Records a request the client made by phone, letter or in person
 * (TK1): a new ticket whose first message is the client's own, saying
 * who entered it and how it came; nothing is sent.
 *
 * Returns: the new ticket's id, or 0 with @error set
 */
gint64
crm_store_record_request (CrmStore    *self,
                          const char  *subject,
                          gint64       queue_id,
                          gint64       contact_id,
                          const char  *body,
                          const char  *source,
                          GError     **error)
{
  NewTicket new = { subject, queue_id, NULL, contact_id, body, 0, source, 0, 0 };

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (contact_id > 0, 0);

  if (source == NULL || g_str_equal (source, "email") ||
      !g_strv_contains ((const char * const *) sources, source))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is what the user gave; the list of sources follows in the command's help */
                   _("“%s” is not a way a request comes in: use phone, sms, chat, web, letter or other."),
                   source ? source : "");
      return 0;
    }

  return new_ticket (self, &new, NULL, error);
}

static gint64
new_ticket (CrmStore   *self,
            NewTicket  *new_,
            gint64     *outbox_id,
            GError    **error)
{
  NewTicket new = *new_;
  const char *subject = new.subject;
  const char *body = new.body;

  if (subject == NULL || *subject == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Enter a subject for the ticket."));
      return 0;
    }
  if (body == NULL || *body == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Write the ticket’s text first."));
      return 0;
    }
  if (!crm_store_run_in_transaction (self, new_ticket_tx, &new, error))
    return 0;

  _crm_store_emit_changed (self, "ticket", new.ticket_id);
  if (outbox_id != NULL)
    *outbox_id = new.outbox_id;

  return new.ticket_id;
}

/* TK13: who the client of a ticket is */

typedef struct
{
  gint64        ticket_id;
  gint64        contact_id;     /* in: an existing contact, or 0 for a new one */
  CrmContactKind kind;          /* for a new one */
  const char   *name;
  const char   *company;        /* a new person's company, by name, or NULL */
  gboolean      add_address;
  gboolean      all_from_address;
} SetClient;

static gboolean
set_client_tx (CrmStore  *store,
               gpointer   user_data,
               GError   **error)
{
  SetClient *set = user_data;
  g_autoptr(CrmTicket) ticket = crm_store_get_ticket (store, set->ticket_id, 0, error);
  g_autoptr(CrmContact) contact = NULL;
  g_autofree char *text = NULL;
  g_autofree char *address = NULL;
  g_autoptr(CrmStoreStmt) stmt = NULL;

  if (ticket == NULL)
    return FALSE;
  address = g_strdup (crm_ticket_get_client_address (ticket));

  if (set->contact_id == 0)
    {
      const char *emails[] = { address, NULL };

      /* a new person, company, or person in a (new or known) company */
      contact = crm_contact_new (set->kind);
      crm_contact_set_name (contact, set->name);
      if (address != NULL)
        crm_contact_set_emails (contact, emails);
      crm_contact_set_manager_id (contact, crm_store_get_actor (store));
      if (!crm_store_save_contact_with_company (store, contact, set->company, error))
        return FALSE;
    }
  else
    {
      if (!(contact = crm_store_get_contact (store, set->contact_id, error)))
        return FALSE;
      if (set->add_address && address != NULL)
        {
          const char * const *old = crm_contact_get_emails (contact);
          g_autoptr(GStrvBuilder) emails = g_strv_builder_new ();
          g_auto(GStrv) all = NULL;

          if (old != NULL)
            g_strv_builder_addv (emails, (const char **) old);
          if (old == NULL || !g_strv_contains (old, address))
            g_strv_builder_add (emails, address);
          all = g_strv_builder_end (emails);
          crm_contact_set_emails (contact, (const char * const *) all);
          if (!crm_store_save_contact (store, contact, error))
            return FALSE;
        }
    }

  stmt = _crm_store_prepare (store,
                             "UPDATE tickets SET client_id = ?1, client_address = NULL "
                             "WHERE id = ?2 OR (?3 AND client_address = ?4 AND client_id IS NULL)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, crm_contact_get_id (contact));
  sqlite3_bind_int64 (stmt, 2, set->ticket_id);
  sqlite3_bind_int (stmt, 3, set->all_from_address);
  sqlite3_bind_text (stmt, 4, address, -1, SQLITE_STATIC);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;

  /* Translators: a system comment in a ticket; a contact's name */
  text = g_strdup_printf (_("The client is %s"), crm_contact_get_name (contact));
  set->contact_id = crm_contact_get_id (contact);

  return record_change (store, set->ticket_id, "client", text, error);
}

static gint64
set_client (CrmStore   *self,
            SetClient  *set,
            GError    **error)
{
  if (!crm_store_run_in_transaction (self, set_client_tx, set, error))
    return 0;

  _crm_store_emit_changed (self, "contact", set->contact_id);
  _crm_store_emit_changed (self, "ticket", set->all_from_address ? 0 : set->ticket_id);

  return set->contact_id;
}

/**
 * crm_store_link_ticket_client:
 * @self: a #CrmStore
 * @ticket_id: the ticket
 * @contact_id: the contact who is its client
 * @add_address: also give the contact the sender's address
 * @all_from_address: and make the contact the client of every other
 *   ticket from that address that has none
 * @error: return location for a #GError
 *
 * TK13: assigns an existing contact to a ticket of an unknown sender.
 *
 * Returns: %TRUE on success; a system comment says who did it
 */
gboolean
crm_store_link_ticket_client (CrmStore  *self,
                              gint64     ticket_id,
                              gint64     contact_id,
                              gboolean   add_address,
                              gboolean   all_from_address,
                              GError   **error)
{
  SetClient set = { ticket_id, contact_id, CRM_CONTACT_PERSON, NULL, NULL, add_address, all_from_address };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (contact_id > 0, FALSE);

  return set_client (self, &set, error) != 0;
}

/**
 * crm_store_add_ticket_client:
 * @self: a #CrmStore
 * @ticket_id: the ticket
 * @kind: a person or a company
 * @name: the new contact's name
 * @company: (nullable): a person's company, by name: found, or made
 * @error: return location for a #GError
 *
 * TK13: makes the sender of a ticket a new contact (a person, a
 * company, or both), with the sender's address, managed by the user
 * who does it, and the client of every ticket from that address.
 *
 * Returns: the new contact's id, or 0 with @error set
 */
gint64
crm_store_add_ticket_client (CrmStore        *self,
                             gint64           ticket_id,
                             CrmContactKind   kind,
                             const char      *name,
                             const char      *company,
                             GError         **error)
{
  SetClient set = { ticket_id, 0, kind, name, company, TRUE, TRUE };

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  return set_client (self, &set, error);
}
