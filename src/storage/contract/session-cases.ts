// The storage contract of agents' sign-in sessions: both adapters run these.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Store } from "../../domain/ports.js";
import type { AgentSession } from "../../domain/sessions.js";

type WithStore = (fn: (s: Store) => Promise<void>) => Promise<void>;

let n = 0;
const session = (over: Partial<AgentSession> = {}): AgentSession => ({
  accessKeyId: `ASIATEST${process.pid}${++n}`,
  secretAccessKey: `secret-${n}-${Math.random()}`,
  sessionToken: `token-${n}-${Math.random()}`,
  accountId: "123456789012",
  instanceId: "inst",
  userId: "user-1",
  grants: { DescribeUser: "self", ListQueues: "any" },
  createdAt: 1000,
  expiresAt: 10_000,
  ...over,
});

export function sessionCases(name: string, withStore: WithStore) {
  test(`${name}: a session is read back with its own token only, while live`, () =>
    withStore(async (s) => {
      const a = session();
      await s.tx((t) => t.sessions.insertSession(a));
      assert.deepEqual(await s.session(a.accessKeyId, a.sessionToken, 5000), a);
      assert.equal(await s.session(a.accessKeyId, `${a.sessionToken}x`, 5000), undefined, "another token opens nothing");
      assert.equal(await s.session(a.accessKeyId, a.sessionToken, 10_000), undefined, "expired at expiresAt");
      assert.equal(await s.session("ASIANOSUCHKEY", a.sessionToken, 5000), undefined);
    }));

  test(`${name}: sign-out needs the session's token; a user's sessions end together; expired ones are purged`, () =>
    withStore(async (s) => {
      const [a, b, c] = [session({ userId: "u-a" }), session({ userId: "u-a" }), session({ userId: "u-c", expiresAt: 3000 })];
      await s.tx(async (t) => {
        for (const x of [a, b, c]) await t.sessions.insertSession(x);
      });
      assert.equal(await s.tx((t) => t.sessions.deleteSession(a.accessKeyId, b.sessionToken)), false, "another session's token ends nothing");
      assert.ok(await s.session(a.accessKeyId, a.sessionToken, 2000));
      assert.equal(await s.tx((t) => t.sessions.deleteSession(a.accessKeyId, a.sessionToken)), true);
      assert.equal(await s.session(a.accessKeyId, a.sessionToken, 2000), undefined);
      assert.equal(await s.tx((t) => t.sessions.deleteUserSessions("u-a")), 1);
      assert.equal(await s.session(b.accessKeyId, b.sessionToken, 2000), undefined);
      assert.ok(await s.session(c.accessKeyId, c.sessionToken, 2000), "another user's session stays");
      assert.equal(await s.purgeSessions(2999), 0);
      assert.equal(await s.purgeSessions(3000), 1);
      assert.equal(await s.session(c.accessKeyId, c.sessionToken, 1), undefined);
    }));

  test(`${name}: a revocation rolled back with its transaction leaves the session live`, () =>
    withStore(async (s) => {
      const a = session({ userId: "u-r" });
      await s.tx((t) => t.sessions.insertSession(a));
      await assert.rejects(
        s.tx(async (t) => {
          await t.sessions.deleteUserSessions("u-r");
          throw new Error("abort");
        }),
        /abort/,
      );
      assert.ok(await s.session(a.accessKeyId, a.sessionToken, 2000));
    }));
}
