// The routing tables as the matcher (next slice) will use them: SQLite answers its read from the partial index of free
// agents, and on PostgreSQL two nodes reading at once get different agents (FOR UPDATE SKIP LOCKED), so an offer
// racing another node's never takes the same free slot.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "../../src/storage/sqlite/driver.js";
import { matcherFixture } from "../../src/storage/contract/routing-cases.js";
import { ROUTING_SQL } from "../../src/storage/routing-sql.js";
import { SqliteStore } from "../../src/storage/sqlite/SqliteStore.js";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";

test("sqlite: the matcher's read walks the partial index of free agents, not the whole user_status table", async () => {
  const path = join(mkdtempSync(join(tmpdir(), "cc-matcher-")), "m.db");
  const s = new SqliteStore(path);
  const { q } = await matcherFixture(s);
  await s.close();
  const db = new Database(path);
  try {
    db.exec("ANALYZE");
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${ROUTING_SQL.freeAgents}`).all(q.id, 1) as { detail: string }[]).map((r) => r.detail).join("\n");
    // From the queue to its profiles, then per profile only its free agents (the partial index); what is sorted by
    // idle time is those free agents, never the table.
    assert.match(plan, /SEARCH pq USING COVERING INDEX routing_profile_queues_queue/, plan);
    assert.match(plan, /SEARCH s USING INDEX user_status_free/, plan);
    assert.doesNotMatch(plan, /SCAN/, plan);
  } finally {
    db.close();
  }
});

test("postgres: two nodes reading free agents at once lock different agents, and neither waits for the other", async () => {
  const scratch = await createScratchDatabase();
  after(() => scratch.drop());
  const url = await scratch.schema("matcher");
  const [a, b] = [await PostgresStore.open(url), await PostgresStore.open(url)];
  try {
    const { q, agents } = await matcherFixture(a);
    let release!: () => void;
    const hold = new Promise<void>((ok) => (release = ok));
    let firstGot!: (id: string) => void;
    const first = new Promise<string>((ok) => (firstGot = ok));
    // Node A takes the longest-idle agent and keeps its row locked (its offer is in flight).
    const nodeA = a.tx(async (t) => {
      const [x] = await t.routing.freeAgents(q.id, 1);
      firstGot(x.userId);
      await hold;
      return x.userId;
    });
    const takenByA = await first;
    // Node B, meanwhile, is not blocked by A's lock: it skips that agent and gets the next one.
    const takenByB = await b.tx(async (t) => (await t.routing.freeAgents(q.id, 1))[0].userId);
    release();
    await nodeA;
    assert.equal(takenByA, agents.d.id);
    assert.equal(takenByB, agents.a.id);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
