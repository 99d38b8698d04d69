-- Failed SMS sends, per chat (the agent's Retry) and per instance (the supervisors' view): a chat's SMS outbox
-- entries and its sends are found by the chat, and failed sends (an error recorded) newest first.
CREATE INDEX outbox_sms_chat ON outbox (initial_contact_id, item_id) WHERE kind = 'sms';
CREATE INDEX sms_sends_chat ON sms_sends (initial_contact_id, id);
CREATE INDEX sms_sends_failed ON sms_sends (id) WHERE error IS NOT NULL;
