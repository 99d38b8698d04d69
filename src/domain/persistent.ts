// Persistent chat (chat rehydration): which past contacts a new chat continues, Connect's rules for choosing them
// (ENTIRE_PAST_SESSION, FROM_SEGMENT; only ended chats; each source once), and the store calls they need.
// A session is the contacts sharing an InitialContactId: a chat and, when it was transferred, the contacts that
// carried it on (domain/segments.ts), each an ended segment once the session ended.
import { InvalidRequestException } from "../api/errors.js";
import { ChatBase } from "./chat-base.js";
import type { Caller, ChatIdentity, Contact, Item } from "./types.js";

export type RehydrationType = "ENTIRE_PAST_SESSION" | "FROM_SEGMENT";
export const REHYDRATION_TYPES: readonly string[] = ["ENTIRE_PAST_SESSION", "FROM_SEGMENT"];
export const CHAT_REHYDRATED = "application/vnd.amazonaws.connect.event.chat.rehydrated";

/** A past contact whose kept items a rehydrated chat's transcript pages into. */
export interface PastSegment {
  contactId: string;
  initialContactId: string;
}

/** What a rehydrated chat continues: kept on its contact record. */
export interface Rehydration {
  type: RehydrationType;
  sourceContactId: string;
  /** The contact actually continued from (ENTIRE_PAST_SESSION: the session's most recently ended one). */
  continuedFromContactId: string;
  /** Newest first, cumulative: the continued session's segments, then what that session itself continued. */
  past: PastSegment[];
}

export interface PersistentTxStore {
  /** The contacts of a session (sharing this InitialContactId) in the account, oldest first. */
  sessionContacts(accountId: string, initialContactId: string): Promise<Contact[]>;
  /**
   * Records that `contactId` continues `continuedFromContactId`; false when that contact was already continued
   * (a primary key decides a race between two nodes, never a prior read).
   */
  claimRehydration(accountId: string, continuedFromContactId: string, contactId: string, at: number): Promise<boolean>;
  /** The identity's most recently ended chat (SendChatIntegrationEvent's returning customer), if any. */
  lastEndedChat(identity: ChatIdentity): Promise<Contact | undefined>;
  /** Persisted items of these chats (by InitialContactId) at or below position `from` (absent: the newest), newest first. */
  pastItems(initialContactIds: readonly string[], from: number | undefined, limit: number): Promise<Item[]>;
}

export interface PersistentRequest {
  rehydrationType?: string;
  sourceContactId?: string;
}

export class PersistentChats extends ChatBase {
  /**
   * Resolves a PersistentChat request (StartChatContact, CreatePersistentContactAssociation) to what the chat will
   * continue, checking Connect's rules; writes nothing. `field` names the request member in errors.
   */
  async resolve(caller: Caller, instanceId: string, req: PersistentRequest, field: string): Promise<Rehydration> {
    if (req.rehydrationType === undefined) throw new InvalidRequestException(`${member(field, "RehydrationType")} is required for persistent chat`);
    if (!REHYDRATION_TYPES.includes(req.rehydrationType))
      throw new InvalidRequestException(`${member(field, "RehydrationType")} must be one of ${REHYDRATION_TYPES.join(", ")}`);
    if (req.sourceContactId === undefined) throw new InvalidRequestException(`${member(field, "SourceContactId")} is required for persistent chat`);
    const type = req.rehydrationType as RehydrationType;
    const source = await this.contact(caller, instanceId, req.sourceContactId, `${member(field, "SourceContactId")}`);
    const session = await this.tx.sessionContacts(caller.accountId, source.initialContactId);
    let from: Contact;
    if (type === "ENTIRE_PAST_SESSION") {
      if (source.id !== source.initialContactId)
        throw new InvalidRequestException(`${member(field, "SourceContactId")} '${source.id}' is not the initial contact of a chat session: ENTIRE_PAST_SESSION takes a session's InitialContactId`);
      from = session.reduce((a, b) => ((b.endedAt ?? 0) >= (a.endedAt ?? 0) ? b : a), source);
    } else from = source;
    // Only ended sessions: a segment that ended by a transfer while its chat goes on is not rehydrated either.
    if (source.state !== "ENDED" || session.some((c) => c.state !== "ENDED")) throw notEnded(field, source.id);
    // The segments of that session up to the one continued from (FROM_SEGMENT drops later ones), newest first: the
    // transfer chain walked back from it by PreviousContactId.
    const byId = new Map(session.map((c) => [c.id, c]));
    const segments: Contact[] = [];
    for (let c: Contact | undefined = from; c && segments.length <= session.length; c = c.previousContactId ? byId.get(c.previousContactId) : undefined) segments.push(c);
    const head = session.find((c) => c.id === source.initialContactId) ?? source;
    // Linkages are cumulative: continuing a chat that itself continued another brings that one's past too.
    const past = [...segments.map((c) => ({ contactId: c.id, initialContactId: c.initialContactId })), ...(head.rehydration?.past ?? [])];
    return { type, sourceContactId: source.id, continuedFromContactId: from.id, past };
  }

  /** Marks the source as continued by `chat` (only once per source contact, across nodes). */
  async claim(caller: Caller, r: Rehydration, chat: Contact, field: string): Promise<void> {
    if (!(await this.tx.claimRehydration(caller.accountId, r.continuedFromContactId, chat.id, this.env.clock.now())))
      throw new InvalidRequestException(`Contact '${r.continuedFromContactId}' (${member(field, "SourceContactId")}) was already used for a persistent chat: a past contact can be rehydrated only once`);
  }

  /** CreatePersistentContactAssociation: makes a running chat continue a past one. */
  async associate(caller: Caller, instanceId: string, initialContactId: string, req: PersistentRequest): Promise<string> {
    const chat = await this.contact(caller, instanceId, initialContactId, "InitialContactId");
    if (chat.state !== "ACTIVE") throw new InvalidRequestException(`Contact '${initialContactId}' (InitialContactId) is not active`);
    if (chat.rehydration)
      throw new InvalidRequestException(`Contact '${initialContactId}' (InitialContactId) is already a persistent chat: persistence can be enabled on a chat only once`);
    const r = await this.resolve(caller, instanceId, req, "");
    await this.claim(caller, r, chat, "");
    await this.tx.updateContact({ ...chat, rehydration: r, relatedContactId: r.continuedFromContactId, updatedAt: this.env.clock.now() });
    await this.announce(chat);
    return r.continuedFromContactId;
  }

  /**
   * A destination's `persistentChat`: the identity's new chat continues its last ended one, so the agent sees the
   * history. Nothing happens for a first chat, or when that chat was already continued (by an API call).
   */
  async continueLast(chat: Contact, type: RehydrationType): Promise<void> {
    const last = chat.identity && (await this.tx.lastEndedChat(chat.identity));
    if (!last) return;
    const caller = { accountId: chat.accountId };
    const source = type === "ENTIRE_PAST_SESSION" ? last.initialContactId : last.id;
    const r = await this.resolve(caller, chat.instanceId, { rehydrationType: type, sourceContactId: source }, "persistentChat");
    if (!(await this.tx.claimRehydration(caller.accountId, r.continuedFromContactId, chat.id, this.env.clock.now()))) return;
    Object.assign(chat, { rehydration: r, relatedContactId: r.continuedFromContactId });
    await this.tx.updateContact(chat);
  }

  /** The `chat.rehydrated` event chatjs waits for: the past transcript is readable now. Pushed, not kept. */
  async announce(chat: Contact): Promise<void> {
    await this.append(chat, { Type: "EVENT", ContentType: CHAT_REHYDRATED }, undefined, "ALL", false);
  }
}

/** A request member's path in messages: `PersistentChat.SourceContactId`, or `SourceContactId` at the top level. */
const member = (field: string, name: string) => (field ? `${field}.${name}` : name);

const notEnded = (field: string, id: string) =>
  new InvalidRequestException(`Contact '${id}' (${member(field, "SourceContactId")}) has not ended: only chat sessions that have ended can be rehydrated`);
