// The statements a MESSAGE sends as text, prepared once per connection (issue 20). A transaction's first statement
// travels with its BEGIN, and a held item insert with the COMMIT (first-statement.ts, deferred-appends.ts), as
// simple-protocol text with the values written in: PostgreSQL parsed, analyzed and planned that text on every call.
// Sent as EXECUTE of a statement the connection prepared (SQL PREPARE: the same text, its parameter types inferred
// as for pg's named statements), with the same literals as arguments, the parse is of a short EXECUTE and the plan
// is kept. Measured on one node, 10 callers: ~25 µs less of PostgreSQL's CPU a MESSAGE (~300 → ~275 µs), the
// node's unchanged.
//
// The PREPAREs go in one round trip of their own before a connection's first transaction, outside it: a failure
// (a statement PostgreSQL refuses) is then known exactly, aborts nothing, and leaves that connection on the text
// path. Prepared statements outlive a rolled-back transaction and live as long as the connection, which is the
// pool's, so a connection's statements are prepared once. Their SQL names (lower case, `cc_p_`) are apart from pg's
// protocol-level names (`cc_` and the statement's camel-case name), which share PostgreSQL's namespace.
import type { ClientBase } from "pg";
import { SQL } from "./sql.js";

/** The prepared statement of a store statement sent first (by its pg name), if it has one. */
export const PREPARED_FIRST: ReadonlyMap<string, string> = new Map([
  ["cc_activeChatLocked", "cc_p_locked_chat"],
  ["cc_contactLocked", "cc_p_locked_contact"],
]);

/** The held insert's prepared call (cc_append_held, migration 0191); its result column is `position`. */
export const PREPARED_APPEND = "cc_p_append";

const PREPARE_ALL = [
  `PREPARE cc_p_locked_chat AS ${SQL.activeChatLocked}`,
  `PREPARE cc_p_locked_contact AS ${SQL.contactLocked}`,
  `PREPARE ${PREPARED_APPEND} AS SELECT cc_append_held($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) AS position`,
].join("; ");

/** Per connection: whether its statements are prepared (false: refused, it sends text). */
const prepared = new WeakMap<ClientBase, boolean>();

/**
 * Prepares the statements on a connection the first time it serves a transaction. Never throws: a connection that
 * failed meanwhile fails its transaction's first statement next, as it would have.
 */
export async function prepareOnce(client: ClientBase): Promise<void> {
  if (prepared.has(client)) return;
  prepared.set(client, false);
  try {
    await client.query(PREPARE_ALL);
    prepared.set(client, true);
  } catch {
    // Stays false: the text path, which needs nothing prepared.
  }
}

/**
 * After a failed transaction: if PostgreSQL no longer knows a prepared statement (SQLSTATE 26000 — DEALLOCATE or
 * DISCARD ran on the connection behind the store's back, or a pooler in transaction mode moved it to another
 * backend), the connection goes back to the text path, so one request fails instead of every one after it.
 */
export function forgetIfUnknown(client: ClientBase, e: unknown): void {
  if ((e as { code?: unknown } | undefined)?.code === "26000") prepared.set(client, false);
}

/** Whether `client` can EXECUTE the prepared statements. */
export const isPrepared = (client: ClientBase): boolean => prepared.get(client) === true;
