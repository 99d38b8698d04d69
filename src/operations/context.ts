// What a handler gets: the caller and one transaction over the domain. Inside it, bearer tokens are checked
// (participant service) and a repeated ClientToken or Idempotency-Key returns the first result without
// running again. After the commit, the items the transaction appended are handed to the push side.
import { AwsError, IdempotencyException, ValidationException } from "../api/errors.js";
import type { Input, OperationName, OperationSpec, Output } from "../api/operations.js";
import { Attachments, CONNECT_ATTACHMENT_RULES, type AttachmentBlobs, type AttachmentRules } from "../domain/attachments.js";
import { Journal, type DomainEnv } from "../domain/chat-base.js";
import { Chats } from "../domain/chats.js";
import { Flows } from "../domain/flows.js";
import { Participants, type Me } from "../domain/participants.js";
import { OutboundChats } from "../domain/sms-outbound.js";
import { PersistentChats } from "../domain/persistent.js";
import { Routed } from "../domain/routed.js";
import { Monitors } from "../domain/monitor.js";
import type { ContactQuery, Store, TxStore } from "../domain/ports.js";
import type { Contact } from "../domain/types.js";
import type { Caller } from "../domain/types.js";
import type { SessionTx } from "../domain/sessions.js";
import { Routing } from "../routing/index.js";
import type { PasswordHasher, RoutingEnv } from "../routing/ports.js";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface Domain {
  chats: Chats;
  participants: Participants;
  /** Contact flows (built on first use: the chat operations never pay for it). */
  flows: Flows;
  /** Agent-initiated SMS chats (StartOutboundChatContact). */
  outbound: OutboundChats;
  /** Persistent chat (CreatePersistentContactAssociation). */
  persistent: PersistentChats;
  /** The authenticated participant (participant-service operations only). */
  me: Me;
  /** Queues, routing profiles, users, agent statuses (made on first use). */
  routing: Routing;
  /** Chat attachments (made on first use). */
  attachments: Attachments;
  /** Agents' sign-in sessions: revoked in the transaction that signs the user out (Offline, DeleteUser). */
  sessions: SessionTx;
  /** The chat side of routing: accepting, rejecting, ACW, transfers (made on first use). */
  routed: Routed;
  monitors: Monitors;
  /** Routing changed outside the chat rooms (an agent's status, a profile): the matcher runs after the commit. */
  routingChanged(): void;
}

/** Attachments: Connect's limits and the blob store; `base` is the http(s) base local signed URLs start with. */
export interface AttachmentDeps {
  rules: AttachmentRules;
  blobs: AttachmentBlobs;
  /** server.publicUrl when set; else the request's own base. */
  publicUrl?: string;
}

export interface Ctx {
  caller: Caller;
  requestId: string;
  region: string;
  /** ws:// or wss:// base the WebSocket URLs handed out start with. */
  wsBase: string;
  /** The slow password hash, run before a transaction opens (it must not hold SQLite's writer for its duration). */
  passwords: PasswordHasher;
  tx<T>(fn: (d: Domain) => Promise<T>): Promise<T>;
  /** A contact search on committed data, outside any transaction (Store.search). */
  search(q: ContactQuery): Promise<{ contacts: Contact[]; total: number }>;
  /** The attachment blob store and the http(s) base of this server's own signed URLs. */
  blobs: AttachmentBlobs;
  httpBase: string;
  /** The domain's clock (URL expiries follow it, as the tokens' do). */
  now(): number;
}

export type Handler<N extends OperationName> = (input: Input<N>, ctx: Ctx) => Promise<Output<N>>;

export interface CtxDeps {
  store: Store;
  env: DomainEnv;
  routingEnv: RoutingEnv;
  /** Called after a transaction commits with what it appended: items (in order) and outbox entries. */
  published(journal: Journal): void;
  attachments: AttachmentDeps;
}

export interface CtxMeta {
  requestId: string;
  accountId?: string;
  bearer?: string;
  wsBase: string;
  idempotency?: { key: string; fingerprint: string };
  /** The signed-in user of session credentials (src/auth). */
  userId?: string;
}

export function createCtx(deps: CtxDeps, spec: OperationSpec, meta: CtxMeta): Ctx {
  const caller: Caller = meta.userId === undefined ? { accountId: meta.accountId ?? "" } : { accountId: meta.accountId ?? "", userId: meta.userId };
  return {
    caller,
    requestId: meta.requestId,
    region: deps.env.region,
    wsBase: meta.wsBase,
    passwords: deps.routingEnv.passwords,
    tx: async (fn) => {
      const journal = new Journal();
      journal.dispatching = true; // published below, which hands the leased entries to the relay
      const result = await deps.store.tx((tx) => inTransaction(tx, deps, spec, meta, journal, fn).catch((e) => rethrowFor(spec, e)));
      if (journal.items.length || journal.routingDue) deps.published(journal);
      return result;
    },
    search: (q) => deps.store.search(q),
    blobs: deps.attachments.blobs,
    httpBase: deps.attachments.publicUrl ?? meta.wsBase.replace(/^ws/, "http"),
    now: () => deps.env.clock.now(),
  };
}

/** The Domain of one transaction; the routing room is made only by operations that use it (not on the message path). */
class TxDomain implements Domain {
  me!: Me;
  private routingRoom?: Routing;
  constructor(
    readonly chats: Chats,
    readonly participants: Participants,
    private readonly tx: TxStore,
    private readonly routingEnv: RoutingEnv,
    private readonly env: DomainEnv,
    private readonly journal: Journal,
    private readonly attachmentRules: AttachmentRules = CONNECT_ATTACHMENT_RULES,
  ) {}
  get attachments(): Attachments {
    return new Attachments(this.tx, this.env, this.journal, this.attachmentRules);
  }
  get sessions(): SessionTx {
    return this.tx.sessions;
  }
  get routing(): Routing {
    return (this.routingRoom ??= new Routing(this.tx.routing, this.routingEnv));
  }
  /** Contact flows (built on first use: the chat operations never pay for it). */
  get flows(): Flows {
    return new Flows(this.tx, this.env);
  }
  get routed(): Routed {
    return new Routed(this.tx, this.env, this.journal);
  }
  get monitors(): Monitors {
    return new Monitors(this.tx, this.env, this.journal);
  }
  /** An arrow: handlers destructure it from the Domain. */
  readonly routingChanged = (): void => {
    this.journal.routingDue = true;
  };
  /** Agent-initiated SMS chats (StartOutboundChatContact). */
  get outbound(): OutboundChats {
    return new OutboundChats(this.tx, this.env, this.journal);
  }
  /** Persistent chat (CreatePersistentContactAssociation). */
  get persistent(): PersistentChats {
    return new PersistentChats(this.tx, this.env, this.journal);
  }
}

/** Authenticates a bearer token, then runs fn once per idempotency key (a repeat returns the stored result). */
async function inTransaction<T>(tx: TxStore, deps: CtxDeps, spec: OperationSpec, meta: CtxMeta, journal: Journal, fn: (d: Domain) => Promise<T>): Promise<T> {
  const participants = new Participants(tx, deps.env, journal);
  const d = new TxDomain(new Chats(tx, deps.env, journal), participants, tx, deps.routingEnv, deps.env, journal, deps.attachments.rules);
  // A signed-in user's ClientTokens are theirs alone: another user of the account reusing one must not replay
  // (and open) this user's answer.
  let scope = meta.userId === undefined ? (meta.accountId ?? "") : `${meta.accountId ?? ""}\nuser:${meta.userId}`;
  if (spec.auth !== "sigv4") {
    d.me = await participants.authenticate(meta.bearer, spec.auth === "participant-token" ? "PARTICIPANT" : "CONNECTION");
    scope = `participant:${d.me.participant.id}`;
  }
  const idem = meta.idempotency;
  if (!idem) return fn(d);
  const now = deps.env.clock.now();
  // The participant service has no mismatch error, and amazon-connect-chatjs sends every read/delivered receipt
  // with the same ClientToken (its event type, "INCOMING_READ_RECEIPT"): there a token names one request body,
  // so another body under it is a new request. Connect's own operations keep AWS's mismatch error.
  const key = spec.service === "connectparticipant" ? `${idem.key}\n${idem.fingerprint}` : idem.key;
  const prior = await tx.idempotency(scope, spec.name, key);
  if (prior && prior.expiresAt > now) {
    if (prior.fingerprint !== idem.fingerprint) {
      throw new IdempotencyException(`The idempotency token '${idem.key}' was already used with a different request`);
    }
    return JSON.parse(prior.result) as T;
  }
  const r = await fn(d);
  await tx.putIdempotency({ accountId: scope, operation: spec.name, key, fingerprint: idem.fingerprint, result: JSON.stringify(r ?? null), createdAt: now, expiresAt: now + IDEMPOTENCY_TTL_MS });
  return r;
}

/** The domain speaks Connect's InvalidRequestException; the participant service calls it ValidationException. */
function rethrowFor(spec: OperationSpec, e: unknown): never {
  if (spec.service === "connectparticipant" && e instanceof AwsError && e.code === "InvalidRequestException") throw new ValidationException(e.message);
  throw e;
}
