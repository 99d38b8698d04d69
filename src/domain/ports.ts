// What the domain needs from the outside world: a transactional store, a clock, ids and the directory of
// accounts/instances/destinations. Adapters live in src/storage and src/app.ts.
import type { ChatIdentity, Contact, Destination, Item, Participant } from "./types.js";
import type { FlowTxStore } from "./flow-store.js";
import type { AttachmentTxStore } from "./attachments.js";
import type { ParticipantTimerTxStore } from "./participant-timers.js";
import type { SmsFailureTxStore } from "./sms-failures.js";
import type { PersistentTxStore } from "./persistent.js";
import type { RoutingTx } from "../routing/ports.js";
import type { RetentionStore } from "./retention.js";
import type { AgentSession, SessionTx } from "./sessions.js";

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/**
 * A levelled logger, passed down like the clock: fields first, then an optional message (pino's order; the
 * implementation is src/ops/logger.ts, with a silent one for tests). An `err` field is logged with its stack.
 */
export interface Logger {
  error(fields: Record<string, unknown>, msg?: string): void;
  warn(fields: Record<string, unknown>, msg?: string): void;
  info(fields: Record<string, unknown>, msg?: string): void;
  debug(fields: Record<string, unknown>, msg?: string): void;
  /** False when lines of this level are dropped: callers skip building them. */
  isLevelEnabled(level: "error" | "warn" | "info" | "debug"): boolean;
}

export interface Ids {
  contactId(): string;
  participantId(): string;
  itemId(): string;
  /** An unguessable bearer token (participant, connection and WebSocket tokens). */
  token(): string;
}

export type TokenKind = "PARTICIPANT" | "CONNECTION" | "WEBSOCKET";

/** Which persisted items of a chat GetTranscript reads: from a position, in a direction, at most `limit`. */
export interface TranscriptQuery {
  initialContactId: string;
  direction: "FORWARD" | "BACKWARD";
  /** Inclusive start position; absent: the oldest (FORWARD) or newest (BACKWARD) item. */
  from?: number;
  limit: number;
}

/** A contact timestamp SearchContacts can filter and sort on (stored as its own column). */
export type SearchTime = "initiated" | "disconnected" | "agent";

/**
 * The longest attribute key and value (characters) a contact search can name (Connect's SearchableContactAttributeKey
 * and SearchableContactAttributeValue): stores index attributes up to this size; longer ones never match.
 */
export const SEARCHABLE_ATTRIBUTE_CHARS = 100;
/** SearchableSegmentAttributeKey (1–64) and SearchableSegmentAttributeValue (0–128), characters (the Connect model). */
export const SEARCHABLE_SEGMENT_KEY_CHARS = 64;
export const SEARCHABLE_SEGMENT_VALUE_CHARS = 128;

/** A search that ran past the store's time budget was stopped (it would hold a read connection and CPU for too long). */
export class SearchBudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`the search ran longer than ${budgetMs} ms`);
  }
}

/** A condition of a contact search; `all`/`any` with no members are true/false. */
export type SearchCondition =
  | { kind: "time"; field: SearchTime; from: number; to: number }
  | { kind: "missing"; field: SearchTime }
  | { kind: "in"; field: "agentId" | "sourceId" | "subtypeKey" | "queueId"; values: string[] }
  | { kind: "attribute"; key: string; values: string[] }
  /** A segment attribute's ValueString is one of `values` (StartChatContact's SegmentAttributes). */
  | { kind: "segment"; key: string; values: string[] }
  /** Started by a transfer (InitiationMethod TRANSFER, a PreviousContactId) or not (API). */
  | { kind: "transferred"; is: boolean }
  | { kind: "all"; of: SearchCondition[] }
  | { kind: "any"; of: SearchCondition[] };

/**
 * Contacts of one instance matching `where`, ordered by (sort key, id) and read after the keyset `after`. A missing
 * sort timestamp sorts as `sort.missing`; no `sort.key` orders by id alone.
 */
export interface ContactQuery {
  accountId: string;
  instanceId: string;
  where: SearchCondition;
  sort: { key?: SearchTime; missing: number; descending: boolean };
  after?: { value: number; id: string };
  limit: number;
}

export interface Directory {
  destination(destinationId: string): Destination | undefined;
  hasInstance(accountId: string, instanceId: string): boolean;
}

export interface IdempotencyRecord {
  accountId: string;
  operation: string;
  key: string;
  fingerprint: string;
  result: string;
  createdAt: number;
  expiresAt: number;
}

/** A delivery waiting in the outbox: streaming (SNS topic, webhook) or an SMS to the customer's phone. */
/** An outbox entry's lane: its endpoint and chat (deliveries of one lane go out one at a time, in order). */
export const laneOf = (e: Pick<OutboxEntry, "endpoint" | "initialContactId">) => `${e.endpoint} ${e.initialContactId}`;

export interface OutboxEntry {
  id?: number;
  /** sms: endpoint is `sms:<DestinationId>`, attributes.To the customer's number (the chat's SourceId). */
  kind: "sns" | "webhook" | "sms";
  endpoint: string;
  initialContactId: string;
  itemId: string;
  /** The published body: the item JSON with InitialContactId and ContactId. */
  message: string;
  attributes: Record<string, string>;
  attempts: number;
  nextAt: number;
  lastError?: string;
  createdAt: number;
  /** Set on an entry leased for the caller (enqueue, claimLaneNext): until when it is this process's to deliver. */
  leaseUntil?: number;
}

/** An SMS handed to a provider (or refused by it for good): how delivery callbacks find their message. */
export interface SmsSend {
  itemId: string;
  initialContactId: string;
  destinationId: string;
  provider: "twilio" | "endUserMessaging" | "webhook";
  /** Twilio's Message sid, End User Messaging's MessageId; absent when the provider gave none (webhook, refusal). */
  providerMessageId?: string;
  /** What the provider answered: e.g. Twilio's "queued", "accepted", or "failed" for a permanent refusal. */
  status: string;
  error?: string;
  createdAt: number;
}

export interface OutboxStats {
  endpoint: string;
  pending: number;
  retrying: number;
  dead: number;
}

/** Storage inside one transaction. Every method may be called only while the transaction is open. */
/** How a caller uses an appended item's position (TxStore.appendItem). */
export interface AppendOptions {
  /** Nothing reads the returned item's position before the transaction commits (pushes and feeds read it after). */
  positionAfterCommit?: boolean;
}

export interface TxStore extends FlowTxStore, AttachmentTxStore, ParticipantTimerTxStore, SmsFailureTxStore, PersistentTxStore {
  activeChat(identity: ChatIdentity): Promise<Contact | undefined>;
  /**
   * Inserts the contact unless its identity already has an ACTIVE chat (unique index); false on conflict.
   */
  insertContact(contact: Contact): Promise<boolean>;
  /**
   * A new chat in one step (one statement on PostgreSQL): the contact unless its identity already has an ACTIVE chat
   * — then nothing is written and undefined comes back —, its customer participant and its first item, which comes
   * back stored (with its position).
   */
  insertChat(contact: Contact, customer: Participant, first: Item): Promise<Item | undefined>;
  contact(accountId: string, contactId: string): Promise<Contact | undefined>;
  /** A contact by id alone, for participants (their token already scopes them to it). */
  contactById(contactId: string): Promise<Contact | undefined>;
  updateContact(contact: Contact): Promise<void>;
  /** A page of a contact search and how many contacts match in all (ignoring `after` and `limit`). */
  searchContacts(q: ContactQuery): Promise<{ contacts: Contact[]; total: number }>;
  /** ACTIVE chats whose duration ran out at `now`, oldest first. */
  expiredChats(now: number, limit: number): Promise<Contact[]>;
  insertParticipant(p: Participant): Promise<void>;
  participants(contactId: string): Promise<Participant[]>;
  /** Writes the participant, its contactId included (a transfer moves it to the next contact of its chat). */
  updateParticipant(p: Participant): Promise<void>;
  /**
   * Appends to the ordered event log; returns the item with its position — or, with `positionAfterCommit`, an item
   * whose position is set by the time the transaction has committed (a store may send the insert with its next
   * statement or its COMMIT). Reads in the same transaction see the item either way.
   */
  appendItem(item: Item, opts?: AppendOptions): Promise<Item>;
  /** A persisted item of the chat (by initial contact id) with this item Id. */
  item(initialContactId: string, itemId: string): Promise<Item | undefined>;
  updateItemBody(item: Item): Promise<void>;
  /** Items at these positions (persisted or push-only), ascending; positions with no item are left out. */
  itemsAt(positions: readonly number[]): Promise<Item[]>;
  /** The chat's highest position, push-only items included (0 if none): the cursor a new socket's pushes start after. */
  lastPosition(initialContactId: string): Promise<number>;
  /** The chat's items (persisted and push-only) after position `after`, ascending, at most `limit`: a socket's catch-up. */
  itemsAfter(initialContactId: string, after: number, limit: number): Promise<Item[]>;
  /** Persisted items in scan order (ascending positions FORWARD, descending BACKWARD). */
  transcript(q: TranscriptQuery): Promise<Item[]>;
  /** Position of the first persisted item at or after (FORWARD) / at or before (BACKWARD) `at` ms. */
  positionAt(initialContactId: string, at: number, direction: "FORWARD" | "BACKWARD"): Promise<number | undefined>;
  participant(participantId: string): Promise<Participant | undefined>;
  /** Stores a token (adapters keep only a hash of it); `since`: a WEBSOCKET token's chat position (claimSocketStart). */
  insertToken(token: string, kind: TokenKind, participantId: string, expiresAt: number, since?: number): Promise<void>;
  /** The participant a live token of this kind belongs to. */
  tokenParticipant(token: string, kind: TokenKind, now: number): Promise<string | undefined>;
  /** The `since` stored with this token, once: it is cleared, so of racing sockets (on any node) one gets it. */
  claimSocketStart(token: string): Promise<number | undefined>;
  /**
   * Queues deliveries in the transaction that appends their item. With `leaseUntil`, an entry that is alone in its
   * lane (endpoint + chat: nothing earlier waits, is delivering or retrying) is leased at once and returned, for this
   * process to deliver right after the commit without a claim of its own; the others wait for claims as always.
   * Callers hold the chat's lock (its item's append), so no other transaction adds to the lane meanwhile.
   */
  enqueue(entries: OutboxEntry[], leaseUntil?: number): Promise<OutboxEntry[]>;
  /** After the lane's head was delivered: the lane's next entry, leased until `leaseUntil` when due and not leased. */
  claimLaneNext(lane: string, now: number, leaseUntil: number): Promise<OutboxEntry | undefined>;
  /** Heads of lanes (endpoint + chat) that are due and not leased, oldest first; leases them until `leaseUntil`. */
  claimOutbox(now: number, leaseUntil: number, limit: number): Promise<OutboxEntry[]>;
  /** Delivered: the entry leaves the outbox. */
  completeOutbox(id: number): Promise<void>;
  /** Failed: retried at `nextAt`, or dead-lettered (kept, visible, blocking nothing) when `dead`. */
  failOutbox(id: number, attempts: number, nextAt: number, error: string, dead: boolean): Promise<void>;
  outboxStats(): Promise<OutboxStats[]>;
  deadLetters(limit: number): Promise<OutboxEntry[]>;
  /** Puts dead-lettered entries (of one endpoint, or all) back in line; returns how many. */
  replayDead(now: number, endpoint?: string): Promise<number>;
  /** Records a provider's answer to an SMS send (in the transaction that completes its outbox entry). */
  recordSmsSend(send: SmsSend): Promise<void>;
  /** Sends of one item, oldest first (more than one when a retry after a timeout sent it again). */
  smsSendsOfItem(itemId: string): Promise<SmsSend[]>;
  /** The send a provider's message id belongs to (for delivery callbacks). */
  smsSendByProviderId(provider: SmsSend["provider"], providerMessageId: string): Promise<SmsSend | undefined>;
  /** A delivery callback's status (and error text) for the send with this provider message id. */
  updateSmsSendStatus(provider: SmsSend["provider"], providerMessageId: string, status: string, error?: string): Promise<void>;
  /** STOP: the number gets nothing more from this destination (kept: the first opt-out's time). */
  smsOptOut(destinationId: string, number: string, at: number): Promise<void>;
  /** START/UNSTOP: the opt-out is lifted. */
  smsOptIn(destinationId: string, number: string): Promise<void>;
  /** When the number opted out of this destination's texts, if it has. */
  smsOptedOut(destinationId: string, number: string): Promise<number | undefined>;
  idempotency(accountId: string, operation: string, key: string): Promise<IdempotencyRecord | undefined>;
  putIdempotency(record: IdempotencyRecord): Promise<void>;
  /** Queues, routing profiles, users and agent statuses (src/routing), in this transaction. */
  readonly routing: RoutingTx;
  /** Agents' sign-in sessions (src/auth), in this transaction. */
  readonly sessions: SessionTx;
}

/** The chats a process has WebSocket participants on (see Store.pushFeed). */
export interface PushFeed {
  /**
   * A socket of this chat attached; resolves once items committed from now on will be pushed to it. `since`: the
   * chat's last position read while authenticating the socket, where pushes start if the watch cannot be
   * registered at once (database unreachable): it is registered later and everything after `since` is pushed.
   */
  watch(initialContactId: string, since?: number): Promise<void>;
  /** One socket of this chat left. */
  unwatch(initialContactId: string): void;
}

/** The store: transactions, search outside them, and the sweep's purges (retention.ts: bounded batches). */
export interface Store extends RetentionStore {
  /** Runs fn in one serializable transaction; commits when it resolves, rolls back when it throws. */
  tx<T>(fn: (tx: TxStore) => Promise<T>): Promise<T>;
  /**
   * A contact search outside any transaction, on committed data: it never holds up writers (nor, on SQLite, the event
   * loop). Throws SearchBudgetExceeded when it runs past the store's search budget.
   */
  search(q: ContactQuery): Promise<{ contacts: Contact[]; total: number }>;
  /** Removes idempotency records past their expiry; returns how many. */
  purgeIdempotency(now: number): Promise<number>;
  /** Removes tokens past their expiry; returns how many. */
  purgeTokens(now: number): Promise<number>;
  /**
   * The live session of this access key if `sessionToken` is its own (undefined otherwise: unknown, ended, expired at
   * `now`, or another token). One committed read outside any transaction: it runs for every request signed with
   * session credentials, on whichever node, so a revocation anywhere holds everywhere at once.
   */
  session(accessKeyId: string, sessionToken: string, now: number): Promise<AgentSession | undefined>;
  /** Removes sessions past their expiry; returns how many. */
  purgeSessions(now: number): Promise<number>;
  /**
   * Stores shared by several processes (PostgreSQL) push for the caller: every item committed on a watched chat, by
   * any process, goes to `push` once, in position order per chat, also after a lost connection to the database;
   * the caller then publishes nothing itself. Stores used by one process alone (SQLite) leave it out.
   */
  pushFeed?(push: (items: Item[]) => void, log: Logger): PushFeed;
  /**
   * sms.messagesPerSecond shared by every process on the store (PostgreSQL): reserves the number's next send slot
   * and returns the ms to wait for it, or, when that is beyond maxWaitMs, reserves nothing and returns -(ms until one
   * is free). Stores used by one process alone (SQLite) leave it out: the bucket is kept in memory then.
   */
  smsSendSlot?(number: string, perSecond: number, maxWaitMs: number): Promise<number>;
  /** The connection pool of a pooled store (PostgreSQL), read by /metrics; stores without one leave it out. */
  poolStats?(): { max: number; total: number; idle: number; waiting: number };
  close(): Promise<void>;
}
