-- An agent's first reply needs nothing only an administrator may do.
--
-- The secret that signs the ticket references under replies
-- (crm_ticket_store_dup_reference ()) is made with the database, not by
-- the first reply: on the team's server only an administrator writes
-- settings, and every agent's reply must sign with the same secret.
INSERT INTO settings (key, value)
  SELECT 'thread-secret', lower (hex (randomblob (16)))
  WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'thread-secret');
