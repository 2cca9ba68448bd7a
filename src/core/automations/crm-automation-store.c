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
 * This file keeps the automations and their steps. A version of an
 * automation that records entered, or an active automation's, is never
 * changed: editing it makes the next version, its steps copied, and
 * entries keep the version they entered with (their runs point at that
 * version's steps). Activating enters the matching records in pages of
 * their own transactions (crm-automation-store-members.c: what is left
 * when the program stops, its scheduler finishes); deactivating leaves
 * every entry and skips every step still waiting.
 *
 * The scheduler's pass and the steps themselves are in
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
#define TITLE_MAX 200
#define SETTING_ZONE "time-zone"
#define SETTING_CAP "automation-daily-cap"

/* An automation's columns, then (with COUNTS) its entries inside and
 * its steps waiting. */
#define AUTOMATION_COLUMNS \
  "SELECT a.id, a.module, a.name, a.active, a.version, coalesce (a.status_id, 0), s.name, " \
  "coalesce (a.view_id, 0), a.only_new, a.one_time, a.catch_up, a.paused_reason, coalesce (a.activated_at, 0), " \
  "u.name, a.created_at, a.updated_at, a.since_seq, coalesce (a.pending_from, -1), a.frozen"
#define AUTOMATION_COUNTS \
  ", (SELECT count (*) FROM automation_entries e WHERE e.automation_id = a.id AND e.left_at IS NULL), " \
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

static gboolean
audit (CrmAutomationStore  *self,
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

static gboolean
check_user (CrmAutomationStore  *self,
            gint64               user_id,
            GError             **error)
{
  g_autoptr(CrmUser) user = crm_user_store_get (_crm_user_store_of (self), user_id, error);

  if (user == NULL)
    return FALSE;
  if (!crm_user_get_active (user))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: a user's name */
                   _("%s was deactivated: choose a user who works."), crm_user_get_name (user));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_step (CrmAutomationStore       *self,
            const char               *module,
            const CrmAutomationStep  *step,
            GError                  **error)
{
  if (step->kind > CRM_AUTOMATION_STEP_TASK)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Choose what the step does."));
      return FALSE;
    }
  if (step->kind == CRM_AUTOMATION_STEP_EMAIL_CONTACT && g_strcmp0 (module, "offers") == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("An offer has no client to write to: mail a user or give a user a task instead."));
      return FALSE;
    }
  if (step->delay_days > CRM_AUTOMATION_MAX_DELAY_DAYS)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("Give a delay of 0 to %d days."), CRM_AUTOMATION_MAX_DELAY_DAYS);
      return FALSE;
    }
  if (step->minute_of_day < -1 || step->minute_of_day >= 24 * 60)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Give a time of day from 00:00 to 23:59."));
      return FALSE;
    }
  if ((step->weekdays & CRM_WEEKDAYS_ALL) == 0 || (step->weekdays & ~CRM_WEEKDAYS_ALL) != 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Choose at least one day of the week."));
      return FALSE;
    }
  if (step->kind == CRM_AUTOMATION_STEP_TASK)
    {
      g_autofree char *title = g_strstrip (g_strdup (step->task_title != NULL ? step->task_title : ""));

      if (*title == '\0' || !g_utf8_validate (title, -1, NULL) || g_utf8_strlen (title, -1) > TITLE_MAX)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("Give the task a title (1 to %d characters)."), TITLE_MAX);
          return FALSE;
        }
    }
  else
    {
      gboolean found = FALSE;

      if (step->template_id <= 0)
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Choose the template of the step’s mail."));
          return FALSE;
        }
      if (!_crm_store_exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM templates WHERE id = ?1)", NULL, step->template_id, &found,
                              error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no template #%lld."),
                       (long long) step->template_id);
          return FALSE;
        }
    }
  if (step->recipient_user_id > 0 && step->kind != CRM_AUTOMATION_STEP_EMAIL_CONTACT &&
      !check_user (self, step->recipient_user_id, error))
    return FALSE;
  if (step->sender_user_id > 0 && step->kind != CRM_AUTOMATION_STEP_TASK && !check_user (self, step->sender_user_id, error))
    return FALSE;

  return TRUE;
}

/* The version whose steps an edit changes: the current one while it is
 * inactive and no record entered it; else the next, the current one's
 * steps copied into it (records inside keep theirs). */
static gboolean
editable_version (CrmAutomationStore  *self,
                  CrmAutomationState  *state,
                  gint64              *version,
                  GError             **error)
{
  g_autoptr(CrmStatement) copy = NULL;
  g_autoptr(CrmStatement) bump = NULL;
  gint64 next = state->automation->version + 1;

  if (!state->automation->active && state->frozen < state->automation->version)
    {
      *version = state->automation->version;
      return TRUE;
    }

  if (!(copy = _crm_store_prepare (self,
                                   "INSERT INTO automation_steps (automation_id, version, position, kind, delay_days, "
                                   "minute_of_day, weekdays, template_id, task_title, recipient_user_id, sender, "
                                   "sender_user_id) SELECT automation_id, CAST (?3 AS BIGINT), position, kind, delay_days, "
                                   "minute_of_day, weekdays, template_id, task_title, recipient_user_id, sender, "
                                   "sender_user_id FROM automation_steps WHERE automation_id = ?1 AND version = ?2",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (copy, 1, state->automation->id);
  crm_statement_bind_int64 (copy, 2, state->automation->version);
  crm_statement_bind_int64 (copy, 3, next);
  if (!_crm_store_step_done (self, copy, error))
    return FALSE;
  if (!(bump = _crm_store_prepare (self, "UPDATE automations SET version = ?2 WHERE id = ?1", error)))
    return FALSE;
  crm_statement_bind_int64 (bump, 1, state->automation->id);
  crm_statement_bind_int64 (bump, 2, next);
  if (!_crm_store_step_done (self, bump, error))
    return FALSE;
  state->automation->version = next;
  *version = next;

  return TRUE;
}

static gboolean
touch_updated (CrmAutomationStore  *self,
               gint64               id,
               GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "UPDATE automations SET updated_at = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, id);
  crm_statement_bind_int64 (stmt, 2, now (self));

  return _crm_store_step_done (self, stmt, error);
}

static void
bind_step (CrmStatement             *stmt,
           int                       first,
           const CrmAutomationStep  *step)
{
  crm_statement_bind_text (stmt, first, crm_automation_step_kind_to_string (step->kind));
  crm_statement_bind_int64 (stmt, first + 1, step->delay_days);
  if (step->minute_of_day >= 0)
    crm_statement_bind_int64 (stmt, first + 2, step->minute_of_day);
  else
    crm_statement_bind_null (stmt, first + 2);
  crm_statement_bind_int64 (stmt, first + 3, step->weekdays);
  if (step->kind != CRM_AUTOMATION_STEP_TASK)
    crm_statement_bind_int64 (stmt, first + 4, step->template_id);
  else
    crm_statement_bind_null (stmt, first + 4);
  if (step->kind == CRM_AUTOMATION_STEP_TASK)
    {
      g_autofree char *title = g_strstrip (g_strdup (step->task_title));

      crm_statement_bind_text_copy (stmt, first + 5, title);
    }
  else
    crm_statement_bind_null (stmt, first + 5);
  if (step->recipient_user_id > 0 && step->kind != CRM_AUTOMATION_STEP_EMAIL_CONTACT)
    crm_statement_bind_int64 (stmt, first + 6, step->recipient_user_id);
  else
    crm_statement_bind_null (stmt, first + 6);
  crm_statement_bind_text (stmt, first + 7, step->sender_user_id > 0 ? "user" : "owner");
  if (step->sender_user_id > 0)
    crm_statement_bind_int64 (stmt, first + 8, step->sender_user_id);
  else
    crm_statement_bind_null (stmt, first + 8);
}

/* Positions 1… in the order of @ids, through negative ones: the
 * positions are unique within a version at every moment. */
static gboolean
renumber (CrmAutomationStore  *self,
          GArray              *ids,
          GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "UPDATE automation_steps SET position = ?2 WHERE id = ?1",
                                                     error);

  if (stmt == NULL)
    return FALSE;
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < ids->len; i++)
      {
        crm_statement_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
        crm_statement_bind_int64 (stmt, 2, pass == 0 ? -(gint64) (i + 1) : (gint64) (i + 1));
        if (!_crm_store_step_done (self, stmt, error))
          return FALSE;
      }

  return TRUE;
}

static GArray *
step_ids (CrmAutomationStore  *self,
          gint64               automation_id,
          gint64               version,
          GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                     "SELECT id FROM automation_steps WHERE automation_id = ?1 "
                                                     "AND version = ?2 ORDER BY position",
                                                     error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, automation_id);
  crm_statement_bind_int64 (stmt, 2, version);
  if (!_crm_store_step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/* The settings of the office */

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
 * crm_automation_store_dup_time_zone:
 * @self: a #CrmAutomationStore
 *
 * The office's time zone (an office setting, "time-zone"): "at 09:00"
 * in a step means 09:00 there.
 *
 * Returns: (transfer full): its name, %CRM_AUTOMATION_DEFAULT_TIME_ZONE
 *   when none was set
 */
char *
crm_automation_store_dup_time_zone (CrmAutomationStore *self)
{
  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), NULL);

  return crm_session_get_setting (_crm_session (self), SETTING_ZONE, CRM_AUTOMATION_DEFAULT_TIME_ZONE);
}

/**
 * crm_automation_store_get_zone:
 * @self: a #CrmAutomationStore
 *
 * Returns: (transfer full): the office's time zone; the default one
 *   when this computer does not know the one set
 */
GTimeZone *
crm_automation_store_get_zone (CrmAutomationStore *self)
{
  g_autofree char *name = crm_automation_store_dup_time_zone (self);
  GTimeZone *zone = crm_schedule_zone_new (name, NULL);

  if (zone == NULL)
    {
      g_debug ("the office's time zone “%s” is not known here", name);
      zone = crm_schedule_zone_new (CRM_AUTOMATION_DEFAULT_TIME_ZONE, NULL);
    }

  return zone != NULL ? zone : g_time_zone_new_utc ();
}

/**
 * crm_automation_store_set_time_zone:
 * @self: a #CrmAutomationStore
 * @identifier: a time zone's name, "Europe/Warsaw"
 * @error: return location for a #GError
 *
 * An office setting (administrators, on the team's server). Steps
 * already waiting keep the times they were given.
 *
 * Returns: %TRUE on success; %CRM_ERROR_INVALID for a zone this
 *   computer does not know
 */
gboolean
crm_automation_store_set_time_zone (CrmAutomationStore  *self,
                                    const char          *identifier,
                                    GError             **error)
{
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), FALSE);

  if (identifier == NULL || *identifier == '\0' || !(zone = crm_schedule_zone_new (identifier, error)))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Give a time zone, as Europe/Warsaw."));
      return FALSE;
    }

  return crm_session_set_setting (_crm_session (self), SETTING_ZONE, identifier, error);
}

/**
 * crm_automation_store_get_daily_cap:
 * @self: a #CrmAutomationStore
 *
 * Returns: the most automated mails one recipient gets in one local
 *   day (an office setting, "automation-daily-cap"; 1 by default); a
 *   step over it is skipped, and its log says why
 */
guint
crm_automation_store_get_daily_cap (CrmAutomationStore *self)
{
  g_autofree char *text = NULL;
  guint64 cap;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), CRM_AUTOMATION_DEFAULT_DAILY_CAP);

  text = crm_session_get_setting (_crm_session (self), SETTING_CAP, NULL);
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, CRM_AUTOMATION_MAX_DAILY_CAP, &cap, NULL))
    return CRM_AUTOMATION_DEFAULT_DAILY_CAP;

  return (guint) cap;
}

/**
 * crm_automation_store_set_daily_cap:
 * @self: a #CrmAutomationStore
 * @cap: 1 to %CRM_AUTOMATION_MAX_DAILY_CAP
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_automation_store_set_daily_cap (CrmAutomationStore  *self,
                                    guint                cap,
                                    GError             **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), FALSE);

  if (cap < 1 || cap > CRM_AUTOMATION_MAX_DAILY_CAP)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   _("Allow 1 to %d automated mails a day to one recipient."), CRM_AUTOMATION_MAX_DAILY_CAP);
      return FALSE;
    }
  text = g_strdup_printf ("%u", cap);

  return crm_session_set_setting (_crm_session (self), SETTING_CAP, text, error);
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

  return audit (self, adding->id, "created", adding->name, error);
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
  if (selection_changed && !editable_version (self, state, &version, error))
    return FALSE;

  if (!(stmt = _crm_store_prepare (self,
                                   "UPDATE automations SET name = ?2, selector = ?3, status_id = ?4, view_id = ?5, "
                                   "only_new = ?6, one_time = ?7, catch_up = ?8, updated_at = ?9, "
                                   /* a new selection of an active automation: its records enter */
                                   "pending_from = CASE WHEN ?10 = 1 AND active = 1 AND only_new = 0 THEN 0 "
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

  return _crm_store_step_done (self, stmt, error) && audit (self, given->id, "changed", updating->name, error);
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

  return _crm_store_step_done (self, stmt, error) && audit (self, id, "deleted", state->automation->name, error);
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
                                   "WHERE ?1 IS NULL OR a.module = ?1 ORDER BY a.module, a.id",
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

/* Steps */

typedef struct
{
  gint64                   automation_id;
  gint64                   step_id;
  const CrmAutomationStep *step;
  guint                    position;
  gint64                   id;   /* out: the step's id, in the version edited */
} StepEdit;

/* The step @edit->step_id of the automation's current version, its
 * automation read; the version to edit made (and the step's id in it). */
static CrmAutomationState *
read_step_for_edit (CrmAutomationStore  *self,
                    StepEdit            *edit,
                    guint               *position,
                    GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                     "SELECT automation_id, version, position FROM automation_steps "
                                                     "WHERE id = ?1",
                                                     error);
  g_autoptr(CrmAutomationState) state = NULL;
  g_autoptr(CrmStatement) find = NULL;
  gboolean row = FALSE;
  gint64 version, step_version;

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, edit->step_id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return NULL;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no step #%lld."), (long long) edit->step_id);
      return NULL;
    }
  edit->automation_id = crm_statement_get_int64 (stmt, 0);
  step_version = crm_statement_get_int64 (stmt, 1);
  *position = (guint) crm_statement_get_int64 (stmt, 2);
  g_clear_pointer (&stmt, crm_statement_release);

  if (!(state = _crm_automation_read_state (self, edit->automation_id, error)))
    return NULL;
  if (step_version != state->automation->version)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_CHANGED,
                           _("The step belongs to an earlier version of the automation: look at it again."));
      return NULL;
    }
  if (!editable_version (self, state, &version, error))
    return NULL;
  if (!(find = _crm_store_prepare (self,
                                   "SELECT id FROM automation_steps WHERE automation_id = ?1 AND version = ?2 "
                                   "AND position = ?3",
                                   error)))
    return NULL;
  crm_statement_bind_int64 (find, 1, edit->automation_id);
  crm_statement_bind_int64 (find, 2, version);
  crm_statement_bind_int64 (find, 3, *position);
  if (!_crm_store_step_row (self, find, &row, error))
    return NULL;
  g_assert (row);
  edit->id = crm_statement_get_int64 (find, 0);

  return g_steal_pointer (&state);
}

static gboolean
add_step_tx (CrmSession  *session,
             gpointer     user_data,
             GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  StepEdit *edit = user_data;
  g_autoptr(CrmAutomationState) state = _crm_automation_read_state (self, edit->automation_id, error);
  g_autoptr(CrmStatement) stmt = NULL;
  gint64 version;

  if (state == NULL || !check_step (self, state->automation->module, edit->step, error))
    return FALSE;
  if (state->automation->steps->len >= CRM_AUTOMATION_MAX_STEPS)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("An automation has at most %d steps."),
                   CRM_AUTOMATION_MAX_STEPS);
      return FALSE;
    }
  if (!editable_version (self, state, &version, error))
    return FALSE;
  if (!(stmt = _crm_store_prepare (self,
                                   "INSERT INTO automation_steps (automation_id, version, position, kind, delay_days, "
                                   "minute_of_day, weekdays, template_id, task_title, recipient_user_id, sender, "
                                   "sender_user_id) VALUES (?1, ?2, (SELECT coalesce (max (position), 0) + 1 FROM "
                                   "automation_steps WHERE automation_id = ?1 AND version = ?2), ?3, ?4, ?5, ?6, ?7, ?8, "
                                   "?9, ?10, ?11) RETURNING id",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, edit->automation_id);
  crm_statement_bind_int64 (stmt, 2, version);
  bind_step (stmt, 3, edit->step);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  edit->id = crm_statement_get_int64 (stmt, 0);
  g_clear_pointer (&stmt, crm_statement_release);

  return touch_updated (self, edit->automation_id, error) &&
         audit (self, edit->automation_id, "step-added", crm_automation_step_kind_to_string (edit->step->kind), error);
}

/**
 * crm_automation_store_add_step:
 * @self: a #CrmAutomationStore
 * @automation_id: the automation
 * @step: the step: its @kind, @delay_days, @minute_of_day, @weekdays,
 *   @template_id (mails) or @task_title (tasks), @recipient_user_id and
 *   @sender_user_id are saved
 * @error: return location for a #GError
 *
 * Appends a step (AU5, AU6, AU7): to the automation's current version,
 * or to a new one when the current one is active or records entered it.
 *
 * Returns: the new step's id, or 0 with @error set
 */
gint64
crm_automation_store_add_step (CrmAutomationStore       *self,
                               gint64                    automation_id,
                               const CrmAutomationStep  *step,
                               GError                  **error)
{
  StepEdit edit = { automation_id, 0, step, 0, 0 };

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), 0);
  g_return_val_if_fail (step != NULL, 0);

  if (!crm_session_run_in_transaction (_crm_session (self), add_step_tx, &edit, error))
    return 0;
  _crm_store_emit_changed (self, "automation", automation_id);

  return edit.id;
}

static gboolean
update_step_tx (CrmSession  *session,
                gpointer     user_data,
                GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  StepEdit *edit = user_data;
  g_autoptr(CrmAutomationState) state = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  guint position;

  if (!(state = read_step_for_edit (self, edit, &position, error)) ||
      !check_step (self, state->automation->module, edit->step, error))
    return FALSE;
  if (!(stmt = _crm_store_prepare (self,
                                   "UPDATE automation_steps SET kind = ?2, delay_days = ?3, minute_of_day = ?4, "
                                   "weekdays = ?5, template_id = ?6, task_title = ?7, recipient_user_id = ?8, "
                                   "sender = ?9, sender_user_id = ?10 WHERE id = ?1",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, edit->id);
  bind_step (stmt, 2, edit->step);

  return _crm_store_step_done (self, stmt, error) && touch_updated (self, edit->automation_id, error) &&
         audit (self, edit->automation_id, "step-changed", crm_automation_step_kind_to_string (edit->step->kind), error);
}

/**
 * crm_automation_store_update_step:
 * @self: a #CrmAutomationStore
 * @step_id: a step of the automation's current version
 * @step: the step as it should be (as crm_automation_store_add_step ()
 *   takes it)
 * @error: return location for a #GError
 *
 * Changes a step; in a new version of the automation when the current
 * one is active or records entered it (then the step's id changes).
 *
 * Returns: the step's id from now on, or 0 with @error set
 *   (%CRM_ERROR_CHANGED when @step_id is not of the current version)
 */
gint64
crm_automation_store_update_step (CrmAutomationStore       *self,
                                  gint64                    step_id,
                                  const CrmAutomationStep  *step,
                                  GError                  **error)
{
  StepEdit edit = { 0, step_id, step, 0, 0 };

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), 0);
  g_return_val_if_fail (step != NULL, 0);

  if (!crm_session_run_in_transaction (_crm_session (self), update_step_tx, &edit, error))
    return 0;
  _crm_store_emit_changed (self, "automation", edit.automation_id);

  return edit.id;
}

/* Removes or moves the step, the others renumbered. */
static gboolean
reorder_tx (CrmSession  *session,
            gpointer     user_data,
            GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  StepEdit *edit = user_data;
  g_autoptr(CrmAutomationState) state = NULL;
  g_autoptr(GArray) ids = NULL;
  guint position, index = 0;

  if (!(state = read_step_for_edit (self, edit, &position, error)) ||
      !(ids = step_ids (self, edit->automation_id, state->automation->version, error)))
    return FALSE;
  for (index = 0; index < ids->len && g_array_index (ids, gint64, index) != edit->id; index++)
    ;
  g_assert (index < ids->len);
  g_array_remove_index (ids, index);

  if (edit->position == 0)
    {
      g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "DELETE FROM automation_steps WHERE id = ?1", error);

      if (stmt == NULL)
        return FALSE;
      crm_statement_bind_int64 (stmt, 1, edit->id);
      if (!_crm_store_step_done (self, stmt, error))
        return FALSE;
    }
  else
    {
      if (edit->position > ids->len + 1)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: how many steps the automation has */
                       _("Give a place from 1 to %u."), ids->len + 1);
          return FALSE;
        }
      g_array_insert_val (ids, edit->position - 1, edit->id);
    }

  return renumber (self, ids, error) && touch_updated (self, edit->automation_id, error) &&
         audit (self, edit->automation_id, edit->position == 0 ? "step-removed" : "step-moved", NULL, error);
}

/**
 * crm_automation_store_remove_step:
 * @self: a #CrmAutomationStore
 * @step_id: a step of the automation's current version
 * @error: return location for a #GError
 *
 * Removes a step (in a new version when the current one is active or
 * records entered it); the steps after it move up.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_automation_store_remove_step (CrmAutomationStore  *self,
                                  gint64               step_id,
                                  GError             **error)
{
  StepEdit edit = { 0, step_id, NULL, 0, 0 };

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), reorder_tx, &edit, error))
    return FALSE;
  _crm_store_emit_changed (self, "automation", edit.automation_id);

  return TRUE;
}

/**
 * crm_automation_store_move_step:
 * @self: a #CrmAutomationStore
 * @step_id: a step of the automation's current version
 * @position: its new place, from 1 (AU7: dragged, or moved with the
 *   keyboard)
 * @error: return location for a #GError
 *
 * Moves a step (in a new version when the current one is active or
 * records entered it); the others keep their order.
 *
 * Returns: the step's id from now on, or 0 with @error set
 */
gint64
crm_automation_store_move_step (CrmAutomationStore  *self,
                                gint64               step_id,
                                guint                position,
                                GError             **error)
{
  StepEdit edit = { 0, step_id, NULL, position, 0 };

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), 0);

  if (position == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Places are counted from 1."));
      return 0;
    }
  if (!crm_session_run_in_transaction (_crm_session (self), reorder_tx, &edit, error))
    return 0;
  _crm_store_emit_changed (self, "automation", edit.automation_id);

  return edit.id;
}

/* Activating and deactivating */

static gboolean
activate_tx (CrmSession  *session,
             gpointer     user_data,
             GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  gint64 id = *(gint64 *) user_data;
  g_autoptr(CrmAutomationState) state = _crm_automation_read_state (self, id, error);
  g_autoptr(CrmStatement) stmt = NULL;
  CrmAutomation *automation;

  if (state == NULL)
    return FALSE;
  automation = state->automation;
  if (automation->active && !state->paused)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   /* Translators: an automation's name */
                   _("The automation “%s” is active already."), automation->name);
      return FALSE;
    }
  /* paused after failures: it goes on, its records inside */
  if (automation->active)
    {
      if (!(stmt = _crm_store_prepare (self,
                                       "UPDATE automations SET paused_reason = NULL, failures = 0, updated_at = ?2 "
                                       "WHERE id = ?1",
                                       error)))
        return FALSE;
      crm_statement_bind_int64 (stmt, 1, id);
      crm_statement_bind_int64 (stmt, 2, now (self));
      return _crm_store_step_done (self, stmt, error) && audit (self, id, "resumed", automation->name, error);
    }

  if (automation->steps->len == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Add a step to the automation before activating it."));
      return FALSE;
    }
  for (guint i = 0; i < automation->steps->len; i++)
    {
      g_autoptr(GError) step_error = NULL;

      if (!check_step (self, automation->module, g_ptr_array_index (automation->steps, i), &step_error))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: a step's place in the automation, then what is wrong with it */
                       _("Step %u: %s"), i + 1, step_error->message);
          return FALSE;
        }
    }
  if (automation->view_id > 0 && !_crm_automation_view_exists (self, automation->module, automation->view_id, error))
    return FALSE;

  /* the records matching now enter in pages of their own (all of them,
   * or none when only new ones do); the journal is followed from here */
  if (!(stmt = _crm_store_prepare (self,
                                   "UPDATE automations SET active = 1, activated_at = ?2, updated_at = ?2, "
                                   "since_seq = coalesce ((SELECT max (seq) FROM changes), 0), paused_reason = NULL, "
                                   "failures = 0, pending_from = CASE WHEN only_new = 1 THEN NULL ELSE 0 END "
                                   "WHERE id = ?1",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, id);
  crm_statement_bind_int64 (stmt, 2, now (self));
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, crm_statement_release);

  /* the journal is kept from here until the scheduler has read it */
  if (!automation->one_time &&
      !((stmt = _crm_store_prepare (self,
                                    "INSERT INTO change_cursors (name, seq) SELECT 'automations', "
                                    "coalesce (max (seq), 0) FROM changes WHERE true ON CONFLICT (name) DO NOTHING",
                                    error)) &&
        _crm_store_step_done (self, stmt, error)))
    return FALSE;

  return audit (self, id, "activated", automation->name, error);
}

/**
 * crm_automation_store_activate:
 * @self: a #CrmAutomationStore
 * @id: an automation
 * @error: return location for a #GError
 *
 * Activates an automation (AU8), or lets a paused one go on. Unless
 * only new records enter it, the records matching now enter, each with
 * all its steps waiting, in pages of their own transactions: with many
 * records this takes a while (call it on a writer,
 * crm_session_write_async ()); if the program stops meanwhile, its
 * scheduler enters the rest.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_automation_store_activate (CrmAutomationStore  *self,
                               gint64               id,
                               GError             **error)
{
  guint entered = 0;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), activate_tx, &id, error))
    return FALSE;
  _crm_store_emit_changed (self, "automation", id);

  return _crm_automation_enter_pending (self, &entered, NULL, error);
}

static gboolean
deactivate_tx (CrmSession  *session,
               gpointer     user_data,
               GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  gint64 id = *(gint64 *) user_data;
  g_autoptr(CrmAutomationState) state = _crm_automation_read_state (self, id, error);
  g_autoptr(CrmStatement) runs = NULL;
  g_autoptr(CrmStatement) entries = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  const char *reason = _("The automation was deactivated.");

  if (state == NULL)
    return FALSE;
  if (!state->automation->active)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   /* Translators: an automation's name */
                   _("The automation “%s” is not active."), state->automation->name);
      return FALSE;
    }
  if (!(runs = _crm_store_prepare (self,
                                   "UPDATE automation_runs SET state = 'skipped', done_at = ?2, reason = ?3 "
                                   "WHERE automation_id = ?1 AND state = 'waiting'",
                                   error)) ||
      !(entries = _crm_store_prepare (self,
                                      "UPDATE automation_entries SET left_at = ?2, left_reason = ?3 "
                                      "WHERE automation_id = ?1 AND left_at IS NULL",
                                      error)) ||
      !(stmt = _crm_store_prepare (self,
                                   "UPDATE automations SET active = 0, pending_from = NULL, paused_reason = NULL, "
                                   "failures = 0, updated_at = ?2 WHERE id = ?1",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (runs, 1, id);
  crm_statement_bind_int64 (runs, 2, now (self));
  crm_statement_bind_text (runs, 3, reason);
  crm_statement_bind_int64 (entries, 1, id);
  crm_statement_bind_int64 (entries, 2, now (self));
  crm_statement_bind_text (entries, 3, reason);
  crm_statement_bind_int64 (stmt, 1, id);
  crm_statement_bind_int64 (stmt, 2, now (self));

  return _crm_store_step_done (self, runs, error) && _crm_store_step_done (self, entries, error) &&
         _crm_store_step_done (self, stmt, error) && audit (self, id, "deactivated", state->automation->name, error);
}

/**
 * crm_automation_store_deactivate:
 * @self: a #CrmAutomationStore
 * @id: an active automation
 * @error: return location for a #GError
 *
 * Deactivates an automation (AU8): every record inside leaves it, and
 * its steps still waiting are skipped, the log saying why. Activating
 * it again starts afresh.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_automation_store_deactivate (CrmAutomationStore  *self,
                                 gint64               id,
                                 GError             **error)
{
  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), deactivate_tx, &id, error))
    return FALSE;
  _crm_store_emit_changed (self, "automation", id);

  return TRUE;
}
