// The participant timers section of npm run bench (issue 16): MESSAGEs to existing chats whose customer and agent
// have timers running (UpdateParticipantRoleConfig, then an AGENT joined: two participant_timers rows per chat)
// against MESSAGEs to chats without timers, on one connect-chat server, alternating, best of BENCH_ROUNDS each.
// A message writes nothing for timers (a due row reads the sender's newest message instead), so the ratio (time
// per message with timers ÷ without) should be ≈ 1.
import { DEST, INSTANCE, eventBody, signedHeaders, sourceId } from "./lib.mjs";

async function call(port, method, path, body) {
  const host = `127.0.0.1:${port}`;
  const res = await fetch(`http://${host}${path}`, { method, headers: await signedHeaders(host, method, path, body), body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

/** Arms timers on the pool's chats: the customer's idle and auto-disconnect, the agent's idle (8 hours: none comes due). */
async function armTimers(cc, prefix, chats) {
  const list = [
    ["CUSTOMER", "IDLE"],
    ["CUSTOMER", "DISCONNECT_NONCUSTOMER"],
    ["AGENT", "IDLE"],
  ].map(([ParticipantRole, TimerType]) => ({ ParticipantRole, TimerType, TimerValue: { ParticipantTimerDurationInMinutes: 480 } }));
  const one = async (i) => {
    const { InitialContactId } = await call(cc.port, "POST", "/chat-integration-event", eventBody(sourceId(prefix, i), "MESSAGE", "arming"));
    await call(cc.port, "PUT", `/contact/participant-role-config/${INSTANCE}/${InitialContactId}`, JSON.stringify({ ChannelConfiguration: { Chat: { ParticipantTimerConfigList: list } } }));
    await call(cc.port, "POST", "/contact/create-participant", JSON.stringify({ InstanceId: INSTANCE, ContactId: InitialContactId, ParticipantDetails: { ParticipantRole: "AGENT", DisplayName: "Agent" } }));
  };
  for (let i = 0; i < chats; i += 16) await Promise.all(Array.from({ length: Math.min(16, chats - i) }, (_, k) => one(i + k)));
}

export async function timersSuite({ work, S, log, startConnectChat, stopServer, phase, join }) {
  const cc = await startConnectChat(join(work, "timers.db"));
  const out = { rounds: [] };
  const prefixes = { plain: "1585", timed: "1586" };
  try {
    for (const kind of ["plain", "timed"]) await phase(cc, { kind: "setup", chats: S.chats, prefix: prefixes[kind], destination: DEST }, { seconds: 600, warmup: 0, cycle: false });
    log(`timers: arming timers on ${S.chats} chats…`);
    await armTimers(cc, prefixes.timed, S.chats);
    for (let r = 0; r < S.rounds; r++)
      for (const kind of r % 2 === 0 ? ["plain", "timed"] : ["timed", "plain"]) {
        log(`timers round ${r + 1}/${S.rounds}: existing chats, ${kind}…`);
        const res = await phase(cc, { kind: "existing", chats: S.chats, prefix: prefixes[kind], destination: DEST });
        out.rounds.push({ kind, round: r, ...res });
        if (!out[kind] || res.rps > out[kind].rps) out[kind] = res;
      }
  } finally {
    await stopServer(cc);
  }
  out.ratio = out.plain.rps / out.timed.rps;
  return out;
}

export function timersTable(res, { f0, f2 }) {
  const lines = [`Participant timers: MESSAGEs to existing chats (best of rounds)`];
  for (const [k, label] of [["plain", "no timers"], ["timed", "customer + agent timers running"]]) {
    const r = res[k];
    lines.push(`  ${label.padEnd(42)} ${f0(r.rps).padStart(7)} req/s  p50 ${f2(r.p50ms)} ms  p99 ${f2(r.p99ms)} ms  errors ${r.errors + (r.mismatches ?? 0)}`);
  }
  lines.push(`  time per message with timers ÷ without = ${f2(res.ratio)} (goal ≈ 1)`);
  return lines;
}
