-- Nothing on SQLite: PostgreSQL's migrations-pg/0027 keeps each
-- contact's sort key beside its search text, so that a search is read
-- from contacts_fts alone. SQLite's search joins the few contacts its
-- FTS5 index finds, a microsecond each.
SELECT 1;
