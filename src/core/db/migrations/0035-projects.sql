-- SPDX-License-Identifier: GPL-3.0-or-later
-- Projects made from sales requests (RQ8, RQ13): a request can have
-- several; each is a name and items (material, quantity, unit, price,
-- terms), and the request closes itself when its last project closes.
-- Amounts are integers, never floating point: a quantity in thousandths
-- of its unit (2.5 m is 2500), a price per unit in minor units of the
-- office's currency (12.50 is 1250); a line's total is quantity × price
-- / 1000, rounded half up. A project's version is one more with every
-- change: an editor saves only over the version it read.
CREATE TABLE projects (
  id         INTEGER PRIMARY KEY,
  ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  closed_at  INTEGER,
  closed_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
  version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX projects_ticket ON projects (ticket_id, id);

CREATE TABLE project_items (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  material   TEXT NOT NULL,
  quantity   INTEGER NOT NULL CHECK (quantity > 0),
  unit       TEXT,
  price      INTEGER NOT NULL CHECK (price >= 0),
  terms      TEXT
);
CREATE INDEX project_items_project ON project_items (project_id, position);

-- a project changed is its request changed, for the windows that show
-- it (every change of its items is one more version of the project)
CREATE TRIGGER changes_projects_insert AFTER INSERT ON projects BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', NEW.ticket_id);
END;

CREATE TRIGGER changes_projects_update AFTER UPDATE ON projects BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', NEW.ticket_id);
END;
