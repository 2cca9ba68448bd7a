-- SPDX-License-Identifier: GPL-3.0-or-later
-- The tickets a user follows, and the tickets of a source, by index
-- (the Tickets page's "Following" and source filters). IF NOT EXISTS:
-- for a while these were step 8, before the offers took that number.
--
-- PostgreSQL version of migrations/0009-ticket-filters.sql: the same
-- statements (IF NOT EXISTS kept, though no PostgreSQL database ever
-- had them in step 8).

CREATE INDEX IF NOT EXISTS ticket_followers_user ON ticket_followers (user_id, ticket_id);
CREATE INDEX IF NOT EXISTS tickets_source ON tickets (source, last_message_at);
