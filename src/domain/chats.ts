// Chats inside one transaction: find-or-create for integration events, messages, events, ends, attributes.
import { InvalidRequestException, LimitExceededException, ResourceNotFoundException } from "../api/errors.js";
import { ChatBase } from "./chat-base.js";
import { FlowRunner, flowToRun } from "./flow-runs.js";
import { PersistentChats } from "./persistent.js";
import { Routed } from "./routed.js";
import { CT, MESSAGE_CONTENT_LIMITS, DEFAULT_CHAT_MINUTES, DEFAULT_DISPLAY_NAME, checkAttributes, checkEvent, checkMessage, checkSupportedContentTypes, checkTopicArn, E164, MAX_STREAMING_ENDPOINTS, subtypeRule } from "./rules.js";
import type { ContactQuery } from "./ports.js";
import { applyTimerList, type TimerListEntry } from "./participant-timers.js";
import { contactQuery, type SearchRequest } from "./search.js";
import type { Caller, ChatIdentity, Contact, Destination, Participant } from "./types.js";

/** Every message content type, listed once rather than per request. */
const MESSAGE_CONTENT_TYPES = [...MESSAGE_CONTENT_LIMITS.keys()];

/** How many overdue chats a search ends before reading (the sweeper ends the rest). */
const SEARCH_EXPIRE_BATCH = 200;

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

export class Chats extends ChatBase {
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
      checkMessage("Event", ev.event.contentType, ev.event.content, MESSAGE_CONTENT_TYPES, subtype?.textOnly ?? false);
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
      else await this.participantEvent(chat, this.customerOf(chat), ev.event.contentType!, event!);
      return { initialContactId: chat.initialContactId, newChatCreated: false };
    }

    let created = false;
    // A new chat runs its destination's flow (looked up before the first write: a missing one changes nothing).
    const flow = !chat && destination.contactFlowId ? await flowToRun(this.tx, this.env, caller.accountId, destination.instanceId, destination.contactFlowId, "the destination's contactFlowId") : undefined;
    // A new chat without a flow enters its destination's default queue: read and admitted before the insert, so the
    // contact is written once, with its QueueInfo.
    const queue = !chat && !flow && destination.defaultQueue ? await this.defaultQueue(caller.accountId, destination.instanceId, destination.defaultQueue) : undefined;
    if (!chat) {
      const queued = queue?.admitted ? { queue: { id: queue.id, enqueuedAt: this.env.clock.now() } } : {};
      ({ chat, created } = await this.createIntegrationChat(identity, destination, subtype?.canonical, ns, queued));
      if (created && destination.persistentChat) await new PersistentChats(this.tx, this.env, this.journal).continueLast(chat, destination.persistentChat.rehydrationType);
    }
    checkMessage("Event", ev.event.contentType, ev.event.content, chat.supportedContentTypes, subtype?.textOnly ?? false);
    await this.append(chat, { Type: "MESSAGE", ContentType: ev.event.contentType!, Content: ev.event.content }, this.customerOf(chat), "ALL", true);
    if (created && flow) await new FlowRunner(this.tx, this.env, this.journal).start(chat, flow);
    else if (created && queue) await this.enterDefaultQueue(chat, queue);
    else if (chat.flowWaiting) await new FlowRunner(this.tx, this.env, this.journal).resume(chat, { type: "input", text: ev.event.content ?? "" });
    return { initialContactId: chat.initialContactId, newChatCreated: created };
  }

  /** UpdateParticipantRoleConfig: the chat's timer settings; timers already running keep theirs (they change from the next agent). */
  async updateParticipantRoleConfig(caller: Caller, instanceId: string, contactId: string, list: readonly TimerListEntry[]): Promise<void> {
    const c = await this.contact(caller, instanceId, contactId);
    if (c.state !== "ACTIVE") throw new InvalidRequestException(`Contact '${contactId}' is not active`);
    const state = c.participantTimers ?? { settings: {}, pinned: {} };
    c.participantTimers = { ...state, settings: applyTimerList(state.settings, list) };
    await this.tx.updateContact(c);
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

  /** StartContactStreaming: at most 2 endpoints per contact, as in Connect; the same ARN again keeps its id. */
  async startStreaming(caller: Caller, instanceId: string, contactId: string, arn: string): Promise<string> {
    checkTopicArn("ChatStreamingConfiguration.StreamingEndpointArn", arn, this.env.region);
    const c = await this.contact(caller, instanceId, contactId);
    if (c.state !== "ACTIVE") throw new InvalidRequestException(`Contact '${contactId}' is not active`);
    const same = c.streamingEndpoints.find((e) => e.arn === arn);
    if (same) return same.streamingId;
    if (c.streamingEndpoints.length >= MAX_STREAMING_ENDPOINTS)
      throw new LimitExceededException(`Contact '${contactId}' already streams to ${MAX_STREAMING_ENDPOINTS} endpoints, the most a contact can have`);
    const streamingId = this.env.ids.itemId();
    await this.tx.updateContact({ ...c, streamingEndpoints: [...c.streamingEndpoints, { streamingId, arn }], updatedAt: this.env.clock.now() });
    return streamingId;
  }

  async stopStreaming(caller: Caller, instanceId: string, contactId: string, streamingId: string): Promise<void> {
    const c = await this.contact(caller, instanceId, contactId);
    if (!c.streamingEndpoints.some((e) => e.streamingId === streamingId))
      throw new ResourceNotFoundException(`StreamingId '${streamingId}' was not found on contact '${contactId}'`);
    await this.tx.updateContact({ ...c, streamingEndpoints: c.streamingEndpoints.filter((e) => e.streamingId !== streamingId), updatedAt: this.env.clock.now() });
  }

  /**
   * SearchContacts, its transactional part: checks the request and ends chats past their duration (so a summary
   * without DisconnectTimestamp is a live chat). The search itself runs after the commit, outside any transaction
   * (Store.search), and pageOf makes the page: a long read must not hold up writers.
   */
  async prepareSearch(caller: Caller, req: SearchRequest): Promise<{ query: ContactQuery; fingerprint: string }> {
    if (!this.env.directory.hasInstance(caller.accountId, req.instanceId))
      throw new ResourceNotFoundException(`Instance '${req.instanceId}' was not found in account ${caller.accountId}`);
    const prepared = contactQuery(caller.accountId, this.env.region, this.env.clock.now(), req);
    await this.endExpired(SEARCH_EXPIRE_BATCH);
    return prepared;
  }

  /** Ends chats whose duration ran out; returns how many. */
  async endExpired(limit: number): Promise<number> {
    const due = await this.tx.expiredChats(this.env.clock.now(), limit);
    for (const c of due) await this.end(c, "EXPIRED");
    return due.length;
  }

  /** A destination's default queue (by name) and whether it takes a chat now; undefined: the instance has no such queue (the chat stays unrouted). */
  private async defaultQueue(accountId: string, instanceId: string, name: string): Promise<{ id: string; admitted: boolean } | undefined> {
    const queue = await this.tx.routing.byName("queue", accountId, instanceId, name);
    if (!queue) return undefined;
    return { id: queue.id, admitted: await new Routed(this.tx, this.env, this.journal).admits(queue) };
  }

  /**
   * The new chat (inserted with its QueueInfo when admitted) waits in the queue. A disabled or full queue ends the
   * chat at once, as Connect ends a contact whose flow ends before it is queued.
   */
  private async enterDefaultQueue(chat: Contact, queue: { id: string; admitted: boolean }): Promise<void> {
    if (queue.admitted) await new Routed(this.tx, this.env, this.journal).enqueueAdmitted(chat, queue.id);
    else await this.end(chat, "CONTACT_FLOW_DISCONNECT");
  }

  private destination(caller: Caller, destinationId: string): Destination {
    const d = this.env.directory.destination(destinationId);
    if (!d || d.accountId !== caller.accountId)
      throw new ResourceNotFoundException(`DestinationId '${destinationId}' is not a destination of any instance in account ${caller.accountId}`);
    return d;
  }

  protected async activeChat(identity: ChatIdentity): Promise<Contact | undefined> {
    const c = await this.tx.activeChat(identity);
    if (!c) return undefined;
    const now = await this.current(c); // a chat whose duration ran out ends here
    return now.state === "ACTIVE" ? now : undefined;
  }

  /** Insert-or-read-the-winner: the unique index on active identities decides a race, never a prior read. */
  protected async createIntegrationChat(identity: ChatIdentity, d: Destination, subtype: string | undefined, ns: IntegrationEvent["newSession"], links: Pick<Contact, "relatedContactId" | "segmentAttributes" | "queue"> = {}) {
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
      ...links,
    };
    const joined = await this.tx.insertChat(chat, customer, this.newItem(chat, { Type: "EVENT", ContentType: CT.joined }, customer, "ALL", true));
    if (!joined) {
      const winner = await this.tx.activeChat(identity);
      if (!winner) throw new Error("active chat vanished after a unique-index conflict");
      return { chat: winner, created: false };
    }
    await this.appended(chat, joined);
    return { chat, created: true };
  }
}
