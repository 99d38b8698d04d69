// TxStore over one checked-out pg client inside BEGIN … COMMIT: the SQLite adapter's calls, in PostgreSQL.
import type { ClientBase, QueryResult, QueryResultRow } from "pg";
import type { AppendOptions, IdempotencyRecord, TokenKind, TranscriptQuery, TxStore } from "../../domain/ports.js";
import type { ChatIdentity, Contact, Item, Participant } from "../../domain/types.js";
import { lookupKey, seal, unseal } from "../sealed.js";
import { attributesChanged, contactFrom, contactRow, idempotencyFrom, itemFrom, participantFrom, searchedContactFrom, searchRows, tokenHash, type ContactRow } from "../rows.js";
import { searchStatements } from "../search-sql.js";
import { pgOutbox } from "./outbox.js";
import { pgFlows } from "./flows.js";
import { pgAttachments } from "./attachments.js";
import { pgParticipantTimers } from "./participant-timers.js";
import { pgSmsFailures } from "./sms-failures.js";
import { pgRouting } from "./routing.js";
import { pgSessions } from "./sessions.js";
import { pgPersistent } from "./persistent.js";
import type { RoutingTx } from "../../routing/ports.js";
import { SQL, type Statement } from "./sql.js";
import { beginWith, connectionLost, type Statement as SqlStatement } from "./first-statement.js";
import { deferAppend, sendWithHeld, type DeferredAppends } from "./deferred-appends.js";

type ItemRow = Parameters<typeof itemFrom>[0];

/** insertContact's (and insertChat's first) sixteen values. */
function contactValues(c: Contact): unknown[] {
  const r = contactRow(c);
  return [r.id, r.account_id, r.instance_id, r.initial_contact_id, r.state, r.destination_id, r.source_id, r.subtype_key, r.expires_at, r.initiated_at, r.ended_at, r.agent_id, r.agent_at, r.data, r.queue_id, r.previous_contact_id];
}

/** The transaction a connection's TxStore serves now: the store is made once per connection and reused. */
export interface TxSlot {
  /** False once the transaction has ended: a late call then fails instead of running outside it. */
  live: boolean;
  /** The items appendItem stored, with their positions, for the commit's notification (notify.ts). */
  appended: Item[];
  /** The BEGIN not sent yet: it goes with the transaction's first statement (first-statement.ts). */
  begin?: string;
  /** The first round trip failed with the connection: nothing ran, so the transaction may be tried on another. */
  lost?: unknown;
  /** Contacts this transaction holds: row-locked by a read, or inserted by it (no other can lock them before COMMIT). */
  held: Set<string>;
  /** An item insert waiting for the transaction's next round trip (deferred-appends.ts). */
  deferred: DeferredAppends;
  /** Settles when the statement in flight (sent, not answered yet) has; undefined when none is (oneAtATime). */
  inFlight?: Promise<void>;
}

/**
 * Runs `send` as the transaction's only statement in flight. pg queues a second query on a client whose first has
 * not answered (a deprecation warning in pg 8; pg 9 refuses it), and inside a transaction that order is not the
 * caller's to rely on: a statement sent while another is in flight is refused here, loudly, before it reaches the
 * connection — the transaction then rolls back as on any error.
 */
export async function oneAtATime<T>(slot: TxSlot, send: () => Promise<T>): Promise<T> {
  if (slot.inFlight) throw new Error("a transaction's statements run one at a time: one was sent before the previous one answered (await each call)");
  let settle!: () => void;
  slot.inFlight = new Promise<void>((r) => (settle = r));
  try {
    return await send();
  } finally {
    slot.inFlight = undefined;
    settle();
  }
}

/**
 * The TxStore of one pooled connection. It holds no state of a transaction but `slot` (the caller resets it at each
 * BEGIN): building this object of closures cost ~140 µs, which per transaction was a tenth of a message's CPU.
 */
export function pgTxStore(client: ClientBase, slot: TxSlot, secret: string): TxStore {
  /** Every statement of the transaction: refused once it ended; the first one carries the BEGIN. */
  const send = <R extends QueryResultRow>(st: SqlStatement) => {
    if (!slot.live) throw new Error("storage used after its transaction ended");
    return oneAtATime(slot, async () => {
      const begin = slot.begin;
      if (begin === undefined) return slot.deferred.held ? (sendWithHeld(client, slot.deferred, st) as Promise<QueryResult<R>>) : client.query<R>(st);
      slot.begin = undefined;
      try {
        return await beginWith<R>(client, begin, st);
      } catch (e) {
        if (connectionLost(e)) slot.lost = e;
        throw e;
      }
    });
  };
  type Named = <R extends QueryResultRow>(name: string, text: string, values: unknown[]) => Promise<{ rows: R[]; rowCount: number | null }>;
  const named: Named = (name, text, values) => send({ name, text, values });
  const q = <R extends QueryResultRow>(name: Statement, values: unknown[]) => send<R>({ name: `cc_${name}`, text: SQL[name], values });
  const outbox = pgOutbox(named);
  const flows = pgFlows((name, text, values) => send(name ? { name, text, values } : { text, values }));
  const one = async <R extends QueryResultRow>(name: Statement, values: unknown[]) => (await q<R>(name, values)).rows[0] as R | undefined;
  /** A locked contact row as a record with its chat's newest item time. */
  const chat = async (row: { data: string; initial_contact_id: string } | undefined) => {
    if (!row) return undefined;
    const last = await one<{ last_at: string }>("lastItemAt", [row.initial_contact_id]);
    return contactFrom({ data: row.data, last_at: last?.last_at });
  };
  type Locked = { data: string; initial_contact_id: string };
  /** A row of a locking read: the contact, now held by this transaction. */
  const heldContact = (row: { data: string; last_at: string | null } | undefined) => {
    if (!row) return undefined;
    const c = contactFrom(row);
    slot.held.add(c.id);
    return c;
  };
  /** A row of the locking functions (migrations 0180, 0181): the record and its chat's newest item time, read after the lock. */
  type LockedRow = { data: string; last_at: string | null };
  const writeAttributes = async (c: Contact, replace: boolean) => {
    // Attributes are merged, never removed: a contact that has none (nor segment attributes) has no rows to replace either.
    if (Object.keys(c.attributes).length === 0 && !c.segmentAttributes) return;
    if (replace) await q("deleteAttributes", [c.id]);
    const rows = searchRows(c);
    if (rows.length) await q("insertAttributes", [c.id, rows.map((r) => r[0]), rows.map((r) => r[1])]);
  };

  let routing: RoutingTx | undefined;

  return {
    ...outbox,
    ...flows,
    ...pgSmsFailures(named),
    ...pgAttachments(named),
    ...pgParticipantTimers(named),
    ...pgPersistent(named),
    // Made on first use: most transactions (messages) never touch routing.
    get routing() {
      return (routing ??= pgRouting(named));
    },
    sessions: pgSessions(named),
    async activeChat(k: ChatIdentity) {
      return heldContact(await one<LockedRow>("activeChatLocked", [k.accountId, k.destinationId, k.sourceId, k.subtypeKey]));
    },
    async insertContact(c: Contact) {
      if ((await q("insertContact", contactValues(c))).rowCount !== 1) return false;
      slot.held.add(c.id);
      await writeAttributes(c, false);
      return true;
    },
    async insertChat(c: Contact, customer: Participant, first: Item) {
      const b = first.body;
      const row = await one<{ position: string }>("insertChat", [
        ...contactValues(c),
        customer.id, customer.initialContactId, JSON.stringify(customer),
        b.Id, first.initialContactId, first.persisted, first.visibility, JSON.stringify(b), Date.parse(b.AbsoluteTime),
      ]);
      if (!row) return undefined;
      slot.held.add(c.id);
      await writeAttributes(c, false);
      const stored = { ...first, position: Number(row.position) };
      slot.appended.push(stored);
      return stored;
    },
    async contact(accountId, contactId) {
      return heldContact(await one<LockedRow>("contactLocked", [contactId, accountId]));
    },
    async contactById(contactId) {
      return heldContact(await one<LockedRow>("contactLocked", [contactId, null]));
    },
    async updateContact(c: Contact) {
      const r = contactRow(c);
      const before = await one<{ old_data: string }>("updateContact", [r.id, r.state, r.expires_at, r.ended_at, r.agent_id, r.agent_at, r.data, r.queue_id]);
      if (attributesChanged(c, before?.old_data)) await writeAttributes(c, true);
    },
    async searchContacts(sq) {
      // Unnamed statements: their text varies with the criteria. Plain reads, no row locks: a search waits for nobody.
      const { page, count } = searchStatements(sq, "postgres");
      const total = await send<{ n: string }>(count);
      const rows = await send<ContactRow & { last_message: string | null }>(page);
      return { contacts: rows.rows.map(searchedContactFrom), total: Number(total.rows[0].n) };
    },
    async expiredChats(now, limit) {
      const due: Contact[] = [];
      for (const row of (await q<Locked>("expired", [now, limit])).rows) due.push((await chat(row))!);
      return due;
    },
    async insertParticipant(p: Participant) {
      await q("insertParticipant", [p.id, p.contactId, p.initialContactId, JSON.stringify(p)]);
    },
    async participants(contactId) {
      return (await q<{ data: string }>("participants", [contactId])).rows.map(participantFrom);
    },
    async participant(id) {
      const row = await one<{ data: string }>("participant", [id]);
      return row ? participantFrom(row) : undefined;
    },
    async updateParticipant(p: Participant) {
      await q("updateParticipant", [p.id, JSON.stringify(p), p.contactId]);
    },
    async appendItem(item: Item, opts?: AppendOptions) {
      const b = item.body;
      const held = slot.held.has(item.contactId);
      const values = [b.Id, item.contactId, item.initialContactId, item.persisted, item.visibility, JSON.stringify(b), Date.parse(b.AbsoluteTime)];
      // Held back for the next round trip when nobody needs the position before COMMIT (deferred-appends.ts). Only a
      // contact this transaction holds: its lock was taken by an earlier statement, so the insert needs none.
      const deferred = held && opts?.positionAfterCommit && slot.begin === undefined && slot.live ? await oneAtATime(slot, () => deferAppend(client, slot.deferred, item, values)) : undefined;
      if (deferred) {
        slot.appended.push(deferred);
        return deferred;
      }
      const row = await one<{ position: string }>(held ? "appendItemHeld" : "appendItem", values);
      const stored = { ...item, position: Number(row!.position) };
      slot.appended.push(stored);
      return stored;
    },
    async item(initialContactId, itemId) {
      const row = await one<ItemRow>("item", [itemId, initialContactId]);
      return row ? itemFrom(row) : undefined;
    },
    async updateItemBody(item: Item) {
      await q("updateItemBody", [item.body.Id, JSON.stringify(item.body)]);
    },
    async itemsAt(positions) {
      return positions.length ? (await q<ItemRow>("itemsAt", [positions])).rows.map(itemFrom) : [];
    },
    async transcript(t: TranscriptQuery) {
      const res =
        t.direction === "FORWARD"
          ? await q<ItemRow>("forward", [t.initialContactId, t.from ?? 0, t.limit])
          : await q<ItemRow>("backward", [t.initialContactId, t.from ?? Number.MAX_SAFE_INTEGER, t.limit]);
      return res.rows.map(itemFrom);
    },
    async lastPosition(initialContactId) {
      return Number((await one<{ p: string | null }>("lastPosition", [initialContactId]))?.p ?? 0);
    },
    async itemsAfter(initialContactId, after, limit) {
      return (await q<ItemRow>("after", [initialContactId, after, limit])).rows.map(itemFrom);
    },
    async positionAt(initialContactId, at, direction) {
      const row = await one<{ position: string }>(direction === "FORWARD" ? "atForward" : "atBackward", [initialContactId, at]);
      return row ? Number(row.position) : undefined;
    },
    async insertToken(token: string, kind: TokenKind, participantId: string, expiresAt: number, since?: number) {
      await q("insertToken", [tokenHash(token), kind, participantId, expiresAt, since ?? null]);
    },
    async tokenParticipant(token: string, kind: TokenKind, now: number) {
      return (await one<{ participant_id: string }>("token", [tokenHash(token), kind, now]))?.participant_id;
    },
    async claimSocketStart(token: string) {
      const row = await one<{ since: string }>("claimSince", [tokenHash(token)]);
      return row ? Number(row.since) : undefined;
    },
    async idempotency(accountId, operation, key) {
      // Held to COMMIT: a second request with this key (on any node) waits here, then sees the stored result.
      await q("idemLock", [JSON.stringify([accountId, operation, key])]);
      const r = await one<Record<string, unknown>>("idem", [accountId, operation, lookupKey(secret, accountId, operation, key)]);
      return r ? unseal(secret, idempotencyFrom(r), key) : undefined;
    },
    async putIdempotency(plain: IdempotencyRecord) {
      const rec = seal(secret, plain);
      await q("putIdem", [rec.accountId, rec.operation, rec.key, rec.fingerprint, rec.result, rec.createdAt, rec.expiresAt]);
    },
  };
}
