-- Contact flows (CreateContactFlow …): one row per flow of an instance. Names are unique per instance
-- (DuplicateResourceException); ListContactFlows pages by id within an instance (the primary key). `data` holds the
-- record's other fields (ARN, description, tags, times, region, checksum) as JSON; contents get columns of their
-- own so a listing never reads them. Nothing on the chat path touches this table.
CREATE TABLE contact_flows (
  account_id        TEXT NOT NULL,
  instance_id       TEXT NOT NULL,
  id                TEXT NOT NULL,
  name              TEXT NOT NULL,
  type              TEXT NOT NULL,
  state             TEXT NOT NULL,
  status            TEXT NOT NULL,
  data              TEXT NOT NULL,
  saved_content     TEXT NOT NULL,
  published_content TEXT,
  PRIMARY KEY (account_id, instance_id, id)
);
CREATE UNIQUE INDEX contact_flows_name ON contact_flows (account_id, instance_id, name);
