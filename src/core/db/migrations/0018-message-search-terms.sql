-- The terms of the mail search index, one row per occurrence, read in
-- term order: a search whose last word is still being typed looks up
-- the few words that word starts, a seek each, and asks for them by
-- name (crm-store-tickets.c), so the index walks its hits newest first
-- and stops at a screenful instead of gathering every hit of every
-- such word. A view over messages_fts: it stores nothing.
CREATE VIRTUAL TABLE messages_fts_terms USING fts5vocab (messages_fts, instance);
