// Pushes across nodes on PostgreSQL alone: the transaction that appends items also sends pg_notify (delivered only
// if it commits, in commit order), and each node's feed (feed.ts) LISTENs, reads the items back by position and
// pushes them. Payloads carry positions per chat, never the items, so they stay far below NOTIFY's 8000 bytes.
import { createHash } from "node:crypto";
import { quoteLiteral } from "./literal.js";
import type { Item } from "../../domain/types.js";

/** NOTIFY payloads must stay under 8000 bytes; keep well below. */
const MAX_PAYLOAD = 7000;

/** Wire form of one notification: positions per initial contact id. */
export interface Payload {
  c: Record<string, number[]>;
}

/**
 * The channel for one schema: NOTIFY channels are per database, and schemas of one database (tests, tenants) each
 * hold their own items. Channel names are identifiers (at most 63 bytes), so a long schema name is hashed.
 */
export function channelFor(schema: string): string {
  const name = `cc_items_${schema}`;
  return Buffer.byteLength(name) <= 63 ? name : `cc_items_${createHash("sha256").update(schema).digest("hex").slice(0, 40)}`;
}

/**
 * The statements that notify the nodes of these appended items, to run right before COMMIT in the same round
 * trip ("" if none). Unless `always`, each pg_notify runs only if a node watches one of its chats: a transaction
 * with no notification pending skips the global lock PostgreSQL takes at commit to queue notifications, which
 * serializes every notifying commit of the cluster. The check cannot miss a watcher that registered before this
 * commit: registering takes the chat's row lock, which this transaction holds from its append to COMMIT, and the
 * check is a new statement, so it sees any registration that committed before the lock was granted. A watch counts
 * while its node's lease (watch_nodes) is live; a node re-locks its chats when its lease may have lapsed (feed.ts).
 */
export function notifySql(channel: string, items: readonly Item[], always = false): string {
  if (items.length === 0) return "";
  const chunks: Payload[] = [];
  let cur: Payload = { c: {} };
  let size = JSON.stringify(cur).length;
  for (const item of items) {
    const key = item.initialContactId;
    const add = () => String(item.position).length + 1 + (cur.c[key] ? 0 : Buffer.byteLength(JSON.stringify(key)) + 4);
    if (size + add() > MAX_PAYLOAD && Object.keys(cur.c).length) {
      chunks.push(cur);
      cur = { c: {} };
      size = JSON.stringify(cur).length;
    }
    size += add();
    (cur.c[key] ??= []).push(item.position!);
  }
  chunks.push(cur);
  const ch = quoteLiteral(channel);
  return chunks
    .map((p) => {
      const payload = quoteLiteral(JSON.stringify(p));
      if (always) return `SELECT pg_notify(${ch}, ${payload});`;
      // A function (migration 0190): its plan is kept per connection, where a statement here is planned each time.
      const chats = Object.keys(p.c).map(quoteLiteral).join(", ");
      return `SELECT cc_notify_watched(${ch}, ${payload}, ARRAY[${chats}]);`;
    })
    .join(" ");
}

/** The payload's positions, or undefined if it is not ours. */
export function parsePayload(text: string | undefined): Payload | undefined {
  if (!text) return undefined;
  try {
    const p = JSON.parse(text) as Payload;
    return p && typeof p.c === "object" && p.c !== null ? p : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The payload of a transaction whose last item's insert runs in the same call (deferred-appends.ts, migration
 * 0191), as the text before that item's position — the call appends the position and `]}}` — with the chats to
 * check: the transaction's other items go in the same payload, so its items reach the other nodes in one
 * notification as they do otherwise. Undefined when they would not fit in one payload.
 */
export function payloadBeforePosition(others: readonly Item[], chat: string): { head: string; chats: string[] } | undefined {
  const byChat = new Map<string, number[]>();
  for (const item of others) {
    const list = byChat.get(item.initialContactId);
    if (list) list.push(item.position!);
    else byChat.set(item.initialContactId, [item.position!]);
  }
  // Its chat goes last, and its position last in that chat's list (it is drawn after the others': lists ascend).
  const mine = byChat.get(chat) ?? [];
  byChat.delete(chat);
  const lists = [...byChat].map(([c, ps]) => `${JSON.stringify(c)}:[${ps.join(",")}]`);
  const head = `{"c":{${[...lists, `${JSON.stringify(chat)}:[${mine.map((p) => `${p},`).join("")}`].join(",")}`;
  if (Buffer.byteLength(head) + 24 > MAX_PAYLOAD) return undefined; // the position's digits and the tail
  return { head, chats: [...byChat.keys(), chat] };
}
