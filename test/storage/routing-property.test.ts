// The matcher's invariants over seeded random walks: one SQLite store, and two PostgreSQL nodes (two stores on one
// database, passes racing) — never more busy than slots, one offer per chat at a time, and no chat waiting while an
// Available agent who could take it has a free slot once matching settled. A failure names its seed.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteStore } from "../../src/storage/sqlite/SqliteStore.js";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { World } from "../support/routing-world.js";
import { PROPERTY_SPEC, walk } from "../support/routing-property.js";

const dir = mkdtempSync(join(tmpdir(), "cc-walk-"));

for (const seed of [1, 2, 3, 4, 5, 6]) {
  test(`sqlite: a random walk (seed ${seed}) keeps the matcher's invariants`, async () => {
    const w = new World(new SqliteStore(join(dir, `w${seed}.db`)), PROPERTY_SPEC);
    try {
      await w.seed();
      const r = await walk([w], seed, 250);
      assert.ok(r.accepted > 5, `the walk accepted ${r.accepted} offers: it exercised routing`);
    } finally {
      await w.loop.stop();
      await w.store.close();
    }
  });
}

test("postgres, two nodes: random walks with passes racing on both keep the invariants", async () => {
  const scratch = await createScratchDatabase();
  after(() => scratch.drop());
  for (const seed of [11, 12]) {
    const url = await scratch.schema(`walk${seed}`);
    const a = new World(await PostgresStore.open(url), PROPERTY_SPEC, "a");
    const b = new World(await PostgresStore.open(url), PROPERTY_SPEC, "b");
    try {
      await a.seed();
      await b.seed();
      const r = await walk([a, b], seed, 150);
      assert.ok(r.accepted > 3, `seed ${seed}: the walk accepted ${r.accepted} offers`);
    } finally {
      for (const w of [a, b]) {
        await w.loop.stop();
        await w.store.close();
      }
    }
  }
});
