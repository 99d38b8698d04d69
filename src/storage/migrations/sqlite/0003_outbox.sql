-- Transactional outbox for streaming (SNS topics, webhooks): rows are written in the transaction that appends
-- the item; a relay publishes them. A lane (endpoint + chat) is delivered in id order; dead rows block nothing.
CREATE TABLE outbox (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  lane               TEXT NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('sns', 'webhook')),
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
CREATE INDEX outbox_lane ON outbox (lane, id) WHERE dead = 0;
CREATE INDEX outbox_due ON outbox (next_at) WHERE dead = 0;
