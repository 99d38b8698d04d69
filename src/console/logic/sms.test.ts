import { test } from "node:test";
import assert from "node:assert/strict";
import { announcement, isSmsSubtype, replyLength, replyState, SMS_LIMIT } from "./sms.js";

test("the reply limit is 1024 characters, counted in code points", () => {
  assert.deepEqual(replyLength("x".repeat(SMS_LIMIT)), { length: 1024, over: false, near: true, sendable: true });
  assert.deepEqual(replyLength("x".repeat(SMS_LIMIT + 1)), { length: 1025, over: true, near: false, sendable: false });
  assert.equal(replyLength("👍".repeat(SMS_LIMIT)).length, 1024, "an emoji is one character");
  assert.equal(replyLength("👍".repeat(SMS_LIMIT)).over, false);
  assert.equal(replyLength("   \n").sendable, false, "blank replies are not sent");
  assert.equal(replyLength("x".repeat(900)).near, false);
});

test("SMS chats count segments as the server does: GSM-7 160/153, UCS-2 70/67", () => {
  const sms = (t: string) => replyState(t, { sms: true, ended: false, offline: false }).sms!;
  assert.deepEqual(sms("a".repeat(160)), { encoding: "GSM-7", units: 160, segments: 1, perSegment: 160 });
  assert.deepEqual(sms("a".repeat(161)), { encoding: "GSM-7", units: 161, segments: 2, perSegment: 153 });
  assert.deepEqual(sms("a".repeat(307)), { encoding: "GSM-7", units: 307, segments: 3, perSegment: 153 });
  assert.deepEqual(sms("ж".repeat(70)), { encoding: "UCS-2", units: 70, segments: 1, perSegment: 70 });
  assert.deepEqual(sms("ж".repeat(71)), { encoding: "UCS-2", units: 71, segments: 2, perSegment: 67 });
  assert.equal(sms("€".repeat(81)).segments, 2, "the extension table costs two septets");
  assert.equal(replyState("hi", { sms: false, ended: false, offline: false }).sms, undefined, "web chats have no segments");
  assert.equal(isSmsSubtype("connect:SMS"), true);
  assert.equal(isSmsSubtype("connect:sms"), true);
  assert.equal(isSmsSubtype("connect:WhatsApp"), false);
  assert.equal(isSmsSubtype(undefined), false);
});

test("why Send is disabled, in words; the ended chat and the connection come first", () => {
  const why = (t: string, ctx: Partial<{ sms: boolean; ended: boolean; offline: boolean }> = {}) => replyState(t, { sms: true, ended: false, offline: false, ...ctx });
  assert.deepEqual([why("hi").canSend, why("hi").blocked], [true, undefined]);
  assert.equal(why("  ").blocked, "Write a reply first.");
  assert.equal(why("x".repeat(SMS_LIMIT + 5)).blocked, "Too long: 5 characters over the 1024-character limit.");
  assert.equal(why("hi", { offline: true }).blocked, "Waiting for the connection.");
  assert.equal(why("hi", { ended: true, offline: true }).blocked, "The chat has ended.");
  assert.equal(why("hi", { ended: true }).canSend, false);
});

test("the live region speaks when segments, encoding or the limit change, never per keystroke", () => {
  const ctx = { sms: true, ended: false, offline: false };
  const said: string[] = [];
  let prev: ReturnType<typeof replyState> | undefined;
  const type = (text: string) => {
    const next = replyState(text, ctx);
    const a = announcement(prev, next);
    if (a) said.push(a);
    prev = next;
  };
  let text = "";
  for (let i = 0; i < 170; i++) type((text += "a"));
  assert.deepEqual(said, ["2 SMS segments, GSM-7"], "170 keystrokes, one announcement");
  type((text += "ж"));
  assert.deepEqual(said.at(-1), "3 SMS segments, UCS-2");
  type("");
  type("x");
  assert.equal(said.length, 2, "clearing and a first ordinary character say nothing");
  type("ж");
  assert.equal(said.at(-1), "1 SMS segment, UCS-2");
  for (const t of ["x".repeat(1024), "x".repeat(1025), "x".repeat(1026), "x".repeat(1024)]) type(t);
  assert.deepEqual(said.slice(-2), ["Over the 1024-character limit.", "Back within the limit."]);
  assert.equal(announcement(undefined, replyState("hello", { ...ctx, sms: false })), undefined, "web chats: nothing until the limit");
});
