import { test } from "node:test";
import assert from "node:assert/strict";
import type { Item } from "../../domain/types.js";
import { channelFor, notifySql, parsePayload } from "./notify.js";

const item = (chat: string, position: number): Item => ({
  position,
  contactId: chat,
  initialContactId: chat,
  persisted: true,
  visibility: "ALL",
  body: { Id: `i${position}`, AbsoluteTime: "2026-01-01T00:00:00.000Z", Type: "MESSAGE", ContentType: "text/plain" },
});
const payloads = (sql: string) => [...sql.matchAll(/(?:pg_notify|cc_notify_watched)\('[^']*', '([^']*)'/g)].map((m) => m[1]);

test("a large append is split into NOTIFY payloads under 8000 bytes, every position once, in order", () => {
  const items = Array.from({ length: 3000 }, (_, i) => item(`0198f2a0-7c3e-7000-8000-${String(i % 400).padStart(12, "0")}`, 1_000_000_000 + i));
  const sql = notifySql("cc_items_public", items);
  const parts = payloads(sql);
  assert.ok(parts.length > 1, "split");
  for (const p of parts) assert.ok(Buffer.byteLength(p) < 8000, `payload of ${Buffer.byteLength(p)} bytes`);
  const seen = parts.flatMap((p) => Object.entries(parsePayload(p)!.c).flatMap(([chat, ps]) => ps.map((pos) => `${chat}@${pos}`)));
  assert.equal(seen.length, items.length);
  assert.deepEqual(new Set(seen), new Set(items.map((i) => `${i.initialContactId}@${i.position}`)));
  const perChat = new Map<string, number[]>();
  for (const s of seen) {
    const [chat, pos] = s.split("@");
    perChat.set(chat, [...(perChat.get(chat) ?? []), Number(pos)]);
  }
  for (const ps of perChat.values()) assert.deepEqual(ps, [...ps].sort((x, y) => x - y));
});

test("each pg_notify runs only when a node watches one of its chats, unless always", () => {
  const items = [item("chat-a", 1), item("it's", 2)];
  const watched = notifySql("cc_items_public", items);
  assert.match(watched, /^SELECT cc_notify_watched\('cc_items_public', '.+', ARRAY\['chat-a', 'it''s'\]\);$/);
  assert.match(notifySql("cc_items_public", items, true), /^SELECT pg_notify\('cc_items_public', '.+'\);$/);
  assert.equal(notifySql("cc_items_public", []), "");
});

test("payloads that are not ours are ignored; long schema names get a hashed channel within 63 bytes", () => {
  for (const bad of [undefined, "", "not json", "null", '{"x":1}']) assert.equal(parsePayload(bad), undefined);
  assert.equal(channelFor("public"), "cc_items_public");
  const long = channelFor("s".repeat(100));
  assert.ok(Buffer.byteLength(long) <= 63 && long.startsWith("cc_items_"));
});
