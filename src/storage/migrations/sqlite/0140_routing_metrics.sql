-- GetCurrentMetricData (issue 17): CONTACTS_IN_QUEUE and OLDEST_CONTACT_AGE count a queue's QUEUED and OFFERED chats
-- (a contact is in queue until an agent connects). routing_work_queued holds QUEUED rows only; this index answers
-- count(*) and min(enqueued_at) per (queue, state) without reading the table.
CREATE INDEX routing_work_queue_waiting ON routing_work (queue_id, state, enqueued_at);
