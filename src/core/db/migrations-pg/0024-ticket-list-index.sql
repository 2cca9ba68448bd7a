-- The ticket list's order, newest message first, with what its usual
-- filters ask of each ticket (status, queue, assignee) in the index
-- itself: a list of 75,000 open tickets is read from the index alone
-- (an index-only scan) instead of the table, and needs no sort (it
-- replaces tickets_updated, 0006).
--
-- PostgreSQL version of migrations/0024-ticket-list-index.sql.
DROP INDEX tickets_updated;
CREATE INDEX tickets_newest ON tickets (last_message_at DESC, id DESC) INCLUDE (status_id, queue_id, assignee_id);
