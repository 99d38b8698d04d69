-- Quick responses (issue 15): canned replies agents pick in the console, shared by the instance and managed by
-- supervisors (the CreateQuickResponse / UpdateQuickResponse / DeleteQuickResponse / SearchQuickResponses
-- extension). The frame every routing object table has (migrations/*/0020_routing.sql): the id, the instance, a
-- name unique in it, the last change and the record as JSON (the content and who changed it last).
CREATE TABLE quick_responses (
  id          TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  name        TEXT NOT NULL,
  updated_at  INTEGER NOT NULL,
  data        TEXT NOT NULL,
  UNIQUE (account_id, instance_id, name)
) STRICT;
