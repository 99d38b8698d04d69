-- Contacts (chats), participants, the ordered item log, idempotency records: the SQLite schema in PostgreSQL.
-- Records are kept as JSON text, not jsonb: jsonb reorders keys and item bodies keep Connect's member order.
CREATE TABLE contacts (
  id                 TEXT PRIMARY KEY,
  account_id         TEXT NOT NULL,
  instance_id        TEXT NOT NULL,
  initial_contact_id TEXT NOT NULL,
  state              TEXT NOT NULL CHECK (state IN ('ACTIVE', 'ENDED')),
  destination_id     TEXT,
  source_id          TEXT,
  subtype_key        TEXT,
  expires_at         BIGINT NOT NULL,
  data               TEXT NOT NULL
);
-- The one-active-chat rule: a race between two first messages (on any node) is decided here, not in code.
CREATE UNIQUE INDEX contacts_one_active_chat ON contacts (account_id, destination_id, source_id, subtype_key)
  WHERE state = 'ACTIVE' AND source_id IS NOT NULL;
CREATE INDEX contacts_active_expiry ON contacts (expires_at) WHERE state = 'ACTIVE';

CREATE TABLE participants (
  -- Insertion order (SQLite's rowid).
  seq                BIGINT GENERATED ALWAYS AS IDENTITY,
  id                 TEXT PRIMARY KEY,
  contact_id         TEXT NOT NULL REFERENCES contacts (id),
  initial_contact_id TEXT NOT NULL,
  data               TEXT NOT NULL
);
CREATE INDEX participants_contact ON participants (contact_id, seq);

-- The event log: position orders everything; persisted = false marks push-only items (typing, receipt pushes).
-- Positions come from a sequence, so they increase in the order transactions take them, not the order they
-- commit; per chat the two agree because writers of one chat hold its contact row lock (PostgresStore.ts).
CREATE TABLE items (
  position           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id                 TEXT NOT NULL UNIQUE,
  contact_id         TEXT NOT NULL,
  initial_contact_id TEXT NOT NULL,
  persisted          BOOLEAN NOT NULL,
  visibility         TEXT NOT NULL,
  body               TEXT NOT NULL
);
CREATE INDEX items_chat ON items (initial_contact_id, position);

CREATE TABLE idempotency (
  account_id  TEXT NOT NULL,
  operation   TEXT NOT NULL,
  key         TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  result      TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  PRIMARY KEY (account_id, operation, key)
);
CREATE INDEX idempotency_expiry ON idempotency (expires_at);
