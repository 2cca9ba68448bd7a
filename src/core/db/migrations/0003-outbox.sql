-- SPDX-License-Identifier: GPL-3.0-or-later
-- The outbox: everything that sends writes a row here first, with the
-- exact bytes to send. States: waiting (undo window or scheduled),
-- sending, sent, failed, cancelled.

CREATE TABLE outbox (
  id          INTEGER PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES accounts (id),
  state       TEXT NOT NULL CHECK (state IN ('waiting', 'sending', 'sent', 'failed', 'cancelled')),
  created_at  INTEGER NOT NULL,
  due_at      INTEGER NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT,
  sent_at     INTEGER,
  message_id  TEXT NOT NULL,
  sender      TEXT NOT NULL,
  recipients  TEXT NOT NULL,
  subject     TEXT,
  raw         BLOB NOT NULL
);
CREATE INDEX outbox_due ON outbox (due_at) WHERE state = 'waiting';
CREATE INDEX outbox_state ON outbox (state, id);
