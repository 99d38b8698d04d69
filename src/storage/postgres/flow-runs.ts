// The flow engine's calls of the Store port on PostgreSQL. A run is read FOR UPDATE (one node advances a contact
// at a time); due timers are claimed FOR UPDATE SKIP LOCKED and leased by moving their due_at, as the outbox
// relay leases its lanes: two nodes never take the same timer, and a node that dies mid-call lets it come due again.
import type { QueryResultRow } from "pg";
import type { FlowRunTxStore } from "../../domain/flow-store.js";
import { runFrom, timerFrom, type TimerRow } from "../flow-run-rows.js";

type Query = <R extends QueryResultRow>(name: string, text: string, values: unknown[]) => Promise<{ rows: R[]; rowCount: number | null }>;

export function pgFlowRuns(q: Query): FlowRunTxStore {
  return {
    async saveRun(run) {
      await q("cc_runSave", `INSERT INTO flow_runs (contact_id, data, updated_at) VALUES ($1, $2, $3)
        ON CONFLICT (contact_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`, [run.contactId, JSON.stringify(run), run.updatedAt]);
    },
    async run(contactId) {
      const { rows } = await q<{ data: string }>("cc_run", "SELECT data FROM flow_runs WHERE contact_id = $1 FOR UPDATE", [contactId]);
      return rows[0] ? runFrom(rows[0]) : undefined;
    },
    async setTimer(t) {
      await q("cc_timerSet", `INSERT INTO flow_timers (contact_id, kind, step, due_at, attempts) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (contact_id) DO UPDATE SET kind = excluded.kind, step = excluded.step, due_at = excluded.due_at, attempts = excluded.attempts`, [t.contactId, t.kind, t.step, t.dueAt, t.attempts]);
    },
    async clearTimer(contactId) {
      await q("cc_timerClear", "DELETE FROM flow_timers WHERE contact_id = $1", [contactId]);
    },
    async claimTimers(now, leaseUntil, limit) {
      const { rows } = await q<TimerRow>("cc_timerClaim", `UPDATE flow_timers SET due_at = $2, attempts = attempts + 1 WHERE contact_id IN (
          SELECT contact_id FROM flow_timers WHERE due_at <= $1 ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING *`, [now, leaseUntil, limit]);
      return rows.map(timerFrom);
    },
    async flowTimerStats(now) {
      const { rows } = await q<{ kind: string; pending: string; overdue: string }>(
        "cc_timerStats",
        "SELECT kind, COUNT(*) AS pending, COUNT(*) FILTER (WHERE due_at <= $1) AS overdue FROM flow_timers GROUP BY kind ORDER BY kind",
        [now],
      );
      return rows.map((r) => ({ kind: r.kind, pending: Number(r.pending), overdue: Number(r.overdue) }));
    },
    async putFlowVersion(sha, content) {
      await q("cc_versionPut", "INSERT INTO flow_versions (sha256, content) VALUES ($1, $2) ON CONFLICT DO NOTHING", [sha, content]);
    },
    async flowVersion(sha) {
      const { rows } = await q<{ content: string }>("cc_version", "SELECT content FROM flow_versions WHERE sha256 = $1", [sha]);
      return rows[0]?.content;
    },
    async appendFlowLog(contactId, lines, keep) {
      const { rows } = await q<{ seq: string }>("cc_logSeq", "SELECT seq FROM flow_logs WHERE contact_id = $1 ORDER BY seq DESC LIMIT 1", [contactId]);
      let seq = Number(rows[0]?.seq ?? 0);
      for (const l of lines) await q("cc_logPut", "INSERT INTO flow_logs (contact_id, seq, line) VALUES ($1, $2, $3)", [contactId, ++seq, l]);
      if (seq > keep) await q("cc_logTrim", "DELETE FROM flow_logs WHERE contact_id = $1 AND seq <= $2", [contactId, seq - keep]);
    },
    async flowLog(contactId) {
      const { rows } = await q<{ line: string }>("cc_logRead", "SELECT line FROM flow_logs WHERE contact_id = $1 ORDER BY seq", [contactId]);
      return rows.map((r) => r.line);
    },
  };
}
