// The matcher's pure rules: which chat an agent is offered first, Delay eligibility, queue refusals, ACW limits.
import { test } from "node:test";
import assert from "node:assert/strict";
import { acwMs, agentOfQueue, agentQueueId, eligibleBefore, pickChat, refusal, sortAtOf, type Candidate } from "./matching.js";
import type { RoutingWork } from "./types.js";

const work = (id: string, priority: number, sortAt: number): RoutingWork => ({
  id, contactId: id, accountId: "a", instanceId: "i", queueId: "q", state: "QUEUED", priority, enqueuedAt: sortAt, sortAt, autoAccept: false, stateSince: 0, version: 0,
});
const via = (priority: number) => ({ priority, delay: 0 });

test("pickChat: the agent's own queue, then the profile's queue priority, then the contact's priority, then the oldest, then the id", () => {
  const pick = (cs: Candidate[]) => pickChat(cs)?.work.id;
  assert.equal(pick([]), undefined);
  assert.equal(pick([{ work: work("old-p2", 5, 1), via: via(2) }, { work: work("new-p1", 5, 9), via: via(1) }]), "new-p1", "queue priority beats age");
  assert.equal(pick([{ work: work("old", 5, 1), via: via(1) }, { work: work("urgent", 1, 9), via: via(1) }]), "urgent", "the contact's priority beats age");
  assert.equal(pick([{ work: work("new", 5, 9), via: via(1) }, { work: work("old", 5, 1), via: via(1) }]), "old", "then the oldest");
  assert.equal(pick([{ work: work("b", 5, 1), via: via(1) }, { work: work("a", 5, 1), via: via(1) }]), "a", "ties by id");
  assert.equal(pick([{ work: work("queue", 1, 1), via: via(1) }, { work: work("mine", 5, 9) }]), "mine", "the agent's own queue first");
});

test("QueueTimeAdjustmentSeconds makes a contact older; Delay moves the eligibility line back", () => {
  assert.equal(sortAtOf(100_000, 30), 70_000);
  assert.equal(sortAtOf(100_000, -5), 105_000);
  assert.equal(sortAtOf(100_000), 100_000);
  assert.equal(eligibleBefore(100_000, 10), 90_000);
  assert.equal(eligibleBefore(100_000, 0), 100_000);
});

test("a queue refuses chats when disabled or holding MaxContacts; no MaxContacts, no limit of its own", () => {
  assert.equal(refusal({ status: "ENABLED" }, 10_000), undefined);
  assert.equal(refusal({ status: "ENABLED", maxContacts: 2 }, 1), undefined);
  assert.match(refusal({ status: "ENABLED", maxContacts: 2 }, 2)!, /MaxContacts \(2\)/);
  assert.match(refusal({ status: "ENABLED", maxContacts: 0 }, 0)!, /MaxContacts/);
  assert.match(refusal({ status: "DISABLED" }, 0)!, /disabled/);
});

test("ACW: the user's CHAT limit (0: none), else the instance's; agent queues name their user", () => {
  assert.equal(acwMs({ afterContactWork: [{ channel: "CHAT", value: 15 }] }, 60), 15_000);
  assert.equal(acwMs({ afterContactWork: [{ channel: "CHAT", value: 0 }] }, 60), 0);
  assert.equal(acwMs({ afterContactWork: [{ channel: "VOICE", value: 5 }] }, 60), 60_000);
  assert.equal(acwMs(undefined, undefined), undefined);
  assert.equal(agentOfQueue(agentQueueId("u-1")), "u-1");
  assert.equal(agentOfQueue("q-1"), undefined);
});
