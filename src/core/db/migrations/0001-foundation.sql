-- SPDX-License-Identifier: GPL-3.0-or-later
-- Foundation: office settings, users, contacts with their addresses,
-- phones, tags and notes, and the audit history (FD1, FD2).
-- Times are seconds since the epoch, UTC.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  email      TEXT NOT NULL,
  email_norm TEXT NOT NULL UNIQUE,
  role       TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'agent')),
  created_at INTEGER NOT NULL
);

CREATE TABLE contacts (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('person', 'company')),
  name       TEXT NOT NULL,
  sort_key   TEXT NOT NULL,
  company_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
  manager_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
  note       TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX contacts_sort ON contacts (sort_key, id);
CREATE INDEX contacts_company ON contacts (company_id) WHERE company_id IS NOT NULL;
CREATE INDEX contacts_manager ON contacts (manager_id) WHERE manager_id IS NOT NULL;
CREATE INDEX contacts_company_name ON contacts (sort_key) WHERE kind = 'company';

CREATE TABLE contact_emails (
  id           INTEGER PRIMARY KEY,
  contact_id   INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  address      TEXT NOT NULL,
  address_norm TEXT NOT NULL
);
CREATE INDEX contact_emails_norm ON contact_emails (address_norm);
CREATE INDEX contact_emails_contact ON contact_emails (contact_id, position);

CREATE TABLE contact_phones (
  id          INTEGER PRIMARY KEY,
  contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  number      TEXT NOT NULL,
  number_norm TEXT NOT NULL
);
CREATE INDEX contact_phones_norm ON contact_phones (number_norm);
CREATE INDEX contact_phones_contact ON contact_phones (contact_id, position);

CREATE TABLE tags (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE contact_tags (
  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (contact_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX contact_tags_tag ON contact_tags (tag_id);

CREATE TABLE notes (
  id         INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  author_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  body       TEXT NOT NULL
);
CREATE INDEX notes_contact ON notes (contact_id, created_at);

-- The audit trail outlives the records it speaks of: no foreign key on
-- the entity, so a deleted contact's history stays readable.
CREATE TABLE history (
  id        INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  user_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
  entity    TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  action    TEXT NOT NULL,
  detail    TEXT
);
CREATE INDEX history_entity ON history (entity, entity_id, at);

-- Search-as-you-type: every word of the name, company, addresses,
-- phone digits and tags, prefix-indexed.
CREATE VIRTUAL TABLE contacts_fts USING fts5 (
  name, company, emails, phones, tags,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
