-- SPDX-License-Identifier: GPL-3.0-or-later
-- Threads as mail readers build them (JWZ): every Message-ID a message
-- names in In-Reply-To and References, whether or not we hold that
-- message, so that two replies to the same missing parent meet in one
-- ticket. And mail that opens no ticket says why, while list and bulk
-- mail only keeps us from answering automatically.

CREATE TABLE message_refs (
  ref     TEXT NOT NULL,
  message INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  PRIMARY KEY (ref, message)
) WITHOUT ROWID;
CREATE INDEX message_refs_message ON message_refs (message);

WITH RECURSIVE split (message, ref, rest) AS (
  SELECT id, '', refs || ' ' FROM messages WHERE refs IS NOT NULL AND refs <> ''
  UNION ALL
  SELECT message, substr (rest, 1, instr (rest, ' ') - 1), substr (rest, instr (rest, ' ') + 1)
  FROM split WHERE rest <> ''
)
INSERT OR IGNORE INTO message_refs (ref, message) SELECT ref, message FROM split WHERE ref <> '';
INSERT OR IGNORE INTO message_refs (ref, message)
  SELECT in_reply_to, id FROM messages WHERE in_reply_to IS NOT NULL AND in_reply_to <> '';

-- why incoming mail opens no ticket: 'auto-reply' (RFC 3834) or
-- 'delivery-report'; 'automatic' for what earlier versions judged
-- automatic, list and bulk mail included
ALTER TABLE messages ADD COLUMN automatic TEXT
  CHECK (automatic IN ('auto-reply', 'delivery-report', 'automatic'));
-- list or bulk mail (Precedence, List-Id): never answered automatically
ALTER TABLE messages ADD COLUMN bulk INTEGER NOT NULL DEFAULT 0;

UPDATE messages SET automatic = 'automatic' WHERE direction = 'in' AND auto_reply = 1;
CREATE INDEX messages_unticketed ON messages (id) WHERE ticket_id IS NULL AND direction = 'in';
