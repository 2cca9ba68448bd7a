/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-automations"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-automation-store-private.h"
#include "crm-error.h"

/**
 * CrmAutomationStore:
 *
 * Automations (AU1-AU8; migration 0038): a module's records selected
 * by a status (tickets, requests) or a saved view enter an automation —
 * all those matching at activation, or only those that start matching
 * after it ("only new"); continuously as records change, or once in
 * bulk ("one-time") — and each entry's steps (a mail to the client, a
 * mail to a user, a task for a user) fall due at wall-clock times in
 * the office's time zone (crm-schedule.c).
 *
 * This file keeps the automations. A version of an
 * automation that records entered, or an active automation's, is never
 * changed: editing it makes the next version, its steps copied, and
 * entries keep the version they entered with (their runs point at that
 * version's steps). Activating enters the matching records in pages of
 * their own transactions (crm-automation-store-members.c: what is left
 * when the program stops, its scheduler finishes); deactivating leaves
 * every entry and skips every step still waiting.
 *
 * Activating and deactivating are in crm-automation-store-activation.c,
 * the steps are edited in crm-automation-store-steps.c, the office's
 * settings (time zone, daily cap) in crm-automation-store-settings.c,
 * records enter and leave in crm-automation-store-members.c, the
 * scheduler's pass and the steps themselves are in
 * crm-automation-store-run.c, the log and the simulation in
 * crm-automation-store-log.c. Every change a user makes leaves an audit
 * row ("automation").
 */

struct _CrmAutomationStore
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmAutomationStore, crm_automation_store, CRM_TYPE_STORE)

#define AUTOMATION_NAME_MAX 200

/* An automation's columns, then (with COUNTS) its entries inside and
 * its steps waiting. */
#define AUTOMATION_COLUMNS \
  "SELECT a.id, a.module, a.name, a.active, a.version, coalesce (a.status_id, 0), s.name, " \
  "coalesce (a.view_id, 0), a.only_new, a.one_time, a.catch_up, a.paused_reason, coalesce (a.activated_at, 0), " \
  "u.name, a.created_at, a.updated_at, a.since_seq, coalesce (a.pending_from, -1), a.frozen"
#define AUTOMATION_COUNTS \
  ", (SELECT count (*) FROM automation_entries e WHERE e.automation_id = a.id AND e.left_at IS NULL " \
  "AND e.baseline = 0), " \
  "(SELECT count (*) FROM automation_runs r WHERE r.automation_id = a.id AND r.state = 'waiting')"
#define AUTOMATION_FROM \
  " FROM automations a LEFT JOIN statuses s ON s.id = a.status_id LEFT JOIN users u ON u.id = a.created_by "

static void
crm_automation_store_class_init (CrmAutomationStoreClass *klass)
{
  _crm_automation_register_outbox_hook ();
}

static void
crm_automation_store_init (CrmAutomationStore *self)
{
}

/* Helpers */

void
_crm_automation_state_free (CrmAutomationState *state)
{
  if (state == NULL)
    return;

  crm_automation_free (state->automation);
  g_free (state);
}

void
_crm_automation_record_clear (CrmAutomationRecord *record)
{
  g_clear_pointer (&record->label, g_free);
  g_clear_pointer (&record->subject, g_free);
  g_clear_pointer (&record->client_name, g_free);
  g_clear_pointer (&record->client_address, g_free);
}

void
_crm_automation_target_clear (CrmAutomationTarget *target)
{
  g_clear_pointer (&target->address, g_free);
  g_clear_pointer (&target->user_name, g_free);
  g_clear_pointer (&target->label, g_free);
  g_clear_pointer (&target->skip_reason, g_free);
}

/* The journal's name of a module's records. */
const char *
_crm_automation_entity (const char *module)
{
  if (g_strcmp0 (module, "contacts") == 0)
    return "contact";
  if (g_strcmp0 (module, "offers") == 0)
    return "offer";
  if (g_strcmp0 (module, "searches") == 0)
    return "search";

  return "ticket";
}

/* A time as the office reads it, for reasons in the log. */
char *
_crm_automation_format_time (GTimeZone *zone,
                             gint64     time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

/* The automation's log changed: its row too, so that the journal tells
 * the windows. */
gboolean
_crm_automation_touch (CrmAutomationStore  *self,
                       gint64               automation_id,
                       GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "UPDATE automations SET ran_at = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, automation_id);
  crm_statement_bind_int64 (stmt, 2, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));

  return _crm_store_step_done (self, stmt, error);
}

gboolean
_crm_automation_audit (CrmAutomationStore  *self,
       gint64               id,
       const char          *action,
       const char          *detail,
       GError             **error)
{
  return crm_session_append_history (_crm_session (self), "automation", id, action, detail, error);
}

static gint64
now (CrmAutomationStore *self)
{
  return crm_clock_now_unix (crm_session_get_clock (_crm_session (self)));
}

static CrmAutomationState *
state_from_row (CrmStatement *stmt,
                gboolean      counts)
{
  CrmAutomationState *state = g_new0 (CrmAutomationState, 1);
  CrmAutomation *automation = g_new0 (CrmAutomation, 1);

  state->automation = automation;
  automation->id = crm_statement_get_int64 (stmt, 0);
  automation->module = g_strdup (crm_statement_get_text (stmt, 1));
  automation->name = g_strdup (crm_statement_get_text (stmt, 2));
  automation->active = crm_statement_get_int64 (stmt, 3) != 0;
  automation->version = crm_statement_get_int64 (stmt, 4);
  automation->status_id = crm_statement_get_int64 (stmt, 5);
  automation->status_name = g_strdup (crm_statement_get_text (stmt, 6));
  automation->view_id = crm_statement_get_int64 (stmt, 7);
  automation->only_new = crm_statement_get_int64 (stmt, 8) != 0;
  automation->one_time = crm_statement_get_int64 (stmt, 9) != 0;
  crm_automation_catch_up_parse (crm_statement_get_text (stmt, 10), &automation->catch_up, NULL);
  automation->paused_reason = g_strdup (crm_statement_get_text (stmt, 11));
  automation->activated_at = crm_statement_get_int64 (stmt, 12);
  automation->created_by = g_strdup (crm_statement_get_text (stmt, 13));
  automation->created_at = crm_statement_get_int64 (stmt, 14);
  automation->updated_at = crm_statement_get_int64 (stmt, 15);
  state->since_seq = crm_statement_get_int64 (stmt, 16);
  state->pending_from = crm_statement_get_int64 (stmt, 17);
  state->frozen = crm_statement_get_int64 (stmt, 18);
  state->paused = automation->paused_reason != NULL;
  if (counts)
    {
      automation->n_entered = (guint) crm_statement_get_int64 (stmt, 19);
      automation->n_waiting = (guint) crm_statement_get_int64 (stmt, 20);
    }

  return state;
}

static CrmAutomationStep *
step_from_row (CrmStatement *stmt)
{
  CrmAutomationStep *step = g_new0 (CrmAutomationStep, 1);

  step->id = crm_statement_get_int64 (stmt, 0);
  step->version = crm_statement_get_int64 (stmt, 1);
  step->position = (guint) crm_statement_get_int64 (stmt, 2);
  crm_automation_step_kind_parse (crm_statement_get_text (stmt, 3), &step->kind, NULL);
  step->delay_days = (guint) crm_statement_get_int64 (stmt, 4);
  step->minute_of_day = crm_statement_is_null (stmt, 5) ? -1 : crm_statement_get_int (stmt, 5);
  step->weekdays = (CrmWeekdays) crm_statement_get_int64 (stmt, 6);
  step->template_id = crm_statement_get_int64 (stmt, 7);
  step->template_name = g_strdup (crm_statement_get_text (stmt, 8));
  step->task_title = g_strdup (crm_statement_get_text (stmt, 9));
  step->recipient_user_id = crm_statement_get_int64 (stmt, 10);
  step->recipient_name = g_strdup (crm_statement_get_text (stmt, 11));
  step->sender_user_id = g_strcmp0 (crm_statement_get_text (stmt, 12), "user") == 0 ? crm_statement_get_int64 (stmt, 13)
                                                                                    : 0;
  step->sender_name = g_strdup (crm_statement_get_text (stmt, 14));

  return step;
}

#define STEP_COLUMNS \
  "SELECT st.id, st.version, st.position, st.kind, st.delay_days, st.minute_of_day, st.weekdays, " \
  "coalesce (st.template_id, 0), t.name, st.task_title, coalesce (st.recipient_user_id, 0), ru.name, st.sender, " \
  "coalesce (st.sender_user_id, 0), su.name FROM automation_steps st " \
  "LEFT JOIN templates t ON t.id = st.template_id LEFT JOIN users ru ON ru.id = st.recipient_user_id " \
  "LEFT JOIN users su ON su.id = st.sender_user_id "

GPtrArray *
_crm_automation_read_steps (CrmAutomationStore  *self,
                            gint64               automation_id,
                            gint64               version,
                            GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                     STEP_COLUMNS "WHERE st.automation_id = ?1 AND st.version = ?2 "
                                                     "ORDER BY st.position",
                                                     error);
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_automation_step_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, automation_id);
  crm_statement_bind_int64 (stmt, 2, version);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    g_ptr_array_add (steps, step_from_row (stmt));
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&steps);
}

/* The automation with its current version's steps, or NULL with
 * @error set. */
CrmAutomationState *
_crm_automation_read_state (CrmAutomationStore  *self,
                            gint64               id,
                            GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, AUTOMATION_COLUMNS AUTOMATION_FROM "WHERE a.id = ?1", error);
  g_autoptr(CrmAutomationState) state = NULL;
  gboolean row = FALSE;

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return NULL;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no automation #%lld."), (long long) id);
      return NULL;
    }
  state = state_from_row (stmt, FALSE);
  g_clear_pointer (&stmt, crm_statement_release);
  if (!(state->automation->steps = _crm_automation_read_steps (self, id, state->automation->version, error)))
    return NULL;

  return g_steal_pointer (&state);
}

static char *
check_name (const char  *name,
            GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL) || g_utf8_strlen (stripped, -1) > AUTOMATION_NAME_MAX)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("Name the automation (1 to %d characters)."), AUTOMATION_NAME_MAX);
      return NULL;
    }

  return g_steal_pointer (&stripped);
}

/* What records an automation selects: a status of tickets or requests,
 * or a saved view of its module; and how. */
static gboolean
check_selection (CrmAutomationStore  *self,
                 const char          *module,
                 gint64               status_id,
                 gint64               view_id,
                 gboolean             only_new,
                 gboolean             one_time,
                 GError             **error)
{
  if (!crm_automation_module_is_valid (module))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: what was given; the modules are names crmctl takes, not to translate */
                   _("“%s” is not a module automations work on: give tickets, requests, contacts, offers or searches."),
                   module ? module : "");
      return FALSE;
    }
  if ((status_id > 0) == (view_id > 0))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Choose the records by a status or by a saved view, one of the two."));
      return FALSE;
    }
  if (status_id > 0)
    {
      gboolean found = FALSE;

      if (!g_str_equal (module, "tickets") && !g_str_equal (module, "requests"))
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                               _("Only tickets and requests have statuses: choose these records by a saved view."));
          return FALSE;
        }
      if (!_crm_store_exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM statuses WHERE id = ?1)", NULL, status_id, &found, error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no status #%lld."), (long long) status_id);
          return FALSE;
        }
    }
  else if (!_crm_automation_view_exists (self, module, view_id, error))
    return FALSE;

  if (one_time && only_new)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("A one-time automation runs once over the records matching when it is activated: "
                             "“only new” does not apply to it."));
      return FALSE;
    }

  return TRUE;
}

/* The store */

/**
 * crm_automation_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the store of automations working in @session
 */
CrmAutomationStore *
crm_automation_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_AUTOMATION_STORE);
}

/**
 * crm_automation_store_find_status:
 * @self: a #CrmAutomationStore
 * @name: a ticket status's name, in any case
 * @error: return location for a #GError
 *
 * Returns: the status's id, for crm_automation_store_add (), or 0 with
 *   @error set (%CRM_ERROR_NOT_FOUND)
 */
gint64
crm_automation_store_find_status (CrmAutomationStore  *self,
                                  const char          *name,
                                  GError             **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), 0);

  if (!(stmt = _crm_store_prepare (self, "SELECT id FROM statuses WHERE name = ?1", error)))
    return 0;
  crm_statement_bind_text (stmt, 1, name != NULL ? name : "");
  if (!_crm_store_step_row (self, stmt, &row, error))
    return 0;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                   /* Translators: what was given as a status */
                   _("There is no status “%s”."), name != NULL ? name : "");
      return 0;
    }

  return crm_statement_get_int64 (stmt, 0);
}

/* Automations */

typedef struct
{
  const char *module;
  const char *name;
  gint64      status_id;
  gint64      view_id;
  gboolean    only_new;
  gboolean    one_time;
  CrmCatchUp  catch_up;
  gint64      id;   /* out */
} Adding;

static gboolean
add_tx (CrmSession  *session,
        gpointer     user_data,
        GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  Adding *adding = user_data;
  g_autoptr(CrmStatement) stmt = NULL;

  if (!check_selection (self, adding->module, adding->status_id, adding->view_id, adding->only_new, adding->one_time,
                        error))
    return FALSE;
  if (!(stmt = _crm_store_prepare (self,
                                   "INSERT INTO automations (module, name, selector, status_id, view_id, only_new, "
                                   "one_time, catch_up, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                                   "?6, ?7, ?8, (SELECT id FROM users WHERE id = ?9), ?10, ?10) RETURNING id",
                                   error)))
    return FALSE;
  crm_statement_bind_text (stmt, 1, adding->module);
  crm_statement_bind_text (stmt, 2, adding->name);
  crm_statement_bind_text (stmt, 3, adding->status_id > 0 ? "status" : "view");
  if (adding->status_id > 0)
    crm_statement_bind_int64 (stmt, 4, adding->status_id);
  else
    crm_statement_bind_null (stmt, 4);
  if (adding->view_id > 0)
    crm_statement_bind_int64 (stmt, 5, adding->view_id);
  else
    crm_statement_bind_null (stmt, 5);
  crm_statement_bind_int64 (stmt, 6, adding->only_new);
  crm_statement_bind_int64 (stmt, 7, adding->one_time);
  crm_statement_bind_text (stmt, 8, crm_automation_catch_up_to_string (adding->catch_up));
  crm_statement_bind_int64 (stmt, 9, crm_session_get_user_id (session));
  crm_statement_bind_int64 (stmt, 10, now (self));
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  adding->id = crm_statement_get_int64 (stmt, 0);

  return _crm_automation_audit (self, adding->id, "created", adding->name, error);
}

/**
 * crm_automation_store_add:
 * @self: a #CrmAutomationStore
 * @module: "tickets", "requests", "contacts", "offers" or "searches"
 * @name: its name
 * @status_id: the status whose records it selects (tickets and
 *   requests only), or 0
 * @view_id: the saved view of @module whose records it selects, or 0;
 *   exactly one of @status_id and @view_id
 * @only_new: only records that start matching after activation (AU3)
 * @one_time: one bulk run over the records matching at activation (AU4)
 * @catch_up: what becomes of steps that fell due while the application
 *   was closed
 * @error: return location for a #GError
 *
 * A new automation (AU2), inactive and without steps
 * (crm_automation_store_add_step ()).
 *
 * Returns: its id, or 0 with @error set
 */
gint64
crm_automation_store_add (CrmAutomationStore  *self,
                          const char          *module,
                          const char          *name,
                          gint64               status_id,
                          gint64               view_id,
                          gboolean             only_new,
                          gboolean             one_time,
                          CrmCatchUp           catch_up,
                          GError             **error)
{
  g_autofree char *stripped = NULL;
  Adding adding = { module, NULL, status_id, view_id, only_new, one_time, catch_up, 0 };

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), 0);
  g_return_val_if_fail (catch_up <= CRM_CATCH_UP_SKIP, 0);

  if (!(stripped = check_name (name, error)))
    return 0;
  adding.name = stripped;
  if (!crm_session_run_in_transaction (_crm_session (self), add_tx, &adding, error))
    return 0;
  _crm_store_emit_changed (self, "automation", adding.id);

  return adding.id;
}

typedef struct
{
  const CrmAutomation *automation;
  const char          *name;
} Updating;

static gboolean
update_tx (CrmSession  *session,
           gpointer     user_data,
           GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  Updating *updating = user_data;
  const CrmAutomation *given = updating->automation;
  g_autoptr(CrmAutomationState) state = _crm_automation_read_state (self, given->id, error);
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean selection_changed;
  gint64 version;

  if (state == NULL)
    return FALSE;
  if (given->version != 0 && given->version != state->automation->version)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CHANGED,
                   _("Someone changed the automation meanwhile: look at it again before saving."));
      return FALSE;
    }
  if (g_strcmp0 (given->module, state->automation->module) != 0 && given->module != NULL)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("An automation stays in its module: make a new one for another."));
      return FALSE;
    }
  if (!check_selection (self, state->automation->module, given->status_id, given->view_id, given->only_new,
                        given->one_time, error))
    return FALSE;
  if (state->automation->active &&
      (given->one_time != state->automation->one_time || given->only_new != state->automation->only_new))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                           _("Deactivate the automation to change how records enter it."));
      return FALSE;
    }

  /* another selection is another version: the records inside keep theirs */
  selection_changed = given->status_id != state->automation->status_id || given->view_id != state->automation->view_id;
  if (selection_changed && !_crm_automation_editable_version (self, state, &version, error))
    return FALSE;

  if (!(stmt = _crm_store_prepare (self,
                                   "UPDATE automations SET name = ?2, selector = ?3, status_id = ?4, view_id = ?5, "
                                   "only_new = ?6, one_time = ?7, catch_up = ?8, updated_at = ?9, "
                                   /* a new selection of an active automation: its records enter */
                                   "pending_from = CASE WHEN ?10 = 1 AND active = 1 THEN 0 "
                                   "ELSE pending_from END WHERE id = ?1",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, given->id);
  crm_statement_bind_text (stmt, 2, updating->name);
  crm_statement_bind_text (stmt, 3, given->status_id > 0 ? "status" : "view");
  if (given->status_id > 0)
    crm_statement_bind_int64 (stmt, 4, given->status_id);
  else
    crm_statement_bind_null (stmt, 4);
  if (given->view_id > 0)
    crm_statement_bind_int64 (stmt, 5, given->view_id);
  else
    crm_statement_bind_null (stmt, 5);
  crm_statement_bind_int64 (stmt, 6, given->only_new);
  crm_statement_bind_int64 (stmt, 7, given->one_time);
  crm_statement_bind_text (stmt, 8, crm_automation_catch_up_to_string (given->catch_up));
  crm_statement_bind_int64 (stmt, 9, now (self));
  crm_statement_bind_int64 (stmt, 10, selection_changed && !given->one_time);

  return _crm_store_step_done (self, stmt, error) && _crm_automation_audit (self, given->id, "changed", updating->name, error);
}

/**
 * crm_automation_store_update:
 * @self: a #CrmAutomationStore
 * @automation: the automation as it should be: its @id, @name,
 *   @status_id or @view_id, @only_new, @one_time and @catch_up are
 *   saved; its @version, when not 0, must still be the current one
 * @error: return location for a #GError
 *
 * Saves an automation's settings. Another selection of an active
 * automation, or of one records entered, is a new version; the records
 * matching it enter (unless only new ones do), and those inside that no
 * longer match leave when their next step is due. How records enter
 * (only new, one-time) changes only while it is inactive.
 *
 * Returns: %TRUE on success; %CRM_ERROR_CHANGED when someone changed
 *   its version meanwhile
 */
gboolean
crm_automation_store_update (CrmAutomationStore   *self,
                             const CrmAutomation  *automation,
                             GError              **error)
{
  g_autofree char *stripped = NULL;
  Updating updating = { automation, NULL };

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), FALSE);
  g_return_val_if_fail (automation != NULL, FALSE);

  if (!(stripped = check_name (automation->name, error)))
    return FALSE;
  updating.name = stripped;
  if (!crm_session_run_in_transaction (_crm_session (self), update_tx, &updating, error))
    return FALSE;
  _crm_store_emit_changed (self, "automation", automation->id);

  return TRUE;
}

static gboolean
delete_tx (CrmSession  *session,
           gpointer     user_data,
           GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  gint64 id = *(gint64 *) user_data;
  g_autoptr(CrmAutomationState) state = _crm_automation_read_state (self, id, error);
  g_autoptr(CrmStatement) stmt = NULL;

  if (state == NULL)
    return FALSE;
  if (state->automation->active)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_CONFLICT, _("Deactivate the automation before deleting it."));
      return FALSE;
    }
  if (!(stmt = _crm_store_prepare (self, "DELETE FROM automations WHERE id = ?1", error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, id);

  return _crm_store_step_done (self, stmt, error) && _crm_automation_audit (self, id, "deleted", state->automation->name, error);
}

/**
 * crm_automation_store_delete:
 * @self: a #CrmAutomationStore
 * @id: an inactive automation
 * @error: return location for a #GError
 *
 * Deletes the automation with its steps and log; the mails it queued
 * and the tasks it made stay.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_automation_store_delete (CrmAutomationStore  *self,
                             gint64               id,
                             GError             **error)
{
  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), delete_tx, &id, error))
    return FALSE;
  _crm_store_emit_changed (self, "automation", id);

  return TRUE;
}

/**
 * crm_automation_store_list:
 * @self: a #CrmAutomationStore
 * @module: (nullable): only this module's, or all
 * @error: return location for a #GError
 *
 * The automations, active and inactive (AU1), by module then number;
 * without their steps.
 *
 * Returns: (transfer full) (element-type CrmAutomation): the
 *   automations, or %NULL with @error set
 */
GPtrArray *
crm_automation_store_list (CrmAutomationStore  *self,
                           const char          *module,
                           GError             **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_automation_free);
  int rc;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), NULL);

  if (module != NULL && !crm_automation_module_is_valid (module))
    {
      check_selection (self, module, 0, 0, FALSE, FALSE, error);
      return NULL;
    }
  if (!(stmt = _crm_store_prepare (self,
                                   AUTOMATION_COLUMNS AUTOMATION_COUNTS AUTOMATION_FROM
                                   "WHERE a.module = coalesce (CAST (?1 AS TEXT), a.module) ORDER BY a.module, a.id",
                                   error)))
    return NULL;
  if (module != NULL)
    crm_statement_bind_text (stmt, 1, module);
  else
    crm_statement_bind_null (stmt, 1);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmAutomationState *state = state_from_row (stmt, TRUE);

      g_ptr_array_add (list, g_steal_pointer (&state->automation));
      _crm_automation_state_free (state);
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

/**
 * crm_automation_store_get:
 * @self: a #CrmAutomationStore
 * @id: an automation
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the automation with its current version's
 *   steps, or %NULL with @error set
 */
CrmAutomation *
crm_automation_store_get (CrmAutomationStore  *self,
                          gint64               id,
                          GError             **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(CrmAutomationState) state = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, AUTOMATION_COLUMNS AUTOMATION_COUNTS AUTOMATION_FROM "WHERE a.id = ?1", error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return NULL;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no automation #%lld."), (long long) id);
      return NULL;
    }
  state = state_from_row (stmt, TRUE);
  g_clear_pointer (&stmt, crm_statement_release);
  if (!(state->automation->steps = _crm_automation_read_steps (self, id, state->automation->version, error)))
    return NULL;

  return g_steal_pointer (&state->automation);
}
