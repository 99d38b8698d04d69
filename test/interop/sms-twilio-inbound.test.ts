// Twilio's inbound SMS webhook end to end: a signed form POST to /channels/twilio starts (or continues) the chat of
// From at the destination whose sms.number is To, answers empty TwiML, and an agent's reply goes back out through
// the local Twilio to that number. Bad or missing signatures are refused with 403 and store nothing; a MessageSid
// Twilio sends again is taken once; MMS media arrive as links.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { SendChatIntegrationEventCommand } from "@aws-sdk/client-connect";
import { twilioSignature } from "../../src/channels/twilio-inbound.js";
import { DEST } from "../support/server.js";
import { TWILIO_SID, TWILIO_TOKEN } from "../support/sms-providers.js";
import { joinAs, NUMBER, PUBLIC_URL, twilioServer } from "../support/sms.js";

// env.twilio and env.srv are set by twilioServer's own before hook.
const env = twilioServer();

let n = 0;
const phone = () => `+1415555${String(3000 + ++n)}`;
const sid = () => "SM" + randomBytes(16).toString("hex");
/** The fields Twilio posts for an inbound SMS. */
const form = (from: string, body: string, messageSid = sid(), extra: Record<string, string> = {}) => ({
  ToCountry: "US", SmsMessageSid: messageSid, NumMedia: "0", SmsSid: messageSid, SmsStatus: "received", Body: body, To: NUMBER,
  NumSegments: "1", MessageSid: messageSid, AccountSid: TWILIO_SID, From: from, ApiVersion: "2010-04-01", ...extra,
});

/** Posts as Twilio does; `signature` null sends no X-Twilio-Signature. */
async function post(fields: Record<string, string>, signature: string | null = twilioSignature(TWILIO_TOKEN, `${PUBLIC_URL}/channels/twilio`, Object.entries(fields))) {
  const res = await fetch(`${env.srv.url}/channels/twilio`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(signature !== null ? { "x-twilio-signature": signature } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
}

/** The chat of `from` now: whether a MESSAGE event would create one (answered through the real Connect SDK). */
const probe = (from: string) =>
  env.srv.connect().send(new SendChatIntegrationEventCommand({ SourceId: from, DestinationId: DEST, Subtype: "connect:sms", Event: { Type: "EVENT", ContentType: "application/vnd.amazonaws.connect.event.typing" } }));

test("a signed inbound SMS starts the chat, is answered with empty TwiML, and the agent's reply goes back to that phone", async () => {
  const customer = phone();
  const r = await post(form(customer, "Hello from my phone"));
  assert.deepEqual(r, { status: 200, type: "text/xml", body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>' });
  const chat = await probe(customer);
  assert.ok(chat.InitialContactId, "the SMS made a chat");
  const agent = await joinAs(env.srv.url, env.srv.connect(), chat.InitialContactId!);
  const texts = (await agent.transcript()).filter((i) => i.Type === "MESSAGE").map((i) => [i.ParticipantRole, i.Content]);
  assert.deepEqual(texts, [["CUSTOMER", "Hello from my phone"]]);
  // A second SMS continues the same chat.
  assert.equal((await post(form(customer, "still there?"))).status, 200);
  assert.equal((await probe(customer)).InitialContactId, chat.InitialContactId);

  env.twilio.sent.length = 0;
  await agent.say("Yes, how can I help?");
  const [out] = await env.twilio.waitSent(1);
  assert.deepEqual([out.fields.From, out.fields.To, out.fields.Body], [NUMBER, customer, "Yes, how can I help?"]);
  agent.close();
});

test("Twilio retrying a webhook (same MessageSid) adds the message once", async () => {
  const customer = phone();
  const fields = form(customer, "only once");
  for (let i = 0; i < 3; i++) assert.equal((await post(fields)).status, 200);
  const chat = await probe(customer);
  const agent = await joinAs(env.srv.url, env.srv.connect(), chat.InitialContactId!);
  assert.deepEqual((await agent.transcript()).filter((i) => i.Type === "MESSAGE").map((i) => i.Content), ["only once"]);
  agent.close();
});

test("a bad, missing or foreign signature is refused with 403 and stores nothing", async () => {
  const customer = phone();
  const fields = form(customer, "forged");
  const good = twilioSignature(TWILIO_TOKEN, `${PUBLIC_URL}/channels/twilio`, Object.entries(fields));
  const cases: [Record<string, string>, string | null][] = [
    [fields, null],
    [fields, "AAAAAAAAAAAAAAAAAAAAAAAAAAA="],
    [fields, twilioSignature("another-token", `${PUBLIC_URL}/channels/twilio`, Object.entries(fields))],
    [fields, twilioSignature(TWILIO_TOKEN, "https://elsewhere.example.com/channels/twilio", Object.entries(fields))],
    [{ ...fields, Body: "tampered" }, good],
    [{ ...fields, To: "+15559999999" }, twilioSignature(TWILIO_TOKEN, `${PUBLIC_URL}/channels/twilio`, Object.entries({ ...fields, To: "+15559999999" }))],
  ];
  for (const [f, sig] of cases) {
    const r = await post(f, sig);
    assert.equal(r.status, 403, `signature ${sig}`);
    assert.equal(JSON.parse(r.body).message.length > 0, true);
  }
  const after = await probe(customer);
  assert.equal(after.InitialContactId, undefined, "no chat was created");
});

test("MMS: each media URL becomes a line the agent sees, with its link", async () => {
  const customer = phone();
  const media = { NumMedia: "1", MediaUrl0: "https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM1/Media/ME1", MediaContentType0: "image/jpeg" };
  assert.equal((await post(form(customer, "photo of the damage", sid(), media))).status, 200);
  const agent = await joinAs(env.srv.url, env.srv.connect(), (await probe(customer)).InitialContactId!);
  const [msg] = (await agent.transcript()).filter((i) => i.Type === "MESSAGE");
  assert.equal(msg.Content, `photo of the damage\n[Attachment image/jpeg: ${media.MediaUrl0}]`);
  agent.close();
});
