-- The terms of the mail search index, one row per occurrence, read in
-- term order: a search whose last word is still being typed looks up
-- the few words that word starts, a seek each, and asks for them by
-- name (crm-store-tickets.c), so the index walks its hits newest first
-- and stops at a screenful instead of gathering every hit of every
-- such word. A view over messages_fts: it stores nothing.
--
-- PostgreSQL version of migrations/0018-message-search-terms.sql. There
-- is no fts5vocab: this is an ordinary view with its columns (term,
-- doc, col, "offset"), the words of each column of messages_fts as
-- crm_search_vector () makes them (0001), in term order by their bytes
-- (COLLATE "C", as FTS5 orders its terms). But a GIN index cannot be
-- walked in term order, so the view reads and splits every message
-- each time it is asked: it is here to keep the schema's names, not for
-- the ticket search, which on PostgreSQL does not use it (it looks
-- terms up only with FTS5's own tokenizer, SQLite's alone) and asks the
-- index for prefixes ("word"*) instead, which GIN answers. Offsets
-- count words from 0 as FTS5's do, but a tsvector keeps at most 256 of
-- a word's places, and none past the 16,383rd word of a column.
CREATE VIEW messages_fts_terms AS
  SELECT v.lexeme COLLATE "C" AS term, f.rowid AS doc, c.col, p.pos - 1 AS "offset"
  FROM messages_fts f
  CROSS JOIN LATERAL (VALUES (0, 'subject', f.subject), (1, 'body', f.body), (2, 'addresses', f.addresses))
    AS c (n, col, value)
  CROSS JOIN LATERAL unnest (crm_search_vector (c.value)) AS v
  CROSS JOIN LATERAL unnest (v.positions) AS p (pos)
  ORDER BY v.lexeme COLLATE "C", f.rowid, c.n, p.pos;
