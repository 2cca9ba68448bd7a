-- SPDX-License-Identifier: GPL-3.0-or-later
-- Property offers and clients' searches (OF): offers, searches with
-- their locations, and the offer mails prepared for agents or sent to
-- clients. The matching rules are in src/core/crm-store-offers.c.
--
-- City and district keys are the names folded for comparison (case and
-- accents ignored, spaces collapsed): "Kraków" and "krakow " are one
-- place. A search's types are bits: 1 flat, 2 house, 4 plot,
-- 8 commercial; 0 is any type. A NULL bound of a range is "any".

CREATE TABLE offers (
  id            INTEGER PRIMARY KEY,   -- the offer's number
  deal          TEXT NOT NULL CHECK (deal IN ('sale', 'rent')),
  property_type TEXT NOT NULL CHECK (property_type IN ('flat', 'house', 'plot', 'commercial')),
  city          TEXT NOT NULL,
  city_key      TEXT NOT NULL,
  district      TEXT,
  district_key  TEXT NOT NULL DEFAULT '',
  street        TEXT,
  price         INTEGER NOT NULL CHECK (price >= 0),
  area          REAL NOT NULL CHECK (area > 0),
  rooms         INTEGER CHECK (rooms >= 0),
  floor         INTEGER,
  market        TEXT CHECK (market IN ('primary', 'secondary')),
  description   TEXT,
  agent_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
-- manual matching from a search: the offers of its places
CREATE INDEX offers_place ON offers (deal, city_key, district_key, price);
CREATE INDEX offers_agent ON offers (agent_id, id) WHERE agent_id IS NOT NULL;

CREATE TABLE searches (
  id          INTEGER PRIMARY KEY,     -- the search's number
  client_id   INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  agent_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
  deal        TEXT NOT NULL CHECK (deal IN ('sale', 'rent')),
  types       INTEGER NOT NULL DEFAULT 0 CHECK (types BETWEEN 0 AND 15),
  -- as entered, "City" or "City/District", separated by char (31)
  locations   TEXT NOT NULL DEFAULT '',
  price_min   INTEGER,
  price_max   INTEGER,
  area_min    REAL,
  area_max    REAL,
  rooms_min   INTEGER,
  rooms_max   INTEGER,
  floor_min   INTEGER,
  floor_max   INTEGER,
  market      TEXT CHECK (market IN ('primary', 'secondary')),
  notify      TEXT NOT NULL DEFAULT 'off' CHECK (notify IN ('off', 'agent', 'client')),
  note        TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX searches_client ON searches (client_id);
-- an agent's searches by last update (OF10)
CREATE INDEX searches_agent ON searches (agent_id, updated_at);

-- One row per place of a search (a search without places has one row
-- with city_key ''), carrying a copy of the search's criteria: saving
-- a new offer finds the searches it fits by one walk of this key per
-- place (the offer's city and district, the city alone, anywhere),
-- only over searches that notify and are fresh, and checks the ranges
-- on the same rows without reading the searches themselves.
CREATE TABLE search_locations (
  notifying    INTEGER NOT NULL,   -- 1 while the search's notify is not 'off'
  deal         TEXT NOT NULL,
  city_key     TEXT NOT NULL,
  district_key TEXT NOT NULL,      -- '' for the whole city
  updated_at   INTEGER NOT NULL,
  search_id    INTEGER NOT NULL REFERENCES searches (id) ON DELETE CASCADE,
  types        INTEGER NOT NULL,
  market       TEXT,
  price_min    INTEGER,
  price_max    INTEGER,
  area_min     REAL,
  area_max     REAL,
  rooms_min    INTEGER,
  rooms_max    INTEGER,
  floor_min    INTEGER,
  floor_max    INTEGER,
  PRIMARY KEY (notifying, deal, city_key, district_key, updated_at, search_id)
) WITHOUT ROWID;
CREATE INDEX search_locations_search ON search_locations (search_id);

-- Mails with offers to a client (OF7, OF8). A "prepared" mail waits in
-- the agent's "Emails to send" box (state pending, at most one per
-- client: new offers join it); an automatic or a manual one goes to
-- the outbox at once (state queued), and becomes sent, failed or
-- cancelled with its outbox row.
CREATE TABLE offer_mails (
  id         INTEGER PRIMARY KEY,
  client_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  agent_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('prepared', 'automatic', 'manual')),
  state      TEXT NOT NULL CHECK (state IN ('pending', 'queued', 'sent', 'failed', 'cancelled')),
  outbox_id  INTEGER REFERENCES outbox (id),
  created_at INTEGER NOT NULL,
  sent_at    INTEGER
);
CREATE UNIQUE INDEX offer_mails_pending ON offer_mails (client_id) WHERE state = 'pending';
CREATE INDEX offer_mails_state ON offer_mails (state, id);
CREATE INDEX offer_mails_outbox ON offer_mails (outbox_id) WHERE outbox_id IS NOT NULL;

-- which offers a mail presents, and for which of the client's searches
CREATE TABLE offer_mail_items (
  mail_id   INTEGER NOT NULL REFERENCES offer_mails (id) ON DELETE CASCADE,
  offer_id  INTEGER NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
  search_id INTEGER NOT NULL REFERENCES searches (id) ON DELETE CASCADE,
  PRIMARY KEY (mail_id, offer_id, search_id)
) WITHOUT ROWID;
CREATE INDEX offer_mail_items_offer ON offer_mail_items (offer_id);
CREATE INDEX offer_mail_items_search ON offer_mail_items (search_id);

-- office settings: how fresh a search must be to take part in the
-- matching of new offers (OF6), and when it is listed as stale (OF10)
INSERT INTO settings (key, value) VALUES ('offers-match-days', '60'), ('offers-stale-days', '30');
