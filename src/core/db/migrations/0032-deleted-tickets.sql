-- SPDX-License-Identifier: GPL-3.0-or-later
-- Deleted tickets (TK22): for 30 days an administrator finds them, and
-- can restore them; their row, comments, tags, followers and read
-- marks kept as they were (snapshot, a GVariant in text), their mail
-- set aside (messages.deleted_ticket_id), out of every list.
CREATE TABLE deleted_tickets (
  id           INTEGER PRIMARY KEY,
  subject      TEXT NOT NULL,
  client_label TEXT,
  deleted_at   INTEGER NOT NULL,
  deleted_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
  snapshot     TEXT NOT NULL
);
CREATE INDEX deleted_tickets_at ON deleted_tickets (deleted_at);
ALTER TABLE messages ADD COLUMN deleted_ticket_id INTEGER;
CREATE INDEX messages_deleted_ticket ON messages (deleted_ticket_id) WHERE deleted_ticket_id IS NOT NULL;
