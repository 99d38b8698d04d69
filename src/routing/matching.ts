// The matcher's rules, pure: which waiting chat an agent is offered first, when a chat is eligible for a routing
// profile (its Delay), when a queue refuses a chat (QueueAtCapacity), how long offers and after-contact work last.
// The store does the locked reads and writes (src/storage/routing-sql.ts); src/routing/matcher.ts puts them together.
import type { ProfileQueue, Queue, RoutingWork, User } from "./types.js";
import { channelValue } from "./users.js";

/** A contact's priority in its queue when no flow set one (UpdateContactRoutingBehavior's QueuePriority; Connect's default). */
export const DEFAULT_CONTACT_PRIORITY = 5;

/** Connect's defaults: an offer rings 30 s; after-contact work has no limit of its own here but this one. */
export const DEFAULT_OFFER_SECONDS = 30;
export const DEFAULT_ACW_SECONDS = 60;

/** The error status an agent goes to when an offer expires (Connect's CCP shows "Missed"); unroutable until PutUserStatus. */
export const MISSED_STATUS = { id: "missed", name: "Missed", type: "CUSTOM" as const };

/** An agent's own queue (a transfer to a specific agent): highest priority, no delay, only that agent. */
export const agentQueueId = (userId: string): string => `agent:${userId}`;
export const agentOfQueue = (queueId: string): string | undefined => (queueId.startsWith("agent:") ? queueId.slice(6) : undefined);

/** The time "oldest first" compares: QueueTimeAdjustmentSeconds makes a contact count as waiting longer. */
export const sortAtOf = (enqueuedAt: number, adjustSeconds = 0): number => enqueuedAt - Math.trunc(adjustSeconds * 1000);

/** A chat of a queue with this Delay is offered to the profile's agents once its sortAt is at or before this. */
export const eligibleBefore = (now: number, delaySeconds: number): number => now - delaySeconds * 1000;

/** Why a queue refuses a new chat now, or undefined: disabled, or MaxContacts chats already waiting. */
export function refusal(queue: Pick<Queue, "status" | "maxContacts">, waiting: number): string | undefined {
  if (queue.status !== "ENABLED") return "the queue is disabled";
  if (queue.maxContacts !== undefined && waiting >= queue.maxContacts) return `the queue holds its MaxContacts (${queue.maxContacts})`;
  return undefined;
}

/** A waiting chat an agent could be offered, and the profile entry (absent: the agent's own queue) it came through. */
export interface Candidate {
  work: RoutingWork;
  via?: Pick<ProfileQueue, "priority" | "delay">;
}

/**
 * The chat to offer: the agent's own queue first (highest priority, no delay), then the routing profile's queue
 * priority, then the contact's priority, then the oldest (sortAt), then the id (a stable order).
 */
export function pickChat(candidates: Candidate[]): Candidate | undefined {
  const key = (c: Candidate) => [c.via ? c.via.priority : 0, c.work.priority, c.work.sortAt];
  let best: Candidate | undefined;
  for (const c of candidates) {
    if (!best) {
      best = c;
      continue;
    }
    const [a, b] = [key(c), key(best)];
    const i = a.findIndex((v, j) => v !== b[j]);
    if (i >= 0 ? a[i] < b[i] : c.work.id < best.work.id) best = c;
  }
  return best;
}

/** Whether the agent joins offered chats at once (AutoAcceptConfigs for CHAT). */
export const autoAccepts = (user: Pick<User, "autoAccept">): boolean => channelValue(user.autoAccept, "CHAT") ?? false;

/**
 * How long the agent's after-contact work on a chat lasts, in ms: the user's CHAT AfterContactWorkTimeLimit when set
 * (0: no ACW, the slot frees at once), else the instance's default. undefined: until CompleteContactWork.
 */
export function acwMs(user: Pick<User, "afterContactWork"> | undefined, instanceDefaultSeconds: number | undefined): number | undefined {
  const own = user ? channelValue(user.afterContactWork, "CHAT") : undefined;
  const s = own ?? instanceDefaultSeconds;
  return s === undefined ? undefined : s * 1000;
}
