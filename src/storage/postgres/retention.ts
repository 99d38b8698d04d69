// Retention's calls of the Store port on PostgreSQL (src/domain/retention.ts runs them): each one statement, its own
// transaction, bounded by LIMIT and claiming its rows FOR UPDATE SKIP LOCKED, so nodes sweeping at once take
// different rows and never wait on each other (or on a chat's transaction holding a row).
import type { RetentionStore } from "../../domain/retention.js";

export const RETENTION_SQL = {
  purgePushOnly: `DELETE FROM items WHERE position IN
    (SELECT position FROM items WHERE NOT persisted AND at < $1 ORDER BY at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
  purgeFlowRuns: `WITH gone AS (
      DELETE FROM flow_runs WHERE contact_id IN (
        SELECT r.contact_id FROM flow_runs r WHERE r.updated_at < $1
          AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = r.contact_id AND (c.state = 'ACTIVE' OR c.ended_at IS NULL OR c.ended_at >= $1))
        ORDER BY r.updated_at LIMIT $2 FOR UPDATE OF r SKIP LOCKED)
      RETURNING contact_id),
    logs AS (DELETE FROM flow_logs WHERE contact_id IN (SELECT contact_id FROM gone)),
    timers AS (DELETE FROM flow_timers WHERE contact_id IN (SELECT contact_id FROM gone))
    SELECT contact_id FROM gone`,
  claimStaleUploads: `UPDATE attachments SET status = 'PURGING' WHERE id IN
    (SELECT id FROM attachments WHERE status IN ('IN_PROGRESS', 'PURGING') AND created_at < $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
    RETURNING id`,
  deleteStaleUploads: "DELETE FROM attachments WHERE id = ANY($1::text[]) AND status = 'PURGING'",
} as const;

type Run = (name: keyof typeof RETENTION_SQL, values: unknown[]) => Promise<{ rowCount: number; rows: Record<string, unknown>[] }>;

export function pgRetention(run: Run): RetentionStore {
  return {
    purgePushOnlyItems: async (before, limit) => (await run("purgePushOnly", [before, limit])).rowCount,
    purgeFlowRuns: async (before, limit) => (await run("purgeFlowRuns", [before, limit])).rowCount,
    claimStaleUploads: async (before, limit) => (await run("claimStaleUploads", [before, limit])).rows.map((r) => String(r.id)),
    deleteStaleUploads: async (ids) => (ids.length ? (await run("deleteStaleUploads", [ids])).rowCount : 0),
  };
}
