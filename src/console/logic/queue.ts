// The queue, pure: SearchContacts summaries → rows of active chats (no DisconnectTimestamp), longest waiting
// first, and what changed between two polls (to flag new chats and notice ended ones in open tabs).

/** The part of a ContactSearchSummary the queue reads (the SDK parses timestamps into Dates). */
export interface Summary {
  Id?: string;
  InitialContactId?: string;
  Channel?: string;
  InitiationMethod?: string;
  InitiationTimestamp?: Date | string;
  DisconnectTimestamp?: Date | string;
  SegmentAttributes?: Record<string, { ValueString?: string } | undefined>;
  QueueInfo?: { Id?: string; EnqueueTimestamp?: Date | string };
  AgentInfo?: { Id?: string; ConnectedToAgentTimestamp?: Date | string };
}

export interface QueueRow {
  contactId: string;
  customer: string;
  subtype: string;
  channel: string;
  initiationMethod: string;
  /** Epoch ms. */
  initiated: number;
  lastMessage?: string;
  lastRole?: string;
  lastAt?: number;
  /** The queue the chat is (or was last) in, and when it entered it (epoch ms); when an agent joined. */
  queueId?: string;
  enqueuedAt?: number;
  agentAt?: number;
}

const seg = (s: Summary, key: string) => s.SegmentAttributes?.[key]?.ValueString;
const ms = (t: Date | string | undefined) => (t === undefined ? undefined : typeof t === "string" ? Date.parse(t) : t.getTime());

export function toRow(s: Summary): QueueRow {
  const lastAt = ms(seg(s, "connect-chat:LastMessageTimestamp"));
  return {
    contactId: s.Id ?? "",
    customer: seg(s, "connect-chat:CustomerAddress") ?? "Unknown sender",
    subtype: seg(s, "connect:Subtype") ?? "",
    channel: s.Channel ?? "CHAT",
    initiationMethod: s.InitiationMethod ?? "",
    initiated: ms(s.InitiationTimestamp) ?? 0,
    lastMessage: seg(s, "connect-chat:LastMessage"),
    lastRole: seg(s, "connect-chat:LastMessageRole"),
    lastAt: lastAt !== undefined && Number.isFinite(lastAt) ? lastAt : undefined,
    queueId: s.QueueInfo?.Id,
    enqueuedAt: ms(s.QueueInfo?.EnqueueTimestamp),
    agentAt: ms(s.AgentInfo?.ConnectedToAgentTimestamp),
  };
}

/** Active chats only, each contact once, the longest waiting first. */
export function activeRows(summaries: readonly Summary[]): QueueRow[] {
  const seen = new Set<string>();
  const rows: QueueRow[] = [];
  for (const s of summaries) {
    if (!s.Id || s.DisconnectTimestamp !== undefined || seen.has(s.Id)) continue;
    seen.add(s.Id);
    rows.push(toRow(s));
  }
  return rows.sort((a, b) => a.initiated - b.initiated || (a.contactId < b.contactId ? -1 : 1));
}

export interface QueueDiff {
  added: string[];
  removed: string[];
  /** Rows whose last message changed. */
  changed: string[];
}

export function diffQueue(prev: readonly QueueRow[], next: readonly QueueRow[]): QueueDiff {
  const before = new Map(prev.map((r) => [r.contactId, r]));
  const after = new Set(next.map((r) => r.contactId));
  const diff: QueueDiff = { added: [], removed: [], changed: [] };
  for (const r of next) {
    const p = before.get(r.contactId);
    if (!p) diff.added.push(r.contactId);
    else if (p.lastAt !== r.lastAt || p.lastMessage !== r.lastMessage) diff.changed.push(r.contactId);
  }
  for (const r of prev) if (!after.has(r.contactId)) diff.removed.push(r.contactId);
  return diff;
}

/** A chat waits for us when the last word was the customer's. */
export function awaitingReply(r: QueueRow): boolean {
  return r.lastRole === "CUSTOMER";
}

/** Case-insensitive filter over number, subtype and last message. */
export function filterRows(rows: readonly QueueRow[], q: string): QueueRow[] {
  const needle = q.trim().toLowerCase();
  if (!needle) return rows.slice();
  return rows.filter((r) => [r.customer, r.subtype, r.lastMessage ?? "", r.contactId].some((f) => f.toLowerCase().includes(needle)));
}

/** The newest message of a chat open in a tab, as its live transcript has it. */
export interface LiveLast {
  content?: string;
  role?: string;
  at?: number;
  /** The open chat has ended (chat.ended pushed): its row goes now, not at the next poll. */
  ended?: boolean;
}

/**
 * Rows whose chat is open in a tab take that chat's newest message when it is newer than the last poll's:
 * the queue then agrees with the transcript beside it instead of lagging a poll behind.
 */
export function withLive(rows: readonly QueueRow[], live: ReadonlyMap<string, LiveLast>): QueueRow[] {
  return rows.flatMap((r) => {
    const l = live.get(r.contactId);
    if (l?.ended) return [];
    if (!l || l.at === undefined || l.content === undefined || (r.lastAt !== undefined && r.lastAt >= l.at)) return [r];
    return [{ ...r, lastMessage: l.content, lastRole: l.role, lastAt: l.at }];
  });
}
