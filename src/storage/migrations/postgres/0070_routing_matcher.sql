-- The matcher's state (issue 17; PostgreSQL twin of sqlite/0070_routing_matcher.sql): one row per piece of an agent's work on a chat, from the moment the chat enters a
-- queue until the agent's after-contact work ends. A chat has at most one live row (QUEUED, OFFERED or CONNECTED:
-- the unique partial index); a transfer leaves the old agent's row in ACW beside the chat's new QUEUED row.
--   state QUEUED     waiting in queue_id (an agent queue is 'agent:<UserId>'); user_id NULL
--   state OFFERED    offered to user_id, whose slot counts as busy; due_at: the offer's expiry (now for AutoAccept)
--   state CONNECTED  user_id is the chat's agent (participant_id); no timer
--   state ACW        user_id is in after-contact work; due_at: its timeout (NULL: until CompleteContactWork)
-- Ordering of waiting chats: priority (lower first), then sort_at (the enqueue time moved by the flow's
-- QueueTimeAdjustmentSeconds). due_at + lease_until are the durable timer (leased by a loop like flow_timers);
-- version changes with every write so a timer claimed for an older state does nothing.
CREATE TABLE routing_work (
  id             TEXT PRIMARY KEY,
  contact_id     TEXT NOT NULL,
  account_id     TEXT NOT NULL,
  instance_id    TEXT NOT NULL,
  queue_id       TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('QUEUED', 'OFFERED', 'CONNECTED', 'ACW')),
  priority       BIGINT NOT NULL,
  enqueued_at    BIGINT NOT NULL,
  sort_at        BIGINT NOT NULL,
  user_id        TEXT,
  participant_id TEXT,
  auto_accept    INTEGER NOT NULL DEFAULT 0,
  state_since    BIGINT NOT NULL,
  due_at         BIGINT,
  lease_until    BIGINT,
  version        INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX routing_work_live ON routing_work (contact_id) WHERE state <> 'ACW';
CREATE INDEX routing_work_queued ON routing_work (queue_id, priority, sort_at, id) WHERE state = 'QUEUED';
CREATE INDEX routing_work_due ON routing_work (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX routing_work_user ON routing_work (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX routing_work_instance ON routing_work (instance_id, state);
-- On PostgreSQL the matcher reads waiting chats and free agents FOR UPDATE SKIP LOCKED (src/storage/routing-sql.ts):
-- two nodes matching at once take different chats and agents, and never offer one chat twice.
