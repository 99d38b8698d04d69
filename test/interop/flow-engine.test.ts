// The flow engine through real clients: flows created with @aws-sdk/client-connect run on chats started by
// StartChatContact and SendChatIntegrationEvent; the customer's side (the participant SDK) sees the greeting,
// answers GetParticipantInput, and the right branches are taken; attributes, queue, Wait timers, Loop,
// TransferToFlow, unsupported actions' error branches and the flow log through the admin API.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import {
  DescribeContactCommand,
  ListQueuesCommand,
  SearchContactsCommand,
  SendChatIntegrationEventCommand,
  StartChatContactCommand,
  UpdateContactFlowContentCommand,
  UpdateContactFlowMetadataCommand,
  type ConnectClient,
} from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { readdirSync, readFileSync } from "node:fs";
import { ConfigError } from "../../src/config.js";
import { ACCOUNT, INSTANCE, startServer, testConfig, type Running } from "../support/server.js";
import { openSocket, participantClient } from "../support/participant.js";
import { createFlow, flowOf, messages, next, on, until, webChat } from "../support/flow-engine.js";

const ADMIN = "admin-token-for-flow-logs";
const FLOW_DEST = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/flow-dest";

/** Sales or support: a greeting with an attribute, GetParticipantInput with conditions, attributes, a queue. */
/** Written with a placeholder for the Sales queue's ARN (configured queues get fresh ids; before() fills it in). */
const SURVEY_TEMPLATE = flowOf(
  { Identifier: "Welcome", Type: "MessageParticipant", Parameters: { Text: "Hello $.Attributes.name, this is $.Channel." }, Transitions: next("Ask", { NoMatchingError: "Bye" }) },
  {
    Identifier: "Ask",
    Type: "GetParticipantInput",
    Parameters: { Text: "Sales or support?", InputTimeLimitSeconds: "60", StoreInput: "False" },
    Transitions: on("Sorry", [["Equals", "sales", "Sales"], ["TextContains", "support", "Support"]], { NoMatchingCondition: "Sorry", InputTimeLimitExceeded: "Late", NoMatchingError: "Bye" }),
  },
  { Identifier: "Sorry", Type: "MessageParticipant", Parameters: { Text: "Sorry, I did not get that." }, Transitions: next("Ask", { NoMatchingError: "Bye" }) },
  { Identifier: "Sales", Type: "UpdateContactAttributes", Parameters: { Attributes: { dept: "sales", greeted: "$.Attributes.name" } }, Transitions: next("Target", { NoMatchingError: "Bye" }) },
  { Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: { QueueId: "SALES_QUEUE_ARN" }, Transitions: next("Priority", { NoMatchingError: "Bye" }) },
  { Identifier: "Priority", Type: "UpdateContactRoutingBehavior", Parameters: { QueuePriority: "2" }, Transitions: next("Queue", { NoMatchingError: "Bye" }) },
  { Identifier: "Queue", Type: "TransferContactToQueue", Transitions: next("Queued", { QueueAtCapacity: "Bye", NoMatchingError: "Bye" }) },
  { Identifier: "Queued", Type: "MessageParticipant", Parameters: { Text: "You are in the $.Queue.Name queue." }, Transitions: next("End", { NoMatchingError: "End" }) },
  { Identifier: "End", Type: "EndFlowExecution" },
  { Identifier: "Support", Type: "MessageParticipant", Parameters: { Text: "Support it is; goodbye." }, Transitions: next("Bye", { NoMatchingError: "Bye" }) },
  { Identifier: "Late", Type: "MessageParticipant", Parameters: { Text: "Too late." }, Transitions: next("Bye", { NoMatchingError: "Bye" }) },
  { Identifier: "Bye", Type: "DisconnectParticipant" },
);

/** The destination's flow: a greeting naming the customer's number, then Wait for the customer's return or 30 s. */
const SMS_FLOW = flowOf(
  { Identifier: "Hi", Type: "MessageParticipant", Parameters: { Text: "Hi $.CustomerEndpoint.Address" }, Transitions: next("Hold", { NoMatchingError: "Bye" }) },
  {
    Identifier: "Hold",
    Type: "Wait",
    Parameters: { TimeLimitSeconds: "30", Events: ["CustomerReturned"] },
    Transitions: on("Bye", [["Equals", "WaitCompleted", "Bye"], ["Equals", "CustomerReturned", "Back"]], { NoMatchingError: "Bye" }),
  },
  { Identifier: "Back", Type: "UpdateContactAttributes", Parameters: { Attributes: { returned: "yes" } }, Transitions: next("Hold", { NoMatchingError: "Bye" }) },
  { Identifier: "Bye", Type: "DisconnectParticipant" },
);

let SURVEY: string;
/** Queue ids by name (the configuration's Sales and Second, the built-in BasicQueue). */
let queues: Record<string, string>;
let srv: Running;
let c: ConnectClient;
let p: ConnectParticipantClient;
before(async () => {
  // Every contact's flow is logged (as if each flow began with UpdateFlowLoggingBehavior Enabled).
  const config = testConfig({ server: { adminToken: ADMIN }, flowEngine: { logAll: true } });
  const inst = config.accounts[0].instances[0];
  inst.flows.push({ id: "sms-flow", name: "SMS flow", type: "CONTACT_FLOW", content: SMS_FLOW });
  inst.destinations.push({ destinationId: FLOW_DEST, contactFlowId: "sms-flow", chatDurationMinutes: 60, webhooks: [] } as (typeof inst.destinations)[number]);
  inst.queues = [{ name: "Sales" }, { name: "Second" }];
  srv = await startServer({ config });
  c = srv.connect();
  queues = Object.fromEntries((await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.map((q) => [q.Name!, q.Id!]));
  SURVEY = SURVEY_TEMPLATE.replace("SALES_QUEUE_ARN", `arn:aws:connect:us-east-1:${ACCOUNT}:instance/${INSTANCE}/queue/${queues.Sales}`);
  p = participantClient(srv.url);
});
after(async () => {
  p.destroy();
  await srv.stop();
});

const say = (token: string, Content: string) => p.send(new SendMessageCommand({ ConnectionToken: token, ContentType: "text/plain", Content }));
const describe = async (ContactId: string) => (await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId }))).Contact!;
const flowLog = async (contactId: string) => {
  const r = await fetch(`${srv.url}/_connect-chat/contacts/${contactId}/flow-log`, { headers: { authorization: `Bearer ${ADMIN}` } });
  assert.equal(r.status, 200);
  return ((await r.json()) as { lines: Record<string, any>[] }).lines;
};

test("StartChatContact runs its flow: the greeting is in the transcript when it answers; GetParticipantInput's branches, attributes and the queue", async () => {
  const flowId = await createFlow(c, "Survey", SURVEY);
  const chat = await webChat(c, p, flowId, { name: "Ann" });
  assert.deepEqual(await messages(p, chat.token), ["SYSTEM: Hello Ann, this is CHAT.", "SYSTEM: Sales or support?"]);
  await say(chat.token, "what?");
  assert.deepEqual((await messages(p, chat.token)).slice(2), ["CUSTOMER: what?", "SYSTEM: Sorry, I did not get that.", "SYSTEM: Sales or support?"], "NoMatchingCondition, then asked again");
  await say(chat.token, "sales");
  assert.deepEqual((await messages(p, chat.token)).slice(5), ["CUSTOMER: sales", "SYSTEM: You are in the Sales queue."]);
  const d = await describe(chat.contactId);
  assert.equal(d.DisconnectTimestamp, undefined, "a queued contact stays when its flow ends");
  assert.equal(d.QueueInfo?.Id, queues.Sales, "the queue ARN resolved to its id");
  assert.ok(d.QueueInfo?.EnqueueTimestamp instanceof Date);
  assert.equal(d.QueuePriority, 2);
  assert.deepEqual(d.Attributes, { name: "Ann", dept: "sales", greeted: "Ann" });
  const found = await c.send(new SearchContactsCommand({ InstanceId: INSTANCE, TimeRange: { Type: "INITIATION_TIMESTAMP", StartTime: new Date(Date.now() - 60_000), EndTime: new Date(Date.now() + 60_000) }, SearchCriteria: { QueueIds: [queues.Sales] } }));
  assert.deepEqual(found.Contacts!.map((x) => x.Id), [chat.contactId]);
  assert.deepEqual(found.Contacts![0].QueueInfo, { Id: queues.Sales, EnqueueTimestamp: d.QueueInfo!.EnqueueTimestamp }, "the summary shows the queue too");
  await say(chat.token, "anyone?");
  assert.equal((await messages(p, chat.token)).length, 8, "the ended flow answers nothing more");
});

test("a TextContains branch that disconnects ends the chat as a flow disconnect", async () => {
  const flowId = await createFlow(c, "Survey 2", SURVEY);
  const chat = await webChat(c, p, flowId, { name: "Bo" });
  await say(chat.token, "I need support please");
  const d = await describe(chat.contactId);
  assert.ok(d.DisconnectTimestamp instanceof Date);
  assert.equal(d.DisconnectReason, "CONTACT_FLOW_DISCONNECT");
});

test("GetParticipantInput's InputTimeLimitSeconds takes the InputTimeLimitExceeded branch once the timer is due", async () => {
  const flowId = await createFlow(c, "Survey 3", SURVEY);
  const chat = await webChat(c, p, flowId, { name: "Cy" });
  const sock = await openSocket(chat.ws);
  srv.clock.advance(61_000);
  await sock.next((f) => f.item?.ContentType?.endsWith("chat.ended"), 10_000);
  assert.deepEqual(sock.frames.filter((f) => f.item?.Type === "MESSAGE").map((f) => `${f.item!.ParticipantRole}: ${f.item!.Content}`), ["SYSTEM: Too late."], "pushed like any item");
  assert.equal((await describe(chat.contactId)).DisconnectReason, "CONTACT_FLOW_DISCONNECT");
  sock.close();
});

test("a running contact keeps the flow version it started with; unknown, saved-only and archived flows are refused", async () => {
  const flowId = await createFlow(c, "Versioned", SURVEY);
  const chat = await webChat(c, p, flowId, { name: "Di" });
  await c.send(new UpdateContactFlowContentCommand({ InstanceId: INSTANCE, ContactFlowId: flowId, Content: SURVEY.replace("Sorry, I did not get that.", "Changed!") }));
  await say(chat.token, "???");
  assert.equal((await messages(p, chat.token))[3], "SYSTEM: Sorry, I did not get that.");
  const start = (ContactFlowId: string) => c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId, ParticipantDetails: { DisplayName: "x" } }));
  await assert.rejects(start("no-such-flow"), (e: any) => e.name === "ResourceNotFoundException" && /no-such-flow/.test(e.message));
  const saved = await createFlow(c, "Saved only", SURVEY, { Status: "SAVED" });
  await assert.rejects(start(saved), (e: any) => e.name === "InvalidRequestException" && /not been published/.test(e.message));
  await c.send(new UpdateContactFlowMetadataCommand({ InstanceId: INSTANCE, ContactFlowId: flowId, ContactFlowState: "ARCHIVED" }));
  await assert.rejects(start(flowId), (e: any) => e.name === "InvalidRequestException" && /archived/.test(e.message));
});

test("SendChatIntegrationEvent runs the destination's flow; Wait resumes on the customer's return and completes on its timer", async () => {
  const send = (SourceId: string, Content: string) =>
    c.send(new SendChatIntegrationEventCommand({ SourceId, DestinationId: FLOW_DEST, Subtype: "connect:SMS", Event: { Type: "MESSAGE", ContentType: "text/plain", Content } }));
  const first = await send("+15550001111", "hello");
  assert.equal(first.NewChatCreated, true);
  const id = first.InitialContactId!;
  await send("+15550001111", "still there?");
  assert.equal((await describe(id)).Attributes?.returned, "yes", "CustomerReturned took its branch");
  srv.clock.advance(31_000);
  const d = await until(async () => {
    const x = await describe(id);
    return x.DisconnectTimestamp ? x : undefined;
  }, "the Wait timer");
  assert.equal(d.DisconnectReason, "CONTACT_FLOW_DISCONNECT", "WaitCompleted led to DisconnectParticipant");
});

test("Loop, Compare on numbers, TransferToFlow, an action this server cannot perform (error branch) and the flow log", async () => {
  const second = await createFlow(
    c,
    "Second",
    flowOf(
      { Identifier: "View", Type: "ShowView", Parameters: { ViewResource: { Id: "arn:aws:connect:us-east-1:123456789012:instance/x/view/form" } }, Transitions: next("Msg", { NoMatchingError: "NoView", NoMatchingCondition: "NoView", TimeLimitExceeded: "NoView" }) },
      { Identifier: "NoView", Type: "MessageParticipant", Parameters: { Text: "no views here" }, Transitions: next("Target", { NoMatchingError: "Target" }) },
      { Identifier: "Msg", Type: "MessageParticipant", Parameters: { Text: "a view?" }, Transitions: next("Target", { NoMatchingError: "Target" }) },
      { Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: { QueueId: queues.Second }, Transitions: next("Queue", { NoMatchingError: "End" }) },
      { Identifier: "Queue", Type: "TransferContactToQueue", Transitions: next("End", { NoMatchingError: "End", QueueAtCapacity: "End" }) },
      { Identifier: "End", Type: "EndFlowExecution" },
    ),
  );
  const first = await createFlow(
    c,
    "First",
    flowOf(
      { Identifier: "Log", Type: "UpdateFlowLoggingBehavior", Parameters: { FlowLoggingBehavior: "Enabled" }, Transitions: { NextAction: "Twice" } },
      { Identifier: "Twice", Type: "Loop", Parameters: { LoopCount: "2" }, Transitions: on("Tick", [["Equals", "ContinueLooping", "Tick"], ["Equals", "DoneLooping", "SetN"]]) },
      { Identifier: "Tick", Type: "MessageParticipant", Parameters: { Text: "tick" }, Transitions: next("Twice", { NoMatchingError: "Twice" }) },
      { Identifier: "SetN", Type: "UpdateContactAttributes", Parameters: { Attributes: { n: "5" } }, Transitions: next("Big", { NoMatchingError: "Small" }) },
      { Identifier: "Big", Type: "Compare", Parameters: { ComparisonValue: "$.Attributes.n" }, Transitions: on("Small", [["NumberGreaterThan", "3", "Go"]], { NoMatchingCondition: "Small" }) },
      { Identifier: "Small", Type: "MessageParticipant", Parameters: { Text: "small" }, Transitions: next("Go", { NoMatchingError: "Go" }) },
      { Identifier: "Go", Type: "TransferToFlow", Parameters: { ContactFlowId: second }, Transitions: next("Small", { NoMatchingError: "Small" }) },
    ),
  );
  const chat = await webChat(c, p, first);
  assert.deepEqual(await messages(p, chat.token), ["SYSTEM: tick", "SYSTEM: tick", "SYSTEM: no views here"]);
  assert.equal((await describe(chat.contactId)).QueueInfo?.Id, queues.Second);
  const log = await flowLog(chat.contactId);
  assert.deepEqual(log.map((l) => `${l.ContactFlowModuleType}:${l.Identifier}`), [
    "UpdateFlowLoggingBehavior:Log",
    "Loop:Twice",
    "MessageParticipant:Tick",
    "Loop:Twice",
    "MessageParticipant:Tick",
    "Loop:Twice",
    "UpdateContactAttributes:SetN",
    "Compare:Big",
    "TransferToFlow:Go",
    "ShowView:View",
    "MessageParticipant:NoView",
    "UpdateContactTargetQueue:Target",
    "TransferContactToQueue:Queue",
    "EndFlowExecution:End",
  ]);
  const view = log.find((l) => l.Identifier === "View")!;
  assert.equal(view.Error, "NoMatchingError");
  assert.match(view.Why, /views/);
  assert.equal(view.ContactFlowId, second);
  assert.deepEqual(log.find((l) => l.Identifier === "Big")!.Parameters, { ComparisonValue: "5" }, "parameters after substitution");
  assert.equal(log.find((l) => l.Identifier === "Big")!.NextAction, "Go");
  const denied = await fetch(`${srv.url}/_connect-chat/contacts/${chat.contactId}/flow-log`);
  assert.equal(denied.status, 401, "the flow log needs the admin token");
});

test("a destination whose contactFlowId names no flow stops the start with a ConfigError naming it", async () => {
  const config = testConfig();
  const dests = config.accounts[0].instances[0].destinations;
  dests.push({ ...dests[0], destinationId: "arn:aws:sms-voice:us-east-1:123456789012:phone-number/typo", contactFlowId: "no-such-flow" });
  await assert.rejects(startServer({ config }), (e: Error) => e instanceof ConfigError && /destinations\[2\]\.contactFlowId: no flow 'no-such-flow'/.test(e.message));
});

test("every real Flow language export in test/fixtures/flows runs on a new chat and on the customer's answer, block by block in the flow log", async () => {
  const dir = new URL("../fixtures/flows/", import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith(".json") && !("modules" in JSON.parse(readFileSync(new URL(f, dir), "utf8"))));
  assert.ok(files.length >= 7);
  for (const file of files) {
    const flowId = await createFlow(c, `export ${file}`, readFileSync(new URL(file, dir), "utf8"));
    const s = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: flowId, ParticipantDetails: { DisplayName: "Export" }, Attributes: { x: "1" } }));
    if (!(await describe(s.ContactId!)).DisconnectTimestamp) {
      const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
      await say(conn.ConnectionCredentials!.ConnectionToken!, "1");
    }
    const log = await flowLog(s.ContactId!);
    assert.ok(log.length > 0, file);
    assert.equal(log[0].ContactFlowId, flowId, file);
    assert.ok(log.every((l) => typeof l.Identifier === "string" && typeof l.ContactFlowModuleType === "string"), file);
  }
});

test("UpdateContactEventHooks CustomerRemaining: the disconnect flow runs when the agent leaves and the customer stays", async () => {
  const bye = await createFlow(c, "Agent left", flowOf(
    { Identifier: "Left", Type: "MessageParticipant", Parameters: { Text: "The agent left; reply to reach someone else." }, Transitions: next("End", { NoMatchingError: "End" }) },
    { Identifier: "End", Type: "EndFlowExecution" },
  ));
  const inbound = await createFlow(c, "With a disconnect flow", flowOf(
    { Identifier: "Hooks", Type: "UpdateContactEventHooks", Parameters: { EventHooks: { CustomerRemaining: `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/contact-flow/${bye}` } }, Transitions: next("Target", { NoMatchingError: "Target" }) },
    { Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: { QueueId: queues.BasicQueue }, Transitions: next("Queue", { NoMatchingError: "End" }) },
    { Identifier: "Queue", Type: "TransferContactToQueue", Transitions: next("End", { NoMatchingError: "End", QueueAtCapacity: "End" }) },
    { Identifier: "End", Type: "EndFlowExecution" },
  ));
  const chat = await webChat(c, p, inbound);
  const { CreateParticipantCommand } = await import("@aws-sdk/client-connect");
  const { DisconnectParticipantCommand } = await import("@aws-sdk/client-connectparticipant");
  const agent = await c.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: chat.contactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Ana" } }));
  const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: agent.ParticipantCredentials!.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  assert.deepEqual(await messages(p, chat.token), [], "nothing said before the agent leaves");
  await p.send(new DisconnectParticipantCommand({ ConnectionToken: conn.ConnectionCredentials!.ConnectionToken }));
  assert.deepEqual(await messages(p, chat.token), ["SYSTEM: The agent left; reply to reach someone else."]);
  assert.equal((await describe(chat.contactId)).DisconnectTimestamp, undefined, "the customer stays (the contact is queued)");
  const log = await flowLog(chat.contactId);
  assert.equal(log.at(-1)!.ContactFlowId, bye);
});

test("flow log lines also go to the logger at info, one JSON line per block", async () => {
  const lines: Record<string, unknown>[] = [];
  const logged = await startServer({ config: testConfig({ flowEngine: { logAll: true } }), log: (l) => lines.push(l) });
  try {
    const lc = logged.connect();
    const lp = participantClient(logged.url);
    const chat = await webChat(lc, lp, await createFlow(lc, "Logged", SURVEY), { name: "Eve" });
    const flow = lines.filter((l) => l.event === "flow" && l.ContactId === chat.contactId);
    assert.deepEqual(flow.map((l) => [l.level, l.Identifier, l.ContactFlowModuleType]), [
      ["info", "Welcome", "MessageParticipant"],
      ["info", "Ask", "GetParticipantInput"],
    ]);
    assert.deepEqual(flow[0].Parameters, { Text: "Hello Eve, this is CHAT." });
    assert.equal(flow[0].NextAction, "Ask");
    lp.destroy();
  } finally {
    await logged.stop();
  }
});
