-- SPDX-License-Identifier: GPL-3.0-or-later
-- People log in as themselves (issue 13): each user may have a login,
-- a role of the server's of their own (crmctl users add --login, or
-- Preferences › Users), and the server itself enforces what only an
-- administrator may do, whatever program connects:
--
-- * every login is a member of this database's group role
--   crm_<database>_member, which may read and write the office's work;
-- * an administrator's is also a member of crm_<database>_admin, which
--   alone may change a client's manager (contacts.manager_id, guarded by
--   a trigger), delete tickets, change the office's settings, and add,
--   change or remove users.
--
-- Privileges (GRANT, and one trigger for the manager), not row-level
-- security: what is restricted is a kind of change, the same for every
-- row, which is exactly what privileges express; the server checks
-- them for raw SQL as for the application, costs nothing per row, and
-- `\dp` shows them. Row-level security would be the tool for "who may
-- see which rows", which the office does not restrict.
--
-- The group roles are the server's (roles are shared by its
-- databases): named after this database, made once, kept if they are
-- there. The role migrating (the database's owner) needs CREATEROLE.

ALTER TABLE users ADD COLUMN login text;
CREATE UNIQUE INDEX users_login ON users (login) WHERE login IS NOT NULL;

-- the group roles of this database
CREATE FUNCTION crm_member_role () RETURNS text LANGUAGE sql STABLE AS $$
  SELECT 'crm_' || current_database () || '_member'
$$;
CREATE FUNCTION crm_admin_role () RETURNS text LANGUAGE sql STABLE AS $$
  SELECT 'crm_' || current_database () || '_admin'
$$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = crm_member_role ()) THEN
    EXECUTE format ('CREATE ROLE %I NOLOGIN', crm_member_role ());
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = crm_admin_role ()) THEN
    EXECUTE format ('CREATE ROLE %I NOLOGIN IN ROLE %I', crm_admin_role (), crm_member_role ());
  END IF;

  EXECUTE format ('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database (), crm_member_role ());
  EXECUTE format ('GRANT USAGE ON SCHEMA %I TO %I', current_schema (), crm_member_role ());
  -- the office's work: read and written by every member
  EXECUTE format ('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I',
                  current_schema (), crm_member_role ());
  EXECUTE format ('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema (), crm_member_role ());
  -- and what later steps add
  EXECUTE format ('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
                  current_schema (), crm_member_role ());
  EXECUTE format ('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %I',
                  current_schema (), crm_member_role ());

  -- what only an administrator may do
  EXECUTE format ('REVOKE DELETE ON tickets FROM %I', crm_member_role ());
  EXECUTE format ('GRANT DELETE ON tickets TO %I', crm_admin_role ());
  EXECUTE format ('REVOKE INSERT, UPDATE, DELETE ON settings, users FROM %I', crm_member_role ());
  EXECUTE format ('GRANT INSERT, UPDATE, DELETE ON settings, users TO %I', crm_admin_role ());
  EXECUTE format ('REVOKE INSERT, UPDATE, DELETE ON crm_schema FROM %I', crm_member_role ());
END
$$;

-- Whether this connection may do what only an administrator may: its
-- login is one of the office's administrators', or it is the server's
-- own administrator (a superuser, or a role that makes roles, as the
-- one that set the office up).
CREATE FUNCTION crm_session_is_admin () RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT pg_has_role (session_user, crm_admin_role (), 'MEMBER')
      OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND (rolsuper OR rolcreaterole))
$$;

-- A client's manager: changed by an administrator only. (A trigger, not
-- a column privilege: a store that writes the whole row, the manager
-- unchanged, is not refused.)
CREATE FUNCTION crm_contacts_manager_guard () RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.manager_id IS DISTINCT FROM OLD.manager_id AND NOT crm_session_is_admin () THEN
    RAISE EXCEPTION 'only an administrator changes a client''s manager' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER contacts_manager_guard BEFORE UPDATE OF manager_id ON contacts
  FOR EACH ROW EXECUTE FUNCTION crm_contacts_manager_guard ();

-- Who works on this connection: the user whose login it is.
CREATE FUNCTION crm_current_user_id () RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT id FROM users WHERE login = session_user AND deactivated_at IS NULL
$$;
