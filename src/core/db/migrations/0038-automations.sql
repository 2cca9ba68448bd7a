-- SPDX-License-Identifier: GPL-3.0-or-later
-- Automations (AU1-AU8): records of a module selected by a status or a
-- saved view enter an automation, and each entry's steps (a mail to the
-- client, a mail to a user, a task) fall due at wall-clock times in the
-- office's time zone. Every step of every entry is a durable row,
-- written with its entry, and done by one conditional update in the
-- same transaction as its outbox row or task: never twice, never lost.

-- An automation, its current version and how records enter it. A
-- version that records entered is never changed again: editing it makes
-- the next one, its steps copied (entries keep theirs).
CREATE TABLE automations (
  id            INTEGER PRIMARY KEY,
  module        TEXT NOT NULL CHECK (module IN ('tickets', 'requests', 'contacts', 'offers', 'searches')),
  name          TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 0,
  version       INTEGER NOT NULL DEFAULT 1,
  selector      TEXT NOT NULL CHECK (selector IN ('status', 'view')),
  status_id     INTEGER REFERENCES statuses (id),
  view_id       INTEGER,
  only_new      INTEGER NOT NULL DEFAULT 0,
  one_time      INTEGER NOT NULL DEFAULT 0,
  catch_up      TEXT NOT NULL DEFAULT 'late' CHECK (catch_up IN ('late', 'next', 'skip')),
  -- why the scheduler stopped it (its mails failing); activating clears it
  paused_reason TEXT,
  -- mails of it that failed in a row, for the pause
  failures      INTEGER NOT NULL DEFAULT 0,
  activated_at  INTEGER,
  -- the journal of changes as it was at activation: a continuous
  -- automation follows the changes after it
  since_seq     INTEGER NOT NULL DEFAULT 0,
  -- records still to enter in bulk (activation, a one-time run), in
  -- id order after this one; NULL when none
  pending_from  INTEGER,
  -- the version that records entered last (frozen); 0: none yet
  frozen        INTEGER NOT NULL DEFAULT 0,
  -- when the scheduler last did, skipped or moved a step of it (its log
  -- changed: the journal tells the windows)
  ran_at        INTEGER,
  created_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX automations_module ON automations (module, id);
-- the records of a status in id order, page by page (activation)
CREATE INDEX tickets_status_id ON tickets (status_id, id);

-- minute_of_day NULL: the entry's own time of day; weekdays: a mask,
-- Monday = 1 … Sunday = 64 (crm-schedule.h); recipient_user_id NULL:
-- the record's responsible user; sender 'owner': the record's
-- responsible user, 'user': sender_user_id
CREATE TABLE automation_steps (
  id                INTEGER PRIMARY KEY,
  automation_id     INTEGER NOT NULL REFERENCES automations (id) ON DELETE CASCADE,
  version           INTEGER NOT NULL,
  position          INTEGER NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('email-contact', 'email-user', 'task')),
  delay_days        INTEGER NOT NULL CHECK (delay_days BETWEEN 0 AND 3650),
  minute_of_day     INTEGER CHECK (minute_of_day BETWEEN 0 AND 1439),
  weekdays          INTEGER NOT NULL DEFAULT 127 CHECK (weekdays BETWEEN 1 AND 127),
  template_id       INTEGER REFERENCES templates (id) ON DELETE SET NULL,
  task_title        TEXT,
  recipient_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
  sender            TEXT NOT NULL DEFAULT 'owner' CHECK (sender IN ('owner', 'user')),
  sender_user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
  UNIQUE (automation_id, version, position)
);

-- A record's stay in an automation; a record that leaves and comes back
-- is a new entry. One open entry per record and automation.
CREATE TABLE automation_entries (
  id            INTEGER PRIMARY KEY,
  automation_id INTEGER NOT NULL REFERENCES automations (id) ON DELETE CASCADE,
  version       INTEGER NOT NULL,
  record_id     INTEGER NOT NULL,
  entered_at    INTEGER NOT NULL,
  left_at       INTEGER,
  left_reason   TEXT,
  -- matched when an automation of only new records was activated: inside,
  -- with no steps, so that only records that start matching get them
  baseline      INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX automation_entries_open ON automation_entries (automation_id, record_id) WHERE left_at IS NULL;
CREATE INDEX automation_entries_record ON automation_entries (record_id);

-- One step of one entry: written waiting with its entry, then done,
-- skipped or failed, with why; the outbox row or the task it made.
CREATE TABLE automation_runs (
  id            INTEGER PRIMARY KEY,
  automation_id INTEGER NOT NULL REFERENCES automations (id) ON DELETE CASCADE,
  entry_id      INTEGER NOT NULL REFERENCES automation_entries (id) ON DELETE CASCADE,
  step_id       INTEGER NOT NULL REFERENCES automation_steps (id) ON DELETE CASCADE,
  due_at        INTEGER NOT NULL,
  state         TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'done', 'skipped', 'failed')),
  done_at       INTEGER,
  reason        TEXT,
  -- found due later than a scheduler's tick: the application was closed
  caught_up     INTEGER NOT NULL DEFAULT 0,
  outbox_id     INTEGER,
  task_id       INTEGER,
  -- the address written to, normalised (the daily cap counts by it)
  recipient     TEXT,
  UNIQUE (entry_id, step_id)
);
-- the scheduler's next due time: a probe of this index, never a scan
CREATE INDEX automation_runs_due ON automation_runs (due_at) WHERE state = 'waiting';
CREATE INDEX automation_runs_log ON automation_runs (automation_id, id);
CREATE INDEX automation_runs_outbox ON automation_runs (outbox_id) WHERE outbox_id IS NOT NULL;
CREATE INDEX automation_runs_recipient ON automation_runs (recipient, done_at) WHERE outbox_id IS NOT NULL;

-- a task an automation's step made (0036) names its run; SQLite adds
-- no reference to a table that exists: a trigger forgets deleted runs
CREATE INDEX tasks_automation_run ON tasks (automation_run_id) WHERE automation_run_id IS NOT NULL;
CREATE TRIGGER automation_runs_tasks_delete AFTER DELETE ON automation_runs BEGIN
  UPDATE tasks SET automation_run_id = NULL WHERE automation_run_id = OLD.id;
END;

-- How far a follower of the journal of changes has read, kept across
-- restarts; pruning keeps the rows after the lowest (0010). The
-- automations' row is there while a continuous automation is active.
CREATE TABLE change_cursors (
  name TEXT PRIMARY KEY,
  seq  INTEGER NOT NULL
);

CREATE TRIGGER changes_automations_insert AFTER INSERT ON automations BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('automation', NEW.id);
END;

CREATE TRIGGER changes_automations_update AFTER UPDATE ON automations BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('automation', NEW.id);
END;

CREATE TRIGGER changes_automations_delete AFTER DELETE ON automations BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('automation', OLD.id);
END;
