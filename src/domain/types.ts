// The domain's records: contacts (chats), participants and transcript items, in camelCase, storage-neutral.
import type { Rehydration, RehydrationType } from "./persistent.js";

import type { ParticipantTimerState } from "./participant-timers.js";

export type ContactState = "ACTIVE" | "ENDED";
export type ParticipantRole = "CUSTOMER" | "AGENT" | "SYSTEM" | "CUSTOM_BOT" | "SUPERVISOR";
export type ItemType = "MESSAGE" | "EVENT" | "MESSAGEMETADATA" | "ATTACHMENT";
export type Visibility = "ALL" | "AGENT" | "CUSTOMER";

/** (SourceId, DestinationId, Subtype) scoped to the account: at most one ACTIVE chat per identity. */
export interface ChatIdentity {
  accountId: string;
  destinationId: string;
  sourceId: string;
  /** Lower-cased Subtype, "" when absent: `connect:sms` and `connect:SMS` are one identity. */
  subtypeKey: string;
}

export interface StreamingEndpoint {
  streamingId: string;
  arn: string;
}

export interface Contact {
  id: string;
  accountId: string;
  instanceId: string;
  initialContactId: string;
  state: ContactState;
  channel: "CHAT";
  /** API for a chat started here; TRANSFER for the new contact a TransferContact starts (domain/segments.ts). */
  initiationMethod: "API" | "TRANSFER";
  /** The contact this one was transferred from (DescribeContact's PreviousContactId); absent unless initiationMethod is TRANSFER. */
  previousContactId?: string;
  /**
   * Set on a contact that ended by a transfer: the contact that carries its chat on. Not on the wire (Connect's
   * record has no such member); it lets a participant whose row moved on be followed to the live contact.
   */
  nextContactId?: string;
  /** Present for chats created by SendChatIntegrationEvent. */
  identity?: ChatIdentity;
  /** Canonical channel subtype (connect:SMS, connect:WhatsApp) when the chat has one. */
  subtype?: string;
  contactFlowId?: string;
  customerParticipantId: string;
  customerDisplayName: string;
  attributes: Record<string, string>;
  supportedContentTypes: string[];
  streamingEndpoints: StreamingEndpoint[];
  /** Epoch milliseconds. */
  initiatedAt: number;
  expiresAt: number;
  endedAt?: number;
  /** The last change: the newest item's AbsoluteTime when that is later than the record's own last write. */
  updatedAt: number;
  /**
   * AbsoluteTime of the newest item: items of one chat never go back in time. A store reads it from the chat's
   * item log with the contact (appending an item does not rewrite the contact: one write per message, not two).
   */
  lastItemAt: number;
  endReason?: EndReason;
  /** The first AGENT participant (our extension) and when it joined: SearchContacts' AgentInfo. */
  agent?: { id: string; connectedAt: number };
  /** The queue a flow put the contact in (TransferContactToQueue): DescribeContact's QueueInfo, SearchContacts' QueueIds. */
  queue?: { id: string; enqueuedAt: number; priority?: number };
  /** A flow of this contact waits for the customer's next message or a participant event: set only then, so other messages cost nothing. */
  flowWaiting?: true;
  /** What flows recorded on the contact (UpdateContactEventHooks, UpdateContactRecordingBehavior, UpdateContactRoutingBehavior). */
  flowSettings?: { eventHooks?: Record<string, string>; recording?: Record<string, unknown>; routing?: Record<string, unknown> };
  /** Participant timeouts (UpdateParticipantRoleConfig): the settings and the timers pinned now (domain/participant-timers.ts). */
  participantTimers?: ParticipantTimerState;
  /** Persistent chat: the past contacts this chat continues (StartChatContact PersistentChat, CreatePersistentContactAssociation). */
  rehydration?: Rehydration;
  /** StartChatContact RelatedContactId (or, for a persistent chat, the contact it continues): DescribeContact's RelatedContactId. */
  relatedContactId?: string;
  /** StartChatContact SegmentAttributes, in their wire shape (DescribeContact adds connect:Subtype of SMS chats). */
  segmentAttributes?: Record<string, SegmentAttributeValue>;
  /** StartChatContact CustomerId. */
  customerId?: string;
  /** StartChatContact DisconnectOnCustomerExit (["AGENT"]): those participants leave when the customer ends the chat. */
  disconnectOnCustomerExit?: string[];
  /** StartChatContact ParticipantConfiguration.ResponseMode (INCREMENTAL or COMPLETE). */
  responseMode?: string;
  /** The newest MESSAGE item: set by a contact search only, which reads it from the chat's item log. */
  lastMessage?: LastMessage;
}

/** Connect's SegmentAttributeValue, as sent (ValueList and ValueArn only on system keys). */
export interface SegmentAttributeValue {
  ValueString?: string;
  ValueInteger?: number;
  ValueMap?: Record<string, SegmentAttributeValue>;
  ValueList?: SegmentAttributeValue[];
  ValueArn?: string;
}

export interface LastMessage {
  /** The first LAST_MESSAGE_CHARS characters (code points) of the item's Content. */
  content: string;
  /** The item's AbsoluteTime, epoch milliseconds. */
  at: number;
  role: ParticipantRole;
}

/** CONTACT_FLOW_DISCONNECT: a flow disconnected the chat (DisconnectParticipant, or it ended before queueing the contact). */
export type EndReason = "CUSTOMER_DISCONNECT" | "API" | "EXPIRED" | "CONTACT_FLOW_DISCONNECT" | "IDLE_DISCONNECT";

export interface Participant {
  id: string;
  contactId: string;
  initialContactId: string;
  role: ParticipantRole;
  displayName: string;
  joinedAt: number;
  /** Set by CreateParticipantConnection with ConnectParticipant=true (or a WebSocket connection). */
  connectedAt?: number;
  leftAt?: number;
  /** A SUPERVISOR added by MonitorContact: the user, and whether they only watch (SILENT_MONITOR) or have barged in. */
  monitor?: { userId: string; mode: "SILENT_MONITOR" | "BARGE"; mayBarge: boolean };
}

export interface Receipt {
  DeliveredTimestamp?: string;
  ReadTimestamp?: string;
  RecipientParticipantId: string;
}

/** A transcript item in its wire shape (what GetTranscript, WebSocket pushes and SNS carry). */
export interface ItemBody {
  Id: string;
  AbsoluteTime: string;
  Type: ItemType;
  ContentType: string;
  Content?: string;
  ParticipantId?: string;
  DisplayName?: string;
  ParticipantRole?: ParticipantRole;
  MessageMetadata?: { MessageId: string; Receipts?: Receipt[] };
  /** GetTranscript of a persistent chat: the past contact an item was sent on (set only on past items). */
  RelatedContactId?: string;
  /** Type ATTACHMENT: the one attachment the item announces (src/domain/attachments.ts). */
  Attachments?: { ContentType: string; AttachmentId: string; AttachmentName: string; Status: "APPROVED" | "REJECTED" | "IN_PROGRESS" }[];
}

export interface Item {
  /** Position in the event log; assigned by the store on append. */
  position?: number;
  contactId: string;
  initialContactId: string;
  /** false for push-only items (typing, receipt notifications) that GetTranscript does not return. */
  persisted: boolean;
  visibility: Visibility;
  body: ItemBody;
}

/** The account that signed the request. */
export interface Caller {
  accountId: string;
  /** The signed-in user (agent) whose session credentials signed it; absent for access keys. */
  userId?: string;
}

/** What a DestinationId resolves to (from the configuration). */
export interface Destination {
  destinationId: string;
  accountId: string;
  instanceId: string;
  contactFlowId?: string;
  streamingEndpointArn?: string;
  chatDurationMinutes: number;
  /** Webhook URLs (our extension) that get every item of this destination's chats. */
  webhooks: string[];
  /** Present when the destination sends agents' replies out by SMS (config `sms`); the provider is the adapters' business. */
  sms?: { maxSegments: number; split: boolean; helpText?: string };
  /** Name of the queue its chats wait in when they have no flow (routing). */
  defaultQueue?: string;
  /** Config `persistentChat`: a returning customer's new chat continues their last ended chat on this destination. */
  persistentChat?: { rehydrationType: RehydrationType };
}
