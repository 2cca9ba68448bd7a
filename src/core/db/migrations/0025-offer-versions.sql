-- Each offer and search row has a version, one more with every save of
-- its form: a form saves only over the version it read, so that two
-- agents editing one offer or one client's search at once cannot undo
-- each other's changes without knowing (CRM_ERROR_CHANGED), as with
-- contacts (0022).
ALTER TABLE offers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE searches ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
