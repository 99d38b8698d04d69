// npm run bench: connect-chat against a bare node:http ceiling and against the essential work of the operation
// on this stack (bench/essential-server.mjs: SigV4, JSON checks, find-or-create and one row, durable as SQLite
// is here), all measured in the same run, as ratios.
// Every process is its own: ceiling server, connect-chat server (dist/, built if missing), load generator.
// Everything listens and sends on 127.0.0.1 only; every child is killed at the end, even on error.
// Prints a table and writes bench/results/<timestamp>.json and bench/results/latest.json.
// Settings (env): BENCH_SECONDS (8) per measured phase, BENCH_WARMUP (2), BENCH_CONNECTIONS (32), BENCH_CHATS
// (1000 existing chats), BENCH_NEW_CHATS (20000 distinct SourceIds signed ahead for "new chats"), BENCH_ROUNDS (2),
// BENCH_CLI_RUNS (10), BENCH_GROWTH_CHATS (100000; 1000000 for the 1M chats / 10M items; 0 skips),
// BENCH_GROWTH_ITEMS_PER_CHAT (10), BENCH_GROWTH_DB=PATH (keep and reuse the loaded file), BENCH_PROFILE=1 (one more run under --cpu-prof, summarised; BENCH_PROFILE_SHAPE=new profiles (b) instead of (a), =flow new chats whose destination runs the flows section's flow, =queued new chats queued by their destination),
// BENCH_SHAPES=existing,new,churn (a subset of the load shapes), BENCH_ONLY=load,flows,timers,routing,cli,growth,ws,pg,sms (a subset of sections; flows: bench/flows.mjs; timers: bench/participant-timers.mjs; routing: bench/routing.mjs, BENCH_ROUTING_AGENTS (500), BENCH_ROUTING_SLOTS (10), BENCH_ROUTING_CHATS (10000); ws: 10,000 WebSocket participants, settings in
// bench/websockets.mjs; pg: bench/postgres.mjs, BENCH_POSTGRES_URL; sms: bench/sms.mjs, BENCH_SMS_RATE (1000), BENCH_SMS_CHATS (200),
// BENCH_SMS_CONNECTIONS (64)).
import { fork, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { configYaml, cpuSecondsOf, DEST_FLOW, DEST_QUEUE, memoryOf } from "../bench/lib.mjs";
import { cliStartup } from "../bench/cli-startup.mjs";
import { growthSuite, growthTable } from "../bench/growth.mjs";
import { summariseProfile } from "../bench/profile-summary.mjs";
import { postgresSuite, postgresTable } from "../bench/postgres.mjs";
import { wsSuite, wsTable } from "../bench/websockets.mjs";
import { flowsSuite, flowsTable } from "../bench/flows.mjs";
import { timersSuite, timersTable } from "../bench/participant-timers.mjs";
import { routingSuite, routingTable } from "../bench/routing.mjs";
import { smsSuite, smsTable } from "../bench/sms.mjs";

const root = new URL("..", import.meta.url).pathname;
const num = (k, d) => (process.env[k] === undefined || process.env[k] === "" ? d : Number(process.env[k]));
const S = {
  seconds: num("BENCH_SECONDS", 8),
  warmup: num("BENCH_WARMUP", 2),
  connections: num("BENCH_CONNECTIONS", 32),
  chats: num("BENCH_CHATS", 1000),
  newChats: num("BENCH_NEW_CHATS", 20000),
  rounds: num("BENCH_ROUNDS", 2),
  cliRuns: num("BENCH_CLI_RUNS", 10),
  growthChats: num("BENCH_GROWTH_CHATS", 100000),
  growthItemsPerChat: num("BENCH_GROWTH_ITEMS_PER_CHAT", 10),
  profile: process.env.BENCH_PROFILE === "1",
};
const only = new Set((process.env.BENCH_ONLY ?? "load,flows,timers,routing,cli,growth,ws,pg,sms").split(","));
const GOALS = { existingRatio: 0.6, rssMiB: 150, growthP99Factor: 2, newOverEssential: 0.9, newP99Factor: 2 };
const bin = join(root, "bin/connect-chat");
const work = mkdtempSync(join(tmpdir(), "connect-chat-bench-"));
const children = new Set();
const log = (s) => process.stderr.write(`bench: ${s}\n`);

// ---- processes -------------------------------------------------------------------------------------------
function killAll() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
}
process.on("exit", killAll);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(130));
// A hard bound on the whole run: nothing keeps going by itself.
setTimeout(() => {
  log("timed out; stopping");
  process.exit(1);
}, num("BENCH_TIMEOUT_SECONDS", 1200) * 1000).unref();

function track(child) {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/**
 * Starts `node ...args` (or `cmd ...args`) and resolves with its port once stdout prints
 * `listening on http://127.0.0.1:PORT`. `node` on PATH is this one; `extraEnv` adds to its environment.
 */
function startServer(args, name, cmd = process.execPath, extraEnv = {}) {
  const env = { ...process.env, ...extraEnv, PATH: `${dirname(process.execPath)}:${process.env.PATH}` };
  const child = track(spawn(cmd, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] }));
  let out = "";
  let err = "";
  child.stderr.on("data", (d) => (err = (err + d).slice(-4000)));
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start in 30 s: ${err}`)), 30_000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ child, pid: child.pid, port: Number(m[1]), name, stderr: () => err });
      }
    });
    child.once("exit", (code) => fail(new Error(`${name} exited (${code}) before listening: ${err}`)));
  });
}

async function stopServer(s) {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise((ok) => s.child.once("exit", ok));
  s.child.kill("SIGTERM");
  const t = setTimeout(() => s.child.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(t);
}

/**
 * connect-chat as users start it: bin/connect-chat run as a program (its launcher picks the node flags of
 * `serve`). With extra node flags (--cpu-prof, not allowed in NODE_OPTIONS) node runs it, with the launcher's flag.
 */
let configs = 0;
/** `serve`'s arguments for a store URL, with the bench's configuration written beside. */
function serveArgs(dbUrl, yaml = configYaml(dbUrl)) {
  const cfg = join(work, `bench-${++configs}.yaml`);
  writeFileSync(cfg, yaml);
  return ["serve", "--config", cfg, "--host", "127.0.0.1", "--port", "0", "--database-url", dbUrl];
}

/** A scratch PostgreSQL database as the pg rows make them (pool_max BENCH_PG_POOL, 10): { url, drop }. */
async function scratchPostgres() {
  const { tsImport } = await import("tsx/esm/api");
  const { createScratchDatabase, TEST_ADMIN_URL } = await tsImport(join(root, "src/storage/postgres/scratch.ts"), import.meta.url);
  const db = await createScratchDatabase(process.env.BENCH_POSTGRES_URL || TEST_ADMIN_URL);
  const url = new URL(db.url);
  url.searchParams.set("pool_max", process.env.BENCH_PG_POOL || "10");
  return { url: url.toString(), drop: () => db.drop() };
}

/** The node flags bin/connect-chat's launcher gives `serve`, for the runs that start node with flags of their own. */
const SERVE_NODE_FLAGS = ["--max-semi-space-size=4", "--heap-growing-percent=100"];

function startConnectChat(dbPath, extraNodeArgs = [], yaml = configYaml(`sqlite:${dbPath}`)) {
  const args = serveArgs(`sqlite:${dbPath}`, yaml);
  if (extraNodeArgs.length) return startServer([...SERVE_NODE_FLAGS, ...extraNodeArgs, bin, ...args], "connect-chat");
  return startServer(args, "connect-chat", bin);
}

// ---- the load generator ----------------------------------------------------------------------------------
const loadgen = track(fork(join(root, "bench/loadgen.mjs"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] }));
let nextId = 0;
const pending = new Map();
loadgen.on("message", (m) => pending.get(m.id)?.(m));
loadgen.once("exit", (code) => {
  for (const h of pending.values()) h({ type: "error", error: `load generator exited (${code})` });
});

/** The machine's PostgreSQL processes (postmaster, backends, background workers). */
function postgresPids() {
  const found = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, "utf8").trim() === "postgres") found.push(Number(d));
    } catch {}
  }
  return found;
}

/** One phase against a server: the load generator runs the scenario; the server's memory is sampled meanwhile. */
function phase(server, scenario, { seconds = S.seconds, warmup = S.warmup, cycle = true, checkBodies = true } = {}) {
  const id = nextId++;
  let maxRss = 0;
  let sampler;
  const pids = server.pids ?? [server.pid]; // several nodes: the largest RSS, the CPU of all
  const cpuOf = () => pids.reduce((a, p) => a + cpuSecondsOf(p), 0);
  // The main threads alone (the event loops): the rest is worker threads (checkpoints, searches), GC helpers, libuv.
  const mainCpuOf = () => pids.reduce((a, p) => a + cpuSecondsOf(`${p}/task/${p}`), 0);
  // PostgreSQL's processes (its backends are the servers' pool connections, open for the whole phase): what the
  // database costs on the same two cores.
  // A backend started midway (a pool reconnecting) counts whole; one that exits midway takes its CPU time with it.
  const dbCpuOf = () => new Map(postgresPids().map((p) => [p, cpuSecondsOf(p)]));
  const dbCpuSince = (then) => [...dbCpuOf()].reduce((a, [p, s]) => a + (Number.isFinite(s) ? s - (then.get(p) ?? 0) : 0), 0);
  const sample = () => {
    for (const pid of pids) {
      const m = memoryOf(pid);
      if (m) maxRss = Math.max(maxRss, m.rssMiB);
    }
  };
  let cpu0;
  return new Promise((ok, fail) => {
    pending.set(id, (m) => {
      if (m.type === "measuring") {
        sampler = setInterval(sample, 100);
        cpu0 = [cpuOf(), cpuSecondsOf(loadgen.pid), performance.now(), mainCpuOf(), dbCpuOf()];
        return;
      }
      clearInterval(sampler);
      pending.delete(id);
      if (m.type === "error") return fail(new Error(m.error));
      sample();
      const mem = memoryOf(server.pid);
      // CPU use of each side while measuring: a load generator near 100% would make the ceiling a floor.
      const wall = (performance.now() - cpu0[2]) / 1000;
      const serverCpu = (cpuOf() - cpu0[0]) / wall;
      const loadgenCpu = (cpuSecondsOf(loadgen.pid) - cpu0[1]) / wall;
      const mainCpu = (mainCpuOf() - cpu0[3]) / wall;
      const dbCpu = dbCpuSince(cpu0[4]) / wall;
      ok({ ...m.result, rssMaxMiB: maxRss, hwmMiB: mem?.hwmMiB, serverCpu, mainCpu, loadgenCpu, dbCpu });
    });
    loadgen.send({ id, port: server.port, ports: server.ports, scenario, connections: S.connections, seconds, warmupSeconds: warmup, cycle, checkBodies });
  });
}

/** Creates the chats of scenario (a) on a server. */
async function setupChats(server, prefix, checkBodies = true) {
  const r = await phase(server, { kind: "setup", chats: S.chats, prefix }, { seconds: 600, warmup: 0, cycle: false, checkBodies });
  if (r.errors || r.mismatches) throw new Error(`${server.name}: creating ${S.chats} chats failed: ${r.sample}`);
}

/**
 * The three load shapes, ceiling and connect-chat alternating, BENCH_ROUNDS times: the machine may be shared,
 * and alternating spreads a neighbour's burst over both sides. Each side keeps its best round (highest req/s);
 * every round is in the JSON. SourceId prefixes keep each round's new chats new.
 */
async function loadSuite(ceiling, cc, essential) {
  const out = { ceiling: {}, essential: {}, sqlite: {}, rounds: [] };
  const sideOf = (server) => (server === cc ? "sqlite" : server === essential ? "essential" : "ceiling");
  const shapes = {
    existing: () => [{ kind: "existing", chats: S.chats, prefix: "1561" }, {}],
    new: (r) => [{ kind: "new", count: S.newChats, prefix: "1562", offset: r * S.newChats }, { warmup: 0, cycle: false }],
    churn: (r) => [{ kind: "churn", prefix: `157${r}` }, {}],
  };
  const wanted = new Set((process.env.BENCH_SHAPES ?? "existing,new,churn").split(","));
  for (const [name, shape] of Object.entries(shapes)) {
    if (!wanted.has(name)) continue;
    for (let r = 0; r < S.rounds; r++) {
      const order = r % 2 === 0 ? [ceiling, essential, cc] : [cc, essential, ceiling];
      for (const server of order) {
        const [scenario, opts] = shape(r);
        log(`${name} round ${r + 1}/${S.rounds}: ${server.name}…`);
        const res = await phase(server, scenario, { ...opts, checkBodies: server !== ceiling });
        const side = sideOf(server);
        out.rounds.push({ shape: name, round: r, side, ...res });
        if (!out[side][name] || res.rps > out[side][name].rps) out[side][name] = res;
      }
    }
  }
  return out;
}

// ---- report ----------------------------------------------------------------------------------------------
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : "–");
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : "–");
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : "–");
function table(res) {
  const lines = [];
  const row = (cells, widths) => lines.push(cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  "));
  const w = [44, 8, 7, 7, 8, 6, 16, 9, 10];
  if (res.load) {
    lines.push(`SendChatIntegrationEvent, ${S.connections} connections, ${S.seconds} s per phase (${res.machine.cpus}× ${res.machine.cpuModel})`);
    row(["load (best of " + S.rounds + " rounds)", "req/s", "p50 ms", "p99 ms", "RSS MiB", "errors", "CPU s(m)/l", "÷ceiling", "÷essential"], w);
    const cpu = (r) => `${f1(r.serverCpu)}(${f2(r.mainCpu)})/${f1(r.loadgenCpu)}`;
    for (const [k, label] of [["existing", "(a) MESSAGE to existing chats"], ["new", "(b) new chat per request"], ["churn", "(c) MESSAGE+DISCONNECT churn"]]) {
      const c = res.load.ceiling[k];
      const s = res.load.sqlite[k];
      const e = res.load.essential?.[k];
      if (!c || !s) continue;
      row([`ceiling      ${label}`, f0(c.rps), f2(c.p50ms), f2(c.p99ms), f0(c.rssMaxMiB), c.errors, cpu(c), "", ""], w);
      if (e) row([`essential    ${label}`, f0(e.rps), f2(e.p50ms), f2(e.p99ms), f0(e.rssMaxMiB), e.errors + e.mismatches, cpu(e), f2(e.rps / c.rps), ""], w);
      row([`connect-chat ${label}`, f0(s.rps), f2(s.p50ms), f2(s.p99ms), f0(s.rssMaxMiB), s.errors + s.mismatches, cpu(s), f2(s.rps / c.rps), e ? `${f2(s.rps / e.rps)} p99×${f1(s.p99ms / e.p99ms)}` : ""], w);
    }
    lines.push("CPU s(m)/l: cores used by the server (by its main thread) / by the load generator while measuring; ÷essential: req/s ratio and p99 factor");
    lines.push(
      `headline: connect-chat/ceiling (a) = ${f2(res.headline.existingRatio)} (goal ≥ ${GOALS.existingRatio}); ` +
        `server RSS max ${f0(res.headline.rssMaxMiB)} MiB, VmHWM ${f0(res.headline.hwmMiB)} MiB (goal ≤ ${GOALS.rssMiB})`,
    );
    const h = res.headline;
    lines.push(
      `essential work: connect-chat ÷ essential (a) ${f2(h.existingOverEssential)}, (b) ${f2(h.newOverEssential)} (goal ≥ ${GOALS.newOverEssential}), ` +
        `(b) p99 × ${f2(h.newP99OverEssential)} (goal ≤ ${GOALS.newP99Factor}), (c) ${f2(h.churnOverEssential)}`,
    );
  }
  if (res.growth) {
    lines.push("");
    growthTable(res.growth, S, (l) => lines.push(l), row, w, { f0, f2 });
  }
  if (res.flows) lines.push("", ...flowsTable(res.flows, { f0, f2 }));
  if (res.timers) lines.push("", ...timersTable(res.timers, { f0, f2 }));
  if (res.routing) lines.push("", ...routingTable(res.routing, { f0, f2 }));
  if (res.sms) lines.push("", ...smsTable(res.sms, { f0, f2 }));
  if (res.pg) lines.push("", ...postgresTable(res.pg, { S, w, f0, f1, f2 }));
  if (res.ws) lines.push("", wsTable(res.ws, f0, f1));
  if (res.cli) {
    lines.push("");
    lines.push(`CLI start-up, send-chat-integration-event --generate-cli-skeleton (median of ${S.cliRuns})`);
    const c = (r) => (r.available ? `${f0(r.medianMs)} ms` : `not available (${r.error})`);
    lines.push(`  node -e 0 ${c(res.cli.nodeBare)}   connect-chat ${c(res.cli.connectChat)}   aws ${c(res.cli.aws)}`);
    if (res.cli.connectChatOverAws) lines.push(`  connect-chat/aws = ${f2(res.cli.connectChatOverAws)}, connect-chat/node = ${f2(res.cli.connectChatOverNode)}`);
    const s = res.cli.send;
    if (s) lines.push(`  full send to a loopback endpoint: connect-chat ${c(s.connectChat)}   aws ${c(s.aws)}` + (s.connectChatOverAws ? `   connect-chat/aws = ${f2(s.connectChatOverAws)}` : ""));
  }
  if (res.profile) {
    lines.push("");
    lines.push(`CPU profile of the server under ${{ new: "(b)", flow: "new chats with a flow" }[process.env.BENCH_PROFILE_SHAPE] ?? "(a)"}, ${res.profile.file}: top self time`);
    for (const r of res.profile.top.slice(0, 20)) lines.push(`  ${f2(r.pct).padStart(6)}%  ${r.name}  ${r.where}`);
    lines.push("  by package/area:");
    for (const r of res.profile.byArea.slice(0, 12)) lines.push(`  ${f2(r.pct).padStart(6)}%  ${r.area}`);
  }
  return lines.join("\n");
}

// ---- main ------------------------------------------------------------------------------------------------
async function main() {
  if (!existsSync(join(root, "dist/main.js"))) {
    log("dist/ is missing: npm run build");
    const b = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
    if (b.status !== 0) throw new Error("npm run build failed");
  }
  const res = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model?.trim(), memGiB: totalmem() / 2 ** 30, node: process.version, platform: process.platform },
    settings: S,
    goals: GOALS,
  };
  if (only.has("load")) {
    log("starting the ceiling, the essential work and connect-chat on SQLite…");
    const ceiling = await startServer([join(root, "bench/ceiling-server.mjs")], "ceiling");
    const essential = await startServer([join(root, "bench/essential-server.mjs"), `sqlite:${join(work, "essential.db")}`], "essential");
    const cc = await startConnectChat(join(work, "empty.db"));
    try {
      await setupChats(ceiling, "1561", false);
      await setupChats(essential, "1561", true);
      await setupChats(cc, "1561", true);
      res.load = await loadSuite(ceiling, cc, essential);
    } finally {
      await Promise.all([stopServer(ceiling), stopServer(essential), stopServer(cc)]);
    }
    const sq = res.load.sqlite;
    const cl = res.load.ceiling;
    res.headline = {
      existingRatio: sq.existing?.rps / cl.existing?.rps,
      newRatio: sq.new?.rps / cl.new?.rps,
      churnRatio: sq.churn?.rps / cl.churn?.rps,
      existingOverEssential: sq.existing?.rps / res.load.essential.existing?.rps,
      newOverEssential: sq.new?.rps / res.load.essential.new?.rps,
      newP99OverEssential: sq.new?.p99ms / res.load.essential.new?.p99ms,
      churnOverEssential: sq.churn?.rps / res.load.essential.churn?.rps,
      rssMaxMiB: Math.max(...res.load.rounds.filter((r) => r.side === "sqlite").map((r) => r.rssMaxMiB)),
      hwmMiB: Math.max(...res.load.rounds.filter((r) => r.side === "sqlite").map((r) => r.hwmMiB)),
    };
  }
  if (only.has("flows")) res.flows = await flowsSuite({ work, S, log, startConnectChat, stopServer, phase, join });
  if (only.has("timers")) res.timers = await timersSuite({ work, S, log, startConnectChat, stopServer, phase, join });
  if (only.has("routing")) res.routing = await routingSuite({ work, S, log, startConnectChat, stopServer, phase, join });
  if (only.has("growth") && S.growthChats > 0) {
    res.growth = await growthSuite({ root, work, S, log, startConnectChat, stopServer, phase, setupChats });
  }
  if (only.has("ws")) {
    const cc = await startConnectChat(join(work, "ws.db"));
    try {
      res.ws = await wsSuite({ root, server: cc, track, log });
    } finally {
      await stopServer(cc);
    }
  }
  if (only.has("sms")) res.sms = await smsSuite({ root, work, bin, log, startServer, stopServer });
  if (only.has("pg")) res.pg = await postgresSuite({ root, work, bin, S, log, startServer, stopServer, phase });
  if (only.has("cli")) {
    log("CLI start-up…");
    res.cli = await cliStartup({ work, bin, runs: S.cliRuns });
  }
  if (S.profile) {
    const dir = join(root, "bench/profiles", res.date.replace(/[:.]/g, "-"));
    mkdirSync(dir, { recursive: true });
    const shape = process.env.BENCH_PROFILE_SHAPE;
    const newChats = shape === "new" || shape === "flow" || shape === "queued";
    log(`profiling connect-chat under ${shape === "flow" ? "new chats with a flow" : newChats ? "(b)" : "(a)"}${process.env.BENCH_PROFILE_STORE === "pg" ? " on PostgreSQL" : ""} → ${dir}`);
    // BENCH_PROFILE_STORE=pg: the node on a scratch PostgreSQL database (the pg rows' settings) instead of SQLite.
    const scratch = process.env.BENCH_PROFILE_STORE === "pg" ? await scratchPostgres() : undefined;
    const cc = scratch
      ? await startServer([...SERVE_NODE_FLAGS, "--cpu-prof", "--cpu-prof-dir", dir, bin, ...serveArgs(scratch.url)], "connect-chat")
      : await startConnectChat(join(work, "profile.db"), ["--cpu-prof", "--cpu-prof-dir", dir]);
    try {
      if (newChats) res.profileLoad = await phase(cc, { kind: "new", count: S.newChats, prefix: "1592", offset: 0, ...(shape === "flow" ? { destination: DEST_FLOW } : shape === "queued" ? { destination: DEST_QUEUE } : {}) }, { warmup: 0, cycle: false });
      else {
        await phase(cc, { kind: "setup", chats: S.chats, prefix: "1591" }, { seconds: 600, warmup: 0, cycle: false });
        res.profileLoad = await phase(cc, { kind: "existing", chats: S.chats, prefix: "1591" });
      }
    } finally {
      await stopServer(cc);
      await scratch?.drop();
    }
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    if (file) res.profile = { file: join(dir, file), ...summariseProfile(join(dir, file)) };
  }

  const text = table(res);
  console.log(text);
  const outDir = join(root, "bench/results");
  mkdirSync(outDir, { recursive: true });
  const json = JSON.stringify(res, null, 2) + "\n";
  writeFileSync(join(outDir, `${res.date.replace(/[:.]/g, "-")}.json`), json);
  writeFileSync(join(outDir, "latest.json"), json);
  log(`wrote bench/results/latest.json`);
}

try {
  await main();
} catch (e) {
  process.exitCode = 1;
  console.error(`bench failed: ${e?.stack ?? e}`);
} finally {
  loadgen.disconnect?.();
  killAll();
  await sleep(50);
  rmSync(work, { recursive: true, force: true });
  process.exit(process.exitCode ?? 0);
}
