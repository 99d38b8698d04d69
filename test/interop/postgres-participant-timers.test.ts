// Participant timers on two nodes sharing one PostgreSQL (real clock, 100 ms timer minutes): both nodes' loops compete
// for the same due rows (FOR UPDATE SKIP LOCKED); every chat's customer goes idle once and is auto-disconnected once,
// whichever node settled it — one idle push on sockets of both nodes, one agent left and one chat.ended in the
// transcript. Messages through either node reset the timer.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { CreateParticipantCommand, DescribeContactCommand, StartChatContactCommand, UpdateParticipantRoleConfigCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { INSTANCE, startServer, testConfig, type Running } from "../support/server.js";
import { openSocket, participantClient } from "../support/participant.js";
import { until } from "../support/flow-engine.js";

const EV = "application/vnd.amazonaws.connect.event.";
const db = await createScratchDatabase();
let nodeA: Running;
let nodeB: Running;
before(async () => {
  const config = testConfig({ participantTimers: { minuteMs: 100, pollMs: 20 } });
  nodeA = await startServer({ databaseUrl: db.url, config });
  nodeB = await startServer({ databaseUrl: db.url, config });
});
after(async () => {
  await Promise.all([nodeA.stop(), nodeB.stop()]);
  await db.drop();
});

async function timedChat(c: ConnectClient, p: ConnectParticipantClient, idle: number, disconnect: number) {
  const s = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Ann" } }));
  const list = [
    { ParticipantRole: "CUSTOMER" as const, TimerType: "IDLE" as const, TimerValue: { ParticipantTimerDurationInMinutes: idle } },
    { ParticipantRole: "CUSTOMER" as const, TimerType: "DISCONNECT_NONCUSTOMER" as const, TimerValue: { ParticipantTimerDurationInMinutes: disconnect } },
  ];
  await c.send(new UpdateParticipantRoleConfigCommand({ InstanceId: INSTANCE, ContactId: s.ContactId!, ChannelConfiguration: { Chat: { ParticipantTimerConfigList: list } } }));
  const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
  return { contactId: s.ContactId!, token: conn.ConnectionCredentials!.ConnectionToken!, ws: conn.Websocket!.Url! };
}
const agentJoins = (c: ConnectClient, ContactId: string) => c.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Ana" } }));
const ended = (c: ConnectClient, ContactId: string) =>
  until(async () => {
    const x = (await c.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId }))).Contact!;
    return x.DisconnectTimestamp ? x : undefined;
  }, "the auto-disconnect");

test("two nodes: each chat's idle and auto-disconnect happen once, whichever node settles them", async () => {
  const [ca, cb] = [nodeA.connect(), nodeB.connect()];
  const [pa, pb] = [participantClient(nodeA.url), participantClient(nodeB.url)];
  const chats = await Promise.all(Array.from({ length: 10 }, (_, i) => timedChat(i % 2 ? ca : cb, i % 2 ? pa : pb, 2, 4)));
  // Each customer's socket is on the node that started its chat; the agent joins through the other node, and either
  // node's loop may settle the timers: pushes reach the socket through the shared feed.
  const sockets = await Promise.all(chats.map((chat) => openSocket(chat.ws)));
  await Promise.all(chats.map((chat, i) => agentJoins(i % 2 ? cb : ca, chat.contactId)));
  for (const [i, chat] of chats.entries()) {
    const d = await ended(i % 2 ? ca : cb, chat.contactId);
    assert.equal(d.DisconnectReason, "IDLE_DISCONNECT");
    await sockets[i].next((f) => f.item?.ContentType === `${EV}chat.ended`, 5000);
  }
  await new Promise((r) => setTimeout(r, 300)); // both loops have polled many times since: still once
  for (const [i, sock] of sockets.entries()) {
    const kinds = sock.frames.map((f) => f.item?.ContentType?.replace(EV, "")).filter((t) => t?.startsWith("participant.") || t === "chat.ended");
    assert.deepEqual(kinds, ["participant.joined", "participant.idle", "participant.autodisconnection", "participant.left", "participant.left", "chat.ended"], `chat ${i}: ${JSON.stringify(kinds)}`);
    sock.close();
  }
  for (const p of [pa, pb]) p.destroy();
});

test("two nodes: messages through either node reset the customer's timer; idle comes only after the last one", async () => {
  const [ca, cb] = [nodeA.connect(), nodeB.connect()];
  const [pa, pb] = [participantClient(nodeA.url), participantClient(nodeB.url)];
  const chat = await timedChat(ca, pa, 20, 2);
  await agentJoins(cb, chat.contactId);
  const sock = await openSocket(chat.ws);
  const say = (p: ConnectParticipantClient, Content: string) => p.send(new SendMessageCommand({ ConnectionToken: chat.token, ContentType: "text/plain", Content }));
  // Five messages ~200 ms apart, alternating nodes, within a 2 s (20-minute) idle timer; then silence.
  for (const [i, p] of [pb, pa, pb, pa, pb].entries()) {
    await say(p, `still here ${i}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  await sock.next((f) => f.item?.ContentType === `${EV}chat.ended`, 10_000);
  const idleAfter = sock.frames.findIndex((f) => f.item?.ContentType === `${EV}participant.idle`);
  const lastMessage = sock.frames.findLastIndex((f) => f.item?.Type === "MESSAGE");
  assert.ok(idleAfter > lastMessage, "idle only after the last message");
  assert.equal(sock.frames.filter((f) => f.item?.ContentType === `${EV}participant.idle`).length, 1);
  sock.close();
  const d = await ended(ca, chat.contactId);
  assert.equal(d.DisconnectReason, "IDLE_DISCONNECT");
  // Measured from the last message's own time (the server's clock): 20 timer minutes idle, then 2 to disconnect.
  const lastAt = Date.parse(sock.frames[lastMessage].item!.AbsoluteTime!);
  const afterLast = d.DisconnectTimestamp!.getTime() - lastAt;
  assert.ok(afterLast >= 2000 + 200 - 5, `not before the last message plus idle plus auto-disconnect (${afterLast} ms after it)`);
  for (const p of [pa, pb]) p.destroy();
});
