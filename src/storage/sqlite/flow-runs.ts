// The flow engine's calls of the Store port on SQLite. The single writer is the lock: a transaction here is the
// only one running, so a claimed timer and a run row need no row locks.
import type Database from "better-sqlite3";
import type { FlowRunTxStore } from "../../domain/flow-store.js";
import { runFrom, timerFrom, type TimerRow } from "../flow-run-rows.js";

export function sqliteFlowRuns(db: Database.Database): FlowRunTxStore {
  const s = {
    saveRun: db.prepare("INSERT INTO flow_runs (contact_id, data, updated_at) VALUES (?, ?, ?) ON CONFLICT (contact_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at"),
    run: db.prepare<[string], { data: string }>("SELECT data FROM flow_runs WHERE contact_id = ?"),
    setTimer: db.prepare(`INSERT INTO flow_timers (contact_id, kind, step, due_at, attempts) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (contact_id) DO UPDATE SET kind = excluded.kind, step = excluded.step, due_at = excluded.due_at, attempts = excluded.attempts`),
    clearTimer: db.prepare("DELETE FROM flow_timers WHERE contact_id = ?"),
    due: db.prepare<[number, number], TimerRow>("SELECT * FROM flow_timers WHERE due_at <= ? ORDER BY due_at LIMIT ?"),
    lease: db.prepare("UPDATE flow_timers SET due_at = ?, attempts = attempts + 1 WHERE contact_id = ?"),
    stats: db.prepare<[number], { kind: string; pending: number; overdue: number }>(
      "SELECT kind, COUNT(*) AS pending, SUM(CASE WHEN due_at <= ? THEN 1 ELSE 0 END) AS overdue FROM flow_timers GROUP BY kind ORDER BY kind",
    ),
    putVersion: db.prepare("INSERT INTO flow_versions (sha256, content) VALUES (?, ?) ON CONFLICT DO NOTHING"),
    version: db.prepare<[string], { content: string }>("SELECT content FROM flow_versions WHERE sha256 = ?"),
    lastSeq: db.prepare<[string], { seq: number }>("SELECT seq FROM flow_logs WHERE contact_id = ? ORDER BY seq DESC LIMIT 1"),
    log: db.prepare("INSERT INTO flow_logs (contact_id, seq, line) VALUES (?, ?, ?)"),
    trim: db.prepare("DELETE FROM flow_logs WHERE contact_id = ? AND seq <= ?"),
    lines: db.prepare<[string], { line: string }>("SELECT line FROM flow_logs WHERE contact_id = ? ORDER BY seq"),
  };
  return {
    async saveRun(run) {
      s.saveRun.run(run.contactId, JSON.stringify(run), run.updatedAt);
    },
    async run(contactId) {
      const r = s.run.get(contactId);
      return r ? runFrom(r) : undefined;
    },
    async setTimer(t) {
      s.setTimer.run(t.contactId, t.kind, t.step, t.dueAt, t.attempts);
    },
    async clearTimer(contactId) {
      s.clearTimer.run(contactId);
    },
    async claimTimers(now, leaseUntil, limit) {
      const due = s.due.all(now, limit).map(timerFrom);
      for (const t of due) s.lease.run(leaseUntil, t.contactId);
      return due.map((t) => ({ ...t, dueAt: leaseUntil, attempts: t.attempts + 1 }));
    },
    async putFlowVersion(sha, content) {
      s.putVersion.run(sha, content);
    },
    async flowTimerStats(now) {
      return s.stats.all(now);
    },
    async flowVersion(sha) {
      return s.version.get(sha)?.content;
    },
    async appendFlowLog(contactId, lines, keep) {
      let seq = s.lastSeq.get(contactId)?.seq ?? 0;
      for (const l of lines) s.log.run(contactId, ++seq, l);
      if (seq > keep) s.trim.run(contactId, seq - keep);
    },
    async flowLog(contactId) {
      return s.lines.all(contactId).map((r) => r.line);
    },
  };
}
