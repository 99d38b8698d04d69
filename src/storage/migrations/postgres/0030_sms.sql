-- SMS channel: the outbox takes kind 'sms' (agents' replies to the customer's phone, lane sms:<DestinationId> + chat),
-- and sms_sends records what a provider answered (its message id, for delivery callbacks).
ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('sns', 'webhook', 'sms'));

-- One row per answer of a provider to a send (a retry after a timeout can send an item twice: two rows).
CREATE TABLE sms_sends (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id             TEXT NOT NULL,
  initial_contact_id  TEXT NOT NULL,
  destination_id      TEXT NOT NULL,
  provider            TEXT NOT NULL,
  provider_message_id TEXT,
  status              TEXT NOT NULL,
  error               TEXT,
  created_at          BIGINT NOT NULL
);
CREATE INDEX sms_sends_item ON sms_sends (item_id);
CREATE UNIQUE INDEX sms_sends_provider_id ON sms_sends (provider, provider_message_id) WHERE provider_message_id IS NOT NULL;
