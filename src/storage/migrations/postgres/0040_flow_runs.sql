-- The flow engine's durable state (issue 14). flow_runs: one row per contact whose flow started; `data` is the run
-- (flow id and checksum pinned at start, current action, variables, attribute writes) as JSON, written in the
-- transaction that produces the run's items. flow_timers: anything due later (Wait, GetParticipantInput timeouts,
-- Lambda calls in flight), at most one per run, advanced by a loop that leases due rows. flow_versions: published
-- contents by checksum, so a running contact keeps the version it started with. flow_logs: the flow log lines of
-- a contact (bounded per contact by the engine).
CREATE TABLE flow_runs (
  contact_id TEXT PRIMARY KEY,
  data       TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE flow_timers (
  contact_id TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  step       BIGINT NOT NULL,
  due_at     BIGINT NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX flow_timers_due ON flow_timers (due_at);
CREATE TABLE flow_versions (
  sha256  TEXT PRIMARY KEY,
  content TEXT NOT NULL
);
CREATE TABLE flow_logs (
  contact_id TEXT NOT NULL,
  seq        BIGINT NOT NULL,
  line       TEXT NOT NULL,
  PRIMARY KEY (contact_id, seq)
);
-- TransferContactToQueue: SearchContacts' QueueIds filter reads the contact's queue as a column. The index is
-- partial: contacts no flow queued (NULL) cost it nothing on insert.
ALTER TABLE contacts ADD COLUMN queue_id TEXT;
CREATE INDEX contacts_queue ON contacts (account_id, instance_id, queue_id) WHERE queue_id IS NOT NULL;
