// The agent's routing state as the console shows it, pure: GetCurrentUserData's contacts split into offers, chats
// and after-contact work; an offer's countdown; the waiting chats of the agent's queues with their position and
// how long the customer has waited for an answer; the disposition list of a queue; who can take a transfer.

/** One contact of GetCurrentUserData as the console reads it (the SDK parses timestamps into Dates). */
export interface AgentContact {
  ContactId?: string;
  AgentContactState?: string;
  StateStartTimestamp?: Date | string;
  Queue?: { Id?: string };
}

export interface Work {
  contactId: string;
  queueId?: string;
  /** Epoch ms: when the contact entered this state (the offer was made, the agent joined, ACW began). */
  since: number;
}

export interface MyWork {
  offers: Work[];
  connected: Work[];
  /** After-contact work (Connect's AgentContactState ENDED). */
  acw: Work[];
}

const ms = (t: Date | string | undefined) => (t === undefined ? NaN : typeof t === "string" ? Date.parse(t) : t.getTime());

export function splitWork(contacts: readonly AgentContact[] | undefined): MyWork {
  const out: MyWork = { offers: [], connected: [], acw: [] };
  for (const c of contacts ?? []) {
    if (!c.ContactId) continue;
    const w: Work = { contactId: c.ContactId, queueId: c.Queue?.Id, since: ms(c.StateStartTimestamp) || 0 };
    if (c.AgentContactState === "INCOMING" || c.AgentContactState === "PENDING") out.offers.push(w);
    else if (c.AgentContactState === "CONNECTED" || c.AgentContactState === "CONNECTED_ONHOLD") out.connected.push(w);
    else if (c.AgentContactState === "ENDED") out.acw.push(w);
  }
  return out;
}

/** Whole seconds left of an offer made at `since` that lasts `offerSeconds`; never below 0. */
export function secondsLeft(since: number, offerSeconds: number, now: number): number {
  return Math.max(0, Math.ceil((since + offerSeconds * 1000 - now) / 1000));
}

/** "0:27" for a countdown. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** A chat of the instance with what the queue views need (from SearchContacts summaries). */
export interface QueuedChat {
  contactId: string;
  customer: string;
  queueId?: string;
  /** Epoch ms the chat entered its current queue. */
  enqueuedAt?: number;
  /** Epoch ms an agent joined (absent: nobody yet). */
  agentAt?: number;
  lastRole?: string;
  lastAt?: number;
}

export interface Waiting {
  contactId: string;
  customer: string;
  position: number;
  /** Epoch ms the customer's unanswered wait began: their last message, else the time they were queued. */
  waitingSince: number;
}

/**
 * The chats waiting in each of `queueIds`, first in line first: queued and with no agent since they were queued (a
 * transfer re-queues a chat that had one). The wait is the customer's: since their last message when it is still
 * unanswered (the last word was theirs), otherwise since the chat was queued.
 */
export function waitingByQueue(chats: readonly QueuedChat[], queueIds: readonly string[]): Map<string, Waiting[]> {
  const out = new Map<string, Waiting[]>(queueIds.map((q) => [q, []]));
  const inLine = chats.filter((c) => c.queueId && c.enqueuedAt !== undefined && out.has(c.queueId) && !(c.agentAt !== undefined && c.agentAt >= c.enqueuedAt));
  inLine.sort((a, b) => a.enqueuedAt! - b.enqueuedAt! || (a.contactId < b.contactId ? -1 : 1));
  for (const c of inLine) {
    const list = out.get(c.queueId!)!;
    const unanswered = c.lastRole === "CUSTOMER" && c.lastAt !== undefined ? c.lastAt : c.enqueuedAt!;
    list.push({ contactId: c.contactId, customer: c.customer, position: list.length + 1, waitingSince: unanswered });
  }
  return out;
}

/** How many dispositions one queue may list, and how long one may be (what the page will show). */
export const MAX_DISPOSITIONS = 50;

/**
 * The dispositions offered for a contact of this queue: the list configured under the queue's id, else its name,
 * else under "*" (every queue); none configured: an empty list (the panel then takes notes only).
 */
export function dispositionsFor(config: Readonly<Record<string, readonly string[]>> | undefined, queue: { id?: string; name?: string }): string[] {
  if (!config) return [];
  const own = (k: string | undefined) => (k !== undefined && Object.prototype.hasOwnProperty.call(config, k) ? config[k] : undefined);
  const list = own(queue.id) ?? own(queue.name) ?? own("*") ?? [];
  return [...new Set(list.filter((d) => typeof d === "string" && d.trim()))].slice(0, MAX_DISPOSITIONS);
}

/** One agent of GetCurrentUserData as the transfer list reads it. */
export interface AgentData {
  User?: { Id?: string };
  Status?: { StatusName?: string };
  AvailableSlotsByChannel?: Record<string, number>;
}

/** Agents who can take a chat now: Available with a free CHAT slot, not the agent transferring; ids in list order. */
export function transferableAgents(list: readonly AgentData[], me: string): string[] {
  return list.filter((u) => u.User?.Id && u.User.Id !== me && u.Status?.StatusName === "Available" && (u.AvailableSlotsByChannel?.CHAT ?? 0) > 0).map((u) => u.User!.Id!);
}
