// Routing objects from the YAML configuration: seeded at start and upserted by name, so a restart (or two PostgreSQL
// nodes starting at once) ends in the same objects with the same ids; passwords hashed once and re-hashed only when
// they change; configuration mistakes name the key.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "../../src/storage/sqlite/driver.js";
import { DescribeRoutingProfileCommand, DescribeUserCommand, ListQueuesCommand, ListRoutingProfilesCommand, ListUsersCommand, SearchUsersCommand, ListAgentStatusesCommand, DescribeQueueCommand, DescribeHoursOfOperationCommand } from "@aws-sdk/client-connect";
import { createApp } from "../../src/app.js";
import { ConfigError, parseConfig, type Config } from "../../src/config.js";
import { scryptPasswords } from "../../src/passwords.js";
import { silentLogger } from "../../src/ops/logger.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { ACCOUNT, INSTANCE, KEY, REGION, startServer } from "../support/server.js";

const SECRET = "Yaml5ecretPass";

function config(instance: Record<string, unknown>, storage?: string): Config {
  return parseConfig({
    region: REGION,
    ...(storage ? { storage: { url: storage } } : {}),
    accounts: [{ accountId: ACCOUNT, credentials: [{ ...KEY }], instances: [{ instanceId: INSTANCE, ...instance }] }],
  });
}

const routing = async (over: { concurrency?: number; password?: string } = {}) => ({
  destinations: [{ destinationId: "+15550100", queue: "Support" }],
  hoursOfOperation: [{ name: "Office", timeZone: "Europe/Berlin", config: [{ day: "MONDAY", start: "09:00", end: "17:30" }, { day: "SUNDAY", start: "00:00", end: "00:00" }] }],
  queues: [{ name: "Support", hoursOfOperation: "Office", maxContacts: 25 }, { name: "Sales" }],
  routingProfiles: [{ name: "Chat agents", description: "chat", defaultOutboundQueue: "Support", concurrency: { CHAT: over.concurrency ?? 3 }, queues: [{ queue: "Support", priority: 1 }, { queue: "Sales", priority: 2, delay: 30 }] }],
  agentStatuses: [{ name: "Lunch", displayOrder: 3 }],
  users: [
    { username: "alice", password: over.password ?? SECRET, routingProfile: "Chat agents", firstName: "Alice", lastName: "A", autoAccept: { CHAT: true }, afterContactWorkSeconds: { CHAT: 20 } },
    { username: "bob", passwordHash: await scryptPasswords.hash("B0bsPassword"), routingProfile: "Basic Routing Profile", securityProfiles: ["Agent", "CallCenterManager"] },
  ],
});
const base = await routing();

async function snapshot(srv: Awaited<ReturnType<typeof startServer>>) {
  const c = srv.connect();
  const queues = (await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.map((q) => [q.Name, q.Id]);
  const profiles = (await c.send(new ListRoutingProfilesCommand({ InstanceId: INSTANCE }))).RoutingProfileSummaryList!.map((p) => [p.Name, p.Id]);
  const users = (await c.send(new ListUsersCommand({ InstanceId: INSTANCE }))).UserSummaryList!.map((u) => [u.Username, u.Id]);
  const statuses = (await c.send(new ListAgentStatusesCommand({ InstanceId: INSTANCE }))).AgentStatusSummaryList!.map((s) => [s.Name, s.Id, s.Type]);
  return { queues, profiles, users, statuses };
}

const hashes = (dbPath: string) => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return Object.fromEntries((db.prepare("SELECT name, password_hash FROM users").all() as { name: string; password_hash: string }[]).map((r) => [r.name, r.password_hash]));
  } finally {
    db.close();
  }
};

test("the YAML's hours, queues, profile, statuses and users are there after start, as configured", async () => {
  const srv = await startServer({ config: config(base) });
  try {
    const c = srv.connect();
    const s = await snapshot(srv);
    assert.deepEqual(s.queues.map((q) => q[0]), ["BasicQueue", "Sales", "Support"]);
    assert.deepEqual(s.profiles.map((p) => p[0]), ["Basic Routing Profile", "Chat agents"]);
    assert.deepEqual(s.users.map((u) => u[0]), ["alice", "bob"]);
    assert.deepEqual(s.statuses.map((x) => [x[0], x[2]]), [["Available", "ROUTABLE"], ["Lunch", "CUSTOM"], ["Offline", "OFFLINE"]]);
    const support = s.queues.find((q) => q[0] === "Support")![1];
    const q = (await c.send(new DescribeQueueCommand({ InstanceId: INSTANCE, QueueId: support }))).Queue!;
    assert.equal(q.MaxContacts, 25);
    const h = (await c.send(new DescribeHoursOfOperationCommand({ InstanceId: INSTANCE, HoursOfOperationId: q.HoursOfOperationId }))).HoursOfOperation!;
    assert.deepEqual([h.Name, h.TimeZone, h.Config![0]], ["Office", "Europe/Berlin", { Day: "MONDAY", StartTime: { Hours: 9, Minutes: 0 }, EndTime: { Hours: 17, Minutes: 30 } }]);
    const rp = (await c.send(new DescribeRoutingProfileCommand({ InstanceId: INSTANCE, RoutingProfileId: s.profiles.find((p) => p[0] === "Chat agents")![1] }))).RoutingProfile!;
    assert.deepEqual([rp.DefaultOutboundQueueId, rp.MediaConcurrencies![0].Concurrency, rp.NumberOfAssociatedQueues, rp.NumberOfAssociatedUsers], [support, 3, 2, 1]);
    const alice = (await c.send(new DescribeUserCommand({ InstanceId: INSTANCE, UserId: s.users[0][1] }))).User!;
    assert.deepEqual(alice.AutoAcceptConfigs, [{ Channel: "VOICE", AutoAccept: false }, { Channel: "CHAT", AutoAccept: true }]);
    assert.deepEqual(alice.AfterContactWorkConfigs?.find((a) => a.Channel === "CHAT")?.AfterContactWorkConfig, { AfterContactWorkTimeLimit: 20 });
    assert.deepEqual(alice.IdentityInfo, { FirstName: "Alice", LastName: "A" });
    const bob = (await c.send(new SearchUsersCommand({ InstanceId: INSTANCE, SearchCriteria: { StringCondition: { FieldName: "Username", Value: "bob", ComparisonType: "EXACT" } } }))).Users![0];
    assert.equal(bob.SecurityProfileIds!.length, 2);
    assert.equal((await srv.app.store.tx((t) => t.routing.userStatus(alice.Id!)))?.chatSlots, 3);
    const stored = hashes(srv.dbPath);
    assert.equal(await scryptPasswords.verify(SECRET, stored.alice), true);
    assert.equal(await scryptPasswords.verify("B0bsPassword", stored.bob), true, "a configured passwordHash is stored as given");
    assert.equal(srv.app.config.accounts[0].instances[0].destinations[0].queue, "Support");
  } finally {
    await srv.stop();
  }
});

test("restarting with the same YAML changes nothing: same ids, same password hashes; a changed YAML updates in place", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-routing-seed-"));
  const first = await startServer({ config: config(base), dir });
  const before = await snapshot(first);
  const h1 = hashes(first.dbPath);
  await first.stop();
  const second = await startServer({ config: config(base), dir });
  assert.deepEqual(await snapshot(second), before);
  assert.deepEqual(hashes(second.dbPath), h1, "a password that still verifies is not re-hashed");
  await second.stop();
  const changed = await startServer({ config: config(await routing({ concurrency: 5, password: "N3wPassword" })), dir });
  try {
    const after = await snapshot(changed);
    assert.deepEqual(after.users, before.users, "users keep their ids");
    assert.deepEqual(after.profiles, before.profiles);
    const alice = before.users[0][1]!;
    assert.equal((await changed.app.store.tx((t) => t.routing.userStatus(alice)))?.chatSlots, 5, "the profile's new concurrency reaches its users");
    const h3 = hashes(changed.dbPath);
    assert.notEqual(h3.alice, h1.alice);
    assert.equal(await scryptPasswords.verify("N3wPassword", h3.alice), true);
  } finally {
    await changed.stop();
  }
});

test("configuration mistakes fail the start with the key that is wrong", async () => {
  const fails = async (instance: Record<string, unknown>, pattern: RegExp) => {
    const dir = mkdtempSync(join(tmpdir(), "cc-routing-bad-"));
    await assert.rejects(createApp(config(instance), { databaseUrl: `sqlite:${join(dir, "x.db")}`, logger: silentLogger }), (e: Error) => e instanceof ConfigError && pattern.test(e.message));
  };
  await fails({ users: [{ username: "x", password: SECRET, routingProfile: "Nope" }] }, /accounts\[0\]\.instances\[0\]\.users\[0\]\.routingProfile: no routingProfile named 'Nope'/);
  await fails({ users: [{ username: "x", password: "weak", routingProfile: "Basic Routing Profile" }] }, /users\[0\]\.password: password does not meet the requirements/);
  await fails({ users: [{ username: "x", routingProfile: "Basic Routing Profile" }] }, /users\[0\]: needs exactly one of password and passwordHash/);
  await fails({ users: [{ username: "x", passwordHash: "plain", routingProfile: "Basic Routing Profile" }] }, /users\[0\]\.passwordHash: must be a hash/);
  await fails({ queues: [{ name: "Q", hoursOfOperation: "Nope" }] }, /queues\[0\]\.hoursOfOperation: no hours named 'Nope'/);
  await fails({ destinations: [{ destinationId: "+1555", queue: "Missing" }] }, /destinations\[0\]\.queue: no queue named 'Missing'/);
  await fails({ hoursOfOperation: [{ name: "H", timeZone: "Nowhere/Land", config: [{ day: "MONDAY", start: "09:00", end: "10:00" }] }] }, /hoursOfOperation\[0\]: TimeZone 'Nowhere\/Land'/);
  await fails({ agentStatuses: [{ name: "Available" }] }, /agentStatuses\[0\]\.name: 'Available' is a built-in status/);
  assert.throws(() => config({ routingProfiles: [{ name: "P", concurrency: { CHAT: 11 } }] }), /routingProfiles\[0\]\.concurrency\.CHAT/);
});

test("postgres: three nodes starting at once with one YAML make each object once, and no password in plaintext", async () => {
  const db = await createScratchDatabase();
  after(() => db.drop());
  const url = await db.schema("seed");
  const apps = await Promise.all([0, 1, 2].map(() => createApp(config(base, url), { logger: silentLogger })));
  try {
    const schema = new URL(url).searchParams.get("options")!.split("=")[1];
    for (const t of ["queues", "routing_profiles", "users", "agent_statuses", "security_profiles", "hours_of_operation"]) {
      const dup = await db.query(`SELECT name, count(*) AS n FROM ${schema}.${t} GROUP BY name HAVING count(*) > 1`);
      assert.deepEqual(dup.rows, [], t);
    }
    assert.equal(Number((await db.query(`SELECT count(*) AS n FROM ${schema}.user_status`)).rows[0].n), 2);
    const tables = (await db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [schema])).rows.map((r) => r.table_name);
    for (const t of tables) {
      const rows = await db.query(`SELECT * FROM ${schema}."${t}"`);
      assert.ok(!JSON.stringify(rows.rows).includes(SECRET), `table ${t}`);
    }
    const { rows } = await db.query(`SELECT password_hash FROM ${schema}.users WHERE name = 'alice'`);
    assert.equal(await scryptPasswords.verify(SECRET, rows[0].password_hash), true);
  } finally {
    await Promise.all(apps.map((a) => a.close()));
  }
});
