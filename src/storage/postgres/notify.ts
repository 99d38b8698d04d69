// Pushes across nodes on PostgreSQL alone: the transaction that appends items also sends pg_notify (delivered only
// if it commits, in commit order), and each store LISTENs on a dedicated connection, reads other nodes' items back
// by position and hands them to its callback. Payloads name the sender and the positions per chat, never the items.
import { createHash } from "node:crypto";
import pg from "pg";
import type { ClientBase, ClientConfig, Notification } from "pg";
import type { Item } from "../../domain/types.js";
import { pgTxStore } from "./txStore.js";

/** NOTIFY payloads must stay under 8000 bytes; keep well below. */
const MAX_PAYLOAD = 7000;
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5000;
/** Positions read back per query. */
const READ_BATCH = 500;

/** Wire form of one notification: sender node and positions per initial contact id. */
interface Payload {
  n: string;
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

/** The statements that notify other nodes of these appended items, to run right before COMMIT ("" if none). */
export function notifySql(client: ClientBase, channel: string, node: string, items: readonly Item[]): string {
  if (items.length === 0) return "";
  const chunks: Payload[] = [];
  let cur: Payload = { n: node, c: {} };
  let size = JSON.stringify(cur).length;
  for (const item of items) {
    const key = item.initialContactId;
    const add = String(item.position).length + 1 + (cur.c[key] ? 0 : Buffer.byteLength(JSON.stringify(key)) + 4);
    if (size + add > MAX_PAYLOAD && Object.keys(cur.c).length) {
      chunks.push(cur);
      cur = { n: node, c: {} };
      size = JSON.stringify(cur).length;
    }
    (cur.c[key] ??= []).push(item.position!);
    size += String(item.position).length + 1 + (cur.c[key].length === 1 ? Buffer.byteLength(JSON.stringify(key)) + 4 : 0);
  }
  chunks.push(cur);
  const ch = client.escapeLiteral(channel);
  return chunks.map((p) => `SELECT pg_notify(${ch}, ${client.escapeLiteral(JSON.stringify(p))});`).join(" ");
}

export type RemoteItems = (items: Item[]) => void;
export type Wanted = (initialContactId: string) => boolean;

/**
 * One LISTEN connection, outside the pool: reconnected with backoff when it drops (items committed while it is
 * down are not pushed; clients catch up from the transcript), ended by stop(). Reads run on the same connection,
 * one batch at a time, so batches reach the callback in notification (= commit) order.
 */
export class Listener {
  private client: pg.Client | undefined;
  private stopped = false;
  private retryMs = RETRY_MIN_MS;
  private timer: NodeJS.Timeout | undefined;
  private pending: number[] = [];
  private reading = false;
  /** Resolves when the first LISTEN is in place (or the listener stopped). */
  readonly ready: Promise<void>;
  private readyNow!: () => void;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly node: string,
    private readonly cb: RemoteItems,
    private readonly wanted: Wanted = () => true,
  ) {
    this.ready = new Promise((ok) => (this.readyNow = ok));
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.readyNow();
    clearTimeout(this.timer);
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const c = new pg.Client(this.config);
    c.on("error", () => undefined); // 'end' follows and schedules the reconnect
    c.on("notification", (n) => this.onNotification(c, n));
    c.on("end", () => this.lost(c));
    this.client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${c.escapeIdentifier(this.channel)}`);
      if (this.stopped) return void (await c.end().catch(() => undefined));
      this.retryMs = RETRY_MIN_MS;
      this.readyNow();
    } catch {
      await c.end().catch(() => undefined);
      this.lost(c);
    }
  }

  private lost(c: pg.Client) {
    if (this.client !== c) return;
    this.client = undefined;
    this.pending = [];
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), this.retryMs);
    this.timer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  private onNotification(c: pg.Client, n: Notification) {
    if (n.channel !== this.channel || !n.payload || this.client !== c) return;
    let p: Payload;
    try {
      p = JSON.parse(n.payload) as Payload;
    } catch {
      return;
    }
    if (p.n === this.node) return; // this node published its own items right after its commit
    for (const [chat, positions] of Object.entries(p.c ?? {})) if (this.wanted(chat)) this.pending.push(...positions);
    void this.drain(c);
  }

  private async drain(c: pg.Client) {
    if (this.reading) return;
    this.reading = true;
    try {
      while (this.pending.length && this.client === c) {
        const batch = this.pending.splice(0, READ_BATCH);
        let items: Item[];
        try {
          items = await pgTxStore(c, () => true).itemsAt(batch);
        } catch {
          continue; // the connection broke ('end' reconnects) or the read failed: these pushes are lost
        }
        if (!items.length || this.stopped) continue;
        try {
          this.cb(items);
        } catch {
          // a failing consumer must not stop later pushes
        }
      }
    } finally {
      this.reading = false;
      // Notifications that came on a new connection while the old one's read was failing.
      if (this.pending.length && this.client && this.client !== c) void this.drain(this.client);
    }
  }
}
