-- Whose mail each outbox row is: the module that queued it, whose hook
-- the outbox runs inside its own transaction when the mail is sent,
-- fails or is cancelled (crm_outbox_add_hook ()). '' for mail that
-- needs nothing more (crmctl send).
ALTER TABLE outbox ADD COLUMN owner TEXT NOT NULL DEFAULT '';

UPDATE outbox SET owner = 'ticket-reply'
  WHERE id IN (SELECT outbox_id FROM messages WHERE outbox_id IS NOT NULL AND direction = 'out');
UPDATE outbox SET owner = 'offer-mail'
  WHERE id IN (SELECT outbox_id FROM offer_mails WHERE outbox_id IS NOT NULL);
