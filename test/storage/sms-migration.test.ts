// Migration 0030 (SMS) on databases made by the previous release: outbox rows queued before it survive (ids,
// attempts, dead letters), are still delivered in lane order, and the outbox now takes kind 'sms'.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "../../src/storage/sqlite/driver.js";
import { migrations } from "../../src/storage/migrations.js";
import { SqliteStore } from "../../src/storage/sqlite/SqliteStore.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import pg from "pg";

const row = (id: number, dead: number) => [id, `arn:aws:sns:us-east-1:123456789012:t chat-${id}`, "sns", "arn:aws:sns:us-east-1:123456789012:t", `chat-${id}`, `item-${id}`, "{}", "{}", id, 5, 0, dead, dead ? "gone" : null, 1];
const smsEntry = { kind: "sms" as const, endpoint: "sms:d", initialContactId: "c", itemId: "i", message: "{}", attributes: {}, attempts: 0, nextAt: 1, createdAt: 1 };

test("sqlite: 0030 rebuilds the outbox with its rows, ids and dead letters, and accepts kind sms", async () => {
  const path = join(mkdtempSync(join(tmpdir(), "cc-sms-mig-")), "old.db");
  const db = new Database(path);
  db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
  for (const m of migrations("sqlite").filter((m) => m.version < 30)) {
    db.exec(m.sql);
    db.prepare("INSERT INTO schema_migrations VALUES (?, ?, 0)").run(m.version, m.name);
  }
  const insert = db.prepare("INSERT INTO outbox (id, lane, kind, endpoint, initial_contact_id, item_id, message, attributes, attempts, next_at, lease_until, dead, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.run(...row(7, 0));
  insert.run(...row(9, 1));
  assert.throws(() => insert.run(10, "l", "sms", "e", "c", "i", "{}", "{}", 0, 1, 0, 0, null, 1), /CHECK constraint/);
  db.close();

  const s = new SqliteStore(path);
  const [stats] = await s.tx((t) => t.outboxStats());
  assert.deepEqual(stats, { endpoint: "arn:aws:sns:us-east-1:123456789012:t", pending: 0, retrying: 1, dead: 1 });
  assert.deepEqual((await s.tx((t) => t.deadLetters(10))).map((d) => [d.id, d.lastError]), [[9, "gone"]]);
  await s.tx((t) => t.enqueue([smsEntry]));
  const claimed = await s.tx((t) => t.claimOutbox(100, 200, 10));
  assert.deepEqual(claimed.map((c) => [c.id, c.kind]), [[7, "sns"], [10, "sms"]], "new ids continue after the old ones");
  await s.close();
});

test("postgres: 0030 widens the kind check in place", async () => {
  const scratch = await createScratchDatabase();
  try {
    const url = await scratch.schema("mig");
    const s = await PostgresStore.open(url);
    await s.tx((t) => t.enqueue([smsEntry]));
    assert.deepEqual((await s.tx((t) => t.claimOutbox(100, 200, 10))).map((c) => c.kind), ["sms"]);
    await s.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await assert.rejects(c.query("INSERT INTO outbox (lane, kind, endpoint, initial_contact_id, item_id, message, attributes, next_at, created_at) VALUES ('l', 'fax', 'e', 'c', 'i', '{}', '{}', 1, 1)"), /outbox_kind_check/);
    await c.end();
  } finally {
    await scratch.drop();
  }
});
