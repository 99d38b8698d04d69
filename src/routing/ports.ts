// What the routing room needs from the outside: its part of the store (inside the caller's transaction), a slow
// password hash, fresh resource ids and the clock. Adapters: src/storage/{sqlite,postgres}/routing.ts, src/passwords.ts.
import type { Clock } from "../domain/ports.js";
import type { DueWork, Kind, KindRecords, ProfileAgents, ProfileQueue, QueueLoad, RoutingWork, UserStatus } from "./types.js";

export interface RoutingTx {
  /** Inserts the record unless its instance already has one of this kind with this name; false then. */
  insert<K extends Kind>(kind: K, rec: KindRecords[K]): Promise<boolean>;
  /** Rewrites the record (same id); false if the new name is taken by another record of the instance. */
  update<K extends Kind>(kind: K, rec: KindRecords[K]): Promise<boolean>;
  get<K extends Kind>(kind: K, accountId: string, instanceId: string, id: string): Promise<KindRecords[K] | undefined>;
  byName<K extends Kind>(kind: K, accountId: string, instanceId: string, name: string): Promise<KindRecords[K] | undefined>;
  /** Records of the instance ordered by name, after the name `after`, at most `limit`. */
  list<K extends Kind>(kind: K, accountId: string, instanceId: string, after: string | undefined, limit: number): Promise<KindRecords[K][]>;
  delete(kind: Kind, accountId: string, instanceId: string, id: string): Promise<boolean>;
  /** How many records of this kind the instance has (its quota). */
  count(kind: Kind, accountId: string, instanceId: string): Promise<number>;
  /** The (queue, channel) entries of a routing profile, ordered by channel, priority, queue id. */
  profileQueues(routingProfileId: string): Promise<ProfileQueue[]>;
  /** Adds entries, or replaces priority/delay of an existing (queue, channel). */
  putProfileQueues(routingProfileId: string, entries: ProfileQueue[]): Promise<void>;
  /** Removes every (queue, channel) entry of the profile. */
  clearProfileQueues(routingProfileId: string): Promise<void>;
  /** How many users have this routing profile. */
  profileUsers(routingProfileId: string): Promise<number>;
  userStatus(userId: string): Promise<UserStatus | undefined>;
  /** Inserts or replaces the user's routing state. */
  putUserStatus(s: UserStatus): Promise<void>;
  /**
   * The matcher's read: agents who could take a CHAT of this queue now — status ROUTABLE, a free CHAT slot, a routing
   * profile serving the queue for CHAT — idle longest first. On PostgreSQL the rows come locked (FOR UPDATE SKIP
   * LOCKED): another node's transaction skips them and gets the next agents, and a slot is never counted twice.
   */
  freeAgents(queueId: string, limit: number): Promise<UserStatus[]>;
  /** Sets chatSlots of every user on this profile (its CHAT concurrency changed). */
  setProfileChatSlots(routingProfileId: string, chatSlots: number): Promise<void>;

  // The matcher (src/routing/matcher.ts, src/domain/routed.ts). Lock order everywhere: contact, then work row, then
  // the agent's user_status; the matcher alone goes agent → work row, and only with SKIP LOCKED, so it never waits.
  /** The agent's routing state if it could take a CHAT now (ROUTABLE, a free slot), locked; else undefined (or locked elsewhere). */
  freeAgent(userId: string): Promise<UserStatus | undefined>;
  /** Adds `delta` to the agent's busy CHAT slots (never below 0); `idleSince` restarts the agent's idle time. */
  addBusy(userId: string, delta: number, idleSince?: number): Promise<void>;
  /**
   * Waiting chats in the queue, counted up to `atMost` (its MaxContacts: a full queue's count costs no more than that);
   * on PostgreSQL the queue row is locked first so racing enqueues count in turn.
   */
  queueDepth(queueId: string, atMost: number): Promise<number>;
  insertWork(w: RoutingWork): Promise<void>;
  /** Rewrites the row (its version is bumped by the caller); clears any lease. */
  updateWork(w: RoutingWork): Promise<void>;
  deleteWork(id: string): Promise<void>;
  /** The chat's live row (not ACW), locked. */
  liveWork(contactId: string): Promise<RoutingWork | undefined>;
  /** A row by id, locked. */
  work(id: string): Promise<RoutingWork | undefined>;
  /** Every row of an agent (offered, connected, ACW), oldest first. */
  workOfUser(userId: string): Promise<RoutingWork[]>;
  /** The first waiting chat of the queue that has waited since `sortedBefore` or longer (priority, then age), locked SKIP LOCKED. */
  topQueued(queueId: string, sortedBefore: number): Promise<RoutingWork | undefined>;
  /**
   * Queues with waiting chats that a free agent could take (served by a ROUTABLE agent's profile with a free CHAT
   * slot, or that agent's own queue), at most `limit`: the matcher's pass walks them. Queues nobody free serves are
   * left out, so a pass over thousands of unanswerable chats costs one indexed read, not a walk of them all.
   */
  queuesToMatch(limit: number): Promise<string[]>;
  /** Due timers not leased, oldest first; leases them until `leaseUntil`. */
  claimDueWork(now: number, leaseUntil: number, limit: number): Promise<DueWork[]>;
  /** The routing state of an instance's agents in user id order, at most `limit` (GetCurrentUserData). */
  instanceStatuses(accountId: string, instanceId: string, limit: number): Promise<UserStatus[]>;
  /**
   * The instance's rows that have an agent (OFFERED, CONNECTED, ACW), oldest first, at most `limit`
   * (GetCurrentUserData). Waiting chats are not among them: thousands queued never crowd an agent's out of the page.
   */
  agentWork(accountId: string, instanceId: string, limit: number): Promise<RoutingWork[]>;
  /** A queue's waiting chats in the order the matcher takes them (priority, then sort time), at most `limit`. */
  queuedWork(queueId: string, limit: number): Promise<RoutingWork[]>;

  // GetCurrentMetricData (src/routing/current-metrics.ts): aggregates read through indexes, one queue or profile each.
  /** The routing profiles serving a queue, with the channel of each association (a profile may appear per channel). */
  queueProfiles(queueId: string): Promise<{ routingProfileId: string; channel: ProfileQueue["channel"] }[]>;
  /** The chats waiting in the queue (QUEUED or OFFERED) and the oldest one's enqueue time. */
  queueLoad(queueId: string): Promise<QueueLoad>;
  /** The agents of a routing profile, counted by what they are doing now. */
  profileAgents(routingProfileId: string): Promise<ProfileAgents>;
}

export interface PasswordHasher {
  /** A self-describing slow hash (algorithm, parameters, salt, digest). */
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

export interface RoutingEnv {
  clock: Clock;
  region: string;
  /** A fresh resource id (a random UUID, as Connect's). */
  newId(): string;
  passwords: PasswordHasher;
  hasInstance(accountId: string, instanceId: string): boolean;
}
