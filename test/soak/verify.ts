// The soak's end checks and figures: transcripts against acknowledgements, SNS deliveries against the stored
// items (per-chat order, first delivery of each item), RSS medians and slope, and the printed table.
import type Database from "better-sqlite3";
import type { Delivered } from "../support/moto.js";
import type { Tally } from "./load.js";

const itemsOf = (db: Database.Database, chat: string) =>
  (db.prepare("SELECT id, persisted, body FROM items WHERE initial_contact_id = ? ORDER BY position").all(chat) as { id: string; persisted: number; body: string }[]).map((r) => ({
    id: r.id,
    persisted: r.persisted === 1,
    body: JSON.parse(r.body) as { Type?: string; Content?: string },
  }));

/** Every acknowledged message stored, in acknowledgement order, and nothing else. */
export function checkTranscripts(db: Database.Database, t: Tally) {
  let acked = 0;
  let missing = 0;
  let outOfOrder = 0;
  let extra = 0;
  for (const chat of t.chats.values()) {
    const stored = itemsOf(db, chat.initialContactId).filter((i) => i.persisted && i.body.Type === "MESSAGE").map((i) => i.body.Content!);
    acked += chat.acked.length;
    const have = new Set(stored);
    missing += chat.acked.filter((c) => !have.has(c)).length;
    const known = new Set(chat.acked);
    extra += stored.filter((c) => !known.has(c)).length;
    if (stored.filter((c) => known.has(c)).join("\n") !== chat.acked.filter((c) => have.has(c)).join("\n")) outOfOrder++;
  }
  return { chatsChecked: t.chats.size, ackedMessages: acked, missing, outOfOrder, extra };
}

interface Topic {
  got: Delivered[];
  take(n: number, timeoutMs?: number): Promise<Delivered[]>;
}

/** Drains the queue until every streamed item arrived (or nothing moves for 60 s), then compares per chat. */
export async function checkSns(db: Database.Database, topic: Topic, t: Tally, pending: () => number) {
  const sms = [...t.chats.values()].filter((c) => c.streamed);
  const expected = new Map(sms.map((c) => [c.initialContactId, itemsOf(db, c.initialContactId).map((i) => i.id)]));
  const total = [...expected.values()].reduce((a, ids) => a + ids.length, 0);
  const unique = () => new Set(topic.got.map((d) => d.body.Id)).size;
  // Stop when all arrived, or when nothing arrived for 60 s (the relay retries at most every 2 s).
  let last = unique();
  let moved = Date.now();
  while (unique() < total && Date.now() - moved < 60_000) {
    await topic.take(topic.got.length + 500, 3000);
    if (unique() !== last) {
      last = unique();
      moved = Date.now();
    }
  }
  const left = pending();
  const firstSeen = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const d of topic.got) {
    const id = d.body.Id as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const chat = d.body.InitialContactId as string;
    firstSeen.set(chat, [...(firstSeen.get(chat) ?? []), id]);
  }
  let missing = 0;
  let outOfOrder = 0;
  for (const [chat, ids] of expected) {
    const got = firstSeen.get(chat) ?? [];
    missing += ids.filter((id) => !seen.has(id)).length;
    if (got.join() !== ids.filter((id) => seen.has(id)).join()) outOfOrder++;
  }
  return { outboxAtDrainEnd: left, expectedItems: total, delivered: topic.got.length, uniqueDelivered: seen.size, duplicates: topic.got.length - seen.size, missing, outOfOrder };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

/** Medians of the second and the last fifth of the run (minute 2 and minute 5 of 5), and the slope after warm-up. */
export function rssFigures(samples: { t: number; mib: number }[]) {
  const T = samples.at(-1)?.t ?? 0;
  const early = samples.filter((s) => s.t >= T / 5 && s.t < (2 * T) / 5).map((s) => s.mib);
  const late = samples.filter((s) => s.t >= (4 * T) / 5).map((s) => s.mib);
  const warm = samples.filter((s) => s.t >= T / 5);
  const mt = warm.reduce((a, s) => a + s.t, 0) / warm.length;
  const mm = warm.reduce((a, s) => a + s.mib, 0) / warm.length;
  const slope = warm.reduce((a, s) => a + (s.t - mt) * (s.mib - mm), 0) / warm.reduce((a, s) => a + (s.t - mt) ** 2, 0);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    samples: samples.length,
    startMiB: r(samples[0]?.mib ?? NaN),
    maxMiB: r(Math.max(...samples.map((s) => s.mib))),
    secondFifthMedianMiB: r(median(early)),
    lastFifthMedianMiB: r(median(late)),
    lastOverSecond: Math.round((median(late) / median(early)) * 1000) / 1000,
    slopeMiBPerMinute: Math.round(slope * 60 * 100) / 100,
    series: samples.filter((_, i) => i % 5 === 0).map((s) => [Math.round(s.t), r(s.mib)]),
  };
}

export function table(r: any): string {
  const ops = Object.values(r.ops as Record<string, number>).reduce((a, b) => a + b, 0);
  const errs = Object.values(r.errors as Record<string, number>).reduce((a, b) => a + b, 0);
  const rows: [string, string][] = [
    ["duration", `${r.seconds} s, SNS flapped ${r.sns.flaps} times`],
    ["operations acknowledged", `${ops} (${Math.round(ops / r.seconds)}/s)`],
    ["errors", `${errs} ${JSON.stringify(r.errors)}`],
    ["chats", `${r.chats.total} (${r.chats.sms} SMS of which ${r.chats.streamed} streamed to SNS, ${r.chats.web} web)`],
    ["WebSockets opened / pushes received", `${r.websockets.opened} / ${r.websockets.pushesReceived}`],
    ["careless: stalled sockets closed by the server (code: n)", `${r.careless.stalled} ${JSON.stringify(r.careless.closedBy)}`],
    ["careless: dropped sockets / unused URLs / 48 KB-frame messages / missed by reader", `${r.careless.dropped} / ${r.careless.unusedUrls} / ${r.careless.bigMessages} / ${r.careless.missedByReader}`],
    ["acknowledged messages missing / chats out of order / extra", `${r.transcripts.missing} / ${r.transcripts.outOfOrder} / ${r.transcripts.extra} of ${r.transcripts.ackedMessages}`],
    ["SNS items expected / delivered (unique) / duplicates", `${r.sns.expectedItems} / ${r.sns.uniqueDelivered} / ${r.sns.duplicates}`],
    ["SNS missing / chats out of order / outbox left / dead", `${r.sns.missing} / ${r.sns.outOfOrder} / ${r.sns.outboxLeft} / ${r.sns.deadLettered}`],
    ["drain after load", `${r.sns.drainSeconds.toFixed(1)} s`],
    ["RSS start / max", `${r.rss.startMiB} / ${r.rss.maxMiB} MiB`],
    ["RSS median 2nd fifth → last fifth", `${r.rss.secondFifthMedianMiB} → ${r.rss.lastFifthMedianMiB} MiB (×${r.rss.lastOverSecond}), slope ${r.rss.slopeMiBPerMinute} MiB/min`],
    ["server exit on SIGTERM", JSON.stringify(r.serverExit)],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join("\n");
}
