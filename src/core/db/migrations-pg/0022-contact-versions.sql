-- Each contact row has a version, one more with every change the
-- contact form or a store makes: a form saves only over the version it
-- read, so that two people editing one contact at once cannot undo
-- each other's changes without knowing (CRM_ERROR_CHANGED).
--
-- PostgreSQL version of migrations/0022-contact-versions.sql.
ALTER TABLE contacts ADD COLUMN version bigint NOT NULL DEFAULT 1;
