// The PostgreSQL rows of npm run bench (BENCH_ONLY=pg): SendChatIntegrationEvent, (a) MESSAGE to existing chats and (b)
// a new chat per request, on one connect-chat node and on two nodes sharing one PostgreSQL (the load generator's
// connections split across both), each group on a fresh scratch database (ANALYZEd once its chats are made, as
// autovacuum would soon); every group also with notify=always, which measures NOTIFY's cost (by default no NOTIFY is
// sent while no node has sockets on the chat, as here). The ceiling (bare node:http) and the essential work on
// PostgreSQL (bench/essential-server.mjs: one transaction with the lookup, the insert and the commit per request, its
// own scratch database and pool of the same size) are measured alternating with the first group, as in the SQLite rows.
// Settings (env): BENCH_POSTGRES_URL (admin URL; default the test server), BENCH_PG_POOL (pool_max per node, 10),
// BENCH_PG_GROUPS (a subset of pg1,pg1notify,pg2,pg2notify).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { configYaml } from "./lib.mjs";

const GROUPS = [
  { key: "pg1", short: "pg 1 node", nodes: 1, notify: "watched" },
  { key: "pg1notify", short: "pg 1 NOTIFY", nodes: 1, notify: "always" },
  { key: "pg2", short: "pg 2 nodes", nodes: 2, notify: "watched" },
  { key: "pg2notify", short: "pg 2 NOTIFY", nodes: 2, notify: "always" },
];
const SHAPES = [
  ["existing", "(a) MESSAGE to existing chats"],
  ["new", "(b) new chat per request"],
];

/** h: the runner's helpers (root, work, bin, S, log, startServer, stopServer, phase). */
export async function postgresSuite(h) {
  const { S, log } = h;
  // A test helper, not shipped in dist/: loaded from src/ through tsx.
  const { tsImport } = await import("tsx/esm/api");
  const { createScratchDatabase, TEST_ADMIN_URL } = await tsImport(join(h.root, "src/storage/postgres/scratch.ts"), import.meta.url);
  const admin = process.env.BENCH_POSTGRES_URL || TEST_ADMIN_URL;
  const poolMax = Number(process.env.BENCH_PG_POOL || 10);
  const out = { admin: new URL(admin).host, poolMax, ceiling: {}, essential: {}, groups: {}, rounds: [] };
  const keep = (side, shape, r) => {
    const cur = side[shape];
    if (!cur || r.rps > cur.rps) side[shape] = r;
  };
  const ceiling = await h.startServer([join(h.root, "bench/ceiling-server.mjs")], "ceiling");
  let essential;
  let essentialDb;
  try {
    // BENCH_PG_GROUPS=pg1,pg2…: a subset of the groups (the first one measured also measures the ceiling and the
    // essential work).
    const only = process.env.BENCH_PG_GROUPS?.split(",");
    for (const [gi, g] of GROUPS.filter((x) => !only || only.includes(x.key)).entries()) {
      let db;
      try {
        db = await createScratchDatabase(admin);
      } catch (e) {
        if (process.env.CI === "true") throw e;
        log(`PostgreSQL rows skipped: ${e.message}`);
        return { ...out, skipped: e.message };
      }
      const url = new URL(db.url);
      url.searchParams.set("pool_max", String(poolMax));
      if (g.notify === "always") url.searchParams.set("notify", "always");
      const nodes = [];
      try {
        const cfg = join(h.work, `${g.key}.yaml`);
        writeFileSync(cfg, configYaml(url.toString()));
        for (let i = 0; i < g.nodes; i++)
          nodes.push(await h.startServer(["serve", "--config", cfg, "--host", "127.0.0.1", "--port", "0", "--database-url", url.toString()], `${g.short} #${i + 1}`, h.bin));
        const target = { name: g.short, port: nodes[0].port, ports: nodes.map((n) => n.port), pid: nodes[0].pid, pids: nodes.map((n) => n.pid) };
        if (gi === 0) {
          essentialDb = await createScratchDatabase(admin);
          essential = await h.startServer([join(h.root, "bench/essential-server.mjs"), essentialDb.url], "essential pg", process.execPath, { BENCH_PG_POOL: String(poolMax) });
          log(`essential pg: creating ${S.chats} chats…`);
          const r = await h.phase(essential, { kind: "setup", chats: S.chats, prefix: "1561" }, { seconds: 600, warmup: 0, cycle: false });
          if (r.errors || r.mismatches) throw new Error(`essential pg: creating ${S.chats} chats failed: ${r.sample}`);
        }
        log(`${g.short}: creating ${S.chats} chats…`);
        const setup = await h.phase(target, { kind: "setup", chats: S.chats, prefix: "1561" }, { seconds: 600, warmup: 0, cycle: false });
        if (setup.errors || setup.mismatches) throw new Error(`${g.short}: creating ${S.chats} chats failed: ${setup.sample}`);
        // Steady state, as autovacuum's first ANALYZE would make it within a minute: both databases get statistics
        // before anything is measured, and the plans their connections keep are made again from them.
        for (const d of gi === 0 ? [essentialDb, db] : [db]) await analyze(d.url);
        const side = (out.groups[g.key] = { nodes: g.nodes, notify: g.notify });
        if (gi === 0) out.pairedGroup = g.key;
        for (let r = 0; r < S.rounds; r++) {
          for (const [shape] of SHAPES) {
            const scenario = shape === "existing" ? { kind: "existing", chats: S.chats, prefix: "1561" } : { kind: "new", count: S.newChats, prefix: "1562", offset: r * S.newChats };
            const opts = shape === "existing" ? {} : { warmup: 0, cycle: false };
            // The ceiling alternates with the first group, as the SQLite rows do.
            const order = gi > 0 ? [target] : r % 2 === 0 ? [ceiling, essential, target] : [target, essential, ceiling];
            for (const server of order) {
              log(`${shape} round ${r + 1}/${S.rounds}: ${server.name}…`);
              const res = await h.phase(server, scenario, { ...opts, checkBodies: server !== ceiling });
              const group = server === ceiling ? "ceiling" : server === essential ? "essential" : g.key;
              out.rounds.push({ group, shape, round: r, ...res });
              keep(server === ceiling ? out.ceiling : server === essential ? out.essential : side, shape, res);
            }
          }
        }
      } finally {
        await Promise.all(nodes.map((n) => h.stopServer(n)));
        await db.drop().catch((e) => log(`dropping ${db.name}: ${e.message}`));
      }
    }
  } finally {
    await h.stopServer(ceiling);
    if (essential) await h.stopServer(essential);
    await essentialDb?.drop().catch((e) => log(`dropping ${essentialDb.name}: ${e.message}`));
  }
  out.notifyMicro = await notifyMicro(createScratchDatabase, admin, log);
  const ratio = (a, b, shape) => out.groups[a]?.[shape]?.rps / out.groups[b]?.[shape]?.rps;
  out.notifyCost = Object.fromEntries(SHAPES.map(([s]) => [s, { node1: ratio("pg1notify", "pg1", s), nodes2: ratio("pg2notify", "pg2", s) }]));
  out.twoOverOne = Object.fromEntries(SHAPES.map(([s]) => [s, ratio("pg2", "pg1", s)]));
  return out;
}

/**
 * NOTIFY's cost alone: WRITERS connections each commit one-row inserts as fast as they can (one round trip per
 * transaction), without and with a pg_notify in the transaction, alternating. PostgreSQL holds a global lock from
 * queueing the notification until its commit is flushed, so notifying commits cannot share a WAL flush.
 */
/** ANALYZE the whole database: every table gets statistics (and every cached plan on them is made again). */
async function analyze(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("ANALYZE");
  } finally {
    await c.end();
  }
}

async function notifyMicro(createScratchDatabase, admin, log, seconds = 4, rounds = 2) {
  const WRITERS = 16;
  const db = await createScratchDatabase(admin);
  const clients = [];
  try {
    await db.query("CREATE TABLE probe (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body TEXT NOT NULL)");
    for (let i = 0; i < WRITERS; i++) {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      clients.push(c);
    }
    const best = { off: 0, on: 0 };
    for (let r = 0; r < rounds; r++)
      for (const mode of r % 2 === 0 ? ["off", "on"] : ["on", "off"]) {
        log(`NOTIFY alone, round ${r + 1}/${rounds}: ${mode}…`);
        const sql = `BEGIN; INSERT INTO probe (body) VALUES ('x');${mode === "on" ? " SELECT pg_notify('cc_probe', '{}');" : ""} COMMIT`;
        const end = performance.now() + seconds * 1000;
        let n = 0;
        const t0 = performance.now();
        await Promise.all(clients.map(async (c) => {
          while (performance.now() < end) {
            await c.query(sql);
            n++;
          }
        }));
        best[mode] = Math.max(best[mode], n / ((performance.now() - t0) / 1000));
      }
    return { writers: WRITERS, commitsPerSecOff: best.off, commitsPerSecOn: best.on, ratio: best.on / best.off };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await db.drop().catch(() => undefined);
  }
}

/**
 * The first group's req/s over the essential work's, round by round: the two run back to back in each round, so a
 * shared machine's slow minutes touch both sides of a ratio (the table's "best of" rows may come from different rounds).
 */
export function pairedRatios(pg) {
  const key = pg.pairedGroup;
  if (!key || !pg.rounds?.length) return undefined;
  const rps = (group, shape, round) => pg.rounds.find((r) => r.group === group && r.shape === shape && r.round === round)?.rps;
  const out = { group: GROUPS.find((g) => g.key === key)?.short ?? key };
  for (const [shape] of SHAPES) {
    const rounds = [...new Set(pg.rounds.filter((r) => r.shape === shape).map((r) => r.round))];
    out[shape] = rounds.map((r) => rps(key, shape, r) / rps("essential", shape, r)).filter(Number.isFinite);
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The rows for the report, in the runner's table layout (`w`: its column widths). */
export function postgresTable(pg, { S, w, f0, f1, f2 }) {
  if (pg.skipped) return [`PostgreSQL: skipped (${pg.skipped})`];
  const lines = [`PostgreSQL at ${pg.admin}: fresh scratch database per group, pool_max ${pg.poolMax} per node, ${S.connections} connections in all (split across nodes)`];
  const row = (cells) => lines.push(cells.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join("  "));
  row(["load (best of " + S.rounds + " rounds)", "req/s", "p50 ms", "p99 ms", "RSS MiB", "errors", "CPU s(m)+pg/l", "÷ceiling", "÷essential"]);
  const cpu = (r) => `${f1(r.serverCpu)}(${f2(r.mainCpu)})+${f1(r.dbCpu)}/${f1(r.loadgenCpu)}`;
  for (const [shape, label] of SHAPES) {
    const c = pg.ceiling[shape];
    const e = pg.essential?.[shape];
    if (c) row([`ceiling      ${label}`, f0(c.rps), f2(c.p50ms), f2(c.p99ms), f0(c.rssMaxMiB), c.errors, cpu(c), "", ""]);
    if (e) row([`essential pg ${label}`, f0(e.rps), f2(e.p50ms), f2(e.p99ms), f0(e.rssMaxMiB), e.errors + e.mismatches, cpu(e), c ? f2(e.rps / c.rps) : "", ""]);
    for (const g of GROUPS) {
      const r = pg.groups[g.key]?.[shape];
      if (!r) continue;
      row([`${g.short.padEnd(12)} ${label}`, f0(r.rps), f2(r.p50ms), f2(r.p99ms), f0(r.rssMaxMiB), r.errors + r.mismatches, cpu(r), c ? f2(r.rps / c.rps) : "", e ? `${f2(r.rps / e.rps)} p99×${f1(r.p99ms / e.p99ms)}` : ""]);
      if (r.perPort) lines.push(`    each node: ${r.perPort.map((p) => `${f0(p.rps)} req/s, p99 ${f2(p.p99ms)} ms`).join("; ")}`);
    }
  }
  lines.push("CPU s(m)+pg/l: cores used by the node(s) (their main threads) + by PostgreSQL / by the load generator while measuring");
  const paired = pairedRatios(pg);
  if (paired) lines.push(`${paired.group} ÷ essential in each round (the two measured back to back): ${SHAPES.map(([s, label]) => `${label.slice(0, 3)} ${paired[s].map(f2).join(", ")} (median ${f2(median(paired[s]))})`).join("; ")}`);
  const nc = pg.notifyCost;
  lines.push(`NOTIFY cost, req/s with notify=always ÷ default (no NOTIFY without sockets): (a) ${f2(nc.existing.node1)} on 1 node, ${f2(nc.existing.nodes2)} on 2; (b) ${f2(nc.new.node1)}, ${f2(nc.new.nodes2)}`);
  const m = pg.notifyMicro;
  if (m) lines.push(`NOTIFY alone, ${m.writers} writers committing one-row inserts: ${f0(m.commitsPerSecOff)} commits/s without, ${f0(m.commitsPerSecOn)} with pg_notify (${f2(m.ratio)})`);
  lines.push(`2 nodes ÷ 1 node: (a) ${f2(pg.twoOverOne.existing)}, (b) ${f2(pg.twoOverOne.new)} — one machine: nodes, PostgreSQL and load generator share its cores`);
  return lines;
}
