-- SPDX-License-Identifier: GPL-3.0-or-later
-- Templates for mail (TK4), shared by the modules that write mail: a
-- name, and a text with placeholders such as {client_name} that are
-- filled in when the template is used.

CREATE TABLE templates (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
