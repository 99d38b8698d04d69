// Routing configuration through the real @aws-sdk/client-connect: hours, queues, routing profiles, users, agent
// statuses and security profiles created, described, listed, searched and updated; the model's errors for bad input;
// passwords never in an answer nor in plaintext anywhere in the database.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import Database from "../../src/storage/sqlite/driver.js";
import {
  AssociateRoutingProfileQueuesCommand, CreateAgentStatusCommand, CreateHoursOfOperationCommand, CreateQueueCommand, CreateRoutingProfileCommand,
  CreateUserCommand, DeleteUserCommand, DescribeHoursOfOperationCommand, DescribeQueueCommand, DescribeRoutingProfileCommand, DescribeUserCommand,
  ListAgentStatusesCommand, ListQueuesCommand, ListRoutingProfilesCommand, ListSecurityProfilesCommand, ListUsersCommand, PutUserStatusCommand,
  SearchUsersCommand, UpdateQueueMaxContactsCommand, UpdateQueueStatusCommand, UpdateRoutingProfileConcurrencyCommand, UpdateUserConfigCommand,
  UpdateUserRoutingProfileCommand, type ConnectClient,
} from "@aws-sdk/client-connect";
import { ACCOUNT, INSTANCE, OTHER_KEY, startServer, type Running } from "../support/server.js";

let srv: Running;
let c: ConnectClient;
before(async () => {
  srv = await startServer();
  c = srv.connect();
});
after(() => srv.stop());

const ARN = `arn:aws:connect:us-east-1:${ACCOUNT}:instance/${INSTANCE}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PASSWORD = "Str0ngPassw0rd!";

/** The error a call fails with: [name, HTTP status, message]. */
async function failure(p: Promise<unknown>): Promise<[string, number, string]> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata: { httpStatusCode: number } };
    return [err.name, err.$metadata.httpStatusCode, err.message];
  }
  assert.fail("the call succeeded");
}

const securityProfile = async (name: string) =>
  (await c.send(new ListSecurityProfilesCommand({ InstanceId: INSTANCE }))).SecurityProfileSummaryList!.find((p) => p.Name === name)!.Id!;

test("every instance has Connect's built-ins: Basic Hours, BasicQueue, Basic Routing Profile, Available/Offline, four security profiles", async () => {
  const queues = (await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!;
  const basic = queues.find((q) => q.Name === "BasicQueue")!;
  assert.match(basic.Id!, UUID);
  assert.equal(basic.Arn, `${ARN}/queue/${basic.Id}`);
  assert.equal(basic.QueueType, "STANDARD");
  const profiles = (await c.send(new ListRoutingProfilesCommand({ InstanceId: INSTANCE }))).RoutingProfileSummaryList!;
  const bp = profiles.find((p) => p.Name === "Basic Routing Profile")!;
  assert.equal(bp.Arn, `${ARN}/routing-profile/${bp.Id}`);
  const d = (await c.send(new DescribeRoutingProfileCommand({ InstanceId: INSTANCE, RoutingProfileId: bp.Id }))).RoutingProfile!;
  assert.equal(d.IsDefault, true);
  assert.equal(d.DefaultOutboundQueueId, basic.Id);
  assert.deepEqual(d.AssociatedQueueIds, [basic.Id]);
  assert.deepEqual(d.MediaConcurrencies?.find((m) => m.Channel === "CHAT")?.Concurrency, 2);
  const q = (await c.send(new DescribeQueueCommand({ InstanceId: INSTANCE, QueueId: basic.Id }))).Queue!;
  const hours = (await c.send(new DescribeHoursOfOperationCommand({ InstanceId: INSTANCE, HoursOfOperationId: q.HoursOfOperationId }))).HoursOfOperation!;
  assert.equal(hours.Name, "Basic Hours");
  assert.equal(hours.Config!.length, 7);
  const statuses = (await c.send(new ListAgentStatusesCommand({ InstanceId: INSTANCE }))).AgentStatusSummaryList!;
  assert.deepEqual(statuses.filter((s) => s.Type !== "CUSTOM").map((s) => [s.Name, s.Type]), [["Available", "ROUTABLE"], ["Offline", "OFFLINE"]]);
  assert.equal(statuses[0].Arn, `${ARN}/agent-state/${statuses[0].Id}`);
  const sps = (await c.send(new ListSecurityProfilesCommand({ InstanceId: INSTANCE }))).SecurityProfileSummaryList!;
  assert.deepEqual(sps.map((p) => p.Name), ["Admin", "Agent", "CallCenterManager", "QualityAnalyst"]);
  assert.equal(sps[0].Arn, `${ARN}/security-profile/${sps[0].Id}`);
  // Another account's key sees none of it.
  const other = srv.connect(OTHER_KEY);
  assert.equal((await failure(other.send(new ListQueuesCommand({ InstanceId: INSTANCE }))))[0], "ResourceNotFoundException");
});

test("hours, a queue, a CHAT profile and an agent: created, described, listed, updated", async () => {
  const h = await c.send(new CreateHoursOfOperationCommand({
    InstanceId: INSTANCE, Name: "Office", TimeZone: "Europe/Berlin", Description: "weekdays",
    Config: [{ Day: "MONDAY", StartTime: { Hours: 9, Minutes: 0 }, EndTime: { Hours: 17, Minutes: 30 } }],
  }));
  assert.equal(h.HoursOfOperationArn, `${ARN}/operating-hours/${h.HoursOfOperationId}`);
  const hd = (await c.send(new DescribeHoursOfOperationCommand({ InstanceId: INSTANCE, HoursOfOperationId: h.HoursOfOperationId }))).HoursOfOperation!;
  assert.deepEqual([hd.Name, hd.TimeZone, hd.Description, hd.Config], ["Office", "Europe/Berlin", "weekdays", [{ Day: "MONDAY", StartTime: { Hours: 9, Minutes: 0 }, EndTime: { Hours: 17, Minutes: 30 } }]]);

  const q = await c.send(new CreateQueueCommand({ InstanceId: INSTANCE, Name: "Support", HoursOfOperationId: h.HoursOfOperationId, MaxContacts: 20, Tags: { team: "a" } }));
  assert.equal(q.QueueArn, `${ARN}/queue/${q.QueueId}`);
  await c.send(new UpdateQueueStatusCommand({ InstanceId: INSTANCE, QueueId: q.QueueId, Status: "DISABLED" }));
  await c.send(new UpdateQueueMaxContactsCommand({ InstanceId: INSTANCE, QueueId: q.QueueId, MaxContacts: 5 }));
  const qd = (await c.send(new DescribeQueueCommand({ InstanceId: INSTANCE, QueueId: q.QueueId }))).Queue!;
  assert.deepEqual([qd.Name, qd.Status, qd.MaxContacts, qd.HoursOfOperationId, qd.Tags], ["Support", "DISABLED", 5, h.HoursOfOperationId, { team: "a" }]);
  assert.ok(qd.LastModifiedTime instanceof Date);
  await c.send(new UpdateQueueMaxContactsCommand({ InstanceId: INSTANCE, QueueId: q.QueueId }));
  assert.equal((await c.send(new DescribeQueueCommand({ InstanceId: INSTANCE, QueueId: q.QueueId }))).Queue!.MaxContacts, undefined, "no MaxContacts: no limit of its own");

  const basic = (await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.find((x) => x.Name === "BasicQueue")!.Id!;
  const rp = await c.send(new CreateRoutingProfileCommand({
    InstanceId: INSTANCE, Name: "Chat agents", Description: "chat only", DefaultOutboundQueueId: q.QueueId,
    MediaConcurrencies: [{ Channel: "CHAT", Concurrency: 3 }],
    QueueConfigs: [{ QueueReference: { QueueId: q.QueueId, Channel: "CHAT" }, Priority: 1, Delay: 0 }],
  }));
  assert.equal(rp.RoutingProfileArn, `${ARN}/routing-profile/${rp.RoutingProfileId}`);
  await c.send(new AssociateRoutingProfileQueuesCommand({ InstanceId: INSTANCE, RoutingProfileId: rp.RoutingProfileId, QueueConfigs: [{ QueueReference: { QueueId: basic, Channel: "CHAT" }, Priority: 2, Delay: 30 }] }));
  await c.send(new UpdateRoutingProfileConcurrencyCommand({ InstanceId: INSTANCE, RoutingProfileId: rp.RoutingProfileId, MediaConcurrencies: [{ Channel: "CHAT", Concurrency: 4 }] }));

  const agent = await securityProfile("Agent");
  const u = await c.send(new CreateUserCommand({
    InstanceId: INSTANCE, Username: "alice.smith", Password: PASSWORD, RoutingProfileId: rp.RoutingProfileId, SecurityProfileIds: [agent],
    IdentityInfo: { FirstName: "Alice", LastName: "Smith", Email: "alice@example.com" }, PhoneConfig: { PhoneType: "SOFT_PHONE", AutoAccept: true, AfterContactWorkTimeLimit: 10 },
  }));
  assert.equal(u.UserArn, `${ARN}/agent/${u.UserId}`);
  await c.send(new UpdateUserConfigCommand({ InstanceId: INSTANCE, UserId: u.UserId, AutoAcceptConfigs: [{ Channel: "CHAT", AutoAccept: true }], AfterContactWorkConfigs: [{ Channel: "CHAT", AfterContactWorkConfig: { AfterContactWorkTimeLimit: 30 } }] }));
  const ud = (await c.send(new DescribeUserCommand({ InstanceId: INSTANCE, UserId: u.UserId }))).User!;
  assert.deepEqual([ud.Username, ud.RoutingProfileId, ud.SecurityProfileIds, ud.IdentityInfo], ["alice.smith", rp.RoutingProfileId, [agent], { FirstName: "Alice", LastName: "Smith", Email: "alice@example.com" }]);
  assert.deepEqual(ud.PhoneConfig, { PhoneType: "SOFT_PHONE", AutoAccept: true, AfterContactWorkTimeLimit: 10 });
  assert.deepEqual(ud.AutoAcceptConfigs, [{ Channel: "VOICE", AutoAccept: true }, { Channel: "CHAT", AutoAccept: true }]);
  assert.deepEqual(ud.AfterContactWorkConfigs?.find((a) => a.Channel === "CHAT"), { Channel: "CHAT", AfterContactWorkConfig: { AfterContactWorkTimeLimit: 30 } });
  // SearchUsers answers the same limits in milliseconds, as Connect documents.
  const found = (await c.send(new SearchUsersCommand({ InstanceId: INSTANCE, SearchCriteria: { StringCondition: { FieldName: "Username", Value: "alice.smith", ComparisonType: "EXACT" } } }))).Users![0];
  assert.equal(found.PhoneConfig?.AfterContactWorkTimeLimit, 10_000);
  assert.equal(found.AfterContactWorkConfigs?.find((a) => a.Channel === "CHAT")?.AfterContactWorkConfig?.AfterContactWorkTimeLimit, 30_000);

  const rd = (await c.send(new DescribeRoutingProfileCommand({ InstanceId: INSTANCE, RoutingProfileId: rp.RoutingProfileId }))).RoutingProfile!;
  assert.deepEqual(rd.MediaConcurrencies, [{ Channel: "CHAT", Concurrency: 4, CrossChannelBehavior: { BehaviorType: "ROUTE_CURRENT_CHANNEL_ONLY" } }]);
  assert.deepEqual([rd.NumberOfAssociatedQueues, rd.NumberOfAssociatedUsers, new Set(rd.AssociatedQueueIds)], [2, 1, new Set([q.QueueId, basic])]);
  // The matcher's view: the user's CHAT slots follow the profile, status Offline until PutUserStatus.
  const st = await srv.app.store.tx((t) => t.routing.userStatus(u.UserId!));
  assert.deepEqual([st?.chatSlots, st?.statusType, st?.statusName], [4, "OFFLINE", "Offline"]);

  const status = await c.send(new CreateAgentStatusCommand({ InstanceId: INSTANCE, Name: "Lunch", State: "ENABLED", DisplayOrder: 3 }));
  assert.equal(status.AgentStatusARN, `${ARN}/agent-state/${status.AgentStatusId}`);
  const custom = (await c.send(new ListAgentStatusesCommand({ InstanceId: INSTANCE, AgentStatusTypes: ["CUSTOM"] }))).AgentStatusSummaryList!;
  assert.deepEqual(custom.map((s) => [s.Name, s.Type]), [["Lunch", "CUSTOM"]]);
  const available = (await c.send(new ListAgentStatusesCommand({ InstanceId: INSTANCE, AgentStatusTypes: ["ROUTABLE"] }))).AgentStatusSummaryList![0];
  await c.send(new PutUserStatusCommand({ InstanceId: INSTANCE, UserId: u.UserId, AgentStatusId: available.Id }));
  const st2 = await srv.app.store.tx((t) => t.routing.userStatus(u.UserId!));
  assert.deepEqual([st2?.statusType, st2?.statusName, st2?.statusId], ["ROUTABLE", "Available", available.Id]);

  // Moving the user to the basic profile gives it that profile's 2 CHAT slots.
  const bp = (await c.send(new ListRoutingProfilesCommand({ InstanceId: INSTANCE }))).RoutingProfileSummaryList!.find((p) => p.Name === "Basic Routing Profile")!.Id;
  await c.send(new UpdateUserRoutingProfileCommand({ InstanceId: INSTANCE, UserId: u.UserId, RoutingProfileId: bp }));
  assert.equal((await srv.app.store.tx((t) => t.routing.userStatus(u.UserId!)))?.chatSlots, 2);
  assert.equal((await c.send(new DescribeUserCommand({ InstanceId: INSTANCE, UserId: u.UserId }))).User!.RoutingProfileId, bp);
});

test("ListUsers and SearchUsers: name order, keyset pages, string conditions, routing profile filter, total count", async () => {
  const agent = await securityProfile("Agent");
  const rp = (await c.send(new ListRoutingProfilesCommand({ InstanceId: INSTANCE }))).RoutingProfileSummaryList!.find((p) => p.Name === "Basic Routing Profile")!.Id!;
  const other = await c.send(new CreateRoutingProfileCommand({ InstanceId: INSTANCE, Name: "Search profile", Description: "d", DefaultOutboundQueueId: (await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList![0].Id, MediaConcurrencies: [{ Channel: "CHAT", Concurrency: 1 }] }));
  const people = [["s.zoe", "Zoe", "Adams", rp], ["s.bob", "Bob", "Baker", other.RoutingProfileId], ["s.ann", "Ann", "Bakerson", rp], ["s.cid", "Cid", "Cole", other.RoutingProfileId]];
  for (const [Username, FirstName, LastName, RoutingProfileId] of people)
    await c.send(new CreateUserCommand({ InstanceId: INSTANCE, Username, Password: PASSWORD, RoutingProfileId, SecurityProfileIds: [agent], IdentityInfo: { FirstName, LastName }, PhoneConfig: { PhoneType: "SOFT_PHONE" } }));
  const names: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await c.send(new ListUsersCommand({ InstanceId: INSTANCE, MaxResults: 2, NextToken }));
    assert.ok(page.UserSummaryList!.length <= 2);
    names.push(...page.UserSummaryList!.map((u) => u.Username!));
    NextToken = page.NextToken;
  } while (NextToken);
  assert.deepEqual(names.filter((n) => n.startsWith("s.")), ["s.ann", "s.bob", "s.cid", "s.zoe"]);

  const search = async (SearchCriteria: object, MaxResults?: number, token?: string) =>
    c.send(new SearchUsersCommand({ InstanceId: INSTANCE, SearchCriteria, MaxResults, NextToken: token }));
  const baker = await search({ StringCondition: { FieldName: "LastName", Value: "baker", ComparisonType: "STARTS_WITH" } });
  assert.deepEqual(baker.Users!.map((u) => u.Username), ["s.ann", "s.bob"]);
  assert.equal(baker.ApproximateTotalCount, 2);
  assert.deepEqual(baker.Users![1].IdentityInfo, { FirstName: "Bob", LastName: "Baker" });
  assert.equal(baker.Users![1].PhoneConfig?.AfterContactWorkTimeLimit, 0);
  const exact = await search({ StringCondition: { FieldName: "Username", Value: "s.cid", ComparisonType: "EXACT" } });
  assert.deepEqual(exact.Users!.map((u) => [u.Username, u.RoutingProfileId]), [["s.cid", other.RoutingProfileId]]);
  const both = await search({ AndConditions: [{ StringCondition: { FieldName: "RoutingProfileId", Value: other.RoutingProfileId, ComparisonType: "EXACT" } }, { OrConditions: [{ StringCondition: { FieldName: "FirstName", Value: "o", ComparisonType: "CONTAINS" } }, { StringCondition: { FieldName: "FirstName", Value: "Cid", ComparisonType: "EXACT" } }] }] });
  assert.deepEqual(both.Users!.map((u) => u.Username), ["s.bob", "s.cid"]);
  const p1 = await search({ StringCondition: { FieldName: "Username", Value: "s.", ComparisonType: "STARTS_WITH" } }, 3);
  assert.deepEqual([p1.Users!.map((u) => u.Username), p1.ApproximateTotalCount], [["s.ann", "s.bob", "s.cid"], 4]);
  const p2 = await search({ StringCondition: { FieldName: "Username", Value: "s.", ComparisonType: "STARTS_WITH" } }, 3, p1.NextToken);
  assert.deepEqual([p2.Users!.map((u) => u.Username), p2.NextToken], [["s.zoe"], undefined]);
  assert.equal((await failure(search({ StringCondition: { FieldName: "Shoe", Value: "x", ComparisonType: "EXACT" } })))[0], "InvalidParameterException");
  assert.equal((await failure(search({}, 3, p1.NextToken)))[0], "InvalidRequestException", "a token of another search is refused");
});

test("the model's errors for bad input, and nothing changes", async () => {
  const basic = (await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.find((x) => x.Name === "BasicQueue")!.Id!;
  const profiles = () => c.send(new ListRoutingProfilesCommand({ InstanceId: INSTANCE })).then((r) => r.RoutingProfileSummaryList!.length);
  const before = await profiles();
  const base = { InstanceId: INSTANCE, Name: "Bad", Description: "d", DefaultOutboundQueueId: basic };
  const [code, status, message] = await failure(c.send(new CreateRoutingProfileCommand({ ...base, MediaConcurrencies: [{ Channel: "CHAT", Concurrency: 11 }] })));
  assert.deepEqual([code, status], ["InvalidRequestException", 400]);
  assert.match(message, /MediaConcurrencies\[0\]\.Concurrency.*less than or equal to 10/);
  assert.deepEqual((await failure(c.send(new CreateRoutingProfileCommand({ ...base, MediaConcurrencies: [{ Channel: "CHAT", Concurrency: 2 }, { Channel: "CHAT", Concurrency: 3 }] })))).slice(0, 2), ["InvalidParameterException", 400]);
  const unknownQueue = await failure(c.send(new CreateRoutingProfileCommand({ ...base, MediaConcurrencies: [{ Channel: "CHAT", Concurrency: 2 }], QueueConfigs: [{ QueueReference: { QueueId: "11111111-0000-4000-8000-000000000000", Channel: "CHAT" }, Priority: 1, Delay: 0 }] })));
  assert.deepEqual(unknownQueue.slice(0, 2), ["ResourceNotFoundException", 404]);
  assert.match(unknownQueue[2], /11111111-0000-4000-8000-000000000000/);
  assert.equal((await failure(c.send(new CreateRoutingProfileCommand({ ...base, MediaConcurrencies: [{ Channel: "CHAT", Concurrency: 2 }], QueueConfigs: [{ QueueReference: { QueueId: basic, Channel: "CHAT" }, Priority: 100, Delay: 0 }] }))))[0], "InvalidRequestException");
  assert.equal(await profiles(), before, "no profile was created by a refused request");

  assert.deepEqual((await failure(c.send(new CreateQueueCommand({ InstanceId: INSTANCE, Name: "BasicQueue", HoursOfOperationId: (await c.send(new DescribeQueueCommand({ InstanceId: INSTANCE, QueueId: basic }))).Queue!.HoursOfOperationId })))).slice(0, 2), ["DuplicateResourceException", 409]);
  assert.equal((await failure(c.send(new CreateQueueCommand({ InstanceId: INSTANCE, Name: "Q2", HoursOfOperationId: "nope" }))))[0], "ResourceNotFoundException");
  assert.equal((await failure(c.send(new DescribeQueueCommand({ InstanceId: INSTANCE, QueueId: "nope" }))))[0], "ResourceNotFoundException");
  assert.equal((await failure(c.send(new ListQueuesCommand({ InstanceId: "not-an-instance" }))))[0], "ResourceNotFoundException");
  assert.equal((await failure(c.send(new CreateHoursOfOperationCommand({ InstanceId: INSTANCE, Name: "Mars", TimeZone: "Mars/Olympus", Config: [] }))))[0], "InvalidParameterException");

  const rp = (await c.send(new ListRoutingProfilesCommand({ InstanceId: INSTANCE }))).RoutingProfileSummaryList![0].Id!;
  const sp = await securityProfile("Agent");
  const user = { InstanceId: INSTANCE, RoutingProfileId: rp, SecurityProfileIds: [sp], PhoneConfig: { PhoneType: "SOFT_PHONE" as const } };
  await c.send(new CreateUserCommand({ ...user, Username: "dup.user", Password: PASSWORD }));
  assert.deepEqual((await failure(c.send(new CreateUserCommand({ ...user, Username: "dup.user", Password: PASSWORD })))).slice(0, 2), ["DuplicateResourceException", 409]);
  for (const weak of ["short1A", "alllowercase1", "ALLUPPERCASE1", "NoDigitsHere", "Has space 1A", "A1" + "a".repeat(63)]) {
    const [wc, ws, wm] = await failure(c.send(new CreateUserCommand({ ...user, Username: "weak.user", Password: weak })));
    assert.deepEqual([wc, ws], ["InvalidParameterException", 400], weak);
    assert.ok(!wm.includes(weak), "the message never echoes the password");
  }
  assert.equal((await failure(c.send(new CreateUserCommand({ ...user, Username: "nopass.user" }))))[0], "InvalidParameterException");
  assert.equal((await failure(c.send(new CreateUserCommand({ ...user, Username: "bad user", Password: PASSWORD }))))[0], "InvalidParameterException");
  assert.equal((await failure(c.send(new CreateUserCommand({ ...user, Username: "nosp.user", Password: PASSWORD, SecurityProfileIds: ["nope"] }))))[0], "ResourceNotFoundException");
  assert.equal((await failure(c.send(new CreateUserCommand({ ...user, Username: "norp.user", Password: PASSWORD, RoutingProfileId: "nope" }))))[0], "ResourceNotFoundException");
  assert.equal((await c.send(new SearchUsersCommand({ InstanceId: INSTANCE, SearchCriteria: { StringCondition: { FieldName: "Username", Value: "user", ComparisonType: "CONTAINS" } } }))).ApproximateTotalCount, 1, "only dup.user exists");
  assert.equal((await failure(c.send(new PutUserStatusCommand({ InstanceId: INSTANCE, UserId: "nope", AgentStatusId: "nope" }))))[0], "ResourceNotFoundException");
  assert.equal((await failure(c.send(new CreateAgentStatusCommand({ InstanceId: INSTANCE, Name: "Available", State: "ENABLED" }))))[0], "DuplicateResourceException");
});

test("DeleteUser removes the user; a deleted user is ResourceNotFound", async () => {
  const rp = (await c.send(new ListRoutingProfilesCommand({ InstanceId: INSTANCE }))).RoutingProfileSummaryList![0].Id!;
  const u = await c.send(new CreateUserCommand({ InstanceId: INSTANCE, Username: "to.delete", Password: PASSWORD, RoutingProfileId: rp, SecurityProfileIds: [await securityProfile("Admin")] }));
  await c.send(new DeleteUserCommand({ InstanceId: INSTANCE, UserId: u.UserId }));
  assert.equal((await failure(c.send(new DescribeUserCommand({ InstanceId: INSTANCE, UserId: u.UserId }))))[0], "ResourceNotFoundException");
  assert.equal((await failure(c.send(new DeleteUserCommand({ InstanceId: INSTANCE, UserId: u.UserId }))))[0], "ResourceNotFoundException");
  assert.equal(await srv.app.store.tx((t) => t.routing.userStatus(u.UserId!)), undefined);
});

test("a password is in no answer and nowhere in the database in plaintext; the stored hash is scrypt with its own salt", async () => {
  const secret = "Pl4intextNeverStored";
  const rp = (await c.send(new ListRoutingProfilesCommand({ InstanceId: INSTANCE }))).RoutingProfileSummaryList![0].Id!;
  const sp = await securityProfile("Agent");
  const answers: unknown[] = [];
  const a = await c.send(new CreateUserCommand({ InstanceId: INSTANCE, Username: "pw.one", Password: secret, RoutingProfileId: rp, SecurityProfileIds: [sp] }));
  const b = await c.send(new CreateUserCommand({ InstanceId: INSTANCE, Username: "pw.two", Password: secret, RoutingProfileId: rp, SecurityProfileIds: [sp] }));
  answers.push(a, b);
  answers.push(await c.send(new DescribeUserCommand({ InstanceId: INSTANCE, UserId: a.UserId })));
  answers.push(await c.send(new ListUsersCommand({ InstanceId: INSTANCE })));
  answers.push(await c.send(new SearchUsersCommand({ InstanceId: INSTANCE })));
  const text = JSON.stringify(answers);
  assert.ok(!text.includes(secret), "no answer carries the password");
  assert.ok(!/scrypt\$/.test(text), "no answer carries the hash");

  const db = new Database(srv.dbPath, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    assert.ok(tables.includes("users"));
    for (const t of tables) for (const row of db.prepare(`SELECT * FROM "${t}"`).all()) assert.ok(!JSON.stringify(row).includes(secret), `table ${t}`);
    const hashes = (db.prepare("SELECT password_hash AS h, data FROM users WHERE name IN ('pw.one', 'pw.two') ORDER BY name").all() as { h: string; data: string }[]);
    for (const r of hashes) {
      assert.match(r.h, /^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/); // the test config's auth.passwordHashCost: 10
      assert.ok(!r.data.includes("scrypt"), "the hash is not in the record's JSON");
    }
    assert.notEqual(hashes[0].h, hashes[1].h, "a salt per user: one password, two hashes");
  } finally {
    db.close();
  }
});

test("an instance holds at most 50 agent statuses: the 51st is LimitExceededException", async () => {
  const count = async () => (await c.send(new ListAgentStatusesCommand({ InstanceId: INSTANCE, MaxResults: 1000 }))).AgentStatusSummaryList!.length;
  for (let i = await count(); i < 50; i++) await c.send(new CreateAgentStatusCommand({ InstanceId: INSTANCE, Name: `Limit ${i}`, State: "ENABLED" }));
  assert.deepEqual((await failure(c.send(new CreateAgentStatusCommand({ InstanceId: INSTANCE, Name: "One too many", State: "ENABLED" })))).slice(0, 2), ["LimitExceededException", 429]);
  assert.equal(await count(), 50);
});
