// The storage contract of the routing tables (queues, profiles, users, statuses, hours): both adapters run these.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Store } from "../../domain/ports.js";
import type { Queue, RoutingProfile, RoutingWork, User, UserStatus } from "../../routing/types.js";

type WithStore = (fn: (s: Store) => Promise<void>) => Promise<void>;

let n = 0;
const uid = (p: string) => `${p}-${process.pid}-${++n}-${Math.random().toString(36).slice(2, 8)}`;
const ACCOUNT = "123456789012";

export const queueRec = (name: string, over: Partial<Queue> = {}): Queue => ({
  id: uid("q"), accountId: ACCOUNT, instanceId: "inst", name, updatedAt: 1, hoursOfOperationId: "h", status: "ENABLED", queueType: "STANDARD", ...over,
});
const profileRec = (name: string, chat = 2): RoutingProfile => ({
  id: uid("rp"), accountId: ACCOUNT, instanceId: "inst", name, updatedAt: 1, description: "d", defaultOutboundQueueId: "q",
  mediaConcurrencies: [{ channel: "CHAT", concurrency: chat }],
});
const userRec = (name: string, routingProfileId: string): User => ({
  id: uid("u"), accountId: ACCOUNT, instanceId: "inst", name, updatedAt: 1, passwordHash: "scrypt$16384$8$1$c2FsdA$aGFzaA", routingProfileId,
  securityProfileIds: ["sp"], phoneConfig: { phoneType: "SOFT_PHONE" }, autoAccept: [{ channel: "CHAT", value: true }], afterContactWork: [], persistentConnection: [],
});
const statusOf = (u: User, over: Partial<UserStatus> = {}): UserStatus => ({
  userId: u.id, accountId: ACCOUNT, instanceId: "inst", routingProfileId: u.routingProfileId, statusId: "s", statusName: "Offline", statusType: "OFFLINE",
  statusSince: 5, chatSlots: 2, chatBusy: 0, idleSince: 5, ...over,
});

/** Profiles, queues and agents for the matcher's read: see the freeAgents case. */
export async function matcherFixture(s: Store) {
  const [q, q2] = [queueRec(uid("q")), queueRec(uid("q"))];
  const [p1, p2, p3] = [profileRec(uid("rp"), 2), profileRec(uid("rp"), 2), profileRec(uid("rp"), 2)];
  const agents: Record<string, User> = {};
  await s.tx(async (t) => {
    for (const x of [q, q2]) await t.routing.insert("queue", x);
    for (const p of [p1, p2, p3]) await t.routing.insert("routingProfile", p);
    await t.routing.putProfileQueues(p1.id, [{ queueId: q.id, channel: "CHAT", priority: 1, delay: 0 }]);
    await t.routing.putProfileQueues(p2.id, [{ queueId: q2.id, channel: "CHAT", priority: 1, delay: 0 }]);
    await t.routing.putProfileQueues(p3.id, [{ queueId: q.id, channel: "VOICE", priority: 1, delay: 0 }]);
    const add = async (key: string, p: RoutingProfile, st: Partial<UserStatus>) => {
      const u = userRec(uid(key), p.id);
      agents[key] = u;
      await t.routing.insert("user", u);
      await t.routing.putUserStatus(statusOf(u, { statusType: "ROUTABLE", statusName: "Available", ...st }));
    };
    await add("a", p1, { chatSlots: 2, chatBusy: 0, idleSince: 30 });
    await add("full", p1, { chatSlots: 2, chatBusy: 2, idleSince: 10 });
    await add("custom", p1, { statusType: "CUSTOM", statusName: "Lunch", idleSince: 5 });
    await add("d", p1, { chatSlots: 3, chatBusy: 1, idleSince: 20 });
    await add("other-queue", p2, { idleSince: 1 });
    await add("voice-only", p3, { idleSince: 2 });
    await add("e", p1, { chatSlots: 1, chatBusy: 0, idleSince: 40 });
  });
  return { q, q2, agents };
}

export function routingCases(name: string, withStore: WithStore) {
  test(`${name}: the matcher's read — Available agents with a free CHAT slot in a profile serving the queue, idle longest first`, () =>
    withStore(async (s) => {
      const { q, q2, agents } = await matcherFixture(s);
      const ids = (list: UserStatus[]) => list.map((x) => x.userId);
      assert.deepEqual(ids(await s.tx((t) => t.routing.freeAgents(q.id, 10))), [agents.d.id, agents.a.id, agents.e.id]);
      assert.deepEqual(ids(await s.tx((t) => t.routing.freeAgents(q.id, 1))), [agents.d.id]);
      assert.deepEqual(ids(await s.tx((t) => t.routing.freeAgents(q2.id, 10))), [agents["other-queue"].id]);
      assert.deepEqual(await s.tx((t) => t.routing.freeAgents("no-such-queue", 10)), []);
    }));

  test(`${name}: a routing object read by id or name is read as last committed — after a miss, a rename, a delete and a rolled-back update`, () =>
    withStore(async (s) => {
      const q = queueRec(uid("cached"));
      const get = () => s.tx((t) => t.routing.get("queue", ACCOUNT, "inst", q.id));
      const named = (n: string) => s.tx((t) => t.routing.byName("queue", ACCOUNT, "inst", n));
      assert.equal(await get(), undefined);
      assert.equal(await named(q.name), undefined);
      await s.tx((t) => t.routing.insert("queue", q));
      assert.equal((await get())?.name, q.name, "found after a miss");
      assert.equal((await named(q.name))?.id, q.id);
      await s.tx((t) => t.routing.update("queue", { ...q, name: "renamed", updatedAt: 2 }));
      assert.equal((await get())?.name, "renamed");
      assert.equal(await named(q.name), undefined, "the old name names nothing");
      assert.equal((await named("renamed"))?.id, q.id);
      await assert.rejects(
        s.tx(async (t) => {
          await t.routing.update("queue", { ...q, name: "never", updatedAt: 3 });
          assert.equal((await t.routing.get("queue", ACCOUNT, "inst", q.id))?.name, "never", "the transaction sees its own write");
          throw new Error("roll back");
        }),
        /roll back/,
      );
      assert.equal((await get())?.name, "renamed", "the rolled-back name is not remembered");
      assert.equal(await named("never"), undefined);
      const copy = (await get())!;
      copy.name = "mutated by a caller";
      assert.equal((await get())?.name, "renamed", "each read is a record of its own");
      await s.tx((t) => t.routing.delete("queue", ACCOUNT, "inst", q.id));
      assert.equal(await get(), undefined, "gone after a delete");
      assert.equal(await named("renamed"), undefined);
    }));

  test(`${name}: routing objects are unique by name per instance, listed in name order by keyset`, () =>
    withStore(async (s) => {
      const names = ["b", "a", "d", "c", "É", "Z"];
      for (const x of names) assert.equal(await s.tx((t) => t.routing.insert("queue", queueRec(x))), true);
      assert.equal(await s.tx((t) => t.routing.insert("queue", queueRec("a"))), false, "a name is taken once per instance");
      assert.equal(await s.tx((t) => t.routing.insert("queue", queueRec("a", { instanceId: "other" }))), true, "another instance may use it");
      assert.equal(await s.tx((t) => t.routing.count("queue", ACCOUNT, "inst")), names.length);
      assert.equal(await s.tx((t) => t.routing.count("queue", ACCOUNT, "other")), 1);
      const first = await s.tx((t) => t.routing.list("queue", ACCOUNT, "inst", undefined, 3));
      assert.deepEqual(first.map((q) => q.name), ["Z", "a", "b"], "byte order: upper case first");
      const next = await s.tx((t) => t.routing.list("queue", ACCOUNT, "inst", "b", 10));
      assert.deepEqual(next.map((q) => q.name), ["c", "d", "É"]);
      const a = (await s.tx((t) => t.routing.byName("queue", ACCOUNT, "inst", "a")))!;
      assert.deepEqual(await s.tx((t) => t.routing.get("queue", ACCOUNT, "inst", a.id)), a);
      assert.equal(await s.tx((t) => t.routing.get("queue", ACCOUNT, "other", a.id)), undefined, "ids are scoped to their instance");
      assert.equal(await s.tx((t) => t.routing.update("queue", { ...a, name: "b" })), false, "renaming onto a taken name is refused");
      assert.equal(await s.tx((t) => t.routing.update("queue", { ...a, maxContacts: 7, updatedAt: 9 })), true);
      assert.deepEqual(await s.tx((t) => t.routing.get("queue", ACCOUNT, "inst", a.id)), { ...a, maxContacts: 7, updatedAt: 9 });
    }));

  test(`${name}: a user's password hash is a column of its own and comes back only on the record`, () =>
    withStore(async (s) => {
      const p = profileRec(uid("rp"));
      await s.tx((t) => t.routing.insert("routingProfile", p));
      const u = userRec("agent.one", p.id);
      assert.equal(await s.tx((t) => t.routing.insert("user", u)), true);
      assert.deepEqual(await s.tx((t) => t.routing.get("user", ACCOUNT, "inst", u.id)), u);
      assert.equal(await s.tx((t) => t.routing.profileUsers(p.id)), 1);
      assert.equal(await s.tx((t) => t.routing.delete("user", ACCOUNT, "inst", u.id)), true);
      assert.equal(await s.tx((t) => t.routing.get("user", ACCOUNT, "inst", u.id)), undefined);
      assert.equal(await s.tx((t) => t.routing.profileUsers(p.id)), 0);
    }));

  test(`${name}: a profile's queues are upserted per (queue, channel) and cleared`, () =>
    withStore(async (s) => {
      const p = profileRec(uid("rp"));
      const q1 = queueRec(uid("q"));
      const q2 = queueRec(uid("q"));
      await s.tx(async (t) => {
        await t.routing.insert("queue", q1);
        await t.routing.insert("queue", q2);
        await t.routing.insert("routingProfile", p);
        await t.routing.putProfileQueues(p.id, [{ queueId: q1.id, channel: "CHAT", priority: 2, delay: 0 }, { queueId: q2.id, channel: "CHAT", priority: 1, delay: 30 }]);
        await t.routing.putProfileQueues(p.id, [{ queueId: q1.id, channel: "CHAT", priority: 1, delay: 5 }, { queueId: q1.id, channel: "VOICE", priority: 3, delay: 0 }]);
      });
      const got = await s.tx((t) => t.routing.profileQueues(p.id));
      const q1chat = { queueId: q1.id, channel: "CHAT", priority: 1, delay: 5 };
      const q2chat = { queueId: q2.id, channel: "CHAT", priority: 1, delay: 30 };
      assert.deepEqual(got, [...[q1chat, q2chat].sort((x, y) => (x.queueId < y.queueId ? -1 : 1)), { queueId: q1.id, channel: "VOICE", priority: 3, delay: 0 }]);
      await s.tx((t) => t.routing.clearProfileQueues(p.id));
      assert.deepEqual(await s.tx((t) => t.routing.profileQueues(p.id)), []);
    }));

  test(`${name}: a user's routing state keeps the slots held across status changes and follows its profile's concurrency`, () =>
    withStore(async (s) => {
      const p = profileRec(uid("rp"), 2);
      const u = userRec(uid("agent"), p.id);
      await s.tx(async (t) => {
        await t.routing.insert("routingProfile", p);
        await t.routing.insert("user", u);
        await t.routing.putUserStatus(statusOf(u, { chatBusy: 1 }));
      });
      assert.equal((await s.tx((t) => t.routing.userStatus(u.id)))?.chatBusy, 1);
      // A status change writes the whole state but never the slots held (the matcher owns chat_busy).
      await s.tx((t) => t.routing.putUserStatus(statusOf(u, { statusType: "ROUTABLE", statusName: "Available", statusSince: 9, idleSince: 9, chatBusy: 0 })));
      assert.deepEqual(await s.tx((t) => t.routing.userStatus(u.id)), statusOf(u, { statusType: "ROUTABLE", statusName: "Available", statusSince: 9, idleSince: 9, chatBusy: 1 }));
      await s.tx((t) => t.routing.setProfileChatSlots(p.id, 5));
      assert.equal((await s.tx((t) => t.routing.userStatus(u.id)))?.chatSlots, 5);
      await s.tx((t) => t.routing.delete("user", ACCOUNT, "inst", u.id));
      assert.equal(await s.tx((t) => t.routing.userStatus(u.id)), undefined, "deleting the user removes its state");
    }));

  test(`${name}: GetCurrentMetricData's reads — a queue's profiles, its waiting chats (QUEUED and OFFERED), a profile's agents by activity`, () =>
    withStore(async (s) => {
      const { q, q2, agents } = await matcherFixture(s);
      const p1 = agents.a.routingProfileId;
      const missed = userRec(uid("missed"), p1);
      const work = (state: RoutingWork["state"], enqueuedAt: number, userId?: string): RoutingWork => ({
        id: uid("w"), contactId: uid("c"), accountId: ACCOUNT, instanceId: "inst", queueId: q.id, state, priority: 5, enqueuedAt, sortAt: enqueuedAt,
        userId, autoAccept: false, stateSince: enqueuedAt, version: 0,
      });
      await s.tx(async (t) => {
        await t.routing.insert("user", missed);
        await t.routing.putUserStatus(statusOf(missed, { statusId: "missed", statusName: "Missed", statusType: "CUSTOM" }));
        await t.routing.insertWork(work("QUEUED", 100));
        await t.routing.insertWork(work("OFFERED", 50, agents.d.id));
        await t.routing.insertWork(work("CONNECTED", 10, agents.full.id));
        await t.routing.insertWork(work("ACW", 5, agents.full.id));
      });
      const serving = await s.tx((t) => t.routing.queueProfiles(q.id));
      assert.deepEqual(serving.map((x) => [x.routingProfileId, x.channel]).sort(), [[p1, "CHAT"], [agents["voice-only"].routingProfileId, "VOICE"]].sort());
      assert.deepEqual(await s.tx((t) => t.routing.queueLoad(q.id)), { waiting: 2, oldestEnqueuedAt: 50 }, "the CONNECTED and ACW rows are not in queue");
      assert.deepEqual(await s.tx((t) => t.routing.queueLoad(q2.id)), { waiting: 0 });
      // a, e: Available and idle; full: on a contact and in ACW; d: holding an offer; custom: NPT; missed: Error.
      assert.deepEqual(await s.tx((t) => t.routing.profileAgents(p1)), {
        online: 6, available: 2, nonProductive: 1, error: 1, onContact: 1, afterContactWork: 1, slotsActive: 2, slotsAvailable: 5,
      });
      assert.deepEqual(await s.tx((t) => t.routing.profileAgents("no-such-profile")), {
        online: 0, available: 0, nonProductive: 0, error: 0, onContact: 0, afterContactWork: 0, slotsActive: 0, slotsAvailable: 0,
      });
    }));
}
