// Data steps of migrations that SQL alone cannot do exactly, run by each adapter right after the migration's SQL and
// in its transaction: existing contacts' attributes into contact_attributes, encoded by the same code as new ones.
import type Database from "better-sqlite3";
import type { ClientBase } from "pg";
import type { Contact } from "../domain/types.js";
import { attributeRows, segmentRows } from "./rows.js";

const BATCH = 1000;

export const sqliteBackfills: Record<string, ((db: Database.Database) => void) | undefined> = Object.assign(Object.create(null), {
  contact_attributes: (db: Database.Database) => sqliteBackfill(db, attributeRows),
  // 0150: segment attributes of contacts started before SearchableSegmentAttributes read them.
  segment_attributes: (db: Database.Database) => sqliteBackfill(db, segmentRows),
});

/** Rows of every contact into contact_attributes, a page at a time. */
function sqliteBackfill(db: Database.Database, rowsOf: (c: Contact) => [string, string][]) {
  const page = db.prepare<[string], { id: string; data: string }>("SELECT id, data FROM contacts WHERE id > ? ORDER BY id LIMIT " + BATCH);
  const insert = db.prepare("INSERT OR REPLACE INTO contact_attributes (contact_id, key, value) VALUES (?, ?, ?)");
  for (let after = ""; ; ) {
    const rows = page.all(after);
    if (!rows.length) return;
    for (const r of rows) for (const [k, v] of rowsOf(JSON.parse(r.data) as Contact)) insert.run(r.id, k, v);
    after = rows[rows.length - 1].id;
  }
}

export const postgresBackfills: Record<string, ((client: ClientBase) => Promise<void>) | undefined> = Object.assign(Object.create(null), {
  contact_attributes: (client: ClientBase) => pgBackfill(client, attributeRows),
  segment_attributes: (client: ClientBase) => pgBackfill(client, segmentRows),
});

/** Rows of every contact into contact_attributes, a page at a time. */
async function pgBackfill(client: ClientBase, rowsOf: (c: Contact) => [string, string][]) {
  for (let after = ""; ; ) {
    const { rows } = await client.query<{ id: string; data: string }>("SELECT id, data FROM contacts WHERE id > $1 ORDER BY id LIMIT " + BATCH, [after]);
    if (!rows.length) return;
    const ids: string[] = [];
    const keys: string[] = [];
    const values: string[] = [];
    for (const r of rows)
      for (const [k, v] of rowsOf(JSON.parse(r.data) as Contact)) {
        ids.push(r.id);
        keys.push(k);
        values.push(v);
      }
    if (ids.length)
      await client.query("INSERT INTO contact_attributes (contact_id, key, value) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING", [ids, keys, values]);
    after = rows[rows.length - 1].id;
  }
}
