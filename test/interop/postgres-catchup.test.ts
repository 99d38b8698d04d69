// No push is lost when a node's LISTEN connection drops: items committed meanwhile (on either node) reach that
// node's sockets after the reconnect, each once and in order. And writers send NOTIFY only for watched chats.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { CreateParticipantCommand, SendChatIntegrationEventCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, SendMessageCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { channelFor } from "../../src/storage/postgres/notify.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { DEST, INSTANCE, startServer, type Running } from "../support/server.js";
import { openSocket, participantClient, type Pushed } from "../support/participant.js";

const db = await createScratchDatabase();
const logA: Record<string, unknown>[] = [];
let nodeA: Running, nodeB: Running;
let connA: ConnectClient, connB: ConnectClient;
let partA: ConnectParticipantClient, partB: ConnectParticipantClient;
const closers: (() => unknown)[] = [];

before(async () => {
  const urlA = new URL(db.url);
  urlA.searchParams.set("application_name", "cc-catchup-a");
  nodeA = await startServer({ databaseUrl: urlA.toString(), log: (l) => logA.push(l) });
  nodeB = await startServer({ databaseUrl: db.url });
  [connA, connB] = [nodeA.connect(), nodeB.connect()];
  [partA, partB] = [participantClient(nodeA.url), participantClient(nodeB.url)];
  await Promise.all([nodeA, nodeB].map((n) => (n.app.store as PostgresStore).listening()));
});
after(async () => {
  for (const c of closers) await c();
  partA?.destroy();
  partB?.destroy();
  await Promise.all([nodeA?.stop(), nodeB?.stop()]);
  await db.drop();
});

const sms = (SourceId: string, Content: string) =>
  connB.send(new SendChatIntegrationEventCommand({ SourceId, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content } }));

async function join(conn: ConnectClient, part: ConnectParticipantClient, ContactId: string, role: "AGENT" | "CUSTOM_BOT", name: string) {
  const r = await conn.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId, ParticipantDetails: { ParticipantRole: role, DisplayName: name } }));
  const c = await part.send(new CreateParticipantConnectionCommand({ ParticipantToken: r.ParticipantCredentials!.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
  const socket = await openSocket(c.Websocket!.Url!);
  closers.push(() => socket.close());
  return { token: c.ConnectionCredentials!.ConnectionToken!, socket };
}

/** The contents of MESSAGE frames that start with `prefix`, in arrival order. */
const messages = (frames: Pushed[], prefix: string) => frames.filter((f) => f.item?.Type === "MESSAGE" && String(f.item.Content).startsWith(prefix)).map((f) => f.item!.Content as string);

async function until(cond: () => boolean, ms: number, what: () => string) {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (cond()) return;
    await sleep(25);
  }
  assert.fail(what());
}

test("items committed on both nodes while node A's LISTEN connection is down reach A's sockets after the reconnect, each once, in order", async () => {
  const first = await sms("+14155557101", "hello");
  // An agent named Bot: a custom bot would leave as the agent below joins, as in Connect.
  const bot = await join(connA, partA, first.InitialContactId!, "AGENT", "Bot"); // socket on node A
  const agent = await join(connB, partB, first.InitialContactId!, "AGENT", "Alice"); // socket on node B
  await sms("+14155557101", "m-before");
  await bot.socket.next((f) => f.item?.Content === "m-before");

  // Keep node A's LISTEN backend dead while the items commit: every reconnect is killed again.
  let kills = 0;
  let killing = true;
  const killer = (async () => {
    while (killing) {
      const { rows } = await db.query("SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'cc-catchup-a:listen'", [db.name]);
      kills += rows[0].n;
      await sleep(10);
    }
  })();
  await until(() => kills > 0, 5000, () => "node A's LISTEN backend was never found");
  const expected: string[] = [];
  for (let i = 0; i < 24; i++) {
    const text = `m${String(i).padStart(2, "0")}`;
    expected.push(text);
    // Customer SMS through node B, bot messages through node A itself: both pushes depend on A's feed.
    if (i % 3 === 2) await partA.send(new SendMessageCommand({ ConnectionToken: bot.token, ContentType: "text/plain", Content: text }));
    else await sms("+14155557101", text);
  }
  killing = false;
  await killer;
  assert.ok(messages(bot.socket.frames, "m0").length < expected.length, "some items were committed while the LISTEN connection was down");

  await until(() => messages(bot.socket.frames, "m").length >= expected.length + 1, 15_000, () => `node A pushed ${JSON.stringify(messages(bot.socket.frames, "m"))}`);
  await until(() => messages(agent.socket.frames, "m").length >= expected.length + 1, 5000, () => `node B pushed ${JSON.stringify(messages(agent.socket.frames, "m"))}`);
  await sleep(300); // room for a duplicate to show up
  assert.deepEqual(messages(bot.socket.frames, "m"), ["m-before", ...expected], "node A: every item once, in commit order");
  assert.deepEqual(messages(agent.socket.frames, "m"), ["m-before", ...expected], "node B: every item once, in commit order");
  assert.ok(kills >= 1);
  assert.ok(logA.some((l) => l.event === "listen-lost"), "the lost connection is logged");
  assert.ok(logA.some((l) => l.event === "listen-reconnected"), "the reconnect is logged");
});

test("an append sends NOTIFY only while some node has a socket on its chat", async () => {
  const listener = new pg.Client({ connectionString: db.url });
  await listener.connect();
  closers.push(() => listener.end());
  const heard: string[] = [];
  listener.on("notification", (n) => heard.push(n.payload ?? ""));
  await listener.query(`LISTEN ${listener.escapeIdentifier(channelFor("public"))}`);
  const notified = async (text: string) => {
    const before = heard.length;
    const r = await sms("+14155557102", text);
    await sleep(200);
    return { n: heard.length - before, chat: r.InitialContactId! };
  };

  const unwatched = await notified("nobody listens");
  assert.equal(unwatched.n, 0, "no socket anywhere: no NOTIFY");
  const bot = await join(connA, partA, unwatched.chat, "CUSTOM_BOT", "Bot");
  const watched = await notified("a bot listens");
  assert.equal(watched.n, 1, "a socket on node A: NOTIFY");
  assert.ok(heard.at(-1)!.includes(unwatched.chat));
  await bot.socket.next((f) => f.item?.Content === "a bot listens");
  bot.socket.close();
  await until(() => nodeA.app.hub.connectionsOf(unwatched.chat) === 0, 2000, () => "the socket did not close");
  const watchers = async () => (await db.query("SELECT count(*)::int AS n FROM watchers WHERE initial_contact_id = $1", [unwatched.chat])).rows[0].n as number;
  for (let i = 0; i < 40 && (await watchers()) > 0; i++) await sleep(50);
  assert.equal(await watchers(), 0, "the watch is removed with the last socket");
  assert.equal((await notified("gone again")).n, 0, "the last socket left: no NOTIFY");

  // notify=always (for measuring NOTIFY's cost): every append notifies, watched or not.
  const always = await PostgresStore.open(Object.assign(new URL(db.url), { search: "?notify=always" }).toString());
  closers.push(() => always.close());
  const before = heard.length;
  const body = { Id: "always-1", AbsoluteTime: new Date().toISOString(), Type: "MESSAGE" as const, ContentType: "text/plain", Content: "x" };
  await always.tx((t) => t.appendItem({ contactId: "c-unwatched", initialContactId: "c-unwatched", persisted: true, visibility: "ALL", body }));
  await until(() => heard.length > before, 2000, () => "notify=always sent no NOTIFY");
  await assert.rejects(PostgresStore.open(Object.assign(new URL(db.url), { search: "?notify=sometimes" }).toString()), /notify=sometimes must be watched or always/);
});

test("a node that stops with sockets open leaves no watch behind", async () => {
  const nodeC = await startServer({ databaseUrl: db.url });
  const connC = nodeC.connect();
  const partC = participantClient(nodeC.url);
  try {
    const r = await sms("+14155557103", "hello C");
    await join(connC, partC, r.InitialContactId!, "CUSTOM_BOT", "Bot C");
    const count = async () => (await db.query("SELECT count(*)::int AS n FROM watchers WHERE initial_contact_id = $1", [r.InitialContactId])).rows[0].n as number;
    assert.equal(await count(), 1, "the socket's chat is watched");
    const node = (nodeC.app.store as PostgresStore).nodeId;
    const leases = async () => (await db.query("SELECT count(*)::int AS n FROM watch_nodes WHERE node = $1", [node])).rows[0].n as number;
    assert.equal(await leases(), 1, "the node holds one lease");
    await nodeC.stop();
    assert.equal(await count(), 0);
    assert.equal(await leases(), 0, "and its lease is gone");
  } finally {
    partC.destroy();
    connC.destroy();
    await nodeC.stop();
  }
});
