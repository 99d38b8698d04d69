// The flows section of npm run bench (issue 14): a new chat whose destination's flow sends a greeting, sets an
// attribute and queues the contact, against a new chat of a destination without a flow, on one connect-chat
// server, alternating, best of BENCH_ROUNDS each. The ratio (time per chat with the flow ÷ without; goal ≤ 1.5) is
// taken in the same run; beside it, new chats queued by their destination without a flow (the routing work alone,
// so the flow engine's own share shows). Then MESSAGEs to existing chats of each kind (no flow waits on them): the same cost expected.
import { DEST, DEST_FLOW, DEST_QUEUE } from "./lib.mjs";

export const FLOW_GOAL = 1.5;

export async function flowsSuite({ work, S, log, startConnectChat, stopServer, phase, join }) {
  const cc = await startConnectChat(join(work, "flows.db"));
  const out = { rounds: [] };
  try {
    const kinds = { plain: DEST, flow: DEST_FLOW, queued: DEST_QUEUE };
    const prefixes = { flow: "1581", plain: "1582", queued: "1587" };
    for (let r = 0; r < S.rounds; r++) {
      const order = r % 2 === 0 ? ["plain", "queued", "flow"] : ["flow", "queued", "plain"];
      for (const kind of order) {
        log(`flows round ${r + 1}/${S.rounds}: new chats, ${kind}…`);
        const res = await phase(cc, { kind: "new", count: S.newChats, prefix: prefixes[kind], offset: r * S.newChats, destination: kinds[kind] }, { warmup: 0, cycle: false });
        out.rounds.push({ kind, round: r, ...res });
        if (!out[kind] || res.rps > out[kind].rps) out[kind] = res;
        // Server CPU time per chat (all its threads): the cost itself, which other work on a shared machine
        // disturbs less than the throughput does. Best (lowest) of rounds.
        const cpuMs = (1000 * res.serverCpu) / res.rps;
        if (!(out.cpuMs?.[kind] <= cpuMs)) out.cpuMs = { ...out.cpuMs, [kind]: cpuMs };
      }
    }
    // MESSAGEs to existing chats (their flows ended: queued): no flow statement runs on them.
    for (const kind of ["plain", "flow"]) {
      const prefix = kind === "flow" ? "1583" : "1584";
      await phase(cc, { kind: "setup", chats: S.chats, prefix, destination: kinds[kind] }, { seconds: 600, warmup: 0, cycle: false });
    }
    for (let r = 0; r < S.rounds; r++)
      for (const kind of r % 2 === 0 ? ["plain", "flow"] : ["flow", "plain"]) {
        log(`flows round ${r + 1}/${S.rounds}: existing chats, ${kind}…`);
        const res = await phase(cc, { kind: "existing", chats: S.chats, prefix: kind === "flow" ? "1583" : "1584", destination: kinds[kind] });
        out.rounds.push({ kind: `existing-${kind}`, round: r, ...res });
        if (!out[`existing-${kind}`] || res.rps > out[`existing-${kind}`].rps) out[`existing-${kind}`] = res;
      }
  } finally {
    await stopServer(cc);
  }
  out.ratio = out.plain.rps / out.flow.rps;
  out.queuedRatio = out.queued.rps / out.flow.rps;
  out.existingRatio = out["existing-plain"].rps / out["existing-flow"].rps;
  out.cpuRatio = out.cpuMs.flow / out.cpuMs.plain;
  out.cpuQueuedRatio = out.cpuMs.flow / out.cpuMs.queued;
  return out;
}

export function flowsTable(res, { f0, f2 }) {
  const lines = [`Contact flows: new chat per request, and MESSAGEs to existing chats (best of rounds)`];
  for (const [k, label] of [["plain", "new, no flow"], ["queued", "new, no flow, queued (destination's queue)"], ["flow", "new, flow: greeting + attribute + queue"], ["existing-plain", "existing, no flow"], ["existing-flow", "existing, flow ended (queued)"]]) {
    const r = res[k];
    lines.push(`  ${label.padEnd(42)} ${f0(r.rps).padStart(7)} req/s  p50 ${f2(r.p50ms)} ms  p99 ${f2(r.p99ms)} ms  errors ${r.errors + (r.mismatches ?? 0)}`);
  }
  lines.push(`  new chat: throughput without the flow ÷ with = ${f2(res.ratio)} (goal ≤ ${FLOW_GOAL}); ÷ queued without a flow = ${f2(res.queuedRatio)}; existing chats: ${f2(res.existingRatio)} (goal ≈ 1)`);
  const c = res.cpuMs;
  if (c) lines.push(`  server CPU per new chat: no flow ${f2(c.plain)} ms, queued ${f2(c.queued)} ms, flow ${f2(c.flow)} ms; with the flow ÷ without = ${f2(res.cpuRatio)} (goal ≤ ${FLOW_GOAL}), ÷ queued = ${f2(res.cpuQueuedRatio)}`);
  return lines;
}
