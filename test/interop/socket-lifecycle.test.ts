// When the server closes a participant's WebSocket (issue 19): its participant left (after its own
// participant.left), the chat ended (after chat.ended: StopContact, the SMS customer's DISCONNECT, the expiry
// sweep), an eleventh socket of one participant (the oldest goes), a reader too slow for its pushes (1013 once
// 1 MiB waits unsent) — while the chat's other sockets keep everything.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { CreateParticipantCommand, SendChatIntegrationEventCommand, StartChatContactCommand, StopContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, DisconnectParticipantCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { MAX_BUFFERED, MAX_SOCKETS_PER_PARTICIPANT } from "../../src/events/hub.js";
import { DEST, INSTANCE, SHORT_DEST, startServer, type Running } from "../support/server.js";
import { openSocket, participantClient, type Pushed } from "../support/participant.js";
import { stalledSocket } from "../support/raw-ws.js";

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
type Socket = Awaited<ReturnType<typeof openSocket>>;

/** The close of `s` within `ms`, or a failed assertion saying it stayed open. */
async function closedWithin(s: Socket, ms = 3000) {
  const r = await Promise.race([s.closed, sleep(ms).then(() => undefined)]);
  assert.ok(r, "the socket is still open");
  return r;
}

const lastItem = (frames: Pushed[], n: number) => frames.slice(0, n).filter((f) => f.item).at(-1)?.item;

async function webChat() {
  const s = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Web" } }));
  const c = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
  return { chat: s.ContactId!, participantId: s.ParticipantId!, token: c.ConnectionCredentials!.ConnectionToken!, ws: c.Websocket!.Url! };
}

async function join(chat: string, role: "AGENT" | "CUSTOM_BOT") {
  const r = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: chat, ParticipantDetails: { ParticipantRole: role, DisplayName: role } }));
  const c = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: r.ParticipantCredentials!.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
  return { participantId: r.ParticipantId!, token: c.ConnectionCredentials!.ConnectionToken!, ws: c.Websocket!.Url! };
}

const say = (token: string, Content: string, ContentType = "text/plain") => p.send(new SendMessageCommand({ ConnectionToken: token, ContentType, Content }));

test("a participant who leaves gets its own participant.left, then its sockets close; the others keep theirs", async () => {
  const w = await webChat();
  const agent = await join(w.chat, "AGENT");
  const customer = await openSocket(w.ws);
  const agentSockets = [await openSocket(agent.ws), await openSocket(agent.ws)];
  await p.send(new DisconnectParticipantCommand({ ConnectionToken: agent.token }));
  for (const s of agentSockets) {
    const c = await closedWithin(s);
    assert.equal(c.code, 1000);
    const last = lastItem(s.frames, c.frames)!;
    assert.deepEqual([last.ContentType, last.ParticipantId], [`${T}participant.left`, agent.participantId], "its own leave is the last thing it got");
  }
  const after = await say(w.token, "still here");
  await customer.next((f) => f.item?.Id === after.Id);
  assert.equal(customer.ws.readyState, WebSocket.OPEN);
  assert.equal(srv.app.hub.connectionsOf(w.chat), 1, "only the customer's socket is left");
  customer.close();
});

test("StopContact, the SMS customer's DISCONNECT and the expiry sweep close every socket of the chat after chat.ended", async () => {
  const ends: [string, (chat: string) => Promise<unknown>, string][] = [
    ["StopContact", (chat) => connect.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: chat })), DEST],
    ["DISCONNECT", () => connect.send(new SendChatIntegrationEventCommand({ SourceId: "+14155550171", DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "DISCONNECT" } })), DEST],
    ["sweep", async () => {
      srv.clock.advance(61 * 60_000); // SHORT_DEST chats last 60 minutes
      return srv.app.sweep();
    }, SHORT_DEST],
  ];
  for (const [how, end, dest] of ends) {
    const first = await connect.send(new SendChatIntegrationEventCommand({ SourceId: "+14155550171", DestinationId: dest, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "hi" } }));
    const chat = first.InitialContactId!;
    // Two agents (a custom bot would leave as an agent joins): three sockets on two participants.
    const [bot, agent] = [await join(chat, "AGENT"), await join(chat, "AGENT")];
    const sockets = [await openSocket(bot.ws), await openSocket(agent.ws), await openSocket(agent.ws)];
    await end(chat);
    for (const s of sockets) {
      const c = await closedWithin(s);
      assert.equal(c.code, 1000, how);
      assert.equal(lastItem(s.frames, c.frames)!.ContentType, `${T}chat.ended`, `${how}: chat.ended comes first, then the close`);
    }
    assert.equal(srv.app.hub.connectionsOf(chat), 0, how);
  }
});

test(`a participant's socket past ${MAX_SOCKETS_PER_PARTICIPANT} closes its oldest; the others stay and get every push`, async () => {
  const w = await webChat();
  const sockets: Socket[] = [];
  for (let i = 0; i <= MAX_SOCKETS_PER_PARTICIPANT; i++) sockets.push(await openSocket(w.ws));
  const c = await closedWithin(sockets[0]);
  assert.equal(c.code, 1008);
  const sent = await say(w.token, "to the ten");
  for (const s of sockets.slice(1)) await s.next((f) => f.item?.Id === sent.Id);
  assert.equal(srv.app.hub.connectionsOf(w.chat), MAX_SOCKETS_PER_PARTICIPANT);
  for (const s of sockets) s.close();
});

test("a reader that pauses while 14 MB are pushed is sent nothing past 1 MiB unsent, then catches up: every message, in order, once", async () => {
  const s = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Web" }, SupportedMessagingContentTypes: ["text/plain", "application/json"] }));
  const c = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
  const agent = await join(s.ContactId!, "AGENT");
  const slow = await openSocket(c.Websocket!.Url!);
  slow.ws.pause(); // reads nothing for a while
  const body = (i: number) => `${"\\".repeat(11_990)}${i}`; // ~48 KB frames
  const ids: string[] = [];
  for (let i = 0; i < 300; i += 10) ids.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => say(agent.token, body(i + j), "application/json")))).map((r) => r.Id!));
  slow.ws.resume();
  await slow.next((f) => f.item?.Id === ids.at(-1), 15_000);
  await sleep(200);
  assert.deepEqual(slow.frames.filter((f) => f.item?.Type === "MESSAGE").map((f) => f.item!.Id), ids);
  assert.equal(slow.ws.readyState, WebSocket.OPEN);
  slow.close();
});

test("a socket that stops reading is closed (1013) once 1 MiB has waited unsent for 10 s; the chat's reading socket gets everything", async () => {
  const s = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Web" }, SupportedMessagingContentTypes: ["text/plain", "application/json"] }));
  const c = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
  const agent = await join(s.ContactId!, "AGENT");
  const reader = await openSocket(agent.ws);
  const stalled = await stalledSocket(c.Websocket!.Url!); // reads nothing more: its buffers fill, then the server's
  for (let i = 0; i < 50 && srv.app.hub.connectionsOf(s.ContactId!) < 2; i++) await sleep(10); // its aws/subscribe is read
  // ~48 KB frames (12,000 backslashes, escaped twice on the way out): 300 of them, far more than the kernel's
  // buffers and 1 MiB. The server stops sending to the stalled socket at 1 MiB unsent and closes it once it has not
  // drained for 10 s.
  const body = "\\".repeat(12_000);
  const sent = 300;
  for (let i = 0; i < sent; i += 10) await Promise.all(Array.from({ length: 10 }, () => say(agent.token, body, "application/json")));
  for (let i = 0; i < 200 && srv.app.hub.connectionsOf(s.ContactId!) > 1; i++) await sleep(100);
  assert.equal(srv.app.hub.connectionsOf(s.ContactId!), 1, "the stalled socket is still attached");
  const last = await say(agent.token, "after", "text/plain");
  await reader.next((f) => f.item?.Id === last.Id, 5000);
  assert.equal(reader.frames.filter((f) => f.item?.ContentType === "application/json").length, sent, "the reading socket got every message");
  const got = await stalled.resume();
  assert.equal(got.closeCode, 1013, "a close code chatjs reconnects after, once it reads again");
  assert.ok(got.frames > 0 && got.frames < sent + 2, `${got.frames} frames reached it before the close`);
  assert.ok(MAX_BUFFERED <= 1024 * 1024);
  reader.close();
});
