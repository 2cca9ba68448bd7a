-- SPDX-License-Identifier: GPL-3.0-or-later
-- Forwarding a ticket (TK18): the forward is our mail in the ticket
-- (role 'forward'), and what its recipients answer comes back into it
-- as a third party's mail (role 'third-party'), never taken for the
-- client's answer nor sent on to the client.
ALTER TABLE messages ADD COLUMN role TEXT CHECK (role IN ('forward', 'third-party'));
