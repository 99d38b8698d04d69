// Persistent chat on PostgreSQL with two nodes on one database: racing StartChatContact calls through both nodes
// continue one ended chat exactly once (the others are refused and keep nothing); the winner's transcript, read
// through the other node, pages into the past chat; a returning SMS customer on one node continues the chat that
// ended on the other.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { DescribeContactCommand, SendChatIntegrationEventCommand, StartChatContactCommand, StopContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, GetTranscriptCommand, SendMessageCommand } from "@aws-sdk/client-connectparticipant";
import { createScratchDatabase, type Scratch } from "../../src/storage/postgres/scratch.js";
import { INSTANCE, startServer, testConfig, type Running } from "../support/server.js";
import { participantClient } from "../support/participant.js";

const PDEST = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/persistent";
let db: Scratch;
let a: Running;
let b: Running;
before(async () => {
  db = await createScratchDatabase();
  const url = await db.schema("persist");
  const config = testConfig();
  config.accounts[0].instances[0].destinations.push({ destinationId: PDEST, persistentChat: { rehydrationType: "FROM_SEGMENT" } });
  a = await startServer({ config, databaseUrl: url });
  b = await startServer({ config, databaseUrl: url });
});
after(async () => {
  await a?.stop();
  await b?.stop();
  await db.drop();
});

const start = (c: ConnectClient, extra: Record<string, unknown> = {}) =>
  c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Cust" }, ...extra }));

test("PostgreSQL, two nodes: racing rehydrations of one chat make exactly one persistent chat", async () => {
  const [ca, cb] = [a.connect(), b.connect()];
  const pa = participantClient(a.url);
  const pb = participantClient(b.url);
  try {
    const c1 = await start(ca);
    const conn = await pa.send(new CreateParticipantConnectionCommand({ ParticipantToken: c1.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
    await pa.send(new SendMessageCommand({ ConnectionToken: conn.ConnectionCredentials!.ConnectionToken, ContentType: "text/plain", Content: "before" }));
    await cb.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: c1.ContactId }));
    const persistent = { PersistentChat: { RehydrationType: "FROM_SEGMENT", SourceContactId: c1.ContactId } };
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => start(i % 2 ? ca : cb, persistent)));
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    assert.equal(won.length, 1, JSON.stringify(lost.map((r) => r.reason?.name)));
    assert.ok(lost.every((r) => r.reason.name === "InvalidRequestException" && /already used/.test(r.reason.message)), lost.map((r) => r.reason.message).join("; "));
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof start>>>).value;
    assert.equal(winner.ContinuedFromContactId, c1.ContactId);
    // Read through the other node: the chat's own join, then the past chat's items.
    const wc = await pb.send(new CreateParticipantConnectionCommand({ ParticipantToken: winner.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
    const t = await pb.send(new GetTranscriptCommand({ ConnectionToken: wc.ConnectionCredentials!.ConnectionToken, MaxResults: 100 }));
    assert.deepEqual(
      t.Transcript!.map((i) => `${i.RelatedContactId ? "past " : ""}${i.Content ?? i.ContentType!.split(".").pop()}`),
      ["joined", "past ended", "past left", "past before", "past joined"],
    );
  } finally {
    pa.destroy();
    pb.destroy();
  }
});

test("PostgreSQL, two nodes: a returning SMS customer on node B continues the chat that ended on node A", async () => {
  const sms = (c: ConnectClient, Event: any) => c.send(new SendChatIntegrationEventCommand({ SourceId: "+14155550166", DestinationId: PDEST, Subtype: "connect:sms", Event }));
  const first = await sms(a.connect(), { Type: "MESSAGE", ContentType: "text/plain", Content: "hello" });
  await sms(a.connect(), { Type: "DISCONNECT" });
  const second = await sms(b.connect(), { Type: "MESSAGE", ContentType: "text/plain", Content: "me again" });
  assert.equal(second.NewChatCreated, true);
  const d = await a.connect().send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: second.InitialContactId }));
  assert.equal(d.Contact!.RelatedContactId, first.InitialContactId);
});
