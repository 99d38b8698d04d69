// The sign-in service on a real store and the real scrypt hasher (counted, not replaced): an unknown user costs the
// same slow hash as a known one (a decoy hash, made once, same parameters), and the failure is the same error.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { SqliteStore } from "../../src/storage/sqlite/SqliteStore.js";
import { scryptPasswords } from "../../src/passwords.js";
import { SignIn } from "../../src/auth/sign-in.js";
import { FailureLimiter, LIMITER_DEFAULTS } from "../../src/auth/limiter.js";
import type { PasswordHasher } from "../../src/routing/ports.js";

const store = new SqliteStore(":memory:");
after(() => store.close());
const verified: string[] = [];
const counted: PasswordHasher = {
  hash: (p) => scryptPasswords.hash(p),
  verify: (p, stored) => {
    verified.push(stored);
    return scryptPasswords.verify(p, stored);
  },
};
const signIn = new SignIn({
  store, passwords: counted, clock: { now: () => 1_000_000 }, region: "us-east-1", accountOf: (i) => (i === "inst" ? "123456789012" : undefined),
  instances: ["inst"], operations: ["DescribeUser"], sessionMs: 60_000, limiter: new FailureLimiter(LIMITER_DEFAULTS, () => 0),
});

test("an unknown username runs the same scrypt check as a wrong password, and fails with the same error", async () => {
  const hash = await scryptPasswords.hash("Right0ne");
  await store.tx(async (t) => {
    await t.routing.insert("routingProfile", {
      id: "rp", accountId: "123456789012", instanceId: "inst", name: "Basic", updatedAt: 1, description: "d", defaultOutboundQueueId: "q", mediaConcurrencies: [{ channel: "CHAT", concurrency: 1 }],
    });
    await t.routing.insert("user", {
      id: "u1", accountId: "123456789012", instanceId: "inst", name: "known", updatedAt: 1, passwordHash: hash, routingProfileId: "rp", securityProfileIds: [],
      phoneConfig: { phoneType: "SOFT_PHONE" }, autoAccept: [], afterContactWork: [], persistentConnection: [],
    });
  });
  const fail = async (username: string) => {
    try {
      await signIn.signIn({ Username: username, Password: "Wr0ngOne" }, "a");
    } catch (e) {
      return [(e as Error).name, (e as Error).message];
    }
    assert.fail("signed in");
  };
  const wrong = await fail("known");
  const unknown = await fail("unknown");
  assert.deepEqual(await fail("unknown-too"), wrong);
  assert.deepEqual(unknown, wrong);
  assert.equal(verified.length, 3, "one scrypt check per attempt, whether or not the user exists");
  assert.equal(verified[0], hash);
  assert.notEqual(verified[1], hash);
  assert.equal(verified[2], verified[1], "the decoy is made once");
  const [, N, r, p] = verified[1].split("$");
  const [, N0, r0, p0] = hash.split("$");
  assert.deepEqual([N, r, p], [N0, r0, p0], "the decoy costs what a real hash costs");
  const ok = await signIn.signIn({ Username: "known", Password: "Right0ne" }, "a");
  assert.equal(ok.Credentials.Expiration, new Date(1_060_000).toISOString());
  assert.deepEqual(ok.SecurityProfiles, []);
  assert.equal(ok.RoutingProfile.Name, "Basic");
  assert.deepEqual(ok.Permissions, {});
});
