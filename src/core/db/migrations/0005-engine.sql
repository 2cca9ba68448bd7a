-- SPDX-License-Identifier: GPL-3.0-or-later
-- One engine per database (ARCHITECTURE.md, "Engine ownership"): the
-- running application or `crmctl serve` holds this row while it syncs
-- mail and sends the outbox. A row whose process is gone on the same
-- host is stale and taken over, and so is a row of this very process
-- (a PID used again, in a container say) whose engine no longer runs.

CREATE TABLE engine_lock (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  host        TEXT NOT NULL,
  pid         INTEGER NOT NULL,
  owner       TEXT NOT NULL,
  token       TEXT NOT NULL,
  started_at  INTEGER NOT NULL
);
