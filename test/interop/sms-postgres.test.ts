// Outbound SMS on PostgreSQL: two nodes on one database, each with its relay; replies of one chat written through
// both while Twilio is down reach it once each, in the chat's order, when it is back; a permanent refusal is
// dead-lettered; sms_sends holds the provider's ids.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { outboxReport } from "../../src/app.js";
import { twilioSignature } from "../../src/channels/twilio-inbound.js";
import { createScratchDatabase, type Scratch } from "../../src/storage/postgres/scratch.js";
import { DEST, startServer } from "../support/server.js";
import { fakeTwilio, TWILIO_SID, TWILIO_TOKEN, type FakeProvider } from "../support/sms-providers.js";
import { inbound, joinAs, NUMBER, PUBLIC_URL, smsConfig } from "../support/sms.js";

let db: Scratch;
let twilio: FakeProvider;
before(async () => {
  db = await createScratchDatabase();
  twilio = await fakeTwilio();
});
after(async () => {
  await twilio.close();
  await db.drop();
});

test("PostgreSQL, two nodes: replies through both during a Twilio outage arrive once each, in chat order; a 21610 refusal dead-letters", async () => {
  const url = await db.schema("sms");
  const config = smsConfig(
    { provider: "twilio", twilio: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, baseUrl: twilio.url } },
    { streaming: { baseDelayMs: 10, maxDelayMs: 100, pollMs: 20, maxAttempts: 1000 } },
  );
  const a = await startServer({ config, databaseUrl: url });
  const b = await startServer({ config, databaseUrl: url });
  const customer = "+14155557777";
  const chat = await inbound(a.connect(), customer, "hello");
  const agent = await joinAs(a.url, a.connect(), chat.InitialContactId!);
  // A second agent (a custom bot cannot join beside an agent, as in Connect), on the other node.
  const bot = await joinAs(b.url, b.connect(), chat.InitialContactId!, "AGENT");
  twilio.mode = { kind: "fail", status: 500, code: 20500, message: "Internal Server Error" };
  const from = twilio.attempts;
  const replies = Array.from({ length: 12 }, (_, i) => `r${i}`);
  const ids: string[] = [];
  for (const [i, r] of replies.entries()) ids.push((await (i % 2 ? bot : agent).say(r)).Id!);
  await twilio.waitAttempts(from + 6);
  twilio.mode = { kind: "ok" };
  const sent = await twilio.waitSent(12);
  assert.deepEqual(sent.map((s) => [s.fields.From, s.fields.To, s.fields.Body]), replies.map((r) => [NUMBER, customer, r]));
  for (;;) {
    const r = await outboxReport(a.app.store);
    if (r.endpoints.every((e) => e.pending + e.retrying === 0)) break;
    await new Promise((ok) => setTimeout(ok, 20));
  }
  assert.equal(twilio.sent.length, 12, "no reply was sent twice by the two relays");
  // One statement at a time: a transaction's connection runs one query at a time (pg 9 refuses queued ones).
  const recorded = await a.app.store.tx(async (tx) => {
    const rows = [];
    for (const id of ids) rows.push(await tx.smsSendsOfItem(id));
    return rows;
  });
  assert.deepEqual(recorded.map((r) => r.map((x) => x.providerMessageId)), sent.map((s) => [s.id]));

  twilio.mode = { kind: "fail", status: 400, code: 21610, message: "Attempt to send to unsubscribed recipient" };
  const refused = await agent.say("opted out");
  // The report's counts and its dead letters are two statements (read committed): wait until both show it.
  const deadCount = (r: Awaited<ReturnType<typeof outboxReport>>) => r.endpoints.find((e) => e.endpoint === `sms:${DEST}`)?.dead ?? 0;
  let report = await outboxReport(b.app.store);
  while (report.deadLetters.length === 0 || deadCount(report) === 0) {
    await new Promise((ok) => setTimeout(ok, 20));
    report = await outboxReport(b.app.store);
  }
  assert.equal(report.deadLetters[0].itemId, refused.Id);
  assert.equal(report.deadLetters[0].attempts, 1);
  assert.match(report.deadLetters[0].lastError!, /Twilio error 21610: Attempt to send to unsubscribed recipient \(HTTP 400/);
  assert.equal(deadCount(report), 1);
  agent.close();
  bot.close();
  await a.stop();
  await b.stop();
});

/** A signed Twilio webhook (inbound text or status callback) to one node. */
async function signed(url: string, path: string, fields: Record<string, string>) {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(TWILIO_TOKEN, `${PUBLIC_URL}${path}`, Object.entries(fields)) },
    body: new URLSearchParams(fields).toString(),
  });
  assert.equal(res.status, 200, await res.text());
}

test("PostgreSQL, two nodes: a status callback taken by the other node reaches the agent's socket as the delivered receipt; a STOP texted to it blocks the agent's reply on this one", async () => {
  const url = await db.schema("sms_status");
  const config = smsConfig({ provider: "twilio", twilio: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, baseUrl: twilio.url } }, { streaming: { baseDelayMs: 10, maxDelayMs: 100, pollMs: 20 } });
  const a = await startServer({ config, databaseUrl: url });
  const b = await startServer({ config, databaseUrl: url });
  twilio.mode = { kind: "ok" };
  twilio.sent.length = 0;
  const customer = "+14155557788";
  const agent = await joinAs(a.url, a.connect(), (await inbound(a.connect(), customer, "hello")).InitialContactId!);
  const socket = await agent.socket();
  const reply = await agent.say("on its way");
  const [sent] = await twilio.waitSent(1);
  let recorded = await a.app.store.tx((tx) => tx.smsSendsOfItem(reply.Id!));
  while (recorded.length === 0) {
    await new Promise((ok) => setTimeout(ok, 20));
    recorded = await a.app.store.tx((tx) => tx.smsSendsOfItem(reply.Id!));
  }
  await signed(b.url, "/channels/twilio/status", { MessageSid: sent.id, MessageStatus: "delivered", AccountSid: TWILIO_SID, From: NUMBER, To: customer });
  const pushed = await socket.next((f) => f.item?.Type === "MESSAGEMETADATA", 10_000);
  assert.equal(pushed.item!.MessageMetadata.MessageId, reply.Id);
  assert.equal((await a.app.store.tx((tx) => tx.smsSendsOfItem(reply.Id!)))[0].status, "delivered");

  await signed(b.url, "/channels/twilio", { MessageSid: "SM" + randomBytes(16).toString("hex"), AccountSid: TWILIO_SID, From: customer, To: NUMBER, Body: "STOP" });
  await socket.next((f) => f.item?.ContentType === "application/vnd.amazonaws.connect.event.chat.ended", 10_000);
  const again = await joinAs(a.url, a.connect(), (await inbound(a.connect(), customer, "one more thing")).InitialContactId!);
  await assert.rejects(again.say("sure"), /opted out of SMS from this destination/);
  socket.close();
  agent.close();
  again.close();
  await a.stop();
  await b.stop();
});
