import { test } from "node:test";
import assert from "node:assert/strict";
import { dispositionsFor, formatCountdown, secondsLeft, splitWork, transferableAgents, waitingByQueue, type QueuedChat } from "./routing.js";

test("GetCurrentUserData contacts split into offers, chats and after-contact work", () => {
  const w = splitWork([
    { ContactId: "o", AgentContactState: "INCOMING", StateStartTimestamp: new Date(1000), Queue: { Id: "q1" } },
    { ContactId: "c", AgentContactState: "CONNECTED", StateStartTimestamp: "1970-01-01T00:00:02.000Z" },
    { ContactId: "a", AgentContactState: "ENDED", StateStartTimestamp: new Date(3000) },
    { AgentContactState: "INCOMING" },
    { ContactId: "x", AgentContactState: "MISSED" },
  ]);
  assert.deepEqual(w.offers, [{ contactId: "o", queueId: "q1", since: 1000 }]);
  assert.deepEqual(w.connected, [{ contactId: "c", queueId: undefined, since: 2000 }]);
  assert.deepEqual(w.acw.map((x) => x.contactId), ["a"]);
  assert.deepEqual(splitWork(undefined), { offers: [], connected: [], acw: [] });
});

test("an offer counts down in whole seconds and stops at zero", () => {
  assert.equal(secondsLeft(10_000, 30, 10_000), 30);
  assert.equal(secondsLeft(10_000, 30, 10_001), 30);
  assert.equal(secondsLeft(10_000, 30, 39_000), 1);
  assert.equal(secondsLeft(10_000, 30, 40_000), 0);
  assert.equal(secondsLeft(10_000, 30, 99_000), 0);
  assert.equal(formatCountdown(27), "0:27");
  assert.equal(formatCountdown(125), "2:05");
  assert.equal(formatCountdown(-3), "0:00");
});

test("queue views: first in line first, per queue; chats an agent has since they were queued are not waiting", () => {
  const chats: QueuedChat[] = [
    { contactId: "late", customer: "+2", queueId: "q1", enqueuedAt: 5000, lastRole: "CUSTOMER", lastAt: 6000 },
    { contactId: "early", customer: "+1", queueId: "q1", enqueuedAt: 1000, lastRole: "AGENT", lastAt: 4000 },
    { contactId: "taken", customer: "+3", queueId: "q1", enqueuedAt: 2000, agentAt: 2500 },
    { contactId: "transferred", customer: "+4", queueId: "q2", enqueuedAt: 9000, agentAt: 3000, lastRole: "CUSTOMER", lastAt: 8000 },
    { contactId: "other", customer: "+5", queueId: "q9", enqueuedAt: 1 },
    { contactId: "unqueued", customer: "+6" },
  ];
  const w = waitingByQueue(chats, ["q1", "q2", "q3"]);
  assert.deepEqual(w.get("q1"), [
    // The agent answered last: the wait counts from when it was queued.
    { contactId: "early", customer: "+1", position: 1, waitingSince: 1000 },
    // The customer's last message is unanswered: the wait counts from it.
    { contactId: "late", customer: "+2", position: 2, waitingSince: 6000 },
  ]);
  assert.deepEqual(w.get("q2"), [{ contactId: "transferred", customer: "+4", position: 1, waitingSince: 8000 }]);
  assert.deepEqual(w.get("q3"), []);
  assert.equal(w.has("q9"), false);
});

test("dispositions: the queue's id, else its name, else '*'; duplicates and blanks dropped", () => {
  const config = { "q-id": ["Resolved", "Resolved", " ", "Escalated"], Sales: ["Sold", "No sale"], "*": ["Done"] };
  assert.deepEqual(dispositionsFor(config, { id: "q-id", name: "Sales" }), ["Resolved", "Escalated"]);
  assert.deepEqual(dispositionsFor(config, { id: "other", name: "Sales" }), ["Sold", "No sale"]);
  assert.deepEqual(dispositionsFor(config, { id: "other", name: "Support" }), ["Done"]);
  assert.deepEqual(dispositionsFor({ Sales: ["Sold"] }, { name: "Support" }), []);
  assert.deepEqual(dispositionsFor(undefined, { name: "Sales" }), []);
  // Keys of Object.prototype are not lists.
  assert.deepEqual(dispositionsFor({}, { name: "constructor" }), []);
});

test("transfer to an agent: Available with a free chat slot, never yourself", () => {
  const ids = transferableAgents(
    [
      { User: { Id: "me" }, Status: { StatusName: "Available" }, AvailableSlotsByChannel: { CHAT: 2 } },
      { User: { Id: "bob" }, Status: { StatusName: "Available" }, AvailableSlotsByChannel: { CHAT: 1 } },
      { User: { Id: "full" }, Status: { StatusName: "Available" }, AvailableSlotsByChannel: { CHAT: 0 } },
      { User: { Id: "lunch" }, Status: { StatusName: "Lunch" }, AvailableSlotsByChannel: { CHAT: 0 } },
      { User: { Id: "off" }, Status: { StatusName: "Offline" } },
    ],
    "me",
  );
  assert.deepEqual(ids, ["bob"]);
});
