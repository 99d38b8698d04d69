-- Idempotency records keep no secret in the clear (sealed.ts): the key column holds an HMAC of the client's token and
-- the result is encrypted under a key derived from that token, which is never stored. The server secret lives here,
-- written once by the first node to start (every node reads the same one). Records written before this kept
-- ParticipantTokens verbatim: removed (a retry across the upgrade runs again instead of replaying).
CREATE TABLE meta (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
DELETE FROM idempotency;
