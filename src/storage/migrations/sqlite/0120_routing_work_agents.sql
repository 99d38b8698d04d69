-- GetCurrentUserData reads the rows that have an agent (OFFERED, CONNECTED, ACW: user_id set). The index it had,
-- (instance_id, state) over every row, took an entry for each queued chat too: one more b-tree write per enqueue
-- on the new-chat path, for rows that read never wants. This one holds the agents' rows only, in its order.
DROP INDEX routing_work_instance;
CREATE INDEX routing_work_agents ON routing_work (account_id, instance_id, enqueued_at, id) WHERE user_id IS NOT NULL;
