-- SPDX-License-Identifier: GPL-3.0-or-later
-- Offer mails written for people (issue 10, defects 12, 13 and 17).
--
-- PostgreSQL version of migrations/0016-offer-mail-people.sql.
-- Differences: INSERT OR IGNORE is ON CONFLICT DO NOTHING; instr () is
-- strpos (); INTEGER is bigint. The index on SQLite's
-- "ifnull (agent_id, 0)" is on coalesce (agent_id, 0), and ifnull () is
-- defined here as SQLite's (an SQL function the planner expands into
-- coalesce): the store's "ifnull (agent_id, 0) = ?" stays one text for
-- both databases and still finds this index.
--
-- A contact's preferred language for the mail the office writes to
-- them ('pl', 'ru', 'hu', 'en'); NULL is the office's language, the
-- setting 'client-language'. The store checks the codes.
ALTER TABLE contacts ADD COLUMN language text;
INSERT INTO settings (key, value) VALUES ('client-language', 'en') ON CONFLICT DO NOTHING;

-- SQLite's ifnull (x, y): x, or y when x is NULL
CREATE FUNCTION ifnull (value anycompatible, fallback anycompatible) RETURNS anycompatible
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT coalesce (value, fallback)';

-- A prepared mail belongs to the agent of its searches (else the
-- client's manager): a client has at most one pending mail per agent,
-- not one in all, so offers for one agent's search no longer join a
-- mail waiting in another agent's box.
DROP INDEX offer_mails_pending;
CREATE UNIQUE INDEX offer_mails_pending ON offer_mails (client_id, coalesce (agent_id, 0)) WHERE state = 'pending';
UPDATE offer_mails SET agent_id = (SELECT manager_id FROM contacts WHERE id = offer_mails.client_id)
WHERE state = 'pending' AND agent_id IS NULL
  AND NOT EXISTS (SELECT 1 FROM offer_mails o, contacts c
                  WHERE c.id = offer_mails.client_id AND o.client_id = c.id AND o.state = 'pending'
                    AND o.agent_id = c.manager_id);

-- The history of an offer or a search names the mail it sent (OF9), so
-- the window can say what went to whom, and open it. Older rows named
-- the outbox message and its Message-ID in their text: they are linked
-- by it.
ALTER TABLE history ADD COLUMN offer_mail_id bigint REFERENCES offer_mails (id) ON DELETE SET NULL;
UPDATE history SET offer_mail_id =
  (SELECT m.id FROM offer_mail_items i JOIN offer_mails m ON m.id = i.mail_id JOIN outbox o ON o.id = m.outbox_id
   WHERE i.offer_id = history.entity_id AND strpos (history.detail, '<' || o.message_id || '>') > 0 LIMIT 1)
WHERE entity = 'offer' AND action = 'mailed';
UPDATE history SET offer_mail_id =
  (SELECT m.id FROM offer_mail_items i JOIN offer_mails m ON m.id = i.mail_id JOIN outbox o ON o.id = m.outbox_id
   WHERE i.search_id = history.entity_id AND strpos (history.detail, '<' || o.message_id || '>') > 0 LIMIT 1)
WHERE entity = 'search' AND action = 'mailed';
