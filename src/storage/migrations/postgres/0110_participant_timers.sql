-- Participant timeouts (UpdateParticipantRoleConfig, issue 16): a participant's one running timer (idle, then
-- auto-disconnect), armed when an agent or custom participant joins the customer, advanced by a loop that leases due
-- rows. A message writes nothing here: when a row comes due, the participant's messages after `since` (an item
-- position) push it back. One row and one due_at index entry per timed participant; nothing for other chats.
CREATE TABLE participant_timers (
  participant_id TEXT PRIMARY KEY,
  contact_id     TEXT NOT NULL,
  stage          TEXT NOT NULL,
  due_at         BIGINT NOT NULL,
  since          BIGINT NOT NULL,
  attempts       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX participant_timers_due ON participant_timers (due_at);
