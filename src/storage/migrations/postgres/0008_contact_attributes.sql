-- Contact attributes a search can name, one row each (rows.ts attributeRows): SearchContacts by attribute is an index
-- lookup instead of a ::json cast of every record of the range (which failed outright on a stored U+0000 or unpaired
-- surrogate); values are JSON text, so every string is stored and compared exactly.
-- Existing contacts are copied in by the code that runs this migration (backfill.ts), in the same transaction.
CREATE TABLE contact_attributes (
  contact_id TEXT NOT NULL,
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  PRIMARY KEY (contact_id, key)
);
CREATE INDEX contact_attributes_value ON contact_attributes (key, value, contact_id);
