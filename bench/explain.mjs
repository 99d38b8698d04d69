// EXPLAIN QUERY PLAN of every statement the SQLite store prepares, on a given (grown) database file: the
// statements are the store's own, prepared by dist/storage/sqlite/statements.js, so this follows the store.
// A plan step that SCANs one of the big tables (contacts, participants, items, tokens, idempotency) is flagged.
//   node bench/explain.mjs DB   → prints [{ name, sql, plan: [...], scans: [...] }] as JSON
import Database from "../dist/storage/sqlite/driver.js";
import { prepare } from "../dist/storage/sqlite/statements.js";

const BIG = /^SCAN (contacts|participants|items|tokens|idempotency)\b/;

export function explainStore(dbPath) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const out = [];
  try {
    for (const [name, statement] of Object.entries(prepare(db))) {
      const sql = statement.source;
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
