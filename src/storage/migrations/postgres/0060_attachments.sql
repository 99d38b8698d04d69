-- Chat attachments (StartAttachmentUpload …): one row per attachment, its bytes in the blob store (a directory or
-- S3) under its id. Read by id only; the chat column lets an operator find a chat's attachments.
CREATE TABLE attachments (
  id                 TEXT PRIMARY KEY,
  initial_contact_id TEXT NOT NULL,
  contact_id         TEXT NOT NULL,
  participant_id     TEXT NOT NULL,
  participant_role   TEXT NOT NULL,
  name               TEXT NOT NULL,
  content_type       TEXT NOT NULL,
  size               BIGINT NOT NULL,
  status             TEXT NOT NULL,
  created_at         BIGINT NOT NULL,
  completed_at       BIGINT
);
CREATE INDEX attachments_chat ON attachments (initial_contact_id);
