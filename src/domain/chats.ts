// Chats inside one transaction: find-or-create for integration events, messages, events, ends, attributes.
import { InvalidRequestException, ResourceNotFoundException } from "../api/errors.js";
import { isExpired, transition } from "./lifecycle.js";
import type { Clock, Directory, Ids, TxStore } from "./ports.js";
import { CT, MESSAGE_CONTENT_LIMITS, DEFAULT_CHAT_MINUTES, DEFAULT_DISPLAY_NAME, checkAttributes, checkEvent, checkMessage, checkSupportedContentTypes, checkTopicArn, E164, subtypeRule } from "./rules.js";
import type { Caller, ChatIdentity, Contact, Destination, EndReason, Item, ItemBody, Participant, ParticipantRole, Visibility } from "./types.js";

export interface DomainEnv {
  clock: Clock;
  ids: Ids;
  directory: Directory;
  region: string;
}

export interface IntegrationEvent {
  sourceId: string;
  destinationId: string;
  subtype?: string;
  event: { type: "MESSAGE" | "EVENT" | "DISCONNECT"; contentType?: string; content?: string };
  newSession?: {
    supportedContentTypes?: string[];
    displayName?: string;
    attributes?: Record<string, string>;
    streamingEndpointArn?: string;
  };
}

export interface IntegrationResult {
  initialContactId?: string;
  newChatCreated: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class Chats {
  constructor(
    private readonly tx: TxStore,
    private readonly env: DomainEnv,
  ) {}

  /** SendChatIntegrationEvent: SPEC §3. Everything is checked before the first write. */
  async integrationEvent(caller: Caller, ev: IntegrationEvent): Promise<IntegrationResult> {
    const subtype = subtypeRule("Subtype", ev.subtype);
    if (subtype?.e164 && !E164.test(ev.sourceId))
      throw new InvalidRequestException(`SourceId '${ev.sourceId}' must be an E.164 phone number (+ then 2 to 15 digits) for Subtype ${ev.subtype}`);
    const ns = ev.newSession;
    if (ns?.supportedContentTypes) checkSupportedContentTypes("NewSessionDetails.SupportedMessagingContentTypes", ns.supportedContentTypes);
    if (ns?.attributes) checkAttributes("NewSessionDetails.Attributes", ns.attributes);
    if (ns?.streamingEndpointArn) checkTopicArn("NewSessionDetails.StreamingConfiguration.StreamingEndpointArn", ns.streamingEndpointArn, this.env.region);
    const event = ev.event.type === "EVENT" ? checkEvent("Event", ev.event.contentType, ev.event.content) : undefined;
    if (ev.event.type === "MESSAGE") {
      // Shape, type and length now; the chat's own SupportedMessagingContentTypes once the chat is known.
      checkMessage("Event", ev.event.contentType, ev.event.content, Object.keys(MESSAGE_CONTENT_LIMITS), subtype?.textOnly ?? false);
    }
    const destination = this.destination(caller, ev.destinationId);
    const identity: ChatIdentity = {
      accountId: caller.accountId,
      destinationId: ev.destinationId,
      sourceId: ev.sourceId,
      subtypeKey: ev.subtype?.toLowerCase() ?? "",
    };

    let chat = await this.activeChat(identity);
    if (ev.event.type !== "MESSAGE") {
      if (!chat) return { newChatCreated: false };
      if (ev.event.type === "DISCONNECT") await this.end(chat, "CUSTOMER_DISCONNECT");
      else await this.customerEvent(chat, ev.event.contentType!, event!);
      return { initialContactId: chat.initialContactId, newChatCreated: false };
    }

    let created = false;
    if (!chat) {
      ({ chat, created } = await this.createIntegrationChat(identity, destination, subtype?.canonical, ns));
    }
    checkMessage("Event", ev.event.contentType, ev.event.content, chat.supportedContentTypes, subtype?.textOnly ?? false);
    await this.append(chat, { Type: "MESSAGE", ContentType: ev.event.contentType!, Content: ev.event.content }, this.customerOf(chat), "ALL", true);
    await this.tx.updateContact(chat);
    return { initialContactId: chat.initialContactId, newChatCreated: created };
  }

  /** The contact, with its expiry applied; ResourceNotFound when the instance or contact is not the caller's. */
  async contact(caller: Caller, instanceId: string, contactId: string, field = "ContactId"): Promise<Contact> {
    if (!this.env.directory.hasInstance(caller.accountId, instanceId))
      throw new ResourceNotFoundException(`Instance '${instanceId}' was not found in account ${caller.accountId}`);
    let c = await this.tx.contact(caller.accountId, contactId);
    if (!c || c.instanceId !== instanceId) throw new ResourceNotFoundException(`Contact '${contactId}' (${field}) was not found in instance ${instanceId}`);
    if (isExpired(c, this.env.clock.now())) c = await this.end(c, "EXPIRED");
    return c;
  }

  async updateAttributes(caller: Caller, instanceId: string, initialContactId: string, attributes: Record<string, string>): Promise<void> {
    const c = await this.contact(caller, instanceId, initialContactId, "InitialContactId");
    const merged = { ...c.attributes, ...attributes };
    checkAttributes("Attributes", merged);
    await this.tx.updateContact({ ...c, attributes: merged, updatedAt: this.env.clock.now() });
  }

  /** StopContact: ends the chat for everyone. An already ended contact is ContactNotFound (410), as in Connect. */
  async stop(caller: Caller, instanceId: string, contactId: string): Promise<"STOPPED" | "NOT_ACTIVE"> {
    const c = await this.contact(caller, instanceId, contactId);
    if (c.state !== "ACTIVE") return "NOT_ACTIVE";
    await this.end(c, "API");
    return "STOPPED";
  }

  /** Ends chats whose duration ran out; returns how many. */
  async endExpired(limit: number): Promise<number> {
    const due = await this.tx.expiredChats(this.env.clock.now(), limit);
    for (const c of due) await this.end(c, "EXPIRED");
    return due.length;
  }

  private destination(caller: Caller, destinationId: string): Destination {
    const d = this.env.directory.destination(destinationId);
    if (!d || d.accountId !== caller.accountId)
      throw new ResourceNotFoundException(`DestinationId '${destinationId}' is not a destination of any instance in account ${caller.accountId}`);
    return d;
  }

  private async activeChat(identity: ChatIdentity): Promise<Contact | undefined> {
    const c = await this.tx.activeChat(identity);
    if (c && isExpired(c, this.env.clock.now())) {
      await this.end(c, "EXPIRED");
      return undefined;
    }
    return c;
  }

  /** Insert-or-read-the-winner: the unique index on active identities decides a race, never a prior read. */
  private async createIntegrationChat(identity: ChatIdentity, d: Destination, subtype: string | undefined, ns: IntegrationEvent["newSession"]) {
    const now = this.env.clock.now();
    const id = this.env.ids.contactId();
    const customer: Participant = {
      id: this.env.ids.participantId(),
      contactId: id,
      initialContactId: id,
      role: "CUSTOMER",
      displayName: ns?.displayName ?? DEFAULT_DISPLAY_NAME,
      joinedAt: now,
    };
    const arn = ns?.streamingEndpointArn ?? d.streamingEndpointArn;
    const chat: Contact = {
      id,
      accountId: identity.accountId,
      instanceId: d.instanceId,
      initialContactId: id,
      state: "ACTIVE",
      channel: "CHAT",
      initiationMethod: "API",
      identity,
      subtype,
      contactFlowId: d.contactFlowId,
      customerParticipantId: customer.id,
      customerDisplayName: customer.displayName,
      attributes: ns?.attributes ?? {},
      supportedContentTypes: ns?.supportedContentTypes ?? ["text/plain"],
      streamingEndpoints: arn ? [{ streamingId: this.env.ids.itemId(), arn }] : [],
      initiatedAt: now,
      expiresAt: now + (d.chatDurationMinutes ?? DEFAULT_CHAT_MINUTES) * 60_000,
      updatedAt: now,
      lastItemAt: now,
    };
    if (!(await this.tx.insertContact(chat))) {
      const winner = await this.tx.activeChat(identity);
      if (!winner) throw new Error("active chat vanished after a unique-index conflict");
      return { chat: winner, created: false };
    }
    await this.tx.insertParticipant(customer);
    await this.append(chat, { Type: "EVENT", ContentType: CT.joined }, customer, "ALL", true);
    return { chat, created: true };
  }

  private async customerEvent(chat: Contact, contentType: string, ev: ReturnType<typeof checkEvent>) {
    const customer = this.customerOf(chat);
    if (contentType === CT.typing) {
      await this.append(chat, { Type: "EVENT", ContentType: CT.typing }, customer, "ALL", false);
    } else if (ev.receipt && ev.messageId) {
      const message = await this.tx.item(chat.initialContactId, ev.messageId);
      if (!message || message.body.Type !== "MESSAGE")
        throw new InvalidRequestException(`Event.Content messageId '${ev.messageId}' is not a message of this chat`);
      const at = iso(this.stamp(chat));
      const receipts = (message.body.MessageMetadata?.Receipts ?? []).filter((r) => r.RecipientParticipantId !== customer.id);
      const mine = { ...message.body.MessageMetadata?.Receipts?.find((r) => r.RecipientParticipantId === customer.id), RecipientParticipantId: customer.id, [ev.receipt]: at };
      await this.tx.updateItemBody({ ...message, body: { ...message.body, MessageMetadata: { MessageId: message.body.Id, Receipts: [...receipts, mine] } } });
      await this.append(chat, { Type: "MESSAGEMETADATA", ContentType: CT.metadata, MessageMetadata: { MessageId: message.body.Id, Receipts: [{ [ev.receipt]: at, RecipientParticipantId: customer.id }] } }, undefined, "ALL", false);
    }
    // connection.acknowledged: an integration customer is connected from the start; nothing to record.
    await this.tx.updateContact(chat);
  }

  /** Ends the chat: every present participant leaves (only the customer on its own disconnect), then chat.ended. */
  private async end(chat: Contact, reason: EndReason): Promise<Contact> {
    const at = reason === "EXPIRED" ? Math.max(chat.expiresAt, chat.lastItemAt) : this.stamp(chat);
    const ended = transition(chat, "ENDED", at, reason);
    ended.lastItemAt = at;
    for (const p of await this.tx.participants(chat.id)) {
      if (p.leftAt !== undefined) continue;
      await this.tx.updateParticipant({ ...p, leftAt: at });
      await this.append(ended, { Type: "EVENT", ContentType: CT.left }, p, "ALL", true, at);
    }
    await this.append(ended, { Type: "EVENT", ContentType: CT.ended }, undefined, "ALL", true, at);
    await this.tx.updateContact(ended);
    return ended;
  }

  private customerOf(chat: Contact): Pick<Participant, "id" | "displayName" | "role"> {
    return { id: chat.customerParticipantId, displayName: chat.customerDisplayName, role: "CUSTOMER" };
  }

  /** AbsoluteTime for the chat's next item: never earlier than the previous one. */
  private stamp(chat: Contact): number {
    const t = Math.max(this.env.clock.now(), chat.lastItemAt);
    chat.lastItemAt = t;
    chat.updatedAt = t;
    return t;
  }

  private async append(
    chat: Contact,
    body: Omit<ItemBody, "Id" | "AbsoluteTime">,
    from: { id: string; displayName: string; role: ParticipantRole } | undefined,
    visibility: Visibility,
    persisted: boolean,
    at?: number,
  ): Promise<Item> {
    const t = at ?? this.stamp(chat);
    // Member order as real Connect traffic shows it.
    const full: ItemBody = {
      AbsoluteTime: iso(t),
      ...(body.Content !== undefined ? { Content: body.Content } : {}),
      ContentType: body.ContentType,
      Id: this.env.ids.itemId(),
      Type: body.Type,
      ...(from ? { ParticipantId: from.id, DisplayName: from.displayName, ParticipantRole: from.role } : {}),
      ...(body.MessageMetadata ? { MessageMetadata: body.MessageMetadata } : {}),
    };
    return this.tx.appendItem({ contactId: chat.id, initialContactId: chat.initialContactId, persisted, visibility, body: full });
  }
}
