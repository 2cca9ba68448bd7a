-- A journal of changes, written by triggers in the same transaction as
-- the change itself, so that every connection (another window, crmctl,
-- crmctl serve, the engine's own connection) can tell which records
-- changed since it last looked: it notices that something was committed
-- (PRAGMA data_version) and reads the rows after the last one it saw.
-- Old rows are pruned when a store opens.
CREATE TABLE changes (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  entity    TEXT NOT NULL,
  entity_id INTEGER NOT NULL
);

CREATE TRIGGER changes_contacts_insert AFTER INSERT ON contacts BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('contact', NEW.id);
END;

CREATE TRIGGER changes_contacts_update AFTER UPDATE ON contacts BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('contact', NEW.id);
END;

CREATE TRIGGER changes_contacts_delete AFTER DELETE ON contacts BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('contact', OLD.id);
END;

CREATE TRIGGER changes_contact_emails_insert AFTER INSERT ON contact_emails BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('contact', NEW.contact_id);
END;

CREATE TRIGGER changes_contact_emails_update AFTER UPDATE ON contact_emails BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('contact', NEW.contact_id);
END;

CREATE TRIGGER changes_contact_emails_delete AFTER DELETE ON contact_emails BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('contact', OLD.contact_id);
END;

CREATE TRIGGER changes_contact_phones_insert AFTER INSERT ON contact_phones BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('contact', NEW.contact_id);
END;

CREATE TRIGGER changes_contact_phones_update AFTER UPDATE ON contact_phones BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('contact', NEW.contact_id);
END;

CREATE TRIGGER changes_contact_phones_delete AFTER DELETE ON contact_phones BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('contact', OLD.contact_id);
END;

CREATE TRIGGER changes_contact_tags_insert AFTER INSERT ON contact_tags BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('contact', NEW.contact_id);
END;

CREATE TRIGGER changes_contact_tags_update AFTER UPDATE ON contact_tags BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('contact', NEW.contact_id);
END;

CREATE TRIGGER changes_contact_tags_delete AFTER DELETE ON contact_tags BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('contact', OLD.contact_id);
END;

CREATE TRIGGER changes_tickets_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', NEW.id);
END;

CREATE TRIGGER changes_tickets_update AFTER UPDATE ON tickets BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', NEW.id);
END;

CREATE TRIGGER changes_tickets_delete AFTER DELETE ON tickets BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', OLD.id);
END;

CREATE TRIGGER changes_ticket_tags_insert AFTER INSERT ON ticket_tags BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', NEW.ticket_id);
END;

CREATE TRIGGER changes_ticket_tags_update AFTER UPDATE ON ticket_tags BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', NEW.ticket_id);
END;

CREATE TRIGGER changes_ticket_tags_delete AFTER DELETE ON ticket_tags BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', OLD.ticket_id);
END;

CREATE TRIGGER changes_ticket_followers_insert AFTER INSERT ON ticket_followers BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', NEW.ticket_id);
END;

CREATE TRIGGER changes_ticket_followers_update AFTER UPDATE ON ticket_followers BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', NEW.ticket_id);
END;

CREATE TRIGGER changes_ticket_followers_delete AFTER DELETE ON ticket_followers BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', OLD.ticket_id);
END;

CREATE TRIGGER changes_ticket_reads_insert AFTER INSERT ON ticket_reads BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', NEW.ticket_id);
END;

CREATE TRIGGER changes_ticket_reads_update AFTER UPDATE ON ticket_reads BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', NEW.ticket_id);
END;

CREATE TRIGGER changes_ticket_reads_delete AFTER DELETE ON ticket_reads BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', OLD.ticket_id);
END;

CREATE TRIGGER changes_ticket_comments_insert AFTER INSERT ON ticket_comments BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', NEW.ticket_id);
END;

CREATE TRIGGER changes_ticket_comments_update AFTER UPDATE ON ticket_comments BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', NEW.ticket_id);
END;

CREATE TRIGGER changes_ticket_comments_delete AFTER DELETE ON ticket_comments BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', OLD.ticket_id);
END;

CREATE TRIGGER changes_messages_insert AFTER INSERT ON messages WHEN NEW.ticket_id IS NOT NULL BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', NEW.ticket_id);
END;

CREATE TRIGGER changes_messages_update AFTER UPDATE ON messages WHEN NEW.ticket_id IS NOT NULL BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', NEW.ticket_id);
END;

CREATE TRIGGER changes_messages_delete AFTER DELETE ON messages WHEN OLD.ticket_id IS NOT NULL BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('ticket', OLD.ticket_id);
END;

CREATE TRIGGER changes_messages_insert_1 AFTER INSERT ON messages BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('message', NEW.id);
END;

CREATE TRIGGER changes_messages_update_1 AFTER UPDATE ON messages BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('message', NEW.id);
END;

CREATE TRIGGER changes_messages_delete_1 AFTER DELETE ON messages BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('message', OLD.id);
END;

CREATE TRIGGER changes_offers_insert AFTER INSERT ON offers BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('offer', NEW.id);
END;

CREATE TRIGGER changes_offers_update AFTER UPDATE ON offers BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('offer', NEW.id);
END;

CREATE TRIGGER changes_offers_delete AFTER DELETE ON offers BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('offer', OLD.id);
END;

CREATE TRIGGER changes_searches_insert AFTER INSERT ON searches BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('search', NEW.id);
END;

CREATE TRIGGER changes_searches_update AFTER UPDATE ON searches BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('search', NEW.id);
END;

CREATE TRIGGER changes_searches_delete AFTER DELETE ON searches BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('search', OLD.id);
END;

CREATE TRIGGER changes_offer_mails_insert AFTER INSERT ON offer_mails BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('offer-mail', NEW.id);
END;

CREATE TRIGGER changes_offer_mails_update AFTER UPDATE ON offer_mails BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('offer-mail', NEW.id);
END;

CREATE TRIGGER changes_offer_mails_delete AFTER DELETE ON offer_mails BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('offer-mail', OLD.id);
END;

CREATE TRIGGER changes_users_insert AFTER INSERT ON users BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('user', NEW.id);
END;

CREATE TRIGGER changes_users_update AFTER UPDATE ON users BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('user', NEW.id);
END;

CREATE TRIGGER changes_users_delete AFTER DELETE ON users BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('user', OLD.id);
END;

CREATE TRIGGER changes_accounts_insert AFTER INSERT ON accounts BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('account', NEW.id);
END;

CREATE TRIGGER changes_accounts_update AFTER UPDATE ON accounts BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('account', NEW.id);
END;

CREATE TRIGGER changes_accounts_delete AFTER DELETE ON accounts BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('account', OLD.id);
END;

CREATE TRIGGER changes_outbox_insert AFTER INSERT ON outbox BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('outbox', NEW.id);
END;

CREATE TRIGGER changes_outbox_update AFTER UPDATE ON outbox BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('outbox', NEW.id);
END;

CREATE TRIGGER changes_outbox_delete AFTER DELETE ON outbox BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('outbox', OLD.id);
END;

CREATE TRIGGER changes_queues_insert AFTER INSERT ON queues BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('queue', NEW.id);
END;

CREATE TRIGGER changes_queues_update AFTER UPDATE ON queues BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('queue', NEW.id);
END;

CREATE TRIGGER changes_queues_delete AFTER DELETE ON queues BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('queue', OLD.id);
END;

CREATE TRIGGER changes_templates_insert AFTER INSERT ON templates BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('template', NEW.id);
END;

CREATE TRIGGER changes_templates_update AFTER UPDATE ON templates BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('template', NEW.id);
END;

CREATE TRIGGER changes_templates_delete AFTER DELETE ON templates BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('template', OLD.id);
END;

CREATE TRIGGER changes_settings_insert AFTER INSERT ON settings BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('setting', 0);
END;

CREATE TRIGGER changes_settings_update AFTER UPDATE ON settings BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('setting', 0);
END;

CREATE TRIGGER changes_settings_delete AFTER DELETE ON settings BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('setting', 0);
END;
