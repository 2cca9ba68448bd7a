-- SPDX-License-Identifier: GPL-3.0-or-later
-- Users leave and mail accounts change (issue 10, defects 6 and 16).
--
-- A deactivated user keeps every row that names them (tickets,
-- comments, offers, history), cannot choose themselves at "Who is
-- working?" and is given no new work: explicit changes that would give
-- them some are refused (the store turns the RAISE into a translated
-- error), and automatic ones (mail routed to a client's manager, a
-- search defaulting to the manager) leave the work unassigned instead.
--
-- A removed mail account keeps its row, for the outbox and the history
-- that point at it, but no longer reads or sends mail; its address is
-- free to be added again.

ALTER TABLE users ADD COLUMN deactivated_at INTEGER;
ALTER TABLE accounts ADD COLUMN removed_at INTEGER;

CREATE TRIGGER users_inactive_ticket_assign BEFORE UPDATE OF assignee_id ON tickets
WHEN NEW.assignee_id IS NOT OLD.assignee_id
     AND EXISTS (SELECT 1 FROM users WHERE id = NEW.assignee_id AND deactivated_at IS NOT NULL)
BEGIN
  SELECT RAISE (ABORT, 'crm-user-deactivated');
END;

CREATE TRIGGER users_inactive_ticket_insert AFTER INSERT ON tickets
WHEN EXISTS (SELECT 1 FROM users WHERE id = NEW.assignee_id AND deactivated_at IS NOT NULL)
BEGIN
  UPDATE tickets SET assignee_id = NULL WHERE id = NEW.id;
END;

CREATE TRIGGER users_inactive_offer_agent BEFORE UPDATE OF agent_id ON offers
WHEN NEW.agent_id IS NOT OLD.agent_id
     AND EXISTS (SELECT 1 FROM users WHERE id = NEW.agent_id AND deactivated_at IS NOT NULL)
BEGIN
  SELECT RAISE (ABORT, 'crm-user-deactivated');
END;

CREATE TRIGGER users_inactive_offer_insert AFTER INSERT ON offers
WHEN EXISTS (SELECT 1 FROM users WHERE id = NEW.agent_id AND deactivated_at IS NOT NULL)
BEGIN
  UPDATE offers SET agent_id = NULL WHERE id = NEW.id;
END;

CREATE TRIGGER users_inactive_search_agent BEFORE UPDATE OF agent_id ON searches
WHEN NEW.agent_id IS NOT OLD.agent_id
     AND EXISTS (SELECT 1 FROM users WHERE id = NEW.agent_id AND deactivated_at IS NOT NULL)
BEGIN
  SELECT RAISE (ABORT, 'crm-user-deactivated');
END;

CREATE TRIGGER users_inactive_search_insert AFTER INSERT ON searches
WHEN EXISTS (SELECT 1 FROM users WHERE id = NEW.agent_id AND deactivated_at IS NOT NULL)
BEGIN
  UPDATE searches SET agent_id = NULL WHERE id = NEW.id;
END;

CREATE TRIGGER users_inactive_contact_manager BEFORE UPDATE OF manager_id ON contacts
WHEN NEW.manager_id IS NOT OLD.manager_id
     AND EXISTS (SELECT 1 FROM users WHERE id = NEW.manager_id AND deactivated_at IS NOT NULL)
BEGIN
  SELECT RAISE (ABORT, 'crm-user-deactivated');
END;

CREATE TRIGGER users_inactive_contact_insert AFTER INSERT ON contacts
WHEN EXISTS (SELECT 1 FROM users WHERE id = NEW.manager_id AND deactivated_at IS NOT NULL)
BEGIN
  UPDATE contacts SET manager_id = NULL WHERE id = NEW.id;
END;
