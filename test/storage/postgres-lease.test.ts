// The push feed's watch leases (feed.ts): a periodic renewal rewrites one row per node, not one per chat, and
// locks no chat; a node whose lease lapsed (writers stopped notifying) locks its chats again, and every item
// committed meanwhile is still pushed, once and in order.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { contact, identity } from "../../src/storage/contract/cases.js";
import type { PgPushFeed } from "../../src/storage/postgres/feed.js";
import { channelFor } from "../../src/storage/postgres/notify.js";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import type { Item } from "../../src/domain/types.js";
import { captureLogger } from "../support/log.js";

const db = await createScratchDatabase();
after(() => db.drop());

const item = (c: ReturnType<typeof contact>, text: string): Item => ({
  contactId: c.id,
  initialContactId: c.initialContactId,
  persisted: true,
  visibility: "ALL",
  body: { Id: `${c.id}-${text}`, AbsoluteTime: new Date().toISOString(), Type: "MESSAGE", ContentType: "text/plain", Content: text },
});

async function until(cond: () => boolean, ms: number, what: () => string) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) if (cond()) return;
  assert.fail(what());
}

test("postgres feed: a renewal writes one lease row per node and locks no chat; after a lapse every item is still pushed once, in order", async () => {
  const [a, b] = [await PostgresStore.open(db.url), await PostgresStore.open(db.url)];
  const listener = new pg.Client({ connectionString: db.url });
  try {
    const pushed: string[] = [];
    const log: Record<string, unknown>[] = [];
    const feed = a.pushFeed((items) => pushed.push(...items.map((i) => String(i.body.Content))), captureLogger((l) => log.push(l))) as PgPushFeed;
    await a.listening();
    const chats = Array.from({ length: 50 }, () => contact(identity()));
    await b.tx(async (t) => {
      for (const c of chats) await t.insertContact(c);
    });
    const c = chats[0];
    await b.tx((t) => t.appendItem(item(c, "before")));
    await Promise.all(chats.map((x) => feed.watch(x.initialContactId)));

    const rows = async () => ({
      watchers: (await db.query("SELECT string_agg(xmin::text, ',' ORDER BY initial_contact_id) AS v FROM watchers WHERE node = $1", [a.nodeId])).rows[0].v as string,
      locks: (await db.query("SELECT string_agg(xmax::text, ',' ORDER BY id) AS v FROM contacts")).rows[0].v as string,
      until: (await db.query("SELECT until FROM watch_nodes WHERE node = $1", [a.nodeId])).rows[0].until as Date,
      leases: (await db.query("SELECT count(*)::int AS n FROM watch_nodes WHERE node = $1", [a.nodeId])).rows[0].n as number,
    });
    const registered = await rows();
    assert.equal(registered.watchers.split(",").length, 50, "one watch per chat");
    assert.equal(registered.leases, 1, "one lease for the node");
    await sleep(20);
    await feed.renew();
    const renewed = await rows();
    assert.equal(renewed.watchers, registered.watchers, "no watchers row rewritten");
    assert.equal(renewed.locks, registered.locks, "no contact row locked");
    assert.ok(renewed.until > registered.until, "the node's lease was extended");

    await b.tx((t) => t.appendItem(item(c, "live")));
    await until(() => pushed.includes("live"), 2000, () => `pushed ${JSON.stringify(pushed)}`);

    // The lease runs out (as when this node cannot reach the database for a minute): writers stop notifying.
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (n) => heard.push(n.payload ?? ""));
    await listener.query(`LISTEN ${listener.escapeIdentifier(channelFor("public"))}`);
    // A chat no node watches is not notified (cc_notify_watched, migration 0190); notifications arrive in commit
    // order, so one for it would come before the watched chat's.
    const unwatched = contact(identity());
    await b.tx((t) => t.insertContact(unwatched));
    await b.tx((t) => t.appendItem(item(unwatched, "unwatched")));
    await b.tx((t) => t.appendItem(item(c, "watched")));
    await until(() => heard.length > 0, 2000, () => "the watched chat is notified");
    assert.deepEqual(heard.map((h) => Object.keys(JSON.parse(h).c)), [[c.initialContactId]], "only the watched chat");
    heard.length = 0;
    await db.query("UPDATE watch_nodes SET until = now() - interval '1 second' WHERE node = $1", [a.nodeId]);
    for (const t of ["lapsed-1", "lapsed-2", "lapsed-3"]) await b.tx((x) => x.appendItem(item(c, t)));
    await sleep(200);
    assert.equal(heard.length, 0, "no NOTIFY while the lease has lapsed");

    await feed.renew();
    assert.ok(log.some((l) => l.event === "push-lease-lapsed"), "the lapse is noticed and logged");
    assert.notEqual((await rows()).locks, registered.locks, "after a lapse every chat is locked again");
    await until(() => pushed.includes("lapsed-3"), 2000, () => `pushed ${JSON.stringify(pushed)}`);
    await b.tx((t) => t.appendItem(item(c, "after")));
    await until(() => pushed.includes("after"), 2000, () => `not pushed from its notification: ${JSON.stringify(pushed)}`);
    // The feed and this listener hear the NOTIFY on separate connections: ours may arrive a moment later.
    await until(() => heard.length > 0, 2000, () => "writers notify again");
    await sleep(100);
    assert.deepEqual(pushed, ["live", "watched", "lapsed-1", "lapsed-2", "lapsed-3", "after"], "each item once, in commit order; none from before the watch");
  } finally {
    await listener.end().catch(() => undefined);
    await a.close();
    await b.close();
  }
});
