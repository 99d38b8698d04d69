// The storage contract of the flow engine: runs stored whole and replaced, timers leased once (two claims never take
// the same row; a lease that runs out gives it back), flow versions by checksum, and flow logs bounded per contact.
// Run by storeContract on SQLite and PostgreSQL.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Store } from "../../domain/ports.js";
import type { FlowRun, FlowTimer } from "../../flows/run.js";

export function flowRunCases(name: string, withStore: (fn: (s: Store) => Promise<void>) => Promise<void>) {
  const id = () => `run-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const run = (contactId: string, over: Partial<FlowRun> = {}): FlowRun => ({
    contactId,
    accountId: "123456789012",
    instanceId: "inst",
    flowId: "f",
    sha: "ab",
    action: "Ask",
    step: 2,
    state: "waiting",
    wait: { kind: "input", dueAt: 5000 },
    external: { code: "1" },
    loops: {},
    logging: false,
    attributeWrites: { a: "1" },
    systemParticipantId: "sys",
    startedAt: 1,
    updatedAt: 2,
    ...over,
  });
  const timer = (contactId: string, dueAt: number, over: Partial<FlowTimer> = {}): FlowTimer => ({ contactId, kind: "wait", step: 1, dueAt, attempts: 0, ...over });
  // Timers are global: each case reads only its own contacts' rows (the stores are shared by the cases of a file).
  const mine = (ids: string[], ts: FlowTimer[]) => ts.filter((t) => ids.includes(t.contactId)).sort((a, b) => a.contactId.localeCompare(b.contactId));

  test(`${name}: a flow run is stored whole, replaced whole, and absent for other contacts`, () =>
    withStore(async (s) => {
      const c = id();
      await s.tx((t) => t.saveRun(run(c)));
      assert.deepEqual(await s.tx((t) => t.run(c)), run(c));
      await s.tx((t) => t.saveRun(run(c, { step: 3, state: "ended", wait: undefined, endedBy: "EndFlowExecution 'End'" })));
      assert.deepEqual(await s.tx((t) => t.run(c)), JSON.parse(JSON.stringify(run(c, { step: 3, state: "ended", wait: undefined, endedBy: "EndFlowExecution 'End'" }))));
      assert.equal(await s.tx((t) => t.run(id())), undefined);
    }));

  test(`${name}: due timers are claimed once and leased; a lease that ran out gives them back; set replaces, clear removes`, () =>
    withStore(async (s) => {
      const [a, b, later] = [id(), id(), id()].sort();
      await s.tx(async (t) => {
        await t.setTimer(timer(a, 100));
        await t.setTimer(timer(b, 200, { kind: "input", step: 4 }));
        await t.setTimer(timer(later, 1e12));
      });
      const first = mine([a, b, later], await s.tx((t) => t.claimTimers(150, 5000, 1000)));
      assert.deepEqual(first, [{ ...timer(a, 5000), attempts: 1 }], "only what is due, with its lease");
      assert.deepEqual(mine([a, b, later], await s.tx((t) => t.claimTimers(150, 5000, 1000))), [], "a leased timer is not claimed again");
      const second = mine([a, b, later], await s.tx((t) => t.claimTimers(5000, 9000, 1000)));
      assert.deepEqual(second, [{ ...timer(a, 9000), attempts: 2 }, { ...timer(b, 9000, { kind: "input", step: 4 }), attempts: 1 }]);
      await s.tx((t) => t.setTimer(timer(a, 1e12, { step: 7 })));
      await s.tx((t) => t.clearTimer(b));
      assert.deepEqual(mine([a, b, later], await s.tx((t) => t.claimTimers(1e12, 1e12 + 1, 1000))), [
        { ...timer(a, 1e12 + 1, { step: 7 }), attempts: 1 },
        { ...timer(later, 1e12 + 1), attempts: 1 },
      ].sort((x, y) => x.contactId.localeCompare(y.contactId)));
      await s.tx(async (t) => {
        await t.clearTimer(a);
        await t.clearTimer(later);
      });
    }));

  test(`${name}: concurrent claims never hand out the same timer`, () =>
    withStore(async (s) => {
      const ids = Array.from({ length: 20 }, id);
      await s.tx(async (t) => {
        for (const c of ids) await t.setTimer(timer(c, 300));
      });
      const claims = await Promise.all(Array.from({ length: 4 }, () => s.tx((t) => t.claimTimers(400, 1e13, 5))));
      const got = claims.flat().filter((t) => ids.includes(t.contactId)).map((t) => t.contactId);
      assert.equal(new Set(got).size, got.length, "no timer twice");
      await s.tx(async (t) => {
        for (const c of ids) await t.clearTimer(c);
      });
    }));

  test(`${name}: flow versions are kept by checksum; flow logs keep the newest lines per contact, in order`, () =>
    withStore(async (s) => {
      const sha = id();
      await s.tx((t) => t.putFlowVersion(sha, '{"v":1}'));
      await s.tx((t) => t.putFlowVersion(sha, '{"v":1}'));
      assert.equal(await s.tx((t) => t.flowVersion(sha)), '{"v":1}');
      assert.equal(await s.tx((t) => t.flowVersion(id())), undefined);
      const c = id();
      await s.tx((t) => t.appendFlowLog(c, ["1", "2", "3"], 2));
      assert.deepEqual(await s.tx((t) => t.flowLog(c)), ["2", "3"]);
      await s.tx((t) => t.appendFlowLog(c, ["4"], 2));
      assert.deepEqual(await s.tx((t) => t.flowLog(c)), ["3", "4"]);
      assert.deepEqual(await s.tx((t) => t.flowLog(id())), []);
    }));

  test(`${name}: waiting flows are counted by timer kind, those due apart`, () =>
    withStore(async (s) => {
      // Timers are global: kinds of this case's own (the engine's are input, wait and lambda).
      const [a, b] = [`k-${id()}`, `k-${id()}`] as unknown as FlowTimer["kind"][];
      await s.tx(async (t) => {
        await t.setTimer(timer(id(), 1000, { kind: a }));
        await t.setTimer(timer(id(), 9000, { kind: a }));
        await t.setTimer(timer(id(), 2000, { kind: b }));
      });
      const stats = (await s.tx((t) => t.flowTimerStats(5000))).filter((x) => x.kind === a || x.kind === b);
      assert.deepEqual(stats, [
        { kind: a, pending: 2, overdue: 1 },
        { kind: b, pending: 1, overdue: 1 },
      ].sort((x, y) => x.kind.localeCompare(y.kind)));
    }));
}
