// The matcher's behaviour, run on each store (test/storage/routing-offers.test.ts): AutoAccept, manual accept,
// offer expiry to the next agent, queue priority and Delay, concurrency, after-contact work, transfers, capacity.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Store } from "../../src/domain/ports.js";
import { ACCOUNT, INSTANCE, World, type WorldSpec } from "./routing-world.js";

export type OpenStore = () => Promise<Store>;

const two: WorldSpec = {
  queues: [{ name: "Sales" }, { name: "Support" }],
  profiles: [
    { name: "SalesDesk", chat: 1, queues: [{ queue: "Sales" }] },
    { name: "SupportDesk", chat: 1, queues: [{ queue: "Support" }] },
  ],
  agents: [
    { name: "ann", profile: "SalesDesk" },
    { name: "bob", profile: "SalesDesk" },
    { name: "sue", profile: "SupportDesk" },
  ],
};

export function routingOfferCases(name: string, open: OpenStore) {
  const world = async (spec: WorldSpec) => {
    const w = new World(await open(), spec);
    await w.seed();
    return w;
  };
  const run = (title: string, spec: WorldSpec, fn: (w: World) => Promise<void>) =>
    test(`${name}: ${title}`, async () => {
      const w = await world(spec);
      try {
        await fn(w);
        await w.check(true);
      } finally {
        await w.loop.stop();
        await w.store.close();
      }
    });

  run("an Available agent with AutoAccept gets the chat at once: AgentInfo is the user, the agent a participant", { ...two, agents: [{ name: "ann", profile: "SalesDesk", autoAccept: true }] }, async (w) => {
    await w.status("ann", "Available");
    const c = await w.arrive("Sales");
    const queued = await w.describe(c);
    assert.equal(queued.queue?.id, w.queueIds.get("Sales"), "the default queue is the contact's QueueInfo");
    await w.settle();
    const d = await w.describe(c);
    assert.deepEqual(d.agent, { id: w.userIds.get("ann"), connectedAt: w.t });
    const [work] = await w.workOf(c);
    assert.equal(work.state, "CONNECTED");
    assert.equal((await w.agentStatus("ann")).chatBusy, 1);
    // AcceptContact on a chat the agent already has hands out a token for their participant.
    const again = await w.accept("ann", c);
    assert.equal(again.participantId, work.participantId);
  });

  run("manual accept: the offer holds the slot until the agent accepts and joins", two, async (w) => {
    await w.status("ann", "Available");
    const c = await w.arrive("Sales");
    await w.settle();
    const [offer] = await w.workOf(c);
    assert.equal(offer.state, "OFFERED");
    assert.equal(w.nameOf(offer.userId), "ann");
    assert.equal((await w.describe(c)).agent, undefined, "not connected before accepting");
    await assert.rejects(w.accept("bob", c), /is not offered to user/);
    const join = await w.accept("ann", c);
    assert.ok(join.participantToken);
    assert.equal((await w.describe(c)).agent?.id, w.userIds.get("ann"));
    assert.equal((await w.workOf(c))[0].state, "CONNECTED");
  });

  run("an offer not accepted in time: the agent is Missed and the chat goes to the next agent", two, async (w) => {
    await w.status("ann", "Available");
    w.advance(1000);
    await w.status("bob", "Available");
    const c = await w.arrive("Sales");
    await w.settle();
    assert.equal(w.nameOf((await w.workOf(c))[0].userId), "ann", "ann has been idle longest");
    w.advance(29_000);
    await w.settle();
    assert.equal(w.nameOf((await w.workOf(c))[0].userId), "ann", "29 s in, still ann's");
    w.advance(1_000);
    await w.settle();
    const [next] = await w.workOf(c);
    assert.equal(next.state, "OFFERED");
    assert.equal(w.nameOf(next.userId), "bob");
    const ann = await w.agentStatus("ann");
    assert.deepEqual([ann.statusName, ann.statusType, ann.chatBusy], ["Missed", "CUSTOM", 0]);
    // Missed until the agent changes status: a new chat waits rather than going to ann.
    const c2 = await w.arrive("Sales");
    await w.settle();
    assert.equal((await w.workOf(c2))[0].state, "QUEUED");
    await w.status("ann", "Available");
    await w.settle();
    assert.equal(w.nameOf((await w.workOf(c2))[0].userId), "ann");
  });

  run("a rejected offer goes to the next agent; the rejecting agent stays Available, last in line", two, async (w) => {
    await w.status("ann", "Available");
    w.advance(1000);
    await w.status("bob", "Available");
    const c = await w.arrive("Sales");
    await w.settle();
    w.advance(1000);
    await w.reject("ann", c);
    await w.settle();
    assert.equal(w.nameOf((await w.workOf(c))[0].userId), "bob");
    assert.equal((await w.agentStatus("ann")).statusName, "Available");
  });

  run("the agents' rows (GetCurrentUserData's read) leave queued chats out; a queue's waiting chats come in the matcher's order", two, async (w) => {
    await w.status("ann", "Available");
    const offered = await w.arrive("Sales");
    await w.settle();
    const waiting = [await w.arrive("Support"), await w.arrive("Support"), await w.arrive("Sales")];
    await w.settle();
    const agents = await w.store.tx((tx) => tx.routing.agentWork(ACCOUNT, INSTANCE, 10));
    assert.deepEqual(agents.map((x) => [x.contactId, x.state, w.nameOf(x.userId)]), [[offered, "OFFERED", "ann"]]);
    const support = await w.store.tx((tx) => tx.routing.queuedWork(w.queueIds.get("Support")!, 10));
    assert.deepEqual(support.map((x) => x.contactId), waiting.slice(0, 2));
    const one = await w.store.tx((tx) => tx.routing.queuedWork(w.queueIds.get("Support")!, 1));
    assert.deepEqual(one.map((x) => x.contactId), waiting.slice(0, 1), "bounded by the limit");
  });

  const prio: WorldSpec = {
    queues: [{ name: "Gold" }, { name: "Bronze" }, { name: "Late" }],
    profiles: [{ name: "Desk", chat: 1, queues: [{ queue: "Gold", priority: 1 }, { queue: "Bronze", priority: 2 }, { queue: "Late", priority: 1, delay: 10 }] }],
    agents: [{ name: "ann", profile: "Desk" }],
  };
  run("queue priority first, then age; a queue's Delay holds its chats back from the profile until they waited that long", prio, async (w) => {
    const late = await w.arrive("Late");
    w.advance(1000);
    const bronze1 = await w.arrive("Bronze");
    w.advance(1000);
    const bronze2 = await w.arrive("Bronze");
    w.advance(1000);
    const gold = await w.arrive("Gold");
    await w.status("ann", "Available");
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      await w.settle();
      const offered = (await w.work()).find((x) => x.state === "OFFERED");
      assert.ok(offered, `offer ${i}`);
      order.push(offered.contactId);
      await w.accept("ann", offered.contactId);
      await w.end(offered.contactId);
      await w.complete("ann", offered.contactId);
      // Late (priority 1 like Gold, delay 10 s) is eligible from 10 s after it arrived: now, after the first offer.
      if (i === 0) w.advance(7000);
    }
    assert.deepEqual(order, [gold, late, bronze1, bronze2]);
  });

  run("Delay: a chat is offered only once it waited the queue's delay for the profile", prio, async (w) => {
    await w.status("ann", "Available");
    const late = await w.arrive("Late");
    await w.settle();
    assert.equal((await w.workOf(late))[0].state, "QUEUED");
    w.advance(9_999);
    await w.settle();
    assert.equal((await w.workOf(late))[0].state, "QUEUED");
    w.advance(1);
    await w.settle();
    assert.equal((await w.workOf(late))[0].state, "OFFERED");
  });

  run("concurrency 2 gives an agent two chats, not a third", { ...two, profiles: [{ name: "SalesDesk", chat: 2, queues: [{ queue: "Sales" }] }], agents: [{ name: "ann", profile: "SalesDesk", autoAccept: true }] }, async (w) => {
    await w.status("ann", "Available");
    const cs = [await w.arrive("Sales"), await w.arrive("Sales"), await w.arrive("Sales")];
    await w.settle();
    const states = await Promise.all(cs.map(async (c) => (await w.workOf(c))[0].state));
    assert.deepEqual(states, ["CONNECTED", "CONNECTED", "QUEUED"]);
    await w.end(cs[0]);
    await w.settle();
    assert.equal((await w.workOf(cs[2]))[0].state, "QUEUED", "ACW of the ended chat still holds its slot");
    await w.complete("ann", cs[0]);
    await w.settle();
    assert.equal((await w.workOf(cs[2]))[0].state, "CONNECTED");
  });

  run("after-contact work holds the slot until the agent ends it, or its timeout", { ...two, acwSeconds: 20, agents: [{ name: "ann", profile: "SalesDesk", autoAccept: true }] }, async (w) => {
    await w.status("ann", "Available");
    const c1 = await w.arrive("Sales");
    await w.settle();
    const join = await w.accept("ann", c1);
    await w.leave(join.participantToken);
    const [acw] = await w.workOf(c1);
    assert.equal(acw.state, "ACW");
    assert.equal(acw.dueAt, w.t + 20_000);
    const c2 = await w.arrive("Sales");
    await w.settle();
    assert.equal((await w.workOf(c2))[0].state, "QUEUED");
    w.advance(20_000);
    await w.settle();
    assert.deepEqual((await w.workOf(c1)).map((x) => x.state), [], "the ACW timed out");
    assert.equal((await w.workOf(c2))[0].state, "CONNECTED");
    // The user's own CHAT ACW limit of 0: no ACW, the slot frees when the chat ends.
  });

  run("a user's CHAT after-contact-work limit of 0 frees the slot when the chat ends", { ...two, agents: [{ name: "ann", profile: "SalesDesk", autoAccept: true, acwSeconds: 0 }] }, async (w) => {
    await w.status("ann", "Available");
    const c1 = await w.arrive("Sales");
    const c2 = await w.arrive("Sales");
    await w.settle();
    await w.end(c1);
    await w.settle();
    assert.deepEqual((await w.workOf(c1)).map((x) => x.state), []);
    assert.equal((await w.workOf(c2))[0].state, "CONNECTED");
  });

  run("transfer to another queue re-routes: the agent leaves into ACW, the other queue's agent is offered it", { ...two, agents: [{ name: "ann", profile: "SalesDesk", autoAccept: true }, { name: "sue", profile: "SupportDesk" }] }, async (w) => {
    await w.status("ann", "Available");
    await w.status("sue", "Available");
    const c = await w.arrive("Sales");
    await w.settle();
    const next = (await w.transfer(c, { queue: "Support" })).id;
    const d = await w.describe(next);
    assert.deepEqual([d.queue?.id, d.previousContactId, d.initialContactId, d.initiationMethod], [w.queueIds.get("Support"), c, c, "TRANSFER"]);
    const old = await w.describe(c);
    assert.deepEqual([old.state, old.queue?.id, w.nameOf(old.agent?.id), old.nextContactId], ["ENDED", w.queueIds.get("Sales"), "ann", next], "the first contact ends as it was");
    await w.settle();
    // ann's after-contact work is on the contact she had; sue is offered the new one.
    assert.deepEqual((await w.workOf(c)).map((x) => [x.state, w.nameOf(x.userId)]), [["ACW", "ann"]]);
    assert.deepEqual((await w.workOf(next)).map((x) => [x.state, w.nameOf(x.userId)]), [["OFFERED", "sue"]]);
    await assert.rejects(w.accept("sue", c), /not offered/);
    await w.accept("sue", next);
    assert.equal((await w.describe(next)).agent?.id, w.userIds.get("sue"));
  });

  run("transfer to an agent: only that agent is offered it, whatever their profile", two, async (w) => {
    await w.status("ann", "Available");
    await w.status("sue", "Available");
    const c = await w.arrive("Sales");
    await w.settle();
    const next = (await w.transfer(c, { agent: "sue" })).id;
    await w.settle();
    const [row] = await w.workOf(next);
    assert.deepEqual([row.state, w.nameOf(row.userId)], ["OFFERED", "sue"]);
  });

  run("a full queue (MaxContacts) or a disabled one refuses the chat: with no flow, the chat ends", { ...two, queues: [{ name: "Sales", maxContacts: 1 }, { name: "Support", status: "DISABLED" }] }, async (w) => {
    const c1 = await w.arrive("Sales");
    const c2 = await w.arrive("Sales");
    const c3 = await w.arrive("Support");
    assert.equal((await w.describe(c1)).state, "ACTIVE");
    for (const c of [c2, c3]) {
      const d = await w.describe(c);
      assert.deepEqual([d.state, d.endReason, d.queue], ["ENDED", "CONTACT_FLOW_DISCONNECT", undefined]);
      assert.deepEqual(await w.workOf(c), []);
    }
  });

  run("a chat that ends while offered frees the agent's slot", two, async (w) => {
    await w.status("ann", "Available");
    const c = await w.arrive("Sales");
    await w.settle();
    await w.end(c);
    assert.equal((await w.agentStatus("ann")).chatBusy, 0);
    assert.deepEqual(await w.workOf(c), []);
  });
}
