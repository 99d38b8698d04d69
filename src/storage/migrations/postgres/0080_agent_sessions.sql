-- Agents' sign-in sessions (POST /auth/sign-in): short-lived SigV4 credentials scoped to one user and instance.
-- Only SHA-256 of the session token is kept, and the secret access key sealed under a key derived from the token
-- (src/storage/session-seal.ts). Read by access key on every request signed with them; ended by sign-out, by the
-- user going Offline or being deleted (by user), and purged after expiry.
CREATE TABLE agent_sessions (
  access_key_id TEXT PRIMARY KEY,
  token_hash    TEXT NOT NULL,
  sealed_secret TEXT NOT NULL,
  account_id    TEXT NOT NULL,
  instance_id   TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  grants        TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  expires_at    BIGINT NOT NULL
);
CREATE INDEX agent_sessions_user ON agent_sessions (user_id);
CREATE INDEX agent_sessions_expiry ON agent_sessions (expires_at);
