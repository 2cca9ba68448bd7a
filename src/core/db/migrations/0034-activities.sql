-- SPDX-License-Identifier: GPL-3.0-or-later
-- Calls and chats (TK6): what was said on the phone or in a chat, with
-- whom (a contact, or only a number), when and how long, entered by
-- hand, by crmctl or imported from a PBX's or a chat's export, then
-- linked to the ticket it belongs to (a system comment there says so).
-- phone is normalised (crm_normalize_phone ()) so that it meets
-- contact_phones.number_norm. A linked activity of a deleted ticket
-- waits in deleted_ticket_id, as its mail does (0032).
CREATE TABLE activities (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('call', 'chat')),
  contact_id        INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
  phone             TEXT,
  at                INTEGER NOT NULL,
  duration_s        INTEGER NOT NULL DEFAULT 0 CHECK (duration_s >= 0),
  note              TEXT NOT NULL DEFAULT '',
  ticket_id         INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
  deleted_ticket_id INTEGER,
  linked_by         INTEGER REFERENCES users (id) ON DELETE SET NULL,
  linked_at         INTEGER,
  created_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at        INTEGER NOT NULL
);
-- "today's unlinked of this contact or number" and "recent unlinked"
CREATE INDEX activities_unlinked_contact ON activities (contact_id, at) WHERE ticket_id IS NULL;
CREATE INDEX activities_unlinked_phone ON activities (phone, at) WHERE ticket_id IS NULL;
CREATE INDEX activities_unlinked ON activities (at) WHERE ticket_id IS NULL;
-- a ticket's, and the list by time
CREATE INDEX activities_ticket ON activities (ticket_id) WHERE ticket_id IS NOT NULL;
CREATE INDEX activities_at ON activities (at, id);

CREATE TRIGGER changes_activities_insert AFTER INSERT ON activities BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('activity', NEW.id);
END;

CREATE TRIGGER changes_activities_update AFTER UPDATE ON activities BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('activity', NEW.id);
END;

CREATE TRIGGER changes_activities_delete AFTER DELETE ON activities BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('activity', OLD.id);
END;
