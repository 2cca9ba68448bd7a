-- SPDX-License-Identifier: GPL-3.0-or-later
-- Where a copy in the Sent folder was about to go: the folder's
-- UIDVALIDITY and UIDNEXT just before the APPEND. A try that died
-- after the APPEND finds its copy at or after that UID, and does not
-- make a second one.
--
-- PostgreSQL version of migrations/0013-sent-copy-place.sql: INTEGER is
-- bigint; otherwise the same.
ALTER TABLE outbox ADD COLUMN copy_uidvalidity bigint;
ALTER TABLE outbox ADD COLUMN copy_uidnext bigint;
