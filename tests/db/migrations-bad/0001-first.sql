CREATE TABLE first (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO first (name) VALUES ('kept');
