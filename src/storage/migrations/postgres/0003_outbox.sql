-- Transactional outbox for streaming (SNS topics, webhooks): rows are written in the transaction that appends
-- the item; a relay on every node publishes them. A lane (endpoint + chat) is delivered in id order; dead rows block nothing.
CREATE TABLE outbox (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  lane               TEXT NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('sns', 'webhook')),
  endpoint           TEXT NOT NULL,
  initial_contact_id TEXT NOT NULL,
  item_id            TEXT NOT NULL,
  message            TEXT NOT NULL,
  attributes         TEXT NOT NULL,
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_at            BIGINT NOT NULL,
  lease_until        BIGINT NOT NULL DEFAULT 0,
  dead               BOOLEAN NOT NULL DEFAULT false,
  last_error         TEXT,
  created_at         BIGINT NOT NULL
);
CREATE INDEX outbox_lane ON outbox (lane, id) WHERE NOT dead;
CREATE INDEX outbox_due ON outbox (next_at) WHERE NOT dead;
