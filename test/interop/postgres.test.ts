// Many nodes on one PostgreSQL, through the real @aws-sdk/client-connect: chats are shared across nodes, a race of
// first messages makes one chat, and a node cut off the database answers 500 while the others carry on, then
// recovers without a restart.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { DescribeContactCommand, SearchContactsCommand, SendChatIntegrationEventCommand, StopContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { createApp } from "../../src/app.js";
import { silentLogger } from "../../src/ops/logger.js";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { DEST, INSTANCE, startServer, testConfig } from "../support/server.js";
import { tcpProxy } from "../support/tcp-proxy.js";

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
  await new Promise((ok) => setTimeout(ok, 20)); // the previous test's last chat (made just now) stays outside the range
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
  const app = await createApp(testConfig({ storage: { url: db.url } }), { logger: silentLogger });
  assert.ok(app.store instanceof PostgresStore);
  await app.close();
});

test("two nodes, one cut off the database: its requests answer 500 InternalServiceException while the other's succeed; then it succeeds again", async () => {
  const proxy = await tcpProxy(5432);
  const url = Object.assign(new URL(db.url), { port: String(proxy.port) }).toString();
  const cut = await startServer({ databaseUrl: url });
  try {
    const client = cut.connect();
    const SourceId = phone();
    const { InitialContactId } = await send(client, SourceId);
    proxy.cut();
    for (let i = 0; i < 3; i++) {
      const err = await send(client, SourceId).then(() => assert.fail("expected a 500"), (e) => e);
      assert.equal(err.name, "InternalServiceException");
      assert.equal(err.$metadata.httpStatusCode, 500);
      // The other node, on the same database, carries on with the same chat meanwhile.
      const other = await send(b, SourceId);
      assert.deepEqual([other.InitialContactId, other.NewChatCreated], [InitialContactId, false]);
    }
    const stopped = await b.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: InitialContactId }));
    assert.ok(stopped);
    proxy.restore();
    const again = await send(client, SourceId);
    assert.equal(again.NewChatCreated, true, "back on the database, the node sees what the other did meanwhile (the chat it stopped)");
    assert.notEqual(again.InitialContactId, InitialContactId);
    const { Contact } = await client.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: InitialContactId }));
    assert.ok(Contact!.DisconnectTimestamp instanceof Date);
  } finally {
    await cut.stop();
    proxy.close();
  }
});
