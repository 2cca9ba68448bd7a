-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL's json_each () of ids learnt how many rows it gives
-- (migrations-pg/0042-json-each-rows.sql); SQLite's own json_each ()
-- needs nothing.
SELECT 1;
