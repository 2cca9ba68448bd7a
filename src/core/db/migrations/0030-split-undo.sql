-- SPDX-License-Identifier: GPL-3.0-or-later
-- Nothing on SQLite: on the team's server (migrations-pg/0030) undoing
-- a split removes the ticket it made through a function, as only
-- administrators delete tickets there. One desk deletes it directly.
SELECT 1;
