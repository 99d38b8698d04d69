-- sms.messagesPerSecond across nodes is PostgreSQL's table (storage/postgres/sms-rate.ts): SQLite serves one process,
-- whose bucket lives in memory (channels/pace.ts). The twin keeps the schemas alike.
CREATE TABLE sms_rate (
  number TEXT PRIMARY KEY,
  tat    REAL NOT NULL
) STRICT;
