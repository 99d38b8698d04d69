// Row ⇄ record mapping shared by the SQL adapters: indexed columns plus the full record as JSON.
import type { IdempotencyRecord, OutboxEntry, SmsSend } from "../domain/ports.js";
import { createHash } from "node:crypto";
import { clipLastMessage } from "../domain/rules.js";
import { SEARCHABLE_ATTRIBUTE_CHARS, SEARCHABLE_SEGMENT_KEY_CHARS, SEARCHABLE_SEGMENT_VALUE_CHARS } from "../domain/ports.js";
import { charLength } from "../api/text.js";
import type { Contact, Item, Participant } from "../domain/types.js";

export function contactRow(c: Contact) {
  return {
    id: c.id,
    account_id: c.accountId,
    instance_id: c.instanceId,
    initial_contact_id: c.initialContactId,
    state: c.state,
    destination_id: c.identity?.destinationId ?? null,
    source_id: c.identity?.sourceId ?? null,
    subtype_key: c.identity?.subtypeKey ?? null,
    expires_at: c.expiresAt,
    initiated_at: c.initiatedAt,
    ended_at: c.endedAt ?? null,
    agent_id: c.agent?.id ?? null,
    agent_at: c.agent?.connectedAt ?? null,
    queue_id: c.queue?.id ?? null,
    previous_contact_id: c.previousContactId ?? null,
    data: JSON.stringify(c),
  };
}

/**
 * The contact_attributes rows of a contact: [key, value], each as JSON text. JSON text, not the string itself: U+0000 and
 * unpaired surrogates become ASCII escapes, so PostgreSQL text holds (and compares) every value exactly. Only what a
 * search can name is indexed (SearchableContactAttributeKey/Value are at most 100 characters), which also keeps
 * every index entry far below PostgreSQL's btree row limit.
 */
/**
 * Whether the contact's attributes (or segment attributes) differ from those in its stored record (`storedData`, the data column before
 * this update). Most updates (every message moves the chat's times) leave attributes alone; their search rows are
 * then left alone too, instead of being deleted and written again.
 */
export function attributesChanged(c: Contact, storedData: string | undefined): boolean {
  if (storedData === undefined) return true;
  const stored = JSON.parse(storedData) as Partial<Contact>;
  // Segment attributes are searched from the same rows; a difference in key order only costs a rewrite.
  if (JSON.stringify(stored.segmentAttributes ?? null) !== JSON.stringify(c.segmentAttributes ?? null)) return true;
  const before = stored.attributes ?? {};
  const keys = Object.keys(c.attributes);
  if (keys.length !== Object.keys(before).length) return true;
  return keys.some((k) => !Object.hasOwn(before, k) || before[k] !== c.attributes[k]);
}

export function attributeRows(c: Contact): [string, string][] {
  const rows: [string, string][] = [];
  for (const [k, v] of Object.entries(c.attributes))
    if (charLength(k) <= SEARCHABLE_ATTRIBUTE_CHARS && charLength(v) <= SEARCHABLE_ATTRIBUTE_CHARS) rows.push([JSON.stringify(k), JSON.stringify(v)]);
  return rows;
}

/**
 * contact_attributes rows for the contact's segment attributes (StartChatContact SegmentAttributes), searched by
 * SearchableSegmentAttributes: the key is a JSON array `["segment","<key>"]`, which no contact attribute's key (a JSON
 * string) can equal, so both share one table and index. Only ValueString values a search can name are indexed
 * (keys up to 64 characters, values up to 128, as the model bounds the search's); connect:Subtype is searched
 * through its own column (case-insensitive) instead.
 */
export function segmentRows(c: Contact): [string, string][] {
  const rows: [string, string][] = [];
  for (const [k, v] of Object.entries(c.segmentAttributes ?? {}))
    if (k !== "connect:Subtype" && typeof v?.ValueString === "string" && charLength(k) <= SEARCHABLE_SEGMENT_KEY_CHARS && charLength(v.ValueString) <= SEARCHABLE_SEGMENT_VALUE_CHARS)
      rows.push([segmentKey(k), JSON.stringify(v.ValueString)]);
  return rows;
}

/** The contact_attributes key of a segment attribute (segmentRows). */
export const segmentKey = (k: string) => JSON.stringify(["segment", k]);

/** Every contact_attributes row of a contact: its searchable attributes and segment attributes. */
export const searchRows = (c: Contact): [string, string][] => [...attributeRows(c), ...segmentRows(c)];

/** A contact row; `last_at` is the AbsoluteTime (epoch ms) of the chat's newest item, when the statement read it. */
export interface ContactRow {
  data: string;
  last_at?: number | string | null;
}

/**
 * ContactRow.last_at as a column of a query over contacts row `c`: the AbsoluteTime of the chat's newest item, by
 * an index seek on items_chat (initial_contact_id, position) from its end and one row read.
 */
export const lastItemAtOf = (c: string) =>
  `(SELECT at FROM items i WHERE i.initial_contact_id = ${c}.initial_contact_id ORDER BY i.position DESC LIMIT 1) AS last_at`;

/** The record, with lastItemAt and updatedAt brought up to the chat's newest item (items do not rewrite the row). */
export function contactFrom(row: ContactRow): Contact {
  const c = JSON.parse(row.data) as Contact;
  // A contact that ended by a transfer keeps its own times: the chat's later items belong to the next contact.
  if (row.last_at != null && c.nextContactId === undefined) {
    const at = Number(row.last_at);
    if (at > c.lastItemAt) c.lastItemAt = at;
    if (at > c.updatedAt) c.updatedAt = at;
  }
  return c;
}

/** A contact search row: `last_message` is the body of the chat's newest persisted MESSAGE item, if any. */
export function searchedContactFrom(row: ContactRow & { last_message?: string | null }): Contact {
  const c = contactFrom(row);
  delete c.lastMessage; // records written before lastMessage was derived carried their own copy
  if (row.last_message) {
    const b = JSON.parse(row.last_message) as Item["body"];
    c.lastMessage = { content: clipLastMessage(b.Content ?? ""), at: Date.parse(b.AbsoluteTime), role: b.ParticipantRole! };
  }
  return c;
}
export const participantFrom = (row: { data: string }): Participant => JSON.parse(row.data) as Participant;

export function itemFrom(row: { position: number | string; contact_id: string; initial_contact_id: string; persisted: number | boolean; visibility: string; body: string }): Item {
  return {
    position: Number(row.position),
    contactId: row.contact_id,
    initialContactId: row.initial_contact_id,
    persisted: Boolean(row.persisted),
    visibility: row.visibility as Item["visibility"],
    body: JSON.parse(row.body) as Item["body"],
  };
}

export interface OutboxRow {
  id: number | string;
  kind: string;
  endpoint: string;
  initial_contact_id: string;
  item_id: string;
  message: string;
  attributes: string;
  attempts: number | string;
  next_at: number | string;
  last_error: string | null;
  created_at: number | string;
  lease_until: number | string;
}

export { laneOf } from "../domain/ports.js";

export function outboxFrom(r: OutboxRow): OutboxEntry {
  return {
    id: Number(r.id),
    kind: r.kind as OutboxEntry["kind"],
    endpoint: r.endpoint,
    initialContactId: r.initial_contact_id,
    itemId: r.item_id,
    message: r.message,
    attributes: JSON.parse(r.attributes) as Record<string, string>,
    attempts: Number(r.attempts),
    nextAt: Number(r.next_at),
    lastError: r.last_error ?? undefined,
    createdAt: Number(r.created_at),
  };
}

export interface SmsSendRow {
  item_id: string;
  initial_contact_id: string;
  destination_id: string;
  provider: string;
  provider_message_id: string | null;
  status: string;
  error: string | null;
  created_at: number | string;
}

export const smsSendValues = (x: SmsSend) =>
  [x.itemId, x.initialContactId, x.destinationId, x.provider, x.providerMessageId ?? null, x.status, x.error?.slice(0, 2000) ?? null, x.createdAt] as const;

export function smsSendFrom(r: SmsSendRow): SmsSend {
  return {
    itemId: r.item_id,
    initialContactId: r.initial_contact_id,
    destinationId: r.destination_id,
    provider: r.provider as SmsSend["provider"],
    ...(r.provider_message_id !== null ? { providerMessageId: r.provider_message_id } : {}),
    status: r.status,
    ...(r.error !== null ? { error: r.error } : {}),
    createdAt: Number(r.created_at),
  };
}

export function idempotencyFrom(r: Record<string, unknown>): IdempotencyRecord {
  return {
    accountId: String(r.account_id),
    operation: String(r.operation),
    key: String(r.key),
    fingerprint: String(r.fingerprint),
    result: String(r.result),
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
  };
}

/** Tokens are stored as SHA-256 digests: a copy of the database does not hand out live credentials. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
