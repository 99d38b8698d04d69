-- SearchContacts: the timestamps it filters and sorts on, and the agent it filters by, as columns of the contact
-- (the record stays in `data`).
ALTER TABLE contacts ADD COLUMN initiated_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN ended_at BIGINT;
ALTER TABLE contacts ADD COLUMN agent_id TEXT;
ALTER TABLE contacts ADD COLUMN agent_at BIGINT;
UPDATE contacts SET initiated_at = ((data::json) ->> 'initiatedAt')::bigint, ended_at = ((data::json) ->> 'endedAt')::bigint;
-- One covering index serves the usual searches (an instance's contacts by initiation time, with or without the
-- live-chat, agent, address and subtype filters) from the index alone; a page then reads `data` for its rows only.
-- Message updates change none of these columns, so the hot path never touches it.
CREATE INDEX contacts_search ON contacts (instance_id, account_id, initiated_at, id, ended_at, agent_at, agent_id, source_id, subtype_key);
CREATE INDEX contacts_search_ended ON contacts (instance_id, account_id, ended_at, id) WHERE ended_at IS NOT NULL;
