-- Leases per node instead of per chat: renewing them every 20 s rewrote one watchers row (and locked one contact
-- row) per watched chat, tens of thousands per node; now a sync rewrites one watch_nodes row. A watch counts while
-- its node's lease is live (notify.ts); a node whose lease may have lapsed locks all its chats again (feed.ts).
-- Rows written by the previous version carry per-chat leases this version cannot read: they are dropped (their
-- nodes register again).
DELETE FROM watchers;
ALTER TABLE watchers DROP COLUMN until;
CREATE INDEX watchers_node ON watchers (node);
CREATE TABLE watch_nodes (
  node  TEXT PRIMARY KEY,
  until TIMESTAMPTZ NOT NULL
);
