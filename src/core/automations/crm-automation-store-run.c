/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-automations"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-automation-store-private.h"
#include "crm-error.h"
#include "crm-normalize.h"
#include "crm-outbox.h"
#include "crm-task-store.h"
#include "crm-template-expand.h"

/* The scheduler's pass: records entering and leaving, then every step
 * due (ARCHITECTURE.md, "Time": due times live in the database, one
 * timer wakes the scheduler at the next one).
 *
 * Exactly once. A step is done by one conditional update of its run
 * from 'waiting' to 'done' in the same transaction as its outbox row
 * (owner "automation") or its task: an update that finds it no longer
 * waiting means another engine, or another pass, did it, and nothing is
 * written. A stop or a kill between leaves the transaction unwritten:
 * the step is still waiting, and the next pass does it.
 *
 * Steps are done in batches of one transaction, each step in a
 * savepoint of its own: a step that cannot be done (its template
 * deleted, no mail account) is recorded as failed with why, and the
 * others go on.
 *
 * Catch-up: a step found due later than a scheduler's tick
 * (%CRM_SCHEDULE_GRACE_SECONDS) fell due while the application was
 * closed; the automation's policy says whether it runs now ("late"),
 * moves to its next allowed time ("next") or is skipped ("skip"), and
 * its reason says so (its caught_up flag is set for the window).
 *
 * Re-checked at run time: the record must still exist, not be merged,
 * match the automation's selection and, for a mail to the client, have
 * an address; else the step and the entry's later steps are skipped
 * with the reason and the record leaves (coming back, it is a new
 * entry). A ticket whose client's last mail was automatic (an
 * out-of-office notice, a bounce, list mail) gets no mail to the
 * client: the step alone is skipped.
 *
 * The daily cap: at most N automated mails (an office setting, 1 by
 * default) to one address per local day, counted over every
 * automation's steps done that day. A step over it is skipped with the
 * reason, not moved to the next day: a step moved from day to day
 * would pile up with the next day's own, and what it says may be out of
 * date by then.
 *
 * The mail: From the office's account (the ticket's, for tickets) with
 * the sender's name (the record's responsible user, or the colleague
 * chosen), Reply-To the sender's own address, Auto-Submitted:
 * auto-generated (RFC 3834); the template filled for the record. A
 * ticket's mail to its client has the ticket's subject with its [#N]
 * token (answers come back to the ticket); other mails the template's
 * name.
 *
 * Pause: the outbox tells this file's hook what became of each mail;
 * %CRM_AUTOMATION_PAUSE_FAILURES failing in a row pause the automation
 * with the reason (the server's words), until it is activated again. */

#define BATCH 200

/* A task made by a step (FD5), linked back to it (tasks.automation_run_id). */
static gint64
add_task (CrmAutomationStore  *self,
          gint64               user_id,
          const char          *title,
          gint64               due,
          const char          *module,
          gint64               record_id,
          gint64               run_id,
          GError             **error)
{
  /* requests are tickets */
  const char *record_module = g_str_equal (module, "requests") ? "tickets" : module;

  return crm_task_store_add_full (crm_task_store_from_session (_crm_session (self)), user_id, title, due,
                                  record_module, record_id, run_id, error);
}

/* Who a step goes to */

gboolean
_crm_automation_resolve (CrmAutomationStore         *self,
                         const CrmAutomation        *automation,
                         const CrmAutomationStep    *step,
                         const CrmAutomationRecord  *record,
                         CrmAutomationTarget        *target,
                         GError                    **error)
{
  g_autoptr(CrmUser) user = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 user_id;

  memset (target, 0, sizeof *target);

  if (step->kind == CRM_AUTOMATION_STEP_EMAIL_CONTACT)
    {
      if (record->client_address == NULL || *record->client_address == '\0')
        {
          target->skip_reason = g_strdup (_("The record has no client address to write to."));
          target->leave = TRUE;
          return TRUE;
        }
      if (!(target->address = crm_normalize_email (record->client_address, NULL)))
        {
          /* Translators: an e-mail address */
          target->skip_reason = g_strdup_printf (_("The client’s address “%s” is not valid."), record->client_address);
          target->leave = TRUE;
          return TRUE;
        }
      target->label = g_strdup (target->address);
      if (record->automatic)
        target->skip_reason = g_strdup (_("The client’s last mail was automatic: automated mail never answers it."));
      return TRUE;
    }

  user_id = step->recipient_user_id > 0 ? step->recipient_user_id : record->owner_id;
  if (user_id == 0)
    {
      target->skip_reason = g_strdup (_("The record has no responsible user."));
      return TRUE;
    }
  if (!(user = crm_user_store_get (_crm_user_store_of (self), user_id, &local_error)))
    {
      if (!g_error_matches (local_error, CRM_ERROR, CRM_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      target->skip_reason = g_strdup (_("The user the step is for was removed."));
      return TRUE;
    }
  if (!crm_user_get_active (user))
    {
      /* Translators: a user's name */
      target->skip_reason = g_strdup_printf (_("%s was deactivated."), crm_user_get_name (user));
      return TRUE;
    }
  target->user_id = user_id;
  target->user_name = g_strdup (crm_user_get_name (user));
  target->address = crm_normalize_email (crm_user_get_email (user), NULL);
  if (target->address == NULL)
    target->address = g_strdup (crm_user_get_email (user));
  target->label = g_strdup (step->kind == CRM_AUTOMATION_STEP_TASK ? target->user_name : target->address);

  return TRUE;
}

/* The local day of @when: its first instant, and the next day's. */
static void
local_day (GTimeZone *zone,
           gint64     when,
           gint64    *start,
           gint64    *end)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  g_autoptr(GDateTime) midnight = g_date_time_new (zone, g_date_time_get_year (local), g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);
  g_autoptr(GDateTime) next_midnight = g_date_time_new (zone, g_date_time_get_year (next), g_date_time_get_month (next),
                                                        g_date_time_get_day_of_month (next), 0, 0, 0);

  *start = g_date_time_to_unix (midnight);
  *end = g_date_time_to_unix (next_midnight);
}

/* Whether @address had its day's automated mails on @when's local day
 * (with @planned: address and day → mails a simulation plans). */
gboolean
_crm_automation_cap_reached (CrmAutomationStore  *self,
                             const char          *address,
                             gint64               when,
                             GTimeZone           *zone,
                             GHashTable          *planned,
                             char               **reason,
                             GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                     "SELECT count (*) FROM automation_runs WHERE recipient = ?1 "
                                                     "AND outbox_id IS NOT NULL AND state IN ('done', 'failed') "
                                                     "AND done_at >= ?2 AND done_at < ?3",
                                                     error);
  guint cap = crm_automation_store_get_daily_cap (self);
  gint64 start, end, count;

  *reason = NULL;
  if (stmt == NULL)
    return FALSE;
  local_day (zone, when, &start, &end);
  crm_statement_bind_text (stmt, 1, address);
  crm_statement_bind_int64 (stmt, 2, start);
  crm_statement_bind_int64 (stmt, 3, end);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  count = crm_statement_get_int64 (stmt, 0);
  if (planned != NULL)
    {
      g_autofree char *key = g_strdup_printf ("%s %" G_GINT64_FORMAT, address, start);

      count += GPOINTER_TO_UINT (g_hash_table_lookup (planned, key));
    }
  if (count >= cap)
    *reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: an address, then the office's daily cap */
                                            "%s had an automated mail that day already: at most %u a day.",
                                            "%s had %u automated mails that day already: at most that many a day.",
                                            cap),
                               address, cap);

  return TRUE;
}

/* Templates */

/* A template's placeholders for a record that is not a ticket: the
 * client's name, its first word, the sender's name. */
static char *
expand_for_client (const char *text,
                   const char *client_name,
                   const char *agent_name)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *first_name = client_name ? g_strndup (client_name, strcspn (client_name, " @")) : NULL;

  for (const char *p = text; *p; )
    {
      const char *close = *p == '{' ? strchr (p, '}') : NULL;
      g_autofree char *name = close ? g_strndup (p + 1, close - p - 1) : NULL;
      const char *value = NULL;

      if (name != NULL && g_strv_contains (crm_template_placeholders (), name))
        {
          if (g_str_equal (name, "client_name"))
            value = client_name;
          else if (g_str_equal (name, "client_first_name"))
            value = first_name;
          else if (g_str_equal (name, "agent_name"))
            value = agent_name;
          g_string_append (out, value ? value : "");
          p = close + 1;
          continue;
        }
      g_string_append_c (out, *p);
      p++;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
expand (CrmAutomationStore         *self,
        const CrmAutomation        *automation,
        gint64                      record_id,
        const CrmAutomationRecord  *record,
        const char                 *text,
        CrmUser                    *sender,
        GError                    **error)
{
  g_autoptr(CrmTicket) ticket = NULL;

  if (!g_str_equal (_crm_automation_entity (automation->module), "ticket"))
    return expand_for_client (text, record->client_name, sender != NULL ? crm_user_get_name (sender) : NULL);
  if (!(ticket = crm_ticket_store_get (_crm_ticket_store_of (self), record_id, 0, error)))
    return NULL;

  return crm_template_expand (text, ticket, sender);
}

/* The mail of a step, queued in the outbox: its row's id, or 0 with
 * @error set (a CRM_ERROR: the step cannot be done). */
static gint64
queue_mail (CrmAutomationStore         *self,
            const CrmAutomation        *automation,
            const CrmAutomationStep    *step,
            gint64                      record_id,
            const CrmAutomationRecord  *record,
            const CrmAutomationTarget  *target,
            gint64                      now,
            GError                    **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(CrmUser) sender = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmOutgoingMessage) out = NULL;
  g_autofree char *template_name = NULL;
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *subject = NULL;
  gboolean ticket = g_str_equal (_crm_automation_entity (automation->module), "ticket");
  gint64 sender_id = step->sender_user_id > 0 ? step->sender_user_id : record->owner_id;
  gint64 account_id = 0;
  gboolean row = FALSE;

  if (!(stmt = _crm_store_prepare (self, "SELECT name, body FROM templates WHERE id = ?1", error)))
    return 0;
  crm_statement_bind_int64 (stmt, 1, step->template_id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return 0;
  if (!row)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("The step’s template was deleted."));
      return 0;
    }
  template_name = g_strdup (crm_statement_get_text (stmt, 0));
  body = g_strdup (crm_statement_get_text (stmt, 1));
  g_clear_pointer (&stmt, crm_statement_release);

  if (sender_id > 0)
    {
      g_autoptr(GError) local_error = NULL;

      /* a sender removed since: the office's account alone */
      if (!(sender = crm_user_store_get (_crm_user_store_of (self), sender_id, &local_error)) &&
          !g_error_matches (local_error, CRM_ERROR, CRM_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return 0;
        }
    }

  if (ticket)
    account_id = _crm_tickets_sending_account (_crm_ticket_store_of (self), record_id, error);
  else
    {
      if (!(stmt = _crm_store_prepare (self, "SELECT coalesce (min (id), 0) FROM accounts WHERE removed_at IS NULL",
                                       error)) ||
          !_crm_store_step_row (self, stmt, &row, error))
        return 0;
      account_id = crm_statement_get_int64 (stmt, 0);
      g_clear_pointer (&stmt, crm_statement_release);
      if (account_id == 0)
        g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                             _("There is no mail account to send from: add one in Preferences."));
    }
  if (account_id == 0 || !(account = crm_account_store_get (_crm_account_store_of (self), account_id, error)))
    return 0;

  if (!(text = expand (self, automation, record_id, record, body, sender, error)))
    return 0;
  if (ticket && step->kind == CRM_AUTOMATION_STEP_EMAIL_CONTACT)
    subject = _crm_tickets_subject_token (record->subject) == record_id
              ? g_strdup (record->subject)
              : g_strdup_printf ("%s%s [#%" G_GINT64_FORMAT "]", record->has_mail ? "Re: " : "", record->subject,
                                 record_id);
  else
    subject = expand (self, automation, record_id, record, template_name, sender, error);
  if (subject == NULL)
    return 0;

  out = crm_outgoing_message_new (sender != NULL ? crm_user_get_name (sender) : crm_account_get_display_name (account),
                                  crm_account_get_address (account));
  crm_outgoing_message_add_to (out, target->address);
  if (sender != NULL)
    crm_outgoing_message_set_reply_to (out, crm_user_get_email (sender));
  crm_outgoing_message_set_auto_submitted (out, "auto-generated");
  crm_outgoing_message_set_subject (out, subject);
  crm_outgoing_message_set_body (out, text);

  return crm_outbox_queue (crm_outbox_from_session (_crm_session (self)), "automation", account_id, out, now, error);
}

/* Doing steps */

typedef struct
{
  CrmAutomationPass *pass;
  GTimeZone         *zone;
  gint64             now;
  guint              count;         /* out: the runs the batch found due */
  GHashTable        *automations;   /* id → CrmAutomationState */
  GHashTable        *steps;         /* step id → CrmAutomationStep, of any version */
  GHashTable        *touched;       /* automation ids whose log changed */
  gint64             due_at;        /* the last due time formatted … */
  char              *due_text;      /* … and how */
  GHashTable        *skipped;       /* reason → GArray of run ids, caught up and skipped */
  GHashTable        *moved;         /* "TIME reason" → Moved: caught up and moved */
} Batch;

/* Runs caught up and moved to one time, for one reason. */
typedef struct
{
  gint64  run_at;
  char   *reason;
  GArray *ids;
} Moved;

static void
moved_free (gpointer data)
{
  Moved *moved = data;

  g_free (moved->reason);
  g_array_unref (moved->ids);
  g_free (moved);
}

/* One waiting run, as the batch read it. */
typedef struct
{
  gint64                   id;
  gint64                   automation_id;
  gint64                   entry_id;
  gint64                   record_id;
  gint64                   due_at;
  gint64                   step_id;
  gint64                   version;
  const CrmAutomationStep *step;   /* the batch's */
} Run;

/* The step of a run: read with the other steps of its version, once a
 * batch. */
static const CrmAutomationStep *
batch_step (CrmAutomationStore  *self,
            Batch               *batch,
            const Run           *run,
            GError             **error)
{
  g_autoptr(GPtrArray) steps = NULL;
  const CrmAutomationStep *step = g_hash_table_lookup (batch->steps, &run->step_id);

  if (step != NULL)
    return step;
  if (!(steps = _crm_automation_read_steps (self, run->automation_id, run->version, error)))
    return NULL;
  for (guint i = 0; i < steps->len; i++)
    {
      CrmAutomationStep *each = g_ptr_array_index (steps, i);

      g_hash_table_insert (batch->steps, g_memdup2 (&each->id, sizeof each->id), each);
    }
  g_ptr_array_set_free_func (steps, NULL);
  step = g_hash_table_lookup (batch->steps, &run->step_id);
  g_assert (step != NULL);

  return step;
}

static const char *
batch_due_text (Batch  *batch,
                gint64  due_at)
{
  if (batch->due_text == NULL || batch->due_at != due_at)
    {
      g_free (batch->due_text);
      batch->due_text = _crm_automation_format_time (batch->zone, due_at);
      batch->due_at = due_at;
    }

  return batch->due_text;
}

/* The run ends without being done: skipped (or failed), with why. */
static gboolean
end_run (CrmAutomationStore  *self,
         Batch               *batch,
         gint64               id,
         const char          *state,
         const char          *reason,
         gboolean             caught_up,
         GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                     "UPDATE automation_runs SET state = ?2, done_at = ?3, reason = ?4, "
                                                     "caught_up = ?5 WHERE id = ?1 AND state = 'waiting'",
                                                     error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, id);
  crm_statement_bind_text (stmt, 2, state);
  crm_statement_bind_int64 (stmt, 3, batch->now);
  crm_statement_bind_text (stmt, 4, reason);
  crm_statement_bind_int64 (stmt, 5, caught_up);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;
  if (_crm_store_count_changes (self) > 0)
    {
      if (g_str_equal (state, "failed"))
        batch->pass->failed++;
      else
        batch->pass->skipped++;
    }

  return TRUE;
}

static CrmAutomationState *
batch_automation (CrmAutomationStore  *self,
                  Batch               *batch,
                  gint64               id,
                  GError             **error)
{
  CrmAutomationState *state = g_hash_table_lookup (batch->automations, &id);

  if (state == NULL && (state = _crm_automation_read_state (self, id, error)))
    g_hash_table_insert (batch->automations, g_memdup2 (&id, sizeof id), state);

  return state;
}

/* A run that fell due while the application was closed: skipped or
 * moved as its automation's policy says (*handled: gathered in the
 * batch, whose runs skipped or moved for one reason are one statement,
 * see write_caught_up ()), or to run late (*late_reason). */
static void
catch_up (Batch               *batch,
          const CrmAutomation *automation,
          const Run           *run,
          gboolean            *handled,
          char               **late_reason)
{
  const char *due;
  gint64 run_at;

  *handled = FALSE;
  if (batch->now - run->due_at <= CRM_SCHEDULE_GRACE_SECONDS)
    return;

  due = batch_due_text (batch, run->due_at);
  batch->pass->caught_up++;
  if (!crm_schedule_catch_up (batch->zone, automation->catch_up, run->due_at, batch->now, run->step->minute_of_day,
                              run->step->weekdays, &run_at))
    {
      g_autofree char *reason = g_strdup_printf (_("Caught up: it fell due at %s while the application was closed, "
                                                   "and was skipped."),
                                                 due);
      GArray *ids = g_hash_table_lookup (batch->skipped, reason);

      if (ids == NULL)
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (batch->skipped, g_steal_pointer (&reason), ids);
        }
      g_array_append_val (ids, run->id);
      *handled = TRUE;
      return;
    }
  if (run_at > batch->now)
    {
      g_autofree char *to = _crm_automation_format_time (batch->zone, run_at);
      g_autofree char *reason = g_strdup_printf (_("Caught up: it fell due at %s while the application was closed, "
                                                   "and was moved to %s."),
                                                 due, to);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT " %s", run_at, reason);
      Moved *moved = g_hash_table_lookup (batch->moved, key);

      if (moved == NULL)
        {
          moved = g_new0 (Moved, 1);
          moved->run_at = run_at;
          moved->reason = g_steal_pointer (&reason);
          moved->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (batch->moved, g_steal_pointer (&key), moved);
        }
      g_array_append_val (moved->ids, run->id);
      *handled = TRUE;
      return;
    }
  *late_reason = g_strdup_printf (_("Caught up: it fell due at %s while the application was closed, and ran late."),
                                  due);
}

typedef struct
{
  Batch              *batch;
  const Run          *run;
  CrmAutomationState *state;
  const char         *caught_up_reason;   /* set: it runs late */
} One;

/* A run that is to be done now, in a savepoint of its own. */
static gboolean
run_one_tx (CrmSession  *session,
            gpointer     user_data,
            GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  One *one = user_data;
  Batch *batch = one->batch;
  const Run *run = one->run;
  CrmAutomation *automation = one->state->automation;
  gboolean caught_up = one->caught_up_reason != NULL, matches = TRUE;
  g_auto(CrmAutomationRecord) record = { 0 };
  g_auto(CrmAutomationTarget) target = { 0 };
  g_autoptr(CrmStatement) claim = NULL;
  g_autoptr(CrmStatement) link = NULL;
  g_autofree char *cap_reason = NULL;
  gint64 made;

  /* the record, as it is now */
  if (!_crm_automation_read_record (self, automation->module, run->record_id, &record, error))
    return FALSE;
  if (record.exists && record.merged_into == 0 &&
      !_crm_automation_matches (self, automation, run->record_id, &matches, error))
    return FALSE;
  if (!record.exists || record.merged_into != 0 || !matches)
    {
      g_autofree char *reason = _crm_automation_mismatch_reason (automation, &record);

      batch->pass->left++;
      batch->pass->skipped++;
      return _crm_automation_leave (self, run->entry_id, reason, batch->now, error);
    }
  if (!_crm_automation_resolve (self, automation, run->step, &record, &target, error))
    return FALSE;
  if (target.skip_reason != NULL)
    {
      if (!target.leave)
        return end_run (self, batch, run->id, "skipped", target.skip_reason, caught_up, error);
      batch->pass->left++;
      batch->pass->skipped++;
      return _crm_automation_leave (self, run->entry_id, target.skip_reason, batch->now, error);
    }
  if (run->step->kind != CRM_AUTOMATION_STEP_TASK &&
      !_crm_automation_cap_reached (self, target.address, batch->now, batch->zone, NULL, &cap_reason, error))
    return FALSE;
  if (cap_reason != NULL)
    return end_run (self, batch, run->id, "skipped", cap_reason, caught_up, error);

  /* done here, or by no one: see the top of this file */
  if (!(claim = _crm_store_prepare (self,
                                    "UPDATE automation_runs SET state = 'done', done_at = ?2, reason = coalesce (?3, reason), "
                                    "caught_up = CASE WHEN ?4 = 1 THEN 1 ELSE caught_up END, recipient = ?5 "
                                    "WHERE id = ?1 AND state = 'waiting'",
                                    error)))
    return FALSE;
  crm_statement_bind_int64 (claim, 1, run->id);
  crm_statement_bind_int64 (claim, 2, batch->now);
  if (one->caught_up_reason != NULL)
    crm_statement_bind_text (claim, 3, one->caught_up_reason);
  else
    crm_statement_bind_null (claim, 3);
  crm_statement_bind_int64 (claim, 4, caught_up);
  crm_statement_bind_text (claim, 5, target.label);
  if (!_crm_store_step_done (self, claim, error))
    return FALSE;
  if (_crm_store_count_changes (self) == 0)
    return TRUE;

  if (run->step->kind == CRM_AUTOMATION_STEP_TASK)
    {
      g_autofree char *title = expand (self, automation, run->record_id, &record, run->step->task_title, NULL, error);

      if (title == NULL ||
          !(made = add_task (self, target.user_id, title, batch->now, automation->module, run->record_id, run->id,
                             error)))
        return FALSE;
      link = _crm_store_prepare (self, "UPDATE automation_runs SET task_id = ?2 WHERE id = ?1", error);
    }
  else
    {
      if (!(made = queue_mail (self, automation, run->step, run->record_id, &record, &target, batch->now, error)))
        return FALSE;
      link = _crm_store_prepare (self, "UPDATE automation_runs SET outbox_id = ?2, recipient = ?3 WHERE id = ?1", error);
    }
  if (link == NULL)
    return FALSE;
  crm_statement_bind_int64 (link, 1, run->id);
  crm_statement_bind_int64 (link, 2, made);
  if (run->step->kind != CRM_AUTOMATION_STEP_TASK)
    crm_statement_bind_text (link, 3, target.address);
  if (!_crm_store_step_done (self, link, error))
    return FALSE;
  batch->pass->done++;

  return TRUE;
}

/* The smallest and the largest of @ids as ?@first and ?@first + 1: a
 * range of the key the database reads, the ids themselves then taken
 * from it (PostgreSQL joined a page of ids by walking every waiting
 * run otherwise). */
static void
bind_id_range (CrmStatement *stmt,
               int           first,
               GArray       *ids)
{
  gint64 low = G_MAXINT64, high = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      low = MIN (low, g_array_index (ids, gint64, i));
      high = MAX (high, g_array_index (ids, gint64, i));
    }
  crm_statement_bind_int64 (stmt, first, low);
  crm_statement_bind_int64 (stmt, first + 1, high);
}

/* The runs the batch caught up and skipped or moved, one statement for
 * the runs of one reason (on the team's server every statement is a
 * round trip): each still only if it is waiting. */
static gboolean
write_caught_up (CrmAutomationStore  *self,
                 Batch               *batch,
                 GError             **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, batch->skipped);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *ids = value;
      g_autofree char *json = _crm_store_ids_json ((const gint64 *) ids->data, ids->len);
      g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                         "UPDATE automation_runs SET state = 'skipped', done_at = ?2, "
                                                         "reason = ?3, caught_up = 1 WHERE id BETWEEN ?4 AND ?5 AND "
                                                         "id IN (SELECT value FROM json_each (?1)) AND state = 'waiting'",
                                                         error);

      if (stmt == NULL)
        return FALSE;
      crm_statement_bind_text (stmt, 1, json);
      crm_statement_bind_int64 (stmt, 2, batch->now);
      crm_statement_bind_text (stmt, 3, key);
      bind_id_range (stmt, 4, ids);
      if (!_crm_store_step_done (self, stmt, error))
        return FALSE;
      batch->pass->skipped += (guint) _crm_store_count_changes (self);
    }
  g_hash_table_iter_init (&iter, batch->moved);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Moved *moved = value;
      g_autofree char *json = _crm_store_ids_json ((const gint64 *) moved->ids->data, moved->ids->len);
      g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                         "UPDATE automation_runs SET due_at = ?2, reason = ?3, "
                                                         "caught_up = 1 WHERE id BETWEEN ?4 AND ?5 AND id IN "
                                                         "(SELECT value FROM json_each (?1)) AND state = 'waiting'",
                                                         error);

      if (stmt == NULL)
        return FALSE;
      crm_statement_bind_text (stmt, 1, json);
      crm_statement_bind_int64 (stmt, 2, moved->run_at);
      crm_statement_bind_text (stmt, 3, moved->reason);
      bind_id_range (stmt, 4, moved->ids);
      if (!_crm_store_step_done (self, stmt, error))
        return FALSE;
      batch->pass->moved += (guint) _crm_store_count_changes (self);
    }

  return TRUE;
}

/* The runs due, BATCH at most, read in the batch's transaction with
 * what doing them needs: one query, not one a run, walking the index
 * of waiting runs in its order (0043) and joining the few it keeps. */
static GArray *
due_runs (CrmAutomationStore  *self,
          gint64               now,
          GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                     "SELECT r.id, r.automation_id, r.entry_id, (SELECT e.record_id "
                                                     "FROM automation_entries e WHERE e.id = r.entry_id), r.due_at, "
                                                     "r.step_id, (SELECT s.version FROM automation_steps s "
                                                     "WHERE s.id = r.step_id) FROM automation_runs r "
                                                     "WHERE r.state = 'waiting' AND r.due_at <= ?1 AND r.automation_id "
                                                     "IN (SELECT a.id FROM automations a WHERE a.active = 1 AND "
                                                     "a.paused_reason IS NULL) ORDER BY r.due_at, r.id LIMIT ?2",
                                                     error);
  g_autoptr(GArray) runs = g_array_new (FALSE, TRUE, sizeof (Run));
  CrmStep step;

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, now);
  crm_statement_bind_int64 (stmt, 2, BATCH);
  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      Run run = {
        .id = crm_statement_get_int64 (stmt, 0),
        .automation_id = crm_statement_get_int64 (stmt, 1),
        .entry_id = crm_statement_get_int64 (stmt, 2),
        .record_id = crm_statement_get_int64 (stmt, 3),
        .due_at = crm_statement_get_int64 (stmt, 4),
        .step_id = crm_statement_get_int64 (stmt, 5),
        .version = crm_statement_get_int64 (stmt, 6),
      };

      g_array_append_val (runs, run);
    }
  if (step != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&runs);
}

static gboolean
batch_tx (CrmSession  *session,
          gpointer     user_data,
          GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  Batch *batch = user_data;
  CrmAutomationPass before = *batch->pass;
  g_autoptr(GArray) runs = due_runs (self, batch->now, error);
  GHashTableIter iter;
  gpointer key;

  if (runs == NULL)
    return FALSE;
  batch->count = runs->len;
  for (guint i = 0; i < runs->len; i++)
    {
      Run *run = &g_array_index (runs, Run, i);
      g_autoptr(GError) step_error = NULL;
      g_autofree char *late_reason = NULL;
      CrmAutomationPass kept = *batch->pass;
      CrmAutomationState *state;
      gboolean handled;

      if (!(state = batch_automation (self, batch, run->automation_id, error)) ||
          !(run->step = batch_step (self, batch, run, error)))
        {
          *batch->pass = before;
          return FALSE;
        }
      g_hash_table_add (batch->touched, g_memdup2 (&run->automation_id, sizeof run->automation_id));
      catch_up (batch, state->automation, run, &handled, &late_reason);
      if (handled)
        continue;

      {
        One one = { batch, run, state, late_reason };

        if (crm_session_run_in_transaction (session, run_one_tx, &one, &step_error))
          continue;
      }
      *batch->pass = kept;
      /* a fault of the database: the whole batch again, next pass */
      if (step_error->domain != CRM_ERROR && step_error->domain != G_IO_ERROR)
        {
          *batch->pass = before;
          g_propagate_error (error, g_steal_pointer (&step_error));
          return FALSE;
        }
      /* the step cannot be done: why is its log's */
      g_debug ("automation step %" G_GINT64_FORMAT " failed: %s", run->id, step_error->message);
      if (!end_run (self, batch, run->id, "failed", step_error->message, FALSE, error))
        {
          *batch->pass = before;
          return FALSE;
        }
    }

  if (!write_caught_up (self, batch, error))
    {
      *batch->pass = before;
      return FALSE;
    }
  g_hash_table_iter_init (&iter, batch->touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!_crm_automation_touch (self, *(gint64 *) key, error))
      {
        *batch->pass = before;
        return FALSE;
      }

  return TRUE;
}

/**
 * crm_automation_store_next_due:
 * @self: a #CrmAutomationStore
 * @error: return location for a #GError
 *
 * When the scheduler must wake next: the first step waiting in an
 * active automation that is not paused. A probe of the index of due
 * times.
 *
 * Returns: a Unix time, 0 when nothing waits, or -1 with @error set
 */
gint64
crm_automation_store_next_due (CrmAutomationStore  *self,
                               GError             **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), -1);

  if (!(stmt = _crm_store_prepare (self,
                                   "SELECT r.due_at FROM automation_runs r JOIN automations a ON a.id = r.automation_id "
                                   "WHERE r.state = 'waiting' AND a.active = 1 AND a.paused_reason IS NULL "
                                   "ORDER BY r.due_at LIMIT 1",
                                   error)) ||
      !_crm_store_step_row (self, stmt, &row, error))
    return -1;

  return row ? crm_statement_get_int64 (stmt, 0) : 0;
}

/**
 * crm_automation_store_run_pass:
 * @self: a #CrmAutomationStore
 * @pass: (out caller-allocates): what the pass did
 * @cancellable: (nullable): stops it between two transactions
 * @error: return location for a #GError
 *
 * One pass of the scheduler at the session's clock's time: records
 * that started or stopped matching enter or leave, records still to
 * enter in bulk enter, and every step due is done, skipped or moved
 * (see the top of this file). Safe beside other passes, in this process
 * or others: nothing is done twice. Runs on the caller's thread: the
 * engine calls it on a thread of its own, `crmctl scheduler run` once.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_automation_store_run_pass (CrmAutomationStore  *self,
                               CrmAutomationPass   *pass,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GHashTable) automations = NULL;
  g_autoptr(GHashTable) steps = NULL;
  gint64 now;

  g_return_val_if_fail (CRM_IS_AUTOMATION_STORE (self), FALSE);
  g_return_val_if_fail (pass != NULL, FALSE);

  memset (pass, 0, sizeof *pass);
  if (!_crm_automation_follow_changes (self, &pass->entered, &pass->left, cancellable, error) ||
      !_crm_automation_enter_pending (self, &pass->entered, cancellable, error))
    return FALSE;

  zone = crm_automation_store_get_zone (self);
  now = crm_clock_now_unix (crm_session_get_clock (_crm_session (self)));
  automations = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) _crm_automation_state_free);
  steps = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) crm_automation_step_free);
  for (;;)
    {
      g_autoptr(GHashTable) touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_autoptr(GHashTable) skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify) g_array_unref);
      g_autoptr(GHashTable) moved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, moved_free);
      Batch batch = { pass, zone, now, 0, automations, steps, touched, 0, NULL, skipped, moved };
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      ok = crm_session_run_in_transaction (_crm_session (self), batch_tx, &batch, error);
      g_free (batch.due_text);
      if (!ok)
        return FALSE;
      if (batch.count < BATCH)
        break;
      /* paused meanwhile, or changed: read again */
      g_hash_table_remove_all (automations);
      g_hash_table_remove_all (steps);
    }

  return (pass->next_due = crm_automation_store_next_due (self, error)) >= 0;
}

/* The outbox's hook: what became of an automation's mail */

static gboolean
automation_hook (CrmSession  *session,
                 gint64       outbox_id,
                 const char  *outcome,
                 gpointer     user_data,
                 GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  g_autoptr(CrmStatement) find = _crm_store_prepare (self,
                                                     "SELECT r.id, r.automation_id, o.last_error FROM automation_runs r "
                                                     "JOIN outbox o ON o.id = r.outbox_id WHERE r.outbox_id = ?1",
                                                     error);
  g_autoptr(CrmStatement) run = NULL;
  g_autoptr(CrmStatement) automation = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *paused = NULL;
  gboolean row = FALSE;
  gint64 run_id, automation_id;

  if (find == NULL)
    return FALSE;
  crm_statement_bind_int64 (find, 1, outbox_id);
  if (!_crm_store_step_row (self, find, &row, error))
    return FALSE;
  if (!row)
    return TRUE;
  run_id = crm_statement_get_int64 (find, 0);
  automation_id = crm_statement_get_int64 (find, 1);
  reason = g_strdup (crm_statement_get_text (find, 2));
  g_clear_pointer (&find, crm_statement_release);

  if (g_str_equal (outcome, "sent"))
    {
      if (!(automation = _crm_store_prepare (self, "UPDATE automations SET failures = 0 WHERE id = ?1 AND failures <> 0",
                                             error)))
        return FALSE;
      crm_statement_bind_int64 (automation, 1, automation_id);
      return _crm_store_step_done (self, automation, error);
    }

  if (g_str_equal (outcome, "cancelled"))
    {
      g_free (reason);
      reason = g_strdup (_("The mail was cancelled in the outbox."));
    }
  else
    {
      g_autofree char *said = g_steal_pointer (&reason);

      /* Translators: the mail server's words */
      reason = g_strdup_printf (_("The mail failed: %s"), said != NULL ? said : _("the server refused it"));
    }
  if (!(run = _crm_store_prepare (self, "UPDATE automation_runs SET state = ?2, reason = ?3 WHERE id = ?1", error)))
    return FALSE;
  crm_statement_bind_int64 (run, 1, run_id);
  crm_statement_bind_text (run, 2, g_str_equal (outcome, "cancelled") ? "skipped" : "failed");
  crm_statement_bind_text (run, 3, reason);
  if (!_crm_store_step_done (self, run, error))
    return FALSE;
  if (g_str_equal (outcome, "cancelled"))
    return _crm_automation_touch (self, automation_id, error);

  /* failing in a row: paused, until someone looks */
  paused = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: how many mails, then the last one's reason */
                                         "Paused: %u mail in a row failed. %s",
                                         "Paused: %u mails in a row failed. %s",
                                         CRM_AUTOMATION_PAUSE_FAILURES),
                            CRM_AUTOMATION_PAUSE_FAILURES, reason);
  if (!(automation = _crm_store_prepare (self,
                                         "UPDATE automations SET failures = failures + 1, paused_reason = "
                                         "CASE WHEN failures + 1 >= ?2 AND active = 1 THEN coalesce (paused_reason, ?3) "
                                         "ELSE paused_reason END, ran_at = ?4 WHERE id = ?1",
                                         error)))
    return FALSE;
  crm_statement_bind_int64 (automation, 1, automation_id);
  crm_statement_bind_int64 (automation, 2, CRM_AUTOMATION_PAUSE_FAILURES);
  crm_statement_bind_text (automation, 3, paused);
  crm_statement_bind_int64 (automation, 4, crm_clock_now_unix (crm_session_get_clock (session)));

  return _crm_store_step_done (self, automation, error);
}

void
_crm_automation_register_outbox_hook (void)
{
  crm_outbox_add_hook ("automation", automation_hook, NULL);
}
