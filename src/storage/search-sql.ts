// SearchContacts in SQL for both adapters: one builder, two placeholder styles and JSON accessors. Paging is a
// keyset on (sort key, id) — a row-value comparison, never OFFSET — so contacts created between two pages do not
// shift the later pages. Values always travel as parameters; only integers the builder checked are inlined.
import type { ContactQuery, SearchCondition, SearchTime } from "../domain/ports.js";
import { lastItemAtOf } from "./rows.js";

export type Dialect = "sqlite" | "postgres";

export interface SearchStatements {
  page: { text: string; values: unknown[] };
  count: { text: string; values: unknown[] };
}

const TIME_COLUMN: Record<SearchTime, string> = { initiated: "initiated_at", disconnected: "ended_at", agent: "agent_at" };
const IN_COLUMN = { agentId: "agent_id", sourceId: "source_id", subtypeKey: "subtype_key", queueId: "queue_id" } as const;

class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: Dialect) {}
  add(v: unknown): string {
    this.values.push(v);
    return this.dialect === "sqlite" ? "?" : `$${this.values.length}`;
  }
}

function condition(c: SearchCondition, p: Params, dialect: Dialect): string {
  switch (c.kind) {
    case "time":
      return `(${TIME_COLUMN[c.field]} BETWEEN ${p.add(c.from)} AND ${p.add(c.to)})`;
    case "missing":
      return `(${TIME_COLUMN[c.field]} IS NULL)`;
    case "in":
      return c.values.length ? `(${IN_COLUMN[c.field]} IN (${c.values.map((v) => p.add(v)).join(", ")}))` : "(1 = 0)";
    case "attribute": {
      if (!c.values.length) return "(1 = 0)";
      // Keys are quoted into the JSON path (SQLite) or passed as a parameter (PostgreSQL); the domain lets only
      // [A-Za-z0-9_-] keys through, the only ones a contact can carry.
      const value = dialect === "sqlite" ? `json_extract(data, ${p.add(`$.attributes."${c.key}"`)})` : `((data::json -> 'attributes') ->> ${p.add(c.key)})`;
      return `(${value} IN (${c.values.map((v) => p.add(v)).join(", ")}))`;
    }
    case "all":
      return c.of.length ? `(${c.of.map((x) => condition(x, p, dialect)).join(" AND ")})` : "(1 = 1)";
    case "any":
      return c.of.length ? `(${c.of.map((x) => condition(x, p, dialect)).join(" OR ")})` : "(1 = 0)";
  }
}

function sortExpression(q: ContactQuery): string | undefined {
  if (!q.sort.key) return undefined;
  if (!Number.isSafeInteger(q.sort.missing)) throw new Error("sort.missing must be a safe integer");
  // initiated_at is never NULL: the bare column lets the contacts_search index order the rows.
  return q.sort.key === "initiated" ? "initiated_at" : `COALESCE(${TIME_COLUMN[q.sort.key]}, ${q.sort.missing})`;
}

/** The body of the chat's newest persisted MESSAGE (a search summary's LastMessage): walks back from the end. */
function lastMessageOf(c: string, dialect: Dialect): string {
  const isMessage = dialect === "sqlite" ? "i.persisted = 1 AND json_extract(i.body, '$.Type') = 'MESSAGE'" : "i.persisted AND (i.body::json ->> 'Type') = 'MESSAGE'";
  return `(SELECT body FROM items i WHERE i.initial_contact_id = ${c}.initial_contact_id AND ${isMessage} ORDER BY i.position DESC LIMIT 1) AS last_message`;
}

export function searchStatements(q: ContactQuery, dialect: Dialect): SearchStatements {
  const p = new Params(dialect);
  const where = `account_id = ${p.add(q.accountId)} AND instance_id = ${p.add(q.instanceId)} AND ${condition(q.where, p, dialect)}`;
  const count = { text: `SELECT count(*) AS n FROM contacts WHERE ${where}`, values: [...p.values] };

  // Without a sort key every row's key is 0 (a constant, so it must stay out of ORDER BY: `ORDER BY 0` is a position).
  const sorted = sortExpression(q);
  const key = sorted ?? "0";
  const dir = q.sort.descending ? "DESC" : "ASC";
  const cmp = q.sort.descending ? "<" : ">";
  const keyset = q.after ? ` AND (${key}, id) ${cmp} (${p.add(q.after.value)}, ${p.add(q.after.id)})` : "";
  // The page's ids come from the index alone (sorting only keys and ids); `data` is read for those rows only.
  const ids = `SELECT id, ${key} AS k FROM contacts WHERE ${where}${keyset} ORDER BY ${sorted ? `${sorted} ${dir}, ` : ""}id ${dir} LIMIT ${p.add(q.limit)}`;
  const columns = `c.data, ${lastItemAtOf("c")}, ${lastMessageOf("c", dialect)}`;
  const page = { text: `SELECT ${columns} FROM (${ids}) s JOIN contacts c ON c.id = s.id ORDER BY s.k ${dir}, s.id ${dir}`, values: p.values };
  return { page, count };
}
