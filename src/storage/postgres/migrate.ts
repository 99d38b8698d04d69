// Applies the PostgreSQL migrations once per database, safely when several nodes start at the same moment.
import type { PoolClient } from "pg";
import { postgresBackfills } from "../backfill.js";
import { migrations } from "../migrations.js";

// pg_advisory_lock key for migrations ("conn-cha" in ASCII); advisory locks are per database, so two
// databases (or test runs) on one server never wait for each other.
export const MIGRATION_LOCK = "7165066951656695905";

/**
 * Holds a session advisory lock while it checks and applies migrations, so a second node starting at the same
 * time waits, then finds everything applied. Each migration commits with its schema_migrations row.
 */
export async function migrate(client: PoolClient, now = Date.now): Promise<number[]> {
  const applied: number[] = [];
  await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
  try {
    // Created under the lock: a concurrent CREATE TABLE IF NOT EXISTS can still fail on the catalog's unique index.
    await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    const done = new Set((await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
    for (const m of migrations("postgres")) {
      if (done.has(m.version)) continue;
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await postgresBackfills[m.name]?.(client);
        await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [m.version, m.name, now()]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw new Error(`migration ${String(m.version).padStart(4, "0")}_${m.name} failed: ${(e as Error).message}`, { cause: e });
      }
      applied.push(m.version);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
  }
  return applied;
}
