-- SPDX-License-Identifier: GPL-3.0-or-later
-- Undoing a split (TK14, issue 14) removes the ticket the split made.
-- Only administrators delete tickets (0020), so an agent's undo goes
-- through this function, which deletes exactly that: the ticket of a
-- split in the undo journal, of the user on this connection (or any,
-- for an administrator), not undone yet. SECURITY DEFINER, owned by
-- the office's owner; members may only execute it.
--
-- PostgreSQL version of migrations/0030-split-undo.sql.
CREATE FUNCTION crm_undo_split (step bigint) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
AS $$
DECLARE
  made bigint;
BEGIN
  SELECT ticket_id INTO made FROM undo_steps
   WHERE id = step AND operation = 'split' AND undone_at IS NULL
     AND (user_id IS NOT DISTINCT FROM crm_current_user_id () OR crm_session_is_admin ());
  IF made IS NULL THEN
    RAISE EXCEPTION 'not a split of this user''s to undo' USING ERRCODE = 'insufficient_privilege';
  END IF;
  DELETE FROM tickets WHERE id = made;
  RETURN true;
END
$$;

DO $$
BEGIN
  EXECUTE 'REVOKE ALL ON FUNCTION crm_undo_split (bigint) FROM PUBLIC';
  EXECUTE format ('GRANT EXECUTE ON FUNCTION crm_undo_split (bigint) TO %I', crm_member_role ());
END
$$;
