// The SMS section of npm run bench (BENCH_ONLY=sms; issue 18): agents' replies (SendMessage) on SMS chats go out
// through the outbox relay to a Twilio-protocol endpoint on 127.0.0.1 (bench/sms-provider.mjs, its own process).
//  - baseline: a bare HTTP client POSTing the same Twilio requests straight to that endpoint, closed loop, the same
//    number of connections: what this machine can push through the endpoint at all;
//  - connect-chat, closed loop: SendMessage as fast as it answers; throughput = messages the provider received per
//    second over the window; the ratio to the baseline is the headline;
//  - connect-chat, open loop at BENCH_SMS_RATE (1000/s) for BENCH_SECONDS: achieved provider rate, and the latency
//    from SendMessage to the provider: the upper bound from the request's start, the lower one from its answer
//    (the commit lies between).
// Baseline and connect-chat alternate for BENCH_ROUNDS; best of each. Run alone: node bench/sms.mjs (after a build).
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ACCOUNT, DEST, INSTANCE, KEY, REGION, eventBody, percentile, signedHeaders, sourceId } from "./lib.mjs";

const SID = "AC" + "b".repeat(32);
const TOKEN = "bench-twilio-token";
const NUMBER = "+15550001234";
/** The same chats without an SMS provider: SendMessage's own cost, without the outbox entry and the send. */
const PLAIN = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/bench-no-sms";

function smsConfigYaml(dbUrl, twilioUrl) {
  return `# Written by npm run bench (sms): one SMS destination whose provider is the local Twilio endpoint.
region: ${REGION}
storage: { url: "${dbUrl}" }
server: { publicUrl: "http://127.0.0.1:9" }
accounts:
  - accountId: "${ACCOUNT}"
    credentials:
      - { accessKeyId: ${KEY.accessKeyId}, secretAccessKey: ${KEY.secretAccessKey} }
    instances:
      - instanceId: ${INSTANCE}
        destinations:
          - destinationId: ${DEST}
            sms: { number: "${NUMBER}", provider: twilio, twilio: { accountSid: ${SID}, authToken: ${TOKEN}, baseUrl: "${twilioUrl}" } }
          - destinationId: ${PLAIN}
`;
}

/** One POST on a keep-alive agent; resolves with status and body text. */
function post(agent, port, path, headers, body) {
  return new Promise((ok, fail) => {
    const req = request({ agent, host: "127.0.0.1", port, path, method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => ok({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", fail);
    req.end(body);
  });
}

const now = () => performance.timeOrigin + performance.now();

async function signedPost(agent, port, path, input) {
  const body = JSON.stringify(input);
  const r = await post(agent, port, path, await signedHeaders(`127.0.0.1:${port}`, "POST", path, body), body);
  if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${r.body}`);
  return JSON.parse(r.body);
}

/** SMS chats with an agent each: their ConnectionTokens. */
async function setupAgents(port, count, prefix, destination = DEST) {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const tokens = [];
  try {
    for (let i = 0; i < count; i += 16) {
      const batch = await Promise.all(Array.from({ length: Math.min(16, count - i) }, async (_, k) => {
        const source = sourceId(prefix, i + k);
        const bodyText = eventBody(source, "MESSAGE", "hi", destination);
        const ev = await post(agent, port, "/chat-integration-event", await signedHeaders(`127.0.0.1:${port}`, "POST", "/chat-integration-event", bodyText), bodyText);
        const contactId = JSON.parse(ev.body).InitialContactId;
        const p = await signedPost(agent, port, "/contact/create-participant", { InstanceId: INSTANCE, ContactId: contactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Bench" } });
        const c = await post(agent, port, "/participant/connection", { "content-type": "application/json", "x-amz-bearer": p.ParticipantCredentials.ParticipantToken }, JSON.stringify({ Type: ["CONNECTION_CREDENTIALS"], ConnectParticipant: true }));
        return JSON.parse(c.body).ConnectionCredentials.ConnectionToken;
      }));
      tokens.push(...batch);
    }
  } finally {
    agent.destroy();
  }
  return tokens;
}

async function takeArrivals(providerPort) {
  const agent = new Agent({ keepAlive: false });
  return new Promise((ok, fail) => {
    request({ agent, host: "127.0.0.1", port: providerPort, path: "/arrivals", method: "GET" }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => ok(new Map(JSON.parse(Buffer.concat(chunks).toString("utf8")))));
    }).on("error", fail).end();
  });
}

/**
 * Sends messages: closed loop (`connections` in flight, as fast as answered) or open loop (`rate` per second, at most
 * `connections` in flight: beyond that the generator is behind and says so). `send(i)` does one; bodies are `tag-i`.
 */
async function drive({ seconds, connections, rate, send }) {
  const starts = new Map();
  const answered = new Map();
  let errors = 0;
  let inflight = 0;
  let behind = 0;
  let i = 0;
  const t0 = now();
  const one = async () => {
    const k = i++;
    inflight++;
    starts.set(k, now());
    try {
      const ok = await send(k);
      if (ok) answered.set(k, now());
      else errors++;
    } catch {
      errors++;
    }
    inflight--;
  };
  if (!rate) {
    await Promise.all(Array.from({ length: connections }, async () => {
      while (now() - t0 < seconds * 1000) await one();
    }));
  } else {
    const pending = new Set();
    while (now() - t0 < seconds * 1000) {
      const due = Math.floor(((now() - t0) / 1000) * rate);
      while (i < due) {
        if (inflight >= connections) {
          behind++;
          break;
        }
        const p = one();
        pending.add(p);
        void p.then(() => pending.delete(p));
      }
      await sleep(1);
    }
    await Promise.all(pending);
  }
  return { sent: i, starts, answered, errors, behind, seconds: (now() - t0) / 1000 };
}

/** What the provider received of a run: rate over its window, and the latencies from send start / answer. */
async function outcome(providerPort, tag, run, waitMs = 30_000) {
  const got = new Map();
  const until = now() + waitMs;
  while (got.size < run.answered.size && now() < until) {
    for (const [body, at] of await takeArrivals(providerPort)) got.set(body, at);
    if (got.size < run.answered.size) await sleep(50);
  }
  const arrivals = [...got.values()].sort((a, b) => a - b);
  const fromStart = [];
  const fromAnswer = [];
  for (const [k, answeredAt] of run.answered) {
    const at = got.get(`${tag}-${k}`);
    if (at === undefined) continue;
    fromStart.push(at - run.starts.get(k));
    fromAnswer.push(Math.max(0, at - answeredAt));
  }
  fromStart.sort((a, b) => a - b);
  fromAnswer.sort((a, b) => a - b);
  const span = arrivals.length > 1 ? (arrivals.at(-1) - arrivals[0]) / 1000 : run.seconds;
  return {
    sent: run.sent,
    accepted: run.answered.size,
    received: got.size,
    missing: run.answered.size - got.size,
    errors: run.errors,
    behind: run.behind,
    perSecond: got.size / Math.max(span, run.seconds),
    p50FromStartMs: percentile(fromStart, 50),
    p99FromStartMs: percentile(fromStart, 99),
    p50FromAnswerMs: percentile(fromAnswer, 50),
    p99FromAnswerMs: percentile(fromAnswer, 99),
  };
}

/** h: the runner's helpers (root, work, bin, log, startServer, stopServer) and settings. */
export async function smsSuite(h) {
  const { log } = h;
  const seconds = Number(process.env.BENCH_SECONDS || 8);
  const rounds = Number(process.env.BENCH_ROUNDS || 2);
  const connections = Number(process.env.BENCH_SMS_CONNECTIONS || 64);
  const rate = Number(process.env.BENCH_SMS_RATE || 1000);
  const chats = Number(process.env.BENCH_SMS_CHATS || 200);
  const provider = await h.startServer([join(h.root, "bench/sms-provider.mjs"), SID, TOKEN], "sms provider");
  const cfg = join(h.work, "sms.yaml");
  const db = join(h.work, "sms.db");
  writeFileSync(cfg, smsConfigYaml(`sqlite:${db}`, `http://127.0.0.1:${provider.port}`));
  const serve = ["serve", "--config", cfg, "--host", "127.0.0.1", "--port", "0", "--database-url", `sqlite:${db}`];
  // BENCH_SMS_PROFILE=DIR: connect-chat under --cpu-prof (node runs the launcher then).
  const prof = process.env.BENCH_SMS_PROFILE;
  const cc = prof ? await h.startServer(["--cpu-prof", "--cpu-prof-dir", prof, h.bin, ...serve], "connect-chat (sms, profiled)") : await h.startServer(serve, "connect-chat (sms)", h.bin);
  const out = { settings: { seconds, rounds, connections, rate, chats }, rounds: [] };
  const keep = (k, r) => {
    if (!out[k] || r.perSecond > out[k].perSecond) out[k] = r;
  };
  try {
    log(`sms: ${chats} SMS chats with an agent each…`);
    const tokens = await setupAgents(cc.port, chats, "1571");
    const plainTokens = await setupAgents(cc.port, chats, "1572", PLAIN);
    const twilioPath = `/2010-04-01/Accounts/${SID}/Messages.json`;
    const basic = `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString("base64")}`;
    let run = 0;
    const bare = (tag) => {
      const agent = new Agent({ keepAlive: true, maxSockets: connections });
      return {
        agent,
        send: async (k) => {
          const form = new URLSearchParams({ From: NUMBER, To: sourceId("1571", k % chats), Body: `${tag}-${k}`, StatusCallback: "http://127.0.0.1:9/channels/twilio/status" }).toString();
          return (await post(agent, provider.port, twilioPath, { authorization: basic, "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, form)).status === 201;
        },
      };
    };
    const viaChat = (tag) => {
      const agent = new Agent({ keepAlive: true, maxSockets: connections });
      return {
        agent,
        send: async (k) => (await post(agent, cc.port, "/participant/message", { "content-type": "application/json", "x-amz-bearer": tokens[k % chats] }, JSON.stringify({ ContentType: "text/plain", Content: `${tag}-${k}` }))).status === 200,
      };
    };
    // SendMessage on chats without SMS: nothing reaches the provider; its rate is what the server answered.
    const plain = async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: connections });
      try {
        const r = await drive({ seconds, connections, send: async (k) => (await post(agent, cc.port, "/participant/message", { "content-type": "application/json", "x-amz-bearer": plainTokens[k % chats] }, JSON.stringify({ ContentType: "text/plain", Content: `plain-${k}` }))).status === 200 });
        const lat = [...r.answered].map(([k, at]) => at - r.starts.get(k)).sort((a, b) => a - b);
        return { kind: "plain", sent: r.sent, accepted: r.answered.size, errors: r.errors, perSecond: r.answered.size / r.seconds, p50AnswerMs: percentile(lat, 50), p99AnswerMs: percentile(lat, 99) };
      } finally {
        agent.destroy();
      }
    };
    const measure = async (kind, make, opts) => {
      const tag = `r${run++}`;
      const m = make(tag);
      try {
        const r = await drive({ seconds, connections, ...opts, send: m.send });
        return { kind, ...(await outcome(provider.port, tag, r)) };
      } finally {
        m.agent.destroy();
      }
    };
    // Warm both paths (connections, JIT, SQLite pages) before measuring.
    await measure("warm-bare", bare, { seconds: 1 });
    await measure("warm-cc", viaChat, { seconds: 2 });
    for (let r = 0; r < rounds; r++) {
      for (const [kind, make] of r % 2 === 0 ? [["bare", bare], ["closed", viaChat], ["plain"]] : [["plain"], ["closed", viaChat], ["bare", bare]]) {
        log(`sms round ${r + 1}/${rounds}: ${{ bare: "bare client → provider", closed: "connect-chat closed loop", plain: "SendMessage without SMS" }[kind]}…`);
        const res = make ? await measure(kind, make, {}) : await plain();
        out.rounds.push({ round: r, ...res });
        keep(kind, res);
      }
      log(`sms round ${r + 1}/${rounds}: connect-chat open loop at ${rate}/s…`);
      const open = await measure("open", viaChat, { rate });
      out.rounds.push({ round: r, ...open });
      keep("open", open);
    }
  } finally {
    await Promise.all([h.stopServer(cc), h.stopServer(provider)]);
  }
  out.ratio = out.closed.perSecond / out.bare.perSecond;
  out.overPlain = out.closed.perSecond / out.plain.perSecond;
  return out;
}

export function smsTable(res, { f0, f2 }) {
  const s = res.settings;
  const row = (label, r) =>
    `  ${label.padEnd(44)} ${f0(r.perSecond).padStart(6)} msg/s  received ${r.received}/${r.accepted}  errors ${r.errors}` +
    (r.p99FromStartMs !== undefined ? `  p50 ${f2(r.p50FromStartMs)} / p99 ${f2(r.p99FromStartMs)} ms from send start, p99 ${f2(r.p99FromAnswerMs)} ms from answer` : "");
  return [
    `SMS outbound: SendMessage → outbox → relay → Twilio-protocol endpoint (127.0.0.1), ${s.chats} chats, ${s.connections} connections, best of ${s.rounds}`,
    row("bare client → provider (baseline)", res.bare),
    row("connect-chat, closed loop", res.closed),
    `  ${"SendMessage on chats without SMS (reference)".padEnd(44)} ${f0(res.plain.perSecond).padStart(6)} req/s  p99 ${f2(res.plain.p99AnswerMs)} ms  errors ${res.plain.errors}`,
    row(`connect-chat, open loop at ${s.rate}/s`, res.open) + (res.open.behind ? `  (generator behind ${res.open.behind}×)` : ""),
    `  connect-chat ÷ bare client = ${f2(res.ratio)}; SMS chats ÷ chats without SMS = ${f2(res.overPlain)}; at ${s.rate}/s offered: ${f0(res.open.perSecond)}/s received, p99 ${f2(res.open.p99FromStartMs)} ms (goal: 1,000/s, p99 ≤ 100 ms)`,
  ];
}

// Alone: node bench/sms.mjs — the same suite with its own process helpers; prints the table.
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL("..", import.meta.url).pathname;
  const children = new Set();
  process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")));
  const startServer = (args, name, cmd = process.execPath) =>
    new Promise((ok, fail) => {
      const child = spawn(cmd, args, { cwd: root, env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` }, stdio: ["ignore", "pipe", "pipe"] });
      children.add(child);
      let outText = "";
      let err = "";
      child.stderr.on("data", (d) => (err = (err + d).slice(-4000)));
      child.stdout.on("data", (d) => {
        outText += d;
        const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(outText);
        if (m) ok({ child, pid: child.pid, port: Number(m[1]), name });
      });
      child.once("exit", (code) => fail(new Error(`${name} exited (${code}): ${err}`)));
    });
  const stopServer = async (s) => {
    if (s.child.exitCode !== null) return;
    const exited = new Promise((ok) => s.child.once("exit", ok));
    s.child.kill("SIGTERM");
    await exited;
  };
  const res = await smsSuite({ root, work: mkdtempSync(join(tmpdir(), "cc-bench-sms-")), bin: join(root, "bin/connect-chat"), log: (x) => process.stderr.write(`bench: ${x}\n`), startServer, stopServer });
  const f0 = (x) => (x === undefined ? "—" : Math.round(x).toLocaleString("en-US"));
  const f2 = (x) => (x === undefined ? "—" : x.toFixed(2));
  console.log(smsTable(res, { f0, f2 }).join("\n"));
  console.log(JSON.stringify(res.rounds.map((r) => ({ kind: r.kind, round: r.round, perSecond: Math.round(r.perSecond), p99FromStartMs: r.p99FromStartMs && Math.round(r.p99FromStartMs) }))));
  process.exit(0);
}
