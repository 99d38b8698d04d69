// A socket accepted by a node that cannot register its watch (cut off the database right after checking the
// token) still gets every item committed after it opened — by another node, during the outage — once the
// database is back: pushes start from the position read with the token, not from the retried registration.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { CreateParticipantCommand, SendChatIntegrationEventCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import type { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { DEST, INSTANCE, startServer, type Running } from "../support/server.js";
import { openSocket, participantClient, type Pushed } from "../support/participant.js";
import { tcpProxy } from "../support/tcp-proxy.js";

const db = await createScratchDatabase();
const proxy = await tcpProxy(5432);
let nodeA: Running, nodeB: Running;
let connA: ConnectClient, connB: ConnectClient;
let partA: ConnectParticipantClient;
const logA: Record<string, unknown>[] = [];

before(async () => {
  const urlA = Object.assign(new URL(db.url), { port: String(proxy.port) });
  urlA.searchParams.set("application_name", "cc-outage-a");
  nodeA = await startServer({ databaseUrl: urlA.toString(), log: (l) => logA.push(l) });
  nodeB = await startServer({ databaseUrl: db.url });
  [connA, connB] = [nodeA.connect(), nodeB.connect()];
  partA = participantClient(nodeA.url);
  await Promise.all([nodeA, nodeB].map((n) => (n.app.store as PostgresStore).listening()));
});
after(async () => {
  partA?.destroy();
  await Promise.all([nodeA?.stop(), nodeB?.stop()]);
  proxy.close();
  await db.drop();
});

const sms = (Content: string) =>
  connB.send(new SendChatIntegrationEventCommand({ SourceId: "+14155557201", DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "MESSAGE", ContentType: "text/plain", Content } }));
const messages = (frames: Pushed[]) => frames.filter((f) => f.item?.Type === "MESSAGE" && String(f.item.Content).startsWith("m")).map((f) => f.item!.Content as string);

async function until(cond: () => Promise<boolean> | boolean, ms: number, what: () => string) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(25)) if (await cond()) return;
  assert.fail(what());
}

test("a socket opened while its node cannot register the watch gets every item committed after it opened, once and in order, when the database returns", async () => {
  const chat = (await sms("hello")).InitialContactId!;
  await sms("m-old");
  const r = await connA.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: chat, ParticipantDetails: { ParticipantRole: "CUSTOM_BOT", DisplayName: "Bot" } }));
  const c = await partA.send(new CreateParticipantConnectionCommand({ ParticipantToken: r.ParticipantCredentials!.ParticipantToken, Type: ["WEBSOCKET"] }));

  // Hold the watch's registration on node A (a table lock its INSERT waits for), then cut A off the database:
  // the token was checked, the registration fails.
  const holder = new pg.Client({ connectionString: db.url });
  await holder.connect();
  await holder.query("BEGIN");
  await holder.query("LOCK TABLE watchers IN SHARE MODE");
  const opening = openSocket(c.Websocket!.Url!);
  opening.catch(() => undefined);
  const waiting = async () =>
    (await db.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'cc-outage-a' AND wait_event_type = 'Lock'", [db.name])).rows[0].n > 0;
  await until(waiting, 10_000, () => "node A's registration never waited for the lock");
  proxy.cut();
  // A's backends (their client is gone) would hold the chat's row lock until they notice: end them now.
  await db.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'cc-outage-a%'", [db.name]);
  await holder.query("COMMIT");
  await holder.end();
  const socket = await opening;

  try {
    const expected = Array.from({ length: 8 }, (_, i) => `m${i}`);
    for (const text of expected) await sms(text); // through node B, while A is cut off
    await sleep(300);
    assert.deepEqual(messages(socket.frames), [], "nothing pushed while node A cannot read the database");
    assert.ok(logA.some((l) => l.event === "push-sync-failed"), "the failed registration is logged");

    proxy.restore();
    await until(() => messages(socket.frames).length >= expected.length, 20_000, () => `node A pushed ${JSON.stringify(messages(socket.frames))}`);
    await sms("m-after"); // and pushes flow again from notifications
    await socket.next((f) => f.item?.Content === "m-after", 5000);
    await sleep(300); // room for a duplicate to show up
    assert.deepEqual(messages(socket.frames), [...expected, "m-after"], "every item committed after the socket opened, once, in order; none from before");
  } finally {
    socket.close();
  }
});
