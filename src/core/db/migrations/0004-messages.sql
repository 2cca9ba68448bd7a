-- SPDX-License-Identifier: GPL-3.0-or-later
-- Mail in: every imported message with its exact raw bytes, its
-- attachments and its search row; and where each folder's import
-- stands (UIDVALIDITY), so a re-sync neither loses nor doubles mail.

CREATE TABLE folders (
  account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  uidvalidity INTEGER NOT NULL,
  uidnext     INTEGER NOT NULL DEFAULT 0,
  synced_at   INTEGER,
  PRIMARY KEY (account_id, name)
) WITHOUT ROWID;

CREATE TABLE messages (
  id           INTEGER PRIMARY KEY,
  account_id   INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  direction    TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  message_id   TEXT NOT NULL,
  synthetic_id INTEGER NOT NULL DEFAULT 0,
  raw_hash     TEXT NOT NULL,
  in_reply_to  TEXT,
  refs         TEXT,
  from_name    TEXT,
  from_address TEXT,
  to_addresses TEXT,
  cc_addresses TEXT,
  subject      TEXT NOT NULL,
  date         INTEGER,
  body_text    TEXT NOT NULL,
  auto_reply   INTEGER NOT NULL DEFAULT 0,
  raw          BLOB NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX messages_message_id ON messages (message_id, raw_hash);

-- Where each message was seen on a server: (account, UIDVALIDITY, UID).
CREATE TABLE message_uids (
  account_id  INTEGER NOT NULL,
  folder      TEXT NOT NULL,
  uidvalidity INTEGER NOT NULL,
  uid         INTEGER NOT NULL,
  message     INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  PRIMARY KEY (account_id, folder, uidvalidity, uid)
) WITHOUT ROWID;

CREATE TABLE attachments (
  id         INTEGER PRIMARY KEY,
  message    INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  mime_type  TEXT NOT NULL,
  size       INTEGER NOT NULL,
  data       BLOB NOT NULL
);
CREATE INDEX attachments_message ON attachments (message);

CREATE VIRTUAL TABLE messages_fts USING fts5 (
  subject, body, addresses,
  tokenize = 'unicode61 remove_diacritics 2'
);
