// A destination's persistentChat: a returning SMS customer's new chat (SendChatIntegrationEvent) continues their
// last ended chat there, so the agent who joins sees the history (GetTranscript, chat.rehydrated), cumulatively;
// a destination without the option starts from nothing, as before.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { CreateParticipantCommand, DescribeContactCommand, SendChatIntegrationEventCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, GetTranscriptCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { DEST, INSTANCE, startServer, testConfig, type Running } from "../support/server.js";
import { openSocket, participantClient } from "../support/participant.js";

const PDEST = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/persistent";
const EV = "application/vnd.amazonaws.connect.event.";
let srv: Running;
let connect: ConnectClient;
let p: ConnectParticipantClient;
before(async () => {
  const config = testConfig();
  config.accounts[0].instances[0].destinations.push({ destinationId: PDEST, persistentChat: { rehydrationType: "ENTIRE_PAST_SESSION" } });
  srv = await startServer({ config });
  connect = srv.connect();
  p = participantClient(srv.url);
});
after(async () => {
  p.destroy();
  await srv.stop();
});

const sms = (SourceId: string, DestinationId: string, Event: any) => connect.send(new SendChatIntegrationEventCommand({ SourceId, DestinationId, Subtype: "connect:sms", Event }));
const text = (from: string, dest: string, Content: string) => sms(from, dest, { Type: "MESSAGE", ContentType: "text/plain", Content });
async function agent(contactId: string) {
  const a = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: contactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Alice" } }));
  const c = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: a.ParticipantCredentials!.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
  return { token: c.ConnectionCredentials!.ConnectionToken!, ws: c.Websocket!.Url! };
}
const messages = async (token: string) =>
  (await p.send(new GetTranscriptCommand({ ConnectionToken: token, MaxResults: 100 }))).Transcript!.filter((i) => i.Type === "MESSAGE").map((i) => [i.ParticipantRole, i.Content, i.RelatedContactId]);

test("a returning customer's new SMS chat continues the last one: the agent sees the history, cumulatively", async () => {
  const from = "+14155550177";
  const first = await text(from, PDEST, "my parcel is lost");
  assert.equal(first.NewChatCreated, true);
  const a1 = await agent(first.InitialContactId!);
  await p.send(new SendMessageCommand({ ConnectionToken: a1.token, ContentType: "text/plain", Content: "I have opened a case" }));
  await sms(from, PDEST, { Type: "DISCONNECT" });

  const second = await text(from, PDEST, "any news?");
  assert.equal(second.NewChatCreated, true);
  assert.notEqual(second.InitialContactId, first.InitialContactId);
  const d = await connect.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: second.InitialContactId }));
  assert.equal(d.Contact!.RelatedContactId, first.InitialContactId);
  const a2 = await agent(second.InitialContactId!);
  const sock = await openSocket(a2.ws);
  await sock.next((x) => x.item?.ContentType === `${EV}chat.rehydrated`);
  sock.close();
  assert.deepEqual(await messages(a2.token), [
    ["CUSTOMER", "any news?", undefined],
    ["AGENT", "I have opened a case", first.InitialContactId],
    ["CUSTOMER", "my parcel is lost", first.InitialContactId],
  ]);
  // A message to the running chat is not a new chat: nothing changes.
  assert.equal((await text(from, PDEST, "still there?")).NewChatCreated, false);
  await sms(from, PDEST, { Type: "DISCONNECT" });

  const third = await text(from, PDEST, "third time");
  const a3 = await agent(third.InitialContactId!);
  assert.deepEqual((await messages(a3.token)).map((m) => m[1]), ["third time", "still there?", "any news?", "I have opened a case", "my parcel is lost"]);
  // Another customer on the same destination starts from nothing.
  const stranger = await text("+14155550178", PDEST, "hi");
  assert.deepEqual(await messages((await agent(stranger.InitialContactId!)).token), [["CUSTOMER", "hi", undefined]]);
});

test("without persistentChat a returning customer's chat has no history", async () => {
  const from = "+14155550179";
  const first = await text(from, DEST, "one");
  await sms(from, DEST, { Type: "DISCONNECT" });
  const second = await text(from, DEST, "two");
  assert.notEqual(second.InitialContactId, first.InitialContactId);
  const d = await connect.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: second.InitialContactId }));
  assert.equal(d.Contact!.RelatedContactId, undefined);
  const a = await agent(second.InitialContactId!);
  assert.ok((await messages(a.token)).every((m) => m[2] === undefined));
});
