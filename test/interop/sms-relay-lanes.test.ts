// The relay's lanes progress independently: a provider that hangs (accepts the connection, never answers) holds
// back only the lanes waiting on it. Another destination's replies go out one after another meanwhile, and the
// hung destination's replies follow in chat order once it answers again. Ordering, not wall-clock: the other
// destination's sends must all arrive while the hung request is still open (before the client's 10 s timeout
// gives up on it, which is what the old all-of-a-pass relay waited for).
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { DEST, SHORT_DEST, startServer } from "../support/server.js";
import { fakeTwilio, TWILIO_SID, TWILIO_TOKEN, type FakeProvider } from "../support/sms-providers.js";
import { inbound, joinAs, NUMBER, smsConfig } from "../support/sms.js";

let twilio: FakeProvider;
before(async () => (twilio = await fakeTwilio()));
after(() => twilio.close());

const OTHER_NUMBER = "+15550002222";
let n = 0;
const phone = () => `+1415556${String(3000 + ++n)}`;

function config(streaming: Record<string, number> = {}) {
  const c = smsConfig(
    { provider: "twilio", twilio: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, baseUrl: twilio.url } },
    { streaming: { baseDelayMs: 10, maxDelayMs: 50, pollMs: 20, maxAttempts: 1000, ...streaming } },
  );
  c.accounts[0].instances[0].destinations[1].sms = { ...c.accounts[0].instances[0].destinations[0].sms!, number: OTHER_NUMBER };
  return c;
}

test("a hanging provider for one destination does not delay another's replies; its own follow in order once it answers", async () => {
  twilio.sent.length = 0;
  let hang = true;
  twilio.mode = (f) => (hang && f.From === NUMBER ? { kind: "hang" } : { kind: "ok" });
  const srv = await startServer({ config: config() });
  const connect = srv.connect();
  const a = await joinAs(srv.url, connect, (await inbound(connect, phone(), "hi", DEST)).InitialContactId!);
  const b = await joinAs(srv.url, connect, (await inbound(connect, phone(), "hi", SHORT_DEST)).InitialContactId!);
  const before = twilio.attempts;
  await a.say("held 0");
  await a.say("held 1");
  await twilio.waitAttempts(before + 1);
  // Each of B's replies is committed after the previous one went out: five relay passes while A's request hangs.
  for (let i = 0; i < 5; i++) {
    await b.say(`prompt ${i}`);
    await twilio.waitSent(i + 1);
  }
  assert.equal(twilio.aborted, 0, "B's five replies went out while A's request was still open");
  assert.equal(twilio.hanging(), 1, "A's lane has one request in flight: its second reply waits behind it");
  assert.deepEqual(twilio.sent.map((s) => [s.fields.From, s.fields.Body]), Array.from({ length: 5 }, (_, i) => [OTHER_NUMBER, `prompt ${i}`]));
  hang = false;
  twilio.release(); // the hung request fails with a network error and is retried
  const all = await twilio.waitSent(7);
  assert.deepEqual(all.slice(5).map((s) => [s.fields.From, s.fields.Body]), [[NUMBER, "held 0"], [NUMBER, "held 1"]]);
  a.close();
  b.close();
  await srv.stop();
});

test("perEndpoint bounds one endpoint's deliveries in flight: many hung chats of one destination leave the other destination free; all are sent once it answers", async () => {
  twilio.sent.length = 0;
  let hang = true;
  twilio.mode = (f) => (hang && f.From === NUMBER ? { kind: "hang" } : { kind: "ok" });
  const srv = await startServer({ config: config({ concurrency: 4, perEndpoint: 2 }) });
  const connect = srv.connect();
  const chats = [];
  for (let i = 0; i < 4; i++) chats.push(await joinAs(srv.url, connect, (await inbound(connect, phone(), "hi", DEST)).InitialContactId!));
  const other = await joinAs(srv.url, connect, (await inbound(connect, phone(), "hi", SHORT_DEST)).InitialContactId!);
  const before = twilio.attempts;
  for (const [i, c] of chats.entries()) await c.say(`chat ${i}`);
  await twilio.waitAttempts(before + 2);
  for (let i = 0; i < 3; i++) {
    await other.say(`free ${i}`);
    await twilio.waitSent(i + 1);
  }
  assert.equal(twilio.aborted, 0);
  assert.equal(twilio.hanging(), 2, "no more than perEndpoint requests to the hung destination at once");
  hang = false;
  twilio.release();
  const all = await twilio.waitSent(7);
  assert.deepEqual(all.slice(3).map((s) => s.fields.Body).sort(), ["chat 0", "chat 1", "chat 2", "chat 3"]);
  for (const c of [...chats, other]) c.close();
  await srv.stop();
});
