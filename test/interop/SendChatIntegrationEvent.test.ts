// SendChatIntegrationEvent and the contact operations through the real @aws-sdk/client-connect.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import {
  DescribeContactCommand,
  GetContactAttributesCommand,
  SendChatIntegrationEventCommand,
  StopContactCommand,
  UpdateContactAttributesCommand,
  type ConnectClient,
  type SendChatIntegrationEventCommandInput,
} from "@aws-sdk/client-connect";
import { ACCOUNT, DEST, INSTANCE, OTHER_DEST, OTHER_INSTANCE, OTHER_KEY, startServer, testConfig, type Running } from "../support/server.js";

let srv: Running;
let connect: ConnectClient;
before(async () => {
  srv = await startServer();
  connect = srv.connect();
});
after(() => srv.stop());

let n = 0;
const phone = () => `+1415555${String(1000 + ++n).padStart(4, "0")}`;
const send = (over: Partial<SendChatIntegrationEventCommandInput> = {}, client = connect) =>
  client.send(new SendChatIntegrationEventCommand({
    SourceId: "+14155550100",
    DestinationId: DEST,
    Subtype: "connect:sms",
    Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "hello" },
    ...over,
  }));
const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata: { httpStatusCode: number; requestId?: string } };
    return { name: err.name, status: err.$metadata.httpStatusCode, message: err.message, requestId: err.$metadata.requestId };
  }
  assert.fail("expected an error");
};

test("new chat, then the same chat, with the answer shape of AWS", async () => {
  const SourceId = phone();
  const first = await send({ SourceId, NewSessionDetails: { ParticipantDetails: { DisplayName: "Jane" }, Attributes: { order: "42" } } });
  assert.equal(first.NewChatCreated, true);
  assert.match(first.InitialContactId!, /^[0-9a-f-]{36}$/);
  assert.match(first.$metadata.requestId!, /^[0-9a-f-]{36}$/);
  const second = await send({ SourceId, Subtype: "connect:SMS" });
  assert.deepEqual([second.InitialContactId, second.NewChatCreated], [first.InitialContactId, false]);
  const attrs = await connect.send(new GetContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId: first.InitialContactId }));
  assert.deepEqual(attrs.Attributes, { order: "42" });
});

test("DescribeContact shows an SMS chat as Connect does", async () => {
  const SourceId = phone();
  const before = Date.now();
  const { InitialContactId } = await send({ SourceId });
  const { Contact } = await connect.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: InitialContactId }));
  assert.equal(Contact!.Id, InitialContactId);
  assert.equal(Contact!.InitialContactId, InitialContactId);
  assert.equal(Contact!.Arn, `arn:aws:connect:us-east-1:${ACCOUNT}:instance/${INSTANCE}/contact/${InitialContactId}`);
  assert.equal(Contact!.Channel, "CHAT");
  assert.equal(Contact!.InitiationMethod, "API");
  assert.deepEqual(Contact!.CustomerEndpoint, { Type: "TELEPHONE_NUMBER", Address: SourceId });
  assert.deepEqual(Contact!.SystemEndpoint, { Address: DEST });
  assert.deepEqual(Contact!.SegmentAttributes, { "connect:Subtype": { ValueString: "connect:SMS" } });
  assert.ok(Contact!.InitiationTimestamp instanceof Date);
  assert.ok(Math.abs(Contact!.InitiationTimestamp!.getTime() - before) < 5000);
  assert.equal(Contact!.DisconnectTimestamp, undefined);
});

test("DISCONNECT then MESSAGE starts a new chat; the old one has its disconnect time", async () => {
  const SourceId = phone();
  const a = await send({ SourceId });
  const d = await send({ SourceId, Event: { Type: "DISCONNECT" } });
  assert.deepEqual([d.InitialContactId, d.NewChatCreated], [a.InitialContactId, false]);
  const b = await send({ SourceId });
  assert.equal(b.NewChatCreated, true);
  assert.notEqual(b.InitialContactId, a.InitialContactId);
  const { Contact } = await connect.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: a.InitialContactId }));
  assert.ok(Contact!.DisconnectTimestamp instanceof Date);
});

test("EVENT and DISCONNECT without an active chat answer NewChatCreated false and no InitialContactId", async () => {
  const typing = await send({ SourceId: phone(), Event: { Type: "EVENT", ContentType: "application/vnd.amazonaws.connect.event.typing" } });
  assert.equal(typing.NewChatCreated, false);
  assert.equal(typing.InitialContactId, undefined);
  const bye = await send({ SourceId: phone(), Event: { Type: "DISCONNECT" } });
  assert.deepEqual([bye.NewChatCreated, bye.InitialContactId], [false, undefined]);
});

test("StopContact ends the chat; a second stop is ContactNotFoundException (410); the next MESSAGE starts anew", async () => {
  const SourceId = phone();
  const a = await send({ SourceId });
  await connect.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: a.InitialContactId }));
  const again = await errorOf(connect.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: a.InitialContactId })));
  assert.deepEqual([again.name, again.status], ["ContactNotFoundException", 410]);
  assert.equal((await send({ SourceId })).NewChatCreated, true);
});

test("UpdateContactAttributes merges and is read back", async () => {
  const { InitialContactId } = await send({ SourceId: phone(), NewSessionDetails: { Attributes: { a: "1" } } });
  await connect.send(new UpdateContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId, Attributes: { b: "2", a: "3" } }));
  const r = await connect.send(new GetContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId }));
  assert.deepEqual(r.Attributes, { a: "3", b: "2" });
  const bad = await errorOf(connect.send(new UpdateContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId, Attributes: { "bad key": "x" } })));
  assert.deepEqual([bad.name, bad.status], ["InvalidRequestException", 400]);
});

test("every modeled error of SendChatIntegrationEvent reaches the SDK with its code, status and a message naming the field", async () => {
  const cases: [Partial<SendChatIntegrationEventCommandInput>, string, number, RegExp][] = [
    [{ DestinationId: "arn:aws:sms-voice:us-east-1:123456789012:phone-number/unknown" }, "ResourceNotFoundException", 404, /DestinationId/],
    [{ DestinationId: OTHER_DEST }, "ResourceNotFoundException", 404, /DestinationId/],
    [{ Subtype: "connect:Guide" }, "InvalidRequestException", 400, /Subtype/],
    [{ SourceId: "4155550100" }, "InvalidRequestException", 400, /SourceId/],
    [{ Event: { Type: "MESSAGE", Content: "x" } }, "InvalidRequestException", 400, /Event\.ContentType/],
    [{ Event: { Type: "MESSAGE", ContentType: "text/plain" } }, "InvalidRequestException", 400, /Event\.Content/],
    [{ Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "x".repeat(1025) } }, "InvalidRequestException", 400, /Event\.Content has 1025/],
    [{ Event: { Type: "MESSAGE", ContentType: "text/markdown", Content: "x" } }, "InvalidRequestException", 400, /text\/plain/],
    [{ Event: { Type: "EVENT", ContentType: "text/plain" } }, "InvalidRequestException", 400, /event content type/],
    [{ Event: { Type: "TYPING" as "EVENT" } }, "InvalidRequestException", 400, /Event\.Type/],
    [{ SourceId: "" }, "InvalidRequestException", 400, /SourceId/],
    [{ NewSessionDetails: { SupportedMessagingContentTypes: ["text/markdown"] } }, "InvalidRequestException", 400, /SupportedMessagingContentTypes/],
    [{ NewSessionDetails: { ParticipantDetails: { DisplayName: "x".repeat(257) } } }, "InvalidRequestException", 400, /DisplayName/],
    [{ NewSessionDetails: { StreamingConfiguration: { StreamingEndpointArn: "arn:aws:sqs:us-east-1:123456789012:q" } } }, "InvalidRequestException", 400, /StreamingEndpointArn/],
  ];
  for (const [over, name, status, text] of cases) {
    const e = await errorOf(send({ SourceId: phone(), ...over }));
    assert.deepEqual([e.name, e.status], [name, status], JSON.stringify(over));
    assert.match(e.message, text);
    assert.match(e.requestId!, /^[0-9a-f-]{36}$/);
  }
});

test("another account's keys reach only that account's destinations and contacts", async () => {
  const other = srv.connect(OTHER_KEY);
  const { InitialContactId } = await send({ SourceId: phone() });
  const mine = await send({ SourceId: phone(), DestinationId: OTHER_DEST }, other);
  assert.equal(mine.NewChatCreated, true);
  const e = await errorOf(other.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: InitialContactId })));
  assert.equal(e.name, "ResourceNotFoundException");
  const e2 = await errorOf(other.send(new DescribeContactCommand({ InstanceId: OTHER_INSTANCE, ContactId: InitialContactId })));
  assert.equal(e2.name, "ResourceNotFoundException");
});

test("40 parallel first messages for one identity make exactly one chat", async () => {
  const SourceId = phone();
  const clients = Array.from({ length: 8 }, () => srv.connect());
  const rs = await Promise.all(Array.from({ length: 40 }, (_, i) => send({ SourceId, Event: { Type: "MESSAGE", ContentType: "text/plain", Content: `m${i}` } }, clients[i % 8])));
  assert.equal(new Set(rs.map((r) => r.InitialContactId)).size, 1);
  assert.equal(rs.filter((r) => r.NewChatCreated).length, 1);
});

test("the Idempotency-Key header (our extension) returns the first answer and stores nothing new", async () => {
  const SourceId = phone();
  const keyed = srv.connect();
  let key = "";
  keyed.middlewareStack.add((next) => async (args) => {
    (args.request as { headers: Record<string, string> }).headers["idempotency-key"] = key;
    return next(args);
  }, { step: "build", name: "idempotencyKey" });
  key = "k-1";
  const a = await send({ SourceId }, keyed);
  const again = await send({ SourceId }, keyed);
  assert.deepEqual([again.InitialContactId, again.NewChatCreated], [a.InitialContactId, true], "the replay is the first answer");
  key = "k-2";
  const b = await send({ SourceId }, keyed);
  assert.deepEqual([b.InitialContactId, b.NewChatCreated], [a.InitialContactId, false]);
  key = "k-1";
  const conflict = await errorOf(send({ SourceId, Event: { Type: "DISCONNECT" } }, keyed));
  assert.deepEqual([conflict.name, conflict.status], ["IdempotencyException", 409]);
  // Only two messages were stored: the keyed first message and the k-2 message.
  const db = (srv.app.store as unknown as { db: { prepare(q: string): { get(...a: unknown[]): { n: number } } } }).db;
  const count = db.prepare("SELECT count(*) AS n FROM items WHERE initial_contact_id = ? AND json_extract(body, '$.Type') = 'MESSAGE'").get(a.InitialContactId);
  assert.equal(count.n, 2);
});

test("a chat survives a restart of the server on the same database", async () => {
  const s1 = await startServer({ keepDir: true });
  const SourceId = phone();
  const a = await send({ SourceId }, s1.connect());
  await s1.stop();
  const s2 = await startServer({ dir: s1.dir });
  const b = await send({ SourceId }, s2.connect());
  assert.deepEqual([b.InitialContactId, b.NewChatCreated], [a.InitialContactId, false]);
  await s2.stop();
});

test("per-account rate limits answer 429 ThrottlingException, and the SDK's retries get through", async () => {
  const config = testConfig();
  config.accounts[0].rateLimit = { requestsPerSecond: 5, burst: 2 };
  const s = await startServer({ config });
  const noRetry = s.connect();
  const codes: string[] = [];
  for (let i = 0; i < 4; i++) {
    try {
      await send({ SourceId: phone() }, noRetry);
      codes.push("ok");
    } catch (e) {
      codes.push((e as Error).name);
    }
  }
  assert.deepEqual(codes.slice(0, 2), ["ok", "ok"]);
  assert.ok(codes.slice(2).includes("ThrottlingException"), codes.join());
  const retrying = s.connect(undefined, { maxAttempts: 5 });
  assert.equal((await send({ SourceId: phone() }, retrying)).NewChatCreated, true);
  await s.stop();
});

test("a key limited by `allow` (an SMS gateway's key) gets AccessDeniedException for anything else", async () => {
  const config = testConfig();
  config.accounts[0].credentials.push({ accessKeyId: "AKIDGATEWAY", secretAccessKey: "gw", allow: ["SendChatIntegrationEvent"] });
  const s = await startServer({ config });
  const gw = s.connect({ accessKeyId: "AKIDGATEWAY", secretAccessKey: "gw" });
  const r = await send({ SourceId: phone() }, gw);
  assert.equal(r.NewChatCreated, true);
  const e = await errorOf(gw.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: r.InitialContactId })));
  assert.deepEqual([e.name, e.status], ["AccessDeniedException", 403]);
  assert.match(e.message, /AKIDGATEWAY is not authorized to perform: connect:DescribeContact/);
  await s.stop();
});
