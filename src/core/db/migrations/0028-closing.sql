-- SPDX-License-Identifier: GPL-3.0-or-later
-- Closing a ticket or request with an outcome (RQ9, RQ10), blocking a
-- spammer, and the journal of what each user may undo (issue 14).

-- the office's reasons why a client did not buy (RQ9): administrators
-- keep the list; a reason in use is never deleted, only no longer
-- offered
CREATE TABLE close_reasons (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  position   INTEGER NOT NULL,
  offered    INTEGER NOT NULL DEFAULT 1
);

-- how a closed ticket ended, beside its closed status: NULL (solved),
-- won, won't buy (with a reason) or spam; and who closed it
ALTER TABLE tickets ADD COLUMN outcome TEXT CHECK (outcome IN ('won', 'wont_buy', 'spam'));
ALTER TABLE tickets ADD COLUMN close_reason_id INTEGER REFERENCES close_reasons (id);
ALTER TABLE tickets ADD COLUMN closed_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX tickets_outcome ON tickets (closed_at) WHERE outcome IS NOT NULL;

-- senders whose mail goes to "Automatic mail", never to a ticket
CREATE TABLE blocked_senders (
  address    TEXT PRIMARY KEY COLLATE NOCASE,
  ticket_id  INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
  blocked_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  blocked_at INTEGER NOT NULL
);

-- What each user may undo: the operation, the ticket, and what the
-- operation changed as it was before (a GVariant dictionary in text),
-- so that the whole operation is reversed in one transaction; a step
-- undone is kept, with when. user_id NULL: crmctl with no --as.
CREATE TABLE undo_steps (
  id        INTEGER PRIMARY KEY,
  user_id   INTEGER REFERENCES users (id) ON DELETE CASCADE,
  at        INTEGER NOT NULL,
  operation TEXT NOT NULL,
  ticket_id INTEGER NOT NULL,
  state     TEXT NOT NULL,
  undone_at INTEGER
);
CREATE INDEX undo_steps_user ON undo_steps (user_id, id);
