// amazon-connect-chatjs 5, unmodified, in Node against the server: a bot joins an SMS chat and talks to the
// SMS customer live; a web-chat customer started with StartChatContact does the same from the other side.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { CreateParticipantCommand, SendChatIntegrationEventCommand, StartChatContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, GetTranscriptCommand, SendEventCommand, SendMessageCommand } from "@aws-sdk/client-connectparticipant";
import { DEST, INSTANCE, startServer, type Running } from "../support/server.js";
import { openSocket, participantClient } from "../support/participant.js";
import { botGetsWhatFollowsConnect, chatSession, loadChatjs } from "../support/chatjs.js";

let srv: Running;
let connect: ConnectClient;
let chatjs: any;
before(async () => {
  srv = await startServer();
  connect = srv.connect();
  chatjs = await loadChatjs(srv.url);
});
after(() => srv.stop());

const session = (contactId: string, participantId: string, participantToken: string) => chatSession(chatjs, contactId, participantId, participantToken);

/** chatjs reports "established" before its socket is attached on the server; wait for the attach. */
async function attached(chat: string, n = 1) {
  for (let i = 0; i < 200 && srv.app.hub.connectionsOf(chat) < n; i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(srv.app.hub.connectionsOf(chat) >= n, `${srv.app.hub.connectionsOf(chat)} sockets attached`);
}

const sms = (Event: any, SourceId = "+14155550123") => connect.send(new SendChatIntegrationEventCommand({ SourceId, DestinationId: DEST, Subtype: "connect:sms", Event }));

test("a chatjs bot joins an SMS chat, gets the next SMS live, sends typing and a reply, and sees the chat end", async () => {
  const first = await sms({ Type: "MESSAGE", ContentType: "text/plain", Content: "I need help" });
  const bot = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: first.InitialContactId, ParticipantDetails: { ParticipantRole: "CUSTOM_BOT", DisplayName: "HelpBot" } }));
  const b = session(first.InitialContactId!, bot.ParticipantId!, bot.ParticipantCredentials!.ParticipantToken!);
  await b.s.connect();
  await b.until((e) => e.kind === "established");
  await attached(first.InitialContactId!);

  const sentAt = performance.now();
  await sms({ Type: "MESSAGE", ContentType: "text/plain", Content: "Are you there?" });
  await b.until((e) => e.kind === "message" && e.data.Content === "Are you there?");
  const got = b.events.find((e) => e.kind === "message" && e.data.Content === "Are you there?")!;
  assert.equal(got.data.ParticipantRole, "CUSTOMER");
  assert.equal(got.data.InitialContactId, first.InitialContactId);
  assert.ok(got.at - sentAt < 1000, `pushed ${Math.round(got.at - sentAt)} ms after the request was sent`);

  await b.s.sendEvent({ contentType: "application/vnd.amazonaws.connect.event.typing" });
  await b.until((e) => e.kind === "typing" && e.data.ParticipantRole === "CUSTOM_BOT");
  const reply = await b.s.sendMessage({ contentType: "text/plain", message: "Yes, how can I help?" });
  assert.match(reply.data.Id, /^[0-9a-f-]{36}$/);
  const t = await b.s.getTranscript({ scanDirection: "BACKWARD", sortOrder: "ASCENDING", maxResults: 15 });
  const contents = t.data.Transcript.map((i: any) => i.Content ?? i.ContentType.split(".").pop());
  assert.deepEqual(contents, ["joined", "I need help", "joined", "Are you there?", "Yes, how can I help?"]);
  assert.equal(t.data.Transcript[4].ParticipantRole, "CUSTOM_BOT");

  await sms({ Type: "DISCONNECT" });
  await b.until((e) => e.kind === "ended");
});

test("a chatjs web-chat customer started with StartChatContact talks with an agent and leaves", async () => {
  const start = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow-1", ParticipantDetails: { DisplayName: "Web Customer" }, InitialMessage: { ContentType: "text/plain", Content: "hello from the web" } }));
  const c = session(start.ContactId!, start.ParticipantId!, start.ParticipantToken!);
  await c.s.connect();
  await c.until((e) => e.kind === "established");
  await attached(start.ContactId!);

  // The agent (our extension role) joins through the SDKs and a raw chatjs-protocol socket.
  const agent = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: start.ContactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Alice" } }));
  const p = participantClient(srv.url);
  const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: agent.ParticipantCredentials!.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"], ConnectParticipant: true }));
  const agentSocket = await openSocket(conn.Websocket!.Url!);
  const token = conn.ConnectionCredentials!.ConnectionToken!;

  await p.send(new SendMessageCommand({ ConnectionToken: token, ContentType: "text/plain", Content: "Hi, Alice here" }));
  await c.until((e) => e.kind === "message" && e.data.Content === "Hi, Alice here");
  await c.s.sendMessage({ contentType: "text/plain", message: "thanks Alice" });
  await agentSocket.next((f) => f.item?.Content === "thanks Alice");
  // chatjs throttles its own typing events (one per 10 s per client), so the agent types here.
  await p.send(new SendEventCommand({ ConnectionToken: token, ContentType: "application/vnd.amazonaws.connect.event.typing" }));
  await c.until((e) => e.kind === "typing" && e.data.ParticipantRole === "AGENT" && e.data.DisplayName === "Alice");

  const t = await p.send(new GetTranscriptCommand({ ConnectionToken: token, SortOrder: "ASCENDING", MaxResults: 20 }));
  assert.deepEqual(t.Transcript!.filter((i) => i.Type === "MESSAGE").map((i) => [i.ParticipantRole, i.Content]), [
    ["CUSTOMER", "hello from the web"],
    ["AGENT", "Hi, Alice here"],
    ["CUSTOMER", "thanks Alice"],
  ]);

  await c.s.disconnectParticipant();
  await agentSocket.next((f) => f.item?.ContentType === "application/vnd.amazonaws.connect.event.chat.ended");
  await assert.rejects(p.send(new SendMessageCommand({ ConnectionToken: token, ContentType: "text/plain", Content: "late" })), (e: any) => e.name === "AccessDeniedException" && e.$metadata.httpStatusCode === 403);
  agentSocket.close();
  p.destroy();
});

// chatjs resolves connect() (and raises "established") before its WebSocket is open: what commits in between must
// still be pushed to the socket once it opens (issue 19). Several rounds, since the race goes either way.
test("a chatjs bot gets what the customer sends right after connect() resolves, before its socket is open: in order, once", async () => {
  for (let round = 0; round < 4; round++) {
    const { chat, messages } = await botGetsWhatFollowsConnect(chatjs, connect, connect, `+1415555014${round}`, INSTANCE, DEST);
    assert.deepEqual(messages, ["right away 1", "right away 2", "right away 3"], `round ${round}`);
    // chat.ended came first (chatjs raised "ended"); then the server closed the socket.
    for (let i = 0; i < 200 && srv.app.hub.connectionsOf(chat) > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(srv.app.hub.connectionsOf(chat), 0, "the ended chat's socket is closed");
  }
});
