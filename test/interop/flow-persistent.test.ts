// The "Create persistent contact association" flow block (CreatePersistentContactAssociation) through the real SDKs:
// a flow makes its new chat continue an ended one (FROM_SEGMENT, ENTIRE_PAST_SESSION) and goes on at Success, so the
// customer and agent page the past transcript and DescribeContact links the chats; a live, unknown or already
// continued source, or a chat already persistent (StartChatContact's PersistentChat: "not both"), takes the Error
// branch and changes nothing; publishing refuses a block without its parameters. An SMS destination's flow continues
// a returning customer's last chat through our $.SegmentAttributes['connect-chat:PreviousContactId'].
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { CreateContactFlowCommand, CreateParticipantCommand, DescribeContactCommand, SendChatIntegrationEventCommand, StartChatContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, DisconnectParticipantCommand, GetTranscriptCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { INSTANCE, startServer, testConfig, type Running } from "../support/server.js";
import { participantClient } from "../support/participant.js";
import { createFlow, flowOf, next } from "../support/flow-engine.js";
import { persistFlow } from "../support/persist-flows.js";

const SMS_DEST = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/flow-persist";
let srv: Running;
let connect: ConnectClient;
let p: ConnectParticipantClient;
before(async () => {
  const config = testConfig();
  const inst = config.accounts[0].instances[0];
  inst.flows.push({ id: "sms-persist", name: "SMS persist", type: "CONTACT_FLOW", content: persistFlow("ENTIRE_PAST_SESSION", "$.SegmentAttributes['connect-chat:PreviousContactId']") });
  inst.destinations.push({ destinationId: SMS_DEST, contactFlowId: "sms-persist" });
  // Configured flows, so their queue step may name BasicQueue (API flows take ids only) and the chat stays open.
  inst.flows.push({ id: "from-segment", name: "persist from segment", type: "CONTACT_FLOW", content: persistFlow("FROM_SEGMENT", "$.Attributes.previous") });
  inst.flows.push({ id: "past-session", name: "persist session", type: "CONTACT_FLOW", content: persistFlow("ENTIRE_PAST_SESSION", "$.Attributes.previous") });
  srv = await startServer({ config });
  connect = srv.connect();
  p = participantClient(srv.url);
});
after(async () => {
  p.destroy();
  await srv.stop();
});

const say = (token: string, Content: string) => p.send(new SendMessageCommand({ ConnectionToken: token, ContentType: "text/plain", Content }));
async function chat(flowId: string, Attributes?: Record<string, string>, extra: Record<string, unknown> = {}) {
  const s = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: flowId, ParticipantDetails: { DisplayName: "Ann" }, Attributes, ...extra }));
  const c = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  return { id: s.ContactId!, token: c.ConnectionCredentials!.ConnectionToken!, continued: s.ContinuedFromContactId };
}
/** A chat on the default flow where the customer says something, then leaves. */
async function ended(text: string) {
  const c = await chat("flow");
  await say(c.token, text);
  await p.send(new DisconnectParticipantCommand({ ConnectionToken: c.token }));
  return c.id;
}
/** The chat's own messages (GetTranscript's default BACKWARD scan reaches past ones too), oldest first. */
const own = async (token: string) =>
  (await p.send(new GetTranscriptCommand({ ConnectionToken: token, MaxResults: 100, SortOrder: "ASCENDING" }))).Transcript!.filter((i) => i.Type === "MESSAGE" && !i.RelatedContactId).map((i) => `${i.ParticipantRole}: ${i.Content}`);
const describe = async (ContactId: string) => (await connect.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId }))).Contact!;
const transcript = async (token: string) =>
  (await p.send(new GetTranscriptCommand({ ConnectionToken: token, MaxResults: 100, ScanDirection: "BACKWARD" }))).Transcript!.filter((i) => i.Type === "MESSAGE").map((i) => [i.Content, i.RelatedContactId]);

test("FROM_SEGMENT from an attribute: Success, the past transcript pages in, DescribeContact links the chats", async () => {
  const past = await ended("where is my order?");
  const c = await chat("from-segment", { previous: past });
  assert.equal(c.continued, undefined, "ContinuedFromContactId answers StartChatContact's own PersistentChat only");
  assert.deepEqual(await own(c.token), ["SYSTEM: Welcome back"]);
  assert.equal((await describe(c.id)).RelatedContactId, past);
  assert.deepEqual(await transcript(c.token), [
    ["Welcome back", undefined],
    ["where is my order?", past],
  ]);
  // An agent who joins sees the history too.
  const a = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: c.id, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Alice" } }));
  const ac = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: a.ParticipantCredentials!.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  assert.deepEqual((await transcript(ac.ConnectionCredentials!.ConnectionToken!)).map((m) => m[0]), ["Welcome back", "where is my order?"]);
});

test("ENTIRE_PAST_SESSION; the same source a second time takes the Error branch", async () => {
  const past = await ended("my card was charged twice");
  const first = await chat("past-session", { previous: past });
  assert.deepEqual(await own(first.token), ["SYSTEM: Welcome back"]);
  assert.equal((await describe(first.id)).RelatedContactId, past);
  const second = await chat("past-session", { previous: past });
  assert.deepEqual(await own(second.token), ["SYSTEM: Welcome"], "a past contact is rehydrated once");
  assert.equal((await describe(second.id)).RelatedContactId, undefined);
  assert.deepEqual(await transcript(second.token), [["Welcome", undefined]]);
});

test("a live, unknown or empty source, or a chat already persistent, takes the Error branch and links nothing", async () => {
  const live = await chat("flow");
  const past = await ended("hello again");
  const flowId = "from-segment";
  for (const previous of [live.id, "00000000-0000-4000-8000-000000000000", undefined]) {
    const c = await chat(flowId, previous ? { previous } : undefined);
    assert.deepEqual(await own(c.token), ["SYSTEM: Welcome"], String(previous));
    assert.equal((await describe(c.id)).RelatedContactId, undefined);
  }
  // StartChatContact's PersistentChat and the block: "but not both". The request's link stays.
  const other = await ended("other chat");
  const both = await chat(flowId, { previous: other }, { PersistentChat: { RehydrationType: "FROM_SEGMENT", SourceContactId: past } });
  assert.equal(both.continued, past);
  assert.deepEqual(await own(both.token), ["SYSTEM: Welcome"]);
  assert.equal((await describe(both.id)).RelatedContactId, past);
  // `other` was not used up by the refused block.
  const later = await chat(flowId, { previous: other });
  assert.deepEqual(await own(later.token), ["SYSTEM: Welcome back"]);
});

test("publishing checks the block: RehydrationType one of the two (or a reference), SourceContactId required, Success and Error only", async () => {
  const bad = async (Parameters: Record<string, unknown>, Transitions: Record<string, unknown> = next("End", { NoMatchingError: "End" })) => {
    const content = flowOf({ Identifier: "Persist", Type: "CreatePersistentContactAssociation", Parameters, Transitions }, { Identifier: "End", Type: "EndFlowExecution" });
    const e: any = await connect.send(new CreateContactFlowCommand({ InstanceId: INSTANCE, Name: `bad ${Math.random()}`, Type: "CONTACT_FLOW", Content: content })).catch((x) => x);
    assert.equal(e.name, "InvalidContactFlowException", JSON.stringify(Parameters));
    return JSON.stringify(e.problems);
  };
  assert.match(await bad({ RehydrationType: "ENTIRE_PAST_SESSION" }), /SourceContactId/);
  assert.match(await bad({ RehydrationType: "LAST_WEEK", SourceContactId: "$.Attributes.x" }), /RehydrationType/);
  assert.match(await bad({ RehydrationType: "FROM_SEGMENT", SourceContactId: "$.Attributes.x", Extra: "1" }), /Extra/);
  assert.match(await bad({ RehydrationType: "FROM_SEGMENT", SourceContactId: "$.Attributes.x" }, next("End", { QueueAtCapacity: "End" })), /QueueAtCapacity/);
  await createFlow(connect, "dynamic type", persistFlow("$.Attributes.type", "$.Attributes.x"));
});

test("an SMS destination's flow continues a returning customer's last chat ($.SegmentAttributes['connect-chat:PreviousContactId'])", async () => {
  const from = "+14155550190";
  const sms = (Event: any) => connect.send(new SendChatIntegrationEventCommand({ SourceId: from, DestinationId: SMS_DEST, Subtype: "connect:sms", Event }));
  const first = await sms({ Type: "MESSAGE", ContentType: "text/plain", Content: "my parcel is lost" });
  assert.equal((await describe(first.InitialContactId!)).RelatedContactId, undefined, "a first chat has nothing to continue: the Error branch");
  await sms({ Type: "DISCONNECT" });
  const second = await sms({ Type: "MESSAGE", ContentType: "text/plain", Content: "any news?" });
  assert.equal(second.NewChatCreated, true);
  assert.equal((await describe(second.InitialContactId!)).RelatedContactId, first.InitialContactId);
  const a = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: second.InitialContactId!, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Alice" } }));
  const ac = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: a.ParticipantCredentials!.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  assert.deepEqual(await transcript(ac.ConnectionCredentials!.ConnectionToken!), [
    ["Welcome back", undefined],
    ["any news?", undefined],
    ["Welcome", first.InitialContactId],
    ["my parcel is lost", first.InitialContactId],
  ]);
});
