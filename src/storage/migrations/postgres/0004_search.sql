-- SearchContacts: the timestamps it filters and sorts on, and the agent it filters by, as columns of the contact
-- (the record stays in `data`). Indexes serve the usual queries: an instance's contacts by initiation or end time.
ALTER TABLE contacts ADD COLUMN initiated_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN ended_at BIGINT;
ALTER TABLE contacts ADD COLUMN agent_id TEXT;
ALTER TABLE contacts ADD COLUMN agent_at BIGINT;
UPDATE contacts SET initiated_at = ((data::json) ->> 'initiatedAt')::bigint, ended_at = ((data::json) ->> 'endedAt')::bigint;
CREATE INDEX contacts_search_initiated ON contacts (instance_id, initiated_at, id);
CREATE INDEX contacts_search_ended ON contacts (instance_id, ended_at, id) WHERE ended_at IS NOT NULL;
