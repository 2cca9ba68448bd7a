-- How many messages have a search's words, up to a cap, below a
-- message's id: crm-ticket-store-search.c tells a search of rare words
-- by it, and takes their few hits from the index at once.
--
-- * Words that the statistics list among the most common of the mail
--   (each in about 1% of it or more; a prefix that starts one of them)
--   are not counted: one more than the cap is returned at once, as
--   reading their hits from the index would take as long as the search.
-- * Else from the search index's bitmap only: the planner cannot tell a
--   word in 30 messages from one in 5,000, and would read the table to
--   stop at the cap, or AND a bitmap of every id below the bound.
-- * The query comes made (crm_search_query () of the words, evaluated
--   once by the caller), not remade for each hit the index rechecks;
--   no parallel workers for a count of a thousand.
--
-- PostgreSQL only: migrations/0026-search-hit-count.sql does nothing,
-- as SQLite's index gives its hits in order.
CREATE FUNCTION crm_count_hits (query tsquery, below bigint, cap integer) RETURNS bigint
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path FROM CURRENT SET enable_seqscan = off SET enable_indexscan = off
  SET max_parallel_workers_per_gather = 0
AS $$
DECLARE
  common text[];
  hits bigint;
BEGIN
  SELECT most_common_elems::text::text[] INTO common FROM pg_stats
   WHERE schemaname = current_schema () AND tablename = 'messages_fts' AND attname = 'words';
  IF common IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM regexp_matches (query::text, '''((?:[^'']|'''')*)''(:\*)?', 'g') AS m
        WHERE NOT CASE WHEN m[2] IS NULL THEN replace (m[1], '''''', '''') = ANY (common)
                       ELSE EXISTS (SELECT 1 FROM unnest (common) AS c
                                     WHERE starts_with (c, replace (m[1], '''''', ''''))) END) THEN
    RETURN cap + 1;
  END IF;
  SELECT count (*) INTO hits
    FROM (SELECT 1 FROM messages_fts WHERE words @@ query AND rowid + 0 < below LIMIT cap) AS found;
  RETURN hits;
END
$$;
