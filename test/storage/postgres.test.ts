// The storage contract on PostgreSQL (a scratch database per run, a fresh schema per case), plus what only a shared
// database across nodes can break: concurrent migrations, row locks between stores, outages, start-up errors.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { storeContract, contact, identity } from "../../src/storage/contract/cases.js";
import { migrations } from "../../src/storage/migrations.js";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import type { Item } from "../../src/domain/types.js";
import { SearchBudgetExceeded, type Store } from "../../src/domain/ports.js";

const db = await createScratchDatabase();
after(() => db.drop());

storeContract("postgres", async () => PostgresStore.open(await db.schema()));

const item = (c: ReturnType<typeof contact>, text: string): Item => ({
  contactId: c.id,
  initialContactId: c.initialContactId,
  persisted: true,
  visibility: "ALL",
  body: { Id: `${c.id}-${text}`, AbsoluteTime: new Date(2000).toISOString(), Type: "MESSAGE", ContentType: "text/plain", Content: text },
});

/** Two stores (= two nodes) on one fresh schema. */
async function twoNodes(): Promise<[Store, Store, string]> {
  const url = await db.schema("nodes");
  const a = await PostgresStore.open(url);
  return [a, await PostgresStore.open(url), url];
}

/** Resolves to "pending" if p has not settled after ms. */
const within = (p: Promise<unknown>, ms: number) => Promise.race([p.then(() => "settled"), sleep(ms).then(() => "pending")]);

test("postgres: four nodes starting at once apply each migration exactly once", async () => {
  const url = await db.schema("boot");
  const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresStore.open(url)));
  const schema = new URL(url).searchParams.get("options")!.split("=")[1];
  const { rows } = await db.query(`SELECT version, name FROM ${schema}.schema_migrations ORDER BY version`);
  assert.deepEqual(rows.map((r) => r.version), migrations("postgres").map((m) => m.version));
  assert.equal(rows[0].name, "init");
  const c = contact(identity());
  await stores[0].tx((t) => t.insertContact(c));
  assert.equal((await stores[3].tx((t) => t.activeChat(c.identity!)))?.id, c.id);
  await Promise.all(stores.map((s) => s.close()));
});

test("postgres: two nodes racing first inserts for one identity make exactly one chat", async () => {
  const [a, b] = await twoNodes();
  const id = identity();
  const r = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).tx(async (t) => ((await t.insertContact(contact(id))) ? "won" : (await t.activeChat(id))?.id))));
  assert.equal(r.filter((x) => x === "won").length, 1);
  assert.equal(new Set(r.filter((x) => x !== "won")).size, 1, "every loser reads the one winner");
  await Promise.all([a.close(), b.close()]);
});

test("postgres: appends to one chat from two nodes take turns, so positions follow commit order", async () => {
  const [a, b] = await twoNodes();
  const c = contact(identity());
  await a.tx((t) => t.insertContact(c));
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  let appended!: () => void;
  const firstAppended = new Promise<void>((ok) => (appended = ok));
  const first = a.tx(async (t) => {
    const i = await t.appendItem(item(c, "first"));
    appended();
    await held;
    return i;
  });
  await firstAppended;
  const second = b.tx((t) => t.appendItem(item(c, "second")));
  assert.equal(await within(second, 300), "pending", "the second node waits for the first one's commit");
  release();
  const [p1, p2] = [(await first).position!, (await second).position!];
  assert.ok(p1 < p2, `${p1} < ${p2}`);
  const t = await b.tx((tx) => tx.transcript({ initialContactId: c.initialContactId, direction: "FORWARD", limit: 10 }));
  assert.deepEqual(t.map((i) => i.body.Content), ["first", "second"]);
  await Promise.all([a.close(), b.close()]);
});

test("postgres: a chat ended on one node is not continued by a request waiting on another", async () => {
  const [a, b] = await twoNodes();
  const id = identity();
  const c = contact(id);
  await a.tx((t) => t.insertContact(c));
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  let locked!: () => void;
  const isLocked = new Promise<void>((ok) => (locked = ok));
  const stop = a.tx(async (t) => {
    const chat = (await t.activeChat(id))!;
    locked();
    await held;
    await t.updateContact({ ...chat, state: "ENDED", endedAt: 7 });
  });
  await isLocked;
  const message = b.tx((t) => t.activeChat(id));
  assert.equal(await within(message, 300), "pending");
  release();
  await stop;
  assert.equal(await message, undefined, "the waiter re-reads the row and finds no active chat");
  await Promise.all([a.close(), b.close()]);
});

test("postgres: one idempotency key on two nodes runs once", async () => {
  const [a, b] = await twoNodes();
  const rec = { accountId: "123456789012", operation: "Op", key: `k-${process.pid}`, fingerprint: "f", result: "1", createdAt: 1, expiresAt: 100 };
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  const first = a.tx(async (t) => {
    assert.equal(await t.idempotency(rec.accountId, "Op", rec.key), undefined);
    await held;
    await t.putIdempotency(rec);
  });
  await sleep(50);
  const second = b.tx((t) => t.idempotency(rec.accountId, "Op", rec.key));
  assert.equal(await within(second, 300), "pending");
  release();
  await first;
  assert.deepEqual(await second, rec);
  await Promise.all([a.close(), b.close()]);
});

test("postgres: connections killed under the pool fail the transaction on them; the next one succeeds", async () => {
  const url = new URL(await db.schema("outage"));
  // Unique to this process: the kill below must not reach another run's connections on the same server.
  const app = `cc-outage-test-${process.pid}`;
  url.searchParams.set("application_name", app);
  url.searchParams.set("pool_max", "3");
  const s = await PostgresStore.open(url.toString());
  const c = contact(identity());
  await Promise.all([1, 2, 3].map(() => s.tx((t) => t.activeChat(c.identity!)))); // three idle pooled connections
  let inside!: () => void;
  const started = new Promise<void>((ok) => (inside = ok));
  const doomed = s.tx(async (t) => {
    await t.insertContact(c);
    inside();
    await sleep(200);
    return t.activeChat(c.identity!);
  });
  await started;
  const kill = `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = '${app}'`;
  assert.ok((await db.query(kill)).rows[0].n >= 1);
  await assert.rejects(doomed);
  assert.equal(await s.tx((t) => t.insertContact(c)), true, "the killed transaction left nothing behind");
  // Idle pooled connections killed just before use: the store notices on BEGIN and connects afresh.
  for (let round = 0; round < 5; round++) {
    await Promise.all([1, 2, 3].map(() => s.tx((t) => t.activeChat(c.identity!))));
    await db.query(kill);
    assert.equal((await s.tx((t) => t.activeChat(c.identity!)))?.id, c.id);
  }
  await s.close();
});

test("postgres: an unreachable server fails at start naming host:port and the cause", async () => {
  await assert.rejects(PostgresStore.open("postgres://postgres@127.0.0.1:1/x?connect_timeout=3"), (e: Error) => {
    assert.match(e.message, /127\.0\.0\.1:1\b.*ECONNREFUSED/);
    return true;
  });
  await assert.rejects(PostgresStore.open(Object.assign(new URL(db.url), { pathname: "/cc_no_such_db" }).toString()), /127\.0\.0\.1:5432.*"cc_no_such_db" does not exist/);
  await assert.rejects(PostgresStore.open("postgres://127.0.0.1/x?pool_max=0"), /pool_max=0/);
});

test("postgres: relays on two nodes claim disjoint lane heads of the outbox, in lane order", async () => {
  const [a, b] = await twoNodes();
  const entry = (chat: string, itemId: string) => ({ kind: "sns" as const, endpoint: "arn:topic", initialContactId: chat, itemId, message: itemId, attributes: {}, attempts: 0, nextAt: 0, createdAt: 0 });
  await a.tx((t) => t.enqueue([entry("c1", "1a"), entry("c1", "1b"), entry("c2", "2a"), entry("c3", "3a")]));
  const [x, y] = await Promise.all([a.tx((t) => t.claimOutbox(10, 1000, 10)), b.tx((t) => t.claimOutbox(10, 1000, 10))]);
  const claimed = [...x, ...y].map((e) => e.itemId).sort();
  assert.deepEqual(claimed, ["1a", "2a", "3a"], "each head once, never 1b before 1a is done");
  await a.tx((t) => t.completeOutbox([...x, ...y].find((e) => e.itemId === "1a")!.id!));
  assert.deepEqual((await b.tx((t) => t.claimOutbox(20, 1000, 10))).map((e) => e.itemId), ["1b"]);
  await Promise.all([a.close(), b.close()]);
});

test("postgres: upgrading copies existing contacts' attributes into the search index and drops clear-text idempotency records", async () => {
  const url = await db.schema("upgrade");
  const schema = new URL(url).searchParams.get("options")!.split("=")[1];
  await db.query(`SET search_path = ${schema}`);
  await db.query("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
  for (const m of migrations("postgres").filter((m) => m.version <= 7)) {
    await db.query(m.sql);
    await db.query("INSERT INTO schema_migrations VALUES ($1, $2, 0)", [m.version, m.name]);
  }
  const cs = Array.from({ length: 2500 }, (_, i) => contact(identity(), { instanceId: "upgrade", initiatedAt: 1000 + i, attributes: { n: String(i % 7), odd: "\u0000\ud800" } }));
  await db.query(
    `INSERT INTO contacts (id, account_id, instance_id, initial_contact_id, state, expires_at, initiated_at, data)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::text[])`,
    [cs.map((c) => c.id), cs.map((c) => c.accountId), cs.map((c) => c.instanceId), cs.map((c) => c.initialContactId), cs.map((c) => c.state), cs.map((c) => c.expiresAt), cs.map((c) => c.initiatedAt), cs.map((c) => JSON.stringify(c))],
  );
  await db.query("INSERT INTO idempotency VALUES ('123456789012', 'StartChatContact', 'k', 'f', '{\"ParticipantToken\":\"secret\"}', 0, 99999999999999)");
  await db.query("SET search_path = public");
  const s = await PostgresStore.open(url);
  const q = (values: string[], key = "n") => ({ accountId: "123456789012", instanceId: "upgrade", where: { kind: "attribute" as const, key, values }, sort: { missing: 0, descending: false }, limit: 1 });
  assert.equal((await s.tx((t) => t.searchContacts(q(["3"])))).total, cs.filter((c) => c.attributes.n === "3").length);
  assert.equal((await s.tx((t) => t.searchContacts(q(["\u0000\ud800"], "odd")))).total, cs.length);
  assert.equal(await s.tx((t) => t.idempotency("123456789012", "StartChatContact", "k")), undefined);
  assert.equal(Number((await db.query(`SELECT count(*) AS n FROM ${schema}.idempotency`)).rows[0].n), 0);
  await s.close();
});

test("postgres: a search runs outside transactions and stops at its budget (statement_timeout) with SearchBudgetExceeded", async () => {
  const url = await db.schema("budget");
  const s = await PostgresStore.open(url);
  const tight = await PostgresStore.open(url, { searchBudgetMs: 1 });
  try {
    const cs = Array.from({ length: 30_000 }, (_, i) => contact(identity(), { instanceId: "budget", initiatedAt: 1000 + i, attributes: { tier: ["gold", "silver"][i % 2] } }));
    for (let b = 0; b < cs.length; b += 5000) await s.tx(async (t) => { for (const c of cs.slice(b, b + 5000)) await t.insertContact(c); });
    const where = { kind: "any" as const, of: ["gold", "silver"].map((v) => ({ kind: "attribute" as const, key: "tier", values: [v] })) };
    const q = { accountId: "123456789012", instanceId: "budget", where, sort: { key: "initiated" as const, missing: -1, descending: true }, limit: 10 };
    const r = await s.search(q);
    assert.equal(r.total, cs.length);
    assert.deepEqual(r.contacts.map((c) => c.id), cs.slice(-10).reverse().map((c) => c.id));
    await assert.rejects(tight.search(q), (e: unknown) => e instanceof SearchBudgetExceeded && e.budgetMs === 1);
    // SET LOCAL: the budget ended with the search's transaction; the connection serves the next ones as before.
    for (let i = 0; i < 12; i++) assert.equal((await tight.tx((t) => t.contact("123456789012", cs[i].id)))?.id, cs[i].id);
  } finally {
    await Promise.all([s.close(), tight.close()]);
  }
});

test("postgres: a transaction's storage fails once it ended, also when its connection serves the next transaction", async () => {
  // A pooled connection keeps one TxStore across its transactions (cheaper than building one per transaction):
  // what a transaction was handed must still refuse late calls, not run them inside somebody else's transaction.
  const url = new URL(await db.schema("late"));
  url.searchParams.set("pool_max", "1"); // one connection: the second transaction reuses the first one's store
  const store = await PostgresStore.open(url.toString());
  const c = contact(undefined);
  let first: Parameters<Parameters<Store["tx"]>[0]>[0] | undefined;
  await store.tx(async (t) => {
    first = t;
    await t.insertContact(c);
  });
  await assert.rejects(async () => first!.contactById(c.id), /storage used after its transaction ended/);
  let inSecond: Promise<unknown> | undefined;
  const seen = await store.tx(async (t) => {
    inSecond = Promise.resolve().then(() => first!.contactById(c.id)); // a late caller, while this transaction runs
    await assert.rejects(inSecond, /storage used after its transaction ended/);
    return t.contactById(c.id);
  });
  assert.equal(seen?.id, c.id);
  await store.close();
});

for (const [how, read] of [
  ["by identity (activeChat)", (t: Parameters<Parameters<Store["tx"]>[0]>[0], c: ReturnType<typeof contact>) => t.activeChat(c.identity!)],
  ["by id (contactById)", (t: Parameters<Parameters<Store["tx"]>[0]>[0], c: ReturnType<typeof contact>) => t.contactById(c.id)],
  ["by account and id (contact)", (t: Parameters<Parameters<Store["tx"]>[0]>[0], c: ReturnType<typeof contact>) => t.contact(c.accountId, c.id)],
] as const)
  test(`postgres: a node that waited for a chat's lock reads the newest item the holder committed meanwhile, ${how}`, async () => {
    // The row lock and the chat's newest item time come in one round trip (migrations 0180, 0181's functions): the
    // time must come from after the wait, or a message could be stamped before the item that preceded it.
    const [a, b] = await twoNodes();
    const c = contact(identity());
    await a.tx((t) => t.insertContact(c));
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    let locked!: () => void;
    const isLocked = new Promise<void>((ok) => (locked = ok));
    const first = a.tx(async (t) => {
      await read(t, c);
      locked();
      await held;
      const later: Item = { ...item(c, "meanwhile"), body: { ...item(c, "meanwhile").body, AbsoluteTime: new Date(987_654_321_000).toISOString() } };
      await t.appendItem(later);
    });
    await isLocked;
    const second = b.tx((t) => read(t, c));
    assert.equal(await within(second, 300), "pending", "the second node waits for the row lock");
    release();
    await first;
    const seen = await second;
    assert.equal(seen?.lastItemAt, 987_654_321_000, "the item committed while the second node waited is seen");
    await Promise.all([a.close(), b.close()]);
  });
