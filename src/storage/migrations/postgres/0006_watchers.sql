-- Which node has WebSocket participants on which chat, leased (renewed by the node, left to expire if it dies):
-- a transaction that appends items sends NOTIFY only when one of its chats is watched here, so writers pay
-- PostgreSQL's commit-time NOTIFY lock only when some node will push what they wrote (notify.ts, feed.ts).
CREATE TABLE watchers (
  initial_contact_id TEXT NOT NULL,
  node               TEXT NOT NULL,
  until              TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (initial_contact_id, node)
);
