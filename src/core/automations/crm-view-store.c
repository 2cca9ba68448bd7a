/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-view-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-user-store.h"
#include "crm-view-store-private.h"

/**
 * CrmViewStore:
 *
 * The saved views (FD4) of one session (see
 * crm_view_store_from_session()): named filters of a module's list,
 * saved from its filter bar, listed in the sidebar under the module,
 * and the records automations select (crm_view_store_select(),
 * crm_view_store_matches(), in crm-view-store-records.c).
 *
 * Who may do what, here and, on the team's server, by the server
 * itself (migrations-pg/0037-saved-views.sql):
 *
 * - everyone sees the views shared with the office and their own
 *   private ones (a session with no user, crmctl without --as or the
 *   mail engine, sees every view);
 * - anyone saves private views of their own; managers and
 *   administrators share views with the office;
 * - a private view is renamed or deleted by its owner or an
 *   administrator, a shared one by managers and administrators.
 *
 * "Mine" in a filter is %CRM_USER_ME, never a user's id: in the window
 * it is whoever looks at the list (the owner, for a private view);
 * where nobody looks, in crm_view_store_select() and
 * crm_view_store_matches(), it is the owner of a private view, and in
 * a shared view each record's own responsible user (a ticket's
 * assignee, an offer's or a search's agent): "my open tickets" shared
 * with the office is, for an automation, "each open ticket, for its
 * assignee", and so takes only the tickets someone is assigned.
 */
struct _CrmViewStore
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmViewStore, crm_view_store, CRM_TYPE_STORE)

#define VIEW_COLUMNS "v.id, v.module, v.name, v.owner_id, v.filter, v.created_by, v.created_at, v.updated_at"

static const char * const modules[] = { "tickets", "requests", "contacts", "offers", "searches", "referrals", NULL };

static void
crm_view_store_class_init (CrmViewStoreClass *klass)
{
}

static void
crm_view_store_init (CrmViewStore *self)
{
}

/**
 * crm_view_modules:
 *
 * Returns: (transfer none): the modules whose lists have saved views:
 *   "tickets", "requests" (the tickets, as the requests inbox shows
 *   them), "contacts", "offers", "searches" and "referrals"
 */
const char * const *
crm_view_modules (void)
{
  return modules;
}

/**
 * crm_view_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the saved views' store of @session
 */
CrmViewStore *
crm_view_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_VIEW_STORE);
}

gboolean
_crm_views_check_module (const char  *module,
                         GError     **error)
{
  if (module != NULL && g_strv_contains (modules, module))
    return TRUE;

  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               /* Translators: %s is what was given as the list of a saved view */
               _("There is no list “%s” to save a view of: use tickets, requests, contacts, offers, searches or "
                 "referrals."),
               module ? module : "");

  return FALSE;
}

/* The session's user's role, or -1 for a session with no user: the
 * store itself (crmctl without --as, the engine), which may do all. */
static int
actor_role (CrmViewStore *self)
{
  gint64 user_id = crm_session_get_user_id (_crm_session (self));
  g_autoptr(CrmUser) actor = NULL;

  if (user_id == 0)
    return -1;
  actor = crm_user_store_get (_crm_user_store_of (self), user_id, NULL);

  return actor != NULL ? (int) crm_user_get_role (actor) : (int) CRM_ROLE_AGENT;
}

static gboolean
may_share (CrmViewStore *self)
{
  int role = actor_role (self);

  return role < 0 || role == CRM_ROLE_ADMIN || role == CRM_ROLE_MANAGER;
}

/* The name as the user meant it: no spaces around it, one form of
 * each accented letter; else %NULL with @error set. */
static char *
clean_name (const char  *name,
            GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *clean = NULL;

  if (!g_utf8_validate (stripped, -1, NULL) || *stripped == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Enter a name for the view."));
      return NULL;
    }
  clean = g_utf8_normalize (stripped, -1, G_NORMALIZE_NFC);
  if (g_utf8_strlen (clean, -1) > CRM_VIEW_NAME_MAX)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "A view’s name is at most %d character long.",
                                "A view’s name is at most %d characters long.", CRM_VIEW_NAME_MAX),
                   CRM_VIEW_NAME_MAX);
      return NULL;
    }

  return g_steal_pointer (&clean);
}

/**
 * crm_view_store_check:
 * @self: a #CrmViewStore
 * @module: the view's module (see crm_view_modules())
 * @name: its name
 * @shared: whether it is to be shared with the office
 * @error: return location for a #GError
 *
 * Says at once, without reading the views, what crm_view_store_add()
 * refuses whatever is stored: an unknown module, a missing or too long
 * name, a shared view of a user who may not share, a private view of
 * nobody.
 *
 * Returns: %TRUE when it can be added, as far as this can tell
 */
gboolean
crm_view_store_check (CrmViewStore  *self,
                      const char    *module,
                      const char    *name,
                      gboolean       shared,
                      GError       **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (CRM_IS_VIEW_STORE (self), FALSE);

  if (!_crm_views_check_module (module, error) || !(clean = clean_name (name, error)))
    return FALSE;
  if (shared && !may_share (self))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_PERMISSION,
                           _("Only managers and administrators share views with the office: keep this one for "
                             "yourself."));
      return FALSE;
    }
  if (!shared && crm_session_get_user_id (_crm_session (self)) == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("A view only for oneself needs a user: say who is working."));
      return FALSE;
    }

  return TRUE;
}

static void
set_duplicate_error (GError     **error,
                     gboolean     shared,
                     const char  *name)
{
  if (shared)
    g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                 _("The office already has a view called “%s” of this list: choose another name."), name);
  else
    g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                 _("You already have a view called “%s” of this list: choose another name."), name);
}

typedef struct
{
  CrmViewStore *self;
  const char   *module;
  const char   *name;
  gint64        owner_id;
  const char   *filter;
  gint64        id;
} Addition;

static gboolean
add_tx (CrmSession  *session,
        gpointer     user_data,
        GError     **error)
{
  Addition *add = user_data;
  CrmViewStore *self = add->self;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *key = g_utf8_casefold (add->name, -1);
  gint64 now = crm_session_now (session);
  gint64 user_id = crm_session_get_user_id (session);

  stmt = _crm_store_prepare (self, "INSERT INTO saved_views (module, name, name_key, owner_id, filter, created_by, "
                                   "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_text (stmt, 1, add->module);
  crm_statement_bind_text (stmt, 2, add->name);
  crm_statement_bind_text (stmt, 3, key);
  if (add->owner_id != 0)
    crm_statement_bind_int64 (stmt, 4, add->owner_id);
  else
    crm_statement_bind_null (stmt, 4);
  crm_statement_bind_text (stmt, 5, add->filter);
  if (user_id != 0)
    crm_statement_bind_int64 (stmt, 6, user_id);
  else
    crm_statement_bind_null (stmt, 6);
  crm_statement_bind_int64 (stmt, 7, now);
  if (crm_statement_step (stmt) != CRM_STEP_DONE)
    {
      if (_crm_store_unique_violated (self))
        set_duplicate_error (error, add->owner_id == 0, add->name);
      else
        _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  add->id = _crm_store_last_insert_id (self);

  return crm_session_append_history (session, "saved-view", add->id, "created", add->name, error);
}

/**
 * crm_view_store_add:
 * @self: a #CrmViewStore
 * @module: the list it filters (see crm_view_modules())
 * @name: its name, as the sidebar shows it (at most
 *   %CRM_VIEW_NAME_MAX characters; one of a name per module among the
 *   office's views, and among each user's own)
 * @shared: %TRUE to share it with the office (managers and
 *   administrators), %FALSE to keep it the session's user's
 * @filter: the module's filter, as crm_ticket_filter_to_variant() and
 *   the like make it; "Mine" as %CRM_USER_ME. Checked: the queues,
 *   statuses, users and tags it names exist.
 * @error: return location for a #GError
 *
 * Returns: the view's id, or 0 with @error set (a %CRM_ERROR_INVALID,
 *   %CRM_ERROR_NOT_FOUND, %CRM_ERROR_CONFLICT or %CRM_ERROR_PERMISSION
 *   that says what to do)
 */
gint64
crm_view_store_add (CrmViewStore  *self,
                    const char    *module,
                    const char    *name,
                    gboolean       shared,
                    GVariant      *filter,
                    GError       **error)
{
  g_autoptr(GVariant) sunk = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *text = NULL;
  Addition add = { self, module, NULL, 0, NULL, 0 };

  g_return_val_if_fail (CRM_IS_VIEW_STORE (self), 0);
  g_return_val_if_fail (filter != NULL, 0);

  sunk = g_variant_ref_sink (filter);
  if (!crm_view_store_check (self, module, name, shared, error) ||
      !_crm_views_check_filter (self, module, sunk, error))
    return 0;
  clean = clean_name (name, NULL);
  text = g_variant_print (sunk, TRUE);
  add.name = clean;
  add.owner_id = shared ? 0 : crm_session_get_user_id (_crm_session (self));
  add.filter = text;
  if (!crm_session_run_in_transaction (_crm_session (self), add_tx, &add, error))
    return 0;
  _crm_store_emit_changed (self, "saved-view", add.id);

  return add.id;
}

static CrmSavedView *
view_from_row (CrmStatement  *stmt,
               GError       **error)
{
  g_autoptr(GVariant) filter = NULL;
  g_autoptr(GError) parse_error = NULL;
  CrmSavedView *view;

  filter = g_variant_parse (G_VARIANT_TYPE_VARDICT, crm_statement_get_text (stmt, 4), NULL, NULL, &parse_error);
  if (filter == NULL)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: the name of a saved view, then what is wrong with it */
                   _("The filter of the view “%s” cannot be read: %s"), crm_statement_get_text (stmt, 2),
                   parse_error->message);
      return NULL;
    }
  view = crm_saved_view_new (crm_statement_get_int64 (stmt, 0), crm_statement_get_text (stmt, 1),
                             crm_statement_get_text (stmt, 2), crm_statement_get_int64 (stmt, 3), filter);
  crm_saved_view_set_times (view, crm_statement_get_int64 (stmt, 5), crm_statement_get_int64 (stmt, 6),
                            crm_statement_get_int64 (stmt, 7));

  return view;
}

/**
 * crm_view_store_get:
 * @self: a #CrmViewStore
 * @view_id: a view
 * @error: return location for a #GError
 *
 * A view the session's user sees: shared, theirs, or any for an
 * administrator or a session with no user.
 *
 * Returns: (transfer full): the view, or %NULL with @error set (a
 *   %CRM_ERROR_NOT_FOUND when there is no such view to see)
 */
CrmSavedView *
crm_view_store_get (CrmViewStore  *self,
                    gint64         view_id,
                    GError       **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gint64 user_id;
  int role;

  g_return_val_if_fail (CRM_IS_VIEW_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT " VIEW_COLUMNS " FROM saved_views v WHERE v.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, view_id);
  user_id = crm_session_get_user_id (_crm_session (self));
  role = actor_role (self);
  switch (crm_statement_step (stmt))
    {
    case CRM_STEP_ROW:
      if (crm_statement_get_int64 (stmt, 3) == 0 || crm_statement_get_int64 (stmt, 3) == user_id || role < 0 ||
          role == CRM_ROLE_ADMIN)
        return view_from_row (stmt, error);
      G_GNUC_FALLTHROUGH;
    case CRM_STEP_DONE:
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no view %lld."), (long long) view_id);
      return NULL;
    default:
      _crm_store_set_sql_error (self, error);
      return NULL;
    }
}

/**
 * crm_view_store_may_change:
 * @self: a #CrmViewStore
 * @view: a view
 *
 * Whether the session's user may rename or delete @view: their own,
 * or shared by a manager or administrator, or any by an administrator.
 *
 * Returns: %TRUE when they may
 */
gboolean
crm_view_store_may_change (CrmViewStore *self,
                           CrmSavedView *view)
{
  int role;

  g_return_val_if_fail (CRM_IS_VIEW_STORE (self), FALSE);
  g_return_val_if_fail (CRM_IS_SAVED_VIEW (view), FALSE);

  role = actor_role (self);
  if (role < 0 || role == CRM_ROLE_ADMIN)
    return TRUE;
  if (crm_saved_view_get_shared (view))
    return role == CRM_ROLE_MANAGER;

  return crm_saved_view_get_owner_id (view) == crm_session_get_user_id (_crm_session (self));
}

/* The view, when the session's user may change it; else %NULL with
 * @error set. */
static CrmSavedView *
get_to_change (CrmViewStore  *self,
               gint64         view_id,
               GError       **error)
{
  g_autoptr(CrmSavedView) view = crm_view_store_get (self, view_id, error);

  if (view == NULL)
    return NULL;
  if (!crm_view_store_may_change (self, view))
    {
      if (crm_saved_view_get_shared (view))
        g_set_error_literal (error, CRM_ERROR, CRM_ERROR_PERMISSION,
                             _("Only managers and administrators change the views shared with the office."));
      else
        g_set_error_literal (error, CRM_ERROR, CRM_ERROR_PERMISSION,
                             _("Only its owner or an administrator changes a private view."));
      return NULL;
    }

  return g_steal_pointer (&view);
}

typedef struct
{
  CrmViewStore *self;
  CrmSavedView *view;
  const char   *name;   /* NULL: delete */
} Change;

static gboolean
change_tx (CrmSession  *session,
           gpointer     user_data,
           GError     **error)
{
  Change *change = user_data;
  CrmViewStore *self = change->self;
  gint64 id = crm_saved_view_get_id (change->view);
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *key = NULL;
  g_autofree char *detail = NULL;

  if (change->name == NULL)
    {
      if (!(stmt = _crm_store_prepare (self, "DELETE FROM saved_views WHERE id = ?1", error)))
        return FALSE;
      crm_statement_bind_int64 (stmt, 1, id);
      if (!_crm_store_step_done (self, stmt, error))
        return FALSE;
    }
  else
    {
      key = g_utf8_casefold (change->name, -1);
      if (!(stmt = _crm_store_prepare (self, "UPDATE saved_views SET name = ?2, name_key = ?3, updated_at = ?4 "
                                             "WHERE id = ?1", error)))
        return FALSE;
      crm_statement_bind_int64 (stmt, 1, id);
      crm_statement_bind_text (stmt, 2, change->name);
      crm_statement_bind_text (stmt, 3, key);
      crm_statement_bind_int64 (stmt, 4, crm_session_now (session));
      if (crm_statement_step (stmt) != CRM_STEP_DONE)
        {
          if (_crm_store_unique_violated (self))
            set_duplicate_error (error, crm_saved_view_get_shared (change->view), change->name);
          else
            _crm_store_set_sql_error (self, error);
          return FALSE;
        }
    }
  /* on the team's server, a row its rules hide changes nothing */
  if (_crm_store_count_changes (self) == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_PERMISSION,
                           _("The view could not be changed: it is not yours to change."));
      return FALSE;
    }

  if (change->name == NULL)
    return crm_session_append_history (session, "saved-view", id, "deleted", crm_saved_view_get_name (change->view),
                                       error);
  /* Translators: a saved view renamed, its old name then its new */
  detail = g_strdup_printf (_("%s → %s"), crm_saved_view_get_name (change->view), change->name);

  return crm_session_append_history (session, "saved-view", id, "renamed", detail, error);
}

/**
 * crm_view_store_rename:
 * @self: a #CrmViewStore
 * @view_id: a view the session's user may change (see
 *   crm_view_store_may_change())
 * @name: its new name
 * @error: return location for a #GError
 *
 * Returns: %TRUE when renamed
 */
gboolean
crm_view_store_rename (CrmViewStore  *self,
                       gint64         view_id,
                       const char    *name,
                       GError       **error)
{
  g_autoptr(CrmSavedView) view = NULL;
  g_autofree char *clean = NULL;
  Change change = { self, NULL, NULL };

  g_return_val_if_fail (CRM_IS_VIEW_STORE (self), FALSE);

  if (!(clean = clean_name (name, error)) || !(view = get_to_change (self, view_id, error)))
    return FALSE;
  if (g_strcmp0 (clean, crm_saved_view_get_name (view)) == 0)
    return TRUE;
  change.view = view;
  change.name = clean;
  if (!crm_session_run_in_transaction (_crm_session (self), change_tx, &change, error))
    return FALSE;
  _crm_store_emit_changed (self, "saved-view", view_id);

  return TRUE;
}

/**
 * crm_view_store_delete:
 * @self: a #CrmViewStore
 * @view_id: a view the session's user may change (see
 *   crm_view_store_may_change())
 * @error: return location for a #GError
 *
 * Returns: %TRUE when deleted
 */
gboolean
crm_view_store_delete (CrmViewStore  *self,
                       gint64         view_id,
                       GError       **error)
{
  g_autoptr(CrmSavedView) view = NULL;
  Change change = { self, NULL, NULL };

  g_return_val_if_fail (CRM_IS_VIEW_STORE (self), FALSE);

  if (!(view = get_to_change (self, view_id, error)))
    return FALSE;
  change.view = view;
  if (!crm_session_run_in_transaction (_crm_session (self), change_tx, &change, error))
    return FALSE;
  _crm_store_emit_changed (self, "saved-view", view_id);

  return TRUE;
}

/**
 * crm_view_store_list:
 * @self: a #CrmViewStore
 * @module: (nullable): one module's views, or %NULL for all
 * @error: return location for a #GError
 *
 * The views the session's user has (see crm_view_store_list_for()).
 *
 * Returns: (transfer full) (element-type CrmSavedView): the views, or
 *   %NULL with @error set
 */
GPtrArray *
crm_view_store_list (CrmViewStore  *self,
                     const char    *module,
                     GError       **error)
{
  g_return_val_if_fail (CRM_IS_VIEW_STORE (self), NULL);

  return crm_view_store_list_for (self, crm_session_get_user_id (_crm_session (self)), module, error);
}

/**
 * crm_view_store_list_for:
 * @self: a #CrmViewStore
 * @user_id: a user, or 0 for every view
 * @module: (nullable): one module's views, or %NULL for all
 * @error: return location for a #GError
 *
 * The views @user_id has: those shared with the office and their own,
 * by module in the order of crm_view_modules(), then by name. One
 * indexed read of a few rows: the window reads it on its reader, also
 * for whoever worked last while the user chooser shows.
 *
 * Returns: (transfer full) (element-type CrmSavedView): the views, or
 *   %NULL with @error set
 */
GPtrArray *
crm_view_store_list_for (CrmViewStore  *self,
                         gint64         user_id,
                         const char    *module,
                         GError       **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (CRM_IS_VIEW_STORE (self), NULL);

  if (module != NULL && !_crm_views_check_module (module, error))
    return NULL;

  sql = g_strconcat ("SELECT " VIEW_COLUMNS " FROM saved_views v WHERE TRUE",
                     user_id != 0 ? " AND (v.owner_id IS NULL OR v.owner_id = ?2)" : "",
                     module != NULL ? " AND v.module = ?1" : "",
                     " ORDER BY v.module, v.name_key, v.id", NULL);
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql), error)))
    return NULL;
  if (module != NULL)
    crm_statement_bind_text (stmt, 1, module);
  if (user_id != 0)
    crm_statement_bind_int64 (stmt, 2, user_id);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmSavedView *view = view_from_row (stmt, error);

      if (view == NULL)
        return NULL;
      g_ptr_array_add (views, view);
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  /* in the modules' order, as the sidebar has them */
  for (guint m = 0, at = 0; modules[m] != NULL; m++)
    for (guint i = at; i < views->len; i++)
      if (g_str_equal (crm_saved_view_get_module (g_ptr_array_index (views, i)), modules[m]))
        {
          gpointer view = g_ptr_array_steal_index (views, i);

          g_ptr_array_insert (views, at++, view);
        }

  return g_steal_pointer (&views);
}
