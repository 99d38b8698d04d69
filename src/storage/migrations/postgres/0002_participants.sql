-- Participant service: bearer tokens (stored hashed) and item times for GetTranscript's StartPosition.
CREATE TABLE tokens (
  hash               TEXT PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('PARTICIPANT', 'CONNECTION', 'WEBSOCKET')),
  participant_id     TEXT NOT NULL REFERENCES participants (id),
  expires_at         BIGINT NOT NULL
);
CREATE INDEX tokens_expiry ON tokens (expires_at);

-- Epoch milliseconds of the item's AbsoluteTime (ISO 8601 in UTC with milliseconds, as the domain writes it).
ALTER TABLE items ADD COLUMN at BIGINT NOT NULL DEFAULT 0;
UPDATE items SET at = (extract(epoch FROM ((body::json) ->> 'AbsoluteTime')::timestamptz) * 1000)::bigint;
CREATE INDEX items_chat_time ON items (initial_contact_id, at);
