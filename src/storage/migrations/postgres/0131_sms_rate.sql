-- sms.messagesPerSecond across nodes: one token bucket (GCRA) per sending number, its theoretical arrival time in
-- epoch ms (fractional: 3 per second is every 333.3 ms), reserved by one upsert per send (storage/postgres/sms-rate.ts).
CREATE TABLE sms_rate (
  number TEXT PRIMARY KEY,
  tat    DOUBLE PRECISION NOT NULL
);
