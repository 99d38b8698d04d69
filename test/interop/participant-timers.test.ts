// Participant timeouts through real clients and a test clock: UpdateParticipantRoleConfig (@aws-sdk/client-connect)
// and its refusals; idle, returned and auto-disconnect events pushed to the customer's and the agent's sockets and
// kept out of the transcript; messages resetting timers; timers that wait for an agent; settings that apply from the
// next agent; the disconnect flow after an auto-disconnect.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { CreateParticipantCommand, DescribeContactCommand, ListQueuesCommand, SendChatIntegrationEventCommand, StopContactCommand, UpdateParticipantRoleConfigCommand, type ConnectClient, type ParticipantTimerConfiguration } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, GetTranscriptCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { INSTANCE, SHORT_DEST, startServer, testConfig, type Running } from "../support/server.js";
import { openSocket, participantClient } from "../support/participant.js";
import { createFlow, flowOf, next, webChat } from "../support/flow-engine.js";

const MIN = 60_000;
const EV = "application/vnd.amazonaws.connect.event.participant.";
let srv: Running;
let c: ConnectClient;
let p: ConnectParticipantClient;

before(async () => {
  // A long poll: only the test wakes the loop, after moving the clock.
  srv = await startServer({ config: testConfig({ participantTimers: { pollMs: 3_600_000 } }) });
  c = srv.connect();
  p = participantClient(srv.url);
});
after(async () => {
  p.destroy();
  await srv.stop();
});

const timer = (ParticipantRole: "CUSTOMER" | "AGENT", TimerType: "IDLE" | "DISCONNECT_NONCUSTOMER", minutes: number | "Unset"): ParticipantTimerConfiguration => ({
  ParticipantRole,
  TimerType,
  TimerValue: minutes === "Unset" ? { ParticipantTimerAction: "Unset" } : { ParticipantTimerDurationInMinutes: minutes },
});
const configure = (ContactId: string, ...list: ParticipantTimerConfiguration[]) =>
  c.send(new UpdateParticipantRoleConfigCommand({ InstanceId: INSTANCE, ContactId, ChannelConfiguration: { Chat: { ParticipantTimerConfigList: list } } }));

/** Moves the test clock and runs one pass of the timer loop. */
async function elapse(ms: number) {
  srv.clock.advance(ms);
  srv.app.participantTimers.wake();
  await srv.app.participantTimers.idle();
}

async function agentJoins(contactId: string, name = "Ana") {
  const a = await c.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: contactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: name } }));
  const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: a.ParticipantCredentials!.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
  return { id: a.ParticipantId!, token: conn.ConnectionCredentials!.ConnectionToken!, ws: conn.Websocket!.Url! };
}
const say = (ConnectionToken: string, Content: string) => p.send(new SendMessageCommand({ ConnectionToken, ContentType: "text/plain", Content }));
const timerEvents = (frames: { item?: Record<string, any> }[]) =>
  frames.filter((f) => f.item?.ContentType?.startsWith(EV) && !/joined|left/.test(f.item.ContentType)).map((f) => `${f.item!.ParticipantRole} ${f.item!.ContentType.slice(EV.length)}`);
const describe = (ContactId: string) => c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId })).then((r) => r.Contact!);

test("UpdateParticipantRoleConfig refuses what Connect refuses and changes nothing", async () => {
  const chat = await webChat(c, p, "flow");
  const refused = async (list: ParticipantTimerConfiguration[], name: string, re: RegExp, id = chat.contactId) =>
    assert.rejects(configure(id, ...list), (e: any) => e.name === name && re.test(e.message) && e.$metadata.httpStatusCode === (name === "ResourceNotFoundException" ? 404 : 400));
  await refused([timer("CUSTOMER", "IDLE", 1)], "InvalidRequestException", /ParticipantTimerDurationInMinutes/);
  await refused([timer("CUSTOMER", "IDLE", 481)], "InvalidRequestException", /ParticipantTimerDurationInMinutes/);
  await refused([timer("AGENT", "IDLE", 5), timer("AGENT", "IDLE", 6)], "InvalidRequestException", /duplicate/);
  await refused([{ ParticipantRole: "CUSTOMER", TimerType: "IDLE", TimerValue: { ParticipantTimerAction: "Unset", ParticipantTimerDurationInMinutes: 5 } } as any], "InvalidRequestException", /exactly one/);
  await refused([timer("CUSTOMER", "IDLE", 5)], "ResourceNotFoundException", /not found/, "00000000-0000-4000-8000-000000000000");
  await assert.rejects(c.send(new UpdateParticipantRoleConfigCommand({ InstanceId: INSTANCE, ContactId: chat.contactId, ChannelConfiguration: {} as any })), (e: any) => e.name === "InvalidRequestException");
  // Nothing was stored: an agent joining starts no timer, so no time makes anyone idle.
  const agent = await agentJoins(chat.contactId);
  const sock = await openSocket(agent.ws);
  await elapse(500 * MIN);
  assert.deepEqual(timerEvents(sock.frames), []);
  sock.close();
  await c.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: chat.contactId }));
  await refused([timer("CUSTOMER", "IDLE", 5)], "InvalidRequestException", /not active/);
});

test("idle, returned and auto-disconnect reach both sides, stay out of the transcript, and end the chat when no disconnect flow is set", async () => {
  const chat = await webChat(c, p, "flow");
  await configure(chat.contactId, timer("CUSTOMER", "IDLE", 2), timer("CUSTOMER", "DISCONNECT_NONCUSTOMER", 3), timer("AGENT", "IDLE", 10));
  const customer = await openSocket(chat.ws);
  await elapse(5 * MIN);
  assert.deepEqual(timerEvents(customer.frames), [], "no timer runs before an agent joins");
  const agent = await agentJoins(chat.contactId);
  const agentSock = await openSocket(agent.ws);
  await elapse(2 * MIN - 10_000);
  assert.deepEqual(timerEvents(customer.frames), [], "not yet two minutes");
  await elapse(10_000);
  await customer.next((f) => f.item?.ContentType === `${EV}idle`);
  await agentSock.next((f) => f.item?.ContentType === `${EV}idle`);
  const idle = customer.frames.find((f) => f.item?.ContentType === `${EV}idle`)!.item!;
  assert.equal(idle.Type, "EVENT");
  assert.equal(idle.ParticipantRole, "CUSTOMER");
  assert.equal(idle.DisplayName, "Ann");
  await say(chat.token, "sorry, I'm back");
  await agentSock.next((f) => f.item?.ContentType === `${EV}returned`);
  const order = agentSock.frames.map((f) => f.item?.ContentType ?? f.item?.Type).filter((t) => t === `${EV}returned` || t === "text/plain");
  assert.deepEqual(order, [`${EV}returned`, "text/plain"], "returned comes before the message that brought the customer back");
  const kept = await p.send(new GetTranscriptCommand({ ConnectionToken: chat.token, MaxResults: 100, SortOrder: "ASCENDING" }));
  assert.deepEqual(kept.Transcript!.map((i) => i.ContentType!.replace(EV, "")), ["joined", "joined", "text/plain"], "push-only: the transcript keeps the joins and the message, not idle or returned");
  // The message reset the timers: idle again two minutes later, then auto-disconnect three minutes after that.
  await elapse(2 * MIN);
  await elapse(3 * MIN);
  await customer.next((f) => f.item?.ContentType?.endsWith("chat.ended"));
  await agentSock.next((f) => f.item?.ContentType === `${EV}autodisconnection`);
  assert.deepEqual(timerEvents(customer.frames), ["CUSTOMER idle", "CUSTOMER returned", "CUSTOMER idle", "CUSTOMER autodisconnection"]);
  assert.deepEqual(timerEvents(agentSock.frames), timerEvents(customer.frames), "the agent sees the same events");
  const d = await describe(chat.contactId);
  assert.equal(d.DisconnectReason, "IDLE_DISCONNECT");
  const t = await p.send(new GetTranscriptCommand({ ConnectionToken: agent.token, MaxResults: 100, SortOrder: "ASCENDING" })).catch(() => undefined);
  assert.equal(t, undefined, "the agent has left: its token is refused");
  customer.close();
  agentSock.close();
});

test("with only auto-disconnect set it starts at once; the agent is removed, then the chat ends", async () => {
  const chat = await webChat(c, p, "flow");
  await configure(chat.contactId, timer("CUSTOMER", "DISCONNECT_NONCUSTOMER", 2));
  const agent = await agentJoins(chat.contactId);
  const sock = await openSocket(agent.ws);
  await say(agent.token, "hello?");
  await elapse(2 * MIN);
  await sock.next((f) => f.item?.ContentType?.endsWith("chat.ended"));
  assert.deepEqual(timerEvents(sock.frames), ["CUSTOMER autodisconnection"], "with only auto-disconnect set, it starts at once (no idle first)");
  const left = sock.frames.filter((f) => f.item?.ContentType === `${EV}left`).map((f) => f.item!.ParticipantRole);
  assert.deepEqual(left, ["AGENT", "CUSTOMER"], "the agent is disconnected, then the chat ends for the customer");
  const { Transcript } = await p.send(new GetTranscriptCommand({ ConnectionToken: chat.token, MaxResults: 100, SortOrder: "ASCENDING" })).catch(() => ({ Transcript: undefined }));
  assert.equal(Transcript, undefined, "the chat ended: the customer's token is refused too");
  sock.close();
});

test("any message resets only its sender's timer; the agent's auto-disconnect removes the agent", async () => {
  const chat = await webChat(c, p, "flow");
  await configure(chat.contactId, timer("AGENT", "DISCONNECT_NONCUSTOMER", 4), timer("CUSTOMER", "IDLE", 3));
  const agent = await agentJoins(chat.contactId);
  const sock = await openSocket(chat.ws);
  await elapse(2 * MIN);
  await say(agent.token, "still here");
  await say(chat.token, "me too");
  await elapse(2 * MIN + 10_000);
  assert.deepEqual(timerEvents(sock.frames), [], "both wrote two minutes in: nobody is idle or disconnected at four minutes");
  await elapse(MIN);
  await sock.next((f) => f.item?.ContentType === `${EV}idle`);
  assert.deepEqual(timerEvents(sock.frames), ["CUSTOMER idle"], "the customer's three minutes ran out first");
  await elapse(MIN);
  await sock.next((f) => f.item?.ContentType?.endsWith("chat.ended"));
  assert.deepEqual(timerEvents(sock.frames), ["CUSTOMER idle", "AGENT autodisconnection"]);
  sock.close();
});

test("settings changed while an agent is connected apply from the next agent; an agent leaving stops the customer's timers", async () => {
  const chat = await webChat(c, p, "flow");
  await configure(chat.contactId, timer("CUSTOMER", "IDLE", 10));
  const first = await agentJoins(chat.contactId, "First");
  const sock = await openSocket(chat.ws);
  await configure(chat.contactId, timer("CUSTOMER", "IDLE", 2));
  await elapse(3 * MIN);
  assert.deepEqual(timerEvents(sock.frames), [], "the first agent's ten minutes still apply");
  const { DisconnectParticipantCommand } = await import("@aws-sdk/client-connectparticipant");
  await p.send(new DisconnectParticipantCommand({ ConnectionToken: first.token }));
  await elapse(20 * MIN);
  assert.deepEqual(timerEvents(sock.frames), [], "no agent, no timer");
  await agentJoins(chat.contactId, "Second");
  await elapse(2 * MIN);
  await sock.next((f) => f.item?.ContentType === `${EV}idle`);
  assert.deepEqual(timerEvents(sock.frames), ["CUSTOMER idle"], "the second agent brought the two-minute setting");
  await configure(chat.contactId, timer("CUSTOMER", "IDLE", "Unset"));
  sock.close();
});

test("a custom bot starts the customer's timers too; after an auto-disconnect the contact's disconnect flow runs instead of ending the chat", async () => {
  const bye = await createFlow(c, "Idle goodbye", flowOf(
    { Identifier: "Say", Type: "MessageParticipant", Parameters: { Text: "You were away; reply to reach us again." }, Transitions: next("End", { NoMatchingError: "End" }) },
    { Identifier: "End", Type: "EndFlowExecution" },
  ));
  // The built-in BasicQueue: a flow queueing into an id the instance does not have takes its error branch.
  const basic = (await c.send(new ListQueuesCommand({ InstanceId: INSTANCE }))).QueueSummaryList!.find((q) => q.Name === "BasicQueue")!.Id!;
  const inbound = await createFlow(c, "Hooks for timers", flowOf(
    { Identifier: "Hooks", Type: "UpdateContactEventHooks", Parameters: { EventHooks: { CustomerRemaining: bye } }, Transitions: next("Target", { NoMatchingError: "Target" }) },
    { Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: { QueueId: basic }, Transitions: next("Queue", { NoMatchingError: "End" }) },
    { Identifier: "Queue", Type: "TransferContactToQueue", Transitions: next("End", { NoMatchingError: "End", QueueAtCapacity: "End" }) },
    { Identifier: "End", Type: "EndFlowExecution" },
  ));
  const chat = await webChat(c, p, inbound);
  await configure(chat.contactId, timer("CUSTOMER", "DISCONNECT_NONCUSTOMER", 2));
  await c.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: chat.contactId, ParticipantDetails: { ParticipantRole: "CUSTOM_BOT", DisplayName: "Bot" } }));
  const sock = await openSocket(chat.ws);
  await elapse(2 * MIN);
  await sock.next((f) => f.item?.Content === "You were away; reply to reach us again.");
  assert.deepEqual(timerEvents(sock.frames), ["CUSTOMER autodisconnection"]);
  assert.deepEqual(sock.frames.filter((f) => f.item?.ContentType === `${EV}left`).map((f) => f.item!.ParticipantRole), ["CUSTOM_BOT"]);
  assert.equal((await describe(chat.contactId)).DisconnectTimestamp, undefined, "the customer stays, with the disconnect flow");
  sock.close();
});

test("an SMS chat: the customer's texts (SendChatIntegrationEvent) reset the timer and bring the customer back from idle", async () => {
  const text = (Content: string) =>
    c.send(new SendChatIntegrationEventCommand({ SourceId: "+15550009876", DestinationId: SHORT_DEST, Subtype: "connect:SMS", Event: { Type: "MESSAGE", ContentType: "text/plain", Content } }));
  const { InitialContactId } = await text("hello");
  await configure(InitialContactId!, timer("CUSTOMER", "IDLE", 2));
  const agent = await agentJoins(InitialContactId!);
  const sock = await openSocket(agent.ws);
  await elapse(MIN);
  await text("are you there?");
  await elapse(MIN + 10_000);
  assert.deepEqual(timerEvents(sock.frames), [], "the text at one minute pushed the timer to three");
  await elapse(MIN);
  await sock.next((f) => f.item?.ContentType === `${EV}idle`);
  await text("back");
  await sock.next((f) => f.item?.ContentType === `${EV}returned`);
  assert.deepEqual(timerEvents(sock.frames), ["CUSTOMER idle", "CUSTOMER returned"]);
  sock.close();
  await c.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: InitialContactId! }));
});
