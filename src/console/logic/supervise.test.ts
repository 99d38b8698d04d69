import { test } from "node:test";
import assert from "node:assert/strict";
import type { QueueRow } from "./queue.js";
import { allChats, mayMonitor, monitorState, sideOf } from "./supervise.js";

const row = (contactId: string, initiated: number, queueId?: string): QueueRow => ({ contactId, customer: `+1555000${contactId}`, subtype: "connect:SMS", channel: "CHAT", initiationMethod: "API", initiated, queueId });

test("allChats: connected chats with their agent first, then offered, then waiting; longest running first in each", () => {
  const rows = [row("w", 1, "q"), row("c2", 5), row("o", 2), row("c1", 9), row("acw", 0)];
  const agents = [
    { User: { Id: "u1" }, Contacts: [{ ContactId: "c1", AgentContactState: "CONNECTED" }, { ContactId: "acw", AgentContactState: "ENDED" }] },
    { User: { Id: "u2" }, Contacts: [{ ContactId: "c2", AgentContactState: "CONNECTED_ONHOLD" }, { ContactId: "o", AgentContactState: "INCOMING" }] },
    { Contacts: [{ ContactId: "w", AgentContactState: "CONNECTED" }] },
  ];
  const list = allChats(rows, agents, new Map([["u1", "ann"]]));
  assert.deepEqual(
    list.map((c) => [c.row.contactId, c.state, c.agent]),
    [["c2", "connected", "u2"], ["c1", "connected", "ann"], ["o", "offered", "u2"], ["acw", "waiting", undefined], ["w", "waiting", undefined]],
  );
});

test("allChats: a chat offered to one agent and connected to another is the connected one's", () => {
  const agents = [
    { User: { Id: "a" }, Contacts: [{ ContactId: "x", AgentContactState: "PENDING" }] },
    { User: { Id: "b" }, Contacts: [{ ContactId: "x", AgentContactState: "CONNECTED" }] },
  ];
  assert.deepEqual(allChats([row("x", 1)], agents, new Map()).map((c) => [c.agentId, c.state]), [["b", "connected"]]);
});

test("mayMonitor: MonitorContact and GetCurrentUserData on any agent", () => {
  assert.equal(mayMonitor({ MonitorContact: "any", GetCurrentUserData: "any" }), true);
  assert.equal(mayMonitor({ MonitorContact: "any", GetCurrentUserData: "self" }), false);
  assert.equal(mayMonitor({ GetCurrentUserData: "any" }), false);
  assert.equal(mayMonitor(undefined), false);
});

test("sideOf: ours on our side, a supervisor's apart from the customer's", () => {
  assert.equal(sideOf("SUPERVISOR", true), "mine");
  assert.equal(sideOf("SUPERVISOR", false), "supervisor");
  assert.equal(sideOf("CUSTOMER", false), "theirs");
  assert.equal(sideOf("AGENT", false), "theirs");
});

test("monitorState: silent is read-only with a banner; barged in may write; not monitoring writes", () => {
  assert.deepEqual(monitorState("silent").mayWrite, false);
  assert.match(monitorState("silent").banner!, /does not see you/);
  assert.equal(monitorState("barge").mayWrite, true);
  assert.deepEqual(monitorState(undefined), { mayWrite: true });
});
