// The matcher end to end through real clients: @aws-sdk/client-connect creates the queue, profile and agents, an SMS
// (SendChatIntegrationEvent) lands in its destination's default queue, an Available agent with AutoAccept gets it
// (DescribeContact AgentInfo and QueueInfo, SearchContacts AgentIds/QueueIds), manual offers are accepted with the
// AcceptContact extension (signed by hand: no SDK has it) or expire to the next agent, TransferContact re-routes,
// and a flow's TransferContactToQueue takes QueueAtCapacity on a disabled queue.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import Database from "../../src/storage/sqlite/driver.js";
import {
  CreateContactFlowCommand, CreateQueueCommand, DescribeQueueCommand, CreateRoutingProfileCommand, CreateUserCommand, DescribeContactCommand, GetCurrentUserDataCommand, GetContactAttributesCommand,
  ListAgentStatusesCommand, ListQueuesCommand, ListSecurityProfilesCommand, PutUserStatusCommand, SearchContactsCommand, SendChatIntegrationEventCommand,
  StartChatContactCommand, StopContactCommand, TransferContactCommand, UpdateQueueStatusCommand, UpdateUserConfigCommand, type ConnectClient,
} from "@aws-sdk/client-connect";
import { ConnectParticipantClient, CreateParticipantConnectionCommand } from "@aws-sdk/client-connectparticipant";
import { ACCOUNT, INSTANCE, KEY, REGION, startServer, testConfig, type Running } from "../support/server.js";
import { signedPost, until } from "../support/routing-http.js";

const ROUTED = `arn:aws:sms-voice:us-east-1:${ACCOUNT}:phone-number/routed`;
let srv: Running;
let c: ConnectClient;
before(async () => {
  const config = testConfig();
  // The destination's default queue is named in the configuration, so it is seeded there (the rest comes by the SDK).
  const inst = config.accounts[0].instances[0] as unknown as { destinations: unknown[]; queues?: unknown[] };
  inst.destinations.push({ destinationId: ROUTED, queue: "Chat Queue" });
  inst.queues = [...(inst.queues ?? []), { name: "Chat Queue" }];
  srv = await startServer({ config });
  c = srv.connect();
});
after(() => srv.stop());

/** A Connect extension operation, SigV4-signed by hand. */
const ext = (path: string, body: Record<string, unknown>) => signedPost(srv.port, path, body);


/** Who the chat is offered to now, read from the store (no public API shows offers). */
function offeredTo(contactId: string): string | undefined {
  const db = new Database(srv.dbPath, { readonly: true });
  try {
    return (db.prepare("SELECT user_id FROM routing_work WHERE contact_id = ? AND state = 'OFFERED'").get(contactId) as { user_id: string } | undefined)?.user_id;
  } finally {
    db.close();
  }
}

let n = 0;
const sms = (text = "hi") => c.send(new SendChatIntegrationEventCommand({ SourceId: `+1415555${String(++n).padStart(4, "0")}`, DestinationId: ROUTED, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: text } }));
const describe = async (id: string) => (await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: id }))).Contact!;

let queueId: string;
let hoursId: string;
let otherQueueId: string;
const users: Record<string, string> = {};
let available: string;
let offline: string;

test("setup through the SDK: a second queue, routing profiles, agents (the destination's queue is in the configuration)", async () => {
  const basic = (await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.find((q) => q.Name === "BasicQueue")!;
  hoursId = (await c.send(new DescribeQueueCommand({ InstanceId: INSTANCE, QueueId: basic.Id }))).Queue!.HoursOfOperationId!;
  queueId = (await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.find((q) => q.Name === "Chat Queue")!.Id!;
  otherQueueId = (await c.send(new CreateQueueCommand({ InstanceId: INSTANCE, Name: "Escalations", HoursOfOperationId: hoursId }))).QueueId!;
  const profile = async (Name: string, q: string, Concurrency: number) =>
    (await c.send(new CreateRoutingProfileCommand({ InstanceId: INSTANCE, Name, Description: Name, DefaultOutboundQueueId: q, MediaConcurrencies: [{ Channel: "CHAT", Concurrency }], QueueConfigs: [{ QueueReference: { QueueId: q, Channel: "CHAT" }, Priority: 1, Delay: 0 }] }))).RoutingProfileId!;
  const front = await profile("Front desk", queueId, 2);
  const back = await profile("Back office", otherQueueId, 1);
  const agent = (await c.send(new ListSecurityProfilesCommand({ InstanceId: INSTANCE }))).SecurityProfileSummaryList!.find((p) => p.Name === "Agent")!.Id!;
  for (const [name, rp] of [["ann", front], ["bob", front], ["cat", front], ["dan", back]] as const) {
    users[name] = (await c.send(new CreateUserCommand({ InstanceId: INSTANCE, Username: `${name}-routing`, Password: "Str0ngPassw0rd!", RoutingProfileId: rp, SecurityProfileIds: [agent], PhoneConfig: { PhoneType: "SOFT_PHONE" } }))).UserId!;
  }
  for (const name of ["ann", "dan"]) await c.send(new UpdateUserConfigCommand({ InstanceId: INSTANCE, UserId: users[name], AutoAcceptConfigs: [{ Channel: "CHAT", AutoAccept: true }] }));
  const statuses = (await c.send(new ListAgentStatusesCommand({ InstanceId: INSTANCE }))).AgentStatusSummaryList!;
  available = statuses.find((s) => s.Name === "Available")!.Id!;
  offline = statuses.find((s) => s.Name === "Offline")!.Id!;
});

const status = (name: string, AgentStatusId: string) => c.send(new PutUserStatusCommand({ InstanceId: INSTANCE, UserId: users[name], AgentStatusId }));

test("an Available agent with AutoAccept gets the SMS chat: AgentInfo, QueueInfo, SearchContacts AgentIds and QueueIds", async () => {
  await status("ann", available);
  const r = await sms();
  const d = await until("ann connected", async () => ((await describe(r.InitialContactId!)).AgentInfo?.Id ? describe(r.InitialContactId!) : undefined));
  assert.equal(d.AgentInfo!.Id, users.ann);
  assert.ok(d.AgentInfo!.ConnectedToAgentTimestamp instanceof Date);
  assert.equal(d.QueueInfo?.Id, queueId);
  assert.ok(d.QueueInfo!.EnqueueTimestamp! <= d.AgentInfo!.ConnectedToAgentTimestamp!);
  const range = { Type: "INITIATION_TIMESTAMP" as const, StartTime: new Date(Date.now() - 3_600_000), EndTime: new Date(Date.now() + 3_600_000) };
  const byAgent = await c.send(new SearchContactsCommand({ InstanceId: INSTANCE, TimeRange: range, SearchCriteria: { AgentIds: [users.ann] } }));
  assert.deepEqual(byAgent.Contacts!.map((x) => x.Id), [r.InitialContactId]);
  const byQueue = await c.send(new SearchContactsCommand({ InstanceId: INSTANCE, TimeRange: range, SearchCriteria: { QueueIds: [queueId] } }));
  assert.ok(byQueue.Contacts!.some((x) => x.Id === r.InitialContactId));
  // GetCurrentUserData: ann's status, her CHAT slots and the chat, CONNECTED.
  const ud = (await c.send(new GetCurrentUserDataCommand({ InstanceId: INSTANCE, Filters: { Agents: [users.ann] } }))).UserDataList!;
  assert.equal(ud.length, 1);
  assert.deepEqual([ud[0].User?.Id, ud[0].Status?.StatusName, ud[0].MaxSlotsByChannel, ud[0].ActiveSlotsByChannel, ud[0].AvailableSlotsByChannel], [users.ann, "Available", { CHAT: 2 }, { CHAT: 1 }, { CHAT: 1 }]);
  assert.deepEqual(ud[0].Contacts!.map((x) => [x.ContactId, x.AgentContactState, x.Queue?.Id]), [[r.InitialContactId, "CONNECTED", queueId]]);
  const byQueueUsers = (await c.send(new GetCurrentUserDataCommand({ InstanceId: INSTANCE, Filters: { Queues: [otherQueueId] } }))).UserDataList!;
  assert.deepEqual(byQueueUsers.map((u) => u.User?.Id), [users.dan], "the Queues filter: agents whose profile serves the queue");
  // The agent's workspace gets a participant token for the chat it was joined to, and connects with it.
  const a = await ext("/contact/accept", { InstanceId: INSTANCE, ContactId: r.InitialContactId, UserId: users.ann });
  assert.equal(a.status, 200, JSON.stringify(a.json));
  const p = new ConnectParticipantClient({ endpoint: srv.url, region: REGION, credentials: KEY, maxAttempts: 1 });
  const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: a.json.ParticipantCredentials.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  assert.ok(conn.ConnectionCredentials?.ConnectionToken);
  p.destroy();
  await status("ann", offline);
});

test("manual accept: the offer goes to the longest-idle agent; not accepted in time, it moves to the next agent", async () => {
  await status("bob", available);
  await status("cat", available);
  const r = await sms();
  const id = r.InitialContactId!;
  // bob became Available first: the offer is his (as the store shows it); cat cannot take it.
  await until("bob's offer", async () => (offeredTo(id) === users.bob ? true : undefined));
  const refused = await ext("/contact/accept", { InstanceId: INSTANCE, ContactId: id, UserId: users.cat });
  assert.equal(refused.status, 400);
  assert.match(refused.json.message, /not offered to user/);
  srv.clock.advance(31_000); // the offer expires (30 s by default): bob is Missed, cat is offered the chat
  const accepted = await until("cat's offer", async () => {
    const x = await ext("/contact/accept", { InstanceId: INSTANCE, ContactId: id, UserId: users.cat });
    return x.status === 200 ? x : undefined;
  });
  assert.ok(accepted.json.ParticipantCredentials.ParticipantToken);
  assert.equal((await describe(id)).AgentInfo?.Id, users.cat);
  const late = await ext("/contact/accept", { InstanceId: INSTANCE, ContactId: id, UserId: users.bob });
  assert.equal(late.status, 400);
  await status("bob", offline);
  await status("cat", offline);
});

test("TransferContact to another queue re-routes the chat to that queue's agent as a new contact", async () => {
  await status("ann", available);
  await status("dan", available);
  const r = await sms();
  const id = r.InitialContactId!;
  await until("ann connected", async () => ((await describe(id)).AgentInfo?.Id === users.ann ? true : undefined));
  const t = await c.send(new TransferContactCommand({ InstanceId: INSTANCE, ContactId: id, QueueId: otherQueueId, ContactFlowId: "transfer-flow" }));
  assert.notEqual(t.ContactId, id);
  assert.equal(t.ContactArn, `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/contact/${t.ContactId}`);
  const next = t.ContactId!;
  const d = await until("dan connected", async () => {
    const x = await describe(next);
    return x.AgentInfo?.Id === users.dan ? x : undefined;
  });
  assert.equal(d.QueueInfo?.Id, otherQueueId);
  assert.equal(d.PreviousContactId, id);
  assert.equal(d.InitialContactId, id);
  assert.equal(d.InitiationMethod, "TRANSFER");
  // The first contact ended at the transfer with ann and its first queue.
  const old = await describe(id);
  assert.ok(old.DisconnectTimestamp);
  assert.equal(old.AgentInfo?.Id, users.ann);
  assert.notEqual(old.QueueInfo?.Id, otherQueueId);
  // ann's slot is in after-contact work on the first contact until she ends it.
  const done = await ext("/contact/complete-work", { InstanceId: INSTANCE, ContactId: id, UserId: users.ann });
  assert.equal(done.status, 200, JSON.stringify(done.json));
  const again = await ext("/contact/complete-work", { InstanceId: INSTANCE, ContactId: id, UserId: users.ann });
  assert.equal(again.status, 400);
  // The chat ends (on its new contact): dan's slot is held by his ACW until he ends it too.
  await c.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: next }));
  assert.equal((await ext("/contact/complete-work", { InstanceId: INSTANCE, ContactId: next, UserId: users.dan })).status, 200);
  await status("ann", offline);
  await status("dan", offline);
});

test("a flow's TransferContactToQueue on a disabled queue takes the QueueAtCapacity branch", async () => {
  const closed = (await c.send(new CreateQueueCommand({ InstanceId: INSTANCE, Name: "Closed", HoursOfOperationId: hoursId }))).QueueId!;
  await c.send(new UpdateQueueStatusCommand({ InstanceId: INSTANCE, QueueId: closed, Status: "DISABLED" }));
  const next = (NextAction: string, errors: Record<string, string> = {}) => ({ NextAction, Errors: Object.entries(errors).map(([ErrorType, to]) => ({ ErrorType, NextAction: to })) });
  const flow = {
    Version: "2019-10-30",
    StartAction: "Target",
    Actions: [
      { Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: { QueueId: closed }, Transitions: next("Queue", { NoMatchingError: "End" }) },
      { Identifier: "Queue", Type: "TransferContactToQueue", Parameters: {}, Transitions: next("End", { QueueAtCapacity: "Full", NoMatchingError: "End" }) },
      { Identifier: "Full", Type: "UpdateContactAttributes", Parameters: { Attributes: { branch: "QueueAtCapacity" } }, Transitions: next("Bye", { NoMatchingError: "Bye" }) },
      { Identifier: "Bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
      { Identifier: "End", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
    ],
  };
  const f = await c.send(new CreateContactFlowCommand({ InstanceId: INSTANCE, Name: "Capacity", Type: "CONTACT_FLOW", Content: JSON.stringify(flow) }));
  const chat = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: f.ContactFlowId, ParticipantDetails: { DisplayName: "Jo" } }));
  const attrs = await c.send(new GetContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId: chat.ContactId }));
  assert.deepEqual(attrs.Attributes, { branch: "QueueAtCapacity" });
  const d = await describe(chat.ContactId!);
  assert.equal(d.QueueInfo, undefined);
  assert.ok(d.DisconnectTimestamp);
});

const BOTO = `
import boto3, json, sys, time
c = boto3.client("connect", endpoint_url=sys.argv[1], region_name="us-east-1")
I, dest, ann, dan, available, other = sys.argv[2:8]
c.put_user_status(InstanceId=I, UserId=ann, AgentStatusId=available)
c.put_user_status(InstanceId=I, UserId=dan, AgentStatusId=available)
cid = c.send_chat_integration_event(SourceId="+14155559999", DestinationId=dest, Subtype="connect:sms", Event={"Type": "MESSAGE", "ContentType": "text/plain", "Content": "from boto3"})["InitialContactId"]
def agent_of(cid):
    for _ in range(200):
        a = c.describe_contact(InstanceId=I, ContactId=cid)["Contact"].get("AgentInfo", {})
        if a.get("Id"): return a
        time.sleep(0.05)
first = agent_of(cid)
t = c.transfer_contact(InstanceId=I, ContactId=cid, QueueId=other, ContactFlowId="transfer-flow")
for _ in range(200):
    d = c.describe_contact(InstanceId=I, ContactId=t["ContactId"])["Contact"]
    if d.get("AgentInfo", {}).get("Id") == dan: break
    time.sleep(0.05)
old = c.describe_contact(InstanceId=I, ContactId=cid)["Contact"]
print(json.dumps({"first": first["Id"], "connected": str(first.get("ConnectedToAgentTimestamp")), "cid": cid, "transfer": t["ContactId"], "then": d["AgentInfo"]["Id"], "queue": d["QueueInfo"]["Id"],
  "previous": d.get("PreviousContactId"), "method": d["InitiationMethod"], "oldAgent": old["AgentInfo"]["Id"], "oldEnded": "DisconnectTimestamp" in old}))
`;

test("boto3: an agent made Available gets the SMS chat; transfer_contact moves it to the other queue's agent", async () => {
  const { execFile } = await import("node:child_process");
  const { promisify } = await import("node:util");
  const { awsEnv } = await import("../support/server.js");
  const home = (await import("node:fs")).mkdtempSync(join((await import("node:os")).tmpdir(), "cc-routing-boto-"));
  const r = await promisify(execFile)("python3", ["-c", BOTO, srv.url, INSTANCE, ROUTED, users.ann, users.dan, available, otherQueueId], { env: awsEnv(home), timeout: 60_000 });
  const o = JSON.parse(r.stdout);
  assert.equal(o.first, users.ann);
  assert.notEqual(o.connected, "None");
  assert.equal(o.then, users.dan);
  assert.equal(o.queue, otherQueueId);
  assert.notEqual(o.transfer, o.cid);
  assert.equal(o.previous, o.cid);
  assert.equal(o.method, "TRANSFER");
  assert.equal(o.oldAgent, users.ann);
  assert.equal(o.oldEnded, true);
  await status("ann", offline);
  await status("dan", offline);
});
