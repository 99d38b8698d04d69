// A transaction's statements go to its connection one at a time (txStore.ts oneAtATime): a statement sent while
// another has not answered is refused before it reaches the wire — pg would queue it (deprecated in pg 8, refused by
// pg 9) — and the transaction rolls back; a function that returns with a statement still running fails the same way,
// its ROLLBACK sent once that statement has answered (pg 8 would queue it client-side, which shows on no wire;
// pg 9 refuses a query on a busy client).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { contact, identity } from "../../src/storage/contract/cases.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { storeThroughProxy } from "../support/pg-wire.js";

const db = await createScratchDatabase();
after(() => db.drop());

test("postgres one at a time: a statement sent before the previous one answered is refused, never sent, and its transaction rolls back", async () => {
  const { store: s, proxy, close } = await storeThroughProxy(db.url, 1);
  try {
    const c = contact(identity());
    const settled: PromiseSettledResult<unknown>[] = [];
    let sentWhileBoth = 0;
    await assert.rejects(
      s.tx(async (t) => {
        await t.insertContact(c); // BEGIN with the insert: one round trip
        const before = proxy.count();
        settled.push(...(await Promise.allSettled([t.participants(c.id), t.participants(c.id)])));
        sentWhileBoth = proxy.count() - before;
        const refused = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
        if (refused) throw refused.reason;
      }),
      /statements run one at a time/,
    );
    assert.deepEqual(settled.map((r) => r.status), ["fulfilled", "rejected"], "the first ran, the second was refused");
    assert.equal(sentWhileBoth, 1, "only the first reached the connection");
    assert.equal(proxy.texts.at(-1), "ROLLBACK");
    assert.equal(await s.tx((t) => t.contact(c.accountId, c.id)), undefined, "the insert was rolled back");
    await s.tx((t) => t.insertContact(c));
    assert.equal((await s.tx((t) => t.contact(c.accountId, c.id)))?.id, c.id, "the connection serves the next transaction");
  } finally {
    await close();
  }
});

test("postgres one at a time: a transaction whose function returns with a statement still running fails, and rolls back after that statement", async () => {
  const { store: s, proxy, close } = await storeThroughProxy(db.url, 1);
  try {
    const c = contact(identity());
    let late: Promise<unknown> | undefined;
    await assert.rejects(
      s.tx(async (t) => {
        await t.insertContact(c);
        late = t.participants(c.id); // not awaited
      }),
      /returned with a statement still running/,
    );
    assert.deepEqual(await late, [], "the statement in flight answered");
    assert.equal(proxy.texts.at(-1), "ROLLBACK", "no COMMIT was sent");
    assert.equal(await s.tx((t) => t.contact(c.accountId, c.id)), undefined, "nothing of it was committed");
  } finally {
    await close();
  }
});
