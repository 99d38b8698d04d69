// GetTranscript: paging over a chat's persisted items by position. StartPosition (Id, AbsoluteTime,
// MostRecent) or NextToken picks where to start; ScanDirection which way; SortOrder how a page is sorted.
import { ValidationException } from "../api/errors.js";
import type { TxStore } from "./ports.js";
import type { Me, TranscriptRequest } from "./participants.js";
import type { Item } from "./types.js";

export interface TranscriptPage {
  initialContactId: string;
  items: Item[];
  nextToken?: string;
}

const invalid = (why: string) => new ValidationException(`Validation exception due to invalid parameter: ${why}`);

interface Cursor {
  c: string;
  p: number;
  d: "FORWARD" | "BACKWARD";
  /** 1: the scan goes on into the past contacts of a persistent chat. */
  h?: 1;
}

export async function readTranscript(tx: TxStore, me: Me, req: TranscriptRequest): Promise<TranscriptPage> {
  let chat = me.chat;
  if (req.contactId !== undefined && req.contactId !== chat.id && req.contactId !== chat.initialContactId && !(await sameChain(tx, chat, req.contactId))) {
    // A contact outside the caller's chain reads as an empty transcript with an empty NextToken, as Connect answers —
    // except (our extension) the same customer's earlier chat, for an agent or supervisor of this one.
    const earlier = await sameCustomersChat(tx, me, req.contactId);
    if (!earlier) return { initialContactId: chat.initialContactId, items: [], nextToken: "" };
    chat = earlier;
  }
  const limit = req.maxResults ?? 10;
  const start = req.startPosition && Object.values(req.startPosition).some((v) => v !== undefined && v !== null) ? req.startPosition : undefined;
  let direction = req.scanDirection ?? (start ? "FORWARD" : "BACKWARD");
  let from: number | undefined;
  // A persistent chat's past items follow its own in a BACKWARD scan from the newest item (StartPosition and
  // ContactId do not reach them, as in Connect).
  let withPast = Boolean(chat.rehydration) && !start && req.contactId === undefined && direction === "BACKWARD";

  if (req.nextToken !== undefined) {
    const cur = decodeCursor(req.nextToken);
    if (cur.c !== chat.initialContactId) throw invalid("NextToken belongs to another chat");
    direction = cur.d;
    from = cur.p;
    withPast = cur.h === 1 && Boolean(chat.rehydration);
  } else if (start) {
    const set = [start.Id, start.AbsoluteTime, start.MostRecent].filter((v) => v !== undefined && v !== null);
    if (set.length > 1) throw invalid("StartPosition takes one of Id, AbsoluteTime, MostRecent");
    if (start.Id !== undefined) {
      const item = await tx.item(chat.initialContactId, start.Id);
      if (!item) throw invalid(`StartPosition.Id '${start.Id}' is not an item of this chat`);
      from = item.position;
    } else if (start.AbsoluteTime !== undefined) {
      const at = Date.parse(start.AbsoluteTime);
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/.test(start.AbsoluteTime) || Number.isNaN(at))
        throw invalid("StartPosition.AbsoluteTime must be yyyy-MM-ddThh:mm:ss.SSSZ");
      from = await tx.positionAt(chat.initialContactId, at, direction);
      if (from === undefined) return { initialContactId: chat.initialContactId, items: [] };
    } else {
      const newest = await tx.transcript({ initialContactId: chat.initialContactId, direction: "BACKWARD", limit: start.MostRecent! + 1 });
      if (newest.length === 0) return { initialContactId: chat.initialContactId, items: [] };
      from = newest[newest.length - 1].position;
    }
  } else if (direction === "FORWARD") {
    throw invalid("ScanDirection FORWARD needs a StartPosition");
  }

  if (limit === 0) return { initialContactId: chat.initialContactId, items: [] };
  const rows = await tx.transcript({ initialContactId: chat.initialContactId, direction, from, limit: limit + 1 });
  // Past items have lower positions than every item of this chat (their chats ended before it began).
  if (withPast && rows.length <= limit) rows.push(...(await pastItems(tx, me, from, limit + 1 - rows.length)));
  const page = rows.slice(0, limit).filter((i) => visibleTo(i, me));
  const nextToken = rows.length > limit ? encodeCursor({ c: chat.initialContactId, p: rows[limit].position!, d: direction, ...(withPast ? { h: 1 as const } : {}) }) : undefined;
  const ascending = (req.sortOrder ?? "DESCENDING") === "ASCENDING";
  page.sort((a, b) => (ascending ? a.position! - b.position! : b.position! - a.position!));
  return { initialContactId: chat.initialContactId, items: page, nextToken };
}

/**
 * The past contacts' kept items at or below `from`, newest first, each marked with the contact it was sent on as
 * `RelatedContactId` (Connect's Item: set only on items of a past chat session).
 */
async function pastItems(tx: TxStore, me: Me, from: number | undefined, limit: number): Promise<Item[]> {
  const past = me.chat.rehydration!.past;
  const segments = new Set(past.map((s) => s.contactId));
  const chats = [...new Set(past.map((s) => s.initialContactId))];
  const items = await tx.pastItems(chats, from, limit);
  // FROM_SEGMENT leaves out the later segments of a session (none exist while a session is one contact).
  return items.filter((i) => segments.has(i.contactId)).map((i) => ({ ...i, body: { ...i.body, RelatedContactId: i.contactId } }));
}

export function visibleTo(item: Item, me: Me): boolean {
  if (item.visibility === "ALL") return true;
  return me.participant.role === "CUSTOMER" ? item.visibility === "CUSTOMER" : item.visibility === "AGENT";
}

function encodeCursor(c: Cursor): string {
  return btoa(JSON.stringify(c)).replace(/=+$/, "");
}

function decodeCursor(token: string): Cursor {
  try {
    const c = JSON.parse(atob(token)) as Cursor;
    if (typeof c.c === "string" && Number.isInteger(c.p) && (c.d === "FORWARD" || c.d === "BACKWARD")) return c;
  } catch {
    // fall through
  }
  throw invalid("NextToken is not valid");
}

/** Whether the contact is another contact of this chat's transfer chain (same InitialContactId): its transcript is this one. */
async function sameChain(tx: TxStore, chat: Me["chat"], contactId: string): Promise<boolean> {
  const other = await tx.contactById(contactId);
  return !!other && other.accountId === chat.accountId && other.initialContactId === chat.initialContactId;
}

/**
 * Extension (docs/SPEC.md, "Customer history"): an AGENT or SUPERVISOR in a chat may read the transcript of the
 * same customer's other chats in the instance — same SourceId (the phone number) or the same `CustomerId` contact
 * attribute — so the agent console can show the customer's history. Connect reads only a persistent chat's chain
 * this way; the customer's own token still reads nothing but its chat.
 */
async function sameCustomersChat(tx: TxStore, me: Me, contactId: string) {
  if (me.participant.role !== "AGENT" && me.participant.role !== "SUPERVISOR") return undefined;
  const other = await tx.contactById(contactId);
  const chat = me.chat;
  if (!other || other.accountId !== chat.accountId || other.instanceId !== chat.instanceId) return undefined;
  const sameNumber = !!other.identity && !!chat.identity && other.identity.sourceId === chat.identity.sourceId;
  const sameCustomerId = !!chat.attributes.CustomerId && other.attributes.CustomerId === chat.attributes.CustomerId;
  return sameNumber || sameCustomerId ? other : undefined;
}
