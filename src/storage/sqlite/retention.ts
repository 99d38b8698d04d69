// Retention's calls of the Store port on SQLite (src/domain/retention.ts runs them): each one bounded DELETE (or
// UPDATE) through the 0090 indexes, in its own transaction of the single writer.
import type Database from "better-sqlite3";
import type { RetentionStore } from "../../domain/retention.js";

export function sqliteRetention(db: Database.Database, tx: <T>(fn: () => Promise<T>) => Promise<T>): RetentionStore {
  const s = {
    pushOnly: db.prepare("DELETE FROM items WHERE position IN (SELECT position FROM items WHERE persisted = 0 AND at < ? ORDER BY at LIMIT ?)"),
    runs: db.prepare<[number, number, number]>(`SELECT r.contact_id AS id FROM flow_runs r WHERE r.updated_at < ?
      AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = r.contact_id AND (c.state = 'ACTIVE' OR c.ended_at IS NULL OR c.ended_at >= ?))
      ORDER BY r.updated_at LIMIT ?`),
    run: db.prepare("DELETE FROM flow_runs WHERE contact_id = ?"),
    logs: db.prepare("DELETE FROM flow_logs WHERE contact_id = ?"),
    timer: db.prepare("DELETE FROM flow_timers WHERE contact_id = ?"),
    stale: db.prepare<[number, number]>("SELECT id FROM attachments WHERE status IN ('IN_PROGRESS', 'PURGING') AND created_at < ? ORDER BY created_at LIMIT ?"),
    mark: db.prepare("UPDATE attachments SET status = 'PURGING' WHERE id = ?"),
    drop: db.prepare("DELETE FROM attachments WHERE id = ? AND status = 'PURGING'"),
  };
  return {
    purgePushOnlyItems: (before, limit) => tx(async () => s.pushOnly.run(before, limit).changes),
    purgeFlowRuns: (before, limit) =>
      tx(async () => {
        const ids = (s.runs.all(before, before, limit) as { id: string }[]).map((r) => r.id);
        for (const id of ids) {
          s.run.run(id);
          s.logs.run(id);
          s.timer.run(id);
        }
        return ids.length;
      }),
    claimStaleUploads: (before, limit) =>
      tx(async () => {
        const ids = (s.stale.all(before, limit) as { id: string }[]).map((r) => r.id);
        for (const id of ids) s.mark.run(id);
        return ids;
      }),
    deleteStaleUploads: (ids) =>
      tx(async () => {
        let n = 0;
        for (const id of ids) n += s.drop.run(id).changes;
        return n;
      }),
  };
}
