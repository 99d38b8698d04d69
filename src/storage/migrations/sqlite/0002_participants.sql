-- Participant service: bearer tokens (stored hashed) and item times for GetTranscript's StartPosition.
CREATE TABLE tokens (
  hash               TEXT PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('PARTICIPANT', 'CONNECTION', 'WEBSOCKET')),
  participant_id     TEXT NOT NULL REFERENCES participants (id),
  expires_at         INTEGER NOT NULL
) STRICT;
CREATE INDEX tokens_expiry ON tokens (expires_at);

ALTER TABLE items ADD COLUMN at INTEGER NOT NULL DEFAULT 0;
UPDATE items SET at = CAST(strftime('%s', json_extract(body, '$.AbsoluteTime')) AS INTEGER) * 1000
  + CAST(substr(json_extract(body, '$.AbsoluteTime'), 21, 3) AS INTEGER);
CREATE INDEX items_chat_time ON items (initial_contact_id, at);
