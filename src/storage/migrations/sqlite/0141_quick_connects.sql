-- Quick connects (issue 17, issue 15's transfers): Connect's transfer destinations, in the frame every routing object
-- table has (migrations/*/0020_routing.sql): the id, the instance, a name unique in it, the last change and the
-- record as JSON (its type and the user, queue, flow or phone number it points to). Which queues list a quick
-- connect is kept on the queue's record (QuickConnectIds), as CreateQueue takes them.
CREATE TABLE quick_connects (
  id          TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  name        TEXT NOT NULL,
  updated_at  INTEGER NOT NULL,
  data        TEXT NOT NULL,
  UNIQUE (account_id, instance_id, name)
) STRICT;
