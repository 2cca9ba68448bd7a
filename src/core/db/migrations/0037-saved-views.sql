-- SPDX-License-Identifier: GPL-3.0-or-later
-- Saved views (FD4): a named filter of a module's list ('tickets',
-- 'requests', 'contacts', 'offers', 'searches'; the store checks the
-- module), saved from the list's filter bar, shown in the sidebar under
-- its module, and the records automations select (crm-view-store.c).
--
-- owner_id NULL: shared with the office; else the owner's alone, and
-- gone with the owner. filter is the module's filter as GVariant text
-- (an a{sv} with its "version"), never a fixed user for "Mine" in a
-- shared view. name_key is the name folded (case, accents as typed):
-- one name per module and owner, and one per module among the shared.
CREATE TABLE saved_views (
  id         INTEGER PRIMARY KEY,
  module     TEXT NOT NULL,
  name       TEXT NOT NULL,
  name_key   TEXT NOT NULL,
  owner_id   INTEGER REFERENCES users (id) ON DELETE CASCADE,
  filter     TEXT NOT NULL,
  created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX saved_views_name ON saved_views (module, coalesce (owner_id, 0), name_key);
-- a user's views of a module: the shared ones and their own
CREATE INDEX saved_views_owner ON saved_views (owner_id, module);

CREATE TRIGGER changes_saved_views_insert AFTER INSERT ON saved_views BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('saved-view', NEW.id);
END;

CREATE TRIGGER changes_saved_views_update AFTER UPDATE ON saved_views BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('saved-view', NEW.id);
END;

CREATE TRIGGER changes_saved_views_delete AFTER DELETE ON saved_views BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('saved-view', OLD.id);
END;
