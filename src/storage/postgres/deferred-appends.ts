// An item insert that rides in the next round trip (issue 20). A MESSAGE to an active chat was three round trips —
// BEGIN with the locking read, the item's INSERT, COMMIT — and each costs the node a write, a wake-up and a read,
// and the backend as much. An append whose caller reads the item's position only after COMMIT (AppendOptions) is
// held here and sent, as a call of cc_append_held (migration 0191) with its values as literals (first-statement.ts),
// in one query string with whatever the transaction sends next: another statement, or the COMMIT. PostgreSQL runs
// the statements of that string in order, inside the transaction, so every later read sees the item, the position
// is drawn while the chat's row lock is held (a chat's items are still in commit order), and an error in the
// insert aborts the transaction as before, only reported one statement later.
//
// One insert at most is held: a second append sends the first on its own (as before). Sent with the COMMIT, its
// position is not known when the commit's NOTIFY check (notify.ts) is written, so the function runs the check
// itself with the payload completed by that position, the transaction's other items in the same payload: its items
// reach the other nodes in one notification, as they did.
import type { ClientBase, QueryResult } from "pg";
import type { Item } from "../../domain/types.js";
import { inlined, type Statement } from "./first-statement.js";
import { notifySql, payloadBeforePosition } from "./notify.js";
import { quoteLiteral } from "./literal.js";
import { isPrepared, PREPARED_APPEND } from "./prepared.js";

/** The held insert of a transaction, if any. */
export interface DeferredAppends {
  held?: {
    /** The call up to its item's values, written in once (`SELECT cc_append_held('id', …, 'at'`, or EXECUTE). */
    args: string;
    /** Whether `args` is an EXECUTE of the connection's prepared call (prepared.ts). */
    prepared: boolean;
    /** The item the caller got back: its position is set once the insert has run. */
    item: Item;
  };
}

/** What a commit notifies: the channel, and whether every commit notifies (notify=always) or only watched chats. */
export interface NotifyTarget {
  channel: string;
  always: boolean;
}

/** appendItemHeld's values: id, contact, initial contact, persisted, visibility, body, at. */
const CALL = "SELECT cc_append_held($1, $2, $3, $4, $5, $6, $7";
const EXECUTE_CALL = `EXECUTE ${PREPARED_APPEND}($1, $2, $3, $4, $5, $6, $7`;

/** The whole call: with the notification when `notify` is given (its payload up to the position), else none. */
function call(held: NonNullable<DeferredAppends["held"]>, notify?: NotifyTarget & { head: string; chats: string[] }): string {
  const end = held.prepared ? ")" : ") AS position"; // the prepared call names its column itself
  if (!notify) return `${held.args}, NULL, NULL, NULL, 'false'${end}`;
  const chats = notify.chats.map(quoteLiteral).join(", ");
  return `${held.args}, ${quoteLiteral(notify.channel)}, ${quoteLiteral(notify.head)}, ARRAY[${chats}]::text[], '${notify.always}'${end}`;
}

const positionOf = (r: QueryResult) => Number(r.rows[0].position);

/** The results of a query string, one per statement (pg returns a lone result bare). */
const resultsOf = (r: QueryResult | QueryResult[]): QueryResult[] => (Array.isArray(r) ? r : [r]);

const run = async (client: ClientBase, text: string) => resultsOf((await client.query(text)) as unknown as QueryResult | QueryResult[]);

/**
 * Holds the insert of an item of a contact this transaction holds (its lock was taken by an earlier statement),
 * sending one held before it first. Undefined when its values cannot be written as literals.
 */
export async function deferAppend(client: ClientBase, d: DeferredAppends, item: Item, values: unknown[]): Promise<Item | undefined> {
  const prepared = isPrepared(client);
  const args = inlined({ text: prepared ? EXECUTE_CALL : CALL, values });
  if (args === undefined) return undefined;
  if (d.held) await sendHeld(client, d); // not awaited when nothing is held: a MESSAGE's one append costs no extra turn
  const stored: Item = { ...item, position: undefined };
  d.held = { args, prepared, item: stored };
  return stored;
}

/** Sends the held insert alone, if there is one. */
async function sendHeld(client: ClientBase, d: DeferredAppends): Promise<void> {
  const held = d.held;
  if (!held) return;
  d.held = undefined;
  held.item.position = positionOf((await run(client, call(held)))[0]);
}

/** `st` with the held insert before it, in one round trip when `st` can be written with literals; `st`'s result. */
export async function sendWithHeld(client: ClientBase, d: DeferredAppends, st: Statement): Promise<QueryResult> {
  const held = d.held!;
  const tail = inlined(st);
  if (tail === undefined) {
    await sendHeld(client, d);
    return client.query(st);
  }
  d.held = undefined;
  const results = await run(client, `${call(held)}; ${tail}`);
  held.item.position = positionOf(results[0]);
  return results[1];
}

/**
 * COMMIT, in one round trip with the held insert and the notifications of `appended` (every item the transaction
 * appended, the held one included).
 */
export async function commitWithHeld(client: ClientBase, d: DeferredAppends, appended: readonly Item[], notify: NotifyTarget): Promise<void> {
  const held = d.held;
  d.held = undefined;
  const payload = held && payloadBeforePosition(appended.filter((i) => i !== held.item), held.item.initialContactId);
  if (held && payload) {
    const results = await run(client, `${call(held, { ...notify, ...payload })}; COMMIT`);
    held.item.position = positionOf(results[0]);
    return;
  }
  if (held) {
    // Too many items for one payload with it: the insert first, then the payloads as usual.
    d.held = held;
    await sendHeld(client, d);
  }
  await client.query(`${notifySql(notify.channel, appended, notify.always)} COMMIT`.trimStart());
}
