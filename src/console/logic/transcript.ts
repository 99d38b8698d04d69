// Transcript state of one chat, pure: items from GetTranscript pages, live pushes and our own sends merged into
// one list, ordered by AbsoluteTime, each Id once. Items of one millisecond (a chat's first `joined` and first
// message share one) keep the order the server gave them — pages are in transcript order, pushes in commit
// order — since UUIDv7 ids are random within a millisecond; Id decides only what nothing else does. Typing is never listed; MESSAGEMETADATA pushes fold
// their receipts into the message they name. Nothing here touches the DOM or the network.

export interface Receipt {
  RecipientParticipantId?: string;
  DeliveredTimestamp?: string;
  ReadTimestamp?: string;
}

export interface Item {
  Id: string;
  Type: string;
  ContentType?: string;
  Content?: string;
  AbsoluteTime: string;
  ParticipantId?: string;
  ParticipantRole?: string;
  DisplayName?: string;
  MessageMetadata?: { MessageId?: string; Receipts?: Receipt[] };
  /** Type ATTACHMENT: the file(s) it carries. */
  Attachments?: { AttachmentId?: string; AttachmentName?: string; ContentType?: string; Status?: string }[];
  /** Ours, sent but not yet acknowledged: shown greyed, replaced by the server's item. */
  pending?: boolean;
  /** Ours, and the send failed. */
  failed?: boolean;
  /** Arrival order (ours, not the wire's): the tie-break for items of one millisecond. */
  seq?: number;
}

export const TYPING = "application/vnd.amazonaws.connect.event.typing";
export const ENDED = "application/vnd.amazonaws.connect.event.chat.ended";

const time = (i: Item) => Date.parse(i.AbsoluteTime) || 0;

/** AbsoluteTime first, then arrival order, then Id. */
export function compareItems(a: Item, b: Item): number {
  return time(a) - time(b) || (a.seq ?? 0) - (b.seq ?? 0) || (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0);
}

/** Receipts by recipient: a later receipt adds timestamps, never removes them. */
export function mergeReceipts(a: Receipt[] = [], b: Receipt[] = []): Receipt[] {
  const by = new Map<string, Receipt>();
  for (const r of [...a, ...b]) {
    const k = r.RecipientParticipantId ?? "";
    const prev = by.get(k) ?? {};
    by.set(k, { ...prev, ...Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) });
  }
  return [...by.values()];
}

/** What makes a pushed item of ours the same as a pending local one: its text, or its file's name. */
const sameSend = (local: Item, pushed: Item) =>
  local.Type === pushed.Type && (pushed.Type === "ATTACHMENT" ? local.Attachments?.[0]?.AttachmentName === pushed.Attachments?.[0]?.AttachmentName : local.Content === pushed.Content);

/**
 * Merges `incoming` into `current` and returns a new sorted list (current is not changed). An Id seen again
 * keeps the fields it had and takes the newer ones; receipts are united. Typing events are dropped.
 * With `me` (our participant id): an item of ours pushed before our send's answer takes the place of the oldest
 * pending local item it matches, so the reply never shows twice (the wire carries no ClientToken back to match on;
 * the answer's Id, when it comes, finds the pushed item — see confirmLocal).
 */
export function mergeItems(current: readonly Item[], incoming: readonly Item[], me?: string): Item[] {
  const byId = new Map(current.map((i) => [i.Id, i]));
  const receipts: Item[] = [];
  let seq = current.reduce((m, i) => Math.max(m, i.seq ?? 0), 0);
  for (const raw of incoming) {
    if (!raw?.Id || raw.ContentType === TYPING) continue;
    if (raw.Type === "MESSAGEMETADATA") {
      receipts.push(raw);
      continue;
    }
    let prev = byId.get(raw.Id);
    if (!prev && me !== undefined && raw.ParticipantId === me && !raw.pending) {
      const local = [...byId.values()].filter((i) => i.pending && i.Id.startsWith("local:") && sameSend(i, raw)).sort(compareItems)[0];
      if (local) {
        byId.delete(local.Id);
        const { pending: _p, Id: _id, AbsoluteTime: _t, ...kept } = local;
        prev = { ...kept, Id: raw.Id, AbsoluteTime: raw.AbsoluteTime };
      }
    }
    const next: Item = prev ? { ...prev, ...raw, seq: prev.seq } : { ...raw, seq: ++seq };
    if (prev?.MessageMetadata || raw.MessageMetadata)
      next.MessageMetadata = { ...prev?.MessageMetadata, ...raw.MessageMetadata, Receipts: mergeReceipts(prev?.MessageMetadata?.Receipts, raw.MessageMetadata?.Receipts) };
    if (!next.pending) delete next.pending;
    if (!next.failed) delete next.failed;
    byId.set(raw.Id, next);
  }
  for (const m of receipts) {
    const id = m.MessageMetadata?.MessageId;
    const target = id ? byId.get(id) : undefined;
    if (!target) continue;
    byId.set(target.Id, { ...target, MessageMetadata: { ...target.MessageMetadata, MessageId: target.Id, Receipts: mergeReceipts(target.MessageMetadata?.Receipts, m.MessageMetadata?.Receipts) } });
  }
  return [...byId.values()].sort(compareItems);
}

/** Our send was acknowledged with the server's Id and time: the local item takes them (or merges into the push). */
export function confirmLocal(current: readonly Item[], localId: string, id: string, absoluteTime: string): Item[] {
  const local = current.find((i) => i.Id === localId);
  const rest = current.filter((i) => i.Id !== localId);
  if (!local) return rest.slice();
  const { pending: _p, failed: _f, ...confirmed } = local;
  return mergeItems(rest, [{ ...confirmed, Id: id, AbsoluteTime: absoluteTime }]);
}

export function markFailed(current: readonly Item[], localId: string): Item[] {
  return current.map((i) => (i.Id === localId ? { ...i, pending: false, failed: true } : i));
}

/** Delivery state of one of our messages as seen by the others: the best any recipient reached. */
export function receiptState(item: Item): "sent" | "delivered" | "read" | undefined {
  if (item.Type !== "MESSAGE" || item.pending || item.failed) return undefined;
  const r = item.MessageMetadata?.Receipts ?? [];
  if (r.some((x) => x.ReadTimestamp)) return "read";
  if (r.some((x) => x.DeliveredTimestamp)) return "delivered";
  return "sent";
}

/** True when a page from GetTranscript reaches an item we already had: the gap behind it is filled. */
export function overlaps(current: readonly Item[], page: readonly Item[]): boolean {
  const ids = new Set(current.map((i) => i.Id));
  return page.some((i) => ids.has(i.Id));
}

/** Messages of others newer than what we last marked read: the ones to send read receipts for. */
export function unreadFrom(items: readonly Item[], me: string | undefined, lastRead: string | undefined): Item[] {
  const from = lastRead ? items.findIndex((i) => i.Id === lastRead) + 1 : 0;
  return items.slice(from).filter((i) => i.Type === "MESSAGE" && i.ParticipantId !== me && i.ParticipantRole !== "SYSTEM" && !i.pending);
}

export function isEnded(items: readonly Item[]): boolean {
  return items.some((i) => i.ContentType === ENDED);
}

/** The newest message the server has acknowledged (what the queue row of an open chat shows). */
export function lastMessageOf(items: readonly Item[]): { id: string; content: string; role: string; at: number } | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const m = items[i];
    if (m.Type === "MESSAGE" && !m.pending && !m.failed && m.Content !== undefined) return { id: m.Id, content: m.Content, role: m.ParticipantRole ?? "", at: Date.parse(m.AbsoluteTime) || 0 };
  }
  return undefined;
}

const JOINED = "application/vnd.amazonaws.connect.event.participant.joined";
const LEFT = "application/vnd.amazonaws.connect.event.participant.left";

/**
 * Who is in the chat now, from its joined/left events (ids). Connect refuses read and delivered receipts while
 * more than two participants are present, so the page does not send them then (each would be a refused request).
 */
export function presentParticipants(items: readonly Item[]): Set<string> {
  const present = new Set<string>();
  for (const i of items) {
    if (!i.ParticipantId) continue;
    if (i.ContentType === JOINED) present.add(i.ParticipantId);
    else if (i.ContentType === LEFT) present.delete(i.ParticipantId);
  }
  return present;
}

/** Receipts are accepted in a one-to-one chat only. */
export const receiptsAccepted = (items: readonly Item[]) => presentParticipants(items).size <= 2;
