// The routing room's records (queues, routing profiles, users = agents, agent statuses, security profiles, hours of
// operation) in camelCase, storage-neutral. Every one is a Resource: an id unique in the store, a name unique in its
// instance (a user's name is its Username), and the time of its last change.

export type Channel = "VOICE" | "CHAT" | "TASK" | "EMAIL";
export type AgentStatusType = "ROUTABLE" | "CUSTOM" | "OFFLINE";

export interface Resource {
  id: string;
  accountId: string;
  instanceId: string;
  name: string;
  /** Epoch milliseconds (LastModifiedTime). */
  updatedAt: number;
  tags?: Record<string, string>;
}

export interface Queue extends Resource {
  description?: string;
  hoursOfOperationId: string;
  /** Absent: no queue limit of its own (the instance's quota applies). */
  maxContacts?: number;
  status: "ENABLED" | "DISABLED";
  queueType: "STANDARD" | "AGENT";
  outboundCallerConfig?: Record<string, unknown>;
  quickConnectIds?: string[];
}

export interface MediaConcurrency {
  channel: Channel;
  concurrency: number;
  crossChannelBehavior?: "ROUTE_CURRENT_CHANNEL_ONLY" | "ROUTE_ANY_CHANNEL";
}

/** One (queue, channel) a routing profile serves: lower priority first, then contacts older than `delay` seconds. */
export interface ProfileQueue {
  queueId: string;
  channel: Channel;
  priority: number;
  delay: number;
}

export interface RoutingProfile extends Resource {
  description: string;
  defaultOutboundQueueId: string;
  mediaConcurrencies: MediaConcurrency[];
  agentAvailabilityTimer?: "TIME_SINCE_LAST_ACTIVITY" | "TIME_SINCE_LAST_INBOUND";
  isDefault?: boolean;
}

export interface PerChannel<T> {
  channel: Channel;
  value: T;
}

export interface User extends Resource {
  /** scrypt$N$r$p$salt$hash (see src/passwords.ts); never leaves the server. Absent for SAML/directory users. */
  passwordHash?: string;
  routingProfileId: string;
  securityProfileIds: string[];
  identityInfo?: { firstName?: string; lastName?: string; email?: string; secondaryEmail?: string; mobile?: string };
  phoneConfig: { phoneType: "SOFT_PHONE" | "DESK_PHONE"; autoAccept?: boolean; afterContactWorkTimeLimit?: number; deskPhoneNumber?: string; persistentConnection?: boolean };
  directoryUserId?: string;
  hierarchyGroupId?: string;
  /** Per channel: offers are joined at once (AutoAccept). CHAT is what the matcher reads. */
  autoAccept: PerChannel<boolean>[];
  /** Per channel after-contact-work limit in seconds (0: no ACW). */
  afterContactWork: PerChannel<number>[];
  persistentConnection: PerChannel<boolean>[];
}

export interface AgentStatus extends Resource {
  description?: string;
  type: AgentStatusType;
  state: "ENABLED" | "DISABLED";
  displayOrder?: number;
}

export interface SecurityProfile extends Resource {
  description?: string;
  /** Permission names as ListSecurityProfilePermissions has them (BasicAgentAccess, ...). */
  permissions: string[];
}

export interface HoursSlice {
  day: "SUNDAY" | "MONDAY" | "TUESDAY" | "WEDNESDAY" | "THURSDAY" | "FRIDAY" | "SATURDAY";
  start: { hours: number; minutes: number };
  end: { hours: number; minutes: number };
}

export interface HoursOfOperation extends Resource {
  description?: string;
  timeZone: string;
  config: HoursSlice[];
}

/**
 * An agent's routing state: one row per user, what the matcher reads and locks. `chatSlots` is the CHAT concurrency
 * of the user's routing profile (copied here so the matcher needs no join to the profile), `chatBusy` the slots
 * held (offered, connected or in after-contact work), `idleSince` when the agent last became free to take a chat.
 */
export interface UserStatus {
  userId: string;
  accountId: string;
  instanceId: string;
  routingProfileId: string;
  statusId: string;
  statusName: string;
  statusType: AgentStatusType;
  statusSince: number;
  chatSlots: number;
  chatBusy: number;
  idleSince: number;
}

export type QuickConnectType = "USER" | "QUEUE" | "PHONE_NUMBER" | "FLOW";

/** A transfer destination (Connect's quick connect): an agent, a queue (each through a transfer flow), a number or a flow. */
export interface QuickConnect extends Resource {
  description?: string;
  type: QuickConnectType;
  userId?: string;
  queueId?: string;
  contactFlowId?: string;
  /** E.164; stored as Connect stores it, though a chat cannot be transferred to a number. */
  phoneNumber?: string;
}

/**
 * A quick response: a canned reply agents pick in the console, shared by the instance (Connect keeps these in an
 * Amazon Q in Connect knowledge base). `modifiedBy`: the user id of who last changed it; absent for access keys.
 */
export interface QuickResponse extends Resource {
  content: string;
  modifiedBy?: string;
}

export interface KindRecords {
  queue: Queue;
  quickConnect: QuickConnect;
  quickResponse: QuickResponse;
  routingProfile: RoutingProfile;
  user: User;
  agentStatus: AgentStatus;
  securityProfile: SecurityProfile;
  hours: HoursOfOperation;
}
export type Kind = keyof KindRecords;

/** Where a chat is in routing (see migrations/sqlite/0070_routing_matcher.sql). */
export type WorkState = "QUEUED" | "OFFERED" | "CONNECTED" | "ACW";

/**
 * One piece of an agent's work on a chat: the chat waiting in a queue, offered to an agent, connected to them, or the
 * agent's after-contact work. A chat has at most one row that is not ACW.
 */
export interface RoutingWork {
  id: string;
  contactId: string;
  accountId: string;
  instanceId: string;
  /** A queue id, or `agent:<UserId>` for an agent's own queue (transfers to an agent). */
  queueId: string;
  state: WorkState;
  /** The contact's priority in its queue (UpdateContactRoutingBehavior QueuePriority): lower first, 5 by default. */
  priority: number;
  enqueuedAt: number;
  /** enqueuedAt less the flow's QueueTimeAdjustmentSeconds: what "oldest" means. */
  sortAt: number;
  userId?: string;
  participantId?: string;
  autoAccept: boolean;
  stateSince: number;
  /** The offer's expiry or the ACW's timeout (the durable timer); absent: none. */
  dueAt?: number;
  version: number;
}

/** A due routing timer claimed under a lease: acted on only if the row still has this version. */
export interface DueWork {
  id: string;
  contactId: string;
  version: number;
}

/** One queue's waiting chats for GetCurrentMetricData: QUEUED or OFFERED (Connect counts a contact in queue until an agent connects). */
export interface QueueLoad {
  waiting: number;
  /** The earliest EnqueueTimestamp of those chats (epoch ms); absent when none waits. */
  oldestEnqueuedAt?: number;
}

/** One routing profile's agents as GetCurrentMetricData counts them (CHAT slots only). */
export interface ProfileAgents {
  online: number;
  /** Available status and no contact (Connect's "Available" activity). */
  available: number;
  /** A custom (non-productive) status other than Missed. */
  nonProductive: number;
  /** In the Missed status after an expired offer (Connect's Error activity). */
  error: number;
  /** Agents with a CONNECTED chat. */
  onContact: number;
  /** Chats in after-contact work (Connect counts contacts here, not agents). */
  afterContactWork: number;
  /** CONNECTED + ACW chats. */
  slotsActive: number;
  /** Free CHAT slots of Available agents. */
  slotsAvailable: number;
}
