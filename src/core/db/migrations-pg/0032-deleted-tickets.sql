-- SPDX-License-Identifier: GPL-3.0-or-later
-- Deleted tickets (TK22): for 30 days an administrator finds them, and
-- can restore them; their row, comments, tags, followers and read
-- marks kept as they were (snapshot, a GVariant in text), their mail
-- set aside (messages.deleted_ticket_id), out of every list.
--
-- PostgreSQL version of migrations/0032-deleted-tickets.sql. Only an
-- administrator deletes tickets (0020), so only an administrator reads
-- and writes the deleted ones.
CREATE TABLE deleted_tickets (
  id           bigint PRIMARY KEY,
  subject      text NOT NULL,
  client_label text,
  deleted_at   bigint NOT NULL,
  deleted_by   bigint REFERENCES users (id) ON DELETE SET NULL,
  snapshot     text NOT NULL
);
CREATE INDEX deleted_tickets_at ON deleted_tickets (deleted_at);
ALTER TABLE messages ADD COLUMN deleted_ticket_id bigint;
CREATE INDEX messages_deleted_ticket ON messages (deleted_ticket_id) WHERE deleted_ticket_id IS NOT NULL;

DO $$
BEGIN
  EXECUTE format ('REVOKE ALL ON deleted_tickets FROM %I', crm_member_role ());
  EXECUTE format ('GRANT SELECT, INSERT, UPDATE, DELETE ON deleted_tickets TO %I', crm_admin_role ());
END
$$;
