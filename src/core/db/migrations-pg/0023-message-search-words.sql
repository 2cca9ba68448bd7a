-- The words of each message of the mail search index, stored with it:
-- a search for a word in half the mail reads the newest messages one
-- by one until a screen is full, and checks each against its stored
-- words in a microsecond, where making them again from the text took
-- some 70 (crm_search_vector (), 0001); a rarer word is looked up in
-- the GIN index, now over the stored words. Which of the two the
-- server chooses depends on the word: statements with a full-text
-- match are planned with their values each time they run
-- (crm-pg-database.c).
--
-- PostgreSQL alone: SQLite's FTS5 table (0004) is its own index, and
-- migrations/0023-message-search-words.sql changes nothing.
ALTER TABLE messages_fts
  ADD COLUMN words tsvector GENERATED ALWAYS AS (crm_search_vector (subject, body, addresses)) STORED;
DROP INDEX messages_fts_search;
CREATE INDEX messages_fts_search ON messages_fts USING gin (words);
