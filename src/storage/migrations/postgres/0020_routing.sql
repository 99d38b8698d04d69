-- Routing configuration (issue 17; PostgreSQL twin of sqlite/0020_routing.sql, names in the "C" collation so
-- that name-ordered paging is byte order as on SQLite): hours of operation, queues, routing profiles and their queues, agent statuses,
-- security profiles, users (agents) and each user's routing state. Every object table has the same frame: the id
-- (a UUID, unique in the store), the instance it belongs to, a name unique in that instance (a user's Username),
-- the last change (LastModifiedTime, epoch ms) and the record as JSON; columns apart only where a query needs them.
CREATE TABLE hours_of_operation (
  id          TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  name        TEXT COLLATE "C" NOT NULL,
  updated_at  BIGINT NOT NULL,
  data        TEXT NOT NULL,
  UNIQUE (account_id, instance_id, name)
);

CREATE TABLE queues (
  id          TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  name        TEXT COLLATE "C" NOT NULL,
  updated_at  BIGINT NOT NULL,
  data        TEXT NOT NULL,
  UNIQUE (account_id, instance_id, name)
);

CREATE TABLE routing_profiles (
  id          TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  name        TEXT COLLATE "C" NOT NULL,
  updated_at  BIGINT NOT NULL,
  data        TEXT NOT NULL,
  UNIQUE (account_id, instance_id, name)
);

-- Which (queue, channel) a profile serves, by priority (1 first) and delay (seconds a contact waits before agents
-- of this profile are offered it). The matcher walks it from the queue side: index (queue_id, channel).
CREATE TABLE routing_profile_queues (
  routing_profile_id TEXT NOT NULL REFERENCES routing_profiles (id) ON DELETE CASCADE,
  queue_id           TEXT NOT NULL REFERENCES queues (id),
  channel            TEXT NOT NULL CHECK (channel IN ('VOICE', 'CHAT', 'TASK', 'EMAIL')),
  priority           INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 99),
  delay              INTEGER NOT NULL CHECK (delay BETWEEN 0 AND 9999),
  PRIMARY KEY (routing_profile_id, queue_id, channel)
);
CREATE INDEX routing_profile_queues_queue ON routing_profile_queues (queue_id, channel, routing_profile_id);

CREATE TABLE agent_statuses (
  id          TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  name        TEXT COLLATE "C" NOT NULL,
  updated_at  BIGINT NOT NULL,
  data        TEXT NOT NULL,
  UNIQUE (account_id, instance_id, name)
);

CREATE TABLE security_profiles (
  id          TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  name        TEXT COLLATE "C" NOT NULL,
  updated_at  BIGINT NOT NULL,
  data        TEXT NOT NULL,
  UNIQUE (account_id, instance_id, name)
);

-- password_hash: scrypt$N$r$p$salt$hash (src/passwords.ts), never in `data`, never in an answer.
CREATE TABLE users (
  id                 TEXT PRIMARY KEY,
  account_id         TEXT NOT NULL,
  instance_id        TEXT NOT NULL,
  name               TEXT COLLATE "C" NOT NULL,
  updated_at         BIGINT NOT NULL,
  password_hash      TEXT,
  routing_profile_id TEXT NOT NULL REFERENCES routing_profiles (id),
  data               TEXT NOT NULL,
  UNIQUE (account_id, instance_id, name)
);
CREATE INDEX users_routing_profile ON users (routing_profile_id);

-- Each agent's routing state, kept apart from `users` so that the matcher's frequent writes touch a small row:
-- the current status (its type decides routability) and since when, the CHAT slots of the user's profile
-- (copied from it; rewritten when the profile's concurrency or the user's profile changes), the slots held
-- (offered, connected or in after-contact work) and since when the agent has been free (who waited longest).
--
-- The matcher (next slice) offers queue Q's oldest eligible chat to (RoutingTx.freeAgents, src/storage/routing-sql.ts)
--   SELECT s.user_id FROM user_status s
--     JOIN routing_profile_queues pq ON pq.routing_profile_id = s.routing_profile_id
--    WHERE pq.queue_id = :q AND pq.channel = 'CHAT'
--      AND s.status_type = 'ROUTABLE' AND s.chat_busy < s.chat_slots
--    ORDER BY s.idle_since, s.user_id LIMIT 1
--    FOR UPDATE OF s SKIP LOCKED
-- then UPDATE user_status SET chat_busy = chat_busy + 1 WHERE user_id = :u in the same transaction. SKIP LOCKED: a
-- node offering to one agent does not stall another node's offer, which takes the next agent; the row lock held
-- to COMMIT means two nodes never both count the same free slot. The partial index holds only agents
-- who could take a chat now, per profile, in idle order.
CREATE TABLE user_status (
  user_id            TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  account_id         TEXT NOT NULL,
  instance_id        TEXT NOT NULL,
  routing_profile_id TEXT NOT NULL,
  status_id          TEXT NOT NULL,
  status_name        TEXT NOT NULL,
  status_type        TEXT NOT NULL CHECK (status_type IN ('ROUTABLE', 'CUSTOM', 'OFFLINE')),
  status_since       BIGINT NOT NULL,
  chat_slots         INTEGER NOT NULL CHECK (chat_slots BETWEEN 0 AND 10),
  chat_busy          INTEGER NOT NULL CHECK (chat_busy >= 0),
  idle_since         BIGINT NOT NULL
);
CREATE INDEX user_status_free ON user_status (routing_profile_id, idle_since, user_id)
  WHERE status_type = 'ROUTABLE' AND chat_busy < chat_slots;
CREATE INDEX user_status_profile ON user_status (routing_profile_id);
