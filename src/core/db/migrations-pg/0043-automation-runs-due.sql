-- SPDX-License-Identifier: GPL-3.0-or-later
-- The steps waiting, in the order the scheduler does them (due time,
-- then id): a batch of them is the first rows of this index, never all
-- the steps due sorted first (a catch-up of 100,000 steps sorted them
-- all again for every batch of 200).
DROP INDEX automation_runs_due;
CREATE INDEX automation_runs_due ON automation_runs (due_at, id) WHERE state = 'waiting';
