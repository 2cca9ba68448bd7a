-- How many messages have a search's words, up to a cap, below a
-- message's id: from the search index's bitmap, never by walking the
-- messages. crm-ticket-store-search.c tells a search of rare words by
-- it, and takes their few hits from the index at once. The planner
-- cannot tell a word in 30 messages from one in 5,000 (its statistics
-- list the words of about 1% of the mail and more), and would read the
-- table to stop at the cap; here it may only use the index.
--
-- PostgreSQL only: migrations/0026-search-hit-count.sql is empty, as
-- SQLite's index gives its hits in order.
CREATE FUNCTION crm_count_hits (query text, below bigint, cap integer) RETURNS bigint
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path FROM CURRENT SET enable_seqscan = off SET enable_indexscan = off
AS $$
  SELECT count (*) FROM (SELECT 1 FROM messages_fts WHERE words @@ crm_search_query (query) AND rowid < below
                         LIMIT cap) hits
$$;
