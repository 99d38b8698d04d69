// The pure rules of participant timers: how an UpdateParticipantRoleConfig list changes the settings, what a role
// gets pinned, and which timer comes first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { applyTimerList, firstTimer, pinFor } from "./participant-timers.js";

const t = (ParticipantRole: string, TimerType: string, v: number | "Unset") => ({
  ParticipantRole,
  TimerType,
  TimerValue: v === "Unset" ? { ParticipantTimerAction: "Unset" } : { ParticipantTimerDurationInMinutes: v },
});

test("a list sets durations, Unset removes one, and a role left with none disappears; the input is not changed", () => {
  const before = { CUSTOMER: { IDLE: 5 } };
  const after = applyTimerList(before, [t("CUSTOMER", "DISCONNECT_NONCUSTOMER", 10), t("AGENT", "IDLE", 3)]);
  assert.deepEqual(after, { CUSTOMER: { IDLE: 5, DISCONNECT_NONCUSTOMER: 10 }, AGENT: { IDLE: 3 } });
  assert.deepEqual(before, { CUSTOMER: { IDLE: 5 } });
  assert.deepEqual(applyTimerList(after, [t("AGENT", "IDLE", "Unset"), t("CUSTOMER", "IDLE", 480)]), { CUSTOMER: { IDLE: 480, DISCONNECT_NONCUSTOMER: 10 } });
  assert.deepEqual(applyTimerList({}, [t("AGENT", "IDLE", "Unset")]), {}, "unsetting what is not set changes nothing");
});

test("a role and type twice, or a TimerValue with both or neither member, is refused naming the entry", () => {
  assert.throws(() => applyTimerList({}, [t("AGENT", "IDLE", 2), t("AGENT", "IDLE", "Unset")]), (e: any) => e.name === "InvalidRequestException" && /\[1\].*duplicate/.test(e.message));
  assert.throws(() => applyTimerList({}, [{ ParticipantRole: "AGENT", TimerType: "IDLE", TimerValue: {} }]), (e: any) => e.name === "InvalidRequestException" && /\[0\]\.TimerValue/.test(e.message));
  assert.throws(() => applyTimerList({}, [{ ParticipantRole: "AGENT", TimerType: "IDLE", TimerValue: { ParticipantTimerAction: "Unset", ParticipantTimerDurationInMinutes: 2 } }]), /exactly one/);
  assert.doesNotThrow(() => applyTimerList({}, [t("AGENT", "IDLE", 2), t("AGENT", "DISCONNECT_NONCUSTOMER", 2), t("CUSTOMER", "IDLE", 2)]));
});

test("pins: customers get CUSTOMER's, agents AGENT's, bots and supervisors none; idle comes first when set", () => {
  const s = { CUSTOMER: { IDLE: 2, DISCONNECT_NONCUSTOMER: 3 }, AGENT: { DISCONNECT_NONCUSTOMER: 4 } };
  assert.deepEqual(pinFor(s, "CUSTOMER", 60_000), { idleMs: 120_000, disconnectMs: 180_000 });
  assert.deepEqual(pinFor(s, "AGENT", 100), { disconnectMs: 400 });
  assert.equal(pinFor(s, "CUSTOM_BOT", 60_000), undefined);
  assert.equal(pinFor(s, "SUPERVISOR", 60_000), undefined);
  assert.equal(pinFor({ CUSTOMER: {} }, "CUSTOMER", 60_000), undefined);
  const p = { id: "p", contactId: "c" };
  assert.deepEqual(firstTimer(p, { idleMs: 10, disconnectMs: 20 }, 1000, 7), { participantId: "p", contactId: "c", stage: "IDLE", dueAt: 1010, since: 7, attempts: 0 });
  assert.deepEqual(firstTimer(p, { disconnectMs: 20 }, 1000, 7), { participantId: "p", contactId: "c", stage: "DISCONNECT", dueAt: 1020, since: 7, attempts: 0 });
});
