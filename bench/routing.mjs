// The routing section of npm run bench (issue 17). One connect-chat server holds BENCH_ROUTING_AGENTS (500)
// Available agents of one routing profile (CHAT concurrency BENCH_ROUTING_SLOTS, 10: 5,000 slots, no AutoAccept,
// offers that outlast the run) and takes BENCH_ROUTING_CHATS (10,000) new chats at full speed through a destination
// whose default queue is the profile's. Measured:
// - enqueue → offer: for every chat offered (those that found a free slot), the offer's time minus its enqueue time,
//   read from routing_work after the run (p50/p99; goal p99 ≤ 100 ms while slots are free);
// - the message path with routing loaded: MESSAGEs to existing chats of a destination without a queue, on that
//   server (every slot offered, thousands of chats waiting, the matcher's loop running) against the same on a
//   server without routing objects, alternating, best of BENCH_ROUNDS each (goal: the ratio ≈ 1).
import { DEST, INSTANCE, KEY, REGION, ACCOUNT, percentile, signedHeaders } from "./lib.mjs";
import { request } from "node:http";
import Database from "../dist/storage/sqlite/driver.js";
import { scryptHasher } from "../dist/passwords.js";

export const ROUTING_GOAL_P99_MS = 100;
const DEST_QUEUED = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/bench-queued";

const settings = () => ({
  agents: Number(process.env.BENCH_ROUTING_AGENTS ?? 500),
  slots: Number(process.env.BENCH_ROUTING_SLOTS ?? 10),
  chats: Number(process.env.BENCH_ROUTING_CHATS ?? 10_000),
});

/** The bench instance with a queue, a profile serving it and the agents (one password hash for all: seeding stays fast). */
async function routingConfig(dbUrl, { agents, slots }) {
  const passwordHash = await scryptHasher(10).hash("Bench-Agent-1");
  const users = Array.from({ length: agents }, (_, i) => ({ username: `agent${String(i).padStart(4, "0")}`, passwordHash, routingProfile: "Bench Desk" }));
  // JSON is YAML: the config file is written as JSON.
  return JSON.stringify({
    region: REGION,
    storage: { url: dbUrl },
    accounts: [
      {
        accountId: ACCOUNT,
        credentials: [KEY],
        instances: [
          {
            instanceId: INSTANCE,
            matcher: { offerTimeoutSeconds: 3600 },
            destinations: [{ destinationId: DEST }, { destinationId: DEST_QUEUED, queue: "Bench Queue" }],
            queues: [{ name: "Bench Queue" }],
            routingProfiles: [{ name: "Bench Desk", concurrency: { CHAT: slots }, queues: [{ queue: "Bench Queue" }] }],
            users,
          },
        ],
      },
    ],
  });
}

/** One signed request with exactly the headers signed (node:http: fetch drops a GET's content-length). */
async function call(port, method, path, body = "") {
  const host = `127.0.0.1:${port}`;
  const headers = await signedHeaders(host, method, path, body);
  const { status, text } = await new Promise((ok, fail) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (d) => (text += d)).on("end", () => ok({ status: res.statusCode, text })).on("error", fail);
    });
    req.on("error", fail).end(body);
  });
  if (status >= 300) throw new Error(`${method} ${path}: ${status} ${text}`);
  return text ? JSON.parse(text) : {};
}

/** Every bench agent goes Available (SearchUsers pages, then PutUserStatus, 16 at a time). */
async function allAvailable(port) {
  const { AgentStatusSummaryList } = await call(port, "GET", `/agent-status/${INSTANCE}`);
  const available = AgentStatusSummaryList.find((s) => s.Name === "Available").Id;
  const ids = [];
  for (let token; ; ) {
    const page = await call(port, "POST", "/search-users", JSON.stringify({ InstanceId: INSTANCE, MaxResults: 100, ...(token ? { NextToken: token } : {}) }));
    ids.push(...page.Users.filter((u) => u.Username.startsWith("agent")).map((u) => u.Id));
    if (!(token = page.NextToken)) break;
  }
  for (let i = 0; i < ids.length; i += 16)
    await Promise.all(ids.slice(i, i + 16).map((id) => call(port, "PUT", `/users/${INSTANCE}/${id}/status`, JSON.stringify({ AgentStatusId: available }))));
  return ids.length;
}

/** Offers and waiting chats once the matcher has settled (no new offer for a second), with each offer's latency. */
async function settledOffers(dbPath, expected) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    let last = -1;
    for (let i = 0; i < 120; i++) {
      const { n } = db.prepare("SELECT count(*) AS n FROM routing_work WHERE state = 'OFFERED'").get();
      if (n === last || n >= expected) break;
      last = n;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const waits = db.prepare("SELECT state_since - enqueued_at AS ms FROM routing_work WHERE state = 'OFFERED'").all().map((r) => r.ms).sort((a, b) => a - b);
    const { queued } = db.prepare("SELECT count(*) AS queued FROM routing_work WHERE state = 'QUEUED'").get();
    return { offered: waits.length, queued, p50ms: percentile(waits, 50), p99ms: percentile(waits, 99), maxms: waits.at(-1) };
  } finally {
    db.close();
  }
}

export async function routingSuite({ work, S, log, startConnectChat, stopServer, phase, join }) {
  const R = settings();
  const routedDb = join(work, "routing.db");
  const routed = await startConnectChat(routedDb, [], await routingConfig(`sqlite:${routedDb}`, R));
  const plain = await startConnectChat(join(work, "routing-plain.db"));
  const out = { settings: R, rounds: [] };
  try {
    log(`routing: ${R.agents} agents going Available…`);
    out.available = await allAvailable(routed.port);
    log(`routing: ${R.chats} new chats into the queue…`);
    out.arrival = await phase(routed, { kind: "new", count: R.chats, prefix: "1595", offset: 0, destination: DEST_QUEUED }, { warmup: 0, cycle: false });
    out.offers = await settledOffers(routedDb, Math.min(R.chats, R.agents * R.slots));
    for (const cc of [routed, plain]) await phase(cc, { kind: "setup", chats: S.chats, prefix: "1596", destination: DEST }, { seconds: 600, warmup: 0, cycle: false });
    for (let r = 0; r < S.rounds; r++)
      for (const kind of r % 2 === 0 ? ["plain", "routed"] : ["routed", "plain"]) {
        log(`routing round ${r + 1}/${S.rounds}: existing chats, ${kind}…`);
        const res = await phase(kind === "routed" ? routed : plain, { kind: "existing", chats: S.chats, prefix: "1596", destination: DEST });
        out.rounds.push({ kind, round: r, ...res });
        if (!out[kind] || res.rps > out[kind].rps) out[kind] = res;
      }
  } finally {
    await stopServer(routed);
    await stopServer(plain);
  }
  out.ratio = out.plain.rps / out.routed.rps;
  return out;
}

export function routingTable(res, { f0, f2 }) {
  const { agents, slots, chats } = res.settings;
  const o = res.offers;
  return [
    `Routing: ${res.available} Available agents × ${slots} CHAT slots, ${chats} new chats queued at ${f0(res.arrival.rps)} req/s`,
    `  enqueue → offer for the ${o.offered} chats offered: p50 ${f2(o.p50ms)} ms  p99 ${f2(o.p99ms)} ms  max ${f2(o.maxms)} ms (goal p99 ≤ ${ROUTING_GOAL_P99_MS}); ${o.queued} left waiting`,
    ...[["plain", "existing chats, no routing objects"], ["routed", `existing chats, ${agents} agents busy, ${o.queued} waiting`]].map(([k, label]) => {
      const r = res[k];
      return `  ${label.padEnd(48)} ${f0(r.rps).padStart(7)} req/s  p50 ${f2(r.p50ms)} ms  p99 ${f2(r.p99ms)} ms  errors ${r.errors + (r.mismatches ?? 0)}`;
    }),
    `  time per message with routing loaded ÷ without = ${f2(res.ratio)} (goal ≈ 1)`,
  ];
}
