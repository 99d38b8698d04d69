// Where a socket's pushes start (issue 19): the first socket of a connection URL to subscribe gets everything
// committed after CreateParticipantConnection, also what committed before it opened; a socket that dies before
// aws/subscribe does not use that up; a later socket of the same URL gets what commits once it opened.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { CreateParticipantCommand, SendChatIntegrationEventCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, SendEventCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { DEST, INSTANCE, startServer, type Running } from "../support/server.js";
import { openSocket, participantClient, type Pushed } from "../support/participant.js";

let srv: Running;
let connect: ConnectClient;
let p: ConnectParticipantClient;
before(async () => {
  srv = await startServer();
  connect = srv.connect();
  p = participantClient(srv.url);
});
after(async () => {
  p.destroy();
  await srv.stop();
});

const T = "application/vnd.amazonaws.connect.event.";
const source = "+14155550191";
const sms = (Content: string) => connect.send(new SendChatIntegrationEventCommand({ SourceId: source, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content } }));
const pushed = (frames: Pushed[]) => frames.filter((f) => f.item).map((f) => f.item!.Content ?? f.item!.ContentType.replace(T, ""));

test("the first socket of a URL to subscribe gets what committed since CreateParticipantConnection; one that died before subscribing does not use it up", async () => {
  const chat = (await sms("before the bot")).InitialContactId!;
  const bot = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: chat, ParticipantDetails: { ParticipantRole: "CUSTOM_BOT", DisplayName: "Bot" } }));
  const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: bot.ParticipantCredentials!.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
  const url = conn.Websocket!.Url!;
  await sms("m1");
  // A socket that opens and goes before aws/subscribe (a flaky network; chatjs then retries the same URL).
  const lost = new WebSocket(url);
  await new Promise((ok) => lost.once("open", ok));
  lost.terminate();
  for (let i = 0; i < 100 && srv.app.hub.connectionsOf(chat) > 0; i++) await sleep(10);
  await sms("m2");
  await p.send(new SendEventCommand({ ConnectionToken: conn.ConnectionCredentials!.ConnectionToken, ContentType: `${T}typing` }));

  const first = await openSocket(url);
  await first.next((f) => f.item?.ContentType === `${T}typing`);
  const second = await openSocket(url);
  await sms("m3");
  await second.next((f) => f.item?.Content === "m3");
  await first.next((f) => f.item?.Content === "m3");
  await sleep(200); // room for a duplicate to show up
  assert.deepEqual(pushed(first.frames), ["m1", "m2", "typing", "m3"], "everything after CreateParticipantConnection, push-only items too, in order, once");
  assert.deepEqual(pushed(second.frames), ["m3"], "a later socket of the URL: what commits once it opened");
  first.close();
  second.close();
});
