import { test } from "node:test";
import assert from "node:assert/strict";
import { compareItems, confirmLocal, ENDED, isEnded, markFailed, mergeItems, overlaps, receiptState, TYPING, unreadFrom, type Item } from "./transcript.js";

const msg = (Id: string, AbsoluteTime: string, extra: Partial<Item> = {}): Item => ({ Id, Type: "MESSAGE", ContentType: "text/plain", Content: Id, AbsoluteTime, ...extra });
const ids = (items: Item[]) => items.map((i) => i.Id);

test("items are ordered by AbsoluteTime; within one millisecond the server's order stands", () => {
  const out = mergeItems([], [msg("c", "2024-01-01T00:00:02.000Z"), msg("joined-z", "2024-01-01T00:00:01.000Z"), msg("message-a", "2024-01-01T00:00:01.000Z")]);
  assert.deepEqual(ids(out), ["joined-z", "message-a", "c"]);
  const later = mergeItems(out, [msg("pushed-0", "2024-01-01T00:00:01.000Z"), msg("message-a", "2024-01-01T00:00:01.000Z")]);
  assert.deepEqual(ids(later), ["joined-z", "message-a", "pushed-0", "c"], "a repeat keeps its place; a new one comes after");
});

test("Id breaks ties that nothing else does", () => {
  const [a, b] = [msg("b", "2024-01-01T00:00:01Z", { seq: 1 }), msg("a", "2024-01-01T00:00:01Z", { seq: 1 })];
  assert.deepEqual(ids([a, b].sort(compareItems)), ["a", "b"]);
});

test("AbsoluteTime is compared as time, not as text", () => {
  const out = mergeItems([], [msg("x", "2024-01-01T00:00:01.5Z"), msg("y", "2024-01-01T00:00:01.25Z")]);
  assert.deepEqual(ids(out), ["y", "x"]);
});

test("an Id pushed again (socket and GetTranscript both) appears once and keeps what it had", () => {
  const first = mergeItems([], [msg("a", "2024-01-01T00:00:01Z", { DisplayName: "Pat" })]);
  const out = mergeItems(first, [msg("a", "2024-01-01T00:00:01Z"), msg("b", "2024-01-01T00:00:02Z")]);
  assert.deepEqual(ids(out), ["a", "b"]);
  assert.equal(out[0].DisplayName, "Pat");
  assert.equal(first.length, 1, "the input list is not changed");
});

test("typing events never enter the transcript", () => {
  assert.deepEqual(mergeItems([], [{ Id: "t", Type: "EVENT", ContentType: TYPING, AbsoluteTime: "2024-01-01T00:00:00Z" }]), []);
});

test("MESSAGEMETADATA folds receipts into the message it names and is not listed itself", () => {
  const base = mergeItems([], [msg("m", "2024-01-01T00:00:01Z", { ParticipantRole: "AGENT" })]);
  assert.equal(receiptState(base[0]), "sent");
  const meta = (id: string, r: object): Item => ({ Id: id, Type: "MESSAGEMETADATA", AbsoluteTime: "2024-01-01T00:00:03Z", MessageMetadata: { MessageId: "m", Receipts: [{ RecipientParticipantId: "cust", ...r }] } });
  const delivered = mergeItems(base, [meta("r1", { DeliveredTimestamp: "2024-01-01T00:00:02Z" })]);
  assert.deepEqual(ids(delivered), ["m"]);
  assert.equal(receiptState(delivered[0]), "delivered");
  const read = mergeItems(delivered, [meta("r2", { ReadTimestamp: "2024-01-01T00:00:03Z" })]);
  assert.equal(receiptState(read[0]), "read");
  assert.deepEqual(read[0].MessageMetadata!.Receipts, [{ RecipientParticipantId: "cust", DeliveredTimestamp: "2024-01-01T00:00:02Z", ReadTimestamp: "2024-01-01T00:00:03Z" }]);
});

test("a receipt for a message not loaded yet changes nothing", () => {
  const out = mergeItems([msg("a", "2024-01-01T00:00:01Z")], [{ Id: "r", Type: "MESSAGEMETADATA", AbsoluteTime: "2024-01-01T00:00:03Z", MessageMetadata: { MessageId: "zz", Receipts: [{ ReadTimestamp: "x" }] } }]);
  assert.deepEqual(ids(out), ["a"]);
});

test("a local send is confirmed with the server's Id, and the later push of that Id does not duplicate it", () => {
  let items = mergeItems([msg("a", "2024-01-01T00:00:01Z")], [msg("local:1", "2024-01-01T00:00:05Z", { pending: true, Content: "hi" })]);
  assert.equal(receiptState(items[1]), undefined, "pending has no receipt state");
  items = confirmLocal(items, "local:1", "srv-1", "2024-01-01T00:00:02Z");
  assert.deepEqual(ids(items), ["a", "srv-1"]);
  assert.equal(items[1].pending, undefined);
  items = mergeItems(items, [msg("srv-1", "2024-01-01T00:00:02Z", { Content: "hi", ParticipantRole: "AGENT" })]);
  assert.deepEqual(ids(items), ["a", "srv-1"]);
  assert.equal(items[1].Content, "hi");
});

test("the push can arrive before the send's answer: confirming merges into it", () => {
  let items = mergeItems([], [msg("local:1", "2024-01-01T00:00:05Z", { pending: true, Content: "hi" }), msg("srv-1", "2024-01-01T00:00:02Z", { Content: "hi" })]);
  items = confirmLocal(items, "local:1", "srv-1", "2024-01-01T00:00:02Z");
  assert.deepEqual(ids(items), ["srv-1"]);
});

test("our reply pushed before the send's answer replaces the pending bubble at once: it never shows twice", () => {
  const me = "p-me";
  let items = mergeItems([msg("a", "2024-01-01T00:00:01Z")], [msg("local:1", "2024-01-01T00:00:05Z", { pending: true, Content: "ok", ParticipantId: me }), msg("local:2", "2024-01-01T00:00:06Z", { pending: true, Content: "ok", ParticipantId: me })], me);
  items = mergeItems(items, [msg("srv-1", "2024-01-01T00:00:02Z", { Content: "ok", ParticipantId: me })], me);
  assert.deepEqual(ids(items), ["a", "srv-1", "local:2"], "the oldest matching pending send is the one pushed");
  assert.equal(items[1].pending, undefined);
  items = confirmLocal(items, "local:1", "srv-1", "2024-01-01T00:00:02Z");
  assert.deepEqual(ids(items), ["a", "srv-1", "local:2"], "the answer then finds the pushed item: still once");
  // Someone else's identical text, and ours without `me`, are not taken for our send.
  assert.deepEqual(ids(mergeItems(items, [msg("srv-x", "2024-01-01T00:00:07Z", { Content: "ok", ParticipantId: "p-customer" })], me)), ["a", "srv-1", "local:2", "srv-x"]);
  assert.deepEqual(ids(mergeItems(items, [msg("srv-2", "2024-01-01T00:00:07Z", { Content: "ok", ParticipantId: me })])), ["a", "srv-1", "local:2", "srv-2"]);
  const file = (Id: string, name: string, extra: Partial<Item> = {}): Item => ({ Id, Type: "ATTACHMENT", AbsoluteTime: "2024-01-01T00:00:08Z", ParticipantId: me, Attachments: [{ AttachmentName: name }], ...extra });
  const withFile = mergeItems([file("local:3", "a.png", { pending: true })], [file("srv-3", "a.png")], me);
  assert.deepEqual(ids(withFile), ["srv-3"], "a pushed file of ours replaces its pending upload");
});

test("a failed send is marked, not dropped", () => {
  const items = markFailed([msg("local:1", "2024-01-01T00:00:05Z", { pending: true })], "local:1");
  assert.deepEqual([items[0].pending, items[0].failed], [false, true]);
});

test("overlaps tells when a backward GetTranscript page reached known items", () => {
  const cur = [msg("a", "2024-01-01T00:00:01Z")];
  assert.equal(overlaps(cur, [msg("b", "2024-01-01T00:00:02Z")]), false);
  assert.equal(overlaps(cur, [msg("a", "2024-01-01T00:00:01Z"), msg("b", "2024-01-01T00:00:02Z")]), true);
});

test("unreadFrom lists other participants' messages after the last one marked read", () => {
  const items = [msg("a", "2024-01-01T00:00:01Z", { ParticipantId: "cust" }), msg("b", "2024-01-01T00:00:02Z", { ParticipantId: "me" }), msg("c", "2024-01-01T00:00:03Z", { ParticipantId: "cust" })];
  assert.deepEqual(ids(unreadFrom(items, "me", undefined)), ["a", "c"]);
  assert.deepEqual(ids(unreadFrom(items, "me", "a")), ["c"]);
  assert.deepEqual(ids(unreadFrom(items, "me", "c")), []);
});

test("isEnded sees chat.ended", () => {
  assert.equal(isEnded([msg("a", "2024-01-01T00:00:01Z")]), false);
  assert.equal(isEnded([{ Id: "e", Type: "EVENT", ContentType: ENDED, AbsoluteTime: "2024-01-01T00:00:01Z" }]), true);
});

test("lastMessageOf is the newest acknowledged message: events, pending and failed sends are skipped", async () => {
  const { lastMessageOf } = await import("./transcript.js");
  const at = (s: number) => `2026-01-01T10:00:0${s}Z`;
  const items = [
    { Id: "a", Type: "MESSAGE", Content: "hi", ParticipantRole: "CUSTOMER", AbsoluteTime: at(1) },
    { Id: "b", Type: "MESSAGE", Content: "on it", ParticipantRole: "AGENT", AbsoluteTime: at(2) },
    { Id: "c", Type: "EVENT", ContentType: "application/vnd.amazonaws.connect.event.participant.left", AbsoluteTime: at(3) },
    { Id: "local:1", Type: "MESSAGE", Content: "sending", ParticipantRole: "AGENT", AbsoluteTime: at(4), pending: true },
    { Id: "local:2", Type: "MESSAGE", Content: "broken", ParticipantRole: "AGENT", AbsoluteTime: at(5), failed: true },
  ];
  assert.deepEqual(lastMessageOf(items), { id: "b", content: "on it", role: "AGENT", at: Date.parse(at(2)) });
  assert.equal(lastMessageOf(items.slice(2)), undefined);
});

test("receipts are held back while more than two participants are present", async () => {
  const { presentParticipants, receiptsAccepted } = await import("./transcript.js");
  const ev = (Id: string, kind: string, ParticipantId: string, s: number): Item => ({ Id, Type: "EVENT", ContentType: `application/vnd.amazonaws.connect.event.participant.${kind}`, ParticipantId, AbsoluteTime: `2026-01-01T10:00:0${s}Z` });
  const items = [ev("1", "joined", "cust", 1), ev("2", "joined", "agent", 2)];
  assert.equal(receiptsAccepted(items), true);
  const three = [...items, ev("3", "joined", "sup", 3)];
  assert.deepEqual([...presentParticipants(three)].sort(), ["agent", "cust", "sup"]);
  assert.equal(receiptsAccepted(three), false);
  assert.equal(receiptsAccepted([...three, ev("4", "left", "sup", 4)]), true, "the supervisor left: one-to-one again");
});
