// A flow's DequeueContactAndTransferToQueue moves the chat's routing row, not only its QueueInfo: the chat queued in a
// queue nobody staffs is offered to the agent of the target queue, and the first queue no longer counts it
// (GetCurrentMetricData); a disabled target takes the QueueAtCapacity branch and leaves the chat waiting where it was.
// On SQLite and on PostgreSQL, through @aws-sdk/client-connect.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import {
  CreateContactFlowCommand, CreateQueueCommand, CreateRoutingProfileCommand, CreateUserCommand, DescribeContactCommand, DescribeQueueCommand, GetContactAttributesCommand,
  GetCurrentMetricDataCommand, ListAgentStatusesCommand, ListQueuesCommand, ListSecurityProfilesCommand, PutUserStatusCommand, StartChatContactCommand, UpdateQueueStatusCommand,
  UpdateUserConfigCommand, type ConnectClient,
} from "@aws-sdk/client-connect";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { INSTANCE, startServer, type Running } from "../support/server.js";
import { until } from "../support/routing-http.js";


const inQueue = async (c: ConnectClient, q: string) =>
  (await c.send(new GetCurrentMetricDataCommand({ InstanceId: INSTANCE, Filters: { Queues: [q] }, CurrentMetrics: [{ Name: "CONTACTS_IN_QUEUE", Unit: "COUNT" }] }))).MetricResults![0].Collections![0].Value;

async function scenario(srv: Running) {
  const c = srv.connect();
  const basic = (await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.find((q) => q.Name === "BasicQueue")!;
  const hours = (await c.send(new DescribeQueueCommand({ InstanceId: INSTANCE, QueueId: basic.Id }))).Queue!.HoursOfOperationId!;
  const queue = async (Name: string) => (await c.send(new CreateQueueCommand({ InstanceId: INSTANCE, Name, HoursOfOperationId: hours }))).QueueId!;
  const [from, to, closed] = [await queue("Dequeue from"), await queue("Dequeue to"), await queue("Dequeue closed")];
  await c.send(new UpdateQueueStatusCommand({ InstanceId: INSTANCE, QueueId: closed, Status: "DISABLED" }));
  const rp = (await c.send(new CreateRoutingProfileCommand({ InstanceId: INSTANCE, Name: "Dequeue", Description: "d", DefaultOutboundQueueId: to, MediaConcurrencies: [{ Channel: "CHAT", Concurrency: 2 }], QueueConfigs: [{ QueueReference: { QueueId: to, Channel: "CHAT" }, Priority: 1, Delay: 0 }] }))).RoutingProfileId!;
  const sp = (await c.send(new ListSecurityProfilesCommand({ InstanceId: INSTANCE }))).SecurityProfileSummaryList!.find((p) => p.Name === "Agent")!.Id!;
  const eve = (await c.send(new CreateUserCommand({ InstanceId: INSTANCE, Username: "eve-dequeue", Password: "Str0ngPassw0rd!", RoutingProfileId: rp, SecurityProfileIds: [sp], PhoneConfig: { PhoneType: "SOFT_PHONE" } }))).UserId!;
  await c.send(new UpdateUserConfigCommand({ InstanceId: INSTANCE, UserId: eve, AutoAcceptConfigs: [{ Channel: "CHAT", AutoAccept: true }] }));
  const available = (await c.send(new ListAgentStatusesCommand({ InstanceId: INSTANCE }))).AgentStatusSummaryList!.find((s) => s.Name === "Available")!.Id!;
  await c.send(new PutUserStatusCommand({ InstanceId: INSTANCE, UserId: eve, AgentStatusId: available }));

  const flow = async (name: string, target: string) => {
    const err = (to: string) => [{ ErrorType: "NoMatchingError", NextAction: to }];
    const content = {
      Version: "2019-10-30",
      StartAction: "Target",
      Actions: [
        { Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: { QueueId: from }, Transitions: { NextAction: "Queue", Errors: err("Bye") } },
        { Identifier: "Queue", Type: "TransferContactToQueue", Parameters: {}, Transitions: { NextAction: "Move", Errors: [...err("Bye"), { ErrorType: "QueueAtCapacity", NextAction: "Bye" }] } },
        { Identifier: "Move", Type: "DequeueContactAndTransferToQueue", Parameters: { QueueId: target }, Transitions: { NextAction: "Done", Errors: [...err("Bye"), { ErrorType: "QueueAtCapacity", NextAction: "Full" }] } },
        { Identifier: "Full", Type: "UpdateContactAttributes", Parameters: { Attributes: { branch: "QueueAtCapacity" } }, Transitions: { NextAction: "Done", Errors: err("Done") } },
        { Identifier: "Done", Type: "EndFlowExecution", Parameters: {}, Transitions: {} },
        { Identifier: "Bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
      ],
    };
    return (await c.send(new CreateContactFlowCommand({ InstanceId: INSTANCE, Name: name, Type: "CONTACT_FLOW", Content: JSON.stringify(content) }))).ContactFlowId!;
  };
  const start = async (flowId: string) => (await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: flowId, ParticipantDetails: { DisplayName: "Jo" } }))).ContactId!;
  const describe = async (id: string) => (await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: id }))).Contact!;

  // Moved: the agent of the target queue gets the chat; the first queue holds nothing.
  const moved = await start(await flow("Dequeue to staffed", to));
  const d = await until("eve has the moved chat", async () => {
    const x = await describe(moved);
    return x.AgentInfo?.Id ? x : undefined;
  });
  assert.deepEqual([d.AgentInfo!.Id, d.QueueInfo?.Id], [eve, to]);
  assert.equal(await inQueue(c, from), 0, "the routing row left the first queue");

  // Refused: the disabled target changes nothing; the chat still waits in the first queue.
  const stays = await start(await flow("Dequeue to closed", closed));
  assert.deepEqual((await c.send(new GetContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId: stays }))).Attributes, { branch: "QueueAtCapacity" });
  assert.equal((await describe(stays)).QueueInfo?.Id, from);
  assert.equal(await inQueue(c, from), 1);
  assert.equal(await inQueue(c, closed), 0);
}

test("sqlite: DequeueContactAndTransferToQueue moves the waiting chat's routing row to the target queue, or nothing on QueueAtCapacity", async () => {
  const srv = await startServer();
  try {
    await scenario(srv);
  } finally {
    await srv.stop();
  }
});

test("postgres: the same move on the PostgreSQL store", async () => {
  const scratch = await createScratchDatabase();
  after(() => scratch.drop());
  const srv = await startServer({ databaseUrl: await scratch.schema("dequeue") });
  try {
    await scenario(srv);
  } finally {
    await srv.stop();
  }
});
