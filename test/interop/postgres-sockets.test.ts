// Sockets across two nodes on one PostgreSQL (issue 19): a chatjs bot on node A gets what node B commits right
// after its connect() resolved (before its socket is open), in order, once; a participant leaving through one node
// and the chat ending through one node close the sockets held on the other.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { CreateParticipantCommand, SendChatIntegrationEventCommand, StopContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, DisconnectParticipantCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import type { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { DEST, INSTANCE, startServer, type Running } from "../support/server.js";
import { openSocket, participantClient, type Pushed } from "../support/participant.js";
import { botGetsWhatFollowsConnect, loadChatjs } from "../support/chatjs.js";

const db = await createScratchDatabase();
let nodeA: Running, nodeB: Running;
let connA: ConnectClient, connB: ConnectClient;
let partA: ConnectParticipantClient, partB: ConnectParticipantClient;
let chatjs: any;

before(async () => {
  [nodeA, nodeB] = [await startServer({ databaseUrl: db.url }), await startServer({ databaseUrl: db.url })];
  [connA, connB] = [nodeA.connect(), nodeB.connect()];
  [partA, partB] = [participantClient(nodeA.url), participantClient(nodeB.url)];
  await Promise.all([nodeA, nodeB].map((n) => (n.app.store as PostgresStore).listening()));
  chatjs = await loadChatjs(nodeA.url); // chatjs talks to node A only
});
after(async () => {
  partA?.destroy();
  partB?.destroy();
  await Promise.all([nodeA?.stop(), nodeB?.stop()]);
  await db.drop();
});

const T = "application/vnd.amazonaws.connect.event.";
type Socket = Awaited<ReturnType<typeof openSocket>>;

async function closedWithin(s: Socket, ms = 5000) {
  const r = await Promise.race([s.closed, sleep(ms).then(() => undefined)]);
  assert.ok(r, "the socket is still open");
  return r;
}
const lastItem = (frames: Pushed[], n: number) => frames.slice(0, n).filter((f) => f.item).at(-1)?.item;

test("a chatjs bot on node A gets what node B commits right after connect() resolves: in order, once", async () => {
  for (let round = 0; round < 3; round++) {
    // The bot is created on either node; its connection (chatjs) is always node A's; the customer writes through B.
    const { chat, messages } = await botGetsWhatFollowsConnect(chatjs, connB, round % 2 ? connA : connB, `+1415555018${round}`, INSTANCE, DEST);
    assert.deepEqual(messages, ["right away 1", "right away 2", "right away 3"], `round ${round}`);
    for (let i = 0; i < 200 && nodeA.app.hub.connectionsOf(chat) > 0; i++) await sleep(10);
    assert.equal(nodeA.app.hub.connectionsOf(chat), 0, "node A closed the ended chat's socket");
  }
});

test("a participant leaving through node A closes its socket on node B; the chat ending through A closes B's sockets after chat.ended", async () => {
  const first = await connA.send(new SendChatIntegrationEventCommand({ SourceId: "+14155550190", DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "hi" } }));
  const chat = first.InitialContactId!;
  const joined = async (role: "AGENT" | "CUSTOM_BOT") => {
    const r = await connA.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: chat, ParticipantDetails: { ParticipantRole: role, DisplayName: role } }));
    const c = await partB.send(new CreateParticipantConnectionCommand({ ParticipantToken: r.ParticipantCredentials!.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
    return { id: r.ParticipantId!, token: c.ConnectionCredentials!.ConnectionToken!, socket: await openSocket(c.Websocket!.Url!) }; // sockets on node B
  };
  // Two agents (a custom bot would leave as an agent joins, as in Connect).
  const [agent, bot] = [await joined("AGENT"), await joined("AGENT")];

  await partA.send(new DisconnectParticipantCommand({ ConnectionToken: agent.token }));
  const left = await closedWithin(agent.socket);
  assert.equal(left.code, 1000);
  assert.deepEqual([lastItem(agent.socket.frames, left.frames)!.ContentType, lastItem(agent.socket.frames, left.frames)!.ParticipantId], [`${T}participant.left`, agent.id]);
  const still = await partA.send(new SendMessageCommand({ ConnectionToken: bot.token, ContentType: "text/plain", Content: "still here" }));
  await bot.socket.next((f) => f.item?.Id === still.Id, 3000);
  assert.equal(nodeB.app.hub.connectionsOf(chat), 1, "the bot's socket stays");

  await connA.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: chat }));
  const ended = await closedWithin(bot.socket);
  assert.equal(ended.code, 1000);
  assert.equal(lastItem(bot.socket.frames, ended.frames)!.ContentType, `${T}chat.ended`);
  assert.equal(nodeB.app.hub.connectionsOf(chat), 0);
});
