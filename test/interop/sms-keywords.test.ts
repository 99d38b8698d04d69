// The carriers' SMS keywords through Twilio's signed inbound webhook, and the per-number send rate: STOP ends the
// chat and blocks every agent reply to that number (400 naming the opt-out, nothing stored or sent) until START;
// HELP is answered with sms.helpText, sent to the phone as a SYSTEM message; sms.messagesPerSecond spaces a number's
// texts (excess waits in the outbox, nothing dropped).
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { SendChatIntegrationEventCommand } from "@aws-sdk/client-connect";
import { twilioSignature } from "../../src/channels/twilio-inbound.js";
import { outboxReport } from "../../src/app.js";
import { DEST, startServer, type Running } from "../support/server.js";
import { fakeTwilio, TWILIO_SID, TWILIO_TOKEN, type FakeProvider } from "../support/sms-providers.js";
import { inbound, joinAs, NUMBER, PUBLIC_URL, smsConfig } from "../support/sms.js";

const HELP_TEXT = "Acme support: reply STOP to opt out. Help at acme.example/help";
let twilio: FakeProvider;
let srv: Running;
const twilioSms = () => ({ provider: "twilio", twilio: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, baseUrl: twilio.url } });
before(async () => {
  twilio = await fakeTwilio();
  srv = await startServer({ config: smsConfig({ ...twilioSms(), helpText: HELP_TEXT }) });
});
after(async () => {
  await srv.stop();
  await twilio.close();
});

let n = 0;
const phone = () => `+1415559${String(6000 + ++n)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A text from the customer's phone as Twilio posts it (signed). */
async function text(from: string, body: string) {
  const sid = "SM" + randomBytes(16).toString("hex");
  const fields = { MessageSid: sid, SmsSid: sid, AccountSid: TWILIO_SID, From: from, To: NUMBER, Body: body, NumMedia: "0" };
  const res = await fetch(`${srv.url}/channels/twilio`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(TWILIO_TOKEN, `${PUBLIC_URL}/channels/twilio`, Object.entries(fields)) },
    body: new URLSearchParams(fields).toString(),
  });
  assert.equal(res.status, 200, await res.text());
}

/** The number's active chat, if any (a typing event makes none). */
const activeChat = async (from: string) =>
  (await srv.connect().send(new SendChatIntegrationEventCommand({ SourceId: from, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "EVENT", ContentType: "application/vnd.amazonaws.connect.event.typing" } }))).InitialContactId;

async function drained(s: Running = srv) {
  for (;;) {
    const r = await outboxReport(s.app.store);
    if (r.endpoints.every((e) => e.pending + e.retrying === 0)) return r;
    await sleep(20);
  }
}

test("STOP (any case) ends the chat and blocks replies to that number with a 400 naming the opt-out until START", async () => {
  twilio.mode = { kind: "ok" };
  twilio.sent.length = 0;
  const customer = phone();
  await text(customer, "hi");
  const first = await activeChat(customer);
  const agent = await joinAs(srv.url, srv.connect(), first!);
  const socket = await agent.socket();
  await text(customer, "  Stop ");
  assert.equal(await activeChat(customer), undefined, "STOP ended the chat");
  await socket.next((f) => f.item?.ContentType === "application/vnd.amazonaws.connect.event.chat.ended");
  assert.ok(socket.frames.some((f) => f.item?.ParticipantRole === "CUSTOMER" && f.item?.Content === "  Stop "), "the agent saw the customer's STOP");
  socket.close();
  agent.close();

  // The customer writes again: a new chat, but the agent's reply is refused before it is stored.
  await text(customer, "one more question");
  const second = await activeChat(customer);
  assert.ok(second && second !== first);
  const agent2 = await joinAs(srv.url, srv.connect(), second);
  const before = await agent2.transcript();
  await assert.rejects(agent2.say("Sure, what is it?"), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(e.name, "ValidationException");
    assert.equal(e.$metadata?.httpStatusCode, 400);
    assert.match(e.message, new RegExp(`\\${customer} opted out of SMS from this destination \\(texted STOP at .*\\).*START or UNSTOP`));
    return true;
  });
  assert.deepEqual(await agent2.transcript(), before, "nothing stored");
  await text(customer, "start");
  await agent2.say("Welcome back");
  const [sent] = await twilio.waitSent(1);
  assert.deepEqual([sent.fields.To, sent.fields.Body], [customer, "Welcome back"]);
  await drained();
  assert.equal(twilio.sent.length, 1, "nothing else went to the opted-out number");
  agent2.close();
});

test("STOP with no chat starts none and still opts out; a text that merely contains 'stop' is an ordinary message", async () => {
  twilio.sent.length = 0;
  const customer = phone();
  await text(customer, "UNSUBSCRIBE");
  assert.equal(await activeChat(customer), undefined, "no chat for a keyword");
  await text(customer, "please don't stop the delivery");
  const chat = await activeChat(customer);
  const agent = await joinAs(srv.url, srv.connect(), chat!);
  await assert.rejects(agent.say("ok"), /opted out/);
  await text(customer, "UNSTOP");
  await agent.say("ok");
  await twilio.waitSent(1);
  agent.close();
});

test("HELP is answered with sms.helpText: a SYSTEM message in the chat, sent to the phone", async () => {
  twilio.sent.length = 0;
  const customer = phone();
  await text(customer, "help");
  const [sent] = await twilio.waitSent(1);
  assert.deepEqual([sent.fields.From, sent.fields.To, sent.fields.Body], [NUMBER, customer, HELP_TEXT]);
  const agent = await joinAs(srv.url, srv.connect(), (await activeChat(customer))!);
  const messages = (await agent.transcript()).filter((i) => i.Type === "MESSAGE").map((i) => [i.ParticipantRole, i.Content]);
  assert.deepEqual(messages.sort(), [["CUSTOMER", "help"], ["SYSTEM", HELP_TEXT]]);
  agent.close();
});

test("sms.messagesPerSecond: texts from one number are spaced by the rate (burst of one second's worth), none dropped, none dead-lettered", async () => {
  const received: number[] = [];
  const fast = await fakeTwilio();
  fast.mode = () => {
    received.push(performance.now());
    return { kind: "ok" };
  };
  const paced = await startServer({ config: smsConfig({ ...twilioSms(), twilio: { ...twilioSms().twilio, baseUrl: fast.url }, messagesPerSecond: 2 }) });
  const connect = paced.connect();
  // Six chats with one reply each: concurrent lanes share the number's bucket; some sleep for a slot, some are deferred.
  const agents = [];
  for (let i = 0; i < 6; i++) agents.push(await joinAs(paced.url, connect, (await inbound(connect, phone(), "hi")).InitialContactId!));
  for (const [i, a] of agents.entries()) await a.say(`reply ${i}`);
  const sent = await fast.waitSent(6);
  const report = await drained(paced);
  assert.equal(report.deadLetters.length, 0);
  assert.deepEqual(sent.map((s) => s.fields.Body).sort(), Array.from({ length: 6 }, (_, i) => `reply ${i}`));
  // Two per second with a burst of two: the 3rd text's slot is 0.5 s after the 1st's, the 6th's 2 s after it. Arrivals
  // are slots plus latency, and the first sends also open the connection (tens of ms on a loaded machine, once 67 ms
  // here), hence the margins; unpaced, all six arrive within a few ms of each other.
  assert.ok(received[2] - received[0] >= 400, `3rd after ${received[2] - received[0]} ms`);
  assert.ok(received[5] - received[0] >= 1800, `6th after ${received[5] - received[0]} ms`);
  for (const a of agents) a.close();
  await paced.stop();
  await fast.close();
});
