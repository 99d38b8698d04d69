// The storage contract of participant timeouts: one timer per participant, replaced whole; due rows leased once (two
// claims never take the same row; a lease that runs out gives it back); a participant's newest message or attachment
// after a position, ignoring events, push-only items, other participants and other chats. Run on SQLite and PostgreSQL.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Store } from "../../domain/ports.js";
import type { ParticipantTimer } from "../../domain/participant-timers.js";
import type { Item } from "../../domain/types.js";

export function participantTimerCases(name: string, withStore: (fn: (s: Store) => Promise<void>) => Promise<void>) {
  const id = (p: string) => `${p}-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const timer = (participantId: string, dueAt: number, over: Partial<ParticipantTimer> = {}): ParticipantTimer => ({ participantId, contactId: "c", stage: "IDLE", dueAt, since: 0, attempts: 0, ...over });
  // Rows are global: a case reads only its own participants' rows (the stores are shared by the cases of a file).
  const mine = (ids: string[], ts: ParticipantTimer[]) => ts.filter((t) => ids.includes(t.participantId)).sort((a, b) => a.participantId.localeCompare(b.participantId));

  test(`${name}: a participant timer is stored whole, replaced whole, and cleared`, () =>
    withStore(async (s) => {
      const p = id("p");
      await s.tx((t) => t.setParticipantTimer(timer(p, 5000, { since: 7 })));
      assert.deepEqual(await s.tx((t) => t.participantTimer(p)), timer(p, 5000, { since: 7 }));
      await s.tx((t) => t.setParticipantTimer(timer(p, 9000, { stage: "DISCONNECT", since: 9, contactId: "c2" })));
      assert.deepEqual(await s.tx((t) => t.participantTimer(p)), timer(p, 9000, { stage: "DISCONNECT", since: 9, contactId: "c2" }));
      await s.tx((t) => t.clearParticipantTimer(p));
      assert.equal(await s.tx((t) => t.participantTimer(p)), undefined);
    }));

  test(`${name}: due participant timers are leased once; a lease that runs out gives the row back`, () =>
    withStore(async (s) => {
      const base = 4_000_000_000_000 + Math.floor(Math.random() * 1_000_000);
      const [a, b, later] = [id("a"), id("b"), id("later")];
      await s.tx(async (t) => {
        await t.setParticipantTimer(timer(a, base + 1));
        await t.setParticipantTimer(timer(b, base + 2));
        await t.setParticipantTimer(timer(later, base + 500));
      });
      const first = mine([a, b, later], await s.tx((t) => t.claimParticipantTimers(base + 10, base + 100, 1000)));
      assert.deepEqual(first, [timer(a, base + 100, { attempts: 1 }), timer(b, base + 100, { attempts: 1 })], "leased: due_at moved to the lease's end");
      assert.deepEqual(mine([a, b, later], await s.tx((t) => t.claimParticipantTimers(base + 10, base + 100, 1000))), [], "a leased row is not claimed again");
      assert.deepEqual(mine([a, b, later], await s.tx((t) => t.claimParticipantTimers(base + 100, base + 200, 1000))).map((t) => [t.participantId, t.attempts]), [[a, 2], [b, 2]].sort());
      // Stats count every row of the store (other cases' too): these three are among them, as running and overdue.
      const stats = await s.tx((t) => t.participantTimerStats(base + 1000));
      const idle = stats.find((x) => x.stage === "IDLE")!;
      assert.ok(idle.pending >= 3 && idle.overdue >= 3, JSON.stringify(stats));
      for (const p of [a, b, later]) await s.tx((t) => t.clearParticipantTimer(p));
    }));

  test(`${name}: lastActivity is the participant's newest MESSAGE or ATTACHMENT after a position`, () =>
    withStore(async (s) => {
      const chat = id("chat");
      const [me, other] = [id("me"), id("other")];
      const at = (ms: number) => new Date(ms).toISOString();
      const item = (from: string, type: Item["body"]["Type"], ms: number, persisted = true, initialContactId = chat): Item => ({
        contactId: initialContactId,
        initialContactId,
        persisted,
        visibility: "ALL",
        body: { Id: id("item"), AbsoluteTime: at(ms), Type: type, ContentType: type === "EVENT" ? "application/vnd.amazonaws.connect.event.typing" : "text/plain", Content: "x", ParticipantId: from },
      });
      const put = (i: Item) => s.tx((t) => t.appendItem(i)).then((r) => r.position!);
      const start = await put(item(me, "EVENT", 1000));
      assert.equal(await s.tx((t) => t.lastActivity(chat, me, start)), undefined, "nothing after the position");
      const m1 = await put(item(me, "MESSAGE", 2000));
      const a1 = await put(item(me, "ATTACHMENT", 3000));
      await put(item(other, "MESSAGE", 4000));
      await put(item(me, "EVENT", 5000, false));
      await put(item(me, "MESSAGE", 6000, true, id("elsewhere")));
      assert.deepEqual(await s.tx((t) => t.lastActivity(chat, me, start)), { position: a1, at: 3000 });
      assert.deepEqual(await s.tx((t) => t.lastActivity(chat, me, m1 - 1)), { position: a1, at: 3000 });
      assert.equal(await s.tx((t) => t.lastActivity(chat, me, a1)), undefined, "only items after the position count");
      assert.equal(await s.tx((t) => t.lastActivity(chat, id("nobody"), 0)), undefined);
    }));
}
