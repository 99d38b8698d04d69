// Streaming through the transactional outbox to a real SNS (moto_server, SQS subscribed) and to webhooks:
// Connect's body and attributes, chat order, survival of an SNS outage, dead letters, FIFO topics.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage } from "node:http";
import { CreateParticipantCommand, SendChatIntegrationEventCommand, StartContactStreamingCommand, StopContactStreamingCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, SendMessageCommand } from "@aws-sdk/client-connectparticipant";
import { webhookSignature } from "../../src/events/sinks.js";
import { ACCOUNT, DEST, INSTANCE, SHORT_DEST, startServer, testConfig, type Running } from "../support/server.js";
import { forward, freePort, startMoto, topicWithQueue, type Moto } from "../support/moto.js";
import { participantClient } from "../support/participant.js";

const T = "application/vnd.amazonaws.connect.event.";
let moto: Moto;
before(async () => (moto = await startMoto()));
after(() => moto.stop());

const fast = { baseDelayMs: 50, maxDelayMs: 400, pollMs: 50 };
let n = 0;
const phone = () => `+1650555${String(1000 + ++n)}`;
const smsTo = (connect: ConnectClient, SourceId: string, Event: any, extra: any = {}) =>
  connect.send(new SendChatIntegrationEventCommand({ SourceId, DestinationId: DEST, Subtype: "connect:sms", Event, ...extra }));
const text = (Content: string) => ({ Type: "MESSAGE" as const, ContentType: "text/plain", Content });

async function serverWith(over: Record<string, unknown>): Promise<Running> {
  return startServer({ config: testConfig(over) });
}

test("every item of a streaming chat reaches the SNS topic in chat order, with Connect's body and attributes", async () => {
  const topic = await topicWithQueue(moto, "sms-out-1");
  const srv = await serverWith({ sns: { endpoint: moto.url }, streaming: fast });
  const connect = srv.connect();
  const src = phone();
  const first = await smsTo(connect, src, text("hello"), { NewSessionDetails: { StreamingConfiguration: { StreamingEndpointArn: topic.arn }, ParticipantDetails: { DisplayName: "Pat" } } });
  const bot = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: first.InitialContactId, ParticipantDetails: { ParticipantRole: "CUSTOM_BOT", DisplayName: "Bot" } }));
  const p = participantClient(srv.url);
  const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: bot.ParticipantCredentials!.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  await p.send(new SendMessageCommand({ ConnectionToken: conn.ConnectionCredentials!.ConnectionToken, ContentType: "text/plain", Content: "bot says hi" }));
  for (let i = 0; i < 5; i++) await smsTo(connect, src, text(`m${i}`));
  await smsTo(connect, src, { Type: "DISCONNECT" });

  const got = await topic.take(12);
  const kinds = got.map((d) => d.body.Content ?? d.body.ContentType.replace(T, ""));
  assert.deepEqual(kinds, ["participant.joined", "hello", "participant.joined", "bot says hi", "m0", "m1", "m2", "m3", "m4", "participant.left", "participant.left", "chat.ended"]);
  const hello = got[1];
  assert.deepEqual(Object.keys(hello.body), ["AbsoluteTime", "Content", "ContentType", "Id", "Type", "ParticipantId", "DisplayName", "ParticipantRole", "InitialContactId", "ContactId"]);
  assert.equal(hello.body.DisplayName, "Pat");
  assert.deepEqual(hello.attributes, {
    InitialContactId: first.InitialContactId, ContactId: first.InitialContactId, ParticipantRole: "CUSTOMER", InstanceId: INSTANCE,
    AccountId: ACCOUNT, Type: "MESSAGE", ContentType: "text/plain", MessageVisibility: "ALL",
  });
  assert.equal(got[3].attributes.ParticipantRole, "CUSTOM_BOT");
  const ended = got.at(-1)!;
  assert.equal(ended.attributes.ParticipantRole, undefined, "chat.ended has no participant");
  assert.equal(ended.envelope.TopicArn, topic.arn);
  p.destroy();
  await srv.stop();
});

test("SNS down while events are acknowledged: every item arrives once it is back, in order", async () => {
  const port = await freePort();
  const srv = await serverWith({ sns: { endpoint: `http://127.0.0.1:${port}` }, streaming: { ...fast, maxAttempts: 1000 } });
  const connect = srv.connect();
  const src = phone();
  const topic = await topicWithQueue(moto, "outage-topic");
  const arn = topic.arn;
  await smsTo(connect, src, text("a0"), { NewSessionDetails: { StreamingConfiguration: { StreamingEndpointArn: arn } } });
  for (let i = 1; i < 20; i++) await smsTo(connect, src, text(`a${i}`));
  await new Promise((r) => setTimeout(r, 300));
  const stats = await srv.app.store.tx((t) => t.outboxStats());
  assert.equal(stats.length, 1);
  assert.equal(stats[0].pending + stats[0].retrying, 21);
  assert.ok(stats[0].retrying >= 1, "the head is being retried");

  const back = await forward(port, moto.port);
  const got = await topic.take(21);
  assert.deepEqual(got.map((d) => d.body.Content ?? "joined"), ["joined", ...Array.from({ length: 20 }, (_, i) => `a${i}`)]);
  await srv.stop();
  await back.close();
});

test("a poison endpoint dead-letters after maxAttempts without blocking other chats, and can be replayed", async () => {
  const good = await topicWithQueue(moto, "good-topic");
  const srv = await serverWith({ sns: { endpoint: moto.url }, streaming: { ...fast, maxAttempts: 3 } });
  const connect = srv.connect();
  const missing = "arn:aws:sns:us-east-1:123456789012:no-such-topic";
  await smsTo(connect, phone(), text("to nowhere"), { NewSessionDetails: { StreamingConfiguration: { StreamingEndpointArn: missing } } });
  await smsTo(connect, phone(), text("to good"), { NewSessionDetails: { StreamingConfiguration: { StreamingEndpointArn: good.arn } } });
  const got = await good.take(2);
  assert.equal(got[1].body.Content, "to good");
  let dead = 0;
  for (let i = 0; i < 100 && dead < 2; i++) {
    dead = (await srv.app.store.tx((t) => t.outboxStats())).find((s) => s.endpoint === missing)?.dead ?? 0;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(dead, 2, "both items of the poison chat are dead-lettered");
  const letters = await srv.app.store.tx((t) => t.deadLetters(10));
  assert.equal(letters.length, 2);
  assert.equal(letters[0].attempts, 3);
  assert.match(letters[0].lastError!, /NotFound|not exist|does not exist/i);
  // Once the topic exists, a replay delivers them.
  const created = await topicWithQueue(moto, "no-such-topic");
  assert.equal(await srv.app.store.tx((t) => t.replayDead(Date.now(), missing)), 2);
  srv.app.relay.wake();
  assert.deepEqual((await created.take(2)).map((d) => d.body.Content ?? "joined"), ["joined", "to nowhere"]);
  await srv.stop();
});

test("StartContactStreaming adds up to 2 endpoints; StopContactStreaming removes one", async () => {
  const a = await topicWithQueue(moto, "start-a");
  const b = await topicWithQueue(moto, "start-b");
  const srv = await serverWith({ sns: { endpoint: moto.url }, streaming: fast });
  const connect = srv.connect();
  const src = phone();
  const r = await smsTo(connect, src, text("before"));
  const s1 = await connect.send(new StartContactStreamingCommand({ InstanceId: INSTANCE, ContactId: r.InitialContactId, ChatStreamingConfiguration: { StreamingEndpointArn: a.arn } }));
  const again = await connect.send(new StartContactStreamingCommand({ InstanceId: INSTANCE, ContactId: r.InitialContactId, ChatStreamingConfiguration: { StreamingEndpointArn: a.arn } }));
  assert.equal(again.StreamingId, s1.StreamingId);
  await connect.send(new StartContactStreamingCommand({ InstanceId: INSTANCE, ContactId: r.InitialContactId, ChatStreamingConfiguration: { StreamingEndpointArn: b.arn } }));
  await assert.rejects(
    connect.send(new StartContactStreamingCommand({ InstanceId: INSTANCE, ContactId: r.InitialContactId, ChatStreamingConfiguration: { StreamingEndpointArn: "arn:aws:sns:us-east-1:123456789012:third" } })),
    (e: any) => e.name === "LimitExceededException" && e.$metadata.httpStatusCode === 429,
  );
  await smsTo(connect, src, text("to both"));
  await connect.send(new StopContactStreamingCommand({ InstanceId: INSTANCE, ContactId: r.InitialContactId, StreamingId: s1.StreamingId }));
  await smsTo(connect, src, text("to b only"));
  assert.deepEqual((await b.take(2)).map((d) => d.body.Content), ["to both", "to b only"]);
  assert.deepEqual((await a.take(1)).map((d) => d.body.Content), ["to both"]);
  await assert.rejects(connect.send(new StopContactStreamingCommand({ InstanceId: INSTANCE, ContactId: r.InitialContactId, StreamingId: "nope" })), (e: any) => e.name === "ResourceNotFoundException");
  await srv.stop();
});

test("a FIFO topic (our extension) gets MessageGroupId = contact id and the item Id as deduplication id", async () => {
  const topic = await topicWithQueue(moto, "sms-out.fifo");
  const srv = await serverWith({ sns: { endpoint: moto.url }, streaming: fast });
  const connect = srv.connect();
  const src = phone();
  const r = await smsTo(connect, src, text("f0"), { NewSessionDetails: { StreamingConfiguration: { StreamingEndpointArn: topic.arn } } });
  for (let i = 1; i < 5; i++) await smsTo(connect, src, text(`f${i}`));
  const got = await topic.take(6);
  assert.deepEqual(got.map((d) => d.body.Content ?? "joined"), ["joined", "f0", "f1", "f2", "f3", "f4"]);
  for (const d of got) assert.equal(d.body.InitialContactId, r.InitialContactId);
  await srv.stop();
});

test("webhooks get the same items as signed POSTs, with retries after 500s, in order", async () => {
  const received: { body: string; headers: IncomingMessage["headers"] }[] = [];
  let failuresLeft = 3;
  const hook = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(500).end();
        return;
      }
      received.push({ body, headers: req.headers });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(hook.address() as { port: number }).port}/hook`;
  const config = testConfig({ streaming: fast });
  config.accounts[0].instances[0].destinations[1].webhooks = [{ url, secret: "s3cret" }];
  const srv = await startServer({ config });
  const connect = srv.connect();
  const src = phone();
  for (let i = 0; i < 4; i++) await connect.send(new SendChatIntegrationEventCommand({ SourceId: src, DestinationId: SHORT_DEST, Event: text(`w${i}`) }));
  for (let i = 0; i < 100 && received.length < 5; i++) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(received.map((r) => JSON.parse(r.body).Content ?? "joined"), ["joined", "w0", "w1", "w2", "w3"]);
  for (const r of received) {
    const ts = String(r.headers["x-connect-chat-timestamp"]);
    assert.equal(r.headers["x-connect-chat-signature"], webhookSignature("s3cret", ts, r.body));
    assert.notEqual(r.headers["x-connect-chat-signature"], webhookSignature("other", ts, r.body));
    assert.equal(r.headers["x-connect-chat-item-id"], JSON.parse(r.body).Id);
  }
  assert.equal(failuresLeft, 0, "the first deliveries were answered 500 and retried");
  await srv.stop();
  hook.close();
});
