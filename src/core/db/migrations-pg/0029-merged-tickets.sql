-- SPDX-License-Identifier: GPL-3.0-or-later
-- Merging tickets (TK19): a ticket merged into another keeps its
-- number, closed, pointing to the one that holds its mail now; mail
-- naming the old number goes there.
--
-- PostgreSQL version of migrations/0029-merged-tickets.sql.
ALTER TABLE tickets ADD COLUMN merged_into bigint REFERENCES tickets (id) ON DELETE SET NULL;
CREATE INDEX tickets_merged_into ON tickets (merged_into) WHERE merged_into IS NOT NULL;
