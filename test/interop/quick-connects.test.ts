// Quick connects through @aws-sdk/client-connect and boto3: USER, QUEUE, PHONE_NUMBER and FLOW ones created,
// described, listed (by type, in pages), renamed, re-pointed and deleted; a queue's list associated, paged and
// disassociated; Connect's refusals; a signed-in agent (Agent security profile) reads the transfer list of a queue
// their routing profile serves (not of another queue), and may not create or delete quick connects; PostgreSQL.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  AssociateQueueQuickConnectsCommand, CreateQueueCommand, CreateQuickConnectCommand, DeleteQuickConnectCommand, DescribeQueueCommand, DescribeQuickConnectCommand,
  DisassociateQueueQuickConnectsCommand, ListQueueQuickConnectsCommand, ListQueuesCommand, ListQuickConnectsCommand, UpdateQuickConnectConfigCommand, UpdateQuickConnectNameCommand,
  type ConnectClient, type CreateQuickConnectCommandInput,
} from "@aws-sdk/client-connect";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { awsEnv, INSTANCE, startServer, type Running } from "../support/server.js";
import { createAgent, credentialsOf, signIn } from "../support/sign-in.js";

let srv: Running;
let c: ConnectClient;
before(async () => {
  srv = await startServer();
  c = srv.connect();
});
after(() => srv.stop());

async function failure(p: Promise<unknown>): Promise<[string, number, string]> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata: { httpStatusCode: number } };
    return [err.name, err.$metadata.httpStatusCode, err.message];
  }
  assert.fail("the call succeeded");
}

const create = (Name: string, QuickConnectConfig: CreateQuickConnectCommandInput["QuickConnectConfig"]) => c.send(new CreateQuickConnectCommand({ InstanceId: INSTANCE, Name, QuickConnectConfig }));
const describe = async (id: string) => (await c.send(new DescribeQuickConnectCommand({ InstanceId: INSTANCE, QuickConnectId: id }))).QuickConnect!;
const ofQueue = async (QueueId: string, MaxResults?: number, NextToken?: string) => c.send(new ListQueueQuickConnectsCommand({ InstanceId: INSTANCE, QueueId, MaxResults, NextToken }));

let queueId: string;
let otherQueue: string;
let agentId: string;
const qc: Record<string, string> = {};

test("the SDK creates USER, QUEUE, PHONE_NUMBER and FLOW quick connects and describes them as Connect does", async () => {
  const basic = (await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.find((q) => q.Name === "BasicQueue")!;
  queueId = basic.Id!;
  const hours = (await c.send(new DescribeQueueCommand({ InstanceId: INSTANCE, QueueId: queueId }))).Queue!.HoursOfOperationId!;
  otherQueue = (await c.send(new CreateQueueCommand({ InstanceId: INSTANCE, Name: "Tier two", HoursOfOperationId: hours }))).QueueId!;
  agentId = await createAgent(c, INSTANCE, "quinn", ["Agent"]);
  const u = await create("To Quinn", { QuickConnectType: "USER", UserConfig: { UserId: agentId, ContactFlowId: "agent-transfer" } });
  assert.match(u.QuickConnectARN!, new RegExp(`^arn:aws:connect:us-east-1:\\d{12}:instance/${INSTANCE}/transfer-destination/${u.QuickConnectId}$`));
  qc.user = u.QuickConnectId!;
  qc.queue = (await create("To tier two", { QuickConnectType: "QUEUE", QueueConfig: { QueueId: otherQueue, ContactFlowId: "queue-transfer" } })).QuickConnectId!;
  qc.phone = (await create("Call back", { QuickConnectType: "PHONE_NUMBER", PhoneConfig: { PhoneNumber: "+14155550100" } })).QuickConnectId!;
  qc.flow = (await create("Survey", { QuickConnectType: "FLOW", FlowConfig: { ContactFlowId: "survey-flow" } })).QuickConnectId!;
  const d = await describe(qc.user);
  assert.deepEqual([d.QuickConnectId, d.Name, d.QuickConnectConfig, d.LastModifiedRegion], [qc.user, "To Quinn", { QuickConnectType: "USER", UserConfig: { UserId: agentId, ContactFlowId: "agent-transfer" } }, "us-east-1"]);
  assert.ok(d.LastModifiedTime instanceof Date);
  assert.deepEqual((await describe(qc.phone)).QuickConnectConfig, { QuickConnectType: "PHONE_NUMBER", PhoneConfig: { PhoneNumber: "+14155550100" } });
});

test("Connect's refusals change nothing: a duplicate name, a missing or foreign config, an unknown user or queue, a bad number", async () => {
  assert.deepEqual((await failure(create("To Quinn", { QuickConnectType: "FLOW", FlowConfig: { ContactFlowId: "f" } }))).slice(0, 2), ["DuplicateResourceException", 409]);
  assert.deepEqual((await failure(create("No config", { QuickConnectType: "QUEUE", UserConfig: { UserId: agentId, ContactFlowId: "f" } }))).slice(0, 2), ["InvalidParameterException", 400]);
  assert.deepEqual((await failure(create("Nobody", { QuickConnectType: "USER", UserConfig: { UserId: "no-such-user", ContactFlowId: "f" } }))).slice(0, 2), ["ResourceNotFoundException", 404]);
  assert.deepEqual((await failure(create("Nowhere", { QuickConnectType: "QUEUE", QueueConfig: { QueueId: "no-such-queue", ContactFlowId: "f" } }))).slice(0, 2), ["ResourceNotFoundException", 404]);
  assert.match((await failure(create("Bad number", { QuickConnectType: "PHONE_NUMBER", PhoneConfig: { PhoneNumber: "555-0100" } })))[2], /E\.164/);
  assert.deepEqual((await failure(describe("no-such-quick-connect"))).slice(0, 2), ["ResourceNotFoundException", 404]);
  const all = (await c.send(new ListQuickConnectsCommand({ InstanceId: INSTANCE }))).QuickConnectSummaryList!;
  assert.deepEqual(all.map((x) => x.Name).sort(), ["Call back", "Survey", "To Quinn", "To tier two"]);
});

test("ListQuickConnects in name order, by type, in pages; UpdateQuickConnectName and UpdateQuickConnectConfig", async () => {
  const p1 = await c.send(new ListQuickConnectsCommand({ InstanceId: INSTANCE, MaxResults: 3 }));
  assert.deepEqual(p1.QuickConnectSummaryList!.map((x) => [x.Name, x.QuickConnectType]), [["Call back", "PHONE_NUMBER"], ["Survey", "FLOW"], ["To Quinn", "USER"]]);
  const p2 = await c.send(new ListQuickConnectsCommand({ InstanceId: INSTANCE, MaxResults: 3, NextToken: p1.NextToken }));
  assert.deepEqual([p2.QuickConnectSummaryList!.map((x) => x.Name), p2.NextToken], [["To tier two"], undefined]);
  const agents = await c.send(new ListQuickConnectsCommand({ InstanceId: INSTANCE, QuickConnectTypes: ["USER", "QUEUE"] }));
  assert.deepEqual(agents.QuickConnectSummaryList!.map((x) => x.Id), [qc.user, qc.queue]);

  await c.send(new UpdateQuickConnectNameCommand({ InstanceId: INSTANCE, QuickConnectId: qc.flow, Name: "Exit survey", Description: "after the chat" }));
  assert.deepEqual([(await describe(qc.flow)).Name, (await describe(qc.flow)).Description], ["Exit survey", "after the chat"]);
  assert.deepEqual((await failure(c.send(new UpdateQuickConnectNameCommand({ InstanceId: INSTANCE, QuickConnectId: qc.flow, Name: "To Quinn" })))).slice(0, 2), ["DuplicateResourceException", 409]);
  await c.send(new UpdateQuickConnectConfigCommand({ InstanceId: INSTANCE, QuickConnectId: qc.flow, QuickConnectConfig: { QuickConnectType: "QUEUE", QueueConfig: { QueueId: queueId, ContactFlowId: "queue-transfer" } } }));
  assert.deepEqual((await describe(qc.flow)).QuickConnectConfig, { QuickConnectType: "QUEUE", QueueConfig: { QueueId: queueId, ContactFlowId: "queue-transfer" } });
  assert.deepEqual((await failure(c.send(new UpdateQuickConnectConfigCommand({ InstanceId: INSTANCE, QuickConnectId: qc.flow, QuickConnectConfig: { QuickConnectType: "USER" } })))).slice(0, 2), ["InvalidParameterException", 400]);
  assert.equal((await describe(qc.flow)).QuickConnectConfig!.QuickConnectType, "QUEUE", "the refused update changed nothing");
});

test("a queue's quick connects: associated (each must exist), listed in name order and pages, disassociated; a deleted one drops out", async () => {
  assert.deepEqual((await failure(c.send(new AssociateQueueQuickConnectsCommand({ InstanceId: INSTANCE, QueueId: queueId, QuickConnectIds: [qc.user, "no-such-quick-connect"] })))).slice(0, 2), ["ResourceNotFoundException", 404]);
  assert.deepEqual((await ofQueue(queueId)).QuickConnectSummaryList, [], "the refused association added nothing");
  await c.send(new AssociateQueueQuickConnectsCommand({ InstanceId: INSTANCE, QueueId: queueId, QuickConnectIds: [qc.queue, qc.user, qc.phone] }));
  await c.send(new AssociateQueueQuickConnectsCommand({ InstanceId: INSTANCE, QueueId: queueId, QuickConnectIds: [qc.user] }));
  const first = await ofQueue(queueId, 2);
  assert.deepEqual(first.QuickConnectSummaryList!.map((x) => x.Name), ["Call back", "To Quinn"]);
  assert.ok(first.LastModifiedTime instanceof Date);
  const rest = await ofQueue(queueId, 2, first.NextToken);
  assert.deepEqual([rest.QuickConnectSummaryList!.map((x) => x.Name), rest.NextToken], [["To tier two"], undefined]);
  await c.send(new DisassociateQueueQuickConnectsCommand({ InstanceId: INSTANCE, QueueId: queueId, QuickConnectIds: [qc.phone] }));
  await c.send(new DeleteQuickConnectCommand({ InstanceId: INSTANCE, QuickConnectId: qc.queue }));
  assert.deepEqual((await ofQueue(queueId)).QuickConnectSummaryList!.map((x) => x.Id), [qc.user]);
  assert.deepEqual((await failure(c.send(new DeleteQuickConnectCommand({ InstanceId: INSTANCE, QuickConnectId: qc.queue })))).slice(0, 2), ["ResourceNotFoundException", 404]);
  assert.deepEqual((await failure(ofQueue("no-such-queue"))).slice(0, 2), ["ResourceNotFoundException", 404]);
});

test("a signed-in agent reads the transfer list of a queue, and may not create or delete quick connects", async () => {
  const s = await signIn(srv.url, "quinn", INSTANCE);
  const agent = srv.connect(credentialsOf(s) as never);
  const list = await agent.send(new ListQueueQuickConnectsCommand({ InstanceId: INSTANCE, QueueId: queueId }));
  assert.deepEqual(list.QuickConnectSummaryList!.map((x) => x.Id), [qc.user], "BasicQueue: served by quinn's Basic Routing Profile");
  const foreign = await failure(agent.send(new ListQueueQuickConnectsCommand({ InstanceId: INSTANCE, QueueId: otherQueue })));
  assert.deepEqual(foreign.slice(0, 2), ["AccessDeniedException", 403], "a queue quinn's routing profile does not serve");
  assert.deepEqual((await ofQueue(otherQueue)).QuickConnectSummaryList, [], "access keys read any queue's list");
  assert.equal((await agent.send(new DescribeQuickConnectCommand({ InstanceId: INSTANCE, QuickConnectId: qc.user }))).QuickConnect!.Name, "To Quinn");
  assert.equal((await failure(agent.send(new CreateQuickConnectCommand({ InstanceId: INSTANCE, Name: "Mine", QuickConnectConfig: { QuickConnectType: "FLOW", FlowConfig: { ContactFlowId: "f" } } }))))[0], "AccessDeniedException");
  assert.equal((await failure(agent.send(new DeleteQuickConnectCommand({ InstanceId: INSTANCE, QuickConnectId: qc.user }))))[0], "AccessDeniedException");
  agent.destroy();
});

const BOTO = `
import boto3, json, sys
from botocore.exceptions import ClientError
c = boto3.client("connect", endpoint_url=sys.argv[1], region_name="us-east-1")
I, q, user = sys.argv[2:5]
out = {}
r = c.create_quick_connect(InstanceId=I, Name="Boto agent", QuickConnectConfig={"QuickConnectType": "USER", "UserConfig": {"UserId": user, "ContactFlowId": "agent-transfer"}})
qid = r["QuickConnectId"]
out["arn"] = r["QuickConnectARN"].endswith("/transfer-destination/" + qid)
c.associate_queue_quick_connects(InstanceId=I, QueueId=q, QuickConnectIds=[qid])
out["queue"] = sorted(x["Name"] for p in c.get_paginator("list_queue_quick_connects").paginate(InstanceId=I, QueueId=q, PaginationConfig={"PageSize": 1}) for x in p["QuickConnectSummaryList"])
out["describe"] = c.describe_quick_connect(InstanceId=I, QuickConnectId=qid)["QuickConnect"]["QuickConnectConfig"]
c.update_quick_connect_name(InstanceId=I, QuickConnectId=qid, Name="Boto renamed")
out["all"] = sorted(x["Name"] for p in c.get_paginator("list_quick_connects").paginate(InstanceId=I, QuickConnectTypes=["USER"]) for x in p["QuickConnectSummaryList"])
c.disassociate_queue_quick_connects(InstanceId=I, QueueId=q, QuickConnectIds=[qid])
c.delete_quick_connect(InstanceId=I, QuickConnectId=qid)
try:
    c.describe_quick_connect(InstanceId=I, QuickConnectId=qid)
except ClientError as e:
    out["gone"] = e.response["Error"]["Code"]
print(json.dumps(out))
`;

test("boto3: create, associate, list with botocore's paginators, rename, disassociate, delete", async () => {
  const home = mkdtempSync(join(tmpdir(), "cc-quick-boto-"));
  const r = await promisify(execFile)("python3", ["-c", BOTO, srv.url, INSTANCE, queueId, agentId], { env: awsEnv(home), timeout: 60_000 });
  assert.deepEqual(JSON.parse(r.stdout), {
    arn: true,
    queue: ["Boto agent", "To Quinn"],
    describe: { QuickConnectType: "USER", UserConfig: { UserId: agentId, ContactFlowId: "agent-transfer" } },
    all: ["Boto renamed", "To Quinn"],
    gone: "ResourceNotFoundException",
  });
});

test("postgres: quick connects and a queue's list on the PostgreSQL store", async () => {
  const scratch = await createScratchDatabase();
  after(() => scratch.drop());
  const pg = await startServer({ databaseUrl: await scratch.schema("quick") });
  const p = pg.connect();
  try {
    const q = (await p.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.find((x) => x.Name === "BasicQueue")!.Id!;
    const made = await p.send(new CreateQuickConnectCommand({ InstanceId: INSTANCE, Name: "To basic", QuickConnectConfig: { QuickConnectType: "QUEUE", QueueConfig: { QueueId: q, ContactFlowId: "f" } } }));
    assert.equal((await failure(p.send(new CreateQuickConnectCommand({ InstanceId: INSTANCE, Name: "To basic", QuickConnectConfig: { QuickConnectType: "FLOW", FlowConfig: { ContactFlowId: "f" } } }))))[0], "DuplicateResourceException");
    await p.send(new AssociateQueueQuickConnectsCommand({ InstanceId: INSTANCE, QueueId: q, QuickConnectIds: [made.QuickConnectId!] }));
    assert.deepEqual((await p.send(new ListQueueQuickConnectsCommand({ InstanceId: INSTANCE, QueueId: q }))).QuickConnectSummaryList!.map((x) => [x.Name, x.QuickConnectType]), [["To basic", "QUEUE"]]);
    await p.send(new DeleteQuickConnectCommand({ InstanceId: INSTANCE, QuickConnectId: made.QuickConnectId }));
    assert.deepEqual((await p.send(new ListQuickConnectsCommand({ InstanceId: INSTANCE }))).QuickConnectSummaryList, []);
  } finally {
    p.destroy();
    await pg.stop();
  }
});
