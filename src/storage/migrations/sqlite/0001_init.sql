-- Contacts (chats), participants, the ordered item log, idempotency records.
CREATE TABLE contacts (
  id                 TEXT PRIMARY KEY,
  account_id         TEXT NOT NULL,
  instance_id        TEXT NOT NULL,
  initial_contact_id TEXT NOT NULL,
  state              TEXT NOT NULL CHECK (state IN ('ACTIVE', 'ENDED')),
  destination_id     TEXT,
  source_id          TEXT,
  subtype_key        TEXT,
  expires_at         INTEGER NOT NULL,
  data               TEXT NOT NULL
) STRICT;
-- The one-active-chat rule: a race between two first messages is decided here, not in application code.
CREATE UNIQUE INDEX contacts_one_active_chat ON contacts (account_id, destination_id, source_id, subtype_key)
  WHERE state = 'ACTIVE' AND source_id IS NOT NULL;
CREATE INDEX contacts_active_expiry ON contacts (expires_at) WHERE state = 'ACTIVE';

CREATE TABLE participants (
  id                 TEXT PRIMARY KEY,
  contact_id         TEXT NOT NULL REFERENCES contacts (id),
  initial_contact_id TEXT NOT NULL,
  data               TEXT NOT NULL
) STRICT;
CREATE INDEX participants_contact ON participants (contact_id);

-- The event log: position orders everything; persisted = 0 marks push-only items (typing, receipt pushes).
CREATE TABLE items (
  position           INTEGER PRIMARY KEY AUTOINCREMENT,
  id                 TEXT NOT NULL UNIQUE,
  contact_id         TEXT NOT NULL,
  initial_contact_id TEXT NOT NULL,
  persisted          INTEGER NOT NULL,
  visibility         TEXT NOT NULL,
  body               TEXT NOT NULL
) STRICT;
CREATE INDEX items_chat ON items (initial_contact_id, position);

CREATE TABLE idempotency (
  account_id  TEXT NOT NULL,
  operation   TEXT NOT NULL,
  key         TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  result      TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  PRIMARY KEY (account_id, operation, key)
) STRICT;
CREATE INDEX idempotency_expiry ON idempotency (expires_at);
