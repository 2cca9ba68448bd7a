-- An agent's first reply needs nothing only an administrator may do.
--
-- PostgreSQL version of migrations/0021-first-reply.sql; and here the
-- guard of a client's manager lets the first who answers a client
-- without one become it (RQ3), as the store does: only changing a
-- manager the client has is an administrator's.

-- The secret that signs the ticket references under replies
-- (crm_ticket_store_dup_reference ()) is made with the database, not by
-- the first reply: only an administrator writes settings, and every
-- agent's reply must sign with the same secret.
INSERT INTO settings (key, value)
  SELECT 'thread-secret', replace (gen_random_uuid ()::text, '-', '')
  WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'thread-secret');

CREATE OR REPLACE FUNCTION crm_contacts_manager_guard () RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.manager_id IS DISTINCT FROM OLD.manager_id AND NOT crm_session_is_admin ()
     AND NOT (OLD.manager_id IS NULL AND NEW.manager_id = crm_current_user_id ()) THEN
    RAISE EXCEPTION 'only an administrator changes a client''s manager' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
