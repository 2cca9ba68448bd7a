-- SPDX-License-Identifier: GPL-3.0-or-later
-- Postal addresses of persons and companies (FD1), found by the
-- contacts' search. The columns are the contact's own, so the journal's
-- triggers on contacts (0010) already report their changes.
--
-- PostgreSQL version of migrations/0014-contact-addresses.sql. SQLite
-- makes the FTS5 table again to add a column; here contacts_fts is a
-- plain table (0001): the column is added, and the search index made
-- again over all six columns. The rows keep their text, their new
-- address NULL, as in SQLite.
--
-- Searching (how the store must write its contacts query on PostgreSQL,
-- from this step on):
--   SQLite:      SELECT id FROM contacts WHERE id IN
--                  (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?)
--                ORDER BY sort_key, id
--   PostgreSQL:  SELECT id FROM contacts WHERE id IN
--                  (SELECT rowid FROM contacts_fts
--                   WHERE crm_search_vector (name, company, emails, phones, tags, address)
--                         @@ crm_search_query (?))
--                ORDER BY sort_key, id
--   The vector's columns exactly so, in that order: it is the index's
--   expression (a different one reads every row). The parameter is the
--   store's FTS5 query as today ("jan"* "kow"*, see 0001).

ALTER TABLE contacts ADD COLUMN street text;
ALTER TABLE contacts ADD COLUMN postal_code text;
ALTER TABLE contacts ADD COLUMN city text;
ALTER TABLE contacts ADD COLUMN country text;

ALTER TABLE contacts_fts ADD COLUMN address text;
DROP INDEX contacts_fts_search;
CREATE INDEX contacts_fts_search ON contacts_fts
  USING gin (crm_search_vector (name, company, emails, phones, tags, address));
