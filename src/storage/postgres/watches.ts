// The push feed's watches in the database (feed.ts): a row per watched chat, written once under the chat's row
// lock, and a lease per node (watch_nodes) that writers check before they NOTIFY (notify.ts).
import type pg from "pg";
import type { ClientBase } from "pg";
import type { Item } from "../../domain/types.js";
import { itemFrom } from "../rows.js";
import { FEED_SQL as Q } from "./sql.js";

/** A node's watch lease, renewed by every sync; a dead node's watches lapse after it (its chats stop notifying). */
export const LEASE_SECONDS = 60;
/** Slack for the local clock measuring the lease against the database's (rates differ by ppm, not seconds). */
const LEASE_SLACK_MS = 2000;

type Query = (text: string, values: unknown[]) => Promise<pg.QueryResult>;

/**
 * Whether the lease has stayed live since the last sync that locked every chat: then every writer since saw
 * every watch of this node, and a renewal needs no lock. Measured on the local clock from the moment each
 * renewal was sent (the database's now() is later), so no gap between two renewals goes unnoticed.
 */
export class Lease {
  held = false;
  private end = 0;

  /** A renewal sent at `sentAt` (performance.now()) committed; `live`: the database found the previous one unexpired. */
  renewed(sentAt: number, live: boolean, lockedAll: boolean): boolean {
    if (lockedAll) this.held = true;
    else if (!live || performance.now() >= this.end) this.held = false;
    if (this.held) this.end = sentAt + LEASE_SECONDS * 1000 - LEASE_SLACK_MS;
    return this.held;
  }
}

/** Renews the node's lease (one row, whatever its number of chats); true if the previous one was still live. */
export async function renewLease(q: Query, node: string): Promise<boolean> {
  return (await q(Q.lease, [node, LEASE_SECONDS])).rows[0].live as boolean;
}

/**
 * In one transaction: renews the lease, locks the chats in `lock` and writes their watches (appenders in flight
 * commit first, later ones see the watch), then reads the last position of the `fresh` chats and every item
 * after the cursor of the `known` ones.
 */
export async function register(t: ClientBase, node: string, lock: string[], fresh: string[], known: Map<string, number>, expire: boolean) {
  if (expire) await t.query(Q.expire);
  const live = await renewLease((text, values) => t.query(text, values), node);
  if (lock.length) {
    await t.query(Q.lockChats, [lock]);
    await t.query(Q.register, [lock, node]);
  }
  const base: { chat: string; last: string | null }[] = fresh.length ? (await t.query(Q.lastPositions, [fresh])).rows : [];
  return { base, items: await itemsAfter((text, values) => t.query(text, values), known), live };
}

/** Every item after each chat's cursor, in position order. */
export async function itemsAfter(q: Query, known: Map<string, number>): Promise<Item[]> {
  return known.size ? (await q(Q.after, [[...known.keys()], [...known.values()]])).rows.map(itemFrom) : [];
}
