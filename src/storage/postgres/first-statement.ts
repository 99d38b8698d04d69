// A transaction's BEGIN travels with its first statement (issue 20): BEGIN alone was a round trip of its own — a
// write, the backend woken, its answer read — in every transaction, a quarter of a MESSAGE's four. Both go as one
// simple-protocol query, the statement's parameters written into its text as quoted literals. A quoted literal has
// PostgreSQL's "unknown" type until context resolves it, as a parameter sent without a type (as pg sends them) does,
// so the statement means the same; it is parsed and planned there instead of reusing a prepared plan, which for the
// calls that come first (the locking functions, short reads) costs less than the round trip saved.
import pg from "pg";
import type { ClientBase, QueryResult, QueryResultRow } from "pg";

export interface Statement {
  name?: string;
  text: string;
  values?: unknown[];
}

/**
 * The statement with its parameters as literals, or undefined when it cannot be written so safely: text with a
 * quoted literal or a dollar-quoted body (a `$n` inside one is not a parameter), or a value that is not a string,
 * a finite number, a boolean or null.
 */
export function inlined(client: ClientBase, s: Statement): string | undefined {
  if (s.text.includes("'") || s.text.includes("$$")) return undefined;
  const values = s.values ?? [];
  const literals: string[] = [];
  for (const v of values) {
    if (v === null || v === undefined) literals.push("NULL");
    else if (typeof v === "string") literals.push(client.escapeLiteral(v));
    else if ((typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean") literals.push(`'${String(v)}'`);
    else return undefined;
  }
  let ok = true;
  const text = s.text.replace(/\$(\d+)/g, (_, n: string) => {
    const lit = literals[Number(n) - 1];
    if (lit === undefined) ok = false;
    return lit ?? "";
  });
  return ok ? text : undefined;
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
  const text = inlined(client, s);
  if (text === undefined) {
    await client.query(begin);
    return client.query<R>(s);
  }
  const results = (await client.query(`${begin}; ${text}`)) as unknown as QueryResult<R>[];
  return results[1];
}
