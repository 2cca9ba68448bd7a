-- SPDX-License-Identifier: GPL-3.0-or-later
-- People log in as themselves on the team's database (issue 13): a
-- user may have a login, the server's role they connect as; the
-- desktop is then that user, with no "Who is working?". On this desk's
-- own file nobody logs in, and the column stays empty.

ALTER TABLE users ADD COLUMN login TEXT;
CREATE UNIQUE INDEX users_login ON users (login) WHERE login IS NOT NULL;
