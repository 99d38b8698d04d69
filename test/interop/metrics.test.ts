// GET /metrics, read as Prometheus reads it (a strict text-format parser): request counters and latency that move
// with real SDK requests, WebSocket connections, the outbox per sink, the PostgreSQL pool, event-loop lag, and the
// admin token in front of it when one is configured.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { CreateContactFlowCommand, CreateParticipantCommand, SendChatIntegrationEventCommand, StartChatContactCommand, UpdateParticipantRoleConfigCommand } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand } from "@aws-sdk/client-connectparticipant";
import { Metrics } from "../../src/ops/metrics.js";
import { silentLogger } from "../../src/ops/logger.js";
import { createScratchDatabase } from "../../src/storage/postgres/scratch.js";
import { DEST, INSTANCE, SHORT_DEST, startServer, testConfig, type Running } from "../support/server.js";
import { openSocket, participantClient } from "../support/participant.js";
import { parsePrometheus, valueOf } from "../support/prometheus.js";
import type { LogLine } from "../support/log.js";

const sms = (SourceId = "+14155550100", DestinationId = DEST) =>
  new SendChatIntegrationEventCommand({ SourceId, DestinationId, Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "hi" } });

async function scrape(srv: Running, headers: Record<string, string> = {}) {
  const r = await fetch(`${srv.url}/metrics`, { headers });
  assert.equal(r.status, 200, await r.clone().text());
  assert.equal(r.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  return parsePrometheus(await r.text());
}

test("request counters by operation and status and the latency histogram move with real SDK requests", async () => {
  const srv = await startServer();
  try {
    const op = { operation: "SendChatIntegrationEvent" };
    const before = await scrape(srv);
    assert.equal(before.get("connect_chat_requests_total")?.type, "counter");
    assert.equal(before.get("connect_chat_request_duration_seconds")?.type, "histogram");
    assert.equal(valueOf(before, "connect_chat_requests_total", "connect_chat_requests_total", { ...op, status: "200" }), undefined, "nothing counted yet");
    const client = srv.connect();
    for (let i = 0; i < 3; i++) await client.send(sms());
    await assert.rejects(srv.connect({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wrong" }).send(sms()), { name: "InvalidSignatureException" });
    const after = await scrape(srv);
    assert.equal(valueOf(after, "connect_chat_requests_total", "connect_chat_requests_total", { ...op, status: "200" }), 3);
    assert.equal(valueOf(after, "connect_chat_requests_total", "connect_chat_requests_total", { ...op, status: "403" }), 1);
    assert.equal(valueOf(after, "connect_chat_request_duration_seconds", "connect_chat_request_duration_seconds_count", op), 4);
    assert.ok(valueOf(after, "connect_chat_request_duration_seconds", "connect_chat_request_duration_seconds_sum", op)! > 0);
    assert.equal(valueOf(after, "connect_chat_request_duration_seconds", "connect_chat_request_duration_seconds_bucket", { ...op, le: "+Inf" }), 4);
    // A request no operation matches is counted too, under "unknown".
    await fetch(`${srv.url}/no-such-path`, { method: "POST" });
    const unknown = await scrape(srv);
    assert.equal(valueOf(unknown, "connect_chat_requests_total", "connect_chat_requests_total", { operation: "unknown", status: "404" }), 1);
    // The process's metrics: event-loop lag (prom-client's default metrics) and memory.
    assert.equal(unknown.get("nodejs_eventloop_lag_seconds")?.type, "gauge");
    assert.ok(valueOf(unknown, "nodejs_eventloop_lag_p99_seconds", "nodejs_eventloop_lag_p99_seconds")! >= 0);
    assert.ok(valueOf(unknown, "process_resident_memory_bytes", "process_resident_memory_bytes")! > 0);
    assert.equal(unknown.get("connect_chat_store_pool_max"), undefined, "SQLite has no pool");
  } finally {
    await srv.stop();
  }
});

test("the WebSocket connection gauge follows sockets opening and closing", async () => {
  const srv = await startServer();
  const p = participantClient(srv.url);
  try {
    const ws = (m: Awaited<ReturnType<typeof scrape>>) => valueOf(m, "connect_chat_websocket_connections", "connect_chat_websocket_connections");
    assert.equal(ws(await scrape(srv)), 0);
    const s = await srv.connect().send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Web" } }));
    const c = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken, Type: ["WEBSOCKET"] }));
    const socket = await openSocket(c.Websocket!.Url!);
    assert.equal(ws(await scrape(srv)), 1);
    socket.close();
    let n = 1;
    for (let i = 0; i < 200 && n !== 0; i++) n = ws(await scrape(srv))!;
    assert.equal(n, 0);
  } finally {
    p.destroy();
    await srv.stop();
  }
});

test("outbox entries per sink and state, read at scrape time, webhook URLs without their query", async () => {
  // A webhook that always fails: the chat's first item is retried (not due again for a minute), the next waits.
  const hook = createServer((req, res) => req.resume().on("end", () => res.writeHead(500).end()));
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(hook.address() as { port: number }).port}/hook`;
  const config = testConfig({ streaming: { baseDelayMs: 60_000, maxDelayMs: 60_000, pollMs: 20 } });
  config.accounts[0].instances[0].destinations[1].webhooks = [{ url: `${base}?key=do-not-show`, secret: "s" }];
  const srv = await startServer({ config });
  try {
    await srv.connect().send(sms("+14155550111", SHORT_DEST));
    const state = (m: Awaited<ReturnType<typeof scrape>>, s: string) => valueOf(m, "connect_chat_outbox_entries", "connect_chat_outbox_entries", { sink: "webhook", endpoint: base, state: s });
    let m = await scrape(srv);
    for (let i = 0; i < 200 && state(m, "retrying") !== 1; i++) {
      await new Promise((r) => setTimeout(r, 20));
      srv.clock.advance(5_000); // past the counts' cache period (the relay's retry is a minute away)
      m = await scrape(srv);
    }
    assert.equal(state(m, "retrying"), 1, [...m.get("connect_chat_outbox_entries")!.samples].map((s) => JSON.stringify(s)).join("\n"));
    assert.ok(state(m, "pending")! >= 1);
    assert.equal(state(m, "dead"), 0);
    assert.equal(m.get("connect_chat_outbox_entries")?.type, "gauge");
    assert.equal(valueOf(m, "connect_chat_outbox_read_errors_total", "connect_chat_outbox_read_errors_total"), 0);
    const page = await (await fetch(`${srv.url}/metrics`)).text();
    assert.ok(!page.includes("do-not-show"), "the webhook URL's query is not shown");
  } finally {
    await srv.stop();
    hook.close();
  }
});

test("the outbox counts are read once per period however many scrapes come, and again after it", async () => {
  let now = 1_000_000; // a clock that moves only when the test moves it
  const clock = { now: () => now };
  let reads = 0;
  const metrics = new Metrics({
    clock,
    log: silentLogger,
    connections: () => 0,
    outboxStats: async () => [{ endpoint: "arn:aws:sns:us-east-1:123456789012:t", pending: ++reads, retrying: 0, dead: 0 }],
  });
  const pending = (text: string) => valueOf(parsePrometheus(text), "connect_chat_outbox_entries", "connect_chat_outbox_entries", { sink: "sns", endpoint: "arn:aws:sns:us-east-1:123456789012:t", state: "pending" });
  const pages = await Promise.all(Array.from({ length: 50 }, () => metrics.render()));
  assert.equal(reads, 1, "50 concurrent scrapes, one read");
  for (const p of pages) assert.equal(pending(p), 1);
  now += 4_999;
  assert.equal(pending(await metrics.render()), 1);
  now += 1;
  assert.equal(pending(await metrics.render()), 2);
  assert.equal(reads, 2);
});

test("with an admin token /metrics needs Authorization: Bearer <token>; without one it is open", async () => {
  const token = "metrics-admin-token-0123";
  const srv = await startServer({ config: testConfig({ server: { adminToken: token } }) });
  const open = await startServer();
  try {
    for (const headers of [{}, { authorization: "Bearer wrong-token-wrong-token" }, { authorization: token }] as Record<string, string>[]) {
      const r = await fetch(`${srv.url}/metrics`, { headers });
      assert.equal(r.status, 401);
      assert.equal(r.headers.get("x-amzn-errortype"), "UnauthorizedException");
      assert.match(r.headers.get("x-amzn-requestid")!, /^[0-9a-f-]{36}$/);
      assert.match(((await r.json()) as { message: string }).message, /Bearer <server\.adminToken>/);
    }
    assert.ok((await scrape(srv, { authorization: `Bearer ${token}` })).has("connect_chat_requests_total"));
    assert.ok((await scrape(open)).has("connect_chat_requests_total"));
    const post = await fetch(`${open.url}/metrics`, { method: "POST" });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get("x-amzn-errortype"), "MethodNotAllowedException");
  } finally {
    await srv.stop();
    await open.stop();
  }
});

test("on PostgreSQL the store's pool is in the metrics", async () => {
  const db = await createScratchDatabase();
  const srv = await startServer({ databaseUrl: db.url });
  try {
    await srv.connect().send(sms());
    const m = await scrape(srv);
    assert.equal(valueOf(m, "connect_chat_store_pool_max", "connect_chat_store_pool_max"), 10);
    const idle = valueOf(m, "connect_chat_store_pool_connections", "connect_chat_store_pool_connections", { state: "idle" })!;
    const busy = valueOf(m, "connect_chat_store_pool_connections", "connect_chat_store_pool_connections", { state: "busy" })!;
    assert.ok(idle + busy >= 1 && idle + busy <= 10, `${idle} idle, ${busy} busy`);
    // The scrape's own outbox read may be waiting for a connection the pool is opening.
    assert.ok(valueOf(m, "connect_chat_store_pool_waiting", "connect_chat_store_pool_waiting")! >= 0);
  } finally {
    await srv.stop();
    await db.drop();
  }
});

test("the latency histogram: a request of exactly a bucket's bound counts in it, the buckets are cumulative", async () => {
  const metrics = new Metrics({ clock: { now: () => 0 }, log: silentLogger, connections: () => 0, outboxStats: async () => [] });
  for (const ms of [0.5, 1, 1.5, 10, 20_000]) metrics.request("GetTranscript", 200, ms);
  metrics.request(undefined, 404, 2);
  const m = parsePrometheus(await metrics.render());
  const bucket = (le: string) => valueOf(m, "connect_chat_request_duration_seconds", "connect_chat_request_duration_seconds_bucket", { operation: "GetTranscript", le });
  assert.deepEqual(["0.001", "0.0025", "0.01", "10", "+Inf"].map(bucket), [2, 3, 4, 4, 5]);
  assert.equal(valueOf(m, "connect_chat_request_duration_seconds", "connect_chat_request_duration_seconds_sum", { operation: "GetTranscript" }), 20.013);
  assert.equal(valueOf(m, "connect_chat_requests_total", "connect_chat_requests_total", { operation: "GetTranscript", status: "200" }), 5);
  assert.equal(valueOf(m, "connect_chat_requests_total", "connect_chat_requests_total", { operation: "unknown", status: "404" }), 1);
});

test("a store that cannot answer does not fail the scrape: the outbox read is counted as an error and logged", async () => {
  const lines: LogLine[] = [];
  const srv = await startServer({ log: (l) => lines.push(l) });
  try {
    await srv.connect().send(sms());
    await srv.app.store.close(); // the storage is gone: the outbox counts cannot be read
    const m = await scrape(srv);
    assert.equal(valueOf(m, "connect_chat_outbox_read_errors_total", "connect_chat_outbox_read_errors_total"), 1);
    assert.equal(m.get("connect_chat_outbox_entries")?.samples.length, 0);
    assert.equal(valueOf(m, "connect_chat_requests_total", "connect_chat_requests_total", { operation: "SendChatIntegrationEvent", status: "200" }), 1);
    assert.ok(lines.some((l) => l.level === "warn" && l.event === "metrics-outbox"), JSON.stringify(lines));
    // The failure is kept for the cache period too: a scrape storm does not ask a database in trouble again.
    const again = await scrape(srv);
    assert.equal(valueOf(again, "connect_chat_outbox_read_errors_total", "connect_chat_outbox_read_errors_total"), 1);
    assert.equal(lines.filter((l) => l.event === "metrics-outbox").length, 1);
    srv.clock.advance(5_000);
    assert.equal(valueOf(await scrape(srv), "connect_chat_outbox_read_errors_total", "connect_chat_outbox_read_errors_total"), 2);
  } finally {
    await srv.stop();
  }
});

test("contact flows waiting on a timer are a gauge by kind, overdue ones apart", async () => {
  const srv = await startServer();
  try {
    const connect = srv.connect();
    const content = JSON.stringify({
      Version: "2019-10-30",
      StartAction: "Hold",
      Actions: [
        { Identifier: "Hold", Type: "Wait", Parameters: { TimeLimitSeconds: "60" }, Transitions: { NextAction: "End", Conditions: [{ NextAction: "End", Condition: { Operator: "Equals", Operands: ["WaitCompleted"] } }], Errors: [{ ErrorType: "NoMatchingError", NextAction: "End" }] } },
        { Identifier: "End", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
      ],
    });
    const flow = await connect.send(new CreateContactFlowCommand({ InstanceId: INSTANCE, Name: "metrics hold", Type: "CONTACT_FLOW", Content: content }));
    for (let i = 0; i < 2; i++) await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: flow.ContactFlowId, ParticipantDetails: { DisplayName: "Web" } }));
    const page = await scrape(srv);
    assert.equal(page.get("connect_chat_flow_waiting")?.type, "gauge");
    assert.equal(valueOf(page, "connect_chat_flow_waiting", "connect_chat_flow_waiting", { kind: "wait", state: "waiting" }), 2);
    assert.equal(valueOf(page, "connect_chat_flow_waiting", "connect_chat_flow_waiting", { kind: "wait", state: "overdue" }), 0);
  } finally {
    await srv.stop();
  }
});

test("running participant timers are a gauge by stage, overdue ones apart", async () => {
  const srv = await startServer({ config: testConfig({ participantTimers: { pollMs: 3_600_000 } }) });
  try {
    const connect = srv.connect();
    const chat = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Web" } }));
    await connect.send(new UpdateParticipantRoleConfigCommand({
      InstanceId: INSTANCE,
      ContactId: chat.ContactId,
      ChannelConfiguration: { Chat: { ParticipantTimerConfigList: [
        { ParticipantRole: "CUSTOMER", TimerType: "IDLE", TimerValue: { ParticipantTimerDurationInMinutes: 2 } },
        { ParticipantRole: "AGENT", TimerType: "DISCONNECT_NONCUSTOMER", TimerValue: { ParticipantTimerDurationInMinutes: 5 } },
      ] } },
    }));
    await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: chat.ContactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Ana" } }));
    srv.clock.advance(3 * 60_000); // the loop does not poll (only the test would wake it): the customer's timer is overdue
    const page = await scrape(srv);
    const v = (stage: string, state: string) => valueOf(page, "connect_chat_participant_timers", "connect_chat_participant_timers", { stage, state });
    assert.equal(page.get("connect_chat_participant_timers")?.type, "gauge");
    assert.deepEqual([v("IDLE", "running"), v("IDLE", "overdue"), v("DISCONNECT", "running"), v("DISCONNECT", "overdue")], [1, 1, 1, 0]);
  } finally {
    await srv.stop();
  }
});
