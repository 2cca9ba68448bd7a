-- Nothing on SQLite: PostgreSQL's migrations-pg/0026 adds a function
-- that counts a search's hits from its index; SQLite's FTS5 index
-- gives its hits in order, and a search never needs to count them.
SELECT 1;
