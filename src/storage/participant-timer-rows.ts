// Row ⇄ record mapping of participant_timers, shared by the SQL adapters.
import type { ParticipantTimer } from "../domain/participant-timers.js";

export interface ParticipantTimerRow {
  participant_id: string;
  contact_id: string;
  stage: string;
  due_at: number | string;
  since: number | string;
  attempts: number | string;
}

export const participantTimerFrom = (r: ParticipantTimerRow): ParticipantTimer => ({
  participantId: r.participant_id,
  contactId: r.contact_id,
  stage: r.stage as ParticipantTimer["stage"],
  dueAt: Number(r.due_at),
  since: Number(r.since),
  attempts: Number(r.attempts),
});

export const participantTimerValues = (t: ParticipantTimer) => [t.participantId, t.contactId, t.stage, t.dueAt, t.since, t.attempts];

/** Upsert of a participant's timer (one per participant). */
export const SET_PARTICIPANT_TIMER = `INSERT INTO participant_timers (participant_id, contact_id, stage, due_at, since, attempts)`;
export const ON_PARTICIPANT_TIMER_CONFLICT = `ON CONFLICT (participant_id) DO UPDATE SET contact_id = excluded.contact_id, stage = excluded.stage,
  due_at = excluded.due_at, since = excluded.since, attempts = excluded.attempts`;
