// The relay's direct dispatch (src/events/relay.ts adopt): entries a transaction leased for this process are
// delivered without a claim; one the relay has no slot or parking for is handed back (due again, unleased) instead
// of waiting out its lease; and a delivered head's lane goes on with its next entry, leased in the record's
// transaction. On a real SQLite store, with a sink whose deliveries the test finishes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Relay, RELAY_DEFAULTS, type Sink } from "../../src/events/relay.js";
import type { Logger, OutboxEntry, Store } from "../../src/domain/ports.js";
import { SqliteStore } from "../../src/storage/sqlite/SqliteStore.js";

const silent = { error() {}, warn() {}, info() {}, debug() {} } as unknown as Logger;
const clock = { now: () => 1_000 };
const entry = (chat: string): OutboxEntry => ({ kind: "webhook", endpoint: "https://hook.example/x", initialContactId: chat, itemId: `item-${chat}-${Math.random()}`, message: "{}", attributes: {}, attempts: 0, nextAt: 1_000, createdAt: 1_000 });

/** A sink whose deliveries finish when the test says so. */
function heldSink() {
  const open: { e: OutboxEntry; done: () => void }[] = [];
  const sink: Sink = { deliver: (e) => new Promise<void>((done) => open.push({ e, done: () => done() })) };
  return { sink, open };
}

/** Waits (bounded) until `probe` answers true. */
async function until(what: string, probe: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 500; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`timed out waiting until ${what}`);
}

/** The store as the relay sees it, noting every entry a claim pass returned. */
function watchingClaims(store: Store, claimed: OutboxEntry[]): Store {
  return new Proxy(store, {
    get(target, key) {
      if (key !== "tx") return Reflect.get(target, key);
      return (fn: (tx: unknown) => Promise<unknown>) =>
        target.tx((tx) =>
          fn(new Proxy(tx, {
            get(t, k) {
              if (k !== "claimOutbox") return Reflect.get(t, k);
              return async (...a: Parameters<typeof tx.claimOutbox>) => {
                const got = await tx.claimOutbox(...a);
                claimed.push(...got);
                return got;
              };
            },
          })),
        );
    },
  });
}

test("adopted entries go out at once; past the slots and the parking they are handed back, due and unleased", async () => {
  const store = new SqliteStore(":memory:");
  const { sink, open } = heldSink();
  const relay = new Relay(store, { webhook: sink }, clock, { ...RELAY_DEFAULTS, pollMs: 3_600_000, concurrency: 1, perEndpoint: 1 }, silent);
  try {
    const leased = await store.tx((t) => t.enqueue([entry("a"), entry("b"), entry("c")], 16_000));
    assert.equal(leased.length, 3, "three lanes, each alone");
    relay.adopt(leased);
    await until("the first is delivering", () => open.length === 1);
    assert.equal(open[0].e.initialContactId, "a");
    // b is parked (the endpoint's one slot is busy); c had no room and is back in line: a claim finds it at once.
    let claimable: OutboxEntry[] = [];
    await until("c is claimable", async () => (claimable = await store.tx((t) => t.claimOutbox(1_000, 1_000, 10))).length > 0);
    assert.deepEqual(claimable.map((e) => [e.initialContactId, e.attempts]), [["c", 0]]);
    open[0].done();
    await until("the parked one takes the freed slot", () => open.length === 2);
    assert.equal(open[1].e.initialContactId, "b");
    open[1].done();
  } finally {
    await relay.stop();
    await store.close();
  }
});

test("recording a delivered head leases its lane's next entry and delivers it without a claim pass", async () => {
  const store = new SqliteStore(":memory:");
  const claimed: OutboxEntry[] = [];
  const { sink, open } = heldSink();
  const relay = new Relay(watchingClaims(store, claimed), { webhook: sink }, clock, { ...RELAY_DEFAULTS, pollMs: 3_600_000 }, silent);
  try {
    const [first, second] = [entry("chat"), entry("chat")];
    const leased = await store.tx((t) => t.enqueue([first, second], 16_000));
    assert.deepEqual(leased.map((e) => e.itemId), [first.itemId], "the second waits behind the first");
    relay.adopt(leased);
    await until("the first is delivering", () => open.length === 1);
    open[0].done();
    await until("the second is delivering", () => open.length === 2);
    assert.equal(open[1].e.itemId, second.itemId);
    open[1].done();
  } finally {
    await relay.stop();
  }
  assert.deepEqual(claimed, [], "no claim pass returned either entry");
  assert.deepEqual(await store.tx((t) => t.claimOutbox(1_000_000, 1_000_000, 10)), [], "both delivered and recorded");
  await store.close();
});
