// A MESSAGE's two texts — BEGIN with the locking read, the held item insert with the COMMIT — are EXECUTEs of
// statements each connection prepares once (src/storage/postgres/prepared.ts), seen on the wire; a connection that
// cannot prepare them sends the statements' own text and gets the same results, and one that loses them (DEALLOCATE,
// DISCARD, a pooler in transaction mode) fails one transaction and goes back to text.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { contact, identity } from "../../src/storage/contract/cases.js";
import { beginWith } from "../../src/storage/postgres/first-statement.js";
import { commitWithHeld, deferAppend, type DeferredAppends } from "../../src/storage/postgres/deferred-appends.js";
import { forgetIfUnknown, isPrepared, prepareOnce } from "../../src/storage/postgres/prepared.js";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { SQL } from "../../src/storage/postgres/sql.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import type { Item } from "../../src/domain/types.js";
import { storeThroughProxy } from "../support/pg-wire.js";
import { messageItem } from "../support/items.js";

const db = await createScratchDatabase();
after(() => db.drop());


test("postgres prepared: each connection prepares a MESSAGE's statements once, in a round trip before its first transaction, then sends them as EXECUTE", async () => {
  const { store: s, proxy, close } = await storeThroughProxy(db.url, 1);
  try {
    const c = contact(identity());
    await s.tx((t) => t.insertContact(c));
    const positions: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = proxy.count();
      const stored = await s.tx(async (t) => {
        assert.equal((await t.activeChat(c.identity!))?.id, c.id);
        return t.appendItem(messageItem(c, `it's message ${i}`), { positionAfterCommit: true });
      });
      assert.equal(proxy.count() - before, 2, "still two round trips");
      positions.push(stored.position!);
    }
    const prepares = proxy.texts.filter((t) => t.startsWith("PREPARE "));
    assert.equal(prepares.length, 1, "one connection, prepared once");
    assert.match(prepares[0], /^PREPARE cc_p_locked_chat AS .*; PREPARE cc_p_locked_contact AS .*; PREPARE cc_p_append AS /);
    const messages = proxy.texts.slice(-8);
    for (let i = 0; i < 8; i += 2) {
      assert.match(messages[i], /^BEGIN ISOLATION LEVEL READ COMMITTED; EXECUTE cc_p_locked_chat\('/);
      assert.match(messages[i + 1], /^EXECUTE cc_p_append\('.*'\); COMMIT$/);
    }
    // The positions the held inserts reported are the stored ones, in order, and the bodies arrived whole.
    const stored = await s.tx((t) => t.transcript({ initialContactId: c.initialContactId, direction: "FORWARD", limit: 10 }));
    assert.deepEqual(stored.map((x) => x.position), positions);
    assert.deepEqual(stored.map((x) => x.body.Content), [0, 1, 2, 3].map((i) => `it's message ${i}`));
    // A participant API's first statement, the contact by id, is the other prepared read.
    const before = proxy.texts.length;
    assert.equal((await s.tx((t) => t.contact(c.accountId, c.id)))?.id, c.id);
    assert.match(proxy.texts[before], /^BEGIN ISOLATION LEVEL READ COMMITTED; EXECUTE cc_p_locked_contact\('/);
  } finally {
    await close();
  }
});

test("postgres prepared: a connection whose PREPARE is refused sends the statements' text, with the same results", async () => {
  const store = await PostgresStore.open(db.url);
  const c = contact(identity());
  await store.tx((t) => t.insertContact(c));
  await store.close();
  const lookup = { name: "cc_activeChatLocked", text: SQL.activeChatLocked, values: [c.identity!.accountId, c.identity!.destinationId, c.identity!.sourceId, c.identity!.subtypeKey] };
  /** A MESSAGE's transaction by hand on `client`, as txStore and PostgresStore send it: the held item's position. */
  const message = async (client: pg.Client, it: Item) => {
    const found = await beginWith<{ data: string }>(client, "BEGIN ISOLATION LEVEL READ COMMITTED", lookup);
    assert.equal(JSON.parse(found.rows[0].data).id, c.id);
    const d: DeferredAppends = {};
    const b = it.body;
    const held = await deferAppend(client, d, it, [b.Id, it.contactId, it.initialContactId, it.persisted, it.visibility, JSON.stringify(b), Date.parse(b.AbsoluteTime)]);
    assert.ok(held && d.held);
    const prepared = d.held.prepared;
    await commitWithHeld(client, d, [held], { channel: "cc_prepared_test", always: false });
    return { position: held.position!, prepared };
  };
  const refused = new pg.Client({ connectionString: db.url });
  const ready = new pg.Client({ connectionString: db.url });
  await Promise.all([refused.connect(), ready.connect()]);
  try {
    await refused.query("PREPARE cc_p_append AS SELECT 1"); // the name taken: the connection's PREPAREs fail
    await prepareOnce(refused);
    await prepareOnce(ready);
    assert.equal(isPrepared(refused), false);
    assert.equal(isPrepared(ready), true);
    const a = await message(refused, messageItem(c, "it's as text"));
    const b = await message(ready, messageItem(c, "it's prepared"));
    assert.deepEqual([a.prepared, b.prepared], [false, true]);
    assert.ok(b.position > a.position);
    const rows = (await ready.query("SELECT position, body FROM items WHERE initial_contact_id = $1 ORDER BY position", [c.initialContactId])).rows;
    assert.deepEqual(rows.map((r) => [Number(r.position), JSON.parse(r.body).Content]), [[a.position, "it's as text"], [b.position, "it's prepared"]]);
    // Neither left a transaction open.
    for (const client of [refused, ready]) assert.equal((await client.query("SELECT now() = statement_timestamp() AS fresh")).rows[0].fresh, true);
  } finally {
    await Promise.all([refused.end(), ready.end()]);
  }
});

test("postgres prepared: a connection whose prepared statement is gone fails that transaction, then sends text", async () => {
  let gone = false;
  // Same length: the proxy keeps the message's length. PostgreSQL then answers 26000, as for a DEALLOCATEd statement.
  const { store: s, proxy, close } = await storeThroughProxy(db.url, 1, { rewrite: (t) => (gone ? t.replace("EXECUTE cc_p_locked_chat(", "EXECUTE cc_p_lockedXchat(") : t) });
  try {
    const c = contact(identity());
    await s.tx((t) => t.insertContact(c));
    const send = (text: string) =>
      s.tx(async (t) => {
        await t.activeChat(c.identity!);
        return t.appendItem(messageItem(c, `it's ${text}`), { positionAfterCommit: true });
      });
    await send("prepared");
    gone = true;
    await assert.rejects(send("lost"), (e: { code?: string }) => e.code === "26000");
    const after = proxy.texts.length;
    const stored = await send("as text");
    assert.ok(stored.position! > 0);
    assert.match(proxy.texts[after], /^BEGIN ISOLATION LEVEL READ COMMITTED; SELECT data, initial_contact_id, last_at FROM cc_locked_active_chat\('/);
    assert.match(proxy.texts[after + 1], /^SELECT cc_append_held\(.*\) AS position; COMMIT$/);
    const items = await s.tx((t) => t.transcript({ initialContactId: c.initialContactId, direction: "FORWARD", limit: 10 }));
    assert.deepEqual(items.map((x) => x.body.Content), ["it's prepared", "it's as text"], "the failed one left nothing");
  } finally {
    await close();
  }
  // Other errors leave a connection's statements alone.
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await prepareOnce(client);
    forgetIfUnknown(client, Object.assign(new Error("deadlock"), { code: "40P01" }));
    assert.equal(isPrepared(client), true);
    forgetIfUnknown(client, Object.assign(new Error("gone"), { code: "26000" }));
    assert.equal(isPrepared(client), false);
  } finally {
    await client.end();
  }
});
