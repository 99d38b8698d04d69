// The routing room's pure rules: Connect's password pattern, media concurrencies, hours, user search conditions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkConcurrencies } from "./profiles.js";
import { checkHours } from "./queues.js";
import { compile } from "./search.js";
import type { User } from "./types.js";
import { PASSWORD, mergeChannels } from "./users.js";

test("passwords follow the model's pattern: 8–64 non-space characters with a lower, an upper and a digit", () => {
  for (const ok of ["Abcdefg1", "P@ss-w0rd!", "A1" + "b".repeat(62), "Pässwört1"]) assert.ok(PASSWORD.test(ok), ok);
  for (const bad of ["Abcdef1", "abcdefg1", "ABCDEFG1", "Abcdefgh", "Abcd efg1", "A1" + "b".repeat(63), ""]) assert.ok(!PASSWORD.test(bad), bad);
});

test("media concurrencies: each channel once, VOICE exactly 1, others 1–10", () => {
  checkConcurrencies([{ channel: "CHAT", concurrency: 10 }, { channel: "VOICE", concurrency: 1 }]);
  assert.throws(() => checkConcurrencies([{ channel: "CHAT", concurrency: 1 }, { channel: "CHAT", concurrency: 2 }]), /listed twice/);
  assert.throws(() => checkConcurrencies([{ channel: "VOICE", concurrency: 2 }]), /VOICE concurrency must be 1/);
  assert.throws(() => checkConcurrencies([{ channel: "CHAT", concurrency: 11 }]), /1 to 10/);
});

test("hours: an IANA zone, 00:00–00:00 is a whole day, an end before the start is overnight, no slice twice", () => {
  const at = (h: number, m = 0) => ({ hours: h, minutes: m });
  checkHours({ timeZone: "America/New_York", config: [{ day: "MONDAY", start: at(0), end: at(0) }, { day: "TUESDAY", start: at(22), end: at(0) }] });
  assert.throws(() => checkHours({ timeZone: "Mars/Base", config: [] }), /TimeZone/);
  assert.throws(() => checkHours({ timeZone: "UTC", config: [{ day: "MONDAY", start: at(9), end: at(9) }] }), /must differ/);
  checkHours({ timeZone: "UTC", config: [{ day: "MONDAY", start: at(20), end: at(2) }] });
  assert.throws(() => checkHours({ timeZone: "UTC", config: [{ day: "MONDAY", start: at(9), end: at(17) }, { day: "MONDAY", start: at(9), end: at(17) }] }), /twice/);
});

test("per-channel settings: the channels given replace theirs, the others stay", () => {
  const old = [{ channel: "VOICE" as const, value: false }, { channel: "CHAT" as const, value: false }];
  assert.deepEqual(mergeChannels(old, [{ channel: "CHAT", value: true }]), [{ channel: "VOICE", value: false }, { channel: "CHAT", value: true }]);
  assert.equal(mergeChannels(old, undefined), old);
});

test("user search conditions: case-insensitive text fields, exact ids, And/Or nesting, unknown fields refused", () => {
  const user = (name: string, first: string, rp: string): User => ({
    id: `id-${name}`, accountId: "a", instanceId: "i", name, updatedAt: 0, routingProfileId: rp, securityProfileIds: ["sp1", "sp2"],
    identityInfo: { firstName: first }, phoneConfig: { phoneType: "SOFT_PHONE" }, autoAccept: [], afterContactWork: [], persistentConnection: [],
  });
  const users = [user("ann", "Ann", "rp1"), user("bob", "Bob", "rp2"), user("annette", "Annette", "rp2")];
  const names = (c: Parameters<typeof compile>[0]) => users.filter(compile(c)).map((u) => u.name);
  assert.deepEqual(names({ string: { field: "firstname", value: "ANN", comparison: "STARTS_WITH" } }), ["ann", "annette"]);
  assert.deepEqual(names({ string: { field: "Username", value: "ann", comparison: "EXACT" } }), ["ann"]);
  assert.deepEqual(names({ string: { field: "Username", value: "nett", comparison: "CONTAINS" } }), ["annette"]);
  assert.deepEqual(names({ string: { field: "SecurityProfileId", value: "sp2", comparison: "EXACT" } }), ["ann", "bob", "annette"]);
  assert.deepEqual(names({ and: [{ string: { field: "RoutingProfileId", value: "rp2", comparison: "EXACT" } }, { or: [{ string: { field: "Username", value: "b", comparison: "STARTS_WITH" } }, { string: { field: "FirstName", value: "ette", comparison: "CONTAINS" } }] }] }), ["bob", "annette"]);
  assert.deepEqual(names({}), ["ann", "bob", "annette"]);
  assert.throws(() => compile({ string: { field: "Shoe", value: "x" } }), /FieldName 'Shoe'/);
  assert.throws(() => compile({ and: [{ string: { field: "Username" } }] }), /AndConditions\[0\]\.StringCondition\.Value is required/);
  assert.throws(() => compile({ list: true }), /ListCondition/);
});
