-- SPDX-License-Identifier: GPL-3.0-or-later
-- Referrals from brokers (issue 16, RF1-RF12): the investments the
-- developer offers; a form per broker (source), whose link carries a
-- token signed with the office's key and this row's nonce, and can
-- expire or be revoked; the referrals the forms send (one per
-- submission id: a double click or a resend stores one), with their
-- documents (bytes in the database, as attachments are), their status
-- changes (who accepted or rejected, the comment mailed to the broker),
-- the messages with the broker (outgoing through the outbox, replies
-- threaded back by the import) and who revealed a PESEL or an ID card
-- number.
--
-- Every key the duplicate check compares is kept beside the value, as
-- written in the same transaction, and indexed: the phone in E.164,
-- the address lower-cased, the PESEL, the ID card number in capitals,
-- and the name folded (crm_referral_fold_name (): no diacritics, small
-- letters, Polish declension undone, words sorted). Contacts get their
-- folded name too (name_key; the contacts' store writes it, the rows
-- written before this step get it from the engine's pass or crmctl
-- referrals purge, a batch at a time).
CREATE TABLE investments (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (name) BETWEEN 1 AND 200),
  created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE referral_forms (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL CHECK (length (name) BETWEEN 1 AND 200),
  broker_name  TEXT NOT NULL CHECK (length (broker_name) BETWEEN 1 AND 200),
  broker_email TEXT NOT NULL,
  broker_phone TEXT,
  nonce        TEXT NOT NULL,
  created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER,
  revoked_at   INTEGER,
  revoked_by   INTEGER REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE referrals (
  id                INTEGER PRIMARY KEY,
  submission_id     TEXT NOT NULL UNIQUE,
  form_id           INTEGER NOT NULL REFERENCES referral_forms (id),
  investment_id     INTEGER REFERENCES investments (id) ON DELETE SET NULL,
  client_name       TEXT NOT NULL,
  name_key          TEXT NOT NULL,
  phone             TEXT,
  email             TEXT,
  pesel             TEXT,
  id_card           TEXT,
  advisor_name      TEXT NOT NULL,
  advisor_key       TEXT NOT NULL,
  advisor_email     TEXT,
  advisor_phone     TEXT,
  consent           INTEGER NOT NULL DEFAULT 0,
  remote_address    TEXT,
  status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
  received_at       INTEGER NOT NULL,
  status_changed_at INTEGER,
  status_changed_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  contact_id        INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
  -- the messages with the broker: the last one's time, and whether it
  -- was the broker's (the "messages" tile counts those awaiting answer)
  last_message_at   INTEGER,
  awaiting_reply    INTEGER NOT NULL DEFAULT 0
);
-- the list, newest first, whole or by status, form, investment
CREATE INDEX referrals_received ON referrals (received_at DESC, id DESC);
CREATE INDEX referrals_status ON referrals (status, received_at DESC, id DESC);
CREATE INDEX referrals_form ON referrals (form_id, received_at DESC);
CREATE INDEX referrals_investment ON referrals (investment_id, received_at DESC);
CREATE INDEX referrals_messages ON referrals (last_message_at DESC, id DESC) WHERE last_message_at IS NOT NULL;
-- the duplicate check's keys
CREATE INDEX referrals_phone ON referrals (phone) WHERE phone IS NOT NULL;
CREATE INDEX referrals_email ON referrals (email) WHERE email IS NOT NULL;
CREATE INDEX referrals_pesel ON referrals (pesel) WHERE pesel IS NOT NULL;
CREATE INDEX referrals_id_card ON referrals (id_card) WHERE id_card IS NOT NULL;
CREATE INDEX referrals_name_key ON referrals (name_key);
CREATE INDEX referrals_contact ON referrals (contact_id) WHERE contact_id IS NOT NULL;
-- the retention purge: rejected referrals by the time they were rejected
CREATE INDEX referrals_rejected ON referrals (status_changed_at) WHERE status = 'rejected';

CREATE TABLE referral_documents (
  id           INTEGER PRIMARY KEY,
  referral_id  INTEGER NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
  file_name    TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL,
  data         BLOB NOT NULL
);
CREATE INDEX referral_documents_referral ON referral_documents (referral_id, id);

CREATE TABLE referral_status_changes (
  id          INTEGER PRIMARY KEY,
  referral_id INTEGER NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
  status      TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
  comment     TEXT NOT NULL DEFAULT '',
  user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
  at          INTEGER NOT NULL,
  outbox_id   INTEGER
);
CREATE INDEX referral_status_changes_referral ON referral_status_changes (referral_id, id);

-- message_id is the Message-ID of the mail (ours through the outbox,
-- or the broker's imported as message_row), so that an answer's
-- In-Reply-To or References finds its referral
CREATE TABLE referral_messages (
  id          INTEGER PRIMARY KEY,
  referral_id INTEGER NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
  direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  kind        TEXT NOT NULL DEFAULT 'message' CHECK (kind IN ('message', 'accepted', 'rejected')),
  body        TEXT NOT NULL,
  user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
  at          INTEGER NOT NULL,
  outbox_id   INTEGER,
  message_id  TEXT,
  message_row INTEGER REFERENCES messages (id) ON DELETE SET NULL
);
CREATE INDEX referral_messages_referral ON referral_messages (referral_id, id);
CREATE INDEX referral_messages_message_id ON referral_messages (message_id) WHERE message_id IS NOT NULL;

-- who looked at a PESEL or an ID card number: the audit outlives the
-- referral (no foreign key), as history does
CREATE TABLE referral_reveals (
  id          INTEGER PRIMARY KEY,
  referral_id INTEGER NOT NULL,
  user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
  at          INTEGER NOT NULL,
  fields      TEXT NOT NULL
);
CREATE INDEX referral_reveals_referral ON referral_reveals (referral_id, at);

-- a broker's answer the import threaded into a referral (not a ticket,
-- not automatic mail); purged with its referral
ALTER TABLE messages ADD COLUMN referral_id INTEGER REFERENCES referrals (id) ON DELETE SET NULL;
CREATE INDEX messages_referral ON messages (referral_id) WHERE referral_id IS NOT NULL;

-- the contacts' folded names, for the duplicate check
ALTER TABLE contacts ADD COLUMN name_key TEXT;
CREATE INDEX contacts_name_key ON contacts (name_key) WHERE name_key IS NOT NULL;
CREATE INDEX contacts_name_key_missing ON contacts (id) WHERE name_key IS NULL;

CREATE TRIGGER changes_referrals_insert AFTER INSERT ON referrals BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('referral', NEW.id);
END;

CREATE TRIGGER changes_referrals_update AFTER UPDATE ON referrals BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('referral', NEW.id);
END;

CREATE TRIGGER changes_referrals_delete AFTER DELETE ON referrals BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('referral', OLD.id);
END;

CREATE TRIGGER changes_referral_forms_insert AFTER INSERT ON referral_forms BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('referral-form', NEW.id);
END;

CREATE TRIGGER changes_referral_forms_update AFTER UPDATE ON referral_forms BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('referral-form', NEW.id);
END;

CREATE TRIGGER changes_investments_insert AFTER INSERT ON investments BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('investment', NEW.id);
END;

CREATE TRIGGER changes_investments_update AFTER UPDATE ON investments BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('investment', NEW.id);
END;

CREATE TRIGGER changes_referral_messages_insert AFTER INSERT ON referral_messages BEGIN
  INSERT INTO changes (entity, entity_id) VALUES ('referral', NEW.referral_id);
END;
