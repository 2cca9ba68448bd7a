-- SPDX-License-Identifier: GPL-3.0-or-later
-- Tickets and requests (TK, RQ): incoming mail threaded into tickets,
-- queues with their rules, statuses, priorities with response and
-- resolution times, comments, and who has read what.

CREATE TABLE queues (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  -- a mail to a closed ticket: a new ticket (RQ11), or the same reopened
  closed_mail TEXT NOT NULL DEFAULT 'new' CHECK (closed_mail IN ('new', 'reopen')),
  created_at  INTEGER NOT NULL
);
-- the default queue: where mail goes that no rule takes
INSERT INTO queues (id, name, created_at) VALUES (1, 'Inbox', 0);

CREATE TABLE statuses (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE COLLATE NOCASE,
  kind     TEXT NOT NULL CHECK (kind IN ('new', 'open', 'pending', 'closed')),
  position INTEGER NOT NULL
);
INSERT INTO statuses (id, name, kind, position) VALUES
  (1, 'New', 'new', 1), (2, 'Open', 'open', 2), (3, 'Pending', 'pending', 3), (4, 'Closed', 'closed', 4);

-- response and resolution times in minutes (SLA); NULL: none
CREATE TABLE priorities (
  id                 INTEGER PRIMARY KEY,
  name               TEXT NOT NULL UNIQUE COLLATE NOCASE,
  position           INTEGER NOT NULL,
  response_minutes   INTEGER,
  resolution_minutes INTEGER
);
INSERT INTO priorities (id, name, position, response_minutes, resolution_minutes) VALUES
  (1, 'Low', 1, 1440, 10080), (2, 'Normal', 2, 480, 2880), (3, 'High', 3, 60, 480), (4, 'Urgent', 4, 15, 240);

CREATE TABLE categories (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE tickets (
  id             INTEGER PRIMARY KEY,
  subject        TEXT NOT NULL,
  queue_id       INTEGER NOT NULL REFERENCES queues (id),
  status_id      INTEGER NOT NULL REFERENCES statuses (id),
  priority_id    INTEGER NOT NULL REFERENCES priorities (id),
  category_id    INTEGER REFERENCES categories (id) ON DELETE SET NULL,
  source         TEXT NOT NULL CHECK (source IN ('email', 'phone', 'sms', 'chat', 'web', 'letter', 'other')),
  client_id      INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
  -- the sender's address while they are not a contact (RQ7)
  client_address TEXT,
  assignee_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  last_message_at INTEGER NOT NULL,
  response_due   INTEGER,
  resolution_due INTEGER,
  responded_at   INTEGER,
  closed_at      INTEGER,
  -- 0 while the ticket holds comments only (TK9)
  has_mail       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tickets_updated ON tickets (last_message_at, id);
CREATE INDEX tickets_queue ON tickets (queue_id, last_message_at);
CREATE INDEX tickets_status ON tickets (status_id, last_message_at);
CREATE INDEX tickets_assignee ON tickets (assignee_id, last_message_at);
CREATE INDEX tickets_client ON tickets (client_id) WHERE client_id IS NOT NULL;
CREATE INDEX tickets_client_address ON tickets (client_address) WHERE client_address IS NOT NULL;

CREATE TABLE ticket_tags (
  ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  tag_id    INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (ticket_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX ticket_tags_tag ON ticket_tags (tag_id);

CREATE TABLE ticket_followers (
  ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (ticket_id, user_id)
) WITHOUT ROWID;

-- read is a row: new mail deletes the ticket's rows
CREATE TABLE ticket_reads (
  ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  read_at   INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, user_id)
) WITHOUT ROWID;

-- internal comments (never sent) and system comments (who did what)
CREATE TABLE ticket_comments (
  id         INTEGER PRIMARY KEY,
  ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('comment', 'system')),
  author_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX ticket_comments_ticket ON ticket_comments (ticket_id, id);

-- mail in a ticket, and why it was put there
ALTER TABLE messages ADD COLUMN ticket_id INTEGER REFERENCES tickets (id) ON DELETE SET NULL;
ALTER TABLE messages ADD COLUMN thread_reason TEXT;
ALTER TABLE messages ADD COLUMN author_id INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE messages ADD COLUMN outbox_id INTEGER;
CREATE INDEX messages_ticket ON messages (ticket_id, id) WHERE ticket_id IS NOT NULL;

-- rules for incoming mail (TK17): the first that matches wins
CREATE TABLE rules (
  id          INTEGER PRIMARY KEY,
  position    INTEGER NOT NULL,
  field       TEXT NOT NULL CHECK (field IN ('from', 'to', 'subject')),
  contains    TEXT NOT NULL,
  queue_id    INTEGER NOT NULL REFERENCES queues (id) ON DELETE CASCADE,
  priority_id INTEGER REFERENCES priorities (id),
  tag_id      INTEGER REFERENCES tags (id) ON DELETE SET NULL
);
CREATE INDEX rules_position ON rules (position);
