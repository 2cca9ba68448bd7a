-- A contacts' search in the order of the list (by sort key) from the
-- search table alone: a letter typed finds a sixth of 100,000 contacts,
-- and joining each to contacts for its sort key cost 30 ms of the 50
-- the search took. The key is kept beside the search text by triggers,
-- whichever of the two rows is written first; crmctl db migrate
-- --from-sqlite copies with the triggers off, then calls
-- crm_after_import () for what the schema derives from the rows.
--
-- PostgreSQL version of migrations/0027-contact-search-order.sql.
--
-- Searching (how the store writes its contacts query on PostgreSQL
-- from this step on; the vector's columns as in 0014):
--   SELECT rowid FROM contacts_fts
--    WHERE crm_search_vector (name, company, emails, phones, tags, address)
--          @@ crm_search_query (?)
--    ORDER BY sort_key, rowid

ALTER TABLE contacts_fts ADD COLUMN sort_key text COLLATE "C";
UPDATE contacts_fts f SET sort_key = c.sort_key FROM contacts c WHERE c.id = f.rowid;

CREATE FUNCTION crm_contacts_fts_sort_key () RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT
AS $$
BEGIN
  NEW.sort_key := (SELECT sort_key FROM contacts WHERE id = NEW.rowid);
  RETURN NEW;
END
$$;

CREATE TRIGGER contacts_fts_sort_key BEFORE INSERT ON contacts_fts
  FOR EACH ROW EXECUTE FUNCTION crm_contacts_fts_sort_key ();

CREATE FUNCTION crm_contacts_sort_key_to_fts () RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT
AS $$
BEGIN
  UPDATE contacts_fts SET sort_key = NEW.sort_key WHERE rowid = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER contacts_sort_key_insert AFTER INSERT ON contacts
  FOR EACH ROW EXECUTE FUNCTION crm_contacts_sort_key_to_fts ();
CREATE TRIGGER contacts_sort_key_update AFTER UPDATE OF sort_key ON contacts
  FOR EACH ROW WHEN (NEW.sort_key IS DISTINCT FROM OLD.sort_key)
  EXECUTE FUNCTION crm_contacts_sort_key_to_fts ();

-- What the schema derives from rows copied with the triggers off
-- (crm-pg-import.c calls it once every table is filled).
CREATE FUNCTION crm_after_import () RETURNS void
  LANGUAGE sql SET search_path FROM CURRENT
AS $$
  UPDATE contacts_fts f SET sort_key = c.sort_key FROM contacts c WHERE c.id = f.rowid;
$$;
