// The storage contract of the outbox's direct dispatch: an entry alone in its lane is leased by the transaction that
// queues it (enqueue with a lease), the others wait in line; after a head is delivered, claimLaneNext leases the
// lane's next entry when it is due and nobody holds it. Run by storeContract.
import { test } from "node:test";
import assert from "node:assert/strict";
import { laneOf, type OutboxEntry, type Store } from "../../domain/ports.js";

let n = 0;
const uid = (p: string) => `${p}-${process.pid}-${++n}-${Math.random().toString(36).slice(2, 8)}`;

export function outboxLaneCases(name: string, withStore: (fn: (s: Store) => Promise<void>) => Promise<void>) {
  const entry = (chat: string, nextAt = 10, endpoint = "sms:dest"): OutboxEntry => ({
    kind: "sms", endpoint, initialContactId: chat, itemId: uid("item"), message: "{}", attributes: { To: "+14155550100" }, attempts: 0, nextAt, createdAt: 1,
  });

  test(`${name}: enqueue with a lease leases only an entry alone in its lane; claims skip it until the lease runs out`, () =>
    withStore(async (s) => {
      const chat = uid("chat");
      const [a, b] = [entry(chat), entry(chat)];
      const other = entry(chat, 10, "https://hook.example/x"); // another endpoint: a lane of its own
      const leased = await s.tx((t) => t.enqueue([a, b, other], 1000));
      assert.deepEqual(leased.map((e) => [e.itemId, e.leaseUntil]), [[a.itemId, 1000], [other.itemId, 1000]]);
      assert.ok(leased.every((e) => Number.isInteger(e.id)));
      // A later entry of a busy lane is not leased either.
      const c = entry(chat);
      assert.deepEqual(await s.tx((t) => t.enqueue([c], 1000)), []);
      // Without a lease nothing is leased (the claim path), even in an empty lane.
      const lone = entry(uid("chat"));
      assert.deepEqual(await s.tx((t) => t.enqueue([lone])), []);
      const mine = (es: OutboxEntry[]) => es.filter((e) => [a, b, c, other, lone].some((x) => x.itemId === e.itemId)).map((e) => e.itemId);
      assert.deepEqual(mine(await s.tx((t) => t.claimOutbox(20, 2000, 100))), [lone.itemId], "leased heads and the entries behind them wait");
      // The leases ran out (the process died): a claim takes the lanes' heads.
      assert.deepEqual(mine(await s.tx((t) => t.claimOutbox(1500, 3000, 100))), [a.itemId, other.itemId]);
    }));

  test(`${name}: claimLaneNext leases the lane's next entry after the head is gone, only when due and not leased`, () =>
    withStore(async (s) => {
      const chat = uid("chat");
      const [a, b, c] = [entry(chat), entry(chat), entry(chat, 500)];
      const [head] = await s.tx((t) => t.enqueue([a, b, c], 1000));
      const lane = laneOf(a);
      assert.equal(await s.tx((t) => t.claimLaneNext(lane, 20, 1000)), undefined, "the head itself is leased");
      await s.tx((t) => t.completeOutbox(head.id!));
      const next = await s.tx((t) => t.claimLaneNext(lane, 20, 1020));
      assert.deepEqual([next?.itemId, next?.leaseUntil, next?.attempts], [b.itemId, 1020, 0]);
      assert.equal(await s.tx((t) => t.claimLaneNext(lane, 20, 1020)), undefined, "b is leased now");
      await s.tx((t) => t.completeOutbox(next!.id!));
      assert.equal(await s.tx((t) => t.claimLaneNext(lane, 20, 1020)), undefined, "c is not due before 500");
      assert.equal((await s.tx((t) => t.claimLaneNext(lane, 600, 1600)))?.itemId, c.itemId);
      assert.equal(await s.tx((t) => t.claimLaneNext(laneOf(entry(uid("chat")))!, 600, 1600)), undefined, "an empty lane");
    }));
}
