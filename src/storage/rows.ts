// Row ⇄ record mapping shared by the SQL adapters: indexed columns plus the full record as JSON.
import type { IdempotencyRecord, OutboxEntry } from "../domain/ports.js";
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
    data: JSON.stringify(c),
  };
}

export const contactFrom = (row: { data: string }): Contact => JSON.parse(row.data) as Contact;
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
}

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
