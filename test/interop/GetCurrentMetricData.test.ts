// GetCurrentMetricData through @aws-sdk/client-connect and boto3, on SQLite and on PostgreSQL: queues, routing
// profiles and agents made by the SDK, chats queued by a flow's TransferContactToQueue, one Available agent with
// AutoAccept on a contact, one on a custom (non-productive) status, chats waiting in a queue nobody staffs; the
// counts per QUEUE/CHANNEL and ROUTING_PROFILE, the ungrouped OLDEST_CONTACT_AGE in milliseconds (Connect's quirk),
// pages with NextToken, ACW after the chat ends, and Connect's refusals.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  CreateAgentStatusCommand, CreateContactFlowCommand, CreateQueueCommand, CreateRoutingProfileCommand, CreateUserCommand, DescribeContactCommand, DescribeQueueCommand,
  GetCurrentMetricDataCommand, ListAgentStatusesCommand, ListQueuesCommand, ListSecurityProfilesCommand, PutUserStatusCommand, StartChatContactCommand, StopContactCommand,
  UpdateUserConfigCommand, type ConnectClient, type CurrentMetric, type GetCurrentMetricDataCommandInput,
} from "@aws-sdk/client-connect";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { INSTANCE, awsEnv, startServer, type Running } from "../support/server.js";
import { until } from "../support/routing-http.js";

const ALL = ["AGENTS_ONLINE", "AGENTS_AVAILABLE", "AGENTS_ON_CONTACT", "AGENTS_NON_PRODUCTIVE", "AGENTS_AFTER_CONTACT_WORK", "AGENTS_ERROR", "AGENTS_STAFFED", "CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE", "CONTACTS_SCHEDULED", "SLOTS_ACTIVE", "SLOTS_AVAILABLE"] as const;
const metrics = (...names: (typeof ALL)[number][]): CurrentMetric[] => names.map((Name) => ({ Name, Unit: Name === "OLDEST_CONTACT_AGE" ? "SECONDS" : "COUNT" }));


interface World {
  srv: Running;
  c: ConnectClient;
  q1: string;
  q2: string;
  p1: string;
  p2: string;
  users: Record<string, string>;
  chat: string;
  /** Real time just before q2's first chat: the test clock runs on real time, so ages are bounded from both sides. */
  queuedAt: number;
}

/** q2's oldest age: at least the 42 s the clock was moved, at most that plus the real time since (seconds or ms). */
function assertAge(w: World, value: number | undefined, unitMs: 1000 | 1) {
  const most = (42_000 + Date.now() - w.queuedAt) / unitMs;
  assert.ok(value !== undefined && value >= 42_000 / unitMs && value <= most, `age ${value} in [${42_000 / unitMs}, ${most}]`);
}

/** q1 is served by p1 (ann, bob) and p2 (cy); q2 by p2 only. ann (AutoAccept) takes a chat of q1; two chats wait in q2 for 42 s. */
async function build(srv: Running): Promise<World> {
  const c = srv.connect();
  const basic = (await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.find((q) => q.Name === "BasicQueue")!;
  const hours = (await c.send(new DescribeQueueCommand({ InstanceId: INSTANCE, QueueId: basic.Id }))).Queue!.HoursOfOperationId!;
  const q1 = (await c.send(new CreateQueueCommand({ InstanceId: INSTANCE, Name: "Metrics one", HoursOfOperationId: hours }))).QueueId!;
  const q2 = (await c.send(new CreateQueueCommand({ InstanceId: INSTANCE, Name: "Metrics two", HoursOfOperationId: hours }))).QueueId!;
  const conf = (q: string) => ({ QueueReference: { QueueId: q, Channel: "CHAT" as const }, Priority: 1, Delay: 0 });
  const profile = async (Name: string, qs: string[], Concurrency: number) =>
    (await c.send(new CreateRoutingProfileCommand({ InstanceId: INSTANCE, Name, Description: Name, DefaultOutboundQueueId: qs[0], MediaConcurrencies: [{ Channel: "CHAT", Concurrency }], QueueConfigs: qs.map(conf) }))).RoutingProfileId!;
  const p1 = await profile("Metrics front", [q1], 2);
  const p2 = await profile("Metrics back", [q1, q2], 1);
  const agent = (await c.send(new ListSecurityProfilesCommand({ InstanceId: INSTANCE }))).SecurityProfileSummaryList!.find((p) => p.Name === "Agent")!.Id!;
  const users: Record<string, string> = {};
  for (const [name, rp] of [["ann", p1], ["bob", p1], ["cy", p2]] as const)
    users[name] = (await c.send(new CreateUserCommand({ InstanceId: INSTANCE, Username: `${name}-metrics`, Password: "Str0ngPassw0rd!", RoutingProfileId: rp, SecurityProfileIds: [agent], PhoneConfig: { PhoneType: "SOFT_PHONE" } }))).UserId!;
  await c.send(new UpdateUserConfigCommand({ InstanceId: INSTANCE, UserId: users.ann, AutoAcceptConfigs: [{ Channel: "CHAT", AutoAccept: true }] }));
  const available = (await c.send(new ListAgentStatusesCommand({ InstanceId: INSTANCE }))).AgentStatusSummaryList!.find((s) => s.Name === "Available")!.Id!;
  const lunch = (await c.send(new CreateAgentStatusCommand({ InstanceId: INSTANCE, Name: "Lunch", State: "ENABLED" }))).AgentStatusId!;
  await c.send(new PutUserStatusCommand({ InstanceId: INSTANCE, UserId: users.ann, AgentStatusId: available }));
  await c.send(new PutUserStatusCommand({ InstanceId: INSTANCE, UserId: users.bob, AgentStatusId: lunch }));
  const flowTo = async (q: string) => {
    const next = (NextAction: string) => ({ NextAction, Errors: [{ ErrorType: "NoMatchingError", NextAction: "End" }] });
    const content = {
      Version: "2019-10-30",
      StartAction: "Target",
      Actions: [
        { Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: { QueueId: q }, Transitions: next("Queue") },
        { Identifier: "Queue", Type: "TransferContactToQueue", Parameters: {}, Transitions: { NextAction: "Queued", Errors: [{ ErrorType: "QueueAtCapacity", NextAction: "End" }, { ErrorType: "NoMatchingError", NextAction: "End" }] } },
        { Identifier: "Queued", Type: "EndFlowExecution", Parameters: {}, Transitions: {} },
        { Identifier: "End", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
      ],
    };
    return (await c.send(new CreateContactFlowCommand({ InstanceId: INSTANCE, Name: `To ${q}`, Type: "CONTACT_FLOW", Content: JSON.stringify(content) }))).ContactFlowId!;
  };
  const start = async (flow: string) => (await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: flow, ParticipantDetails: { DisplayName: "Jo" } }))).ContactId!;
  const [f1, f2] = [await flowTo(q1), await flowTo(q2)];
  const chat = await start(f1);
  await until("ann on the chat", async () => ((await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: chat }))).Contact!.AgentInfo?.Id === users.ann ? true : undefined));
  const queuedAt = Date.now();
  await start(f2);
  srv.clock.advance(30_000);
  await start(f2);
  srv.clock.advance(12_000);
  return { srv, c, q1, q2, p1, p2, users, chat, queuedAt };
}

const values = (r: { Collections?: { Metric?: { Name?: string }; Value?: number }[] }) => Object.fromEntries(r.Collections!.map((x) => [x.Metric!.Name!, x.Value]));
const refusal = async (c: ConnectClient, input: Partial<GetCurrentMetricDataCommandInput>) => {
  const e = await c.send(new GetCurrentMetricDataCommand({ InstanceId: INSTANCE, CurrentMetrics: metrics("AGENTS_ONLINE"), ...input } as GetCurrentMetricDataCommandInput)).then(() => undefined, (x: Error & { $metadata: { httpStatusCode: number } }) => x);
  assert.ok(e, `refused: ${JSON.stringify(input)}`);
  return [e.name, e.$metadata.httpStatusCode, e.message] as const;
};

async function checks(w: World) {
  const { c, q1, q2, p1, p2 } = w;
  const byQueue = await c.send(new GetCurrentMetricDataCommand({ InstanceId: INSTANCE, Filters: { Queues: [q2, q1], Channels: ["CHAT"] }, Groupings: ["QUEUE", "CHANNEL"], CurrentMetrics: metrics(...ALL) }));
  assert.equal(byQueue.ApproximateTotalCount, 2);
  assert.ok(byQueue.DataSnapshotTime instanceof Date);
  assert.equal(byQueue.NextToken, undefined);
  // Sorted by AGENTS_ONLINE, DESCENDING (Connect's default): q1 has ann and bob online, q2 only cy (Offline).
  assert.deepEqual(byQueue.MetricResults!.map((r) => [r.Dimensions?.Queue?.Id, r.Dimensions?.Channel]), [[q1, "CHAT"], [q2, "CHAT"]]);
  assert.match(byQueue.MetricResults![0].Dimensions!.Queue!.Arn!, new RegExp(`instance/${INSTANCE}/queue/${q1}$`));
  assert.deepEqual(byQueue.MetricResults![0].Collections![8].Metric, { Name: "OLDEST_CONTACT_AGE", Unit: "SECONDS" });
  assert.deepEqual(values(byQueue.MetricResults![0]), {
    AGENTS_ONLINE: 2, AGENTS_AVAILABLE: 0, AGENTS_ON_CONTACT: 1, AGENTS_NON_PRODUCTIVE: 1, AGENTS_AFTER_CONTACT_WORK: 0, AGENTS_ERROR: 0, AGENTS_STAFFED: 2,
    CONTACTS_IN_QUEUE: 0, OLDEST_CONTACT_AGE: 0, CONTACTS_SCHEDULED: 0, SLOTS_ACTIVE: 1, SLOTS_AVAILABLE: 1,
  });
  const { OLDEST_CONTACT_AGE: age, ...rest } = values(byQueue.MetricResults![1]);
  assertAge(w, age, 1000);
  assert.deepEqual(rest, {
    AGENTS_ONLINE: 0, AGENTS_AVAILABLE: 0, AGENTS_ON_CONTACT: 0, AGENTS_NON_PRODUCTIVE: 0, AGENTS_AFTER_CONTACT_WORK: 0, AGENTS_ERROR: 0, AGENTS_STAFFED: 0,
    CONTACTS_IN_QUEUE: 2, CONTACTS_SCHEDULED: 0, SLOTS_ACTIVE: 0, SLOTS_AVAILABLE: 0,
  });

  // Without groupings: one instance-level row; OLDEST_CONTACT_AGE says SECONDS and is in milliseconds.
  const flat = await c.send(new GetCurrentMetricDataCommand({ InstanceId: INSTANCE, Filters: { Queues: [q1, q2] }, CurrentMetrics: metrics("CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE", "AGENTS_ONLINE") }));
  assert.equal(flat.MetricResults!.length, 1);
  assert.deepEqual(flat.MetricResults![0].Dimensions, {});
  const flatValues = values(flat.MetricResults![0]);
  assertAge(w, flatValues.OLDEST_CONTACT_AGE, 1);
  assert.deepEqual([flatValues.CONTACTS_IN_QUEUE, flatValues.AGENTS_ONLINE], [2, 2]);

  // By routing profile (a RoutingProfiles filter, as the queue metrics require): p2 serves both queues.
  const byProfile = await c.send(new GetCurrentMetricDataCommand({ InstanceId: INSTANCE, Filters: { RoutingProfiles: [p1, p2] }, Groupings: ["ROUTING_PROFILE"], CurrentMetrics: metrics("AGENTS_ONLINE", "CONTACTS_IN_QUEUE"), SortCriteria: [{ SortByMetric: "CONTACTS_IN_QUEUE", SortOrder: "DESCENDING" }] }));
  assert.deepEqual(byProfile.MetricResults!.map((r) => [r.Dimensions?.RoutingProfile?.Id, values(r)]), [[p2, { AGENTS_ONLINE: 0, CONTACTS_IN_QUEUE: 2 }], [p1, { AGENTS_ONLINE: 2, CONTACTS_IN_QUEUE: 0 }]]);

  // Pages: MaxResults 1 gives q1 then q2, the same snapshot time, and a token good only for its own request.
  const ask = { InstanceId: INSTANCE, Filters: { Queues: [q1, q2] }, Groupings: ["QUEUE" as const], CurrentMetrics: metrics("AGENTS_ONLINE"), MaxResults: 1 };
  const one = await c.send(new GetCurrentMetricDataCommand(ask));
  assert.deepEqual([one.MetricResults!.map((r) => r.Dimensions?.Queue?.Id), one.ApproximateTotalCount], [[q1], 2]);
  assert.ok(one.NextToken);
  const two = await c.send(new GetCurrentMetricDataCommand({ ...ask, NextToken: one.NextToken }));
  assert.deepEqual(two.MetricResults!.map((r) => r.Dimensions?.Queue?.Id), [q2]);
  assert.equal(two.NextToken, undefined);
  assert.equal(two.DataSnapshotTime!.getTime(), one.DataSnapshotTime!.getTime());
  assert.equal((await refusal(c, { ...ask, Groupings: ["QUEUE", "CHANNEL"], NextToken: one.NextToken }))[0], "InvalidRequestException");

  // Connect's refusals: AWS-shaped, naming the field.
  assert.deepEqual((await refusal(c, { Filters: { Channels: ["CHAT"] } })).slice(0, 2), ["InvalidParameterException", 400]);
  assert.match((await refusal(c, { Filters: { Queues: [q1], RoutingProfiles: [p1] } }))[2], /both Queues and RoutingProfiles/);
  assert.match((await refusal(c, { Filters: { Queues: [q1] }, CurrentMetrics: [{ Name: "OLDEST_CONTACT_AGE", Unit: "COUNT" }] }))[2], /Unit of OLDEST_CONTACT_AGE is SECONDS/);
  assert.match((await refusal(c, { Filters: { Queues: [q1] }, Groupings: ["ROUTING_PROFILE"], CurrentMetrics: metrics("CONTACTS_IN_QUEUE") }))[2], /requires a RoutingProfiles filter/);
  assert.match((await refusal(c, { Filters: { Queues: [q1] }, SortCriteria: [{ SortByMetric: "SLOTS_ACTIVE", SortOrder: "ASCENDING" }] }))[2], /SLOTS_ACTIVE/);
  assert.match((await refusal(c, { Filters: { Queues: [q1] }, Groupings: ["QUEUE", "QUEUE"] }))[2], /repeat/);
  assert.match((await refusal(c, { Filters: { Queues: [q1] }, Groupings: ["AGENT_STATUS"] }))[2], /AGENT_STATUS is not supported/);
  assert.deepEqual((await refusal(c, { Filters: { Queues: ["no-such-queue"] } })).slice(0, 2), ["ResourceNotFoundException", 404]);
  assert.deepEqual((await refusal(c, { Filters: { Queues: [q1] }, MaxResults: 101 })).slice(0, 2), ["InvalidRequestException", 400]);
  assert.deepEqual((await refusal(c, { Filters: { Queues: [q1] }, CurrentMetrics: [] })).slice(0, 2), ["InvalidParameterException", 400]);

  // The chat ends: ann's slot is in after-contact work (counted as a contact in ACW, and an active slot).
  await c.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: w.chat }));
  const acw = await c.send(new GetCurrentMetricDataCommand({ InstanceId: INSTANCE, Filters: { Queues: [`arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/queue/${q1}`] }, Groupings: ["QUEUE"], CurrentMetrics: metrics("AGENTS_ON_CONTACT", "AGENTS_AFTER_CONTACT_WORK", "SLOTS_ACTIVE", "SLOTS_AVAILABLE") }));
  assert.deepEqual(values(acw.MetricResults![0]), { AGENTS_ON_CONTACT: 0, AGENTS_AFTER_CONTACT_WORK: 1, SLOTS_ACTIVE: 1, SLOTS_AVAILABLE: 1 });
}

const BOTO = `
import boto3, json, sys
from botocore.exceptions import ClientError
c = boto3.client("connect", endpoint_url=sys.argv[1], region_name="us-east-1")
I, q1, q2 = sys.argv[2:5]
m = [{"Name": n, "Unit": "SECONDS" if n == "OLDEST_CONTACT_AGE" else "COUNT"} for n in ["AGENTS_ONLINE", "CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE"]]
r = c.get_current_metric_data(InstanceId=I, Filters={"Queues": [q1, q2], "Channels": ["CHAT"]}, Groupings=["QUEUE"], CurrentMetrics=m)
out = {"rows": [[x["Dimensions"]["Queue"]["Id"], {d["Metric"]["Name"]: d["Value"] for d in x["Collections"]}] for x in r["MetricResults"]],
       "total": r["ApproximateTotalCount"], "snapshot": type(r["DataSnapshotTime"]).__name__}
try:
    c.get_current_metric_data(InstanceId=I, Filters={"Channels": ["CHAT"]}, CurrentMetrics=m)
except ClientError as e:
    out["error"] = [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
print(json.dumps(out))
`;

async function boto(w: World) {
  const home = mkdtempSync(join(tmpdir(), "cc-metrics-boto-"));
  const r = await promisify(execFile)("python3", ["-c", BOTO, w.srv.url, INSTANCE, w.q1, w.q2], { env: awsEnv(home), timeout: 60_000 });
  const out = JSON.parse(r.stdout);
  assertAge(w, out.rows[1][1].OLDEST_CONTACT_AGE, 1000);
  out.rows[1][1].OLDEST_CONTACT_AGE = "checked";
  assert.deepEqual(out, {
    rows: [[w.q1, { AGENTS_ONLINE: 2, CONTACTS_IN_QUEUE: 0, OLDEST_CONTACT_AGE: 0 }], [w.q2, { AGENTS_ONLINE: 0, CONTACTS_IN_QUEUE: 2, OLDEST_CONTACT_AGE: "checked" }]],
    total: 2,
    snapshot: "datetime",
    error: ["InvalidParameterException", 400],
  });
}

test("sqlite: the SDK and boto3 read the queues' and agents' real-time counts, grouped, paged and refused as Connect does", async () => {
  const srv = await startServer();
  try {
    const w = await build(srv);
    await boto(w);
    await checks(w);
  } finally {
    await srv.stop();
  }
});

test("postgres: the same counts from the PostgreSQL store", async () => {
  const scratch = await createScratchDatabase();
  after(() => scratch.drop());
  const srv = await startServer({ databaseUrl: await scratch.schema("metrics") });
  try {
    const w = await build(srv);
    await checks(w);
  } finally {
    await srv.stop();
  }
});
