-- Retention (the sweep, src/domain/retention.ts) finds what it may purge through small partial indexes, so that a
-- pass reads only candidates and deletes them in bounded batches: push-only items (typing, receipt pushes) by the
-- time they were appended; flow runs by their last change (a run's contact must have ended too); uploads never
-- completed by the time they started. Persisted items and approved attachments cost these indexes nothing.
CREATE INDEX items_push_only_at ON items (at) WHERE NOT persisted;
CREATE INDEX flow_runs_updated ON flow_runs (updated_at);
CREATE INDEX attachments_unfinished ON attachments (created_at) WHERE status IN ('IN_PROGRESS', 'PURGING');
