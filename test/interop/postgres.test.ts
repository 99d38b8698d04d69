// Many nodes on one PostgreSQL, through the real @aws-sdk/client-connect: chats are shared across nodes, a race of
// first messages makes one chat, and a database outage answers 500 then recovers without a restart.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, Socket, type AddressInfo } from "node:net";
import { DescribeContactCommand, SearchContactsCommand, SendChatIntegrationEventCommand, StopContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { createApp } from "../../src/app.js";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { DEST, INSTANCE, startServer, testConfig } from "../support/server.js";

const db = await createScratchDatabase();
const nodeA = await startServer({ databaseUrl: db.url });
const nodeB = await startServer({ databaseUrl: db.url });
const [a, b] = [nodeA.connect(), nodeB.connect()];
after(async () => {
  await Promise.all([nodeA.stop(), nodeB.stop()]);
  await db.drop();
});

let n = 0;
const phone = () => `+1415556${String(1000 + ++n).padStart(4, "0")}`;
const send = (client: ConnectClient, SourceId: string, Type: "MESSAGE" | "DISCONNECT" = "MESSAGE") =>
  client.send(new SendChatIntegrationEventCommand({
    SourceId,
    DestinationId: DEST,
    Subtype: "connect:sms",
    Event: Type === "MESSAGE" ? { Type, ContentType: "text/plain", Content: "hello" } : { Type },
  }));

test("postgres node: a new chat, then the same chat", async () => {
  const SourceId = phone();
  const first = await send(a, SourceId);
  assert.equal(first.NewChatCreated, true);
  const second = await send(a, SourceId);
  assert.deepEqual([second.InitialContactId, second.NewChatCreated], [first.InitialContactId, false]);
});

test("40 parallel first messages split across two nodes make one chat", async () => {
  const SourceId = phone();
  const r = await Promise.all(Array.from({ length: 40 }, (_, i) => send(i % 2 ? a : b, SourceId)));
  assert.equal(new Set(r.map((x) => x.InitialContactId)).size, 1);
  assert.equal(r.filter((x) => x.NewChatCreated).length, 1);
});

test("a chat created on one node continues, is described and is stopped on the other", async () => {
  const SourceId = phone();
  const created = await send(a, SourceId);
  const continued = await send(b, SourceId);
  assert.deepEqual([continued.InitialContactId, continued.NewChatCreated], [created.InitialContactId, false]);
  const { Contact } = await b.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: created.InitialContactId }));
  assert.equal(Contact!.CustomerEndpoint!.Address, SourceId);
  await b.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: created.InitialContactId }));
  const next = await send(a, SourceId);
  assert.equal(next.NewChatCreated, true, "node A sees the chat node B stopped");
  assert.notEqual(next.InitialContactId, created.InitialContactId);
});

test("SearchContacts: a search paged on one node continues on the other, with the extension attributes", async () => {
  // The range starts 5 ms back; the previous test's last chat must be older than that, or it is counted too.
  await new Promise((r) => setTimeout(r, 20));
  const TimeRange = { Type: "INITIATION_TIMESTAMP" as const, StartTime: new Date(Date.now() - 5), EndTime: new Date(Date.now() + 600_000) };
  const made: string[] = [];
  for (let i = 0; i < 5; i++) made.push((await send(i % 2 ? a : b, phone())).InitialContactId!);
  const last = phone();
  made.push((await send(b, last)).InitialContactId!);
  await send(a, last, "DISCONNECT");
  const first = await a.send(new SearchContactsCommand({ InstanceId: INSTANCE, TimeRange, MaxResults: 4 }));
  const rest = await b.send(new SearchContactsCommand({ InstanceId: INSTANCE, TimeRange, MaxResults: 4, NextToken: first.NextToken }));
  assert.deepEqual([...first.Contacts!, ...rest.Contacts!].map((c) => c.Id), [...made].reverse());
  assert.deepEqual([first.TotalCount, rest.TotalCount, rest.NextToken], [6, 6, undefined]);
  const [ended, live] = first.Contacts!;
  assert.ok(ended.DisconnectTimestamp instanceof Date);
  assert.equal(live.DisconnectTimestamp, undefined);
  assert.deepEqual(live.SegmentAttributes!["connect-chat:LastMessage"], { ValueString: "hello" });
  const active = await b.send(new SearchContactsCommand({
    InstanceId: INSTANCE, TimeRange,
    SearchCriteria: { AdditionalTimeRange: { MatchType: "MATCH_ALL", Criteria: [{ TimestampCondition: { Type: "DISCONNECT_TIMESTAMP", ConditionType: "NOT_EXISTS" } }] }, SearchableSegmentAttributes: { Criteria: [{ Key: "connect:Subtype", Values: ["connect:SMS"] }] } },
  }));
  assert.deepEqual(active.Contacts!.map((c) => c.Id), made.slice(0, 5).reverse());
});

test("config storage.url selects PostgreSQL", async () => {
  const app = await createApp(testConfig({ storage: { url: db.url } }), { log: () => {} });
  assert.ok(app.store instanceof PostgresStore);
  await app.close();
});

test("during a database outage requests answer 500 InternalServiceException; afterwards they succeed again", async () => {
  const proxy = await tcpProxy(5432);
  const url = Object.assign(new URL(db.url), { port: String(proxy.port) }).toString();
  const node = await startServer({ databaseUrl: url });
  try {
    const client = node.connect();
    const SourceId = phone();
    const { InitialContactId } = await send(client, SourceId);
    proxy.cut();
    const err = await send(client, SourceId).then(() => assert.fail("expected a 500"), (e) => e);
    assert.equal(err.name, "InternalServiceException");
    assert.equal(err.$metadata.httpStatusCode, 500);
    proxy.restore();
    const again = await send(client, SourceId);
    assert.deepEqual([again.InitialContactId, again.NewChatCreated], [InitialContactId, false]);
  } finally {
    await node.stop();
    proxy.close();
  }
});

/** A loopback TCP proxy to the database whose link can be cut (every connection dropped and refused) and restored. */
async function tcpProxy(target: number) {
  let down = false;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (down) return client.destroy();
    const upstream = new Socket().connect(target, "127.0.0.1");
    for (const s of [client, upstream]) {
      open.add(s);
      s.on("error", () => undefined).on("close", () => open.delete(s));
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      down = true;
      for (const s of open) s.destroy();
    },
    restore: () => (down = false),
    close: () => server.close(),
  };
}
