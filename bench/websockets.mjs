// The WebSocket section of npm run bench (BENCH_ONLY=ws): N participants connected to connect-chat on SQLite from
// load generator processes of their own (bench/ws-participants.mjs), the server's memory with all of them connected,
// and push latency under a steady message rate, from the request that caused each push to the frame on the other
// participants' sockets.
// Settings (env): BENCH_WS_PARTICIPANTS (10000; two per chat), BENCH_WS_PROCS (2 load generator processes),
// BENCH_WS_RATE (200 messages/s in all), BENCH_WS_SECONDS (20 measured, after BENCH_WS_WARMUP 3),
// BENCH_WS_HEARTBEAT (10: each socket sends aws/ping + aws/heartbeat every 10 s, as chatjs does; 0 = none),
// BENCH_WS_CONCURRENCY (16 chats set up at a time per process), BENCH_WS_BASELINE (200 participants connected
// for the first, baseline measurement of the same rate).
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { cpuSecondsOf, memoryOf, percentile } from "./lib.mjs";

const num = (k, d) => (process.env[k] === undefined || process.env[k] === "" ? d : Number(process.env[k]));
export const WS = {
  participants: num("BENCH_WS_PARTICIPANTS", 10000),
  procs: num("BENCH_WS_PROCS", 2),
  rate: num("BENCH_WS_RATE", 200),
  seconds: num("BENCH_WS_SECONDS", 20),
  warmup: num("BENCH_WS_WARMUP", 3),
  heartbeat: num("BENCH_WS_HEARTBEAT", 10),
  concurrency: num("BENCH_WS_CONCURRENCY", 16),
  baseline: num("BENCH_WS_BASELINE", 200),
};
export const WS_GOALS = { rssMiB: 500, pushP99Ms: 50 };

/** The soft open-files limit of this process (children inherit it): each socket is a descriptor on both sides. */
function openFilesLimit() {
  const m = /^Max open files\s+(\d+)/m.exec(readFileSync("/proc/self/limits", "utf8"));
  return m ? Number(m[1]) : Infinity;
}

/** A load generator process and a request/answer helper over its IPC channel. */
function generator(root, track) {
  const child = track(fork(join(root, "bench/ws-participants.mjs"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] }));
  const ask = (msg, answer) =>
    new Promise((ok, fail) => {
      const onMsg = (m) => {
        if (m.type !== answer && m.type !== "error") return;
        child.off("message", onMsg);
        child.off("exit", onExit);
        if (m.type === "error") fail(new Error(m.error));
        else ok(m.result);
      };
      const onExit = (code) => fail(new Error(`WebSocket load generator exited (${code})`));
      child.on("message", onMsg);
      child.once("exit", onExit);
      child.send(msg);
    });
  return { child, ask };
}

/** CPU pressure stall time of the machine (/proc/pressure/cpu "some" total, µs), or NaN where there is none. */
function cpuStallMicros() {
  try {
    return Number(/^some .*total=(\d+)/m.exec(readFileSync("/proc/pressure/cpu", "utf8"))[1]);
  } catch {
    return NaN;
  }
}

/** Merges the generators' answers to one `run` into the figures of one load phase. */
async function measure(gens, server, participants) {
  let maxRss = memoryOf(server.pid)?.rssMiB ?? 0;
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, memoryOf(server.pid)?.rssMiB ?? 0)), 100);
  const cpu0 = [cpuSecondsOf(server.pid), performance.now(), cpuStallMicros(), ...gens.map((g) => cpuSecondsOf(g.child.pid))];
  const results = await Promise.all(gens.map((g, k) => g.ask({ type: "run", rate: WS.rate / WS.procs, seconds: WS.seconds, warmup: WS.warmup, worker: k }, "result")));
  clearInterval(sampler);
  const wall = (performance.now() - cpu0[1]) / 1000;
  const all = (k) => results.flatMap((r) => r[k]).sort((a, b) => a - b);
  const sum = (k) => results.reduce((n, r) => n + r[k], 0);
  const push = all("push");
  const ack = all("ack");
  const afterAck = all("afterAck");
  return {
    participants,
    rssMaxMiB: maxRss,
    serverCpu: (cpuSecondsOf(server.pid) - cpu0[0]) / wall,
    generatorsCpu: gens.map((g, k) => (cpuSecondsOf(g.child.pid) - cpu0[3 + k]) / wall),
    // The share of the time some runnable task on the machine waited for a CPU (Linux PSI): how busy it was.
    cpuStall: (cpuStallMicros() - cpu0[2]) / 1e6 / wall,
    messages: sum("sent"),
    messagesPerSecond: sum("sent") / WS.seconds,
    errors: sum("errors"),
    errorSample: results.find((r) => r.sample)?.sample,
    pushes: push.length,
    missingPushes: sum("missing"),
    pushP50ms: percentile(push, 50),
    pushP90ms: percentile(push, 90),
    pushP99ms: percentile(push, 99),
    pushMaxMs: push[push.length - 1],
    ackP50ms: percentile(ack, 50),
    ackP99ms: percentile(ack, 99),
    pushesBeforeAck: sum("beforeAck"),
    pushAfterAckP50ms: percentile(afterAck, 50),
    pushAfterAckP99ms: percentile(afterAck, 99),
    generatorLoopDelayP99ms: Math.max(...results.map((r) => r.loopDelayP99ms)),
    generatorLoopDelayMaxMs: Math.max(...results.map((r) => r.loopDelayMaxMs)),
  };
}

/**
 * Runs the section against a started connect-chat (`server`: { pid, port }); resolves with the figures.
 * The same message rate is measured twice in the run: first with BENCH_WS_BASELINE participants connected
 * (200), then with all of them, so the p99 ratio says what the connections themselves cost on this machine.
 */
export async function wsSuite({ root, server, track, log }) {
  const chats = Math.ceil(WS.participants / 2);
  const baseChats = Math.min(chats, Math.ceil(WS.baseline / 2));
  const limit = openFilesLimit();
  if (limit < WS.participants + 1000) throw new Error(`ulimit -n is ${limit}: the server needs one descriptor per socket (${WS.participants}); raise it`);
  const gens = Array.from({ length: WS.procs }, () => generator(root, track));
  const idle = memoryOf(server.pid);
  // Chats [0, chats) are split between the generators; each sets up its first share of the baseline first.
  const share = (n, k) => [Math.floor((n * k) / WS.procs), Math.floor((n * (k + 1)) / WS.procs)];
  const setup = (n0, n1) =>
    Promise.all(
      gens.map((g, k) => {
        const [a, b] = share(chats, k);
        const from = a + share(n0, k)[1] - share(n0, k)[0];
        const to = Math.min(b, a + share(n1, k)[1] - share(n1, k)[0]);
        return g.ask({ type: "setup", port: server.port, from, to, prefix: "1601", concurrency: WS.concurrency, heartbeatSeconds: WS.heartbeat }, "ready");
      }),
    );
  log(`ws: baseline, ${baseChats * 2} participants…`);
  await setup(0, baseChats);
  const baseline = await measure(gens, server, baseChats * 2);
  log(`ws: ${chats} chats, ${chats * 2} participants from ${WS.procs} processes…`);
  const t0 = performance.now();
  const ready = await setup(baseChats, chats);
  const setupSeconds = (performance.now() - t0) / 1000;
  const sockets = ready.reduce((n, r) => n + r.sockets, 0);
  await sleep(3000); // let the set-up garbage go
  const connected = memoryOf(server.pid);
  log(`ws: ${sockets} sockets connected (server RSS ${connected.rssMiB.toFixed(0)} MiB); ${WS.rate} messages/s for ${WS.seconds} s…`);
  const full = await measure(gens, server, sockets);
  const after = memoryOf(server.pid);
  const generatorsMiB = gens.map((g) => memoryOf(g.child.pid)?.rssMiB);
  await Promise.all(gens.map((g) => g.ask({ type: "close" }, "closed")));
  for (const g of gens) g.child.disconnect();
  return {
    settings: WS,
    chats: ready.reduce((n, r) => n + r.chats, 0),
    sockets,
    setupSeconds,
    idleRssMiB: idle?.rssMiB,
    connectedRssMiB: connected.rssMiB,
    hwmMiB: after?.hwmMiB,
    perSocketKiB: ((connected.rssMiB - idle.rssMiB) * 1024) / sockets,
    generatorsMiB,
    ...full,
    baseline,
    pushP99OverBaseline: full.pushP99ms / baseline.pushP99ms,
  };
}

export function wsTable(w, f0, f1) {
  const b = w.baseline;
  const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : "–");
  const latency = (r) => `p50 ${f1(r.pushP50ms)} ms, p90 ${f1(r.pushP90ms)} ms, p99 ${f1(r.pushP99ms)} ms, max ${f0(r.pushMaxMs)} ms`;
  return [
    `WebSocket participants: ${w.sockets} sockets in ${w.chats} chats (half web chats: customer + agent; half SMS chats:`,
    `  agent + bot), set up in ${f0(w.setupSeconds)} s from ${w.settings.procs} processes; aws/ping + aws/heartbeat every ${w.settings.heartbeat} s per socket`,
    `  server RSS: idle ${f0(w.idleRssMiB)} MiB, all connected ${f0(w.connectedRssMiB)} MiB (${f1(w.perSocketKiB)} KiB a socket), max under load ${f0(w.rssMaxMiB)} MiB (goal ≤ ${WS_GOALS.rssMiB})`,
    `  ${f0(w.messagesPerSecond)} messages/s for ${w.settings.seconds} s → ${w.pushes} pushes measured (${w.missingPushes} missing, ${w.errors} request errors), server CPU ${f1(w.serverCpu)} cores`,
    `  push latency, request written → frame on the other participants' sockets: ${latency(w)} (goal p99 ≤ ${WS_GOALS.pushP99Ms})`,
    `  same rate with ${b.participants} participants connected (baseline, earlier in this run): ${latency(b)}; p99 ÷ baseline ${f2(w.pushP99OverBaseline)}`,
    `  request acknowledged: p50 ${f1(w.ackP50ms)} ms, p99 ${f1(w.ackP99ms)} ms; ${w.pushesBeforeAck} of ${w.pushes} pushes arrived before the ack, the rest ${f1(w.pushAfterAckP50ms)} ms p50 / ${f1(w.pushAfterAckP99ms)} ms p99 after it`,
    `  machine: tasks waiting for a CPU ${f0(w.cpuStall * 100)}% of the time (baseline ${f0(b.cpuStall * 100)}%); load generators' CPU ${w.generatorsCpu.map(f1).join(" + ")} cores, RSS ${w.generatorsMiB.map(f0).join(" + ")} MiB, event-loop delay p99 ${f1(w.generatorLoopDelayP99ms)} ms (max ${f0(w.generatorLoopDelayMaxMs)} ms)`,
  ].join("\n");
}
