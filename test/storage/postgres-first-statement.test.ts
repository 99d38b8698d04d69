// A transaction's BEGIN goes with its first statement, the statement's parameters written as literals
// (src/storage/postgres/first-statement.ts): the values arrive as they would as parameters, a transaction is one
// round trip shorter (counted on the wire; a new chat's contact, customer and first item are one statement; an item
// whose position is read after COMMIT goes with the COMMIT), one that sends nothing costs none, and a failing first
// statement leaves nothing behind.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { contact, identity } from "../../src/storage/contract/cases.js";
import { beginWith, inlined } from "../../src/storage/postgres/first-statement.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import type { Item } from "../../src/domain/types.js";
import { storeThroughProxy } from "../support/pg-wire.js";

const db = await createScratchDatabase();
after(() => db.drop());

const item = (c: ReturnType<typeof contact>, text: string): Item => ({
  contactId: c.id,
  initialContactId: c.initialContactId,
  persisted: true,
  visibility: "ALL",
  body: { Id: `${c.id}-${text}`, AbsoluteTime: new Date().toISOString(), Type: "MESSAGE", ContentType: "text/plain", Content: text },
});

test("postgres first statement: parameters written as literals arrive as the same values, in an open transaction", async () => {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const strings = ["", "it's", "back\\slash \\' both", "ünïcödé 🙂", "'; DROP TABLE contacts; --", "$1 $2", "line\nbreak\ttab"];
    for (const s of strings) {
      const st = { text: "SELECT $1::text AS s, $2::bigint AS n, $3::boolean AS b, $4::text AS z, $5::double precision AS f", values: [s, 9007199254740991, true, null, -1.5e-7] };
      const prepared = (await client.query(st)).rows[0];
      const r = await beginWith(client, "BEGIN ISOLATION LEVEL READ COMMITTED", st);
      assert.deepEqual(r.rows[0], prepared, JSON.stringify(s));
      assert.equal((await client.query("SELECT current_setting('transaction_isolation') AS i, now() = statement_timestamp() AS fresh")).rows[0].fresh, false, "inside the transaction BEGIN started");
      await client.query("ROLLBACK");
    }
    // Text that quotes, or a value that is not a plain scalar, is not inlined: BEGIN goes alone first.
    assert.equal(inlined({ text: "SELECT 'x' || $1", values: ["a"] }), undefined);
    assert.equal(inlined({ text: "SELECT $1::text[]", values: [["a"]] }), undefined);
    assert.equal(inlined({ text: "SELECT $2", values: ["a"] }), undefined);
    const arr = await beginWith(client, "BEGIN", { text: "SELECT $1::text[] AS a", values: [["x", "it's"]] });
    assert.deepEqual(arr.rows[0].a, ["x", "it's"]);
    await client.query("ROLLBACK");
  } finally {
    await client.end();
  }
});

test("postgres first statement: a MESSAGE's transaction is 2 round trips (3 when its item's position is read inside it), a new chat's 3, an empty one none, and a failed first statement leaves nothing", async () => {
  const { store: s, proxy, close } = await storeThroughProxy(db.url, 2);
  try {
    const c = contact(identity());
    await s.tx((t) => t.insertContact(c));
    let before = proxy.count();
    const found = await s.tx(async (t) => {
      const chat = await t.activeChat(c.identity!);
      await t.appendItem(item(c, "hello"), { positionAfterCommit: true });
      return chat;
    });
    assert.equal(found?.id, c.id);
    assert.equal(proxy.count() - before, 2, "BEGIN with the chat's lock; the item with COMMIT");

    before = proxy.count();
    const positioned = await s.tx(async (t) => {
      await t.activeChat(c.identity!);
      return t.appendItem(item(c, "timed"));
    });
    assert.ok(positioned.position! > 0);
    assert.equal(proxy.count() - before, 3, "a caller that reads the position inside the transaction waits for the item");

    // A new chat: BEGIN with the identity's lookup, the contact with its customer and first item, the message, COMMIT.
    const n = contact(identity());
    before = proxy.count();
    await s.tx(async (t) => {
      assert.equal(await t.activeChat(n.identity!), undefined);
      const customer = { id: `${n.id}-p`, contactId: n.id, initialContactId: n.id, role: "CUSTOMER" as const, displayName: "Customer", joinedAt: 1 };
      assert.ok(await t.insertChat(n, customer, item(n, "joined")));
      await t.appendItem(item(n, "first message"), { positionAfterCommit: true });
    });
    assert.equal(proxy.count() - before, 3, "a new chat's transaction");

    before = proxy.count();
    assert.equal(await s.tx(async () => "nothing"), "nothing");
    assert.equal(proxy.count() - before, 0, "a transaction that sends no statement costs no round trip");

    // A first statement that fails (an item id taken) rolls back what came with it; the connection serves the next.
    await assert.rejects(
      s.tx(async (t) => {
        await t.appendItem(item(c, "hello"));
        await t.appendItem(item(c, "never"));
      }),
      /duplicate key/,
    );
    const items = await s.tx((t) => t.transcript({ initialContactId: c.initialContactId, direction: "FORWARD", limit: 10 }));
    assert.deepEqual(items.map((i) => i.body.Content), ["hello", "timed"]);
  } finally {
    await close();
  }
});
