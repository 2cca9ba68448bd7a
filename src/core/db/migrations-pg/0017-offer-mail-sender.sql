-- SPDX-License-Identifier: GPL-3.0-or-later
-- Who sent a mail with offers (issue 10, defect 17): a prepared mail is
-- its agent's, but a manager may send it from the whole office's
-- "Emails to send"; the history names who did. NULL for automatic
-- mail, and for mail sent before this was kept (then its agent).
--
-- PostgreSQL version of migrations/0017-offer-mail-sender.sql: INTEGER
-- is bigint; otherwise the same.
ALTER TABLE offer_mails ADD COLUMN sent_by bigint REFERENCES users (id) ON DELETE SET NULL;
UPDATE offer_mails SET sent_by = agent_id WHERE kind <> 'automatic' AND state <> 'pending';
