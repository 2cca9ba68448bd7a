-- SPDX-License-Identifier: GPL-3.0-or-later
-- The referrals accepted into a contact, oldest first (the similar
-- clients' "which broker's" and the contact's history): the contact's
-- referrals read on one index in id order, never the table walked in
-- id order looking for them (PostgreSQL chose that for "ORDER BY id
-- LIMIT 1" when no referral has the contact).
DROP INDEX referrals_contact;
CREATE INDEX referrals_contact ON referrals (contact_id, id) WHERE contact_id IS NOT NULL;
