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
--
-- PostgreSQL version of migrations/0015-user-accounts-lifecycle.sql.
-- Differences:
-- * The refusal is RAISE EXCEPTION 'crm-user-deactivated' (SQLSTATE
--   P0001, which crm-pg-database.c turns into the translated error)
--   from a BEFORE UPDATE OF <column> trigger, as SQLite's RAISE (ABORT).
--   A PostgreSQL error fails the whole transaction, not only the
--   statement: the store rolls back (or to a savepoint) as it does for
--   any other error. The WHEN keeps SQLite's "IS NOT" test as IS
--   DISTINCT FROM; the EXISTS on users, a subquery that a PostgreSQL
--   WHEN may not hold, is asked in the function.
-- * SQLite's AFTER INSERT triggers that UPDATE the new row to NULL are
--   BEFORE INSERT triggers that set the column to NULL before the row
--   is written: the same row results, written once, and the journal
--   (0010) records one change of it instead of two.
-- * INTEGER is bigint.

ALTER TABLE users ADD COLUMN deactivated_at bigint;
ALTER TABLE accounts ADD COLUMN removed_at bigint;

-- TG_ARGV[0]: the column naming the user given the work.
CREATE FUNCTION crm_refuse_deactivated_user () RETURNS trigger
  LANGUAGE plpgsql
AS $$
DECLARE
  user_id bigint;
BEGIN
  IF TG_ARGV[0] = 'assignee_id' THEN
    user_id := NEW.assignee_id;
  ELSIF TG_ARGV[0] = 'agent_id' THEN
    user_id := NEW.agent_id;
  ELSIF TG_ARGV[0] = 'manager_id' THEN
    user_id := NEW.manager_id;
  ELSE
    EXECUTE format ('SELECT ($1).%I', TG_ARGV[0]) INTO user_id USING NEW;
  END IF;

  IF EXISTS (SELECT 1 FROM users u WHERE u.id = user_id AND u.deactivated_at IS NOT NULL) THEN
    RAISE EXCEPTION 'crm-user-deactivated';
  END IF;

  RETURN NEW;
END;
$$;

-- TG_ARGV[0]: the column naming the user given the work; a deactivated
-- user there becomes NULL.
CREATE FUNCTION crm_unassign_deactivated_user () RETURNS trigger
  LANGUAGE plpgsql
AS $$
DECLARE
  user_id bigint;
BEGIN
  IF TG_ARGV[0] = 'assignee_id' THEN
    user_id := NEW.assignee_id;
  ELSIF TG_ARGV[0] = 'agent_id' THEN
    user_id := NEW.agent_id;
  ELSIF TG_ARGV[0] = 'manager_id' THEN
    user_id := NEW.manager_id;
  ELSE
    EXECUTE format ('SELECT ($1).%I', TG_ARGV[0]) INTO user_id USING NEW;
  END IF;

  IF EXISTS (SELECT 1 FROM users u WHERE u.id = user_id AND u.deactivated_at IS NOT NULL) THEN
    IF TG_ARGV[0] = 'assignee_id' THEN
      NEW.assignee_id := NULL;
    ELSIF TG_ARGV[0] = 'agent_id' THEN
      NEW.agent_id := NULL;
    ELSIF TG_ARGV[0] = 'manager_id' THEN
      NEW.manager_id := NULL;
    ELSE
      NEW := jsonb_populate_record (NEW, jsonb_build_object (TG_ARGV[0], NULL));
    END IF;
  END IF;

  RETURN NEW;
END;
$$;

-- SQLite: users_inactive_ticket_assign
CREATE TRIGGER users_inactive_ticket_assign BEFORE UPDATE OF assignee_id ON tickets
  FOR EACH ROW WHEN (NEW.assignee_id IS DISTINCT FROM OLD.assignee_id AND NEW.assignee_id IS NOT NULL)
  EXECUTE FUNCTION crm_refuse_deactivated_user ('assignee_id');

-- SQLite: users_inactive_ticket_insert (AFTER INSERT ... UPDATE)
CREATE TRIGGER users_inactive_ticket_insert BEFORE INSERT ON tickets
  FOR EACH ROW WHEN (NEW.assignee_id IS NOT NULL)
  EXECUTE FUNCTION crm_unassign_deactivated_user ('assignee_id');

-- SQLite: users_inactive_offer_agent
CREATE TRIGGER users_inactive_offer_agent BEFORE UPDATE OF agent_id ON offers
  FOR EACH ROW WHEN (NEW.agent_id IS DISTINCT FROM OLD.agent_id AND NEW.agent_id IS NOT NULL)
  EXECUTE FUNCTION crm_refuse_deactivated_user ('agent_id');

-- SQLite: users_inactive_offer_insert (AFTER INSERT ... UPDATE)
CREATE TRIGGER users_inactive_offer_insert BEFORE INSERT ON offers
  FOR EACH ROW WHEN (NEW.agent_id IS NOT NULL)
  EXECUTE FUNCTION crm_unassign_deactivated_user ('agent_id');

-- SQLite: users_inactive_search_agent
CREATE TRIGGER users_inactive_search_agent BEFORE UPDATE OF agent_id ON searches
  FOR EACH ROW WHEN (NEW.agent_id IS DISTINCT FROM OLD.agent_id AND NEW.agent_id IS NOT NULL)
  EXECUTE FUNCTION crm_refuse_deactivated_user ('agent_id');

-- SQLite: users_inactive_search_insert (AFTER INSERT ... UPDATE)
CREATE TRIGGER users_inactive_search_insert BEFORE INSERT ON searches
  FOR EACH ROW WHEN (NEW.agent_id IS NOT NULL)
  EXECUTE FUNCTION crm_unassign_deactivated_user ('agent_id');

-- SQLite: users_inactive_contact_manager
CREATE TRIGGER users_inactive_contact_manager BEFORE UPDATE OF manager_id ON contacts
  FOR EACH ROW WHEN (NEW.manager_id IS DISTINCT FROM OLD.manager_id AND NEW.manager_id IS NOT NULL)
  EXECUTE FUNCTION crm_refuse_deactivated_user ('manager_id');

-- SQLite: users_inactive_contact_insert (AFTER INSERT ... UPDATE)
CREATE TRIGGER users_inactive_contact_insert BEFORE INSERT ON contacts
  FOR EACH ROW WHEN (NEW.manager_id IS NOT NULL)
  EXECUTE FUNCTION crm_unassign_deactivated_user ('manager_id');
