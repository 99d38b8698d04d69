-- SearchContacts: the timestamps it filters and sorts on, and the agent it filters by, as columns of the contact
-- (the record stays in `data`). Indexes serve the usual queries: an instance's contacts by initiation or end time.
ALTER TABLE contacts ADD COLUMN initiated_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN ended_at INTEGER;
ALTER TABLE contacts ADD COLUMN agent_id TEXT;
ALTER TABLE contacts ADD COLUMN agent_at INTEGER;
UPDATE contacts SET initiated_at = json_extract(data, '$.initiatedAt'), ended_at = json_extract(data, '$.endedAt');
CREATE INDEX contacts_search_initiated ON contacts (instance_id, initiated_at, id);
CREATE INDEX contacts_search_ended ON contacts (instance_id, ended_at, id) WHERE ended_at IS NOT NULL;
