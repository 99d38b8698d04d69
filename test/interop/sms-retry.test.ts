// Failed SMS sends and the agent's Retry (our extension /_connect-chat/sms/…): the agent's token lists its chat's
// sends with the provider's error text; Retry sends a FAILED message again through the outbox — once, however often
// it is asked — for a dead letter (a permanent refusal) and for a message the provider reported undelivered; only an
// agent of that chat may; supervisors list the instance's failures with a SigV4-signed request.
import { test } from "node:test";
import assert from "node:assert/strict";
import { twilioSignature } from "../../src/channels/twilio-inbound.js";
import { outboxReport } from "../../src/app.js";
import { INSTANCE, OTHER_INSTANCE } from "../support/server.js";
import { signHeaders } from "../reliability/support.js";
import { TWILIO_SID, TWILIO_TOKEN } from "../support/sms-providers.js";
import { inbound, joinAs, NUMBER, PUBLIC_URL, twilioServer } from "../support/sms.js";

const env = twilioServer();

let n = 0;
const phone = () => `+1415558${String(3000 + ++n)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function drained() {
  for (;;) {
    const r = await outboxReport(env.srv.app.store);
    if (r.endpoints.every((e) => e.pending + e.retrying === 0)) return r;
    await sleep(20);
  }
}

async function call(method: string, what: string, token: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${env.srv.url}/_connect-chat/sms/${what}`, {
    method,
    headers: { "x-amz-bearer": token, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: await res.json() };
}
const sends = async (token: string) => (await call("GET", "sends", token)).json.Sends as any[];
const retry = (token: string, MessageId: string) => call("POST", "retry", token, { MessageId });

async function failures(instanceId = INSTANCE, signed = true): Promise<{ status: number; json: any }> {
  const port = Number(new URL(env.srv.url).port);
  const path = "/_connect-chat/sms/failures";
  const headers = signed ? await signHeaders(port, { method: "GET", path, query: { InstanceId: instanceId } }) : {};
  const res = await fetch(`${env.srv.url}${path}?InstanceId=${encodeURIComponent(instanceId)}`, { headers });
  return { status: res.status, json: await res.json() };
}

test("a permanent refusal: the agent sees FAILED with Twilio's error text; Retry sends it once through the outbox, however often it is asked", async () => {
  const connect = env.srv.connect();
  const bad = phone();
  env.twilio.mode = (f) => (f.To === bad ? { kind: "fail", status: 400, code: 21610, message: "Attempt to send to unsubscribed recipient" } : { kind: "ok" });
  const agent = await joinAs(env.srv.url, connect, (await inbound(connect, bad, "hi")).InitialContactId!);
  const reply = await agent.say("Your refund is on its way");
  await drained();
  const [failed] = await sends(agent.connectionToken);
  assert.equal(failed.MessageId, reply.Id);
  assert.equal(failed.Status, "FAILED");
  assert.equal(failed.Error, "Twilio error 21610: Attempt to send to unsubscribed recipient (HTTP 400, https://www.twilio.com/docs/errors/21610)");
  assert.equal(failed.Attempts, 1);
  // The console keeps the ParticipantToken: it is accepted too.
  assert.deepEqual(await sends(agent.participantToken), [failed]);

  // The supervisors' view lists it: who wrote what, to whom, why.
  const listed = await failures();
  assert.equal(listed.status, 200);
  const row = listed.json.Failures.find((f: any) => f.MessageId === reply.Id);
  assert.equal(row.Content, "Your refund is on its way");
  assert.equal(row.DisplayName, "Ana");
  assert.equal(row.To, bad);
  assert.equal(row.Error, failed.Error);

  env.twilio.mode = { kind: "ok" };
  const before = env.twilio.sent.length;
  const answers = await Promise.all([retry(agent.connectionToken, reply.Id!), retry(agent.participantToken, reply.Id!)]);
  assert.deepEqual(answers.map((a) => a.status), [200, 200]);
  assert.deepEqual(answers.map((a) => a.json.Retried).sort(), [false, true], "two Retry clicks: one retries, the other finds it PENDING");
  await drained();
  assert.deepEqual((await retry(agent.connectionToken, reply.Id!)).json, { MessageId: reply.Id, Status: "SENT", Attempts: 2, AnsweredAt: (await sends(agent.connectionToken))[0].AnsweredAt, Retried: false });
  await drained();
  const out = env.twilio.sent.slice(before);
  assert.deepEqual(out.map((s) => [s.fields.To, s.fields.From, s.fields.Body]), [[bad, NUMBER, "Your refund is on its way"]], "sent exactly once after the retries");
  assert.equal((await sends(agent.connectionToken))[0].Status, "SENT");
  assert.equal((await failures()).json.Failures.some((f: any) => f.MessageId === reply.Id), false, "a retried message leaves the supervisors' list");
  agent.close();
});

test("reported undelivered by Twilio's status callback: FAILED with the error; Retry queues a new send of the message", async () => {
  env.twilio.mode = { kind: "ok" };
  const connect = env.srv.connect();
  const customer = phone();
  const agent = await joinAs(env.srv.url, connect, (await inbound(connect, customer, "hi")).InitialContactId!);
  const before = env.twilio.sent.length;
  const reply = await agent.say("See you at 5");
  const [sent] = await env.twilio.waitSent(before + 1).then((s) => s.slice(before));
  await drained();
  assert.equal((await sends(agent.connectionToken))[0].Status, "SENT");
  const fields = { SmsSid: sent.id, SmsStatus: "undelivered", MessageStatus: "undelivered", To: customer, MessageSid: sent.id, AccountSid: TWILIO_SID, From: NUMBER, ApiVersion: "2010-04-01", ErrorCode: "30003", ErrorMessage: "Unreachable destination handset" };
  const res = await fetch(`${env.srv.url}/channels/twilio/status`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(TWILIO_TOKEN, `${PUBLIC_URL}/channels/twilio/status`, Object.entries(fields)) },
    body: new URLSearchParams(fields).toString(),
  });
  assert.equal(res.status, 200);
  const [failed] = await sends(agent.connectionToken);
  assert.deepEqual([failed.Status, failed.Error], ["FAILED", "Twilio error 30003: Unreachable destination handset"]);
  const first = await retry(agent.connectionToken, reply.Id!);
  const second = await retry(agent.connectionToken, reply.Id!);
  assert.deepEqual([first.json.Retried, second.json.Retried, second.json.Status], [true, false, "PENDING"]);
  await drained();
  const again = env.twilio.sent.slice(before);
  assert.deepEqual(again.map((s) => s.fields.Body), ["See you at 5", "See you at 5"], "one new send, not two");
  assert.equal(again[1].fields.To, customer);
  assert.equal((await sends(agent.connectionToken))[0].Status, "SENT");
  agent.close();
});

test("only an agent of the chat may retry, and only that chat's messages; bad tokens and requests are refused in the AWS error shape", async () => {
  env.twilio.mode = { kind: "ok" };
  const connect = env.srv.connect();
  const a = await inbound(connect, phone(), "hi");
  const b = await inbound(connect, phone(), "hello");
  const agentA = await joinAs(env.srv.url, connect, a.InitialContactId!);
  const agentB = await joinAs(env.srv.url, connect, b.InitialContactId!);
  // A custom bot may not be beside an agent (Connect's rule): it sits alone in a third chat.
  const c = await inbound(connect, phone(), "a bot's chat");
  const bot = await joinAs(env.srv.url, connect, c.InitialContactId!, "CUSTOM_BOT");
  const replyB = await agentB.say("for chat B");
  const notFound = await retry(agentA.connectionToken, replyB.Id!);
  assert.equal(notFound.status, 404);
  assert.match(notFound.json.message, /is not a message of this chat/);
  assert.equal((await retry(agentA.connectionToken, a.InitialContactId!)).status, 404, "a contact id is no message");
  const customerMessage = (await agentA.transcript()).find((i) => i.ParticipantRole === "CUSTOMER")!;
  assert.equal((await retry(agentA.connectionToken, customerMessage.Id!)).status, 404, "the customer's own text never goes out");
  const botTry = await retry(bot.connectionToken, replyB.Id!);
  assert.equal(botTry.status, 403);
  const bogus = await retry("not-a-token", replyB.Id!);
  assert.equal(bogus.status, 403);
  for (const body of ["null", "[]", "{", '{"MessageId": 5}', "{}"]) {
    const res = await fetch(`${env.srv.url}/_connect-chat/sms/retry`, { method: "POST", headers: { "x-amz-bearer": agentA.connectionToken }, body });
    assert.equal(res.status, 400, body);
    assert.equal(res.headers.get("x-amzn-errortype"), "InvalidRequestException", body);
  }
  const noBearer = await fetch(`${env.srv.url}/_connect-chat/sms/sends`);
  assert.equal(noBearer.status, 403);
  assert.equal(noBearer.headers.get("x-amzn-errortype"), "AccessDeniedException");
  assert.equal((await failures(INSTANCE, false)).status, 403, "the supervisors' list needs a SigV4 signature");
  assert.equal((await failures(OTHER_INSTANCE)).status, 404, "an instance of another account");
  for (const x of [agentA, agentB, bot]) x.close();
});
