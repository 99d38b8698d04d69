-- SMS channel: the outbox takes kind 'sms' (agents' replies to the customer's phone, lane sms:<DestinationId> + chat),
-- and sms_sends records what a provider answered (its message id, for delivery callbacks). SQLite cannot change a
-- CHECK constraint in place, so the outbox is rebuilt with its rows, ids and indexes.
CREATE TABLE outbox_new (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  lane               TEXT NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('sns', 'webhook', 'sms')),
  endpoint           TEXT NOT NULL,
  initial_contact_id TEXT NOT NULL,
  item_id            TEXT NOT NULL,
  message            TEXT NOT NULL,
  attributes         TEXT NOT NULL,
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_at            INTEGER NOT NULL,
  lease_until        INTEGER NOT NULL DEFAULT 0,
  dead               INTEGER NOT NULL DEFAULT 0,
  last_error         TEXT,
  created_at         INTEGER NOT NULL
) STRICT;
INSERT INTO outbox_new SELECT id, lane, kind, endpoint, initial_contact_id, item_id, message, attributes, attempts, next_at,
  lease_until, dead, last_error, created_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_lane ON outbox (lane, id) WHERE dead = 0;
CREATE INDEX outbox_due ON outbox (next_at) WHERE dead = 0;

-- One row per answer of a provider to a send (a retry after a timeout can send an item twice: two rows).
CREATE TABLE sms_sends (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id             TEXT NOT NULL,
  initial_contact_id  TEXT NOT NULL,
  destination_id      TEXT NOT NULL,
  provider            TEXT NOT NULL,
  provider_message_id TEXT,
  status              TEXT NOT NULL,
  error               TEXT,
  created_at          INTEGER NOT NULL
) STRICT;
CREATE INDEX sms_sends_item ON sms_sends (item_id);
CREATE UNIQUE INDEX sms_sends_provider_id ON sms_sends (provider, provider_message_id) WHERE provider_message_id IS NOT NULL;
