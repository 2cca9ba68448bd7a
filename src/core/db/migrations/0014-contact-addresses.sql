-- SPDX-License-Identifier: GPL-3.0-or-later
-- Postal addresses of persons and companies (FD1), found by the
-- contacts' search. The columns are the contact's own, so the journal's
-- triggers on contacts (0010) already report their changes.

ALTER TABLE contacts ADD COLUMN street TEXT;
ALTER TABLE contacts ADD COLUMN postal_code TEXT;
ALTER TABLE contacts ADD COLUMN city TEXT;
ALTER TABLE contacts ADD COLUMN country TEXT;

-- FTS5 tables take no new column: the index is made again with an
-- address column, its rows copied from the old one (it keeps its text).
CREATE VIRTUAL TABLE contacts_fts_new USING fts5 (
  name, company, emails, phones, tags, address,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
INSERT INTO contacts_fts_new (rowid, name, company, emails, phones, tags)
  SELECT rowid, name, company, emails, phones, tags FROM contacts_fts;
DROP TABLE contacts_fts;
ALTER TABLE contacts_fts_new RENAME TO contacts_fts;
