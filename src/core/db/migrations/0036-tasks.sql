-- SPDX-License-Identifier: GPL-3.0-or-later
-- Tasks (FD5, issue 15): something a user is to do by a time, perhaps
-- about one record (a ticket or request, a contact, an offer or a
-- search: record_module names its table, record_id its row; no foreign
-- key can span four tables, so a task of a record deleted since keeps
-- its title and says the record is gone). Done or not (done_at, by
-- done_by); notified_at is when a desktop told the user it fell due:
-- claimed by one conditional update, so that the user is told once,
-- whichever desktop, however long the application was closed.
-- automation_run_id names the automation's step that created the task;
-- the automations' migration adds its reference.
CREATE TABLE tasks (
  id                INTEGER PRIMARY KEY,
  title             TEXT NOT NULL CHECK (length (title) BETWEEN 1 AND 200),
  user_id           INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  due_at            INTEGER NOT NULL,
  record_module     TEXT CHECK (record_module IN ('tickets', 'contacts', 'offers', 'searches')),
  record_id         INTEGER,
  done_at           INTEGER,
  done_by           INTEGER REFERENCES users (id) ON DELETE SET NULL,
  notified_at       INTEGER,
  created_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at        INTEGER NOT NULL,
  automation_run_id INTEGER,
  CHECK ((record_module IS NULL) = (record_id IS NULL))
);
-- a user's open tasks by due time ("My Tasks", the overdue count)
CREATE INDEX tasks_user_open ON tasks (user_id, due_at) WHERE done_at IS NULL;
-- the next task to fall due that nobody was told of
CREATE INDEX tasks_due ON tasks (due_at) WHERE done_at IS NULL AND notified_at IS NULL;
-- a record's tasks, on its card
CREATE INDEX tasks_record ON tasks (record_module, record_id);

-- a deactivated user is given no new work (0015)
CREATE TRIGGER users_inactive_task_insert BEFORE INSERT ON tasks
WHEN EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND deactivated_at IS NOT NULL)
BEGIN
  SELECT RAISE (ABORT, 'crm-user-deactivated');
END;

CREATE TRIGGER changes_tasks_insert AFTER INSERT ON tasks BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('task', NEW.id);
END;

CREATE TRIGGER changes_tasks_update AFTER UPDATE ON tasks BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('task', NEW.id);
END;

CREATE TRIGGER changes_tasks_delete AFTER DELETE ON tasks BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('task', OLD.id);
END;
