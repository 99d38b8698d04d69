// The Store port on PostgreSQL (pg pool): migrations under an advisory lock at open, one client per transaction
// at READ COMMITTED, with row locks and the unique index doing what SQLite's single writer does (see sql.ts).
import { randomBytes } from "node:crypto";
import { reserveSmsSlot } from "./sms-rate.js";
import pg from "pg";
import type { PoolClient, PoolConfig, QueryResultRow } from "pg";
import { SearchBudgetExceeded, type ContactQuery, type Logger, type PushFeed, type Store, type TxStore } from "../../domain/ports.js";
import type { Contact } from "../../domain/types.js";
import { searchedContactFrom, type ContactRow } from "../rows.js";
import { searchStatements } from "../search-sql.js";
import type { Item } from "../../domain/types.js";
import { newSecret, SECRET_NAME } from "../sealed.js";
import { migrate } from "./migrate.js";
import { PgPushFeed } from "./feed.js";
import { channelFor } from "./notify.js";
import { commitWithHeld } from "./deferred-appends.js";
import { forgetIfUnknown, prepareOnce } from "./prepared.js";
import { resolveOptions, type PostgresOptions } from "./options.js";
import { SQL, type Statement } from "./sql.js";
import { pgRetention, RETENTION_SQL } from "./retention.js";
import { pgTxStore, type TxSlot } from "./txStore.js";
import { pgPurgeSessions, pgSession } from "./sessions.js";

export type { PostgresOptions } from "./options.js";

const READ_COMMITTED = "BEGIN ISOLATION LEVEL READ COMMITTED";

export class PostgresStore implements Store {
  private closed = false;
  // Clients that already carry our 'error' listener (pg emits 'error' on a checked-out client whose backend
  // dies; unheard, that would crash the process instead of failing one request).
  private readonly guarded = new WeakSet<PoolClient>();
  /** Each pooled connection's TxStore, made on its first transaction (a connection runs one transaction at a time). */
  private readonly stores = new WeakMap<PoolClient, { slot: TxSlot; store: TxStore }>();
  /** Names this process's watches (watchers table). */
  readonly nodeId = randomBytes(6).toString("hex");
  private channel = "";
  /** The server secret of sealed idempotency records (sealed.ts), the same on every node. */
  private secret = "";
  private feed: PgPushFeed | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    /** host:port, for messages. */
    readonly target: string,
    private readonly poolMax: number,
    private readonly config: PoolConfig,
    /** NOTIFY on every append, watched or not (URL `notify=always`; for measuring NOTIFY's cost). */
    private readonly notifyAlways: boolean,
    private readonly searchBudgetMs: number,
  ) {}

  /** Connects, migrates and returns the store; fails with the server's host:port and the cause if it cannot. */
  static async open(url: string, opts: PostgresOptions = {}): Promise<PostgresStore> {
    const r = resolveOptions(url, opts);
    const pool = new pg.Pool(r.pool);
    // An idle client whose connection drops (restart, failover) is discarded by the pool; nothing to do here.
    pool.on("error", () => undefined);
    const store = new PostgresStore(pool, r.target, r.options.poolMax, r.pool, r.options.notify === "always", r.options.searchBudgetMs);
    let client: PoolClient | undefined;
    try {
      client = await store.connect();
      await migrate(client);
      store.channel = channelFor((await client.query<{ s: string }>("SELECT current_schema() AS s")).rows[0].s);
      // The first node to start writes it; every node (racing or later) reads the one that won.
      await client.query("INSERT INTO meta (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", [SECRET_NAME, newSecret()]);
      store.secret = (await client.query<{ value: string }>("SELECT value FROM meta WHERE name = $1", [SECRET_NAME])).rows[0].value;
      client.release();
    } catch (e) {
      client?.release(e as Error);
      await pool.end().catch(() => undefined);
      throw e;
    }
    return store;
  }

  async tx<T>(fn: (tx: TxStore) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.connect();
      let mine = this.stores.get(client);
      if (!mine) {
        const slot: TxSlot = { live: false, appended: [], held: new Set(), deferred: {} };
        mine = { slot, store: pgTxStore(client, slot, this.secret) };
        this.stores.set(client, mine);
        await prepareOnce(client); // the connection's first transaction: its hot statements, once (prepared.ts)
      }
      const slot = mine.slot;
      slot.live = true;
      slot.lost = undefined;
      slot.held.clear();
      slot.deferred = {};
      // Sent with the transaction's first statement, in its round trip (first-statement.ts).
      slot.begin = READ_COMMITTED;
      const appended: Item[] = (slot.appended = []);
      // The shared store seen through this transaction's own flag: a call that arrives after this transaction ended
      // (a promise nobody awaited) fails, also once the connection serves another transaction.
      const own = { live: true };
      const view = new Proxy(mine.store, {
        get(target, key, receiver) {
          if (!own.live) throw new Error("storage used after its transaction ended");
          return Reflect.get(target, key, receiver);
        },
      });
      try {
        const r = await fn(view);
        own.live = slot.live = false;
        if (slot.inFlight) throw new Error("the transaction's function returned with a statement still running (a call not awaited)");
        if (slot.begin !== undefined) {
          // No statement ran, so no transaction began: nothing to commit.
          slot.begin = undefined;
          client.release();
          return r;
        }
        // One round trip: a held item insert (deferred-appends.ts) and the notifications, queued in the transaction and
        // sent by its COMMIT (or never), with the COMMIT.
        await commitWithHeld(client, slot.deferred, appended, { channel: this.channel, always: this.notifyAlways });
        client.release();
        if (appended.length) this.feed?.committed(appended);
        return r;
      } catch (e) {
        own.live = slot.live = false;
        forgetIfUnknown(client, e);
        if (slot.begin !== undefined || slot.lost !== undefined) {
          // Nothing ran: no statement was sent, or the first round trip (BEGIN with it) failed with the connection —
          // a pooled connection may have died since its last use (the database restarted). Another one is tried, at
          // most pool-size times, since every idle connection may be stale at once.
          const lost = slot.lost !== undefined;
          slot.begin = slot.lost = undefined;
          client.release(lost ? (e as Error) : undefined);
          if (!lost) throw e;
          if (attempt > this.poolMax) throw this.fail(e);
          continue;
        }
        await slot.inFlight; // a statement still running answers first: the ROLLBACK follows it, never queues behind it
        try {
          await client.query("ROLLBACK");
          client.release();
        } catch (lost) {
          client.release(lost as Error); // the connection is gone: the pool must not hand it out again
        }
        throw e;
      }
    }
  }

  /**
   * A read-only transaction of its own (count and page see one snapshot), no row locks, and the search budget as
   * its statement_timeout: the server cancels a search that runs past it (SQLSTATE 57014).
   */
  async search(sq: ContactQuery): Promise<{ contacts: Contact[]; total: number }> {
    const { page, count } = searchStatements(sq, "postgres");
    const client = await this.begin(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL statement_timeout = ${Math.trunc(this.searchBudgetMs)}`);
    try {
      const total = await client.query<{ n: string }>(count.text, count.values);
      const rows = await client.query<ContactRow & { last_message: string | null }>(page.text, page.values);
      await client.query("COMMIT");
      client.release();
      return { contacts: rows.rows.map(searchedContactFrom), total: Number(total.rows[0].n) };
    } catch (e) {
      await client.query("ROLLBACK").then(() => client.release(), (lost) => client.release(lost as Error));
      if ((e as { code?: string }).code === "57014") throw new SearchBudgetExceeded(this.searchBudgetMs);
      throw e;
    }
  }

  async purgeIdempotency(now: number): Promise<number> {
    return this.exec("purgeIdem", [now]);
  }

  async purgeTokens(now: number): Promise<number> {
    return this.exec("purgeTokens", [now]);
  }

  /** Retention's batches (retention.ts): one statement each, rows claimed with SKIP LOCKED. */
  private readonly retention = pgRetention(async (name, values) => {
    const client = await this.connect();
    try {
      const r = await client.query({ name: `cc_retention_${name}`, text: RETENTION_SQL[name], values });
      client.release();
      return { rowCount: r.rowCount ?? 0, rows: r.rows };
    } catch (e) {
      client.release(e as Error);
      throw e;
    }
  });
  purgePushOnlyItems = (before: number, limit: number) => this.retention.purgePushOnlyItems(before, limit);
  purgeFlowRuns = (before: number, limit: number) => this.retention.purgeFlowRuns(before, limit);
  claimStaleUploads = (before: number, limit: number) => this.retention.claimStaleUploads(before, limit);
  deleteStaleUploads = (ids: string[]) => this.retention.deleteStaleUploads(ids);
  /** One statement on the pool (autocommit): no BEGIN/COMMIT round trips on the per-request path. */
  async session(accessKeyId: string, sessionToken: string, now: number) {
    if (this.closed) throw new Error("store is closed");
    try {
      return await pgSession(this.poolQuery, accessKeyId, sessionToken, now);
    } catch (e) {
      throw this.fail(e);
    }
  }

  async purgeSessions(now: number): Promise<number> {
    return pgPurgeSessions(this.poolQuery, now);
  }

  private readonly poolQuery = async <R extends QueryResultRow>(name: string, text: string, values: unknown[]) => {
    const res = await this.pool.query<R>({ name, text, values });
    return { rows: res.rows, rowCount: res.rowCount };
  };

  /** sms.messagesPerSecond, shared by the nodes (see sms-rate.ts). */
  smsSendSlot(number: string, perSecond: number, maxWaitMs: number): Promise<number> {
    return reserveSmsSlot(this.pool, number, perSecond, maxWaitMs);
  }

  poolStats() {
    return { max: this.poolMax, total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  /** Starts this store's push feed (once): a LISTEN connection outside the pool, and watches in the database. */
  pushFeed(push: (items: Item[]) => void, log: Logger): PushFeed {
    if (this.closed) throw new Error("store is closed");
    if (this.feed) throw new Error("pushFeed: already started");
    // Named apart from the pool's connections (pg_stat_activity); the URL's parameter would win over the config's.
    const application_name = `${this.config.application_name ?? "connect-chat"}:listen`;
    const url = new URL(this.config.connectionString!);
    url.searchParams.delete("application_name");
    const listenConfig = { ...this.config, connectionString: url.toString(), application_name };
    this.feed = new PgPushFeed({
      listenConfig,
      channel: this.channel,
      node: this.nodeId,
      tx: (fn) => this.withTx(fn),
      // Straight on the pool: close() marks the store closed before the feed's last statement (its unwatch).
      query: (text, values) => this.pool.query(text, values),
      push,
      log,
    });
    return this.feed;
  }

  /** Resolves once the LISTEN connection is in place (tests wait for it before sending from another node). */
  listening(): Promise<void> {
    return this.feed?.ready ?? Promise.resolve();
  }

  /** Stops listening, waits for transactions in flight, then closes every connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.feed?.stop();
    await this.pool.end();
  }

  /** fn inside BEGIN … COMMIT on a pooled client (the feed's own statements; no notifications). */
  private async withTx<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.begin();
    try {
      const r = await fn(client);
      await client.query("COMMIT");
      client.release();
      return r;
    } catch (e) {
      await client.query("ROLLBACK").then(() => client.release(), (lost) => client.release(lost as Error));
      throw e;
    }
  }

  /**
   * A client with BEGIN done. A pooled connection may have died since its last use (the database restarted):
   * BEGIN on it fails before anything ran, so another is tried; at most pool-size attempts, since every idle
   * connection may be stale at once.
   */
  private async begin(statement = READ_COMMITTED): Promise<PoolClient> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.connect();
      try {
        await client.query(statement);
        return client;
      } catch (e) {
        client.release(e as Error);
        if (attempt > this.poolMax) throw this.fail(e);
      }
    }
  }

  private async connect(): Promise<PoolClient> {
    if (this.closed) throw new Error("store is closed");
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw this.fail(e);
    }
    if (!this.guarded.has(client)) {
      this.guarded.add(client);
      client.on("error", () => undefined); // the failing query rejects too; that is where it is handled
    }
    return client;
  }

  private async exec(name: Statement, values: unknown[]): Promise<number> {
    const client = await this.connect();
    try {
      const r = await client.query({ name: `cc_${name}`, text: SQL[name], values });
      client.release();
      return r.rowCount ?? 0;
    } catch (e) {
      client.release(e as Error);
      throw e;
    }
  }

  private fail(e: unknown): Error {
    return new Error(`cannot use PostgreSQL at ${this.target}: ${describe(e)}`, { cause: e });
  }
}

/** A readable cause: Node reports a refused dual-stack connect as an AggregateError with an empty message. */
export function describe(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length) return [...new Set(e.errors.map(describe))].join("; ");
  const err = e as { message?: string; code?: string };
  const msg = err?.message || err?.code || String(e);
  return err?.code && !msg.includes(err.code) ? `${msg} (${err.code})` : msg;
}
