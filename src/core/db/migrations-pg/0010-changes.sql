-- SPDX-License-Identifier: GPL-3.0-or-later
-- A journal of changes, written by triggers in the same transaction as
-- the change itself, so that every connection (another window, crmctl,
-- crmctl serve, the engine's own connection) can tell which records
-- changed since it last looked: it notices that something was committed
-- and reads the rows after the last one it saw.
-- Old rows are pruned when a store opens.
--
-- PostgreSQL version of migrations/0010-changes.sql. Differences:
-- * seq is an identity (GENERATED ALWAYS): as with AUTOINCREMENT a
--   number is never used twice; a rolled back transaction leaves a gap.
-- * pid: the server process that wrote the row (pg_backend_pid ()), so
--   a connection that follows the journal skips its own writers' rows
--   (crm-pg-database.c; SQLite tells them apart with a temporary
--   trigger of its own connection instead).
-- * One trigger function, crm_journal (entity, id column), for all the
--   tables, and one AFTER ... FOR EACH ROW trigger per table and set of
--   events where SQLite has one trigger per event: the same rows are
--   written. Messages keep SQLite's two journals and its WHEN (the
--   ticket only while the message is in one).
-- * Before it writes, crm_journal () takes the office's write lock
--   (the transaction advisory lock 1129467185, which the store's writing
--   transactions take when they begin: taking it again costs nothing),
--   so that sequence numbers follow the order of commits even for a
--   writer that did not take it, like SQLite's single writer: a
--   follower that saw seq N never misses a row below N committed later.
-- * Commits are announced by NOTIFY crm_changes (pg_notify (), sent when
--   the transaction commits, one per transaction however many rows),
--   where SQLite's connections poll PRAGMA data_version.

CREATE TABLE changes (
  seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entity    text NOT NULL,
  entity_id bigint NOT NULL,
  pid       integer NOT NULL DEFAULT pg_backend_pid ()
);

-- TG_ARGV[0]: the entity ('contact', 'ticket'...); TG_ARGV[1]: the
-- column of the row that holds its id (of NEW, or of OLD for DELETE),
-- or a number written as is (0: the kind as a whole, e.g. settings).
-- The usual columns are read directly; any other through EXECUTE.
CREATE FUNCTION crm_journal () RETURNS trigger
  LANGUAGE plpgsql
AS $$
DECLARE
  row_id bigint;
BEGIN
  IF TG_ARGV[1] ~ '^[0-9]+$' THEN
    row_id := TG_ARGV[1]::bigint;
  ELSIF TG_ARGV[1] = 'id' THEN
    IF TG_OP = 'DELETE' THEN row_id := OLD.id; ELSE row_id := NEW.id; END IF;
  ELSIF TG_ARGV[1] = 'contact_id' THEN
    IF TG_OP = 'DELETE' THEN row_id := OLD.contact_id; ELSE row_id := NEW.contact_id; END IF;
  ELSIF TG_ARGV[1] = 'ticket_id' THEN
    IF TG_OP = 'DELETE' THEN row_id := OLD.ticket_id; ELSE row_id := NEW.ticket_id; END IF;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format ('SELECT ($1).%I', TG_ARGV[1]) INTO row_id USING OLD;
  ELSE
    EXECUTE format ('SELECT ($1).%I', TG_ARGV[1]) INTO row_id USING NEW;
  END IF;

  PERFORM pg_advisory_xact_lock (1129467185);
  INSERT INTO changes (entity, entity_id) VALUES (TG_ARGV[0], row_id);
  PERFORM pg_notify ('crm_changes', '');

  RETURN NULL;
END;
$$;

-- SQLite: changes_contacts_insert, _update, _delete
CREATE TRIGGER changes_contacts AFTER INSERT OR UPDATE OR DELETE ON contacts
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('contact', 'id');

-- SQLite: changes_contact_emails_insert, _update, _delete
CREATE TRIGGER changes_contact_emails AFTER INSERT OR UPDATE OR DELETE ON contact_emails
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('contact', 'contact_id');

-- SQLite: changes_contact_phones_insert, _update, _delete
CREATE TRIGGER changes_contact_phones AFTER INSERT OR UPDATE OR DELETE ON contact_phones
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('contact', 'contact_id');

-- SQLite: changes_contact_tags_insert, _update, _delete
CREATE TRIGGER changes_contact_tags AFTER INSERT OR UPDATE OR DELETE ON contact_tags
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('contact', 'contact_id');

-- SQLite: changes_tickets_insert, _update, _delete
CREATE TRIGGER changes_tickets AFTER INSERT OR UPDATE OR DELETE ON tickets
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('ticket', 'id');

-- SQLite: changes_ticket_tags_insert, _update, _delete
CREATE TRIGGER changes_ticket_tags AFTER INSERT OR UPDATE OR DELETE ON ticket_tags
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('ticket', 'ticket_id');

-- SQLite: changes_ticket_followers_insert, _update, _delete
CREATE TRIGGER changes_ticket_followers AFTER INSERT OR UPDATE OR DELETE ON ticket_followers
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('ticket', 'ticket_id');

-- SQLite: changes_ticket_reads_insert, _update, _delete
CREATE TRIGGER changes_ticket_reads AFTER INSERT OR UPDATE OR DELETE ON ticket_reads
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('ticket', 'ticket_id');

-- SQLite: changes_ticket_comments_insert, _update, _delete
CREATE TRIGGER changes_ticket_comments AFTER INSERT OR UPDATE OR DELETE ON ticket_comments
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('ticket', 'ticket_id');

-- SQLite: changes_messages_insert, _update (WHEN NEW.ticket_id IS NOT NULL)
-- and changes_messages_delete (WHEN OLD.ticket_id IS NOT NULL)
CREATE TRIGGER changes_messages_ticket AFTER INSERT OR UPDATE ON messages
  FOR EACH ROW WHEN (NEW.ticket_id IS NOT NULL) EXECUTE FUNCTION crm_journal ('ticket', 'ticket_id');
CREATE TRIGGER changes_messages_ticket_delete AFTER DELETE ON messages
  FOR EACH ROW WHEN (OLD.ticket_id IS NOT NULL) EXECUTE FUNCTION crm_journal ('ticket', 'ticket_id');

-- SQLite: changes_messages_insert_1, _update_1, _delete_1
CREATE TRIGGER changes_messages AFTER INSERT OR UPDATE OR DELETE ON messages
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('message', 'id');

-- SQLite: changes_offers_insert, _update, _delete
CREATE TRIGGER changes_offers AFTER INSERT OR UPDATE OR DELETE ON offers
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('offer', 'id');

-- SQLite: changes_searches_insert, _update, _delete
CREATE TRIGGER changes_searches AFTER INSERT OR UPDATE OR DELETE ON searches
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('search', 'id');

-- SQLite: changes_offer_mails_insert, _update, _delete
CREATE TRIGGER changes_offer_mails AFTER INSERT OR UPDATE OR DELETE ON offer_mails
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('offer-mail', 'id');

-- SQLite: changes_users_insert, _update, _delete
CREATE TRIGGER changes_users AFTER INSERT OR UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('user', 'id');

-- SQLite: changes_accounts_insert, _update, _delete
CREATE TRIGGER changes_accounts AFTER INSERT OR UPDATE OR DELETE ON accounts
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('account', 'id');

-- SQLite: changes_outbox_insert, _update, _delete
CREATE TRIGGER changes_outbox AFTER INSERT OR UPDATE OR DELETE ON outbox
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('outbox', 'id');

-- SQLite: changes_queues_insert, _update, _delete
CREATE TRIGGER changes_queues AFTER INSERT OR UPDATE OR DELETE ON queues
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('queue', 'id');

-- SQLite: changes_templates_insert, _update, _delete
CREATE TRIGGER changes_templates AFTER INSERT OR UPDATE OR DELETE ON templates
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('template', 'id');

-- SQLite: changes_settings_insert, _update, _delete (entity_id 0)
CREATE TRIGGER changes_settings AFTER INSERT OR UPDATE OR DELETE ON settings
  FOR EACH ROW EXECUTE FUNCTION crm_journal ('setting', '0');
