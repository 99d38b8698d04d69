// Extension: an agent in a chat reads the same customer's earlier chats (same number, or same CustomerId attribute)
// through GetTranscript's ContactId — what the console's customer history shows. Anyone else reads nothing, as in Connect.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { CreateParticipantCommand, SendChatIntegrationEventCommand, StartChatContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, GetTranscriptCommand } from "@aws-sdk/client-connectparticipant";
import { DEST, INSTANCE, startServer, type Running } from "../support/server.js";
import { participantClient } from "../support/participant.js";

let srv: Running;
let connect: ConnectClient;
before(async () => {
  srv = await startServer();
  connect = srv.connect();
});
after(() => srv.stop());

const sms = (SourceId: string, Event: any) => connect.send(new SendChatIntegrationEventCommand({ SourceId, DestinationId: DEST, Subtype: "connect:sms", Event }));
const say = (SourceId: string, Content: string) => sms(SourceId, { Type: "MESSAGE", ContentType: "text/plain", Content });

async function connectionOf(contactId: string, role: "AGENT" | "SUPERVISOR") {
  const p = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: contactId, ParticipantDetails: { ParticipantRole: role, DisplayName: role } }));
  const c = participantClient(srv.url);
  const conn = await c.send(new CreateParticipantConnectionCommand({ ParticipantToken: p.ParticipantCredentials!.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  return { client: c, token: conn.ConnectionCredentials!.ConnectionToken! };
}

const contents = (t: { Type?: string; Content?: string }[] | undefined) => (t ?? []).filter((i) => i.Type === "MESSAGE").map((i) => i.Content);

test("an agent reads the same number's earlier chat by ContactId; another number's chat reads nothing", async () => {
  const number = "+14155550901";
  const first = (await say(number, "My parcel is late")).InitialContactId!;
  await say(number, "Order 55");
  await sms(number, { Type: "DISCONNECT" });
  const other = (await say("+14155550902", "Someone else's chat")).InitialContactId!;
  const now = (await say(number, "Me again")).InitialContactId!;
  assert.notEqual(now, first);

  const agent = await connectionOf(now, "AGENT");
  const read = (ContactId: string, token = agent.token) => agent.client.send(new GetTranscriptCommand({ ConnectionToken: token, ContactId, SortOrder: "ASCENDING", ScanDirection: "BACKWARD", MaxResults: 100 }));
  const earlier = await read(first);
  assert.equal(earlier.InitialContactId, first);
  assert.deepEqual(contents(earlier.Transcript), ["My parcel is late", "Order 55"]);
  // Paging stays on the earlier chat.
  const page1 = await agent.client.send(new GetTranscriptCommand({ ConnectionToken: agent.token, ContactId: first, SortOrder: "ASCENDING", MaxResults: 1 }));
  assert.ok(page1.NextToken);
  const page2 = await agent.client.send(new GetTranscriptCommand({ ConnectionToken: agent.token, ContactId: first, SortOrder: "ASCENDING", MaxResults: 100, NextToken: page1.NextToken }));
  assert.ok(page2.Transcript!.length > 0 && page2.Transcript!.every((i) => !page1.Transcript!.some((j) => j.Id === i.Id)));

  const elsewhere = await read(other);
  assert.deepEqual([elsewhere.Transcript, elsewhere.NextToken], [[], ""], "another customer's chat reads as empty");

  const sup = await connectionOf(now, "AGENT");
  assert.deepEqual(contents((await read(first, sup.token)).Transcript), ["My parcel is late", "Order 55"], "a second agent of this chat too");
  agent.client.destroy();
  sup.client.destroy();
});

test("the same CustomerId attribute links chats across numbers and channels", async () => {
  const web = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "22222222-3333-4444-8555-666666666666", ParticipantDetails: { DisplayName: "Kim" }, Attributes: { CustomerId: "cust-42" }, InitialMessage: { ContentType: "text/plain", Content: "Web chat before" } }));
  const smsChat = (await connect.send(new SendChatIntegrationEventCommand({ SourceId: "+14155550903", DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "Now by SMS" }, NewSessionDetails: { Attributes: { CustomerId: "cust-42" } } }))).InitialContactId!;
  const stranger = (await connect.send(new SendChatIntegrationEventCommand({ SourceId: "+14155550904", DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "Other id" }, NewSessionDetails: { Attributes: { CustomerId: "cust-7" } } }))).InitialContactId!;
  const agent = await connectionOf(smsChat, "AGENT");
  const t = await agent.client.send(new GetTranscriptCommand({ ConnectionToken: agent.token, ContactId: web.ContactId!, SortOrder: "ASCENDING", MaxResults: 100 }));
  assert.deepEqual(contents(t.Transcript), ["Web chat before"]);
  const none = await agent.client.send(new GetTranscriptCommand({ ConnectionToken: agent.token, ContactId: stranger, SortOrder: "ASCENDING", MaxResults: 100 }));
  assert.deepEqual(none.Transcript, []);
  agent.client.destroy();
});
