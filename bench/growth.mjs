// The store-growth section of npm run bench (BENCH_ONLY=growth): SendChatIntegrationEvent p99 on a store holding
// BENCH_GROWTH_CHATS chats × BENCH_GROWTH_ITEMS_PER_CHAT items (bench/bulk-load.mjs) against an empty store,
// both servers running side by side and their phases alternating round by round, so that a busy neighbour
// weighs on both: the ratio grown/empty is measured under the same conditions.
// BENCH_GROWTH_DB=PATH keeps the loaded file at PATH (and its load figures in PATH.json) and reuses it on the
// next run instead of loading again (1M chats take minutes); without it the file is temporary and removed.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { explainStore } from "./explain.mjs";

/** ctx: { root, work, S, log, startConnectChat, stopServer, phase, setupChats } from scripts/bench.mjs. */
export async function growthSuite({ root, work, S, log, startConnectChat, stopServer, phase, setupChats }) {
  const keep = process.env.BENCH_GROWTH_DB;
  const db = keep || join(work, "grown.db");
  let loaded;
  if (keep && existsSync(db) && existsSync(`${db}.json`)) {
    loaded = { ...JSON.parse(readFileSync(`${db}.json`, "utf8")), reused: true };
    log(`reusing ${db} (${loaded.chats} chats, ${loaded.items} items)`);
  } else {
    log(`bulk-loading ${S.growthChats} chats × ${S.growthItemsPerChat} items…`);
    const b = spawnSync(process.execPath, [join(root, "bench/bulk-load.mjs"), db, String(S.growthChats), String(S.growthItemsPerChat)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    if (b.status !== 0) throw new Error("bulk load failed");
    loaded = JSON.parse(b.stdout);
    if (keep) writeFileSync(`${db}.json`, JSON.stringify(loaded));
  }
  // The query plans of the store's statements at this size (ANALYZE ran after the load): any full scan of a
  // big table is listed in the table and the JSON.
  const plans = explainStore(db);
  // Source ids unique to this run, so a reused file's earlier chats are not met again.
  const run = String(Math.floor(Math.random() * 90) + 10);
  const empty = await startConnectChat(join(work, "growth-empty.db"));
  const grown = await startConnectChat(db);
  const rounds = [];
  const best = { empty: {}, grown: {} };
  try {
    for (const s of [empty, grown]) await setupChats(s, `18${run}`, true);
    for (let r = 0; r < S.rounds; r++) {
      for (const [shape, scenario, opts] of [
        ["existing", { kind: "existing", chats: S.chats, prefix: `18${run}` }, {}],
        ["new", { kind: "new", count: S.newChats, prefix: `19${run}`, offset: r * S.newChats }, { warmup: 0, cycle: false }],
      ]) {
        const order = r % 2 === 0 ? [grown, empty] : [empty, grown];
        for (const server of order) {
          const side = server === grown ? "grown" : "empty";
          log(`growth ${shape} round ${r + 1}/${S.rounds}: ${side} store…`);
          const res = await phase(server, scenario, opts);
          rounds.push({ shape, round: r, side, ...res });
          // Each side keeps its round with the lowest p99: the figure compared is p99.
          if (!best[side][shape] || res.p99ms < best[side][shape].p99ms) best[side][shape] = res;
        }
      }
    }
  } finally {
    await Promise.all([stopServer(empty), stopServer(grown)]);
    if (!keep) for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  }
  return {
    ...loaded,
    scans: plans.filter((p) => p.scans.length).map((p) => `${p.name}: ${p.scans.join("; ")}`),
    plans,
    empty: best.empty,
    existing: best.grown.existing,
    new: best.grown.new,
    existingP99Factor: best.grown.existing.p99ms / best.empty.existing.p99ms,
    newP99Factor: best.grown.new.p99ms / best.empty.new.p99ms,
    rounds,
  };
}

/** Appends the section's lines through the report's `push` (a line) and `row` (cells, widths). */
export function growthTable(g, S, push, row, w, { f0, f2 }) {
  push(`store growth: ${g.chats} chats, ${g.items} items ${g.reused ? "(a kept file) " : ""}loaded in ${f0(g.loadSeconds)} s (${f0(g.dbMiB)} MiB file); empty store alongside, ${S.rounds} alternating rounds, lowest p99 of each`);
  row(["", "req/s", "p50 ms", "p99 ms", "RSS MiB", "errors", "", "p99÷empty"], w);
  for (const [k, label] of [["existing", "(a) existing chats"], ["new", "(b) new chats"]]) {
    const e = g.empty[k];
    const x = g[k];
    row([`${label}, empty store`, f0(e.rps), f2(e.p50ms), f2(e.p99ms), f0(e.rssMaxMiB), e.errors + e.mismatches, "", ""], w);
    row([`${label}, grown store`, f0(x.rps), f2(x.p50ms), f2(x.p99ms), f0(x.rssMaxMiB), x.errors + x.mismatches, "", f2(k === "new" ? g.newP99Factor : g.existingP99Factor)], w);
  }
  push(`query plans: ${g.plans.length} statements, ${g.scans.length ? `full scans of big tables: ${g.scans.join(" | ")}` : "every one uses an index on the big tables"}`);
}
