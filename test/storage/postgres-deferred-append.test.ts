// An item whose position is read after COMMIT goes with the COMMIT (src/storage/postgres/deferred-appends.ts). Its
// NOTIFY check is written around the position its insert returns, so other nodes still get a transaction's items in
// one notification (a socket that sees its own participant.left closes once that push is done: chat.ended must be
// in it); a transaction too large for one payload sends the insert first and the payloads as before.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { contact, identity } from "../../src/storage/contract/cases.js";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { channelFor } from "../../src/storage/postgres/notify.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { messageItem } from "../support/items.js";
import type { Item } from "../../src/domain/types.js";

const db = await createScratchDatabase();
after(() => db.drop());

const item = messageItem;

/** A store that notifies on every append, and what its channel delivers. */
async function listening() {
  const url = new URL(db.url);
  url.searchParams.set("notify", "always");
  const store = await PostgresStore.open(url.toString());
  const listener = new pg.Client({ connectionString: db.url });
  await listener.connect();
  const got: Record<string, number[]>[] = [];
  listener.on("notification", (m) => got.push(JSON.parse(m.payload!).c));
  await listener.query(`LISTEN ${channelFor("public")}`);
  const settle = async (count: number) => {
    for (let i = 0; i < 200 && got.length < count; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50)); // and nothing more
  };
  return { store, got, settle, close: async () => (await listener.end(), await store.close()) };
}

test("postgres: a transaction's items, the last one sent with the COMMIT, reach the channel in one notification, at the positions stored", async () => {
  const { store, got, settle, close } = await listening();
  try {
    const c = contact(identity());
    await store.tx((t) => t.insertContact(c));
    got.length = 0;
    const stored = await store.tx(async (t) => {
      await t.activeChat(c.identity!);
      const a = await t.appendItem(item(c, "participant.left"), { positionAfterCommit: true });
      const b = await t.appendItem(item(c, "chat.ended"), { positionAfterCommit: true }); // sends `a` on its own
      return [a, b];
    });
    await settle(1);
    assert.deepEqual(got, [{ [c.initialContactId]: stored.map((i) => i.position) }]);
    const log = await store.tx((t) => t.itemsAfter(c.initialContactId, 0, 10));
    assert.deepEqual(log.map((i) => [i.position, i.body.Content]), stored.map((i) => [i.position, i.body.Content]));
  } finally {
    await close();
  }
});

/** One transaction appending to each of `count` chats, then a held item to the first: what the channel got. */
async function manyChats(count: number) {
  const { store, got, settle, close } = await listening();
  try {
    const chats = Array.from({ length: count }, () => contact(identity()));
    await store.tx(async (t) => {
      for (const c of chats) await t.insertContact(c);
    });
    got.length = 0;
    const stored = await store.tx(async (t) => {
      const out: Item[] = [];
      for (const c of chats) out.push(await t.appendItem(item(c, "x")));
      await t.activeChat(chats[0].identity!);
      out.push(await t.appendItem(item(chats[0], "held"), { positionAfterCommit: true }));
      return out;
    });
    await settle(count > 200 ? 2 : 1);
    assert.ok(stored.every((i) => Number.isInteger(i.position)));
    const notified = got.flatMap((c) => Object.entries(c).flatMap(([chat, ps]) => ps.map((p) => `${chat}@${p}`)));
    assert.deepEqual(notified.sort(), stored.map((i) => `${i.initialContactId}@${i.position}`).sort(), "every position once");
    return got.length;
  } finally {
    await close();
  }
}

test("postgres: a held item with items of 160 other chats: one notification (no function call of over 100 arguments)", async () => {
  assert.equal(await manyChats(160), 1);
});

test("postgres: items of many chats too large for one payload: the held insert goes first, every position is notified once", async () => {
  assert.ok((await manyChats(400)) >= 2);
});
