import { test } from "node:test";
import assert from "node:assert/strict";
import { activeRows, awaitingReply, diffQueue, filterRows, toRow, withLive, type Summary } from "./queue.js";
import { formatClock, formatWaiting } from "./time.js";
import { explainError, tokenRefused } from "./errors.js";

const s = (Id: string, at: string, extra: Partial<Summary> = {}, attrs: Record<string, string> = {}): Summary => ({
  Id,
  Channel: "CHAT",
  InitiationMethod: "API",
  InitiationTimestamp: new Date(at),
  SegmentAttributes: Object.fromEntries(Object.entries({ "connect:Subtype": "connect:SMS", ...attrs }).map(([k, v]) => [k, { ValueString: v }])),
  ...extra,
});

test("active rows: ended chats left out, each contact once, longest waiting first, extension keys read", () => {
  const rows = activeRows([
    s("b", "2024-01-01T00:00:05Z", {}, { "connect-chat:CustomerAddress": "+14155550100", "connect-chat:LastMessage": "hi", "connect-chat:LastMessageRole": "CUSTOMER", "connect-chat:LastMessageTimestamp": "2024-01-01T00:00:06Z" }),
    s("a", "2024-01-01T00:00:01Z"),
    s("gone", "2024-01-01T00:00:00Z", { DisconnectTimestamp: new Date("2024-01-01T00:01:00Z") }),
    s("b", "2024-01-01T00:00:05Z"),
  ]);
  assert.deepEqual(rows.map((r) => r.contactId), ["a", "b"]);
  assert.equal(rows[1].customer, "+14155550100");
  assert.equal(rows[1].subtype, "connect:SMS");
  assert.equal(rows[1].lastMessage, "hi");
  assert.equal(rows[1].lastAt, Date.parse("2024-01-01T00:00:06Z"));
  assert.equal(awaitingReply(rows[1]), true);
  assert.equal(rows[0].customer, "Unknown sender");
  assert.equal(awaitingReply(rows[0]), false);
});

test("diffQueue reports added, removed and changed rows", () => {
  const before = activeRows([s("a", "2024-01-01T00:00:01Z"), s("b", "2024-01-01T00:00:02Z", {}, { "connect-chat:LastMessage": "x", "connect-chat:LastMessageTimestamp": "2024-01-01T00:00:03Z" })]);
  const after = activeRows([s("b", "2024-01-01T00:00:02Z", {}, { "connect-chat:LastMessage": "y", "connect-chat:LastMessageTimestamp": "2024-01-01T00:00:04Z" }), s("c", "2024-01-01T00:00:09Z")]);
  assert.deepEqual(diffQueue(before, after), { added: ["c"], removed: ["a"], changed: ["b"] });
  assert.deepEqual(diffQueue(after, after), { added: [], removed: [], changed: [] });
});

test("filterRows matches number, subtype and last message, case-insensitively", () => {
  const rows = activeRows([s("a", "2024-01-01T00:00:01Z", {}, { "connect-chat:CustomerAddress": "+1415", "connect-chat:LastMessage": "Refund please" }), s("b", "2024-01-01T00:00:02Z", {}, { "connect-chat:CustomerAddress": "+1650" })]);
  assert.deepEqual(filterRows(rows, "refund").map((r) => r.contactId), ["a"]);
  assert.deepEqual(filterRows(rows, "+1650").map((r) => r.contactId), ["b"]);
  assert.equal(filterRows(rows, "  ").length, 2);
});

test("waiting time reads as seconds, minutes, hours, days", () => {
  assert.equal(formatWaiting(-5), "0s");
  assert.equal(formatWaiting(59_999), "59s");
  assert.equal(formatWaiting(65_000), "1m 05s");
  assert.equal(formatWaiting(3_600_000 + 120_000), "1h 02m");
  assert.equal(formatWaiting(27 * 3_600_000), "1d 3h");
});

test("clock times show the date only for other days", () => {
  const now = new Date(2024, 0, 2, 12, 0);
  assert.equal(formatClock(new Date(2024, 0, 2, 9, 5), now), "09:05");
  assert.equal(formatClock(new Date(2024, 0, 1, 23, 59), now), "2024-01-01 23:59");
  assert.equal(formatClock("not a date", now), "");
});

test("errors: a wrong key and a wrong secret say so; a dead server says it cannot be reached", () => {
  assert.equal(explainError({ name: "UnrecognizedClientException", message: "x" }).title, "Unknown access key");
  assert.equal(explainError({ name: "InvalidSignatureException", message: "x" }).title, "Wrong secret access key");
  assert.equal(explainError(new TypeError("Failed to fetch")).kind, "network");
  assert.equal(explainError({ name: "AccessDeniedException", message: "User: K is not authorized" }).detail, "User: K is not authorized");
});

test("a refused participant token is told apart from a network failure", () => {
  const refused = { _debug: { reason: "Failed to fetch connectionDetails with createParticipantConnection", _debug: { type: "AccessDeniedException", message: "Access denied", statusCode: 403 } }, connectSuccess: false };
  assert.equal(tokenRefused(refused), true);
  assert.equal(tokenRefused({ _debug: { reason: "Failed to fetch", _debug: { type: "TypeError", message: "Failed to fetch" } } }), false);
  assert.equal(tokenRefused(new TypeError("Failed to fetch")), false);
  const circular: any = {};
  circular.self = circular;
  assert.equal(tokenRefused(circular), false);
});

test("an open chat's newer live message replaces the polled last message, an older one does not", async () => {
  const { withLive } = await import("./queue.js");
  const rows = activeRows([s("a", "2026-01-01T10:00:00Z", {}, { "connect-chat:CustomerAddress": "+1", "connect-chat:LastMessage": "hi", "connect-chat:LastMessageRole": "CUSTOMER", "connect-chat:LastMessageTimestamp": "2026-01-01T10:00:05Z" }), s("b", "2026-01-01T10:01:00Z")]);
  const live = new Map([
    ["a", { content: "On it", role: "AGENT", at: Date.parse("2026-01-01T10:00:09Z") }],
    ["b", { content: "old", role: "CUSTOMER", at: Date.parse("2026-01-01T10:01:00Z") }],
  ]);
  const [a, b] = withLive(rows, live);
  assert.deepEqual([a.lastMessage, a.lastRole, awaitingReply(a)], ["On it", "AGENT", false]);
  assert.deepEqual([b.lastMessage, b.lastRole], ["old", "CUSTOMER"]);
  assert.deepEqual(withLive(rows, new Map([["a", { content: "stale", role: "CUSTOMER", at: Date.parse("2026-01-01T10:00:01Z") }]]))[0].lastMessage, "hi");
  assert.equal(rows[0].lastMessage, "hi", "the polled rows are not changed");
});

test("a chat open in a tab that has ended leaves the queue at once (no 'Awaiting reply' until the next poll)", () => {
  const rows = [toRow({ Id: "a", InitiationTimestamp: "2026-01-01T10:00:00Z", SegmentAttributes: { "connect-chat:LastMessageRole": { ValueString: "CUSTOMER" } } }), toRow({ Id: "b", InitiationTimestamp: "2026-01-01T10:00:01Z" })];
  assert.equal(awaitingReply(rows[0]), true);
  assert.deepEqual(withLive(rows, new Map([["a", { ended: true }]])).map((r) => r.contactId), ["b"]);
  assert.deepEqual(withLive(rows, new Map([["a", { ended: false }]])).map((r) => r.contactId), ["a", "b"]);
});

test("rows carry the queue the chat is in, since when, and when an agent joined", () => {
  const r = toRow({ Id: "q", QueueInfo: { Id: "queue-1", EnqueueTimestamp: new Date(5000) }, AgentInfo: { Id: "p", ConnectedToAgentTimestamp: "1970-01-01T00:00:07.000Z" } });
  assert.deepEqual([r.queueId, r.enqueuedAt, r.agentAt], ["queue-1", 5000, 7000]);
  assert.deepEqual([toRow({ Id: "n" }).queueId, toRow({ Id: "n" }).enqueuedAt, toRow({ Id: "n" }).agentAt], [undefined, undefined, undefined]);
});
