// One node's pushes on PostgreSQL: every item committed on a chat that has WebSocket participants here — by this
// node or any other — reaches them exactly once, in position order per chat (= commit order, sql.ts), even when
// the LISTEN connection drops. Notifications are only a fast path; the source of truth is a cursor per chat (the
// last position pushed) and a catch-up read after it, run when a chat is first watched (to set the cursor), after
// every (re)connect and every SYNC_MS. All the work runs one task at a time on `chain`, so a catch-up and the
// notifications around it never interleave; while the feed may have missed a notification (`stale`) it pushes
// nothing from notifications and leaves it to the next catch-up, so a cursor never skips an item.
// Watches: a row per chat, written once under the chat's row lock; a lease per node (watch_nodes), renewed by
// every sync with one statement. While the lease has stayed live since the last sync that locked every chat
// (`leased`), writers have seen every watch, so a sync needs no lock; otherwise it locks them all again.
import type pg from "pg";
import type { ClientBase, ClientConfig } from "pg";
import type { Logger, PushFeed } from "../../domain/ports.js";
import type { Item } from "../../domain/types.js";
import { itemFrom } from "../rows.js";
import { Listener, RETRY_MAX_MS, RETRY_MIN_MS } from "./listener.js";
import type { Payload } from "./notify.js";
import { FEED_SQL as Q } from "./sql.js";
import { itemsAfter, Lease, register, renewLease } from "./watches.js";

export { LEASE_SECONDS } from "./watches.js";

const SYNC_MS = 20_000;
const MAX_CACHED = 10_000;


export interface FeedDeps {
  listenConfig: ClientConfig;
  channel: string;
  node: string;
  /** Runs fn on a pooled connection inside BEGIN … COMMIT. */
  tx<T>(fn: (c: ClientBase) => Promise<T>): Promise<T>;
  /** One statement on a pooled connection. */
  query(text: string, values: unknown[]): Promise<pg.QueryResult>;
  push(items: Item[]): void;
  log: Logger;
}

interface Chat {
  sockets: number;
  /** Settles when the chat's first registration attempt is over. */
  registered: Promise<void>;
  /** Its watchers row is written (under the chat's lock, with the cursor set in the same transaction). */
  watched: boolean;
  /** Last position pushed; undefined until the chat's watch is registered (or its registration failed). */
  last?: number;
  /** The position read when the first socket was authenticated: the cursor if the registration fails. */
  since?: number;
}

export class PgPushFeed implements PushFeed {
  private readonly chats = new Map<string, Chat>();
  /** This node's own committed items, so their notifications need no read back. */
  private readonly cache = new Map<number, Item>();
  private chain: Promise<void> = Promise.resolve();
  private batch: { chats: Set<string>; done: Promise<void> } | undefined;
  private readonly listener: Listener;
  private listening = false;
  /** Counts LISTEN connections lost: a sync that spans a loss has not caught up with what the new one missed. */
  private epoch = 0;
  private stale = true;
  private stopped = false;
  /** Some watch was written: stop() removes this node's rows (unwatches queued behind stop are skipped). */
  private wrote = false;
  private readonly lease = new Lease();
  private syncRetryMs = RETRY_MIN_MS;
  private readonly timers: { resync?: NodeJS.Timeout; sync: NodeJS.Timeout };
  /** Resolves once the first LISTEN and catch-up are done (or the feed stopped). */
  readonly ready: Promise<void>;
  private readyNow!: () => void;

  constructor(private readonly d: FeedDeps) {
    this.ready = new Promise((ok) => (this.readyNow = ok));
    this.timers = { sync: setInterval(() => void this.enqueue(() => this.sync()), SYNC_MS).unref() };
    this.listener = new Listener(d.listenConfig, d.channel, d.log, {
      notified: (p) => void this.enqueue(() => this.read(p)),
      up: async () => {
        this.listening = true;
        await this.enqueue(() => this.sync());
        this.readyNow();
      },
      down: () => {
        this.listening = false;
        this.stale = true;
        this.epoch++;
      },
    });
  }

  /** A socket of this chat attached: resolves once the watch is registered, so what commits after is pushed. */
  watch(chat: string, since?: number): Promise<void> {
    const c = this.chats.get(chat);
    if (c) {
      c.sockets++;
      return c.registered;
    }
    if (!this.batch) {
      const b = { chats: new Set<string>(), done: Promise.resolve() };
      b.done = this.enqueue(async () => {
        if (this.batch === b) this.batch = undefined;
        if (b.chats.size) await this.sync([...b.chats]);
      });
      this.batch = b;
    }
    this.batch.chats.add(chat);
    this.chats.set(chat, { sockets: 1, registered: this.batch.done, watched: false, since });
    return this.batch.done;
  }

  unwatch(chat: string): void {
    const c = this.chats.get(chat);
    if (!c || --c.sockets > 0) return;
    this.chats.delete(chat);
    this.batch?.chats.delete(chat);
    this.batch = undefined; // a watch from now on registers after this delete
    void this.enqueue(async () => {
      await this.d.query(Q.unwatch, [chat, this.d.node]).catch(() => undefined); // else the lease lapses
    });
  }

  /** Items this node just committed: kept so that their notification needs no read. */
  committed(items: readonly Item[]): void {
    for (const it of items) {
      const last = this.chats.get(it.initialContactId)?.last;
      if (last !== undefined && it.position! > last) this.cache.set(it.position!, it);
    }
    if (this.cache.size > MAX_CACHED) this.cache.clear();
  }

  /** Runs the periodic sync now (tests). */
  renew(): Promise<void> {
    return this.enqueue(() => this.sync());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.readyNow();
    for (const t of Object.values(this.timers)) clearTimeout(t);
    await this.listener.stop();
    await this.chain;
    if (this.wrote) await this.d.query(Q.unwatchAll, [this.d.node]).catch(() => undefined);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const p = this.chain.then(() => (this.stopped ? undefined : task())).catch((e) => this.d.log.error({ event: "push-feed", err: e }, "push feed task failed"));
    this.chain = p;
    return p;
  }

  /**
   * Registers the watches of `only`, or renews and catches up every chat. Chats that need their watch written
   * (new ones; all of them while the lease may have lapsed) are locked: their row locks make appenders in flight
   * commit first (their items are read here) and later ones see the watch (they notify). For a chat with no
   * cursor yet, its last position becomes the cursor (nothing before is pushed); for the others, every item after
   * the cursor is read. A chat whose registration fails starts from the position its socket was authenticated at.
   */
  private async sync(only?: string[]): Promise<void> {
    const names = only ?? [...this.chats.keys()];
    const epoch = this.epoch;
    const wasLeased = this.lease.held;
    const lock = wasLeased ? names.filter((n) => this.chats.get(n)?.watched === false) : names;
    const q = (text: string, values: unknown[]) => this.d.query(text, values);
    let r: { base: { chat: string; last: string | null }[]; items: Item[] };
    const sentAt = performance.now();
    try {
      if (!lock.length && wasLeased) {
        // Every chat watched and writers saw it all along: one statement renews, no chat is locked.
        if (!this.lease.renewed(sentAt, await renewLease(q, this.d.node), false)) return this.lapsed(only);
        r = { base: [], items: await itemsAfter(q, this.cursors(names)) };
        if (!only) await q(Q.expire, []);
      } else {
        this.wrote = true;
        const fresh = names.filter((n) => this.chats.get(n)?.last === undefined);
        const reg = await this.d.tx((t) => register(t, this.d.node, lock, fresh, this.cursors(names), !only));
        r = reg;
        for (const n of lock) {
          const c = this.chats.get(n);
          if (c) c.watched = true;
        }
        // Every chat locked: consistent whatever the lease was; else it must have stayed live throughout.
        if (!this.lease.renewed(sentAt, reg.live, !wasLeased && !only) && wasLeased) void this.lapsed(only, true);
      }
    } catch (e) {
      for (const n of lock) {
        const c = this.chats.get(n);
        if (c && c.last === undefined && c.since !== undefined) c.last = c.since; // registered by a later sync
      }
      return this.syncFailed(e);
    }
    this.syncRetryMs = RETRY_MIN_MS;
    for (const b of r.base) {
      const c = this.chats.get(b.chat);
      if (c && c.last === undefined) c.last = Number(b.last ?? 0);
    }
    if (!only) this.cache.clear(); // read back if needed; cannot leak past a lost notification
    this.deliver(r.items);
    if (r.items.length && !only) this.d.log.info({ event: "push-catch-up", items: r.items.length }, "pushed items missed while disconnected");
    if (!only && this.listening && this.epoch === epoch && this.lease.held) this.stale = false;
  }

  /** The cursors of these chats that have one. */
  private cursors(names: string[]): Map<string, number> {
    const m = new Map<string, number>();
    for (const n of names) {
      const last = this.chats.get(n)?.last;
      if (last !== undefined) m.set(n, last);
    }
    return m;
  }

  /**
   * The lease may have run out since it was last renewed: writers may have skipped NOTIFY for any chat here. Pushes
   * from notifications stop until a sync has locked every chat again (now, or next on the chain if `later`).
   */
  private async lapsed(only: string[] | undefined, later = false): Promise<void> {
    this.lease.held = false;
    this.stale = true;
    this.d.log.warn({ event: "push-lease-lapsed" }, "watch lease lapsed");
    if (later || only) void this.enqueue(() => this.sync());
    else await this.sync();
  }

  private syncFailed(e: unknown) {
    this.stale = true;
    this.d.log.warn({ event: "push-sync-failed", retryInMs: this.syncRetryMs, error: String((e as Error)?.message ?? e) }, "watch registration failed");
    if (this.timers.resync || this.stopped) return;
    this.timers.resync = setTimeout(() => {
      this.timers.resync = undefined;
      void this.enqueue(() => this.sync());
    }, this.syncRetryMs).unref();
    this.syncRetryMs = Math.min(this.syncRetryMs * 2, RETRY_MAX_MS);
  }

  private async read(p: Payload): Promise<void> {
    if (this.stale) return; // the next sync reads these
    const items: Item[] = [];
    const missing: number[] = [];
    for (const [chat, positions] of Object.entries(p.c)) {
      const last = this.chats.get(chat)?.last;
      if (last === undefined) continue;
      for (const pos of positions) {
        if (pos <= last) continue;
        const hit = this.cache.get(pos);
        if (hit) items.push(hit);
        else missing.push(pos);
        this.cache.delete(pos);
      }
    }
    if (missing.length) {
      try {
        // On the LISTEN connection: always open, where a pooled one may have to be opened first (tens of ms).
        items.push(...(await this.listener.query(Q.itemsAt, [missing])).rows.map(itemFrom));
      } catch (e) {
        return this.syncFailed(e); // nothing more from notifications until a catch-up has read these
      }
    }
    this.deliver(items);
  }

  private deliver(items: Item[]) {
    const out: Item[] = [];
    for (const it of items.sort((a, b) => a.position! - b.position!)) {
      const c = this.chats.get(it.initialContactId);
      if (!c || c.last === undefined || it.position! <= c.last) continue;
      c.last = it.position!;
      out.push(it);
    }
    if (!out.length || this.stopped) return;
    try {
      this.d.push(out);
    } catch {
      // a failing consumer must not stop later pushes
    }
  }
}
