-- SPDX-License-Identifier: GPL-3.0-or-later
-- The managers' dashboard (FD6): each figure of a period is a range of
-- one of these indexes (when tickets were opened, closed, answered
-- first, when their response and resolution times fall due, our
-- replies by when and who wrote them, projects, offers, mails of
-- offers, decisions on referrals, automations' steps), with what the
-- scope asks (queue, assignee) in the index itself, so that a month of
-- an office of 100,000 tickets and a million messages is counted from
-- the indexes alone.
--
-- PostgreSQL version of migrations/0040-dashboard.sql.
CREATE INDEX tickets_created ON tickets (created_at, queue_id, assignee_id);
CREATE INDEX tickets_unclosed ON tickets (created_at, queue_id, assignee_id) WHERE closed_at IS NULL;
CREATE INDEX tickets_closed ON tickets (closed_at, queue_id, assignee_id, created_at) WHERE closed_at IS NOT NULL;
CREATE INDEX tickets_responded ON tickets (responded_at, queue_id, assignee_id) WHERE responded_at IS NOT NULL;
CREATE INDEX tickets_response_due ON tickets (response_due, queue_id, assignee_id)
  WHERE responded_at IS NULL AND response_due IS NOT NULL;
CREATE INDEX tickets_resolution_due ON tickets (resolution_due, queue_id, assignee_id)
  WHERE closed_at IS NULL AND resolution_due IS NOT NULL;
-- the load: open tickets by status and assignee
CREATE INDEX tickets_load ON tickets (status_id, assignee_id, queue_id);
-- waiting for the client's answer, reminded or not (0031's index holds
-- those not reminded yet only)
CREATE INDEX tickets_no_reply ON tickets (awaiting_since, assignee_id, queue_id, status_id)
  WHERE awaiting_since IS NOT NULL;
-- our replies: the mail we sent in tickets, by who wrote it
CREATE INDEX messages_replies ON messages (created_at, author_id, ticket_id)
  WHERE direction = 'out' AND author_id IS NOT NULL AND role IS NULL;
CREATE INDEX projects_created ON projects (created_at);
CREATE INDEX projects_closed ON projects (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX offers_created ON offers (created_at, agent_id);
CREATE INDEX offer_mails_sent ON offer_mails (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX referrals_decided ON referrals (status_changed_at) WHERE status <> 'pending';
-- stale searches and overdue tasks, as their lists count them
CREATE INDEX searches_updated ON searches (updated_at);
CREATE INDEX tasks_overdue ON tasks (due_at) WHERE done_at IS NULL;
CREATE INDEX automation_runs_done ON automation_runs (done_at, state) WHERE done_at IS NOT NULL;
