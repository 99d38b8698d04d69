// The WebSocket section of npm run bench (BENCH_ONLY=ws): N participants connected to connect-chat on SQLite from
// load generator processes of their own (bench/ws-participants.mjs), the server's memory with all of them connected,
// and push latency under a steady message rate, from the request that caused each push to the frame on the other
// participants' sockets.
// Settings (env): BENCH_WS_PARTICIPANTS (10000; two per chat), BENCH_WS_PROCS (2 load generator processes),
// BENCH_WS_RATE (200 messages/s in all), BENCH_WS_SECONDS (20 measured, after BENCH_WS_WARMUP 3),
// BENCH_WS_HEARTBEAT (10: each socket sends aws/ping + aws/heartbeat every 10 s, as chatjs does; 0 = none),
// BENCH_WS_CONCURRENCY (16 chats set up at a time per process).
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

/** Runs the section against a started connect-chat (`server`: { pid, port }); resolves with the figures. */
export async function wsSuite({ root, server, track, log }) {
  const chats = Math.ceil(WS.participants / 2);
  const limit = openFilesLimit();
  if (limit < WS.participants + 1000) throw new Error(`ulimit -n is ${limit}: the server needs one descriptor per socket (${WS.participants}); raise it`);
  const perProc = Math.ceil(chats / WS.procs);
  const gens = Array.from({ length: WS.procs }, () => generator(root, track));
  const idle = memoryOf(server.pid);
  log(`ws: ${chats} chats, ${chats * 2} participants from ${WS.procs} processes…`);
  const ready = await Promise.all(
    gens.map((g, k) => g.ask({ type: "setup", port: server.port, from: k * perProc, to: Math.min(chats, (k + 1) * perProc), prefix: "1601", concurrency: WS.concurrency, heartbeatSeconds: WS.heartbeat }, "ready")),
  );
  const sockets = ready.reduce((n, r) => n + r.sockets, 0);
  await sleep(3000); // let the set-up garbage go
  const connected = memoryOf(server.pid);
  log(`ws: ${sockets} sockets connected (server RSS ${connected.rssMiB.toFixed(0)} MiB); ${WS.rate} messages/s for ${WS.seconds} s…`);
  let maxRss = connected.rssMiB;
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, memoryOf(server.pid)?.rssMiB ?? 0)), 100);
  const cpu0 = [cpuSecondsOf(server.pid), performance.now()];
  const results = await Promise.all(gens.map((g, k) => g.ask({ type: "run", rate: WS.rate / WS.procs, seconds: WS.seconds, warmup: WS.warmup, worker: k }, "result")));
  clearInterval(sampler);
  const serverCpu = (cpuSecondsOf(server.pid) - cpu0[0]) / ((performance.now() - cpu0[1]) / 1000);
  const after = memoryOf(server.pid);
  const generatorsMiB = gens.map((g) => memoryOf(g.child.pid)?.rssMiB);
  await Promise.all(gens.map((g) => g.ask({ type: "close" }, "closed")));
  for (const g of gens) g.child.disconnect();
  const push = results.flatMap((r) => r.push).sort((a, b) => a - b);
  const ack = results.flatMap((r) => r.ack).sort((a, b) => a - b);
  const sum = (k) => results.reduce((n, r) => n + r[k], 0);
  return {
    settings: WS,
    chats: ready.reduce((n, r) => n + r.chats, 0),
    sockets,
    setupSeconds: Math.max(...ready.map((r) => r.setupSeconds)),
    idleRssMiB: idle?.rssMiB,
    connectedRssMiB: connected.rssMiB,
    rssMaxMiB: maxRss,
    hwmMiB: after?.hwmMiB,
    perSocketKiB: ((connected.rssMiB - idle.rssMiB) * 1024) / sockets,
    generatorsMiB,
    serverCpu,
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
  };
}

export function wsTable(w, f0, f1) {
  return [
    `WebSocket participants: ${w.sockets} sockets in ${w.chats} chats (half web chats: customer + agent; half SMS chats:`,
    `  agent + bot), set up in ${f0(w.setupSeconds)} s from ${w.settings.procs} processes; aws/ping + aws/heartbeat every ${w.settings.heartbeat} s per socket`,
    `  server RSS: idle ${f0(w.idleRssMiB)} MiB, all connected ${f0(w.connectedRssMiB)} MiB (${f1(w.perSocketKiB)} KiB a socket), max under load ${f0(w.rssMaxMiB)} MiB (goal ≤ ${WS_GOALS.rssMiB})`,
    `  ${f0(w.messagesPerSecond)} messages/s for ${w.settings.seconds} s → ${w.pushes} pushes measured (${w.missingPushes} missing, ${w.errors} request errors), server CPU ${f1(w.serverCpu)} cores`,
    `  push latency, request written → frame on the other participants' sockets: p50 ${f1(w.pushP50ms)} ms, p90 ${f1(w.pushP90ms)} ms, p99 ${f1(w.pushP99ms)} ms, max ${f0(w.pushMaxMs)} ms (goal p99 ≤ ${WS_GOALS.pushP99Ms})`,
    `  request acknowledged: p50 ${f1(w.ackP50ms)} ms, p99 ${f1(w.ackP99ms)} ms`,
  ].join("\n");
}
