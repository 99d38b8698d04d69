// A transaction's BEGIN travels with its first statement (issue 20): BEGIN alone was a round trip of its own — a
// write, the backend woken, its answer read — in every transaction, a quarter of a MESSAGE's four. Both go as one
// simple-protocol query, the statement's parameters written into its text as quoted literals. A quoted literal has
// PostgreSQL's "unknown" type until context resolves it, as a parameter sent without a type (as pg sends them) does,
// so the statement means the same; it is parsed and planned there instead of reusing a prepared plan, which for the
// calls that come first (the locking functions, short reads) costs less than the round trip saved.
import pg from "pg";
import type { ClientBase, QueryResult, QueryResultRow } from "pg";
import { quoteLiteral } from "./literal.js";
import { isPrepared, PREPARED_FIRST } from "./prepared.js";

export interface Statement {
  name?: string;
  text: string;
  values?: unknown[];
}

/** A statement's text split at its parameters: parts[0], then value slots[0], parts[1], … (undefined: not inlinable). */
interface Template {
  parts: string[];
  slots: number[];
}

/**
 * Texts already split (issue 20: the regex replace with a callback was most of `inlined`'s time, twice a MESSAGE).
 * The store's statements are a fixed set; texts built at run time (flows, search) are split each time once this many
 * are kept, so the map stays bounded.
 */
const templates = new Map<string, Template | undefined>();
const MAX_TEMPLATES = 512;

function templateOf(text: string): Template | undefined {
  if (templates.has(text)) return templates.get(text);
  let t: Template | undefined;
  // A `$n` inside a quoted literal or a dollar-quoted body is not a parameter: such text is never inlined.
  if (!text.includes("'") && !text.includes("$$")) {
    const pieces = text.split(/\$(\d+)/);
    t = { parts: pieces.filter((_, i) => i % 2 === 0), slots: pieces.filter((_, i) => i % 2 === 1).map((n) => Number(n) - 1) };
  }
  if (templates.size < MAX_TEMPLATES) templates.set(text, t);
  return t;
}

/** A value as a literal, or undefined when it is not a string, a finite number, a boolean or null. */
function literalOf(v: unknown): string | undefined {
  if (typeof v === "string") return quoteLiteral(v);
  if (v === null || v === undefined) return "NULL";
  if ((typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean") return `'${String(v)}'`;
  return undefined;
}

/**
 * The statement with its parameters as literals, or undefined when it cannot be written so safely: text with a
 * quoted literal or a dollar-quoted body (a `$n` inside one is not a parameter), a `$n` with no value, or a value
 * that is not a string, a finite number, a boolean or null.
 */
export function inlined(s: Statement): string | undefined {
  const t = templateOf(s.text);
  if (!t) return undefined;
  const values = s.values ?? [];
  let text = t.parts[0];
  for (let k = 0; k < t.slots.length; k++) {
    const slot = t.slots[k];
    if (slot < 0 || slot >= values.length) return undefined;
    const lit = literalOf(values[slot]);
    if (lit === undefined) return undefined;
    text += lit + t.parts[k + 1];
  }
  return text;
}

/** `EXECUTE name(…)` of a prepared statement (prepared.ts), the values as literals; undefined as for `inlined`. */
export function executeOf(name: string, values: readonly unknown[]): string | undefined {
  const literals: string[] = [];
  for (const v of values) {
    const lit = literalOf(v);
    if (lit === undefined) return undefined;
    literals.push(lit);
  }
  return `EXECUTE ${name}(${literals.join(", ")})`;
}

/** The statement as text: EXECUTE of its prepared statement when the connection has one, else inlined. */
function asText(client: ClientBase, s: Statement): string | undefined {
  const prepared = s.name === undefined ? undefined : PREPARED_FIRST.get(s.name);
  return (prepared !== undefined && isPrepared(client) ? executeOf(prepared, s.values ?? []) : undefined) ?? inlined(s);
}

/**
 * Whether an error means the connection failed rather than the statement: no answer from the server at all, or
 * the server ending the session (SQLSTATE class 57P, operator intervention; class 08, connection exception). A
 * transaction whose first round trip failed so ran nothing and may be tried again on another connection.
 */
export function connectionLost(e: unknown): boolean {
  if (!(e instanceof pg.DatabaseError)) return true;
  return e.code !== undefined && (e.code.startsWith("57P") || e.code.startsWith("08"));
}

/** BEGIN and the first statement in one round trip; the statement's result. */
export async function beginWith<R extends QueryResultRow>(client: ClientBase, begin: string, s: Statement): Promise<QueryResult<R>> {
  const text = asText(client, s);
  if (text === undefined) {
    await client.query(begin);
    return client.query<R>(s);
  }
  const results = (await client.query(`${begin}; ${text}`)) as unknown as QueryResult<R>[];
  return results[1];
}
