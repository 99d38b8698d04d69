// CheckHoursOfOperation and the queues flows name, through real clients and the test clock: a real export (the
// goodmeasures "sample queue configurations flow", its queue an ARN of the exporting instance) run as a configured
// flow finds BasicQueue by the designer's name and checks its hours across New York's March DST change; the same
// export created through the API takes its error branch (another instance's queue, as Connect); explicit hours by
// ARN (overnight in Berlin), unknown queues, agents and hours take the error branch with the reason in the flow log.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CreateContactFlowCommand, CreateHoursOfOperationCommand, DescribeContactCommand, ListQueuesCommand, StartChatContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { ACCOUNT, INSTANCE, startServer, testConfig, type Running } from "../support/server.js";
import { createFlow, flowOf, next, on } from "../support/flow-engine.js";

const ADMIN = "admin-token-for-hours";
const EXPORT = readFileSync(new URL("../fixtures/flows/goodmeasures__sample_queue_configurations_flow.json", import.meta.url), "utf8");
const CHECK = "1761a5fd-0eab-46c6-801f-1df5ec18ea56"; // the export's CheckHoursOfOperation block
const SET_QUEUE = "5cfb3fa1-78a7-4133-b553-ca7198181192"; // its UpdateContactTargetQueue (QueueId: the other instance's ARN)
const ARN = `arn:aws:connect:us-east-1:${ACCOUNT}:instance/${INSTANCE}`;

let srv: Running;
let c: ConnectClient;
let queues: Record<string, string>;
before(async () => {
  const config = testConfig({ server: { adminToken: ADMIN }, flowEngine: { logAll: true } });
  const inst = config.accounts[0].instances[0] as any;
  // BasicQueue redefined with weekday office hours in New York; the export runs as a configured flow.
  inst.hoursOfOperation = [{ name: "Office", timeZone: "America/New_York", config: ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"].map((day) => ({ day, start: "09:00", end: "17:00" })) }];
  inst.queues = [{ name: "BasicQueue", hoursOfOperation: "Office" }, { name: "Other" }];
  inst.flows.push({ id: "queue-config", name: "Queue configurations (export)", type: "CONTACT_FLOW", content: EXPORT });
  srv = await startServer({ config });
  c = srv.connect();
  queues = Object.fromEntries((await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.map((q) => [q.Name!, q.Id!]));
});
after(async () => {
  await srv.stop();
});

/** Moves the server's clock to this UTC instant. */
const at = (iso: string) => (srv.clock.offset = Date.parse(iso) - Date.now());
const flowLog = async (contactId: string) => {
  const r = await fetch(`${srv.url}/_connect-chat/contacts/${contactId}/flow-log`, { headers: { authorization: `Bearer ${ADMIN}` } });
  assert.equal(r.status, 200);
  return ((await r.json()) as { lines: Record<string, any>[] }).lines;
};
const start = async (ContactFlowId: string, Attributes?: Record<string, string>) =>
  (await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId, ParticipantDetails: { DisplayName: "Hu" }, Attributes }))).ContactId!;
const line = (log: Record<string, any>[], id: string) => log.find((l) => l.Identifier === id)!;

test("a real export run as a configured flow: its queue found by the designer's name, CheckHoursOfOperation on that queue's hours across the DST change", async () => {
  // Office hours are 09:00–17:00 New York time: 14:30Z is inside on Friday (EST, UTC-5) and 13:30Z on Monday (EDT, UTC-4).
  const cases: [string, string][] = [
    ["2027-03-12T13:30:00Z", "False"], // Friday 08:30 EST
    ["2027-03-12T14:30:00Z", "True"], // Friday 09:30 EST
    ["2027-03-13T15:00:00Z", "False"], // Saturday
    ["2027-03-15T13:30:00Z", "True"], // Monday 09:30 EDT (the same UTC time was 08:30 on Friday)
    ["2027-03-15T21:30:00Z", "False"], // Monday 17:30 EDT
  ];
  for (const [instant, open] of cases) {
    at(instant);
    const id = await start("queue-config");
    const log = await flowLog(id);
    assert.equal(line(log, SET_QUEUE).Results, queues.BasicQueue, `${instant}: the export's ARN of another instance resolved to BasicQueue by name`);
    const check = line(log, CHECK);
    assert.equal(check.Results, open, instant);
    assert.equal(check.NextAction, open === "True" ? "3746a42c-0735-4668-ade2-9335496f495e" : "cad6d3f7-e39e-426f-bf32-b99aa549a34b", instant);
  }
});

test("the same export created through the API takes UpdateContactTargetQueue's error branch: its queue is another instance's", async () => {
  at("2027-03-15T15:00:00Z");
  const flowId = (await c.send(new CreateContactFlowCommand({ InstanceId: INSTANCE, Name: "Queue configurations (API)", Type: "CONTACT_FLOW", Content: EXPORT }))).ContactFlowId!;
  const s = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: flowId, ParticipantDetails: { DisplayName: "Hu" } }));
  const log = await flowLog(s.ContactId!);
  const set = line(log, SET_QUEUE);
  assert.equal(set.Error, "NoMatchingError");
  assert.match(set.Why, /belongs to another instance/);
  assert.equal(set.NextAction, "cad6d3f7-e39e-426f-bf32-b99aa549a34b");
  const d = (await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: s.ContactId! }))).Contact!;
  assert.equal(d.QueueInfo, undefined, "not queued");
  assert.equal(d.DisconnectReason, "CONTACT_FLOW_DISCONNECT");
});

test("explicit hours by ARN (overnight in Berlin), dynamic and unknown queues, agents and hours: branches and reasons", async () => {
  const night = await c.send(new CreateHoursOfOperationCommand({
    InstanceId: INSTANCE, Name: "Night", TimeZone: "Europe/Berlin",
    Config: [{ Day: "FRIDAY", StartTime: { Hours: 22, Minutes: 0 }, EndTime: { Hours: 6, Minutes: 0 } }],
  }));
  assert.equal(night.HoursOfOperationArn, `${ARN}/operating-hours/${night.HoursOfOperationId}`);
  const say = (id: string, text: string, to: string) => ({ Identifier: id, Type: "MessageParticipant", Parameters: { Text: text }, Transitions: next(to, { NoMatchingError: to }) });
  const check = (id: string, hours: string | undefined) => ({
    Identifier: id, Type: "CheckHoursOfOperation", Parameters: hours ? { HoursOfOperationId: hours } : {},
    Transitions: on("Err", [["Equals", "True", "Open"], ["Equals", "False", "Closed"]], { NoMatchingError: "Err" }),
  });
  const flow = (first: Record<string, unknown>, ...more: Record<string, unknown>[]) =>
    flowOf(
      ...([first, ...more] as any[]),
      say("Open", "open", "End"),
      say("Closed", "closed", "End"),
      say("Err", "error: $.Attributes.x", "End"),
      { Identifier: "End", Type: "DisconnectParticipant" },
    );
  const byArn = await createFlow(c, "Night by ARN", flow(check("Check", night.HoursOfOperationArn)));
  // The flows end at once (the chat too): what they said is in the flow log, as MessageParticipant's Text.
  const chatAt = async (instant: string, flowId: string, attributes?: Record<string, string>) => {
    at(instant);
    const contactId = await start(flowId, attributes);
    const log = await flowLog(contactId);
    return { contactId, log, said: log.filter((l) => l.ContactFlowModuleType === "MessageParticipant").map((l) => `SYSTEM: ${l.Parameters.Text}`) };
  };
  // Friday 22:00 Berlin (CET, UTC+1) to Saturday 06:00: Saturday 03:00Z is 04:00 local; 05:30Z is 06:30 local.
  assert.deepEqual((await chatAt("2027-03-13T03:00:00Z", byArn)).said, ["SYSTEM: open"]);
  assert.deepEqual((await chatAt("2027-03-13T05:30:00Z", byArn)).said, ["SYSTEM: closed"]);
  assert.deepEqual((await chatAt("2027-03-12T20:59:00Z", byArn)).said, ["SYSTEM: closed"], "Friday 21:59 local");

  const errors: [string, string, RegExp][] = [
    ["unknown hours", flow(check("Check", "no-such-hours")), /no hours of operation 'no-such-hours'/],
    ["another instance's hours", flow(check("Check", `arn:aws:connect:us-east-1:${ACCOUNT}:instance/other/operating-hours/${night.HoursOfOperationId}`)), /another instance/],
    ["no hours and no queue", flow(check("Check", undefined)), /no HoursOfOperationId and the contact has no queue/],
  ];
  for (const [what, content, why] of errors) {
    const r = await chatAt("2027-03-13T03:00:00Z", await createFlow(c, what, content), { x: what });
    assert.deepEqual(r.said, [`SYSTEM: error: ${what}`], what);
    assert.match(line(r.log, "Check").Why, why, what);
  }

  // A target queue from an attribute (fully dynamic), then the queue's hours (Other: the built-in Basic Hours, all day).
  const target = (params: Record<string, string>) => ({ Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: params, Transitions: next("Queue", { NoMatchingError: "Err" }) });
  const enqueue = { Identifier: "Queue", Type: "TransferContactToQueue", Transitions: next("Check", { NoMatchingError: "Err", QueueAtCapacity: "Err" }) };
  const dynamic = await createFlow(c, "Dynamic queue", flow(target({ QueueId: "$.Attributes.q" }), enqueue, check("Check", undefined)));
  const ok = await chatAt("2027-03-13T03:00:00Z", dynamic, { q: queues.Other });
  assert.deepEqual(ok.said, ["SYSTEM: open"]);
  assert.equal((await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: ok.contactId }))).Contact!.QueueInfo?.Id, queues.Other);
  const unknown = await chatAt("2027-03-13T03:00:00Z", dynamic, { q: "no-such-queue", x: "unknown queue" });
  assert.deepEqual(unknown.said, ["SYSTEM: error: unknown queue"]);
  assert.match(line(unknown.log, "Target").Why, /no queue 'no-such-queue' in instance/);
  assert.equal((await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: unknown.contactId }))).Contact!.QueueInfo, undefined);
  // A name is not a queue reference in a flow made through the API (Connect takes ids and ARNs only).
  const byName = await chatAt("2027-03-13T03:00:00Z", dynamic, { q: "Other", x: "a name" });
  assert.deepEqual(byName.said, ["SYSTEM: error: a name"]);
  const agent = await chatAt("2027-03-13T03:00:00Z", await createFlow(c, "Unknown agent", flow(target({ AgentId: `${ARN}/agent/no-such-agent` }), enqueue, check("Check", undefined))), { x: "agent" });
  assert.deepEqual(agent.said, ["SYSTEM: error: agent"]);
  assert.match(line(agent.log, "Target").Why, /no agent 'no-such-agent'/);
});

test("a queue reference mixing a static ARN and a JSONPath is refused at publish with Connect's problem", async () => {
  const content = flowOf(
    { Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: { QueueId: `${ARN}/queue/$.Attributes.q` }, Transitions: next("End", { NoMatchingError: "End" }) },
    { Identifier: "End", Type: "DisconnectParticipant" },
  );
  await assert.rejects(createFlow(c, "Mixed", content), (e: any) => e.name === "InvalidContactFlowException" && /fully static or fully dynamic/.test(e.problems?.[0]?.message));
});
