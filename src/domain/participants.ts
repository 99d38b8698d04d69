// The participant side of a chat inside one transaction: web chats (StartChatContact), added participants
// (CreateParticipant), bearer-token authentication, connections, messages, events, transcripts, leaving.
import { AccessDeniedException, ConflictException, InvalidRequestException, ResourceNotFoundException, ValidationException } from "../api/errors.js";
import { ChatBase, iso } from "./chat-base.js";
import { FlowRunner, flowToRun } from "./flow-runs.js";
import { startAcw } from "./agent-work.js";
import { checkMayWrite } from "./monitor.js";
import { CT, DEFAULT_CHAT_MINUTES, checkAttributes, checkEvent, checkMessage, checkSupportedContentTypes, SUBTYPES } from "./rules.js";
import type { TokenKind } from "./ports.js";
import { checkSmsLength, smsChannel } from "./sms.js";
import { checkSmsOptOut } from "./sms-keywords.js";
import { readTranscript } from "./transcript.js";
import { PersistentChats } from "./persistent.js";
import { admit, checkAddRequest } from "./custom-participants.js";
import { startExtras, type StartOptions } from "./start-options.js";
import type { Caller, Contact, Item, Participant } from "./types.js";

export const CONNECTION_TOKEN_MS = 24 * 60 * 60_000;
export const WEBSOCKET_URL_MS = 100_000;

export interface StartChat {
  instanceId: string;
  contactFlowId: string;
  displayName: string;
  attributes?: Record<string, string>;
  initialMessage?: { contentType: string; content: string };
  chatDurationMinutes?: number;
  supportedContentTypes?: string[];
  /** PersistentChat, RelatedContactId, SegmentAttributes, CustomerId, DisconnectOnCustomerExit, ParticipantConfiguration. */
  options?: StartOptions;
}

export interface Me {
  participant: Participant;
  chat: Contact;
}

export interface TranscriptRequest {
  contactId?: string;
  maxResults?: number;
  nextToken?: string;
  scanDirection?: "FORWARD" | "BACKWARD";
  sortOrder?: "ASCENDING" | "DESCENDING";
  startPosition?: { Id?: string; AbsoluteTime?: string; MostRecent?: number };
}

const denied = () => new AccessDeniedException("Access denied");

export class Participants extends ChatBase {
  /** StartChatContact: a web chat with its customer participant (joined), and the initial message if any. */
  async startChat(caller: Caller, s: StartChat): Promise<{ contactId: string; participantId: string; participantToken: string; continuedFromContactId?: string }> {
    if (!this.env.directory.hasInstance(caller.accountId, s.instanceId))
      throw new ResourceNotFoundException(`Instance '${s.instanceId}' was not found in account ${caller.accountId}`);
    const types = s.supportedContentTypes ?? ["text/plain"];
    checkSupportedContentTypes("SupportedMessagingContentTypes", types);
    if (s.attributes) checkAttributes("Attributes", s.attributes);
    if (s.initialMessage) checkMessage("InitialMessage", s.initialMessage.contentType, s.initialMessage.content, types, false);
    const persistent = new PersistentChats(this.tx, this.env, this.journal);
    const extras = await startExtras(persistent, caller, s.instanceId, s.options ?? {}, types);
    const flow = await flowToRun(this.tx, this.env, caller.accountId, s.instanceId, s.contactFlowId, "ContactFlowId");
    const now = this.env.clock.now();
    const id = this.env.ids.contactId();
    const customer: Participant = { id: this.env.ids.participantId(), contactId: id, initialContactId: id, role: "CUSTOMER", displayName: s.displayName, joinedAt: now };
    const chat: Contact = {
      id,
      accountId: caller.accountId,
      instanceId: s.instanceId,
      initialContactId: id,
      state: "ACTIVE",
      channel: "CHAT",
      initiationMethod: "API",
      contactFlowId: s.contactFlowId,
      customerParticipantId: customer.id,
      customerDisplayName: customer.displayName,
      attributes: { ...extras.inheritedAttributes, ...s.attributes },
      supportedContentTypes: types,
      streamingEndpoints: [],
      initiatedAt: now,
      expiresAt: now + (s.chatDurationMinutes ?? DEFAULT_CHAT_MINUTES) * 60_000,
      updatedAt: now,
      lastItemAt: now,
      ...extras.fields,
    };
    if (Object.keys(extras.inheritedAttributes).length) checkAttributes("Attributes", chat.attributes);
    await this.tx.insertContact(chat);
    if (extras.rehydration) await persistent.claim(caller, extras.rehydration, chat, "PersistentChat");
    await this.tx.insertParticipant(customer);
    await this.append(chat, { Type: "EVENT", ContentType: CT.joined }, customer, "ALL", true);
    if (s.initialMessage) await this.append(chat, { Type: "MESSAGE", ContentType: s.initialMessage.contentType, Content: s.initialMessage.content }, customer, "ALL", true);
    await new FlowRunner(this.tx, this.env, this.journal).start(chat, flow);
    const participantToken = await this.issue(customer.id, "PARTICIPANT", chat.expiresAt);
    return { contactId: id, participantId: customer.id, participantToken, continuedFromContactId: extras.rehydration?.continuedFromContactId };
  }

  /** CreateParticipant: a custom bot or (our extension) an agent joins an active chat; an agent replaces a custom bot. */
  async addParticipant(caller: Caller, instanceId: string, contactId: string, role: string | undefined, displayName: string | undefined, capabilities = false) {
    const addRole = checkAddRequest({ role, displayName, capabilities });
    const chat = await this.contact(caller, instanceId, contactId);
    if (chat.state !== "ACTIVE") throw new InvalidRequestException(`Contact '${contactId}' is not active`);
    const present = (await this.tx.participants(chat.id)).filter((x) => x.leftAt === undefined);
    for (const bot of admit(addRole, present)) {
      const at = this.stamp(chat);
      await this.tx.updateParticipant({ ...bot, leftAt: at });
      await this.append(chat, { Type: "EVENT", ContentType: CT.left }, bot, "ALL", true, at);
    }
    const p: Participant = {
      id: this.env.ids.participantId(),
      contactId: chat.id,
      initialContactId: chat.initialContactId,
      role: addRole,
      displayName: displayName ?? addRole,
      joinedAt: this.env.clock.now(),
    };
    await this.tx.insertParticipant(p);
    // The first agent to join is the contact's agent (SearchContacts' AgentInfo and AgentIds filter).
    const firstAgent = p.role === "AGENT" && !chat.agent;
    // A signed-in agent is known by their user id (as routed chats); an access key's agent by the participant id.
    if (firstAgent) chat.agent = { id: caller.userId ?? p.id, connectedAt: p.joinedAt };
    await this.append(chat, { Type: "EVENT", ContentType: CT.joined }, p, "ALL", true);
    if (firstAgent) await this.tx.updateContact(chat);
    const token = await this.issue(p.id, "PARTICIPANT", chat.expiresAt);
    return { participantId: p.id, participantToken: token, expiry: iso(chat.expiresAt) };
  }

  /** The participant behind a bearer token; 403 once the token expired, the participant left or the chat ended. */
  async authenticate(token: string | undefined, kind: TokenKind): Promise<Me> {
    if (!token) throw denied();
    const id = await this.tx.tokenParticipant(token, kind, this.env.clock.now());
    let participant = id ? await this.tx.participant(id) : undefined;
    if (!participant || participant.leftAt !== undefined) throw denied();
    let chat = await this.chatOf(participant);
    // A transfer that committed after the participant was read (another node, PostgreSQL) moved it to the chat's next
    // contact: read it again and follow. Only contacts ended by a transfer have nextContactId.
    for (let hops = 0; chat?.nextContactId !== undefined && hops < 4; hops++) {
      const moved = await this.tx.participant(participant.id);
      if (!moved || moved.contactId === chat.id) break;
      participant = moved;
      chat = await this.chatOf(moved);
    }
    if (!chat || chat.state !== "ACTIVE" || participant.leftAt !== undefined) throw denied();
    return { participant, chat };
  }

  /** A WebSocket URL token's participant, and the chat's position now: a socket's pushes start after it at the latest. */
  async authenticateSocket(token: string): Promise<{ me: Me; since: number }> {
    const me = await this.authenticate(token, "WEBSOCKET");
    return { me, since: await this.tx.lastPosition(me.chat.initialContactId) };
  }

  /**
   * A socket's catch-up read: the chat's items after `after`, at most `limit`. On its first read (`token` given) the
   * first socket of a URL to get that far starts instead at the chat's position when the URL was created, so it gets
   * everything committed since (chatjs resolves connect() before its socket is open); claimed then, not at the
   * handshake, so a socket that dies before subscribing leaves it to the client's retry on the same URL.
   */
  async socketItems(initialContactId: string, after: number, limit: number, token?: string): Promise<{ after: number; items: Item[] }> {
    const from = token === undefined ? after : ((await this.tx.claimSocketStart(token)) ?? after);
    return { after: from, items: await this.tx.itemsAfter(initialContactId, from, limit) };
  }

  /** CreateParticipantConnection: a WebSocket URL token and/or a connection token. */
  async connect(me: Me, types: string[] | undefined, connectParticipant: boolean | undefined) {
    const wanted = types ?? ["WEBSOCKET", "CONNECTION_CREDENTIALS"];
    if (wanted.includes("WEBRTC_CONNECTION")) throw new ValidationException("WEBRTC_CONNECTION is not supported for chat contacts");
    const now = this.env.clock.now();
    const out: { websocket?: { token: string; expiry: string }; connection?: { token: string; expiry: string } } = {};
    if (wanted.includes("WEBSOCKET")) {
      // The chat's position now: the URL's first socket is sent every item after it (authenticateSocket).
      const since = await this.tx.lastPosition(me.chat.initialContactId);
      out.websocket = { token: await this.issue(me.participant.id, "WEBSOCKET", now + WEBSOCKET_URL_MS, since), expiry: iso(now + WEBSOCKET_URL_MS) };
    }
    if (wanted.includes("CONNECTION_CREDENTIALS"))
      out.connection = { token: await this.issue(me.participant.id, "CONNECTION", now + CONNECTION_TOKEN_MS), expiry: iso(now + CONNECTION_TOKEN_MS) };
    // A persistent chat tells each new connection that its past transcript is there to read (chatjs onChatRehydrated).
    if (out.websocket && me.chat.rehydration) await new PersistentChats(this.tx, this.env, this.journal).announce(me.chat);
    if (connectParticipant && me.participant.connectedAt === undefined) await this.tx.updateParticipant({ ...me.participant, connectedAt: now });
    return out;
  }

  async sendMessage(me: Me, contentType: string, content: string): Promise<Item> {
    checkMayWrite(me.participant);
    const textOnly = me.chat.subtype ? [...SUBTYPES.values()].some((s) => s.canonical === me.chat.subtype && s.textOnly) : false;
    checkMessage("", contentType, content, me.chat.supportedContentTypes, textOnly);
    const destination = me.chat.identity && this.env.directory.destination(me.chat.identity.destinationId);
    if (smsChannel(me.chat, destination)) {
      checkSmsLength(me.participant.role, content, destination.sms.maxSegments, destination.sms.split);
      await checkSmsOptOut(this.tx, me.chat, me.participant.role);
    }
    const item = await this.append(me.chat, { Type: "MESSAGE", ContentType: contentType, Content: content }, me.participant, "ALL", true);
    // A flow waiting for the customer's next message (GetParticipantInput, Wait CustomerReturned) goes on with it.
    if (me.chat.flowWaiting && me.participant.role === "CUSTOMER") await new FlowRunner(this.tx, this.env, this.journal).resume(me.chat, { type: "input", text: content });
    return item;
  }

  /** SendEvent: typing, receipts, connection.acknowledged. Returns the pushed item's id and time. */
  async sendEvent(me: Me, contentType: string, content: string | undefined): Promise<{ id: string; absoluteTime: string }> {
    const ev = checkEvent("", contentType, content);
    if (ev.receipt) {
      const present = (await this.tx.participants(me.chat.id)).filter((p) => p.leftAt === undefined);
      if (present.length > 2) throw new ConflictException("Operation can not be performed due to the state of the contact.");
    }
    const item = await this.participantEvent(me.chat, me.participant, contentType, ev);
    return item ? { id: item.body.Id, absoluteTime: item.body.AbsoluteTime } : { id: this.env.ids.itemId(), absoluteTime: iso(this.env.clock.now()) };
  }

  /**
   * DisconnectParticipant: the customer leaving ends the chat — unless StartChatContact's DisconnectOnCustomerExit
   * ["AGENT"] and a disconnect flow are set and an agent is there: then the agents are disconnected and the customer
   * goes on into the disconnect flow (a post-chat survey), as Connect's model describes it. Anyone else just leaves.
   */
  async disconnect(me: Me): Promise<void> {
    if (me.participant.role === "CUSTOMER") {
      if (!(await this.customerExitToSurvey(me.chat))) await this.end(me.chat, "CUSTOMER_DISCONNECT");
      return;
    }
    const at = this.stamp(me.chat);
    await this.tx.updateParticipant({ ...me.participant, leftAt: at });
    await this.append(me.chat, { Type: "EVENT", ContentType: CT.left }, me.participant, "ALL", true, at);
    if (me.participant.role === "AGENT") await this.agentLeft(me, at);
    if (me.chat.flowWaiting && me.participant.role === "CUSTOM_BOT") await new FlowRunner(this.tx, this.env, this.journal).resume(me.chat, { type: "event", name: "BotParticipantDisconnected" });
    else if (me.chat.flowSettings?.eventHooks && (me.participant.role === "AGENT" || me.participant.role === "CUSTOM_BOT")) {
      const present = (await this.tx.participants(me.chat.id)).filter((p) => p.leftAt === undefined && (p.role === "AGENT" || p.role === "CUSTOM_BOT"));
      if (present.length === 0) await new FlowRunner(this.tx, this.env, this.journal).customerRemaining(me.chat);
    }
  }

  /** DisconnectOnCustomerExit: the present agents leave (into after-contact work) and the disconnect flow runs. */
  private async customerExitToSurvey(chat: Contact): Promise<boolean> {
    const hooks = chat.flowSettings?.eventHooks ?? {};
    if (!chat.disconnectOnCustomerExit?.includes("AGENT") || !(hooks.CustomerRemaining ?? hooks.DisconnectFlow)) return false;
    const agents = (await this.tx.participants(chat.id)).filter((p) => p.leftAt === undefined && p.role === "AGENT");
    if (agents.length === 0) return false;
    const at = this.stamp(chat);
    for (const agent of agents) {
      await this.tx.updateParticipant({ ...agent, leftAt: at });
      await this.append(chat, { Type: "EVENT", ContentType: CT.left }, agent, "ALL", true, at);
      await this.agentLeft({ chat, participant: agent }, at);
    }
    await this.tx.updateContact(chat);
    await new FlowRunner(this.tx, this.env, this.journal).customerRemaining(chat);
    return true;
  }

  /** The routed agent left the chat: their work goes into after-contact work (the slot stays busy until it ends). */
  private async agentLeft(me: Me, at: number): Promise<void> {
    const w = await this.tx.routing.liveWork(me.chat.id);
    if (w?.state !== "CONNECTED" || w.participantId !== me.participant.id) return;
    await startAcw(this.tx.routing, this.env, w, at);
    this.journal.routingDue = true;
  }

  transcript(me: Me, req: TranscriptRequest) {
    return readTranscript(this.tx, me, req);
  }

  private async chatOf(p: Participant): Promise<Contact | undefined> {
    const c = await this.tx.contactById(p.contactId);
    return c && this.current(c);
  }

  private async issue(participantId: string, kind: TokenKind, expiresAt: number, since?: number): Promise<string> {
    const token = this.env.ids.token();
    await this.tx.insertToken(token, kind, participantId, expiresAt, since);
    return token;
  }
}
