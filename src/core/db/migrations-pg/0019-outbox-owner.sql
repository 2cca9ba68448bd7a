-- Whose mail each outbox row is: the module that queued it, whose hook
-- the outbox runs inside its own transaction when the mail is sent,
-- fails or is cancelled (crm_outbox_add_hook ()). '' for mail that
-- needs nothing more (crmctl send).
--
-- PostgreSQL version of migrations/0019-outbox-owner.sql: the same
-- statements.
ALTER TABLE outbox ADD COLUMN owner text NOT NULL DEFAULT '';

UPDATE outbox SET owner = 'ticket-reply'
  WHERE id IN (SELECT outbox_id FROM messages WHERE outbox_id IS NOT NULL AND direction = 'out');
UPDATE outbox SET owner = 'offer-mail'
  WHERE id IN (SELECT outbox_id FROM offer_mails WHERE outbox_id IS NOT NULL);
