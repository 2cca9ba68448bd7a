-- SPDX-License-Identifier: GPL-3.0-or-later
-- The no-reply reminder (RQ12): since when a ticket waits for the
-- client's answer to our last mail (NULL when the last mail is the
-- client's, or there is none), and when its manager was reminded; the
-- office's number of days (settings 'no-answer-days', 0 for never).
--
-- PostgreSQL version of migrations/0031-no-answer.sql.
ALTER TABLE tickets ADD COLUMN awaiting_since bigint;
ALTER TABLE tickets ADD COLUMN reminded_at bigint;
UPDATE tickets SET awaiting_since = (SELECT CASE WHEN m.direction = 'out' THEN m.created_at END FROM messages m
                                      WHERE m.ticket_id = tickets.id ORDER BY m.id DESC LIMIT 1)
 WHERE has_mail = 1;
CREATE INDEX tickets_awaiting ON tickets (assignee_id, awaiting_since)
  WHERE awaiting_since IS NOT NULL AND reminded_at IS NULL;
INSERT INTO settings (key, value) VALUES ('no-answer-days', '3') ON CONFLICT DO NOTHING;
