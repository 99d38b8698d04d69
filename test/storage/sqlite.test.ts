// The storage contract on SQLite (a fresh file per case), plus what is specific to the SQLite adapter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "../../src/storage/sqlite/driver.js";
import { storeContract, contact, identity } from "../../src/storage/contract/cases.js";
import { SqliteStore } from "../../src/storage/sqlite/SqliteStore.js";
import { migrations } from "../../src/storage/migrations.js";

const dir = mkdtempSync(join(tmpdir(), "cc-sqlite-"));
let k = 0;
storeContract("sqlite", async () => new SqliteStore(join(dir, `s${++k}.db`)));

test("sqlite: WAL mode, migrations recorded once, reopening keeps data", async () => {
  const path = join(dir, "reopen.db");
  const c = contact(identity());
  const a = new SqliteStore(path);
  await a.tx((t) => t.insertContact(c));
  await a.close();
  const b = new SqliteStore(path);
  assert.equal((await b.tx((t) => t.activeChat(c.identity!)))?.id, c.id);
  await b.close();
  const db = new Database(path, { readonly: true });
  assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
  const shipped = migrations("sqlite").map((m) => ({ version: m.version, name: m.name }));
  assert.ok(shipped.length >= 3 && shipped[0].name === "init");
  assert.deepEqual(db.prepare("SELECT version, name FROM schema_migrations ORDER BY version").all(), shipped);
  db.close();
});

test("sqlite: two stores on one file keep the one-active-chat rule", async () => {
  const path = join(dir, "two.db");
  const a = new SqliteStore(path);
  const b = new SqliteStore(path);
  const id = identity();
  const r = await Promise.all([a.tx((t) => t.insertContact(contact(id))), b.tx((t) => t.insertContact(contact(id)))]);
  assert.deepEqual(r.sort(), [false, true]);
  await a.close();
  await b.close();
});

test("sqlite: group commit — a failing transaction in a batch rolls back only its own writes", async () => {
  const s = new SqliteStore(join(dir, "group.db"));
  const ids = Array.from({ length: 20 }, () => identity());
  const results = await Promise.allSettled(
    ids.map((id, i) =>
      s.tx(async (t) => {
        await t.insertContact(contact(id));
        if (i % 3 === 0) throw new Error(`fail ${i}`);
        return i;
      }),
    ),
  );
  for (const [i, r] of results.entries()) {
    assert.equal(r.status, i % 3 === 0 ? "rejected" : "fulfilled");
    const active = await s.tx((t) => t.activeChat(ids[i]));
    assert.equal(active !== undefined, i % 3 !== 0, `chat ${i}`);
  }
  await s.close();
  await assert.rejects(s.tx(async () => 1), /closed/);
});

test("sqlite: the WAL is checkpointed by the worker, not on commit", async () => {
  const path = join(dir, "wal.db");
  const s = new SqliteStore(path);
  for (let i = 0; i < 50; i++) await s.tx((t) => t.insertContact(contact(identity())));
  await new Promise((r) => setTimeout(r, 1200));
  // Read the database file alone, ignoring the WAL: the rows are there only if a checkpoint copied them.
  const alone = join(dir, "wal-copy.db");
  copyFileSync(path, alone);
  const db = new Database(alone, { readonly: true });
  assert.equal((db.prepare("SELECT count(*) AS n FROM contacts").get() as { n: number }).n, 50);
  db.close();
  await s.close();
});

test("sqlite: under an unbroken write load the WAL stays bounded (restarted past its limit) and no commit is lost", async () => {
  const path = join(dir, "wal-bound.db");
  const restartBytes = 1024 * 1024;
  const s = new SqliteStore(path, { checkpoint: { intervalMs: 20, restartBytes } });
  // 40,000 chats in back-to-back batches of 32 write ~150 MB of WAL frames: with PASSIVE checkpoints alone a commit
  // lands during every checkpoint, the log never starts over and its file reaches that size.
  const total = 40_000;
  let acknowledged = 0;
  let walMax = 0;
  const sample = setInterval(() => {
    try {
      walMax = Math.max(walMax, statSync(`${path}-wal`).size);
    } catch {}
  }, 5);
  const writer = async () => {
    while (acknowledged < total) {
      await s.tx((t) => t.insertContact(contact(identity())));
      acknowledged++;
    }
  };
  await Promise.all(Array.from({ length: 32 }, writer));
  clearInterval(sample);
  walMax = Math.max(walMax, statSync(`${path}-wal`).size);
  assert.ok(walMax < 24 * 1024 * 1024, `the WAL reached ${(walMax / 1e6).toFixed(1)} MB`);
  await s.close();
  const db = new Database(path, { readonly: true });
  assert.equal((db.prepare("SELECT count(*) AS n FROM contacts").get() as { n: number }).n, acknowledged);
  db.close();
});

test("sqlite: upgrading copies existing contacts' attributes into the search index and drops clear-text idempotency records", async () => {
  const path = join(dir, "upgrade.db");
  const old = new Database(path);
  old.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
  for (const m of migrations("sqlite").filter((m) => m.version <= 5)) {
    old.exec(m.sql);
    old.prepare("INSERT INTO schema_migrations VALUES (?, ?, 0)").run(m.version, m.name);
  }
  const cs = Array.from({ length: 2500 }, (_, i) => contact(identity(), { instanceId: "upgrade", initiatedAt: 1000 + i, attributes: { n: String(i % 7), odd: "\u0000\ud800" } }));
  const insert = old.prepare("INSERT INTO contacts (id, account_id, instance_id, initial_contact_id, state, expires_at, initiated_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  old.transaction(() => {
    for (const c of cs) insert.run(c.id, c.accountId, c.instanceId, c.initialContactId, c.state, c.expiresAt, c.initiatedAt, JSON.stringify(c));
  })();
  old.prepare("INSERT INTO idempotency VALUES ('123456789012', 'StartChatContact', 'k', 'f', '{\"ParticipantToken\":\"secret\"}', 0, 99999999999999)").run();
  old.close();
  const s = new SqliteStore(path);
  const q = (values: string[], key = "n") => ({ accountId: "123456789012", instanceId: "upgrade", where: { kind: "attribute" as const, key, values }, sort: { missing: 0, descending: false }, limit: 1 });
  assert.equal((await s.tx((t) => t.searchContacts(q(["3"])))).total, cs.filter((c) => c.attributes.n === "3").length);
  assert.equal((await s.tx((t) => t.searchContacts(q(["\u0000\ud800"], "odd")))).total, cs.length);
  assert.equal(await s.tx((t) => t.idempotency("123456789012", "StartChatContact", "k")), undefined);
  await s.close();
  const db = new Database(path, { readonly: true });
  assert.equal((db.prepare("SELECT count(*) AS n FROM idempotency").get() as { n: number }).n, 0);
  db.close();
});

test("sqlite: routing objects kept between transactions follow another connection's commits, and at most 10,000 are kept", async () => {
  const path = join(dir, "resources.db");
  const s = new SqliteStore(path);
  const q = { id: "q-cached", accountId: "123456789012", instanceId: "inst", name: "Sales", updatedAt: 1, hoursOfOperationId: "h", status: "ENABLED" as const, queueType: "STANDARD" as const };
  await s.tx((t) => t.routing.insert("queue", q));
  const get = () => s.tx((t) => t.routing.get("queue", q.accountId, q.instanceId, q.id));
  assert.equal((await get())?.name, "Sales");
  // Another process (a second connection) renames it and takes the name for a new queue.
  const other = new Database(path);
  other.prepare("UPDATE queues SET name = 'Support' WHERE id = ?").run(q.id);
  other.prepare("INSERT INTO queues (id, account_id, instance_id, name, updated_at, data) SELECT 'q-new', account_id, instance_id, 'Sales', updated_at, data FROM queues WHERE id = ?").run(q.id);
  other.close();
  assert.equal((await get())?.name, "Support");
  assert.equal((await s.tx((t) => t.routing.byName("queue", q.accountId, q.instanceId, "Sales")))?.id, "q-new");
  await s.close();

  const { ResourceCache } = await import("../../src/storage/sqlite/resource-cache.js");
  const mem = new Database(":memory:");
  const cache = new ResourceCache(mem);
  cache.begin();
  let loads = 0;
  const miss = (key: string) => cache.read(key, () => (loads++, undefined));
  miss("first");
  miss("first");
  assert.equal(loads, 1, "a miss is kept too");
  for (let i = 0; i < 10_000; i++) miss(`k${i}`);
  miss("first");
  assert.equal(loads, 10_002, "the 10,001st row cleared what was kept");
  mem.close();
});

test("sqlite: a new chat whose identity its request looked up free is inserted once, as the request left it; otherwise inserted at once and updated", async () => {
  const s = new SqliteStore(join(dir, "held.db"));
  // Every write of a contact row, counted on the store's own connection.
  const db = (s as unknown as { db: InstanceType<typeof Database> }).db;
  db.exec(`CREATE TEMP TABLE contact_writes (op TEXT NOT NULL);
    CREATE TEMP TRIGGER count_contact_inserts AFTER INSERT ON main.contacts BEGIN INSERT INTO contact_writes VALUES ('insert'); END;
    CREATE TEMP TRIGGER count_contact_updates AFTER UPDATE ON main.contacts BEGIN INSERT INTO contact_writes VALUES ('update'); END;`);
  const writes = () => (db.prepare("DELETE FROM contact_writes RETURNING op").all() as { op: string }[]).map((r) => r.op);
  const chat = (lookUp: boolean) => {
    const c = contact(identity());
    const customer = { id: `p-${c.id}`, contactId: c.id, initialContactId: c.id, role: "CUSTOMER" as const, displayName: "Customer", joinedAt: 1 };
    const first = { contactId: c.id, initialContactId: c.id, persisted: true, visibility: "ALL" as const, body: { Id: `i-${c.id}`, AbsoluteTime: "2026-01-01T00:00:00.000Z", Type: "EVENT" as const, ContentType: "application/vnd.amazonaws.connect.event.participant.joined" } };
    return s.tx(async (t) => {
      if (lookUp) await t.activeChat(c.identity!);
      await t.insertChat(c, customer, first);
      // A flow's blocks: an item, a routing row, then the contact with its attributes and queue.
      await t.appendItem({ ...first, body: { ...first.body, Id: `g-${c.id}`, Type: "MESSAGE", ContentType: "text/plain", Content: "Hello" } });
      await t.updateContact({ ...c, attributes: { greeted: "yes" }, queue: { id: "q-held", enqueuedAt: 2 } });
      return c.id;
    });
  };
  const held = await chat(true);
  assert.deepEqual(writes(), ["insert"]);
  const stored = await s.tx((t) => t.contactById(held));
  assert.deepEqual([stored?.attributes, stored?.queue?.id], [{ greeted: "yes" }, "q-held"]);
  const direct = await chat(false);
  assert.deepEqual(writes(), ["insert", "update"]);
  assert.equal((await s.tx((t) => t.contactById(direct)))?.attributes.greeted, "yes");
  await s.close();
});
