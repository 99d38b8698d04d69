// SearchContacts on SQLite: the shared statement builder (../search-sql.ts) with prepared statements cached per
// database — a client sends the same few criteria shapes again and again (a console polling its queue).
import type Database from "better-sqlite3";
import type { ContactQuery } from "../../domain/ports.js";
import type { Contact } from "../../domain/types.js";
import { searchedContactFrom, type ContactRow } from "../rows.js";
import { searchStatements } from "../search-sql.js";

const CACHE_MAX = 256;
const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statement(db: Database.Database, text: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let st = cache.get(text);
  if (!st) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(text, (st = db.prepare(text)));
  }
  return st;
}

export function searchContacts(db: Database.Database, q: ContactQuery): { contacts: Contact[]; total: number } {
  const { page, count } = searchStatements(q, "sqlite");
  const total = Number((statement(db, count.text).get(...count.values) as { n: number }).n);
  const rows = statement(db, page.text).all(...page.values) as (ContactRow & { last_message: string | null })[];
  return { contacts: rows.map(searchedContactFrom), total };
}
