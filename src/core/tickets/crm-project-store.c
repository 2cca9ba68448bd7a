/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-projects"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-project-store-private.h"

/**
 * CrmProjectStore:
 *
 * Projects made from sales requests (RQ8, RQ13; projects and
 * project_items, 0035): a request can have several, each a name and
 * items (material, quantity, unit, price, terms) whose totals are
 * exact integers. A project is created, its items added, changed and
 * removed while it is open, and it is closed or reopened; when the
 * last open project of a request closes, the request closes itself as
 * won in the same transaction, and reopening one of its projects opens
 * it again. Each change leaves an audit row ("project"), creating,
 * renaming, closing and reopening a system comment in the request, and
 * every change one more version of the project: an editor saves only
 * over the version it read (crm_project_store_save ()).
 */

struct _CrmProjectStore
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmProjectStore, crm_project_store, CRM_TYPE_STORE)

#define PROJECT_NAME_MAX 200

/* A project's row: id, ticket, name, status, who made it, when, who
 * closed it, when, version, items, total. */
#define PROJECT_COLUMNS \
  "SELECT p.id, p.ticket_id, p.name, p.status, cu.name, p.created_at, xu.name, coalesce (p.closed_at, 0), " \
  "p.version, (SELECT count (*) FROM project_items i WHERE i.project_id = p.id), " \
  "(SELECT coalesce (sum ((i.quantity * i.price + 500) / 1000), 0) FROM project_items i WHERE i.project_id = p.id) " \
  "FROM projects p LEFT JOIN users cu ON cu.id = p.created_by LEFT JOIN users xu ON xu.id = p.closed_by "

static void
crm_project_store_class_init (CrmProjectStoreClass *klass)
{
}

static void
crm_project_store_init (CrmProjectStore *self)
{
}

/* Helpers */

static CrmProject *
project_from_row (CrmStatement *stmt)
{
  CrmProject *project = g_new0 (CrmProject, 1);

  project->id = crm_statement_get_int64 (stmt, 0);
  project->ticket_id = crm_statement_get_int64 (stmt, 1);
  project->name = g_strdup (crm_statement_get_text (stmt, 2));
  project->closed = g_strcmp0 (crm_statement_get_text (stmt, 3), "closed") == 0;
  project->created_by = g_strdup (crm_statement_get_text (stmt, 4));
  project->created_at = crm_statement_get_int64 (stmt, 5);
  project->closed_by = g_strdup (crm_statement_get_text (stmt, 6));
  project->closed_at = crm_statement_get_int64 (stmt, 7);
  project->version = crm_statement_get_int64 (stmt, 8);
  project->n_items = (guint) crm_statement_get_int64 (stmt, 9);
  project->total = crm_statement_get_int64 (stmt, 10);

  return project;
}

GPtrArray *
_crm_project_read_items (CrmProjectStore  *self,
                         gint64            project_id,
                         GError          **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self,
                        "SELECT id, position, material, quantity, unit, price, terms FROM project_items "
                        "WHERE project_id = ?1 ORDER BY position, id",
                        error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_project_item_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, project_id);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmProjectItem *item = g_new0 (CrmProjectItem, 1);

      item->id = crm_statement_get_int64 (stmt, 0);
      item->position = (guint) crm_statement_get_int64 (stmt, 1);
      item->material = g_strdup (crm_statement_get_text (stmt, 2));
      item->quantity = crm_statement_get_int64 (stmt, 3);
      item->unit = g_strdup (crm_statement_get_text (stmt, 4));
      item->price = crm_statement_get_int64 (stmt, 5);
      item->terms = g_strdup (crm_statement_get_text (stmt, 6));
      g_ptr_array_add (items, item);
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&items);
}

/* The project's row without its items, or NULL with @error set. */
CrmProject *
_crm_project_read (CrmProjectStore  *self,
                   gint64            project_id,
                   GError          **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, PROJECT_COLUMNS "WHERE p.id = ?1", error);
  gboolean row = FALSE;

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, project_id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return NULL;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no project #%lld."), (long long) project_id);
      return NULL;
    }

  return project_from_row (stmt);
}

/* The open project, or NULL with @error set: a closed one's items are
 * kept as they were when it closed. */
CrmProject *
_crm_project_read_open (CrmProjectStore  *self,
                        gint64            project_id,
                        GError          **error)
{
  g_autoptr(CrmProject) project = _crm_project_read (self, project_id, error);

  if (project != NULL && project->closed)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   /* Translators: a project's name */
                   _("The project “%s” is closed: reopen it to change it."), project->name);
      return NULL;
    }

  return g_steal_pointer (&project);
}

char *
_crm_project_check_name (const char  *name,
                         GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL) || g_utf8_strlen (stripped, -1) > PROJECT_NAME_MAX)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("Name the project (1 to %d characters)."), PROJECT_NAME_MAX);
      return NULL;
    }

  return g_steal_pointer (&stripped);
}

gboolean
_crm_project_check_items (GPtrArray  *items,
                          GError    **error)
{
  if (items != NULL && items->len > CRM_PROJECT_ITEMS_MAX)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("A project has at most %d items."), CRM_PROJECT_ITEMS_MAX);
      return FALSE;
    }
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!crm_project_item_check (g_ptr_array_index (items, i), &local_error))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: an item's number in a project, then what is wrong with it */
                       _("Item %u: %s"), i + 1, local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

void
_crm_project_bind_nullable (CrmStatement *stmt,
                            int           index,
                            const char   *text)
{
  if (text != NULL && *text != '\0')
    crm_statement_bind_text (stmt, index, text);
  else
    crm_statement_bind_null (stmt, index);
}

gint64
_crm_project_insert_item (CrmProjectStore       *self,
                          gint64                 project_id,
                          guint                  position,
                          const CrmProjectItem  *item,
                          GError               **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self,
                        "INSERT INTO project_items (project_id, position, material, quantity, unit, price, terms) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
                        error);

  if (stmt == NULL)
    return 0;
  crm_statement_bind_int64 (stmt, 1, project_id);
  crm_statement_bind_int64 (stmt, 2, position);
  crm_statement_bind_text (stmt, 3, item->material);
  crm_statement_bind_int64 (stmt, 4, item->quantity);
  _crm_project_bind_nullable (stmt, 5, item->unit);
  crm_statement_bind_int64 (stmt, 6, item->price);
  _crm_project_bind_nullable (stmt, 7, item->terms);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return 0;
    }

  return crm_statement_get_int64 (stmt, 0);
}

/* An audit row on the project, in the session's user's name. */
gboolean
_crm_project_audit (CrmProjectStore  *self,
                    gint64            project_id,
                    const char       *action,
                    const char       *detail,
                    GError          **error)
{
  return crm_session_append_history (_crm_session (self), "project", project_id, action, detail, error);
}

/* Creating */

typedef struct
{
  gint64      ticket_id;
  const char *name;
  GPtrArray  *items;
  gint64      id;   /* out */
} Adding;

static gboolean
add_tx (CrmSession  *session,
        gpointer     user_data,
        GError     **error)
{
  CrmProjectStore *self = crm_project_store_from_session (session);
  Adding *adding = user_data;
  g_autoptr(CrmStatement) ticket = NULL;
  g_autoptr(CrmStatement) insert = NULL;
  g_autofree char *text = NULL;
  gboolean row = FALSE;

  if (!(ticket = _crm_store_prepare (self,
                                     "SELECT s.kind, coalesce (t.merged_into, 0) FROM tickets t "
                                     "JOIN statuses s ON s.id = t.status_id WHERE t.id = ?1",
                                     error)))
    return FALSE;
  crm_statement_bind_int64 (ticket, 1, adding->ticket_id);
  if (!_crm_store_step_row (self, ticket, &row, error))
    return FALSE;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no ticket #%lld."), (long long) adding->ticket_id);
      return FALSE;
    }
  if (crm_statement_get_int64 (ticket, 1) != 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   _("Request #%lld was merged into #%lld: make the project there."),
                   (long long) adding->ticket_id, (long long) crm_statement_get_int64 (ticket, 1));
      return FALSE;
    }
  if (g_strcmp0 (crm_statement_get_text (ticket, 0), "closed") == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   _("Request #%lld is closed: reopen it to make a project from it."), (long long) adding->ticket_id);
      return FALSE;
    }

  if (!(insert = _crm_store_prepare (self,
                                     "INSERT INTO projects (ticket_id, name, status, created_by, created_at, version) "
                                     "VALUES (?1, ?2, 'open', (SELECT id FROM users WHERE id = ?3), ?4, 1) RETURNING id",
                                     error)))
    return FALSE;
  crm_statement_bind_int64 (insert, 1, adding->ticket_id);
  crm_statement_bind_text (insert, 2, adding->name);
  crm_statement_bind_int64 (insert, 3, crm_session_get_user_id (session));
  crm_statement_bind_int64 (insert, 4, crm_clock_now_unix (crm_session_get_clock (session)));
  if (crm_statement_step (insert) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  adding->id = crm_statement_get_int64 (insert, 0);

  for (guint i = 0; adding->items != NULL && i < adding->items->len; i++)
    if (!_crm_project_insert_item (self, adding->id, i + 1, g_ptr_array_index (adding->items, i), error))
      return FALSE;

  /* Translators: a system comment in a request; a project's name */
  text = g_strdup_printf (_("Project “%s” created"), adding->name);

  return _crm_tickets_record_change (_crm_ticket_store_of (self), adding->ticket_id, "project-created", text, error) &&
         _crm_project_audit (self, adding->id, "created", adding->name, error);
}

/**
 * crm_project_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the store of projects working in @session
 */
CrmProjectStore *
crm_project_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_PROJECT_STORE);
}

/**
 * crm_project_store_add:
 * @self: a #CrmProjectStore
 * @ticket_id: the request it is made from: open, not merged
 * @name: the project's name
 * @items: (nullable) (element-type CrmProjectItem): its first items, in
 *   order
 * @error: return location for a #GError
 *
 * "Create project from this request" (RQ8): the project, open, with
 * its items, a system comment in the request and an audit row.
 *
 * Returns: the project's id, or 0 with @error set
 */
gint64
crm_project_store_add (CrmProjectStore  *self,
                       gint64            ticket_id,
                       const char       *name,
                       GPtrArray        *items,
                       GError          **error)
{
  g_autofree char *stripped = NULL;
  Adding adding = { ticket_id, NULL, items, 0 };

  g_return_val_if_fail (CRM_IS_PROJECT_STORE (self), 0);

  if (!(stripped = _crm_project_check_name (name, error)) || !_crm_project_check_items (items, error))
    return 0;
  adding.name = stripped;
  if (!crm_session_run_in_transaction (_crm_session (self), add_tx, &adding, error))
    return 0;
  _crm_store_emit_changed (self, "ticket", ticket_id);

  return adding.id;
}

/* Closing and reopening */

typedef struct
{
  gint64   project_id;
  gboolean close;
  gint64   ticket_id;       /* out */
  gboolean ticket_changed;  /* out: the request closed, or opened again, with it */
} Closing;

static gboolean
close_tx (CrmSession  *session,
          gpointer     user_data,
          GError     **error)
{
  CrmProjectStore *self = crm_project_store_from_session (session);
  CrmTicketStore *tickets = _crm_ticket_store_of (self);
  Closing *closing = user_data;
  g_autoptr(CrmProject) project = _crm_project_read (self, closing->project_id, error);
  g_autoptr(CrmStatement) update = NULL;
  g_autoptr(CrmStatement) state = NULL;
  g_autofree char *text = NULL;
  gboolean row = FALSE;

  if (project == NULL)
    return FALSE;
  if (project->closed == closing->close)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   closing->close
                   /* Translators: a project's name */
                   ? _("The project “%s” is closed already.")
                   /* Translators: a project's name */
                   : _("The project “%s” is open."),
                   project->name);
      return FALSE;
    }
  closing->ticket_id = project->ticket_id;

  if (!(update = _crm_store_prepare (self,
                                     "UPDATE projects SET status = ?2, version = version + 1, "
                                     "closed_at = CASE WHEN ?2 = 'closed' THEN CAST (?3 AS BIGINT) END, "
                                     "closed_by = CASE WHEN ?2 = 'closed' THEN (SELECT id FROM users WHERE id = ?4) END "
                                     "WHERE id = ?1",
                                     error)))
    return FALSE;
  crm_statement_bind_int64 (update, 1, project->id);
  crm_statement_bind_text (update, 2, closing->close ? "closed" : "open");
  crm_statement_bind_int64 (update, 3, crm_clock_now_unix (crm_session_get_clock (session)));
  crm_statement_bind_int64 (update, 4, crm_session_get_user_id (session));
  text = closing->close
         /* Translators: a system comment in a request; a project's name */
         ? g_strdup_printf (_("Project “%s” closed"), project->name)
         /* Translators: a system comment in a request; a project's name */
         : g_strdup_printf (_("Project “%s” reopened"), project->name);
  if (!_crm_store_step_done (self, update, error) ||
      !_crm_tickets_record_change (tickets, project->ticket_id, closing->close ? "project-closed" : "project-reopened",
                                   text, error) ||
      !_crm_project_audit (self, project->id, closing->close ? "closed" : "reopened", project->name, error))
    return FALSE;

  /* the request: whether it is closed, and whether a project of it is still open */
  if (!(state = _crm_store_prepare (self,
                                    "SELECT s.kind = 'closed', EXISTS (SELECT 1 FROM projects p "
                                    "WHERE p.ticket_id = t.id AND p.status = 'open') "
                                    "FROM tickets t JOIN statuses s ON s.id = t.status_id WHERE t.id = ?1",
                                    error)))
    return FALSE;
  crm_statement_bind_int64 (state, 1, project->ticket_id);
  if (!_crm_store_step_row (self, state, &row, error))
    return FALSE;
  g_assert (row);

  if (closing->close && !crm_statement_get_int64 (state, 0) && !crm_statement_get_int64 (state, 1))
    {
      g_autofree char *closed = NULL;

      /* RQ13: its last project closed, the request closes itself */
      /* Translators: a system comment in a request; a project's name */
      closed = g_strdup_printf (_("Closed because its last project, %s, was closed"), project->name);
      closing->ticket_changed = TRUE;
      crm_statement_reset (state);

      return _crm_tickets_close_as_won (tickets, project->ticket_id, closed, error);
    }
  if (!closing->close && crm_statement_get_int64 (state, 0))
    {
      g_autofree char *opened = NULL;

      /* Translators: a system comment in a request; a project's name */
      opened = g_strdup_printf (_("Reopened because its project %s was reopened"), project->name);
      closing->ticket_changed = TRUE;
      crm_statement_reset (state);

      return _crm_tickets_reopen (tickets, project->ticket_id, opened, error);
    }

  return TRUE;
}

static gboolean
close_or_reopen (CrmProjectStore  *self,
                 gint64            project_id,
                 gboolean          close,
                 gboolean         *ticket_changed,
                 GError          **error)
{
  Closing closing = { project_id, close, 0, FALSE };

  if (!crm_session_run_in_transaction (_crm_session (self), close_tx, &closing, error))
    return FALSE;
  _crm_store_emit_changed (self, "ticket", closing.ticket_id);
  if (ticket_changed != NULL)
    *ticket_changed = closing.ticket_changed;

  return TRUE;
}

/**
 * crm_project_store_close:
 * @self: a #CrmProjectStore
 * @project_id: an open project
 * @ticket_closed: (out) (optional): whether the request closed with it
 * @error: return location for a #GError
 *
 * Closes the project; when it was the last open project of its request
 * and the request is open, the request closes itself as won in the
 * same transaction, a system comment saying why (RQ13).
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
crm_project_store_close (CrmProjectStore  *self,
                         gint64            project_id,
                         gboolean         *ticket_closed,
                         GError          **error)
{
  g_return_val_if_fail (CRM_IS_PROJECT_STORE (self), FALSE);

  return close_or_reopen (self, project_id, TRUE, ticket_closed, error);
}

/**
 * crm_project_store_reopen:
 * @self: a #CrmProjectStore
 * @project_id: a closed project
 * @ticket_reopened: (out) (optional): whether its request, closed,
 *   was opened again with it
 * @error: return location for a #GError
 *
 * Opens the project again; a closed request opens again with it, for
 * it has work again.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
crm_project_store_reopen (CrmProjectStore  *self,
                          gint64            project_id,
                          gboolean         *ticket_reopened,
                          GError          **error)
{
  g_return_val_if_fail (CRM_IS_PROJECT_STORE (self), FALSE);

  return close_or_reopen (self, project_id, FALSE, ticket_reopened, error);
}

/* Reading */

/**
 * crm_project_store_get:
 * @self: a #CrmProjectStore
 * @project_id: a project
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the project with its items, or %NULL with
 *   @error set
 */
CrmProject *
crm_project_store_get (CrmProjectStore  *self,
                       gint64            project_id,
                       GError          **error)
{
  g_autoptr(CrmProject) project = NULL;

  g_return_val_if_fail (CRM_IS_PROJECT_STORE (self), NULL);

  if (!(project = _crm_project_read (self, project_id, error)) ||
      !(project->items = _crm_project_read_items (self, project_id, error)))
    return NULL;

  return g_steal_pointer (&project);
}

/**
 * crm_project_store_list:
 * @self: a #CrmProjectStore
 * @ticket_id: a request's projects, or 0 for every project
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmProject): the projects,
 *   oldest first, with their totals but not their items
 */
GPtrArray *
crm_project_store_list (CrmProjectStore  *self,
                        gint64            ticket_id,
                        GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GPtrArray) projects = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_project_free);
  int rc;

  g_return_val_if_fail (CRM_IS_PROJECT_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             ticket_id != 0 ? PROJECT_COLUMNS "WHERE p.ticket_id = ?1 ORDER BY p.id"
                                            : PROJECT_COLUMNS "ORDER BY p.id",
                             error);
  if (stmt == NULL)
    return NULL;
  if (ticket_id != 0)
    crm_statement_bind_int64 (stmt, 1, ticket_id);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    g_ptr_array_add (projects, project_from_row (stmt));
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&projects);
}

/**
 * crm_project_store_dup_currency:
 * @self: a #CrmProjectStore
 *
 * Returns: (transfer full): the office's currency, written after
 *   amounts ("PLN")
 */
char *
crm_project_store_dup_currency (CrmProjectStore *self)
{
  g_return_val_if_fail (CRM_IS_PROJECT_STORE (self), NULL);

  return crm_session_get_setting (_crm_session (self), "currency", "PLN");
}

/**
 * crm_project_store_dup_office:
 * @self: a #CrmProjectStore
 * @ticket_id: a request
 *
 * The name the office signs a request's specification with: the
 * office's "office-name" setting, else the name of the mail account
 * the request's mail came through.
 *
 * Returns: (transfer full) (nullable): the name, or %NULL for none
 */
char *
crm_project_store_dup_office (CrmProjectStore *self,
                              gint64           ticket_id)
{
  g_autofree char *name = NULL;
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_PROJECT_STORE (self), NULL);

  name = crm_session_get_setting (_crm_session (self), "office-name", NULL);
  if (name != NULL && *g_strstrip (name) != '\0')
    return g_steal_pointer (&name);

  if (!(stmt = _crm_store_prepare (self,
                                   "SELECT a.display_name FROM messages m JOIN accounts a ON a.id = m.account_id "
                                   "WHERE m.ticket_id = ?1 AND coalesce (a.display_name, '') <> '' "
                                   "ORDER BY m.id DESC LIMIT 1",
                                   NULL)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    return NULL;

  return g_strdup (crm_statement_get_text (stmt, 0));
}
