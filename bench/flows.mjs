// The flows section of npm run bench (issue 14): a new chat whose destination's flow sends a greeting, sets an
// attribute and queues the contact, against a new chat of a destination without a flow, on one connect-chat
// server, alternating, best of BENCH_ROUNDS each. The ratio (time per chat with the flow ÷ without; goal ≤ 1.5) is
// taken in the same run. Then MESSAGEs to existing chats of each kind (no flow waits on them): the same cost expected.
import { DEST, DEST_FLOW } from "./lib.mjs";

export const FLOW_GOAL = 1.5;

export async function flowsSuite({ work, S, log, startConnectChat, stopServer, phase, join }) {
  const cc = await startConnectChat(join(work, "flows.db"));
  const out = { rounds: [] };
  try {
    const kinds = { plain: DEST, flow: DEST_FLOW };
    for (let r = 0; r < S.rounds; r++) {
      const order = r % 2 === 0 ? ["plain", "flow"] : ["flow", "plain"];
      for (const kind of order) {
        log(`flows round ${r + 1}/${S.rounds}: new chats, ${kind}…`);
        const res = await phase(cc, { kind: "new", count: S.newChats, prefix: kind === "flow" ? "1581" : "1582", offset: r * S.newChats, destination: kinds[kind] }, { warmup: 0, cycle: false });
        out.rounds.push({ kind, round: r, ...res });
        if (!out[kind] || res.rps > out[kind].rps) out[kind] = res;
      }
    }
  } finally {
    await stopServer(cc);
  }
  out.ratio = out.plain.rps / out.flow.rps;
  return out;
}

export function flowsTable(res, { f0, f2 }) {
  const lines = [`Contact flows: new chat per request, ${res.rounds.length / 2} rounds each (best)`];
  for (const [k, label] of [["plain", "no flow"], ["flow", "flow: greeting + attribute + queue"]]) {
    const r = res[k];
    lines.push(`  ${label.padEnd(36)} ${f0(r.rps).padStart(7)} req/s  p50 ${f2(r.p50ms)} ms  p99 ${f2(r.p99ms)} ms  errors ${r.errors + (r.mismatches ?? 0)}`);
  }
  lines.push(`  cost with the flow ÷ without = ${f2(res.ratio)} (goal ≤ ${FLOW_GOAL})`);
  return lines;
}
