/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-automations"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-automation-store-private.h"
#include "crm-error.h"
#include "crm-view-store.h"

/* Which records are inside an automation (AU2-AU4).
 *
 * A record enters with all its steps waiting, in one transaction: its
 * entry and one run per step of the automation's current version, each
 * due when crm_schedule_due () says (the office's zone, the entry's
 * time, the step's delay, time of day and weekdays). It leaves when it
 * stops matching, its waiting steps skipped with the reason.
 *
 * Records enter in bulk when an automation is activated or runs once
 * ("one-time"); when only new records get its steps, those matching at
 * activation enter without steps ("baseline" entries), so that a change
 * that leaves them matching does not make them new: only a record that
 * starts matching does. The bulk is pages of the selection in
 * id order, each page a transaction that moves the automation's
 * pending_from on, so that a stop meanwhile loses nothing and a second
 * process never enters a page twice (the page is claimed by a
 * conditional update of pending_from).
 *
 * Continuous automations follow the journal of changes (0010): the
 * records of their module that changed after the durable cursor
 * (change_cursors 'automations', which pruning keeps rows after; set
 * at the first activation, removed when no continuous automation is
 * active) are
 * checked, one indexed query each, and enter or leave; the cursor moves
 * in the same transaction. An automation only follows the changes after
 * its activation (since_seq): only new records enter it.
 *
 * Selection by a saved view (FD4) goes through the saved views' store:
 * crm_view_store_matches () for one record, crm_view_store_select ()
 * for a page, each one indexed query. */

#define PAGE 500
#define JOURNAL_BATCH 1000

/* Saved views (FD4) */

gboolean
_crm_automation_view_exists (CrmAutomationStore  *self,
                             const char          *module,
                             gint64               view_id,
                             GError             **error)
{
  g_autoptr(CrmSavedView) view = crm_view_store_get (crm_view_store_from_session (_crm_session (self)), view_id, error);

  if (view == NULL)
    return FALSE;
  if (g_strcmp0 (crm_saved_view_get_module (view), module) != 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: a saved view's name; the automation is of another list (tickets, contacts…) */
                   _("The view “%s” is a view of another list: choose one of this automation’s."),
                   crm_saved_view_get_name (view));
      return FALSE;
    }

  return TRUE;
}

static gboolean
view_matches (CrmAutomationStore  *self,
              gint64               view_id,
              gint64               record_id,
              gboolean            *matches,
              GError             **error)
{
  return crm_view_store_matches (crm_view_store_from_session (_crm_session (self)), view_id, record_id, matches,
                                 error);
}

static GArray *
view_select (CrmAutomationStore  *self,
             gint64               view_id,
             gint64               after_id,
             guint                limit,
             GError             **error)
{
  return crm_view_store_select (crm_view_store_from_session (_crm_session (self)), view_id, after_id, limit, error);
}

/* Selection */

gboolean
_crm_automation_matches (CrmAutomationStore   *self,
                         const CrmAutomation  *automation,
                         gint64                record_id,
                         gboolean             *matches,
                         GError              **error)
{
  if (automation->view_id > 0)
    return view_matches (self, automation->view_id, record_id, matches, error);

  {
    g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                       "SELECT EXISTS (SELECT 1 FROM tickets WHERE id = ?1 "
                                                       "AND status_id = ?2 AND merged_into IS NULL)",
                                                       error);

    if (stmt == NULL)
      return FALSE;
    crm_statement_bind_int64 (stmt, 1, record_id);
    crm_statement_bind_int64 (stmt, 2, automation->status_id);
    if (crm_statement_step (stmt) != CRM_STEP_ROW)
      {
        _crm_store_set_sql_error (self, error);
        return FALSE;
      }
    *matches = crm_statement_get_int (stmt, 0) != 0;
  }

  return TRUE;
}

/* The next @limit records of the selection after @after_id, in id
 * order. */
GArray *
_crm_automation_select_page (CrmAutomationStore   *self,
                             const CrmAutomation  *automation,
                             gint64                after_id,
                             guint                 limit,
                             GError              **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GArray) ids = NULL;

  if (automation->view_id > 0)
    return view_select (self, automation->view_id, after_id, limit, error);

  if (!(stmt = _crm_store_prepare (self,
                                   "SELECT id FROM tickets WHERE status_id = ?1 AND merged_into IS NULL AND id > ?2 "
                                   "ORDER BY id LIMIT ?3",
                                   error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, automation->status_id);
  crm_statement_bind_int64 (stmt, 2, after_id);
  crm_statement_bind_int64 (stmt, 3, limit);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!_crm_store_step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/* Records */

#define FIRST_ADDRESS(contact) \
  "(SELECT ce.address FROM contact_emails ce WHERE ce.contact_id = " contact " ORDER BY ce.position LIMIT 1)"

gboolean
_crm_automation_read_record (CrmAutomationStore   *self,
                             const char           *module,
                             gint64                record_id,
                             CrmAutomationRecord  *record,
                             GError              **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  const char *entity = _crm_automation_entity (module);
  const char *sql;
  gboolean row = FALSE;

  memset (record, 0, sizeof *record);
  if (g_str_equal (entity, "ticket"))
    sql = "SELECT t.subject, coalesce (t.merged_into, 0), coalesce (c.name, t.client_address), "
          "coalesce (" FIRST_ADDRESS ("t.client_id") ", t.client_address), coalesce (t.assignee_id, 0), "
          "coalesce ((SELECT CASE WHEN m.automatic IS NOT NULL OR m.bulk <> 0 THEN 1 ELSE 0 END FROM messages m "
          "WHERE m.ticket_id = t.id AND m.direction = 'in' ORDER BY m.id DESC LIMIT 1), 0), t.has_mail "
          "FROM tickets t LEFT JOIN contacts c ON c.id = t.client_id WHERE t.id = ?1";
  else if (g_str_equal (entity, "contact"))
    sql = "SELECT c.name, 0, c.name, " FIRST_ADDRESS ("c.id") ", coalesce (c.manager_id, 0), 0, 0 "
          "FROM contacts c WHERE c.id = ?1";
  else if (g_str_equal (entity, "offer"))
    sql = "SELECT o.city || coalesce (', ' || o.street, ''), 0, NULL, NULL, coalesce (o.agent_id, 0), 0, 0 "
          "FROM offers o WHERE o.id = ?1";
  else
    sql = "SELECT c.name, 0, c.name, " FIRST_ADDRESS ("c.id") ", coalesce (s.agent_id, c.manager_id, 0), 0, 0 "
          "FROM searches s JOIN contacts c ON c.id = s.client_id WHERE s.id = ?1";

  if (!(stmt = _crm_store_prepare (self, sql, error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, record_id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return FALSE;
  if (!row)
    return TRUE;

  record->exists = TRUE;
  record->merged_into = crm_statement_get_int64 (stmt, 1);
  record->client_name = g_strdup (crm_statement_get_text (stmt, 2));
  record->client_address = g_strdup (crm_statement_get_text (stmt, 3));
  record->owner_id = crm_statement_get_int64 (stmt, 4);
  record->automatic = crm_statement_get_int64 (stmt, 5) != 0;
  record->has_mail = crm_statement_get_int64 (stmt, 6) != 0;
  if (g_str_equal (entity, "ticket"))
    {
      record->subject = g_strdup (crm_statement_get_text (stmt, 0));
      record->label = g_strdup_printf ("#%" G_GINT64_FORMAT " %s", record_id, record->subject);
    }
  else if (g_str_equal (entity, "contact"))
    record->label = g_strdup (crm_statement_get_text (stmt, 0));
  else
    record->label = g_strdup_printf ("#%" G_GINT64_FORMAT " %s", record_id, crm_statement_get_text (stmt, 0));

  return TRUE;
}

/* Why a record no longer belongs in @automation, or NULL when it still
 * matches (as far as its row tells: a saved view is asked apart). */
char *
_crm_automation_mismatch_reason (const CrmAutomation        *automation,
                                 const CrmAutomationRecord  *record)
{
  if (!record->exists)
    return g_strdup (_("The record was deleted."));
  if (record->merged_into != 0)
    /* Translators: the ticket it was merged into */
    return g_strdup_printf (_("The ticket was merged into #%lld."), (long long) record->merged_into);
  if (automation->view_id > 0)
    return g_strdup (_("The record no longer matches the saved view."));

  return g_strdup_printf (_("The ticket’s status is no longer “%s”."),
                          automation->status_name != NULL ? automation->status_name : "?");
}

/* Entering and leaving */

/* The record's open entry in the automation, or 0; -1 with @error set. */
gint64
_crm_automation_open_entry (CrmAutomationStore  *self,
                            gint64               automation_id,
                            gint64               record_id,
                            GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                     "SELECT id FROM automation_entries WHERE automation_id = ?1 "
                                                     "AND record_id = ?2 AND left_at IS NULL",
                                                     error);
  gboolean row = FALSE;

  if (stmt == NULL)
    return -1;
  crm_statement_bind_int64 (stmt, 1, automation_id);
  crm_statement_bind_int64 (stmt, 2, record_id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return -1;

  return row ? crm_statement_get_int64 (stmt, 0) : 0;
}

/* The record enters @automation (with its current version's steps) at
 * @now: its entry and all its steps, waiting. Call it in a transaction. */
gint64
_crm_automation_enter (CrmAutomationStore   *self,
                       const CrmAutomation  *automation,
                       gint64                record_id,
                       gboolean              baseline,
                       gint64                now,
                       GTimeZone            *zone,
                       GError              **error)
{
  g_autoptr(CrmStatement) entry = _crm_store_prepare (self,
                                                      "INSERT INTO automation_entries (automation_id, version, "
                                                      "record_id, entered_at, baseline) VALUES (?1, ?2, ?3, ?4, ?5) "
                                                      "RETURNING id",
                                                      error);
  g_autoptr(CrmStatement) run = NULL;
  g_autoptr(CrmStatement) frozen = NULL;
  gint64 entry_id;

  if (entry == NULL)
    return 0;
  crm_statement_bind_int64 (entry, 1, automation->id);
  crm_statement_bind_int64 (entry, 2, automation->version);
  crm_statement_bind_int64 (entry, 3, record_id);
  crm_statement_bind_int64 (entry, 4, now);
  crm_statement_bind_int64 (entry, 5, baseline);
  if (crm_statement_step (entry) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return 0;
    }
  entry_id = crm_statement_get_int64 (entry, 0);
  g_clear_pointer (&entry, crm_statement_release);
  if (baseline)
    return entry_id;

  if (!(run = _crm_store_prepare (self,
                                  "INSERT INTO automation_runs (automation_id, entry_id, step_id, due_at) "
                                  "VALUES (?1, ?2, ?3, ?4)",
                                  error)))
    return 0;
  for (guint i = 0; i < automation->steps->len; i++)
    {
      CrmAutomationStep *step = g_ptr_array_index (automation->steps, i);

      crm_statement_bind_int64 (run, 1, automation->id);
      crm_statement_bind_int64 (run, 2, entry_id);
      crm_statement_bind_int64 (run, 3, step->id);
      crm_statement_bind_int64 (run, 4, crm_schedule_due (zone, now, step->delay_days, step->minute_of_day,
                                                          step->weekdays));
      if (!_crm_store_step_done (self, run, error))
        return 0;
      crm_statement_reset (run);
    }

  /* a version records entered is never changed again */
  if (!(frozen = _crm_store_prepare (self, "UPDATE automations SET frozen = ?2 WHERE id = ?1 AND frozen < ?2", error)))
    return 0;
  crm_statement_bind_int64 (frozen, 1, automation->id);
  crm_statement_bind_int64 (frozen, 2, automation->version);
  if (!_crm_store_step_done (self, frozen, error))
    return 0;

  return entry_id;
}

/* The entry is left with @reason, its waiting steps skipped. Call it in
 * a transaction. */
gboolean
_crm_automation_leave (CrmAutomationStore  *self,
                       gint64               entry_id,
                       const char          *reason,
                       gint64               now,
                       GError             **error)
{
  g_autoptr(CrmStatement) entry = _crm_store_prepare (self,
                                                      "UPDATE automation_entries SET left_at = ?2, left_reason = ?3 "
                                                      "WHERE id = ?1 AND left_at IS NULL",
                                                      error);
  g_autoptr(CrmStatement) runs = NULL;

  if (entry == NULL)
    return FALSE;
  crm_statement_bind_int64 (entry, 1, entry_id);
  crm_statement_bind_int64 (entry, 2, now);
  crm_statement_bind_text (entry, 3, reason);
  if (!_crm_store_step_done (self, entry, error))
    return FALSE;
  if (!(runs = _crm_store_prepare (self,
                                   "UPDATE automation_runs SET state = 'skipped', done_at = ?2, reason = ?3 "
                                   "WHERE entry_id = ?1 AND state = 'waiting'",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (runs, 1, entry_id);
  crm_statement_bind_int64 (runs, 2, now);
  crm_statement_bind_text (runs, 3, reason);

  return _crm_store_step_done (self, runs, error);
}

/* Entering in bulk */

typedef struct
{
  CrmAutomationState *state;
  GTimeZone          *zone;
  gint64              now;
  guint               entered;   /* out */
  gboolean            claimed;   /* out: this process entered the page */
} Page;

static gboolean
page_tx (CrmSession  *session,
         gpointer     user_data,
         GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  Page *page = user_data;
  CrmAutomation *automation = page->state->automation;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(CrmStatement) claim = NULL;

  if (!(ids = _crm_automation_select_page (self, automation, page->state->pending_from, PAGE, error)))
    return FALSE;

  /* the page is this process's, or another's that did it already */
  if (!(claim = _crm_store_prepare (self,
                                    "UPDATE automations SET pending_from = ?3 WHERE id = ?1 AND pending_from = ?2 "
                                    "AND active = 1 AND version = ?4",
                                    error)))
    return FALSE;
  crm_statement_bind_int64 (claim, 1, automation->id);
  crm_statement_bind_int64 (claim, 2, page->state->pending_from);
  if (ids->len == PAGE)
    crm_statement_bind_int64 (claim, 3, g_array_index (ids, gint64, ids->len - 1));
  else
    crm_statement_bind_null (claim, 3);
  crm_statement_bind_int64 (claim, 4, automation->version);
  if (!_crm_store_step_done (self, claim, error))
    return FALSE;
  if (_crm_store_count_changes (self) == 0)
    return TRUE;
  page->claimed = TRUE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 record_id = g_array_index (ids, gint64, i);
      gint64 open = _crm_automation_open_entry (self, automation->id, record_id, error);

      if (open < 0)
        return FALSE;
      if (open > 0)
        continue;
      /* only new ones get steps: those matching now are inside without */
      if (!_crm_automation_enter (self, automation, record_id, automation->only_new, page->now, page->zone, error))
        return FALSE;
      if (!automation->only_new)
        page->entered++;
    }

  return TRUE;
}

/* The next automation with records to enter in bulk, or NULL. */
static CrmAutomationState *
next_pending (CrmAutomationStore  *self,
              gint64               after,
              GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                     "SELECT id FROM automations WHERE pending_from IS NOT NULL "
                                                     "AND active = 1 AND id > ?1 ORDER BY id LIMIT 1",
                                                     error);
  gboolean row = FALSE;
  gint64 id;

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, after);
  if (!_crm_store_step_row (self, stmt, &row, error) || !row)
    return NULL;
  id = crm_statement_get_int64 (stmt, 0);
  g_clear_pointer (&stmt, crm_statement_release);

  return _crm_automation_read_state (self, id, error);
}

/* Enters the records of every automation with records left to enter in
 * bulk (activation, one-time runs), page by page. */
gboolean
_crm_automation_enter_pending (CrmAutomationStore  *self,
                               guint               *entered,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autoptr(GTimeZone) zone = crm_automation_store_get_zone (self);
  gint64 after = 0;

  for (;;)
    {
      g_autoptr(CrmAutomationState) state = NULL;
      GError *local_error = NULL;

      if (!(state = next_pending (self, after, &local_error)))
        {
          if (local_error == NULL)
            return TRUE;
          g_propagate_error (error, local_error);
          return FALSE;
        }
      after = state->automation->id;

      while (state->pending_from >= 0)
        {
          Page page = { state, zone, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))), 0, FALSE };

          if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
              !crm_session_run_in_transaction (_crm_session (self), page_tx, &page, error))
            return FALSE;
          *entered += page.entered;
          g_clear_pointer (&state, _crm_automation_state_free);
          /* read again: moved on by this page, or by another process */
          if (!(state = _crm_automation_read_state (self, after, error)))
            return FALSE;
          if (!state->automation->active)
            break;
        }
    }
}

/* Following the journal of changes */

typedef struct
{
  GPtrArray  *automations;   /* CrmAutomationState: active, continuous */
  GTimeZone  *zone;
  gint64      cursor;
  gint64      now;
  gboolean    done;          /* out: nothing more to read */
  guint       entered;       /* out */
  guint       left;          /* out */
} Follow;

static gboolean
check_record (CrmAutomationStore  *self,
              Follow              *follow,
              CrmAutomationState  *state,
              gint64               record_id,
              GError             **error)
{
  CrmAutomation *automation = state->automation;
  gboolean matches = FALSE;
  gint64 open;

  if (!_crm_automation_matches (self, automation, record_id, &matches, error) ||
      (open = _crm_automation_open_entry (self, automation->id, record_id, error)) < 0)
    return FALSE;

  if (matches && open == 0)
    {
      if (!_crm_automation_enter (self, automation, record_id, FALSE, follow->now, follow->zone, error))
        return FALSE;
      follow->entered++;
    }
  else if (!matches && open > 0)
    {
      g_auto(CrmAutomationRecord) record = { 0 };
      g_autofree char *reason = NULL;

      if (!_crm_automation_read_record (self, automation->module, record_id, &record, error))
        return FALSE;
      reason = _crm_automation_mismatch_reason (automation, &record);
      if (!_crm_automation_leave (self, open, reason, follow->now, error))
        return FALSE;
      follow->left++;
    }

  return TRUE;
}

static gboolean
follow_tx (CrmSession  *session,
           gpointer     user_data,
           GError     **error)
{
  CrmAutomationStore *self = crm_automation_store_from_session (session);
  Follow *follow = user_data;
  g_autoptr(CrmStatement) read = NULL;
  g_autoptr(CrmStatement) claim = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  gint64 last = follow->cursor;
  int rc;

  if (!(read = _crm_store_prepare (self,
                                   "SELECT seq, entity, entity_id FROM changes WHERE seq > ?1 ORDER BY seq LIMIT ?2",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (read, 1, follow->cursor);
  crm_statement_bind_int64 (read, 2, JOURNAL_BATCH);
  while ((rc = crm_statement_step (read)) == CRM_STEP_ROW)
    {
      const char *entity = crm_statement_get_text (read, 1);
      gint64 seq = crm_statement_get_int64 (read, 0);
      char *key;

      last = seq;
      if (!g_str_equal (entity, "ticket") && !g_str_equal (entity, "contact") && !g_str_equal (entity, "offer") &&
          !g_str_equal (entity, "search"))
        continue;
      /* one check a record, after its last change in the batch */
      key = g_strdup_printf ("%s %" G_GINT64_FORMAT, entity, crm_statement_get_int64 (read, 2));
      if (g_hash_table_contains (seen, key))
        {
          g_hash_table_replace (seen, key, GSIZE_TO_POINTER ((gsize) seq));
          continue;
        }
      g_hash_table_insert (seen, g_strdup (key), GSIZE_TO_POINTER ((gsize) seq));
      g_ptr_array_add (changes, key);
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  g_clear_pointer (&read, crm_statement_release);
  follow->done = last == follow->cursor;
  if (follow->done)
    return TRUE;

  /* the batch is this process's: a second follower finds the cursor moved */
  if (!(claim = _crm_store_prepare (self,
                                    "UPDATE change_cursors SET seq = ?2 WHERE name = 'automations' AND seq = ?1",
                                    error)))
    return FALSE;
  crm_statement_bind_int64 (claim, 1, follow->cursor);
  crm_statement_bind_int64 (claim, 2, last);
  if (!_crm_store_step_done (self, claim, error))
    return FALSE;
  if (_crm_store_count_changes (self) == 0)
    {
      follow->done = TRUE;
      return TRUE;
    }
  follow->cursor = last;

  for (guint i = 0; i < changes->len; i++)
    {
      const char *key = g_ptr_array_index (changes, i);
      gint64 seq = (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (seen, key));
      const char *space = strchr (key, ' ');
      gint64 record_id = g_ascii_strtoll (space + 1, NULL, 10);

      for (guint j = 0; j < follow->automations->len; j++)
        {
          CrmAutomationState *state = g_ptr_array_index (follow->automations, j);
          const char *entity = _crm_automation_entity (state->automation->module);

          if (seq <= state->since_seq || strncmp (key, entity, space - key) != 0 || entity[space - key] != '\0')
            continue;
          if (!check_record (self, follow, state, record_id, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* The cursor, or -1 when there is none (no continuous automation was
 * active). */
static gboolean
read_cursor (CrmAutomationStore  *self,
             gint64              *cursor,
             GError             **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "SELECT seq FROM change_cursors WHERE name = 'automations'",
                                                     error);
  gboolean row = FALSE;

  if (stmt == NULL || !_crm_store_step_row (self, stmt, &row, error))
    return FALSE;
  *cursor = row ? crm_statement_get_int64 (stmt, 0) : -1;

  return TRUE;
}

/* Sets the cursor (@seq) or forgets it (-1): without one, nothing holds
 * the journal back from pruning. */
static gboolean
write_cursor (CrmAutomationStore  *self,
              gint64               seq,
              GError             **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  if (seq < 0)
    return (stmt = _crm_store_prepare (self, "DELETE FROM change_cursors WHERE name = 'automations'", error)) &&
           _crm_store_step_done (self, stmt, error);
  if (!(stmt = _crm_store_prepare (self,
                                   "INSERT INTO change_cursors (name, seq) VALUES ('automations', ?1) "
                                   "ON CONFLICT (name) DO NOTHING",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, seq);

  return _crm_store_step_done (self, stmt, error);
}

static GPtrArray *
continuous_automations (CrmAutomationStore  *self,
                        GError             **error)
{
  g_autoptr(GArray) ids = _crm_store_collect_ids (self,
                                                  "SELECT id FROM automations WHERE active = 1 AND one_time = 0 "
                                                  "AND id > ? ORDER BY id",
                                                  0, error);
  g_autoptr(GPtrArray) states = NULL;

  if (ids == NULL)
    return NULL;
  states = g_ptr_array_new_with_free_func ((GDestroyNotify) _crm_automation_state_free);
  for (guint i = 0; i < ids->len; i++)
    {
      CrmAutomationState *state = _crm_automation_read_state (self, g_array_index (ids, gint64, i), error);

      if (state == NULL)
        return NULL;
      g_ptr_array_add (states, state);
    }

  return g_steal_pointer (&states);
}

/* Records that started or stopped matching an active continuous
 * automation since the last pass enter or leave it. */
gboolean
_crm_automation_follow_changes (CrmAutomationStore  *self,
                                guint               *entered,
                                guint               *left,
                                GCancellable        *cancellable,
                                GError             **error)
{
  g_autoptr(GPtrArray) automations = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  gint64 cursor = 0;

  if (!read_cursor (self, &cursor, error) || !(automations = continuous_automations (self, error)))
    return FALSE;
  if (automations->len == 0)
    return cursor < 0 || write_cursor (self, -1, error);
  /* none yet: from the first activation on */
  if (cursor < 0)
    {
      cursor = G_MAXINT64;
      for (guint i = 0; i < automations->len; i++)
        cursor = MIN (cursor, ((CrmAutomationState *) g_ptr_array_index (automations, i))->since_seq);
      if (!write_cursor (self, cursor, error) || !read_cursor (self, &cursor, error))
        return FALSE;
    }

  zone = crm_automation_store_get_zone (self);
  for (;;)
    {
      Follow follow = { automations, zone, cursor, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))),
                        FALSE, 0, 0 };

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !crm_session_run_in_transaction (_crm_session (self), follow_tx, &follow, error))
        return FALSE;
      *entered += follow.entered;
      *left += follow.left;
      if (follow.done)
        return TRUE;
      cursor = follow.cursor;
    }
}
