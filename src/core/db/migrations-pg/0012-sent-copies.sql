-- SPDX-License-Identifier: GPL-3.0-or-later
-- The outbox, each mail sent once: "sent" is committed the moment the
-- server accepts the message, and the copy in the Sent folder is a
-- step of its own after it, with its own tries and backoff.
--
-- data_ended_at: when the whole message but the final "." had gone
-- and the final "." was about to; a row left "sending" with this set
-- belongs to a run that died while the server took the message, and
-- is never sent again.
-- copy_state: pending (to be copied), done, none (the account has no
-- Sent folder), failed (given up after many tries); NULL for mail
-- that has not gone, or went before copies were kept apart.
--
-- PostgreSQL version of migrations/0012-sent-copies.sql: INTEGER is
-- bigint; otherwise the same.
ALTER TABLE outbox ADD COLUMN data_ended_at bigint;
ALTER TABLE outbox ADD COLUMN copy_state text
  CHECK (copy_state IN ('pending', 'done', 'none', 'failed'));
ALTER TABLE outbox ADD COLUMN copy_attempts bigint NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN copy_due_at bigint;
ALTER TABLE outbox ADD COLUMN copy_error text;
CREATE INDEX outbox_copy_due ON outbox (copy_due_at) WHERE copy_state = 'pending';

-- PostgreSQL only: the end of a message's DATA noted just before the
-- final dot (crm-outbox.c) is no news to anyone, and is written with
-- no journal row and so without the office's write lock: the moment
-- between it and the dot, where a run that dies loses the message,
-- stays as short as one round trip to the server.
DROP TRIGGER changes_outbox ON outbox;
CREATE TRIGGER changes_outbox AFTER INSERT OR DELETE ON outbox
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('outbox', 'id');
CREATE TRIGGER changes_outbox_update AFTER UPDATE ON outbox
  FOR EACH ROW
  WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.data_ended_at IS NOT DISTINCT FROM NEW.data_ended_at)
  EXECUTE FUNCTION crm_journal ('outbox', 'id');
