// sms.messagesPerSecond across nodes (PostgreSQL): two nodes sending from one number share its bucket (a row per
// number, reserved by one upsert per send), so together they keep the configured rate — each node alone would
// spend the whole rate itself and double it. Also what a reservation costs, printed.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { outboxReport } from "../../src/app.js";
import { createScratchDatabase, type Scratch } from "../../src/storage/postgres/scratch.js";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";
import { startServer } from "../support/server.js";
import { fakeTwilio, TWILIO_SID, TWILIO_TOKEN, type FakeProvider } from "../support/sms-providers.js";
import { inbound, joinAs, NUMBER, smsConfig } from "../support/sms.js";

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

const RATE = 5;

test("PostgreSQL, two nodes sending from one number at sms.messagesPerSecond 5: together at most the rate (burst of 5), none lost or dead-lettered", async () => {
  const url = await db.schema("sms_rate");
  const config = smsConfig(
    { provider: "twilio", twilio: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, baseUrl: twilio.url }, messagesPerSecond: RATE },
    { streaming: { baseDelayMs: 10, maxDelayMs: 100, pollMs: 20 } },
  );
  const a = await startServer({ config, databaseUrl: url });
  const b = await startServer({ config, databaseUrl: url });
  const arrivals: number[] = [];
  twilio.mode = () => {
    arrivals.push(performance.now());
    return { kind: "ok" };
  };
  // Two chats on each node, each agent on its own node: each node's relay sends its own chats' replies.
  const agents = [];
  for (const [i, node] of [a, a, b, b].entries()) agents.push(await joinAs(node.url, node.connect(), (await inbound(node.connect(), `+1415556${String(1000 + i)}`, "hi")).InitialContactId!));
  const N = 24;
  await Promise.all(agents.map(async (agent, i) => {
    for (let k = 0; k < N / agents.length; k++) await agent.say(`chat ${i} reply ${k}`);
  }));
  const sent = await twilio.waitSent(N);
  for (;;) {
    const r = await outboxReport(a.app.store);
    if (r.endpoints.every((e) => e.pending + e.retrying === 0)) {
      assert.equal(r.deadLetters.length, 0);
      break;
    }
    await new Promise((ok) => setTimeout(ok, 20));
  }
  assert.equal(twilio.sent.length, N, "each reply once");
  for (let i = 0; i < agents.length; i++) {
    const mine = sent.filter((s) => s.fields.Body.startsWith(`chat ${i} `)).map((s) => s.fields.Body);
    assert.deepEqual(mine, Array.from({ length: N / agents.length }, (_, k) => `chat ${i} reply ${k}`), "each chat in its order");
  }
  assert.ok(sent.every((s) => s.fields.From === NUMBER));
  // GCRA with a burst of RATE: the Nth slot is at least (N - RATE) / RATE s after the first. Arrivals are slots plus
  // a latency that varies (the first send also opens the connection), hence the margins. One bucket per node would
  // let each node do its half at the full rate: all 24 within (12 - 5) / 5 = 1.4 s.
  const span = arrivals[N - 1] - arrivals[0];
  const floor = ((N - RATE) / RATE) * 1000;
  const W = 2000;
  const densest = Math.max(...arrivals.map((t) => arrivals.filter((u) => u >= t && u < t + W).length));
  console.log(`# ${N} sends from 2 nodes at ${RATE}/s took ${Math.round(span)} ms (shared bucket floor ${floor} ms; per-node buckets would allow ~${((N / 2 - RATE) / RATE) * 1000} ms); at most ${densest} in any ${W} ms`);
  assert.ok(span >= floor * 0.75, `24 sends took ${Math.round(span)} ms: faster than ${RATE}/s`);
  assert.ok(densest <= RATE + (W / 1000) * RATE + 2, `${densest} sends within ${W} ms: more than the burst plus ${W / 1000} s worth`);
  for (const x of agents) x.close();
  await a.stop();
  await b.stop();
});

test("PostgreSQL bucket: a reservation answers as the in-memory one does (burst, then spacing, then 'not within the wait'), and what it costs", async () => {
  const url = await db.schema("sms_rate_unit");
  const store = await PostgresStore.open(url);
  try {
    const number = "+15550009999";
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) waits.push(await store.smsSendSlot(number, 2, 1500));
    // 2 per second, burst 2: two now, then ~500 ms and ~1000 ms; the 5th is ~1500 ms out — beyond a 1 s wait.
    assert.deepEqual(waits.slice(0, 2), [0, 0]);
    assert.ok(waits[2] > 300 && waits[2] <= 500, `3rd waits ${waits[2]}`);
    assert.ok(waits[3] > 800 && waits[3] <= 1000, `4th waits ${waits[3]}`);
    const refused = await store.smsSendSlot(number, 2, 1000);
    assert.ok(refused < -1000 && refused >= -1500, `5th: not within 1 s, free in ${-refused} ms`);
    assert.ok((await store.smsSendSlot(number, 2, 1500)) > 1000, "a refusal reserved nothing: the next one gets the slot it saw");
    // Cost: reservations on distinct numbers (no waiting), one connection at a time.
    const n = 500;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await store.smsSendSlot(`+1555100${String(i).padStart(4, "0")}`, 1000, 2000);
    const each = (performance.now() - t0) / n;
    console.log(`# one shared-bucket reservation: ${each.toFixed(3)} ms (${n} sequential upserts; the machine is shared)`);
  } finally {
    await store.close();
  }
});
