// The Store port on SQLite (better-sqlite3, WAL). Transactions are group-committed in-process (group-commit.ts)
// and serialized across processes by BEGIN IMMEDIATE; statements are prepared once; checkpoints and SearchContacts
// (reader.ts) run in worker threads with connections of their own.
import type BetterSqlite3 from "better-sqlite3";
import Database from "./driver.js";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { SearchBudgetExceeded, type ContactQuery, type IdempotencyRecord, type OutboxEntry, type Store, type TokenKind, type TranscriptQuery, type TxStore } from "../../domain/ports.js";
import type { ChatIdentity, Contact, Item, Participant } from "../../domain/types.js";
import type { SessionTx } from "../../domain/sessions.js";
import { migrations } from "../migrations.js";
import { attributesChanged, contactFrom, idempotencyFrom, itemFrom, laneOf, outboxFrom, participantFrom, searchedContactFrom, searchRows, smsSendFrom, smsSendValues, tokenHash } from "../rows.js";
import { searchStatements } from "../search-sql.js";
import { sqliteBackfills } from "../backfill.js";
import { lookupKey, newSecret, seal, SECRET_NAME, unseal } from "../sealed.js";
import { Checkpointer, type CheckpointOptions } from "./checkpointer.js";
import { ServerLock } from "./server-lock.js";
import { GroupCommit } from "./group-commit.js";
import { sqlitePersistent } from "./persistent.js";
import { prepare, type Statements } from "./statements.js";
import { searchContacts } from "./search.js";
import { sqliteFlows } from "./flows.js";
import { sqliteSmsFailures } from "./sms-failures.js";
import { sqliteAttachments } from "./attachments.js";
import { sqliteRetention } from "./retention.js";
import type { RetentionStore } from "../../domain/retention.js";
import { sqliteParticipantTimers } from "./participant-timers.js";
import { BUDGET_SOURCE, SearchReader } from "./reader.js";

/** How long a SearchContacts may run (ms) unless the storage URL says otherwise (sqlite:PATH?search_budget_ms=N). */
export const DEFAULT_SEARCH_BUDGET_MS = 3000;

/** PATH[?search_budget_ms=N]: the options ride on the path as in SQLite's own URIs. */
export function parseSqlitePath(spec: string): { path: string; searchBudgetMs?: number } {
  const q = spec.lastIndexOf("?search_budget_ms=");
  if (q < 0) return { path: spec };
  const v = spec.slice(q + "?search_budget_ms=".length);
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1) throw new Error(`storage url: search_budget_ms=${v} must be a positive integer (milliseconds)`);
  return { path: spec.slice(0, q), searchBudgetMs: n };
}
import { ResourceCache } from "./resource-cache.js";
import { ContactWrites, NO_ATTRIBUTES, snapshotOf, writtenOf, type ContactSnapshot } from "./contact-writes.js";
import { sqliteRouting } from "./routing.js";
import { sqliteSessions } from "./sessions.js";

// Transactions of every store on one file in this process share a queue: a second BEGIN IMMEDIATE on the same
// file would block the event loop (busy wait) while the first transaction waits for it to run.
const queues = new Map<string, { tail: Promise<unknown>; users: number }>();

export class SqliteStore implements Store {
  private readonly db: BetterSqlite3.Database;
  private readonly s: Statements;
  private readonly txStore: TxStore;
  private readonly sessions: ReturnType<typeof sqliteSessions>;
  private readonly queue: { tail: Promise<unknown>; users: number };
  private readonly commits: GroupCommit<TxStore>;
  private readonly checkpointer?: Checkpointer;
  private closed = false;

  private readonly reader?: SearchReader;
  /** ":memory:" databases are searched on this connection (a worker cannot open them), under the same budget. */
  private readonly inline?: (q: ContactQuery) => { contacts: Contact[]; total: number };
  private readonly lock?: ServerLock;

  /** A server's store (`serve`): claims the file for this process first (server-lock.ts), or throws if another holds it. */
  static forServer(spec: string): SqliteStore {
    const { path } = parseSqlitePath(spec);
    if (path === ":memory:") return new SqliteStore(spec);
    mkdirSync(dirname(path), { recursive: true });
    const lock = ServerLock.claim(path);
    try {
      return new SqliteStore(spec, { lock });
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  constructor(spec: string, opts: { searchBudgetMs?: number; lock?: ServerLock; checkpoint?: CheckpointOptions } = {}) {
    const parsed = parseSqlitePath(spec);
    const path = parsed.path;
    const budgetMs = opts.searchBudgetMs ?? parsed.searchBudgetMs ?? DEFAULT_SEARCH_BUDGET_MS;
    this.lock = opts.lock;
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    // NORMAL in WAL mode: a committed transaction survives a killed process (the OS holds the WAL); only a
    // power loss can drop the newest commits. See README "Durability".
    this.db.pragma("synchronous = NORMAL");
    // 8 MiB of page cache instead of SQLite's 2: a write to an existing chat touches a leaf page of each index
    // where that chat sits; with 1M chats / 10M items those pages (plus the interior ones) no longer fit in 2 MiB,
    // and every request re-read several from the OS (bench: p50 +34%, throughput −20–45% against an empty store).
    this.db.pragma("cache_size = -8192");
    this.db.pragma("busy_timeout = 10000");
    this.db.pragma("foreign_keys = ON");
    // Each request of a group commit runs in its own SAVEPOINT, and SQLite copies every page a savepoint first
    // changes into a statement journal, a temporary file once it passes 64 KiB: a pwrite per page touched, half
    // of the time spent in SQL under load (perf). In memory it is truncated at each RELEASE, so it holds at most
    // the pages one request touches.
    this.db.pragma("temp_store = MEMORY");
    if (path !== ":memory:") {
      this.db.pragma("wal_autocheckpoint = 0");
      this.db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    }
    this.migrate();
    this.s = prepare(this.db);
    this.sessions = sqliteSessions(this.db);
    const resources = new ResourceCache(this.db);
    const { store, writes } = txStore(this.db, this.s, this.secret(), this.sessions, resources);
    this.txStore = store;
    const key = path === ":memory:" ? `:memory:${Math.random()}` : path;
    this.queue = queues.get(key) ?? { tail: Promise.resolve(), users: 0 };
    this.queue.users++;
    queues.set(key, this.queue);
    this.queueKey = key;
    const s = this.s;
    const db = this.db;
    this.commits = new GroupCommit<TxStore>(
      {
        begin: () => (writes.forget(), s.begin.run(), resources.begin()),
        finish: () => writes.flush(),
        commit: () => (s.commit.run(), resources.end()),
        rollback: () => (writes.forget(), s.rollback.run(), resources.end()),
        inTransaction: () => db.inTransaction,
        savepoint: () => (writes.forget(), s.savepoint.run()),
        release: () => s.release.run(),
        rollbackToSavepoint: () => (writes.forget(), s.rollbackTo.run()),
      },
      this.txStore,
      this.queue,
    );
    if (path !== ":memory:") {
      // The worker's restart holds this file's writes: a barrier in the queue every transaction on it waits in.
      const queue = this.queue;
      const hold = (during: () => Promise<void>) => void (queue.tail = queue.tail.then(during, during));
      this.checkpointer = new Checkpointer(path, hold, opts.checkpoint);
      this.reader = new SearchReader(path, budgetMs);
    } else this.inline = inlineSearch(this.db, budgetMs);
  }
  private readonly queueKey: string;

  private migrate() {
    this.db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
    for (const m of migrations("sqlite")) {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const done = this.db.prepare("SELECT 1 FROM schema_migrations WHERE version = ?").get(m.version);
        if (!done) {
          this.db.exec(m.sql);
          sqliteBackfills[m.name]?.(this.db);
          this.db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(m.version, m.name, Date.now());
        }
        this.db.exec("COMMIT");
      } catch (e) {
        this.db.exec("ROLLBACK");
        throw e;
      }
    }
  }

  /** The server secret of sealed idempotency records (sealed.ts): created by the first process to open the file. */
  private secret(): string {
    this.db.prepare("INSERT OR IGNORE INTO meta (name, value) VALUES (?, ?)").run(SECRET_NAME, newSecret());
    return (this.db.prepare("SELECT value FROM meta WHERE name = ?").get(SECRET_NAME) as { value: string }).value;
  }

  tx<T>(fn: (tx: TxStore) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error("store is closed"));
    return this.commits.run(fn);
  }

  async search(q: ContactQuery): Promise<{ contacts: Contact[]; total: number }> {
    if (this.closed) throw new Error("store is closed");
    return this.reader ? this.reader.search(q) : this.inline!(q);
  }

  async purgeIdempotency(now: number): Promise<number> {
    return this.tx(async () => this.s.purgeIdem.run(now).changes);
  }

  async purgeTokens(now: number): Promise<number> {
    return this.tx(async () => this.s.purgeTokens.run(now).changes);
  }

  private retentionCalls?: RetentionStore;
  /** Retention's batches (retention.ts), each in a transaction of the single writer. */
  private get retention(): RetentionStore {
    return (this.retentionCalls ??= sqliteRetention(this.db, (fn) => this.tx(() => fn())));
  }
  purgePushOnlyItems = (before: number, limit: number) => this.retention.purgePushOnlyItems(before, limit);
  purgeFlowRuns = (before: number, limit: number) => this.retention.purgeFlowRuns(before, limit);
  claimStaleUploads = (before: number, limit: number) => this.retention.claimStaleUploads(before, limit);
  deleteStaleUploads = (ids: string[]) => this.retention.deleteStaleUploads(ids);
  async session(accessKeyId: string, sessionToken: string, now: number) {
    if (this.closed) throw new Error("store is closed");
    return this.sessions.session(accessKeyId, sessionToken, now);
  }

  async purgeSessions(now: number): Promise<number> {
    return this.tx(async () => this.sessions.purge(now));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.commits.idle();
    if (--this.queue.users === 0) queues.delete(this.queueKey);
    await this.reader?.close();
    this.db.close();
    await this.checkpointer?.stop();
    this.lock?.release();
  }
}


/** The reader's search on the main connection (":memory:" only: tests), with the same cc_budget() and deadline. */
function inlineSearch(db: BetterSqlite3.Database, budgetMs: number) {
  // The worker's own source, so both paths run the very same code.
  const { installBudget, runSearch } = new Function(`${BUDGET_SOURCE}; return { installBudget, runSearch };`)();
  const state = installBudget(db);
  const prepare = (text: string) => db.prepare(text);
  return (q: ContactQuery) => {
    const { page, count } = searchStatements(q, "sqlite", { budget: true });
    const a = runSearch(db, state, prepare, { page, count, deadline: Date.now() + budgetMs });
    if (a.budget) throw new SearchBudgetExceeded(budgetMs);
    return { contacts: (a.rows as Parameters<typeof searchedContactFrom>[0][]).map(searchedContactFrom), total: a.total as number };
  };
}

function txStore(db: BetterSqlite3.Database, s: Statements, secret: string, sessions: SessionTx, resources: ResourceCache): { store: TxStore; writes: ContactWrites } {
  const writeAttributes = (c: Contact, replace: boolean) => {
    // Attributes are merged, never removed: a contact that has none (nor segment attributes) has no rows to replace either.
    if (Object.keys(c.attributes).length === 0 && !c.segmentAttributes) return;
    if (replace) s.deleteAttributes.run(c.id);
    for (const [k, v] of searchRows(c)) s.insertAttribute.run(c.id, k, v);
  };
  const insertContact = (snap: ContactSnapshot) => {
    if (s.insertContact.run(snap.row).changes !== 1) return false;
    for (const [k, v] of snap.search) s.insertAttribute.run(snap.row.id, k, v);
    written.set(snap.row.id, snap.written);
    return true;
  };
  const writes = new ContactWrites((snap, customer) => {
    if (!insertContact(snap)) return false;
    s.insertParticipant.run(customer.id, customer.contactId, customer.initialContactId, JSON.stringify(customer));
    return true;
  });
  const written = writes.written;
  const appendItem = (item: Item): Item => {
    const r = s.appendItem.run(item.body.Id, item.contactId, item.initialContactId, item.persisted ? 1 : 0, item.visibility, JSON.stringify(item.body), Date.parse(item.body.AbsoluteTime));
    return { ...item, position: Number(r.lastInsertRowid) };
  };
  const store: TxStore = {
    ...sqliteFlows(db),
    ...sqliteAttachments(db),
    ...sqliteParticipantTimers(db),
    ...sqliteSmsFailures(db),
    ...sqlitePersistent(db),
    routing: sqliteRouting(db, resources),
    sessions,
    async activeChat(k: ChatIdentity) {
      const row = s.activeChat.get(k.accountId, k.destinationId, k.sourceId, k.subtypeKey);
      writes.looked(k, row !== undefined);
      return row ? contactFrom(row) : undefined;
    },
    async insertContact(c: Contact) {
      writes.inserted(c);
      return insertContact(snapshotOf(c));
    },
    async insertChat(c: Contact, customer: Participant, first: Item) {
      // Its contact and customer rows wait for the request's end when they cannot conflict (contact-writes.ts): a
      // new chat's flow changes the contact (attributes, queue) before then, and the contact is written once.
      if (!writes.hold(c, customer) && !writes.insert(snapshotOf(c), customer)) return undefined;
      return appendItem(first);
    },
    async contact(accountId, contactId) {
      const row = s.contact.get(contactId, accountId);
      return row ? contactFrom(row) : undefined;
    },
    async contactById(contactId) {
      const row = s.contactById.get(contactId);
      return row ? contactFrom(row) : undefined;
    },
    async updateContact(c: Contact) {
      if (writes.rewrite(c)) return;
      writes.flush();
      // Positional parameters and no row object: this runs for every message (named ones cost a lookup each).
      const data = JSON.stringify(c);
      const agentId = c.agent?.id ?? null;
      const queueId = c.queue?.id ?? null;
      const before = written.get(c.id);
      const now = writtenOf(c);
      // Written earlier in this request (a new chat's flow): what changed is known without reading the row back.
      const replaceAttributes = before ? before.attributes !== now.attributes : attributesChanged(c, s.contactData.get(c.id));
      const guardsKept = before !== undefined && before.state === c.state && before.expiresAt === c.expiresAt && before.agentId === agentId;
      // The narrowest statement first; each guards on the columns it leaves alone, so a wrong guess only falls through.
      const done =
        (!(before && before.queueId !== queueId) && s.updateContactData.run(data, c.id, c.state, c.expiresAt, agentId, queueId).changes === 1) ||
        ((!before || guardsKept) && s.updateContactQueue.run(data, queueId, c.id, c.state, c.expiresAt, agentId).changes === 1);
      if (!done) s.updateContact.run(c.state, c.expiresAt, c.endedAt ?? null, agentId, c.agent?.connectedAt ?? null, queueId, data, c.id);
      written.set(c.id, now);
      if (replaceAttributes) writeAttributes(c, before?.attributes !== NO_ATTRIBUTES);
    },
    async expiredChats(now, limit) {
      return s.expired.all(now, limit).map(contactFrom);
    },
    async searchContacts(q) {
      return searchContacts(db, q);
    },
    async insertParticipant(p: Participant) {
      s.insertParticipant.run(p.id, p.contactId, p.initialContactId, JSON.stringify(p));
    },
    async participants(contactId) {
      return s.participants.all(contactId).map(participantFrom);
    },
    async updateParticipant(p: Participant) {
      s.updateParticipant.run(JSON.stringify(p), p.contactId, p.id);
    },
    async appendItem(item: Item) {
      return appendItem(item);
    },
    async item(initialContactId, itemId) {
      const row = s.item.get(itemId, initialContactId);
      return row ? itemFrom(row) : undefined;
    },
    async updateItemBody(item: Item) {
      s.updateItemBody.run(JSON.stringify(item.body), item.body.Id);
    },
    async itemsAt(positions) {
      return positions.length ? s.itemsAt.all(JSON.stringify(positions)).map(itemFrom) : [];
    },
    async transcript(q: TranscriptQuery) {
      const rows =
        q.direction === "FORWARD"
          ? s.forward.all(q.initialContactId, q.from ?? 0, q.limit)
          : s.backward.all(q.initialContactId, q.from ?? Number.MAX_SAFE_INTEGER, q.limit);
      return rows.map(itemFrom);
    },
    async lastPosition(initialContactId) {
      return Number(s.lastPosition.get(initialContactId)?.p ?? 0);
    },
    async itemsAfter(initialContactId, after, limit) {
      return s.after.all(initialContactId, after, limit).map(itemFrom);
    },
    async positionAt(initialContactId, at, direction) {
      const row = (direction === "FORWARD" ? s.atForward : s.atBackward).get(initialContactId, at);
      return row ? Number(row.position) : undefined;
    },
    async participant(id) {
      const row = s.participant.get(id);
      return row ? participantFrom(row) : undefined;
    },
    async insertToken(token: string, kind: TokenKind, participantId: string, expiresAt: number, since?: number) {
      s.insertToken.run(tokenHash(token), kind, participantId, expiresAt, since ?? null);
    },
    async tokenParticipant(token: string, kind: TokenKind, now: number) {
      return s.token.get(tokenHash(token), kind, now)?.participant_id;
    },
    async claimSocketStart(token: string) {
      // One writer at a time (the transaction holds SQLite's write lock): read, then clear.
      const hash = tokenHash(token);
      const since = s.since.get(hash)?.since;
      if (since === null || since === undefined) return undefined;
      s.clearSince.run(hash);
      return Number(since);
    },
    async enqueue(entries: OutboxEntry[], leaseUntil?: number) {
      const leased: OutboxEntry[] = [];
      for (const e of entries) {
        const lane = laneOf(e);
        // The single writer: nothing can join the lane between this read and the insert.
        const lease = leaseUntil !== undefined && !s.laneBusy.get(lane) ? leaseUntil : 0;
        const id = Number(s.enqueue.run(lane, e.kind, e.endpoint, e.initialContactId, e.itemId, e.message, JSON.stringify(e.attributes), e.nextAt, e.createdAt, lease).lastInsertRowid);
        if (lease) leased.push({ ...e, id, leaseUntil: lease });
      }
      return leased;
    },
    async claimLaneNext(lane, now, leaseUntil) {
      const head = s.laneHead.get(lane);
      if (!head || Number(head.next_at) > now || Number(head.lease_until) > now) return undefined;
      s.lease.run(leaseUntil, head.id);
      return { ...outboxFrom(head), leaseUntil };
    },
    async claimOutbox(now, leaseUntil, limit) {
      const rows = s.claim.all(now, now, limit);
      for (const r of rows) s.lease.run(leaseUntil, r.id);
      return rows.map(outboxFrom);
    },
    async completeOutbox(id) {
      s.complete.run(id);
    },
    async failOutbox(id, attempts, nextAt, error, dead) {
      s.fail.run(attempts, nextAt, error.slice(0, 2000), dead ? 1 : 0, id);
    },
    async outboxStats() {
      return s.stats.all().map((r) => ({ endpoint: r.endpoint, pending: Number(r.pending), retrying: Number(r.retrying), dead: Number(r.dead) }));
    },
    async deadLetters(limit) {
      return s.dead.all(limit).map(outboxFrom);
    },
    async replayDead(now, endpoint) {
      return (endpoint === undefined ? s.replayAll.run(now) : s.replayOne.run(now, endpoint)).changes;
    },
    async recordSmsSend(x) {
      s.smsSend.run(...smsSendValues(x));
    },
    async smsSendsOfItem(itemId) {
      return s.smsSendsOfItem.all(itemId).map(smsSendFrom);
    },
    async smsSendByProviderId(provider, id) {
      const r = s.smsSendByProviderId.get(provider, id);
      return r ? smsSendFrom(r) : undefined;
    },
    async updateSmsSendStatus(provider, id, status, error) {
      s.smsSendStatus.run(status, error ?? null, provider, id);
    },
    async smsOptOut(destinationId, number, at) {
      s.smsOptOut.run(destinationId, number, at);
    },
    async smsOptIn(destinationId, number) {
      s.smsOptIn.run(destinationId, number);
    },
    async smsOptedOut(destinationId, number) {
      const r = s.smsOptedOut.get(destinationId, number);
      return r ? Number(r.opted_out_at) : undefined;
    },
    async idempotency(accountId, operation, key) {
      const r = s.idem.get(accountId, operation, lookupKey(secret, accountId, operation, key));
      return r ? unseal(secret, idempotencyFrom(r), key) : undefined;
    },
    async putIdempotency(rec: IdempotencyRecord) {
      s.putIdem.run(seal(secret, rec));
    },
  };
  return { store: writes.guard(store), writes };
}


