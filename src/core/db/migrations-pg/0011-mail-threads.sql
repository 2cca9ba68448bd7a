-- SPDX-License-Identifier: GPL-3.0-or-later
-- Threads as mail readers build them (JWZ): every Message-ID a message
-- names in In-Reply-To and References, whether or not we hold that
-- message, so that two replies to the same missing parent meet in one
-- ticket. And mail that opens no ticket says why, while list and bulk
-- mail only keeps us from answering automatically.
--
-- PostgreSQL version of migrations/0011-mail-threads.sql. Differences:
-- INTEGER is bigint (bulk stays a 0/1 bigint); WITHOUT ROWID is a plain
-- table; INSERT OR IGNORE is ON CONFLICT DO NOTHING; SQLite's recursive
-- split of References at each space is string_to_array (refs, ' '),
-- which cuts at the same places (empty pieces skipped as there).

CREATE TABLE message_refs (
  ref     text NOT NULL,
  message bigint NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  PRIMARY KEY (ref, message)
);
CREATE INDEX message_refs_message ON message_refs (message);

INSERT INTO message_refs (ref, message)
  SELECT r.ref, m.id
  FROM messages m CROSS JOIN LATERAL unnest (string_to_array (m.refs, ' ')) AS r (ref)
  WHERE m.refs IS NOT NULL AND m.refs <> '' AND r.ref <> ''
ON CONFLICT DO NOTHING;
INSERT INTO message_refs (ref, message)
  SELECT in_reply_to, id FROM messages WHERE in_reply_to IS NOT NULL AND in_reply_to <> ''
ON CONFLICT DO NOTHING;

-- why incoming mail opens no ticket: 'auto-reply' (RFC 3834) or
-- 'delivery-report'; 'automatic' for what earlier versions judged
-- automatic, list and bulk mail included
ALTER TABLE messages ADD COLUMN automatic text
  CHECK (automatic IN ('auto-reply', 'delivery-report', 'automatic'));
-- list or bulk mail (Precedence, List-Id): never answered automatically
ALTER TABLE messages ADD COLUMN bulk bigint NOT NULL DEFAULT 0;

UPDATE messages SET automatic = 'automatic' WHERE direction = 'in' AND auto_reply = 1;
CREATE INDEX messages_unticketed ON messages (id) WHERE ticket_id IS NULL AND direction = 'in';
