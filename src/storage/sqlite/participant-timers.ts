// Participant timers on SQLite. The single writer is the lock: a claimed row needs no row lock. The activity read
// walks the chat's items after the row's position through items_chat (initial_contact_id, position).
import type Database from "better-sqlite3";
import type { ParticipantTimerTxStore } from "../../domain/participant-timers.js";
import { ON_PARTICIPANT_TIMER_CONFLICT, participantTimerFrom, participantTimerValues, SET_PARTICIPANT_TIMER, type ParticipantTimerRow } from "../participant-timer-rows.js";

export function sqliteParticipantTimers(db: Database.Database): ParticipantTimerTxStore {
  const s = {
    set: db.prepare(`${SET_PARTICIPANT_TIMER} VALUES (?, ?, ?, ?, ?, ?) ${ON_PARTICIPANT_TIMER_CONFLICT}`),
    clear: db.prepare("DELETE FROM participant_timers WHERE participant_id = ?"),
    one: db.prepare<[string], ParticipantTimerRow>("SELECT * FROM participant_timers WHERE participant_id = ?"),
    due: db.prepare<[number, number], ParticipantTimerRow>("SELECT * FROM participant_timers WHERE due_at <= ? ORDER BY due_at LIMIT ?"),
    lease: db.prepare("UPDATE participant_timers SET due_at = ?, attempts = attempts + 1 WHERE participant_id = ?"),
    stats: db.prepare<[number], { stage: string; pending: number; overdue: number }>(
      "SELECT stage, COUNT(*) AS pending, SUM(CASE WHEN due_at <= ? THEN 1 ELSE 0 END) AS overdue FROM participant_timers GROUP BY stage ORDER BY stage",
    ),
    activity: db.prepare<[string, number, string], { position: number; at: number }>(
      `SELECT position, at FROM items WHERE initial_contact_id = ? AND position > ? AND persisted = 1
         AND json_extract(body, '$.ParticipantId') = ? AND json_extract(body, '$.Type') IN ('MESSAGE', 'ATTACHMENT')
       ORDER BY position DESC LIMIT 1`,
    ),
  };
  return {
    async setParticipantTimer(t) {
      s.set.run(...participantTimerValues(t));
    },
    async clearParticipantTimer(participantId) {
      s.clear.run(participantId);
    },
    async participantTimer(participantId) {
      const r = s.one.get(participantId);
      return r ? participantTimerFrom(r) : undefined;
    },
    async claimParticipantTimers(now, leaseUntil, limit) {
      const due = s.due.all(now, limit).map(participantTimerFrom);
      for (const t of due) s.lease.run(leaseUntil, t.participantId);
      return due.map((t) => ({ ...t, dueAt: leaseUntil, attempts: t.attempts + 1 }));
    },
    async participantTimerStats(now) {
      return s.stats.all(now);
    },
    async lastActivity(initialContactId, participantId, after) {
      const r = s.activity.get(initialContactId, after, participantId);
      return r ? { position: Number(r.position), at: Number(r.at) } : undefined;
    },
  };
}
