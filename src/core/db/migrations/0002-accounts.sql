-- SPDX-License-Identifier: GPL-3.0-or-later
-- Mail accounts (RQ1): the office's shared mailbox, and any others.
-- Passwords are never here: they live in the Secret Service, keyed by
-- the account's id.

CREATE TABLE accounts (
  id             INTEGER PRIMARY KEY,
  address        TEXT NOT NULL,
  address_norm   TEXT NOT NULL UNIQUE,
  display_name   TEXT,
  imap_host      TEXT NOT NULL,
  imap_port      INTEGER NOT NULL CHECK (imap_port BETWEEN 1 AND 65535),
  imap_security  TEXT NOT NULL CHECK (imap_security IN ('tls', 'starttls', 'none')),
  smtp_host      TEXT NOT NULL,
  smtp_port      INTEGER NOT NULL CHECK (smtp_port BETWEEN 1 AND 65535),
  smtp_security  TEXT NOT NULL CHECK (smtp_security IN ('tls', 'starttls', 'none')),
  username       TEXT NOT NULL,
  created_at     INTEGER NOT NULL
);
