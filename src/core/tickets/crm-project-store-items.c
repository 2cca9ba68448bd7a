/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-projects"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-project-store-private.h"

/* A project's items: added, changed and removed one at a time (crmctl,
 * scripts), or all saved at once by its editor over the version it
 * read. Each change is one more version of the project, and an audit
 * row. */

static gboolean
update_item (CrmProjectStore       *self,
             gint64                 item_id,
             guint                  position,
             const CrmProjectItem  *item,
             GError               **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self,
                        "UPDATE project_items SET position = ?2, material = ?3, quantity = ?4, unit = ?5, "
                        "price = ?6, terms = ?7 WHERE id = ?1",
                        error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, item_id);
  crm_statement_bind_int64 (stmt, 2, position);
  crm_statement_bind_text (stmt, 3, item->material);
  crm_statement_bind_int64 (stmt, 4, item->quantity);
  _crm_project_bind_nullable (stmt, 5, item->unit);
  crm_statement_bind_int64 (stmt, 6, item->price);
  _crm_project_bind_nullable (stmt, 7, item->terms);

  return _crm_store_step_done (self, stmt, error);
}
/* One more version of the project; a NULL @name keeps its name. Also
 * what other desktops are told by (the changes journal's trigger). */
static gboolean
bump (CrmProjectStore  *self,
      gint64            project_id,
      const char       *name,
      GError          **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self, "UPDATE projects SET version = version + 1, name = coalesce (?2, name) WHERE id = ?1",
                        error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, project_id);
  _crm_project_bind_nullable (stmt, 2, name);

  return _crm_store_step_done (self, stmt, error);
}

/* The item @item_id and the open project it is in; 0 with @error set. */
static gint64
item_project (CrmProjectStore  *self,
              gint64            item_id,
              CrmProject      **project,
              GError          **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "SELECT project_id FROM project_items WHERE id = ?1", error);
  gboolean row = FALSE;

  if (stmt == NULL)
    return 0;
  crm_statement_bind_int64 (stmt, 1, item_id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return 0;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no project item #%lld."), (long long) item_id);
      return 0;
    }
  if (!(*project = _crm_project_read_open (self, crm_statement_get_int64 (stmt, 0), error)))
    return 0;

  return (*project)->id;
}

/* Items */

typedef struct
{
  gint64                project_id;   /* in for an added item, else out */
  gint64                item_id;      /* in, or out for an added item */
  const CrmProjectItem *item;         /* NULL: removed */
  gint64                ticket_id;    /* out */
} ItemChange;

static gboolean
add_item_tx (CrmSession  *session,
             gpointer     user_data,
             GError     **error)
{
  CrmProjectStore *self = crm_project_store_from_session (session);
  ItemChange *change = user_data;
  g_autoptr(CrmProject) project = _crm_project_read_open (self, change->project_id, error);

  if (project == NULL)
    return FALSE;
  if (project->n_items >= CRM_PROJECT_ITEMS_MAX)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("A project has at most %d items."), CRM_PROJECT_ITEMS_MAX);
      return FALSE;
    }
  change->ticket_id = project->ticket_id;

  return (change->item_id = _crm_project_insert_item (self, project->id,
                                                      project->n_items + 1, change->item, error)) != 0 &&
         bump (self, project->id, NULL, error) &&
         _crm_project_audit (self, project->id, "item-added", change->item->material, error);
}

/**
 * crm_project_store_add_item:
 * @self: a #CrmProjectStore
 * @project_id: an open project
 * @item: the item, after the others
 * @error: return location for a #GError
 *
 * Returns: the item's id, or 0 with @error set
 */
gint64
crm_project_store_add_item (CrmProjectStore       *self,
                            gint64                 project_id,
                            const CrmProjectItem  *item,
                            GError               **error)
{
  ItemChange change = { project_id, 0, item, 0 };

  g_return_val_if_fail (CRM_IS_PROJECT_STORE (self), 0);
  g_return_val_if_fail (item != NULL, 0);

  if (!crm_project_item_check (item, error) ||
      !crm_session_run_in_transaction (_crm_session (self), add_item_tx, &change, error))
    return 0;
  _crm_store_emit_changed (self, "ticket", change.ticket_id);

  return change.item_id;
}

static gboolean
change_item_tx (CrmSession  *session,
                gpointer     user_data,
                GError     **error)
{
  CrmProjectStore *self = crm_project_store_from_session (session);
  ItemChange *change = user_data;
  g_autoptr(CrmProject) project = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint position = 0;

  if (!(change->project_id = item_project (self, change->item_id, &project, error)) ||
      !(items = _crm_project_read_items (self, project->id, error)))
    return FALSE;
  change->ticket_id = project->ticket_id;

  /* the others keep their order, without gaps */
  for (guint i = 0; i < items->len; i++)
    {
      CrmProjectItem *item = g_ptr_array_index (items, i);

      if (item->id == change->item_id && change->item == NULL)
        {
          g_autoptr(CrmStatement) drop = _crm_store_prepare (self, "DELETE FROM project_items WHERE id = ?1", error);

          if (drop == NULL)
            return FALSE;
          crm_statement_bind_int64 (drop, 1, item->id);
          if (!_crm_store_step_done (self, drop, error) ||
              !_crm_project_audit (self, project->id, "item-removed", item->material, error))
            return FALSE;
          continue;
        }
      position++;
      if (item->id == change->item_id)
        {
          if (!update_item (self, item->id, position, change->item, error) ||
              !_crm_project_audit (self, project->id, "item-changed", change->item->material, error))
            return FALSE;
        }
      else if (item->position != position && !update_item (self, item->id, position, item, error))
        return FALSE;
    }

  return bump (self, project->id, NULL, error);
}

/**
 * crm_project_store_update_item:
 * @self: a #CrmProjectStore
 * @item_id: an item of an open project
 * @item: what it is now (its id and position are not read)
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
crm_project_store_update_item (CrmProjectStore       *self,
                               gint64                 item_id,
                               const CrmProjectItem  *item,
                               GError               **error)
{
  ItemChange change = { 0, item_id, item, 0 };

  g_return_val_if_fail (CRM_IS_PROJECT_STORE (self), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  if (!crm_project_item_check (item, error) ||
      !crm_session_run_in_transaction (_crm_session (self), change_item_tx, &change, error))
    return FALSE;
  _crm_store_emit_changed (self, "ticket", change.ticket_id);

  return TRUE;
}

/**
 * crm_project_store_remove_item:
 * @self: a #CrmProjectStore
 * @item_id: an item of an open project
 * @error: return location for a #GError
 *
 * Takes the item out; those after it move up.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
crm_project_store_remove_item (CrmProjectStore  *self,
                               gint64            item_id,
                               GError          **error)
{
  ItemChange change = { 0, item_id, NULL, 0 };

  g_return_val_if_fail (CRM_IS_PROJECT_STORE (self), FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), change_item_tx, &change, error))
    return FALSE;
  _crm_store_emit_changed (self, "ticket", change.ticket_id);

  return TRUE;
}

/* Saving an editor's work */

typedef struct
{
  gint64      project_id;
  gint64      version;
  const char *name;
  GPtrArray  *items;
  gint64      ticket_id;   /* out */
} Saving;

static gboolean
save_tx (CrmSession  *session,
         gpointer     user_data,
         GError     **error)
{
  CrmProjectStore *self = crm_project_store_from_session (session);
  Saving *saving = user_data;
  g_autoptr(CrmProject) project = _crm_project_read_open (self, saving->project_id, error);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *detail = NULL;
  g_autofree char *total = NULL;
  gint64 sum = 0;

  if (project == NULL || !(stored = _crm_project_read_items (self, project->id, error)))
    return FALSE;
  if (project->version != saving->version)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CHANGED,
                   /* Translators: a project's name */
                   _("Someone changed the project “%s” meanwhile: open it again to see their changes."),
                   project->name);
      return FALSE;
    }
  saving->ticket_id = project->ticket_id;

  /* the items given, in their order: those stored changed, the new ones added */
  for (guint i = 0; i < saving->items->len; i++)
    {
      CrmProjectItem *item = g_ptr_array_index (saving->items, i);
      gboolean known = FALSE;

      sum += crm_project_item_get_total (item);
      for (guint s = 0; item->id != 0 && s < stored->len; s++)
        known = known || ((CrmProjectItem *) g_ptr_array_index (stored, s))->id == item->id;
      if (item->id != 0 && !known)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                       _("Item #%lld is not the project’s: open the project again."), (long long) item->id);
          return FALSE;
        }
      if (item->id != 0)
        {
          g_hash_table_add (kept, &item->id);
          if (!update_item (self, item->id, i + 1, item, error))
            return FALSE;
        }
      else if (!_crm_project_insert_item (self, project->id, i + 1, item, error))
        return FALSE;
    }
  /* the others removed */
  for (guint s = 0; s < stored->len; s++)
    {
      CrmProjectItem *item = g_ptr_array_index (stored, s);
      g_autoptr(CrmStatement) drop = NULL;

      if (g_hash_table_contains (kept, &item->id))
        continue;
      if (!(drop = _crm_store_prepare (self, "DELETE FROM project_items WHERE id = ?1", error)))
        return FALSE;
      crm_statement_bind_int64 (drop, 1, item->id);
      if (!_crm_store_step_done (self, drop, error))
        return FALSE;
    }

  if (g_strcmp0 (saving->name, project->name) != 0)
    {
      /* Translators: a system comment in a request; a project's name before and after */
      g_autofree char *text = g_strdup_printf (_("Project “%s” renamed to “%s”"), project->name, saving->name);

      if (!_crm_tickets_record_change (_crm_ticket_store_of (self), project->ticket_id, "project-renamed", text, error))
        return FALSE;
    }

  total = crm_project_money_to_string (sum);
  /* Translators: an audit line of a project: its name, how many items, the total */
  detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u item, total %s", "%s: %u items, total %s",
                                         saving->items->len),
                            saving->name, saving->items->len, total);

  return bump (self, project->id, saving->name, error) && _crm_project_audit (self, project->id, "saved", detail, error);
}

/**
 * crm_project_store_save:
 * @self: a #CrmProjectStore
 * @project_id: an open project
 * @version: the version the editor read (#CrmProject.version)
 * @name: its name
 * @items: (element-type CrmProjectItem): all its items, in order: those
 *   read keep their id, new ones have none
 * @error: return location for a #GError
 *
 * Saves what a project's editor holds, in one transaction, only over
 * the version it read: if someone changed the project meanwhile, the
 * save is refused with %CRM_ERROR_CHANGED and nothing is lost of
 * theirs.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
crm_project_store_save (CrmProjectStore  *self,
                        gint64            project_id,
                        gint64            version,
                        const char       *name,
                        GPtrArray        *items,
                        GError          **error)
{
  g_autofree char *stripped = NULL;
  Saving saving = { project_id, version, NULL, items, 0 };

  g_return_val_if_fail (CRM_IS_PROJECT_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);

  if (!(stripped = _crm_project_check_name (name, error)) || !_crm_project_check_items (items, error))
    return FALSE;
  saving.name = stripped;
  if (!crm_session_run_in_transaction (_crm_session (self), save_tx, &saving, error))
    return FALSE;
  _crm_store_emit_changed (self, "ticket", saving.ticket_id);

  return TRUE;
}
