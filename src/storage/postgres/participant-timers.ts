// Participant timers on PostgreSQL: due rows are claimed FOR UPDATE SKIP LOCKED and leased by moving their due_at
// (two nodes never take the same row; a node that dies lets it come due again); a row read to settle it stays
// locked until the transaction ends. The activity read walks the chat's items after the row's position.
import type { QueryResultRow } from "pg";
import type { ParticipantTimerTxStore } from "../../domain/participant-timers.js";
import { ON_PARTICIPANT_TIMER_CONFLICT, participantTimerFrom, participantTimerValues, SET_PARTICIPANT_TIMER, type ParticipantTimerRow } from "../participant-timer-rows.js";

type Query = <R extends QueryResultRow>(name: string, text: string, values: unknown[]) => Promise<{ rows: R[] }>;

export function pgParticipantTimers(q: Query): ParticipantTimerTxStore {
  return {
    async setParticipantTimer(t) {
      await q("cc_ptimerSet", `${SET_PARTICIPANT_TIMER} VALUES ($1, $2, $3, $4, $5, $6) ${ON_PARTICIPANT_TIMER_CONFLICT}`, participantTimerValues(t));
    },
    async clearParticipantTimer(participantId) {
      await q("cc_ptimerClear", "DELETE FROM participant_timers WHERE participant_id = $1", [participantId]);
    },
    async participantTimer(participantId) {
      const { rows } = await q<ParticipantTimerRow>("cc_ptimer", "SELECT * FROM participant_timers WHERE participant_id = $1 FOR UPDATE", [participantId]);
      return rows[0] ? participantTimerFrom(rows[0]) : undefined;
    },
    async claimParticipantTimers(now, leaseUntil, limit) {
      const { rows } = await q<ParticipantTimerRow>("cc_ptimerClaim", `UPDATE participant_timers SET due_at = $2, attempts = attempts + 1 WHERE participant_id IN (
          SELECT participant_id FROM participant_timers WHERE due_at <= $1 ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING *`, [now, leaseUntil, limit]);
      return rows.map(participantTimerFrom);
    },
    async participantTimerStats(now) {
      const { rows } = await q<{ stage: string; pending: string; overdue: string }>(
        "cc_ptimerStats",
        "SELECT stage, COUNT(*) AS pending, COUNT(*) FILTER (WHERE due_at <= $1) AS overdue FROM participant_timers GROUP BY stage ORDER BY stage",
        [now],
      );
      return rows.map((r) => ({ stage: r.stage, pending: Number(r.pending), overdue: Number(r.overdue) }));
    },
    async lastActivity(initialContactId, participantId, after) {
      const { rows } = await q<{ position: string; at: string }>("cc_ptimerActivity", `SELECT position, at FROM items WHERE initial_contact_id = $1 AND position > $2 AND persisted
          AND (body::json ->> 'ParticipantId') = $3 AND (body::json ->> 'Type') IN ('MESSAGE', 'ATTACHMENT')
        ORDER BY position DESC LIMIT 1`, [initialContactId, after, participantId]);
      return rows[0] ? { position: Number(rows[0].position), at: Number(rows[0].at) } : undefined;
    },
  };
}
