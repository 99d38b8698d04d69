// Agents sign in with username and password (POST /auth/sign-in) and call Connect's API through the real
// @aws-sdk/client-connect with the short-lived credentials they get: what their security profiles allow works,
// anything else, another instance, someone else's user, a tampered or expired token is refused; sign-out, going
// Offline and DeleteUser end the credentials; wrong passwords get one answer and a (username, address) lock.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  CreateQueueCommand, DescribeUserCommand, ListAgentStatusesCommand, ListContactFlowsCommand, ListQueuesCommand, ListUsersCommand, PutUserStatusCommand,
  DeleteUserCommand, SearchContactsCommand, StartChatContactCommand, UpdateUserConfigCommand, type ConnectClient,
} from "@aws-sdk/client-connect";
import { INSTANCE, OTHER_INSTANCE, startServer, type Running } from "../support/server.js";
import { AGENT_PASSWORD, createAgent, credentialsOf, postJson, signIn, type SignedIn } from "../support/sign-in.js";

let srv: Running;
let admin: ConnectClient;
const ids: Record<string, string> = {};
before(async () => {
  srv = await startServer();
  admin = srv.connect();
  ids.alice = await createAgent(admin, INSTANCE, "alice", ["Agent"], { FirstName: "Alice", LastName: "Archer" });
  ids.bob = await createAgent(admin, INSTANCE, "bob", ["Agent"]);
  ids.mona = await createAgent(admin, INSTANCE, "mona", ["CallCenterManager"]);
  ids.root = await createAgent(admin, INSTANCE, "root", ["Admin"]);
  ids.root2 = await createAgent(admin, INSTANCE, "root2", ["Admin"]);
});
after(() => srv.stop());

/** The error a call fails with: [name, HTTP status]. */
async function failure(p: Promise<unknown>): Promise<[string, number, string]> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata: { httpStatusCode: number } };
    return [err.name, err.$metadata.httpStatusCode, err.message];
  }
  assert.fail("the call succeeded");
}
const as = (s: SignedIn) => srv.connect(credentialsOf(s) as never);
const statusId = async (name: string) => (await admin.send(new ListAgentStatusesCommand({ InstanceId: INSTANCE }))).AgentStatusSummaryList!.find((s) => s.Name === name)!.Id!;

test("an agent signs in and gets short-lived credentials for their own user, with their name and routing profile", async () => {
  const before = Date.now();
  const s = await signIn(srv.url, "alice", INSTANCE);
  assert.match(s.Credentials.AccessKeyId, /^ASIA[A-Z2-7]{16}$/);
  assert.ok(s.Credentials.SecretAccessKey.length >= 40 && s.Credentials.SessionToken.length >= 100);
  const ttl = Date.parse(s.Credentials.Expiration) - before;
  assert.ok(ttl > 719 * 60_000 && ttl <= 721 * 60_000, `12 hours by default, got ${ttl} ms`);
  assert.deepEqual([s.User.Id, s.User.Username, s.User.FirstName, s.User.LastName, s.InstanceId], [ids.alice, "alice", "Alice", "Archer", INSTANCE]);
  assert.equal(s.RoutingProfile.Name, "Basic Routing Profile");
  assert.deepEqual(s.SecurityProfiles, ["Agent"]);
  assert.deepEqual([s.Status?.Name, s.Status?.Type], ["Offline", "OFFLINE"], "a new user is Offline");
  assert.equal(s.Permissions.PutUserStatus, "self");
  assert.equal(s.Permissions.CreateQueue, undefined);
  // The instance may be left out when the server has one… this one has two (two accounts): it is required.
  const r = await postJson(srv.url, "/auth/sign-in", { Username: "alice", Password: AGENT_PASSWORD });
  assert.deepEqual([r.status, r.body.message], [400, "InstanceId is required: this server has several instances"]);
  assert.equal(r.headers["cache-control"], "no-store");
  // Nothing secret at rest: neither the secret nor the token is in the database file.
  const db = readFileSync(srv.dbPath).toString("latin1") + readFileSync(`${srv.dbPath}-wal`).toString("latin1");
  assert.ok(db.includes(s.Credentials.AccessKeyId), "the session row is there");
  assert.ok(!db.includes(s.Credentials.SecretAccessKey) && !db.includes(s.Credentials.SessionToken));
});

test("Agent: their own user, status, queues, statuses and contacts; nothing else, nowhere else", async () => {
  const s = await signIn(srv.url, "alice", INSTANCE);
  const c = as(s);
  assert.equal((await c.send(new DescribeUserCommand({ InstanceId: INSTANCE, UserId: ids.alice }))).User!.Username, "alice");
  assert.ok((await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.some((q) => q.Name === "BasicQueue"));
  const available = await statusId("Available");
  await c.send(new PutUserStatusCommand({ InstanceId: INSTANCE, UserId: ids.alice, AgentStatusId: available }));
  await c.send(new SearchContactsCommand({ InstanceId: INSTANCE, TimeRange: { Type: "INITIATION_TIMESTAMP", StartTime: new Date(Date.now() - 86_400_000), EndTime: new Date() } }));

  const denied = async (p: Promise<unknown>, why: RegExp) => {
    const [name, status, message] = await failure(p);
    assert.deepEqual([name, status], ["AccessDeniedException", 403]);
    assert.match(message, why);
  };
  await denied(c.send(new DescribeUserCommand({ InstanceId: INSTANCE, UserId: ids.bob })), /own user only/);
  await denied(c.send(new PutUserStatusCommand({ InstanceId: INSTANCE, UserId: ids.bob, AgentStatusId: available })), /own user only/);
  await denied(c.send(new ListUsersCommand({ InstanceId: INSTANCE })), /connect:ListUsers \(no security profile/);
  await denied(c.send(new CreateQueueCommand({ InstanceId: INSTANCE, Name: "x", HoursOfOperationId: "h" })), /connect:CreateQueue/);
  await denied(c.send(new UpdateUserConfigCommand({ InstanceId: INSTANCE, UserId: ids.alice, AutoAcceptConfigs: [{ Channel: "CHAT", AutoAccept: true }] })), /UpdateUserConfig/);
  await denied(c.send(new ListQueuesCommand({ InstanceId: OTHER_INSTANCE })), /for instance .* only/);
  // Refused before validation: a forbidden call with bad input learns nothing about it.
  await denied(c.send(new CreateQueueCommand({ InstanceId: INSTANCE, Name: "", HoursOfOperationId: "" })), /CreateQueue/);
});

test("CallCenterManager manages users and queues; Admin has everything of its instance; neither reaches another instance", async () => {
  const m = as(await signIn(srv.url, "mona", INSTANCE));
  assert.ok((await m.send(new ListUsersCommand({ InstanceId: INSTANCE }))).UserSummaryList!.some((u) => u.Username === "bob"));
  assert.equal((await m.send(new DescribeUserCommand({ InstanceId: INSTANCE, UserId: ids.bob }))).User!.Username, "bob");
  await m.send(new UpdateUserConfigCommand({ InstanceId: INSTANCE, UserId: ids.bob, AutoAcceptConfigs: [{ Channel: "CHAT", AutoAccept: true }] }));
  assert.equal((await failure(m.send(new ListContactFlowsCommand({ InstanceId: INSTANCE }))))[1], 403);
  const r = as(await signIn(srv.url, "root", INSTANCE));
  await r.send(new ListContactFlowsCommand({ InstanceId: INSTANCE }));
  assert.equal((await failure(r.send(new ListQueuesCommand({ InstanceId: OTHER_INSTANCE }))))[1], 403);
});

test("a ClientToken is the signed-in user's own: the same user replays, another user of the account starts anew", async () => {
  const [one, two] = [as(await signIn(srv.url, "root", INSTANCE)), as(await signIn(srv.url, "root2", INSTANCE))];
  const start = (c: ConnectClient) =>
    c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Web" }, ClientToken: "shared-token-1" }));
  const first = await start(one);
  assert.equal((await start(one)).ContactId, first.ContactId);
  assert.notEqual((await start(two)).ContactId, first.ContactId);
});

test("tampered, missing or borrowed session tokens, wrong secrets and expired sessions are refused", async () => {
  const s = await signIn(srv.url, "bob", INSTANCE);
  const other = await signIn(srv.url, "alice", INSTANCE);
  const call = (creds: object) => srv.connect(creds as never).send(new DescribeUserCommand({ InstanceId: INSTANCE, UserId: ids.bob }));
  const good = credentialsOf(s);
  assert.equal((await call(good)).User!.Username, "bob");
  const t = good.sessionToken;
  const flipped = t.slice(0, 10) + (t[10] === "A" ? "B" : "A") + t.slice(11);
  assert.deepEqual((await failure(call({ ...good, sessionToken: flipped }))).slice(0, 2), ["UnrecognizedClientException", 403]);
  assert.deepEqual((await failure(call({ ...good, sessionToken: undefined }))).slice(0, 2), ["UnrecognizedClientException", 403]);
  assert.deepEqual((await failure(call({ ...good, sessionToken: other.Credentials.SessionToken }))).slice(0, 2), ["UnrecognizedClientException", 403]);
  assert.deepEqual((await failure(call({ ...good, secretAccessKey: `${good.secretAccessKey}x` }))).slice(0, 2), ["InvalidSignatureException", 403]);
  // Past its expiry (12 h by the server's clock) the session is gone.
  srv.clock.advance(12 * 3600_000 + 1000);
  try {
    assert.deepEqual((await failure(call(good))).slice(0, 2), ["UnrecognizedClientException", 403]);
  } finally {
    srv.clock.advance(-(12 * 3600_000 + 1000));
  }
  assert.equal((await call(good)).User!.Username, "bob", "the same credentials, back in their lifetime");
});

test("sign-out, going Offline and DeleteUser end the credentials", async () => {
  const describeSelf = (s: SignedIn) => as(s).send(new DescribeUserCommand({ InstanceId: INSTANCE, UserId: s.User.Id }));
  const refused = async (s: SignedIn) => assert.deepEqual((await failure(describeSelf(s))).slice(0, 2), ["UnrecognizedClientException", 403]);

  const a = await signIn(srv.url, "alice", INSTANCE);
  const a2 = await signIn(srv.url, "alice", INSTANCE);
  await describeSelf(a);
  // Sign-out needs the session's own token; it ends that session only.
  const wrong = await postJson(srv.url, "/auth/sign-out", { AccessKeyId: a.Credentials.AccessKeyId, SessionToken: a2.Credentials.SessionToken });
  assert.equal(wrong.status, 200);
  await describeSelf(a);
  const out = await postJson(srv.url, "/auth/sign-out", { AccessKeyId: a.Credentials.AccessKeyId, SessionToken: a.Credentials.SessionToken });
  assert.deepEqual([out.status, out.body], [200, {}]);
  await refused(a);
  await describeSelf(a2);

  // Offline, set by the agent themself: every session of theirs ends (the call itself still answers).
  const offline = await statusId("Offline");
  await as(a2).send(new PutUserStatusCommand({ InstanceId: INSTANCE, UserId: ids.alice, AgentStatusId: offline }));
  await refused(a2);
  // Another status keeps them signed in.
  const a3 = await signIn(srv.url, "alice", INSTANCE);
  await admin.send(new PutUserStatusCommand({ InstanceId: INSTANCE, UserId: ids.alice, AgentStatusId: await statusId("Available") }));
  await describeSelf(a3);

  const doomed = await createAgent(admin, INSTANCE, "doomed", ["Agent"]);
  const d = await signIn(srv.url, "doomed", INSTANCE);
  await describeSelf(d);
  await admin.send(new DeleteUserCommand({ InstanceId: INSTANCE, UserId: doomed }));
  await refused(d);
  const again = await postJson(srv.url, "/auth/sign-in", { Username: "doomed", Password: AGENT_PASSWORD, InstanceId: INSTANCE });
  assert.equal(again.status, 401);
});

test("a wrong password and an unknown user get the same answer; repeated failures lock that username from that address only", async () => {
  const attempt = (Username: string, Password: string, localAddress = "127.0.0.1") => postJson(srv.url, "/auth/sign-in", { Username, Password, InstanceId: INSTANCE }, { localAddress });
  const wrong = await attempt("bob", "Wr0ngPassword");
  const unknown = await attempt("nobody-at-all", "Wr0ngPassword");
  assert.deepEqual([wrong.status, wrong.headers["x-amzn-errortype"], wrong.body.message], [401, "NotAuthorizedException", "Incorrect username or password."]);
  assert.deepEqual([unknown.status, unknown.headers["x-amzn-errortype"], unknown.body], [wrong.status, wrong.headers["x-amzn-errortype"], wrong.body]);

  for (let i = 0; i < 4; i++) assert.equal((await attempt("bob", `Wr0ngPassword${i}`)).status, 401); // 5 failures in all
  const locked = await attempt("bob", AGENT_PASSWORD);
  assert.deepEqual([locked.status, locked.headers["x-amzn-errortype"]], [429, "TooManyRequestsException"], "locked even with the right password");
  // Unknown usernames lock the same way (no enumeration through the lock either).
  for (let i = 0; i < 4; i++) await attempt("nobody-at-all", "Wr0ngPassword");
  assert.equal((await attempt("nobody-at-all", "Wr0ngPassword")).status, 429);
  // Another address, and another username from this address, are not locked.
  assert.equal((await attempt("bob", AGENT_PASSWORD, "127.0.0.2")).status, 200);
  assert.equal((await attempt("mona", AGENT_PASSWORD)).status, 200);
  // The window passes: the pair may try again.
  srv.clock.advance(15 * 60_000);
  try {
    assert.equal((await attempt("bob", AGENT_PASSWORD)).status, 200);
  } finally {
    srv.clock.advance(-15 * 60_000);
  }
});

test("the endpoint: POST with a JSON object only; bad input is a 400 that changes nothing", async () => {
  const r = await fetch(`${srv.url}/auth/sign-in`);
  assert.equal(r.status, 405);
  assert.equal((await postJson(srv.url, "/auth/sign-in", "{nope")).status, 400);
  assert.equal((await postJson(srv.url, "/auth/sign-in", "[]")).status, 400);
  assert.equal((await postJson(srv.url, "/auth/sign-in", { Username: "bob", Password: AGENT_PASSWORD, InstanceId: INSTANCE }, { contentType: "text/plain" })).status, 415);
  assert.equal((await postJson(srv.url, "/auth/sign-in", { Username: 7, Password: AGENT_PASSWORD, InstanceId: INSTANCE })).status, 400);
  assert.equal((await postJson(srv.url, "/auth/sign-in", { Username: "bob", Password: AGENT_PASSWORD, InstanceId: "no-such-instance" })).status, 404);
  assert.equal((await postJson(srv.url, "/auth/sign-out", {})).status, 400);
});
