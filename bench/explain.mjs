// EXPLAIN QUERY PLAN of every statement the SQLite store prepares, on a given (grown) database file: the
// statements are read from dist/storage/sqlite/SqliteStore.js, so this follows the store as it changes.
// A plan step that SCANs one of the big tables (contacts, participants, items, tokens, idempotency) is flagged.
//   node bench/explain.mjs DB   → prints [{ name, sql, plan: [...], scans: [...] }] as JSON
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";

const BIG = /^SCAN (contacts|participants|items|tokens|idempotency)\b/;

export function explainStore(dbPath) {
  const src = readFileSync(new URL("../dist/storage/sqlite/SqliteStore.js", import.meta.url), "utf8");
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const out = [];
  try {
    for (const m of src.matchAll(/(\w+):\s*db\.prepare\(\s*(["`])([\s\S]*?)\2/g)) {
      const [, name, , sql] = m;
      if (!/^\s*(SELECT|INSERT|UPDATE|DELETE)/i.test(sql)) continue;
      // Parameters are bound as NULL: without STAT4, SQLite's plan does not depend on the values.
      const positional = sql.replace(/@\w+/g, "?");
      const params = Array((positional.match(/\?/g) ?? []).length).fill(null);
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${positional}`).all(...params).map((r) => r.detail);
      out.push({ name, sql: sql.replace(/\s+/g, " ").trim(), plan, scans: plan.filter((d) => BIG.test(d)) });
    }
  } finally {
    db.close();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv[2]) {
    console.error("usage: node bench/explain.mjs DB");
    process.exit(2);
  }
  console.log(JSON.stringify(explainStore(process.argv[2]), null, 2));
}
