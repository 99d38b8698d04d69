import { test } from "node:test";
import assert from "node:assert/strict";
import { newestTime, readByMe, SeenStore, unreadCount } from "./unread.js";
import type { Item } from "./transcript.js";

const at = (s: number) => `2026-01-01T10:00:${String(s).padStart(2, "0")}Z`;
const msg = (Id: string, s: number, ParticipantId: string, extra: Partial<Item> = {}): Item => ({ Id, Type: "MESSAGE", Content: Id, AbsoluteTime: at(s), ParticipantId, ...extra });

test("unread is the others' messages after what was seen; a reload that loads the whole transcript counts the same", () => {
  const items = [msg("a", 1, "cust"), msg("b", 2, "me"), msg("c", 3, "cust"), { Id: "e", Type: "EVENT", AbsoluteTime: at(4), ParticipantId: "sup" }, msg("d", 5, "sup")];
  assert.equal(unreadCount(items, "me", 0), 3, "never seen: every message of the others");
  assert.equal(unreadCount(items, "me", Date.parse(at(2))), 2);
  assert.equal(unreadCount(items, "me", newestTime(items)), 0);
  assert.equal(newestTime(items), Date.parse(at(5)));
  assert.equal(unreadCount([msg("x", 9, "cust", { pending: true })], "me", 0), 0);
});

test("readByMe sees my read receipt in the message's metadata", () => {
  assert.equal(readByMe(msg("a", 1, "cust", { MessageMetadata: { Receipts: [{ RecipientParticipantId: "me", ReadTimestamp: at(2) }] } }), "me"), true);
  assert.equal(readByMe(msg("a", 1, "cust", { MessageMetadata: { Receipts: [{ RecipientParticipantId: "me", DeliveredTimestamp: at(2) }] } }), "me"), false);
  assert.equal(readByMe(msg("a", 1, "cust", { MessageMetadata: { Receipts: [{ RecipientParticipantId: "other", ReadTimestamp: at(2) }] } }), "me"), false);
});

test("SeenStore keeps one time per chat, only moving forward, and survives garbage", () => {
  const data = new Map<string, string>();
  const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
  const s = new SeenStore(storage);
  assert.equal(s.get("c1"), 0);
  s.set("c1", 100);
  s.set("c1", 50);
  s.set("c2", 7);
  assert.deepEqual([new SeenStore(storage).get("c1"), s.get("c2")], [100, 7], "a new store (a reload) reads the same");
  s.forget("c1");
  assert.equal(s.get("c1"), 0);
  data.set("connect-chat.console.seen", "{not json");
  assert.equal(s.get("c2"), 0);
});
