-- Persistent chat: which past contact each rehydrated chat continues. The primary key is the "only once per source"
-- rule (a second chat continuing the same contact conflicts here, on any connection); contacts_session finds a
-- session's contacts (ENTIRE_PAST_SESSION picks its most recently ended one).
CREATE TABLE chat_rehydrations (
  account_id        TEXT NOT NULL,
  source_contact_id TEXT NOT NULL,
  contact_id        TEXT NOT NULL,
  created_at        INTEGER NOT NULL,
  PRIMARY KEY (account_id, source_contact_id)
) STRICT;
CREATE INDEX contacts_session ON contacts (initial_contact_id);
