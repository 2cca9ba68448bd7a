CREATE TABLE half_made (id INTEGER PRIMARY KEY);
INSERT INTO first (name) VALUES ('never kept');
INSERT INTO no_such_table (id) VALUES (1);
