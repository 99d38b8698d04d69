// Twilio's status callbacks become Connect receipts: POST /channels/twilio/status (signed like the inbound webhook)
// with MessageStatus delivered puts the customer's message.delivered receipt on the agent's message — pushed to
// the agent's WebSocket as MESSAGEMETADATA and kept in the transcript — while failed/undelivered shows the agent a
// SYSTEM message with Twilio's error text (never sent to the phone). Repeated callbacks change nothing; a bad
// signature is 403 and changes nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { twilioSignature } from "../../src/channels/twilio-inbound.js";
import { outboxReport } from "../../src/app.js";

import { TWILIO_SID, TWILIO_TOKEN } from "../support/sms-providers.js";
import { inbound, joinAs, NUMBER, PUBLIC_URL, twilioServer } from "../support/sms.js";

// env.twilio and env.srv are set by twilioServer's own before hook.
const env = twilioServer();

let n = 0;
const phone = () => `+1415557${String(4000 + ++n)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function drained() {
  for (;;) {
    const r = await outboxReport(env.srv.app.store);
    if (r.endpoints.every((e) => e.pending + e.retrying === 0)) return;
    await sleep(20);
  }
}

/** The fields Twilio posts to a StatusCallback. */
const statusForm = (sid: string, to: string, status: string, extra: Record<string, string> = {}) => ({
  SmsSid: sid, SmsStatus: status, MessageStatus: status, To: to, MessageSid: sid, AccountSid: TWILIO_SID, From: NUMBER, ApiVersion: "2010-04-01", ...extra,
});

async function callback(fields: Record<string, string>, signature = twilioSignature(TWILIO_TOKEN, `${PUBLIC_URL}/channels/twilio/status`, Object.entries(fields))) {
  const res = await fetch(`${env.srv.url}/channels/twilio/status`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, body: await res.text() };
}

const sendOf = (itemId: string) => env.srv.app.store.tx(async (tx) => (await tx.smsSendsOfItem(itemId))[0]);

test("delivered: the agent's WebSocket gets the customer's message.delivered receipt and the transcript keeps it; repeated and late callbacks change nothing", async () => {
  env.twilio.sent.length = 0;
  const connect = env.srv.connect();
  const customer = phone();
  const chat = await inbound(connect, customer, "Where is my parcel?");
  const agent = await joinAs(env.srv.url, connect, chat.InitialContactId!);
  const socket = await agent.socket();
  const reply = await agent.say("It arrives tomorrow.");
  const [sent] = await env.twilio.waitSent(1);
  assert.equal(sent.fields.StatusCallback, `${PUBLIC_URL}/channels/twilio/status`);
  await drained();

  assert.equal((await callback(statusForm(sent.id, customer, "sent"))).status, 200);
  assert.equal((await sendOf(reply.Id!)).status, "sent");
  assert.equal((await callback(statusForm(sent.id, customer, "delivered"))).status, 200);
  const pushed = await socket.next((f) => f.item?.Type === "MESSAGEMETADATA");
  const customerId = (await agent.transcript()).find((i) => i.ParticipantRole === "CUSTOMER")!.ParticipantId;
  assert.equal(pushed.item!.MessageMetadata.MessageId, reply.Id);
  assert.equal(pushed.item!.ContentType, "application/vnd.amazonaws.connect.event.message.metadata");
  assert.deepEqual(Object.keys(pushed.item!.MessageMetadata.Receipts[0]).sort(), ["DeliveredTimestamp", "RecipientParticipantId"]);
  assert.equal(pushed.item!.MessageMetadata.Receipts[0].RecipientParticipantId, customerId);
  const inTranscript = () => agent.transcript().then((t) => t.find((i) => i.Id === reply.Id)!.MessageMetadata);
  const meta = await inTranscript();
  assert.equal(meta?.Receipts?.length, 1);
  assert.equal(meta!.Receipts![0].RecipientParticipantId, customerId);
  assert.equal(meta!.Receipts![0].DeliveredTimestamp, pushed.item!.MessageMetadata.Receipts[0].DeliveredTimestamp);
  assert.equal((await sendOf(reply.Id!)).status, "delivered");

  // Twilio repeats a callback, and "sent" may arrive after "delivered".
  assert.equal((await callback(statusForm(sent.id, customer, "delivered"))).status, 200);
  assert.equal((await callback(statusForm(sent.id, customer, "sent"))).status, 200);
  await agent.say("marker"); // pushed after anything the callbacks above could have pushed
  await socket.next((f) => f.item?.Content === "marker");
  assert.equal(socket.frames.filter((f) => f.item?.Type === "MESSAGEMETADATA").length, 1);
  assert.deepEqual(await inTranscript(), meta);
  assert.equal((await sendOf(reply.Id!)).status, "delivered");
  socket.close();
  agent.close();
});

test("undelivered: the agent sees a SYSTEM message with Twilio's error code and text, not sent to the phone; once, however often Twilio calls", async () => {
  env.twilio.sent.length = 0;
  const connect = env.srv.connect();
  const customer = phone();
  const chat = await inbound(connect, customer, "hi");
  const agent = await joinAs(env.srv.url, connect, chat.InitialContactId!);
  const socket = await agent.socket();
  const reply = await agent.say("Your code is 1234");
  const [sent] = await env.twilio.waitSent(1);
  await drained();
  const failed = statusForm(sent.id, customer, "undelivered", { ErrorCode: "30003", ErrorMessage: "Unreachable destination handset" });
  assert.equal((await callback(failed)).status, 200);
  const expected = `SMS to ${customer} was not delivered (undelivered): Twilio error 30003: Unreachable destination handset. Message: "Your code is 1234"`;
  const pushed = await socket.next((f) => f.item?.ParticipantRole === "SYSTEM");
  assert.equal(pushed.item!.Content, expected);
  assert.equal(pushed.item!.Type, "MESSAGE");
  assert.equal((await callback(failed)).status, 200);
  assert.equal((await callback(statusForm(sent.id, customer, "failed", { ErrorCode: "30003" }))).status, 200);
  const system = (await agent.transcript()).filter((i) => i.ParticipantRole === "SYSTEM");
  assert.deepEqual(system.map((i) => i.Content), [expected]);
  const rec = await sendOf(reply.Id!);
  assert.deepEqual([rec.status, rec.error], ["undelivered", "Twilio error 30003: Unreachable destination handset"]);
  await drained();
  assert.equal(env.twilio.sent.length, 1, "the agent-only notice never goes to the phone");
  socket.close();
  agent.close();
});

test("a bad or missing signature is 403 and changes nothing; an unknown MessageSid is 404", async () => {
  env.twilio.sent.length = 0;
  const connect = env.srv.connect();
  const customer = phone();
  const agent = await joinAs(env.srv.url, connect, (await inbound(connect, customer, "hi")).InitialContactId!);
  const reply = await agent.say("hello");
  const [sent] = await env.twilio.waitSent(1);
  await drained();
  const before = await agent.transcript();
  const fields = statusForm(sent.id, customer, "delivered");
  const bad = await callback(fields, twilioSignature("another-token", `${PUBLIC_URL}/channels/twilio/status`, Object.entries(fields)));
  assert.equal(bad.status, 403);
  assert.match(bad.body, /X-Twilio-Signature does not match/);
  assert.equal((await callback(fields, "")).status, 403);
  // Signed over the inbound webhook's URL: not valid for the status callback.
  assert.equal((await callback(fields, twilioSignature(TWILIO_TOKEN, `${PUBLIC_URL}/channels/twilio`, Object.entries(fields)))).status, 403);
  assert.deepEqual(await agent.transcript(), before);
  assert.equal((await sendOf(reply.Id!)).status, "queued");
  const unknown = await callback(statusForm("SM" + "0".repeat(32), customer, "delivered"));
  assert.equal(unknown.status, 404);
  assert.match(unknown.body, /MessageSid/);
  agent.close();
});
