// SearchContacts in SQL for both adapters: one builder, two placeholder styles and JSON accessors. Paging is a
// keyset on (sort key, id) — a row-value comparison, never OFFSET — so contacts created between two pages do not
// shift the later pages. Values always travel as parameters; only integers the builder checked are inlined.
import { SEARCHABLE_ATTRIBUTE_CHARS, SEARCHABLE_SEGMENT_KEY_CHARS, SEARCHABLE_SEGMENT_VALUE_CHARS, type ContactQuery, type SearchCondition, type SearchTime } from "../domain/ports.js";
import { charLength } from "../api/text.js";
import { lastItemAtOf, segmentKey } from "./rows.js";

const MESSAGE_TYPE = '"Type":"MESSAGE"';

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
      // contact_attributes holds each searchable key and value as JSON text (rows.ts attributeRows): the same encoding of the
      // searched values compares exactly, and no statement parses a record (PostgreSQL's ::json fails on a stored
      // U+0000 or unpaired surrogate, and parsing every record of a range is what made these searches slow).
      const values = c.values.filter((v) => charLength(v) <= SEARCHABLE_ATTRIBUTE_CHARS);
      if (!values.length || charLength(c.key) > SEARCHABLE_ATTRIBUTE_CHARS) return "(1 = 0)";
      return `(id IN (SELECT contact_id FROM contact_attributes WHERE key = ${p.add(JSON.stringify(c.key))} AND value IN (${values.map((v) => p.add(JSON.stringify(v))).join(", ")})))`;
    }
    case "segment": {
      // Same table and index as contact attributes, under segmentKey (rows.ts segmentRows).
      const values = c.values.filter((v) => charLength(v) <= SEARCHABLE_SEGMENT_VALUE_CHARS);
      if (!values.length || charLength(c.key) > SEARCHABLE_SEGMENT_KEY_CHARS) return "(1 = 0)";
      return `(id IN (SELECT contact_id FROM contact_attributes WHERE key = ${p.add(segmentKey(c.key))} AND value IN (${values.map((v) => p.add(JSON.stringify(v))).join(", ")})))`;
    }
    case "transferred":
      return c.is ? "(previous_contact_id IS NOT NULL)" : "(previous_contact_id IS NULL)";
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

/**
 * The body of the chat's newest persisted MESSAGE (a search summary's LastMessage): walks back from the end. The type
 * is found as text, never by parsing the body (PostgreSQL's ::json fails on an escaped U+0000 or unpaired surrogate
 * in a message): bodies are JSON.stringify output, where every quote inside a string value is escaped, so the
 * unescaped `"Type":"MESSAGE"` can only be the item's own Type member.
 */
function lastMessageOf(c: string, dialect: Dialect): string {
  const isMessage = dialect === "sqlite" ? `i.persisted = 1 AND instr(i.body, '${MESSAGE_TYPE}') > 0` : `i.persisted AND strpos(i.body, '${MESSAGE_TYPE}') > 0`;
  // The contact's own messages: after a transfer, the chat's later ones belong to its next contact.
  return `(SELECT body FROM items i WHERE i.initial_contact_id = ${c}.initial_contact_id AND i.contact_id = ${c}.id AND ${isMessage} ORDER BY i.position DESC LIMIT 1) AS last_message`;
}

/**
 * `budget` (SQLite): every row a statement looks at first calls cc_budget() (sqlite/reader.ts), which stops the
 * statement once its time is up; first, so that rows failing a costly condition are counted too.
 */
export function searchStatements(q: ContactQuery, dialect: Dialect, opts: { budget?: boolean } = {}): SearchStatements {
  const p = new Params(dialect);
  const budget = opts.budget && dialect === "sqlite" ? "cc_budget() AND " : "";
  const where = `${budget}account_id = ${p.add(q.accountId)} AND instance_id = ${p.add(q.instanceId)} AND ${condition(q.where, p, dialect)}`;
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
