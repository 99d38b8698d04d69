// Outbound SMS through the transactional outbox to local providers that speak Twilio's Messages API and
// pinpoint-sms-voice-v2: what goes out (agents', bots' messages only), from and to which numbers, outages and
// recovery in chat order, permanent refusals dead-lettered at once, over-long replies refused before storing.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { SendChatIntegrationEventCommand, StopContactCommand } from "@aws-sdk/client-connect";
import { outboxReport } from "../../src/app.js";
import { DEST, INSTANCE, SHORT_DEST, startServer } from "../support/server.js";
import { fakeEndUserMessaging, fakeTwilio, TWILIO_SID, TWILIO_TOKEN, type FakeProvider } from "../support/sms-providers.js";
import { inbound, joinAs, NUMBER, PUBLIC_URL, smsConfig } from "../support/sms.js";

let twilio: FakeProvider;
before(async () => (twilio = await fakeTwilio()));
after(() => twilio.close());

let n = 0;
const phone = () => `+1415555${String(2000 + ++n)}`;
const twilioSms = () => ({ provider: "twilio", twilio: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, baseUrl: twilio.url } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The relay has nothing left for this server's SMS lanes (every entry sent or dead). */
async function drained(srv: { app: { store: Parameters<typeof outboxReport>[0] } }) {
  for (;;) {
    const r = await outboxReport(srv.app.store);
    if (r.endpoints.every((e) => e.pending + e.retrying === 0)) return r;
    await sleep(20);
  }
}

test("an agent's and a bot's replies reach Twilio: exactly that body, to the customer's number, from the destination's number; the customer's messages and events never go out", async () => {
  twilio.mode = { kind: "ok" };
  twilio.sent.length = 0;
  const srv = await startServer({ config: smsConfig(twilioSms()) });
  const connect = srv.connect();
  const customer = phone();
  const first = await inbound(connect, customer, "Hi, my order is late");
  // The bot first: an agent joining disconnects a custom bot, as in Connect.
  const bot = await joinAs(srv.url, connect, first.InitialContactId!, "CUSTOM_BOT");
  await inbound(connect, customer, "Are you there?");
  await connect.send(new SendChatIntegrationEventCommand({ SourceId: customer, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "EVENT", ContentType: "application/vnd.amazonaws.connect.event.typing" } }));
  await bot.say("Reply STOP to opt out");
  const agent = await joinAs(srv.url, connect, first.InitialContactId!);
  const reply = await agent.say("Sorry about that — it ships today. 🚚");
  const sent = await twilio.waitSent(2);
  assert.deepEqual(sent.map((s) => s.fields), [
    { From: NUMBER, To: customer, Body: "Reply STOP to opt out", StatusCallback: `${PUBLIC_URL}/channels/twilio/status` },
    { From: NUMBER, To: customer, Body: "Sorry about that — it ships today. 🚚", StatusCallback: `${PUBLIC_URL}/channels/twilio/status` },
  ]);
  await drained(srv);
  assert.equal(twilio.sent.length, 2, "nothing else went out: not the customer's texts, not joins, not typing");
  // The provider's message id is recorded against the item, for delivery callbacks.
  const sends = await srv.app.store.tx((tx) => tx.smsSendsOfItem(reply.Id!));
  assert.equal(sends.length, 1);
  assert.deepEqual({ ...sends[0], createdAt: 0 }, {
    itemId: reply.Id, initialContactId: first.InitialContactId, destinationId: DEST, provider: "twilio", providerMessageId: sent[1].id, status: "queued", createdAt: 0,
  });
  assert.equal((await srv.app.store.tx((tx) => tx.smsSendByProviderId("twilio", sent[1].id)))?.itemId, reply.Id);
  agent.close();
  bot.close();
  await srv.stop();
});

test("chats that are not SMS or whose destination has no SMS provider send nothing", async () => {
  twilio.mode = { kind: "ok" };
  twilio.sent.length = 0;
  const srv = await startServer({ config: smsConfig(twilioSms()) });
  const connect = srv.connect();
  const noProvider = await inbound(connect, phone(), "hello", SHORT_DEST);
  const whatsapp = await inbound(connect, phone(), "hello", DEST, "connect:WhatsApp");
  for (const c of [noProvider, whatsapp]) {
    const agent = await joinAs(srv.url, connect, c.InitialContactId!);
    await agent.say("a reply that stays in the chat");
    agent.close();
  }
  // A control message on the SMS chat proves the relay ran after the two replies above were committed.
  const sms = await inbound(connect, phone(), "hello");
  const agent = await joinAs(srv.url, connect, sms.InitialContactId!);
  await agent.say("control");
  await twilio.waitSent(1);
  await drained(srv);
  assert.deepEqual(twilio.sent.map((s) => s.fields.Body), ["control"]);
  agent.close();
  await srv.stop();
});

test("Twilio down (500, then 429) for a while, then back: every reply of two chats arrives, in each chat's order", async () => {
  twilio.sent.length = 0;
  twilio.mode = { kind: "fail", status: 500, code: 20500, message: "Internal Server Error" };
  const srv = await startServer({ config: smsConfig(twilioSms(), { streaming: { baseDelayMs: 10, maxDelayMs: 50, pollMs: 20, maxAttempts: 1000 } }) });
  const connect = srv.connect();
  const a = phone();
  const b = phone();
  const agents = await Promise.all([a, b].map(async (p) => joinAs(srv.url, connect, (await inbound(connect, p, "hi")).InitialContactId!)));
  for (let i = 0; i < 10; i++) {
    await agents[0].say(`a${i}`);
    await agents[1].say(`b${i}`);
  }
  const before = twilio.attempts;
  await twilio.waitAttempts(before + 5);
  twilio.mode = { kind: "fail", status: 429, code: 20429, message: "Too Many Requests" };
  await twilio.waitAttempts(before + 10);
  const stats = await outboxReport(srv.app.store);
  assert.equal(stats.deadLetters.length, 0);
  assert.equal(stats.endpoints.find((e) => e.endpoint === `sms:${DEST}`)?.retrying, 2, "each chat's head is being retried; the rest waits behind it");
  twilio.mode = { kind: "ok" };
  const sent = await twilio.waitSent(20);
  await drained(srv);
  assert.equal(twilio.sent.length, 20, "a refused request was not sent: none twice");
  assert.deepEqual(sent.filter((s) => s.fields.To === a).map((s) => s.fields.Body), Array.from({ length: 10 }, (_, i) => `a${i}`));
  assert.deepEqual(sent.filter((s) => s.fields.To === b).map((s) => s.fields.Body), Array.from({ length: 10 }, (_, i) => `b${i}`));
  for (const x of agents) x.close();
  await srv.stop();
});

test("a destination whose provider is down blocks no other destination: the other's replies go out meanwhile, the first's once it is back", async () => {
  twilio.sent.length = 0;
  const OTHER_NUMBER = "+15550002222";
  const config = smsConfig(twilioSms(), { streaming: { baseDelayMs: 10, maxDelayMs: 50, pollMs: 20, maxAttempts: 1000 } });
  config.accounts[0].instances[0].destinations[1].sms = { ...config.accounts[0].instances[0].destinations[0].sms!, number: OTHER_NUMBER };
  // Twilio refuses every send from NUMBER (DEST's) with 503 and accepts the rest.
  let down = true;
  twilio.mode = (f) => (down && f.From === NUMBER ? { kind: "fail", status: 503, code: 20503, message: "Service Unavailable" } : { kind: "ok" });
  const srv = await startServer({ config });
  const connect = srv.connect();
  const a = await joinAs(srv.url, connect, (await inbound(connect, phone(), "hi", DEST)).InitialContactId!);
  const b = await joinAs(srv.url, connect, (await inbound(connect, phone(), "hi", SHORT_DEST)).InitialContactId!);
  for (let i = 0; i < 5; i++) await a.say(`down ${i}`);
  for (let i = 0; i < 5; i++) await b.say(`up ${i}`);
  const meanwhile = await twilio.waitSent(5);
  assert.deepEqual(meanwhile.map((s) => [s.fields.From, s.fields.Body]), Array.from({ length: 5 }, (_, i) => [OTHER_NUMBER, `up ${i}`]));
  const stats = await outboxReport(srv.app.store);
  assert.equal(stats.endpoints.find((e) => e.endpoint === `sms:${DEST}`)?.retrying, 1);
  down = false;
  const all = await twilio.waitSent(10);
  assert.deepEqual(all.slice(5).map((s) => [s.fields.From, s.fields.Body]), Array.from({ length: 5 }, (_, i) => [NUMBER, `down ${i}`]));
  a.close();
  b.close();
  await srv.stop();
});

test("a permanent refusal (HTTP 400, Twilio 21211) is dead-lettered at once with Twilio's error text, shown and replayed by the admin API", async () => {
  twilio.sent.length = 0;
  const adminToken = "an-admin-token-of-some-length";
  const srv = await startServer({ config: smsConfig(twilioSms(), { server: { publicUrl: PUBLIC_URL, adminToken } }) });
  const admin = async (method: string, path: string) =>
    (await fetch(`${srv.url}/_connect-chat/${path}`, { method, headers: { authorization: `Bearer ${adminToken}` } })).json() as Promise<any>;
  const connect = srv.connect();
  const bad = phone();
  twilio.mode = (f) => (f.To === bad ? { kind: "fail", status: 400, code: 21211, message: `The 'To' number ${bad} is not a valid phone number.` } : { kind: "ok" });
  const agent = await joinAs(srv.url, connect, (await inbound(connect, bad, "hi")).InitialContactId!);
  const before = twilio.attempts;
  const reply = await agent.say("will not arrive");
  await drained(srv);
  assert.equal(twilio.attempts - before, 1, "tried once, not retried");
  const report = await admin("GET", "outbox");
  assert.deepEqual(report.endpoints, [{ endpoint: `sms:${DEST}`, pending: 0, retrying: 0, dead: 1 }]);
  assert.equal(report.deadLetters.length, 1);
  const dead = report.deadLetters[0];
  assert.equal(dead.endpoint, `sms:${DEST}`);
  assert.equal(dead.itemId, reply.Id);
  assert.equal(dead.attempts, 1);
  assert.equal(dead.lastError, `TwilioError: Twilio error 21211: The 'To' number ${bad} is not a valid phone number. (HTTP 400, https://www.twilio.com/docs/errors/21211)`);
  const [failed] = await srv.app.store.tx((tx) => tx.smsSendsOfItem(reply.Id!));
  assert.equal(failed.status, "failed");
  assert.match(failed.error!, /21211/);
  // The other chats are not blocked by the dead letter.
  const other = await joinAs(srv.url, connect, (await inbound(connect, phone(), "hi")).InitialContactId!);
  await other.say("fine");
  await twilio.waitSent(1);
  twilio.mode = { kind: "ok" };
  assert.deepEqual(await admin("POST", `outbox/replay?endpoint=${encodeURIComponent(`sms:${DEST}`)}`), { replayed: 1 });
  const sent = await twilio.waitSent(2);
  assert.deepEqual(sent.map((s) => s.fields.Body), ["fine", "will not arrive"]);
  agent.close();
  other.close();
  await srv.stop();
});

test("a reply longer than sms.maxSegments is refused with a 400 naming the count and the limit; nothing is stored or sent", async () => {
  twilio.mode = { kind: "ok" };
  twilio.sent.length = 0;
  const srv = await startServer({ config: smsConfig({ ...twilioSms(), maxSegments: 2 }) });
  const connect = srv.connect();
  const agent = await joinAs(srv.url, connect, (await inbound(connect, phone(), "hi")).InitialContactId!);
  const before = await agent.transcript();
  await assert.rejects(agent.say("x".repeat(307)), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(e.name, "ValidationException");
    assert.equal(e.$metadata?.httpStatusCode, 400);
    assert.match(e.message, /3 SMS segments long \(307 GSM-7 septets\).*at most 2 segments/);
    return true;
  });
  assert.deepEqual(await agent.transcript(), before);
  await agent.say("y".repeat(306));
  const [sent] = await twilio.waitSent(1);
  assert.equal(sent.fields.Body, "y".repeat(306));
  await drained(srv);
  assert.equal(twilio.sent.length, 1);
  agent.close();
  await srv.stop();
});

test("sms.split: a reply longer than maxSegments is stored once and sent as several texts, in order, each within the limit", async () => {
  twilio.mode = { kind: "ok" };
  twilio.sent.length = 0;
  const srv = await startServer({ config: smsConfig({ ...twilioSms(), maxSegments: 1, split: true }) });
  const connect = srv.connect();
  const agent = await joinAs(srv.url, connect, (await inbound(connect, phone(), "hi")).InitialContactId!);
  const text = Array.from({ length: 20 }, (_, i) => `Schritt ${i}: prüfen`).join(" "); // 369 GSM-7 septets (ü is GSM-7)
  const reply = await agent.say(text);
  await agent.say("after");
  const sent = await twilio.waitSent(4);
  await drained(srv);
  assert.equal(twilio.sent.length, 4, "three parts, then the next reply");
  assert.equal(sent.slice(0, 3).map((s) => s.fields.Body).join(""), text);
  for (const s of sent.slice(0, 3)) assert.ok(s.fields.Body.length <= 160, "each part is one segment");
  for (const s of sent.slice(0, 2)) assert.match(s.fields.Body, / $/, "broken after a word");
  assert.equal(sent[3].fields.Body, "after");
  const messages = (await agent.transcript()).filter((i) => i.Type === "MESSAGE" && i.ParticipantRole === "AGENT");
  assert.deepEqual(messages.map((m) => m.Content).sort(), [text, "after"].sort(), "one transcript item per reply");
  assert.deepEqual((await srv.app.store.tx((tx) => tx.smsSendsOfItem(reply.Id!))).map((x) => x.providerMessageId), sent.slice(0, 3).map((s) => s.id));
  agent.close();
  await srv.stop();
});

test("a reply committed just before the chat ends still goes out; after the end the agent can no longer send", async () => {
  twilio.sent.length = 0;
  twilio.mode = { kind: "fail", status: 503, code: 20503, message: "Service Unavailable" };
  const srv = await startServer({ config: smsConfig(twilioSms()) });
  const connect = srv.connect();
  const customer = phone();
  const chat = await inbound(connect, customer, "hi");
  const agent = await joinAs(srv.url, connect, chat.InitialContactId!);
  const tried = twilio.attempts;
  await agent.say("last words");
  await connect.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: chat.InitialContactId! }));
  await assert.rejects(agent.say("too late"), { name: "AccessDeniedException" });
  await twilio.waitAttempts(tried + 1);
  twilio.mode = { kind: "ok" };
  const [sent] = await twilio.waitSent(1);
  assert.deepEqual([sent.fields.To, sent.fields.Body], [customer, "last words"]);
  await drained(srv);
  assert.equal(twilio.sent.length, 1);
  agent.close();
  await srv.stop();
});

test("End User Messaging: SendTextMessage through the real SDK with OriginationIdentity = the destination's phone-number ARN; a ValidationException dead-letters at once", async () => {
  const eum = await fakeEndUserMessaging();
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: "eum-test", AWS_SECRET_ACCESS_KEY: "eum-secret" });
  const srv = await startServer({ config: smsConfig({ provider: "endUserMessaging", endUserMessaging: { endpoint: eum.url } }) });
  const connect = srv.connect();
  const customer = phone();
  const agent = await joinAs(srv.url, connect, (await inbound(connect, customer, "hi")).InitialContactId!);
  const reply = await agent.say("Hello from EUM");
  const [sent] = await eum.waitSent(1);
  assert.deepEqual(sent.fields, { DestinationPhoneNumber: customer, OriginationIdentity: DEST, MessageBody: "Hello from EUM", Context: JSON.stringify({ connectChatItemId: reply.Id }) });
  assert.match(String(sent.headers.authorization), /Credential=eum-test\/\d{8}\/us-east-1\/sms-voice\/aws4_request/);
  await drained(srv);
  const [rec] = await srv.app.store.tx((tx) => tx.smsSendsOfItem(reply.Id!));
  assert.deepEqual([rec.provider, rec.providerMessageId], ["endUserMessaging", sent.id]);

  eum.mode = { kind: "fail", status: 400, code: "ValidationException", message: "Destination phone number is invalid" };
  const before = eum.attempts;
  const bad = await agent.say("refused");
  const report = await drained(srv);
  assert.equal(eum.attempts - before, 1);
  assert.equal(report.deadLetters.length, 1);
  assert.equal(report.deadLetters[0].itemId, bad.Id);
  assert.match(report.deadLetters[0].lastError!, /^EndUserMessagingError: ValidationException: Destination phone number is invalid/);

  eum.mode = { kind: "fail", status: 400, code: "ThrottlingException", message: "Rate exceeded" };
  const throttledFrom = eum.attempts;
  await agent.say("throttled first");
  await eum.waitAttempts(throttledFrom + 2);
  eum.mode = { kind: "ok" };
  const all = await eum.waitSent(2);
  assert.equal(all[1].fields.MessageBody, "throttled first", "throttling is retried, not dead-lettered");
  agent.close();
  await srv.stop();
  await eum.close();
});

test("provider webhook: each reply is POSTed as signed JSON (the streaming webhooks' signature) with To, From, Body and the item id", async () => {
  const { createServer } = await import("node:http");
  const { webhookSignature } = await import("../../src/events/sinks.js");
  const got: { body: string; headers: Record<string, string | string[] | undefined> }[] = [];
  let status = 503;
  const hook = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      got.push({ body, headers: req.headers });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  const hookUrl = `http://127.0.0.1:${(hook.address() as import("node:net").AddressInfo).port}/sms`;
  const srv = await startServer({ config: smsConfig({ provider: "webhook", webhook: { url: hookUrl, secret: "s3cret" } }) });
  const connect = srv.connect();
  const customer = phone();
  const chat = await inbound(connect, customer, "hi");
  const agent = await joinAs(srv.url, connect, chat.InitialContactId!);
  const reply = await agent.say("via your gateway");
  while (got.length < 2) await sleep(20); // a 503 is retried
  status = 204;
  await drained(srv);
  const last = got.at(-1)!;
  assert.deepEqual(JSON.parse(last.body), {
    To: customer, From: NUMBER, Body: "via your gateway", ItemId: reply.Id, InitialContactId: chat.InitialContactId, ContactId: chat.InitialContactId, DestinationId: DEST,
  });
  assert.equal(last.headers["x-connect-chat-item-id"], reply.Id);
  assert.equal(last.headers["x-connect-chat-signature"], webhookSignature("s3cret", String(last.headers["x-connect-chat-timestamp"]), last.body));
  const [rec] = await srv.app.store.tx((tx) => tx.smsSendsOfItem(reply.Id!));
  assert.deepEqual([rec.provider, rec.providerMessageId, rec.status], ["webhook", undefined, "sent"]);
  agent.close();
  await srv.stop();
  await new Promise((r) => hook.close(r));
});
